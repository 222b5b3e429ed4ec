"""Time expressions: find them in text and resolve them against the publication date.

    find_times(text, published, doc=None, window=None) -> list[TimeExpr]
    resolve_time(expression, published) -> (value, precision)

A regular grammar (``timex_grammar``, lexicon in ``data/timex.yaml``) finds candidates; context
checks here drop non-dates ("may", "march on", "the Sunday Times", "the Good Friday Agreement",
a bare number) and read the clause's tense ("will meet on Tuesday" looks forward; "Monday's
attack" takes none); the resolver (``timex_resolve``) computes values. Only expressions with
day, week, month or year precision are returned; clock times, durations, sets ("every Friday"),
vague references ("recently", "now") and periods without a unit here (quarters, decades) are
not; a season ("last summer", "the spring of 2019") is given at year precision, its coarser
but faithful reading. "The next day", "later that year", "two days later" count from the time
mentioned before them (dropped when there is none, or it is too coarse).
Relative expressions in an undated article keep ``value=None`` and can be resolved later with
``resolve_time(expr.text, published)`` (not "the next day": it needs its context), or against
a window of possible publication days (``window="2020-01-04/2020-01-09"``): then an expression
gets a value only when every day of the window gives it the same one. The clock is never read.
"""
from __future__ import annotations

import re
from typing import Any, NamedTuple

from eventwire.analyze.timex_grammar import ANAPHORIC_RULES, Lexicon, lexicon, rules
from eventwire.analyze.timex_resolve import (Anchor, Resolution, parse_published, resolve, resolve_anaphor,
                                             window_days)
from eventwire.models import TimeExpr

_WORDS_BEFORE = re.compile(r"([A-Za-z]+(?:[\s-]+[A-Za-z]+)?)[\s-]*$")
_WORD_AFTER = re.compile(r"\s+([A-Z][\w.]*(?:\s+[A-Z]\w*)?)")
_LEADING_PREP = re.compile(r"^(?i:on|in|at|since|by|during|until|till|from|for|over)\s+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”(\[\n]|\n\s*)\s*$")
_CLAUSE_START = re.compile(r"[!?;:\n]|\.\s+(?=[A-Z\"“])|[\"“”]")
# only the bare readings of these change with the clause's tense
_TENSED_RULES = frozenset({"weekday", "month", "mdy", "dmy", "holiday"})
_YEAR_LIST = re.compile(r"(?:1[89]|20)\d\d\s*[,/]\s*$")
_MODIFIED_NOUN = re.compile(r"\s+[A-Za-z][a-z-]*(?<!s)\b(?!')")  # not a counted plural
_SET_WORDS = frozenset({"every", "each", "a", "the"})  # before a weekday: not a date
_NEXT_WORD = re.compile(r"[\s-]+([a-z][a-z-]*)\b(?!')")
_POSSESSIVE = re.compile(r"['’]s\b")
_DETERMINER_BEFORE = re.compile(r"(?:\b[Tt]he|\w['’]s)\s+$")


class _Candidate(NamedTuple):
    start: int
    end: int
    rule: str
    match: re.Match

    @property
    def groups(self) -> dict[str, Any]:
        return self.match.groupdict()

    def group_start(self, name: str) -> int:
        return self.match.start(name) if self.match.group(name) else self.start


def find_times(text: str, published: str | None, doc=None, window: str | None = None) -> list[TimeExpr]:
    """Date-like time expressions in ``text``, resolved against ``published`` (ISO 8601).

    ``doc`` (the spaCy Doc of ``text``) is optional; when given, its part-of-speech tags
    reject verb readings of month names and its DATE entities admit bare years. ``window``
    ("YYYY-MM-DD/YYYY-MM-DD", used only when ``published`` is None) gives the days the
    article may have been published on.
    """
    lex, anchors = lexicon(), _anchors(published, window)
    found: list[TimeExpr] = []
    last_plain: TimeExpr | None = None  # the last time not itself counted from another
    for cand in _select(_candidates(text, lex, doc)):
        if cand.rule in ANAPHORIC_RULES:
            # "that day", "the next day" follow the narrative; "(up from X) a year earlier"
            # compares with the time under discussion, not with the last comparison
            ref = last_plain if cand.rule == "anaphor_count" else (found[-1] if found else None)
            res = _resolve_anaphor(cand, ref, lex)
        else:
            tense = _tense(text, cand, lex) if cand.rule in _TENSED_RULES else None
            res = _resolve_over(cand.rule, cand.groups, anchors, lex, tense)
        if res is not None:
            found.append(_expr(text, cand, res))
            last_plain = found[-1] if cand.rule not in ANAPHORIC_RULES else last_plain
    return found


def _anchors(published: str | None, window: str | None) -> list[Anchor | None]:
    if published or not window:
        return [parse_published(published)]
    return [Anchor(day, "day") for day in window_days(window)] or [None]


def _resolve_over(rule: str, groups: dict, anchors: list[Anchor | None], lex: Lexicon,
                  tense: str | None) -> Resolution | None:
    """The resolution every anchor agrees on; value None (still relative) when they differ."""
    results = [resolve(rule, groups, anchor, lex, tense) for anchor in anchors]
    first = results[0]
    if first is None or all(r == first for r in results):
        return first
    if any(r is None for r in results):
        return None
    return Resolution(None, first.precision, relative=True)


def _resolve_anaphor(cand: _Candidate, ref: TimeExpr | None, lex: Lexicon) -> Resolution | None:
    """"The next day" counts from the last time mentioned before it; with none, it is dropped;
    when that time is still relative (undated article), so is this one."""
    if ref is None or ref.precision is None:
        return None
    got = resolve_anaphor(cand.groups, ref.value, ref.precision, lex)
    return Resolution(*got, relative=True) if got else None


def resolve_time(expression: str, published: str | None,
                 tense: str | None = None) -> tuple[str | None, str | None]:
    """(value, precision) of one expression, e.g. ``resolve_time("last week", "2020-01-05")``.

    Returns (None, precision) when it is relative and ``published`` is unknown, and
    (None, None) when the expression is not a date this grammar understands. ``tense``
    ("future" | "past" | None) is what find_times reads from the clause ("talks will resume on
    Tuesday"); it only changes bare weekdays, months and days without a year.
    """
    lex, anchor = lexicon(), parse_published(published)
    expr = _LEADING_PREP.sub("", expression.strip().rstrip(".,;:!?)"))
    for name, pattern in rules().items():
        m = pattern.fullmatch(expr)
        if m:
            res = resolve(name, m.groupdict(), anchor, lex, tense)
            if res is not None:
                return res.value, res.precision
    return None, None


def _expr(text: str, cand: _Candidate, res: Resolution) -> TimeExpr:
    return TimeExpr(text=text[cand.start:cand.end], start=cand.start, end=cand.end,
                    value=res.value, precision=res.precision, relative=res.relative)


def _candidates(text: str, lex: Lexicon, doc) -> list[_Candidate]:
    out = []
    for name, pattern in rules().items():
        for m in pattern.finditer(text):
            cand = _Candidate(m.start(), m.end(), name, m)
            if _plausible(cand, text, lex, doc):
                out.append(cand)
    return out


def _select(cands: list[_Candidate]) -> list[_Candidate]:
    """Longest matches first, then leftmost; no two kept candidates overlap."""
    kept: list[_Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.start)):
        if all(c.end <= k.start or c.start >= k.end for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)


def _tense(text: str, cand: _Candidate, lex: Lexicon) -> str | None:
    """"future" after a future cue ("will", "scheduled", "payable") in the same clause with no
    past reporting verb ("said") after it; "past" after a past event verb ("killed"); else None.
    A date modifying a noun ("Monday's attack", "the Aug. 7 bombings") takes no tense from
    the clause; only "ahead of" and the like right before it make it look forward."""
    start = cand.start
    if _modifier(text, cand, lex):
        return "future" if lex.attributive_future_cues.search(text, max(0, start - 30), start) else None
    window = text[max(0, start - 120):start]
    cuts = [m.end() for m in _CLAUSE_START.finditer(window)]
    clause_start = cuts[-1] if cuts else 0
    cues = list(lex.future_cues.finditer(window, clause_start))
    if cues and not lex.past_reporting.search(window, cues[-1].end()):
        return "future"
    return "past" if lex.past_cues.search(window, clause_start) else None


# --- context checks -------------------------------------------------------------------------

def _plausible(c: _Candidate, text: str, lex: Lexicon, doc) -> bool:
    check = _CHECKS.get(c.rule)
    return check(c, text, lex, doc) if check else True


def _words_before(text: str, start: int) -> tuple[str, str]:
    """(last word, last two words) before ``start``, lower-cased."""
    m = _WORDS_BEFORE.search(text[max(0, start - 40):start])
    if not m:
        return "", ""
    two = " ".join(m.group(1).lower().replace("-", " ").split())
    return two.split()[-1], two


def _cued(text: str, start: int, cues: frozenset[str]) -> bool:
    last, two = _words_before(text, start)
    return last in cues or two in cues


def _at_sentence_start(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 4):start]))


def _next_is_name(text: str, end: int, lex: Lexicon) -> bool:
    """A capitalised word follows that is not itself part of a date ("October Revolution")."""
    m = _WORD_AFTER.match(text, end)
    if not m:
        return False
    word = m.group(1).split()[0].rstrip(".").lower()
    same_line = "\n" not in text[end:m.start(1)]
    return same_line and word not in lex.months and word not in lex.weekdays


def _prev_is_name(text: str, start: int, lex: Lexicon, cues: frozenset[str]) -> bool:
    """A capitalised word (not a cue, not starting a sentence) precedes: "Black September"."""
    m = re.search(r"([A-Z][a-z]+)\s+$", text[max(0, start - 30):start])
    if not m or m.group(1).lower() in cues:
        return False
    return not _at_sentence_start(text, start - len(m.group(0)))


def _modifier(text: str, c: _Candidate, lex: Lexicon) -> bool:
    """The date modifies a noun: "Monday's attack", "the Friday explosions", "the March accord"."""
    if _POSSESSIVE.match(text, c.end):
        return True
    determined = _DETERMINER_BEFORE.search(text, max(0, c.start - 6), c.start)
    return bool(determined) and _noun_follows(text, c.end, lex)


def _noun_follows(text: str, end: int, lex: Lexicon) -> bool:
    """A lower-case content word follows (on the same line)."""
    m = _NEXT_WORD.match(text, end)
    return bool(m) and "\n" not in m.group(0) and m.group(1) not in lex.function_words


def _is_verb(doc, start: int) -> bool:
    if doc is None:
        return False
    span = doc.char_span(start, start + 1, alignment_mode="expand")
    return span is not None and span[0].pos_ in ("VERB", "AUX")


def _in_date_entity(doc, start: int, end: int) -> bool:
    if doc is None:
        return False
    return any(e.label_ == "DATE" and e.start_char <= start and end <= e.end_char for e in doc.ents)


def _check_month(c: _Candidate, text: str, lex: Lexicon, doc) -> bool:
    start = c.group_start("month")
    if _is_verb(doc, start):
        return False
    if c.groups.get("mod") or c.groups.get("rel") or c.groups.get("yrel"):
        return True
    if _cued(text, c.start, lex.month_cues) or _modifier(text, c, lex):  # "the March accord"
        return True
    return (c.groups["month"].lower() not in lex.ambiguous_months
            and not _next_is_name(text, c.end, lex)
            and not _prev_is_name(text, c.start, lex, lex.month_cues))


def _check_day_month(c: _Candidate, text: str, lex: Lexicon, doc) -> bool:
    # "May 5" at a sentence start could be the modal before a number ("May 5 more follow?"): rare;
    # only a verb reading from the parser rejects it.
    return not _is_verb(doc, c.group_start("month"))


def _check_year(c: _Candidate, text: str, lex: Lexicon, doc) -> bool:
    """A bare four-digit number is a year only in a year context; a spelled-out one
    ("nineteen ninety-six") always is; one before a time zone never is ("1930 GMT")."""
    if lex.clock_suffix.match(text, c.end):
        return False
    if c.groups.get("mod") or not c.groups["year"][0].isdigit() or _cued(text, c.start, lex.year_cues):
        return True
    before = text[max(0, c.start - 12):c.start]
    if _YEAR_LIST.search(before):  # "in 1994, 1995 and 1997"
        return True
    if _determined(before, lex) and _MODIFIED_NOUN.match(text, c.end):
        return True
    return _in_date_entity(doc, c.start, c.end)


def _determined(before: str, lex: Lexicon) -> bool:
    if before.endswith("'s ") or before.endswith("’s "):
        return True
    words = before.split()
    return bool(words) and words[-1].lower() in lex.year_determiners


def _check_weekday(c: _Candidate, text: str, lex: Lexicon, doc) -> bool:
    if c.groups.get("mod") or c.groups.get("rel"):
        return True
    last, _ = _words_before(text, c.start)
    if last in lex.weekday_name_prefixes or lex.weekday_titles.match(text, c.end):
        return False
    # "a Friday", "every Friday" are no dates; "the Friday bombing" is
    return last not in _SET_WORDS or (last == "the" and _modifier(text, c, lex))


def _check_holiday(c: _Candidate, text: str, lex: Lexicon, doc) -> bool:
    """Not part of a name ("the Good Friday Agreement", "Christmas Island"); a one-word holiday
    before a noun is no date either ("a Christmas tree", "Easter eggs")."""
    g = c.groups
    if _next_is_name(text, c.end, lex):
        return False
    return bool(" " in g["holiday"].strip() or g.get("weekof") or g.get("rel")
                or not _noun_follows(text, c.end, lex))


def _check_year_end(c: _Candidate, text: str, lex: Lexicon, doc) -> bool:
    return _cued(text, c.start, lex.year_end_cues)


_CHECKS = {
    "month": _check_month,
    "month_year": _check_day_month,
    "mdy": _check_day_month,
    "dmy": _check_day_month,
    "year": _check_year,
    "weekday": _check_weekday,
    "holiday": _check_holiday,
    "year_end": _check_year_end,
}

"""Grammar of time expressions: named regular expressions built from ``data/timex.yaml``.

Each rule's named groups are what ``timex_resolve`` reads. Month and weekday names must be
capitalised (or all caps) so the modal "may" or the verb "march" never match; cue words
("last", "early", "in") are matched in any case.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).parent / "data" / "timex.yaml"

RULE_NAMES = ("iso", "numeric", "mdy", "dmy", "month_year", "month", "year",
              "unit_rel", "unit_the", "weekend", "day_word", "weekday", "ago",
              "holiday", "season_rel", "season_year", "anaphor", "anaphor_count", "year_end")
# Rules whose value counts from the time of the expression before them ("the next day"),
# not from the publication date.
ANAPHORIC_RULES = frozenset({"anaphor", "anaphor_count"})


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]            # lower-case full name or abbreviation -> 1..12
    full_months: tuple[str, ...]
    abbreviations: tuple[str, ...]
    ambiguous_months: frozenset[str]  # lower-case
    month_cues: frozenset[str]
    year_cues: frozenset[str]
    year_determiners: frozenset[str]
    year_end_cues: frozenset[str]     # before "year-end" meaning this year's ("by year-end")
    clock_suffix: re.Pattern          # after a four-digit number: it is a clock time ("1930 IST")
    weekdays: dict[str, int]          # lower-case -> 0 (Monday) .. 6
    weekday_titles: re.Pattern        # matches right after a weekday that starts a title
    weekday_name_prefixes: frozenset[str]
    day_parts: tuple[str, ...]
    numbers: dict[str, int]
    future_window_days: int
    future_window_months: int
    future_cues: re.Pattern
    past_reporting: re.Pattern
    past_cues: re.Pattern
    part_of_month_start: dict[str, int]  # "early" -> 1, "end of" -> -7 (from the month's end)
    holiday_names: tuple[str, ...]       # as written (capitalised): matched in that case only
    holidays: dict[str, dict[str, int]]  # lower-case name -> {month, day} | {month, weekday, nth} | {easter}
    seasons: dict[str, tuple[int, int]]  # lower-case -> (first month, last month)
    function_words: frozenset[str]       # after a date, these show it is not a noun modifier
    attributive_future_cues: re.Pattern  # "ahead of Sunday's vote": a modifier date that looks forward


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The lexicon, read once from the package data."""
    raw = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    full = {w: int(m) for m, words in raw["months"].items() for w in words}
    abbr = {w: int(m) for m, words in raw["month_abbreviations"].items() for w in words}
    lower = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return Lexicon(
        months={w.lower(): m for w, m in {**abbr, **full}.items()},
        full_months=tuple(full), abbreviations=tuple(abbr),
        ambiguous_months=lower(raw["ambiguous_months"]),
        month_cues=lower(raw["month_cues"]), year_cues=lower(raw["year_cues"]),
        year_determiners=lower(raw["year_determiners"]),
        year_end_cues=lower(raw["year_end_cues"]),
        clock_suffix=re.compile(rf"\s*{_alt(raw['clock_suffixes'], exact=True)}(?!\w)"),
        weekdays={w.lower(): i for i, w in enumerate(raw["weekdays"])},
        weekday_titles=re.compile(rf"\s+{_alt(raw['weekday_title_words'], exact=True)}\b"),
        weekday_name_prefixes=lower(raw["weekday_name_prefixes"]),
        day_parts=tuple(raw["day_parts"]),
        numbers={str(k).lower(): int(v) for k, v in raw["numbers"].items()},
        future_window_days=int(raw["future_window_days"]),
        future_window_months=int(raw["future_window_months"]),
        future_cues=re.compile(rf"(?:(?<![\w-])|(?=')){_alt(raw['future_cues'])}(?!\w)"),
        past_reporting=re.compile(rf"(?<![\w-]){_alt(raw['past_reporting_verbs'])}(?!\w)"),
        past_cues=re.compile(rf"(?<![\w-]){_alt(raw['past_cues'])}(?!\w)"),
        part_of_month_start={str(k): int(v) for k, v in raw["part_of_month_start"].items()},
        holiday_names=tuple(str(k) for k in raw["holidays"]),
        holidays={holiday_key(k): {f: int(n) for f, n in v.items()} for k, v in raw["holidays"].items()},
        seasons={str(k).lower(): (int(v[0]), int(v[1])) for k, v in raw["seasons"].items()},
        function_words=lower(raw["function_words"]),
        attributive_future_cues=re.compile(
            rf"(?<![\w-]){_alt(raw['attributive_future_cues'])}\s+(?:the\s+)?$"),
    )


def holiday_key(name) -> str:
    """Lookup form of a name: lower case, one space, straight apostrophe."""
    return " ".join(str(name).lower().replace("’", "'").split())


def _alt(words, capitalised: bool = False, exact: bool = False) -> str:
    """Regex alternation, longest first; capitalised words also match in ALL CAPS; ``exact``
    keeps the case as written, otherwise the words match in any case."""
    forms = set()
    for w in words:
        forms.update((w[:1].upper() + w[1:], w.upper()) if capitalised else (w,))
    ordered = sorted(forms, key=len, reverse=True)
    body = "|".join(re.escape(f).replace("\\ ", " ").replace(" ", r"\s+") for f in ordered)
    return f"(?:{body})" if capitalised or exact else f"(?i:{body})"


def _words_worth(lex: Lexicon, low: int, high: int, step: int = 1) -> str:
    """Alternation of the spelled-out numbers from ``low`` to ``high`` (by ``step``)."""
    return _alt([w for w, n in lex.numbers.items()
                 if low <= n <= high and (n - low) % step == 0 and w not in ("a", "an")])


def _spelled_year(lex: Lexicon) -> str:
    """"nineteen ninety-six", "twenty twenty", "the year two thousand (and one)"; a bare "two
    thousand ..." is a count far more often than a year, so it needs "year" before it."""
    ones, teens, tens = _words_worth(lex, 1, 9), _words_worth(lex, 10, 19), _words_worth(lex, 20, 90, 10)
    two_digits = rf"(?:{tens}(?:[\s-]+{ones})?|{teens}|(?i:oh)[\s-]+{ones})"
    return (rf"(?i:nineteen|twenty)[\s-]+{two_digits}(?![\w-])"
            rf"|(?<=[Yy]ear\s)(?i:two\s+thousand)(?:\s+(?:(?i:and)\s+)?(?:{two_digits}|{ones}))?(?![\w-])")


def _names(names) -> str:
    """Alternation of proper names as written (either apostrophe), longest first."""
    ordered = sorted(names, key=len, reverse=True)
    body = (re.escape(n).replace("\\ ", " ").replace(" ", r"\s+").replace("'", "['’]") for n in ordered)
    return "(?:" + "|".join(body) + ")"


def _patterns(lex: Lexicon) -> dict[str, str]:
    mon_any = _alt(lex.full_months + lex.abbreviations, capitalised=True)
    mon_full = _alt(lex.full_months, capitalised=True)
    weekday = _alt([w.capitalize() for w in lex.weekdays], capitalised=True)
    part = _alt(lex.day_parts)
    number = r"\d{1,3}|" + _alt(lex.numbers)
    day = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d|[,.]\d)"
    year = rf"(?P<year>1[89]\d\d|20\d\d|{_spelled_year(lex)})(?!\w|[,.]\d)"  # older years are rare
    # "early", "mid-", "the end of" ... before a month or a year
    part_of = r"(?:the\s+)?(?:end|beginning|start|middle)\s+of"
    mod = rf"(?:(?P<mod>(?i:early|late|mid|{part_of}))(?:\s+|-))"
    mod_rel = rf"(?:(?P<mod>(?i:early|late|earlier|later|{part_of}))\s+)"
    rel = r"(?i:last|next|this\s+past|this\s+coming|this)"
    wd_prefix = rf"(?:(?P<wd>{weekday}),?\s+)?"
    week_of = r"(?:(?P<weekof>(?i:the\s+week\s+of))\s+)?"  # "the week of March 6": its week
    # a clock time before a weekday ("until 9 a.m. EST Tuesday") belongs to the expression
    clock = r"(?:\d{1,2}(?::\d\d)?\s*(?i:a\.m\.|p\.m\.|am\b|pm\b)(?:\s+[A-Z]{2,4}\b)?|(?i:noon|midnight))"
    season = _alt(lex.seasons)
    holiday = _names(lex.holiday_names)
    nb = r"(?<![\w])"
    return {
        "iso": r"(?<![\w/.-])(?P<year>\d{4})(?P<sep>[-/])(?P<month>1[0-2]|0?[1-9])(?P=sep)"
               r"(?P<day>3[01]|[12]\d|0?[1-9])(?![\d/])(?!-\d)",
        "numeric": r"(?<![\w/.-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
                   r"(?P<year>(?:19|20)\d\d)(?![\d/])(?!-\d)",
        "mdy": rf"{nb}{week_of}{wd_prefix}(?P<month>{mon_any})\.?\s+{day}(?:,?\s+{year})?",
        "dmy": rf"(?<![\w,.$]){week_of}(?:(?P<wd>{weekday}),?\s+)?(?:(?i:the)\s+)?{day}(?:\s+(?i:of))?\s+"
               rf"(?P<month>{mon_any})(?!\w)\.?(?:,?\s+{year})?",
        "month_year": rf"{nb}{mod}?(?P<month>{mon_any})(?!\w)\.?(?:,|\s+(?i:of))?\s+{year}",
        "month": rf"{nb}{mod}?(?:(?P<rel>{rel})\s+)?(?P<month>{mon_full})(?!\w)"
                 rf"(?:,?\s+(?:(?i:of)\s+)?(?P<yrel>{rel})\s+(?i:year)(?!\w))?",
        "year": rf"(?<![\w$£€#,.]){mod}?{year}",
        "unit_rel": rf"{nb}(?<![Tt]he\s){mod_rel}?(?P<rel>{rel}|(?i:(?:the\s+)?current))\s+"
                    r"(?P<unit>(?i:weekend|week|month|year))(?!\w)",
        "unit_the": rf"{nb}(?P<mod>(?i:{part_of}))\s+(?i:the)\s+"
                    r"(?P<unit>(?i:week|month|year))(?!\w)",
        "weekend": rf"{nb}(?i:the)\s+(?P<unit>(?i:weekend))(?!\w)",
        "day_word": rf"{nb}(?:(?P<mod>(?i:early|late|earlier|later))\s+)?(?P<word>(?i:today|tonight|"
                    r"yesterday|tomorrow|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|"
                    rf"last\s+night|this\s+morning|this\s+afternoon|this\s+evening))(?:\s+{part})?(?!\w)",
        "weekday": rf"{nb}(?:{clock}\s+(?:(?i:on)\s+)?)?"
                   rf"(?:(?P<mod>(?i:early|late|earlier|later))(?:\s+(?i:on))?\s+)?"
                   rf"(?:(?P<rel>{rel}|(?i:past|coming))\s+)?(?P<wd>{weekday})(?!\w)(?:\s+{part})?(?!\w)",
        "ago": rf"{nb}(?P<num>{number})\s+(?P<unit>(?i:day|week|month|year))s?(?:\s+(?i:or\s+so))?\s+"
               r"(?i:ago)(?!\w)",
        # "by year-end", "before year's end": the current year (after ``year_end_cues`` only)
        "year_end": rf"{nb}(?P<unit>[Yy]ear)(?:['’]s\s+|-|\s+)(?i:end)(?!\w)",
        "holiday": rf"{nb}(?:(?P<rel>{rel}|(?i:past|coming))\s+)?(?P<holiday>{holiday})(?!\w)"
                   rf"(?:,?\s+(?:(?i:of)\s+)?{year}|\s+(?P<weekof>(?i:week))(?!\w))?",
        # a season is read at year precision (the only unit eventwire has that holds it); with
        # "last"/"this"/"next" or a year only: "the fall of Kabul", "spring water" are no dates
        "season_rel": rf"{nb}(?<![Tt]he\s)(?:(?i:early|late|mid)(?:\s+|-))?(?P<rel>{rel}|(?i:past|coming))\s+"
                      rf"(?P<season>{season})(?!\w)(?!\s+(?i:of|in|from|to|by|and)\b)",
        "season_year": rf"{nb}(?:(?i:the)\s+)?(?:(?i:early|late|mid)(?:\s+|-))?(?P<season>{season})"
                       rf"(?:\s+(?i:of))?\s+{year}",
        # "that day", "later that year", "the following week", "the next morning" ("the next
        # week/year" is a stretch from now, not from the last time mentioned)
        "anaphor": rf"{nb}(?:(?P<within>(?i:earlier|later)\s+(?i:in|during)\s+(?i:the))"
                   rf"|(?:(?i:early|earlier|late|later)\s+(?:(?i:in|on)\s+)?)?"
                   rf"(?:(?P<same>(?i:that\s+same|that|the\s+same))"
                   rf"|(?i:the)\s+(?P<step>(?i:following|previous|preceding|next(?=\s+(?:{part}|(?i:day)))))))"
                   rf"\s+(?P<unit>(?i:day|week|month|year)|{part})"
                   r"(?![\w-])(?!\s+(?i:after|by|to|or)\s)",
        "anaphor_count": rf"{nb}(?P<num>{number})\s+(?P<unit>(?i:day|week|month|year))s?\s+"
                         r"(?P<dir>(?i:later|earlier))(?!\w)(?!\s+(?i:than)\b)",
    }


@lru_cache(maxsize=1)
def rules() -> dict[str, re.Pattern]:
    """Compiled rules by name, in RULE_NAMES order."""
    pats = _patterns(lexicon())
    return {name: re.compile(pats[name]) for name in RULE_NAMES}

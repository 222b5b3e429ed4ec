"""Which lines of one article's stretch of page are body text.

1. cue lines (sign-in prompts and their bullets, comment policies, donation appeals, cookie
   notices, share widgets, pagers, credit lines) and the site's recurring lines are dropped;
2. the main body is the densest run of prose lines (maximum-sum run: prose scores its length,
   other lines a penalty), in the spirit of body-text extraction;
3. a footer heading ("Related Links", "Comments", "Sponsored Links") after the body start ends
   the body: the rest of the stretch goes;
4. inside the body, headlines of other stories (mixed-case title lines between paragraphs) and
   cut-off teasers standing under a headline are dropped.
"""
from __future__ import annotations

from .cues import cues
from .meta import date_line
from .text import Line, ends_sentence, is_bullet, is_headline_shaped, is_sentence_like

MAX_CUE_WORDS = 60          # a cue inside a longer paragraph is not boilerplate of its own
SHORT_PENALTY = 35          # weight of a navigation-like line (1-3 words) against prose characters
PHRASE_PENALTY = 10         # a 4+ word line without sentence punctuation (subhead, list item)
DROPPED_PENALTY = 10
FOOTER_MIN_SHARE = 0.3      # body above a footer heading: this share of the prose below it,
FOOTER_MIN_CHARS = 400      # or at least this much prose
LIST_ITEM_WORDS = 3         # an item of a list announced with a colon
RESUME_WITHIN = 10          # lines after a "Related" heading in which the story may resume


def mark_cues(lines: list[Line], site_boilerplate: set[str] | None = None) -> list[str]:
    """Mark boilerplate lines in place; return the credited names of "continue reading at X" lines."""
    c = cues()
    credits: list[str] = []
    in_prompt = False
    for ln in lines:
        if in_prompt and is_bullet(ln.text):
            ln.drop = "prompt"
            continue
        in_prompt = False
        if site_boilerplate and ln.text in site_boilerplate:
            ln.drop = "site"
        elif (credit := c.credit_of(ln.text)) is not None:
            ln.drop = "credit"
            credits.append(credit)
        elif ln.words <= MAX_CUE_WORDS and (kind := c.line_kind(ln.text)):
            ln.drop = kind
        if ln.words <= 15 and c.is_prompt(ln.text):
            in_prompt = True
            ln.drop = ln.drop or ("prompt" if _next_is_bullet(lines, ln.idx) else None)
    return credits


def _next_is_bullet(lines: list[Line], idx: int) -> bool:
    nxt = [ln for ln in lines if ln.idx > idx][:1]
    return bool(nxt) and is_bullet(nxt[0].text)


def line_score(ln: Line) -> float:
    if ln.drop:
        return -DROPPED_PENALTY
    if is_sentence_like(ln.text):
        return len(ln.text)
    if ln.words >= 15:
        return len(ln.text) / 3
    return -PHRASE_PENALTY if ln.words >= 4 else -SHORT_PENALTY


def densest_run(lines: list[Line]) -> tuple[int, int]:
    """(start, end) positions in ``lines`` of the maximum-sum run of line scores; (0, 0) if none."""
    best, best_span = 0.0, (0, 0)
    total, start = 0.0, 0
    for i, ln in enumerate(lines):
        if total <= 0:
            total, start = 0.0, i
        total += line_score(ln)
        if total > best:
            best, best_span = total, (start, i + 1)
    return best_span


def _prose_chars(lines: list[Line]) -> int:
    return sum(len(ln.text) for ln in lines if not ln.drop and is_sentence_like(ln.text))


def _among_widgets(lines: list[Line], i: int) -> bool:
    """"Comments" next to "Share" / "Print" buttons is a widget label, not a section heading."""
    near = lines[max(0, i - 1):i] + lines[i + 1:i + 2]
    return any(ln.drop in ("share", "pager") for ln in near)


def extend_list(lines: list[Line], end: int) -> int:
    """The body's last line announces a list ("... tour dates:"): take the list items too."""
    if end < len(lines) and not lines[end].drop and lines[end].text.endswith(":"):
        end += 1                        # the announcing line itself, too short to be prose
    last = next((ln for ln in reversed(lines[:end]) if not ln.drop), None)
    if not last or not last.text.endswith(":"):
        return end
    while end < len(lines) and not lines[end].drop and lines[end].words >= LIST_ITEM_WORDS:
        end += 1
    return end


def cut_footer(lines: list[Line], start: int, end: int) -> int:
    """Position of the first footer heading that follows enough body, else len(lines). A heading
    with little prose above it and much below (within the body run) is a header link, not a
    footer; an inline "Related" box (prose resumes after its teasers) is dropped by itself."""
    i = start + 1
    while i < len(lines):
        ln = lines[i]
        kind = cues().footer_kind(ln.text) if ln.words <= 16 else None
        kind = kind or ("related" if _is_teaser_header(lines, i) else None)
        if kind and not _among_widgets(lines, i) and _enough_above(lines, start, i, end):
            resume = _prose_resumes(lines, i) if kind == "related" else None
            if resume is None:
                return i
            for j in range(i, resume):
                lines[j].drop = lines[j].drop or "related"
            i = resume
        i += 1
    return len(lines)


def _is_teaser_header(lines: list[Line], i: int) -> bool:
    """A headline with a date line right under it (maybe after a byline): a listing of stories."""
    if not is_headline_shaped(lines[i].text):
        return False
    return any(date_line(ln.text, max_rest_words=4) for ln in lines[i + 1:i + 3])


def _enough_above(lines: list[Line], start: int, i: int, end: int) -> bool:
    above = _prose_chars(lines[start:i])
    return above >= FOOTER_MIN_CHARS or above > 0 and above >= FOOTER_MIN_SHARE * _prose_chars(lines[i:end])


def _prose_resumes(lines: list[Line], i: int) -> int | None:
    """Where two consecutive prose paragraphs start within a few lines after a heading."""
    for j in range(i + 1, min(i + 1 + RESUME_WITHIN, len(lines) - 1)):
        if all(not ln.drop and is_sentence_like(ln.text) for ln in lines[j:j + 2]):
            return j
    return None


def is_other_headline(lines: list[Line], i: int) -> bool:
    """A mixed-case title line standing between prose paragraphs: another story's headline."""
    text = lines[i].text
    if not is_headline_shaped(text, min_words=5, max_words=20) or text.isupper() or ends_sentence(text):
        return False
    if text[0] in "-–—•*" or text[-1] in "-–—:":
        return False
    prev = next((ln for ln in reversed(lines[:i]) if not ln.drop), None)
    nxt = next((ln for ln in lines[i + 1:] if not ln.drop), None)
    return bool(prev and nxt and is_sentence_like(prev.text) and is_sentence_like(nxt.text))


def teaser_fix(lines: list[Line], i: int) -> None:
    """A paragraph cut off with "... read more": keep its text when it continues the body,
    drop it when it stands under a headline (a teaser of another story)."""
    ln = lines[i]
    m = cues().teaser.search(ln.text)
    if not m:
        return
    prev = next((p for p in reversed(lines[:i]) if not p.drop), None)
    if prev and is_sentence_like(prev.text):
        ln.text = ln.text[: m.start()].rstrip()
    else:
        ln.drop = "teaser"


def select_body(lines: list[Line], first: int = 0, whole: bool = False) -> tuple[int, int]:
    """Mark everything outside the body as dropped; return the body's (start, end) positions.
    ``first`` = position before which the body may not start (header metadata); ``whole``: the
    lines are already an extracted body, so no search for the densest run."""
    start, end = (0, len(lines) - first) if whole else densest_run(lines[first:])
    start, end = start + first, end + first
    if end <= start:
        for ln in lines:
            ln.drop = ln.drop or "outside"
        return 0, 0
    end = extend_list(lines, end)
    stop = cut_footer(lines, start, end)
    end = min(end, stop)
    for i, ln in enumerate(lines):
        if i < start or i >= end:
            ln.drop = ln.drop or ("footer" if i >= stop else "outside")
    for i in range(start, end):
        if not lines[i].drop:
            teaser_fix(lines, i)
    for i in range(start, end):
        if not lines[i].drop and is_other_headline(lines, i):
            lines[i].drop = "headline"
    return start, end

"""Pages holding several articles: a headline followed by a dated dateline ("Tehran (AFP) Sept
26, 2020") or a date line, then prose, after an earlier body, starts a new article."""
from __future__ import annotations

from .meta import byline_of, date_line, standalone_dateline
from .text import Line, is_headline_shaped, is_sentence_like


def _kept_after(lines: list[Line], i: int, n: int) -> list[int]:
    return [j for j in range(i + 1, len(lines)) if not lines[j].drop][:n]


def _is_dated_header(text: str) -> bool:
    dl = standalone_dateline(text)
    if dl and (dl.date or dl.agency):
        return True
    hit = date_line(text, max_rest_words=5)
    return hit is not None


def _starts_article(lines: list[Line], i: int) -> bool:
    if lines[i].drop or not is_headline_shaped(lines[i].text, 3, 25):
        return False
    nxt = list(range(i + 1, min(i + 3, len(lines))))   # adjacent lines: no widget in between
    for k, j in enumerate(nxt):
        if _is_dated_header(lines[j].text):
            prose = _kept_after(lines, j, 2)
            return len(prose) == 2 and all(is_sentence_like(lines[p].text) for p in prose)
        if k == 0 and not byline_of(lines[j].text):
            return False
    return False


def article_starts(lines: list[Line]) -> list[int]:
    """Positions where articles start; always begins with 0."""
    starts, prose = [0], 0
    for i, ln in enumerate(lines):
        if prose >= 2 and _starts_article(lines, i):
            starts.append(i)
            prose = 0
        elif not ln.drop and is_sentence_like(ln.text):
            prose += 1
    return starts

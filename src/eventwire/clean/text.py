"""Line normalisation and shape features of plain-text lines."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACE = re.compile(r"\s+")
_SENT_END = re.compile(r"[.!?…:;。！？][\"'”’»)\]」』]*$|[\"”’»」』]$")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_INNER_SENT = re.compile(r"[a-z0-9\"”’)][.!?][\"”’]?\s+[A-Z\"“‘]")
_BULLET = re.compile(r"^[•·▪◦●■\-–*>»]\s*")
_WORD = re.compile(r"\w+", re.UNICODE)


def normalise(line: str) -> str:
    """Collapse whitespace runs (NBSP included) into one space; strip; drop invisible marks."""
    line = "".join(ch for ch in line if unicodedata.category(ch) != "Cf")
    return _SPACE.sub(" ", line).strip()


def key(text: str) -> str:
    """Comparison key: lowercase letters and digits only, so that near-duplicates differing
    only by punctuation or spacing compare equal."""
    return "".join(ch for ch in text.lower() if ch.isalnum())


@dataclass
class Line:
    """One non-empty line of a page, with its raw form (datelines need the raw spacing)."""

    idx: int
    raw: str
    text: str
    drop: str | None = None     # why the line is not body text (None = kept so far)

    @property
    def words(self) -> int:
        return word_count(self.text)

    @property
    def key(self) -> str:
        return key(self.text)


def split_lines(text: str) -> list[Line]:
    out: list[Line] = []
    for raw in text.splitlines():
        norm = normalise(raw)
        if norm:
            out.append(Line(len(out), raw, norm))
    return out


def word_count(text: str) -> int:
    """Words; for scripts written without spaces (CJK) about two characters make a word."""
    cjk = len(_CJK.findall(text))
    return len(text.split()) + cjk // 2


def ends_sentence(text: str) -> bool:
    return bool(_SENT_END.search(text))


def is_sentence_like(text: str, min_words: int = 8) -> bool:
    """Prose: enough words and sentence punctuation (at the end or between sentences)."""
    n = word_count(text)
    if n < min_words:
        return False
    return ends_sentence(text) or bool(_INNER_SENT.search(text)) and n >= 15


def is_bullet(text: str) -> bool:
    return bool(_BULLET.match(text)) and len(text) > 2


def is_headline_shaped(text: str, min_words: int = 3, max_words: int = 25) -> bool:
    """A standalone title: a handful of words, no sentence punctuation at the end."""
    n = len(text.split())
    if not min_words <= n <= max_words or text.endswith((".", ",", ";", ":", "…")):
        return False
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and text[0].isupper() or text[0] in "\"'“‘«(["


def title_case_ratio(text: str) -> float:
    words = [w for w in _WORD.findall(text) if w[0].isalpha()]
    if not words:
        return 0.0
    return sum(w[0].isupper() for w in words) / len(words)

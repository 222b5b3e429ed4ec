"""Metadata lines of an article header: datelines, bylines, source and agency credits."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .cues import DATA, cues
from .dates import DateHit, find_date
from .text import normalise

_NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:al|el|bin|ibn|de|da|del|della|der|van|von|la|le|du|dos|di)-?\w*|[A-Z]\.)$")
_CAPS = r"[A-Z][A-Z'’.-]+(?:[ -][A-Z][A-Z'’.-]+){0,3}"
_TITLE = r"[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2}"
_REGION = r"(?:,\s*[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3})?"
_SHORT_DATE = r"(?:,\s*(?P<date>[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,?\s\d{4})?))?"
_AGENCY = r"\((?P<agency>[^()]{2,40})\)"
# "Tehran (AFP) Sept 26, 2020", "BAGHDAD, Jan 5 (Reuters)", "Tehran (AFP) -"
_STANDALONE_AGENCY = re.compile(rf"^(?P<place>{_TITLE}{_REGION}){_SHORT_DATE}\s*{_AGENCY}\s*[-—–:]?\s*(?P<rest>.*)$")
# "WASHINGTON:", "BAGHDAD —"
_STANDALONE_CAPS = re.compile(rf"^(?P<place>{_CAPS}{_REGION})\s*[:—–-]$")
# Inline, at the start of the first paragraph: "BAGHDAD (Reuters) - ...", "ERBIL, Kurdistan Region\xa0 US ..."
_INLINE_AGENCY = re.compile(rf"^(?P<place>{_TITLE}{_REGION}){_SHORT_DATE}\s*{_AGENCY}\s*(?:[-—–:]{{1,2}}|\s)\s*(?=\S)")
_INLINE_CAPS = re.compile(rf"^(?P<place>{_CAPS}{_REGION}){_SHORT_DATE}\s*(?:[—–:-]{{1,2}}\s+|[\xa0\u2007\u202f]\s*|\s{{2,}}|\t)(?=\S)")
_CREDIT_TAIL = re.compile(r"^[-–—(\s]*(?:with|via|source:?)?\s*(?P<agency>[A-Za-z][\w .'-]{1,40}?)\s*\)?\.?$", re.IGNORECASE)
_TRAILING_PLACE = re.compile(r"[-–—]\s*(?P<place>[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,2})\s*$")


@dataclass(frozen=True)
class Dateline:
    place: str | None
    agency: str | None
    date: DateHit | None
    cut: int = 0            # for an inline dateline: characters of the raw line it takes


@lru_cache(maxsize=1)
def _not_dateline() -> frozenset[str]:
    with (DATA / "boilerplate.yaml").open(encoding="utf-8") as fh:
        return frozenset(w.lower() for w in yaml.safe_load(fh)["not_dateline"])


def _place_ok(place: str) -> bool:
    head = place.split(",")[0].strip().lower()
    return head not in _not_dateline() and len(head.replace(" ", "")) >= 3


def standalone_dateline(text: str) -> Dateline | None:
    """A line that is only a dateline: "Tehran (AFP) Sept 26, 2020", "WASHINGTON:"."""
    m = _STANDALONE_AGENCY.match(text)
    if m:
        agency = cues().agency(m.group("agency"))
        rest = m.group("rest").strip()
        hit = find_date(rest) if rest else None
        if agency and (not rest or hit and len(rest) - (hit.end - hit.start) < 12) and _place_ok(m.group("place")):
            return Dateline(m.group("place"), agency, hit)
        return None
    m = _STANDALONE_CAPS.match(text)
    if m and _place_ok(m.group("place")):
        return Dateline(m.group("place"), None, None)
    return None


def inline_dateline(raw: str) -> Dateline | None:
    """A dateline opening the first paragraph; ``cut`` says where the sentence begins in
    ``raw.lstrip()``."""
    raw = raw.lstrip()
    m = _INLINE_AGENCY.match(raw)
    agency = cues().agency(m.group("agency")) if m else None
    if not (m and agency):
        m = _INLINE_CAPS.match(raw)
        agency = None
    if not m or not _place_ok(m.group("place")) or len(raw) - m.end() < 40:
        return None
    return Dateline(normalise(m.group("place")), agency, None, cut=m.end())


def date_line(text: str, max_rest_words: int = 8) -> tuple[DateHit, str] | None:
    """A header line that is mostly a date ("Updated 1:39 am EST, Nov 20, 2019", "21-12-2020",
    "Chris Davies - Nov 19, 2019"): the date and what is left of the line."""
    hit = find_date(text)
    if not hit:
        return None
    rest = text[: hit.start] + " " + text[hit.end:]
    rest = re.sub(r"\b(published|posted|updated|last updated|first published|modified|on|at|[ap]\.?m|"
                  r"mon|tue|wed|thu|fri|sat|sun|[a-z]+day)\b\.?", " ", rest, flags=re.IGNORECASE)
    rest = " ".join(w for w in rest.split() if w.strip("()") not in cues().zones)
    rest = normalise(re.sub(r"\d{1,2}[:.]\d{2}|[|/•·:,;()\[\]]", " ", rest)).strip(" -–—")
    if len(rest.split()) > max_rest_words:
        return None
    return hit, rest


def trailing_place(text: str) -> str | None:
    """The place after a header date: "January 05, 2020 02:33 am IST - Baghdad" -> "Baghdad"."""
    m = _TRAILING_PLACE.search(text)
    if not m or find_date(m.group("place")):
        return None
    words = {w.lower() for w in m.group("place").split()}
    return None if words & cues().not_name or cues().agency(m.group("place")) else m.group("place")


def byline_of(text: str) -> str | None:
    """A person's name from a byline line ("By Jane Doe", "Khazan Jangiz", "Tom Krisher, AP Writer")."""
    m = cues().byline.match(text)
    if m:
        name = re.split(r"\s+[-–—|/]\s+|,\s|\s+\d", m.group("name"))[0].strip()
        return name if 0 < len(name.split()) <= 8 else None
    head = re.split(r",\s|\s+[-–—|]\s+", text)[0].strip()
    return head if looks_like_name(head) and len(text) - len(head) < 40 else None


def looks_like_name(text: str) -> bool:
    toks = text.split()
    if not 2 <= len(toks) <= 4 or any(ch.isdigit() for ch in text):
        return False
    if {t.lower().strip(".,") for t in toks} & cues().not_name:
        return False
    return all(_NAME_TOKEN.match(t) for t in toks) and toks[0][0].isupper() and toks[-1][0].isupper()


def agencies_cited(text: str) -> list[str]:
    """Agencies whose reporting the text relays ("security sources told AFP", "according to
    Reuters"), canonical names, sorted."""
    found = {cues().agency(m.group("agency")) for rx in cues().attribution for m in rx.finditer(text)}
    return sorted(a for a in found if a)


def agency_credit(text: str) -> str | None:
    """A standalone credit line naming a known agency: "AFP", "-- With AFP", "(Reuters)",
    "Source: AFP", "By Associated Press"."""
    m = cues().source.match(text) or cues().byline.match(text)
    name = m.group(m.lastgroup or 0) if m else None
    if name and cues().agency(name):
        return cues().agency(name)
    m = _CREDIT_TAIL.match(text)
    return cues().agency(m.group("agency")) if m and len(text) < 50 else None


def source_of(text: str) -> str | None:
    """The site named by a "Source: X" line (or line part), unless X is an agency."""
    for part in re.split(r"\s[-–—|]\s", text):
        m = cues().source.match(part.strip())
        if m and not cues().agency(m.group("name")):
            return m.group("name").strip()
    return None

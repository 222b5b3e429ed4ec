"""Publication dates written in page headers: "January 05, 2020 02:33 am IST", "2020-11-15
00:00:00", "21-12-2020", "Sept 26, 2020", "19 Nov 2019 05:44 GMT", "Updated 1:39 am EST,
Wednesday, November 20, 2019". Only explicit dates with a year are read: a page with none stays
undated (never "today")."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .cues import cues

_YEAR = r"(?P<y>(?:19|20)\d{2})"
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er|º)?"
_TIME = re.compile(
    r"(?<![\d:])(?P<H>[012]?\d)[:h.](?P<M>[0-5]\d)(?::(?P<S>[0-5]\d)(?:\.\d+)?)?"
    r"(?:\s*(?P<ap>[ap])\.?\s?m\b\.?)?(?![\d/-])", re.IGNORECASE)
_OFFSET = re.compile(r"(?:(?:GMT|UTC)\s*)?(?P<sign>[+-])(?P<h>\d{1,2})(?::?(?P<m>\d{2}))?\b")
_PUBLISHED = re.compile(r"\b(published|posted|publi[ée]|publicado|pubblicato|veröffentlicht|created|first published)\b", re.I)
_UPDATED = re.compile(r"\b(updated|modified|last updated|edited|actualizado|aggiornato|mis à jour)\b", re.I)


@dataclass(frozen=True)
class DateHit:
    value: str              # ISO 8601: "2020-01-05T02:33:00+05:30" | "2020-11-15" | "2020-11"
    precision: str          # "minute" | "day" | "month"
    start: int              # span of the whole match (date, time, zone) in the searched text
    end: int


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], ...]:
    months = sorted(cues().months, key=len, reverse=True)
    mon = r"(?P<mon>" + "|".join(re.escape(m) for m in months) + r")\.?"
    flags = re.IGNORECASE
    return (
        re.compile(rf"(?<!\d){_YEAR}-(?P<m>[01]?\d)-{_DAY}(?:(?:T|\s+)(?P<time>[012]?\d:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?)"
                   r"(?P<off>Z|[+-]\d{2}:?\d{2})?)?(?!\d)", flags),
        re.compile(rf"(?<![\d/]){_YEAR}/(?P<m>[01]?\d)/{_DAY}(?![\d/])", flags),
        re.compile(rf"(?<![\d/.-])(?P<a>[0-3]?\d)(?P<sep>[-/.])(?P<b>[01]?\d)(?P=sep){_YEAR}(?!\d)", flags),
        re.compile(rf"\b{mon}\s+{_DAY},?\s+(?:de\s+)?{_YEAR}\b", flags),
        re.compile(rf"\b{_DAY}\.?\s+(?:de\s+)?{mon},?\s+(?:de\s+)?{_YEAR}\b", flags),
        re.compile(rf"\b{mon},?\s+(?:de\s+)?{_YEAR}\b", flags),
    )


def _ymd(m: re.Match[str]) -> tuple[int, int, int | None] | None:
    g = m.groupdict()
    year = int(g["y"])
    if g.get("mon"):
        month = cues().months.get(g["mon"].lower().rstrip("."))
        day = int(g["d"]) if g.get("d") else None
    elif g.get("a"):
        a, b = int(g["a"]), int(g["b"])
        # "21-12-2020", "21.12.2020": day first; "11/19/2019": month first (US) unless impossible.
        month_first = (a <= 12) if g["sep"] == "/" else (b > 12)
        month, day = (a, b) if month_first else (b, a)
    else:
        month, day = int(g["m"]), int(g["d"])
    if not month:
        return None
    try:
        date(year, month, day or 1)
    except ValueError:
        return None
    return year, month, day


def _zone(text: str) -> str | None:
    """UTC offset of the first zone abbreviation or numeric offset in ``text``."""
    zones = cues().zones
    for tok in re.finditer(r"\b([A-Z]{1,5})\b", text):
        if tok.group(1) in zones and tok.group(1) != "Z":
            rest = text[tok.end():]
            off = _OFFSET.match(rest.lstrip()) if tok.group(1) in ("GMT", "UTC") else None
            return _fmt_offset(off) if off else zones[tok.group(1)]
    off = _OFFSET.search(text)
    return _fmt_offset(off) if off and re.search(r"(GMT|UTC)\s*$", text[: off.start()]) else None


def _fmt_offset(m: re.Match[str]) -> str:
    return f"{m.group('sign')}{int(m.group('h')):02d}:{int(m.group('m') or 0):02d}"


def _time(segment: str, after: int, before: int) -> re.Match[str] | None:
    """The publication time: the first time after the date in the segment, else the last one before."""
    hits = [t for t in _TIME.finditer(segment) if int(t.group("H")) < 24]
    later = [t for t in hits if t.start() >= after]
    if later:
        return later[0]
    earlier = [t for t in hits if t.end() <= before]
    return earlier[-1] if earlier else None


def _clock(t: re.Match[str]) -> tuple[int, int]:
    hour, minute = int(t.group("H")), int(t.group("M"))
    ap = (t.group("ap") or "").lower()
    if ap == "p" and hour < 12:
        hour += 12
    elif ap == "a" and hour == 12:
        hour = 0
    return hour, minute


def _segments(line: str) -> list[tuple[int, str]]:
    """The line cut at " | " and ";" (e.g. "Published ... | Updated ..."), with start offsets."""
    out, pos = [], 0
    for part in re.split(r"(\s\|\s|;\s)", line):
        if part.strip() and not re.fullmatch(r"\s\|\s|;\s", part):
            out.append((pos, part))
        pos += len(part)
    return out


def find_date(line: str) -> DateHit | None:
    """The publication date in one header line, the original (published) date preferred over
    an update; with time and zone when the line gives them."""
    found: list[tuple[int, int, DateHit]] = []
    for offset, seg in _segments(line):
        hit = _date_in(seg, line, offset)
        if hit:
            rank = 0 if _PUBLISHED.search(seg) else 2 if _UPDATED.search(seg) else 1
            found.append((rank, len(found), hit))
    return min(found)[2] if found else None


def _date_in(seg: str, line: str, offset: int) -> DateHit | None:
    for rx in _patterns():
        m = rx.search(seg)
        if not m:
            continue
        ymd = _ymd(m)
        if ymd is None:
            continue
        return _build(m, ymd, seg, line, offset)
    return None


def _build(m: re.Match[str], ymd: tuple[int, int, int | None], seg: str, line: str, offset: int) -> DateHit:
    y, mo, d = ymd
    start, end = m.start(), m.end()
    if d is None:
        return DateHit(f"{y:04d}-{mo:02d}", "month", offset + start, offset + end)
    day = f"{y:04d}-{mo:02d}-{d:02d}"
    if m.groupdict().get("time"):
        t = _TIME.match(m.group("time"))
        zone = m.group("off")
        zone = "+00:00" if zone == "Z" else (zone[:3] + ":" + zone[-2:] if zone else None)
    else:
        t = _time(seg, end, start)
        zone = None
        if t:
            start, end = min(start, t.start()), max(end, t.end())
    if not t:
        return DateHit(day, "day", offset + start, offset + end)
    hour, minute = _clock(t)
    if zone is None:
        zone = _zone(line[offset + (m.end() if m.groupdict().get("time") else t.end()):])
    if hour == 0 and minute == 0:       # "2020-11-15 00:00:00": a date without a time
        return DateHit(day, "day", offset + start, offset + end)
    return DateHit(f"{day}T{hour:02d}:{minute:02d}:00{zone or ''}", "minute", offset + start, offset + end)


def is_update_only(line: str) -> bool:
    """"Updated: Nov 19, 2019" without a published date on the same line."""
    return bool(_UPDATED.search(line)) and not _PUBLISHED.search(line)

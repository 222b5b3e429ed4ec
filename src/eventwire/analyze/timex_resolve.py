"""Turn a grammar match (rule name + named groups) into a value against the publication date.

Conventions (news reports mostly look back):
- a weekday alone is the most recent such day on or before publication ("on Sunday" in a
  Sunday article is that Sunday); "last Sunday" is strictly before, "next"/"coming" strictly after,
  "this Sunday" on or after;
- a month alone ("in December") is the most recent such month, unless it lies at most
  ``future_window_months`` ahead; a day without a year ("January 3") likewise with
  ``future_window_days``;
- week precision is given as the Monday (ISO week) of that week.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.analyze.timex_grammar import Lexicon

_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
_PUBLISHED = re.compile(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")


@dataclass(frozen=True)
class Anchor:
    """The publication date as far as it is known (its local date part)."""

    day: date
    precision: str  # "day" | "month" | "year"

    def knows(self, precision: str) -> bool:
        return _PRECISION_RANK[self.precision] >= _PRECISION_RANK[precision]


@dataclass(frozen=True)
class Resolution:
    value: str | None
    precision: str
    relative: bool


def parse_published(published: str | None) -> Anchor | None:
    """Anchor from an ISO 8601 string; the date part as written (no time-zone conversion)."""
    m = _PUBLISHED.match(published or "")
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        return Anchor(date(int(y), int(mo or 1), int(d or 1)),
                      "day" if d else "month" if mo else "year")
    except ValueError:
        return None


def window_days(window: str | None) -> list[date]:
    """The days of a "YYYY-MM-DD/YYYY-MM-DD" window (inclusive); [] when malformed."""
    try:
        first, last = (date.fromisoformat(part.strip()) for part in (window or "").split("/"))
    except ValueError:
        return []
    return [first + timedelta(days=k) for k in range((last - first).days + 1)]


# --- calendar helpers -------------------------------------------------------------------

def _day(d: date) -> tuple[str, str]:
    return d.isoformat(), "day"


def _week(d: date) -> tuple[str, str]:
    return (d - timedelta(days=d.weekday())).isoformat(), "week"


def _month(year: int, month: int) -> tuple[str, str]:
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return f"{year:04d}-{month:02d}", "month"


def _year(year: int) -> tuple[str, str]:
    return f"{year:04d}", "year"


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _weekday_offset(pub: date, weekday: int, rel: str) -> date:
    """The weekday relative to ``pub``; see the module docstring."""
    back = (pub.weekday() - weekday) % 7
    ahead = (weekday - pub.weekday()) % 7
    if rel in ("last", "past", "this past"):
        return pub - timedelta(days=back or 7)
    if rel in ("next", "coming", "this coming"):
        return pub + timedelta(days=ahead or 7)
    if rel == "this":
        return pub + timedelta(days=ahead)
    return pub - timedelta(days=back)


def _month_without_year(pub: date, month: int, rel: str, window: int) -> int:
    """Year of a month named without a year."""
    if rel in ("last", "this past"):
        return pub.year if month < pub.month else pub.year - 1
    if rel in ("next", "this coming"):
        return pub.year if month > pub.month else pub.year + 1
    if rel == "this":
        return pub.year
    if rel == "ahead":
        return pub.year if month >= pub.month else pub.year + 1
    ahead = (month - pub.month) % 12
    return pub.year if month <= pub.month or ahead <= window else pub.year - 1


def _day_without_year(pub: date, month: int, day: int, window: int, tense: str | None) -> date | None:
    """The date (month, day) nearest ``pub`` that lies at most ``window`` days ahead of it (none
    in a past-tense clause); in a future one, the first on or after ``pub``. (Feb 29 looks up
    to 4 years away.)"""
    if tense == "past":
        window = 0
    if tense == "future":
        dates = (_safe_date(pub.year + k, month, day) for k in range(5))
        return next((d for d in dates if d is not None and d >= pub), None)
    dates = (_safe_date(pub.year + 1 - k, month, day) for k in range(6))
    return next((d for d in dates if d is not None and d <= pub + timedelta(days=window)), None)


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


# --- rules --------------------------------------------------------------------------------

def resolve(rule: str, g: dict[str, str | None], anchor: Anchor | None,
            lex: Lexicon, tense: str | None = None) -> Resolution | None:
    """Resolution of one match; None when the match is not a valid date.

    ``tense`` of the clause ("future", "past" or None when unknown) decides which way a bare
    weekday, month or day without a year is read: "future" takes the next one on or after
    publication; "past" the last one on or before; None the last one unless it is within the
    future windows of data/timex.yaml.
    """
    if g.get("year") or rule in ("iso", "numeric"):
        got = _absolute(rule, g, lex)
        return Resolution(*_part_of_month(got, g, lex), relative=False) if got else None
    precision = _precision_of(rule, g)
    if precision is None:
        return None
    if anchor is None or not anchor.knows(_need(rule, g, precision)):
        return Resolution(None, precision, relative=True)
    got = _RELATIVE[rule](g, anchor.day, lex, tense)
    return Resolution(*_part_of_month(got, g, lex), relative=True) if got else None


def _part_of_month(got: tuple[str | None, str], g: dict, lex: Lexicon) -> tuple[str | None, str]:
    """A month narrowed by "early"/"mid"/"late"/"end of" becomes a week-precision stretch
    (``part_of_month_start`` in data/timex.yaml)."""
    value, precision = got
    start = lex.part_of_month_start.get(re.sub(r"^the ", "", _norm(g.get("mod")).rstrip("-")))
    if precision != "month" or value is None or start is None:
        return got
    year, month = int(value[:4]), int(value[5:7])
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    day = start if start > 0 else last + start + 1
    return date(year, month, day).isoformat(), "week"


def _absolute(rule: str, g: dict, lex: Lexicon) -> tuple[str, str] | None:
    year = int(g["year"])
    if rule == "numeric":
        a, b = int(g["a"]), int(g["b"])
        if (a <= 12) == (b <= 12):  # 03/01/2020 is ambiguous; 31/31 invalid
            return None
        month, day = (a, b) if a <= 12 else (b, a)
        d = _safe_date(year, month, day)
        return _day(d) if d else None
    month = int(g["month"]) if rule == "iso" else lex.months.get(_norm(g.get("month")).rstrip("."))
    if month is None:
        return _year(year)
    if g.get("day"):
        d = _safe_date(year, month, int(g["day"]))
        return _day(d) if d else None
    return _month(year, month)


def _precision_of(rule: str, g: dict) -> str | None:
    if rule in ("mdy", "dmy", "day_word", "weekday"):
        return "day"
    if rule == "month":
        return "month"
    unit = _norm(g.get("unit"))
    return {"weekend": "week", "week": "week", "month": "month", "year": "year", "day": "day"}.get(unit)


def _r_day_month(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str] | None:
    month = lex.months[_norm(g["month"]).rstrip(".")]
    d = _day_without_year(pub, month, int(g["day"]), lex.future_window_days, tense)
    return _day(d) if d else None


def _r_month(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str]:
    month = lex.months[_norm(g["month"])]
    yrel = _norm(g.get("yrel"))
    if yrel:
        return _month(pub.year + {"last": -1, "next": 1}.get(yrel, 0), month)
    rel = _norm(g.get("rel")) or ("ahead" if tense == "future" else "")
    window = 0 if tense == "past" else lex.future_window_months
    return _month(_month_without_year(pub, month, rel, window), month)


def _r_unit_rel(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str]:
    step = {"last": -1, "this past": -1, "next": 1, "this coming": 1}.get(_norm(g.get("rel")), 0)
    unit = _norm(g["unit"])
    if unit in ("week", "weekend"):
        return _week(pub + timedelta(weeks=step))
    if unit == "month":
        return _month(pub.year, pub.month + step)
    return _year(pub.year + step)


def _r_weekend(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str]:
    # "the weekend" in a weekday article is the one just past; on a weekend, the current one.
    return _week(pub if pub.weekday() >= 5 else pub - timedelta(weeks=1))


_DAY_WORDS = {"today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
              "yesterday": -1, "last night": -1, "the day before yesterday": -2,
              "tomorrow": 1, "the day after tomorrow": 2}


def _r_day_word(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str]:
    return _day(pub + timedelta(days=_DAY_WORDS[_norm(g["word"])]))


def _r_weekday(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str]:
    rel = _norm(g.get("rel")) or ("this" if tense == "future" else "")
    return _day(_weekday_offset(pub, lex.weekdays[_norm(g["wd"])], rel))


def _r_ago(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str] | None:
    num = _norm(g["num"])
    n = int(num) if num.isdigit() else lex.numbers.get(num)
    if n is None:
        return None
    unit = _norm(g["unit"])
    if unit == "day":
        return _day(pub - timedelta(days=n))
    if unit == "week":
        return _week(pub - timedelta(weeks=n))
    if unit == "month":
        return _month(pub.year, pub.month - n)
    return _year(pub.year - n)


def _need(rule: str, g: dict, precision: str) -> str:
    """How precisely the publication date must be known to resolve this expression."""
    if rule == "month" and g.get("yrel"):
        return "year"
    if rule in ("mdy", "dmy", "month"):
        return "month"
    return "day" if precision in ("day", "week") else precision


_RELATIVE = {
    "mdy": _r_day_month,
    "dmy": _r_day_month,
    "month": _r_month,
    "unit_rel": _r_unit_rel,
    "unit_the": _r_unit_rel,
    "weekend": _r_weekend,
    "day_word": _r_day_word,
    "weekday": _r_weekday,
    "ago": _r_ago,
}

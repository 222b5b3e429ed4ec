"""Turn a grammar match (rule name + named groups) into a value against the publication date.

Conventions (news reports mostly look back):
- a weekday alone is the most recent such day on or before publication ("on Sunday" in a
  Sunday article is that Sunday); "last Sunday" is strictly before, "next"/"coming" strictly after,
  "this Sunday" on or after;
- a month alone ("in December") is the most recent such month, unless it lies at most
  ``future_window_months`` ahead; a day without a year ("January 3") likewise with
  ``future_window_days``;
- week precision is given as the Monday (ISO week) of that week;
- a holiday without a year ("on Christmas Day") is read like a day without a year;
- a season has no unit of its own: "last summer", "spring 2019" are given at year precision;
  "last summer" is the latest one over before the publication month, "next summer" the first
  not yet begun.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from eventwire.analyze.timex_grammar import ANAPHORIC_RULES, Lexicon, holiday_key

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


def _yearly(pub: date, on: Callable[[int], date | None], rel: str, window: int,
            tense: str | None) -> date | None:
    """The day ``on(year)`` of some year, relative to ``pub``: "last" the latest before it,
    "next" the first after it, "this" this year's; else the latest at most ``window`` days
    ahead of ``pub`` (none in a past-tense clause) or, in a future one, the first on or after
    ``pub``. (Feb 29 looks up to 4 years away.)"""
    dates = sorted(d for d in (on(pub.year + k) for k in range(-5, 6)) if d is not None)
    if rel in ("last", "past", "this past"):
        return max((d for d in dates if d < pub), default=None)
    if rel in ("next", "coming", "this coming"):
        return min((d for d in dates if d > pub), default=None)
    if rel == "this":
        return on(pub.year)
    if tense == "future":
        return min((d for d in dates if d >= pub), default=None)
    limit = pub + timedelta(days=0 if tense == "past" else window)
    return max((d for d in dates if d <= limit), default=None)


def _day_without_year(pub: date, month: int, day: int, window: int, tense: str | None) -> date | None:
    return _yearly(pub, lambda y: _safe_date(y, month, day), "", window, tense)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The ``nth`` such weekday of the month (-1: the last)."""
    if nth < 0:
        last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        return last - timedelta(days=(last.weekday() - weekday) % 7)
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))


def _holiday_on(spec: dict[str, int], year: int) -> date | None:
    if "easter" in spec:
        return _easter(year) + timedelta(days=spec["easter"])
    if "nth" in spec:
        return _nth_weekday(year, spec["month"], spec["weekday"], spec["nth"])
    return _safe_date(year, spec["month"], spec["day"])


def _holiday(g: dict, lex: Lexicon) -> dict[str, int]:
    return lex.holidays[holiday_key(g["holiday"])]


def year_number(text: str, lex: Lexicon) -> int:
    """The year written in digits or words: "1996", "nineteen ninety-six", "two thousand and one"."""
    if text.isdigit():
        return int(text)
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w not in ("and", "oh")]
    if words[:2] == ["two", "thousand"]:
        return 2000 + sum(lex.numbers[w] for w in words[2:])
    return lex.numbers[words[0]] * 100 + sum(lex.numbers[w] for w in words[1:])


def _norm(s: str | None) -> str:
    return " ".join(s.lower().split()) if s else ""


# --- rules --------------------------------------------------------------------------------

def resolve(rule: str, g: dict[str, str | None], anchor: Anchor | None,
            lex: Lexicon, tense: str | None = None) -> Resolution | None:
    """Resolution of one match; None when the match is not a valid date.

    ``tense`` of the clause ("future", "past" or None when unknown) decides which way a bare
    weekday, month or day without a year is read: "future" takes the next one on or after
    publication; "past" the last one on or before; None the last one unless it is within the
    future windows of data/timex.yaml. Anaphoric rules ("the next day") need the time
    mentioned before them (``resolve_anaphor``): None here.
    """
    if rule in ANAPHORIC_RULES:
        return None
    if g.get("year") or rule in ("iso", "numeric"):
        got = _absolute(rule, g, lex)
        return Resolution(*_narrow(got, g, lex), relative=False) if got else None
    precision = _precision_of(rule, g)
    if precision is None:
        return None
    if anchor is None or not anchor.knows(_need(rule, g, precision)):
        return Resolution(None, precision, relative=True)
    got = _RELATIVE[rule](g, anchor.day, lex, tense)
    return Resolution(*_narrow(got, g, lex), relative=True) if got else None


def _narrow(got: tuple[str | None, str], g: dict, lex: Lexicon) -> tuple[str | None, str]:
    """A month narrowed by "early"/"mid"/"late"/"end of" becomes a week-precision stretch
    (``part_of_month_start`` in data/timex.yaml); "the week of" a day is that day's week."""
    value, precision = got
    if g.get("weekof") and precision == "day" and value:
        return _week(date.fromisoformat(value))
    start = lex.part_of_month_start.get(re.sub(r"^the ", "", _norm(g.get("mod")).rstrip("-")))
    if precision != "month" or value is None or start is None:
        return got
    year, month = int(value[:4]), int(value[5:7])
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)).day
    day = start if start > 0 else last + start + 1
    return date(year, month, day).isoformat(), "week"


def _absolute(rule: str, g: dict, lex: Lexicon) -> tuple[str, str] | None:
    year = year_number(g["year"], lex)
    if rule == "holiday":
        d = _holiday_on(_holiday(g, lex), year)
        return _day(d) if d else None
    if rule == "season_year":
        return _year(year)
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
    if rule in ("mdy", "dmy", "day_word", "weekday", "holiday"):
        return "day"
    if rule == "month":
        return "month"
    if rule == "season_rel":
        return "year"
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
    return _shift(pub, _norm(g["unit"]), -n) if n is not None else None


def _r_holiday(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str] | None:
    spec = _holiday(g, lex)
    d = _yearly(pub, lambda y: _holiday_on(spec, y), _norm(g.get("rel")), lex.future_window_days, tense)
    return _day(d) if d else None


def _r_season(g: dict, pub: date, lex: Lexicon, tense: str | None) -> tuple[str, str] | None:
    first, last = lex.seasons[_norm(g["season"])]
    if first > last:  # winter: which year "last winter" belongs to is moot
        return None
    rel = _norm(g.get("rel"))
    if rel in ("last", "past", "this past"):
        return _year(pub.year if pub.month > last else pub.year - 1)
    if rel in ("next", "coming", "this coming"):
        return _year(pub.year if pub.month < first else pub.year + 1)
    return _year(pub.year)


# --- expressions counted from the time mentioned before them ------------------------------

_UNIT_NEEDS = {"day": ("day",), "week": ("day", "week"), "month": ("day", "month"),
               "year": ("day", "week", "month", "year")}


def resolve_anaphor(g: dict, ref_value: str | None, ref_precision: str,
                    lex: Lexicon) -> tuple[str | None, str] | None:
    """An expression counted from the time mentioned before it (``ref_value``, ``ref_precision``):
    "that day", "later that year", "the following week", "two days later". None when that
    time is coarser than the expression ("the next day" after "in 2019"); value None when that
    time has none yet (an undated article)."""
    unit = _norm(g["unit"])
    unit = unit if unit in _UNIT_NEEDS else "day"  # "that night", "the next morning"
    if ref_precision not in _UNIT_NEEDS[unit]:
        return None
    if ref_value is None:
        return None, unit
    return _shift(_first_day(ref_value), unit, _anaphor_step(g, lex))


def _first_day(value: str) -> date:
    """The first day of "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
    y, m, d = ([int(p) for p in value.split("-")] + [1, 1])[:3]
    return date(y, m, d)


def _anaphor_step(g: dict, lex: Lexicon) -> int:
    if g.get("same") or g.get("within"):  # "that day", "later in the day"
        return 0
    if g.get("step"):
        return -1 if _norm(g["step"]) in ("previous", "preceding") else 1
    num = _norm(g["num"])
    n = int(num) if num.isdigit() else lex.numbers.get(num, 0)
    return -n if _norm(g["dir"]) == "earlier" else n


def _shift(d: date, unit: str, n: int) -> tuple[str, str]:
    if unit == "day":
        return _day(d + timedelta(days=n))
    if unit == "week":
        return _week(d + timedelta(weeks=n))
    if unit == "month":
        return _month(d.year, d.month + n)
    return _year(d.year + n)


def _need(rule: str, g: dict, precision: str) -> str:
    """How precisely the publication date must be known to resolve this expression."""
    if rule == "month" and g.get("yrel"):
        return "year"
    if rule in ("mdy", "dmy", "month", "holiday", "season_rel"):
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
    "holiday": _r_holiday,
    "season_rel": _r_season,
    "year_end": _r_unit_rel,
}

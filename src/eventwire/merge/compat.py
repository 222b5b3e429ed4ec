"""Can two mentions report the same real-world event? Pairwise rules and a score.

Two relations: a *conflict* proves two mentions are different events (other type family,
dates or places apart, named actors that differ, the same sentence, a contradicted weekday);
a *link* is enough evidence that they are one. A cluster needs links to grow and no
conflict inside. The rules:

- type: same sub-type, or the same family (``events.yaml``) when the dates agree and the
  mentions come from one story or name the same place on the same day;
- date: the two date intervals (a week-precision date is 7 days) overlap; an undated
  mention matches only within its syndication group (same story) or on strong agreement
  (same sub-type, the same precise place, and a shared named actor or the same weekday
  named: "on Saturday" against a Saturday; or the same named victim: a person dies once),
  and never contradicts a weekday it names;
- place: same country; within ``radius_km`` when both are geocoded to a place (precision
  1-2); same admin1 when known; country-level (precision 3) matches anything in the
  country; a mention with no country, or whose place was guessed (no ``place_text``: the
  dateline or the article's country) in another country, matches only within its
  syndication group or by a named victim;
- actors: equal, or one missing or unidentified (a prefix counts: a sub-unit of a force);
  targets may differ for the same sub-type at one exact place on one day (one attack, victims
  named differently);
- two mentions from the same sentence never match (the extractor split them on purpose).
"""
from __future__ import annotations

import math
import re
from datetime import date, timedelta
from functools import cache

from eventwire.merge.config import load
from eventwire.models import Mention

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
_SPAN_DAYS = {"day": 0, "week": 6}

SAME, FAMILY, STRONG, LOOSE, UNKNOWN = "same", "family", "strong", "loose", "unknown"


def cfg() -> dict:
    return load("events")


@cache
def _family_of() -> dict[str, str]:
    return {sub: fam for fam, subs in cfg()["families"].items() for sub in subs}


def family(m: Mention) -> str:
    """Family of a mention's sub-type (a sub-type not listed is its own family)."""
    return _family_of().get(m.sub_event_type, f"{m.event_type}/{m.sub_event_type}")


def is_generic_sub_type(sub_type: str) -> bool:
    return sub_type in cfg()["generic_sub_types"]


def is_unidentified(actor: str | None) -> bool:
    return actor is None or actor.startswith(tuple(cfg()["unidentified_actor_prefixes"]))


def _parse_date(value: str) -> date | None:
    try:
        parts = [int(p) for p in value[:10].split("-")]
        return date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def interval(m: Mention) -> tuple[int, int] | None:
    """The days (ordinals, inclusive) the mention's date may mean; None when undated."""
    return _interval(m.event_date, m.date_precision) if m.event_date else None


@cache
def _interval(event_date: str, precision: str | None) -> tuple[int, int] | None:
    start = _parse_date(event_date)
    if start is None:
        return None
    precision = precision or "day"
    if precision == "month":
        nxt = date(start.year + (start.month == 12), start.month % 12 + 1, 1)
        return start.toordinal(), (nxt - timedelta(days=1)).toordinal()
    if precision == "year":
        return start.toordinal(), date(start.year, 12, 31).toordinal()
    return start.toordinal(), start.toordinal() + _SPAN_DAYS.get(precision, 0)


def has_point(m: Mention) -> bool:
    """Geocoded to a place (not a region or country): usable for distances."""
    return (m.geo_precision or 3) <= 2 and m.latitude is not None and m.longitude is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def km(m: Mention, n: Mention) -> float:
    """Distance between two geocoded mentions."""
    return haversine_km(m.latitude, m.longitude, n.latitude, n.longitude)


def radius_km(m: Mention, n: Mention) -> float:
    return float(cfg()["radius_km"][max(m.geo_precision or 1, n.geo_precision or 1)])


def place_relation(m: Mention, n: Mention) -> str | None:
    """STRONG (same precise place), LOOSE (same area), UNKNOWN (a country missing), None (apart)."""
    if not m.country or not n.country:
        return UNKNOWN
    if m.country != n.country:
        # a place guessed from the dateline or the article's main country proves nothing apart
        return UNKNOWN if m.place_text is None or n.place_text is None else None
    if has_point(m) and has_point(n):
        return STRONG if km(m, n) <= radius_km(m, n) else None
    if m.admin1 and n.admin1 and m.admin1 != n.admin1:
        return None
    if (m.geo_precision or 3) <= 2 and (n.geo_precision or 3) <= 2 and m.location and n.location:
        return STRONG if m.location.casefold() == n.location.casefold() else None
    return LOOSE


def date_relation(m: Mention, n: Mention) -> str | None:
    """SAME (intervals overlap), UNKNOWN (one undated), None (apart)."""
    a, b = interval(m), interval(n)
    if a is None or b is None:
        return UNKNOWN
    tol = cfg()["date_tolerance_days"]
    return SAME if a[0] <= b[1] + tol and b[0] <= a[1] + tol else None


def _actor_ok(a: str | None, b: str | None) -> bool:
    if is_unidentified(a) or is_unidentified(b) or a == b:
        return True
    return a.startswith(b) or b.startswith(a)


def actors_ok(m: Mention, n: Mention) -> bool:
    targets = _actor_ok(m.actor2, n.actor2) or _one_scene(m, n)
    straight = _actor_ok(m.actor1, n.actor1) and targets
    if straight or m.event_type not in cfg()["symmetric_event_types"]:
        return straight
    return _actor_ok(m.actor1, n.actor2) and _actor_ok(m.actor2, n.actor1)


def _one_scene(m: Mention, n: Mention) -> bool:
    """The same kind of attack at one exact spot on one day: reports naming different targets
    describe different victims of it (the embassy, a soldier wounded nearby), not two events."""
    if m.event_type in cfg()["symmetric_event_types"] or m.sub_event_type != n.sub_event_type:
        return False
    a, b = interval(m), interval(n)
    if a is None or a != b or a[0] != a[1] or (m.geo_precision or 3) > 1 or (n.geo_precision or 3) > 1:
        return False
    return has_point(m) and has_point(n) and km(m, n) <= cfg()["radius_km"][1]


def shared_named_actors(m: Mention, n: Mention) -> int:
    """Named (identified) actors both mentions give."""
    mine = {a for a in (m.actor1, m.actor2) if not is_unidentified(a)}
    return len(mine & {a for a in (n.actor1, n.actor2) if not is_unidentified(a)})


def shares_victim(m: Mention, n: Mention) -> bool:
    """Both name the same person killed: a person dies once."""
    return bool(set(m.victim_keys()) & set(n.victim_keys()))


def weekday_named(m: Mention) -> int | None:
    """Weekday (0 = Monday) named by the mention's date expression, if any."""
    if m.date_text is None:
        return None
    words = set(re.findall(r"[a-z]+", m.date_text.text.lower()))
    days = [i for i, name in enumerate(cfg()["weekdays"]) if name in words]
    return days[0] if len(days) == 1 else None


def _weekday_conflict(m: Mention, n: Mention) -> bool:
    for undated, dated in ((m, n), (n, m)):
        iv = interval(dated)
        wd = weekday_named(undated) if interval(undated) is None else None
        if wd is not None and iv is not None and iv[0] == iv[1] and date.fromordinal(iv[0]).weekday() != wd:
            return True
    return False


def weekday_agrees(m: Mention, n: Mention) -> bool:
    """An undated mention names the weekday of the other's day (or both name the same one)."""
    for undated, other in ((m, n), (n, m)):
        wd = weekday_named(undated) if interval(undated) is None else None
        if wd is None:
            continue
        iv = interval(other)
        if iv is not None and iv[0] == iv[1] and date.fromordinal(iv[0]).weekday() == wd:
            return True
        if iv is None and weekday_named(other) == wd:
            return True
    return False


def same_sentence(m: Mention, n: Mention) -> bool:
    return m.article_id == n.article_id and (m.sentence.start, m.sentence.end) == (n.sentence.start, n.sentence.end)


def conflict(m: Mention, n: Mention) -> bool:
    """Provably different events: never in one cluster, whatever links them."""
    return (same_sentence(m, n) or not actors_ok(m, n) or family(m) != family(n)
            or place_relation(m, n) is None or date_relation(m, n) is None or _weekday_conflict(m, n))


def link(m: Mention, n: Mention, same_group: bool) -> float | None:
    """Score > 0 when there is enough evidence that two non-conflicting mentions are one event.

    ``same_group``: their articles are copies of one story (or the same article).
    """
    place, when = place_relation(m, n), date_relation(m, n)
    same_type = m.sub_event_type == n.sub_event_type
    both_days = m.date_precision == n.date_precision == "day" and when == SAME
    named = shared_named_actors(m, n)
    victim = shares_victim(m, n)  # the same person killed: one event whatever is left unsaid
    if place == UNKNOWN and not same_group and not victim:
        return None
    strong = victim or (place == STRONG and same_type and (named or weekday_agrees(m, n)))
    if when == UNKNOWN and not same_group and not strong:
        return None
    # a different sub-type of the family: both dated alike, and the same story or place
    if not same_type and not victim and not (when == SAME and (same_group or (place == STRONG and both_days))):
        return None
    return _score(m, n, same_type, place, when, both_days, named + 2 * victim, same_group)


def compatible(m: Mention, n: Mention, same_group: bool) -> float | None:
    """Score > 0 when ``m`` and ``n`` may report one event (linked, not conflicting), else None."""
    return None if conflict(m, n) else link(m, n, same_group)


def _score(m: Mention, n: Mention, same_type: bool, place: str, when: str, both_days: bool,
           named: int, same_group: bool) -> float:
    score = 2.0 if same_type else 0.5
    score += 2.0 if both_days else (1.0 if when == SAME else 0.0)
    score += {STRONG: 2.0, LOOSE: 1.0}.get(place, 0.0)
    if place == STRONG and has_point(m) and has_point(n):
        score += 1.0 - km(m, n) / radius_km(m, n)  # nearer is better
    score += named
    score += 1.0 if same_group else 0.0
    score += 1.0 if m.article_id == n.article_id else 0.0
    return round(score, 6)

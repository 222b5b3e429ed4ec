"""One Event from the mentions of one cluster: pick each field from the reports.

- date: the most precise (day > week > month > year); ties: most articles, then earliest;
- place: the most precise geo_precision; ties: most articles, then by name;
- sub-type: specific ones win over generic ones (``generic_sub_types``); among them the one
  most articles report; ties: the best-ranked mention's. event/disorder type follow it;
- actors: a named actor over an unidentified one or none; ties as for the sub-type;
- fatalities / injuries / quantity: the figure most articles report (each article's largest),
  ties to the lowest (ACLED keeps the most conservative figure). 0 ("no casualties") is a figure;
  ``fatalities_range`` keeps [min, max] when reports disagree;
- notes: the best mention's notes, who claimed or was blamed, and how many sources;
- ``disagreements``: every field where reports differ, with the values.
"""
from __future__ import annotations

import hashlib
from collections import Counter
from typing import Any, Callable, Iterable, Mapping

from eventwire.merge.compat import PRECISION_RANK, interval, is_generic_sub_type, is_unidentified
from eventwire.models import Event, Mention, Source

_FILLED = ("event_date", "location", "actor1", "actor2", "fatalities", "injuries", "weapon", "notes")


def event_id(canonical_mention_id: str) -> str:
    """Stable content id: it changes only when the cluster's canonical mention does."""
    return "ev-" + hashlib.sha1(canonical_mention_id.encode("utf-8")).hexdigest()[:16]


def rank(m: Mention) -> tuple:
    """Sort key: the most specific, most complete mention first."""
    date_rank = PRECISION_RANK.get(m.date_precision or "day", 4) if interval(m) else 5
    geo_rank = (m.geo_precision or 3) if m.country else 4
    filled = sum(getattr(m, f) is not None for f in _FILLED)
    return date_rank, geo_rank, is_generic_sub_type(m.sub_event_type), -filled, m.id


def _support(ranked: list[Mention], value: Callable[[Mention], Any]) -> Counter:
    """How many distinct articles report each (non-None) value."""
    return Counter(v for v, _ in {(value(m), m.article_id) for m in ranked if value(m) is not None})


def _most_supported(ranked: list[Mention], value: Callable[[Mention], Any]) -> Any:
    """The value most articles give; ties go to the best-ranked mention's."""
    counts = _support(ranked, value)
    if not counts:
        return None
    top = max(counts.values())
    return next(value(m) for m in ranked if counts.get(value(m)) == top)


def _figure(ranked: list[Mention], field: str) -> tuple[int | None, list[int]]:
    """The figure most articles report, ties to the lowest; and all distinct figures.

    An article's figure is the largest its mentions give: "the general was killed" and "the
    strike killed ten" in one article are one report of ten deaths, not two reports."""
    per_article: dict[str, int] = {}
    for m in ranked:
        value = getattr(m, field)
        if value is not None:
            per_article[m.article_id] = max(value, per_article.get(m.article_id, value))
    counts = Counter(per_article.values())
    if not counts:
        return None, []
    best = min(counts, key=lambda v: (-counts[v], v))
    return best, sorted(counts)


def _date(ranked: list[Mention]) -> tuple[str | None, str | None]:
    dated = [m for m in ranked if interval(m)]
    if not dated:
        return None, None
    best = min(PRECISION_RANK.get(m.date_precision or "day", 4) for m in dated)
    pool = [m for m in dated if PRECISION_RANK.get(m.date_precision or "day", 4) == best]
    counts = _support(pool, lambda m: m.event_date[:10])
    value = min(counts, key=lambda v: (-counts[v], v))
    return value, pool[0].date_precision or "day"


def _place_key(m: Mention) -> tuple:
    return m.location, m.admin1, m.country, m.latitude, m.longitude, m.geo_precision


def _place(ranked: list[Mention]) -> tuple:
    placed = [m for m in ranked if m.country]
    if not placed:
        return (None,) * 6
    best = min(m.geo_precision or 3 for m in placed)
    pool = [m for m in placed if (m.geo_precision or 3) == best]
    counts = _support(pool, _place_key)
    return min(counts, key=lambda k: (-counts[k], str(k)))


def _actor(ranked: list[Mention], field: str) -> str | None:
    named = [m for m in ranked if not is_unidentified(getattr(m, field))]
    return _most_supported(named or ranked, lambda m: getattr(m, field))


def _type(ranked: list[Mention]) -> Mention:
    """The mention whose sub-type (with its event and disorder type) the event takes."""
    specific = [m for m in ranked if not is_generic_sub_type(m.sub_event_type)] or ranked
    sub = _most_supported(specific, lambda m: m.sub_event_type)
    return next(m for m in specific if m.sub_event_type == sub)


def _distinct(values: Iterable[Any]) -> list[Any]:
    return sorted({v for v in values if v is not None}, key=lambda v: (str(type(v)), v))


def _disagreements(ranked: list[Mention]) -> dict[str, list[Any]]:
    specific = [m for m in ranked if not is_generic_sub_type(m.sub_event_type)] or ranked
    found = {
        "fatalities": _distinct(m.fatalities for m in ranked),
        "injuries": _distinct(m.injuries for m in ranked),
        "sub_event_type": _distinct(m.sub_event_type for m in specific),
        "actor1": _distinct(m.actor1 for m in ranked if not is_unidentified(m.actor1)),
        "actor2": _distinct(m.actor2 for m in ranked if not is_unidentified(m.actor2)),
        "location": _distinct(m.location for m in ranked if m.geo_precision == 1),
        "weapon": _distinct(m.weapon for m in ranked),
        "quantity": _distinct(m.quantity for m in ranked),
    }
    return {k: v for k, v in found.items() if len(v) > 1}


def _notes(ranked: list[Mention], actor1: str | None, n_sources: int, n_independent: int) -> str:
    parts = [next((m.notes.strip() for m in ranked if m.notes and m.notes.strip()), "")]
    if actor1 and not is_unidentified(actor1) and any(m.claimed for m in ranked):
        parts.append(f"{actor1} claimed responsibility.")
    blamed = _distinct(m.blamed for m in ranked if not m.claimed)
    if blamed:
        parts.append(f"Blamed on: {'; '.join(blamed)}.")
    parts.append(f"Reported by {n_sources} source{'s' * (n_sources != 1)} ({n_independent} independent).")
    return " ".join(p for p in parts if p)


def _source(m: Mention, info) -> Source:
    return Source(m.article_id, info.source if info else None, info.url if info else None,
                  info.published if info else None, m.sentence.text, m.sentence.start, m.sentence.end)


def _source_key(s: Source) -> tuple:
    return s.published is None, s.published or "", s.article_id, s.start, s.end


def independent_reports(members: list[Mention], articles: Mapping[str, Any],
                        group_of: Callable[[Mention], str]) -> int:
    """How many independent reports the members come from: articles are one report when they
    are copies (one syndication group) or relay one agency's reporting (credited or cited:
    "security sources told AFP"), directly or through others."""
    parent: dict[str, str] = {}

    def find(key: str) -> str:
        while parent.setdefault(key, key) != key:
            key = parent[key]
        return key

    for m in members:
        info = articles.get(m.article_id)
        keys = [f"group:{group_of(m)}"] + [f"agency:{a}" for a in getattr(info, "agencies", ()) or ()]
        root = find(keys[0])
        for key in keys[1:]:
            parent[find(key)] = root
    return len({find(f"group:{group_of(m)}") for m in members})


def build_event(canonical: str, members: list[Mention], articles: Mapping[str, Any],
                group_of: Callable[[Mention], str]) -> Event:
    """The Event reconciled from ``members``; ``canonical`` is the mention id its id comes from."""
    ranked = sorted(members, key=rank)
    typed = _type(ranked)
    event_date, precision = _date(ranked)
    location, admin1, country, lat, lon, geo = _place(ranked)
    fatalities, fat_values = _figure(ranked, "fatalities")
    injuries, _ = _figure(ranked, "injuries")
    quantity, _ = _figure(ranked, "quantity")
    article_ids = sorted({m.article_id for m in members})
    independent = independent_reports(members, articles, group_of)
    actor1 = _actor(ranked, "actor1")
    return Event(
        id=event_id(canonical), event_date=event_date, date_precision=precision,
        disorder_type=typed.disorder_type, event_type=typed.event_type, sub_event_type=typed.sub_event_type,
        actor1=actor1, assoc_actor1=_actor(ranked, "assoc_actor1"),
        actor2=_actor(ranked, "actor2"), assoc_actor2=_actor(ranked, "assoc_actor2"),
        country=country, admin1=admin1, location=location, latitude=lat, longitude=lon, geo_precision=geo,
        fatalities=fatalities, injuries=injuries,
        fatalities_range=[fat_values[0], fat_values[-1]] if len(fat_values) > 1 else None,
        weapon=_most_supported(ranked, lambda m: m.weapon), quantity=quantity,
        notes=_notes(ranked, actor1, len(article_ids), independent),
        sources=sorted((_source(m, articles.get(m.article_id)) for m in members), key=_source_key),
        article_ids=article_ids, source_count=len(article_ids), independent_sources=independent,
        mention_ids=sorted(m.id for m in members), disagreements=_disagreements(ranked),
    )

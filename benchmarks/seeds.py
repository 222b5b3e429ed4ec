"""Events found in the seed pages against the hand-written gold (../shared/eval/seeds_gold.json).

Two runs:
  per-page  each page ingested into its own database (extraction alone, no cross-article merging)
  together  all pages ingested into one database (syndication + event merging)

A predicted event "matches" a gold event when they share a source page, have the same
event_type and the date lies within the gold tolerance (a month- or week-precision row covers
its days). Each row belongs to the gold event it fits best; for each required gold event the
best of its own matches (sub-type first, then distance) is scored for sub-type, place (within tolerance_km),
fatalities, and source recall; a gold event matched by more than one row of one database is
"split". A predicted violent event matching no gold event (optional ones included) is a false
positive, except an undated row that matches a gold event by page, type and place: that is
counted apart ("undated rows of gold events"), as a real event whose date is unknown.

    python benchmarks/seeds.py [--gold PATH] [--seeds DIR] [--mode per-page|together|both] [--json]
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots"}


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(a))


def page_of(article_id: str) -> str:
    return article_id.split("#")[0]


def run_databases(seed_files: list[Path], mode: str) -> list[list]:
    """Ingest the seeds; return one list of events per database."""
    import eventwire

    groups = [[f] for f in seed_files] if mode == "per-page" else [seed_files]
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for i, files in enumerate(groups):
            db = str(Path(tmp) / f"seeds{i}.db")
            eventwire.ingest([str(f) for f in files], db=db)
            out.append(eventwire.events(db=db))
    return out


def days_off(event, gold_date: str) -> float:
    """Days between the gold date and the row's date interval (a month-precision row covers its
    month, a week-precision row its seven days)."""
    if not event.event_date:
        return math.inf
    start = date.fromisoformat(event.event_date[:10])
    precision = getattr(event, "date_precision", None) or "day"
    if precision == "month":
        end = (start.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    elif precision == "year":
        end = start.replace(month=12, day=31)
    else:
        end = start + timedelta(days=6 if precision == "week" else 0)
    g = date.fromisoformat(gold_date[:10])
    return 0 if start <= g <= end else min(abs((g - start).days), abs((g - end).days))


def is_candidate(event, gold: dict) -> bool:
    pages = {page_of(a) for a in event.article_ids}
    return (
        bool(pages & set(gold["sources"]))
        and event.event_type == gold.get("event_type")
        and days_off(event, gold["date"]) <= gold.get("date_tolerance_days", 0)
    )


def distance(event, gold: dict) -> float:
    if event.latitude is None or gold.get("lat") is None:
        return math.inf
    return km(event.latitude, event.longitude, gold["lat"], gold["lon"])


def fit(event, gold: dict) -> tuple:
    """How well a candidate row fits a gold event: lower is better."""
    return (event.sub_event_type != gold["sub_event_type"], distance(event, gold) > gold["tolerance_km"],
            days_off(event, gold["date"]), distance(event, gold))


def assign(databases: list[list], golds: list[dict]) -> dict[int, str]:
    """Each row goes to the gold event it fits best (by id(row)); a row fitting none is unassigned."""
    owner = {}
    for events in databases:
        for e in events:
            fitting = [g for g in golds if is_candidate(e, g)]
            if fitting:
                owner[id(e)] = min(fitting, key=lambda g: fit(e, g))["id"]
    return owner


def score_gold(gold: dict, databases: list[list], owner: dict[int, str]) -> dict:
    per_db = [[e for e in events if is_candidate(e, gold)] for events in databases]
    candidates = [e for found in per_db for e in found]
    split = any(sum(owner.get(id(e)) == gold["id"] for e in found) > 1 for found in per_db)
    row = {"id": gold["id"], "found": bool(candidates), "split": split}
    if not candidates:
        return row | {"sub_type": False, "place": False, "fatalities": False, "date": None,
                      "source_recall": 0.0, "km": None, "got_fatalities": None, "got_sub_type": None}
    # a row that fits another gold event better is that event's, not a match for this one
    own = [e for e in candidates if owner.get(id(e)) == gold["id"]] or candidates
    best = min(own, key=lambda e: fit(e, gold))
    pages = {page_of(a) for e in candidates for a in e.article_ids} & set(gold["sources"])
    d = distance(best, gold)
    return row | {
        "sub_type": best.sub_event_type == gold["sub_event_type"],
        "got_sub_type": best.sub_event_type,
        "place": d <= gold["tolerance_km"],
        "km": None if d == math.inf else round(d),
        "fatalities": best.fatalities == gold.get("fatalities"),
        "got_fatalities": best.fatalities,
        "date": best.event_date,
        "source_recall": len(pages) / len(gold["sources"]),
        "best_sources": sorted({page_of(a) for a in best.article_ids}),
    }


def undated_report_of(event, gold: dict) -> bool:
    """An undated row (its page gave no date) of a gold event: same page, type and place.
    Not a false positive: a real event whose date is unknown (it still misses on date)."""
    pages = {page_of(a) for a in event.article_ids}
    return (event.event_date is None and bool(pages & set(gold["sources"]))
            and event.event_type == gold.get("event_type") and distance(event, gold) <= gold["tolerance_km"])


def false_positives(databases: list[list], golds: list[dict]) -> tuple[list, list]:
    """(rows matching no gold event, undated rows of gold events)."""
    violent_gold = [g for g in golds if g.get("kind") == "violent"]
    unmatched = [e for events in databases for e in events
                 if e.event_type in VIOLENT_TYPES and not any(is_candidate(e, g) for g in violent_gold)]
    undated = [e for e in unmatched if any(undated_report_of(e, g) for g in violent_gold)]
    return [e for e in unmatched if e not in undated], undated


def evaluate(gold_doc: dict, databases: list[list]) -> dict:
    golds = gold_doc["events"]
    required = [g for g in golds if g.get("kind") == "violent" and not g.get("optional")]
    owner = assign(databases, [g for g in golds if g.get("kind") == "violent"])
    rows = [score_gold(g, databases, owner) for g in required]
    fps, undated = false_positives(databases, golds)
    n = len(rows)
    with_fat = [r for r, g in zip(rows, required) if "fatalities" in g]
    return {
        "events": rows,
        "false_positives": [
            {"date": e.event_date, "sub_event_type": e.sub_event_type, "location": e.location,
             "articles": e.article_ids, "notes": e.notes} for e in fps
        ],
        "summary": {
            "required": n,
            "found": sum(r["found"] for r in rows),
            "sub_type": sum(r["sub_type"] for r in rows),
            "place": sum(r["place"] for r in rows),
            "sub_type_and_place": sum(r["sub_type"] and r["place"] for r in rows),
            "fatalities": f"{sum(r['fatalities'] for r in with_fat)}/{len(with_fat)}",
            "split": sum(r["split"] for r in rows),
            "false_positives": len(fps),
            "undated_rows_of_gold_events": len(undated),
            "source_recall": round(sum(r["source_recall"] for r in rows) / n, 3) if n else 0.0,
            "rows": sum(len(d) for d in databases),
            "violent_rows": sum(e.event_type in VIOLENT_TYPES for d in databases for e in d),
        },
    }


def print_report(mode: str, result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"seeds, {mode}")
    for col in ("gold event", "found", "date", "sub-type", "km", "fatalities", "split", "sources"):
        table.add_column(col)
    mark = {True: "yes", False: "NO"}
    for r in result["events"]:
        table.add_row(
            r["id"], mark[r["found"]], str(r["date"]),
            "yes" if r["sub_type"] else f"NO ({r['got_sub_type']})",
            str(r["km"]), "yes" if r["fatalities"] else f"NO ({r['got_fatalities']})",
            "SPLIT" if r["split"] else "", f"{r['source_recall']:.2f}",
        )
    console = Console()
    console.print(table)
    console.print(result["summary"])
    for fp in result["false_positives"]:
        console.print(f"  false positive: {fp}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=SHARED / "eval" / "seeds_gold.json")
    parser.add_argument("--seeds", type=Path, default=SHARED / "seeds")
    parser.add_argument("--mode", choices=("per-page", "together", "both"), default="both")
    parser.add_argument("--json", action="store_true", help="print results as JSON")
    args = parser.parse_args(argv)
    if not args.gold.exists() or not args.seeds.is_dir():
        print(f"gold or seeds not found ({args.gold}, {args.seeds}); pass --gold/--seeds", file=sys.stderr)
        return 2
    gold_doc = json.loads(args.gold.read_text())
    seed_files = sorted(args.seeds.glob("*.txt"))
    modes = ("per-page", "together") if args.mode == "both" else (args.mode,)
    results = {mode: evaluate(gold_doc, run_databases(seed_files, mode)) for mode in modes}
    if args.json:
        print(json.dumps(results, indent=1, default=str))
    else:
        for mode, result in results.items():
            print_report(mode, result)
    return 0


if __name__ == "__main__":
    sys.exit(main())

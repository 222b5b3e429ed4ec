"""Geocoding benchmark: Acc@161km on LGL (local-news articles with gold toponyms).

    python benchmarks/geo.py [--data ../shared/dev/geo/lgl.xml] [--limit N]

Reports
  resolution  given the gold spans, our disambiguation (each toponym in the context of the
              article's other gold toponyms): share within 161 km, mean and median error;
  end-to-end  find_places on the raw text: recall (gold toponyms with an overlapping predicted
              place within 161 km), the misses split into toponyms no predicted place overlaps
              and those placed more than 161 km away, precision (predicted places overlapping a gold span), and
              the same within 161 km;
plus the gazetteer's load time and memory. General rules only: nothing here is tuned to LGL.
"""
from __future__ import annotations

import argparse
import resource
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "geo" / "lgl.xml"
KM = 161.0


@dataclass
class Gold:
    start: int
    end: int
    phrase: str
    lat: float
    lon: float


def load(path: Path) -> list[tuple[str, list[Gold]]]:
    docs = []
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        golds = []
        for t in art.iter("toponym"):
            tag = t.find("gaztag")
            if tag is None or tag.findtext("lat") is None:
                continue  # toponyms without coordinates are not scored
            golds.append(Gold(int(t.findtext("start")), int(t.findtext("end")), t.findtext("phrase") or "",
                              float(tag.findtext("lat")), float(tag.findtext("lon"))))
        docs.append((text, golds))
    return docs


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT)
    ap.add_argument("--limit", type=int, default=0, help="first N articles only")
    args = ap.parse_args()
    if not args.data.exists():
        print(f"LGL data not found at {args.data} (pass --data PATH to lgl.xml)", file=sys.stderr)
        return 2

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from eventwire.analyze.gazetteer import distance_km, get_gazetteer
    from eventwire.analyze.nlp import get_nlp
    from eventwire.analyze.places import find_places, resolve_phrases
    from eventwire.models import Article

    rss0, t0, c0 = _rss_mb(), time.perf_counter(), time.process_time()
    get_gazetteer()
    load_s, load_cpu, gaz_mb = time.perf_counter() - t0, time.process_time() - c0, _rss_mb() - rss0

    docs = load(args.data)
    if args.limit:
        docs = docs[: args.limit]
    n_gold = sum(len(g) for _, g in docs)

    # (1) resolution given gold spans
    errors: list[float] = []
    unresolved = 0
    t1 = time.perf_counter()
    for text, golds in docs:
        places = resolve_phrases(text, [(g.start, g.end) for g in golds])
        for g, p in zip(golds, places):
            if p is None or p.lat is None:
                unresolved += 1
                errors.append(20037.0)  # half the Earth's circumference: a miss
            else:
                errors.append(distance_km(g.lat, g.lon, p.lat, p.lon))
    res_s = time.perf_counter() - t1

    # (2) end to end
    nlp = get_nlp()
    found = pred = pred_on_gold = pred_good = missed_far = 0
    t2 = time.perf_counter()
    for (text, golds), doc in zip(docs, nlp.pipe((t for t, _ in docs), batch_size=32)):
        places = find_places(doc, Article(id="lgl", text=text))
        pred += len(places)
        for p in places:
            hits = [g for g in golds if p.start < g.end and g.start < p.end]
            pred_on_gold += bool(hits)
            pred_good += any(p.lat is not None and distance_km(g.lat, g.lon, p.lat, p.lon) <= KM for g in hits)
        for g in golds:
            over = [p for p in places if p.start < g.end and g.start < p.end and p.lat is not None]
            hit = any(distance_km(g.lat, g.lon, p.lat, p.lon) <= KM for p in over)
            found += hit
            missed_far += bool(over) and not hit
    e2e_s = time.perf_counter() - t2

    acc = sum(e <= KM for e in errors) / max(1, len(errors))
    rows = [
        ("articles / gold toponyms", f"{len(docs)} / {n_gold}"),
        ("resolution Acc@161 (gold spans)", f"{acc:.3f}"),
        ("resolution mean / median error km", f"{statistics.mean(errors):.0f} / {statistics.median(errors):.1f}"),
        ("resolution unresolved", f"{unresolved}"),
        ("end-to-end recall@161", f"{found / max(1, n_gold):.3f}"),
        ("end-to-end misses: not found / > 161 km", f"{n_gold - found - missed_far} / {missed_far}"),
        ("end-to-end precision (span)", f"{pred_on_gold / max(1, pred):.3f}"),
        ("end-to-end precision@161", f"{pred_good / max(1, pred):.3f}"),
        ("predicted places", f"{pred}"),
        ("gazetteer load s (wall / cpu)", f"{load_s:.2f} / {load_cpu:.2f}"),
        ("gazetteer memory MB (max RSS growth)", f"{gaz_mb:.0f}"),
        ("resolution s / end-to-end s", f"{res_s:.1f} / {e2e_s:.1f}"),
    ]
    width = max(len(k) for k, _ in rows)
    print(f"LGL geocoding ({args.data.name})")
    for k, v in rows:
        print(f"  {k:<{width}}  {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

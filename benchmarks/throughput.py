"""Ingest throughput and peak memory on real articles, next to a bare spaCy parse of the same text.

The corpus is every real article found under ../shared/dev: LGL local news (lgl.xml),
TimeBank/AQUAINT (TBAQ .tml text) and the scraped pages of dev/clean. Both runs happen in this
process: first spaCy alone (nlp.pipe over the raw texts), then the full `eventwire ingest`
(read, clean, analyse, extract, merge, store) into a fresh SQLite file.

    python benchmarks/throughput.py [--shared DIR] [--limit N]
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def lgl_articles(path: Path) -> list[dict]:
    root = ET.parse(path).getroot()
    return [
        {"id": f"lgl-{a.get('docid')}", "text": a.findtext("text") or "", "title": a.findtext("title")}
        for a in root.iter("article")
    ]


def tbaq_articles(folder: Path) -> list[dict]:
    out = []
    for tml in sorted(folder.rglob("*.tml")):
        raw = tml.read_text(encoding="utf-8", errors="replace")
        match = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
        if match:
            out.append({"id": f"tbaq-{tml.stem}", "text": re.sub(r"<[^>]+>", "", match.group(1)).strip()})
    return out


def clean_pages(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as fh:
        return [{"id": f"page-{json.loads(line)['id'][:16]}", "text": json.loads(line)["text"]} for line in fh]


def corpus(shared: Path) -> list[dict]:
    docs: list[dict] = []
    if (shared / "dev/geo/lgl.xml").exists():
        docs += lgl_articles(shared / "dev/geo/lgl.xml")
    if (shared / "dev/time/TBAQ-cleaned").is_dir():
        docs += tbaq_articles(shared / "dev/time/TBAQ-cleaned")
    if (shared / "dev/clean/pages.jsonl").exists():
        docs += clean_pages(shared / "dev/clean/pages.jsonl")
    return [d for d in docs if d["text"].strip()]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
    args = parser.parse_args(argv)
    docs = corpus(args.shared)
    if args.limit:
        docs = docs[: args.limit]
    if not docs:
        print(f"no articles found under {args.shared}/dev; pass --shared", file=sys.stderr)
        return 2
    chars = sum(len(d["text"]) for d in docs)

    import eventwire
    from eventwire.analyze.nlp import get_nlp

    nlp = get_nlp()
    nlp("warm up")
    rss_loaded = peak_rss_mb()
    t0 = time.perf_counter()
    for _ in nlp.pipe((d["text"] for d in docs), batch_size=32):
        pass
    bare = time.perf_counter() - t0
    rss_bare = peak_rss_mb()

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "corpus.jsonl"
        src.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
        t0 = time.perf_counter()
        report = eventwire.ingest([str(src)], db=str(Path(tmp) / "bench.db"))
        full = time.perf_counter() - t0
        rss_full = peak_rss_mb()
        cleaned = [a.text for a in eventwire.articles(db=str(Path(tmp) / "bench.db"))]
    # Ingest parses only the cleaned text: a bare parse of that is the strictest comparison.
    t0 = time.perf_counter()
    for _ in nlp.pipe(cleaned, batch_size=32):
        pass
    bare_clean = time.perf_counter() - t0

    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"throughput: {len(docs)} real articles, {chars / 1e6:.1f} M characters")
    for col in ("run", "seconds", "articles/s", "peak RSS MB"):
        table.add_column(col)
    table.add_row("spaCy parse only", f"{bare:.1f}", f"{len(docs) / bare:.1f}", f"{rss_bare:.0f}")
    table.add_row("spaCy parse of the cleaned text", f"{bare_clean:.1f}", f"{len(docs) / bare_clean:.1f}", "")
    table.add_row("eventwire ingest", f"{full:.1f}", f"{len(docs) / full:.1f}", f"{rss_full:.0f}")
    Console().print(table)
    print(f"ingest / bare parse of the input = {full / bare:.2f}x; "
          f"ingest / bare parse of the cleaned text = {full / bare_clean:.2f}x; model loaded at {rss_loaded:.0f} MB; "
          f"{report.articles_stored} articles stored, {report.mentions} mentions, {report.events_total} events")
    return 0


if __name__ == "__main__":
    sys.exit(main())

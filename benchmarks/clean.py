"""Boilerplate removal on full-page plain text against a person-marked article body.

Reads ``../shared/dev/clean/pages.jsonl`` (one page a line: ``text`` = the whole page as plain
text, ``gold`` = the article body). Each page is fed to ``clean_document`` as a plain-text
RawDocument with no metadata; the texts of all articles produced for the page are joined and
compared with the gold by word 4-grams (multiset, lowercase): precision, recall and F1 per
page, averaged over pages. The gold holds the body without the title, so the title is not
added. The uncleaned page text is scored the same way as a baseline.

    python benchmarks/clean.py [--data PATH] [--worst N] [--folds]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_DATA = SHARED / "dev" / "clean" / "pages.jsonl"
WORD = re.compile(r"\w+", re.UNICODE)


def grams(text: str, n: int = 4) -> Counter:
    words = WORD.findall(text.lower())
    return Counter(tuple(words[i:i + n]) for i in range(max(0, len(words) - n + 1)))


def prf(pred: str, gold: str) -> tuple[float, float, float]:
    p, g = grams(pred), grams(gold)
    if not p and not g:
        return 1.0, 1.0, 1.0
    hit = sum((p & g).values())
    prec = hit / sum(p.values()) if p else 0.0
    rec = hit / sum(g.values()) if g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def clean_page(page: dict) -> str:
    from eventwire.clean import clean_document
    from eventwire.models import RawDocument

    raw = RawDocument(id=page["id"][:16], path="bench", text=page["text"])
    return "\n\n".join(a.text for a in clean_document(raw))


def fold_of(page_id: str) -> int:
    return hashlib.sha256(page_id.encode()).digest()[0] % 2


def mean(rows: list[tuple[float, float, float]]) -> tuple[float, float, float]:
    n = max(1, len(rows))
    return tuple(sum(r[i] for r in rows) / n for i in range(3))  # type: ignore[return-value]


def print_table(title: str, rows: list[tuple[str, tuple[float, float, float], int]]) -> None:
    try:
        from rich.console import Console
        from rich.table import Table
    except ImportError:
        print(title)
        for name, (p, r, f), n in rows:
            print(f"  {name:<12} n={n:<4} P={p:.3f} R={r:.3f} F1={f:.3f}")
        return
    table = Table(title=title)
    for col in ("run", "pages", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "run" else "right")
    for name, (p, r, f), n in rows:
        table.add_row(name, str(n), f"{p:.3f}", f"{r:.3f}", f"{f:.3f}")
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="pages.jsonl with text and gold")
    ap.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    ap.add_argument("--folds", action="store_true", help="also score two halves split by id hash")
    args = ap.parse_args(argv)
    if not args.data.is_file():
        sys.exit(f"benchmark data not found: {args.data} (pass --data PATH)")
    pages = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]

    t0 = time.perf_counter()
    cleaned = [prf(clean_page(p), p["gold"]) for p in pages]
    elapsed = time.perf_counter() - t0
    baseline = [prf(p["text"], p["gold"]) for p in pages]

    rows = [("uncleaned", mean(baseline), len(pages)), ("cleaned", mean(cleaned), len(pages))]
    if args.folds:
        for k in (0, 1):
            part = [s for s, p in zip(cleaned, pages) if fold_of(p["id"]) == k]
            rows.append((f"fold {k}", mean(part), len(part)))
    print_table(f"clean: word 4-gram overlap with gold body ({args.data.name})", rows)
    print(f"{len(pages)} pages in {elapsed:.2f}s ({1000 * elapsed / max(1, len(pages)):.1f} ms/page)")
    if args.worst:
        ranked = sorted(zip(cleaned, pages), key=lambda sp: sp[0][2])[: args.worst]
        for (p, r, f), page in ranked:
            print(f"  F1={f:.3f} P={p:.3f} R={r:.3f}  {page['id'][:12]}  {page.get('url', '')[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

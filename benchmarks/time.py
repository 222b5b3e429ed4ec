"""Benchmark: DATE value accuracy of eventwire.analyze.timex on TimeBank + AQUAINT (TBAQ-cleaned).

Protocol
- Each .tml file is one article: its text is the content of <TEXT> with tags removed; its
  publication date is the document creation time (the TIMEX3 with
  functionInDocument="CREATION_TIME"), date part only.
- Gold: every TIMEX3 of type DATE inside <TEXT>. Gold values are normalised to our
  representation: YYYY, YYYY-MM, YYYY-MM-DD (a time-of-day suffix such as "TNI" or "T14:00" is
  dropped: day precision), YYYY-Www -> (Monday of ISO week, "week"). Other values (PRESENT_REF,
  PAST_REF, FUTURE_REF, quarters, halves, seasons, weekends "-WE", decades, "XX" placeholders,
  durations) have no representation in eventwire and can never be matched.
- A gold DATE counts as correct when some TimeExpr returned by find_times over the document text
  overlaps its span and has the same (value, precision).
- Reported: value accuracy over all gold DATEs and over the representable ones; accuracy on the
  representable gold DATEs we detected; detection recall (a TimeExpr overlaps the gold DATE) and
  detection precision (a TimeExpr overlaps any gold TIMEX3 of any type: "the weekend" is often
  gold DURATION, "Friday night" gold TIME).
- No rule or datum in eventwire names these documents; the two tunable windows in
  data/timex.yaml were chosen on this set.

Usage: python benchmarks/time.py [--data DIR] [--spacy] [--errors N]
"""
from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "dev" / "time" / "TBAQ-cleaned"
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventwire.analyze.timex import find_times  # noqa: E402

_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})$")


@dataclass
class Gold:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass
class Doc:
    name: str
    corpus: str
    dct: str
    text: str
    gold: list[Gold]


def normalise(value: str) -> tuple[str, str] | None:
    """Gold TimeML value -> (value, precision) in eventwire's representation, or None."""
    m = _DAY.match(value)
    if m:
        return m.group(1), "day"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return value, "month"
    if re.fullmatch(r"\d{4}", value):
        return value, "year"
    m = _WEEK.match(value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat(), "week"
        except ValueError:
            return None
    return None


def _flatten(el: ET.Element, parts: list[str], gold: list[Gold], offset: int) -> int:
    """Append the text of ``el`` to ``parts``; record TIMEX3 spans; return the new offset."""
    start = offset
    if el.text:
        parts.append(el.text)
        offset += len(el.text)
    for child in el:
        offset = _flatten(child, parts, gold, offset)
        if child.tail:
            parts.append(child.tail)
            offset += len(child.tail)
    if el.tag == "TIMEX3":
        gold.append(Gold(start, offset, el.get("type", ""), el.get("value", ""), "".join(parts)[start:offset]))
    return offset


def load(path: Path) -> Doc:
    root = ET.parse(path).getroot()
    dct_el = next(t for t in root.iter("TIMEX3") if t.get("functionInDocument") == "CREATION_TIME")
    dct = dct_el.get("value", "")[:10]
    parts: list[str] = []
    gold: list[Gold] = []
    _flatten(root.find("TEXT"), parts, gold, 0)
    return Doc(path.name, path.parent.name, dct, "".join(parts), gold)


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(docs: list[Doc], use_spacy: bool, errors: int) -> Counter:
    nlp = None
    if use_spacy:
        from eventwire.analyze.nlp import get_nlp
        nlp = get_nlp()
    c: Counter = Counter()
    shown = 0
    for d in docs:
        times = find_times(d.text, d.dct, doc=nlp(d.text) if nlp else None)
        c["predicted"] += len(times)
        c["predicted_ok"] += sum(any(_overlaps(t.start, t.end, g.start, g.end) for g in d.gold) for t in times)
        for g in d.gold:
            if g.type != "DATE":
                continue
            norm = normalise(g.value)
            hits = [t for t in times if _overlaps(t.start, t.end, g.start, g.end)]
            ok = norm is not None and any((t.value, t.precision) == norm for t in hits)
            c["gold"] += 1
            c["detected"] += bool(hits)
            c["correct"] += ok
            if norm is not None:
                c["repr"] += 1
                c["repr_detected"] += bool(hits)
            if hits and norm is not None and not ok and shown < errors:
                shown += 1
                print(f"  {d.name} dct={d.dct} gold={g.text!r}->{norm} ours="
                      f"{[(t.text, t.value, t.precision) for t in hits]}")
    return c


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def report(c: Counter, seconds: float, ndocs: int) -> None:
    rows = [
        ("DATE value accuracy (all gold DATE)", c["correct"], c["gold"]),
        ("DATE value accuracy (representable)", c["correct"], c["repr"]),
        ("value accuracy on detected representable", c["correct"], c["repr_detected"]),
        ("detection recall (gold DATE)", c["detected"], c["gold"]),
        ("detection precision (any gold TIMEX3)", c["predicted_ok"], c["predicted"]),
    ]
    print(f"{'metric':44} {'score':>6}  {'n':>11}")
    for name, a, b in rows:
        print(f"{name:44} {_ratio(a, b):>6}  {a:>5}/{b:<5}")
    print(f"{ndocs} documents in {seconds:.2f}s ({ndocs / max(seconds, 1e-9):.0f} docs/s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="TBAQ-cleaned directory")
    ap.add_argument("--spacy", action="store_true", help="also pass the spaCy Doc to find_times")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong values")
    args = ap.parse_args(argv)
    files = sorted(args.data.glob("*/*.tml")) if args.data.is_dir() else []
    if not files:
        print(f"no TimeML (.tml) files under {args.data}: get TBAQ-cleaned (TimeBank + AQUAINT) "
              "there or pass --data DIR", file=sys.stderr)
        return 2
    docs = [load(f) for f in files]
    t0 = time.perf_counter()
    counts = evaluate(docs, args.spacy, args.errors)
    report(counts, time.perf_counter() - t0, len(docs))
    for corpus in sorted({d.corpus for d in docs}):
        c = evaluate([d for d in docs if d.corpus == corpus], args.spacy, 0)
        print(f"  {corpus:10} value accuracy all {_ratio(c['correct'], c['gold'])}, "
              f"representable {_ratio(c['correct'], c['repr'])}, "
              f"detected {_ratio(c['correct'], c['repr_detected'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

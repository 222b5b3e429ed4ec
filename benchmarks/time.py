"""Benchmark: DATE value accuracy of eventwire.analyze.timex on TimeBank + AQUAINT (TBAQ-cleaned).

Protocol
- Each .tml file is one article: its text is the content of <TEXT> with tags removed; its
  publication date is the document creation time (the TIMEX3 with
  functionInDocument="CREATION_TIME"), date part only.
- Gold: every TIMEX3 of type DATE inside <TEXT>. Gold values are normalised to our
  representation: YYYY, YYYY-MM, YYYY-MM-DD (a time-of-day suffix such as "TNI" or "T14:00" is
  dropped: day precision), YYYY-Www -> (Monday of ISO week, "week"). Other values (PRESENT_REF,
  PAST_REF, FUTURE_REF, quarters, halves, seasons, weekends "-WE", decades, "XX" placeholders,
  durations) have no representation in eventwire and can never be matched: no coarser reading
  counts ("last summer" is returned at year precision, 1998, but gold 1998-SU stays a miss).
- A gold DATE counts as correct when some TimeExpr returned by find_times over the document text
  overlaps its span and has the same (value, precision).
- Reported: value accuracy over all gold DATEs, over the calendar ones (all but *_REF and
  duration-shaped values, which name no calendar time at all) and over the representable ones;
  accuracy on the representable gold DATEs we detected; detection recall (a TimeExpr overlaps
  the gold DATE) and detection precision (a TimeExpr overlaps any gold TIMEX3 of any type: "the
  weekend" is often gold DURATION, "Friday night" gold TIME).
- No rule or datum in eventwire names these documents; the two tunable windows in
  data/timex.yaml were chosen on this set.
- ``--breakdown`` counts the misses: unrepresentable gold values by kind (quarter, season, ref,
  ...), representable ones by outcome (undetected, wrong value) and kind of expression, with
  examples.

Usage: python benchmarks/time.py [--data DIR] [--spacy] [--errors N] [--breakdown]
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


def evaluate(docs: list[Doc], use_spacy: bool, errors: int, misses: list | None = None) -> Counter:
    """Counts for the report; each missed gold DATE is appended to ``misses`` as
    (doc, gold, normalised gold, our overlapping expressions)."""
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
            if unrepresentable_kind(g.value) not in _NOT_CALENDAR:
                c["calendar"] += 1
            if norm is not None:
                c["repr"] += 1
                c["repr_detected"] += bool(hits)
            if not ok and misses is not None:
                misses.append((d, g, norm, hits))
            if hits and norm is not None and not ok and shown < errors:
                shown += 1
                print(f"  {d.name} dct={d.dct} gold={g.text!r}->{norm} ours="
                      f"{[(t.text, t.value, t.precision) for t in hits]}")
    return c


# --- error breakdown ----------------------------------------------------------------------

# Gold values eventwire cannot express, by kind (first match wins). "ref" (PRESENT_REF, ...)
# and "duration" values name no calendar time at all; the others are calendar periods without
# a unit in eventwire (quarters, halves, seasons, weekends, decades, centuries) or values with an
# unspecified part ("1989-WXX": some week of 1989, "1998-10-XX").
_UNREPRESENTABLE = [
    ("ref (PRESENT_REF, PAST_REF, FUTURE_REF)", r"^(?:PRESENT|PAST|FUTURE)_REF$"),
    ("duration-valued", r"^P"),
    ("quarter", r"-Q[\dX]$"),
    ("half year", r"-H[\dX]$"),
    ("season", r"-(?:SP|SU|FA|WI)$"),
    ("weekend", r"-WE$"),
    ("decade or century", r"^\d{1,3}X*$"),
    ("unspecified part (X)", r"X"),
]
_NOT_CALENDAR = {"ref (PRESENT_REF, PAST_REF, FUTURE_REF)", "duration-valued"}

# Kinds of expression, read from the gold text of representable misses (first match wins).
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_KINDS = [
    ("anaphoric (that/following/previous/then)", r"\b(?:that|following|previous|same|then)\b"),
    ("'a year earlier', 'year-ago'", r"\byear[- ](?:earlier|ago)\b"),
    ("part of a month (early/mid/late X)",
     rf"\b(?:early|mid|late|beginning|middle|end)\b.*\b{_MONTH}(?!\w)"),
    ("N units ago", r"\bago\b"),
    ("this/last/next/past unit", r"\b(?:this|last|next|past|coming|current)\s+(?:week|month|year)"),
    ("end/start of a unit", r"\b(?:end|beginning|start)\b"),
    ("weekday", _WEEKDAY),
    ("holiday or 'Nth day'", r"\b(?:christmas|easter|thanksgiving|new year|\w+ day)\b"),
    ("today/yesterday/tomorrow", r"\b(?:today|tonight|yesterday|tomorrow)\b"),
    ("month and day", rf"\b{_MONTH}\s+\d|\d\s+(?:of\s+)?{_MONTH}"),
    ("month name", rf"\b{_MONTH}(?!\w)"),
    ("year in digits", r"\d{4}|'\d\d"),
    ("spelled-out year", r"\b(?:nineteen|thousand)\b"),
    ("fiscal/full/current year, year-end", r"\b(?:fiscal|full|current|year[- ]end|year's end)"),
]


def unrepresentable_kind(value: str) -> str | None:
    """Why a gold value has no eventwire representation, or None when it has one."""
    if normalise(value) is not None:
        return None
    return next((k for k, pat in _UNREPRESENTABLE if re.search(pat, value)), "other")


def expression_kind(text: str) -> str:
    low = " ".join(text.lower().split())
    return next((k for k, pat in _KINDS if re.search(pat, low)), "other")


def breakdown(misses: list, examples: int = 3) -> None:
    """Missed gold DATEs: unrepresentable by kind of value; representable ones by outcome
    (undetected, wrong value) and kind of expression, with a few examples each."""
    groups: dict[tuple[str, str], list] = {}
    for d, g, norm, hits in misses:
        kind = unrepresentable_kind(g.value)
        key = (f"unrepresentable ({'detected' if hits else 'undetected'})", kind) if kind else (
            "wrong value" if hits else "undetected", expression_kind(g.text))
        groups.setdefault(key, []).append((d, g, norm, hits))
    print(f"\nmissed gold DATEs: {len(misses)}")
    for outcome in ("undetected", "wrong value", "unrepresentable (undetected)",
                    "unrepresentable (detected)"):
        rows = sorted(((k, v) for k, v in groups.items() if k[0] == outcome), key=lambda kv: -len(kv[1]))
        print(f"{outcome}: {sum(len(v) for _, v in rows)}")
        for (_, kind), items in rows:
            shown = "; ".join(_example(d, g, norm, hits) for d, g, norm, hits in items[:examples])
            print(f"  {len(items):4}  {kind:42} {shown}")


def _example(d: Doc, g: Gold, norm, hits) -> str:
    ours = ",".join(f"{t.value}/{t.precision[0]}" for t in hits)
    return f"{' '.join(g.text.split())!r}={g.value}" + (f" (ours {ours})" if hits else "")


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.3f}" if b else "-"


def report(c: Counter, seconds: float, ndocs: int) -> None:
    rows = [
        ("DATE value accuracy (all gold DATE)", c["correct"], c["gold"]),
        ("DATE value accuracy (calendar: no REF, durations)", c["correct"], c["calendar"]),
        ("DATE value accuracy (representable)", c["correct"], c["repr"]),
        ("value accuracy on detected representable", c["correct"], c["repr_detected"]),
        ("detection recall (gold DATE)", c["detected"], c["gold"]),
        ("detection precision (any gold TIMEX3)", c["predicted_ok"], c["predicted"]),
    ]
    print(f"{'metric':50} {'score':>6}  {'n':>11}")
    for name, a, b in rows:
        print(f"{name:50} {_ratio(a, b):>6}  {a:>5}/{b:<5}")
    print(f"{ndocs} documents in {seconds:.2f}s ({ndocs / max(seconds, 1e-9):.0f} docs/s)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="TBAQ-cleaned directory")
    ap.add_argument("--spacy", action="store_true", help="also pass the spaCy Doc to find_times")
    ap.add_argument("--errors", type=int, default=0, help="print up to N wrong values")
    ap.add_argument("--breakdown", action="store_true", help="count the misses by kind, with examples")
    args = ap.parse_args(argv)
    files = sorted(args.data.glob("*/*.tml")) if args.data.is_dir() else []
    if not files:
        print(f"no TimeML (.tml) files under {args.data}: get TBAQ-cleaned (TimeBank + AQUAINT) "
              "there or pass --data DIR", file=sys.stderr)
        return 2
    docs = [load(f) for f in files]
    t0 = time.perf_counter()
    misses: list = []
    counts = evaluate(docs, args.spacy, args.errors, misses)
    report(counts, time.perf_counter() - t0, len(docs))
    for corpus in sorted({d.corpus for d in docs}):
        c = evaluate([d for d in docs if d.corpus == corpus], args.spacy, 0)
        print(f"  {corpus:10} value accuracy all {_ratio(c['correct'], c['gold'])}, "
              f"representable {_ratio(c['correct'], c['repr'])}, "
              f"detected {_ratio(c['correct'], c['repr_detected'])}")
    if args.breakdown:
        breakdown(misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())

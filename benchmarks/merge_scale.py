"""How the merge stage scales: syndication grouping and event merging at 1k, 3k, 10k articles.

A synthetic corpus (fixed seed) of wire stories republished with variants (verbatim,
shortened, expanded, wrapped in a site's boilerplate, lightly edited, reordered), each
reporting events whose mentions vary (day/week precision, undated, country-level place,
differing fatalities). Prints time per article and peak memory per size, the growth of the
per-article time from the smallest to the largest size (the target: no faster than
logarithmic, i.e. at most log(10k)/log(1k) = 1.33), and the incremental path: 100 new
articles against a 10k store.

    .venv/bin/python benchmarks/merge_scale.py [--sizes 1000 3000 10000]
"""
from __future__ import annotations

import argparse
import math
import random
import time
import tracemalloc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from itertools import accumulate
from dataclasses import dataclass, field
from datetime import date, timedelta

import eventwire.merge.events as merge_events
from eventwire.merge.events import ArticleInfo, Block, merge_mentions, related_mentions
from eventwire.merge.syndication import SyndicationIndex, group_copies, signature
from eventwire.models import Mention, Span

SEED = 7
SUB_TYPES = [("Explosions/Remote violence", "Shelling/artillery/missile attack"),
             ("Explosions/Remote violence", "Air/drone strike"),
             ("Battles", "Armed clash"), ("Violence against civilians", "Attack")]


@dataclass
class Corpus:
    texts: dict[str, str] = field(default_factory=dict)
    infos: dict[str, ArticleInfo] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)


class Generator:
    """Deterministic pseudo-news: invented words, places and events."""

    def __init__(self, span_days: int, seed: int = SEED) -> None:
        self.span_days = span_days
        self.rng = random.Random(seed)
        syllables = ["ka", "lo", "mi", "ra", "ten", "vo", "sul", "dar", "ne", "pi", "zor", "ha", "bel", "qu"]
        self.words = sorted({"".join(self.rng.choices(syllables, k=self.rng.randint(1, 4))) for _ in range(12000)})
        # Zipf-like word frequencies: different stories share much of their vocabulary
        self.cum_weights = list(accumulate(1 / (i + 1) for i in range(len(self.words))))
        self.sites = [[self.sentence(14) for _ in range(3)] for _ in range(40)]
        self.countries = [f"Country{i}" for i in range(15)]
        self.places = {c: [(f"{c}-place{j}", self.rng.uniform(-30, 50), self.rng.uniform(-20, 80))
                           for j in range(40)] for c in self.countries}
        self.background = {c: [self.sentence(18) for _ in range(5)] for c in self.countries}

    def sentence(self, n: int | None = None) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum_weights, k=n or self.rng.randint(10, 25))
        return " ".join(words).capitalize() + "."

    def variant(self, story: list[str], kind: str, site: int) -> list[str]:
        if kind == "short":
            return story[: max(3, len(story) // 2)]
        if kind == "long":
            return story + [self.sentence() for _ in range(4)]
        if kind == "wrapped":
            return self.sites[site][:2] + story + self.sites[site][2:]
        if kind == "edited":
            return [" ".join(w if self.rng.random() > 0.03 else self.rng.choice(self.words) for w in s.split())
                    for s in story]
        if kind == "reordered":
            out = story[:]
            self.rng.shuffle(out)
            return out
        return story

    def corpus(self, n_articles: int, prefix: str = "art") -> Corpus:
        out = Corpus()
        story_no = 0
        while len(out.texts) < n_articles:
            story_no += 1
            self.add_story(out, f"{prefix}{story_no:06d}", n_articles)
        return out

    def add_story(self, out: Corpus, story_id: str, limit: int) -> None:
        rng = self.rng
        country = rng.choice(self.countries)
        story = [self.sentence() for _ in range(rng.randint(8, 16))] + rng.sample(self.background[country], 1)
        day = date(2021, 1, 1) + timedelta(days=rng.randrange(self.span_days))
        events = [(rng.choice(self.places[country]), rng.choice(SUB_TYPES), rng.randint(0, 6))
                  for _ in range(rng.randint(1, 2))]
        for r in range(rng.choice([1, 1, 2, 3, 4, 6])):
            if len(out.texts) >= limit:
                return
            art = f"{story_id}-{r}"
            kind = "orig" if r == 0 else rng.choice(["copy", "short", "long", "wrapped", "edited", "reordered"])
            out.texts[art] = " ".join(self.variant(story, kind, rng.randrange(len(self.sites))))
            published = None if rng.random() < 0.1 else day.isoformat()
            out.infos[art] = ArticleInfo(art, f"site{r}", f"https://example.org/{art}", published, story_id)
            for k, (place, (etype, sub), deaths) in enumerate(events):
                out.mentions.append(self.mention(art, k, country, place, etype, sub, day, deaths))

    def mention(self, art: str, k: int, country: str, place: tuple, etype: str, sub: str,
                day: date, deaths: int) -> Mention:
        rng = self.rng
        form = rng.choice(["day", "day", "day", "week", "undated", "country"])
        when, precision = (day.isoformat(), "day")
        if form == "week":
            when, precision = ((day - timedelta(days=day.weekday())).isoformat(), "week")
        elif form == "undated":
            when, precision = None, None
        name, lat, lon = place
        geo = 3 if form == "country" else 1
        return Mention(
            id=f"{art}:{k}", article_id=art, sentence=Span(art, k * 200, k * 200 + 150, "s"),
            disorder_type="Political violence", event_type=etype, sub_event_type=sub,
            event_date=when, date_precision=precision, country=country,
            location=None if geo == 3 else name, latitude=None if geo == 3 else lat,
            longitude=None if geo == 3 else lon, geo_precision=geo,
            fatalities=max(0, deaths + rng.choice([0, 0, 0, 1, -1])))


def timed(fn, *args, repeat: int = 1):
    """Result and best wall time of ``repeat`` runs (the machine may be shared)."""
    best = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn(*args)
        best = min(best, time.perf_counter() - t0)
    return result, best


def pair_checks(mentions: list[Mention], infos: dict[str, ArticleInfo]) -> int:
    """Mention pairs merge_mentions examines: its work, free of timing noise."""
    calls = 0
    real = merge_events.conflict

    def counting(m: Mention, n: Mention) -> bool:
        nonlocal calls
        calls += 1
        return real(m, n)

    merge_events.conflict = counting
    try:
        merge_mentions(mentions, infos)
    finally:
        merge_events.conflict = real
    return calls


def span_for(n: int, fixed: int | None) -> int:
    """News arrive over time: by default 30 articles a day, so a bigger corpus spans longer."""
    return fixed or max(7, n // 30)


def peak_mb(fn, *args) -> float:
    tracemalloc.start()
    fn(*args)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 1e6


def with_groups(corpus: Corpus, groups: dict[str, str]) -> dict[str, ArticleInfo]:
    return {a: ArticleInfo(i.article_id, i.source, i.url, i.published, groups[a]) for a, i in corpus.infos.items()}


class MemoryStore:
    """Stands in for the SQL store: mentions indexed by group, by country and date, by country."""

    def __init__(self, mentions: list[Mention], infos: dict[str, ArticleInfo]) -> None:
        self.infos = infos
        self.by_group: dict[str, list[Mention]] = defaultdict(list)
        self.by_country: dict[str, list[Mention]] = defaultdict(list)
        dated: dict[str, list[tuple[str, str, Mention]]] = defaultdict(list)
        for m in mentions:
            self.by_group[infos[m.article_id].group].append(m)
            self.by_country[m.country].append(m)
            if m.event_date:
                dated[m.country].append((m.event_date, m.id, m))
        self.dated = {c: sorted(rows) for c, rows in dated.items()}  # like an index on (country, event_date)
        self.starts = {c: [r[0] for r in rows] for c, rows in self.dated.items()}

    def _between(self, country: str, first: str, last: str) -> list[Mention]:
        starts = self.starts.get(country, [])
        lo, hi = bisect_left(starts, first), bisect_right(starts, last)
        return [r[2] for r in self.dated[country][lo:hi]] if starts else []

    def _pool(self, b: Block) -> list[Mention]:
        if b.group:
            return self.by_group.get(b.group, [])
        if b.date_from:  # a coarse date starts up to a year before the days it covers
            first = (date.fromisoformat(b.date_from) - timedelta(days=366)).isoformat()
            return self._between(b.country, first, b.date_to)
        return self.by_country.get(b.country, [])

    def fetch(self, blocks: list[Block]) -> tuple[list[Mention], dict[str, ArticleInfo]]:
        found: dict[str, Mention] = {}
        for b in blocks:
            found.update((m.id, m) for m in self._pool(b) if b.matches(m, self.infos[m.article_id].group))
        return list(found.values()), {m.article_id: self.infos[m.article_id] for m in found.values()}


def bcubed_f1(predicted: dict[str, str], truth: dict[str, str]) -> float:
    """B-cubed F1 of a clustering (item -> cluster) against the true one."""
    members: dict[tuple[str, str], set[str]] = defaultdict(set)
    for item in truth:
        members["p", predicted[item]].add(item)
        members["t", truth[item]].add(item)
    precision = recall = 0.0
    for item in truth:
        p, t = members["p", predicted[item]], members["t", truth[item]]
        both = len(p & t)
        precision += both / len(p)
        recall += both / len(t)
    precision, recall = precision / len(truth), recall / len(truth)
    return 2 * precision * recall / (precision + recall)


def scale_row(n: int, fixed_span: int | None) -> dict:
    corpus = Generator(span_for(n, fixed_span)).corpus(n)
    groups, t_group = timed(group_copies, corpus.texts)
    infos = with_groups(corpus, groups)
    events, t_merge = timed(merge_mentions, corpus.mentions, infos, repeat=3)
    true_groups = {a: i.group for a, i in corpus.infos.items()}
    predicted_events = {m: e.id for e in events for m in e.mention_ids}
    true_events = {m.id: f"{corpus.infos[m.article_id].group}:{m.id.rsplit(':', 1)[1]}" for m in corpus.mentions}
    return dict(n=n, mentions=len(corpus.mentions), groups=len(set(groups.values())), events=len(events),
                group_f1=bcubed_f1(groups, true_groups), event_f1=bcubed_f1(predicted_events, true_events),
                checks=pair_checks(corpus.mentions, infos) / n,
                group_ms=1000 * t_group / n, merge_ms=1000 * t_merge / n,
                group_mb=peak_mb(group_copies, corpus.texts), merge_mb=peak_mb(merge_mentions, corpus.mentions, infos))


def incremental(n_store: int, n_new: int, fixed_span: int | None) -> dict:
    gen = Generator(span_for(n_store, fixed_span))
    corpus = gen.corpus(n_store + n_new)
    ids = sorted(corpus.texts)
    rng = random.Random(SEED)
    new_ids = set(rng.sample(ids, n_new))
    groups = group_copies(corpus.texts)
    infos = with_groups(corpus, groups)
    stored = [m for m in corpus.mentions if m.article_id not in new_ids]
    new = [m for m in corpus.mentions if m.article_id in new_ids]

    sigs = {a: signature(corpus.texts[a]) for a in ids if a not in new_ids}  # as kept in the store
    index = SyndicationIndex()
    _, t_load = timed(lambda: [index.add(a, corpus.texts[a], sigs[a]) for a in sorted(sigs)])
    t0 = time.perf_counter()
    for a in sorted(new_ids):
        index.add(a, corpus.texts[a])
    copies = sum(len(index.near_copies(a)) > 0 for a in sorted(new_ids))
    t_syn = time.perf_counter() - t0

    store = MemoryStore(stored, infos)
    (related, seen), t_related = timed(related_mentions, new, store.fetch, {a: infos[a] for a in new_ids})
    events, t_merge = timed(merge_mentions, new + related, seen)
    return dict(store=n_store, new=n_new, load_s=t_load, syn_ms=1000 * t_syn / n_new, with_copies=copies,
                related=len(related), stored_mentions=len(stored), events=len(events),
                related_ms=1000 * t_related / n_new, merge_ms=1000 * t_merge / n_new)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--new", type=int, default=100)
    parser.add_argument("--fixed-span", type=int, default=None, metavar="DAYS",
                        help="put every corpus in DAYS days (density grows with size); default 30 articles/day")
    args = parser.parse_args()
    print(f"span: {f'{args.fixed_span} days for every size' if args.fixed_span else '30 articles a day'}")
    rows = [scale_row(n, args.fixed_span) for n in args.sizes]
    print(f"{'articles':>8} {'mentions':>8} {'groups':>7} {'group F1':>8} {'events':>7} {'event F1':>8} "
          f"{'group ms/art':>12} {'merge ms/art':>12} {'pairs/art':>9} {'group MB':>9} {'merge MB':>9}")
    for r in rows:
        print(f"{r['n']:>8} {r['mentions']:>8} {r['groups']:>7} {r['group_f1']:>8.3f} {r['events']:>7} "
              f"{r['event_f1']:>8.3f} {r['group_ms']:>12.2f} {r['merge_ms']:>12.2f} {r['checks']:>9.2f} "
              f"{r['group_mb']:>9.1f} {r['merge_mb']:>9.1f}")
    lo, hi = rows[0], rows[-1]
    log_ratio = math.log(hi["n"]) / math.log(lo["n"])
    for key in ("group_ms", "merge_ms", "checks"):
        ratio = hi[key] / lo[key]
        verdict = "ok" if ratio <= log_ratio else "FASTER THAN LOG"
        print(f"{key} per article {lo['n']} -> {hi['n']}: x{ratio:.2f} (log bound x{log_ratio:.2f}) {verdict}")
    inc = incremental(max(args.sizes), args.new, args.fixed_span)
    print(f"\nincremental: {inc['new']} new articles into a {inc['store']}-article store "
          f"(index load {inc['load_s']:.1f}s with stored signatures)")
    print(f"  syndication: {inc['syn_ms']:.2f} ms/article ({inc['with_copies']} with copies)")
    print(f"  merge: {inc['related']} of {inc['stored_mentions']} stored mentions re-merged, "
          f"{inc['events']} events; per new article: {inc['related_ms']:.2f} ms collecting them "
          f"(store look-ups included), {inc['merge_ms']:.2f} ms merging")


if __name__ == "__main__":
    main()

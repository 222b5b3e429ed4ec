"""Event coreference: the mentions of one real-world event become one Event.

Clustering is deterministic and depends only on the *set* of mentions:

1. *Specific* mentions (day-precision date, place geocoded to precision 1-2) are clustered
   by agglomeration over linked pairs (``compat.link``), best-scored pairs first (ties by
   mention ids); two clusters join only if no cross pair conflicts (``compat.conflict``),
   so two distinct events are never chained through a third report.
2. Each *vague* mention (week/month/year or no date, country-level or no place) joins the
   best specific cluster it links to and conflicts with no member of; vague mentions never
   link clusters. Vague mentions joining one cluster must not conflict with each other
   (never two mentions of one sentence).
3. Vague mentions that fit no cluster are clustered among themselves like step 1.

Candidate pairs come from blocks: (country, day) or (country, week) of the date interval,
the syndication group (copies and the article itself), (country, grid cell or place
name, named actor) for undated mentions of other stories, and the named victim.

The Event id is ``ev-`` + sha1 of the cluster's canonical mention (its smallest specific
mention id, else its smallest mention id)[:16]: a new report joining an event keeps its id
unless it becomes the canonical mention (a smaller-id specific report, or the first
specific report of an event known only vaguely).

Incremental merging: :func:`related_mentions` collects, from a store, every stored mention
that could merge with new ones (transitively), via :func:`blocks_touched`. Merging the new
mentions with those and replacing the stored events that contain any of them gives the same
events as merging everything at once, because clustering is local to connected groups of
compatible (linked, non-conflicting) mentions and the collected set is closed under that.
"""
from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Callable, Iterable, Mapping

from eventwire.merge.compat import (
    cfg, conflict, has_point, haversine_km, interval, is_unidentified, link, weekday_named,
)
from eventwire.merge.reconcile import build_event
from eventwire.models import Event, Mention

_KM_PER_DEGREE = 111.2


@dataclass
class ArticleInfo:
    """What merging needs of an article: provenance for Sources and its syndication group."""

    article_id: str
    source: str | None
    url: str | None
    published: str | None
    group: str  # syndication group id (the article's own id when it has no copies)
    agencies: tuple[str, ...] = ()  # agencies it credits or relays: reports sharing one are not independent


def is_specific(m: Mention) -> bool:
    """Day-precision date and a place geocoded to precision 1-2: can anchor an event."""
    return m.date_precision == "day" and interval(m) is not None and bool(m.country) \
        and (m.geo_precision or 3) <= 2


class _Context:
    """Articles' groups and a cache of pair relations."""

    def __init__(self, articles: Mapping[str, ArticleInfo]) -> None:
        self.articles = articles
        self._scores: dict[tuple[str, str], float | None] = {}
        self._conflicts: dict[tuple[str, str], bool] = {}

    def group(self, m: Mention) -> str:
        info = self.articles.get(m.article_id)
        return info.group if info is not None and info.group else m.article_id

    def conflict(self, m: Mention, n: Mention) -> bool:
        key = (m.id, n.id) if m.id < n.id else (n.id, m.id)
        if key not in self._conflicts:
            self._conflicts[key] = conflict(m, n)
        return self._conflicts[key]

    def score(self, m: Mention, n: Mention) -> float | None:
        """Link score of a non-conflicting pair, else None."""
        key = (m.id, n.id) if m.id < n.id else (n.id, m.id)
        if key not in self._scores:
            linked = None if self.conflict(m, n) else link(m, n, self.group(m) == self.group(n))
            self._scores[key] = linked
        return self._scores[key]


def _weeks(iv: tuple[int, int], slack: int) -> range:
    return range((iv[0] - slack) // 7, (iv[1] + slack) // 7 + 1)


def _cell(lat: float, lon: float) -> tuple[int, int]:
    g = cfg()["grid_degrees"]
    return math.floor(lat / g), math.floor(lon / g)


def _max_radius() -> float:
    return float(max(cfg()["radius_km"].values()))


def _cells_near(lat: float, lon: float, radius: float) -> Iterable[tuple[int, int]]:
    dlat = radius / _KM_PER_DEGREE
    dlon = radius / (_KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.01))
    (y0, x0), (y1, x1) = _cell(lat - dlat, lon - dlon), _cell(lat + dlat, lon + dlon)
    return ((y, x) for y in range(y0, y1 + 1) for x in range(x0, x1 + 1))


def _named(m: Mention) -> list[str]:
    """Identified actors: an undated mention of another story needs one in common to link."""
    return sorted({a for a in (m.actor1, m.actor2) if not is_unidentified(a)})


def _link_keys(m: Mention) -> list[str]:
    """What an undated mention of another story may share to link: a named actor, or the
    weekday (named by the undated one, the weekday of the other's day)."""
    keys = _named(m)
    iv = interval(m)
    weekday = date.fromordinal(iv[0]).weekday() if iv is not None and iv[0] == iv[1] else None
    if iv is None:
        weekday = weekday_named(m)
    if weekday is not None:
        keys.append(f"weekday:{weekday}")
    return keys


def _place_keys(m: Mention) -> list[tuple]:
    """Where a mention sits for the undated/strong-agreement path: grid cell and place name."""
    keys = []
    if has_point(m):
        keys.append(("cell", *_cell(m.latitude, m.longitude)))
    if m.location and (m.geo_precision or 3) <= 2:
        keys.append(("name", m.location.casefold()))
    return keys


class _Candidates:
    """Blocking indexes: which mentions could be linked to a given one.

    Day-precision mentions are indexed by (country, day), coarser ones by (country, week),
    so a dense day only meets itself; every mention by syndication group; and, for undated
    mentions of another story (strong agreement), by (country, place, named actor).
    """

    def __init__(self, mentions: list[Mention], ctx: _Context) -> None:
        self.ctx = ctx
        self.slack = cfg()["date_tolerance_days"]
        self.by_day: dict[tuple, list[Mention]] = defaultdict(list)
        self.by_week: dict[tuple, list[Mention]] = defaultdict(list)
        self.by_group: dict[str, list[Mention]] = defaultdict(list)
        self.by_place: dict[tuple, list[Mention]] = defaultdict(list)
        self.by_victim: dict[tuple, list[Mention]] = defaultdict(list)
        for m in mentions:
            self._add(m)

    def _add(self, m: Mention) -> None:
        self.by_group[self.ctx.group(m)].append(m)
        if not m.country:
            return
        iv = interval(m)
        if iv is not None and iv[0] == iv[1]:
            self.by_day[m.country, iv[0]].append(m)
        elif iv is not None:
            for w in _weeks(iv, 0):
                self.by_week[m.country, w].append(m)
        for actor in _link_keys(m):
            for key in _place_keys(m):
                self.by_place[(m.country, actor, *key)].append(m)
        for victim in m.victim_keys():
            self.by_victim[victim].append(m)

    def of(self, m: Mention) -> list[Mention]:
        found = {n.id: n for n in self.by_group[self.ctx.group(m)]}
        iv = interval(m)
        if m.country and iv is not None:
            for day in range(iv[0] - self.slack, iv[1] + self.slack + 1):
                found.update((n.id, n) for n in self.by_day.get((m.country, day), ()))
            for w in _weeks(iv, self.slack):
                found.update((n.id, n) for n in self.by_week.get((m.country, w), ()))
        for n in self._near(m):
            if iv is None or interval(n) is None:  # two dated mentions meet through their dates
                found[n.id] = n
        for victim in m.victim_keys():  # any country: a guessed place may be in another
            found.update((n.id, n) for n in self.by_victim.get(victim, ()))
        found.pop(m.id, None)
        return [found[k] for k in sorted(found)]

    def _near(self, m: Mention) -> Iterable[Mention]:
        if not m.country:
            return
        for actor in _link_keys(m):
            if has_point(m):
                for cell in _cells_near(m.latitude, m.longitude, _max_radius()):
                    yield from self.by_place.get((m.country, actor, "cell", *cell), ())
            if m.location and (m.geo_precision or 3) <= 2:
                yield from self.by_place.get((m.country, actor, "name", m.location.casefold()), ())


class _Clusters:
    """Union-find whose unions require no conflicting cross pair."""

    def __init__(self, members: list[Mention], ctx: _Context) -> None:
        self.ctx = ctx
        self.parent = {m.id: m.id for m in members}
        self.members = {m.id: [m] for m in members}
        self.version = {m.id: 0 for m in members}
        self.refused: set[tuple] = set()

    def find(self, a: str) -> str:
        while self.parent[a] != a:
            self.parent[a] = self.parent[self.parent[a]]
            a = self.parent[a]
        return a

    def try_union(self, a: str, b: str) -> None:
        ra, rb = sorted((self.find(a), self.find(b)))
        key = (ra, self.version[ra], rb, self.version[rb])
        if ra == rb or key in self.refused:
            return
        if any(self.ctx.conflict(x, y) for x in self.members[ra] for y in self.members[rb]):
            self.refused.add(key)
            return
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        self.version[ra] += 1

    def groups(self) -> list[list[Mention]]:
        return sorted((sorted(ms, key=lambda m: m.id) for ms in self.members.values()), key=lambda ms: ms[0].id)


def _agglomerate(members: list[Mention], cands: _Candidates, ctx: _Context) -> list[list[Mention]]:
    ids = {m.id for m in members}
    pairs = []
    for m in members:
        for n in cands.of(m):
            if n.id > m.id and n.id in ids:
                s = ctx.score(m, n)
                if s is not None:
                    pairs.append((-s, m.id, n.id))
    clusters = _Clusters(members, ctx)
    for _, a, b in sorted(pairs):
        clusters.try_union(a, b)
    return clusters.groups()


def _attach(vague: list[Mention], clusters: list[list[Mention]], cands: _Candidates,
            ctx: _Context) -> tuple[list[list[Mention]], list[Mention]]:
    """Give each vague mention to the best cluster it links to and conflicts with no member of.

    Returns (additions per cluster, leftovers). Best: the strongest link, then most links.
    """
    where = {m.id: i for i, c in enumerate(clusters) for m in c}
    options = []
    for v in vague:
        for i in sorted({where[n.id] for n in cands.of(v) if n.id in where}):
            if any(ctx.conflict(v, x) for x in clusters[i]):
                continue
            scores = [s for s in (ctx.score(v, x) for x in clusters[i]) if s is not None]
            if scores:
                options.append((-max(scores), -len(scores), v.id, clusters[i][0].id, i, v))
    added: list[list[Mention]] = [[] for _ in clusters]
    placed: set[str] = set()
    for *_, i, v in sorted(options, key=lambda o: o[:4]):
        if v.id not in placed and not any(ctx.conflict(v, x) for x in added[i]):
            added[i].append(v)
            placed.add(v.id)
    return added, [v for v in vague if v.id not in placed]


def merge_mentions(mentions: list[Mention], articles: Mapping[str, ArticleInfo]) -> list[Event]:
    """Cluster mentions of the same real-world event and reconcile each cluster into an Event.

    ``articles`` maps article ids to their info (an article missing from it is its own
    syndication group). The result depends only on the set of mentions: events sorted by id.
    """
    ms = sorted({m.id: m for m in mentions}.values(), key=lambda m: m.id)
    ctx = _Context(articles)
    cands = _Candidates(ms, ctx)
    specific = _agglomerate([m for m in ms if is_specific(m)], cands, ctx)
    added, leftovers = _attach([m for m in ms if not is_specific(m)], specific, cands, ctx)
    events = [build_event(core[0].id, core + extra, articles, ctx.group) for core, extra in zip(specific, added)]
    events += [build_event(c[0].id, c, articles, ctx.group) for c in _agglomerate(leftovers, cands, ctx)]
    return sorted(events, key=lambda e: e.id)


@dataclass(frozen=True)
class Block:
    """A part of the store whose mentions may merge with some new mention.

    Kinds: ``group`` (mentions of articles in a syndication group); ``country`` with
    ``date_from``/``date_to`` (dated mentions whose date interval overlaps those days: a
    store query on ``event_date`` should start ``date_from`` minus a year to catch
    month/year-precision ones, then filter with :meth:`matches`); ``country`` with ``near``
    (lat, lon, km) or ``location``, and ``actor`` (mentions at that place naming that actor,
    of any date; only undated ones when ``undated_only``); ``victim`` (mentions
    naming that person killed, in any country).
    """

    country: str | None = None
    date_from: str | None = None
    date_to: str | None = None
    group: str | None = None
    near: tuple[float, float, float] | None = None
    location: str | None = None
    actor: str | None = None
    undated_only: bool = False
    victim: str | None = None

    def matches(self, m: Mention, group: str) -> bool:
        """Does stored mention ``m`` (whose article is in syndication ``group``) fall in this block?"""
        if self.group is not None:
            return group == self.group
        if self.victim is not None:
            return self.victim in m.victim_keys()
        if m.country != self.country:
            return False
        iv = interval(m)
        if self.date_from is not None:
            return iv is not None and iv[0] <= _ordinal(self.date_to) and _ordinal(self.date_from) <= iv[1]
        if (self.undated_only and iv is not None) or self.actor not in _link_keys(m):
            return False
        if self.near is not None:
            return has_point(m) and haversine_km(m.latitude, m.longitude, *self.near[:2]) <= self.near[2]
        return bool(m.location) and (m.geo_precision or 3) <= 2 and m.location.casefold() == self.location


def _ordinal(day: str) -> int:
    return date.fromisoformat(day).toordinal()


def _blocks_of(m: Mention, group: str, slack: int) -> Iterable[Block]:
    yield Block(group=group)
    for victim in m.victim_keys():
        yield Block(victim=victim)
    if not m.country:
        return
    iv = interval(m)
    if iv is not None:
        yield Block(country=m.country, date_from=date.fromordinal(iv[0] - slack).isoformat(),
                    date_to=date.fromordinal(iv[1] + slack).isoformat())
    undated_only = iv is not None  # two dated mentions meet through their dates
    for actor in _link_keys(m):
        if has_point(m):
            yield Block(country=m.country, near=(m.latitude, m.longitude, _max_radius()), actor=actor,
                        undated_only=undated_only)
        if m.location and (m.geo_precision or 3) <= 2:
            yield Block(country=m.country, location=m.location.casefold(), actor=actor, undated_only=undated_only)


def blocks_touched(mentions: list[Mention], window_days: int | None = None,
                   articles: Mapping[str, ArticleInfo] | None = None) -> list[Block]:
    """The blocks of the store whose mentions could merge with any of ``mentions``.

    ``window_days`` widens date ranges (default: the configured date tolerance);
    ``articles`` gives syndication groups (an article missing is its own group).
    """
    slack = cfg()["date_tolerance_days"] if window_days is None else window_days
    ctx = _Context(articles or {})
    blocks = {b for m in mentions for b in _blocks_of(m, ctx.group(m), slack)}
    return sorted(blocks, key=repr)


def _linked(frontier: list[Mention], stored: list[Mention], ctx: _Context) -> list[Mention]:
    """The stored mentions that may merge with some frontier mention (linked, no conflict)."""
    index = _Candidates(sorted(frontier, key=lambda m: m.id), ctx)
    return [m for m in stored if any(ctx.score(m, f) is not None for f in index.of(m))]


Fetch = Callable[[list[Block]], tuple[list[Mention], Mapping[str, ArticleInfo]]]


def related_mentions(new: list[Mention], fetch: Fetch, articles: Mapping[str, ArticleInfo]
                     ) -> tuple[list[Mention], dict[str, ArticleInfo]]:
    """Stored mentions that could merge with ``new`` ones, transitively, and their articles.

    ``fetch(blocks)`` returns stored mentions that may lie in the blocks (a superset is fine:
    only those that may merge with a mention found so far are kept; :meth:`Block.matches`
    says what a block holds) and the ArticleInfo of their articles.
    Merging ``new`` + the result and replacing the stored events containing any returned
    mention gives the same events as merging everything at once.
    """
    infos = dict(articles)
    seen = {m.id for m in new}
    pool: dict[str, Mention] = {}  # fetched, not yet linked: a later frontier may link them
    found: dict[str, Mention] = {}
    done: set[Block] = set()
    frontier = list(new)
    while frontier:
        blocks = [b for b in blocks_touched(frontier, articles=infos) if b not in done]
        done.update(blocks)
        if blocks:
            stored, stored_infos = fetch(blocks)
            infos.update(stored_infos)
            pool.update((m.id, m) for m in stored if m.id not in seen)
        frontier = _linked(frontier, [pool[k] for k in sorted(pool)], _Context(infos))
        for m in frontier:
            seen.add(m.id)
            found[m.id] = pool.pop(m.id)
    return [found[k] for k in sorted(found)], infos

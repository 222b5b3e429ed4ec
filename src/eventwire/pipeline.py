"""The main job: read -> clean -> group copies -> analyze -> extract -> merge -> store.

Each batch of input is one transaction. The stored result is a function of the set of
articles ingested, not of their order: syndication groups and events are recomputed
for the part of the store a batch touches.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable, Iterator

from eventwire.models import Article, Event, Mention, Problem, RawDocument

BATCH_RAWS = 400
# Rounds of dating undated articles by the events they share (a re-analysed article may join
# other events, which may date another article); one or two are enough in practice.
WINDOW_ROUNDS = 3


@dataclass
class IngestReport:
    read: int = 0
    articles_stored: int = 0
    articles_unchanged: int = 0
    articles_redated: int = 0
    mentions: int = 0
    events_total: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def skipped_reasons(self) -> Counter:
        return Counter(_reason_kind(p.reason) for p in self.problems)


def _reason_kind(reason: str) -> str:
    return reason.split(":")[0].split("(")[0].strip()


def _chunks(items: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    chunk: list[RawDocument] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def analyse_and_extract(articles: list[Article]) -> list[Mention]:
    """Event mentions of the articles; each parsed Doc is dropped once its mentions are out."""
    from eventwire.analyze import analyze_many
    from eventwire.extract import extract

    return [m for analysis in analyze_many(articles) for m in extract(analysis)]


def ingest(
    paths: Iterable[str],
    db: str | None = None,
    published: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """Read, clean, extract, merge and store everything under ``paths`` into ``db``."""
    from eventwire.clean import clean_documents
    from eventwire.read import read_paths
    from eventwire.store import Store

    report = IngestReport()

    def problem(p: Problem) -> None:
        report.problems.append(p)
        if on_problem:
            on_problem(p)

    store = Store(db)
    try:
        copies = _load_copy_groups(store)
        raws_in = _distinct_ids(read_paths(paths, problem, published=published))
        for raws in _chunks(raws_in, BATCH_RAWS):
            report.read += len(raws)
            articles = clean_documents(raws, problem)
            _ingest_batch(store, copies, raws, articles, report)
            if on_progress:
                on_progress(len(raws))
        report.events_total = store.counts()["events"]
    finally:
        store.close()
    return report


def _distinct_ids(raws: Iterable[RawDocument]) -> Iterator[RawDocument]:
    """Two different inputs with one id in a run (same file name in two folders, a URL crawled
    twice) must not overwrite each other: later ones get ``ID~<hash>``. Across runs, the same id
    with new content is an update of that article."""
    seen: dict[str, str] = {}
    read_before: set[tuple[str, str]] = set()
    for raw in raws:
        if (raw.id, raw.sha256) in read_before:  # the very same record twice: once is enough
            continue
        read_before.add((raw.id, raw.sha256))
        first = seen.setdefault(raw.id, raw.sha256)
        if first != raw.sha256:
            raw.id = f"{raw.id}~{raw.sha256[:8]}"
        yield raw


def _load_copy_groups(store):
    from eventwire.merge.syndication import CopyGroups

    copies = CopyGroups()
    for article_id, text, signature, group in store.syndication_rows():
        copies.load(article_id, text, signature, group)
    return copies


def _ingest_batch(store, copies, raws: list[RawDocument], articles: list[Article], report: IngestReport) -> None:
    from eventwire.merge.syndication import date_undated

    stored_sha = store.stored_raw_sha(a.id for a in articles)
    new = [a for a in articles if stored_sha.get(a.id) != a.raw_sha256]
    report.articles_unchanged += len(articles) - len(new)
    if not new:
        return
    new_ids = {a.id for a in new}

    # Syndication groups grow as copies arrive; only the groups this batch touches are revisited.
    regrouped: set[str] = set()
    for article in sorted(new, key=lambda a: a.id):
        regrouped |= copies.add(article.id, article.text)
    touched = {copies.group(a.id) for a in new}
    in_groups = set().union(*(copies.members(g) for g in touched))
    stored_articles = {a.id: a for a in store.articles(sorted(in_groups - new_ids))}
    groups = {i: copies.group(i) for i in in_groups}

    # Undated articles take the date of their dated copies; stored ones that change get re-analysed.
    dated = {a.id: a for a in date_undated(list(stored_articles.values()) + new, groups)}
    redated = [dated[i] for i, a in sorted(stored_articles.items()) if dated[i].published != a.published]
    report.articles_redated += len(redated)
    to_analyse = [dated[a.id] for a in new] + redated

    mentions = analyse_and_extract(to_analyse)
    report.mentions += len(mentions)
    report.articles_stored += len(new)

    with store.batch() as batch:
        # Events that lose mentions (re-analysed articles) or whose sources regroup are redone.
        stale_events = batch.event_ids_of_articles([a.id for a in to_analyse] + sorted(regrouped))
        for raw in raws:
            batch.put_raw(raw)
        for article in to_analyse:
            batch.put_article(article, copies.index.signature(article.id), copies.group(article.id))
        for article_id in sorted(regrouped - {a.id for a in to_analyse}):
            batch.set_group(article_id, copies.group(article_id))
        batch.put_mentions(mentions)
        seeds = mentions + batch.mentions_of_articles(sorted(regrouped - {a.id for a in to_analyse}))
        merged = _remerge(batch, seeds, stale_events)
        for _ in range(WINDOW_ROUNDS):
            merged = _date_by_events(batch, copies, merged, report)
            if merged is None:
                break


@dataclass
class _Merged:
    """What one re-merge built: the events, the mentions and the articles they came from."""

    events: list[Event]
    mentions: dict[str, Mention]
    articles: dict  # article id -> ArticleInfo


def _date_by_events(batch, copies, merged: _Merged, report: IngestReport) -> _Merged | None:
    """Undated articles whose reports joined dated events get a publication window; those whose
    window changed are re-analysed and merged again. None when nothing changed."""
    from eventwire.merge.dating import publication_windows

    windows = publication_windows(merged.events, merged.mentions, merged.articles)
    stored = {a.id: a for a, _ in batch.articles_with_groups(windows)}  # only the undated ones
    changed = [replace(stored[i], published_window=w) for i, w in windows.items()
               if i in stored and stored[i].published_window != w]
    if not changed:
        return None
    report.articles_redated += len(changed)
    stale_events = batch.event_ids_of_articles([a.id for a in changed])
    mentions = analyse_and_extract(changed)
    for article in changed:
        batch.put_article(article, copies.index.signature(article.id), copies.group(article.id))
    batch.put_mentions(mentions)
    return _remerge(batch, mentions, stale_events)


def _article_infos(batch, article_ids: Iterable[str]) -> dict:
    from eventwire.merge.events import ArticleInfo

    return {
        a.id: ArticleInfo(a.id, a.source, a.url, a.published, group,
                          tuple(sorted({*([a.agency] if a.agency else []), *(a.agencies_cited or [])})))
        for a, group in batch.articles_with_groups(set(article_ids))
    }


def _remerge(batch, seeds: list[Mention], stale_events: set[str]) -> _Merged:
    """Merge new mentions into the stored events they may belong to, inside the batch's transaction.

    Only the parts of the store that could merge with the new mentions are read (merge blocks:
    same syndication group, country and dates, or place and actor), so the cost per article
    does not grow with the store. The result equals merging everything at once.
    Returns the new events with the mentions and articles they were built from.
    """
    from eventwire.merge.events import merge_mentions, related_mentions

    pool = {m.id: m for m in seeds}
    pool.update((m.id, m) for m in batch.mentions_of_events(stale_events))
    infos = _article_infos(batch, {m.article_id for m in pool.values()})

    def fetch(blocks):
        found = {m.id: m for block in blocks for m in batch.mentions_in_block(block)}
        return list(found.values()), _article_infos(batch, {m.article_id for m in found.values()} - infos.keys())

    related, infos = related_mentions(sorted(pool.values(), key=lambda m: m.id), fetch, infos)
    pool.update((m.id, m) for m in related)
    # Whole stored events go back in, so no member of a recomputed event is left behind.
    old_events = set(stale_events)
    while True:
        old_events |= batch.event_ids_of_mentions(pool)
        extra = [m for m in batch.mentions_of_events(old_events) if m.id not in pool]
        if not extra:
            break
        pool.update((m.id, m) for m in extra)
    infos.update(_article_infos(batch, {m.article_id for m in pool.values()} - infos.keys()))
    events: list[Event] = merge_mentions(sorted(pool.values(), key=lambda m: m.id), infos)
    batch.replace_events(old_events, events)
    return _Merged(events, pool, infos)

"""The Python API; each function mirrors a CLI command of the same name."""
from __future__ import annotations

from typing import Callable, Iterable, Iterator

from eventwire.models import Article, Event, Problem
from eventwire.pipeline import IngestReport
from eventwire.pipeline import ingest as _ingest


def ingest(
    paths: str | Iterable[str],
    db: str | None = None,
    published: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> IngestReport:
    """``eventwire ingest PATH... [--db DB] [--published ISO]``"""
    if isinstance(paths, str):
        paths = [paths]
    return _ingest(paths, db=db, published=published, on_problem=on_problem, on_progress=on_progress)


def events(
    db: str | None = None,
    since: str | None = None,
    until: str | None = None,
    type: str | None = None,  # noqa: A002 - mirrors --type
    country: str | None = None,
) -> list[Event]:
    """``eventwire events [--db DB] [--since] [--until] [--type] [--country]``"""
    from eventwire.store import Store

    store = Store(db)
    try:
        return store.events(since=since, until=until, event_type=type, country=country)
    finally:
        store.close()


def articles(db: str | None = None) -> list[Article]:
    """``eventwire articles [--db DB]``"""
    from eventwire.store import Store

    store = Store(db)
    try:
        return store.articles()
    finally:
        store.close()


def annotate(
    paths: str | Iterable[str],
    published: str | None = None,
    on_problem: Callable[[Problem], None] | None = None,
) -> Iterator[dict]:
    """``eventwire annotate FILE|-``: the whole analysis of each article, no database."""
    from eventwire.analyze import analyze_many
    from eventwire.clean import clean_documents
    from eventwire.extract import extract
    from eventwire.read import read_paths

    if isinstance(paths, str):
        paths = [paths]
    report = on_problem or (lambda p: None)
    raws = list(read_paths(paths, report, published=published))
    for analysis in analyze_many(clean_documents(raws, report)):
        record = analysis.to_dict()
        record["mentions"] = [m.to_dict() for m in extract(analysis)]
        yield record

"""The article and event store: SQLite by default, any SQLAlchemy URL works.

Every write happens inside ``Store.batch()``: one transaction, so a crash or an error
leaves the database exactly as it was before the batch.
"""
from __future__ import annotations

import json
import os
from contextlib import contextmanager
from dataclasses import fields
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Iterable, Iterator

from sqlalchemy import Connection, create_engine, delete, event, insert, select, update
from sqlalchemy.engine import Engine

from eventwire.models import Article, Event, Mention, RawDocument, Source, Span
from eventwire.store import schema

DEFAULT_DB = "eventwire.db"


class SchemaError(RuntimeError):
    pass


def resolve_url(db: str | None) -> str:
    """``--db`` value (path or SQLAlchemy URL), else $EVENTWIRE_DB, else eventwire.db here."""
    db = db or os.environ.get("EVENTWIRE_DB") or DEFAULT_DB
    if "://" in db:
        return db
    return f"sqlite:///{Path(db).expanduser()}"


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=True)


def article_from_json(text: str) -> Article:
    data = json.loads(text)
    data.pop("paragraphs", None)
    return Article(**{f.name: data.get(f.name) for f in fields(Article) if f.name in data})


def _merge_keys(m: Mention) -> list[str]:
    """Keys of ``mention_keys`` rows: merge blocks the mention's columns can't express."""
    return [f"victim:{k}" for k in m.victim_keys()]


def _span(d: dict | None) -> Span | None:
    return Span(**d) if d else None


def mention_from_json(text: str) -> Mention:
    data = json.loads(text)
    for key in ("sentence", "trigger", "date_text", "place_text", "actor1_text", "actor2_text", "weapon_text"):
        data[key] = _span(data.get(key))
    data["casualty_text"] = [Span(**s) for s in data.get("casualty_text") or []]
    return Mention(**data)


def event_from_json(text: str) -> Event:
    data = json.loads(text)
    data["sources"] = [Source(**s) for s in data.get("sources") or []]
    return Event(**data)


class Batch:
    """Writes of one ingest batch, all inside one transaction."""

    def __init__(self, conn: Connection):
        self.conn = conn

    def put_raw(self, raw: RawDocument) -> None:
        exists = self.conn.execute(
            select(schema.raw_documents.c.sha256).where(schema.raw_documents.c.sha256 == raw.sha256)
        ).first()
        if exists:
            return
        self.conn.execute(
            insert(schema.raw_documents).values(
                sha256=raw.sha256, path=raw.path, record=raw.record, encoding=raw.encoding,
                url=raw.url, fetched=raw.fetched, content=raw.html if raw.html is not None else raw.text,
            )
        )

    def put_article(self, article: Article, signature: bytes | None, group: str | None) -> None:
        """Insert or replace an article; its old mentions go with it."""
        self.delete_mentions([article.id])
        self.conn.execute(delete(schema.articles).where(schema.articles.c.id == article.id))
        self.conn.execute(
            insert(schema.articles).values(
                id=article.id, raw_sha256=article.raw_sha256, published=article.published,
                source=article.source, syndication_group=group, signature=signature,
                record=_dumps(article.to_dict()),
            )
        )

    def set_group(self, article_id: str, group: str) -> None:
        self.conn.execute(
            update(schema.articles).where(schema.articles.c.id == article_id).values(syndication_group=group)
        )

    def delete_mentions(self, article_ids: Iterable[str]) -> None:
        ids = list(article_ids)
        if ids:
            doomed = select(schema.mentions.c.id).where(schema.mentions.c.article_id.in_(ids))
            self.conn.execute(delete(schema.mention_keys).where(schema.mention_keys.c.mention_id.in_(doomed)))
            self.conn.execute(delete(schema.mentions).where(schema.mentions.c.article_id.in_(ids)))

    def put_mentions(self, mentions: Iterable[Mention]) -> None:
        mentions = list(mentions)
        rows = [
            dict(id=m.id, article_id=m.article_id, country=m.country, event_date=m.event_date,
                 event_id=None, latitude=m.latitude, longitude=m.longitude,
                 location_key=m.location.casefold() if m.location else None, record=_dumps(m.to_dict()))
            for m in mentions
        ]
        if rows:
            self.conn.execute(insert(schema.mentions), rows)
        keys = [dict(mention_id=m.id, key=k) for m in mentions for k in _merge_keys(m)]
        if keys:
            self.conn.execute(insert(schema.mention_keys), keys)

    # ---- reads inside the transaction (they see this batch's writes) -------------
    def articles_with_groups(self, article_ids: Iterable[str]) -> list[tuple[Article, str]]:
        query = select(schema.articles.c.record, schema.articles.c.syndication_group).where(
            schema.articles.c.id.in_(sorted(article_ids))
        )
        out = []
        for r in self.conn.execute(query):
            article = article_from_json(r.record)
            out.append((article, r.syndication_group or article.id))
        return out

    def event_ids_of_articles(self, article_ids: Iterable[str]) -> set[str]:
        query = select(schema.mentions.c.event_id).where(schema.mentions.c.article_id.in_(sorted(article_ids)))
        return {r.event_id for r in self.conn.execute(query) if r.event_id}

    def event_ids_of_mentions(self, mention_ids: Iterable[str]) -> set[str]:
        query = select(schema.mentions.c.event_id).where(schema.mentions.c.id.in_(sorted(mention_ids)))
        return {r.event_id for r in self.conn.execute(query) if r.event_id}

    def mentions_of_events(self, event_ids: Iterable[str]) -> list[Mention]:
        query = select(schema.mentions.c.record).where(schema.mentions.c.event_id.in_(sorted(event_ids)))
        return [mention_from_json(r.record) for r in self.conn.execute(query)]

    def mentions_of_articles(self, article_ids: Iterable[str]) -> list[Mention]:
        query = select(schema.mentions.c.record).where(schema.mentions.c.article_id.in_(sorted(article_ids)))
        return [mention_from_json(r.record) for r in self.conn.execute(query)]

    def mentions_in_block(self, block) -> list[Mention]:
        """Stored mentions that may lie in a merge block (a superset; the block filters)."""
        m, a = schema.mentions, schema.articles
        if block.group is not None:
            query = select(m.c.record).join(a, a.c.id == m.c.article_id).where(
                (a.c.syndication_group == block.group) | (a.c.id == block.group))
        elif block.victim is not None:
            k = schema.mention_keys
            query = select(m.c.record).join(k, k.c.mention_id == m.c.id).where(
                k.c.key == f"victim:{block.victim}")
        elif block.date_from is not None:
            # month- and year-precision dates start up to a year before the days they cover
            earliest = (date.fromisoformat(block.date_from) - timedelta(days=366)).isoformat()
            query = select(m.c.record).where(
                (m.c.country == block.country) & (m.c.event_date >= earliest) & (m.c.event_date <= block.date_to))
        else:
            query = select(m.c.record).where(m.c.country == block.country)
            if block.undated_only:
                query = query.where(m.c.event_date.is_(None))
            if block.location is not None:
                query = query.where(m.c.location_key == block.location)
            elif block.near is not None:
                lat, _lon, km = block.near
                degrees = km / 111.0
                query = query.where(m.c.latitude.between(lat - degrees, lat + degrees))
        return [mention_from_json(r.record) for r in self.conn.execute(query)]

    def replace_events(self, old_ids: Iterable[str], new_events: Iterable[Event]) -> None:
        """Drop the events being recomputed and write their replacements."""
        old = list(old_ids)
        if old:
            self.conn.execute(delete(schema.events).where(schema.events.c.id.in_(old)))
        for ev in new_events:
            self.conn.execute(delete(schema.events).where(schema.events.c.id == ev.id))
            self.conn.execute(
                insert(schema.events).values(
                    id=ev.id, event_date=ev.event_date, event_type=ev.event_type,
                    sub_event_type=ev.sub_event_type, country=ev.country, latitude=ev.latitude,
                    longitude=ev.longitude, fatalities=ev.fatalities, record=_dumps(ev.to_dict()),
                )
            )
            if ev.mention_ids:
                self.conn.execute(
                    update(schema.mentions).where(schema.mentions.c.id.in_(ev.mention_ids)).values(event_id=ev.id)
                )


class Store:
    """``Store("eventwire.db")`` or ``Store("postgresql://...")``."""

    def __init__(self, db: str | None = None):
        self.url = resolve_url(db)
        self.engine: Engine = create_engine(self.url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._migrate()

    def _migrate(self) -> None:
        schema.metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            row = conn.execute(select(schema.meta.c.value).where(schema.meta.c.key == "schema_version")).first()
            if row is None:
                conn.execute(insert(schema.meta).values(key="schema_version", value=str(schema.SCHEMA_VERSION)))
            elif int(row[0]) > schema.SCHEMA_VERSION:
                raise SchemaError(
                    f"{self.url}: schema version {row[0]} is newer than this eventwire ({schema.SCHEMA_VERSION})"
                )
            elif int(row[0]) < schema.SCHEMA_VERSION:  # new tables were created above
                conn.execute(update(schema.meta).where(schema.meta.c.key == "schema_version")
                             .values(value=str(schema.SCHEMA_VERSION)))

    @contextmanager
    def batch(self) -> Iterator[Batch]:
        with self.engine.begin() as conn:
            yield Batch(conn)

    def close(self) -> None:
        self.engine.dispose()

    # ---- reading -------------------------------------------------------------
    def stored_raw_sha(self, article_ids: Iterable[str]) -> dict[str, str]:
        ids = list(article_ids)
        if not ids:
            return {}
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.articles.c.id, schema.articles.c.raw_sha256).where(schema.articles.c.id.in_(ids))
            )
            return {r.id: r.raw_sha256 for r in rows}

    def articles(self, ids: Iterable[str] | None = None) -> list[Article]:
        query = select(schema.articles.c.record).order_by(schema.articles.c.id)
        if ids is not None:
            query = query.where(schema.articles.c.id.in_(list(ids)))
        with self.engine.connect() as conn:
            return [article_from_json(r.record) for r in conn.execute(query)]

    def syndication_rows(self) -> list[tuple[str, str, bytes | None, str | None]]:
        """(article id, text, signature, group) for every stored article."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(schema.articles.c.id, schema.articles.c.record, schema.articles.c.signature,
                       schema.articles.c.syndication_group)
            )
            return [(r.id, json.loads(r.record)["text"], r.signature, r.syndication_group) for r in rows]

    def mentions(self) -> list[Mention]:
        query = select(schema.mentions.c.record).order_by(schema.mentions.c.id)
        with self.engine.connect() as conn:
            return [mention_from_json(r.record) for r in conn.execute(query)]

    def events(
        self,
        since: str | None = None,
        until: str | None = None,
        event_type: str | None = None,
        country: str | None = None,
    ) -> list[Event]:
        t = schema.events
        query = select(t.c.record).order_by(t.c.event_date.is_(None), t.c.event_date, t.c.id)
        if since:
            query = query.where(t.c.event_date >= since)
        if until:
            query = query.where(t.c.event_date <= until)
        if event_type:
            query = query.where((t.c.event_type == event_type) | (t.c.sub_event_type == event_type))
        if country:
            query = query.where(t.c.country == country)
        with self.engine.connect() as conn:
            return [event_from_json(r.record) for r in conn.execute(query)]

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            return {
                name: conn.execute(select(func.count()).select_from(table)).scalar_one()
                for name, table in (("articles", schema.articles), ("mentions", schema.mentions),
                                    ("events", schema.events))
            }


__all__ = ["Store", "Batch", "resolve_url", "DEFAULT_DB", "SchemaError"]

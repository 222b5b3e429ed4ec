"""The store: schema versioning, round trips, transactions."""
from __future__ import annotations

import pytest
from sqlalchemy import update

from eventwire.models import Article, Event, Mention, RawDocument, Source, Span
from eventwire.store import SchemaError, Store, resolve_url, schema


def _raw(i: int) -> RawDocument:
    return RawDocument(id=f"doc{i}", path=f"/in/doc{i}.txt", text=f"body {i}", sha256=f"{i:064d}")


def _article(i: int) -> Article:
    return Article(id=f"doc{i}", text=f"Body of article {i}.", title=f"Title {i}", published="2021-03-04",
                   published_precision="day", raw_path=f"/in/doc{i}.txt", raw_sha256=f"{i:064d}")


def _mention(i: int, article: int, country: str = "Iraq") -> Mention:
    sentence = Span(f"doc{article}", 0, 10, "Body of ar")
    return Mention(id=f"m{i}", article_id=f"doc{article}", sentence=sentence,
                   disorder_type="Political violence", event_type="Explosions/Remote violence",
                   sub_event_type="Shelling/artillery/missile attack", event_date="2021-03-03",
                   date_precision="day", country=country, casualty_text=[Span(f"doc{article}", 2, 4, "dy")])


def _event(mention: Mention) -> Event:
    return Event(id=f"ev-{mention.id}", event_date=mention.event_date, date_precision="day",
                 disorder_type=mention.disorder_type, event_type=mention.event_type,
                 sub_event_type=mention.sub_event_type, country=mention.country,
                 sources=[Source(mention.article_id, None, None, None, "s", 0, 1)],
                 article_ids=[mention.article_id], source_count=1, independent_sources=1,
                 mention_ids=[mention.id])


@pytest.fixture
def store(tmp_path):
    s = Store(str(tmp_path / "t.db"))
    yield s
    s.close()


def test_resolve_url(monkeypatch, tmp_path):
    monkeypatch.delenv("EVENTWIRE_DB", raising=False)
    assert resolve_url(None) == "sqlite:///eventwire.db"
    assert resolve_url("postgresql://u@h/db") == "postgresql://u@h/db"
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "x.db"))
    assert resolve_url(None) == f"sqlite:///{tmp_path / 'x.db'}"


def test_round_trip(store):
    with store.batch() as b:
        b.put_raw(_raw(1))
        b.put_article(_article(1), b"sig", "doc1")
        m = _mention(1, 1)
        b.put_mentions([m])
        b.replace_events([], [_event(m)])
    assert store.articles()[0] == _article(1)
    assert store.mentions() == [m]
    [ev] = store.events()
    assert ev.mention_ids == ["m1"] and ev.sources[0].article_id == "doc1"
    assert store.stored_raw_sha(["doc1", "nope"]) == {"doc1": f"{1:064d}"}
    assert store.counts() == {"articles": 1, "mentions": 1, "events": 1}


def test_event_filters(store):
    with store.batch() as b:
        for i, country in ((1, "Iraq"), (2, "Syria")):
            b.put_raw(_raw(i))
            b.put_article(_article(i), None, None)
            m = _mention(i, i, country)
            b.put_mentions([m])
            b.replace_events([], [_event(m)])
    assert [e.country for e in store.events(country="Syria")] == ["Syria"]
    assert len(store.events(event_type="Explosions/Remote violence")) == 2
    assert len(store.events(event_type="Shelling/artillery/missile attack")) == 2
    assert store.events(since="2021-03-04") == []
    assert len(store.events(until="2021-03-03")) == 2


def test_failed_batch_leaves_nothing(store):
    with store.batch() as b:
        b.put_raw(_raw(1))
        b.put_article(_article(1), None, None)
    with pytest.raises(RuntimeError):
        with store.batch() as b:
            b.put_raw(_raw(2))
            b.put_article(_article(2), None, None)
            b.put_mentions([_mention(5, 2)])
            raise RuntimeError("crash in the middle of a batch")
    assert [a.id for a in store.articles()] == ["doc1"]
    assert store.counts() == {"articles": 1, "mentions": 0, "events": 0}


def test_replacing_an_article_replaces_its_mentions(store):
    with store.batch() as b:
        b.put_raw(_raw(1))
        b.put_article(_article(1), None, None)
        b.put_mentions([_mention(1, 1)])
    with store.batch() as b:
        b.put_article(_article(1), None, None)
        b.put_mentions([_mention(2, 1)])
    assert [m.id for m in store.mentions()] == ["m2"]


def test_newer_schema_is_refused(tmp_path):
    path = str(tmp_path / "t.db")
    Store(path).close()
    s = Store(path)
    with s.engine.begin() as conn:
        conn.execute(update(schema.meta).where(schema.meta.c.key == "schema_version").values(value="99"))
    s.close()
    with pytest.raises(SchemaError, match="newer"):
        Store(path)


def test_victim_blocks_find_mentions_and_go_with_their_article(store):
    from eventwire.merge.events import Block

    named = _mention(1, 1)
    named.victims = ["Ahmed Yusuf Adan"]
    with store.batch() as b:
        b.put_raw(_raw(1))
        b.put_article(_article(1), None, None)
        b.put_mentions([named, _mention(2, 1)])
        assert [m.id for m in b.mentions_in_block(Block(victim="adan"))] == ["m1"]
    with store.batch() as b:  # re-analysed: the old mention and its keys go
        b.put_article(_article(1), None, None)
        assert b.mentions_in_block(Block(victim="adan")) == []


def test_an_older_schema_is_upgraded(tmp_path):
    from sqlalchemy import text

    path = str(tmp_path / "t.db")
    s = Store(path)
    with s.engine.begin() as conn:  # a version-1 store had no mention_keys
        conn.execute(text("DROP TABLE mention_keys"))
        conn.execute(update(schema.meta).where(schema.meta.c.key == "schema_version").values(value="1"))
    s.close()
    s = Store(path)
    with s.engine.begin() as conn:
        version = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).scalar()
        assert version == str(schema.SCHEMA_VERSION) and conn.execute(text("SELECT count(*) FROM mention_keys")).scalar() == 0
    s.close()

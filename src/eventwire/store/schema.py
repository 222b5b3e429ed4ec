"""Database schema, created and versioned by the code (SQLAlchemy Core).

Rows keep their full record as JSON next to a few indexed columns used for filtering;
the JSON is the dataclass as exported, so reading never depends on column order.
"""
from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

# 2: mention_keys (named victims). A version-1 store gains the empty table: its mentions were
# extracted before victims were read, so there is nothing to fill in.
SCHEMA_VERSION = 2

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# The raw input, or where it lives and its hash, so cleaning can be re-run.
raw_documents = Table(
    "raw_documents",
    metadata,
    Column("sha256", String(64), primary_key=True),
    Column("path", Text, nullable=False),
    Column("record", Text),
    Column("encoding", String(64)),
    Column("url", Text),
    Column("fetched", String(40)),
    Column("content", Text),  # the decoded text or HTML as read
)

articles = Table(
    "articles",
    metadata,
    Column("id", String(255), primary_key=True),
    Column("raw_sha256", String(64), ForeignKey("raw_documents.sha256"), nullable=False, index=True),
    Column("published", String(40), index=True),
    Column("source", Text),
    Column("syndication_group", String(255), index=True),
    Column("signature", LargeBinary),
    Column("record", Text, nullable=False),  # Article as JSON
)

mentions = Table(
    "mentions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("article_id", String(255), ForeignKey("articles.id"), nullable=False, index=True),
    Column("country", String(120), index=True),
    Column("event_date", String(10), index=True),
    Column("event_id", String(64), index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("location_key", String(255)),  # casefolded location name, for place blocks
    Column("record", Text, nullable=False),  # Mention as JSON
)

# Merge keys of a mention that are lists, not columns: "victim:<surname>" (merge blocks).
mention_keys = Table(
    "mention_keys",
    metadata,
    Column("mention_id", String(64), ForeignKey("mentions.id"), primary_key=True),
    Column("key", String(255), primary_key=True),
)

events = Table(
    "events",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("event_date", String(10), index=True),
    Column("event_type", String(64), index=True),
    Column("sub_event_type", String(64)),
    Column("country", String(120), index=True),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("fatalities", Integer),
    Column("record", Text, nullable=False),  # Event as JSON
)

Index("ix_mentions_country_date", mentions.c.country, mentions.c.event_date)
Index("ix_mentions_country_place", mentions.c.country, mentions.c.location_key)
Index("ix_mentions_country_lat", mentions.c.country, mentions.c.latitude)
Index("ix_mention_keys_key", mention_keys.c.key)

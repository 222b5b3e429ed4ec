"""WARC files (plain or gzipped): one document per HTML ``response`` / ``resource`` record.

Choices:
- id = ``warc-`` + first 16 hex digits of sha1(WARC-Target-URI) (of WARC-Record-ID when there is
  no URI): stable across crawls of the same page, so a re-crawl updates rather than duplicates;
- ``fetched`` = WARC-Date, never used as a publication date; ``published`` is only the default;
- ``record`` = ``offset N``, N counted in the uncompressed WARC stream (gzip members are read
  as one stream so that whole-file-gzipped WARCs work too);
- ``sha256`` hashes the HTTP payload (after transfer/content decoding), not the headers;
- ``max_bytes`` applies per record; redirects, errors and non-HTML records are skipped silently;
- damage (truncation, garbage) is reported at the offset where reading stopped; records read
  before it are kept.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator

from eventwire.models import RawDocument
from eventwire.read.common import Context, sha256, too_large
from eventwire.read.detect import (Undecodable, charset_param, decode, is_html_content_type,
                                   looks_like_html, meta_charset)
from eventwire.read.source import GZIP_ERRORS, TooLarge, read_limited

_CHUNK = 1 << 20


class _Damaged(Exception):
    """The WARC stream ended or broke inside a record."""


class _CountingReader:
    """Counts bytes handed to warcio and turns a broken gzip stream into a clean end plus a note."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream, self.count, self.error = stream, 0, None

    def read(self, size: int = -1) -> bytes:
        try:  # read1: a failing gzip read must not swallow the data decompressed before it
            data = self.stream.read1(size) if hasattr(self.stream, "read1") else self.stream.read(size)
        except GZIP_ERRORS as e:
            self.error, data = f"truncated or corrupt gzip: {e}", b""
        self.count += len(data)
        return data

    def rest(self) -> int:
        """Bytes left after what warcio consumed (read to the end, not kept)."""
        before = self.count
        while self.read(_CHUNK):
            pass
        return self.count - before


def read_warc(ctx: Context, stream: BinaryIO) -> Iterator[RawDocument]:
    """HTML documents from a WARC stream (already decompressed)."""
    reader = _CountingReader(stream)
    it = ArchiveIterator(reader)  # warcio wraps a non-seekable reader and counts offsets itself
    offset = 0
    try:
        for rec in it:
            offset = it.offset
            doc = _document(ctx, rec, offset)
            _check_complete(rec)
            if doc is not None:
                yield doc
        offset = it.offset
    except _Damaged as e:
        ctx.problem(reader.error or f"truncated WARC record: {e}", f"offset {offset}")
        return
    except Exception as e:  # warcio raises many types on malformed input; none may stop the run
        # warcio had finished the previous record: it.offset is where the damage starts
        ctx.problem(f"malformed WARC: {type(e).__name__}: {_first_line(e)}", f"offset {it.offset}")
        return
    _check_end(ctx, reader, offset)


def _check_end(ctx: Context, reader: _CountingReader, offset: int) -> None:
    # warcio ends silently on a record it cannot parse: compare with what the stream held.
    buffered = reader.count - offset
    left = buffered + reader.rest()
    if reader.error:
        ctx.problem(reader.error, f"offset {offset}")
    elif left > 0 and offset == 0:
        ctx.problem("not a WARC file (no record could be read)", "offset 0")
    elif left > 0:
        ctx.problem(f"truncated or malformed WARC: {left} bytes after the last record unread",
                    f"offset {offset}")


def _first_line(e: Exception) -> str:
    return (str(e).strip().splitlines() or [""])[0][:200]


def _document(ctx: Context, rec: Any, offset: int) -> RawDocument | None:
    where = f"offset {offset}"
    if rec.format != "warc":  # warcio also accepts ARC, and so reads almost any text line as one
        raise ValueError(f"not a WARC record ({rec.format} header)")
    content_type = _content_type(rec)
    if content_type is None or (content_type and not is_html_content_type(content_type)):
        return None
    if rec.length and rec.length > ctx.max_bytes:
        ctx.problem(f"record {too_large(rec.length, ctx.max_bytes)}", where)
        return None
    payload = _payload(rec, ctx.max_bytes)
    if payload is None:
        ctx.problem(f"record too large (over {ctx.max_bytes / 1e6:.1f} MB once decoded)", where)
        return None
    return _html_document(ctx, rec, payload, content_type, where)


def _content_type(rec: Any) -> str | None:
    """The payload's content type ("" when undeclared), or None for records that are not pages."""
    if rec.rec_type == "response" and rec.http_headers is not None:
        status = rec.http_headers.get_statuscode() or ""
        return rec.http_headers.get_header("Content-Type", "") if status.startswith("2") else None
    if rec.rec_type == "resource":
        return rec.rec_headers.get_header("Content-Type", "")
    return None


def _payload(rec: Any, limit: int) -> bytes | None:
    """Decoded payload, None when over ``limit``."""
    try:
        return read_limited(rec.content_stream(), limit)
    except TooLarge:
        return None


def _check_complete(rec: Any) -> None:
    """Raise _Damaged when the stream ended before the record's Content-Length (warcio is silent)."""
    while rec.raw_stream.read(_CHUNK):
        pass  # drain what is left (not kept); the reader's remaining limit is then the shortfall
    missing = getattr(rec.raw_stream, "limit", 0)
    if missing > 0:
        raise _Damaged(f"{missing} bytes missing of {rec.length}")


def _html_document(ctx: Context, rec: Any, payload: bytes, content_type: str,
                   where: str) -> RawDocument | None:
    if not payload.strip():
        ctx.problem("empty HTML payload", where)
        return None
    try:
        html, encoding = decode(payload, declared=charset_param(content_type) or meta_charset(payload))
    except Undecodable as e:
        ctx.problem(str(e), where)
        return None
    if not content_type and not looks_like_html(html):
        return None  # undeclared resource that is not a page
    uri = rec.rec_headers.get_header("WARC-Target-URI")
    key = uri or rec.rec_headers.get_header("WARC-Record-ID") or sha256(payload)
    return RawDocument(
        id="warc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16], path=ctx.path, record=where,
        html=html, url=uri, fetched=rec.rec_headers.get_header("WARC-Date"),
        published=ctx.published, encoding=encoding, sha256=sha256(payload),
    )

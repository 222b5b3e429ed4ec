"""Single-document inputs: a plain-text or HTML file (possibly gzipped), or stdin."""
from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO

from eventwire.models import RawDocument
from eventwire.read.common import Context, sha256, too_large
from eventwire.read.detect import (Undecodable, binary_kind, decode, format_from_name, looks_like_html,
                                   meta_charset, sniff)
from eventwire.read.source import GZIP_ERRORS, TooLarge, body, read_limited


def read_single(ctx: Context, fh: BinaryIO, size: int, gz: bool) -> Iterator[RawDocument]:
    """One RawDocument for the whole input, or a Problem saying why not.

    The size limit is checked on the file before reading it, and on the decompressed bytes
    while reading, so neither a huge file nor a gzip bomb is ever held in memory.
    """
    if size > ctx.max_bytes:
        ctx.problem(too_large(size, ctx.max_bytes))
        return
    data = _read_bytes(ctx, fh, gz)
    if data is None:
        return
    doc = _document(ctx, data)
    if doc is not None:
        yield doc


def _read_bytes(ctx: Context, fh: BinaryIO, gz: bool) -> bytes | None:
    try:  # a plain file's size is already checked; a gzip's is only known by reading it
        return read_limited(body(fh, gz), ctx.max_bytes) if gz else fh.read()
    except TooLarge:
        ctx.problem(f"too large (over {ctx.max_bytes / 1e6:.1f} MB limit once decompressed)")
    except GZIP_ERRORS as e:
        ctx.problem(f"truncated or corrupt gzip: {e}")
    return None


def _document(ctx: Context, data: bytes) -> RawDocument | None:
    if not data.strip():
        ctx.problem("empty file" if not data else "empty file (only whitespace)")
        return None
    kind = binary_kind(data[: int(sniff("head_bytes"))])
    if kind:
        ctx.problem(f"not text: {kind}")
        return None
    try:
        text, encoding = decode(data, declared=meta_charset(data))
    except Undecodable as e:
        ctx.problem(str(e))
        return None
    if not text.strip():
        ctx.problem("empty file (only whitespace)")
        return None
    html = format_from_name(ctx.name) == "html" or looks_like_html(text)
    return RawDocument(
        id=ctx.stem, path=ctx.path, text=None if html else text, html=text if html else None,
        published=ctx.published, encoding=encoding, sha256=sha256(data),
    )

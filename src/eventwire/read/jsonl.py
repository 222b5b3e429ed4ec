"""JSON Lines: one article per line, streamed line by line.

Each line is a record: ``id``, ``text`` or ``html``, optional ``title``, ``url``, ``published``
(ISO 8601) and ``source``. A bad line is reported (``record="line N"``) and skipped; the rest of
the file goes on. Choices:
- a missing or empty ``id`` becomes ``<file stem>-<line number>`` (``stdin-3`` on stdin): stable
  for a given file, unlike a content hash it stays readable, and it is not a Problem;
- ``max_bytes`` applies per line, not per file: a file of any size streams in constant memory;
- ``sha256`` hashes the line's bytes without its line terminator;
- an invalid ``published`` is reported and dropped; the ``--published`` default then applies.
"""
from __future__ import annotations

import codecs
import io
import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from eventwire.models import RawDocument
from eventwire.read.common import Context, sha256, too_large, valid_iso
from eventwire.read.detect import (Undecodable, bom_encoding, decode, guess_encoding, is_utf8,
                                   utf16_without_bom)
from eventwire.read.source import GZIP_ERRORS

_FIELDS = ("title", "url", "source")


def read_jsonl(ctx: Context, stream: BinaryIO, head: bytes) -> Iterator[RawDocument]:
    """Documents from a JSON Lines stream; ``head`` (its first bytes) decides the encoding."""
    encoding = stream_encoding(head)
    n = 0
    try:
        for n, line in _lines(stream, encoding, ctx.max_bytes):
            doc = _record(ctx, n, line, encoding)
            if doc is not None:
                yield doc
    except GZIP_ERRORS as e:
        ctx.problem(f"truncated or corrupt gzip: {e}", f"line {n + 1}")


def stream_encoding(head: bytes) -> str:
    """Encoding of a JSONL stream: BOM, UTF-16 pattern, UTF-8 (JSON's default), else a guess."""
    enc = bom_encoding(head) or utf16_without_bom(head)
    if enc:
        return "utf-8" if enc == "utf-8-sig" else enc
    if is_utf8(head, final=False):
        return "utf-8"
    return guess_encoding(head) or "utf-8"


def _lines(stream: BinaryIO, encoding: str, limit: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) per line; for a line longer than ``limit``, its size instead."""
    if encoding.startswith(("utf-16", "utf-32")):
        # Not ASCII-compatible: split decoded text, re-encoded as UTF-8 for the common path.
        text = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
        reader: Any = _TextAsBytes(text)
    else:
        reader = stream
    n = 0
    while line := reader.readline(limit + 1):
        n += 1
        if len(line) > limit and not line.endswith(b"\n"):
            yield n, len(line) + _skip_line(reader)
        else:
            yield n, line.removeprefix(codecs.BOM_UTF8) if n == 1 else line


def _skip_line(reader: Any) -> int:
    """Read past the rest of an oversized line without keeping it; its length."""
    skipped = 0
    while (rest := reader.readline(1 << 20)):
        skipped += len(rest)
        if rest.endswith(b"\n"):
            break
    return skipped


class _TextAsBytes:
    def __init__(self, text: io.TextIOWrapper) -> None:
        self.text = text

    def readline(self, limit: int) -> bytes:
        return self.text.readline(limit).lstrip("\ufeff").encode("utf-8")


def _record(ctx: Context, n: int, line: bytes | int, encoding: str) -> RawDocument | None:
    where = f"line {n}"
    if isinstance(line, int):
        ctx.problem(f"line {too_large(line, ctx.max_bytes)}", where)
        return None
    raw = line.rstrip(b"\r\n")
    if not raw.strip():
        return None  # blank lines are allowed between records
    obj, used = _parse(ctx, where, raw, encoding)
    if obj is None:
        return None
    return _document(ctx, where, obj, raw, used)


def _parse(ctx: Context, where: str, raw: bytes, encoding: str) -> tuple[dict | None, str]:
    line_enc = "utf-8" if encoding.startswith(("utf-16", "utf-32")) else encoding
    try:
        text, used = raw.decode(line_enc), encoding
    except UnicodeDecodeError:
        try:
            text, used = decode(raw)  # one line in another encoding: detect it for this line
        except Undecodable as e:
            ctx.problem(str(e), where)
            return None, encoding
    try:
        obj = json.loads(text)
    except ValueError as e:
        ctx.problem(f"not valid JSON: {e}", where)
        return None, used
    if not isinstance(obj, dict):
        ctx.problem(f"not a JSON object (got {type(obj).__name__})", where)
        return None, used
    return obj, used


def _document(ctx: Context, where: str, obj: dict, raw: bytes, encoding: str) -> RawDocument | None:
    text, html = _string(obj.get("text")), _string(obj.get("html"))
    if not (text and text.strip()) and not (html and html.strip()):
        ctx.problem("no 'text' or 'html' (a non-empty string is required)", where)
        return None
    return RawDocument(
        id=_id(ctx, where, obj.get("id")), path=ctx.path, record=where,
        text=_nonblank(text), html=_nonblank(html),
        published=_published(ctx, where, obj.get("published")),
        encoding=encoding, sha256=sha256(raw), **{k: _scalar(obj.get(k)) for k in _FIELDS},
    )


def _id(ctx: Context, where: str, value: Any) -> str:
    derived = f"{ctx.stem}-{where.split()[-1]}"
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        if value is not None:
            ctx.problem(f"'id' must be a string or an integer; using {derived!r}", where)
        return derived
    return str(value).strip() or derived


def _published(ctx: Context, where: str, value: Any) -> str | None:
    if value in (None, ""):
        return ctx.published
    iso = valid_iso(value)
    if iso is None:
        ctx.problem(f"invalid 'published' {value!r} (ISO 8601 expected); ignored", where)
        return ctx.published
    return iso


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _nonblank(value: str | None) -> str | None:
    return value if value and value.strip() else None


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return None
    return str(value).strip() or None

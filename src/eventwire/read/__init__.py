"""Read stage: files, directories and stdin -> RawDocument.

``read_paths`` is the only entry point. Formats are chosen by content as well as by name
(plain text, HTML, JSON Lines, WARC; any of them gzipped); encodings are detected, never
assumed. Bad input becomes a ``Problem`` naming the file (and line or record) and is skipped;
the run goes on. JSONL and WARC are streamed record by record; the ``max_bytes`` limit applies
to a whole single-document file but to each record of a JSONL/WARC file.

Per-format choices (ids, hashes, offsets) are documented in ``text``, ``jsonl`` and ``warc``.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import BinaryIO

from eventwire.models import Problem, RawDocument
from eventwire.read.common import Context, valid_iso
from eventwire.read.detect import binary_kind, sniff, sniff_format
from eventwire.read.jsonl import read_jsonl
from eventwire.read.source import GZIP_ERRORS, body, head, is_gzip, iter_inputs, open_input
from eventwire.read.text import read_single
from eventwire.read.warc import read_warc

__all__ = ["read_paths"]


def read_paths(
    paths: Iterable[str],
    on_problem: Callable[[Problem], None],
    published: str | None = None,
    max_bytes: int = 50_000_000,
) -> Iterator[RawDocument]:
    """Every document in ``paths`` (files, directories read recursively, ``-`` for stdin).

    ``published`` (ISO 8601) is given to documents whose input carries no publication date.
    """
    if isinstance(paths, str):  # one path, not an iterable of characters
        paths = [paths]
    default = _default_published(published, on_problem)
    for path in iter_inputs(paths, on_problem):
        yield from _read_input(Context(path, on_problem, default, max_bytes))


def _default_published(value: str | None, report: Callable[[Problem], None]) -> str | None:
    if value is None:
        return None
    iso = valid_iso(value)
    if iso is None:
        report(Problem("--published", f"invalid date {value!r} (ISO 8601 expected); ignored"))
    return iso


def _read_input(ctx: Context) -> Iterator[RawDocument]:
    try:
        with open_input(ctx.path) as (fh, size):
            yield from _dispatch(ctx, fh, size)
    except OSError as e:  # permission denied, I/O error, vanished file ...
        ctx.problem(f"cannot read: {e.strerror or e}")


def _dispatch(ctx: Context, fh: BinaryIO, size: int) -> Iterator[RawDocument]:
    gz = is_gzip(fh.read(2))
    try:
        first = head(fh, gz, int(sniff("head_bytes")))
    except GZIP_ERRORS as e:
        ctx.problem(f"truncated or corrupt gzip: {e}")
        return
    if not first.strip() and len(first) < sniff("head_bytes"):
        ctx.problem("empty file" if not first else "empty file (only whitespace)")
        return
    fmt = sniff_format(ctx.name, first)
    if fmt == "warc":
        yield from read_warc(ctx, body(fh, gz))
    elif fmt == "jsonl" and (kind := binary_kind(first)):
        ctx.problem(f"not text: {kind}")
    elif fmt == "jsonl":
        yield from read_jsonl(ctx, body(fh, gz), first)
    else:
        yield from read_single(ctx, fh, size, gz)

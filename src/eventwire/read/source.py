"""Opening inputs as seekable binary streams, and reading them without surprises."""
from __future__ import annotations

import gzip
import io
import os
import shutil
import stat
import sys
import tempfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any, BinaryIO

from eventwire.models import Problem
from eventwire.read.common import STDIN

# What a damaged gzip stream raises while being read.
GZIP_ERRORS = (EOFError, zlib.error, gzip.BadGzipFile)
_SPOOL_IN_MEMORY = 8_000_000


class TooLarge(ValueError):
    """A stream held more bytes than allowed."""


def iter_inputs(paths: Iterable[str], report: Callable[[Problem], None]) -> Iterator[str]:
    """Files to read: given files, directories walked recursively, ``-``; each real file once."""
    seen: set[str] = set()
    for path in paths:
        if path == STDIN:
            files: Iterable[str] = [path]
        elif os.path.isdir(path):
            files = walk(path, report)
        elif os.path.lexists(path):
            files = [path]
        else:
            report(Problem(path, "no such file or directory"))
            continue
        for f in files:
            key = f if f == STDIN else os.path.realpath(f)
            if key not in seen:
                seen.add(key)
                yield f


def walk(top: str, report: Callable[[Problem], None]) -> Iterator[str]:
    """Regular files under ``top``: hidden names skipped; each directory's files (sorted) come
    before its subdirectories (sorted), so the order never depends on the file system."""
    def on_error(err: OSError) -> None:
        report(Problem(err.filename or top, f"cannot read directory: {err.strerror or err}"))

    for root, dirs, files in os.walk(top, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(f for f in files if not f.startswith(".")):
            path = os.path.join(root, name)
            if _is_regular(path):
                yield path
            else:
                report(Problem(path, "not a regular file"))


def _is_regular(path: str) -> bool:
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True  # let opening it report the real error


def open_file(path: str) -> BinaryIO:
    """Open ``path`` for reading bytes (a seam for tests of unreadable files)."""
    return open(path, "rb")


@contextmanager
def open_input(path: str) -> Iterator[tuple[BinaryIO, int]]:
    """A seekable binary stream of ``path`` (``-`` is stdin) and its size in bytes.

    Pipes (stdin, ``<(zcat ...)``) are spooled to a temporary file so they can be sniffed and
    re-read like files without holding them in memory.
    """
    if path == STDIN:
        raw, owned = getattr(sys.stdin, "buffer", None), False
        if raw is None:
            raise OSError("stdin is not available")
    else:
        raw, owned = open_file(path), True
    try:
        fh = raw if _seekable(raw) else _spool(raw)
        size = fh.seek(0, io.SEEK_END)
        fh.seek(0)
        yield fh, size
    finally:
        if owned:
            raw.close()


def _seekable(fh: BinaryIO) -> bool:
    try:
        return fh.seekable()
    except (AttributeError, OSError, ValueError):
        return False


def _spool(raw: BinaryIO) -> BinaryIO:
    spool = tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY)
    shutil.copyfileobj(raw, spool)
    spool.seek(0)
    return spool  # type: ignore[return-value]


def head(fh: BinaryIO, gz: bool, size: int) -> bytes:
    """The first ``size`` bytes (decompressed when ``gz``); the stream is rewound afterwards.

    A gzip stream cut short still gives what precedes the damage (the record readers report
    it where they meet it); EOFError only when nothing at all can be decompressed.
    """
    fh.seek(0)
    try:
        return _gunzip_head(fh, size) if gz else fh.read(size)
    finally:
        fh.seek(0)


def _gunzip_head(fh: BinaryIO, size: int) -> bytes:
    inflate = zlib.decompressobj(wbits=31)  # 31: expect a gzip header
    out = b""
    while len(out) < size and not inflate.eof and (chunk := fh.read(1 << 16)):
        out += inflate.decompress(chunk, size - len(out))
    if not out and not inflate.eof:
        raise EOFError("compressed file ended before any content")
    return out


def body(fh: BinaryIO, gz: bool) -> BinaryIO:
    """The content stream from the start: decompressed when ``gz`` (multi-member aware)."""
    fh.seek(0)
    return gzip.GzipFile(fileobj=fh) if gz else fh  # type: ignore[return-value]


def read_limited(stream: Any, limit: int, chunk: int = 1 << 20) -> bytes:
    """All of ``stream``, or TooLarge as soon as it exceeds ``limit`` bytes.

    Read in chunks: ``read(limit + 1)`` would allocate the whole limit up front.
    """
    parts, total = [], 0
    while part := stream.read(min(chunk, limit + 1 - total)):
        parts.append(part)
        total += len(part)
        if total > limit:
            raise TooLarge(limit)
    return b"".join(parts)


def is_gzip(first: bytes) -> bool:
    return first.startswith(b"\x1f\x8b")

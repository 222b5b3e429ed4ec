"""Shared helpers of the read stage: per-input context, config, ISO date validation."""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any, Callable

import yaml

from eventwire.models import Problem

STDIN = "-"
_DATA = Path(__file__).parent / "data"


@cache
def config() -> dict[str, Any]:
    """The stage's knowledge file ``data/formats.yaml``."""
    with open(_DATA / "formats.yaml", encoding="utf-8") as f:
        return yaml.safe_load(f)


@dataclass
class Context:
    """One input being read: where problems go and the options that apply to it."""

    path: str
    report: Callable[[Problem], None]
    published: str | None
    max_bytes: int

    def problem(self, reason: str, record: str | None = None) -> None:
        self.report(Problem(self.path, reason, record))

    @property
    def name(self) -> str:
        return "stdin" if self.path == STDIN else os.path.basename(self.path.rstrip(os.sep))

    @property
    def stem(self) -> str:
        return strip_extensions(self.name)


def strip_extensions(name: str) -> str:
    """``000_abc.txt`` -> ``000_abc``; ``page.html.gz`` -> ``page``; unknown suffixes are kept."""
    known = {e for exts in config()["extensions"].values() for e in exts}
    stem = name
    while "." in stem.lstrip("."):
        base, ext = stem.rsplit(".", 1)
        if ext.lower() not in known:
            break
        stem = base
    return stem or name


def extensions(name: str) -> list[str]:
    """Known format extensions of ``name``, outermost last: ``a.warc.gz`` -> ``["warc", "gz"]``."""
    stem = strip_extensions(name)
    rest = name[len(stem):]
    return [e.lower() for e in rest.split(".") if e]


def too_large(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.1f} MB limit)"


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_YEAR_MONTH = re.compile(r"\d{4}(-(0[1-9]|1[0-2]))?")


def valid_iso(value: Any) -> str | None:
    """``value`` stripped if it is an ISO 8601 date or date-time (``YYYY``, ``YYYY-MM`` too), else None."""
    if not isinstance(value, str):
        return None
    v = value.strip()
    if _YEAR_MONTH.fullmatch(v):
        return v
    try:
        datetime.fromisoformat(v)
    except ValueError:
        return None
    return v if len(v) >= 8 else None  # fromisoformat also takes odd short forms

"""clean_documents: a corpus of raw pages -> articles, with per-site recurring lines as
boilerplate (a line printed on most pages of one site is part of the site, not of a story)."""
from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Iterable
from urllib.parse import urlparse

from ..models import Article, Problem, RawDocument
from .text import normalise

MIN_SITE_PAGES = 3
MIN_SHARE = 0.5


def site_of(raw: RawDocument) -> str | None:
    if raw.source:
        return raw.source.lower()
    host = urlparse(raw.url).hostname if raw.url else None
    return host[4:] if host and host.startswith("www.") else host


def _page_lines(raw: RawDocument) -> set[str]:
    text = raw.text or ""
    return {n for line in text.splitlines() if (n := normalise(line))}


def site_boilerplate_lines(raws: Iterable[RawDocument]) -> dict[str, set[str]]:
    """Per site: lines found on at least half of its pages, for sites with >= 3 plain-text pages."""
    pages: dict[str, list[set[str]]] = defaultdict(list)
    for raw in raws:
        site = site_of(raw)
        if site and raw.text:
            pages[site].append(_page_lines(raw))
    out: dict[str, set[str]] = {}
    for site, sets in pages.items():
        if len(sets) < MIN_SITE_PAGES:
            continue
        counts = Counter(line for s in sets for line in s)
        # at least MIN_SITE_PAGES pages too: two scrapes of one story do not make it boilerplate
        out[site] = {line for line, n in counts.items() if n >= max(MIN_SITE_PAGES, MIN_SHARE * len(sets))}
    return out


def clean_documents(raws: list[RawDocument], on_problem: Callable[[Problem], None]) -> list[Article]:
    """Clean every page; a page that fails or yields no text is reported and skipped."""
    from .document import clean_document

    raws = list(raws)
    per_site = site_boilerplate_lines(raws)
    out: list[Article] = []
    for raw in raws:
        try:
            arts = clean_document(raw, per_site.get(site_of(raw) or "", None))
        except Exception as exc:    # bad input never stops a run
            on_problem(Problem(raw.path, f"cleaning failed: {type(exc).__name__}: {exc}", raw.record))
            continue
        if not arts:
            on_problem(Problem(raw.path, "no article text found", raw.record))
        out.extend(arts)
    return out

"""HTML pages: trafilatura finds the body and metadata, htmldate the original publication date;
the extracted body then goes through the same text cleaning as plain-text pages."""
from __future__ import annotations

import re

from ..models import Article, RawDocument

_META_TIME = re.compile(
    r"<meta[^>]+(?:property|name|itemprop)=[\"'](?:article:published_time|datePublished|"
    r"og:published_time|pubdate|publishdate|dc\.date(?:\.issued)?)[\"'][^>]*content=[\"']([^\"']+)[\"']",
    re.IGNORECASE)


def extract_html(html: str, url: str | None = None) -> dict:
    """{"text", "title", "author", "sitename", "date", "precision"} from an HTML page."""
    import trafilatura

    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, deduplicate=True)
    get = (lambda k: getattr(doc, k, None)) if doc is not None and not isinstance(doc, dict) else \
        (lambda k: (doc or {}).get(k))
    date, precision = html_date(html, url)
    return {"text": get("text") or "", "title": get("title"), "author": get("author"),
            "sitename": get("sitename"), "date": date, "precision": precision}


def html_date(html: str, url: str | None = None) -> tuple[str | None, str | None]:
    """Publication date: a full timestamp from the page's meta tags when present (minute
    precision), else htmldate's original date (day). Never today's date."""
    from .dates import find_date

    m = _META_TIME.search(html)
    if m and (hit := find_date(m.group(1))):
        return hit.value, hit.precision
    try:
        from htmldate import find_date as htmldate_find
        found = htmldate_find(html, url=url, extensive_search=False, original_date=True,
                              outputformat="%Y-%m-%d")
    except Exception:           # htmldate raises on odd markup: the page stays undated
        found = None
    return (found, "day") if found else (None, None)


def clean_html_document(raw: RawDocument, site_boilerplate: set[str] | None = None) -> list[Article]:
    from .document import clean_text_document

    meta = extract_html(raw.html or "", raw.url)
    body = RawDocument(id=raw.id, path=raw.path, record=raw.record, text=meta["text"],
                       title=raw.title or meta["title"], url=raw.url, published=raw.published,
                       source=raw.source or meta["sitename"], sha256=raw.sha256)
    arts = clean_text_document(body, site_boilerplate, extracted=True)
    for art in arts[:1]:
        art.byline = art.byline or meta["author"]
        if not raw.published and meta["date"]:
            art.published, art.published_precision, art.published_from = meta["date"], meta["precision"], "html"
    return arts

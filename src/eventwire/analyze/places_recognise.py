"""Toponym recognition: where in the text places are named (resolution is in ``places.py``).

Three sources of mentions, in order of trust:
1. gazetteer phrases for facilities and regions ("Ain al-Asad air base", "the Green Zone",
   "US embassy in Kabul"), which the small spaCy model tags badly or not at all;
2. spaCy GPE/LOC/FAC entities (ORG only when the whole entity is a well-known place: the model
   tags all-caps datelines such as "KABUL" as ORG);
3. capitalised proper nouns right after a locative word ("near Gao"), which the model often
   tags PERSON.
Demonyms (NORP) are never places; they are returned separately as country hints.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.analyze.gazetteer import ADMIN1, COUNTRY, FACILITY, REGION, Gazetteer, normalise

MAX_PHRASE_TOKENS = 8
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Words after a name that say what kind of place it is ("Anbar province", "Kharkiv region").
SUFFIX_HINTS = {
    "province": ADMIN1, "state": ADMIN1, "governorate": ADMIN1, "region": ADMIN1, "oblast": ADMIN1,
    "prefecture": ADMIN1, "wilaya": ADMIN1, "emirate": ADMIN1,
    "district": "admin2", "county": "admin2", "parish": "admin2", "municipality": "admin2",
    "city": "city", "town": "city", "village": "city", "township": "city",
}
# Words before a name that make a capitalised word a place ("near Gao", "north of Baghdad").
LOCATIVES = {"in", "near", "outside", "into", "at", "from", "towards", "toward", "around", "across",
             "through", "inside", "between"}
LOCATIVE_NOUNS = {"of"}  # "town of X", "north of X": only after these heads
LOCATIVE_HEADS = {"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                  "outskirts", "town", "city", "village", "province", "district", "region", "suburb",
                  "suburbs", "centre", "center", "heart", "border", "capital", "governorate", "state"}
FACILITY_HEADS = ("air base", "airbase", "air field", "airfield", "airport", "military base", "base",
                  "camp", "barracks", "border crossing", "crossing")
_ORG_PLACE_MIN_POP = 100_000


@dataclass
class Mention:
    """A stretch of text that names a place, before resolution."""

    start: int
    end: int
    text: str
    source: str                    # facility | ner | propn | abbrev | pattern
    hint: str | None = None        # admin1 | admin2 | city | facility
    within: "Mention | None" = None  # "X, Y": X lies in Y
    owner: str | None = None       # embassy owner country ("US embassy")
    pattern_head: str | None = None  # "X air base" not in the data: the head noun
    fixed: object | None = None    # a Candidate decided at recognition (abbreviations)
    country_hints: list[str] = field(default_factory=list)


def _is_capitalised(text: str) -> bool:
    first = next((c for c in text if c.isalnum()), "")
    return first.isupper() or first.isdigit()


def _phrase_matches(doc, g: Gazetteer, blocked: list[tuple[int, int]]) -> list[Mention]:
    """Longest facility/region names from the gazetteer, scanning token n-grams."""
    out: list[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if not (tok.text[:1].isupper() or tok.like_num) or tok.lower_ == "the":
            i += 1
            continue
        best = None
        for j in range(min(n, i + MAX_PHRASE_TOKENS), i, -1):
            span = doc[i:j]
            if span[-1].is_punct:
                continue
            if normalise(span.text) in g.facility_keys:
                best = span
                break
        if best is not None and not _inside(best.start_char, best.end_char, blocked):
            out.append(Mention(best.start_char, best.end_char, best.text, "facility"))
            i = best.end
        else:
            i += 1
    return out


def _inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    """Strictly inside a larger span (a facility name inside an organisation's name)."""
    return any(s <= start and end <= e and (s, e) != (start, end) for s, e in spans)


def _overlaps(start: int, end: int, taken: list[Mention]) -> bool:
    return any(m.start < end and start < m.end for m in taken)


def _trim(span):
    """Drop a leading "the", a trailing possessive and trailing junk ("Kurdistan Region - Two")."""
    toks = list(span)
    if toks and toks[0].lower_ == "the":
        toks = toks[1:]
    for k, t in enumerate(toks):
        if t.text in {"-", "–", "—", "(", ")", "|", ":"} and (t.whitespace_ or (k and toks[k - 1].whitespace_)):
            toks = toks[:k]
            break
    while toks and (toks[-1].is_punct and toks[-1].text not in {"."} or toks[-1].lower_ in {"'s", "’s"}
                    or toks[-1].like_num):
        toks = toks[:-1]
    if not toks:
        return None
    return span.doc[toks[0].i: toks[-1].i + 1]


def _split_commas(span) -> list:
    """"Maiduguri, Borno" tagged as one entity -> two parts."""
    parts, cur = [], []
    for t in span:
        if t.text == ",":
            if cur:
                parts.append(span.doc[cur[0].i: cur[-1].i + 1])
            cur = []
        else:
            cur.append(t)
    if cur:
        parts.append(span.doc[cur[0].i: cur[-1].i + 1])
    return parts


def _with_suffix(span) -> tuple[object, str | None]:
    """Extend over a following type word ("Anbar province") and return the kind it hints."""
    last = span[-1].lower_
    if last in SUFFIX_HINTS and len(span) > 1:
        return span, SUFFIX_HINTS[last]
    nxt = span.doc[span.end] if span.end < len(span.doc) else None
    if nxt is not None and nxt.lower_ in SUFFIX_HINTS:
        return span.doc[span.start: span.end + 1], SUFFIX_HINTS[nxt.lower_]
    return span, None


def _entity_mentions(doc, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and not (ent.label_ == "ORG" and _org_is_place(ent.text, g)):
            continue
        for part in _split_commas(ent):
            span = _trim(part)
            if span is None or not _is_capitalised(span.text):
                continue
            span, hint = _with_suffix(span)
            if _overlaps(span.start_char, span.end_char, taken + out):
                continue
            out.append(Mention(span.start_char, span.end_char, span.text, "ner", hint))
    return out


def _org_is_place(text: str, g: Gazetteer) -> bool:
    cands = g.lookup(text)
    return any(c.kind in (COUNTRY, ADMIN1) or c.population >= _ORG_PLACE_MIN_POP for c in cands
               if not c.alternate)


def _locative_before(doc, i: int) -> bool:
    """Is token ``i`` preceded by "in", "near", "north of", "town of"...?"""
    j = i - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j < 0:
        return False
    if doc[j].lower_ in LOCATIVES:
        return True
    if doc[j].lower_ in ("and", "or", ",") and j >= 1 and doc[j - 1].ent_type_ in PLACE_LABELS:
        return True  # "around Idlib and Aleppo"
    return doc[j].lower_ in LOCATIVE_NOUNS and j >= 1 and doc[j - 1].lower_ in LOCATIVE_HEADS


def _propn_mentions(doc, g: Gazetteer, taken: list[Mention], blocked_labels=("ORG", "DATE", "TIME",
                    "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT")) -> list[Mention]:
    """Capitalised proper nouns after a locative word, when the model tagged them otherwise."""
    out: list[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ in blocked_labels \
                or g.demonym_country(tok.text) or not _locative_before(doc, i):
            i += 1
            continue
        j = i
        while j + 1 < n and doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper():
            j += 1
        span, hint = _with_suffix(doc[i: j + 1])
        if not _overlaps(span.start_char, span.end_char, taken + out) and g.has(doc[i: j + 1].text):
            out.append(Mention(span.start_char, span.end_char, span.text, "propn", hint))
        i = j + 1
    return out


_ABBREV = re.compile(r",\s*((?:[A-Z][a-z]{1,4}\.)|(?:[A-Z]\.){2}|(?:W\. ?Va\.))")


def _link_commas(text: str, mentions: list[Mention], g: Gazetteer) -> list[Mention]:
    """"X, Y" (Y an admin1, country or AP state abbreviation): X lies in Y."""
    mentions.sort(key=lambda m: m.start)
    extra: list[Mention] = []
    for a, b in zip(mentions, mentions[1:]):
        gap = text[a.end: b.start]
        if gap.strip() == "," and "\n" not in gap:
            a.within = b
    for m in mentions:
        if m.within is not None:
            continue
        match = _ABBREV.match(text, m.end)
        if match:
            cand = g.abbreviation(match.group(1))
            if cand is not None:
                ab = Mention(match.start(1), match.end(1), match.group(1), "abbrev", ADMIN1, fixed=cand)
                m.within = ab
                extra.append(ab)
    return [m for m in mentions if not any(m.start == e.start for e in extra)] + extra


_EMBASSY = re.compile(r"\b(?:[Tt]he\s+)?([A-Z][\w.]*(?:\s[A-Z][\w.]*)?)\s+[Ee]mbassy\b")


def _embassy_mentions(text: str, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """"the US embassy" without a city: resolved later to the embassy in the article's country."""
    out = []
    for m in _EMBASSY.finditer(text):
        owner = m.group(1)
        cc = next((c.country_code for c in g.lookup(owner) if c.kind == COUNTRY), None) or g.demonym_country(owner)
        if cc and not _overlaps(m.start(1), m.end(), taken):
            out.append(Mention(m.start(1), m.end(), text[m.start(1): m.end()], "embassy", FACILITY, owner=cc))
    return out


_HEAD_RE = re.compile(r"\s+(" + "|".join(re.escape(h) for h in FACILITY_HEADS) + r")\b", re.I)


def _facility_heads(text: str, mentions: list[Mention]) -> None:
    """"Erbil air base" not in the data: keep the town as the place, note it is a facility."""
    for m in mentions:
        if m.source in ("facility", "embassy") or m.hint:
            continue
        h = _HEAD_RE.match(text, m.end)
        if h:
            m.pattern_head = h.group(1).lower()


def country_hints(doc, g: Gazetteer) -> list[str]:
    """Countries suggested by demonyms ("Iraqi officials"), in text order."""
    out = []
    for ent in doc.ents:
        if ent.label_ == "NORP":
            for word in (ent.text, ent[0].text, ent[-1].text):
                cc = g.demonym_country(word)
                if cc:
                    out.append(cc)
                    break
    return out


_DATELINE = re.compile(r"(?:^|\n)([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?=,| \(| -| —| –|:)")


def _dateline_mentions(text: str, g: Gazetteer) -> list[Mention]:
    """An all-caps place opening a paragraph: "BAGHDAD (AFP) -", "ERBIL, Kurdistan Region"."""
    out = []
    for m in _DATELINE.finditer(text):
        name = m.group(1)
        if g.has(name) and not g.is_stopword(name) and len(name) > 2:
            out.append(Mention(m.start(1), m.end(1), name, "ner"))
    return out


def recognise(doc, g: Gazetteer) -> list[Mention]:
    """All place mentions in ``doc``, non-overlapping, in text order."""
    orgs = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "NORP", "WORK_OF_ART", "LAW")]
    mentions = _phrase_matches(doc, g, orgs)
    mentions += [m for m in _dateline_mentions(doc.text, g) if not _overlaps(m.start, m.end, mentions)]
    mentions += _embassy_mentions(doc.text, g, mentions)
    mentions += _entity_mentions(doc, g, mentions)
    mentions += _propn_mentions(doc, g, mentions)
    mentions = _link_commas(doc.text, mentions, g)
    _facility_heads(doc.text, mentions)
    mentions.sort(key=lambda m: m.start)
    return mentions

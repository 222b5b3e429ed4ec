"""Toponym recognition: where in the text places are named (resolution is in ``places.py``).

Three sources of mentions, in order of trust:
1. gazetteer phrases for facilities and regions ("Ain al-Asad air base", "the Green Zone",
   "US embassy in Kabul"), which the small spaCy model tags badly or not at all;
2. spaCy GPE/LOC/FAC entities (ORG only when the whole entity is a well-known place: the model
   tags all-caps datelines such as "KABUL" as ORG);
3. capitalised proper nouns right after a locative word ("near Gao"), which the model often
   tags PERSON;
4. gazetteer names in the capitalised words left over: inside organisations' names ("Mariupol City
   Council"), mis-tagged or untagged, with guards (persons, streets, common words) and a cue ("X
   residents", "attacked X", "X, <State>") or, without one, only well-known places (see places_cues.yaml).
Demonyms (NORP) are not places, except before a place noun ("the Sudanese capital", "on Iraqi soil");
otherwise they are returned separately as country hints. Entities the gazetteer does not know
("Lamar County Victim Witness Coordinator") are left to source 4, which finds the name inside.

AP state abbreviations are places after "Town, " or where the model itself tags them GPE ("in S.C.").
Also: parts of countries named by direction ("northern Mali", "Nigeria's northeast", "the south of
Lebanon"), resolved to that part (``Gazetteer.part``); "<Country>'s X" read as "X, <Country>";
"<owner> embassy in <town>" as one facility; and capitals or countries standing for their
governments ("Washington warned", "talks between Kyiv and Moscow", "Beijing's policy"), which are
marked ``hidden`` (resolved, so they still give country context, but not returned as places).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventwire.analyze.gazetteer import ADMIN1, COUNTRY, FACILITY, REGION, Gazetteer, normalise

MAX_PHRASE_TOKENS = 8
PLACE_LABELS = {"GPE", "LOC", "FAC"}
# Mentions found by their name alone (not a curated phrase or pattern): stopwords and metonymy apply.
NAME_SOURCES = ("ner", "propn", "cue", "name")
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
# Type words that make the capitalised words before them a place name ("Tigray region").
UNIT_WORDS = {"province", "governorate", "region", "oblast", "prefecture", "state", "district", "county"}
# Words after "<Country>'s <direction>" that keep it a part of the country ("Mali's northern regions").
PART_WORDS = {"region", "regions", "part", "parts", "area", "areas", "provinces", "states", "zone",
              "territories", "border", "borderlands", "frontier", "hinterland"}
POSSESSIVE = {"'s", "’s"}


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
    part_of: str | None = None     # "northern Mali": the whole ("Mali") ...
    direction: str | None = None   # ... and the direction word ("northern")
    label: str | None = None       # display name for a facility built from a pattern ("British Embassy")
    hidden: str | None = None      # "metonym" | "absorbed": resolved for context, not returned


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
    persons = _person_words(doc, g)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and not (ent.label_ == "ORG" and _org_is_place(ent.text, g)):
            continue
        if len(ent) == 1 and ent[0].lower_ in persons and not _name_cue(doc, ent.start, ent.end, g):
            continue  # "Paul Warrington ... Warrington said": the person again
        for part in _split_commas(ent):
            span = _trim(part)
            if span is None or not _is_capitalised(span.text):
                continue
            span, hint = _with_suffix(span)
            abbrev = g.abbreviation(span.text) if ent.label_ == "GPE" else None
            if abbrev is not None and not _overlaps(span.start_char, span.end_char, taken + out):
                out.append(Mention(span.start_char, span.end_char, span.text, "abbrev", ADMIN1, fixed=abbrev))
                continue  # "in S.C.", "D.C. officials": the model itself calls it a place
            if _overlaps(span.start_char, span.end_char, taken + out) or not _known(span.text, hint, g):
                continue  # an unknown stretch ("Lamar County Victim Witness Coordinator"): see _name_mentions
            out.append(Mention(span.start_char, span.end_char, span.text, "ner", hint))
    return out


def _known(text: str, hint: str | None, g: Gazetteer) -> bool:
    """Does the gazetteer know the name (without its type word, "Anbar province", if it has one)?"""
    return g.has(text) or (hint is not None and " " in text and g.has(text.rsplit(None, 1)[0]))


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


def _country_possessive_before(doc, i: int, g: Gazetteer) -> bool:
    """"Ethiopia's Tigray": a country's possessive right before token ``i``."""
    return i >= 2 and doc[i - 1].text in POSSESSIVE and _is_country(doc[i - 2].text, g)


def _is_country(text: str, g: Gazetteer) -> bool:
    return any(c.kind == COUNTRY and not c.alternate for c in g.lookup(text))


def _wholes(text: str, g: Gazetteer) -> list:
    """Countries or admin1 units called ``text`` (what a direction word can divide)."""
    return [c for c in g.lookup(text) if c.kind in (COUNTRY, ADMIN1) and not c.alternate]


def _direction_at(doc, i: int, g: Gazetteer) -> tuple[int, str] | None:
    """A direction word starting at token ``i``: "north-eastern", "north east", "northern"."""
    if not doc[i].is_alpha:
        return None
    for k in (3, 2, 1):
        if i + k <= len(doc):
            words = doc[i: i + k]
            if k > 1 and not all(t.is_alpha or t.text in "-‐–" for t in words):
                continue
            if g.direction(words.text):
                return i + k, words.text
    return None


def _name_at(doc, j: int, g: Gazetteer, max_tokens: int = 5) -> int | None:
    """End of the longest country/admin1 name starting at token ``j`` ("Democratic Republic of Congo")."""
    if j >= len(doc) or not doc[j].text[:1].isupper():
        return None
    best = None
    for k in range(j + 1, min(len(doc), j + max_tokens) + 1):
        if not (doc[k - 1].text[:1].isupper() or doc[k - 1].lower_ in ("of", "the", "and")):
            break
        if doc[k - 1].text[:1].isupper() and _wholes(doc[j:k].text, g):
            best = k
    return best


def _name_before(doc, k: int, g: Gazetteer, max_tokens: int = 5) -> int | None:
    """Start of the longest country/admin1 name ending right before token ``k``."""
    best = None
    for j in range(k - 1, max(-1, k - 1 - max_tokens), -1):
        if not (doc[j].text[:1].isupper() or doc[j].lower_ in ("of", "the", "and")):
            break
        if doc[j].text[:1].isupper() and _wholes(doc[j:k].text, g):
            best = j
    return best


def _name_goes_on(doc, k: int, g: Gazetteer) -> bool:
    """Is token ``k`` (after "northern Kansas") a capitalised word continuing a longer name?"""
    if k >= len(doc) or not doc[k].is_alpha or not doc[k].text[:1].isupper():
        return False
    return doc[k].ent_type_ not in ("DATE", "TIME") or g.has(doc[k - 1: k + 1].text)


def _modifier(tok) -> bool:
    """Words between "Syria's" and "northeast": "Kurdish-held", "restive", "volatile", "far"."""
    return tok.text in "-‐–" or tok.pos_ in ("ADJ", "ADV", "VERB") and tok.is_lower \
        or tok.ent_type_ == "NORP" or (tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].text in "-‐–")


def _direction_mentions(doc, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """"northern Mali", "north-eastern Congo", "Nigeria's northeast", "Syria's Kurdish-held northeast",
    "Mali's northern regions", "the south of Lebanon": the part of a country or admin1 unit."""
    out: list[Mention] = []
    n = len(doc)
    names = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in ("ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW")]

    def add(start_tok: int, end_tok: int, name: str, word: str) -> None:
        span = doc[start_tok:end_tok]
        if g.direction(name.split()[0]) or _name_goes_on(doc, end_tok, g) or _inside(span.start_char, span.end_char, names):
            return  # "South Central", "North Kansas City", "Eastern Kentucky University", "West Palestine Avenue"
        if not _overlaps(span.start_char, span.end_char, taken + out):
            out.append(Mention(span.start_char, span.end_char, span.text, "region", REGION,
                               part_of=name, direction=word))

    for i in range(n):
        d = _direction_at(doc, i, g)
        if d is None:
            continue
        j, word = d
        # "the south of Lebanon"
        if i >= 1 and doc[i - 1].lower_ == "the" and j < n and doc[j].lower_ == "of":
            k = _name_at(doc, j + 1, g)
            if k is not None:
                add(i, k, doc[j + 1:k].text, word)
                continue
        # "northern Mali" (unless "North Kivu", "South Sudan" is itself a name)
        k = _name_at(doc, j, g)
        if k is not None and not g.has(doc[i:k].text) and not (i and doc[i - 1].text in POSSESSIVE):
            add(i, k, doc[j:k].text, word)
            continue
        # "Nigeria's northeast", "Syria's Kurdish-held northeast", "Mali's northern regions"
        m = i
        while m > 0 and _modifier(doc[m - 1]) and i - m < 5:
            m -= 1
        if m >= 2 and doc[m - 1].text in POSSESSIVE:
            start = _name_before(doc, m - 1, g)
            if start is None:
                continue
            end = j
            if j < n and doc[j].lower_ in PART_WORDS:
                end = j + 1
            elif j < n and doc[j].is_alpha and (doc[j].text[:1].isupper() or doc[j].pos_ in ("NOUN", "PROPN", "NUM")):
                continue  # "Syria's northern city of Aleppo": the direction modifies another noun
            add(start, end, doc[start:m - 1].text, word)
    return out


def _link_possessives(text: str, mentions: list[Mention], g: Gazetteer) -> None:
    """"Syria's Kurdish-held northeast", "Ethiopia's Tigray region": the second lies in the first."""
    for a, b in zip(mentions, mentions[1:]):
        if b.within is None and a.source != "region" and re.fullmatch(r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}",
                                                                       text[a.end:b.start]) \
                and _is_country(a.text, g):
            b.within = a


def _link_embassies(text: str, mentions: list[Mention]) -> None:
    """"the British embassy in Khartoum": one facility, in the town named after it."""
    for a, b in zip(mentions, mentions[1:]):
        if a.source == "embassy" and b.hidden is None and re.fullmatch(r"\s+in\s+", text[a.end:b.start]):
            a.within, b.hidden = b, "absorbed"
            a.end, a.text = b.end, text[a.start:b.end]


def _metonyms(doc, mentions: list[Mention], g: Gazetteer) -> None:
    """Mark capitals and countries that stand for their governments (see places_metonymy.yaml)."""
    lists = g.metonymy
    capitals = g.capital_keys()
    for m in mentions:
        if m.source not in NAME_SOURCES or m.hint or m.within is not None:
            continue
        if normalise(m.text) not in capitals and not _is_country(m.text, g):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None and _is_metonym(span.root, lists):
            m.hidden = "metonym"


def _is_metonym(tok, lists: dict) -> bool:
    while tok.dep_ == "conj" and tok.head is not tok:  # "Kyiv and Moscow agreed"
        tok = tok.head
    head = tok.head

    def among(t, key: str) -> bool:
        words = lists.get(key, ())
        return t.lower_ in words or t.lemma_.lower() in words

    if tok.dep_ == "nsubj":
        return among(head, "subject_verbs")
    if tok.dep_ == "dobj":
        return among(head, "object_verbs")
    if tok.dep_ == "poss":
        return among(head, "policy_nouns")
    if tok.dep_ == "pobj" and head.lower_ in ("between", "with"):
        return among(head.head, "relation_nouns")
    return False


def _propn_mentions(doc, g: Gazetteer, taken: list[Mention], blocked_labels=("ORG", "DATE", "TIME",
                    "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT")) -> list[Mention]:
    """Capitalised proper nouns after a locative word, when the model tagged them otherwise."""
    out: list[Mention] = []
    i, n = 0, len(doc)
    while i < n:
        tok = doc[i]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.ent_type_ in blocked_labels \
                or g.demonym_country(tok.text):
            i += 1
            continue
        j = i
        while j + 1 < n and doc[j + 1].pos_ == "PROPN" and doc[j + 1].text[:1].isupper():
            j += 1
        if not (_locative_before(doc, i) or _country_possessive_before(doc, i, g)
                or (j + 1 < n and doc[j + 1].lower_ in UNIT_WORDS)):
            i = j + 1
            continue
        span, hint = _with_suffix(doc[i: j + 1])
        if not _overlaps(span.start_char, span.end_char, taken + out) and g.has(doc[i: j + 1].text):
            out.append(Mention(span.start_char, span.end_char, span.text, "propn", hint))
        i = j + 1
    return out


# Entity labels whose words never name a place ("May", "$3 million", "Iraqi", "Ulysses").
NOT_PLACE_LABELS = {"DATE", "TIME", "MONEY", "CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "NORP", "LANGUAGE",
                    "WORK_OF_ART", "LAW"}
MAX_NAME_TOKENS = 6


def _name_token(tok) -> bool:
    """A word that can be part of a capitalised name: "Rock", "St.", "O'Fallon"."""
    t = tok.text
    return t[:1].isupper() and re.fullmatch(r"[^\W\d_]+(?:['’.][^\W\d_]*)*\.?", t) is not None


def _capitalised_runs(doc, connectors: frozenset) -> list[tuple[int, int]]:
    """Maximal runs of capitalised words, joined by "of", "upon"... ("Isle of Man")."""
    runs, i, n = [], 0, len(doc)
    while i < n:
        if not _name_token(doc[i]):
            i += 1
            continue
        j = i + 1
        while j < n and (_name_token(doc[j]) or (doc[j].lower_ in connectors and doc[j].is_lower
                                                 and j + 1 < n and _name_token(doc[j + 1]))):
            j += 1
        runs.append((i, j))
        i = j
    return runs


def _longest_name(doc, i: int, end: int, g: Gazetteer) -> int | None:
    """End of the longest gazetteer name starting at token ``i`` inside a run ending at ``end``."""
    for k in range(min(end, i + MAX_NAME_TOKENS), i, -1):
        if _name_token(doc[k - 1]) and g.has(doc[i:k].text):
            return k
    return None


def _person_words(doc, g: Gazetteer) -> set[str]:
    """Words of the article's multi-word person names ("Andrew Jackson"): alone, they mean the person."""
    out: set[str] = set()
    titles = g.cues["person_titles"]
    for e in doc.ents:
        toks = list(e)
        last_title = max((k for k, t in enumerate(toks) if t.lower_.rstrip(".") in titles), default=-1)
        # "Avondale Mayor Ed Rieker": the person is the name after the title, not the town before it
        words = [t for t in toks[last_title + 1:] if t.is_alpha and t.text[:1].isupper()]
        if e.label_ == "PERSON" and len(words) >= 2 and not g.has(" ".join(t.text for t in words)):
            out.update(t.lower_ for t in words)
    return out


def _person_like(doc, i: int, k: int, persons: set[str], g: Gazetteer) -> bool:
    """"Sen. Clinton", "Jackson said", or a word of a person's name named elsewhere in the article."""
    cues = g.cues
    if i and doc[i - 1].lower_.rstrip(".") in cues["person_titles"]:
        return True
    if k - i > 1:
        return False
    tok = doc[i]
    return tok.lower_ in persons or (tok.dep_ == "nsubj" and tok.head.lemma_.lower() in g.metonymy["subject_verbs"]
                                     and not _is_country(tok.text, g))


def _name_cue(doc, i: int, k: int, g: Gazetteer) -> bool:
    """Context that makes the name at tokens ``i:k`` a place: "in X", "X residents", "Smith of X"..."""
    nxt = doc[k] if k < len(doc) else None
    if _locative_before(doc, i) or _country_possessive_before(doc, i, g):
        return True
    if nxt is not None and (nxt.lower_ in g.cues["after_place"] or (nxt.text in "-‐–" and k + 1 < len(doc)
                                                                   and doc[k + 1].lower_ == "based")):
        return True
    if i >= 2 and doc[i - 1].lower_ == "of" and (doc[i - 2].pos_ == "PROPN" or doc[i - 2].text == ","):
        return True  # "Jane Roe, 41, of X"
    head = doc[k - 1]
    if head.dep_ == "dobj" and head.head.lemma_.lower() in g.cues["object_verbs"]:
        return True  # "gunmen attacked X"
    ent = doc[i].ent_type_ in ("GPE", "LOC") and doc[i].ent_iob_ == "B"
    return ent or (doc[i].ent_iob_ == "I" and doc[i - 1].lower_ == "the" and doc[i].ent_type_ in ("GPE", "LOC"))


def _name_ok(doc, i: int, k: int, persons: set[str], lower: set[str], cued: bool, g: Gazetteer) -> bool:
    """Guards: not a date or nationality, not a common word, not a person, not a street, not a code."""
    span = doc[i:k]
    if any(t.ent_type_ in NOT_PLACE_LABELS for t in span) or g.is_stopword(span.text) \
            or g.demonym_country(span.text) or len(span.text) < 3:
        return False
    if span.text.isupper() and not _is_country(span.text, g):
        return False  # "HOUSTON" mid-text is a headline word; datelines are found apart
    if k - i == 1 and (doc[i].lower_ in lower or (not cued and _sentence_initial(doc, i) and doc[i].pos_ != "PROPN")):
        return False  # the article also writes it in lower case: a common word ("Spring", "Commerce")
    nxt = doc[k] if k < len(doc) else None
    if nxt is not None and (nxt.lower_.rstrip(".") in g.cues["name_heads"] or nxt.text in ("&", "+")
                            or (nxt.like_num and not nxt.is_punct) or re.fullmatch(r"\d+\w*", nxt.text)):
        return False  # "Dunlap St.", "Stevens & Wilkinson", "Loop 286", "Northwest 13th Street"
    return not _inside_name(doc, i, k, g) and not _person_like(doc, i, k, persons, g)


def _sentence_initial(doc, i: int) -> bool:
    return doc[i].is_sent_start or (i > 0 and doc[i - 1].is_punct and doc[i - 1].text in "\"“‘'(—–-")


def _inside_name(doc, i: int, k: int, g: Gazetteer) -> bool:
    """Tokens ``i:k`` part of a longer name: the middle of an organisation's ("Bluegrass Rain Garden
    Alliance": a place leads one, "Oakland Police Department", or follows its "of", "University of
    Texas"), or the start of another place's ("Flat Creek", "Springfield Mall"; but "Henderson County
    Jail", "Litchfield Fire Department" are the unit's or the town's)."""
    label = doc[i].ent_type_
    if label in PLACE_LABELS:
        goes_on = k < len(doc) and doc[k].ent_iob_ == "I" and _name_token(doc[k])
        return goes_on and doc[k - 1].lower_ not in SUFFIX_HINTS and doc[k].lower_ not in g.cues["after_place"]
    if doc[i].ent_iob_ != "I":
        return False
    prev = doc[i - 1]
    return not (prev.lower_ in ("of", "the") or (prev.ent_iob_ == "B" and prev.lower_ == "the"))


def _name_mentions(doc, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """Gazetteer names in runs of capitalised words no other source took: inside an organisation's
    name ("Oakland Police Department"), tagged PERSON, or untagged. With a place cue ("in X", "X
    residents") they are "cue" mentions, else "name" mentions, which resolution holds to a higher bar."""
    out: list[Mention] = []
    persons = _person_words(doc, g)
    lower = {t.lower_ for t in doc if t.is_lower}
    for start, end in _capitalised_runs(doc, g.cues["connectors"]):
        i = start
        while i < end:
            k = _longest_name(doc, i, end, g) if doc[i].lower_ != "the" else None
            if k is None:
                i += 1
                continue
            span, cued = doc[i:k], _name_cue(doc, i, k, g)
            free = not _overlaps(span.start_char, span.end_char, taken + out)
            if free and _name_ok(doc, i, k, persons, lower, cued, g):
                hint = SUFFIX_HINTS.get(span[-1].lower_) if k - i > 1 else None  # "Lamar County"
                out.append(Mention(span.start_char, span.end_char, span.text, "cue" if cued else "name", hint))
            i = k
    return out


def _demonym_places(doc, g: Gazetteer, taken: list[Mention]) -> list[Mention]:
    """A demonym meaning its country as a place: "the Sudanese capital", "on Iraqi soil", "the Syrian border"."""
    out: list[Mention] = []
    nouns = g.cues["demonym_place_nouns"]
    for ent in doc.ents:
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if ent.label_ not in ("NORP", "GPE", "LANGUAGE") or nxt is None or not nxt.is_lower or nxt.text not in nouns:
            continue
        span = _trim(ent)
        cc = g.demonym_country(span.text) if span is not None else None
        country = g.country(cc) if cc else None
        if country is not None and not _overlaps(span.start_char, span.end_char, taken + out):
            out.append(Mention(span.start_char, span.end_char, span.text, "demonym", fixed=country))
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
            for m in (a, b):  # "Tibu, Norte de Santander": each names a place for the other
                m.source = "cue" if m.source == "name" else m.source
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
            out.append(Mention(m.start(1), m.end(), text[m.start(1): m.end()], "embassy", FACILITY, owner=cc,
                               label=f"{owner} Embassy"))
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


# After a line break, a sentence's end or a byline's year ("March 24, 2009 NEWARK --").
_DATELINE = re.compile(r"(?:^|\n|(?<=[.!?] )|(?<=\d{4} ))"
                       r"([A-Z][A-Z'’.-]+(?: [A-Z][A-Z'’.-]+){0,3})(?=,| ?\(| ?-| ?—| ?–|:)")


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
    mentions += _direction_mentions(doc, g, mentions)
    mentions += [m for m in _dateline_mentions(doc.text, g) if not _overlaps(m.start, m.end, mentions)]
    mentions += _embassy_mentions(doc.text, g, mentions)
    mentions += _entity_mentions(doc, g, mentions)
    mentions += _propn_mentions(doc, g, mentions)
    mentions += _demonym_places(doc, g, mentions)
    mentions += _name_mentions(doc, g, mentions)
    mentions = _link_commas(doc.text, mentions, g)
    mentions.sort(key=lambda m: m.start)
    _link_possessives(doc.text, mentions, g)
    _link_embassies(doc.text, mentions)
    _facility_heads(doc.text, mentions)
    _metonyms(doc, mentions, g)
    return mentions

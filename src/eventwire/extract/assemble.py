"""Turn a detected event mention into a ``Mention``: date, place, actors, casualties, weapon,
evidence spans and an ACLED-style note.

Date choice (news reasoning):
1. a time expression attached to the event: to a trigger, or to a word that governs one without
   crossing into another frame (reported speech, a relative or subordinate clause) or another
   event word ("killed a contractor in December 2019 in a rocket attack"; but "attended a
   ceremony on Saturday for X, who died in a strike" does not date the strike, nor does "said in
   a tweet on Monday" date the attack quoted);
2. else the narrative time: that of the closest previous mention in the same paragraph or at most
   two sentences back ("On Saturday, A happened. Moments later, B happened."); a time that only
   premodifies an event noun ("the November sacking", "Sunday's attack") dates that event alone
   and never becomes the narrative time;
3. else, for a dated article, the publication date with precision "week": an undated "rockets hit
   X" in a news story almost always happened within the last day or two, so the week holding the
   day before publication is the honest claim (merging later prefers a more precise date from
   another sentence or source).
4. undated article: event_date None, and ``date_text`` keeps the relative expression ("on
   Saturday") so it can be resolved once a date is known.

Place choice: the most specific place (facility > city > admin1 > region > country) in the
trigger's clause, else nearest in the sentence; "near X", "outskirts of X", "X province" give
geo_precision 2; a facility or city 1; a region or country 3. Without a place in the sentence:
the narrative place: that of the closest previous mention of the same family (or of the
anaphoric re-mention it continues) in the same paragraph or at most two sentences back, with its
own precision and evidence ("... the killing of the general near the airport. The general was
killed in the drone attack ..."); else the dateline's place when it lies in the article's main
country, else the main country (3). An event whose own target is a new site the gazetteer cannot
place ("slammed into an army base", "stormed a village in the north") takes neither the narrative
place, nor a place of another event's clause, nor the dateline: the country (3).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import re

from eventwire.extract.codebook import get_codebook
from eventwire.extract.detect import Detection, agent_tokens, event_word_heads, get_rules
from eventwire.extract.modality import load_data
from eventwire.extract.victims import named_victims
from eventwire.models import Analysis, Mention, Place, Span, TimeExpr

KIND_RANK = {"facility": 0, "city": 1, "admin1": 2, "region": 3, "country": 4}
NEAR_BEFORE = re.compile(
    r"\b(near|nearby|outside|outskirts of|suburbs? of|close to|around|(?:north|south|east|west|"
    r"northeast|northwest|southeast|southwest|north-east|north-west|south-east|south-west)(?:ern)?"
    r"(?: part)? of|km (?:from|of)|kilometres? (?:from|of)|kilometers? (?:from|of)|miles? (?:from|of)|"
    r"vicinity of|area of|region of|district of|province of|parts of|edge of|west bank of)\s*(?:the\s+)?$",
    re.I)
AREA_AFTER = re.compile(r"^\s*(province|region|district|state|county|governorate|area|territory|"
                        r"department|prefecture|oblast|division|zone|countryside|outskirts)\b", re.I)


def mention_id(article_id: str, sent_start: int, trigger_start: int, sub_event_type: str,
               extra: str = "") -> str:
    key = f"{article_id}|{sent_start}|{trigger_start}|{sub_event_type}" + (f"|{extra}" if extra else "")
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


# --- date ---------------------------------------------------------------------------------

def _clause_chars(det: Detection) -> list[tuple[int, int]]:
    doc = det.sent.doc
    return [(doc[i].idx, doc[i].idx + len(doc[i])) for i in det.clause]


def _inside(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in ranges)


def _nearest(items: list, trig_char: int):
    return min(items, key=lambda x: abs(x.start - trig_char)) if items else None


# Edges above which a word belongs to another frame: reported speech, relative and subordinate
# clauses. A time expression attached up there dates that frame, not the event.
FRAME_DEPS = {"ccomp", "relcl", "acl", "advcl", "parataxis", "csubj", "xcomp"}


def _governors(det: Detection) -> set[int]:
    """Trigger tokens and the words governing them up to a frame boundary."""
    doc, out = det.sent.doc, set()
    for t in det.triggers:
        out |= set(range(t.start, t.end))
        tok = doc[t.head]
        while tok.head.i != tok.i and tok.dep_ not in FRAME_DEPS:
            tok = tok.head
            out.add(tok.i)
    return out


def _time_anchor(doc, t: TimeExpr, stops: set[int]):
    """The word a time expression modifies: climb noun and preposition links up to a verb, an
    event word or a clause boundary ("near the embassy in Baghdad on Saturday" -> "hit")."""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    tok = span.root
    while tok.head.i != tok.i and tok.dep_ not in FRAME_DEPS:
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX") or tok.i in stops:
            break
    return tok


def choose_time(analysis: Analysis, det: Detection) -> TimeExpr | None:
    """The time expression attached to the mention's event, if its sentence has one."""
    sent, doc = det.sent, det.sent.doc
    trig_char = doc[det.trigger.start].idx
    in_sent = [t for t in analysis.times if sent.start_char <= t.start < sent.end_char]
    if not in_sent:
        return None
    govs, stops = _governors(det), event_word_heads(sent)
    own = [t for t in in_sent if (a := _time_anchor(doc, t, stops)) is not None and a.i in govs]
    return _nearest(own, trig_char)



# A time expression before a noun ("the November sacking", "Sunday's attack", "the 2019
# bombing") dates that noun's event only: a reference back, not the time the story is at.
PREMODIFIER_DEPS = {"compound", "nmod", "poss", "amod", "nummod", "npadvmod"}


def dates_noun_only(doc, t: TimeExpr) -> bool:
    """Does ``t`` only premodify a noun, so it must not become the narrative time?"""
    span = doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root, head = span.root, span.root.head
    nominal = head.pos_ in ("NOUN", "PROPN") or head.tag_ == "VBG"   # "the May sacking" as a verb
    return root.dep_ in PREMODIFIER_DEPS and nominal and root.i < head.i


def event_word_time(analysis: Analysis, sent) -> TimeExpr | None:
    """The last time expression of a sentence that tells of an event, typed or not ("a response
    to the killing of the general on Friday"), unless it dates a statement ("said on Monday"):
    it sets the narrative time for the next sentences."""
    doc, heads = sent.doc, event_word_heads(sent)
    if not heads:
        return None
    speech = load_data("modality.yaml").get("reporting_verbs") or []
    told = [t for t in analysis.times if sent.start_char <= t.start < sent.end_char
            and (a := _time_anchor(doc, t, heads)) is not None and a.lemma_.lower() not in speech
            and not dates_noun_only(doc, t)]
    return told[-1] if told else None


def _iso_day(value: str) -> str:
    parts = value.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def _published_day(published: str | None) -> dt.date | None:
    if not published:
        return None
    try:
        return dt.date.fromisoformat(published[:10])
    except ValueError:
        return None


def event_date(analysis: Analysis, det: Detection, inherited: TimeExpr | None = None
               ) -> tuple[str | None, str | None, TimeExpr | None]:
    """(event_date, date_precision, time expression used) for a mention; ``inherited``: the
    narrative time of the preceding mentions, used when the event has no time of its own."""
    t = choose_time(analysis, det) or inherited
    if t is not None and t.value:
        return _iso_day(t.value), t.precision or _precision_of(t.value), t
    if t is not None:
        return None, None, t          # undated article: keep the expression for later
    day = _published_day(analysis.article.published)
    if day is None:
        return None, None, None
    # The week of the day before publication (see module doc), as its Monday.
    before = day - dt.timedelta(days=1)
    return (before - dt.timedelta(days=before.weekday())).isoformat(), "week", None


def _precision_of(value: str) -> str:
    return {1: "year", 2: "month"}.get(len(value.split("-")), "day")


# --- place --------------------------------------------------------------------------------

def split_places(analysis: Analysis, det: Detection) -> list[Place]:
    """Places conjoined under a plural event noun ("the bombings in X and Y"): one event each."""
    doc = det.sent.doc
    head = doc[det.trigger.head]
    if head.tag_ != "NNS":
        return []
    # Modifiers name the doer ("US attacks"), not where the events were.
    doer = {t.i for c in head.children if c.dep_ in ("compound", "amod", "poss", "nmod") for t in c.subtree}
    toks = [t for t in head.subtree if t.i != head.i and t.i not in doer]
    if head.dep_ == "dobj":
        toks += [t for c in head.head.children if c.dep_ == "prep" for t in c.subtree]
    # "the U.S. embassies": a place modifying a noun names an owner, not a site.
    ranges = [(t.idx, t.idx + len(t)) for t in toks if t.dep_ not in ("compound", "poss", "amod")]
    places = [p for p in event_places(analysis) if _inside(p.start, p.end, ranges)]
    places = _most_specific(places)
    names = {p.name for p in places}
    return sorted(places, key=lambda p: p.start) if len(names) > 1 else []


def event_places(analysis: Analysis) -> list[Place]:
    """Places an event can happen at: not nationality words ("Russian troops" names who, not where)."""
    return [p for p in analysis.places if p.kind != "demonym"]


def _most_specific(places: list[Place]) -> list[Place]:
    # "in Nairobi, Kenya and Dar es Salaam, Tanzania": the countries only locate the cities.
    def inside(p: Place) -> bool:
        if p.kind == "country":
            return any(q.kind != "country" and q.country == p.country for q in places)
        if p.kind == "admin1":
            return any(q.kind in ("city", "facility") and q.admin1 == p.admin1 for q in places)
        return False
    return [p for p in places if not inside(p)]


def choose_place(analysis: Analysis, det: Detection) -> Place | None:
    """The most specific place of the trigger's clause, else of the sentence."""
    sent = det.sent
    trig_char = sent.doc[det.trigger.start].idx
    doc = sent.doc
    # "US attacks", "Turkish drones": a place naming the doer is not where it happened. But the
    # event noun's own arguments ("by a rocket attack in the Green Zone") are not the doer.
    heads = {t.head for t in det.triggers}
    own = {tok.i for h in heads for tok in doc[h].subtree if tok.head.i not in heads or tok.dep_ == "prep"}
    agent = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in agent_tokens(det) if i not in own
             and (doc[i].dep_ in ("compound", "amod", "poss", "nmod") or doc[i].head.i in heads)]
    foreign = [(doc[i].idx, doc[i].idx + len(doc[i])) for i in _foreign_frames(det) | _affiliations(sent)]
    in_sent = [p for p in event_places(analysis) if sent.start_char <= p.start < sent.end_char
               and not _inside(p.start, p.end, agent) and not _inside(p.start, p.end, foreign)]
    in_clause = [p for p in in_sent if _inside(p.start, p.end, _clause_chars(det))]
    pool = in_clause or in_sent
    if not pool:
        return None
    return min(pool, key=lambda p: (KIND_RANK.get(p.kind, 5), abs(p.start - trig_char)))


# Clauses that tell something else (a reported statement, a later decision, a cause): a place
# named there is not where the event happened. Relative clauses describe the event's arguments
# ("a base where troops are deployed in X") and stay.
OTHER_FRAME_DEPS = {"advcl", "ccomp", "parataxis", "csubj"}


def _foreign_frames(det: Detection) -> set[int]:
    doc = det.sent.doc
    heads = {t.head for t in det.triggers}
    out: set[int] = set()
    evaluative = get_rules().evaluative
    for tok in det.sent:
        if tok.dep_ == "advcl" and not any(c.dep_ == "mark" for c in tok.children) \
                and tok.head.dep_ != "pobj":
            continue  # "..., referencing the sacking of X": an elaboration, not another frame
        judged = tok.dep_ == "relcl" and tok.lemma_.lower() in evaluative  # ", which was ..."
        if judged or tok.dep_ in OTHER_FRAME_DEPS or (tok.dep_ == "conj" and tok.pos_ == "VERB"):
            sub = {t.i for t in tok.subtree}
            if not sub & heads:
                out |= sub
    return out | _consequences(det)


# What a verb's complements say when its subject is the event noun: the consequences.
CONSEQUENCE_DEPS = {"dobj", "dative", "prep", "attr", "xcomp", "ccomp", "advcl", "agent"}


def _consequences(det: Detection) -> set[int]:
    """"the strike brought vows of revenge from Tehran": the objects of a consequence verb
    (codebook.yaml: consequence_verbs) whose subject holds the event noun."""
    verbs = set(load_data("codebook.yaml").get("consequence_verbs") or [])
    doc, out = det.sent.doc, set()
    for trig in det.triggers:
        node = doc[trig.head]
        while node.dep_ not in ("nsubj", "ROOT") and node.pos_ not in ("VERB", "AUX") and node.head.i != node.i:
            node = node.head
        verb = node.head
        if node.dep_ == "nsubj" and verb.lemma_.lower() in verbs:
            for c in verb.children:
                if c.dep_ in CONSEQUENCE_DEPS:
                    out |= {t.i for t in c.subtree}
    return out


def _affiliations(sent) -> set[int]:
    # "Iran's general", "Iraq's prime minister": a country owning a person or group names an
    # affiliation, not where the event happened.
    return {t.i for t in sent if t.dep_ == "poss" and t.ent_type_ == "GPE"
            and t.head.ent_type_ in ("PERSON", "ORG", "NORP")}


def geo_precision(text: str, place: Place) -> int:
    """1 the place itself, 2 near or part of it, 3 a region or a country."""
    if place.kind in ("region", "country"):
        return 3
    before = text[max(0, place.start - 40):place.start]
    if NEAR_BEFORE.search(before) or AREA_AFTER.match(text[place.end:place.end + 20]):
        return 2
    return 2 if place.kind == "admin1" else 1


def main_country(analysis: Analysis) -> Place | None:
    """A place standing for the article's main country (most frequent country among places)."""
    from eventwire.analyze.places import article_country

    places = event_places(analysis)
    code = article_country(places, analysis.article)
    same = [p for p in places if p.country_code == code]
    countries = [p for p in same if p.kind == "country"]
    return (countries or same or [None])[0]


def _as_country(place: Place | None) -> Place | None:
    """The country a place lies in: the fallback location is the country, not a site in it."""
    if place is None or place.kind == "country" or not place.country_code:
        return place
    from eventwire.analyze.gazetteer import get_gazetteer

    c = get_gazetteer().country(place.country_code)
    if c is None:
        return place
    return Place(text=place.text, start=place.start, end=place.end, name=c.name, country=c.country,
                 country_code=c.country_code, admin1=None, lat=c.lat, lon=c.lon, kind="country",
                 geonameid=c.geonameid)


def _dateline_place(analysis: Analysis, country: str | None) -> Place | None:
    line = analysis.article.dateline
    if not line:
        return None
    from eventwire.analyze.places import resolve_phrases

    head = line.split(",")[0].strip()
    found = resolve_phrases(line, [(0, len(head))], dateline=line)
    p = found[0] if found else None
    return p if p is not None and (country is None or p.country == country) else None


# --- the mention --------------------------------------------------------------------------

def _span(article_id: str, text: str, start: int, end: int) -> Span:
    return Span(article_id, start, end, text[start:end])


def _clause_range(det: Detection, others: list[Detection]) -> tuple[int, int]:
    """Characters where this mention's casualties and weapon are read: its sentence, or with
    several events in the sentence its clause, cut where the next event's trigger begins."""
    sent, doc = det.sent, det.sent.doc
    if not others or not det.clause:
        return sent.start_char, sent.end_char
    later = [o.trigger.start for o in others if o.trigger.start > det.trigger.start]
    last = min([det.clause[-1] + 1] + later)
    earlier = [o.trigger.end for o in others if o.trigger.start < det.trigger.start]
    first = max([det.clause[0]] + [e for e in earlier if e <= det.trigger.start])
    return doc[first].idx, doc[last - 1].idx + len(doc[last - 1])


# Prepositions whose object is where the event struck ("slammed into a base", "an attack on a
# village", "exploded at a checkpoint").
SITE_PREPS = {"into", "on", "at", "in", "inside", "against", "upon", "toward", "towards", "near",
              "outside", "onto"}


def _target_nouns(det: Detection) -> list:
    """Nouns the event struck: objects, passive subjects and prepositional objects of each
    trigger (and, for an event noun, of the verb it is the object of: "launched an attack on")."""
    doc, out = det.sent.doc, []
    for t in det.triggers:
        heads = [doc[t.head]]
        if heads[0].pos_ in ("NOUN", "PROPN") and heads[0].dep_ in ("dobj", "nsubj", "nsubjpass"):
            heads.append(heads[0].head)
        for h in heads:
            for c in h.children:
                if c.dep_ in ("dobj", "nsubjpass") and c.i not in (x.head for x in det.triggers):
                    out.append(c)
                elif c.dep_ == "prep" and c.lower_ in SITE_PREPS:
                    out += [p for p in c.children if p.dep_ == "pobj"]
    return out


def unlocated_site(analysis: Analysis, det: Detection) -> bool:
    """Does the event's own target name a new site no resolved place locates ("an army base",
    "a village in the north", "another checkpoint")? Then the event happened somewhere other
    than the place another event was told at (codebook.yaml: site_nouns)."""
    data = load_data("codebook.yaml")
    sites, indefinite = set(data.get("site_nouns") or []), set(data.get("indefinite_determiners") or [])
    for tok in _target_nouns(det):
        if tok.lemma_.lower() not in sites and tok.lower_ not in sites:
            continue
        if not any(c.dep_ in ("det", "nummod") and c.lower_ in indefinite for c in tok.children):
            continue
        words = [(t.idx, t.idx + len(t)) for t in tok.subtree]
        if not any(_inside(p.start, p.end, words) for p in event_places(analysis)):
            return True
    return False


def _in_other_clause(place: Place, det: Detection, others: list[Detection]) -> bool:
    return not _inside(place.start, place.end, _clause_chars(det)) and any(
        _inside(place.start, place.end, _clause_chars(o)) for o in others)


def mention_place(analysis: Analysis, det: Detection, place: Place | None = None,
                  inherited: Place | None = None, others: list[Detection] | None = None) -> Place | None:
    """The mention's own place, else the narrative place ``inherited``. A country or region named
    only outside the event's clause ("..., Kenya's police said") gives way to a narrative place
    inside it. An event whose own target is an unlocated new site ("rockets slammed into an
    army base") takes neither the narrative place nor a place of another event's clause."""
    own = place or choose_place(analysis, det)
    if place is None and unlocated_site(analysis, det):
        inherited = None
        if own is not None and _in_other_clause(own, det, others or []):
            own = None
    if own is None or inherited is None:
        return own or inherited
    outside = not _inside(own.start, own.end, _clause_chars(det))
    if place is None and outside and own.kind in ("country", "region") \
            and KIND_RANK.get(inherited.kind, 5) < KIND_RANK[own.kind] and inherited.country == own.country:
        return inherited
    return own


def _apply_place(m: Mention, analysis: Analysis, det: Detection, place: Place | None = None,
                 inherited: Place | None = None, others: list[Detection] | None = None) -> None:
    text = analysis.article.text
    place = mention_place(analysis, det, place, inherited, others)
    if place is not None:
        m.geo_precision = geo_precision(text, place)
        m.place_text = _span(m.article_id, text, place.start, place.end)
    else:
        country = main_country(analysis)
        # a new site the text names but we cannot place is not where the reporter files from
        line = None if unlocated_site(analysis, det) else \
            _dateline_place(analysis, country.country if country else None)
        place = line or _as_country(country)
        m.geo_precision = 3 if place is not None else None
    if place is None:
        return
    m.location, m.admin1, m.country = place.name, place.admin1, place.country
    m.latitude, m.longitude = place.lat, place.lon
    if place.kind == "country":
        m.admin1 = None


def _unnamed(actor: str | None) -> bool:
    return actor is None or actor.startswith("Unidentified")


def _apply_actors(m: Mention, analysis: Analysis, det: Detection) -> str | None:
    """Fill the mention's actors, claim and blame; return who blamed (for the note)."""
    from eventwire.extract.actors import assign_roles

    sent, doc = det.sent, det.sent.doc

    def roles_of(trigger):
        t0, t1 = doc[trigger.start].idx, doc[trigger.end - 1].idx + len(doc[trigger.end - 1])
        return assign_roles(doc, sent.start_char, sent.end_char, t0, t1, m.country, m.sub_event_type)

    roles = roles_of(det.trigger)
    # Linked triggers of one event ("killed ... in the U.S. drone attack") may name who the
    # main trigger leaves unknown: a named actor found there fills the gap.
    for other in det.triggers:
        if other is det.trigger or not (_unnamed(roles.actor1) or roles.actor2 is None):
            continue
        extra = roles_of(other)
        if _unnamed(roles.actor1) and not _unnamed(extra.actor1):
            roles.actor1, roles.assoc_actor1, roles.actor1_match = extra.actor1, extra.assoc_actor1, extra.actor1_match
        if roles.actor2 is None and extra.actor2 is not None:
            roles.actor2, roles.assoc_actor2, roles.actor2_match = extra.actor2, extra.assoc_actor2, extra.actor2_match
    m.actor1, m.assoc_actor1 = roles.actor1, roles.assoc_actor1
    m.actor2, m.assoc_actor2 = roles.actor2, roles.assoc_actor2
    m.claimed, m.blamed = roles.claimed, roles.blamed
    text = analysis.article.text
    if roles.actor1_match is not None:
        m.actor1_text = _span(m.article_id, text, roles.actor1_match.start, roles.actor1_match.end)
    if roles.actor2_match is not None:
        m.actor2_text = _span(m.article_id, text, roles.actor2_match.start, roles.actor2_match.end)
    return roles.blamer


def _apply_harm(m: Mention, analysis: Analysis, det: Detection, others: list[Detection]) -> None:
    from eventwire.extract.casualties import find_casualties, find_weapon

    doc, text = det.sent.doc, analysis.article.text
    start, end = _clause_range(det, others)
    cas = find_casualties(doc, start, end)
    m.fatalities, m.injuries = cas.fatalities, cas.injuries
    m.casualty_text = [_span(m.article_id, text, s, e) for s, e in cas.spans]
    weapon = find_weapon(doc, start, end)
    if weapon is not None:
        m.weapon, m.quantity = weapon.weapon, weapon.quantity
        m.weapon_text = _span(m.article_id, text, weapon.start, weapon.end)


def build_mention(analysis: Analysis, det: Detection, others: list[Detection] | None = None,
                  inherited: TimeExpr | None = None, place: Place | None = None,
                  inherited_place: Place | None = None) -> Mention:
    """The Mention for one detection; ``others``: the other detections of its sentence;
    ``inherited``: the narrative time; ``place``: one of several places the detection names;
    ``inherited_place``: the narrative place, used when the clause and sentence name none (its
    evidence is the span where the earlier mention named it)."""
    cb = get_codebook()
    art, sent, doc = analysis.article, det.sent, det.sent.doc
    sub = det.sub_event_type
    t0 = doc[det.trigger.start].idx
    t1 = doc[det.trigger.end - 1].idx + len(doc[det.trigger.end - 1])
    m = Mention(
        id=mention_id(art.id, sent.start_char, t0, sub, place.name if place else ""),
        article_id=art.id,
        sentence=_span(art.id, art.text, sent.start_char, sent.end_char),
        disorder_type=cb.disorder_type(sub), event_type=cb.event_type(sub), sub_event_type=sub,
        trigger=_span(art.id, art.text, t0, t1))
    m.event_date, m.date_precision, used = event_date(analysis, det, inherited)
    if used is not None:
        m.date_text = _span(art.id, art.text, used.start, used.end)
    _apply_place(m, analysis, det, place, inherited_place, others)
    blamer = _apply_actors(m, analysis, det)
    _apply_harm(m, analysis, det, others or [])
    m.victims = named_victims(sent, [(p.start, p.end) for p in analysis.places])
    m.notes = write_note(m, blamer)
    return m


# --- notes --------------------------------------------------------------------------------

def _date_phrase(m: Mention) -> str:
    if not m.event_date:
        return "On an unreported date"
    d = dt.date.fromisoformat(m.event_date)
    if m.date_precision == "year":
        return f"In {d.year}"
    if m.date_precision == "month":
        return f"In {d:%B} {d.year}"
    if m.date_precision == "week":
        return f"In the week of {d.day} {d:%B} {d.year}"
    return f"On {d.day} {d:%B} {d.year}"


def _place_phrase(m: Mention) -> str:
    if not m.location:
        return ""
    where = [x for x in (m.admin1, m.country) if x and x != m.location]
    near = "near " if m.geo_precision == 2 else "in "
    return f" {near}{m.location}" + (f" ({', '.join(where)})" if where else "")


def _harm_phrase(m: Mention) -> str:
    out = []
    if m.fatalities == 0:
        out.append("No fatalities reported.")
    elif m.fatalities:
        out.append(f"{m.fatalities} {'fatality' if m.fatalities == 1 else 'fatalities'}.")
    if m.injuries:
        out.append(f"{m.injuries} injured.")
    return " ".join(out)


def _lead(m: Mention) -> str:
    """The note's first sentence: when, who did what to whom, where."""
    templates = load_data("codebook.yaml")["notes"]
    t = templates.get(m.sub_event_type) or templates["default"]
    actor1 = m.actor1 or templates["unknown_actor"]
    body = (t["target"] if m.actor2 else t["plain"]).format(
        actor1=actor1, actor2=m.actor2 or "", weapon=m.weapon or "")
    return f"{_date_phrase(m)}, {body}{_place_phrase(m)}."


def _blame_phrase(m: Mention, blamer: str | None) -> str:
    if not m.blamed or m.claimed is True:
        return ""
    templates = load_data("codebook.yaml")["notes"]
    if blamer:
        return templates["blame_by"].format(blamer=blamer[:1].upper() + blamer[1:], blamed=m.blamed)
    return templates["blame"].format(blamed=m.blamed)


def write_note(m: Mention, blamer: str | None = None) -> str:
    """One ACLED-style sentence: when, who did what to whom, where; then harm and blame (and who
    blamed, ``blamer``, when the text says)."""
    return " ".join(p for p in (_lead(m), _harm_phrase(m), _blame_phrase(m, blamer)) if p)


def add_reported_harm(m: Mention, fatalities: int | None, injuries: int | None,
                      evidence: list[Span]) -> None:
    """Fill counts a later sentence reports ("the attacks caused no casualties"); the note's harm
    sentence follows, the rest of the note (who blamed whom) stays."""
    lead, before = _lead(m), _harm_phrase(m)
    if fatalities is not None:
        m.fatalities = fatalities
    if injuries is not None:
        m.injuries = injuries
    m.casualty_text = m.casualty_text + list(evidence)
    rest = (m.notes or "")[len(lead):].strip() if (m.notes or "").startswith(lead) else ""
    if before and rest.startswith(before):
        rest = rest[len(before):].strip()
    m.notes = " ".join(p for p in (lead, _harm_phrase(m), rest) if p)

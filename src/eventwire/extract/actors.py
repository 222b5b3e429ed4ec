"""Actors: assign event roles to the actor mentions the knowledge base finds (``actor_kb``).

``assign_roles`` reads the dependency parse around an event trigger to decide who acted
(actor1) and who was targeted (actor2), then applies ACLED's attribution rule: an attack that
nobody claimed keeps an unidentified actor1 even when someone is blamed.

Conventions (documented choices):
- embassies, consulates and diplomats are "Government of X"; troops, bases, convoys are
  "Military Forces of X"; a bare country as agent ("Israel struck ...") is its military.
- an air/drone strike with no named agent has actor1 None (unnamed aircraft belong to some
  state, never to an "Unidentified Armed Group"); other violence defaults to
  "Unidentified Armed Group (country)".
- descriptors such as "Iran-backed" never make a named actor; they are kept in ``descriptor``.
- a target comes from the trigger's own clause; forces named at the targeted site ("an Iraqi
  base where US troops are deployed") are the target, more specific than the site.
- "A held B responsible for X" / "A blamed B" / "A accused B of X": B is blamed (never X's
  target), and A is kept as written for the note.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterator

from eventwire.extract.actor_kb import (
    AGENT_KINDS, ATTRIBUTABLE_KINDS, CIVILIANS, PATIENT_KINDS, POLICE, PROTESTERS, RIOTERS,
    UNIDENTIFIED, ActorKB, ActorMatch, get_actor_kb,
)


@dataclass
class ActorRoles:
    actor1: str | None = None
    assoc_actor1: str | None = None
    actor2: str | None = None
    assoc_actor2: str | None = None
    actor1_match: ActorMatch | None = None
    actor2_match: ActorMatch | None = None
    claimed: bool | None = None
    blamed: str | None = None
    blamer: str | None = None       # who blamed them, as written ("the governor"), when known
    actor1_descriptor: str | None = None


# ----------------------------------------------------------------------------------------------
# Roles
# ----------------------------------------------------------------------------------------------
ROLE_DATA = {
    # Prepositions whose object is the target: "attack on X", "fired at X".
    "target_preps": {"on", "against", "at", "targeting", "toward", "towards", "into", "upon"},
    # Prepositions of place: only facilities (embassies, bases) become targets through them.
    "place_preps": {"near", "at", "in", "inside", "outside", "around", "close", "by", "to", "on"},
    # Prepositions that tie an attack noun to the verb it happened in: "killed in an attack".
    "event_preps": {"in", "with", "during", "by", "using", "through"},
    # Verbs whose object is a target even when they hang off the trigger: "a rocket targeting X".
    "target_verbs": {"target", "hit", "strike", "attack", "ambush", "kill", "wound", "injure", "bomb",
                     "shell", "raid", "storm", "kidnap", "abduct", "assault", "shoot"},
    # Verbs of saying and judging never carry the event's roles ("X blamed Y for the attack").
    "speech_verbs": {"blame", "accuse", "claim", "condemn", "say", "deny", "report", "confirm", "tell",
                     "announce", "add", "state", "warn", "hold", "suspect", "attribute", "believe",
                     "denounce", "praise", "vow", "threaten", "urge", "call"},
    # Nouns that name the attack itself: "X launched an attack", "a drone hit ...".
    "attack_nouns": {"attack", "strike", "airstrike", "raid", "assault", "ambush", "bombing", "shelling",
                     "rocket", "missile", "drone", "shell", "mortar", "bomb", "fire", "barrage", "offensive",
                     "operation", "explosion", "blast", "salvo", "volley", "round", "projectile", "grenade",
                     "ied", "warplane", "jet", "aircraft", "helicopter", "gunfire", "shot", "katyusha",
                     "artillery", "uav", "device", "explosive", "incursion", "infiltration"},
    # "..., where US troops are based": the people at the place that was hit.
    "stationed_verbs": {"base", "station", "deploy", "house", "host", "stay", "live", "garrison", "billet"},
    # "a camp housing US troops": the occupants are the object of these.
    "hosting_verbs": {"house", "host"},
    # "a base where troops live", "a base in which troops live": the relative names the site.
    "site_relatives": {"where", "which"},
    # Vague targets located by a landmark: "an area near the embassy" (the embassy was aimed at).
    "vague_sites": {"area", "vicinity", "street", "road", "neighbourhood", "neighborhood", "district",
                    "zone", "spot", "place", "surroundings", "perimeter"},
    # Verbs whose object (or passive subject) is the party blamed: "held B responsible".
    "blame_verbs": {"blame", "accuse", "hold", "suspect"},
    "facility_words": {"embassy", "consulate", "mission", "base", "bases", "convoy", "convoys", "patrol",
                       "position", "positions", "airbase", "station", "post", "checkpoint", "diplomats",
                       "compound", "headquarters", "office", "offices", "camp", "outpost", "facility"},
}

CLAIM_RE = re.compile(
    r"\b(?:claim(?:ed|s|ing)?\s+(?:responsibility|credit|the\s+(?:attack|bombing|strike|blast|killing|"
    r"assault|ambush|raid|shooting|explosion|operation|abduction|kidnapping))|"
    r"(?:took|takes|take|taking|accepted|admitted)\s+responsibility|"
    r"responsibility\s+(?:was|has\s+been|had\s+been)\s+claimed|"
    r"said\s+(?:it|they)\s+(?:had\s+|has\s+|have\s+)?(?:carried\s+out|conducted|launched|fired|"
    r"attacked|targeted|struck|killed|shot\s+down|downed|ambushed|executed|staged))",
    re.I)
NO_CLAIM_RE = re.compile(
    r"\b(?:no\s+(?:one|group|organi[sz]ation|party)?\s*(?:has\s+|had\s+|immediately\s+)*(?:yet\s+)?"
    r"claimed|nobody\s+(?:has\s+|had\s+)?(?:yet\s+)?claimed|no\s+(?:immediate\s+)?claim|"
    r"(?:was|were|has|have|had)\s+not\s+(?:been\s+)?(?:immediately\s+)?claimed|yet\s+to\s+be\s+claimed|"
    r"unclaimed|did\s+not\s+claim|didn't\s+claim|no\s+(?:immediate\s+)?claim\s+of\s+responsibility)",
    re.I)
BLAME_AFTER_RE = re.compile(
    r"\b(?:blam(?:ed|es|ing|e)|pinn(?:ed|ing)\s+(?:the\s+)?blame\s+on|put\s+the\s+blame\s+on|"
    r"laid\s+the\s+blame\s+on|accus(?:ed|es|ing)|held|hold|holds|attribut(?:ed|ing)\s+"
    r"(?:the\s+\w+\s+|it\s+)?to|point(?:ed|ing)\s+the\s+finger\s+at|suspect(?:ed|s)?|"
    r"carried\s+out\s+by|(?:the\s+)?work\s+of)\b", re.I)
BLAME_BEFORE_RE = re.compile(
    r"\b(?:(?:is|are|was|were|been)\s+(?:widely\s+)?(?:blamed(?!\s+on\b)|suspected|accused|"
    r"believed\s+to\s+(?:be|have\s+been)\s+behind|thought\s+to\s+(?:be|have\s+been)\s+behind)|"
    r"suspected\s+of|accused\s+of|(?:is|are|was|were)\s+(?:likely\s+|probably\s+)?behind)\b", re.I)
RESPONSIBLE_RE = re.compile(r"\bresponsible\b", re.I)
SUSPECT_MOD_RE = re.compile(r"\b(?:suspected|alleged|presumed|purported|likely)\s+(?:the\s+)?$", re.I)


@dataclass
class _Cand:
    match: ActorMatch
    role: str              # "agent" | "patient"
    rank: int              # lower is stronger
    root: Any              # head token of the mention
    secondary: bool = False   # reached through a conjunct: a candidate associate actor
    occupant: bool = False    # named forces at the targeted site: more specific than the site


def assign_roles(doc, sent_start: int, sent_end: int, trigger_start: int, trigger_end: int,
                 country: str | None, sub_event_type: str) -> ActorRoles:
    """Who acted (actor1) and who was targeted (actor2) for the event triggered at the span."""
    kb = get_actor_kb()
    country = kb.canonical_country(country)
    mentions = kb.find(doc.text, sent_start, sent_end, country=country)
    trigger = _trigger_token(doc, trigger_start, trigger_end)
    cands = _candidates(doc, mentions, trigger, trigger_start, trigger_end) if trigger is not None else []
    roles = _pick(cands)
    _attribute(roles, doc, sent_start, sent_end, country, kb)
    _defaults(roles, mentions, cands, country, sub_event_type, kb, doc.text)
    scope = _target_scope(trigger) if trigger is not None else []
    if _anaphoric(scope, kb.anaphora) and not _named_in(roles.actor2_match, scope):
        group = _antecedent(doc, kb, mentions, sent_start, trigger_start, country, roles.actor1)
        if group is not None:
            roles.actor2, roles.actor2_match = group.name, group
    return roles


def _target_scope(trigger) -> list:
    """Tokens of the trigger's target phrases (object, passive subject, prepositional phrases)."""
    heads = [trigger] + ([trigger.head] if trigger.dep_ in ("dobj", "nsubjpass", "pobj") else [])
    return [t for h in heads for c in h.children if c.dep_ in ("dobj", "prep", "nsubjpass")
            for t in c.subtree]


def _named_in(m: ActorMatch | None, scope: list) -> bool:
    # A named actor written in the target phrase itself outranks an anaphor.
    return m is not None and m.kind in ("named", "state", "government") and any(
        t.idx <= m.start < t.idx + len(t) for t in scope)


def _anaphoric(scope: list, words: dict[str, set[str]]) -> bool:
    """The target phrase points back to a group: "the group", "its positions"."""
    for t in scope:
        if t.lemma_.lower() in words["nouns"] and any(c.lower_ == "the" for c in t.children):
            return True
        if t.dep_ == "poss" and t.lower_ in ("its", "their") and t.head.lower_ in words["possessed"]:
            return True
    return False


def _antecedent(doc, kb: "ActorKB", mentions: list[ActorMatch], sent_start: int, trigger_start: int,
                country: str | None, actor1: str | None) -> ActorMatch | None:
    """The most recent named armed group before the trigger, else in the previous sentence."""
    def last_group(ms: list[ActorMatch], end: int) -> ActorMatch | None:
        ok = [m for m in ms if m.kind == "named" and m.end <= end and m.name != actor1]
        return ok[-1] if ok else None

    found = last_group(mentions, trigger_start)
    if found is None:
        prev = [s for s in doc.sents if s.end_char <= sent_start]
        if prev:
            found = last_group(kb.find(doc.text, prev[-1].start_char, prev[-1].end_char,
                                       country=country), prev[-1].end_char)
    return found


def _trigger_token(doc, start: int, end: int):
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _is_verb(t) -> bool:
    return t.pos_ in ("VERB", "AUX") and t.lemma_ not in ROLE_DATA["speech_verbs"]


def _cluster(trigger) -> tuple[set, set]:
    """The trigger, the predicate it belongs to and its attack nouns; then the same widened to
    verbs that share its subject ("stormed the village and killed": the subject of both)."""
    t = trigger
    while t.dep_ in ("compound", "amod", "nmod") and t.head != t:
        t = t.head  # "drone" in "drone strike" -> "strike"
    c = {trigger, t}
    if t.pos_ in ("NOUN", "PROPN", "NUM"):
        h = t.head
        if t.dep_ == "pobj" and h.lower_ in ROLE_DATA["event_preps"]:  # "killed in an attack"
            h = h.head
        if t.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "attr") and _is_verb(h):
            c.add(h)
    for v in list(c):
        if _is_verb(v):
            c.update(ch for ch in v.children if ch.dep_ in ("nsubj", "dobj", "nsubjpass")
                     and ch.lemma_.lower() in ROLE_DATA["attack_nouns"])
    wide = set(c)
    for v in c:
        if _is_verb(v) and v.dep_ in ("conj", "xcomp") and _is_verb(v.head) and \
                not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in v.children):
            wide.add(v.head)
    return c, wide


def _mention_root(doc, m: ActorMatch):
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return None if span is None or len(span) == 0 else span.root


def _candidates(doc, mentions: list[ActorMatch], trigger, t_start: int, t_end: int) -> list[_Cand]:
    cluster, wide = _cluster(trigger)
    roots = [(m, _mention_root(doc, m)) for m in mentions]
    out = []
    for m, root in roots:
        if root is None:
            continue
        if m.start < t_end and t_start < m.end and m.kind in ATTRIBUTABLE_KINDS:
            out.append(_Cand(m, "agent", 1, root))  # "a US drone": the actor wraps the trigger
            continue
        tok, secondary = root, False
        owner = next((r for m2, r in roots if r is not None and m2 is not m and root.head == r
                      and root.dep_ in ("amod", "compound", "nmod") and m2.kind == m.kind), None)
        if owner is not None:   # "Syrian and Russian warplanes": share the head noun's role
            tok, secondary = owner, True
        role = _role(tok, cluster, wide, m)
        if role is not None:
            out.append(_Cand(m, role[0], role[1], root, secondary or role[2], role[3]))
    return out


def _role(tok, cluster: set, wide: set, m: ActorMatch) -> tuple[str, int, bool, bool] | None:
    """(role, rank, secondary, occupant) of the mention headed by ``tok`` relative to the event
    predicate ``cluster``."""
    secondary = False
    while tok.dep_ in ("conj", "appos") and tok.head != tok:
        tok, secondary = tok.head, secondary or tok.dep_ == "conj"
    if m.kind in AGENT_KINDS:
        r = _agent_rank(tok, wide)
        if r is not None:
            return "agent", r, secondary, False
    if m.kind in PATIENT_KINDS:
        site = _occupied_site(tok)
        if site is not None:
            # the occupants share the rank of their site, and only if that site is this
            # event's target: troops at a base another clause's rockets hit are not its target
            r = _patient_rank(site, cluster, m)
            return None if r is None else ("patient", r, secondary, not m.bare)
        r = _patient_rank(tok, cluster, m)
        if r is not None:
            return "patient", r, secondary, False
    return None


def _occupied_site(tok):
    """The site whose occupants ``tok`` names ("a base where US troops are deployed", "a camp
    housing Turkish soldiers", "a base in which troops are stationed"), else None."""
    verb = tok.head
    if verb.dep_ not in ("relcl", "acl") or verb.lemma_.lower() not in ROLE_DATA["stationed_verbs"]:
        return None
    relative = [c for c in verb.children if c.dep_ == "advmod"] + \
        [p for c in verb.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"]
    if tok.dep_ == "nsubjpass" or (tok.dep_ == "nsubj" and any(
            c.lower_ in ROLE_DATA["site_relatives"] for c in relative)):
        return verb.head
    if tok.dep_ == "dobj" and verb.lemma_.lower() in ROLE_DATA["hosting_verbs"]:
        return verb.head
    return None


def _agent_rank(tok, cluster: set) -> int | None:
    dep, head = tok.dep_, tok.head
    if dep == "nsubj" and head in cluster and _is_verb(head):
        return 1
    if dep == "pobj" and head.lower_ == "by" and head.head in cluster:
        return 1   # "killed by X", "an attack by X"
    if dep in ("poss", "compound", "amod", "nmod") and head in cluster and head.pos_ in ("NOUN", "PROPN"):
        return 2   # "X's attack", "a US drone strike"
    if dep == "pobj" and head.lower_ == "from" and head.head in cluster:
        return 3   # "fire from X"
    return None


def _patient_rank(tok, cluster: set, m: ActorMatch) -> int | None:
    dep, head = tok.dep_, tok.head
    if dep in ("dobj", "nsubjpass") and head in cluster and _is_verb(head):
        return 1
    if dep in ("dobj", "nsubjpass") and _dependent_target_verb(head, cluster):
        return 3   # "a rocket targeting X killed ...", "..., killing X"
    r = _prep_rank(tok, cluster, m)
    if r is None and dep in ("compound", "poss", "amod", "nmod") and head.pos_ in ("NOUN", "PROPN") \
            and head not in cluster:
        inner = _patient_rank(head, cluster, m)   # "struck Hamas positions"
        r = None if inner is None else inner + 1
    if r is None and _landmark_of_vague_target(tok, cluster, m):
        r = 4
    return r


def _landmark_of_vague_target(tok, cluster: set, m: ActorMatch) -> bool:
    """"hit an area near the US embassy": a facility named to locate a vague target (the area,
    the street) is what was aimed at, as in "hit near the US embassy"."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ROLE_DATA["place_preps"]:
        return False
    site = prep.head
    if site.lemma_.lower() not in ROLE_DATA["vague_sites"] or site.dep_ not in ("dobj", "nsubjpass") \
            or site.head not in cluster:
        return False
    return m.kind == "government" or tok.lemma_.lower() in ROLE_DATA["facility_words"]


def _dependent_target_verb(verb, cluster: set, children: bool = True) -> bool:
    """A target verb that elaborates the event ("a rocket targeting X", "..., killing X"): it
    hangs on the event (or, with ``children``, governs it) and has no subject of its own; "...,
    while rockets struck X" is another event's clause."""
    if verb.lemma_ not in ROLE_DATA["target_verbs"]:
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass") and c not in cluster for c in verb.children):
        return False
    return verb.head in cluster or (children and any(c in cluster for c in verb.children))


def _prep_rank(tok, cluster: set, m: ActorMatch) -> int | None:
    """Targets reached through a preposition: "attack on X", "hit near a base used by X"."""
    a, depth = tok, 0
    while depth < 5 and a.head != a:
        p = a.head
        if a.dep_ == "pobj" and p.dep_ == "prep" and (p.head in cluster or
                                                      _dependent_target_verb(p.head, cluster, children=False)):
            word = p.lower_
            if p.head.pos_ == "ADJ":
                return None   # "a crowd angry at the government": a feeling's object, not a target
            if word in ROLE_DATA["target_preps"] and word != "at" or (word == "at" and depth == 0):
                return 2 + depth
            if word == "of" and _nominal(p.head) and depth == 0:
                return 2   # "the bombing of X", "the sacking of X"
            facility = a.lemma_.lower() in ROLE_DATA["facility_words"] or a.lower_ in ROLE_DATA["facility_words"]
            if word in ROLE_DATA["place_preps"] and (facility or m.kind == "government"):
                return 4
            return None
        if a.dep_ in ("conj", "appos", "pobj", "prep", "acl", "relcl", "compound", "poss", "amod", "nmod", "dobj",
                       "agent") or (a.dep_ in ("nsubj", "nsubjpass") and p.dep_ in ("relcl", "acl")):
            a, depth = p, depth + 1   # "a base where US troops are based", "a base used by X"
            continue
        return None
    return None


def _nominal(tok) -> bool:
    """A noun, or a gerund used as one ("the sacking of the consulate")."""
    return tok.pos_ == "NOUN" or (tok.tag_ == "VBG" and any(c.dep_ in ("det", "compound", "poss")
                                                            for c in tok.children))


def _pick(cands: list[_Cand]) -> ActorRoles:
    roles = ActorRoles()
    agents = sorted((c for c in cands if c.role == "agent"), key=lambda c: (c.rank, c.match.start))
    if agents:
        a = agents[0]
        roles.actor1, roles.actor1_match, roles.actor1_descriptor = a.match.name, a.match, a.match.descriptor
        roles.assoc_actor1 = _assoc(agents, a)
    # "an Iraqi base where US troops are deployed": the troops named at the site outrank it
    patients = sorted((c for c in cands if c.role == "patient" and c.match.name != roles.actor1),
                      key=lambda c: (c.rank, not c.occupant, c.match.start))
    if patients:
        p = patients[0]
        roles.actor2, roles.actor2_match = p.match.name, p.match
        roles.assoc_actor2 = _assoc(patients, p)
    return roles


def _assoc(cands: list[_Cand], first: _Cand) -> str | None:
    """A conjoined partner of the main actor ("Syrian and Russian forces")."""
    for c in cands:
        if c is not first and c.match.name != first.match.name and (c.secondary or first.secondary):
            return c.match.name
    return None


# -- attribution ---------------------------------------------------------------------------
def _nearby_sentences(doc, sent_start: int, sent_end: int) -> Iterator[tuple[int, int]]:
    """The event sentence and up to two following sentences of the same paragraph."""
    yield sent_start, sent_end
    text = doc.text
    body_end = sent_start + len(text[sent_start:sent_end].rstrip())
    para_end = text.find("\n\n", body_end)
    para_end = len(text) if para_end < 0 else para_end
    n = 0
    for s in doc.sents:
        if n >= 2 or s.start_char >= para_end:
            return
        if s.start_char >= body_end and s.text.strip():
            yield s.start_char, min(s.end_char, para_end)
            n += 1


def _attribute(roles: ActorRoles, doc, sent_start: int, sent_end: int, country: str | None, kb: ActorKB) -> None:
    """Claims and blame in this sentence or the next two (ACLED: unclaimed attacks stay unidentified)."""
    a1 = roles.actor1_match
    if a1 is not None and a1.kind in ("named", "state", "country") and \
            SUSPECT_MOD_RE.search(doc.text[max(sent_start, a1.start - 20):a1.start]):
        roles.blamed = a1.name   # "suspected Boko Haram fighters": blamed, not established
    for s, e in _nearby_sentences(doc, sent_start, sent_end):
        text = doc.text
        if NO_CLAIM_RE.search(text, s, e):
            roles.claimed = False
            continue
        claim = CLAIM_RE.search(text, s, e)
        if claim and roles.claimed is None:
            who = _claimer(kb.find(text, s, e, country=country), claim)
            if who is not None:
                roles.claimed, roles.blamed = True, None
                roles.actor1, roles.actor1_match = who.name, who
                return
        if roles.blamed is None:
            roles.blamed, roles.blamer = _blamed(doc, kb, kb.find(text, s, e, country=country), s, e)
    if roles.blamed and roles.claimed is not True and roles.actor1 == roles.blamed:
        roles.actor1 = roles.actor1_match = None   # filled with the generic default below


def _claimer(mentions: list[ActorMatch], claim: re.Match) -> ActorMatch | None:
    ok = [m for m in mentions if m.kind in ("named", "state", "ethnic")]
    if claim.group().lower().startswith("responsibility"):   # "responsibility was claimed by X"
        after = [m for m in ok if m.start >= claim.end()]
        return after[0] if after else None
    before = [m for m in ok if m.end <= claim.start()]     # "X claimed responsibility"
    return before[-1] if before else None


def _blame_name(m: ActorMatch) -> str | None:
    if m.kind in ATTRIBUTABLE_KINDS:
        return m.name
    if m.kind == "armed" and m.descriptor:   # "Iran-backed militias": keep the words
        return f"{m.descriptor} {m.text}"
    return None


def _blamed(doc, kb: ActorKB, mentions: list[ActorMatch], s: int,
            e: int) -> tuple[str | None, str | None]:
    """(who was blamed, who blamed them as written) in ``doc.text[s:e]``."""
    text = doc.text
    ok = [(m, n) for m in mentions if (n := _blame_name(m))]
    for cue in BLAME_BEFORE_RE.finditer(text, s, e):   # "X was blamed for", "X is suspected"
        before = [n for m, n in ok if m.end <= cue.start()]
        if before:
            return before[-1], None
    for cue in BLAME_AFTER_RE.finditer(text, s, e):    # "blamed X", "was blamed on X"
        if cue.group().lower() in ("held", "hold", "holds") and not RESPONSIBLE_RE.search(text, cue.end(), e):
            continue
        verb = _trigger_token(doc, cue.start(), cue.start() + len(cue.group().split()[0]))
        obj = _blame_object(verb) if verb is not None else None
        if obj is not None:   # "A held B responsible for X", "A accused B of X": B, never X's target
            name = _blamed_in(obj, ok) or _generic_blamed(obj, kb)
            if name:
                return name, _blamer(verb)
            continue
        after = [n for m, n in ok if m.start >= cue.end()]
        if after:
            return after[0], _blamer(verb) if verb is not None else None
    return None, None


def _blame_object(verb):
    """The blamed party of a blame verb: its object ("blamed B", "held B responsible", "accused
    B of"), or its passive subject ("B was held responsible"); not an event ("blamed the attack
    on B" names B after the event)."""
    if verb.lemma_.lower() not in ROLE_DATA["blame_verbs"]:
        return None
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
    if obj is None or obj.lemma_.lower() in ROLE_DATA["attack_nouns"] or obj.pos_ == "PRON":
        return None
    return obj


def _phrase(tok) -> tuple[int, int]:
    """Characters of a noun phrase without its trailing clauses and predicates: "Iran-backed
    militias" in "Iran-backed militias responsible for targeting X", with "members of X"."""
    toks = [t for t in tok.subtree if t.i <= tok.i]
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "of" and c.i > tok.i and \
                all(p.pos_ in ("NOUN", "PROPN") for p in c.children if p.dep_ == "pobj"):
            toks += list(c.subtree)
    return min(t.idx for t in toks), max(t.idx + len(t) for t in toks)


def _blamed_in(obj, ok: list[tuple[ActorMatch, str]]) -> str | None:
    start, end = _phrase(obj)
    inside = [n for m, n in ok if start <= m.start and m.end <= end]
    return inside[0] if inside else None


def _generic_blamed(obj, kb: ActorKB) -> str | None:
    """A qualified group no KB entry names ("Iran-backed groups", "hardline factions"): its
    words; a bare "the group" says too little."""
    if obj.lemma_.lower() not in kb.anaphora["nouns"] and obj.lower_ not in kb.anaphora["nouns"]:
        return None
    mods = [t for t in obj.subtree if t.i < obj.i and t.dep_ not in ("det", "predet", "punct")]
    if not mods:
        return None
    doc = obj.doc
    first = min(t.i for t in mods)
    return doc[first:obj.i + 1].text


def _blamer(verb) -> str | None:
    """Who blamed, as written: the blame verb's subject without appositions or clauses ("US
    Secretary of State X", "the governor"); None for a pronoun or a passive."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ == "PRON":
        return None
    cut = {t.i for c in subj.children if c.dep_ in ("appos", "relcl", "acl", "punct", "advcl", "cc", "conj")
           for t in c.subtree}
    toks = [t for t in subj.subtree if t.i not in cut]
    if len(toks) > 8:   # a long description: keep the name itself
        toks = [t for t in toks if t.i == subj.i or (t.head.i == subj.i and t.dep_ in ("compound", "flat"))]
    doc = subj.doc
    return doc[min(t.i for t in toks):max(t.i for t in toks) + 1].text


# -- defaults by event type -------------------------------------------------------------------
def _defaults(roles: ActorRoles, mentions: list[ActorMatch], cands: list[_Cand], country: str | None,
              sub: str, kb: ActorKB, text: str) -> None:
    generic = lambda t: kb.fill(t, country)  # noqa: E731
    if sub in ("Peaceful protest", "Protest with intervention"):
        _protest(roles, mentions, generic(PROTESTERS), "protesters", text)
        if sub == "Protest with intervention" and roles.actor2 is None:
            state = [m for m in mentions if m.kind == "state"]
            roles.actor2 = state[0].name if state else None
    elif sub == "Excessive force against protesters":
        prot = next((m.name for m in mentions if m.kind == "protesters"), generic(PROTESTERS))
        if roles.actor1 is None or roles.actor1_match and roles.actor1_match.kind == "protesters":
            state = [m for m in mentions if m.kind == "state"]
            roles.actor1 = state[0].name if state else generic(POLICE)
            roles.actor1_match = state[0] if state else None
        roles.actor2 = prot
    elif sub in ("Violent demonstration", "Mob violence"):
        _protest(roles, mentions, generic(RIOTERS), "rioters", text)
    elif sub == "Air/drone strike":
        pass   # unnamed aircraft belong to a state we cannot name: leave actor1 unknown
    elif sub == "Arrests":
        if roles.actor1 is None:
            roles.actor1 = generic(POLICE)
    elif sub != "Other" and not sub.startswith(("Agreement", "Change", "Headquarters", "Non-violent")):
        if roles.actor1 is None:
            roles.actor1 = generic(UNIDENTIFIED)
    if sub in ("Attack", "Sexual violence", "Abduction/forced disappearance"):
        civ = next((c.match for c in cands if c.role == "patient" and c.match.kind == "civilians"), None)
        if civ is not None:
            roles.actor2, roles.actor2_match = civ.name, civ
        elif roles.actor2 is None:
            roles.actor2 = generic(CIVILIANS)   # ACLED: violence against civilians targets civilians


def _protest(roles: ActorRoles, mentions: list[ActorMatch], default: str, kind: str, text: str) -> None:
    """Protesters/rioters are actor1; a named group leading them is assoc_actor1."""
    crowd = next((m for m in mentions if m.kind in ("protesters", "rioters")), None)
    name = crowd.name if crowd else default
    if crowd and crowd.kind != kind:   # "protesters torched ...": coded as rioters
        name = default.split(" (")[0] + name[len(name.split(" (")[0]):]
    a1 = roles.actor1_match
    if a1 is not None and a1.kind in ("named", "ethnic"):
        roles.assoc_actor1 = a1.name
    elif roles.assoc_actor1 is None:
        led = [m for m in mentions if m.kind == "named" and _leads(text, m)]
        roles.assoc_actor1 = led[0].name if led else None
    roles.actor1, roles.actor1_match = name, crowd
    if roles.actor2 == name:
        roles.actor2 = roles.actor2_match = None


SUPPORTERS_BEFORE_RE = re.compile(r"\b(?:supporters|members|followers|loyalists|partisans|activists)\s+of\s+(?:the\s+)?$", re.I)
SUPPORTERS_AFTER_RE = re.compile(r"^\s*(?:supporters|members|followers|loyalists|partisans|activists)\b", re.I)


def _leads(text: str, m: ActorMatch) -> bool:
    """Is the group the identity of the crowd ("supporters of X", "X loyalists")?"""
    return bool(SUPPORTERS_BEFORE_RE.search(text[max(0, m.start - 40):m.start])
                or SUPPORTERS_AFTER_RE.match(text[m.end:m.end + 30]))


@lru_cache(maxsize=4096)
def actor_inter(name: str) -> int | None:
    """ACLED interaction code (1-8) of a normalised actor name, e.g. for the ACLED export."""
    matches = get_actor_kb().find(name)
    if not matches:
        return None
    whole = [m for m in matches if m.start == 0 and m.end == len(name)]
    return (whole or sorted(matches, key=lambda m: m.start - m.end))[0].inter

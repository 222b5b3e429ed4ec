"""Event mention detection and ACLED typing over the spaCy parse.

Rules are data (``data/triggers.yaml``): trigger words per sub-event type with conditions on the
trigger's clause, target and doer. For each trigger token the first rule that holds types it
(a decision list encoding ACLED precedence). Triggers of one event (“killed ... in a rocket
attack”) are grouped through the parse; separate clauses with their own triggers and places are
separate events. Modality (``modality.py``) drops planned, feared, negated and generic events.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.extract.modality import Lexicon, announced_change, clause_head, load_data, modality

# Dependencies that start a new clause, hence possibly a separate event.
BOUNDARY_DEPS = {"advcl", "ccomp", "relcl", "parataxis", "csubj"}
TARGET_PREPS = {"at", "on", "against", "into", "toward", "towards", "upon", "onto", "targeting"}
NOUN_TARGET_PREPS = TARGET_PREPS | {"of", "in"}
LIGHT_VERBS = {"carry", "launch", "conduct", "stage", "mount", "unleash", "perpetrate", "commit",
               "claim", "execute", "spark", "trigger", "use", "hold", "organise", "organize"}
PLACE_ENTS = {"GPE", "LOC", "FAC"}
NON_TRIGGER_ENTS = {"DATE", "TIME", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT"}
# Groups of state forces: "Army" inside a proper name ("Arakan Army") is a rebel group.
STATE_GROUPS = {"state_forces"}


# Verbs whose subject is what was taken and whose prepositional object is the taker: "the town fell
# to the rebels" (the rebels took the town), "fell into the hands of the militia".
CEDE_VERBS = {"fall": {"to", "into"}}

# Entity labels of proper names: a capitalised trigger word inside one is part of a name
# ("United States", "Battle Creek", "March of Dimes"), not an event word.
NAME_ENTS = {"GPE", "ORG", "FAC", "LOC", "PERSON", "NORP", "EVENT", "WORK_OF_ART", "PRODUCT"}
DEFINITE_DETS = {"the", "this", "these", "that", "those"}


@dataclass
class Rule:
    sub: str
    triggers: Lexicon
    conds: dict[str, list[str]]
    casualty: bool = False
    announced: bool = False   # an announced change counts ("said it would merge with X")


@dataclass
class Trigger:
    """One typed trigger word or phrase (doc token indices, end exclusive)."""

    start: int
    end: int
    head: int                 # the token that carries the phrase's syntax
    sub_event_type: str
    casualty: bool = False
    announced: bool = False


@dataclass
class Detection:
    """One event mention found in a sentence."""

    sent: object                                  # spaCy Span of the sentence
    sub_event_type: str
    trigger: Trigger                              # the group's main trigger
    triggers: list[Trigger] = field(default_factory=list)
    clause: list[int] = field(default_factory=list)   # doc token indices of the event's clause

    @property
    def trigger_span(self):
        return self.sent.doc[self.trigger.start:self.trigger.end]


class Rules:
    """The rule table and context lexicons from ``triggers.yaml``."""

    def __init__(self, raw: dict):
        self.groups: dict[str, Lexicon] = {}
        for name, words in (raw.get("lexicons") or {}).items():
            self.groups[name] = Lexicon(words)
        for name, words in (raw.get("extra_lexicons") or {}).items():
            self.groups[name] = Lexicon(words)
        for name, ents in (raw.get("entity_groups") or {}).items():
            self.groups[name] = Lexicon([], ents=ents)
        self.number_groups: dict[str, int] = dict(raw.get("number_groups") or {})
        for name in self.number_groups:
            self.groups[name] = Lexicon([])
        flags = ("sub", "triggers", "casualty", "announced")
        self.rules = [Rule(r["sub"], Lexicon(r["triggers"]),
                           {k: v for k, v in r.items() if k not in flags},
                           bool(r.get("casualty")), bool(r.get("announced"))) for r in raw["rules"]]
        self.show_senses = {w.lower() for w in raw.get("transitive_senses") or []}
        self.phrasals = {tuple(w.lower().split()) for w in raw.get("nonviolent_phrasals") or []}
        self.precedence: list[str] = list(raw.get("precedence") or [])
        self.overridable = set(raw.get("precedence_overrides") or [])
        self.evaluative = {w.lower() for w in raw.get("evaluative_verbs") or []}
        self.harm = {w.lower() for w in raw.get("harm_verbs") or []}
        self.toll_marks = {w.lower() for w in raw.get("toll_marks") or []}
        unknown = {g for r in self.rules for gs in r.conds.values() for g in gs} - set(self.groups)
        unknown |= {k for r in self.rules for k in r.conds} - set(COND_KEYS)
        if unknown:
            raise ValueError(f"triggers.yaml: unknown groups or conditions {sorted(unknown)}")


@lru_cache(maxsize=1)
def get_rules() -> Rules:
    return Rules(load_data("triggers.yaml"))


# --- syntactic scopes ---------------------------------------------------------------------

def _subtree(tok) -> set[int]:
    return {t.i for t in tok.subtree}


def _ceded(tok):
    """The "to X" / "into X" phrase of a verb like "fell to" (see ``CEDE_VERBS``), else None."""
    preps = CEDE_VERBS.get(tok.lemma_.lower()) if tok.pos_ in ("VERB", "AUX") else None
    if not preps:
        return None
    return next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in preps), None)


# Prepositions that place or carry a doer rather than name it: "men on a motorcycle", "a fire at a
# factory in Dhaka" (neither the motorcycle nor Dhaka did it).
AGENT_PLACE_PREPS = {"in", "at", "near", "on", "outside", "inside", "around", "aboard", "across"}


def _doer_subtree(tok) -> set[int]:
    """A doer phrase without the phrases that only place it."""
    out = _subtree(tok)
    for t in tok.subtree:
        if t.dep_ == "prep" and t.lower_ in AGENT_PLACE_PREPS and t.i != tok.i:
            out -= _subtree(t)
    return out


def _agent_tokens(tok, depth: int = 0) -> set[int]:
    """Who did it: subject, "by X", modifiers of a trigger noun; inherited by conjuncts."""
    out: set[int] = set()
    if depth > 3:
        return out
    taker = _ceded(tok)
    if taker is not None:
        return _subtree(taker) - {taker.i}
    for c in tok.children:
        if c.dep_ in ("nsubj", "agent", "csubj"):
            out |= _doer_subtree(c)
        elif c.dep_ == "prep" and c.lower_ == "by":
            out |= _doer_subtree(c)
        elif tok.pos_ in ("NOUN", "PROPN") and c.dep_ in ("compound", "amod", "poss", "nmod"):
            out |= _subtree(c)
    if out:
        return out
    if tok.dep_ == "dobj" and tok.head.lemma_.lower() not in LIGHT_VERBS:
        return out  # "Tehran condemned the strike": who judges an event did not do it
    if tok.dep_ in ("conj", "xcomp", "advcl", "dobj", "pcomp", "pobj") and tok.head.i != tok.i:
        return _agent_tokens(tok.head, depth + 1)
    if tok.dep_ in ("acl", "relcl"):
        return {t.i for t in tok.head.subtree if t.i < tok.i}
    return out


# A verb form in a noun's slot is a nominal ("referencing the sacking of the consulate"): the
# tagger often calls such -ing forms VERB.
NOMINAL_DEPS = {"dobj", "nsubj", "nsubjpass", "pobj", "attr", "appos"}


def _used_as_noun(tok) -> bool:
    return tok.pos_ in ("NOUN", "PROPN") or (tok.tag_ == "VBG" and tok.dep_ in NOMINAL_DEPS)


def _object_tokens(tok) -> set[int]:
    """What was hit: direct object, passive subject, "at/on/against X" (conjuncts share it)."""
    out: set[int] = set()
    if _ceded(tok) is not None:
        # "the town fell to the rebels": what fell is what was taken.
        return {t.i for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    preps = NOUN_TARGET_PREPS if _used_as_noun(tok) else TARGET_PREPS
    for c in tok.children:
        if c.dep_ in ("dobj", "nsubjpass", "attr", "dative", "oprd"):
            out |= _subtree(c)
        elif c.dep_ == "prep" and c.lower_ in preps:
            out |= _subtree(c)
        elif c.dep_ == "prt":
            out |= {g.i for g in c.children for g in g.subtree}
        elif c.dep_ == "ccomp" and c.tag_ == "VBG" and tok.pos_ == "VERB":
            # "attacked farmers harvesting olives": the parser makes the object the subject of
            # a participle clause.
            out |= {t.i for s in c.children if s.dep_ == "nsubj" for t in s.subtree}
    if not out and tok.dep_ == "dobj" and tok.head.lemma_ in LIGHT_VERBS:
        out |= {t.i for c in tok.head.children if c.dep_ == "prep" and c.lower_ in TARGET_PREPS
                for t in c.subtree}
    if not out:
        for c in tok.children:
            if c.dep_ == "conj" and c.pos_ == tok.pos_:
                out |= _object_tokens(c)
        if tok.dep_ == "conj":
            out |= {t.i for c in tok.head.children if c.dep_ in ("dobj",) for t in c.subtree}
    return out


def _verbal(tok) -> bool:
    """A verb, or a word the tagger misread that takes a verb's object ("torched cars and
    assaulted residents", with "assaulted" tagged as an adjective)."""
    return tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ in ("JJ", "VBN") and any(
        c.dep_ == "dobj" for c in tok.children))


def _clause_tokens(head_tok, sent, other_heads: set[int]) -> set[int]:
    """The trigger's clause minus embedded clauses that carry other events."""
    top = clause_head(head_tok)
    keep = _subtree(top)
    if top.dep_ == "acl":
        # "an explosive device detonated near ...": the modified noun belongs to the clause.
        keep |= {t.i for t in top.head.subtree if t.i < top.i}
    for t in top.subtree:
        if t.i == top.i or t.i == head_tok.i:
            continue
        if (t.dep_ in BOUNDARY_DEPS or (t.dep_ == "conj" and _verbal(t))) \
                and head_tok.i not in _subtree(t) and (_subtree(t) & other_heads):
            keep -= _subtree(t)
    return keep


# --- rule evaluation --------------------------------------------------------------------

class _Context:
    """Lazy per-sentence lexicon hits."""

    def __init__(self, sent, rules: Rules):
        self.sent, self.rules = sent, rules
        self._cov: dict[str, set[int]] = {}

    def cov(self, group: str) -> set[int]:
        if group not in self._cov:
            doc = self.sent.doc
            # Words inside dates are not cues ("21 March" is no march).
            if group in self.rules.number_groups:
                least = self.rules.number_groups[group]
                self._cov[group] = {t.i for t in self.sent if (_number(t) or 0) >= least}
                return self._cov[group]
            hits = {i for i in self.rules.groups[group].covers(self.sent)
                    if doc[i].ent_type_ not in ("DATE", "TIME")}
            if group in STATE_GROUPS:
                hits = {i for i in hits if not _in_proper_name(self.sent.doc[i])}
            self._cov[group] = hits
        return self._cov[group]


    def any_in(self, groups: list[str], toks: set[int]) -> bool:
        return any(self.cov(g) & toks for g in groups)


def _number(tok) -> int | None:
    # A cardinal count ("150 people", "1,200 supporters"); dates and times are not counts.
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT") or not tok.like_num:
        return None
    try:
        return int(tok.text.replace(",", ""))
    except ValueError:
        return None


def _in_proper_name(tok) -> bool:
    # "Arakan Army", "New People's Army": a capitalised head with a proper-noun modifier.
    if not tok.text[:1].isupper():
        return False
    return any(c.pos_ == "PROPN" and c.ent_type_ not in ("NORP", "GPE") and c.i < tok.i
               for c in tok.children) or (tok.pos_ == "PROPN" and tok.ent_type_ == "ORG"
                                          and tok.i > tok.sent.start and tok.nbor(-1).pos_ == "PROPN"
                                          and tok.nbor(-1).ent_type_ not in ("NORP", "GPE"))


def _in_name(tok) -> bool:
    """A capitalised word inside a multi-word proper name, or a proper noun mid-sentence."""
    if not tok.text[:1].isupper() or tok.is_sent_start or tok.sent.text.isupper():
        return False
    if tok.pos_ == "PROPN":
        return True
    return tok.ent_type_ in NAME_ENTS and (tok.ent_iob_ == "I" or (
        tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].ent_iob_ == "I"))


def _noun_modifier(head, span: tuple[int, int], heads: set[int]) -> bool:
    # "protest movement", "burn ban", "arrest warrant": a one-word trigger modifying a non-event
    # noun names a kind of thing, not an event.
    return span[1] - span[0] == 1 and head.dep_ == "compound" and head.head.pos_ in ("NOUN", "PROPN") \
        and head.head.i not in heads


def _show_sense(head, rules: Rules) -> bool:
    # "demonstrate a belief / that ...": with an object or complement the verb means "show";
    # so does the passive ("as demonstrated by his work", "the effect was demonstrated"):
    # people protest, they are not protested.
    return head.lemma_.lower() in rules.show_senses and head.pos_ == "VERB" and any(
        c.dep_ in ("dobj", "ccomp", "dative", "xcomp", "nsubjpass", "auxpass", "agent")
        or (c.dep_ == "mark" and c.lower_ == "as") for c in head.children)


def _nonviolent_phrasal(head, span: tuple[int, int], rules: Rules) -> bool:
    # "beat out a rival", "fired off a letter": a one-word trigger verb whose particle gives it
    # a non-violent sense (``nonviolent_phrasals`` in triggers.yaml).
    if span[1] - span[0] != 1 or head.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ == "prt" and (head.lemma_.lower(), c.lower_) in rules.phrasals
               for c in head.children)


COND_KEYS = {"any": ("clause", "any"), "all": ("clause", "all"), "none": ("clause", "none"),
             "sent_any": ("sent", "any"), "sent_none": ("sent", "none"),
             "object": ("object", "any"), "object_none": ("object", "none"),
             "agent": ("agent", "any"), "agent_none": ("agent", "none")}


def _scope(name: str, span: range, ctx: _Context, clause: set[int]) -> set[int]:
    doc = ctx.sent.doc
    if name == "clause":
        return clause
    if name == "sent":
        return set(range(ctx.sent.start, ctx.sent.end))
    fn = _object_tokens if name == "object" else _agent_tokens
    return set().union(*(fn(doc[i]) for i in span))


def _holds(rule: Rule, trig: tuple[int, int], ctx: _Context, clause: set[int]) -> bool:
    span = range(*trig)
    for key, groups in rule.conds.items():
        scope, mode = COND_KEYS[key]
        toks = _scope(scope, span, ctx, clause)
        if mode == "none" and any(ctx.sent.doc[i].pos_ == "VERB" for i in span):
            # A verb does not veto itself: in "rockets crashed into a school" the other
            # conditions tell what crashed (a noun like "bomber" still names what it names).
            toks = toks - set(span)
        if mode == "all":
            ok = all(ctx.any_in([g], toks) for g in groups)
        else:
            ok = ctx.any_in(groups, toks) == (mode == "any")
        if not ok:
            return False
    return True


def _phrase_head(doc, start: int, end: int):
    # The token whose head lies outside the phrase carries its syntax.
    for i in range(start, end):
        if not (start <= doc[i].head.i < end) or doc[i].head.i == i:
            return doc[i]
    return doc[start]


def _candidates(sent, rules: Rules) -> list[tuple[int, int, object]]:
    """All trigger spans of all rules, longest first per start, with their head token
    (cached on the Doc: a sentence is asked for its candidates several times)."""
    cache = sent.doc.user_data.setdefault("eventwire_trigger_candidates", {})
    key = (sent.start, sent.end, id(rules))
    if key not in cache:
        cache[key] = _find_candidates(sent, rules)
    return cache[key]


def _find_candidates(sent, rules: Rules) -> list[tuple[int, int, object]]:
    spans: dict[tuple[int, int], object] = {}
    doc = sent.doc
    for rule in rules.rules:
        for s, e in rule.triggers.match(sent):
            if any(doc[i].ent_type_ in NON_TRIGGER_ENTS or _in_name(doc[i]) for i in range(s, e)):
                continue  # "21 March", "Strike Force", "United States": names, not events
            spans.setdefault((s, e), _phrase_head(doc, s, e))
    heads = {h.i for h in spans.values()}
    spans = {k: h for k, h in spans.items()
             if not _noun_modifier(h, k, heads) and not _show_sense(h, rules)
             and not _nonviolent_phrasal(h, k, rules)}
    # Drop spans inside longer spans ("shot" inside "shot dead").
    keys = sorted(spans, key=lambda k: (k[0], -(k[1] - k[0])))
    out, covered = [], set()
    for s, e in keys:
        if set(range(s, e)) <= covered and e - s == 1:
            continue
        covered |= set(range(s, e))
        out.append((s, e, spans[(s, e)]))
    return out


def event_word_heads(sent) -> set[int]:
    """Head tokens of every word that could name an event, typed or not ("the killing")."""
    return {h.i for _, _, h in _candidates(sent, get_rules())}


def type_triggers(sent, rules: Rules | None = None) -> list[Trigger]:
    """Typed triggers of a sentence, before modality and grouping."""
    rules = rules or get_rules()
    ctx = _Context(sent, rules)
    cands = _candidates(sent, rules)
    heads = {h.i for _, _, h in cands}
    out: list[Trigger] = []
    for s, e, head in cands:
        clause = _clause_tokens(head, sent, heads - {head.i})
        trig = _first_rule(rules, (s, e), head, ctx, clause)
        if trig is None and _verb_particle(sent.doc, s, e, head):
            # "rockets were fired at X": the phrase's own rules fail, the verb's may hold.
            trig = _first_rule(rules, (s, s + 1), head, ctx, clause)
        if trig:
            out.append(trig)
    typed = {t.head for t in out}
    for t in out:
        t.casualty = t.casualty or _event_harm(sent.doc[t.head], typed - {t.head}, rules,
                                               t.sub_event_type in rules.overridable)
    return out


def _first_rule(rules: Rules, span: tuple[int, int], head, ctx: _Context,
                clause: set[int]) -> Trigger | None:
    """The trigger typed by the first rule whose words cover exactly ``span`` and that holds."""
    doc = ctx.sent.doc
    for rule in rules.rules:
        if span in rule.triggers.match(doc[span[0]:span[1]]) and _holds(rule, span, ctx, clause):
            return Trigger(span[0], span[1], head.i, rule.sub, rule.casualty, rule.announced)
    return None


def _verb_particle(doc, start: int, end: int, head) -> bool:
    # A verb heading a phrase of particles/prepositions ("fired at", "fired on"): the phrase only
    # marks the target, which the verb's own rules read from the parse anyway.
    return end - start > 1 and head.i == start and head.pos_ == "VERB" \
        and all(doc[i].pos_ in ("ADP", "PART") for i in range(start + 1, end))


def _event_harm(tok, event_heads: set[int], rules: Rules, generic: bool = True) -> bool:
    """"the blast killed four", "a strike that killed ten", "nine died when jets bombed X": the
    harm verb only reports the toll of the event noun that is its subject (or that its relative
    clause modifies), or of the event its temporal clause tells."""
    if tok.lemma_.lower() not in rules.harm or tok.pos_ != "VERB":
        return False
    if tok.dep_ in ("relcl", "acl") and tok.head.i in event_heads:
        return True
    if any(c.dep_ == "nsubj" and c.i in event_heads for c in tok.children):
        return True
    # "nine people were killed when a warplane dropped bombs on X": the temporal clause tells
    # the event, the harm verb its toll (see ``_toll_verb``), unless the harm verb's own type is
    # the more specific one ("demonstrators were killed when troops fired on the crowd").
    return generic and any(c.dep_ == "advcl" and c.i in event_heads and modality(c) is None and any(
        m.dep_ in ("mark", "advmod") and m.lower_ in rules.toll_marks for m in c.children)
        for c in tok.children)


# --- grouping ---------------------------------------------------------------------------

def _depth(tok) -> int:
    d = 0
    while tok.head.i != tok.i:
        tok, d = tok.head, d + 1
    return d


def _attached(child, parent) -> bool:
    """``child`` hangs below ``parent`` without crossing into a separate clause."""
    t = child
    while t.head.i != t.i and t.i != parent.i:
        if t.dep_ in BOUNDARY_DEPS or (t.dep_ == "conj" and _verbal(t)):
            return False
        t = t.head
    return t.i == parent.i


HARM_LEMMAS = {"kill", "wound", "injure", "leave", "die", "claim", "cause", "maim"}


# Result participles the tagger sometimes reads as nouns ("... - killing at least 25 of them").
RESULT_FORMS = {"killing", "wounding", "injuring", "leaving", "maiming", "claiming"}


def _is_result_clause(tok) -> bool:
    if tok.dep_ not in ("advcl", "conj", "xcomp") or any(
            c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    if tok.tag_ == "VBG" and tok.lemma_ in HARM_LEMMAS:
        return True
    return tok.pos_ == "NOUN" and tok.lower_ in RESULT_FORMS and not any(
        c.dep_ in ("det", "poss") for c in tok.children)


def agent_tokens(det: "Detection") -> set[int]:
    """Token indices of the doer of a detection's triggers."""
    doc = det.sent.doc
    return set().union(*(_agent_tokens(doc[t.head]) for t in det.triggers))


LOCATIVE_PREPS = {"in", "at", "near", "into", "outside", "around", "on"}


def _has_own_place(clause: set[int], sent) -> bool:
    doc = sent.doc
    return any(doc[i].ent_type_ in PLACE_ENTS or (doc[i].pos_ == "PROPN" and doc[i].dep_ == "pobj"
               and doc[i].head.lower_ in LOCATIVE_PREPS) for i in clause)


def _has_own_arguments(g: "Detection", prev: "Detection", sent) -> bool:
    """A separate place or a separate target: a separate event, not the same one retold."""
    mine = set(g.clause) - set(prev.clause)
    if _has_own_place(mine, sent):
        return True
    target = _object_tokens(sent.doc[g.trigger.head]) & mine
    return any(sent.doc[i].pos_ in ("NOUN", "PROPN") for i in target) and g.trigger.casualty is False \
        and not (target & set(_object_tokens(sent.doc[prev.trigger.head])))


def group_triggers(sent, trigs: list[Trigger]) -> list[Detection]:
    """Group triggers into event mentions (one per separate event in the sentence)."""
    doc = sent.doc
    anchors = [t for t in trigs if not t.casualty]
    pool = anchors or trigs[:1]
    pool = sorted(pool, key=lambda t: (_is_result_clause(doc[t.head]), _depth(doc[t.head]), t.start))
    heads = {t.head for t in pool}
    groups: list[Detection] = []
    for trig in pool:
        home = next((g for g in groups
                     if any(_attached(doc[trig.head], doc[o.head]) for o in g.triggers)), None)
        if home is None:
            home = _victim_clause_home(doc[trig.head], groups)
        if home is None and _is_result_clause(doc[trig.head]) and groups:
            # "..., killing 25": the toll of the nearest preceding event, not an event of its own.
            before = [g for g in groups if g.trigger.start < trig.start]
            home = max(before, key=lambda g: max(t.start for t in g.triggers)) if before else None
        if home:
            home.triggers.append(trig)
            continue
        clause = _clause_tokens(doc[trig.head], sent, heads - {trig.head})
        groups.append(Detection(sent, trig.sub_event_type, trig, [trig], sorted(clause)))
    merged = _merge_same_type(sorted(groups, key=lambda g: g.trigger.start), sent)
    for g in merged:
        g.sub_event_type = _most_specific(g)
    _attach_tolls(merged)
    return merged


def _toll_verb(det: Detection, rules: Rules):
    """"a soldier was wounded on Sunday when rockets were fired at X": the harm verb whose
    temporal clause is the event tells its toll (and often its date), not another event."""
    top = clause_head(det.sent.doc[det.trigger.head])
    verb = top.head
    if top.dep_ != "advcl" or verb.lemma_.lower() not in rules.harm or verb.pos_ != "VERB":
        return None
    marked = any(c.dep_ in ("mark", "advmod") and c.lower_ in rules.toll_marks for c in top.children)
    return verb if marked and modality(verb) is None else None


def _attach_tolls(groups: list[Detection]) -> None:
    """Add to each event the harm verb reporting its toll (see ``_toll_verb``)."""
    rules = get_rules()
    used = {t.head for g in groups for t in g.triggers}
    for g in groups:
        verb = _toll_verb(g, rules)
        if verb is None or verb.i in used:
            continue
        used.add(verb.i)
        g.triggers.append(Trigger(verb.i, verb.i + 1, verb.i, g.sub_event_type, casualty=True))
        g.clause = sorted(set(g.clause) | _own_clause(verb))


def _own_clause(verb) -> set[int]:
    # The verb's clause without the clauses embedded in it.
    inner = [c for c in verb.children if c.dep_ in BOUNDARY_DEPS]
    return _subtree(verb) - set().union(*(_subtree(c) for c in inner))


def _victim_clause_home(tok, groups: list[Detection]) -> Detection | None:
    # "the assassination of X, who was killed in an airstrike": the relative clause on the
    # victim tells how the same event happened.
    top = clause_head(tok)
    if top.dep_ not in ("relcl", "acl"):
        return None
    doc = tok.doc
    return next((g for g in groups if any(top.head.i in _object_tokens(doc[t.head]) or
                                         top.head.i == t.head for t in g.triggers)), None)


def _most_specific(g: Detection) -> str:
    """ACLED precedence among linked triggers: a stated weapon decides the sub-event type
    ("killed in a drone attack" is an air/drone strike, not an attack)."""
    rules = get_rules()
    if g.sub_event_type not in rules.overridable:
        return g.sub_event_type
    subs = {t.sub_event_type for t in g.triggers}
    return next((p for p in rules.precedence if p in subs), g.sub_event_type)


def _merge_same_type(groups: list[Detection], sent) -> list[Detection]:
    # A second same-type clause without a place of its own is the same event retold
    # ("stormed the base, triggering a firefight with troops").
    out: list[Detection] = []
    for g in groups:
        prev = next((p for p in out if p.sub_event_type == g.sub_event_type), None)
        if prev and not _has_own_arguments(g, prev, sent):
            prev.triggers.extend(g.triggers)
            prev.clause = sorted(set(prev.clause) | set(g.clause))
            continue
        out.append(g)
    return out


def detect_sentence(sent, keep_unreal: bool = False) -> list[Detection]:
    """Event mentions in one sentence (a spaCy Span)."""
    trigs = type_triggers(sent)
    if not keep_unreal:
        trigs = [t for t in trigs if modality(sent.doc[t.head]) is None
                 or (t.announced and announced_change(sent.doc[t.head]))]
    anchors = [t for t in trigs if not t.casualty]
    if anchors:
        trigs = anchors
    groups = group_triggers(sent, trigs) if trigs else []
    return groups if keep_unreal else [g for g in groups if not is_re_mention(g)]


INFO_ENTS = PLACE_ENTS | {"DATE", "TIME", "CARDINAL"}


def _has_info(tok) -> bool:
    # A place, a date or a number of its own ("the bombings in X and Y", "the attack on Sunday");
    # for an object, also the phrases of its verb ("confirmed the bombings in X").
    toks = [t for t in tok.subtree if t.i != tok.i]
    if tok.dep_ in ("dobj", "nsubj"):
        # "confirmed the bombings in X", "the blast ripped through a market in X, killing 11"
        toks += [t for c in tok.head.children if c.dep_ in ("prep", "npadvmod") for t in c.subtree]
        if tok.dep_ == "nsubj":
            toks += [t for c in tok.head.children if _is_result_clause(c) for t in c.subtree]
    return any(t.ent_type_ in INFO_ENTS or t.like_num for t in toks)


def is_re_mention(det: Detection) -> bool:
    """An anaphoric re-mention of an event told elsewhere: a noun determined by a definite article,
    demonstrative or possessive ("the attacks", "this attack", "his assassination") that is
    evaluated ("appeared to be", "was condemned") or adds no place, date or toll of its own."""
    doc = det.sent.doc
    head = doc[det.trigger.head]
    if head.pos_ != "NOUN":
        return False
    if _bare_plural(head):
        # "in the aftermath of bombings": a kind of event, not one, unless its clause places,
        # dates or counts it
        return not any(doc[i].ent_type_ in INFO_ENTS or doc[i].like_num for i in det.clause)
    if not _definite(head):
        return False
    if any(_has_info(doc[t.head]) for t in det.triggers if t.head != head.i):
        return False  # "the assassination of X, killed in an airstrike in Y": Y is news
    judged = _judged(head)
    return judged if judged is not None else not (_has_info(head) or _harm_with_toll(det))


def _definite(head) -> bool:
    return any((c.dep_ == "det" and c.lower_ in DEFINITE_DETS) or (c.dep_ == "poss" and c.pos_ == "PRON")
               for c in head.children)


def _judged(head) -> bool | None:
    """What the definite noun's verb says: True when it only judges or situates the event,
    False when it reports what the event did or that it happened, None when it does not tell."""
    verb = head.head
    evaluative = verb.lemma_.lower() in get_rules().evaluative
    if head.dep_ == "attr" and verb.lemma_ == "be":
        return True  # "this is a barbaric attack"
    if head.dep_ in ("nsubj", "nsubjpass"):
        if evaluative:
            # "the killing of a priest by gunmen in Kaduna has drawn outrage": a lede that places
            # or dates the event itself reports it; "this attack was condemned" only judges it.
            return not _own_place_or_date(head)
        if any(c.dep_ == "dobj" for c in verb.children):
            return False  # "the shells released chlorine": it tells what the event did
    elif head.dep_ == "dobj" and verb.lemma_.lower() in LIGHT_VERBS:
        return None  # "carried out the attack": neither news nor judgement by itself
    elif head.dep_ == "dobj":
        # "condemned the bombings of X": judged, unless it adds a toll or date;
        # "announced their merger", "confirmed the bombings": reported as news
        return not _has_toll_or_date(head) if evaluative else False
    return None


def _own_place_or_date(tok) -> bool:
    return any(t.ent_type_ in INFO_ENTS and t.ent_type_ != "CARDINAL" for t in tok.subtree
               if t.i != tok.i)


def _bare_plural(tok) -> bool:
    return tok.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod", "compound", "amod")
                                         for c in tok.children)


def _has_toll_or_date(tok) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME", "CARDINAL") or t.like_num for t in tok.subtree)


def _harm_with_toll(det: Detection) -> bool:
    # "the blast killed four soldiers": a harm verb governed by the noun's clause with a number.
    doc = det.sent.doc
    head = doc[det.trigger.head]
    verb = head.head if head.dep_ in ("nsubj", "nsubjpass") else None
    if verb is None or verb.lemma_.lower() not in get_rules().harm:
        return False
    return any(t.like_num or t.ent_type_ == "CARDINAL" or t.lower_ in ("no", "nobody", "none")
               for t in verb.subtree)


def detect(doc) -> list[Detection]:
    """Event mentions in every sentence of a parsed document."""
    return [d for sent in doc.sents for d in detect_sentence(sent)]

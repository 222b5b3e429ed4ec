"""Modality of event triggers (negated, hypothetical, generic) and the word-list matching it shares
with detection.

A trigger that is planned, feared, threatened, conditional, negated, habitual or an aggregate
count does not report one event that happened; retold past events do.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

POS_FILTERS = {"V": {"VERB", "AUX"}, "N": {"NOUN", "PROPN"}, "A": {"ADJ"}}


@lru_cache(maxsize=None)
def load_data(name: str) -> dict:
    """A YAML file from ``eventwire/extract/data``."""
    text = resources.files("eventwire.extract").joinpath(f"data/{name}").read_text("utf-8")
    return yaml.safe_load(text)


@lru_cache(maxsize=4096)
def _tokenize(entry: str) -> tuple[str, ...]:
    # Same tokenizer as the documents, so "gang-raped" or "sit-in" split the same way.
    from eventwire.analyze.nlp import get_nlp

    return tuple(t.lower_ for t in get_nlp().tokenizer(entry))


def token_is(tok, word: str, pos: set[str] | None = None) -> bool:
    if pos and tok.pos_ not in pos:
        return False
    return tok.lower_ == word or tok.lemma_.lower() == word


def token_keys(doc) -> list[tuple[str, str, str, str]]:
    """(lower, lemma, POS, entity type) of every token, computed once per Doc: reading spaCy
    token attributes is slow and every lexicon scans every sentence."""
    keys = doc.user_data.get("eventwire_token_keys")
    if keys is None or len(keys) != len(doc):
        keys = [(t.lower_, t.lemma_.lower(), t.pos_, t.ent_type_) for t in doc]
        doc.user_data["eventwire_token_keys"] = keys
    return keys


class Lexicon:
    """A list of words and phrases; ``match(sent)`` gives the token spans it covers."""

    def __init__(self, entries: list[str] | None, ents: list[str] | None = None):
        self.ents = set(ents or [])
        self.entries: list[tuple[tuple[str, ...], set[str] | None]] = []
        for raw in entries or []:
            entry, pos = _split_pos(str(raw))
            words = _tokenize(entry.lower().strip())
            if words:
                self.entries.append((words, POS_FILTERS.get(pos)))
        self.first: dict[str, list[tuple[tuple[str, ...], set[str] | None]]] = {}
        for words, pos in self.entries:
            self.first.setdefault(words[0], []).append((words, pos))

    def match(self, span) -> list[tuple[int, int]]:
        """Token index spans (doc indices, end exclusive) in ``span`` covered by an entry."""
        hits: list[tuple[int, int]] = []
        keys = token_keys(span.doc)
        for i in range(span.start, span.end):
            lower, lemma, pos_tag, ent = keys[i]
            if self.ents and ent in self.ents:
                hits.append((i, i + 1))
            cands = self.first.get(lower, [])
            if lemma != lower:
                cands = cands + self.first.get(lemma, [])
            for words, pos in cands:
                end = i + len(words)
                if end > span.end:
                    continue
                if len(words) == 1:
                    if (not pos or pos_tag in pos) and words[0] in (lower, lemma):
                        hits.append((i, end))
                elif all(words[k] in keys[i + k][:2] for k in range(len(words))):
                    hits.append((i, end))
        return hits

    def covers(self, span) -> set[int]:
        return {i for s, e in self.match(span) for i in range(s, e)}


def _split_pos(raw: str) -> tuple[str, str]:
    # "fire/V" -> ("fire", "V"); plain entries have no filter.
    if len(raw) > 2 and raw[-2] == "/" and raw[-1] in POS_FILTERS:
        return raw[:-2], raw[-1]
    return raw, ""


# --- modality ----------------------------------------------------------------------------

NEGATED, HYPOTHETICAL, GENERIC, LEGAL = "negated", "hypothetical", "generic", "legal"
# Dependencies through which a court word governs a charge ("charged with murder", "murder charge").
LEGAL_DEPS = {"pobj", "prep", "pcomp", "compound", "dobj", "nmod", "conj", "acl", "ccomp"}
LOCATIVE_PREPS = {"in", "at", "near", "outside", "around", "across", "into", "inside", "on", "through",
                  "along", "throughout", "within", "toward", "towards", "to", "from"}
# Dependencies through which a governing word's meaning reaches its complement.
GOVERNED_DEPS = {"dobj", "xcomp", "pobj", "prep", "nsubjpass", "nsubj", "attr", "acl", "oprd",
                 "compound", "amod", "conj", "advcl", "pcomp", "npadvmod", "dative", "appos"}
# Clauses that report facts of their own: modality above them does not reach down.
FACT_MARKS = {"after", "when", "as", "before", "while", "because", "since", "following", "once",
              "until", "though", "although"}
CLAUSE_DEPS = {"ROOT", "conj", "advcl", "ccomp", "xcomp", "relcl", "acl", "pcomp", "csubj",
               "parataxis", "csubjpass"}


class _Cues:
    def __init__(self, raw: dict):
        self.gov = _WordSet(raw["hypothetical_governors"])
        self.hyp_mod = _WordSet(raw["hypothetical_modifiers"])
        self.modal = _WordSet(raw["modal_auxiliaries"])
        self.cond = _WordSet(raw["conditional_marks"])
        self.hab_gov = _WordSet(raw["habitual_governors"])
        self.hab_mod = _WordSet(raw["habitual_modifiers"])
        self.aggregate = _WordSet(raw["aggregate_heads"])
        self.neg = _WordSet(raw["negation_words"])
        self.neg_prep = _WordSet(raw["negating_preps"])
        self.since = Lexicon(raw["since_words"])
        self.stative = _WordSet(raw.get("stative_verbs") or [])
        self.legal = _WordSet(raw.get("legal_governors") or [])
        self.past_like = _WordSet(raw.get("past_like_present") or [])
        self.set_off = set(raw.get("set_off_punct") or [])
        self.subject_only_hab = _WordSet(raw.get("subject_only_habitual") or [])
        self.duration = _WordSet(raw.get("duration_units") or [])
        self.announcing = _WordSet(raw.get("announcing_verbs") or [])
        self.announcing_modal = _WordSet(raw.get("announcing_modals") or [])
        self.continuations = _WordSet(raw.get("dated_continuations") or [])
        self.day_words = _WordSet(raw.get("day_words") or [])


class _WordSet:
    """Single words plus "verb particle" pairs ("call for", "come under")."""

    def __init__(self, entries: list[str]):
        self.words = {e.lower() for e in entries if " " not in e}
        self.pairs = {tuple(e.lower().split(" ", 1)) for e in entries if " " in e}

    def has(self, tok) -> bool:
        return tok.lower_ in self.words or tok.lemma_.lower() in self.words

    def has_pair(self, head, prep) -> bool:
        return (head.lemma_.lower(), prep.lower_) in self.pairs or (head.lower_, prep.lower_) in self.pairs


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    return _Cues(load_data("modality.yaml"))


def clause_head(tok):
    """The verb heading the clause ``tok`` belongs to (or the sentence root)."""
    t = tok
    while t.head.i != t.i and not (t.pos_ in ("VERB", "AUX") and t.dep_ in CLAUSE_DEPS):
        t = t.head
    return t


def _modifier_state(tok, cues: _Cues) -> str | None:
    for c in tok.children:
        if c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ in ("no", "neither")):
            return NEGATED
        if c.dep_ in ("amod", "advmod", "nummod", "det", "compound", "quantmod", "npadvmod"):
            if cues.hyp_mod.has(c):
                return HYPOTHETICAL
            if cues.hab_mod.has(c):
                return GENERIC
    return None


def _clause_state(head, cues: _Cues) -> str | None:
    for c in head.children:
        if c.dep_ == "neg":
            return NEGATED
        if c.dep_ == "aux" and cues.modal.has(c):
            return HYPOTHETICAL
        if c.dep_ == "mark" and cues.cond.has(c):
            return HYPOTHETICAL
        if c.dep_ in ("advmod", "npadvmod") and cues.hab_mod.has(c):
            return GENERIC
    if _present_perfect(head) and cues.since.match(head.sent):
        return GENERIC
    if _long_duration(head, cues):
        return GENERIC
    return None


def _long_duration(head, cues: _Cues) -> bool:
    """"has been fighting the rebels for more than a decade", "had battled them for years": a
    perfect or progressive clause lasting months or years sums up a conflict, not one event."""
    aspect = any((c.dep_ == "aux" and c.lemma_ == "have") or (c.dep_ == "aux" and c.lemma_ == "be"
                 and head.tag_ == "VBG") for c in head.children)
    if not aspect:
        return False
    return any(c.dep_ == "prep" and c.lower_ == "for" and any(
        p.dep_ == "pobj" and cues.duration.has(p) for p in c.children) for c in head.children)


def _present_perfect(head) -> bool:
    # "have come under", "have been killed": a tally up to now, not one dated event.
    return any(c.dep_ in ("aux", "auxpass") and c.lemma_ == "have" and c.tag_ in ("VBP", "VBZ")
               for c in head.children)


def _stops(node) -> bool:
    # Relative clauses and temporal/causal subordinate clauses state facts of their own.
    if node.dep_ in ("relcl", "parataxis"):
        return True
    if node.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ in FACT_MARKS for c in node.children)
    if node.dep_ == "pobj" and node.head.lower_ in FACT_MARKS:
        return True
    return False


def _has_time(tok) -> bool:
    return any(t.ent_type_ in ("DATE", "TIME") for t in tok.subtree)


def _stative(tok, cues: _Cues) -> bool:
    """"where troops are deployed", "forces deployed in the region", "the group controls X"."""
    if tok.pos_ != "VERB" or not cues.stative.has(tok) or _has_time(tok):
        return False
    if tok.dep_ == "relcl" and any(c.lower_ == "where" for c in tok.children):
        return True
    if tok.tag_ in ("VBN", "VBD") and tok.dep_ == "acl":
        return True
    present_aux = any(c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in tok.children)
    return present_aux or tok.tag_ in ("VBP", "VBZ")


def _bare_plural(tok) -> bool:
    return tok.tag_ == "NNS" and not any(c.dep_ in ("det", "poss", "nummod", "compound") for c in tok.children)


def _generic_present(tok, cues: _Cues) -> bool:
    """"groups are now fighting for X", "militants target schools": a present-tense statement
    about a bare plural, with no place of its own, describes a state of affairs, not one event."""
    if tok.pos_ != "VERB":
        return False
    aux = [c for c in tok.children if c.dep_ == "aux"]
    if tok.tag_ == "VBP" and (tok.lower_ != tok.lemma_.lower() or cues.past_like.has(tok)):
        return False  # "retook", "beat": past forms the tagger read as present
    present = tok.tag_ in ("VBP", "VBZ") or (tok.tag_ == "VBG" and any(a.tag_ in ("VBP", "VBZ") for a in aux))
    if not present or _has_time(tok):
        return False
    subj = [c for c in tok.children if c.dep_ == "nsubj"]
    # A place anchors it ("are marching in Nairobi"); "fighting for Iran" names a cause.
    placed = any((c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in LOCATIVE_PREPS)) and any(
        t.ent_type_ in ("GPE", "LOC", "FAC") for t in c.subtree) for c in tok.children)
    return bool(subj) and _bare_plural(subj[0]) and not placed


def _legal(tok, cues: _Cues) -> bool:
    """A charge, plea or trial for the event, not the event: walk up noun-phrase attachments."""
    node = tok
    while node.head.i != node.i and node.dep_ in LEGAL_DEPS | {"acomp", "npadvmod", "amod"}:
        if cues.legal.has(node.head):
            return True
        node = node.head
    return False


def _dated_past_clause(verb) -> bool:
    """A past participle or past-tense clause attached to a noun, with its own date, reports a
    real past event whatever frames the noun ("the anniversary of the commander's death -
    killed in a drone strike on March 5 -")."""
    return (verb.dep_ in ("acl", "relcl") and verb.tag_ in ("VBN", "VBD")
            and any(t.ent_type_ == "DATE" for t in verb.subtree))


# Children that give a participle a tense, mood, subject or condition of its own: with any of
# them it is not a bare reduced relative.
OWN_CLAUSE_DEPS = {"aux", "auxpass", "nsubj", "nsubjpass", "mark", "neg", "expl"}


def _set_off_dated_participle(verb, cues: "_Cues") -> bool:
    """A bare past participle set off by a dash, comma or parenthesis and carrying its own date
    ("X - killed in a raid on May 2 - ...") is a reduced relative reporting a past event, whatever
    the parser attached it to (often, wrongly, as the xcomp of a nearby "warned")."""
    if verb.tag_ != "VBN" or cues.gov.has(verb) or any(c.dep_ in OWN_CLAUSE_DEPS for c in verb.children):
        return False
    return _set_off(verb, cues) and any(t.ent_type_ == "DATE" for t in verb.subtree)


def _set_off(verb, cues: "_Cues") -> bool:
    # The opening mark is either the parser's punct child of the verb or the token before it.
    first = verb.left_edge
    if first.is_punct and first.text in cues.set_off:
        return True
    if first.i <= verb.sent.start:
        return False
    mark = verb.doc[first.i - 1]
    # A hyphen glued to the word is a compound ("so-called"), not a dash.
    return mark.text in cues.set_off and (mark.text != "-" or bool(mark.whitespace_))


def _dated_continuation(verb, cues: "_Cues") -> bool:
    """"fighting continued near Bhamo on Monday": a past continuation dated to a day reports that
    day's event ("attacks continue", "attacks continued in March" stay generic)."""
    if not cues.continuations.has(verb) or verb.tag_ != "VBD":
        return False
    for c in verb.children:
        toks = list(c.subtree) if c.dep_ in ("prep", "npadvmod") else []
        if any(t.ent_type_ in ("DATE", "TIME") and cues.day_words.has(t) for t in toks):
            return True
    return False


def announced_change(tok) -> bool:
    """"The militia announced that its fighters would be integrated into the army": a change a
    group announces for itself, told with "will"/"would" under a real announcing verb."""
    cues = _cues()
    head = clause_head(tok)
    if head.dep_ != "ccomp" or not cues.announcing.has(head.head) or modality(head.head) is not None:
        return False
    if any(c.dep_ == "neg" or (c.dep_ == "mark" and cues.cond.has(c)) for c in head.children):
        return False
    aux = [c for c in head.children if c.dep_ == "aux" and cues.modal.has(c)]
    return bool(aux) and all(cues.announcing_modal.has(a) for a in aux) and \
        _modifier_state(tok, cues) is None


def modality(tok) -> str | None:
    """None when ``tok`` (an event trigger) reports an event that happened, else why not:
    "negated", "hypothetical", "generic" or "legal"."""
    cues = _cues()
    state = _modifier_state(tok, cues)
    if state:
        return state
    if _stative(tok, cues) or _generic_present(tok, cues):
        return GENERIC
    if _legal(tok, cues):
        return LEGAL
    node = tok
    seen_clause = False
    while True:
        if node.pos_ in ("VERB", "AUX") or node.head.i == node.i:
            state = _clause_state(node, cues)
            if state:
                return state
            seen_clause = True
            if _dated_past_clause(node) and node.i in (tok.i, tok.head.i, tok.head.head.i) \
                    and tok.dep_ not in ("xcomp", "ccomp"):
                return None
            if _set_off_dated_participle(node, cues):
                return None  # cues below it were checked on the way up
        if node.head.i == node.i or _stops(node):
            return None
        head = node.head
        if node.dep_ == "pobj" and cues.neg_prep.has(head):
            return NEGATED
        if node.dep_ == "pobj" and head.dep_ == "prep":
            gov = head.head
            if cues.gov.has_pair(gov, head) or cues.hab_gov.has_pair(gov, head):
                return HYPOTHETICAL if cues.gov.has_pair(gov, head) else GENERIC
            if head.lower_ == "of" and cues.aggregate.has(gov):
                return GENERIC
        if node.dep_ in GOVERNED_DEPS and node.dep_ != "ccomp":
            if cues.gov.has(head):
                return HYPOTHETICAL
            if cues.hab_gov.has(head) and node.dep_ in ("nsubj", "xcomp", "dobj", "pobj", "prep") \
                    and not (node.dep_ == "dobj" and cues.subject_only_hab.has(head)) \
                    and not _dated_continuation(head, cues):
                return GENERIC
        if node.dep_ == "ccomp" and seen_clause:
            # Reported speech: the complement keeps its own modality, already checked.
            pass
        node = head

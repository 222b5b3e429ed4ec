"""Named victims: people a sentence says an event killed ("the killing of General X").

A person dies once, so two reports of the same kind of event naming the same victim are one
event whatever else they leave out (merge compares ``Mention.victim_keys``). Words in
data/casualties.yaml (``victim_*``).
"""
from __future__ import annotations

from functools import lru_cache

from eventwire.extract.modality import load_data

_SUBJECT_DEPS = ("nsubj", "nsubjpass")


@lru_cache(maxsize=1)
def _words() -> tuple[frozenset[str], ...]:
    data = load_data("casualties.yaml")
    return tuple(frozenset(w.lower() for w in data[k]) for k in (
        "victim_kill_verbs", "victim_die_verbs", "victim_death_nouns", "victim_kill_with_dead"))


def _kills(verb) -> bool:
    kill, _, _, with_dead = _words()
    lemma = verb.lemma_.lower()
    if lemma in kill:
        return True
    after = verb.doc[verb.i + 1:verb.i + 4]
    return lemma in with_dead and any(t.lower_ in ("dead", "down", "death") for t in after)


def named_victims(sent, places: list[tuple[int, int]] = ()) -> list[str]:
    """Names of the people ``sent`` (a spaCy Span) says were killed, in text order.

    Names are PERSON entities, and proper nouns the tagger mislabels (a surname tagged GPE)
    that are in a victim's position and are not ``places`` (character spans of toponyms)."""
    out: list[str] = []
    for name in _names(sent, places):
        text = name.text.removesuffix("'s").removesuffix("’s")
        if _is_victim(name.root) and text not in out:
            out.append(text)
    return out


def _names(sent, places: list[tuple[int, int]]):
    seen = set()
    for ent in sent.ents:
        if ent.label_ == "PERSON":
            seen.add(ent.root.i)
            yield ent
    for tok in sent:
        if tok.pos_ != "PROPN" or tok.dep_ == "compound" or tok.i in seen \
                or tok.ent_type_ not in ("", "PERSON", "GPE"):
            continue
        left = min([c.i for c in tok.children if c.dep_ == "compound" and c.pos_ == "PROPN"] + [tok.i])
        span = sent.doc[left:tok.i + 1]
        start, end = span.start_char, span.end_char
        if not any(s < end and start < e for s, e in places):
            yield span


def _is_victim(tok) -> bool:
    kill, die, death, _ = _words()
    head = tok.head
    lemma = head.lemma_.lower()
    if tok.dep_ == "nsubjpass" and _kills(head) or tok.dep_ == "nsubj" and lemma in die:
        return True                                   # "X was killed", "X died"
    if tok.dep_ == "dobj" and _kills(head):
        return True                                   # "a drone killed X", "shot dead X"
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in death:
        return True                                   # "the killing of X"
    if tok.dep_ == "poss" and lemma in death:
        return True                                   # "X's death"
    return any(_tells_death(c, die, death) for c in tok.children if c.dep_ in ("relcl", "acl", "appos"))


def _tells_death(clause, die, death) -> bool:
    """"X, who died in ...", "X, killed in ...", "X, whose death in ...": a clause on the person."""
    lemma = clause.lemma_.lower()
    if lemma in die or (_kills(clause) and clause.tag_ == "VBN"):
        return True
    return any(t.lemma_.lower() in death and any(c.lower_ == "whose" for c in t.children)
               for t in clause.subtree)

"""Casualties and weapons of an event sentence, read from the dependency parse.

A number counts as fatalities or injuries only when it is attached to a victim of a kill/wound
predicate ("killed seven civilians", "three soldiers were wounded", "killing one") or to a
casualty word ("12 dead", "five deaths", "death toll rose to 12"). Numbers of weapons ("eight
rockets"), ages ("19-year-old"), distances, times and money are never read as casualties.

Conventions (data/casualties.yaml): ACLED's figures for vague amounts ("dozens" 12, "hundreds"
100) and conservative lower bounds below that ("several" 3); ranges take their lowest figure;
"no casualties" / "no one was hurt" set both counts to 0; a singular victim counts one; a plural
victim without a number leaves the count unknown (None).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data" / "casualties.yaml"


@dataclass
class Casualties:
    fatalities: int | None = None
    injuries: int | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)
    # fatalities 0 read from a report of wounded that says nothing of deaths, not stated
    fatalities_inferred: bool = False


@dataclass
class Weapon:
    weapon: str | None
    quantity: int | None
    start: int
    end: int


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    with DATA.open(encoding="utf-8") as f:
        d = yaml.safe_load(f)
    d["none_res"] = {k: [re.compile(p, re.I) for p in v] for k, v in d["none_patterns"].items()}
    verbs = "|".join(w for ws in d["surface_participles"].values() for w in ws)
    d["participle_re"] = re.compile(rf"(?:[,;–—]|\s-{{1,2}})\s*({verbs})\s+([^,;.()–—]{{1,60}})", re.I)
    return d


# ---------------------------------------------------------------------------------------------
# Numbers
# ---------------------------------------------------------------------------------------------
_NUM_TOKEN = re.compile(r"\d[\d,]*(?:\.\d+)?|[a-z]+|[-–]")
_STOP = {"including", "among", "of", "whom"}


def parse_number(text: str) -> int | None:
    """The count a phrase states: "seven" 7, "at least 25" 25, "1,000" 1000, "two-dozen" 24,
    "dozens" 12, "five soldiers and five civilians" 10, "10 to 15" 10 (lowest of a range)."""
    d = _data()
    words = _NUM_TOKEN.findall(text.lower())
    groups: list[int] = []
    is_range = False
    total = cur = None
    i = 0
    while i < len(words):
        w = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        two = f"{w} {nxt}"
        val = _word_value(w, nxt, d)
        if two in d["vague"] and total is None and cur is None:
            groups.append(d["vague"][two])
            i += 2 if two != "a number" else 3
            continue
        if val is not None:
            cur, total = _accumulate(w, val, cur, total, d)
        elif w == "and" and cur is not None and _continues(words, i, d):
            pass   # "two hundred and fifty"
        elif w in "-–" and cur is not None and nxt and not nxt[0].isdigit() and _word_value(nxt, "", d):
            pass   # "twenty-five", "two-dozen"
        else:
            if cur is not None or total is not None:
                groups.append((total or 0) + (cur or 0))
                total = cur = None
            if w in d["vague"] and (nxt[:1].isdigit() or nxt in d["units"]):
                pass   # "some 30", "several dozen": the vague word only qualifies the figure
            elif w in d["vague"]:
                groups.append(d["vague"][w])
            elif w in d["range_words"] and (groups or w == "between"):
                is_range = True
            elif w in _STOP and groups:
                break
        i += 1
    if cur is not None or total is not None:
        groups.append((total or 0) + (cur or 0))
    if not groups:
        return None
    return min(groups) if is_range else sum(groups)


def _word_value(w: str, nxt: str, d: dict) -> int | float | None:
    if w[0].isdigit():
        try:
            return float(w.replace(",", "")) if "." in w else int(w.replace(",", ""))
        except ValueError:
            return None
    if w in ("a", "an"):
        return 1 if nxt in d["article_scalable"] else None
    if w in d["units"]:
        return d["units"][w]
    if w in d["scales"]:
        return d["scales"][w]
    return None


def _accumulate(w: str, val, cur, total, d: dict):
    """Fold one number word into (current group, total of larger scales)."""
    if w in d["scales"]:
        cur = (cur or 1) * val
        if val >= 1000:
            total, cur = (total or 0) + cur, None
    elif w in ("dozen", "score") and cur:
        cur = cur * val    # "two dozen"
    else:
        cur = (cur or 0) + val
    if cur is not None:
        cur = int(cur)
    return cur, total if total is None else int(total)


def _continues(words: list[str], i: int, d: dict) -> bool:
    prev, nxt = words[i - 1], words[i + 1] if i + 1 < len(words) else ""
    return prev in d["scales"] and (nxt in d["units"] or nxt[:1].isdigit())


# ---------------------------------------------------------------------------------------------
# Casualties
# ---------------------------------------------------------------------------------------------
def find_casualties(doc, sent_start: int, sent_end: int) -> Casualties:
    """Fatalities and injuries stated in the sentence ``doc.text[sent_start:sent_end]``."""
    d = _data()
    span = doc.char_span(sent_start, sent_end, alignment_mode="expand")
    out = Casualties()
    if span is None:
        return out
    used: set[int] = set()
    fat, inj = _Counter(), _Counter()
    for t in span:
        kind = _predicate_kind(t, d)
        if kind is not None:
            (fat if kind == "fatal" else inj).add_all(_victim_counts(t, d, used), out.spans, t)
    for t in span:
        kind = _casualty_word_kind(t, d)
        if kind is not None:
            (fat if kind == "fatal" else inj).add_all(_word_counts(t, d, used), out.spans, t)
    toll = _toll(span, d)
    if toll is not None:
        fat.value = max(fat.value or 0, toll[0])
        out.spans.append(toll[1])
    out.fatalities, out.injuries = fat.value, inj.value
    _surface_participles(out, doc.text, span.start_char, span.end_char, d)
    _zeros(out, doc.text[span.start_char:span.end_char], d)
    _wounded_only(out, span, d)
    return out


def _wounded_only(out: Casualties, span, d: dict) -> None:
    """"One policeman was wounded": a report that counts the wounded and says nothing of deaths
    means nobody died (ACLED codes 0 fatalities); the injury span is the evidence."""
    if out.fatalities is None and out.injuries and not _speaks_of_death(span, d):
        out.fatalities, out.fatalities_inferred = 0, True


def _speaks_of_death(span, d: dict) -> bool:
    """Does the text mention a death in any form ("killed", "shot dead", "a deadly blast", "the
    toll"), counted or not?"""
    for t in span:
        lemma, low = t.lemma_.lower(), t.lower_
        if _predicate_kind(t, d) == "fatal" or _casualty_word_kind(t, d) == "fatal":
            return True
        if lemma in d["death_words"] or low in d["death_words"] or lemma in d["toll_words"]:
            return True
        if lemma in d["kill_verbs"] and not d["kill_needs"].get(lemma):
            return True   # a kill verb however parsed ("killing" as a noun, negated or not)
    return False


def _surface_participles(out: Casualties, text: str, start: int, end: int, d: dict) -> None:
    """", killing at least 25 of its fighters", "— wounding 12": a result participle after a comma,
    dash or semicolon, read from the surface when the parse hangs it on the wrong word (or tags
    it a noun) and left no count of its kind."""
    for m in d["participle_re"].finditer(text, start, end):
        kind = "fatal" if m.group(1).lower() in d["surface_participles"]["fatal"] else "injure"
        if (out.fatalities if kind == "fatal" else out.injuries) is not None:
            continue
        words = m.group(2).split()
        if not words or not (words[0].lower() in d["number_qualifiers"] or words[0][0].isdigit()
                             or words[0].lower() in d["units"] or words[0].lower() in d["vague"]):
            continue
        while len(words) > 1 and words[0].lower() in d["number_qualifiers"]:
            words = words[1:]   # "some 30" is 30, not "some" (3) and 30
        n = parse_number(" ".join(words))
        if n is None:
            continue
        if kind == "fatal":
            out.fatalities = n
        else:
            out.injuries = n
        out.spans.append((m.start(1), m.end(2)))


class _Counter:
    def __init__(self) -> None:
        self.value: int | None = None

    def add_all(self, counts: list[tuple[int | None, Any]], spans: list, pred) -> None:
        for n, tok in counts:
            if n is None:
                continue
            self.value = (self.value or 0) + n
            lo = min(pred.idx, tok.left_edge.idx)
            hi = max(pred.idx + len(pred), tok.idx + len(tok))
            spans.append((lo, hi))


def _predicate_kind(t, d: dict) -> str | None:
    lemma = t.lemma_.lower()
    if t.pos_ not in ("VERB", "AUX", "ADJ") or any(c.dep_ == "neg" for c in t.children):
        return None
    if lemma in d["injure_verbs"]:
        return "injure"
    if lemma not in d["kill_verbs"]:
        return None
    needs = d["kill_needs"].get(lemma)
    if needs is None or not needs:
        return "fatal"
    words = {c.lower_ for c in t.children} | {c.lemma_.lower() for c in t.children}
    if t.i + 1 < len(t.doc):
        words.add(t.doc[t.i + 1].lower_)   # "shot dead two protesters": "dead" may hang off the victim
    return "fatal" if words & set(needs) else None


def _victim_counts(t, d: dict, used: set[int]) -> list[tuple[int | None, Any]]:
    """Counts of the victims of kill/wound predicate ``t``."""
    kids = list(t.children)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in kids)
    if passive:
        victims = [c for c in kids if c.dep_ == "nsubjpass"]
    elif t.lemma_.lower() in d["intransitive_kill"]:
        victims = [c for c in kids if c.dep_ == "nsubj"]
    else:
        victims = [c for c in kids if c.dep_ == "dobj"]
        if not victims and t.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in kids):
            victims = [c for c in kids if c.dep_ == "nsubj"]   # "... and 12 wounded"
        if t.lemma_.lower() == "claim":   # "claimed the lives of 12 people"
            victims = [p for v in victims for pr in v.children if pr.lower_ == "of" for p in pr.children]
    if not victims and t.dep_ in ("acl", "amod", "relcl") and t.head.pos_ in ("NOUN", "PROPN", "NUM"):
        victims = [t.head]   # "seven civilians killed in the attack"
    if not victims and t.dep_ == "relcl":
        victims = [t.head]
    counts = [c for v in victims for c in _conj_counts(v, d, used)]
    if counts and all(n is not None for n, _ in counts):
        counts += [c for v in _companions(t, d) for c in _conj_counts(v, d, used)]
    return counts


def _companions(t, d: dict) -> list:
    """Victims killed with the named one: "X was killed alongside Y", "along with four others",
    "together with three of his guards"."""
    comitative = d["comitative"]
    out = []
    for prep in t.children:
        if prep.dep_ != "prep":
            continue
        prev = t.doc[prep.i - 1].lower_ if prep.i > 0 else ""
        if prep.lower_ in comitative["preps"] or (prep.lower_ == "with" and prev in comitative["with_after"]):
            out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


def _conj_counts(v, d: dict, used: set[int]) -> list[tuple[int | None, Any]]:
    """A victim and its conjuncts: "seven civilians and three soldiers"."""
    out = []
    for tok in [v, *[c for c in v.conjuncts if c.i > v.i]]:
        if tok.i in used:
            continue
        used.add(tok.i)
        out.append((_count(tok, d), tok))
    return out


def _count(noun, d: dict) -> int | None:
    low = noun.lower_
    if any(c.lower_ in ("no", "none") for c in noun.children) or low in ("nobody", "none", "no-one"):
        return None
    if noun.lemma_.lower() in d["total_words"]:   # "a total of five soldiers and five civilians"
        inner = [p for pr in noun.children if pr.lower_ == "of" for p in pr.children]
        counts = [c for v in inner for c, _ in _conj_counts(v, d, set())]
        return sum(c for c in counts if c is not None) if any(c is not None for c in counts) else None
    if _is_number(noun, d):
        return parse_number(_number_text(noun))
    if low in d["vague"]:   # "dozens (of civilians)"
        return d["vague"][low]
    nums = [c for c in noun.children if c.dep_ in ("nummod", "quantmod") and _is_number(c, d)]
    if nums:
        return parse_number(_number_text(nums[0]))
    vague = [c for c in noun.children if c.lower_ in d["vague"] and c.dep_ in ("amod", "det", "nummod")]
    if vague:
        return d["vague"][vague[0].lower_]
    if low in d["pronoun_victims"]:
        return None
    if noun.tag_ in ("NN", "NNP") or noun.pos_ == "PROPN" or noun.lower_ in ("one", "another"):
        return 1   # a singular victim: "killed a soldier", "a contractor was killed"
    return None


def _is_number(t, d: dict) -> bool:
    if t.ent_type_ in d["not_count_ents"]:
        return False
    return t.like_num or t.lower_ in d["units"] or t.pos_ == "NUM"


def _number_text(num) -> str:
    """The number's own words: "at least 25", "twenty - five", "1,000" (not its noun)."""
    toks = [t for t in num.subtree if t.i <= num.i or t.like_num or t.lower_ in ("-", "and", "hundred")]
    return " ".join(t.text for t in toks if t.dep_ not in ("prep", "pobj") or t.i == num.i)


def _casualty_word_kind(t, d: dict) -> str | None:
    low, lemma = t.lower_, t.lemma_.lower()
    if low in d["fatal_words"] or lemma in d["fatal_words"]:
        return "fatal" if t.pos_ != "VERB" else None
    if low in d["injury_words"] or lemma in d["injury_words"]:
        return "injure" if t.pos_ != "VERB" else None
    return None


def _word_counts(t, d: dict, used: set[int]) -> list[tuple[int | None, Any]]:
    """"12 dead", "five deaths", "leaving 3 dead", "three of the injured"."""
    if t.i in used:
        return []
    nums = [c for c in t.children if c.dep_ in ("nummod", "quantmod", "amod") and _is_number(c, d)]
    if nums:
        used.add(t.i)
        return [(parse_number(_number_text(nums[0])), t)]
    head = t.head
    if t.dep_ in ("amod", "acomp", "oprd", "appos") and head.i not in used and \
            (_is_number(head, d) or head.dep_ == "dobj" and _is_number(head, d)):
        used.add(head.i)
        return [(parse_number(_number_text(head)), head)]
    if t.dep_ in ("oprd", "ccomp", "xcomp", "acomp"):   # "left 3 dead": the number is the object
        objs = [c for c in head.children if c.dep_ in ("dobj", "nsubj") and c.i not in used and _is_number(c, d)]
        if objs:
            used.add(objs[0].i)
            return [(parse_number(_number_text(objs[0])), objs[0])]
    return []


def _toll(span, d: dict) -> tuple[int, tuple[int, int]] | None:
    """"The death toll rose to 12", "a toll of 12 dead"."""
    for t in span:
        if t.lemma_.lower() not in d["toll_words"]:
            continue
        mods = {c.lemma_.lower() for c in t.children}
        if not mods & set(d["toll_fatal_modifiers"]):
            continue
        for n in span:
            if n.i > t.i and _is_number(n, d) and n.i - t.i <= 8:
                val = parse_number(_number_text(n))
                if val is not None:
                    return val, (t.idx, n.idx + len(n))
    return None


def reports_no_deaths(text: str) -> bool:
    """Does ``text`` say that nobody died ("no casualties", "no one was killed")?"""
    res = _data()["none_res"]
    return any(r.search(text) for r in res.get("both", []) + res.get("fatalities", []))


def _zeros(out: Casualties, text: str, d: dict) -> None:
    """"No casualties", "no one was hurt": reported zeros fill counts that are still unknown."""
    res = d["none_res"]
    if any(r.search(text) for r in res.get("both", [])):
        out.fatalities = 0 if out.fatalities is None else out.fatalities
        out.injuries = 0 if out.injuries is None else out.injuries
    if any(r.search(text) for r in res.get("fatalities", [])):
        out.fatalities = 0 if out.fatalities is None else out.fatalities


# ---------------------------------------------------------------------------------------------
# Weapons
# ---------------------------------------------------------------------------------------------
@lru_cache(maxsize=1)
def _weapon_trie() -> dict:
    from eventwire.analyze.nlp import get_nlp

    tok = get_nlp().tokenizer
    trie: dict = {}
    for label, spec in _data()["weapons"].items():
        for phrase in spec["phrases"]:
            node = trie
            for t in tok(phrase):
                node = node.setdefault(t.lower_, {})
            node.setdefault("$", []).append((label, spec["priority"]))
    return trie


def find_weapon(doc, sent_start: int, sent_end: int) -> Weapon | None:
    """The weapon the sentence names (most specific first) and how many were used."""
    span = doc.char_span(sent_start, sent_end, alignment_mode="expand")
    if span is None:
        return None
    best = None
    for i in range(span.start, span.end):
        hit = _weapon_at(doc, i, span.end)
        if hit and (best is None or hit[2] > best[2]):
            best = hit
    if best is None:
        return None
    label, j, _prio, first = best
    return Weapon(label, _quantity(doc[first:j]), doc[first].idx, doc[j - 1].idx + len(doc[j - 1]))


def _weapon_at(doc, i: int, end: int) -> tuple[str, int, int, int] | None:
    node, best = _weapon_trie(), None
    for j in range(i, end):
        t = doc[j]
        if t.pos_ == "PRON":
            break
        nxt = node.get(t.lower_) or node.get(t.lemma_.lower())
        if nxt is None:
            break
        node = nxt
        if "$" in node and (j > i or t.pos_ in ("NOUN", "PROPN", "VERB")):   # not "mine" the pronoun
            label, prio = max(node["$"], key=lambda x: x[1])
            best = (label, j + 1, prio, i)
    return best


def _quantity(tokens) -> int | None:
    """"eight rockets" 8, "a car bomb" 1, "several rockets" None (vague amounts are no count)."""
    d = _data()
    nums = [c for t in tokens for c in t.children if c.dep_ in ("nummod", "quantmod") and _is_number(c, d)]
    if nums:
        return parse_number(_number_text(nums[0]))
    head = tokens.root
    if head.lemma_.lower() in d["event_heads"]:
        return None   # "a rocket attack" is one attack, not one rocket
    if head.tag_ in ("NN", "NNP") and any(c.lower_ in ("a", "an", "one", "single") for t in tokens for c in t.children):
        return 1
    return None

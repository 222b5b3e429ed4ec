"""The actor knowledge base (data/actors.yaml): a dictionary matcher over a token trie.

State forces are generated from a countries table, named armed groups come with aliases and
transliterations, and ACLED's generic actors ("Civilians (Iraq)") are filled from templates.
``ActorKB.find`` returns every ``ActorMatch`` in a text; ``actors.assign_roles`` decides who
acted and who was targeted.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).parent / "data" / "actors.yaml"

UNIDENTIFIED = "Unidentified Armed Group ({country})"
CIVILIANS = "Civilians ({country})"
PROTESTERS = "Protesters ({country})"
RIOTERS = "Rioters ({country})"
POLICE = "Police Forces of {country}"
MILITARY = "Military Forces of {country}"

# Kinds of match: which roles they may fill.
AGENT_KINDS = {"named", "state", "government", "country", "armed", "ethnic", "protesters", "rioters",
               "civilians"}
PATIENT_KINDS = {"named", "state", "government", "armed", "ethnic", "protesters", "rioters", "civilians"}
ATTRIBUTABLE_KINDS = {"named", "state", "government", "country", "ethnic"}


@dataclass
class ActorMatch:
    name: str
    inter: int
    country: str | None
    start: int
    end: int
    text: str
    kind: str = "named"             # named|state|government|country|armed|civilians|protesters|rioters|ethnic
    descriptor: str | None = None   # "Iran-backed", "pro-government": kept, never made an actor
    bare: bool = False              # a bare noun ("soldiers") whose country is only the event's


# ----------------------------------------------------------------------------------------------
# Tokens: words with offsets; apostrophes inside words dropped, accents stripped, "'s" split off.
# ----------------------------------------------------------------------------------------------
_WORD = re.compile(r"[^\W_]+(?:['’`][^\W_]+)*", re.UNICODE)
_GAP_OK = re.compile(r"[ \t\u00a0]*(?:[-–/()][ \t\u00a0]*)?\n?[ \t\u00a0]*")


@dataclass
class _Tok:
    text: str      # as written, apostrophes dropped, accents stripped
    low: str
    start: int
    end: int


def _fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).replace("'", "").replace("’", "").replace("`", "")


def _tokens(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    out: list[_Tok] = []
    for m in _WORD.finditer(text, start, len(text) if end is None else end):
        word, s, e = m.group(), m.start(), m.end()
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":  # possessive: "Iraq's"
            out.append(_Tok(_fold(word[:-2]), _fold(word[:-2]).lower(), s, e - 2))
            out.append(_Tok("s", "'s", e - 2, e))
            continue
        f = _fold(word)
        out.append(_Tok(f, f.lower(), s, e))
    return out


def _alias_tokens(alias: str) -> list[tuple[str, bool]]:
    """(lowercase key, case-sensitive?) per token; acronyms (2+ capitals) are case-sensitive."""
    out = []
    for t in _tokens(alias):
        cs = sum(c.isupper() for c in t.text) >= 2
        out.append((t.text if cs else t.low, cs))
    return out


@dataclass
class _Entry:
    template: str                   # may contain "{country}"
    inter: int
    country: str | None
    kind: str
    needs_context: bool = False
    by_country: dict[str, str] = field(default_factory=dict)
    country_template: str | None = None


class ActorKB:
    """Alias trie over the actor knowledge base."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._trie: dict = {}
        self._the: set[str] = set()
        self._country_key: dict[str, str] = {}
        self._demonym: dict[tuple[str, ...], str] = {}
        self.context_words = {w.lower() for w in data.get("context_words", [])}
        self.descriptor_suffixes = {w.lower() for w in data.get("descriptor_suffixes", [])}
        self.descriptor_prefixes = {w.lower() for w in data.get("descriptor_prefixes", [])}
        self.member_nouns = {w.lower() for w in data.get("member_nouns", [])}
        ana = data.get("group_anaphora") or {}
        self.anaphora = {k: {w.lower() for w in ana.get(k) or []} for k in ("nouns", "possessed")}
        self._load(data)

    # -- building ---------------------------------------------------------------------------
    def _add(self, alias: str, entry: _Entry) -> None:
        toks = _alias_tokens(alias)
        if not toks:
            return
        node = self._trie
        for key, _ in toks:
            node = node.setdefault(key.lower(), {})
        node.setdefault("$", []).append(([k for k, _ in toks], [cs for _, cs in toks], entry))

    def _load(self, data: dict[str, Any]) -> None:
        countries = data.get("countries", [])
        for c in countries:
            name = c["name"]
            if c.get("the"):
                self._the.add(name)
            for n in [name, *c.get("aliases", [])]:
                self._country_key[_fold(n).lower()] = name
            for d in c.get("demonyms", []):
                self._demonym[tuple(t.low for t in _tokens(d))] = name
        self._load_countries(countries, data.get("state", []))
        self._load_generic(countries, data.get("generic", []))
        for e in data.get("ethnic_militias", []):
            entry = _Entry(f"{e['group']} Ethnic Militia ({e['country']})", 4, e["country"], "ethnic")
            for w in e.get("words", []):
                self._add(w, entry)
        for g in data.get("groups", []):
            self._load_group(g)

    def _load_countries(self, countries: list[dict], state: list[dict]) -> None:
        for c in countries:
            name = c["name"]
            names = [name, *c.get("aliases", [])]
            self._add_all(names, _Entry(MILITARY, 1, name, "country"))
            self._add_all(c.get("capitals", []), _Entry("Government of {country}", 1, name, "country"))
            self._add_all(c.get("military", []), _Entry(MILITARY, 1, name, "state"))
            self._add_all(c.get("police", []), _Entry(POLICE, 1, name, "state"))
            for s in state:
                entry = _Entry(s["template"], s["inter"], name, s["kind"])
                nouns = [*s.get("nouns", []), *s.get("demonym_only", [])]
                for d in c.get("demonyms", []):
                    self._add_all([f"{d} {n}" for n in nouns], entry)
                for n in s.get("nouns_of", []):
                    the = "the " if c.get("the") else ""
                    self._add_all([f"{n} of {the}{cn}" for cn in names], entry)
                    self._add_all([f"{cn}'s {n}" for cn in names], entry)
        for s in state:  # bare nouns take the event's country
            self._add_all(s.get("nouns", []), _Entry(s["template"], s["inter"], None, s["kind"]))

    def _load_generic(self, countries: list[dict], generic: list[dict]) -> None:
        for g in generic:
            self._add_all(g.get("nouns", []), _Entry(g["template"], g["inter"], None, g["kind"]))
            nouns = [*g.get("nouns", []), *g.get("demonym_only", [])]
            for c in countries:
                entry = _Entry(g["template"], g["inter"], c["name"], g["kind"])
                for d in c.get("demonyms", []):
                    self._add_all([f"{d} {n}" for n in nouns], entry)

    def _load_group(self, g: dict) -> None:
        entry = _Entry(g["name"], g.get("inter", 2), g.get("country"), "named",
                       by_country=g.get("by_country") or {}, country_template=g.get("country_template"))
        self._add_all(g.get("aliases", []), entry)
        ctx = _Entry(entry.template, entry.inter, entry.country, "named", True, entry.by_country,
                     entry.country_template)
        self._add_all(g.get("context_aliases", []) or [], ctx)

    def _add_all(self, aliases: list[str], entry: _Entry) -> None:
        for a in aliases:
            self._add(a, entry)

    # -- naming -----------------------------------------------------------------------------
    def canonical_country(self, country: str | None) -> str | None:
        """ACLED spelling of a country name or alias ("DR Congo" -> "Democratic Republic of Congo")."""
        if not country:
            return None
        return self._country_key.get(_fold(country).lower(), country)

    def fill(self, template: str, country: str | None) -> str:
        """Put a country into an actor-name template; drop the country part when unknown."""
        if "{country}" not in template:
            return template
        if not country:
            return re.sub(r"\s*(?:\(\{country\}\)|of \{country\})", "", template)
        if "of {country}" in template and country in self._the:
            return template.replace("{country}", "the " + country)
        return template.replace("{country}", country)

    def _name(self, e: _Entry, country: str | None) -> tuple[str, str | None]:
        if e.kind == "named":
            if country and country in e.by_country:
                return e.by_country[country], country
            if country and e.country_template:
                return e.country_template.replace("{country}", country), country
            return e.template, e.country
        where = e.country or country
        return self.fill(e.template, where), where

    # -- matching ---------------------------------------------------------------------------
    def find(self, text: str, start: int = 0, end: int | None = None,
             country: str | None = None) -> list[ActorMatch]:
        """Actor mentions in ``text[start:end]``: leftmost-longest, non-overlapping, in text order.

        ``country`` (the event's country) names generic actors ("soldiers" -> Military Forces of
        it) and country-specific groups ("Islamic State (Iraq)").
        """
        country = self.canonical_country(country)
        toks = _tokens(text, start, end)
        out: list[ActorMatch] = []
        i = 0
        while i < len(toks):
            hit = self._longest(text, toks, i)
            if hit is None:
                i += 1
                continue
            j, e = hit
            m = self._match(text, toks, i, j, e, country)
            for extra in self._coordinated(text, toks, i, e):
                if out and out[-1].kind == "country" and out[-1].start >= extra.start:
                    out.pop()   # "US and British troops": "US" is a demonym here, not the country
                out.append(extra)
            out.append(m)
            i = max(j, next((k for k in range(i, len(toks)) if toks[k].start >= m.end), len(toks)))
        return out

    def _longest(self, text: str, toks: list[_Tok], i: int) -> tuple[int, _Entry] | None:
        node, best = self._trie, None
        for j in range(i, len(toks)):
            if j > i and not _GAP_OK.fullmatch(_gap(text, toks, j)):
                break
            node = node.get(toks[j].low)
            if node is None:
                break
            for keys, cs, entry in node.get("$", []):
                if _case_ok(toks[i:j + 1], keys, cs) and self._context_ok(text, toks, i, j, entry):
                    best = (j + 1, entry)
                    break
        return best

    def _context_ok(self, text: str, toks: list[_Tok], i: int, j: int, e: _Entry) -> bool:
        if e.kind == "country" and self._is_descriptor(text, toks, i, j):
            return False
        if not e.needs_context:
            return True
        s, t = toks[i].start, toks[j].end
        if text[max(0, s - 1):s] == "(" and text[t:t + 1] == ")":
            return True
        return j + 1 < len(toks) and toks[j + 1].low in self.context_words

    def _coordinated(self, text: str, toks: list[_Tok], i: int, e: _Entry) -> list[ActorMatch]:
        """"Syrian and Russian forces": the first demonym shares the noun of the second."""
        if e.kind in ("named", "country", "ethnic") or e.country is None:
            return []
        out: list[ActorMatch] = []
        k = i
        while k >= 2:
            sep = text[toks[k - 1].end:toks[k].start].strip() if toks[k - 1].low == "and" else None
            if toks[k - 1].low == "and" and sep == "":
                dem_end = k - 2
            elif text[toks[k - 1].end:toks[k].start].strip() == ",":
                dem_end = k - 1
            else:
                break
            hit = next(((n, dem_end - n + 1) for n in (3, 2, 1) if dem_end - n + 1 >= 0 and
                        tuple(t.low for t in toks[dem_end - n + 1:dem_end + 1]) in self._demonym), None)
            if hit is None:
                break
            n, first = hit
            where = self._demonym[tuple(t.low for t in toks[first:dem_end + 1])]
            s_, t_ = toks[first].start, toks[dem_end].end
            out.insert(0, ActorMatch(self.fill(e.template, where), e.inter, where, s_, t_, text[s_:t_], e.kind))
            k = first
        return out

    def _is_descriptor(self, text: str, toks: list[_Tok], i: int, j: int) -> bool:
        """"Iran-backed", "pro-Iran": the country qualifies someone else."""
        after = j + 1 < len(toks) and text[toks[j].end:toks[j + 1].start] == "-" \
            and toks[j + 1].low in self.descriptor_suffixes
        before = i > 0 and text[toks[i - 1].end:toks[i].start] == "-" \
            and toks[i - 1].low in self.descriptor_prefixes
        return bool(after or before)

    def _match(self, text: str, toks: list[_Tok], i: int, j: int, e: _Entry,
               country: str | None) -> ActorMatch:
        name, where = self._name(e, country)
        if e.kind == "named" and j < len(toks) and toks[j].low in self.member_nouns \
                and _GAP_OK.fullmatch(_gap(text, toks, j)):
            j += 1   # "Taliban fighters" is one mention, not a group plus unidentified fighters
        s, t = toks[i].start, toks[j - 1].end
        bare = e.kind != "named" and e.country is None
        m = ActorMatch(name, e.inter, where, s, t, text[s:t], e.kind, bare=bare)
        if e.kind in ("armed", "named", "state"):
            m.descriptor = self._descriptor(text, toks, i)
        return m

    def _descriptor(self, text: str, toks: list[_Tok], i: int) -> str | None:
        """The qualifier before an actor: "Iran-backed militias", "pro-government militia"."""
        for k in (i - 1, i - 2):
            if k < 0:
                return None
            if k > 0 and toks[k].low in self.descriptor_suffixes and text[toks[k - 1].end:toks[k].start] == "-":
                return text[toks[k - 1].start:toks[k].end]
            if k + 1 < len(toks) and toks[k].low in self.descriptor_prefixes \
                    and text[toks[k].end:toks[k + 1].start] == "-":
                return text[toks[k].start:toks[k + 1].end]
        return None


def _gap(text: str, toks: list[_Tok], j: int) -> str:
    g = text[toks[j - 1].end:toks[j].start]
    # "U.S. forces": a dot right after a one-letter token is part of an abbreviation.
    if g.startswith(".") and len(toks[j - 1].text) == 1:
        g = g[1:]
    return g


def _case_ok(toks: list[_Tok], keys: list[str], cs: list[bool]) -> bool:
    return all(not c or t.text == k for t, k, c in zip(toks, keys, cs))


@lru_cache(maxsize=1)
def get_actor_kb() -> ActorKB:
    """The actor knowledge base, loaded once per process."""
    with DATA.open(encoding="utf-8") as f:
        return ActorKB(yaml.safe_load(f))

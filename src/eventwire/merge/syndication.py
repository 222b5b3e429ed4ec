"""Syndication: group copies and near-copies of one story.

A wire story reaches us many times: reposted verbatim, shortened by one site, expanded by
another, wrapped in a site's boilerplate, or rewritten with its sentences reordered. These
copies are one *independent* report, and an undated copy can take its date from a dated one.

Method: word shingles taken inside sentences (so reordering sentences keeps them), MinHash
LSH (datasketch) for candidate pairs at a low Jaccard level, plus an index of exact sentence
hashes (a shortened copy can have a low Jaccard but shares whole sentences). Every candidate
is then *verified exactly* on the shingle sets, which is cheap and precise:

- containment: share of the shorter text's shingles found in the longer one, and
- sentence overlap: share of the shorter text's sentences found (verbatim-ish) in the other.

Thresholds are data: ``merge/data/syndication.yaml``.
"""
from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass, replace
from functools import lru_cache

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from eventwire.merge.config import load
from eventwire.models import Article

_ACRONYM = re.compile(r"\b(?:[^\W\d_]\.){2,}")  # "U.S." / "U.N." -> "US" / "UN", as other sites spell them
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[^\W_])|\s*\n\s*")
_TOKEN = re.compile(r"[^\W_]+")
_MASK32 = np.uint64(0xFFFFFFFF)
_MULT = np.uint64(0x9E3779B97F4A7C15)


def _cfg() -> dict:
    return load("syndication")


@lru_cache(maxsize=200_000)
def _token_hash(token: str) -> int:
    return zlib.crc32(token.encode("utf-8"))


def _identity(x: int) -> int:
    return x


@lru_cache(maxsize=1)
def _permutations() -> tuple:
    c = _cfg()
    return MinHash(num_perm=c["num_perm"], seed=c["seed"], scheme=c["scheme"]).permutations


def sentences(text: str) -> list[list[str]]:
    """Normalised sentences: lists of lowercase alphanumeric tokens."""
    text = _ACRONYM.sub(lambda m: m.group(0).replace(".", ""), text)
    out = []
    for part in _SENTENCE_END.split(text):
        tokens = _TOKEN.findall(part.lower())
        if tokens:
            out.append(tokens)
    return out


@dataclass
class _Doc:
    """What verification needs of one text: its shingle set and its sentences' shingles."""

    shingles: np.ndarray        # sorted unique uint64 (32-bit values)
    sent_shingles: np.ndarray   # shingles of the long-enough sentences, concatenated
    sent_index: np.ndarray      # which of those sentences each entry belongs to
    sent_hashes: tuple[int, ...]


def _window_hashes(hashes: np.ndarray, sent_ids: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """Hashes of the k-token windows lying inside one sentence, and their sentence ids."""
    n = hashes.size - k + 1
    if n <= 0:
        return np.empty(0, np.uint64), np.empty(0, np.int64)
    h = hashes[:n].copy()
    for j in range(1, k):
        h = h * _MULT + hashes[j:j + n]
    h ^= h >> np.uint64(29)
    h = (h * _MULT) >> np.uint64(32)
    keep = sent_ids[:n] == sent_ids[k - 1:k - 1 + n]
    return h[keep] & _MASK32, sent_ids[:n][keep]


def _doc(text: str) -> _Doc:
    c = _cfg()
    sents = sentences(text)
    tokens = [t for s in sents for t in s]
    hashes = np.fromiter((_token_hash(t) for t in tokens), np.uint64, len(tokens))
    sent_ids = np.repeat(np.arange(len(sents)), [len(s) for s in sents])
    shingles, owners = _window_hashes(hashes, sent_ids, c["shingle_words"])
    long_ids = [i for i, s in enumerate(sents) if len(s) >= c["sentence_min_tokens"]]
    remap = np.full(len(sents) + 1, -1)
    remap[long_ids] = np.arange(len(long_ids))
    owner_long = remap[owners] if owners.size else owners
    keep = owner_long >= 0
    sent_hashes = tuple(_sentence_hash(sents[i]) for i in long_ids)
    return _Doc(np.unique(shingles), shingles[keep], owner_long[keep], sent_hashes)


def _sentence_hash(tokens: list[str]) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(tokens).encode(), digest_size=8).digest(), "big")


def _minhash(doc: _Doc) -> LeanMinHash:
    c = _cfg()
    mh = MinHash(num_perm=c["num_perm"], seed=c["seed"], scheme=c["scheme"], hashfunc=_identity,
                 permutations=_permutations())
    mh.update_batch(doc.shingles.tolist())
    return LeanMinHash(mh)


def _serialise(mh: LeanMinHash) -> bytes:
    buf = bytearray(mh.bytesize())
    mh.serialize(buf)
    return bytes(buf)


def signature(text: str) -> bytes:
    """Serialised MinHash of ``text``'s shingles (fixed seed), to store with the article."""
    return _serialise(_minhash(_doc(text)))


def _found_in(values: np.ndarray, sorted_set: np.ndarray) -> np.ndarray:
    """Boolean mask: which ``values`` occur in ``sorted_set`` (sorted, unique, non-empty)."""
    at = np.minimum(np.searchsorted(sorted_set, values), sorted_set.size - 1)
    return sorted_set[at] == values


def _sentence_share(a: _Doc, b: _Doc) -> tuple[float, int]:
    """Share (and number) of ``a``'s long sentences whose shingles are mostly found in ``b``."""
    n = len(a.sent_hashes)
    if n == 0 or a.sent_shingles.size == 0:
        return 0.0, 0
    found = _found_in(a.sent_shingles, b.shingles)
    hits = np.bincount(a.sent_index, weights=found, minlength=n)
    totals = np.bincount(a.sent_index, minlength=n)
    shared = int(np.sum((totals > 0) & (hits >= _cfg()["sentence_match"] * totals)))
    return shared / n, shared


def similarity(a: _Doc, b: _Doc) -> float | None:
    """Score in [0, 1] when ``a`` and ``b`` are copies of one story, else None. Symmetric."""
    c = _cfg()
    la, lb = a.shingles.size, b.shingles.size
    if not la or not lb:
        return None
    small, large = (a.shingles, b.shingles) if la <= lb else (b.shingles, a.shingles)
    inter = int(np.count_nonzero(_found_in(small, large)))
    shorter = min(la, lb)
    containment = inter / shorter
    if shorter < c["min_shingles"]:
        containment = containment if inter / (la + lb - inter) >= c["jaccard_short_min"] else 0.0
    share_ab, n_ab = _sentence_share(a, b)
    share_ba, n_ba = _sentence_share(b, a)
    share, shared = max((share_ab, n_ab), (share_ba, n_ba))
    if shared < c["min_shared_sentences"]:
        share = 0.0
    if containment >= c["containment_min"] or share >= c["sentence_share_min"]:
        return round(max(containment, share), 6)
    return None


class SyndicationIndex:
    """In-memory index of articles for near-copy queries.

    Load stored articles with their stored ``signature`` (skips the MinHash computation);
    the text is still needed for exact verification. Re-adding an id replaces it.
    """

    def __init__(self) -> None:
        c = _cfg()
        self._lsh = MinHashLSH(threshold=c["lsh_threshold"], num_perm=c["num_perm"])
        self._docs: dict[str, _Doc] = {}
        self._sketches: dict[str, LeanMinHash] = {}  # LSH keeps band keys only; queries need the sketch
        self._by_sentence: dict[int, set[str]] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._docs

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, article_id: str, text: str, signature: bytes | None = None) -> None:
        """Index one article (``signature`` as made by :func:`signature`, or None to compute)."""
        if article_id in self._docs:
            self.remove(article_id)
        doc = _doc(text)
        self._docs[article_id] = doc
        if doc.shingles.size:
            sketch = self._signature(doc, signature)
            self._sketches[article_id] = sketch
            self._lsh.insert(article_id, sketch)
        for h in set(doc.sent_hashes):
            self._by_sentence.setdefault(h, set()).add(article_id)

    def remove(self, article_id: str) -> None:
        doc = self._docs.pop(article_id)
        if self._sketches.pop(article_id, None) is not None:
            self._lsh.remove(article_id)
        for h in set(doc.sent_hashes):
            self._by_sentence[h].discard(article_id)

    def _signature(self, doc: _Doc, stored: bytes | None) -> LeanMinHash:
        c = _cfg()
        if stored:
            mh = LeanMinHash.deserialize(stored)
            if len(mh) == c["num_perm"] and mh.seed == c["seed"]:
                return mh
        return _minhash(doc)  # no signature, or one made with other settings

    def signature(self, article_id: str) -> bytes | None:
        """The stored form of an indexed article's MinHash (None when it has no shingles)."""
        sketch = self._sketches.get(article_id)
        return _serialise(sketch) if sketch is not None else None

    def candidates(self, article_id: str) -> set[str]:
        """Ids that may be copies: LSH neighbours and articles sharing a whole sentence."""
        doc = self._docs[article_id]
        found: set[str] = set()
        if article_id in self._sketches:
            found.update(self._lsh.query(self._sketches[article_id]))
        limit = _cfg()["max_sentence_df"]
        for h in set(doc.sent_hashes):
            ids = self._by_sentence.get(h, ())
            if len(ids) <= limit:
                found.update(ids)
        found.discard(article_id)
        return found

    def score(self, a: str, b: str) -> float | None:
        """Similarity of two indexed articles when they are copies, else None."""
        return similarity(self._docs[a], self._docs[b])

    def near_copies(self, article_id: str) -> list[tuple[str, float]]:
        """Other indexed articles that are copies of ``article_id``, best first: (id, score)."""
        out = []
        for other in self.candidates(article_id):
            s = self.score(article_id, other)
            if s is not None:
                out.append((other, s))
        return sorted(out, key=lambda p: (-p[1], p[0]))


def group_copies(texts: dict[str, str]) -> dict[str, str]:
    """article id -> group id: the smallest article id of its connected group of copies.

    Depends only on the set of texts, not their order.
    """
    index = SyndicationIndex()
    for article_id in sorted(texts):
        index.add(article_id, texts[article_id])
    parent = {a: a for a in texts}

    def find(a: str) -> str:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    for a in sorted(texts):
        for b in index.candidates(a):
            if b > a and find(a) != find(b) and index.score(a, b) is not None:
                ra, rb = find(a), find(b)
                parent[max(ra, rb)] = min(ra, rb)
    return {a: find(a) for a in texts}


class CopyGroups:
    """Syndication groups kept current as articles arrive, for incremental ingest.

    Groups are the connected groups of copies, each named by its smallest article id, so the
    grouping depends on the set of articles, not on the order they came in. Adding an
    article only ever joins groups.
    """

    def __init__(self) -> None:
        self.index = SyndicationIndex()
        self._parent: dict[str, str] = {}
        self._members: dict[str, set[str]] = {}

    def __contains__(self, article_id: str) -> bool:
        return article_id in self._parent

    def load(self, article_id: str, text: str, signature: bytes | None, group: str | None) -> None:
        """An article already stored, with its stored signature and group."""
        self.index.add(article_id, text, signature)
        root = group or article_id
        for node in {root, article_id}:
            self._parent.setdefault(node, node)
            self._members.setdefault(node, {node})
        self._union(article_id, root)

    def add(self, article_id: str, text: str) -> set[str]:
        """Index a new (or changed) article; return the ids whose group changed."""
        self.index.add(article_id, text)
        self._parent.setdefault(article_id, article_id)
        self._members.setdefault(article_id, {article_id})
        changed: set[str] = set()
        for other, _score in self.index.near_copies(article_id):
            changed |= self._union(article_id, other)
        return changed

    def group(self, article_id: str) -> str:
        node = article_id
        while self._parent[node] != node:
            self._parent[node] = self._parent[self._parent[node]]
            node = self._parent[node]
        return node

    def members(self, group: str) -> set[str]:
        return set(self._members.get(self.group(group), {group}))

    def _union(self, a: str, b: str) -> set[str]:
        ra, rb = self.group(a), self.group(b)
        if ra == rb:
            return set()
        keep, gone = min(ra, rb), max(ra, rb)
        self._parent[gone] = keep
        moved = self._members.pop(gone)
        self._members[keep] |= moved
        return moved


def date_undated(articles: list[Article], groups: dict[str, str]) -> list[Article]:
    """Undated articles take the date of the earliest dated copy in their group.

    The earliest dated copy is taken as the story's original date: republications only come
    later (an aggregator's page date can be weeks after the story). The new date keeps its
    precision, and ``published_from`` says ``syndication:<id of the copy>``. Returns new
    Article objects (the others unchanged, same order); inputs are not modified.
    """
    # A date taken from a copy before is re-derived: a copy dated earlier may have arrived since.
    articles = [replace(a, published=None, published_precision=None, published_from=None)
                if (a.published_from or "").startswith("syndication:") else a for a in articles]
    earliest: dict[str, Article] = {}
    for a in articles:
        if a.published:
            g = groups.get(a.id, a.id)
            best = earliest.get(g)
            if best is None or (_date_key(a), a.id) < (_date_key(best), best.id):
                earliest[g] = a
    out = []
    for a in articles:
        donor = earliest.get(groups.get(a.id, a.id))
        if a.published is None and donor is not None:
            a = replace(a, published=donor.published, published_precision=donor.published_precision,
                        published_from=f"syndication:{donor.id}")
        out.append(a)
    return out


def _date_key(a: Article) -> tuple[str, str]:
    """Sortable date: the calendar part first, so "2020-01-05" and "2020-01-05T02:33" compare."""
    return (a.published or "")[:10], a.published or ""

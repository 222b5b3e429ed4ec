"""Syndication: copies and near-copies of a story group; different stories do not."""
from __future__ import annotations

import random

from eventwire.merge.syndication import SyndicationIndex, date_undated, group_copies, signature
from eventwire.models import Article

# Two different wire stories on consecutive days about the same (invented) conflict: same
# vocabulary and one shared background sentence, but different news.
STORY = [
    "Gunmen attacked a police checkpoint on the northern highway outside Valdora late on Monday, killing four officers, the regional governor said.",
    "The attackers arrived in two pickup trucks and opened fire before fleeing into the hills, according to a security official who asked not to be named.",
    "Two civilians waiting at the checkpoint were wounded and taken to the provincial hospital, where doctors said they were in stable condition.",
    "No group immediately claimed responsibility for the attack, the third on security forces in the province this month.",
    "The governor ordered the highway closed and said reinforcements had been sent to search the surrounding villages.",
    "Insurgents have stepped up attacks in the northern province since the collapse of peace talks with the central government last year.",
    "Residents said they heard heavy gunfire for about twenty minutes and saw smoke rising from the checkpoint.",
    "The interior ministry condemned what it called a cowardly act and promised to bring those responsible to justice.",
]
NEXT_DAY_STORY = [
    "Security forces arrested six suspects on Tuesday in connection with an ambush on a police checkpoint near Valdora, the interior ministry said.",
    "The suspects were detained during raids on three villages in the hills north of the provincial capital, a ministry spokesman told reporters.",
    "Officers seized rifles, ammunition and a pickup truck believed to have been used in the ambush, he added.",
    "Insurgents have stepped up attacks in the northern province since the collapse of peace talks with the central government last year.",
    "The highway reopened to traffic on Tuesday afternoon under heavy guard, with soldiers checking every vehicle.",
    "Relatives of the officers killed in the ambush gathered outside the governor's office to demand better protection for the police.",
    "The governor said the investigation was continuing and that more arrests were expected in the coming days.",
    "Local elders called for calm and urged residents to cooperate with the security forces.",
]
BOILERPLATE = [
    "Sign up for our daily newsletter to get the top stories delivered to your inbox every morning.",
    "Follow us on social media for the latest updates from around the region and the world.",
    "Copyright notice: all rights reserved and this material may not be republished without permission.",
]


def text(sentences: list[str]) -> str:
    return " ".join(sentences)


def grouped(texts: dict[str, str]) -> set[frozenset[str]]:
    by_group: dict[str, set[str]] = {}
    for article_id, group in group_copies(texts).items():
        by_group.setdefault(group, set()).add(article_id)
    return {frozenset(g) for g in by_group.values()}


def test_copies_and_versions_group_but_the_next_days_story_does_not() -> None:
    edited = [s.replace("late on Monday", "on Monday night").replace("stable", "a stable") for s in STORY]
    reordered = STORY[:3][::-1] + ["A spokesman for the provincial police gave no further details."] + STORY[3:6]
    texts = {
        "a-orig": text(STORY),
        "b-repost": text(STORY),
        "c-short": text(STORY[:4]),
        "d-longer": text(STORY + ["Analysts said the attack showed the insurgents could still strike close to the city despite months of military operations."]),
        "e-wrapped": text(BOILERPLATE[:2] + STORY + BOILERPLATE[2:]),
        "f-edited": text(edited),
        "g-reordered": text(reordered),
        "h-next-day": text(NEXT_DAY_STORY),
        "i-next-day-copy": text(BOILERPLATE + NEXT_DAY_STORY[:5]),
    }
    assert grouped(texts) == {
        frozenset({"a-orig", "b-repost", "c-short", "d-longer", "e-wrapped", "f-edited", "g-reordered"}),
        frozenset({"h-next-day", "i-next-day-copy"}),
    }


def test_group_id_is_smallest_id_and_order_independent() -> None:
    texts = {"z": text(STORY), "m": text(STORY[:5]), "q": text(NEXT_DAY_STORY)}
    first = group_copies(texts)
    items = list(texts.items())
    random.Random(3).shuffle(items)
    assert group_copies(dict(items)) == first == {"z": "m", "m": "m", "q": "q"}


def test_short_texts_need_near_identity() -> None:
    texts = {"a": "Four officers were killed on Monday.", "b": "Four officers were wounded on Monday.",
             "c": "Four officers were killed on Monday."}
    assert grouped(texts) == {frozenset({"a", "c"}), frozenset({"b"})}


def test_empty_text_is_its_own_group() -> None:
    assert group_copies({"a": "", "b": ""}) == {"a": "a", "b": "b"}


def test_signature_is_deterministic_and_reusable() -> None:
    sig = signature(text(STORY))
    assert sig == signature(text(STORY)) and isinstance(sig, bytes)
    assert sig != signature(text(NEXT_DAY_STORY))
    index = SyndicationIndex()
    index.add("a", text(STORY), sig)
    index.add("b", text(STORY[:4]), signature(text(STORY[:4])))
    index.add("c", text(NEXT_DAY_STORY))
    assert [i for i, _ in index.near_copies("a")] == ["b"]
    assert index.near_copies("c") == []
    score = index.near_copies("b")[0][1]
    assert 0.5 < score <= 1.0


def test_index_add_replaces_an_id() -> None:
    index = SyndicationIndex()
    index.add("a", text(STORY))
    index.add("b", text(STORY))
    index.add("b", text(NEXT_DAY_STORY))
    assert index.near_copies("a") == [] and len(index) == 2


def article(article_id: str, published: str | None, precision: str | None = "day") -> Article:
    return Article(id=article_id, text="x", published=published,
                   published_precision=precision if published else None,
                   published_from="input" if published else None)


def test_date_undated_takes_earliest_dated_copy() -> None:
    arts = [article("a", "2021-03-09T10:00:00+00:00", "minute"), article("b", None),
            article("c", "2021-03-08"), article("d", None), article("e", "2021-04-01")]
    groups = {"a": "a", "b": "a", "c": "a", "d": "d", "e": "e"}
    out = date_undated(arts, groups)
    assert [a.id for a in out] == ["a", "b", "c", "d", "e"]
    b = out[1]
    assert (b.published, b.published_precision, b.published_from) == ("2021-03-08", "day", "syndication:c")
    assert out[3].published is None  # no dated copy
    assert arts[1].published is None and out[0] is arts[0]  # inputs untouched

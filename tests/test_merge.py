"""Event coreference and reconciliation: one row per real-world event."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from eventwire.merge.events import ArticleInfo, blocks_touched, merge_mentions, related_mentions
from eventwire.models import Mention, Span

SHELLING = "Shelling/artillery/missile attack"
AIR = "Air/drone strike"
# Invented places: merging is about structure, not geography.
CAMP_NORTH = dict(location="Camp North", admin1="Upper Province", latitude=10.00, longitude=20.00)
CAMP_NORTH_GATE = dict(location="Camp North Gate", admin1="Upper Province", latitude=10.03, longitude=20.02)  # ~4 km
CAMP_EAST = dict(location="Camp East", admin1="Upper Province", latitude=10.00, longitude=20.73)  # ~80 km


def mention(mid: str, article: str, sent: int = 0, sub: str = SHELLING, date: str | None = "2021-03-06",
            precision: str | None = "day", geo: int | None = 1, place: dict | None = None, **kw) -> Mention:
    """A mention in sentence ``sent`` of ``article`` (defaults: a shelling at Camp North)."""
    event_type = {SHELLING: "Explosions/Remote violence", AIR: "Explosions/Remote violence"}.get(sub, "Battles")
    fields = dict(CAMP_NORTH if place is None else place)
    if geo == 3:
        fields = dict(location="Freedonia", admin1=None, latitude=None, longitude=None)
    return Mention(
        id=mid, article_id=article, sentence=Span(article, sent * 100, sent * 100 + 80, f"sentence {sent}"),
        disorder_type="Political violence", event_type=event_type, sub_event_type=sub,
        event_date=date, date_precision=precision if date else None, country="Freedonia",
        geo_precision=geo, **fields, **kw)


def infos(groups: dict[str, str]) -> dict[str, ArticleInfo]:
    return {a: ArticleInfo(a, f"site-{a}", f"https://example.org/{a}", None, g) for a, g in groups.items()}


def clusters(events) -> set[frozenset[str]]:
    return {frozenset(e.mention_ids) for e in events}


def test_one_event_across_three_articles_with_an_undated_copy() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a1"})  # a3 is an undated copy of a1
    ms = [
        mention("m1", "a1", fatalities=2),
        mention("m2", "a2", place=CAMP_NORTH_GATE, fatalities=2),
        mention("m3", "a3", date=None, date_text=Span("a3", 5, 16, "on Saturday"), fatalities=2),
    ]
    [event] = merge_mentions(ms, art)
    assert event.mention_ids == ["m1", "m2", "m3"]
    assert (event.source_count, event.independent_sources) == (3, 2)
    assert (event.event_date, event.date_precision, event.location) == ("2021-03-06", "day", "Camp North")
    assert "Reported by 3 sources (2 independent)." in event.notes


def test_undated_mention_contradicting_its_weekday_stays_apart() -> None:
    art = infos({"a1": "a1", "a3": "a1"})
    ms = [mention("m1", "a1"), mention("m3", "a3", date=None, date_text=Span("a3", 0, 10, "on Tuesday"))]
    assert len(merge_mentions(ms, art)) == 2  # 2021-03-06 was a Saturday


def test_undated_mention_of_another_story_needs_strong_agreement() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    dated = mention("m1", "a1", actor2="Freedonian Army")
    weak = mention("m2", "a2", date=None)
    strong = mention("m3", "a3", date=None, actor2="Freedonian Army")
    assert clusters(merge_mentions([dated, weak, strong], art)) == {frozenset({"m1", "m3"}), frozenset({"m2"})}


def test_undated_report_naming_the_same_weekday_at_the_same_place_joins() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    dated = mention("m1", "a1")  # a Saturday
    saturday = mention("m2", "a2", date=None, date_text=Span("a2", 0, 11, "on Saturday"))
    elsewhere = mention("m3", "a3", date=None, date_text=Span("a3", 0, 11, "on Saturday"), place=CAMP_EAST)
    assert clusters(merge_mentions([dated, saturday, elsewhere], art)) == {
        frozenset({"m1", "m2"}), frozenset({"m3"})}


def test_two_bases_attacked_the_same_evening_are_two_events() -> None:
    art = infos({"a1": "a1", "a2": "a2"})
    ms = [mention("m1", "a1"), mention("m2", "a2", place=CAMP_EAST)]
    assert len(merge_mentions(ms, art)) == 2


def test_same_place_three_days_apart_are_two_events() -> None:
    art = infos({"a1": "a1", "a2": "a2"})
    ms = [mention("m1", "a1"), mention("m2", "a2", date="2021-03-09")]
    assert len(merge_mentions(ms, art)) == 2


def test_day_matches_the_week_it_lies_in() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    ms = [mention("m1", "a1"), mention("m2", "a2", date="2021-03-01", precision="week"),
          mention("m3", "a3", date="2021-02-22", precision="week")]
    assert clusters(merge_mentions(ms, art)) == {frozenset({"m1", "m2"}), frozenset({"m3"})}


def test_same_article_remention_merges_but_same_sentence_never() -> None:
    art = infos({"a1": "a1"})
    ms = [mention("m1", "a1", sent=0), mention("m2", "a1", sent=4, geo=3, precision="week"),
          mention("m3", "a1", sent=0, place=CAMP_NORTH_GATE)]
    assert clusters(merge_mentions(ms, art)) == {frozenset({"m1", "m2"}), frozenset({"m3"})}


def test_named_actors_in_conflict_stay_apart_unidentified_merges() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    ms = [mention("m1", "a1", actor1="Northern Front"), mention("m2", "a2", actor1="Southern Brigade"),
          mention("m3", "a3", actor1="Unidentified Armed Group (Freedonia)")]
    events = merge_mentions(ms, art)
    assert len(events) == 2
    assert {e.actor1 for e in events} == {"Northern Front", "Southern Brigade"}


def test_related_sub_types_merge_only_on_strong_evidence() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    assert len(merge_mentions([mention("m1", "a1"), mention("m2", "a2", sub=AIR)], art)) == 1
    vague = [mention("m1", "a1", geo=3), mention("m2", "a2", sub=AIR, geo=3)]
    assert len(merge_mentions(vague, art)) == 2
    assert len(merge_mentions([mention("m1", "a1"), mention("m3", "a3", sub="Armed clash")], art)) == 2
    undated = [mention("m1", "a1", date=None), mention("m2", "a1", sent=3, sub=AIR, date=None)]
    assert len(merge_mentions(undated, art)) == 2  # an article listing attacks of unknown dates


def test_vague_mention_joins_one_cluster_and_does_not_chain_two() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    ms = [mention("m1", "a1"), mention("m2", "a2", place=CAMP_EAST), mention("m3", "a3", geo=3)]
    events = merge_mentions(ms, art)
    assert len(events) == 2
    assert sorted(len(e.mention_ids) for e in events) == [1, 2]


def test_reconciled_fields() -> None:
    art = infos({"a1": "w", "a2": "w", "a3": "w", "a4": "a4", "a5": "a5"})
    ms = [
        mention("m1", "a1", fatalities=7, injuries=3, geo=2, place=CAMP_NORTH_GATE),
        mention("m2", "a2", fatalities=8, precision="week", date="2021-03-01"),
        mention("m3", "a3", fatalities=8, actor1="Unidentified Armed Group (Freedonia)"),
        mention("m4", "a4", fatalities=7, actor1="Northern Front", blamed="Northern Front"),
        mention("m5", "a5", sub=AIR, date=None, geo=3),  # same story? no: other group, vague, other sub-type
    ]
    events = merge_mentions(ms, art)
    [e] = [e for e in events if "m1" in e.mention_ids]
    assert e.mention_ids == ["m1", "m2", "m3", "m4"]
    assert (e.event_date, e.date_precision) == ("2021-03-06", "day")
    assert (e.location, e.geo_precision) == ("Camp North", 1)
    assert e.fatalities == 7 and e.fatalities_range == [7, 8]  # 2 vs 2 articles: the lower
    assert e.injuries == 3
    assert e.actor1 == "Northern Front"
    assert e.disagreements == {"fatalities": [7, 8]}
    assert (e.source_count, e.independent_sources) == (4, 2)
    assert e.article_ids == ["a1", "a2", "a3", "a4"]
    assert [s.article_id for s in e.sources] == ["a1", "a2", "a3", "a4"]
    assert "Blamed on: Northern Front." in e.notes


def test_fatalities_mode_zero_counts_and_specific_sub_type_wins() -> None:
    art = infos({f"a{i}": f"a{i}" for i in range(4)})
    ms = [mention("m0", "a0", fatalities=0, sub="Armed clash"),
          mention("m1", "a1", fatalities=0, sub="Government regains territory"),
          mention("m2", "a2", fatalities=3, sub="Armed clash"),
          mention("m3", "a3", fatalities=None, sub="Armed clash")]
    [e] = merge_mentions(ms, art)
    assert (e.fatalities, e.fatalities_range) == (0, [0, 3])
    assert (e.event_type, e.sub_event_type) == ("Battles", "Government regains territory")


def synthetic(n_events: int, seed: int) -> tuple[list[Mention], dict[str, ArticleInfo]]:
    """Reports of ``n_events`` events in one country: copies, vague and undated variants."""
    rng = random.Random(seed)
    ms, groups = [], {}
    for e in range(n_events):
        day = f"2021-{rng.randint(3, 5):02d}-{rng.randint(1, 28):02d}"
        place = dict(location=f"Town {e % 7}", admin1="Upper Province",
                     latitude=10 + (e % 7) * 0.9, longitude=20.0)
        sub = rng.choice([SHELLING, AIR, "Armed clash"])
        actor1 = rng.choice(["Northern Front", "Southern Brigade", "Unidentified Armed Group (Freedonia)"])
        for r in range(rng.randint(1, 4)):
            art = f"e{e}r{r}"
            groups[art] = f"e{e}r0" if r and rng.random() < 0.4 else art
            kind = rng.choice(["day", "day", "week", "undated", "country"])
            kw: dict = dict(sub=sub, date=day, place=place, fatalities=rng.choice([None, 1, 2, 2]),
                            actor1=actor1 if rng.random() < 0.6 else None,
                            actor2="Freedonian Army" if rng.random() < 0.5 else None)
            if kind == "week":
                kw.update(date="2021-03-01", precision="week")
            elif kind == "undated":
                kw.update(date=None)
            elif kind == "country":
                kw.update(geo=3)
            ms.append(mention(f"{art}-m", art, sent=rng.randint(0, 3), **kw))
    return ms, infos(groups)


def test_order_independence() -> None:
    ms, art = synthetic(60, seed=1)
    expected = merge_mentions(ms, art)
    for seed in range(3):
        shuffled = ms[:]
        random.Random(seed).shuffle(shuffled)
        assert merge_mentions(shuffled, art) == expected
    assert len({e.id for e in expected}) == len(expected)


@pytest.mark.parametrize("seed", range(4))
def test_incremental_merge_equals_merging_everything(seed: int) -> None:
    ms, art = synthetic(60, seed=seed)
    everything = merge_mentions(ms, art)
    rng = random.Random(seed)
    new = [m for m in ms if rng.random() < 0.15]
    new_ids = {m.id for m in new}
    stored = [m for m in ms if m.id not in new_ids]
    stored_events = merge_mentions(stored, art)

    def fetch(blocks):
        return stored, art  # a store returns a superset; related_mentions filters by block

    related, infos_seen = related_mentions(new, fetch, art)
    assert len(related) < len(stored)  # only part of the store is touched
    redone = merge_mentions(new + related, infos_seen)
    touched = {m.id for m in related}
    kept = [e for e in stored_events if not touched & set(e.mention_ids)]
    assert sorted(kept + redone, key=lambda e: e.id) == everything


def test_blocks_touched_cover_date_range_group_and_place() -> None:
    art = infos({"a1": "g"})
    week = mention("m1", "a1", date="2021-03-01", precision="week", actor1="Northern Front")
    blocks = blocks_touched([week], articles=art)
    kinds = {(b.group, b.date_from, b.date_to, b.undated_only) for b in blocks}
    assert ("g", None, None, False) in kinds
    assert (None, "2021-03-01", "2021-03-07", False) in kinds
    assert any(b.near and b.undated_only and b.actor == "Northern Front" for b in blocks)
    week_block = next(b for b in blocks if b.date_from)
    assert week_block.matches(mention("x", "zz", date="2021-03-07"), "zz")
    assert not week_block.matches(mention("y", "zz", date="2021-03-08"), "zz")
    assert week_block.matches(mention("z", "zz", date="2021-03-01", precision="month"), "zz")


def test_event_id_stable_when_a_vague_report_joins() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    base = [mention("m2", "a2"), mention("m3", "a3")]
    [before] = merge_mentions(base, art)
    [after] = merge_mentions(base + [mention("m1", "a1", geo=3)], art)
    assert before.id == after.id and before.id.startswith("ev-") and len(before.id) == 19
    assert after.source_count == 3


def test_mention_objects_are_not_modified() -> None:
    ms, art = synthetic(10, seed=3)
    copies = [replace(m) for m in ms]
    merge_mentions(ms, art)
    assert ms == copies


def _dated_infos(dated: dict[str, str | None]) -> dict[str, ArticleInfo]:
    return {a: ArticleInfo(a, None, None, pub, a) for a, pub in dated.items()}


def test_publication_window_from_shared_events() -> None:
    from eventwire.merge.dating import publication_windows

    art = _dated_infos({"d1": "2021-03-08", "d2": "2021-03-09", "u": None})
    saturday = mention("m1", "d1")  # 2021-03-06 is a Saturday
    thursday = mention("m2", "d2", sub=AIR, date="2021-03-04")
    sat_u = mention("m3", "u", date=None, date_text=Span("u", 5, 16, "on Saturday"))
    thu_u = mention("m4", "u", sent=1, sub=AIR, date=None, date_text=Span("u", 105, 116, "on Thursday"))
    events = merge_mentions([saturday, thursday, sat_u, thu_u], art)
    pool = {m.id: m for m in (saturday, thursday, sat_u, thu_u)}
    # Saturday = 6 March: published 6-12 March (within the configured 10 days); Thursday =
    # 4 March: published 4-10 March. Both hold on 6-10 March.
    assert publication_windows(events, pool, art) == {"u": "2021-03-06/2021-03-10"}


def _event(*members: Mention):
    from eventwire.models import Event

    return Event(id="ev", event_date=None, date_precision=None, disorder_type="", event_type="",
                 sub_event_type="", mention_ids=[m.id for m in members])


def test_contradicting_references_or_undated_donors_give_no_window() -> None:
    from eventwire.merge.dating import publication_windows

    art = _dated_infos({"d1": "2021-03-08", "d2": "2021-03-09", "u": None, "w": None})
    dated = mention("m1", "d1")
    yesterday = mention("m2", "u", date=None, date_text=Span("u", 5, 14, "yesterday"))
    later = mention("m3", "d2", sub=AIR, date="2021-03-08")
    also_yesterday = mention("m4", "u", sent=1, sub=AIR, date=None, date_text=Span("u", 105, 114, "yesterday"))
    pool = {m.id: m for m in (dated, yesterday, later, also_yesterday)}
    # alone, "yesterday" = 6 March puts the page on 7 March ...
    assert publication_windows([_event(dated, yesterday)], pool, art) == {"u": "2021-03-07/2021-03-07"}
    # ... but its other "yesterday" = 8 March wants the 9th: no day fits both
    assert publication_windows([_event(dated, yesterday), _event(later, also_yesterday)], pool, art) == {"u": None}
    # an article without a date of its own dates no one
    undated_donor = replace(dated, id="m5", article_id="w")
    pool[undated_donor.id] = undated_donor
    assert publication_windows([_event(undated_donor, yesterday)], pool, art) == {"u": None, "w": None}


def test_reports_relaying_one_agency_are_not_independent() -> None:
    art = {a: ArticleInfo(a, f"site-{a}", None, None, a, agencies) for a, agencies in
           (("a1", ("AFP",)), ("a2", ("AFP", "Reuters")), ("a3", ("Reuters",)), ("a4", ()))}
    ms = [mention(f"m{i}", f"a{i}", fatalities=2) for i in range(1, 5)]
    [event] = merge_mentions(ms, art)
    # a1-a2 share AFP, a2-a3 share Reuters: one report; a4 is a second
    assert event.source_count == 4 and event.independent_sources == 2


def test_different_targets_of_one_attack_at_one_spot_on_one_day_merge() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3", "a4": "a4"})
    embassy = mention("m1", "a1", actor1="Sylvanian Militia", actor2="Government of Sylvania")
    soldier = mention("m2", "a2", place=CAMP_NORTH_GATE, actor1="Sylvanian Militia", actor2="Military Forces of Freedonia")
    next_day = mention("m3", "a3", date="2021-03-07", actor2="Military Forces of Freedonia")
    other_attacker = mention("m4", "a4", actor1="Freedonian Liberation Front", actor2="Military Forces of Freedonia")
    got = clusters(merge_mentions([embassy, soldier, next_day, other_attacker], art))
    assert got == {frozenset({"m1", "m2"}), frozenset({"m3"}), frozenset({"m4"})}


def test_an_article_reports_its_largest_figure_for_an_event() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    ms = [mention("m1", "a1", sent=0, fatalities=1),   # "the commander was killed"
          mention("m2", "a1", sent=1, fatalities=10),  # "the strike killed ten"
          mention("m3", "a2", fatalities=10), mention("m4", "a3", fatalities=2)]
    [event] = merge_mentions(ms, art)
    assert event.fatalities == 10 and event.fatalities_range == [2, 10]


def test_a_named_victim_links_reports_that_share_nothing_else() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3", "a4": "a4"})
    dated = mention("m1", "a1", sub=AIR, victims=["Ibrahim Al-Tahir"], actor1="Military Forces of Sylvania")
    # undated, no actor, no weekday: only the victim ties it
    undated = mention("m2", "a2", sub=AIR, date=None, victims=["Al-Tahir"], fatalities=4)
    # its place was guessed from a dateline abroad: no proof of another event
    guessed = replace(mention("m3", "a3", sub=AIR, date=None, victims=["al-tahir"]),
                      country="Sylvania", location="Sylvania", place_text=None)
    other_victim = mention("m4", "a4", sub=AIR, date=None, victims=["Omar Haddad"])
    got = clusters(merge_mentions([dated, undated, guessed, other_victim], art))
    assert got == {frozenset({"m1", "m2", "m3"}), frozenset({"m4"})}


def test_a_victim_does_not_join_another_kind_of_event_or_a_named_place_abroad() -> None:
    art = infos({"a1": "a1", "a2": "a2", "a3": "a3"})
    strike = mention("m1", "a1", sub=AIR, victims=["Ibrahim Al-Tahir"], place_text=Span("a1", 0, 10, "Camp North"))
    clash = mention("m2", "a2", sub="Armed clash", date=None, victims=["Ibrahim Al-Tahir"])
    abroad = replace(mention("m3", "a3", sub=AIR, date=None, victims=["Ibrahim Al-Tahir"]),
                     country="Sylvania", location="Port Sylvan", place_text=Span("a3", 0, 11, "Port Sylvan"))
    got = clusters(merge_mentions([strike, clash, abroad], art))
    assert got == {frozenset({"m1"}), frozenset({"m2"}), frozenset({"m3"})}

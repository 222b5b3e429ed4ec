"""End-to-end extract() on analysed synthetic articles (real places and time modules)."""
from __future__ import annotations

import pytest

from eventwire.analyze import analyze
from eventwire.extract import extract, too_vague
from eventwire.extract.assemble import geo_precision, mention_id
from eventwire.models import Article, Mention, Place

TEXT = (
    "Two mortar rounds hit a police station in Kandahar on Saturday, while two rockets slammed "
    "into an army base near Lashkar Gah, killing no one, officials said.\n\n"
    "Police said the group was planning an imminent attack on the airport.\n\n"
    "Gunmen killed 12 villagers in Nigeria's Zamfara state in March 2021 in an attack on a market."
)


@pytest.fixture(scope="module")
def mentions():
    art = Article(id="synthetic-1", text=TEXT, published="2021-06-07T10:00:00+00:00")
    return extract(analyze(art))


def test_finds_real_events_only(mentions):
    assert [m.sub_event_type for m in mentions] == [
        "Shelling/artillery/missile attack", "Shelling/artillery/missile attack", "Attack"]


def test_types_and_evidence(mentions):
    m = mentions[0]
    assert m.event_type == "Explosions/Remote violence"
    assert m.disorder_type == "Political violence"
    assert m.trigger.text == TEXT[m.trigger.start:m.trigger.end]
    assert m.sentence.start <= m.trigger.start < m.sentence.end
    assert m.id == mention_id("synthetic-1", m.sentence.start, m.trigger.start, m.sub_event_type)


def test_dates_come_from_the_clause(mentions):
    assert mentions[0].event_date == "2021-06-05" and mentions[0].date_precision == "day"
    assert mentions[0].date_text.text.endswith("Saturday")
    assert mentions[2].event_date == "2021-03-01" and mentions[2].date_precision == "month"


def test_places_and_precision(mentions):
    assert mentions[0].location.startswith("Kandah") and mentions[0].geo_precision == 1
    assert mentions[0].country == "Afghanistan"
    assert mentions[2].country == "Nigeria"


def test_notes_are_one_acled_style_sentence(mentions):
    note = mentions[2].notes
    assert note.startswith("In March 2021, ")
    assert "Nigeria" in note


def test_undated_article_keeps_the_relative_expression():
    art = Article(id="synthetic-2", text="Rockets hit a military base near Kirkuk on Sunday.")
    (m,) = extract(analyze(art))
    assert m.event_date is None and m.date_text is not None and m.date_text.text.endswith("Sunday")


def test_undated_sentence_in_dated_article_gets_the_week():
    art = Article(id="synthetic-3", text="Rockets hit a military base near Kirkuk.",
                  published="2021-06-09")
    (m,) = extract(analyze(art))
    assert (m.event_date, m.date_precision) == ("2021-06-07", "week")


def test_geo_precision_near_and_area():
    text = "fighting near Goma and in Ituri province"
    near = Place("Goma", 13, 17, "Goma", "DR Congo", "CD", "North Kivu", 0, 0, "city")
    prov = Place("Ituri", 25, 30, "Ituri", "DR Congo", "CD", "Ituri", 0, 0, "admin1")
    assert geo_precision(text, near) == 2
    assert geo_precision(text, prov) == 2
    assert geo_precision("in Goma", Place("Goma", 3, 7, "Goma", None, None, None, 0, 0, "city")) == 1


def _mentions(text: str, published: str | None = "2021-03-10"):
    return extract(analyze(Article(id="synthetic-t", text=text, published=published)))


def test_time_of_another_clause_does_not_date_the_event():
    # "on Sunday" dates the funeral, not the strike told in the relative clause
    (m,) = _mentions("Hundreds of mourners attended a funeral on Sunday for a commander who died in "
                     "a drone strike near Sirte.")
    assert m.sub_event_type == "Air/drone strike"
    assert m.date_text is None and m.date_precision == "week"


def test_reporting_time_does_not_date_the_quoted_event():
    (m,) = _mentions("Gunmen attacked a police post in Tillaberi, the governor said in a radio "
                     "address on Monday.")
    assert m.date_text is None and m.date_precision == "week"


def test_narrative_time_carries_to_the_next_sentence():
    first, second = _mentions("On Saturday, gunmen attacked a police post in Tillaberi. Moments "
                              "later, a roadside bomb struck a patrol near Ayorou.")
    assert first.event_date == second.event_date == "2021-03-06"
    assert second.date_text.text == "Saturday" and second.location.startswith("Ayorou")


def test_narrative_time_kept_as_text_in_undated_article():
    _, second = _mentions("On Saturday, gunmen attacked a police post in Tillaberi. Moments later, "
                          "a roadside bomb struck a patrol near Ayorou.", published=None)
    assert second.event_date is None and second.date_text.text == "Saturday"


def test_plural_re_mention_with_places_gives_one_mention_per_place():
    ms = _mentions("Police confirmed the bombings in Kandahar and Herat and said nobody was hurt.")
    assert [m.location[:3] for m in ms] == ["Kan", "Her"]
    assert all(m.fatalities == 0 for m in ms) and len({m.id for m in ms}) == 2


def test_anaphoric_re_mention_is_dropped():
    ms = _mentions("Rebels ambushed a convoy near Goma on Friday.\n\nThe attack appeared to be a "
                   "reprisal.")
    assert [m.sub_event_type for m in ms] == ["Armed clash"]


def test_group_anaphor_in_target_resolves_to_named_group():
    ms = _mentions("Al-Shabaab fighters ambushed a convoy near Baidoa. Hours later, US aircraft "
                   "struck three bases belonging to the group in Jilib, killing at least 12 of its "
                   "fighters.")
    strike = ms[-1]
    assert strike.sub_event_type == "Air/drone strike"
    assert strike.actor2 == "Al Shabaab" and strike.fatalities == 12


def test_vague_mention_is_dropped():
    m = Mention(id="x", article_id="a", sentence=None, disorder_type="", event_type="",
                sub_event_type="Armed clash", actor1="Unidentified Armed Group (Chad)")
    assert too_vague(m)
    m.fatalities = 3
    assert not too_vague(m)


def test_country_owning_a_person_is_not_the_place():
    from eventwire.analyze.nlp import get_nlp
    from eventwire.extract.assemble import _affiliations

    doc = get_nlp()("Kenya's John Mwangi was shot dead in Kampala.")
    assert [doc[i].text for i in _affiliations(next(doc.sents))] == ["Kenya"]


def test_quote_restating_an_event_without_own_facts_is_not_a_new_mention():
    ms = _mentions("Rockets hit an army base near Mosul on Sunday.\n\n“Militias once again "
                   "attacked in Mosul, hurting residents,” the governor said.")
    assert [m.sub_event_type for m in ms] == ["Shelling/artillery/missile attack"]
    (m,) = _mentions("“Gunmen killed three farmers near Gao on Monday,” a local official said.")
    assert m.fatalities == 3


def test_split_places_skip_owners_and_enclosing_countries():
    ms = _mentions("Officials released new figures on the bombings of the French embassies in "
                   "Kabul, Afghanistan and Karachi, Pakistan.")
    assert [m.country for m in ms] == ["Afghanistan", "Pakistan"]
    assert all(m.location != m.country for m in ms)


def _told(text: str) -> list[Mention]:
    return extract(analyze(Article(id="synthetic-n", text=text, published="2022-03-10T10:00:00+00:00")))


def test_narrative_place_carries_to_the_next_sentence():
    text = ("Al-Shabaab fighters attacked an army post near Baidoa on Tuesday. Hours later, a roadside "
            "bomb hit a military convoy, officials said.")
    first, second = _told(text)
    assert second.location == first.location and second.geo_precision == 2
    assert second.place_text.start == first.place_text.start == text.index("Baidoa")


def test_narrative_place_from_a_dropped_anaphoric_reference():
    text = ("Clan elders called for calm after the killing of the governor near Kismayo on Thursday. "
            "The governor was shot dead by gunmen in an ambush, police said.")
    (m,) = _told(text)
    assert m.location == "Kismayo" and m.geo_precision == 2
    assert m.place_text.start == text.index("Kismayo")


def test_narrative_place_stops_at_a_new_paragraph_and_another_family():
    far = ("Al-Shabaab fighters attacked an army post near Baidoa on Tuesday.\n\nThe president flew "
           "abroad. He met the foreign minister. Talks lasted three hours.\n\nA roadside bomb hit a "
           "military convoy on Wednesday, officials said.")
    assert _told(far)[-1].place_text is None
    other = ("Thousands of students protested peacefully in Baidoa on Tuesday. Hours later, a roadside "
             "bomb hit a military convoy, officials said.")
    assert _told(other)[-1].place_text is None


def test_no_casualties_said_of_the_attacks_reaches_each_of_them():
    text = ("Two mortar shells struck a market in Mogadishu on Monday. Another shell hit a school in "
            "Afgooye. Police said the attacks caused no casualties.")
    ms = _told(text)
    assert len(ms) == 2 and all(m.fatalities == 0 and m.injuries == 0 for m in ms)
    assert all("No fatalities" in m.notes for m in ms)


def test_zero_toll_of_a_new_event_does_not_reach_earlier_ones():
    text = ("Gunmen attacked a police station in Baidoa on Tuesday. On Wednesday, rockets hit a base, "
            "causing no casualties.")
    first, second = _told(text)
    assert first.fatalities is None and second.fatalities == 0


def test_place_inside_the_event_noun_phrase_is_not_the_doer():
    # The passive agent is the event itself ("by a mortar attack in X"): X is where it happened,
    # while a place modifying the trigger ("a Turkish drone strike") still names the doer.
    text = ("The truce was shattered by a mortar attack in the old city of Aleppo on 4 May, "
            "wounding three children, hours after talks ended in Geneva.")
    (m,) = extract(analyze(Article(id="s-agent", text=text, published="2022-05-06")))
    assert m.location == "Aleppo" and m.geo_precision in (1, 2)


def test_linked_trigger_names_the_doer_the_main_trigger_leaves_unknown():
    text = "The rebel commander was killed alongside two aides in the Turkish drone attack near Qamishli on Monday."
    (m,) = extract(analyze(Article(id="s-linked", text=text, published="2021-05-05")))
    assert m.sub_event_type == "Air/drone strike"
    assert m.actor1 == "Military Forces of Turkey" and m.actor1_text is not None


def test_unlocated_new_site_does_not_take_the_carried_place():
    # "an Afghan base" is somewhere new: not the embassy of the sentence before, nor the
    # dateline's city; it falls back to the country
    text = ("Mortar shells hit a district near the British embassy in Kabul on Friday night. Minutes "
            "later, three rockets slammed into an Afghan base where Turkish soldiers are stationed, "
            "police sources said.")
    art = Article(id="s-site", text=text, published="2021-06-07", dateline="KABUL")
    first, second = extract(analyze(art))
    assert first.location.endswith("Kabul")
    assert (second.location, second.geo_precision, second.place_text) == ("Afghanistan", 3, None)
    assert second.actor2 == "Military Forces of Turkey"
    assert second.date_text.text == "Friday night"   # the narrative time still carries


def test_unlocated_village_falls_back_to_the_country():
    first, second = _told("Gunmen attacked a police post near Baidoa on Tuesday. Hours later, militants "
                          "stormed a village in the north, killing four, officials said.")
    assert first.location == "Baidoa"
    assert (second.location, second.geo_precision) == ("Somalia", 3)


def test_unlocated_site_does_not_take_another_clauses_place():
    text = ("A mortar round hit a street near the Egyptian embassy in Khartoum on Monday, while two "
            "rockets struck a base where Ethiopian soldiers are based, witnesses said.")
    first, second = _told(text)
    assert first.location.endswith("Khartoum") and first.actor2 == "Government of Egypt"
    assert (second.location, second.geo_precision) == ("Sudan", 3)
    assert second.actor2 == "Military Forces of Ethiopia"


def test_wounded_only_codes_zero_fatalities():
    (m,) = _told("A gendarme was injured when a roadside bomb exploded near a patrol in Diffa on Tuesday.")
    assert (m.fatalities, m.injuries) == (0, 1)
    assert [s.text for s in m.casualty_text] == ["A gendarme was injured"]
    (m,) = _told("Rockets hit a base near Erbil on Monday.")
    assert (m.fatalities, m.injuries) == (None, None)


def test_wounded_in_a_later_sentence_is_no_zero_for_the_earlier_event():
    first = _told("Rockets hit a base near Erbil on Monday. The attack wounded two soldiers, officials said.")[0]
    assert (first.fatalities, first.injuries) == (None, None)


def test_note_says_who_blamed_and_keeps_it_when_zeros_arrive():
    text = ("Rockets hit a base near Erbil on Monday. The Kurdish government accused the PKK of "
            "carrying out the attack. Officials said the attack caused no casualties.")
    (m,) = _told(text)
    assert m.blamed == "PKK: Kurdistan Workers Party" and m.fatalities == 0
    assert m.notes.endswith("No fatalities reported. The Kurdish government blamed PKK: Kurdistan Workers Party.")


def test_event_in_a_relative_clause_of_another_clauses_object_has_no_date():
    # "on Friday" dates the memorial, not the strike that killed the man it honours
    (m,) = _told("Thousands attended a memorial service on Friday to honour the commander, who was killed "
                 "in an air strike on a camp near Sirte that also killed six guards.")
    assert m.sub_event_type == "Air/drone strike" and m.fatalities == 6
    assert m.date_text is None and m.date_precision == "week"


@pytest.mark.parametrize("reference", [
    "referencing the October sacking of the Saudi consulate in the city of Taiz by protesters",
    "recalling Sunday's bombing of a mosque in Taiz",
])
def test_time_premodifying_an_event_noun_is_not_the_narrative_time(reference):
    text = f"The minister spoke in Aden, {reference}. An air strike hit a market in Marib, killing four civilians."
    ms = _told(text)
    strike = ms[-1]
    assert strike.location.endswith("rib") and strike.date_text is None and strike.date_precision == "week"
    if len(ms) == 2:   # the referenced event keeps its own date
        assert ms[0].date_text is not None


@pytest.mark.parametrize("text, place", [
    ("Villagers mourned the commander, whose death in a Pakistani strike near Khost early Tuesday "
     "brought vows of revenge from rivals in Kandahar.", "Khost"),
    ("A suicide bombing in Mogadishu on Monday drew condemnation from Nairobi and Addis Ababa.", "Mogadishu"),
    ("Residents mourned the commander, whose death in a Pakistani strike early Tuesday brought vows "
     "of revenge from rivals in Kandahar.", None),
])
def test_places_of_what_an_event_brought_are_not_its_place(text, place):
    art = Article(id="consequence", text=text, published="2022-03-10")
    [m] = extract(analyze(art))
    assert (m.place_text.text if m.place_text else None) == place


@pytest.mark.parametrize("text, victims", [
    ("Militia commander Abu Hamza was killed in a drone strike near Deir ez-Zor on Monday.", ["Abu Hamza"]),
    ("Gunmen shot dead opposition leader Samuel Okafor in Enugu on Monday.", ["Samuel Okafor"]),
    ("Crowds gathered in Kandahar on Sunday to honour Okafor, who died in a drone strike near Spin Boldak "
     "on Friday.", ["Okafor"]),
    ("A drone strike killed Ahmed Dualeh and two guards near Kismayo on Friday.", ["Ahmed Dualeh"]),
    # a person who speaks about a killing is not its victim
    ("Governor Maria Santos said gunmen killed three farmers in Cauca on Tuesday.", []),
])
def test_named_victims(text, victims):
    art = Article(id="victims", text=text, published="2022-03-10")
    got = [m.victims for m in extract(analyze(art))]
    assert got and all(v == victims for v in got)


def test_a_nationality_word_is_never_the_place_of_an_event():
    text = "Russian drones struck an energy facility overnight, the Ukrainian air force said on Tuesday."
    art = Article(id="demonym", text=text, published="2023-10-11", dateline="KYIV")
    [m] = extract(analyze(art))
    assert m.place_text is None and m.country != "Russia"   # an unplaced new site: no place, not Russia

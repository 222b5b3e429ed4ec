"""Casualty counts, numbers and weapons, on short hand-written sentences from many regions."""
from __future__ import annotations

import pytest

from eventwire.analyze.nlp import get_nlp
from eventwire.extract.casualties import Casualties, Weapon, find_casualties, find_weapon, parse_number


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def cas(nlp, text) -> Casualties:
    doc = nlp(text)
    return find_casualties(doc, 0, len(text))


def weapon(nlp, text) -> Weapon | None:
    doc = nlp(text)
    return find_weapon(doc, 0, len(text))


@pytest.mark.parametrize("text,expected", [
    ("seven", 7), ("7", 7), ("at least 25", 25), ("1,000", 1000), ("twenty-five", 25),
    ("two hundred and fifty", 250), ("a dozen", 12), ("two-dozen", 24), ("two dozen", 24),
    ("dozens", 12), ("tens", 10), ("hundreds", 100), ("several", 3), ("a few", 3),
    ("a total of five soldiers and five civilians", 10), ("10 to 15", 10), ("between 10 and 15", 10),
    ("more than 40", 40), ("some 30", 30), ("several dozen", 12), ("no", None), ("", None), ("a", None),
])
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text,fatalities,injuries", [
    ("A rocket attack killed seven civilians near the capital.", 7, None),
    ("A total of five soldiers and five civilians were killed in the blast.", 10, None),
    ("The bombing killed one and injured five other civilians.", 1, 5),
    ("Gunmen stormed the village, killing a child.", 1, None),
    ("A district mayor was killed alongside his bodyguard in an ambush near Gao.", 2, None),
    ("The mayor and his driver were killed in an ambush near Gao.", 2, None),
    ("A police commander was killed along with four others when gunmen opened fire.", 5, None),
    ("A police commander was killed together with three of his guards in Maiduguri.", 4, None),
    ("The army said its jets struck rebel hideouts in Sudan and Chad - killing at least 30 of its fighters.", 30, None),
    ("Helicopters pounded positions around Kidal (which the rebels had held for months since the "
     "uprising began) — killing 12.", 12, None),
    ("The drone strike killed 14 of their militants in Helmand.", 14, None),
    ("Troops shelled the town in Darfur and Kordofan - killing some 30 people.", 30, None),
    ("Police raided the camp in Borno; injuring 6 residents, witnesses said.", 0, 6),   # wounded only: nobody died
    ("At least 25 people were killed in the attack on the market.", 25, None),
    ("Militants killed a US contractor in Kirkuk.", 1, None),
    ("A soldier was killed when his patrol hit a mine.", 1, None),
    ("One Iraqi soldier was wounded.", 0, 1),
    ("The attack left 3 dead and 12 wounded.", 3, 12),
    ("Fighting left 15 people dead and 20 injured, officials said.", 15, 20),
    ("The death toll rose to 12 on Sunday.", 12, None),
    ("Seven civilians, including three children, were killed.", 7, None),
    ("Dozens of people were killed in clashes in Darfur.", 12, None),
    ("Two policemen died of their wounds in hospital.", 2, None),
    ("A drone strike killed the commander and nine others.", 10, None),
    ("Ahmed and Ali were killed in the raid.", 2, None),
    ("The blast wounded 17 people and killed four in Peshawar.", 4, 17),
    ("Three people were hurt when the grenade exploded.", 0, 3),
    ("Bandits killed 12 villagers and abducted 30 others in Zamfara.", 12, None),
    ("Police shot dead two protesters in Lagos.", 2, None),
    ("Security forces gunned down three suspected militants.", 3, None),
])
def test_counts(nlp, text, fatalities, injuries):
    c = cas(nlp, text)
    assert (c.fatalities, c.injuries) == (fatalities, injuries)


@pytest.mark.parametrize("text,fatalities,injuries", [
    ("Eight rockets hit near the embassy, but no one was hurt.", 0, 0),
    ("There were no casualties.", 0, 0),
    ("No injuries were reported after the blast.", 0, 0),
    ("Nobody was killed in the explosion.", 0, None),
    ("The shells caused no casualties, the army said.", 0, 0),
    ("One person was killed but no one else was injured.", 1, 0),
])
def test_reported_zeros(nlp, text, fatalities, injuries):
    c = cas(nlp, text)
    assert (c.fatalities, c.injuries) == (fatalities, injuries)


@pytest.mark.parametrize("text", [
    "Insurgents fired eight rockets at the base.",                       # weapons
    "Gunmen shot a 19-year-old student 1,000 meters from the checkpoint.",  # age, distance (no death)
    "The 2019 attack is still remembered by 300 residents.",             # year, unrelated number
    "Police seized $5,000 and 40 rifles at 10 am.",                      # money, weapons, time
    "Soldiers were deployed to the area.",                               # no casualty verb
    "The clashes have lasted 12 days.",
    "Civilians were killed in the strike.",                              # plural, no number: unknown
])
def test_numbers_that_are_not_casualties(nlp, text):
    c = cas(nlp, text)
    assert (c.fatalities, c.injuries) == (None, None)


@pytest.mark.parametrize("text,fatalities,injuries", [
    # ACLED: a report of wounded that says nothing of deaths codes zero fatalities
    ("A gendarme was injured when a bomb went off near a checkpoint in Diffa.", 0, 1),
    ("The blast wounded four people and damaged several shops.", 0, 4),
    # ... but any word of death leaves the count to what is stated
    ("The deadly blast wounded 14 people.", None, 14),
    ("A policeman was fatally wounded in the attack.", None, 1),
    ("Three soldiers were wounded and others were killed in the ambush.", None, 3),
    ("The attack caused casualties, with 6 people wounded.", None, 6),
    # no harm said at all stays unknown
    ("Rockets hit a base near Erbil on Monday.", None, None),
])
def test_wounded_only_means_no_deaths(nlp, text, fatalities, injuries):
    c = cas(nlp, text)
    assert (c.fatalities, c.injuries) == (fatalities, injuries)
    assert c.fatalities_inferred == (fatalities == 0)


def test_inferred_zero_keeps_the_injury_evidence(nlp):
    text = "Two border guards were wounded when gunmen fired on their post."
    c = cas(nlp, text)
    assert (c.fatalities, c.injuries) == (0, 2)
    assert [text[s:e] for s, e in c.spans] == ["Two border guards were wounded"]


def test_age_is_not_count_but_victim_is_one(nlp):
    c = cas(nlp, "Gunmen shot dead a 19-year-old student 1,000 meters from the checkpoint.")
    assert c.fatalities == 1


def test_negated_kill_is_not_a_casualty(nlp):
    assert cas(nlp, "The two hostages were not killed.").fatalities is None


def test_spans_point_at_evidence(nlp):
    text = "On Monday a rocket killed seven civilians near the capital."
    c = cas(nlp, text)
    assert c.spans and all(0 <= s < e <= len(text) for s, e in c.spans)
    assert "seven civilians" in text[c.spans[0][0]:c.spans[0][1]]


def test_window_limits_the_sentence(nlp):
    text = "Five soldiers were killed. Three more were wounded."
    doc = nlp(text)
    c = find_casualties(doc, 0, text.index(".") + 1)
    assert (c.fatalities, c.injuries) == (5, None)


@pytest.mark.parametrize("text,label,quantity", [
    ("Insurgents fired eight rockets at the base.", "rocket", 8),
    ("Two mortar rounds landed inside the compound.", "mortar", 2),
    ("A car bomb exploded outside the ministry.", "car bomb", 1),
    ("Several rockets fell near the airport.", "rocket", None),
    ("Three Katyusha rockets struck the Green Zone.", "rocket", 3),
    ("A roadside bomb hit an army convoy.", "IED", 1),
    ("An improvised explosive device killed two soldiers.", "IED", 1),
    ("A drone attack targeted the airport.", "drone", None),
    ("Two UAVs were shot down over the city.", "drone", 2),
    ("Gunmen opened fire on worshippers.", "small arms", None),
    ("He was hacked to death by the mob.", "bladed weapon", None),
    ("A man attacked villagers with a machete.", "bladed weapon", 1),
    ("A grenade was thrown into the crowd.", "grenade", 1),
    ("Warplanes carried out airstrikes on the town.", "aircraft", None),
    ("Artillery shelling hit residential areas.", "artillery", None),
    ("A suicide bomber blew himself up at a checkpoint.", "suicide bomb", 1),
    ("The rebels fired a ballistic missile at the city.", "missile", 1),
    ("A rocket attack killed seven civilians.", "rocket", None),   # one attack, not one rocket
])
def test_weapons(nlp, text, label, quantity):
    w = weapon(nlp, text)
    assert w is not None
    assert (w.weapon, w.quantity) == (label, quantity)
    assert text[w.start:w.end]


def test_no_weapon(nlp):
    assert weapon(nlp, "Protesters marched peacefully through the city.") is None
    assert weapon(nlp, "That decision is mine, she said.") is None


def test_specific_weapon_beats_generic(nlp):
    w = weapon(nlp, "Gunmen detonated a car bomb and then opened fire.")
    assert w.weapon == "car bomb"

"""Actor knowledge base and role assignment, on short hand-written sentences from many regions."""
from __future__ import annotations

import pytest

from eventwire.analyze.nlp import get_nlp
from eventwire.extract.actors import ActorMatch, ActorRoles, assign_roles, get_actor_kb


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


@pytest.fixture(scope="module")
def kb():
    return get_actor_kb()


def names(kb, text, country=None):
    return [m.name for m in kb.find(text, country=country)]


def roles(nlp, text, trigger, country, sub) -> ActorRoles:
    doc = nlp(text)
    sent = next(doc.sents)
    start = text.index(trigger)
    return assign_roles(doc, sent.start_char, sent.end_char, start, start + len(trigger), country, sub)


# --- knowledge base --------------------------------------------------------------------------
@pytest.mark.parametrize("text,country,expected", [
    ("Iraqi troops", None, "Military Forces of Iraq"),
    ("US forces", None, "Military Forces of the United States"),
    ("U.S. forces", None, "Military Forces of the United States"),
    ("American troops", None, "Military Forces of the United States"),
    ("the Nigerian army", None, "Military Forces of Nigeria"),
    ("Ukrainian military", None, "Military Forces of Ukraine"),
    ("the IDF", None, "Military Forces of Israel"),
    ("the FAMa", None, "Military Forces of Mali"),
    ("the SAF", None, "Military Forces of Sudan"),
    ("Ethiopian National Defense Force", None, "Military Forces of Ethiopia"),
    ("Israel's military", None, "Military Forces of Israel"),
    ("the army of the Democratic Republic of Congo", None, "Military Forces of the Democratic Republic of Congo"),
    ("Kenyan police", None, "Police Forces of Kenya"),
    ("the Iranian consulate", None, "Government of Iran"),
    ("Kata'ib Hizballah", None, "Kataib Hezbollah"),
    ("Kataeb Hezbollah", None, "Kataib Hezbollah"),
    ("Hashd al-Shaabi", None, "PMF: Popular Mobilization Forces"),
    ("Popular Mobilisation Units", None, "PMF: Popular Mobilization Forces"),
    ("Asa'ib Ahl al-Haq", None, "Asaib Ahl al-Haq"),
    ("the Quds Force", None, "Islamic Revolutionary Guard Corps"),
    ("Houthi rebels", None, "Ansar Allah"),
    ("al-Shabab", None, "Al Shabaab"),
    ("Hay'at Tahrir al-Sham", None, "Hayat Tahrir al-Sham"),
    ("the PDKI", None, "KDPI: Democratic Party of Iranian Kurdistan"),
    ("Daesh", "Syria", "Islamic State (Syria)"),
    ("ISIS", "Iraq", "Islamic State (Iraq)"),
    ("Islamic State", "Nigeria", "Islamic State West Africa Province"),
    ("Islamic State", None, "Islamic State"),
    ("Fulani herdsmen", None, "Fulani Ethnic Militia (Nigeria)"),
    ("gunmen", "Pakistan", "Unidentified Armed Group (Pakistan)"),
    ("villagers", "Burkina Faso", "Civilians (Burkina Faso)"),
    ("Afghan civilians", "Pakistan", "Civilians (Afghanistan)"),
    ("demonstrators", "Chile", "Protesters (Chile)"),
    ("an angry mob", "India", "Rioters (India)"),
    ("soldiers", "Mali", "Military Forces of Mali"),
    ("Rapid Support Forces", None, "RSF: Rapid Support Forces"),
])
def test_find_names(kb, text, country, expected):
    assert names(kb, text, country) == [expected]


def test_generic_without_country_drops_the_country(kb):
    assert names(kb, "civilians") == ["Civilians"]
    assert names(kb, "gunmen") == ["Unidentified Armed Group"]


def test_offsets_and_fields(kb):
    text = "On Monday, Taliban fighters attacked a post."
    (m,) = kb.find(text)
    assert isinstance(m, ActorMatch)
    assert text[m.start:m.end] == m.text == "Taliban fighters"
    assert (m.name, m.inter, m.country, m.kind) == ("Taliban", 2, "Afghanistan", "named")


def test_find_respects_window(kb):
    text = "Gunmen fled. Police arrived."
    assert [m.text for m in kb.find(text, 13)] == ["Police"]
    assert [m.text for m in kb.find(text, 0, 12)] == ["Gunmen"]


def test_longest_match_wins(kb):
    assert names(kb, "Kataib Hezbollah fighters") == ["Kataib Hezbollah"]
    assert names(kb, "Harakat Hezbollah al-Nujaba") == ["Harakat Hezbollah al-Nujaba"]


def test_verb_is_never_islamic_state(kb):
    assert names(kb, "The situation is tense and this is it.") == []
    assert "Islamic State" not in names(kb, "It is fighters who decide.")
    assert names(kb, "IS fighters attacked.", "Iraq") == ["Islamic State (Iraq)"]
    assert names(kb, "the Islamic State group (IS)", "Syria") == ["Islamic State (Syria)"] * 2


def test_pronoun_us_is_not_the_united_states(kb):
    assert names(kb, "They told us forces would come.") == []
    assert names(kb, "US forces came.") == ["Military Forces of the United States"]


def test_demonym_alone_is_not_an_actor(kb):
    assert names(kb, "an Iraqi statement on Iraqi soil") == []


def test_country_as_descriptor(kb):
    (m,) = kb.find("Iran-backed militias fired", country="Iraq")
    assert m.name == "Unidentified Armed Group (Iraq)"
    assert m.descriptor == "Iran-backed"
    (m,) = kb.find("pro-Iran militias", country="Iraq")
    assert m.descriptor == "pro-Iran"


def test_coordinated_demonyms(kb):
    assert names(kb, "Syrian and Russian forces") == ["Military Forces of Syria", "Military Forces of Russia"]
    assert names(kb, "US and British troops") == ["Military Forces of the United States",
                                                  "Military Forces of the United Kingdom"]


def test_country_alias_is_normalised(kb):
    assert names(kb, "soldiers", "DR Congo") == ["Military Forces of the Democratic Republic of Congo"]


# --- roles -----------------------------------------------------------------------------------
def test_subject_is_actor1_object_is_actor2(nlp):
    r = roles(nlp, "Gunmen killed three soldiers in an ambush in Borno.", "ambush", "Nigeria", "Armed clash")
    assert r.actor1 == "Unidentified Armed Group (Nigeria)"
    assert r.actor2 == "Military Forces of Nigeria"
    assert r.actor1_match.text == "Gunmen"


def test_passive_by_agent(nlp):
    r = roles(nlp, "Three policemen were killed by al-Shabaab militants in Mogadishu.", "killed", "Somalia", "Attack")
    assert r.actor1 == "Al Shabaab"
    assert r.actor2 == "Police Forces of Somalia"


def test_modifier_of_strike_is_agent(nlp):
    r = roles(nlp, "A US drone strike killed an Iranian general near the airport.", "strike", "Iraq",
              "Air/drone strike")
    assert r.actor1 == "Military Forces of the United States"
    assert r.actor2 == "Military Forces of Iran"


def test_possessive_agent(nlp):
    r = roles(nlp, "Turkey's airstrike hit PKK positions in Duhok.", "airstrike", "Iraq", "Air/drone strike")
    assert r.actor1 == "Military Forces of Turkey"
    assert r.actor2 == "PKK: Kurdistan Workers Party"


def test_victims_outrank_intended_target(nlp):
    r = roles(nlp, "A wayward rocket targeting American troops killed seven civilians near the capital.",
              "rocket", "Iraq", "Shelling/artillery/missile attack")
    assert r.actor1 == "Unidentified Armed Group (Iraq)"
    assert r.actor2 == "Civilians (Iraq)"


def test_embassy_is_government_target(nlp):
    r = roles(nlp, "Two rockets hit near the US embassy, causing no casualties.", "rockets", "Iraq",
              "Shelling/artillery/missile attack")
    assert r.actor1 == "Unidentified Armed Group (Iraq)"
    assert r.actor2 == "Government of the United States"


def test_base_used_by_group_is_target(nlp):
    r = roles(nlp, "Rockets fell near a base used by the Democratic Party of Iranian Kurdistan.", "Rockets",
              "Iraq", "Shelling/artillery/missile attack")
    assert r.actor2 == "KDPI: Democratic Party of Iranian Kurdistan"


def test_fired_at_target(nlp):
    r = roles(nlp, "Hezbollah fired anti-tank missiles at Israeli troops.", "fired", "Lebanon",
              "Shelling/artillery/missile attack")
    assert r.actor1 == "Hezbollah"
    assert r.actor2 == "Military Forces of Israel"


def test_conjoined_agents_give_assoc_actor(nlp):
    r = roles(nlp, "Syrian and Russian warplanes bombed rebel positions in Idlib.", "bombed", "Syria",
              "Air/drone strike")
    assert r.actor1 == "Military Forces of Syria"
    assert r.assoc_actor1 == "Military Forces of Russia"


def test_air_strike_without_agent_has_no_actor1(nlp):
    r = roles(nlp, "An airstrike hit a wedding party in Saada.", "airstrike", "Yemen", "Air/drone strike")
    assert r.actor1 is None


def test_blame_in_next_sentence_keeps_actor_unidentified(nlp):
    text = ("Several rockets fell near the airport on Wednesday. "
            "Kurdish authorities pinned the blame on the Hashed al-Shaabi.")
    r = roles(nlp, text, "rockets", "Iraq", "Shelling/artillery/missile attack")
    assert r.actor1 == "Unidentified Armed Group (Iraq)"
    assert r.blamed == "PMF: Popular Mobilization Forces"
    assert r.claimed is None


def test_blame_object_is_not_a_target(nlp):
    r = roles(nlp, "Washington blamed Kataib Hezbollah for the rocket attack on the base.", "attack", "Iraq",
              "Shelling/artillery/missile attack")
    assert r.actor1 == "Unidentified Armed Group (Iraq)"
    assert r.actor2 is None
    assert r.blamed == "Kataib Hezbollah"


def test_passive_blame_on_descriptor(nlp):
    r = roles(nlp, "The attack was blamed on Iran-backed militias.", "attack", "Iraq",
              "Shelling/artillery/missile attack")
    assert r.actor1 == "Unidentified Armed Group (Iraq)"
    assert r.blamed == "Iran-backed militias"


def test_suspected_group_is_blamed_not_actor(nlp):
    r = roles(nlp, "Suspected Boko Haram fighters attacked a village in Borno, killing nine villagers.",
              "attacked", "Nigeria", "Attack")
    assert r.actor1 == "Unidentified Armed Group (Nigeria)"
    assert r.blamed.startswith("Boko Haram")
    assert r.actor2 == "Civilians (Nigeria)"


def test_claim_in_next_sentence_names_actor1(nlp):
    text = "A car bomb exploded at a market in Mogadishu, killing 12 people. Al-Shabaab claimed responsibility."
    r = roles(nlp, text, "car bomb", "Somalia", "Remote explosive/landmine/IED")
    assert (r.actor1, r.claimed) == ("Al Shabaab", True)
    assert r.actor2 == "Civilians (Somalia)"


def test_said_it_carried_out(nlp):
    text = "The Islamic State group said it carried out the bombing that killed 20 worshippers in Kabul."
    r = roles(nlp, text, "bombing", "Afghanistan", "Suicide bomb")
    assert (r.actor1, r.claimed) == ("Islamic State Khorasan Province", True)


def test_no_claim(nlp):
    text = "Unknown gunmen abducted a priest in Kaduna. No group has claimed the kidnapping."
    r = roles(nlp, text, "abducted", "Nigeria", "Abduction/forced disappearance")
    assert r.claimed is False
    assert r.actor1 == "Unidentified Armed Group (Nigeria)"
    assert r.actor2 == "Civilians (Nigeria)"


def test_claim_beyond_paragraph_is_ignored(nlp):
    text = "A bomb exploded in Quetta.\n\nThe Taliban claimed responsibility for an attack in Kabul."
    r = roles(nlp, text, "bomb", "Pakistan", "Remote explosive/landmine/IED")
    assert r.claimed is None and r.actor1 == "Unidentified Armed Group (Pakistan)"


def test_protest_roles(nlp):
    r = roles(nlp, "Police fired tear gas at protesters in Nairobi.", "fired", "Kenya", "Protest with intervention")
    assert r.actor1 == "Protesters (Kenya)"
    assert r.actor2 == "Police Forces of Kenya"


def test_protesters_led_by_group(nlp):
    r = roles(nlp, "Supporters of Hezbollah protested outside the embassy in Beirut.", "protested", "Lebanon",
              "Peaceful protest")
    assert r.actor1 == "Protesters (Lebanon)"
    assert r.assoc_actor1 == "Hezbollah"


def test_violent_demonstration_is_rioters(nlp):
    r = roles(nlp, "Protesters set fire to the Iranian consulate in Najaf.", "set fire", "Iraq",
              "Violent demonstration")
    assert r.actor1 == "Rioters (Iraq)"
    assert r.actor2 == "Government of Iran"


def test_excessive_force(nlp):
    r = roles(nlp, "Security forces shot dead five demonstrators in Khartoum.", "shot", "Sudan",
              "Excessive force against protesters")
    assert r.actor1 == "Military Forces of Sudan"
    assert r.actor2 == "Protesters (Sudan)"


def test_bare_country_agent(nlp):
    r = roles(nlp, "Russia launched missiles at Kyiv overnight.", "launched", "Ukraine",
              "Shelling/artillery/missile attack")
    assert r.actor1 == "Military Forces of Russia"
    assert r.actor2 is None   # a city is a place, not an actor


def test_conjoined_verbs_share_subject(nlp):
    r = roles(nlp, "Taliban fighters stormed a checkpoint and killed four Afghan soldiers.", "killed",
              "Afghanistan", "Armed clash")
    assert r.actor1 == "Taliban"
    assert r.actor2 == "Military Forces of Afghanistan"


def test_conjoined_clause_keeps_its_own_target(nlp):
    text = ("On Sunday mortar shells landed near the British embassy, while rockets struck an air base "
            "where Turkish troops are stationed.")
    r = roles(nlp, text, "rockets", "Iraq", "Shelling/artillery/missile attack")
    assert r.actor2 == "Military Forces of Turkey"
    r = roles(nlp, text, "shells", "Iraq", "Shelling/artillery/missile attack")
    assert r.actor2 == "Government of the United Kingdom"


def test_target_of_a_coordinated_clause_does_not_leak(nlp):
    # the troops belong to the base the rockets struck, not to the street the mortar round hit
    text = ("A mortar round hit a street near the Egyptian embassy in Khartoum on Monday, while two "
            "rockets struck a base where Ethiopian soldiers are based, witnesses said.")
    r = roles(nlp, text, "hit", "Sudan", "Shelling/artillery/missile attack")
    assert r.actor2 == "Government of Egypt"   # the landmark locating the vague target
    r = roles(nlp, text, "struck", "Sudan", "Shelling/artillery/missile attack")
    assert r.actor2 == "Military Forces of Ethiopia"


def test_named_occupants_outrank_their_site(nlp):
    sub = "Shelling/artillery/missile attack"
    r = roles(nlp, "Three rockets slammed into a Malian army camp where French soldiers are deployed.",
              "slammed", "Mali", sub)
    assert r.actor2 == "Military Forces of France"
    r = roles(nlp, "Three rockets slammed into a Malian army camp.", "slammed", "Mali", sub)
    assert r.actor2 == "Military Forces of Mali"
    r = roles(nlp, "Two rockets hit a camp in which Kenyan troops live.", "hit", "Somalia", sub)
    assert r.actor2 == "Military Forces of Kenya"
    # a bare "soldiers" only takes the event's country: the named site stays more specific
    r = roles(nlp, "Rockets hit a Turkish base in Syria where soldiers are stationed.", "hit", "Syria", sub)
    assert r.actor2 == "Military Forces of Turkey"


def test_landmark_of_a_vague_target_is_the_target(nlp):
    r = roles(nlp, "Two shells hit an area near the Italian embassy in Tripoli.", "hit", "Libya",
              "Shelling/artillery/missile attack")
    assert r.actor2 == "Government of Italy"


@pytest.mark.parametrize("text,trigger,blamed,blamer", [
    ("The Nigerien interior minister held jihadist groups responsible for attacking the French "
     "embassy in Niamey with grenades on Friday.", "attacking", "jihadist groups",
     "The Nigerien interior minister"),
    ("Kabul accused the Haqqani network of bombing the Indian embassy on Monday.", "bombing",
     "Haqqani Network", "Kabul"),
    ("Pakistan-backed militants were held responsible for the attack on the Indian consulate in "
     "Jalalabad.", "attack", "Pakistan-backed militants", None),
    ("The governor blamed the group for the attack on the market.", "attack", None, None),
])
def test_blamed_is_the_object_of_the_blame_verb_not_the_target(nlp, text, trigger, blamed, blamer):
    r = roles(nlp, text, trigger, "Afghanistan", "Shelling/artillery/missile attack")
    assert (r.blamed, r.blamer) == (blamed, blamer)
    assert r.actor1 == "Unidentified Armed Group (Afghanistan)"


def test_the_object_of_a_gerund_event_is_its_target(nlp):
    r = roles(nlp, "He recalled the sacking of the Turkish consulate in Mosul by an angry crowd.", "sacking",
              "Iraq", "Violent demonstration")
    assert r.actor2 == "Government of Turkey"


def test_what_a_crowd_is_angry_at_is_not_the_target(nlp):
    r = roles(nlp, "He recalled the May sacking of the Turkish consulate in Mosul by a crowd angry at the government.",
              "sacking", "Iraq", "Violent demonstration")
    assert r.actor2 == "Government of Turkey"

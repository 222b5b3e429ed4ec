"""Detection, typing and modality of event mentions (rules over the spaCy parse)."""
from __future__ import annotations

import pytest

from eventwire.analyze.nlp import get_nlp
from eventwire.extract.codebook import get_codebook
from eventwire.extract.detect import detect_sentence, get_rules
from eventwire.extract.modality import modality


@pytest.fixture(scope="module")
def nlp():
    return get_nlp()


def types(nlp, text: str) -> list[str]:
    doc = nlp(text)
    return [d.sub_event_type for s in doc.sents for d in detect_sentence(s)]


def test_codebook_nesting_and_disorder():
    cb = get_codebook()
    assert len(cb.sub_event_types) == 25
    assert len(cb.event_types) == 6
    assert set(cb.disorder_types) == {"Political violence", "Demonstrations", "Strategic developments"}
    assert cb.disorder_type("Excessive force against protesters") == "Political violence; Demonstrations"
    assert cb.disorder_type("Mob violence") == "Political violence"
    assert cb.disorder_type("Violent demonstration") == "Demonstrations"
    assert cb.event_type("Air/drone strike") == "Explosions/Remote violence"
    assert "Looting/property destruction" in cb.subtypes_of("Strategic developments")


def test_rules_reference_only_codebook_types():
    cb = get_codebook()
    assert {r.sub for r in get_rules().rules} == set(cb.sub_event_types)


@pytest.mark.parametrize("text,expected", [
    ("Insurgents ambushed an army patrol near Tal Afar, killing two soldiers.", "Armed clash"),
    ("Troops recaptured the district centre from the rebels after two days of fighting.",
     "Government regains territory"),
    ("Militants overran the town of Kukawa after heavy fighting with the garrison.",
     "Non-state actor overtakes territory"),
    ("A drone strike hit a car on the outskirts of Idlib, killing three men.", "Air/drone strike"),
    ("Separatists fired mortars at the village of Krasnohorivka overnight.",
     "Shelling/artillery/missile attack"),
    ("A roadside bomb tore through a minibus in Khost province, killing four passengers.",
     "Remote explosive/landmine/IED"),
    ("A suicide bomber struck a police academy in Quetta on Monday.", "Suicide bomb"),
    ("An attacker lobbed a grenade at a police van in Anantnag.", "Grenade"),
    ("The shells released chlorine gas over the town, residents said.", "Chemical weapon"),
    ("Fighters raped two girls in a village near Bunia.", "Sexual violence"),
    ("Gunmen shot dead a village chief in Zamfara state.", "Attack"),
    ("Bandits kidnapped eight travellers on the road to Birnin Gwari.",
     "Abduction/forced disappearance"),
    ("Hundreds of nurses marched through Harare to demand better pay.", "Peaceful protest"),
    ("Police used tear gas to disperse students protesting in Nairobi.", "Protest with intervention"),
    ("Troops opened fire on protesters in Mandalay, killing two.",
     "Excessive force against protesters"),
    ("Protesters burned tyres and hurled stones at police in Lome.", "Violent demonstration"),
    ("A mob lynched a man accused of theft in Kano.", "Mob violence"),
    ("The warring sides signed a ceasefire agreement in Jeddah.", "Agreement"),
    ("Police arrested a senior opposition figure in Harare.", "Arrests"),
    ("The army deployed two more battalions to the region.", "Change to group/activity"),
    ("Soldiers defused a bomb planted near the market in Gao.", "Disrupted weapons use"),
    ("The militia set up a base in the abandoned school.", "Headquarters or base established"),
    ("Fighters looted the market and burned down shops in Nyala.", "Looting/property destruction"),
    ("The rebels withdrew from the town without a fight.", "Non-violent transfer of territory"),
    ("The governor imposed a curfew on the city.", "Other"),
])
def test_typing(nlp, text, expected):
    assert expected in types(nlp, text)


@pytest.mark.parametrize("text", [
    "Police said the group was planning an imminent attack on the airport.",
    "Residents are bracing for more attacks.",
    "Officials fear the fighting could bring devastating violence to the city.",
    "The militants threatened to attack the base.",
    "The minister said the army would not tolerate attacks on civilians.",
    "If the attacks continue, aid agencies will leave.",
    "The opposition called for protests on Friday.",
    "The town has come under regular rocket attacks since March.",
    "Armed groups continue to launch rockets at the camp.",
    "The shooting was one of around 40 attacks since August.",
    "A flood swept away houses in the valley, killing 12 people.",
    "The bus overturned on the highway, killing nine passengers.",
    "The striker attacked down the left wing in the second half.",
    "The company struck a deal with the ministry.",
])
def test_not_events(nlp, text):
    assert types(nlp, text) == []


def test_background_event_is_an_event(nlp):
    text = "The militia killed a contractor in December 2019 in a rocket attack on a base near Kirkuk."
    assert types(nlp, text) == ["Shelling/artillery/missile attack"]


def test_two_events_with_own_triggers_and_places(nlp):
    text = ("Two mortar rounds hit a police station in Kandahar on Saturday, while two rockets "
            "slammed into an army base in Lashkar Gah.")
    assert types(nlp, text) == ["Shelling/artillery/missile attack"] * 2


def test_cause_and_consequence_are_two_events(nlp):
    text = ("Militants killed a soldier in a rocket attack on a base in Mosul, prompting Turkish "
            "air strikes against three of their positions.")
    assert types(nlp, text) == ["Shelling/artillery/missile attack", "Air/drone strike"]


def test_one_event_one_mention(nlp):
    # the toll and the setting of one event are not more events
    assert types(nlp, "Gunmen killed 20 villagers in an attack on Dogo in Plateau state.") == ["Attack"]
    text = "Rebels stormed a military camp near Beni, triggering a firefight with soldiers."
    assert types(nlp, text) == ["Armed clash"]


def test_generic_re_mention_keeps_its_own_words(nlp):
    assert types(nlp, "The rocket attacks caused no casualties, officials said.") == [
        "Shelling/artillery/missile attack"]


def test_modality_labels(nlp):
    doc = nlp("The army did not attack the town.")
    assert modality(doc[4]) == "negated"
    doc = nlp("They vowed to attack the town.")
    assert modality(doc[3]) == "hypothetical"
    doc = nlp("Attacks on schools have increased sharply this year.")
    assert modality(doc[0]) == "generic"
    doc = nlp("Gunmen attacked the town on Sunday.")
    assert modality(doc[1]) is None


# --- precision rules: names, modifiers, crime, accidents, statives, re-mentions ----------------

@pytest.mark.parametrize("text", [
    "The United Nations Security Council met in Geneva to discuss the budget.",  # "United" in a name
    "Officials in Battle Creek said the bridge would reopen on Friday.",         # "Battle" in a name
    "A protest movement angry at fuel prices formed in Lusaka.",                 # "protest" as modifier
    "The county commissioners lifted the burn ban on Tuesday.",                  # "burn" as modifier
    "The firm demonstrated a new water pump to farmers in Kisumu.",              # "demonstrate" = show
    "Police arrested a man for drunk driving in Leeds.",                         # single criminal arrest
    "The former mayor pleaded guilty to the murder of his business partner.",    # a court case
    "A jury in Perth convicted the driver of kidnapping.",
    "A car hit a cyclist on the ring road in Lyon.",                              # traffic
    "Firefighters battled the blaze at the warehouse for six hours.",             # fire-fighting
    "A fire destroyed the roof of a family home in Cork.",
    "Two brothers started a fight outside a bar in Leeds.",                       # brawl, no armed actor
    "Deputies recovered a stolen handgun and drugs during a traffic stop.",       # criminal seizure
    "UN peacekeepers are deployed in the buffer zone.",                           # stative
    "The rebels control the road to the border.",
    "Fighters are now openly battling for influence.",                            # generic present
    "Her abduction came after months of threats.",                                # re-mention
    "The bombings appeared to be the work of a local cell.",
    "This attack was condemned by the African Union.",
    "Lawmakers voted on Thursday to impose a new tax on imported cars.",
    "The president condemned the bombings of the French embassies in Mali and Niger.",  # judged
    "Insurance claims usually rise in the aftermath of bombings.",                    # a kind
    "A ministry statement described the attacks as cowardly.",                        # judged
    "Police detained three men in Leeds.",                                            # not mass
])
def test_not_events_in_ordinary_news(nlp, text):
    assert types(nlp, text) == []


@pytest.mark.parametrize("text,expected", [
    ("Security forces detained dozens of opposition supporters in Dhaka.", ["Arrests"]),
    ("Soldiers rounded up 120 young men in a night sweep of Beledweyne.", ["Arrests"]),
    ("Protesters are marching through the centre of Nairobi.", ["Peaceful protest"]),
    ("The army deployed two battalions to Kidal on Monday.", ["Change to group/activity"]),
    # the toll of an event noun is not a separate attack
    ("The blast killed four soldiers in Kismayo on Tuesday.", ["Remote explosive/landmine/IED"]),
    ("A drone strike that killed ten fighters hit a convoy near Marib.", ["Air/drone strike"]),
    # the most specific weapon of linked triggers wins
    ("Two soldiers were killed in a drone attack on their post near Gao.", ["Air/drone strike"]),
    ("The assassination of the governor, who was killed in an air strike in Kunduz, shocked the "
     "country.", ["Air/drone strike"]),
    # crowds storming or sacking a state building riot, they do not loot or attack
    ("Supporters of the cleric stormed the parliament building in Baghdad.", ["Violent demonstration"]),
    ("A protest movement angry at the government sacked the ministry in Bishkek.",
     ["Violent demonstration"]),
    ("Students hurled petrol bombs at riot police during a rally in Quito.", ["Violent demonstration"]),
    # a definite re-mention that adds places and a toll stays
    ("Police confirmed the bombings in Kandahar and Herat and said nobody was hurt.",
     ["Remote explosive/landmine/IED"]),
])
def test_linked_triggers_and_kept_mentions(nlp, text, expected):
    assert types(nlp, text) == expected


def test_legal_and_stative_modality(nlp):
    doc = nlp("Both men were charged with murder in Ohio.")
    assert modality(doc[5]) == "legal"
    doc = nlp("Peacekeepers are stationed where troops are deployed.")
    assert modality(doc[6]) == "generic"


def test_nominal_riot_with_an_of_target(nlp):
    # "-ing" nominals in an object slot are often tagged VERB; their "of X" is still the target.
    text = "Officials condemned the March torching of the Turkish consulate in Mosul by a protest movement."
    assert types(nlp, text) == ["Violent demonstration"]


def test_dated_past_clause_under_a_remembrance_head_is_an_event(nlp):
    # "the anniversary of X" alone retells; a participle clause with its own date reports it.
    dated = ("The minister warned against escalation as the anniversary of the assassination of the "
             "rebel commander, killed in a drone strike in Idlib on March 5, approaches.")
    assert "Air/drone strike" in types(nlp, dated)
    assert types(nlp, "Crowds marked the anniversary of the massacre in the village.") == []


# --- passive firing, state strikes, set-off dated participles ----------------------------------

@pytest.mark.parametrize("text,expected", [
    # the weapon is the passive subject, the target an "at/into/towards X"
    ("A rocket was fired at a police post in Bannu late on Monday.",
     "Shelling/artillery/missile attack"),
    ("Two rockets were fired into a refugee camp near Goma overnight.",
     "Shelling/artillery/missile attack"),
    ("Several missiles were launched towards the port city of Hodeidah on Sunday.",
     "Shelling/artillery/missile attack"),
    ("Mortar rounds were lobbed into the barracks at dawn.", "Shelling/artillery/missile attack"),
    ("Three explosive-laden drones were launched at an oil facility near Abqaiq.", "Air/drone strike"),
])
def test_passive_weapon_fire(nlp, text, expected):
    assert types(nlp, text) == [expected]


def test_harm_verb_over_a_when_clause_is_the_toll_of_its_event(nlp):
    doc = nlp("A Syrian soldier was wounded on Tuesday when four mortar shells were fired at a "
              "checkpoint near Daraa.")
    (det,) = detect_sentence(next(doc.sents))
    assert det.sub_event_type == "Shelling/artillery/missile attack"
    words = {doc[t.head].text for t in det.triggers}
    assert {"fired", "wounded"} <= words       # the toll's clause (and its date) joins the event
    assert doc[4].i in det.clause


@pytest.mark.parametrize("text", [
    "The factory manager was fired on Friday after the audit.",
    "Two police officers were fired at the station after an internal inquiry.",
    "The coach was fired at the end of the season.",
])
def test_dismissal_is_not_fire(nlp, text):
    assert types(nlp, text) == []


@pytest.mark.parametrize("text", [
    # a strike noun done by a state or its military, no weapon named
    "Mourners buried the commander, whose death in a Turkish strike late Monday prompted an "
    "emergency cabinet meeting.",
    "The French strike near Menaka on Thursday killed four militants.",
    "A local commander was killed in a Pakistani strike on Wednesday.",
    "Eleven fighters died in a strike by the coalition near Hajin.",
    "A Saudi-led coalition strike hit a bus in Saada.",
])
def test_state_strike_noun_is_an_air_strike(nlp, text):
    assert types(nlp, text) == ["Air/drone strike"]


@pytest.mark.parametrize("text", [
    "Dock workers in Antwerp began a strike over pay on Monday.",
    "French rail workers extended their strike into a second week.",
    "Israeli doctors called off a strike after the ministry agreed to hire more staff.",
    "Canadian pilots voted for strike action.",
    "The Brazilian striker's late strike won the match.",
    "A Chinese strike on the island would be catastrophic, the analyst said.",
    "Ankara slammed the strike as an act of war.",   # judged, and the judge is not the doer
])
def test_labour_sport_and_judged_strikes_are_not_air_strikes(nlp, text):
    assert "Air/drone strike" not in types(nlp, text)


@pytest.mark.parametrize("text", [
    # the parser hangs the participle on "warned"; the dash, comma or parenthesis and its own
    # date make it a reduced relative telling a past event
    "The ministry warned Moscow “to refrain from escalation” ahead of the anniversary of the "
    "death of the general – killed in a missile strike in Aleppo on 9 March – next week.",
    "Officials warned the militia “to stop its provocations” after the funeral of the colonel "
    "(killed in an air raid near Sirte on 12 July) drew thousands.",
    "Kabul warned Islamabad to avoid provocations, with the anniversary of the governor's death, "
    "shot dead by gunmen in Kandahar on October 3, approaching.",
])
def test_set_off_dated_participle_is_real(nlp, text):
    assert types(nlp, text) != []


@pytest.mark.parametrize("text,word", [
    ("Militia leaders warned that foreign troops would be killed on Friday.", "killed"),
    ("The rebels threatened to strike the airport on Friday.", "strike"),
    ("Aid workers could be killed in the coming days, the agency warned.", "killed"),
    ("The envoy urged restraint, unless attacked next week.", "attacked"),
    ("Rebels said that, if attacked on Friday, they would respond with force.", "attacked"),
])
def test_hypotheticals_stay_hypothetical(nlp, text, word):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert modality(tok) == "hypothetical"


@pytest.mark.parametrize("text, expected", [
    # a death in custody is what people protest about, not force against them
    ("Residents rallied outside the court after a prisoner died in police custody last week.", ["Peaceful protest"]),
    ("Angry protesters torched a police post in Kano after a trader died in detention.", ["Violent demonstration"]),
    # a death told with force at the protest is excessive force
    ("A protester died in hospital on Monday after being beaten by police at the rally.",
     ["Excessive force against protesters"]),
])
def test_a_death_at_a_protest_needs_force_to_be_force(nlp, text, expected):
    assert types(nlp, text) == expected


# --- territory taken phrased as forcing a group out, freeing a place, a place falling -------
@pytest.mark.parametrize("text,expected", [
    ("Soldiers dislodged al-Shabaab militants from the village of Janaale on Thursday.",
     "Government regains territory"),
    ("The national army dislodged rebel fighters from two hilltop positions near Goma.",
     "Government regains territory"),
    ("JNIM fighters expelled the soldiers from their outpost near Djibo.",
     "Non-state actor overtakes territory"),
    ("Security forces freed the district of Tal Abyad from Islamic State control.",
     "Government regains territory"),
    ("The village fell to government troops after a three-day assault.",
     "Government regains territory"),
    ("The border post of Tessit fell to jihadists late on Friday.",
     "Non-state actor overtakes territory"),
])
def test_territory_dislodged_freed_and_fallen(nlp, text, expected):
    assert expected in types(nlp, text)


@pytest.mark.parametrize("text", [
    "Unemployment in the city fell to 12 percent last year.",
    "The shares fell to a record low in Tokyo.",
    "Hospitals freed beds by discharging patients.",
])
def test_falling_figures_and_freed_beds_are_not_territory(nlp, text):
    assert types(nlp, text) == []


# --- weapons named by what they did ----------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("A fighter jet dropped two bombs on a crowded market in Idlib, killing 14 people.",
     "Air/drone strike"),
    ("Twelve villagers died when army helicopters dropped explosives on a church in Chin state.",
     "Air/drone strike"),
    ("Three mortar rounds crashed into a school compound in Gao, wounding two pupils.",
     "Shelling/artillery/missile attack"),
    ("Cluster munitions struck a residential street in Kherson, wounding seven.",
     "Shelling/artillery/missile attack"),
    ("Two shepherds were killed when unexploded ordnance went off in a field near Kandahar.",
     "Remote explosive/landmine/IED"),
    ("An unexploded mortar round exploded in a schoolyard in Marib, injuring three boys.",
     "Remote explosive/landmine/IED"),
    ("Residents reported choking fumes and a strong smell of chlorine after the barrel bombs "
     "fell on Douma.", "Chemical weapon"),
    ("An explosion tore through a bus station in Quetta, killing six passengers.",
     "Remote explosive/landmine/IED"),
    ("A powerful blast hit a mosque in Kunduz during Friday prayers, wounding 30 worshippers.",
     "Remote explosive/landmine/IED"),
    ("Air defences downed three drones over Belgorod overnight, the ministry said.",
     "Disrupted weapons use"),
    ("Saudi forces brought down a ballistic missile fired at Jazan.", "Disrupted weapons use"),
    ("Engineers destroyed unexploded shells in a controlled explosion near Izium.",
     "Disrupted weapons use"),
])
def test_weapon_told_by_its_action(nlp, text, expected):
    assert expected in types(nlp, text)


def test_toll_verb_over_a_when_clause_joins_the_strike(nlp):
    # the harm verb is the strike's toll, not an attack of its own
    assert types(nlp, "Twelve villagers died when army helicopters dropped explosives on a "
                      "church in Chin state.") == ["Air/drone strike"]
    assert types(nlp, "Nine traders were killed when a warplane dropped bombs on a market "
                      "in Maarat.") == ["Air/drone strike"]


@pytest.mark.parametrize("text", [
    "A plane dropped leaflets over the city urging residents to leave.",
    "Aircraft dropped food and medicine to stranded villagers.",
    "The company dropped its plans for a new plant.",
    "The fighter jet dropped out of the race for the contract.",
    "A gas explosion at a restaurant in Lagos killed four people.",
    "A boiler explosion at a textile factory in Dhaka killed nine workers.",
    "The blast was heard across the city, residents said.",
    "A car crashed into a wall in Nairobi, killing the driver.",
    "The rocket crashed into the sea shortly after launch from Kourou.",
    "The shares crashed on Monday after the report.",
    "Crews downed power lines to clear the road.",
    "The water utility said chlorine supplies would run out within a week.",
    "A storm killed five soldiers at a camp near Goma.",
])
def test_drops_crashes_and_accidental_blasts_are_not_events(nlp, text):
    assert types(nlp, text) == []


def test_bomber_aircraft_stay_air_strikes(nlp):
    assert types(nlp, "Russian bombers dropped bombs on the town of Avdiivka on Monday.") == [
        "Air/drone strike"]


# --- strategic developments: swaps in a deal, integration into the army ------------------
@pytest.mark.parametrize("text,expected", [
    ("Ukraine and Russia exchanged the bodies of dead soldiers in a deal brokered by Turkey.",
     "Agreement"),
    ("The two sides swapped captured troops under a deal mediated by Qatar.", "Agreement"),
    ("Hundreds of former militia fighters were integrated into the army in Bangui on Monday.",
     "Change to group/activity"),
    ("The rebel movement declared that its fighters would be absorbed into the national police.",
     "Change to group/activity"),
    ("The armed group announced it would merge with a rival faction in Darfur.",
     "Change to group/activity"),
])
def test_swaps_and_announced_group_changes(nlp, text, expected):
    assert expected in types(nlp, text)


@pytest.mark.parametrize("text", [
    "The club and its rival swapped players in a deal worth 5 million.",
    "The militia said it might be integrated into the army one day.",
    "The militia refused to be integrated into the national army.",
    "The rebel movement denied it would be absorbed into the army.",
    "The coach said the striker would be integrated into the team next season.",
    "The militia announced it would attack government positions if talks failed.",
])
def test_unannounced_or_non_military_changes_are_not_events(nlp, text):
    assert types(nlp, text) == []


# --- a conflict summed up over years is not one event --------------------------------------
@pytest.mark.parametrize("text", [
    "The rebels have battled the government for two decades.",
    "Kurdish militias had been fighting the Islamic State for years before the ceasefire.",
    "The army has been deployed in the region for years.",
])
def test_long_duration_is_generic(nlp, text):
    assert types(nlp, text) == []


@pytest.mark.parametrize("text", [
    "Troops have been fighting rebels for three days around the town of Bunagana.",
    "The army fought insurgents for several hours near Mocimboa da Praia on Tuesday.",
])
def test_short_duration_fighting_is_an_event(nlp, text):
    assert types(nlp, text) == ["Armed clash"]


# --- common phrasings: nominal killings, gunned down, hacked, encounters, mines, continuations ---
@pytest.mark.parametrize("text,expected", [
    ("A schoolteacher was gunned down by suspected militants in Pulwama on Sunday.", "Attack"),
    ("Unknown attackers hacked two elderly women to death in a village near Kwande.", "Attack"),
    ("The killing of three aid workers by armed men in Jonglei has sparked condemnation.", "Attack"),
    ("A human rights lawyer was murdered in Guatemala City on Wednesday.", "Attack"),
    ("Masked men shot and killed a trade unionist in Cali on Monday.", "Attack"),
    ("Fulani herders killed nine farmers in an overnight raid on a village in Kaduna.", "Attack"),
    ("Israeli settlers torched cars and assaulted residents in the village of Huwara.", "Attack"),
    ("Four militants were killed in an encounter with security forces in Shopian district on Friday.",
     "Armed clash"),
    ("An exchange of fire between police and suspected Maoists left two dead in Gadchiroli.",
     "Armed clash"),
    ("Clashes continued between the army and rebels near Goma on Tuesday.", "Armed clash"),
    ("Fighting resumed between the army and the militia near Bunia on Saturday morning.", "Armed clash"),
    ("A shepherd was wounded when he stepped on a landmine near the border in Idlib.",
     "Remote explosive/landmine/IED"),
    ("Gunmen abducted four Turkish engineers working on a road project near Kidal.",
     "Abduction/forced disappearance"),
    ("Riot police fired tear gas at striking nurses outside the health ministry in Nairobi.",
     "Protest with intervention"),
    ("Angry youths burned a police post in Bukavu after a taxi driver was shot.", "Violent demonstration"),
])
def test_common_phrasings(nlp, text, expected):
    assert expected in types(nlp, text)


@pytest.mark.parametrize("text", [
    "Attacks continue to rise in the region.",
    "Fighting continued in March across the province.",                  # not dated to a day
    "A fire at a warehouse in Lagos killed three guards.",                # a place is not a doer
    "The group denied carrying out the bombing.",                         # light verb, re-mention
    "The minister denied reports that troops had killed civilians in the village.",
    "A woman was murdered by her husband after a domestic dispute.",
    "A man was stabbed by two men during a robbery in Soweto.",
    "The defender scored a late goal in the match.",
    "The killing was condemned by the governor.",                         # judged, nothing new
    "Investigators are still looking into the killing.",
])
def test_common_non_events(nlp, text):
    assert types(nlp, text) == []


def test_result_noun_joins_the_preceding_event(nlp):
    # "- killing at least 25" tagged as a noun is still the toll of the strikes, not a clash.
    text = ("The militia fired rockets at a base, prompting US strikes against five facilities in "
            "Iraq and Syria - killing at least 25 of its fighters.")
    assert "Armed clash" not in types(nlp, text)


@pytest.mark.parametrize("text", [
    "The challenger beat out the two-term incumbent for the council seat in November.",
    "An advertising campaign by the trade association targeted the senator over the tax bill.",
    "The company named Ms. Lee chairwoman and chief executive on Tuesday.",
    "The veteran closer is hoping to win back the trust of the team's fans.",
    "The Philippines handed over two suspects to Indonesian police on Monday.",
    "A spent booster rocket fell into the ocean after the satellite launch.",
    "The curfew for teenagers was meant to thwart any attempt at late-night vandalism.",
    "The country is thought to have the capacity to deliver nuclear weapons within a decade.",
    "The state police sent a helicopter to fly over the flooded valley and look for stranded hikers.",
    "The couple's uneasy truce ended when the divorce papers arrived.",
    "She said her grandfather had fought in the Korean War.",
    "The senator was locked in a bitter custody battle with his former wife.",
    "The bakery was shut down by health inspectors over a mouse problem.",
    "Her talent, as demonstrated by the award, was obvious to the critics.",
    "The Spanish pair secured Spain an opening win after clinching the doubles title.",
])
def test_general_news_non_events(nlp, text):
    assert types(nlp, text) == []


@pytest.mark.parametrize("text,expected", [
    ("Police detained a dozen opposition activists in Minsk on Thursday, ahead of a rally planned "
     "for next week.", "Arrests"),
    ("Army troops retook the town of Dibaga from the militants on Sunday.",
     "Government regains territory"),
    ("Air defence units intercepted three rockets over the city on Friday.",
     "Disrupted weapons use"),
    ("Rebels fired rockets at the airport in Goma on Saturday, killing two soldiers.",
     "Shelling/artillery/missile attack"),
    ("Gunmen attacked a polling station in Kano during the governorship election, killing a voter.",
     "Attack"),
    ("The militia named a new commander after its leader was killed.",
     "Change to group/activity"),
    ("Insurgents handed over the district headquarters to the army without a fight.",
     "Non-violent transfer of territory"),
])
def test_real_events_survive_general_news_filters(nlp, text, expected):
    assert expected in types(nlp, text)

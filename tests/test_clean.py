"""clean stage: boilerplate, repeats, multi-article pages, header metadata.

Synthetic pages below are written for these tests; the seed checks read the hand-written gold
(../shared/eval/seeds_gold.json) and are skipped when it is absent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventwire.clean import clean_document, clean_documents, site_boilerplate_lines
from eventwire.clean.dates import find_date
from eventwire.clean.meta import byline_of, inline_dateline, standalone_dateline
from eventwire.models import Problem, RawDocument

SEEDS = Path(__file__).parent / "fixtures" / "seeds"
GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "seeds_gold.json"

P1 = ("Heavy rain flooded several districts of the port city on Tuesday, forcing hundreds of "
      "families to leave their homes, local officials said.")
P2 = ("Rescue teams used boats to reach residents trapped on rooftops, and the regional governor "
      "asked the army for help with the evacuation.")
P3 = ("Forecasters expect more rain later this week, and schools in the affected areas will stay "
      "closed until the water recedes, the education office said.")
P4 = ("The city council will meet on Thursday to discuss emergency funding for repairs to roads "
      "and bridges damaged by the flooding.")
BODY = [P1, P2, P3, P4]


def page(*lines: str) -> str:
    return "\n\n".join(lines)


def clean(text: str, **kw) -> list:
    return clean_document(RawDocument(id="doc", path="doc.txt", text=text, **kw))


def one(text: str, **kw):
    arts = clean(text, **kw)
    assert len(arts) == 1, [a.id for a in arts]
    return arts[0]


# --- seeds ------------------------------------------------------------------------------------

def seed(stem_prefix: str) -> RawDocument:
    path = next(SEEDS.glob(f"{stem_prefix}*.txt"))
    return RawDocument(id=path.stem, path=str(path), text=path.read_text(encoding="utf-8"))


def seed_gold() -> dict:
    if not GOLD.is_file():
        pytest.skip("seed gold not available")
    return json.loads(GOLD.read_text(encoding="utf-8"))


def all_text(raw: RawDocument) -> str:
    return "\n".join(a.text for a in clean_document(raw))


def test_seed_boilerplate_gold():
    gold = seed_gold()["boilerplate"]
    for page_id, lines in gold["must_drop"].items():
        text = all_text(seed(page_id))
        for line in lines:
            assert line not in text, (page_id, line)
    for page_id, lines in gold["must_keep"].items():
        text = all_text(seed(page_id))
        for line in lines:
            assert line in text, (page_id, line)


def test_seed_dates_match_gold():
    docs = seed_gold()["documents"]
    for page_id, doc in docs.items():
        art = clean_document(seed(page_id))[0]
        want = doc["published"]
        if want is None:
            assert art.published is None, page_id
        else:
            assert art.published is not None and art.published.replace(":00+", "+") .startswith(
                want.replace(":00+", "+")), (page_id, art.published)


def test_seed_metadata():
    a001 = clean_document(seed("001"))[0]
    assert (a001.published, a001.published_precision) == ("2020-01-05T02:33:00+05:30", "minute")
    arts = clean_document(seed("003"))
    assert [a.id.split("_")[0] for a in arts] == ["003", "003"] and arts[1].id.endswith("#2")
    assert (arts[0].published, arts[0].published_precision) == ("2020-11-15", "day")
    assert (arts[1].published, arts[1].dateline, arts[1].agency) == ("2020-09-26", "Tehran", "AFP")
    assert arts[1].title and arts[0].title and arts[1].title != arts[0].title
    a004 = clean_document(seed("004"))[0]
    assert a004.published == "2020-12-21" and a004.dateline.startswith("ERBIL")
    assert a004.text.startswith("US Secretary")
    for stem in ("000", "002"):
        assert clean_document(seed(stem))[0].published is None
    assert clean_document(seed("002"))[0].agency == "Breitbart"


def test_seed_body_not_repeated():
    for raw in (seed(s) for s in ("000", "001", "002", "003", "004")):
        for art in clean_document(raw):
            paras = art.paragraphs
            assert len(paras) == len(set(paras)), art.id
            assert art.title not in paras


# --- boilerplate kinds ------------------------------------------------------------------------

@pytest.mark.parametrize("junk", [
    ["Sign in to read member-only stories!", "  • Unlimited access to all articles", "  • Free newsletters", "Sign in"],
    ["Subscribe to our daily newsletter"],
    ["We use cookies to improve your experience. By continuing to browse you accept our cookie policy."],
    ["A+ A-"],
    ["Share", "Print", "Email"],
    ["3 / 12"],
    ["Advertisement"],
    ["Photo: Staff photographer"],
])
def test_widget_lines_dropped(junk):
    art = one(page("Flood waters rise in the port city", *BODY[:2], *junk, *BODY[2:]))
    assert art.paragraphs == BODY
    for line in junk:
        assert line.strip().lstrip("• ") not in art.text


@pytest.mark.parametrize("footer", [
    ["Comments", "Please keep your comments civil; comments are moderated before publication.",
     "Your opinions matter to us and we read every single one of the messages that arrive each day."],
    ["Leave a Reply", "Your email address will not be published. Required fields are marked *"],
    ["Related Articles", "Storm damages farms across the northern valley",
     "Officials promise faster relief for families hit by the storm."],
    ["Support our journalism", "Thank you for reading.",
     "Please consider making a one-off contribution to keep our independent reporting free for everyone.",
     "$10 Billed Monthly"],
    ["Sponsored Links", "Doctors stunned by this one simple trick for healthy knees that anyone can use"],
])
def test_footer_blocks_dropped(footer):
    art = one(page("Flood waters rise in the port city", *BODY, *footer))
    assert art.paragraphs == BODY


def test_inline_related_box_keeps_rest_of_story():
    art = one(page("Flood waters rise in the port city", P1, P2, "Related Stories",
                   "Storm damages farms across the northern valley", "Bridge closed after heavy rain", P3, P4))
    assert art.paragraphs == BODY


def test_other_story_headline_inside_body_dropped():
    art = one(page("Flood waters rise in the port city", P1, P2,
                   "Drought leaves farmers counting the cost of a dry summer", P3, P4))
    assert art.paragraphs == BODY


def test_all_caps_subhead_kept():
    art = one(page("Flood waters rise in the port city", P1, P2, "EVACUATION CENTRES", P3, P4))
    assert "EVACUATION CENTRES" in art.paragraphs


def test_credit_line_dropped_and_credited():
    art = one(page("Flood waters rise in the port city", *BODY, "Continue reading at Example Wire"))
    assert art.paragraphs == BODY and art.agency == "Example Wire"


def test_read_more_teaser_trimmed_when_it_continues_body():
    art = one(page("Flood waters rise in the port city", P1, P2, P3,
                   "The council also said it would review drainage plans for the old town ... read more"))
    assert art.paragraphs[-1].endswith("old town")


def test_site_recurring_lines_dropped():
    boiler = {"Our Town Gazette"}
    art = clean_document(RawDocument(id="d", path="d", text=page("Flood waters", "Our Town Gazette", *BODY)),
                         site_boilerplate=boiler)[0]
    assert "Our Town Gazette" not in art.text


# --- repetition -------------------------------------------------------------------------------

def test_body_printed_twice_kept_once():
    text = "\n".join(["Flood waters rise in the port city", *BODY, *BODY])
    assert one(text).paragraphs == BODY


def test_repeated_title_lines_and_near_duplicates():
    text = page("Floods: city's 'worst' in decades", "Floods citys worst in decades",
                "Floods: city's 'worst' in decades", *BODY)
    art = one(text)
    assert art.title == "Floods: city's 'worst' in decades"
    assert art.paragraphs == BODY


def test_repeated_paragraph_dropped():
    art = one(page("Flood waters rise in the port city", P1, P2, P1, P3, P4))
    assert art.paragraphs == BODY


# --- several articles on a page ---------------------------------------------------------------

def test_second_article_with_dateline_is_split():
    second = [
        "Dam inspectors sent to the upper valley",
        "Lagos (Reuters) March 3, 2021",
        "Engineers were sent to inspect two dams upstream of the city after water levels rose "
        "sharply overnight, the water authority said.",
        "The authority said both dams were safe but that it would release water gradually to "
        "protect villages further down the river.",
    ]
    text = page("Flood waters rise in the port city", "2021-03-01 00:00:00", *BODY,
                "Related Links", "Bridge closed after heavy rain", *second)
    arts = clean(text)
    assert [a.id for a in arts] == ["doc", "doc#2"]
    assert arts[0].paragraphs == BODY and arts[0].published == "2021-03-01"
    b = arts[1]
    assert b.title == second[0] and b.paragraphs == second[2:]
    assert (b.published, b.published_precision, b.dateline, b.agency) == ("2021-03-03", "day", "Lagos", "Reuters")


def test_teaser_list_is_not_an_article():
    text = page("Flood waters rise in the port city", *BODY, "More News",
                "Bridge closed after heavy rain", "March 2, 2021", "Drivers were told to use the ring road.",
                "Storm damages farms in the valley", "March 1, 2021", "Farmers asked for compensation.")
    assert [a.id for a in clean(text)] == ["doc"]


# --- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, value, precision", [
    ("January 05, 2020 02:33 am | Updated 02:36 am IST", "2020-01-05T02:33:00+05:30", "minute"),
    ("2020-11-15 00:00:00", "2020-11-15", "day"),
    ("21-12-2020", "2020-12-21", "day"),
    ("Sept 26, 2020", "2020-09-26", "day"),
    ("19 Nov 2019 05:44 GMT", "2019-11-19T05:44:00+00:00", "minute"),
    ("Published 11:11 PM EST Nov 19, 2019", "2019-11-19T23:11:00-05:00", "minute"),
    ("Updated 1:39 am EST, Wednesday, November 20, 2019", "2019-11-20T01:39:00-05:00", "minute"),
    ("PUBLISHED: 10:48, Tue, Nov 19, 2019 | UPDATED: 11:05, Tue, Nov 19, 2019", "2019-11-19T10:48:00", "minute"),
    ("2019-11-19T12:48:14Z", "2019-11-19T12:48:00+00:00", "minute"),
    ("2019-11-19T12:48:14+0100", "2019-11-19T12:48:00+01:00", "minute"),
    ("11/19/2019", "2019-11-19", "day"),
    ("19.11.2019 10:00 GMT+3", "2019-11-19T10:00:00+03:00", "minute"),
    ("March 2021", "2021-03", "month"),
    ("14 March 2021 16:45 CET", "2021-03-14T16:45:00+01:00", "minute"),
])
def test_find_date(line, value, precision):
    hit = find_date(line)
    assert hit is not None and (hit.value, hit.precision) == (value, precision)


@pytest.mark.parametrize("line", ["no date here", "Nov 19, 6:55 AM", "31-02-2020", "page 12/45"])
def test_find_date_none(line):
    assert find_date(line) is None


@pytest.mark.parametrize("header, value, precision", [
    ("March 14, 2021 4:45 pm PST", "2021-03-14T16:45:00-08:00", "minute"),
    ("Posted on 14/03/2021", "2021-03-14", "day"),
    ("2021-03-14 00:00:00 - Source: Valley Herald", "2021-03-14", "day"),
])
def test_header_date_read(header, value, precision):
    art = one(page("Flood waters rise in the port city", header, *BODY))
    assert (art.published, art.published_precision, art.published_from) == (value, precision, "text")
    assert header not in art.text


def test_undated_page_stays_undated():
    art = one(page("Flood waters rise in the port city", *BODY))
    assert art.published is None and art.published_precision is None and art.published_from is None


def test_date_inside_body_sentence_not_used():
    body = [P1, "The last flood of this size hit the city on March 3, 2011, officials recalled in a statement.", P3]
    art = one(page("Flood waters rise in the port city", *body))
    assert art.published is None


def test_input_date_wins():
    art = one(page("Flood waters rise in the port city", "21-12-2020", *BODY), published="2020-12-20")
    assert (art.published, art.published_from, art.published_precision) == ("2020-12-20", "input", "day")


# --- datelines, bylines, agencies, sources ----------------------------------------------------

def test_standalone_dateline_line():
    art = one(page("Flood waters rise in the port city", "NAIROBI:", *BODY))
    assert art.dateline == "NAIROBI" and art.paragraphs == BODY


def test_inline_dateline_with_agency_is_stripped():
    art = one(page("Flood waters rise in the port city", "NAIROBI (AP) — " + P1, *BODY[1:]))
    assert (art.dateline, art.agency) == ("NAIROBI", "AP")
    assert art.paragraphs == BODY


def test_inline_dateline_region_with_nbsp():
    art = one(page("Flood waters rise in the port city", "MOMBASA, Coast Province\xa0 " + P1, *BODY[1:]))
    assert art.dateline == "MOMBASA, Coast Province" and art.text.startswith("Heavy rain")


def test_dateline_helpers():
    dl = standalone_dateline("Lagos (AFP) Sept 26, 2020")
    assert (dl.place, dl.agency, dl.date.value) == ("Lagos", "AFP", "2020-09-26")
    assert standalone_dateline("UPDATE:") is None
    assert inline_dateline("US officials said on Monday that the talks would go ahead as planned.") is None
    dl = inline_dateline("LONDON, Jan 5 (Reuters) - Britain said on Monday that it would send more aid.")
    assert (dl.place, dl.agency) == ("LONDON", "Reuters")


def test_told_agency_is_not_a_credit():
    body = [P1, "Two residents were missing, a police officer told AFP on Tuesday evening by telephone.", P3]
    assert one(page("Flood waters rise in the port city", *body)).agency is None


@pytest.mark.parametrize("credit", ["By Associated Press", "Source: AFP", "-- With AFP"])
def test_agency_credit_lines(credit):
    art = one(page("Flood waters rise in the port city", "21-12-2020", credit, *BODY))
    assert art.agency in ("AP", "AFP") and credit not in art.text


def test_byline_and_source():
    art = one(page("Flood waters rise in the port city", "21-12-2020", "Amina Odhiambo", *BODY))
    assert art.byline == "Amina Odhiambo"
    art = one(page("Flood waters rise in the port city", "By Peter Mwangi", "March 14, 2021", *BODY))
    assert art.byline == "Peter Mwangi"
    art = one(page("Flood waters rise in the port city", "2021-03-14 - Source: Valley Herald", *BODY))
    assert art.source == "Valley Herald"
    assert byline_of("Related Links") is None and byline_of("Sign in") is None


def test_article_fields_from_raw():
    raw = RawDocument(id="x1", path="in/x1.txt", record="7", text=page("A title here", *BODY),
                      url="https://www.example.org/a", sha256="abc")
    art = clean_document(raw)[0]
    assert (art.raw_path, art.raw_record, art.raw_sha256, art.url) == ("in/x1.txt", "7", "abc", raw.url)
    assert art.source == "example.org" and art.title == "A title here"
    assert "\n\n".join(art.paragraphs) == art.text and "  " not in art.text


# --- corpus and HTML --------------------------------------------------------------------------

def test_clean_documents_uses_site_lines_and_reports_problems():
    banner = "Valley Herald Daily - your local news every day"
    raws = [RawDocument(id=f"p{i}", path=f"p{i}.txt", source="Valley Herald",
                        text=page(f"Story number {i} about the floods", banner,
                                  *(f"Report {i}: {p}" for p in BODY)))
            for i in range(4)]
    raws.append(RawDocument(id="empty", path="empty.txt", text=""))
    problems: list[Problem] = []
    arts = clean_documents(raws, problems.append)
    assert banner in site_boilerplate_lines(raws)["valley herald"]
    assert len(arts) == 4 and all(banner not in a.text for a in arts)
    assert [p.path for p in problems] == ["empty.txt"]


def test_html_document():
    html = ("<html><head><title>Flood waters rise | Valley Herald</title>"
            '<meta property="article:published_time" content="2021-03-14T16:45:00+01:00">'
            '<meta property="og:site_name" content="Valley Herald"></head><body>'
            "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Flood waters rise</h1>"
            + "".join(f"<p>{p}</p>" for p in BODY)
            + "</article><footer>Copyright 2021 Valley Herald. All rights reserved.</footer></body></html>")
    arts = clean_document(RawDocument(id="h", path="h.html", html=html))
    assert len(arts) == 1
    art = arts[0]
    assert art.paragraphs == BODY
    assert (art.published, art.published_precision, art.published_from) == ("2021-03-14T16:45:00+01:00", "minute", "html")
    assert art.source == "Valley Herald" and art.title.startswith("Flood waters rise")


def test_list_announced_by_colon_kept():
    items = ["Monday -- Town hall, North district", "Tuesday -- Stadium car park, East district",
             "Wednesday -- Main market square, Old town"]
    art = one(page("Flood waters rise in the port city", *BODY, "Relief centres open on these days:", *items,
                   "Facebook", "Twitter"))
    assert art.paragraphs[-3:] == items


def test_story_listing_after_body_dropped():
    listing = ["Bridge closed after heavy rain on the coast road", "Jane Roe", "March 2, 2021",
               "Drivers were told to use the ring road while engineers check the structure for damage.",
               "Storm damages farms in the northern valley", "John Doe", "March 1, 2021",
               "Farmers asked the government for compensation after the storm destroyed their crops."]
    art = one(page("Flood waters rise in the port city", *BODY, *listing))
    assert art.paragraphs == BODY


def test_short_structured_record_keeps_its_sentences():
    # A one- or two-sentence JSONL record has no page around it: its sentences are the body.
    from eventwire.clean import clean_document
    from eventwire.models import RawDocument

    one = clean_document(RawDocument(id="r1", path="in.jsonl", text="Gunmen attacked a village.", title="Raid"))
    assert one[0].text == "Gunmen attacked a village." and one[0].title == "Raid"
    two = clean_document(RawDocument(id="r2", path="in.jsonl",
                                     text="Gunmen attacked a village.\n\nFive people died, police said."))
    assert two[0].paragraphs == ["Gunmen attacked a village.", "Five people died, police said."]
    assert clean_document(RawDocument(id="r3", path="in.txt", text="Home\nNews\nSign in")) == []


def test_agencies_whose_reporting_an_article_relays() -> None:
    from eventwire.clean.meta import agencies_cited

    assert agencies_cited("Two shells hit the market, a local official told AFP on Monday.") == ["AFP"]
    assert agencies_cited("The toll rose to 12, according to Reuters. An AP photographer saw the fire.") == ["AP", "Reuters"]
    assert agencies_cited("Xinhua reported the blast; he spoke to the Associated Press later.") == ["AP", "Xinhua"]
    # lower-case words that spell a short alias are not agencies
    assert agencies_cited("They went to the map room; a tap was left open according to the aa guide.") == []

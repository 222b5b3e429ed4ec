"""End-to-end extract() on analysed synthetic articles (real places and time modules)."""
from __future__ import annotations

import pytest

from eventwire.analyze import analyze
from eventwire.extract import extract
from eventwire.extract.assemble import geo_precision, mention_id
from eventwire.models import Article, Place

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

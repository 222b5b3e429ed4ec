"""End to end: ingest is idempotent, order-independent, transactional and survives bad input."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import eventwire
from eventwire import pipeline

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


def event_view(db: str) -> list[tuple]:
    """What a user sees of the events: enough to tell two databases apart."""
    return sorted(
        (e.id, e.event_date, e.sub_event_type, e.location, e.fatalities, tuple(e.article_ids), e.independent_sources)
        for e in eventwire.events(db=db)
    )


@pytest.fixture(scope="module")
def together(tmp_path_factory) -> str:
    db = str(tmp_path_factory.mktemp("together") / "all.db")
    eventwire.ingest([str(p) for p in SEEDS], db=db)
    return db


def test_seeds_produce_events_with_evidence(together):
    events = eventwire.events(db=together)
    assert events, "the seed pages report several attacks"
    articles = {a.id: a for a in eventwire.articles(db=together)}
    for ev in events:
        assert ev.source_count == len(ev.article_ids) >= 1
        assert 1 <= ev.independent_sources <= ev.source_count
        for src in ev.sources:
            text = articles[src.article_id].text
            assert text[src.start:src.end] == src.sentence


def test_reingest_adds_nothing(together, tmp_path):
    db = str(tmp_path / "copy.db")
    shutil.copy(together, db)
    before = event_view(db)
    report = eventwire.ingest([str(p) for p in SEEDS], db=db)
    assert report.articles_stored == 0 and report.articles_unchanged >= len(SEEDS)
    assert event_view(db) == before


@pytest.mark.slow
def test_one_page_at_a_time_in_any_order_equals_together(together, tmp_path):
    for name, order in (("forward", SEEDS), ("backward", SEEDS[::-1]), ("shuffled", SEEDS[2:] + SEEDS[:2])):
        db = str(tmp_path / f"{name}.db")
        for page in order:
            eventwire.ingest([str(page)], db=db)
        assert event_view(db) == event_view(together), name


def test_bad_input_is_skipped_and_the_run_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS[1], folder / SEEDS[1].name)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (folder / "broken.jsonl").write_text('{"id": "ok1", "text": "Gunmen attacked a village."}\n{not json\n')
    problems = []
    report = eventwire.ingest([str(folder)], db=str(tmp_path / "t.db"), on_problem=problems.append)
    named = {Path(p.path).name for p in problems}
    assert {"empty.txt", "binary.txt", "broken.jsonl"} <= named
    assert any(p.record for p in problems if Path(p.path).name == "broken.jsonl")
    assert report.articles_stored >= 2


def test_a_crash_mid_run_keeps_earlier_batches_whole(tmp_path, monkeypatch):
    db = str(tmp_path / "t.db")
    monkeypatch.setattr(pipeline, "BATCH_RAWS", 2)
    real = pipeline.analyse_and_extract

    def failing(articles):  # the second batch (the third page) fails
        if any(a.id.startswith(SEEDS[2].stem) for a in articles):
            raise RuntimeError("simulated crash")
        return real(articles)

    monkeypatch.setattr(pipeline, "analyse_and_extract", failing)
    with pytest.raises(RuntimeError):
        eventwire.ingest([str(p) for p in SEEDS], db=db)
    stored = {a.id.split("#")[0] for a in eventwire.articles(db=db)}
    assert stored == {p.stem for p in SEEDS[:2]}
    # Every stored mention belongs to a stored article and every event cites stored articles.
    for ev in eventwire.events(db=db):
        assert {a.split("#")[0] for a in ev.article_ids} <= stored


def test_annotate_contract(tmp_path):
    records = list(eventwire.annotate(str(SEEDS[3])))
    assert [r["article"]["id"] for r in records][:2] == [SEEDS[3].stem, SEEDS[3].stem + "#2"]
    for r in records:
        assert set(r) == {"article", "sentences", "places", "times", "mentions"}
        text = r["article"]["text"]
        for place in r["places"]:
            assert text[place["start"]:place["end"]] == place["text"]
            assert {"name", "country", "admin1", "lat", "lon", "kind"} <= set(place)
        for t in r["times"]:
            assert text[t["start"]:t["end"]] == t["text"]
        json.dumps(r)


DATED_REPORT = {"id": "dated", "published": "2023-03-14", "text": (
    "Gunmen attacked a police checkpoint in Zaria on Sunday night, killing three officers, police in "
    "Kaduna State said on Tuesday.\n\nThe attackers fled into the forest after the raid, a police spokesman said.")}
UNDATED_REPORT = {"id": "undated", "text": (
    "Gunmen stormed a police checkpoint in Zaria on Sunday, killing three officers, police said.\n\n"
    "In February, angry protesters set fire to a police station in Kaduna.")}


def _jsonl(path: Path, record: dict) -> str:
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize("order", ["dated first", "undated first", "together"])
def test_an_undated_report_is_dated_by_the_event_it_shares(tmp_path, order):
    dated, undated = _jsonl(tmp_path / "a.jsonl", DATED_REPORT), _jsonl(tmp_path / "b.jsonl", UNDATED_REPORT)
    db = str(tmp_path / "w.db")
    runs = {"dated first": [[dated], [undated]], "undated first": [[undated], [dated]],
            "together": [[dated, undated]]}[order]
    for paths in runs:
        eventwire.ingest(paths, db=db)
    article = {a.id: a for a in eventwire.articles(db=db)}["undated"]
    # "on Sunday" means 12 March only if the page appeared between 12 and 18 March
    assert article.published is None and article.published_window == "2023-03-12/2023-03-18"
    events = eventwire.events(db=db)
    attack = [e for e in events if set(e.article_ids) == {"dated", "undated"}]
    assert len(attack) == 1 and attack[0].event_date == "2023-03-12"
    riot = [e for e in events if e.event_type == "Riots"]
    # "In February" of a page from that week is February 2023
    assert [(e.event_date, e.date_precision, e.article_ids) for e in riot] == [("2023-02-01", "month", ["undated"])]

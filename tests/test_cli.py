"""The command line mirrors the API and keeps the export contract."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from eventwire.serve.cli import main
from eventwire.serve.export import ACLED_COLUMNS, EVENT_FIELDS

SEEDS = sorted((Path(__file__).parent / "fixtures" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "cli.db")
    assert main(["ingest", "--quiet", "--db", path] + [str(p) for p in SEEDS]) == 0
    return path


def run(capsys, *args: str) -> str:
    assert main(list(args)) == 0
    return capsys.readouterr().out


def test_events_jsonl_has_contract_fields(db, capsys):
    lines = run(capsys, "events", "--db", db).splitlines()
    assert lines
    for line in lines:
        record = json.loads(line)
        assert set(EVENT_FIELDS) <= set(record)
        assert record["event_date"] is None or len(record["event_date"]) == 10
        for source in record["sources"]:
            assert {"article_id", "source", "url", "published", "sentence", "start", "end"} == set(source)


def test_events_csv_acled_geojson(db, capsys):
    rows = list(csv.DictReader(io.StringIO(run(capsys, "events", "--db", db, "--format", "csv"))))
    assert rows and list(rows[0]) == EVENT_FIELDS
    acled = list(csv.reader(io.StringIO(run(capsys, "events", "--db", db, "--format", "acled"))))
    assert acled[0] == ACLED_COLUMNS and len(acled) == len(rows) + 1
    geo = json.loads(run(capsys, "events", "--db", db, "--format", "geojson"))
    assert geo["type"] == "FeatureCollection" and len(geo["features"]) == len(rows)


def test_events_filters(db, capsys):
    every = run(capsys, "events", "--db", db).splitlines()
    some = run(capsys, "events", "--db", db, "--since", "2020-06-01").splitlines()
    assert all(json.loads(line)["event_date"] >= "2020-06-01" for line in some)
    assert len(some) < len(every)
    typed = run(capsys, "events", "--db", db, "--type", "Explosions/Remote violence").splitlines()
    assert all(json.loads(line)["event_type"] == "Explosions/Remote violence" for line in typed)
    assert run(capsys, "events", "--db", db, "--country", "Atlantis") == ""


def test_articles_jsonl_and_table(db, capsys):
    articles = [json.loads(line) for line in run(capsys, "articles", "--db", db).splitlines()]
    assert {a["id"].split("#")[0] for a in articles} == {p.stem for p in SEEDS}
    assert "articles" in run(capsys, "articles", "--db", db, "--format", "table")


def test_ingest_of_nothing_readable_fails(tmp_path, capsys):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["ingest", "--db", str(tmp_path / "x.db"), str(empty)]) == 1
    assert "empty.txt" in capsys.readouterr().err


def test_env_db(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("EVENTWIRE_DB", str(tmp_path / "env.db"))
    assert main(["ingest", "--quiet", str(SEEDS[1])]) == 0
    assert (tmp_path / "env.db").exists()
    assert run(capsys, "articles").strip()


def test_articles_table_shows_windows_and_cited_agencies():
    from eventwire.models import Article
    from eventwire.serve.tables import _published, articles_table

    undated = Article(id="u", text="x", published_window="2021-12-30/2022-01-04", agencies_cited=["AFP"])
    assert _published(undated) == "~2021-12-30/2022-01-04"
    assert _published(Article(id="w", text="x", published_window="2022-01-04/2022-01-09")) == "~2022-01-04/01-09"
    assert _published(Article(id="d", text="x", published="2022-01-05")) == "2022-01-05"
    assert articles_table([undated]).row_count == 1

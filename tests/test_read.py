"""The read stage: formats, encodings, ids, and every kind of bad input (reported, skipped)."""
from __future__ import annotations

import gzip
import hashlib
import io
import json
import os
import random
import sys
import tracemalloc
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from eventwire.models import Problem, RawDocument
from eventwire.read import read_paths, source

ARTICLE = "Gunmen attacked a checkpoint near the city on Saturday, killing two police officers.\n"
HTML = ("<!DOCTYPE html><html><head><title>Attack</title></head>"
        f"<body><article><p>{ARTICLE}</p></article></body></html>")
WARC_DATE = "2021-03-04T05:06:07Z"


def run(paths, **kw) -> tuple[list[RawDocument], list[Problem]]:
    problems: list[Problem] = []
    docs = list(read_paths([str(p) for p in paths], problems.append, **kw))
    return docs, problems


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def jsonl(*records) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def warc_bytes(records, gz: bool = False) -> bytes:
    """records: (uri, type, content_type, body, status) tuples."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for uri, rec_type, ctype, body, status in records:
        headers = {"WARC-Date": WARC_DATE}
        if rec_type == "response":
            http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body),
                                            http_headers=http, warc_headers_dict=headers)
        else:
            rec = writer.create_warc_record(uri, rec_type, payload=io.BytesIO(body),
                                            warc_content_type=ctype, warc_headers_dict=headers)
        writer.write_record(rec)
    return buf.getvalue()


def warc_id(uri: str) -> str:
    return "warc-" + hashlib.sha1(uri.encode()).hexdigest()[:16]


def page(i: int) -> bytes:
    return HTML.replace("Attack", f"Attack {i}").encode("utf-8")


def three_pages(gz: bool = False) -> bytes:
    return warc_bytes([(f"https://news.example/{i}", "response", "text/html; charset=utf-8", page(i), "200 OK")
                       for i in range(3)], gz=gz)


@pytest.fixture
def good(tmp_path) -> tuple[Path, Path]:
    return write(tmp_path / "a_good.txt", ARTICLE), write(tmp_path / "z_good.txt", ARTICLE * 2)


def assert_goods_read(docs, good) -> None:
    assert {"a_good", "z_good"} <= {d.id for d in docs}


def only(problems, path) -> Problem:
    mine = [p for p in problems if p.path == str(path)]
    assert len(mine) == 1, problems
    return mine[0]


# --- good paths ---------------------------------------------------------------------------

def test_text_file(tmp_path):
    path = write(tmp_path / "000_abc.txt", ARTICLE)
    (doc,), problems = run([path])
    assert problems == []
    assert (doc.id, doc.path, doc.record, doc.text, doc.html) == ("000_abc", str(path), None, ARTICLE, None)
    assert doc.encoding == "utf-8" and doc.published is None and doc.fetched is None
    assert doc.sha256 == hashlib.sha256(ARTICLE.encode()).hexdigest()


def test_html_by_extension_and_by_content(tmp_path):
    tags = "<div><p>One</p><p>Two</p><span>x</span><a href='/'>home</a></div>"
    paths = [write(tmp_path / "a.html", HTML), write(tmp_path / "b.txt", HTML),
             write(tmp_path / "c", tags), write(tmp_path / "d.htm", HTML)]
    docs, problems = run(paths)
    assert problems == []
    assert [d.id for d in docs] == ["a", "b", "c", "d"]
    assert all(d.html and d.text is None for d in docs)


def test_text_with_a_stray_tag_stays_text(tmp_path):
    (doc,), _ = run([write(tmp_path / "a.txt", "He wrote <b>bold</b> claims.\n" + ARTICLE)])
    assert doc.text and doc.html is None


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_western_encodings(tmp_path, encoding):
    text = "Le maire a déclaré que l'attaque a tué deux gendarmes près de la gare à Besançon.\n"
    if encoding == "cp1252":
        text += "Il a parlé d’un « acte lâche » — 5 € de dons.\n"
    (doc,), problems = run([write(tmp_path / "a.txt", text.encode(encoding))])
    assert problems == []
    assert doc.text == text and doc.encoding == "cp1252"


def test_utf16_and_utf8_bom(tmp_path):
    text = "Ataque en Bogotá: la policía dijo que dos personas murieron.\n"
    paths = [write(tmp_path / "a.txt", text.encode("utf-16")),
             write(tmp_path / "b.txt", b"\xef\xbb\xbf" + text.encode()),
             write(tmp_path / "c.txt", text.encode("utf-16-le"))]
    docs, problems = run(paths)
    assert problems == []
    assert [d.text for d in docs] == [text] * 3
    assert [d.encoding for d in docs] == ["utf-16", "utf-8-sig", "utf-16-le"]


def test_cyrillic_legacy_encoding(tmp_path):
    text = "Полиция сообщила, что в результате взрыва на рынке погибли два человека.\n"
    (doc,), _ = run([write(tmp_path / "a.txt", text.encode("cp1251"))])
    assert doc.text == text and doc.encoding == "cp1251"


def test_html_meta_charset_and_mislabelled_utf8(tmp_path):
    body = "<html><head><meta charset='windows-1252'><title>x</title></head><body><p>Café – “attack”</p></body></html>"
    declared = write(tmp_path / "a.html", body.encode("cp1252"))
    wrong = write(tmp_path / "b.html", body.replace("windows-1252", "iso-8859-1").encode("utf-8"))
    docs, problems = run([declared, wrong])
    assert problems == []
    assert [d.encoding for d in docs] == ["cp1252", "utf-8"]
    assert all("Café – “attack”" in d.html for d in docs)


def test_jsonl_records(tmp_path):
    path = write(tmp_path / "feed.jsonl", jsonl(
        {"id": "x1", "text": ARTICLE, "title": "T", "url": "https://a.example/1",
         "published": "2020-01-05T02:33:00+05:30", "source": "A"},
        {"html": HTML, "published": "2020-11-15"},
        "",
        {"id": 7, "text": ARTICLE},
    ))
    docs, problems = run([path], published="2021-01-01")
    assert problems == []
    assert [(d.id, d.record, d.published) for d in docs] == [
        ("x1", "line 1", "2020-01-05T02:33:00+05:30"), ("feed-2", "line 2", "2020-11-15"),
        ("7", "line 4", "2021-01-01")]
    first = docs[0]
    assert (first.title, first.url, first.source) == ("T", "https://a.example/1", "A")
    assert (first.text, first.html) == (ARTICLE, None)
    line1 = path.read_bytes().split(b"\n")[0]
    assert first.sha256 == hashlib.sha256(line1).hexdigest()
    assert docs[1].html == HTML and docs[1].text is None


def test_jsonl_sniffed_by_content_and_gzipped(tmp_path):
    lines = jsonl({"id": "a", "text": ARTICLE}, {"id": "b", "text": ARTICLE})
    paths = [write(tmp_path / "dump.txt", lines), write(tmp_path / "dump2.jsonl.gz", gzip.compress(lines.encode()))]
    docs, problems = run(paths)
    assert problems == []
    assert [(d.id, d.path) for d in docs] == [("a", str(paths[0])), ("b", str(paths[0])),
                                             ("a", str(paths[1])), ("b", str(paths[1]))]


def test_jsonl_utf16(tmp_path):
    (doc,), problems = run([write(tmp_path / "f.jsonl", jsonl({"id": "é", "text": "Café"}).encode("utf-16"))])
    assert problems == [] and (doc.id, doc.text, doc.encoding) == ("é", "Café", "utf-16")


def test_warc_response_records(tmp_path):
    data = warc_bytes([
        ("https://news.example/a", "response", "text/html; charset=utf-8", page(1), "200 OK"),
        ("https://news.example/logo.png", "response", "image/png", b"\x89PNG\r\n\x1a\n", "200 OK"),
        ("https://news.example/old", "response", "text/html", b"<html>moved</html>", "301 Moved Permanently"),
        ("https://news.example/b", "resource", "text/html", page(2), None),
        ("https://news.example/c", "request", "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n", None),
    ])
    path = write(tmp_path / "crawl.warc", data)
    docs, problems = run([path])
    assert problems == []
    assert [d.url for d in docs] == ["https://news.example/a", "https://news.example/b"]
    doc = docs[0]
    assert doc.id == warc_id("https://news.example/a")
    assert (doc.fetched, doc.published, doc.record, doc.text) == (WARC_DATE, None, "offset 0", None)
    assert "Attack 1" in doc.html and doc.sha256 == hashlib.sha256(page(1)).hexdigest()
    assert docs[1].record.startswith("offset ") and int(docs[1].record.split()[1]) > 0


def test_warc_http_charset(tmp_path):
    body = "<html><body><p>Le préfet a parlé d’une « attaque »</p></body></html>"
    data = warc_bytes([("https://news.example/fr", "response", "text/html; charset=windows-1252",
                        body.encode("cp1252"), "200 OK")])
    (doc,), problems = run([write(tmp_path / "fr.warc", data)])
    assert problems == [] and doc.html == body and doc.encoding == "cp1252"


@pytest.mark.parametrize("name,make", [
    ("crawl.warc.gz", lambda: three_pages(gz=True)),        # per-record gzip members
    ("crawl2.warc.gz", lambda: gzip.compress(three_pages())),  # whole file gzipped
    ("crawl.dat", three_pages),                              # sniffed by its magic line
])
def test_warc_variants(tmp_path, name, make):
    docs, problems = run([write(tmp_path / name, make())])
    assert problems == []
    assert [d.url for d in docs] == [f"https://news.example/{i}" for i in range(3)]


def test_gzipped_single_document(tmp_path):
    (doc,), problems = run([write(tmp_path / "page.html.gz", gzip.compress(HTML.encode()))])
    assert problems == [] and doc.id == "page" and doc.html == HTML
    assert doc.sha256 == hashlib.sha256(HTML.encode()).hexdigest()  # of the content, not the gzip


def test_directory_recursion_order_hidden_and_duplicates(tmp_path):
    for rel in ["b.txt", "a.txt", "sub/c.txt", "sub/deeper/d.txt", "a_dir/e.txt", ".hidden.txt", ".git/f.txt"]:
        write(tmp_path / "in" / rel, ARTICLE)
    docs, problems = run([tmp_path / "in", tmp_path / "in" / "a.txt"])
    assert problems == []
    assert [Path(d.path).relative_to(tmp_path / "in").as_posix() for d in docs] == [
        "a.txt", "b.txt", "a_dir/e.txt", "sub/c.txt", "sub/deeper/d.txt"]
    assert docs[0].path == os.path.join(str(tmp_path / "in"), "a.txt")


class FakeStdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize("data,ids", [
    (ARTICLE.encode(), ["stdin"]),
    (jsonl({"text": ARTICLE}, {"id": "q", "text": ARTICLE}).encode(), ["stdin-1", "q"]),
    (gzip.compress(HTML.encode()), ["stdin"]),
    (three_pages(), [warc_id(f"https://news.example/{i}") for i in range(3)]),
])
def test_stdin(monkeypatch, data, ids):
    monkeypatch.setattr(sys, "stdin", FakeStdin(data))
    docs, problems = run(["-"])
    assert problems == [] and [d.id for d in docs] == ids and all(d.path == "-" for d in docs)


def test_stdin_pipe_is_spooled(monkeypatch):
    class Pipe(io.BytesIO):
        def seekable(self) -> bool:
            return False
    fake = FakeStdin(b"")
    fake.buffer = Pipe(ARTICLE.encode())
    monkeypatch.setattr(sys, "stdin", fake)
    (doc,), _ = run(["-"])
    assert doc.text == ARTICLE


def test_published_default(tmp_path):
    path = write(tmp_path / "a.txt", ARTICLE)
    (doc,), _ = run([path], published="2020-01-05")
    assert doc.published == "2020-01-05"
    (doc,), problems = run([path], published="last tuesday")
    assert doc.published is None and problems[0].path == "--published"


# --- bad input: each reported with file (and record), skipped; the run goes on ------------

@pytest.mark.parametrize("name,data,reason", [
    ("img.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    ("img.txt", b"\x89PNG\r\n\x1a\n" + bytes(200), "PNG image"),
    ("nul.txt", b"abc\x00def\x00" * 100, "NUL bytes"),
    ("random.bin", random.Random(1).randbytes(4000), "undecodable"),
])
def test_binary_files(tmp_path, good, name, data, reason):
    bad = write(tmp_path / name, data)
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    assert reason in only(problems, bad).reason


def test_undecodable_bytes(tmp_path, good):
    bad = write(tmp_path / "m.txt", bytes(b | 0x80 for b in random.Random(2).randbytes(4000)))
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    assert "undecodable" in only(problems, bad).reason


@pytest.mark.parametrize("data,reason", [(b"", "empty file"), (b" \n\t\r\n", "only whitespace"),
                                         ("\n \n".encode("utf-16"), "only whitespace")])
def test_empty_files(tmp_path, good, data, reason):
    bad = write(tmp_path / "empty.txt", data)
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    assert reason in only(problems, bad).reason


def test_truncated_gzip_single_document(tmp_path, good):
    bad = write(tmp_path / "page.html.gz", gzip.compress((HTML * 50).encode())[:-30])
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    assert "gzip" in only(problems, bad).reason


def test_truncated_gzip_jsonl_keeps_earlier_lines(tmp_path, good):
    lines = jsonl(*({"id": f"r{i}", "text": ARTICLE + str(i) * 500} for i in range(50)))
    bad = write(tmp_path / "feed.jsonl.gz", gzip.compress(lines.encode(), mtime=0)[:-20])
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    from_bad = [d.id for d in docs if d.path == str(bad)]
    assert from_bad[:3] == ["r0", "r1", "r2"] and len(from_bad) < 50
    problem = only(problems, bad)
    assert "gzip" in problem.reason and problem.record == f"line {len(from_bad) + 1}"


@pytest.mark.parametrize("gz", [False, True])
def test_truncated_warc_keeps_earlier_records(tmp_path, good, gz):
    data = three_pages(gz=gz)
    bad = write(tmp_path / ("cut.warc.gz" if gz else "cut.warc"), data[: len(data) - 150])
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    from_bad = [d for d in docs if d.path == str(bad)]
    assert [d.url for d in from_bad] == ["https://news.example/0", "https://news.example/1"]
    problem = only(problems, bad)
    third = 2 * int(from_bad[1].record.split()[1])  # the three records have the same size
    assert "truncated" in problem.reason and problem.record == f"offset {third}"


@pytest.mark.parametrize("damage", [b"GARBAGE LINE\r\nnot a warc record at all\r\n\r\n", b"\x00\x01\x02 junk"])
def test_malformed_warc(tmp_path, good, damage):
    bad = write(tmp_path / "bad.warc", three_pages() + damage)
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    assert len([d for d in docs if d.path == str(bad)]) == 3
    problem = only(problems, bad)
    assert "WARC" in problem.reason and problem.record == f"offset {len(three_pages())}"


def test_not_a_warc_despite_extension(tmp_path, good):
    bad = write(tmp_path / "fake.warc", "hello, this is not a web archive\n")
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    assert only(problems, bad).record == "offset 0"


def test_malformed_json_lines(tmp_path, good):
    bad = write(tmp_path / "feed.jsonl", jsonl(
        {"id": "ok1", "text": ARTICLE},
        '{"id": "broken", "text": ',
        "[1, 2, 3]",
        {"id": "notext", "title": "only a title"},
        {"id": "ok2", "html": HTML, "published": "yesterday"},
        {"id": "blank", "text": "   "},
    ))
    docs, problems = run([good[0], bad, good[1]])
    assert_goods_read(docs, good)
    from_bad = [d for d in docs if d.path == str(bad)]
    assert [d.id for d in from_bad] == ["ok1", "ok2"] and from_bad[1].published is None
    assert [(p.record, p.path) for p in problems] == [(f"line {n}", str(bad)) for n in (2, 3, 4, 5, 6)]
    assert "not valid JSON" in problems[0].reason and "not a JSON object" in problems[1].reason
    assert "'text' or 'html'" in problems[2].reason and "published" in problems[3].reason


def test_file_larger_than_limit_is_not_read(tmp_path, good):
    bad = tmp_path / "huge.txt"
    with open(bad, "wb") as f:
        f.write(ARTICLE.encode() * 2000)
        f.truncate(100_000_000)  # sparse: instant, but 100 MB on stat
    tracemalloc.start()
    try:
        docs, problems = run([good[0], bad, good[1]])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert_goods_read(docs, good)
    assert only(problems, bad).reason == "too large (100.0 MB > 50.0 MB limit)"
    assert peak < 5_000_000


def test_gzip_bomb_is_not_decompressed_past_limit(tmp_path, good):
    bad = write(tmp_path / "bomb.txt.gz", gzip.compress(ARTICLE.encode() * 20_000))
    docs, problems = run([good[0], bad, good[1]], max_bytes=100_000)
    assert_goods_read(docs, good)
    assert "too large" in only(problems, bad).reason


def test_record_limits_apply_per_jsonl_line_and_warc_record(tmp_path, good):
    feed = write(tmp_path / "feed.jsonl", jsonl({"id": "small", "text": ARTICLE}, {"id": "big", "text": "x" * 5000},
                                                {"id": "small2", "text": ARTICLE}))
    crawl = write(tmp_path / "crawl.warc", warc_bytes([
        ("https://news.example/big", "response", "text/html", page(0) * 50, "200 OK"),
        ("https://news.example/small", "response", "text/html", page(1), "200 OK")]))
    docs, problems = run([good[0], feed, crawl, good[1]], max_bytes=2000)
    assert_goods_read(docs, good)
    assert [d.id for d in docs if d.path == str(feed)] == ["small", "small2"]
    assert [d.url for d in docs if d.path == str(crawl)] == ["https://news.example/small"]
    assert [(p.path, p.record) for p in problems] == [(str(feed), "line 2"), (str(crawl), "offset 0")]
    assert all("too large" in p.reason for p in problems)


def test_unreadable_file(tmp_path, good, monkeypatch):
    bad = write(tmp_path / "secret.txt", ARTICLE)
    bad.chmod(0)
    if os.access(bad, os.R_OK):  # running as root: simulate the permission error
        real = source.open_file

        def deny(path):
            if path == str(bad):
                raise PermissionError(13, "Permission denied", path)
            return real(path)
        monkeypatch.setattr(source, "open_file", deny)
    docs, problems = run([good[0], bad, good[1]])
    bad.chmod(0o644)
    assert_goods_read(docs, good)
    assert "Permission denied" in only(problems, bad).reason


def test_nonexistent_path(tmp_path, good):
    missing = tmp_path / "nope.txt"
    docs, problems = run([good[0], missing, good[1]])
    assert_goods_read(docs, good)
    assert only(problems, missing).reason == "no such file or directory"


def test_problems_do_not_stop_a_directory(tmp_path):
    write(tmp_path / "d" / "1.txt", ARTICLE)
    write(tmp_path / "d" / "2.png", b"\x89PNG\r\n\x1a\n" + bytes(100))
    write(tmp_path / "d" / "3.txt", b"")
    write(tmp_path / "d" / "4.txt", ARTICLE)
    docs, problems = run([tmp_path / "d"])
    assert [d.id for d in docs] == ["1", "4"]
    assert [Path(p.path).name for p in problems] == ["2.png", "3.txt"]

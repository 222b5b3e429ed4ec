"""Format and encoding sniffing on bytes. Pure functions: no I/O."""
from __future__ import annotations

import codecs
import json
import re
from functools import cache

from charset_normalizer import from_bytes

from eventwire.read.common import config, extensions

WARC_MAGIC = re.compile(rb"\A\s*WARC/\d")
_BOMS = [  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
]
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]+)""", re.I)
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")
_DOCTYPE = re.compile(r"<!doctype\s+html|<html[\s>]", re.I)
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]{0,9})\b[^<>]{0,500}>")


class Undecodable(ValueError):
    """The bytes are not text in any encoding we can recognise."""


def sniff(key: str) -> int | float:
    return config()["sniff"][key]


# --- format -----------------------------------------------------------------------------

def format_from_name(name: str) -> str | None:
    """``"text" | "html" | "jsonl" | "warc"`` from the innermost known extension, else None."""
    by_ext = {e: fmt for fmt, exts in config()["extensions"].items() if fmt != "compressed" for e in exts}
    for ext in reversed(extensions(name)):
        if ext in by_ext:
            return by_ext[ext]
    return None


def sniff_format(name: str, head: bytes) -> str:
    """``"warc"``, ``"jsonl"`` or ``"single"`` (one text/HTML document) from name and first bytes.

    Content wins over the name for the two record formats: a WARC version line is unambiguous,
    and a first line that is a JSON object is never how an article starts.
    """
    if WARC_MAGIC.match(head):
        return "warc"
    named = format_from_name(name)
    if named in ("warc", "jsonl"):
        return named
    return "jsonl" if _first_line_is_object(head) else "single"


def _first_line_is_object(head: bytes) -> bool:
    enc = bom_encoding(head) or "utf-8"
    text = head.decode(enc, errors="replace").lstrip("\ufeff \t\r\n")
    line, newline, _ = text.partition("\n")
    if not line.startswith("{"):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return not newline and line.startswith('{"')  # first line longer than the head


def binary_kind(head: bytes) -> str | None:
    """Why ``head`` is not text (``"PNG image"``, ``"NUL bytes"``), or None if it may be text."""
    for magic, name in _magics():
        if head.startswith(magic):
            return name
    if bom_encoding(head) or utf16_without_bom(head):
        return None
    if head and head.count(0) / len(head) > sniff("nul_ratio"):
        return "binary data (NUL bytes)"
    return None


@cache
def _magics() -> list[tuple[bytes, str]]:
    return [(bytes.fromhex(m["hex"]), m["name"]) for m in config()["binary_magic"]]


def looks_like_html(text: str) -> bool:
    """A doctype or ``<html>``, or several different known tags, near the start of ``text``."""
    head = text[: int(sniff("head_bytes"))]
    if _DOCTYPE.search(head):
        return True
    known = set(config()["html_tags"])
    tags = [t.lower() for t in _TAG.findall(head) if t.lower() in known]
    return len(tags) >= sniff("html_min_tags") and len(set(tags)) >= sniff("html_min_distinct")


def is_html_content_type(content_type: str | None) -> bool:
    media = (content_type or "").split(";")[0].strip().lower()
    return media in config()["html_content_types"]


# --- encoding ---------------------------------------------------------------------------

def bom_encoding(data: bytes) -> str | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs sit on one byte parity, as in UTF-16 Latin-script text."""
    sample = data[:4096]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.6 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.6 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def meta_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag near its start."""
    m = _META_CHARSET.search(data[: int(sniff("meta_charset_bytes"))])
    return m.group(1).decode("ascii", "replace") if m else None


def charset_param(content_type: str | None) -> str | None:
    """``text/html; charset=ISO-8859-1`` -> ``ISO-8859-1``."""
    m = re.search(r"charset\s*=\s*[\"']?([A-Za-z0-9_:.\-]+)", content_type or "", re.I)
    return m.group(1) if m else None


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Text and codec name of ``data``: BOM, then declared charset, then UTF-8, then a guess.

    Raises Undecodable when nothing fits or the result is mostly replacement/control characters.
    """
    enc = (bom_encoding(data) or _declared(declared, data) or utf16_without_bom(data)
           or ("utf-8" if is_utf8(data) else None) or guess_encoding(data))
    if enc is None:
        raise Undecodable("undecodable bytes: no text encoding fits")
    text = data.decode(enc, errors="replace")
    bad = len(text) - len(_BAD_CHARS.sub("", text))
    if text and bad / len(text) > sniff("bad_char_ratio"):
        raise Undecodable(f"undecodable bytes: {bad / len(text):.0%} of characters unreadable as {enc}")
    return text, enc


def is_utf8(data: bytes, final: bool = True) -> bool:
    """Strict UTF-8; with ``final=False`` a multi-byte character cut at the end is allowed."""
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data, final=final)
    except UnicodeDecodeError:
        return False
    return True


def codec_name(label: str | None) -> str | None:
    """Python codec name for a charset label (WHATWG aliases applied), or None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    label = config()["encodings"]["aliases"].get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _declared(label: str | None, data: bytes) -> str | None:
    enc = codec_name(label)
    if enc is None or enc.startswith(("utf-16", "utf-32")):
        return None  # a UTF-16 declaration in ASCII-readable bytes is wrong (WHATWG ignores it)
    try:
        data.decode(enc)
    except UnicodeDecodeError:
        return None
    if enc != "utf-8" and not data.isascii() and is_utf8(data):
        return "utf-8"  # mislabelled page: legacy bytes are almost never valid UTF-8
    return enc


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, ties broken by ``encodings.preferred``."""
    matches = list(from_bytes(data))
    if not matches:
        return None
    best = min(matches, key=lambda m: (m.chaos, -m.coherence))
    tied = {m.encoding for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)}
    tied.update(best.could_be_from_charset)
    for enc in config()["encodings"]["preferred"]:
        if enc in tied:
            return codecs.lookup(enc).name
    return codecs.lookup(best.encoding).name

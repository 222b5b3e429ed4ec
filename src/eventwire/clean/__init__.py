"""clean: raw pages -> articles. Boilerplate and repeats out, several articles on one page
split apart, header metadata read (title, publication date with precision and zone, byline,
site, place dateline, credited agency).

    clean_documents(raws, on_problem) -> list[Article]       # a corpus: uses per-site signals
    clean_document(raw, site_boilerplate=None) -> list[Article]
"""
from __future__ import annotations

from .corpus import clean_documents, site_boilerplate_lines
from .document import clean_document

__all__ = ["clean_documents", "clean_document", "site_boilerplate_lines"]

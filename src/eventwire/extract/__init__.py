"""extract: event mentions in an analysed article, typed in ACLED's taxonomy.

``extract(analysis)`` finds event triggers sentence by sentence (``detect``), drops unreal ones
(``modality``) and fills each mention's date, place, actors, casualties, weapon and note
(``assemble``, with ``actors`` and ``casualties``).
"""
from __future__ import annotations

from eventwire.models import Analysis, Mention


def extract(analysis: Analysis) -> list[Mention]:
    """Every event mention of ``analysis`` (needs ``analysis.doc``), in text order."""
    from eventwire.extract.assemble import build_mention
    from eventwire.extract.detect import detect_sentence

    doc = analysis.doc
    if doc is None:
        from eventwire.analyze.nlp import get_nlp

        doc = analysis.doc = get_nlp()(analysis.article.text)
    mentions: list[Mention] = []
    for sent in doc.sents:
        found = detect_sentence(sent)
        for det in found:
            others = [o for o in found if o is not det]
            mentions.append(build_mention(analysis, det, others))
    return mentions


__all__ = ["extract"]

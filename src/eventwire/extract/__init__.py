"""extract: event mentions in an analysed article, typed in ACLED's taxonomy.

``extract(analysis)`` finds event triggers sentence by sentence (``detect``), drops unreal ones
(``modality``) and fills each mention's date, place, actors, casualties, weapon and note
(``assemble``, with ``actors`` and ``casualties``). Across sentences it carries the narrative
time ("On Saturday, A happened. Moments later, B happened.") and drops mentions too vague to code.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventwire.models import Analysis, Mention, TimeExpr

# How far back (in sentences) a narrative time carries when the paragraph changes.
NARRATIVE_SENTENCES = 2


@dataclass
class _Narrative:
    """The time expression of the latest mention, and where that mention was."""

    time: TimeExpr | None = None
    sent_index: int = -10
    paragraph: int = -1

    def carry(self, sent_index: int, paragraph: int) -> TimeExpr | None:
        near = paragraph == self.paragraph or sent_index - self.sent_index <= NARRATIVE_SENTENCES
        return self.time if near else None


def extract(analysis: Analysis) -> list[Mention]:
    """Every event mention of ``analysis`` (needs ``analysis.doc``), in text order."""
    from eventwire.extract.assemble import build_mention, choose_time, event_word_time, split_places

    doc = analysis.doc
    if doc is None:
        from eventwire.analyze.nlp import get_nlp

        doc = analysis.doc = get_nlp()(analysis.article.text)
    text = analysis.article.text
    story = _Narrative()
    mentions: list[Mention] = []
    for i, sent in enumerate(doc.sents):
        found = _detect(sent)
        paragraph = text.count("\n\n", 0, sent.start_char)
        for det in found:
            others = [o for o in found if o is not det]
            inherited = story.carry(i, paragraph)
            own = choose_time(analysis, det)
            quoted = own is None and in_quote(text, sent.start_char, m_start(det))
            for place in split_places(analysis, det) or [None]:
                m = build_mention(analysis, det, others, inherited, place)
                if not too_vague(m) and not (quoted and m.fatalities is None and m.injuries is None):
                    mentions.append(m)
            if own or inherited:
                story = _Narrative(own or inherited, i, paragraph)
        if not found and (told := event_word_time(analysis, sent)) is not None:
            story = _Narrative(told, i, paragraph)   # a re-mention still sets the narrative time
    return mentions


def m_start(det) -> int:
    return det.sent.doc[det.trigger.start].idx


def in_quote(text: str, start: int, pos: int) -> bool:
    """Is ``pos`` inside a direct quotation opened in the same sentence or paragraph? A quote
    retelling an event with no time or toll of its own is an opinion about it, not a new report."""
    para = text.rfind("\n\n", 0, start) + 1
    before = text[para:pos]
    if "“" in before or "”" in before:
        return before.count("“") > before.count("”")
    return before.count('"') % 2 == 1


def _detect(sent):
    from eventwire.extract.detect import detect_sentence

    return detect_sentence(sent)


def too_vague(m: Mention) -> bool:
    """No place of its own, no time (own or narrative), no toll and no named actor: ACLED does not
    code what it cannot place, date or attribute."""
    if m.place_text is not None or m.date_text is not None:
        return False
    if m.fatalities is not None or m.injuries is not None:
        return False
    return not any(_named(a) for a in (m.actor1, m.actor2))


def _named(actor: str | None) -> bool:
    from eventwire.extract.modality import load_data

    generic = load_data("codebook.yaml").get("generic_actors") or []
    return bool(actor) and not any(actor.startswith(g) for g in generic)


__all__ = ["extract", "too_vague"]

"""extract: event mentions in an analysed article, typed in ACLED's taxonomy.

``extract(analysis)`` finds event triggers sentence by sentence (``detect``), drops unreal ones
(``modality``) and fills each mention's date, place, actors, casualties, weapon and note
(``assemble``, with ``actors`` and ``casualties``). Across sentences it carries the narrative
time ("On Saturday, A happened. Moments later, B happened.") and drops mentions too vague to code.
"""
from __future__ import annotations

from dataclasses import dataclass

from eventwire.models import Analysis, Mention, Place, Span, TimeExpr

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


@dataclass
class _Scene:
    """The place of the latest mention or event re-mention, its family and where it was told."""

    place: Place | None = None
    family: frozenset[str] = frozenset()
    sent_index: int = -10
    paragraph: int = -1

    def carry(self, sent_index: int, paragraph: int, family: frozenset[str]) -> Place | None:
        near = paragraph == self.paragraph or sent_index - self.sent_index <= NARRATIVE_SENTENCES
        return self.place if near and family & self.family else None


@dataclass
class _Told:
    """A kept mention with where it was told, for later sentences that refer back to it."""

    mention: Mention
    sent_index: int
    paragraph: int
    family: frozenset[str]


def _family(sub_event_type: str) -> frozenset[str]:
    """The disorder types of a sub-event type (some belong to two: "A; B")."""
    from eventwire.extract.codebook import get_codebook

    return frozenset(x.strip() for x in get_codebook().disorder_type(sub_event_type).split(";"))


def extract(analysis: Analysis) -> list[Mention]:
    """Every event mention of ``analysis`` (needs ``analysis.doc``), in text order."""
    from eventwire.extract.assemble import (build_mention, choose_place, choose_time,
                                            dates_noun_only, event_word_time, mention_place,
                                            split_places, unlocated_site)

    doc = analysis.doc
    if doc is None:
        from eventwire.analyze.nlp import get_nlp

        doc = analysis.doc = get_nlp()(analysis.article.text)
    text = analysis.article.text
    story = _Narrative()
    scene = _Scene()
    told: list[_Told] = []
    mentions: list[Mention] = []
    for i, sent in enumerate(doc.sents):
        found = _detect(sent)
        paragraph = text.count("\n\n", 0, sent.start_char)
        for det in found:
            others = [o for o in found if o is not det]
            inherited = story.carry(i, paragraph)
            family = _family(det.sub_event_type)
            own = choose_time(analysis, det)
            quoted = own is None and in_quote(text, sent.start_char, m_start(det))
            places = split_places(analysis, det)
            carried = scene.carry(i, paragraph, family)
            where = places[-1] if places else mention_place(analysis, det, None, carried, others)
            for place in places or [None]:
                m = build_mention(analysis, det, others, inherited, place, carried)
                if not too_vague(m) and not (quoted and m.fatalities is None and m.injuries is None):
                    mentions.append(m)
                    told.append(_Told(m, i, paragraph, family))
                    _refer_back(m, det, told[:-1], i, paragraph, family)
            # a time that only premodifies the event noun ("the May bombing") dates that event
            # alone: the story stays where it was
            if own is not None and not dates_noun_only(doc, own):
                story = _Narrative(own, i, paragraph)
            elif own is None and inherited is not None:
                story = _Narrative(inherited, i, paragraph)
            if where is not None:
                scene = _Scene(where, family, i, paragraph)
            elif unlocated_site(analysis, det):
                scene = _Scene()   # the story moved to a site we cannot place
        for det, family in _re_mentions(sent, found):
            # a dropped re-mention ("a response to the killing of X near Y") still sets the
            # narrative place, and its reported zeros reach the events it refers back to
            if (where := choose_place(analysis, det)) is not None:
                scene = _Scene(where, family, i, paragraph)
            _refer_back(_harm_only(analysis, det), det, told, i, paragraph, family)
        if not found and (time_told := event_word_time(analysis, sent)) is not None:
            story = _Narrative(time_told, i, paragraph)   # a re-mention still sets the narrative time
    return mentions


def _re_mentions(sent, found: list) -> list[tuple[object, frozenset[str]]]:
    """The event references ``detect`` does not keep as mentions: typed anaphoric re-mentions it
    drops ("the attacks were condemned") and definite event nouns no rule types on their own ("a
    response to the killing of the general", "said the attacks caused no casualties"); the latter
    belong to every family of the rules whose trigger words name them."""
    from eventwire.extract.detect import (DEFINITE_DETS, Detection, Trigger, detect_sentence,
                                          event_word_heads, get_rules, is_re_mention)
    from eventwire.extract.modality import modality

    doc = sent.doc
    out = [(g, _family(g.sub_event_type)) for g in detect_sentence(sent, keep_unreal=True)
           if is_re_mention(g) and modality(doc[g.trigger.head]) is None]
    typed = {t.head for g in found + [g for g, _ in out] for t in g.triggers}
    for h in sorted(event_word_heads(sent) - typed):
        tok = doc[h]
        if tok.pos_ != "NOUN" or modality(tok) is not None or not any(
                (c.dep_ == "det" and c.lower_ in DEFINITE_DETS) or (c.dep_ == "poss" and c.pos_ == "PRON")
                for c in tok.children):
            continue
        subs = [r.sub for r in get_rules().rules if r.triggers.match(doc[h:h + 1])]
        if subs:
            trig = Trigger(h, h + 1, h, subs[0])
            ref = Detection(sent, subs[0], trig, [trig], sorted(t.i for t in tok.subtree))
            out.append((ref, frozenset().union(*map(_family, subs))))
    return out


def _harm_only(analysis: Analysis, det) -> Mention:
    from eventwire.extract.casualties import find_casualties

    art, sent = analysis.article, det.sent
    cas = find_casualties(sent.doc, sent.start_char, sent.end_char)
    m = Mention(id="", article_id=art.id,
                sentence=Span(art.id, sent.start_char, sent.end_char, art.text[sent.start_char:sent.end_char]),
                disorder_type="", event_type="", sub_event_type=det.sub_event_type,
                fatalities=cas.fatalities, injuries=cas.injuries)
    m.casualty_text = [Span(art.id, s, e, art.text[s:e]) for s, e in cas.spans]
    return m


def _refer_back(m: Mention, det, earlier: list[_Told], sent_index: int, paragraph: int,
                family: frozenset[str]) -> None:
    """"No casualties" said of "the attacks" (or "the attack") reaches the earlier mentions it
    refers back to: only zeros, only from a plural or definite noun, only to mentions of the same
    family in the same paragraph or at most two sentences back that have no figure of their own."""
    from eventwire.extract.assemble import add_reported_harm
    from eventwire.extract.casualties import reports_no_deaths
    from eventwire.extract.detect import DEFINITE_DETS

    # zero deaths inferred from a count of wounded ("the attack wounded two") is no report
    # about another sentence's event: only a stated "no casualties" reaches back
    no_deaths = m.fatalities == 0 and (m.injuries == 0 or reports_no_deaths(m.sentence.text))
    if not no_deaths and m.injuries != 0:
        return
    head = det.sent.doc[det.trigger.head]
    plural = head.tag_ == "NNS"
    # "the attacks", "these strikes", "both attacks": a noun pointing back at told events; a bare
    # "rockets" or "an attack" tells a new one
    definite = any(c.dep_ in ("det", "predet") and c.lower_ in DEFINITE_DETS | {"both"}
                   for c in head.children)
    if head.pos_ != "NOUN" or not definite:
        return
    near = [t for t in earlier if t.family & family and t.sent_index < sent_index
            and (t.paragraph == paragraph or sent_index - t.sent_index <= NARRATIVE_SENTENCES)
            and t.mention.fatalities is None and t.mention.injuries is None]
    if not plural:
        near = near[-1:]
    for t in near:
        add_reported_harm(t.mention, 0 if no_deaths else None, 0 if m.injuries == 0 else None,
                          m.casualty_text)


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

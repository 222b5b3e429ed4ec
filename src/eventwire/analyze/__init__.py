"""analyze: sentences, entities, time expressions and places for each article.

One spaCy pass per article; the time and place resolvers work on that Doc.
"""
from __future__ import annotations

from typing import Iterable, Iterator

from eventwire.analyze.nlp import get_nlp
from eventwire.models import Analysis, Article, Sentence

BATCH_SIZE = 32


def _sentences(doc) -> list[Sentence]:
    return [Sentence(s.start_char, s.end_char, s.text) for s in doc.sents if s.text.strip()]


def analysis_of(article: Article, doc) -> Analysis:
    """Build the Analysis of ``article`` from its parsed ``doc``."""
    from eventwire.analyze.places import find_places
    from eventwire.analyze.timex import find_times

    return Analysis(
        article=article,
        sentences=_sentences(doc),
        places=find_places(doc, article),
        times=find_times(article.text, article.published, doc=doc, window=article.published_window),
        doc=doc,
    )


def analyze_many(articles: Iterable[Article]) -> Iterator[Analysis]:
    """Analyse articles in order, parsing them in batches."""
    nlp = get_nlp()
    pairs = ((a.text, a) for a in articles)
    for doc, article in nlp.pipe(pairs, as_tuples=True, batch_size=BATCH_SIZE):
        yield analysis_of(article, doc)


def analyze(article: Article) -> Analysis:
    return next(analyze_many([article]))

"""Dating undated articles by the events they share with dated reports.

An undated article that says "on Saturday" of an event other, dated articles put on Saturday
4 January was published between 4 and 10 January: the days on which "Saturday" means
4 January. Every such reference narrows the window; relative times of the article that mean
the same day for every day of the window can then be resolved ("early Friday" = 3 January,
"in November" = November of the year before).

Only articles with a publication date of their own (or a syndicated copy's) date others, so
a window never rests on another window; a window is recomputed from the same references once
the article's mentions carry the dates it gave them. Contradicting references give no window.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Iterable, Mapping

from eventwire.merge.compat import cfg
from eventwire.merge.events import ArticleInfo
from eventwire.models import Event, Mention


def publication_windows(events: Iterable[Event], mentions: Mapping[str, Mention],
                        articles: Mapping[str, ArticleInfo]) -> dict[str, str | None]:
    """``{article id: "YYYY-MM-DD/YYYY-MM-DD" or None}`` for every undated article with a
    mention in ``events`` (an article missing from ``articles`` counts as undated);
    ``mentions`` maps mention ids to mentions (``Event.mention_ids``)."""
    allowed: dict[str, list[set[date]]] = defaultdict(list)
    undated: set[str] = set()
    for ev in events:
        members = [mentions[i] for i in ev.mention_ids if i in mentions]
        day = _dated_day(members, articles)
        for m in members:
            if _published(articles, m.article_id) is None:
                undated.add(m.article_id)
                if day is not None and m.date_text is not None:
                    allowed[m.article_id].append(_anchors_meaning(m.date_text.text, day))
    return {a: _window(allowed.get(a, [])) for a in sorted(undated)}


def _published(articles: Mapping[str, ArticleInfo], article_id: str) -> str | None:
    info = articles.get(article_id)
    return info.published if info is not None else None


def _dated_day(members: list[Mention], articles: Mapping[str, ArticleInfo]) -> date | None:
    """The one day the event's reports from dated articles agree on, else None."""
    days = {m.event_date for m in members
            if m.date_precision == "day" and m.event_date and _published(articles, m.article_id)}
    return date.fromisoformat(days.pop()) if len(days) == 1 else None


def _anchors_meaning(expression: str, day: date) -> set[date]:
    """Publication days on which ``expression`` ("on Saturday", "yesterday") means ``day``."""
    from eventwire.analyze.timex import resolve_time

    span = int(cfg()["publication_window_days"])
    candidates = (day + timedelta(days=k) for k in range(span + 1))
    return {a for a in candidates if resolve_time(expression, a.isoformat()) == (day.isoformat(), "day")}


def _window(constraints: list[set[date]]) -> str | None:
    if not constraints:
        return None
    days = set.intersection(*constraints)
    return f"{min(days).isoformat()}/{max(days).isoformat()}" if days else None

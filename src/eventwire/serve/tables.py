"""Rich tables for the terminal."""
from __future__ import annotations

from rich.table import Table

from eventwire.models import Article, Event


def _cell(value) -> str:
    return "" if value is None else str(value)


def events_table(events: list[Event]) -> Table:
    table = Table(title=f"{len(events)} events", show_lines=False)
    for name in ("date", "sub-event type", "location", "actor1", "actor2", "deaths", "hurt", "sources"):
        table.add_column(name, overflow="fold")
    for ev in events:
        place = ", ".join(dict.fromkeys(x for x in (ev.location, ev.admin1, ev.country) if x))
        table.add_row(
            _cell(ev.event_date), ev.sub_event_type, place, _cell(ev.actor1), _cell(ev.actor2),
            _cell(ev.fatalities), _cell(ev.injuries),
            f"{ev.source_count} ({ev.independent_sources} indep.)",
        )
    return table


def articles_table(articles: list[Article]) -> Table:
    table = Table(title=f"{len(articles)} articles")
    for name in ("id", "published", "source", "agency", "dateline", "title", "words"):
        table.add_column(name, overflow="fold")
    for a in articles:
        agencies = ", ".join(dict.fromkeys([*([a.agency] if a.agency else []), *(a.agencies_cited or [])]))
        table.add_row(a.id, _published(a), _cell(a.source), _cell(agencies or None), _cell(a.dateline),
                      _cell(a.title), str(len(a.text.split())))
    return table


def _published(a: Article) -> str:
    """The date, or for an undated page the window its shared events put it in ("~2020-01-04/09")."""
    if a.published or not a.published_window:
        return _cell(a.published)
    first, _, last = a.published_window.partition("/")
    return f"~{first}/{last[5:] if last[:4] == first[:4] else last}"

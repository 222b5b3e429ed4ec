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
        table.add_row(a.id, _cell(a.published), _cell(a.source), _cell(a.agency), _cell(a.dateline),
                      _cell(a.title), str(len(a.text.split())))
    return table

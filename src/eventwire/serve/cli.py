"""The ``eventwire`` command line; each command mirrors a function in ``eventwire.api``."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

from rich.console import Console

from eventwire import api
from eventwire.models import Problem
from eventwire.serve.export import FORMATS, export

err = Console(stderr=True, highlight=False)


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", help="SQLite path or SQLAlchemy URL (default: $EVENTWIRE_DB or eventwire.db)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="eventwire", description="Raw news in, conflict events out.")
    parser.add_argument("--version", action="version", version=f"eventwire {__import__('eventwire').__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="read, clean, extract, merge and store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="file, directory (recursive) or - for stdin")
    _add_db(p)
    p.add_argument("--published", help="publication date (ISO 8601) for inputs that carry none")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")

    p = sub.add_parser("events", help="export events")
    _add_db(p)
    p.add_argument("--format", choices=FORMATS + ("table",), default="jsonl")
    p.add_argument("--since", help="first event date (YYYY-MM-DD)")
    p.add_argument("--until", help="last event date (YYYY-MM-DD)")
    p.add_argument("--type", help="event type or sub-event type (ACLED spelling)")
    p.add_argument("--country", help="country name, e.g. Iraq")

    p = sub.add_parser("articles", help="cleaned articles with their metadata and text")
    _add_db(p)
    p.add_argument("--format", choices=("jsonl", "table"), default="jsonl")

    p = sub.add_parser("annotate", help="the whole analysis of one input as JSON Lines (no database)")
    p.add_argument("path", metavar="FILE", help="file, directory or - for stdin")
    p.add_argument("--published", help="publication date (ISO 8601) for inputs that carry none")
    return parser


def _report_problem(problem: Problem) -> None:
    err.print(f"[yellow]skipped[/yellow] {problem}", markup=True, soft_wrap=True)


def cmd_ingest(args: argparse.Namespace) -> int:
    from eventwire.serve.progress import progress_bar

    with progress_bar(enabled=not args.quiet and err.is_terminal, console=err) as advance:
        report = api.ingest(args.paths, db=args.db, published=args.published,
                            on_problem=_report_problem, on_progress=advance)
    if not args.quiet:
        skipped = ", ".join(f"{n} {k}" for k, n in sorted(report.skipped_reasons.items())) or "none"
        err.print(
            f"read {report.read} documents; stored {report.articles_stored} articles "
            f"({report.articles_unchanged} unchanged, {report.articles_redated} re-dated from copies or shared events); "
            f"{report.mentions} event mentions; {report.events_total} events in the database; "
            f"skipped {len(report.problems)} ({skipped})",
            highlight=False,
        )
    return 0 if report.read or not report.problems else 1


def _table_console() -> Console:
    """A terminal's own width; a generous one when piped (make demo, logs)."""
    console = Console()
    return console if console.is_terminal else Console(width=160)


def cmd_events(args: argparse.Namespace) -> int:
    events = api.events(db=args.db, since=args.since, until=args.until, type=args.type, country=args.country)
    if args.format == "table":
        from eventwire.serve.tables import events_table

        _table_console().print(events_table(events))
    else:
        export(events, args.format, sys.stdout)
    return 0


def cmd_articles(args: argparse.Namespace) -> int:
    articles = api.articles(db=args.db)
    if args.format == "table":
        from eventwire.serve.tables import articles_table

        _table_console().print(articles_table(articles))
    else:
        for article in articles:
            sys.stdout.write(json.dumps(article.to_dict(), ensure_ascii=False) + "\n")
    return 0


def cmd_annotate(args: argparse.Namespace) -> int:
    count = 0
    problems: list[Problem] = []

    def on_problem(p: Problem) -> None:
        problems.append(p)
        _report_problem(p)

    for record in api.annotate(args.path, published=args.published, on_problem=on_problem):
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return 0 if count or not problems else 1


COMMANDS = {"ingest": cmd_ingest, "events": cmd_events, "articles": cmd_articles, "annotate": cmd_annotate}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except BrokenPipeError:  # `eventwire events | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())

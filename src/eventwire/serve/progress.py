"""A progress bar for long runs; silent when stderr is not a terminal."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Callable, Iterator

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn


@contextmanager
def progress_bar(enabled: bool, console: Console) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(n)``; the total is unknown (input is streamed), so it counts documents."""
    if not enabled:
        yield lambda n: None
        return
    columns = (SpinnerColumn(), TextColumn("ingesting"), BarColumn(), MofNCompleteColumn(), TextColumn("documents"),
               TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        task = progress.add_task("ingest", total=None)
        yield lambda n: progress.advance(task, n)

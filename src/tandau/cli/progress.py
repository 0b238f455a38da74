"""Rich progress bars on standard error, so standard output stays clean JSON.

A bar shows only on a terminal; piped or captured (tests, CI logs) it stays
silent.  ``total=None`` draws an indeterminate bar for work whose length is
not known in advance (the verifier).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from tandau.i18n import Message

from .output import text

__all__ = ["Advance", "progress"]

#: Moves a bar forward by a number of steps.
Advance = Callable[[int], None]


@contextmanager
def progress(label: Message, total: int | None, **params: object) -> Iterator[Advance]:
    """A bar labelled ``label`` for ``total`` steps; yields the function that advances it."""
    console = Console(stderr=True)
    bar = Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    with bar:
        task = bar.add_task(text(label, **params), total=total)

        def advance(steps: int = 1) -> None:
            bar.advance(task, steps)

        yield advance

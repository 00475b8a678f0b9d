"""How the CLI talks: Rich for people, plain JSON for scripts, one-line errors on stderr."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

if TYPE_CHECKING:
    from rich.console import Console

__all__ = [
    "console",
    "emit_json",
    "err_console",
    "print_history",
    "progress_bar",
    "to_jsonable",
]

_consoles: dict[str, Console] = {}


def console() -> Console:
    """The console for results (stdout)."""
    if "out" not in _consoles:
        from rich.console import Console

        _consoles["out"] = Console(highlight=False, soft_wrap=True)
    return _consoles["out"]


def err_console() -> Console:
    """The console for progress and errors (stderr)."""
    if "err" not in _consoles:
        from rich.console import Console

        _consoles["err"] = Console(stderr=True, highlight=False, soft_wrap=True)
    return _consoles["err"]


def to_jsonable(value: Any) -> Any:
    """Plain JSON values from models, dataclasses, enums, paths and dates."""
    if hasattr(value, "model_dump"):
        return value.model_dump(mode="json")
    if is_dataclass(value) and not isinstance(value, type):
        return {k: to_jsonable(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [to_jsonable(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, Path | UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def emit_json(value: Any) -> None:
    """Print ``value`` as indented UTF-8 JSON on stdout."""
    sys.stdout.write(json.dumps(to_jsonable(value), ensure_ascii=False, indent=2) + "\n")
    sys.stdout.flush()


@contextmanager
def progress_bar(label: str, *, enabled: bool = True) -> Iterator[Any]:
    """A Rich progress bar on stderr; yields ``update(phase, done, total)``."""
    if not enabled:
        yield lambda phase, done, total: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err_console(),
        transient=True,
    ) as bar:
        tasks: dict[str, Any] = {}

        def update(phase: str, done: int, total: int) -> None:
            if phase not in tasks:
                tasks[phase] = bar.add_task(f"{label}: {phase}", total=total)
            bar.update(tasks[phase], completed=done, total=total)

        yield update


def _short(value: Any) -> str:
    text = "—" if value is None else json.dumps(to_jsonable(value), ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def print_history(revisions: list[Any], title: str, *, as_json: bool) -> None:
    """Print a record's revisions: as JSON, or as a table of who, when, why and what changed."""
    if as_json:
        emit_json(
            [
                {
                    "revision": r.number,
                    "author": r.author,
                    "at": r.at,
                    "reason": r.reason,
                    "changes": [
                        {"field": c.path, "kind": c.kind, "before": c.before, "after": c.after}
                        for c in r.changes
                    ],
                }
                for r in revisions
            ]
        )
        return
    from rich.table import Table
    from rich.text import Text

    from daicho.i18n import gettext as _

    table = Table(title=title)
    for header in (_("rev"), _("when"), _("who"), _("why"), _("what changed")):
        table.add_column(header)
    for r in revisions:
        changed = (
            _("created")
            if r.number == 1
            else "\n".join(f"{c.path}: {_short(c.before)} → {_short(c.after)}" for c in r.changes)
        )
        table.add_row(
            str(r.number),
            r.at[:19].replace("T", " "),
            Text(r.author),
            Text(r.reason),
            Text(changed),
        )
    console().print(table)

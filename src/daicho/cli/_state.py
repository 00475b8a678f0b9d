"""Options that apply to every command, and opening the ledger they point at."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from daicho.ledger import Ledger

__all__ = ["State", "state"]


@dataclass
class State:
    """Global options: where the ledger is and how to speak."""

    home: str | None = None
    db: str | None = None
    lang: str = "ja"
    author: str | None = None

    def open(self) -> Ledger:
        """Open the ledger these options name."""
        from daicho.ledger import Ledger

        return Ledger.open(self.home, db=self.db)

    def init(self) -> Ledger:
        """Create (or open) the ledger these options name."""
        from daicho.ledger import Ledger

        return Ledger.init(self.home, db=self.db)


def state(ctx: typer.Context) -> State:
    """The global options of this invocation."""
    obj = ctx.find_root().obj
    if not isinstance(obj, State):
        obj = State()
        ctx.find_root().obj = obj
    return obj

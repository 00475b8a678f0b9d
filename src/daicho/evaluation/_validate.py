"""Checks on inputs that produce one clear :class:`~daicho.domain.UserError` each."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from daicho.domain import UserError

__all__ = ["did_you_mean", "require_columns"]


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choice, or ``""``."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if name.lower() in lowered:
        return f" (did you mean {lowered[name.lower()]!r}?)"
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def require_columns(
    columns: Sequence[str], wanted: dict[str, Iterable[str | None]], source: str
) -> None:
    """Raise if a column named for a role (``target``, ``sensitive`` …) is not in ``columns``.

    Parameters
    ----------
    columns
        The columns the data has.
    wanted
        Role → column names asked for (``None`` entries are ignored).
    source
        The file or object the columns come from, for the message.
    """
    have = list(columns)
    for role, names in wanted.items():
        for name in names:
            if name is None or name in have:
                continue
            shown = ", ".join(have[:12]) + (", …" if len(have) > 12 else "")
            raise UserError(
                f"{source}: {role} column {name!r} not found{did_you_mean(name, have)}; "
                f"the columns are: {shown}"
            )

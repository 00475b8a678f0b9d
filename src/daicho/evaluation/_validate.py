"""Checks on inputs that produce one clear :class:`~daicho.domain.UserError` each."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

from daicho.domain import UserError
from daicho.i18n import gettext as _
from daicho.i18n import pgettext

__all__ = ["did_you_mean", "require_columns"]


def did_you_mean(name: str, choices: Iterable[str]) -> str:
    """Return ``" (did you mean 'x'?)"`` for the closest choice, or ``""``."""
    choices = list(choices)
    lowered = {c.lower(): c for c in choices}
    if name.lower() in lowered:
        return _(" (did you mean {guess!r}?)").format(guess=lowered[name.lower()])
    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return _(" (did you mean {guess!r}?)").format(guess=close[0]) if close else ""


def _role(role: str) -> str:
    """The word for a column role in the current language (unknown roles are shown as given)."""
    words = {
        "target": pgettext("column role", "target"),
        "prediction": pgettext("column role", "prediction"),
        "score": pgettext("column role", "score"),
        "sensitive": pgettext("column role", "sensitive"),
        "feature": pgettext("column role", "feature"),
        "model input": pgettext("column role", "model input"),
        "PII scan": pgettext("column role", "PII scan"),
    }
    return words.get(role, role)


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
                _(
                    "{source}: {role} column {name!r} not found{hint}; the columns are: {shown}"
                ).format(
                    source=source,
                    role=_role(role),
                    name=name,
                    hint=did_you_mean(name, have),
                    shown=shown,
                )
            )

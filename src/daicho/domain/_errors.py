"""Errors that the faces report to people as one clear message (exit code 2)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from daicho.i18n import gettext as _

__all__ = ["DaichoError", "FieldProblem", "InvalidRecordError", "UserError", "did_you_mean"]


class DaichoError(Exception):
    """Base of every error daicho raises on purpose."""


class UserError(DaichoError):
    """Something the user asked for cannot be done as asked; the message says what would work."""

    exit_code = 2


@dataclass(frozen=True)
class FieldProblem:
    """One wrong value: where it is, what is wrong, and what would be right."""

    field: str
    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    expected: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.field}: {self.message}" if self.field else f"{where}{self.message}"
        if self.expected:
            text += " " + _("(expected {expected})").format(expected=self.expected)
        return text


@dataclass
class InvalidRecordError(UserError):
    """A record (usually from a YAML file) failed validation; lists every problem found."""

    problems: list[FieldProblem] = field(default_factory=list)
    summary: str = "invalid record"

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        lines = [self.summary, *(f"  {p}" for p in self.problems)]
        return "\n".join(lines)


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``"; did you mean 'name'?"`` for the closest candidate, or ``""`` when none is close."""
    import difflib

    from daicho.i18n import gettext as _

    guess = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return _("; did you mean {guess!r}?").format(guess=guess[0]) if guess else ""

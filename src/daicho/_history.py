"""Revisions as people read them: who, when, why, and which fields changed."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from daicho.domain import FieldChange, diff_records
from daicho.store import RevisionRow

__all__ = ["Revision", "history_of"]


@dataclass(frozen=True)
class Revision:
    """One version of a record: who changed it, when, why, and what changed."""

    number: int
    author: str
    at: str
    reason: str
    changes: list[FieldChange]
    body: dict[str, Any]


def history_of(rows: Iterable[RevisionRow]) -> list[Revision]:
    """Turn stored revisions (oldest first) into revisions with their field changes."""
    result = []
    previous: dict[str, Any] | None = None
    for row in rows:
        result.append(
            Revision(
                number=row.number,
                author=row.author,
                at=row.at,
                reason=row.reason,
                changes=diff_records(previous, row.body),
                body=row.body,
            )
        )
        previous = row.body
    return result

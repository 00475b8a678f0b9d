"""Field-level differences between two revisions of a record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["FieldChange", "diff_records"]

_MISSING: Any = object()


@dataclass(frozen=True)
class FieldChange:
    """One changed value, addressed by a dotted path such as ``datasets[0].legal_basis``."""

    path: str
    before: Any
    after: Any

    @property
    def kind(self) -> str:
        """``added``, ``removed`` or ``changed``."""
        if self.before is None:
            return "added"
        if self.after is None:
            return "removed"
        return "changed"


def diff_records(before: dict[str, Any] | None, after: dict[str, Any]) -> list[FieldChange]:
    """Return the leaf values that differ between two JSON-like records, in document order."""
    changes: list[FieldChange] = []
    _walk("", {} if before is None else before, after, changes)
    return changes


def _walk(path: str, old: Any, new: Any, out: list[FieldChange]) -> None:
    # A mapping that appears or disappears is reported by its leaves, not as one blob.
    if isinstance(new, dict) and (old is _MISSING or old is None):
        old = {}
    if isinstance(old, dict) and (new is _MISSING or new is None):
        new = {}
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [*new.keys(), *(k for k in old if k not in new)]:
            sub = f"{path}.{key}" if path else str(key)
            _walk(sub, old.get(key, _MISSING), new.get(key, _MISSING), out)
        return
    if isinstance(old, list) and isinstance(new, list) and _same_shape_list(old, new):
        for i in range(max(len(old), len(new))):
            _walk(
                f"{path}[{i}]",
                old[i] if i < len(old) else _MISSING,
                new[i] if i < len(new) else _MISSING,
                out,
            )
        return
    if _blank(old) and _blank(new):
        return
    if old != new:
        out.append(FieldChange(path, None if _blank(old) else old, None if _blank(new) else new))


def _blank(value: Any) -> bool:
    """Absent, null and empty all mean "nothing here" to a reader of the history."""
    return value is _MISSING or value is None or value == [] or value == {}


def _same_shape_list(old: list[Any], new: list[Any]) -> bool:
    """Compare lists of records item by item; compare lists of scalars as whole values."""
    return any(isinstance(x, dict) for x in [*old, *new])

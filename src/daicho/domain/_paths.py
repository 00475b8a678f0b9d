"""Address a field inside a record body by a path such as ``datasets[0].legal_basis``."""

from __future__ import annotations

import itertools
from typing import Any

from daicho.i18n import gettext as _

from ._errors import UserError

__all__ = ["set_field"]


def set_field(body: dict[str, Any], path: str, value: Any) -> None:
    """Set ``a.b[0].c``-style ``path`` inside ``body``, creating mappings on the way.

    A list position one past the end appends (``datasets[2]`` on a list of two adds a third).
    """
    parts: list[str | int] = []
    for chunk in path.split("."):
        name, _sep, rest = chunk.partition("[")
        if name:
            parts.append(name)
        while rest:
            index, _sep, rest = rest.partition("]")
            if not index.isdigit():
                raise UserError(
                    _("{path!r}: list positions are numbers, e.g. datasets[0].source").format(
                        path=path
                    )
                )
            parts.append(int(index))
            rest = rest.lstrip("[")
    target: Any = body
    for here, nxt in itertools.pairwise(parts):
        try:
            if isinstance(here, int):
                if isinstance(target, list) and here == len(target):
                    target.append([] if isinstance(nxt, int) else {})
                target = target[here]
            else:
                target = target.setdefault(here, [] if isinstance(nxt, int) else {})
        except (IndexError, TypeError, AttributeError):
            raise UserError(
                _("{path!r} does not name a field of this record").format(path=path)
            ) from None
    last = parts[-1]
    try:
        if isinstance(last, int) and isinstance(target, list) and last == len(target):
            target.append(value)
        else:
            target[last] = value
    except (IndexError, TypeError):
        raise UserError(
            _("{path!r} does not name a field of this record").format(path=path)
        ) from None

"""Map a field path such as ``("datasets", 0, "legal_basis")`` to its line in a YAML file."""

from __future__ import annotations

import yaml

__all__ = ["locate"]


def locate(root: yaml.Node | None, loc: tuple[str | int, ...]) -> tuple[int, int] | None:
    """Return the 1-based ``(line, column)`` of the deepest node on ``loc`` that exists.

    The last step points at the key rather than the value (an unknown field's value says nothing);
    a missing field points at the mapping that should hold it, which is where a person adds it.
    """
    if root is None:
        return None
    mark = root.start_mark
    node: yaml.Node = root
    for part in loc:
        found = _child(node, part)
        if found is None:
            break
        key, node = found
        mark = (key or node).start_mark
    return mark.line + 1, mark.column + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                return key, value
        return None
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int):
        return (None, node.value[part]) if 0 <= part < len(node.value) else None
    return None

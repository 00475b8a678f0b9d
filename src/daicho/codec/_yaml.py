"""YAML text in and out, fast and predictable.

Loading uses libyaml through PyYAML's C parser: it is an order of magnitude faster than a pure
Python parser, which matters when a repository holds thousands of record files. Two YAML 1.1
surprises are switched off: ``yes``/``no``/``on``/``off`` stay strings (so the country code ``NO``
is Norway, not ``False``), and dates stay strings for the models to parse.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from daicho.i18n import gettext as _

__all__ = ["YamlSyntaxError", "compose", "dump", "load"]

_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_BaseDumper: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

_DROPPED_TAGS = {"tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp"}


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe loader with YAML 1.2-like booleans and no implicit timestamps."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED_TAGS]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


class YamlSyntaxError(ValueError):
    """The text is not well-formed YAML; ``line`` and ``column`` are 1-based."""

    def __init__(self, message: str, line: int | None, column: int | None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def _syntax_error(exc: yaml.YAMLError) -> YamlSyntaxError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"{context}: {problem}" if context else str(problem)
    if mark is None:
        return YamlSyntaxError(message, None, None)
    return YamlSyntaxError(message, mark.line + 1, mark.column + 1)


def load(text: str) -> Any:
    """Parse one YAML document into plain Python values."""
    try:
        documents = list(yaml.load_all(text, Loader=_Loader))
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None
    if len(documents) > 1:
        raise YamlSyntaxError(
            _("a file holds one record; split the documents into files"), None, None
        )
    return documents[0] if documents else None


def compose(text: str) -> yaml.Node | None:
    """Parse YAML into its node tree, which keeps the line of every key and value."""
    try:
        return yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise _syntax_error(exc) from None


def dump(data: Any) -> str:
    """Write ``data`` as block-style YAML, keys in the given order, Japanese unescaped."""
    text: str = yaml.dump(
        data,
        Dumper=_BaseDumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
        indent=2,
    )
    return text

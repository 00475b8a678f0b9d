"""daicho (台帳): an AI governance ledger for organisations that build, provide or use AI in Japan.

The public Python API. Heavy modules load on first use, so ``import daicho`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from .domain import AISystem, Organisation, UserError
    from .evaluation import evaluate
    from .ledger import Ledger

__all__ = ["AISystem", "Ledger", "Organisation", "UserError", "__version__", "evaluate"]

_LAZY = {
    "Ledger": ("daicho.ledger", "Ledger"),
    "AISystem": ("daicho.domain", "AISystem"),
    "Organisation": ("daicho.domain", "Organisation"),
    "UserError": ("daicho.domain", "UserError"),
    "evaluate": ("daicho.evaluation", "evaluate"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'daicho' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)

"""The exported names are exactly the public API (as httpx checks its own)."""

from __future__ import annotations

import importlib

import pytest

import daicho

PUBLIC = {
    "daicho": ["AISystem", "Ledger", "Organisation", "UserError", "__version__", "evaluate"],
    "daicho.ledger": [
        "DEFAULT_HOME",
        "AuditVerification",
        "ExportReport",
        "ImportReport",
        "Ledger",
        "Revision",
        "resolve_location",
    ],
}


@pytest.mark.parametrize("module", sorted(PUBLIC))
def test_all_is_exactly_the_public_api(module: str) -> None:
    mod = importlib.import_module(module)
    assert sorted(mod.__all__) == sorted(PUBLIC[module])
    for name in mod.__all__:
        assert getattr(mod, name) is not None


def test_public_names_in_domain_resolve() -> None:
    import daicho.domain as domain

    for name in domain.__all__:
        assert hasattr(domain, name), name


def test_lazy_attributes_are_the_real_classes() -> None:
    from daicho.ledger import Ledger

    assert daicho.Ledger is Ledger
    from daicho.evaluation import evaluate

    assert daicho.evaluate is evaluate
    with pytest.raises(AttributeError):
        daicho.NoSuchThing  # noqa: B018

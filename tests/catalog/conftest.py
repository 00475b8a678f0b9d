"""Fixtures for the catalog tests: the built-in catalog, parsed once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from daicho.catalog import Catalog, ParsedFile
from daicho.catalogs import builtin_files, load_catalog

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    """The built-in catalog."""
    return load_catalog()


@pytest.fixture(scope="session")
def parsed_files() -> list[ParsedFile]:
    """Every packaged catalog file, parsed."""
    return builtin_files()


def outline_path() -> Path:
    """The METI outline: the committed copy first (CI on a clean clone), then the shared one."""
    committed = HERE / "data" / "meti-guidelines-outline.md"
    if committed.is_file():
        return committed
    return REPO.parent / "shared" / "reference" / "meti-guidelines-outline.md"

"""Shared fixtures: ledgers on SQLite and on a real PostgreSQL server.

``scripts/test`` starts PostgreSQL and sets ``DAICHO_TEST_POSTGRES_URL``. Without it the
PostgreSQL cases are skipped on a developer's machine, but fail under CI, where the server
must be there.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "src" / "daicho" / "examples" / "ledger"
POSTGRES_URL = os.environ.get("DAICHO_TEST_POSTGRES_URL")


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests never read the developer's own ledger or language settings."""
    for name in ("DAICHO_HOME", "DAICHO_DATABASE_URL", "DAICHO_AUTHOR", "DAICHO_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)
    # The language is process-wide; a test that ran the CLI with --lang ja must not leave
    # the next test speaking Japanese.
    from daicho import i18n

    i18n.set_language("en")


def _postgres_database() -> Iterator[str]:
    if not POSTGRES_URL:
        if os.environ.get("CI"):
            pytest.fail("DAICHO_TEST_POSTGRES_URL is not set under CI; scripts/test starts it")
        pytest.skip("no PostgreSQL server (run ./scripts/test to start one)")
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"daicho_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :n AND pid <> pg_backend_pid()"
                ),
                {"n": name},
            )
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str | None]:
    """``None`` for the home's SQLite file, or the URL of a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield None
    else:
        yield from _postgres_database()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database."""
    yield from _postgres_database()


@pytest.fixture
def ledger(tmp_path: Path, database: str | None):  # type: ignore[no-untyped-def]
    """An empty ledger on each database."""
    from daicho import Ledger

    led = Ledger.init(tmp_path / "home", db=database)
    yield led
    led.close()


def system_data(slug: str = "faq-bot", **overrides: object) -> dict[str, object]:
    """A minimal valid system entry, with ``overrides`` applied."""
    data: dict[str, object] = {
        "slug": slug,
        "name": {"ja": "FAQボット", "en": "FAQ bot"},
        "purpose": {"en": "Answer customers' questions"},
        "roles": ["business_user"],
    }
    data.update(overrides)
    return data

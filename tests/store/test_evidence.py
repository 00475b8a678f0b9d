"""The content-addressed evidence store, on SQLite and PostgreSQL, and the 0001 → 0002 upgrade."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from daicho import Ledger
from daicho.store import EVIDENCE, Store
from tests.conftest import EXAMPLES


def put(ledger: Ledger, content: bytes, media_type: str = "application/json") -> str:
    with ledger._store.transaction() as tx:
        return tx.put_evidence(content, media_type, author="tester", at="2026-12-01T00:00:00+00:00")


def test_round_trip_is_addressed_by_the_sha256_of_the_bytes(ledger: Ledger) -> None:
    content = '{"kind":"test","値":1}'.encode()
    digest = put(ledger, content)
    assert digest == hashlib.sha256(content).hexdigest()
    assert ledger._store.evidence(digest) == ("application/json", content)
    [info] = ledger._store.evidence_list()
    assert (info.sha256, info.size, info.media_type) == (digest, len(content), "application/json")
    assert ledger._store.evidence("0" * 64) is None


def test_binary_content_survives_unchanged(ledger: Ledger) -> None:
    content = bytes(range(256)) * 100
    digest = put(ledger, content, "application/octet-stream")
    assert ledger._store.evidence(digest) == ("application/octet-stream", content)


def test_same_bytes_are_stored_and_sealed_once(ledger: Ledger) -> None:
    first = put(ledger, b"same")
    second = put(ledger, b"same")
    other = put(ledger, b"different")
    assert first == second != other
    assert len(ledger._store.evidence_list()) == 2
    sealed = [e for e in ledger.audit_log(limit=None) if e.kind == EVIDENCE]
    assert sorted(e.key for e in sealed) == sorted([first, other])
    assert all(e.payload_sha256 == e.key and e.revision == 1 for e in sealed)
    assert ledger.verify_audit().ok


def test_evidence_written_in_a_failed_transaction_is_not_kept(ledger: Ledger) -> None:
    with pytest.raises(RuntimeError), ledger._store.transaction() as tx:
        tx.put_evidence(b"doomed", "text/plain", author="t", at="2026-12-01T00:00:00+00:00")
        raise RuntimeError("abort")
    assert ledger._store.evidence_list() == []
    assert ledger.audit_log() == []


# --- upgrading a ledger written by a daicho that knew only revision 0001 -----------------------


def _ledger_at_0001(home: Path, database: str | None) -> str:
    """Create a ledger whose schema is at 0001, with the example systems in it; return its URL."""
    from alembic import command
    from alembic.config import Config

    from daicho._location import prepare_home, resolve_location
    from daicho.store._engine import _MIGRATIONS

    home_path, url = resolve_location(home, database)
    prepare_home(home_path, create=True)
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    # Write through daicho's own code, bypassing the automatic upgrade of Store.open.
    old = Ledger(home_path, Store(engine, url))
    old.import_paths([EXAMPLES], author="before-upgrade")
    old.update_system("doc-summariser", {"tags": ["old"]}, author="x", reason="before upgrade")
    engine.dispose()
    return url


def test_a_0001_ledger_is_upgraded_and_keeps_its_data_and_chain(
    tmp_path: Path, database: str | None
) -> None:
    url = _ledger_at_0001(tmp_path / "home", database)
    engine = create_engine(url)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0001"
        before = conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq")).all()
    with Ledger.open(tmp_path / "home", db=database) as ledger:
        assert [s.slug for s in ledger.systems()] == [
            "credit-screening",
            "doc-summariser",
            "support-chatbot",
        ]
        assert len(ledger.history("doc-summariser")) == 2
        check = ledger.verify_audit()
        assert check.ok, check.problems
        assert check.entries == len(before)
        digest = put(ledger, b"after the upgrade")
        assert ledger.verify_audit().ok
        assert ledger._store.evidence(digest) is not None
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0002"
        after = conn.execute(text("SELECT seq, hash FROM audit_log ORDER BY seq")).all()
    engine.dispose()
    assert after[: len(before)] == before  # history untouched; the new entry extends it
    assert len(after) == len(before) + 1


# --- evidence changed behind daicho's back -----------------------------------------------------


def tamper(ledger: Ledger, statement: str, **params: object) -> None:
    engine = create_engine(ledger._store.url)
    with engine.begin() as conn:
        conn.execute(text(statement), params)
    engine.dispose()


def test_altered_evidence_content_is_caught(ledger: Ledger) -> None:
    digest = put(ledger, b'{"status":"fail"}')
    tamper(ledger, "UPDATE evidence SET content = :c", c=b'{"status":"pass"}')
    result = ledger.verify_audit()
    assert not result.ok
    assert result.problems == [
        f"evidence {digest[:16]}… was altered (its content no longer hashes to its key)"
    ]


def test_deleted_evidence_is_caught(ledger: Ledger) -> None:
    digest = put(ledger, b"kept")
    tamper(ledger, "DELETE FROM evidence")
    assert ledger.verify_audit().problems == [f"evidence {digest[:16]}… was deleted"]


def test_evidence_added_behind_daichos_back_is_caught(ledger: Ledger) -> None:
    content = b"forged"
    digest = hashlib.sha256(content).hexdigest()
    tamper(
        ledger,
        "INSERT INTO evidence (sha256, media_type, size, created_at, content) "
        "VALUES (:k, 'text/plain', :n, '2026-12-01', :c)",
        k=digest,
        n=len(content),
        c=content,
    )
    [problem] = ledger.verify_audit().problems
    assert "no audit entry" in problem and digest[:16] in problem

"""Opening ledgers in bad places: each gets one clear error, and nothing is left half-made."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from daicho import Ledger
from daicho.domain import UserError
from tests.conftest import system_data


def test_missing_home_says_to_run_init(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="daicho init"):
        Ledger.open(tmp_path / "nowhere")
    assert not (tmp_path / "nowhere").exists()


def test_default_home_is_dot_daicho_in_the_working_directory(tmp_path: Path) -> None:
    with Ledger.init() as ledger:
        assert ledger.home == Path(".daicho")
    assert (tmp_path / ".daicho" / "ledger.db").is_file()


def test_environment_names_the_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DAICHO_HOME", str(tmp_path / "from-env"))
    Ledger.init().close()
    assert (tmp_path / "from-env" / "ledger.db").is_file()


def test_home_that_is_a_file_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("x")
    with pytest.raises(UserError, match="is a file"):
        Ledger.init(blocker)
    with pytest.raises(UserError, match="cannot create the ledger home"):
        Ledger.init(blocker / "home")


def test_home_on_a_read_only_filesystem_is_refused() -> None:
    with pytest.raises(UserError, match=r"cannot create the ledger home|not writable"):
        Ledger.init("/proc/daicho-ledger")


@pytest.fixture
def read_only_mount(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A real file system mounted read-only, holding an existing ledger.

    Root may write to any directory whatever its mode, so permission bits prove nothing here;
    a read-only mount refuses everyone.
    """
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(mnt)]).returncode:
        pytest.skip("mounting a file system needs root")
    try:
        Ledger.init(mnt / "home").close()
        subprocess.run(["mount", "-o", "remount,ro", str(mnt)], check=True)
        yield mnt / "home"
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


def test_home_that_is_not_writable_is_refused(read_only_mount: Path) -> None:
    with pytest.raises(UserError, match="not writable"):
        Ledger.open(read_only_mount)
    result = subprocess.run(
        [sys.executable, "-m", "daicho", "--home", str(read_only_mount), "system", "list"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "not writable" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_database_is_one_clear_error() -> None:
    with pytest.raises(UserError, match=r"cannot reach the database at postgresql\+psycopg://"):
        Ledger.open("postgresql://daicho:secret@127.0.0.1:1/ledger")


def test_password_is_never_shown(tmp_path: Path) -> None:
    with pytest.raises(UserError) as info:
        Ledger.init(tmp_path, db="postgresql://daicho:s3cret@127.0.0.1:1/ledger")
    assert "s3cret" not in str(info.value)


@pytest.mark.parametrize("url", ["not a url", "mysql://u@h/db"])
def test_unsupported_database_urls(tmp_path: Path, url: str) -> None:
    with pytest.raises(UserError):
        Ledger.init(tmp_path, db=url)


def test_ledger_from_a_newer_schema_is_refused_and_left_alone(
    tmp_path: Path, database: str | None
) -> None:
    with Ledger.init(tmp_path / "home", db=database) as ledger:
        ledger.register_system(system_data(), author="x")
        url = ledger._store.url
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UserError, match="newer daicho"):
        Ledger.open(tmp_path / "home", db=database)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "9999"
        assert conn.execute(text("SELECT count(*) FROM records")).scalar() == 1
    engine.dispose()


def test_a_database_that_is_not_a_ledger_is_refused(postgres_url: str, tmp_path: Path) -> None:
    engine = create_engine(postgres_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE customers (id int)"))
    engine.dispose()
    with pytest.raises(UserError, match="not a daicho ledger"):
        Ledger.open(postgres_url)


def test_known_revisions_match_the_migration_scripts() -> None:
    from alembic.script import ScriptDirectory

    import daicho.store as store

    scripts = ScriptDirectory(str(Path(store.__file__).parent / "migrations"))
    ordered = [s.revision for s in reversed(list(scripts.walk_revisions()))]
    assert tuple(ordered) == store.KNOWN_REVISIONS
    assert scripts.get_current_head() == store.HEAD_REVISION


def test_migrated_schema_matches_the_table_definitions(
    tmp_path: Path, database: str | None
) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from daicho.store._schema import metadata

    with Ledger.init(tmp_path / "home", db=database) as ledger:
        engine = create_engine(ledger._store.url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    assert diff == []

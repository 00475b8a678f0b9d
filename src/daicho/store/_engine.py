"""Open a database: resolve the URL, reach the server, and bring the schema up to date."""

from __future__ import annotations

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError

from daicho.domain import UserError
from daicho.i18n import gettext as _

__all__ = [
    "HEAD_REVISION",
    "KNOWN_REVISIONS",
    "SQLITE_FILENAME",
    "connect",
    "redact",
    "sqlite_url",
]

#: Schema revisions this version of daicho knows, oldest first (tests check them against Alembic).
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002")
HEAD_REVISION = KNOWN_REVISIONS[-1]
SQLITE_FILENAME = "ledger.db"
_MIGRATIONS = Path(__file__).parent / "migrations"


def sqlite_url(home: Path) -> str:
    """The URL of the SQLite ledger inside ``home``."""
    return f"sqlite:///{home / SQLITE_FILENAME}"


def redact(url: str) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url


def _normalise(url: str) -> str:
    # Plain postgresql:// would ask for psycopg2; daicho ships psycopg 3.
    if url.startswith("postgresql://") or url.startswith("postgres://"):
        return "postgresql+psycopg://" + url.split("://", 1)[1]
    return url


def connect(url: str, *, create: bool) -> Engine:
    """Return an engine for ``url`` whose schema is at :data:`HEAD_REVISION`.

    Parameters
    ----------
    url
        SQLAlchemy URL; ``postgresql://`` is taken to mean psycopg 3.
    create
        Create the schema in an empty database; otherwise an empty database is an error.

    Raises
    ------
    UserError
        The URL is malformed, the server cannot be reached, there is no ledger (and ``create`` is
        false), or the ledger was written by a newer daicho.
    """
    url = _normalise(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError(
            _(
                "{url!r} is not a database URL; expected e.g. "
                "postgresql://user@host:5432/dbname or sqlite:////path/to/ledger.db"
            ).format(url=url)
        ) from None
    backend = parsed.get_backend_name()
    if backend not in {"sqlite", "postgresql"}:
        raise UserError(
            _("unsupported database {backend!r}: daicho supports SQLite and PostgreSQL").format(
                backend=backend
            )
        )
    kwargs: dict[str, object] = {}
    if backend == "postgresql":
        kwargs["connect_args"] = {"connect_timeout": int(os.environ.get("DAICHO_DB_TIMEOUT", "5"))}
        kwargs["pool_pre_ping"] = True
    engine = create_engine(url, **kwargs)
    if backend == "sqlite":
        _tune_sqlite(engine)
    try:
        _ensure_schema(engine, create=create)
    except OperationalError as exc:
        engine.dispose()
        raise UserError(
            _(
                "cannot reach the database at {url}: {reason}. "
                "Check --db / DAICHO_DATABASE_URL and that the server is running."
            ).format(url=redact(url), reason=_reason(exc))
        ) from None
    except DBAPIError as exc:
        engine.dispose()
        raise UserError(
            _("the database at {url} refused to set up the ledger: {reason}").format(
                url=redact(url), reason=_reason(exc)
            )
        ) from None
    return engine


def _reason(exc: DBAPIError) -> str:
    return str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        # WAL keeps readers unblocked; a killed writer leaves the last commit intact.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()


def _ensure_schema(engine: Engine, *, create: bool) -> None:
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        version = None
        if "alembic_version" in tables:
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if version == HEAD_REVISION:
        return
    if version is not None and version not in KNOWN_REVISIONS:
        raise UserError(
            _(
                "this ledger was written by a newer daicho (schema revision {version!r}; this "
                "daicho knows up to {head!r}). Upgrade daicho to open it; nothing was "
                "changed."
            ).format(version=version, head=HEAD_REVISION)
        )
    if version is None and not create:
        if tables:
            raise UserError(
                _(
                    "this database holds tables that are not a daicho ledger; "
                    "point --db at an empty database or a daicho ledger"
                )
            )
        raise UserError(_("there is no ledger here yet; run `daicho init` first"))
    _upgrade(engine)


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def current_revision(engine: Engine) -> str | None:
    """The schema revision stored in the database, if any."""
    from sqlalchemy import MetaData, Table

    with engine.connect() as conn:
        if "alembic_version" not in inspect(conn).get_table_names():
            return None
        table = Table("alembic_version", MetaData(), autoload_with=conn)
        return conn.execute(select(table.c.version_num)).scalar()

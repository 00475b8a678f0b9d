"""Where a ledger lives: its home directory and database URL, and whether the home is usable."""

from __future__ import annotations

import os
from pathlib import Path

from daicho.domain import UserError
from daicho.i18n import gettext as _
from daicho.store import sqlite_url

__all__ = ["DEFAULT_HOME", "prepare_home", "resolve_location"]

DEFAULT_HOME = Path(".daicho")


def resolve_location(
    home: str | os.PathLike[str] | None = None, db: str | None = None
) -> tuple[Path, str]:
    """Decide the ledger home and database URL from arguments, then environment, then defaults.

    ``--home`` / ``DAICHO_HOME`` / ``./.daicho`` name the home directory (it holds the SQLite
    file, evidence and custom frameworks); ``--db`` / ``DAICHO_DATABASE_URL`` override the
    database with a server such as PostgreSQL.
    """
    home_path = Path(home or os.environ.get("DAICHO_HOME") or DEFAULT_HOME).expanduser()
    url = db or os.environ.get("DAICHO_DATABASE_URL") or sqlite_url(home_path.absolute())
    return home_path, url


def prepare_home(home: Path, *, create: bool) -> None:
    if home.exists() and not home.is_dir():
        raise UserError(
            _("the ledger home {home} is a file, not a directory; choose another --home").format(
                home=home
            )
        )
    if not home.exists():
        if not create:
            raise UserError(
                _("there is no ledger at {home}; run `daicho init` to create one").format(home=home)
            )
        try:
            home.mkdir(parents=True)
        except OSError as exc:
            raise UserError(
                _(
                    "cannot create the ledger home {home}: {reason}; "
                    "choose a writable place with --home or DAICHO_HOME"
                ).format(home=home, reason=exc.strerror or exc)
            ) from None
    probe = home / ".write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise UserError(
            _(
                "the ledger home {home} is not writable ({reason}); "
                "choose a writable place with --home or DAICHO_HOME"
            ).format(home=home, reason=exc.strerror or exc)
        ) from None

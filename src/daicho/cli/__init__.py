"""The command line: ``daicho``. Typer commands, one module per command group.

Only Typer is imported at start-up; each command imports what it needs when it runs, so that
``daicho --help`` answers at once.
"""

from __future__ import annotations

import os
import sys

import typer

from daicho.i18n import gettext as _

from . import assess, audit, catalog, check, demo, evaluate, org, records, risk, system
from . import dossier as dossier_cli
from . import report as report_cli
from . import vendor as vendor_cli
from ._state import State

__all__ = ["app", "main"]

app = typer.Typer(
    name="daicho",
    help=_("daicho (台帳): the register of your organisation's AI systems and their governance."),
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from daicho._version import __version__

        typer.echo(f"daicho {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    home: str | None = typer.Option(
        None,
        "--home",
        envvar="DAICHO_HOME",
        help=_("Ledger home directory (default ./.daicho)."),
        show_default=False,
    ),
    db: str | None = typer.Option(
        None,
        "--db",
        envvar="DAICHO_DATABASE_URL",
        help=_("Database URL, e.g. postgresql://user@host/db (default: SQLite in the home)."),
        show_default=False,
    ),
    lang: str = typer.Option(
        None,
        "--lang",
        envvar="DAICHO_LANG",
        help=_("Language of messages and reports: ja or en."),
        show_default=False,
    ),
    author: str | None = typer.Option(
        None,
        "--author",
        envvar="DAICHO_AUTHOR",
        help=_("Who is making changes (default: your user name)."),
        show_default=False,
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
    ),
) -> None:
    from daicho import i18n

    if lang is not None:
        if lang not in i18n.LANGUAGES:
            raise typer.BadParameter(_("choose ja or en"), param_hint="--lang")
        i18n.set_language(lang)
    ctx.obj = State(home=home, db=db, lang=i18n.current_language(), author=author)


app.add_typer(system.app, name="system")
app.add_typer(audit.app, name="audit")
app.add_typer(org.app, name="org")
app.add_typer(catalog.app, name="catalog")
app.add_typer(assess.app, name="assess")
app.add_typer(risk.app, name="risk")
app.add_typer(vendor_cli.app, name="vendor")
app.add_typer(dossier_cli.app, name="dossier")
app.add_typer(report_cli.app, name="report")
records.register(app)
check.register(app)
demo.register(app)
evaluate.register(app)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; exit 0 on success, 2 on a user error, 1 on an internal error."""
    try:
        result = app(args=argv, standalone_mode=False)
    except typer.Exit as done:
        return int(done.exit_code)
    except typer.exceptions.TyperException as exc:  # usage errors: Click's own message
        exc.show()  # type: ignore[attr-defined]
        return int(exc.exit_code)  # type: ignore[attr-defined]
    except (typer.Abort, KeyboardInterrupt):
        _error(_("interrupted; the unfinished change was rolled back"))
        return 130
    except Exception as exc:  # one clear message, not a traceback
        from daicho.domain import DaichoError, UserError

        if isinstance(exc, UserError):
            _error(str(exc))
            return 2
        if os.environ.get("DAICHO_DEBUG"):
            raise
        kind = "daicho" if isinstance(exc, DaichoError) else type(exc).__name__
        _error(_("internal error ({kind}): {message}").format(kind=kind, message=exc))
        _error(_("Run again with DAICHO_DEBUG=1 to see the traceback, and please report it."))
        return 1
    code = int(result) if isinstance(result, int) else 0
    if code == 130:  # Typer turns Ctrl-C into a return value of 130
        _error(_("interrupted; the unfinished change was rolled back"))
    return code


def _error(message: str) -> None:
    from rich.markup import escape

    from ._output import err_console

    label = _("error")
    err_console().print(f"[bold red]{escape(label)}:[/] {escape(message)}", highlight=False)


def run() -> None:
    """Console-script entry point."""
    code = main()
    # The work is done (committed or rolled back); a Ctrl-C from here on must not turn a
    # finished command into a death by signal while the interpreter shuts down.
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)

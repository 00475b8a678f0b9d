"""``daicho report``: portfolio report, policy draft, model card, notice, OSCAL results."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from daicho.i18n import gettext as _

from ._output import console, emit_json
from ._state import state

__all__ = ["app"]

JSON_OPTION = typer.Option(False, "--json", help=_("Print JSON for scripts."))

app = typer.Typer(
    help=_("Documents: portfolio report, policy draft, model card, notice, OSCAL results."),
    no_args_is_help=True,
)


def _written(paths: list[Path]) -> None:
    from rich.text import Text

    for path in paths:
        console().print(Text(_("Wrote {path}").format(path=path)))


def _emit(text: str, out: Path | None) -> None:
    """Write ``text`` to ``out``, or to stdout when no file is given."""
    if out is None:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
        sys.stdout.flush()
        return
    from daicho.domain import UserError

    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UserError(
            _("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)
        ) from None
    _written([out])


@app.command()
def portfolio(
    ctx: typer.Context,
    pdf: bool = typer.Option(False, "--pdf", help=_("Also write PDF files.")),
    out: Path = typer.Option(Path("."), "--out", "-o", help=_("Folder to write into.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """The management report over every active system, in Japanese and English."""
    st = state(ctx)
    with st.open() as ledger:
        paths = ledger.portfolio_report(out, pdf=pdf)
    if as_json:
        emit_json([str(p) for p in paths])
    else:
        _written(paths)


@app.command()
def policy(
    ctx: typer.Context,
    out: Path = typer.Option(Path("."), "--out", "-o", help=_("Folder to write into.")),
    as_json: bool = JSON_OPTION,
) -> None:
    """A draft AI governance policy (Markdown and HTML, Japanese and English)."""
    st = state(ctx)
    with st.open() as ledger:
        paths = ledger.governance_policy(out)
    if as_json:
        emit_json([str(p) for p in paths])
    else:
        _written(paths)


@app.command("model-card")
def model_card(
    ctx: typer.Context,
    system: str = typer.Argument(..., help=_("The system's slug.")),
    out: Path | None = typer.Option(
        None,
        "--out",
        "-o",
        help=_("File to write (.html for HTML, else Markdown); default stdout."),
    ),
    model: str | None = typer.Option(
        None, "--model", help=_("One of the system's models (default: its first model).")
    ),
) -> None:
    """The model card of a system (one card per model), in the language of --lang."""
    st = state(ctx)
    fmt = "html" if out is not None and out.suffix.lower() in (".html", ".htm") else "markdown"
    with st.open() as ledger:
        text = ledger.model_card(system, lang=st.lang, fmt=fmt, model=model)
    _emit(text, out)


@app.command()
def notice(
    ctx: typer.Context,
    system: str = typer.Argument(..., help=_("The system's slug.")),
    fmt: str = typer.Option("html", "--format", "-f", help=_("html or text.")),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("File to write; default stdout.")),
) -> None:
    """The notice to users of a system, in the language of --lang."""
    from daicho.domain import UserError

    if fmt not in ("html", "text"):
        raise UserError(_("--format must be html or text, not {fmt!r}").format(fmt=fmt))
    st = state(ctx)
    with st.open() as ledger:
        text = ledger.notice(system, lang=st.lang, fmt=fmt)
    _emit(text, out)


@app.command()
def oscal(
    ctx: typer.Context,
    system: str = typer.Argument(..., help=_("The system's slug.")),
    out: Path | None = typer.Option(None, "--out", "-o", help=_("File to write; default stdout.")),
) -> None:
    """The system's worksheet and evidence as OSCAL assessment results (JSON)."""
    st = state(ctx)
    with st.open() as ledger:
        text = ledger.oscal_assessment_results(system)
    _emit(text, out)

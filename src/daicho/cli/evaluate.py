"""``daicho evaluate`` and ``daicho evidence``: measure a model, keep the result as evidence.

``evaluate`` runs a test plan (or a default plan built from flags) on a model and data, or on
predictions; stores the canonical JSON result by its SHA-256; and links it to the system's
worksheet items. Exit 0 when every check passes or warns, 3 when any check fails, 2 for a user
error (a missing file or column, a plan naming a requirement that does not apply).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from daicho.i18n import gettext as _

from ._output import console, emit_json, progress_bar
from ._state import state

if TYPE_CHECKING:
    from daicho._evaluations import EvaluationRecord

__all__ = ["EXIT_FAILED", "evidence_app", "register", "status_label"]

#: Exit code when a check fails: "checked and found problems" (as ``audit verify`` uses it).
EXIT_FAILED = 3
_ENGINES = ("duckdb", "spark")
_COLOURS = {"pass": "green", "warn": "yellow", "fail": "bold red", "info": "dim", "skipped": "dim"}

evidence_app = typer.Typer(
    help=_("Evidence files kept in the ledger by SHA-256."), no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    """Add ``evaluate`` and the ``evidence`` group to the top level of ``app``."""
    app.command("evaluate")(evaluate)
    app.add_typer(evidence_app, name="evidence")


def status_label(status: str | None) -> str:
    """A check or plan status (``pass``, ``warn``, ``fail``, ``info``, ``skipped``), translated."""
    labels = {
        "pass": _("pass"),
        "warn": _("warn"),
        "fail": _("fail"),
        "info": _("info"),
        "skipped": _("skipped"),
    }
    return labels.get(status or "", status or "—")


def _number(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)


def evaluate(
    ctx: typer.Context,
    system: str = typer.Argument(..., help=_("The system's slug.")),
    plan: Path | None = typer.Option(
        None, "--plan", "-p", help=_("Test plan YAML (default: a plan built from the options).")
    ),
    model: Path | None = typer.Option(
        None, "--model", help=_("Model file to run on the data (.skops or .onnx).")
    ),
    predictions: Path | None = typer.Option(
        None, "--predictions", help=_("Predictions file (CSV or Parquet) instead of a model.")
    ),
    data: Path | None = typer.Option(None, "--data", help=_("Data file (CSV or Parquet).")),
    target: str | None = typer.Option(None, "--target", help=_("Label column.")),
    sensitive: list[str] = typer.Option(
        [], "--sensitive", "-s", help=_("Sensitive column (repeat for several).")
    ),
    engine: str = typer.Option("duckdb", "--engine", help=_("Engine: duckdb or spark.")),
    trust: list[str] = typer.Option(
        [], "--trust", help=_("A skops type to trust when loading the model (repeatable).")
    ),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """Evaluate a model or its predictions, store the result as evidence, link it to the worksheet.

    Exit 0 when every check passes or warns, 3 when a check fails.
    """
    from daicho.domain import UserError

    if engine not in _ENGINES:
        raise UserError(
            _("unknown engine '{engine}'; choose duckdb or spark").format(engine=engine)
        )
    st = state(ctx)
    phases = {"hash": _("hashing inputs"), "predict": _("running the model")}
    with st.open() as ledger, progress_bar(_("Evaluating"), enabled=not as_json) as update:

        def progress(stage: str, done: int, total: int) -> None:
            update(phases.get(stage, _("measuring")), done, total)

        record = ledger.evaluate_system(
            system,
            plan=plan,
            model=model,
            predictions=predictions,
            data=data,
            target=target,
            sensitive=sensitive,
            engine=engine,
            trusted=trust,
            author=st.author,
            progress=progress,
        )
    if as_json:
        emit_json(record.to_dict())
    else:
        _print_record(record)
    if record.status == "fail":
        raise typer.Exit(EXIT_FAILED)


def _print_record(record: EvaluationRecord) -> None:
    from rich.markup import escape
    from rich.table import Table
    from rich.text import Text

    out = console()
    table = Table(
        title=_("Evaluation of {system}: {plan}").format(system=record.system, plan=record.plan)
    )
    for header in (_("check"), _("status"), _("value"), _("threshold")):
        table.add_column(header, no_wrap=header == _("check"))
    table.add_column(_("requirements"), no_wrap=True)
    for check in record.checks:
        threshold = check.get("require") or ""
        if check.get("warn"):
            warn = _("warn {threshold}").format(threshold=check["warn"])
            threshold = f"{threshold}; {warn}" if threshold else warn
        table.add_row(
            Text(str(check["id"])),
            Text(status_label(check["status"]), style=_COLOURS.get(check["status"], "")),
            _number(check.get("value")),
            Text(threshold or "—"),
            Text("\n".join(check.get("evidence_for") or []) or "—"),
        )
    out.print(table)
    counts = record.counts
    summary = _("Result: {status} — {failed} failed, {warned} warned, {passed} passed.").format(
        status=status_label(record.status).upper(),
        failed=counts.get("fail", 0),
        warned=counts.get("warn", 0),
        passed=counts.get("pass", 0),
    )
    out.print(Text(summary, style=_COLOURS.get(record.status or "", "")))
    out.print(
        escape(
            _("Evidence stored: {sha256} ({size} bytes).").format(
                sha256=record.sha256, size=record.size
            )
        )
    )
    out.print(
        escape(
            _("Linked to worksheet items: {items}.").format(items=", ".join(record.requirements))
        )
    )


@evidence_app.command("list")
def list_(
    ctx: typer.Context,
    system: str = typer.Argument(..., help=_("The system's slug.")),
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON for scripts.")),
) -> None:
    """List the evidence linked to a system's worksheet, newest first."""
    with state(ctx).open() as ledger:
        records = ledger.evaluations(system)
    if as_json:
        emit_json([r.to_dict() for r in records])
        return
    if not records:
        console().print(
            _("No evidence linked to {system} yet. Add some with `daicho evaluate`.").format(
                system=system
            )
        )
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title=_("Evidence of {system} (newest first)").format(system=system))
    for header in (
        _("sha256"),
        _("stored"),
        _("plan"),
        _("status"),
        _("pass/warn/fail"),
    ):
        table.add_column(header, no_wrap=header == _("sha256"))
    table.add_column(_("requirements"), no_wrap=True)
    for r in records:
        c = r.counts
        table.add_row(
            r.sha256[:16],
            (r.created_at or "")[:19].replace("T", " "),
            Text(r.plan or r.media_type),
            Text(status_label(r.status), style=_COLOURS.get(r.status or "", "")),
            f"{c.get('pass', 0)}/{c.get('warn', 0)}/{c.get('fail', 0)}" if c else "—",
            Text("\n".join(r.requirements)),
        )
    console().print(table)


@evidence_app.command("show")
def show(
    ctx: typer.Context,
    sha256: str = typer.Argument(..., help=_("The evidence's SHA-256 (or its first 8+ digits).")),
    out: Path | None = typer.Option(
        None, "--out", "-o", help=_("Write the exact bytes to this file.")
    ),
) -> None:
    """Print an evidence file (its exact bytes, checked against its hash), or write it out."""
    from daicho.domain import UserError

    with state(ctx).open() as ledger:
        content = ledger.evidence(sha256)
        media_type = ledger.evidence_media_type(sha256)
    if out is not None:
        try:
            out.write_bytes(content)
        except OSError as exc:
            raise UserError(
                _("cannot write {path}: {reason}").format(path=out, reason=exc.strerror or exc)
            ) from None
        console().print(_("Wrote {size} bytes to {path}.").format(size=len(content), path=out))
        return
    if not (media_type.endswith("json") or media_type.startswith("text/")):
        raise UserError(
            _("evidence {sha256} is binary ({media_type}); write it to a file with --out").format(
                sha256=sha256, media_type=media_type
            )
        )
    sys.stdout.write(content.decode("utf-8") + "\n")
    sys.stdout.flush()

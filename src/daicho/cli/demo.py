"""``daicho demo``: build an example ledger and walk through what daicho does with it."""

from __future__ import annotations

import shutil
from pathlib import Path

import typer

from daicho.i18n import gettext as _
from daicho.i18n import term

from ._output import console
from ._state import state

__all__ = ["register"]

_MARKER = ".daicho-demo"


def register(app: typer.Typer) -> None:
    """Add ``demo`` to the top level of ``app``."""
    app.command("demo")(demo)


def _examples() -> Path:
    return Path(__file__).resolve().parent.parent / "examples" / "ledger"


def _fresh_home(home: Path) -> None:
    from daicho.domain import UserError

    if home.exists() and any(home.iterdir()):
        if not (home / _MARKER).exists():
            raise UserError(
                _("{home} exists and is not a daicho demo; choose another --home").format(home=home)
            )
        shutil.rmtree(home)
    home.mkdir(parents=True, exist_ok=True)
    (home / _MARKER).write_text("created by daicho demo; safe to delete\n", encoding="utf-8")


def demo(
    ctx: typer.Context,
    home: Path = typer.Option(
        Path("daicho-demo"), "--home", help=_("Where to build the demo ledger (recreated).")
    ),
) -> None:
    """Build an example ledger of three AI systems and walk through what daicho does with it."""
    from rich.markup import escape

    from daicho.ledger import Ledger

    st = state(ctx)
    out = console()
    home = home.absolute()
    _fresh_home(home)
    step = 0

    def say(title: str) -> None:
        nonlocal step
        step += 1
        out.rule(f"[bold]{step}. {escape(title)}")

    author = st.author or "daicho-demo"
    say(_("Create a ledger"))
    with Ledger.init(home / "ledger") as ledger:
        out.print(
            _("Ledger at {home} ({database}).").format(
                home=home / "ledger", database=ledger.database
            )
        )

        say(_("Import the example systems from YAML"))
        examples = _examples()
        report = ledger.import_paths([examples], author=author, reason="demo: example ledger")
        out.print(
            _("Imported {files} files from {path}: {created} new records.").format(
                files=report.files, path=examples, created=len(report.created)
            )
        )

        say(_("Record a change: the chatbot goes live"))
        ledger.update_system(
            "support-chatbot",
            {"lifecycle_stage": "deployed"},
            author=author,
            reason="demo: validation finished, released to customers",
        )
        out.print(_("support-chatbot: validation → deployed (revision 2)."))

        say(_("The register"))
        from rich.table import Table
        from rich.text import Text

        table = Table()
        for header in (_("slug"), _("name"), _("stage"), _("roles"), _("significant decisions")):
            table.add_column(header, no_wrap=header == _("slug"))
        for s in ledger.systems():
            table.add_row(
                Text(s.slug),
                Text(s.name.get(st.lang)),
                term(s.lifecycle_stage),
                ", ".join(term(r) for r in s.roles),
                _("yes") if s.significant_decisions else _("no"),
            )
        out.print(table)

        say(_("History of support-chatbot"))
        for rev in ledger.history("support-chatbot"):
            changed = ", ".join(f"{c.path}: {c.before} → {c.after}" for c in rev.changes)
            out.print(
                Text(
                    f"rev {rev.number}  {rev.at[:19]}  {rev.author}  {rev.reason}"
                    + (f"  [{changed}]" if rev.number > 1 else "")
                )
            )

        from . import _demo_assess

        _demo_assess.run(ledger, home, out, st.lang, author, say)

        from . import _demo_evaluation

        say(_("Evaluate the credit model and keep the result as evidence"))
        _demo_evaluation.run(ledger, home, out, st.lang, author)

        say(_("Export to YAML and check the round trip"))
        first = home / "export"
        ledger.export(first)
        with Ledger.init(home / "roundtrip-ledger") as copy:
            copy.import_paths([first], author=author, reason="demo: round trip")
            second = home / "export-again"
            copy.export(second)
        identical = _same_tree(first, second)
        out.print(
            _("Exported to {path}; export → import → export is byte-identical: {ok}.").format(
                path=first, ok=_("yes") if identical else _("NO")
            )
        )

        say(_("Verify the audit chain"))
        result = ledger.verify_audit()
        out.print(
            _("{count} audit entries; chain intact: {ok}; head {head}.").format(
                count=result.entries,
                ok=_("yes") if result.ok else _("NO"),
                head=result.head_hash[:16],
            )
        )

        from . import _demo_documents

        _demo_documents.run(ledger, home, out, st.lang, author, say)
    out.rule()
    out.print(
        _("Done. Explore it with: daicho --home {home} system list").format(home=home / "ledger")
    )
    if not identical or not result.ok:
        raise typer.Exit(1)


def _same_tree(a: Path, b: Path) -> bool:
    files_a = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return files_a == files_b and all((a / f).read_bytes() == (b / f).read_bytes() for f in files_a)

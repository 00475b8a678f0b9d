"""`daicho check --path DIR`: the gate over a folder of YAML records, with no database.

Like a linter, it reads the files, reports what is wrong as findings rather than stopping at the
first bad file, and runs the same checks as the ledger.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from daicho import assess, codec
from daicho.domain import (
    AISystem,
    BilingualText,
    InvalidRecordError,
    Risk,
    UserError,
    Worksheet,
    WorksheetItem,
)
from daicho.i18n import gettext as _

from ._assessments import gate
from ._record_files import collect

__all__ = ["check_folder"]

_EXPLANATION = re.compile(r"^items\[(\d+)\]\.explanation$")


def _finding(
    system: str, kind: assess.FindingKind, subject: str, ja: str, en: str
) -> assess.Finding:
    return assess.Finding(system, kind, subject, BilingualText(ja=ja, en=en))


def check_folder(
    paths: Sequence[Path], today: date, *, frameworks: Sequence[Path] = ()
) -> assess.CheckReport:
    """Read systems, worksheets and risks from ``paths`` and run the gate over them."""
    from daicho import catalogs

    catalog = catalogs.load_catalog(list(frameworks))
    systems: dict[str, AISystem] = {}
    worksheets: dict[str, Worksheet] = {}
    risks: list[Risk] = []
    findings: list[assess.Finding] = []
    for path in collect(paths):
        name = str(path)
        data = path.read_bytes()
        try:
            item = codec.load_record(data, name)
        except InvalidRecordError as exc:
            findings.extend(_salvage(data, name, exc, worksheets))
            continue
        if item.kind == "system":
            systems[item.key] = item.record
        elif item.kind == "worksheet":
            worksheets[item.record.system] = item.record
        elif item.kind == "risk":
            risks.append(item.record)
    if not systems:
        raise UserError(_("no system files under {paths}").format(paths=", ".join(map(str, paths))))
    for slug, sheet in worksheets.items():
        system = systems.get(slug)
        if system is None:
            findings.append(
                _finding(
                    slug,
                    assess.FindingKind.INVALID_RECORD,
                    "system",
                    f"ワークシートの対象システム {slug} がない",
                    f"worksheet for {slug}, but there is no such system",
                )
            )
            continue
        applies = assess.applicability(system, catalog)
        for problem in assess.worksheet_problems(sheet, applies, catalog):
            findings.append(
                _finding(
                    slug,
                    assess.FindingKind.INVALID_RECORD,
                    problem.field,
                    problem.message,
                    problem.message,
                )
            )
    for risk in risks:
        for problem in assess.risk_problems(risk, catalog):
            findings.append(
                _finding(
                    risk.system,
                    assess.FindingKind.INVALID_RECORD,
                    f"{risk.id}.{problem.field}",
                    problem.message,
                    problem.message,
                )
            )
    active = [s for s in systems.values() if s.lifecycle_stage.value != "retired"]
    report = gate(active, worksheets, risks, catalog, today, findings)
    # An item reported as missing its explanation is not also "missing a status".
    explained = {
        (f.system, f.subject)
        for f in report.findings
        if f.kind is assess.FindingKind.MISSING_EXPLANATION
    }
    report.findings = [
        f
        for f in report.findings
        if not (f.kind is assess.FindingKind.MISSING_STATUS and (f.system, f.subject) in explained)
    ]
    report.systems = sorted({*report.systems, *(f.system for f in findings)})
    return report


def _salvage(
    data: bytes, name: str, exc: InvalidRecordError, worksheets: dict[str, Worksheet]
) -> list[assess.Finding]:
    """Findings for a file that does not validate; keep the valid items of a worksheet."""
    from daicho.codec._yaml import YamlSyntaxError, load

    try:
        raw = load(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, YamlSyntaxError):
        raw = None
    system = str(raw.get("system") or raw.get("slug") or name) if isinstance(raw, dict) else name
    out = []
    bad_items: set[int] = set()
    for problem in exc.problems:
        match = _EXPLANATION.match(problem.field)
        if match and isinstance(raw, dict) and raw.get("kind") == "worksheet":
            index = int(match.group(1))
            bad_items.add(index)
            requirement = str(raw["items"][index].get("requirement", f"items[{index}]"))
            out.append(
                _finding(
                    system,
                    assess.FindingKind.MISSING_EXPLANATION,
                    requirement,
                    f"{requirement} に説明がない（{name}:{problem.line}）",
                    f"{requirement} has no explanation ({name}:{problem.line}): {problem.message}",
                )
            )
        else:
            out.append(
                _finding(
                    system,
                    assess.FindingKind.INVALID_RECORD,
                    problem.field or name,
                    str(problem),
                    str(problem),
                )
            )
    if (
        isinstance(raw, dict)
        and raw.get("kind") == "worksheet"
        and isinstance(raw.get("items"), list)
    ):
        items = []
        for i, entry in enumerate(raw["items"]):
            if i in bad_items:
                continue
            try:
                items.append(WorksheetItem.model_validate(entry))
            except ValueError:
                continue
        with contextlib.suppress(ValueError):
            worksheets[str(raw["system"])] = Worksheet(system=raw["system"], items=items)
    return out

"""The evaluation use cases of :class:`daicho.Ledger`: run a test plan, keep its result as
evidence, and link it to the system's worksheet.

Kept apart from ``ledger.py`` (as ``_assessments.py`` is) so that each file stays one idea;
:class:`Ledger` inherits these methods and they are part of its one public API.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from daicho.domain import EvidenceLink, UserError, Worksheet, WorksheetItem
from daicho.i18n import gettext as _

from ._assessments import WORKSHEET, author_name, now_iso

if TYPE_CHECKING:
    from daicho import assess
    from daicho.catalog import Catalog
    from daicho.domain import AISystem
    from daicho.evaluation import PlanResult, TestPlan
    from daicho.store import Store

__all__ = ["EVALUATION_MEDIA_TYPE", "EvaluationRecord", "EvaluationUseCases", "file_sha256"]

#: Media type of a stored test-plan result (canonical JSON, UTF-8).
EVALUATION_MEDIA_TYPE = "application/vnd.daicho.test-plan-result+json"
_RESULT_KIND = "daicho.test-plan-result"
_STATUSES = ("pass", "warn", "fail", "info", "skipped")
#: Requirements a plan built from flags offers its checks to; those that are worksheet rows
#: for the system are used (common principle first, then the developer's and provider's).
_DEFAULT_EVIDENCE = {
    "fairness": ("meti-aigl/C-3-i", "meti-aigl/D-3-ii", "meti-aigl/P-3-i"),
    "performance": ("meti-aigl/C-6-i", "meti-aigl/D-6-i"),
}

Progress = Callable[[str, int, int], None]


def file_sha256(path: Path, *, role: str) -> str:
    """The hex SHA-256 of a file's bytes, read in chunks.

    Raises
    ------
    UserError
        When the file does not exist or cannot be read; the message names ``role`` and path.
    """
    digest = hashlib.sha256()
    shown = {"model": _("model"), "predictions": _("predictions"), "data": _("data")}
    what = shown.get(role, role)
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except FileNotFoundError:
        raise UserError(_("{path}: {role} file not found").format(path=path, role=what)) from None
    except IsADirectoryError:
        raise UserError(
            _("{path}: the {role} is a directory; give a file").format(path=path, role=what)
        ) from None
    except OSError as exc:
        raise UserError(
            _("{path}: cannot read the {role} ({reason})").format(
                path=path, role=what, reason=exc.strerror or exc
            )
        ) from None
    return digest.hexdigest()


@dataclass(frozen=True)
class EvaluationRecord:
    """An evaluation kept as evidence: where it is stored, what it found, what it is linked to.

    Attributes
    ----------
    system
        The system's slug.
    sha256
        Content address of the stored result (canonical JSON).
    plan
        The plan's name (``None`` for evidence that is not a test-plan result).
    status
        ``pass``, ``warn`` or ``fail`` for the whole plan.
    counts
        Number of checks per status (``pass``, ``warn``, ``fail``, ``info``, ``skipped``).
    checks
        Per check: ``id``, ``metric``, ``status``, ``value``, ``require``, ``warn``,
        ``evidence_for``.
    requirements
        Worksheet items (requirement ids) the evidence is linked to.
    created_at
        When the evidence was first stored (UTC, ISO 8601).
    engine, daicho_version, inputs
        The engine that computed the metrics, the daicho version, and input → SHA-256.
    result
        The live :class:`~daicho.evaluation.PlanResult` after a fresh run; ``None`` when read
        back from the store.
    """

    system: str
    sha256: str
    plan: str | None
    status: str | None
    counts: dict[str, int]
    checks: list[dict[str, Any]]
    requirements: list[str]
    created_at: str | None
    media_type: str
    size: int
    engine: str | None = None
    daicho_version: str | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    result: PlanResult | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form (without the live result)."""
        return {
            f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name != "result"
        }


def _summary(body: Mapping[str, Any]) -> dict[str, Any]:
    checks = [
        {
            k: c.get(k)
            for k in ("id", "metric", "status", "value", "require", "warn", "evidence_for")
        }
        for c in body.get("checks", [])
    ]
    counts = {s: sum(1 for c in checks if c["status"] == s) for s in _STATUSES}
    return {
        "plan": (body.get("plan") or {}).get("name"),
        "status": body.get("status"),
        "counts": counts,
        "checks": checks,
        "engine": body.get("engine"),
        "daicho_version": body.get("daicho_version"),
        "inputs": dict(body.get("inputs") or {}),
    }


class EvaluationUseCases:
    """Technical evaluation as evidence: run, store, link, list, read back."""

    _store: Store
    home: Any

    if TYPE_CHECKING:

        def system(self, slug: str) -> AISystem: ...
        def catalog(self) -> Catalog: ...
        def worksheet(self, slug: str) -> Worksheet: ...
        def applicability(self, slug: str) -> assess.SystemApplicability: ...
        def _editable(self, slug: str, what: str) -> AISystem: ...
        def _prepare_worksheet(self, worksheet: Worksheet, catalog: Catalog) -> Worksheet: ...
        def _snapshot(self, catalog: Catalog, *, author: str | None) -> None: ...

    def evaluate_system(
        self,
        slug: str,
        *,
        plan: Path | None = None,
        model: Path | None = None,
        predictions: Path | None = None,
        data: Path | None = None,
        target: str | None = None,
        sensitive: Sequence[str] = (),
        engine: str = "duckdb",
        trusted: Sequence[str] = (),
        author: str | None = None,
        progress: Progress | None = None,
    ) -> EvaluationRecord:
        """Evaluate a model (or its predictions) for ``slug`` and keep the result as evidence.

        Runs the test plan (or, without ``plan``, a default plan built from the flags: accuracy,
        and with sensitive columns the demographic-parity ratio and equalized-odds difference),
        stores the canonical JSON result by its SHA-256, and adds an evidence link to every
        worksheet item the plan names — in one transaction. An item's status is never changed;
        an open item stays open, with the evidence attached and a note.

        Parameters
        ----------
        slug
            The system evaluated.
        plan
            A test-plan YAML file (see ``docs/evaluation.md``).
        model, predictions
            A ``.skops``/``.onnx`` model to run on ``data``, or a CSV/Parquet file of
            predictions (``data`` then adds columns, same rows in the same order).
        data
            CSV/Parquet data the model runs on.
        target, sensitive
            Override the plan's label column and sensitive columns.
        engine
            ``duckdb`` (default) or ``spark``.
        trusted
            skops type names to trust when loading the model.
        author
            Who runs the evaluation (default ``DAICHO_AUTHOR`` or the user name).
        progress
            Optional ``progress(stage, done, total)`` callback.

        Raises
        ------
        UserError
            Missing or unreadable inputs, a plan naming a requirement that is not a worksheet
            row for the system, a plan that names no requirement at all, or a retired system.
        """
        from daicho import evaluation

        self._editable(slug, "worksheet")
        if model is not None and predictions is not None:
            raise UserError(_("give a model or predictions, not both"))
        if model is None and predictions is None and data is None:
            raise UserError(_("nothing to evaluate: give a model and data, or predictions"))
        if model is not None and data is None:
            raise UserError(
                _("{model}: a model needs data to run on; give the data file too").format(
                    model=model
                )
            )
        rows = {r.requirement_id for r in self.applicability(slug).rows}
        test_plan = (
            self._read_plan(plan)
            if plan is not None
            else _default_plan(sensitive=sensitive, target=target, rows=rows)
        )
        where = str(plan) if plan is not None else _("the plan built from the command's options")
        self._check_links(test_plan, rows, slug=slug, where=where)
        files = {"model": model, "predictions": predictions, "data": data}
        given = [(role, path) for role, path in files.items() if path is not None]
        inputs: dict[str, str] = {}
        for i, (role, path) in enumerate(given, start=1):
            inputs[role] = file_sha256(path, role=role)
            if progress:
                progress("hash", i, len(given))
        options: dict[str, Any] = {"trusted": list(trusted)}
        if target:
            options["target"] = target
        if sensitive:
            options["sensitive"] = list(sensitive)
        result = evaluation.run_plan(
            test_plan,
            model if model is not None else predictions,
            data,
            engine=engine,
            progress=progress,
            inputs=inputs,
            **options,
        )
        content = result.to_json().encode("utf-8")
        digest, linked = self._store_and_link(slug, content, result, author=author)
        return EvaluationRecord(
            system=slug,
            sha256=digest,
            requirements=linked,
            created_at=self._created_at(digest),
            media_type=EVALUATION_MEDIA_TYPE,
            size=len(content),
            result=result,
            **_summary(json.loads(content)),
        )

    def evaluations(self, slug: str) -> list[EvaluationRecord]:
        """Evidence linked to ``slug``'s worksheet, newest first, with each result's summary."""
        links: dict[str, list[str]] = {}
        for item in self.worksheet(slug).items:
            for link in item.evidence:
                if link.sha256 and item.requirement not in links.setdefault(link.sha256, []):
                    links[link.sha256].append(item.requirement)
        found = []
        for info in self._store.evidence_list():
            if info.sha256 not in links:
                continue
            summary: dict[str, Any] = {
                "plan": None,
                "status": None,
                "counts": {},
                "checks": [],
            }
            if info.media_type == EVALUATION_MEDIA_TYPE:
                body = json.loads(self.evidence(info.sha256))
                if body.get("kind") == _RESULT_KIND:
                    summary = _summary(body)
            found.append(
                EvaluationRecord(
                    system=slug,
                    sha256=info.sha256,
                    requirements=sorted(links[info.sha256]),
                    created_at=info.created_at,
                    media_type=info.media_type,
                    size=info.size,
                    **summary,
                )
            )
        return found

    def evidence(self, sha256: str) -> bytes:
        """The bytes of the evidence file ``sha256`` (or an unambiguous prefix of 8+ digits).

        Raises
        ------
        UserError
            When there is no such evidence, or its bytes no longer hash to its key (altered).
        """
        key = self._resolve_evidence(sha256)
        stored = self._store.evidence(key)
        assert stored is not None
        if hashlib.sha256(stored[1]).hexdigest() != key:
            raise UserError(
                _(
                    "evidence {key} was altered: its content no longer hashes to its key "
                    "(run `daicho audit verify`)"
                ).format(key=key)
            )
        return stored[1]

    def evidence_media_type(self, sha256: str) -> str:
        """The media type of the evidence file ``sha256`` (or a prefix, as for evidence)."""
        stored = self._store.evidence(self._resolve_evidence(sha256))
        assert stored is not None
        return stored[0]

    # --- helpers -------------------------------------------------------------------------------

    def _resolve_evidence(self, sha256: str) -> str:
        key = sha256.strip().lower()
        if len(key) == 64 and self._store.evidence(key) is not None:
            return key
        if len(key) >= 8 and all(c in "0123456789abcdef" for c in key):
            matches = [i.sha256 for i in self._store.evidence_list() if i.sha256.startswith(key)]
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise UserError(
                    _("{sha256!r} matches {count} evidence files; give more digits").format(
                        sha256=sha256, count=len(matches)
                    )
                )
        raise UserError(
            _(
                "no evidence {sha256!r} in the ledger (give its SHA-256, or 8 or more of its "
                "first digits; `daicho evidence list SYSTEM` shows them)"
            ).format(sha256=sha256)
        )

    def _created_at(self, digest: str) -> str | None:
        return next((i.created_at for i in self._store.evidence_list() if i.sha256 == digest), None)

    @staticmethod
    def _read_plan(path: Path) -> TestPlan:
        from daicho.evaluation import parse_plan

        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise UserError(_("{path}: plan file not found").format(path=path)) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise UserError(
                _("{path}: cannot read the plan ({reason})").format(path=path, reason=exc)
            ) from None
        parsed = parse_plan(text, str(path))
        # The result records the plan's file name and hash, not where it happened to lie, so
        # that the same evaluation has the same content address wherever it is run.
        return dataclasses.replace(parsed, source=path.name)

    @staticmethod
    def _check_links(test_plan: TestPlan, rows: set[str], *, slug: str, where: str) -> None:
        if not any(c.evidence_for for c in test_plan.checks):
            raise UserError(
                _(
                    "{where}: no check names a requirement (evidence_for), so the result could "
                    "not be linked to the worksheet of {slug!r}; add evidence_for to the checks"
                ).format(where=where, slug=slug)
            )
        for check in test_plan.checks:
            for req in check.evidence_for:
                if req not in rows:
                    line = " " + _("(line {line})").format(line=check.line) if check.line else ""
                    raise UserError(
                        _(
                            "{where}{line}: check {check!r} is evidence for {requirement}, which "
                            "is not a worksheet item of {slug!r}; use a requirement listed by "
                            "`daicho assess applicability {slug}`"
                        ).format(where=where, line=line, check=check.id, requirement=req, slug=slug)
                    )

    def _store_and_link(
        self, slug: str, content: bytes, result: PlanResult, *, author: str | None
    ) -> tuple[str, list[str]]:
        catalog = self.catalog()
        digest = hashlib.sha256(content).hexdigest()
        who, when = author_name(author), now_iso()
        with self._store.transaction() as tx:
            stored = tx.head(WORKSHEET, slug)
            sheet = Worksheet.model_validate(stored.body) if stored else Worksheet(system=slug)
            sheet = _linked(sheet, digest, result, when[:10])
            sheet = self._prepare_worksheet(sheet, catalog)
            tx.put_evidence(content, EVALUATION_MEDIA_TYPE, author=who, at=when)
            body = sheet.model_dump(mode="json")
            if stored is None or stored.body != body:
                tx.write_revision(
                    kind=WORKSHEET,
                    key=slug,
                    body=body,
                    author=who,
                    at=when,
                    reason=f"evaluation {digest[:12]} ({result.plan.name}: {result.status}) "
                    "linked as evidence",
                    action="register" if stored is None else "update",
                )
        self._snapshot(catalog, author=author)
        return digest, sorted(result.evidence())

    def _unsealed_evidence(self, sealed: Mapping[str, str]) -> list[str]:
        """Evidence whose bytes no longer hash to their key, or that no audit entry seals."""
        problems = []
        seen: set[str] = set()
        for key, size, content in self._store.evidence_contents():
            seen.add(key)
            short = key[:16]
            if hashlib.sha256(content).hexdigest() != key or size != len(content):
                problems.append(
                    _(
                        "evidence {key}… was altered (its content no longer hashes to its key)"
                    ).format(key=short)
                )
            elif sealed.get(key) != key:
                problems.append(
                    _(
                        "evidence {key}… has no audit entry (it was added behind daicho's back)"
                    ).format(key=short)
                )
        for key in sealed:
            if key not in seen:
                problems.append(_("evidence {key}… was deleted").format(key=key[:16]))
        return problems


def _linked(sheet: Worksheet, digest: str, result: PlanResult, day: str) -> Worksheet:
    """The worksheet with the evidence linked to every item the plan names (status untouched)."""
    statuses = {c.check.id: c.status for c in result.checks}
    items = {i.requirement: i for i in sheet.items}
    order = [i.requirement for i in sheet.items]
    for req, check_ids in result.evidence().items():
        item = items.get(req) or WorksheetItem(requirement=req)
        if req not in items:
            order.append(req)
        if any(e.sha256 == digest for e in item.evidence):
            continue
        outcome = ", ".join(f"{cid}: {statuses[cid]}" for cid in check_ids)
        link = EvidenceLink(
            title=f"Evaluation {result.plan.name} — {outcome}",
            sha256=digest,
        )
        note = f"{day}: evaluation {digest[:12]} ({result.plan.name}) — {outcome}"
        items[req] = item.model_copy(
            update={
                "evidence": [*item.evidence, link],
                "notes": f"{item.notes}\n{note}" if item.notes else note,
            }
        )
    return sheet.model_copy(update={"items": [items[r] for r in order]})


def _default_plan(*, sensitive: Iterable[str], target: str | None, rows: set[str]) -> TestPlan:
    """A plan from the command's options: accuracy, and parity checks when sensitive is given."""
    import yaml

    from daicho.evaluation import parse_plan

    def offer(section: str) -> list[str]:
        return [r for r in _DEFAULT_EVIDENCE[section] if r in rows]

    sensitive = list(sensitive)
    checks: list[dict[str, Any]] = [
        {"id": "accuracy", "metric": "accuracy", "evidence_for": offer("performance")}
    ]
    if sensitive:
        fair = offer("fairness")
        checks += [
            {
                "id": "demographic-parity",
                "metric": "demographic_parity_ratio",
                "require": ">= 0.8",
                "warn": ">= 0.9",
                "evidence_for": fair,
            },
            {
                "id": "equalized-odds",
                "metric": "equalized_odds_difference",
                "warn": "<= 0.1",
                "evidence_for": fair,
            },
        ]
    doc: dict[str, Any] = {"plan": "daicho-default", "sensitive": sensitive, "checks": checks}
    if target:
        doc["target"] = target
    text = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)
    return parse_plan(text, "daicho-default-plan.yaml")

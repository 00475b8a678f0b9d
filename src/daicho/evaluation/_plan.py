"""Test plans: which checks to run, their thresholds, and which requirements they evidence.

A plan is YAML (parsed with ruamel.yaml so every problem carries its file and line)::

    plan: credit-scoring-release
    target: risk
    sensitive: [sex, age_band]
    settings: {min_group_size: 30, bootstrap: 1000, seed: 0}
    checks:
      - id: parity-sex
        metric: demographic_parity_ratio
        by: [sex]
        require: ">= 0.8"
        warn: ">= 0.9"
        evidence_for: [meti-aigl/D-3-i]
"""

from __future__ import annotations

import hashlib
import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from daicho._version import __version__
from daicho.domain import FieldProblem, InvalidRecordError
from daicho.i18n import gettext as _

from ._fairness import DISPARITY_METRICS, grouping_name
from ._performance import CLASSIFICATION_METRICS, REGRESSION_METRICS
from ._result import EvaluationResult, canonical_json, jsonable
from ._validate import did_you_mean

__all__ = [
    "PLAN_METRICS",
    "Check",
    "CheckResult",
    "PlanResult",
    "TestPlan",
    "Threshold",
    "judge",
    "parse_plan",
]

_PERF = tuple(m for m in (*CLASSIFICATION_METRICS, *REGRESSION_METRICS) if m not in ("n",))
PLAN_METRICS: dict[str, str] = {
    **{m: "performance" for m in dict.fromkeys(_PERF)},
    **{m: "fairness" for m in DISPARITY_METRICS},
    "missing_rate": "quality",
    "duplicate_rate": "quality",
    "min_group_share": "quality",
    "pii_findings": "privacy",
    "flip_rate": "robustness",
    "performance_drop": "robustness",
    "permutation_importance": "explainability",
}
"""Metric name usable in a plan → the evaluation section that computes it."""

_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "==": operator.eq,
}
_THRESHOLD = re.compile(r"^\s*(>=|<=|==|>|<)\s*([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*$")
_REQ_ID = re.compile(r"^[a-z0-9][a-z0-9-]*/[A-Za-z0-9][A-Za-z0-9.\-_]*$")
_PLAN_KEYS = {"plan", "description", "target", "sensitive", "task", "settings", "checks"}
_CHECK_KEYS = {
    "id",
    "metric",
    "by",
    "require",
    "warn",
    "evidence_for",
    "description",
    "column",
    "detector",
    "perturbation",
}
_SETTINGS = {
    "min_group_size": int,
    "bootstrap": int,
    "confidence": float,
    "seed": int,
    "n_bins": int,
    "threshold": float,
}


@dataclass(frozen=True)
class Threshold:
    """``op value``, e.g. ``>= 0.8``."""

    op: str
    value: float

    def holds(self, x: float) -> bool:
        """Whether ``x`` satisfies the threshold."""
        return _OPS[self.op](x, self.value)

    def __str__(self) -> str:
        return f"{self.op} {self.value:g}"


@dataclass(frozen=True)
class Check:
    """One check of a plan."""

    id: str
    metric: str
    by: tuple[str, ...] | None = None
    require: Threshold | None = None
    warn: Threshold | None = None
    evidence_for: tuple[str, ...] = ()
    params: Mapping[str, str] = field(default_factory=dict)
    line: int | None = None

    @property
    def section(self) -> str:
        """The evaluation section the metric comes from."""
        return PLAN_METRICS[self.metric]


@dataclass(frozen=True)
class TestPlan:
    """A parsed plan; ``sha256`` is the hash of its source text."""

    __test__ = False  # not a pytest class

    name: str
    checks: tuple[Check, ...]
    source: str
    sha256: str
    description: str | None = None
    target: str | None = None
    sensitive: tuple[str, ...] = ()
    task: str = "classification"
    settings: Mapping[str, Any] = field(default_factory=dict)


def _line(node: Any, key: Any = None) -> int | None:
    lc = getattr(node, "lc", None)
    if lc is None:
        return None
    try:
        return int(lc.key(key)[0]) + 1 if key is not None else int(lc.line) + 1
    except (KeyError, TypeError, AttributeError, IndexError):
        return int(lc.line) + 1


def _threshold(raw: Any) -> Threshold | None:
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        return None
    m = _THRESHOLD.match(str(raw))
    return Threshold(m.group(1), float(m.group(2))) if m else None


def parse_plan(text: str, filename: str = "<plan>") -> TestPlan:
    """Parse and validate a plan.

    Raises
    ------
    InvalidRecordError
        Listing every problem with its file, line, field and what was expected.
    """
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    problems: list[FieldProblem] = []

    def invalid() -> str:
        return _("{file}: invalid test plan").format(file=filename)

    def bad(field_: str, message: str, line: int | None, expected: str | None = None) -> None:
        problems.append(
            FieldProblem(field=field_, message=message, file=filename, line=line, expected=expected)
        )

    try:
        doc = YAML(typ="rt", pure=True).load(text)
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        bad(
            "",
            _("not valid YAML: {problem}").format(problem=getattr(exc, "problem", exc)),
            mark.line + 1 if mark is not None else None,
        )
        raise InvalidRecordError(problems=problems, summary=invalid()) from None
    if not isinstance(doc, Mapping):
        bad(
            "",
            _("a plan is a mapping with 'plan' and 'checks'"),
            1,
            "plan: NAME, checks: [...]",
        )
        raise InvalidRecordError(problems=problems, summary=invalid())
    for key in doc:
        if key not in _PLAN_KEYS:
            bad(
                str(key),
                _("unknown key{hint}").format(hint=did_you_mean(str(key), _PLAN_KEYS)),
                _line(doc, key),
                ", ".join(sorted(_PLAN_KEYS)),
            )
    name = doc.get("plan")
    if not isinstance(name, str) or not name.strip():
        bad("plan", _("missing plan name"), _line(doc), "plan: a-name")
    sensitive = doc.get("sensitive") or []
    if isinstance(sensitive, str):
        sensitive = [sensitive]
    settings = dict(doc.get("settings") or {})
    for key, value in settings.items():
        want = _SETTINGS.get(str(key))
        line = _line(doc["settings"], key)
        if want is None:
            bad(
                f"settings.{key}",
                _("unknown setting{hint}").format(hint=did_you_mean(str(key), _SETTINGS)),
                line,
                ", ".join(sorted(_SETTINGS)),
            )
        elif (
            not isinstance(value, int | float)
            or isinstance(value, bool)
            or (want is int and not isinstance(value, int))
        ):
            bad(
                f"settings.{key}",
                _("{value!r} is not a number").format(value=value),
                line,
                want.__name__,
            )
    raw_checks = doc.get("checks")
    checks: list[Check] = []
    if not isinstance(raw_checks, list) or not raw_checks:
        bad(
            "checks",
            _("a plan needs a non-empty list of checks"),
            _line(doc, "checks") if "checks" in doc else _line(doc),
            "checks: [- id: ..., metric: ...]",
        )
        raw_checks = []
    seen: set[str] = set()
    for i, item in enumerate(raw_checks):
        where = f"checks[{i}]"
        line = _line(item) if hasattr(item, "lc") else _line(raw_checks)
        if not isinstance(item, Mapping):
            bad(where, _("each check is a mapping"), line, "id, metric, require, evidence_for")
            continue
        for key in item:
            if key not in _CHECK_KEYS:
                bad(
                    f"{where}.{key}",
                    _("unknown key{hint}").format(hint=did_you_mean(str(key), _CHECK_KEYS)),
                    _line(item, key),
                    ", ".join(sorted(_CHECK_KEYS)),
                )
        cid = item.get("id")
        if not isinstance(cid, str) or not cid:
            bad(f"{where}.id", _("missing check id"), line, _("a unique id"))
            cid = where
        elif cid in seen:
            bad(
                f"{where}.id",
                _("duplicate check id {id!r}").format(id=cid),
                _line(item, "id"),
                _("unique ids"),
            )
        seen.add(cid)
        metric = item.get("metric")
        if metric not in PLAN_METRICS:
            bad(
                f"{where}.metric",
                _("unknown metric {metric!r}{hint}").format(
                    metric=metric, hint=did_you_mean(str(metric), PLAN_METRICS)
                ),
                _line(item, "metric") if "metric" in item else line,
                _("one of {metrics}").format(metrics=", ".join(sorted(PLAN_METRICS))),
            )
            continue
        thresholds: dict[str, Threshold | None] = {}
        for key in ("require", "warn"):
            if key in item:
                thresholds[key] = _threshold(item[key])
                if thresholds[key] is None:
                    bad(
                        f"{where}.{key}",
                        _("cannot read threshold {value!r}").format(value=item[key]),
                        _line(item, key),
                        _("an operator and a number, e.g. '>= 0.8'"),
                    )
        by = item.get("by")
        if by is not None:
            by = (by,) if isinstance(by, str) else tuple(str(b) for b in by)
            missing = [b for b in by if sensitive and b not in sensitive]
            if missing:
                bad(
                    f"{where}.by",
                    _("{column!r} is not a sensitive column of the plan{hint}").format(
                        column=missing[0], hint=did_you_mean(missing[0], sensitive)
                    ),
                    _line(item, "by"),
                    _("columns listed under sensitive"),
                )
        evidence = item.get("evidence_for") or []
        evidence = [evidence] if isinstance(evidence, str) else list(evidence)
        for req in evidence:
            if not _REQ_ID.match(str(req)):
                bad(
                    f"{where}.evidence_for",
                    _("{value!r} is not a requirement id").format(value=req),
                    _line(item, "evidence_for"),
                    _("framework/id, e.g. meti-aigl/D-3-i"),
                )
        checks.append(
            Check(
                id=str(cid),
                metric=str(metric),
                by=by,
                require=thresholds.get("require"),
                warn=thresholds.get("warn"),
                evidence_for=tuple(str(e) for e in evidence),
                params={
                    k: str(item[k]) for k in ("column", "detector", "perturbation") if k in item
                },
                line=line,
            )
        )
    if problems:
        raise InvalidRecordError(problems=problems, summary=invalid())
    return TestPlan(
        name=str(name),
        checks=tuple(checks),
        source=filename,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        description=doc.get("description"),
        target=doc.get("target"),
        sensitive=tuple(str(s) for s in sensitive),
        task=str(doc.get("task", "classification")),
        settings=settings,
    )


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check: ``pass``, ``warn``, ``fail``, ``info`` (no threshold) or
    ``skipped`` (the inputs cannot give this metric, e.g. robustness without a model)."""

    check: Check
    status: str
    value: float | None
    details: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        c = self.check
        return jsonable(
            {
                "id": c.id,
                "metric": c.metric,
                "by": list(c.by) if c.by else None,
                "require": str(c.require) if c.require else None,
                "warn": str(c.warn) if c.warn else None,
                "evidence_for": list(c.evidence_for),
                "params": dict(c.params),
                "status": self.status,
                "value": self.value,
                "details": dict(self.details),
            }
        )


def judge(check: Check, value: float | None) -> str:
    """pass / warn / fail (or info without a threshold); an undefined value fails."""
    if check.require is None and check.warn is None:
        return "info"
    if value is None:
        return "fail"
    if check.require is not None and not check.require.holds(value):
        return "fail"
    if check.warn is not None and not check.warn.holds(value):
        return "warn"
    return "pass"


@dataclass
class PlanResult:
    """Results of a plan run: per-check status, the evidence index and the full evaluation."""

    plan: TestPlan
    checks: list[CheckResult]
    evaluation: EvaluationResult

    @property
    def status(self) -> str:
        """``fail`` if any check failed, else ``warn`` if any warned, else ``pass``."""
        statuses = {c.status for c in self.checks}
        return "fail" if "fail" in statuses else "warn" if "warn" in statuses else "pass"

    def evidence(self) -> dict[str, list[str]]:
        """Requirement id → ids of the checks that are evidence for it."""
        out: dict[str, list[str]] = {}
        for c in self.checks:
            for req in c.check.evidence_for:
                out.setdefault(req, []).append(c.check.id)
        return dict(sorted(out.items()))

    def to_dict(self) -> dict[str, Any]:
        """JSON form (canonical text: :meth:`to_json`)."""
        return jsonable(
            {
                "kind": "daicho.test-plan-result",
                "daicho_version": __version__,
                "engine": self.evaluation.engine,
                "plan": {
                    "name": self.plan.name,
                    "sha256": self.plan.sha256,
                    "source": self.plan.source,
                },
                "inputs": dict(sorted(self.evaluation.inputs.items())),
                "status": self.status,
                "checks": [c.to_dict() for c in self.checks],
                "evidence": self.evidence(),
                "evaluation": self.evaluation.to_dict(),
            }
        )

    def to_json(self) -> str:
        """Canonical JSON (sorted keys, compact): what is stored and hashed."""
        return canonical_json(self.to_dict())

    def sha256(self) -> str:
        """Content address of :meth:`to_json`."""
        return hashlib.sha256(self.to_json().encode("utf-8")).hexdigest()


def measure(check: Check, result: EvaluationResult) -> tuple[float | None, dict[str, Any], str]:
    """The value a check judges, its details, and ``""`` or why it was skipped."""
    section = check.section
    if section == "performance":
        perf = result.performance or {}
        if check.metric not in perf:
            return None, {}, f"{check.metric} is not available for these inputs"
        return perf[check.metric], {}, ""
    if section == "fairness":
        if result.fairness is None:
            return None, {}, "fairness needs sensitive columns and binary labels"
        d = result.fairness.disparities
        d = d[d["metric"] == check.metric]
        if check.by:
            d = d[d["grouping"] == grouping_name(check.by)]
        per = {r["grouping"]: r["value"] for r in d.to_dict(orient="records")}
        vals = [v for v in per.values() if v == v]
        if not vals:
            return None, {"by_grouping": per}, ""
        worst = min(vals) if check.metric.endswith("_ratio") else max(vals)
        return worst, {"by_grouping": per}, ""
    if section == "quality":
        q = result.quality or {}
        if check.metric == "missing_rate":
            rates = q.get("missing_rate", {})
            if "column" in check.params:
                return rates.get(check.params["column"]), {}, ""
            return q.get("max_missing_rate"), {}, ""
        return q.get(check.metric), {}, ""
    if section == "privacy":
        if result.privacy is None:
            return None, {}, "privacy scan did not run"
        found = result.privacy.findings
        if "detector" in check.params:
            found = [f for f in found if f.detector == check.params["detector"]]
        by_det: dict[str, int] = {}
        for f in found:
            by_det[f.detector] = by_det.get(f.detector, 0) + f.count
        return float(sum(by_det.values())), {"by_detector": by_det}, ""
    if section == "robustness":
        r = result.robustness
        if r is None:
            return None, {}, "robustness needs a model daicho can run"
        if "perturbation" in check.params:
            r = r[r["perturbation"] == check.params["perturbation"]]
        col = "flip_rate" if check.metric == "flip_rate" else "drop"
        vals = [v for v in r[col].tolist() if v is not None and v == v]
        return (max(vals) if vals else None), {"rows": r}, ""
    e = result.explainability
    if e is None:
        return None, {}, "explainability needs a model daicho can run"
    return None, {"importance": e}, ""

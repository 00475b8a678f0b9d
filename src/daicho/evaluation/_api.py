"""``evaluate()``: one call from a model or predictions and data to an :class:`EvaluationResult`."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
from ibis.expr.types import Table

from daicho.domain import UserError
from daicho.i18n import gettext as _

from ._engine import Engine, as_table, connect, engine_name, fetch
from ._explain import permutation_importance, shap_available, shap_importance
from ._fairness import FairnessReport, fairness_from_stats
from ._loaders import PICKLE_SUFFIXES, Model, TabularData, as_model, load_dataset
from ._performance import classification_metrics, regression_metrics
from ._pii import scan_frame
from ._quality import data_quality
from ._result import EvaluationResult
from ._robustness import robustness
from ._stats import cell_stats
from ._validate import require_columns

__all__ = ["SECTIONS", "Progress", "evaluate", "fairness", "run_plan"]

SECTIONS = ("performance", "fairness", "quality", "privacy", "robustness", "explainability")
Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as work advances (the CLI drives a progress bar)."""

PRED, SCORE = "__daicho_pred", "__daicho_score"


def _open(data: Any, *, target: str | None, sensitive: Sequence[str]) -> Any:
    if isinstance(data, str | Path):
        return load_dataset(data, target=target, sensitive=sensitive)
    return data


def _is_predictions(obj: Any) -> bool:
    if isinstance(obj, pd.DataFrame | Table | TabularData):
        return True
    if isinstance(obj, str | Path):
        suffix = Path(obj).suffix.lower()
        return suffix in (".csv", ".parquet", ".pq")
    return False


def _frame(data: Any, columns: Sequence[str] | None = None) -> pd.DataFrame:
    if isinstance(data, TabularData):
        return data.to_pandas(columns)
    if isinstance(data, Table):
        return data.select(*columns).to_pandas() if columns else data.to_pandas()
    if isinstance(data, pd.DataFrame):
        return data if columns is None else data[list(columns)]
    raise UserError(_("cannot read data of type {kind}").format(kind=type(data).__name__))


def _columns(data: Any) -> list[str]:
    if isinstance(data, TabularData):
        return data.columns
    return [str(c) for c in data.columns]


def _name(data: Any) -> str:
    return data.source if isinstance(data, TabularData) else "data"


def evaluate(
    model_or_predictions: Any = None,
    data: Any = None,
    *,
    target: str | None = None,
    sensitive: Sequence[str] = (),
    prediction: str = "y_pred",
    score: str | Literal["auto"] | None = "auto",
    features: Sequence[str] | None = None,
    task: Literal["classification", "regression"] = "classification",
    sections: Sequence[str] | None = None,
    groupings: Literal["default", "all"] | Sequence[Sequence[str]] = "default",
    min_group_size: int = 30,
    bootstrap: int = 0,
    confidence: float = 0.95,
    n_bins: int = 10,
    threshold: float = 0.5,
    trusted: Sequence[str] = (),
    pii_columns: Sequence[str] | None = None,
    pii_max_rows: int | None = 1_000_000,
    engine: Engine = "duckdb",
    seed: int = 0,
    inputs: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> EvaluationResult:
    """Evaluate a model (or its predictions) on data.

    Parameters
    ----------
    model_or_predictions
        A ``.skops``/``.onnx`` path, a loaded :class:`Model` or fitted estimator (it is run on
        ``data``); or predictions: a CSV/Parquet path, DataFrame or Ibis table with the target,
        ``prediction``, optional ``score`` and the sensitive columns; or ``None`` when ``data``
        already holds the predictions.
    data
        CSV/Parquet path, DataFrame or Ibis table. With predictions it may be omitted; if given,
        its columns are added to the predictions' (same rows, same order).
    target
        Label column (default ``y_true``).
    sensitive
        Sensitive-attribute columns; fairness covers each alone and their intersection.
    prediction, score
        Prediction and positive-class probability columns of a predictions table. ``score="auto"``
        uses ``score`` if present. Without a prediction column, ``score >= threshold`` is used.
    features
        Model input columns (default: the model's own feature names, else every column but the
        target).
    task
        ``classification`` (binary 0/1 labels) or ``regression``.
    sections
        Subset of :data:`SECTIONS` (default: all that apply to the inputs).
    groupings, min_group_size, bootstrap, confidence
        See :func:`daicho.evaluation.fairness`.
    n_bins
        Equal-width calibration bins for ECE and calibration tables.
    trusted
        skops type names to trust when loading a ``.skops`` model.
    pii_columns, pii_max_rows
        Columns to scan for personal information (default: the text columns) and the most rows
        scanned (``None`` = all).
    engine
        ``"duckdb"``, ``"spark"`` or an Ibis backend.
    seed
        Seed for bootstrap, perturbations and permutation importance.
    inputs
        Input name → SHA-256 (computed by the caller), recorded in the result.
    progress
        Optional ``progress(stage, done, total)`` callback.
    """
    con = connect(engine)
    wanted = list(sections) if sections is not None else list(SECTIONS)
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        raise UserError(
            _("unknown section {section!r}; choose from {choices}").format(
                section=unknown[0], choices=", ".join(SECTIONS)
            )
        )
    if task not in ("classification", "regression"):
        raise UserError(
            _("unknown task {task!r}: use 'classification' or 'regression'").format(task=task)
        )
    sensitive = list(sensitive)
    notes: list[str] = []
    model: Model | None = None
    if isinstance(model_or_predictions, str | Path) and (
        Path(model_or_predictions).suffix.lower() in PICKLE_SUFFIXES
    ):
        as_model(model_or_predictions)  # raises the pickle refusal
    if model_or_predictions is not None and not _is_predictions(model_or_predictions):
        if isinstance(model_or_predictions, str | Path):
            from ._loaders import load_model

            model = load_model(model_or_predictions, trusted=trusted)
        else:
            model = as_model(model_or_predictions)
    target = target or "y_true"
    X = y_arr = None
    if model is not None:
        if data is None:
            raise UserError(_("a model needs data to run on: pass data=... (CSV, Parquet, frame)"))
        data = _open(data, target=target, sensitive=sensitive)
        cols = _columns(data)
        require_columns(cols, {"target": [target], "sensitive": sensitive}, _name(data))
        frame = _frame(data)
        feats = list(features) if features else model.features(cols, exclude=[target])
        require_columns(cols, {"feature": feats}, _name(data))
        X, y_arr = frame[feats], frame[target].to_numpy()
        if progress:
            progress("predict", 0, 1)
        added = {PRED: model.predict(X)}
        proba = model.predict_proba(X) if task == "classification" else None
        if proba is not None:
            added[SCORE] = proba
        frame = frame.assign(**added)
        table = as_table(frame, con)
        prediction, score = PRED, (SCORE if proba is not None else None)
        source = _name(data)
        if progress:
            progress("predict", 1, 1)
    else:
        preds = model_or_predictions if model_or_predictions is not None else data
        if preds is None:
            raise UserError(_("nothing to evaluate: pass a model and data, or predictions"))
        preds = _open(preds, target=target, sensitive=())
        source = _name(preds)
        if model_or_predictions is not None and data is not None:
            extra = _open(data, target=None, sensitive=())
            left, right = _frame(preds), _frame(extra)
            if len(left) != len(right):
                raise UserError(
                    _(
                        "{data} has {rows} rows but the predictions have {predictions}; "
                        "they must be the same rows in the same order"
                    ).format(data=_name(extra), rows=len(right), predictions=len(left))
                )
            new = [c for c in right.columns if c not in left.columns]
            preds = pd.concat(
                [left.reset_index(drop=True), right[new].reset_index(drop=True)], axis=1
            )
        table = as_table(
            preds.parquet
            if isinstance(preds, TabularData) and preds.parquet
            else (preds.frame if isinstance(preds, TabularData) else preds),
            con,
        )
        data = preds
        cols = list(table.columns)
        if score == "auto":
            score = "score" if "score" in cols and task == "classification" else None
        require_columns(
            cols, {"target": [target], "sensitive": sensitive, "score": [score]}, source
        )
        if prediction not in cols:
            if score is None:
                require_columns(cols, {"prediction": [prediction]}, source)
            table = table.mutate(**{PRED: (table[score] >= threshold).cast("int8")})
            notes.append(f"no {prediction!r} column: predictions are score >= {threshold}")
            prediction = PRED
    if score == "auto":
        score = None
    result = EvaluationResult(
        engine=engine_name(con),
        task=task,
        columns={
            "target": target,
            "prediction": prediction,
            "score": score,
            "sensitive": sensitive,
        },
        settings={
            "min_group_size": min_group_size,
            "bootstrap": bootstrap,
            "confidence": confidence,
            "seed": seed,
            "n_bins": n_bins,
            "threshold": threshold,
        },
        inputs=dict(inputs or {}),
        notes=notes,
    )
    steps = [s for s in wanted]
    done = 0

    def tick(stage: str) -> None:
        nonlocal done
        done += 1
        if progress:
            progress(stage, done, len(steps))

    if task == "classification" and ("performance" in wanted or "fairness" in wanted):
        stats = cell_stats(
            table,
            con,
            y_true=target,
            y_pred=prediction,
            sensitive=sensitive,
            score=score,
            n_bins=n_bins,
            source=source,
        )
        if "performance" in wanted:
            result.performance = classification_metrics(
                stats, table=table, con=con, y_true=target, score=score
            )
            tick("performance")
        if "fairness" in wanted:
            if sensitive:
                result.fairness = fairness_from_stats(
                    stats,
                    groupings=groupings,
                    min_group_size=min_group_size,
                    bootstrap=bootstrap,
                    confidence=confidence,
                    seed=seed,
                )
                result.notes.extend(result.fairness.notes)
            else:
                result.notes.append("fairness skipped: no sensitive columns were named")
            tick("fairness")
    elif task == "regression":
        if "performance" in wanted:
            result.performance = regression_metrics(
                table, con, y_true=target, y_pred=prediction, source=source
            )
            tick("performance")
        if "fairness" in wanted:
            result.notes.append("fairness skipped: group fairness metrics need binary labels")
            tick("fairness")
    if "quality" in wanted:
        base = table.drop(*[c for c in (PRED, SCORE) if c in table.columns])
        result.quality = data_quality(base, con, target=target, sensitive=sensitive, source=source)
        tick("quality")
    if "privacy" in wanted:
        result.privacy = _privacy(table, con, pii_columns, pii_max_rows)
        result.notes.extend(result.privacy.notes)
        tick("privacy")
    for section in ("robustness", "explainability"):
        if section not in wanted:
            continue
        if model is None or X is None or y_arr is None:
            result.notes.append(f"{section} skipped: it needs a model daicho can run")
        elif section == "robustness":
            result.robustness = robustness(model, X, y_arr, task=task, seed=seed)
        else:
            result.explainability = permutation_importance(model, X, y_arr, task=task, seed=seed)
            if shap_available():  # pragma: no cover - optional extra
                shap_table = shap_importance(model, X)
                if shap_table is not None:
                    result.explainability = result.explainability.merge(shap_table, how="left")
            else:
                result.notes.append("SHAP skipped: the optional 'shap' package is not installed")
        tick(section)
    return result


def fairness(
    data: Any,
    *,
    sensitive: Sequence[str],
    y_true: str = "y_true",
    y_pred: str = "y_pred",
    score: str | None = None,
    groupings: Literal["default", "all"] | Sequence[Sequence[str]] = "default",
    min_group_size: int = 30,
    bootstrap: int = 0,
    confidence: float = 0.95,
    seed: int = 0,
    n_bins: int = 10,
    engine: Engine = "duckdb",
) -> FairnessReport:
    """Group fairness of predictions in one scan of ``data``.

    Parameters
    ----------
    data
        Parquet/CSV path, DataFrame or Ibis table with the label, prediction, optional score and
        sensitive columns. Parquet is read by the engine directly, never loaded into pandas.
    sensitive
        Sensitive-attribute columns.
    y_true, y_pred, score
        Column names (labels and predictions 0/1; score a probability in [0, 1]).
    groupings
        ``"default"`` (each attribute and their intersection), ``"all"`` (every subset) or an
        explicit list of column lists.
    min_group_size
        Groups with fewer rows are flagged and left out of disparities.
    bootstrap, confidence, seed
        Multinomial bootstrap on the group-level confusion counts (0 resamples = none); see
        :func:`daicho.evaluation._fairness.fairness_from_stats`.
    n_bins
        Equal-width calibration bins (with a score).
    engine
        ``"duckdb"``, ``"spark"`` or an Ibis backend.
    """
    con = connect(engine)
    source = str(data) if isinstance(data, str | Path) else "data"
    if isinstance(data, str | Path):
        data = load_dataset(data, sensitive=sensitive)
    if isinstance(data, TabularData):
        data = data.parquet if data.parquet is not None else data.frame
    table = as_table(data, con)
    stats = cell_stats(
        table,
        con,
        y_true=y_true,
        y_pred=y_pred,
        sensitive=sensitive,
        score=score,
        n_bins=n_bins,
        source=source,
    )
    return fairness_from_stats(
        stats,
        groupings=groupings,
        min_group_size=min_group_size,
        bootstrap=bootstrap,
        confidence=confidence,
        seed=seed,
    )


def _privacy(table: Table, con: Any, columns: Sequence[str] | None, max_rows: int | None) -> Any:
    schema = table.schema()
    if columns is None:
        columns = [c for c in table.columns if c not in (PRED, SCORE) and schema[c].is_string()]
    pdf = pd.DataFrame(index=np.arange(0))
    if columns:
        require_columns(table.columns, {"PII scan": columns}, "data")
        frame = table.select(*columns)
        if max_rows is not None:
            frame = frame.limit(max_rows)
        pdf = fetch(frame, con)
    report = scan_frame(pdf, list(columns))
    if max_rows is not None and len(pdf) == max_rows:
        report.notes.append(f"personal-information scan covered the first {max_rows} rows only")
    return report


def run_plan(
    plan: Any,
    model_or_predictions: Any = None,
    data: Any = None,
    *,
    engine: Engine = "duckdb",
    progress: Progress | None = None,
    inputs: Mapping[str, str] | None = None,
    **options: Any,
) -> Any:
    """Run a :class:`~daicho.evaluation.TestPlan` and judge each check.

    Parameters
    ----------
    plan
        A parsed plan (:func:`~daicho.evaluation.parse_plan`).
    model_or_predictions, data
        As for :func:`evaluate`.
    engine
        ``"duckdb"``, ``"spark"`` or an Ibis backend.
    progress
        Optional ``progress(stage, done, total)`` callback.
    inputs
        Input name → SHA-256 computed by the caller; recorded in the result.
    options
        Further :func:`evaluate` arguments (``target``, ``sensitive``, ``features``, ``trusted``
        …); they override the plan's own ``target``/``sensitive``/``settings``.

    Returns
    -------
    PlanResult
        Per-check pass/warn/fail/info/skipped, the evidence index, and the full evaluation;
        ``to_json()`` is canonical and ``sha256()`` its content address.
    """
    from ._plan import CheckResult, PlanResult, judge, measure

    sections = sorted({c.section for c in plan.checks})
    sensitive = list(options.pop("sensitive", plan.sensitive))
    groupings: list[tuple[str, ...]] = [(c,) for c in sensitive]
    if len(sensitive) > 1:
        groupings.append(tuple(sensitive))
    for c in plan.checks:
        if c.by and tuple(c.by) not in groupings:
            groupings.append(tuple(c.by))
    kwargs: dict[str, Any] = {
        **dict(plan.settings),
        "target": plan.target,
        "task": plan.task,
        **options,
    }
    result = evaluate(
        model_or_predictions,
        data,
        sensitive=sensitive,
        sections=sections,
        groupings=groupings,
        engine=engine,
        progress=progress,
        inputs=inputs,
        **kwargs,
    )
    checks = []
    for check in plan.checks:
        value, details, skipped = measure(check, result)
        if skipped:
            checks.append(CheckResult(check, "skipped", None, {"reason": skipped}))
            continue
        value = None if value is None or value != value else float(value)
        checks.append(CheckResult(check, judge(check, value), value, details))
    return PlanResult(plan=plan, checks=checks, evaluation=result)

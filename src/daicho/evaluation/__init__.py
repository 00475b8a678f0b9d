"""Technical evaluation: fairness, performance, calibration, robustness, explainability, data
quality and a Japanese personal-information scan.

Metrics are written once as Ibis expressions and run on DuckDB in-process by default and
unchanged on Spark (``engine="spark"`` or any Ibis backend). The data is scanned once for all
fairness groupings; everything else is computed from the small per-group table.

Typical use::

    from daicho.evaluation import evaluate
    result = evaluate("model.skops", "test.parquet", target="risk", sensitive=["sex", "age_band"])
    result.to_frame()
"""

from ._api import SECTIONS, Progress, evaluate, fairness, run_plan
from ._engine import Engine, connect
from ._explain import permutation_importance, shap_available
from ._fairness import DISPARITY_METRICS, GROUP_METRICS, RATIOS, FairnessReport
from ._loaders import Model, TabularData, as_model, load_dataset, load_model
from ._performance import (
    CLASSIFICATION_METRICS,
    REGRESSION_METRICS,
    classification_metrics,
    regression_metrics,
    roc_auc_expr,
)
from ._pii import PiiFinding, PiiReport, luhn_valid, my_number_valid, scan_frame, scan_text
from ._plan import PLAN_METRICS, Check, CheckResult, PlanResult, TestPlan, Threshold, parse_plan
from ._quality import data_quality
from ._result import EvaluationResult, canonical_json
from ._robustness import robustness
from ._stats import CellStats, cell_stats, cell_stats_expr

__all__ = [
    "CLASSIFICATION_METRICS",
    "DISPARITY_METRICS",
    "GROUP_METRICS",
    "PLAN_METRICS",
    "RATIOS",
    "REGRESSION_METRICS",
    "SECTIONS",
    "CellStats",
    "Check",
    "CheckResult",
    "Engine",
    "EvaluationResult",
    "FairnessReport",
    "Model",
    "PiiFinding",
    "PiiReport",
    "PlanResult",
    "Progress",
    "TabularData",
    "TestPlan",
    "Threshold",
    "as_model",
    "canonical_json",
    "cell_stats",
    "cell_stats_expr",
    "classification_metrics",
    "connect",
    "data_quality",
    "evaluate",
    "fairness",
    "load_dataset",
    "load_model",
    "luhn_valid",
    "my_number_valid",
    "parse_plan",
    "permutation_importance",
    "regression_metrics",
    "robustness",
    "roc_auc_expr",
    "run_plan",
    "scan_frame",
    "scan_text",
    "shap_available",
]

"""Technical evaluation: fairness, performance, robustness, explainability, data quality, PII.

Metrics are Ibis expressions that run on DuckDB in-process by default and unchanged on Spark.
"""

from ._engine import Engine, connect
from ._fairness import DISPARITY_METRICS, GROUP_METRICS, FairnessReport
from ._stats import CellStats, cell_stats, cell_stats_expr

__all__ = [
    "DISPARITY_METRICS",
    "GROUP_METRICS",
    "CellStats",
    "Engine",
    "FairnessReport",
    "cell_stats",
    "cell_stats_expr",
    "connect",
]

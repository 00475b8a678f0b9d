"""Data quality as Ibis expressions: missing values, duplicates, class balance, representation."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis
import ibis.expr.datatypes as dt
from ibis import BaseBackend
from ibis.expr.types import Table

from ._engine import fetch
from ._validate import require_columns

__all__ = ["data_quality"]


def data_quality(
    table: Table,
    con: BaseBackend,
    *,
    target: str | None = None,
    sensitive: Sequence[str] = (),
    duplicates: bool = True,
    source: str = "data",
) -> dict[str, Any]:
    """Missing rates per column, duplicate rows, class balance and group representation.

    Missing means null, or NaN in a floating-point column. ``duplicate_rows`` counts rows that
    repeat an earlier row exactly (all columns); ``class_balance`` is the share of each target
    value; ``representation`` is the share of each value of each sensitive column. One
    aggregate expression gives the missing counts; duplicates, class balance and each
    representation are one small ``GROUP BY``/``DISTINCT`` each.
    """
    require_columns(table.columns, {"target": [target], "sensitive": sensitive}, source)
    aggs: dict[str, ibis.Value] = {"__n": table.count()}
    for i, col in enumerate(table.columns):
        c = table[col]
        missing = c.isnull()
        if isinstance(c.type(), dt.Floating):
            missing = missing | c.isnan().fill_null(False)
        aggs[f"m{i}"] = missing.cast("int64").sum()
    row = fetch(table.aggregate(**aggs), con).iloc[0]
    n = int(row["__n"])
    missing_rate = {
        col: (int(row[f"m{i}"]) / n if n else None) for i, col in enumerate(table.columns)
    }
    out: dict[str, Any] = {
        "rows": n,
        "columns": len(table.columns),
        "missing_rate": missing_rate,
        "max_missing_rate": max((v for v in missing_rate.values() if v is not None), default=0.0),
    }
    if duplicates:
        distinct = int(fetch(table.distinct().aggregate(k=ibis._.count()), con).iloc[0]["k"])
        out["duplicate_rows"] = n - distinct
        out["duplicate_rate"] = (n - distinct) / n if n else None
    if target is not None:
        out["class_balance"] = _shares(table, con, target, n)
    out["representation"] = {c: _shares(table, con, c, n) for c in sensitive}
    out["min_group_share"] = min(
        (min(v.values()) for v in out["representation"].values() if v), default=None
    )
    return out


def _shares(table: Table, con: BaseBackend, column: str, n: int) -> dict[str, float]:
    counts = fetch(table.group_by(table[column].name("v")).aggregate(k=ibis._.count()), con)
    counts["v"] = counts["v"].map(lambda v: "<missing>" if v is None or v != v else str(v))
    counts = counts.sort_values("v")
    return {str(v): int(k) / n for v, k in zip(counts["v"], counts["k"], strict=True)}

"""Ibis backends: DuckDB in-process by default, Spark (or any Ibis backend) when asked."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import ibis
import pandas as pd
from ibis import BaseBackend
from ibis.expr.types import Table

from daicho.domain import UserError
from daicho.i18n import gettext as _

__all__ = ["Engine", "as_table", "connect", "engine_name", "fetch"]

Engine = str | BaseBackend
"""``"duckdb"`` (default), ``"spark"``, or a connected Ibis backend."""


@functools.lru_cache(maxsize=1)
def _default_duckdb() -> BaseBackend:
    return ibis.duckdb.connect()


def connect(engine: Engine = "duckdb") -> BaseBackend:
    """Return the Ibis backend for ``engine``.

    Parameters
    ----------
    engine
        ``"duckdb"`` gives one shared in-process DuckDB connection; ``"spark"`` wraps the active
        Spark session (or starts a local one); an Ibis backend object is returned unchanged.
    """
    if isinstance(engine, BaseBackend):
        return engine
    if engine == "duckdb":
        return _default_duckdb()
    if engine == "spark":
        try:
            from pyspark.sql import SparkSession
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise UserError(_("engine 'spark' needs pyspark: install daicho[spark]")) from exc
        session = (
            SparkSession.getActiveSession() or SparkSession.builder.master("local[*]").getOrCreate()
        )
        return ibis.pyspark.connect(session)
    raise UserError(
        _("unknown engine {engine!r}: use 'duckdb', 'spark' or an Ibis backend").format(
            engine=engine
        )
    )


def engine_name(con: BaseBackend) -> str:
    """The backend's short name, e.g. ``duckdb`` or ``pyspark``."""
    return str(getattr(con, "name", type(con).__module__.split(".")[-1]))


def as_table(data: Any, con: BaseBackend) -> Table:
    """Turn a pandas DataFrame, an Ibis table or a Parquet path into an Ibis table on ``con``.

    CSV files are loaded (and validated) by :func:`daicho.evaluation.load_dataset` first.
    """
    if isinstance(data, Table):
        return data
    if isinstance(data, pd.DataFrame):
        return ibis.memtable(data)
    if isinstance(data, str | Path):
        path = Path(data)
        if path.suffix.lower() != ".parquet":
            from ._loaders import load_dataset

            return as_table(load_dataset(path).table, con)
        return con.read_parquet(str(path))
    raise UserError(
        _(
            "cannot evaluate data of type {kind}: pass a pandas DataFrame, an Ibis table, or a "
            "CSV/Parquet path"
        ).format(kind=type(data).__name__)
    )


def fetch(expr: Any, con: BaseBackend) -> pd.DataFrame:
    """Execute ``expr`` on ``con`` and return a pandas DataFrame (results here are small)."""
    return con.to_pyarrow(expr).to_pandas()

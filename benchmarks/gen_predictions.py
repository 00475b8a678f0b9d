"""Generate the synthetic prediction logs of ``/work/shared/reference/benchmarks.md``.

A *reference* and a *current* set of N rows each (N = 1,000,000 and 10,000,000 by default), written
as Parquet in row groups of 1,000,000 rows with snappy compression, to ``benchmarks/_data/``
(git-ignored)::

    python benchmarks/gen_predictions.py                 # 1M and 10M, reference and current
    python benchmarks/gen_predictions.py --rows 1000000  # only 1M

Columns: ``y_true``/``y_pred`` int8 0/1, ``score`` float64 in (0, 1), ``sex`` (2 values),
``age_band`` (5 values; 10 intersectional groups), 20 float features ``num_00``..``num_19`` (normal,
lognormal, uniform and mixture shapes), 5 categorical features ``cat_0``..``cat_4`` with
10/20/30/40/50 levels at Zipf-like frequencies. Labels and predictions depend a little on sex and
age band, so the disparities are real. In *current*: a mean shift (``num_00``), a wider spread
(``num_01``), a moved range (``num_02``), a 10% shifted sub-population (``num_03``), reversed
category frequencies (``cat_0``) and a new unseen category (``cat_1``).

The data is generated one row group at a time (peak memory ~ a few hundred MB at any N), from a
fixed seed per (set, row group), so every run writes the same bytes.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

ROW_GROUP = 1_000_000
SEED = 20240501
DATA_DIR = Path(__file__).resolve().parent / "_data"
SEXES = np.array(["female", "male"])
AGE_BANDS = np.array(["18-29", "30-39", "40-49", "50-64", "65+"])
CAT_LEVELS = (10, 20, 30, 40, 50)
N_NUM = 20


def path_for(kind: str, rows: int) -> Path:
    """Where the set ``kind`` (``reference`` or ``current``) of ``rows`` rows is written."""
    return DATA_DIR / f"{kind}_{rows}.parquet"


def _zipf_probs(levels: int, reverse: bool = False) -> np.ndarray:
    p = 1.0 / np.arange(1, levels + 1) ** 1.1
    p = p / p.sum()
    return p[::-1].copy() if reverse else p


def _numeric(rng: np.random.Generator, j: int, n: int, current: bool) -> np.ndarray:
    shape = j % 4
    if shape == 0:
        x = rng.normal(loc=j * 0.5, scale=1.0 + 0.1 * j, size=n)
    elif shape == 1:
        x = rng.lognormal(mean=0.0, sigma=0.5 + 0.05 * j, size=n)
    elif shape == 2:
        x = rng.uniform(-1.0 - j, 1.0 + j, size=n)
    else:
        comp = rng.random(n) < 0.3
        x = np.where(comp, rng.normal(-2.0, 0.5, size=n), rng.normal(3.0, 1.0, size=n))
    if current:
        if j == 0:
            x = x + 0.5  # mean shift
        elif j == 1:
            x = (x - x.mean()) * 1.5 + x.mean()  # wider spread
        elif j == 2:
            x = x + (2.0 + j)  # moved range
        elif j == 3:
            sub = rng.random(n) < 0.10
            x = np.where(sub, x + 4.0, x)  # a 10% shifted sub-population
    return x


def _chunk(rng: np.random.Generator, n: int, current: bool) -> pa.Table:
    sex_idx = (rng.random(n) < 0.48).astype(np.int64)  # 52% female / 48% male
    age_idx = rng.choice(5, size=n, p=[0.18, 0.22, 0.22, 0.23, 0.15])
    # labels and scores depend a little on the attributes, so disparities are real
    base = -0.2 + 0.25 * sex_idx + 0.12 * (age_idx - 2)
    logit_true = base + rng.normal(0.0, 1.0, size=n)
    p_true = 1.0 / (1.0 + np.exp(-logit_true))
    y_true = (rng.random(n) < p_true).astype(np.int8)
    logit_score = 0.9 * logit_true + 0.15 * sex_idx + rng.normal(0.0, 0.8, size=n)
    score = 1.0 / (1.0 + np.exp(-logit_score))
    score = np.clip(score, 1e-12, 1.0 - 1e-12)
    y_pred = (score >= 0.5).astype(np.int8)
    cols: dict[str, pa.Array] = {
        "y_true": pa.array(y_true, type=pa.int8()),
        "y_pred": pa.array(y_pred, type=pa.int8()),
        "score": pa.array(score, type=pa.float64()),
        "sex": pa.array(SEXES[sex_idx]),
        "age_band": pa.array(AGE_BANDS[age_idx]),
    }
    for j in range(N_NUM):
        cols[f"num_{j:02d}"] = pa.array(_numeric(rng, j, n, current), type=pa.float64())
    for k, levels in enumerate(CAT_LEVELS):
        names = np.array([f"c{k}_{i:02d}" for i in range(levels)])
        idx = rng.choice(levels, size=n, p=_zipf_probs(levels, reverse=current and k == 0))
        values = names[idx]
        if current and k == 1:
            values = np.where(rng.random(n) < 0.05, f"c{k}_new", values)  # unseen category
        cols[f"cat_{k}"] = pa.array(values)
    return pa.table(cols)


def generate(kind: str, rows: int, *, force: bool = False) -> Path:
    """Write one set and return its path (skipped when the file already exists)."""
    out = path_for(kind, rows)
    if out.exists() and not force:
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    writer: pq.ParquetWriter | None = None
    try:
        for g, start in enumerate(range(0, rows, ROW_GROUP)):
            n = min(ROW_GROUP, rows - start)
            rng = np.random.default_rng([SEED, int(kind == "current"), g])
            table = _chunk(rng, n, current=kind == "current")
            if writer is None:
                writer = pq.ParquetWriter(tmp, table.schema, compression="snappy")
            writer.write_table(table, row_group_size=ROW_GROUP)
    finally:
        if writer is not None:
            writer.close()
    tmp.replace(out)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="N (repeatable)")
    parser.add_argument("--force", action="store_true", help="rewrite existing files")
    args = parser.parse_args()
    for rows in args.rows or [1_000_000, 10_000_000]:
        for kind in ("reference", "current"):
            t0 = time.perf_counter()
            path = generate(kind, rows, force=args.force)
            print(f"{path} ({path.stat().st_size / 1e6:.0f} MB, {time.perf_counter() - t0:.1f} s)")


if __name__ == "__main__":
    main()

"""Fairness workload of ``/work/shared/reference/benchmarks.md``: daicho against the alternatives.

For the groupings (sex × age_band), (sex) and (age_band): count, selection rate, accuracy, TPR,
FPR and precision per group; per grouping: demographic parity difference and ratio, equalized
odds difference. Contenders, on the same Parquet file, each in a fresh subprocess so that its
peak memory (``ru_maxrss``) is its own:

- ``fairlearn``: pandas read of the 4 columns, ``MetricFrame`` + fairlearn's disparity functions;
- ``duckdb_sql``: one hand-written DuckDB query with ``GROUPING SETS`` and window functions;
- ``scan``: a bare DuckDB scan of the 4 columns (the floor);
- ``daicho``: ``daicho.evaluation.fairness(path, ...)`` on DuckDB (default engine);
- ``daicho_spark`` (``--spark``): the same call on a local Spark session (correctness and scale;
  session start-up is excluded, and the time is not a speed claim).

Every contender starts from the file. Times are the median of ``--repeats`` runs after one
untimed warm-up run (none for fairlearn, whose first-run overhead is negligible next to its
run time); imports and connecting are not timed. All contenders' numbers must agree to 1e-9,
else the script exits 1::

    python benchmarks/gen_predictions.py
    python benchmarks/bench_fairness.py                      # 1M all, 10M without fairlearn
    python benchmarks/bench_fairness.py --fairlearn-10m      # also fairlearn at 10M (~16 min)
    python benchmarks/bench_fairness.py --spark              # also daicho on local Spark

Results go to ``benchmarks/_out/fairness.json`` and ``fairness.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
OUT = HERE / "_out"
SENS = ["sex", "age_band"]
GROUPINGS = [["sex", "age_band"], ["sex"], ["age_band"]]
GROUP_METRICS = ["count", "selection_rate", "accuracy", "tpr", "fpr", "precision"]
DISPARITIES = [
    "demographic_parity_difference",
    "demographic_parity_ratio",
    "equalized_odds_difference",
]
TOL = 1e-9


def _maxrss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def _key(grouping: list[str], values: Any) -> str:
    values = values if isinstance(values, tuple) else (values,)
    return "*".join(grouping) + ":" + ",".join(str(v) for v in values)


# ---- contenders (each returns {"groups": {key: {metric: value}}, "disparities": {...}}) ------


def run_fairlearn(path: str) -> dict[str, Any]:
    import pandas as pd
    from fairlearn import metrics as flm
    from sklearn.metrics import accuracy_score, precision_score

    df = pd.read_parquet(path, columns=["y_true", "y_pred", *SENS])
    metrics = {
        "count": flm.count,
        "selection_rate": flm.selection_rate,
        "accuracy": accuracy_score,
        "tpr": flm.true_positive_rate,
        "fpr": flm.false_positive_rate,
        "precision": precision_score,
    }
    out: dict[str, Any] = {"groups": {}, "disparities": {}}
    for g in GROUPINGS:
        sf = df[g]
        mf = flm.MetricFrame(
            metrics=metrics, y_true=df.y_true, y_pred=df.y_pred, sensitive_features=sf
        )
        for idx, row in mf.by_group.iterrows():
            out["groups"][_key(g, idx)] = {m: float(row[m]) for m in GROUP_METRICS}
        name = "*".join(g)
        out["disparities"][name] = {
            "demographic_parity_difference": float(
                flm.demographic_parity_difference(df.y_true, df.y_pred, sensitive_features=sf)
            ),
            "demographic_parity_ratio": float(
                flm.demographic_parity_ratio(df.y_true, df.y_pred, sensitive_features=sf)
            ),
            "equalized_odds_difference": float(
                flm.equalized_odds_difference(df.y_true, df.y_pred, sensitive_features=sf)
            ),
        }
    return out


SQL = """
WITH g AS (
  SELECT sex, age_band, GROUPING(sex) * 2 + GROUPING(age_band) AS gid,
         count(*) AS n, sum(y_true) AS pos, sum(y_pred) AS pp, sum(y_true * y_pred) AS tp
  FROM read_parquet('{path}')
  GROUP BY GROUPING SETS ((sex, age_band), (sex), (age_band))
), m AS (
  SELECT *, pp / n AS selection_rate, (n - pos - pp + 2 * tp) / n AS accuracy,
         tp / pos AS tpr, (pp - tp) / (n - pos) AS fpr, tp / pp AS precision
  FROM g
)
SELECT *,
  max(selection_rate) OVER w - min(selection_rate) OVER w AS dp_diff,
  min(selection_rate) OVER w / max(selection_rate) OVER w AS dp_ratio,
  greatest(max(tpr) OVER w - min(tpr) OVER w, max(fpr) OVER w - min(fpr) OVER w) AS eo_diff
FROM m WINDOW w AS (PARTITION BY gid)
"""


def run_duckdb_sql(path: str, con: Any) -> dict[str, Any]:
    rows = con.sql(SQL.format(path=path)).fetchall()
    out: dict[str, Any] = {"groups": {}, "disparities": {}}
    for sex, age, gid, n, _pos, _pp, _tp, sel, acc, tpr, fpr, prec, dpd, dpr, eod in rows:
        g = {0: ["sex", "age_band"], 1: ["sex"], 2: ["age_band"]}[gid]
        vals = {"sex": sex, "age_band": age}
        out["groups"][_key(g, tuple(vals[c] for c in g))] = {
            "count": float(n),
            "selection_rate": sel,
            "accuracy": acc,
            "tpr": tpr,
            "fpr": fpr,
            "precision": prec,
        }
        out["disparities"]["*".join(g)] = {
            "demographic_parity_difference": dpd,
            "demographic_parity_ratio": dpr,
            "equalized_odds_difference": eod,
        }
    return out


def run_scan(path: str, con: Any) -> dict[str, Any]:
    con.sql(
        f"SELECT sum(y_true), sum(y_pred), min(sex), min(age_band) FROM read_parquet('{path}')"
    ).fetchall()
    return {}


def run_daicho(path: str, engine: Any = "duckdb") -> dict[str, Any]:
    from daicho.evaluation import fairness

    rep = fairness(path, sensitive=SENS, min_group_size=0, engine=engine)
    out: dict[str, Any] = {"groups": {}, "disparities": {}}
    for rec in rep.groups.to_dict(orient="records"):
        g = rec["grouping"].split("*")
        out["groups"][_key(g, tuple(rec["values"]))] = {m: float(rec[m]) for m in GROUP_METRICS}
    for rec in rep.disparities.to_dict(orient="records"):
        if rec["metric"] in DISPARITIES:
            out["disparities"].setdefault(rec["grouping"], {})[rec["metric"]] = rec["value"]
    return out


def worker(contender: str, path: str, repeats: int) -> dict[str, Any]:
    """Run one contender ``repeats`` times in this (fresh) process."""
    setup: Any = None
    if contender in ("duckdb_sql", "scan"):
        import duckdb

        setup = duckdb.connect()
    elif contender == "daicho":
        from daicho.evaluation import connect

        connect("duckdb")  # like duckdb.connect() for the SQL contenders: not timed
    elif contender == "daicho_spark":
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        import ibis
        from pyspark.sql import SparkSession

        session = (
            SparkSession.builder.master("local[2]")
            .config("spark.driver.memory", "4g")
            .config("spark.ui.enabled", "false")
            .getOrCreate()
        )
        session.sparkContext.setLogLevel("ERROR")
        setup = ibis.pyspark.connect(session)
    elif contender == "fairlearn":
        import fairlearn.metrics  # noqa: F401
        import pandas  # noqa: F401
    baseline = _maxrss_mb()
    times, result = [], {}
    warmup = 0 if contender == "fairlearn" else 1
    for i in range(repeats + warmup):
        t0 = time.perf_counter()
        if contender == "fairlearn":
            result = run_fairlearn(path)
        elif contender == "duckdb_sql":
            result = run_duckdb_sql(path, setup)
        elif contender == "scan":
            result = run_scan(path, setup)
        elif contender == "daicho":
            result = run_daicho(path)
        else:
            result = run_daicho(path, engine=setup)
        if i >= warmup:
            times.append(time.perf_counter() - t0)
    return {
        "contender": contender,
        "times": times,
        "median_s": statistics.median(times),
        "peak_mb": _maxrss_mb(),
        "baseline_mb": baseline,
        "result": result,
    }


def spawn(contender: str, path: Path, repeats: int) -> dict[str, Any]:
    cmd = [
        sys.executable,
        __file__,
        "--worker",
        contender,
        "--path",
        str(path),
        "--repeats",
        str(repeats),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{contender} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def compare(a: dict[str, Any], b: dict[str, Any]) -> list[str]:
    """Differences larger than TOL between two contenders' numbers."""
    bad = []
    for section in ("groups", "disparities"):
        if a[section].keys() != b[section].keys():
            bad.append(f"{section}: different keys")
            continue
        for k, metrics in a[section].items():
            for m, v in metrics.items():
                w = b[section][k][m]
                both_null = v is None and w is None
                if not both_null and (v is None or w is None or abs(v - w) > TOL):
                    bad.append(f"{section} {k} {m}: {v} vs {w}")
    return bad


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--worker")
    p.add_argument("--path")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--rows", type=int, action="append")
    p.add_argument("--fairlearn-10m", action="store_true", help="also fairlearn at 10M (slow)")
    p.add_argument("--spark", action="store_true", help="also daicho on a local Spark session")
    args = p.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.path, args.repeats)))
        return
    sys.path.insert(0, str(HERE))
    from gen_predictions import generate

    runs: list[dict[str, Any]] = []
    ok = True
    for rows in args.rows or [1_000_000, 10_000_000]:
        path = generate("reference", rows)
        contenders = ["scan", "duckdb_sql", "daicho"]
        if rows <= 1_000_000 or args.fairlearn_10m:
            contenders.append("fairlearn")
        if args.spark:
            contenders.append("daicho_spark")
        res = {}
        for c in contenders:
            print(f"{rows:>10,} {c:<13}", end=" ", flush=True)
            res[c] = spawn(c, path, args.repeats)
            print(
                f"{res[c]['median_s']:9.3f} s  peak {res[c]['peak_mb']:7.0f} MB "
                f"(after imports {res[c]['baseline_mb']:.0f} MB)",
                flush=True,
            )
        for c in contenders:
            if c in ("scan", "daicho"):
                continue
            diffs = compare(res["daicho"]["result"], res[c]["result"])
            res[c]["agrees_with_daicho"] = not diffs
            if diffs:
                ok = False
                print(f"DISAGREEMENT daicho vs {c}: {diffs[:5]}")
        for c in contenders:
            res[c].pop("result")
            runs.append({"rows": rows, **res[c]})
        d = res["daicho"]["median_s"]
        print(
            f"{rows:>10,} daicho/scan = {d / res['scan']['median_s']:.2f}x, "
            f"daicho/duckdb_sql = {d / res['duckdb_sql']['median_s']:.2f}x"
            + (
                f", fairlearn/daicho = {res['fairlearn']['median_s'] / d:,.0f}x"
                if "fairlearn" in res
                else ""
            )
        )
    write(runs, ok)
    if not ok:
        raise SystemExit(1)


def write(runs: list[dict[str, Any]], ok: bool) -> None:
    OUT.mkdir(exist_ok=True)
    meta = {"cpus": os.cpu_count(), "python": sys.version.split()[0], "all_agree": ok}
    (OUT / "fairness.json").write_text(json.dumps({"meta": meta, "runs": runs}, indent=2))
    lines = [
        "| rows | contender | median s | peak MB (after imports) | agrees | vs daicho |",
        "|---|---|---|---|---|---|",
    ]
    by_rows: dict[int, dict[str, Any]] = {}
    for r in runs:
        by_rows.setdefault(r["rows"], {})[r["contender"]] = r
    for rows, res in by_rows.items():
        d = res["daicho"]["median_s"]
        for c, r in res.items():
            agree = (
                "—" if c in ("scan", "daicho") else ("yes" if r.get("agrees_with_daicho") else "NO")
            )
            lines.append(
                f"| {rows:,} | {c} | {r['median_s']:.3f} | {r['peak_mb']:.0f} "
                f"({r['baseline_mb']:.0f}) | {agree} | {r['median_s'] / d:.2f}× |"
            )
    (OUT / "fairness.md").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()

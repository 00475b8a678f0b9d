"""Ledger benchmarks (issue 2): CLI start-up, YAML import, audit verification.

Run: ``uv run python benchmarks/bench_ledger.py [--postgres URL]``. Results are printed as a
table and written to ``benchmarks/_out/ledger.json``. Goals: ``daicho --help`` < 0.3 s;
importing 1,000 system files into SQLite < 5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "src" / "daicho" / "examples" / "ledger" / "systems" / "credit-screening.yaml"
OUT = Path(__file__).resolve().parent / "_out"


def run_child(args: list[str]) -> tuple[float, float]:
    """Wall time (s) and peak RSS (MB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{args} failed with {proc.returncode}")
    return elapsed, usage.ru_maxrss / 1024


def bench_help(repeats: int = 7) -> dict[str, float]:
    daicho = str(Path(sys.executable).parent / "daicho")
    runs = [run_child([daicho, "--help"]) for _ in range(repeats)]
    python_only = [run_child([sys.executable, "-c", "pass"]) for _ in range(repeats)]
    return {
        "median_s": statistics.median(t for t, _ in runs),
        "peak_mb": max(m for _, m in runs),
        "bare_python_s": statistics.median(t for t, _ in python_only),
    }


def make_files(folder: Path, n: int) -> None:
    template = "\n".join(
        line
        for line in EXAMPLE.read_text(encoding="utf-8").splitlines()
        if not line.startswith("id:")
    )
    for i in range(n):
        (folder / f"system-{i:05d}.yaml").write_text(
            template.replace("slug: credit-screening", f"slug: system-{i:05d}"), encoding="utf-8"
        )


def bench_import(n: int, db: str | None, repeats: int = 3) -> dict[str, float]:
    from daicho import Ledger

    times = []
    with tempfile.TemporaryDirectory() as tmp:
        files = Path(tmp) / "files"
        files.mkdir()
        make_files(files, n)
        for r in range(repeats):
            home = Path(tmp) / f"home{r}"
            if db:
                _reset_postgres(db)
            ledger = Ledger.init(home, db=db)
            start = time.perf_counter()
            report = ledger.import_paths([files], author="bench")
            times.append(time.perf_counter() - start)
            assert len(report.created) == n
            ledger.close()
    return {
        "files": n,
        "median_s": statistics.median(times),
        "per_file_ms": statistics.median(times) / n * 1000,
    }


def _reset_postgres(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def bench_verify(n: int) -> dict[str, float]:
    from daicho import Ledger

    with tempfile.TemporaryDirectory() as tmp:
        ledger = Ledger.init(Path(tmp) / "home")
        store = ledger._store  # building 100k entries one transaction each would take minutes
        with store.transaction() as tx:
            for i in range(n):
                tx.write_revision(
                    kind="system",
                    key=f"s{i % 1000}",
                    body={"slug": f"s{i % 1000}", "n": i},
                    author="bench",
                    at=f"2026-01-01T00:00:00.{i:06d}+00:00",
                    reason="bench",
                    action="update",
                )
        start = time.perf_counter()
        result = ledger.verify_audit()
        elapsed = time.perf_counter() - start
        assert result.ok and result.entries == n
        ledger.close()
    return {"entries": n, "seconds": elapsed, "entries_per_s": n / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgres", default=os.environ.get("DAICHO_BENCH_POSTGRES_URL"))
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--audit", type=int, default=100_000)
    args = parser.parse_args()
    results: dict[str, object] = {"help": bench_help()}
    results["import_sqlite"] = bench_import(args.files, None)
    if args.postgres:
        results["import_postgres"] = bench_import(args.files, args.postgres)
    results["audit_verify"] = bench_verify(args.audit)
    OUT.mkdir(exist_ok=True)
    (OUT / "ledger.json").write_text(json.dumps(results, indent=2))
    h = results["help"]
    print(
        f"daicho --help: {h['median_s']:.3f} s median, {h['peak_mb']:.0f} MB peak "  # type: ignore[index]
        f"(bare python: {h['bare_python_s']:.3f} s); goal < 0.3 s"
    )  # type: ignore[index]
    for key in ("import_sqlite", "import_postgres"):
        if key in results:
            r = results[key]
            print(
                f"{key}: {r['files']} files in {r['median_s']:.2f} s "  # type: ignore[index]
                f"({r['per_file_ms']:.2f} ms/file)"
            )  # type: ignore[index]
    v = results["audit_verify"]
    print(
        f"audit verify: {v['entries']} entries in {v['seconds']:.2f} s "  # type: ignore[index]
        f"({v['entries_per_s']:.0f}/s)"
    )  # type: ignore[index]


if __name__ == "__main__":
    main()

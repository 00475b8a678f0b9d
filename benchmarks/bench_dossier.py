"""Dossier benchmark: build a system's deployment dossier (HTML, then HTML + PDF) and verify it.

The system answers 100 worksheet items from a custom framework of 100 requirements (in
``<home>/frameworks/``) and has 50 evidence files, each a stored evaluation result linked to two
of those items through the ledger's own evaluation use case. Setting that up is not timed.

Run::

    .venv/bin/python benchmarks/bench_dossier.py [--evidence 50] [--items 100] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from daicho import Ledger
from daicho._dossier_verify import verify_dossier

SYSTEM = "bench-system"
FRAMEWORK = "bench-policy"
STATUSES = ["implemented", "partially_implemented", "planned", "explained", "not_applicable"]


def framework_yaml(n: int) -> str:
    """A custom internal-policy framework with ``n`` requirements that apply to every system."""
    lines = [
        f"id: {FRAMEWORK}",
        "title: {ja: ベンチマーク用社内方針, en: Benchmark internal policy}",
        "issuer: {ja: 社内, en: In-house}",
        'version: "1"',
        "legal_nature: internal_policy",
        "sources:",
        "  - {document: Benchmark policy, version: '1', url: https://example.jp/policy}",
        "requirements:",
    ]
    for i in range(1, n + 1):
        lines += [
            f"  - id: {FRAMEWORK}/req-{i:03d}",
            f"    title: {{ja: 要求事項{i}, en: Requirement {i}}}",
            f"    summary: {{ja: ベンチマーク用の要求事項{i}。, en: Benchmark requirement {i}.}}",
            "    source: {document: Benchmark policy, url: 'https://example.jp/policy', "
            f"section: 'Art {i}'}}",
            "    verified: true",
        ]
    return "\n".join(lines) + "\n"


def setup(home: Path, n_items: int, n_evidence: int) -> Ledger:
    """A ledger with one system, its answered worksheet and ``n_evidence`` linked evaluations."""
    (home / "frameworks").mkdir(parents=True)
    (home / "frameworks" / f"{FRAMEWORK}.yaml").write_text(framework_yaml(n_items), "utf-8")
    ledger = Ledger.init(home)
    ledger.register_system(
        {
            "slug": SYSTEM,
            "name": {"ja": "ベンチマーク用システム", "en": "Benchmark system"},
            "purpose": {"ja": "ドシエ生成の計測", "en": "Measure dossier generation"},
            "roles": ["developer", "business_user"],
            "lifecycle_stage": "deployed",
            "owner": "bench",
        },
        author="bench",
    )
    items = []
    for i in range(1, n_items + 1):
        status = STATUSES[i % len(STATUSES)]
        item: dict[str, object] = {"requirement": f"{FRAMEWORK}/req-{i:03d}", "status": status}
        if status in ("explained", "not_applicable"):
            item["explanation"] = f"Reason for requirement {i}."
        if status == "planned":
            item["due"] = "2027-03-31"
        items.append(item)
    ledger.save_worksheet({"system": SYSTEM, "items": items}, author="bench")
    rng = np.random.default_rng(0)
    work = home / "inputs"
    work.mkdir()
    for k in range(n_evidence):
        frame = pd.DataFrame(
            {
                "y_true": rng.integers(0, 2, 200),
                "y_pred": rng.integers(0, 2, 200),
                "sex": rng.choice(["female", "male"], 200),
            }
        )
        frame.to_csv(work / f"p{k}.csv", index=False)
        links = [f"{FRAMEWORK}/req-{(2 * k) % n_items + 1:03d}"]
        links.append(f"{FRAMEWORK}/req-{(2 * k + 1) % n_items + 1:03d}")
        (work / f"plan{k}.yaml").write_text(
            f"plan: bench-{k}\ntarget: y_true\nsensitive: [sex]\nchecks:\n"
            f"  - id: accuracy\n    metric: accuracy\n    evidence_for: {json.dumps(links)}\n",
            "utf-8",
        )
        ledger.evaluate_system(
            SYSTEM, plan=work / f"plan{k}.yaml", predictions=work / f"p{k}.csv", author="bench"
        )
    return ledger


def timed(fn: object, repeat: int) -> tuple[float, object]:
    """Median wall time of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=50)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        start = time.perf_counter()
        ledger = setup(root / "home", args.items, args.evidence)
        setup_s = time.perf_counter() - start
        evidence = len(ledger.evaluations(SYSTEM))
        rows = len(ledger.worksheet_view(SYSTEM).rows)
        out = root / "out"
        html_s, report = timed(lambda: ledger.build_dossier(SYSTEM, out), args.repeat)
        pdf_s, report = timed(lambda: ledger.build_dossier(SYSTEM, out, pdf=True), args.repeat)
        folder_s, checked = timed(lambda: verify_dossier(report.folder), args.repeat)  # type: ignore[attr-defined]
        zip_s, _ = timed(lambda: verify_dossier(report.zip_path), args.repeat)  # type: ignore[attr-defined]
        files = report.files  # type: ignore[attr-defined]
        pdf_size = next(size for path, size, _ in files if path == "dossier.pdf")
        zip_size = report.zip_path.stat().st_size  # type: ignore[attr-defined]
        ledger.close()
    result = {
        "evidence_files": evidence,
        "answered_items": args.items,
        "worksheet_rows": rows,
        "dossier_files": len(files) + 1,
        "setup_s": round(setup_s, 2),
        "html_dossier_s": round(html_s, 3),
        "html_and_pdf_dossier_s": round(pdf_s, 3),
        "pdf_bytes": pdf_size,
        "zip_bytes": zip_size,
        "verify_folder_s": round(folder_s, 4),
        "verify_zip_s": round(zip_s, 4),
        "intact": checked.ok,  # type: ignore[attr-defined]
    }
    print(json.dumps(result, indent=2))
    target = Path(__file__).parent / "_out"
    target.mkdir(exist_ok=True)
    (target / "dossier.json").write_text(json.dumps(result, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()

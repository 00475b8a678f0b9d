"""Catalog benchmark: load the full catalog, then evaluate applicability for 1,000 systems.

Shows that the catalog is parsed once per process (``load_count``) and that evaluating every
requirement's compiled condition for a system costs microseconds, not milliseconds.

Run::

    .venv/bin/python benchmarks/bench_catalog.py [--systems 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from daicho.catalogs import load_catalog, load_count
from daicho.domain import AISystem, system_facts
from daicho.domain._enums import (
    ActorRole,
    AppiCategory,
    DeploymentContext,
    HumanOversight,
    LifecycleStage,
    Sector,
)

TAGS = ["biometrics", "emotion-recognition", "eu-high-risk", "gpai-systemic-risk", "hr", "chatbot"]


def synthetic_system(rng: random.Random, i: int) -> AISystem:
    """One AI system with varied roles, sector, data, EU nexus and generative set-up."""
    roles = rng.sample(list(ActorRole), k=rng.randint(1, 3))
    generative = rng.random() < 0.4
    datasets: list[dict[str, Any]] = []
    for j in range(rng.randint(0, 3)):
        cats = rng.sample(list(AppiCategory), k=rng.randint(0, 2))
        special = AppiCategory.SPECIAL_CARE_REQUIRED in cats
        abroad = rng.random() < 0.2
        datasets.append(
            {
                "name": f"ds{j}",
                "source": "synthetic",
                "appi_categories": cats,
                "legal_basis": "consent" if special or abroad else None,
                "cross_border_transfers": ["US"] if abroad else [],
                "copyrighted_training_data": rng.random() < 0.2,
                "used_for_training": rng.random() < 0.5,
            }
        )
    stage = rng.choice(list(LifecycleStage))
    return AISystem(
        slug=f"system-{i}",
        name={"ja": f"システム{i}", "en": f"System {i}"},
        purpose={"en": "benchmark"},
        roles=roles,
        lifecycle_stage=stage,
        owner="owner" if stage is LifecycleStage.DEPLOYED else None,
        sector=rng.choice(list(Sector)),
        deployment_context=rng.choice(list(DeploymentContext)),
        significant_decisions=rng.random() < 0.3,
        human_oversight=rng.choice(list(HumanOversight)),
        generative=generative,
        foundation_model={"name": "llm", "provider": "vendor"} if generative else None,
        datasets=datasets,
        eu_nexus={
            "placed_on_eu_market": rng.random() < 0.2,
            "output_used_in_eu": rng.random() < 0.2,
        },
        vendors=["v"] if rng.random() < 0.5 else [],
        tags=rng.sample(TAGS, k=rng.randint(0, 2)),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--systems", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    t0 = time.perf_counter()
    catalog = load_catalog()
    cold = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(100):
        assert load_catalog() is catalog
    warm = (time.perf_counter() - t0) / 100

    rng = random.Random(args.seed)
    systems = [synthetic_system(rng, i) for i in range(args.systems)]

    t0 = time.perf_counter()
    all_facts = [system_facts(s) for s in systems]
    facts_time = time.perf_counter() - t0

    per_system: list[float] = []
    applying: list[int] = []
    for facts in all_facts:
        s0 = time.perf_counter()
        results = catalog.applicability(facts)
        per_system.append(time.perf_counter() - s0)
        applying.append(sum(r.applies for r in results))
    total = sum(per_system)
    evaluations = len(catalog) * len(systems)

    rows = [
        ("frameworks / requirements / mappings",
         f"{len(catalog.frameworks)} / {len(catalog)} / "
         f"{sum(len(c.mappings) for c in catalog.crosswalks)}"),
        ("first load_catalog() (parse + validate + compile)", f"{cold * 1000:.0f} ms"),
        ("later load_catalog() (cached)", f"{warm * 1e6:.1f} µs"),
        ("catalog builds in this process (load_count)", str(load_count())),
        (f"system_facts() for {len(systems)} systems", f"{facts_time * 1000:.1f} ms"),
        (f"applicability for {len(systems)} systems (with reasons)", f"{total * 1000:.0f} ms"),
        ("per system: median / p95",
         f"{statistics.median(per_system) * 1000:.2f} / "
         f"{sorted(per_system)[int(len(per_system) * 0.95)] * 1000:.2f} ms"),
        ("per requirement evaluation", f"{total / evaluations * 1e6:.2f} µs"),
        ("requirements applying per system: min / median / max",
         f"{min(applying)} / {statistics.median(applying):.0f} / {max(applying)}"),
    ]  # fmt: skip
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  value")
    print(f"{'-' * width}  {'-' * 20}")
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    assert load_count() == 1, "the catalog must be built once per process"


if __name__ == "__main__":
    main()

"""The house rules are checked like behaviour: lint, types, and the layers of the architecture."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO

SRC = REPO / "src" / "daicho"
CORE = ["domain", "catalog", "assess", "evaluation", "operations", "documents"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=REPO, capture_output=True, text=True)


@pytest.mark.slow
def test_ruff_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "src", "tests", "benchmarks", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.slow
def test_mypy_is_clean_on_the_core_packages() -> None:
    result = _run(sys.executable, "-m", "mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def _python_files(package: str) -> list[Path]:
    root = SRC / package
    return sorted(root.rglob("*.py")) if root.is_dir() else []


@pytest.mark.parametrize("package", CORE)
def test_core_packages_never_import_outer_layers(package: str) -> None:
    outer = re.compile(
        r"^\s*(from|import)\s+daicho\.(store|cli|web|ledger)\b|^\s*from \.\.(store|cli|web|ledger)\b"
    )
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for path in _python_files(package)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if outer.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("package", CORE)
def test_core_packages_never_print(package: str) -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for path in _python_files(package)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.match(r"^\s*print\(", line)
    ]
    assert offenders == []


@pytest.mark.parametrize("face", ["cli", "web"])
def test_faces_never_touch_the_store(face: str) -> None:
    offenders = [
        f"{path.relative_to(REPO)}:{n}"
        for path in _python_files(face)
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if re.search(r"^\s*(from|import)\s+daicho\.store\b|^\s*from \.\.store\b", line)
    ]
    assert offenders == []


def test_no_module_is_asking_to_be_split() -> None:
    long = [
        f"{p.relative_to(REPO)} ({n} lines)"
        for p in SRC.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 600
    ]
    assert long == []

"""`daicho --help` must answer at once: the CLI imports nothing heavy at start-up."""

from __future__ import annotations

import subprocess
import sys

HEAVY = [
    "pydantic",
    "sqlalchemy",
    "alembic",
    "yaml",
    "ruamel",
    "duckdb",
    "ibis",
    "pandas",
    "numpy",
    "sklearn",
]


def test_help_imports_no_heavy_library() -> None:
    code = (
        "import sys; from daicho.cli import main; rc = main(['--help']);"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules)); sys.exit(rc)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert "system" in result.stdout and "import" in result.stdout

"""Ctrl-C or kill in the middle of an import leaves the ledger as it was: all or nothing."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from daicho import Ledger
from tests.conftest import EXAMPLES

N_FILES = 2000


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    template = (EXAMPLES / "systems" / "credit-screening.yaml").read_text(encoding="utf-8")
    template = "\n".join(line for line in template.splitlines() if not line.startswith("id:"))
    for i in range(N_FILES):
        text = template.replace("slug: credit-screening", f"slug: credit-{i:05d}")
        (folder / f"credit-{i:05d}.yaml").write_text(text, encoding="utf-8")
    return folder


def _import(home: Path, folder: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "daicho", "--home", str(home), "import", str(folder)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "DAICHO_LANG": "en"},
    )


def _wait_until_ledger_open(process: subprocess.Popen[bytes], home: Path) -> float:
    """Block until the child has opened its ledger (start-up is over); return the time taken.

    Interrupting a Python process before it has installed its own SIGINT handler kills it
    outright, which says nothing about daicho; so the clock starts when the ledger is open.
    """
    start = time.perf_counter()
    target = str((home / "ledger.db").resolve())
    fds = Path(f"/proc/{process.pid}/fd")
    while time.perf_counter() - start < 60:
        try:
            if any(os.readlink(fd) == target for fd in fds.iterdir()):
                return time.perf_counter() - start
        except OSError:
            pass  # a descriptor closed while we looked, or the process has not started yet
        if process.poll() is not None:
            break
        time.sleep(0.005)
    return time.perf_counter() - start


def _full_import_seconds(tmp_path: Path, folder: Path) -> float:
    """How long an import runs once the ledger is open."""
    home = tmp_path / "timing"
    Ledger.init(home).close()
    process = _import(home, folder)
    _wait_until_ledger_open(process, home)
    start = time.perf_counter()
    assert process.wait(timeout=120) == 0
    return time.perf_counter() - start


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL, signal.SIGTERM])
def test_interrupted_import_leaves_all_or_nothing(
    tmp_path: Path, many_files: Path, sig: signal.Signals
) -> None:
    total = _full_import_seconds(tmp_path, many_files)
    interrupted = 0
    # Interrupt at several points of the run; at least one lands before the commit.
    for fraction in (0.4, 0.6, 0.8):
        home = tmp_path / f"home-{fraction}"
        Ledger.init(home).close()
        process = _import(home, many_files)
        _wait_until_ledger_open(process, home)
        time.sleep(total * fraction)
        process.send_signal(sig)
        code = process.wait(timeout=60)
        stderr = process.stderr.read().decode() if process.stderr else ""
        if code != 0:
            interrupted += 1
            assert "Traceback" not in stderr
        with Ledger.open(home) as ledger:
            count = len(ledger.systems())
            verdict = ledger.verify_audit()
        if sig is signal.SIGINT and code not in (0, -signal.SIGINT):
            assert code == 130, stderr
            assert "interrupted" in stderr
        if code == -signal.SIGINT:
            # Only a signal that lands after the command finished may bypass daicho's handler.
            assert count == N_FILES, stderr
        assert count in (0, N_FILES)
        assert verdict.ok, verdict.problems
        assert verdict.entries == count
    assert interrupted >= 1

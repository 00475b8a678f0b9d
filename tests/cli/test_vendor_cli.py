"""`daicho vendor` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import Run
from tests.conftest import EXAMPLES


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> Run:
    runner = Run(capsys, tmp_path / "home")
    assert runner("init")[0] == 0
    assert runner("import", str(EXAMPLES))[0] == 0
    return runner


def test_list_show_checklist_json(run: Run) -> None:
    listed = run.json("vendor", "list")
    assert [v["slug"] for v in listed] == ["example-ai-cloud"]  # type: ignore[index]
    shown = run.json("vendor", "show", "example-ai-cloud")
    assert shown["contract_type"] == "use"  # type: ignore[index]
    view = run.json("vendor", "checklist", "example-ai-cloud")
    rows = view["rows"]  # type: ignore[index]
    assert len(rows) == sum(view["counts"].values())  # type: ignore[index]
    assert listed[0]["counts"] == view["counts"]  # type: ignore[index]


def test_set_then_history(run: Run) -> None:
    code, out, err = run(
        "vendor",
        "set",
        "example-ai-cloud",
        "output-provision",
        "--status",
        "covered",
        "--notes",
        "§2.6",
        "-m",
        "amendment",
    )
    assert code == 0, err
    assert "meti-ai-contracts/use/output-provision" in out
    history = run.json("vendor", "history", "example-ai-cloud")
    assert [h["reason"] for h in history][-1] == "amendment"  # type: ignore[index]


def test_user_errors_exit_2(run: Run) -> None:
    code, _, err = run(
        "vendor", "set", "example-ai-cloud", "meti-aigl/C-3-i", "--status", "covered", "-m", "x"
    )
    assert code == 2 and "not a topic" in err
    code, _, err = run(
        "vendor", "set", "example-ai-cloud", "security", "--status", "done", "-m", "x"
    )
    assert code == 2 and "--status" in err
    code, _, err = run("vendor", "show", "example-ai-clod")
    assert code == 2 and "did you mean 'example-ai-cloud'" in err


def test_add_from_file(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "v.yaml"
    path.write_text(
        "kind: vendor\nslug: dev-house\nname: {ja: 開発会社}\ncontract_type: development\n"
        "systems: [credit-screening]\n",
        encoding="utf-8",
    )
    code, _, err = run("vendor", "add", str(path))
    assert code == 0, err
    listed = run.json("vendor", "list", "--system", "credit-screening")
    assert [v["slug"] for v in listed] == ["dev-house"]  # type: ignore[index]

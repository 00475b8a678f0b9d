"""The README is tested against the code, so it cannot drift (as Datasette does)."""

from __future__ import annotations

import re
import shlex

import pytest

from daicho.cli import main
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", README, flags=re.S)


def test_readme_python_example_runs() -> None:
    [code] = blocks("python")
    exec(compile(code, "README.md", "exec"), {})


def test_readme_yaml_example_is_a_valid_system() -> None:
    from daicho.codec import load_record

    [text] = blocks("yaml")
    item = load_record(text.encode(), "README.md")
    assert item.kind == "system"


def _readme_commands() -> list[list[str]]:
    commands = []
    for block in blocks("bash"):
        for line in block.splitlines():
            line = line.split("#", 1)[0].split(">", 1)[0].strip()
            if line.startswith("daicho "):
                commands.append(shlex.split(line)[1:])
    return commands


@pytest.mark.parametrize("argv", _readme_commands(), ids=lambda a: " ".join(a[:2]))
def test_every_readme_command_exists(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    words = [w for w in argv if not w.startswith("-")][:2]
    # The command (and sub-command) named in the README must answer --help.
    for depth in (2, 1):
        code = main([*words[:depth], "--help"])
        if code == 0:
            break
    assert code == 0, argv
    assert "Usage" in capsys.readouterr().out


def test_readme_quick_start_names_the_scripts_that_exist() -> None:
    for script in ("scripts/demo", "scripts/test"):
        assert f"./{script}" in README
        assert (REPO / script).exists()
    assert "./scripts/test" in (REPO / ".ci" / "run").read_text()

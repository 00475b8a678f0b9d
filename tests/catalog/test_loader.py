"""Loading: built-in catalog once per process, custom frameworks from a ledger home, folders."""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

import pytest

from daicho import catalogs
from daicho.catalogs import load_catalog, load_catalog_from, load_count
from daicho.domain import InvalidRecordError, UserError

from .test_parse import GOOD


def _home(tmp_path: Path, text: str = GOOD) -> Path:
    home = tmp_path / "home"
    (home / "frameworks").mkdir(parents=True)
    (home / "frameworks" / "acme-policy.yaml").write_text(text, encoding="utf-8")
    return home


def test_builtin_catalog_is_loaded_once() -> None:
    first = load_catalog()
    count = load_count()
    assert load_catalog() is first
    assert load_catalog([]) is first
    assert load_count() == count


def test_custom_framework_in_home_loads(tmp_path: Path) -> None:
    home = _home(tmp_path)
    cat = load_catalog([home])
    assert "acme-policy/2" in cat
    assert "meti-aigl/P-6-ii" in cat
    assert cat.origins["acme-policy"].endswith("acme-policy.yaml")
    assert cat.children("acme-policy/1")[0].id == "acme-policy/2"
    # the same folder passed directly (flat layout) works too
    assert "acme-policy/1" in load_catalog([home / "frameworks"])


def test_custom_framework_cached_until_changed(tmp_path: Path) -> None:
    home = _home(tmp_path)
    first = load_catalog([home])
    assert load_catalog([home]) is first
    path = home / "frameworks" / "acme-policy.yaml"
    path.write_text(GOOD.replace("Register every AI system", "Register all AI"), "utf-8")
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
    second = load_catalog([home])
    assert second is not first
    assert second.get("acme-policy/1").title.en == "Register all AI"


def test_broken_custom_framework_names_file_and_line(tmp_path: Path) -> None:
    home = _home(tmp_path, GOOD.replace("    applies_if:", "    applys_if:"))
    with pytest.raises(InvalidRecordError) as err:
        load_catalog([home])
    (problem,) = err.value.problems
    assert problem.file == str((home / "frameworks" / "acme-policy.yaml").resolve())
    assert problem.line == 20
    assert "did you mean 'applies_if'?" in problem.message


def test_custom_framework_cannot_reuse_builtin_id(tmp_path: Path) -> None:
    home = _home(tmp_path, GOOD.replace("acme-policy", "appi"))
    with pytest.raises(InvalidRecordError) as err:
        load_catalog([home])
    assert "framework id 'appi' is already used" in str(err.value)


def test_custom_crosswalk_to_unknown_requirement(tmp_path: Path) -> None:
    home = _home(tmp_path)
    (home / "crosswalks").mkdir()
    (home / "crosswalks" / "acme.yaml").write_text(
        "id: acme-map\ntitle: {ja: 対応, en: map}\nversion: '1'\nmappings:\n"
        "  - {source: acme-policy/1, target: meti-aigl/C-7-vii, relationship: subset,"
        " rationale: {en: part of}}\n",
        encoding="utf-8",
    )
    with pytest.raises(InvalidRecordError) as err:
        load_catalog([home])
    (problem,) = err.value.problems
    assert problem.line == 5 and problem.field == "mappings[0].target"
    assert "did you mean" in problem.message and "meti-aigl/C-7-vi" in problem.message


def test_missing_folder_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="does not exist"):
        load_catalog([tmp_path / "nope"])


def _copy_builtin(dest: Path) -> Path:
    src = resources.files("daicho.catalog")
    with resources.as_file(src) as root:
        shutil.copytree(Path(root), dest, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    return dest


def test_load_catalog_from_folder(tmp_path: Path) -> None:
    folder = _copy_builtin(tmp_path / "cat")
    cat = load_catalog_from(folder)
    assert cat.version == load_catalog().version
    assert len(cat) == len(load_catalog())
    with pytest.raises(UserError, match="no frameworks/ folder"):
        load_catalog_from(tmp_path)


def test_module_has_no_stray_state() -> None:
    assert callable(catalogs.builtin_files)

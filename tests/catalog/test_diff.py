"""Catalog diff: added, changed (which fields), removed requirements and framework changes."""

from __future__ import annotations

from pathlib import Path

from daicho.catalog import diff_catalogs
from daicho.catalogs import load_catalog, load_catalog_from

from .test_loader import _copy_builtin


def test_identical_catalogs_have_no_diff() -> None:
    cat = load_catalog()
    assert diff_catalogs(cat, cat).empty


def test_added_changed_removed(tmp_path: Path) -> None:
    old_dir = _copy_builtin(tmp_path / "old")
    new_dir = _copy_builtin(tmp_path / "new")
    path = new_dir / "frameworks" / "jp-ai-act.yaml"
    text = path.read_text("utf-8")
    # change: a summary and the section of one article
    text = text.replace(
        "Both are duties to endeavour or cooperate; there is no sanction.",
        "Both are duties to endeavour or cooperate, without sanction.",
    ).replace('section: "Art 25"', 'section: "Art 25(2)"')
    # remove: the review clause (last requirement of the file)
    text = text[: text.index("  - id: jp-ai-act/suppl-2")]
    # add: a new article
    text += (
        "  - id: jp-ai-act/art-8\n"
        "    title: {ja: 国民の責務, en: Citizens}\n"
        "    summary: {ja: 国民はAIへの理解を深めるよう努める。,\n"
        "              en: Citizens endeavour to understand AI.}\n"
        "    force: endeavour\n"
        '    source: {<<: *act, section: "Art 8"}\n'
        "    verified: true\n"
    )
    text = text.replace(
        'version: "Act No. 53 of 2025"\npublished', 'version: "Act No. 53 of 2025 (rev)"\npublished'
    )
    path.write_text(text, "utf-8")
    (new_dir / "catalog.yaml").write_text(
        (new_dir / "catalog.yaml").read_text("utf-8").replace('"2026.11.0"', '"2026.12.0"'), "utf-8"
    )
    diff = diff_catalogs(load_catalog_from(old_dir), load_catalog_from(new_dir))
    assert (diff.old_version, diff.new_version) == ("2026.11.0", "2026.12.0")
    assert diff.added == ("jp-ai-act/art-8",)
    assert diff.removed == ("jp-ai-act/suppl-2",)
    changed = {c.id: c for c in diff.changed}
    assert set(changed) == {"jp-ai-act/art-7", "jp-ai-act/art-25"}
    assert changed["jp-ai-act/art-7"].fields == ("summary",)
    (change,) = changed["jp-ai-act/art-7"].changes
    assert change.path == "summary.en" and change.after.endswith("without sanction.")
    assert changed["jp-ai-act/art-25"].fields == ("source",)
    assert [c.path for c in changed["jp-ai-act/art-25"].changes] == ["source.section"]
    (fw_change,) = diff.frameworks_changed
    assert fw_change.id == "jp-ai-act" and fw_change.fields == ("version",)
    assert not diff.frameworks_added and not diff.frameworks_removed

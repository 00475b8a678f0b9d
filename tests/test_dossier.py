"""The deployment dossier: its files, manifest, ZIP, offline verification, escaping, PDF, OSCAL."""

from __future__ import annotations

import hashlib
import html
import json
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import daicho
from daicho import Ledger
from daicho._dossier_verify import ZIP_TIMESTAMP, compare, verify_dossier, write_zip
from daicho.domain import UserError
from tests.conftest import EXAMPLES

SYSTEM = "credit-screening"
HOSTILE = "<script>alert(1)</script>"
PLAN = """\
plan: {name}
target: y_true
sensitive: [sex]
checks:
  - id: parity
    metric: demographic_parity_ratio
    evidence_for: [meti-aigl/C-3-i, meti-aigl/D-3-ii]
  - id: accuracy
    metric: accuracy
    evidence_for: [meti-aigl/D-6-i]
"""


def evaluate(ledger: Ledger, folder: Path, name: str, seed: int) -> str:
    """Store one evaluation of synthetic predictions as evidence; return its SHA-256."""
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame(
        {
            "y_true": rng.integers(0, 2, 300),
            "y_pred": rng.integers(0, 2, 300),
            "sex": rng.choice(["female", "male"], 300),
        }
    )
    predictions = folder / f"{name}.csv"
    frame.to_csv(predictions, index=False)
    plan = folder / f"{name}.yaml"
    plan.write_text(PLAN.format(name=name), encoding="utf-8")
    return ledger.evaluate_system(SYSTEM, plan=plan, predictions=predictions, author="ci").sha256


@dataclass
class Built:
    ledger: Ledger
    folder: Path
    zip_path: Path
    evidence: list[str]
    manifest: dict[str, object]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The example ledger with two evaluations, a hostile system name, and its dossier + PDF."""
    root = tmp_path_factory.mktemp("dossier")
    ledger = Ledger.init(root / "home")
    ledger.import_paths([EXAMPLES], author="ci")
    ledger.update_vendor("example-ai-cloud", {"systems": ["support-chatbot", SYSTEM]}, reason="t")
    ledger.update_system(
        SYSTEM,
        {"name.en": HOSTILE, "name.ja": f"審査{HOSTILE}", "owner": HOSTILE},
        reason="test escaping",
    )
    evidence = [evaluate(ledger, root, "first", 1), evaluate(ledger, root, "second", 2)]
    report = ledger.build_dossier(SYSTEM, root / "out", pdf=True)
    return Built(ledger, report.folder, report.zip_path, evidence, report.manifest)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_folder_and_zip_hold_the_listed_files(built: Built) -> None:
    files = tree(built.folder)
    ledger = built.ledger
    expected = {
        "index.html",
        "index.en.html",
        "manifest.json",
        "dossier.pdf",
        "oscal-assessment-results.json",
        f"records/systems/{SYSTEM}.yaml",
        f"records/worksheets/{SYSTEM}.yaml",
        "records/vendors/example-ai-cloud.yaml",
    }
    expected |= {f"{doc}.{lang}.{ext}" for doc, ext in (("model-card", "md"), ("model-card", "html"), ("notice", "html"), ("notice", "txt")) for lang in ("ja", "en")}  # fmt: skip
    expected |= {f"evidence/{sha}.json" for sha in built.evidence}
    expected |= {f"records/risks/{r.key}.yaml" for r in ledger.risks(SYSTEM)}
    assert set(files) == expected
    assert {e.sha256 for e in ledger.evaluations(SYSTEM)} == set(built.evidence)
    for sha in built.evidence:
        assert files[f"evidence/{sha}.json"] == ledger.evidence(sha)
    with zipfile.ZipFile(built.zip_path) as zf:
        names = zf.namelist()
        assert names == sorted(names)
        assert {n.removeprefix(f"{SYSTEM}-dossier/") for n in names} == set(files)
        for name in names:
            assert zf.read(name) == files[name.removeprefix(f"{SYSTEM}-dossier/")]
            assert zf.getinfo(name).date_time == ZIP_TIMESTAMP


def test_manifest_lists_every_other_file_with_its_hash(built: Built) -> None:
    manifest = json.loads((built.folder / "manifest.json").read_text(encoding="utf-8"))
    files = tree(built.folder)
    del files["manifest.json"]
    listed = manifest["files"]
    assert [f["path"] for f in listed] == sorted(files)
    for entry in listed:
        content = files[entry["path"]]
        assert entry["sha256"] == hashlib.sha256(content).hexdigest()
        assert entry["size"] == len(content)
    audit = built.ledger.verify_audit()
    assert manifest["audit"] == {
        "entries": audit.entries,
        "head_hash": audit.head_hash,
        "intact": True,
    }
    assert manifest["daicho_version"] == daicho.__version__
    assert manifest["catalog"]["version"] == built.ledger.catalog().version
    system = built.ledger.system(SYSTEM)
    assert manifest["system"] == {"slug": SYSTEM, "id": str(system.id)}


def test_an_intact_dossier_verifies(built: Built) -> None:
    for path in (built.folder, built.zip_path):
        result = verify_dossier(path)
        assert result.ok and result.differences == []
        assert result.checked == len(built.manifest["files"])  # type: ignore[arg-type]


def _flip_byte(content: bytes) -> bytes:
    middle = len(content) // 2
    return content[:middle] + bytes([content[middle] ^ 0x01]) + content[middle + 1 :]


def test_one_changed_byte_in_an_evidence_file_is_named(built: Built, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built.folder, copy)
    target = f"evidence/{built.evidence[1]}.json"
    (copy / target).write_bytes(_flip_byte((copy / target).read_bytes()))
    result = verify_dossier(copy)
    assert not result.ok
    assert [(d.path, d.kind) for d in result.differences] == [(target, "changed")]

    archive = tmp_path / "tampered.zip"
    with zipfile.ZipFile(built.zip_path) as src, zipfile.ZipFile(archive, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(target):
                data = _flip_byte(data)
            dst.writestr(info, data)
    result = verify_dossier(archive)
    assert [(d.path, d.kind) for d in result.differences] == [(target, "changed")]


def test_added_and_removed_files_are_named(built: Built, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built.folder, copy)
    (copy / "notice.en.txt").unlink()
    (copy / "evidence" / "extra.json").write_text("{}", encoding="utf-8")
    result = verify_dossier(copy)
    assert result.of_kind("removed") == ["notice.en.txt"]
    assert result.of_kind("added") == ["evidence/extra.json"]
    assert result.of_kind("changed") == []

    archive = tmp_path / "edited.zip"
    with zipfile.ZipFile(built.zip_path) as src, zipfile.ZipFile(archive, "w") as dst:
        for info in src.infolist():
            if not info.filename.endswith("/index.en.html"):
                dst.writestr(info, src.read(info))
        dst.writestr(f"{SYSTEM}-dossier/notes.txt", "added later")
        dst.writestr("outside.txt", "next to the dossier")
    result = verify_dossier(archive)
    assert result.of_kind("removed") == ["index.en.html"]
    assert result.of_kind("added") == ["../outside.txt", "notes.txt"]


def test_a_manifest_edited_to_match_is_still_caught_for_evidence(
    built: Built, tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(built.folder, copy)
    target = f"evidence/{built.evidence[0]}.json"
    changed = _flip_byte((copy / target).read_bytes())
    (copy / target).write_bytes(changed)
    manifest = json.loads((copy / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["files"]:
        if entry["path"] == target:
            entry["sha256"] = hashlib.sha256(changed).hexdigest()
    (copy / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    result = verify_dossier(copy)
    assert result.of_kind("changed") == [target]
    assert result.differences[0].note


def test_what_is_not_a_dossier_is_a_user_error(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="no such folder"):
        verify_dossier(tmp_path / "missing")
    with pytest.raises(UserError, match="not a dossier"):
        verify_dossier(tmp_path)
    (tmp_path / "manifest.json").write_text('{"files": []}', encoding="utf-8")
    with pytest.raises(UserError, match="not a daicho dossier manifest"):
        verify_dossier(tmp_path)
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"not a zip")
    with pytest.raises(UserError, match="not a readable ZIP"):
        verify_dossier(junk)


def test_compare_is_exact() -> None:
    a, b = "a" * 64, "b" * 64
    found = compare({"x": a, "y": a, "z": b}, {"x": a, "y": b, "w": a})
    assert [(d.path, d.kind) for d in found] == [("w", "added"), ("y", "changed"), ("z", "removed")]


def test_zip_is_deterministic(built: Built, tmp_path: Path) -> None:
    write_zip(built.folder, tmp_path / "one.zip", prefix="p")
    write_zip(built.folder, tmp_path / "two.zip", prefix="p")
    assert (tmp_path / "one.zip").read_bytes() == (tmp_path / "two.zip").read_bytes()


def _html_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.html"))


def test_a_hostile_name_is_escaped_in_every_html_file(built: Built) -> None:
    pages = _html_files(built.folder)
    assert len(pages) >= 6
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert HOSTILE not in text, page.name
        assert "<script" not in text.lower(), page.name
    index = (built.folder / "index.en.html").read_text(encoding="utf-8")
    assert html.escape(HOSTILE, quote=False) in index
    for card in sorted(built.folder.glob("*.md")):  # Markdown viewers render raw HTML
        assert HOSTILE not in card.read_text(encoding="utf-8"), card.name


_EXTERNAL = re.compile(
    r"""(?:\b(?:src|href|action|srcset|poster|data|xlink:href)\s*=\s*["']?\s*"""
    r"""(?!data:|#)(?:[a-z][a-z0-9+.-]*:|//))|url\(\s*["']?(?!data:|#)|@import""",
    re.IGNORECASE,
)


def test_html_files_are_self_contained(built: Built) -> None:
    files = set(tree(built.folder))
    for page in _html_files(built.folder):
        text = page.read_text(encoding="utf-8")
        assert not _EXTERNAL.search(text), (page.name, _EXTERNAL.search(text))
        assert "<link" not in text.lower()
        for link in re.findall(r'href="([^"#]+)"', text):
            assert link in files, (page.name, link)


def test_pdf_has_the_japanese_headings_as_text(built: Built) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(
        ["pdftotext", str(built.folder / "dossier.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = re.sub(r"\s+", "", text)
    index = (built.folder / "index.html").read_text(encoding="utf-8")
    headings = [
        re.sub(r"\s+", "", html.unescape(re.sub(r"<[^>]+>", "", h)))
        for h in re.findall(r"<h2[^>]*>(.*?)</h2>", index, flags=re.S)
    ]
    japanese = [h for h in headings if re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", h)]
    assert len(japanese) >= 5
    for heading in japanese:
        assert heading in flat, heading


def test_oscal_assessment_results_validate_with_trestle(built: Built) -> None:
    import trestle.core.validator_factory  # noqa: F401  (registers the validators first)
    from trestle.core.all_validator import AllValidator
    from trestle.oscal import assessment_results as ar

    path = built.folder / "oscal-assessment-results.json"
    assert list(json.loads(path.read_text(encoding="utf-8"))) == ["assessment-results"]
    model = ar.AssessmentResults.oscal_read(path)
    assert model is not None and AllValidator().model_is_valid(model, quiet=True)
    result = model.results[0]
    view = built.ledger.worksheet_view(SYSTEM)
    assert len(result.findings or []) == len(view.rows)
    observations = {o.uuid: o for o in result.observations or []}
    hrefs = {e.href for o in observations.values() for e in o.relevant_evidence or []}
    assert hrefs == {f"evidence/{sha}.json" for sha in built.evidence}
    files = set(tree(built.folder))
    assert hrefs <= files
    by_id = {
        next(p.value for p in f.props or [] if p.name == "daicho-id"): f
        for f in result.findings or []
    }
    for row in view.rows:
        finding = by_id[row.requirement.id]
        status = row.status.value if row.status else "open"
        assert next(p.value for p in finding.props or [] if p.name == "status") == status
        state = finding.target.status.state.value  # type: ignore[union-attr]
        assert state == ("satisfied" if status in ("implemented", "explained", "not_applicable") else "not-satisfied")  # fmt: skip
        linked = {e.sha256 for e in (row.item.evidence if row.item else []) if e.sha256}
        got = {
            observations[r.observation_uuid].props[0].value  # type: ignore[index]
            for r in finding.related_observations or []
        }
        assert got == linked


def test_a_failed_build_leaves_the_previous_dossier(
    built: Built, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from daicho import documents

    out = tmp_path / "out"
    first = built.ledger.build_dossier(SYSTEM, out)
    before = tree(first.folder)

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("renderer failed")

    monkeypatch.setattr(documents, "render_dossier_index", broken)
    with pytest.raises(RuntimeError):
        built.ledger.build_dossier(SYSTEM, out)
    assert tree(first.folder) == before
    assert sorted(p.name for p in out.iterdir()) == [f"{SYSTEM}-dossier", f"{SYSTEM}-dossier.zip"]
    assert verify_dossier(first.zip_path).ok


def test_dossier_on_each_database(ledger: Ledger, tmp_path: Path) -> None:
    ledger.import_paths([EXAMPLES], author="ci")
    sha = evaluate(ledger, tmp_path, "plan", 3)
    report = ledger.build_dossier(SYSTEM, tmp_path / "out")
    assert f"evidence/{sha}.json" in {p for p, _, _ in report.files}
    assert verify_dossier(report.folder).ok and verify_dossier(report.zip_path).ok


def test_portfolio_and_policy_are_written_in_both_languages(built: Built, tmp_path: Path) -> None:
    written = built.ledger.portfolio_report(tmp_path / "p")
    assert sorted(p.name for p in written) == ["portfolio.en.html", "portfolio.ja.html"]
    policy = built.ledger.governance_policy(tmp_path / "q")
    assert sorted(p.name for p in policy) == [
        "policy.en.html",
        "policy.en.md",
        "policy.ja.html",
        "policy.ja.md",
    ]
    for page in written + policy:
        assert HOSTILE not in page.read_text(encoding="utf-8"), page.name

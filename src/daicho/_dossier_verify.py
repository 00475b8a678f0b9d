"""A deployment dossier on disk: its manifest, its deterministic ZIP, and offline verification.

The comparison is pure (:func:`compare`: what the manifest lists against what is there); the
readers around it hash the files of a folder or the entries of a ZIP without extracting
anything. Verification needs neither the ledger nor the network: a dossier handed to an auditor
can be checked years later with ``daicho dossier verify PATH``.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from daicho.domain import UserError
from daicho.i18n import gettext as _

__all__ = [
    "MANIFEST",
    "MANIFEST_FORMAT",
    "Difference",
    "DossierVerification",
    "compare",
    "manifest_entries",
    "publish",
    "read_folder",
    "read_zip",
    "verify_dossier",
    "write_zip",
]

#: The manifest's file name, at the top of the dossier folder.
MANIFEST = "manifest.json"
#: The ``format`` value of manifests this version writes and reads.
MANIFEST_FORMAT = "daicho-dossier/1"
#: Every ZIP entry gets this timestamp, so the same folder always gives the same bytes.
ZIP_TIMESTAMP = (1980, 1, 1, 0, 0, 0)
_EVIDENCE_NAME = re.compile(r"^evidence/([0-9a-f]{64})\.[A-Za-z0-9.]+$")
_CHUNK = 1 << 20


@dataclass(frozen=True)
class Difference:
    """One way the dossier differs from its manifest.

    Attributes
    ----------
    path
        The file, relative to the dossier folder (``evidence/…json``).
    kind
        ``changed`` (its bytes differ), ``added`` (not in the manifest) or ``removed``
        (listed, but missing).
    expected, actual
        SHA-256 listed in the manifest and found on disk (``None`` where there is none).
    note
        Extra detail, e.g. that an evidence file no longer hashes to its own name.
    """

    path: str
    kind: Literal["changed", "added", "removed"]
    expected: str | None = None
    actual: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class DossierVerification:
    """The outcome of checking a dossier against its manifest.

    Attributes
    ----------
    path
        The folder or ZIP checked.
    manifest
        The manifest as read (system, versions, audit head, files).
    checked
        Number of files compared.
    differences
        Every changed, added or removed file, by path.
    """

    path: Path
    manifest: dict[str, Any]
    checked: int
    differences: list[Difference] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every file is there, unchanged, and nothing was added."""
        return not self.differences

    def of_kind(self, kind: str) -> list[str]:
        """Paths of the differences of one kind, sorted."""
        return sorted(d.path for d in self.differences if d.kind == kind)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "path": str(self.path),
            "ok": self.ok,
            "checked": self.checked,
            "system": self.manifest.get("system"),
            "generated_at": self.manifest.get("generated_at"),
            "audit": self.manifest.get("audit"),
            "changed": self.of_kind("changed"),
            "added": self.of_kind("added"),
            "removed": self.of_kind("removed"),
            "differences": [d.__dict__ for d in self.differences],
        }


def compare(expected: Mapping[str, str], observed: Mapping[str, str]) -> list[Difference]:
    """Compare the manifest's ``path → sha256`` with what was found.

    Besides the manifest, an evidence file (``evidence/<sha256>.<ext>``) must hash to its own
    name, so a file changed together with its manifest line is still caught.

    Parameters
    ----------
    expected
        Paths and SHA-256 digests listed in the manifest.
    observed
        Paths and SHA-256 digests of the files present (the manifest itself excluded).

    Returns
    -------
    list[Difference]
        Sorted by path; empty when the dossier is intact.
    """
    found: list[Difference] = []
    for path in sorted(set(expected) | set(observed)):
        want, have = expected.get(path), observed.get(path)
        if have is None:
            found.append(Difference(path, "removed", expected=want))
            continue
        if want is None:
            found.append(Difference(path, "added", actual=have))
            continue
        match = _EVIDENCE_NAME.match(path)
        if want != have:
            found.append(Difference(path, "changed", expected=want, actual=have))
        elif match and match.group(1) != have:
            found.append(
                Difference(
                    path,
                    "changed",
                    expected=match.group(1),
                    actual=have,
                    note="the evidence file no longer hashes to its name (the manifest was "
                    "edited to match)",
                )
            )
    return found


def manifest_entries(manifest: Mapping[str, Any], where: str) -> dict[str, str]:
    """The manifest's files as ``path → sha256``, after checking its shape.

    Raises
    ------
    UserError
        When the manifest is not one daicho wrote (wrong format, missing or malformed files).
    """
    if not isinstance(manifest, Mapping) or manifest.get("format") != MANIFEST_FORMAT:
        raise UserError(
            _("{where}: {manifest} is not a daicho dossier manifest ({format})").format(
                where=where, manifest=MANIFEST, format=MANIFEST_FORMAT
            )
        )
    files = manifest.get("files")
    if not isinstance(files, list):
        raise UserError(
            _("{where}: {manifest} has no list of files").format(where=where, manifest=MANIFEST)
        )
    entries: dict[str, str] = {}
    for entry in files:
        if (
            not isinstance(entry, Mapping)
            or not isinstance(entry.get("path"), str)
            or not re.fullmatch(r"[0-9a-f]{64}", str(entry.get("sha256", "")))
        ):
            raise UserError(
                _("{where}: {manifest} lists a file without a path and a sha256").format(
                    where=where, manifest=MANIFEST
                )
            )
        entries[entry["path"]] = entry["sha256"]
    return entries


def _digest(chunks: Iterable[bytes]) -> str:
    sha = hashlib.sha256()
    for chunk in chunks:
        sha.update(chunk)
    return sha.hexdigest()


def _load_manifest(data: bytes, where: str) -> dict[str, Any]:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(
            _("{where}: {manifest} is not valid JSON ({reason})").format(
                where=where, manifest=MANIFEST, reason=exc
            )
        ) from None
    if not isinstance(manifest, dict):
        raise UserError(
            _("{where}: {manifest} is not a daicho dossier manifest").format(
                where=where, manifest=MANIFEST
            )
        )
    return manifest


def read_folder(folder: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The manifest of a dossier folder and the SHA-256 of every other file in it.

    Raises
    ------
    UserError
        When the folder has no readable manifest.
    """
    manifest_path = folder / MANIFEST
    if not manifest_path.is_file():
        raise UserError(
            _("{path}: not a dossier (no {manifest})").format(path=folder, manifest=MANIFEST)
        )
    manifest = _load_manifest(manifest_path.read_bytes(), str(folder))
    observed: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(folder).as_posix()
        if name == MANIFEST:
            continue
        with path.open("rb") as handle:
            observed[name] = _digest(iter(lambda: handle.read(_CHUNK), b""))
    return manifest, observed


def read_zip(archive: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The manifest of a dossier ZIP and the SHA-256 of every other entry, without extracting.

    The dossier may sit at the top of the ZIP or in one folder (``<slug>-dossier/``); entries
    outside that folder count as added.

    Raises
    ------
    UserError
        When the file is not a ZIP or holds no manifest.
    """
    try:
        handle = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise UserError(
            _("{path}: not a readable ZIP ({reason})").format(path=archive, reason=exc)
        ) from None
    with handle:
        names = [i.filename for i in handle.infolist() if not i.is_dir()]
        manifests = sorted(
            (n for n in names if PurePosixPath(n).name == MANIFEST),
            key=lambda n: (n.count("/"), n),
        )
        if not manifests:
            raise UserError(
                _("{path}: not a dossier (no {manifest} inside)").format(
                    path=archive, manifest=MANIFEST
                )
            )
        top = manifests[0]
        prefix = top[: -len(MANIFEST)]
        manifest = _load_manifest(handle.read(top), str(archive))
        observed: dict[str, str] = {}
        for name in names:
            if name == top:
                continue
            key = name[len(prefix) :] if name.startswith(prefix) else f"../{name}"
            with handle.open(name) as entry:
                observed[key] = _digest(iter(lambda: entry.read(_CHUNK), b""))
    return manifest, observed


def verify_dossier(path: str | Path) -> DossierVerification:
    """Check every file of a dossier folder or ZIP against its ``manifest.json``, offline.

    Raises
    ------
    UserError
        When ``path`` does not exist or is not a dossier.
    """
    target = Path(path)
    if target.is_dir():
        manifest, observed = read_folder(target)
    elif target.is_file():
        manifest, observed = read_zip(target)
    else:
        raise UserError(_("{path}: no such folder or ZIP").format(path=target))
    expected = manifest_entries(manifest, str(target))
    return DossierVerification(
        path=target,
        manifest=manifest,
        checked=len(set(expected) | set(observed)),
        differences=compare(expected, observed),
    )


def write_zip(folder: Path, target: Path, *, prefix: str) -> None:
    """Write ``folder`` to ``target`` as a deterministic ZIP under ``prefix/``.

    Entries are sorted, carry a fixed timestamp and permissions, and are deflated at a fixed
    level, so the same folder always gives the same bytes.
    """
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for path in files:
            info = zipfile.ZipInfo(f"{prefix}/{path.relative_to(folder).as_posix()}", ZIP_TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o100644 << 16
            info.create_system = 3  # Unix, whatever the machine, for identical bytes
            zf.writestr(info, path.read_bytes(), compresslevel=9)


def publish(
    out_dir: Path, name: str, files: dict[str, bytes], step: Callable[[str, int, int], None]
) -> tuple[Path, Path]:
    """Write ``files`` into ``out_dir/name`` and ``out_dir/name.zip``, all or nothing.

    Everything is written into a temporary folder inside ``out_dir`` first; the folder and the
    ZIP replace the previous ones only at the end, and a failure puts the previous folder back.

    Raises
    ------
    UserError
        When ``out_dir`` cannot be written.
    """
    folder, archive = out_dir / name, out_dir / f"{name}.zip"
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=out_dir))
    except OSError as exc:
        raise UserError(
            _("cannot write to {path}: {reason}").format(path=out_dir, reason=exc.strerror or exc)
        ) from None
    try:
        staged = work / name
        for i, (path, content) in enumerate(sorted(files.items()), start=1):
            target = staged / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
            step("write", i, len(files))
        step("zip", 0, 1)
        write_zip(staged, work / f"{name}.zip", prefix=name)
        step("zip", 1, 1)
        previous = work / "previous"
        if folder.exists():
            folder.rename(previous)
        try:
            staged.rename(folder)
        except OSError:
            if previous.exists():
                previous.rename(folder)
            raise
        (work / f"{name}.zip").replace(archive)
    except OSError as exc:
        raise UserError(
            _("cannot write the dossier to {path}: {reason}").format(
                path=out_dir, reason=exc.strerror or exc
            )
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return folder, archive

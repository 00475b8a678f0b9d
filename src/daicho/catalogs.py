"""Reading catalog files: the built-in catalog, custom frameworks in a ledger home, and folders.

This is the service-level edge of :mod:`daicho.catalog`: it opens files and hands their text to
the pure parser. The built-in catalog plus a given set of custom folders is loaded once per
process (and again only if a custom file changes), so every command and web request shares it.

Layout of a folder given to :func:`load_catalog` as an extra directory — either::

    <dir>/*.yaml                 framework files (e.g. an internal AI policy)

or a ledger home / catalog root::

    <dir>/frameworks/*.yaml      framework files
    <dir>/crosswalks/*.yaml      crosswalk files (optional)
    <dir>/catalog.yaml           version and change log (only for load_catalog_from)
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from daicho.catalog import Catalog, ParsedFile, build_catalog, parse_file
from daicho.domain._errors import UserError
from daicho.i18n import gettext as _

__all__ = ["builtin_files", "load_catalog", "load_catalog_from", "load_count"]

_SUFFIXES = (".yaml", ".yml")
_lock = threading.Lock()
_loads = 0


def load_count() -> int:
    """How many times a catalog has been built from files in this process (for benchmarks)."""
    return _loads


def builtin_files() -> list[ParsedFile]:
    """Parse the catalog files packaged with daicho (``daicho/catalog/...``)."""
    root = resources.files("daicho.catalog")
    files = [_parse(root / "catalog.yaml", "manifest", "daicho/catalog/catalog.yaml")]
    for sub, kind in (("frameworks", "framework"), ("crosswalks", "crosswalk")):
        for entry in sorted(_yaml_entries(root / sub), key=lambda t: t.name):
            files.append(_parse(entry, kind, f"daicho/catalog/{sub}/{entry.name}"))
    return files


def load_catalog(extra_dirs: Iterable[Path | str] = ()) -> Catalog:
    """The built-in catalog plus custom frameworks, loaded once per process per set of folders.

    Parameters
    ----------
    extra_dirs : iterable of Path
        Folders with custom framework files (see the module docstring for the layout).

    Returns
    -------
    Catalog

    Raises
    ------
    InvalidRecordError
        If any file is invalid; problems name the file and line.
    UserError
        If a folder does not exist.
    """
    dirs = tuple(Path(d).resolve() for d in extra_dirs)
    for d in dirs:
        if not d.is_dir():
            raise UserError(_("catalog folder {path} does not exist").format(path=d))
    key = tuple((str(d), _fingerprint(d)) for d in dirs)
    with _lock:
        return _load_cached(key)


def load_catalog_from(folder: Path | str) -> Catalog:
    """Load a whole catalog from a folder (``catalog.yaml``, ``frameworks/``, ``crosswalks/``).

    Used to compare catalog versions (``daicho catalog diff OLD NEW``); not cached.
    """
    root = Path(folder)
    if not root.is_dir():
        raise UserError(_("catalog folder {path} does not exist").format(path=root))
    files: list[ParsedFile] = []
    manifest = root / "catalog.yaml"
    if manifest.is_file():
        files.append(_parse_path(manifest, "manifest"))
    fw_dir = root / "frameworks"
    if not fw_dir.is_dir():
        raise UserError(_("{path} has no frameworks/ folder; is it a catalog?").format(path=root))
    files.extend(_folder_files(root))
    return build_catalog(files)


@lru_cache(maxsize=16)
def _load_cached(key: tuple[tuple[str, tuple[tuple[str, int, int], ...]], ...]) -> Catalog:
    global _loads
    files = builtin_files()
    for dir_name, _stamps in key:
        files.extend(_folder_files(Path(dir_name)))
    catalog = build_catalog(files)
    _loads += 1
    return catalog


def _folder_files(root: Path) -> list[ParsedFile]:
    fw_dir = root / "frameworks" if (root / "frameworks").is_dir() else root
    out = [_parse_path(p, "framework") for p in _paths(fw_dir)]
    cw_dir = root / "crosswalks"
    if cw_dir.is_dir():
        out.extend(_parse_path(p, "crosswalk") for p in _paths(cw_dir))
    return out


def _paths(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in _SUFFIXES)


def _fingerprint(root: Path) -> tuple[tuple[str, int, int], ...]:
    folders = [root / "frameworks" if (root / "frameworks").is_dir() else root, root / "crosswalks"]
    out = []
    for folder in folders:
        if folder.is_dir():
            for p in _paths(folder):
                st = p.stat()
                out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


def _yaml_entries(folder: Traversable) -> list[Traversable]:
    if not folder.is_dir():
        return []
    return [e for e in folder.iterdir() if e.is_file() and e.name.endswith(_SUFFIXES)]


def _parse(entry: Traversable, kind: str, name: str) -> ParsedFile:
    return parse_file(entry.read_text(encoding="utf-8"), name, kind)  # type: ignore[arg-type]


def _parse_path(path: Path, kind: str) -> ParsedFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(
            _("{path}: not UTF-8 text ({reason})").format(path=path, reason=exc.reason)
        ) from None
    return parse_file(text, str(path), kind)  # type: ignore[arg-type]

"""Reading record files for an import: every file is read and checked before anything is written."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from daicho import codec
from daicho.domain import FieldProblem, InvalidRecordError, UserError
from daicho.i18n import gettext as _

__all__ = ["Progress", "collect", "load_all"]

Progress = Callable[[str, int, int], None]


def collect(paths: Sequence[str | os.PathLike[str]]) -> list[Path]:
    if not paths:
        raise UserError(_("name at least one YAML file or folder to import"))
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.suffix in {".yaml", ".yml"} and p.is_file()
            )
            if not found:
                raise UserError(
                    _("{path}: the folder holds no .yaml or .yml files").format(path=path)
                )
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise UserError(_("{path}: no such file or folder").format(path=path))
    return files


def load_all(files: list[Path], progress: Progress | None) -> list[codec.LoadedRecord]:
    problems: list[FieldProblem] = []
    loaded: list[codec.LoadedRecord] = []
    first_file: dict[tuple[str, str], str] = {}
    bad_files = 0
    for i, path in enumerate(files, start=1):
        if progress:
            progress("read", i, len(files))
        name = str(path)
        try:
            size = path.stat().st_size
            if size > codec.MAX_RECORD_BYTES:
                raise InvalidRecordError(
                    problems=[
                        FieldProblem(
                            field="",
                            message=_(
                                "the file is {size:.1f} MB; a record file may be at most "
                                "{limit:.0f} MB"
                            ).format(size=size / 1e6, limit=codec.MAX_RECORD_BYTES / 1e6),
                            file=name,
                        )
                    ]
                )
            item = codec.load_record(path.read_bytes(), name)
        except InvalidRecordError as exc:
            problems.extend(exc.problems)
            bad_files += 1
            continue
        except OSError as exc:
            problems.append(
                FieldProblem(
                    field="",
                    message=_("cannot read: {reason}").format(reason=exc.strerror),
                    file=name,
                )
            )
            bad_files += 1
            continue
        ident = (item.kind, item.key)
        if ident in first_file:
            problems.append(
                FieldProblem(
                    field="slug",
                    message=_("duplicate {kind} {key!r}: also defined in {other}").format(
                        kind=item.kind, key=item.key, other=first_file[ident]
                    ),
                    file=name,
                    expected=_("each slug defined in one file only"),
                )
            )
            bad_files += 1
            continue
        first_file[ident] = name
        loaded.append(item)
    if problems:
        summary = (
            _("{count} file has problems; nothing was imported")
            if bad_files == 1
            else _("{count} files have problems; nothing was imported")
        ).format(count=bad_files)
        raise InvalidRecordError(problems=problems, summary=summary)
    return loaded

"""Loading models (skops, ONNX — never a bare pickle), datasets and prediction files."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from daicho.domain import UserError
from daicho.i18n import gettext as _

from ._validate import did_you_mean, require_columns

__all__ = [
    "PICKLE_SUFFIXES",
    "Model",
    "TabularData",
    "as_model",
    "load_dataset",
    "load_model",
]

PICKLE_SUFFIXES = frozenset({".pkl", ".pickle", ".joblib", ".pck", ".sav"})
MODEL_SUFFIXES = frozenset({".skops", ".onnx"})
DATA_SUFFIXES = frozenset({".csv", ".parquet", ".pq"})


@dataclass
class Model:
    """A model daicho can run: ``predict`` gives labels, ``predict_proba`` the positive-class
    probability (or ``None`` when the model has none).

    Attributes
    ----------
    kind
        ``skops``, ``onnx`` or ``python`` (an estimator object passed in memory).
    source
        The file it came from, or a description.
    feature_names
        The input columns the model expects, when it says so.
    """

    kind: Literal["skops", "onnx", "python"]
    source: str
    estimator: Any = None
    session: Any = None
    feature_names: list[str] | None = None
    _onnx_single_input: tuple[str, int | None] | None = field(default=None, repr=False)

    def features(self, columns: Sequence[str], exclude: Sequence[str] = ()) -> list[str]:
        """The columns to feed the model, checked against ``columns``."""
        if self.feature_names is not None:
            require_columns(columns, {"model input": self.feature_names}, "data")
            return list(self.feature_names)
        return [c for c in columns if c not in set(exclude)]

    def _onnx_feed(self, X: pd.DataFrame) -> dict[str, np.ndarray]:
        inputs = self.session.get_inputs()
        if self._onnx_single_input is not None:
            name, width = self._onnx_single_input
            if width is not None and X.shape[1] != width:
                raise UserError(
                    _(
                        "{source}: ONNX input {name!r} takes {width} features per row, but the "
                        "data gives {given} ({columns}); pass features=[...] with exactly the "
                        "model's input columns, in training order"
                    ).format(
                        source=self.source,
                        name=name,
                        width=width,
                        given=X.shape[1],
                        columns=", ".join(map(str, X.columns[:12])),
                    )
                )
            non_numeric = [c for c in X.columns if not pd.api.types.is_numeric_dtype(X[c])]
            if non_numeric:
                raise UserError(
                    _(
                        "{source}: ONNX input {name!r} is a numeric tensor, but column "
                        "{column!r} is not numeric; encode it or export the model with one "
                        "input per column"
                    ).format(source=self.source, name=name, column=non_numeric[0])
                )
            dtype = np.float64 if "double" in inputs[0].type else np.float32
            return {name: X.to_numpy(dtype=dtype)}
        feed = {}
        for inp in inputs:
            col = X[inp.name].to_numpy()
            if "string" in inp.type:
                col = col.astype(str).astype(object)
            elif "int64" in inp.type:
                col = col.astype(np.int64)
            elif "double" in inp.type:
                col = col.astype(np.float64)
            elif "float" in inp.type:
                col = col.astype(np.float32)
            feed[inp.name] = col.reshape(-1, 1)
        return feed

    def _onnx_run(self, X: pd.DataFrame) -> tuple[np.ndarray, np.ndarray | None]:
        outputs = self.session.run(None, self._onnx_feed(X))
        label = np.asarray(outputs[0]).reshape(-1)
        proba = None
        if len(outputs) > 1:
            raw = outputs[1]
            if isinstance(raw, list) and raw and isinstance(raw[0], dict):
                key = 1 if 1 in raw[0] else sorted(raw[0])[-1]
                proba = np.array([row[key] for row in raw], dtype=np.float64)
            else:
                arr = np.asarray(raw, dtype=np.float64)
                proba = arr[:, -1] if arr.ndim == 2 else arr.reshape(-1)
        return label, proba

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Predicted labels for the rows of ``X``."""
        if self.kind == "onnx":
            return self._onnx_run(X)[0]
        return np.asarray(self.estimator.predict(X))

    def predict_proba(self, X: pd.DataFrame) -> np.ndarray | None:
        """Positive-class probability for the rows of ``X`` (``None`` if the model has none)."""
        if self.kind == "onnx":
            return self._onnx_run(X)[1]
        if not hasattr(self.estimator, "predict_proba"):
            return None
        proba = np.asarray(self.estimator.predict_proba(X), dtype=np.float64)
        return proba[:, -1] if proba.ndim == 2 else proba


def _refuse_pickle(path: Path) -> None:
    raise UserError(
        _(
            "{path}: daicho does not load pickle files ({suffix}) because unpickling runs "
            "arbitrary code. Save the model with skops (skops.io.dump(model, 'model.skops')) or "
            "convert it to ONNX (skl2onnx), or give daicho a predictions file "
            "(y_true, y_pred, score, sensitive columns) instead"
        ).format(path=path, suffix=path.suffix)
    )


def load_model(path: str | Path, *, trusted: Sequence[str] = ()) -> Model:
    """Load a scikit-learn model saved with skops, or an ONNX model.

    Parameters
    ----------
    path
        A ``.skops`` or ``.onnx`` file. Pickle files (``.pkl``, ``.pickle``, ``.joblib``) are
        refused.
    trusted
        Type names the caller trusts beyond skops' defaults (e.g.
        ``["sklearn.preprocessing._function_transformer.FunctionTransformer"]``). Any other
        untrusted type in the file makes loading fail with an error that names it.

    Raises
    ------
    UserError
        For a pickle, a missing file, an unknown format, or untrusted types.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PICKLE_SUFFIXES:
        _refuse_pickle(path)
    if suffix in MODEL_SUFFIXES and not path.exists():
        raise UserError(_("{path}: model file not found").format(path=path))
    if suffix == ".skops":
        import skops.io as sio

        try:
            untrusted = sio.get_untrusted_types(file=str(path))
        except Exception as exc:
            raise UserError(
                _("{path}: not a readable skops file ({reason})").format(path=path, reason=exc)
            ) from exc
        refused = sorted(set(untrusted) - set(trusted))
        if refused:
            raise UserError(
                _(
                    "{path}: the model uses types that are not trusted by default: {types}. "
                    "Loading them could run code from the file; if you know where the model "
                    "came from, trust them by name (trusted=[...] / --trust TYPE)"
                ).format(path=path, types=", ".join(refused))
            )
        estimator = sio.load(str(path), trusted=list(untrusted))
        names = getattr(estimator, "feature_names_in_", None)
        return Model(
            kind="skops",
            source=str(path),
            estimator=estimator,
            feature_names=[str(n) for n in names] if names is not None else None,
        )
    if suffix == ".onnx":
        import onnxruntime as ort

        try:
            session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        except Exception as exc:
            raise UserError(
                _("{path}: not a readable ONNX model ({reason})").format(path=path, reason=exc)
            ) from exc
        inputs = session.get_inputs()
        if len(inputs) == 1 and len(inputs[0].shape) == 2 and inputs[0].shape[1] != 1:
            width = inputs[0].shape[1]
            return Model(
                kind="onnx",
                source=str(path),
                session=session,
                _onnx_single_input=(inputs[0].name, width if isinstance(width, int) else None),
            )
        return Model(
            kind="onnx",
            source=str(path),
            session=session,
            feature_names=[i.name for i in inputs],
        )
    raise UserError(
        _(
            "{path}: unknown model format {suffix!r}; use a .skops (scikit-learn via skops) or "
            ".onnx file, or a predictions file (.csv/.parquet)"
        ).format(path=path, suffix=suffix)
    )


def as_model(obj: Any) -> Model:
    """Wrap a fitted in-memory estimator (anything with ``predict``) or return a :class:`Model`."""
    if isinstance(obj, Model):
        return obj
    if isinstance(obj, str | Path):
        return load_model(obj)
    if hasattr(obj, "predict"):
        names = getattr(obj, "feature_names_in_", None)
        return Model(
            kind="python",
            source=type(obj).__name__,
            estimator=obj,
            feature_names=[str(n) for n in names] if names is not None else None,
        )
    raise UserError(
        _("{kind} is not a model: it has no predict method").format(kind=type(obj).__name__)
    )


@dataclass
class TabularData:
    """A dataset or predictions file: a pandas frame (CSV, in memory) or a Parquet path.

    Parquet is never loaded into pandas here: engines read it directly.
    """

    source: str
    frame: pd.DataFrame | None = None
    parquet: Path | None = None

    @property
    def columns(self) -> list[str]:
        """Column names."""
        if self.frame is not None:
            return [str(c) for c in self.frame.columns]
        import pyarrow.parquet as pq

        assert self.parquet is not None
        return list(pq.read_schema(self.parquet).names)

    def to_pandas(self, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """Materialise (needed only to run a model or scan text)."""
        if self.frame is not None:
            return self.frame if columns is None else self.frame[list(columns)]
        return pd.read_parquet(self.parquet, columns=list(columns) if columns else None)


def _check_csv_types(frame: pd.DataFrame, path: Path) -> None:
    """Catch a numeric column spoilt by a stray string: say which column and which row."""
    for col in frame.columns:
        s = frame[col]
        if s.dtype != object:
            continue
        present = s.notna()
        if not present.any():
            continue
        numeric = pd.to_numeric(s[present], errors="coerce")
        bad = numeric.isna()
        if bad.any() and (~bad).mean() >= 0.9:
            row = int(bad[bad].index[0])
            value = str(s.loc[row])[:20]
            raise UserError(
                _(
                    "{path}: column {column!r} holds numbers, but row {row} (line {line} of the "
                    "file) has {value!r}, which is not a number ({count} such rows); fix the "
                    "value or leave the cell empty"
                ).format(
                    path=path,
                    column=col,
                    row=row,
                    line=row + 2,
                    value=value,
                    count=int(bad.sum()),
                )
            )


def load_dataset(
    path: str | Path, *, target: str | None = None, sensitive: Sequence[str] = ()
) -> TabularData:
    """Open a CSV or Parquet dataset (or predictions file) and check the named columns.

    Parameters
    ----------
    path
        A ``.csv`` or ``.parquet`` file.
    target
        The label column, if the caller needs one.
    sensitive
        Sensitive-attribute columns; each must exist.

    Raises
    ------
    UserError
        When the file is missing, empty, of an unknown format, has inconsistent types (CSV), or
        lacks a named column (with a did-you-mean suggestion).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in PICKLE_SUFFIXES:
        _refuse_pickle(path)
    if suffix not in DATA_SUFFIXES:
        raise UserError(
            _("{path}: unknown data format {suffix!r}; use .csv or .parquet").format(
                path=path, suffix=suffix
            )
        )
    if not path.exists():
        raise UserError(_("{path}: file not found").format(path=path))
    if suffix == ".csv":
        try:
            frame = pd.read_csv(path, low_memory=False)
        except pd.errors.EmptyDataError as exc:
            raise UserError(
                _("{path}: the file is empty (0 rows); there is nothing to evaluate").format(
                    path=path
                )
            ) from exc
        if frame.empty:
            raise UserError(
                _("{path}: the file has a header but 0 rows; there is nothing to evaluate").format(
                    path=path
                )
            )
        _check_csv_types(frame, path)
        data = TabularData(source=str(path), frame=frame)
    else:
        import pyarrow.parquet as pq

        try:
            rows = pq.ParquetFile(path).metadata.num_rows
        except Exception as exc:
            raise UserError(
                _("{path}: not a readable Parquet file ({reason})").format(path=path, reason=exc)
            ) from exc
        if rows == 0:
            raise UserError(
                _("{path}: the file has 0 rows; there is nothing to evaluate").format(path=path)
            )
        data = TabularData(source=str(path), parquet=path)
    require_columns(data.columns, {"target": [target], "sensitive": sensitive}, str(path))
    return data


def suggest(name: str, columns: Sequence[str]) -> str:
    """Did-you-mean text for a column name (re-exported for faces)."""
    return did_you_mean(name, columns)

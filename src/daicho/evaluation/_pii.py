"""Japanese personal-information scan of tabular and text data.

Detectors: My Number (個人番号, 12 digits with its check digit), Japanese phone numbers, postal
codes (〒123-4567 / 123-4567), e-mail addresses and payment-card numbers (13–19 digits with the
Luhn check). Text is NFKC-normalised first, so full-width digits and hyphens (０９０－１２３４…)
are found too. ``\\b`` does not separate Japanese characters from digits, so every boundary is an
explicit lookaround on ``[0-9]`` (and on the separators). Findings report counts and locations
(column, row index) only — never the values.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

__all__ = [
    "DETECTORS",
    "PiiFinding",
    "PiiReport",
    "luhn_valid",
    "my_number_valid",
    "scan_frame",
    "scan_text",
]

_SEP = r"[ \-‐‑–−ー]"  # after NFKC: space, hyphen-minus and the dashes people type
_NOT_DIGIT_BEFORE = r"(?<![0-9])"
_NOT_DIGIT_AFTER = r"(?![0-9])"
_NOT_NUMBER_BEFORE = r"(?<![0-9\-.])"
_NOT_NUMBER_AFTER = r"(?![0-9]|-[0-9])"


def my_number_valid(digits: str) -> bool:
    """Check digit of a 12-digit My Number (行政手続における特定の個人を識別するための番号の
    利用等に関する法律施行令 第8条): with P_n the n-th digit from the right excluding the check
    digit and Q_n = n + 1 (n ≤ 6) or n − 5 (n ≥ 7), r = Σ P_n·Q_n mod 11 and the check digit is
    0 when r ≤ 1, else 11 − r."""
    if len(digits) != 12 or not digits.isdigit():
        return False
    body = digits[:11][::-1]
    total = sum(int(p) * (n + 1 if n <= 6 else n - 5) for n, p in enumerate(body, start=1))
    r = total % 11
    return int(digits[11]) == (0 if r <= 1 else 11 - r)


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) check used by payment-card numbers."""
    if not digits.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _digits(text: str) -> str:
    return re.sub(r"[^0-9]", "", text)


def _phone_ok(match: str) -> bool:
    d = _digits(match)
    if match.startswith("+81"):
        d = "0" + d[2:]
    return len(d) in (10, 11) and d.startswith("0") and not d.startswith("00")


@dataclass(frozen=True)
class _Detector:
    name: str
    pattern: re.Pattern[str]
    valid: Callable[[str], bool] = lambda m: True


DETECTORS: tuple[_Detector, ...] = (
    _Detector(
        "card_number",
        re.compile(
            _NOT_NUMBER_BEFORE
            + rf"(?:[0-9]{{4}}{_SEP}){{3}}[0-9]{{1,7}}|[0-9]{{13,19}}"
            + _NOT_NUMBER_AFTER
        ),
        lambda m: 13 <= len(_digits(m)) <= 19 and luhn_valid(_digits(m)),
    ),
    _Detector(
        "my_number",
        re.compile(
            _NOT_NUMBER_BEFORE
            + rf"(?:[0-9]{{4}}{_SEP}?[0-9]{{4}}{_SEP}?[0-9]{{4}})"
            + _NOT_NUMBER_AFTER
        ),
        lambda m: my_number_valid(_digits(m)),
    ),
    _Detector(
        "phone",
        re.compile(
            _NOT_NUMBER_BEFORE
            + r"(?:\+81[ \-]?|0)(?:[0-9]{1,4}[ \-]?\(?[0-9]{1,4}\)?[ \-]?[0-9]{3,4}|[0-9]{9,10})"
            + _NOT_NUMBER_AFTER
        ),
        _phone_ok,
    ),
    _Detector(
        "postal_code",
        re.compile(
            r"(?:〒[ ]?[0-9]{3}-?[0-9]{4}|"
            + _NOT_NUMBER_BEFORE
            + r"[0-9]{3}-[0-9]{4})"
            + _NOT_NUMBER_AFTER
        ),
    ),
    _Detector(
        "email",
        re.compile(
            r"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*"
            r"\.[A-Za-z]{2,}(?![A-Za-z0-9\-])"
        ),
    ),
)
"""Order matters: a span claimed by an earlier detector is not counted again by a later one."""


def _iter_matches(text: str) -> Iterator[str]:
    """Names of the detectors that match in ``text`` (one name per match)."""
    norm = unicodedata.normalize("NFKC", text)
    taken: list[tuple[int, int]] = []
    for det in DETECTORS:
        for m in det.pattern.finditer(norm):
            start, end = m.span()
            if any(start < e and s < end for s, e in taken):
                continue
            if det.valid(m.group(0)):
                taken.append((start, end))
                yield det.name


def scan_text(text: str) -> dict[str, int]:
    """Count PII matches in one string: detector name → count (values are never returned)."""
    counts: dict[str, int] = {}
    for name in _iter_matches(text):
        counts[name] = counts.get(name, 0) + 1
    return counts


@dataclass(frozen=True)
class PiiFinding:
    """How many matches of one detector one column holds, and where (never the values)."""

    column: str
    detector: str
    count: int
    rows_affected: int
    example_rows: tuple[int, ...]


@dataclass
class PiiReport:
    """Findings of a scan, plus what was scanned and which optional detectors ran."""

    findings: list[PiiFinding]
    columns_scanned: list[str]
    rows_scanned: int
    notes: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Total number of matches over all columns and detectors."""
        return sum(f.count for f in self.findings)

    def to_frame(self) -> pd.DataFrame:
        """One row per (column, detector)."""
        return pd.DataFrame(
            [f.__dict__ for f in self.findings],
            columns=["column", "detector", "count", "rows_affected", "example_rows"],
        )


def ginza_available() -> bool:
    """Whether the optional GiNZA name/address detector can run (``ginza`` importable)."""
    return importlib.util.find_spec("ginza") is not None


def _ginza_counts(texts: Iterable[tuple[int, str]]) -> dict[str, list[int]]:  # pragma: no cover
    import spacy

    nlp = spacy.load("ja_ginza")
    rows: dict[str, list[int]] = {}
    for row, text in texts:
        for ent in nlp(text).ents:
            label = {"Person": "person_name", "Province": "address", "City": "address"}.get(
                ent.label_
            )
            if label:
                rows.setdefault(label, []).append(row)
    return rows


def scan_frame(
    frame: pd.DataFrame,
    columns: Iterable[str] | None = None,
    *,
    max_examples: int = 5,
    use_ginza: bool = False,
    row_offset: int = 0,
) -> PiiReport:
    """Scan the text-like columns of ``frame`` (object/string columns, or ``columns``).

    Numbers stored as integers are scanned too when named in ``columns`` (a phone number column
    read as int loses its leading 0, so it is matched as written). Row locations are positions
    in ``frame`` plus ``row_offset``.
    """
    cols = (
        list(columns)
        if columns is not None
        else [
            str(c)
            for c in frame.columns
            if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])
        ]
    )
    findings: list[PiiFinding] = []
    notes: list[str] = []
    for col in cols:
        counts: dict[str, int] = {}
        rows: dict[str, list[int]] = {}
        values = frame[col].to_numpy()
        texts: list[tuple[int, str]] = []
        for i, value in enumerate(values):
            if value is None or (isinstance(value, float) and value != value):
                continue
            text = value if isinstance(value, str) else str(value)
            if use_ginza:
                texts.append((i + row_offset, text))
            for name in _iter_matches(text):
                counts[name] = counts.get(name, 0) + 1
                hit = rows.setdefault(name, [])
                if not hit or hit[-1] != i + row_offset:
                    hit.append(i + row_offset)
        if use_ginza and ginza_available():  # pragma: no cover - ginza is an optional extra
            for name, hit in _ginza_counts(texts).items():
                counts[name] = len(hit)
                rows[name] = sorted(set(hit))
        for name in sorted(counts):
            findings.append(
                PiiFinding(
                    column=col,
                    detector=name,
                    count=counts[name],
                    rows_affected=len(rows[name]),
                    example_rows=tuple(rows[name][:max_examples]),
                )
            )
    if use_ginza and not ginza_available():
        notes.append("GiNZA is not installed: names and addresses were not scanned")
    return PiiReport(findings=findings, columns_scanned=cols, rows_scanned=len(frame), notes=notes)


def _as_str(value: Any) -> str:  # kept small for reuse by faces
    return value if isinstance(value, str) else str(value)

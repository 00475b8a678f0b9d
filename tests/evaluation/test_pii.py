"""Japanese personal-information detectors."""

from __future__ import annotations

import pandas as pd
import pytest

from daicho.evaluation import luhn_valid, my_number_valid, scan_frame, scan_text


def _my_number(body: str) -> str:
    """Append the check digit (independent restatement of the statutory formula)."""
    weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2]  # Q_n for the 11 digits, left to right
    r = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    return body + str(0 if r <= 1 else 11 - r)


VALID_MN = _my_number("12345678901")
VALID_MN2 = _my_number("98765432109")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("電話は090-1234-5678です", {"phone": 1}),
        ("０９０－１２３４－５６７８に連絡", {"phone": 1}),  # full-width, NFKC
        ("TEL:03(1234)5678", {"phone": 1}),
        ("+81 90-1234-5678", {"phone": 1}),
        ("代表0120-123-456まで", {"phone": 1}),
        ("〒100-0001 東京都千代田区", {"postal_code": 1}),
        ("住所は530-0001大阪市", {"postal_code": 1}),
        ("〒1000001", {"postal_code": 1}),
        ("連絡先taro.yamada@example.co.jpまで", {"email": 1}),
        (f"個人番号{VALID_MN}です", {"my_number": 1}),
        (f"番号 {VALID_MN[:4]} {VALID_MN[4:8]} {VALID_MN[8:]}", {"my_number": 1}),
        (f"マイナンバー{VALID_MN2}と{VALID_MN}", {"my_number": 2}),
        ("カード4111 1111 1111 1111で決済", {"card_number": 1}),
        ("カード番号4111111111111111", {"card_number": 1}),
        ("５５５５５５５５５５５５４４４４", {"card_number": 1}),
    ],
)
def test_detects(text, expected):
    assert scan_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "注文番号1234567890の件",  # 10 digits not starting with 0
        "金額は12,345円",
        "2024-01-01に開始",
        "バージョン1.2.3",
        f"番号{VALID_MN[:-1]}{(int(VALID_MN[-1]) + 1) % 10}",  # wrong check digit
        "カード4111111111111112",  # fails Luhn
        "価格123456789012345678901234円",  # too long for anything
        "メールはtaro@localhost",
    ],
)
def test_does_not_flag(text):
    assert scan_text(text) == {}


def test_check_digit_helpers():
    assert my_number_valid(VALID_MN) and not my_number_valid(
        "123456789012" if VALID_MN != "123456789012" else "123456789011"
    )
    assert luhn_valid("79927398713") and not luhn_valid("79927398710")


def test_scan_frame_reports_locations_never_values():
    frame = pd.DataFrame(
        {
            "note": ["問題なし", "電話090-1234-5678", None, "mail a.b@example.jp と 03-1234-5678"],
            "code": ["A1", "B2", "C3", "D4"],
            "amount": [1, 2, 3, 4],
        }
    )
    report = scan_frame(frame)
    assert report.columns_scanned == ["note", "code"]
    got = {(f.column, f.detector): (f.count, f.example_rows) for f in report.findings}
    assert got == {("note", "phone"): (2, (1, 3)), ("note", "email"): (1, (3,))}
    text = repr(report.to_frame().to_dict()) + repr(report)
    assert "1234-5678" not in text and "example.jp" not in text
    assert report.notes == []
    assert scan_frame(frame, use_ginza=True).notes  # GiNZA is optional and says so

"""The consistency check of a report draft: sums, shares and figures beside known labels."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ketnap.reports.consistency import findings_in, labelled_figures, parse_number

THO_XUAN = (
    "Mở 6 lớp bồi dưỡng nhận thức về Đảng cho 523 quần chúng ưu tú (khối xã, thị trấn 193 quần chúng; "
    "khối cơ quan, trường học 335 quần chúng). Tính đến ngày 31/7/2023 đã kết nạp được 292 đảng viên "
    "(30 xã, thị trấn 124; khối cơ quan, trường học 168)."
)


def test_vietnamese_numbers_are_read_with_their_separators() -> None:
    assert (parse_number("30.044"), parse_number("71,76"), parse_number("523")) == (
        Decimal(30044),
        Decimal("71.76"),
        Decimal(523),
    )


def test_tho_xuan_193_plus_335_against_523_is_caught_with_the_difference() -> None:
    findings = findings_in(THO_XUAN)
    assert len(findings) == 1
    finding = findings[0]
    assert (finding.kind, finding.stated, finding.expected, finding.difference) == ("sum", 523, 528, 5)
    assert "193 + 335 = 528" in finding.message and "523" in finding.message and "chênh 5" in finding.message


def test_parts_that_add_up_pass() -> None:
    assert findings_in("kết nạp được 292 đảng viên (30 xã, thị trấn 124; khối cơ quan, trường học 168)") == []


@pytest.mark.parametrize(
    ("text", "difference"),
    [("193 + 335 = 523", 5), ("Số quần chúng: 193 + 335, tổng số 523.", 5), ("10 + 5 bằng 14", 1)],
)
def test_written_sums_are_checked(text: str, difference: int) -> None:
    [finding] = findings_in(text)
    assert finding.difference == difference


def test_a_share_that_does_not_match_its_ratio_is_caught_to_the_rounding_written() -> None:
    assert findings_in("Xuân Bái 8/11 (73%); Thuận Minh 7/12 (58%)") == []
    [finding] = findings_in("Xuân Hưng 6/10 (70%)")
    assert (finding.kind, finding.expected, finding.stated) == ("share", 60, 70)


def test_subsets_in_brackets_are_not_taken_for_parts() -> None:
    assert findings_in("30.044 đảng viên (1.393 đảng viên dự bị; 10.182 đảng viên nữ)") == []


def test_figures_beside_known_labels_are_compared_with_the_data() -> None:
    text = "Tính đến ngày 31/12/2021 có 30.000 đảng viên, 1.393 đảng viên dự bị; năm 2021 kết nạp 1.022 đảng viên mới."
    keys = [(key, value) for key, value, _s, _e in labelled_figures(text)]
    assert keys == [("members", 30000), ("probationary", 1393), ("admitted", 1022)]
    [finding] = findings_in(text, {"members": 30044, "probationary": 1393, "admitted": 1022})
    assert (finding.kind, finding.difference) == ("data", -44)
    assert "30.044" in finding.message


def test_a_filled_table_is_read_line_by_line() -> None:
    [finding] = findings_in("Tổng số đảng viên\t30.044\nĐảng viên nữ: 10.100", {"members": 30044, "women": 10182})
    assert finding.expected == 10182


def test_dates_and_years_are_not_figures() -> None:
    assert labelled_figures("Ngày 31/12/2021, năm 2021 đảng viên") == []


def test_prose_counts_of_moves_are_not_taken_for_the_total() -> None:
    text = (
        "Đầu kỳ có 29.059 đảng viên; giảm 15 đảng viên (chuyển đi 2, từ trần 13); "
        "kết nạp 1.022 đảng viên mới (nữ 347, chiếm 33,95%)."
    )
    assert [key for key, *_rest in labelled_figures(text)] == ["admitted"]

from decimal import Decimal

import pytest

from ketnap.lib.rounding import percent, percent_int


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [(8, 8, 100), (8, 11, 73), (6, 10, 60), (7, 12, 58), (1022, 1002, 102), (1, 8, 13), (1, 200, 1), (1, 201, 0)],
)
def test_rounds_as_the_reports_round(part: int, whole: int, expected: int) -> None:
    assert percent_int(part, whole) == expected


def test_half_rounds_up_not_to_even() -> None:
    assert percent_int(1, 8) == 13  # 12.5
    assert percent_int(5, 8) == 63  # 62.5
    assert percent_int(29, 40) == 73  # 72.5


def test_no_plan_has_no_percentage() -> None:
    assert percent_int(3, 0) is None
    assert percent_int(3, None) is None


def test_decimals_for_shares() -> None:
    assert percent(7176, 10000, 2) == Decimal("71.76")
    assert percent(1, 3, 2) == Decimal("33.33")
    assert percent(2, 3, 2) == Decimal("66.67")

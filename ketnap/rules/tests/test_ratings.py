"""Rating rules per edition, each boundary from both sides."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest

from ketnap.rules import rating_qd124_2023, rating_qd132_2018, rating_qd366_2025
from ketnap.rules.base import Severity
from ketnap.rules.ratings import (
    Level,
    NoRatingEdition,
    RatingEdition,
    band_level,
    cap_limit,
    check_cap,
    check_one,
    rating_edition_on,
    rating_editions,
)

D = dt.date
QD132 = rating_qd132_2018.EDITION
QD124 = rating_qd124_2023.EDITION
QD366 = rating_qd366_2025.EDITION
E, G, C, N = Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (D(2018, 3, 8), "QD132-2018"),
        (D(2022, 12, 31), "QD132-2018"),
        (D(2023, 10, 3), "QD132-2018"),
        (D(2023, 10, 4), "QD124-2023"),
        (D(2025, 8, 29), "QD124-2023"),
        (D(2025, 8, 30), "QD366-2025"),
        (D(2026, 12, 31), "QD366-2025"),
    ],
)
def test_the_edition_in_force_on_each_side_of_its_dates(day: dt.date, code: str) -> None:
    assert rating_edition_on(day).code == code


def test_before_the_first_edition_nothing_is_in_force() -> None:
    with pytest.raises(NoRatingEdition) as caught:
        rating_edition_on(D(2018, 3, 7))
    assert caught.value.earliest == D(2018, 3, 8)


def test_editions_follow_each_other_without_gap() -> None:
    editions = rating_editions()
    for before, after in itertools.pairwise(editions):
        assert before.effective_to is not None
        assert after.effective_from - before.effective_to == dt.timedelta(days=1)


@pytest.mark.parametrize("edition", [QD132, QD124])
def test_cap_allows_twenty_percent_of_those_rated_good_and_not_one_more(edition: RatingEdition) -> None:
    # 24 rated good or better: 4 excellent fit (4 <= 4.8), 5 do not.
    assert check_cap(edition, [E] * 4 + [G] * 20) == []
    issues = check_cap(edition, [E] * 5 + [G] * 19)
    assert [i.code for i in issues] == ["rating.excellent_cap"]
    assert issues[0].blocking
    assert issues[0].params["limit"] == "4"


def test_cap_exactly_at_the_limit_passes() -> None:
    assert cap_limit(QD124, good=8, excellent=2) == 2
    assert check_cap(QD124, [E] * 2 + [G] * 8) == []
    assert check_cap(QD124, [E] * 3 + [G] * 7) != []


def test_cap_base_without_the_excellent_ones_is_a_parameter() -> None:
    from dataclasses import replace

    strict = replace(QD124, cap_base_includes_excellent=False)
    assert cap_limit(strict, good=20, excellent=4) == 4
    assert cap_limit(strict, good=19, excellent=5) == 3


def test_only_good_ratings_count_in_the_base() -> None:
    assert check_cap(QD124, [E] + [C] * 20 + [N] * 5) != []


def test_qd366_has_no_cap_unless_one_is_set_and_then_it_warns() -> None:
    assert check_cap(QD366, [E] * 10) == []
    capped = QD366.with_cap(Fraction(20, 100))
    issues = check_cap(capped, [E] * 5 + [G] * 19)
    assert [i.severity for i in issues] == [Severity.WARNING]


@pytest.mark.parametrize(
    ("points", "level"),
    [
        ("100", E),
        ("90", E),
        ("89.99", G),
        ("70", G),
        ("69.99", C),
        ("50", C),
        ("49.99", N),
        ("0", N),
    ],
)
def test_qd366_bands_on_both_sides(points: str, level: Level) -> None:
    assert band_level(QD366, Decimal(points)) is level


def test_qd366_level_above_its_band_is_refused_and_below_is_allowed() -> None:
    assert [i.code for i in check_one(QD366, G, Decimal("69.99"))] == ["rating.above_band"]
    assert check_one(QD366, G, Decimal("70")) == []
    assert check_one(QD366, C, Decimal("95")) == []


def test_qd366_excellent_needs_its_conditions() -> None:
    assert [i.code for i in check_one(QD366, E, Decimal(90))] == ["rating.excellent_conditions"]
    assert check_one(QD366, E, Decimal(90), excellent_conditions_met=True) == []
    assert [i.code for i in check_one(QD366, E, Decimal("89.99"), excellent_conditions_met=True)] == [
        "rating.above_band"
    ]


def test_qd366_needs_points_within_the_scale() -> None:
    assert [i.code for i in check_one(QD366, G, None)] == ["rating.points_missing"]
    assert [i.code for i in check_one(QD366, G, Decimal("100.01"))] == ["rating.points_out_of_range"]
    assert [i.code for i in check_one(QD366, N, Decimal("-0.01"))] == ["rating.points_out_of_range"]


@pytest.mark.parametrize("edition", [QD132, QD124])
def test_earlier_editions_rate_without_points(edition: RatingEdition) -> None:
    assert not edition.uses_points
    assert check_one(edition, E, None) == []

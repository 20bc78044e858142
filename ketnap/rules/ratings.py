"""Annual quality rating (kiểm điểm, đánh giá, xếp loại chất lượng): the four levels,
the cap on "excellent" and the 100-point bands, per edition (domain.md §8, §11 rule 30).

Pure Python, no Django. The editions live in ``rating_qd132_2018``, ``rating_qd124_2023``
and ``rating_qd366_2025``; ``rating_edition_on(day)`` picks the one in force on the day
the rating is decided. Checks return :class:`RatingIssue` values, never raise; the
Django layer words them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from ketnap.rules.base import Citation, Severity


class Level(StrEnum):
    """The four levels, best first (QĐ 132 art. 8; QĐ 124 art. 12; QĐ 366 art. 11)."""

    EXCELLENT = "excellent"  # Hoàn thành xuất sắc nhiệm vụ (HTXSNV)
    GOOD = "good"  # Hoàn thành tốt nhiệm vụ (HTTNV)
    COMPLETED = "completed"  # Hoàn thành nhiệm vụ (HTNV)
    NOT_COMPLETED = "not_completed"  # Không hoàn thành nhiệm vụ (KHTNV)


ORDER = (Level.EXCELLENT, Level.GOOD, Level.COMPLETED, Level.NOT_COMPLETED)


def rank(level: Level) -> int:
    """0 for excellent … 3 for not completed: lower is better."""
    return ORDER.index(level)


def at_least(level: Level, floor: Level) -> bool:
    return rank(level) <= rank(floor)


@dataclass(frozen=True)
class Band:
    """Points from ``minimum`` (inclusive) up to the next band give at most ``level``."""

    level: Level
    minimum: Decimal


@dataclass(frozen=True)
class RatingEdition:
    """One regulation on rating, with every number it uses as a parameter.

    ``excellent_cap`` is the largest share of "excellent" among the ratings of one group
    (one grassroots organization for members, one group of similar function for
    collectives), measured against those rated good; ``cap_base_includes_excellent``
    says whether the excellent ones count in that base (they are chosen from among those
    rated good). ``None`` means no cap. ``bands`` empty means the edition rates without
    points.
    """

    code: str
    regulation: str
    effective_from: dt.date
    effective_to: dt.date | None
    level_citation: Citation
    excellent_cap: Fraction | None
    cap_citation: Citation | None
    cap_severity: Severity = Severity.BLOCKING
    cap_base_includes_excellent: bool = True
    bands: tuple[Band, ...] = ()
    band_citation: Citation | None = None
    confirmed: bool = True

    @property
    def uses_points(self) -> bool:
        return bool(self.bands)

    def in_force_on(self, day: dt.date) -> bool:
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)

    def with_cap(self, cap: Fraction | None, severity: Severity = Severity.WARNING) -> RatingEdition:
        """The same edition with another cap (a setting, where the text is not confirmed)."""
        return replace(self, excellent_cap=cap, cap_severity=severity)


@dataclass(frozen=True)
class RatingIssue:
    """What a check found. ``code`` is stable; ``params`` hold the values for the message."""

    code: str
    severity: Severity
    citation: Citation | None
    params: Mapping[str, str]
    subject: str = ""  # the key of the rating concerned, empty for the whole group

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


class NoRatingEdition(LookupError):
    """The day is before the first rating regulation modelled (QĐ 132-QĐ/TW, 08/3/2018)."""

    def __init__(self, day: dt.date, earliest: dt.date) -> None:
        super().__init__(f"no rating edition in force on {day.isoformat()}; the first starts {earliest.isoformat()}")
        self.day = day
        self.earliest = earliest


def _editions() -> tuple[RatingEdition, ...]:
    from ketnap.rules import rating_qd124_2023, rating_qd132_2018, rating_qd366_2025

    return (rating_qd132_2018.EDITION, rating_qd124_2023.EDITION, rating_qd366_2025.EDITION)


def rating_editions() -> tuple[RatingEdition, ...]:
    return _editions()


def rating_edition_on(day: dt.date, editions: Iterable[RatingEdition] | None = None) -> RatingEdition:
    """The edition in force on ``day`` (the day the rating is decided)."""
    ordered = tuple(editions) if editions is not None else _editions()
    for edition in ordered:
        if edition.in_force_on(day):
            return edition
    raise NoRatingEdition(day, min(e.effective_from for e in ordered))


def band_level(edition: RatingEdition, points: Decimal) -> Level:
    """The best level ``points`` allow under ``edition``'s bands."""
    for band in sorted(edition.bands, key=lambda b: b.minimum, reverse=True):
        if points >= band.minimum:
            return band.level
    return Level.NOT_COMPLETED


def cap_limit(edition: RatingEdition, good: int, excellent: int) -> int | None:
    """The most "excellent" ratings the cap allows for a group, or ``None`` without a cap."""
    if edition.excellent_cap is None:
        return None
    base = good + excellent if edition.cap_base_includes_excellent else good
    return int(edition.excellent_cap * base)


def check_cap(edition: RatingEdition, levels: Iterable[Level]) -> list[RatingIssue]:
    """The cap on "excellent" over one group's ratings."""
    counted = list(levels)
    excellent = counted.count(Level.EXCELLENT)
    limit = cap_limit(edition, counted.count(Level.GOOD), excellent)
    if limit is None or excellent <= limit:
        return []
    assert edition.excellent_cap is not None
    params = {
        "excellent": str(excellent),
        "limit": str(limit),
        "percent": str(int(edition.excellent_cap * 100)),
        "regulation": edition.regulation,
    }
    return [RatingIssue("rating.excellent_cap", edition.cap_severity, edition.cap_citation, params)]


def check_one(
    edition: RatingEdition,
    level: Level,
    points: Decimal | None,
    *,
    excellent_conditions_met: bool = False,
    subject: str = "",
) -> list[RatingIssue]:
    """One rating against its edition: points where the edition scores, the band, the
    conditions of "excellent"."""
    if not edition.uses_points:
        return []
    citation = edition.band_citation
    if points is None:
        return [RatingIssue("rating.points_missing", Severity.BLOCKING, citation, {}, subject)]
    if not Decimal(0) <= points <= Decimal(100):
        return [
            RatingIssue("rating.points_out_of_range", Severity.BLOCKING, citation, {"points": str(points)}, subject)
        ]
    allowed = band_level(edition, points)
    if rank(level) < rank(allowed):
        params = {"points": str(points), "level": allowed.value}
        return [RatingIssue("rating.above_band", Severity.BLOCKING, citation, params, subject)]
    if level is Level.EXCELLENT and not excellent_conditions_met:
        return [RatingIssue("rating.excellent_conditions", Severity.BLOCKING, citation, {}, subject)]
    return []

"""Recording ratings: the edition by the rating date, the cap over the group, the bands
of QĐ 366, scope, and nothing half-written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.test import override_settings

from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied, ValidationFailed
from ketnap.core.testing import World, make_member, make_org
from ketnap.organizations.models import OrgKind, Sector
from ketnap.ratings.models import Rating
from ketnap.ratings.selectors import cells_summary, members_summary
from ketnap.ratings.services import RatingEntry, ratings_record

D = dt.date


def cells(w: World, count: int) -> list[str]:
    codes = []
    for index in range(count):
        code = f"cb-{index:02d}"
        make_org(w.commune_a, code, OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE)
        codes.append(code)
    return codes


def record(w: World, year: int, lines: list[tuple[str, str]], **kwargs):  # type: ignore[no-untyped-def]
    entries = [RatingEntry(key=key, level=level) for key, level in lines]
    return ratings_record(
        actor=w.editor_a, rater=w.commune_a, year=year, subject="organizations", entries=entries, **kwargs
    )


@pytest.mark.django_db
def test_twenty_four_cells_with_four_excellent_pass_the_cap_under_qd132(w: World) -> None:
    codes = [*cells(w, 23), "chi-bo-a"]
    result = record(w, 2022, [(c, "excellent") for c in codes[:4]] + [(c, "good") for c in codes[4:]])
    assert result.edition.code == "QD132-2018"
    assert {r.edition for r in result.ratings} == {"QD132-2018"}
    summary = cells_summary(w.admin, w.commune_a, 2022)
    assert (summary.good_or_better, summary.total) == (24, 24)
    assert AuditEntry.objects.filter(action="rating.record").count() == 24


@pytest.mark.django_db
def test_a_fifth_excellent_of_twenty_four_is_refused_and_nothing_is_written(w: World) -> None:
    codes = [*cells(w, 23), "chi-bo-a"]
    with pytest.raises(ValidationFailed) as caught:
        record(w, 2024, [(c, "excellent") for c in codes[:5]] + [(c, "good") for c in codes[5:]])
    assert "entries" in caught.value.errors
    assert Rating.objects.count() == 0


@pytest.mark.django_db
def test_the_cap_counts_the_group_ratings_recorded_earlier(w: World) -> None:
    codes = [*cells(w, 9), "chi-bo-a"]
    record(w, 2024, [(c, "good") for c in codes[2:]] + [(codes[0], "excellent")])
    record(w, 2024, [(codes[1], "excellent")])  # 2 of 10: at the cap
    with pytest.raises(ValidationFailed):
        record(w, 2024, [(codes[2], "excellent")])  # 3 of 10


@pytest.mark.django_db
def test_qd366_needs_points_and_refuses_a_level_above_the_band(w: World) -> None:
    def line(level: str, points: str | None, met: bool = False) -> RatingEntry:
        return RatingEntry("chi-bo-a", level, Decimal(points) if points else None, excellent_conditions_met=met)

    def save(entry: RatingEntry):  # type: ignore[no-untyped-def]
        return ratings_record(actor=w.editor_a, rater=w.commune_a, year=2025, subject="organizations", entries=[entry])

    with pytest.raises(ValidationFailed) as caught:
        save(line("good", None))
    assert list(caught.value.errors) == ["level_chi-bo-a"]
    with pytest.raises(ValidationFailed):
        save(line("good", "69.99"))
    with pytest.raises(ValidationFailed):
        save(line("excellent", "90"))
    result = save(line("excellent", "90", met=True))
    assert result.edition.code == "QD366-2025"
    assert Rating.objects.get().points == Decimal("90.00")


@pytest.mark.django_db
def test_a_qd366_cap_set_in_the_settings_only_warns(w: World) -> None:
    codes = [*cells(w, 1), "chi-bo-a"]
    entries = [RatingEntry(c, "excellent", Decimal(95), excellent_conditions_met=True) for c in codes]
    with override_settings(RATINGS_QD366_EXCELLENT_CAP_PERCENT=20):
        result = ratings_record(
            actor=w.editor_a, rater=w.commune_a, year=2025, subject="organizations", entries=entries
        )
    assert len(result.warnings) == 1 and len(result.ratings) == 2


@pytest.mark.django_db
def test_the_edition_follows_the_rating_date(w: World) -> None:
    assert record(w, 2023, [("chi-bo-a", "good")], rated_on=D(2023, 10, 3)).edition.code == "QD132-2018"
    assert record(w, 2023, [("chi-bo-a", "good")], rated_on=D(2023, 10, 4)).edition.code == "QD124-2023"
    assert Rating.objects.count() == 1  # the second replaced the first


@pytest.mark.django_db
def test_a_rating_date_outside_the_year_is_refused(w: World) -> None:
    with pytest.raises(ValidationFailed) as caught:
        record(w, 2023, [("chi-bo-a", "good")], rated_on=D(2025, 1, 1))
    assert list(caught.value.errors) == ["rated_on"]


@pytest.mark.django_db
def test_an_organization_that_is_not_a_child_cannot_be_rated(w: World) -> None:
    with pytest.raises(ValidationFailed):
        record(w, 2023, [("chi-bo-b", "good")])
    assert Rating.objects.count() == 0


@pytest.mark.django_db
def test_a_viewer_cannot_record_and_an_outsider_does_not_see_the_organization(w: World) -> None:
    entries = [RatingEntry("chi-bo-a", "good")]
    with pytest.raises(PermissionDenied):
        ratings_record(actor=w.viewer_commune_a, rater=w.commune_a, year=2023, subject="organizations", entries=entries)
    with pytest.raises(NotFound):
        ratings_record(actor=w.outsider_b, rater=w.commune_a, year=2023, subject="organizations", entries=entries)


@pytest.mark.django_db
def test_members_of_a_cell_are_rated_by_the_cell(w: World) -> None:
    members = [make_member(w.cell_a, given=name) for name in ("An", "Bình", "Chi", "Dũng", "Em", "Giang")]
    entries = [RatingEntry(str(members[0].pk), "excellent")] + [RatingEntry(str(m.pk), "good") for m in members[1:]]
    ratings_record(actor=w.editor_a, rater=w.cell_a, year=2022, subject="members", entries=entries)
    summary = members_summary(w.admin, w.province_a, 2022)
    assert (summary.total, summary.good_or_better, summary.levels["excellent"]) == (6, 6, 1)
    with pytest.raises(ValidationFailed):  # 2 excellent of 6: over 20% of 6
        ratings_record(
            actor=w.editor_a,
            rater=w.cell_a,
            year=2022,
            subject="members",
            entries=[RatingEntry(str(members[1].pk), "excellent")],
        )

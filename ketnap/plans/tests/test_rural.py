"""The rural sub-target counts admissions in rural communes (xã), by the organization
that admitted the person, never by occupation; wards and townships are urban."""

from __future__ import annotations

from ketnap.core.testing import make_org
from ketnap.organizations.models import Organization, OrgKind, Sector
from ketnap.plans import selectors
from ketnap.plans.tests.conftest import TODAY, D, Plans, admit


def _rural(org: Organization, year: int = 2026, as_of: D = TODAY) -> tuple[int, int]:
    result = selectors.achievement(None, org, year, as_of)
    rural = next(sub for sub in result.total.sub if sub.key == "rural")
    assert rural.admitted is not None
    return rural.admitted, result.total.admitted


def _ward(plans: Plans, code: str = "phuong-c", valid_to: D | None = None) -> tuple[Organization, Organization]:
    ward = make_org(plans.w.district_a, code, OrgKind.GRASSROOTS_COMMITTEE, sector=Sector.WARD, valid_to=valid_to)
    cell = make_org(ward, f"{code}-tdp-1", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE, valid_to=valid_to)
    return ward, cell


def test_an_admission_in_a_village_cell_of_a_rural_commune_counts(plans: Plans) -> None:
    admit(plans.w.cell_a, D(2026, 3, 2), occupation="other")
    assert _rural(plans.w.district_a) == (1, 1)
    assert _rural(plans.w.commune_a) == (1, 1)


def test_an_admission_in_a_ward_does_not_count_even_for_a_farmer(plans: Plans) -> None:
    _ward_committee, ward_cell = _ward(plans)
    admit(ward_cell, D(2026, 3, 2), occupation="farmer")
    admit(plans.w.cell_a, D(2026, 3, 3))
    assert _rural(plans.w.district_a) == (1, 2)


def test_a_grassroots_cell_of_a_commune_counts_and_an_agency_cell_does_not(plans: Plans) -> None:
    district = plans.w.district_a
    commune_cell = make_org(district, "chi-bo-xa-d", OrgKind.GRASSROOTS_CELL, sector=Sector.COMMUNE)
    agency = make_org(district, "chi-bo-co-quan", OrgKind.GRASSROOTS_CELL, sector=Sector.AGENCY)
    admit(commune_cell, D(2026, 2, 2))
    admit(agency, D(2026, 2, 3), occupation="farmer")
    assert _rural(district) == (1, 2)


def test_a_district_marked_commune_does_not_make_its_agencies_rural(plans: Plans) -> None:
    """Only grassroots organizations are communes; a sector left on an upper node does not count."""
    assert plans.w.district_a.sector == Sector.COMMUNE  # the test tree's default
    agency = make_org(plans.w.district_a, "dang-bo-co-quan", OrgKind.GRASSROOTS_COMMITTEE, sector=Sector.AGENCY)
    admit(make_org(agency, "chi-bo-phong", OrgKind.SUBORDINATE_CELL, sector=Sector.AGENCY), D(2026, 2, 2))
    assert _rural(plans.w.district_a) == (0, 1)


def test_the_organization_at_admission_decides_when_a_township_becomes_a_commune(plans: Plans) -> None:
    """The 2025 reform: a township closes and a commune opens; members move to it. An
    admission in the township before stays urban, one in the commune after is rural."""
    reform = D(2025, 7, 1)
    _town, town_cell = _ward(plans, "thi-tran-e", valid_to=reform)
    commune = make_org(plans.w.district_a, "xa-e", OrgKind.GRASSROOTS_COMMITTEE, valid_from=reform)
    commune_cell = make_org(commune, "xa-e-ban-1", OrgKind.SUBORDINATE_CELL, sector=Sector.VILLAGE, valid_from=reform)
    admit(town_cell, D(2025, 3, 2))
    admit(commune_cell, D(2025, 9, 2))
    assert _rural(plans.w.district_a, 2025, D(2025, 12, 31)) == (1, 2)
    assert _rural(plans.w.district_a, 2025, D(2025, 6, 30)) == (0, 1)


def test_the_rural_target_is_labelled_by_where_people_are_admitted(plans: Plans) -> None:
    result = selectors.achievement(None, plans.w.commune_a, 2026, TODAY)
    label = next(sub.label for sub in result.total.sub if sub.key == "rural")
    assert "xã" in label and "nông, lâm" not in label

"""Party age, party card, readmission (domain §11 rules 22–24)."""

import dataclasses
import datetime as dt

import pytest

from ketnap.people import status
from ketnap.people.status import Status
from ketnap.rules import membership as m
from ketnap.rules.editions import QD24, QD29, QD232, QD294
from ketnap.rules.facts import CardIssue, LeaveReason, Readmission

D = dt.date


def codes(findings):
    return [f.code for f in findings]


def test_party_age_is_the_people_status_function_not_a_copy():
    assert m.party_age is status.party_age


def test_party_card_only_for_official_members_decided_by_the_upper_committee():
    assert m.check_party_card(CardIssue(Status.OFFICIAL, D(2025, 10, 1)), QD294) == []
    assert codes(m.check_party_card(CardIssue(Status.PROBATIONARY), QD294)) == ["card.not_official"]
    wrong = CardIssue(Status.OFFICIAL, decided_by_upper_committee=False)
    assert codes(m.check_party_card(wrong, QD294)) == ["card.wrong_issuer"]


LEFT = Readmission(D(2020, 3, 15), LeaveReason.REMOVED)


@pytest.mark.parametrize("edition", [QD24, QD294], ids=lambda e: e.code)
def test_readmission_after_36_months_not_a_day_before(edition):
    [soon] = m.check_readmission(LEFT, D(2023, 3, 14), edition)
    assert soon.code == "readmission.too_soon"
    assert soon.satisfiable_on == D(2023, 3, 15)
    assert m.check_readmission(LEFT, D(2023, 3, 15), edition) == []


def test_60_months_after_a_less_serious_conviction_is_expunged():
    convicted = dataclasses.replace(LEFT, less_serious_conviction=True, conviction_expunged_on=D(2022, 6, 1))
    assert m.readmission_possible_from(convicted, QD294) == D(2027, 6, 1)
    assert codes(m.check_readmission(convicted, D(2027, 5, 31), QD294)) == ["readmission.too_soon"]
    assert m.check_readmission(convicted, D(2027, 6, 1), QD294) == []
    pending = dataclasses.replace(convicted, conviction_expunged_on=None)
    assert codes(m.check_readmission(pending, D(2027, 6, 1), QD294)) == ["readmission.conviction_not_expunged"]


@pytest.mark.parametrize(
    "reason",
    [
        LeaveReason.ABANDONED_ACTIVITY,
        LeaveReason.APPLIED_TO_LEAVE,
        LeaveReason.SERIOUS_DISUNITY,
        LeaveReason.CORRUPTION_CONVICTION,
        LeaveReason.SERIOUS_CRIME_CONVICTION,
    ],
)
def test_barred_reasons_under_qd232_and_qd294(reason):
    for edition in (QD232, QD294):
        assert codes(m.check_readmission(dataclasses.replace(LEFT, reason=reason), D(2026, 1, 1), edition)) == [
            "readmission.barred_reason"
        ]


@pytest.mark.parametrize("edition", [QD29, QD24, QD232, QD294], ids=lambda e: e.code)
def test_serious_disunity_bars_readmission_in_every_edition(edition):
    """QĐ 29 3.5.2 and QĐ 24 3.5.2 list it already, as QĐ 232 and QĐ 294 do."""
    disunity = dataclasses.replace(LEFT, reason=LeaveReason.SERIOUS_DISUNITY)
    assert codes(m.check_readmission(disunity, D(2024, 1, 1), edition)) == ["readmission.barred_reason"]
    assert m.check_readmission(LEFT, D(2024, 1, 1), edition) == []


@pytest.mark.parametrize("edition", [QD29, QD24, QD232, QD294], ids=lambda e: e.code)
def test_readmission_needs_the_provincial_standing_committees_written_agreement_first(edition):
    """QĐ 29 3.5.1b, QĐ 24 3.5.1, QĐ 294 3.5.1: agreed in writing before the decision."""
    decided = D(2024, 6, 10)
    [missing] = m.check_readmission_consent(LEFT, decided, edition)
    assert (missing.code, missing.blocking) == ("readmission.provincial_consent_missing", True)
    assert m.check_readmission_consent(dataclasses.replace(LEFT, provincial_consent_on=decided), decided, edition) == []
    late = dataclasses.replace(LEFT, provincial_consent_on=D(2024, 6, 11))
    assert codes(m.check_readmission_consent(late, decided, edition)) == ["readmission.provincial_consent_missing"]
    off = dataclasses.replace(
        edition, parameters=dataclasses.replace(edition.parameters, readmission_requires_provincial_consent=False)
    )
    assert m.check_readmission_consent(LEFT, decided, off) == []


def test_leaving_on_application_for_family_hardship_is_not_barred():
    hardship = dataclasses.replace(LEFT, reason=LeaveReason.APPLIED_TO_LEAVE, family_hardship=True)
    assert m.check_readmission(hardship, D(2026, 1, 1), QD294) == []


def test_readmitted_only_once_and_always_with_probation():
    assert codes(m.check_readmission(dataclasses.replace(LEFT, times_readmitted_before=1), D(2026, 1, 1), QD294)) == [
        "readmission.once_only"
    ]
    assert codes(m.check_readmission(dataclasses.replace(LEFT, with_probation=False), D(2026, 1, 1), QD294)) == [
        "readmission.probation_required"
    ]

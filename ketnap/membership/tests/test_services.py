"""The ledger's decisions through the services: the rules at both sides, the role each
form needs, scope three ways, and corrections that supersede without erasing."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.testing import add_events, make_person
from ketnap.membership import services
from ketnap.membership.models import LedgerEntry
from ketnap.people.models import MembershipEvent, StatusPeriod
from ketnap.people.selectors import people_list
from ketnap.people.status import EventKind as K
from ketnap.reports.selectors import organization_statistics
from ketnap.rules.membership import LedgerEvent as E

D = dt.date
TODAY = D(2026, 6, 1)
DAY = D(2026, 5, 4)


def status_on(person, day):
    period = StatusPeriod.objects.as_of(day).filter(person=person).first()
    return period.status if period else None


def record(ledger, event, day=DAY, actor=None, person=None, **extra):
    extra.setdefault("document_number", "12-QĐ/ĐU")
    extra.setdefault("issuer", "Đảng ủy xã A")
    return services.ledger_record(
        actor=actor or ledger.w.editor_a, person=person or ledger.member, event=event, date=day, **extra
    )


def test_exemption_and_its_end_follow_the_status(ledger):
    event = record(ledger, E.EXEMPTION)
    assert status_on(ledger.member, D(2026, 5, 3)) == "official"
    assert status_on(ledger.member, D(2026, 5, 4)) == "exempted"
    assert LedgerEntry.objects.get(event=event).issuer == "Đảng ủy xã A"
    with pytest.raises(ValidationFailed) as refused:
        record(ledger, E.EXEMPTION, D(2026, 5, 5))
    assert "date" in refused.value.errors
    record(ledger, E.EXEMPTION_END, D(2026, 5, 20))
    assert status_on(ledger.member, D(2026, 5, 20)) == "official"


def test_exemption_end_needs_an_exempted_member(ledger):
    with pytest.raises(ValidationFailed):
        record(ledger, E.EXEMPTION_END)


def test_dates_not_after_today_nor_before_the_last_event(ledger):
    record(ledger, E.EXEMPTION, TODAY)
    with pytest.raises(ValidationFailed) as refused:
        record(ledger, E.EXEMPTION_END, TODAY + dt.timedelta(days=1))
    assert "date" in refused.value.errors
    with pytest.raises(ValidationFailed):
        record(ledger, E.EXEMPTION_END, TODAY - dt.timedelta(days=1))
    record(ledger, E.EXEMPTION_END, TODAY)


def test_a_decision_needs_its_document_number_and_issuer(ledger):
    with pytest.raises(ValidationFailed) as refused:
        record(ledger, E.EXEMPTION, document_number="", issuer=" ")
    assert set(refused.value.errors) == {"document_number", "issuer"}
    assert not MembershipEvent.objects.filter(person=ledger.member, kind=K.EXEMPTED).exists()
    record(ledger, E.DEATH, document_number="", issuer="")  # a death needs no decision
    assert status_on(ledger.member, TODAY) is None


def test_temporary_activity_between_3_months_and_under_a_year(ledger):
    with pytest.raises(ValidationFailed) as refused:
        record(ledger, E.TEMPORARY_OUT, D(2026, 5, 4), temporary_until=D(2027, 5, 4))
    assert "temporary_until" in refused.value.errors
    record(ledger, E.TEMPORARY_OUT, D(2026, 5, 4), temporary_until=D(2027, 5, 3), host=ledger.w.cell_b)
    period = StatusPeriod.objects.as_of(TODAY).get(person=ledger.member)
    assert period.organization_id == ledger.w.cell_a.pk and period.host_organization_id == ledger.w.cell_b.pk
    with pytest.raises(ValidationFailed):
        record(ledger, E.TEMPORARY_OUT, D(2026, 5, 5), temporary_until=D(2026, 9, 5))
    record(ledger, E.TEMPORARY_RETURN, D(2026, 5, 25))
    assert StatusPeriod.objects.as_of(TODAY).get(person=ledger.member).host_organization_id is None


@pytest.mark.parametrize("event", [E.REMOVAL, E.EXPULSION, E.LEAVING])
def test_removal_expulsion_and_leaving_need_an_approver(ledger, event):
    with pytest.raises(PermissionDenied):
        record(ledger, event)
    record(ledger, event, actor=ledger.approver_a)
    assert status_on(ledger.member, D(2026, 5, 3)) == "official"
    assert status_on(ledger.member, D(2026, 5, 4)) is None


def test_readmission_36_months_after_leaving_and_never_after_leaving_voluntarily(ledger):
    add_events(ledger.member, ("removed", D(2023, 5, 4)))
    consent = {"provincial_consent_on": D(2026, 4, 20)}
    with pytest.raises(ValidationFailed):
        record(ledger, E.READMISSION, D(2026, 5, 3), actor=ledger.approver_a, **consent)
    record(ledger, E.READMISSION, D(2026, 5, 4), actor=ledger.approver_a, **consent)
    assert status_on(ledger.member, TODAY) == "candidate"
    assert LedgerEntry.objects.get(event__kind="readmitted").provincial_consent_on == D(2026, 4, 20)
    other = make_person(ledger.w.cell_a, given="Lan")
    add_events(other, ("admitted", D(2015, 1, 1)), ("ceremony", D(2015, 2, 1)))
    record(ledger, E.LEAVING, D(2020, 1, 6), actor=ledger.approver_a, person=other)
    with pytest.raises(ValidationFailed):
        record(ledger, E.READMISSION, D(2026, 5, 4), actor=ledger.approver_a, person=other, **consent)


def test_readmission_is_refused_without_the_provincial_agreement_before_the_decision(ledger):
    add_events(ledger.member, ("removed", D(2023, 5, 4)))
    for consent in (None, D(2026, 5, 5)):
        with pytest.raises(ValidationFailed) as refused:
            record(ledger, E.READMISSION, D(2026, 5, 4), actor=ledger.approver_a, provincial_consent_on=consent)
        assert "Ban Thường vụ Tỉnh ủy" in refused.value.errors["provincial_consent_on"][0]
    assert status_on(ledger.member, TODAY) is None


def test_transfer_in_from_outside_places_a_person_off_the_rolls(ledger):
    newcomer = make_person(ledger.w.cell_a, given="Hà")
    record(ledger, E.TRANSFER_IN, person=newcomer, arrives_as="probationary")
    assert status_on(newcomer, TODAY) == "probationary"
    with pytest.raises(ValidationFailed):
        record(ledger, E.TRANSFER_IN, D(2026, 5, 5))  # already on the rolls


@pytest.mark.parametrize("who", ["nobody", "outsider_b"])
def test_no_role_or_a_sibling_role_does_not_find_the_person(ledger, who):
    with pytest.raises(NotFound):
        record(ledger, E.EXEMPTION, actor=getattr(ledger.w, who))


def test_a_viewer_in_scope_may_not_record(ledger):
    with pytest.raises(PermissionDenied):
        record(ledger, E.EXEMPTION, actor=ledger.w.viewer_commune_a)


def test_a_correction_supersedes_the_event_and_keeps_it(ledger):
    wrong = record(ledger, E.EXEMPTION, D(2026, 5, 4))
    right = services.ledger_correct(
        actor=ledger.w.editor_a, event=wrong, date=D(2026, 4, 20), document_number="13-NQ/CB", issuer="Chi bộ A"
    )
    assert right.supersedes_id == wrong.pk and MembershipEvent.objects.filter(pk=wrong.pk).exists()
    assert status_on(ledger.member, D(2026, 4, 20)) == "exempted"
    with pytest.raises(TransitionNotAllowed):
        services.ledger_correct(actor=ledger.w.editor_a, event=wrong, date=D(2026, 4, 21), document_number="x")


def test_a_void_annuls_the_event_with_a_reason(ledger):
    wrong = record(ledger, E.EXEMPTION)
    with pytest.raises(ValidationFailed):
        services.ledger_void(actor=ledger.w.editor_a, event=wrong, note=" ")
    services.ledger_void(actor=ledger.w.editor_a, event=wrong, note="Ghi nhầm người")
    assert status_on(ledger.member, TODAY) == "official"


def test_a_removal_is_corrected_only_by_an_approver(ledger):
    removal = record(ledger, E.REMOVAL, actor=ledger.approver_a)
    with pytest.raises((PermissionDenied, NotFound)):
        services.ledger_void(actor=ledger.w.editor_a, event=removal, note="Nhầm")
    services.ledger_void(actor=ledger.approver_a, event=removal, note="Nhầm")
    assert status_on(ledger.member, TODAY) == "official"


def test_events_of_other_procedures_are_not_corrected_here(ledger):
    ceremony = ledger.member.events.get(kind=K.CEREMONY)
    with pytest.raises(TransitionNotAllowed):
        services.ledger_void(actor=ledger.w.editor_a, event=ceremony, note="Nhầm")


@pytest.mark.parametrize(
    ("event", "approve", "after"),
    [
        (E.EXEMPTION, False, (1, 1)),
        (E.TEMPORARY_OUT, False, (1, 0)),
        (E.REMOVAL, True, (0, 0)),
        (E.EXPULSION, True, (0, 0)),
        (E.LEAVING, True, (0, 0)),
        (E.DEATH, False, (0, 0)),
    ],
)
def test_statistics_and_the_people_list_follow_each_event(ledger, event, approve, after):
    """(members, exempted) of cell A the day before, the day of and after the event;
    the host of a temporary stay never counts the member."""
    extra = {"temporary_until": D(2026, 12, 1), "host": ledger.w.cell_b} if event is E.TEMPORARY_OUT else {}
    record(ledger, event, DAY, actor=ledger.approver_a if approve else None, **extra)
    for day, expected in [(DAY - dt.timedelta(days=1), (1, 0)), (DAY, after), (TODAY, after)]:
        stats = organization_statistics(ledger.w.cell_a, day)
        assert (stats.members, stats.exempted) == expected, day
        listed = people_list(ledger.w.admin, as_of=day, organization=ledger.w.cell_a)
        on_rolls = [p for p in listed if getattr(p, "status_on_date", None) in ("official", "probationary", "exempted")]
        assert len(on_rolls) == expected[0]
        assert organization_statistics(ledger.w.cell_b, day).members == 0


def test_statistics_follow_a_transfer_in_and_a_readmission(ledger):
    newcomer = make_person(ledger.w.cell_a, given="Hà")
    record(ledger, E.TRANSFER_IN, DAY, person=newcomer)
    assert organization_statistics(ledger.w.cell_a, DAY - dt.timedelta(days=1)).members == 1
    assert organization_statistics(ledger.w.cell_a, DAY).members == 2
    add_events(ledger.member, ("removed", D(2020, 1, 2)))
    record(ledger, E.READMISSION, D(2026, 5, 5), actor=ledger.approver_a, provincial_consent_on=D(2026, 5, 1))
    # readmitted: a candidate again until the ceremony, so not a member yet
    assert organization_statistics(ledger.w.cell_a, TODAY).members == 1

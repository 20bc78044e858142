"""Two-sided transfers: the sender issues the letter to an organization it cannot see,
the receiver sees the member (basic data, view only) while pending and confirms or
returns; the ledger, the statistics and the people list agree as of any date."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import override_settings

from ketnap.admission.queue import work_queue
from ketnap.core import policy
from ketnap.core.errors import NotFound, PermissionDenied, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.membership import selectors, services
from ketnap.membership.models import TransferState
from ketnap.people.models import Person
from ketnap.people.selectors import people_list, person_get
from ketnap.reports.selectors import organization_statistics

D = dt.date
TODAY = D(2026, 6, 1)
LETTER = D(2026, 5, 4)


def send(ledger, actor=None, **extra):
    return services.transfer_send(
        actor=actor or ledger.w.editor_a,
        person=ledger.member,
        destination=extra.pop("destination", ledger.w.cell_b),
        letter_on=extra.pop("letter_on", LETTER),
        document_number="45-GGT/ĐU",
        issuer="Đảng ủy xã A",
        **extra,
    )


def members(org, day):
    return organization_statistics(org, day).members


def test_the_receiver_sees_the_member_only_while_the_transfer_is_pending(ledger):
    with pytest.raises(NotFound):
        person_get(ledger.receiver, ledger.member.pk)
    transfer = send(ledger)
    assert person_get(ledger.receiver, ledger.member.pk) == ledger.member
    assert not policy.can(ledger.receiver, Action.VIEW_SENSITIVE, ledger.member)
    assert not policy.can(ledger.receiver, Action.EDIT, ledger.member)
    assert list(selectors.transfers_incoming(ledger.receiver, ledger.w.cell_b)) == [transfer]
    services.transfer_return(actor=ledger.receiver, transfer=transfer, closed_on=TODAY, reason="Không đến")
    with pytest.raises(NotFound):
        person_get(ledger.receiver, ledger.member.pk)
    assert list(selectors.transfers_incoming(ledger.receiver, ledger.w.cell_b)) == []


def test_the_grant_reaches_nobody_else(ledger):
    send(ledger)
    with pytest.raises(NotFound):
        person_get(ledger.w.nobody, ledger.member.pk)
    assert not Person.objects.filter(pk=ledger.member.pk).filter(
        pk__in=policy.scope(ledger.w.nobody, Person.objects.all()).values("pk")
    )


def test_sender_counts_until_the_arrival_then_the_receiver(ledger):
    transfer = send(ledger)
    arrived = D(2026, 5, 20)
    services.transfer_receive(actor=ledger.receiver, transfer=transfer, arrived_on=arrived)
    transfer.refresh_from_db()
    assert transfer.state == TransferState.RECEIVED
    for day, at_a, at_b in [(arrived - dt.timedelta(days=1), 1, 0), (arrived, 0, 1), (TODAY, 0, 1)]:
        assert (members(ledger.w.cell_a, day), members(ledger.w.cell_b, day)) == (at_a, at_b), day
        listed_b = people_list(ledger.w.admin, as_of=day, organization=ledger.w.cell_b)
        assert listed_b.count() == at_b
    assert members(ledger.w.cell_a, LETTER - dt.timedelta(days=1)) == 1
    ledger.member.refresh_from_db()
    assert ledger.member.organization_id == ledger.w.cell_b.pk
    assert policy.can(ledger.receiver, Action.EDIT, ledger.member)


@override_settings(TRANSFER_COUNTS_AT="receiver")
def test_counted_at_the_receiver_from_the_letter_when_configured(ledger):
    transfer = send(ledger)
    services.transfer_receive(actor=ledger.receiver, transfer=transfer, arrived_on=D(2026, 5, 20))
    assert members(ledger.w.cell_a, LETTER - dt.timedelta(days=1)) == 1
    assert (members(ledger.w.cell_a, LETTER), members(ledger.w.cell_b, LETTER)) == (0, 1)


def test_while_pending_the_ledger_and_the_statistics_do_not_change(ledger):
    send(ledger)
    assert (members(ledger.w.cell_a, TODAY), members(ledger.w.cell_b, TODAY)) == (1, 0)


def test_only_the_receiving_side_confirms(ledger):
    transfer = send(ledger)
    with pytest.raises(PermissionDenied):
        services.transfer_receive(actor=ledger.w.editor_a, transfer=transfer, arrived_on=TODAY)
    with pytest.raises(NotFound):
        services.transfer_receive(actor=ledger.w.nobody, transfer=transfer, arrived_on=TODAY)
    services.transfer_receive(actor=ledger.sibling, transfer=transfer, arrived_on=TODAY)
    with pytest.raises(TransitionNotAllowed):
        services.transfer_receive(actor=ledger.receiver, transfer=transfer, arrived_on=TODAY)


def test_the_sender_needs_edit_and_a_member(ledger):
    with pytest.raises(PermissionDenied):
        send(ledger, actor=ledger.w.viewer_commune_a)
    with pytest.raises(NotFound):
        send(ledger, actor=ledger.receiver)
    with pytest.raises(ValidationFailed) as refused:
        send(ledger, destination=ledger.w.cell_a)
    assert "destination" in refused.value.errors
    with pytest.raises(ValidationFailed):
        send(ledger, destination=ledger.w.province_b)  # a cell receives


def test_one_open_transfer_at_a_time(ledger):
    send(ledger)
    with pytest.raises(TransitionNotAllowed):
        send(ledger)


def test_arrival_within_30_working_days_or_with_a_reason(ledger):
    transfer = send(ledger, letter_on=D(2026, 3, 2))
    with pytest.raises(ValidationFailed) as refused:
        services.transfer_receive(actor=ledger.receiver, transfer=transfer, arrived_on=D(2026, 5, 20))
    assert "note" in refused.value.errors
    with pytest.raises(ValidationFailed):
        services.transfer_receive(actor=ledger.receiver, transfer=transfer, arrived_on=D(2026, 3, 1))
    services.transfer_receive(actor=ledger.receiver, transfer=transfer, arrived_on=D(2026, 5, 20), note="Ốm")


def test_an_overdue_transfer_is_in_both_queues(ledger):
    send(ledger, letter_on=D(2026, 3, 2))
    sender = [i.code for i in work_queue(ledger.w.commune_a, TODAY)]
    receiver = [i.code for i in work_queue(ledger.w.cell_b, TODAY)]
    assert "transfer.arrival.overdue" in sender and "transfer.arrival.overdue" in receiver


def test_the_start_deadline_after_a_decision_is_queued(ledger):
    services.transfer_plan(actor=ledger.w.editor_a, person=ledger.member, decided_on=D(2026, 5, 4))
    items = [i for i in work_queue(ledger.w.commune_a, TODAY, horizon_days=120) if i.code.startswith("transfer")]
    assert [i.code for i in items] == ["transfer.start.due"]
    transfer = send(ledger, letter_on=D(2026, 5, 25))
    assert transfer.decided_on == D(2026, 5, 4)


def test_a_planned_transfer_without_a_letter_cannot_be_received_or_corrected(ledger):
    """Regression: a transfer with a decision but no letter has no destination yet; receiving
    or correcting it is refused as a transition, not a server error."""
    planned = services.transfer_plan(actor=ledger.w.editor_a, person=ledger.member, decided_on=D(2026, 5, 4))
    with pytest.raises(TransitionNotAllowed):
        services.transfer_receive(actor=ledger.w.editor_a, transfer=planned, arrived_on=D(2026, 5, 20))
    with pytest.raises(TransitionNotAllowed):
        services.transfer_correct_arrival(
            actor=ledger.w.editor_a, transfer=planned, arrived_on=D(2026, 5, 20), note="x"
        )


def test_the_sender_may_withdraw_and_others_may_not(ledger):
    transfer = send(ledger)
    with pytest.raises(NotFound):
        services.transfer_return(actor=ledger.w.nobody, transfer=transfer, closed_on=TODAY, reason="x")
    with pytest.raises(ValidationFailed):
        services.transfer_return(actor=ledger.w.editor_a, transfer=transfer, closed_on=TODAY, reason="")
    services.transfer_return(actor=ledger.w.editor_a, transfer=transfer, closed_on=TODAY, reason="Không đi nữa")
    assert members(ledger.w.cell_a, TODAY) == 1


def test_the_directory_lists_open_organizations_by_folded_name(ledger):
    found = list(selectors.directory("chi bo thon b"))
    assert [o.code for o in found] == ["chi-bo-b"]
    assert list(selectors.directory("chi-bo-a")) == [ledger.w.cell_a]


def test_the_receiver_corrects_the_arrival_date_and_history_is_kept(ledger):
    transfer = send(ledger)
    services.transfer_receive(actor=ledger.receiver, transfer=transfer, arrived_on=D(2026, 5, 20))
    with pytest.raises(ValidationFailed):
        services.transfer_correct_arrival(actor=ledger.receiver, transfer=transfer, arrived_on=D(2026, 5, 12), note="")
    with pytest.raises((NotFound, PermissionDenied)):
        services.transfer_correct_arrival(actor=ledger.w.nobody, transfer=transfer, arrived_on=D(2026, 5, 12), note="x")
    services.transfer_correct_arrival(
        actor=ledger.receiver, transfer=transfer, arrived_on=D(2026, 5, 12), note="Ngày ghi nhầm"
    )
    assert (members(ledger.w.cell_a, D(2026, 5, 12)), members(ledger.w.cell_b, D(2026, 5, 12))) == (0, 1)
    assert members(ledger.w.cell_a, D(2026, 5, 11)) == 1
    assert ledger.member.events.filter(kind="transferred_in").count() == 2  # the first one kept, superseded


def test_the_grant_gives_the_receiver_no_write_and_no_sensitive_data(ledger):
    from ketnap.core.testing import make_user
    from ketnap.people.services import person_reveal
    from ketnap.rules.membership import LedgerEvent

    transfer = send(ledger)
    with pytest.raises(PermissionDenied):
        services.ledger_record(
            actor=ledger.receiver,
            person=ledger.member,
            event=LedgerEvent.EXEMPTION,
            date=LETTER,
            document_number="1",
            issuer="x",
        )
    with pytest.raises(PermissionDenied):
        person_reveal(actor=ledger.receiver, person=ledger.member)
    viewer_b = make_user("viewer_b", (ledger.w.cell_b, "viewer"))
    assert person_get(viewer_b, ledger.member.pk) == ledger.member
    with pytest.raises(PermissionDenied):
        services.transfer_receive(actor=viewer_b, transfer=transfer, arrived_on=TODAY)

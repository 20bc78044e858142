"""The ledger's actions on the person page follow the status and the role."""

from __future__ import annotations

import datetime as dt

from ketnap.membership import services
from ketnap.people.actions import person_actions
from ketnap.rules.membership import LedgerEvent as E

TODAY = dt.date(2026, 6, 1)


def labels(user, person):
    return [a.label for a in person_actions(user, person, TODAY)]


def test_an_editor_sees_the_forms_the_status_allows(ledger):
    shown = labels(ledger.w.editor_a, ledger.member)
    assert "Miễn công tác và sinh hoạt đảng" in shown
    assert "Thôi miễn sinh hoạt đảng" not in shown
    assert "Xóa tên" not in shown  # needs an approver
    assert "Chuyển sinh hoạt đảng chính thức" in shown
    assert "Xóa tên" in labels(ledger.approver_a, ledger.member)
    assert labels(ledger.w.viewer_commune_a, ledger.member) == []


def test_after_a_decision_it_can_be_corrected_or_voided(ledger):
    services.ledger_record(
        actor=ledger.w.editor_a,
        person=ledger.member,
        event=E.EXEMPTION,
        date=dt.date(2026, 5, 4),
        document_number="1",
        issuer="Chi bộ",
    )
    shown = labels(ledger.w.editor_a, ledger.member)
    assert "Thôi miễn sinh hoạt đảng" in shown
    assert any(label.startswith("Sửa ghi nhận") for label in shown)
    assert any(label.startswith("Hủy ghi nhận nhầm") for label in shown)


def test_a_pending_transfer_is_shown_to_both_sides(ledger):
    assert "Ghi nhận quyết định phải chuyển sinh hoạt" in labels(ledger.w.editor_a, ledger.member)
    services.transfer_send(
        actor=ledger.w.editor_a,
        person=ledger.member,
        destination=ledger.w.cell_b,
        letter_on=dt.date(2026, 5, 4),
        document_number="45",
        issuer="Đảng ủy xã A",
    )
    assert "Đang chuyển đến Chi bộ thôn B" in labels(ledger.w.editor_a, ledger.member)
    assert labels(ledger.receiver, ledger.member) == ["Đang chuyển đến Chi bộ thôn B"]

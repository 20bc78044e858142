"""Which edition governs a date; inserting an unconfirmed successor as data."""

import datetime as dt

import pytest

from ketnap.rules import check
from ketnap.rules.base import RULES, Edition
from ketnap.rules.editions import DEFAULT, QD24, QD29, QD232, QD294, NoEditionInForce, Registry, edition_on
from ketnap.rules.facts import CaseFacts, Ceremony

D = dt.date


@pytest.mark.parametrize(
    ("day", "code"),
    [
        (D(2016, 7, 25), "QD29-2016"),
        (D(2021, 7, 29), "QD29-2016"),
        (D(2021, 7, 30), "QD24-2021"),
        (D(2025, 1, 19), "QD24-2021"),
        (D(2025, 1, 20), "QD232-2025"),
        (D(2025, 6, 30), "QD232-2025"),
        (D(2025, 7, 1), "QD294-2025"),
        (D(2030, 1, 1), "QD294-2025"),
    ],
)
def test_edition_on_switches_on_the_effective_dates(day, code):
    assert edition_on(day).code == code


def test_no_edition_before_qd29():
    with pytest.raises(NoEditionInForce) as caught:
        edition_on(D(2016, 7, 24))
    # Both dates travel with the error, so every interface can name them.
    assert (caught.value.day, caught.value.earliest) == (D(2016, 7, 24), D(2016, 7, 25))


@pytest.mark.parametrize("edition", [QD29, QD24, QD232, QD294], ids=lambda e: e.code)
def test_every_enforced_rule_is_cited(edition):
    assert edition.rules <= RULES
    assert all(edition.cite(rule).tag in "ABCD" for rule in edition.rules)


def test_application_order_is_enforced_only_from_hd06():
    assert QD294.enforces("application_order")
    assert not QD232.enforces("application_order")


def test_an_edition_cannot_enforce_an_uncited_rule():
    with pytest.raises(ValueError, match="without a citation"):
        Edition("X", "X", "X", "X", D(2030, 1, 1), None, QD294.parameters, {}, frozenset({"age"}))


def test_registry_refuses_gaps():
    with pytest.raises(ValueError):
        Registry([QD24, QD294])


def _qd20():
    return QD294.amended(
        code="QD20-2026",
        title="Quy định 20-QĐ/TW thi hành Điều lệ Đảng (chưa xác nhận nội dung)",
        regulation="QĐ 20-QĐ/TW",
        effective_from=D(2026, 3, 1),
        ceremony_working_days=20,
    )


def test_a_future_edition_is_inserted_as_data():
    registry = DEFAULT.with_edition(_qd20())
    assert registry.edition_on(D(2026, 2, 28)).code == "QD294-2025"
    assert registry.edition_on(D(2026, 2, 28)).effective_to == D(2026, 2, 28)
    assert registry.edition_on(D(2026, 3, 1)).code == "QD20-2026"
    assert registry.edition_on(D(2026, 3, 1)).parameters.ceremony_working_days == 20
    assert DEFAULT.edition_on(D(2026, 3, 1)).code == "QD294-2025"  # the default is untouched


def test_rules_under_an_unconfirmed_edition_say_so():
    registry = DEFAULT.with_edition(_qd20())
    facts = CaseFacts(ceremony=Ceremony(decision_received_on=D(2026, 3, 2)))
    findings = check("ceremony", facts, D(2026, 3, 2), registry=registry)
    assert {f.code for f in findings} == {"ceremony.due", "edition.unconfirmed"}
    assert all(f.edition == "QD20-2026" for f in findings)

"""Month arithmetic, citations and findings."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ketnap.rules.base import Citation, Severity, add_months, months_between
from ketnap.rules.editions import QD294

D = dt.date


def test_add_months_keeps_the_day_or_clamps_to_the_month_end():
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2008, 2, 29), 216) == D(2026, 2, 28)
    assert add_months(D(2024, 12, 15), 1) == D(2025, 1, 15)
    assert add_months(D(2025, 1, 15), -1) == D(2024, 12, 15)


def test_months_between_counts_whole_months():
    assert months_between(D(2008, 3, 15), D(2026, 3, 14)) == 215
    assert months_between(D(2008, 3, 15), D(2026, 3, 15)) == 216
    assert months_between(D(2024, 1, 31), D(2024, 2, 29)) == 1
    assert months_between(D(2024, 1, 31), D(2024, 2, 28)) == 0


@given(st.dates(min_value=D(1940, 1, 1), max_value=D(2060, 1, 1)), st.integers(min_value=0, max_value=900))
def test_months_between_inverts_add_months(start, k):
    assert months_between(start, add_months(start, k)) == k
    assert months_between(start, add_months(start, k) - dt.timedelta(days=1)) == k - 1 or k == 0


def test_citation_tag_must_be_a_reliability_tag():
    with pytest.raises(ValueError):
        Citation("QĐ 294-QĐ/TW", "1.1.1", "E")
    assert str(Citation("QĐ 29-QĐ/TW", "4.3.1", "A")) == "QĐ 29-QĐ/TW, 4.3.1 [A]"


def test_finding_fills_the_vietnamese_template_and_records_the_edition():
    finding = QD294.finding("ceremony", "ceremony.due", Severity.INFO, "Hạn: ngày {due}.", due=D(2025, 2, 28))
    assert finding.message == "Hạn: ngày 28/02/2025."
    assert finding.edition == "QD294-2025"
    assert finding.citation == QD294.cite("ceremony")
    assert not finding.blocking

"""The rules of party-cell life per edition: their numbers and citations (domain §7, §11 rules 25–29).

Pure Python, no Django. Each cell-life edition pairs with the admission edition of the same
code (``editions.py``): the Charter's words on cell life did not change between them, but the
implementing regulation and guidance cited did, and the party-group pilot (HD 03-HD/TW of
27/12/2022) and the non-age reasons for an exemption (HD 12-HD/BTCTW of 18/01/2022) start
inside the QĐ 24 edition, so they are dated parameters rather than edition boundaries.

The removal trigger's open points (domain §12.16) are parameters with these defaults:
the 3 months are counted within the **calendar year** and **cumulatively** (not
necessarily consecutive), following the text "ba tháng trong năm"; a deployment switches
them with the settings ``CELL_REMOVAL_YEAR`` and ``CELL_REMOVAL_COUNT``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ketnap.rules.base import Citation, Edition, Parameters
from ketnap.rules.common import CHARTER
from ketnap.rules.editions import DEFAULT as ADMISSION_EDITIONS

CELL_RULES: frozenset[str] = frozenset(
    {
        "removal",  # §11 rule 27: 3 months without activity or dues
        "monthly_meeting",  # rule 26, with the party-group pilot
        "composition",  # rule 25 and Charter art. 24 (cell committee from 9 official members)
        "exemption",  # rule 29
        "away",  # HD 01 10.3: members away without a transfer or exemption
        "probationary_limits",  # rule 20–21: a probationary member is not removed, the recognition fails
    }
)

HD12 = "HD 12-HD/BTCTW 2022"
HD03 = "HD 03-HD/TW 2022"

_SHARED: dict[str, Citation] = {
    "composition": Citation(CHARTER, "Điều 24 (chi bộ có ít nhất 3 đảng viên chính thức; từ 9 bầu chi ủy)", "C"),
    "monthly_meeting": Citation(CHARTER, "Điều 24.2 (chi bộ họp thường lệ mỗi tháng một lần)", "D"),
    "exemption": Citation(HD12, "Phần IV mục 1 (miễn công tác và sinh hoạt đảng; nghị quyết chi bộ)", "C"),
    "away": Citation("HD 01-HD/TW", "10.3 (đảng viên đi làm ăn xa, chưa chuyển sinh hoạt tạm thời)", "C"),
    "probationary_limits": Citation(CHARTER, "Điều 5.2 (đảng viên dự bị không đủ tư cách thì xóa tên)", "C"),
}

CITATIONS_BY_EDITION: dict[str, dict[str, Citation]] = {
    "QD29-2016": {
        **_SHARED,
        "removal": Citation("QĐ 29-QĐ/TW", "8.1 (bỏ sinh hoạt hoặc không đóng đảng phí ba tháng trong năm)", "C"),
    },
    "QD24-2021": {
        **_SHARED,
        "removal": Citation("QĐ 24-QĐ/TW", "8.1 (giả định như QĐ 29: ba tháng trong năm)", "C"),
    },
    "QD232-2025": {
        **_SHARED,
        "removal": Citation("QĐ 232-QĐ/TW", "8.1 (giả định như QĐ 24: ba tháng trong năm)", "D"),
    },
    "QD294-2025": {
        **_SHARED,
        "removal": Citation("QĐ 294-QĐ/TW", "8.1 (chưa đọc văn bản; Điều lệ Điều 8.1: ba tháng trong năm)", "D"),
        "monthly_meeting": Citation("QĐ 294-QĐ/TW", "sinh hoạt định kỳ (chưa đọc; Điều lệ Điều 24.2)", "D"),
    },
}


@dataclass(frozen=True)
class CellParameters:
    """The numbers of cell life; the removal switches come from the admission edition's
    ``Parameters`` (``removal_months``, ``removal_months_consecutive``, ``removal_calendar_year``)."""

    min_official_members: int = 3  # Charter art. 24
    committee_from_official_members: int = 9  # Charter art. 24: a cell of 9 or more elects a committee
    # HD 03-HD/TW (27/12/2022) pilot: meetings by party group may replace the cell's meeting.
    group_pilot_from: dt.date = dt.date(2022, 12, 27)
    group_pilot_min_members: int = 50
    group_pilot_max_per_year: int = 3
    # HD 12-HD/BTCTW (18/01/2022) IV.1.2 added the non-age reasons for an exemption.
    exemption_other_reasons_from: dt.date = dt.date(2022, 1, 18)
    # A member away this many months with no temporary transfer nor exemption is flagged
    # (the lower bound of a temporary transfer, domain §7).
    away_flag_months: int = 3
    removal_months: int = 3
    removal_consecutive: bool = False
    removal_calendar_year: bool = True


@dataclass(frozen=True)
class CellEdition:
    """The cell-life rules of one edition: ``edition`` carries the citations and words the findings."""

    edition: Edition
    parameters: CellParameters = field(default_factory=CellParameters)


def _cell_edition(admission: Edition) -> CellEdition:
    p: Parameters = admission.parameters
    edition = Edition(
        code=admission.code,
        title=admission.title,
        regulation=admission.regulation,
        guidance=admission.guidance,
        effective_from=admission.effective_from,
        effective_to=admission.effective_to,
        parameters=p,
        citations=CITATIONS_BY_EDITION[admission.code],
        rules=CELL_RULES,
        confirmed=admission.confirmed,
    )
    params = CellParameters(
        min_official_members=p.cell_min_official_members,
        removal_months=p.removal_months,
        removal_consecutive=p.removal_months_consecutive,
        removal_calendar_year=p.removal_calendar_year,
    )
    return CellEdition(edition, params)


EDITIONS: tuple[CellEdition, ...] = tuple(_cell_edition(e) for e in ADMISSION_EDITIONS.editions)


def cell_edition_on(day: dt.date) -> CellEdition:
    """The cell-life edition in force on ``day``; the first one for earlier dates."""
    for item in reversed(EDITIONS):
        if item.edition.in_force_on(day):
            return item
    return EDITIONS[0]

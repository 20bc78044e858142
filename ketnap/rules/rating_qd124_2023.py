"""QĐ 124-QĐ/TW (04/10/2023): four levels (art. 12), no points; collectives and members
rated "excellent" not above 20% of those rated good in each group (the cap is a
parameter: domain.md §8)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from ketnap.rules.base import Citation
from ketnap.rules.ratings import RatingEdition

EDITION = RatingEdition(
    code="QD124-2023",
    regulation="QĐ 124-QĐ/TW",
    effective_from=dt.date(2023, 10, 4),
    effective_to=dt.date(2025, 8, 29),
    level_citation=Citation("QĐ 124-QĐ/TW", "Điều 12", "C"),
    excellent_cap=Fraction(20, 100),
    cap_citation=Citation("QĐ 124-QĐ/TW", "tỷ lệ HTXSNV không quá 20% số HTTNV", "C"),
)

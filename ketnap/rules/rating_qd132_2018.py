"""QĐ 132-QĐ/TW (08/3/2018) on annual review and rating, with HD 16-HD/BTCTW (24/9/2018)
and HD 21-HD/BTCTW (2019): four levels, no points; "excellent" capped at 20% of those
rated good in each grassroots organization (HD 21)."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from ketnap.rules.base import Citation
from ketnap.rules.ratings import RatingEdition

EDITION = RatingEdition(
    code="QD132-2018",
    regulation="QĐ 132-QĐ/TW",
    effective_from=dt.date(2018, 3, 8),
    effective_to=dt.date(2023, 10, 3),
    level_citation=Citation("QĐ 132-QĐ/TW; HD 16-HD/BTCTW", "xếp loại chất lượng, bốn mức", "A"),
    excellent_cap=Fraction(20, 100),
    cap_citation=Citation("HD 21-HD/BTCTW (2019)", "tỷ lệ HTXSNV không quá 20% số HTTNV", "C"),
)

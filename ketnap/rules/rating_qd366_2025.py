"""QĐ 366-QĐ/TW (30/8/2025): the 100-point scale (art. 11). Excellent from 90 points with
its conditions (every task on time and of quality, at least 30% beyond requirements, no
one disciplined, earlier shortcomings remedied); good from 70 to under 90; completed from
50 to under 70; below 50 not completed (the lower threshold was not read: §12.10).

Whether the 20% cap on "excellent" remains was not found (§12.10): no cap by default;
a deployment sets one with ``RatingEdition.with_cap`` (a setting), and it then warns."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ketnap.rules.base import Citation
from ketnap.rules.ratings import Band, Level, RatingEdition

EDITION = RatingEdition(
    code="QD366-2025",
    regulation="QĐ 366-QĐ/TW",
    effective_from=dt.date(2025, 8, 30),
    effective_to=None,
    level_citation=Citation("QĐ 366-QĐ/TW", "Điều 11", "B"),
    excellent_cap=None,
    cap_citation=Citation("QĐ 366-QĐ/TW", "tỷ lệ HTXSNV (chưa xác nhận)", "D"),
    bands=(
        Band(Level.EXCELLENT, Decimal(90)),
        Band(Level.GOOD, Decimal(70)),
        Band(Level.COMPLETED, Decimal(50)),
        Band(Level.NOT_COMPLETED, Decimal(0)),
    ),
    band_citation=Citation("QĐ 366-QĐ/TW", "Điều 11, khung điểm", "B"),
)

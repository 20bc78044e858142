"""Thanh Hóa province: Mường Lát (Conclusion 50, the 2025 reform) and Thọ Xuân (2023)."""

from __future__ import annotations

import datetime as dt

from ketnap.demo import muong_lat, tho_xuan
from ketnap.demo.builder import DemoWriter
from ketnap.organizations.models import Organization, OrgKind, Sector

CODE = "thanh-hoa"


def build(writer: DemoWriter, root: Organization) -> None:
    province = writer.child(
        root,
        code=CODE,
        name="Đảng bộ tỉnh Thanh Hóa",
        kind=OrgKind.PROVINCIAL,
        sector=Sector.OTHER,
        valid_from=dt.date(1960, 1, 1),
    )
    muong_lat.build(writer, province)
    tho_xuan.build(writer, province)

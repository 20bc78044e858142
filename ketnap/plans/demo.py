"""The plans of the demo: the targets behind the published achievement figures.

Thọ Xuân 2023 (district plan, 31/7/2023): Quảng Phú 8/8, Xuân Bái 8/11, Xuân Hưng and
Xuân Phú 6/10, Thuận Minh 7/12. Lai Châu 2021: 1,022 admitted = 102% of a plan of
1,002; Nậm Nhùn 125%, Lai Châu city 125%, Phong Thổ 123%, Than Uyên 115%, Provincial
Military 112% (admissions and plans of those five in ``ketnap.demo.lai_chau``); the
other districts and blocs share the rest of the 1,002 in proportion to their admissions.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ketnap.demo import lai_chau, tho_xuan
from ketnap.demo.builder import DemoWriter
from ketnap.demo.live import loader_actor
from ketnap.organizations.models import Organization
from ketnap.plans import services
from ketnap.plans.models import PlanDocument, Target
from ketnap.reports.selectors import admissions_between

LAI_CHAU_YEAR = 2021
LAI_CHAU_SET_ON = dt.date(2021, 1, 25)
THO_XUAN_YEAR = 2023
THO_XUAN_SET_ON = dt.date(2023, 2, 20)


def build(writer: DemoWriter) -> None:
    actor = loader_actor()
    province = Organization.objects.filter(code=lai_chau.CODE).first()
    if province is not None and not Target.objects.filter(organization=province).exists():
        _lai_chau(actor, province)
    district = Organization.objects.filter(code=tho_xuan.CODE).first()
    if district is not None and not PlanDocument.objects.filter(issuer=district).exists():
        _tho_xuan(actor, district)
    writer.echo("  Kế hoạch kết nạp: Lai Châu 2021, Thọ Xuân 2023")


def share_rest(rest: int, weights: dict[str, int]) -> dict[str, int]:
    """``rest`` split in proportion to ``weights`` (largest remainders), summing to ``rest``."""
    total = sum(weights.values()) or 1
    exact = {code: rest * weight / total for code, weight in weights.items()}
    parts = {code: int(value) for code, value in exact.items()}
    for code in sorted(exact, key=lambda c: exact[c] - parts[c], reverse=True)[: rest - sum(parts.values())]:
        parts[code] += 1
    return parts


def _lai_chau(actor: Any, province: Organization) -> None:
    document = services.document_create(
        actor=actor, issuer=province, number="45-KH/TU", issued_on=LAI_CHAU_SET_ON,
        title="Kế hoạch kết nạp đảng viên năm 2021",
    )  # fmt: skip
    services.target_set(
        actor=actor, organization=province, first_year=LAI_CHAU_YEAR, last_year=LAI_CHAU_YEAR, total=lai_chau.PLAN_2021,
        set_on=LAI_CHAU_SET_ON, document=document,
    )  # fmt: skip
    first, last = dt.date(LAI_CHAU_YEAR, 1, 1), dt.date(LAI_CHAU_YEAR, 12, 31)
    children = list(Organization.objects.as_of(last).children_of(province))
    admitted = {child.code: admissions_between(child, first, last) for child in children}
    plans = {code: plan for code, (_count, plan) in lai_chau.ABOVE_PLAN_2021.items()}
    others = {code: count for code, count in admitted.items() if code not in plans}
    plans |= share_rest(lai_chau.PLAN_2021 - sum(plans.values()), others)
    for child in children:
        services.target_set(
            actor=actor, organization=child, first_year=LAI_CHAU_YEAR, last_year=LAI_CHAU_YEAR,
            total=plans[child.code], set_on=LAI_CHAU_SET_ON, document=document,
        )  # fmt: skip


def _tho_xuan(actor: Any, district: Organization) -> None:
    document = services.document_create(
        actor=actor, issuer=district, number="112-KH/HU", issued_on=THO_XUAN_SET_ON,
        title="Kế hoạch phân bổ chỉ tiêu kết nạp đảng viên năm 2023",
    )  # fmt: skip
    for code, total in tho_xuan.PLANS_2023.items():
        services.target_set(
            actor=actor, organization=Organization.objects.get(code=f"tx-{code}"), first_year=THO_XUAN_YEAR,
            last_year=THO_XUAN_YEAR, total=total, set_on=THO_XUAN_SET_ON, document=document,
        )  # fmt: skip

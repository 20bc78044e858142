"""Builders for admission tests: a cell with members, a candidate with an open case, and
a case walked through the procedure up to a given step, every step through the services.

    w = build_world()
    case = open_case(w)                                  # candidate + certificate + case in w.cell_a
    record_until(case, StepKind.CEREMONY, actor=w.editor_a)   # … up to and including the ceremony

The default dates keep every deadline (cases opened 10/01/2023, QĐ 24 in force).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ketnap.admission import services
from ketnap.admission.facts import cell_roll
from ketnap.admission.models import AdmissionCase, AuthoritySetting, CaseStep
from ketnap.admission.selectors import under_grassroots_committee
from ketnap.admission.steps import CATALOGUE, ORDER, StepKind
from ketnap.core.testing import World, make_member, make_person
from ketnap.organizations.models import Organization
from ketnap.people.models import Person, StatusPeriod
from ketnap.people.status import Status
from ketnap.rules.base import add_months

K = StepKind
OPENED_ON = dt.date(2023, 1, 10)

# Days after the case opens (dossier to ceremony) …
BEFORE_CEREMONY: dict[StepKind, int] = {
    K.APPLICATION: 5,
    K.PERSONAL_HISTORY: 10,
    K.HISTORY_STAMPED: 15,
    K.VERIFICATION_CONCLUDED: 41,
    K.HISTORY_CERTIFIED: 46,
    K.INTRODUCTION: 50,
    K.ORGANISATION_COMMENTS: 54,
    K.RESIDENCE_COMMENT: 55,
    K.COMMENTS_SUMMARY: 57,
    K.CELL_RESOLUTION: 64,
    K.GRASSROOTS_RESOLUTION: 74,
    K.DECISION: 100,
    K.DECISION_RECEIVED: 105,
    K.CEREMONY: 120,
    K.MEMBER_HISTORY: 140,
    K.NEW_MEMBER_CLASS: 200,
}
# … and days after the official date (ceremony + 12 months).
AFTER_PROBATION: dict[StepKind, int] = {
    K.SELF_REVIEW: 2,
    K.HELPER_COMMENT: 3,
    K.PROBATION_COMMENTS: 4,
    K.RECOGNITION_RESOLUTION: 10,
    K.RECOGNITION_GRASSROOTS_RESOLUTION: 18,
    K.RECOGNITION_DECISION: 30,
    K.PARTY_CARD: 45,
}
DOCUMENTS: dict[StepKind, str] = {
    K.CELL_RESOLUTION: "01-NQ/CB",
    K.GRASSROOTS_RESOLUTION: "12-NQ/ĐU",
    K.DECISION: "345-QĐ/HU",
    K.RECOGNITION_RESOLUTION: "05-NQ/CB",
    K.RECOGNITION_GRASSROOTS_RESOLUTION: "40-NQ/ĐU",
    K.RECOGNITION_DECISION: "789-QĐ/HU",
    K.REMOVAL_DECISION: "790-QĐ/HU",
    K.PARTY_CARD: "15-QĐ/HU",
}
_names = iter(f"Thành viên {i}" for i in range(1, 10_000))


def official_members(cell: Organization, on: dt.date) -> list[Person]:
    ids = (
        StatusPeriod.objects.as_of(on)
        .filter(organization=cell, status=Status.OFFICIAL)
        .values_list("person_id", flat=True)
    )
    return list(Person.objects.filter(pk__in=list(ids)).order_by("pk"))


def staff_cell(cell: Organization, n: int = 6, *, ceremony: dt.date = dt.date(2015, 3, 1)) -> list[Person]:
    """Add ``n`` official members to ``cell`` (official since ceremony + 1 year + 10 days)."""
    return [make_member(cell, ceremony=ceremony, given=next(_names)) for _ in range(n)]


REFORM = dt.date(2025, 7, 1)


def configure_authority(world: World) -> None:
    """Who decides for every cell of the world unless a test sets its own nearer the cell:
    the district standing committee until 30/6/2025, the commune's from 01/7/2025 (QĐ 294)."""
    root = world.root
    AuthoritySetting.objects.get_or_create(
        organization=root,
        valid_from=dt.date(2016, 7, 25),
        defaults={
            "valid_to": REFORM,
            "body": "upper_standing_committee",
            "deciding_organization": world.district_a,
            "upper_kind": "district",
        },
    )
    AuthoritySetting.objects.get_or_create(
        organization=root,
        valid_from=REFORM,
        defaults={
            "body": "upper_standing_committee",
            "deciding_organization": world.commune_a,
            "upper_kind": "commune",
        },
    )


def open_case(
    world: World,
    *,
    cell: Organization | None = None,
    actor: Any = None,
    opened_on: dt.date = OPENED_ON,
    certificate_on: dt.date | None = dt.date(2022, 11, 15),
    members: int = 6,
    **person_fields: Any,
) -> AdmissionCase:
    """A candidate in ``cell`` (world.cell_a by default) with an awareness certificate and
    an open case; the cell gets ``members`` official members if it has fewer than three."""
    cell = cell or world.cell_a
    actor = actor or world.editor_a
    configure_authority(world)
    if len(official_members(cell, opened_on)) < 3:
        staff_cell(cell, members)
    person_fields.setdefault("given", next(_names))
    person = make_person(cell, family="Lò", middle="Thị", **{"birth_date": dt.date(1988, 6, 1), **person_fields})
    if certificate_on is not None:
        services.certificate_record(actor=actor, person=person, issued_on=certificate_on, number="CN-01")
    return services.case_open(actor=actor, person=person, cell=cell, opened_on=opened_on)


def step_date(case: AdmissionCase, kind: StepKind) -> dt.date:
    """The default date of ``kind`` for a case walked by ``record_until``."""
    if kind in BEFORE_CEREMONY:
        return case.opened_on + dt.timedelta(days=BEFORE_CEREMONY[kind])
    ceremony = CaseStep.objects.filter(case=case, kind=K.CEREMONY, superseded_by__isnull=True, void=False).first()
    held = ceremony.occurred_on if ceremony else case.opened_on + dt.timedelta(days=BEFORE_CEREMONY[K.CEREMONY])
    return add_months(held, 12) + dt.timedelta(days=AFTER_PROBATION.get(kind, 45))


def step_data(case: AdmissionCase, kind: StepKind, on: dt.date, **overrides: Any) -> dict[str, Any]:
    """Passing data for the step's document (a unanimous vote, the first member as helper)."""
    data: dict[str, Any] = {}
    if kind in (K.CELL_RESOLUTION, K.RECOGNITION_RESOLUTION):
        data = cell_roll(case.cell_id, on)
        data["in_favour"] = data["official_members"] - data["temporarily_away"] - data["exempted_absent"]
    if kind is K.RECOGNITION_RESOLUTION:
        data["qualified"] = True
    if kind in (K.GRASSROOTS_RESOLUTION, K.RECOGNITION_GRASSROOTS_RESOLUTION):
        data = {"members_total": 9, "in_favour": 8}
    if kind is K.CEREMONY:
        data = {"helper_id": official_members(case.cell, on)[0].pk}
    return {**data, **overrides}


def add_dossier_records(case: AdmissionCase, *, actor: Any) -> None:
    """Parents verified and two official members introducing (12+ months together)."""
    sent = case.opened_on + dt.timedelta(days=BEFORE_CEREMONY[K.HISTORY_STAMPED] + 1)
    for name, relation in (("Lò Văn Cha", "father"), ("Quàng Thị Mẹ", "mother")):
        relative = services.relative_add(actor=actor, case=case, full_name=name, relation=relation)
        request = services.verification_request_add(
            actor=actor, case=case, relative=relative, addressee="Đảng ủy xã quê quán", sent_on=sent
        )
        services.verification_reply_record(
            actor=actor, request=request, replied_on=sent + dt.timedelta(days=20), result="Không có vấn đề."
        )
    introduced = step_date(case, K.INTRODUCTION)
    for member in official_members(case.cell, introduced)[:2]:
        services.introducer_add(
            actor=actor,
            case=case,
            member=member,
            basis="work",
            together_since=introduced - dt.timedelta(days=800),
            introduced_on=introduced,
        )


def record(case: AdmissionCase, kind: StepKind, *, actor: Any, **kwargs: Any) -> CaseStep:
    """Record ``kind`` with the default date, document number and data unless given."""
    on = kwargs.pop("occurred_on", None) or step_date(case, kind)
    data = kwargs.pop("data", None)
    return services.step_record(
        actor=actor,
        case=case,
        kind=kind,
        occurred_on=on,
        document_number=kwargs.pop("document_number", DOCUMENTS.get(kind, "")),
        data=data if data is not None else step_data(case, kind, on),
        **kwargs,
    )


def record_until(case: AdmissionCase, last: StepKind, *, actor: Any) -> AdmissionCase:
    """Walk ``case`` through every required step up to and including ``last``."""
    committee = under_grassroots_committee(case.cell)
    wanted = {K.GRASSROOTS_RESOLUTION, K.RECOGNITION_GRASSROOTS_RESOLUTION} if committee else set()
    for item in CATALOGUE:
        if ORDER[item.kind] > ORDER[last]:
            break
        if item.closes and item.kind is not last:
            continue
        if item.optional and item.kind not in wanted and item.kind is not last:
            continue
        if CaseStep.objects.filter(case=case, kind=item.kind, void=False, superseded_by__isnull=True).exists():
            continue
        if item.kind is K.INTRODUCTION and not case.introducers.exists():
            add_dossier_records(case, actor=actor)
        record(case, item.kind, actor=actor)
    case.refresh_from_db()
    return case

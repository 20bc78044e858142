"""A world with the same records in two provinces, for tests that call every URL and
every API operation on records outside the caller's scope.

Each province holds an official member, a candidate with an awareness certificate and
an open case (a recorded step, a relative, a verification request, an introducer) and
a prospect in the source (a test task, a sympathiser listing, a progress note, a
helper). Every name in province A contains ``MARK["a"]`` and every name in B
``MARK["b"]``, so a response can be searched for records it must not show.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from ketnap.accounts.tokens import token_create
from ketnap.admission.models import (
    AdmissionCase,
    AwarenessCertificate,
    CaseStep,
    HelperAssignment,
    Introducer,
    ProgressNote,
    Prospect,
    Relative,
    SympathiserListing,
    VerificationRequest,
)
from ketnap.admission.models import TestTask as Task  # not "Test…": pytest would collect it
from ketnap.admission.steps import StepKind
from ketnap.core.testing import World, build_world, make_member, make_person, make_user
from ketnap.lib.vntext import fold
from ketnap.organizations.models import Locality, LocalityKind, Organization

D = dt.date
MARK = {"a": "Kvalpha", "b": "Kvbravo"}
# The four callers and the province each belongs to; the administrator belongs to none.
PERSONAS: dict[str, str | None] = {
    "admin": None,
    "editor_a": "a",
    "viewer_commune_a": "a",
    "editor_b": "b",
}


@dataclass
class Province:
    """The records of one province, by the kind of object a URL parameter names."""

    mark: str
    org: Organization
    commune: Organization
    cell: Organization
    member: Any
    person: Any
    case: AdmissionCase
    step: CaseStep
    relative: Relative
    verification: VerificationRequest
    introducer: Introducer
    prospect: Prospect
    task: Task
    locality: Locality
    ledger_event: Any
    transfer: Any
    username: str
    role: Any
    job: Any
    frozen_report: Any
    training_class: Any
    enrolment: Any
    program: Any
    meeting: Any = None
    review: Any = None
    upload: Any = None

    def value(self, kind: str) -> Any:
        """The value a URL carries for an object of ``kind`` in this province."""
        if kind == "locality":
            return self.locality.code
        if kind == "username":
            return self.username
        if kind == "program":
            return self.program.code
        if kind in {"org", "commune", "cell"}:
            return (self.cell if kind == "org" else getattr(self, kind)).code
        return getattr(self, kind).pk


@dataclass
class ScopeWorld:
    world: World
    users: dict[str, Any]
    provinces: dict[str, Province]
    tokens: dict[str, str] = field(default_factory=dict)

    def other(self, persona: str) -> list[Province]:
        """The provinces whose records lie outside ``persona``'s scope (both for the
        administrator, whose scope is everything)."""
        home = PERSONAS[persona]
        return [p for key, p in self.provinces.items() if key != home] if home else list(self.provinces.values())


def _rename(org: Organization, name: str) -> Organization:
    Organization.objects.filter(pk=org.pk).update(name=name, search_name=fold(name))
    org.name = name
    return org


def _case_records(cell: Organization, mark: str, member: Any) -> dict[str, Any]:
    person = make_person(cell, family="Lò", middle="Thị", given=f"{mark}ứngviên", birth_date=D(1995, 4, 2))
    AwarenessCertificate.objects.create(person=person, issued_on=D(2024, 11, 15), number=f"CN-{mark}")
    case = AdmissionCase.objects.create(person=person, cell=cell, opened_on=D(2025, 1, 6))
    relative = Relative.objects.create(case=case, full_name=f"Lò Văn {mark}cha", relation="father")
    return {
        "person": person,
        "case": case,
        "step": CaseStep.objects.create(case=case, kind=StepKind.APPLICATION, occurred_on=D(2025, 1, 8)),
        "relative": relative,
        "verification": VerificationRequest.objects.create(
            case=case, relative=relative, addressee=f"Đảng ủy xã {mark}", sent_on=D(2025, 1, 9)
        ),
        "introducer": Introducer.objects.create(
            case=case, member=member, basis="residence", together_since=D(2020, 1, 1), introduced_on=D(2025, 1, 9)
        ),
    }


def _source_records(cell: Organization, mark: str, member: Any) -> dict[str, Any]:
    person = make_person(cell, family="Lường", given=f"{mark}nguồn", birth_date=D(2001, 7, 9))
    prospect = Prospect.objects.create(person=person, cell=cell, origin="youth_union", noted_on=D(2024, 5, 1))
    SympathiserListing.objects.create(prospect=prospect, valid_from=D(2024, 6, 1), added_by_resolution="1-NQ")
    ProgressNote.objects.create(prospect=prospect, meeting_on=D(2024, 7, 1), text=f"{mark} tiến bộ")
    HelperAssignment.objects.create(prospect=prospect, helper=member, purpose="source", valid_from=D(2024, 6, 1))
    task = Task.objects.create(prospect=prospect, assigned_on=D(2024, 6, 1), description=f"{mark} phụ trách đội")
    return {"prospect": prospect, "task": task}


def _province(org: Organization, commune: Organization, cell: Organization, key: str) -> Province:
    mark = MARK[key]
    for node in (org, commune, cell):
        _rename(node, f"{node.name} {mark}")
    member = make_member(cell, given=f"{mark}đảngviên", ceremony=D(2010, 3, 1))
    records = {**_case_records(cell, mark, member), **_source_records(cell, mark, member)}
    # Recorded on the cell, the organization the generated page URLs name (to-chuc/<code>/thon-ban/…).
    locality = Locality.objects.create(
        code=f"ban-{key}", name=f"Bản {mark}", kind=LocalityKind.VILLAGE, commune=cell, valid_from=D(2000, 1, 1)
    )
    records |= _account_and_ledger_records(commune, cell, key, member)
    records["job"] = _job(cell, records["role"].user)
    records["frozen_report"] = _frozen_report(cell)
    records |= _training_and_program_records(commune, cell, key, mark, member)
    records |= _cell_life_records(cell, mark, member)
    return Province(mark=mark, org=org, commune=commune, cell=cell, member=member, locality=locality, **records)


def _account_and_ledger_records(commune: Organization, cell: Organization, key: str, member: Any) -> dict[str, Any]:
    """A user holding a role in the province, and a member's ledger event and transfer."""
    from ketnap.accounts.models import RoleAssignment
    from ketnap.membership.models import Transfer, TransferState
    from ketnap.people.models import MembershipEvent

    user = make_user(f"xem_{key}", (commune, "viewer"))
    transfer = Transfer.objects.create(
        person=member, from_organization=cell, state=TransferState.PLANNED, decided_on=D(2025, 1, 10)
    )
    from ketnap.imports.models import Upload

    upload = Upload.objects.create(
        organization=cell, kind="members", filename=f"{key}.xlsx", content=_upload_content(), uploaded_by=user
    )
    return {
        "upload": upload,
        "ledger_event": MembershipEvent.objects.filter(person=member).order_by("pk").first(),
        "transfer": transfer,
        "username": user.username,
        "role": RoleAssignment.objects.get(user=user),
    }


def _job(cell: Organization, owner: Any) -> Any:
    """A finished background job of the province's user, with its file."""
    from ketnap.jobs.models import Job, JobState

    return Job.objects.create(
        kind="statistics_xlsx",
        owner=owner,
        organization=cell,
        params={"as_of": "2025-01-01"},
        state=JobState.DONE,
        done=1,
        total=1,
        file_name="thong-ke.xlsx",
        content_type="application/octet-stream",
        content=b"PK",
        file_size=2,
    )


def _frozen_report(cell: Organization) -> Any:
    """A report the cell sent upward, its figures naming the cell (so a leak shows)."""
    from django.utils import timezone

    from ketnap.reports.frozen import compute
    from ketnap.reports.models import FrozenReport

    figures = compute("change", cell, D(2024, 1, 1), D(2024, 12, 31))
    return FrozenReport.objects.create(
        kind="change",
        organization=cell,
        first=D(2024, 1, 1),
        last=D(2024, 12, 31),
        figures=figures,
        sent_at=timezone.now(),
    )


def _training_and_program_records(
    commune: Organization, cell: Organization, key: str, mark: str, member: Any
) -> dict[str, Any]:
    """A class with one enrolled member, and a program over the cell with one target."""
    from ketnap.organizations.models import Program
    from ketnap.programs.models import ProgramTarget
    from ketnap.training.models import Enrolment, TrainingClass

    training_class = TrainingClass.objects.create(
        organizer=commune, kind="awareness", name=f"Lớp {mark}", start=D(2024, 3, 1), end=D(2024, 3, 5)
    )
    program = Program.objects.create(code=f"ct-{key}", name=f"Chương trình {mark}", owner=commune, start=D(2024, 1, 1))
    program.organizations.set([cell])
    ProgramTarget.objects.create(
        program=program, kind="admissions", year=2024, minimum=1, description=f"{mark} mục tiêu"
    )
    return {
        "training_class": training_class,
        "enrolment": Enrolment.objects.create(training_class=training_class, person=member),
        "program": program,
    }


def _cell_life_records(cell: Organization, mark: str, member: Any) -> dict[str, Any]:
    """A meeting of the cell with the member's attendance, and a removal review of the member."""
    from ketnap.cells.models import Attendance, Meeting, ReviewTask

    meeting = Meeting.objects.create(cell=cell, date=D(2024, 7, 1), topic=f"{mark} sinh hoạt")
    Attendance.objects.create(meeting=meeting, person=member, absence="unexcused")
    review = ReviewTask.objects.create(
        cell=cell,
        person=member,
        code="removal.inactive",
        period=D(2024, 1, 1),
        raised_on=D(2024, 7, 31),
        due_on=D(2024, 8, 30),
        message=f"{mark} bỏ sinh hoạt",
        params={"months": "3"},
    )
    return {"meeting": meeting, "review": review}


def _upload_content() -> bytes:
    from ketnap.imports.sheets import template_bytes

    return template_bytes(_import_kind())


def _import_kind() -> Any:
    from ketnap.imports.columns import Kind

    return Kind.MEMBERS


def build_scope_world() -> ScopeWorld:
    w = build_world()
    users = {name: getattr(w, name) for name in PERSONAS if name != "editor_b"}
    users["editor_b"] = make_user("editor_b", (w.province_b, "editor"))
    commune_b = Organization.objects.get(code="xa-b")
    provinces = {
        "a": _province(w.province_a, w.commune_a, w.cell_a, "a"),
        "b": _province(w.province_b, commune_b, w.cell_b, "b"),
    }
    return ScopeWorld(world=w, users=users, provinces=provinces)


@contextmanager
def kept_scope_world(django_db_blocker: Any) -> Iterator[ScopeWorld]:
    """The world with a bearer token per persona, for a module-scoped fixture: built
    once inside a transaction rolled back at the end; each test runs in a savepoint."""
    with django_db_blocker.unblock(), transaction.atomic():
        world = build_scope_world()
        world.tokens = {
            name: token_create(actor=None, user=user, label="scope")[1] for name, user in world.users.items()
        }
        yield world
        transaction.set_rollback(True)

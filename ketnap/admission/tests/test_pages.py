"""The admission pages: every page and POST three ways, the board, the case page, the
step form (check, record, blocked, override, stale), corrections and voids, the evidence
and source forms."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ketnap.admission import selectors, services
from ketnap.admission.models import (
    AdmissionCase,
    CaseStep,
    Introducer,
    Prospect,
    Relative,
    SympathiserListing,
    VerificationRequest,
)
from ketnap.admission.models import TestTask as Task  # not "Test…": pytest would try to collect it
from ketnap.admission.steps import Stage, StepKind
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import World, build_world, make_member, make_org, make_person, make_user
from ketnap.organizations.models import OrgKind
from ketnap.people.models import Person

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def candidate(world: World, given: str = "Cường", **fields) -> Person:
    return make_person(world.cell_a, family="Lò", middle="Văn", given=given, birth_date=D(2000, 3, 5), **fields)


def open_case(person, cell, *, stage: str = Stage.DOSSIER, **fields) -> AdmissionCase:
    return AdmissionCase.objects.create(person=person, cell=cell, opened_on=D(2025, 1, 6), stage=stage, **fields)


@pytest.fixture
def case(world: World) -> AdmissionCase:
    return open_case(candidate(world), world.cell_a)


@pytest.fixture
def prospect(world: World) -> Prospect:
    return Prospect.objects.create(
        person=candidate(world, "Dũng"), cell=world.cell_a, origin="youth_union", noted_on=D(2024, 5, 1)
    )


@pytest.fixture
def extras(world: World, case: AdmissionCase, prospect: Prospect) -> SimpleNamespace:
    """A recorded step, a verification request, an introducer and a test task in cell A."""
    member = make_member(world.cell_a, given="Giới", ceremony=D(2010, 3, 1))
    return SimpleNamespace(
        step=CaseStep.objects.create(
            case=case, kind=StepKind.APPLICATION, occurred_on=D(2025, 1, 8), recorded_by=world.editor_a
        ),
        verification=VerificationRequest.objects.create(case=case, addressee="Đảng ủy xã B", sent_on=D(2025, 1, 9)),
        introducer=Introducer.objects.create(
            case=case, member=member, basis="residence", together_since=D(2020, 1, 1), introduced_on=D(2025, 1, 9)
        ),
        task=Task.objects.create(prospect=prospect, assigned_on=D(2024, 6, 1), description="Phụ trách đội"),
    )


# --- Three ways -----------------------------------------------------------------------------


def _url(name: str, world: World, case: AdmissionCase, prospect: Prospect, extras: SimpleNamespace) -> str:
    by_case = {"case", "introducer_add", "relative_add", "verification_add"}
    if name in by_case:
        return reverse(f"admission:{name}", args=[case.pk])
    if name == "step":
        return reverse("admission:step", args=[case.pk, "application"])
    if name in {"step_correct", "step_void"}:
        return reverse(f"admission:{name}", args=[extras.step.pk])
    if name == "verification_reply":
        return reverse(f"admission:{name}", args=[extras.verification.pk])
    if name == "introducer_replace":
        return reverse(f"admission:{name}", args=[extras.introducer.pk])
    if name == "task_complete":
        return reverse(f"admission:{name}", args=[extras.task.pk])
    if name in {
        "listing_add",
        "listing_remove",
        "helper_assign",
        "progress_note_add",
        "task_assign",
        "prospect_leave",
    }:
        return reverse(f"admission:{name}", args=[prospect.pk])
    if name == "case_open":
        return reverse("admission:case_open") + f"?person={case.person_id}"
    if name in {"prospects", "prospect_add"}:
        return reverse(f"admission:{name}", args=[world.cell_a.code])
    return reverse(f"admission:{name}", args=[world.commune_a.code])


READ_PAGES = ["board", "queue", "prospects", "case"]
NEW_EDIT_PAGES = [
    "step_correct",
    "step_void",
    "verification_reply",
    "introducer_replace",
    "listing_remove",
    "task_assign",
    "task_complete",
    "prospect_leave",
]
EDIT_PAGES = [
    "step",
    "case_open",
    "introducer_add",
    "relative_add",
    "verification_add",
    "prospect_add",
    "listing_add",
    "helper_assign",
    "progress_note_add",
    *NEW_EDIT_PAGES,
]


@pytest.mark.parametrize("name", READ_PAGES + EDIT_PAGES)
@pytest.mark.parametrize(("persona", "status"), [("nobody", 404), ("editor_a", 200), ("outsider_b", 404)])
def test_pages_three_ways(world, case, prospect, extras, name, persona, status):
    response = client_for(getattr(world, persona)).get(_url(name, world, case, prospect, extras))
    assert response.status_code == status


@pytest.mark.parametrize("name", READ_PAGES + EDIT_PAGES)
def test_anonymous_is_sent_to_login(world, case, prospect, extras, name):
    url = _url(name, world, case, prospect, extras)
    response = Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", READ_PAGES)
def test_viewer_reads(world, case, prospect, extras, name):
    assert client_for(world.viewer_commune_a).get(_url(name, world, case, prospect, extras)).status_code == 200


@pytest.mark.parametrize("name", EDIT_PAGES)
def test_viewer_may_not_edit(world, case, prospect, extras, name):
    client = client_for(world.viewer_commune_a)
    url = _url(name, world, case, prospect, extras)
    assert client.get(url).status_code == 403
    assert client.post(url, {}).status_code == 403


# A valid POST of each new page, so a refusal below is the policy's and not the form's.
VALID_POSTS: dict[str, dict[str, str]] = {
    "step_correct": {"occurred_on": "09/01/2025", "reason": "Ghi nhầm ngày"},
    "step_void": {"reason": "Ghi nhầm hồ sơ"},
    "verification_reply": {"replied_on": "20/01/2025", "result": "Không có vấn đề."},
    "introducer_replace": {"on": "15/01/2025"},  # new_member added in the test
    "listing_remove": {"on": "01/06/2024", "resolution": "09-NQ/CB"},
    "task_assign": {"assigned_on": "01/07/2024", "description": "Tổ chức sinh hoạt đoàn"},
    "task_complete": {"completed_on": "01/08/2024", "result": "Hoàn thành tốt"},
    "prospect_leave": {"on": "01/09/2024", "note": "Chuyển đi nơi khác"},
}


def _valid_post(name: str, world: World) -> dict[str, object]:
    data: dict[str, object] = dict(VALID_POSTS[name])
    if name == "introducer_replace":
        data["new_member"] = make_member(world.cell_a, given="Thay", ceremony=D(2010, 3, 1)).pk
    return data


@pytest.mark.parametrize("name", NEW_EDIT_PAGES)
@pytest.mark.parametrize(
    ("persona", "status"), [("nobody", 404), ("outsider_b", 404), ("viewer_commune_a", 403), ("editor_a", 302)]
)
def test_new_posts_three_ways(world, case, prospect, extras, name, persona, status):
    if name == "listing_remove":
        SympathiserListing.objects.create(prospect=prospect, valid_from=D(2024, 5, 2), added_by_resolution="03-NQ/CB")
    audits = AuditEntry.objects.count()
    url = _url(name, world, case, prospect, extras)
    response = client_for(getattr(world, persona)).post(url, _valid_post(name, world))
    assert response.status_code == status, response.content.decode()[:2000]
    assert (AuditEntry.objects.count() > audits) == (status == 302)


def step_post(case: AdmissionCase, **fields) -> dict:
    return {"occurred_on": "10/01/2025", "document_number": "", "note": "", "expected_version": case.version, **fields}


@pytest.mark.parametrize(("persona", "status"), [("nobody", 404), ("outsider_b", 404), ("viewer_commune_a", 403)])
def test_step_post_refused_without_edit_role(world, case, persona, status):
    url = reverse("admission:step", args=[case.pk, "application"])
    response = client_for(getattr(world, persona)).post(url, step_post(case))
    assert response.status_code == status
    assert not CaseStep.objects.filter(case=case).exists()


def test_editor_records_a_step_and_is_sent_to_the_case(world, case):
    url = reverse("admission:step", args=[case.pk, "application"])
    response = client_for(world.editor_a).post(url, step_post(case, note="Đơn viết tay"))
    assert response.status_code == 302
    assert response["Location"] == reverse("admission:case", args=[case.pk])
    step = CaseStep.objects.get(case=case)
    assert (step.kind, step.occurred_on, step.note, step.recorded_by) == (
        "application",
        D(2025, 1, 10),
        "Đơn viết tay",
        world.editor_a,
    )


def test_htmx_record_answers_with_hx_location(world, case):
    url = reverse("admission:step", args=[case.pk, "application"])
    response = client_for(world.editor_a).post(url, step_post(case), headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert reverse("admission:case", args=[case.pk]) in response["HX-Location"]


def test_bad_input_is_reported_next_to_the_field(world, case):
    url = reverse("admission:step", args=[case.pk, "application"])
    response = client_for(world.editor_a).post(url, step_post(case, occurred_on="31/02/2025"))
    assert response.status_code == 200
    assert "Ngày 31/02/2025 không tồn tại trong lịch." in response.content.decode()
    assert not CaseStep.objects.filter(case=case).exists()


def test_a_date_not_written_as_a_date_asks_for_dd_mm_yyyy(world, case):
    url = reverse("admission:step", args=[case.pk, "application"])
    response = client_for(world.editor_a).post(url, step_post(case, occurred_on="hôm qua"))
    assert "«hôm qua» không phải một ngày. Hãy nhập theo dạng dd/mm/yyyy" in response.content.decode()
    assert not CaseStep.objects.filter(case=case).exists()


def test_unknown_step_kind_is_404(world, case):
    assert client_for(world.editor_a).get(reverse("admission:step", args=[case.pk, "khong-co"])).status_code == 404


# --- The board ------------------------------------------------------------------------------


def test_board_counts_cases_by_stage_and_highlights_overdue(world):
    open_case(candidate(world, "An"), world.cell_a)
    open_case(candidate(world, "Bình"), world.cell_a, stage=Stage.CELL)
    open_case(candidate(world, "Chi"), world.cell_a, stage=Stage.DECISION, due_on=D(2025, 2, 1), due_code="x")
    open_case(make_person(world.cell_b, given="Khác"), world.cell_b)
    response = client_for(world.editor_a).get(reverse("admission:board", args=["xa-a"]), {"ngay": "2025-03-01"})
    html = response.content.decode()
    assert "3 hồ sơ đang xét · tính đến ngày 01/03/2025" in html
    assert 'id="col-dossier">Hoàn thiện hồ sơ <span class="badge">1</span>' in html
    assert 'id="col-decision">Chờ quyết định <span class="badge">1</span>' in html
    assert "Khác" not in html
    assert html.count('class="case-card overdue"') == 1
    assert "Quá hạn" in html


def test_board_filters_by_kind(world):
    open_case(candidate(world, "An"), world.cell_a)
    open_case(candidate(world, "Bình"), world.cell_a, kind="readmission")
    response = client_for(world.editor_a).get(reverse("admission:board", args=["xa-a"]), {"loai": "readmission"})
    html = response.content.decode()
    assert "Lò Văn Bình" in html
    assert "Lò Văn An" not in html


def test_days_in_stage_count_from_the_last_step_of_an_earlier_stage(world, case):
    AdmissionCase.objects.filter(pk=case.pk).update(stage=Stage.CELL)
    CaseStep.objects.create(case=case, kind=StepKind.APPLICATION, occurred_on=D(2025, 2, 1))
    CaseStep.objects.create(case=case, kind=StepKind.COMMENTS_SUMMARY, occurred_on=D(2025, 2, 20))
    response = client_for(world.editor_a).get(reverse("admission:board", args=["chi-bo-a"]), {"ngay": "2025-03-01"})
    assert "9 ngày ở giai đoạn này" in response.content.decode()


def test_days_in_recognition_count_from_the_day_after_probation_ends(world, case):
    AdmissionCase.objects.filter(pk=case.pk).update(stage=Stage.RECOGNITION, opened_on=D(2021, 6, 1))
    CaseStep.objects.create(case=case, kind=StepKind.CEREMONY, occurred_on=D(2022, 3, 10))
    CaseStep.objects.create(case=case, kind=StepKind.MEMBER_HISTORY, occurred_on=D(2022, 4, 1))
    # Probation ran 10/03/2022–09/03/2023; recognition from 10/03/2023, not from the history.
    assert selectors.stage_entry_dates([AdmissionCase.objects.get(pk=case.pk)]) == {case.pk: D(2023, 3, 10)}
    response = client_for(world.editor_a).get(reverse("admission:board", args=["chi-bo-a"]), {"ngay": "2023-04-09"})
    assert "30 ngày ở giai đoạn này" in response.content.decode()
    # A self-review recorded ahead of the official date moves the case into recognition then.
    CaseStep.objects.create(case=case, kind=StepKind.SELF_REVIEW, occurred_on=D(2023, 2, 27))
    assert selectors.stage_entry_dates([AdmissionCase.objects.get(pk=case.pk)]) == {case.pk: D(2023, 2, 27)}


def test_board_query_count_does_not_grow_with_cases(world):
    client = client_for(world.editor_a)
    url = reverse("admission:board", args=["xa-a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    open_case(candidate(world, "An"), world.cell_a)
    few = queries()
    for index, stage in enumerate([Stage.CELL, Stage.COMMITTEE, Stage.DECISION, Stage.CEREMONY, Stage.PROBATION]):
        case = open_case(candidate(world, f"Người {index}"), world.cell_a, stage=stage)
        CaseStep.objects.create(case=case, kind=StepKind.APPLICATION, occurred_on=D(2025, 2, 1))
    assert queries() == few
    assert few <= 12


def test_htmx_filter_returns_only_the_board(world):
    response = client_for(world.editor_a).get(reverse("admission:board", args=["xa-a"]), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert 'class="board"' in html


def test_nav_link_opens_the_board_of_the_highest_visible_organization(world):
    response = client_for(world.viewer_commune_a).get(reverse("admission:index"))
    assert response["Location"] == reverse("admission:board", args=["xa-a"])
    assert client_for(world.nobody).get(reverse("admission:index")).status_code == 404


# --- The case page --------------------------------------------------------------------------


def test_case_page_shows_header_checklist_timeline_and_documents(world, case):
    first = CaseStep.objects.create(
        case=case, kind=StepKind.APPLICATION, occurred_on=D(2025, 1, 8), recorded_by=world.editor_a
    )
    CaseStep.objects.create(
        case=case, kind=StepKind.APPLICATION, occurred_on=D(2025, 1, 9), supersedes=first, recorded_by=world.editor_a
    )
    CaseStep.objects.create(
        case=case,
        kind=StepKind.PERSONAL_HISTORY,
        occurred_on=D(2025, 1, 10),
        override_reason="Chi bộ đã xác minh trực tiếp",
        recorded_by=world.editor_a,
    )
    Relative.objects.create(case=case, full_name="Lò Văn Bố", relation="father", party_member=True)
    html = client_for(world.viewer_commune_a).get(reverse("admission:case", args=[case.pk])).content.decode()
    assert "Lò Văn Cường" in html and "Chi bộ thôn A" in html and "Hoàn thiện hồ sơ" in html
    assert "Còn thiếu" in html  # the checklist
    assert html.count("<del>") == 1  # the corrected application, struck through
    assert "Chi bộ đã xác minh trực tiếp" in html
    assert "ghi bởi editor_a" in html
    # A relative's name is sensitive: the viewer sees the relation, not the name.
    assert "Lò Văn Bố" not in html and "Cha" in html and "••••" in html
    html = client_for(world.editor_a).get(reverse("admission:case", args=[case.pk])).content.decode()
    assert "Lò Văn Bố" in html
    assert reverse("admission:document", args=[case.pk, "checklist"]) in html
    assert reverse("admission:step", args=[case.pk, "application"]) not in html  # viewer: no step links


def test_case_page_lists_next_steps_for_an_editor(world, case):
    html = client_for(world.editor_a).get(reverse("admission:case", args=[case.pk])).content.decode()
    assert reverse("admission:step", args=[case.pk, "application"]) in html
    assert reverse("admission:step", args=[case.pk, "cell_resolution"]) not in html  # needs the dossier first


@pytest.fixture
def fake_documents(monkeypatch):
    """The documents module with its renderer faked (no Word or PDF is made); the
    download path around it (masking, audit, headers) is the real one."""
    from ketnap.admission import documents

    calls = []

    def render(kind, case, on, disclosure):
        if kind not in {"checklist", "cell_resolution"}:
            raise KeyError(kind)
        calls.append((kind, case.pk, on))
        return b"%PDF-fake", "danh-muc-ho-so-lo-van-cuong.pdf", "application/pdf"

    monkeypatch.setattr(documents, "render", render)
    return calls


@pytest.mark.parametrize(("persona", "status"), [("nobody", 404), ("editor_a", 200), ("outsider_b", 404)])
def test_document_three_ways(world, case, fake_documents, persona, status):
    url = reverse("admission:document", args=[case.pk, "checklist"])
    assert client_for(getattr(world, persona)).get(url).status_code == status


def test_document_is_served_as_an_attachment(world, case, fake_documents):
    url = reverse("admission:document", args=[case.pk, "checklist"])
    response = client_for(world.editor_a).get(url, {"ngay": "2025-02-01"})
    assert response.content == b"%PDF-fake"
    assert response["Content-Disposition"] == 'attachment; filename="danh-muc-ho-so-lo-van-cuong.pdf"'
    assert fake_documents == [("checklist", case.pk, D(2025, 2, 1))]
    assert client_for(world.editor_a).get(reverse("admission:document", args=[case.pk, "khac"])).status_code == 404


# --- Check, block, override, stale ------------------------------------------------------------


@pytest.fixture
def approver(world: World):
    return make_user("approver_a", (world.province_a, "approver"))


def young_case(world: World) -> AdmissionCase:
    """A case whose candidate is 17 at the cell meeting: the age rule blocks the resolution."""
    person = make_person(world.cell_a, family="Hà", middle="Thị", given="Nhỏ", birth_date=D(2007, 6, 1))
    case = open_case(person, world.cell_a)
    for kind in (StepKind.APPLICATION, StepKind.PERSONAL_HISTORY):
        CaseStep.objects.create(case=case, kind=kind, occurred_on=D(2025, 1, 8))
    return case


def vote(case: AdmissionCase, **fields) -> dict:
    counts = {"official_members": 3, "in_favour": 3, **fields}
    return step_post(case, occurred_on="15/01/2025", document_number="01-NQ/CB", **counts)


def test_check_shows_findings_without_writing(world):
    case = young_case(world)
    url = reverse("admission:step", args=[case.pk, "cell_resolution"]) + "?check=1"
    response = client_for(world.editor_a).post(url, vote(case), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and 'id="findings"' in html
    assert "finding blocking" in html
    assert "đủ điều kiện từ" in html  # time cures an age finding
    assert CaseStep.objects.filter(case=case).count() == 2
    assert AdmissionCase.objects.get(pk=case.pk).version == case.version


def test_check_without_javascript_renders_the_page_with_findings(world):
    case = young_case(world)
    url = reverse("admission:step", args=[case.pk, "cell_resolution"]) + "?check=1"
    html = client_for(world.editor_a).post(url, vote(case)).content.decode()
    assert "<html" in html and "finding blocking" in html
    assert CaseStep.objects.filter(case=case).count() == 2


def test_blocking_findings_block_the_record(world):
    case = young_case(world)
    url = reverse("admission:step", args=[case.pk, "cell_resolution"])
    response = client_for(world.editor_a).post(url, vote(case, override_reason="Tôi muốn"))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chưa ghi nhận được" in html and "finding blocking" in html
    assert "override_reason" not in html  # an editor is not offered the override
    assert not CaseStep.objects.filter(case=case, kind="cell_resolution").exists()


def test_approver_overrides_with_a_reason(world, approver):
    case = young_case(world)
    url = reverse("admission:step", args=[case.pk, "cell_resolution"])
    client = client_for(approver)
    assert 'name="override_reason"' in client.get(url).content.decode()
    response = client.post(url, vote(case, override_reason="Ban Thường vụ đã đồng ý bằng văn bản"))
    assert response.status_code == 302
    step = CaseStep.objects.get(case=case, kind="cell_resolution")
    assert step.override_reason == "Ban Thường vụ đã đồng ý bằng văn bản"


def test_stale_form_is_told_who_recorded_what(world, case):
    url = reverse("admission:step", args=[case.pk, "application"])
    stale = step_post(case)
    client_for(world.admin).post(url, step_post(case))
    response = client_for(world.editor_a).post(reverse("admission:step", args=[case.pk, "personal_history"]), stale)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Hồ sơ vừa được người khác cập nhật trong lúc bạn nhập: admin đã ghi “Đơn xin vào Đảng”" in html
    assert CaseStep.objects.filter(case=case).count() == 1


def test_vote_fields_are_prefilled_from_the_rolls(world, case):
    for given in ("Một", "Hai", "Ba"):
        make_member(world.cell_a, given=given)
    html = client_for(world.editor_a).get(reverse("admission:step", args=[case.pk, "cell_resolution"])).content.decode()
    assert 'name="official_members" value="3"' in html
    assert f'name="expected_version" value="{case.version}"' in html


def test_vote_larger_than_the_cell_is_refused_next_to_the_field(world):
    case = young_case(world)
    url = reverse("admission:step", args=[case.pk, "cell_resolution"])
    html = client_for(world.editor_a).post(url, vote(case, in_favour=5)).content.decode()
    assert "Số tán thành không được lớn hơn số đảng viên chính thức." in html


# --- Corrections and voids ---------------------------------------------------------------------


def test_case_page_offers_correct_and_void_on_effective_steps_to_editors(world, case, extras):
    url = reverse("admission:case", args=[case.pk])
    html = client_for(world.editor_a).get(url).content.decode()
    assert reverse("admission:step_correct", args=[extras.step.pk]) in html
    assert reverse("admission:step_void", args=[extras.step.pk]) in html
    viewer = client_for(world.viewer_commune_a).get(url).content.decode()
    assert reverse("admission:step_correct", args=[extras.step.pk]) not in viewer


def test_correction_form_is_prefilled_with_the_step(world):
    case = young_case(world)
    step = CaseStep.objects.create(
        case=case,
        kind=StepKind.CELL_RESOLUTION,
        occurred_on=D(2025, 1, 15),
        document_number="01-NQ/CB",
        data={"official_members": 3, "in_favour": 2},
    )
    html = client_for(world.editor_a).get(reverse("admission:step_correct", args=[step.pk])).content.decode()
    assert 'name="occurred_on" value="15/01/2025"' in html
    assert 'name="document_number" value="01-NQ/CB"' in html
    assert 'name="official_members" value="3"' in html and 'name="in_favour" value="2"' in html
    assert 'name="reason"' in html


def test_correction_keeps_the_original_struck_through_in_the_timeline(world, case, extras):
    client = client_for(world.editor_a)
    response = client.post(
        reverse("admission:step_correct", args=[extras.step.pk]),
        {"occurred_on": "09/01/2025", "document_number": "", "reason": "Ghi nhầm ngày nộp đơn"},
    )
    assert response["Location"] == reverse("admission:case", args=[case.pk])
    correction = CaseStep.objects.get(supersedes=extras.step)
    assert (correction.occurred_on, correction.note, correction.recorded_by) == (
        D(2025, 1, 9),
        "Ghi nhầm ngày nộp đơn",
        world.editor_a,
    )
    assert CaseStep.objects.filter(pk=extras.step.pk, occurred_on=D(2025, 1, 8)).exists()
    html = client.get(reverse("admission:case", args=[case.pk])).content.decode()
    struck = html[html.index("<del>") : html.index("</del>")]
    assert "08/01/2025" in struck and "Đơn xin vào Đảng" in struck
    assert "đã đính chính" in html and "đính chính ghi nhận trước" in html
    assert "Ghi nhầm ngày nộp đơn" in html
    # Only the correction can be corrected now.
    assert reverse("admission:step_correct", args=[extras.step.pk]) not in html
    assert reverse("admission:step_correct", args=[correction.pk]) in html


def test_a_step_corrected_meanwhile_is_refused_on_the_form(world, case, extras):
    services.step_void(actor=world.admin, step=extras.step, reason="Ghi nhầm")
    url = reverse("admission:step_correct", args=[extras.step.pk])
    response = client_for(world.editor_a).post(url, {"occurred_on": "09/01/2025", "reason": "Ghi nhầm ngày"})
    assert response.status_code == 200
    assert "Bước này đã được đính chính hoặc hủy trước đó." in response.content.decode()


def test_void_keeps_the_step_and_shows_it_voided(world, case, extras):
    client = client_for(world.editor_a)
    response = client.post(reverse("admission:step_void", args=[extras.step.pk]), {"reason": "Ghi nhầm hồ sơ"})
    assert response["Location"] == reverse("admission:case", args=[case.pk])
    assert CaseStep.objects.get(supersedes=extras.step).void
    html = client.get(reverse("admission:case", args=[case.pk])).content.decode()
    assert html.count("<del>") == 1
    assert "đã hủy" in html and "hủy ghi nhận trước" in html and "Ghi nhầm hồ sơ" in html


def test_void_page_asks_for_confirmation_and_a_reason(world, case, extras):
    url = reverse("admission:step_void", args=[extras.step.pk])
    client = client_for(world.editor_a)
    html = client.get(url).content.decode()
    assert "Đơn xin vào Đảng" in html and "08/01/2025" in html and "Xác nhận hủy" in html
    assert client.post(url, {"reason": ""}).status_code == 200
    assert not CaseStep.objects.filter(supersedes=extras.step).exists()


@pytest.fixture
def blocked_resolution(world, approver) -> CaseStep:
    """A cell resolution on a 17-year-old, recorded by an approver over the age rule."""
    case = young_case(world)
    return services.step_record(
        actor=approver,
        case=case,
        kind=StepKind.CELL_RESOLUTION,
        occurred_on=D(2025, 1, 15),
        document_number="01-NQ/CB",
        data={"official_members": 3, "in_favour": 3},
        override_reason="Ban Thường vụ đã đồng ý bằng văn bản",
    )


def correction_of(step: CaseStep, **fields) -> dict:
    return {
        "occurred_on": "16/01/2025",
        "document_number": step.document_number,
        "official_members": 3,
        "in_favour": 3,
        "reason": "Ghi nhầm ngày họp",
        **fields,
    }


def test_void_refused_while_later_steps_depend_on_it(world, blocked_resolution):
    application = CaseStep.objects.get(case=blocked_resolution.case, kind=StepKind.APPLICATION)
    response = client_for(world.editor_a).post(
        reverse("admission:step_void", args=[application.pk]), {"reason": "Ghi nhầm"}
    )
    assert response.status_code == 200
    assert "Còn các bước sau dựa trên bước này" in response.content.decode()
    assert not CaseStep.objects.filter(supersedes=application).exists()


def test_an_editor_is_shown_why_a_blocked_correction_needs_an_approver(world, blocked_resolution):
    url = reverse("admission:step_correct", args=[blocked_resolution.pk])
    response = client_for(world.editor_a).post(url, correction_of(blocked_resolution))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Chỉ người có quyền phê duyệt mới được ghi bước khi còn vấn đề chưa đạt." in html
    assert "finding blocking" in html
    assert not CaseStep.objects.filter(supersedes=blocked_resolution).exists()


def test_an_approver_corrects_a_blocked_step_with_the_reason_as_override(world, approver, blocked_resolution):
    url = reverse("admission:step_correct", args=[blocked_resolution.pk])
    response = client_for(approver).post(url, correction_of(blocked_resolution))
    assert response.status_code == 302
    correction = CaseStep.objects.get(supersedes=blocked_resolution)
    assert (correction.occurred_on, correction.override_reason) == (D(2025, 1, 16), "Ghi nhầm ngày họp")


def test_an_outsider_cannot_correct_or_void(world, case, extras):
    for name in ("step_correct", "step_void"):
        url = reverse(f"admission:{name}", args=[extras.step.pk])
        assert client_for(world.outsider_b).post(url, _valid_post(name, world)).status_code == 404
    assert not CaseStep.objects.filter(supersedes=extras.step).exists()


# --- Opening a case, evidence, source ---------------------------------------------------------


def test_open_a_case_for_a_person(world):
    person = candidate(world, "Mới")
    url = reverse("admission:case_open") + f"?person={person.pk}"
    response = client_for(world.editor_a).post(
        url,
        {
            "opened_on": "06/01/2025",
            "kind": "admission",
            "cell": world.cell_a.pk,
            "youth_union_organisation_exists": "on",
        },
    )
    case = AdmissionCase.objects.get(person=person)
    assert response["Location"] == reverse("admission:case", args=[case.pk])
    assert (case.cell, case.opened_on) == (world.cell_a, D(2025, 1, 6))


def test_open_case_refuses_a_cell_outside_the_editors_scope(world):
    person = candidate(world, "Mới")
    url = reverse("admission:case_open") + f"?person={person.pk}"
    response = client_for(world.editor_a).post(
        url, {"opened_on": "06/01/2025", "kind": "admission", "cell": world.cell_b.pk}
    )
    assert response.status_code == 200
    assert not AdmissionCase.objects.filter(person=person).exists()


def test_add_relative_and_verification_request(world, case):
    client = client_for(world.editor_a)
    response = client.post(
        reverse("admission:relative_add", args=[case.pk]),
        {"full_name": "Lò Thị Mẹ", "relation": "mother", "fully_declared": "on", "full_civil_capacity": "on"},
    )
    assert response.status_code == 302
    relative = Relative.objects.get(case=case)
    response = client.post(
        reverse("admission:verification_add", args=[case.pk]),
        {"relative": relative.pk, "addressee": "Đảng ủy xã B", "sent_on": "12/01/2025", "document_number": "05-CV/ĐU"},
    )
    assert response.status_code == 302
    assert case.verifications.get().relative == relative


def test_the_case_page_lists_certificates_and_links_to_the_classes_that_issue_them(world, case):
    page = client_for(world.editor_a).get(reverse("admission:case", args=[case.pk])).content.decode()
    assert "Giấy chứng nhận lớp nhận thức về Đảng" in page
    assert reverse("training:classes") in page
    assert "chung-nhan" not in page


def test_add_introducer(world, case):
    member = make_member(world.cell_a, given="Giới", ceremony=D(2010, 3, 1))
    client = client_for(world.editor_a)
    response = client.post(
        reverse("admission:introducer_add", args=[case.pk]),
        {"member": member.pk, "basis": "residence", "together_since": "01/01/2020", "introduced_on": "09/01/2025"},
    )
    assert response.status_code == 302
    assert case.introducers.get().member == member


def test_source_flow_add_list_help_note(world):
    person = candidate(world, "Nguồn")
    helper = make_member(world.cell_a, given="Giúp", ceremony=D(2010, 3, 1))
    client = client_for(world.editor_a)
    response = client.post(
        reverse("admission:prospect_add", args=["chi-bo-a"]),
        {"person": person.pk, "origin": "youth_union", "noted_on": "01/03/2024"},
    )
    assert response.status_code == 302
    prospect = Prospect.objects.get(person=person)
    assert (
        client.post(
            reverse("admission:listing_add", args=[prospect.pk]), {"on": "01/04/2024", "resolution": "12-NQ/CB"}
        ).status_code
        == 302
    )
    assert (
        client.post(
            reverse("admission:helper_assign", args=[prospect.pk]), {"helper": helper.pk, "on": "01/04/2024"}
        ).status_code
        == 302
    )
    note = {"meeting_on": "05/05/2024", "reported_by": helper.pk, "text": "Tích cực tham gia đoàn thể"}
    assert client.post(reverse("admission:progress_note_add", args=[prospect.pk]), note).status_code == 302
    html = client.get(reverse("admission:prospects", args=["chi-bo-a"]), {"ngay": "2024-06-01"}).content.decode()
    assert "Lò Văn Nguồn" in html and "Đoàn Thanh niên" in html
    assert "01/04/2024 (NQ 12-NQ/CB)" in html
    assert "Nguyễn Văn Giúp" in html
    assert "Tích cực tham gia đoàn thể" in html
    assert reverse("admission:case_open") + f"?person={person.pk}" in html


def test_reply_to_a_verification_from_the_case_page(world, case, extras):
    client = client_for(world.editor_a)
    case_url = reverse("admission:case", args=[case.pk])
    reply_url = reverse("admission:verification_reply", args=[extras.verification.pk])
    assert reply_url in client.get(case_url).content.decode()
    response = client.post(reply_url, {"replied_on": "20/01/2025", "result": "Lịch sử chính trị rõ ràng"})
    assert response["Location"] == case_url
    html = client.get(case_url).content.decode()
    assert "đã trả lời ngày 20/01/2025: Lịch sử chính trị rõ ràng" in html
    assert reply_url not in html
    again = client.post(reply_url, {"replied_on": "21/01/2025", "result": "Lần hai"})
    assert "Yêu cầu thẩm tra này đã có trả lời." in again.content.decode()


def test_reply_before_the_request_was_sent_is_refused_next_to_the_date(world, extras):
    url = reverse("admission:verification_reply", args=[extras.verification.pk])
    html = client_for(world.editor_a).post(url, {"replied_on": "05/01/2025", "result": "x"}).content.decode()
    assert "Ngày trả lời không được trước ngày gửi." in html
    assert VerificationRequest.objects.get(pk=extras.verification.pk).replied_on is None


def test_replace_an_introducer_from_the_case_page(world, case, extras):
    client = client_for(world.editor_a)
    case_url = reverse("admission:case", args=[case.pk])
    replace_url = reverse("admission:introducer_replace", args=[extras.introducer.pk])
    assert replace_url in client.get(case_url).content.decode()
    page = client.get(replace_url).content.decode()
    assert "Nguyễn Văn Giới" in page  # who is replaced, named in the intro
    new = make_member(world.cell_a, given="Thay", ceremony=D(2010, 3, 1))
    response = client.post(replace_url, {"new_member": new.pk, "on": "15/01/2025"})
    assert response["Location"] == case_url
    old = Introducer.objects.get(pk=extras.introducer.pk)
    assert old.withdrawn_on == D(2025, 1, 15)
    replacement = Introducer.objects.get(case=case, member=new)
    assert replacement.replacement and replacement.introduced_on == D(2025, 1, 15)
    html = client.get(case_url).content.decode()
    assert "đã thôi từ 15/01/2025" in html
    assert replace_url not in html


def test_source_rows_list_off_task_and_leave(world, prospect):
    client = client_for(world.editor_a)
    SympathiserListing.objects.create(prospect=prospect, valid_from=D(2024, 5, 2), added_by_resolution="03-NQ/CB")
    source_url = reverse("admission:prospects", args=["chi-bo-a"])
    html = client.get(source_url, {"ngay": "2024-05-10"}).content.decode()
    assert reverse("admission:listing_remove", args=[prospect.pk]) in html
    assert f'href="{reverse("admission:listing_add", args=[prospect.pk])}"' not in html
    assert reverse("admission:task_assign", args=[prospect.pk]) in html
    assert reverse("admission:prospect_leave", args=[prospect.pk]) in html

    task = {"assigned_on": "01/06/2024", "description": "Phụ trách đội thanh niên tình nguyện", "due_on": "30/06/2024"}
    assert client.post(reverse("admission:task_assign", args=[prospect.pk]), task)["Location"] == source_url
    assigned = Task.objects.get(prospect=prospect)
    html = client.get(source_url, {"ngay": "2024-06-10"}).content.decode()
    assert "Phụ trách đội thanh niên tình nguyện" in html and "hạn 30/06/2024" in html
    complete_url = reverse("admission:task_complete", args=[assigned.pk])
    assert complete_url in html
    done = {"completed_on": "28/06/2024", "result": "Hoàn thành tốt"}
    assert client.post(complete_url, done)["Location"] == source_url
    assigned.refresh_from_db()
    assert (assigned.completed_on, assigned.result) == (D(2024, 6, 28), "Hoàn thành tốt")
    assert complete_url not in client.get(source_url, {"ngay": "2024-07-01"}).content.decode()

    off = {"on": "01/08/2024", "resolution": "09-NQ/CB"}
    assert client.post(reverse("admission:listing_remove", args=[prospect.pk]), off)["Location"] == source_url
    listing = SympathiserListing.objects.get(prospect=prospect)
    assert (listing.valid_to, listing.removed_by_resolution) == (D(2024, 8, 1), "09-NQ/CB")

    leave = {"on": "01/09/2024", "note": "Chuyển đi nơi khác"}
    assert client.post(reverse("admission:prospect_leave", args=[prospect.pk]), leave)["Location"] == source_url
    prospect.refresh_from_db()
    assert prospect.left_on == D(2024, 9, 1)
    assert "Lò Văn Dũng" not in client.get(source_url, {"ngay": "2024-09-02"}).content.decode()


def test_taking_off_the_list_someone_not_on_it_is_refused_on_the_form(world, prospect):
    url = reverse("admission:listing_remove", args=[prospect.pk])
    response = client_for(world.editor_a).post(url, {"on": "01/08/2024", "resolution": "09-NQ/CB"})
    assert response.status_code == 200
    assert "Người này không có tên trong danh sách cảm tình Đảng." in response.content.decode()


def test_source_page_query_count_does_not_grow_with_rows(world):
    client = client_for(world.editor_a)
    url = reverse("admission:prospects", args=["chi-bo-a"])

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"ngay": "2024-07-01"}).status_code == 200
        return len(captured)

    def add(given: str) -> None:
        prospect = Prospect.objects.create(
            person=candidate(world, given), cell=world.cell_a, origin="school", noted_on=D(2024, 5, 1)
        )
        Task.objects.create(prospect=prospect, assigned_on=D(2024, 6, 1), description="Nhiệm vụ")

    add("Một")
    few = queries()
    for given in ("Hai", "Ba", "Bốn"):
        add(given)
    assert queries() == few


# --- The work queue ---------------------------------------------------------------------------


def test_queue_page_lists_due_and_overdue_items_with_links(world):
    case = open_case(
        candidate(world),
        world.cell_a,
        stage=Stage.DECISION,
        due_on=D(2025, 2, 3),
        due_code="admission.decision.deadline",
    )
    response = client_for(world.viewer_commune_a).get(reverse("admission:queue", args=["xa-a"]), {"ngay": "2025-02-10"})
    html = response.content.decode()
    assert reverse("admission:case", args=[case.pk]) in html
    assert 'class="overdue"' in html and "Quá hạn" in html


def test_queue_panel_fragment_is_limited(world):
    for index in range(3):
        open_case(
            candidate(world, f"N{index}"), world.cell_a, due_on=D(2025, 2, 3), due_code="admission.decision.deadline"
        )
    response = client_for(world.editor_a).get(
        reverse("admission:queue", args=["xa-a"]), {"ngay": "2025-02-10", "toi_da": "2"}, headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert "<html" not in html
    assert html.count("<tr class=") == 2
    assert "Xem tất cả 3 việc" in html


def test_organization_page_links_board_and_loads_queue_panel(world):
    html = client_for(world.editor_a).get(reverse("organization", args=["xa-a"])).content.decode()
    assert reverse("admission:board", args=["xa-a"]) in html
    assert reverse("admission:queue", args=["xa-a"]) in html
    assert "Hàng việc" in html


def test_real_word_draft_downloads_as_a_docx(world, case):
    pytest.importorskip("docx")
    url = reverse("admission:document", args=[case.pk, "cell_resolution"])
    response = client_for(world.editor_a).get(url)
    assert response.status_code == 200
    assert response.content[:2] == b"PK"
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"].endswith('.docx"')


def test_source_links_carry_unformatted_ids(world: World) -> None:
    """Ids in links are never localized: 12.345 in Vietnamese would be another number."""
    person = make_person(world.cell_a, given="Mười", id=12345)
    Prospect.objects.create(person=person, cell=world.cell_a, origin="youth_union", noted_on=dt.date(2025, 3, 1))
    response = client_for(world.editor_a).get(reverse("admission:prospects", args=["chi-bo-a"]))
    assert response.status_code == 200
    assert "?person=12345" in response.content.decode()


# --- Protection of member records: documents, the case page, cases across the tree ---------


def test_document_download_is_audited_as_a_download_about_the_person(world, case, fake_documents):
    client_for(world.viewer_commune_a).get(reverse("admission:document", args=[case.pk, "cell_resolution"]))
    entry = AuditEntry.objects.get(action="file.download")
    assert entry.actor == world.viewer_commune_a
    assert (entry.object_type, entry.object_id) == ("people.person", str(case.person_id))
    assert (entry.after["kind"], entry.after["case"]) == ("cell_resolution", str(case.pk))


def test_a_refused_or_unknown_document_is_not_audited(world, case, fake_documents):
    assert (
        client_for(world.outsider_b).get(reverse("admission:document", args=[case.pk, "checklist"])).status_code == 404
    )
    assert client_for(world.editor_a).get(reverse("admission:document", args=[case.pk, "khac"])).status_code == 404
    assert not AuditEntry.objects.filter(action="file.download").exists()


def test_viewer_sees_no_verification_result_on_the_case_page(world, case):
    relative = Relative.objects.create(case=case, full_name="Lò Văn Bố", relation="father")
    VerificationRequest.objects.create(
        case=case, relative=relative, addressee="Đảng ủy xã B", sent_on=D(2025, 1, 9),
        replied_on=D(2025, 1, 20), result="Có người thân ở nước ngoài.",
    )  # fmt: skip
    url = reverse("admission:case", args=[case.pk])
    html = client_for(world.viewer_commune_a).get(url).content.decode()
    assert "Có người thân ở nước ngoài" not in html and "Lò Văn Bố" not in html
    assert "đã trả lời ngày 20/01/2025" in html
    assert "Có người thân ở nước ngoài" in client_for(world.editor_a).get(url).content.decode()


def test_a_case_cannot_carry_a_person_of_another_cell(world):
    other = make_org(world.commune_a, "chi-bo-a2", OrgKind.SUBORDINATE_CELL, name="Chi bộ thôn A2")
    make_member(other, given="Một")
    person = candidate(world)  # recorded in cell A
    response = client_for(world.editor_a).post(
        reverse("admission:case_open") + f"?person={person.pk}",
        {"cell": other.pk, "opened_on": "2025-01-06", "kind": "admission"},
    )
    assert response.status_code == 200  # the form again, with the refusal
    assert "không thuộc Chi bộ thôn A2" in response.content.decode()
    assert not AdmissionCase.objects.filter(person=person).exists()


def test_reading_a_case_rechecks_its_person(world):
    stranger = make_person(world.cell_b, family="Hà", middle="Văn", given="Lạ")
    case = open_case(stranger, world.cell_a)  # as data written before the check could be
    assert client_for(world.viewer_commune_a).get(reverse("admission:case", args=[case.pk])).status_code == 404
    assert client_for(world.admin).get(reverse("admission:case", args=[case.pk])).status_code == 200


def test_the_board_does_not_show_a_case_whose_person_is_outside_the_subtree(world):
    stranger = make_person(world.cell_b, family="Hà", middle="Văn", given="Lạ")
    open_case(stranger, world.cell_a)  # as data written before the check could be
    html = client_for(world.viewer_commune_a).get(reverse("admission:board", args=["xa-a"])).content.decode()
    assert "Hà Văn Lạ" not in html

"""The import's background jobs: committing an upload (all rows or none, refused for an
upload out of the starting user's reach), the row threshold that sends the page and the
API to the queue, and the people lists as job files."""

from __future__ import annotations

from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from openpyxl import load_workbook

from ketnap.core.errors import NotFound, TransitionNotAllowed, ValidationFailed
from ketnap.core.testing import World, build_world, make_member, make_user
from ketnap.imports.columns import Kind
from ketnap.imports.jobs import EXPORT_KINDS, IMPORT_COMMIT
from ketnap.imports.models import Upload
from ketnap.imports.services import upload_create
from ketnap.imports.tests.workbooks import good_member, simple
from ketnap.jobs import services
from ketnap.jobs.models import Job, JobState
from ketnap.jobs.runner import run_job
from ketnap.jobs.selectors import job_file
from ketnap.jobs.tests.conftest import run_worker, worker_db  # noqa: F401 (the fixture)
from ketnap.people.models import Person


@pytest.fixture
def w(db: None) -> World:
    return build_world()


def _upload(w: World, rows: list[dict[str, Any]], actor: Any = None) -> Upload:
    return upload_create(
        actor=actor or w.editor_a, organization=w.cell_a, kind=Kind.MEMBERS, filename="ds.xlsx", content=simple(rows)
    )


def _names() -> set[str]:
    return {person.full_name for person in Person.objects.all()}


def _run(w: World, upload: Upload, actor: Any = None) -> Job:
    job = services.job_start(
        actor=actor or w.editor_a, kind=IMPORT_COMMIT, organization=upload.organization, params={"upload": upload.pk}
    )
    run_job(job.pk, echo=lambda *args: None)
    job.refresh_from_db()
    return job


def test_the_job_commits_a_good_file(w: World) -> None:
    upload = _upload(w, [good_member(), good_member("Lò Văn Hải")])
    job = _run(w, upload)
    assert job.state == JobState.DONE, job.error
    assert job.message == "Đã nhập 2 người từ tệp ds.xlsx."
    assert (job.done, job.total) == (4, 4)  # checking the 2 rows, then writing them
    assert _names() >= {"Lò Văn Minh", "Lò Văn Hải"}
    upload.refresh_from_db()
    assert upload.committed_at is not None and bytes(upload.content) == b""


@pytest.mark.usefixtures("worker_db")
def test_the_queue_worker_commits_it_in_its_own_transaction() -> None:
    w = build_world()
    upload = _upload(w, [good_member(), good_member("Lò Văn Hải")])
    job = services.job_start(actor=w.editor_a, kind=IMPORT_COMMIT, organization=w.cell_a, params={"upload": upload.pk})
    run_worker()
    job.refresh_from_db()
    assert job.state == JobState.DONE and job.message == "Đã nhập 2 người từ tệp ds.xlsx.", job.error
    assert _names() >= {"Lò Văn Minh", "Lò Văn Hải"}


def test_a_bad_file_fails_naming_row_and_column_and_writes_nothing(w: World) -> None:
    before = Person.objects.count()
    upload = _upload(w, [good_member(), good_member("Lò Văn Hải", **{"Ngày sinh": "31/02/1990"})])
    job = _run(w, upload)
    assert job.state == JobState.FAILED
    assert "Tệp có 1 lỗi; chưa ghi gì." in job.error
    assert "Dòng 3, cột B (Ngày sinh)" in job.error
    assert Person.objects.count() == before
    upload.refresh_from_db()
    assert upload.committed_at is None


def test_an_upload_out_of_reach_is_refused_at_start(w: World) -> None:
    upload = _upload(w, [good_member()])
    stranger = make_user("editor_b", (w.province_b, "editor"))
    with pytest.raises(NotFound):  # the province B editor cannot start it about A...
        _run(w, upload, actor=stranger)
    with pytest.raises(NotFound):  # ...nor name A's upload in a job about B
        services.job_start(actor=stranger, kind=IMPORT_COMMIT, organization=w.province_b, params={"upload": upload.pk})
    viewer = w.viewer_commune_a
    with pytest.raises(Exception) as refused:  # a viewer may not import at all
        _run(w, upload, actor=viewer)
    assert getattr(refused.value, "status", None) in (403, 404)
    assert not Job.objects.exists() and "Lò Văn Minh" not in _names()


def test_an_upload_gone_by_the_time_the_job_runs_fails_in_words(w: World) -> None:
    upload = _upload(w, [good_member()])
    job = services.job_start(actor=w.editor_a, kind=IMPORT_COMMIT, organization=w.cell_a, params={"upload": upload.pk})
    Upload.objects.filter(pk=upload.pk).delete()
    run_job(job.pk, echo=lambda *args: None)
    job.refresh_from_db()
    assert job.state == JobState.FAILED and "Không tìm thấy tệp nhập này" in job.error


@pytest.mark.parametrize(
    ("params", "field"),
    [({}, "upload"), ({"upload": "abc"}, "upload"), ({"upload": True}, "upload"), ({"upload": 1, "x": 2}, "x")],
)
def test_parameters_are_checked_naming_the_field(w: World, params: dict[str, Any], field: str) -> None:
    with pytest.raises(ValidationFailed) as error:
        services.job_start(actor=w.editor_a, kind=IMPORT_COMMIT, organization=w.cell_a, params=params)
    assert error.value.field == field


def test_the_generic_start_form_does_not_offer_the_import_commit(w: World) -> None:
    from ketnap.jobs.forms import kinds_for

    offered = {item.kind for item in kinds_for(w.editor_a, w.cell_a)}
    assert IMPORT_COMMIT not in offered and set(EXPORT_KINDS.values()) <= offered


@override_settings(IMPORT_BACKGROUND_ROWS=1)
def test_the_page_commits_a_long_file_in_the_background(w: World) -> None:
    client = Client()
    client.force_login(w.editor_a)
    upload = _upload(w, [good_member(), good_member("Lò Văn Hải")])
    keys = ["full_name", "birth_date", "gender", "hometown", "education", "admitted_on"]
    Upload.objects.filter(pk=upload.pk).update(mapping=dict(zip("ABCDEF", keys, strict=True)), sheet="Sheet")
    assert "Tệp có hơn 1 dòng: việc ghi chạy trong nền" in client.get(f"/nhap-excel/tep/{upload.pk}/").content.decode()
    response = client.post(f"/nhap-excel/tep/{upload.pk}/", {"action": "commit"})
    job = Job.objects.get(kind=IMPORT_COMMIT)
    assert response.status_code == 302 and response["Location"] == f"/viec-chay/viec/{job.pk}/"
    assert job.params == {"upload": upload.pk} and job.owner == w.editor_a
    assert "Lò Văn Hải" not in _names()  # not in the request
    again = client.post(f"/nhap-excel/tep/{upload.pk}/", {"action": "commit"})
    assert again["Location"] == f"/viec-chay/viec/{job.pk}/" and Job.objects.count() == 1
    with pytest.raises(TransitionNotAllowed):
        services.job_start(actor=w.editor_a, kind=IMPORT_COMMIT, organization=w.cell_a, params={"upload": upload.pk})


@override_settings(IMPORT_BACKGROUND_ROWS=2)
def test_the_page_commits_a_short_file_in_the_request(w: World) -> None:
    client = Client()
    client.force_login(w.editor_a)
    upload = _upload(w, [good_member(), good_member("Lò Văn Hải")])
    response = client.post(f"/nhap-excel/tep/{upload.pk}/", {"action": "commit"})
    assert "Đã ghi 2 người" in response.content.decode()
    assert not Job.objects.exists()


@override_settings(IMPORT_BACKGROUND_ROWS=1)
def test_the_api_answers_202_with_the_job_over_the_threshold(w: World) -> None:
    from ketnap.accounts.tokens import token_create

    token = token_create(actor=None, user=w.editor_a, label="test")[1]
    client = Client(headers={"Authorization": f"Bearer {token}"})
    data = {"file": SimpleUploadedFile("ds.xlsx", simple([good_member(), good_member("Lò Văn Hải")]))}
    response = client.post("/api/v1/organizations/chi-bo-a/imports/members", data)
    assert response.status_code == 202, response.content
    body = response.json()
    job = Job.objects.get(pk=body["job"])
    assert body["url"] == f"/api/v1/jobs/{job.pk}" and body["page"] == f"/viec-chay/viec/{job.pk}/"
    assert body["state"] == "queued" and "Lò Văn Hải" not in _names()
    run_job(job.pk, echo=lambda *args: None)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert "Lò Văn Hải" in _names()


@pytest.mark.parametrize("kind", list(Kind))
def test_export_kinds_make_a_readable_workbook(w: World, kind: Kind) -> None:
    make_member(w.cell_a, given="Minh")
    job = services.job_start(actor=w.editor_a, kind=EXPORT_KINDS[kind], organization=w.province_a)
    run_job(job.pk, echo=lambda *args: None)
    job.refresh_from_db()
    assert job.state == JobState.DONE, job.error
    assert job.file_name == f"danh-sach-{kind.value}-{w.province_a.code}.xlsx"
    sheet = load_workbook(BytesIO(job_file(job))).worksheets[0]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert any("Minh" in str(name) for name in names) is (kind is Kind.MEMBERS)


def test_the_import_page_offers_the_lists_in_the_background(w: World) -> None:
    client = Client()
    client.force_login(w.editor_a)
    page = client.get("/nhap-excel/to-chuc/tinh-a/").content.decode()
    assert page.count(">Tạo trong nền</button>") == 2 and 'value="people_members_xlsx"' in page
    response = client.post("/viec-chay/to-chuc/tinh-a/", {"kind": "people_members_xlsx"})
    job = Job.objects.get(kind="people_members_xlsx")
    assert response.status_code == 302 and response["Location"] == f"/viec-chay/viec/{job.pk}/"


def test_the_job_reports_progress_while_checking_before_writing(w: World) -> None:
    from ketnap.imports.jobs import commit_upload
    from ketnap.jobs.kinds import JobInput

    upload = _upload(w, [good_member(), good_member("Lò Văn Hải")])
    seen: list[tuple[int, int]] = []
    commit_upload(JobInput(0, w.editor_a, w.cell_a, {"upload": upload.pk}), lambda *step: seen.append(step))
    # A step per row checked, then one per batch written (here one batch of two rows).
    assert seen == [(1, 4), (2, 4), (4, 4)]

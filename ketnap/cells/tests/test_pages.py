"""The pages of cell life, from the secretary's side and from an attacker's."""

from __future__ import annotations

import datetime as dt

from django.test import Client

from ketnap.audit.models import AuditEntry
from ketnap.cells import services
from ketnap.cells.models import Attendance, DuesPayment, Meeting, ReviewTask
from ketnap.core.testing import make_member

D = dt.date


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_secretary_records_a_meeting_with_one_form(cell):
    c = client_for(cell.secretary)
    page = c.get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/hop-moi/")
    assert page.status_code == 200
    assert cell.members[0].full_name in page.content.decode()
    data = {"date": "05/12/2023", "kind": "regular", "topic": "Sinh hoạt tháng 12"}
    data |= {f"att-{m.pk}": "present" for m in cell.members}
    data |= {f"att-{cell.members[1].pk}": "unexcused", f"att-{cell.members[2].pk}": "excused"}
    data[f"reason-{cell.members[2].pk}"] = "Đi viện"
    response = c.post(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/hop-moi/", data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/sinh-hoat-chi-bo/buoi-hop/{meeting.pk}/"
    assert Attendance.objects.get(person=cell.members[1]).absence == "unexcused"
    detail = c.get(response["Location"]).content.decode()
    assert "05/12/2023" in detail and "Có mặt 2/4" in detail


def test_a_missing_reason_is_shown_on_the_form_with_400(cell):
    c = client_for(cell.secretary)
    data = {"date": "05/12/2023", "kind": "regular", "topic": "x", f"att-{cell.members[0].pk}": "excused"}
    response = c.post(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/hop-moi/", data)
    assert response.status_code == 400
    assert "ghi lý do vắng" in response.content.decode()
    assert not Meeting.objects.exists()


def test_a_bad_date_is_a_form_error_not_a_500(cell):
    c = client_for(cell.secretary)
    response = c.post(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/hop-moi/", {"date": "31/02/2023", "topic": "x"})
    assert response.status_code == 400


def test_outsiders_get_404_and_viewers_403(cell):
    url = f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/hop-moi/"
    assert client_for(cell.w.outsider_b).get(url).status_code == 404
    assert client_for(cell.viewer).get(url).status_code == 403
    assert client_for(cell.viewer).get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/").status_code == 200
    meeting = services.meeting_record(
        actor=cell.secretary, cell=cell.w.cell_a, date=D(2023, 12, 1), kind="regular", topic="x", attendance={}
    )
    assert client_for(cell.w.outsider_b).get(f"/sinh-hoat-chi-bo/buoi-hop/{meeting.pk}/").status_code == 404
    response = client_for(cell.viewer).post(f"/sinh-hoat-chi-bo/buoi-hop/{meeting.pk}/sua/", {"topic": "y"})
    assert response.status_code == 403


def test_dues_grid_saves_the_month_in_one_post(cell):
    c = client_for(cell.secretary)
    url = f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/dang-phi/?thang=2023-11"
    assert c.get(url).status_code == 200
    data = {f"paid-{m.pk}": "yes" for m in cell.members} | {f"amount-{cell.members[0].pk}": "10.000"}
    data[f"paid-{cell.members[3].pk}"] = "no"
    response = c.post(url, data)
    assert response.status_code == 302
    assert DuesPayment.objects.filter(paid=True).count() == 3
    assert DuesPayment.objects.get(person=cell.members[0]).amount == 10000
    assert "Đã đóng 3/4" in c.get(url).content.decode()
    bad = c.post(url, {f"paid-{cell.members[0].pk}": "yes", f"amount-{cell.members[0].pk}": "=1+1"})
    assert bad.status_code == 400


def test_dues_month_must_be_readable(cell):
    c = client_for(cell.secretary)
    assert c.get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/dang-phi/?thang=13/2023").status_code == 400
    assert c.get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.commune_a.code}/dang-phi/").status_code == 404
    admin = client_for(cell.w.admin)
    assert admin.get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.commune_a.code}/dang-phi/").status_code == 422


def test_regularity_and_flags_pages_and_their_xlsx_are_audited(cell):
    c = client_for(cell.w.admin)
    code = cell.w.commune_a.code
    page = c.get(f"/sinh-hoat-chi-bo/to-chuc/{code}/thuong-ky/?tu=01/10/2023&den=30/11/2023")
    assert page.status_code == 200 and "10/2023, 11/2023" in page.content.decode()
    xlsx = c.get(f"/sinh-hoat-chi-bo/to-chuc/{code}/thuong-ky/?tu=2023-10-01&den=2023-11-30&format=xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].startswith("attachment")
    assert c.get(f"/sinh-hoat-chi-bo/to-chuc/{code}/canh-bao/?ngay=01/12/2023").status_code == 200
    assert c.get(f"/sinh-hoat-chi-bo/to-chuc/{code}/canh-bao/?format=xlsx").status_code == 200
    assert c.get(f"/sinh-hoat-chi-bo/to-chuc/{code}/?format=xlsx").status_code == 200
    assert AuditEntry.objects.filter(action="file.download").count() == 3
    assert c.get(f"/sinh-hoat-chi-bo/to-chuc/{code}/thuong-ky/?tu=30/11/2023&den=01/10/2023").status_code == 400


def test_the_review_is_closed_from_its_page(cell):
    for month in (1, 2, 3):
        lines = {m.pk: services.Presence() for m in cell.members[:3]}
        lines[cell.members[0].pk] = services.Presence("unexcused")
        services.meeting_record(
            actor=cell.secretary,
            cell=cell.w.cell_a,
            date=D(2023, month, 5),
            kind="regular",
            topic="x",
            attendance=lines,
        )
    services.review_sweep(org=cell.w.cell_a, on=D(2023, 12, 1))
    task = ReviewTask.objects.get()
    c = client_for(cell.secretary)
    flags = c.get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/canh-bao/").content.decode()
    assert f"/sinh-hoat-chi-bo/xem-xet/{task.pk}/" in flags
    response = c.post(f"/sinh-hoat-chi-bo/xem-xet/{task.pk}/", {"closed_on": "10/12/2023", "outcome": "Nhắc nhở"})
    assert response.status_code == 302
    again = c.post(f"/sinh-hoat-chi-bo/xem-xet/{task.pk}/", {"closed_on": "10/12/2023", "outcome": "Lần nữa"})
    assert again.status_code == 400
    assert client_for(cell.w.outsider_b).get(f"/sinh-hoat-chi-bo/xem-xet/{task.pk}/").status_code == 404


def test_the_panel_on_the_organization_page(cell):
    services.meeting_record(
        actor=cell.secretary, cell=cell.w.cell_a, date=D(2023, 12, 1), kind="regular", topic="x", attendance={}
    )
    page = client_for(cell.w.admin).get(f"/to-chuc/{cell.w.cell_a.code}/?ngay=15/12/2023")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Sinh hoạt thường kỳ tháng 12/2023" in text and "Đã họp" in text


def test_resolution_exemption_from_the_page(cell):
    meeting = services.meeting_record(
        actor=cell.secretary, cell=cell.w.cell_a, date=D(2023, 12, 1), kind="regular", topic="x", attendance={}
    )
    c = client_for(cell.secretary)
    url = f"/sinh-hoat-chi-bo/buoi-hop/{meeting.pk}/nghi-quyet/"
    assert c.get(url).status_code == 200
    data = {"kind": "exemption", "person": cell.members[0].pk, "text": "Miễn", "reason": "old_or_weak"}
    refused = c.post(url, data | {"document_number": "01-NQ"})
    assert refused.status_code == 400 and "Thiếu đơn" in refused.content.decode()
    done = c.post(url, data | {"document_number": "01-NQ", "application": "on"})
    assert done.status_code == 302


def test_field_names_carry_large_record_numbers_plainly(cell):
    """A national database numbers people past 1.000: the fields must still be read back."""
    far = make_member(cell.w.cell_a, given="Xuân", pk=145299)
    c = client_for(cell.secretary)
    meeting_form = c.get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/hop-moi/").content.decode()
    assert 'name="att-145299"' in meeting_form and 'name="reason-145299"' in meeting_form
    dues = c.get(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/dang-phi/?thang=2023-11").content.decode()
    assert 'name="paid-145299"' in dues and 'name="amount-145299"' in dues
    data = {"date": "05/12/2023", "kind": "regular", "topic": "Sinh hoạt tháng 12", "att-145299": "unexcused"}
    assert c.post(f"/sinh-hoat-chi-bo/to-chuc/{cell.w.cell_a.code}/hop-moi/", data).status_code == 302
    assert Attendance.objects.get(person=far).absence == "unexcused"

"""The cell-life API: same services as the pages, the shared error shape."""

from __future__ import annotations

import datetime as dt

from ketnap.accounts.tokens import token_create
from ketnap.cells import services
from ketnap.cells.models import Meeting, ReviewTask

D = dt.date


def call(client, user, method, path, body=None):
    token = token_create(actor=None, user=user, label="t")[1]
    kwargs = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if body is not None:
        kwargs |= {"data": body, "content_type": "application/json"}
    return getattr(client, method)(f"/api/v1{path}", **kwargs)


def test_record_and_read_a_meeting(client, cell):
    body = {
        "date": "2023-12-05",
        "topic": "Sinh hoạt tháng 12",
        "attendance": [
            {"person_id": cell.members[0].pk, "absence": "unexcused"},
            {"person_id": cell.members[1].pk, "absence": "excused", "reason": "Ốm"},
            {"person_id": cell.members[2].pk},
        ],
    }
    response = call(client, cell.secretary, "post", f"/cells/{cell.w.cell_a.code}/meetings", body)
    assert response.status_code == 201, response.content
    data = response.json()
    assert {a["absence"] for a in data["attendance"]} == {"unexcused", "excused", "present"}
    got = call(client, cell.viewer, "get", f"/meetings/{data['id']}")
    assert got.status_code == 200 and got.json()["topic"] == "Sinh hoạt tháng 12"
    listed = call(client, cell.viewer, "get", f"/cells/{cell.w.cell_a.code}/meetings?date_from=2023-12-01")
    assert listed.json()["count"] == 1


def test_errors_name_the_field(client, cell):
    body = {"date": "2023-12-05", "topic": "x", "attendance": [{"person_id": cell.members[0].pk, "absence": "excused"}]}
    response = call(client, cell.secretary, "post", f"/cells/{cell.w.cell_a.code}/meetings", body)
    assert response.status_code == 422 and response.json()["error"]["field"] == "attendance"
    bad = call(client, cell.secretary, "post", f"/cells/{cell.w.cell_a.code}/meetings", {"date": "05/12/2023"})
    assert bad.status_code in (400, 422)
    assert (
        call(
            client, cell.viewer, "post", f"/cells/{cell.w.cell_a.code}/meetings", {**body, "attendance": []}
        ).status_code
        == 403
    )
    assert call(client, cell.w.outsider_b, "get", f"/cells/{cell.w.cell_a.code}/meetings").status_code == 404
    assert not Meeting.objects.exists()


def test_dues_put_and_get(client, cell):
    body = {"lines": [{"person_id": m.pk, "paid": True, "amount": 5000} for m in cell.members]}
    response = call(client, cell.secretary, "put", f"/cells/{cell.w.cell_a.code}/dues?month=2023-11", body)
    assert response.status_code == 200, response.content
    assert response.json()["paid"] == 4
    assert call(client, cell.secretary, "get", f"/cells/{cell.w.cell_a.code}/dues?month=2023-13").status_code == 422


def test_regularity_flags_and_reviews(client, cell):
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
    reg = call(
        client, cell.viewer, "get", f"/cells/{cell.w.cell_a.code}/regularity?date_from=2023-01-01&date_to=2023-04-30"
    )
    assert reg.json()[0]["missed"] == ["2023-04"]
    flags = call(client, cell.viewer, "get", f"/cells/{cell.w.cell_a.code}/flags?as_of=2023-04-30").json()
    assert {f["code"] for f in flags} >= {"removal.inactive", "meeting.missed_month"}
    services.review_sweep(org=cell.w.cell_a, on=D(2023, 4, 30))
    [review] = call(client, cell.viewer, "get", f"/cells/{cell.w.cell_a.code}/reviews").json()
    closed = call(
        client,
        cell.secretary,
        "post",
        f"/reviews/{review['id']}/close",
        {"closed_on": "2023-05-05", "outcome": "Nhắc nhở"},
    )
    assert closed.status_code == 200 and closed.json()["state"] == "closed"
    again = call(
        client, cell.secretary, "post", f"/reviews/{review['id']}/close", {"closed_on": "2023-05-05", "outcome": "x"}
    )
    assert again.status_code == 409
    assert (
        call(
            client,
            cell.w.outsider_b,
            "post",
            f"/reviews/{review['id']}/close",
            {"closed_on": "2023-05-05", "outcome": "x"},
        ).status_code
        == 404
    )
    assert ReviewTask.objects.get().outcome == "Nhắc nhở"


def test_away_and_pilot(client, cell):
    body = {"person_id": cell.members[0].pk, "valid_from": "2023-05-01", "place": "Bình Dương"}
    assert call(client, cell.secretary, "post", f"/cells/{cell.w.cell_a.code}/away", body).status_code == 201
    pilot = {"valid_from": "2023-01-01"}
    assert call(client, cell.secretary, "post", f"/cells/{cell.w.cell_a.code}/group-pilot", pilot).status_code == 403
    assert call(client, cell.w.admin, "post", f"/cells/{cell.w.cell_a.code}/group-pilot", pilot).status_code == 201

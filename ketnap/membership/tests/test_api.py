"""The ledger over the API: one operation per decision, scope three ways, the rules as
422 naming the field, corrections, and both sides of a transfer."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import time_machine

from ketnap.accounts.tokens import token_create
from ketnap.api.tests.base import ApiTestCase
from ketnap.core.testing import make_user
from ketnap.membership.forms_table import FORMS
from ketnap.people.models import MembershipEvent

NOW = dt.datetime(2026, 6, 1, 9, 0)
BODY = {"date": "2026-05-04", "document_number": "12-QĐ/ĐU", "issuer": "Đảng ủy xã A", "note": ""}


class LedgerApiTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.approver = make_user("approver_a", (cls.world.province_a, "approver"))
        cls.receiver = make_user("receiver_b", (cls.world.cell_b, "editor"))
        for name, user in (("approver", cls.approver), ("receiver", cls.receiver)):
            cls.tokens[name] = token_create(actor=None, user=user, label="test")[1]

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def post_json(self, url: str, who: str | None, body: dict[str, Any]) -> Any:
        return self.post(url, who, data=json.dumps(body), content_type="application/json")

    def ledger_url(self, event: str, person: Any = None) -> str:
        return f"/api/v1/people/{(person or self.member_a).pk}/ledger/{event}"

    def test_every_form_has_an_operation(self) -> None:
        paths = self.client.get("/api/v1/openapi.json").json()["paths"]
        for form in FORMS:
            assert f"/api/v1/people/{{person_id}}/ledger/{form.event.value}" in paths

    def test_exemption_three_ways(self) -> None:
        url = self.ledger_url("exemption")
        self.assertError(self.post_json(url, "nobody", BODY), 404, "not_found")
        self.assertError(self.post_json(url, "outsider_b", BODY), 404, "not_found")
        self.assertError(self.post_json(url, "viewer_commune_a", BODY), 403, "permission_denied")
        response = self.post_json(url, "editor_a", BODY)
        assert response.status_code == 201, response.content
        assert response.json()["kind"] == "exempted"

    def test_removal_needs_an_approver(self) -> None:
        url = self.ledger_url("removal")
        self.assertError(self.post_json(url, "editor_a", BODY), 403, "permission_denied")
        assert self.post_json(url, "approver", BODY).status_code == 201

    def test_a_refusal_of_the_rules_names_the_field(self) -> None:
        error = self.assertError(
            self.post_json(self.ledger_url("exemption_end"), "editor_a", BODY), 422, "validation_failed"
        )
        assert "date" in error["details"]
        future = {**BODY, "date": "2026-06-02"}
        error = self.assertError(
            self.post_json(self.ledger_url("exemption"), "editor_a", future), 422, "validation_failed"
        )
        assert "date" in error["details"]
        missing = {**BODY, "document_number": ""}
        error = self.assertError(
            self.post_json(self.ledger_url("exemption"), "editor_a", missing), 422, "validation_failed"
        )
        assert "document_number" in error["details"]

    def test_readmission_names_the_missing_provincial_agreement_then_records_it(self) -> None:
        self.post_json(self.ledger_url("removal"), "approver", {**BODY, "date": "2022-03-01"})
        url = self.ledger_url("readmission")
        error = self.assertError(self.post_json(url, "approver", BODY), 422, "validation_failed")
        assert "provincial_consent_on" in error["details"]
        response = self.post_json(url, "approver", {**BODY, "provincial_consent_on": "2026-04-20"})
        assert response.status_code == 201, response.content

    def test_a_bad_date_is_a_422_not_a_500(self) -> None:
        response = self.post_json(self.ledger_url("exemption"), "editor_a", {**BODY, "date": "04/05/2026"})
        assert response.status_code == 422

    def test_correction_and_void(self) -> None:
        made = self.post_json(self.ledger_url("exemption"), "editor_a", BODY).json()
        url = f"/api/v1/membership-events/{made['id']}/correct"
        self.assertError(self.post_json(url, "outsider_b", {**BODY, "date": "2026-05-01"}), 404, "not_found")
        corrected = self.post_json(url, "editor_a", {**BODY, "date": "2026-05-01"})
        assert corrected.status_code == 201, corrected.content
        assert corrected.json()["supersedes"] == made["id"]
        void = self.post_json(f"/api/v1/membership-events/{corrected.json()['id']}/void", "editor_a", {"note": "Nhầm"})
        assert void.status_code == 201 and void.json()["kind"] == "void"
        assert MembershipEvent.objects.filter(pk=made["id"]).exists()

    def test_directory_lists_code_name_and_kind_only(self) -> None:
        self.assertError(self.get("/api/v1/organization-directory?q=thon", None), 401, "unauthenticated")
        self.assertError(self.get("/api/v1/organization-directory?q=thon", "nobody"), 403, "permission_denied")
        page = self.get("/api/v1/organization-directory?q=chi%20bo%20thon&limit=1", "editor_a").json()
        assert page["count"] == 2 and len(page["items"]) == 1
        assert set(page["items"][0]) == {"code", "name", "kind"}

    def test_transfer_both_sides(self) -> None:
        letter = {"destination": "chi-bo-b", "letter_on": "2026-05-04", "document_number": "45", "issuer": "ĐU xã A"}
        url = f"/api/v1/people/{self.member_a.pk}/transfers"
        self.assertError(self.post_json(url, "receiver", letter), 404, "not_found")
        bad = self.post_json(url, "editor_a", {**letter, "destination": "khong-co"})
        assert "destination" in self.assertError(bad, 422, "validation_failed")["details"]
        sent = self.post_json(url, "editor_a", letter)
        assert sent.status_code == 201, sent.content
        transfer_id = sent.json()["id"]
        incoming = self.get("/api/v1/transfers?org=chi-bo-b&direction=incoming", "receiver").json()
        assert [t["id"] for t in incoming] == [transfer_id]
        person = self.get(f"/api/v1/people/{self.member_a.pk}", "receiver").json()
        assert person["citizen_id"] is None and person["ethnicity"] is None
        receive = f"/api/v1/transfers/{transfer_id}/receive"
        self.assertError(self.post_json(receive, "editor_a", {"arrived_on": "2026-05-20"}), 403, "permission_denied")
        self.assertError(self.post_json(receive, "nobody", {"arrived_on": "2026-05-20"}), 404, "not_found")
        done = self.post_json(receive, "receiver", {"arrived_on": "2026-05-20"})
        assert done.status_code == 200 and done.json()["state"] == "received"
        self.member_a.refresh_from_db()
        assert self.member_a.organization_id == self.world.cell_b.pk

    def test_plan_then_withdraw(self) -> None:
        url = f"/api/v1/people/{self.member_a.pk}/transfers/plan"
        self.assertError(
            self.post_json(url, "viewer_commune_a", {"decided_on": "2026-05-04"}), 403, "permission_denied"
        )
        planned = self.post_json(url, "editor_a", {"decided_on": "2026-05-04"})
        assert planned.status_code == 201 and planned.json()["state"] == "planned"
        outgoing = self.get("/api/v1/transfers?org=xa-a&direction=outgoing", "viewer_commune_a").json()
        assert [t["id"] for t in outgoing] == [planned.json()["id"]]
        back = f"/api/v1/transfers/{planned.json()['id']}/return"
        error = self.assertError(
            self.post_json(back, "editor_a", {"closed_on": "2026-06-01", "reason": ""}), 422, "validation_failed"
        )
        assert "reason" in error["details"]
        done = self.post_json(back, "editor_a", {"closed_on": "2026-06-01", "reason": "Không chuyển nữa"})
        assert done.status_code == 200 and done.json()["state"] == "returned"

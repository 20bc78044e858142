"""People: scoped list with status on a date, masked detail, audited reveal, timeline, periods."""

from __future__ import annotations

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from ketnap.api.tests.base import ApiTestCase
from ketnap.audit.models import AuditEntry
from ketnap.core.testing import make_member

SENSITIVE = ("ethnicity", "religion", "citizen_id", "verification_notes")


class PersonListTests(ApiTestCase):
    def names(self, response) -> list[str]:
        self.assertEqual(response.status_code, 200, response.content)
        return [item["given_name"] for item in response.json()["items"]]

    def test_no_role_sees_an_empty_list(self):
        body = self.get("/api/v1/people", "nobody").json()
        self.assertEqual((body["count"], body["items"]), (0, []))

    def test_role_in_scope_sees_its_people_in_vietnamese_order(self):
        # Code-point order would put "Ánh" after "Hằng".
        self.assertEqual(self.names(self.get("/api/v1/people", "viewer_commune_a")), ["An", "Ánh", "Hằng"])

    def test_role_on_sibling_sees_only_its_own_people(self):
        self.assertEqual(self.names(self.get("/api/v1/people", "outsider_b")), ["Bình"])

    def test_org_filter_is_the_subtree_and_unknown_or_hidden_codes_give_nothing(self):
        self.assertEqual(self.names(self.get("/api/v1/people?org=chi-bo-b", "admin")), ["Bình"])
        self.assertEqual(self.names(self.get("/api/v1/people?org=chi-bo-a", "outsider_b")), [])
        self.assertEqual(self.names(self.get("/api/v1/people?org=khong-co", "admin")), [])

    def test_status_is_the_status_on_the_date(self):
        # With a date, the people on the rolls of the subtree that day: Ánh never was.
        items = self.get("/api/v1/people?as_of=2015-06-01", "editor_a").json()["items"]
        self.assertEqual({i["given_name"]: i["status"] for i in items}, {"An": "probationary", "Hằng": "probationary"})
        now = self.get("/api/v1/people", "editor_a").json()["items"]
        self.assertEqual(
            {i["given_name"]: i["status"] for i in now}, {"An": "official", "Ánh": None, "Hằng": "official"}
        )

    def test_status_filter_uses_the_date(self):
        self.assertEqual(self.names(self.get("/api/v1/people?status=official&as_of=2015-06-01", "editor_a")), [])
        self.assertEqual(self.names(self.get("/api/v1/people?status=official", "editor_a")), ["An", "Hằng"])

    def test_q_ignores_diacritics_and_case(self):
        for q in ("hang", "HẰNG", "tran thi"):
            self.assertEqual(self.names(self.get(f"/api/v1/people?q={q}", "editor_a")), ["Hằng"], q)
        self.assertEqual(self.names(self.get("/api/v1/people?q=zzz", "editor_a")), [])

    def test_limit_and_offset_page_with_total_count(self):
        body = self.get("/api/v1/people?limit=1&offset=1", "editor_a").json()
        self.assertEqual((body["count"], [i["given_name"] for i in body["items"]]), (3, ["Ánh"]))

    def test_query_count_does_not_grow_with_the_number_of_people(self):
        def queries() -> int:
            with CaptureQueriesContext(connection) as captured:
                self.assertEqual(self.get("/api/v1/people", "editor_a").status_code, 200)
            return len(captured)

        before = queries()
        for given in ("Dũng", "Giang", "Khánh"):
            make_member(self.world.cell_a, given=given)
        self.assertEqual(queries(), before)

    def test_list_never_shows_sensitive_fields(self):
        item = self.get("/api/v1/people?q=hang", "admin").json()["items"][0]
        self.assertFalse(set(SENSITIVE) & set(item))


class PersonDetailTests(ApiTestCase):
    def url(self, person=None) -> str:
        return f"/api/v1/people/{(person or self.member_a).pk}"

    def test_no_role_gets_404(self):
        self.assertError(self.get(self.url(), "nobody"), 404, "not_found")

    def test_role_in_scope_gets_it_with_sensitive_fields_masked(self):
        response = self.get(self.url(), "editor_a")
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        self.assertEqual(
            (body["full_name"], body["organization"], body["status"]), ("Trần Thị Hằng", "chi-bo-a", "official")
        )
        self.assertEqual({name: body[name] for name in SENSITIVE}, dict.fromkeys(SENSITIVE))
        self.assertEqual(body["citizen_id_masked"], "•••••••••321")
        content = response.content.decode()
        for secret in ("001190004321", "tay", "buddhism", "thẩm tra"):
            self.assertNotIn(secret, content)

    def test_masked_even_for_the_administrator(self):
        body = self.get(self.url(), "admin").json()
        self.assertIsNone(body["citizen_id"])

    def test_role_on_sibling_gets_404(self):
        self.assertError(self.get(self.url(), "outsider_b"), 404, "not_found")

    def test_unknown_id_is_404_and_non_integer_id_is_422(self):
        self.assertError(self.get("/api/v1/people/999999", "admin"), 404, "not_found")
        self.assertError(self.get("/api/v1/people/false", "admin"), 422, "validation_failed")


class PersonRevealTests(ApiTestCase):
    def url(self) -> str:
        return f"/api/v1/people/{self.member_a.pk}/reveal"

    def reveals(self) -> int:
        return AuditEntry.objects.filter(action="person.reveal", object_id=str(self.member_a.pk)).count()

    def test_no_role_gets_404_and_nothing_is_audited(self):
        self.assertError(self.post(self.url(), "nobody"), 404, "not_found")
        self.assertEqual(self.reveals(), 0)

    def test_editor_in_scope_sees_the_values_and_the_reveal_is_audited(self):
        response = self.post(self.url(), "editor_a")
        self.assertEqual(response.status_code, 200, response.content)
        self.assertEqual(
            response.json(),
            {
                "ethnicity": "tay",
                "religion": "buddhism",
                "citizen_id": "001190004321",
                "verification_notes": "Đã thẩm tra lý lịch.",
            },
        )
        entry = AuditEntry.objects.get(action="person.reveal", object_id=str(self.member_a.pk))
        self.assertEqual(entry.actor, self.world.editor_a)
        self.assertEqual(entry.organization_path, self.world.cell_a.path)
        self.assertTrue(entry.request_id)

    def test_viewer_in_scope_is_forbidden_and_the_refusal_is_audited(self):
        self.assertError(self.post(self.url(), "viewer_commune_a"), 403, "permission_denied")
        entry = AuditEntry.objects.get(action="person.reveal", object_id=str(self.member_a.pk))
        self.assertEqual((entry.actor, entry.after["outcome"]), (self.world.viewer_commune_a, "refused"))
        self.assertNotIn("001190004321", json.dumps(entry.after))

    def test_role_on_sibling_gets_404(self):
        self.assertError(self.post(self.url(), "outsider_b"), 404, "not_found")
        self.assertEqual(self.reveals(), 0)

    def test_reveal_is_post_only(self):
        self.assertEqual(self.get(self.url(), "editor_a").status_code, 405)


class PersonEventsTests(ApiTestCase):
    def url(self) -> str:
        return f"/api/v1/people/{self.corrected_a.pk}/events"

    def test_no_role_gets_404(self):
        self.assertError(self.get(self.url(), "nobody"), 404, "not_found")

    def test_role_in_scope_gets_the_timeline_with_superseded_events_flagged(self):
        response = self.get(self.url(), "viewer_commune_a")
        self.assertEqual(response.status_code, 200, response.content)
        events = response.json()
        self.assertEqual([e["kind"] for e in events], ["admitted", "ceremony", "recognized", "recognized"])
        by_id = {e["id"]: e for e in events}
        mistaken = by_id[self.mistaken_event.pk]
        self.assertTrue(mistaken["superseded"])
        correction = by_id[mistaken["superseded_by"]]
        self.assertEqual((correction["supersedes"], correction["superseded"]), (self.mistaken_event.pk, False))
        self.assertEqual(correction["effective_date"], "2016-03-01")
        self.assertEqual(events[0]["organization"], "chi-bo-a")

    def test_role_on_sibling_gets_404(self):
        self.assertError(self.get(self.url(), "outsider_b"), 404, "not_found")


class PersonPeriodsTests(ApiTestCase):
    def url(self) -> str:
        return f"/api/v1/people/{self.member_a.pk}/periods"

    def test_no_role_gets_404(self):
        self.assertError(self.get(self.url(), "nobody"), 404, "not_found")

    def test_role_in_scope_gets_the_periods_in_order(self):
        response = self.get(self.url(), "editor_a")
        self.assertEqual(response.status_code, 200, response.content)
        periods = response.json()
        self.assertEqual([p["status"] for p in periods], ["candidate", "probationary", "official"])
        self.assertEqual((periods[1]["start"], periods[1]["end"]), ("2015-03-01", "2016-03-11"))
        self.assertIsNone(periods[-1]["end"])
        self.assertEqual({p["organization"] for p in periods}, {"chi-bo-a"})

    def test_role_on_sibling_gets_404(self):
        self.assertError(self.get(self.url(), "outsider_b"), 404, "not_found")

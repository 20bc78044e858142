"""The work queue over the API: the same rows as ``work_queue`` (and so as the page and
``ketnap queue``), scoped to the caller."""

from __future__ import annotations

import datetime as dt

from ketnap.admission.queue import as_dict, work_queue
from ketnap.api.tests.base import ApiTestCase
from ketnap.core.testing import make_member, make_person
from ketnap.organizations.models import Organization

D = dt.date
AS_OF = D(2023, 1, 15)


class QueueApiTests(ApiTestCase):
    """Probationary members admitted in 2021 with no case (imported history, like the
    Mường Lát members): overdue for recognition in January 2023, in both provinces."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        w = cls.world
        cls.late_a = make_member(w.cell_a, ceremony=D(2021, 6, 1), official=False, given="Quá")
        cls.soon_a = make_member(w.cell_a, ceremony=D(2021, 12, 20), official=False, given="Sắp")
        cls.late_b = make_member(w.cell_b, ceremony=D(2021, 6, 1), official=False, given="Bên")
        make_person(w.cell_a, given="Không")

    def expected(self, code: str, as_of: dt.date = AS_OF, horizon: int = 30) -> list[dict]:
        items = work_queue(Organization.objects.get(code=code), as_of, horizon_days=horizon)
        return [as_dict(item) for item in items]

    def test_no_role_gets_404(self):
        self.assertError(self.get("/api/v1/organizations/xa-a/queue?as_of=2023-01-15", "nobody"), 404, "not_found")

    def test_role_in_scope_gets_the_same_rows_as_the_selector(self):
        response = self.get("/api/v1/organizations/xa-a/queue?as_of=2023-01-15", "viewer_commune_a")
        self.assertEqual(response.status_code, 200, response.content)
        body = response.json()
        expected = self.expected("xa-a")
        self.assertTrue(expected)
        self.assertEqual(body["items"], expected)
        self.assertEqual((body["organization"], body["as_of"], body["horizon"]), ("xa-a", "2023-01-15", 30))
        self.assertEqual(body["overdue"], sum(1 for item in expected if item["overdue"]))
        self.assertIn(self.late_a.pk, {item["person_id"] for item in body["items"] if item["overdue"]})
        self.assertNotIn(self.late_b.pk, {item["person_id"] for item in body["items"]})

    def test_role_on_sibling_gets_404(self):
        self.assertError(self.get("/api/v1/organizations/xa-a/queue", "outsider_b"), 404, "not_found")
        self.assertError(self.get("/api/v1/organizations/tinh-a/queue", "viewer_commune_a"), 404, "not_found")

    def test_horizon_widens_the_queue_like_the_selector(self):
        for horizon in (0, 30, 365):
            with self.subTest(horizon=horizon):
                body = self.get(f"/api/v1/organizations/tinh-a/queue?as_of=2023-01-15&horizon={horizon}", "admin")
                self.assertEqual(body.json()["items"], self.expected("tinh-a", horizon=horizon))
        wide = self.get("/api/v1/organizations/tinh-a/queue?as_of=2023-01-15&horizon=365", "admin").json()
        self.assertIn(self.soon_a.pk, {item["person_id"] for item in wide["items"]})

    def test_root_queue_covers_both_provinces(self):
        body = self.get("/api/v1/organizations/vn/queue?as_of=2023-01-15", "admin").json()
        self.assertLessEqual({self.late_a.pk, self.late_b.pk}, {item["person_id"] for item in body["items"]})
        self.assertEqual(body["items"], self.expected("vn"))

    def test_bad_parameters_are_422(self):
        for query in ("as_of=15/01/2023", "horizon=-1", "horizon=10000"):
            with self.subTest(query=query):
                self.assertError(
                    self.get(f"/api/v1/organizations/xa-a/queue?{query}", "admin"), 422, "validation_failed"
                )

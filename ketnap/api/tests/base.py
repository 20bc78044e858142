"""The shared world of the API tests: personas with tokens, people in both provinces."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import TestCase

from ketnap.accounts.tokens import token_create
from ketnap.core.testing import add_events, build_world, make_member, make_person
from ketnap.people.models import MembershipEvent

PERSONAS = ("admin", "editor_a", "viewer_commune_a", "outsider_b", "nobody")


class ApiTestCase(TestCase):
    """Personas: admin at the root, editor of province A, viewer of a commune in A,
    outsider (admin of province B), nobody (no role). Each has a bearer token."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.world = build_world()
        cls.tokens = {
            name: token_create(actor=None, user=getattr(cls.world, name), label="test")[1] for name in PERSONAS
        }
        cls.member_a = make_member(
            cls.world.cell_a,
            family="Trần",
            middle="Thị",
            given="Hằng",
            gender="female",
            ethnicity="tay",
            religion="buddhism",
            citizen_id="001190004321",
            verification_notes="Đã thẩm tra lý lịch.",
        )
        cls.member_b = make_member(cls.world.cell_b, given="Bình")
        cls.candidate_a = make_person(cls.world.cell_a, given="Ánh")
        cls.corrected_a = make_member(cls.world.cell_a, given="An", official=False)
        mistaken = MembershipEvent.objects.create(person=cls.corrected_a, kind="recognized", date=dt.date(2016, 5, 1))
        add_events(
            cls.corrected_a,
            ("recognized", dt.date(2016, 3, 11), {"supersedes": mistaken, "effective_date": dt.date(2016, 3, 1)}),
        )
        cls.mistaken_event = mistaken

    def call(self, method: str, url: str, who: str | None, **extra: Any) -> Any:
        if who is not None:
            extra.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.tokens[who]}")
        return getattr(self.client, method)(url, **extra)

    def get(self, url: str, who: str | None, **extra: Any) -> Any:
        return self.call("get", url, who, **extra)

    def post(self, url: str, who: str | None, **extra: Any) -> Any:
        return self.call("post", url, who, **extra)

    def assertError(self, response: Any, status: int, code: str) -> dict[str, Any]:
        """The response is the common error shape with this status and code."""
        self.assertEqual(response.status_code, status, response.content)
        body = response.json()
        self.assertEqual(set(body), {"error"})
        self.assertEqual(set(body["error"]), {"code", "message", "field", "details"})
        self.assertEqual(body["error"]["code"], code)
        self.assertTrue(body["error"]["message"])
        return body["error"]

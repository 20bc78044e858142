"""Programs over the API and on the pages: targets beside measured values, scope, forms."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import time_machine
from django.urls import reverse

from ketnap.api.tests.base import ApiTestCase
from ketnap.core.testing import make_member
from ketnap.organizations.models import Program
from ketnap.programs.models import HouseholdAssignment, ProgramTarget

NOW = dt.datetime(2026, 6, 1, 9, 0)


class ProgramTests(ApiTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.program = Program.objects.create(
            code="kl50", name="KL 50", owner=cls.world.commune_a, start=dt.date(2024, 1, 1)
        )
        cls.program.organizations.set([cls.world.cell_a])
        cls.guard = make_member(cls.world.commune_a, given="Gác")

    def setUp(self) -> None:
        traveller = time_machine.travel(NOW, tick=False)
        traveller.start()
        self.addCleanup(traveller.stop)

    def post_json(self, url: str, who: str | None, body: dict[str, Any]) -> Any:
        return self.post(url, who, data=json.dumps(body), content_type="application/json")

    def test_a_target_is_added_and_shown_beside_its_measure(self) -> None:
        body = {"kind": "admissions", "year": 2026, "minimum": 10, "maximum": 15}
        answer = self.post_json("/api/v1/programs/kl50/targets", "editor_a", body)
        self.assertEqual(answer.status_code, 201, answer.content)
        report = self.get("/api/v1/programs/kl50?as_of=2026-05-31", "viewer_commune_a").json()
        self.assertEqual(float(report["targets"][0]["value"]), 0)
        self.assertEqual(report["targets"][0]["outcome"], "not_met")

    def test_scope_three_ways(self) -> None:
        self.assertError(self.get("/api/v1/programs/kl50", "outsider_b"), 404, "not_found")
        self.assertEqual(self.get("/api/v1/programs", "outsider_b").json()["count"], 0)
        body = {"kind": "admissions", "year": 2026, "minimum": 1}
        self.assertError(
            self.post_json("/api/v1/programs/kl50/targets", "viewer_commune_a", body), 403, "permission_denied"
        )
        self.assertError(self.post_json("/api/v1/programs/kl50/targets", "outsider_b", body), 404, "not_found")
        self.assertFalse(ProgramTarget.objects.exists())

    def test_households_are_assigned_in_program_cells_only(self) -> None:
        body = {"person_id": self.guard.pk, "cell": "chi-bo-a", "households": 12, "valid_from": "2025-01-01"}
        answer = self.post_json("/api/v1/programs/kl50/households", "editor_a", body)
        self.assertEqual(answer.json(), {"members": 1, "households": 12, "cells": 1}, answer.content)
        error = self.post_json("/api/v1/programs/kl50/households", "editor_a", {**body, "cell": "xa-a"})
        self.assertEqual(self.assertError(error, 422, "validation_failed")["field"], "cell")
        self.assertEqual(HouseholdAssignment.objects.count(), 1)

    def test_the_program_page_and_its_forms(self) -> None:
        self.client.force_login(self.world.editor_a)
        page = self.client.get(reverse("programs:program", args=["kl50"]))
        self.assertContains(page, "KL 50")
        answer = self.client.post(
            reverse("programs:target_add", args=["kl50"]), {"kind": "admissions_women", "year": "2026", "minimum": "2"}
        )
        self.assertEqual(answer.status_code, 302)
        self.assertContains(self.client.get(reverse("programs:program", args=["kl50"])), "Số đảng viên nữ được kết nạp")
        answer = self.client.post(
            reverse("programs:household_add", args=["kl50"]),
            {"person": self.guard.pk, "cell": self.world.cell_a.pk, "households": "5", "valid_from": "01/01/2025"},
        )
        self.assertEqual(answer.status_code, 302, answer.content[:500])
        download = self.client.get(reverse("programs:program_xlsx", args=["kl50"]))
        self.assertEqual(download.content[:2], b"PK")
        self.client.force_login(self.world.outsider_b)
        self.assertEqual(self.client.get(reverse("programs:program", args=["kl50"])).status_code, 404)

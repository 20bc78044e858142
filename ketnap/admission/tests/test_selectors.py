"""Reads: the competent authority across the 2025 reform, the checklist, the board."""

from __future__ import annotations

import datetime as dt

from django.test import TestCase

from ketnap.admission import selectors, services
from ketnap.admission.steps import Stage, StepKind
from ketnap.admission.tests.factories import open_case, record_until, staff_cell
from ketnap.admission.types import ItemState
from ketnap.core.testing import build_world

D = dt.date
K = StepKind


class CompetentAuthorityTests(TestCase):
    """A province setting until 30/6/2025; from 01/7/2025 the commune committee decides."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        admin = cls.w.admin
        services.authority_set(
            actor=admin,
            organization=cls.w.root,
            body="upper_standing_committee",
            deciding_organization=cls.w.root,
            upper_kind="provincial",
            valid_from=D(2016, 1, 1),
        )
        cls.province = services.authority_set(
            actor=admin,
            organization=cls.w.province_a,
            body="upper_standing_committee",
            deciding_organization=cls.w.district_a,
            upper_kind="district",
            valid_from=D(2016, 1, 1),
        )
        services.authority_end(actor=admin, setting=cls.province, on=D(2025, 7, 1))
        cls.commune = services.authority_set(
            actor=admin,
            organization=cls.w.commune_a,
            body="upper_standing_committee",
            deciding_organization=cls.w.commune_a,
            upper_kind="commune",
            valid_from=D(2025, 7, 1),
        )

    def test_nearest_ancestor_on_each_side_of_the_reform(self) -> None:
        with self.assertNumQueries(1):
            before = selectors.competent_authority(self.w.cell_a, D(2025, 6, 30))
        assert before == self.province
        assert selectors.competent_authority(self.w.cell_a, D(2025, 7, 1)) == self.commune

    def test_a_sibling_subtree_falls_back_to_the_root(self) -> None:
        setting = selectors.competent_authority(self.w.cell_b, D(2025, 7, 1))
        assert setting.organization == self.w.root

    def test_a_new_setting_closes_the_previous_one_of_its_node(self) -> None:
        later = services.authority_set(
            actor=self.w.admin,
            organization=self.w.commune_a,
            body="grassroots_committee",
            deciding_organization=self.w.commune_a,
            upper_kind="commune",
            grassroots_authorised=True,
            valid_from=D(2026, 1, 1),
        )
        self.commune.refresh_from_db()
        assert self.commune.valid_to == D(2026, 1, 1)
        assert selectors.competent_authority(self.w.cell_a, D(2026, 1, 1)) == later

    def test_only_administrators_set_authority(self) -> None:
        import pytest

        from ketnap.core.errors import PermissionDenied

        with pytest.raises(PermissionDenied):
            services.authority_set(
                actor=self.w.editor_a,
                organization=self.w.commune_a,
                body="grassroots_committee",
                deciding_organization=self.w.commune_a,
                upper_kind="commune",
                valid_from=D(2026, 2, 1),
            )


class ChecklistTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)
        cls.case = open_case(cls.w, certificate_on=D(2020, 3, 10), opened_on=D(2024, 1, 10))
        record_until(cls.case, K.PERSONAL_HISTORY, actor=cls.w.editor_a)

    def states(self, on: dt.date) -> dict[str, ItemState]:
        return {row.code: row.state for row in selectors.case_checklist(self.case, on)}

    def test_certificate_valid_for_exactly_60_months(self) -> None:
        assert self.states(D(2025, 3, 10))["certificate"] is ItemState.PRESENT
        assert self.states(D(2025, 3, 11))["certificate"] is ItemState.EXPIRED

    def test_present_missing_and_not_applicable(self) -> None:
        states = self.states(D(2025, 1, 1))
        assert states["application"] is ItemState.PRESENT
        assert states["introduction"] is ItemState.MISSING
        assert states["subcommittee_appraisal"] is ItemState.NOT_APPLICABLE
        # A subordinate cell's case needs the grassroots committee's resolution.
        assert states["grassroots_resolution"] is ItemState.MISSING

    def test_missing_certificate(self) -> None:
        case = open_case(self.w, certificate_on=None)
        assert selectors.case_checklist(case, D(2025, 1, 1))[0].state is ItemState.MISSING


class BoardAndStageTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 6)
        cls.dossier = open_case(cls.w)
        cls.ceremony = record_until(open_case(cls.w), K.DECISION, actor=cls.w.editor_a)

    def test_board_columns_by_stage_in_few_queries(self) -> None:
        with self.assertNumQueries(1):
            columns = selectors.board(self.w.commune_a, D(2026, 1, 1))
        assert [c.pk for c in columns[Stage.DOSSIER]] == [self.dossier.pk]
        assert [c.pk for c in columns[Stage.CEREMONY]] == [self.ceremony.pk]
        assert Stage.CLOSED not in columns
        assert selectors.board(self.w.province_b, D(2026, 1, 1))[Stage.DOSSIER] == []

    def test_board_as_of_before_the_case_opened(self) -> None:
        assert selectors.board(self.w.commune_a, D(2022, 1, 1))[Stage.DOSSIER] == []

    def test_stage_of_probation_turns_to_recognition_after_twelve_months(self) -> None:
        case = record_until(open_case(self.w), K.CEREMONY, actor=self.w.editor_a)
        assert selectors.stage_of(case) is Stage.PROBATION
        assert selectors.stage_of(case, D(2024, 5, 9)) is Stage.PROBATION
        assert selectors.stage_of(case, D(2024, 5, 10)) is Stage.RECOGNITION

    def test_findings_of_the_current_stage(self) -> None:
        codes = {f.code for f in selectors.case_findings(self.ceremony, D(2023, 4, 21))}
        assert "ceremony.due" in codes

    def test_steps_available(self) -> None:
        kinds = [s.kind for s in selectors.steps_available(self.ceremony)]
        assert K.CEREMONY in kinds and K.DECISION not in kinds and K.WITHDRAWN not in kinds

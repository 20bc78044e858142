"""The candidate source: sympathisers, helpers, tasks, notes, helping cells."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import TestCase

from ketnap.admission import source
from ketnap.admission.models import HelperAssignment, Origin, Prospect, SympathiserListing
from ketnap.admission.tests.factories import staff_cell
from ketnap.audit.models import AuditEntry
from ketnap.core import policy
from ketnap.core.errors import NotFound, TransitionNotAllowed, ValidationFailed
from ketnap.core.policy import Action
from ketnap.core.testing import build_world, make_member, make_person, make_user
from ketnap.organizations.models import Locality, LocalityCell

D = dt.date


class SourceTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.members = staff_cell(cls.w.cell_a, 3)
        cls.person = make_person(cls.w.cell_a, given="Nguồn")

    def add(self, **kwargs):
        return source.prospect_add(
            actor=self.w.editor_a, person=self.person, cell=self.w.cell_a, origin=Origin.FARMERS, noted_on=D(2024, 1, 5)
        )

    def test_one_open_entry_per_person(self) -> None:
        self.add()
        with pytest.raises(ValidationFailed):
            self.add()

    def test_sympathiser_list_on_and_off_by_resolution(self) -> None:
        prospect = self.add()
        source.sympathiser_list(actor=self.w.editor_a, prospect=prospect, on=D(2024, 2, 1), resolution="03-NQ/CB")
        with pytest.raises(ValidationFailed):
            source.sympathiser_list(actor=self.w.editor_a, prospect=prospect, on=D(2024, 3, 1), resolution="04-NQ/CB")
        listing = source.sympathiser_unlist(
            actor=self.w.editor_a, prospect=prospect, on=D(2024, 6, 1), resolution="09-NQ/CB"
        )
        assert (listing.valid_to, listing.removed_by_resolution) == (D(2024, 6, 1), "09-NQ/CB")
        assert SympathiserListing.objects.as_of(D(2024, 6, 1)).count() == 0
        assert AuditEntry.objects.filter(action="sympathiser.unlist").exists()

    def test_helper_must_be_official_on_the_day(self) -> None:
        prospect = self.add()
        probationary = make_member(self.w.cell_a, ceremony=D(2023, 9, 1), official=False, given="Mới")
        with pytest.raises(ValidationFailed):
            source.helper_assign(actor=self.w.editor_a, prospect=prospect, helper=probationary, on=D(2024, 2, 1))
        first = source.helper_assign(actor=self.w.editor_a, prospect=prospect, helper=self.members[0], on=D(2024, 2, 1))
        source.helper_assign(actor=self.w.editor_a, prospect=prospect, helper=self.members[1], on=D(2024, 5, 1))
        first.refresh_from_db()
        assert first.valid_to == D(2024, 5, 1)
        assert HelperAssignment.objects.as_of(D(2024, 5, 1)).get(prospect=prospect).helper == self.members[1]

    def test_tasks_and_notes(self) -> None:
        prospect = self.add()
        task = source.test_task_assign(
            actor=self.w.editor_a, prospect=prospect, assigned_on=D(2024, 2, 1), description="Vận động hộ nghèo"
        )
        source.test_task_complete(actor=self.w.editor_a, task=task, completed_on=D(2024, 4, 1), result="Tốt")
        with pytest.raises(TransitionNotAllowed):
            source.test_task_complete(actor=self.w.editor_a, task=task, completed_on=D(2024, 4, 2), result="Lại")
        note = source.progress_note_add(
            actor=self.w.editor_a,
            prospect=prospect,
            meeting_on=D(2024, 3, 5),
            reported_by=self.members[0],
            text="Tích cực",
        )
        assert note.recorded_by == self.w.editor_a

    def test_leaving_the_source_ends_listing_and_helper(self) -> None:
        prospect = self.add()
        source.sympathiser_list(actor=self.w.editor_a, prospect=prospect, on=D(2024, 2, 1), resolution="03-NQ/CB")
        source.helper_assign(actor=self.w.editor_a, prospect=prospect, helper=self.members[0], on=D(2024, 2, 1))
        source.prospect_leave(actor=self.w.editor_a, prospect=prospect, on=D(2024, 8, 1))
        assert SympathiserListing.objects.get(prospect=prospect).valid_to == D(2024, 8, 1)
        assert HelperAssignment.objects.get(prospect=prospect).valid_to == D(2024, 8, 1)
        with pytest.raises(TransitionNotAllowed):
            source.prospect_leave(actor=self.w.editor_a, prospect=prospect, on=D(2024, 9, 1))

    def test_sibling_cannot_touch_the_source(self) -> None:
        prospect = self.add()
        with pytest.raises(NotFound):
            source.sympathiser_list(actor=self.w.outsider_b, prospect=prospect, on=D(2024, 2, 1), resolution="1")


class HelpingCellTests(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        staff_cell(cls.w.cell_a, 3)
        cls.village = Locality.objects.create(
            code="ban-ha", name="Bản Hà", kind="hamlet", commune=cls.w.commune_a, valid_from=D(2000, 1, 1)
        )

    def test_only_for_a_village_without_member_or_cell(self) -> None:
        helping = source.helping_cell_assign(
            actor=self.w.editor_a,
            locality=self.village,
            cell=self.w.cell_a,
            valid_from=D(2024, 1, 1),
            document_number="5-QĐ/ĐU",
        )
        assert helping.cell == self.w.cell_a
        LocalityCell.objects.create(locality=self.village, cell=self.w.cell_a, valid_from=D(2024, 6, 1))
        with pytest.raises(ValidationFailed):
            source.helping_cell_assign(
                actor=self.w.editor_a, locality=self.village, cell=self.w.cell_a, valid_from=D(2024, 7, 1)
            )


class SourcePlacementTests(TestCase):
    """The source of a cell is read by those who see the cell: it carries only its own people."""

    @classmethod
    def setUpTestData(cls) -> None:
        cls.w = build_world()
        cls.both = make_user("sua_hai_tinh_nguon", (cls.w.province_a, "editor"), (cls.w.province_b, "editor"))

    def test_an_editor_of_two_provinces_cannot_put_a_person_of_b_in_a_source_of_a(self) -> None:
        stranger = make_person(self.w.cell_b, given="Lạ")
        with pytest.raises(ValidationFailed) as refused:
            source.prospect_add(
                actor=self.both, person=stranger, cell=self.w.cell_a, origin="youth_union", noted_on=dt.date(2024, 5, 1)
            )
        assert "không thuộc Chi bộ thôn A" in refused.value.errors["person"][0]
        assert not Prospect.objects.filter(person=stranger).exists()

    def test_a_source_entry_carrying_an_outside_person_is_not_readable(self) -> None:
        stranger = make_person(self.w.cell_b, given="Lạ")
        entry = Prospect.objects.create(
            person=stranger, cell=self.w.cell_a, origin="youth_union", noted_on=dt.date(2024, 5, 1)
        )
        assert not policy.scope(self.w.viewer_commune_a, Prospect.objects.all()).filter(pk=entry.pk).exists()
        assert not policy.can(self.w.viewer_commune_a, Action.VIEW, entry)

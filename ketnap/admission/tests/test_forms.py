"""The admission forms parse input only: dates in dd/mm/yyyy, the fields of each step,
vote counts that cannot exceed the cell, and the override field for approvers only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import QueryDict

from ketnap.admission.forms import (
    STEP_FIELDS,
    BoardFilterForm,
    StepForm,
    VerificationRequestForm,
    step_initial,
)
from ketnap.admission.models import AdmissionCase, Relative
from ketnap.admission.steps import StepKind
from ketnap.core.testing import World, build_world, make_member, make_person

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def case(world: World) -> AdmissionCase:
    person = make_person(world.cell_a, given="Hoa", birth_date=D(2001, 4, 2))
    return AdmissionCase.objects.create(person=person, cell=world.cell_a, opened_on=D(2025, 1, 6))


def form(case, kind, data=None, *, user, can_override=False) -> StepForm:
    return StepForm(data, kind=kind, case=case, user=user, can_override=can_override)


def base(**fields) -> dict:
    return {"occurred_on": "15/01/2025", "document_number": "01-NQ/CB", "note": "", "expected_version": "0", **fields}


def test_common_fields_parse_a_vietnamese_date(world, case):
    f = form(case, StepKind.APPLICATION, base(), user=world.editor_a)
    assert f.is_valid(), f.errors
    assert f.cleaned_data["occurred_on"] == D(2025, 1, 15)
    assert f.step_data() == {}


@pytest.mark.parametrize("value", ["2025-01-15", "15/1/2025"])
def test_iso_and_short_dates_are_accepted(world, case, value):
    assert form(case, StepKind.APPLICATION, base(occurred_on=value), user=world.editor_a).is_valid()


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/2025", "Ngày 31/02/2025 không tồn tại trong lịch."),
        ("15.01.2025", "«15.01.2025» không phải một ngày. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2021."),
        ("31/12/9999", "Ngày 31/12/9999 nằm ngoài khoảng ngày được hỗ trợ (01/01/1900–31/12/2199)."),
        ("", "Trường này là bắt buộc."),
    ],
)
def test_bad_date_is_reported_in_vietnamese(world, case, value, message):
    f = form(case, StepKind.APPLICATION, base(occurred_on=value), user=world.editor_a)
    assert not f.is_valid()
    assert f.errors["occurred_on"] == [message]


def test_cell_vote_fields_and_data(world, case):
    f = form(
        case, StepKind.CELL_RESOLUTION, base(official_members="9", present="8", in_favour="7"), user=world.editor_a
    )
    assert f.is_valid(), f.errors
    assert f.step_data() == {"official_members": 9, "present": 8, "in_favour": 7}


@pytest.mark.parametrize(
    ("counts", "field", "message"),
    [
        (
            {"official_members": "3", "in_favour": "4"},
            "in_favour",
            "Số tán thành không được lớn hơn số đảng viên chính thức.",
        ),
        (
            {"official_members": "3", "present": "4", "in_favour": "2"},
            "present",
            "Số có mặt không được lớn hơn số đảng viên chính thức.",
        ),
        (
            {"official_members": "9", "present": "5", "in_favour": "6"},
            "in_favour",
            "Số tán thành không được lớn hơn số có mặt.",
        ),
        ({"official_members": "-1", "in_favour": "0"}, "official_members", None),
    ],
)
def test_impossible_votes_are_refused_on_the_field(world, case, counts, field, message):
    f = form(case, StepKind.CELL_RESOLUTION, base(**counts), user=world.editor_a)
    assert not f.is_valid()
    assert field in f.errors
    if message:
        assert message in f.errors[field]


def test_committee_vote_cannot_exceed_its_members(world, case):
    f = form(case, StepKind.GRASSROOTS_RESOLUTION, base(members_total="5", in_favour="6"), user=world.editor_a)
    assert not f.is_valid()
    assert f.errors["in_favour"] == ["Số tán thành không được lớn hơn tổng số cấp ủy viên."]


def test_decision_extension_needs_a_reason_and_at_most_30_days(world, case):
    f = form(case, StepKind.DECISION, base(extension_working_days="10"), user=world.editor_a)
    assert not f.is_valid() and f.errors["extension_reason"] == ["Ghi lý do khi gia hạn."]
    f = form(case, StepKind.DECISION, base(extension_working_days="31", extension_reason="x"), user=world.editor_a)
    assert not f.is_valid() and "extension_working_days" in f.errors
    f = form(
        case, StepKind.DECISION, base(extension_working_days="10", extension_reason="Chờ thẩm tra"), user=world.editor_a
    )
    assert f.is_valid() and f.step_data() == {"extension_working_days": 10, "extension_reason": "Chờ thẩm tra"}


def test_ceremony_helper_is_an_official_member_of_the_cell(world, case):
    member = make_member(world.cell_a, given="Giúp")
    outsider = make_member(world.cell_b, given="Xa")
    probationer = make_member(world.cell_a, given="Dự", official=False, ceremony=D(2024, 6, 1))
    f = form(case, StepKind.CEREMONY, base(helper_id=str(member.pk)), user=world.editor_a)
    assert f.is_valid(), f.errors
    assert f.step_data() == {"helper_id": member.pk, "late_approved": False}
    for other in (outsider, probationer):
        assert not form(case, StepKind.CEREMONY, base(helper_id=str(other.pk)), user=world.editor_a).is_valid()


def test_recognition_resolution_records_the_cells_conclusion(world, case):
    counts = {"official_members": "9", "in_favour": "8"}
    f = form(case, StepKind.RECOGNITION_RESOLUTION, base(qualified="no", **counts), user=world.editor_a)
    assert f.is_valid(), f.errors
    assert f.step_data()["qualified"] is False
    f = form(case, StepKind.RECOGNITION_RESOLUTION, base(qualified="yes", **counts), user=world.editor_a)
    assert f.is_valid() and f.step_data()["qualified"] is True


def test_override_field_only_for_approvers(world, case):
    assert "override_reason" not in form(case, StepKind.CELL_RESOLUTION, user=world.editor_a).fields
    f = form(
        case, StepKind.APPLICATION, base(override_reason="  Có văn bản đồng ý  "), user=world.admin, can_override=True
    )
    assert f.is_valid() and f.override_reason == "Có văn bản đồng ý"


def test_every_step_kind_builds_a_form(world, case):
    for kind in StepKind:
        f = form(case, kind, user=world.editor_a)
        # The provincial agreement is asked on the decision of a readmission only.
        assert set(STEP_FIELDS.get(kind, ())) - {"provincial_consent_on"} <= set(f.fields)
        assert "provincial_consent_on" not in f.fields


def test_initial_values_carry_version_date_and_defaults(case):
    initial = step_initial(case, {"official_members": 9, "qualified": False}, D(2025, 2, 1))
    assert initial == {"expected_version": 0, "occurred_on": D(2025, 2, 1), "official_members": 9, "qualified": "no"}


def test_board_filter_reads_kind_and_date():
    f = BoardFilterForm(QueryDict("loai=readmission&ngay=2025-03-01"))
    assert (f.kind, f.as_of) == ("readmission", D(2025, 3, 1))
    assert BoardFilterForm(QueryDict("loai=khac")).kind == ""


def test_verification_request_chooses_among_the_cases_relatives(world, case):
    relative = Relative.objects.create(case=case, full_name="Lò Văn Bố", relation="father")
    other_case = AdmissionCase.objects.create(
        person=make_person(world.cell_a, given="Khác"), cell=world.cell_a, opened_on=D(2025, 1, 6)
    )
    stranger = Relative.objects.create(case=other_case, full_name="Người lạ", relation="father")
    data = {"addressee": "Đảng ủy xã B", "sent_on": "12/01/2025"}
    assert VerificationRequestForm({**data, "relative": relative.pk}, case=case).is_valid()
    assert not VerificationRequestForm({**data, "relative": stranger.pk}, case=case).is_valid()
    f = VerificationRequestForm(data, case=case)
    assert f.is_valid() and f.cleaned_data["relative"] is None


# --- Readable forms ------------------------------------------------------------------------


@pytest.mark.parametrize("kind", [StepKind.GRASSROOTS_RESOLUTION, StepKind.RECOGNITION_GRASSROOTS_RESOLUTION])
def test_a_committee_vote_speaks_of_committee_members(world, case, kind):
    f = form(case, kind, user=world.editor_a)
    assert str(f.fields["in_favour"].label) == "Số cấp ủy viên tán thành"
    assert str(f.fields["members_total"].label) == "Tổng số cấp ủy viên"
    assert "đảng viên chính thức" not in " ".join(str(field.label) for field in f.fields.values())


def test_a_cell_vote_still_counts_official_members(world, case):
    f = form(case, StepKind.CELL_RESOLUTION, user=world.editor_a)
    assert str(f.fields["in_favour"].label) == "Số đảng viên chính thức tán thành"


def test_a_required_count_the_rolls_give_as_zero_is_left_empty(world, case):
    defaults = {"members_total": 0, "official_members": 0, "temporarily_away": 0, "exempted_absent": 0}
    initial = step_initial(case, defaults, D(2025, 1, 15))
    assert "members_total" not in initial and "official_members" not in initial
    assert initial["temporarily_away"] == 0 and initial["exempted_absent"] == 0  # optional: 0 is a real answer
    assert step_initial(case, {"official_members": 7}, D(2025, 1, 15))["official_members"] == 7


def test_a_committee_form_without_known_members_renders_an_empty_total(world, case):
    f = form(case, StepKind.GRASSROOTS_RESOLUTION, user=world.editor_a)
    f.initial = step_initial(case, {"members_total": 0}, D(2025, 1, 15))
    html = str(f["members_total"])
    assert 'value="0"' not in html


@pytest.mark.parametrize("value", ["31/02/2025", "29/02/2026", "2025-02-30", "00/01/2025"])
def test_an_impossible_date_is_said_not_to_exist(world, case, value):
    f = form(case, StepKind.APPLICATION, base(occurred_on=value), user=world.editor_a)
    assert not f.is_valid()
    (message,) = f.errors["occurred_on"]
    assert message.startswith(f"Ngày {value} không tồn tại")


def test_a_date_can_come_from_the_browsers_date_picker(world, case):
    data = base(occurred_on="", occurred_on__lich="2025-01-20")
    f = form(case, StepKind.APPLICATION, data, user=world.editor_a)
    assert f.is_valid(), f.errors
    assert f.cleaned_data["occurred_on"] == D(2025, 1, 20)


def test_the_picked_date_wins_over_the_prefilled_text(world, case):
    # Without JavaScript the text box keeps its pre-filled day; the picker starts empty,
    # so a day in it was chosen.
    f = form(case, StepKind.APPLICATION, base(occurred_on__lich="2025-01-21"), user=world.editor_a)
    assert f.is_valid(), f.errors
    assert f.cleaned_data["occurred_on"] == D(2025, 1, 21)


def test_the_date_box_offers_a_native_picker_beside_the_text(world, case):
    html = str(form(case, StepKind.APPLICATION, user=world.editor_a)["occurred_on"])
    assert 'type="text"' in html and 'placeholder="dd/mm/yyyy"' in html
    assert 'type="date"' in html and 'name="occurred_on__lich"' in html
    assert "<script" not in html  # CSP: the script is a static file

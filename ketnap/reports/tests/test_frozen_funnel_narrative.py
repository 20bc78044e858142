"""Frozen reports and their comparison, the funnel on a small fixture, the narrative."""

from __future__ import annotations

import datetime as dt

import pytest

from ketnap.admission.models import AdmissionCase, CaseStep, Prospect
from ketnap.audit.models import AuditEntry
from ketnap.core.errors import NotFound, PermissionDenied
from ketnap.core.testing import World, add_events, build_world, make_member, make_person
from ketnap.reports.frozen import flatten, frozen_compare, frozen_get, report_send
from ketnap.reports.funnel import STAGES, Track, development_funnel, funnel_of
from ketnap.reports.narrative import narrative_for

D = dt.date
YEAR = (D(2023, 1, 1), D(2023, 12, 31))


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def test_sending_freezes_the_figures_who_and_when_and_is_audited(world: World) -> None:
    make_member(world.cell_a, ceremony=D(2023, 3, 1), official=False)
    frozen = report_send(actor=world.editor_a, kind="change", org=world.province_a, first=YEAR[0], last=YEAR[1])
    assert (frozen.figures["end"], frozen.sent_by, frozen.figures["increases"]["admitted"]) == (1, world.editor_a, 1)
    assert AuditEntry.objects.filter(action="report.send").count() == 1


def test_a_viewer_cannot_send_and_an_outsider_cannot_see(world: World) -> None:
    with pytest.raises(PermissionDenied):
        report_send(actor=world.viewer_commune_a, kind="change", org=world.commune_a, first=YEAR[0], last=YEAR[1])
    frozen = report_send(actor=world.admin, kind="change", org=world.province_a, first=YEAR[0], last=YEAR[1])
    with pytest.raises(NotFound):
        frozen_get(world.outsider_b, frozen.pk)


def test_a_death_recorded_after_sending_explains_the_difference(world: World) -> None:
    member = make_member(world.cell_a)
    frozen = report_send(actor=world.admin, kind="change", org=world.province_a, first=YEAR[0], last=YEAR[1])
    assert frozen_compare(world.admin, frozen).differences == []
    add_events(member, ("died", D(2023, 11, 2)))
    comparison = frozen_compare(world.admin, frozen)
    changed = {d.figure: (d.sent, d.now) for d in comparison.differences}
    assert changed["end"] == (1, 0) and changed["decreases.died"] == (0, 1)
    labels = {d.figure: d.label for d in comparison.differences}
    assert (labels["end"], labels["decreases.died"]) == ("Đảng viên cuối kỳ", "Từ trần")
    [later] = comparison.differences[0].explained_by
    assert "Từ trần" in later.description and "02/11/2023" in later.description


def test_flatten_names_every_leaf() -> None:
    assert flatten({"a": {"b": 1}, "c": [{"d": 2}]}) == {"a.b": 1, "c.0.d": 2}


def _track(**dates: dt.date | None) -> Track:
    return Track(dates=dict(dates))


def test_funnel_conversion_median_and_stuck_on_tracks() -> None:
    tracks = [
        _track(source=D(2023, 1, 1), sympathiser=D(2023, 2, 1)),
        _track(source=D(2023, 1, 1), sympathiser=D(2023, 3, 3), dossier=D(2023, 6, 1)),
        _track(source=D(2021, 1, 1)),
    ]
    rows = {row.stage: row for row in funnel_of(tracks, *YEAR)}
    assert (rows["source"].reached, rows["source"].entered, rows["source"].conversion) == (3, 2, 0.6667)
    assert rows["source"].median_days == 46  # 31 and 61 days
    assert (rows["source"].waiting, rows["source"].stuck) == (1, 1)  # since 2021
    assert rows["awareness"].reached == 1  # implied by the dossier
    assert len(rows) == len(STAGES)


def test_funnel_reads_the_source_and_the_case_steps(world: World) -> None:
    person = make_person(world.cell_a)
    Prospect.objects.create(person=person, cell=world.cell_a, origin="youth_union", noted_on=D(2023, 1, 10))
    case = AdmissionCase.objects.create(person=person, cell=world.cell_a, opened_on=D(2023, 3, 1))
    CaseStep.objects.create(case=case, kind="cell_resolution", occurred_on=D(2023, 4, 1))
    CaseStep.objects.create(case=case, kind="decision", occurred_on=D(2023, 5, 1), void=True)
    funnel = development_funnel(world.province_a, *YEAR)
    rows = {row.stage: row for row in funnel.stages}
    assert (rows["cell_vote"].reached, rows["decision"].reached, rows["cell_vote"].waiting) == (1, 0, 1)
    assert rows["dossier"].median_days == 31


def test_narrative_phrases_the_figures_in_vietnamese(world: World) -> None:
    for _ in range(3):
        make_member(world.cell_a, ceremony=D(2023, 3, 1), official=False, gender="female")
    text = narrative_for(world.admin, world.province_a, *YEAR).text
    assert "Tính đến ngày 31/12/2023, Đảng bộ tỉnh A có" in text
    assert "3 đảng viên nữ, chiếm 100,00%" in text
    assert "kết nạp 3 đảng viên mới" in text and "cuối kỳ có 3 đảng viên" in text

"""Pages that guide: the suggested next step is one the case needs, and long lists (the
work queue, the board, the people list) come a page at a time with their counts."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from ketnap.admission import selectors
from ketnap.admission.models import AdmissionCase
from ketnap.admission.steps import StepKind
from ketnap.admission.tests.test_pages_no_codes import visible_text
from ketnap.core.testing import World, build_world, make_person

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_suggested_step_is_one_the_case_needs_not_an_optional_one(world: World) -> None:
    from ketnap.admission.tests.factories import open_case, record_until

    case = record_until(open_case(world), StepKind.CELL_RESOLUTION, actor=world.editor_a)
    available = [s.kind for s in selectors.steps_available(case)]
    assert available.index(StepKind.SUBCOMMITTEE_APPRAISAL) < available.index(StepKind.GRASSROOTS_RESOLUTION)

    html = client_for(world.editor_a).get(reverse("admission:case", args=[case.pk])).content.decode()

    primary = re.findall(r'<a class="button primary" href="([^"]+)"', html)
    assert primary == [reverse("admission:step", args=[case.pk, "grassroots_resolution"])]
    assert 'href="{}"'.format(reverse("admission:step", args=[case.pk, "subcommittee_appraisal"])) in html


def test_suggested_step_of_a_grassroots_cell_skips_the_committee_steps(world: World) -> None:
    from ketnap.admission.tests.factories import open_case, record_until
    from ketnap.core.testing import make_org
    from ketnap.organizations.models import OrgKind

    cell = make_org(world.district_a, "chi-bo-co-so", OrgKind.GRASSROOTS_CELL, name="Chi bộ cơ sở C")
    case = record_until(open_case(world, cell=cell), StepKind.CELL_RESOLUTION, actor=world.editor_a)
    checklist = {row.code: row.state for row in selectors.case_checklist(case, D(2023, 4, 1))}
    assert checklist["subcommittee_appraisal"] == checklist["grassroots_resolution"] == "not_applicable"
    assert selectors.suggested_step(case, selectors.steps_available(case)).kind is StepKind.DECISION


def _many_cases(world: World, n: int, **fields: Any) -> None:
    people = [make_person(world.cell_a, given=f"Số {i}") for i in range(n)]
    AdmissionCase.objects.bulk_create(
        AdmissionCase(person=p, cell=world.cell_a, opened_on=D(2025, 1, 6), **fields) for p in people
    )


def test_a_queue_of_300_items_comes_a_page_at_a_time_with_counts_by_organization(world: World) -> None:
    _many_cases(world, 300, due_on=D(2025, 3, 3), due_code="ceremony.due")
    url = reverse("admission:queue", args=[world.province_a.code]) + "?ngay=2025-03-10"
    response = client_for(world.editor_a).get(url)
    html = response.content.decode()
    assert len(response.content) < 60_000
    assert "300 việc đến hạn hoặc quá hạn" in html and "300 quá hạn" in html
    assert "?ngay=10%2F03%2F2025&amp;trang=2" in html or "trang=2" in html
    assert html.count('<tr class="overdue">') == 50
    groups = visible_text(html)
    assert "Đảng bộ huyện A 300 300" in groups  # the count under the district below the province
    last = client_for(world.editor_a).get(url + "&trang=6").content.decode()
    assert last.count('<tr class="overdue">') == 50 and 'aria-current="page">6<' in last


def test_a_board_of_300_cases_shows_the_first_cards_of_each_column_and_pages_a_column(world: World) -> None:
    _many_cases(world, 300, stage="dossier")
    url = reverse("admission:board", args=[world.province_a.code]) + "?ngay=2025-03-10"
    response = client_for(world.editor_a).get(url)
    html = response.content.decode()
    assert len(response.content) < 60_000
    assert "300 hồ sơ đang xét" in html and "Xem tất cả 300 hồ sơ" in html
    assert html.count('class="case-card') == 12
    column = client_for(world.editor_a).get(url + "&cot=dossier&trang=5").content.decode()
    assert column.count('class="case-card') == 60 and 'aria-current="page">5<' in column


def test_the_people_list_has_page_links(world: World) -> None:
    for i in range(120):
        make_person(world.cell_a, given=f"Số {i}")
    html = client_for(world.editor_a).get(reverse("people") + "?trang=2").content.decode()
    assert 'aria-current="page">2<' in html and "trang=3" in html and "Trang 2/3" in html


def test_the_board_of_a_past_date_shows_where_a_case_stood_then(world: World) -> None:
    from ketnap.admission.tests.factories import open_case, record_until, step_date

    case = record_until(open_case(world), StepKind.DECISION, actor=world.editor_a)
    before = step_date(case, StepKind.DECISION) - dt.timedelta(days=1)
    columns = selectors.board(world.province_a, before)
    (shown,) = [c for cards in columns.values() for c in cards if c.pk == case.pk]
    assert shown.stage == "decision" and shown.due_code == "admission_decision.due"
    assert [c.pk for c in columns[selectors.Stage.DECISION]] == [case.pk]
    case.refresh_from_db()
    assert case.stage == "ceremony"  # nothing was saved
    url = reverse("admission:board", args=[world.province_a.code]) + f"?ngay={before.isoformat()}"
    html = client_for(world.editor_a).get(url).content.decode()
    assert re.search(r'id="col-decision">[^<]*<span class="badge">1</span>', html)

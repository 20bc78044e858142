"""The admission pages in English: stage and case-kind labels are translated, not
left in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from ketnap.admission.models import AdmissionCase, CaseKind
from ketnap.admission.steps import CATALOGUE, Stage
from ketnap.core.testing import World, build_world, make_person

pytestmark = pytest.mark.django_db
D = dt.date

ENGLISH_STAGES = {
    Stage.DOSSIER: "Completing the dossier",
    Stage.CELL: "Cell review",
    Stage.COMMITTEE: "Party committee review",
    Stage.DECISION: "Awaiting the decision",
    Stage.CEREMONY: "Awaiting the admission ceremony",
    Stage.PROBATION: "Probation",
    Stage.RECOGNITION: "Review for official membership",
    Stage.CARD: "Party card issue",
}


@pytest.fixture
def world(db: None) -> World:
    return build_world()


def english_client(user, next_url: str) -> tuple[Client, str]:
    """A signed-in client switched to English the way the language switcher does it;
    returns the client and the page the switcher sent it back to."""
    client = Client()
    client.force_login(user)
    response = client.post(reverse("set_language"), {"language": "en", "next": next_url})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    return client, response["Location"]


def open_case(world: World, given: str, stage: Stage, kind: str = CaseKind.ADMISSION) -> AdmissionCase:
    person = make_person(world.cell_a, family="Lò", middle="Văn", given=given, birth_date=D(2000, 3, 5))
    return AdmissionCase.objects.create(
        person=person, cell=world.cell_a, opened_on=D(2025, 1, 6), stage=stage, kind=kind
    )


def test_board_in_english_shows_english_stage_and_kind_labels(world):
    for index, stage in enumerate(ENGLISH_STAGES):
        open_case(world, f"Người {index}", stage, CaseKind.READMISSION if stage is Stage.CELL else CaseKind.ADMISSION)
    client, url = english_client(world.editor_a, reverse("admission:board", args=["xa-a"]))
    html = client.get(url).content.decode()
    assert '<html lang="en">' in html
    for stage, english in ENGLISH_STAGES.items():
        assert f'id="col-{stage.value}">{english} <span class="badge">1</span>' in html
    assert "Hoàn thiện hồ sơ" not in html
    assert "Chờ quyết định" not in html
    # The case-kind filter and the readmission badge on a card.
    assert '<option value="admission">Admission</option>' in html
    assert '<option value="readmission">Readmission</option>' in html
    assert '<span class="kind">Readmission</span>' in html
    assert "Kết nạp" not in html


def test_case_page_in_english_shows_the_stage_kind_and_step_labels(world):
    case = open_case(world, "An", Stage.CELL, CaseKind.READMISSION)
    client, url = english_client(world.editor_a, reverse("admission:case", args=[case.pk]))
    html = client.get(url).content.decode()
    assert '<span class="kind">Readmission</span>' in html
    assert '<span class="status">Cell review</span>' in html
    assert "Application for party membership" in html  # a step of the checklist
    assert "Chi bộ xét" not in html


def test_every_stage_kind_and_step_label_has_an_english_translation():
    labels = [*Stage.labels, *CaseKind.labels, *(item.label for item in CATALOGUE)]
    with translation.override("vi"):
        vietnamese = [str(label) for label in labels]
    with translation.override("en"):
        english = [str(label) for label in labels]
    untranslated = [vi for vi, en in zip(vietnamese, english, strict=True) if vi == en]
    assert untranslated == []

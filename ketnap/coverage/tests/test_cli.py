"""``ketnap report coverage``: the JSON contract and the workbook."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from ketnap.core.testing import World, make_member
from ketnap.organizations.models import Locality, LocalityCell, LocalityKind, VillageHead

D = dt.date


def _village(w: World) -> Locality:
    item = Locality.objects.create(
        code="t1", name="Thôn 1", kind=LocalityKind.VILLAGE, commune=w.commune_a, valid_from=D(2000, 1, 1)
    )
    LocalityCell.objects.create(locality=item, cell=w.cell_a, valid_from=D(2000, 1, 1))
    VillageHead.objects.create(locality=item, person=make_member(w.cell_a), valid_from=D(2000, 1, 1))
    return item


@pytest.mark.django_db
def test_json_has_the_contract_fields(w: World) -> None:
    _village(w)
    out = StringIO()
    call_command("report", "coverage", "--org", "tinh-a", "--as-of", "2024-01-01", "--format", "json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["villages"] == 1
    assert data["villages_without_member"] == 0
    assert data["villages_without_own_cell"] == 0
    assert data["village_heads_members_percent"] == 100.0
    assert data["secretaries_village_heads_percent"] == 0.0


@pytest.mark.django_db
def test_a_user_outside_the_tree_is_told_the_organization_is_missing(w: World) -> None:
    with pytest.raises(CommandError):
        call_command("report", "coverage", "--org", "tinh-a", "--as-of", "2024-01-01", "--user", "outsider_b")


@pytest.mark.django_db
def test_xlsx_writes_the_figures_and_the_villages(w: World, tmp_path: Path) -> None:
    _village(w)
    target = tmp_path / "c.xlsx"
    args = ["--org", "tinh-a", "--as-of", "2024-01-01", "--format", "xlsx", "--output", str(target)]
    call_command("report", "coverage", *args, stderr=StringIO())
    book = load_workbook(target)
    assert book.worksheets[0]["B4"].value == 1
    assert book.worksheets[1]["A2"].value == "Thôn 1"

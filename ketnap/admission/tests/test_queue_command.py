"""``ketnap queue``: JSON shape, the Vietnamese table, refusals, scoping through the policy."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from ketnap.core.testing import World, build_world, make_member

D = dt.date
AS_OF = "2023-01-15"


@pytest.fixture
def world(db: None) -> World:
    world = build_world()
    make_member(world.cell_a, ceremony=D(2021, 6, 1), official=False, family="Lò", middle="Văn", given="Páo")
    make_member(world.cell_b, ceremony=D(2021, 6, 1), official=False, family="Vàng", middle="A", given="Sử")
    return world


def queue(*args: str) -> str:
    out = StringIO()
    call_command("queue", *args, stdout=out)
    return out.getvalue()


def queue_json(*args: str) -> dict[str, Any]:
    return json.loads(queue(*args, "--format", "json"))


def test_json_is_one_object_with_typed_items(world: World) -> None:
    data = queue_json("--org", "tinh-a", "--as-of", AS_OF)
    assert (data["organization"], data["as_of"]) == ("tinh-a", AS_OF)
    (item,) = data["items"]
    assert set(item) == {
        "code",
        "message",
        "citation",
        "due_on",
        "overdue",
        "person_id",
        "person_name",
        "organization_code",
        "organization_name",
        "case_id",
    }
    assert (item["code"], item["overdue"], item["person_name"]) == ("probation.review.overdue", True, "Lò Văn Páo")
    assert dt.date.fromisoformat(item["due_on"]) < D(2023, 1, 15)
    assert item["case_id"] is None


def test_text_is_a_vietnamese_table(world: World) -> None:
    text = queue("--org", "tinh-a", "--as-of", AS_OF)
    assert "15/01/2023" in text
    assert "Lò Văn Páo" in text and "Quá hạn" in text and "Căn cứ" in text
    assert "Tổng: 1 việc, trong đó 1 quá hạn." in text
    assert "Vàng A Sử" not in text


def test_nothing_due_says_so(world: World) -> None:
    assert "Không có việc nào" in queue("--org", "tinh-a", "--as-of", "2021-07-01")


def test_horizon_widens_the_window(world: World) -> None:
    assert queue_json("--org", "tinh-a", "--as-of", "2022-05-01")["items"] == []
    assert len(queue_json("--org", "tinh-a", "--as-of", "2022-05-01", "--horizon", "90")["items"]) == 1


@pytest.mark.parametrize(
    "args",
    [
        ("--org", "khong-co", "--as-of", AS_OF),
        ("--org", "tinh-a", "--as-of", "15/01/2023"),
        ("--org", "tinh-a", "--as-of", AS_OF, "--horizon", "-1"),
        ("--org", "tinh-a", "--as-of", AS_OF, "--user", "khong-ai"),
    ],
)
def test_refusals_exit_non_zero(world: World, args: tuple[str, ...]) -> None:
    with pytest.raises(CommandError):
        queue(*args)


def test_user_without_role_is_told_not_found(world: World) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        queue("--org", "tinh-a", "--as-of", AS_OF, "--user", "nobody")


def test_user_in_scope_sees_the_queue(world: World) -> None:
    data = queue_json("--org", "xa-a", "--as-of", AS_OF, "--user", "viewer_xa_a")
    assert [i["person_name"] for i in data["items"]] == ["Lò Văn Páo"]


def test_user_on_a_sibling_is_told_not_found(world: World) -> None:
    with pytest.raises(CommandError, match="Không tìm thấy tổ chức"):
        queue("--org", "tinh-a", "--as-of", AS_OF, "--user", "outsider_b")

"""Hometowns and residences of demo people are villages, never the name of a cell."""

from __future__ import annotations

import datetime as dt

from ketnap.demo.places import residence_and_hometown, village_of_cell


def test_a_village_cell_is_named_after_its_village() -> None:
    assert village_of_cell("Chi bộ bản Púng Ngà") == "Bản Púng Ngà"
    assert village_of_cell("Chi bộ bản Bản Ún") == "Bản Ún"
    assert village_of_cell("Chi bộ Thôn 3") == "Thôn 3"
    assert village_of_cell("Chi bộ Tổ dân phố số 1") == "Tổ dân phố số 1"
    assert village_of_cell("Chi bộ Trường THCS Quyết Thắng") == ""
    assert village_of_cell("Chi bộ 1 Đơn vị số 3") == ""


def test_people_of_a_village_cell_live_in_the_village_and_most_were_born_there() -> None:
    places = [
        residence_and_hometown("Chi bộ Thôn 3", "kinh", "Lê", "Văn", str(i), dt.date(1990, 1, 1)) for i in range(200)
    ]
    assert {residence for residence, _ in places} == {"Thôn 3"}
    born_there = sum(hometown == "Thôn 3" for _, hometown in places)
    assert 100 < born_there < 190


def test_people_of_other_cells_live_in_a_village_of_their_group() -> None:
    school = "Chi bộ Trường Tiểu học Mường Tè"
    residence, hometown = residence_and_hometown(school, "hmong", "Giàng", "A", "Páo", dt.date(1990, 1, 1))
    assert residence.startswith("Bản ") and hometown.startswith("Bản ")
    residence, hometown = residence_and_hometown(school, "kinh", "Lê", "Thị", "Lan", dt.date(1991, 5, 2))
    assert residence.startswith(("Thôn ", "Xóm ")) and hometown.startswith(("Thôn ", "Xóm "))
    again = residence_and_hometown(school, "kinh", "Lê", "Thị", "Lan", dt.date(1991, 5, 2))
    assert again == (residence, hometown)  # the same person always gets the same places

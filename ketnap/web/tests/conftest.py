from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client

from ketnap.core.testing import World, build_world, make_member


@pytest.fixture
def world(db: None) -> World:
    return build_world()


@pytest.fixture
def member_a(world: World):
    """An official member of the village cell in province A, with sensitive details on file."""
    return make_member(
        world.cell_a,
        family="Hoàng",
        middle="Thị",
        given="Mỷ",
        gender="female",
        birth_date=dt.date(1988, 5, 21),
        ethnicity="hmong",
        religion="protestantism",
        citizen_id="038188004321",
        verification_notes="Đã thẩm tra lý lịch tại quê quán",
        ceremony=dt.date(2015, 3, 1),
    )


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client

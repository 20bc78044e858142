from __future__ import annotations

import pytest
from django.test import Client

from ketnap.core.testing import World, build_world


@pytest.fixture
def w(db: None) -> World:
    return build_world()


def client_for(user: object) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)  # type: ignore[arg-type]
    return client

from __future__ import annotations

import pytest

from ketnap.core.testing import World, build_world


@pytest.fixture
def w(db: None) -> World:
    return build_world()

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine


@pytest.fixture(autouse=True)
def frozen_today() -> Any:
    with time_machine.travel(dt.datetime(2026, 6, 1, 9, 0), tick=False):
        yield

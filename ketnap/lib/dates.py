"""Dates as Vietnamese documents print them."""

from __future__ import annotations

import datetime as dt


def dmy(date: dt.date) -> str:
    """dd/mm/yyyy with a four-digit year: 01/01/0001, where strftime gives 01/01/1."""
    return f"{date.day:02d}/{date.month:02d}/{date.year:04d}"

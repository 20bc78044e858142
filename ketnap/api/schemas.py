"""Shared pieces of the request and response schemas."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ketnap.api.errors import ERROR_STATUSES, ErrorOut

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    # Pydantic would also take datetimes and Unix timestamps; the API promises
    # exactly YYYY-MM-DD so that a typo is an error, not a different day.
    # Its own error type, so the API words it in the request's language (errors.py).
    if isinstance(value, str) and not _ISO_DATE.match(value):
        raise PydanticCustomError("iso_date", "expected a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

MAX_LIMIT = 200


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Number of items to return.")
    offset: int = Field(0, ge=0, description="Number of items to skip.")


def responses(ok: Any, status: int = 200) -> dict[Any, Any]:
    """The response map of an endpoint: its success schema and the shared error shape."""
    return {status: ok, ERROR_STATUSES: ErrorOut}

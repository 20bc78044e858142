"""Shared pieces of the request and response schemas."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from ninja import Field, Schema
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from ketnap.api.errors import ERROR_STATUSES, ErrorOut
from ketnap.lib.dates import DateInputError, check_date_range, parse_date


def _iso_date(value: Any) -> Any:
    # Pydantic would also take datetimes and Unix timestamps; the API promises exactly
    # YYYY-MM-DD so that a typo is an error, not a different day. The one date parser
    # words the refusal (in the request's language) and keeps dates in the range the
    # date arithmetic supports.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return check_date_range(value)
    if not isinstance(value, str):
        raise PydanticCustomError("iso_date", "expected a date as YYYY-MM-DD")
    try:
        return parse_date(value)
    except DateInputError as error:
        raise ValueError(error.message) from error


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]

MAX_LIMIT = 200
# Far beyond any list, yet small enough for every database's OFFSET (SQLite refuses
# integers past 2**63 with an OverflowError).
MAX_OFFSET = 1_000_000_000


class PageIn(Schema):
    limit: int = Field(50, ge=1, le=MAX_LIMIT, description="Number of items to return.")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Number of items to skip.")


def responses(ok: Any, status: int = 200, *, write: bool = False) -> dict[Any, Any]:
    """The response map of an endpoint: its success schema and the shared error shape; a
    write may also meet a state that no longer allows it (409)."""
    return {status: ok, (ERROR_STATUSES | {409}) if write else ERROR_STATUSES: ErrorOut}

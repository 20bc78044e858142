"""Per-request context (request id, address) for audit rows, without passing it around."""

from __future__ import annotations

import contextvars
from dataclasses import dataclass


@dataclass(frozen=True)
class RequestContext:
    request_id: str = ""
    address: str | None = None


# RequestContext is a frozen dataclass, so sharing one default instance is safe.
current: contextvars.ContextVar[RequestContext] = contextvars.ContextVar(
    "ketnap_request",
    default=RequestContext(),  # noqa: B039
)

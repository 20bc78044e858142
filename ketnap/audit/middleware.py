from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from ketnap.audit.context import RequestContext, current
from ketnap.core.client import client_address


class RequestContextMiddleware:
    """Gives each request an id (echoed in ``X-Request-ID``) that audit rows carry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = str(uuid.uuid4())
        token = current.set(RequestContext(request_id=request_id, address=client_address(request)))
        try:
            response = self.get_response(request)
        finally:
            current.reset(token)
        response["X-Request-ID"] = request_id
        return response

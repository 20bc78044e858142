"""Mounted at ``/api/v1/``; any other path below it answers in the API's error shape."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path

from ketnap.api.api import api
from ketnap.api.errors import error_response
from ketnap.core.errors import NotFound


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    error = NotFound()
    return error_response(api, request, status=error.status, code=error.code, message=error.message)


urlpatterns = [
    path("", api.urls),
    re_path(r"^(?P<rest>.*)$", not_found),
]

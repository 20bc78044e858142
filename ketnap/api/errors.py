"""The one JSON error shape of the API, and the handlers that map every failure to it.

``{"error": {"code": "not_found", "message": "…", "field": null, "details": {}}}``:
``code`` is stable for programs, ``message`` is translated for people.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, RequestDataTooBig
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ketnap.admission.errors import StepBlocked
from ketnap.admission.selectors import finding_dict
from ketnap.api.parsing import NulCharacter, nul_refused
from ketnap.core.errors import DomainError, NotFound, PermissionDenied, ValidationFailed, as_domain_error
from ketnap.rules.editions import NoEditionInForce

logger = logging.getLogger(__name__)

# Declared on every endpoint, so generated clients and fuzzers know them.
ERROR_STATUSES = frozenset({400, 401, 403, 404, 422})

_HTTP_CODES = {401: "unauthenticated", 403: "permission_denied", 404: "not_found", 429: "throttled"}

# Path parameters naming an object, with the lookup that raises ``NotFound`` when the
# caller cannot see it: a request on a missing object is a 404 even when its body is
# also invalid (the body is validated before the view runs).
PATH_LOOKUPS: dict[str, Callable[[Any, int], object]] = {}


def path_lookup(name: str, lookup: Callable[[Any, int], object]) -> None:
    """Register ``lookup(user, pk)`` for the path parameter ``name``."""
    PATH_LOOKUPS[name] = lookup


def _missing_in_path(request: HttpRequest) -> bool:
    match = getattr(request, "resolver_match", None)
    for name, value in (match.kwargs if match else {}).items():
        if name not in PATH_LOOKUPS:
            continue
        try:
            PATH_LOOKUPS[name](getattr(request, "auth", None), int(value))
        except (NotFound, ValueError):
            return True
        except DomainError:
            return False
    return False


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None
    details: dict[str, Any] = {}


class ErrorOut(Schema):
    error: ErrorBody


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    *,
    status: int,
    code: str,
    message: object,
    field: str | None = None,
    details: dict[str, Any] | None = None,
) -> HttpResponse:
    body = {"error": {"code": code, "message": str(message), "field": field, "details": details or {}}}
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="ketnap"'
    return response


def _domain(request: HttpRequest, exc: DomainError, api: NinjaAPI) -> HttpResponse:
    details = exc.errors if isinstance(exc, ValidationFailed) else getattr(exc, "details", {})
    return error_response(
        api, request, status=exc.status, code=exc.code, message=exc.message, field=exc.field, details=details
    )


def _before_regulations(request: HttpRequest, exc: NoEditionInForce, api: NinjaAPI) -> HttpResponse:
    return _domain(request, as_domain_error(exc), api)


def _step_blocked(request: HttpRequest, exc: StepBlocked, api: NinjaAPI) -> HttpResponse:
    # Every finding, not only the blocking ones, so a client can show the whole check.
    details = {"findings": [finding_dict(f) for f in exc.findings]}
    return error_response(api, request, status=exc.status, code=exc.code, message=exc.message, details=details)


def _field_name(loc: list[Any] | tuple[Any, ...]) -> str:
    # loc starts with where the value came from ("query", "path", "body"); people
    # care about the parameter, so that part is dropped, and for a body also the name
    # of the view's body argument ("payload"), which is not part of the JSON sent.
    skip = 2 if len(loc) > 2 and loc[0] == "body" else 1
    parts = [str(part) for part in loc[skip:]] or [str(part) for part in loc]
    return ".".join(parts)


# The validation library's error types, worded for people in the request's language
# (its own messages are English only). ``%(name)s`` takes the error's context.
_DATE_MESSAGE = gettext_lazy("Cần một ngày có thật, dạng YYYY-MM-DD.")
_WHOLE_NUMBER = gettext_lazy("Cần một số nguyên.")
_ONE_OF = gettext_lazy("Cần một trong các giá trị: %(expected)s.")
_TRUE_FALSE = gettext_lazy("Cần true hoặc false.")
_VALIDATION_MESSAGES: dict[str, Any] = {
    "missing": gettext_lazy("Thiếu trường bắt buộc này."),
    "int_parsing": _WHOLE_NUMBER,
    "int_type": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "float_parsing": gettext_lazy("Cần một số."),
    "float_type": gettext_lazy("Cần một số."),
    "date_parsing": _DATE_MESSAGE,
    "date_type": _DATE_MESSAGE,
    "date_from_datetime_parsing": _DATE_MESSAGE,
    "date_from_datetime_inexact": _DATE_MESSAGE,
    "iso_date": _DATE_MESSAGE,
    "datetime_parsing": gettext_lazy("Cần một thời điểm dạng ISO 8601."),
    "datetime_type": gettext_lazy("Cần một thời điểm dạng ISO 8601."),
    "less_than_equal": gettext_lazy("Không được lớn hơn %(le)s."),
    "less_than": gettext_lazy("Phải nhỏ hơn %(lt)s."),
    "greater_than_equal": gettext_lazy("Không được nhỏ hơn %(ge)s."),
    "greater_than": gettext_lazy("Phải lớn hơn %(gt)s."),
    "string_too_long": gettext_lazy("Không được dài quá %(max_length)s ký tự."),
    "string_too_short": gettext_lazy("Cần ít nhất %(min_length)s ký tự."),
    "string_type": gettext_lazy("Cần một chuỗi ký tự."),
    "bool_parsing": _TRUE_FALSE,
    "bool_type": _TRUE_FALSE,
    "literal_error": _ONE_OF,
    "enum": _ONE_OF,
    "too_long": gettext_lazy("Không được quá %(max_length)s phần tử."),
    "too_short": gettext_lazy("Cần ít nhất %(min_length)s phần tử."),
    "list_type": gettext_lazy("Cần một danh sách."),
    "dict_type": gettext_lazy("Cần một đối tượng JSON."),
    "model_type": gettext_lazy("Cần một đối tượng JSON."),
    "model_attributes_type": gettext_lazy("Cần một đối tượng JSON."),
    "json_invalid": gettext_lazy("JSON không hợp lệ."),
    "extra_forbidden": gettext_lazy("Không có trường này."),
}


def validation_message(error: dict[str, Any]) -> str:
    """One validation error in the request's language; a ``ValueError`` raised by our
    own validators carries a message already translated."""
    kind = str(error.get("type", ""))
    context = dict(error.get("ctx") or {})
    if kind == "value_error" and "error" in context:
        return str(context["error"])
    template = _VALIDATION_MESSAGES.get(kind)
    if template is None:
        return _("Giá trị không hợp lệ.")
    if "expected" in context:  # "'a', 'b' or 'c'": the "or" is English
        context["expected"] = str(context["expected"]).replace(" or ", ", ")
    try:
        return str(template) % context
    except (KeyError, TypeError, ValueError):
        return str(template)


def _validation(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    if _missing_in_path(request):
        return _domain(request, NotFound(), api)
    fields: dict[str, list[str]] = {}
    for error in exc.errors:
        fields.setdefault(_field_name(error.get("loc", ())), []).append(validation_message(error))
    first = next(iter(fields), None)
    return error_response(
        api, request, status=422, code="validation_failed", message=_("Dữ liệu không hợp lệ."), field=first,
        details=fields,
    )  # fmt: skip


def _unauthenticated(request: HttpRequest, exc: AuthenticationError, api: NinjaAPI) -> HttpResponse:
    message = _("Cần đăng nhập hoặc một khóa API hợp lệ.")
    return error_response(api, request, status=401, code="unauthenticated", message=message)


def _http(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    # Ninja reports every failure to read a body as one English "Cannot parse request
    # body"; what actually went wrong is its cause.
    cause = exc.__cause__
    if isinstance(cause, RequestDataTooBig):
        return _too_big(request, cause, api)
    if isinstance(cause, NulCharacter):
        return _domain(request, nul_refused(cause.path), api)
    if cause is not None and exc.status_code == 400:
        message = _("Nội dung yêu cầu không phải JSON hợp lệ.")
        return error_response(api, request, status=400, code="invalid_json", message=message)
    code = _HTTP_CODES.get(exc.status_code, "error")
    return error_response(api, request, status=exc.status_code, code=code, message=exc.message)


def _not_found(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return _domain(request, NotFound(), api)


def _forbidden(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    return _domain(request, PermissionDenied(), api)


def _too_big(request: HttpRequest, exc: RequestDataTooBig, api: NinjaAPI) -> HttpResponse:
    limit = filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
    message = _("Nội dung yêu cầu quá lớn (tối đa %(limit)s).") % {"limit": limit}
    return error_response(api, request, status=413, code="request_too_large", message=message)


def _unexpected(request: HttpRequest, exc: Exception, api: NinjaAPI) -> HttpResponse:
    # Logged in full for operators; the client learns only that it failed.
    logger.exception("Unhandled error in API %s %s", request.method, request.path, exc_info=exc)
    message = _("Đã xảy ra lỗi máy chủ. Vui lòng thử lại sau.")
    return error_response(api, request, status=500, code="server_error", message=message)


def install(api: NinjaAPI) -> None:
    """Register the handlers; the most specific exception class wins."""
    handlers: list[tuple[type[Exception], Any]] = [
        (Exception, _unexpected),
        (RequestDataTooBig, _too_big),
        (Http404, _not_found),
        (ObjectDoesNotExist, _not_found),
        (DjangoPermissionDenied, _forbidden),
        (HttpError, _http),
        (AuthenticationError, _unauthenticated),
        (ValidationError, _validation),
        (DomainError, _domain),
        (NoEditionInForce, _before_regulations),
        (StepBlocked, _step_blocked),
    ]
    for exc_class, handler in handlers:
        api.add_exception_handler(exc_class, partial(handler, api=api))

"""Every endpoint of ketnap, enumerated from the URL configuration and the OpenAPI
document, with the kind of object each of its parameters names.

A page parameter is identified by the literal path segment in front of it
(``ho-so/<int:pk>/`` names a case), an API parameter by its name (``case_id``), so an
endpoint added later is covered without a new test. An endpoint whose parameters
cannot be identified is returned in ``unresolved`` and fails the coverage test until
its segment or name is added below or it is listed in ``NOT_GENERATED`` with a reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

from ketnap.api.api import api

API_PREFIX = "api/v1/"
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Routes that are not generated, each with the reason.
NOT_GENERATED: dict[str, str] = {
    "api/v1/^(?P<rest>.*)$": "catch-all that answers 404 in the API's error shape to everyone, by design",
    "api/v1/": "django-ninja's root, which answers 404 to everyone; the API is its operations and /api/v1/docs",
}

# Pages about the caller's own account (second factor, recovery codes, password): they
# name no record of anyone else, so there is no other province's record to reach, and
# their writes (a new recovery code, a password change) are the caller's own.
OWN_ACCOUNT_PREFIXES = ("tai-khoan/",)

# Page parameters by the segment in front of them: (segment, parameter) -> object kind.
PAGE_PARAMETERS: dict[tuple[str, str], str] = {
    ("cay", "code"): "org",
    ("to-chuc", "code"): "org",
    ("nguoi", "pk"): "person",
    ("nguon", "pk"): "prospect",
    ("nhiem-vu", "pk"): "task",
    ("ho-so", "pk"): "case",
    ("buoc", "kind"): "step_kind",
    ("tai-lieu", "kind"): "document_kind",
    ("buoc", "step_id"): "step",
    ("tham-tra", "pk"): "verification",
    ("nguoi-gioi-thieu", "pk"): "introducer",
    ("thon-ban", "locality"): "locality",
    ("", "slug"): "ledger_kind",  # dang-tich/nguoi/<pk>/<slug>/: the kind of ledger decision
    ("su-kien", "pk"): "ledger_event",
    ("chuyen", "pk"): "transfer",
    ("nguoi-dung", "username"): "username",
    ("vai-tro", "pk"): "role",
    ("viec", "pk"): "job",
    ("da-gui", "pk"): "frozen_report",
    ("lop-boi-duong", "pk"): "training_class",
    ("hoc-vien", "pk"): "enrolment",
    ("chuong-trinh", "code"): "program",
    ("buoi-hop", "pk"): "meeting",
    ("xem-xet", "pk"): "review",
    ("do-phu", "code"): "org",
    ("xep-loai", "code"): "org",
    ("mau", "kind"): "import_kind",
    ("xuat", "kind"): "import_kind",
    ("tep", "pk"): "upload",
    ("tong-quan", "code"): "org",
    ("phan", "section"): "panel_section",
}
# Query parameters of pages that name an object: url name -> {parameter: kind}.
PAGE_QUERY: dict[str, dict[str, str]] = {"admission:case_open": {"person": "person"}}
# Values of parameters that are not objects.
CONSTANTS: dict[str, str] = {
    "step_kind": "application",
    "document_kind": "checklist",
    "ledger_kind": "sinh-hoat-tam-thoi",
    "import_kind": "members",
    "panel_section": "cells",
}

# API parameters (path, query and body properties) by name -> object kind.
API_PARAMETERS: dict[str, str] = {
    "code": "org",
    "case_id": "case",
    "person_id": "person",
    "step_id": "step",
    "introducer_id": "introducer",
    "verification_id": "verification",
    "prospect_id": "prospect",
    "task_id": "task",
    "member_id": "member",
    "new_member_id": "member",
    "helper_id": "member",
    "reported_by_id": "member",
    "relative_id": "relative",
    "cell": "cell",
    "org": "org",
    "parent": "org",
    "target": "org",
    "deciding_organization": "org",
    "commune": "commune",
    "organization": "org",
    "username": "username",
    "role_id": "role",
    "event_id": "ledger_event",
    "transfer_id": "transfer",
    "job_id": "job",
    "report_id": "frozen_report",
    "class_id": "training_class",
    "organizer": "org",
    "enrolment_id": "enrolment",
    "meeting_id": "meeting",
    "review_id": "review",
    "other": "person",
}
# A parameter whose meaning depends on the path it is in: (path prefix, name) -> kind.
API_PATH_PARAMETERS: dict[tuple[str, str], str] = {
    ("/api/v1/localities/{code}", "code"): "locality",
    ("/api/v1/programs/{code}", "code"): "program",
}
# Body properties that carry a NEW code (of the organization or locality being made),
# not a reference to a record: operation -> property names.
NEW_CODES: dict[str, frozenset[str]] = {
    "POST /api/v1/organizations": frozenset({"code"}),
    "POST /api/v1/organizations/{code}/rename": frozenset({"code"}),
    "POST /api/v1/localities": frozenset({"code"}),
    "POST /api/v1/users": frozenset({"username"}),
}
# The directory of organization names a transfer picks its destination from: names and
# codes of every open organization, by design (no member data), so organization names of
# another province are expected there and nothing else.
DIRECTORIES = frozenset(
    {"page GET /dang-tich/danh-ba/", "page POST /dang-tich/danh-ba/", "api GET /api/v1/organization-directory"}
)
# The admin site's parameters; its pages are for superusers only.
ADMIN_PARAMETERS = frozenset({"object_id", "id", "pk", "content_type_id", "app_label", "url"})


@dataclass(frozen=True)
class Endpoint:
    """One method on one route; ``objects`` maps each parameter to the kind it names."""

    area: str  # "page", "admin" or "api"
    method: str
    route: str
    name: str = ""
    objects: tuple[tuple[str, str], ...] = ()
    query: tuple[tuple[str, str], ...] = ()
    operation: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def id(self) -> str:
        return f"{self.area} {self.method} /{self.route.lstrip('/')}"

    @property
    def writes(self) -> bool:
        return self.method in WRITE_METHODS

    @property
    def own_account(self) -> bool:
        return self.area == "page" and self.route.lstrip("/").startswith(OWN_ACCOUNT_PREFIXES)

    @property
    def names_objects(self) -> bool:
        """The request names at least one record it acts on (in the path, the body or a
        page's query). The API's query parameters only filter a list: a code outside
        the caller's view gives an empty list, like an unknown one, by design."""
        return bool(self.objects or (self.query and self.area != "api") or body_objects(self))


# --- URL configuration ---------------------------------------------------------------------


def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, URLPattern]]:
    """(full route, namespaced name, pattern) for every pattern, depth first."""
    for item in patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            inner = ":".join(part for part in (namespace, item.namespace or "") if part)
            yield from walk(item.url_patterns, route, inner)
        else:
            yield route, f"{namespace}:{item.name}" if namespace and item.name else item.name or "", item


def route_parameters(route: str) -> list[tuple[str, str]]:
    """(segment in front, name) of each parameter of a route or regex route."""
    found = re.findall(r"(?:([^/<>()^]+)/)?(?:<(?:\w+:)?(\w+)>|\(\?P<(\w+)>)", route)
    return [(segment, name or regex_name) for segment, name, regex_name in found]


def api_path(route: str) -> str:
    """The OpenAPI path of a django-ninja route: ``cases/<case_id>`` -> ``/api/v1/cases/{case_id}``."""
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", route)


@functools.cache
def openapi() -> dict[str, Any]:
    """The document served at /api/v1/openapi.json."""
    return api.get_openapi_schema(path_prefix="/" + API_PREFIX)


def _page_endpoints(route: str, name: str) -> tuple[list[Endpoint], str | None]:
    params = route_parameters(route)
    if route.startswith("admin/"):
        unknown = [p for _, p in params if p not in ADMIN_PARAMETERS]
        objects = tuple((p, "admin") for _, p in params)
        found = [Endpoint("admin", "GET", route, name, objects)]
    else:
        unknown = [f"{s}/<{p}>" for s, p in params if (s, p) not in PAGE_PARAMETERS]
        objects = tuple((p, PAGE_PARAMETERS.get((s, p), "")) for s, p in params)
        query = tuple(PAGE_QUERY.get(name, {}).items())
        found = [Endpoint("page", method, route, name, objects, query) for method in ("GET", "POST")]
    return (found, None) if not unknown else ([], f"{route}: parameters {', '.join(unknown)} not identified")


def url_endpoints() -> tuple[list[Endpoint], list[str]]:
    """The pages (GET and POST) and the admin site's pages (GET) from the URL
    configuration; the API's routes are generated from the OpenAPI document instead.
    Returns the endpoints and the routes that could not be generated."""
    documented = set(openapi()["paths"])
    endpoints: list[Endpoint] = []
    unresolved: list[str] = []
    seen: set[str] = set()
    for route, name, _pattern in walk(get_resolver().url_patterns):
        if route in seen:
            continue  # shadowed by an earlier pattern (the admin login)
        seen.add(route)
        if route in NOT_GENERATED or (route.startswith(API_PREFIX) and api_path(route) in documented):
            continue
        found, problem = _page_endpoints(route, name)
        endpoints += found
        unresolved += [problem] if problem else []
    return endpoints, unresolved


# --- OpenAPI ---------------------------------------------------------------------------------


def api_endpoints() -> tuple[list[Endpoint], list[str]]:
    """Every operation of the OpenAPI document."""
    endpoints: list[Endpoint] = []
    unresolved: list[str] = []
    for path, operations in openapi()["paths"].items():
        for method, operation in operations.items():
            params = operation.get("parameters", [])
            path_params = [p["name"] for p in params if p["in"] == "path"]
            unknown = [p for p in path_params if p not in API_PARAMETERS and not enum(operation, p)]
            if unknown:
                unresolved.append(f"{method.upper()} {path}: parameters {', '.join(unknown)} not identified")
                continue
            objects = tuple((p, api_kind(path, p)) for p in path_params if p in API_PARAMETERS)
            query = tuple(
                (p["name"], API_PARAMETERS[p["name"]])
                for p in params
                if p["in"] == "query" and p["name"] in API_PARAMETERS
            )
            endpoints.append(Endpoint("api", method.upper(), path, "", objects, query, operation))
    return endpoints, unresolved


def api_kind(path: str, name: str) -> str:
    """The kind of object an API parameter names, by its path first, then by its name."""
    for (prefix, param), kind in API_PATH_PARAMETERS.items():
        if name == param and path.startswith(prefix):
            return kind
    return API_PARAMETERS[name]


def enum(operation: dict[str, Any], name: str) -> list[Any]:
    for param in operation.get("parameters", []):
        if param["name"] == name:
            return resolve(param["schema"]).get("enum", [])
    return []


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    """A schema with its ``$ref``, ``allOf`` and non-null ``anyOf`` followed."""
    components = openapi().get("components", {}).get("schemas", {})
    while True:
        if "$ref" in schema:
            schema = components[schema["$ref"].rsplit("/", 1)[-1]]
        elif "allOf" in schema:
            schema = schema["allOf"][0]
        elif "anyOf" in schema:
            schema = next(s for s in schema["anyOf"] if s.get("type") != "null")
        else:
            return schema


def body_schema(endpoint: Endpoint) -> dict[str, Any] | None:
    body = endpoint.operation.get("requestBody")
    json_body = (body or {}).get("content", {}).get("application/json")
    # A multipart upload names no record in its body; it is sent empty.
    return resolve(json_body["schema"]) if json_body else None


def body_objects(endpoint: Endpoint) -> list[str]:
    schema = body_schema(endpoint)
    new_codes = NEW_CODES.get(f"{endpoint.method} {endpoint.route}", frozenset())
    return [name for name in (schema or {}).get("properties", {}) if name in API_PARAMETERS and name not in new_codes]


def example(schema: dict[str, Any]) -> Any:
    """A small valid value of ``schema`` (dates in 2025, the first value of an enum)."""
    schema = resolve(schema)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {name: example(sub) for name, sub in schema.get("properties", {}).items()}
    if kind == "string":
        if schema.get("format") == "date":
            return "2025-02-03"
        return "kiem-tra" if "pattern" in schema else "Kiểm tra"
    if kind == "integer" and "minimum" in schema:  # a year, say: the smallest valid value
        return max(1, int(schema["minimum"]))
    return {"integer": 1, "number": 1, "boolean": False, "array": []}.get(str(kind))


def path_value(endpoint: Endpoint, name: str) -> Any:
    """The value of a parameter that names no object (the first of its enum)."""
    return enum(endpoint.operation, name)[0]


def all_endpoints() -> tuple[list[Endpoint], list[str]]:
    pages, unresolved_pages = url_endpoints()
    operations, unresolved_operations = api_endpoints()
    return pages + operations, unresolved_pages + unresolved_operations

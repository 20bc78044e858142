"""Every page, file download and API operation, called by four personas on records
outside their scope: out of scope is a 404 (never data, never a server error), and a
refused write leaves the database and the audit log as they were.

The endpoints are generated from the URL configuration and the OpenAPI document
(``endpoints.py``), so a new page or operation is covered without a new test. The
personas are the administrator at the root, the editor of province A, the viewer of
a commune in A and an editor of province B; the A personas are given B's records and
B's editor A's. The administrator is given both and must never get a 404 or a server
error: that proves the generated URLs name real records, so the others' 404s mean
something.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import transaction
from django.test import Client

from ketnap.audit.models import AuditEntry
from ketnap.core.tests import endpoints as ep
from ketnap.core.tests.scope_world import PERSONAS, Province, ScopeWorld, kept_scope_world

pytestmark = pytest.mark.django_db
# Where the admin site sends anyone who is not a superuser (its logout, to its index).
LOGIN_PAGES = ("/admin/login/", "/dang-nhap/")
ADMIN_INDEX = "/admin/"

ENDPOINTS, UNRESOLVED = ep.all_endpoints()

# Known defects, each (endpoint id, persona) -> the defect; the mark is strict, so the
# case fails once the defect is fixed and the entry must then be removed. Keep every
# expected failure of this module here, in one place.
KNOWN_DEFECTS: dict[tuple[str, str], str] = {}


def _params() -> list[Any]:
    params = []
    for endpoint in ENDPOINTS:
        for persona in PERSONAS:
            defect = KNOWN_DEFECTS.get((endpoint.id, persona))
            marks = [pytest.mark.xfail(reason=defect, strict=True)] if defect else []
            params.append(pytest.param(endpoint, persona, id=f"{endpoint.id}-{persona}", marks=marks))
    return params


@pytest.fixture(scope="module")
def sw(django_db_setup: None, django_db_blocker: Any) -> Iterator[ScopeWorld]:
    with kept_scope_world(django_db_blocker) as world:
        yield world


# --- Requests --------------------------------------------------------------------------------


def _value(endpoint: ep.Endpoint, name: str, kind: str, province: Province) -> Any:
    if kind in ep.CONSTANTS:
        return ep.CONSTANTS[kind]
    if kind == "admin":
        return _admin_value(endpoint.route, name, province)
    return province.value(kind) if kind else ep.path_value(endpoint, name)


def _admin_value(route: str, name: str, province: Province) -> Any:
    """A record of the admin page's model in ``province`` when the model has a scope."""
    segments = route.split("/")
    if name == "app_label":
        return "admission"
    if name == "url":
        return "khong-co/"
    if name in {"object_id", "id"} and len(segments) > 3 and segments[1] != "r":
        model = apps.get_model(segments[1], segments[2])
        rows = model.objects.all()
        if hasattr(model, "scope_path"):
            rows = rows.filter(**{f"{model.scope_path}__startswith": province.org.path})
        row = rows.order_by("pk").first()
        return row.pk if row else 1
    return 1


def build_url(endpoint: ep.Endpoint, province: Province) -> str:
    """The endpoint's URL with every parameter naming a record of ``province``."""
    url = endpoint.route
    named = dict(endpoint.objects)
    # Path parameters that name no object (an enum) take their first value.
    for name, kind in (*endpoint.objects, *((n, "") for n in _path_names(endpoint) if n not in named)):
        value = str(_value(endpoint, name, kind, province))
        url = re.sub(rf"<(?:\w+:)?{name}>|\{{{name}\}}|\(\?P<{name}>[^)]*\)", value, url)
    url = "/" + url.lstrip("/").replace("^", "").replace("$", "")
    query = "&".join(f"{name}={province.value(kind)}" for name, kind in endpoint.query)
    return f"{url}?{query}" if query else url


def _path_names(endpoint: ep.Endpoint) -> list[str]:
    return [p["name"] for p in endpoint.operation.get("parameters", []) if p["in"] == "path"]


def build_body(endpoint: ep.Endpoint, province: Province) -> dict[str, Any] | None:
    """A valid body whose references name records of ``province``."""
    schema = ep.body_schema(endpoint)
    if schema is None:
        return None
    body = ep.example(schema)
    for name in ep.body_objects(endpoint):
        body[name] = province.value(ep.API_PARAMETERS[name])
    return dict(body)


def call(sw: ScopeWorld, endpoint: ep.Endpoint, persona: str, province: Province) -> Any:
    client = Client()
    url = build_url(endpoint, province)
    if endpoint.area == "api":
        auth = {"HTTP_AUTHORIZATION": f"Bearer {sw.tokens[persona]}"}
        body = build_body(endpoint, province)
        data = {"data": json.dumps(body), "content_type": "application/json"} if body is not None else {}
        return getattr(client, endpoint.method.lower())(url, **data, **auth)
    client.force_login(sw.users[persona])
    return getattr(client, endpoint.method.lower())(url)


# Rows written by design whoever calls: a failed login (the login page's POST) is counted
# for the throttle.
UNCOUNTED = frozenset({"accounts.LoginFailure"})


def _counts() -> dict[str, int]:
    models = [m for m in apps.get_models() if m.__module__.startswith("ketnap.") and m._meta.label not in UNCOUNTED]
    return {m._meta.label: m._default_manager.count() for m in models} | {"audit": AuditEntry.objects.count()}


def leaks(response: Any, province: Province) -> list[str]:
    """The names of ``province``'s records that the response shows."""
    body = response.content.decode("utf-8", "replace") if not getattr(response, "streaming", False) else ""
    if response.get("Content-Type", "").startswith("application/json") and body:
        body = json.dumps(json.loads(body), ensure_ascii=False)
    return sorted(set(re.findall(rf"[\w ]*{province.mark}\w*", body)))


# --- Expectations ----------------------------------------------------------------------------


def _describe(endpoint: ep.Endpoint, persona: str, response: Any, url: str) -> str:
    return f"{persona} {endpoint.method} {url} -> {response.status_code}: {response.content[:300]!r}"


def check_outsider(endpoint: ep.Endpoint, persona: str, response: Any, url: str, province: Province) -> None:
    said = _describe(endpoint, persona, response, url)
    assert response.status_code < 500, said
    if endpoint.area == "admin":
        assert response.status_code in (302, 405), said
        location = response.get("Location", "")
        assert response.status_code != 302 or location.startswith(LOGIN_PAGES) or location == ADMIN_INDEX, said
    elif endpoint.names_objects:
        # A body-only operation the caller may not perform at all is refused before any
        # record is looked up (the body test checks the answer is that of an unknown one).
        refused = (403,) if endpoint.area == "api" and not endpoint.objects else ()
        assert response.status_code in (404, 405, *refused), said
    shown = leaks(response, province)
    if endpoint.id in ep.DIRECTORIES:
        shown = [name for name in shown if name.strip() not in _organization_names(province)]
    assert not shown, f"{said}\nshows {shown}"


def _organization_names(province: Province) -> set[str]:
    return {org.name for org in (province.org, province.commune, province.cell)}


def check_admin(endpoint: ep.Endpoint, response: Any, url: str) -> None:
    said = _describe(endpoint, "admin", response, url)
    assert response.status_code < 500, said
    assert response.status_code != 404, said


@pytest.mark.parametrize(("endpoint", "persona"), _params())
def test_out_of_scope(sw: ScopeWorld, endpoint: ep.Endpoint, persona: str) -> None:
    for province in sw.other(persona):
        url = build_url(endpoint, province)
        counted = endpoint.writes and PERSONAS[persona] is not None and not endpoint.own_account
        before = _counts() if counted else {}
        with transaction.atomic():
            response = call(sw, endpoint, persona, province)
            after = _counts() if counted else {}
            transaction.set_rollback(True)  # the administrator's writes must not reach the next call
        if PERSONAS[persona] is None:
            check_admin(endpoint, response, url)
            continue
        check_outsider(endpoint, persona, response, url, province)
        assert after == before, f"{persona} {endpoint.method} {url} wrote to the database"


def test_every_url_and_operation_is_generated_or_listed() -> None:
    """A route whose parameters are not identified must be taught to ``endpoints.py``
    (a segment or a parameter name) or listed in ``NOT_GENERATED`` with its reason."""
    assert UNRESOLVED == []
    routes = {route for route, _name, _pattern in ep.walk(ep.get_resolver().url_patterns)}
    assert set(ep.NOT_GENERATED) <= routes, "a listed route no longer exists"
    documented = sum(len(operations) for operations in ep.openapi()["paths"].values())
    assert len([e for e in ENDPOINTS if e.area == "api"]) == documented


def test_known_defects_name_generated_cases() -> None:
    ids = {(e.id, persona) for e in ENDPOINTS for persona in PERSONAS}
    ids |= {(f"{e.id} {name}", p) for e in ENDPOINTS for name in ep.body_objects(e) for p in PERSONAS}
    assert set(KNOWN_DEFECTS) <= ids


# --- A record of the other province named in a body sent about one's own -------------------


# A value naming no record, by kind (codes are strings, ids integers).
UNKNOWN = {"org": "khong-co-ma", "commune": "khong-co-ma", "cell": "khong-co-ma", "locality": "khong-co-ma"}


def _post(url: str, body: dict[str, Any], headers: dict[str, str]) -> Any:
    return Client().post(url, data=json.dumps(body), content_type="application/json", headers=headers)


def _cross_params() -> list[Any]:
    params = []
    for endpoint in ENDPOINTS:
        for name in ep.body_objects(endpoint) if endpoint.writes else []:
            for persona in ("editor_a", "editor_b"):
                case_id = f"{endpoint.id} {name}-{persona}"
                defect = KNOWN_DEFECTS.get((f"{endpoint.id} {name}", persona))
                marks = [pytest.mark.xfail(reason=defect, strict=True)] if defect else []
                params.append(pytest.param(endpoint, name, persona, id=case_id, marks=marks))
    return params


@pytest.mark.parametrize(("endpoint", "field", "persona"), _cross_params())
def test_other_province_in_the_body(sw: ScopeWorld, endpoint: ep.Endpoint, field: str, persona: str) -> None:
    """The path and the body name the caller's own records except ``field``, which names
    the other province's: a 404 — or, where the caller may not do this at all (a 403),
    exactly the answer an unknown record gets — nothing written, nothing of it shown."""
    home = sw.provinces[PERSONAS[persona] or "a"]
    (other,) = sw.other(persona)
    body = build_body(endpoint, home) or {}
    kind = ep.API_PARAMETERS[field]
    url = build_url(endpoint, home)
    headers = {"Authorization": f"Bearer {sw.tokens[persona]}"}
    unknown = _post(url, {**body, field: UNKNOWN.get(kind, 987654321)}, headers)
    body[field] = other.value(kind)
    before = _counts()
    response = _post(url, body, headers)
    said = f"{persona} {endpoint.method} {url} {body} -> {response.status_code}: {response.content[:300]!r}"
    same_as_unknown = (response.status_code, response.content) == (unknown.status_code, unknown.content)
    assert response.status_code == 404 or (response.status_code == 403 and same_as_unknown), said
    assert _counts() == before, f"{said}\nwrote to the database"
    assert not leaks(response, other), said

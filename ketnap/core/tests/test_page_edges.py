"""Every page, read by the editor of province A about the province's own records, with
the page's date at either end of the calendar and its page numbers past 64 bits: a
clear answer, never a server error.

The pages come from the URL configuration (``endpoints.py``); the query parameters are
the ones every page reads: the date of ``AsOfForm`` and the page numbers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client

from ketnap.core.tests import endpoints as ep
from ketnap.core.tests.scope_world import ScopeWorld, kept_scope_world
from ketnap.core.tests.test_generic_scope import build_url

pytestmark = pytest.mark.django_db

EDGES: dict[str, str] = {"ngay": "31/12/9999", "trang": str(2**63), "toi_da": str(2**63)}
EDGE_VALUES = [*({name: value} for name, value in EDGES.items()), {"ngay": "01/01/0001"}]
PAGES = [e for e in ep.url_endpoints()[0] if e.area == "page" and e.method == "GET"]

# Known defects by test id -> the defect (strict: remove the entry once it is fixed).
KNOWN_DEFECTS: dict[str, str] = {}


def _params() -> list[Any]:
    params = []
    for page in PAGES:
        for query in EDGE_VALUES:
            ((name, value),) = query.items()
            case_id = f"{page.id} {name}={value}"
            defect = KNOWN_DEFECTS.get(case_id)
            marks = [pytest.mark.xfail(reason=defect, strict=True)] if defect else []
            params.append(pytest.param(page, query, id=case_id, marks=marks))
    return params


@pytest.fixture(scope="module")
def sw(django_db_setup: None, django_db_blocker: Any) -> Iterator[ScopeWorld]:
    with kept_scope_world(django_db_blocker) as world:
        yield world


@pytest.mark.parametrize(("page", "query"), _params())
def test_page_edge(sw: ScopeWorld, page: ep.Endpoint, query: dict[str, str]) -> None:
    client = Client(raise_request_exception=False)
    client.force_login(sw.users["editor_a"])
    url = build_url(page, sw.provinces["a"])
    url += ("&" if "?" in url else "?") + urlencode(query)
    response = client.get(url)
    assert response.status_code < 500, f"GET {url} -> {response.status_code}"


def test_known_defects_name_generated_cases() -> None:
    ids = {f"{page.id} {name}={value}" for page in PAGES for query in EDGE_VALUES for name, value in query.items()}
    assert set(KNOWN_DEFECTS) <= ids

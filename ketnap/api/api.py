"""The ``/api/v1/`` application: authentication, the error shape and the routers."""

from __future__ import annotations

from ninja import NinjaAPI

from ketnap.accounts import api as accounts
from ketnap.api import admission, errors, me, organizations
from ketnap.api.auth import auth_methods
from ketnap.api.parsing import StrictParser
from ketnap.imports.api import router as imports_router
from ketnap.membership.api import router as membership_router
from ketnap.organizations import api as organizations_api
from ketnap.people import api as people

api = NinjaAPI(
    title="ketnap API",
    version="1",
    description="Party organizations, people and statistics, scoped to the caller's roles.",
    auth=auth_methods(),
    urls_namespace="api-v1",
    openapi_url="/openapi.json",
    docs_url="/docs",
    parser=StrictParser(),
)
errors.install(api)
api.add_router("", me.router)
api.add_router("", organizations.router)
api.add_router("", organizations_api.router)
api.add_router("", people.router)
api.add_router("", admission.router)
api.add_router("", accounts.router)
api.add_router("", membership_router)
api.add_router("", imports_router)

"""The ``/api/v1/`` application: authentication, the error shape and the routers.

Each app owns its router (``ketnap/<app>/api.py`` or an ``api`` package); this module
only mounts them."""

from __future__ import annotations

from ninja import NinjaAPI

from ketnap.accounts.api import router as accounts_router
from ketnap.admission.api import router as admission_router
from ketnap.api import errors
from ketnap.api.auth import auth_methods
from ketnap.api.parsing import StrictParser
from ketnap.cells.api import router as cells_router
from ketnap.coverage.api import router as coverage_router
from ketnap.dashboard.api import router as dashboard_router
from ketnap.imports.api import router as imports_router
from ketnap.jobs.api import router as jobs_router
from ketnap.membership.api import router as membership_router
from ketnap.organizations.api import router as organizations_router
from ketnap.people.api import router as people_router
from ketnap.plans.api import router as plans_router
from ketnap.programs.api import router as programs_router
from ketnap.ratings.api import router as ratings_router
from ketnap.reports.api import router as reports_router
from ketnap.training.api import router as training_router

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
api.add_router("", accounts_router)
api.add_router("", organizations_router)
api.add_router("", people_router)
api.add_router("", admission_router)
api.add_router("", membership_router)
api.add_router("", jobs_router)
api.add_router("", reports_router)
api.add_router("", plans_router)
api.add_router("", training_router)
api.add_router("", programs_router)
api.add_router("", cells_router)
api.add_router("", coverage_router)
api.add_router("", ratings_router)
api.add_router("", imports_router)
api.add_router("", dashboard_router)

"""Admission over the API: cases, one operation per procedure step, evidence, the source,
the work queue and the documents.

Every operation asks the policy: reads need ``view``, writes ``edit``; the step service
accepts an override of blocking findings only from a holder of ``approve``. Out of scope
is a 404, visible but read-only a 403. Writes call the same services as the pages.
"""

from __future__ import annotations

from ninja import Router

from ketnap.api.admission import cases, evidence, source, steps

router = Router()
for _module in (cases, steps, evidence, source):
    router.add_router("", _module.router)


def _keep_operation_ids(*routers: Router) -> None:
    """Operation ids were generated from the one module the API started as
    (``ketnap_api_admission_<view>``); clients generated from the OpenAPI document keep
    their method names when the views move between these modules."""
    for sub in routers:
        for path_view in sub.path_operations.values():
            for operation in path_view.operations:
                if operation.operation_id is None:
                    operation.operation_id = f"ketnap_api_admission_{operation.view_func.__name__}"


_keep_operation_ids(cases.router, steps.router, evidence.router, source.router)

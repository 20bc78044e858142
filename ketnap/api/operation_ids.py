"""Operation ids that survive moving a router between modules.

django-ninja names an operation after the module of its view
(``ketnap_api_me_me``); clients generated from the OpenAPI document use those names
as method names, so a router moved into its app keeps the ids it was published with.
"""

from __future__ import annotations

from ninja import Router


def keep_operation_ids(router: Router, prefix: str) -> Router:
    """Give every operation of ``router`` without an explicit id ``<prefix>_<view name>``."""
    for path_view in router.path_operations.values():
        for operation in path_view.operations:
            if operation.operation_id is None:
                operation.operation_id = f"{prefix}_{operation.view_func.__name__}"
    return router

"""Organizations over the API: the tree, an organization's statistics and children
(``reads``), and founding, renaming, reorganizing and the localities (``records``)."""

from __future__ import annotations

from ninja import Router

from ketnap.api.operation_ids import keep_operation_ids
from ketnap.organizations.api import reads, records

router = Router()
router.add_router("", keep_operation_ids(reads.router, "ketnap_api_organizations"))
router.add_router("", keep_operation_ids(records.router, "ketnap_organizations_api"))

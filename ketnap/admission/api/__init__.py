"""Admission over the API: cases, one operation per procedure step, evidence, the source,
the work queue and the documents.

Every operation asks the policy: reads need ``view``, writes ``edit``; the step service
accepts an override of blocking findings only from a holder of ``approve``. Out of scope
is a 404, visible but read-only a 403. Writes call the same services as the pages.
"""

from __future__ import annotations

from ninja import Router

from ketnap.admission.api import cases, evidence, source, steps
from ketnap.api.operation_ids import keep_operation_ids

router = Router()
for _module in (cases, steps, evidence, source):
    # The ids of the one module the API started as (``ketnap_api_admission_<view>``).
    router.add_router("", keep_operation_ids(_module.router, "ketnap_api_admission"))

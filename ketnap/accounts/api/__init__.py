"""Accounts over the API: the caller (``me``) and the users and roles an administrator
manages (``users``)."""

from __future__ import annotations

from ninja import Router

from ketnap.accounts.api import me, users
from ketnap.api.operation_ids import keep_operation_ids

router = Router()
router.add_router("", keep_operation_ids(me.router, "ketnap_api_me"))
router.add_router("", keep_operation_ids(users.router, "ketnap_accounts_api"))

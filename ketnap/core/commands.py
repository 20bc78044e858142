"""Argument handling shared by the management commands: dates, the acting user and the
organization, seen through the one policy like every page and API call."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.translation import gettext as _

from ketnap.core import policy
from ketnap.core.errors import DOMAIN_ERRORS, NotFound, as_domain_error
from ketnap.lib import dates
from ketnap.lib.vntext import normalize_username
from ketnap.organizations.models import Organization


def add_language_argument(parser: CommandParser) -> None:
    """``--language vi|en``: the language of the output; LANGUAGE_CODE when not given."""
    parser.add_argument(
        "--language",
        choices=[code for code, _name in settings.LANGUAGES],
        help="Ngôn ngữ của kết quả (mặc định theo LANGUAGE_CODE).",
    )


def in_language(language: str | None) -> translation.override:
    """The context a command's output is written in: ``--language`` or LANGUAGE_CODE."""
    return translation.override(language or settings.LANGUAGE_CODE)


def parse_date(text: str) -> dt.date:
    """A YYYY-MM-DD argument, read by the same parser as the pages and the API."""
    try:
        return dates.parse_date(text)
    except dates.DateInputError as error:
        raise CommandError(error.message) from error


@contextmanager
def domain_errors_reported() -> Iterator[None]:
    """Report a refusal of the domain (or a date before the first regulation edition)
    as a command error with its message, as pages and the API report it."""
    try:
        yield
    except DOMAIN_ERRORS as error:
        raise CommandError(str(as_domain_error(error).message)) from error


def find_user(username: str | None) -> Any:
    """The active user named by ``--user``; None means the command runs as the system operator."""
    if username is None:
        return None
    found = get_user_model().objects.filter(username=normalize_username(username), is_active=True).first()
    if found is None:
        raise CommandError(_("Không tìm thấy người dùng «%(name)s».") % {"name": username})
    return found


def organization_for(code: str, user: Any) -> Organization:
    """The organization by code; outside the user's view it is reported exactly like a missing one."""
    missing = CommandError(_("Không tìm thấy tổ chức có mã «%(code)s».") % {"code": code})
    found = Organization.objects.filter(code=code).first()
    if found is None:
        raise missing
    if user is not None:
        try:
            policy.require(user, policy.Action.VIEW, found)
        except NotFound as error:
            raise missing from error
    return found

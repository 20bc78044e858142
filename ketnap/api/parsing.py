"""How the API reads a request's query string and JSON body, before the schemas do.

A NUL character is refused wherever it appears: PostgreSQL cannot store or compare a
text containing one (the database driver raises, which would be a server error), and
no name, number or note has one. The refusal names the field, like every other
validation error.
"""

from __future__ import annotations

import json
from typing import Any, cast

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja.parser import Parser
from ninja.types import DictStrAny

from ketnap.core.errors import ValidationFailed

NUL = "\x00"


class NulCharacter(ValueError):
    """A JSON body with a NUL character in the string at ``path``."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


def nul_refused(field: str) -> ValidationFailed:
    """The validation error for a NUL character in ``field``."""
    error = ValidationFailed({field: [_("Không được chứa ký tự NUL (\\u0000).")]})
    error.field = field
    return error


def _find_nul(value: Any, path: str = "") -> str | None:
    """The dotted path of the first string (key or value) in ``value`` holding a NUL."""
    if isinstance(value, str):
        return path if NUL in value else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        where = f"{path}.{key}" if path else str(key)
        if NUL in str(key):
            return where
        found = _find_nul(item, where)
        if found is not None:
            return found
    return None


class StrictParser(Parser):
    """Ninja's JSON parser, refusing NUL characters in query values and body strings."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        data = json.loads(request.body)
        found = _find_nul(data)
        if found is not None:
            raise NulCharacter(found)
        return cast(DictStrAny, data)

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> DictStrAny:
        for key, values in data.lists():
            if NUL in key or any(NUL in str(value) for value in values):
                raise nul_refused(key.replace(NUL, ""))
        return super().parse_querydict(data, list_fields, request)

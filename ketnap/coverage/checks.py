"""The configuration check of coverage: ``COVERAGE_MEMBER_BASIS`` is cell or residence."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.checks import Error, register

BASES = ("cell", "residence")


def member_basis() -> str:
    return str(getattr(settings, "COVERAGE_MEMBER_BASIS", "cell"))


@register()
def coverage_member_basis_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    value = member_basis()
    if value in BASES:
        return []
    return [Error(f"COVERAGE_MEMBER_BASIS must be 'cell' or 'residence', not {value!r}.", id="ketnap.E301")]

"""Computed criteria shown beside an organization's rating (the Thọ Xuân practice of
counting admission results in each organization's rating).

A criterion is a function ``(organization, year) -> Criterion | None``; the list in the
setting ``RATINGS_CRITERIA`` (dotted paths) is asked in order, and ``None`` means "does
not apply". The built-in one counts the admissions of the year and, where a plans app
provides ``ketnap.plans.selectors.admission_target(organization, year) -> int | None``,
sets them against the plan. Another app adds its criteria by naming them in the setting.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from ketnap.organizations.models import Organization
from ketnap.reports.selectors import admissions_between

DEFAULT = ["ketnap.ratings.criteria.admissions_against_plan"]


@dataclass(frozen=True)
class Criterion:
    label: str
    value: int
    target: int | None  # None: no target known, shown as the value alone
    met: bool | None


CriterionFunction = Callable[[Organization, int], "Criterion | None"]


def _function(path: str) -> CriterionFunction:
    module, name = path.rsplit(".", 1)
    function: CriterionFunction = getattr(import_module(module), name)
    return function


def criteria_for(org: Organization, year: int) -> list[Criterion]:
    """Every configured criterion that applies to ``org`` for ``year``."""
    paths: list[str] = list(getattr(settings, "RATINGS_CRITERIA", DEFAULT))
    found = (_function(path)(org, year) for path in paths)
    return [criterion for criterion in found if criterion is not None]


def _plan_target(org: Organization, year: int) -> int | None:
    try:
        plans: Any = import_module("ketnap.plans.selectors")
    except ImportError:
        return None
    target = getattr(plans, "admission_target", None)
    return None if target is None else target(org, year)


def admissions_against_plan(org: Organization, year: int) -> Criterion | None:
    """Admissions decided in ``year`` in ``org``'s subtree, against its plan if known."""
    admitted = admissions_between(org, dt.date(year, 1, 1), dt.date(year, 12, 31))
    target = _plan_target(org, year)
    met = None if target is None else admitted >= target
    return Criterion(label=_("Kết nạp đảng viên"), value=admitted, target=target, met=met)

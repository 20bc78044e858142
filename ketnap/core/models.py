"""Base model pieces shared by every app."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


def valid_on_q(date: dt.date, prefix: str = "") -> Q:
    """Rows whose half-open validity [valid_from, valid_to) contains ``date``."""
    return Q(**{f"{prefix}valid_from__lte": date}) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gt": date})
    )


class DatedQuerySet(models.QuerySet):
    def as_of(self, date: dt.date) -> DatedQuerySet:
        return self.filter(valid_on_q(date))


class Dated(models.Model):
    """A record valid on the half-open interval [valid_from, valid_to).

    ``valid_to`` is the first day the record no longer holds (the day of the closing
    decision); empty means still valid. History is kept by closing records, never
    by editing or deleting them.
    """

    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hết hiệu lực từ"), null=True, blank=True)

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                name="%(app_label)s_%(class)s_valid_range",
            )
        ]

    def is_valid_on(self, date: dt.date) -> bool:
        return self.valid_from <= date and (self.valid_to is None or date < self.valid_to)

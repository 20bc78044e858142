"""Member figures kept as dated deltas per organization subtree."""

from __future__ import annotations

from django.db import models


class Span(models.IntegerChoices):
    DAY = 0
    YEAR = 2  # 1 was the month, no longer kept


class MemberDelta(models.Model):
    """How much the count of members under ``key`` changed in ``organization``'s subtree
    (the organization itself included) over one day or one year starting ``start``.

    Every change is written twice, at its day and at its year, so the count on a date is
    the years before it and the days of its year up to it: at most the years of history
    plus 365 rows per key, whatever the number of members. A birth-day key, which
    changes a few times at most, is written at its day only (``keys.is_day_only``) and
    read as the sum of its days up to the date.
    Kept by the people services in the same transaction as each change (see
    ``ketnap.aggregates.services``); rebuilt from the raw tables by ``ketnap aggregates
    rebuild``."""

    # Derived rows, rebuilt from the raw tables: no constraint in the database, so a
    # national rebuild does not check fifteen million rows against the organizations at
    # commit (organizations are closed, never deleted; the ORM still cascades).
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    key = models.CharField(max_length=48)
    span = models.SmallIntegerField(choices=Span.choices)
    start = models.DateField()
    delta = models.IntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organization", "key", "span", "start"], name="member_delta_bucket")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.start:%d/%m/%Y} {self.delta:+d}"

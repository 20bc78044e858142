"""The editions in force over time, and how a new one is inserted.

``edition_on(day)`` answers "which regulation governed this date". A case stores the
code of the edition applied at each step (§11 rule 32), so a later edition never
rewrites how an earlier step was judged.

A successor announced but not yet read (the "QĐ 20-QĐ/TW" reported for 2026, §12.1) is
inserted as data::

    qd20 = QD294.amended(code="QD20-2026", title="…", regulation="QĐ 20-QĐ/TW",
                         effective_from=date(2026, 3, 1), certificate_validity_months=48)
    registry = DEFAULT.with_edition(qd20)

The predecessor is closed the day before; editions flagged ``confirmed=False`` are
reported as such by ``check``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import replace

from ketnap.rules import qd24_2021, qd29_2016, qd232_2025, qd294_2025
from ketnap.rules.base import Edition

QD29 = qd29_2016.EDITION
QD24 = qd24_2021.EDITION
QD232 = qd232_2025.EDITION
QD294 = qd294_2025.EDITION


class NoEditionInForce(LookupError):
    """The date is before the first edition modelled (QĐ 29-QĐ/TW, 25/7/2016).

    It carries the date asked about and the first date an edition covers, so every
    interface can say both (the API and the pages map it to a domain error)."""

    def __init__(self, day: dt.date, earliest: dt.date) -> None:
        super().__init__(f"no edition in force on {day.isoformat()}; the first starts {earliest.isoformat()}")
        self.day = day
        self.earliest = earliest


class Registry:
    """Editions ordered by date, without overlaps or gaps."""

    def __init__(self, editions: Iterable[Edition]) -> None:
        self.editions: tuple[Edition, ...] = tuple(sorted(editions, key=lambda e: e.effective_from))
        self._validate()

    def _validate(self) -> None:
        codes = [e.code for e in self.editions]
        if len(set(codes)) != len(codes):
            raise ValueError(f"duplicate edition codes: {codes}")
        for before, after in zip(self.editions, self.editions[1:], strict=False):
            if before.effective_to != after.effective_from - dt.timedelta(days=1):
                raise ValueError(f"{before.code} must end the day before {after.code} starts")

    def edition_on(self, day: dt.date) -> Edition:
        for edition in reversed(self.editions):
            if edition.in_force_on(day):
                return edition
        raise NoEditionInForce(day, self.editions[0].effective_from)

    def by_code(self, code: str) -> Edition:
        for edition in self.editions:
            if edition.code == code:
                return edition
        raise KeyError(code)

    def with_edition(self, new: Edition) -> Registry:
        """A registry where ``new`` takes over from its start date; editions starting on or
        after it are dropped, and the one in force then is closed the day before."""
        closed = new.effective_from - dt.timedelta(days=1)
        kept = [e for e in self.editions if e.effective_from < new.effective_from]
        kept = [replace(e, effective_to=closed) if e.in_force_on(closed) else e for e in kept]
        return Registry([*kept, new])


DEFAULT = Registry([QD29, QD24, QD232, QD294])


def edition_on(day: dt.date, registry: Registry = DEFAULT) -> Edition:
    """The edition in force on ``day``."""
    return registry.edition_on(day)

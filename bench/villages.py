"""Village coverage on the national dataset, beside one hand-written SQL count over the raw tables.

Called by ``bench/national.py --operations`` for the nation and the largest province. The
selector is ``ketnap.coverage.selectors.coverage_for`` (as the command line and the pages
call it, every village row with its cells, members, head and relapse date); the raw
statement counts, on the same date and with the default member basis (the cells serving
the village), the villages of the subtree, those without a member, those without a cell of
their own and those whose head is a member.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from common import median_ms  # sibling module, on the path of the script that imports this one

FIGURES = ("villages", "without member", "without own cell", "heads members")

RAW = """
WITH links AS (
    SELECT lc.locality_id, lc.cell_id FROM {served} lc
    WHERE lc.valid_from <= %(on)s AND (lc.valid_to IS NULL OR lc.valid_to > %(on)s)
), members AS (
    SELECT sp.person_id, sp.organization_id FROM {period} sp
    WHERE sp.status IN ('probationary', 'official', 'exempted')
      AND sp.start <= %(on)s AND (sp."end" IS NULL OR sp."end" > %(on)s)
), villages AS (
    SELECT l.id FROM {locality} l JOIN {org} c ON c.id = l.commune_id
    WHERE l.valid_from <= %(on)s AND (l.valid_to IS NULL OR l.valid_to > %(on)s)
      AND (c.path LIKE %(path)s OR l.id IN (
          SELECT k.locality_id FROM links k JOIN {org} o ON o.id = k.cell_id WHERE o.path LIKE %(path)s))
), served AS (
    SELECT cell_id, count(DISTINCT locality_id) AS villages FROM links GROUP BY cell_id
), member_cells AS (
    SELECT DISTINCT organization_id AS cell_id FROM members
), per_village AS (
    SELECT v.id,
           max(CASE WHEN m.cell_id IS NOT NULL THEN 1 ELSE 0 END) AS has_member,
           max(CASE WHEN s.villages = 1 THEN 1 ELSE 0 END) AS own_cell
    FROM villages v
    LEFT JOIN links k ON k.locality_id = v.id
    LEFT JOIN served s ON s.cell_id = k.cell_id
    LEFT JOIN member_cells m ON m.cell_id = k.cell_id
    GROUP BY v.id
), member_heads AS (
    SELECT DISTINCT h.locality_id FROM {head} h JOIN members m ON m.person_id = h.person_id
    WHERE h.valid_from <= %(on)s AND (h.valid_to IS NULL OR h.valid_to > %(on)s)
)
SELECT count(*),
       count(*) FILTER (WHERE has_member = 0),
       count(*) FILTER (WHERE own_cell = 0),
       count(*) FILTER (WHERE id IN (SELECT locality_id FROM member_heads))
FROM per_village
"""


def raw_figures(org: Any, on: dt.date) -> tuple[int, ...]:
    """``FIGURES`` of ``org``'s subtree on ``on`` from the raw tables, in one statement."""
    from django.db import connection

    from ketnap.organizations.models import Locality, LocalityCell, Organization, VillageHead
    from ketnap.people.models import StatusPeriod

    tables = {"served": LocalityCell, "period": StatusPeriod, "locality": Locality, "org": Organization,
              "head": VillageHead}  # fmt: skip
    sql = RAW.format(**{key: connection.ops.quote_name(model._meta.db_table) for key, model in tables.items()})
    with connection.cursor() as cursor:
        cursor.execute(sql, {"on": on, "path": org.path + "%"})
        return tuple(int(value) for value in cursor.fetchone())


def selector_figures(org: Any, on: dt.date) -> tuple[int, ...]:
    from ketnap.coverage.selectors import coverage_for

    coverage = coverage_for(None, org, on, basis="cell")
    return coverage.villages, coverage.without_member, coverage.without_own_cell, coverage.heads_members


def run(orgs: list[Any], on: dt.date, runs: int) -> None:
    """One line per organization: the median of warm runs of the selector, its figures, the raw ones."""
    print(f"village coverage as of {on:%d/%m/%Y}, median of {runs} warm runs")
    for org in orgs:
        ms, ours = median_ms(lambda org=org: selector_figures(org, on), runs)
        started = time.perf_counter()
        raw = raw_figures(org, on)
        raw_ms = (time.perf_counter() - started) * 1000
        shown = ", ".join(f"{label} {value:,}" for label, value in zip(FIGURES, ours, strict=True))
        verdict = "same" if ours == raw else f"DIFFERENT (raw {', '.join(f'{v:,}' for v in raw)})"
        print(f"  coverage, {org.code:<24} {ms:8.1f} ms   {shown}"
              f"   raw tables {raw_ms:.0f} ms   {verdict}")  # fmt: skip

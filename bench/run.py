"""Benchmark: demo load time, and the statistics report against one hand-written SQL query.

.venv/bin/python bench/run.py                      # fresh SQLite database in a temp dir
.venv/bin/python bench/run.py --database-url postgres://user:pass@host/db
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from io import StringIO
from typing import Any

from common import analyze, arguments, median_ms, start_django  # sibling module; puts the project on the path

AS_OF = dt.date(2021, 12, 31)
TARGETS = ("vn", "lai-chau", "lc-muong-te-xa-bum-to")
MEMBER_STATUSES = ("probationary", "official", "exempted")


def load_demo() -> tuple[float, bool]:
    """Seconds to load the demo; on a database that already holds it, reset first."""
    from django.core.management import call_command

    from ketnap.organizations.models import Organization

    existing = Organization.objects.filter(code="vn").exists()
    started = time.perf_counter()
    call_command("demo", reset=existing, stdout=StringIO())
    elapsed = time.perf_counter() - started
    analyze()
    return elapsed, existing


def _conditions(as_of: dt.date, day: Callable[[dt.date], Any]) -> list[tuple[str, list[Any]]]:
    """(SQL condition, params) for every member figure of the report, headline figures first;
    ``p`` is the person, ``pr`` the profile row valid on the date."""
    from ketnap.people.choices import Education, PoliticalTheory, Professional
    from ketnap.reports.selectors import AGE_BANDS, years_before

    figures: list[tuple[str, list[Any]]] = [
        ("sp.status = %s", ["probationary"]),
        ("p.gender = %s", ["female"]),
        ("p.ethnicity <> %s", ["kinh"]),
        ("sp.status = %s", ["official"]),
        ("sp.status = %s", ["exempted"]),
        ("pr.religion <> %s", ["none"]),
        ("pr.youth_union_member", []),
    ]
    for _, low, high in AGE_BANDS:
        if high is None:
            figures.append(("p.birth_date <= %s", [day(years_before(as_of, low))]))
        else:
            figures.append(
                (
                    "p.birth_date <= %s AND p.birth_date > %s",
                    [day(years_before(as_of, low)), day(years_before(as_of, high + 1))],
                )
            )
    for column, values in (("education", Education.values), ("professional", Professional.values),
                           ("political_theory", PoliticalTheory.values)):  # fmt: skip
        figures += [(f"pr.{column} = %s", [value]) for value in values]
    return figures


ORG_KINDS = ("upper", "grassroots_committee", "partial_committee", "grassroots_cell", "subordinate_cell")


def hand_written(path: str, depth: int, as_of: dt.date) -> tuple[int, ...]:
    """Every figure of the report in one plain SQL statement: members first, then the
    member breakdowns, then the organizations of the subtree by kind."""
    from django.db import connection

    q = connection.ops.quote_name
    day = connection.ops.adapt_datefield_value
    conditions = _conditions(as_of, day)
    columns = ",\n".join(f"COALESCE(SUM(CASE WHEN {sql} THEN 1 ELSE 0 END), 0)" for sql, _ in conditions)
    kinds = ",\n".join(
        "(SELECT COUNT(*) FROM organizations_organization k WHERE k.path LIKE %s AND k.depth > %s"
        " AND k.kind = %s AND k.valid_from <= %s AND (k.valid_to IS NULL OR k.valid_to > %s))"
        for _ in ORG_KINDS
    )
    kind_params = [v for kind in ORG_KINDS for v in (path + "%", depth, kind, day(as_of), day(as_of))]
    sql = f"""
        SELECT COUNT(*), {columns}, {kinds}
          FROM people_statusperiod sp
          JOIN people_person p ON p.id = sp.person_id
          JOIN organizations_organization o ON o.id = sp.organization_id
          LEFT JOIN people_profile pr ON pr.person_id = sp.person_id
           AND pr.valid_from <= %s AND (pr.valid_to IS NULL OR pr.valid_to > %s)
         WHERE sp.status IN (%s, %s, %s)
           AND sp.{q("start")} <= %s AND (sp.{q("end")} IS NULL OR sp.{q("end")} > %s)
           AND o.path LIKE %s
    """
    params = [p for _, ps in conditions for p in ps] + kind_params + [day(as_of), day(as_of)]
    params += [*MEMBER_STATUSES, day(as_of), day(as_of), path + "%"]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return tuple(int(v) for v in row)


def compare(code: str, runs: int, as_of: dt.date = AS_OF) -> None:
    from ketnap.organizations.models import Organization
    from ketnap.reports.selectors import member_figures, member_figures_raw, organization_statistics

    org = Organization.objects.get(code=code)
    ours_ms, stats = median_ms(lambda: organization_statistics(org, as_of), runs)
    sql_ms, figures = median_ms(lambda: hand_written(org.path, org.depth, as_of), runs)
    mine = (stats.members, stats.probationary, stats.women, stats.ethnic_minority)
    every = (*mine, stats.official, stats.exempted, stats.religious, stats.youth_union, *stats.age_bands.values(),
             *stats.education.values(), *stats.professional.values(), *stats.political_theory.values(),
             *(stats.organizations_by_kind[kind] for kind in ORG_KINDS))  # fmt: skip
    same = f"same (all {len(every)} figures)" if every == figures else f"DIFFERENT: sql {figures}"
    print(
        f"{code:<24} report {ours_ms:8.1f} ms   hand SQL {sql_ms:8.1f} ms   ratio {ours_ms / sql_ms:4.2f}x   "
        f"members/probationary/women/minority {mine} {same}"
    )
    aggregate_ms, fast = median_ms(lambda: member_figures(org, as_of), runs)
    raw_ms, raw = median_ms(lambda: member_figures_raw(org, as_of), runs)
    agree = (
        f"same (all {len(raw)} figures)"
        if fast == raw
        else "DIFFERENT: " + str({key: (fast.get(key), value) for key, value in raw.items() if fast.get(key) != value})
    )
    print(
        f"{'':<24} aggregates {aggregate_ms:8.1f} ms   raw recomputation {raw_ms:8.1f} ms   "
        f"ratio {aggregate_ms / raw_ms:4.2f}x   {agree}"
    )


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    where = start_django(args.database_url)
    seconds, reset = load_demo()
    print(f"database: {where}")
    print(f"demo load{' (after --reset)' if reset else ''}: {seconds:.1f} s")
    print(f"statistics as of {AS_OF:%d/%m/%Y}, median of {args.runs} warm runs")
    print("(report = organizations by kind + every member breakdown; hand SQL = the same figures in one statement)")
    for code in TARGETS:
        compare(code, args.runs)


if __name__ == "__main__":
    main()

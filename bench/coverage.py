"""Benchmark: village coverage and the ratings summary of province-sized subtrees.

.venv/bin/python bench/coverage.py                      # fresh SQLite database in a temp dir
.venv/bin/python bench/coverage.py --database-url postgres://user:pass@host/db

Loads the demo if the database does not hold it, then prints the median time of the
coverage of Lai Châu on 31/12/2021 (every village of the province, its heads and
secretaries), of the whole demo nation, and of the cells rated in Mường Lát in 2022.
The target is under 300 ms each on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from io import StringIO

from common import analyze, arguments, median_ms, start_django  # sibling module; puts the project on the path

TARGET_MS = 300


def main() -> None:
    args = arguments(__doc__ or "")
    where = start_django(args.database_url)
    from django.core.management import call_command

    from ketnap.coverage.selectors import coverage_for
    from ketnap.organizations.models import Organization
    from ketnap.ratings.selectors import cells_summary

    if not Organization.objects.filter(code="lai-chau").exists():
        call_command("demo", stdout=StringIO())
        analyze()
    print(f"ketnap coverage benchmark on {where}")
    lai_chau, nation, muong_lat = (Organization.objects.get(code=c) for c in ("lai-chau", "vn", "muong-lat"))
    day = dt.date(2021, 12, 31)
    measures = {
        "coverage lai-chau 31/12/2021": lambda: coverage_for(None, lai_chau, day),
        "coverage vn 31/12/2021": lambda: coverage_for(None, nation, day),
        "ratings muong-lat 2022": lambda: cells_summary(None, muong_lat, 2022),
    }
    villages = coverage_for(None, lai_chau, day).villages
    print(f"  Lai Châu: {villages} villages")
    for label, function in measures.items():
        elapsed, _ = median_ms(function, args.runs)
        flag = "" if elapsed < TARGET_MS else f"  (over {TARGET_MS} ms)"
        print(f"  {label}: {elapsed:.0f} ms{flag}")


if __name__ == "__main__":
    main()

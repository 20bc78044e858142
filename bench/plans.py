"""Time plan achievement and the year-end forecast for a province-sized subtree.

    python bench/plans.py --database-url postgres://… [--org CODE] [--year 2025] [--runs 5]

On a database holding the national dataset (``bench/national.py``) it measures its
largest province; otherwise the organization given by ``--org`` (``lai-chau`` of the
demo by default). Prints the median of warm runs, in milliseconds, for each operation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="postgres://… (default: the configured database)")
    parser.add_argument("--org", default="", help="organization code (default: largest bench province or lai-chau)")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per measurement (median reported)")
    return parser.parse_args()


def subtree(code: str) -> Any:
    from django.db.models import Count

    from ketnap.organizations.models import Organization

    if code:
        return Organization.objects.get(code=code)
    nation = Organization.objects.filter(code="vn-bench").first()
    if nation is None:
        return Organization.objects.get(code="lai-chau")
    provinces = Organization.objects.filter(path__startswith=nation.path, depth=nation.depth + 1)
    return provinces.annotate(n=Count("member_periods")).order_by("-n").first()


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from common import median_ms, start_django

    args = arguments()
    print(f"database: {start_django(args.database_url)}")
    from ketnap.plans.selectors import achievement, forecast

    org = subtree(args.org)
    as_of, today = dt.date(args.year, 12, 31), dt.date(args.year, 8, 1)
    print(f"{org.code}: plan {args.year}, median of {args.runs} warm runs")
    took, _ = median_ms(lambda: achievement(None, org, args.year, as_of), args.runs)
    print(f"  achievement as of {as_of:%d/%m/%Y}: {took:.1f} ms")
    took, _ = median_ms(lambda: forecast(None, org, args.year, today), args.runs)
    print(f"  forecast from {today:%d/%m/%Y}: {took:.1f} ms")


if __name__ == "__main__":
    main()

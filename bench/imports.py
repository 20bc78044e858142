"""Benchmark: Excel import of members, a dry run then the commit.

.venv/bin/python bench/imports.py                       # 100,000 rows, fresh SQLite database in a temp dir
.venv/bin/python bench/imports.py --rows 2000           # a smaller file
.venv/bin/python bench/imports.py --database-url postgres://…

Writes a workbook of ``--rows`` distinct members in the import template, then prints
the seconds of ``import_check`` (the dry run) and of ``import_commit`` (which checks
again, then writes every person and their admission events through the audited people
services) and the peak memory of the process. Targets: dry run and commit of 100,000
rows in < 60 s, peak memory < 1 GB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import resource
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import start_django


def workbook(rows: int) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(["Họ và tên", "Ngày sinh", "Giới tính", "Quê quán", "Giáo dục phổ thông", "Ngày vào Đảng"])
    first = dt.date(1960, 1, 1)
    for number in range(rows):
        # Born by 1987, so 18 or older on the admission date of every row (15,000 days
        # reached 2001: from row 13,700 on, rows too young, and a refused commit).
        birth = first + dt.timedelta(days=number % 10000)
        name = f"Lò Văn B{number:06d}"
        sheet.append([name, birth.strftime("%d/%m/%Y"), "Nam", "Mường Lý", "Trung học phổ thông", "05/06/2015"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def setting() -> tuple[Any, Any]:
    from django.contrib.auth import get_user_model

    from ketnap.core.testing import make_org
    from ketnap.organizations.models import Organization, OrgKind, Sector

    cell = Organization.objects.filter(code="bench-import-cell").first()
    if cell is None:
        root = make_org(None, "bench-import", OrgKind.PROVINCIAL, name="Tỉnh thử")
        cell = make_org(root, "bench-import-cell", OrgKind.SUBORDINATE_CELL, name="Chi bộ thử", sector=Sector.VILLAGE)
    actor = get_user_model()(username="bench-import", is_superuser=True, is_active=True)
    return actor, cell


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url")
    parser.add_argument("--rows", type=int, default=100_000)
    options = parser.parse_args()
    print(f"database: {start_django(options.database_url)}")
    from ketnap.imports.columns import Kind
    from ketnap.imports.services import import_check, import_commit

    actor, cell = setting()
    content = workbook(options.rows)
    args = {"actor": actor, "organization": cell, "kind": Kind.MEMBERS, "content": content}
    started = time.perf_counter()
    report = import_check(**args)
    checked = time.perf_counter()
    print(f"dry run: {options.rows} rows in {checked - started:.1f} s ({report.counts()})")
    done = import_commit(**args)
    print(f"commit: {done.created} people in {time.perf_counter() - checked:.1f} s")
    print(f"peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()

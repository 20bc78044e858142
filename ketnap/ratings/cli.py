"""``ketnap report ratings --org CODE --year YYYY --format json``: cells and members rated
good or better in a subtree."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from ketnap.core.commands import find_user, organization_for
from ketnap.ratings.selectors import cells_summary, members_summary


def add_report_parsers(reports: Any) -> None:
    parser = reports.add_parser("ratings", help="Xếp loại chất lượng chi bộ và đảng viên trong một năm.")
    parser.add_argument("--org", required=True, help="Mã tổ chức, ví dụ muong-lat.")
    parser.add_argument("--year", required=True, help="Năm xếp loại, ví dụ 2022.")
    parser.add_argument("--format", choices=("json",), default="json", dest="output_format")
    parser.add_argument("--user", help="Chạy với quyền của người dùng này.")
    parser.set_defaults(run=ratings_report)


def ratings_report(command: BaseCommand, *, org: str, year: str, user: str | None, **rest: Any) -> None:
    if not year.isdigit() or not 1930 <= int(year) <= 2100:
        raise CommandError(_("Năm không hợp lệ: %(year)s.") % {"year": year})
    viewer = find_user(user)
    organization = organization_for(org, viewer)
    data = {
        "org": organization.code,
        "year": int(year),
        "cells": cells_summary(viewer, organization, int(year)).as_dict(),
        "members": members_summary(viewer, organization, int(year)).as_dict(),
    }
    command.stdout.write(json.dumps(data, ensure_ascii=False))

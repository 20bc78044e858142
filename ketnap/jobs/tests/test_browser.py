"""A real browser: the user starts the statistics export, leaves the job's page waiting,
and the page shows the download link by itself once a worker has run the job (htmx
polling, no inline script, nothing refused by the content security policy)."""

from __future__ import annotations

from typing import Any

import pytest

from ketnap.core.browser import BROWSER, shot, sign_in
from ketnap.core.testing import build_world, make_user
from ketnap.jobs.models import Job
from ketnap.jobs.runner import run_job

pytestmark = BROWSER


@pytest.mark.django_db(transaction=True)
def test_progress_page_follows_the_job(audit_cleanup: None, live_server: Any, browser_page: Any) -> None:
    world = build_world()
    user = make_user("tinh_xem", (world.province_a, "viewer"))
    page, base = browser_page, live_server.url
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text) if "Refused" in message.text else None)
    sign_in(page, base, user)
    page.goto(f"{base}/to-chuc/tinh-a/?ngay=2026-01-01")
    page.get_by_role("link", name="Chạy việc nền").click()
    page.fill("#id_as_of", "01/01/2026")
    page.click("button.primary")
    page.locator("#job-status progress").wait_for()
    shot(page, "job-queued")
    run_job(Job.objects.get().pk)
    page.get_by_role("link", name="Tải tệp kết quả").wait_for(timeout=8_000)
    shot(page, "job-done")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp kết quả").click()
    assert download.value.suggested_filename == "thong-ke-tinh-a-2026-01-01.xlsx"
    page.get_by_role("link", name="Việc đang chạy").first.click()
    page.get_by_role("link", name="Bảng thống kê (Excel)").wait_for()
    assert not refused, refused

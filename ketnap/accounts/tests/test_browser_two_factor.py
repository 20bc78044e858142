"""A real browser: an administrator's first login enrols an authenticator (the code
computed here from the secret shown on the page), the next login asks for a code,
and no page breaks the Content-Security-Policy on the way."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.oath import TOTP

from ketnap.core.browser import BROWSER, shot
from ketnap.core.testing import build_world

pytestmark = BROWSER


def code_from_secret(secret: str) -> str:
    text = secret.replace(" ", "")
    key = b32decode(text + "=" * (-len(text) % 8))
    return f"{TOTP(key).token():06d}"


def sign_in(page, base: str) -> None:
    page.goto(f"{base}/dang-nhap/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "correct-horse-battery")
    page.click("button.primary")


@pytest.mark.django_db(transaction=True)
def test_admin_enrols_on_first_login_then_signs_in_with_a_code(audit_cleanup, live_server, browser_page):
    build_world()
    page = browser_page
    base = live_server.url
    refused: list[str] = []
    page.on(
        "console", lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None
    )

    sign_in(page, base)
    page.wait_for_url("**/tai-khoan/xac-thuc/dang-ky/**")
    assert page.locator(".qr svg").count() == 1
    secret = page.locator("#secret").inner_text()
    shot(page, "two-factor-enrol")
    page.fill("#id_code", "000000")
    page.click("button.primary")
    page.get_by_text("Mã không đúng").wait_for()
    page.fill("#id_code", code_from_secret(secret))
    page.click("button.primary")
    page.get_by_role("heading", name="Mã khôi phục").wait_for()
    assert page.locator("ul.codes li").count() == 10
    shot(page, "two-factor-recovery-codes")
    page.click("text=Tôi đã lưu các mã, tiếp tục")
    page.wait_for_url(f"{base}/")
    page.wait_for_function("window.htmx !== undefined")
    page.click('a.toggle[hx-target="#kids-vn"]')
    page.locator("#kids-vn").get_by_text("Đảng bộ tỉnh A").wait_for()

    page.click("header .account button:has-text('Đăng xuất')")
    page.wait_for_url("**/dang-nhap/**")
    sign_in(page, base)
    page.wait_for_url("**/tai-khoan/xac-thuc/?**")
    shot(page, "two-factor-code")
    page.fill("#id_code", code_from_secret(secret))
    page.click("button.primary")
    page.wait_for_url(f"{base}/")
    page.click("header a.user")
    page.get_by_text("Còn 10 mã khôi phục chưa dùng.").wait_for()
    assert refused == []

"""The one check of a page at phone width catches what it is there for, without a browser:
a page wider than the screen, an internal code among the visible words, a heavy page."""

from __future__ import annotations

import os
from typing import Any

import pytest

from ketnap.core.browser import PHONE, internal_codes, phone_checks


class FakePage:
    """What ``phone_checks`` asks of a Playwright page, answered from fixed values."""

    url = "http://testserver/trang/"
    viewport_size = PHONE

    def __init__(self, *, scroll_width: int = 390, text: str = "Vắng có lý do", html: str = "<html></html>") -> None:
        self.scroll_width, self.text, self.html = scroll_width, text, html

    def wait_for_load_state(self, state: str) -> None:
        assert state == "networkidle"

    def evaluate(self, script: str) -> Any:
        if "scrollWidth" in script:
            return self.scroll_width
        if "innerText" in script:
            return self.text
        return ["table.report 437"]

    def content(self) -> str:
        return self.html


def test_the_codes_are_the_choices_values_not_vietnamese_words() -> None:
    codes = internal_codes()
    assert {"unexcused", "official", "grassroots_committee", "new_members"} <= codes
    assert not {"dao", "hoa", "ma"} & codes


def test_a_page_that_fits_passes() -> None:
    phone_checks(FakePage(text="Chi bộ thôn A — Đảng viên chính thức: 3"))


def test_a_page_wider_than_the_screen_fails_naming_what_sticks_out() -> None:
    with pytest.raises(AssertionError, match=r"437 px wide at 390 px.*table\.report"):
        phone_checks(FakePage(scroll_width=437))


@pytest.mark.parametrize("text", ["Vắng: unexcused", "Loại: grassroots_committee.", "official"])
def test_an_internal_code_on_screen_fails(text: str) -> None:
    with pytest.raises(AssertionError, match="internal codes"):
        phone_checks(FakePage(text=text))


def test_a_heavy_page_fails() -> None:
    with pytest.raises(AssertionError, match="bytes compressed"):
        phone_checks(FakePage(html=os.urandom(200_000).hex()))

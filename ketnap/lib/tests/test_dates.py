import datetime as dt

from ketnap.lib.dates import dmy


def test_four_digit_year_even_for_the_first_year() -> None:
    assert dmy(dt.date(1, 1, 1)) == "01/01/0001"
    assert dmy(dt.date(2021, 12, 31)) == "31/12/2021"


import pytest  # noqa: E402

from ketnap.lib.dates import MAX_DATE, MIN_DATE, DateInputError, DateStyle, parse_date  # noqa: E402


def test_reads_iso_everywhere_and_dmy_on_pages() -> None:
    assert parse_date("2023-01-31") == dt.date(2023, 1, 31)
    assert parse_date(" 2023-01-31 ") == dt.date(2023, 1, 31)
    assert parse_date("31/1/2023", DateStyle.PAGE) == dt.date(2023, 1, 31)
    assert parse_date(MIN_DATE.isoformat()) == MIN_DATE
    assert parse_date(MAX_DATE.isoformat()) == MAX_DATE


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2023-02-31", "not_a_day"),
        ("2023-13-01", "not_a_day"),
        ("0000-01-01", "not_a_day"),
        ("0001-01-01", "range"),
        ("9999-12-31", "range"),
        ("1899-12-31", "range"),
        ("2200-01-01", "range"),
        ("20230101", "format"),
        ("1700000000", "format"),
        (1700000000, "format"),
        ("31/01/2023", "format"),  # ISO only outside pages
        ("2023-1-31", "format"),
        ("", "format"),
        ("２０２３-０１-３１", "format"),  # full-width digits are not read as a date
    ],
)
def test_refuses_what_is_not_a_supported_day(text: object, reason: str) -> None:
    with pytest.raises(DateInputError) as caught:
        parse_date(text)
    assert caught.value.reason == reason
    assert caught.value.message


def test_an_impossible_day_is_said_not_to_exist() -> None:
    with pytest.raises(DateInputError, match="31/02/2023 không tồn tại"):
        parse_date("31/02/2023", DateStyle.PAGE)

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


def test_sheet_dates_in_every_common_form() -> None:
    import datetime as dt

    from ketnap.lib.dates import DateStyle, parse_sheet_date

    day = dt.date(1990, 3, 12)
    for value in (
        "12/03/1990",
        "12/3/90",
        "12-03-1990",
        "12.03.1990",
        "1990-03-12",
        "12 tháng 3 năm 1990",
        "Ngày 12 tháng 3 năm 1990",
        32944,
        32944.5,
        dt.datetime(1990, 3, 12, 8, 0),
        day,
    ):
        assert parse_sheet_date(value) == day, value
    # Two-digit years: this century up to this year, the last one after it.
    this_year = dt.date.today().year % 100
    assert parse_sheet_date(f"1/1/{this_year:02d}").year == 2000 + this_year
    assert parse_sheet_date(f"1/1/{(this_year + 1) % 100:02d}").year == 1900 + this_year + 1
    # The page style is unchanged: d/m/yy and words stay refused there.
    with pytest.raises(DateInputError):
        parse_date("12/3/90", DateStyle.PAGE)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (1900, "year_only"),
        (2199, "year_only"),
        (1, "range"),  # serial day 1 is 31/12/1899, before the supported range
        ("31/02/1990", "not_a_day"),
        ("32 tháng 1 năm 1990", "not_a_day"),
        (0, "format"),
        (-5, "format"),
        (True, "format"),
        ("", "format"),
        (None, "format"),
    ],
)
def test_sheet_dates_refused(value: object, reason: str) -> None:
    from ketnap.lib.dates import parse_sheet_date

    with pytest.raises(DateInputError) as error:
        parse_sheet_date(value)
    assert error.value.reason == reason

import datetime as dt

from ketnap.lib.dates import dmy


def test_four_digit_year_even_for_the_first_year() -> None:
    assert dmy(dt.date(1, 1, 1)) == "01/01/0001"
    assert dmy(dt.date(2021, 12, 31)) == "31/12/2021"

"""The one way a share is rounded for the reports: half up, as the source reports do.

8 of 11 is 72.7…% and reads 73%; 7 of 12 is 58.3…% and reads 58%; 1,022 of 1,002 is
101.99…% and reads 102%. Python's ``round`` rounds half to even (72.5 -> 72), so the
arithmetic is done in ``Decimal`` with ``ROUND_HALF_UP``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def percent(part: int, whole: int | None, places: int = 0) -> Decimal | None:
    """``part`` as a percentage of ``whole``, rounded half up to ``places`` decimals;
    None when there is no whole to compare with (no plan, or a plan of 0)."""
    if not whole:
        return None
    exponent = Decimal(1).scaleb(-places)
    return (Decimal(part) * 100 / Decimal(whole)).quantize(exponent, rounding=ROUND_HALF_UP)


def percent_int(part: int, whole: int | None) -> int | None:
    """The whole-number percentage of the reports (8/11 -> 73)."""
    value = percent(part, whole)
    return None if value is None else int(value)

"""ISO partial dates as intervals."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.dedup.when import DAY, MONTH, YEAR, date_bounds, months, parse_when
from bluebook.errors import BadDateError


def test_partial_dates_cover_their_whole_period():
    assert parse_when("2024-02") == parse_when("2024-02-01", "2024-02-29").__class__(
        date(2024, 2, 1), date(2024, 2, 29), MONTH)
    assert parse_when("2023").precision == YEAR and parse_when("2023-12-31").precision == DAY
    w = parse_when("2023-10-26", "2023-10-28")
    assert (w.lo, w.hi, w.precision) == (date(2023, 10, 26), date(2023, 10, 28), DAY)


def test_a_span_is_as_coarse_as_its_coarser_end():
    assert parse_when("2023-01-05", "2023-02").precision == MONTH


def test_nonsense_is_none_not_an_exception():
    for bad in ("", None, "2023-13", "2023-02-30", "May 2023", "20230501", "2023-1-1x"):
        assert parse_when(bad) is None
    assert parse_when("2023-05-01", "garbage").hi == date(2023, 5, 1)      # a bad end is ignored
    assert parse_when("2023-05-10", "2023-05-01").hi == date(2023, 5, 10)  # so is an end before the start


def test_months_lists_each_month_once():
    assert months(date(2023, 11, 30), date(2024, 2, 1)) == ["2023-11", "2023-12", "2024-01", "2024-02"]


def test_date_bounds_for_filters():
    assert date_bounds("2023-05") == ("2023-05-01", "2023-05-31")
    assert date_bounds(None) is None
    with pytest.raises(BadDateError):
        date_bounds("yesterday", "date_from")

"""precision() and compatible(): comparing partial dates for deduplication."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.dates import compatible, interval, precision
from bluebook.errors import BadDateError


@pytest.mark.parametrize(("iso", "expected"), [("2020", "year"), ("2020-11", "month"), ("2020-11-22", "day")])
def test_precision_names_the_finest_part_given(iso, expected):
    assert precision(iso) == expected


@pytest.mark.parametrize("iso", ["2020-13", "20201122", "", "2020-02-30"])
def test_precision_refuses_non_iso_text(iso):
    with pytest.raises(BadDateError):
        precision(iso)


def test_interval_covers_every_day_of_a_partial_date():
    assert interval("2020") == (date(2020, 1, 1), date(2020, 12, 31))
    assert interval("2024-02") == (date(2024, 2, 1), date(2024, 2, 29))
    assert interval("2020-11-22") == (date(2020, 11, 22), date(2020, 11, 22))
    assert interval("2020-07", "2020-09") == (date(2020, 7, 1), date(2020, 9, 30))


@pytest.mark.parametrize(("a", "b", "window", "expected"), [
    ("2020-11", "2020-11-22", 0, True),
    ("2020", "2020-11-22", 0, True),
    ("2020-11-22", "2020-11-22", 0, True),
    ("2020-11-22", "2020-11-24", 0, False),
    ("2020-11-22", "2020-11-24", 2, True),
    ("2020-11-22", "2020-11-25", 2, False),
    ("2020-10", "2020-11-02", 0, False),
    ("2020-10", "2020-11-02", 2, True),
    ("2019", "2020-01-01", 0, False),
    (("2020-10-26", "2020-10-28"), "2020-10-27", 0, True),
    (("2020-10-26", "2020-10-28"), ("2020-10-29", None), 1, True),
    (("2020-07", "2020-09"), "2020-10-01", 0, False),
])
def test_compatible_lets_coarse_dates_contain_fine_ones_within_a_window(a, b, window, expected):
    assert compatible(a, b, window) is expected
    assert compatible(b, a, window) is expected

"""Calendar arithmetic: nearest year, ISO partial dates, weekdays, Tết, sexagenary years."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.dates import parse_iso_partial, resolve_day_month
from bluebook.dates import resolver as R
from bluebook.dates.lexicon import get_lexicon
from bluebook.errors import BadDateError


@pytest.mark.parametrize(("day", "month", "ref", "expected"), [
    (28, 12, date(2021, 1, 2), date(2020, 12, 28)),   # digest of 2 Jan speaks of last week
    (3, 1, date(2020, 12, 28), date(2021, 1, 3)),     # late-December preview of early January
    (22, 11, date(2020, 11, 22), date(2020, 11, 22)),
    (1, 6, date(2020, 11, 22), date(2020, 6, 1)),
    (1, 6, date(2020, 1, 10), date(2020, 6, 1)),
    (29, 2, date(2021, 3, 1), date(2020, 2, 29)),     # the only leap year in reach
    (29, 2, date(2023, 11, 1), date(2024, 2, 29)),
])
def test_resolve_day_month_picks_the_year_nearest_the_document(day, month, ref, expected):
    assert resolve_day_month(day, month, ref) == expected


@pytest.mark.parametrize(("day", "month", "ref"), [
    (31, 2, date(2020, 5, 1)), (30, 2, date(2020, 5, 1)), (32, 1, date(2020, 5, 1)),
    (5, 13, date(2020, 5, 1)), (0, 5, date(2020, 5, 1)), (29, 2, date(2022, 6, 1)),
])
def test_resolve_day_month_refuses_days_that_do_not_exist(day, month, ref):
    with pytest.raises(BadDateError):
        resolve_day_month(day, month, ref)


def test_resolve_day_month_needs_a_reference_date():
    with pytest.raises(BadDateError, match="document date"):
        resolve_day_month(1, 1, None)


@pytest.mark.parametrize(("text", "expected"), [
    ("2020", (2020, None, None)), ("2020-11", (2020, 11, None)), ("2020-11-22", (2020, 11, 22)),
    ("0001-01-01", (1, 1, 1)), ("2024-02-29", (2024, 2, 29)),
])
def test_parse_iso_partial_reads_year_month_and_day(text, expected):
    assert parse_iso_partial(text) == expected


@pytest.mark.parametrize("text", [
    "", "20", "2020-1", "2020-13", "2020-02-30", "2021-02-29", "2020/11/22", "2020-11-22T10:00",
    "0000", "abcd", "２０２０", "2020-11-22-01", " 2020", None, 2020,
])
def test_parse_iso_partial_refuses_anything_else(text):
    with pytest.raises(BadDateError):
        parse_iso_partial(text)


@pytest.mark.parametrize(("month", "direction", "ref", "year"), [
    (10, 0, date(2020, 11, 22), 2020), (3, 0, date(2020, 11, 22), 2021), (5, 0, date(2020, 11, 22), 2020),
    (12, 0, date(2021, 1, 5), 2020), (10, 1, date(2024, 8, 1), 2024), (10, 1, date(2024, 10, 1), 2025),
    (10, -1, date(2024, 12, 1), 2024), (12, -1, date(2024, 11, 1), 2023),
])
def test_resolve_month_takes_direction_words_into_account(month, direction, ref, year):
    assert R.resolve_month(month, ref, direction) == year


@pytest.mark.parametrize(("weekday", "mode", "expected"), [
    (1, "past", date(2020, 11, 17)), (6, "past", date(2020, 11, 22)), (6, "before", date(2020, 11, 15)),
    (0, "after", date(2020, 11, 23)), (6, "after", date(2020, 11, 29)), (4, "week-1", date(2020, 11, 13)),
    (0, "week0", date(2020, 11, 16)), (0, "week1", date(2020, 11, 23)),
])
def test_weekday_date_counts_from_the_document_date(weekday, mode, expected):
    assert R.weekday_date(date(2020, 11, 22), weekday, mode) == expected


def test_week_span_runs_monday_to_sunday():
    assert R.week_span(date(2020, 11, 22), 0) == (date(2020, 11, 16), date(2020, 11, 22))
    assert R.week_span(date(2020, 11, 23), -1) == (date(2020, 11, 16), date(2020, 11, 22))


@pytest.mark.parametrize(("can", "chi", "ref_year", "year"), [
    (0, 0, 2000, 1984), (0, 4, 2023, 2024), (6, 0, 2019, 2020), (9, 3, 2023, 2023), (4, 0, 1950, 1948),
])
def test_can_chi_year_is_the_nearest_year_with_that_name(can, chi, ref_year, year):
    assert R.can_chi_year(can, chi, date(ref_year, 6, 1)) == year


def test_can_chi_year_refuses_impossible_pairs():
    with pytest.raises(BadDateError):
        R.can_chi_year(0, 1, date(2020, 1, 1))  # Giáp Sửu does not exist


@pytest.mark.parametrize(("year", "tet"), [
    (1968, date(1968, 1, 29)), (1985, date(1985, 1, 21)), (2007, date(2007, 2, 17)),
    (2020, date(2020, 1, 25)), (2021, date(2021, 2, 12)), (2024, date(2024, 2, 10)),
    (2025, date(2025, 1, 29)), (2030, date(2030, 2, 2)),
])
def test_tet_table_follows_the_vietnamese_calendar(year, tet):
    # 1968, 1985, 2007 and 2030 are years when Vietnam (UTC+7) and China (UTC+8) differ
    assert get_lexicon("vi").tet[year] == tet


def test_tet_table_is_complete_and_always_in_late_january_or_february():
    tet = get_lexicon("vi").tet
    assert set(tet) == set(range(1945, 2101))
    assert all(date(y, 1, 20) <= d <= date(y, 2, 21) for y, d in tet.items())


@pytest.mark.parametrize(("parts", "expected"), [
    ((26, None, None, 28, 10, 2020), (date(2020, 10, 26), date(2020, 10, 28), False)),
    ((28, 12, None, 3, 1, 2021), (date(2020, 12, 28), date(2021, 1, 3), False)),
    ((28, None, None, 3, 1, 2021), (date(2020, 12, 28), date(2021, 1, 3), False)),
    ((30, 12, 2020, 2, 1, None), (date(2020, 12, 30), date(2021, 1, 2), False)),
    ((20, None, None, 22, 9, None), (date(2020, 9, 20), date(2020, 9, 22), True)),
    ((6, 7, 2021), (date(2021, 7, 6), None, False)),
])
def test_resolve_days_fills_a_span_from_its_right_end(parts, expected):
    assert R.resolve_days(date(2020, 11, 22), *parts) == expected


def test_resolve_days_refuses_spans_that_run_backwards():
    with pytest.raises(ValueError):
        R.resolve_days(date(2020, 11, 22), 5, 11, 2020, 3, 11, 2020)

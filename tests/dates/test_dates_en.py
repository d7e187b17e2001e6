"""English date expressions, resolved against a document date (table-driven)."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.dates import find_dates
from tests.dates.helpers import found

REF = "2020-11-22"  # a Sunday

CASES = [
    # days with months, with and without years
    ("The summit was held 26-28 October 2020 in Hanoi.", REF, [("26-28 October 2020", "2020-10-26", "2020-10-28")]),
    ("Talks ran from 26 to 28 October.", REF, [("from 26 to 28 October", "2020-10-26", "2020-10-28")]),
    ("The forum met October 26-28, 2020.", REF, [("October 26-28, 2020", "2020-10-26", "2020-10-28")]),
    ("He arrived on 8 July.", REF, [("8 July", "2020-07-08", None)]),
    ("signed 8 July 2020", REF, [("8 July 2020", "2020-07-08", None)]),
    ("signed July 8, 2020", REF, [("July 8, 2020", "2020-07-08", None)]),
    ("entered into force on 1st August 2020", REF, [("1st August 2020", "2020-08-01", None)]),
    ("the 8th of July 2020", REF, [("8th of July 2020", "2020-07-08", None)]),
    ("(Hanoi, 02 December 2020) - VNA", REF, [("02 December 2020", "2020-12-02", None)]),
    ("Sept. 12, 2021", REF, [("Sept. 12, 2021", "2021-09-12", None)]),
    ("on Dec 3", REF, [("Dec 3", "2020-12-03", None)]),
    ("declared December 27 a day of remembrance", REF, [("December 27", "2020-12-27", None)]),
    ("On 28 December the decision came.", "2021-01-02", [("28 December", "2020-12-28", None)]),
    ("(Hanoi, 4-6 December 2020)", REF, [("4-6 December 2020", "2020-12-04", "2020-12-06")]),
    ("(Hanoi, 29-30 October 2020)", REF, [("29-30 October 2020", "2020-10-29", "2020-10-30")]),
    ("from 31 October to 5 November", REF, [("from 31 October to 5 November", "2020-10-31", "2020-11-05")]),
    ("October 26 - November 2, 2020", REF, [("October 26 - November 2, 2020", "2020-10-26", "2020-11-02")]),
    ("between 26 and 28 October 2020", REF, [("between 26 and 28 October 2020", "2020-10-26", "2020-10-28")]),
    ("on 26 and 27 October", REF, [("26 and 27 October", "2020-10-26", "2020-10-27")]),
    ("(18 January 1950 - 18 January 2020)", REF,
     [("18 January 1950 - 18 January 2020", "1950-01-18", "2020-01-18")]),
    ("Tuesday, November 17, 2020", REF, [("Tuesday, November 17, 2020", "2020-11-17", None)]),
    ("Monday (Nov. 16)", REF, [("Monday (Nov. 16)", "2020-11-16", None)]),
    # months
    ("a phone call (May 2020)", REF, [("May 2020", "2020-05", None)]),
    ("in November of 2022", REF, [("November of 2022", "2022-11", None)]),
    ("He signed it in May of last year.", "2023-08-22", [("May of last year", "2022-05", None)]),
    ("Smith, J. (2018, July 7). Title.", REF, [("2018, July 7", "2018-07-07", None)]),
    ("three calls (March, May and August 2020)", REF,
     [("March", "2020-03", None), ("May", "2020-05", None), ("August", "2020-08", None)]),
    ("(January and October 2020)", REF, [("January", "2020-01", None), ("October", "2020-10", None)]),
    ("in March, June and September 2020", REF,
     [("March", "2020-03", None), ("June", "2020-06", None), ("September", "2020-09", None)]),
    ("In November, Canada opened an office.", "2020-12-31", [("November", "2020-11", None)]),
    ("in late November", REF, [("late November", "2020-11", None)]),
    ("mid-March", REF, [("mid-March", "2021-03", None)]),
    ("by the end of October 2020", REF, [("the end of October 2020", "2020-10", None)]),
    ("last November", REF, [("last November", "2019-11", None)]),
    ("next March", REF, [("next March", "2021-03", None)]),
    ("from March to May 2020", REF, [("from March to May 2020", "2020-03", "2020-05")]),
    ("March-May 2020", REF, [("March-May 2020", "2020-03", "2020-05")]),
    # years
    ("early 2021", REF, [("early 2021", "2021", None)]),
    ("mid-2021", REF, [("mid-2021", "2021", None)]),
    ("late 2019", REF, [("late 2019", "2019", None)]),
    ("the end of 2020", REF, [("the end of 2020", "2020", None)]),
    ("in 2020", REF, [("2020", "2020", None)]),
    ("since 1995", REF, [("1995", "1995", None)]),
    ("(2020)", REF, [("2020", "2020", None)]),
    ("the year 1930", REF, [("1930", "1930", None)]),
    ("the Strategic Partnership for 2021-2023", REF, [("2021-2023", "2021", "2023")]),
    ("the period 2021-2025", REF, [("2021-2025", "2021", "2025")]),
    ("from 2003 to 2007", REF, [("from 2003 to 2007", "2003", "2007")]),
    ("between 2018 and 2020", REF, [("between 2018 and 2020", "2018", "2020")]),
    ("from 1995 to the present", REF, [("from 1995 to the present", "1995", "2020")]),
    ("the 2021-2025 period", REF, [("2021-2025", "2021", "2025")]),
    # quarters and halves
    ("Q3 2020", REF, [("Q3 2020", "2020-07", "2020-09")]),
    ("Q1/2021", REF, [("Q1/2021", "2021-01", "2021-03")]),
    ("the third quarter of 2020", REF, [("third quarter of 2020", "2020-07", "2020-09")]),
    ("the last quarter of 2020", REF, [("last quarter of 2020", "2020-10", "2020-12")]),
    ("the first half of 2021", REF, [("first half of 2021", "2021-01", "2021-06")]),
    ("the second half of this year", REF, [("second half of this year", "2020-07", "2020-12")]),
    ("H2 2021", REF, [("H2 2021", "2021-07", "2021-12")]),
    ("the first six months of 2020", REF, [("first six months of 2020", "2020-01", "2020-06")]),
    # relative
    ("last week", REF, [("last week", "2020-11-09", "2020-11-15")]),
    ("next week", REF, [("next week", "2020-11-23", "2020-11-29")]),
    ("next month", REF, [("next month", "2020-12", None)]),
    ("last month", "2021-01-15", [("last month", "2020-12", None)]),
    ("last year", REF, [("last year", "2019", None)]),
    ("this year", REF, [("this year", "2020", None)]),
    ("next year", REF, [("next year", "2021", None)]),
    ("Today, the President met", REF, [("Today", "2020-11-22", None)]),
    ("yesterday", REF, [("yesterday", "2020-11-21", None)]),
    ("tomorrow", REF, [("tomorrow", "2020-11-23", None)]),
    ("last night", REF, [("last night", "2020-11-21", None)]),
    ("this morning", REF, [("this morning", "2020-11-22", None)]),
    ("early next year", REF, [("early next year", "2021", None)]),
    ("late last year", REF, [("late last year", "2019", None)]),
    ("by the end of the year", REF, [("the end of the year", "2020", None)]),
    ("one year ago", REF, [("one year ago", "2019", None)]),
    ("two weeks ago", REF, [("two weeks ago", "2020-11-02", "2020-11-08")]),
    ("3 days ago", REF, [("3 days ago", "2020-11-19", None)]),
    ("a month ago", REF, [("a month ago", "2020-10", None)]),
    # weekdays: the latest such day on or before the document date
    ("They met on Tuesday.", REF, [("Tuesday", "2020-11-17", None)]),
    ("They met on Sunday.", REF, [("Sunday", "2020-11-22", None)]),
    ("last Friday", REF, [("last Friday", "2020-11-20", None)]),
    ("next Monday", REF, [("next Monday", "2020-11-23", None)]),
    ("this Wednesday", REF, [("this Wednesday", "2020-11-18", None)]),
    # numeric
    ("2020-11-22", REF, [("2020-11-22", "2020-11-22", None)]),
    ("11/22/2020", REF, [("11/22/2020", "2020-11-22", None)]),
    ("22/11/2020", REF, [("22/11/2020", "2020-11-22", None)]),
    ("5/4/2020", REF, [("5/4/2020", "2020-05-04", None)]),
]


@pytest.mark.parametrize(("text", "ref", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_english_expression_is_found_and_resolved(text, ref, expected):
    assert found(text, ref, "en") == expected


def test_us_numeric_dates_are_english_only():
    assert found("11/22/2020", REF, "vi") == []
    assert found("11/22/2020", REF, "en") == [("11/22/2020", "2020-11-22", None)]


def test_month_list_gives_each_month_its_own_offsets():
    text = "three telephone conversations (March, May and August 2020)"
    got = find_dates(text, date(2020, 12, 31), "en")
    assert [(text[e.start:e.end], e.date, e.relative) for e in got] == [
        ("March", "2020-03", False), ("May", "2020-05", False), ("August", "2020-08", False)]


def test_english_month_names_need_a_day_or_year_inside_vietnamese_text():
    assert found("May 2020 và 8 July 2020", REF, "vi") == [("May 2020", "2020-05", None),
                                                            ("8 July 2020", "2020-07-08", None)]
    assert found("in November và on 8 July", REF, "vi") == []

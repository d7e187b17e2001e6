"""Metadata dates normalised to ISO."""
from __future__ import annotations

import pytest

from bluebook.ingest.meta import normalize_date


@pytest.mark.parametrize("raw, iso", [
    ("2020-11-12", "2020-11-12"),
    ("2020-11-12T06:00:00+07:00", "2020-11-12"),
    ("2020-11-12T23:30:00-05:00", "2020-11-12"),   # the date as the publisher wrote it
    ("2020-11-12 06:00", "2020-11-12"),
    ("12/11/2020", "2020-11-12"),                  # day first, Vietnamese usage
    ("2/9/2021", "2021-09-02"),
    ("11/25/2020", "2020-11-25"),                  # only month-first is a valid date
    ("12.11.2020", "2020-11-12"),
    ("2020/11/12", "2020-11-12"),
    ("Thứ năm, 12/11/2020 06:00 (GMT+7)", "2020-11-12"),
    ("Thu, 12 Nov 2020 06:00:00 +0700", "2020-11-12"),
    ("November 12, 2020", "2020-11-12"),
    ("12 Nov 2020", "2020-11-12"),
    ("D:20201112060000+07'00'", "2020-11-12"),
])
def test_readable_dates_become_iso(raw, iso):
    assert normalize_date(raw) == iso


@pytest.mark.parametrize("raw", ["", "hôm qua", "31/02/2020", "2020-13-01", "12/11/20", "99999999999"])
def test_unreadable_dates_give_none(raw):
    assert normalize_date(raw) is None

"""Properties that hold for any text and any document date (hypothesis)."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluebook.dates import find_dates, parse_iso_partial

# Fragments that steer random text towards the rules' territory.
PIECES = [
    "ngày ", "tối ", "sáng ", "hôm nay ", "từ ", " đến ", " và ", "tháng ", "năm ", "quý ", "Thứ Hai ",
    "dịp Tết ", "cuối ", "6 tháng đầu năm ", "(", ")", "/", "-", ".", ", ", " ", "22", "11", "2020", "31",
    "2", "13", "0", "1999", "9999", "1000", "on ", "in ", "late ", "mid-", "October ", "May ", "Q3 ",
    "from ", " to ", "last week", "Tuesday", "the first half of ", " ago", "2/3 ", "4-3", "29/2",
]
texts = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(PIECES), max_size=25).map("".join),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=25).map("".join),
)
refs = st.one_of(st.none(), st.dates(), st.sampled_from([date.min, date.max, date(2020, 11, 22)]))
langs = st.sampled_from(["vi", "en"])


def _check(text: str, ref: date | None, lang: str) -> None:
    out = find_dates(text, ref, lang)
    last_end = 0
    for e in out:
        assert 0 <= e.start < e.end <= len(text)
        assert e.text == text[e.start:e.end]
        assert e.start >= last_end, "expressions overlap or are out of order"
        last_end = e.end
        first = parse_iso_partial(e.date)
        if e.date_end is not None:
            last = parse_iso_partial(e.date_end)
            if first[2] is not None and last[2] is not None:
                assert e.date <= e.date_end
            assert first[0] <= last[0]
        if ref is None:
            assert not e.relative


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts, refs, langs)
def test_any_text_and_date_give_well_formed_expressions(text, ref, lang):
    _check(text, ref, lang)


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 31), st.integers(1, 12), st.one_of(st.none(), st.integers(1900, 2100)),
       st.sampled_from(["ngày ", "tối ", "", "("]), st.sampled_from(["/", "-", "."]), st.dates())
def test_numeric_dates_come_back_valid_or_not_at_all(day, month, year, prefix, sep, ref):
    text = f"{prefix}{day}{sep}{month}" + (f"{sep}{year}" if year else "") + (")" if prefix == "(" else "")
    for e in find_dates(text, ref, "vi"):
        y, m, d = parse_iso_partial(e.date)
        assert (m, d) == (month, day)
        if year:
            assert y == year

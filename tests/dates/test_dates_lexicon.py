"""The date word lists: shipped files are well formed, broken files fail with a coded error."""
from __future__ import annotations

import csv

import pytest

from bluebook.dates.lexicon import COLUMNS, KINDS, LANG_DIR, get_lexicon, load_lexicon
from bluebook.dates.scan import find_dates
from bluebook.errors import BadDateError, ConfigError, DataFileError


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_shipped_word_lists_load_and_name_a_source_for_every_row(lang):
    path = LANG_DIR / lang / "dates.tsv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and tuple(rows[0]) == COLUMNS
    assert all(r["source"].strip() for r in rows)
    assert {r["kind"] for r in rows} <= set(KINDS)
    lex = get_lexicon(lang)
    assert {int(v) for v in lex.rows["month"].values()} == set(range(1, 13))


def _write(tmp_path, body: str):
    path = tmp_path / "dates.tsv"
    path.write_text(body, encoding="utf-8")
    return path


@pytest.mark.parametrize(("body", "message"), [
    ("kind\ttext\tvalue\n", "bad header"),
    ("", "bad header"),
    ("kind\ttext\tvalue\tsource\nmonth\tJanuary\t1\n", "3 columns"),
    ("kind\ttext\tvalue\tsource\nmonthly\tJanuary\t1\tCLDR\n", "unknown kind"),
    ("kind\ttext\tvalue\tsource\nmonth\tJanuary\tone\tCLDR\n", "not a valid int"),
    ("kind\ttext\tvalue\tsource\nmonth\tJanuary\t1\t \n", "empty source"),
    ("kind\ttext\tvalue\tsource\nmonth\t January\t1\tCLDR\n", "stray spaces"),
    ("kind\ttext\tvalue\tsource\ntet\t2024\t2024-02-30\tcomputed\n", "not a valid date"),
    ("kind\ttext\tvalue\tsource\nrelative\ttoday\t\tusage\n", "not a valid str"),
])
def test_malformed_word_list_raises_data_file_error_naming_the_file(tmp_path, body, message):
    path = _write(tmp_path, body)
    with pytest.raises(DataFileError, match=message) as err:
        load_lexicon(path, "xx")
    assert err.value.source == str(path)
    assert err.value.code == "E030"
    assert err.value.hint


def test_missing_or_non_utf8_word_list_raises_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        load_lexicon(tmp_path / "nope.tsv")
    bad = tmp_path / "dates.tsv"
    bad.write_bytes(b"kind\ttext\tvalue\tsource\nmonth\tTh\xe1ng\t1\tx\n")
    with pytest.raises(DataFileError, match="UTF-8"):
        load_lexicon(bad)


def test_comment_and_blank_lines_are_ignored(tmp_path):
    path = _write(tmp_path, "kind\ttext\tvalue\tsource\n# a note\n\nmonth\tJanuary\t1\tCLDR\n")
    assert load_lexicon(path, "xx").rows == {"month": {"January": "1"}}


def test_unknown_language_is_a_config_error():
    with pytest.raises(ConfigError, match="'fr'"):
        find_dates("le 3 mai", None, "fr")


def test_language_tags_are_accepted_by_their_first_two_letters():
    assert [e.date for e in find_dates("năm 2020", None, "vi-VN")] == ["2020"]
    assert [e.date for e in find_dates("in 2020", None, "EN")] == ["2020"]


def test_document_date_may_be_a_datetime_or_iso_text_but_not_garbage():
    from datetime import datetime
    assert find_dates("hôm nay", datetime(2020, 11, 22, 10, 30))[0].date == "2020-11-22"
    assert find_dates("hôm nay", "2020-11-22")[0].date == "2020-11-22"
    with pytest.raises(BadDateError):
        find_dates("hôm nay", "yesterday")

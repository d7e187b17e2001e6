"""Abbreviation tables: well-formed bundled files, classes, and clear errors for broken ones."""
from __future__ import annotations

from pathlib import Path

import pytest

from bluebook.errors import DataFileError
from bluebook.segment.abbrev import CLASSES, LANG_DIR, classify, load_abbreviations, read_table


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bundled_tables_load_with_known_classes(lang: str) -> None:
    table = read_table(LANG_DIR / lang / "abbreviations.tsv")
    assert len(table) >= 20
    assert set(table.values()) <= set(CLASSES)
    assert all(a.endswith(".") for a in table)


@pytest.mark.parametrize("token,kind", [
    ("TP.", "title"), ("PGS.", "title"), ("ThS.", "title"), ("Mr.", "title"),
    ("PGS.TS.", "title"), ("GS.TSKH.", "title"), ("V.", "title"),
    ("No.", "number"), ("Sept.", "number"), ("tr.", "number"),
    ("e.g.", "inner"), ("vs.", "inner"),
    ("etc.", "final"), ("v.v.", "final"),
    ("U.S.", "ambiguous"), ("Inc.", "ambiguous"), ("a.m.", "ambiguous"), ("Mekong-U.S.", "ambiguous"),
    ("A.B.C.", "ambiguous"), ("x.y.", "inner"),
    ("MR.", "title"), ("NO.", "number"),
    ("ASEAN.", None), ("năm.", None), ("a.", None), ("2020.", None),
])
def test_classify(token: str, kind: str | None) -> None:
    assert classify(token, load_abbreviations()) == kind


def test_bad_header_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "abbreviations.tsv"
    bad.write_text("abbr\tnote\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        read_table(bad)
    assert str(bad) in str(err.value) and err.value.code == "E030"


def test_unknown_class_is_reported_with_its_line(tmp_path: Path) -> None:
    bad = tmp_path / "abbreviations.tsv"
    bad.write_text("abbreviation\tnote\tsource\nTS.\ttitle: doctor\tx\nQ.\tplace: district\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError, match="line 3"):
        read_table(bad)


def test_missing_file_is_a_data_file_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError):
        read_table(tmp_path / "nope.tsv")

"""Folding text to search keys, and turning any user query into a safe engine query."""
from __future__ import annotations

import importlib
import unicodedata

import pytest

from bluebook.search.fold import fold, fold_with_map, index_text
from bluebook.search.query import parse_query

VI = "Thủ tướng Phạm Minh Chính hội đàm với Chủ tịch nước CHDCND Lào tại Đà Nẵng; hòa bình, hoà hợp"


def test_fold_drops_case_and_diacritics_and_turns_d_bar_into_d():
    assert fold("Thủ tướng Đà Nẵng ĐỨC") == "thu tuong da nang duc"
    assert fold("hòa hoà") == "hoa hoa"
    assert len(fold(VI)) == len(VI)


def test_the_fold_map_points_back_into_decomposed_text():
    nfd = unicodedata.normalize("NFD", "Lào, Đà Nẵng")
    folded, where = fold_with_map(nfd)
    assert folded == "lao, da nang" and where is not None and len(where) == len(folded) + 1
    i = folded.index("nang")
    assert unicodedata.normalize("NFC", nfd[where[i]:where[i + 4]]) == "Nẵng"
    assert fold_with_map("plain ascii")[1] is None


def test_index_text_keeps_only_word_tokens():
    assert index_text('Covid-19: "Hội nghị" (NEAR) *; DROP TABLE x --') == "covid 19 hoi nghi near drop table x"


def test_fold_agrees_with_the_cleaners_fold_when_there_is_one():
    try:
        other = importlib.import_module("bluebook.clean.normalize").fold
    except (ImportError, AttributeError):
        pytest.skip("bluebook.clean.normalize.fold not written yet")
    assert fold(VI) == other(VI)


def test_words_are_anded_and_quoted_parts_are_phrases():
    q = parse_query('Thủ tướng "hội đàm với" Lào lào')
    assert q.terms == ["thu", "tuong", "lao"] and q.phrases == [["hoi", "dam", "voi"]]
    assert q.fts5() == '"thu" AND "tuong" AND "lao" AND "hoi dam voi"'
    assert q.tsquery() == "'thu' & 'tuong' & 'lao' & ('hoi' <-> 'dam' <-> 'voi')"


@pytest.mark.parametrize("hostile", [
    "'; DROP TABLE documents; --", '" OR 1=1 --', "NEAR(a b, 3) * : ^ ( ) {}", "lao*", "col:lao", "\\x00 %_",
    '"unterminated phrase', "'' \"\" ''", "\x00\ud800", "a & b | !c <-> d",
])
def test_hostile_queries_become_plain_quoted_words(hostile):
    q = parse_query(hostile)
    for w in q.terms + [w for p in q.phrases for w in p]:
        assert w.isalnum()
    assert "'" not in q.fts5().replace('"', "") and all(c not in q.tsquery() for c in ";|!:*")


def test_a_query_without_words_is_empty():
    assert parse_query("  ;;; '' --").empty and parse_query("").empty


def test_huge_queries_are_cut_to_a_sane_size():
    q = parse_query(" ".join(f"w{i}" for i in range(500)) + " " + "x" * 5000 + ' "' + "a " * 300 + '"')
    assert len(q.terms) == 32 and max(map(len, q.terms)) <= 64
    assert all(len(p) <= 32 for p in q.phrases)

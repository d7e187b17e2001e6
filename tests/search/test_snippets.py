"""Snippets pick the densest passage and highlight exactly the words the reader sees."""
from __future__ import annotations

import unicodedata

from bluebook.search.snippets import SearchHit, make_snippet

LONG = ("Mở đầu bài viết nói về thời tiết và giao thông trong thành phố. " * 8
        + "Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào về hợp tác năng lượng. "
        + "Phần cuối nói về thể thao và giải trí cuối tuần. " * 8)


def test_the_window_lands_where_the_query_words_are():
    snippet, marks, start, end = make_snippet(LONG, ["thu", "tuong", "lao"])
    assert "Thủ tướng Lào" in snippet and snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in marks][:2] == ["Thủ", "tướng"]
    assert LONG[start:end] in snippet


def test_highlights_cover_phrases_and_keep_diacritics():
    snippet, marks, _, _ = make_snippet(LONG, [], [["hoi", "dam", "voi"]])
    assert [snippet[a:b] for a, b in marks] == ["hội đàm với"]


def test_highlights_map_back_through_decomposed_text():
    text = unicodedata.normalize("NFD", "Hội nghị tại Đà Nẵng kết thúc.")
    snippet, marks, start, end = make_snippet(text, ["nang"])
    assert [unicodedata.normalize("NFC", snippet[a:b]) for a, b in marks] == ["Nẵng"]
    assert (start, end) == (0, len(text)) and not snippet.endswith("…")


def test_no_match_gives_the_start_of_the_text():
    snippet, marks, start, _ = make_snippet(LONG, ["khongco"])
    assert marks == [] and start == 0 and snippet.startswith("Mở đầu")
    assert make_snippet("", ["x"]) == ("", [], 0, 0)


def test_marked_escapes_html_but_not_the_marks():
    hit = SearchHit(doc_id=1, title="", source="", url="", doc_date=None, lang="vi", score=1.0,
                    snippet="<b>Lào</b> & Việt Nam", highlights=[(3, 6)])
    assert hit.marked() == "&lt;b&gt;<mark>Lào</mark>&lt;/b&gt; &amp; Việt Nam"
    assert hit.marked("[", "]", html=False) == "<b>[Lào]</b> & Việt Nam"

"""Store.search on both backends: same hits, diacritics and case ignored, hostile input harmless."""
from __future__ import annotations

from datetime import date

import pytest

from bluebook.errors import BadDateError, StoreError
from bluebook.models import Document, Event

DOCS = [
    ("vi", "Thủ tướng hội đàm với Thủ tướng Lào",
     "Chiều nay tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm với Thủ tướng Lào. Hai bên ký nhiều văn kiện.",
     date(2023, 1, 9), [("talks", ["VNM", "LAO"])]),
    ("vi", "Bộ trưởng Ngoại giao điện đàm với Australia",
     "Bộ trưởng Bùi Thanh Sơn điện đàm với Ngoại trưởng Australia về hợp tác khu vực và tình hình Biển Đông.",
     date(2023, 3, 14), [("phone_call", ["VNM", "AUS"])]),
    ("en", "Prime Minister meets Lao counterpart",
     "Prime Minister Pham Minh Chinh met the Lao Prime Minister in Hanoi; they signed several documents.",
     date(2023, 1, 10), [("talks", ["LAO", "VNM"])]),
    ("en", "Odd text",
     "Robert'); DROP TABLE documents;-- wrote \"NEAR(a b)\" and col:value * ^ in a comment about Laos.",
     date(2024, 6, 1), []),
]


@pytest.fixture
def filled(store):
    for i, (lang, title, text, d, evs) in enumerate(DOCS):
        store.add_document(Document(source=f"src/{i}.txt", original=text, lang=lang, title=title, doc_date=d,
                                    url=f"https://s.example/{i}"),
                           [Event(type=t, date=d.isoformat(), parties=p, evidence=text[:20], lang=lang)
                            for t, p in evs])
    return store


def ids(hits) -> list[int]:
    return [h.doc_id for h in hits]


def test_ascii_query_finds_vietnamese_text(filled):
    hits = filled.search("thu tuong lao")
    assert ids(hits) == [1]
    assert "<mark>Thủ</mark> <mark>tướng</mark> <mark>Lào</mark>" in hits[0].marked()


def test_case_and_diacritics_in_the_query_do_not_matter(filled):
    assert ids(filled.search("THỦ TƯỚNG LÀO")) == ids(filled.search("thu tuong lao")) == [1]
    assert ids(filled.search("Bùi Thanh Sơn")) == ids(filled.search("bui thanh son")) == [2]


def test_all_words_must_occur_and_phrases_must_be_adjacent(filled):
    assert set(ids(filled.search("prime minister"))) == {3}
    assert ids(filled.search('"minister pham"')) == [3]
    assert filled.search('"pham prime"') == []
    assert filled.search("lao australia") == []


def test_words_match_whole_folded_words_only(filled):
    assert ids(filled.search("hanoi")) == [3]          # 'Hà Nội' is the two words 'ha noi'
    assert ids(filled.search("ha noi")) == [1]
    assert set(ids(filled.search("lao"))) == {1, 3}    # not 'Laos' in document 4


def test_a_word_in_the_title_ranks_above_a_word_deep_in_a_body(store):
    filler = " ".join(["Các bên trao đổi về nhiều vấn đề cùng quan tâm."] * 30)
    store.add_document(Document(source="a", original=filler + " Có nhắc tới năng lượng.", title="Tin tổng hợp"), [])
    store.add_document(Document(source="b", original=filler + " Kết thúc.", title="Hợp tác năng lượng"), [])
    for i in range(4):       # BM25 gives no weight to words found in half the documents or more
        store.add_document(Document(source=f"other{i}", original=f"Tin thể thao số {i} hôm nay."), [])
    hits = store.search("nang luong")
    assert ids(hits) == [2, 1], [(h.doc_id, h.score) for h in hits]


def test_language_and_filters_narrow_the_hits(filled):
    assert ids(filled.search("minh", lang="en")) == [3]
    assert ids(filled.search("minh", filters={"date_from": "2023-01-10"})) == [3]
    assert set(ids(filled.search("minh", filters={"date_to": "2023-01"}))) == {1, 3}
    assert ids(filled.search("minh", filters={"date_to": "2023-01-09"})) == [1]
    assert ids(filled.search("minh", filters={"type": "talks", "party": "lao", "source": "src/0"})) == [1]
    assert filled.search("minh", filters={"type": "aid"}) == []


def test_bad_filters_are_errors_with_hints(filled):
    with pytest.raises(StoreError) as e:
        filled.search("lao", filters={"colour": "red"})
    assert "date_from" in e.value.hint
    with pytest.raises(BadDateError):
        filled.search("lao", filters={"date_from": "soon"})


@pytest.mark.parametrize("q", ["'); DROP TABLE documents;--", "NEAR(a b)", "col:value", "*", "^", '"', "''",
                               "a OR b NOT c", "%", "_", "\\", "\x00", "lao*", "(lao"])
def test_sql_and_fts_syntax_in_queries_is_harmless(filled, q):
    filled.search(q)
    assert filled.stats()["documents"] == 4


def test_sql_looking_text_in_documents_is_stored_and_found_as_words(filled):
    assert ids(filled.search("drop table documents")) == [4]
    assert ids(filled.search('"near a b"')) == [4]
    assert ids(filled.search("col:value")) == [4]


def test_an_empty_query_lists_documents_newest_first(filled):
    filled.add_document(Document(source="undated.txt", original="Không rõ ngày đăng."), [])
    assert ids(filled.search("")) == [4, 2, 3, 1, 5]          # undated last, on both backends
    assert ids(filled.search("", limit=2, offset=1)) == [2, 3]


def test_near_duplicates_are_left_out_unless_asked_for(filled):
    text = DOCS[1][2] + " Thêm một câu."
    r = filled.add_document(Document(source="copy.txt", original=text, lang="vi", title="Bản sao"), [])
    assert r.duplicate_of == 2
    assert ids(filled.search("australia")) == [2]
    assert set(ids(filled.search("australia", filters={"duplicates": True}))) == {2, r.doc_id}


def test_paging(filled):
    all_hits = ids(filled.search("minh"))
    assert len(all_hits) == 2
    assert ids(filled.search("minh", limit=1)) + ids(filled.search("minh", limit=1, offset=1)) == all_hits

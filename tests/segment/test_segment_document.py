"""segment_document: sentences from the cleaner's blocks, with kinds, block indices and languages."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.models import Block, Document, Sentence
from bluebook.segment import iter_paragraph_sentences, segment_document


def make_doc(parts: list[tuple[str, str]], sep: str = "\n\n", **meta) -> Document:
    """A cleaned document from (kind, text) blocks joined by ``sep``."""
    text, blocks, pos = "", [], 0
    for kind, part in parts:
        if text:
            text += sep
            pos = len(text)
        text += part
        blocks.append(Block(pos, pos + len(part), kind))
    return Document(source="test", original=text, text=text, blocks=blocks, meta=dict(meta))


def texts(doc: Document) -> list[str]:
    return [s.text for s in doc.sentences]


def test_kinds_blocks_and_offsets_follow_the_blocks() -> None:
    doc = segment_document(make_doc([
        ("title", "Thủ tướng tiếp Đại sứ Nhật Bản"),
        ("dateline", "Hà Nội, ngày 5/6/2024"),
        ("body", "Chiều 5/6, Thủ tướng đã tiếp Đại sứ. Hai bên trao đổi về hợp tác."),
        ("caption", "Thủ tướng và Đại sứ - Ảnh: TTXVN"),
        ("list_item", "- Hợp tác kinh tế"),
        ("list_item", "- Hợp tác giáo dục"),
    ]))
    assert [(s.kind, s.block) for s in doc.sentences] == [
        ("title", 0), ("dateline", 1), ("body", 2), ("body", 2), ("caption", 3), ("list_item", 4), ("list_item", 5)]
    for s in doc.sentences:
        assert doc.text[s.start:s.end] == s.text
    assert doc.lang == "vi"


def test_boilerplate_and_teasers_give_no_sentences() -> None:
    doc = segment_document(make_doc([
        ("body", "Hai bên nhất trí tăng cường hợp tác."),
        ("boilerplate", "Đăng ký nhận bản tin. Theo dõi chúng tôi."),
        ("teaser", "Tin liên quan: Thủ tướng dự hội nghị."),
        ("body", "Cuộc gặp diễn ra tốt đẹp."),
    ]))
    assert texts(doc) == ["Hai bên nhất trí tăng cường hợp tác.", "Cuộc gặp diễn ra tốt đẹp."]
    assert [s.block for s in doc.sentences] == [0, 3]


def test_sentence_running_on_into_the_next_body_block_is_merged() -> None:
    doc = segment_document(make_doc([
        ("body", "The two countries maintained close exchanges between their"),
        ("body", "leaders throughout the year. Trade grew."),
    ]))
    assert texts(doc) == ["The two countries maintained close exchanges between their\n\nleaders throughout the year.",
                          "Trade grew."]
    assert [s.block for s in doc.sentences] == [0, 1]


def test_complete_blocks_are_not_merged() -> None:
    doc = segment_document(make_doc([("body", "Trade grew."), ("body", "investment fell.")]))
    assert texts(doc) == ["Trade grew.", "investment fell."]
    doc = segment_document(make_doc([("title", "Leaders meet in"), ("body", "hanoi today.")]))
    assert texts(doc) == ["Leaders meet in", "hanoi today."]


def test_blocks_meeting_inside_a_line_stay_apart() -> None:
    doc = segment_document(make_doc([("body", "Hợp tác phát triển"), ("body", "hội nghị diễn ra")], sep=""))
    assert texts(doc) == ["Hợp tác phát triển", "hội nghị diễn ra"]


def test_glue_splits_from_the_cleaner_are_boundaries() -> None:
    body = "Hai bên nhất trí tăng cường hợp tác phát triểnHội nghị kết thúc tốt đẹp."
    doc = make_doc([("body", body)])
    doc.meta["glue_splits"] = [body.index("Hội"), "junk", None]
    segment_document(doc)
    assert texts(doc) == ["Hai bên nhất trí tăng cường hợp tác phát triển", "Hội nghị kết thúc tốt đẹp."]


def test_mixed_document_gives_each_sentence_its_language() -> None:
    doc = segment_document(make_doc([
        ("body", "Thủ tướng Phạm Minh Chính đã tiếp Tổng thống Hoa Kỳ tại Hà Nội. Hai bên trao đổi về hợp tác."),
        ("body", "The President thanked Vietnam for the warm welcome."),
        ("body", "Nguyễn Văn An"),
    ]))
    assert [s.lang for s in doc.sentences] == ["vi", "vi", "en", "vi"]
    assert doc.lang == "vi"


def test_document_language_is_the_majority_by_characters() -> None:
    doc = segment_document(make_doc([
        ("title", "Thủ tướng tiếp Đại sứ"),
        ("body", "The Prime Minister received the Ambassador of Japan in Hanoi on Tuesday. "
                 "They discussed trade, investment and the labour agreement signed last year."),
    ]))
    assert doc.lang == "en"
    assert doc.sentences[0].lang == "vi"


def test_short_unsure_sentences_follow_their_paragraph() -> None:
    doc = segment_document(make_doc([("body", "The President met the Prime Minister of Vietnam. Thank you.")]))
    assert [s.lang for s in doc.sentences] == ["en", "en"]


def test_uncleaned_text_is_one_body_block() -> None:
    doc = Document(source="raw", original="Câu một. Câu hai.", text="Câu một. Câu hai.")
    segment_document(doc)
    assert texts(doc) == ["Câu một.", "Câu hai."]
    assert doc.blocks == [Block(0, len(doc.text), "body")]


def test_empty_document() -> None:
    doc = segment_document(Document(source="empty", original=""))
    assert doc.sentences == [] and doc.lang == "vi"


def test_bad_blocks_are_clipped_not_fatal() -> None:
    text = "Câu một. Câu hai. Câu ba."
    doc = Document(source="x", original=text, text=text,
                   blocks=[Block(9, 500, "body"), Block(0, 12, "body"), Block(7, 3, "body")])
    segment_document(doc)
    assert texts(doc) == ["Câu một.", "Câu", "hai. Câu ba."] or all(
        doc.text[s.start:s.end] == s.text for s in doc.sentences)
    spans = [(s.start, s.end) for s in doc.sentences]
    assert spans == sorted(spans) and all(a < b <= len(text) for a, b in spans)


def test_iter_paragraph_sentences() -> None:
    doc = segment_document(make_doc([("title", "Tiêu đề"), ("body", "Câu một. Câu hai."), ("body", "Câu ba.")]))
    assert [s.text for s in iter_paragraph_sentences(doc, 1)] == ["Câu một.", "Câu hai."]
    assert list(iter_paragraph_sentences(doc, 9)) == []


_KINDS = st.sampled_from(["title", "dateline", "body", "caption", "list_item", "boilerplate", "teaser"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_KINDS, st.text(max_size=80)), max_size=8), st.sampled_from(["\n\n", "\n", "", " "]))
def test_any_blocks_give_ordered_sentences_inside_kept_blocks(parts, sep) -> None:
    doc = segment_document(make_doc(parts, sep=sep))
    prev = 0
    for s in doc.sentences:
        assert isinstance(s, Sentence) and s.lang in ("vi", "en")
        assert prev <= s.start < s.end and doc.text[s.start:s.end] == s.text
        assert not s.text[0].isspace() and not s.text[-1].isspace()
        assert doc.blocks[s.block].kind not in ("boilerplate", "teaser")
        assert doc.blocks[s.block].start <= s.start < doc.blocks[s.block].end
        prev = s.end
    assert doc.lang in ("vi", "en")

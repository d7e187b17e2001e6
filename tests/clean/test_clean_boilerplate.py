"""classify_blocks: titles, captions, teasers and page furniture are told from the article."""
from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.clean.boilerplate import classify_blocks, load_patterns
from bluebook.clean.normalize import normalize
from bluebook.models import BLOCK_KINDS

from .helpers import shared_file

# A scraped Vietnamese article page, written for this test, with the furniture
# real pages carry: byline, follow widget, image alt text, captions, related
# headlines (each printed twice, then a summary), markers and a footer.
VI_PAGE = """Việt Nam và Mông Cổ thúc đẩy hợp tác nông nghiệp

Minh Khoa
TGVN. Hai bên nhất trí mở rộng trao đổi đoàn và tìm cơ chế mới cho hàng nông sản.
Theo dõi Báo Thế giới trên Google News
Việt Nam và Mông Cổ thúc đẩy hợp tác nông nghiệp
Thứ trưởng Ngoại giao tiếp Đại sứ Mông Cổ tại trụ sở Bộ. (Ảnh: Quang Hòa)

Sáng 9/4, tại Hà Nội, Thứ trưởng Ngoại giao đã tiếp Đại sứ Mông Cổ đến chào xã giao nhân dịp bắt đầu nhiệm kỳ công tác tại Việt Nam. Hai bên đánh giá cao kết quả hợp tác trong thời gian qua.

Thứ trưởng đề nghị hai nước sớm tổ chức kỳ họp Ủy ban liên Chính phủ và mở thêm đường bay thẳng.

Quang cảnh buổi tiếp - Ảnh: VGP/Hải Nam

Chia sẻ

Tin liên quan
Thủ tướng gặp Chủ tịch Quốc hội Mông Cổ
Thủ tướng gặp Chủ tịch Quốc hội Mông Cổ
TGVN. Chiều 3/4, Thủ tướng đã có cuộc gặp với Chủ tịch Quốc hội Mông Cổ ...
Mở đường bay thẳng Hà Nội - Ulaanbaatar
Mở đường bay thẳng Hà Nội - Ulaanbaatar

© Bản quyền thuộc về Báo Thế giới và Việt Nam
"""

EN_RELEASE = """---
title: "Readout of the Secretary's Call with the Foreign Minister of Viet Nam"
date: '2023-05-02'
---

The Secretary spoke today with Foreign Minister of Viet Nam to discuss the
comprehensive partnership between the two countries and cooperation on
maritime security, climate change and the energy transition. The Secretary
reaffirmed support for a strong, independent and prosperous Viet Nam and
welcomed the upcoming visit of a trade delegation to Hanoi later this month.

The two sides also discussed regional developments, including the situation
in Myanmar, and agreed to stay in close contact ahead of the annual
dialogue scheduled for the autumn in Washington and the summit next year.

Share this:
Facebook Twitter Email
"""


def kinds(text: str) -> list[tuple[str, str, str]]:
    return [(b.kind, b.reason, text[b.start:b.end]) for b in classify_blocks(text)]


def kind_of(text: str, line: str) -> tuple[str, str]:
    for kind, reason, s in kinds(text):
        if s == line:
            return kind, reason
    raise AssertionError(f"no block {line!r}")


@pytest.mark.parametrize(("line", "kind", "reason"), [
    ("Việt Nam và Mông Cổ thúc đẩy hợp tác nông nghiệp", "title", ""),
    ("Minh Khoa", "boilerplate", "byline"),
    ("TGVN. Hai bên nhất trí mở rộng trao đổi đoàn và tìm cơ chế mới cho hàng nông sản.", "body", ""),
    ("Theo dõi Báo Thế giới trên Google News", "boilerplate", "follow-widget"),
    ("Thứ trưởng Ngoại giao tiếp Đại sứ Mông Cổ tại trụ sở Bộ. (Ảnh: Quang Hòa)", "caption", ""),
    ("Quang cảnh buổi tiếp - Ảnh: VGP/Hải Nam", "caption", ""),
    ("Chia sẻ", "boilerplate", "share-widget"),
    ("Tin liên quan", "boilerplate", "related-marker"),
    ("Thủ tướng gặp Chủ tịch Quốc hội Mông Cổ", "teaser", "repeated-headline"),
    ("TGVN. Chiều 3/4, Thủ tướng đã có cuộc gặp với Chủ tịch Quốc hội Mông Cổ ...", "teaser", "related-teaser"),
    ("Mở đường bay thẳng Hà Nội - Ulaanbaatar", "teaser", "repeated-headline"),
    ("© Bản quyền thuộc về Báo Thế giới và Việt Nam", "boilerplate", "copyright"),
])
def test_vietnamese_page_furniture(line, kind, reason):
    assert kind_of(VI_PAGE, line) == (kind, reason)


def test_title_repeated_as_image_alt_is_dropped():
    blocks = kinds(VI_PAGE)
    titles = [b for b in blocks if b[2] == "Việt Nam và Mông Cổ thúc đẩy hợp tác nông nghiệp"]
    assert [b[:2] for b in titles] == [("title", ""), ("boilerplate", "repeated-title")]


def test_article_paragraphs_stay_body():
    body = [s for k, _, s in kinds(VI_PAGE) if k == "body"]
    assert len(body) == 3
    assert body[1].startswith("Sáng 9/4") and body[2].startswith("Thứ trưởng đề nghị")


def test_hard_wrapped_release_gives_one_block_per_paragraph():
    blocks = kinds(EN_RELEASE)
    body = [s for k, _, s in blocks if k == "body"]
    assert len(body) == 2
    assert body[0].startswith("The Secretary spoke") and body[0].endswith("later this month.")
    assert [r for k, r, _ in blocks if k == "boilerplate"][:4] == ["front-matter"] * 4
    assert kind_of(EN_RELEASE, "Share this:") == ("boilerplate", "share-widget")
    assert kind_of(EN_RELEASE, "Facebook Twitter Email") == ("boilerplate", "share-widget")


def test_page_break_in_mid_sentence_is_joined():
    first = ("In 2020 the two countries kept up exchanges at all levels despite the pandemic, with "
             "online meetings and messages on national days, including the telephone conversation "
             "between the two General")
    text = f"Relations with Laos.\n\n{first}\n\nSecretaries on the occasion of the anniversary.\n"
    blocks = classify_blocks(text)
    assert [b.kind for b in blocks] == ["body", "body"]
    assert text[blocks[1].start:blocks[1].end] == f"{first}\n\nSecretaries on the occasion of the anniversary."


def test_headings_are_not_joined_to_the_next_paragraph():
    text = "II. Relations with other partners\n\nViet Nam and its partners held many talks during the year.\n"
    assert [k for k, _, _ in kinds(text)] == ["list_item", "body"]


@pytest.mark.parametrize(("line", "kind", "reason"), [
    ("Thế giới - Thứ năm, ngày 12/11/2020 06:00 GMT+7", "dateline", ""),
    ("Thứ Bảy, 04/05/2024 20:10 (GMT+7)", "dateline", ""),
    ("Cập nhật: 15:30 ngày 02/09/2023", "dateline", ""),
    ("Hà Nội, ngày 5 tháng 3 năm 2021", "dateline", ""),
    ("Tuesday, May 2, 2023", "dateline", ""),
    ("Updated: 10:45 AM", "dateline", ""),
    ("3 phút trước", "dateline", ""),
    ("Theo TTXVN", "boilerplate", "byline"),
    ("Nguồn: Bộ Ngoại giao", "boilerplate", "byline"),
    ("PV", "boilerplate", "byline"),
    ("By Jane Doe and John Roe", "boilerplate", "byline"),
    ("(VTC News) -", "boilerplate", "byline"),
    ("![Toàn cảnh hội nghị](https://example.vn/anh/1.jpg)", "boilerplate", "image-link"),
    ("[Xem trực tiếp](https://example.vn/video) [Tải ứng dụng](https://example.vn/app)", "boilerplate", "link-only"),
    ("- Kênh trực tuyến: https://example.vn/truc-tuyen", "boilerplate", "link-only"),
    ("<details>", "boilerplate", "html-tag"),
    ("Nghe nội dung bài viết", "boilerplate", "audio-widget"),
    ("In bài | Chia sẻ | Bình luận", "boilerplate", "share-widget"),
    ("Xem thêm: Phó Thủ tướng dự diễn đàn kinh tế tại Singapore", "teaser", "related-teaser"),
    ("Read more: Leaders meet in Jakarta", "teaser", "related-teaser"),
    ("We use cookies to improve your experience on our site.", "boilerplate", "cookie-banner"),
    ("Trang web sử dụng cookie để cải thiện trải nghiệm.", "boilerplate", "cookie-banner"),
    ("* Mời bạn đọc theo dõi chuyên mục Thời sự để xem thêm tin.", "boilerplate", "promo"),
    ('{ "placeholderType": "BANNER" }', "boilerplate", "ad-widget"),
    ("Hội nghị thượng đỉnh - Ảnh 2.", "boilerplate", "image-alt"),
    ("Ảnh minh họa", "caption", ""),
    ("The two ministers at the signing ceremony (Photo: VNA)", "caption", ""),
    ("Deputy Prime Minister meeting the Ambassador of Chile (Hanoi, 19 October 2020)", "caption", ""),
    ("Đại biểu chụp ảnh lưu niệm - TTXVN", "caption", ""),
    ("- Visit to Laos of the Prime Minister (May 2020)", "list_item", ""),
    ("• Ký kết bản ghi nhớ về hợp tác giáo dục", "list_item", ""),
    ("3. Hợp tác kinh tế tiếp tục được đẩy mạnh trong năm qua.", "list_item", ""),
])
def test_single_lines_after_a_paragraph(line, kind, reason):
    # a body paragraph first, so the line is not taken for the title
    text = "Hai bên đã trao đổi ý kiến về nhiều vấn đề cùng quan tâm trong chuyến thăm.\n\n" + line + "\n"
    assert kind_of(text, line) == (kind, reason)


@pytest.mark.parametrize("line", [
    "Theo kế hoạch, hai bên sẽ ký kết ba văn kiện hợp tác trong chuyến thăm lần này.",
    "Bộ trưởng cho biết quan hệ hai nước đang ở giai đoạn tốt đẹp nhất từ trước đến nay.",
    "The talks covered trade, investment, education and the protection of intellectual property.",
    "Sources said the visit would take place in the second half of the year.",
    "Phía bạn đánh giá cao vai trò của Việt Nam trong ASEAN và tại Liên hợp quốc.",
])
def test_ordinary_sentences_are_body(line):
    text = "Hai bên đã trao đổi ý kiến về nhiều vấn đề cùng quan tâm trong chuyến thăm.\n\n" + line + "\n"
    assert kind_of(text, line) == ("body", "")


def test_doubled_headline_on_one_line_is_a_teaser():
    head = "Hai nước ký kết hiệp định thương mại tự do"
    text = "Đoạn mở đầu của bài báo nói về chuyến thăm chính thức.\n\n" + f"{head} {head}\n"
    assert kind_of(text, f"{head} {head}") == ("teaser", "repeated-headline")


def test_truncated_summary_repeating_a_paragraph_is_a_teaser():
    para = ("Chiều 20/6, tại Thủ đô Viêng Chăn, Bộ trưởng đã hội đàm với người đồng cấp Lào về "
            "hợp tác phòng chống tội phạm xuyên quốc gia.")
    cut = para[:70].rstrip() + " ..."
    text = f"Tiêu đề bài viết về Lào\n\n{cut}\n\n{para}\n"
    assert kind_of(text, cut) == ("teaser", "truncated-duplicate")
    assert kind_of(text, para) == ("body", "")


def test_long_paragraph_per_line_document_stays_body():
    lines = [f"Đoạn {i}: Bộ trưởng Ngoại giao đã có cuộc điện đàm với người đồng cấp về tình hình khu vực "
             f"và các biện pháp thúc đẩy hợp tác song phương trong thời gian tới, nhất là về kinh tế." for i in range(6)]
    assert {k for k, _, _ in kinds("\n".join(lines))} == {"body"}


def test_seed_with_one_paragraph_per_line_stays_all_body():
    text, _ = normalize(shared_file("seeds", "001_71f28d91dc206ae9.txt").read_text(encoding="utf-8"))
    assert {b.kind for b in classify_blocks(text)} == {"body"}


def test_seed_page_with_related_headlines_ends_in_teasers():
    text, _ = normalize(shared_file("seeds", "003_37bb38a9f109543f.txt").read_text(encoding="utf-8"))
    blocks = classify_blocks(text)
    assert blocks[0].kind == "title"
    tail = blocks[-40:-1]
    assert sum(b.kind in ("teaser", "boilerplate") for b in tail) >= 0.9 * len(tail)
    body = [b for b in blocks if b.kind == "body"]
    assert len(body) >= 15


def test_dev_set_evidence_stays_in_kept_blocks():
    """Every gold evidence of the dev set lies inside one block the segmenter keeps."""
    gold_dir = shared_file("eval", "dev", "gold")
    missing = []
    total = 0
    for gold in sorted(gold_dir.glob("*.jsonl")):
        text, _ = normalize((gold.parents[1] / "texts" / (gold.stem + ".txt")).read_text(encoding="utf-8"))
        blocks = [b for b in classify_blocks(text) if b.kind not in ("boilerplate", "teaser")]
        for line in gold.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            evidence, _ = normalize(json.loads(line)["evidence"])
            total += 1
            pos, found = text.find(evidence), False
            while pos != -1 and not found:
                end = pos + len(evidence)
                found = any(b.start <= pos and end <= b.end for b in blocks)
                pos = text.find(evidence, pos + 1)
            if not found:
                missing.append(evidence[:60])
    assert total > 100
    assert not missing


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_pattern_files_load_with_a_source_for_every_row(lang):
    rows = load_patterns(lang)
    assert len(rows) > 20
    assert {kind for _, kind, _ in rows} <= {"boilerplate", "marker", "teaser", "caption", "dateline"}


LINES = st.sampled_from([
    "Tin liên quan", "Xem thêm", "Chia sẻ", "Theo TTXVN", "---", "title: x", "<details>",
    "Hai bên nhất trí tăng cường hợp tác.", "Ảnh minh họa", "Tiêu đề ngắn", "Tiêu đề ngắn Tiêu đề ngắn",
    "- mục một", "Thứ năm, ngày 12/11/2020 06:00 GMT+7", "X", "", " ", "...", "Quang cảnh - Ảnh: TTXVN",
    "Đoạn văn rất dài " * 12 + "kết thúc", "Đoạn văn dài không có dấu chấm cuối " * 5,
])
DOCS = st.lists(st.one_of(LINES, st.text(max_size=30)), max_size=25).map("\n".join)


@settings(max_examples=300, deadline=None)
@given(DOCS)
def test_blocks_are_ordered_disjoint_and_cover_all_content(text):
    blocks = classify_blocks(text)
    last = 0
    for b in blocks:
        assert last <= b.start < b.end <= len(text)
        assert b.kind in BLOCK_KINDS
        assert bool(b.reason) == (b.kind in ("boilerplate", "teaser"))
        last = b.end
    covered = set()
    for b in blocks:
        covered.update(range(b.start, b.end))
    assert all(ch.isspace() for i, ch in enumerate(text) if i not in covered)


def test_inline_related_link_does_not_swallow_the_next_paragraph():
    text = ("Mở đầu bài viết về chuyến thăm của Tổng thống Indonesia tới Hà Nội.\n\n"
            "Xem thêm: Hai nước nâng cấp quan hệ lên Đối tác chiến lược toàn diện\n\n"
            "Trong cuộc hội đàm, hai nhà lãnh đạo nhất trí đưa kim ngạch thương mại lên 18 tỷ USD.\n")
    assert [b.kind for b in classify_blocks(text)] == ["body", "teaser", "body"]


def test_related_box_inside_an_article_ends_at_the_next_paragraph():
    text = ("Mở đầu bài viết về chuyến thăm của Tổng thống Indonesia tới Hà Nội.\n\n"
            "Tin liên quan\n"
            "Hai nước nâng cấp quan hệ lên Đối tác chiến lược toàn diện\n"
            "Việt Nam và Indonesia ký ba văn kiện hợp tác\n\n"
            "Trong cuộc hội đàm, hai nhà lãnh đạo nhất trí đưa kim ngạch thương mại lên 18 tỷ USD.\n")
    assert [b.kind for b in classify_blocks(text)] == ["body", "boilerplate", "teaser", "teaser", "body"]

"""A feed record that opens with one Markdown link to its own story: the link text is the headline."""
from __future__ import annotations

from bluebook.models import RawDoc
from bluebook.pipeline import build_document

CARD = ("[Chủ tịch nước gửi điện chúc mừng Quốc khánh nước bạn Lào nhân dịp ...](https://example.vn/thoi-su/"
        "chu-tich-nuoc-gui-dien-chuc-mung-123.htm)\n\nSáng nay, Chủ tịch nước đã gửi điện chúc mừng ...\n")


def _blocks(text: str):
    doc = build_document(RawDoc(source="card.txt", text=text))
    return [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


def test_opening_link_is_the_title_without_its_url():
    kinds = _blocks(CARD)
    assert kinds[0][0] == "title"
    assert kinds[0][1].startswith("Chủ tịch nước gửi điện") and "https" not in kinds[0][1]
    assert kinds[1][0] == "body"


def test_links_later_in_a_story_are_still_furniture():
    text = "Hà Nội đón đoàn khách quốc tế trong tuần này.\n\n" + CARD
    kinds = _blocks(text)
    assert kinds[0][0] in ("title", "body")
    assert all(k != "title" or "https" not in t for k, t in kinds)
    assert any(k == "boilerplate" and "https" in t for k, t in kinds)

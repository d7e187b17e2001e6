"""html_to_text: main text with blank-line paragraphs, title first, page metadata."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bluebook.clean.html import html_to_text

PAGE = """<!doctype html><html><head>
<title>Hai nước ký kết bản ghi nhớ về giáo dục | Báo Mẫu</title>
<meta property="og:title" content="Hai nước ký kết bản ghi nhớ về giáo dục">
<meta property="og:url" content="https://example.vn/the-gioi/ghi-nho-giao-duc.html">
<meta property="article:published_time" content="2024-03-08T09:30:00+07:00">
<style>p { color: red }</style><script>var tracking = 1;</script>
</head><body>
<nav><a href="/">Trang chủ</a> | <a href="/the-gioi">Thế giới</a></nav>
<article>
<h1>Hai nước ký kết bản ghi nhớ về giáo dục</h1>
<p>Sáng 8/3, tại Hà Nội, Bộ trưởng Giáo dục hai nước đã ký bản ghi nhớ về trao đổi sinh viên và giảng viên trong giai đoạn 2024-2028.</p>
<p>Theo bản ghi nhớ, mỗi năm hai bên sẽ dành cho nhau ít nhất năm mươi suất học bổng toàn phần ở các bậc đại học và sau đại học.</p>
</article>
<footer>© 2024 Báo Mẫu. Giấy phép số 123/GP-BTTTT.</footer>
</body></html>"""


def test_article_text_title_first_and_blank_line_paragraphs():
    text, meta = html_to_text(PAGE)
    paragraphs = text.split("\n\n")
    assert paragraphs[0] == "Hai nước ký kết bản ghi nhớ về giáo dục"
    assert paragraphs[1].startswith("Sáng 8/3, tại Hà Nội")
    assert paragraphs[2].startswith("Theo bản ghi nhớ")
    assert "tracking" not in text and "color" not in text


def test_metadata_title_date_url():
    _, meta = html_to_text(PAGE)
    assert meta["title"] == "Hai nước ký kết bản ghi nhớ về giáo dục"
    assert meta["date"] == "2024-03-08"
    assert meta["url"] == "https://example.vn/the-gioi/ghi-nho-giao-duc.html"


def test_tiny_page_falls_back_to_plain_text():
    text, meta = html_to_text("<html><head><title>Tin ngắn</title></head>"
                              "<body><div>Hai bên hội đàm.</div><script>x()</script></body></html>")
    assert text.split("\n\n") == ["Tin ngắn", "Hai bên hội đàm."]
    assert meta["title"] == "Tin ngắn"


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<<<&&&>>>", "<p>chưa đóng thẻ", "\x00\x01"])
def test_odd_input_does_not_crash(html):
    text, meta = html_to_text(html)
    assert isinstance(text, str) and isinstance(meta, dict)


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>/=\"' abcpdivhtml&;#\nĐườngà")), max_size=120))
def test_arbitrary_markup_gives_text(html):
    text, meta = html_to_text(html)
    assert isinstance(text, str) and isinstance(meta, dict)

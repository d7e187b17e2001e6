"""The web package's own helpers: span rendering, chart geometry, UI strings, upload names."""
from __future__ import annotations

import re
from pathlib import Path

from bluebook.gazetteer.data import read_tsv
from bluebook.web.annotate import Span, locate, render, window
from bluebook.web.charts import bar_chart
from bluebook.web.i18n import I18N, party_name, strings, type_name
from bluebook.web.jobs import public_source
from bluebook.web.uploads import safe_name

EV = (("class", "ev"),)


def test_render_escapes_text_and_attributes() -> None:
    html = render('a <b>"x"</b>', [Span(2, 5, 0, "mark", (("title", '"><script>'),))])
    assert html == 'a <mark title="&#34;&gt;&lt;script&gt;">&lt;b&gt;</mark>&#34;x&#34;&lt;/b&gt;'


def test_render_nests_and_splits_crossing_spans() -> None:
    text = "Thủ tướng Lào thăm Việt Nam"
    html = str(render(text, [Span(0, 13, 0, "mark", EV), Span(10, 18, 1, "a", (("href", "/p"),))]))
    # the link crossing the mark's end is cut in two, so tags still nest
    assert html == '<mark class="ev">Thủ tướng <a href="/p">Lào</a></mark><a href="/p"> thăm</a> Việt Nam'
    assert re.sub(r"<[^>]+>", "", html) == text


def test_render_window_clips_spans() -> None:
    assert str(render("abcdef", [Span(1, 5, 0, "mark", ())], 3, 6)) == "<mark>de</mark>f"


def test_locate_prefers_the_span_and_falls_back_to_search() -> None:
    text = "một hai ba hai"
    assert locate(text, (11, 14), "hai") == (11, 14)
    assert locate(text, (0, 3), "hai") == (4, 7)
    assert locate(text, (0, 0), "bốn") is None


def test_window_starts_at_a_paragraph_or_word() -> None:
    text = "First paragraph here.\nSecond one holds the evidence sentence and more words after it."
    a = text.index("evidence")
    lo, hi = window(text, a, a + 8, chars=30)
    assert lo == text.index("Second") and text[hi - 1] != " " and hi <= len(text)


def test_chart_fills_missing_years_and_scales() -> None:
    c = bar_chart({"2019": 4, "2022": 2})
    assert [b.key for b in c.bars] == ["2019", "2020", "2021", "2022"]
    assert [b.value for b in c.bars] == [4, 0, 0, 2]
    assert c.bars[0].h == 2 * c.bars[3].h and c.bars[1].h == 0
    months = bar_chart({"2024-11": 1, "2025-02": 3})
    assert [b.key for b in months.bars] == ["2024-11", "2024-12", "2025-01", "2025-02"]
    assert bar_chart({}).bars == []


def test_ui_strings_have_the_same_keys_and_a_source() -> None:
    files = {lang: read_tsv(I18N / f"{lang}.tsv") for lang in ("vi", "en")}
    keys = {lang: [r["key"] for r in rows] for lang, rows in files.items()}
    assert keys["vi"] == keys["en"] and len(set(keys["vi"])) == len(keys["vi"])
    assert all(r["source"] and r["text"] for rows in files.values() for r in rows)
    assert strings("vi")("page_n", n=3) == "Trang 3" and strings("en")["missing_key"] == "missing_key"


def test_every_key_used_in_templates_exists() -> None:
    used = set()
    for f in (Path(I18N).parent / "templates").glob("*.html"):
        used |= set(re.findall(r"""\bt\(["']([a-z_]+)["']\s*[,)]""", f.read_text(encoding="utf-8")))
    assert used and used <= set(strings("en")) and used <= set(strings("vi"))


def test_party_and_type_names() -> None:
    assert party_name("JPN", "vi") == "Nhật Bản" and party_name("JPN", "en") == "Japan"
    assert party_name("XYZ", "en") == "XYZ"
    assert type_name("phone_call", "vi") == "Điện đàm"


def test_upload_names_are_made_safe() -> None:
    assert safe_name("../../etc/passwd") == "passwd"
    assert safe_name("C:\\Users\\me\\bài báo.txt") == "bài_báo.txt"
    assert safe_name("..") == "upload.txt" and len(safe_name("a" * 500 + ".txt")) <= 120


def test_public_source_hides_the_temp_folder() -> None:
    folder = Path("/tmp/bluebook-web-x/uploads/job-1")
    assert public_source(f"{folder}/003-news.jsonl#7", folder) == "upload/news.jsonl#7"
    assert public_source(f"{folder}/001-a.zip!b/c.txt", folder) == "upload/a.zip!b/c.txt"
    assert public_source("elsewhere.txt", folder) == "elsewhere.txt"

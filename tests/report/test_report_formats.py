"""The four formats: Markdown with chart files, one standalone HTML file, PDF, DOCX."""
from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser

import pytest
from docx import Document

from bluebook.errors import ConfigError, UnsupportedFormatError
from bluebook.report import render


def norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s).split())


def test_markdown_writes_charts_beside_the_file_and_links_them(reports, tmp_path):
    out = render(reports["vi"], "md", out=tmp_path / "bluebook.md")
    md = out.read_text(encoding="utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert links == ["bluebook_charts/chart-monthly.png", "bluebook_charts/chart-partners.png",
                     "bluebook_charts/chart-regions.png"]
    assert all((tmp_path / link).read_bytes().startswith(b"\x89PNG") for link in links)
    assert "[^1]: Test dispatch number 1. *Example Wire*, ngày 1/12/2020." in md


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.external: list[str] = []
        self.hover: dict[str, str] = {}
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag in ("img", "script", "iframe", "source", "video", "audio") and a.get("src") \
                and not a["src"].startswith("data:"):
            self.external.append(a["src"])
        if tag == "link":
            self.external.append(a.get("href", "<link>"))
        if tag == "a" and a.get("href", "").startswith("#note-"):
            self.hover[a["href"]] = a.get("title", "")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_html_is_one_file_with_no_external_resources(reports, lang):
    html = render(reports[lang], "html")
    p = _Refs()
    p.feed(html)
    assert p.external == []
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?https?:", html)
    assert html.count("<img src=\"data:image/png;base64,") == 3
    assert "@media print" in html and "target-counter" in html       # the print stylesheet is inlined
    # every footnote link points at a note and carries the evidence as hover text
    assert p.hover and all(href[1:] in p.ids for href in p.hover)
    assert any("47th anniversary" in t for t in p.hover.values())


def test_html_links_sources_and_escapes_what_documents_say(reports):
    html = render(reports["en"], "html")
    assert '<a href="https://news.example.org/item/13">Test dispatch number 13</a>' in html
    assert "Lao People&#39;s Revolutionary Party" in html


def test_a_javascript_url_never_becomes_a_link(gaz):
    import fixtures as F

    from bluebook.report import build_report
    from bluebook.report.model import SourceRef

    ev = F.ev(1, "visit", "2020-05", ["VNM", "LAO"], ["Nguyen Xuan Phuc"],
              sources=[SourceRef(title="<b>bad</b>", url="javascript:alert(1)", evidence="x <script>y</script>")])
    html = render(build_report([ev], gazetteer=gaz, charts=False), "html")
    assert 'href="javascript' not in html and "<script>" not in html and "&lt;b&gt;bad" in html


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_docx_has_real_headings_for_the_navigation_pane(reports, lang, tmp_path):
    path = render(reports[lang], "docx", out=tmp_path / "r.docx")
    doc = Document(str(path))
    heads = [(p.style.name, p.text) for p in doc.paragraphs if p.style.name.startswith("Heading")]
    L = reports[lang].labels
    h1 = [t for s, t in heads if s == "Heading 1"]
    assert h1 == [L["ch_overview"], L["ch_bilateral"], L["ch_multilateral"], L["ch_channels"],
                  L["ch_chronology"], L["ch_sources"]]
    h2 = [t for s, t in heads if s == "Heading 2"]
    assert L["region_SEA"] in h2 and L["region_OCE"] in h2
    h3 = [t for s, t in heads if s == "Heading 3"]
    assert h3[:2] == (["Laos", "Cambodia"] if lang == "en" else ["Lào", "Campuchia"])
    assert len(doc.inline_shapes) == 3                                # the charts, as pictures
    body = "\n".join(p.text for p in doc.paragraphs)
    assert ("Nguyễn Xuân Phúc" in body) == (lang == "vi")
    sources = [p.text for p in doc.paragraphs if re.match(r"^\d+\.\t", p.text)]
    assert len(sources) == len(reports[lang].notes)                   # numbered endnotes


def _need(tool: str) -> None:
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} not installed (poppler-utils; scripts/install-system.sh installs it)")


@pytest.mark.parametrize("lang", ["en", "vi"])
def test_pdf_pages_render(pdfs, lang, tmp_path):
    _need("pdftoppm")
    subprocess.run(["pdftoppm", "-png", "-r", "40", str(pdfs[lang]), str(tmp_path / "page")], check=True,
                   capture_output=True, timeout=60)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 5                       # cover, overview, charts, chapters, chronology, sources
    assert all(p.stat().st_size > 1000 for p in pages)


def _pdf_text(path) -> str:
    _need("pdftotext")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                         timeout=60).stdout.decode("utf-8")
    return norm(out)


def test_pdf_text_keeps_vietnamese_names_intact(pdfs):
    text = _pdf_text(pdfs["vi"])
    for name in ("Nguyễn Xuân Phúc", "Nguyễn Phú Trọng", "Phạm Bình Minh", "Nguyễn Thị Kim Ngân",
                 "Thủ tướng Nguyễn Xuân Phúc thăm Lào (tháng 5/2020)", "Đông Nam Á", "Phụ lục: biên niên sự kiện"):
        assert name in text


def _pdf_pages(path) -> list[str]:
    _need("pdftotext")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-layout", str(path), "-"], check=True,
                         capture_output=True, timeout=60).stdout.decode("utf-8")
    return out.split("\f")


def _toc_points_at_headings(path) -> None:
    pages = _pdf_pages(path)
    toc = pages[0][pages[0].index("Contents"):]
    for chapter in ("Overview", "Bilateral relations", "Appendix: chronology of events"):
        m = re.search(re.escape(chapter) + r"[ .]*?(\d+)\s*$", toc, re.MULTILINE)
        assert m, chapter
        page = pages[int(m.group(1)) - 1]
        assert chapter in page.split("\n", 3)[0] + page.split("\n", 3)[1]   # the heading opens that page


def test_pdf_table_of_contents_numbers_the_pages_the_chapters_start_on(pdfs):
    _toc_points_at_headings(pdfs["en"])


@pytest.fixture(scope="module")
def weasy_pdf(reports, tmp_path_factory):
    from bluebook.report.pdf import render_pdf

    path = tmp_path_factory.mktemp("weasy") / "en.pdf"
    path.write_bytes(render_pdf(reports["en"], engine="weasyprint"))
    return path


def test_weasyprint_fallback_prints_the_same_table_of_contents(weasy_pdf):
    _toc_points_at_headings(weasy_pdf)


def test_pdf_has_bookmarks_for_chapters_and_regions(pdfs):
    from pypdf import PdfReader

    outline = PdfReader(str(pdfs["vi"])).outline
    titles = [o.title for o in outline if not isinstance(o, list)]
    nested = [o.title for sub in outline if isinstance(sub, list) for o in sub if not isinstance(o, list)]
    assert "Tổng quan" in titles and "Phụ lục: biên niên sự kiện" in titles
    assert "Đông Nam Á" in nested


def test_unknown_pdf_engine_is_a_clear_error(reports):
    from bluebook.report.pdf import render_pdf

    with pytest.raises(UnsupportedFormatError, match="auto, chromium, weasyprint"):
        render_pdf(reports["en"], engine="prince")


def test_chromium_can_be_switched_off_by_environment(monkeypatch):
    from bluebook.report.pdf import chromium_path

    monkeypatch.setenv("BLUEBOOK_CHROMIUM", "none")
    assert chromium_path() is None
    monkeypatch.setenv("BLUEBOOK_CHROMIUM", "/opt/chrome/chrome")
    assert chromium_path() == "/opt/chrome/chrome"


def test_markdown_zip_carries_the_charts_it_links(reports, tmp_path):
    import io
    import zipfile

    from bluebook.report import render_md_zip

    z = zipfile.ZipFile(io.BytesIO(render_md_zip(reports["en"])))
    md = z.read("report.md").decode("utf-8")
    links = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert links == ["charts/chart-monthly.png", "charts/chart-partners.png", "charts/chart-regions.png"]
    assert all(z.read(link).startswith(b"\x89PNG") for link in links)
    out = render(reports["en"], "md", out=tmp_path / "bluebook.zip")
    assert zipfile.ZipFile(out).namelist()[0] == "report.md"


def test_html_avoids_markup_that_chromium_lays_out_in_quadratic_time(reports):
    # <q> and <li value> made a 10,000-event report take minutes to open in Chromium
    html = render(reports["en"], "html")
    assert "<q>" not in html and " value=" not in html
    assert "“" in html                                         # the evidence keeps its quotation marks


def test_long_runs_of_note_numbers_can_wrap(reports):
    html = render(reports["en"], "html")
    assert re.search(r"</a>,<wbr><a href=\"#note-", html)


def test_unknown_format_and_missing_folder_are_clear_errors(reports, tmp_path):
    with pytest.raises(UnsupportedFormatError, match="use one of md, html, pdf, docx"):
        render(reports["en"], "odt")
    with pytest.raises(ConfigError) as e:
        render(reports["en"], "md", out=tmp_path / "no" / "such" / "r.md")
    assert e.value.source.endswith("r.md") and "folder" in str(e.value)


@pytest.fixture(scope="module")
def parallel_pdf(reports, tmp_path_factory):
    """The English report printed in two parts at once, as a big report on two cores is."""
    pytest.importorskip("pikepdf")
    from bluebook.report import pdf

    if pdf.chromium_path() is None:
        pytest.skip("Chromium not installed")
    mp = pytest.MonkeyPatch()
    mp.setattr(pdf, "PARALLEL_MIN_BYTES", 0)
    mp.setattr(pdf.os, "sched_getaffinity", lambda _pid: {0, 1})
    try:
        path = tmp_path_factory.mktemp("parallel") / "en.pdf"
        path.write_bytes(pdf.render_pdf(reports["en"], engine="chromium"))
    finally:
        mp.undo()
    return path


def test_a_report_printed_in_parts_keeps_contents_numbers_and_bookmarks(parallel_pdf, pdfs):
    from pypdf import PdfReader

    _toc_points_at_headings(parallel_pdf)
    assert len(PdfReader(str(parallel_pdf)).pages) == len(PdfReader(str(pdfs["en"])).pages)
    titles = [o.title for o in PdfReader(str(parallel_pdf)).outline if not isinstance(o, list)]
    assert titles[0] == "Overview" and titles[-1] == "Sources"


def test_a_report_printed_in_parts_numbers_every_page_but_the_cover(parallel_pdf):
    pages = _pdf_pages(parallel_pdf)[:-1]
    for n, page in enumerate(pages[1:], start=2):
        assert page.rstrip().rsplit("\n", 1)[-1].strip() == str(n)


def test_big_reports_split_at_chapters_into_one_part_per_core(reports):
    from bluebook.report.pdf import split_parts
    from bluebook.report.render import render_html

    html = render_html(reports["en"], for_print=True, pages={})
    parts = split_parts(html, 2)
    assert len(parts) == 2 and all(p.startswith("<!DOCTYPE html>") and p.rstrip().endswith("</html>") for p in parts)
    assert '<h2 id="' in parts[1][:parts[1].index("<section") + 300]      # the second part opens a chapter
    assert sum(p.count("<li id=\"note-") for p in parts) == html.count("<li id=\"note-")

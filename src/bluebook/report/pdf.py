"""The PDF: Debian's headless Chromium printing the report's HTML, WeasyPrint when there is none.

Measured on 10,000 events (about 1,450 A4 pages): WeasyPrint lays out ~5 pages a second in
pure Python (590 s); Chromium prints them in ~36 s of CPU, plus ~8 s here (HTML, pypdf). Chromium has no CSS
target-counter(), so the table of contents gets its page numbers in a second, small pass: the
first print's outline (bookmarks from the headings) says on which page each chapter starts,
the cover alone is printed again with those numbers, and its pages replace the placeholders.
"""
from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
import warnings
from pathlib import Path

from bluebook.errors import ConfigError, UnsupportedFormatError
from bluebook.report.model import Report

log = logging.getLogger(__name__)
ENGINES = ("auto", "chromium", "weasyprint")
CHROMIUM_TIMEOUT_S = 900
_COVER_END = "<!--/cover-->"
_TOC_ID = re.compile(r'<a href="#([^"]+)"><span class="t">')


def chromium_path() -> str | None:
    """``$BLUEBOOK_CHROMIUM`` (a path, or 'none' to force WeasyPrint), else chromium on PATH."""
    env = os.environ.get("BLUEBOOK_CHROMIUM", "")
    if env:
        return None if env.lower() == "none" else env
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def render_pdf(report: Report, engine: str = "auto") -> bytes:
    """The report as PDF bytes, printed by ``engine`` ('auto' | 'chromium' | 'weasyprint')."""
    if engine not in ENGINES:
        raise UnsupportedFormatError(f"unknown PDF engine {engine!r}", hint=f"use one of {', '.join(ENGINES)}")
    exe = chromium_path() if engine != "weasyprint" else None
    if exe is None:
        if engine == "chromium":
            raise ConfigError("cannot print the PDF: Chromium is not installed", source="chromium",
                              hint="run scripts/install-system.sh or set BLUEBOOK_CHROMIUM to its path")
        return weasyprint_pdf(report)
    try:
        return chromium_pdf(report, exe)
    except ConfigError:
        if engine == "chromium":
            raise
        log.warning("Chromium could not print the report; WeasyPrint prints it instead (slower)")
        return weasyprint_pdf(report)


def weasyprint_pdf(report: Report) -> bytes:
    from bluebook.report.render import render_html

    html = render_html(report, for_print=True)
    with warnings.catch_warnings():
        # without libharfbuzz-subset WeasyPrint warns and subsets fonts with fontTools: same output
        warnings.simplefilter("ignore", UserWarning)
        from weasyprint import HTML

        return HTML(string=html, base_url=None).write_pdf()


def print_html(html: str, exe: str, workdir: Path) -> bytes:
    """One headless Chromium print of ``html`` (A4 from the CSS @page, bookmarks from headings)."""
    src, out = workdir / "report.html", workdir / "report.pdf"
    src.write_text(html, encoding="utf-8")
    out.unlink(missing_ok=True)
    cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
           "--no-pdf-header-footer", "--disable-pdf-tagging", "--generate-pdf-document-outline", f"--user-data-dir={workdir / 'profile'}",
           f"--print-to-pdf={out}", src.resolve().as_uri()]
    try:
        subprocess.run(cmd, capture_output=True, timeout=CHROMIUM_TIMEOUT_S, check=False)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ConfigError(f"Chromium did not print the report: {e}", source=exe,
                          hint="check that the chromium package works (chromium --headless --version)") from e
    if not out.is_file() or out.stat().st_size == 0:
        raise ConfigError("Chromium wrote no PDF", source=exe,
                          hint="check that the chromium package works (chromium --headless --version)")
    return out.read_bytes()


def toc_entries(html: str) -> list[tuple[str, str]]:
    """(target id, title) of every TOC entry, in order."""
    import html as htmllib

    found = re.findall(r'<a href="#([^"]+)"><span class="t">(.*?)</span>', html.split(_COVER_END)[0])
    return [(tid, " ".join(htmllib.unescape(t).split())) for tid, t in found]


def dest_pages(reader: object) -> dict[str, int]:
    """Page (1-based) of every named destination: Chromium names one for each internal link's
    target, so every TOC entry has one."""
    out = {}
    for name, dest in reader.named_destinations.items():  # type: ignore[attr-defined]
        try:
            out[str(name).lstrip("/")] = reader.get_destination_page_number(dest) + 1  # type: ignore[attr-defined]
        except (KeyError, ValueError, AttributeError):
            continue
    return out


def chromium_pdf(report: Report, exe: str) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject

    from bluebook.report.render import render_html

    with tempfile.TemporaryDirectory(prefix="bluebook-pdf-") as tmp:
        work = Path(tmp)
        # placeholders as wide as real numbers keep the cover's layout identical in both passes
        html = render_html(report, for_print=True, pages=_Placeholder("0" * len(str(_max_pages(report)))))
        first = print_html(html, exe, work)
        reader = PdfReader(io.BytesIO(first))
        pages = dest_pages(reader)
        entries = [(tid, title) for tid, title in toc_entries(html) if tid in pages]
        n_cover = pages.get("overview", 0) - 1
        cover_html = render_html(report, for_print=True, pages=pages).split(_COVER_END)[0] + "</body></html>"
        cover = PdfReader(io.BytesIO(print_html(cover_html, exe, work)))
        # an incremental update: only the cover pages and the bookmarks are written again
        writer = PdfWriter(reader, incremental=True)
        if n_cover >= 1 and len(cover.pages) == n_cover:
            for i, page in enumerate(cover.pages):
                # the same page objects with the new drawing: TOC links still point where they did
                writer.pages[i].replace_contents(page.get_contents())
                writer.pages[i][NameObject("/Resources")] = page["/Resources"].clone(writer)
        else:
            log.warning("the table of contents keeps no page numbers: its pages did not line up")
        parent = None
        for tid, title in entries:
            sub = tid.split("-", 1)[0] in ("region", "forum", "channel") and parent is not None
            item = writer.add_outline_item(title=title, page_number=pages[tid] - 1, parent=parent if sub else None)
            if not sub:
                parent = item
        writer.page_mode = "/UseOutlines"
        buf = io.BytesIO()
        writer.write(buf)
        return buf.getvalue()


def _max_pages(report: Report) -> int:
    """A generous bound on the page count, for the width of the TOC's placeholder numbers."""
    return 100 + len(report.chronology) // 8 + len(report.notes) // 10 + len(report.lines()) // 10


class _Placeholder(dict[str, str]):
    """Every TOC id -> the same placeholder number."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def get(self, key: str, default: object = None) -> str:  # type: ignore[override]
        return self.text

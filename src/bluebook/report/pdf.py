"""The PDF: Debian's headless Chromium printing the report's HTML, WeasyPrint when there is none.

Measured on 10,000 events (about 1,450 A4 pages): WeasyPrint lays out ~5 pages a second in
pure Python (590 s); Chromium prints them in ~36 s of CPU, plus ~8 s here (HTML, pypdf). Chromium has no CSS
target-counter(), so the table of contents gets its page numbers in a second, small pass: the
first print's outline (bookmarks from the headings) says on which page each chapter starts,
the cover alone is printed again with those numbers, and its pages replace the placeholders.

Chromium lays a document out on one core, so a big report (and pikepdf installed: pypdf needs
~5 s to join 1,450 pages, pikepdf 0.4 s) is cut at chapter boundaries into one part per core,
printed by parallel Chromiums without footers; the parts are joined, their named destinations
merged, and the page numbers stamped into the footers (Chromium cannot start counting at the
page a part will land on before the parts before it are printed).
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
    return print_many([html], exe, workdir)[0]


def print_many(htmls: list[str], exe: str, workdir: Path) -> list[bytes]:
    """Each of ``htmls`` printed by its own headless Chromium, all at once."""
    hint = "check that the chromium package works (chromium --headless --version)"
    procs, outs = [], []
    try:
        for i, html in enumerate(htmls):
            src, out = workdir / f"report-{i}.html", workdir / f"report-{i}.pdf"
            src.write_text(html, encoding="utf-8")
            out.unlink(missing_ok=True)
            cmd = [exe, "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions", "--no-first-run",
                   "--no-pdf-header-footer", "--disable-pdf-tagging", "--generate-pdf-document-outline",
                   f"--user-data-dir={workdir / f'profile-{i}'}", f"--print-to-pdf={out}", src.resolve().as_uri()]
            procs.append(subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            outs.append(out)
        for proc in procs:
            proc.wait(timeout=CHROMIUM_TIMEOUT_S)
    except (OSError, subprocess.TimeoutExpired) as e:
        raise ConfigError(f"Chromium did not print the report: {e}", source=exe, hint=hint) from e
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    if any(not out.is_file() or out.stat().st_size == 0 for out in outs):
        raise ConfigError("Chromium wrote no PDF", source=exe, hint=hint)
    return [out.read_bytes() for out in outs]


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
        parts = split_parts(html, parallel_parts(html))
        if len(parts) > 1:
            return join_parts(report, html, print_many(parts, exe, work), exe, work)
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


PARALLEL_MIN_BYTES = 1_500_000      # below this (about 100 pages) one Chromium prints faster
_SECTION = "\n<section"
# Chromium seconds per byte of HTML, relative: the sources chapter's short notes lay out faster
_WEIGHT = {"sources": 0.6}
_HIDDEN_LINKS = ('<div style="position:absolute;width:1px;height:1px;overflow:hidden;opacity:0">{}</div>')
_NO_FOOTER = "<style>@media print { @page { @bottom-center { content: none; } } }</style>\n"


def parallel_parts(html: str) -> int:
    """How many parts to print at once: one per core, one for small reports or without pikepdf."""
    try:
        import pikepdf  # noqa: F401
    except ImportError:
        return 1
    if len(html) < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(len(os.sched_getaffinity(0)), 4))


def split_parts(html: str, n: int) -> list[str]:
    """``html`` cut before chapter sections into at most ``n`` standalone documents of about equal
    Chromium work, each with the page footer left empty (join_parts stamps the numbers)."""
    if n <= 1:
        return [html]
    head_end = html.index("<body>") + len("<body>")
    head, body = html[:head_end], html[head_end:]
    cover_end = body.index(_COVER_END)
    cuts = [i for i in _find_all(body, _SECTION) if i > cover_end]
    units = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    weights = [len(u) * _WEIGHT.get(_chapter_id(u), 1.0) for u in units]
    best = _balance(weights, n)
    head = head.replace("</head>", _NO_FOOTER + "</head>", 1)
    parts = ["".join(units[a:b]) for a, b in zip([0, *best], [*best, len(units)], strict=True)]
    targets = [tid for tid, _ in toc_entries(html)]
    out = []
    for k, part in enumerate(parts):
        # Chromium names a destination only for a link's target: the contents' links are in the
        # first part, so the others link their own chapters (unseen, unclickable)
        own = "".join(f'<a href="#{t}">.</a>' for t in targets if f'id="{t}"' in part) if k else ""
        out.append(head + (_HIDDEN_LINKS.format(own) if own else "") + part
                   + ("" if k == len(parts) - 1 else "\n</body>\n</html>\n"))
    return out


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _chapter_id(unit: str) -> str:
    m = re.search(r'<h2 id="([^"]+)"', unit[:300])
    return m.group(1) if m else ""


def _balance(weights: list[float], n: int) -> list[int]:
    """Split points (indices into ``weights``) for at most ``n`` contiguous groups with the
    smallest heaviest group; a report has a handful of chapters, so every choice is tried."""
    from itertools import combinations

    best: tuple[float, list[int]] = (sum(weights), [])
    for k in range(1, min(n, len(weights)) ):
        for cut in combinations(range(1, len(weights)), k):
            bounds = [0, *cut, len(weights)]
            worst = max(sum(weights[a:b]) for a, b in zip(bounds, bounds[1:], strict=False))
            if worst < best[0]:
                best = (worst, list(cut))
    return best[1]


# the footer Chromium draws from the CSS (@bottom-center, 8.5pt, #5b6575) on A4, measured on its output
_FOOT_SIZE, _FOOT_BASELINE, _FOOT_RGB = 8.5, 28.2, b"0.357 0.396 0.459"
_HELVETICA_DIGIT = 0.556                                  # every digit's advance, in em


def join_parts(report: Report, html: str, printed: list[bytes], exe: str, work: Path) -> bytes:
    """The parts' PDFs as one: pages in order, the cover reprinted with the contents' page
    numbers, named destinations re-pointed, page numbers stamped, bookmarks added."""
    import pikepdf

    from bluebook.report.render import render_html

    pdfs = [pikepdf.open(io.BytesIO(b)) for b in printed]
    out = pdfs[0]
    dests: dict[str, tuple[int, list[object]]] = {}
    offset = 0
    for pdf in pdfs:
        index = {p.objgen: i for i, p in enumerate(pdf.pages)}
        for name, dest in (pdf.Root.get("/Dests") or {}).items():
            dests[str(name).lstrip("/")] = (offset + index.get(dest[0].objgen, 0), list(dest[1:]))
        if pdf is not out:
            out.pages.extend(pdf.pages)
        offset += len(pdf.pages)
    pages = {name: i + 1 for name, (i, _) in dests.items()}
    out.Root.Dests = pikepdf.Dictionary({"/" + name: pikepdf.Array([out.pages[i].obj, *rest])
                                         for name, (i, rest) in dests.items()})
    n_cover = pages.get("overview", 0) - 1
    cover_html = render_html(report, for_print=True, pages=pages).split(_COVER_END)[0] + "</body></html>"
    cover = pikepdf.open(io.BytesIO(print_html(cover_html.replace("</head>", _NO_FOOTER + "</head>", 1),
                                               exe, work)))
    if n_cover >= 1 and len(cover.pages) == n_cover:
        for i, page in enumerate(cover.pages):
            # the same page objects with the new drawing: the contents' links stay where they are
            for key in ("/Contents", "/Resources"):
                value = page.obj[key]
                out.pages[i].obj[key] = out.copy_foreign(value if value.is_indirect else cover.make_indirect(value))
    else:
        log.warning("the table of contents keeps no page numbers: its pages did not line up")
    _stamp_page_numbers(out, pikepdf)
    _add_outline(out, pikepdf, [(tid, title) for tid, title in toc_entries(html) if tid in pages], pages)
    out.Root.PageMode = pikepdf.Name.UseOutlines
    buf = io.BytesIO()
    out.save(buf)
    return buf.getvalue()


def _stamp_page_numbers(pdf: object, pikepdf: object) -> None:
    """Every page but the first gets its number at the bottom centre, in Helvetica (a PDF
    standard font: nothing to embed for ten digits)."""
    font = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,  # type: ignore[attr-defined]
                                                BaseFont=pikepdf.Name.Helvetica,  # type: ignore[attr-defined]
                                                Encoding=pikepdf.Name.WinAnsiEncoding))  # type: ignore[attr-defined]
    for n, page in enumerate(pdf.pages, start=1):  # type: ignore[attr-defined]
        if n == 1:
            continue
        box = [float(v) for v in page.mediabox]
        width = len(str(n)) * _HELVETICA_DIGIT * _FOOT_SIZE
        x = (box[0] + box[2] - width) / 2
        resources = page.obj.get("/Resources")
        if resources is None:
            page.obj.Resources = resources = pikepdf.Dictionary()  # type: ignore[attr-defined]
        if "/Font" not in resources:
            resources.Font = pikepdf.Dictionary()  # type: ignore[attr-defined]
        resources.Font.BbPageNo = font
        # Chromium's drawing leaves its flipped coordinates in force: wrap it in q ... Q first
        page.contents_add(pikepdf.Stream(pdf, b"q\n"), prepend=True)  # type: ignore[attr-defined]
        page.contents_add(pikepdf.Stream(pdf, b"Q\nq BT /BbPageNo %.1f Tf %s rg %.2f %.2f Td (%d) Tj ET Q\n"  # type: ignore[attr-defined]
                                         % (_FOOT_SIZE, _FOOT_RGB, x, box[1] + _FOOT_BASELINE, n)))


def _add_outline(pdf: object, pikepdf: object, entries: list[tuple[str, str]], pages: dict[str, int]) -> None:
    with pdf.open_outline() as outline:  # type: ignore[attr-defined]
        outline.root.clear()
        parent = None
        for tid, title in entries:
            item = pikepdf.OutlineItem(title, pages[tid] - 1)  # type: ignore[attr-defined]
            if tid.split("-", 1)[0] in ("region", "forum", "channel") and parent is not None:
                parent.children.append(item)
            else:
                outline.root.append(item)
                parent = item

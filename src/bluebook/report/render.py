"""``render(report, fmt, out)``: the Report as Markdown, standalone HTML, PDF or DOCX.

Markdown and HTML come from the Jinja2 templates; the PDF is headless Chromium (or WeasyPrint
when there is none) printing the HTML, see report/pdf.py; the DOCX is built with python-docx
(report/word.py).
"""
from __future__ import annotations

import base64
import re
from pathlib import Path
from typing import Any

from bluebook.errors import ConfigError, UnsupportedFormatError
from bluebook.report.env import template
from bluebook.report.langdata import TEMPLATES, Labels
from bluebook.report.model import Report

FORMATS = ("md", "html", "pdf", "docx")
_SAFE_URL = re.compile(r"^https?://", re.IGNORECASE)
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def _md_escape(s: str) -> str:
    """Text from source documents (titles, evidence) must not turn into Markdown markup."""
    return _MD_SPECIAL.sub(r"\\\1", s or "")


def _data_uri(png: bytes) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _context(report: Report, images: list[tuple[str, str]]) -> dict[str, Any]:
    L = Labels(report.labels)
    from bluebook.report.dates import DateFormat

    return {"r": report, "L": L, "images": images, "generated": DateFormat(report.lang, L).full(report.generated),
            "hover": {c.n: c.hover for c in report.notes}}


def render_md(report: Report, chart_dir: Path | None = None, link_base: Path | None = None) -> str:
    """Markdown; charts are written as PNG files into ``chart_dir`` (linked relative to
    ``link_base``) or, without a folder, embedded as data: URIs."""
    images = []
    for c in report.charts:
        if chart_dir is not None:
            chart_dir.mkdir(parents=True, exist_ok=True)
            path = chart_dir / f"chart-{c.key}.png"
            path.write_bytes(c.png)
            c.path = str(path)
            rel = path.relative_to(link_base) if link_base is not None else path
            images.append((c.title, rel.as_posix()))
        else:
            images.append((c.title, _data_uri(c.png)))
    safe = _safe_copy(report, markdown=True)
    return template(report.lang, "report.md.j2").render(**_context(safe, images))


def render_md_zip(report: Report) -> bytes:
    """A .zip of ``report.md`` with its charts as ``charts/chart-<key>.png`` beside it, linked
    relatively: the Markdown download that keeps its pictures without bloating the text."""
    import io
    import zipfile

    images = [(c.title, f"charts/chart-{c.key}.png") for c in report.charts]
    text = template(report.lang, "report.md.j2").render(**_context(_safe_copy(report, markdown=True), images))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("report.md", text)
        for c in report.charts:
            # PNGs are already compressed
            z.writestr(f"charts/chart-{c.key}.png", c.png, compress_type=zipfile.ZIP_STORED)
    return buf.getvalue()


def render_html(report: Report, for_print: bool = False, pages: dict[str, int | str] | None = None) -> str:
    """Standalone HTML. ``for_print``: note numbers without links (the PDF's input);
    ``pages``: TOC target id -> page number, for engines without CSS target-counter()."""
    css = (TEMPLATES / "common" / "report.css").read_text(encoding="utf-8")
    images = [(c.title, _data_uri(c.png)) for c in report.charts]
    safe = _safe_copy(report, markdown=False)
    return template(report.lang, "report.html.j2").render(css=css, for_print=for_print, pages=pages,
                                                          **_context(safe, images))


def render_pdf(report: Report, engine: str = "auto") -> bytes:
    from bluebook.report.pdf import render_pdf as _pdf

    return _pdf(report, engine)


def _safe_copy(report: Report, markdown: bool) -> Report:
    """Citations whose URL is not http(s) lose the link (no javascript: in a report); Markdown
    also escapes the documents' own text."""
    import copy

    r = copy.copy(report)
    r.notes = []
    for c in report.notes:
        c2 = copy.copy(c)
        if c2.url and not _SAFE_URL.match(c2.url):
            c2.file, c2.url = c2.url, ""
        if markdown:
            c2.title, c2.outlet, c2.evidence = (_md_escape(c2.title), _md_escape(c2.outlet),
                                                _md_escape(c2.evidence))
            c2.url = c2.url.replace(">", "%3E").replace(" ", "%20")
            c2.file = c2.file.replace("`", "'")
        r.notes.append(c2)
    return r


def render(report: Report, fmt: str = "md", out: str | Path | None = None) -> str | bytes | Path:
    """The report in ``fmt`` ('md' | 'html' | 'pdf' | 'docx').

    Without ``out``: the text (md, html; Markdown's charts as data: URIs) or bytes (pdf, docx).
    With ``out``: the file is written (Markdown's charts go to ``<out stem>_charts/`` beside it, or
    into the archive when ``out`` ends in .zip, see ``render_md_zip``) and its Path is returned.
    """
    if fmt not in FORMATS:
        raise UnsupportedFormatError(f"unknown report format {fmt!r}", hint=f"use one of {', '.join(FORMATS)}")
    path = Path(out) if out is not None else None
    if path is not None and not path.parent.is_dir():
        raise ConfigError("cannot write the report: the folder does not exist", source=str(path),
                          hint="create the folder or choose another --out")
    data: str | bytes
    if fmt == "md" and path is not None and path.suffix.lower() == ".zip":
        data = render_md_zip(report)
    elif fmt == "md":
        data = render_md(report, path.parent / f"{path.stem}_charts" if path else None,
                         path.parent if path else None)
    elif fmt == "html":
        data = render_html(report)
    elif fmt == "pdf":
        data = render_pdf(report)
    else:
        from bluebook.report.word import render_docx

        data = render_docx(report)
    if path is None:
        return data
    try:
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"cannot write the report: {e.strerror}", source=str(path),
                          hint="check the folder is writable") from e
    return path

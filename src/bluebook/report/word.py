"""The report as a Word document (python-docx): real Heading 1/2/3 styles so Word's navigation
pane shows the chapters, regions and partners; charts as pictures; numbered endnotes in a
"Sources" chapter; a table of contents and page numbers as Word fields."""
from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph

from bluebook.report.dates import DateFormat
from bluebook.report.langdata import Labels
from bluebook.report.model import Line, Report

BLUE = RGBColor(0x1D, 0x3F, 0x73)
FONT = "Arial"          # ships with Word and LibreOffice's metric clones, and covers Vietnamese


def _field(p: Paragraph, instr: str, placeholder: str = "") -> None:
    """A Word field (PAGE, TOC ...): Word computes it when the document is opened or printed."""
    run = p.add_run()
    for kind, text in (("begin", None), ("instr", instr), ("separate", None), ("text", placeholder),
                       ("end", None)):
        if kind == "instr":
            el = OxmlElement("w:instrText")
            el.set(qn("xml:space"), "preserve")
            el.text = text
        elif kind == "text":
            el = OxmlElement("w:t")
            el.text = text or ""
        else:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        run._r.append(el)


def _hyperlink(p: Paragraph, url: str, text: str) -> None:
    r_id = p.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    colour = OxmlElement("w:color")
    colour.set(qn("w:val"), "1D3F73")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    rpr.extend([colour, underline])
    t = OxmlElement("w:t")
    t.set(qn("xml:space"), "preserve")
    t.text = text
    run.extend([rpr, t])
    link.append(run)
    p._p.append(link)


def _refs(p: Paragraph, notes: Sequence[int]) -> None:
    if notes:
        r = p.add_run(",".join(str(n) for n in notes))
        r.font.superscript = True
        r.font.color.rgb = BLUE


def _lines(doc: DocxDocument, lines: Sequence[Line]) -> None:
    for ln in lines:
        p = doc.add_paragraph(ln.text, style="List Bullet")
        _refs(p, ln.notes)


def _table(doc: DocxDocument, head: tuple[str, str], rows: Sequence[tuple[str, int]]) -> None:
    t = doc.add_table(rows=1, cols=2)
    t.style = "Table Grid"
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = head
    for label, n in rows:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = label, str(n)
        cells[1].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _setup(doc: DocxDocument, report: Report, L: Labels) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    for name in ("Title", "Heading 1", "Heading 2", "Heading 3"):
        st = doc.styles[name]
        st.font.name = FONT
        st.font.color.rgb = BLUE
    doc.core_properties.title = report.title
    doc.core_properties.language = report.lang
    doc.core_properties.author = "bluebook"
    sec = doc.sections[0]
    sec.page_height, sec.page_width = Cm(29.7), Cm(21.0)
    sec.left_margin = sec.right_margin = Cm(2.0)
    footer = sec.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _field(footer, "PAGE", "1")
    # ask Word to refresh the table of contents and page fields when the file is opened
    upd = OxmlElement("w:updateFields")
    upd.set(qn("w:val"), "true")
    doc.settings.element.append(upd)


def render_docx(report: Report) -> bytes:
    L = Labels(report.labels)
    doc = Document()
    _setup(doc, report, L)
    o = report.overview
    doc.add_paragraph(report.title, style="Title")
    doc.add_paragraph(L["subtitle"], style="Subtitle")
    if report.period_label:
        doc.add_paragraph(f"{L['period']}: {report.period_label}")
    doc.add_paragraph().add_run(L["contents"]).bold = True
    _field(doc.add_paragraph(), 'TOC \\o "1-3" \\h \\z \\u', "…")

    doc.add_heading(L["ch_overview"], level=1)
    doc.add_paragraph(o.summary)
    if not report.empty:
        _table(doc, (L["col_type"], L["col_count"]), o.by_type)
        doc.add_paragraph()
        _table(doc, (L["ov_regions"], L["col_count"]), o.by_region)
        p = doc.add_paragraph()
        p.add_run(f"{L['ov_visits']}: ").bold = True
        p.add_run(f"{o.visits_out} {L['ov_visits_out']}; {o.visits_in} {L['ov_visits_in']}.")
        for key, lines in (("ov_high_out", o.high_visits_out), ("ov_high_in", o.high_visits_in),
                           ("ov_agreements", o.agreements)):
            doc.add_heading(L[key], level=2)
            if lines:
                _lines(doc, lines)
            else:
                doc.add_paragraph(L["ov_none"])
        if o.more_agreements:
            doc.add_paragraph(L.fmt("ov_more", n=o.more_agreements))
        doc.add_heading(L["ov_top"], level=2)
        for name, n in o.top_partners:
            doc.add_paragraph(f"{name} ({n})", style="List Number")
        if report.charts:
            doc.add_heading(L["ch_charts"], level=2)
            for c in report.charts:
                doc.add_picture(io.BytesIO(c.png), width=Cm(16.5))
                doc.add_paragraph(c.title, style="Caption")

    if report.regions:
        doc.add_heading(L["ch_bilateral"], level=1)
        for region in report.regions:
            doc.add_heading(region.name, level=2)
            for partner in region.partners:
                doc.add_heading(partner.name, level=3)
                _lines(doc, partner.lines)
    if report.forums:
        doc.add_heading(L["ch_multilateral"], level=1)
        for f in report.forums:
            doc.add_heading(f.name, level=2)
            _lines(doc, f.lines)
    if report.channels:
        doc.add_heading(L["ch_channels"], level=1)
        for c in report.channels:
            doc.add_heading(c.name, level=2)
            _lines(doc, c.lines)
    if report.chronology:
        doc.add_heading(L["ch_chronology"], level=1)
        for e in report.chronology:
            p = doc.add_paragraph()
            p.add_run(e.date).bold = True
            p.add_run(f" · {e.type} · {e.parties}: {e.text}")
            _refs(p, e.notes)
    if report.notes:
        doc.add_heading(L["ch_sources"], level=1)
        for c in report.notes:
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Cm(0.9)
            p.paragraph_format.first_line_indent = Cm(-0.9)
            p.add_run(f"{c.n}.\t")
            p.add_run(c.title + ". ")
            if c.outlet:
                p.add_run(c.outlet).italic = True
            if c.date:
                p.add_run(f", {c.date}")
            p.add_run(". ")
            if c.url.lower().startswith(("http://", "https://")):
                _hyperlink(p, c.url, c.url)
            elif c.url or c.file:
                p.add_run(f"{L['source_file']}: {c.url or c.file}")
            if c.evidence:
                p.add_run(f" “{c.evidence}”").font.color.rgb = RGBColor(0x5B, 0x65, 0x75)
    doc.add_paragraph(L.fmt("generated", date=DateFormat(report.lang, L).full(report.generated),
                            docs=report.n_documents)).runs[0].italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

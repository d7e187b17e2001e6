"""The report as a Word document (python-docx): real Heading 1/2/3 styles so Word's navigation
pane shows the chapters, regions and partners; charts as pictures; numbered endnotes in a
"Sources" chapter; a table of contents and page numbers as Word fields."""
from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from lxml.etree import SubElement

from bluebook.report.dates import DateFormat
from bluebook.report.env import keep_date
from bluebook.report.langdata import Labels
from bluebook.report.model import Line, Report

BLUE = RGBColor(0x1D, 0x3F, 0x73)
NOTE_STYLE = "Bluebook Note"
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


_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_TAG = {k: f"{{{_W}}}{k}" for k in ("r", "rPr", "t", "b", "i", "color", "vertAlign", "tab", "val")}
_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _run(p: Paragraph, text: str, bold: bool = False, italic: bool = False, sup: bool = False,
         colour: str = "") -> None:
    """A run written straight into the XML: python-docx's add_run() costs ~0.1 ms, and a
    10,000-event report has 150,000 runs. Child order follows the schema (b, i, color, vertAlign)."""
    r = SubElement(p._p, _TAG["r"])
    if bold or italic or sup or colour:
        rpr = SubElement(r, _TAG["rPr"])
        if bold:
            SubElement(rpr, _TAG["b"])
        if italic:
            SubElement(rpr, _TAG["i"])
        if colour:
            SubElement(rpr, _TAG["color"]).set(_TAG["val"], colour)
        if sup:
            SubElement(rpr, _TAG["vertAlign"]).set(_TAG["val"], "superscript")
    for i, part in enumerate(text.split("\t")):
        if i:
            SubElement(r, _TAG["tab"])
        if part:
            t = SubElement(r, _TAG["t"])
            t.text = part
            t.set(_SPACE, "preserve")


def _refs(p: Paragraph, notes: Sequence[int]) -> None:
    if notes:
        _run(p, ",".join(str(n) for n in notes), sup=True, colour="1D3F73")


class _Writer:
    """Appends paragraphs in O(1). python-docx's add_paragraph() looks for the section break
    among all the body's children on every call, and relate_to() scans every relationship:
    quadratic, minutes for a 10,000-event report. Here both are kept at hand."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc
        self.body = doc.element.body
        self.sect = self.body.sectPr
        self.style_ids = {st.name: st.style_id for st in doc.styles}
        self.links = 0

    def par(self, text: str = "", style: str | None = None) -> Paragraph:
        p = OxmlElement("w:p")
        if self.sect is not None:
            self.sect.addprevious(p)
        else:
            self.body.append(p)
        para = Paragraph(p, self.doc._body)
        if style:
            p.get_or_add_pPr().style = self.style_ids.get(style, style)
        if text:
            _run(para, text)
        return para

    def heading(self, text: str, level: int) -> Paragraph:
        return self.par(text, f"Heading {level}")

    def lines(self, lines: Sequence[Line]) -> None:
        for ln in lines:
            _refs(self.par(keep_date(ln.text), "List Bullet"), ln.notes)

    def link(self, p: Paragraph, url: str, text: str) -> None:
        self.links += 1
        r_id = f"rIdBbLink{self.links}"
        p.part.rels.add_relationship(RT.HYPERLINK, url, r_id, is_external=True)
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
    note = doc.styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.paragraph_format.left_indent = Cm(0.9)
    note.paragraph_format.first_line_indent = Cm(-0.9)
    note.font.size = Pt(9)
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
    w = _Writer(doc)
    o = report.overview
    w.par(report.title, "Title")
    w.par(L["subtitle"], "Subtitle")
    if report.period_label:
        w.par(f"{L['period']}: {report.period_label}")
    w.par().add_run(L["contents"]).bold = True
    _field(w.par(), 'TOC \\o "1-3" \\h \\z \\u', "…")

    w.heading(L["ch_overview"], 1)
    w.par(o.summary)
    if not report.empty:
        _table(doc, (L["col_type"], L["col_count"]), o.by_type)
        w.par()
        _table(doc, (L["ov_regions"], L["col_count"]), o.by_region)
        p = w.par()
        p.add_run(f"{L['ov_visits']}: ").bold = True
        p.add_run(f"{o.visits_out} {L['ov_visits_out']}; {o.visits_in} {L['ov_visits_in']}.")
        for key, lines in (("ov_high_out", o.high_visits_out), ("ov_high_in", o.high_visits_in),
                           ("ov_agreements", o.agreements)):
            w.heading(L[key], 2)
            if lines:
                w.lines(lines)
            else:
                w.par(L["ov_none"])
        if o.more_agreements:
            w.par(L.fmt("ov_more", n=o.more_agreements))
        w.heading(L["ov_top"], 2)
        for name, n in o.top_partners:
            w.par(f"{name} ({n})", "List Number")
        if report.charts:
            w.heading(L["ch_charts"], 2)
            for chart in report.charts:
                w.par().add_run().add_picture(io.BytesIO(chart.png), width=Cm(16.5))
                w.par(chart.title, "Caption")

    if report.regions:
        w.heading(L["ch_bilateral"], 1)
        for region in report.regions:
            w.heading(region.name, 2)
            for partner in region.partners:
                w.heading(partner.name, 3)
                w.lines(partner.lines)
    if report.forums:
        w.heading(L["ch_multilateral"], 1)
        for f in report.forums:
            w.heading(f.name, 2)
            w.lines(f.lines)
    if report.channels:
        w.heading(L["ch_channels"], 1)
        for ch in report.channels:
            w.heading(ch.name, 2)
            w.lines(ch.lines)
    if report.chronology:
        w.heading(L["ch_chronology"], 1)
        for e in report.chronology:
            p = w.par()
            _run(p, e.date, bold=True)
            _run(p, f" · {e.type} · {e.parties}: {keep_date(e.text)}")
            _refs(p, e.notes)
    if report.notes:
        w.heading(L["ch_sources"], 1)
        for c in report.notes:
            p = w.par(style=NOTE_STYLE)
            _run(p, f"{c.n}.\t{c.title}. ")
            if c.outlet:
                _run(p, c.outlet, italic=True)
            _run(p, (f", {c.date}" if c.date else "") + ". ")
            if c.url.lower().startswith(("http://", "https://")):
                w.link(p, c.url, c.url)
            elif c.url or c.file:
                _run(p, f"{L['source_file']}: {c.url or c.file}")
            if c.evidence:
                _run(p, f" “{c.evidence}”", colour="5B6575")
    w.par(L.fmt("generated", date=DateFormat(report.lang, L).full(report.generated),
                docs=report.n_documents)).runs[0].italic = True
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()

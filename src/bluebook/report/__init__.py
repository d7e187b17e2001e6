"""report stage: the Diplomatic Bluebook, bilingual, cited, with charts, in md/html/pdf/docx.

    report = build_report(events, lang="vi", period=("2020", "2020"))
    render(report, "pdf", out="bluebook-2020.pdf")
    report_from_store("bluebook.db", year=2020, lang="en", fmt="html", out="bluebook-2020.html")
"""
from __future__ import annotations

from bluebook.report.build import build_report
from bluebook.report.fromstore import events_from_store, report_event, report_event_of, report_from_store
from bluebook.report.model import Report, ReportEvent, SourceRef
from bluebook.report.render import FORMATS, render, render_md_zip

__all__ = ["FORMATS", "Report", "ReportEvent", "SourceRef", "build_report", "events_from_store", "render",
           "render_md_zip", "report_event", "report_event_of", "report_from_store"]

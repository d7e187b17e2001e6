"""The report page: pick a period, language and format; the file downloads by an opaque id."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter, Form, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse

from bluebook.web import service
from bluebook.web.pages import page
from bluebook.web.problems import Problem
from bluebook.web.security import csrf_ok
from bluebook.web.state import get_state

router = APIRouter(include_in_schema=False)
FORMATS = ("html", "pdf", "docx", "md")


def report_available() -> bool:
    try:
        import bluebook.report  # noqa: F401
    except ImportError:
        return False
    return True


@router.get("/report", response_class=HTMLResponse)
def report_page(request: Request) -> HTMLResponse:
    st = get_state(request)
    years = sorted(service.activity(st.store, service.event_filter()), reverse=True)
    return page(request, "report.html", {"formats": FORMATS, "years": years, "available": report_available(),
                                         "this_year": str(date.today().year)})


@router.post("/report")
def make_report(request: Request, csrf: str = Form(""), year: str = Form(""), date_from: str = Form(""),
                date_to: str = Form(""), report_lang: str = Form("vi"), format: str = Form("html"),
                ) -> RedirectResponse:
    st = get_state(request)
    if not csrf_ok(request, csrf):
        raise Problem(403, "err_csrf")
    if report_lang not in ("vi", "en") or format not in FORMATS:
        raise Problem(400, "err_invalid")
    if not report_available():
        raise Problem(503, "err_no_report_lib")
    rf = st.reports.generate(st.store, report_lang, format, service.check_year(year.strip() or None),
                             date_from.strip() or None, date_to.strip() or None)
    return RedirectResponse(f"/report/{rf.id}", status_code=303)


@router.get("/report/{report_id}")
def report_file(request: Request, report_id: str) -> FileResponse:
    rf = get_state(request).reports.get(report_id)
    if rf is None:
        raise Problem(404, "err_no_report")
    return FileResponse(rf.path, media_type=rf.media_type, filename=rf.filename)

"""Pages for one thing: an event with its sources, a document with its annotations."""
from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bluebook.web import queries, service
from bluebook.web.pages import page
from bluebook.web.problems import Problem
from bluebook.web.state import get_state
from bluebook.web.uploads import check_write

router = APIRouter(include_in_schema=False)


@router.get("/event/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, event_id: int) -> HTMLResponse:
    st = get_state(request)
    c = st.store.event(event_id)
    if c is None:
        raise Problem(404, "err_no_event")
    return page(request, "event.html", {"e": c, "sources": service.event_sources(st.store, c)})


@router.get("/document/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: int, dropped: bool = False) -> HTMLResponse:
    view = service.document_view(get_state(request).store, doc_id, show_dropped=dropped)
    if view is None:
        raise Problem(404, "err_no_document")
    return page(request, "document.html", {"v": view, "d": view.doc, "show_dropped": dropped})


@router.post("/document/{doc_id}/delete")
def delete_document(request: Request, doc_id: int, csrf: str = Form("")) -> RedirectResponse:
    st = get_state(request)
    check_write(request, st, csrf)
    if not st.store.remove_document(doc_id):
        raise Problem(404, "err_no_document")
    queries.forget(st.store)
    return RedirectResponse("/search?deleted=" + str(doc_id), status_code=303)

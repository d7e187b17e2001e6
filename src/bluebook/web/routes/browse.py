"""Pages for finding things: search, the events timeline, partners."""
from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from bluebook.web import queries, service
from bluebook.web.pages import page
from bluebook.web.problems import Problem
from bluebook.web.state import get_state

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
@router.get("/search", response_class=HTMLResponse)
def search_page(request: Request, q: str = Query("", max_length=500), type: str | None = None,
                party: str | None = None, year: str | None = None, language: str | None = None,
                source: str | None = None, page_no: int = Query(1, alias="page", ge=1, le=1_000_000)) -> HTMLResponse:
    st = get_state(request)
    p = service.SearchParams(q, type, party, year, language, source)
    active = any((p.q, p.type, p.party, p.year, p.language, p.source))
    res = service.search(st.store, p, page_no, 20) if active else None
    facets = service.facets(st.store, p) if active else None
    stats = None if active else dict(zip(("documents", "events"), queries.totals(st.store), strict=True))
    return page(request, "search.html", {"p": p, "res": res, "facets": facets, "stats": stats})


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, type: str | None = None, party: str | None = None, person: str | None = None,
                year: str | None = None, date_from: str | None = None, date_to: str | None = None,
                planned: bool | None = None, language: str | None = None,
                page_no: int = Query(1, alias="page", ge=1, le=1_000_000)) -> HTMLResponse:
    st = get_state(request)
    f = service.event_filter(type, party, person, year, date_from, date_to, planned, language)
    res = service.events(st.store, f, page_no, 50)
    counts = service.activity(st.store, f)
    return page(request, "events.html", {"f": f, "year": year or "", "res": res, "counts": counts,
                                         "partners": list(queries.partners(st.store))[:60]})


@router.get("/partners", response_class=HTMLResponse)
def partners_page(request: Request) -> HTMLResponse:
    return page(request, "partners.html", {"partners": queries.partners(get_state(request).store)})


@router.get("/partner/{code}", response_class=HTMLResponse)
def partner_page(request: Request, code: str) -> HTMLResponse:
    p = service.partner(get_state(request).store, code)
    if not p["summary"].total:
        raise Problem(404, "err_no_partner")
    return page(request, "partner.html", p)

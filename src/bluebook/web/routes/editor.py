"""Editors' pages: log in with the token, upload files, follow the ingest job."""
from __future__ import annotations

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from bluebook.web.pages import page
from bluebook.web.problems import Problem
from bluebook.web.security import EDITOR_COOKIE, csrf_ok, same_origin, same_secret, session_value
from bluebook.web.state import get_state
from bluebook.web.uploads import ALLOWED_EXTS, check_write, receive

router = APIRouter(include_in_schema=False)


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request) -> HTMLResponse:
    st = get_state(request)
    jobs = list(reversed(list(st.jobs.jobs.values())))[:10]
    return page(request, "upload.html", {"exts": sorted(ALLOWED_EXTS), "jobs": jobs,
                                         "max_mb": st.max_upload_bytes // (1024 * 1024),
                                         "max_files": st.max_upload_files})


@router.post("/upload")
async def upload(request: Request) -> RedirectResponse:
    st = get_state(request)
    folder, names = await receive(request, st)
    job = st.jobs.submit(folder, names)
    return RedirectResponse(f"/upload/{job.id}", status_code=303)


@router.get("/upload/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    job = get_state(request).jobs.get(job_id)
    if job is None:
        raise Problem(404, "err_no_job")
    return page(request, "job.html", {"job": job})


@router.post("/login")
def login(request: Request, token: str = Form(""), csrf: str = Form("")) -> RedirectResponse:
    st = get_state(request)
    if not st.token:
        raise Problem(403, "err_read_only")
    if not same_origin(request) or not csrf_ok(request, csrf):
        raise Problem(403, "err_csrf")
    if not same_secret(token, st.token):
        raise Problem(401, "err_bad_token")
    resp = RedirectResponse("/upload", status_code=303)
    resp.set_cookie(EDITOR_COOKIE, session_value(st.token), httponly=True, samesite="strict", path="/")
    return resp


@router.post("/logout")
def logout(request: Request, csrf: str = Form("")) -> RedirectResponse:
    check_write(request, get_state(request), csrf)
    resp = RedirectResponse("/", status_code=303)
    resp.delete_cookie(EDITOR_COOKIE, path="/")
    return resp

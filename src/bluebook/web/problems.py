"""Errors as HTTP answers: JSON under /api, a page elsewhere; coded errors keep their code and hint."""
from __future__ import annotations

import logging

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bluebook.errors import (
    ArchiveError,
    BadDateError,
    BluebookError,
    ConfigError,
    MalformedRecordError,
    NotFoundError,
    TooLargeError,
    UnsupportedFormatError,
)
from bluebook.web import i18n

log = logging.getLogger(__name__)
STATUS = {NotFoundError: 404, BadDateError: 400, ConfigError: 400, UnsupportedFormatError: 415,
          MalformedRecordError: 400, TooLargeError: 413, ArchiveError: 400}


class Problem(Exception):
    """A refusal worded by an i18n key (read-only, bad token, CSRF, too large, not found…)."""

    def __init__(self, status: int, key: str, detail: str = "") -> None:
        super().__init__(key)
        self.status, self.key, self.detail = status, key, detail


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def answer(request: Request, status: int, code: str, message: str, hint: str = "") -> Response:
    if _is_api(request):
        return JSONResponse({"error": {"code": code, "message": message, "hint": hint}}, status_code=status)
    from bluebook.web.pages import error_page

    return error_page(request, status, message, hint)


def install(app: FastAPI) -> None:
    @app.exception_handler(Problem)
    async def _problem(request: Request, exc: Problem) -> Response:
        t = i18n.strings(i18n.pick_lang(request))
        return answer(request, exc.status, exc.key, t(exc.key), exc.detail)

    @app.exception_handler(BluebookError)
    async def _coded(request: Request, exc: BluebookError) -> Response:
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 500)
        if status == 500:
            log.error("%s", exc)
        return answer(request, status, exc.code, exc.message, exc.hint)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        parts = []
        for e in exc.errors()[:5]:
            where = ".".join(str(x) for x in e.get("loc", ())[1:])
            parts.append(f"{where}: {e.get('msg', '')}")
        t = i18n.strings(i18n.pick_lang(request))
        return answer(request, 422, "invalid", t("err_invalid"), "; ".join(parts))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> Response:
        t = i18n.strings(i18n.pick_lang(request))
        key = {404: "err_not_found", 405: "err_method"}.get(exc.status_code, "err_http")
        return answer(request, exc.status_code, str(exc.status_code), t(key), "")

    @app.exception_handler(Exception)
    async def _crash(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path)
        t = i18n.strings(i18n.pick_lang(request))
        return answer(request, 500, "internal", t("err_internal"), type(exc).__name__)

"""Rendering a page: Jinja2 (autoescaped) with the UI language, CSRF token and link helpers."""
from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi.templating import Jinja2Templates
from starlette.requests import Request
from starlette.responses import HTMLResponse

from bluebook.models import EVENT_TYPES
from bluebook.web import i18n
from bluebook.web.charts import bar_chart
from bluebook.web.security import csrf_token, is_editor, set_csrf_cookie
from bluebook.web.state import get_state

TEMPLATES = Path(__file__).resolve().parent / "templates"
templates = Jinja2Templates(directory=str(TEMPLATES))
# Parameters that are page state, not filters: a new filter starts again at page 1.
_NOT_FILTERS = ("page", "lang")


def query_link(request: Request, path: str | None = None, keep_page: bool = False, **changes: Any) -> str:
    """The current URL's query with ``changes`` applied (None or '' removes a key)."""
    params = {k: v for k, v in request.query_params.items() if k not in _NOT_FILTERS or (keep_page and k == "page")}
    for k, v in changes.items():
        if v is None or v == "":
            params.pop(k, None)
        else:
            params[k] = str(v)
    q = urlencode(params)
    return (path if path is not None else request.url.path) + ("?" + q if q else "")


def page(request: Request, name: str, ctx: dict[str, Any], status: int = 200) -> HTMLResponse:
    lang = i18n.pick_lang(request)
    st = get_state(request)
    t = i18n.strings(lang)
    base = {
        "request": request, "t": t, "ui_lang": lang, "other_lang": "en" if lang == "vi" else "vi",
        "csrf": csrf_token(request), "editor": is_editor(request, st.token), "read_only": st.read_only,
        "party_name": lambda code: i18n.party_name(code, lang),
        "type_name": lambda ty: i18n.type_name(ty, lang),
        "link": lambda path=None, **kw: query_link(request, path, **kw),
        "str_label": str, "lang_label": lambda code: t(f"lang_{code}") if code in i18n.LANGS else code,
        "event_types": EVENT_TYPES, "bar_chart": bar_chart,
    }
    resp = templates.TemplateResponse(request, name, {**base, **ctx}, status_code=status)
    set_csrf_cookie(request, resp)
    if request.query_params.get("lang") in i18n.LANGS:
        resp.set_cookie(i18n.COOKIE, lang, max_age=365 * 86400, samesite="lax", path="/")
    resp.headers["cache-control"] = "no-store"
    return resp


def error_page(request: Request, status: int, message: str, hint: str = "") -> HTMLResponse:
    return page(request, "error.html", {"status": status, "message": message, "hint": hint}, status)

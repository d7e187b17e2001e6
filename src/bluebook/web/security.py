"""Who may write, CSRF, and the headers every response carries.

Writes need both the editor token (``Authorization: Bearer``/``X-Bluebook-Token``, or the
session cookie set by logging in with it) and a CSRF token: the double-submit ``bb_csrf``
cookie echoed in the form field ``csrf`` or the ``X-CSRF-Token`` header. Without a
configured token the app is read-only and every write is refused.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import Response

CSRF_COOKIE = "bb_csrf"
EDITOR_COOKIE = "bb_editor"
CSRF_HEADER = "x-csrf-token"
TOKEN_HEADER = "x-bluebook-token"
MIN_TOKEN_CHARS = 8

# No inline script anywhere: the pages' JavaScript lives in /static, so a stored
# '<script>' that slipped through escaping still could not run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]],
                   Awaitable[None]]


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task overhead, unlike BaseHTTPMiddleware)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in HEADERS if k not in present]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def session_value(token: str) -> str:
    """What the editor cookie holds: derived from the token, so the token itself never sits in a cookie."""
    return hmac.new(token.encode("utf-8"), b"bluebook-editor-session", hashlib.sha256).hexdigest()


def same_secret(a: str, b: str) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


def is_editor(request: Request, token: str | None) -> bool:
    if not token:
        return False
    auth = request.headers.get("authorization", "")
    given = auth[7:].strip() if auth.lower().startswith("bearer ") else request.headers.get(TOKEN_HEADER, "")
    if given:
        return same_secret(given, token)
    return same_secret(request.cookies.get(EDITOR_COOKIE, ""), session_value(token))


def csrf_token(request: Request) -> str:
    """The request's CSRF token: its cookie's, or a new one (set by ``set_csrf_cookie``)."""
    have = request.cookies.get(CSRF_COOKIE, "")
    if have and len(have) >= 20 and have.replace("-", "").replace("_", "").isalnum():
        return have
    cached = getattr(request.state, "new_csrf", "")
    if not cached:
        cached = secrets.token_urlsafe(24)
        request.state.new_csrf = cached
    return cached


def set_csrf_cookie(request: Request, response: Response) -> None:
    if request.cookies.get(CSRF_COOKIE, "") != csrf_token(request):
        response.set_cookie(CSRF_COOKIE, csrf_token(request), httponly=True, samesite="strict", path="/")


def csrf_ok(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    given = submitted or request.headers.get(CSRF_HEADER, "")
    return same_secret(cookie, given)


def same_origin(request: Request) -> bool:
    """A browser's Origin/Referer, when sent, must be this host: one more guard for writes."""
    origin = request.headers.get("origin") or request.headers.get("referer") or ""
    if not origin or origin == "null":
        return not origin
    return urlsplit(origin).netloc == request.headers.get("host", "")


def write_refusal(request: Request, token: str | None, submitted_csrf: str | None,
                  check_csrf: bool = True) -> tuple[int, str] | None:
    """None when the write may go ahead, else (HTTP status, i18n key of the reason).

    ``check_csrf=False`` is for the checks that can run before a multipart body is read."""
    if not token:
        return 403, "err_read_only"
    if not is_editor(request, token):
        return 401, "err_need_token"
    if not same_origin(request):
        return 403, "err_origin"
    if check_csrf and not csrf_ok(request, submitted_csrf):
        return 403, "err_csrf"
    return None

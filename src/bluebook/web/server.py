"""``bluebook serve``: the app under uvicorn, in one process or (read-only) several."""
from __future__ import annotations

import logging
import os
import shutil
import socket
import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from uvicorn.protocols.http.h11_impl import H11Protocol

from bluebook.errors import ConfigError
from bluebook.web.app import TOKEN_ENV, create_app, resolve_token
from bluebook.web.respcache import TTL

DB_ENV = "BLUEBOOK_WEB_DB"
REPORTS_ENV = "BLUEBOOK_WEB_REPORTS"
CACHE_ENV = "BLUEBOOK_WEB_CACHE_TTL"


def _no_delay(transport: Any) -> None:
    sock = transport.get_extra_info("socket")
    if sock is not None:
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass


class NoDelayH11(H11Protocol):
    """uvicorn's h11 protocol with TCP_NODELAY on each connection.

    With several workers uvicorn binds the socket itself (protocol number 0), and asyncio then
    skips TCP_NODELAY on accepted connections: a response written as headers + body waits for the
    client's delayed ACK, 40 ms a request (measured: 54 ms instead of 5 ms on localhost). Module
    level: the worker processes unpickle it by name.
    """

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        _no_delay(transport)
        super().connection_made(transport)


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

    class NoDelayHttpTools(HttpToolsProtocol):
        """uvicorn's httptools protocol (HTTP parsing in C: about a third of h11's cost a request),
        with TCP_NODELAY as in NoDelayH11."""

        def connection_made(self, transport: Any) -> None:  # type: ignore[override]
            _no_delay(transport)
            super().connection_made(transport)

    FAST_HTTP: type | None = NoDelayHttpTools
except ImportError:         # httptools not installed: h11, in pure Python
    FAST_HTTP = None


def http_protocol(name: str = "auto") -> type:
    """'h11', 'httptools', or 'auto' (httptools when installed)."""
    if name == "h11" or (name == "auto" and FAST_HTTP is None):
        return NoDelayH11
    if FAST_HTTP is None:
        raise ConfigError("httptools is not installed", source="http",
                          hint="pip install httptools, or serve with the h11 protocol")
    return FAST_HTTP


def loop_name(name: str = "auto") -> str:
    """uvicorn's event loop: 'auto' is uvloop when installed, else asyncio."""
    if name not in ("auto", "asyncio", "uvloop"):
        raise ConfigError(f"unknown event loop {name!r}", source="loop", hint="use auto, asyncio or uvloop")
    if name == "uvloop":
        try:
            import uvloop  # noqa: F401
        except ImportError as e:
            raise ConfigError("uvloop is not installed", source="loop",
                              hint="pip install uvloop, or serve with the asyncio loop") from e
    return name


def app_from_env() -> FastAPI:
    """The app of one worker process when serving with several (uvicorn imports it by name)."""
    reports = os.environ.get(REPORTS_ENV)
    return create_app(os.environ.get(DB_ENV, ""), token="", reports_dir=Path(reports) if reports else None,
                      cache_ttl=float(os.environ.get(CACHE_ENV, TTL)))


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          workers: int = 1, access_log: bool = True, cache_ttl: float = TTL, http: str = "auto",
          loop: str = "auto") -> None:
    """Run the web app until interrupted. ``token`` (or $BLUEBOOK_TOKEN) enables uploads and deletes.

    ``workers`` > 1 runs that many processes (a Python process uses one core for its own code):
    read-only only, since upload jobs and generated reports live in the process that made them
    and a later request may reach another one. ``access_log=False``: no line per request.
    ``cache_ttl``: how long a read-only API answer is kept (0: never; web/respcache.py).
    ``http``/``loop``: uvicorn's protocol ('auto' | 'httptools' | 'h11') and event loop
    ('auto' | 'uvloop' | 'asyncio'); 'auto' takes httptools and uvloop when installed.
    """
    import uvicorn

    protocol, loop = http_protocol(http), loop_name(loop)
    log = logging.getLogger("bluebook.web")
    if workers > 1:
        if resolve_token(token):
            raise ConfigError("an editor token needs a single worker process", source=TOKEN_ENV,
                              hint="serve read-only with several workers, or with the token and --workers 1")
        # one reports folder for all workers: a report made by one can be downloaded through another
        shared = Path(tempfile.mkdtemp(prefix="bluebook-reports-"))
        os.environ[DB_ENV], os.environ[REPORTS_ENV] = db_url, str(shared)
        os.environ[CACHE_ENV] = str(float(cache_ttl))
        log.warning("bluebook on http://%s:%d/ — read-only, %d worker processes", host, port, workers)
        try:
            uvicorn.run("bluebook.web.server:app_from_env", factory=True, host=host, port=port, workers=workers,
                        http=protocol, loop=loop, log_level="info", access_log=access_log,
                        server_header=False)
        finally:
            shutil.rmtree(shared, ignore_errors=True)
        return
    app = create_app(db_url, token, cache_ttl=cache_ttl)
    mode = "editor token set: uploads enabled" if app.state.bluebook.token else "read-only (no token)"
    log.warning("bluebook on http://%s:%d/ — %s", host, port, mode)
    uvicorn.run(app, host=host, port=port, http=protocol, loop=loop, log_level="info",
                access_log=access_log, server_header=False)

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

DB_ENV = "BLUEBOOK_WEB_DB"
REPORTS_ENV = "BLUEBOOK_WEB_REPORTS"


class NoDelayH11(H11Protocol):
    """uvicorn's h11 protocol with TCP_NODELAY on each connection.

    With several workers uvicorn binds the socket itself (protocol number 0), and asyncio then
    skips TCP_NODELAY on accepted connections: a response written as headers + body waits for the
    client's delayed ACK, 40 ms a request (measured: 54 ms instead of 5 ms on localhost). Module
    level: the worker processes unpickle it by name.
    """

    def connection_made(self, transport: Any) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None:
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:
                pass
        super().connection_made(transport)


def app_from_env() -> FastAPI:
    """The app of one worker process when serving with several (uvicorn imports it by name)."""
    reports = os.environ.get(REPORTS_ENV)
    return create_app(os.environ.get(DB_ENV, ""), token="", reports_dir=Path(reports) if reports else None)


def serve(db_url: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          workers: int = 1, access_log: bool = True) -> None:
    """Run the web app until interrupted. ``token`` (or $BLUEBOOK_TOKEN) enables uploads and deletes.

    ``workers`` > 1 runs that many processes (a Python process uses one core for its own code):
    read-only only, since upload jobs and generated reports live in the process that made them
    and a later request may reach another one. ``access_log=False``: no line per request.
    """
    import uvicorn

    log = logging.getLogger("bluebook.web")
    if workers > 1:
        if resolve_token(token):
            raise ConfigError("an editor token needs a single worker process", source=TOKEN_ENV,
                              hint="serve read-only with several workers, or with the token and --workers 1")
        # one reports folder for all workers: a report made by one can be downloaded through another
        shared = Path(tempfile.mkdtemp(prefix="bluebook-reports-"))
        os.environ[DB_ENV], os.environ[REPORTS_ENV] = db_url, str(shared)
        log.warning("bluebook on http://%s:%d/ — read-only, %d worker processes", host, port, workers)
        try:
            uvicorn.run("bluebook.web.server:app_from_env", factory=True, host=host, port=port, workers=workers,
                        http=NoDelayH11, log_level="info", access_log=access_log, server_header=False)
        finally:
            shutil.rmtree(shared, ignore_errors=True)
        return
    app = create_app(db_url, token)
    mode = "editor token set: uploads enabled" if app.state.bluebook.token else "read-only (no token)"
    log.warning("bluebook on http://%s:%d/ — %s", host, port, mode)
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=access_log, server_header=False)

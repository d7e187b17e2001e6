"""The FastAPI app: ``create_app(db_url, token)`` wires the store, routes, static files and security."""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import anyio.to_thread
import sqlalchemy as sa
from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bluebook.config import DEFAULT, Settings
from bluebook.errors import ConfigError
from bluebook.store import Store, open_store
from bluebook.web import freshness, problems
from bluebook.web.jobs import JobRunner
from bluebook.web.reports import ReportFiles
from bluebook.web.respcache import TTL, AnswerCache, ResponseCache
from bluebook.web.routes import api, apidocs, browse, detail, editor, report
from bluebook.web.security import MIN_TOKEN_CHARS, SecurityHeaders
from bluebook.web.state import MAX_UPLOAD_BYTES, MAX_UPLOAD_FILES, AppState

STATIC = Path(__file__).resolve().parent / "static"
TOKEN_ENV = "BLUEBOOK_TOKEN"


def resolve_token(token: str | None) -> str | None:
    """The editor token: the argument, else $BLUEBOOK_TOKEN; None (read-only) when neither is set."""
    token = token if token is not None else os.environ.get(TOKEN_ENV)
    if token is None or token == "":
        return None
    if len(token) < MIN_TOKEN_CHARS:
        raise ConfigError(f"the editor token is shorter than {MIN_TOKEN_CHARS} characters", source=TOKEN_ENV,
                          hint="use a long random token, e.g. `python -c 'import secrets;print(secrets.token_urlsafe())'`")
    return token


def endpoint_threads(store: Store) -> int | None:
    """Threads that run the (synchronous) endpoints: as many as the store's pool keeps connections.

    With more (anyio's default is 40), a burst of requests takes more connections than the pool
    keeps: each extra one is opened, set up and closed again, and on SQLite starts with a cold page
    cache. Queries are CPU work in this process anyway: a queue in front of a few threads costs no
    more than a crowd of threads taking turns, and nobody waits 30 s for a connection and fails.
    None: a pool without a fixed size; keep the default.
    """
    size = getattr(store.engine.pool, "size", None)
    return max(2, int(size())) if callable(size) else None


# SQLite pages read through a memory map of the file rather than read() into each connection's own
# page cache: random lookups over a database larger than that cache (event pages, hits, facets on a
# million events) cost 15-18% less CPU. Reads only (SQLite writes through the file as before); the
# size is an upper bound, capped by SQLite (2 GiB by default).
MMAP_BYTES = 1 << 32


def map_sqlite_file(store: Store, size: int = MMAP_BYTES) -> None:
    """Have every new SQLite connection of ``store`` read through a memory map of the file."""
    if store.dialect != "sqlite":
        return

    @sa.event.listens_for(store.engine, "connect")
    def _mmap(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.execute(f"PRAGMA mmap_size = {int(size)}")

    store.engine.dispose()      # connections opened before (the schema check) are made again


def create_app(db_url: str, token: str | None = None, settings: Settings = DEFAULT,
               max_upload_bytes: int = MAX_UPLOAD_BYTES, max_upload_files: int = MAX_UPLOAD_FILES,
               reports_dir: Path | None = None, cache_ttl: float = TTL) -> FastAPI:
    """The bluebook web app on the store at ``db_url``; read-only unless a token is given (or in the env).

    ``reports_dir``: where generated reports go, shared by the worker processes of one server
    (default: a private temporary folder, removed at shutdown). ``cache_ttl``: how long a read-only
    API answer may be sent again while nobody writes (web/respcache.py); 0 turns that off.
    """
    token = resolve_token(token)
    store = open_store(db_url)
    map_sqlite_file(store)
    work = Path(tempfile.mkdtemp(prefix="bluebook-web-"))
    state = AppState(store=store, token=token, settings=settings, jobs=JobRunner(store, settings),
                     reports=ReportFiles(reports_dir or work / "reports"), upload_root=work / "uploads",
                     max_upload_bytes=max_upload_bytes, max_upload_files=max_upload_files)
    state.reports.folder.mkdir(parents=True, exist_ok=True)
    freshness.of(store)         # counts this process's writes from now on
    # the middleware's reading of the write token is the request's: the caches behind it reuse it
    state.answers = AnswerCache(lambda: freshness.for_request(store), ttl=cache_ttl)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        threads = endpoint_threads(store)
        if threads:
            anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        yield
        state.jobs.shutdown()
        freshness.close(store)
        store.close()
        shutil.rmtree(work, ignore_errors=True)

    app = FastAPI(title="bluebook", version="0.1.0", lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Diplomatic events of Viet Nam: search, events, partners, documents, ingest, reports.")
    app.state.bluebook = state
    problems.install(app)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")
    for r in (api.router, apidocs.router, browse.router, detail.router, editor.router, report.router):
        app.include_router(r)
    app.add_middleware(ResponseCache, cache=state.answers)    # inside the security headers: they go on hits too
    app.add_middleware(SecurityHeaders)
    return app

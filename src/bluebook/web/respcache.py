"""Whole answers of the read-only JSON API, kept a short while per exact query.

Readers repeat themselves (the first page of a popular search, a partner's events): an
answer already computed is sent again without routing, parameter validation, queries or
JSON encoding. Keyed by the path and the query parameters (sorted by name; the order of
repeated names is kept, since the last one wins), bounded in entries and bytes (least
recently used out first), and dropped when it is older than ``ttl`` seconds or when the
database's write token (web/freshness.py) has moved since it was computed: any write, by
this app or another process, makes the next read fresh.

Only 200 answers to GET on the paths of ``CACHED`` without a cookie being set are kept.
"""
from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

from bluebook.web.freshness import Token
from bluebook.web.security import ASGIApp, Message, Scope

# What answers the same to everyone: not /api/csrf (a cookie), nor jobs or reports (files of this process).
CACHED = re.compile(r"^/api/(search|stats|events(/activity|/\d+)?|partners(/[A-Za-z0-9_-]+)?|documents(/\d+)?)$")
TTL = 30.0
MAX_ENTRIES = 4096
MAX_BYTES = 64 * 1024 * 1024
MAX_ENTRY_BYTES = 2 * 1024 * 1024       # a bigger answer (a long document) is not worth the room
STATUS_HEADER = b"x-bluebook-cache"


@dataclass(slots=True)
class Entry:
    at: float
    token: Token
    start: Message
    body: bytes


def cache_key(path: str, query_string: bytes) -> tuple[str, str]:
    pairs = parse_qsl(query_string.decode("latin-1"), keep_blank_values=True)
    pairs.sort(key=lambda kv: kv[0])          # stable: repeated names keep their order
    return path, urlencode(pairs)


class AnswerCache:
    """The kept answers of one app: an LRU bounded in entries and bytes, each tagged with its token."""

    def __init__(self, token: Callable[[], Token | None], ttl: float = TTL, max_entries: int = MAX_ENTRIES,
                 max_bytes: int = MAX_BYTES) -> None:
        self.token, self.ttl = token, ttl
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[tuple[str, str], Entry] = OrderedDict()
        self.bytes = 0
        self.hits = self.misses = 0

    def get(self, key: tuple[str, str], token: Token | None) -> Entry | None:
        e = self.entries.get(key)
        if e is None:
            return None
        if token is not None and e.token == token and time.monotonic() - e.at < self.ttl:
            self.entries.move_to_end(key)
            return e
        self.drop(key)
        return None

    def put(self, key: tuple[str, str], e: Entry) -> None:
        self.drop(key)
        self.entries[key] = e
        self.bytes += len(e.body)
        while self.entries and (len(self.entries) > self.max_entries or self.bytes > self.max_bytes):
            _, old = self.entries.popitem(last=False)
            self.bytes -= len(old.body)

    def drop(self, key: tuple[str, str]) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old.body)

    def clear(self) -> None:
        self.entries.clear()
        self.bytes = 0


class ResponseCache:
    """Pure ASGI middleware in front of the app's routes (inside the security headers).

    Everything here runs on the event loop, as does every use of the AnswerCache: no lock. The
    token costs a few µs on SQLite, one round trip on PostgreSQL.
    """

    def __init__(self, app: ASGIApp, cache: AnswerCache) -> None:
        self.app, self.cache = app, cache

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        cache = self.cache
        if (scope["type"] != "http" or scope["method"] != "GET" or cache.ttl <= 0
                or not CACHED.match(scope["path"])):
            await self.app(scope, receive, send)
            return
        token = cache.token()
        key = cache_key(scope["path"], scope.get("query_string", b""))
        e = cache.get(key, token)
        if e is not None:
            cache.hits += 1
            await send(dict(e.start, headers=[*e.start["headers"], (STATUS_HEADER, b"hit")]))
            await send({"type": "http.response.body", "body": e.body, "more_body": False})
            return
        cache.misses += 1
        await self._compute(scope, receive, send, key, token)

    async def _compute(self, scope: Scope, receive: Any, send: Any, key: tuple[str, str],
                       token: Token | None) -> None:
        start: Message | None = None
        chunks: list[bytes] = []
        size = 0
        keep = token is not None

        async def capture(message: Message) -> None:
            nonlocal start, size, keep
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                keep = keep and message["status"] == 200 and not any(k.lower() == b"set-cookie" for k, _ in headers)
                start = dict(message, headers=headers)
                message = dict(message, headers=[*headers, (STATUS_HEADER, b"miss")])
            elif message["type"] == "http.response.body" and keep:
                body = message.get("body", b"")
                size += len(body)
                if size > MAX_ENTRY_BYTES:
                    keep = False
                    chunks.clear()
                else:
                    chunks.append(body)
                if not message.get("more_body", False) and keep and start is not None and token is not None:
                    self.cache.put(key, Entry(time.monotonic(), token, start, b"".join(chunks)))
            await send(message)

        await self.app(scope, receive, capture)

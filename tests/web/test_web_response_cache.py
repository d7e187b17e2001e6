"""Kept API answers: sent again for the same query, and never after anybody wrote."""
from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from bluebook.models import Document, Event
from bluebook.store import open_store
from bluebook.web import create_app, freshness, queries
from bluebook.web.respcache import STATUS_HEADER, AnswerCache, Entry, cache_key
from bluebook.web.routes.api import dumps

from .helpers import TOKEN, auth

CACHE = STATUS_HEADER.decode()


def _events(client: TestClient, **params: object) -> tuple[str, dict]:
    r = client.get("/api/events", params={"per_page": 100, **params})
    assert r.status_code == 200
    return r.headers[CACHE], r.json()


def _new_doc(n: int) -> tuple[Document, list[Event]]:
    text = f"Ngày 3/3/2021, Bộ trưởng Ngoại giao Việt Nam hội đàm với Bộ trưởng Ngoại giao Cuba lần {n}."
    ev = Event(type="talks", date="2021-03-03", parties=["VNM", "CUB"], evidence=text, lang="vi",
               source=f"other/{n}.txt", sentence=(0, len(text)), evidence_span=(0, len(text)))
    return Document(source=f"other/{n}.txt", original=text, text=text, lang="vi", title=f"Cuba {n}"), [ev]


def test_the_same_query_in_another_parameter_order_is_answered_from_the_cache(ro_client: TestClient) -> None:
    first = ro_client.get("/api/search", params={"q": "lào", "per_page": 7, "facets": "true"})
    again = ro_client.get("/api/search", params={"facets": "true", "per_page": 7, "q": "lào"})
    assert again.headers[CACHE] == "hit"
    assert again.content == first.content
    # the security headers go on kept answers too
    assert again.headers["x-content-type-options"] == "nosniff"


def test_a_write_by_the_app_makes_the_next_read_fresh(db_copy: Path) -> None:
    with TestClient(create_app(str(db_copy), token=TOKEN)) as c:
        _, before = _events(c)
        assert _events(c)[0] == "hit"
        doc = before["items"][0]["mentions"][0]["doc_id"]
        assert c.delete(f"/api/documents/{doc}", headers=auth(c)).status_code == 200
        state, after = _events(c)
        assert state == "miss"
        assert doc not in {m["doc_id"] for e in after["items"] for m in e["mentions"]}


def test_a_write_by_another_process_makes_the_next_read_fresh(db_copy: Path) -> None:
    with TestClient(create_app(str(db_copy), token="")) as c:
        _, before = _events(c, party="CUB")
        assert _events(c, party="CUB")[0] == "hit"
        other = open_store(str(db_copy))        # its own connections: what another process would do
        try:
            other.add_document(*_new_doc(1))
        finally:
            other.close()
        state, after = _events(c, party="CUB")
        assert state == "miss"
        assert len(after["items"]) == len(before["items"]) + 1


def test_on_either_backend_another_writer_makes_the_next_answer_fresh(store_url: str) -> None:
    with TestClient(create_app(store_url, token="")) as c:
        assert _events(c)[1]["items"] == []
        assert _events(c)[0] == "hit"
        other = open_store(store_url)       # SQLite: data_version; PostgreSQL: the write epoch
        try:
            other.add_document(*_new_doc(4))
        finally:
            other.close()
        state, after = _events(c)
        assert state == "miss" and len(after["items"]) == 1 and "CUB" in after["items"][0]["parties"]


def test_short_lived_query_caches_see_other_writers_too(db_copy: Path) -> None:
    store = open_store(str(db_copy))
    try:
        n0 = queries.totals(store)[0]
        assert queries.totals(store)[0] == n0
        other = open_store(str(db_copy))
        try:
            other.add_document(*_new_doc(2))
        finally:
            other.close()
        assert queries.totals(store)[0] == n0 + 1
    finally:
        freshness.close(store)
        store.close()


def test_the_write_token_moves_on_every_commit_and_is_none_once_closed(db_copy: Path) -> None:
    store = open_store(str(db_copy))
    try:
        f = freshness.of(store)
        t0 = f.token()
        assert t0 is not None and t0 == f.token()           # reads move nothing
        with store.db.read() as conn:
            conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
        assert f.token() == t0
        store.add_document(*_new_doc(3))
        t1 = f.token()
        assert t1 is not None and t1 != t0
        f.close()
        assert f.token() is None                          # unknown: nobody may answer from a cache
    finally:
        freshness.close(store)
        store.close()


def test_errors_and_cookie_setting_answers_are_not_kept(ro_client: TestClient) -> None:
    for _ in range(2):
        r = ro_client.get("/api/events/987654321")
        assert r.status_code == 404 and r.headers[CACHE] == "miss"
    r = ro_client.get("/api/csrf")
    assert CACHE not in r.headers


def test_a_zero_ttl_turns_the_cache_off(seeded: tuple[Path, dict[str, int]]) -> None:
    with TestClient(create_app(str(seeded[0]), token="", cache_ttl=0)) as c:
        for _ in range(2):
            r = c.get("/api/events")
            assert r.status_code == 200 and CACHE not in r.headers


def _entry(token: tuple[int, int | None], body: bytes, at: float | None = None) -> Entry:
    return Entry(time.monotonic() if at is None else at, token, {"type": "http.response.start", "status": 200,
                                                                 "headers": []}, body)


def test_the_cache_is_bounded_and_drops_the_least_recently_used_first() -> None:
    tok = (0, 1)
    c = AnswerCache(lambda: tok, ttl=30, max_entries=2, max_bytes=10)
    c.put(("/a", ""), _entry(tok, b"aaaa"))
    c.put(("/b", ""), _entry(tok, b"bbbb"))
    assert c.get(("/a", ""), tok) is not None           # /a used last: /b goes first
    c.put(("/c", ""), _entry(tok, b"cc"))
    assert set(c.entries) == {("/a", ""), ("/c", "")} and c.bytes == 6
    c.put(("/d", ""), _entry(tok, b"d" * 9))             # over the byte bound: everything older goes
    assert set(c.entries) == {("/d", "")} and c.bytes == 9


def test_an_entry_is_stale_after_its_ttl_or_under_another_token() -> None:
    tok = (0, 1)
    c = AnswerCache(lambda: tok, ttl=30)
    c.put(("/old", ""), _entry(tok, b"x", at=time.monotonic() - 31))
    c.put(("/other", ""), _entry(tok, b"y"))
    assert c.get(("/old", ""), tok) is None
    assert c.get(("/other", ""), (1, 1)) is None
    assert c.get(("/other", ""), None) is None
    assert not c.entries and c.bytes == 0


def test_the_key_sorts_names_but_keeps_the_order_of_repeated_ones() -> None:
    assert cache_key("/api/events", b"type=visit&party=LAO") == cache_key("/api/events", b"party=LAO&type=visit")
    assert cache_key("/api/events", b"q=a&q=b") != cache_key("/api/events", b"q=b&q=a")
    assert cache_key("/api/search", b"q=h%E1%BB%99i") == cache_key("/api/search", b"q=h%e1%bb%99i")


def test_json_is_compact_utf8_and_copes_with_what_orjson_refuses() -> None:
    assert dumps({"q": "Hà Nội", "n": [1, 2]}) == '{"q":"Hà Nội","n":[1,2]}'.encode()
    assert dumps({"big": 2 ** 70}) == b'{"big":1180591620717411303424}'
    assert dumps({1: "x"}) == b'{"1":"x"}'

"""What makes an uncached API request cheap keeps its answers the same: event pages built from rows,
facets from doc_parties with an 'about' marker, one write-token reading a request, endpoint threads
as many as the pool keeps connections, SQLite read through a memory map."""
from __future__ import annotations

from fastapi.testclient import TestClient

from bluebook.store import queries as store_queries
from bluebook.web import freshness, queries, service
from bluebook.web.app import endpoint_threads


def test_event_pages_from_rows_equal_the_records_as_dicts(ro_client: TestClient) -> None:
    store = ro_client.app.state.bluebook.store     # type: ignore[attr-defined]
    for kw in ({}, {"party": "LAO"}, {"type": "phone_call"}, {"year": "2023"}):
        f = service.event_filter(**kw)
        for mentions in (True, False):
            fast = service.event_dicts(store, f, 1, 100, None, mentions)
            slow = service.events(store, f, 1, 100)
            assert fast.items == [service.event_dict(e, mentions) for e in slow.items]
            assert (fast.has_next, fast.page) == (slow.has_next, slow.page)
    api = ro_client.get("/api/events", params={"per_page": 100}).json()["items"]
    assert api and api == [e.to_dict() for e in store.events(limit=100)]
    assert all(m["evidence_span"] == list(m["evidence_span"]) for e in api for m in e["mentions"])


def test_facets_count_the_same_as_mentions_and_event_parties(ro_client: TestClient) -> None:
    store = ro_client.app.state.bluebook.store     # type: ignore[attr-defined]
    body = ro_client.get("/api/search", params={"q": "", "facets": "true", "per_page": 100}).json()
    ids = [h["doc_id"] for h in body["items"]]
    with store.db.read() as conn:
        by_party: dict[str, set[int]] = {}
        for party, doc in conn.exec_driver_sql(
                "SELECT p.party, m.doc_id FROM mentions m JOIN event_parties p ON p.event_id = m.event_id "
                "WHERE p.party <> 'VNM'"):
            if doc in ids:
                by_party.setdefault(party, set()).add(doc)
    assert {f["value"]: f["count"] for f in body["facets"]["party"]} == {p: len(d) for p, d in by_party.items()}


def test_facets_say_about_when_they_count_a_sample(ro_client: TestClient, monkeypatch) -> None:
    store = ro_client.app.state.bluebook.store     # type: ignore[attr-defined]
    every = service.facets(store, service.SearchParams(""))
    assert every.sample >= 3 and every.about is False and every.to_dict()["about"] is False
    queries.forget(store)
    sampled = queries.search_facets(store, "", None, {}, sample=2)
    assert sampled.sample == 2 and sampled.about is True


def test_a_request_reads_the_write_token_once(ro_client: TestClient, monkeypatch) -> None:
    store = ro_client.app.state.bluebook.store     # type: ignore[attr-defined]
    f = freshness.of(store)
    reads: list[int] = []
    real = f.token
    monkeypatch.setattr(f, "token", lambda: reads.append(1) or real())
    queries.forget(store)
    assert ro_client.get("/api/search", params={"q": "lào", "facets": "true", "zz": "1"}).status_code == 200
    assert len(reads) == 1          # the response cache's, reused by the ranking's and the facets' caches
    reads.clear()
    assert queries.cached(store, ("outside a request",), 60, lambda: 1) == 1
    assert len(reads) == 1          # no request: read as before


def test_endpoint_threads_match_the_pool_and_sqlite_reads_are_mapped(ro_client: TestClient) -> None:
    store = ro_client.app.state.bluebook.store     # type: ignore[attr-defined]
    assert endpoint_threads(store) == store.engine.pool.size()
    with store.db.read() as conn:
        assert int(conn.exec_driver_sql("PRAGMA mmap_size").scalar()) > 0
    # the pages of one filter agree with the ids page query, whichever way they are built
    with store.db.read() as conn:
        ids = store_queries.event_ids_page(conn, limit=100)
        assert [e["id"] for e in store_queries.event_dicts(conn, ids or [])] == ids

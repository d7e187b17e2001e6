"""Keyset pages of /api/events, facets that agree with the filters, the caches, several workers."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bluebook.errors import ConfigError
from bluebook.web import queries
from bluebook.web.reports import ReportFiles
from bluebook.web.server import serve


def test_keyset_pages_follow_next_after_through_every_event(ro_client: TestClient) -> None:
    every = [e["id"] for e in ro_client.get("/api/events", params={"per_page": 100}).json()["items"]]
    assert len(every) >= 3
    seen, after = [], None
    while True:
        params = {"per_page": 2, "mentions": "false"} | ({"after": after} if after is not None else {})
        body = ro_client.get("/api/events", params=params).json()
        seen += [e["id"] for e in body["items"]]
        assert body["has_next"] == (body["next_after"] is not None)
        if not body["has_next"]:
            break
        assert body["next_after"] == body["items"][-1]["id"]
        after = body["next_after"]
    assert seen == every


def test_an_unknown_cursor_is_a_coded_error_not_an_empty_page(ro_client: TestClient) -> None:
    r = ro_client.get("/api/events", params={"after": 987654321})
    assert r.status_code == 400
    assert "after" in r.text


def test_party_facet_counts_what_the_party_filter_returns(ro_client: TestClient) -> None:
    body = ro_client.get("/api/search", params={"q": "", "facets": "true"}).json()
    parties = {f["value"]: f["count"] for f in body["facets"]["party"]}
    assert parties and "VNM" not in parties
    for code, n in parties.items():
        narrowed = ro_client.get("/api/search", params={"q": "", "party": code, "per_page": 100}).json()
        assert len(narrowed["items"]) == n, code


def test_cached_values_last_until_the_app_writes(ro_client: TestClient) -> None:
    store = ro_client.app.state.bluebook.store     # type: ignore[attr-defined]
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert queries.cached(store, ("probe",), 60, compute) == 1
    assert queries.cached(store, ("probe",), 60, compute) == 1      # kept
    assert queries.cached(store, ("probe",), 0, compute) == 2       # expired
    queries.forget(store)
    assert queries.cached(store, ("probe",), 60, compute) == 3      # dropped by a write


def test_several_workers_are_refused_with_an_editor_token() -> None:
    with pytest.raises(ConfigError, match="single worker"):
        serve("unused.db", token="a-long-enough-token", workers=2)


def test_a_report_written_by_another_worker_is_found_in_the_shared_folder(tmp_path: Path) -> None:
    rid = "A" * 24
    (tmp_path / f"{rid}.docx").write_bytes(b"PK\x03\x04")
    rf = ReportFiles(tmp_path).get(rid)
    assert rf is not None and rf.path == tmp_path / f"{rid}.docx" and rf.media_type.endswith("document")
    assert ReportFiles(tmp_path).get("../" + rid) is None

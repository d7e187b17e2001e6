"""The JSON API: every endpoint answers, filters narrow, errors are coded JSON."""
from __future__ import annotations

from fastapi.testclient import TestClient


def test_search_ignores_diacritics_and_highlights(ro_client: TestClient, doc_ids: dict[str, int]) -> None:
    with_marks = ro_client.get("/api/search", params={"q": "điện đàm"}).json()
    without = ro_client.get("/api/search", params={"q": "dien dam"}).json()
    ids = [h["doc_id"] for h in with_marks["items"]]
    assert doc_ids["vi_nhat.txt"] in ids
    assert ids == [h["doc_id"] for h in without["items"]]
    hit = next(h for h in without["items"] if h["doc_id"] == doc_ids["vi_nhat.txt"])
    assert "<mark>điện</mark> <mark>đàm</mark>" in hit["snippet_html"]


def test_search_facets_count_and_filters_narrow(ro_client: TestClient, doc_ids: dict[str, int]) -> None:
    body = ro_client.get("/api/search", params={"q": "hội đàm", "facets": "true"}).json()
    parties = {f["value"]: f["count"] for f in body["facets"]["party"]}
    assert parties.get("LAO") == 1 and parties.get("KHM") == 1
    assert {f["value"] for f in body["facets"]["language"]} == {"vi"}
    narrowed = ro_client.get("/api/search", params={"q": "hội đàm", "party": "LAO"}).json()
    assert [h["doc_id"] for h in narrowed["items"]] == [doc_ids["vi_lao.txt"]]
    by_year = ro_client.get("/api/search", params={"q": "", "year": "2023"}).json()
    assert [h["doc_id"] for h in by_year["items"]] == [doc_ids["vi_nhat.txt"]]
    english = ro_client.get("/api/search", params={"language": "en"}).json()
    assert [h["doc_id"] for h in english["items"]] == [doc_ids["en_australia.txt"]]


def test_search_pages_do_not_overlap(ro_client: TestClient) -> None:
    first = ro_client.get("/api/search", params={"q": "", "per_page": 2}).json()
    second = ro_client.get("/api/search", params={"q": "", "per_page": 2, "page": 2}).json()
    assert first["has_next"] is True and len(first["items"]) == 2
    assert not {h["doc_id"] for h in first["items"]} & {h["doc_id"] for h in second["items"]}


def test_events_filter_by_type_party_year_and_language(ro_client: TestClient) -> None:
    calls = ro_client.get("/api/events", params={"type": "phone_call"}).json()["items"]
    assert calls and all(e["type"] == "phone_call" for e in calls)
    assert {p for e in calls for p in e["parties"]} >= {"JPN", "AUS"}
    lao = ro_client.get("/api/events", params={"party": "lao"}).json()["items"]
    assert lao and all("LAO" in e["parties"] for e in lao)
    y2023 = ro_client.get("/api/events", params={"year": "2023", "mentions": "false"}).json()["items"]
    assert y2023 and all(e["date"].startswith("2023") for e in y2023) and "mentions" not in y2023[0]
    en = ro_client.get("/api/events", params={"language": "en"}).json()["items"]
    assert en and all("en" in e["langs"] for e in en)


def test_events_come_in_date_order(ro_client: TestClient) -> None:
    # a partial date sorts at the start of its month or year
    starts = [(e["date"] + "-01-01")[:10] for e in ro_client.get("/api/events").json()["items"]]
    assert starts == sorted(starts)


def test_bad_filters_are_coded_400s(ro_client: TestClient) -> None:
    r = ro_client.get("/api/events", params={"type": "party"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E011"
    r = ro_client.get("/api/events", params={"date_from": "yesterday"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "E010"
    r = ro_client.get("/api/search", params={"party": "'; DROP TABLE events; --"})
    assert r.status_code == 400 and "hint" in r.json()["error"]
    r = ro_client.get("/api/events", params={"page": "zero"})
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid"


def test_one_event_and_missing_event(ro_client: TestClient) -> None:
    first = ro_client.get("/api/events").json()["items"][0]
    one = ro_client.get(f"/api/events/{first['id']}").json()
    assert one["id"] == first["id"] and one["mentions"][0]["evidence"]
    r = ro_client.get("/api/events/999999")
    assert r.status_code == 404 and r.json()["error"]["code"] == "err_no_event"


def test_activity_counts_per_year_and_month(ro_client: TestClient) -> None:
    years = ro_client.get("/api/events/activity").json()
    assert set(years) == {"2023", "2024"} and sum(years.values()) >= 5
    months = ro_client.get("/api/events/activity", params={"year": "2024"}).json()
    assert all(k.startswith("2024-") for k in months) and "2024-04" in months


def test_partners_and_one_partner(ro_client: TestClient) -> None:
    partners = {p["code"]: p for p in ro_client.get("/api/partners").json()}
    assert partners["LAO"]["name_vi"] == "Lào" and partners["LAO"]["name_en"] == "Laos"
    assert "VNM" not in partners
    lao = ro_client.get("/api/partners/LAO").json()
    assert lao["total"] == partners["LAO"]["events"]
    assert lao["by_type"].get("agreement") == len(lao["agreements"]) >= 1
    assert "Thongloun Sisoulith" in [p["name"] for p in lao["leaders_met"]]
    assert ro_client.get("/api/partners/ZZZ").status_code == 404


def test_documents_list_and_one(ro_client: TestClient, doc_ids: dict[str, int]) -> None:
    listed = ro_client.get("/api/documents", params={"per_page": 100}).json()["items"]
    assert {d["doc_id"] for d in listed} == set(doc_ids.values())
    doc = ro_client.get(f"/api/documents/{doc_ids['vi_lao.txt']}").json()
    assert doc["text"].startswith("Chủ tịch nước thăm") and doc["mentions"]
    slim = ro_client.get(f"/api/documents/{doc_ids['vi_lao.txt']}", params={"text": "false"}).json()
    assert "text" not in slim
    assert ro_client.get("/api/documents/424242").status_code == 404


def test_stats_counts_what_is_stored(ro_client: TestClient, doc_ids: dict[str, int]) -> None:
    s = ro_client.get("/api/stats").json()
    assert s["documents"] == len(doc_ids) and s["events"] > 0 and "LAO" in s["by_partner"]


def test_openapi_and_docs_page_list_the_api(ro_client: TestClient) -> None:
    paths = ro_client.get("/openapi.json").json()["paths"]
    for p in ("/api/search", "/api/events", "/api/partners", "/api/documents/{doc_id}", "/api/stats",
              "/api/ingest"):
        assert p in paths
    assert not any(p.startswith("/event/") or p == "/search" for p in paths)   # pages are not API
    page = ro_client.get("/docs").text
    assert "/api/events/{event_id}" in page and "<script>" not in page.split("</head>")[1]

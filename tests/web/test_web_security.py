"""Security rules: read-only without a token, token + CSRF for writes, limits, escaping, headers."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bluebook.errors import ConfigError
from bluebook.web import create_app

from .helpers import TOKEN, UPLOAD_FILE, auth, csrf_of

XSS_BITS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')


def _upload(client: TestClient, headers: dict[str, str], name: str = "cuba.txt",
            data: bytes | None = None) -> object:
    body = UPLOAD_FILE.read_bytes() if data is None else data
    return client.post("/api/ingest", headers=headers, files=[("files", (name, body, "text/plain"))])


def _wait(client: TestClient, job: str, seconds: float = 30) -> dict:
    end = time.time() + seconds
    while time.time() < end:
        j = client.get(f"/api/ingest/{job}").json()
        if j["state"] in ("done", "failed"):
            return j
        time.sleep(0.05)
    raise AssertionError(f"job {job} did not finish")


def test_every_response_has_security_headers(ro_client: TestClient) -> None:
    for url in ("/", "/api/events", "/static/app.css", "/no-such-page"):
        h = ro_client.get(url).headers
        csp = h["content-security-policy"]
        script_src = next(p for p in csp.split(";") if p.strip().startswith("script-src"))
        assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
        assert "frame-ancestors 'none'" in csp and h["x-frame-options"] == "DENY"
        assert h["x-content-type-options"] == "nosniff" and h["referrer-policy"]


def test_pages_have_no_inline_script(ro_client: TestClient, doc_ids: dict[str, int]) -> None:
    for url in ("/", "/search?q=lao", "/events", f"/document/{doc_ids['vi_lao.txt']}", "/upload", "/report"):
        html = ro_client.get(url).text
        assert html.count("<script") == html.count('<script src="/static/') == 1, url


@pytest.mark.parametrize("url", ["/document/{id}", "/search?q=script", "/search?q=onerror", "/events?party=KHM",
                                 "/api/documents/{id}"])
def test_stored_markup_is_shown_inert(ro_client: TestClient, doc_ids: dict[str, int], url: str) -> None:
    r = ro_client.get(url.format(id=doc_ids["xss.txt"]))
    assert r.status_code == 200
    if url.startswith("/api/"):
        assert r.headers["content-type"].startswith("application/json")
        assert XSS_BITS[0] in r.json()["text"]          # JSON keeps the text exactly; browsers will not run it
        return
    for bit in XSS_BITS:
        assert bit not in r.text
    assert "<img" not in r.text and "onerror=alert" not in r.text.replace("onerror=alert(1)&gt;", "")
    if not url.startswith("/events"):       # the timeline shows summaries, not the document's words
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text


def test_event_page_of_markup_document_is_inert(ro_client: TestClient, doc_ids: dict[str, int]) -> None:
    doc = ro_client.get(f"/api/documents/{doc_ids['xss.txt']}").json()
    html = ro_client.get(f"/event/{doc['mentions'][0]['event_id']}").text
    assert "<script>alert" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_query_is_escaped_where_it_is_echoed(ro_client: TestClient) -> None:
    q = '"><script>alert(2)</script>'
    html = ro_client.get("/search", params={"q": q}).text
    assert "<script>alert(2)" not in html and 'value="&#34;&gt;&lt;script&gt;alert(2)&lt;/script&gt;"' in html


def test_read_only_app_refuses_every_write(ro_client: TestClient, doc_ids: dict[str, int]) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}", "X-CSRF-Token": csrf_of(ro_client)}
    r = _upload(ro_client, headers)
    assert r.status_code == 403 and r.json()["error"]["code"] == "err_read_only"
    assert ro_client.delete(f"/api/documents/{doc_ids['vi_lao.txt']}", headers=headers).status_code == 403
    form = ro_client.post("/login", data={"token": TOKEN, "csrf": csrf_of(ro_client)})
    assert form.status_code == 403
    assert ro_client.get(f"/api/documents/{doc_ids['vi_lao.txt']}").status_code == 200


def test_writes_need_the_token_and_csrf(editor_client: TestClient) -> None:
    csrf = csrf_of(editor_client)
    assert _upload(editor_client, {"X-CSRF-Token": csrf}).status_code == 401
    assert _upload(editor_client, {"Authorization": "Bearer wrong-token-xyz", "X-CSRF-Token": csrf}).status_code == 401
    no_csrf = _upload(editor_client, {"Authorization": f"Bearer {TOKEN}"})
    assert no_csrf.status_code == 403 and no_csrf.json()["error"]["code"] == "err_csrf"
    bad_csrf = _upload(editor_client, {"Authorization": f"Bearer {TOKEN}", "X-CSRF-Token": "x" * 32})
    assert bad_csrf.status_code == 403
    foreign = _upload(editor_client, {**auth(editor_client), "Origin": "https://evil.example"})
    assert foreign.status_code == 403 and foreign.json()["error"]["code"] == "err_origin"


def test_upload_with_token_and_csrf_ingests_events(editor_client: TestClient) -> None:
    r = _upload(editor_client, auth(editor_client), name="../../etc/cuba.txt")
    assert r.status_code == 202, r.text
    job = _wait(editor_client, r.json()["job"])
    assert job["state"] == "done" and job["added"] == 1 and job["events"] >= 1
    assert job["results"][0]["source"] == "upload/cuba.txt"          # no client path survives
    cuba = editor_client.get("/api/events", params={"party": "CUB"}).json()["items"]
    assert cuba and cuba[0]["mentions"][0]["source"] == "upload/cuba.txt"
    found = editor_client.get("/api/search", params={"q": "gao vien tro"}).json()["items"]
    assert [h["doc_id"] for h in found] == [job["results"][0]["doc_id"]]


def test_bad_upload_is_listed_as_reject(editor_client: TestClient) -> None:
    r = _upload(editor_client, auth(editor_client), name="empty.txt", data=b"")
    job = _wait(editor_client, r.json()["job"])
    assert job["rejected"] == 1 and job["rejects"][0]["code"].startswith("E")
    assert editor_client.get("/api/stats").json()["rejects"]["total"] == 1


def test_upload_limits_size_type_and_count(db_copy: Path) -> None:
    app = create_app(str(db_copy), token=TOKEN, max_upload_bytes=2000, max_upload_files=2)
    with TestClient(app) as c:
        big = _upload(c, auth(c), data=b"x" * 5000)
        assert big.status_code == 413
        exe = _upload(c, auth(c), name="tool.exe", data=b"MZ....")
        assert exe.status_code == 415 and "tool.exe" in exe.json()["error"]["hint"]
        three = c.post("/api/ingest", headers=auth(c),
                       files=[("files", (f"{i}.txt", b"Xin chao", "text/plain")) for i in range(3)])
        assert three.status_code == 413
        assert c.post("/api/ingest", headers=auth(c), files=[]).status_code in (400, 422)


def test_delete_needs_token_and_csrf_then_removes(editor_client: TestClient, doc_ids: dict[str, int]) -> None:
    doc = doc_ids["vi_nhat.txt"]
    assert editor_client.delete(f"/api/documents/{doc}", headers={"X-CSRF-Token": csrf_of(editor_client)}
                                ).status_code == 401
    assert editor_client.delete(f"/api/documents/{doc}", headers=auth(editor_client)).json() == {"deleted": doc}
    assert editor_client.get(f"/api/documents/{doc}").status_code == 404


def test_browser_login_sets_session_and_form_upload_works(editor_client: TestClient) -> None:
    csrf = csrf_of(editor_client)
    assert editor_client.post("/login", data={"token": "nope-nope-nope", "csrf": csrf}).status_code == 401
    assert editor_client.post("/login", data={"token": TOKEN, "csrf": "forged" * 5}).status_code == 403
    ok = editor_client.post("/login", data={"token": TOKEN, "csrf": csrf}, follow_redirects=False)
    assert ok.status_code == 303 and TOKEN not in ok.headers["set-cookie"]
    assert "bb_editor=" in ok.headers["set-cookie"] and "httponly" in ok.headers["set-cookie"].lower()
    form = editor_client.post("/upload", data={"csrf": csrf}, follow_redirects=False,
                              files=[("files", ("c.txt", UPLOAD_FILE.read_bytes(), "text/plain"))])
    assert form.status_code == 303 and form.headers["location"].startswith("/upload/")
    no_csrf = editor_client.post("/upload", files=[("files", ("c.txt", b"abc", "text/plain"))])
    assert no_csrf.status_code == 403


def test_report_downloads_only_by_known_opaque_id(ro_client: TestClient) -> None:
    for rid in ("../../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "A" * 24, "%00"):
        assert ro_client.get(f"/report/{rid}").status_code == 404
        assert ro_client.get(f"/api/reports/{rid}").status_code == 404
    assert ro_client.get("/static/../app.py").status_code == 404
    assert ro_client.post("/api/reports", params={"lang": "en", "format": "md"}).status_code == 403


def test_short_or_env_token(monkeypatch: pytest.MonkeyPatch, db_copy: Path) -> None:
    with pytest.raises(ConfigError):
        create_app(str(db_copy), token="short")
    monkeypatch.setenv("BLUEBOOK_TOKEN", TOKEN)
    assert create_app(str(db_copy)).state.bluebook.token == TOKEN
    assert create_app(str(db_copy), token="").state.bluebook.read_only

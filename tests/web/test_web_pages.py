"""Server-rendered pages: what each one shows, the language switch, and the report download."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from .helpers import csrf_of

PAGES = ["/", "/search?q=lao", "/events", "/events?year=2024", "/partners", "/partner/LAO", "/report", "/upload",
         "/docs"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_renders_in_both_languages(ro_client: TestClient, lang: str) -> None:
    for url in PAGES:
        r = ro_client.get(url, params={"lang": lang}) if "?" not in url else ro_client.get(f"{url}&lang={lang}")
        assert r.status_code == 200, url
        assert f'<html lang="{lang}">' in r.text
        assert not re.search(r">(nav|err|f|col|type)_[a-z_]+<", r.text), f"untranslated key on {url}"


def test_language_choice_sticks_in_a_cookie(ro_client: TestClient) -> None:
    ro_client.cookies.clear()
    assert "Tìm kiếm" in ro_client.get("/").text                     # Vietnamese by default
    r = ro_client.get("/", params={"lang": "en"})
    assert ">Search<" in r.text and "bb_lang=en" in r.headers["set-cookie"]
    assert '<html lang="en">' in ro_client.get("/events").text
    ro_client.cookies.clear()
    assert '<html lang="en">' in ro_client.get("/", headers={"Accept-Language": "en-GB,en;q=0.8"}).text


def test_search_page_shows_snippets_facets_and_keeps_filters(ro_client: TestClient) -> None:
    html = ro_client.get("/search", params={"q": "hoi dam"}).text
    assert "<mark>hội</mark> <mark>đàm</mark>" in html
    facet_links = re.findall(r'href="(/search\?[^"]*party=LAO[^"]*)"', html)
    assert facet_links and "q=hoi+dam" in facet_links[0]
    narrowed = ro_client.get(facet_links[0].replace("&amp;", "&")).text
    assert narrowed.count('class="hit"') == 1 and "Lào" in narrowed


def test_events_page_has_table_chart_and_filters(ro_client: TestClient) -> None:
    html = ro_client.get("/events", params={"type": "phone_call"}).text
    assert "<svg" in html and html.count('class="bar"') == 2        # 2023 and 2024
    rows = re.findall(r'<a class="summary" href="/event/(\d+)"', html)
    assert len(rows) == 2
    assert '<option value="phone_call" selected>' in html


def test_event_page_highlights_evidence_and_both_summaries(ro_client: TestClient) -> None:
    lao_talks = next(e for e in ro_client.get("/api/events", params={"party": "LAO", "type": "talks"}).json()["items"]
                     if "LAO" in e["parties"])
    html = ro_client.get(f"/event/{lao_talks['id']}").text
    evidence = lao_talks["mentions"][0]["evidence"]
    marked = re.search(r'<mark class="ev">(.*?)</mark>', html, re.S)
    assert marked and re.sub(r"<[^>]+>", "", marked.group(1)) == evidence
    assert '<span class="sent">' in html
    assert 'class="summary-vi">' + lao_talks["summary_vi"] in html
    assert 'class="summary-en">' + lao_talks["summary_en"] in html


def test_document_page_links_entities_marks_events_and_hides_dropped(ro_client: TestClient,
                                                                      doc_ids: dict[str, int]) -> None:
    url = f"/document/{doc_ids['vi_lao.txt']}"
    html = ro_client.get(url).text
    assert 'href="/partner/LAO"' in html
    assert re.search(r'<mark class="ev" id="m\d+"', html)
    assert "Bản quyền thuộc về" not in html
    shown = ro_client.get(url, params={"dropped": "1"}).text
    assert re.search(r'class="blk blk-boilerplate dropped">.*Bản quyền thuộc về', shown)


def test_partner_page_summarises_relations(ro_client: TestClient) -> None:
    html = ro_client.get("/partner/LAO").text
    assert "Thongloun Sisoulith" in html and "<svg" in html
    assert re.search(r"Thỏa thuận, hiệp định</h2>\s*<table", html)
    assert ro_client.get("/partner/ATL").status_code == 404
    assert ro_client.get("/partner/<b>").status_code in (400, 404)


def test_errors_render_as_pages(ro_client: TestClient) -> None:
    r = ro_client.get("/event/987654", params={"lang": "en"})
    assert r.status_code == 404 and "No such event." in r.text and "<html" in r.text
    r = ro_client.get("/events", params={"date_from": "soon"})
    assert r.status_code == 400 and "YYYY" in r.text


@pytest.mark.parametrize("fmt,marker,suffix", [("html", b"<html", "html"), ("md", b"PK", "md.zip"),
                                               ("docx", b"PK", "docx")])
def test_report_form_generates_a_download(ro_client: TestClient, fmt: str, marker: bytes, suffix: str) -> None:
    r = ro_client.post("/report", data={"csrf": csrf_of(ro_client), "year": "2024", "report_lang": "en",
                                        "format": fmt}, follow_redirects=False)
    assert r.status_code == 303, r.text
    file = ro_client.get(r.headers["location"])
    assert file.status_code == 200 and marker in file.content[:200]
    assert f'filename="bluebook-2024-en.{suffix}"' in file.headers["content-disposition"]
    if fmt == "md":
        import io
        import zipfile

        names = zipfile.ZipFile(io.BytesIO(file.content)).namelist()
        assert "report.md" in names and any(n.startswith("charts/") and n.endswith(".png") for n in names)


def test_report_api_and_bad_period(ro_client: TestClient) -> None:
    headers = {"X-CSRF-Token": csrf_of(ro_client)}
    made = ro_client.post("/api/reports", params={"lang": "vi", "format": "html", "year": "2024"}, headers=headers)
    assert made.status_code == 201
    html = ro_client.get(made.json()["url"]).text
    assert "Lào" in html
    bad = ro_client.post("/api/reports", params={"lang": "vi", "format": "html", "date_from": "nope"},
                         headers=headers)
    assert bad.status_code == 400 and bad.json()["error"]["code"] == "E010"


def test_facets_say_they_are_a_sample_only_when_they_are(ro_client: TestClient) -> None:
    html = ro_client.get("/search", params={"q": "hoi dam", "party": "LAO"}).text
    assert 'class="hit"' in html
    assert "Counted over the top" not in html and "Đếm trên" not in html

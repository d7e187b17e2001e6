"""Real Chromium through Playwright against a live server: what a reader and an editor do.

Screenshots go to test-artifacts/web/. Skipped only when Debian's Chromium is absent
(scripts/install-system.sh installs it).
"""
from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from .helpers import ARTIFACTS, TOKEN, UPLOAD_FILE, copy_db, free_port

CHROMIUM = "/usr/bin/chromium"
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not os.path.exists(CHROMIUM), reason=f"{CHROMIUM} is absent: "
                                 "run scripts/install-system.sh (apt-get install chromium)")]


@pytest.fixture(scope="module")
def server(seeded: tuple[Path, dict[str, int]], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn

    from bluebook.web import create_app

    db = copy_db(seeded[0], tmp_path_factory.mktemp("live") / "live.db")
    port = free_port()
    config = uvicorn.Config(create_app(str(db), token=TOKEN), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    end = time.time() + 20
    while not srv.started:
        if time.time() > end or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM)
        yield b
        b.close()


@pytest.fixture
def page(browser: object, server: str) -> Iterator[object]:
    ctx = browser.new_context(base_url=server, accept_downloads=True, locale="vi-VN",
                              viewport={"width": 1280, "height": 900})
    pg = ctx.new_page()
    pg.set_default_timeout(10_000)
    dialogs: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.dialogs = dialogs
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, f"script errors on the page: {errors}"


def shot(pg: object, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_search_vietnamese_with_and_without_diacritics(page: object) -> None:
    page.goto("/")
    page.fill("#q", "hội đàm")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=h%E1%BB%99i"))
    with_marks = page.locator(".hit-title").all_inner_texts()
    assert len(with_marks) == 2
    assert page.locator(".snippet mark").first.inner_text().lower() in ("hội", "đàm")
    shot(page, "search-diacritics")
    page.fill("#q", "hoi dam")
    page.press("#q", "Enter")
    page.wait_for_url(re.compile(r"q=hoi\+dam"))
    assert page.locator(".hit-title").all_inner_texts() == with_marks


def test_click_a_facet_narrows_the_results(page: object) -> None:
    page.goto("/search?q=hoi+dam")
    page.locator('.facet[data-facet="party"] a', has_text="Lào").click()
    page.wait_for_url(re.compile(r"party=LAO"))
    assert page.locator(".hit").count() == 1
    assert "Lào" in page.locator(".hit-title").inner_text()
    assert page.locator(".facet li.active").first.is_visible()
    shot(page, "search-facet")


def test_open_an_event_and_see_the_evidence(page: object) -> None:
    page.goto("/events?party=LAO&type=talks")
    page.locator("a.summary").first.click()
    page.wait_for_url(re.compile(r"/event/\d+"))
    ev = page.locator("blockquote.passage mark.ev").first
    assert ev.is_visible()
    assert "hội đàm" in ev.inner_text()
    bg = ev.evaluate("e => getComputedStyle(e).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent")
    shot(page, "event")


def test_stored_script_never_runs(page: object, seeded: tuple[Path, dict[str, int]]) -> None:
    page.goto(f"/document/{seeded[1]['xss.txt']}")
    assert "<script>alert(1)</script>" in page.locator(".doc-text").inner_text()
    page.goto("/search?q=script")
    page.goto("/search?q=%22%3E%3Cscript%3Ealert(3)%3C%2Fscript%3E")
    page.wait_for_timeout(200)
    assert page.dialogs == []
    assert page.locator("img").count() == 0
    shot(page, "xss-inert")


def test_switch_language(page: object) -> None:
    page.goto("/events")
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text() == "Dòng thời gian sự kiện"
    page.click("#lang-switch")
    page.wait_for_url(re.compile(r"lang=en"))
    assert page.locator("h1").inner_text() == "Timeline of events"
    page.goto("/partners")                    # the choice sticks
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("a", has_text="Laos").count() == 1
    shot(page, "partners-en")


def test_upload_with_token_and_see_events(page: object) -> None:
    page.goto("/upload")
    page.fill("#token", TOKEN)
    page.locator("form.login button").click()
    page.wait_for_url(re.compile(r"/upload$"))
    page.set_input_files("#files", str(UPLOAD_FILE))
    page.click("#upload-submit")
    page.wait_for_url(re.compile(r"/upload/[\w-]+$"))
    page.wait_for_selector("#job-results", timeout=30_000)
    assert page.locator("#job-state").inner_text() in ("xong", "done")
    shot(page, "upload-done")
    page.locator("a.event-link").first.click()
    page.wait_for_url(re.compile(r"/event/\d+"))
    assert "Cuba" in page.locator("main").inner_text()
    page.goto("/search?q=gao+vien+tro")
    assert page.locator(".hit").count() == 1


def test_download_a_report(page: object, tmp_path: Path) -> None:
    page.goto("/report?lang=en")
    page.select_option("#report-year", "2024")
    page.check('input[name="format"][value="html"]')
    page.check('input[name="report_lang"][value="en"]')
    with page.expect_download() as dl:
        page.click("#report-submit")
    out = tmp_path / dl.value.suggested_filename
    dl.value.save_as(out)
    assert out.name == "bluebook-2024-en.html"
    assert "Laos" in out.read_text(encoding="utf-8")
    page.goto("/events?year=2024&lang=en")
    shot(page, "events-2024")


def test_document_shows_dropped_text_on_request_and_links_partners(page: object,
                                                                  seeded: tuple[Path, dict[str, int]]) -> None:
    page.goto(f"/document/{seeded[1]['vi_lao.txt']}")
    assert page.locator(".blk.dropped").count() == 0 and page.locator("mark.ev").count() >= 2
    page.click("#toggle-dropped")
    page.wait_for_url(re.compile(r"dropped=1"))
    assert "Bản quyền thuộc về" in page.locator(".blk.dropped").first.inner_text()
    shot(page, "document-dropped")
    page.locator('.doc-text a.ent[href="/partner/LAO"]').first.click()
    page.wait_for_url(re.compile(r"/partner/LAO"))
    assert "Thongloun Sisoulith" in page.locator("main").inner_text()
    shot(page, "partner-lao")

"""Reports built once per session from the fixed events in fixtures.py (both languages)."""
from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fixtures as F  # noqa: E402

from bluebook.report import Report, build_report  # noqa: E402

TODAY = date(2021, 1, 15)


@pytest.fixture(scope="session")
def gaz():
    return F.gazetteer()


@pytest.fixture(scope="session")
def reports(gaz) -> dict[str, Report]:
    """The 2020 report in English and Vietnamese, with charts."""
    return {lang: build_report(F.events(), lang=lang, period=("2020", "2020"), gazetteer=gaz, today=TODAY)
            for lang in ("en", "vi")}


@pytest.fixture(scope="session")
def pdfs(reports, tmp_path_factory) -> dict[str, Path]:
    from bluebook.report import render

    out = tmp_path_factory.mktemp("pdf")
    return {lang: render(r, "pdf", out=out / f"bluebook-{lang}.pdf") for lang, r in reports.items()}

"""Fixtures: a seeded store (built once per worker), read-only and editor apps, CSRF helpers."""
from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from bluebook.web import create_app

from .helpers import TOKEN, build_db, copy_db

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pg_server import pg_server, pg_url, store_url  # noqa: E402,F401  (both backends, for the caches)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("webdb") / "seed.db"
    return path, build_db(path)


@pytest.fixture(scope="session")
def doc_ids(seeded: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return seeded[1]


@pytest.fixture(scope="session")
def ro_client(seeded: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    """Read-only app (token='' means no token, whatever the environment says)."""
    with TestClient(create_app(str(seeded[0]), token="")) as c:
        yield c


@pytest.fixture
def db_copy(seeded: tuple[Path, dict[str, int]], tmp_path: Path) -> Path:
    return copy_db(seeded[0], tmp_path / "copy.db")


@pytest.fixture
def editor_client(db_copy: Path) -> Iterator[TestClient]:
    """An app with the editor token, on a private copy of the store (tests here write)."""
    with TestClient(create_app(str(db_copy), token=TOKEN)) as c:
        yield c


"""Test data for the web tests: a small SQLite store filled from tests/web/data/ through the real pipeline."""
from __future__ import annotations

import shutil
import socket
import warnings
from pathlib import Path

from fastapi.testclient import TestClient

from bluebook.ingest import iter_raw
from bluebook.models import RawDoc
from bluebook.pipeline import process
from bluebook.store import open_store

DATA = Path(__file__).resolve().parent / "data"
SEED_FILES = ("vi_lao.txt", "vi_nhat.txt", "en_australia.txt", "xss.txt")
UPLOAD_FILE = DATA / "upload_cuba.txt"
TOKEN = "web-test-editor-token-7f3a"
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "web"


def build_db(path: Path) -> dict[str, int]:
    """Ingest the seed texts into a new store at ``path``; returns doc id by file name."""
    ids: dict[str, int] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        store = open_store(str(path))
        try:
            for item in iter_raw([str(DATA / f) for f in SEED_FILES]):
                assert isinstance(item, RawDoc), item
                item.source = "seed/" + Path(item.source).name
                doc = process(item)
                ids[Path(item.source).name] = store.add_document(doc, doc.events).doc_id
        finally:
            store.close()
    return ids


def copy_db(src: Path, dst: Path) -> Path:
    for suffix in ("", "-wal", "-shm"):
        if Path(str(src) + suffix).exists():
            shutil.copy(str(src) + suffix, str(dst) + suffix)
    return dst


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def csrf_of(client: TestClient) -> str:
    """Fetch a CSRF token (the client keeps the matching cookie)."""
    r = client.get("/api/csrf")
    assert r.status_code == 200
    return r.json()["csrf"]


def auth(client: TestClient) -> dict[str, str]:
    """Headers for an API write: the editor token and the CSRF token."""
    return {"Authorization": f"Bearer {TOKEN}", "X-CSRF-Token": csrf_of(client)}

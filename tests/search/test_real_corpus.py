"""On real news text, SQLite and PostgreSQL find the same documents, and snippets show real words."""
from __future__ import annotations

import gzip
import itertools
import json
from datetime import date
from pathlib import Path

import pytest

from bluebook.models import Document
from bluebook.search.fold import fold
from bluebook.store import open_store

CORPUS = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "vi-news-2024.jsonl.gz"
QUERIES = ["thu tuong", "viet nam", "ha noi", "hop tac", "trung quoc", "my", "kinh te", "bo truong ngoai giao",
           '"thu tuong chinh phu"', "lao", "asean", "2024", "covid-19", "o'clock ; drop table", "nga ukraine"]


def _docs(n: int = 250) -> list[Document]:
    if not CORPUS.exists():
        pytest.skip("../shared/corpus not present")
    out = []
    with gzip.open(CORPUS, "rt", encoding="utf-8") as f:
        for line in itertools.islice(f, n):
            r = json.loads(line)
            try:
                d = date.fromisoformat((r.get("date") or "")[:10])
            except ValueError:
                d = None
            out.append(Document(source=f"corpus#{r.get('id')}", original=r.get("text") or "",
                                text=r.get("text") or "", title=r.get("title") or "", url=r.get("url") or "",
                                doc_date=d, lang="vi"))
    return out


def test_both_backends_find_the_same_documents_in_real_news(tmp_path: Path, pg_url: str):
    docs = _docs()
    stores = [open_store(f"sqlite:///{tmp_path / 'real.db'}"), open_store(pg_url)]
    try:
        for s in stores:
            assert [r.status for r in s.add_documents(((d, []) for d in docs), batch=50)].count("failed") == 0
        # ids may differ (PostgreSQL reserves ids before it knows a document is a duplicate): compare sources
        assert stores[0].stats()["documents"] == stores[1].stats()["documents"]
        for q in QUERIES:
            found = [{h.source for h in s.search(q, limit=1000, filters={"duplicates": True})} for s in stores]
            assert found[0] == found[1], q
        assert len({h.source for h in stores[0].search("viet nam", limit=1000)}) > 20
        hits = stores[0].search("thu tuong", limit=5)
        assert hits and all(("<mark>" in h.marked()) for h in hits)
        assert {fold(h.snippet[a:b]) for h in hits for a, b in h.highlights} == {"thu", "tuong"}
    finally:
        for s in stores:
            s.close()

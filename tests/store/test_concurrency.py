"""Several processes writing, and a writer killed with SIGKILL, leave a correct store."""
from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from datetime import date

from bluebook.models import Document, Event
from bluebook.store import open_store

PARTNERS = ["LAO", "KHM", "JPN", "KOR", "AUS", "FRA", "DEU", "IND"]
TYPES = ["visit", "talks", "phone_call", "agreement"]


def make_doc(i: int) -> Document:
    words = " ".join(f"tu{(i * 7 + k) % 997}" for k in range(60))     # unique enough: no near-duplicates
    text = f"Bản tin số {i}: đoàn đại biểu Việt Nam làm việc với đối tác. {words}"
    return Document(source=f"feed.jsonl#{i}", original=text, text=text, url=f"https://feed.example/{i}",
                    lang="vi", doc_date=date(2023, 1 + i % 12, 1))


def make_events(i: int) -> list[Event]:
    """1-4 events; event k of document i is the same occurrence as in documents i+8, i+16...,
    so processes writing different documents still report shared events."""
    out = []
    for k in range(1 + i % 4):
        j = (i + k) % 8
        out.append(Event(type=TYPES[j % 4], date=f"2023-{1 + j:02d}-{10 + 3 * k:02d}", parties=["VNM", PARTNERS[j]],
                         evidence=f"sự kiện {j}-{k}", lang="vi"))
    return out


def distinct_events(ids: range) -> int:
    return len({(e.type, e.date, tuple(e.parties)) for i in ids for e in make_events(i)})


def _ingest(url: str, ids: list[int]) -> None:
    with open_store(url) as s:
        for i in ids:
            s.add_document(make_doc(i), make_events(i))


def _ingest_batched(url: str, ids: list[int]) -> None:
    with open_store(url) as s:
        for r in s.add_documents(((make_doc(i), make_events(i)) for i in ids), batch=7):
            assert r.status in ("added", "duplicate"), r.error


def _ingest_forever(url: str, ready) -> None:
    with open_store(url) as s:
        i = 0
        while True:
            s.add_document(make_doc(i), make_events(i))
            i += 1
            if i == 5:
                ready.set()


def _two_writers_then_check(store, store_url, target, orders) -> None:
    """Run two writer processes over the same 60 documents, then check nothing is lost, doubled or split."""
    store.close()         # no pooled connection may cross the fork
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=target, args=(store_url, order)) for order in orders]
    for p in procs:
        p.start()
    for p in procs:
        p.join(180)
        assert p.exitcode == 0
    with open_store(store_url) as s:
        st = s.stats()
        assert st["documents"] == 60 and s.check() == []
        assert st["mentions"] == sum(len(make_events(i)) for i in range(60))
        assert st["events"] == distinct_events(range(60))      # no event split between the two writers


def test_two_processes_ingesting_into_one_store_both_finish_correctly(store, store_url):
    _two_writers_then_check(store, store_url, _ingest,
                            [list(range(0, 40)), list(range(39, -1, -1)) + list(range(40, 60))])


def test_two_processes_ingesting_in_batches_both_finish_correctly(store, store_url):
    """The batched path and the writers' caches, with another writer committing between batches."""
    _two_writers_then_check(store, store_url, _ingest_batched,
                            [list(range(0, 60, 2)) + list(range(1, 60, 2)), list(range(59, -1, -1))])


def test_a_writer_killed_mid_ingest_leaves_a_consistent_store_and_re_adding_doubles_nothing(store, store_url):
    store.close()
    ctx = mp.get_context("fork")
    ready = ctx.Event()
    p = ctx.Process(target=_ingest_forever, args=(store_url, ready))
    p.start()
    assert ready.wait(120), "the writer never got going"
    time.sleep(0.3)
    os.kill(p.pid, signal.SIGKILL)
    p.join(30)
    with open_store(store_url) as s:
        assert s.check() == []          # integrity_check ok; every document has all its events
        n = s.stats()["documents"]
        assert n >= 5
        total = n + 5
        statuses = [s.add_document(make_doc(i), make_events(i)).status for i in range(total)]
        assert statuses.count("duplicate") == n and statuses.count("added") == 5
        st = s.stats()
        assert st["documents"] == total and s.check() == []
        assert st["mentions"] == sum(len(make_events(i)) for i in range(total))
        assert st["events"] == distinct_events(range(total))

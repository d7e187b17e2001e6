"""run_parallel: N worker processes give what one process gives, in order, in flat memory."""
from __future__ import annotations

import pickle
import unicodedata

import distributed_helpers as helpers
import pytest
from distributed_helpers import DIE, fingerprint

from bluebook.distributed.local import Job, _run_pool, chunks, process_one, run_parallel, slim
from bluebook.errors import BluebookError, ConfigError
from bluebook.models import RawDoc
from bluebook.store.prepare import PreparedDocument


@pytest.fixture(scope="module")
def one_worker(corpus: list[str]) -> list:
    return list(run_parallel(corpus, workers=1))


def test_two_workers_yield_the_same_documents_events_and_errors_in_the_same_order(corpus, one_worker):
    two = list(run_parallel(corpus, workers=2, chunk_docs=4))
    assert [fingerprint(x) for x in two] == [fingerprint(x) for x in one_worker]
    assert sum(1 for x in one_worker if not isinstance(x, Exception)) >= 40


def test_a_bad_file_costs_one_error_and_the_run_goes_on(corpus, one_worker):
    errors = [x for x in one_worker if isinstance(x, BluebookError)]
    assert [e.source for e in errors] == [corpus[-1]]
    assert errors[0].code == "E004"                       # binary input
    assert one_worker[-1] is errors[0]                    # in input order: the bad file was given last
    # the Parquet shard's rows were read like JSON Lines rows
    assert any(not isinstance(x, Exception) and ".parquet#" in x.source for x in one_worker)


def test_a_worker_that_dies_costs_its_documents_not_the_run():
    items = [RawDoc(source=f"doc{i}", text=f"Ngày {i + 1}/3/2021, Thủ tướng thăm Lào.") for i in range(6)]
    items.insert(3, RawDoc(source=DIE, text="x"))
    out = list(_run_pool(Job(), chunks(items, max_docs=1), 2, helpers.die_on_marker))
    assert [getattr(x, "source", "") for x in out] == [i.source for i in items]
    dead = [x for x in out if isinstance(x, BluebookError)]
    assert [d.source for d in dead] == [DIE]
    assert "worker process died" in dead[0].message


def test_a_bug_on_one_document_becomes_an_error_value(monkeypatch):
    import bluebook.pipeline

    def broken(*args, **kwargs):
        raise IndexError("list index out of range")

    monkeypatch.setattr(bluebook.pipeline, "process", broken)
    out = process_one(RawDoc(source="x.txt", text="Thủ tướng thăm Lào."))
    assert isinstance(out, BluebookError)
    assert out.source == "x.txt" and "IndexError" in out.message


@pytest.mark.parametrize("prepare", [False, True])
def test_in_flight_work_is_bounded_so_memory_stays_flat(prepare):
    """The reader is never more than 2 x workers chunks ahead of the writer, also when the workers
    prepare documents for the store (as `bluebook ingest` has them do)."""
    read = 0

    def source():
        nonlocal read
        for i in range(400):
            read += 1
            yield RawDoc(source=f"d{i}", text="Hai bên nhất trí thúc đẩy hợp tác kinh tế.")

    ahead = []
    for n, item in enumerate(run_parallel(None, workers=2, items=source(), chunk_docs=5, prepare=prepare), 1):
        ahead.append(read - n)
        assert isinstance(item, PreparedDocument) == prepare
    assert n == 400
    assert max(ahead) <= 2 * 2 * 5 + 5


def test_slim_documents_keep_what_the_store_needs_and_pickle_smaller():
    text = unicodedata.normalize("NFD", "Sáng 5/3, Thủ tướng thăm Lào. Hai bên hội đàm.\n\n" * 40)
    full = run_parallel(None, workers=1, items=[RawDoc(source="a.txt", text=text, date="2021-03-05")],
                        slim_docs=False)
    doc = next(full)
    size_full = len(pickle.dumps(doc))
    kept = (doc.source, doc.original, doc.text, doc.doc_date, doc.lang, doc.title, doc.meta, list(doc.events))
    slim(doc)
    assert (doc.source, doc.original, doc.text, doc.doc_date, doc.lang, doc.title, doc.meta, doc.events) == kept
    assert doc.sentences == [] and doc.blocks == []
    assert len(pickle.dumps(doc)) < size_full / 2


@pytest.mark.parametrize("workers", [0, -2, "2"])
def test_workers_must_be_a_positive_number(workers):
    with pytest.raises(ConfigError):
        run_parallel([], workers=workers)


def test_workers_can_hand_back_documents_prepared_for_the_store():
    from bluebook.store import PreparedDocument

    items = [RawDoc(source=f"doc{i}", text=f"Ngày {i + 1}/3/2021, Thủ tướng Việt Nam thăm chính thức Lào.")
             for i in range(4)]
    plain = list(run_parallel(None, items=items, workers=1))
    prepared = list(run_parallel(None, items=items, workers=2, prepare=True, chunk_docs=2))
    assert all(isinstance(p, PreparedDocument) for p in prepared)
    assert [p.source for p in prepared] == [d.source for d in plain]
    assert [p.n_events for p in prepared] == [len(d.events) for d in plain]
    assert [p.doc.content_hash for p in prepared] == [d.content_hash for d in plain]

"""The Dask path: same events as the single-process pipeline, exact dedup, Parquet out, load into a store."""
from __future__ import annotations

from pathlib import Path

import pytest
from distributed_helpers import event_key

from bluebook.distributed import dask as bdask
from bluebook.distributed import parquet as pqio
from bluebook.distributed.local import run_parallel
from bluebook.errors import BluebookError, ConfigError, StoreError


@pytest.fixture(scope="module")
def client():
    """A LocalCluster with 2 worker processes, shared by this module's tests (start-up is most of the cost)."""
    with bdask.dask_client("local", workers=2) as c:
        yield c


def stored(out: Path) -> tuple[list[tuple], list[tuple]]:
    docs = [(d.source, d.content_hash, d.doc_date, d.lang, d.title) for d in pqio.iter_documents(out)]
    return docs, [event_key(e) for e in pqio.iter_events(out)]


def test_dask_on_two_workers_writes_what_the_single_process_pipeline_extracts(corpus, client, tmp_path):
    summary = bdask.run_dask(corpus, tmp_path / "out", client=client, partitions=4)
    assert summary.workers == 2 and summary.partitions >= 4
    single = [x for x in run_parallel(corpus, workers=1) if not isinstance(x, Exception)]
    docs, events = stored(tmp_path / "out")
    assert docs == [(d.source, d.content_hash, d.doc_date, d.lang, d.title) for d in single]
    assert events == [event_key(e) for d in single for e in d.events]
    assert summary.documents == len(docs) and summary.events == len(events)
    if not events:
        pytest.skip("outputs agree, but nothing was extracted to compare (gazetteer data missing?)")


def test_a_bad_input_is_an_error_row_and_the_run_goes_on(corpus, client, tmp_path):
    summary = bdask.run_dask([*corpus[-2:], str(tmp_path / "missing.txt")], tmp_path / "out", client=client)
    errors = list(pqio.iter_errors(tmp_path / "out"))
    assert sorted((e["code"], Path(e["source"]).name) for e in errors) == [("E001", "missing.txt"),
                                                                          ("E004", "broken.bin")]
    assert summary.errors == 2 and summary.error_codes == {"E001": 1, "E004": 1}
    assert summary.documents > 0


def test_exact_duplicates_are_dropped_across_partitions_keeping_the_first(dup_corpus, client, tmp_path):
    summary = bdask.run_dask(dup_corpus, tmp_path / "out", client=client, target_bytes=1)
    assert summary.partitions == 3
    docs = list(pqio.iter_documents(tmp_path / "out"))
    assert [Path(d.source).name for d in docs] == ["a.jsonl#1", "b.jsonl#1"]
    assert summary.duplicates == 1 and summary.documents == 2
    assert all(not e.source.startswith(dup_corpus[2]) for e in pqio.iter_events(tmp_path / "out"))


def test_exact_duplicates_within_a_partition_are_dropped_too(dup_corpus, tmp_path):
    summary = bdask.run_dask(dup_corpus, tmp_path / "out", scheduler="sync")
    assert summary.partitions == 1 and summary.duplicates == 1
    assert [Path(d.source).name for d in pqio.iter_documents(tmp_path / "out")] == ["a.jsonl#1", "b.jsonl#1"]


def test_load_parquet_stores_every_document_with_its_events_and_errors(dup_corpus, corpus, tmp_path):
    out, url = tmp_path / "out", f"sqlite:///{tmp_path / 'b.db'}"
    bdask.run_dask([corpus[0], *dup_corpus, str(tmp_path / "missing.txt")], out, scheduler="sync")
    expected = list(pqio.iter_documents(out))
    counts = bdask.load_parquet(out, url)
    assert counts["added"] == len(expected) and counts["rejects"] == 1
    assert counts.get("events", 0) == sum(len(d.events) for d in expected)
    from bluebook.store import open_store
    with open_store(url) as store:
        stats = store.stats()
    assert stats["documents"] == len(expected)
    assert stats["mentions"] == sum(len(d.events) for d in expected)
    assert stats["rejects"]["by_code"] == {"E001": 1}


def test_an_out_dir_holding_a_run_is_refused_unless_overwrite(dup_corpus, tmp_path):
    bdask.run_dask(dup_corpus[:1], tmp_path / "out", scheduler="sync")
    with pytest.raises(ConfigError, match="already holds a run"):
        bdask.run_dask(dup_corpus[:1], tmp_path / "out", scheduler="sync")
    assert bdask.run_dask(dup_corpus[1:2], tmp_path / "out", scheduler="sync", overwrite=True).documents == 1
    assert [Path(d.source).name for d in pqio.iter_documents(tmp_path / "out")] == ["b.jsonl#1"]


def test_loading_a_folder_without_shards_says_what_to_give(tmp_path):
    with pytest.raises(StoreError, match="documents/part"):
        bdask.load_parquet(tmp_path, f"sqlite:///{tmp_path / 'x.db'}")


def test_an_unreachable_scheduler_is_a_config_error(monkeypatch, tmp_path):
    monkeypatch.setattr(bdask, "CONNECT_TIMEOUT", "0.5s")
    with pytest.raises(ConfigError, match="cannot reach the Dask scheduler"):
        bdask.run_dask([], tmp_path / "out", scheduler="tcp://127.0.0.1:9")


def test_an_out_dir_that_is_a_file_is_a_config_error(dup_corpus, tmp_path):
    (tmp_path / "out").write_text("not a folder")
    with pytest.raises(ConfigError, match="not a folder"):
        bdask.run_dask(dup_corpus, tmp_path / "out", scheduler="sync")


def test_a_task_that_fails_is_one_coded_error_naming_the_output(dup_corpus, tmp_path, monkeypatch):
    def boom(*args):
        raise RuntimeError("worker lost")

    monkeypatch.setattr(bdask, "process_partition", boom)
    with pytest.raises(BluebookError, match="the Dask run failed .RuntimeError: worker lost.") as info:
        bdask.run_dask(dup_corpus, tmp_path / "out", scheduler="sync")
    assert info.value.source == str(tmp_path / "out")

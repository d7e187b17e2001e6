"""Parquet partitions: every Event field survives the round trip; inputs are cut in order."""
from __future__ import annotations

import dataclasses
from datetime import date

import pyarrow.parquet as pq
from distributed_helpers import write_shards

from bluebook.distributed import parquet as pqio
from bluebook.distributed.dask import PartResult, cross_duplicates
from bluebook.distributed.inputs import iter_parquet, plan_partitions
from bluebook.errors import DecodeError
from bluebook.models import Document, Event


def full_event() -> Event:
    e = Event(type="visit", date="2021-03-05", date_end="2021-03-07", parties=["VNM", "LAO"],
              evidence="Thủ tướng thăm Lào", persons=["pham-minh-chinh"], persons_original=["Phạm Minh Chính"],
              location="LAO", planned=True, source="a.txt", lang="vi", sentence=(3, 40), evidence_span=(10, 28),
              trigger="thăm", date_text="5/3", confidence=0.9, summary_en="PM visits Laos",
              summary_vi="Thủ tướng thăm Lào", kind="title", explain={"rule": "visit", "n": [1, 2]})
    e.compute_id()
    return e


def test_every_event_field_survives_the_round_trip(tmp_path):
    doc = Document(source="a.txt", original="Thu\u0309 tướng", text="Thủ tướng", doc_date=date(2021, 3, 5),
                   title="T", url="http://x/1", meta={"file": "a.txt", "bytes_done": 9}, warnings=["w"])
    doc.events = [full_event(), dataclasses.replace(full_event(), explain={}, date_end=None, location=None)]
    w = pqio.PartWriter(tmp_path, 0)
    w.add(doc)
    w.add(DecodeError("cannot decode", source="b.txt", hint="pass --encoding"))
    w.close()
    [back] = list(pqio.iter_documents(tmp_path))
    assert back.events == doc.events
    assert (back.source, back.original, back.text, back.doc_date, back.title, back.url, back.warnings) == (
        doc.source, doc.original, doc.text, doc.doc_date, doc.title, doc.url, doc.warnings)
    assert back.meta == {"file": "a.txt"}            # run bookkeeping is not document metadata
    [err] = list(pqio.iter_errors(tmp_path))
    assert (err["source"], err["code"], err["message"]) == ("b.txt", "E005", "cannot decode (pass --encoding)")


def test_an_empty_partition_still_has_all_three_tables(tmp_path):
    pqio.PartWriter(tmp_path, 7).close()
    for table in pqio.TABLES:
        t = pq.read_table(tmp_path / table / "part-00007.parquet")
        assert t.num_rows == 0 and t.schema.equals(pqio.SCHEMAS[table])


def test_a_failed_partition_leaves_no_file_behind(tmp_path):
    w = pqio.PartWriter(tmp_path, 1)
    w.add(Document(source="a", original="x", text="x"))
    w.flush()
    w.abort()
    assert not list(tmp_path.rglob("*.parquet*"))


def test_files_are_grouped_in_input_order_and_parquet_shards_cut_at_row_groups(tmp_path):
    jsonl = write_shards(tmp_path / "j", 40_000, shard_bytes=10_000, seed=5)
    shard = write_shards(tmp_path / "p", 20_000, shard_bytes=50_000, seed=6, fmt="parquet")[0]
    parts, errors = plan_partitions([str(tmp_path / "j"), str(shard)], target_bytes=25_000)
    assert not errors
    files = [p for part in parts if part.row_groups is None for p in part.paths]
    assert files == [str(p) for p in jsonl]
    assert all(part.bytes <= 25_000 or len(part.paths) == 1 for part in parts)
    groups = [g for part in parts if part.row_groups is not None for g in part.row_groups]
    assert groups == list(range(pq.ParquetFile(shard).num_row_groups)) and len(groups) > 1
    assert [p.index for p in parts] == list(range(len(parts)))
    rows = [r.source for part in parts if part.row_groups is not None for r in part.items(
        __import__("bluebook.config", fromlist=["DEFAULT"]).DEFAULT)]
    assert rows == [r.source for r in iter_parquet(str(shard))]


def test_a_parquet_shard_without_a_text_column_is_one_clear_error(tmp_path):
    import pyarrow as pa
    pq.write_table(pa.table({"body": ["x"]}), tmp_path / "s.parquet")
    [err] = list(iter_parquet(str(tmp_path / "s.parquet")))
    assert err.code == "E008" and "no 'text' column" in err.message and "body" in err.hint


def test_cross_partition_duplicates_keep_the_first_in_input_order():
    import numpy as np

    def part(i, hashes):
        return PartResult(i, seqs=np.arange(len(hashes), dtype=np.int32), hashes=np.array(hashes, dtype=np.uint64))

    results = [part(0, [5, 9]), part(1, [7]), part(2, [9, 5, 8]), part(3, [7])]
    assert cross_duplicates(results) == {2: [0, 1], 3: [0]}

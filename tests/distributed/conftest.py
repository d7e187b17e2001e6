from __future__ import annotations

import json
from pathlib import Path

import pytest
from distributed_helpers import DEMO, records, write_shards


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The demo corpus, two generated JSON Lines shards and a Parquet shard, plus one binary file."""
    if not DEMO.is_dir():
        pytest.skip("demo/corpus is missing")
    folder = tmp_path_factory.mktemp("corpus")
    shards = write_shards(folder / "jsonl", 60_000, shard_bytes=30_000, seed=3)
    shards += write_shards(folder / "pq", 30_000, shard_bytes=30_000, seed=4, fmt="parquet")
    bad = folder / "broken.bin"
    bad.write_bytes(b"\x00\x01\x02PK\x00" * 100)
    return [str(DEMO), *map(str, shards), str(bad)]


@pytest.fixture
def dup_corpus(tmp_path: Path) -> list[str]:
    """Three files; the third repeats the first's text (another name, same words)."""
    recs = list(records(6_000, seed=11))[:2]
    paths = []
    for name, rec in zip(("a", "b", "c"), (recs[0], recs[1], recs[0]), strict=True):
        p = tmp_path / f"{name}.jsonl"
        p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
        paths.append(str(p))
    return paths

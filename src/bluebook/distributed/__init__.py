"""distributed stage: the same pipeline on every core of a machine, or on a Dask cluster.

    run_parallel(paths, settings, workers=4)              # Documents/errors in input order; one writer
    run_dask(paths, "out/", scheduler="local")            # Parquet partitions: documents, events, errors
    load_parquet("out/", "postgresql://...")              # those partitions into a store

Imports are lazy: ``bluebook.distributed.local`` needs nothing beyond the
standard library, the Dask path pulls in dask, numpy and pyarrow.
"""
from __future__ import annotations

from typing import Any

__all__ = ["DaskSummary", "default_workers", "load_parquet", "run_dask", "run_parallel"]

_WHERE = {"run_parallel": "local", "default_workers": "local", "run_dask": "dask", "load_parquet": "dask",
          "DaskSummary": "dask"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(f"bluebook.distributed.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'bluebook.distributed' has no attribute {name!r}")

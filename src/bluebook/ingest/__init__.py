"""Ingest stage: files, folders, archives and stdin in; one RawDoc per text out.

``iter_raw`` yields errors instead of raising them, so a folder of ten
thousand files goes on past the one that is broken; every error names the
file (and archive member, JSON line or CSV row) and carries a stable code.
"""
from __future__ import annotations

from collections.abc import Iterator

from bluebook.config import DEFAULT, Settings
from bluebook.errors import BluebookError
from bluebook.ingest.dispatch import read_entry
from bluebook.ingest.limits import Budget, StopInput
from bluebook.ingest.paths import Paths, as_path_list, count_bytes, iter_entries
from bluebook.models import RawDoc

__all__ = ["iter_raw", "count_bytes"]


def iter_raw(paths: Paths, settings: Settings = DEFAULT) -> Iterator[RawDoc | BluebookError]:
    """RawDocs and errors, in order, for files, folders (recursive, sorted), archives and ``-`` (stdin).

    Each RawDoc's ``meta["file"]`` is the file on disk (or ``<stdin>``) it came
    from, and ``meta["bytes_done"]`` counts the input bytes read so far
    (against ``count_bytes(paths)``) for progress bars.
    """
    done = 0
    for entry in iter_entries(as_path_list(paths)):
        if isinstance(entry, BluebookError):
            yield entry
            continue
        try:
            for item in read_entry(entry, settings, Budget(settings.max_archive_bytes)):
                if isinstance(item, RawDoc):
                    item.meta["file"] = entry.source
                    item.meta["bytes_done"] = done + entry.position()
                yield item
        except StopInput:  # a bomb inside this input was reported; go on with the next input
            pass
        done += entry.size or 0

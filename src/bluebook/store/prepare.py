"""Everything the writer needs of a document, computed without the database.

Hashes, folded search text, MinHash signature and bands, the mentions rows
and clustering keys: a pure function of the document and its events. The
store runs it before taking the write lock; ``distributed.local`` can run it
in the extraction workers (``run_parallel(..., prepare=True)``) so the single
writer only executes SQL. The result pickles (plain data and a numpy array).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bluebook.dedup.blocks import Need, needs
from bluebook.dedup.events import Mention, type_blocks
from bluebook.models import Document, Event
from bluebook.store import documents as docs
from bluebook.store.events import mention_values


@dataclass(slots=True)
class PreparedDocument:
    doc: docs.PreparedDoc
    mention_rows: list[tuple[Any, ...]]     # events.MENTION_COLS after doc_id and event_id, per event
    mentions: list[Mention]                 # what clustering needs of each event
    mention_blocks: list[frozenset[str]]    # where each event looks for its canonical event

    @property
    def source(self) -> str:
        return str(self.doc.row["source"])

    @property
    def n_events(self) -> int:
        return len(self.mentions)

    def needs(self) -> list[Need]:
        """What the writer's event index must hold to cluster these events (``dedup.blocks.needs``)."""
        return needs(self.mentions, self.mention_blocks)


def prepare_document(doc: Document, events: Sequence[Event] | None = None) -> PreparedDocument:
    """Raises StoreError when ``doc`` is not a Document (the store reports it as that document's failure)."""
    events = list(events or [])
    ms = [Mention.of(e) for e in events]
    mblocks = [type_blocks(m) for m in ms]
    return PreparedDocument(docs.prepare(doc, len(events)), [mention_values(e) for e in events], ms, mblocks)

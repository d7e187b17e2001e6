"""The events pages' fixed-SQL reads give what the SQLAlchemy-built ones give."""
from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from bluebook.store import open_store
from bluebook.store import queries as sq
from bluebook.store import schema as t


def test_events_by_ids_matches_the_sqlalchemy_reads_in_the_order_asked(seeded: tuple[Path, dict[str, int]]) -> None:
    store = open_store(str(seeded[0]))
    try:
        with store.db.read() as conn:
            ids = sq.event_ids(conn)
            assert len(ids) >= 3
            asked = [*reversed(ids), 10 ** 9]                # order kept, unknown ids left out
            got = sq.events_by_ids(conn, asked)
            assert [e.id for e in got] == list(reversed(ids))
            want = sq.mentions_where(conn, t.mentions.c.event_id.in_(ids))
            assert [m for e in sorted(got, key=lambda e: e.id) for m in e.mentions] == want
            rows = {r.id: r for r in conn.execute(sa.select(t.events))}
            for e in got:
                r = rows[e.id]
                assert (e.type, e.date, e.date_end, e.location, e.planned, e.summary_en) == (
                    r.type, r.date, r.date_end, r.location, bool(r.planned), r.summary_en)
                assert e.n_mentions == len(e.mentions) and e.langs == sorted({m.lang for m in e.mentions})
            assert sq.event(conn, ids[0]) == got[-1] and sq.event(conn, 10 ** 9) is None
    finally:
        store.close()

"""Core table objects for building queries. The DDL lives in ``migrations/*.sql``.

Lists are JSON text in both backends; dates are ISO strings, so
'2020' < '2020-05' < '2020-05-17' sorts chronologically in either.
"""
from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()
ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

documents = sa.Table(
    "documents", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("doc_key", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("url", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("doc_date", sa.Text),
    sa.Column("lang", sa.Text, nullable=False),
    sa.Column("encoding", sa.Text, nullable=False),
    sa.Column("content_hash", sa.Text, nullable=False),
    sa.Column("duplicate_of", ID),
    sa.Column("similarity", sa.Float),
    sa.Column("expected_events", sa.Integer, nullable=False),
    sa.Column("added_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
)

doc_texts = sa.Table(
    "doc_texts", metadata,
    sa.Column("doc_id", ID, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("original", sa.Text),
    sa.Column("meta", sa.Text, nullable=False),
    sa.Column("minhash", sa.LargeBinary),
)

doc_bands = sa.Table(
    "doc_bands", metadata,
    sa.Column("band", sa.Integer, primary_key=True),
    sa.Column("hash", sa.BigInteger, primary_key=True),
    sa.Column("doc_id", ID, primary_key=True),
)

doc_dropped = sa.Table(
    "doc_dropped", metadata,
    sa.Column("doc_id", ID, primary_key=True),
    sa.Column("reason", sa.Text, primary_key=True),
    sa.Column("n", sa.Integer, nullable=False),
)

events = sa.Table(
    "events", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("date", sa.Text, nullable=False),
    sa.Column("date_end", sa.Text),
    sa.Column("date_lo", sa.Text),
    sa.Column("date_hi", sa.Text),
    sa.Column("parties", sa.Text, nullable=False),
    sa.Column("persons", sa.Text, nullable=False),
    sa.Column("location", sa.Text),
    sa.Column("location_conf", sa.Float, nullable=False),
    sa.Column("planned", sa.Boolean, nullable=False),
    sa.Column("summary_en", sa.Text, nullable=False),
    sa.Column("summary_vi", sa.Text, nullable=False),
    sa.Column("n_mentions", sa.Integer, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
    sa.Column("updated_at", sa.Text, nullable=False),
)

event_parties = sa.Table(
    "event_parties", metadata,
    sa.Column("event_id", ID, primary_key=True),
    sa.Column("party", sa.Text, primary_key=True),
)

event_persons = sa.Table(
    "event_persons", metadata,
    sa.Column("event_id", ID, primary_key=True),
    sa.Column("name", sa.Text, primary_key=True),
    sa.Column("folded", sa.Text, nullable=False),
)

event_blocks = sa.Table(
    "event_blocks", metadata,
    sa.Column("block", sa.Text, primary_key=True),
    sa.Column("event_id", ID, primary_key=True),
)

mentions = sa.Table(
    "mentions", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("doc_id", ID, nullable=False),
    sa.Column("event_id", ID, nullable=False),
    sa.Column("event_key", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("date", sa.Text, nullable=False),
    sa.Column("date_end", sa.Text),
    sa.Column("parties", sa.Text, nullable=False),
    sa.Column("persons", sa.Text, nullable=False),
    sa.Column("persons_original", sa.Text, nullable=False),
    sa.Column("location", sa.Text),
    sa.Column("planned", sa.Boolean, nullable=False),
    sa.Column("lang", sa.Text, nullable=False),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("sentence_start", sa.Integer, nullable=False),
    sa.Column("sentence_end", sa.Integer, nullable=False),
    sa.Column("evidence_start", sa.Integer, nullable=False),
    sa.Column("evidence_end", sa.Integer, nullable=False),
    sa.Column("evidence", sa.Text, nullable=False),
    sa.Column("trigger_text", sa.Text, nullable=False),
    sa.Column("date_text", sa.Text, nullable=False),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("summary_en", sa.Text, nullable=False),
    sa.Column("summary_vi", sa.Text, nullable=False),
    sa.Column("kind", sa.Text, nullable=False),
)

rejects = sa.Table(
    "rejects", metadata,
    sa.Column("id", ID, primary_key=True),
    sa.Column("source", sa.Text, nullable=False),
    sa.Column("code", sa.Text, nullable=False),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("created_at", sa.Text, nullable=False),
)

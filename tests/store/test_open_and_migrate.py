"""Opening stores: URLs, schema migrations, and clear errors for bad targets."""
from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

from bluebook.errors import StoreError
from bluebook.store import normalise_url, open_store
from bluebook.store.migrate import available, statements


def test_urls_are_normalised_to_a_driver():
    assert normalise_url(None) == "sqlite:///bluebook.db"
    assert normalise_url("data/x.db") == "sqlite:///data/x.db"
    assert normalise_url("sqlite:////abs/x.db") == "sqlite:////abs/x.db"
    assert normalise_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalise_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"


def test_unknown_url_scheme_is_a_store_error():
    with pytest.raises(StoreError) as e:
        normalise_url("mysql://u@h/db")
    assert e.value.code == "E020" and "mysql" in str(e.value)


def test_bare_path_creates_a_migrated_sqlite_store(tmp_path: Path):
    with open_store(str(tmp_path / "b.db")) as s:
        assert s.dialect == "sqlite"
        assert s.schema_version() == max(m.version for m in available("sqlite"))
    assert (tmp_path / "b.db").exists()


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path: Path):
    with open_store(str(tmp_path / "b.db")) as s, s.engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert c.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000


def test_upgrade_twice_applies_nothing_the_second_time(store):
    assert store.upgrade() == []
    assert store.schema_version() >= 1


def test_a_schema_newer_than_the_code_is_refused(store):
    with store.engine.begin() as c:
        c.execute(sa.text("INSERT INTO schema_version (version, name, applied_at) VALUES (9999, 'future', 'x')"))
    with pytest.raises(StoreError) as e:
        store.upgrade()
    assert "newer" in str(e.value)


def test_a_text_file_is_not_taken_for_a_database(tmp_path: Path):
    p = tmp_path / "notes.db"
    p.write_text("this is not a database " * 100)
    with pytest.raises(StoreError) as e:
        open_store(str(p))
    assert "notes.db" in str(e.value) and e.value.hint


def test_a_directory_or_missing_folder_is_refused_with_a_hint(tmp_path: Path):
    with pytest.raises(StoreError):
        open_store(str(tmp_path))
    with pytest.raises(StoreError) as e:
        open_store(str(tmp_path / "no" / "such" / "x.db"))
    assert "does not exist" in str(e.value)


def test_an_unreachable_postgresql_server_is_a_store_error():
    with pytest.raises(StoreError) as e:
        open_store("postgresql://nobody@127.0.0.1:1/nothing")
    assert e.value.hint and "127.0.0.1" in str(e.value)


def test_migration_files_exist_for_both_dialects_and_split_cleanly():
    for dialect in ("sqlite", "postgresql"):
        ms = available(dialect)
        assert [m.version for m in ms] == list(range(1, len(ms) + 1))
        for m in ms:
            stmts = statements(m.path.read_text(encoding="utf-8"))
            assert stmts and all(not s.endswith(";") for s in stmts)


def test_a_database_missing_tables_is_refused_with_advice(store):
    with store.engine.begin() as c:
        c.execute(sa.text("DROP TABLE event_persons"))
    with pytest.raises(StoreError) as e:
        store.upgrade()
    assert "event_persons" in str(e.value) and "delete it" in e.value.hint


def test_a_new_numbered_migration_is_applied_once(store, tmp_path: Path, monkeypatch):
    import shutil

    from bluebook.store import migrate
    mdir = tmp_path / "migrations"
    shutil.copytree(migrate.MIGRATIONS, mdir)
    v = store.schema_version() + 1          # one past the real ones, whatever they are by now
    (mdir / f"{v:04d}_extra.sql").write_text("-- shared\nCREATE TABLE extra_note (x INTEGER);\n", encoding="utf-8")
    (mdir / f"{v:04d}_extra.sqlite.sql").write_text("CREATE TABLE extra_note (x INTEGER, lite INTEGER);\n",
                                                   encoding="utf-8")
    monkeypatch.setattr(migrate, "MIGRATIONS", mdir)
    assert [m.path.name for m in migrate.available("sqlite")][-1] == f"{v:04d}_extra.sqlite.sql"
    assert [m.path.name for m in migrate.available("postgresql")][-1] == f"{v:04d}_extra.sql"
    assert store.upgrade() == [v] and store.schema_version() == v
    assert store.upgrade() == []
    with store.engine.connect() as c:
        cols = [col["name"] for col in sa.inspect(c).get_columns("extra_note")]
    assert cols == (["x", "lite"] if store.dialect == "sqlite" else ["x"])


def test_optimize_keeps_the_store_intact(store):
    from bluebook.models import Document
    store.add_document(Document(source="a", original="Hội đàm Việt Nam - Lào tại Hà Nội."), [])
    store.optimize()
    assert store.check() == [] and [h.doc_id for h in store.search("ha noi")] == [1]

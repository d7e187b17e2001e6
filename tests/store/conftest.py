"""Fixtures: `store` runs each test on SQLite and on a throw-away PostgreSQL (tests/pg_server.py)."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from pg_server import new_store_url, pg_server, pg_url, store, store_url  # noqa: E402,F401

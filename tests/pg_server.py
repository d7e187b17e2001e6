"""A throw-away PostgreSQL server for the tests, and the `store` fixtures built on it.

Import the fixtures into a conftest (``from pg_server import *``) after putting
``tests/`` on ``sys.path``. One server per test session (per xdist worker),
started lazily by the first PostgreSQL-parametrised test; each test gets a fresh
database cloned from a migrated template, so a test costs a CREATE DATABASE, not
a migration. The PostgreSQL params are skipped, with the reason, only when no
server can be started (binaries missing, no ``postgres`` user when root).
"""
from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

TEMPLATE_DB = "bluebook_template"


@dataclass
class PgServer:
    port: int
    tmp: str
    bindir: str
    as_user: list[str]

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"

    def admin(self, *sql: str, db: str = "postgres") -> None:
        import psycopg
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=postgres dbname={db}",
                             autocommit=True) as conn:
            for s in sql:
                conn.execute(s)

    def stop(self) -> None:
        subprocess.run(self.as_user + [f"{self.bindir}/pg_ctl", "-D", f"{self.tmp}/data",
                                       "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(self.tmp, ignore_errors=True)


def find_bindir() -> str | None:
    env = os.environ.get("BLUEBOOK_PG_BIN")
    if env and os.path.exists(f"{env}/initdb"):
        return env
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if found:
        return os.path.dirname(found[-1])
    initdb = shutil.which("initdb")
    return os.path.dirname(initdb) if initdb else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server() -> PgServer:
    """Start a server or raise RuntimeError saying why it cannot be done here."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL binaries (install postgresql or set BLUEBOOK_PG_BIN)")
    as_user: list[str] = []
    tmp = tempfile.mkdtemp(prefix="bluebook-pg.")
    if os.geteuid() == 0:
        # initdb and postgres refuse to run as root: run them as the packaged postgres user.
        try:
            shutil.chown(tmp, "postgres", "postgres")
        except (LookupError, PermissionError) as e:
            shutil.rmtree(tmp, ignore_errors=True)
            raise RuntimeError(f"running as root and cannot hand a directory to user postgres: {e}") from e
        as_user = ["runuser", "-u", "postgres", "--"]
    init = subprocess.run(as_user + [f"{bindir}/initdb", "-D", f"{tmp}/data", "-U", "postgres", "-A", "trust",
                                     "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
                          capture_output=True, text=True)
    if init.returncode != 0:
        shutil.rmtree(tmp, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {init.stderr.strip()[-300:]}")
    last = ""
    for _ in range(3):   # another worker may grab the port between our probe and the bind
        port = free_port()
        start = subprocess.run(
            as_user + [f"{bindir}/pg_ctl", "-D", f"{tmp}/data", "-l", f"{tmp}/log", "-w", "-o",
                       f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off "
                       f"-c synchronous_commit=off -c full_page_writes=off", "start"],
            capture_output=True, text=True)
        if start.returncode == 0:
            server = PgServer(port=port, tmp=tmp, bindir=bindir, as_user=as_user)
            atexit.register(server.stop)
            return server
        last = Path(f"{tmp}/log").read_text(errors="replace")[-300:] if Path(f"{tmp}/log").exists() else ""
    shutil.rmtree(tmp, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start: {last}")


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    try:
        server = start_server()
    except (RuntimeError, OSError) as e:
        pytest.skip(f"PostgreSQL tests skipped: {e}")
    try:
        server.admin(f"CREATE DATABASE {TEMPLATE_DB}")
        # The store folds text in Python and needs neither, but other stages may.
        server.admin("CREATE EXTENSION IF NOT EXISTS unaccent", "CREATE EXTENSION IF NOT EXISTS pg_trgm",
                     db=TEMPLATE_DB)
        from bluebook.store import open_store
        open_store(server.url(TEMPLATE_DB)).close()     # migrate once; tests clone it
        yield server
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    name = "t_" + uuid.uuid4().hex[:12]
    pg_server.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
    yield pg_server.url(name)
    pg_server.admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def new_store_url(request: pytest.FixtureRequest, store_url: str, tmp_path: Path) -> Iterator:
    """Make more empty databases on the same backend as ``store_url`` (e.g. an import target)."""
    made: list[str] = []

    def make() -> str:
        if store_url.startswith("sqlite"):
            return f"sqlite:///{tmp_path / f'extra{len(made)}.db'}"
        server = request.getfixturevalue("pg_server")
        name = "t_" + uuid.uuid4().hex[:12]
        server.admin(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE_DB}")
        made.append(name)
        return server.url(name)

    yield make
    for name in made:
        request.getfixturevalue("pg_server").admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'bluebook.db'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture
def store(store_url: str):
    from bluebook.store import open_store
    s = open_store(store_url)
    yield s
    s.close()

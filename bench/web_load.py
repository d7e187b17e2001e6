"""Load benchmark of the web API: /api/search and /api/events at 20 concurrent clients on localhost.

    python bench/web_load.py            # >= 1,000,000 canonical events, SQLite, both load models
    python bench/web_load.py --quick    # 20,000 events, 400 requests, a minute or so
    python bench/web_load.py --pg       # the same database copied into a throw-away PostgreSQL server
    python bench/web_load.py --pg-url postgresql://user@host/db   # a PostgreSQL copy made before (kept)
    python bench/web_load.py --model closed --requests 5000 --clients 20 --workers 2
    python bench/web_load.py --no-cache --md /tmp/web_load.md     # response cache off; figures appended

The database is built once and kept (bench/out/, gitignored; pass --rebuild to start again):
1. synthetic documents of five invented events each, written in batches with the store's own
   row builders (see ``bulk_load``: the Store has no public bulk path fast enough for this);
2. then a few thousand more documents through ``Store.add_document`` itself, clustered as usual.
``--pg`` starts a PostgreSQL server (tests/pg_server.py) and copies that SQLite database into it
table by table (COPY), so both backends serve the same rows; the schema's triggers fill their tables.
``--pg-url`` serves a database copied that way before (``--copy-to-pg URL`` makes one and exits).

The server runs in its own process(es) (uvicorn, ``--workers``, read-only); the client is a
small asyncio HTTP/1.1 keep-alive client (httpx costs ~2 ms of CPU a request, which on 2 shared
cores comes out of the server's share). Two load models (``--model``, default both):

- closed loop, no think time: --clients connections each sending its next request as soon as the
  last one is answered. The worst case for queueing: it measures throughput at saturation, and the
  latency is mostly time spent waiting behind the other 19 requests (Little's law);
- users with think time: --clients users each waiting a random --think seconds (0.5-1 s, as
  locust's users usually do) between an answer and their next request, started at random moments
  within the first think time: the usual model of people using the site.

Requests: half searches (free text with and without diacritics, some filtered by type/partner/year,
page 1 with facets as the search page asks, pages 2-3, a deep page 10), half event listings (no
filter, type, partner, year, partner+year, type+year; page 1, a deep page 20, or a keyset page
after a random event). Target (issues 5 and 7): p95 < 100 ms for both endpoints, no errors; the
verdict is given for each load model.
"""
from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bluebook.models import EVENT_TYPES, Document, Event
from bluebook.store import open_store

OUT = Path(__file__).resolve().parent / "out"
PARTNERS = ["LAO", "KHM", "CHN", "JPN", "KOR", "USA", "RUS", "IND", "AUS", "FRA", "DEU", "GBR", "ITA", "SGP",
            "THA", "IDN", "MYS", "PHL", "MMR", "BRN", "NZL", "CAN", "BRA", "ARG", "CUB", "MEX", "ZAF", "EGY",
            "TUR", "ISR", "SAU", "ARE", "QAT", "IRN", "PAK", "BGD", "LKA", "NPL", "MNG", "KAZ", "UZB", "BLR",
            "UKR", "POL", "CZE", "HUN", "ROU", "BGR", "NLD", "BEL", "CHE", "AUT", "SWE", "NOR", "FIN", "DNK",
            "ESP", "PRT", "GRC", "IRL", "CHL", "PER", "COL", "VEN", "NGA", "KEN", "ETH", "DZA", "MAR", "TUN",
            "AGO", "MOZ", "TZA", "SEN", "GHA", "CIV", "JOR", "KWT", "OMN", "BHR", "IRQ", "SYR", "LBN", "PSE"]
SURNAMES = ["Lê", "Trần", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Mai"]
MIDDLES = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Anh", "Hồng", "Bảo"]
GIVENS = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Khoa", "Lâm", "Long", "Nam", "Phong",
          "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh", "Hà", "Hạnh", "Lan", "Mai"]
FOREIGN = ["Aldo Renn", "Bea Talor", "Cato Mirel", "Dara Voss", "Elin Sarto", "Faris Quell", "Gita Oran",
           "Hugo Lanz", "Ines Bracke", "Jonas Feld", "Kira Demm", "Lars Otte", "Mira Kesh", "Nils Prado",
           "Oda Brenn", "Pia Lund", "Rui Sato", "Sven Ark", "Tala Moor", "Uma Ress"]
VERB_VI = {"visit": "thăm chính thức", "phone_call": "điện đàm với", "talks": "hội đàm với",
           "conference": "dự hội nghị cùng", "agreement": "ký thỏa thuận hợp tác với",
           "aid": "trao hàng viện trợ cho", "message": "gửi điện mừng tới", "anniversary": "dự lễ kỷ niệm quan hệ với",
           "upgrade": "nâng cấp quan hệ với", "withdrawal": "rút khỏi thỏa thuận với", "appeal": "kêu gọi",
           "accusation": "phản đối hành động của"}
VERB_EN = {"visit": "paid an official visit to", "phone_call": "held a phone call with", "talks": "held talks with",
           "conference": "attended a conference with", "agreement": "signed a cooperation agreement with",
           "aid": "handed over relief supplies to", "message": "sent a message of congratulations to",
           "anniversary": "marked the anniversary of ties with", "upgrade": "upgraded relations with",
           "withdrawal": "withdrew from an arrangement with", "appeal": "called on",
           "accusation": "protested the actions of"}
FILLER_VI = ["Hai bên nhất trí thúc đẩy hợp tác kinh tế, thương mại và giáo dục trong thời gian tới.",
             "Các bộ, ngành liên quan sẽ sớm cụ thể hóa những nội dung đã thống nhất.",
             "Đoàn cũng gặp gỡ cộng đồng người Việt đang sinh sống tại địa phương."]
FILLER_EN = ["Both sides agreed to expand cooperation in trade, investment and education.",
             "The ministries concerned will soon turn the agreed points into concrete plans.",
             "The delegation also met members of the Vietnamese community there."]
# Free text as readers type it: with diacritics, without, English, names, a quoted phrase, a miss.
SEARCHES = ["thủ tướng", "thu tuong", "hội đàm", "hoi dam", "lào", "lao", "held talks", "viện trợ", "vien tro",
            "kỷ niệm quan hệ", "ky niem quan he", "điện đàm nhật", "dien dam", "hợp tác kinh tế", "hop tac kinh te",
            "official visit", "relief supplies", "nâng cấp quan hệ", "nang cap", "cộng đồng người việt",
            "cong dong nguoi viet", "phản đối", "phan doi", '"hoi nghi cung"', '"held a phone call"', "kira demm",
            "aldo renn", "Đặng Văn Hùng", "dang van hung", "2019", "hung", "long toan", "trao hàng", "protested",
            "signed agreement", "thỏa thuận hợp tác", "thoa thuan", "khong co tu nay", "japan", "bình"]
START = date(2005, 1, 1)
DAYS = 20 * 365


def person(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"


def synthetic(n_events: int, per_doc: int, seed: int = 11) -> Iterator[tuple[Document, list[Event]]]:
    """Short reports of invented events (real country codes, invented people), ``per_doc`` a document."""
    rng = random.Random(seed)
    for doc_no in range(n_events // per_doc):
        lang = "vi" if rng.random() < 0.7 else "en"
        sents, events, pos = [], [], 0
        for _ in range(per_doc):
            ty, partner = rng.choice(EVENT_TYPES), rng.choice(PARTNERS)
            d = (START + timedelta(days=rng.randrange(DAYS))).isoformat()
            vn, fo = person(rng), rng.choice(FOREIGN)
            s = f"Ông {vn} {VERB_VI[ty]} {partner}." if lang == "vi" else f"{vn} {VERB_EN[ty]} {partner}."
            events.append(Event(type=ty, date=d, parties=["VNM", partner], evidence=s, persons=[vn, fo], lang=lang,
                                source=f"stub/{doc_no}.json", sentence=(pos, pos + len(s)),
                                evidence_span=(pos, pos + len(s)), confidence=0.8,
                                summary_en=f"{vn} {VERB_EN[ty]} {partner}", summary_vi=f"{vn} {VERB_VI[ty]} {partner}",
                                id=f"k{doc_no}-{pos}"))
            sents.append(s)
            pos += len(s) + 1
        text = " ".join(sents)
        yield Document(source=f"stub/{doc_no}.json", original=text, text=text, lang=lang, title=sents[0][:90],
                       url=f"https://example.org/a/{doc_no}", doc_date=date.fromisoformat(events[0].date)), events


def bulk_load(store: Any, items: Iterator[tuple[Document, list[Event]]], batch_docs: int = 2000) -> int:
    """Write documents with one canonical event per mention, a batch a transaction, with the store's own
    row builders (documents.prepare/write, events.event_values/mention_row/write_side_tables).

    The Store has no public bulk path: ``add_document`` clusters every mention (about 1,000 mentions/s
    here) and ``store.importer`` compiles one statement per row (a few hundred events/s), so a
    million events would take an hour either way. No deduplication happens here: every event is new.
    """
    from bluebook.dedup.events import Cluster
    from bluebook.store import documents as docs
    from bluebook.store.events import event_values, mention_row, write_side_tables
    from bluebook.store.raw import Raw

    n_events, doc_id, ev_id = 0, 0, 0
    stamp = docs.now()
    batch: list[tuple[Document, list[Event]]] = []

    def flush() -> None:
        nonlocal doc_id, ev_id, n_events
        preps, ev_rows, m_rows, clusters = [], [], [], []
        for doc, events in batch:
            doc_id += 1
            preps.append((doc_id, docs.prepare(doc, len(events))))
            for e in events:
                ev_id += 1
                c = Cluster(type=e.type, date=e.date, date_end=None, parties=list(e.parties), persons=list(e.persons),
                            location=None, location_conf=0.0, planned=False, summary_en=e.summary_en,
                            summary_vi=e.summary_vi, n_mentions=1, id=ev_id)
                clusters.append(c)
                ev_rows.append(dict(event_values(c), id=ev_id, created_at=stamp))
                m_rows.append(dict(mention_row(e, doc_id, ev_id), id=ev_id))
        with store.db.write() as conn:
            raw = Raw(conn, store.dialect)
            for did, prep in preps:
                docs.write(raw, prep, None, did, replace=False)
            raw.insert_many("events", ev_rows)
            raw.insert_many("mentions", m_rows)
            write_side_tables(raw, clusters, fresh=True)
        n_events += len(ev_rows)
        batch.clear()

    for item in items:
        batch.append(item)
        if len(batch) >= batch_docs:
            flush()
    if batch:
        flush()
    return n_events


def articles(n_docs: int, per_doc: int = 6, seed: int = 5) -> Iterator[tuple[Document, list[Event]]]:
    rng = random.Random(seed)
    for i in range(n_docs):
        lang = "vi" if rng.random() < 0.7 else "en"
        parts, events, pos = [], [], 0
        for _ in range(per_doc):
            ty, partner = rng.choice(EVENT_TYPES), rng.choice(PARTNERS)
            d = START + timedelta(days=rng.randrange(DAYS))
            vn, fo = person(rng), rng.choice(FOREIGN)
            if lang == "vi":
                s = f"Ngày {d.day}/{d.month}/{d.year}, ông {vn} đã {VERB_VI[ty]} {partner} và ông {fo}."
            else:
                s = f"On {d.isoformat()}, {vn} {VERB_EN[ty]} {partner} and met {fo}."
            events.append(Event(type=ty, date=d.isoformat(), parties=["VNM", partner], evidence=s, persons=[vn, fo],
                                lang=lang, source=f"art/{i}.txt", sentence=(pos, pos + len(s)),
                                evidence_span=(pos, pos + len(s))))
            filler = rng.choice(FILLER_VI if lang == "vi" else FILLER_EN)
            parts += [s, filler]
            pos += len(s) + 1 + len(filler) + 1
        text = " ".join(parts)
        yield Document(source=f"art/{i}.txt", original=text, text=text, lang=lang, title=parts[0][:90],
                       url=f"https://example.org/art/{i}", doc_date=START + timedelta(days=rng.randrange(DAYS))), events


def build(path: Path, n_events: int, n_articles: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    store = open_store(str(path))
    t0 = time.perf_counter()
    n = bulk_load(store, synthetic(n_events, per_doc=5))
    t1 = time.perf_counter()
    print(f"build: {n} events in {n // 5} documents bulk-loaded in {t1 - t0:.0f} s ({n / (t1 - t0):.0f} events/s)")
    for doc, events in articles(n_articles):
        store.add_document(doc, events)
    t2 = time.perf_counter()
    with store.db.read() as conn:
        counts = {t: conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in ("documents", "events",
                                                                                          "mentions")}
    print(f"build: {n_articles} full-text articles through Store.add_document in {t2 - t1:.0f} s; the store holds "
          f"{counts['documents']} documents, {counts['events']} canonical events, {counts['mentions']} mentions")
    store.close()


FILTERS = ("none", "party", "type", "year", "party+year", "type+year")


def request_plan(n: int, seed: int = 3, filters: tuple[str, ...] = FILTERS, n_events: int = 1_000_000
                 ) -> list[tuple[str, str, dict[str, Any]]]:
    """Half searches, half event listings; ``filters`` picks which event filter kinds to send."""
    rng = random.Random(seed)
    plan = []
    for i in range(n):
        if i % 2 == 0:
            params: dict[str, Any] = {"q": rng.choice(SEARCHES), "per_page": 20}
            params["page"] = rng.choices([1, 2, 3, 10], weights=(60, 20, 10, 10))[0]
            if params["page"] == 1:
                params["facets"] = "true"
            kind = rng.choices(["", "type", "party", "year"], weights=(70, 10, 10, 10))[0]
            if kind == "type":
                params["type"] = rng.choice(EVENT_TYPES)
            elif kind == "party":
                params["party"] = rng.choice(PARTNERS)
            elif kind == "year":
                params["year"] = str(rng.randint(2005, 2024))
            plan.append(("search", "/api/search", params))
        else:
            params = {"per_page": 50}
            paging = rng.choices(["first", "deep", "keyset"], weights=(50, 30, 20))[0]
            if paging == "keyset":
                params["after"] = rng.randint(1, n_events)
            else:
                params["page"] = 1 if paging == "first" else 20
            kind = rng.choices(FILTERS, weights=(10, 30, 20, 20, 10, 10))[0]
            while kind not in filters:
                kind = rng.choice(filters)
            if "party" in kind:
                params["party"] = rng.choice(PARTNERS)
            if "type" in kind:
                params["type"] = rng.choice(EVENT_TYPES)
            if "year" in kind:
                params["year"] = str(rng.randint(2005, 2024))
            plan.append(("events", "/api/events", params))
    return plan


def shape(name: str, params: dict[str, Any]) -> str:
    """What kind of request this is, for the breakdown: which filters, and which page."""
    keys = "+".join(k for k in ("party", "type", "year") if k in params) or "no filter"
    if name == "search":
        page = "page 1 + facets" if params["page"] == 1 else f"page {params['page']}"
        return f"search {keys}, {page}"
    page = "keyset" if "after" in params else f"page {params['page']}"
    return f"events {keys}, {page}"


class Http:
    """One HTTP/1.1 keep-alive connection: GET, read status and body (Content-Length or chunked)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        status, length, chunked = int(head[9:12]), 0, False
        for line in head.split(b"\r\n")[1:]:
            k, _, v = line.partition(b":")
            k = k.strip().lower()
            if k == b"content-length":
                length = int(v)
            elif k == b"transfer-encoding" and b"chunked" in v.lower():
                chunked = True
        if not chunked:
            return status, await self.reader.readexactly(length)
        body = b""
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).strip(), 16)
            body += (await self.reader.readexactly(size + 2))[:-2]
            if size == 0:
                return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def drive(base: str, plan: list[tuple[str, str, dict[str, Any]]], clients: int, max_seconds: float,
                think: tuple[float, float] | None = None, seed: int = 17
                ) -> tuple[dict[str, list[float]], dict[str, int], float]:
    """Send ``plan`` over ``clients`` keep-alive connections; latencies (ms) by endpoint and by shape.

    ``think``: (least, most) seconds each client waits after an answer before its next request,
    and before its first (so that users arrive spread out, not in one burst); None: no wait.
    """
    lat: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    by_shape: dict[str, list[float]] = {}
    queue: asyncio.Queue[tuple[str, str, dict[str, Any]]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    deadline = time.perf_counter() + max_seconds
    host, port = base.removeprefix("http://").split(":")
    rng = random.Random(seed)

    async def worker() -> None:
        conn = Http(host, int(port))
        try:
            if think:
                await asyncio.sleep(rng.uniform(0, think[1]))
            while time.perf_counter() < deadline:
                try:
                    name, path, params = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t = time.perf_counter()
                try:
                    status, _body = await asyncio.wait_for(conn.get(path + "?" + urlencode(params)), 30)
                    ok = status == 200
                except (TimeoutError, OSError, asyncio.IncompleteReadError, ValueError):
                    ok = False
                    conn.close()
                ms = (time.perf_counter() - t) * 1000
                lat.setdefault(name, []).append(ms)
                by_shape.setdefault(shape(name, params), []).append(ms)
                if not ok:
                    errors[name] = errors.get(name, 0) + 1
                if think:
                    await asyncio.sleep(rng.uniform(*think))
        finally:
            conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    lat["_shapes"] = by_shape  # type: ignore[assignment]
    return lat, errors, time.perf_counter() - t0


def start_server(db: str, port: int, workers: int, cache_ttl: float | None = None, http: str = "auto",
                 loop: str = "auto") -> subprocess.Popen[bytes]:
    """The app read-only under uvicorn, ``workers`` processes (bluebook.web.server.serve)."""
    ttl = "" if cache_ttl is None else f", cache_ttl={float(cache_ttl)!r}"
    code = ("from bluebook.web.server import serve; "
            f"serve({db!r}, host='127.0.0.1', port={port}, token='', workers={workers}, access_log=False, "
            f"http={http!r}, loop={loop!r}{ttl})")
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL)
    end = time.time() + 120
    while time.time() < end:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/events?per_page=1", timeout=30).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise SystemExit("the server did not start")


SQLITE_TABLES = ("documents", "doc_texts", "doc_bands", "doc_dropped", "events", "event_parties",
                 "event_persons", "event_blocks", "mentions", "rejects")


def copy_to_postgres(sqlite_path: Path, pg_url: str) -> None:
    """Every row of the SQLite store into an empty PostgreSQL store (schema by open_store), by COPY.

    The full-text index is rebuilt from documents_fts' stored (already folded) title and body; the
    party_events/read_meta triggers of migration 0002 fill their tables as rows arrive.
    """
    import sqlite3

    import psycopg

    from bluebook.store.postgres import fix_sequences

    open_store(pg_url).close()
    src = sqlite3.connect(str(sqlite_path))
    t0 = time.perf_counter()
    dsn = pg_url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(dsn) as pg:
        bool_cols = {("events", "planned"), ("mentions", "planned")}
        for table in SQLITE_TABLES:
            cols = [r[1] for r in src.execute(f"PRAGMA table_info({table})")]
            flags = [(table, c) in bool_cols for c in cols]
            with pg.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(cols)}) FROM STDIN") as cp:
                for row in src.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid"
                                       if table not in ("doc_bands", "event_blocks") else
                                       f"SELECT {', '.join(cols)} FROM {table}"):
                    cp.write_row([bool(v) if f and v is not None else v for v, f in zip(row, flags, strict=True)])
            print(f"  copied {table} ({time.perf_counter() - t0:.0f} s)")
        with pg.cursor() as cur:
            cur.execute("CREATE TEMP TABLE fts_src (doc_id BIGINT, title TEXT, body TEXT)")
            with cur.copy("COPY fts_src (doc_id, title, body) FROM STDIN") as cp:
                for row in src.execute("SELECT rowid, title, body FROM documents_fts"):
                    cp.write_row(row)
            cur.execute("INSERT INTO documents_fts (doc_id, fts) SELECT doc_id, setweight(to_tsvector('simple', title), "
                        "'A') || setweight(to_tsvector('simple', body), 'B') FROM fts_src")
        pg.commit()
    print(f"  full-text index built ({time.perf_counter() - t0:.0f} s)")
    store = open_store(pg_url)
    with store.db.write() as conn:
        fix_sequences(conn, ["documents", "events", "mentions", "rejects"])
    store.optimize()
    store.close()
    print(f"copy to PostgreSQL: {time.perf_counter() - t0:.0f} s")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p * len(xs))) - 1))]


@dataclass
class Figures:
    """One measured run, for the markdown table."""
    backend: str
    model: str
    clients: int
    cache: str
    requests: int = 0
    rate: float = 0.0
    search: tuple[float, float] = (0.0, 0.0)    # p50, p95 in ms
    events: tuple[float, float] = (0.0, 0.0)
    errors: int = 0
    load: tuple[float, float] = (0.0, 0.0)      # 1-minute load average before and after
    server_cpu: float = 0.0                      # CPU ms of the server processes per request

    @property
    def met(self) -> bool:
        return max(self.search[1], self.events[1]) < 100 and not self.errors


def report(title: str, lat: dict[str, list[float]], errors: dict[str, int], wall: float | None,
           clients: int, fig: Figures | None = None) -> float:
    shapes: dict[str, list[float]] = lat.pop("_shapes", {})  # type: ignore[assignment]
    total = sum(len(v) for v in lat.values())
    if wall:
        print(f"{title}: {total} requests in {wall:.1f} s ({total / wall:.0f} req/s) at {clients} concurrent "
              f"client(s), {os.cpu_count()} CPUs shared by server, client and whatever else runs")
    worst = 0.0
    for name in ("search", "events"):
        xs = lat.get(name, [])
        if not xs:
            continue
        p95 = pct(xs, 0.95)
        worst = max(worst, p95)
        print(f"  /api/{name:7s} n={len(xs):5d}  p50 {statistics.median(xs):7.1f} ms  p95 {p95:7.1f} ms  "
              f"max {max(xs):7.1f} ms  errors {errors.get(name, 0)}")
        if fig is not None:
            setattr(fig, name, (statistics.median(xs), p95))
    if fig is not None:
        fig.requests, fig.rate, fig.errors = total, total / wall if wall else 0.0, sum(errors.values())
    if shapes:
        print("  by request shape (n, median, p95):")
        for k, xs in sorted(shapes.items(), key=lambda kv: -pct(kv[1], 0.95)):
            print(f"    {k:40s} n={len(xs):4d}  {statistics.median(xs):8.1f} ms  {pct(xs, 0.95):8.1f} ms")
    return worst


def markdown(figs: list[Figures], note: str) -> str:
    rows = ["| backend | load model | clients | response cache | requests | req/s | /api/search p50 / p95 | "
            "/api/events p50 / p95 | errors | server CPU a request | load avg before / after | p95 < 100 ms |",
            "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for f in figs:
        rows.append(f"| {f.backend} | {f.model} | {f.clients} | {f.cache} | {f.requests} | {f.rate:.0f} | "
                    f"{f.search[0]:.1f} / {f.search[1]:.1f} ms | {f.events[0]:.1f} / {f.events[1]:.1f} ms | "
                    f"{f.errors} | {f.server_cpu:.1f} ms | {f.load[0]:.1f} / {f.load[1]:.1f} | "
                    f"{'yes' if f.met else '**no**'} |")
    return note + "\n\n" + "\n".join(rows) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="20,000 events, 400 requests")
    ap.add_argument("--db", type=Path, default=None, help="SQLite file (built when missing)")
    ap.add_argument("--pg", action="store_true", help="serve a PostgreSQL copy of the SQLite database")
    ap.add_argument("--pg-url", default=None, help="serve this PostgreSQL database (a copy made before)")
    ap.add_argument("--copy-to-pg", default=None, metavar="URL",
                    help="copy the SQLite database into this empty PostgreSQL database, then exit")
    ap.add_argument("--events", type=int, default=None)
    ap.add_argument("--articles", type=int, default=None)
    ap.add_argument("--requests", type=int, default=None, help="requests of the closed-loop run")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--model", default="both", choices=("closed", "think", "both"),
                    help="closed loop without think time, users with think time, or both")
    ap.add_argument("--think", default="0.5:1.0", help="think time range in seconds, LEAST:MOST")
    ap.add_argument("--think-seconds", type=float, default=60.0, help="how long the think-time run lasts")
    ap.add_argument("--workers", type=int, default=2, help="server processes (uvicorn workers)")
    ap.add_argument("--seconds", type=float, default=300, help="stop sending after this long")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--no-cache", action="store_true", help="serve without the response cache (cache_ttl=0)")
    ap.add_argument("--compare-cache", action="store_true", help="then the same runs with the cache switched")
    ap.add_argument("--repeat", type=int, default=1, help="load runs per setting (same database, new server)")
    ap.add_argument("--http", default="auto", choices=("auto", "httptools", "h11"), help="uvicorn's HTTP protocol")
    ap.add_argument("--loop", default="auto", choices=("auto", "uvloop", "asyncio"), help="uvicorn's event loop")
    ap.add_argument("--filters", default=",".join(FILTERS),
                    help=f"event filter kinds to send, comma-separated from {', '.join(FILTERS)}")
    ap.add_argument("--md", type=Path, default=None, help="append the figures as a markdown table to this file")
    ap.add_argument("--note", default="", help="a line put above the markdown table")
    a = ap.parse_args()
    n_events = a.events or (20_000 if a.quick else 1_000_000)
    n_articles = a.articles if a.articles is not None else (300 if a.quick else 3_000)
    n_req = a.requests or (400 if a.quick else 3_000)
    filters = tuple(f for f in a.filters.split(",") if f in FILTERS) or FILTERS
    db = a.db or OUT / f"web_load_{n_events}.db"
    if a.rebuild or not db.exists():
        build(db, n_events, n_articles)
    else:
        print(f"using {db} (pass --rebuild to make it again)")
    if a.copy_to_pg:
        copy_to_postgres(db, a.copy_to_pg)
        return
    url, pg = str(db), None
    if a.pg_url:
        url = a.pg_url
    elif a.pg:
        from pg_server import start_server as start_pg

        pg = start_pg()
        pg.admin("CREATE DATABASE bench")
        url = pg.url("bench")
        print(f"PostgreSQL on port {pg.port}: copying {db.name} into it")
        copy_to_postgres(db, url)
    settings = [a.no_cache] + ([not a.no_cache] if a.compare_cache else [])
    figs: list[Figures] = []
    try:
        for no_cache in settings:
            for run in range(1, a.repeat + 1):
                figs += one_run(a, url, no_cache, run, n_req, n_events, filters)
    finally:
        if pg is not None:
            pg.stop()
    table = markdown(figs, a.note or f"{n_events:,} events requested ({db.name}), {a.workers} server workers, "
                     f"{os.cpu_count()} CPUs shared by server, client and other jobs.")
    print("\n" + table)
    if a.md:
        with a.md.open("a", encoding="utf-8") as f:
            f.write(table + "\n")


def server_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of the server: the uvicorn process and its workers (a figure that the
    other jobs on a shared machine disturb much less than latency or throughput)."""
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:
            pass
    return total


def one_run(a: argparse.Namespace, url: str, no_cache: bool, run: int, n_req: int, n_events: int,
            filters: tuple[str, ...]) -> list[Figures]:
    """Start the server, warm it up, one client, then each load model; the server is stopped after."""
    proc = start_server(url, a.port, a.workers, 0.0 if no_cache else None, a.http, a.loop)
    backend = "SQLite" if url.endswith(".db") or url.startswith("sqlite") else "PostgreSQL"
    cache = "off" if no_cache else "on"
    figs: list[Figures] = []
    lo, hi = (float(x) for x in a.think.split(":"))
    try:
        base = f"http://127.0.0.1:{a.port}"
        print(f"\n== run {run}: {backend}, {a.workers} worker process(es), http {a.http}, loop {a.loop}, "
              f"response cache {cache}; load average before: {os.getloadavg()[0]:.1f}")
        asyncio.run(drive(base, request_plan(60, seed=99, n_events=n_events), 4, 60))          # warm up
        # one client first: what each request costs with nobody queueing in front of it
        solo, solo_err, _ = asyncio.run(drive(base, request_plan(min(300, n_req), seed=7, filters=filters,
                                                                 n_events=n_events), 1, a.seconds / 3))
        solo.pop("_shapes")
        report("1 client", solo, solo_err, None, 1)
        models = ("closed", "think") if a.model == "both" else (a.model,)
        for seed, model in enumerate(models, start=3):
            before, cpu0 = os.getloadavg()[0], server_cpu_seconds(proc.pid)
            if model == "closed":
                fig = Figures(backend, "closed loop, no think time", a.clients, cache)
                lat, errors, wall = asyncio.run(drive(base, request_plan(n_req, seed=seed, filters=filters,
                                                                         n_events=n_events), a.clients, a.seconds))
            else:
                fig = Figures(backend, f"{a.clients} users, think {lo:g}-{hi:g} s", a.clients, cache)
                n = int(a.clients * a.think_seconds / ((lo + hi) / 2)) + a.clients
                lat, errors, wall = asyncio.run(drive(base, request_plan(n, seed=seed, filters=filters,
                                                                         n_events=n_events), a.clients,
                                                      a.think_seconds, think=(lo, hi)))
            fig.load = (before, os.getloadavg()[0])
            n_done = len(lat.get("search", [])) + len(lat.get("events", []))
            fig.server_cpu = (server_cpu_seconds(proc.pid) - cpu0) * 1000 / max(1, n_done)
            print(f"\n-- {fig.model}: load average {fig.load[0]:.1f} before, {fig.load[1]:.1f} after")
            worst = report("load", lat, errors, wall, a.clients, fig)
            print(f"target p95 < 100 ms with no errors ({fig.model}): "
                  f"{'meets' if worst < 100 and not errors else 'MISSES'}")
            figs.append(fig)
    finally:
        proc.terminate()
        proc.wait(10)
    return figs


if __name__ == "__main__":
    main()

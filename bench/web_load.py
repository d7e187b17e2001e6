"""Load benchmark of the web API: /api/search and /api/events at 20 concurrent clients on localhost.

    python bench/web_load.py            # >= 1,000,000 canonical events, 3,000 requests
    python bench/web_load.py --quick    # 20,000 events, 400 requests, a minute or so
    python bench/web_load.py --db bench/out/web_load.db --requests 5000 --clients 20
    python bench/web_load.py --filters none,type,party     # leave out the year filter

The database is built once and kept (bench/out/, gitignored; pass --rebuild to start again):
1. synthetic documents of five invented events each, written in batches with the store's own
   row builders (see ``bulk_load``: the Store has no public bulk path fast enough for this);
2. then a few thousand more documents through ``Store.add_document`` itself, clustered as usual.
The server runs in its own process (uvicorn, one worker); the client is asyncio + httpx with
at most --clients requests in flight, a bounded number of requests and a time limit.
Target (issue 7): p95 < 100 ms for both endpoints, no errors.
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
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx

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
SEARCHES = ["thu tuong", "hội đàm", "lao", "held talks", "vien tro", "ky niem quan he", "điện đàm nhật",
            "hop tac kinh te", "official visit", "relief supplies", "nâng cấp quan hệ", "cong dong nguoi viet",
            "phan doi", '"hoi nghi cung"', "kira demm", "aldo renn", "2019", "hung", "long toan", "khong co tu nay"]
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


FILTERS = ("none", "party", "type", "year", "party+year")


def request_plan(n: int, seed: int = 3, filters: tuple[str, ...] = FILTERS) -> list[tuple[str, str, dict[str, Any]]]:
    """Half searches, half event listings; ``filters`` picks which event filter kinds to send."""
    rng = random.Random(seed)
    plan = []
    for i in range(n):
        if i % 2 == 0:
            plan.append(("search", "/api/search", {"q": rng.choice(SEARCHES), "per_page": 20,
                                                   "page": rng.choice([1, 1, 1, 2, 3])}))
        else:
            params: dict[str, Any] = {"per_page": 50, "page": rng.randint(1, 20)}
            kind = rng.choices(FILTERS, weights=(10, 35, 25, 20, 10))[0]
            while kind not in filters:
                kind = rng.choice(filters)
            if "party" in kind:
                params["party"] = rng.choice(PARTNERS)
            if kind == "type":
                params["type"] = rng.choice(EVENT_TYPES)
            if "year" in kind:
                params["year"] = str(rng.randint(2005, 2024))
            plan.append(("events", "/api/events", params))
    return plan


def shape(name: str, params: dict[str, Any]) -> str:
    """What kind of request this is, for the breakdown: which filters, and deep pages or not."""
    if name == "search":
        return f"search q={params['q']!r}"
    keys = "+".join(k for k in ("party", "type", "year") if k in params) or "no filter"
    return f"events {keys}, page {'1-5' if params['page'] <= 5 else '6-20'}"


async def drive(base: str, plan: list[tuple[str, str, dict[str, Any]]], clients: int,
                max_seconds: float) -> tuple[dict[str, list[float]], dict[str, int], float]:
    lat: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    by_shape: dict[str, list[float]] = {}
    queue: asyncio.Queue[tuple[str, str, dict[str, Any]]] = asyncio.Queue()
    for item in plan:
        queue.put_nowait(item)
    deadline = time.perf_counter() + max_seconds
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        async def worker() -> None:
            while time.perf_counter() < deadline:
                try:
                    name, path, params = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t = time.perf_counter()
                try:
                    r = await client.get(path, params=params)
                    ok = r.status_code == 200
                except httpx.HTTPError:
                    ok = False
                ms = (time.perf_counter() - t) * 1000
                lat.setdefault(name, []).append(ms)
                by_shape.setdefault(shape(name, params), []).append(ms)
                if not ok:
                    errors[name] = errors.get(name, 0) + 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(clients)))
        lat["_shapes"] = by_shape  # type: ignore[assignment]
        return lat, errors, time.perf_counter() - t0


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    code = ("import uvicorn; from bluebook.web import create_app; "
            f"uvicorn.run(create_app({str(db)!r}, token=''), host='127.0.0.1', port={port}, "
            "log_level='warning', access_log=False)")
    proc = subprocess.Popen([sys.executable, "-c", code])
    end = time.time() + 60
    while time.time() < end:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=30).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("the server did not start")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, int(round(p * len(xs))) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="20,000 events, 400 requests")
    ap.add_argument("--db", type=Path, default=None)
    ap.add_argument("--events", type=int, default=None)
    ap.add_argument("--articles", type=int, default=None)
    ap.add_argument("--requests", type=int, default=None)
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=300, help="stop sending after this long")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--filters", default=",".join(FILTERS),
                    help=f"event filter kinds to send, comma-separated from {', '.join(FILTERS)}")
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
    proc = start_server(db, a.port)
    try:
        base = f"http://127.0.0.1:{a.port}"
        asyncio.run(drive(base, request_plan(40, seed=99), 4, 60))          # warm the caches
        # one client first: what each request costs with nobody queueing in front of it
        solo, solo_err, _ = asyncio.run(drive(base, request_plan(min(200, n_req), seed=7, filters=filters), 1, a.seconds / 3))
        solo.pop("_shapes")
        for name in ("search", "events"):
            xs = solo.get(name, [])
            if xs:
                print(f"  1 client: /api/{name:7s} n={len(xs):4d}  p50 {statistics.median(xs):7.1f} ms  "
                      f"p95 {pct(xs, 0.95):7.1f} ms  errors {solo_err.get(name, 0)}")
        lat, errors, wall = asyncio.run(drive(base, request_plan(n_req, filters=filters), a.clients, a.seconds))
    finally:
        proc.terminate()
        proc.wait(10)
    shapes: dict[str, list[float]] = lat.pop("_shapes")  # type: ignore[assignment]
    total = sum(len(v) for v in lat.values())
    print(f"load: {total} requests in {wall:.1f} s ({total / wall:.0f} req/s) at {a.clients} concurrent clients, "
          f"{os.cpu_count()} CPUs shared by server and client")
    worst = 0.0
    for name in ("search", "events"):
        xs = lat.get(name, [])
        if not xs:
            continue
        p95 = pct(xs, 0.95)
        worst = max(worst, p95)
        print(f"  /api/{name:7s} n={len(xs):5d}  p50 {statistics.median(xs):7.1f} ms  p95 {p95:7.1f} ms  "
              f"max {max(xs):7.1f} ms  errors {errors.get(name, 0)}")
    print("  by request shape (median, max):")
    for k, xs in sorted(shapes.items(), key=lambda kv: -statistics.median(kv[1])):
        print(f"    {k:40s} n={len(xs):4d}  {statistics.median(xs):8.1f} ms  {max(xs):8.1f} ms")
    verdict = "meets" if worst < 100 and not errors else "MISSES"
    print(f"target p95 < 100 ms with no errors: {verdict}")


if __name__ == "__main__":
    main()

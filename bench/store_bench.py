"""Store benchmark: ingest rate, search latency and size per document, on SQLite and PostgreSQL.

    python bench/store_bench.py            # 100,000 documents, 1,000,000 events
    python bench/store_bench.py --quick    # 2,000 documents, a minute or so
    python bench/store_bench.py --docs 20000 --backend sqlite --batch 100
    python bench/store_bench.py --backend postgresql --pg-url postgresql://user@host/emptydb
    python bench/store_bench.py --search-db bench/out/web_load_1000000.db --search-db postgresql://...
        # search latency only, on stores built before (bench/web_load.py builds one of >= 1M events)

Documents are synthetic, from templates written for this benchmark: Vietnamese
and English reports of invented diplomatic events (invented people, real
country codes), with ~10 events each drawn from a pool so that several
documents report the same event, plus ~5% near-duplicate copies.
Targets: ingest >= 500 docs/s per core on SQLite; search p95 < 50 ms.
"""
from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bluebook.models import EVENT_TYPES, Document, Event
from bluebook.store import open_store

PARTNERS = ["LAO", "KHM", "CHN", "JPN", "KOR", "USA", "RUS", "IND", "AUS", "FRA", "DEU", "GBR", "ITA", "SGP",
            "THA", "IDN", "MYS", "PHL", "MMR", "BRN", "NZL", "CAN", "BRA", "ARG", "CUB", "MEX", "ZAF", "EGY",
            "TUR", "ISR", "SAU", "ARE", "QAT", "IRN", "PAK", "BGD", "LKA", "NPL", "MNG", "KAZ", "UZB", "BLR",
            "UKR", "POL", "CZE", "HUN", "ROU", "BGR", "NLD", "BEL", "CHE", "AUT", "SWE", "NOR", "FIN", "DNK",
            "ESP", "PRT", "GRC", "IRL", "ASEAN", "UN", "EU", "APEC", "WTO", "WHO", "G20"]
SURNAMES = ["Lê", "Trần", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLES = ["Văn", "Thị", "Minh", "Đức", "Hữu", "Quang", "Thanh", "Ngọc", "Xuân", "Anh"]
GIVENS = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hùng", "Khoa", "Lâm", "Long", "Nam", "Phong",
          "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt", "Vinh"]
FOREIGN = ["Aldo Renn", "Bea Talor", "Cato Mirel", "Dara Voss", "Elin Sarto", "Faris Quell", "Gita Oran",
           "Hugo Lanz", "Ines Bracke", "Jonas Feld", "Kira Demm", "Lars Otte", "Mira Kesh", "Nils Prado"]
VERBS_VI = {"visit": "thăm chính thức", "phone_call": "điện đàm với", "talks": "hội đàm với",
            "conference": "dự hội nghị cùng", "agreement": "ký thỏa thuận hợp tác với",
            "aid": "trao tặng hàng viện trợ cho", "message": "gửi thư chúc mừng tới",
            "anniversary": "dự lễ kỷ niệm quan hệ ngoại giao với", "upgrade": "nâng cấp quan hệ với",
            "withdrawal": "thông báo rút khỏi thỏa thuận với", "appeal": "kêu gọi",
            "accusation": "phản đối hành động của"}
VERBS_EN = {"visit": "paid an official visit to", "phone_call": "held a phone call with",
            "talks": "held talks with", "conference": "attended a conference with",
            "agreement": "signed a cooperation agreement with", "aid": "handed over relief supplies to",
            "message": "sent a congratulatory message to", "anniversary": "marked the anniversary of ties with",
            "upgrade": "upgraded relations with", "withdrawal": "announced a withdrawal from a pact with",
            "appeal": "called on", "accusation": "protested the actions of"}
FILLER_VI = ["Hai bên nhất trí thúc đẩy hợp tác trong các lĩnh vực kinh tế, thương mại, đầu tư và giáo dục.",
             "Các cơ quan liên quan sẽ sớm triển khai những nội dung đã được thống nhất.",
             "Lãnh đạo hai nước đánh giá cao kết quả hợp tác thời gian qua.",
             "Nhân dịp này, đoàn đã gặp gỡ cộng đồng người Việt đang sinh sống và làm việc tại địa phương.",
             "Buổi làm việc diễn ra trong không khí thân mật, cởi mở và tin cậy."]
FILLER_EN = ["Both sides agreed to step up cooperation in trade, investment, education and technology.",
             "The relevant agencies will soon carry out the items agreed during the meeting.",
             "The leaders spoke highly of the results of cooperation in recent years.",
             "The delegation also met members of the local Vietnamese community.",
             "The meeting took place in a friendly and open atmosphere."]


def person_vi(rng: random.Random) -> str:
    return f"{rng.choice(SURNAMES)} {rng.choice(MIDDLES)} {rng.choice(GIVENS)}"


class Corpus:
    """Synthetic documents; each reports ~10 events drawn from a shared pool of true events."""

    def __init__(self, n_docs: int, events_per_doc: int = 10, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self.n_docs, self.k = n_docs, events_per_doc
        start = date(2015, 1, 1)
        n_true = max(50, n_docs * events_per_doc // 3)     # each true event reported ~3 times
        self.pool = []
        for _ in range(n_true):
            d = start + timedelta(days=self.rng.randrange(3650))
            t = self.rng.choice(EVENT_TYPES)
            self.pool.append((t, d, self.rng.choice(PARTNERS), person_vi(self.rng), self.rng.choice(FOREIGN)))

    def __iter__(self):
        rng = self.rng
        last: Document | None = None
        for i in range(self.n_docs):
            if last is not None and rng.random() < 0.05:     # a lightly edited copy of the previous story
                text = last.original.replace("ngày", "hôm", 1).replace(" the ", " a ", 1) + " (copy)"
                yield Document(source=f"synth/{i}.txt", original=text, text=text, lang=last.lang,
                               url=f"https://example.org/n/{i}", title=last.title, doc_date=last.doc_date), []
                continue
            lang = "vi" if rng.random() < 0.7 else "en"
            picked = [self.pool[rng.randrange(len(self.pool))] for _ in range(self.k)]
            sentences, events = [], []
            pos = 0
            for t, d, partner, vn, foreign in picked:
                if lang == "vi":
                    s = f"Ngày {d.day}/{d.month}/{d.year}, ông {vn} đã {VERBS_VI[t]} {partner} và ông {foreign}."
                else:
                    s = f"On {d.isoformat()}, {vn} {VERBS_EN[t]} {partner} and met {foreign}."
                filler = rng.choice(FILLER_VI if lang == "vi" else FILLER_EN)
                events.append(Event(type=t, date=d.isoformat(), parties=["VNM", partner], evidence=s,
                                    persons=[vn, foreign], lang=lang, source=f"synth/{i}.txt",
                                    sentence=(pos, pos + len(s)), evidence_span=(pos, pos + len(s))))
                sentences += [s, filler]
                pos += len(s) + len(filler) + 2
            text = " ".join(sentences)
            title = sentences[0][:80]
            last = Document(source=f"synth/{i}.txt", original=text, text=text, lang=lang, title=title,
                            url=f"https://example.org/n/{i}", doc_date=picked[0][1])
            yield last, events


def db_size(store) -> int:
    if store.dialect == "sqlite":
        with store.engine.connect() as c:
            c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        path = store.engine.url.database
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    with store.engine.connect() as c:
        return int(c.exec_driver_sql("SELECT pg_database_size(current_database())").scalar())


QUERIES = ["thu tuong", "hoi dam", "lao", "held talks", "vien tro", "ky niem quan he", "dien dam nhat",
           "hop tac kinh te", "official visit", "relief supplies", "nang cap quan he", "cong dong nguoi viet",
           "phan doi", "\"hoi nghi cung\"", "kira demm", "aldo renn sgp", "2019", "hung", "long toan", "nothere"]


def run(url: str, n_docs: int, label: str, batch: int = 1) -> None:
    store = open_store(url)
    t0, c0 = time.perf_counter(), time.process_time()
    n_events = 0
    status: dict[str, int] = {}

    def counted():
        nonlocal n_events
        for doc, events in Corpus(n_docs):
            n_events += len(events)
            yield doc, events

    for r in store.add_documents(counted(), batch=batch):
        status[r.status] = status.get(r.status, 0) + 1
    dt, cpu = time.perf_counter() - t0, time.process_time() - c0
    t_opt = time.perf_counter()
    store.optimize()          # statistics and a merged full-text index, as after any bulk load
    t_opt = time.perf_counter() - t_opt
    st = store.stats()
    label = f"{label}, {'1 document' if batch == 1 else f'{batch} documents'} per transaction"
    print(f"[{label}] ingest: {n_docs} docs, {n_events} event mentions in {dt:.1f} s = "
          f"{n_docs / dt:.0f} docs/s wall, {n_events / dt:.0f} mentions/s (1 process); "
          f"{n_docs / cpu:.0f} docs per CPU-second of this process"
          + (" (the server's CPU not counted)" if label.startswith("postgresql") else ""))
    print(f"[{label}] stored: {st['documents']} docs ({st['duplicates']} near-duplicates), "
          f"{st['events']} canonical events; statuses {status}; optimize() took {t_opt:.1f} s")
    lat = []
    rng = random.Random(1)
    for _ in range(300):
        q = rng.choice(QUERIES)
        t = time.perf_counter()
        store.search(q, limit=20)
        lat.append((time.perf_counter() - t) * 1000)
    lat.sort()
    p50, p95 = statistics.median(lat), lat[int(len(lat) * 0.95) - 1]
    t = time.perf_counter()
    store.events(party="LAO", limit=100)
    ev_ms = (time.perf_counter() - t) * 1000
    size = db_size(store)
    print(f"[{label}] search: p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {lat[-1]:.1f} ms (300 queries, top 20)")
    print(f"[{label}] events(party=LAO, limit=100): {ev_ms:.1f} ms; size {size / 1e6:.1f} MB = "
          f"{size / max(1, st['documents']) / 1024:.1f} KiB/doc")
    store.close()


# -- search latency on a large store built before ------------------------------------------------------
FILTER_KINDS = ("words only", "words + partner", "words + year", "words + type")


def search_latency(url: str, n: int = 300, seed: int = 1) -> dict[str, tuple[float, float, float]]:
    """p50, p95 and max (ms) of ``Store.search(q, limit=20)`` by kind of filter, ``n`` queries each,
    on the store at ``url`` as it is (nothing is written). Queries: QUERIES, the partners and years
    the store holds. Each query is new to the store's process: Store.search keeps nothing."""
    from bluebook.models import EVENT_TYPES

    store = open_store(url)
    with store.db.read() as conn:
        docs = conn.exec_driver_sql("SELECT count(*) FROM documents").scalar()
        events = conn.exec_driver_sql("SELECT count(*) FROM events").scalar()
    parties = list(store.partners())[:40] or ["LAO"]
    rng = random.Random(seed)
    out: dict[str, tuple[float, float, float]] = {}
    for kind in FILTER_KINDS:
        lat = []
        for _ in range(n):
            filters: dict[str, Any] = {}
            if kind == "words + partner":
                filters["party"] = rng.choice(parties)
            elif kind == "words + year":
                filters["date_from"] = filters["date_to"] = str(rng.randint(2005, 2024))
            elif kind == "words + type":
                filters["type"] = rng.choice(EVENT_TYPES)
            q = rng.choice(QUERIES)
            t = time.perf_counter()
            store.search(q, limit=20, filters=filters)
            lat.append((time.perf_counter() - t) * 1000)
        lat.sort()
        out[kind] = (statistics.median(lat), lat[int(len(lat) * 0.95) - 1], lat[-1])
        print(f"[{store.dialect}, {docs} docs, {events} canonical events] search {kind}: p50 {out[kind][0]:.1f} ms, "
              f"p95 {out[kind][1]:.1f} ms, max {out[kind][2]:.1f} ms ({n} queries, top 20; load average "
              f"{os.getloadavg()[0]:.1f})")
    store.close()
    return out


# -- the write path, on documents the real pipeline extracted ------------------------------------------
def extracted_docs(n: int, seed: int = 7) -> list[Document]:
    """``n`` documents of bench/corpus.py run through the pipeline (what bench/run.py ingests)."""
    from corpus import records

    from bluebook.distributed.local import process_one
    from bluebook.models import RawDoc

    out: list[Document] = []
    for r in records(n * 4000, seed):
        d = process_one(RawDoc(source=r["id"], text=r["text"], date=r["date"], title=r["title"], format="json"))
        if isinstance(d, Document):
            out.append(d)
            if len(out) == n:
                break
    return out


def _timed(fn) -> tuple[float, float]:
    t0, c0 = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t0, time.process_time() - c0


def _pg_module() -> Any:
    """tests/pg_server.py loaded by path: tests/ on sys.path would shadow dask's `distributed` package."""
    import importlib.util

    name = "bluebook_store_bench_pg_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).resolve().parents[1] / "tests" / "pg_server.py")
        if spec is None or spec.loader is None:
            raise ImportError("tests/pg_server.py not found")
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


def write_path(docs: list[Document], tmp: Path, pg: bool = True) -> list[tuple[str, str]]:
    """Ingest figures for the store's write path: (measure, value) rows for bench/results.md.

    SQLite one document per transaction and 100 per transaction (preparation in
    the writer, as ``add_documents`` of (document, events) pairs does); the same
    with documents prepared beforehand (what the extraction workers do in
    ``bluebook ingest``), writer and preparation timed apart; PostgreSQL 100 per
    transaction, and ``load_parquet`` (bulk COPY, 1000 per transaction) from
    Parquet written here. docs/s per core = documents / CPU seconds of this
    process (the PostgreSQL server's CPU is not counted; wall is given too).
    """
    from bluebook.store import prepare_document

    n = len(docs)
    n_ev = sum(len(d.events) for d in docs) / max(1, n)
    rows: list[tuple[str, str]] = []

    def ingest(url: str, items: Any, batch: int) -> tuple[float, float]:
        with open_store(url) as store:
            return _timed(lambda: [None for _ in store.add_documents(items, batch=batch)])

    def rate(label: str, wall: float, cpu: float) -> None:
        rows.append((label, f"{n / cpu:.0f} docs/s per core (wall {n / wall:.0f})"))

    for batch in (1, 100):
        w, c = ingest(f"sqlite:///{tmp}/w{batch}.db", [(d, d.events) for d in docs], batch)
        rate(f"SQLite ingest, {n} docs x {n_ev:.0f} events, {batch} doc(s) per transaction", w, c)
    prepared: list[Any] = []
    pw, pc = _timed(lambda: prepared.extend(prepare_document(d, d.events) for d in docs))
    w, c = ingest(f"sqlite:///{tmp}/wp.db", prepared, 100)
    rate("SQLite writer alone, documents prepared by the workers, 100 per transaction", w, c)
    rows.append(("preparing a document for the store (in the workers)", f"{pc / n * 1000:.2f} ms CPU per doc"))
    if not pg:
        return rows
    try:
        server = _pg_module().start_server()
    except Exception as e:  # no server: a note, not a failure
        rows.append(("PostgreSQL", f"skipped: {e}"))
        return rows
    try:
        server.admin("CREATE DATABASE wb", "CREATE DATABASE wl")
        w, c = ingest(server.url("wb"), [(d, d.events) for d in docs], 100)
        rate("PostgreSQL ingest, 100 docs per transaction", w, c)
        from bluebook.distributed.dask import load_parquet
        from bluebook.distributed.parquet import PartWriter

        out = tmp / "parquet"
        for part in range(0, n, 2000):
            pw_ = PartWriter(out, part // 2000)
            for d in docs[part:part + 2000]:
                pw_.add(d)
            pw_.close()
        w, c = _timed(lambda: load_parquet(out, server.url("wl")))
        rate("PostgreSQL bulk load (bluebook load: Parquet, COPY, 1000 docs per transaction)", w, c)
    finally:
        server.stop()
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="2,000 documents")
    ap.add_argument("--docs", type=int, default=None)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    ap.add_argument("--batch", type=int, default=1,
                    help="documents per transaction (1 = add_document; more = add_documents(batch=N))")
    ap.add_argument("--pg-url", default=os.environ.get("BLUEBOOK_BENCH_PG"),
                    help="an empty PostgreSQL database; default: start a throw-away server")
    ap.add_argument("--write-path", type=int, default=0, metavar="N",
                    help="only the write-path figures, on N documents extracted by the pipeline")
    ap.add_argument("--search-db", action="append", default=[], metavar="URL",
                    help="only search latency, on this store built before (repeat for several)")
    a = ap.parse_args()
    if a.search_db:
        for url in a.search_db:
            search_latency(url)
        return
    if a.write_path:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        docs = extracted_docs(a.write_path)
        with tempfile.TemporaryDirectory() as tmp:
            for label, value in write_path(docs, Path(tmp), pg=a.backend != "sqlite"):
                print(f"| {label} | {value} |")
        return
    n = a.docs or (2_000 if a.quick else 100_000)
    with tempfile.TemporaryDirectory() as tmp:
        if a.backend in ("sqlite", "both"):
            run(f"sqlite:///{tmp}/bench.db", n, "sqlite", a.batch)
        if a.backend in ("postgresql", "both"):
            server = None
            url = a.pg_url
            if not url:
                try:
                    server = _pg_module().start_server()
                except RuntimeError as e:
                    print(f"[postgresql] skipped: {e}")
                    return
                server.admin("CREATE DATABASE bench")
                url = server.url("bench")
            try:
                run(url, n, "postgresql", a.batch)
            finally:
                if server:
                    server.stop()


if __name__ == "__main__":
    main()

"""The ``bluebook`` command: a thin face over the library. Each command parses options and calls it."""
from __future__ import annotations

import sys

import typer

from bluebook.errors import BluebookError

app = typer.Typer(help="bluebook: diplomatic events of Viet Nam from news, and the Diplomatic Bluebook.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)


def fail(exc: BluebookError) -> None:
    typer.echo(f"error {exc}", err=True)


def _settings(encoding: str | None, lang: str = "auto"):  # noqa: ANN202
    from bluebook.config import DEFAULT

    return DEFAULT.with_(encoding=encoding, lang=lang)


@app.command()
def version() -> None:
    """Print the version."""
    from bluebook import __version__

    typer.echo(__version__)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders (recursive), archives, or - for stdin."),
    date: str | None = typer.Option(None, "--date", help="Document date YYYY-MM-DD (else metadata/dateline/today)."),
    lang: str = typer.Option("auto", "--lang", help="auto | vi | en"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl | json | csv | table"),
    explain: bool = typer.Option(False, "--explain", help="Show the trigger, entities and date behind each event."),
    encoding: str | None = typer.Option(None, "--encoding", help="Force an input encoding (utf-8, cp1258, tcvn3, vni …)."),
    min_confidence: float = typer.Option(0.0, "--min-confidence", min=0.0, max=1.0,
                                         help="Keep events whose confidence (learned probability) is at least this."),
) -> None:
    """Extract diplomatic events from news texts."""
    from bluebook.ingest import iter_raw
    from bluebook.output import write_events
    from bluebook.pipeline import parse_date, process_all

    settings = _settings(encoding, lang).with_(min_confidence=min_confidence)
    try:
        doc_date = parse_date(date, "--date")
    except BluebookError as exc:
        fail(exc)
        raise typer.Exit(2) from None
    errors = 0
    events = []
    for item in process_all(iter_raw(paths, settings), settings, doc_date, lang):
        if isinstance(item, BluebookError):
            fail(item)
            errors += 1
            continue
        for w in item.warnings:
            typer.echo(f"warning {item.source}: {w}", err=True)
        if fmt == "jsonl" and not explain:
            write_events(item.events, "jsonl", sys.stdout, explain)
        else:
            events.extend(item.events)
    if fmt != "jsonl" or explain:
        write_events(events, fmt, sys.stdout, explain)
    if errors:
        typer.echo(f"{errors} input(s) could not be read (see the errors above)", err=True)
        raise typer.Exit(1)


@app.command()
def entities(
    path: str = typer.Argument(..., help="A text file, or - for stdin."),
    date: str | None = typer.Option(None, "--date", help="Document date YYYY-MM-DD (resolves bare titles)."),
    fmt: str = typer.Option("table", "--format", help="table | jsonl"),
    encoding: str | None = typer.Option(None, "--encoding"),
) -> None:
    """Print the states, organisations, people and titles linked in a text."""
    from bluebook.ingest import iter_raw
    from bluebook.output import write_mentions
    from bluebook.pipeline import build_document, parse_date
    from bluebook.segment import segment_document

    settings = _settings(encoding)
    failed = False
    for raw in iter_raw([path], settings):
        if isinstance(raw, BluebookError):
            fail(raw)
            failed = True
            continue
        try:
            doc = build_document(raw, settings)
            segment_document(doc)
            from bluebook.gazetteer import get_gazetteer

            mentions = get_gazetteer().link(doc.text, parse_date(date, "--date"), doc.lang)
        except BluebookError as exc:
            fail(exc)
            failed = True
            continue
        write_mentions(doc, mentions, fmt, sys.stdout)
    if failed:
        raise typer.Exit(1)


DB_HELP = "Database URL: sqlite:///path.db (default sqlite:///bluebook.db) or postgresql://…"


def _store(db: str | None):  # noqa: ANN202
    from bluebook.store import open_store

    try:
        return open_store(db)
    except BluebookError as exc:
        fail(exc)
        raise typer.Exit(2) from None


@app.command()
def ingest(
    paths: list[str] = typer.Argument(..., help="Files, folders, archives (.zip/.tar.gz), or - for stdin."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    workers: int = typer.Option(0, "--workers", help="Processes for cleaning and extraction (0 = all cores)."),
    batch: int = typer.Option(100, "--batch", help="Documents per transaction (each in its own savepoint)."),
    date: str | None = typer.Option(None, "--date", help="Date for documents without one (YYYY-MM-DD)."),
    date_from_metadata: bool = typer.Option(True, "--date-from-metadata/--no-date-from-metadata",
                                            help="Use the date field of json/csv/html metadata."),
    lang: str = typer.Option("auto", "--lang"),
    encoding: str | None = typer.Option(None, "--encoding"),
    text_field: str = typer.Option("text", "--text-field", help="JSON/CSV field holding the text."),
    date_field: str = typer.Option("date", "--date-field"),
    dask: str | None = typer.Option(None, "--dask", help="Run on Dask: 'local' or a scheduler address; "
                                       "writes Parquet to --out then loads it."),
    out: str | None = typer.Option(None, "--out", help="Parquet folder for --dask (default: a temp folder)."),
) -> None:
    """Read a corpus, extract its events and store them (idempotent, crash-safe)."""
    import os

    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from bluebook.pipeline import parse_date
    from bluebook.runner import ingest as run_ingest

    settings = _settings(encoding, lang).with_(text_field=text_field,
                                               date_field=date_field if date_from_metadata else "\0none")
    doc_date = parse_date(date, "--date") if date else None
    if dask:
        import tempfile

        from bluebook.distributed.dask import load_parquet, run_dask

        target = out or tempfile.mkdtemp(prefix="bluebook-parquet-")
        from bluebook.distributed.local import default_workers

        summary = run_dask(paths, target, scheduler=dask, settings=settings, doc_date=doc_date,
                           lang=None if lang == "auto" else lang, overwrite=True,
                           workers=workers or default_workers())
        typer.echo(f"dask: {summary.to_dict()}")
        typer.echo(f"loaded: {load_parquet(target, db)}")
        return
    store = _store(db)
    from bluebook.distributed.local import default_workers

    n_workers = workers or default_workers()
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                  transient=not os.isatty(2)) as bar:
        task = bar.add_task("ingesting", total=None)

        def show(s):  # noqa: ANN001, ANN202
            bar.update(task, description=f"documents {s.documents}  events {s.events}  "
                                         f"duplicates {s.duplicates}  rejects {s.rejects}")

        summary = run_ingest(paths, store, settings, workers=n_workers, doc_date=doc_date,
                             lang=None if lang == "auto" else lang, progress=show, batch=batch)
    if summary.documents > 1000:
        store.optimize()   # fresh planner statistics after a bulk load
    for e in summary.errors:
        typer.echo(f"rejected {e}", err=True)
    typer.echo(f"{summary.documents} documents ({summary.replaced} replaced, {summary.near_duplicates} "
               f"near-duplicates), {summary.events} events, {summary.duplicates} already stored, "
               f"{summary.rejects} rejected")
    store.close()


@app.command()
def search(
    query: str = typer.Argument(...),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    lang: str | None = typer.Option(None, "--lang"),
    limit: int = typer.Option(10, "--limit"),
    fmt: str = typer.Option("table", "--format", help="table | jsonl"),
) -> None:
    """Search documents (diacritics and case ignored), with highlighted snippets."""
    import json
    from dataclasses import asdict

    store = _store(db)
    hits = store.search(query, lang=lang, limit=limit)
    for h in hits:
        if fmt == "jsonl":
            typer.echo(json.dumps(asdict(h), ensure_ascii=False, default=str))
        else:
            d = asdict(h)
            typer.echo(f"[{d.get('score', 0):.2f}] {d.get('title') or d.get('source')} ({d.get('doc_date') or ''})")
            typer.echo(f"    {d.get('snippet', '')}")
    if not hits:
        typer.echo("no documents match", err=True)


@app.command()
def events(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    type: str | None = typer.Option(None, "--type"),
    party: str | None = typer.Option(None, "--party"),
    person: str | None = typer.Option(None, "--person"),
    date_from: str | None = typer.Option(None, "--from"),
    date_to: str | None = typer.Option(None, "--to"),
    planned: bool | None = typer.Option(None, "--planned/--not-planned"),
    limit: int | None = typer.Option(None, "--limit"),
    fmt: str = typer.Option("table", "--format", help="table | jsonl | csv"),
) -> None:
    """Canonical (deduplicated) events in date order, with source counts."""
    from bluebook.output import write_canonical

    store = _store(db)
    evs = store.events(type=type, party=party, person=person, date_from=date_from, date_to=date_to,
                       planned=planned, limit=limit)
    write_canonical(evs, fmt, sys.stdout)


@app.command()
def stats(db: str | None = typer.Option(None, "--db", help=DB_HELP),
          fmt: str = typer.Option("text", "--format", help="text | json")) -> None:
    """Counts by type, partner, month, language, source; rejects and duplicates."""
    import json

    st = _store(db).stats()
    if fmt == "json":
        typer.echo(json.dumps(st, ensure_ascii=False, indent=1, default=str))
        return
    for key, value in st.items():
        if isinstance(value, dict):
            items = list(value.items())[:15]
            typer.echo(f"{key}: " + ", ".join(f"{k} {v}" for k, v in items))
        elif isinstance(value, list):
            typer.echo(f"{key}: {len(value)}")
            for v in value[:10]:
                typer.echo(f"    {v}")
        else:
            typer.echo(f"{key}: {value}")


@app.command()
def export(
    out: str = typer.Argument(..., help="Output file."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl | csv | parquet | plover"),
) -> None:
    """Export canonical events with their sources (plover: PLOVER/POLECAT-style actors and event codes)."""
    try:
        n = _store(db).export(fmt, out)
    except BluebookError as exc:
        fail(exc)
        raise typer.Exit(2) from None
    typer.echo(f"{n} events written to {out}")


@app.command(name="import")
def import_(
    path: str = typer.Argument(..., help="An export (jsonl, csv, parquet)."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Load an export into an empty database."""
    try:
        n = _store(db).import_(path)
    except BluebookError as exc:
        fail(exc)
        raise typer.Exit(2) from None
    typer.echo(f"{n} events imported")


db_app = typer.Typer(help="Database schema.")
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Apply missing schema migrations."""
    from bluebook.store import open_store

    store = open_store(db, upgrade=False)
    applied = store.upgrade()
    typer.echo(f"schema version {store.schema_version()} (applied: {applied or 'none'})")


@db_app.command("check")
def db_check(db: str | None = typer.Option(None, "--db", help=DB_HELP)) -> None:
    """Check the database's integrity and that every document has all its events."""
    problems = _store(db).check()
    for p in problems:
        typer.echo(p)
    typer.echo("ok" if not problems else f"{len(problems)} problem(s)")
    if problems:
        raise typer.Exit(1)


@app.command()
def load(
    parquet_dir: str = typer.Argument(..., help="Parquet partitions written by --dask."),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
) -> None:
    """Load Parquet partitions (from a Dask run) into a database."""
    from bluebook.distributed.dask import load_parquet

    typer.echo(f"{load_parquet(parquet_dir, db)}")


@app.command()
def report(
    year: int | None = typer.Option(None, "--year"),
    date_from: str | None = typer.Option(None, "--from"),
    date_to: str | None = typer.Option(None, "--to"),
    lang: str = typer.Option("en", "--lang", help="en | vi"),
    fmt: str = typer.Option("html", "--format", help="md | html | pdf | docx"),
    out: str | None = typer.Option(None, "--out"),
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    title: str | None = typer.Option(None, "--title"),
) -> None:
    """Compile the Diplomatic Bluebook for a year or period, cited, with charts."""
    from bluebook.report import report_from_store

    store = _store(db)
    try:
        res = report_from_store(store, year=year, date_from=date_from, date_to=date_to, lang=lang, fmt=fmt,
                                out=out, title=title)
    except BluebookError as exc:
        fail(exc)
        raise typer.Exit(2) from None
    if out:
        typer.echo(f"report written to {res}")
    elif isinstance(res, bytes):
        sys.stdout.buffer.write(res)
    else:
        typer.echo(res)


@app.command()
def serve(
    db: str | None = typer.Option(None, "--db", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host"),
    port: int = typer.Option(8000, "--port"),
    token: str | None = typer.Option(None, "--token", envvar="BLUEBOOK_TOKEN",
                                        help="Enables uploads and deletes for editors who give it."),
    workers: int = typer.Option(1, "--workers", min=1,
                                help="Processes serving requests (read-only when more than one)."),
    cache_ttl: float = typer.Option(30.0, "--cache-ttl", min=0.0,
                                    help="Seconds a read-only API answer is reused (0: off); any write drops it."),
) -> None:
    """Run the web app (search, events, partners, documents, reports, uploads)."""
    from bluebook.web import serve as run_server

    if workers > 1 and token:
        typer.echo("error --workers above 1 serves read-only; run editors' uploads with --workers 1", err=True)
        raise typer.Exit(2)
    run_server(db or "sqlite:///bluebook.db", host=host, port=port, token=token, workers=workers,
               cache_ttl=cache_ttl)


@app.command()
def demo() -> None:
    """Run the pipeline on the bundled demo corpus (what `make demo` does)."""
    from pathlib import Path

    from bluebook.demo import run_demo

    try:
        code = run_demo(Path.cwd())
    except BluebookError as exc:
        fail(exc)
        raise typer.Exit(1) from None
    raise typer.Exit(code)


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()


"""The ``bluebook`` command: a thin face over the library. Each command parses options and calls it."""
from __future__ import annotations

import sys
from typing import Optional

import typer

from bluebook.errors import BluebookError

app = typer.Typer(help="bluebook: diplomatic events of Viet Nam from news, and the Diplomatic Bluebook.",
                  no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False)


def fail(exc: BluebookError) -> None:
    typer.echo(f"error {exc}", err=True)


def _settings(encoding: Optional[str], lang: str = "auto"):  # noqa: ANN202
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
    date: Optional[str] = typer.Option(None, "--date", help="Document date YYYY-MM-DD (else metadata/dateline/today)."),
    lang: str = typer.Option("auto", "--lang", help="auto | vi | en"),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl | json | csv | table"),
    explain: bool = typer.Option(False, "--explain", help="Show the trigger, entities and date behind each event."),
    encoding: Optional[str] = typer.Option(None, "--encoding", help="Force an input encoding (utf-8, cp1258, tcvn3, vni …)."),
) -> None:
    """Extract diplomatic events from news texts."""
    from bluebook.ingest import iter_raw
    from bluebook.output import write_events
    from bluebook.pipeline import parse_date, process_all

    settings = _settings(encoding, lang)
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
    date: Optional[str] = typer.Option(None, "--date", help="Document date YYYY-MM-DD (resolves bare titles)."),
    fmt: str = typer.Option("table", "--format", help="table | jsonl"),
    encoding: Optional[str] = typer.Option(None, "--encoding"),
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


@app.command()
def demo() -> None:
    """Run the pipeline on the bundled demo corpus (what `make demo` does)."""
    from pathlib import Path

    from bluebook.demo import run_demo

    raise typer.Exit(run_demo(Path.cwd()))


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    main()


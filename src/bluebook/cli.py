"""The ``bluebook`` command: a thin face over the library."""
from __future__ import annotations

import typer

app = typer.Typer(help="bluebook: diplomatic events of Viet Nam from news, and the Diplomatic Bluebook.",
                  no_args_is_help=True)


@app.command()
def version() -> None:
    """Print the version."""
    from bluebook import __version__
    typer.echo(__version__)

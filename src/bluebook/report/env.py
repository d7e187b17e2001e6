"""The Jinja2 environment over ``report/templates``: a language's folder first, then ``common``."""
from __future__ import annotations

from functools import lru_cache

import jinja2

from bluebook.report.langdata import TEMPLATES


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # HTML templates escape what they print; Markdown and line templates must not.
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def template(lang: str, name: str) -> jinja2.Template:
    """``<lang>/<name>`` when a language overrides the layout, else ``common/<name>``."""
    return environment().select_template([f"{lang}/{name}", f"common/{name}"])

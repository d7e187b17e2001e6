"""The Jinja2 environment over ``report/templates``: a language's folder first, then ``common``."""
from __future__ import annotations

from functools import lru_cache

import jinja2

from bluebook.report.langdata import TEMPLATES


def keep_date(text: str) -> str:
    """No line break inside a line's closing date: '(ngày 10/11/2020)' stays on one line."""
    i = text.rfind(" (")
    if i < 0 or not text.endswith(")") or len(text) - i > 48:
        return text
    return text[:i + 2] + text[i + 2:].replace(" ", "\u00a0")


@lru_cache(maxsize=1)
def environment() -> jinja2.Environment:
    # HTML templates escape what they print; Markdown and line templates must not.
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        autoescape=jinja2.select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["keep_date"] = keep_date
    return env


def template(lang: str, name: str) -> jinja2.Template:
    """``<lang>/<name>`` when a language overrides the layout, else ``common/<name>``."""
    return environment().select_template([f"{lang}/{name}", f"common/{name}"])

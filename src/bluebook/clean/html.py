"""HTML pages to main text, with trafilatura (the maintained tool for this).

Paragraphs come out separated by blank lines and the page title is the first
line, the shape ``classify_blocks`` expects from plain-text news. Tiny or odd
pages that trafilatura gives up on fall back to a plain tag-stripper.
"""
from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Any

_BLOCK_TAGS = frozenset(
    "address article aside blockquote br dd div dl dt figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table td th tr ul".split()
)
_SKIP_TAGS = frozenset("script style noscript template svg head iframe object".split())
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """Main text of a page (paragraphs split by blank lines) and its title/date/url."""
    meta = _metadata(html)
    text = _trafilatura_text(html)
    fallback_title = ""
    if not text:
        text, fallback_title = _strip_tags(html)
    title = meta.get("title") or fallback_title
    if title:
        meta["title"] = title
        if not text.startswith(title):
            text = f"{title}\n\n{text}" if text else title
    return text, meta


def _trafilatura_text(html: str) -> str:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)   # it logs every odd page
    try:
        out = trafilatura.extract(html, favor_recall=True, include_comments=False,
                                  output_format="txt", with_metadata=False)
    except Exception:       # noqa: BLE001 - a broken page must fall back, not crash the run
        return ""
    if not out:
        return ""
    lines = (ln.strip() for ln in out.splitlines())
    return "\n\n".join(ln for ln in lines if ln)


def _metadata(html: str) -> dict[str, Any]:
    import trafilatura

    try:
        doc = trafilatura.extract_metadata(html)
    except Exception:       # noqa: BLE001 - metadata is a bonus; never fail on it
        return {}
    meta: dict[str, Any] = {}
    if doc is not None:
        for key in ("title", "date", "url"):
            value = getattr(doc, key, None)
            if value:
                meta[key] = str(value).strip()
    return meta


class _Stripper(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(data)


def _strip_tags(html: str) -> tuple[str, str]:
    """Every visible text node, block elements as paragraphs; and the <title>."""
    parser = _Stripper()
    try:
        parser.feed(html)
        parser.close()
    except Exception:       # noqa: BLE001 - html.parser is lenient; keep what it got
        pass
    paragraphs = (_SPACES.sub(" ", p).strip() for p in re.split(r"\n\s*\n", "".join(parser.parts)))
    text = "\n\n".join(p for p in paragraphs if p)
    return text, _SPACES.sub(" ", "".join(parser.title)).strip()

"""One frozen settings object for every tunable. Ground floor."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any


@dataclass(frozen=True, slots=True)
class Settings:
    # reading
    encoding: str | None = None          # force an encoding (utf-8, cp1258, tcvn3, vni, ...)
    max_file_bytes: int = 200 * 1024 * 1024
    max_line_chars: int = 1_000_000      # longer single lines are rejected as not-news
    max_archive_bytes: int = 2 * 1024 * 1024 * 1024
    max_archive_ratio: float = 200.0     # uncompressed/compressed, zip-bomb guard
    # json/csv field names
    text_field: str = "text"
    date_field: str = "date"
    url_field: str = "url"
    title_field: str = "title"
    # understanding
    lang: str = "auto"                   # auto | vi | en
    keep_boilerplate: bool = False
    min_confidence: float = 0.0
    # running
    workers: int = 1

    def with_(self, **changes: Any) -> Settings:
        return replace(self, **changes)


DEFAULT = Settings()

"""bluebook: diplomatic events of Viet Nam from Vietnamese and English news."""
from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from datetime import date

    from bluebook.models import Event


def extract(text: str, doc_date: date | str | None = None, lang: str | None = None,
            source: str | None = None) -> list[Event]:
    """Events stated in ``text`` (see ``bluebook.pipeline.extract``)."""
    from bluebook.pipeline import extract as _extract

    return _extract(text, doc_date=doc_date, lang=lang, source=source)


__all__ = ["extract", "__version__"]

"""Helpers for the ingest tests: run iter_raw and split what it yields."""
from __future__ import annotations

from pathlib import Path

from bluebook.config import DEFAULT, Settings
from bluebook.errors import BluebookError
from bluebook.ingest import iter_raw
from bluebook.models import RawDoc

SHARED = Path(__file__).parents[2] / ".." / "shared"

# Texts written for these tests (not taken from any corpus).
VI_TEXT = "Chủ tịch nước tiếp Đại sứ Nhật Bản tại Hà Nội.\nHai bên nhất trí tăng cường hợp tác.\n"
EN_TEXT = "The Foreign Minister met his counterpart in Ha Noi.\nBoth sides agreed to deepen ties.\n"


def read_all(paths: list, settings: Settings = DEFAULT) -> list[RawDoc | BluebookError]:
    return list(iter_raw([str(p) for p in paths], settings))


def docs(items: list) -> list[RawDoc]:
    return [x for x in items if isinstance(x, RawDoc)]


def errors(items: list) -> list[BluebookError]:
    return [x for x in items if isinstance(x, BluebookError)]

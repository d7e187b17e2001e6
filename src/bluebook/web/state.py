"""What one running app holds: the store, the editor token, background jobs and report files."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from starlette.requests import Request

from bluebook.config import Settings
from bluebook.store import Store
from bluebook.web.jobs import JobRunner
from bluebook.web.reports import ReportFiles

if TYPE_CHECKING:
    from bluebook.web.respcache import AnswerCache

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
MAX_UPLOAD_FILES = 100


@dataclass
class AppState:
    store: Store
    token: str | None
    settings: Settings
    jobs: JobRunner
    reports: ReportFiles
    upload_root: Path
    max_upload_bytes: int = MAX_UPLOAD_BYTES
    max_upload_files: int = MAX_UPLOAD_FILES
    answers: AnswerCache | None = None      # the read-only API answers kept (web/respcache.py)

    @property
    def read_only(self) -> bool:
        return not self.token


def get_state(request: Request) -> AppState:
    return request.app.state.bluebook

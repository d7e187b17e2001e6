"""Receiving uploaded files for ingest: editor check first, then size, count and type limits.

Files are copied into a fresh folder of their own under numbered safe names (never the
client's path), which the ingest job reads and deletes.
"""
from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path, PurePosixPath

from starlette.datastructures import UploadFile
from starlette.requests import Request

from bluebook.ingest.sniff import EXT_KIND, ext_of
from bluebook.web.problems import Problem
from bluebook.web.security import csrf_ok, write_refusal
from bluebook.web.state import AppState

ALLOWED_EXTS = frozenset(EXT_KIND)
_UNSAFE = re.compile(r"[^\w.\-]+")
CHUNK = 1 << 16


def safe_name(name: str) -> str:
    base = PurePosixPath((name or "").replace("\\", "/")).name
    base = _UNSAFE.sub("_", base).strip("._") or "upload.txt"
    return base[-120:]


def check_editor(request: Request, st: AppState) -> None:
    """Token and origin before the body is read; CSRF once the form is parsed."""
    refusal = write_refusal(request, st.token, None, check_csrf=False)
    if refusal:
        raise Problem(*refusal)


def check_write(request: Request, st: AppState, csrf: str | None) -> None:
    refusal = write_refusal(request, st.token, csrf)
    if refusal:
        raise Problem(*refusal)


async def receive(request: Request, st: AppState) -> tuple[Path, list[str]]:
    check_editor(request, st)
    length = request.headers.get("content-length")
    if length is None or not length.isdigit():
        raise Problem(411, "err_length")
    if int(length) > st.max_upload_bytes:
        raise Problem(413, "err_too_large", f"> {st.max_upload_bytes // (1024 * 1024)} MB")
    form = await request.form(max_files=st.max_upload_files + 1, max_fields=20)
    try:
        if not csrf_ok(request, str(form.get("csrf") or "")):
            raise Problem(403, "err_csrf")
        files = [f for f in form.getlist("files") if isinstance(f, UploadFile)]
        files = [f for f in files if f.filename]
        if not files:
            raise Problem(400, "err_no_files")
        if len(files) > st.max_upload_files:
            raise Problem(413, "err_too_many", str(st.max_upload_files))
        bad = [f.filename or "" for f in files if ext_of(f.filename or "") not in ALLOWED_EXTS]
        if bad:
            raise Problem(415, "err_type", ", ".join(safe_name(b) for b in bad[:10]))
        st.upload_root.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix="job-", dir=st.upload_root))
        names: list[str] = []
        total = 0
        try:
            for i, f in enumerate(files, 1):
                name = safe_name(f.filename or "")
                with open(folder / f"{i:03d}-{name}", "wb") as out:
                    while chunk := await f.read(CHUNK):
                        total += len(chunk)
                        if total > st.max_upload_bytes:
                            raise Problem(413, "err_too_large")
                        out.write(chunk)
                names.append(name)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return folder, names
    finally:
        await form.close()

"""Zip and tar archives, read member by member in archive order; nothing is extracted to disk.

Safety: header sizes are checked before a member is opened (total against
max_archive_bytes, each member's ratio against max_archive_ratio) and again
while its bytes flow (``limits.GuardedReader``), since headers can lie.
Members with traversal names, links and devices are reported, never read.
"""
from __future__ import annotations

import re
import tarfile
import zipfile
from collections.abc import Callable, Iterator
from functools import partial
from typing import IO, BinaryIO

from bluebook.config import Settings
from bluebook.errors import ArchiveError, BluebookError, EmptyInputError, UnsupportedFormatError
from bluebook.ingest.entry import Entry
from bluebook.ingest.limits import RATIO_GRACE_BYTES, Budget, GuardedReader, StopInput, buffered, human
from bluebook.ingest.sniff import is_skipped
from bluebook.models import RawDoc

ReadMember = Callable[[Entry], Iterator[RawDoc | BluebookError]]
_DRIVE = re.compile(r"^[A-Za-z]:")


def unsafe_name(name: str) -> bool:
    """Absolute paths, drive letters and ``..`` parts: names an extractor would write outside its folder."""
    n = name.replace("\\", "/")
    return n.startswith("/") or bool(_DRIVE.match(n)) or ".." in n.split("/") or "\x00" in n


def _traversal(source: str) -> ArchiveError:
    return ArchiveError("unsafe member name (absolute path or '..'); skipped", source,
                        hint="the archive tries to write outside its folder; do not extract it")


def _ratio_error(source: str, size: int, packed: int, ratio: float) -> ArchiveError:
    return ArchiveError(f"{human(size)} packed into {human(packed)}, over {ratio:g}x (zip bomb?); skipped",
                        source, hint="raise max_archive_ratio if this archive is genuine")


def _over_ratio(size: int, packed: int, ratio: float) -> bool:
    return size > RATIO_GRACE_BYTES and size > ratio * max(1, packed)


def check_zip_headers(zf: zipfile.ZipFile, source: str, limit: int, ratio: float) -> None:
    """Raise ArchiveError when the declared sizes alone show a bomb (used for .docx packages)."""
    total = sum(i.file_size for i in zf.infolist())
    if total > limit:
        raise ArchiveError(f"declares {human(total)} uncompressed, over {human(limit)}", source,
                           hint="a zip bomb, or an archive too large to read at once")
    for info in zf.infolist():
        if _over_ratio(info.file_size, info.compress_size, ratio):
            raise _ratio_error(f"{source}!{info.filename}", info.file_size, info.compress_size, ratio)


def _office_kind(names: set[str]) -> str | None:
    """Zip-based documents (docx, xlsx, odt, epub) that must not be read as an archive of XML files."""
    if "word/document.xml" in names:
        return "docx"
    if "[Content_Types].xml" in names or "mimetype" in names:
        return "other"
    return None


def read_zip(file: IO[bytes], source: str, settings: Settings, budget: Budget, depth: int,
             read_member: ReadMember, read_docx: Callable[[bytes], Iterator[RawDoc | BluebookError]]
             ) -> Iterator[RawDoc | BluebookError]:
    try:
        zf = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as e:
        yield ArchiveError(f"corrupt or unreadable zip archive ({e})", source,
                           hint="re-download or re-create the archive")
        return
    with zf:
        infos = zf.infolist()
        office = _office_kind({i.filename for i in infos})
        if office == "docx":
            file.seek(0)
            yield from read_docx(file.read(settings.max_file_bytes + 1))
            return
        if office:
            yield UnsupportedFormatError("an office document or e-book other than .docx", source,
                                         hint="save it as .docx, .txt or .html")
            return
        declared = sum(i.file_size for i in infos)
        if declared > budget.remaining:
            budget.tripped = True
            yield ArchiveError(f"declares {human(declared)} uncompressed, over {human(budget.limit)} "
                               "(max_archive_bytes)", source, hint="a zip bomb, or split the archive")
            return
        members = 0
        for info in infos:
            if budget.tripped:
                raise StopInput()
            msource = f"{source}!{info.filename}"
            if unsafe_name(info.filename):  # before the hidden-name check: '..' starts with a dot
                members += 1
                yield _traversal(msource)
                continue
            if info.is_dir() or is_skipped(info.filename):
                continue
            members += 1
            mode = (info.external_attr >> 16) & 0o170000
            if mode and mode != 0o100000:
                yield ArchiveError("a link or special file, not a file; skipped", msource)
            elif info.flag_bits & 0x1:
                yield ArchiveError("encrypted member; skipped", msource, hint="unzip it with its password first")
            elif _over_ratio(info.file_size, info.compress_size, settings.max_archive_ratio):
                yield _ratio_error(msource, info.file_size, info.compress_size, settings.max_archive_ratio)
            else:
                opener = partial(_open_zip_member, zf, info, msource, budget, settings.max_archive_ratio)
                yield from read_member(Entry(source=msource, name=info.filename, opener=opener,
                                             size=info.file_size, depth=depth + 1))
        if not members:
            yield EmptyInputError("archive has no files", source)


def _open_zip_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, source: str, budget: Budget,
                     ratio: float) -> BinaryIO:
    inner: BinaryIO = zf.open(info)  # type: ignore[assignment]
    return buffered(GuardedReader(inner, source, budget, ratio, lambda: info.compress_size, info.file_size))


def read_tar(stream: BinaryIO, source: str, settings: Settings, budget: Budget, depth: int,
             read_member: ReadMember) -> Iterator[RawDoc | BluebookError]:
    """Streamed (``r|``): works on pipes and decompressors; compression is undone by the caller."""
    try:
        tf = tarfile.open(fileobj=stream, mode="r|")
    except (tarfile.TarError, EOFError, OSError) as e:
        yield ArchiveError(f"corrupt or unreadable tar archive ({e})", source,
                           hint="re-download or re-create the archive")
        return
    members = 0
    it = iter(tf)
    while True:
        try:
            member = next(it)
        except StopIteration:
            break
        except (tarfile.TarError, EOFError, OSError) as e:
            yield ArchiveError(f"corrupt tar archive after {members} members ({e}); rest skipped", source,
                               hint="re-download or re-create the archive")
            break
        msource = f"{source}!{member.name}"
        if unsafe_name(member.name):
            members += 1
            yield _traversal(msource)
            continue
        if member.isdir() or is_skipped(member.name):
            continue
        members += 1
        if member.issym() or member.islnk():
            yield ArchiveError(f"a link to '{member.linkname}', not a file; skipped", msource)
        elif not member.isfile():
            yield ArchiveError("a device, FIFO or other special file; skipped", msource)
        elif member.size > budget.remaining:
            yield budget.exceeded(msource)
            raise StopInput()
        else:
            opener = partial(tf.extractfile, member)
            yield from read_member(Entry(source=msource, name=member.name, opener=opener,  # type: ignore[arg-type]
                                         size=member.size, depth=depth + 1))
    if not members:
        yield EmptyInputError("archive has no files", source)

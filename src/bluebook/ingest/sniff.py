"""Which reader a file goes to: by extension first, by its first bytes when the extension says nothing."""
from __future__ import annotations

import posixpath

from bluebook.errors import BinaryInputError, UnsupportedFormatError

HEAD_BYTES = 4096

TEXT_EXTS = {".txt", ".text", ".md", ".markdown", ".rst"}
HTML_EXTS = {".html", ".htm", ".xhtml", ".shtml"}
EXT_KIND = {
    **{e: "txt" for e in TEXT_EXTS},
    **{e: "html" for e in HTML_EXTS},
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".docx": "docx", ".pdf": "pdf",
    ".zip": "zip", ".tar": "tar",
    ".gz": "gz", ".tgz": "gz", ".bz2": "bz2", ".tbz2": "bz2", ".tbz": "bz2", ".xz": "xz", ".txz": "xz",
}
# Short forms of compressed tars: what the name becomes once decompressed.
TAR_SHORT = {".tgz", ".tbz2", ".tbz", ".txz"}

# Formats people will try and we cannot read: say what to do instead of guessing.
UNSUPPORTED = {
    ".doc": "legacy Word .doc; save it as .docx or .txt",
    ".rtf": "RTF; save it as .docx or .txt",
    ".odt": "OpenDocument text; save it as .docx or .txt",
    ".xls": "a spreadsheet; export the sheet as .csv",
    ".xlsx": "a spreadsheet; export the sheet as .csv",
    ".ods": "a spreadsheet; export the sheet as .csv",
    ".ppt": "a presentation; export its text",
    ".pptx": "a presentation; export its text",
    ".epub": "an e-book; convert it to .txt or .html",
    ".rar": "a RAR archive; repack it as .zip or .tar.gz",
    ".7z": "a 7-Zip archive; repack it as .zip or .tar.gz",
}

# Magic numbers of containers we open, then of binaries we refuse.
CONTAINER_MAGIC = [
    (b"%PDF-", "pdf"), (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"),
    (b"\x1f\x8b", "gz"), (b"BZh", "bz2"), (b"\xfd7zXZ\x00", "xz"),
]
BINARY_MAGIC = [
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"), (b"\x7fELF", "an ELF executable"), (b"MZ", "a Windows executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"), (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"),
    (b"SQLite format 3\x00", "an SQLite database"), (b"\xd0\xcf\x11\xe0", "an old Office (.doc/.xls) file"),
    (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"), (b"fLaC", "a FLAC file"), (b"\x00\x00\x00\x18ftyp", "an MP4 file"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 file"), (b"\x00\x00\x01\x00", "an icon"), (b"wOFF", "a web font"),
    (b"PAR1", "a Parquet file"), (b"\x28\xb5\x2f\xfd", "a Zstandard archive"),
]
JUNK_NAMES = {"thumbs.db", "desktop.ini", "__macosx"}
HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta ", b"<title")


def ext_of(name: str) -> str:
    return posixpath.splitext(name.replace("\\", "/"))[1].lower()


def inner_name(name: str) -> str:
    """The name of what a compressed file holds: ``a.jsonl.gz`` -> ``a.jsonl``, ``a.tgz`` -> ``a.tar``."""
    base, ext = posixpath.splitext(name)
    return base + ".tar" if ext.lower() in TAR_SHORT else base


def is_skipped(name: str) -> bool:
    """Hidden files and OS litter that nobody means as input."""
    parts = [p for p in name.replace("\\", "/").split("/") if p]
    return any(p.startswith(".") or p.lower() in JUNK_NAMES for p in parts)


def looks_utf16(head: bytes) -> bool:
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return True
    # BOM-less UTF-16 of mostly-ASCII text: every other byte is zero.
    sample = head[:512]
    return len(sample) >= 16 and (sample[1::2].count(0) > 0.6 * len(sample) / 2
                                  or sample[0::2].count(0) > 0.6 * len(sample) / 2)


def detect(name: str, head: bytes, source: str) -> str:
    """The reader kind for a file: txt, html, json, jsonl, csv, tsv, docx, pdf, zip, tar, gz, bz2, xz.

    Raises UnsupportedFormatError or BinaryInputError for what we cannot read.
    """
    ext = ext_of(name)
    if ext in UNSUPPORTED:
        raise UnsupportedFormatError(f"cannot read {UNSUPPORTED[ext].split(';')[0]}", source,
                                     hint=UNSUPPORTED[ext].split("; ", 1)[1])
    if ext in EXT_KIND:
        return EXT_KIND[ext]
    return sniff(head, source)


def sniff(head: bytes, source: str) -> str:
    for magic, kind in CONTAINER_MAGIC:
        if head.startswith(magic):
            if kind == "zip" and b"word/" in head[:HEAD_BYTES]:
                return "docx"
            return kind
    if len(head) > 262 and head[257:262] == b"ustar":
        return "tar"
    for magic, what in BINARY_MAGIC:
        if head.startswith(magic):
            raise BinaryInputError(f"this is {what}, not a text", source, hint="leave it out of the input")
    if b"\x00" in head and not looks_utf16(head):
        raise BinaryInputError("binary data, not a text", source,
                               hint="give it a .txt extension if it really is text in an odd encoding")
    lowered = head[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if any(m in lowered[:512] for m in HTML_MARKERS):
        return "html"
    # Piped corpora (``zcat x.jsonl.gz | bluebook ...``) have no name to go by.
    if lowered.startswith(b'{"'):
        return "jsonl"
    if lowered.startswith(b"{") or lowered[:1] == b"[" and lowered[1:].lstrip()[:1] == b"{":
        return "json"
    return "txt"

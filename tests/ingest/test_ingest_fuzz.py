"""Arbitrary bytes under any name: iter_raw yields RawDocs and coded errors, never raises."""
from __future__ import annotations

import gzip
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bluebook.config import DEFAULT
from bluebook.errors import BluebookError
from bluebook.ingest import iter_raw
from bluebook.models import RawDoc

NAMES = ["a.txt", "a.jsonl", "a.csv", "a.tsv", "a.json", "a.html", "a.docx", "a.pdf", "a.zip", "a.tar",
         "a.jsonl.gz", "a.tgz", "noext", "a.weird"]
SMALL = DEFAULT.with_(max_line_chars=64, max_file_bytes=4096, max_archive_bytes=1 << 16)

# Bytes that look like the start of something, so the fuzzer gets past the first sniff.
PREFIXES = st.sampled_from([b"", b"PK\x03\x04", b"%PDF-1.4\n", b"\x1f\x8b\x08\x00", b'{"text": "',
                            b"text,date\n", b"<html>", b"\xff\xfe", b"\xef\xbb\xbf", b"BZh9"])


def _check(items: list) -> None:
    for item in items:
        assert isinstance(item, (RawDoc, BluebookError))
        if isinstance(item, BluebookError):
            assert item.code.startswith("E") and item.source
        else:
            assert (item.data is None) != (item.text is None)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(NAMES), prefix=PREFIXES, body=st.binary(max_size=600))
def test_arbitrary_bytes_never_raise(name, prefix, body):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / name
        path.write_bytes(prefix + body)
        _check(list(iter_raw([str(path)], SMALL)))


@settings(max_examples=60, deadline=None)
@given(member=st.sampled_from(NAMES), body=st.binary(max_size=400), gz=st.booleans())
def test_arbitrary_members_inside_archives_never_raise(member, body, gz):
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "bundle.zip"
        with zipfile.ZipFile(path, "w") as zf:
            zf.writestr(member, gzip.compress(body) if gz else body)
        _check(list(iter_raw([str(path)], SMALL)))

"""Zip and tar archives: members in order, nested formats, and every bomb and trick refused."""
from __future__ import annotations

import gzip
import io
import json
import tarfile
import zipfile

from bluebook.config import DEFAULT
from bluebook.errors import ArchiveError, EmptyInputError

from .helpers import EN_TEXT, VI_TEXT, docs, errors, read_all


def _zip(path, members: dict[str, bytes], method=zipfile.ZIP_DEFLATED) -> None:
    with zipfile.ZipFile(path, "w", method) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def _tar_bytes(members: dict[str, bytes], mode="w") -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode=mode) as tf:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tf.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def test_zip_members_are_read_in_order_by_their_own_format(tmp_path):
    f = tmp_path / "bundle.zip"
    _zip(f, {"b.txt": VI_TEXT.encode(), "a.jsonl": b'{"text": "x"}\n{"text": "y"}\n',
             "page.html": b"<html><body>p</body></html>", "dir/c.csv": b"text\nz\n"})
    got = [(d.source[len(str(f)):], d.format) for d in read_all([f])]
    assert got == [("!b.txt", "txt"), ("!a.jsonl#1", "json"), ("!a.jsonl#2", "json"),
                   ("!page.html", "html"), ("!dir/c.csv#1", "csv")]


def test_tar_gz_and_tgz_are_streamed(tmp_path):
    data = _tar_bytes({"one.txt": VI_TEXT.encode(), "two.txt": EN_TEXT.encode()}, "w:gz")
    for name in ("a.tar.gz", "a.tgz"):
        (tmp_path / name).write_bytes(data)
    got = [d.source.rsplit("/", 1)[1] for d in read_all([tmp_path / "a.tar.gz", tmp_path / "a.tgz"])]
    assert got == ["a.tar.gz!one.txt", "a.tar.gz!two.txt", "a.tgz!one.txt", "a.tgz!two.txt"]


def test_an_archive_inside_an_archive_is_read_one_level_deep(tmp_path):
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as zf:
        zf.writestr("in.txt", EN_TEXT)
        deepest = io.BytesIO()
        with zipfile.ZipFile(deepest, "w") as dz:
            dz.writestr("deep.txt", EN_TEXT)
        zf.writestr("deeper.zip", deepest.getvalue())
    f = tmp_path / "outer.tar"
    f.write_bytes(_tar_bytes({"inner.zip": inner.getvalue(), "x.jsonl.gz": gzip.compress(b'{"text":"g"}\n')}))
    items = read_all([f])
    assert [d.source[len(str(f)):] for d in docs(items)] == ["!inner.zip!in.txt", "!x.jsonl.gz#1"]
    (err,) = errors(items)
    assert isinstance(err, ArchiveError) and err.source.endswith("!inner.zip!deeper.zip")


def test_a_highly_compressible_member_over_the_ratio_is_refused(tmp_path):
    f = tmp_path / "bomb.zip"
    _zip(f, {"bomb.txt": b"\x00" * (3 << 20), "fine.txt": VI_TEXT.encode()})
    items = read_all([f])
    (err,) = errors(items)
    assert isinstance(err, ArchiveError) and err.code == "E009" and err.source.endswith("!bomb.txt")
    assert "zip bomb" in err.message
    assert [d.source for d in docs(items)] == [f"{f}!fine.txt"]


def test_a_bomb_hidden_in_a_stored_gzip_member_is_caught_while_reading(tmp_path):
    # the zip header shows ratio 1 (stored); only the bytes flowing out reveal the bomb
    f = tmp_path / "sneaky.zip"
    _zip(f, {"a.txt.gz": gzip.compress(b" " * (8 << 20)), "b.txt": EN_TEXT.encode()}, zipfile.ZIP_STORED)
    items = read_all([f])
    assert isinstance(items[0], ArchiveError) and "200x" in items[0].message
    assert docs(items)[0].source.endswith("!b.txt")


def test_a_tar_gz_bomb_stops_that_archive_and_the_next_input_is_read(tmp_path):
    f = tmp_path / "bomb.tar.gz"
    f.write_bytes(_tar_bytes({"a.txt": b"a" * (6 << 20), "b.txt": b"b"}, "w:gz"))
    after = tmp_path / "after.txt"
    after.write_text(EN_TEXT)
    items = read_all([f, after])
    assert [type(x).__name__ for x in items] == ["ArchiveError", "RawDoc"]
    assert items[1].source == str(after)


def test_total_uncompressed_size_is_limited_from_headers(tmp_path):
    f = tmp_path / "big.zip"
    _zip(f, {f"{i}.txt": EN_TEXT.encode() * 20 for i in range(5)})
    (err,) = read_all([f], DEFAULT.with_(max_archive_bytes=5000))
    assert isinstance(err, ArchiveError) and "max_archive_bytes" in err.message


def test_total_uncompressed_size_is_limited_while_reading_a_tar_gz(tmp_path):
    f = tmp_path / "big.tgz"
    f.write_bytes(_tar_bytes({f"{i}.txt": EN_TEXT.encode() * 20 for i in range(5)}, "w:gz"))
    items = read_all([f], DEFAULT.with_(max_archive_bytes=5000))
    assert isinstance(items[-1], ArchiveError) and "max_archive_bytes" in items[-1].message
    assert len(items) <= 3


def test_path_traversal_member_names_are_refused(tmp_path):
    f = tmp_path / "evil.zip"
    _zip(f, {"../../etc/cron.txt": b"x", "/abs.txt": b"x", "C:\\win.txt": b"x", "ok/../../up.txt": b"x",
             "good.txt": EN_TEXT.encode()})
    t = tmp_path / "evil.tar"
    t.write_bytes(_tar_bytes({"../up.txt": b"x", "fine.txt": EN_TEXT.encode()}))
    items = read_all([f, t])
    assert [type(x).__name__ for x in items] == ["ArchiveError"] * 4 + ["RawDoc", "ArchiveError", "RawDoc"]
    assert all("unsafe member name" in e.message for e in errors(items))
    assert not list(tmp_path.parent.glob("**/cron.txt"))  # nothing was extracted anywhere


def test_tar_links_and_devices_are_skipped_with_an_error(tmp_path):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tf:
        link = tarfile.TarInfo("passwd.txt")
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        tf.addfile(link)
        dev = tarfile.TarInfo("zero.txt")
        dev.type, dev.devmajor, dev.devminor = tarfile.CHRTYPE, 1, 5
        tf.addfile(dev)
        info = tarfile.TarInfo("real.txt")
        info.size = len(EN_TEXT)
        tf.addfile(info, io.BytesIO(EN_TEXT.encode()))
    f = tmp_path / "links.tar"
    f.write_bytes(buf.getvalue())
    items = read_all([f])
    assert [type(x).__name__ for x in items] == ["ArchiveError", "ArchiveError", "RawDoc"]
    assert "/etc/passwd" in items[0].message and "device" in items[1].message


def test_corrupt_and_truncated_archives_are_archive_errors(tmp_path):
    junk = tmp_path / "junk.zip"
    junk.write_bytes(b"PK\x03\x04" + b"\x07" * 300)
    good = io.BytesIO()
    with zipfile.ZipFile(good, "w") as zf:
        zf.writestr("a.txt", EN_TEXT * 50)
    cut = tmp_path / "cut.zip"
    cut.write_bytes(good.getvalue()[:-30])
    tgz = tmp_path / "cut.tar.gz"
    lines = "".join(f"line {i * 7919 % 10007}\n" for i in range(5000)).encode()  # does not compress to nothing
    tgz.write_bytes(_tar_bytes({"a.txt": lines}, "w:gz")[:3000])
    items = read_all([junk, cut, tgz])
    assert [type(x) for x in items] == [ArchiveError] * 3
    assert [x.source for x in items] == [str(junk), str(cut), str(tgz) + "!a.txt"]


def test_hidden_members_and_mac_litter_are_skipped_and_empty_archives_reported(tmp_path):
    f = tmp_path / "mac.zip"
    _zip(f, {"__MACOSX/._a.txt": b"\x00\x05", ".DS_Store": b"\x00", "a.txt": EN_TEXT.encode()})
    empty = tmp_path / "empty.zip"
    _zip(empty, {})
    items = read_all([f, empty])
    assert [d.source for d in docs(items)] == [f"{f}!a.txt"]
    assert isinstance(items[-1], EmptyInputError)


def test_a_docx_disguised_as_zip_is_read_as_docx(tmp_path):
    import docx
    d = docx.Document()
    d.add_paragraph("Hội đàm cấp cao.")
    f = tmp_path / "upload.zip"
    d.save(str(f))
    (doc,) = read_all([f])
    assert doc.format == "docx" and doc.text == "Hội đàm cấp cao."


def test_gzip_without_an_inner_name_is_sniffed(tmp_path):
    f = tmp_path / "feed.gz"
    f.write_bytes(gzip.compress(json.dumps({"text": VI_TEXT}).encode() + b"\n"))
    (doc,) = read_all([f])
    assert doc.text == VI_TEXT and doc.source == f"{f}#1"

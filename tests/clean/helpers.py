"""Shared helpers and texts for the clean-stage tests (all texts written for these tests)."""
from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from bluebook.clean.syllable import TONES

SHARED = Path(__file__).parents[2] / ".." / "shared"

# Our own sentences, in the register of Vietnamese diplomatic news.
VI_NEWS = (
    "Chiều 14/3, tại Hà Nội, Bộ trưởng Ngoại giao đã tiếp Đại sứ Nhật Bản nhân dịp kết thúc "
    "nhiệm kỳ công tác. Hai bên khẳng định quan hệ Đối tác chiến lược toàn diện đang phát triển "
    "mạnh mẽ, hiệu quả trên nhiều lĩnh vực như thương mại, đầu tư, giáo dục và hợp tác địa phương. "
    "ĐOÀN ĐẠI BIỂU QUỐC HỘI THĂM CHÍNH THỨC LÀO VÀ CỘNG HÒA SÉC."
)


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tones as combining marks."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        out.append((base + "".join(c for c in nfd if c in TONES)).encode("cp1258"))
    return b"".join(out)


def shared_file(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available")
    return path

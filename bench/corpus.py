"""A synthetic news corpus made from the project's own templates, for benchmarks (never for quality).

Deterministic for a seed; streams documents so any size can be produced in flat memory.
"""
from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path

VI_LEADERS = ["Thủ tướng Phạm Minh Chính", "Chủ tịch nước Lương Cường", "Tổng Bí thư Tô Lâm",
              "Bộ trưởng Ngoại giao Bùi Thanh Sơn", "Chủ tịch Quốc hội Trần Thanh Mẫn", "Phó Thủ tướng Trần Hồng Hà"]
VI_STATES = ["Lào", "Campuchia", "Nhật Bản", "Hàn Quốc", "Ấn Độ", "Pháp", "Đức", "Hoa Kỳ", "Trung Quốc",
             "Liên bang Nga", "Ô-xtrây-li-a", "Thái Lan", "Xinh-ga-po", "In-đô-nê-xi-a", "Cu-ba"]
VI_FORUMS = ["Hội nghị Cấp cao ASEAN", "Hội nghị thượng đỉnh G20", "Diễn đàn Kinh tế Thế giới",
             "Đại hội đồng Liên hợp quốc", "Hội nghị Bộ trưởng Ngoại giao ASEAN"]
VI_TEMPLATES = [
    "{part} {day}/{month}, tại Hà Nội, {leader} đã hội đàm với Thủ tướng {state} nhân dịp chuyến thăm chính thức Việt Nam.",
    "{leader} sẽ thăm chính thức {state} từ ngày {day} đến {day2}/{month} theo lời mời của phía bạn.",
    "Ngày {day}/{month}, {leader} đã điện đàm với người đồng cấp {state} về hợp tác song phương.",
    "{leader} tham dự {forum} diễn ra theo hình thức trực tuyến vào {part_l} {day}/{month}.",
    "Hai bên đã ký kết bản ghi nhớ hợp tác về thương mại và đầu tư giữa Việt Nam và {state}.",
    "Giá vàng trong nước hôm nay tăng nhẹ, trong khi thị trường chứng khoán giảm điểm phiên thứ ba liên tiếp.",
    "Đội tuyển bóng đá quốc gia thắng 2-1 trong trận giao hữu trên sân Mỹ Đình tối {day}/{month}.",
    "Nhân dịp kỷ niệm {n} năm thiết lập quan hệ ngoại giao Việt Nam - {state}, {leader} đã gửi điện mừng.",
    "Người phát ngôn Bộ Ngoại giao kêu gọi các bên kiềm chế và giải quyết tranh chấp bằng biện pháp hòa bình.",
    "Theo dõi tin tức mới nhất trên ứng dụng của chúng tôi.",
]
EN_LEADERS = ["Prime Minister Pham Minh Chinh", "President Luong Cuong", "General Secretary To Lam",
              "Foreign Minister Bui Thanh Son", "Secretary of State Antony Blinken"]
EN_STATES = ["Laos", "Cambodia", "Japan", "the Republic of Korea", "India", "France", "Germany", "the United States",
             "China", "Russia", "Australia", "Thailand", "Singapore", "Indonesia", "Cuba"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]
EN_TEMPLATES = [
    "{leader} held talks with the Prime Minister of {state} in Hanoi on {day} {month_name} {year}.",
    "{leader} will pay an official visit to {state} from {day} to {day2} {month_name}.",
    "{leader} had a telephone conversation with his counterpart from {state} on {day} {month_name}.",
    "Viet Nam and {state} signed a memorandum of understanding on trade cooperation.",
    "Stocks closed lower on Tuesday as investors weighed the latest inflation figures.",
    "The two sides marked the {n}th anniversary of diplomatic relations between Viet Nam and {state}.",
    "{leader} attended the G20 Summit held virtually on {day} {month_name} {year}.",
]


def _fill(rng: random.Random, tpl: str, lang: str) -> str:
    day = rng.randint(1, 27)
    month = rng.randint(1, 12)
    return tpl.format(
        part=rng.choice(["Sáng", "Chiều", "Tối"]), part_l=rng.choice(["sáng", "chiều", "tối"]),
        day=day, day2=day + 1, month=month, month_name=EN_MONTHS[month - 1], year=rng.choice([2020, 2021, 2022]),
        leader=rng.choice(VI_LEADERS if lang == "vi" else EN_LEADERS),
        state=rng.choice(VI_STATES if lang == "vi" else EN_STATES), forum=rng.choice(VI_FORUMS),
        n=rng.choice([25, 30, 45, 50, 60, 70, 75]),
    )


# Everyday news with no diplomatic event, for corpora as sparse in events as real news feeds are.
VI_FILLER = [
    "Nhiều tuyến phố ở trung tâm thành phố bị ngập sâu sau trận mưa lớn kéo dài gần hai giờ.",
    "Sở Giáo dục và Đào tạo công bố điểm chuẩn vào lớp 10 của các trường trung học phổ thông công lập.",
    "Bệnh viện tuyến tỉnh tiếp nhận thêm nhiều ca sốt xuất huyết, phần lớn là trẻ em.",
    "Liên hoan phim thu hút đông đảo khán giả trẻ tới các rạp chiếu trong nội thành.",
    "Doanh nghiệp xuất khẩu nông sản kỳ vọng đơn hàng tăng trở lại trong những tháng cuối năm.",
    "Công an huyện đang điều tra vụ va chạm giữa xe tải và xe máy khiến hai người bị thương.",
    "Chỉ số giá tiêu dùng tháng {month} tăng nhẹ so với tháng trước, chủ yếu do giá thực phẩm.",
    "Giá vàng trong nước hôm nay tăng nhẹ, trong khi thị trường chứng khoán giảm điểm phiên thứ ba liên tiếp.",
    "Đội tuyển bóng đá quốc gia thắng 2-1 trong trận giao hữu trên sân Mỹ Đình tối {day}/{month}.",
    "Theo dõi tin tức mới nhất trên ứng dụng của chúng tôi.",
]
EN_FILLER = [
    "Heavy rain flooded several streets in the city centre on Monday evening.",
    "The central bank kept its policy rate unchanged, citing stable inflation.",
    "A new metro line is expected to open to passengers before the end of the year.",
    "Farmers in the delta reported a strong rice harvest despite the dry season.",
    "The football club announced the signing of two young midfielders.",
    "Stocks closed lower on Tuesday as investors weighed the latest inflation figures.",
]


def _mixed(rng: random.Random, pools: tuple[list[str], list[str]], share: float, lang: str) -> str:
    return _fill(rng, rng.choice(pools[0] if rng.random() < share else pools[1]), lang)


def documents(total_bytes: int, seed: int = 7, diplomatic: float | None = None) -> Iterator[tuple[str, str, str]]:
    """(doc id, lang, text) until about ``total_bytes`` of UTF-8 text has been produced.

    ``diplomatic``: the share of sentences drawn from the diplomatic templates,
    the rest being everyday news; None draws from all templates alike (about
    16 events a document, far denser than real news, which has ~0.1).
    """
    rng = random.Random(seed)
    produced = 0
    i = 0
    while produced < total_bytes:
        lang = "vi" if rng.random() < 0.75 else "en"
        tpls = VI_TEMPLATES if lang == "vi" else EN_TEMPLATES
        if diplomatic is None:
            title = _fill(rng, rng.choice(tpls[:4]), lang).split(",")[0]
            paras = [" ".join(_fill(rng, rng.choice(tpls), lang) for _ in range(rng.randint(2, 5)))
                     for _ in range(rng.randint(3, 8))]
        else:
            pools = (tpls[:4], VI_FILLER if lang == "vi" else EN_FILLER)
            title = _mixed(rng, pools, diplomatic, lang).split(",")[0]
            paras = [" ".join(_mixed(rng, pools, diplomatic, lang) for _ in range(rng.randint(2, 5)))
                     for _ in range(rng.randint(3, 8))]
        text = title + "\n\n" + "\n\n".join(paras) + "\n"
        produced += len(text.encode("utf-8"))
        i += 1
        yield f"gen-{seed}-{i:07d}", lang, text


def records(total_bytes: int, seed: int = 7, diplomatic: float | None = None) -> Iterator[dict[str, str]]:
    """JSON-ready records (id, date, title, text) of about ``total_bytes`` of text, dated 2020-2022."""
    rng = random.Random(seed * 7919 + 1)
    for doc_id, _lang, text in documents(total_bytes, seed, diplomatic):
        day = rng.randint(0, 3 * 365 - 1)
        year, rest = 2020 + day // 365, day % 365
        month, dom = 1 + rest // 31 % 12, 1 + rest % 28
        yield {"id": doc_id, "date": f"{year}-{month:02d}-{dom:02d}", "title": text.split("\n", 1)[0],
               "text": text}


def write_shards(folder: str | Path, total_bytes: int, shard_bytes: int = 8 << 20, seed: int = 7,
                 fmt: str = "jsonl", diplomatic: float | None = None) -> list[Path]:
    """Write ``records`` as JSON Lines (or Parquet) shards of about ``shard_bytes`` each; their paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    batch: list[dict[str, str]] = []
    size = 0

    def flush() -> None:
        path = folder / f"shard-{seed}-{len(paths):05d}.{fmt}"
        if fmt == "parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq
            pq.write_table(pa.Table.from_pylist(batch), path, row_group_size=max(1, len(batch) // 4))
        else:
            with path.open("w", encoding="utf-8") as f:
                f.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in batch)
        paths.append(path)

    for rec in records(total_bytes, seed, diplomatic):
        batch.append(rec)
        size += len(rec["text"].encode("utf-8"))
        if size >= shard_bytes:
            flush()
            batch, size = [], 0
    if batch:
        flush()
    return paths

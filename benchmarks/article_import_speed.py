"""Speed of the article import parser, the specificity score and legacy-encoding detection.

Standalone: `.venv/bin/python benchmarks/article_import_speed.py`. Needs no database. Uses ../shared articles when
present, else a built-in sample article.
"""

import os
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sausat.settings")
os.environ.setdefault("SAUSAT_VAR_DIR", str(Path(tempfile.gettempdir()) / "var-tart-bench"))

import django

django.setup()

from sausat.textkit.articles import parse_article  # noqa: E402
from sausat.textkit.articles.gazetteer import gazetteer  # noqa: E402
from sausat.textkit.mojibake import detect_legacy_encoding  # noqa: E402
from sausat.textkit.specificity import specificity_score  # noqa: E402

SAMPLE = (
    "Lãnh đạo huyện đối thoại với nông dân\n\nCập nhật: 09/05/2023 | 10:15\n\n"
    "Sáng ngày 8/5, tại hội trường UBND huyện Châu Thành, Huyện ủy tổ chức hội nghị đối thoại. "
    "Đồng chí Trần Văn Bình, Bí thư Huyện ủy chủ trì. Hội nghị ghi nhận 120 ý kiến bằng văn bản.\n"
)


def timed(label, fn, n):
    start = time.perf_counter()
    for _ in range(n):
        fn()
    per = (time.perf_counter() - start) / n
    print(f"{label}: {per * 1000:.2f} ms each ({n} runs)")
    return per


def main():
    shared = Path(os.environ.get("SAUSAT_SHARED_DIR", Path(__file__).resolve().parents[2] / "shared"))
    texts = [p.read_text(encoding="utf-8") for p in sorted(shared.glob("seeds/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(shared.glob("dev-data/articles/*.txt"))]
    texts = texts or [SAMPLE]
    start = time.perf_counter()
    gazetteer()
    print(f"gazetteer load (once per process): {(time.perf_counter() - start) * 1000:.0f} ms")
    gazetteer.cache_clear()
    tracemalloc.start()
    gazetteer()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"gazetteer memory peak (traced): {peak / 1e6:.1f} MB")
    total_chars = sum(len(t) for t in texts)
    per = timed(
        f"parse_article over {len(texts)} articles ({total_chars} chars)", lambda: [parse_article(t) for t in texts], 5
    )
    print(f"  = {per / len(texts) * 1000:.1f} ms per article")
    items = [
        "Đề nghị các cấp quan tâm hơn nữa",
        "Cầu Xẻo Mát ở ấp 3 xã Tân Hòa bị sập nhịp 2 từ 15/3, đề nghị sửa trước 30/6",
        "Trạm y tế xã Phú Hữu thiếu bác sĩ từ tháng 3/2024, 1.200 hộ phải đi khám ở huyện",
    ] * 3334
    per = timed("specificity_score on 10,002 items", lambda: [specificity_score(x) for x in items], 1)
    print(f"  = {per / len(items) * 1e6:.0f} µs per item")
    per = timed("detect_legacy_encoding on 10,002 items", lambda: [detect_legacy_encoding(x) for x in items], 1)
    print(f"  = {per / len(items) * 1e6:.0f} µs per item")


if __name__ == "__main__":
    main()

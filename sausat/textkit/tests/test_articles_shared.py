"""Article import on the project's shared material: dev-set evaluation floor and the five seeds."""

import datetime as dt
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from sausat.textkit.articles import parse_article
from sausat.textkit.articles.evaluation import article_pairs, calibration, evaluate_dir, evaluate_paths, split_articles

# Floors sit a little under what was measured (docs/textkit.md, "Measured ... train and held out"),
# so one more miss than measured still passes and a second fails.
# Dev (train: the rules were written while reading these 8 articles), measured 1.00 on every field
# against the corrected annotations; one miss in 8 is 0.875.
FLOORS = {
    "title": 0.87,
    "meeting_date": 0.87,
    "publish_date": 0.87,
    "province": 0.87,
    "place": 0.87,
    "kind": 0.87,
    "chairs": 0.87,
    "participants_named": 0.87,
    "opinion_counts": 0.87,
    "issue_groups": 0.87,
    "directives": 0.87,
}
# Held out: the half of articles-extra that the split with seed 20 keeps unread (docs/textkit.md, "Held
# out on dev + extra"); no rule, list or threshold was chosen by looking at these 16 articles. One miss in
# 16 is 0.0625. Measured: title, dates, province, kind, chairs, counts 0.9375; place and participants
# 0.6875; issue groups 0.75 (round 2; 0.625 before); directives 0.5625.
HELD_OUT_FLOORS = {
    "title": 0.87,
    "meeting_date": 0.87,
    "publish_date": 0.87,
    "province": 0.87,
    "place": 0.62,
    "kind": 0.87,
    "chairs": 0.87,
    "participants_named": 0.62,
    "opinion_counts": 0.87,
    "issue_groups": 0.68,
    "directives": 0.50,
}
SPLIT_SEED, HELD_OUT_SHARE = 20, 0.5


@pytest.fixture
def extra(shared):
    path = Path(shared) / "dev-data" / "articles-extra"
    if not any(path.glob("*.json")):
        pytest.skip(f"needs the held-out articles at {path}; not present here")
    return path


def _seed(shared, prefix):
    paths = sorted((Path(shared) / "seeds").glob(f"{prefix}_*.txt"))
    if not paths:
        pytest.skip(f"seed {prefix} is not in {shared}/seeds")
    return parse_article(paths[0].read_text(encoding="utf-8"))


def test_dev_set_reaches_measured_accuracy(shared):
    summary, rows = evaluate_dir(Path(shared) / "dev-data" / "articles")
    assert summary["n"] == len(rows) >= 8
    for field, floor in FLOORS.items():
        assert summary[field] >= floor, (field, summary[field])


def _held_out(extra):
    _development, held_out = split_articles(article_pairs(extra), seed=SPLIT_SEED, held_out_share=HELD_OUT_SHARE)
    return held_out


def test_held_out_set_reaches_measured_accuracy(extra):
    summary, rows = evaluate_paths(_held_out(extra))
    assert summary["n"] == len(rows) >= 16
    low = {f: summary[f] for f, floor in HELD_OUT_FLOORS.items() if summary[f] < floor}
    assert not low, low


def test_confidence_ranks_fields_by_how_often_they_are_right(extra):
    """Held out, fields proposed with a higher confidence are right more often (docs/textkit.md)."""
    _summary, rows = evaluate_paths(_held_out(extra))
    bands = [b["right"] for b in calibration(rows).values() if b["n"] >= 10]
    assert len(bands) >= 2 and bands == sorted(bands)


def test_eval_command_splits_a_pool_by_a_recorded_seed(extra):
    out = StringIO()
    dev = extra.parent / "articles"
    call_command("textkit_eval_articles", str(dev), "--pool", str(extra), "--split-seed", "20", stdout=out)
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert [s["label"] for s in last["sets"]] == ["train", "held-out"]
    assert last["split"]["seed"] == 20 and len(last["split"]["held_out"]) == last["sets"][1]["summary"]["n"] >= 16
    assert last["n"] == last["sets"][0]["summary"]["n"] >= 24
    assert "calibration" in last["sets"][1]["summary"]


def test_eval_command_prints_json_last_line(shared):
    out = StringIO()
    call_command("textkit_eval_articles", str(Path(shared) / "dev-data" / "articles"), stdout=out)
    last = json.loads(out.getvalue().strip().splitlines()[-1])
    assert set(FLOORS) <= set(last) and last["n"] >= 8


def test_eval_command_scores_train_and_held_out_sets_apart(extra):
    out = StringIO()
    dev = extra.parent / "articles"
    call_command("textkit_eval_articles", str(dev), "--held-out", str(extra), stdout=out)
    text = out.getvalue()
    last = json.loads(text.strip().splitlines()[-1])
    assert last["n"] == last["sets"][0]["summary"]["n"] >= 8
    assert [(s["label"], s["summary"]["n"] >= 32) for s in last["sets"][1:]] == [("held-out", True)]
    assert last["sets"][0]["label"] == "train"
    assert "held-out" in text and "train" in text


def test_seed_000_dialogue_with_cadres(shared):
    r = _seed(shared, "000")
    assert r.meeting_date == dt.date(2021, 4, 27)
    assert r.province == "Hậu Giang"
    assert r.kind == "dialogue"
    # The text gives 375 written and 10 direct opinions and no total: numbers are never added up.
    assert (r.count_value("written"), r.count_value("direct"), r.count_value("total")) == (375, 10, None)
    assert len(r.issue_groups) == 4
    names = {p.name for p in r.participants_named}
    assert {"Lê Tiến Châu", "Trần Văn Huyến", "Thái Thu Xương"} <= names
    assert r.directives


def test_seed_001_dialogue_quang_nam(shared):
    r = _seed(shared, "001")
    assert r.meeting_date == dt.date(2022, 4, 22)
    assert r.province == "Quảng Nam"
    assert r.kind == "dialogue"
    assert [p.name for p in r.chairs] == ["Phan Việt Cường", "Lê Trí Thanh", "Nguyễn Chín"]
    assert r.chairs[0].titles == ["Ủy viên Trung ương Đảng", "Bí thư Tỉnh ủy", "Chủ tịch HĐND tỉnh"]
    assert len(r.issue_groups) >= 7


def test_seed_002_working_session(shared):
    r = _seed(shared, "002")
    assert r.meeting_date == dt.date(2021, 3, 17)
    assert r.kind == "working_session"
    assert r.province == "Hậu Giang"
    assert [p.name for p in r.chairs] == ["Lê Tiến Châu", "Đồng Văn Thanh"]


def test_seed_003_review_conference_ben_tre(shared):
    r = _seed(shared, "003")
    assert r.meeting_date == dt.date(2017, 4, 11)
    assert r.publish_date == dt.date(2017, 4, 12)
    assert r.province == "Bến Tre"
    assert r.kind == "review_conference"
    assert [p.name for p in r.chairs] == ["Phan Văn Mãi", "Trần Ngọc Tam", "Cao Văn Trọng"]


def test_seed_004_online_review(shared):
    r = _seed(shared, "004")
    assert r.meeting_date == dt.date(2021, 7, 1)
    assert r.kind == "review_conference"
    assert [p.name for p in r.chairs] == ["Mai Văn Chính"]
    assert "Trần Văn Huyến" in {p.name for p in r.participants_named}


def test_import_command_prints_the_proposal(shared):
    out = StringIO()
    path = sorted((Path(shared) / "seeds").glob("000_*.txt"))[0]
    call_command("import_article", str(path), stdout=out)
    data = json.loads(out.getvalue())
    assert data["meeting_date"] == "2021-04-27" and data["opinion_counts"]["written"]["value"] == 375
    assert data["evidence"]["meeting_date"]["confidence"] > 0


@pytest.mark.django_db
def test_demo_meetings_agree_with_the_import(shared, units):
    """The meetings app's demo records of seeds 000 to 003 say what the import reads."""
    from sausat.meetings.article_import import KIND_TO_MEETING, province_unit_code
    from sausat.meetings.demo import MEETINGS

    for key, prefix in (
        ("haugiang-2021-04-27", "000"),
        ("quangnam-2022-04-22", "001"),
        ("haugiang-2021-03-17", "002"),
        ("bentre-2017-04-11", "003"),
    ):
        if key not in MEETINGS:
            pytest.skip(f"the meetings demo no longer has {key}")
        demo = MEETINGS[key]
        record = _seed(shared, prefix)
        assert demo["starts_at"].date() == record.meeting_date
        assert demo["unit"] == province_unit_code(record.province, record.meeting_date)
        assert str(demo.get("kind", "dialogue")) == KIND_TO_MEETING[record.kind]
        read = {p.name for p in [*record.chairs, *record.participants_named]}
        assert set(demo["chairs"]) <= read

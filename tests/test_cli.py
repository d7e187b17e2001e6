"""The ``bluebook extract`` command: inputs (file, folder, stdin), formats, dates, --explain, bad input."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from typer.testing import CliRunner

from bluebook.cli import app

VI = ("Hà Nội, ngày 14/3/2023 - Chiều 13/3, tại Hà Nội, Thủ tướng Phạm Minh Chính đã hội đàm "
      "với Thủ tướng Lào Sonexay Siphandone.\n")
EN = "On 2 June 2022, President Nguyen Xuan Phuc had a phone call with President Joko Widodo of Indonesia.\n"


def run(args: list[str], stdin: str | None = None):  # noqa: ANN201
    return CliRunner().invoke(app, args, input=stdin)


def jsonl(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def test_extract_file_gives_jsonl_with_the_gold_fields(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(VI, encoding="utf-8")
    res = run(["extract", str(f), "--date", "2023-03-14"])
    assert res.exit_code == 0, res.output
    evs = jsonl(res.stdout)
    talks = [e for e in evs if e["type"] == "talks"]
    assert talks and talks[0]["date"] == "2023-03-13"
    assert set(talks[0]["parties"]) == {"VNM", "LAO"}
    for key in ("date_end", "persons", "location", "evidence", "planned", "id", "source", "lang", "sentence",
                "trigger", "persons_original", "date_text", "confidence", "summary_en", "summary_vi"):
        assert key in talks[0]
    assert talks[0]["evidence"] in VI
    assert "Pham Minh Chinh" in talks[0]["persons"]


def test_extract_folder_is_recursive_and_reads_each_file(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "vi.txt").write_text(VI, encoding="utf-8")
    (tmp_path / "sub" / "en.txt").write_text(EN, encoding="utf-8")
    res = run(["extract", str(tmp_path), "--date", "2023-03-14"])
    assert res.exit_code == 0, res.output
    sources = {Path(e["source"]).name for e in jsonl(res.stdout)}
    assert sources == {"vi.txt", "en.txt"}


def test_extract_reads_stdin(tmp_path: Path):
    res = run(["extract", "-", "--date", "2022-06-03", "--lang", "en"], stdin=EN)
    assert res.exit_code == 0, res.output
    evs = jsonl(res.stdout)
    assert [e["type"] for e in evs] == ["phone_call"]
    assert evs[0]["date"] == "2022-06-02" and set(evs[0]["parties"]) == {"VNM", "IDN"}


def test_json_csv_and_table_formats_carry_the_same_events(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(VI + EN, encoding="utf-8")
    base = jsonl(run(["extract", str(f), "--date", "2023-03-14"]).stdout)
    as_json = json.loads(run(["extract", str(f), "--date", "2023-03-14", "--format", "json"]).stdout)
    assert [e["id"] for e in as_json] == [e["id"] for e in base]
    rows = list(csv.DictReader(io.StringIO(run(["extract", str(f), "--date", "2023-03-14", "--format", "csv"]).stdout)))
    assert [r["id"] for r in rows] == [e["id"] for e in base]
    table = run(["extract", str(f), "--date", "2023-03-14", "--format", "table"]).stdout
    assert "talks" in table and "phone_call" in table


def test_explain_names_trigger_entities_and_date_expression(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(VI, encoding="utf-8")
    res = run(["extract", str(f), "--date", "2023-03-14", "--explain"])
    assert res.exit_code == 0, res.output
    talks = [e for e in jsonl(res.stdout) if e["type"] == "talks"][0]
    ex = talks["explain"]
    assert "hội đàm" in talks["trigger"]
    assert ex["trigger_pattern"] and ex["date_origin"] == "sentence"
    assert any(m[1] == "LAO" for m in ex["mentions"])
    assert "13/3" in talks["date_text"]


def test_without_date_the_dateline_dates_the_document(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(VI, encoding="utf-8")
    res = run(["extract", str(f)])
    assert res.exit_code == 0, res.output
    talks = [e for e in jsonl(res.stdout) if e["type"] == "talks"][0]
    assert talks["date"] == "2023-03-13"


def test_without_any_date_today_is_used_with_a_warning(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text("Thủ tướng Phạm Minh Chính hội đàm với Thủ tướng Lào Sonexay Siphandone.\n", encoding="utf-8")
    res = run(["extract", str(f)])
    assert res.exit_code == 0, res.output
    assert "using today" in res.stderr and "a.txt" in res.stderr


def test_bad_date_option_is_a_clear_error():
    res = run(["extract", "-", "--date", "2023-13-45"], stdin=EN)
    assert res.exit_code == 2
    assert "--date" in res.stderr


def test_unreadable_input_is_named_and_the_others_still_extracted(tmp_path: Path):
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4 this is not really a pdf")
    res = run(["extract", str(good), str(bad), str(tmp_path / "missing.txt"), "--date", "2022-06-03"])
    assert res.exit_code == 1
    assert "bad.pdf" in res.stderr and "missing.txt" in res.stderr
    assert [e["type"] for e in jsonl(res.stdout)] == ["phone_call"]


def test_min_confidence_keeps_only_events_at_or_above_it(tmp_path: Path):
    f = tmp_path / "a.txt"
    f.write_text(VI + EN, encoding="utf-8")
    every = jsonl(run(["extract", str(f), "--date", "2023-03-14"]).stdout)
    assert every and all(0.0 <= e["confidence"] <= 1.0 for e in every)
    cut = sorted(e["confidence"] for e in every)[len(every) // 2]
    kept = jsonl(run(["extract", str(f), "--date", "2023-03-14", "--min-confidence", str(cut)]).stdout)
    assert [e["id"] for e in kept] == [e["id"] for e in every if e["confidence"] >= cut]
    assert run(["extract", str(f), "--min-confidence", "1.5"]).exit_code == 2

"""Broken input at every door: one clear line naming the file, the place and the rule, the
documented exit code, no traceback, and nothing written."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

import ontrack
from ontrack.cli import main

from hostile import small_plan

pytest.importorskip("openpyxl")

BUNDLED = Path(ontrack.__file__).parent / "data" / "plans" / "kundulun_women_2021_2030.json"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ontrack", *args], capture_output=True, text=True,
                          cwd=cwd)


def one_line_error(result: subprocess.CompletedProcess, code: int = 2) -> str:
    assert result.returncode == code, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ontrack: error: "), result.stderr
    return lines[0]


def _plan_file(tmp_path: Path, plan: dict) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


# -- plan files ----------------------------------------------------------------------------

def test_a_gbk_plan_is_named_with_the_offset_and_the_encoding(tmp_path):
    text = BUNDLED.read_text(encoding="utf-8")
    (tmp_path / "gbk.json").write_bytes(text.encode("gb18030"))
    offset = next(i for i, c in enumerate(text.encode("gb18030")) if c >= 0x80)
    line = one_line_error(run("plan", "show", "gbk.json", cwd=tmp_path))
    assert f"gbk.json: /: not UTF-8: the byte at offset {offset} " in line
    assert "GB18030/GBK" in line
    with pytest.raises(ontrack.PlanFormatError) as raised:
        ontrack.Plan.load(str(tmp_path / "gbk.json"))
    assert isinstance(raised.value, ValueError) and isinstance(raised.value, ontrack.OntrackError)
    assert raised.value.file.endswith("gbk.json")


def test_a_duplicate_member_is_refused_with_its_pointer(tmp_path):
    text = json.dumps(small_plan(), ensure_ascii=False).replace('"unit": "%"', '"unit": "%", "unit": "‰"')
    (tmp_path / "dup.json").write_text(text, encoding="utf-8")
    line = one_line_error(run("plan", "validate", "dup.json", cwd=tmp_path))
    assert "/domains/0/goals/0/indicators/0/unit: this member appears twice" in line


@pytest.mark.parametrize("year", [-5, 99999, 10**20])
def test_implausible_years_in_a_plan_are_refused(tmp_path, year):
    plan = small_plan()
    plan["domains"][0]["goals"][0]["indicators"][0]["targets"][0]["year"] = year
    _plan_file(tmp_path, plan)
    line = one_line_error(run("plan", "validate", "plan.json", cwd=tmp_path))
    assert "/domains/0/goals/0/indicators/0/targets/0/year" in line
    assert "1800 to 2200" in line or "integer year" in line


def test_a_missing_file_says_which_and_why(tmp_path):
    line = one_line_error(run("plan", "show", "nowhere.json", cwd=tmp_path))
    assert line == "ontrack: error: nowhere.json: cannot open plan file: No such file or directory"


# -- options -------------------------------------------------------------------------------

@pytest.mark.parametrize("as_of", ["99999999999", "99999", "-5", "20x"])
def test_as_of_outside_the_year_range_is_a_usage_error(tmp_path, as_of):
    result = run("evaluate", "--as-of", as_of, cwd=tmp_path)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--as-of" in result.stderr
    assert not (tmp_path / "ontrack-report").exists()


def test_template_years_outside_the_range_are_refused(tmp_path):
    line = one_line_error(run("template", "--all-units", "--years", "0001-2025", "-o", "t.xlsx", cwd=tmp_path))
    assert "1800 to 2200" in line
    assert not (tmp_path / "t.xlsx").exists()


def test_a_template_is_an_xlsx_workbook(tmp_path):
    line = one_line_error(run("template", "--all-units", "-o", "t.csv", cwd=tmp_path))
    assert "t.csv: a collection template is an Excel workbook" in line
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"schema": "ontrack.evaluation", "schema_version": 1}',
                                     '{"schema": "ontrack.evaluation", "schema_version": 1, "plan": {"id": "x"}, '
                                     '"as_of": 2024, "rows": [{"key": 3}]}'])
def test_a_malformed_previous_evaluation_is_one_line(tmp_path, content):
    (tmp_path / "old.json").write_text(content, encoding="utf-8")
    line = one_line_error(run("demo", "--previous", "old.json", "--out", "r", cwd=tmp_path))
    assert line.startswith("ontrack: error: old.json: ")
    assert not (tmp_path / "r").exists()


def test_an_unwritable_report_directory_names_the_path(tmp_path):
    (tmp_path / "r").write_text("a file, not a directory")
    line = one_line_error(run("demo", "--out", "r", "-q", cwd=tmp_path))
    assert "r: exists and is not a directory" in line


def test_an_internal_error_is_one_line_asking_for_a_report(monkeypatch, capsys):
    def broken(_args):
        raise KeyError("a bug")

    monkeypatch.setattr("ontrack.cli._plan_validate", broken)
    import ontrack.cli as cli

    parser = cli._parser()
    args = parser.parse_args(["plan", "validate", "x.json"])
    monkeypatch.setattr(cli, "_parser", lambda: type("P", (), {"parse_args": lambda self, argv: args})())
    args.run = broken
    assert main(["plan", "validate", "x.json"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "internal error (KeyError" in err and "please report" in err


def test_an_error_message_quoting_hostile_text_is_inert(tmp_path):
    (tmp_path / "data.csv").write_text("indicator,year,value\nx\x1b]0;pwned\x07,2024,1\n", encoding="utf-8")
    result = run("evaluate", "data.csv", cwd=tmp_path)
    line = one_line_error(result)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "data.csv, line 2" in line and "U+001B" in line


# -- data files ----------------------------------------------------------------------------

def test_conflicting_rows_in_a_dataframe_are_refused_as_on_the_command_line():
    pd = pytest.importorskip("pandas")
    plan = ontrack.Plan.from_json(json.dumps(small_plan(), ensure_ascii=False))
    frame = pd.DataFrame({"indicator": ["rate", "rate"], "year": [2024, 2024], "value": [88.0, 91.0]})
    with pytest.raises(ontrack.ImportValidationError, match="rate 2024 is given twice with different values"):
        ontrack.evaluate(plan, frame)


def test_formula_cells_without_a_saved_result_are_reported_by_cell(tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "data"
    sheet.append(["indicator", "year", "value"])
    sheet.append(["rate", 2024, 88.0])
    sheet.append(["rate", 2023, "=C2-1"])  # openpyxl saves formulas without results
    workbook.save(tmp_path / "data.xlsx")
    with pytest.raises(ontrack.ImportValidationError) as raised:
        ontrack.read_observations(tmp_path / "data.xlsx")
    (problem,) = raised.value.problems
    assert (problem.location.sheet, problem.location.row, problem.location.column) == ("data", 3, "C")
    assert "'=C2-1' has no saved result" in problem.message


def test_a_year_beyond_int64_in_a_table_is_a_problem_of_its_cell(tmp_path):
    (tmp_path / "data.csv").write_text(f"indicator,year,value\nrate,{10**20},1\n", encoding="utf-8")
    with pytest.raises(ontrack.ImportValidationError) as raised:
        ontrack.read_observations(tmp_path / "data.csv")
    (problem,) = raised.value.problems
    assert problem.location.line == 2 and problem.location.column == "year"
    assert "1800 to 2200" in problem.message


@pytest.mark.parametrize("unit_mult, message", [("-400", "UNIT_MULT must be a whole number from -30 to 30"),
                                                ("400", "UNIT_MULT must be a whole number from -30 to 30"),
                                                ("1.5", "UNIT_MULT must be a whole number")])
def test_sdmx_unit_mult_is_bounded(tmp_path, unit_mult, message):
    (tmp_path / "data.csv").write_text(
        "STRUCTURE,STRUCTURE_ID,ACTION,SERIES,REF_AREA,TIME_PERIOD,OBS_VALUE,UNIT_MULT\n"
        f"dataflow,X,I,S1,CN,2024,17.8,{unit_mult}\n", encoding="utf-8")
    mapping = ontrack.io.sdmx.SdmxMapping.from_dict({"series": {"S1": "rate"}})
    with pytest.raises(ontrack.ImportValidationError) as raised:
        ontrack.read_sdmx_csv(tmp_path / "data.csv", mapping)
    assert message in str(raised.value)
    assert "line 2" in str(raised.value)


# -- the monitoring database ---------------------------------------------------------------

def _database(tmp_path: Path) -> Path:
    plan = ontrack.Plan.from_json(json.dumps(small_plan(), ensure_ascii=False))
    database = tmp_path / "m.db"
    with ontrack.Store(database) as store:
        store.import_observations(plan, ontrack.Observations([ontrack.ObservationRecord("rate", 2024, 88.0)]))
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return database


def test_a_text_schema_version_is_one_line(tmp_path):
    database = _database(tmp_path)
    with sqlite3.connect(database) as connection:
        connection.execute("UPDATE schema_version SET version = 'two'")
    line = one_line_error(run("data-export", "--db", "m.db", "-o", "x.csv", cwd=tmp_path))
    assert "m.db: schema_version holds 'two', not a version number" in line
    assert not (tmp_path / "x.csv").exists()


def test_a_damaged_database_is_detected_and_nothing_is_imported(tmp_path):
    database = _database(tmp_path)
    data = bytearray(database.read_bytes())
    page = 4096
    for offset in range(page, len(data)):  # every page but the header: the tables' contents
        data[offset] = 0x55
    database.write_bytes(bytes(data))
    before = database.read_bytes()
    (tmp_path / "more.csv").write_text("indicator,year,value\nrate,2023,87\n", encoding="utf-8")
    plan = _plan_file(tmp_path, small_plan())
    line = one_line_error(run("import", "more.csv", "--db", "m.db", "--plan", plan.name, cwd=tmp_path))
    assert "m.db" in line and ("damaged" in line or "malformed" in line)
    assert database.read_bytes() == before
    line = one_line_error(run("data-export", "--db", "m.db", "-o", "x.csv", cwd=tmp_path))
    assert "m.db" in line
    assert not (tmp_path / "x.csv").exists()


def test_a_database_in_a_read_only_location_can_be_read_and_is_never_written(tmp_path, monkeypatch):
    database = _database(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    contents = database.read_bytes()
    # The directory as an ordinary user sees a read-only one (tests may run as root, who writes anywhere).
    import ontrack.store.store as store_module

    real_access = store_module.os.access
    monkeypatch.setattr(store_module.os, "access",
                        lambda path, mode: False if mode == store_module.os.W_OK else real_access(path, mode))
    with ontrack.Store(database) as store:
        assert store.read_only and store.plan_ids() == ["hostile"]
        assert [v.observations for v in store.vintages("hostile")] == [1]
        with pytest.raises(ontrack.FileError, match="read-only here"):
            store.import_observations("hostile", ontrack.Observations([ontrack.ObservationRecord("rate", 2023, 87.0)]))
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no -wal or -shm made beside it
    assert database.read_bytes() == contents


# -- report writing ------------------------------------------------------------------------

def test_a_staging_directory_left_by_a_killed_run_is_removed_by_the_next(tmp_path):
    import subprocess as sp

    dead = sp.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f".report.{dead.pid}.{'0' * 32}.tmp"
    left.mkdir()
    (left / "report.html").write_text("half")
    assert main(["demo", "--out", str(tmp_path / "report"), "--format", "md", "-q"]) == 0
    assert not left.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report"]


def test_values_near_the_double_limit_are_a_status_of_their_series_not_a_crash(tmp_path):
    plan_dict = small_plan()
    indicator = plan_dict["domains"][0]["goals"][0]["indicators"][1]
    indicator.update(scale="index", bounds=[None, None])
    indicator["targets"][0]["value"] = 1e300
    # Alternating near ±1.7e308: every trend's sums overflow (and logs are not defined).
    plan_dict["series"][1]["observations"] = [{"year": y, "value": (-1) ** y * (1.7e308 - 1e306 * (y - 2016))}
                                              for y in range(2016, 2025)]
    plan = ontrack.Plan.from_json(json.dumps(plan_dict))
    evaluation = ontrack.evaluate(plan)
    row = evaluation.row("deaths")
    assert row["status"] == "not_assessable"
    assert "numerical_trouble" in json.dumps(row) or "overflow" in json.dumps(row)
    assert evaluation.row("rate")["status"] != "not_assessable"  # the other series is untouched
    from ontrack.report import write_report

    written = write_report(plan, None, evaluation, tmp_path / "report", formats=("html", "md", "xlsx"))
    markdown = written["md"].read_text(encoding="utf-8")
    assert " nan" not in markdown.lower() and "inf " not in markdown.lower()


@pytest.mark.parametrize("as_of", [10**20, -5, 99999])
def test_evaluate_refuses_an_implausible_as_of(as_of):
    plan = ontrack.Plan.from_json(json.dumps(small_plan(), ensure_ascii=False))
    with pytest.raises(ontrack.InvalidInputError, match="a year must be from 1800 to 2200"):
        ontrack.evaluate(plan, as_of=as_of)

"""Excel collection templates: a unit fills one in, the bureau imports it, revisions are kept."""

import hashlib
import json
import shutil
import subprocess
import sys

import openpyxl
import pytest

import ontrack
from ontrack.cli import main
from ontrack.io import read_template, write_template
from ontrack.observations import ImportValidationError
from ontrack.store import Store

UNIT = "卫健委"


def run(*args):
    return subprocess.run([sys.executable, "-m", "ontrack", *args], capture_output=True, text=True)


class Filled:
    """A template opened the way a unit's spreadsheet program would: cells by indicator and year."""

    def __init__(self, path, sheet=UNIT):
        self.path = path
        self.book = openpyxl.load_workbook(path)
        self.sheet = self.book[sheet]
        header = [c.value for c in self.sheet[4]]
        self.columns = {v: i + 1 for i, v in enumerate(header) if isinstance(v, int)}
        self.rows = {
            (self.sheet.cell(r, 1).value, self.sheet.cell(r, 2).value or ""): r
            for r in range(5, self.sheet.max_row + 1)
        }

    def cell(self, indicator, year, breakdown=""):
        return self.sheet.cell(self.rows[(indicator, breakdown)], self.columns[year])

    def put(self, indicator, year, value, breakdown="", number_format=None):
        cell = self.cell(indicator, year, breakdown)
        cell.value = value
        if number_format:
            cell.number_format = number_format
        return cell

    def save(self, path=None):
        self.book.save(path or self.path)


def test_a_unit_fills_in_its_template_and_the_bureau_imports_it_with_revisions(tmp_path, kundulun):
    workbook, db = tmp_path / f"{UNIT}.xlsx", tmp_path / "ontrack.db"
    result = run("template", "--unit", UNIT, "--years", "2021-2025", "-o", str(workbook))
    assert result.returncode == 0, result.stderr

    # The unit types its figures, in the forms people type them, and makes one mistake.
    sheet = Filled(workbook)
    sheet.put("mat_sys_mgmt", 2021, 95.5)
    sheet.put(
        "mat_sys_mgmt", 2022, 0.962, number_format="0.0%"
    )  # typed as 96.2%: Excel stores 0.962
    sheet.put("mat_sys_mgmt", 2023, "96.4%")  # pasted as text
    sheet.put("mmr", 2021, "１６．１")  # full-width digits
    sheet.put("mmr", 2021, 18.5, breakdown="area=rural")
    sheet.put("mmr", 2021, 14.1, breakdown="area=urban")
    sheet.put("midwives", 2021, "1,234")  # thousands separator
    sheet.put("midwives", 2022, 1250)
    sheet.put("female_life_exp", 2021, 80.2)  # 2022 left blank: missing
    mistake = sheet.put("cancer_screening_task", 2021, "约95")  # text in a numeric cell
    sheet.sheet.cell(
        sheet.rows[("mmr", "")], max(sheet.columns.values()) + 1, "卫健委妇幼健康统计年报"
    )
    sheet.save()

    # The import finds the mistake, says exactly where, and imports nothing.
    result = run("import", str(workbook), "--db", str(db), "--unit", UNIT)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    head, line = result.stderr.strip().splitlines()
    assert head == f"ontrack：错误：{workbook}：共 1 处问题，未导入任何数据："  # the template's language
    assert line.startswith(
        f"  {workbook}，工作表 {UNIT}，第{mistake.row}行{mistake.column_letter}列："
        "cancer_screening_task 2021年"
    )
    assert "“约95”" in line
    assert not db.exists()  # a failed import creates no database

    # Fixed, it imports; every odd form is read as the number the unit meant.
    sheet = Filled(workbook)
    sheet.put("cancer_screening_task", 2021, 95)
    sheet.save()
    first_file = workbook.read_bytes()
    result = run(
        "import", str(workbook), "--db", str(db), "--unit", UNIT, "--source", "2021年度报送"
    )
    assert result.returncode == 0, result.stderr
    expected = {
        ("mat_sys_mgmt", "", 2021): 95.5,
        ("mat_sys_mgmt", "", 2022): 96.2,
        ("mat_sys_mgmt", "", 2023): 96.4,
        ("mmr", "", 2021): 16.1,
        ("mmr", "rural", 2021): 18.5,
        ("mmr", "urban", 2021): 14.1,
        ("midwives", "", 2021): 1234.0,
        ("midwives", "", 2022): 1250.0,
        ("female_life_exp", "", 2021): 80.2,
        ("cancer_screening_task", "", 2021): 95.0,
    }
    with Store(db) as store:
        first = store.observations(kundulun.id)
        assert {(r.indicator, r.area, r.year): r.value for r in first} == expected
        assert (
            next(r for r in first if r.indicator == "mmr" and not r.area).source
            == "卫健委妇幼健康统计年报"
        )
        (vintage,) = store.vintages(kundulun.id)
        assert (vintage.submitted_by, vintage.file, vintage.source) == (
            UNIT,
            workbook.name,
            "2021年度报送",
        )
        assert vintage.sha256 == hashlib.sha256(first_file).hexdigest()
        assert vintage.observations == len(expected)

    # A revision: the unit corrects one figure and reports again.
    sheet = Filled(workbook)
    sheet.put("mmr", 2021, 15.9)
    sheet.save()
    with Store(db) as store:
        second = store.import_file(workbook, kundulun.id, unit=UNIT).vintage
        latest = {(r.indicator, r.area, r.year): r.value for r in store.observations(kundulun.id)}
        assert latest == {**expected, ("mmr", "", 2021): 15.9}
        as_first = store.observations(kundulun.id, as_of_vintage=vintage.recorded_at)
        assert {(r.indicator, r.area, r.year): r.value for r in as_first} == expected
        assert as_first == first
        assert [v.id for v in store.vintages(kundulun.id)] == [vintage.id, second.id]
        assert second.recorded_at > vintage.recorded_at

    # An evaluation as of the first vintage, made after the revision, is the evaluation that
    # was made on the first import: same rows, same data fingerprint.
    before = json.loads(ontrack.evaluate(kundulun, first, as_of=2023).to_json())
    with Store(db) as store:
        replayed = json.loads(ontrack.evaluate(
            kundulun, store.observations(kundulun.id, as_of_vintage=vintage.recorded_at), as_of=2023).to_json())
        revised = json.loads(ontrack.evaluate(kundulun, store.observations(kundulun.id), as_of=2023).to_json())
    assert replayed["rows"] == before["rows"]
    assert replayed["data"]["sha256"] == before["data"]["sha256"]
    assert revised["data"]["sha256"] != before["data"]["sha256"]


def test_template_lists_the_units_indicators_with_targets_and_protects_them(tmp_path, kundulun):
    path = tmp_path / "template.xlsx"
    write_template(kundulun, path, [UNIT], years=range(2021, 2026))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[:2] == ["填报说明", UNIT]
    instructions = "".join(
        str(c.value) for row in book["填报说明"].iter_rows() for c in row if c.value
    )
    assert "空白表示“无数据”，不会当作 0" in instructions and "12.5%" in instructions

    sheet = book[UNIT]
    assert sheet["C2"].value == UNIT and sheet.protection.sheet
    assert [c.value for c in sheet[4]][7:] == [2021, 2022, 2023, 2024, 2025, "数据来源"]
    expected = [
        i.id
        for i in kundulun.indicators()
        if UNIT in kundulun.responsible_units_of(kundulun.goal_of(i.id))
    ]
    listed = [sheet.cell(r, 1).value for r in range(5, sheet.max_row + 1)]
    assert list(dict.fromkeys(listed)) == expected
    # mmr is broken down by area and collected with its counts: per breakdown a value row, a
    # numerator and a denominator row; then one flag row.
    mmr_rows = [r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 1).value == "mmr"]
    assert [sheet.cell(r, 2).value or "" for r in mmr_rows] == [
        "", "numerator", "denominator",
        "area=urban", "numerator;area=urban", "denominator;area=urban",
        "area=rural", "numerator;area=rural", "denominator;area=rural",
        "flag",
    ]
    assert [sheet.cell(r, 4).value for r in mmr_rows[:4]] == ["合计", "合计", "合计", "城镇"]
    assert [sheet.cell(r, 3).value for r in mmr_rows[:3]] == [
        "孕产妇死亡率", "分子：孕产妇死亡数", "分母：活产数"
    ]
    assert sheet.cell(mmr_rows[-1], 3).value == "数据标记（终值/估计/快报/推算）"
    targets = sheet.cell(mmr_rows[0], 7).value
    # A Chinese template gives the plan's own wording of each target, in Chinese only.
    assert targets.split("\n") == [
        t.text or t.description.zh for t in kundulun.indicator("mmr").targets
    ]
    # Header and description cells are locked; year and source cells are open to the unit.
    row = mmr_rows[0]
    assert sheet.cell(4, 8).protection.locked and sheet.cell(row, 1).protection.locked
    assert not sheet.cell(row, 8).protection.locked and not sheet.cell(row, 13).protection.locked
    # Typing is checked too: numbers only, a percentage between 0 and 100.
    percent_row = next(
        r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 1).value == "mat_sys_mgmt"
    )
    rules = {
        (v.type, v.operator, v.formula1, v.formula2): str(v.sqref)
        for v in sheet.data_validations.dataValidation
    }
    assert f"H{percent_row}:L{percent_row}" in rules[("decimal", "between", "0", "100")]
    assert f"H{row}:L{row}" in rules[("decimal", "greaterThanOrEqual", "0", None)]
    deaths = mmr_rows[1]
    assert f"H{deaths}:L{deaths}" in rules[("whole", "greaterThanOrEqual", "0", None)]
    flags = mmr_rows[-1]
    assert f"H{flags}:L{flags}" in rules[("list", None, '"终值,估计,快报,推算"', None)]


def test_an_english_template_is_english_throughout(tmp_path, kundulun):
    path = tmp_path / "template-en.xlsx"
    assert main(["template", "--unit", UNIT, "--years", "2015-2024", "--lang", "en",
                 "-o", str(path), "--quiet"]) == 0
    book = openpyxl.load_workbook(path)
    # The unit by its English name, from the plan's list of responsible units.
    assert book.sheetnames == ["Instructions", "District Health Commission", "Milestones", "_ontrack"]
    sheet = book["District Health Commission"]
    assert sheet["C2"].value == "District Health Commission"
    assert [c.value for c in sheet[4]][:7] == [
        "Indicator id", "Breakdown code", "Indicator", "Breakdown", "Unit", "Definition", "Target"
    ]
    assert [c.value for c in sheet[4]][7:] == [*range(2015, 2025), "Source"]
    mmr = next(r for r in range(5, sheet.max_row + 1) if sheet.cell(r, 1).value == "mmr")
    assert [sheet.cell(mmr + k, 3).value for k in range(3)] == [
        "Maternal mortality ratio", "Numerator: Maternal deaths", "Denominator: Live births"
    ]
    assert "≤ 12 per 100,000 live births by 2030" in sheet.cell(mmr, 7).value
    # No Chinese anywhere: the plan's Chinese-only texts are left blank in an English template.
    for name in book.sheetnames[:3]:
        for row in book[name].iter_rows():
            for cell in row:
                text = str(cell.value or "")
                assert not any("\u4e00" <= c <= "\u9fff" for c in text), (name, cell.coordinate, text)


def test_all_units_gives_one_sheet_per_unit(tmp_path, kundulun):
    path = tmp_path / "all.xlsx"
    assert main(["template", "--all-units", "--years", "2021", "-o", str(path), "--quiet"]) == 0
    book = openpyxl.load_workbook(path)
    units = [book[name]["C2"].value for name in book.sheetnames[1:-2]]
    assert book.sheetnames[-2:] == ["里程碑进展", "_ontrack"]
    assert units == kundulun.responsible_units() and "卫健委" in units and "教育局" in units
    assert book["_ontrack"].sheet_state == "veryHidden"


def _fill(path, sheet, cells):
    filled = Filled(path, sheet)
    for indicator, year, value, *breakdown in cells:
        filled.put(indicator, year, value, *breakdown)
    filled.save()
    return filled


def test_every_problem_of_a_workbook_is_reported_at_once_with_its_cell(tmp_path, kundulun):
    path = tmp_path / "template.xlsx"
    write_template(kundulun, path, [UNIT], years=[2021, 2022])
    filled = _fill(
        path,
        UNIT,
        [
            ("mmr", 2021, "16.1 (provisional)"),  # text
            ("mat_sys_mgmt", 2021, 101),  # a percentage above 100
            ("midwives", 2022, -4),  # a negative count
            ("mmr", 2022, "12,5"),  # a decimal comma
            ("midwives", 2021, 0.5, "", "0%"),  # shown as a percentage, but a count
        ],
    )
    row = filled.rows[("female_life_exp", "")]
    filled.sheet.cell(row, 1).value = "female_life_expectancy"  # an id the plan does not have
    filled.save()
    with pytest.raises(ImportValidationError) as caught:
        read_template(path, kundulun)
    found = {(p.sheet, p.row, p.column) for p in caught.value.problems}
    assert found == {
        (UNIT, filled.rows[("mmr", "")], "H"),
        (UNIT, filled.rows[("mat_sys_mgmt", "")], "H"),
        (UNIT, filled.rows[("midwives", "")], "I"),
        (UNIT, filled.rows[("mmr", "")], "I"),
        (UNIT, filled.rows[("midwives", "")], "H"),
        (UNIT, row, "A"),
    }
    assert all(p.file == str(path) for p in caught.value.problems)
    messages = " | ".join(p.message for p in caught.value.problems)
    for expected in (
        "'16.1 (provisional)' is not a number",
        "101 is above 100",
        "-4 is negative",
        "decimal mark is a point",
        "shown as a percentage, but midwives",
        "unknown indicator",
    ):
        assert expected in messages


def test_an_indicator_on_two_sheets_must_agree(tmp_path, kundulun):
    path = tmp_path / "two.xlsx"
    write_template(kundulun, path, ["卫健委", "财政局"], years=[2021])
    _fill(path, "卫健委", [("mmr", 2021, 16.1), ("midwives", 2021, 1200)])
    _fill(path, "财政局", [("mmr", 2021, 16.1), ("midwives", 2021, 1300)])
    with pytest.raises(ImportValidationError) as caught:
        read_template(path, kundulun)
    (problem,) = caught.value.problems
    assert (
        problem.sheet == "财政局"
        and "1300 here, 1200 at" in problem.message
        and "sheet 卫健委" in problem.message
    )
    _fill(path, "财政局", [("midwives", 2021, 1200)])
    submission = read_template(path, kundulun)
    assert sorted((r.indicator, r.value) for r in submission.observations) == [
        ("midwives", 1200.0),
        ("mmr", 16.1),
    ]
    assert submission.units == ["卫健委", "财政局"]


def test_another_units_sheet_is_refused(tmp_path, kundulun):
    theirs = tmp_path / "教育局.xlsx"
    write_template(kundulun, theirs, ["教育局"], years=[2021])
    _fill(theirs, "教育局", [("compulsory_consolidation", 2021, 96.0)])
    with pytest.raises(
        ImportValidationError, match="this is 教育局's sheet, from 教育局's template, not 卫健委's"
    ):
        read_template(theirs, kundulun, unit=UNIT)
    # A sheet copied into a workbook it was not made for is refused as well.
    ours = tmp_path / "ours.xlsx"
    write_template(kundulun, ours, [UNIT], years=[2021])
    book = openpyxl.load_workbook(ours)
    book.copy_worksheet(book[UNIT]).title = "教育局"
    book.save(ours)
    with pytest.raises(ImportValidationError, match="'教育局' .* is not part of this template"):
        read_template(ours, kundulun)


def test_damaged_and_foreign_workbooks_are_refused(tmp_path, kundulun):
    path = tmp_path / "template.xlsx"
    write_template(kundulun, path, [UNIT], years=[2021])
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ImportValidationError, match="not a readable Excel workbook") as caught:
        read_template(damaged, kundulun)
    assert caught.value.problems[0].file == str(damaged)
    plain = tmp_path / "plain.xlsx"
    openpyxl.Workbook().save(plain)
    with pytest.raises(ImportValidationError, match="not an ontrack collection template"):
        read_template(plain, kundulun)
    result = run("import", str(damaged), "--db", str(tmp_path / "db.sqlite"))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    head, line = result.stderr.strip().splitlines()
    assert head.endswith("damaged.xlsx：共 1 处问题，未导入任何数据：")  # no language of its own: zh
    assert "不是可读取的 Excel 工作簿" in line
    assert not (tmp_path / "db.sqlite").exists()


def test_template_command_rejects_unknown_units_and_years(tmp_path):
    result = run("template", "--unit", "不存在的单位", "-o", str(tmp_path / "x.xlsx"))
    assert (
        result.returncode != 0
        and "不存在的单位" in result.stderr
        and "Traceback" not in result.stderr
    )
    # History reaches 15 years before the base year 2020, as for imports and evaluations.
    result = run("template", "--unit", UNIT, "--years", "2004-2025", "-o", str(tmp_path / "x.xlsx"))
    assert result.returncode != 0 and "2005–2030" in result.stderr and "2004 does not" in result.stderr
    result = run("template", "--unit", UNIT, "--years", "2025-2031", "-o", str(tmp_path / "x.xlsx"))
    assert result.returncode != 0 and "2031 does not" in result.stderr
    result = run("template", "--unit", UNIT, "--years", "soon", "-o", str(tmp_path / "x.xlsx"))
    assert result.returncode != 0 and "--years 'soon'" in result.stderr
    assert not (tmp_path / "x.xlsx").exists()


def test_unit_indicators_follow_the_plans_responsible_units(kundulun):
    education = kundulun.indicators_of_unit("教育局")
    assert "compulsory_consolidation" in [i.id for i in education]
    assert "mmr" not in [i.id for i in education]
    assert all("教育局" in kundulun.responsible_units_of(kundulun.goal_of(i.id)) for i in education)


def test_data_commands_have_help():
    for command in ("template", "import", "data-export"):
        result = run(command, "--help")
        assert result.returncode == 0 and "usage:" in result.stdout


def test_import_of_a_tidy_table_through_the_command_line(tmp_path, kundulun):
    table, db = tmp_path / "table.csv", tmp_path / "db.sqlite"
    table.write_text("indicator,year,value\nmmr,2021,16.1\nmidwives,2021,1234\n", encoding="utf-8")
    assert main(["import", str(table), "--db", str(db), "--quiet"]) == 0
    with Store(db) as store:
        assert {(r.indicator, r.value) for r in store.observations(kundulun.id)} == {
            ("mmr", 16.1),
            ("midwives", 1234),
        }
    copy = tmp_path / "copy.csv"
    shutil.copy(table, copy)
    result = run("import", str(copy), "--db", str(db), "--unit", "教育局")
    assert result.returncode != 0 and "mmr 不是教育局负责的指标" in result.stderr


def test_milestone_progress_is_read_and_its_mistakes_named(tmp_path, kundulun):
    path = tmp_path / "template.xlsx"
    write_template(kundulun, path, [UNIT], years=[2024])
    book = openpyxl.load_workbook(path)
    sheet = book["里程碑进展"]
    row = next(r for r in range(5, sheet.max_row + 1)
               if sheet.cell(r, 1).value == "mch_standard_institution")
    assert sheet.cell(row, 4).value == 2030 and sheet.cell(row, 8).value == UNIT
    assert not sheet.cell(row, 5).protection.locked and sheet.cell(row, 1).protection.locked
    sheet.cell(row, 5).value, sheet.cell(row, 6).value = "差不多", "2025/06/30"
    book.save(path)
    with pytest.raises(ImportValidationError) as caught:
        read_template(path, kundulun)
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("里程碑进展", row, "E")
    assert "milestone status '差不多' is not one of" in problem.message
    sheet.cell(row, 5).value = "进行中"
    book.save(path)
    with pytest.raises(ImportValidationError) as caught:
        read_template(path, kundulun)
    (problem,) = caught.value.problems
    assert problem.column == "F" and "'2025/06/30' is not an ISO 8601 date" in problem.message
    sheet.cell(row, 6).value, sheet.cell(row, 7).value = "2025-06-30", "主体完工"
    book.save(path)
    (progress,) = read_template(path, kundulun).milestones
    assert (progress.indicator, progress.status, progress.date, progress.evidence, progress.unit) == (
        "mch_standard_institution", "in_progress", "2025-06-30", "主体完工", UNIT
    )


def test_an_english_template_reads_back_under_the_units_key(tmp_path, kundulun):
    # The English template names the unit in English; what it collects is stored under the unit's
    # key, and the unit may be named in either language on the command line.
    path, db = tmp_path / "en.xlsx", tmp_path / "ontrack.db"
    write_template(kundulun, path, ["District Health Commission"], years=[2021], language="en")
    _fill(path, "District Health Commission", [("mmr", 2021, 16.1)])
    book = openpyxl.load_workbook(path)
    sheet = book["Milestones"]
    row = next(r for r in range(5, sheet.max_row + 1)
               if sheet.cell(r, 1).value == "mch_standard_institution")
    assert sheet.cell(row, 8).value == "District Health Commission"
    sheet.cell(row, 5).value, sheet.cell(row, 6).value = "in progress", "2021-06-30"
    book.save(path)
    submission = read_template(path, kundulun, unit=UNIT)
    assert submission.units == [UNIT]
    assert [m.unit for m in submission.milestones] == [UNIT]
    result = run("import", str(path), "--db", str(db), "--unit", "District Health Commission")
    assert result.returncode == 0, result.stderr
    with Store(db) as store:
        assert [(r.indicator, r.year, r.value) for r in store.observations(kundulun.id)] == [("mmr", 2021, 16.1)]

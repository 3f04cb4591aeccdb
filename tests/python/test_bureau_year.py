"""A district statistics bureau's monitoring year, played through the command line on a real
SQLite file and real .xlsx workbooks (docs/data.md § The monitoring year, docs/cli.md)."""

import json
import subprocess
import sys

import openpyxl
import pytest

from ontrack.store import Store

PLAN_ID = "kundulun-women-2021-2030"
HEALTH, EDUCATION, ORGANISATION = "卫健委", "教育局", "组织部"
HISTORY = range(2015, 2025)
# Maternal deaths and live births of a district of ~4,500 births a year (1–2 deaths at most).
MATERNAL = {2015: (2, 5120), 2016: (1, 4980), 2017: (1, 5210), 2018: (0, 4870), 2019: (1, 4790),
            2020: (1, 4510), 2021: (0, 4300), 2022: (1, 4120), 2023: (0, 3950), 2024: (1, 3880)}


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ontrack", *args], capture_output=True, text=True,
                          cwd=cwd)


class Workbook:
    """A unit's template as its spreadsheet program opens it: cells by indicator, row code and year."""

    def __init__(self, path, unit):
        self.path = path
        self.book = openpyxl.load_workbook(path)
        self.sheet = self.book[unit]
        header = [c.value for c in self.sheet[4]]
        self.columns = {v: i + 1 for i, v in enumerate(header) if isinstance(v, int)}
        self.rows = {(self.sheet.cell(r, 1).value, self.sheet.cell(r, 2).value or ""): r
                     for r in range(5, self.sheet.max_row + 1)}
        self.milestones = self.book["里程碑进展"]

    def put(self, indicator, year, value, code=""):
        cell = self.sheet.cell(self.rows[(indicator, code)], self.columns[year])
        cell.value = value
        return cell

    def milestone(self, indicator, status, date, evidence):
        for row in range(5, self.milestones.max_row + 1):
            if self.milestones.cell(row, 1).value == indicator:
                for column, value in ((5, status), (6, date), (7, evidence)):
                    self.milestones.cell(row, column).value = value
                return
        raise AssertionError(f"no milestone row for {indicator}")

    def save(self):
        self.book.save(self.path)


def fill_health(path, mistakes=False):
    book = Workbook(path, HEALTH)
    for year, (deaths, births) in MATERNAL.items():
        book.put("mmr", year, round(deaths / births * 1e5, 1))
        book.put("mmr", year, deaths, "numerator")
        book.put("mmr", year, births, "denominator")
        book.put("mat_sys_mgmt", year, 90 + (year - 2015) * 0.5)
    book.put("mmr", 2024, "快报", "flag")
    book.put("mmr", 2021, None, "flag")
    book.put("mat_sys_mgmt", 2023, "估计", "flag")
    cells = []
    if mistakes:
        cells.append(book.put("mat_sys_mgmt", 2016, "约91"))  # text in a numeric cell
        cells.append(book.put("mmr", 2019, 25.0))  # 1 / 4790 is 20.9 per 100,000
        cells.append(book.put("mmr", 2022, 1.5, "numerator"))  # half a death
        cells.append(book.put("mmr", 2021, "初步", "flag"))  # not a flag
    book.milestone("mch_standard_institution", "进行中", "2024-12-31", "妇幼保健院新院区主体完工")
    book.save()
    return cells


def fill_education(path):
    book = Workbook(path, EDUCATION)
    for year in HISTORY:
        book.put("compulsory_consolidation", year, 95 + (year - 2015) * 0.3)
    book.milestone("female_share_compulsory_students", "已完成", "2024-09-01",
                   "女生占在校生比例与适龄人口比例一致")
    book.save()


def fill_organisation(path):
    book = Workbook(path, ORGANISATION)
    for year in HISTORY:
        book.put("female_share_dept_leaders", year, 20 + (year - 2015) * 0.4)
    book.save()


def evaluation(directory):
    return json.loads((directory / "evaluation.json").read_text(encoding="utf-8"))


def test_a_monitoring_year_from_templates_to_the_midterm_evaluation(tmp_path):
    db = tmp_path / "监测数据库.sqlite"
    files = {unit: tmp_path / f"{unit}.xlsx" for unit in (HEALTH, EDUCATION, ORGANISATION)}
    for unit, path in files.items():
        made = run("template", "--unit", unit, "--years", "2015-2024", "-o", str(path))
        assert made.returncode == 0, made.stderr

    # The health commission's first file has four mistakes: all listed, one per line, in
    # sheet, row and column order; nothing is stored and no database is created.
    mistakes = fill_health(files[HEALTH], mistakes=True)
    failed = run("import", str(files[HEALTH]), "--db", str(db), "--unit", HEALTH)
    assert failed.returncode == 2 and "Traceback" not in failed.stderr
    head, *lines = failed.stderr.strip().splitlines()
    # A Chinese template's problems are in Chinese.
    assert head == f"ontrack：错误：{files[HEALTH]}：共 4 处问题，未导入任何数据："
    order = sorted(mistakes, key=lambda c: (c.row, len(c.column_letter), c.column_letter))
    assert [line.split("：")[0] for line in lines] == [
        f"  {files[HEALTH]}，工作表 {HEALTH}，第{c.row}行{c.column_letter}列" for c in order
    ]
    text = "\n".join(lines)
    assert "文字 “约91” 不是数字" in text
    assert "数值 25 与分子分母不符：1 / 4790 为 20.8768" in text
    assert "分子 1.5 不是整数" in text
    assert "标记 “初步” 不是" in text
    assert not db.exists()

    # Fixed, the three units' files are imported.
    fill_health(files[HEALTH])
    fill_education(files[EDUCATION])
    fill_organisation(files[ORGANISATION])
    printed = {}
    for unit, path in files.items():
        imported = run("import", str(path), "--db", str(db), "--unit", unit, "--source", "2024年度报送")
        assert imported.returncode == 0, imported.stderr
        printed[unit] = imported.stdout
    assert f"{HEALTH} mmr: 10 new, 0 revised, 0 unchanged" in printed[HEALTH]
    assert f"{HEALTH} mch_standard_institution: 1 new, 0 revised, 0 unchanged" in printed[HEALTH]
    with Store(db) as store:
        first = store.vintages(PLAN_ID)
        history = {r.year: r for r in store.observations(PLAN_ID).filter(indicator="mmr", area="")}
    assert [v.submitted_by for v in first] == [HEALTH, EDUCATION, ORGANISATION]
    assert sorted(history) == list(HISTORY)
    assert (history[2015].numerator, history[2015].denominator) == (2, 5120)
    assert history[2024].flag == "provisional"

    # The same file again: a notice, no new vintage.
    again = run("import", str(files[HEALTH]), "--db", str(db), "--unit", HEALTH)
    assert again.returncode == 0 and "not imported again" in again.stdout

    # The mid-term evaluation as the data stand now, before any revision.
    before = tmp_path / "中期评估-初报"
    made = run("evaluate", "--db", str(db), "--preset", "midterm", "--as-of", "2025",
               "--out", str(before), "--quiet")
    assert made.returncode == 0, made.stderr

    # A revision: the 2024 births are corrected and the figure is final.
    book = Workbook(files[HEALTH], HEALTH)
    book.put("mmr", 2024, 25.6)
    book.put("mmr", 2024, 3900, "denominator")
    book.put("mmr", 2024, None, "flag")
    book.save()
    revised = run("import", str(files[HEALTH]), "--db", str(db), "--unit", HEALTH)
    assert revised.returncode == 0, revised.stderr
    assert f"{HEALTH} mmr: 0 new, 1 revised, 9 unchanged" in revised.stdout

    listed = run("vintages", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    rows = listed.stdout.splitlines()[2:]
    assert [r.split("\t")[1] for r in rows] == [HEALTH, EDUCATION, ORGANISATION, HEALTH]
    assert [r.split("\t")[2] for r in rows] == [f"{HEALTH}.xlsx", f"{EDUCATION}.xlsx",
                                               f"{ORGANISATION}.xlsx", f"{HEALTH}.xlsx"]

    # The mid-term evaluation from the database.
    midterm = tmp_path / "中期评估"
    made = run("evaluate", "--db", str(db), "--preset", "midterm", "--as-of", "2025",
               "--out", str(midterm), "--format", "json,md", "--quiet")
    assert made.returncode == 0, made.stderr
    record = evaluation(midterm)
    mmr = next(r for r in record["rows"] if r["indicator"] == "mmr" and r["kind"] == "at_most")
    assert mmr["years_used"][0] == 2015  # the history before the base year is used
    assert mmr["model"] == "poisson_rate"  # the count model, fed by the deaths and births
    statuses = {(r["indicator"], r["kind"]): r["status"] for r in record["rows"]}
    assert statuses[("mch_standard_institution", "milestone")] != statuses[
        ("female_share_compulsory_students", "milestone")]
    assert [(m["indicator"], m["status"]) for m in record["source"]["milestones"]] == [
        ("mch_standard_institution", "in_progress"), ("female_share_compulsory_students", "achieved")]
    report = (midterm / "report.md").read_text(encoding="utf-8")
    assert "| 孕产妇死亡率 | — | 2015–2024 | 10 |" in report  # the data table shows the history
    # Both milestones show the unit's report, in the report's language.
    milestone_lines = [line for line in report.splitlines() if "报告：" in line]
    assert any("在全区建设 1 所标准化妇幼保健机构" in line and "进行中" in line for line in milestone_lines)
    assert any("女童平等接受义务教育" in line and "已完成" in line for line in milestone_lines)
    assert "妇幼保健院新院区主体完工" in report  # the evidence the unit gave
    assert "recorded status" not in report

    # As of the vintage the first evaluation read, the evaluation is the one made then.
    replay = tmp_path / "中期评估-重放"
    made = run("evaluate", "--db", str(db), "--preset", "midterm", "--as-of", "2025",
               "--vintage", first[-1].recorded_at, "--out", str(replay), "--quiet")
    assert made.returncode == 0, made.stderr
    then, now = evaluation(before), evaluation(replay)
    # Only the database's own hash differs: the file has grown by the revision since.
    assert then["source"].pop("database")["sha256"] != now["source"].pop("database")["sha256"]
    assert json.dumps(then, sort_keys=True) == json.dumps(now, sort_keys=True)

"""Import problems are reported in the template's language (a table's in --lang, default zh):
each line in one language, ids and numbers as they are."""

import re

import openpyxl
import pytest

from ontrack.cli import main

UNIT = "卫健委"
SHEET = {"zh": UNIT, "en": "District Health Commission"}  # the unit's name in the template's language
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]")


def _template_with_mistakes(tmp_path, language):
    """A unit's template with five mistakes in its cells, an unknown id and a wrong milestone."""
    path = tmp_path / f"template-{language}.xlsx"
    assert main(["template", "--unit", UNIT, "--years", "2021-2022", "--lang", language,
                 "-o", str(path), "--quiet"]) == 0
    book = openpyxl.load_workbook(path)
    sheet = book[SHEET[language]]
    header = [c.value for c in sheet[4]]
    column = {v: i + 1 for i, v in enumerate(header) if isinstance(v, int)}
    rows = {(sheet.cell(r, 1).value, sheet.cell(r, 2).value or ""): r
            for r in range(5, sheet.max_row + 1)}
    for indicator, year, value in [
        ("mmr", 2021, "约16"),  # text
        ("mat_sys_mgmt", 2021, 101),  # a percentage above 100
        ("midwives", 2022, -4),  # a negative count
        ("mmr", 2022, "12,5"),  # a decimal comma
    ]:
        sheet.cell(rows[(indicator, "")], column[year]).value = value
    sheet.cell(rows[("female_life_exp", "")], 1).value = "female_life_expectancy"
    milestones = book.worksheets[2]
    row = next(r for r in range(5, milestones.max_row + 1)
               if milestones.cell(r, 1).value == "mch_standard_institution")
    milestones.cell(row, 5).value = "差不多"
    book.save(path)
    return path, rows


def _import(tmp_path, capsys, path, *options):
    db = tmp_path / "db.sqlite"
    assert main(["import", str(path), "--db", str(db), *options]) == 2
    assert not db.exists()
    return capsys.readouterr().err.splitlines()


def _words(line, path):
    """The line without the file name, ids, column letters and numbers: what is left is prose."""
    line = line.replace(str(path), "")
    line = re.sub(r"[a-z0-9]+(?:[_-][a-z0-9]+)+", "", line)  # ids such as mat_sys_mgmt
    for identifier in ("mmr", "midwives", "ontrack"):
        line = line.replace(identifier, "")
    return re.sub(r"[A-Z]{1,2}列", "列", line)


def test_a_chinese_template_reports_its_problems_in_chinese_only(tmp_path, capsys, kundulun):
    path, rows = _template_with_mistakes(tmp_path, "zh")
    lines = _import(tmp_path, capsys, path)
    assert lines[0] == f"ontrack：错误：{path}：共 6 处问题，未导入任何数据："
    problems = [line.strip() for line in lines[1:]]
    assert len(problems) == 6
    at = f"{path}，工作表 {UNIT}，"
    assert f"{at}第{rows[('mat_sys_mgmt', '')]}行H列：mat_sys_mgmt 2021年：数值 101 大于百分比上限 100" in problems
    assert f"{at}第{rows[('midwives', '')]}行I列：midwives 2022年：数值 -4 为负数，计数不能为负" in problems
    assert f"{at}第{rows[('mmr', '')]}行H列：mmr 2021年：文字 “约16” 不是数字" in problems
    assert any("“12,5” 不是数字：小数点请用" in p for p in problems)
    assert any("未知指标 “female_life_expectancy”：规划 kundulun-women-2021-2030 中没有该指标；"
               "您是否要填 female_life_exp 或 " in p for p in problems)
    assert any("里程碑进展 “差不多” 不是 未开始 / 进行中 / 已完成 之一" in p for p in problems)
    for line in lines:
        assert not re.search(r"[A-Za-z]", _words(line, path)), line


def test_an_english_template_reports_its_problems_in_english_only(tmp_path, capsys, kundulun):
    path, rows = _template_with_mistakes(tmp_path, "en")
    lines = _import(tmp_path, capsys, path)
    assert lines[0] == f"ontrack: error: {path}: 6 problems, nothing imported:"
    problems = [line.strip() for line in lines[1:]]
    row = rows[("mat_sys_mgmt", "")]
    assert (f"{path}, sheet {SHEET['en']}, row {row}, column H: mat_sys_mgmt 2021: value 101 is above "
            "100, the most a percentage can be") in problems
    assert any("did you mean female_life_exp or " in p for p in problems)
    assert any("milestone status '差不多' is not one of not started / in progress / done" in p
               for p in problems)
    for line in lines:
        # Chinese only in what the unit typed: a milestone status and a number written as text
        prose = _words(line, path).replace("'差不多'", "").replace("'约16'", "")
        assert not CJK.search(prose), line


@pytest.mark.parametrize(
    "options, expected",
    [
        ((), "第3行：mmr 2021年：数值 -1 小于比率下限 0"),
        (("--lang", "en"), "line 3: mmr 2021: value -1 is below 0, the least a rate can be"),
    ],
)
def test_a_tables_problems_follow_lang_default_chinese(tmp_path, capsys, kundulun, options, expected):
    table = tmp_path / "table.csv"
    table.write_text("indicator,year,value\nmmr,2020,16.1\nmmr,2021,-1\n", encoding="utf-8")
    lines = _import(tmp_path, capsys, table, *options)
    assert lines[1].strip() == f"{table}{'，' if not options else ', '}{expected}"

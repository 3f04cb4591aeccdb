"""The plan speaks of its responsible units in both languages, its shares have the direction the
plan wants, and a percent target written as a fraction gets a hint."""

import html
import json
import re

import pytest

import ontrack
from ontrack.report import write_report

pytest.importorskip("jinja2")
openpyxl = pytest.importorskip("openpyxl")
docx = pytest.importorskip("docx")

HAN = re.compile("[\u4e00-\u9fff]")


def test_every_unit_of_the_bundled_plan_has_an_english_name(kundulun):
    units = kundulun.responsible_units()
    assert len(units) == 25 and units[0] == "卫健委"
    for key in units:
        name = kundulun.unit_name(key)
        assert name.zh == key and name.en and not HAN.search(name.en), key
        assert kundulun.find_unit(name.en) == key
    assert kundulun.unit_name("妇联").en == "District Women's Federation"
    assert kundulun.find_unit("no such unit") is None


def test_a_report_names_the_units_in_its_language(tmp_path, kundulun):
    data = ontrack.datasets.china_national_women_series()
    evaluation = ontrack.evaluate(kundulun, data, as_of=2022)
    units = {kundulun.unit_name(k).en: k for k in kundulun.responsible_units()}
    formats = ["md", "html", "xlsx", "docx"]
    write_report(kundulun, data, evaluation, tmp_path / "en", formats=formats, language="en")
    write_report(kundulun, data, evaluation, tmp_path / "zh", formats=formats, language="zh")
    md_en = (tmp_path / "en" / "report.md").read_text(encoding="utf-8")
    md_zh = (tmp_path / "zh" / "report.md").read_text(encoding="utf-8")
    html_en = (tmp_path / "en" / "report.html").read_text(encoding="utf-8")
    # The unit table: one line per unit, by its English name in English, its key in Chinese.
    for english, key in units.items():
        assert f"| {english} |" in md_en and f"| {key} |" in md_zh
        assert english in html.unescape(html_en)
    # The target rows list their units joined in the language's own way.
    assert "District Health Commission, District Culture and Tourism Bureau" in md_en
    assert "卫健委、文旅局" in md_zh
    sheets = openpyxl.load_workbook(tmp_path / "en" / "report.xlsx")
    cells = {str(c.value) for ws in sheets.worksheets for row in ws.iter_rows() for c in row if c.value}
    assert "District Women's Federation" in cells
    assert not [c for c in cells if "；" in c and not HAN.search(c)]  # English joins with "; "
    # (the sources' Chinese publication titles are citations, kept as published)
    assert not [c for c in cells if c in units.values() or any(key + "、" in c for key in units.values())]
    document = docx.Document(tmp_path / "en" / "report.docx")
    texts = {cell.text for table in document.tables for row in table.rows for cell in row.cells}
    assert "District Women's Federation" in texts
    assert not [c for c in texts if c in units.values() or any(key + "、" in c for key in units.values())]


def test_the_plans_shares_rise_so_overshooting_their_band_is_met(kundulun):
    # 达到40%左右 on women's share of urban non-private employment: 39.8 → 41.7 is progress.
    assert kundulun.indicator("female_share_urban_nonprivate").direction == ontrack.Direction.increase
    assert kundulun.indicator("female_share_employed").direction == ontrack.Direction.increase
    years, values = [2019, 2020, 2021, 2022, 2023], [39.8, 40.4, 40.9, 41.2, 41.7]
    records = [ontrack.ObservationRecord("female_share_urban_nonprivate", y, v) for y, v in zip(years, values)]
    row = ontrack.evaluate(kundulun, ontrack.Observations(records), as_of=2023).row("female_share_urban_nonprivate")
    assert row["status"] == "achieved"
    assert not [w for w in row["warnings"] if w["code"] in ("reversal", "expected_shortfall")]


def _percent_plan(value, kind="at_least"):
    return ontrack.Plan.from_json(json.dumps({
        "format": "ontrack.plan", "format_version": 1, "id": "fraction",
        "title": {"zh": "规划"}, "period": {"start": 2021, "end": 2030}, "base_year": 2020,
        "responsible_units": [{"zh": "卫健委", "en": "Health Commission"}],
        "domains": [{"id": "d", "number": 1, "name": {"zh": "健康"}, "responsible_units": ["卫健委"],
                     "goals": [{"id": "d.1", "number": 1, "text": {"zh": "目标"}, "indicators": [
                         {"id": "screening", "name": {"zh": "筛查率", "en": "Screening rate"}, "unit": "%",
                          "scale": "percent", "direction": "increase",
                          "targets": [{"kind": kind, "value": value, "year": 2030}]}]}]}],
    }, ensure_ascii=False))


def _hints(plan, values):
    records = [ontrack.ObservationRecord("screening", 2017 + k, v) for k, v in enumerate(values)]
    row = ontrack.evaluate(plan, ontrack.Observations(records) if records else None, as_of=2022).row("screening")
    return [w for w in row["warnings"] if w["code"] == "percent_as_fraction"]


def test_a_percent_target_written_as_a_fraction_gets_a_hint_in_both_languages():
    (hint,) = _hints(_percent_plan(0.8), [71, 73, 74, 76, 78, 79])
    assert hint["zh"] == "单位提示：百分比指标的目标值0.8读作0.8%；若指80%，目标值应写作80。"
    assert hint["en"] == ("Unit hint: the target 0.8 on a percentage indicator reads as 0.8 %; "
                          "if 80 % is meant, write the target as 80.")
    assert len(_hints(_percent_plan(0.8), [])) == 1  # a floor of 0.8 % with no data yet
    standalone = ontrack.assess([2019, 2020, 2021], [78, 79, 81], ontrack.Target.at_least(0.8, by=2030),
                                scale="percent")
    assert [w.code for w in standalone.warnings] == ["percent_as_fraction"]


def test_no_hint_where_the_fraction_is_meant():
    assert not _hints(_percent_plan(80), [71, 73, 74, 76, 78, 79])            # written in percent
    assert not _hints(_percent_plan(0.5, "at_most"), [0.9, 0.8, 0.7, 0.6, 0.6])  # a small share, data agree
    assert not _hints(_percent_plan(0.5, "at_most"), [])                     # a ceiling below 1 % is plausible
    assert not _hints(_percent_plan(0.8), [3.1, 2.5, 2.2, 1.9, 1.5])          # data within 10× of the target

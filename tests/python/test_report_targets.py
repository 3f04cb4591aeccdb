"""Reports speak of targets: a settled miss, an overshooting `about`, a gap target and two targets
on one indicator, each in a small plan built for the case; a compatibility mode and a method
comparison, on the CLI."""

import json
import re

import pytest

import ontrack
from ontrack.cli import main
from ontrack.report import write_report
from ontrack.report.content import build

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")
openpyxl = pytest.importorskip("openpyxl")


def _plan(indicators, series, plan_id="test-targets"):
    return ontrack.Plan.from_json(json.dumps({
        "format": "ontrack.plan", "format_version": 1, "id": plan_id,
        "title": {"zh": "测试规划", "en": "Test plan"}, "period": {"start": 2021, "end": 2030},
        "base_year": 2020, "midterm_year": 2025,
        "domains": [
            {"id": "d", "number": 1, "name": {"zh": "妇女与环境", "en": "Women and environment"},
             "responsible_units": ["水务局"],
             "goals": [{"id": "d.1", "number": 1, "text": {"zh": "目标"}, "indicators": indicators}]},
            {"id": "m", "number": 2, "name": {"zh": "妇女与法律", "en": "Women and the law"},
             "responsible_units": ["司法局"],
             "goals": [{"id": "m.1", "number": 1, "text": {"zh": "目标"}, "indicators": [
                 {"id": "law", "name": {"zh": "普法", "en": "Legal awareness"}, "unit": "", "scale": "index",
                  "direction": "increase",
                  "targets": [{"kind": "milestone", "year": 2030, "text": "开展普法",
                                  "description": {"zh": "开展普法", "en": "Legal education"}}]}]}]},
        ],
        "series": series,
    }, ensure_ascii=False))


def _series(indicator, years, values, area=None):
    s = {"indicator": indicator, "observations": [{"year": y, "value": v} for y, v in zip(years, values)]}
    if area:
        s["disaggregation"] = {"area": area}
    return s


WATER = {"id": "water", "name": {"zh": "农村自来水普及率", "en": "Rural tap water coverage"}, "unit": "%",
         "scale": "percent", "direction": "increase",
         "targets": [{"kind": "maintain_at_least", "value": 95, "start": 2021, "end": 2030,
                      "text": "农村自来水普及率保持在95%以上"}]}


def _md(plan, tmp_path, language="zh", **kwargs):
    evaluation = ontrack.evaluate(plan, None, **kwargs)
    write_report(plan, None, evaluation, tmp_path, formats=["md", "html", "xlsx"], language=language)
    return evaluation, (tmp_path / "report.md").read_text(encoding="utf-8")


def test_a_settled_miss_says_so_and_names_its_years(tmp_path):
    plan = _plan([WATER], [_series("water", [2021, 2022, 2023], [84, 87, 90])])
    evaluation, md = _md(plan, tmp_path)
    row = evaluation.row("water")
    assert row["status"] == "missed" and row["status_text"]["zh"] == "未达标"
    assert "预计" not in row["status_text"]["zh"]
    assert "未达标：2021年（84）、2022年（87）、2023年（90）低于95。" in md
    assert "| 高 | 农村自来水普及率（农村自来水普及率保持在95%以上） | 未达标：" in md
    english = ontrack.evaluate(plan, None)
    write_report(plan, None, english, tmp_path / "en", formats=["md"], language="en")
    assert "Missed: 2021 (84), 2022 (87) and 2023 (90) were below 95." in (tmp_path / "en" / "report.md").read_text()


def _share(direction):
    return {"id": "share", "name": {"zh": "城镇单位就业人员中的女性比例", "en": "Women's share"}, "unit": "%",
            "scale": "percent", "direction": direction,
            "targets": [{"kind": "about", "value": 40, "tolerance": 2, "year": 2030,
                         "text": "城镇单位就业人员中的女性比例达到40%左右"}]}


def test_overshooting_an_about_target_in_the_desired_direction_is_not_deterioration(tmp_path):
    # 39.8 → 41.7 on "达到40%左右": on an indicator that should rise, more than asked meets it.
    data = [_series("share", [2019, 2020, 2021, 2022, 2023], [39.8, 40.4, 40.9, 41.2, 41.7])]
    evaluation, md = _md(_plan([_share("increase")], data), tmp_path)
    row = evaluation.row("share")
    assert row["status"] == "achieved"
    assert "target_upper" not in row["components"]
    assert not [w for w in row["warnings"] if w["code"] == "reversal"]
    line = next(x for x in md.split("## 指标详情")[1].splitlines() if x.startswith("| 城镇单位就业人员中的女性比例达到40%左右"))
    assert "✔ 已达标" in line and "最新变化方向不利" not in md
    # With no desired direction the band is two-sided; a rise inside it is still no reversal.
    band = ontrack.evaluate(_plan([_share("none")], data), None).row("share")
    assert band["components"]["target_upper"] == 42
    assert band["status"] != "deteriorating"
    assert not [w for w in band["warnings"] if w["code"] == "reversal"]


def test_the_modes_read_an_about_target_the_same_way(tmp_path):
    data = [_series("share", [2019, 2020, 2021, 2022, 2023], [39.8, 40.4, 40.9, 41.2, 41.7])]
    row = ontrack.evaluate(_plan([_share("increase")], data), None, method="nbs").row("share")
    assert row["label"] in ("achieved_early", "achieved")  # 41.7 ≥ 38: NBS 提前实现


MMR = {"id": "mmr", "name": {"zh": "孕产妇死亡率", "en": "Maternal mortality ratio"}, "unit": "1/10万",
       "scale": "per_100000", "direction": "decrease", "disaggregations": ["area"],
       "targets": [
           {"kind": "at_most", "value": 12, "year": 2030, "text": "下降到12/10万以下"},
           {"kind": "gap_narrowing", "between": [{"indicator": "mmr", "disaggregation": {"area": "rural"}},
                                                 {"indicator": "mmr", "disaggregation": {"area": "urban"}}],
            "start": 2020, "end": 2030, "text": "城乡差距缩小"},
           {"kind": "milestone", "year": 2030, "text": "城乡差距缩小",
            "description": {"zh": "城乡差距缩小", "en": "Urban-rural gap narrowed"}},
       ]}
MMR_DATA = [
    _series("mmr", [2016, 2017, 2018, 2019, 2020, 2021, 2022], [19.9, 19.6, 18.3, 17.8, 16.9, 16.1, 15.7]),
    _series("mmr", [2016, 2017, 2018, 2019, 2020, 2021, 2022], [19.5, 16.6, 15.5, 16.5, 14.1, 15.4, 14.3], "urban"),
    _series("mmr", [2016, 2017, 2018, 2019, 2020, 2021, 2022], [20.0, 21.1, 19.9, 18.6, 18.5, 16.5, 16.6], "rural"),
]


def test_every_sentence_names_its_target_and_no_two_share_a_label():
    plan = _plan([MMR], MMR_DATA)
    evaluation = ontrack.evaluate(plan, None)
    report = build(plan, None, evaluation, language="zh")
    labels = [row.label for row in report.rows if row.indicator == "mmr"]
    assert labels[:2] == ["孕产妇死亡率（下降到12/10万以下）", "孕产妇死亡率（城乡差距缩小，第1项）"]
    assert len(set(labels)) == len(labels) == 3
    by_target = {(w.indicator, w.target_index): w.target for w in report.warnings}
    for (indicator, index), label in by_target.items():
        assert label == labels[index]


def test_the_gap_target_is_charted_as_the_gap_with_the_assessments_own_band():
    from ontrack.report.figures import target_chart

    plan = _plan([MMR], MMR_DATA)
    evaluation = ontrack.evaluate(plan, None)
    row = evaluation.row("mmr", 1)
    assert row["series"] != "mmr" and row["projection"] is not None
    path = dict(zip(row["projection"]["years"], zip(row["projection"]["lower"], row["projection"]["upper"])))
    c = row["components"]
    assert path[2030] == pytest.approx((c["projected_value_lower"], c["projected_value_upper"]))
    svg, _, note = target_chart(plan.indicator("mmr"), row, "孕产妇死亡率（城乡差距缩小，第1项）", [],
                             span=(2021, 2030), language="zh")
    assert note == ""
    assert "<title>孕产妇死亡率（城乡差距缩小，第1项）</title>" in svg
    assert 'aria-label="孕产妇死亡率（城乡差距缩小，第1项）"' in svg
    assert "基期值 2020" in svg  # the baseline the narrowing is measured from


def test_one_chart_per_assessed_target_and_a_not_assessable_one_says_why(tmp_path):
    plan = _plan([MMR, WATER], MMR_DATA + [_series("water", [2023], [90])])
    evaluation = ontrack.evaluate(plan, None)
    write_report(plan, None, evaluation, tmp_path, formats=["html"])
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    charted = re.findall(r'<figure class="chart" data-indicator="[^"]+" data-target="([^"]+)"><svg', html)
    assert charted[:2] == ["mmr#0", "mmr#1"]
    assert html.count("<title>") == len(charted) + 1  # the page's own title
    assert html.count("<svg") == len(charted)


def test_coverage_is_honest(tmp_path):
    plan = _plan([WATER, MMR], [_series("water", [2021, 2022, 2023], [96, 97, 98])])
    evaluation, md = _md(plan, tmp_path)
    report = build(plan, None, evaluation, language="zh")
    domain, law = report.domains
    assert domain.summary.light_text == f"良好（1/{domain.summary.total}可评估）"
    assert law.summary.light_text == "本领域无可量化目标"
    assert "2个可量化目标（共5个目标）暂无数据" in report.coverage_note and "ontrack template" in report.coverage_note
    assert report.coverage_note in md


def test_a_mode_shows_its_own_verdicts_and_aggregate_with_a_comparison(tmp_path, capsys):
    plan = _plan([MMR, WATER], MMR_DATA + [_series("water", [2021, 2022, 2023], [84, 87, 90])])
    from ontrack.io.tables import write_observations

    path, data = tmp_path / "plan.json", tmp_path / "data.csv"
    path.write_text(plan.to_json(), encoding="utf-8")
    write_observations(ontrack.Observations.from_series(plan.series), data)
    out = tmp_path / "out"
    assert main(["evaluate", str(path), str(data), "--method", "nbs", "--compare", "eurostat,unsd,destatis",
                 "--out", str(out), "--format", "md,xlsx", "-q"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "nbs评价" in md and "nbs汇总" in md and "达标率" in md
    assert re.search(r"\| (提前实现|已实现|基本实现|未实现) \|", md)
    section = md.split("## 评估方法比较")[1].split("\n## ")[0]
    assert "| 目标 | ontrack | eurostat | unsd | destatis | 原因 |" in section
    water = next(line for line in section.splitlines() if line.startswith("| 农村自来水普及率"))
    assert "✘ 未达标" in water
    book = openpyxl.load_workbook(out / "report.xlsx")
    assert "方法比较" in book.sheetnames
    sheet = book["方法比较"]
    assert [c.value for c in sheet[1]][:6] == ["目标代码", "目标", "ontrack", "eurostat", "unsd", "destatis"]


def test_a_disagreement_is_flagged_with_what_each_method_reads():
    from ontrack.report.content import _compared
    from ontrack.report.text import words

    row = {"status": "off_track", "components": {"observed_annual_change": -0.5}}
    nbs = {"label": "achieved", "label_text": "已实现"}
    (verdict,) = _compared(row, {"nbs": nbs}, "zh", words("zh"))
    assert verdict.disagrees and verdict.text == "已实现"
    assert verdict.why.startswith("国家统计局只比较最新水平与目标值，不看趋势")
    assert "近年年均变化-0.5" in verdict.why
    (same,) = _compared({"status": "achieved", "components": {}}, {"nbs": nbs}, "zh", words("zh"))
    assert not same.disagrees and same.why == ""


def test_demo_takes_method_compare_and_as_of(tmp_path):
    out = tmp_path / "demo"
    assert main(["demo", "--out", str(out), "--format", "md", "--method", "nbs", "--compare", "unsd",
                 "--as-of", "2023", "-q"]) == 0
    md = (out / "report.md").read_text(encoding="utf-8")
    assert "评估年份 2023" in md and "## 评估方法比较" in md and "nbs汇总" in md


def test_units_speak_the_reports_language(tmp_path):
    plan = ontrack.plans.kundulun_women_2021_2030()
    mmr = plan.indicator("mmr")
    assert (mmr.unit_text.zh, mmr.unit_text.en) == ("1/10万", "per 100,000 live births")
    assert mmr.unit == "per 100,000 live births"
    again = ontrack.Plan.from_json(plan.to_json())
    assert again.indicator("mmr").unit_text.zh == "1/10万"  # saved and read back as zh/en text
    record = build(plan, ontrack.datasets.china_national_women_series(),
                   ontrack.evaluate(plan, ontrack.datasets.china_national_women_series()), language="zh")
    section = next(s for s in record.indicators if s.id == "mmr")
    assert section.unit == "1/10万"
    english = build(plan, None, ontrack.evaluate(plan, None), language="en")
    assert next(s for s in english.indicators if s.id == "mmr").unit == "per 100,000 live births"


def test_a_pace_on_a_percentage_is_in_percentage_points():
    from ontrack.describe import describe_target

    share = {"id": "share", "name": {"zh": "比例", "en": "Share"}, "unit": "%", "scale": "percent",
             "direction": "increase",
             "targets": [{"kind": "increase", "min_pace": 0.5, "start": 2020, "end": 2030, "text": "逐步提高"}]}
    indicator = _plan([share], []).indicator("share")
    assert "by at least 0.5 percentage points a year" in describe_target(indicator.targets[0], indicator)


DELEGATES = {"id": "delegates", "name": {"zh": "党代会女代表比例", "en": "Women delegates' share"}, "unit": "%",
             "scale": "percent", "direction": "increase",
             "targets": [{"kind": "relative", "reference": {"indicator": "members"}, "comparator": "at_least",
                          "start": 2021, "end": 2030, "text": "女代表比例不低于女党员比例"}]}
MEMBERS = {"id": "members", "name": {"zh": "女党员比例", "en": "Women members' share"}, "unit": "%",
           "scale": "percent", "direction": "increase", "targets": []}
MIDWIVES = {"id": "per_bed", "name": {"zh": "产床与助产士数量比例", "en": "Midwives per delivery bed"},
            "unit": "", "scale": "ratio", "direction": "increase", "bounds": [0, None],
            "targets": [{"kind": "ratio", "comparator": "at_least", "value": 3, "numerator": {"indicator": "midwives"},
                         "denominator": {"indicator": "beds"}, "start": 2021, "end": 2030, "text": "不低于1:3"}]}
COUNTS = [{"id": i, "name": {"zh": zh, "en": en}, "unit": "", "scale": "count", "direction": "increase",
           "targets": []} for i, zh, en in (("midwives", "助产士数", "Midwives"), ("beds", "产床数", "Delivery beds"))]


def test_a_relative_target_charts_the_indicator_and_its_reference(tmp_path):
    years = [2019, 2020, 2021, 2022, 2023]
    plan = _plan([DELEGATES, MEMBERS], [_series("delegates", years, [28.0, 29.0, 30.5, 31.0, 32.0]),
                                        _series("members", years, [27.0, 27.5, 28.0, 28.6, 29.1])])
    evaluation = ontrack.evaluate(plan, None)
    write_report(plan, None, evaluation, tmp_path, formats=["html"], language="en")
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    chart = re.search(r'data-target="delegates#0">(<svg.*?</svg>)', html, flags=re.S).group(1)
    assert ">Women delegates' share</text>" in chart  # the top panel's legend: both series
    assert ">Women members' share</text>" in chart


def test_a_ratio_target_charts_both_parts_above_the_judged_ratio():
    from ontrack.report.content import target_parts
    from ontrack.charts import assessment_chart

    years = [2021, 2022, 2023]
    plan = _plan([MIDWIVES] + COUNTS, [_series("midwives", years, [30, 33, 36]), _series("beds", years, [10, 10, 12])])
    row = ontrack.evaluate(plan, None).row("per_bed")
    # The judged series is the ratio, by hand: 30/10, 33/10, 36/12.
    assert row["values_used"] == pytest.approx([3.0, 3.3, 3.0])
    from ontrack.report.content import observation_records

    by_indicator = {}
    for rec in observation_records(plan, None, 2023):
        by_indicator.setdefault(rec.indicator, []).append(rec)
    parts = target_parts(plan.indicator("per_bed"), plan.indicator("per_bed").targets[0], by_indicator,
                         {"midwives": "Midwives", "beds": "Delivery beds"}, "en")
    assert [(name, sorted((r.year, r.value) for r in recs)) for name, recs in parts] == [
        ("Midwives", [(2021, 30), (2022, 33), (2023, 36)]), ("Delivery beds", [(2021, 10), (2022, 10), (2023, 12)])]
    ax = assessment_chart((row["years_used"], row["values_used"]), row["projection"], judged=(3.0, None),
                          deadline=2030, span=(2021, 2030),
                          parts=[(n, [r.year for r in recs], [r.value for r in recs]) for n, recs in parts])
    top = ax.figure.axes[0]
    assert top is not ax
    assert [(line.get_label(), list(line.get_ydata())) for line in top.lines] == [
        ("Midwives", [30, 33, 36]), ("Delivery beds", [10, 10, 12])]
    assert list(ax.lines[0].get_ydata()) == pytest.approx([3.0, 3.3, 3.0])

"""ontrack.report.write_report: the HTML, Markdown, Excel and JSON reports."""

import json
import re

import pytest

import ontrack
from ontrack.report import FILES, FORMATS, write_report
from ontrack.report.content import observation_records, stand_in_notice

pytest.importorskip("jinja2")
pytest.importorskip("matplotlib")
openpyxl = pytest.importorskip("openpyxl")

HOSTILE_NAME = "<script>alert(1)</script> | *bold* _x_"
FORMULA = "=HYPERLINK(\"http://example.com\",\"x\")"


@pytest.fixture(scope="module")
def national():
    return ontrack.datasets.china_national_women_series()


@pytest.fixture(scope="module")
def plan():
    return ontrack.plans.kundulun_women_2021_2030()


@pytest.fixture(scope="module")
def evaluation(plan, national):
    return ontrack.evaluate(plan, national)


@pytest.fixture(scope="module")
def previous(evaluation):
    """The same evaluation with maternal mortality's first target recorded as on track (the
    national data put it at risk as of 2025: P(meet) about 44 %)."""
    record = evaluation.to_dict()
    record["as_of"] = evaluation.as_of - 1
    row = next(r for r in record["rows"] if r["key"] == "mmr#0")
    assert row["status"] == "at_risk"
    row["status"] = "on_track"
    row["status_text"] = {"zh": "预计达标", "en": "on track"}
    return ontrack.Evaluation.from_dict(record)


@pytest.fixture(scope="module")
def report(tmp_path_factory, plan, national, evaluation, previous):
    """One Chinese report in every format, compared with the previous evaluation."""
    out = tmp_path_factory.mktemp("report") / "ontrack-report"
    steps = []
    written = write_report(plan, national, evaluation, out, previous=previous,
                           progress=lambda done, total, what: steps.append((done, total, what)))
    return {"dir": out, "written": written, "steps": steps}


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A plan whose maternal-mortality name and target text try to inject markup and formulas."""
    record = json.loads(ontrack.plans.kundulun_women_2021_2030().to_json())
    for domain in record["domains"]:
        for goal in domain["goals"]:
            for indicator in goal.get("indicators", []):
                if indicator["id"] == "mmr":
                    indicator["name"] = {"zh": HOSTILE_NAME, "en": HOSTILE_NAME}
                    indicator["targets"][0]["text"] = FORMULA
    plan = ontrack.Plan.from_json(json.dumps(record))
    data = [s for s in ontrack.datasets.china_national_women_series() if s.indicator == "mmr"]
    evaluation = ontrack.evaluate(plan, data)
    out = tmp_path_factory.mktemp("hostile")
    write_report(plan, data, evaluation, out, language="zh")
    return out


def test_every_default_format_is_written_with_progress(report):
    assert {k: p.name for k, p in report["written"].items()} == {k: FILES[k] for k in FORMATS}
    assert sorted(p.name for p in report["dir"].iterdir()) == sorted(FILES[k] for k in FORMATS)
    assert not [p for p in report["dir"].parent.iterdir() if p.name.startswith(".")]  # no staging left
    done, total, _ = report["steps"][-1]
    assert done == total == len(ontrack.plans.kundulun_women_2021_2030().indicators()) + len(FORMATS)


def test_json_is_the_evaluation_record(report, evaluation):
    assert json.loads((report["dir"] / "evaluation.json").read_text(encoding="utf-8")) == evaluation.to_dict()


def test_html_is_self_contained_with_one_chart_per_target_with_data(report, plan, national, evaluation):
    html = (report["dir"] / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "<link" not in html and not re.search(r'src="https?:', html)
    with_data = {r.indicator for r in observation_records(plan, national, evaluation.as_of)}
    charted = re.findall(r'<figure class="chart" data-indicator="[^"]+" data-target="([^"]+)"><svg', html)
    expected = [r["key"] for r in evaluation.rows if r["indicator"] in with_data and r["kind"] != "milestone"]
    assert sorted(charted) == sorted(expected)
    assert html.count("<svg") == len(charted) and html.count("</title></svg>") == 0
    assert len(re.findall(r'<svg[^>]* role="img" aria-label="[^"]+"><title>', html)) == len(charted)
    assert plan.title.zh in html and "评估年份 2025" in html
    assert stand_in_notice(observation_records(plan, national, evaluation.as_of), "zh") in html
    assert evaluation.data["sha256"] in html and ontrack.__version__ in html
    for unit in evaluation.summary("unit"):
        assert unit in html  # the accountability table


def test_status_changes_are_shown_in_every_format(report):
    html = (report["dir"] / "report.html").read_text(encoding="utf-8")
    md = (report["dir"] / "report.md").read_text(encoding="utf-8")
    assert "与上次评估相比的状态变化" in html and "与上次评估相比的状态变化" in md
    section = html.split('id="changes"')[1].split("</section>")[0]
    assert section.count("<tr>") == 1 + 1  # the header and the one target that changed
    assert "孕产妇死亡率" in section and "存在风险" in section
    changes = md.split("## 与上次评估相比的状态变化")[1].split("## ")[0]
    assert "孕产妇死亡率" in changes and "▲ 存在风险" in changes
    sheet = openpyxl.load_workbook(report["dir"] / "report.xlsx")["指标"]
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row))) for row in sheet.iter_rows(min_row=2)]
    changed = [r for r in rows if r["变化"] == 1]
    assert [(r["指标代码"], r["上次状态代码"], r["状态代码"]) for r in changed] == [("mmr", "on_track", "at_risk")]


def test_markdown_has_the_report_and_the_national_label(report, plan, evaluation):
    md = (report["dir"] / "report.md").read_text(encoding="utf-8")
    assert md.startswith(f"# {plan.title.zh}")
    assert "全国（中国）数据" in md
    for domain in plan.domains:
        assert domain.name.zh in md
    assert len(re.findall(r"^\| 高 \|", md, flags=re.M)) == sum(w.severity == "high" for w in evaluation.warnings)


def test_workbook_sheets_numbers_and_conditional_formatting(report, evaluation):
    book = openpyxl.load_workbook(report["dir"] / "report.xlsx")
    assert book.sheetnames == ["概况", "指标", "预警", "所用数据"]  # Chinese throughout
    sheet = book["指标"]
    assert all(re.search(r"[\u4e00-\u9fff]", c.value) for c in sheet[1])
    header = [c.value for c in sheet[1]]
    p_column = header.index("达标概率") + 1
    mmr = next(row for row in sheet.iter_rows(min_row=2) if row[2].value == "mmr")
    assert isinstance(mmr[p_column - 1].value, float)
    assert mmr[p_column - 1].value == pytest.approx(evaluation.row("mmr")["components"]["p_meet"])
    assert mmr[p_column - 1].number_format == "0%"
    rules = [rule for ranges in sheet.conditional_formatting for rule in ranges.rules]
    assert len(rules) == 7 and any('="missed"' in rule.formula[0] for rule in rules)
    assert book["预警"].max_row == len(evaluation.warnings) + 1
    data = book["所用数据"]
    labels = {row[11].value for row in data.iter_rows(min_row=2)}
    assert labels == {"全国（中国）数据，代替区级数据"}
    values = [row[7] for row in data.iter_rows(min_row=2) if isinstance(row[7].value, float)]
    assert values and all(len(repr(c.value)) <= 14 for c in values)  # no 83.77999999999997
    assert {c.number_format for c in values} <= {"#,##0.0##", "#,##0"}
    assert "农村" in {row[3].value for row in data.iter_rows(min_row=2)} or \
        not any(row[3].value for row in data.iter_rows(min_row=2))
    assert all(isinstance(row[7].value, (int, float)) for row in data.iter_rows(min_row=2))  # numbers, not text
    assert "全国（中国）数据" in book["概况"]["A3"].value


def test_plan_text_is_never_markup_or_a_formula(hostile):
    html = (hostile / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    md = (hostile / "report.md").read_text(encoding="utf-8")
    assert "<script" not in md and r"&lt;script\>alert(1)&lt;/script\> \| \*bold\* \_x\_" in md
    book = openpyxl.load_workbook(hostile / "report.xlsx")
    cells = [c for sheet in book for row in sheet.iter_rows() for c in row if c.value == FORMULA]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    assert not [c for sheet in book for row in sheet.iter_rows() for c in row if c.data_type == "f"]


def test_english_report(tmp_path, plan, national, evaluation):
    written = write_report(plan, national, evaluation, tmp_path, formats=["md"], language="en")
    md = written["md"].read_text(encoding="utf-8")
    assert md.startswith(f"# {plan.title.en}") and "Annual monitoring report" in md
    assert "national (China) figures, standing in for district data" in md
    assert "Women and health" in md


def test_failure_leaves_the_previous_report_untouched(tmp_path, plan, national, evaluation, monkeypatch):
    out = tmp_path / "report"
    write_report(plan, national, evaluation, out, formats=["json", "md"])
    before = {p.name: p.read_bytes() for p in out.iterdir()}

    def broken(report, path):
        raise OSError("disk full")

    monkeypatch.setattr("ontrack.report.excel.write_workbook", broken)
    with pytest.raises(OSError, match="disk full"):
        write_report(plan, national, ontrack.evaluate(plan, national, as_of=2023), out, formats=["json", "md", "xlsx"])
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert [p.name for p in tmp_path.iterdir()] == ["report"]


@pytest.mark.parametrize("kwargs, message", [
    ({"formats": ["odt"]}, "'odt'"), ({"formats": []}, "none"), ({"language": "fr"}, "'fr'"),
])
def test_bad_options_are_refused_before_writing(tmp_path, plan, national, evaluation, kwargs, message):
    with pytest.raises(ontrack.InvalidInputError, match=message):
        write_report(plan, national, evaluation, tmp_path / "out", **kwargs)
    assert not (tmp_path / "out").exists()


def test_evaluation_of_another_plan_is_refused(tmp_path, all_kinds_path, national, evaluation):
    with pytest.raises(ontrack.InvalidInputError, match="kundulun"):
        write_report(ontrack.Plan.load(str(all_kinds_path)), national, evaluation, tmp_path, formats=["json"])


def test_a_labelled_frame_keeps_its_national_label(plan):
    frame = ontrack.datasets.china_national_women()
    records = observation_records(plan, frame, 2025)
    assert records and all(r.source.startswith("national (China) figure standing in") for r in records)
    assert "全国（中国）数据" in stand_in_notice(records, "zh")
    assert stand_in_notice(observation_records(plan, None, 2025), "en") == ""


@pytest.mark.parametrize("text, escaped", [
    ("a|b*c_d", r"a\|b\*c_d"), ("_x_", r"\_x\_"), ("<b>", r"&lt;b\>"), ("# h", r"\# h"), ("- x", r"\- x"),
    ("12. x", r"12\. x"), ("12.", r"12\."), ("80.88", "80.88"), ("-0.5", "-0.5"), ("mat_sys_mgmt", "mat_sys_mgmt"),
    ("2026-03-01", "2026-03-01"), ("two\nlines", "two lines"), ("[a](b)", r"\[a\](b)"),
])
def test_markdown_escape(text, escaped):
    from ontrack.report.rendering import markdown_escape

    assert markdown_escape(text) == escaped


def test_chart_band_is_the_one_the_assessment_used(plan, national, evaluation):
    # The row carries the projection it was judged on; the chart draws that path, not a refit.
    for row in evaluation.rows:
        if row["projection"] is None or "projected_value_lower" not in row["components"]:
            continue
        path = row["projection"]
        at = path["years"].index(row["components"]["deadline"])
        c = row["components"]
        assert path["median"][at] == pytest.approx(c["projected_value"], rel=1e-12)
        assert (path["lower"][at], path["upper"][at]) == pytest.approx(
            (c["projected_value_lower"], c["projected_value_upper"]), rel=1e-12)
        assert path["level"] == evaluation.parameters["ontrack"]["level"]

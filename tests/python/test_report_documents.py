"""The Word and PDF reports: opened with python-docx and read back, printed by headless Chromium."""

import shutil

import pytest

import ontrack
from ontrack.report import write_report
from ontrack.report.content import observation_records

docx = pytest.importorskip("docx")
pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def bundled():
    plan = ontrack.plans.kundulun_women_2021_2030()
    national = ontrack.datasets.china_national_women_series()
    return plan, national, ontrack.evaluate(plan, national, method="nbs")


@pytest.fixture(scope="module")
def document(tmp_path_factory, bundled):
    plan, national, evaluation = bundled
    out = tmp_path_factory.mktemp("docx")
    write_report(plan, national, evaluation, out, formats=["docx"])
    return docx.Document(str(out / "report.docx"))


def _text(document):
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def test_word_report_is_laid_out_as_a_monitoring_report(document, bundled):
    plan, _, _ = bundled
    headings = [p.text for p in document.paragraphs if p.style.name.startswith(("Heading", "Title"))]
    assert headings[0] == plan.title.zh
    domains = [f"{d.number}. {d.name.zh}" for d in plan.domains]
    assert headings[1:] == ["总体情况", *domains, "预警清单", "责任单位落实情况", "对策建议", "数据来源", "方法说明"]
    recommendations = [p.text for p in document.paragraphs]
    after = recommendations[recommendations.index("对策建议") + 1]
    assert "由区妇女儿童工作委员会办公室" in after  # left for the bureau to write


def test_word_report_holds_every_target_and_chart(document, bundled):
    plan, national, evaluation = bundled
    text = _text(document)
    from ontrack.report.content import build

    rows = build(plan, national, evaluation, language="zh").rows
    assert len(rows) == len(evaluation.rows)
    for row in rows:  # every target, by its label, with its status
        assert f"{row.label}\n{row.style.symbol} {row.status_text}" in text
    with_data = {r.indicator for r in observation_records(plan, national, evaluation.as_of)}
    charted = [r for r in evaluation.rows if r["kind"] != "milestone" and r["indicator"] in with_data]
    assert len(document.inline_shapes) == len(charted) > 0
    captions = [p.text.split(" — ")[0] for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == [row.label for row in rows if row.key in {r["key"] for r in charted}]
    assert "全国（中国）数据" in text  # the stand-in notice
    assert "nbs汇总" in text and "达标率" in text  # the mode's own aggregate
    assert "提前实现" in text or "未实现" in text


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium on PATH")
def test_pdf_is_printed_on_a4_with_page_numbers(tmp_path, bundled):
    pytest.importorskip("playwright")
    plan, national, evaluation = bundled
    write_report(plan, national, evaluation, tmp_path, formats=["pdf"])
    pdf = (tmp_path / "report.pdf").read_bytes()
    assert pdf.startswith(b"%PDF")
    assert b"/MediaBox [0 0 595" in pdf  # A4: 595 × 842 pt
    assert pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page>>") + pdf.count(b"/Type /Page ") > 5 or \
        pdf.count(b"/Type/Page") > 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]  # the printed page is not left


def test_pdf_without_chromium_is_refused_before_writing(tmp_path, bundled, monkeypatch):
    plan, national, evaluation = bundled
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(ontrack.InvalidInputError, match="Chromium"):
        write_report(plan, national, evaluation, tmp_path / "r", formats=["html", "pdf"])
    assert not (tmp_path / "r").exists()

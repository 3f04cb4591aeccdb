"""The report as a Word document, laid out as Chinese statistical monitoring reports are: title,
总体情况, one section per domain with its table and charts, 预警清单, 责任单位落实情况, 对策建议 (left
for the bureau to write), 数据来源 and 方法说明. The bureau edits and forwards Word files, so every
part is ordinary Word text and tables (no fields, no macros); text from plans and data is set as
text, never interpreted.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any, List, Sequence

from .content import Report
from .formatting import number, percent, signed

if TYPE_CHECKING:  # python-docx is imported only when a document is written
    from docx.document import Document

__all__ = ["write_document"]

_CHART_WIDTH_CM = 16.0


def _table(doc: "Document", header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = str(text)
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values):
            cell.text = "" if value is None else str(value)


def _status(code: str, text: str) -> str:
    from .text import STATUS_STYLES

    return f"{STATUS_STYLES[code].symbol} {text}"


def _overview(doc: "Document", r: Report) -> None:
    from .text import STATUS_NAMES

    w = r.words
    s = r.plan_summary
    doc.add_heading(w["overview"], level=1)
    doc.add_paragraph(w["docx_overview"].format(
        total=s.total, assessable=s.assessable, rate=percent(s.achievement_rate), on_track=percent(s.on_track_rate),
        warnings=len(r.warnings), light=s.light_text))
    names = STATUS_NAMES[r.language]
    counts = [f"{_status(code, names[code])} {n}" for code, n in s.counts.items()]
    doc.add_paragraph(("、" if r.language == "zh" else ", ").join(counts))
    if r.method_aggregate:
        doc.add_paragraph(w["method_aggregate"].format(method=r.method) + w["colon"] + r.method_aggregate)
    if r.coverage_note:
        doc.add_paragraph(r.coverage_note)
    _table(doc, [w["domain"], w["light"], w["assessable"], w["achievement_rate"]],
           [[f"{d.number}. {d.name}", d.summary.light_text, f"{d.summary.assessable}/{d.summary.total}",
             percent(d.summary.achievement_rate)] for d in r.domains])


def _domains(doc: "Document", r: Report) -> None:
    w = r.words
    with_method = r.method != "ontrack"
    header = [w["target"], w["status"]] + ([w["method_verdict"].format(method=r.method)] if with_method else []) + [
        w["p_meet"], w["latest"], w["projected"], w["required_pace"], w["units"]]
    for d in r.domains:
        doc.add_heading(f"{d.number}. {d.name}", level=1)
        doc.add_paragraph(f"{w['light']}{w['colon']}{d.summary.light_text}")
        rows: List[List[Any]] = []
        for ind in d.indicators:
            for t in ind.rows:
                latest = number(t.latest_value) + (f"（{t.latest_year}）" if t.latest_year else "")
                rows.append([t.label, _status(t.status, t.status_text)]
                            + ([t.method_text or w["none"]] if with_method else [])
                            + [percent(t.p_meet), latest, number(t.projected), signed(t.required_pace),
                               t.units_text])
        if rows:
            _table(doc, header, rows)
        for ind in d.indicators:
            for c in ind.charts:
                doc.add_picture(io.BytesIO(c.png), width=_cm(_CHART_WIDTH_CM))
                doc.add_paragraph(c.label + (f" — {c.note}" if c.note else ""), style="Caption")


def _cm(value: float) -> Any:
    from docx.shared import Cm

    return Cm(value)


def write_document(r: Report, path: str) -> None:
    """Writes ``r`` to ``path`` (.docx). Its charts must have been drawn as PNG."""
    import docx

    w = r.words
    doc = docx.Document()
    doc.core_properties.title = r.title
    doc.add_heading(r.title, level=0)
    doc.add_paragraph(r.subtitle)
    if r.stand_in_notice:
        doc.add_paragraph(r.stand_in_notice).runs[0].bold = True
    _overview(doc, r)
    _domains(doc, r)
    doc.add_heading(w["early_warnings"], level=1)
    if r.warnings:
        _table(doc, [w["severity"], w["target"], w["warnings"]], [[x.severity_text, x.target, x.text] for x in r.warnings])
    else:
        doc.add_paragraph(w["no_warnings"])
    if r.compared_methods:
        doc.add_heading(w["comparison"], level=1)
        doc.add_paragraph(w["comparison_note"])
        _table(doc, [w["target"], "ontrack", *r.compared_methods, w["why"]],
               [[t.label, t.status_text, *((w["disagree"] + " " if c.disagrees else "") + c.text for c in t.compared),
                 r.clause_separator.join(f"{c.method}{w['colon']}{c.why}" for c in t.compared if c.disagrees)] for t in r.rows])
    doc.add_heading(w["accountability"], level=1)
    _table(doc, [w["units"], w["total"], w["assessable"], w["achievement_rate"], w["warnings"], w["light"]],
           [[u.unit, u.summary.total, u.summary.assessable, percent(u.summary.achievement_rate), u.warnings,
             u.summary.light_text] for u in r.units])
    doc.add_heading(w["recommendations"], level=1)
    doc.add_paragraph(w["recommendations_note"])
    doc.add_heading(w["sources"], level=1)
    if r.stand_in_notice:
        doc.add_paragraph(r.stand_in_notice)
    _table(doc, [w["indicator"], w["breakdown"], w["years"], w["points"], w["source"]],
           [[s.indicator_name, s.breakdown or w["none"], s.years, s.points,
             (w["stand_in_short"] + " " if s.stand_in else "") + (s.source or w["none"])] for s in r.sources])
    doc.add_heading(w["method_notes"], level=1)
    doc.add_paragraph(r.method_note)
    doc.add_paragraph(f"{w['library_version']}{w['colon']}{r.library_version}；{w['method']}{w['colon']}{r.method}；"
                      f"{w['data_hash']}{w['colon']}{r.data['sha256']}")
    _table(doc, [w["parameters"], w["value"], w["explanation"]],
           [[name, value, r.parameter_meanings.get(name, "")] for name, value in r.parameters.items()])
    doc.save(path)

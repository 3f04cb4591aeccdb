"""The report as an Excel workbook: sheets Summary, Indicators, Warnings and Data used (概况, 指标,
预警, 所用数据 in a Chinese report), and Methods compared with a method comparison; every sheet
name and column header is in the report's language.

Numbers are stored as numbers (percentages as fractions with a percent format) so that they can
be recomputed; text is stored as text, through :mod:`ontrack.io.cells`, so that no plan
wording or data source becomes a formula.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, List, Optional, Sequence

from ..io.cells import put
from .content import Report, Summary, split_source, stand_in_label
from .text import BREAKDOWN_NAMES, STATUS_NAMES, STATUS_STYLES

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is written
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["write_workbook"]

#: The sheets' words (their names in the report's language are ``words(language)[key]``).
SHEETS = ("sheet_summary", "sheet_indicators", "sheet_warnings", "sheet_data")
COMPARISON_SHEET = "sheet_comparison"  # written with a method comparison only
_PERCENT = "0%"
_DECIMAL = "#,##0.0##"
_INTEGRAL = "#,##0"
_HEADER_FILL = "1F2933"


class Percent(float):
    """A fraction shown as a percentage."""


def _put(ws: "Worksheet", row: int, column: int, value: Any) -> None:
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Percent):
        cell.value = float(value)
        cell.number_format = _PERCENT
    elif isinstance(value, float) and math.isfinite(value):
        # The shortest decimal that is the same number (83.78, not 83.77999999999997), shown with
        # at most three decimals; still a number, to recompute with.
        cell.value = float(f"{value:.12g}")
        cell.number_format = _INTEGRAL if cell.value == int(cell.value) else _DECIMAL
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    else:
        put(cell, value)


def _pct(value: Optional[float]) -> Optional[Percent]:
    return None if value is None else Percent(value)


def _row(ws: "Worksheet", row: int, values: Sequence[Any]) -> None:
    for column, value in enumerate(values, start=1):
        _put(ws, row, column, value)


def _header(ws: "Worksheet", row: int, names: Sequence[str]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    _row(ws, row, names)
    for column in range(1, len(names) + 1):
        cell = ws.cell(row=row, column=column)
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=_HEADER_FILL)
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")


def _widths(ws: "Worksheet", widths: Sequence[int]) -> None:
    from openpyxl.utils import get_column_letter

    for column, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(column)].width = width


def _status_formatting(ws: "Worksheet", status_column: str, last_column: str, first_row: int, last_row: int) -> None:
    """Each row coloured by the status code in ``status_column`` (conditional formatting, so
    that it follows the data when the table is sorted or filtered)."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    if last_row < first_row:
        return
    area = f"A{first_row}:{last_column}{last_row}"
    for code, style in STATUS_STYLES.items():
        ws.conditional_formatting.add(area, FormulaRule(
            formula=[f'${status_column}{first_row}="{code}"'],
            fill=PatternFill("solid", fgColor=style.tint, bgColor=style.tint),
            font=Font(color=style.colour),
        ))


def _summary_rows(label: str, s: Summary, light: str) -> List[Any]:
    return [label, light, *s.counts.values(), s.assessable, s.total, _pct(s.achievement_rate), _pct(s.on_track_rate)]


def _summary_sheet(ws: "Worksheet", r: Report) -> None:
    from openpyxl.styles import Font

    w = r.words
    names = [w["domain"], w["light"], *(f"{STATUS_STYLES[c].symbol} {n}" for c, n in STATUS_NAMES[r.language].items()),
             w["assessable"], w["total"], w["achievement_rate"], w["on_track_rate"]]
    _put(ws, 1, 1, r.title)
    ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    _put(ws, 2, 1, r.subtitle)
    row = 3
    if r.stand_in_notice:
        _put(ws, row, 1, r.stand_in_notice)
        ws.cell(row=row, column=1).font = Font(bold=True, color=STATUS_STYLES["at_risk"].colour)
        row += 1
    facts = [
        (w["period"], f"{r.period[0]}–{r.period[1]}"), (w["as_of"], r.as_of), (w["base_year"], r.base_year),
        (w["midterm_year"], r.midterm_year), (w["method"], r.method), (w["library_version"], r.library_version),
        (w["data_hash"], r.data["sha256"]), (w["data_coverage"], w["coverage"].format(**r.data)),
    ]
    if r.previous_as_of is not None:
        facts.append((w["previous_as_of"], r.previous_as_of))
    for label, value in facts:
        row += 1
        _row(ws, row, [label, value])
    row += 2
    _header(ws, row, names)
    _row(ws, row + 1, _summary_rows(w["plan_total"], r.plan_summary, r.plan_summary.light_text))
    for i, d in enumerate(r.domains, start=row + 2):
        _row(ws, i, _summary_rows(f"{d.number}. {d.name}", d.summary, d.summary.light_text))
    row += len(r.domains) + 3
    _header(ws, row, [w["units"], *names[1:]])
    for i, u in enumerate(r.units, start=row + 1):
        _row(ws, i, _summary_rows(u.unit, u.summary, u.summary.light_text))
    row += len(r.units) + 2
    for note in (r.method_aggregate and w["method_aggregate"].format(method=r.method) + w["colon"] + r.method_aggregate,
                 r.coverage_note):
        if note:
            _put(ws, row, 1, note)
            row += 1
    if r.changes is not None:
        _put(ws, row, 1, w["changes"])
        ws.cell(row=row, column=1).font = Font(bold=True)
        _header(ws, row + 1, [w["indicator"], w["target"], w["previous_status"], w["status"]])
        for i, c in enumerate(r.changes, start=row + 2):
            _row(ws, i, [c.indicator_name, c.target, c.before_text, c.after_text])
        if not r.changes:
            _put(ws, row + 2, 1, w["no_changes"])
    row += 2 + max(len(r.changes or []), 1) + 1
    _put(ws, row, 1, r.method_note)
    _widths(ws, [34, 14, *([11] * len(STATUS_STYLES)), 11, 9, 12, 12])


def _indicators_sheet(ws: "Worksheet", r: Report) -> None:
    w = r.words
    compare = r.changes is not None
    names = [w["domain"], w["col_goal"], w["col_indicator_id"], w["indicator"], w["col_unit"], w["target"],
             w["deadline"], w["col_interim"], w["col_status_code"], w["status"]]
    if r.method != "ontrack":
        names += [w["col_method_code"].format(method=r.method), w["method_verdict"].format(method=r.method)]
    if compare:
        names += [w["col_previous_code"], w["previous_status"], w["change"]]
    names += [w["p_meet"], w["col_latest_year"], w["latest"], w["projected"], w["col_lower"], w["col_upper"],
              w["required_pace"], w["observed_pace"], w["model"], w["reason"], w["warnings"], w["units"]]
    _header(ws, 1, names)
    row = 1
    for d in r.domains:
        for ind in d.indicators:
            for t in ind.rows:
                row += 1
                values: List[Any] = [f"{d.number}. {d.name}", ind.goal, ind.id, ind.name, ind.unit, t.text, t.deadline,
                                     t.interim, t.status, t.status_text]
                if r.method != "ontrack":
                    values += [t.method_label, t.method_text]
                if compare:
                    values += [t.previous_status, t.previous_status_text, t.changed]
                values += [_pct(t.p_meet), t.latest_year, t.latest_value, t.projected, t.projected_lower,
                           t.projected_upper, t.required_pace, t.observed_pace, t.model, t.note,
                           r.clause_separator.join(x.text for x in t.warnings), t.units_text]
                _row(ws, row, values)
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(names))
    _status_formatting(ws, "I", last, 2, row)
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{last}{max(row, 1)}"
    _widths(ws, [18, 10, 22, 30, 8, 34, 8, 7, 13, 12] + ([22, 30] if r.method != "ontrack" else [])
            + ([13, 12, 7] if compare else [])
            + [10, 8, 10, 10, 10, 10, 11, 11, 12, 40, 50, 30])


def _warnings_sheet(ws: "Worksheet", r: Report) -> None:
    w = r.words
    _header(ws, 1, [w["col_severity_code"], w["severity"], w["col_warning_code"], w["col_indicator_id"], w["target"],
                    w["col_target_index"], w["col_domain_id"], w["warnings"]])
    for i, x in enumerate(r.warnings, start=2):
        _row(ws, i, [x.severity, x.severity_text, x.code, x.indicator, x.target, x.target_index, x.domain,
                     x.text])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{max(len(r.warnings) + 1, 1)}"
    _widths(ws, [10, 8, 20, 24, 40, 8, 14, 80])


def _comparison_sheet(ws: "Worksheet", r: Report) -> None:
    """Each target's verdict under ontrack and each compared method; a disagreement is marked."""
    w = r.words
    _header(ws, 1, [w["col_key"], w["target"], "ontrack", *r.compared_methods, w["disagree"], w["why"]])
    for i, t in enumerate(r.rows, start=2):
        disagreeing = [c for c in t.compared if c.disagrees]
        _row(ws, i, [t.key, t.label, t.status_text, *(c.text for c in t.compared), bool(disagreeing),
                     r.clause_separator.join(f"{c.method}{w['colon']}{c.why}" for c in disagreeing)])
    ws.freeze_panes = "C2"
    _widths(ws, [26, 50, 14, *([24] * len(r.compared_methods)), 6, 80])


def _data_sheet(ws: "Worksheet", r: Report) -> None:
    w = r.words
    _header(ws, 1, [w["col_indicator_id"], w["indicator"], w["col_sex"], w["col_area"], w["col_region"], w["col_age"],
                    w["years"], w["value"], w["col_numerator"], w["col_denominator"], w["flag"], w["col_label"],
                    w["source"], w["vintage"]])
    names = BREAKDOWN_NAMES[r.language]
    for i, rec in enumerate(r.records, start=2):
        label, source = split_source(rec.source)
        _row(ws, i, [rec.indicator, r.indicator_names.get(rec.indicator, rec.indicator),
                     *(names.get(v, v) if v else v for v in (rec.sex, rec.area, rec.region, rec.age)),
                     rec.year, rec.value, rec.numerator, rec.denominator, rec.flag,
                     stand_in_label(label, r.language), source, rec.vintage])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:N{max(len(r.records) + 1, 1)}"
    _widths(ws, [24, 30, 8, 8, 10, 8, 7, 10, 11, 11, 10, 44, 50, 22])


def write_workbook(report: Report, path: str) -> None:
    """Writes ``report`` to ``path`` (.xlsx)."""
    from openpyxl import Workbook

    workbook = Workbook()
    w = report.words
    summary = workbook.active
    summary.title = w[SHEETS[0]]
    _summary_sheet(summary, report)
    _indicators_sheet(workbook.create_sheet(w[SHEETS[1]]), report)
    _warnings_sheet(workbook.create_sheet(w[SHEETS[2]]), report)
    _data_sheet(workbook.create_sheet(w[SHEETS[3]]), report)
    if report.compared_methods:
        _comparison_sheet(workbook.create_sheet(w[COMPARISON_SHEET]), report)
    workbook.save(path)

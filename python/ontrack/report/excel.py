"""The report as an Excel workbook: sheets Summary, Indicators, Warnings and Data used.

Numbers are stored as numbers (percentages as fractions with a percent format) so that they can
be recomputed; text is stored as text, through :mod:`ontrack.io.cells`, so that no plan
wording or data source becomes a formula.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, List, Optional, Sequence

from ..io.cells import put
from .content import Report, Summary, split_source
from .text import STATUS_NAMES, STATUS_STYLES

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is written
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["write_workbook"]

SHEETS = ("Summary", "Indicators", "Warnings", "Data used")
_PERCENT = "0%"
_HEADER_FILL = "1F2933"


class Percent(float):
    """A fraction shown as a percentage."""


def _put(ws: "Worksheet", row: int, column: int, value: Any) -> None:
    cell = ws.cell(row=row, column=column)
    if isinstance(value, Percent):
        cell.value = float(value)
        cell.number_format = _PERCENT
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
    _row(ws, row + 1, _summary_rows(r.plan_id, r.plan_summary, w["light_" + r.plan_summary.light]))
    for i, d in enumerate(r.domains, start=row + 2):
        _row(ws, i, _summary_rows(f"{d.number}. {d.name}", d.summary, w["light_" + d.summary.light]))
    row += len(r.domains) + 3
    _header(ws, row, [w["units"], *names[1:]])
    for i, u in enumerate(r.units, start=row + 1):
        _row(ws, i, _summary_rows(u.unit, u.summary, w["light_" + u.summary.light]))
    row += len(r.units) + 2
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
    names = [w["domain"], "goal", "indicator", w["indicator"], "unit", w["target"], w["deadline"], "interim",
             "status", w["status"]]
    if compare:
        names += ["previous_status", w["previous_status"], w["change"]]
    names += [w["p_meet"], "latest_year", w["latest"], w["projected"], "lower_95", "upper_95", w["required_pace"],
              w["observed_pace"], w["model"], w["reason"], w["warnings"], w["units"]]
    _header(ws, 1, names)
    row = 1
    for d in r.domains:
        for ind in d.indicators:
            for t in ind.rows:
                row += 1
                values: List[Any] = [f"{d.number}. {d.name}", ind.goal, ind.id, ind.name, ind.unit, t.text, t.deadline,
                                     t.interim, t.status, t.status_text]
                if compare:
                    values += [t.previous_status, t.previous_status_text, t.changed]
                values += [_pct(t.p_meet), t.latest_year, t.latest_value, t.projected, t.projected_lower,
                           t.projected_upper, t.required_pace, t.observed_pace, t.model, t.note,
                           "；".join(x.text for x in t.warnings), "、".join(t.units)]
                _row(ws, row, values)
    from openpyxl.utils import get_column_letter

    last = get_column_letter(len(names))
    _status_formatting(ws, "I", last, 2, row)
    ws.freeze_panes = "E2"
    ws.auto_filter.ref = f"A1:{last}{max(row, 1)}"
    _widths(ws, [18, 10, 22, 30, 8, 34, 8, 7, 13, 12] + ([13, 12, 7] if compare else [])
            + [10, 8, 10, 10, 10, 10, 11, 11, 12, 40, 50, 30])


def _warnings_sheet(ws: "Worksheet", r: Report) -> None:
    w = r.words
    _header(ws, 1, ["severity", w["severity"], "code", "indicator", w["indicator"], "target_index", "domain",
                    w["warnings"]])
    for i, x in enumerate(r.warnings, start=2):
        _row(ws, i, [x.severity, x.severity_text, x.code, x.indicator, x.indicator_name, x.target_index, x.domain,
                     x.text])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:H{max(len(r.warnings) + 1, 1)}"
    _widths(ws, [10, 8, 20, 24, 30, 8, 14, 80])


def _data_sheet(ws: "Worksheet", r: Report) -> None:
    w = r.words
    _header(ws, 1, ["indicator", w["indicator"], "sex", "area", "region", "age", "year", w["value"], "numerator",
                    "denominator", "flag", "label", w["source"], w["vintage"]])
    for i, rec in enumerate(r.records, start=2):
        label, source = split_source(rec.source)
        _row(ws, i, [rec.indicator, r.indicator_names.get(rec.indicator, rec.indicator), rec.sex, rec.area,
                     rec.region, rec.age, rec.year, rec.value, rec.numerator, rec.denominator, rec.flag, label,
                     source, rec.vintage])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:N{max(len(r.records) + 1, 1)}"
    _widths(ws, [24, 30, 8, 8, 10, 8, 7, 10, 11, 11, 10, 44, 50, 22])


def write_workbook(report: Report, path: str) -> None:
    """Writes ``report`` to ``path`` (.xlsx)."""
    from openpyxl import Workbook

    workbook = Workbook()
    summary = workbook.active
    summary.title = SHEETS[0]
    _summary_sheet(summary, report)
    _indicators_sheet(workbook.create_sheet(SHEETS[1]), report)
    _warnings_sheet(workbook.create_sheet(SHEETS[2]), report)
    _data_sheet(workbook.create_sheet(SHEETS[3]), report)
    workbook.save(path)

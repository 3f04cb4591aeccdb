"""Excel collection templates: each responsible unit fills in its indicators, year by year.

In the plan's monitoring chapter every responsible unit (责任单位) reports its indicators to the
statistics bureau each year. :func:`write_template` makes the workbook a unit fills in: an
instructions sheet in Chinese, then one sheet per unit listing the unit's indicators with their
names, units, definitions and targets, one column per year. :func:`read_template` reads a filled
workbook back, checking every cell, and reports every problem at once.

A unit sheet, row by row: 1 title; 2 the unit (C2) and the plan id (G2); 3 a note; 4 the header;
5 onwards one row per indicator and breakdown. Column A holds the indicator id and the hidden
column B the breakdown code (``sex=female``); both are locked, like every cell but the year
cells and the source column. A very hidden sheet ``_ontrack`` records the plan and which sheet
belongs to which unit, so a sheet copied from another unit's template is recognised.
"""

from __future__ import annotations

import datetime
import math
import os
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple

from .._core import FileError, Indicator, InvalidInputError, Plan, Scale, Target
from ..describe import describe_target, format_number
from ..observations import (
    AREAS,
    SEXES,
    ImportValidationError,
    Location,
    ObservationRecord,
    Observations,
    Problem,
)
from .cells import put
from .tables import (
    CellError,
    PathLike,
    parse_number,
    parse_text,
    parse_year,
    replacing,
    uncached_formulas,
)

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "INSTRUCTIONS_SHEET",
    "Submission",
    "read_template",
    "responsible_units",
    "unit_indicators",
    "write_template",
]

TEMPLATE_FORMAT = "ontrack.collection-template"
TEMPLATE_VERSION = 1
INSTRUCTIONS_SHEET = "填报说明"
META_SHEET = "_ontrack"

TITLE_ROW, UNIT_ROW, NOTE_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3, 4, 5
UNIT_CELL, PLAN_CELL = "C2", "G2"
FIXED_HEADERS = ("指标代码", "分组代码", "指标名称", "分组", "计量单位", "指标定义", "规划目标")
FIRST_YEAR_COLUMN = len(FIXED_HEADERS) + 1
SOURCE_HEADER = "数据来源"
COLUMN_WIDTHS = {"A": 26, "C": 34, "D": 8, "E": 14, "F": 40, "G": 44}
YEAR_WIDTH, SOURCE_WIDTH = 11, 28

# The breakdowns a template asks for: the total, and each code of the plan's sex and area
# breakdowns. Regions and ages have no fixed codes, so they are collected as tidy tables.
_BREAKDOWNS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (("sex", SEXES), ("area", AREAS))
_BREAKDOWN_LABELS = {
    "": "合计",
    "sex=female": "女性",
    "sex=male": "男性",
    "area=urban": "城镇",
    "area=rural": "农村",
}

_HEADER_FILL, _INPUT_FILL = "D9D9D9", "FFF2CC"
_INSTRUCTIONS = (
    "本工作簿用于向统计局报送《{title}》监测指标数据。每个责任单位一个工作表，工作表名称即单位名称。",
    "请只在黄色单元格中填写：各年度数值，以及“数据来源”（如统计年报、业务统计、抽样调查）。其他单元格已锁定。",
    "每个单元格只填一个数字，不要填写计量单位或文字说明。",
    "百分比指标（计量单位为 %）填写百分数的数值，例如 12.5 表示 12.5%；直接输入 12.5% 也可以。",
    "可以使用千位分隔符（如 1,234），全角数字（如 １２．５）也能识别。"
    "小数点用“.”，逗号只用于千位分隔。",
    "没有数据的单元格请保持空白：空白表示“无数据”，不会当作 0。数值确实为 0 时请填写 0。",
    "“分组”为“女性/男性”或“城镇/农村”的行填写该组的数值，“合计”行填写总体数值。",
    "请不要修改、插入或删除行和列，不要修改工作表名称，也不要把其他单位的工作表复制到本工作簿。",
    "导入时逐格检查。发现问题时会列出全部问题（工作表、行号、列号和原因），整份文件都不会导入；改正后重新报送即可。",
    "数据修订：重新报送修改后的文件即可。以前报送的数据会保留，并可按报送时间查询。",
)


@dataclass(frozen=True)
class Submission:
    """A filled template as read: its plan, the units whose sheets held values, the values."""

    plan_id: str
    units: List[str]
    observations: Observations


def responsible_units(plan: Plan) -> List[str]:
    """The units responsible for at least one indicator, in plan order."""
    units: Dict[str, None] = {}
    for indicator in plan.indicators():
        for unit in plan.responsible_units_of(plan.goal_of(indicator.id)):
            units.setdefault(unit)
    return list(units)


def unit_indicators(plan: Plan, unit: str) -> List[Indicator]:
    """The indicators of the goals the unit is responsible for (a goal inherits its domain's
    units)."""
    return [i for i in plan.indicators() if unit in plan.responsible_units_of(plan.goal_of(i.id))]


def _breakdown_codes(indicator: Indicator) -> List[str]:
    codes = [""]
    for dimension, values in _BREAKDOWNS:
        if dimension in indicator.disaggregations:
            codes.extend(f"{dimension}={value}" for value in values)
    return codes


def _target_text(target: Target, indicator: Indicator) -> str:
    described = describe_target(target, indicator)
    return f"{target.text}（{described}）" if target.text else described


def _sheet_name(unit: str, taken: Iterable[str]) -> str:
    """Excel sheet names have at most 31 characters and none of []:*?/\\."""
    name = "".join("_" if c in "[]:*?/\\" else c for c in unit)[:31]
    base, number = name, 2
    while name in taken or name in (INSTRUCTIONS_SHEET, META_SHEET):
        suffix = f" ({number})"
        name, number = base[: 31 - len(suffix)] + suffix, number + 1
    return name


# -- writing -------------------------------------------------------------------------------


def write_template(
    plan: Plan, path: PathLike, units: Sequence[str], years: Optional[Sequence[int]] = None
) -> None:
    """Writes a collection workbook with one sheet per unit in ``units``.

    ``years`` are the columns to fill (default: the plan's base year to its last year). Cells
    accept numbers only, within the indicator's natural bounds (0–100 for a percentage); all
    other cells are protected.
    """
    from openpyxl import Workbook

    if not os.fspath(path).lower().endswith(".xlsx"):
        raise InvalidInputError(
            f"{os.fspath(path)}: a collection template is an Excel workbook: "
            "give a file name ending in .xlsx"
        )
    known = responsible_units(plan)
    unknown = [u for u in units if u not in known]
    if unknown:
        raise InvalidInputError(
            f"no indicator of plan {plan.id} is the responsibility of {'、'.join(unknown)} "
            f"(units with indicators: {'、'.join(known)})"
        )
    if not units:
        raise InvalidInputError("a template needs at least one unit")
    years = list(years) if years is not None else list(range(plan.base_year, plan.period_end + 1))
    outside = [y for y in years if not plan.base_year <= y <= plan.period_end]
    if not years or outside:
        raise InvalidInputError(
            f"template years must lie within the plan's years {plan.base_year}–{plan.period_end}"
            + (f"; {outside[0]} does not" if outside else "")
        )

    workbook = Workbook()
    _write_instructions(workbook.active, plan, years)
    sheets: Dict[str, str] = {}
    for unit in dict.fromkeys(units):  # each unit once, in the order given
        sheet = workbook.create_sheet(_sheet_name(unit, sheets))
        sheets[sheet.title] = unit
        _write_unit_sheet(sheet, plan, unit, years)
    _write_meta(workbook.create_sheet(META_SHEET), plan, sheets)
    with replacing(path) as temporary:
        workbook.save(temporary)


def _write_instructions(sheet: "Worksheet", plan: Plan, years: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font

    sheet.title = INSTRUCTIONS_SHEET
    sheet["A1"] = "填报说明"
    sheet["A1"].font = Font(bold=True, size=14)
    title = plan.title.in_language("zh")
    rows = [
        ("规划", title),
        ("规划编号", plan.id),
        ("填报年度", f"{years[0]}—{years[-1]}"),
        ("生成时间", datetime.date.today().isoformat()),
    ]
    for offset, (label, value) in enumerate(rows, start=3):
        _cell(sheet, offset, 1, label).font = Font(bold=True)
        _cell(sheet, offset, 2, value)
    first = len(rows) + 4
    for number, text in enumerate(_INSTRUCTIONS, start=1):
        sheet.cell(first + number - 1, 1, f"{number}.")
        cell = _cell(sheet, first + number - 1, 2, text.format(title=title))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 90
    _fit_to_page_width(sheet)
    sheet.protection.sheet = True


def _write_unit_sheet(sheet: "Worksheet", plan: Plan, unit: str, years: Sequence[int]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter

    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    input_fill = PatternFill("solid", fgColor=_INPUT_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    source_column = FIRST_YEAR_COLUMN + len(years)
    last_letter = get_column_letter(source_column)

    _cell(sheet, TITLE_ROW, 1, f"{plan.title.in_language('zh')} 监测数据填报表").font = Font(
        bold=True, size=14
    )
    sheet["A2"], sheet["F2"] = "填报单位", "规划编号"
    put(sheet[UNIT_CELL], unit)
    put(sheet[PLAN_CELL], plan.id)
    sheet[UNIT_CELL].font = Font(bold=True)
    sheet["A3"] = "请在黄色单元格中填写各年度数值；空白表示无数据（不是 0）。详见“填报说明”。"
    headers = [*FIXED_HEADERS, *years, SOURCE_HEADER]
    for column, text in enumerate(headers, start=1):
        cell = _cell(sheet, HEADER_ROW, column, text)
        cell.font, cell.fill, cell.alignment = Font(bold=True), header_fill, wrap

    validations: Dict[Tuple[float, float, bool], List[str]] = {}
    row = FIRST_DATA_ROW
    for indicator in unit_indicators(plan, unit):
        targets = "\n".join(_target_text(t, indicator) for t in indicator.targets)
        for code in _breakdown_codes(indicator):
            texts = (
                indicator.id,
                code,
                indicator.name.in_language("zh"),
                _BREAKDOWN_LABELS[code],
                indicator.unit,
                indicator.definition.in_language("zh"),
                targets,
            )
            for column, text in enumerate(texts, start=1):
                _cell(sheet, row, column, text).alignment = wrap
            sheet.row_dimensions[row].height = _wrapped_height(zip(texts[2:], "CDEFG"))
            for column in range(FIRST_YEAR_COLUMN, source_column + 1):
                cell = sheet.cell(row, column)
                cell.fill, cell.protection = input_fill, Protection(locked=False)
            bounds = indicator.bounds
            key = (bounds.lower, bounds.upper, indicator.scale == Scale.binary)
            validations.setdefault(key, []).append(
                f"{get_column_letter(FIRST_YEAR_COLUMN)}{row}:"
                f"{get_column_letter(source_column - 1)}{row}"
            )
            row += 1
    for (lower, upper, whole), ranges in validations.items():
        validation = _number_validation(lower, upper, whole)
        sheet.add_data_validation(validation)
        for cells in ranges:
            validation.add(cells)

    for letter, width in COLUMN_WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    for column in range(FIRST_YEAR_COLUMN, source_column):
        sheet.column_dimensions[get_column_letter(column)].width = YEAR_WIDTH
    sheet.column_dimensions[last_letter].width = SOURCE_WIDTH
    sheet.column_dimensions["B"].hidden = True
    sheet.freeze_panes = sheet.cell(FIRST_DATA_ROW, FIRST_YEAR_COLUMN)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _fit_to_page_width(sheet)
    # Locked cells stay locked, but a unit may still widen columns and rows to read them.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


def _cell(sheet: "Worksheet", row: int, column: int, value: Any) -> "Cell":
    """The cell, with ``value`` written through the shared cell writer (never a formula)."""
    cell = sheet.cell(row, column)
    put(cell, value)
    return cell


def _wrapped_height(cells: Iterable[Tuple[str, str]]) -> float:
    """A row height (points) showing every line of the wrapped texts in these columns: not
    every spreadsheet program fits rows to wrapped text by itself. A Chinese character is two
    columns of width wide."""
    lines = 1
    for text, letter in cells:
        width = COLUMN_WIDTHS[letter] - 2  # the cell's own margins
        wrapped = sum(
            max(
                1,
                math.ceil(
                    sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) / width
                ),
            )
            for line in text.split("\n")
        )
        lines = max(lines, wrapped)
    return 15.0 * lines


def _fit_to_page_width(sheet: "Worksheet") -> None:
    """Printed, a sheet is one landscape page wide, however many pages long."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _number_validation(lower: float, upper: float, whole: bool) -> "DataValidation":
    """Excel's own check while typing: numbers only, within the bounds; blank allowed."""
    from openpyxl.worksheet.datavalidation import DataValidation

    kind = "whole" if whole else "decimal"
    if lower > float("-inf") and upper < float("inf"):
        validation = DataValidation(
            kind, operator="between", formula1=format_number(lower), formula2=format_number(upper)
        )
        rule = f"{format_number(lower)}到{format_number(upper)}之间的{'整数' if whole else '数字'}"
    elif lower > float("-inf"):
        validation = DataValidation(
            kind, operator="greaterThanOrEqual", formula1=format_number(lower)
        )
        rule = f"不小于{format_number(lower)}的数字"
    elif upper < float("inf"):
        validation = DataValidation(kind, operator="lessThanOrEqual", formula1=format_number(upper))
        rule = f"不大于{format_number(upper)}的数字"
    else:
        validation = DataValidation(kind, operator="between", formula1="-1E+300", formula2="1E+300")
        rule = "数字"
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = "数值有误"
    validation.error = f"请填写{rule}。没有数据请留空，不要填0。"
    return validation


def _write_meta(sheet: "Worksheet", plan: Plan, sheets: Dict[str, str]) -> None:
    rows: List[Tuple[str, ...]] = [
        ("format", TEMPLATE_FORMAT),
        ("version", str(TEMPLATE_VERSION)),
        ("plan", plan.id),
    ]
    rows.extend(("sheet", name, unit) for name, unit in sheets.items())
    for number, row in enumerate(rows, start=1):
        for column, text in enumerate(row, start=1):
            _cell(sheet, number, column, text)
    sheet.sheet_state = "veryHidden"
    sheet.protection.sheet = True


# -- reading -------------------------------------------------------------------------------


def read_template(path: PathLike, plan: Plan, *, unit: Optional[str] = None) -> Submission:
    """Reads a filled collection workbook; every value checked against ``plan``.

    With ``unit``, every sheet must be that unit's. Cells: numbers; text numbers as accepted by
    :func:`ontrack.io.tables.parse_number` (``１２．５``, ``1,234``); ``12.5%`` (or a cell Excel
    shows as a percentage) in a percentage indicator's row; blank is missing. Raises
    :class:`ImportValidationError` with every problem, each naming the sheet, row and column.
    """
    name = os.fspath(path)
    workbook = _open_workbook(name)
    sheets = _template_sheets(workbook, name, plan)
    problems: List[Problem] = []
    records: List[ObservationRecord] = []
    units: Dict[str, None] = {}
    for sheet in workbook.worksheets:
        if sheet.title in (META_SHEET, INSTRUCTIONS_SHEET) or not _is_unit_sheet(sheet):
            continue  # a sheet a unit added for its own notes is none of our business
        where = Location(name, sheet.title)
        try:
            sheet_unit = parse_text(sheet[UNIT_CELL].value)
        except CellError as error:
            problems.append(Problem(f"{UNIT_CELL}: {error}", where))
            continue
        made_for = sheets.get(sheet.title)
        if made_for is None:
            problems.append(
                Problem(
                    f"sheet {sheet.title!r} ({sheet_unit}) is not part of this template; was it "
                    "copied from another workbook?",
                    where,
                )
            )
        elif sheet_unit != made_for:
            problems.append(
                Problem(
                    f"the unit in {UNIT_CELL} is {sheet_unit!r}, "
                    f"but this sheet was made for {made_for}",
                    where,
                )
            )
        elif unit is not None and sheet_unit != unit:
            problems.append(
                Problem(
                    f"this is {sheet_unit}'s sheet, from {sheet_unit}'s template, not {unit}'s",
                    where,
                )
            )
        else:
            sheet_records = _read_unit_sheet(sheet, name, plan, sheet_unit, problems)
            if sheet_records:
                units.setdefault(sheet_unit)
            records.extend(sheet_records)
    problems.extend(uncached_formulas(name, sheets))
    observations = Observations(_drop_agreeing_repeats(records))
    problems.extend(observations.problems(plan))
    if problems:
        raise ImportValidationError(problems, "nothing read")
    return Submission(plan.id, list(units), observations)


def _open_workbook(name: str) -> "Workbook":
    from openpyxl import load_workbook

    try:
        # Formulas are read as the values the spreadsheet program last computed.
        return load_workbook(name, data_only=True)
    except (FileNotFoundError, PermissionError, IsADirectoryError) as error:
        raise FileError(f"{name}: cannot read: {error.strerror}") from error
    except Exception as error:  # a damaged workbook surfaces as zip, XML or key errors
        raise ImportValidationError(
            [
                Problem(
                    f"not a readable Excel workbook ({type(error).__name__}: {error})",
                    Location(name),
                )
            ],
            "nothing read",
        ) from error


def _template_sheets(workbook: "Workbook", name: str, plan: Plan) -> Dict[str, str]:
    """The template's sheet → unit table, from its ``_ontrack`` sheet; checks that the workbook
    is a template of this plan."""
    where = Location(name)
    if META_SHEET not in workbook.sheetnames:
        raise ImportValidationError(
            [
                Problem(
                    "not an ontrack collection template (it has no _ontrack sheet); make "
                    "one with `ontrack template`",
                    where,
                )
            ],
            "nothing read",
        )
    meta: Dict[str, str] = {}
    sheets: Dict[str, str] = {}
    for number, row in enumerate(workbook[META_SHEET].iter_rows(values_only=True), start=1):
        try:
            key, *values = [parse_text(v) for v in row]
        except CellError as error:
            raise ImportValidationError(
                [Problem(f"row {number}: {error}", Location(name, META_SHEET))], "nothing read"
            ) from None
        if key == "sheet" and len(values) >= 2:
            sheets[values[0]] = values[1]
        elif key and values:
            meta[key] = values[0]
    if meta.get("format") != TEMPLATE_FORMAT or meta.get("version") != str(TEMPLATE_VERSION):
        message = f"not an ontrack collection template of version {TEMPLATE_VERSION}"
    elif meta.get("plan") != plan.id:
        message = f"this template is for plan {meta.get('plan')!r}, not {plan.id!r}"
    else:
        return sheets
    raise ImportValidationError([Problem(message, where)], "nothing read")


def _is_unit_sheet(sheet: "Worksheet") -> bool:
    return tuple(sheet.cell(HEADER_ROW, c).value for c in (1, 2)) == FIXED_HEADERS[:2]


def _year_columns(sheet: "Worksheet", where: Location, problems: List[Problem]) -> Dict[int, int]:
    """Column number → year, from the header row, up to the source column."""
    from openpyxl.utils import get_column_letter

    years: Dict[int, int] = {}
    for column in range(FIRST_YEAR_COLUMN, sheet.max_column + 1):
        text = sheet.cell(HEADER_ROW, column).value
        if text == SOURCE_HEADER or text is None:
            break
        try:
            year = parse_year(text)
        except CellError:
            year = None
        if year is None:
            problems.append(
                Problem(
                    f"header {text!r} is not a year: was the header row edited?",
                    Location(where.file, where.sheet, HEADER_ROW, get_column_letter(column)),
                )
            )
            continue
        years[column] = year
    return years


def _read_unit_sheet(
    sheet: "Worksheet", name: str, plan: Plan, unit: str, problems: List[Problem]
) -> List[ObservationRecord]:
    from openpyxl.utils import get_column_letter

    years = _year_columns(sheet, Location(name, sheet.title), problems)
    source_column = max(years, default=FIRST_YEAR_COLUMN - 1) + 1
    indicators = {i.id: i for i in plan.indicators()}
    own = {i.id for i in unit_indicators(plan, unit)}
    records = []
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        try:
            indicator_id, code, source = (
                parse_text(sheet.cell(row, column).value) for column in (1, 2, source_column)
            )
        except CellError as error:
            problems.append(Problem(str(error), Location(name, sheet.title, row)))
            continue
        if not indicator_id:
            continue
        at = Location(name, sheet.title, row, "A")
        indicator = indicators.get(indicator_id)
        if indicator is None:
            problems.append(
                Problem(
                    f"unknown indicator {indicator_id!r}: plan {plan.id} has no such indicator", at
                )
            )
            continue
        if indicator_id not in own:
            owners = "、".join(plan.responsible_units_of(plan.goal_of(indicator_id)))
            problems.append(
                Problem(
                    f"{indicator_id} is not {unit}'s indicator (it is reported by {owners})", at
                )
            )
            continue
        if code not in _breakdown_codes(indicator):
            problems.append(
                Problem(
                    f"{indicator_id}: breakdown code {code!r} is not one of the template's",
                    Location(name, sheet.title, row, "B"),
                )
            )
            continue
        breakdown: Dict[str, Any] = dict([code.split("=", 1)]) if code else {}  # e.g. sex="female"
        for column, year in years.items():
            at = Location(name, sheet.title, row, get_column_letter(column))
            try:
                value = _cell_number(sheet.cell(row, column), indicator)
            except CellError as error:
                problems.append(Problem(f"{indicator_id} {year}: {error}", at))
                continue
            if value is not None:
                records.append(
                    ObservationRecord(
                        indicator_id, year, value, source=source, origin=at, **breakdown
                    )
                )
    return records


def _cell_number(cell: "Cell", indicator: Indicator) -> Optional[float]:
    percent = indicator.scale == Scale.percent
    value = cell.value
    if (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and "%" in str(cell.number_format)
    ):
        # Typing "12.5%" makes Excel store 0.125 and show it as a percentage.
        if not percent:
            raise CellError(
                f"{value:.6g} is shown as a percentage, "
                f"but {indicator.id} is measured in {indicator.unit}"
            )
        # Round away the binary noise of the scaling (0.123 * 100 = 12.299999999999999).
        return float(f"{value * 100:.12g}")
    return parse_number(value, percent_sign=percent)


def _drop_agreeing_repeats(records: List[ObservationRecord]) -> List[ObservationRecord]:
    """An indicator shared by several units appears on each unit's sheet; where they report the
    same value, keep it once (different values are left for the duplicate check to report)."""
    first: Dict[object, ObservationRecord] = {}
    kept = []
    for record in records:
        earlier = first.setdefault(record.key, record)
        if (
            earlier is not record
            and earlier.value == record.value
            and earlier.origin.sheet != record.origin.sheet
        ):
            continue
        kept.append(record)
    return kept

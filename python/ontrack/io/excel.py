"""Excel collection templates: each responsible unit fills in its indicators, year by year.

In the plan's monitoring chapter every responsible unit (责任单位) reports its indicators to the
statistics bureau each year. :func:`write_template` makes the workbook a unit fills in, in one
language (zh or en): an instructions sheet, one sheet per unit listing the unit's indicators
with their names, units, definitions and targets, one column per year, and a milestone sheet.
:func:`read_template` reads a filled workbook back, checking every cell, and reports every
problem at once.

A unit sheet, row by row: 1 title; 2 the unit (C2) and the plan id (G2); 3 a note; 4 the header;
5 onwards, per indicator, a value row per breakdown, each followed by numerator and denominator
rows when the plan collects the indicator with its counts, then one flag row. Column A holds the
indicator id and the hidden column B the row code (``sex=female``, ``numerator;sex=female``,
``flag``); both are locked, like every cell but the year cells and the source column. The
milestone sheet has one row per milestone: status, date, evidence, reporting unit. A very hidden
sheet ``_ontrack`` records the plan, the language and which sheet belongs to which unit, so a
sheet copied from another unit's template is recognised. Every cell is written by :func:`_put`.
"""
from __future__ import annotations

import datetime
import math
import os
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple

from .._core import FileError, Indicator, InvalidInputError, Plan, Scale, Target, Text
from ..describe import describe_target, format_number
from ..observations import (
    AREAS,
    SEXES,
    ImportValidationError,
    Location,
    ObservationRecord,
    Observations,
    Problem,
    sort_problems,
    unknown_indicator,
)
from ..messages import Choices, Message, Quoted
from ..milestones import STATUSES, MilestoneProgress, milestone_targets
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
from .template_text import FLAG_LABELS, LANGUAGES, TEXTS, flag_code

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation
    from openpyxl.worksheet.worksheet import Worksheet

__all__ = [
    "INSTRUCTIONS_SHEET",
    "Submission",
    "read_template",
    "write_template",
]

TEMPLATE_FORMAT = "ontrack.collection-template"
TEMPLATE_VERSION = 2
READABLE_VERSIONS = ("1", "2")  # version 1: no count, flag or milestone rows
INSTRUCTIONS_SHEET = TEXTS["zh"].instructions_sheet
META_SHEET = "_ontrack"

TITLE_ROW, UNIT_ROW, NOTE_ROW, HEADER_ROW, FIRST_DATA_ROW = 1, 2, 3, 4, 5
UNIT_CELL, PLAN_CELL = "C2", "G2"
FIXED_HEADERS: Tuple[str, ...] = TEXTS["zh"].headers
FIRST_YEAR_COLUMN = len(FIXED_HEADERS) + 1
COLUMN_WIDTHS = {"A": 26, "C": 34, "D": 8, "E": 14, "F": 40, "G": 44}
YEAR_WIDTH, SOURCE_WIDTH = 11, 28
MILESTONE_WIDTHS = {"A": 26, "B": 6, "C": 44, "D": 10, "E": 12, "F": 12, "G": 50, "H": 16}

# The breakdowns a template asks for: the total, and each code of the plan's sex and area
# breakdowns. Regions and ages have no fixed codes, so they are collected as tidy tables.
_BREAKDOWNS: Tuple[Tuple[str, Tuple[str, ...]], ...] = (("sex", SEXES), ("area", AREAS))
# Row kinds beside a value row (column B: "numerator", "numerator;sex=female", "flag").
_COUNT_KINDS = ("numerator", "denominator")
_FLAG_KIND = "flag"

_HEADER_FILL, _INPUT_FILL = "D9D9D9", "FFF2CC"


@dataclass(frozen=True)
class Submission:
    """A filled template as read: its plan, the units whose sheets held values, the values,
    and which unit each sheet belongs to (by sheet name)."""

    plan_id: str
    units: List[str]
    observations: Observations
    sheet_units: Dict[str, str]
    milestones: List[MilestoneProgress]


def _unit_key(plan: Plan, written: str) -> str:
    """The key of the unit a cell names in either language (an English template shows English
    names); the text itself when the plan has no such unit, for the reader's messages."""
    return plan.find_unit(written) or written


def _breakdown_codes(indicator: Indicator) -> List[str]:
    codes = [""]
    for dimension, values in _BREAKDOWNS:
        if dimension in indicator.disaggregations:
            codes.extend(f"{dimension}={value}" for value in values)
    return codes


def _target_text(target: Target, indicator: Indicator, language: str) -> str:
    """The plan's own wording in a Chinese template; its exact reading in an English one."""
    if language == "zh":
        return target.text or target.description.zh
    return describe_target(target, indicator)


def _text(text: Text, language: str) -> str:
    """A plan text in the template's language only: a missing translation stays blank rather
    than mixing languages."""
    return text.zh if language == "zh" else text.en


def _put(sheet: "Worksheet", row: int, column: int, value: object = None) -> "Cell":
    """Every cell a template writes goes through here, and so through the shared cell writer:
    plan text never becomes a formula or a control character."""
    cell = sheet.cell(row, column)
    put(cell, value)
    return cell


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
    plan: Plan,
    path: PathLike,
    units: Sequence[str],
    years: Optional[Sequence[int]] = None,
    *,
    language: str = "zh",
) -> None:
    """Writes a collection workbook with one sheet per unit in ``units`` (each by its key or
    its name in either language), in ``language`` (``zh`` or ``en``) throughout: an English
    template names the units in English where the plan gives English names.

    ``years`` are the columns to fill (default: the plan's base year to its last year; any
    year from the plan's earliest history year may be asked for). Each indicator has a value
    row per breakdown, a numerator and a denominator row where the plan collects it with its
    counts, and a flag row; a milestone sheet collects the progress of the units' milestones.
    Cells accept numbers only, within the indicator's natural bounds; all other cells are
    protected.
    """
    from openpyxl import Workbook

    if language not in LANGUAGES:
        raise InvalidInputError(f"template language {language!r}: choose zh or en")
    if not os.fspath(path).lower().endswith(".xlsx"):
        raise InvalidInputError(
            f"{os.fspath(path)}: a collection template is an Excel workbook: "
            "give a file name ending in .xlsx"
        )
    known = plan.responsible_units()
    units = [_unit_key(plan, u) for u in units]
    unknown = [u for u in units if u not in known]
    if unknown:
        raise InvalidInputError(
            f"no indicator of plan {plan.id} is the responsibility of {'、'.join(unknown)} "
            f"(units with indicators: {'、'.join(known)})"
        )
    if not units:
        raise InvalidInputError("a template needs at least one unit")
    years = list(years) if years is not None else list(range(plan.base_year, plan.period_end + 1))
    first = plan.earliest_history_year
    outside = [y for y in years if not first <= y <= plan.period_end]
    if not years or outside:
        raise InvalidInputError(
            f"template years must lie within {first}–{plan.period_end} (the plan's earliest "
            "history year to its last year)" + (f"; {outside[0]} does not" if outside else "")
        )

    words = TEXTS[language]
    workbook = Workbook()
    _write_instructions(workbook.active, plan, years, language)
    sheets: Dict[str, str] = {}
    reserved = (words.instructions_sheet, words.milestone_sheet, META_SHEET)
    for unit in dict.fromkeys(units):  # each unit once, in the order given
        shown = plan.unit_name(unit).in_language(language)
        sheet = workbook.create_sheet(_sheet_name(shown, [*sheets, *reserved]))
        sheets[sheet.title] = unit
        _write_unit_sheet(sheet, plan, unit, years, language)
    milestones = workbook.create_sheet(words.milestone_sheet)
    _write_milestone_sheet(milestones, plan, list(sheets.values()), language)
    _write_meta(workbook.create_sheet(META_SHEET), plan, sheets, language)
    with replacing(path) as temporary:
        workbook.save(temporary)


def _write_instructions(sheet: "Worksheet", plan: Plan, years: Sequence[int], language: str) -> None:
    from openpyxl.styles import Alignment, Font

    words = TEXTS[language]
    sheet.title = words.instructions_sheet
    _put(sheet, 1, 1, words.instructions_title).font = Font(bold=True, size=14)
    title = _text(plan.title, language) or plan.id
    rows = [
        (words.plan, title),
        (words.plan_id, plan.id),
        (words.years, f"{years[0]}—{years[-1]}"),
        (words.generated, datetime.date.today().isoformat()),
    ]
    for offset, (label, value) in enumerate(rows, start=3):
        _put(sheet, offset, 1, label).font = Font(bold=True)
        _put(sheet, offset, 2, value)
    first = len(rows) + 4
    for number, text in enumerate(words.instructions, start=1):
        _put(sheet, first + number - 1, 1, f"{number}.")
        cell = _put(sheet, first + number - 1, 2, text.format(title=title))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 10
    sheet.column_dimensions["B"].width = 90
    _fit_to_page_width(sheet)
    sheet.protection.sheet = True


def _row_texts(
    indicator: Indicator, code: str, targets: str, language: str
) -> Tuple[Tuple[str, ...], bool]:
    """The fixed cells of one row (by its column-B code) and whether it holds counts."""
    words = TEXTS[language]
    kind, breakdown = _parse_code(code)
    labels: Dict[str, str] = words.breakdowns
    name = _text(indicator.name, language)
    if kind in _COUNT_KINDS and indicator.counts is not None:
        counted = _text(getattr(indicator.counts, kind), language)
        label = (words.numerator if kind == "numerator" else words.denominator).format(name=counted)
        return (indicator.id, code, label, labels[breakdown], words.count_unit, "", ""), True
    if kind == _FLAG_KIND:
        flags = "/".join(FLAG_LABELS[language].values())
        return (indicator.id, code, words.flag_row.format(labels=flags), "", "", "", ""), False
    definition = _text(indicator.definition, language)
    return (indicator.id, code, name, labels[breakdown], indicator.unit, definition, targets), False


def _parse_code(code: str) -> Tuple[str, str]:
    """A row's kind ("value", "numerator", "denominator", "flag") and breakdown code."""
    kind, _, breakdown = code.partition(";")
    if kind in (*_COUNT_KINDS, _FLAG_KIND):
        return kind, breakdown
    return "value", code


def _row_codes(indicator: Indicator) -> List[str]:
    """Column-B codes of an indicator's rows, in order: each breakdown's value row followed by
    its count rows (when the plan collects counts), then one flag row."""
    codes = []
    for breakdown in _breakdown_codes(indicator):
        codes.append(breakdown)
        if indicator.counts is not None:
            codes.extend(f"{kind};{breakdown}" if breakdown else kind for kind in _COUNT_KINDS)
    codes.append(_FLAG_KIND)
    return codes


def _write_unit_sheet(
    sheet: "Worksheet", plan: Plan, unit: str, years: Sequence[int], language: str
) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    words = TEXTS[language]
    header_fill = PatternFill("solid", fgColor=_HEADER_FILL)
    input_fill = PatternFill("solid", fgColor=_INPUT_FILL)
    wrap = Alignment(wrap_text=True, vertical="top")
    source_column = FIRST_YEAR_COLUMN + len(years)
    last_letter = get_column_letter(source_column)

    title = _text(plan.title, language) or plan.id
    _put(sheet, TITLE_ROW, 1, words.sheet_title.format(title=title)).font = Font(
        bold=True, size=14
    )
    _put(sheet, UNIT_ROW, 1, words.unit_label)
    _put(sheet, UNIT_ROW, 3, plan.unit_name(unit).in_language(language)).font = Font(bold=True)
    _put(sheet, UNIT_ROW, 6, words.plan_id)
    _put(sheet, UNIT_ROW, 7, plan.id)
    _put(sheet, NOTE_ROW, 1, words.note)
    headers = [*words.headers, *years, words.source]
    for column, text in enumerate(headers, start=1):
        cell = _put(sheet, HEADER_ROW, column, text)
        cell.font, cell.fill, cell.alignment = Font(bold=True), header_fill, wrap

    flags = DataValidation("list", formula1='"' + ",".join(FLAG_LABELS[language].values()) + '"')
    flags.allow_blank = True
    sheet.add_data_validation(flags)
    validations: Dict[Tuple[float, float, bool], List[str]] = {}
    row = FIRST_DATA_ROW
    for indicator in plan.indicators_of_unit(unit):
        targets = "\n".join(
            text for text in (_target_text(t, indicator, language) for t in indicator.targets) if text
        )
        for code in _row_codes(indicator):
            texts, counts = _row_texts(indicator, code, targets, language)
            for column, text in enumerate(texts, start=1):
                _put(sheet, row, column, text).alignment = wrap
            sheet.row_dimensions[row].height = _wrapped_height(zip(texts[2:], "CDEFG"))
            for column in range(FIRST_YEAR_COLUMN, source_column + 1):
                cell = _put(sheet, row, column)
                cell.fill, cell.protection = input_fill, Protection(locked=False)
            cells = (
                f"{get_column_letter(FIRST_YEAR_COLUMN)}{row}:"
                f"{get_column_letter(source_column - 1)}{row}"
            )
            if code == _FLAG_KIND:
                flags.add(cells)
            else:
                bounds = indicator.bounds
                key = (
                    (0.0, float("inf"), True)
                    if counts
                    else (bounds.lower, bounds.upper, indicator.scale == Scale.binary)
                )
                validations.setdefault(key, []).append(cells)
            row += 1
    for (lower, upper, whole), ranges in validations.items():
        validation = _number_validation(lower, upper, whole, language)
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


def _write_milestone_sheet(
    sheet: "Worksheet", plan: Plan, units: Sequence[str], language: str
) -> None:
    """One row per milestone of the units' indicators: status, date, evidence, reporting unit."""
    from openpyxl.styles import Alignment, Font, PatternFill, Protection
    from openpyxl.worksheet.datavalidation import DataValidation

    words = TEXTS[language]
    statuses: Dict[str, str] = words.milestone_status
    _put(sheet, TITLE_ROW, 1, words.milestone_sheet).font = Font(bold=True, size=14)
    _put(sheet, NOTE_ROW, 1, words.milestone_note)
    for column, text in enumerate(words.milestone_headers, start=1):
        cell = _put(sheet, HEADER_ROW, column, text)
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=_HEADER_FILL)
    choice = DataValidation("list", formula1='"' + ",".join(statuses.values()) + '"')
    choice.allow_blank = True
    sheet.add_data_validation(choice)
    owner: Dict[str, str] = {}
    for unit in units:
        for indicator in plan.indicators_of_unit(unit):
            owner.setdefault(indicator.id, unit)
    indicators = {i.id: i for i in plan.indicators()}
    row = FIRST_DATA_ROW
    input_fill = PatternFill("solid", fgColor=_INPUT_FILL)
    for indicator_id, index in milestone_targets(plan):
        if indicator_id not in owner:
            continue
        target = indicators[indicator_id].targets[index]
        fixed = (
            indicator_id,
            index,
            _text(target.description, language) or _text(indicators[indicator_id].name, language),
            target.year,
        )
        for column, value in enumerate(fixed, start=1):
            _put(sheet, row, column, value).alignment = Alignment(wrap_text=True, vertical="top")
        for column in range(5, 9):
            cell = _put(sheet, row, column)
            cell.fill, cell.protection = input_fill, Protection(locked=False)
        _put(sheet, row, 8, plan.unit_name(owner[indicator_id]).in_language(language))
        choice.add(f"E{row}")
        row += 1
    for letter, width in MILESTONE_WIDTHS.items():
        sheet.column_dimensions[letter].width = width
    sheet.column_dimensions["B"].hidden = True
    _fit_to_page_width(sheet)
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False


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


def _number_validation(lower: float, upper: float, whole: bool, language: str) -> "DataValidation":
    """Excel's own check while typing: numbers only, within the bounds; blank allowed."""
    from openpyxl.worksheet.datavalidation import DataValidation

    words = TEXTS[language]
    kind = "whole" if whole else "decimal"
    what = words.whole if whole else words.number
    low, high = format_number(lower), format_number(upper)
    if lower > float("-inf") and upper < float("inf"):
        validation = DataValidation(kind, operator="between", formula1=low, formula2=high)
        rule = words.rule_between.format(lower=low, upper=high, what=what)
    elif lower > float("-inf"):
        validation = DataValidation(kind, operator="greaterThanOrEqual", formula1=low)
        rule = words.rule_at_least.format(lower=low)
    elif upper < float("inf"):
        validation = DataValidation(kind, operator="lessThanOrEqual", formula1=high)
        rule = words.rule_at_most.format(upper=high)
    else:
        validation = DataValidation(kind, operator="between", formula1="-1E+300", formula2="1E+300")
        rule = words.rule_any
    validation.allow_blank = True
    validation.showErrorMessage = True
    validation.errorTitle = words.validation_title
    validation.error = words.validation_error.format(rule=rule)
    return validation


def _write_meta(sheet: "Worksheet", plan: Plan, sheets: Dict[str, str], language: str) -> None:
    rows: List[Tuple[str, ...]] = [
        ("format", TEMPLATE_FORMAT),
        ("version", str(TEMPLATE_VERSION)),
        ("plan", plan.id),
        ("language", language),
    ]
    rows.extend(("sheet", name, unit) for name, unit in sheets.items())
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            _put(sheet, number, column, value)
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
    sheets, language = _template_sheets(workbook, name, plan)
    problems: List[Problem] = []
    records: List[ObservationRecord] = []
    milestones: List[MilestoneProgress] = []
    units: Dict[str, None] = {}
    for sheet in workbook.worksheets:
        if sheet.title in _MILESTONE_SHEETS:
            milestones.extend(_read_milestone_sheet(sheet, name, plan, unit, problems, language))
            continue
        if sheet.title == META_SHEET or not _is_unit_sheet(sheet):
            continue  # instructions, or a sheet a unit added for its own notes
        where = Location(name, sheet.title)
        try:
            sheet_unit = _unit_key(plan, parse_text(sheet[UNIT_CELL].value))
        except CellError as error:
            problems.append(Problem(Message("in_cell", {"cell": UNIT_CELL, "reason": error}), where))
            continue
        made_for = sheets.get(sheet.title)
        if made_for is None:
            problems.append(
                Problem(
                    Message("foreign_sheet", {"sheet": Quoted(sheet.title), "unit": sheet_unit}),
                    where,
                )
            )
        elif sheet_unit != made_for:
            problems.append(
                Problem(
                    Message(
                        "sheet_unit_changed",
                        {"cell": UNIT_CELL, "unit": Quoted(sheet_unit), "made_for": made_for},
                    ),
                    where,
                )
            )
        elif unit is not None and sheet_unit != unit:
            problems.append(
                Problem(Message("other_units_sheet", {"found": sheet_unit, "unit": unit}), where)
            )
        else:
            sheet_records = _read_unit_sheet(sheet, name, plan, sheet_unit, problems, language)
            if sheet_records:
                units.setdefault(sheet_unit)
            records.extend(sheet_records)
    problems.extend(uncached_formulas(name, sheets))
    observations = Observations(_drop_agreeing_repeats(records))
    problems.extend(observations.problems(plan))
    if problems:
        raise ImportValidationError(sort_problems(problems), "nothing read", language)
    return Submission(plan.id, list(units), observations, sheets, milestones)


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
                    Message("not_a_workbook", {"error": f"{type(error).__name__}: {error}"}),
                    Location(name),
                )
            ],
            "nothing read",
        ) from error


def _template_sheets(
    workbook: "Workbook", name: str, plan: Plan
) -> Tuple[Dict[str, str], Optional[str]]:
    """The template's sheet → unit table and its language, from its ``_ontrack`` sheet; checks
    that the workbook is a template of this plan."""
    where = Location(name)
    if META_SHEET not in workbook.sheetnames:
        raise ImportValidationError(
            [
                Problem(Message("not_a_template"), where)
            ],
            "nothing read",
        )
    meta: Dict[str, str] = {}
    sheets: Dict[str, str] = {}
    for row in workbook[META_SHEET].iter_rows(values_only=True):
        key, *values = [parse_text(v) for v in row]
        if key == "sheet" and len(values) >= 2:
            sheets[values[0]] = values[1]
        elif key and values:
            meta[key] = values[0]
    language = meta.get("language") if meta.get("language") in LANGUAGES else None
    if meta.get("format") != TEMPLATE_FORMAT or meta.get("version") not in READABLE_VERSIONS:
        message = Message("template_version", {"versions": Choices(READABLE_VERSIONS, ", ")})
    elif meta.get("plan") != plan.id:
        message = Message("template_plan", {"found": Quoted(meta.get("plan")), "plan": Quoted(plan.id)})
    else:
        return sheets, language
    raise ImportValidationError([Problem(message, where)], "nothing read", language)


_MILESTONE_SHEETS = tuple(TEXTS[language].milestone_sheet for language in LANGUAGES)
_SOURCE_HEADERS = tuple(TEXTS[language].source for language in LANGUAGES)


def _is_unit_sheet(sheet: "Worksheet") -> bool:
    first = tuple(sheet.cell(HEADER_ROW, c).value for c in (1, 2))
    return any(first == TEXTS[language].headers[:2] for language in LANGUAGES)


def _year_columns(sheet: "Worksheet", where: Location, problems: List[Problem]) -> Dict[int, int]:
    """Column number → year, from the header row, up to the source column."""
    from openpyxl.utils import get_column_letter

    years: Dict[int, int] = {}
    for column in range(FIRST_YEAR_COLUMN, sheet.max_column + 1):
        text = sheet.cell(HEADER_ROW, column).value
        if text in _SOURCE_HEADERS or text is None:
            break
        try:
            year = parse_year(text)
        except CellError:
            year = None
        if year is None:
            problems.append(
                Problem(
                    Message("header_not_year", {"header": Quoted(text)}),
                    Location(where.file, where.sheet, HEADER_ROW, get_column_letter(column)),
                )
            )
            continue
        years[column] = year
    return years


def _read_unit_sheet(
    sheet: "Worksheet",
    name: str,
    plan: Plan,
    unit: str,
    problems: List[Problem],
    language: Optional[str],
) -> List[ObservationRecord]:
    from openpyxl.utils import get_column_letter

    years = _year_columns(sheet, Location(name, sheet.title), problems)
    source_column = max(years, default=FIRST_YEAR_COLUMN - 1) + 1
    indicators = {i.id: i for i in plan.indicators()}
    own = {i.id for i in plan.indicators_of_unit(unit)}
    # (indicator, breakdown, year) → kind → (number, cell); (indicator, year) → flag
    cells: Dict[Tuple[str, str, int], Dict[str, Tuple[float, Location]]] = {}
    sources: Dict[Tuple[str, str], str] = {}
    flags: Dict[Tuple[str, int], str] = {}
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        try:
            indicator_id, code, source = (
                parse_text(sheet.cell(row, column).value) for column in (1, 2, source_column)
            )
        except CellError as error:
            problems.append(Problem(error.reason, Location(name, sheet.title, row)))
            continue
        if not indicator_id:
            continue
        at = Location(name, sheet.title, row, "A")
        indicator = indicators.get(indicator_id)
        if indicator is None:
            problems.append(Problem(unknown_indicator(indicator_id, plan), at))
            continue
        if indicator_id not in own:
            owners = Choices(tuple(plan.responsible_units_of(plan.goal_of(indicator_id))), "、")
            problems.append(
                Problem(
                    Message(
                        "not_own_indicator",
                        {"indicator": indicator_id, "unit": unit, "owners": owners},
                    ),
                    at,
                )
            )
            continue
        if code not in _row_codes(indicator):
            problems.append(
                Problem(
                    Message("row_code", {"indicator": indicator_id, "code": Quoted(code)}),
                    Location(name, sheet.title, row, "B"),
                )
            )
            continue
        kind, breakdown = _parse_code(code)
        if kind == "value":
            sources[(indicator_id, breakdown)] = source
        for column, year in years.items():
            at = Location(name, sheet.title, row, get_column_letter(column))
            if kind == _FLAG_KIND:
                try:
                    label = parse_text(sheet.cell(row, column).value)
                except CellError as error:
                    problems.append(Problem(_in_indicator_year(indicator_id, year, error), at))
                    continue
                flag = flag_code(label) if label else ""
                if flag is None:
                    # The template's own labels; every language's for a template that names none.
                    choices = Choices(
                        tuple(
                            v
                            for lang, labels in FLAG_LABELS.items()
                            if language in (None, lang)
                            for v in labels.values()
                        ),
                        " / ",
                    )
                    problems.append(
                        Problem(
                            Message(
                                "template_flag",
                                {
                                    "indicator": indicator_id,
                                    "year": year,
                                    "label": Quoted(label),
                                    "choices": choices,
                                },
                            ),
                            at,
                        )
                    )
                elif flag:
                    flags[(indicator_id, year)] = flag
                continue
            try:
                number = (
                    _cell_number(sheet.cell(row, column), indicator)
                    if kind == "value"
                    else parse_number(sheet.cell(row, column).value)
                )
            except CellError as error:
                problems.append(Problem(_in_indicator_year(indicator_id, year, error), at))
                continue
            if number is not None:
                cells.setdefault((indicator_id, breakdown, year), {})[kind] = (number, at)
    records = []
    for (indicator_id, breakdown, year), given in cells.items():
        if "value" not in given:
            first_count = next(iter(given.values()))[1]
            problems.append(
                Problem(
                    Message("counts_without_value", {"indicator": indicator_id, "year": year}),
                    first_count,
                )
            )
            continue
        value, at = given["value"]
        numerator, denominator = given.get("numerator"), given.get("denominator")
        split: Dict[str, Any] = dict([breakdown.split("=", 1)]) if breakdown else {}  # sex="female"
        records.append(
            ObservationRecord(
                indicator_id,
                year,
                value,
                numerator=numerator[0] if numerator else None,
                denominator=denominator[0] if denominator else None,
                source=sources.get((indicator_id, breakdown), ""),
                flag=flags.get((indicator_id, year), ""),
                origin=at,
                count_origins=(
                    numerator[1] if numerator else Location(),
                    denominator[1] if denominator else Location(),
                ),
                **split,
            )
        )
    return records


def _read_milestone_sheet(
    sheet: "Worksheet",
    name: str,
    plan: Plan,
    unit: Optional[str],
    problems: List[Problem],
    language: Optional[str],
) -> List[MilestoneProgress]:
    """The milestone rows a unit filled in (a status given); rows left blank are no report."""
    statuses = {
        label: code
        for language in LANGUAGES
        for code, label in TEXTS[language].milestone_status.items()
    }
    statuses.update({code: code for code in STATUSES})
    known = set(milestone_targets(plan))
    found = []
    for row in range(FIRST_DATA_ROW, sheet.max_row + 1):
        try:
            indicator_id, label, number, date, evidence, reporter = (
                parse_text(sheet.cell(row, column).value) for column in (1, 5, 2, 6, 7, 8)
            )
        except CellError as error:
            problems.append(Problem(error.reason, Location(name, sheet.title, row)))
            continue
        if not indicator_id or not label:
            continue
        reporter = _unit_key(plan, reporter) if reporter else reporter
        at = lambda column: Location(name, sheet.title, row, column)  # noqa: E731
        try:
            index = int(number)
        except ValueError:
            index = -1
        if (indicator_id, index) not in known:
            problems.append(
                Problem(Message("no_such_milestone", {"indicator": indicator_id, "plan": plan.id}), at("A"))
            )
            continue
        status = statuses.get(label)
        if status is None:
            problems.append(
                Problem(
                    Message(
                        "milestone_status",
                        {
                            "indicator": indicator_id,
                            "label": Quoted(label),
                            "choices": Choices(
                                tuple(TEXTS[language].milestone_status.values())
                                if language
                                else tuple(sorted(set(statuses))),
                                " / ",
                            ),
                        },
                    ),
                    at("E"),
                )
            )
            continue
        if unit is not None and reporter and reporter != unit:
            problems.append(
                Problem(
                    Message(
                        "milestone_reporter",
                        {"indicator": indicator_id, "reporter": Quoted(reporter), "unit": unit},
                    ),
                    at("H"),
                )
            )
            continue
        try:
            found.append(
                MilestoneProgress(
                    indicator_id,
                    index,
                    status,
                    date,
                    evidence,
                    reporter or (unit or ""),
                    origin=at("E"),
                )
            )
        except InvalidInputError as error:
            problems.append(
                Problem(
                    Message(
                        "milestone_date",
                        {"indicator": indicator_id, "date": Quoted(date), "reason": str(error)},
                    ),
                    at("F"),
                )
            )
    return found


def _in_indicator_year(indicator_id: str, year: int, error: CellError) -> Message:
    return Message("in_indicator_year", {"indicator": indicator_id, "year": year, "reason": error})


@dataclass(frozen=True)
class _UnitText:
    """An indicator's unit in the language shown."""

    indicator: Indicator

    def render(self, language: str) -> str:
        return self.indicator.unit_text.zh if language == "zh" and self.indicator.unit_text.zh else self.indicator.unit


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
                "cell_shown_as_percent",
                number=f"{value:.6g}",
                indicator=indicator.id,
                unit=_UnitText(indicator),
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

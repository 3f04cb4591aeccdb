"""Tidy tables in and out: CSV, Parquet and Excel sheets with one row per value.

Cells are parsed here for every reader (tables, collection templates, SDMX-CSV), so that a
number means the same wherever it is typed: ``12.5``, full-width ``１２．５``, ``1,234`` with
thousands separators, ``12.5%`` only where a percentage is expected; a blank cell is missing,
never zero.
"""

from __future__ import annotations

import contextlib
import datetime
import functools
import math
import os
import re
import sys
import tempfile
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Union

from .._core import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    FileError,
    InvalidInputError,
    hostile_character,
)
from .cells import csv_frame, csv_unquote
from ..observations import (
    COLUMNS,
    DIMENSIONS,
    FLAGS,
    ImportValidationError,
    Location,
    ObservationRecord,
    Observations,
    Problem,
)
from ..messages import Choices, Message, Quoted
from ..vintages import vintage_span

if TYPE_CHECKING:
    import pandas

__all__ = [
    "CellError",
    "parse_code",
    "parse_number",
    "parse_text",
    "parse_year",
    "read_observations",
    "replacing",
    "write_observations",
    "write_table",
]

PathLike = Union[str, "os.PathLike[str]"]
Locate = Callable[[Optional[int], Optional[str]], Location]

# Digits with optional thousands groups and decimals, after NFKC has made full-width forms ASCII.
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?")
_INTEGER = re.compile(r"[+-]?\d+(?:\.0*)?")

# Codes people write for the sex and area breakdowns, in English, Chinese and SDMX; "" is total.
_TOTAL = {"": "", "total": "", "_t": "", "all": "", "合计": "", "总计": "", "全部": ""}
_ALIASES: Dict[str, Dict[str, str]] = {
    "sex": {
        **_TOTAL,
        "female": "female",
        "f": "female",
        "女": "female",
        "女性": "female",
        "male": "male",
        "m": "male",
        "男": "male",
        "男性": "male",
    },
    "area": {
        **_TOTAL,
        "urban": "urban",
        "u": "urban",
        "城镇": "urban",
        "城市": "urban",
        "rural": "rural",
        "r": "rural",
        "农村": "rural",
        "乡村": "rural",
    },
}


_COLUMN_LIST = Choices(COLUMNS, ", ")


class CellError(ValueError):
    """A cell that cannot be read; ``reason`` says why (in Chinese or English), the reader says
    where."""

    def __init__(self, code: str, **params: object) -> None:
        self.reason = Message(code, params)
        super().__init__(self.reason.text("en"))

    def text(self, language: str = "en") -> str:
        return self.reason.text(language)


def _is_blank(cell: object) -> bool:
    if cell is None:
        return True
    if isinstance(cell, float) and math.isnan(cell):
        return True  # pandas' missing value
    pandas = sys.modules.get("pandas")  # not imported for it: without pandas no cell is pd.NA
    if pandas is not None and cell is pandas.NA:
        return True  # the missing value of pandas' string, nullable integer and boolean columns
    return isinstance(cell, str) and not unicodedata.normalize("NFKC", cell).strip()


def parse_number(cell: object, *, percent_sign: bool = False) -> Optional[float]:
    """The number in a cell; None for a blank cell.

    Accepts numbers and text such as ``12.5``, ``１２．５``, ``1,234.5``, ``−3`` and, when
    ``percent_sign`` is true (a percentage cell), ``12.5%`` meaning 12.5. Raises
    :class:`CellError` for anything else, saying why.
    """
    if _is_blank(cell):
        return None
    if isinstance(cell, bool):
        raise CellError("cell_boolean", cell=Quoted(cell))
    if isinstance(cell, (int, float)):
        number = float(cell)
        if not math.isfinite(number):
            raise CellError("cell_not_finite", cell=Quoted(cell))
        return number
    if isinstance(cell, (datetime.date, datetime.time)):
        raise CellError("cell_date", cell=cell)
    if not isinstance(cell, str):
        raise CellError("cell_not_number", cell=Quoted(cell))
    # NFKC turns full-width digits, point, comma and percent sign into ASCII ones.
    text = unicodedata.normalize("NFKC", cell).strip().replace("\u2212", "-")
    if text.endswith("%"):
        if not percent_sign:
            raise CellError("cell_percent_sign", cell=Quoted(cell))
        text = text[:-1].rstrip()
    if not (_NUMBER.fullmatch(text) and any(c.isdigit() for c in text)):
        if re.fullmatch(r"[+-]?\d+,\d{1,2}", text):
            raise CellError("cell_decimal_comma", cell=Quoted(cell))
        raise CellError("cell_text_not_number", cell=Quoted(cell))
    return float(text.replace(",", ""))


def parse_year(cell: object) -> Optional[int]:
    """A year: an integer, whole float or integer text (full-width digits too), within the one
    range of years ontrack accepts (``ontrack.EARLIEST_YEAR`` to ``LATEST_YEAR``); None if
    blank."""
    if _is_blank(cell):
        return None
    if isinstance(cell, bool):
        raise CellError("cell_not_year", cell=Quoted(cell))
    year: Optional[int] = None
    if isinstance(cell, int):
        year = cell
    elif isinstance(cell, float) and cell.is_integer():
        year = int(cell)
    elif isinstance(cell, str):
        text = unicodedata.normalize("NFKC", cell).strip()
        if _INTEGER.fullmatch(text):
            year = int(text.split(".")[0])  # exact for any number of digits, unlike float()
    if year is None:
        raise CellError("cell_not_year", cell=Quoted(cell))
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise CellError("year_out_of_range", year=year)
    return year


def parse_text(cell: object) -> str:
    """Text of a cell, stripped; dates as ISO 8601 (a spreadsheet may turn a vintage into a
    date). Raises :class:`CellError` for control characters, which no text may hold."""
    if _is_blank(cell):
        return ""
    if isinstance(cell, datetime.datetime):
        return cell.date().isoformat() if cell.time() == datetime.time() else cell.isoformat()
    if isinstance(cell, datetime.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    text = str(cell).strip()
    hostile = hostile_character(text)
    if hostile is not None:
        raise CellError("cell_control_character", character=hostile)
    return text


def parse_vintage(cell: object) -> str:
    """A vintage: an ISO 8601 date or date-time (:func:`ontrack.vintages.vintage_span`), or
    blank."""
    text = parse_text(cell)
    try:
        vintage_span(text)
    except InvalidInputError as error:
        raise CellError("cell_vintage", cell=Quoted(text), reason=str(error)) from None
    return text


def parse_code(cell: object, dimension: str) -> str:
    """A breakdown code: ``female``/``male`` (or 女/男, F/M), ``urban``/``rural`` (城镇/农村,
    U/R); total as blank, ``total``, ``_T`` or 合计. Region and age are free text."""
    text = parse_text(cell)
    aliases = _ALIASES.get(dimension)
    if aliases is None:
        return text
    code = aliases.get(unicodedata.normalize("NFKC", text).lower())
    if code is None:
        codes = Choices(tuple(sorted(set(aliases.values()) - {""})), ", ")
        raise CellError("cell_breakdown", dimension=dimension, cell=Quoted(text), codes=codes)
    return code


def _parse_flag(cell: object) -> str:
    text = parse_text(cell).lower()
    if text == "none":
        return ""
    if text not in FLAGS:
        flags = Choices(tuple(f for f in FLAGS if f), ", ")
        raise CellError("cell_flag", cell=Quoted(text), flags=flags)
    return text


_PARSERS: Dict[str, Callable[[object], object]] = {
    "indicator": parse_text,
    "year": parse_year,
    "value": parse_number,
    **{d: functools.partial(parse_code, dimension=d) for d in DIMENSIONS},
    "numerator": parse_number,
    "denominator": parse_number,
    "source": parse_text,
    "flag": _parse_flag,
    "vintage": parse_vintage,
}


def _frame_location(position: Optional[int], column: Optional[str]) -> Location:
    return Location(row=None if position is None else position + 1, column=column)


def observations_from_frame(
    frame: "pandas.DataFrame",
    columns: Optional[Mapping[str, str]] = None,
    *,
    locate: Locate = _frame_location,
) -> Observations:
    """Implements :meth:`Observations.from_frame`; ``locate`` maps a row position and a column
    name to the place a person finds it (a CSV line, a spreadsheet row)."""
    problems: List[Problem] = []
    names = {str(c): str(c) for c in frame.columns}  # frame column -> ontrack column
    for source, target in (columns or {}).items():
        if target not in COLUMNS:
            problems.append(
                Problem(
                    Message(
                        "cannot_map_column",
                        {"source": Quoted(source), "target": Quoted(target), "columns": _COLUMN_LIST},
                    ),
                    locate(None, None),
                )
            )
        elif source not in names:
            problems.append(
                Problem(
                    Message("no_column_to_map", {"source": Quoted(source), "target": Quoted(target)}),
                    locate(None, None),
                )
            )
        else:
            names[source] = target
    where: Dict[str, str] = {}  # ontrack column -> frame column
    for source, name in names.items():
        if name not in COLUMNS:
            continue
        if name in where:
            problems.append(
                Problem(
                    Message(
                        "column_twice",
                        {"first": Quoted(where[name]), "second": Quoted(source), "name": Quoted(name)},
                    ),
                    locate(None, None),
                )
            )
        where[name] = source
    for required in ("indicator", "year", "value"):
        if required not in where:
            problems.append(
                Problem(
                    Message(
                        "no_required_column",
                        {"name": Quoted(required), "has": Choices(tuple(names) or ("—",), ", ")},
                    ),
                    locate(None, None),
                )
            )
    if problems:
        raise ImportValidationError(problems, "nothing read")

    cells = {name: frame[source].tolist() for name, source in where.items()}
    records: List[ObservationRecord] = []
    for position in range(len(frame)):
        try:
            if parse_number(cells["value"][position]) is None:
                continue  # a blank value is a missing observation, never a zero
        except CellError:
            pass  # reported with the rest of the row
        parsed: Dict[str, object] = {}
        row_problems: List[Problem] = []
        for name, column in cells.items():
            try:
                parsed[name] = _PARSERS[name](column[position])
            except CellError as error:
                row_problems.append(Problem(error.reason, locate(position, where[name])))
        if "indicator" in parsed and not parsed["indicator"]:
            row_problems.append(
                Problem(Message("missing_indicator"), locate(position, where["indicator"]))
            )
        if "year" in parsed and parsed["year"] is None:
            row_problems.append(Problem(Message("missing_year"), locate(position, where["year"])))
        if row_problems:
            problems.extend(row_problems)
            continue
        # Each field was parsed to its type by its column's parser.
        records.append(ObservationRecord(origin=locate(position, None), **parsed))  # type: ignore[arg-type]
    if problems:
        raise ImportValidationError(problems, "nothing read")
    return Observations(records)


def read_observations(
    path: PathLike,
    *,
    columns: Optional[Mapping[str, str]] = None,
    sheet: Optional[str] = None,
) -> Observations:
    """Reads a tidy table from CSV (UTF-8), Parquet or an Excel workbook (``sheet``, default the
    first), one row per value, with the columns of :meth:`Observations.from_frame`.

    In CSV every cell is read as text and parsed like a spreadsheet cell, so full-width digits
    and thousands separators are accepted there too. Problems name the file and the CSV line,
    the sheet and row, or the Parquet row, and the column.
    """
    import pandas as pd

    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    locate: Locate
    try:
        if suffix in (".csv", ".txt"):
            frame = pd.read_csv(name, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            for column in frame.columns:  # ontrack's own CSV reads back to the exact text
                frame[column] = frame[column].map(csv_unquote)

            def locate(position: Optional[int], column: Optional[str]) -> Location:
                # The header is line 1; one record per line.
                return Location(
                    name, line=None if position is None else position + 2, column=column
                )

        elif suffix == ".parquet":
            frame = pd.read_parquet(name)

            def locate(position: Optional[int], column: Optional[str]) -> Location:
                return Location(name, row=None if position is None else position + 1, column=column)

        elif suffix in (".xlsx", ".xlsm"):
            from openpyxl.utils import get_column_letter

            with pd.ExcelFile(name, engine="openpyxl") as workbook:
                sheet_name = sheet if sheet is not None else str(workbook.sheet_names[0])
                frame = pd.read_excel(workbook, sheet_name, dtype=object)
            lost = uncached_formulas(name, [sheet_name])
            if lost:
                raise ImportValidationError(lost, "nothing read")
            letters = {str(c): get_column_letter(i + 1) for i, c in enumerate(frame.columns)}

            def locate(position: Optional[int], column: Optional[str]) -> Location:
                # The header is row 1 of the sheet.
                return Location(
                    name,
                    sheet_name,
                    None if position is None else position + 2,
                    None if column is None else letters[column],
                )

        else:
            raise InvalidInputError(
                f"{name}: cannot read {suffix or 'a file without suffix'}: "
                "use .csv, .parquet or .xlsx"
            )
    except (FileNotFoundError, PermissionError, IsADirectoryError) as error:
        raise FileError(f"{name}: cannot read: {error.strerror}") from error
    except InvalidInputError:  # the problems found, ImportValidationError among them
        raise
    except Exception as error:  # pandas, pyarrow and openpyxl raise many kinds for a damaged file
        raise ImportValidationError(
            [
                Problem(
                    Message(
                        "not_a_readable_file",
                        {"kind": suffix.lstrip("."), "error": f"{type(error).__name__}: {error}"},
                    ),
                    Location(name),
                )
            ],
            "nothing read",
        ) from error
    return observations_from_frame(frame, columns, locate=locate)


def uncached_formulas(path: str, sheets: Optional[Iterable[str]] = None) -> List[Problem]:
    """A problem for every formula cell of a workbook that holds no saved result.

    A workbook is read as the values the spreadsheet program last computed; a file written by
    openpyxl, pandas or LibreOffice without recalculating has formulas but no results, and
    those cells would read as blank, a value silently lost. ``sheets``: the sheets to check
    (default: all).
    """
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    formulas = load_workbook(path, read_only=True, data_only=False)
    values = load_workbook(path, read_only=True, data_only=True)
    problems = []
    try:
        for title in formulas.sheetnames if sheets is None else list(sheets):
            if title not in formulas.sheetnames:
                continue
            rows = zip(formulas[title].iter_rows(), values[title].iter_rows())
            for formula_row, value_row in rows:
                for formula, value in zip(formula_row, value_row):
                    if getattr(formula, "data_type", None) == "f" and value.value is None:
                        problems.append(
                            Problem(
                                Message("uncached_formula", {"formula": Quoted(str(formula.value)[:60])}),
                                Location(path, title, formula.row, get_column_letter(formula.column)),
                            )
                        )
    finally:
        formulas.close()
        values.close()
    return problems


@contextlib.contextmanager
def replacing(path: PathLike) -> Iterator[str]:
    """A temporary file beside ``path`` to write into; it replaces ``path`` only when the block
    succeeds, so a reader never sees half a file and a failure leaves the old one."""
    name = os.fspath(path)
    descriptor, temporary = tempfile.mkstemp(
        dir=os.path.dirname(os.path.abspath(name)), prefix=".ontrack-", suffix=Path(name).suffix
    )
    os.close(descriptor)
    try:
        yield temporary
        os.replace(temporary, name)
    except OSError as error:
        raise FileError(f"{name}: cannot write: {error.strerror or error}") from error
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def write_table(frame: "pandas.DataFrame", path: PathLike) -> None:
    """Writes a frame to CSV or Parquet by the file's suffix, atomically. CSV is UTF-8 with a
    byte-order mark, so that Excel shows Chinese text, and its text cells are neutralised for
    spreadsheet programs (:func:`ontrack.io.cells.csv_frame`); Parquet keeps the exact text."""
    name = os.fspath(path)
    suffix = Path(name).suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise InvalidInputError(
            f"{name}: cannot write {suffix or 'a file without suffix'}: use .csv or .parquet"
        )
    with replacing(name) as temporary:
        if suffix == ".csv":
            csv_frame(frame).to_csv(temporary, index=False, encoding="utf-8-sig")
        else:
            frame.to_parquet(temporary, index=False, engine="pyarrow")


def write_observations(observations: Observations, path: PathLike) -> None:
    """Writes observations as a tidy CSV or Parquet file that :func:`read_observations` reads
    back to equal observations, vintages included."""
    write_table(observations.to_frame(), path)

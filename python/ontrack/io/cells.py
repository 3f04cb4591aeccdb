"""The one writer of spreadsheet cells: every workbook and CSV file ontrack writes goes through it.

Plan wording, unit names and data sources come from outside, and the files ontrack writes are
opened in Excel and passed between offices. So nothing written may act when opened:

- text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is what a
  spreadsheet program takes for a formula (or, via DDE, a command). In a workbook it is stored
  as a string with Excel's quote prefix; in CSV it gets a leading apostrophe, as OWASP's
  CSV-injection guidance describes (the apostrophe is what Excel shows for such a cell).
- control characters (but tab and newline) and bidirectional overrides are shown inert as
  ``<U+001B>`` (the core's rule, :func:`ontrack._core.escape_hostile`); XML, hence xlsx, cannot
  hold most of them at all.

Numbers stay numbers: ``-3`` written as a number is not text and is not quoted.
"""

from __future__ import annotations

import datetime
import math
from typing import TYPE_CHECKING, Any

from .._core import escape_hostile

if TYPE_CHECKING:
    import pandas
    from openpyxl.cell.cell import Cell

__all__ = ["FORMULA_PREFIXES", "csv_frame", "csv_unquote", "inert_text", "is_formula_like", "put"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet program would read ``text`` typed into a cell as a formula."""
    return text.startswith(FORMULA_PREFIXES)


def inert_text(text: str) -> str:
    """``text`` with control characters and bidirectional overrides shown as ``<U+001B>``."""
    return escape_hostile(text)


def put(cell: "Cell", value: Any) -> None:
    """Writes ``value`` into a workbook cell: None leaves it blank, booleans become 0/1,
    finite numbers and dates stay what they are, everything else is inert text (never a
    formula). A non-finite number, which a cell cannot hold, is written blank."""
    if value is None:
        return
    if isinstance(value, bool):
        cell.value = int(value)
    elif isinstance(value, (int, float)):
        if isinstance(value, float) and not math.isfinite(value):
            return
        cell.value = value
    elif isinstance(value, (datetime.date, datetime.time)):
        cell.value = value
    else:
        text = inert_text(str(value))
        cell.value = text
        if is_formula_like(text):
            cell.data_type = "s"  # openpyxl took it for a formula; it is text
            cell.quotePrefix = True  # and stays text when edited in Excel


def _csv_text(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    text = inert_text(value)
    return "'" + text if is_formula_like(text) else text


def csv_frame(frame: "pandas.DataFrame") -> "pandas.DataFrame":
    """A copy of ``frame`` whose text cells are safe to open in a spreadsheet program; number
    columns are untouched."""
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        if pd.api.types.is_object_dtype(safe[column]) or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(_csv_text, na_action="ignore")
    return safe


def csv_unquote(value: Any) -> Any:
    """The inverse of the CSV neutralisation, for reading ontrack's own CSV back: an apostrophe
    before a formula prefix is dropped."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value

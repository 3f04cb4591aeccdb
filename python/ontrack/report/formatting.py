"""Numbers as the report prints them (HTML and Markdown; the workbook stores the numbers)."""

from __future__ import annotations

import math
from typing import Optional

__all__ = ["number", "percent", "signed"]

_MINUS = "−"  # typographic minus: a hyphen in a table reads as a dash


def number(value: Optional[float], digits: int = 4) -> str:
    """``value`` to ``digits`` significant figures, without trailing zeros; "—" when absent."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if math.isinf(value):
        return "∞" if value > 0 else _MINUS + "∞"
    text = f"{value:.{digits}g}"
    if "e" in text:  # large values keep their digits, with thousands separators
        text = f"{value:,.0f}"
    return text.replace("-", _MINUS)


def signed(value: Optional[float], digits: int = 3) -> str:
    """A change, always with its sign (+0.61, −4.9)."""
    text = number(value, digits)
    return text if value is None or text.startswith(_MINUS) or text == "—" else "+" + text


def percent(value: Optional[float]) -> str:
    """A probability or share as a whole percentage; "<1%" and ">99%" rather than 0 % and
    100 % for a probability that is not exactly 0 or 1."""
    if value is None:
        return "—"
    if 0.0 < value < 0.005:
        return "<1%"
    if 0.995 <= value < 1.0:
        return ">99%"
    return f"{value:.0%}"

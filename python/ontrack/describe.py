"""Plain-language descriptions of targets, for tables, reports and the command line."""

from __future__ import annotations

import math
from typing import Optional

from ._core import Comparator, GapMeasure, Indicator, Target, TargetKind

__all__ = ["describe_target", "format_number"]


def format_number(value: Optional[float]) -> str:
    """A number as a person writes it: no trailing zeros, no exponent for plan-sized values."""
    if value is None:
        return "?"
    if math.isinf(value):
        return "∞" if value > 0 else "−∞"
    return f"{value:.6g}"


def _ref(ref) -> str:
    if ref is None:
        return "its own series"
    parts = [f"{k}={v}" for k, v in sorted(ref.disaggregation.items())]
    return ref.indicator + (f"[{', '.join(parts)}]" if parts else "")


def _when(t: Target) -> str:
    """When a level is judged: by a year, or in every year of a window."""
    if t.year is not None:
        return f" by {t.year}"
    if t.start is not None and t.end is not None:
        return f" in every year {t.start}–{t.end}"
    if t.end is not None:
        return f" by {t.end}"
    return ""


def _over(t: Target) -> str:
    """The span a trend is judged over."""
    if t.start is not None and t.end is not None:
        return f" over {t.start}–{t.end}"
    if t.end is not None:
        return f" by {t.end}"
    if t.year is not None:
        return f" by {t.year}"
    return ""


def _unit(indicator: Indicator) -> str:
    unit = indicator.unit
    return "%" if unit == "%" else (f" {unit}" if unit else "")


def describe_target(t: Target, indicator: Indicator) -> str:
    """One line saying what the target asks, e.g. ``≤ 12 per 100,000 live births by 2030``."""
    unit = _unit(indicator)
    kind = t.kind
    value = format_number(t.value) + unit if t.value is not None else ""
    interim = " (interim)" if t.interim else ""
    if kind in (TargetKind.at_least, TargetKind.at_most):
        sign = {TargetKind.at_least: ">" if t.strict else "≥", TargetKind.at_most: "<" if t.strict else "≤"}[kind]
        return f"{sign} {value}{_when(t)}{interim}"
    if kind in (TargetKind.maintain_at_least, TargetKind.maintain_at_most):
        sign = {TargetKind.maintain_at_least: ">" if t.strict else "≥",
                TargetKind.maintain_at_most: "<" if t.strict else "≤"}[kind]
        return f"{sign} {value} in every year {t.start}–{t.end}{interim}"
    if kind == TargetKind.about:
        if t.tolerance is not None:
            band = f"± {format_number(t.tolerance)}"
        else:
            band = f"−{format_number(t.tolerance_below)}/+{format_number(t.tolerance_above)}"
        return f"about {value} ({band}){_when(t)}{interim}"
    if kind in (TargetKind.increase, TargetKind.decrease):
        verb = "rising" if kind == TargetKind.increase else "falling"
        pace = ""
        if t.min_pace is not None:
            # A pace on a percentage is in percentage points: "+2% a year" would read as relative.
            step = " percentage points" if indicator.unit == "%" else unit
            pace = f" by at least {format_number(t.min_pace)}{step} a year"
        elif t.min_pace_relative is not None:
            pace = f" by at least {format_number(100 * t.min_pace_relative)}% a year"
        return f"{verb}{pace}{_over(t)}{interim}"
    if kind == TargetKind.increase_each_period:
        periods = ", ".join(f"{a}–{b}" if a != b else str(a) for a, b in t.periods)
        return f"higher in each period than the previous: {periods}"
    if kind == TargetKind.gap_narrowing:
        a, b = t.between
        measure = "ratio" if t.measure == GapMeasure.ratio else "gap"
        pace = f", by at least {format_number(t.min_pace)} a year" if t.min_pace is not None else ""
        return f"{measure} between {_ref(a)} and {_ref(b)} narrowing{pace}{_over(t)}"
    if kind == TargetKind.relative:
        words = {Comparator.at_least: "not below", Comparator.at_most: "not above",
                 Comparator.about: "about equal to"}
        word = words[t.comparator] if t.comparator is not None else "compared with"
        band = f" (± {format_number(t.tolerance)})" if t.tolerance is not None else ""
        return f"{word} {_ref(t.reference)}{band}{_when(t)}"
    if kind == TargetKind.trend_slowing:
        window = t.window if t.window is not None else 5
        return f"rising trend slowing (slopes over {window}-year windows){_over(t)}"
    if kind == TargetKind.ratio:
        sign = "≥" if t.comparator == Comparator.at_least else "≤"
        if t.numerator is not None or t.denominator is not None:
            return f"{_ref(t.numerator)} / {_ref(t.denominator)} {sign} {format_number(t.value)}{_when(t)}"
        return f"ratio {sign} {format_number(t.value)}{_when(t)}"
    if kind == TargetKind.full_coverage:
        slack = f" (within {format_number(t.tolerance)} points)" if t.tolerance else ""
        return f"full coverage, 100%{slack}{_when(t)}"
    if kind == TargetKind.milestone:
        status = f" — status: {t.status.name}" if t.status is not None else ""
        when = f" by {t.year}" if t.year is not None else ""
        return f"milestone: {t.description.in_language('en')}{when}{status}"
    return str(kind)

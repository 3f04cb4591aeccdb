"""One chart per assessed target for the HTML and Word reports: the series the target was judged
on (the indicator, or a gap, a difference, a ratio), the projection and band the assessment
itself made (carried by the evaluation row: nothing is refitted here), the range the target
allows, its baseline and its deadline."""

from __future__ import annotations

import math
from typing import Any, List, Mapping, Optional, Sequence, Tuple

from .._core import Indicator
from ..charts import assessment_chart, figure_to_png, figure_to_svg
from ..observations import ObservationRecord
from .content import Part
from .text import reason_text, unit_text, words

__all__ = ["target_chart"]

#: Kinds measured from a baseline: their chart marks it.
_FROM_BASELINE = ("increase", "decrease", "gap_narrowing")


def _observed(indicator: Indicator, row: Mapping[str, Any],
              records: Sequence[ObservationRecord]) -> Tuple[List[int], List[float]]:
    """The observations of the series the row was judged on: the values the assessment used for a
    derived series (a gap or a ratio exists only there), else the indicator's total (or, without
    one, its first breakdown) — also when nothing could be judged, to show what there is."""
    if row["years_used"] and row["series"] != indicator.id:
        return [int(y) for y in row["years_used"]], [float(v) for v in row["values_used"]]
    totals = [r for r in records if not r.disaggregation] or [r for r in records if r.series_key == records[0].series_key]
    return _points(totals)


def _side(components: Mapping[str, Any], name: str) -> Optional[float]:
    value = components.get(name)
    return None if value is None else float(value)


def _points(records: Sequence[ObservationRecord]) -> Tuple[List[int], List[float]]:
    shown = sorted((r.year, r.value) for r in records)
    return [y for y, _ in shown], [v for _, v in shown]


def target_chart(indicator: Indicator, row: Mapping[str, Any], label: str, records: Sequence[ObservationRecord],
                 *, span: Tuple[int, int], language: str, parts: Sequence[Part] = (), svg: bool = True,
                 png: bool = False) -> Tuple[str, bytes, str]:
    """The target's chart as inline SVG (titled with its label, for HTML and PDF) and as PNG (for
    Word), each only when asked for, and a note saying why no projection is drawn, when none is.
    ``parts`` (a relative target's two series, a ratio's numerator and denominator) are drawn
    in a panel of their own above the derived series that was judged."""
    w = words(language)
    c = row["components"]
    projection = row.get("projection")
    has_band = projection is not None and any(v is not None for v in projection["lower"])
    note = ""
    if row["reason"]:
        note = w["no_projection"].format(reason=reason_text(row["reason"], row["message"], language))
        projection = None
    elif not has_band and projection is not None:
        note = w["no_band"]
        projection = None
    observed = _observed(indicator, row, records)
    if observed[1] and not math.isfinite(max(observed[1]) - min(observed[1])):
        return "", b"", note  # near ±1.8e308: no axis can span them
    baseline = None
    if row["kind"] in _FROM_BASELINE and c.get("baseline_year") is not None:
        baseline = (int(c["baseline_year"]), float(c["baseline_value"]))
    ax = assessment_chart(
        observed, projection,
        judged=(_side(c, "target_lower"), _side(c, "target_upper")), deadline=int(row["deadline"]), span=span,
        baseline=baseline, unit=unit_text(indicator, language) if row["series"] in (indicator.id, "") else "",
        title=label, note=note, language=language,
        parts=[(name, *_points(part)) for name, part in parts if part],
        parts_unit=unit_text(indicator, language) if row["kind"] == "relative" else "",
    )
    return (figure_to_svg(ax.figure, id_salt=row["key"], title=label) if svg else "",
            figure_to_png(ax.figure) if png else b"", note)

"""One chart per indicator for the HTML report: the fan chart of the projection its targets
were judged on, or its observations alone when none could be made."""

from __future__ import annotations

import math
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple

from .._core import Indicator, OntrackError
from ..charts import fan_chart, figure_to_svg, series_chart
from ..observations import ObservationRecord
from ..projection import project
from .text import reason_text, words

__all__ = ["indicator_chart"]

_COUNT_MODELS = ("poisson_rate", "binomial_share")


def _primary_row(indicator: Indicator, rows: Sequence[Mapping[str, Any]]) -> Optional[Mapping[str, Any]]:
    """The first target judged on the indicator's own series with a projection model: its fit
    is the one the chart shows, so the chart agrees with the numbers in the table."""
    for row in rows:
        if row["series"] == indicator.id and row["model"] and len(row["years_used"]) >= 2:
            return row
    return None


def _shown_series(records: Sequence[ObservationRecord]) -> List[ObservationRecord]:
    """The total when observed, else the first breakdown observed."""
    totals = [r for r in records if not r.disaggregation]
    if totals:
        return totals
    first = records[0].series_key
    return [r for r in records if r.series_key == first]


def _project(indicator: Indicator, row: Mapping[str, Any], records: Sequence[ObservationRecord], to: int) -> Any:
    model = str(row["model"])
    years = [int(y) for y in row["years_used"]]
    kwargs: Dict[str, Any] = {}
    bounds = (indicator.bounds.lower, indicator.bounds.upper)
    if model == "logit" and all(math.isfinite(b) for b in bounds):
        kwargs["bounds"] = bounds
    if model in _COUNT_MODELS:
        by_year = {r.year: r for r in records if not r.disaggregation}
        kwargs["numerator"] = [by_year[y].numerator for y in years]
        kwargs["denominator"] = [by_year[y].denominator for y in years]
        values = None
    else:
        values = [float(v) for v in row["values_used"]]
    return project(years, values, model=model, to=max(to, max(years)), **kwargs)


def indicator_chart(indicator: Indicator, rows: Sequence[Mapping[str, Any]], records: Sequence[ObservationRecord],
                    *, language: str) -> Tuple[Optional[str], str]:
    """The indicator's chart as inline SVG, and a note saying what it shows when not a fan."""
    w = words(language)
    targets = list(indicator.targets)
    row = _primary_row(indicator, rows)
    note = ""
    if row is not None:
        deadline = max(int(r["deadline"]) for r in rows)
        try:
            projection = _project(indicator, row, records, deadline)
        except (OntrackError, KeyError) as error:  # e.g. counts missing in a year: show the data
            note = w["no_projection"].format(reason=error.args[0] if error.args else error)
        else:
            ax = fan_chart(projection, target=targets, indicator=indicator, language=language)
            return figure_to_svg(ax.figure, id_salt=indicator.id), ""
    else:
        reasons = [reason_text(r["reason"], r["message"], language) for r in rows if r["reason"]]
        note = w["no_projection"].format(reason=reasons[0] if reasons else w["none"])
    shown = _shown_series(records)
    values = [r.value for r in shown]
    if not math.isfinite(max(values) - min(values)):  # near ±1.8e308: no axis can span them
        return None, note
    ax = series_chart([r.year for r in shown], [r.value for r in shown], target=targets, indicator=indicator,
                      language=language)
    return figure_to_svg(ax.figure, id_salt=indicator.id), note

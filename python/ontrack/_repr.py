"""ontrack in a notebook: HTML summaries, tables and fan charts.

Every ``_repr_html_`` here is bounded — a plan of 10,000 indicators shows its counts, the first
rows and "… and N more" — and escapes every text it shows, since plan files and data come from
elsewhere. :func:`attach` gives the pybind11 classes :class:`ontrack.Plan` and
:class:`ontrack.Indicator` their notebook methods (``_repr_html_``, ``to_frame``/``to_pandas``);
``Projection``, ``Assessment`` and ``Evaluation`` call the functions below from their class
bodies. pandas is imported by the ``*_frame`` functions only, matplotlib by ``.plot`` only.
"""

from __future__ import annotations

import html
import math
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from ._core import Domain, Goal, Indicator, Plan, Series, Target
from .describe import describe_target, format_number

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas

__all__ = [
    "MAX_ROWS",
    "assessment_frame",
    "assessment_html",
    "attach",
    "evaluation_html",
    "indicator_frame",
    "indicator_html",
    "plan_frame",
    "plan_html",
    "projection_frame",
    "projection_html",
    "sparkline",
]

#: Rows an HTML summary lists before "… and N more".
MAX_ROWS = 10

# One style sheet per summary, scoped to its class, rather than a style on every cell.
_STYLE = ("<style>.ontrack-repr{font-family:sans-serif;font-size:13px;line-height:1.4}"
          ".ontrack-repr table{border-collapse:collapse;margin:4px 0}"
          ".ontrack-repr th,.ontrack-repr td{padding:2px 8px;text-align:left;vertical-align:middle;"
          "border-bottom:1px solid #ddd}.ontrack-repr ul{margin:2px 0}</style>")


class _Html(str):
    """Text that is already HTML (built here from escaped parts): shown as is, never escaped."""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _num(value: Optional[float]) -> str:
    if value is None or not math.isfinite(value):
        return "–"
    return f"{value:.4g}"


def _both(text: Any) -> str:
    """A zh/en Text as "中文 / English" (one of them when the other is missing or equal)."""
    parts = [p for p in (text.zh, text.en) if p]
    return " / ".join(dict.fromkeys(parts))


def _table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{c if isinstance(c, _Html) else _e('' if c is None else c)}</td>" for c in row) + "</tr>"
        for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _more(total: int, shown: int, what: str) -> str:
    return f"<div>… and {total - shown:,} more {_e(what)}</div>" if total > shown else ""


def _box(title: str, *parts: str) -> str:
    return f'<div class="ontrack-repr">{_STYLE}<strong>{title}</strong>{"".join(parts)}</div>'


# -- the sparkline -------------------------------------------------------------------------------
# Built by hand as a few SVG elements rather than drawn with matplotlib: a repr runs every time an
# object is shown, and importing matplotlib and rendering a figure would cost about a second and
# tens of kilobytes per object, where a polyline of a dozen points is a few hundred bytes that
# scales with the page and needs no optional dependency.

_SPARK_W, _SPARK_H, _SPARK_PAD = 120, 28, 2.5


def sparkline(
    years: Sequence[float],
    values: Sequence[float],
    *,
    forecast: Optional[Tuple[Sequence[float], Sequence[float], Sequence[float], Sequence[float]]] = None,
    target: Sequence[float] = (),
    width: int = _SPARK_W,
    height: int = _SPARK_H,
    label: str = "trend",
) -> str:
    """A small inline SVG: the observed values as a line, the projection (``forecast`` = years,
    median, lower, upper) dashed in a shaded band, and the target levels as thin red lines.
    ``label`` is its accessible name and ``<title>`` (escaped). Non-finite numbers are left out;
    nothing to draw gives an empty string."""
    obs = [(float(x), float(y)) for x, y in zip(years, values) if math.isfinite(x) and math.isfinite(y)]
    fyears, median, lower, upper = forecast if forecast is not None else ((), (), (), ())
    med = [(float(x), float(y)) for x, y in zip(fyears, median) if math.isfinite(y)]
    band = [(float(x), float(lo), float(hi)) for x, lo, hi in zip(fyears, lower, upper)
            if math.isfinite(lo) and math.isfinite(hi)]
    levels = [float(t) for t in target if math.isfinite(t)]
    xs = [x for x, _ in obs + med] + [x for x, _, _ in band]
    ys = [y for _, y in obs + med] + [v for _, lo, hi in band for v in (lo, hi)] + levels
    if not xs:
        return ""
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    if x1 == x0:
        x0, x1 = x0 - 1, x1 + 1
    if y1 == y0:
        pad = abs(y0) * 0.05 or 1.0
        y0, y1 = y0 - pad, y1 + pad

    def px(x: float) -> float:
        return _SPARK_PAD + (x - x0) / (x1 - x0) * (width - 2 * _SPARK_PAD)

    def py(y: float) -> float:
        return height - _SPARK_PAD - (y - y0) / (y1 - y0) * (height - 2 * _SPARK_PAD)

    def points(pts: Iterable[Tuple[float, float]]) -> str:
        return " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in pts)

    parts = []
    if band:
        outline = [(x, hi) for x, _, hi in band] + [(x, lo) for x, lo, _ in reversed(band)]
        if obs:  # the band opens at the last observation
            outline = [obs[-1]] + outline
        parts.append(f'<polygon points="{points(outline)}" fill="#9ecae1" fill-opacity="0.5" stroke="none"/>')
    for level in levels:
        parts.append(f'<line x1="{px(x0):.1f}" y1="{py(level):.1f}" x2="{px(x1):.1f}" y2="{py(level):.1f}" '
                     'stroke="#d62728" stroke-width="0.8" stroke-dasharray="2,2"/>')
    if med:
        path = ([obs[-1]] if obs else []) + med
        parts.append(f'<polyline points="{points(path)}" fill="none" stroke="#3182bd" stroke-width="1.2" '
                     'stroke-dasharray="3,2"/>')
    if obs:
        parts.append(f'<polyline points="{points(obs)}" fill="none" stroke="#252525" stroke-width="1.2"/>')
        parts.append(f'<circle cx="{px(obs[-1][0]):.1f}" cy="{py(obs[-1][1]):.1f}" r="1.8" fill="#252525"/>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{_e(label)}"><title>{_e(label)}</title>'
            f'{"".join(parts)}</svg>')


def _assessed_sparkline(native: Mapping[str, Any], label: str = "trend") -> str:
    """The sparkline of an assessment record: the values used, the projection it carries (yearly
    median and band, as judged) and the target's edges."""
    c = native["components"]
    path = native.get("projection")
    forecast = None
    if path:
        def finite(values: Sequence[Optional[float]]) -> List[float]:
            return [math.nan if v is None else float(v) for v in values]

        forecast = (path["years"], finite(path["median"]), finite(path["lower"]), finite(path["upper"]))
    edges = [c[k] for k in ("target_lower", "target_upper") if k in c]
    return sparkline(native["years_used"], native["values_used"], forecast=forecast, target=edges, label=label)


# -- Plan and Indicator (attached to the pybind11 classes) ---------------------------------------

def _target_records(indicator: Indicator) -> List[Dict[str, Any]]:
    return [{"target_index": k, "kind": t.kind.name, "text": t.text, "reading": describe_target(t, indicator),
             "value": t.value, "year": t.year, "start": t.start, "end": t.end, "interim": t.interim}
            for k, t in enumerate(indicator.targets)]


def indicator_frame(indicator: Indicator) -> "pandas.DataFrame":
    """One row per target of the indicator: its kind, the plan's wording, its exact reading and
    the numbers it names."""
    import pandas as pd

    columns = ["target_index", "kind", "text", "reading", "value", "year", "start", "end", "interim"]
    return pd.DataFrame.from_records(_target_records(indicator), columns=columns)


def plan_frame(plan: Plan) -> "pandas.DataFrame":
    """One row per indicator target, in plan order: domain, goal, the indicator (id, names, unit)
    and the target (kind, the plan's wording, its exact reading, the numbers it names); an
    indicator without targets has one row."""
    import pandas as pd

    records: List[Dict[str, Any]] = []
    for domain in plan.domains:
        for goal in domain.goals:
            for ind in goal.indicators:
                where = {"domain": domain.id, "goal": goal.id, "indicator": ind.id, "name_zh": ind.name.zh,
                         "name_en": ind.name.en, "unit": ind.unit}
                records.extend({**where, **t} for t in _target_records(ind) or [{}])
    columns = ["domain", "goal", "indicator", "name_zh", "name_en", "unit", "target_index", "kind", "text",
               "reading", "value", "year", "start", "end", "interim"]
    return pd.DataFrame.from_records(records, columns=columns)


def _total_series(series: Sequence[Series]) -> Dict[str, Series]:
    """Each indicator's total series (no disaggregation), by indicator id."""
    return {s.indicator: s for s in series if not s.disaggregation}


def plan_html(plan: Plan) -> str:
    domains = plan.domains
    goals = [g for d in domains for g in d.goals]
    indicators = [i for g in goals for i in g.indicators]
    series = plan.series
    totals = _total_series(series)
    n_targets = sum(len(i.targets) for i in indicators)
    midterm = f", mid-term {plan.midterm_year}" if plan.midterm_year is not None else ""
    summary = (f"<div>{plan.period_start}–{plan.period_end} (base year {plan.base_year}{midterm}): "
               f"{len(domains):,} domains, {len(goals):,} goals, {len(indicators):,} indicators, "
               f"{n_targets:,} targets, {len(series):,} series</div>")
    rows = []
    for ind in indicators[:MAX_ROWS]:
        s = totals.get(ind.id)
        spark = _Html(sparkline(s.years(), s.values())) if s is not None else ""
        rows.append([ind.id, _both(ind.name), ind.unit,
                     "; ".join(describe_target(t, ind) for t in ind.targets), spark])
    return _box(f"Plan {_e(plan.id)}: {_e(_both(plan.title))}", summary,
                _table(["indicator", "name", "unit", "targets", "data"], rows),
                _more(len(indicators), len(rows), "indicators"))


def indicator_html(indicator: Indicator) -> str:
    b = indicator.bounds
    summary = (f"<div>{_e(indicator.unit or 'no unit')}, scale {_e(indicator.scale.name)}, better: "
               f"{_e(indicator.direction.name)}, bounds [{_e(format_number(b.lower))}, {_e(format_number(b.upper))}]; "
               f"{len(indicator.targets)} targets</div>")
    records = _target_records(indicator)
    rows = [[r["target_index"], r["kind"], r["text"], r["reading"]] for r in records[:MAX_ROWS]]
    return _box(f"Indicator {_e(indicator.id)}: {_e(_both(indicator.name))}", summary,
                _table(["#", "kind", "plan wording", "reading"], rows),
                _more(len(records), len(rows), "targets"))


# The methods attach() puts on the binding's classes. Their first parameter is `self`, so the
# generated type stub (pybind11-stubgen, `make stubs`) describes them as methods.

def _plan_repr_html(self: Plan) -> str:
    return plan_html(self)


def _plan_to_frame(self: Plan) -> pandas.DataFrame:
    return plan_frame(self)


def _indicator_repr_html(self: Indicator) -> str:
    return indicator_html(self)


def _indicator_to_frame(self: Indicator) -> pandas.DataFrame:
    return indicator_frame(self)


_plan_to_frame.__doc__ = plan_frame.__doc__
_indicator_to_frame.__doc__ = indicator_frame.__doc__


def _target_repr(self: Target) -> str:
    """``<Target at_least 35 by 2030>``, ``<Target about 40 ±2 by 2030>``,
    ``<Target gap_narrowing 2020–2030>``: the kind, its value and when it is judged."""
    parts = [self.kind.name]
    if self.value is not None:
        parts.append(format_number(self.value))
    if self.tolerance is not None:
        parts.append(f"±{format_number(self.tolerance)}")
    if self.year is not None:
        parts.append(f"by {self.year}")
    elif self.start is not None or self.end is not None:
        parts.append(f"{self.start if self.start is not None else '…'}–{self.end if self.end is not None else '…'}")
    return f"<Target {' '.join(parts)}{' (interim)' if self.interim else ''}>"


def _indicator_repr(self: Indicator) -> str:
    unit = f" ({self.unit})" if self.unit else ""
    n = len(self.targets)
    return f"<Indicator {self.id} {self.name.zh or self.name.en!r}{unit}: {n} target{'s' if n != 1 else ''}>"


def _domain_repr(self: Domain) -> str:
    indicators = sum(len(g.indicators) for g in self.goals)
    return f"<Domain {self.number} {self.name.zh or self.name.en!r}: {len(self.goals)} goals, {indicators} indicators>"


def _goal_repr(self: Goal) -> str:
    return f"<Goal {self.id}: {len(self.indicators)} indicators>"


def _series_repr(self: Series) -> str:
    years = list(self.years())
    breakdown = ", ".join(f"{k}={v}" for k, v in sorted(self.disaggregation.items()))
    span = "no values" if not years else (f"{years[0]}" if len(years) == 1 else f"{min(years)}–{max(years)}")
    return f"<Series {self.indicator}{f' [{breakdown}]' if breakdown else ''} {span}, {len(years)} values>"


def _plan_from_dict(record: "dict[str, object]", source: str = "") -> Plan:
    """A plan from the dict a plan file holds (``json.loads`` of it), checked as the file would be."""
    import json

    return Plan.from_json(json.dumps(record, ensure_ascii=False), source)


def attach() -> None:
    """Gives :class:`ontrack.Plan` and :class:`ontrack.Indicator` their notebook methods
    (``_repr_html_``, ``to_frame`` and its alias ``to_pandas``), ``Plan.from_dict``, and the
    plan's parts readable reprs (``<Target at_least 35 by 2030>``). The classes come from the
    compiled binding; the methods are plain Python, so they live here."""
    for cls, to_html, to_frame in ((Plan, _plan_repr_html, _plan_to_frame),
                                   (Indicator, _indicator_repr_html, _indicator_to_frame)):
        setattr(cls, "_repr_html_", to_html)
        setattr(cls, "to_frame", to_frame)
        setattr(cls, "to_pandas", to_frame)
    setattr(Plan, "from_dict", staticmethod(_plan_from_dict))
    reprs: Tuple[Tuple[type, Any], ...] = ((Target, _target_repr), (Indicator, _indicator_repr),
                                           (Domain, _domain_repr), (Goal, _goal_repr), (Series, _series_repr))
    for part, text in reprs:
        setattr(part, "__repr__", text)


# -- Projection, Assessment, Evaluation (called from their class bodies) -------------------------

def projection_frame(p: Any) -> "pandas.DataFrame":
    """One row per year, indexed by year: the observed ``value`` and in-sample ``fitted`` value
    for the years used, the ``median`` and the ``lower``/``upper`` interval bounds (at the
    projection's level) for the years projected."""
    import numpy as np
    import pandas as pd

    observed = pd.DataFrame({"value": p.values, "fitted": p.fitted}, index=pd.Index(p.years, name="year"))
    if not p.ok:
        return observed.reindex(columns=["value", "fitted", "median", "lower", "upper"])
    fyears = p.forecast_years
    bounds = p.interval(fyears) if len(fyears) else np.empty((0, 2))
    projected = pd.DataFrame({"median": p.predict(fyears), "lower": bounds[:, 0], "upper": bounds[:, 1]},
                             index=pd.Index(fyears, name="year"))
    # The deadline may be the last observed year itself: both halves then share that row.
    return observed.join(projected, how="outer")


def _forecast(p: Any) -> Optional[Tuple[Any, Any, Any, Any]]:
    if not p.ok or not len(p.forecast_years):
        return None
    bounds = p.interval(p.forecast_years)
    return p.forecast_years, p.predict(p.forecast_years), bounds[:, 0], bounds[:, 1]


def projection_html(p: Any) -> str:
    years = p.years
    span = f"{int(years[0])}–{int(years[-1])}" if len(years) else "no years"
    if p.ok:
        lo, hi = p.interval(p.deadline)
        verdict = (f"<div>{p.deadline}: {_e(_num(p.predict(p.deadline)))} "
                   f"[{_e(_num(lo))}, {_e(_num(hi))}] at {p.level:.0%}</div>")
    else:
        verdict = f"<div>status {_e(p.status)}</div>"
    reason = f"<div><em>{_e(p.reason)}</em></div>" if p.reason else ""
    spark = sparkline(years, p.values, forecast=_forecast(p))
    return _box(f"Projection {_e(p.model)}", f"<div>{p.n} points, {span}</div>", verdict, reason, spark)


def assessment_frame(a: Any) -> "pandas.DataFrame":
    """One row: the method, ontrack's status, the method's label, ``p_meet``, the model, the
    reason, every component as a column and the warning codes; rows of several assessments
    concatenate into a table."""
    import pandas as pd

    row = {"method": a.method, "status": a.status, "label": a.label, "p_meet": a.p_meet, "model": a.model,
           "reason": a.native_reason, **a.native_components,
           "warnings": ",".join(w.code for w in a.warnings)}
    return pd.DataFrame([row])


def _warning_items(warnings: Sequence[Any], limit: int) -> str:
    items = "".join(f"<li>{_e(w.severity)}: {_e(w.en)}" + (f" ({_e(w.indicator)})" if w.indicator else "") + "</li>"
                    for w in warnings[:limit])
    return f'<ul>{items}</ul>{_more(len(warnings), min(limit, len(warnings)), "warnings")}'


def assessment_html(a: Any) -> str:
    c = a.native_components
    label = f" — {_e(a.method)}: {_e(a.label)} ({_e(a.label_text)})" if a.mode_result else ""
    lines = [f"<div>{_e(a.status_text('en'))} / {_e(a.status_text('zh'))}{label}</div>"]
    if a.p_meet is not None:
        lines.append(f"<div>probability of meeting the target: {a.p_meet:.1%}</div>")
    if "projected_value" in c:
        lines.append(f"<div>projected {_e(_num(c.get('deadline')))}: {_e(_num(c['projected_value']))} "
                     f"[{_e(_num(c.get('projected_value_lower')))}, {_e(_num(c.get('projected_value_upper')))}]"
                     f" ({_e(a.model)})</div>")
    if a.native_reason:
        lines.append(f"<div>not assessable: {_e(a.native_reason)} — {_e(a.message)}</div>")
    if a.warnings:
        lines.append(_warning_items(a.warnings, MAX_ROWS))
    spark = _assessed_sparkline(a.to_dict()["native"])
    return _box(f"Assessment: {_e(a.status)}", *lines, spark)


def evaluation_html(e: Any) -> str:
    from .report.content import stand_in_sentence
    from .report.text import words

    record = e.to_dict()
    plan_summary = record["summary"]["plan"]
    counts = ", ".join(f"{n} {_e(s)}" for s, n in plan_summary["counts"].items() if n)
    rate = plan_summary["achievement_rate"]
    head = (f"<div>{len(record['rows']):,} targets: {counts}; achievement rate (达标率) "
            f"{'–' if rate is None else f'{rate:.1%}'} of {plan_summary['assessable']} assessable</div>")
    data = record["data"]
    data_line = f"<div>data: {data['points']:,} observations in {data['series']:,} series</div>"
    stand_in = stand_in_sentence(e.stand_in, "en")
    notice = f"<div><strong>{_e(stand_in)}</strong></div>" if stand_in else ""
    # Each chart says it too: a chart copied out of the notebook keeps the label.
    chart_label = f" ({words('en')['stand_in_short']})" if stand_in else ""
    # The assessable targets first: a plan early in its period is mostly not assessable, and
    # those rows say least.
    rows = sorted(record["rows"], key=lambda r: r["status"] == "not_assessable")
    shown = []
    for r in rows[:MAX_ROWS]:
        p = r["components"].get("p_meet")
        shown.append([r["key"], r["kind"], r["status"], _num(p) if r["status"] != "not_assessable" else r["reason"],
                      _Html(_assessed_sparkline(r, f"{r['key']} trend{chart_label}"))])
    table = _table(["target", "kind", "status", "p_meet / reason", f"trend{chart_label}"], shown)
    warnings = e.warnings
    warning_part = f"<div>{len(warnings)} early warnings</div>" + (_warning_items(warnings, 5) if warnings else "")
    title = f"Evaluation of {_e(e.plan_id)} as of {e.as_of} ({_e(e.preset)}, {_e(e.method)})"
    return _box(title, notice, head, data_line, table, _more(len(rows), len(shown), "targets"), warning_part)

"""Backtests: how good would ontrack's forecasts, probabilities and verdicts have been?

``backtest(data)`` makes rolling-origin forecasts over series with later observations: from
every origin year, only the values up to that year are used, and each later observed value is
the outcome the forecast is scored against (coverage of its 80 % and 95 % intervals, its PIT,
and the Brier and log scores and calibration of the probability of an event). With a plan,
``backtest(data, plan=plan)`` also evaluates the plan as of each origin, with ontrack's method
and any published method, and scores the verdicts against what happened by each deadline.
docs/backtest.md describes every column and metric.
"""

from __future__ import annotations

import inspect
import math
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from ._core import InvalidInputError, Plan, Series
from .backtesting import metrics
from .evaluation import evaluate
from .observations import Observations
from .projection import project

if TYPE_CHECKING:  # pandas and matplotlib are imported only when used
    import pandas
    from matplotlib.axes import Axes

__all__ = ["DEFAULT_HORIZONS", "LEVELS", "Backtest", "backtest"]

#: Interval levels every forecast is scored at, with the columns of their bounds.
LEVELS: Tuple[float, float] = (0.80, 0.95)
_BOUND_COLUMNS = {level: (f"lower_{round(level * 100)}", f"upper_{round(level * 100)}") for level in LEVELS}
#: Horizons (years after the origin) scored by default.
DEFAULT_HORIZONS: Tuple[int, ...] = tuple(range(1, 11))
#: Fewest values a forecast may be made from.
_MIN_POINTS = 3
#: Summary groupings accepted by :meth:`Backtest.summary`.
_GROUPINGS = ("horizon", "model", "series", "origin")

DataLike = Union["pandas.DataFrame", Observations, Sequence[Series]]
ThresholdLike = Union[None, float, Mapping[str, Tuple[float, str]]]


def _series_name(series: Series) -> str:
    parts = [f"{k}={v}" for k, v in sorted(series.disaggregation.items())]
    return series.indicator + (f" [{', '.join(parts)}]" if parts else "")


def _as_series(data: DataLike) -> List[Series]:
    if isinstance(data, Observations):
        return data.latest_vintage().to_series()
    pandas = sys.modules.get("pandas")
    if pandas is not None and isinstance(data, pandas.DataFrame):
        frame = data
        if "indicator" not in frame.columns and "series" in frame.columns:
            frame = frame.rename(columns={"series": "indicator"})
        if "indicator" in frame.columns:  # reference-data rows that map to no indicator
            frame = frame[frame["indicator"].notna()]
        return Observations.from_frame(frame).latest_vintage().to_series()
    items = list(data)
    if not all(isinstance(s, Series) for s in items):
        raise InvalidInputError("data must be a tidy DataFrame (series or indicator, year, value), "
                                "an ontrack.Observations or a list of ontrack.Series")
    return items


def _plan_events(plan: Plan) -> Dict[str, Tuple[float, str]]:
    """The level each indicator's first at_least/at_most target asks for: the event its
    forecasts' P(meet) is about."""
    events: Dict[str, Tuple[float, str]] = {}
    for indicator in plan.indicators():
        for target in indicator.targets:
            kind = target.kind.name
            if kind in ("at_least", "at_most", "maintain_at_least", "maintain_at_most") and target.value is not None:
                events[indicator.id] = (float(target.value), ">=" if kind.endswith("at_least") else "<=")
                break
    return events


def _plan_bounds(plan: Plan) -> Dict[str, Tuple[float, float]]:
    out = {}
    for indicator in plan.indicators():
        b = indicator.bounds
        if math.isfinite(b.lower) and math.isfinite(b.upper):
            out[indicator.id] = (float(b.lower), float(b.upper))
    return out


def _event(series: Series, name: str, origin_value: float,
           thresholds: ThresholdLike) -> Tuple[float, str]:
    if thresholds is None:
        return origin_value, ">="
    if isinstance(thresholds, (int, float)):
        return float(thresholds), ">="
    for key in (name, series.indicator):
        if key in thresholds:
            value, comparator = thresholds[key]
            if comparator not in (">=", "<="):
                raise InvalidInputError(f"threshold of {key!r}: comparator {comparator!r} must be '>=' or '<='")
            return float(value), comparator
    return origin_value, ">="


def _forecast_rows(series: Series, origins: Optional[Sequence[int]], horizons: Sequence[int],
                   models: Sequence[str], thresholds: ThresholdLike,
                   bounds: Optional[Tuple[float, float]], options: Mapping[str, Any]) -> List[Dict[str, Any]]:
    name = _series_name(series)
    points = sorted((o.year, o.value) for o in series.observations)
    years = np.array([p[0] for p in points], dtype=int)
    values = np.array([p[1] for p in points], dtype=float)
    wanted = set(int(h) for h in horizons)
    chosen = sorted(set(int(y) for y in (origins if origins is not None else years)))
    rows: List[Dict[str, Any]] = []
    for origin in chosen:
        used = years <= origin
        later = [(int(y), float(v)) for y, v in zip(years[~used], values[~used]) if int(y) - origin in wanted]
        if not later:
            continue
        # Only the values up to the origin reach the model: the outcomes stay out of its sight.
        fit_years, fit_values = years[used], values[used]
        origin_value = float(fit_values[-1]) if fit_years.size else math.nan
        threshold, comparator = _event(series, name, origin_value, thresholds)
        for model in models:
            base = {"series": name, "indicator": series.indicator, "model": model, "origin": origin,
                    "n_used": int(fit_years.size), "last_used": int(fit_years[-1]) if fit_years.size else None}
            projection, status, reason = None, "ok", ""
            if fit_years.size < _MIN_POINTS:
                status = "too_few_points"
                reason = f"{fit_years.size} value{'s' if fit_years.size != 1 else ''} up to {origin}, fewer than {_MIN_POINTS}"
            else:
                try:
                    projection = project(fit_years.tolist(), fit_values.tolist(), model=model,
                                         to=max(y for y, _ in later), bounds=bounds, **options)
                except InvalidInputError as error:  # this series' trouble, not the batch's
                    status, reason = "invalid_input", str(error.args[0] if error.args else error)
                if projection is not None and not projection.ok:
                    status, reason = projection.status, projection.reason
            for year, actual in later:
                row = {**base, "year": year, "horizon": year - origin, "actual": actual,
                       "threshold": threshold, "comparator": comparator,
                       "met": bool(actual >= threshold) if comparator == ">=" else bool(actual <= threshold),
                       "status": status, "reason": reason, "fitted_model": None,
                       "forecast": math.nan, "pit": math.nan, "p_meet": math.nan}
                for lower, upper in _BOUND_COLUMNS.values():
                    row[lower] = row[upper] = math.nan
                if status == "ok" and projection is not None:
                    row["fitted_model"] = projection.model
                    row["forecast"] = float(projection.predict(year))
                    for level, (lower, upper) in _BOUND_COLUMNS.items():
                        row[lower], row[upper] = (float(v) for v in projection.interval(year, level))
                    row["pit"] = projection.prob_at_most(actual, year)
                    row["p_meet"] = (projection.prob_at_least(threshold, year) if comparator == ">="
                                     else projection.prob_at_most(threshold, year))
                rows.append(row)
    return rows


def _outcomes(plan: Plan, data: List[Series], options: Mapping[str, Any]) -> Dict[str, Dict[str, Any]]:
    """What happened to each target by its deadline, decided by ontrack's own evaluation as of
    the deadline on all the data: met, missed, or unknown when the deadline year has no data."""
    out: Dict[str, Dict[str, Any]] = {}
    deadlines = {int(row["deadline"]) for row in evaluate(plan, data, as_of=plan.period_end, **options).rows}
    for deadline in sorted(deadlines):
        for row in evaluate(plan, data, as_of=deadline, **options).rows:
            if int(row["deadline"]) != deadline:
                continue
            c = row["components"]
            decided = bool(c.get("decided")) and c.get("latest_year") == deadline
            out[row["key"]] = {
                "outcome": ("met" if c.get("p_meet") == 1 else "missed") if decided else "unknown",
                "outcome_value": c.get("latest_value") if decided else None,
            }
    return out


def _target_rows(plan: Plan, data: List[Series], origins: Sequence[int], methods: Sequence[str],
                 options: Mapping[str, Any]) -> List[Dict[str, Any]]:
    outcomes = _outcomes(plan, data, options)
    rows = []
    for origin in origins:
        seen = [_truncated(s, origin) for s in data]
        for method in ("ontrack",) + tuple(m for m in methods if m != "ontrack"):
            ev = evaluate(plan, seen, as_of=origin, method=method, **options)
            for r in ev.rows:
                deadline = int(r["deadline"])
                if deadline <= origin or r["key"] not in outcomes:
                    continue
                p = r["components"].get("p_meet")
                rows.append({
                    "origin": origin, "method": method, "key": r["key"], "indicator": r["indicator"],
                    "target_index": r["target_index"], "deadline": deadline, "horizon": deadline - origin,
                    "text": r["text"], "status": r["status"], "verdict": r["label"] if method != "ontrack"
                    else r["status"], "verdict_text": r["label_text"] if method != "ontrack" else r["status_text"]["en"],
                    "p_meet": float(p) if p is not None else math.nan,
                    "last_used": r["components"].get("latest_year"), **outcomes[r["key"]],
                })
    return rows


def _truncated(series: Series, origin: int) -> Series:
    copy = Series()
    copy.indicator = series.indicator
    copy.disaggregation = dict(series.disaggregation)
    copy.observations = [o for o in series.observations if o.year <= origin]
    return copy


class Backtest:
    """The result of :func:`backtest`: per-forecast rows (:attr:`forecasts`), per-target
    verdict rows with a plan (:attr:`targets`), and their summaries and charts."""

    def __init__(self, forecasts: "pandas.DataFrame", targets: "pandas.DataFrame",
                 sources: "pandas.DataFrame", plan_id: Optional[str]) -> None:
        self.forecasts = forecasts
        self.targets = targets
        #: Where the data come from: per series and source, the years and how many values.
        self.sources = sources
        self.plan_id = plan_id

    # -- tables ----------------------------------------------------------------------------
    def scored(self) -> "pandas.DataFrame":
        """The forecasts that could be made (status ok): the ones every metric scores."""
        f = self.forecasts
        return f[f["status"] == "ok"] if len(f) else f

    def summary(self, by: Union[str, Sequence[str]] = "horizon") -> "pandas.DataFrame":
        """Per group (``"horizon"``, ``"model"``, ``"series"``, ``"origin"`` or a list of them):
        forecasts made and not made, coverage of the 80 % and 95 % intervals, mean PIT, and the
        Brier score, log score and expected calibration error of P(meet)."""
        import pandas as pd

        keys = [by] if isinstance(by, str) else list(by)
        unknown = [k for k in keys if k not in _GROUPINGS]
        if unknown:
            raise InvalidInputError(f"by={unknown[0]!r}: expected one or more of {', '.join(_GROUPINGS)}")
        rows = []
        if len(self.forecasts):
            for group, members in self.forecasts.groupby(keys, sort=True):
                ok = members[members["status"] == "ok"]
                values = group if isinstance(group, tuple) else (group,)
                rows.append({**dict(zip(keys, values)), **_scores(ok), "not_made": int(len(members) - len(ok))})
        columns = keys + list(_scores(None)) + ["not_made"]
        return pd.DataFrame(rows, columns=columns)

    def overall(self) -> Dict[str, float]:
        """The scores of every forecast made, together."""
        return _scores(self.scored())

    def pit_histogram(self, bins: int = 10) -> "pandas.DataFrame":
        import pandas as pd

        return pd.DataFrame(metrics.pit_histogram(self.scored()["pit"].to_numpy(), bins))

    def reliability(self, bins: int = 10) -> "pandas.DataFrame":
        """P(meet) in equal-width bins against how often the event happened."""
        import pandas as pd

        s = self.scored()
        return pd.DataFrame(metrics.reliability(s["p_meet"].to_numpy(), s["met"].to_numpy(bool), bins))

    def verdicts(self) -> "pandas.DataFrame":
        """Each method's verdicts as predictors of the outcome: per method and verdict, how many
        targets were eventually met, missed or are unknown (a confusion table), and the share
        met among the decided ones."""
        import pandas as pd

        t = self.targets
        if not len(t):
            return pd.DataFrame(columns=["method", "verdict", "met", "missed", "unknown", "share_met"])
        table = (t.groupby(["method", "verdict", "outcome"]).size().unstack("outcome", fill_value=0)
                 .reindex(columns=["met", "missed", "unknown"], fill_value=0).reset_index())
        decided = table["met"] + table["missed"]
        table["share_met"] = (table["met"] / decided).where(decided > 0)
        table.columns.name = None
        return table

    def target_scores(self) -> "pandas.DataFrame":
        """ontrack's P(meet) of each target against its outcome, per origin: Brier and log
        score over the targets whose outcome is known."""
        import pandas as pd

        t = self.targets
        rows = []
        if len(t):
            own = t[(t["method"] == "ontrack") & (t["outcome"] != "unknown") & t["p_meet"].notna()]
            for origin, members in own.groupby("origin"):
                met = (members["outcome"] == "met").to_numpy()
                p = members["p_meet"].to_numpy()
                rows.append({"origin": origin, "targets": len(members), "met": int(met.sum()),
                             "brier": metrics.brier(p, met), "log_score": metrics.log_score(p, met)})
        return pd.DataFrame(rows, columns=["origin", "targets", "met", "brier", "log_score"])

    def published_comparison(self, published: "pandas.DataFrame") -> "pandas.DataFrame":
        """One row per target: its outcome by the deadline, the published verdict of
        ``published`` (a frame with ``indicator``, ``published_verdict`` and
        ``published_outcome``, as :func:`ontrack.datasets.outline_2011_2020_verdicts`), and, per
        origin, ontrack's status and P(meet) and each method's verdict as of that origin."""
        t = self.targets
        own = t[t["method"] == "ontrack"]
        base = own.drop_duplicates("key")[["key", "indicator", "deadline", "outcome", "outcome_value"]]
        wide = base.merge(published[["indicator", "published_verdict", "published_outcome"]].drop_duplicates("indicator"),
                          on="indicator", how="left")
        for origin in sorted(t["origin"].unique()):
            at = own[own["origin"] == origin].set_index("key")
            wide[f"ontrack_{origin}"] = wide["key"].map(at["status"])
            wide[f"p_meet_{origin}"] = wide["key"].map(at["p_meet"])
            for method in [m for m in t["method"].unique() if m != "ontrack"]:
                of = t[(t["method"] == method) & (t["origin"] == origin)].set_index("key")
                wide[f"{method}_{origin}"] = wide["key"].map(of["verdict"])
        return wide.reset_index(drop=True)

    # -- charts -----------------------------------------------------------------------------
    def plot_reliability(self, ax: Optional["Axes"] = None, bins: int = 10) -> "Axes":
        from .backtesting.charts import reliability_diagram

        return reliability_diagram(self.reliability(bins), ax)

    def plot_coverage(self, ax: Optional["Axes"] = None) -> "Axes":
        from .backtesting.charts import coverage_by_horizon

        return coverage_by_horizon(self.summary("horizon"), ax)

    def plot_pit(self, ax: Optional["Axes"] = None, bins: int = 10) -> "Axes":
        from .backtesting.charts import pit_chart

        return pit_chart(self.pit_histogram(bins), ax)

    # -- output -----------------------------------------------------------------------------
    def to_html(self) -> str:
        """A self-contained HTML page: the summaries, the verdict table and the charts."""
        from .backtesting.output import html_page

        return html_page(self)

    def write(self, directory: str, formats: Iterable[str] = ("csv", "parquet", "png", "svg", "html"),
              extra: Optional[Mapping[str, Optional["pandas.DataFrame"]]] = None) -> List[str]:
        """Writes the per-forecast rows, the summaries, the verdicts, the charts and the page
        into ``directory`` (never seen half-written), with the ``extra`` tables by file stem
        (e.g. a :meth:`published_comparison`); returns the paths written."""
        from .backtesting.output import write

        tables = {stem: frame for stem, frame in (extra or {}).items() if frame is not None}
        return write(self, directory, list(formats), tables)

    def __repr__(self) -> str:
        s = self.overall()
        return (f"<Backtest{' of ' + self.plan_id if self.plan_id else ''}: {s['forecasts']} forecasts, "
                f"80 % coverage {s['coverage_80']:.0%}, 95 % coverage {s['coverage_95']:.0%}, "
                f"{len(self.targets)} target verdicts>")

    def _repr_html_(self) -> str:
        from .backtesting.output import notebook_html

        return notebook_html(self)


def _scores(ok: Optional["pandas.DataFrame"]) -> Dict[str, Any]:
    if ok is None or not len(ok):
        return {"forecasts": 0, "coverage_80": math.nan, "coverage_95": math.nan, "mean_pit": math.nan,
                "brier": math.nan, "log_score": math.nan, "ece": math.nan}
    actual = ok["actual"].to_numpy()
    p, met = ok["p_meet"].to_numpy(), ok["met"].to_numpy(bool)
    return {
        "forecasts": int(len(ok)),
        "coverage_80": metrics.coverage(actual, ok["lower_80"], ok["upper_80"]),
        "coverage_95": metrics.coverage(actual, ok["lower_95"], ok["upper_95"]),
        "mean_pit": float(ok["pit"].mean()),
        "brier": metrics.brier(p, met),
        "log_score": metrics.log_score(p, met),
        "ece": metrics.ece(p, met),
    }


def backtest(
    data: DataLike,
    *,
    plan: Optional[Plan] = None,
    origins: Optional[Sequence[int]] = None,
    horizons: Sequence[int] = DEFAULT_HORIZONS,
    models: Sequence[str] = ("auto",),
    methods: Sequence[str] = (),
    thresholds: ThresholdLike = None,
    **projection_options: Any,
) -> Backtest:
    """Rolling-origin backtest of ``data`` (a tidy DataFrame with ``series`` or ``indicator``,
    ``year`` and ``value`` columns, an :class:`ontrack.Observations` or a list of
    :class:`ontrack.Series`).

    From every origin (default: every observed year of each series; else ``origins``), each
    model of ``models`` is fitted on the values up to the origin only, and scored on every later
    observed value whose horizon (years after the origin) is in ``horizons``. P(meet) is the
    forecast probability of an event at that year: value ≥ the series' value at the origin by
    default; ``thresholds`` gives one level for every series (value ≥ it) or, by series or
    indicator name, ``(level, ">=" or "<=")``; with a plan, each indicator's at_least/at_most
    target level.

    With ``plan``, the plan is also evaluated as of each origin (default: its base year + 3, its
    mid-term year and mid-term + 2, those before its end) with ontrack's method and each of
    ``methods`` (compatibility modes, e.g. ``("nbs", "eurostat")``), and each verdict is set
    beside what happened by the target's deadline (ontrack's evaluation as of the deadline on
    all the data: met, missed, or unknown without data in that year).

    ``projection_options`` go to every :func:`ontrack.project` and :func:`ontrack.evaluate`
    call (e.g. ``uncertainty=...`` where the installed version has it). A series that cannot be
    forecast from an origin is a row with its ``status`` and ``reason``, never an exception.
    """
    import pandas as pd

    if not horizons or any(int(h) < 1 for h in horizons):
        raise InvalidInputError("horizons must be whole numbers of years ≥ 1")
    _check_options(projection_options)
    series = _as_series(data)
    events: ThresholdLike = thresholds
    bounds: Dict[str, Tuple[float, float]] = {}
    if plan is not None:
        events = {**_plan_events(plan), **(dict(thresholds) if isinstance(thresholds, Mapping) else {})}
        bounds = _plan_bounds(plan)
    given_bounds = projection_options.pop("bounds", None)  # the caller's, for every series
    rows: List[Dict[str, Any]] = []
    for s in series:
        rows += _forecast_rows(s, origins, horizons, models, events,
                               given_bounds if given_bounds is not None else bounds.get(s.indicator),
                               projection_options)
    forecasts = pd.DataFrame(rows, columns=_FORECAST_COLUMNS).astype({"last_used": "Int64"})
    targets = pd.DataFrame(columns=_TARGET_COLUMNS)
    if plan is not None:
        plan_origins = list(origins) if origins is not None else _default_plan_origins(plan)
        targets = pd.DataFrame(_target_rows(plan, series, plan_origins, methods, projection_options),
                               columns=_TARGET_COLUMNS)
    return Backtest(forecasts, targets, _sources(series), plan.id if plan is not None else None)


def _sources(series: Sequence[Series]) -> "pandas.DataFrame":
    import pandas as pd

    rows = []
    for s in series:
        by_source: Dict[str, List[int]] = {}
        for o in s.observations:
            by_source.setdefault(o.source, []).append(o.year)
        for source, years in by_source.items():
            rows.append({"series": _series_name(s), "first_year": min(years), "last_year": max(years),
                         "values": len(years), "source": source})
    return pd.DataFrame(rows, columns=["series", "first_year", "last_year", "values", "source"])


def _check_options(options: Mapping[str, Any]) -> None:
    """An option ``project`` does not name must be a fixed model parameter (a number): anything
    else (e.g. ``uncertainty=`` on a version without it) is refused once, by name, rather than
    failing every forecast."""
    named = inspect.signature(project).parameters
    for name, value in options.items():
        if name not in named and (isinstance(value, bool) or not isinstance(value, (int, float))):
            raise InvalidInputError(f"{name}={value!r}: this version's ontrack.project has no option "
                                    f"{name!r} (other options are fixed model parameters, numbers)")


def _default_plan_origins(plan: Plan) -> List[int]:
    midterm = plan.midterm_year if plan.midterm_year is not None else (plan.base_year + plan.period_end) // 2
    return sorted({y for y in (plan.base_year + 3, midterm, midterm + 2) if plan.base_year < y < plan.period_end})


_FORECAST_COLUMNS = ["series", "indicator", "model", "fitted_model", "origin", "year", "horizon", "n_used",
                     "last_used", "forecast", "lower_80", "upper_80", "lower_95", "upper_95", "actual", "pit",
                     "threshold", "comparator", "p_meet", "met", "status", "reason"]
_TARGET_COLUMNS = ["origin", "method", "key", "indicator", "target_index", "deadline", "horizon", "text",
                   "status", "verdict", "verdict_text", "p_meet", "last_used", "outcome", "outcome_value"]

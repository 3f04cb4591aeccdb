"""Trend projections with honest uncertainty.

``project`` fits one series and returns a :class:`Projection`; ``fit_linear``, ``theil_sen`` and
``mann_kendall`` are the classical estimators. Many series at once: :mod:`ontrack.batch`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core
from ._core import LinearFit, MannKendall, TheilSen, fit_linear, mann_kendall

if TYPE_CHECKING:  # pandas is imported only when a frame is given or asked for, matplotlib for a chart
    import pandas
    from matplotlib.axes import Axes

    from ._core import Indicator
    from .charts import TargetArg

__all__ = [
    "LinearFit",
    "MannKendall",
    "MODELS",
    "Projection",
    "STATUSES",
    "TheilSen",
    "fit_linear",
    "mann_kendall",
    "project",
    "theil_sen",
]

#: Model names accepted by ``project`` and ``project_many`` (plus ``"auto"``).
MODELS: Tuple[str, ...] = tuple(_core.MODEL_NAMES)
#: Status codes, in the order of the numeric codes ``project_many`` returns.
STATUSES: Tuple[str, ...] = tuple(_core.STATUS_NAMES)

YearLike = Union[int, Sequence[int], np.ndarray]


def theil_sen(x: Sequence[float], y: Sequence[float], alpha: float = 0.05) -> TheilSen:
    """Theil–Sen slope with Sen's (1 − alpha) confidence interval; Conover and joint intercepts."""
    if not 0.0 < alpha < 1.0:
        raise _core.InvalidInputError(f"alpha must lie in (0, 1), not {alpha}")
    return _core.theil_sen(list(map(float, x)), list(map(float, y)), alpha)


class Projection:
    """One series projected to a deadline by one model.

    ``predict``, ``interval`` and the probabilities work on the model's own scale and are exact
    for its monotone back-transform (log, logit): a logit projection never leaves its bounds.
    A projection that could not be computed has ``status != "ok"`` and a ``reason``; its
    numbers are NaN rather than an exception, so a batch of them can be tabulated.
    """

    def __init__(self, core: Any, level: float) -> None:
        self._core = core
        self.level = level

    # -- what was fitted ------------------------------------------------------------------
    @property
    def model(self) -> str:
        return str(self._core.model)

    @property
    def status(self) -> str:
        return str(self._core.status)

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    @property
    def reason(self) -> str:
        """Why the status is not ok, or a caveat (e.g. why ``auto`` chose this model)."""
        return str(self._core.reason)

    @property
    def selection(self) -> List[Dict[str, Any]]:
        """For ``model="auto"``: every candidate with its out-of-sample error, or a note."""
        return list(self._core.candidates)

    @property
    def params(self) -> Dict[str, float]:
        return dict(self._core.params)

    @property
    def std_errors(self) -> Dict[str, float]:
        """Standard errors of ``params`` (NaN where a model defines none, e.g. ETS)."""
        return dict(self._core.std_errors)

    @property
    def n(self) -> int:
        return int(self._core.n)

    @property
    def years(self) -> np.ndarray:
        return self._core.years

    @property
    def values(self) -> np.ndarray:
        return self._core.values

    @property
    def fitted(self) -> np.ndarray:
        return self._core.fitted

    @property
    def residuals(self) -> np.ndarray:
        """Residuals on the model's scale (log, logit, Pearson for count models)."""
        return self._core.residuals

    @property
    def sigma2(self) -> float:
        return float(self._core.sigma2)

    @property
    def loglik(self) -> float:
        return float(self._core.loglik)

    @property
    def aicc(self) -> float:
        return float(self._core.aicc)

    @property
    def last_year(self) -> int:
        return int(self._core.last_year)

    @property
    def deadline(self) -> int:
        return int(self._core.deadline)

    @property
    def forecast_years(self) -> np.ndarray:
        return self._core.forecast_years

    @property
    def observed_annual_change(self) -> float:
        """OLS slope of the values on their years (units a year), whatever the model."""
        return float(self._core.observed_annual_change)

    # -- what it says about the future ----------------------------------------------------
    def _each(self, year: YearLike, one: Any) -> Any:
        if np.ndim(year) == 0:
            return one(int(year))  # type: ignore[arg-type]
        return np.array([one(int(y)) for y in np.asarray(year).ravel()])

    def predict(self, year: YearLike) -> Any:
        """Point projection (the predictive median) for a year or an array of years."""
        return self._each(year, self._core.predict)

    def interval(self, year: YearLike, level: Optional[float] = None) -> Any:
        """Central prediction interval ``(lower, upper)`` at ``level`` (default: the call's)."""
        lvl = self.level if level is None else float(level)
        if np.ndim(year) == 0:
            return tuple(self._core.interval(int(year), lvl))  # type: ignore[arg-type]
        return np.array([self._core.interval(int(y), lvl) for y in np.asarray(year).ravel()])

    def prob_at_least(self, value: float, year: int) -> float:
        """P(value in ``year`` ≥ ``value``), exact on the model's scale."""
        return float(self._core.prob_at_least(float(value), int(year)))

    def prob_at_most(self, value: float, year: int) -> float:
        """P(value in ``year`` ≤ ``value``), exact on the model's scale."""
        return float(self._core.prob_at_most(float(value), int(year)))

    def __repr__(self) -> str:
        if not self.ok:
            return f"<Projection {self.model}: {self.status} — {self.reason}>"
        lo, hi = self.interval(self.deadline)
        band = f"[{lo:.4g}, {hi:.4g}] at {self.level:.0%}" if np.isfinite(lo) and np.isfinite(hi) else "no interval"
        return f"<Projection {self.model} n={self.n}: {self.deadline} → {self.predict(self.deadline):.4g} {band}>"

    def summary(self) -> str:
        """A plain-text summary in the spirit of statsmodels: the model and why, the fit (n,
        parameters with standard errors, residual variance, log-likelihood, AICc) and the
        projection at the deadline with its interval — or why it has none."""
        lines = [f"Projection: {self.model}    status: {self.status}",
                 f"observations: {self.n} ({int(self.years[0])}–{int(self.years[-1])})" if self.n else "observations: 0"]
        if self.reason:
            lines.append(f"note: {self.reason}")
        if self.params:
            lines.append(f"{'parameter':<14}{'estimate':>14}{'std. error':>14}")
            for name, value in self.params.items():
                se = self.std_errors.get(name)
                lines.append(f"{name:<14}{value:>14.6g}{'' if se is None else format(se, '>14.6g')}")
        for label, value in (("sigma2", self.sigma2), ("log-likelihood", self.loglik), ("AICc", self.aicc)):
            if np.isfinite(value):
                lines.append(f"{label:<14}{value:>14.6g}")
        if self.ok:
            lo, hi = self.interval(self.deadline)
            band = (f"[{lo:.6g}, {hi:.6g}] at {self.level:.0%}" if np.isfinite(lo) and np.isfinite(hi)
                    else f"no interval: {self.reason or 'the model gives a point projection only'}")
            lines.append(f"{self.deadline}: {self.predict(self.deadline):.6g} {band}")
        return "\n".join(lines)

    # -- notebooks --------------------------------------------------------------------------------
    def to_frame(self) -> "pandas.DataFrame":
        """One row per year, indexed by year: ``value`` and ``fitted`` for the years used,
        ``median``, ``lower`` and ``upper`` (at ``level``) for the years projected."""
        from ._repr import projection_frame

        return projection_frame(self)

    to_pandas = to_frame

    def plot(self, ax: Optional["Axes"] = None, *, target: "TargetArg" = None,
             indicator: Optional["Indicator"] = None, title: Optional[str] = None,
             language: str = "en") -> "Axes":
        """The fan chart (:func:`ontrack.charts.fan_chart`): history, fitted trend, projection
        with its 80 % and 95 % bands, and ``target`` (one or several) when given. Returns the axes."""
        from .charts import fan_chart

        return fan_chart(self, ax, target=target, indicator=indicator, title=title, language=language)

    def _repr_html_(self) -> str:
        from ._repr import projection_html

        return projection_html(self)


def _as_int_years(years: Sequence[Union[int, float]]) -> List[int]:
    out = []
    for i, y in enumerate(years):
        if isinstance(y, float) and not (math.isfinite(y) and y.is_integer()):
            raise _core.InvalidInputError(f"year at position {i} is {y}: years must be whole numbers")
        out.append(int(y))
    return out


def project(
    years: Sequence[int],
    values: Optional[Sequence[float]] = None,
    model: str = "auto",
    to: int = 2030,
    level: float = 0.95,
    *,
    as_of: Optional[int] = None,
    bounds: Optional[Tuple[float, float]] = None,
    numerator: Optional[Sequence[float]] = None,
    denominator: Optional[Sequence[float]] = None,
    multiplier: float = 1.0,
    expected_denominator: Optional[float] = None,
    base_year: Optional[int] = None,
    boundary_nudge: float = 0.0,
    uncertainty: str = "calibrated",
    drift_prior: Optional[Tuple[float, float, float, float]] = None,
    **fixed_params: float,
) -> Projection:
    """Projects one annual series to the year ``to``.

    ``model`` is one of :data:`MODELS` or ``"auto"`` (chosen by rolling-origin out-of-sample
    error; the reason says which and why). ``bounds`` are the natural bounds for ``logit``
    (default ``(0, 100)``; given to ``auto`` they let it consider logit). Count models
    (``poisson_rate``, ``binomial_share``) take ``numerator`` and ``denominator`` instead of
    ``values`` and report the rate times ``multiplier`` (1e5 for per 100,000). ``as_of`` uses
    only data up to that year. Holt and damped Holt accept fixed ``alpha``, ``beta``, ``phi``,
    ``l0``, ``b0`` (the rest is estimated, as R's ``ets``).

    ``years`` may be a pandas Series indexed by year (then ``values`` is left out); its NaN
    values are missing years.

    ``uncertainty="calibrated"`` (the default) widens every model's intervals and probabilities
    by the chance that the trend itself bends, estimated from the series' own rolling-origin
    errors and a shipped prior (docs/uncertainty.md: calibrated out of sample at 1–10 years);
    ``uncertainty="model"`` gives the model's own intervals (closed-form OLS, R ``forecast``'s
    ETS variance). ``drift_prior=(slope_share, noise_share, weight, window_share)`` replaces the shipped prior.

    Raises :class:`ontrack.InvalidInputError` (a ``ValueError``) for fewer than 2 points,
    NaN/inf, duplicate years, a deadline before the last observation, an unknown model.
    """
    if not 0.0 < level < 1.0:
        raise _core.InvalidInputError(f"level must lie in (0, 1), not {level}")
    if values is None and hasattr(years, "index") and hasattr(years, "to_numpy"):
        # A pandas Series indexed by year: its index is the years, its values the values, and a
        # NaN is a year without a value (as in tidy data), not an error.
        kept = years.dropna()  # type: ignore[attr-defined]
        years, values = [int(y) for y in kept.index], [float(v) for v in kept.to_numpy()]
    year_list = _as_int_years(years)
    counts = numerator is not None or denominator is not None
    if counts and (numerator is None or denominator is None):
        raise _core.InvalidInputError("count models need both numerator and denominator")
    if values is None and not counts:
        raise _core.InvalidInputError("project needs values (or numerator and denominator)")
    value_list = [float(v) for v in values] if values is not None else []
    core = _core._project(
        model, year_list, value_list, int(to), as_of, bounds, boundary_nudge, multiplier,
        expected_denominator, base_year, bounds is not None,
        [float(v) for v in numerator] if numerator is not None else [],
        [float(v) for v in denominator] if denominator is not None else [],
        dict(fixed_params), uncertainty, drift_prior,
    )
    return Projection(core, level)

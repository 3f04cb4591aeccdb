"""Trend projections with honest uncertainty.

``project`` fits one series and returns a :class:`Projection`; ``project_many`` runs the C++
batch kernel over many series at once (all cores, the GIL released, NumPy arrays passed without
copying); ``fit_linear``, ``theil_sen`` and ``mann_kendall`` are the classical estimators.
"""

from __future__ import annotations

import math
import os
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core
from ._core import LinearFit, MannKendall, TheilSen, fit_linear, mann_kendall

if TYPE_CHECKING:  # pandas is imported only when a frame is given or asked for
    import pandas

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
    "project_many",
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
        return (f"<Projection {self.model} n={self.n}: {self.deadline} → {self.predict(self.deadline):.4g} "
                f"[{lo:.4g}, {hi:.4g}] at {self.level:.0%}>")


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

    Raises :class:`ontrack.InvalidInputError` (a ``ValueError``) for fewer than 2 points,
    NaN/inf, duplicate years, a deadline before the last observation, an unknown model.
    """
    if not 0.0 < level < 1.0:
        raise _core.InvalidInputError(f"level must lie in (0, 1), not {level}")
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
        dict(fixed_params),
    )
    return Projection(core, level)


# ---- many series ------------------------------------------------------------------------

def _csr_from_frame(frame: "pandas.DataFrame", series: Any, year: str, value: Optional[str],
                    numerator: Optional[str], denominator: Optional[str]):
    """Offsets and point arrays from a tidy frame; no copy when it is already grouped by series."""
    import pandas as pd

    keys = [series] if isinstance(series, str) else list(series)
    missing = [c for c in keys + [year] + [c for c in (value, numerator, denominator) if c] if c not in frame]
    if missing:
        raise _core.InvalidInputError(f"the frame has no column {missing[0]!r} (columns: {list(frame.columns)})")
    if len(keys) == 1:
        codes, uniques = pd.factorize(frame[keys[0]], sort=False)
        index = pd.Index(uniques, name=keys[0])
    else:
        codes, uniques = pd.factorize(pd.MultiIndex.from_frame(frame[keys]), sort=False)
        index = pd.MultiIndex.from_tuples(list(uniques), names=keys)
    if len(codes) and (np.diff(codes) < 0).any():
        order = np.argsort(codes, kind="stable")
        frame = frame.iloc[order]
        codes = codes[order]
    counts = np.bincount(codes, minlength=len(index)) if len(codes) else np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(index) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    column = lambda name: None if name is None else frame[name].to_numpy(dtype=np.float64, copy=False)  # noqa: E731
    years = frame[year].to_numpy()
    return index, offsets, years, column(value), column(numerator), column(denominator)


def _progress(total: int, enabled: Optional[bool]):
    if enabled is None:
        enabled = total >= 2_000_000 and sys.stderr.isatty()
    if not enabled:
        return None
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    return Progress(TextColumn("projecting"), BarColumn(), TextColumn("{task.completed:,}/{task.total:,} series"),
                    TimeRemainingColumn(), transient=True)


def _chunks(n: int, size: int) -> Iterator[Tuple[int, int]]:
    for start in range(0, n, size):
        yield start, min(n, start + size)


def project_many(
    data: Optional["pandas.DataFrame"] = None,
    *,
    values: Optional[np.ndarray] = None,
    years: Optional[np.ndarray] = None,
    offsets: Optional[np.ndarray] = None,
    numerator: Any = None,
    denominator: Any = None,
    series: Any = "series",
    year: str = "year",
    value: Optional[str] = "value",
    model: str = "linear",
    to: int = 2030,
    level: Union[float, Sequence[float]] = 0.95,
    target: Optional[float] = None,
    side: str = "at_least",
    as_of: Optional[int] = None,
    bounds: Optional[Tuple[float, float]] = None,
    multiplier: float = 1.0,
    threads: Optional[int] = None,
    chunk_size: int = 1_000_000,
    progress: Optional[bool] = None,
    reasons: bool = True,
) -> Any:
    """Projects many series at once with the C++ batch kernel.

    Input is either a tidy DataFrame (columns ``series`` — one name or a list of key columns —,
    ``year``, ``value``; ``numerator``/``denominator`` column names for count models) or NumPy
    arrays in CSR form: the points of series *i* are ``offsets[i]:offsets[i+1]`` of ``years``
    and ``values``. Arrays of float64 values and int32, int64 or float64 years are used in
    place, not copied. The kernel releases the GIL and runs on ``threads`` threads (default: all cores);
    results are identical whatever the thread count. Series are processed in chunks of
    ``chunk_size`` (a progress bar shows on long interactive runs). A bad series never aborts
    the batch: it gets a ``status`` and a ``reason``.

    Returns a DataFrame (one row per series, indexed by the series keys) for frame input, a
    NumPy structured array for array input. Columns: ``status``, ``model``, ``n``,
    ``last_year``, ``slope`` (model scale), ``annual_change``, ``point`` (at ``to``),
    ``lower``/``upper`` (one pair per level), ``prob`` (of meeting ``target`` on ``side``) and
    ``reason``.
    """
    levels = [float(level)] if isinstance(level, (int, float)) else [float(v) for v in level]
    for lvl in levels:
        if not 0.0 < lvl < 1.0:
            raise _core.InvalidInputError(f"level must lie in (0, 1), not {lvl}")
    if chunk_size < 1:
        raise _core.InvalidInputError(f"chunk_size must be at least 1, not {chunk_size}")
    n_threads = int(threads) if threads is not None else (os.cpu_count() or 1)
    if n_threads < 1:
        raise _core.InvalidInputError(f"threads must be at least 1, not {threads}")

    index = None
    if data is not None:
        index, offsets_arr, years_arr, values_arr, num_arr, den_arr = _csr_from_frame(
            data, series, year, value if numerator is None else None,
            numerator if isinstance(numerator, str) else None,
            denominator if isinstance(denominator, str) else None)
    else:
        if offsets is None or years is None or (values is None and numerator is None):
            raise _core.InvalidInputError("project_many needs a DataFrame, or offsets, years and values arrays")
        offsets_arr = np.ascontiguousarray(offsets, dtype=np.int64)
        years_arr = np.asarray(years)
        values_arr, num_arr, den_arr = values, numerator, denominator
    if offsets_arr.ndim != 1 or len(offsets_arr) < 1 or offsets_arr[0] != 0 or (np.diff(offsets_arr) < 0).any():
        raise _core.InvalidInputError("offsets must start at 0 and never decrease")

    n_series = len(offsets_arr) - 1
    parts: List[Dict[str, Any]] = []
    bar = _progress(n_series, progress)
    task = bar.add_task("project", total=n_series) if bar is not None else None
    if bar is not None:
        bar.start()
    try:
        for start, stop in _chunks(n_series, chunk_size) if n_series else [(0, 0)]:
            # A chunk is a view: its offsets are re-based, its point arrays are slices.
            first, last = int(offsets_arr[start]), int(offsets_arr[stop])
            sl = slice(first, last)
            parts.append(_core._project_batch(
                offsets_arr[start:stop + 1] - first, years_arr[sl],
                None if values_arr is None else values_arr[sl],
                None if num_arr is None else num_arr[sl],
                None if den_arr is None else den_arr[sl],
                model, int(to), levels, target, side, as_of, bounds, multiplier,
                bounds is not None, n_threads, reasons))
            if bar is not None:
                bar.update(task, advance=stop - start)
    finally:
        if bar is not None:
            bar.stop()
    return _assemble(parts, levels, index, reasons)


def _level_suffix(level: float, several: bool) -> str:
    return f"_{round(level * 100, 6):g}" if several else ""


def _assemble(parts: List[Dict[str, Any]], levels: List[float], index: Any, reasons: bool) -> Any:
    cat = {k: np.concatenate([p[k] for p in parts]) for k in parts[0] if k != "reason"}
    several = len(levels) > 1
    columns: Dict[str, np.ndarray] = {
        "status": np.asarray(STATUSES, dtype=object)[cat["status"]],
        "model": np.asarray(MODELS, dtype=object)[cat["model"]],
        "n": cat["n"], "last_year": cat["last_year"], "slope": cat["slope"],
        "annual_change": cat["annual_change"], "point": cat["point"],
    }
    for j, lvl in enumerate(levels):
        columns["lower" + _level_suffix(lvl, several)] = cat["lower"][:, j]
        columns["upper" + _level_suffix(lvl, several)] = cat["upper"][:, j]
    columns["prob"] = cat["prob"]
    if reasons:
        columns["reason"] = np.asarray([r for p in parts for r in p["reason"]], dtype=object)
    if index is not None:
        import pandas as pd

        return pd.DataFrame(columns, index=index)
    dtype = [(name, "U32" if name in ("status", "model") else ("O" if name == "reason" else arr.dtype))
             for name, arr in columns.items()]
    out = np.empty(len(columns["n"]), dtype=dtype)
    for name, arr in columns.items():
        out[name] = arr
    return out

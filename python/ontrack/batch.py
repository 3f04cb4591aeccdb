"""Many series at once: ``project_many`` runs the C++ batch kernel over a tidy frame or CSR arrays
(all cores, the GIL released, NumPy arrays passed without copying)."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np

from . import _core
from .projection import MODELS, STATUSES

if TYPE_CHECKING:  # pandas is imported only when a frame is given or asked for
    import pandas

__all__ = ["project_many"]


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

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

__all__ = ["ProjectionArray", "project_many"]


def _run_starts(frame: "pandas.DataFrame", keys: List[str]) -> Optional[np.ndarray]:
    """Positions of the first row of each run of equal keys, when every key column holds NumPy
    numbers (compared row to row, no hashing); None for other key columns."""
    columns = [frame[k].to_numpy() for k in keys if frame[k].dtype.kind in "biuf"]
    if len(columns) < len(keys):
        return None
    if len(frame) == 0:
        return np.zeros(0, dtype=np.int64)
    changes = columns[0][1:] != columns[0][:-1]
    for c in columns[1:]:
        changes |= c[1:] != c[:-1]
    starts = np.empty(np.count_nonzero(changes) + 1, dtype=np.int64)
    starts[0] = 0
    starts[1:] = np.flatnonzero(changes)
    starts[1:] += 1
    return starts


def _key_index(frame: "pandas.DataFrame", keys: List[str], rows: Optional[np.ndarray] = None):
    """The key codes of the frame's rows (of ``rows`` only, if given) and the index of the
    distinct keys, in order of first appearance."""
    import pandas as pd

    if len(keys) == 1:
        column = frame[keys[0]] if rows is None else frame[keys[0]].iloc[rows]
        if column.dtype.kind in "biuf":
            values = column.to_numpy()
            if (values[1:] > values[:-1]).all():  # increasing (a sorted frame): distinct, no hashing
                return np.arange(len(values), dtype=np.intp), pd.Index(values, name=keys[0])
        codes, uniques = pd.factorize(column, sort=False)
        return codes, pd.Index(uniques, name=keys[0])
    selected = frame[keys] if rows is None else frame[keys].iloc[rows]
    if selected.empty:
        # factorize cannot build a MultiIndex of no rows: the key columns give its levels.
        return np.zeros(0, dtype=np.intp), pd.MultiIndex.from_frame(selected)
    codes, uniques = pd.factorize(pd.MultiIndex.from_frame(selected), sort=False)
    return codes, uniques.set_names(keys)


def _csr_from_frame(frame: "pandas.DataFrame", series: Any, year: str, value: Optional[str],
                    numerator: Optional[str], denominator: Optional[str]):
    """Offsets and point arrays from a tidy frame; no copy when it is already grouped by series."""
    keys = [series] if isinstance(series, str) else list(series)
    missing = [c for c in keys + [year] + [c for c in (value, numerator, denominator) if c] if c not in frame]
    if missing:
        raise _core.InvalidInputError(f"the frame has no column {missing[0]!r} (columns: {list(frame.columns)})")
    # A frame grouped by series (sorted Parquet, a Dask partition) is common and large: then
    # hashing only the first row of each run of equal keys proves that no series comes back
    # later, and the runs are the series, in the order hashing every row would give.
    starts = _run_starts(frame, keys)
    if starts is not None:
        codes, index = _key_index(frame, keys, starts)
        if len(index) == len(starts) and not (codes < 0).any():
            offsets = np.append(starts, np.int64(len(frame)))
        else:  # a series in several runs, or a missing key: every row is hashed
            starts = None
    if starts is None:
        codes, index = _key_index(frame, keys)
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
    if n == 0:  # one empty call still validates the arguments
        yield 0, 0
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
    uncertainty: str = "calibrated",
    drift_prior: Optional[Tuple[float, float, float, float]] = None,
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

    Returns a DataFrame (one row per series, indexed by the series keys) for frame input, with
    ``status`` and ``model`` as pandas Categoricals; a :class:`ProjectionArray` (a NumPy
    structured array) for array input, where ``status`` and ``model`` are one-byte codes —
    ``ontrack.STATUSES[code]`` and ``ontrack.MODELS[code]`` name them (the kernel writes every
    field in place, so the result costs no copy). Columns: ``status``, ``model``, ``n``,
    ``last_year``, ``slope`` (model scale), ``annual_change``, ``point`` (at ``to``),
    ``lower``/``upper`` (one pair per level, suffixed ``_80``, ``_95`` ... when there are
    several), ``prob`` (of meeting ``target`` on ``side``) and the reason (empty for ok series;
    only with ``reasons=True``): the frame's ``reason`` column; in the array a ``reason_code``
    field (0 for ok series, else the position of its text in ``result.reason_texts``), and
    ``result["reason"]`` builds the texts on demand. Only failed series carry a text, so an
    all-ok batch costs no Python object per series.

    ``uncertainty`` is ``"calibrated"`` (the default: intervals and ``prob`` allow for the trend
    bending, docs/uncertainty.md) or ``"model"`` (each model's own closed-form variance), as in
    :func:`ontrack.project`; ``drift_prior`` replaces the shipped prior (for re-deriving it).
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
    if (offsets_arr.ndim != 1 or len(offsets_arr) < 1 or offsets_arr[0] != 0
            or (offsets_arr[1:] < offsets_arr[:-1]).any()):
        raise _core.InvalidInputError("offsets must start at 0 and never decrease")

    n_series = len(offsets_arr) - 1
    outputs = _Outputs(n_series, levels, structured=index is None, reasons=reasons)
    bar = _progress(n_series, progress)
    task = bar.add_task("project", total=n_series) if bar is not None else None
    if bar is not None:
        bar.start()
    try:
        for start, stop in _chunks(n_series, chunk_size):
            # A chunk is a view: its offsets are re-based, its point arrays and outputs are slices.
            first, last = int(offsets_arr[start]), int(offsets_arr[stop])
            sl = slice(first, last)
            chunk_offsets = offsets_arr[start:stop + 1]
            failed = _core._project_batch(
                chunk_offsets - first if first else chunk_offsets, years_arr[sl],
                None if values_arr is None else values_arr[sl],
                None if num_arr is None else num_arr[sl],
                None if den_arr is None else den_arr[sl],
                model, int(to), levels, target, side, as_of, bounds, multiplier,
                bounds is not None, n_threads, outputs.views(start, stop), reasons,
                uncertainty, drift_prior)
            outputs.add_reasons(start, *failed)
            if bar is not None:
                bar.update(task, advance=stop - start)
    finally:
        if bar is not None:
            bar.stop()
    return outputs.result(index)


def _level_suffix(level: float, several: bool) -> str:
    return f"_{round(level * 100, 6):g}" if several else ""


class _Outputs:
    """The result, allocated once; the kernel writes every chunk straight into it.

    For array input that is a NumPy structured array (the kernel writes each field through its
    stride), for frame input one array per column, which become the DataFrame's columns. Nothing
    is copied into place after the kernel has run.
    """

    def __init__(self, n: int, levels: List[float], *, structured: bool, reasons: bool) -> None:
        several = len(levels) > 1
        self._bound_names = [(f"lower{_level_suffix(lvl, several)}", f"upper{_level_suffix(lvl, several)}")
                             for lvl in levels]
        fields: List[Tuple[str, Any]] = [("status", np.uint8), ("model", np.uint8), ("n", np.int32),
                                         ("last_year", np.int32), ("slope", np.float64),
                                         ("annual_change", np.float64), ("point", np.float64)]
        # Bounds level by level, lower then upper: equally spaced, so one 2-D strided view each.
        fields += [(name, np.float64) for pair in self._bound_names for name in pair]
        fields.append(("prob", np.float64))
        self._n, self._levels = n, len(levels)
        # Reasons as codes into a list of texts that only failed series add to (code 0 = "").
        self._texts: List[str] = [""]
        self._codes: Optional[np.ndarray] = None
        if structured:
            if reasons:
                fields.append(("reason_code", np.uint32))
            # Zeroed pages come free from the allocator: every reason_code starts at 0.
            self._record: Optional[np.ndarray] = np.zeros(n, dtype=np.dtype(fields, align=True))
            self._columns = {name: self._record[name] for name, _ in fields
                             if name != "reason_code" and not name.startswith(("lower", "upper"))}
            if reasons:
                self._codes = self._record["reason_code"]
            self._columns["lower"] = self._bounds_view(self._bound_names[0][0])
            self._columns["upper"] = self._bounds_view(self._bound_names[0][1])
        else:
            self._record = None
            self._columns = {name: np.empty(n, dtype=dtype) for name, dtype in fields
                             if not name.startswith(("lower", "upper"))}
            self._columns["lower"] = np.empty((n, self._levels))
            self._columns["upper"] = np.empty((n, self._levels))
            if reasons:
                self._codes = np.zeros(n, dtype=np.uint32)

    def _bounds_view(self, first_field: str) -> np.ndarray:
        record = self._record
        assert record is not None
        fields = record.dtype.fields
        assert fields is not None
        offset = fields[first_field][1]
        return np.ndarray((self._n, self._levels), dtype=np.float64, buffer=record, offset=offset,
                          strides=(record.dtype.itemsize, 16))

    def views(self, start: int, stop: int) -> Dict[str, np.ndarray]:
        return {name: column[start:stop] for name, column in self._columns.items()}

    def add_reasons(self, start: int, positions: np.ndarray, texts: List[str]) -> None:
        if self._codes is not None and len(texts):
            self._codes[start + positions] = np.arange(len(self._texts), len(self._texts) + len(texts))
            self._texts.extend(texts)

    def result(self, index: Any) -> Any:
        if self._record is not None:
            out = self._record.view(ProjectionArray)
            out.reason_texts = tuple(self._texts)
            return out
        import pandas as pd

        c = self._columns
        frame: Dict[str, Any] = {
            # Categorical: the names read like strings, stored as the kernel's one-byte codes.
            "status": pd.Categorical.from_codes(c["status"], categories=list(STATUSES)),
            "model": pd.Categorical.from_codes(c["model"], categories=list(MODELS)),
        }
        frame.update({name: c[name] for name in ("n", "last_year", "slope", "annual_change", "point")})
        for j, (lower, upper) in enumerate(self._bound_names):
            frame[lower] = c["lower"][:, j]
            frame[upper] = c["upper"][:, j]
        frame["prob"] = c["prob"]
        if self._codes is not None:
            # Text in the dtype pandas gives text (pandas 3: "str", before: object), stated rather
            # than inferred, so an empty result has the same dtypes as any other.
            texts = np.asarray(self._texts, dtype=object)[self._codes]
            frame["reason"] = pd.Series(texts, index=index, dtype="str", copy=False)
        return pd.DataFrame(frame, index=index, copy=False)


class ProjectionArray(np.ndarray):
    """The array result of :func:`project_many`: a NumPy structured array (one record per
    series) whose ``reason_code`` field points into ``reason_texts``; ``reason_texts[0]`` is
    ``""`` (ok series). ``result["reason"]`` gives the texts as an object array, built when asked
    for; every other field reads as a plain ``numpy.ndarray``. Codes travel with the records, so
    a slice or a mask of the result keeps its reasons."""

    reason_texts: Tuple[str, ...] = ("",)

    def __array_finalize__(self, obj: Any) -> None:
        self.reason_texts = getattr(obj, "reason_texts", ("",))

    def __reduce__(self) -> Any:  # pickling keeps the texts the codes point into
        reduced = super().__reduce__()
        assert isinstance(reduced, tuple)
        return reduced[0], reduced[1], (reduced[2], self.reason_texts)

    def __setstate__(self, state: Any) -> None:
        array_state, self.reason_texts = state
        super().__setstate__(array_state)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            names = self.dtype.names or ()
            if key == "reason" and "reason" not in names and "reason_code" in names:
                codes = np.ndarray.__getitem__(self, "reason_code").view(np.ndarray)
                return np.asarray(self.reason_texts, dtype=object)[codes]
            return np.ndarray.__getitem__(self, key).view(np.ndarray)
        return np.ndarray.__getitem__(self, key)

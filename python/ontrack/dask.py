"""Projections and evaluations over a Dask cluster (the optional extra ``ontrack[dask]``).

ontrack has no cluster code of its own: these functions build Dask graphs whose tasks call the
local API (:func:`ontrack.project_many`, :func:`ontrack.evaluate`) on one partition each, so the
same C++ kernels run, with the GIL released, and the results are bit for bit the local ones
whatever the number of partitions and workers (docs/scale.md).

* :func:`project_many` — a tidy ``dask.dataframe`` in, a Dask DataFrame of projections out.
* :func:`evaluate` — a plan evaluated on a tidy ``dask.dataframe`` of observations; returns the
  same :class:`ontrack.Evaluation` as the local call.
* :func:`read_parquet` — a partitioned Parquet dataset read so that, when its row groups hold
  whole series, :func:`project_many` needs no shuffle.

``import ontrack`` does not import this module (nor Dask); ``import ontrack.dask`` does.
"""

from __future__ import annotations

import hashlib
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd

from ._core import InvalidInputError, Plan, Series, _canonical_series_text
from .assessment import STATUSES
from .batch import project_many as _local_project_many
from .evaluation import Evaluation
from .evaluation import evaluate as _local_evaluate
from .io.tables import parse_text
from .observations import Observations

__all__ = ["evaluate", "project_many", "read_parquet"]

# Where each row came from (input partition, position in it): restores the input order of a
# series' rows after a shuffle, so that every kernel sees its points in the local order.
_ORIGIN = ["__ontrack_partition", "__ontrack_row"]
_COMPONENT = "__ontrack_component"
# Arguments of the local project_many that have no meaning for a Dask DataFrame.
_NOT_DISTRIBUTED = {
    "values": "array input",
    "years": "array input",
    "offsets": "array input",
    "progress": "a progress bar per task (use dask.diagnostics.ProgressBar or distributed.progress)",
}


# -- partitioning ------------------------------------------------------------------------------

def _check_columns(frame: dd.DataFrame, required: Sequence[str]) -> None:
    """Fails before anything is computed when a required column is missing (the index counts)."""
    present = list(frame.columns) + ([frame.index.name] if frame.index.name is not None else [])
    for name in required:
        if name not in present:
            raise InvalidInputError(
                f"the Dask DataFrame has no column {name!r} (columns: {list(frame.columns)})")


def _tag_origin(part: pd.DataFrame, partition_info: Optional[Dict[str, Any]] = None) -> pd.DataFrame:
    number = partition_info["number"] if partition_info is not None else 0
    return part.assign(**{_ORIGIN[0]: np.full(len(part), number, dtype=np.int64),
                          _ORIGIN[1]: np.arange(len(part), dtype=np.int64)})


def _restore_origin(part: pd.DataFrame) -> pd.DataFrame:
    return part.sort_values(_ORIGIN, kind="stable").drop(columns=_ORIGIN)


def _shuffled(frame: dd.DataFrame, on: Union[str, List[str]]) -> dd.DataFrame:
    """Hash-partitions ``frame`` on ``on`` (rows of one key in one partition), keeping the
    original order of each key's rows (restored per partition by :func:`_restore_origin`)."""
    meta = _tag_origin(frame._meta)
    return frame.map_partitions(_tag_origin, meta=meta).shuffle(on=on)


def _index_whole(frame: dd.DataFrame, key: str) -> bool:
    """True when ``key`` is the index and the divisions are known: then each key value lies in
    one partition (Dask's own invariant, which its joins rely on too)."""
    return frame.index.name == key and bool(frame.known_divisions)


# -- project_many ------------------------------------------------------------------------------

def _kernel_input(part: pd.DataFrame, index_key: Optional[str], columns: Sequence[str]) -> pd.DataFrame:
    """The columns the kernel reads, the key taken from the index when it is there: views of the
    partition's arrays (``reset_index`` would copy every column, the key too)."""
    def values(column: Union[pd.Series, pd.Index]) -> Any:
        # A NumPy array as such: pandas checks a NumPy-backed extension array for missing values.
        return column.to_numpy() if isinstance(column.dtype, np.dtype) else column.array

    data = {name: values(part[name]) for name in columns if name != index_key}
    if index_key is not None:
        data[index_key] = values(part.index)
    return pd.DataFrame(data, copy=False)


def _project_partition(part: pd.DataFrame, index_key: Optional[str], restore_order: bool, multi: bool,
                       meta: Optional[pd.DataFrame], columns: Sequence[str],
                       options: Dict[str, Any]) -> pd.DataFrame:
    if restore_order:
        part = _restore_origin(part)
    if meta is not None and part.empty:
        # With several keys, the local result's key levels take their dtypes from the keys
        # found (int64 for any integer, object for text); with no rows, from the key columns.
        # The meta keeps an empty partition's dtypes those of the others.
        return meta
    out = _local_project_many(_kernel_input(part, index_key, columns), progress=False, **options)
    # Dask has no MultiIndex: several keys come back as leading columns.
    return out.reset_index() if multi else out


def project_many(data: dd.DataFrame, *, series: Union[str, Sequence[str]] = "series", year: str = "year",
                 value: Optional[str] = "value", numerator: Optional[str] = None,
                 denominator: Optional[str] = None, partitioned_by_series: Optional[bool] = None,
                 threads: int = 1, **options: Any) -> dd.DataFrame:
    """:func:`ontrack.project_many` over a tidy Dask DataFrame, partition by partition.

    ``data`` has the series key column(s) (``series``: one name or a list; a single key may be
    the index), ``year`` and ``value`` (or ``numerator``/``denominator`` for count models).
    Every other keyword (``model``, ``to``, ``level``, ``target``, ``side``, ``as_of``,
    ``bounds``, ``multiplier``, ``chunk_size``, ``reasons``) is the local function's and is
    checked before anything runs. Each task runs the C++ kernel on ``threads`` threads (default
    1: Dask's workers are the parallelism).

    A series must not be split between partitions. That holds, and no shuffle happens, when the
    single key is the index with known divisions (``set_index``, :func:`read_parquet`) or when
    ``partitioned_by_series=True`` asserts it; otherwise the frame is shuffled on the key(s),
    keeping each series' rows in their input order. ``partitioned_by_series=False`` forces the
    shuffle.

    Returns a lazy Dask DataFrame with the local result's columns and dtypes, indexed by the key
    for one key; with several keys (Dask has no MultiIndex) the keys are its first columns. Rows
    are the local rows, in partition order: ``result.compute().sort_index()`` equals the local
    result sorted the same way, bit for bit.
    """
    keys = [series] if isinstance(series, str) else list(series)
    for name, what in _NOT_DISTRIBUTED.items():
        if name in options:
            raise InvalidInputError(f"ontrack.dask.project_many takes no {name!r}: {what} is not distributed")
    counts = [c for c in (numerator, denominator) if c is not None]
    # The columns the local function reads (it reads the counts instead of the values).
    columns = list(dict.fromkeys(keys + [year] + (counts if numerator is not None else [c for c in [value] if c])))
    _check_columns(data, columns)
    options = dict(options, series=keys[0] if len(keys) == 1 else keys, year=year, value=value,
                   numerator=numerator, denominator=denominator, threads=threads)

    index_key = data.index.name if data.index.name in keys and data.index.name not in data.columns else None
    if partitioned_by_series is None:
        whole = data.npartitions == 1 or (len(keys) == 1 and _index_whole(data, keys[0]))
    else:
        whole = partitioned_by_series
    if not whole:
        if index_key is not None:
            data = data.reset_index()
            index_key = None
        data = _shuffled(data, keys)
    multi = len(keys) > 1

    # The result's meta is the local function's answer on an empty slice (its dtypes follow the
    # local API); several keys need a non-empty one, whose rows are then dropped.
    sample = data._meta_nonempty if multi else data._meta
    meta = _project_partition(sample, index_key, not whole, multi, None, columns, options).iloc[:0]
    return data.map_partitions(_project_partition, index_key, not whole, multi,
                               meta if multi else None, columns, options, meta=meta)


def _sorted_row_groups(dataset: Any, key: str) -> Optional[List[Tuple[Any, Any, str, int]]]:
    """(minimum, maximum, file, row group number) of every row group of the dataset in key
    order, when its statistics show that no value of ``key`` occurs in two row groups; None
    otherwise. Only the footers are read."""
    groups = []
    for fragment in dataset.fragments:
        metadata = fragment.metadata
        for j in range(metadata.num_row_groups):
            group = metadata.row_group(j)
            column = next((group.column(i) for i in range(group.num_columns)
                           if group.column(i).path_in_schema == key), None)
            stats = None if column is None else column.statistics
            if stats is None or not stats.has_min_max:
                return None
            groups.append((stats.min, stats.max, fragment.path, j))
    groups.sort(key=lambda g: (g[0], g[1]))
    disjoint = all(before[1] < after[0] for before, after in zip(groups, groups[1:]))
    return groups if disjoint else None


def _indexed_frame(table: Any, key: str, strings: bool) -> pd.DataFrame:
    """An Arrow table as pandas, ``key`` as the index, without copying its number columns (one
    block per column; ``set_index`` would copy them all), text as pandas' Arrow strings when
    Dask keeps text so (``dataframe.convert-string``)."""
    import pyarrow as pa

    mapper = {pa.string(): pd.StringDtype("pyarrow"), pa.large_string(): pd.StringDtype("pyarrow")}.get
    frame = table.to_pandas(split_blocks=True, types_mapper=mapper if strings else None)
    frame.index = pd.Index(frame.pop(key))
    return frame


def _read_row_group(part: Tuple[str, int], filesystem: Any, key: str, strings: bool,
                    columns: Sequence[str]) -> pd.DataFrame:
    """One row group as pandas; Dask passes ``columns`` (the columns a graph uses, from its
    meta's when it selects some)."""
    import pyarrow.parquet as pq

    path, number = part
    wanted = list(columns) + [key]
    with filesystem.open_input_file(path) as f:
        table = pq.ParquetFile(f).read_row_group(number, columns=wanted)
    return _indexed_frame(table.select(wanted), key, strings)  # select: in the meta's order


def read_parquet(path: Any, series: Union[str, Sequence[str]] = "series", *,
                 columns: Optional[Sequence[str]] = None, **kwargs: Any) -> dd.DataFrame:
    """A (partitioned) Parquet dataset as a Dask DataFrame for :func:`project_many`, read by the
    workers, never collected on the client.

    With one series key whose row-group statistics show that no series spans two row groups
    (the footers are read, not the data), the key becomes the index with known divisions, one
    partition per row group, so :func:`project_many` runs without a shuffle; each task then
    reads its row group straight into pandas, its number columns not copied. Otherwise
    (several keys, overlapping or missing statistics) the frame is read as it is and
    :func:`project_many` shuffles it. ``kwargs`` go to ``dask.dataframe.read_parquet``
    (``filters``, ``filesystem``, ...).
    """
    import pyarrow.parquet as pq

    keys = [series] if isinstance(series, str) else list(series)
    wanted = None if columns is None else list(columns)
    if len(keys) != 1:
        return dd.read_parquet(path, columns=wanted, **kwargs)
    key = keys[0]
    filesystem = kwargs.get("filesystem")
    # dd.read_parquet also takes a file system's name ("arrow", "fsspec"); pyarrow does not.
    dataset = pq.ParquetDataset(path, filesystem=None if isinstance(filesystem, str) else filesystem)
    groups = _sorted_row_groups(dataset, key)
    if groups is None:
        return dd.read_parquet(path, columns=wanted, **kwargs)
    if wanted is not None:
        wanted = [c for c in wanted if c != key]
    if not groups or set(kwargs) - {"filesystem"} or \
            set(dataset.schema.names) - set(dataset.fragments[0].physical_schema.names):
        # No data, options (filters, ...) or columns from directory names (hive partitioning):
        # Dask's reader knows them.
        return dd.read_parquet(path, columns=wanted, index=key, calculate_divisions=True,
                               split_row_groups=True, **kwargs)
    names = [n for n in (wanted if wanted is not None else dataset.schema.names) if n != key]
    strings = bool(dask.config.get("dataframe.convert-string"))
    meta = _indexed_frame(dataset.schema.empty_table().select(names + [key]), key, strings)
    return dd.from_map(_read_row_group, [(file, number) for _, _, file, number in groups],
                       args=[dataset.filesystem, key, strings], columns=names, meta=meta,
                       divisions=[g[0] for g in groups] + [groups[-1][1]], label="read-row-group",
                       enforce_metadata=False)


# -- evaluate ----------------------------------------------------------------------------------

def _references(plan: Plan) -> Dict[str, str]:
    """Each indicator's group: indicators joined by a target that reads another's series
    (relative, gap_narrowing, ratio) share one, named by its smallest id."""
    parent: Dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for indicator in plan.indicators():
        root(indicator.id)
        for target in indicator.targets:
            refs = list(target.between) + [r for r in (target.reference, target.numerator, target.denominator) if r]
            for ref in refs:
                a, b = root(indicator.id), root(ref.indicator)
                parent[max(a, b)] = min(a, b)
    return {x: root(x) for x in list(parent)}


def _with_component(part: pd.DataFrame, groups: Dict[str, str]) -> pd.DataFrame:
    # Ids as the reader parses them (stripped text), so a group is found whatever the spacing.
    ids = part["indicator"].map(parse_text, na_action=None) if len(part) else part["indicator"].astype(object)
    return part.assign(**{_COMPONENT: ids.map(lambda i: groups.get(i, i)).astype(object)})


def _partition_series(part: pd.DataFrame, reset_index: bool, restore_order: bool) -> List[Series]:
    if reset_index:
        part = part.reset_index()
    if restore_order:
        part = _restore_origin(part)
    return Observations.from_frame(part).latest_vintage().to_series()


def _latest_year(part: pd.DataFrame, reset_index: bool, indicators: Iterable[str]) -> Optional[int]:
    ids = set(indicators)
    years = [o.year for s in _partition_series(part, reset_index, False) if s.indicator in ids
             for o in s.observations]
    return max(years) if years else None


def _evaluate_partition(part: pd.DataFrame, reset_index: bool, restore_order: bool, plan_json: str,
                        groups: Dict[str, str], as_of: Optional[int], method: str, preset: str,
                        previous: Optional[Sequence[Evaluation]], native: Any,
                        params: Dict[str, Any]) -> Dict[str, Any]:
    """The rows of the indicator groups this partition holds, its data counts and its share of
    the canonical data text."""
    series = _partition_series(part, reset_index, restore_order)
    plan = Plan.from_json(plan_json)
    record = _local_evaluate(plan, series, as_of, method, preset=preset, previous=previous, native=native,
                             **params).to_dict()
    held = {groups.get(s.indicator, s.indicator) for s in series}
    ids = {i.id for i in plan.indicators()}
    # (indicator, disaggregation, text) of each series, as the C++ evaluation writes them.
    texts = [_canonical_series_text(s, record["as_of"]) for s in series if s.indicator in ids]
    return {"groups": held,
            "rows": {r["key"]: r for r in record["rows"] if groups[r["indicator"]] in held},
            "data": record["data"], "text": [t for t in texts if t[2]]}


def _summary(rows: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """ontrack's summary of some rows (counts by status, 达标率, on-track rate), as the C++
    evaluation computes it."""
    counts = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts[row["status"]] += 1
    assessable = len(rows) - counts["not_assessable"]
    return {"counts": counts, "total": len(rows), "assessable": assessable,
            "achievement_rate": counts["achieved"] / assessable if assessable else None,
            "on_track_rate": (counts["achieved"] + counts["on_track"]) / assessable if assessable else None,
            "mode_aggregate": None}


def _combine(template: Dict[str, Any], parts: Sequence[Dict[str, Any]], groups: Dict[str, str]) -> Dict[str, Any]:
    """The evaluation record from the partitions' rows, on the no-data record's skeleton (its key
    order, its rows for indicator groups no partition holds)."""
    record = template
    rows_by_key: Dict[str, Dict[str, Any]] = {}
    held = set()
    for part in parts:
        rows_by_key.update(part["rows"])
        held |= part["groups"]
    record["rows"] = [rows_by_key[r["key"]] if groups[r["indicator"]] in held else r for r in record["rows"]]
    record["warnings"] = [{**w, "indicator": r["indicator"], "target_index": r["target_index"], "domain": r["domain"]}
                          for r in record["rows"] for w in r["warnings"]]
    summary = record["summary"]
    summary["plan"] = _summary(record["rows"])
    for domain in summary["domains"]:
        summary["domains"][domain] = _summary([r for r in record["rows"] if r["domain"] == domain])
    for unit in summary["units"]:
        summary["units"][unit] = _summary([r for r in record["rows"] if unit in r["responsible_units"]])

    data = record["data"]
    sha = hashlib.sha256()
    # The C++ evaluation hashes the series' texts in (indicator, disaggregation) order.
    for *_, text in sorted(t for part in parts for t in part["text"]):
        sha.update(text.encode())
    firsts = [p["data"]["first_year"] for p in parts if p["data"]["first_year"] is not None]
    lasts = [p["data"]["last_year"] for p in parts if p["data"]["last_year"] is not None]
    data.update(sha256=sha.hexdigest(), series=sum(p["data"]["series"] for p in parts),
                points=sum(p["data"]["points"] for p in parts),
                first_year=min(firsts) if firsts else None, last_year=max(lasts) if lasts else None)
    return record


def _groups_whole(frame: dd.DataFrame, groups: Dict[str, str]) -> bool:
    """True when ``indicator`` is the index with known divisions and every group of indicators
    joined by a target falls within one division."""
    if not _index_whole(frame, "indicator"):
        return False
    divisions = list(frame.divisions)
    members: Dict[str, set] = {}
    for indicator, group in groups.items():
        partition = int(np.searchsorted(divisions[1:-1], indicator, side="right"))
        members.setdefault(group, set()).add(partition)
    return all(len(p) == 1 for p in members.values())


def evaluate(plan: Plan, observations: dd.DataFrame, as_of: Optional[int] = None, method: str = "ontrack", *,
             preset: str = "annual", previous: Optional[Sequence[Evaluation]] = None,
             native: Optional[Dict[str, Any]] = None, partitioned_by_indicator: Optional[bool] = None,
             **params: Any) -> Evaluation:
    """:func:`ontrack.evaluate` on a tidy Dask DataFrame of observations, one task per partition.

    ``observations`` has the columns :meth:`ontrack.Observations.from_frame` reads
    (``indicator``, ``year``, ``value``, optionally the breakdowns, counts, ``source``, ``flag``,
    ``vintage``; ``indicator`` may be the index). The other arguments are the local function's.

    Each partition must hold whole indicators — all their breakdowns and vintages — and, with
    them, every indicator a target reads beside its own (``relative``, ``gap_narrowing``,
    ``ratio``). The frame is shuffled on that grouping unless ``indicator`` is the index with
    known divisions that already respect it, or ``partitioned_by_indicator=True`` asserts it.
    Each task evaluates the plan on its partition's series and keeps the rows of the indicators
    it holds; rows of indicators without any data are the no-data rows a local evaluation gives.
    The client joins the rows in plan order and recomputes the plan-wide parts exactly: the
    warnings list, the summaries, the data counts and the data hash (each partition sends its
    share of the canonical data text). With ``preset="annual"`` and no ``as_of``, one more pass
    finds the latest year observed.

    The result equals the local evaluation of the same data: the same rows, record and JSON.
    Only ``method="ontrack"`` is distributed: a compatibility mode's aggregate (``summary``'s
    ``mode_aggregate``) is computed by the C++ evaluation from all rows together and cannot be
    recombined from parts, so a mode raises InvalidInputError here. A cell that cannot be read
    raises the local ImportValidationError, whose row numbers count within the partition.
    """
    # The no-data evaluation checks every argument as the local call does, before any work.
    template = _local_evaluate(plan, [], as_of, method, preset=preset, previous=previous, native=native,
                               **params)
    if method != "ontrack":
        raise InvalidInputError(
            f"ontrack.dask.evaluate computes method 'ontrack' only, not {method!r}: a compatibility mode's "
            "aggregate (summary mode_aggregate) needs all rows in one C++ call; use ontrack.evaluate")
    _check_columns(observations, ["indicator", "year", "value"])
    groups = _references(plan)
    reset_index = observations.index.name == "indicator" and "indicator" not in observations.columns
    indicators = [i.id for i in plan.indicators()]

    if preset == "annual" and as_of is None:
        # The latest year observed of the plan's indicators, as the C++ evaluation resolves it.
        latest = dask.compute(*[dask.delayed(_latest_year)(p, reset_index, indicators)
                                for p in observations.to_delayed()])
        as_of = max([plan.base_year] + [y for y in latest if y is not None])
        template = _local_evaluate(plan, [], as_of, method, preset=preset, previous=previous, native=native,
                                   **params)

    whole = partitioned_by_indicator if partitioned_by_indicator is not None else (
        observations.npartitions == 1 or _groups_whole(observations, groups))
    frame = observations
    if not whole:
        if reset_index:
            frame = frame.reset_index()
            reset_index = False
        meta = _with_component(frame._meta, groups)
        frame = _shuffled(frame.map_partitions(_with_component, groups, meta=meta), _COMPONENT)
    task = dask.delayed(_evaluate_partition, pure=True)
    plan_json = plan.to_json()
    parts = dask.compute(*[task(p, reset_index, not whole, plan_json, groups, as_of, method, preset,
                                previous, native, params) for p in frame.to_delayed()])
    return Evaluation(_combine(template.to_dict(), parts, groups))

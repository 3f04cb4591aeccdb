"""ontrack.dask on the local (synchronous) scheduler: the distributed results are the local ones,
bit for bit, whatever the partitioning; bad input fails as it does locally, or before any work."""

import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

import ontrack
import ontrack.dask as od


@pytest.fixture(autouse=True)
def synchronous():
    with dask.config.set(scheduler="sync"):
        yield


def _panel(n_series=240, n_years=9, seed=3, shuffle=True):
    """A tidy panel; shuffled rows, so that any partitioning cuts through series."""
    rng = np.random.default_rng(seed)
    trend = rng.normal(0.4, 0.5, size=(n_series, 1)) * np.arange(n_years)
    frame = pd.DataFrame({
        "series": np.repeat(np.arange(n_series, dtype=np.int64), n_years),
        "year": np.tile(np.arange(2012, 2012 + n_years, dtype=np.int64), n_series),
        "value": (40 + trend + rng.normal(0, 2.0, size=(n_series, n_years))).ravel(),
    })
    return frame.sample(frac=1.0, random_state=seed).reset_index(drop=True) if shuffle else frame


def _cut(frame, npartitions):
    return dd.from_pandas(frame, npartitions=npartitions, sort=False)


def test_import_ontrack_does_not_import_dask():
    code = "import sys, ontrack; ontrack.project_many; sys.exit('dask' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


@pytest.mark.parametrize("npartitions", [1, 2, 5, 17])
@pytest.mark.parametrize("model", ["linear", "damped_holt", "auto"])
def test_project_many_is_the_local_result_for_any_partitioning(npartitions, model):
    frame = _panel(n_series=60 if model == "auto" else 240)
    options = dict(model=model, to=2030, level=[0.8, 0.95], target=45.0, bounds=(0, 100))
    local = ontrack.project_many(frame, **options)
    result = od.project_many(_cut(frame, npartitions), **options)
    assert result.npartitions == npartitions
    out = result.compute()
    assert len(out) == len(local)
    pd.testing.assert_frame_equal(out.sort_index(), local.sort_index(), check_exact=True)


def test_each_series_keeps_its_input_order_through_the_shuffle():
    # Years out of order inside a series: the kernel must see them in the local order.
    frame = _panel(n_series=50, shuffle=False).iloc[::-1].reset_index(drop=True)
    local = ontrack.project_many(frame, model="theil_sen")
    out = od.project_many(_cut(frame, 7), model="theil_sen").compute()
    pd.testing.assert_frame_equal(out.sort_index(), local.sort_index(), check_exact=True)


def test_meta_follows_the_local_api(monkeypatch):
    # Whatever the local function returns (here: categorical status and model), the Dask result
    # declares and delivers exactly that, because its meta is the local function's own answer.
    local_project_many = od._local_project_many

    def categorical(*args, **kwargs):
        out = local_project_many(*args, **kwargs)
        return out.astype({"status": pd.CategoricalDtype(ontrack.STATUSES),
                           "model": pd.CategoricalDtype(ontrack.MODELS)})

    monkeypatch.setattr(od, "_local_project_many", categorical)
    frame = _panel(n_series=30)
    result = od.project_many(_cut(frame, 3))
    assert isinstance(result.dtypes["status"], pd.CategoricalDtype)
    out = result.compute()
    pd.testing.assert_series_equal(out.dtypes, result.dtypes)
    pd.testing.assert_frame_equal(out.sort_index(), categorical(frame).sort_index(), check_exact=True)


def test_result_dtypes_are_the_local_ones_and_the_options_are_the_local_ones():
    frame = _panel(n_series=20)
    local = ontrack.project_many(frame, level=[0.5, 0.9], reasons=False)
    result = od.project_many(_cut(frame, 4), level=[0.5, 0.9], reasons=False)
    pd.testing.assert_series_equal(result.dtypes, local.dtypes)
    assert result.index.name == "series" and "reason" not in result.columns
    with pytest.raises(ontrack.InvalidInputError, match="level"):
        od.project_many(_cut(frame, 2), level=1.5)           # checked by the local function, eagerly
    with pytest.raises(ontrack.InvalidInputError, match="offsets"):
        od.project_many(_cut(frame, 2), offsets=np.zeros(1))


def test_a_key_index_with_known_divisions_is_not_shuffled(monkeypatch):
    frame = _panel(n_series=80)
    local = ontrack.project_many(frame)
    indexed = _cut(frame, 4).set_index("series")
    assert indexed.known_divisions

    def no_shuffle(*args, **kwargs):
        raise AssertionError("shuffled although the partitions already hold whole series")

    monkeypatch.setattr(od, "_shuffled", no_shuffle)
    out = od.project_many(indexed).compute()
    pd.testing.assert_frame_equal(out.sort_index(), local.sort_index(), check_exact=True)
    # The same frame, asserted whole by the caller: no shuffle either.
    ordered = dd.from_pandas(frame.sort_values(["series", "year"], kind="stable"), npartitions=1)
    od.project_many(ordered.repartition(npartitions=1), partitioned_by_series=True).compute()


def test_a_key_index_without_divisions_is_shuffled():
    frame = _panel(n_series=40)
    local = ontrack.project_many(frame)
    unknown = _cut(frame.set_index("series"), 5).clear_divisions()
    assert not unknown.known_divisions
    out = od.project_many(unknown).compute()
    pd.testing.assert_frame_equal(out.sort_index(), local.sort_index(), check_exact=True)


def test_several_keys_and_string_keys():
    frame = _panel(n_series=90)
    frame["county"] = (frame["series"] // 3).map(lambda i: f"县{i:03d}")
    frame["sex"] = np.where(frame["series"] % 3 == 0, "female", "male")
    frame["area"] = np.where(frame["series"] % 3 == 2, "urban", "rural")
    keys = ["county", "sex", "area"]
    ddf = _cut(frame, 6)
    # Dask stores text as pyarrow strings: the local reference reads the same column types.
    same = ddf.compute()
    local = ontrack.project_many(same, series=keys)
    result = od.project_many(ddf, series=keys)
    out = result.compute()
    assert list(out.columns[:3]) == keys        # Dask has no MultiIndex: the keys are columns
    pd.testing.assert_frame_equal(out.set_index(keys).sort_index(), local.sort_index(), check_exact=True)
    pd.testing.assert_series_equal(out.dtypes, result.dtypes)
    # One string key: the index, with the local dtype.
    one = od.project_many(ddf, series="county").compute()
    pd.testing.assert_frame_equal(one.sort_index(), ontrack.project_many(same, series="county").sort_index(),
                                  check_exact=True)


def test_count_models_from_numerator_and_denominator_columns():
    frame = pd.DataFrame({"county": np.repeat(np.arange(40), 6), "year": np.tile(np.arange(2018, 2024), 40)})
    rng = np.random.default_rng(5)
    frame["births"] = rng.integers(5_000, 50_000, len(frame)).astype(float)
    frame["deaths"] = rng.poisson(frame["births"] * 2e-4).astype(float)
    options = dict(series="county", numerator="deaths", denominator="births", model="poisson_rate",
                   multiplier=1e5, target=12, side="at_most")
    local = ontrack.project_many(frame.sample(frac=1.0, random_state=1), **options)
    out = od.project_many(_cut(frame.sample(frac=1.0, random_state=1), 4), **options).compute()
    pd.testing.assert_frame_equal(out.sort_index(), local.sort_index(), check_exact=True)


def test_malformed_rows_give_the_local_statuses():
    frame = _panel(n_series=30)
    frame.loc[frame.index[frame["series"] == 3][:1], "value"] = np.nan            # NaN value
    frame = pd.concat([frame, frame[frame["series"] == 7].head(1)], ignore_index=True)  # duplicate year
    frame.loc[frame.index[frame["series"] == 11][:1], "value"] = np.inf
    local = ontrack.project_many(frame)
    out = od.project_many(_cut(frame, 4)).compute().sort_index()
    pd.testing.assert_frame_equal(out, local.sort_index(), check_exact=True)
    assert out.loc[3, "status"] == "non_finite_value" and out.loc[7, "status"] == "duplicate_year"
    # A non-numeric value fails the local call; the task fails with the same error.
    text = frame.astype({"value": object})
    text.loc[5, "value"] = "abc"
    with pytest.raises(ValueError, match="abc") as local_error:
        ontrack.project_many(text)
    with dask.config.set({"dataframe.convert-string": False}):
        with pytest.raises(ValueError, match="abc") as dask_error:
            od.project_many(_cut(text, 3)).compute()
    assert str(dask_error.value) == str(local_error.value)


def _never_computed(columns):
    """A Dask DataFrame whose data cannot be computed: any work submitted fails loudly."""
    meta = pd.DataFrame({c: pd.Series(dtype="float64") for c in columns})

    def explode():
        raise AssertionError("work was submitted")

    return dd.from_delayed([dask.delayed(explode)()], meta=meta, verify_meta=False)


def test_a_missing_column_fails_before_any_work():
    with pytest.raises(ontrack.InvalidInputError, match="'value'"):
        od.project_many(_never_computed(["series", "year"]))
    with pytest.raises(ontrack.InvalidInputError, match="'county'"):
        od.project_many(_never_computed(["series", "year", "value"]), series=["county", "sex"])
    with pytest.raises(ontrack.InvalidInputError, match="'births'"):
        od.project_many(_never_computed(["series", "year", "deaths"]), numerator="deaths",
                        denominator="births", model="poisson_rate")
    plan = ontrack.plans.kundulun_women_2021_2030()
    with pytest.raises(ontrack.InvalidInputError, match="'indicator'"):
        od.evaluate(plan, _never_computed(["year", "value"]), as_of=2024)
    with pytest.raises(ontrack.InvalidInputError, match="preset"):
        od.evaluate(plan, _never_computed(["indicator", "year", "value"]), preset="weekly")


# -- Parquet -----------------------------------------------------------------------------------

def _write_dataset(frame, root, row_group_rows):
    """A hive-partitioned dataset (one directory per province) with small row groups."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_to_dataset(table, str(root), partition_cols=["province"], row_group_size=row_group_rows,
                        max_rows_per_group=row_group_rows, min_rows_per_group=row_group_rows)


def test_partitioned_parquet_cut_through_series(tmp_path):
    frame = _panel(n_series=300, n_years=7)
    frame["province"] = frame["series"] % 4
    _write_dataset(frame, tmp_path / "panel", row_group_rows=50)   # row groups cut through series
    ddf = od.read_parquet(tmp_path / "panel", series="series", columns=["series", "year", "value"])
    assert not ddf.known_divisions
    local = ontrack.project_many(frame)
    out = od.project_many(ddf, target=40).compute()
    pd.testing.assert_frame_equal(out.sort_index(), ontrack.project_many(frame, target=40).sort_index(),
                                  check_exact=True)
    assert len(out) == len(local)


def test_parquet_with_whole_series_per_row_group_reads_without_shuffle(tmp_path, monkeypatch):
    frame = _panel(n_series=300, n_years=7, shuffle=False)
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), tmp_path / "panel.parquet",
                   row_group_size=7 * 40)   # 40 whole series per row group
    ddf = od.read_parquet(tmp_path / "panel.parquet", series="series")
    assert ddf.known_divisions and ddf.npartitions == 8
    monkeypatch.setattr(od, "_shuffled", lambda *a, **k: pytest.fail("shuffled"))
    out = od.project_many(ddf).compute()
    pd.testing.assert_frame_equal(out.sort_index(), ontrack.project_many(frame).sort_index(), check_exact=True)



def test_row_groups_are_read_as_dask_reads_them_with_text_keys_columns_and_options(tmp_path, monkeypatch):
    frame = _panel(n_series=120, n_years=5, shuffle=False)
    frame["series"] = frame["series"].map(lambda i: f"县{i:04d}")        # sorted text keys
    frame["source"] = np.where(frame["year"] % 2 == 0, "NBS", None)
    (tmp_path / "panel").mkdir()
    for i, half in enumerate((frame.iloc[:300], frame.iloc[300:])):      # two files, 20 series per group
        pq.write_table(pa.Table.from_pandas(half, preserve_index=False), tmp_path / "panel" / f"{i}.parquet",
                       row_group_size=5 * 20)
    dask_own = dd.read_parquet(tmp_path / "panel", index="series", calculate_divisions=True,
                               split_row_groups=True)
    with monkeypatch.context() as patch:   # each task reads its row group itself, not through Dask
        patch.setattr(dd, "read_parquet", lambda *a, **k: pytest.fail("read by dask.dataframe.read_parquet"))
        ours = od.read_parquet(tmp_path / "panel")
        selected = od.read_parquet(tmp_path / "panel", columns=["series", "year", "value"])
    assert ours.divisions == dask_own.divisions and ours.npartitions == 6
    pd.testing.assert_frame_equal(ours.compute(), dask_own.compute(), check_exact=True)
    pd.testing.assert_series_equal(ours.dtypes, dask_own.dtypes)
    assert list(selected.columns) == ["year", "value"]
    pd.testing.assert_frame_equal(selected.compute(), dask_own[["year", "value"]].compute(), check_exact=True)
    monkeypatch.setattr(od, "_shuffled", lambda *a, **k: pytest.fail("shuffled"))
    local = ontrack.project_many(ours.compute().reset_index())
    pd.testing.assert_frame_equal(od.project_many(selected).compute(), local, check_exact=True)
    # Options only Dask's reader knows (here: filters) go to it, still without a shuffle.
    filtered = od.read_parquet(tmp_path / "panel", filters=[("year", ">=", 2014)])
    assert filtered.known_divisions
    assert (filtered.compute()["year"] >= 2014).all()
    # So do columns named by directories (hive partitioning).
    frame["province"] = frame.index // 200
    _write_dataset(frame, tmp_path / "hive", row_group_rows=5 * 20)
    hive = od.read_parquet(tmp_path / "hive")
    assert hive.known_divisions and "province" in hive.columns
    out = od.project_many(hive).compute()
    expected = ontrack.project_many(frame)
    # Text keys: Dask's string dtype here, the local frame's own text dtype there (pandas 3: str).
    out.index, expected.index = out.index.astype(object), expected.index.astype(object)
    pd.testing.assert_frame_equal(out, expected, check_exact=True)

# -- evaluate ----------------------------------------------------------------------------------

def _national_frame():
    return ontrack.Observations.from_series(ontrack.datasets.china_national_women_series()).to_frame()


@pytest.mark.parametrize("npartitions", [1, 2, 3, 7])
def test_evaluate_is_the_local_evaluation(kundulun, npartitions):
    frame = _national_frame().sample(frac=1.0, random_state=npartitions).reset_index(drop=True)
    ddf = _cut(frame, npartitions)
    for as_of, preset in [(2024, "annual"), (2019, "annual"), (None, "annual"), (None, "midterm"), (None, "final")]:
        local = ontrack.evaluate(kundulun, frame, as_of, preset=preset)
        distributed = od.evaluate(kundulun, ddf, as_of, preset=preset)
        assert distributed.to_json() == local.to_json()
        pd.testing.assert_frame_equal(distributed.to_frame(), local.to_frame(), check_exact=True)
    assert local.warnings and local.data["series"] > 1


def test_evaluate_groups_indicators_that_targets_join(kundulun):
    groups = od._references(kundulun)
    assert groups["midwives"] == groups["delivery_beds"] == groups["midwives_per_delivery_bed"]
    assert groups["female_share_party_congress"] == groups["female_share_cpc_members"]
    # With `indicator` as index and known divisions, a division that separates a ratio's parts
    # is not trusted; one that keeps them together is.
    frame = _national_frame()
    indexed = dd.from_pandas(frame.set_index("indicator").sort_index(), npartitions=1).repartition(
        divisions=["a", "n", "z"], force=True)
    assert od._groups_whole(indexed, groups)
    local = ontrack.evaluate(kundulun, frame, 2024)
    assert od.evaluate(kundulun, indexed, 2024).to_json() == local.to_json()
    split = indexed.repartition(divisions=["a", "m", "z"], force=True)   # delivery_beds | midwives
    assert not od._groups_whole(split, groups)
    assert od.evaluate(kundulun, split, 2024).to_json() == local.to_json()


def test_evaluate_with_vintages_duplicates_previous_and_parameters(kundulun):
    frame = _national_frame()
    revised = frame.assign(value=frame["value"] * 1.01, vintage="2025-06-01").iloc[::3]
    twice = frame[frame["indicator"] == "mmr"].head(2).assign(value=99.0)   # same key and vintage: first wins
    data = pd.concat([frame.assign(vintage="2024-06-01"), revised, twice], ignore_index=True)
    data = data.sample(frac=1.0, random_state=4).reset_index(drop=True)
    previous = [ontrack.evaluate(kundulun, data, 2022)]
    local = ontrack.evaluate(kundulun, data, 2024, previous=previous, model="linear", on_track=0.7)
    distributed = od.evaluate(kundulun, _cut(data, 5), 2024, previous=previous, model="linear", on_track=0.7)
    assert distributed.to_json() == local.to_json()


def test_evaluate_a_compatibility_mode_is_refused_honestly(kundulun):
    with pytest.raises(ontrack.InvalidInputError, match="mode_aggregate"):
        od.evaluate(kundulun, _never_computed(["indicator", "year", "value"]), 2024, method="nbs")


_VALUES = st.one_of(st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False),
                    st.sampled_from([0.0, -0.0, 1e5, 1e-4, 123456.0, 1e16, 1e-300, 5e-324, 0.1, 12.5, 100.0,
                                     6.856927248886406e16, 2.0**60, 1e22]))
_KEYS = [("mmr", {}), ("mmr", {"area": "rural"}), ("mmr", {"area": "urban"}), ("midwives", {}),
         ("delivery_beds", {}), ("income", {"sex": "female"}), ("income", {"sex": "male"}), ("income", {})]


@settings(max_examples=40)
@given(data=st.dictionaries(st.sampled_from(range(len(_KEYS))),
                            st.lists(st.tuples(st.integers(2010, 2030), _VALUES), max_size=6,
                                     unique_by=lambda p: p[0]), max_size=6),
       as_of=st.integers(2012, 2031), npartitions=st.integers(1, 4))
def test_evaluate_record_and_data_hash_match_on_any_numbers(all_kinds_path, data, as_of, npartitions):
    plan = ontrack.Plan.load(str(all_kinds_path))
    rows = [{"indicator": _KEYS[k][0], "year": y, "value": v, **_KEYS[k][1]}
            for k, points in data.items() for y, v in points]
    frame = pd.DataFrame(rows, columns=["indicator", "year", "value", "sex", "area"]).astype(
        {"year": "int64", "value": "float64"})
    local = ontrack.evaluate(plan, frame, as_of)
    distributed = od.evaluate(plan, _cut(frame, npartitions), as_of)
    assert distributed.to_dict() == local.to_dict()


def test_evaluation_json_round_trips():
    frame = _national_frame()
    plan = ontrack.plans.kundulun_women_2021_2030()
    e = od.evaluate(plan, _cut(frame, 3), 2024)
    assert json.loads(e.to_json()) == e.to_dict()


def test_a_key_in_the_index_is_read_in_place_alone_or_among_several_keys():
    frame = _panel(n_series=60, shuffle=False)
    frame["area"] = frame["series"] % 3
    part = frame.set_index("series")
    kernel = od._kernel_input(part, "series", ["series", "year", "value"])
    for name, source in [("series", part.index), ("year", part["year"]), ("value", part["value"])]:
        assert np.shares_memory(kernel[name].to_numpy(), source.to_numpy())   # views, no copy
    local = ontrack.project_many(frame, series=["series", "area"])
    for asserted in (True, None):   # whole by assertion; shuffled (the index is reset first)
        ddf = _cut(frame, 4).set_index("series", sorted=True)
        out = od.project_many(ddf, series=["series", "area"], partitioned_by_series=asserted).compute()
        pd.testing.assert_frame_equal(out.set_index(["series", "area"]).sort_index(), local.sort_index(),
                                      check_exact=True)

"""The batch API: same answers as single-series calls, any thread count, no crash on bad series."""

import pickle

import numpy as np
import pandas as pd
import pytest

import ontrack


def _panel(n_series=200, n_years=12, seed=7):
    rng = np.random.default_rng(seed)
    years = np.tile(np.arange(2010, 2010 + n_years, dtype=np.int32), n_series)
    trend = rng.normal(0.5, 0.3, size=(n_series, 1)) * np.arange(n_years)
    values = (50 + trend + rng.normal(0, 1.5, size=(n_series, n_years))).ravel()
    offsets = np.arange(0, n_series * n_years + 1, n_years, dtype=np.int64)
    return years, values, offsets


@pytest.mark.parametrize("model", ["linear", "log_linear", "logit", "theil_sen", "damped_holt", "auto"])
def test_batch_equals_single_series(model):
    years, values, offsets = _panel(n_series=30)
    out = ontrack.project_many(values=values, years=years, offsets=offsets, model=model, to=2030,
                               level=[0.8, 0.95], target=55.0, bounds=(0, 100), threads=2)
    for i in range(30):
        sl = slice(offsets[i], offsets[i + 1])
        p = ontrack.project(years[sl].tolist(), values[sl].tolist(), model=model, to=2030, bounds=(0, 100))
        assert ontrack.STATUSES[out["status"][i]] == p.status
        assert ontrack.MODELS[out["model"][i]] == p.model
        assert out["point"][i] == p.predict(2030)
        assert (out["lower_80"][i], out["upper_80"][i]) == p.interval(2030, 0.8)
        assert (out["lower_95"][i], out["upper_95"][i]) == p.interval(2030, 0.95)
        assert out["prob"][i] == p.prob_at_least(55.0, 2030)


def test_results_identical_whatever_the_thread_count_and_chunking():
    years, values, offsets = _panel(n_series=500)
    reference = ontrack.project_many(values=values, years=years, offsets=offsets, threads=1)
    for threads, chunk in [(2, 1_000_000), (7, 37), (3, 1)]:
        other = ontrack.project_many(values=values, years=years, offsets=offsets, threads=threads, chunk_size=chunk)
        for name in reference.dtype.names:
            nan_aware = reference[name].dtype.kind == "f"
            assert np.array_equal(reference[name], other[name], equal_nan=nan_aware), name


def test_a_bad_series_never_aborts_the_batch():
    years = np.array([2020, 2021, 2022, 2020, 2021, 2020, 2020, 2020, 2021], dtype=np.int32)
    values = np.array([1.0, 2.0, 3.0, 1.0, np.nan, 5.0, 1.0, 2.0, 3.0])
    offsets = np.array([0, 3, 5, 6, 8, 9], dtype=np.int64)
    out = ontrack.project_many(values=values, years=years, offsets=offsets, model="log_linear", to=2030)
    assert [ontrack.STATUSES[code] for code in out["status"]] == [
        "ok", "non_finite_value", "too_few_points", "duplicate_year", "too_few_points"]
    assert "2021" in out["reason"][1]
    assert out["reason"][0] == ""
    assert np.isnan(out["point"][1])


def test_reasons_are_codes_into_the_texts_of_failed_series_only():
    years = np.array([2020, 2021, 2022, 2020, 2021, 2020, 2020, 2021, 2022], dtype=np.int32)
    values = np.array([1.0, 2.0, 3.0, 1.0, np.nan, 5.0, 1.0, -2.0, 3.0])
    offsets = np.array([0, 3, 5, 6, 9], dtype=np.int64)
    out = ontrack.project_many(values=values, years=years, offsets=offsets, model="log_linear", to=2030)
    assert isinstance(out, ontrack.ProjectionArray)
    assert out["reason_code"].tolist() == [0, 1, 2, 3]
    assert out.reason_texts[0] == ""
    assert len(out.reason_texts) == 4  # "" and the three failed series
    assert "-2 in 2021" in out.reason_texts[3]
    assert out["reason"].tolist() == list(out.reason_texts)
    # A slice or a mask keeps the reasons of its records; other fields read as plain arrays.
    failed = out[out["status"] != 0]
    assert failed["reason"].tolist() == list(out.reason_texts[1:])
    assert out[2:]["reason"][1] == out.reason_texts[3]
    assert type(out["point"]) is np.ndarray
    copy = pickle.loads(pickle.dumps(out))
    assert copy["reason"].tolist() == out["reason"].tolist()
    # Without reasons: no field, nothing gathered.
    bare = ontrack.project_many(values=values, years=years, offsets=offsets, model="log_linear", reasons=False)
    assert "reason_code" not in bare.dtype.names
    with pytest.raises(ValueError):
        bare["reason"]


def test_frame_reason_column_holds_the_texts():
    frame = pd.DataFrame({"series": ["a", "a", "a", "b", "b", "c", "c"],
                          "year": [2020, 2021, 2022, 2020, 2021, 2020, 2021],
                          "value": [1.0, 2.0, 3.0, 1.0, np.nan, 4.0, 5.0]})
    out = ontrack.project_many(frame, to=2030, chunk_size=2)
    assert out["reason"].tolist()[0] == "" and out["reason"].tolist()[2] == ""
    assert "2021" in out.loc["b", "reason"]


def test_frame_input_grouped_or_not_gives_the_same_rows():
    years, values, offsets = _panel(n_series=20, n_years=6)
    frame = pd.DataFrame({"region": np.repeat([f"r{i:02d}" for i in range(20)], 6), "year": years, "value": values})
    grouped = ontrack.project_many(frame, series="region", to=2030, target=50)
    shuffled = ontrack.project_many(frame.sample(frac=1.0, random_state=1), series="region", to=2030, target=50)
    assert list(grouped.index) == [f"r{i:02d}" for i in range(20)]
    pd.testing.assert_frame_equal(grouped.sort_index(), shuffled.sort_index())
    assert grouped.loc["r03", "n"] == 6


def test_count_models_from_frame_columns():
    frame = pd.DataFrame({"county": ["a"] * 6 + ["b"] * 6, "year": list(range(2018, 2024)) * 2,
                          # b falls about 14% a year: 14 × 0.86^7 ≈ 5 per 100,000 by 2030.
                          "deaths": [2, 3, 2, 2, 3, 2] + [30, 26, 22, 19, 16, 14],
                          "births": [10_000] * 6 + [100_000] * 6})
    out = ontrack.project_many(frame, series="county", numerator="deaths", denominator="births",
                               model="poisson_rate", multiplier=1e5, to=2030, target=12, side="at_most")
    assert (out["status"] == "ok").all()  # a Categorical compares by name
    assert out.loc["b", "point"] < out.loc["a", "point"]
    assert out.loc["b", "prob"] > 0.5 > out.loc["a", "prob"]


def test_missing_column_and_bad_arguments():
    frame = pd.DataFrame({"series": ["a"], "year": [2020]})
    with pytest.raises(ontrack.InvalidInputError, match="'value'"):
        ontrack.project_many(frame)
    years, values, offsets = _panel(n_series=2)
    with pytest.raises(ValueError, match="offsets"):
        ontrack.project_many(values=values, years=years, offsets=offsets[::-1])
    with pytest.raises(ValueError, match="level"):
        ontrack.project_many(values=values, years=years, offsets=offsets, level=1.5)


@pytest.mark.parametrize("dtype", [np.int32, np.int64, np.float64, np.int16])
def test_every_year_dtype_gives_the_same_answer(dtype):
    years, values, offsets = _panel(n_series=50)
    reference = ontrack.project_many(values=values, years=years, offsets=offsets)
    other = ontrack.project_many(values=values, years=years.astype(dtype), offsets=offsets)
    assert np.array_equal(reference["point"], other["point"])
    huge = years.astype(np.int64)
    huge[3] = 10**12  # a year no int can hold: a status, not an overflow
    out = ontrack.project_many(values=values, years=huge, offsets=offsets, model="theil_sen")
    assert ontrack.STATUSES[out["status"][0]] == "non_finite_value"


def test_an_empty_frame_gives_an_empty_result_with_one_key_or_several():
    frame = pd.DataFrame({"county": pd.Series([], dtype=object), "sex": pd.Series([], dtype=object),
                          "year": pd.Series([], dtype=np.int64), "value": pd.Series([], dtype=np.float64)})
    one = ontrack.project_many(pd.DataFrame({"county": ["a"], "sex": ["f"], "year": [2020], "value": [1.0]}),
                               series="county")
    for keys in (["county", "sex"], "county"):
        out = ontrack.project_many(frame, series=keys)
        assert len(out) == 0
        assert list(out.index.names) == ([keys] if isinstance(keys, str) else keys)
        pd.testing.assert_series_equal(out.dtypes, one.dtypes)


def _keyed(keys, n_years=4, seed=2):
    """A frame with the rows of series ``keys[i]`` at rows ``i * n_years ...``."""
    rng = np.random.default_rng(seed)
    return pd.DataFrame({"series": np.repeat(keys, n_years),
                         "year": np.tile(np.arange(2020, 2020 + n_years), len(keys)),
                         "value": rng.normal(50, 5, len(keys) * n_years)})


@pytest.mark.parametrize("keys", [[3, 1, 2], [3, 3.5, -1], [True, False], [1, 2, 5], [-1.5, 0.0, 2.5]])
def test_a_frame_grouped_by_numeric_keys_hashes_one_row_per_series_at_most(monkeypatch, keys):
    # Grouped keys: the series are the runs, in the order the rows give them; only the first row
    # of each run is hashed, and none when the keys increase (a sorted frame).
    frame = _keyed(np.array(keys))
    reference = ontrack.project_many(frame.astype({"series": object}))
    hashed = []
    factorize = pd.factorize
    monkeypatch.setattr(pd, "factorize", lambda values, **kw: hashed.append(len(values)) or factorize(values, **kw))
    out = ontrack.project_many(frame)
    assert hashed == ([] if keys == sorted(keys) else [len(keys)])
    assert list(out.index) == keys and out.index.dtype == frame["series"].dtype
    pd.testing.assert_frame_equal(out, reference, check_index_type=False, check_exact=True)


def test_a_key_that_comes_back_or_is_missing_is_hashed_row_by_row():
    frame = _keyed(np.array([7, 5, 7, 9]))                      # series 7 in two runs
    frame.loc[8:11, "year"] += 4                                # 2020-2027
    out = ontrack.project_many(frame)
    assert list(out.index) == [7, 5, 9] and list(out["n"]) == [8, 4, 4]
    split = ontrack.project_many(frame.astype({"series": object}))
    pd.testing.assert_frame_equal(out, split, check_index_type=False, check_exact=True)
    several = frame.assign(area=frame["series"] % 2, series=frame["series"] // 2)
    pd.testing.assert_frame_equal(ontrack.project_many(several, series=["series", "area"]),
                                  ontrack.project_many(several.astype({"series": object}), series=["series", "area"]),
                                  check_index_type=False, check_exact=True)
    with_nan = _keyed(np.array([1.0, np.nan, 2.0]))             # as before: NaN is no series key
    with pytest.raises(ValueError):
        ontrack.project_many(with_nan)

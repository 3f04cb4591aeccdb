"""ontrack.backtest: the scoring rules against hand computation, the rolling-origin bookkeeping
(no forecast sees its own outcome), the plan case study, and the written files."""

import inspect
import math

import numpy as np
import pandas as pd
import pytest

import ontrack
from ontrack.backtesting import metrics


# -- the scoring rules, by hand ------------------------------------------------------------------
def test_brier_and_log_score_by_hand():
    p, outcome = [0.8, 0.3, 0.5], [True, False, True]
    assert metrics.brier(p, outcome) == pytest.approx((0.2 ** 2 + 0.3 ** 2 + 0.5 ** 2) / 3)  # 0.12667
    assert metrics.log_score(p, outcome) == pytest.approx(-(math.log(0.8) + math.log(0.7) + math.log(0.5)) / 3)
    # A certain miss costs -ln(1e-12) nats, not infinity.
    assert metrics.log_score([1.0], [False]) == pytest.approx(-math.log(1e-12))
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        metrics.brier([1.2], [True])


def test_coverage_counts_the_bounds_as_inside():
    assert metrics.coverage([1, 2, 3, 4], [0, 2.5, 3, 5], [2, 3, 3, 6]) == 0.5


def test_expected_calibration_error_by_hand():
    # Bins of width 0.1: {0.05} vs 0 → 0.05; {0.15, 0.15} vs 1/2 → 0.35; {0.95} vs 1 → 0.05.
    p, outcome = [0.05, 0.15, 0.15, 0.95], [False, True, False, True]
    assert metrics.ece(p, outcome) == pytest.approx((0.05 + 2 * 0.35 + 0.05) / 4)  # 0.2
    table = metrics.reliability(p, outcome)
    assert [r["n"] for r in table] == [1, 1 + 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert table[1]["observed_frequency"] == 0.5 and math.isnan(table[2]["mean_probability"])
    assert metrics.ece([1.0, 1.0], [True, True]) == 0.0  # p = 1 falls in the last bin


def test_pit_histogram_by_hand():
    rows = metrics.pit_histogram([0.0, 0.1, 0.55, 1.0, 0.95], bins=2)
    assert [r["n"] for r in rows] == [2, 3]
    assert [r["share"] for r in rows] == [0.4, 0.6]


# -- rolling origins -------------------------------------------------------------------------------
def _frame(series):
    return pd.DataFrame([{"series": name, "year": y, "value": v}
                         for name, points in series.items() for y, v in points.items()])


_RISING = {y: 10 + 0.8 * (y - 2005) + (0.3 if y % 2 else -0.2) + (0.15 if y % 3 == 0 else 0.0)
           for y in range(2005, 2021)}
_FALLING = {y: 40 - 1.1 * (y - 2005) + (0.4 if y % 3 == 1 else -0.25) for y in range(2005, 2021)}


@pytest.fixture(scope="module")
def result():
    return ontrack.backtest(_frame({"rising": _RISING, "falling": _FALLING}), models=["linear", "auto"],
                            horizons=range(1, 6))


def test_every_forecast_uses_only_the_values_up_to_its_origin(result):
    f = result.forecasts
    assert len(f) and (f["last_used"] <= f["origin"]).all() and (f["year"] > f["origin"]).all()
    assert (f["horizon"] == f["year"] - f["origin"]).all() and f["horizon"].between(1, 5).all()
    for row in f.itertuples():
        points = _RISING if row.series == "rising" else _FALLING
        assert row.n_used == sum(1 for y in points if y <= row.origin)
        assert row.actual == points[row.year]


def test_changing_the_future_leaves_the_forecasts_made_before_it_unchanged(result):
    origin = 2012
    future = {y: v + (25.0 if y > origin else 0.0) for y, v in _RISING.items()}
    changed = ontrack.backtest(_frame({"rising": future, "falling": _FALLING}), models=["linear", "auto"],
                               horizons=range(1, 6))
    columns = ["forecast", "lower_80", "upper_80", "lower_95", "upper_95", "fitted_model", "threshold"]
    keys = ["series", "model", "origin", "year"]
    before = result.forecasts.query("origin <= @origin").set_index(keys)[columns].sort_index()
    after = changed.forecasts.query("origin <= @origin").set_index(keys)[columns].sort_index()
    pd.testing.assert_frame_equal(before, after)
    # ... and the outcomes they are scored against do change, so the check has teeth.
    assert not np.allclose(result.forecasts.query("origin == @origin")["actual"],
                           changed.forecasts.query("origin == @origin")["actual"])


def test_scores_agree_with_the_rows(result):
    ok = result.scored()
    assert (ok["status"] == "ok").all() and len(ok) == (result.forecasts["n_used"] >= 3).sum()
    # A central interval holds the realised value exactly when its PIT lies inside the level.
    inside = (ok["actual"] >= ok["lower_95"]) & (ok["actual"] <= ok["upper_95"])
    assert (inside == ok["pit"].between(0.025, 0.975)).all()
    # The default event: the value is at least the one observed at the origin.
    for row in ok.itertuples():
        points = _RISING if row.series == "rising" else _FALLING
        assert row.threshold == points[row.origin] and row.met == (row.actual >= points[row.origin])
    h3 = ok[ok["horizon"] == 3]
    summary = result.summary("horizon").set_index("horizon")
    assert summary.loc[3, "forecasts"] == len(h3)
    assert summary.loc[3, "coverage_80"] == metrics.coverage(h3["actual"], h3["lower_80"], h3["upper_80"])
    assert summary.loc[3, "brier"] == pytest.approx(metrics.brier(h3["p_meet"], h3["met"].astype(bool)))
    assert set(result.summary("model")["model"]) == {"linear", "auto"}
    with pytest.raises(ontrack.InvalidInputError, match="by='method'"):
        result.summary("method")


def test_a_threshold_and_options_are_passed_to_each_projection():
    frame = _frame({"rising": _RISING})
    bt = ontrack.backtest(frame, models=["holt"], origins=[2014], horizons=[3], thresholds=20.0, alpha=0.5)
    row = bt.forecasts.iloc[0]
    years = [y for y in _RISING if y <= 2014]
    direct = ontrack.project(years, [_RISING[y] for y in years], model="holt", to=2017, alpha=0.5)
    assert row["forecast"] == pytest.approx(direct.predict(2017))
    assert row["p_meet"] == pytest.approx(direct.prob_at_least(20.0, 2017))
    assert row["lower_80"] == pytest.approx(direct.interval(2017, 0.80)[0])


def test_a_series_in_trouble_is_a_status_not_a_crash():
    frame = _frame({"short": {2018: 1.0, 2019: 2.0, 2020: 3.0}, "rising": _RISING})
    bt = ontrack.backtest(frame, models=["logit"], bounds=(0.0, 20.0))  # rising leaves [0, 20] in 2018
    short = bt.forecasts[bt.forecasts["series"] == "short"]
    assert set(short["status"]) == {"too_few_points"} and short["reason"].str.contains("fewer than 3").all()
    rising = bt.forecasts[(bt.forecasts["series"] == "rising") & (bt.forecasts["n_used"] >= 3)]
    late = rising[rising["origin"] >= 2018]
    assert len(late) and (late["status"] == "outside_domain").all() and late["reason"].str.contains("20").all()
    assert (rising[rising["origin"] < 2018]["status"] == "ok").all()
    assert bt.overall()["forecasts"] == len(bt.scored())


def test_bad_arguments_are_named():
    with pytest.raises(ontrack.InvalidInputError, match="horizons"):
        ontrack.backtest(_frame({"rising": _RISING}), horizons=[0])
    if "uncertainty" not in inspect.signature(ontrack.project).parameters:
        with pytest.raises(ontrack.InvalidInputError, match="no option 'uncertainty'"):
            ontrack.backtest(_frame({"rising": _RISING}), uncertainty="model")
    with pytest.raises(ontrack.InvalidInputError, match="no option 'colour'"):
        ontrack.backtest(_frame({"rising": _RISING}), colour="red")
    with pytest.raises(ontrack.InvalidInputError, match="comparator"):
        ontrack.backtest(_frame({"rising": _RISING}), thresholds={"rising": (3.0, ">")})


# -- a finished plan: the 2011–2020 outline ---------------------------------------------------------
@pytest.fixture(scope="module")
def outline():
    plan = ontrack.plans.china_women_outline_2011_2020()
    data = ontrack.datasets.outline_2011_2020_series()
    return ontrack.backtest(data, plan=plan, origins=[2013, 2015, 2017], methods=["nbs", "eurostat"])


def test_outline_outcomes_are_what_happened_by_2020(outline):
    t = outline.targets
    assert set(t["origin"]) == {2013, 2015, 2017} and set(t["method"]) == {"ontrack", "nbs", "eurostat"}
    assert (t["last_used"].dropna() <= t["origin"][t["last_used"].notna()]).all()
    outcome = t.drop_duplicates("key").set_index("indicator")
    # NBS final report: 24.2 % of village-committee members were women, short of 30 %.
    assert outcome.loc["female_share_village_cttee", "outcome"] == "missed"
    assert outcome.loc["female_share_village_cttee", "outcome_value"] == 24.2
    assert outcome.loc["mmr", "outcome"] == "met" and outcome.loc["mmr", "outcome_value"] == 16.9
    assert outcome.loc["compulsory_consolidation", "outcome_value"] == 95.2  # 如期实现 95 %
    # No national screening figure for 2020 was found: the outcome is not guessed.
    assert outcome.loc["common_disease_screening", "outcome"] == "unknown"


def test_outline_verdicts_are_counted_by_outcome(outline):
    v = outline.verdicts()
    for method, members in outline.targets.groupby("method"):
        counted = v[v["method"] == method][["met", "missed", "unknown"]].to_numpy().sum()
        assert counted == len(members)
    comparison = outline.published_comparison(ontrack.datasets.outline_2011_2020_verdicts())
    assert len(comparison) == 11 and {"nbs_2015", "p_meet_2017", "ontrack_2013"} <= set(comparison.columns)
    decided = comparison[comparison["published_outcome"] == "met"]
    assert (decided["outcome"] == "met").all()  # where NBS says met, the data agree
    # The data keep their citations, publication first.
    mmr = outline.sources[outline.sources["series"] == "mmr"]
    assert mmr["values"].sum() == 11 and mmr["source"].str.startswith("national (China) figure").all()
    assert mmr["source"].str.contains("国家统计局《").any()
    scores = outline.target_scores()
    assert set(scores["origin"]) <= {2013, 2015, 2017} and (scores["brier"].between(0, 1)).all()


# -- what a user sees -------------------------------------------------------------------------------
def test_notebook_html_and_files(tmp_path, result):
    hostile = ontrack.Series()
    hostile.indicator = "=HYPERLINK(\"x\")<script>"
    hostile.observations = [ontrack.Observation(y, v) for y, v in _RISING.items()]
    bt = ontrack.backtest([hostile], models=["linear"], horizons=[1, 2])
    html = bt._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "<svg" in html
    written = bt.write(str(tmp_path / "out"))
    names = {p.rsplit("/", 1)[-1] for p in written}
    assert {"forecasts.csv", "forecasts.parquet", "summary_by_horizon.csv", "reliability.png",
            "coverage.svg", "pit.png", "backtest.html"} <= names
    csv_text = (tmp_path / "out" / "forecasts.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in csv_text and "\n=HYPERLINK" not in csv_text and ",=HYPERLINK" not in csv_text
    assert pd.read_parquet(tmp_path / "out" / "forecasts.parquet")["series"].iloc[0] == hostile.indicator
    with pytest.raises(ontrack.InvalidInputError, match="unknown format 'pdf'"):
        bt.write(str(tmp_path / "other"), ["pdf"])
    assert not (tmp_path / "other").exists()

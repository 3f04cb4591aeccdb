"""The calibrated default uncertainty (docs/uncertainty.md): properties that can fail."""
import math
import sys
from pathlib import Path

import numpy as np
import pytest

import ontrack

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench" / "calibration"))
from simulate import value_panel  # noqa: E402

YEARS = list(range(2005, 2019))
# A trend that bends: steady growth, then a slowdown from 2013 (saturation onset).
BENT = [40.0 + 1.2 * i if i < 8 else 40.0 + 9.6 + 0.4 * (i - 8) for i in range(len(YEARS))]
BENT = [v + 0.15 * ((7 * i) % 5 - 2) for i, v in enumerate(BENT)]


def width(p, year, level):
    lo, hi = p.interval(year, level)
    return hi - lo


@pytest.mark.parametrize("model", ["auto", "linear", "log_linear", "logit", "theil_sen", "holt", "damped_holt"])
def test_intervals_nest_and_contain_the_point(model):
    p = ontrack.project(YEARS, BENT, model=model, to=2030)
    for year in (2019, 2024, 2030):
        lo80, hi80 = p.interval(year, 0.8)
        lo95, hi95 = p.interval(year, 0.95)
        assert lo95 < lo80 < p.predict(year) < hi80 < hi95


@pytest.mark.parametrize("model", ["linear", "log_linear", "logit", "theil_sen", "holt", "damped_holt"])
def test_calibrated_widens_faster_than_the_model_for_a_bending_trend(model):
    cal = ontrack.project(YEARS, BENT, model=model, to=2030)
    own = ontrack.project(YEARS, BENT, model=model, to=2030, uncertainty="model")
    cal_w = [width(cal, y, 0.95) for y in (2019, 2023, 2030)]
    own_w = [width(own, y, 0.95) for y in (2019, 2023, 2030)]
    assert all(c > o for c, o in zip(cal_w, own_w))
    assert cal_w[2] - cal_w[0] > own_w[2] - own_w[0]
    if model in ("linear", "log_linear", "logit"):  # closed forms grow like √h; the drift like h^1.5
        ratios = [c / o for c, o in zip(cal_w, own_w)]
        assert ratios[0] < ratios[1] < ratios[2]
    assert cal.predict(2030) == own.predict(2030)  # the point forecast is kept


def test_model_uncertainty_is_the_closed_form_ols_interval():
    # s·√(1 + 1/n + (t − x̄)²/Sxx) · t_{0.975, n−2}; t_{0.975,12} = 2.178812829663 (published tables).
    x = np.array(YEARS, float)
    y = np.array(BENT)
    b, a = np.polyfit(x, y, 1)
    s = math.sqrt(np.sum((y - (a + b * x)) ** 2) / (len(x) - 2))
    dt = 2030 - x.mean()
    half = 2.178812829663 * s * math.sqrt(1 + 1 / len(x) + dt * dt / np.sum((x - x.mean()) ** 2))
    p = ontrack.project(YEARS, BENT, model="linear", to=2030, uncertainty="model")
    lo, hi = p.interval(2030, 0.95)
    assert lo == pytest.approx(a + b * 2030 - half, rel=1e-9)
    assert hi == pytest.approx(a + b * 2030 + half, rel=1e-9)
    cal = ontrack.project(YEARS, BENT, model="linear", to=2030)
    assert width(cal, 2030, 0.95) > 1.5 * (2 * half)


def test_a_perfect_line_keeps_zero_width_under_model_but_not_calibrated():
    years = list(range(2010, 2020))
    values = [3.0 + 2.0 * i for i in range(10)]
    own = ontrack.project(years, values, model="linear", to=2025, uncertainty="model")
    assert own.interval(2025, 0.95)[0] == own.interval(2025, 0.95)[1]
    cal = ontrack.project(years, values, model="linear", to=2025)
    lo, hi = cal.interval(2025, 0.95)
    assert lo < cal.predict(2025) < hi


def test_counts_are_calibrated_too():
    years = list(range(2010, 2022))
    deaths = [3, 2, 2, 3, 1, 2, 1, 2, 0, 1, 1, 0]
    births = [4000 + 100 * i for i in range(12)]
    kw = dict(model="poisson_rate", to=2030, numerator=deaths, denominator=births, multiplier=1e5)
    cal = ontrack.project(years, **kw)
    own = ontrack.project(years, uncertainty="model", **kw)
    # The drift of the GLM slope widens the discrete predictive (whole deaths among ~5,100
    # births: 60 per 100,000 is 3 deaths) and fattens its upper tail.
    still = ontrack.project(years, drift_prior=(0.0, 0.0, 8.0, 1.5), **kw)
    assert cal.interval(2030, 0.95) == (0.0, 60.0)
    assert width(cal, 2030, 0.95) > width(still, 2030, 0.95)
    assert cal.prob_at_least(40, 2030) > still.prob_at_least(40, 2030)
    assert cal.predict(2030) == own.predict(2030)


@pytest.mark.parametrize("model,values", [("linear", BENT), ("log_linear", BENT), ("logit", BENT)])
def test_batch_equals_single_series_bit_for_bit(model, values):
    offsets = np.array([0, len(YEARS), 2 * len(YEARS)])
    years = np.array(YEARS + YEARS, dtype=np.int64)
    vals = np.array(values + [v * 0.9 for v in values])
    for uncertainty in ("calibrated", "model"):
        res = ontrack.project_many(offsets=offsets, years=years, values=vals, model=model, to=2030,
                                   level=[0.8, 0.95], target=60.0, uncertainty=uncertainty)
        for i, series in enumerate([values, [v * 0.9 for v in values]]):
            p = ontrack.project(YEARS, series, model=model, to=2030, uncertainty=uncertainty)
            assert res["lower_95"][i] == p.interval(2030, 0.95)[0]
            assert res["upper_80"][i] == p.interval(2030, 0.8)[1]
            assert res["prob"][i] == p.prob_at_least(60.0, 2030)


def test_unknown_uncertainty_is_a_clear_error():
    with pytest.raises(ValueError, match="calibrated.*model"):
        ontrack.project(YEARS, BENT, model="linear", uncertainty="bayes")
    with pytest.raises(ValueError, match="drift_prior"):
        ontrack.project(YEARS, BENT, model="linear", drift_prior=(0.1, -1.0, 5.0, 0.5))


def _coverage(panel, uncertainty, level, horizon):
    hits = []
    for s in panel:
        obs = (s.years <= 2000) & ~np.isnan(s.values)
        p = ontrack.project(s.years[obs], s.values[obs], model="linear", to=2000 + horizon,
                            uncertainty=uncertainty)
        lo, hi = p.interval(2000 + horizon, level)
        truth = s.values[s.years == 2000 + horizon][0]
        hits.append(lo <= truth <= hi)
    return float(np.mean(hits))


def test_coverage_on_a_fixed_held_out_simulated_panel():
    # The `drift` family is never used to learn the prior (bench/calibration/learn_prior.py).
    panel = value_panel("drift", 60, seed=2024)
    for h in (5, 10):
        assert abs(_coverage(panel, "calibrated", 0.8, h) - 0.8) < 0.08
        assert abs(_coverage(panel, "calibrated", 0.95, h) - 0.95) < 0.05
        assert _coverage(panel, "model", 0.8, h) < 0.6  # the closed form is far too sure


def test_evaluate_takes_the_option():
    plan = ontrack.plans.kundulun_women_2021_2030()
    national = ontrack.datasets.china_national_women_series()
    cal = ontrack.evaluate(plan, national, as_of=2025).to_frame()
    own = ontrack.evaluate(plan, national, as_of=2025, uncertainty="model").to_frame()
    both = cal["p_meet"].notna() & own["p_meet"].notna()
    assert both.sum() > 5
    # Calibrated probabilities are less sure of themselves, on the whole.
    cal_p, own_p = cal.loc[both, "p_meet"], own.loc[both, "p_meet"]
    assert abs(cal_p - 0.5).mean() < abs(own_p - 0.5).mean()
    with pytest.raises(ValueError, match="uncertainty"):
        ontrack.evaluate(plan, national, as_of=2025, uncertainty="wide")


def test_assess_takes_the_option():
    # test_assess.py: P(Y2030 ≥ 20) = 0.78067 under the closed form; the calibrated default is
    # less sure of the same trend.
    years, values = [2016, 2017, 2018, 2019, 2020], [10, 12, 11, 13, 14]
    target = ontrack.Target.at_least(20, by=2030)
    own = ontrack.assess(years, values, target, model="linear", uncertainty="model")
    cal = ontrack.assess(years, values, target, model="linear")
    assert own.p_meet == pytest.approx(0.78067, abs=1e-5)
    assert 0.5 < cal.p_meet < own.p_meet
    assert cal.components["projected_value"] == own.components["projected_value"]

"""Properties every projection must have, checked on generated series (hypothesis)."""


import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

import ontrack

values_strategy = st.lists(st.floats(min_value=1.0, max_value=99.0, allow_nan=False), min_size=3, max_size=15)


def _years(n, start=2010):
    return list(range(start, start + n))


@given(values=values_strategy, shift=st.integers(min_value=-3000, max_value=3000))
def test_shifting_years_leaves_slopes_unchanged(values, shift):
    a = ontrack.project(_years(len(values)), values, model="linear", to=2030)
    b = ontrack.project(_years(len(values), 2010 + shift), values, model="linear", to=2030 + shift)
    assert b.params["slope"] == pytest.approx(a.params["slope"], rel=1e-9, abs=1e-9)
    assert b.predict(2030 + shift) == pytest.approx(a.predict(2030), rel=1e-9, abs=1e-7)


@given(values=values_strategy, factor=st.floats(min_value=0.01, max_value=1000.0))
# Two residuals equal in exact arithmetic: their difference is rounding, and once decided the
# Theil-Sen residual scale on the raw and on the tripled series differently.
@example(values=[1.6909199303597298, 12.0, 35.0], factor=3.0)
@pytest.mark.parametrize("model", ["linear", "log_linear", "theil_sen"])
def test_scaling_values_scales_projections(model, values, factor):
    a = ontrack.project(_years(len(values)), values, model=model, to=2030)
    b = ontrack.project(_years(len(values)), [v * factor for v in values], model=model, to=2030)
    assert b.predict(2030) == pytest.approx(a.predict(2030) * factor, rel=1e-8, abs=1e-9)
    lo_a, hi_a = a.interval(2030, 0.9)
    lo_b, hi_b = b.interval(2030, 0.9)
    assert lo_b == pytest.approx(lo_a * factor, rel=1e-8, abs=1e-9)
    assert hi_b == pytest.approx(hi_a * factor, rel=1e-8, abs=1e-9)


@given(intercept=st.floats(min_value=-100, max_value=100), slope=st.floats(min_value=-5, max_value=5),
       n=st.integers(min_value=3, max_value=15))
@pytest.mark.parametrize("model", ["linear", "theil_sen"])
def test_a_perfectly_linear_series_projects_exactly(model, intercept, slope, n):
    years = _years(n)
    values = [intercept + slope * (y - 2010) for y in years]
    p = ontrack.project(years, values, model=model, to=2030)
    assert p.predict(2030) == pytest.approx(intercept + slope * 20, rel=1e-9, abs=1e-8)


@given(values=st.lists(st.floats(min_value=0.5, max_value=99.5), min_size=3, max_size=15),
       level=st.floats(min_value=0.5, max_value=0.999))
def test_bounded_models_never_leave_their_bounds(values, level):
    p = ontrack.project(_years(len(values)), values, model="logit", bounds=(0, 100), to=2060)
    assume(p.ok)
    for year in range(p.last_year + 1, 2061):
        lower, upper = p.interval(year, level)
        assert 0.0 <= lower <= p.predict(year) <= upper <= 100.0


@given(values=values_strategy, thresholds=st.lists(st.floats(min_value=-50, max_value=150), min_size=2, max_size=8))
@pytest.mark.parametrize("model", ["linear", "log_linear", "logit", "damped_holt"])
def test_probabilities_are_monotone_in_the_threshold(model, values, thresholds):
    p = ontrack.project(_years(len(values)), values, model=model, bounds=(0, 100), to=2030)
    assume(p.ok)
    thresholds = sorted(thresholds)
    at_least = [p.prob_at_least(t, 2030) for t in thresholds]
    at_most = [p.prob_at_most(t, 2030) for t in thresholds]
    assert all(0.0 <= q <= 1.0 for q in at_least + at_most)
    assert all(a >= b - 1e-12 for a, b in zip(at_least, at_least[1:]))
    assert all(a <= b + 1e-12 for a, b in zip(at_most, at_most[1:]))


@given(values=values_strategy)
def test_intervals_nest(values):
    p = ontrack.project(_years(len(values)), values, model="linear", to=2030)
    lo80, hi80 = p.interval(2030, 0.8)
    lo95, hi95 = p.interval(2030, 0.95)
    assert lo95 <= lo80 <= hi80 <= hi95

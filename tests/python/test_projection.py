"""The Python projection API against published references (NIST StRD, R forecast, Sen 1968,
the Holy Cross Mann–Kendall example) and its behaviour on bad input."""

import csv
import json
import math
import re

import pytest

import ontrack

REF = "tests/reference"


def _nist(repo, name):
    """(x, y) and the certified values of a NIST StRD simple regression file.

    The header says where the certified values and the data are ("Data (lines 61 to 96)").
    """
    text = (repo / REF / "nist_strd_lls" / f"{name}.dat").read_text()
    lines = text.splitlines()
    first, last = map(int, re.search(r"Data\s+\(lines (\d+) to (\d+)\)", text).groups())
    rows = [lines[i - 1].split() for i in range(first, last + 1)]
    certified = {}
    for line in lines[:first - 1]:
        parts = line.split()
        if len(parts) == 3 and parts[0] in ("B0", "B1"):
            certified[parts[0]] = (float(parts[1]), float(parts[2]))
        elif match := re.match(r"^\s*Standard Deviation\s+(\S+)\s*$", line):
            certified["sd"] = float(match.group(1))
        elif match := re.match(r"^\s*R-Squared\s+(\S+)\s*$", line):
            certified["r2"] = float(match.group(1))
    y = [float(r[0]) for r in rows]
    x = [float(r[1]) for r in rows]
    return x, y, certified


def _digits(actual, expected):
    return -math.log10(abs(actual - expected) / abs(expected)) if actual != expected else 16


@pytest.mark.parametrize("shift", [0.0, 2000.0])
def test_norris_certified_to_twelve_digits(repo, shift):
    x, y, cert = _nist(repo, "Norris")
    fit = ontrack.fit_linear([v + shift for v in x], y)
    assert _digits(fit.slope, cert["B1"][0]) >= 12
    assert _digits(fit.slope_se, cert["B1"][1]) >= 12
    assert _digits(fit.residual_sd, cert["sd"]) >= 12
    assert _digits(fit.r_squared, cert["r2"]) >= 12
    # The intercept moves with the shift: b0' = b0 − b1·shift, certified only unshifted.
    if shift == 0.0:
        assert _digits(fit.intercept, cert["B0"][0]) >= 12
        assert _digits(fit.intercept_se, cert["B0"][1]) >= 12


@pytest.mark.parametrize("name", ["NoInt1", "NoInt2"])
def test_regression_through_origin(repo, name):
    x, y, cert = _nist(repo, name)
    b1, se = cert["B1"]
    fit = ontrack.fit_linear(x, y, intercept=False)
    assert _digits(fit.slope, b1) >= 12 and _digits(fit.slope_se, se) >= 12
    assert _digits(fit.residual_sd, cert["sd"]) >= 12
    assert _digits(fit.r_squared, cert["r2"]) >= 12


def _r_column(repo, name, column):
    with open(repo / REF / "ets_r_forecast" / name, newline="") as f:
        return [float(row[column]) for row in csv.DictReader(f) if row[column] not in ("", "NA")]


def test_damped_holt_with_r_parameters_reproduces_r_intervals(repo):
    air = _r_column(repo, "ausair_fpp_1990_2004.csv", "value")
    with open(repo / REF / "ets_r_forecast" / "statsmodels_exponential_smoothing_params.csv", newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    params = {row[0]: float(row[header.index("air_fpp2")]) for row in rows[1:] if row[header.index("air_fpp2")] not in ("", "NA")}
    p = ontrack.project(range(1990, 2005), air, model="damped_holt", to=2018, uncertainty="model",
                        alpha=params["alpha"], beta=params["beta"], phi=params["phi"],
                        l0=params["l0"], b0=params["b0"])
    with open(repo / REF / "ets_r_forecast" / "statsmodels_exponential_smoothing_predict.csv", newline="") as f:
        predict = list(csv.DictReader(f))
    forecasts = predict[15:15 + 14]  # fitted values first, then h = 1..14
    for h, row in enumerate(forecasts, start=1):
        year = 2004 + h
        assert p.predict(year) == pytest.approx(float(row["air_fpp2_mean"]), rel=1e-5)
        lower, upper = p.interval(year, 0.95)
        assert lower == pytest.approx(float(row["air_fpp2_lower"]), rel=1e-5)
        assert upper == pytest.approx(float(row["air_fpp2_upper"]), rel=1e-5)


def test_free_damped_holt_reaches_r_likelihood(repo):
    air = _r_column(repo, "ausair_fpp_1990_2004.csv", "value")
    with open(repo / REF / "ets_r_forecast" / "statsmodels_exponential_smoothing_params.csv", newline="") as f:
        rows = {row[0]: row for row in csv.reader(f)}
    column = rows[next(iter(rows))].index("air_ets")
    r_loglik = float(rows["llf"][column])
    p = ontrack.project(range(1990, 2005), air, model="damped_holt", to=2010)
    assert p.loglik >= r_loglik - 1e-4


def test_sen_1968(repo):
    ref = json.loads((repo / REF / "mann_kendall_sen" / "sen1968_theilsen_reference.json").read_text())
    ts = ontrack.theil_sen(ref["x"], ref["y"], alpha=0.07)
    assert ts.slope == 4.0 and ts.intercept == 4.0 and ts.intercept_joint == 6.0
    assert ts.slope_lower == pytest.approx(26 / 7, abs=1e-12)
    assert ts.slope_upper == pytest.approx(35 / 8, abs=1e-12)


def test_mann_kendall_by_hand(repo):
    ref = json.loads((repo / REF / "mann_kendall_sen" / "holycross_mk_by_hand.json").read_text())
    mk = ontrack.mann_kendall(ref["data"])
    assert mk.s == ref["expected"]["S"]
    assert mk.var_s == pytest.approx((14 * 13 * 33 - 2 * 1 * 9) / 18)  # the published arithmetic
    assert round(mk.z, 4) == ref["expected"]["Z_continuity_corrected"]
    assert round(mk.p_one_sided, 4) == ref["expected"]["p_one_sided_approx"]


def test_rates_growth_and_probability():
    # A series falling by exactly 4% a year: CAGR −4%, AARR 4%.
    years = [2016, 2018, 2019, 2021, 2023]
    values = [20 * 0.96 ** (y - 2016) for y in years]
    p = ontrack.project(years, values, model="log_linear", to=2030, uncertainty="model")
    assert p.params["cagr"] == pytest.approx(-0.04, abs=1e-12)
    assert p.params["aarr_percent"] == pytest.approx(4.0, abs=1e-10)
    assert p.predict(2030) == pytest.approx(20 * 0.96 ** 14, rel=1e-12)
    # A perfect fit has no model uncertainty: a point mass at the projection. The calibrated
    # default still allows the rate of decline to change.
    assert p.prob_at_most(20 * 0.96 ** 14 + 1e-6, 2030) == 1.0
    calibrated = ontrack.project(years, values, model="log_linear", to=2030)
    assert 0.5 < calibrated.prob_at_most(20 * 0.96 ** 14 + 1e-6, 2030) < 0.6


def test_bad_input_raises_clear_errors():
    with pytest.raises(ontrack.InvalidInputError, match="at least 2"):
        ontrack.project([2020], [1.0], model="linear")
    with pytest.raises(ValueError, match="2021"):
        ontrack.project([2020, 2021], [1.0, float("nan")], model="linear")
    with pytest.raises(ValueError, match="2021"):
        ontrack.project([2020, 2021, 2021], [1.0, 2.0, 3.0], model="linear")
    with pytest.raises(ValueError, match="2019"):
        ontrack.project([2020, 2021], [1.0, 2.0], model="linear", to=2019)
    with pytest.raises(ValueError, match="unknown projection model"):
        ontrack.project([2020, 2021], [1.0, 2.0], model="cubic")
    with pytest.raises(ValueError, match="alpha"):
        ontrack.project(range(2010, 2020), range(10), model="holt", alpha=1.5)
    log = ontrack.project([2020, 2021, 2022], [1.0, 0.0, 2.0], model="log_linear")
    assert log.status == "outside_domain" and "2021" in log.reason
    assert math.isnan(log.predict(2030))


def test_as_of_uses_only_data_up_to_that_year():
    years = list(range(2015, 2025))
    values = [10 + y - 2015 for y in years[:5]] + [100.0] * 5
    p = ontrack.project(years, values, model="linear", to=2030, as_of=2019)
    assert p.last_year == 2019 and p.n == 5
    assert p.predict(2030) == pytest.approx(25.0)


def test_count_model_reads_small_counts_as_noise():
    # Exactly 2 deaths a year among 10,000 births: rate 2/10,000 = 20 per 100,000, no trend.
    years = list(range(2015, 2025))
    p = ontrack.project(years, numerator=[2] * 10, denominator=[10_000] * 10, model="poisson_rate",
                        multiplier=1e5, to=2030)
    assert p.ok
    assert p.predict(2030) == pytest.approx(20.0, rel=1e-9)
    # A single year's count at an expected 2 events is very uncertain: the 95% interval of the
    # 2030 rate must reach below a target of 12 and far above 20 — one death either way is noise.
    lower, upper = p.interval(2030, 0.95)
    assert lower < 12 and upper > 40
    assert 0.05 < p.prob_at_most(12, 2030) < 0.5

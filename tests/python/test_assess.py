"""ontrack.assess: one series against one target, ontrack's method and the compatibility modes.

Expected numbers are computed in the comments: OLS by hand and the Student-t CDF with 3 degrees
of freedom in closed form, F3(t) = 1/2 + (t/(√3(1 + t²/3)) + atan(t/√3))/π.
"""

import math

import pytest

import ontrack
from ontrack import Target
from ontrack.assessment import METHODS, STATUSES, Assessment, EarlyWarning, assess, method_parameters

YEARS = [2016, 2017, 2018, 2019, 2020]
# Series A: OLS slope 0.9, mean 12 at 2018, RSS 1.9 (3 df); 2030: μ = 22.8, se² = (1.9/3)·15.6.
VALUES = [10, 12, 11, 13, 14]
SE_2030 = math.sqrt(1.9 / 3 * 15.6)


def f3(t: float) -> float:
    return 0.5 + (t / (math.sqrt(3) * (1 + t * t / 3)) + math.atan(t / math.sqrt(3))) / math.pi


def test_target_factories_mirror_every_kind():
    cases = {
        "at_least": Target.at_least(35, by=2030),
        "at_most": Target.at_most(12, by=2030, strict=True),
        "maintain_at_least": Target.maintain_at_least(95, start=2021, end=2030),
        "maintain_at_most": Target.maintain_at_most(10, start=2021, end=2030),
        "about": Target.about(45, tolerance=1, by=2030),
        "increase": Target.increase(),
        "decrease": Target.decrease(min_pace=0.5),
        "increase_each_period": Target.increase_each_period([(2020, 2021), (2022, 2026)]),
        "gap_narrowing": Target.gap_narrowing(["a", ("b", {"sex": "male"})], measure="ratio"),
        "relative": Target.relative("ref", "about", tolerance=2, start=2021, end=2030),
        "trend_slowing": Target.trend_slowing(window=4),
        "ratio": Target.ratio(3, numerator="midwives", denominator="beds", start=2021, end=2030),
        "full_coverage": Target.full_coverage(by=2030, tolerance=0.5),
        "milestone": Target.milestone("建成", by=2030, status="in_progress", status_year=2024),
    }
    assert set(cases) == set(ontrack.TargetKind.__members__)
    for kind, t in cases.items():
        assert t.kind.name == kind
    assert cases["at_most"].strict and cases["at_most"].year == 2030
    assert cases["decrease"].min_pace == 0.5
    assert cases["gap_narrowing"].between[1].disaggregation == {"sex": "male"}
    assert cases["gap_narrowing"].measure == ontrack.GapMeasure.ratio
    assert cases["relative"].comparator == ontrack.Comparator.about
    assert cases["ratio"].numerator.indicator == "midwives"
    assert cases["milestone"].description.zh == "建成"
    assert cases["milestone"].status == ontrack.MilestoneStatus.in_progress
    assert Target.at_least(35, by=2025, interim=True, text="达到35%以上").interim


@pytest.mark.parametrize("make", [
    lambda: Target.about(45, by=2030),                        # no tolerance
    lambda: Target.about(45, tolerance=1),                    # no year or window
    lambda: Target.maintain_at_least(95, start=2030, end=2021),
    lambda: Target.increase(min_pace=-1),
    lambda: Target.relative("ref", "about"),                  # about without tolerance
    lambda: Target.ratio(3, numerator="a", by=2030),          # numerator without denominator
    lambda: Target.increase_each_period([(2022, 2026), (2020, 2021)]),
    lambda: Target.gap_narrowing(["a"]),
    lambda: Target.milestone("x", status="done"),
])
def test_target_factory_errors(make):
    with pytest.raises(ontrack.InvalidInputError):
        make()


def test_native_assessment_of_at_least():
    # P(Y2030 ≥ 20) = F3((22.8 − 20)/3.14325) = F3(0.8908) = 0.78067 ≥ 0.66 → on_track; required
    # (20 − 14)/10 = 0.6 a year against an observed 0.9; first year with 12 + 0.9(t − 2018) ≥ 20: 2027.
    a = assess(YEARS, VALUES, Target.at_least(20, by=2030), model="linear", uncertainty="model")
    assert isinstance(a, Assessment)
    assert a.label == a.status == "on_track"
    assert a.label_text == "on track"
    assert a.status_text("zh") == "预计达标"
    assert a.p_meet == pytest.approx(f3(2.8 / SE_2030), abs=1e-12)
    assert a.p_meet == pytest.approx(0.78067, abs=1e-4)
    c = a.components
    assert c["p_meet"] == a.p_meet
    assert c["projected_value"] == pytest.approx(22.8)
    assert c["required_annual_change"] == pytest.approx(0.6)
    assert c["observed_annual_change"] == pytest.approx(0.9)
    assert c["pace_ratio"] == pytest.approx(1.5)
    assert a.expected_year == 2027
    assert a.model == "linear"
    assert a.years_used == YEARS
    assert a.reason == ""
    assert a.warnings == []


def test_lower_is_better():
    # The mirrored series 14, 12, 13, 11, 10 against ≤ 4: F3((4 − 1.2)/3.14325), the same 0.78067.
    a = assess(YEARS, VALUES[::-1], Target.at_most(4, by=2030), model="linear", uncertainty="model")
    assert a.p_meet == pytest.approx(f3(2.8 / SE_2030), abs=1e-12)
    assert a.components["required_annual_change"] == pytest.approx(-0.6)  # (4 − 10)/10


def test_target_equal_to_baseline_and_zero_target():
    # ≥ 10 with the baseline 10: F3(12.8/3.14325) = 0.98664, met already → achieved; required −0.4.
    a = assess(YEARS, VALUES, Target.at_least(10, by=2030), model="linear", uncertainty="model")
    assert a.status == "achieved"
    assert a.p_meet == pytest.approx(0.98664, abs=1e-4)
    assert a.components["required_annual_change"] == pytest.approx(-0.4)
    # ≤ 0 on the falling series: F3(−1.2/3.14325) = 0.36403 → at_risk; relative change −100 %.
    b = assess(YEARS, VALUES[::-1], Target.at_most(0, by=2030), model="linear", uncertainty="model")
    assert b.status == "at_risk"
    assert b.p_meet == pytest.approx(0.36403, abs=1e-4)
    assert b.components["required_relative_change"] == -1.0


def test_baseline_past_the_target_single_point_and_growth_rate_domain():
    assert assess(YEARS, VALUES, Target.at_least(8, by=2030), model="linear").status == "achieved"
    one = assess([2020], [14], Target.at_least(20, by=2030))
    assert one.status == "not_assessable" and one.reason == "too_few_points"
    assert "2020" in one.message
    zero = assess(YEARS, [0, 1, 2, 3, 4], Target.at_least(10, by=2030), model="log_linear")
    assert zero.reason == "outside_domain"
    assert "2016" in zero.message


def test_irregular_years():
    # 2015, 2016, 2019, 2020 = 10, 11, 13, 14: slope 13/17, s² = 1/34 (2 df); 2030: μ = 21.5588,
    # se = √((1/34)(1.25 + 12.5²/17)) = 0.55416; F2(t) = 1/2 + t/(2√(2 + t²)) at 2.81294 → 0.94672.
    a = assess([2015, 2016, 2019, 2020], [10, 11, 13, 14], Target.at_least(20, by=2030), model="linear", uncertainty="model")
    t = (12 + 13 / 17 * 12.5 - 20) / math.sqrt((1 / 34) * (1.25 + 156.25 / 17))
    assert a.p_meet == pytest.approx(0.5 + t / (2 * math.sqrt(2 + t * t)), abs=1e-12)


def test_natural_bound_and_default_model():
    # 96 % is within 10 % of the range of 100: the default model is logit, which stays below 100.
    a = assess(YEARS, [91, 93, 94, 95, 96], Target.at_least(98, by=2030), scale="percent")
    assert a.model == "logit"
    assert a.components["projected_value_upper"] < 100
    # At the bound itself logit is impossible; the projection shown never exceeds 100.
    b = assess([2018, 2019, 2020], [98, 99, 100], Target.full_coverage(by=2030), scale="percent")
    assert b.components["projected_value"] <= 100


def test_small_counts_use_the_count_model():
    # 1,000 births a year, 3, 2, 2, 1, 1 deaths (per 100,000: 300 … 100): a line through the rates
    # would fall 50 a year; the Poisson model of the counts keeps the uncertainty of 2 deaths.
    a = assess(YEARS, [300, 200, 200, 100, 100], Target.at_most(150, by=2030), scale="per_100000",
               numerator=[3, 2, 2, 1, 1], denominator=[1000] * 5)
    assert a.model == "poisson_rate"
    assert a.p_meet < 0.95
    naive = assess(YEARS, [300, 200, 200, 100, 100], Target.at_most(150, by=2030), scale="per_100000",
                   model="linear", uncertainty="model")
    assert naive.p_meet > 0.99


def test_gap_and_relative_targets_read_other_series():
    # Gap male − female = 10, 9, 10, 9, 8 from 2016: (−10, 10) in 2030; slope −0.4, s² = 0.4,
    # μ = 4.4, se = √(0.4·15.6): P = F3(5.6/se) − F3(−14.4/se) = 0.93942.
    male = ontrack.Series()
    male.indicator, male.disaggregation = "y", {"sex": "male"}
    male.observations = [ontrack.Observation(y, v) for y, v in zip(YEARS, [20, 21, 21, 22, 22])]
    female = ontrack.Series()
    female.indicator, female.disaggregation = "y", {"sex": "female"}
    female.observations = [ontrack.Observation(y, v) for y, v in zip(YEARS, VALUES)]
    t = Target.gap_narrowing([("y", {"sex": "male"}), ("y", {"sex": "female"})], start=2016, end=2030)
    a = assess([], [], t, series=[male, female], indicator_id="y", model="linear", uncertainty="model")
    se = math.sqrt(0.4 * 15.6)
    assert a.p_meet == pytest.approx(f3(5.6 / se) - f3(-14.4 / se), abs=1e-12)
    missing = assess(YEARS, VALUES, Target.relative("ref", by=2030))
    assert missing.reason == "reference_missing"


def test_warnings_are_bilingual():
    # 13 → 12.5 in the last year while the floor asks for more: a reversal.
    a = assess(YEARS, [10, 12, 11, 13, 12.5], Target.at_least(20, by=2030), model="linear")
    codes = [w.code for w in a.warnings]
    assert "reversal" in codes
    w = next(w for w in a.warnings if w.code == "reversal")
    assert isinstance(w, EarlyWarning)
    assert w.en == "Reversal: the latest change, from 13 in 2019 to 12.5 in 2020, goes away from the target."
    assert w.zh == "最新变化方向不利：由2019年的13变为2020年的12.5。"
    assert w.severity in ("low", "medium", "high")
    # Stale data: as of 2024 the 2020 value is 4 years old.
    stale = assess(YEARS, VALUES, Target.at_least(20, by=2030), as_of=2024, model="linear")
    assert "stale_data" in [w.code for w in stale.warnings]
    assert stale.components["latest_year"] == 2020


def test_as_of_uses_only_the_data_up_to_it():
    a = assess(YEARS, VALUES, Target.at_least(20, by=2030), as_of=2018, model="linear")
    assert a.years_used == [2016, 2017, 2018]
    assert a.components["latest_value"] == 11


def test_compatibility_modes_through_assess():
    # The worked check of docs/methods.md: 16 (2020) → 14.5 (2023), ≤ 12 by 2030, lower is better.
    # CAGR_a = (14.5/16)^(1/3) − 1 = −3.228 %, CAGR_r = (12/16)^(1/10) − 1 = −2.836 %:
    # Eurostat RR = 1.138 → significant_progress; NBS in 2023: 14.5 > 12 → 未实现.
    kw = {"scale": "per_100000", "base_year": 2020}
    e = assess([2020, 2023], [16, 14.5], Target.at_most(12, by=2030), method="eurostat", **kw)
    assert e.label == "significant_progress"
    assert e.label_text == "significant progress towards the EU target"
    assert e.components["ratio"] == pytest.approx(1.1383, abs=1e-4)
    assert e.status == "not_assessable"          # ontrack's own: 2 points, no probability
    assert e.native_reason == "too_few_points"
    assert e.mode_result["method"] == "eurostat"
    n = assess([2020, 2023], [16, 14.5], Target.at_most(12, by=2030), method="nbs", tolerance=3, **kw)
    assert n.label == "basically_achieved"       # 14.5 ≤ 12 + 3
    assert n.label_text == "基本实现"
    u = assess([2020, 2023], [16, 14.5], Target.trend_slowing(), method="nbs", **kw)
    assert u.label == "not_monitorable" and u.reason == "unsupported_kind"


def test_every_mode_runs():
    for method in METHODS:
        a = assess(YEARS, VALUES, Target.at_least(20, by=2030), method=method, scale="percent")
        assert a.method == method
        assert a.label
        assert a.status in STATUSES


def test_parameters_and_errors():
    assert "on_track" in method_parameters("ontrack")
    assert "window_years" in method_parameters("eurostat")
    strict = assess(YEARS, VALUES, Target.at_least(20, by=2030), model="linear", on_track=0.9)
    assert strict.status == "at_risk"  # 0.78 < 0.9
    with pytest.raises(ontrack.InvalidInputError, match="unknown method"):
        assess(YEARS, VALUES, Target.at_least(20, by=2030), method="eurostatt")
    with pytest.raises(ontrack.InvalidInputError, match="on_trak"):
        assess(YEARS, VALUES, Target.at_least(20, by=2030), on_trak=0.9)
    with pytest.raises(ValueError):
        assess(YEARS, VALUES[:3], Target.at_least(20, by=2030))
    with pytest.raises(ValueError):
        assess(YEARS, [10, 12, float("nan"), 13, 14], Target.at_least(20, by=2030))
    with pytest.raises(ontrack.InvalidInputError):
        assess([2016.5, 2017], [1, 2], Target.at_least(20, by=2030))

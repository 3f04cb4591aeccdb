"""A published method used on its own gives the published answer: without a plan or a caller's
base year, each compatibility mode starts from its own default base year (2015, with its own
fallback), and every result says where its base year came from.

The expected labels are worked by hand from the published rules (the method notes cited in
docs/methods.md), on one series whose first year (2004) is not the methods' 2015: it falls from
60 in 2004 to 38 in 2015 and rises again to 52 in 2022, so a base in 2004 and a base in 2015
give opposite verdicts. Higher is better; the target is 65 by 2030.
"""

import pytest

import ontrack
from ontrack import Target

YEARS = list(range(2004, 2023))
VALUES = [60 - 2 * (y - 2004) if y <= 2015 else 38 + 2 * (y - 2015) for y in YEARS]
TARGET = Target.at_least(65, by=2030)

# Hand computation, base 2015 (38) → latest 2022 (52), target 65 in 2030:
#   CAGR(2015→2022) = (52/38)^(1/7) − 1 = 0.04583;  CAGR_req(2015→2030) = (65/38)^(1/15) − 1 = 0.03643
#   Open SDG method 2: pv = 0.04583/0.03643 = 1.258 ≥ 0.95             → substantial_progress
#   UNSD CAGRR: CR = 1.258 ≥ 0.95                                      → on_track
#   expected value ŷ_2030 = 52·1.04583^8 = 74.42
#   UNSD 2023 form: ratio = (74.42 − 38)/(65 − 38) = 1.349 ≥ 0.95      → on_track
#   Eustat: R = 1.349 ≥ 0.95                                           → achieved_or_on_track
#   ESCAP CSI = 10·(52 − 38)/|65 − 38| = 5.19 in (0, 9]                → slow_progress
#   SDSN (bounds 0–100, green 65): rate (52 − 38)/7 = 2 ≥ required (65 − 38)/15 = 1.8 → on_track
#   INE: 52 − 38 > 0                                                   → favourable
# Base 2004 (60) instead: 60 → 52 is a fall, so every one of them reads a deterioration.
PUBLISHED = {
    "opensdg": ("substantial_progress", "deterioration"),
    "unsd": ("on_track", "deterioration"),
    "unsd_expected": ("on_track", "regression"),
    "eustat": ("achieved_or_on_track", "stagnation_or_regression"),
    "escap": ("slow_progress", "regression"),
    "sdsn": ("on_track", "decreasing"),
    "ine": ("favourable", "unfavourable"),
}


def _assess(method, years=YEARS, values=VALUES, target=TARGET, **kw):
    return ontrack.assess(years, values, target, method=method, bounds=(0, 100), **kw)


@pytest.mark.parametrize("method", sorted(PUBLISHED))
def test_a_mode_on_its_own_uses_its_published_base_year(method):
    at_2015, at_2004 = PUBLISHED[method]
    a = _assess(method)
    assert a.label == at_2015
    base = a.components.get("base_year", a.components.get("start_year"))
    assert base == 2015
    assert a.base_year_source == "method_default"
    given = _assess(method, base_year=2004)
    assert given.label == at_2004
    assert given.base_year_source == "caller"


# The modes without a base year start from their own rule on the same series, by hand:
#   Eurostat (15-year window 2007–2022): CAGR_a = (52/54)^(1/15) − 1 = −0.0025,
#     CAGR_r = (65/54)^(1/23) − 1 = 0.0081, RR = −0.31 < 0                → movement_away
#   Destatis family 1 (last six points 2017–2022): Δ = (52 − 42)/5 = 2, P = 52 + 2·8 = 68,
#     g = (65 − 68)/(65 − 52) = −0.23 < 0.05                               → sun
#   ISTAT (the whole series): CAGR = (52/60)^(1/18) − 1 = −0.79 % in (−1 %, 1 %] → stable
#   NBS (level at the latest year): 52 < 65                                → not_achieved
OWN_RULE = {"eurostat": "movement_away", "destatis": "sun", "istat": "stable", "nbs": "not_achieved"}


def test_the_modes_without_a_base_year_say_their_own_rule_applied():
    for method, label in OWN_RULE.items():
        a = _assess(method)
        assert a.label == label, method
        assert a.base_year_source == "method_default", method
    # WHO's ARR from the first observation (2004: 100 → 2022: 46; target 20 by 2030):
    # ARR = ln(100/46)/18 = 0.0431 < required ln(100/20)/26 = 0.0619 → off_course.
    falling = [100 - 3 * i for i in range(len(YEARS))]
    who = ontrack.assess(YEARS, falling, Target.at_most(20, by=2030), method="who_arr")
    assert who.label == "off_course" and who.base_year_source == "method_default"
    assert who.components["arr_observed"] == pytest.approx(0.0431, abs=1e-4)
    # Eurostat's 15-year window ends at the latest year: base 2007 (value 54), whatever the caller says.
    eurostat = _assess("eurostat", base_year=2004)
    assert eurostat.components["base_year"] == 2022 - 15
    assert eurostat.base_year_source == "method_default"
    # WHO's ARR from the caller's base year when one is given.
    who = ontrack.assess(YEARS, falling, Target.at_most(20, by=2030), method="who_arr", base_year=2010)
    assert who.base_year_source == "caller"


def test_ontrack_keeps_its_own_default_the_first_year_observed():
    a = _assess("ontrack")
    assert a.components["baseline_year"] == 2004
    assert a.base_year_source == "method_default"
    assert _assess("ontrack", base_year=2015).base_year_source == "caller"


def test_eustat_without_2015_takes_the_first_later_year_that_has_a_later_value():
    # Published exception 3: no 2015 value → the first year after it giving two values (2016),
    # else the closest year before it. Today's bug took the first observation (2004).
    years = [y for y in YEARS if y != 2015]
    values = [v for y, v in zip(YEARS, VALUES) if y != 2015]
    a = _assess("eustat", years, values)
    assert a.components["base_year"] == 2016 and a.components["base_value"] == 40
    # By hand: CAGR(2016→2022) = (52/40)^(1/6) − 1 = 0.04470; ŷ_2030 = 52·1.04470^8 = 73.78;
    # R = (73.78 − 40)/(65 − 40) = 1.351 ≥ 0.95 → achieved_or_on_track.
    assert a.label == "achieved_or_on_track"
    assert a.components["ratio"] == pytest.approx(1.3511, abs=1e-4)
    # 2016 is the last year: no later value, so the closest earlier year, 2014 (value 40).
    short = _assess("eustat", [2004, 2010, 2014, 2016], [60, 48, 40, 42])
    assert short.components["base_year"] == 2014


def test_an_evaluation_reads_the_plans_base_year(kundulun):
    national = ontrack.datasets.china_national_women_series()
    record = ontrack.evaluate(kundulun, national, as_of=2025, method="opensdg").to_dict()
    rows = [r for r in record["rows"] if r["mode"] and "base_year" in r["mode"]["components"]]
    assert rows
    assert {r["mode"]["base_year_source"] for r in rows} == {"plan"}
    assert {r["baseline_source"] for r in record["rows"]} == {"plan"}


# ---- issue 14: a constant gap, and a trend_slowing window that can be assessed ----------------

def _series(indicator, years, values):
    s = ontrack.Series()
    s.indicator = indicator
    s.observations = [ontrack.Observation(y, float(v)) for y, v in zip(years, values)]
    return s


@pytest.mark.parametrize("measure", ["difference", "ratio"])
@pytest.mark.parametrize("women,men", [(45, 50), (30, 70), (1, 3), (0.7, 0.9)])
def test_a_constant_gap_is_not_narrowing_under_either_measure(measure, women, men):
    years = list(range(2015, 2024))
    target = Target.gap_narrowing(["women", "men"], measure=measure, end=2030)
    a = ontrack.assess(years, [women] * len(years), target, indicator_id="women",
                       series=[_series("men", years, [men] * len(years))])
    assert a.status == "off_track"
    assert a.p_meet == 0.0


def test_a_trend_slowing_window_too_short_to_assess_is_refused_with_the_same_rule_everywhere(all_kinds_path):
    with pytest.raises(ontrack.InvalidInputError) as factory:
        Target.trend_slowing(window=2)
    rule = "window must be at least 3 years (each window's slope needs three observations for its uncertainty), not 2"
    assert rule in str(factory.value) and "trend_slowing" in str(factory.value)
    text = all_kinds_path.read_text(encoding="utf-8").replace('"window": 5', '"window": 2')
    with pytest.raises(ontrack.InvalidInputError) as loader:
        ontrack.Plan.from_json(text)
    assert rule in str(loader.value) and "trend_slowing target" in str(loader.value)
    Target.trend_slowing(window=3)  # the shortest window that can be assessed

"""Sex-disaggregated statistics derived as series in their own right."""

import pytest

import ontrack
from ontrack import derive
from ontrack.observations import ObservationRecord, Observations

R = ObservationRecord


def values(observations):
    return {(r.indicator, r.year, r.area): round(r.value, 12) for r in observations}


def test_female_share_from_counts_by_sex_evaluates_the_plans_share_indicator(kundulun):
    employed = Observations(
        [
            R("employed_persons", 2021, 1200, sex="female"),
            R("employed_persons", 2021, 1500, sex="male"),
            R("employed_persons", 2022, 1300, sex="female"),
            R("employed_persons", 2022, 1550, sex="male"),
            R(
                "employed_persons", 2022, 2900
            ),  # a total wider than female + male: the share is of it
            R("employed_persons", 2023, 1350, sex="female"),  # no male or total count: no share
        ]
    )
    share = derive.female_share(employed, "employed_persons", into="female_share_employed")
    assert values(share) == {
        ("female_share_employed", 2021, ""): round(100 * 1200 / 2700, 12),
        ("female_share_employed", 2022, ""): round(100 * 1300 / 2900, 12),
    }
    assert {(r.numerator, r.denominator, r.flag) for r in share} == {
        (1200, 2700, "derived"),
        (1300, 2900, "derived"),
    }
    # It is a series of the plan's indicator, with its 45% ± 2 target: it fits the plan.
    assert share.problems(kundulun) == []
    plan = ontrack.Plan.from_json(kundulun.to_json())
    plan.series = share.to_series()
    plan.validate()
    assert plan.series[0].observations[0].flag == ontrack.ObservationFlag.derived


def test_ratio_of_women_to_men(kundulun):
    income = Observations(
        [
            R("avg_income", 2021, 40_000, sex="female"),
            R("avg_income", 2021, 50_000, sex="male"),
            R("avg_income", 2022, 42_000, sex="female"),
            R("avg_income", 2022, 51_000, sex="male"),
        ]
    )
    ratio = derive.ratio(income, "avg_income")
    assert values(ratio) == {
        ("avg_income_female_to_male_ratio", 2021, ""): 0.8,
        ("avg_income_female_to_male_ratio", 2022, ""): round(42 / 51, 12),
    }
    assert [(r.numerator, r.denominator) for r in ratio] == [(40_000, 50_000), (42_000, 51_000)]


def test_gap_is_male_minus_female_or_as_the_indicator_defines_it(kundulun):
    literacy = Observations(
        [R("sci_literacy", 2020, 12.0, sex="female"), R("sci_literacy", 2020, 15.0, sex="male")]
    )
    assert values(derive.gap(literacy, "sci_literacy")) == {
        ("sci_literacy_male_minus_female", 2020, ""): 3.0
    }
    housework = Observations(
        [R("housework_time", 2021, 154, sex="female"), R("housework_time", 2021, 70, sex="male")]
    )
    # housework_time's gap_narrowing target compares female minus male.
    assert values(derive.gap(housework, kundulun.indicator("housework_time"))) == {
        ("housework_time_female_minus_male", 2021, ""): 84.0
    }
    # mmr's compares rural minus urban.
    mmr = Observations(
        [
            R("mmr", 2020, 18.5, area="rural"),
            R("mmr", 2020, 14.1, area="urban"),
            R("mmr", 2020, 16.9),
        ]
    )
    (rural_gap,) = derive.gap(mmr, kundulun.indicator("mmr"), into="mmr_rural_urban_gap")
    assert (rural_gap.indicator, rural_gap.area, round(rural_gap.value, 12)) == (
        "mmr_rural_urban_gap",
        "",
        4.4,
    )
    assert rural_gap.flag == "derived"


def test_parity_index_is_adjusted_and_symmetric():
    enrolment = Observations(
        [
            R("senior_secondary_ger", 2021, 90.0, sex="female"),
            R("senior_secondary_ger", 2021, 100.0, sex="male"),
            R("senior_secondary_ger", 2022, 100.0, sex="female"),
            R("senior_secondary_ger", 2022, 90.0, sex="male"),
            R("senior_secondary_ger", 2023, 0.0, sex="female"),
            R("senior_secondary_ger", 2023, 0.0, sex="male"),
        ]
    )
    index = {r.year: r.value for r in derive.parity_index(enrolment, "senior_secondary_ger")}
    assert index[2021] == pytest.approx(0.9)
    assert index[2022] == pytest.approx(2 - 90 / 100)  # 1.1: as far above parity as 2021 is below
    assert 2023 not in index  # 0 / 0 is no index


def test_other_breakdowns_are_kept_and_the_latest_vintage_is_used():
    counts = Observations(
        [
            R("persons", 2021, 30, sex="female", area="rural", vintage="2026-03-01"),
            R("persons", 2021, 70, sex="male", area="rural", vintage="2026-03-01"),
            R("persons", 2021, 60, sex="female", area="urban", vintage="2026-03-01"),
            R("persons", 2021, 40, sex="male", area="urban", vintage="2026-03-01"),
            R("persons", 2021, 50, sex="male", area="urban", vintage="2026-04-01"),  # a revision
        ]
    )
    share = derive.female_share(counts, "persons")
    assert values(share) == {
        ("persons_female_share", 2021, "rural"): 30.0,
        ("persons_female_share", 2021, "urban"): round(100 * 60 / 110, 12),
    }
    assert {r.area: r.vintage for r in share} == {"rural": "2026-03-01", "urban": "2026-04-01"}
    earlier = derive.female_share(counts.as_of_vintage("2026-03-01"), "persons")
    assert values(earlier)[("persons_female_share", 2021, "urban")] == 60.0


def test_an_unknown_breakdown_is_refused():
    with pytest.raises(ontrack.InvalidInputError, match="unknown breakdown 'gender'"):
        derive.ratio(Observations(), "x", dimension="gender")

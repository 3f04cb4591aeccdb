"""Zero events with counts: a district's years without a maternal death are information.

With no event in any year the rate's Jeffreys posterior is Gamma(1/2, ΣE) and the count among E*
future births is its Poisson mixture (negative binomial). By hand, with q = ΣE / (ΣE + E*):
P(K = 0) = q^(1/2) and P(K = 1) = (1/2)·(1 − q)·q^(1/2).
"""

import math

import ontrack
from ontrack import Target
from ontrack.assessment import assess
from ontrack.evaluation import evaluate

YEARS = list(range(2015, 2023))
BIRTHS = [3000, 3600, 4200, 4800, 5400, 6000, 5000, 4000]  # ΣE = 36,000; E* = 5,000 (last 3)
Q = 36000 / 41000


def test_all_zero_deaths_assess_gives_a_status_and_probability():
    # MMR ≤ 15 per 100,000 at 5,000 births is 0.75 deaths: no death at all.
    a = assess(YEARS, [0] * 8, Target.at_most(15, by=2030), scale="per_100000",
               numerator=[0] * 8, denominator=BIRTHS)
    assert a.model == "poisson_rate"
    assert a.status != "not_assessable"
    assert abs(a.p_meet - math.sqrt(Q)) < 1e-10
    # MMR ≤ 20 is at most one death.
    b = assess(YEARS, [0] * 8, Target.at_most(20, by=2030), scale="per_100000",
               numerator=[0] * 8, denominator=BIRTHS)
    assert abs(b.p_meet - (math.sqrt(Q) + 0.5 * (1 - Q) * math.sqrt(Q))) < 1e-10


def test_mostly_zero_deaths_are_assessable():
    deaths = [2, 1, 0, 1, 0, 0, 1, 0]
    a = assess(YEARS, [1e5 * d / e for d, e in zip(deaths, BIRTHS)], Target.at_most(30, by=2030),
               scale="per_100000", numerator=deaths, denominator=BIRTHS)
    assert a.model == "poisson_rate"
    assert a.status != "not_assessable"
    assert 0.0 < a.p_meet < 1.0


def test_all_zero_deaths_evaluate_gives_a_real_status():
    ind = ontrack.Indicator()
    ind.id, ind.name, ind.unit = "mmr", ontrack.Text("孕产妇死亡率", "Maternal mortality ratio"), "1/10万"
    ind.scale = ontrack.Scale.per_100000
    ind.bounds = ontrack.Bounds.for_scale(ind.scale)
    ind.targets = [Target.at_most(15, by=2030)]
    goal = ontrack.Goal()
    goal.id, goal.number, goal.text = "health.1", 1, ontrack.Text("目标")
    goal.indicators = [ind]
    health = ontrack.Domain()
    health.id, health.number, health.name = "health", 1, ontrack.Text("健康", "Health")
    health.goals = [goal]
    plan = ontrack.Plan()
    plan.id, plan.title = "district", ontrack.Text("区规划", "District plan")
    plan.period_start, plan.period_end, plan.base_year, plan.midterm_year = 2015, 2030, 2015, 2025
    plan.domains = [health]
    series = ontrack.Series()
    series.indicator = "mmr"
    series.observations = [ontrack.Observation(y, 0.0, numerator=0.0, denominator=float(e))
                           for y, e in zip(YEARS, BIRTHS)]
    plan.series = [series]
    row = evaluate(plan, as_of=2022).row("mmr")
    assert row["status"] != "not_assessable"
    assert abs(row["components"]["p_meet"] - math.sqrt(Q)) < 1e-10

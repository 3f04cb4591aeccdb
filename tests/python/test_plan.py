import json
import math
import re

import pytest

import ontrack
from ontrack import TargetKind


def test_version_is_single_sourced(repo):
    header = (repo / "include" / "ontrack" / "version.hpp").read_text()
    declared = re.search(r'#define ONTRACK_VERSION_STRING "([^"]+)"', header).group(1)
    assert ontrack.__version__ == ontrack._core.__version__ == declared


def test_bundled_plan_has_the_whole_plan(kundulun):
    assert len(kundulun.domains) == 8
    assert sum(len(d.goals) for d in kundulun.domains) == 75
    assert len(kundulun.indicators()) >= 50
    assert [d.id for d in kundulun.domains] == [
        "health", "education", "economy", "decision_making",
        "social_security", "family", "environment", "law",
    ]
    # Goals are numbered 1..n within each domain, as in the plan.
    for domain in kundulun.domains:
        assert [g.number for g in domain.goals] == list(range(1, len(domain.goals) + 1))
        assert domain.responsible_units, domain.id


def test_bundled_plan_wording_and_targets(kundulun):
    assert kundulun.title.zh == "昆区妇女发展规划（2021—2030年）"
    assert kundulun.reference == "昆府发〔2022〕36号"
    mmr = kundulun.indicator("mmr")
    by_kind = {t.kind: t for t in mmr.targets}
    ceiling = by_kind[TargetKind.at_most]
    assert (ceiling.value, ceiling.year) == (12, 2030)
    assert "12/10" in ceiling.text
    health = kundulun.domains[0]
    assert health.responsible_units[0] == "卫健委"
    assert kundulun.responsible_units_of(kundulun.goal_of("mmr")) == health.responsible_units


def test_every_target_kind_is_used(kundulun, all_kinds_path):
    every_kind = set(TargetKind.__members__.values())
    in_test_plan = {t.kind for i in ontrack.Plan.load(str(all_kinds_path)).indicators() for t in i.targets}
    assert in_test_plan == every_kind
    in_kundulun = {t.kind for i in kundulun.indicators() for t in i.targets}
    # Its one 控制在…以下 (health.9) is an end level by 2030, not a yearly ceiling (docs/kundulun.md).
    assert in_kundulun == every_kind - {TargetKind.maintain_at_most}


def test_round_trip_is_lossless(kundulun, tmp_path):
    path = tmp_path / "plan.json"
    kundulun.save(str(path))
    again = ontrack.Plan.load(str(path))
    assert again == kundulun
    assert "孕产妇死亡率" in path.read_text(encoding="utf-8")
    assert ontrack.Plan.from_json(again.to_json()) == kundulun


def test_plan_built_from_scratch(tmp_path):
    target = ontrack.Target()
    target.kind = TargetKind.at_least
    target.value = 35.0
    target.year = 2030
    indicator = ontrack.Indicator()
    indicator.id = "female_share"
    indicator.name = ontrack.Text(zh="女性比例", en="Female share")
    indicator.unit = "%"
    indicator.scale = ontrack.Scale.percent
    indicator.targets = [target]
    goal = ontrack.Goal()
    goal.id, goal.number, goal.text = "d.1", 1, ontrack.Text(en="Raise the female share")
    goal.indicators = [indicator]
    domain = ontrack.Domain()
    domain.id, domain.number, domain.name = "d", 1, ontrack.Text(en="Decisions")
    domain.goals = [goal]
    series = ontrack.Series()
    series.indicator = "female_share"
    series.observations = [ontrack.Observation(2020, 30.5, source="survey"),
                           ontrack.Observation(2021, 31.0, flag=ontrack.ObservationFlag.provisional)]
    plan = ontrack.Plan()
    plan.id, plan.title = "mine", ontrack.Text(en="My plan")
    plan.period_start, plan.period_end, plan.base_year = 2021, 2030, 2020
    plan.domains = [domain]
    plan.series = [series]
    plan.validate()
    path = tmp_path / "mine.json"
    plan.save(str(path))
    loaded = ontrack.Plan.load(str(path))
    assert loaded == plan
    assert loaded.series[0].values() == [30.5, 31.0]
    assert json.loads(path.read_text())["domains"][0]["goals"][0]["indicators"][0]["bounds"] == [0, 100]


def test_target_deadline_and_bounds(kundulun):
    t = kundulun.indicator("mat_sys_mgmt").targets[0]
    assert t.kind == TargetKind.maintain_at_least
    assert t.deadline(kundulun.period_end) == t.end
    bounds = kundulun.indicator("mat_sys_mgmt").bounds
    assert tuple(bounds) == (0.0, 100.0)
    assert math.isinf(kundulun.indicator("mmr").bounds.upper)


def test_the_earliest_history_year_is_in_the_plan_format(kundulun):
    assert (kundulun.history_start, kundulun.earliest_history_year) == (None, 2005)
    text = json.loads(kundulun.to_json())
    text["history_start"] = 2010
    again = ontrack.Plan.from_json(json.dumps(text))
    assert again.earliest_history_year == 2010
    assert json.loads(again.to_json())["history_start"] == 2010
    text["history_start"] = 2021
    with pytest.raises(ontrack.PlanFormatError, match="history start 2021 is after the base year 2020"):
        ontrack.Plan.from_json(json.dumps(text))


def test_kundulun_corrections_follow_the_seed(kundulun):
    milestones = [t for i in kundulun.indicators() for t in i.targets if t.kind == TargetKind.milestone]
    assert len(milestones) == 13 and all(t.year is not None for t in milestones)
    coverage = kundulun.indicator("cancer_screening_cov_lowinc").targets
    assert [(t.kind, t.year, t.start) for t in coverage] == [
        (TargetKind.full_coverage, end, None) for end in (2024, 2027, 2030)
    ]
    (anaemia,) = kundulun.indicator("maternal_anaemia").targets
    assert (anaemia.kind, anaemia.value, anaemia.year) == (TargetKind.at_most, 10, 2030)
    for goal_id, indicator_id in (("environment.2", "gender_equality_awareness"),
                                  ("environment.4", "female_media_literacy")):
        assert kundulun.goal_of(indicator_id).id == goal_id

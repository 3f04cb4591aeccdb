"""ontrack.evaluate: plan evaluations, presets, summaries, warnings and the record."""

import hashlib
import json
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ontrack
from ontrack import Target
from ontrack.assessment import METHODS, STATUSES, EarlyWarning
from ontrack.evaluation import Evaluation, annual, evaluate, final, midterm


def _series(indicator, years, values, **breakdown):
    s = ontrack.Series()
    s.indicator = indicator
    s.disaggregation = breakdown
    s.observations = [ontrack.Observation(y, float(v)) for y, v in zip(years, values)]
    return s


def _indicator(id, targets, scale=ontrack.Scale.index):
    ind = ontrack.Indicator()
    ind.id = id
    ind.name = ontrack.Text(id, id)
    ind.unit = "%"
    ind.scale = scale
    ind.bounds = ontrack.Bounds.for_scale(scale)
    ind.targets = targets
    return ind


@pytest.fixture()
def small_plan():
    """health (卫健委): y ≥ 20 by 2030 and interim ≥ 12 by 2018; cov (goal unit 医保局) ≥ 95
    every year 2021–2030. economy (人社局): a milestone without status."""
    goal1 = ontrack.Goal()
    goal1.id, goal1.number, goal1.text = "health.1", 1, ontrack.Text("目标")
    goal1.indicators = [_indicator("y", [Target.at_least(20, by=2030),
                                         Target.at_least(12, by=2018, interim=True)])]
    goal2 = ontrack.Goal()
    goal2.id, goal2.number, goal2.text = "health.2", 2, ontrack.Text("目标")
    goal2.responsible_units = ["医保局"]
    goal2.indicators = [_indicator("cov", [Target.maintain_at_least(95, start=2021, end=2030)],
                                   ontrack.Scale.percent)]
    health = ontrack.Domain()
    health.id, health.number, health.name = "health", 1, ontrack.Text("健康", "Health")
    health.responsible_units = ["卫健委"]
    health.goals = [goal1, goal2]
    goal3 = ontrack.Goal()
    goal3.id, goal3.number, goal3.text = "economy.1", 1, ontrack.Text("目标")
    goal3.indicators = [_indicator("share", [Target.milestone("建成")])]
    economy = ontrack.Domain()
    economy.id, economy.number, economy.name = "economy", 2, ontrack.Text("经济", "Economy")
    economy.responsible_units = ["人社局"]
    economy.goals = [goal3]
    plan = ontrack.Plan()
    plan.id, plan.title = "small", ontrack.Text("小规划", "Small plan")
    plan.period_start, plan.period_end, plan.base_year, plan.midterm_year = 2016, 2030, 2016, 2025
    plan.domains = [health, economy]
    plan.series = [_series("y", range(2016, 2021), [10, 12, 11, 13, 14]),
                   _series("cov", [2021, 2022, 2023], [96, 94, 97])]
    return plan


def test_rows_statuses_and_summaries(small_plan):
    # As of 2020, closed-form uncertainty: y#0 F3(0.8908) = 0.78067 → on_track; y#1 11 < 12 observed in 2018 → missed;
    # cov not yet observed → no_data; the milestone has no status → no_status.
    # 达标率 = 0 achieved / 2 assessable; on-track rate 1/2.
    e = evaluate(small_plan, as_of=2020, model="linear", uncertainty="model")
    assert isinstance(e, Evaluation)
    assert e.statuses() == {"y#0": "on_track", "y#1": "missed", "cov#0": "not_assessable",
                            "share#0": "not_assessable"}
    assert e.row("y")["components"]["p_meet"] == pytest.approx(0.78067, abs=1e-4)
    assert e.row("cov")["reason"] == "no_data"
    assert e.row("share")["reason"] == "no_status"
    s = e.summary()
    assert s["counts"] == {"achieved": 0, "on_track": 1, "at_risk": 0, "off_track": 0,
                           "deteriorating": 0, "missed": 1, "not_assessable": 2}
    assert s["achievement_rate"] == 0.0
    assert s["on_track_rate"] == 0.5
    assert e.achievement_rate == 0.0
    assert e.summary("domain")["economy"]["achievement_rate"] is None
    assert e.summary("unit")["医保局"]["total"] == 1
    assert e.summary("unit")["卫健委"]["total"] == 2
    with pytest.raises(ontrack.NotFoundError):
        e.row("y", 5)
    with pytest.raises(ontrack.InvalidInputError):
        e.summary("region")


def test_to_frame_and_summary_frame(small_plan):
    e = evaluate(small_plan, as_of=2020, model="linear")
    frame = e.to_frame()
    assert list(frame["key"]) == ["y#0", "y#1", "cov#0", "share#0"]
    y = frame.set_index("key").loc["y#0"]
    assert y["status"] == "on_track" and y["status_zh"] == "预计达标"
    assert y["label"] == "on_track"
    assert y["projected_value"] == pytest.approx(22.8)
    assert y["responsible_units"] == "卫健委"
    assert math.isnan(frame.set_index("key").loc["cov#0", "p_meet"])
    by_domain = e.summary_frame("domain").set_index("domain")
    assert by_domain.loc["health", "total"] == 3
    assert by_domain.loc["health", "on_track"] == 1


def test_presets_and_backtesting(small_plan):
    assert midterm(small_plan).as_of == 2025
    assert final(small_plan).as_of == 2030
    assert annual(small_plan).as_of == 2023          # the latest year observed
    assert evaluate(small_plan, preset="midterm").preset == "midterm"
    with pytest.raises(ontrack.InvalidInputError, match="2025"):
        evaluate(small_plan, as_of=2024, preset="midterm")
    with pytest.raises(ontrack.InvalidInputError, match="preset"):
        evaluate(small_plan, preset="weekly")
    # As of 2018 the evaluation reads 2016–2018 only, whatever came later.
    early = evaluate(small_plan, as_of=2018, model="linear")
    assert early.row("y")["years_used"] == [2016, 2017, 2018]
    assert early.data["points"] == 3


def test_record_reproduces(small_plan):
    e = evaluate(small_plan, as_of=2018, model="linear")
    record = e.to_dict()
    assert record["schema"] == "ontrack.evaluation" and record["schema_version"] == 1
    assert record["library"] == {"name": "ontrack", "version": ontrack.__version__}
    assert record["parameters"]["ontrack"]["model"] == "linear"
    assert record["parameters"]["ontrack"]["on_track"] == 0.66
    assert record["parameters"]["ontrack"]["min_points"] == 3 and isinstance(
        record["parameters"]["ontrack"]["min_points"], int)
    assert record["plan"]["period"] == [2016, 2030]
    # The data hash is SHA-256 of the canonical text of the observations up to as_of.
    canonical = "S\ty\t\n2016\t10\t\t\n2017\t12\t\t\n2018\t11\t\t\n"
    assert record["data"]["sha256"] == hashlib.sha256(canonical.encode()).hexdigest()
    # JSON round trip, and the same call gives the same record.
    again = Evaluation.from_json(e.to_json())
    assert again.to_dict() == json.loads(e.to_json())
    assert evaluate(small_plan, as_of=2018, model="linear").to_dict() == record
    with pytest.raises(ontrack.InvalidInputError):
        Evaluation.from_dict({"schema": "something else"})


def test_warnings_and_previous_evaluations(small_plan):
    e = evaluate(small_plan, as_of=2023, model="linear")
    assert all(isinstance(w, EarlyWarning) for w in e.warnings)
    stale = [w for w in e.warnings if w.code == "stale_data"]
    assert stale and stale[0].indicator == "y" and stale[0].domain == "health"
    assert "数据陈旧" in stale[0].zh
    # Previous evaluations (records as stored) with y#0 on_track in 2018 and at_risk in 2019, now
    # on_track again: two changes → unstable_status.
    record_2018 = evaluate(small_plan, as_of=2018).to_dict()
    record_2019 = evaluate(small_plan, as_of=2019).to_dict()
    for record, status in ((record_2018, "on_track"), (record_2019, "at_risk")):
        for row in record["rows"]:
            if row["key"] == "y#0":
                row["status"] = status
    now = evaluate(small_plan, as_of=2020, model="linear",
                   previous=[Evaluation.from_dict(record_2018), Evaluation.from_dict(record_2019)])
    assert "unstable_status" in [w["code"] for w in now.row("y")["warnings"]]
    with pytest.raises(ontrack.InvalidInputError, match="plan"):
        evaluate(small_plan, as_of=2020, previous=[Evaluation.from_dict({**record_2018, "plan": {"id": "other"}})])


def test_observations_in_every_form(small_plan):
    expected = evaluate(small_plan, as_of=2020, model="linear").statuses()
    obs = ontrack.Observations.from_series(small_plan.series)
    assert evaluate(small_plan, obs, as_of=2020, model="linear").statuses() == expected
    assert evaluate(small_plan, obs.to_frame(), as_of=2020, model="linear").statuses() == expected
    assert evaluate(small_plan, list(small_plan.series), as_of=2020, model="linear").statuses() == expected
    with pytest.raises(ontrack.InvalidInputError):
        evaluate(small_plan, [1, 2, 3])


def test_compatibility_mode_rows_and_aggregation(small_plan):
    # NBS as of 2023: y#0 14 < 20 → 未实现; y#1 14 ≥ 12 after 2018 → 已实现; cov 97 ≥ 95 before 2030 →
    # 提前实现 (NBS reads the level only); the milestone has no NBS form → not_monitorable.
    # 达标率 = 2/3 monitorable.
    e = evaluate(small_plan, as_of=2023, method="nbs")
    assert [r["label"] for r in e.rows] == ["not_achieved", "achieved", "achieved_early", "not_monitorable"]
    assert e.row("share")["mode"]["reason"] == "unsupported_kind"
    agg = e.summary()["mode_aggregate"]
    assert agg["label"] == "achievement_rate" and agg["label_text"] == "达标率"
    assert agg["components"]["rate"] == pytest.approx(2 / 3)
    assert e.row("y")["status"] in STATUSES  # ontrack's own status is always there
    for method in METHODS[1:]:
        ev = evaluate(small_plan, as_of=2023, method=method)
        assert ev.method == method
        assert ev.summary()["mode_aggregate"] is not None
    with pytest.raises(ontrack.InvalidInputError):
        evaluate(small_plan, method="eurostat", window=5)


def test_kundulun_end_to_end_on_the_national_data(kundulun):
    national = ontrack.datasets.china_national_women_series()
    for preset in ("annual", "midterm", "final"):
        e = evaluate(kundulun, national, as_of=2025 if preset == "annual" else None, preset=preset)
        assert len(e.rows) == 90
        for row in e.rows:
            if row["status"] == "not_assessable":
                assert row["reason"], row["key"]
                assert row["message"], row["key"]
        json.loads(e.to_json())
    e = midterm(kundulun, national)
    statuses = e.statuses()
    assert statuses["mmr#0"] != "not_assessable"          # 10 national values 2013–2024
    assert statuses["mat_sys_mgmt#0"] != "not_assessable"
    assert e.row("female_share_senior_prof")["reason"] == "stale_data"   # last value 2017
    assert e.row("female_share_npc")["reason"] == "no_data_in_period"    # nothing in 2020–2021
    assert e.row("caesarean_rate")["reason"] == "no_status"              # a milestone
    frame = e.to_frame()
    assert len(frame) == 90
    assert set(frame["status"]) <= set(STATUSES)
    for method in METHODS[1:]:
        midterm(kundulun, national, method=method)


_VALUES = st.one_of(st.floats(-1e6, 1e6, allow_nan=False), st.sampled_from([0.0, 100.0, 1e-300, -1.0]))
_SERIES = st.lists(st.tuples(st.integers(2010, 2030), _VALUES), max_size=8, unique_by=lambda p: p[0])


_KEYS = [(i, ()) for i in ("mat_sys_mgmt", "mmr", "delivery_beds", "midwives", "anxiety_prevalence",
                          "screening_coverage", "female_share_employed", "occ_disease", "income",
                          "female_share_deputies", "elderly_care_beds")]
_KEYS += [("mmr", (("area", "rural"),)), ("mmr", (("area", "urban"),)),
          ("income", (("sex", "male"),)), ("income", (("sex", "female"),))]


@given(data=st.dictionaries(st.sampled_from(_KEYS), _SERIES, max_size=10),
       as_of=st.integers(2012, 2032), method=st.sampled_from(METHODS))
def test_data_trouble_is_a_status_never_an_exception(all_kinds_path, data, as_of, method):
    # Any finite data (zeros, negatives, a point, none, far-off years), every kind of the all-kinds
    # plan, every method: rows come back, each not-assessable one with its reason, and the
    # components are finite numbers.
    plan = ontrack.Plan.load(str(all_kinds_path))
    series = [_series(indicator, [y for y, _ in points], [v for _, v in points], **dict(breakdown))
              for (indicator, breakdown), points in data.items()]
    e = evaluate(plan, series, as_of=as_of, method=method)
    for row in e.rows:
        assert row["status"] in STATUSES
        if row["status"] == "not_assessable":
            assert row["reason"] and row["message"]
        assert all(math.isfinite(v) for v in row["components"].values())

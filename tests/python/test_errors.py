import json

import pytest

import ontrack


def _mutated(all_kinds_path, tmp_path, mutate, name="bad.json"):
    plan = json.loads(all_kinds_path.read_text(encoding="utf-8"))
    mutate(plan)
    path = tmp_path / name
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "mutate, pointer, rule",
    [
        (lambda p: p["domains"][0]["goals"][0]["indicators"][0]["targets"][0].update(kind="maintain"),
         "/domains/0/goals/0/indicators/0/targets/0/kind", "unknown kind 'maintain'"),
        (lambda p: p["domains"][0]["goals"][0]["indicators"][0].pop("unit"),
         "/domains/0/goals/0/indicators/0/unit", "requires 'unit'"),
        (lambda p: p["domains"][0]["goals"][0]["indicators"][1]["targets"][1].update(year=2015),
         "/domains/0/goals/0/indicators/1/targets/1/year", "before the base year 2020"),
        (lambda p: p["domains"][0]["goals"][0]["indicators"][0]["targets"][0].update(value=101),
         "/domains/0/goals/0/indicators/0/targets/0/value", "outside [0, 100]"),
        (lambda p: p["domains"][1]["goals"][0]["indicators"][0].update(id="mmr"),
         "/domains/1/goals/0/indicators/0/id", "duplicate indicator id 'mmr'"),
        (lambda p: p["domains"][2]["goals"][0]["indicators"][2]["targets"][0]["reference"].update(indicator="ghost"),
         "/domains/2/goals/0/indicators/2/targets/0/reference/indicator", "unknown indicator 'ghost'"),
        (lambda p: p["series"][0]["observations"][2].update(year=2021),
         "/series/0/observations/2/year", "year 2021 appears twice"),
        (lambda p: p["series"][0]["observations"][0].update(year=2020.5),
         "/series/0/observations/0/year", "integer year"),
    ],
)
def test_bad_plan_files_name_file_pointer_and_rule(all_kinds_path, tmp_path, mutate, pointer, rule):
    path = _mutated(all_kinds_path, tmp_path, mutate)
    with pytest.raises(ontrack.PlanFormatError) as caught:
        ontrack.Plan.load(str(path))
    error = caught.value
    assert isinstance(error, ValueError) and isinstance(error, ontrack.OntrackError)
    assert error.file == str(path)
    assert error.pointer == pointer
    assert rule in error.rule
    assert str(error).startswith(f"{path}: {pointer}: ")


def test_nan_is_refused(all_kinds_path, tmp_path):
    # Python's json writes NaN as a bare literal, which is not JSON: refused as invalid JSON.
    path = _mutated(all_kinds_path, tmp_path,
                    lambda p: p["series"][0]["observations"][0].update(value=float("nan")))
    with pytest.raises(ontrack.PlanFormatError, match="invalid JSON"):
        ontrack.Plan.load(str(path))
    plan = ontrack.Plan.load(str(all_kinds_path))
    series = plan.series
    observations = series[0].observations
    observations[0].value = float("inf")
    series[0].observations = observations
    plan.series = series
    with pytest.raises(ontrack.PlanFormatError) as caught:
        plan.validate()
    assert caught.value.pointer == "/series/0/observations/0/value"


def test_failed_save_leaves_nothing(all_kinds_path, tmp_path):
    plan = ontrack.Plan.load(str(all_kinds_path))
    domains = plan.domains
    domains[0].id = ""
    plan.domains = domains
    target = tmp_path / "out.json"
    with pytest.raises(ontrack.PlanFormatError):
        plan.save(str(target))
    assert list(tmp_path.iterdir()) == []


def test_lookup_and_file_errors(kundulun, tmp_path):
    with pytest.raises(KeyError):
        kundulun.indicator("no_such_indicator")
    with pytest.raises(ontrack.NotFoundError, match="no_such_indicator"):
        kundulun.indicator("no_such_indicator")
    with pytest.raises(OSError):
        ontrack.Plan.load(str(tmp_path / "missing.json"))
    with pytest.raises(ontrack.FileError, match="missing.json"):
        ontrack.Plan.load(str(tmp_path / "missing.json"))

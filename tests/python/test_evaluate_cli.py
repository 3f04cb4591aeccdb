"""`ontrack evaluate`: from a data file or the monitoring database, as of a data vintage."""

import json
import subprocess
import sys

import pandas as pd

import ontrack


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ontrack", *args], capture_output=True, text=True, cwd=cwd)


def _mmr_frame(latest):
    # Maternal mortality per 100,000 falling towards the plan's 12 by 2030.
    years = [2020, 2021, 2022, 2023]  # the plan's period starts at its base year 2020
    values = [16.9, 16.1, 15.7, latest]
    return pd.DataFrame({"indicator": "mmr", "year": years, "value": values, "source": "test"})


def _row(evaluation_json, indicator, kind):
    rows = json.loads(evaluation_json)["rows"]
    return next(r for r in rows if r["indicator"] == indicator and r["kind"] == kind)


def test_evaluation_as_of_the_first_vintage_gives_the_first_result(tmp_path, kundulun):
    db = tmp_path / "ontrack.db"
    store = ontrack.Store(str(db))
    first = store.import_observations(kundulun, ontrack.Observations.from_frame(_mmr_frame(15.1)), unit="卫健委").vintage
    # The 2023 figure is revised sharply upwards in a second release.
    store.import_observations(kundulun.id, ontrack.Observations.from_frame(_mmr_frame(19.5)), unit="卫健委")
    store.close()

    out_first, out_latest = tmp_path / "first", tmp_path / "latest"
    r1 = run("evaluate", "--db", str(db), "--as-of", "2023", "--vintage", first.recorded_at, "--out", str(out_first),
             "--format", "json")
    r2 = run("evaluate", "--db", str(db), "--as-of", "2023", "--out", str(out_latest), "--format", "json")
    assert r1.returncode == 0, r1.stderr
    assert r2.returncode == 0, r2.stderr
    seen_first = _row((out_first / "evaluation.json").read_text(encoding="utf-8"), "mmr", "at_most")
    seen_latest = _row((out_latest / "evaluation.json").read_text(encoding="utf-8"), "mmr", "at_most")
    assert seen_first["components"]["latest_value"] == 15.1
    assert seen_latest["components"]["latest_value"] == 19.5
    assert seen_first["components"]["p_meet"] > seen_latest["components"]["p_meet"]

    # The same evaluation made in Python on the first vintage's data gives the same row.
    store = ontrack.Store(str(db))
    again = ontrack.evaluate(kundulun, store.observations(kundulun.id, as_of_vintage=first.recorded_at), as_of=2023)
    store.close()
    assert _row(again.to_json(), "mmr", "at_most")["components"]["p_meet"] == seen_first["components"]["p_meet"]


def test_evaluate_a_data_file_and_report_bad_input(tmp_path):
    data = tmp_path / "mmr.csv"
    _mmr_frame(15.1).to_csv(data, index=False)
    result = run("evaluate", "--as-of", "2023", str(ontrack.plans.kundulun_women_2021_2030_path()), str(data),
                 "--out", str(tmp_path / "out"), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "达标率" in result.stdout
    assert json.loads((tmp_path / "out" / "evaluation.json").read_text(encoding="utf-8"))["plan"]["id"] == "kundulun-women-2021-2030"

    missing = run("evaluate", "--as-of", "2023", "--out", str(tmp_path / "none"))
    assert missing.returncode != 0 and "Traceback" not in missing.stderr
    assert not (tmp_path / "none" / "evaluation.json").exists()
    bad_method = run("evaluate", str(ontrack.plans.kundulun_women_2021_2030_path()), str(data), "--method", "astrology",
                     "--out", str(tmp_path / "bad"))
    assert bad_method.returncode != 0 and "astrology" in bad_method.stderr
    assert not (tmp_path / "bad" / "evaluation.json").exists()


def test_evaluate_writes_the_reports_and_compares_with_a_previous_one(tmp_path):
    plan_path = str(ontrack.plans.kundulun_women_2021_2030_path())
    data = tmp_path / "mmr.csv"
    _mmr_frame(15.1).to_csv(data, index=False)
    old = tmp_path / "old"
    assert run("evaluate", plan_path, str(data), "--as-of", "2022", "--out", str(old), "--format", "json",
               "--quiet").returncode == 0
    new = tmp_path / "new"
    result = run("evaluate", plan_path, str(data), "--as-of", "2023", "--out", str(new), "--format", "md,xlsx,json",
                 "--lang", "en", "--previous", str(old / "evaluation.json"), "--verbose")
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in new.iterdir()) == ["evaluation.json", "report.md", "report.xlsx"]
    md = (new / "report.md").read_text(encoding="utf-8")
    assert "Status changes since the previous evaluation" in md and "Previous evaluation as of 2022" in md
    assert f"wrote {new / 'report.md'}" in result.stdout


def test_a_bad_data_file_names_the_place_and_writes_nothing(tmp_path):
    data = tmp_path / "mmr.csv"
    frame = _mmr_frame(15.1)
    frame.loc[2, "indicator"] = "mmrr"  # a typo in line 4 of the file
    frame.to_csv(data, index=False)
    out = tmp_path / "out"
    result = run("evaluate", str(ontrack.plans.kundulun_women_2021_2030_path()), str(data), "--out", str(out))
    assert result.returncode != 0 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and str(data) in lines[0] and "line 4" in lines[0] and "mmrr" in lines[0]
    assert not out.exists()
    # DATA alone evaluates the bundled plan.
    alone = run("evaluate", str(data), "--out", str(out))
    assert alone.returncode != 0 and "line 4" in alone.stderr and not out.exists()


def test_a_bad_previous_evaluation_is_one_line(tmp_path):
    data = tmp_path / "mmr.csv"
    _mmr_frame(15.1).to_csv(data, index=False)
    old = tmp_path / "old.json"
    old.write_text("{}", encoding="utf-8")
    result = run("evaluate", str(ontrack.plans.kundulun_women_2021_2030_path()), str(data), "--previous", str(old),
                 "--out", str(tmp_path / "out"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert str(old) in result.stderr and "not an evaluation record" in result.stderr
    assert not (tmp_path / "out").exists()


def test_uncertainty_option_reaches_the_evaluation(tmp_path, kundulun):
    data = tmp_path / "mmr.csv"
    _mmr_frame(15.1).to_csv(data, index=False)
    plan_file = str(ontrack.plans.kundulun_women_2021_2030_path())
    p_meet = {}
    for choice in ("calibrated", "model"):
        out = tmp_path / choice
        result = run("evaluate", "--as-of", "2023", plan_file, str(data), "--uncertainty", choice,
                     "--out", str(out), "--format", "json")
        assert result.returncode == 0, result.stderr
        p_meet[choice] = _row((out / "evaluation.json").read_text(encoding="utf-8"), "mmr", "at_most")["components"]["p_meet"]
    observations = ontrack.Observations.from_frame(_mmr_frame(15.1))
    for choice in ("calibrated", "model"):
        direct = ontrack.evaluate(kundulun, observations, as_of=2023, uncertainty=choice)
        assert _row(direct.to_json(), "mmr", "at_most")["components"]["p_meet"] == p_meet[choice]
    # The model's own intervals leave out trend drift: four falling points make it surer either way.
    assert abs(p_meet["model"] - 0.5) > abs(p_meet["calibrated"] - 0.5)

    # Under a compatibility mode the option sets ontrack's native status beside the mode's verdict.
    out = tmp_path / "nbs"
    result = run("evaluate", "--as-of", "2023", plan_file, str(data), "--method", "nbs", "--uncertainty", "model",
                 "--out", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    direct = ontrack.evaluate(kundulun, observations, as_of=2023, method="nbs", native={"uncertainty": "model"})
    assert (_row((out / "evaluation.json").read_text(encoding="utf-8"), "mmr", "at_most")
            == _row(direct.to_json(), "mmr", "at_most"))


def test_an_unknown_uncertainty_is_one_line_naming_the_choices(tmp_path):
    result = run("demo", "--uncertainty", "bootstrap", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "--uncertainty" in result.stderr and "calibrated" in result.stderr and "model" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()

"""`ontrack backtest` end to end: the 2011–2020 outline, a data file alone, and bad input."""

import subprocess
import sys

import pandas as pd
import pytest


def run(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "ontrack", "backtest", *args], capture_output=True,
                          text=True, cwd=cwd)


def one_line_error(result, *words):
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ontrack: error: "), result.stderr
    for word in words:
        assert word in lines[0]


def test_the_outline_is_backtested_as_of_2013_2015_and_2017(tmp_path):
    out = tmp_path / "bt"
    result = run("--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "china-women-outline-2011-2020" in result.stdout and "NBS's published verdicts" in result.stdout
    for name in ("forecasts.csv", "forecasts.parquet", "summary_by_horizon.csv", "targets.csv", "verdicts.csv",
                 "published_comparison.csv", "reliability.png", "reliability.svg", "coverage.png",
                 "pit.svg", "backtest.html"):
        assert (out / name).is_file(), name
    targets = pd.read_csv(out / "targets.csv")
    assert set(targets["origin"]) == {2013, 2015, 2017}
    assert {"ontrack", "nbs", "eurostat", "unsd", "destatis"} == set(targets["method"])
    comparison = pd.read_csv(out / "published_comparison.csv", keep_default_na=False).set_index("indicator")
    assert comparison.loc["female_share_village_cttee", ["outcome", "published_outcome"]].tolist() == ["missed", "missed"]
    forecasts = pd.read_csv(out / "forecasts.csv")
    assert (forecasts["last_used"].dropna() <= forecasts.loc[forecasts["last_used"].notna(), "origin"]).all()
    assert "<svg" in (out / "backtest.html").read_text(encoding="utf-8")


def test_a_data_file_alone_gets_rolling_origins(tmp_path):
    data = tmp_path / "data.csv"
    rows = [{"indicator": "x", "year": y, "value": 50 + 1.5 * (y - 2008) + (0.4 if y % 2 else -0.3)}
            for y in range(2008, 2021)]
    pd.DataFrame(rows).to_csv(data, index=False)
    result = run(str(data), "--horizons", "1-3", "--format", "csv", "--out", str(tmp_path / "o"), "-q")
    assert result.returncode == 0 and result.stdout == "", result.stderr
    forecasts = pd.read_csv(tmp_path / "o" / "forecasts.csv")
    assert set(forecasts["horizon"]) == {1, 2, 3} and forecasts["origin"].min() == 2008
    assert not (tmp_path / "o" / "backtest.html").exists()


@pytest.mark.parametrize("args, words", [
    (["--origins", "20x3"], ["--origins", "20x3"]),
    (["--horizons", "5-1"], ["--horizons", "ends before it starts"]),
    (["--format", "csv,pdf"], ["'pdf'"]),
    (["--methods", "nope"], ["unknown method 'nope'"]),
    (["missing.csv"], ["missing.csv"]),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, args, words):
    result = run(*args, "--out", str(tmp_path / "never"))
    one_line_error(result, *words)
    assert not (tmp_path / "never").exists()


def test_data_that_do_not_fit_the_plan_are_refused(tmp_path):
    from ontrack.plans import china_women_outline_2011_2020_path

    data = tmp_path / "data.csv"
    data.write_text("indicator,year,value\nmmr,2012,24.5\nno_such_indicator,2013,1.0\n", encoding="utf-8")
    one_line_error(run(str(china_women_outline_2011_2020_path()), str(data), "--out", str(tmp_path / "o")),
                   "no_such_indicator")
    assert not (tmp_path / "o").exists()


def test_a_plan_file_without_data_is_refused(tmp_path, all_kinds_path):
    one_line_error(run(str(all_kinds_path), "--out", str(tmp_path / "o")), "give the data")


def test_a_plan_file_with_a_data_file_is_backtested(tmp_path):
    from ontrack.plans import china_women_outline_2011_2020_path

    data = tmp_path / "data.csv"
    rows = [{"indicator": "mmr", "year": y, "value": 30.0 - 1.1 * (y - 2010) + (0.3 if y % 2 else -0.2)}
            for y in range(2010, 2021)]
    pd.DataFrame(rows).to_csv(data, index=False)
    result = run(str(china_women_outline_2011_2020_path()), str(data), "--origins", "2015", "--format", "csv",
                 "--out", str(tmp_path / "o"), "-q")
    assert result.returncode == 0, result.stderr
    targets = pd.read_csv(tmp_path / "o" / "targets.csv")
    assert set(targets["origin"]) == {2015} and "mmr" in set(targets["indicator"])

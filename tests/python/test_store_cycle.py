"""The monitoring database as a bureau relies on it: vintages as time, idempotent imports, the
plan given is the plan evaluated, nothing created by a failure, a record of what was read."""

import hashlib
import json
import subprocess
import sys

import pytest

import ontrack
from ontrack.observations import ObservationRecord as R
from ontrack.observations import Observations
from ontrack.store import Store
from ontrack.store.migrations import plan_sha256

UNIT = "卫健委"


def run(*args):
    return subprocess.run([sys.executable, "-m", "ontrack", *args], capture_output=True, text=True)


@pytest.fixture()
def mmr_table(tmp_path):
    """Maternal mortality with its counts, history from 2015 (before the base year 2020)."""
    path = tmp_path / "mmr.csv"
    rows = [(2015, 2, 5120), (2016, 1, 4980), (2017, 1, 5210), (2018, 0, 4870), (2019, 1, 4790),
            (2020, 1, 4510), (2021, 0, 4300), (2022, 1, 4120), (2023, 0, 3950), (2024, 1, 3880)]
    lines = ["indicator,year,value,numerator,denominator,flag"]
    for year, deaths, births in rows:
        flag = "provisional" if year == 2024 else ""
        lines.append(f"mmr,{year},{deaths / births * 1e5:.1f},{deaths},{births},{flag}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_history_before_the_base_year_is_imported_and_kept(tmp_path, kundulun, mmr_table):
    db = tmp_path / "ontrack.db"
    result = run("import", str(mmr_table), "--db", str(db), "--unit", UNIT)
    assert result.returncode == 0, result.stderr
    assert f"{UNIT} mmr: 10 new, 0 revised, 0 unchanged" in result.stdout
    with Store(db) as store:
        stored = {r.year: r for r in store.observations(kundulun.id)}
    assert sorted(stored) == list(range(2015, 2025))
    assert (stored[2015].numerator, stored[2015].denominator) == (2, 5120)
    assert stored[2024].flag == "provisional"


def test_the_same_file_again_is_a_notice_not_a_vintage(tmp_path, mmr_table, kundulun):
    db = tmp_path / "ontrack.db"
    assert run("import", str(mmr_table), "--db", str(db), "--unit", UNIT).returncode == 0
    again = run("import", str(mmr_table), "--db", str(db), "--unit", UNIT)
    assert again.returncode == 0, again.stderr
    digest = hashlib.sha256(mmr_table.read_bytes()).hexdigest()
    assert f"(SHA-256 {digest[:12]}…) was imported as vintage" in again.stdout
    assert "not imported again" in again.stdout
    with Store(db) as store:
        assert len(store.vintages(kundulun.id)) == 1
    # A revision is counted per unit and indicator.
    mmr_table.write_text(mmr_table.read_text(encoding="utf-8").replace(
        "mmr,2024,25.8,1,3880,provisional", "mmr,2024,25.7,1,3890,"), encoding="utf-8")
    revised = run("import", str(mmr_table), "--db", str(db), "--unit", UNIT)
    assert revised.returncode == 0, revised.stderr
    assert f"{UNIT} mmr: 0 new, 1 revised, 9 unchanged" in revised.stdout
    listed = run("vintages", "--db", str(db))
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0] == f"2 vintages of plan {kundulun.id} in {db}"
    assert lines[2].split("\t")[1:] == [UNIT, "mmr.csv", digest[:12], "10", "—"]


@pytest.mark.parametrize("vintage", ["2026-3-1", "notadate", "2026/03/01"])
def test_a_vintage_that_is_not_iso_8601_is_refused(tmp_path, kundulun, vintage):
    db = tmp_path / "ontrack.db"
    with Store(db) as store:
        store.import_observations(kundulun, Observations([R("mmr", 2021, 16.1)]), unit=UNIT)
    before = db.read_bytes()
    out = tmp_path / "report"
    result = run("evaluate", "--db", str(db), "--vintage", vintage, "--out", str(out))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert f"vintage {vintage!r} is not an ISO 8601 date (2026-03-01)" in result.stderr
    assert not out.exists() and db.read_bytes() == before


def test_a_vintage_before_any_import_is_an_error(tmp_path, kundulun):
    db = tmp_path / "ontrack.db"
    with Store(db) as store:
        first = store.import_observations(
            kundulun, Observations([R("mmr", 2021, 16.1)]), unit=UNIT
        ).vintage
        with pytest.raises(ontrack.InvalidInputError, match="before the first import"):
            store.observations(kundulun.id, as_of_vintage="2020-01-01")
    out = tmp_path / "report"
    result = run("evaluate", "--db", str(db), "--vintage", "2020-01-01", "--out", str(out))
    assert result.returncode == 2
    assert (
        f"vintage 2020-01-01 is before the first import of plan {kundulun.id} "
        f"(the first was recorded {first.recorded_at}): no data stood then"
    ) in result.stderr
    assert not out.exists()


def test_reading_a_missing_database_creates_nothing(tmp_path):
    missing, out = tmp_path / "no.db", tmp_path / "report"
    for command in (["evaluate", "--db", str(missing), "--out", str(out)],
                    ["vintages", "--db", str(missing)],
                    ["data-export", "--db", str(missing), "-o", str(tmp_path / "x.csv")]):
        result = run(*command)
        assert result.returncode == 2 and f"{missing}: no such database" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_data_file_together_with_a_database_is_an_error(tmp_path, kundulun, mmr_table):
    db = tmp_path / "ontrack.db"
    with Store(db) as store:
        store.import_observations(kundulun, Observations([R("mmr", 2021, 16.1)]), unit=UNIT)
    out = tmp_path / "report"
    result = run("evaluate", str(ontrack.plans.kundulun_women_2021_2030_path()), str(mmr_table),
                 "--db", str(db), "--out", str(out))
    assert result.returncode == 2
    assert f"give the data once: a data file ({mmr_table}) or --db {db}, not both" in result.stderr
    assert not out.exists()


def test_the_plan_given_is_the_plan_evaluated_and_the_record_says_what_it_read(
    tmp_path, kundulun, mmr_table
):
    db = tmp_path / "ontrack.db"
    assert run("import", str(mmr_table), "--db", str(db), "--unit", UNIT).returncode == 0
    # The bureau's own copy sets the 2030 maternal-mortality ceiling at 30 instead of 12: with
    # about 4,000 births a year one death is 25 per 100,000, so the edit allows a death a year
    # where 12 allows none (the count model's predictive is discrete: 10 and 12 would be alike).
    edited = json.loads(kundulun.to_json())
    mmr = next(i for d in edited["domains"] for g in d["goals"] for i in g.get("indicators", [])
               if i["id"] == "mmr")
    mmr["targets"][0]["value"] = 30
    plan_file = tmp_path / "edited.json"
    plan_file.write_text(json.dumps(edited, ensure_ascii=False), encoding="utf-8")
    edited_version = plan_sha256(ontrack.Plan.load(str(plan_file)).to_json())

    out = tmp_path / "report"
    result = run("evaluate", str(plan_file), "--db", str(db), "--as-of", "2024", "--out", str(out),
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    assert (f"the plan given ({edited_version[:12]}) differs from the version the latest import "
            f"into {db} was checked against ({plan_sha256(kundulun.to_json())[:12]}); the plan "
            "given is evaluated") in result.stderr
    stored = run("evaluate", "--db", str(db), "--as-of", "2024", "--out", str(tmp_path / "stored"),
                 "--format", "json", "--quiet")
    assert stored.returncode == 0, stored.stderr

    def p_meet(directory):
        rows = json.loads((directory / "evaluation.json").read_text(encoding="utf-8"))["rows"]
        row = next(r for r in rows if r["indicator"] == "mmr" and r["kind"] == "at_most")
        return row["components"]["p_meet"]

    assert p_meet(out) > p_meet(tmp_path / "stored")  # ≤ 30 is easier to meet than ≤ 12
    record = json.loads((out / "evaluation.json").read_text(encoding="utf-8"))
    source = record["source"]
    assert source["plan_version"] == edited_version
    assert source["database"] == {"file": db.name, "sha256": hashlib.sha256(db.read_bytes()).hexdigest()}
    with Store(db) as store:
        (vintage,) = store.vintages(kundulun.id)
    assert source["vintage"] == vintage.recorded_at
    assert source["imports"] == [hashlib.sha256(mmr_table.read_bytes()).hexdigest()]
    assert vintage.plan_version == plan_sha256(kundulun.to_json())


def test_an_old_database_gets_plan_versions(tmp_path, kundulun):
    import sqlite3

    from ontrack.store.migrations import migrate

    db = tmp_path / "old.db"
    connection = sqlite3.connect(db, isolation_level=None)
    migrate(connection, target=2)
    connection.execute("INSERT INTO plan VALUES (?, ?, '2025-01-01T00:00:00.000000Z')",
                       (kundulun.id, kundulun.to_json()))
    connection.execute("INSERT INTO vintage (plan_id, recorded_at, submitted_by, file, sha256, source) "
                       "VALUES (?, '2025-01-01T00:00:00.000000Z', '', '', '', '')", (kundulun.id,))
    connection.close()
    with Store(db) as store:
        (vintage,) = store.vintages(kundulun.id)
        assert vintage.plan_version == plan_sha256(kundulun.to_json())


def test_as_of_outside_the_plan_is_refused_and_after_the_data_noted(tmp_path, kundulun):
    db = tmp_path / "ontrack.db"
    with Store(db) as store:
        store.import_observations(
            kundulun, Observations([R("mmr", 2021, 16.1), R("mmr", 2022, 15.7)]), unit=UNIT
        )
    out = tmp_path / "report"
    for year in ("2019", "2031"):
        result = run("evaluate", "--db", str(db), "--as-of", year, "--out", str(out))
        assert result.returncode == 2
        assert (f"--as-of {year} is outside plan {kundulun.id}: an evaluation is as of a year "
                "from its base year 2020 to its last year 2030") in result.stderr
        assert not out.exists()
    result = run("evaluate", "--db", str(db), "--as-of", "2025", "--out", str(out), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "--as-of 2025 is after the latest data (2022): the years after 2022 are projected" in (
        result.stderr
    )

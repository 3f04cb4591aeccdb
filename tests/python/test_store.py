"""The monitoring database: vintages, transactions, crashes, concurrent readers, migrations."""

import hashlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

import ontrack
from ontrack.cli import main
from ontrack.io import read_observations
from ontrack.observations import ImportValidationError, ObservationRecord, Observations
from ontrack.store import LATEST_VERSION, Store
from ontrack.store.migrations import migrate

R = ObservationRecord
UNIT = "卫健委"


def dump(path):
    """The database's whole content as SQL text."""
    connection = sqlite3.connect(path)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def test_a_new_database_is_at_the_latest_schema_in_wal_mode(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    connection = sqlite3.connect(path)
    assert connection.execute("SELECT version FROM schema_version").fetchall() == [
        (LATEST_VERSION,)
    ]
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    tables = {
        row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    }
    assert {"schema_version", "plan", "indicator", "vintage", "observation"} <= tables


def test_a_version_1_database_opens_with_this_library(tmp_path, kundulun):
    path = tmp_path / "v1.db"
    connection = sqlite3.connect(path, isolation_level=None)
    migrate(connection, target=1)
    connection.execute(
        "INSERT INTO plan VALUES (?, ?, '2025-01-01T00:00:00.000000Z')",
        (kundulun.id, kundulun.to_json()),
    )
    connection.execute(
        "INSERT INTO vintage VALUES "
        "(1, ?, '2025-03-01T08:00:00.000000Z', '卫健委', 'old.xlsx', 'ab', '')",
        (kundulun.id,),
    )
    connection.execute(
        "INSERT INTO observation VALUES (1, 'mmr', 2021, '', 'rural', 18.5, NULL, NULL, 'NHC', '')"
    )
    connection.execute(
        "INSERT INTO observation VALUES (1, 'compulsory_consolidation', 2021, 'female', '', 96.2, "
        "NULL, NULL, '', 'estimated')"
    )
    assert [c[1] for c in connection.execute("PRAGMA table_info(observation)")].count("region") == 0
    connection.close()

    with Store(path) as store:
        assert list(store.history(kundulun.id)) == [
            R(
                "compulsory_consolidation",
                2021,
                96.2,
                sex="female",
                flag="estimated",
                vintage="2025-03-01T08:00:00.000000Z",
            ),
            R("mmr", 2021, 18.5, area="rural", source="NHC", vintage="2025-03-01T08:00:00.000000Z"),
        ]
        # The migrated database takes the breakdowns version 1 did not have.
        store.import_observations(
            kundulun.id, Observations([R("mmr", 2021, 17.0, region="东河区")])
        )
        assert len(store.history(kundulun.id)) == 3
    assert sqlite3.connect(path).execute("SELECT version FROM schema_version").fetchone() == (
        LATEST_VERSION,
    )


def test_databases_it_cannot_read_are_refused(tmp_path):
    newer = tmp_path / "newer.db"
    Store(newer).close()
    sqlite3.connect(newer, isolation_level=None).execute("UPDATE schema_version SET version = 99")
    with pytest.raises(ontrack.OntrackError, match="schema version 99, written by a newer ontrack"):
        Store(newer)
    foreign = tmp_path / "foreign.db"
    sqlite3.connect(foreign, isolation_level=None).execute("CREATE TABLE things (x)")
    with pytest.raises(ontrack.OntrackError, match="not an ontrack monitoring database"):
        Store(foreign)
    text = tmp_path / "notes.db"
    text.write_text(
        "not a database at all, just some text that is long enough" * 20, encoding="utf-8"
    )
    with pytest.raises(ontrack.FileError, match="cannot open as an ontrack database"):
        Store(text)


def test_an_import_with_any_problem_changes_nothing(tmp_path, kundulun):
    path, table = tmp_path / "db.sqlite", tmp_path / "table.csv"
    with Store(path) as store:
        store.import_observations(kundulun, Observations([R("mmr", 2021, 16.1)]), unit=UNIT)
    before = dump(path)
    table.write_text(
        "indicator,year,value\nmmr,2022,15.7\nmidwives,2022,1200\nmat_sys_mgmt,2022,101\n",
        encoding="utf-8",
    )
    with Store(path) as store:
        with pytest.raises(ImportValidationError, match="nothing imported") as caught:
            store.import_file(table, kundulun.id, unit=UNIT)
        assert [(p.line, p.column) for p in caught.value.problems] == [(4, None)]
        with pytest.raises(ImportValidationError, match="midwives is not 教育局's indicator"):
            store.import_file(table, kundulun.id, unit="教育局")
        with pytest.raises(ImportValidationError, match="no values"):
            store.import_observations(kundulun.id, Observations())
    assert dump(path) == before


def test_revisions_never_overwrite_and_as_of_reproduces_an_earlier_state(tmp_path, kundulun):
    with Store(tmp_path / "db.sqlite") as store:
        first = store.import_observations(
            kundulun,
            Observations([R("mmr", 2021, 16.1), R("mmr", 2022, 15.7)]),
            unit=UNIT,
            source="年报",
        ).vintage
        second = store.import_observations(
            kundulun.id, Observations([R("mmr", 2021, 15.9)]), unit=UNIT
        ).vintage
        assert {(r.year, r.value) for r in store.observations(kundulun.id)} == {
            (2021, 15.9),
            (2022, 15.7),
        }
        assert {
            (r.year, r.value)
            for r in store.observations(kundulun.id, as_of_vintage=first.recorded_at)
        } == {(2021, 16.1), (2022, 15.7)}
        assert {(r.year, r.value, r.vintage) for r in store.history(kundulun.id)} == {
            (2021, 16.1, first.recorded_at),
            (2022, 15.7, first.recorded_at),
            (2021, 15.9, second.recorded_at),
        }
        day = first.recorded_at[:10]
        assert len(store.observations(kundulun.id, as_of_vintage=day)) == 2  # that whole day
        assert [
            (v.submitted_by, v.source, v.observations) for v in store.vintages(kundulun.id)
        ] == [(UNIT, "年报", 2), (UNIT, "", 1)]
        with pytest.raises(ontrack.NotFoundError, match="no plan 'other'"):
            store.observations("other")


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_export_keeps_every_vintage_and_reads_back_without_loss(tmp_path, kundulun, suffix):
    table = tmp_path / "submitted.csv"
    table.write_text(
        "indicator,year,area,value,numerator,denominator,source,flag\n"
        'mmr,2021,rural,18.5,27,145946,"NHC, 年报",provisional\n'
        "mmr,2021,urban,0.30000000000000004,,,,\n",
        encoding="utf-8",
    )
    db, out = tmp_path / "db.sqlite", tmp_path / f"export{suffix}"
    with Store(db) as store:
        first = store.import_file(table, kundulun, unit=UNIT).vintage
        store.import_observations(kundulun.id, Observations([R("mmr", 2021, 18.2, area="rural")]))
        history = store.history(kundulun.id)
    assert main(["data-export", "--db", str(db), "-o", str(out), "--quiet"]) == 0
    assert read_observations(out) == history and len(history) == 3
    import pandas as pd

    frame = pd.read_csv(out, keep_default_na=False) if suffix == ".csv" else pd.read_parquet(out)
    assert list(frame["file"]) == ["submitted.csv", "submitted.csv", ""]
    assert (
        list(frame["sha256"])[0] == hashlib.sha256(table.read_bytes()).hexdigest() == first.sha256
    )
    assert list(frame["submitted_by"]) == [UNIT, UNIT, ""]


# A child process that imports a large table and stops mid-transaction, after a given number of
# inserted observations, until it reads a line: the test kills it there, or lets it go on.
IMPORTER = """
import sqlite3, sys
import ontrack
from ontrack.store import Store

db, table, pause_at = sys.argv[1], sys.argv[2], int(sys.argv[3])
connect = sqlite3.connect

def connect_and_trace(*args, **kwargs):
    connection = connect(*args, **kwargs)
    inserted = 0

    def trace(statement):
        nonlocal inserted
        if statement.startswith("INSERT INTO observation"):
            inserted += 1
            if inserted == pause_at:
                print("paused", flush=True)
                sys.stdin.readline()

    connection.set_trace_callback(trace)
    return connection

sqlite3.connect = connect_and_trace
with Store(db) as store:
    result = store.import_file(table, ontrack.plans.kundulun_women_2021_2030(), unit="卫健委")
print("imported", result.vintage.observations, flush=True)
"""
REGIONS, YEARS = 4000, range(2020, 2031)


@pytest.fixture()
def large_table(tmp_path):
    """mmr in every year for thousands of regions: an import that takes a while."""
    path = tmp_path / "large.csv"
    rows = (
        f"mmr,{year},R{region:05d},{10 + region % 7}.5"
        for region in range(REGIONS)
        for year in YEARS
    )
    path.write_text("indicator,year,region,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture()
def database_with_data(tmp_path, kundulun):
    path = tmp_path / "db.sqlite"
    with Store(path) as store:
        store.import_observations(
            kundulun, Observations([R("mmr", 2021, 16.1), R("mmr", 2022, 15.7)]), unit=UNIT
        )
    return path


def start_import(db, table, pause_at):
    child = subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(db), str(table), str(pause_at)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert child.stdout.readline() == "paused\n", child.stderr.read()
    return child


def test_a_process_killed_mid_import_leaves_the_database_consistent(
    database_with_data, large_table, kundulun
):
    total = REGIONS * len(YEARS)
    child = start_import(database_with_data, large_table, pause_at=total // 2)
    os.kill(child.pid, signal.SIGKILL)
    assert child.wait() == -signal.SIGKILL

    connection = sqlite3.connect(database_with_data)
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    connection.close()
    with Store(database_with_data) as store:
        assert len(store.vintages(kundulun.id)) == 1  # nothing of the killed import
        assert {(r.year, r.value) for r in store.observations(kundulun.id)} == {
            (2021, 16.1),
            (2022, 15.7),
        }
        # The same import, run to the end, brings all of it.
        vintage = store.import_file(large_table, kundulun.id, unit=UNIT).vintage
        assert vintage.observations == total
        assert len(store.observations(kundulun.id)) == total + 2


def test_readers_read_while_a_writer_imports(database_with_data, large_table, kundulun):
    child = start_import(database_with_data, large_table, pause_at=1000)
    try:
        with Store(database_with_data) as reader:
            started = time.monotonic()
            seen = reader.observations(kundulun.id)
            assert time.monotonic() - started < 5  # not waiting for the writer's lock
            assert len(seen) == 2 and len(reader.vintages(kundulun.id)) == 1
            child.stdin.write("go on\n")
            child.stdin.flush()
            assert child.stdout.readline() == f"imported {REGIONS * len(YEARS)}\n"
            assert child.wait() == 0
            assert len(reader.observations(kundulun.id)) == REGIONS * len(YEARS) + 2
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()

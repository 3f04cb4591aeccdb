"""Hostile text in every text field of a plan and a data file, through every writer.

A scan of every file ontrack writes (collection template, report.xlsx, report.html, report.md,
data-export CSV) and of the terminal output finds no formula, no unescaped formula prefix, no
raw markup and no control character; control characters themselves are refused at the door
with the place named.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import ontrack
from ontrack.cli import main

from hostile import (
    TEXT_FIELDS,
    assert_inert_csv,
    assert_inert_workbook,
    assert_no_control,
    control_text,
    hostile_text,
    small_plan,
    with_text,
)

pytest.importorskip("openpyxl")
pytest.importorskip("jinja2")

# Each example writes several files: few examples, each different, the same on every run.
_WRITERS = settings(max_examples=12, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                            HealthCheck.too_slow])


def _write_plan(tmp_path: Path, plan: dict) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    return path


@_WRITERS
@given(pointer=st.sampled_from(TEXT_FIELDS), text=hostile_text)
def test_no_writer_turns_plan_text_into_a_formula_markup_or_a_terminal_command(tmp_path_factory, capsys,
                                                                              pointer, text):
    tmp = tmp_path_factory.mktemp("w")
    plan_path = _write_plan(tmp, with_text(small_plan(), pointer, text))
    plan = ontrack.Plan.load(str(plan_path))

    assert main(["template", str(plan_path), "--all-units", "-o", str(tmp / "t.xlsx"), "-q"]) == 0
    assert_inert_workbook(tmp / "t.xlsx")

    evaluation = ontrack.evaluate(plan)
    from ontrack.report import write_report

    written = write_report(plan, None, evaluation, tmp / "report", formats=("html", "md", "xlsx"))
    assert_inert_workbook(written["xlsx"])
    page = written["html"].read_text(encoding="utf-8")
    markdown = written["md"].read_text(encoding="utf-8")
    for name, content in (("report.html", page), ("report.md", markdown)):
        assert_no_control(content, name)
        assert "nan" not in content.split()
    for raw in ("<script>", "<img src=x"):
        if raw in text:
            assert raw not in page  # autoescaped, as the rest of the page
            assert html.escape(raw) in page or raw not in page

    capsys.readouterr()
    assert main(["plan", "show", str(plan_path)]) == 0
    assert_no_control(capsys.readouterr().out, "plan show")


@settings(max_examples=40)
@given(pointer=st.sampled_from(TEXT_FIELDS), text=control_text)
def test_control_characters_are_refused_at_the_door_with_the_place(pointer, text):
    bad = json.dumps(with_text(small_plan(), pointer, text), ensure_ascii=False)
    with pytest.raises(ontrack.PlanFormatError) as raised:
        ontrack.Plan.from_json(bad, "plan.json")
    assert raised.value.pointer == pointer
    assert "control character U+" in raised.value.rule
    assert_no_control(str(raised.value), "the message")


@_WRITERS
@given(source=hostile_text, region=hostile_text)
def test_data_text_is_neutralised_in_the_csv_export_and_kept_exact_in_parquet(tmp_path_factory, source,
                                                                               region):
    tmp = tmp_path_factory.mktemp("d")
    plan = ontrack.Plan.from_json(json.dumps(small_plan(), ensure_ascii=False))
    records = [ontrack.ObservationRecord("rate", 2021, 81.5, source=source),
               ontrack.ObservationRecord("deaths", 2021, -0.0 + 15, source="=1+1", vintage="")]
    database = tmp / "m.db"
    with ontrack.Store(database) as store:
        store.import_observations(plan, ontrack.Observations(records), source=region)
    assert main(["data-export", "--db", str(database), "-o", str(tmp / "all.csv"), "-q"]) == 0
    assert_inert_csv(tmp / "all.csv")
    # ontrack's own CSV reads back to the exact text; Parquet holds it exactly anyway.
    back = ontrack.read_observations(tmp / "all.csv")
    assert sorted(r.source for r in back) == sorted(["=1+1", source])
    pytest.importorskip("pyarrow")
    assert main(["data-export", "--db", str(database), "-o", str(tmp / "all.parquet"), "-q"]) == 0
    import pandas as pd

    assert set(pd.read_parquet(tmp / "all.parquet")["source"]) == {"=1+1", source}


def test_numbers_stay_numbers_in_every_writer(tmp_path):
    """A negative number is a number, not text to neutralise."""
    from openpyxl import Workbook

    from ontrack.io.cells import csv_frame, put

    sheet = Workbook().active
    for column, value in enumerate((-3, -2.5, "-3", "=A1"), start=1):
        put(sheet.cell(1, column), value)
    assert [c.data_type for c in sheet[1]] == ["n", "n", "s", "s"]
    assert [c.quotePrefix for c in sheet[1]] == [False, False, True, True]
    import pandas as pd

    frame = csv_frame(pd.DataFrame({"value": [-3.5, 2.0], "source": ["-3", "ok"]}))
    assert frame["value"].tolist() == [-3.5, 2.0]
    assert frame["source"].tolist() == ["'-3", "ok"]


def test_the_evaluate_summary_prints_hostile_plan_text_as_plain_inert_text(tmp_path, capsys):
    plan = with_text(small_plan(), "/domains/0/name/zh", "[bold red]领域[/] <b>\u200f")
    plan = with_text(plan, "/title/zh", "=cmd|' /C calc'!A0")
    plan_path = _write_plan(tmp_path, plan)
    (tmp_path / "data.csv").write_text("indicator,year,value,source\nrate,2024,88,@SUM(A1)\n", encoding="utf-8")
    assert main(["evaluate", str(plan_path), str(tmp_path / "data.csv"), "--out", str(tmp_path / "r"),
                 "--format", "xlsx"]) == 0
    out = capsys.readouterr().out
    assert "[bold red]领域[/] <b>" in out  # shown as written, not read as rich markup
    assert "=cmd|' /C calc'!A0" in out
    assert_no_control(out, "the evaluate summary")
    assert_inert_workbook(tmp_path / "r" / "report.xlsx")

"""The tidy observations collection: reading tables, checking them against a plan, vintages."""

import math

import pandas as pd
import pytest

import ontrack
from ontrack.io import read_observations, write_observations
from ontrack import InvalidInputError
from ontrack.observations import ImportValidationError, ObservationRecord, Observations

R = ObservationRecord


def test_from_frame_maps_columns_and_reads_every_field():
    frame = pd.DataFrame(
        {
            "指标代码": ["mmr", "compulsory_consolidation", "compulsory_consolidation"],
            "年份": [2021, 2021, 2021],
            "性别": ["", "女", "男"],
            "数值": [16.1, 96.2, 95.1],
            "deaths": [23, None, None],
            "births": [142_857, None, None],
            "来源": ["卫健委", "教育局", "教育局"],
            "flag": ["provisional", "", ""],
            "remark": ["ignored", "ignored", "ignored"],
        }
    )
    observations = Observations.from_frame(
        frame,
        columns={
            "指标代码": "indicator",
            "年份": "year",
            "性别": "sex",
            "数值": "value",
            "deaths": "numerator",
            "births": "denominator",
            "来源": "source",
        },
    )
    assert list(observations) == [
        R(
            "mmr",
            2021,
            16.1,
            numerator=23,
            denominator=142_857,
            source="卫健委",
            flag="provisional",
        ),
        R("compulsory_consolidation", 2021, 96.2, sex="female", source="教育局"),
        R("compulsory_consolidation", 2021, 95.1, sex="male", source="教育局"),
    ]



@pytest.mark.parametrize("text", ["string[python]", "string[pyarrow]"])
def test_missing_values_of_pandas_nullable_columns_are_blank_cells(text):
    # pandas' string, nullable integer and nullable float columns hold pd.NA where a cell is
    # missing (Dask reads text as such strings): the same as an empty cell, never the text "<NA>".
    frame = pd.DataFrame(
        {
            "indicator": pd.array(["mmr", "mmr"], dtype=text),
            "year": pd.array([2021, 2022], dtype="Int64"),
            "value": pd.array([16.1, 15.2], dtype="Float64"),
            "sex": pd.array([pd.NA, "女"], dtype=text),
            "numerator": pd.array([23, pd.NA], dtype="Int64"),
            "denominator": pd.array([142_857, pd.NA], dtype="Int64"),
            "source": pd.array(["卫健委", pd.NA], dtype=text),
            "flag": pd.array([pd.NA, pd.NA], dtype=text),
        }
    )
    assert list(Observations.from_frame(frame)) == [
        R("mmr", 2021, 16.1, numerator=23, denominator=142_857, source="卫健委"),
        R("mmr", 2022, 15.2, sex="female"),
    ]
    missing_year = frame.assign(year=pd.array([2021, pd.NA], dtype="Int64"))
    with pytest.raises(ImportValidationError, match="year"):
        Observations.from_frame(missing_year)

def test_csv_cells_are_read_like_spreadsheet_cells(tmp_path):
    path = tmp_path / "data.csv"
    path.write_text(
        "indicator,year,sex,area,value,source\n"
        "mmr,2021,,城镇,１４．１,NHC\n"  # full-width digits and point
        'midwives,2022,,,"1,234",卫健委\n'  # thousands separator
        "mmr,2022,,,,卫健委\n"  # blank value: missing, skipped
        "female_life_exp,２０２３,,,80.5,\n",  # full-width year
        encoding="utf-8",
    )
    assert list(read_observations(path)) == [
        R("mmr", 2021, 14.1, area="urban", source="NHC"),
        R("midwives", 2022, 1234.0, source="卫健委"),
        R("female_life_exp", 2023, 80.5),
    ]


def test_every_bad_cell_of_a_csv_is_reported_with_its_line_and_column(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "indicator,year,sex,value\n"
        "mmr,2021,,about 16\n"  # line 2: text in a numeric cell
        "mmr,20x1,,16\n"  # line 3: a year that is not one
        "mmr,2021,both,16\n"  # line 4: an unknown sex code
        "mmr,2022,,12.5%\n"  # line 5: a percent sign in a table
        ",2022,,3\n",  # line 6: no indicator
        encoding="utf-8",
    )
    with pytest.raises(ImportValidationError) as caught:
        read_observations(path)
    found = [(p.file, p.line, p.column) for p in caught.value.problems]
    assert found == [
        (str(path), 2, "value"),
        (str(path), 3, "year"),
        (str(path), 4, "sex"),
        (str(path), 5, "value"),
        (str(path), 6, "indicator"),
    ]
    assert "about 16" in caught.value.problems[0].message
    assert isinstance(caught.value, ontrack.InvalidInputError) and isinstance(
        caught.value, ValueError
    )
    assert str(caught.value).startswith("5 problems, nothing read: ")


def test_missing_required_column_is_named(tmp_path):
    path = tmp_path / "no_value.csv"
    path.write_text("indicator,year,amount\nmmr,2021,16\n", encoding="utf-8")
    with pytest.raises(ImportValidationError, match="no 'value' column"):
        read_observations(path)
    assert len(read_observations(path, columns={"amount": "value"})) == 1


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_tables_round_trip_without_loss(tmp_path, suffix):
    observations = Observations(
        [
            R(
                "mmr",
                2021,
                0.1 + 0.2,
                area="rural",
                numerator=3,
                denominator=7,
                source='NHC, "yearbook"\n2022',
                flag="estimated",
                vintage="2026-03-01T08:00:00.000001Z",
            ),
            R("compulsory_consolidation", 2020, 96.2, sex="female", vintage="2026-03-01"),
            R("mmr", 2022, 1 / 3, region="东河区", age="15-49"),
        ]
    )
    path = tmp_path / f"observations{suffix}"
    write_observations(observations, path)
    back = read_observations(path)
    assert back == observations
    assert [r.value for r in back] == [0.1 + 0.2, 96.2, 1 / 3]  # bit for bit


def test_a_tidy_excel_sheet_is_read_with_rows_and_column_letters(tmp_path):
    path = tmp_path / "tidy.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"note": ["x"]}).to_excel(writer, sheet_name="readme", index=False)
        pd.DataFrame(
            {
                "indicator": ["mmr", "mmr", "midwives"],
                "year": [2021, 2022, 2021],
                "value": [16.1, "１５．７", "many"],
                "vintage": [pd.Timestamp("2026-03-01"), None, None],
            }
        ).to_excel(writer, sheet_name="data", index=False)
    with pytest.raises(ImportValidationError) as caught:
        read_observations(path, sheet="data")
    (problem,) = caught.value.problems
    assert (problem.sheet, problem.row, problem.column) == ("data", 4, "C")
    fixed = tmp_path / "fixed.xlsx"
    pd.DataFrame(
        {
            "indicator": ["mmr", "mmr"],
            "year": [2021, 2022],
            "value": [16.1, "１５．７"],
            "vintage": [pd.Timestamp("2026-03-01"), None],
        }
    ).to_excel(fixed, index=False)
    assert list(read_observations(fixed)) == [
        R("mmr", 2021, 16.1, vintage="2026-03-01"),
        R("mmr", 2022, 15.7),
    ]


def test_to_frame_has_the_tidy_columns():
    frame = Observations([R("mmr", 2021, 16.1, area="urban")]).to_frame()
    assert list(frame.columns) == [
        "indicator",
        "year",
        "sex",
        "area",
        "region",
        "age",
        "value",
        "numerator",
        "denominator",
        "source",
        "flag",
        "vintage",
    ]
    assert frame.loc[0, "area"] == "urban" and math.isnan(frame.loc[0, "numerator"])


def test_to_series_groups_by_indicator_and_breakdown():
    observations = Observations(
        [
            R("mmr", 2022, 15.7),
            R("mmr", 2021, 16.1, flag="estimated"),
            R("mmr", 2021, 18.5, area="rural"),
            R("compulsory_consolidation", 2021, 96.2, sex="female"),
        ]
    )
    series = {(s.indicator, tuple(s.disaggregation.items())): s for s in observations.to_series()}
    assert set(series) == {
        ("mmr", ()),
        ("mmr", (("area", "rural"),)),
        ("compulsory_consolidation", (("sex", "female"),)),
    }
    total = series[("mmr", ())]
    assert total.years() == [2021, 2022] and total.values() == [16.1, 15.7]
    assert total.observations[0].flag == ontrack.ObservationFlag.estimated
    assert Observations.from_series(observations.to_series()) == observations


def test_to_series_refuses_two_vintages_of_a_year():
    observations = Observations(
        [R("mmr", 2021, 16.1, vintage="2026-03-01"), R("mmr", 2021, 15.9, vintage="2026-04-01")]
    )
    with pytest.raises(ontrack.InvalidInputError, match="latest_vintage"):
        observations.to_series()
    assert observations.latest_vintage().to_series()[0].values() == [15.9]


def test_validate_reports_everything_that_does_not_fit_the_plan(kundulun):
    observations = Observations(
        [
            R("no_such_indicator", 2021, 1.0),
            R("mmr", 2031, 12.0),  # after the plan's last year
            R("mmr", 2004, 18.0),  # before its earliest history year (2020 - 15)
            R("mat_sys_mgmt", 2021, 100.5),  # a percentage above 100
            R("female_share_employed", 2021, -1.0),  # a percentage below 0
            R("midwives", 2021, -3.0),  # a negative count
            R("mmr", 2021, 16.0, sex="female"),  # mmr is not broken down by sex
            R("mmr", 2021, 16.1, numerator=-1),  # a negative count of deaths
            R("mmr", 2022, 15.7),
            R("mmr", 2022, 15.8),  # one value, given twice
            R("mmr", 2023, 15.0),
            R("mmr", 2023, 15.0),  # repeated
            R("mmr", 2024, 21.0, numerator=1, denominator=4900),  # 1/4900 = 20.4 per 100,000
            R("mat_sys_mgmt", 2022, 100.0, numerator=120, denominator=100),  # share > whole
            R("mmr", 2025, 20.0, numerator=1.5, denominator=4900),  # half a death
            R("senior_secondary_ger", 2021, 102.0),  # a gross ratio may exceed 100: fine
            R("mmr", 2020, 16.9),  # the base year: fine
            R("mmr", 2019, 18.0),  # history before the base year: fine
            R("mmr", 2005, 48.0),  # the earliest history year: fine
            R("mmr", 2026, 20.0, numerator=1, denominator=4900),  # agrees within ±0.5
        ]
    )
    messages = [p.message for p in observations.problems(kundulun)]
    assert len(messages) == 13
    assert "unknown indicator 'no_such_indicator'" in messages[0]
    assert "year 2031 is after the plan's last year 2030; years 2005–2030 are accepted" in messages[1]
    assert "year 2004 is before the earliest history year 2005" in messages[2]
    assert "100.5 is above 100" in messages[3]
    assert "-1 is below 0" in messages[4]
    assert "-3 is negative" in messages[5]
    assert "not broken down by sex" in messages[6]
    assert "numerator -1 is negative" in messages[7]
    assert messages[8] == (
        "mmr 2024: value 21 disagrees with its counts: 1 / 4900 is 20.4082 per 100,000 live "
        "births, more than the rounding of the value (±0.5) away"
    )
    assert "numerator 120 is more than the denominator 100, which a proportion cannot be" in (
        messages[9]
    )
    assert "numerator 1.5 is not a whole number" in messages[10]
    assert "given twice with different values: 15.8 here, 15.7" in messages[11]
    assert "given twice" in messages[12]
    with pytest.raises(ImportValidationError) as caught:
        observations.validate(kundulun)
    assert len(caught.value.problems) == 13
    # The earliest history year can be moved for one check.
    assert not Observations([R("mmr", 2004, 18.0)]).problems(kundulun, earliest_year=2000)


def test_problems_point_at_the_line_they_came_from(tmp_path, kundulun):
    path = tmp_path / "data.csv"
    path.write_text(
        "indicator,year,value\nmmr,2021,16.1\nmat_sys_mgmt,2021,120\n", encoding="utf-8"
    )
    (problem,) = read_observations(path).problems(kundulun)
    assert (problem.line, str(problem)) == (
        3,
        f"{path}, line 3: mat_sys_mgmt 2021: value 120 is above 100, the most a percentage can be",
    )


def test_filter_selects_by_any_field():
    observations = Observations(
        [
            R("mmr", 2021, 16.1),
            R("mmr", 2022, 15.7),
            R("mmr", 2022, 18.5, area="rural"),
            R("compulsory_consolidation", 2022, 96.2, sex="female"),
        ]
    )
    assert [r.value for r in observations.filter(indicator="mmr", area="")] == [16.1, 15.7]
    assert [
        r.value for r in observations.filter(year=range(2022, 2031), sex=["female", "male"])
    ] == [96.2]
    assert len(observations.filter(indicator={"mmr", "compulsory_consolidation"})) == 4
    assert len(observations) == 4 and len(list(observations)) == 4


def test_latest_and_as_of_vintage():
    first, later_that_day, revision = (
        "2026-03-01T09:00:00.000000Z",
        "2026-03-01T15:00:00.000000Z",
        "2026-04-02T10:00:00.000000Z",
    )
    observations = Observations(
        [
            R("mmr", 2021, 16.1, vintage=first),
            R("mmr", 2022, 15.7, vintage=later_that_day),
            R("mmr", 2021, 15.9, vintage=revision),
        ]
    )
    assert observations.vintages() == [first, later_that_day, revision]
    assert {(r.year, r.value) for r in observations.latest_vintage()} == {
        (2021, 15.9),
        (2022, 15.7),
    }
    assert {(r.year, r.value) for r in observations.as_of_vintage(first)} == {(2021, 16.1)}
    assert {(r.year, r.value) for r in observations.as_of_vintage("2026-03-01")} == {
        (2021, 16.1),
        (2022, 15.7),
    }
    assert {(r.year, r.value) for r in observations.as_of_vintage("2026-04-30")} == {
        (2021, 15.9),
        (2022, 15.7),
    }
    assert len(observations.as_of_vintage("2026-02-28")) == 0
    # With an offset: 2026-03-01 23:30 in Beijing is 15:30 UTC, after both of that day's imports.
    assert len(observations.as_of_vintage("2026-03-01T23:30+08:00")) == 2
    assert len(observations.as_of_vintage("2026-03-01T22:00+08:00")) == 1


@pytest.mark.parametrize("text", ["2026-3-1", "notadate", "2026/03/01", "2026-02-30", "2026-04"])
def test_a_vintage_is_iso_8601_time(text):
    with pytest.raises(InvalidInputError, match=f"vintage {text!r} is not an ISO 8601 date"):
        Observations([R("mmr", 2021, 16.1)]).as_of_vintage(text)
    with pytest.raises(InvalidInputError, match="is not an ISO 8601 date"):
        R("mmr", 2021, 16.1, vintage=text)


def test_revisions_are_ordered_as_time_not_as_text():
    # As text the +08:00 vintage sorts after the Z one; as time it is seven hours earlier.
    older = R("mmr", 2021, 16.1, vintage="2026-10-01T09:00:00+08:00")  # 01:00 UTC
    newer = R("mmr", 2021, 15.9, vintage="2026-10-01T02:00:00Z")
    data = Observations([newer, older])
    assert [r.value for r in data.latest_vintage()] == [15.9]
    assert data.vintages() == [older.vintage, newer.vintage]


def test_records_refuse_impossible_values():
    with pytest.raises(ontrack.InvalidInputError, match="finite"):
        R("mmr", 2021, float("nan"))
    with pytest.raises(ontrack.InvalidInputError, match="sex 'F'"):
        R("mmr", 2021, 1.0, sex="F")
    with pytest.raises(ontrack.InvalidInputError, match="flag"):
        R("mmr", 2021, 1.0, flag="final")


def test_an_unknown_id_names_the_closest_ones(kundulun):
    (problem,) = Observations([R("mmrr", 2021, 16.1)]).problems(kundulun)
    assert problem.message == (
        "unknown indicator 'mmrr': plan kundulun-women-2021-2030 has no such indicator; "
        "did you mean mmr?"
    )
    (far,) = Observations([R("zzz", 2021, 1.0)]).problems(kundulun)
    assert "did you mean" not in far.message

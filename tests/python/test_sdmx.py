"""SDMX-CSV as the UN SDG Global Database and Eurostat export it."""

import json

import pytest
import yaml

from ontrack.io import SdmxMapping, read_sdmx_csv
from ontrack.observations import ImportValidationError, ObservationRecord

R = ObservationRecord
NHC = "National Health Commission, China Health Statistical Yearbook"
MOE = "Ministry of Education, Educational Statistics"

# The national rows of the samples that the mapping keeps, as written in tests/data/sdmx.
EXPECTED = [
    R("mmr", 2019, 17.8, source=NHC),
    R("mmr", 2020, 16.9, source=NHC),
    R("mmr", 2020, 14.1, area="urban", source=NHC),
    R("mmr", 2020, 18.5, area="rural", source=NHC),
    R("mmr", 2021, 16.1, flag="estimated", source="UN SDG Global Database"),
    R("compulsory_consolidation", 2020, 96.2, sex="female", source=MOE),
    R("compulsory_consolidation", 2020, 95.1, sex="male", source=MOE),
    R("compulsory_consolidation", 2020, 95.6, source=MOE),
]


@pytest.fixture()
def sdmx(repo):
    return repo / "tests" / "data" / "sdmx"


def test_reads_the_un_sdg_sdmx_csv_1_0_sample(sdmx):
    observations = read_sdmx_csv(sdmx / "un_sdg_v1.csv", sdmx / "mapping.yaml")
    assert list(observations) == EXPECTED
    assert [r.origin.line for r in observations] == [2, 3, 4, 5, 6, 10, 11, 12]


def test_reads_sdmx_csv_2_0_with_labels_and_semicolons_to_the_same_values(sdmx):
    observations = read_sdmx_csv(sdmx / "un_sdg_v2_labels.csv", sdmx / "mapping.yaml")
    assert list(observations) == EXPECTED


def test_a_json_mapping_is_the_same_as_yaml(sdmx, tmp_path):
    data = yaml.safe_load((sdmx / "mapping.yaml").read_text(encoding="utf-8"))
    (tmp_path / "mapping.json").write_text(json.dumps(data), encoding="utf-8")
    assert SdmxMapping.load(tmp_path / "mapping.json") == SdmxMapping.load(sdmx / "mapping.yaml")


def test_sample_checked_against_the_plan_keeps_the_year_before_its_base_as_history(sdmx, kundulun):
    sample = read_sdmx_csv(sdmx / "un_sdg_v1.csv", sdmx / "mapping.yaml")
    assert sample.problems(kundulun) == []  # 2019 is history (from 2005, 15 years before 2020)
    problems = sample.problems(kundulun, earliest_year=2020)
    assert [
        (p.line, "year 2019 is before the earliest history year 2020 (as asked)" in p.message)
        for p in problems
    ] == [(2, True)]


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HEADER = ",".join(
    [
        "DATAFLOW",
        "SERIES",
        "REF_AREA",
        "TIME_PERIOD",
        "OBS_VALUE",
        "SEX",
        "URBANISATION",
        "UNIT_MEASURE",
        "UNIT_MULT",
        "OBS_STATUS",
    ]
)
FLOW = "IAEG-SDGs:DF_SDG_GLH(1.15)"


def test_every_problem_is_reported_with_its_line(tmp_path):
    path = _write(
        tmp_path / "bad.csv",
        [
            HEADER,
            f"{FLOW},SH_STA_MORT,156,2020,16.9,_T,_T,PER_100000_LIVE_BIRTHS,0,A",
            f"{FLOW},SH_STA_MORT,156,2021,n/a,_T,_T,PER_100000_LIVE_BIRTHS,0,A",  # line 3
            f"{FLOW},SH_STA_MORT,156,2021-Q1,4.1,_T,_T,PER_100000_LIVE_BIRTHS,0,A",  # line 4
            f"{FLOW},SH_STA_MORT,156,2022,15.7,X,_T,PER_100000_LIVE_BIRTHS,0,A",  # line 5
            # line 6: a forecast
            f"{FLOW},SH_STA_MORT,156,2022,15.7,_T,_T,PER_100000_LIVE_BIRTHS,0,F",
            # line 7: 2020 again
            f"{FLOW},SH_STA_MORT,156,2020,17.0,_T,_T,PER_100000_LIVE_BIRTHS,0,A",
        ],
    )
    mapping = SdmxMapping.from_dict({"series": {"SH_STA_MORT": "mmr"}})
    with pytest.raises(ImportValidationError) as caught:
        read_sdmx_csv(path, mapping)
    found = [(p.line, p.column) for p in caught.value.problems]
    assert found == [(3, "OBS_VALUE"), (4, "TIME_PERIOD"), (5, "SEX"), (6, "OBS_STATUS"), (7, None)]
    assert "'n/a' is not a number" in caught.value.problems[0].message
    assert "17 here, 16.9 at" in caught.value.problems[4].message


def test_factor_and_unit_multiplier_scale_values(tmp_path):
    path = _write(
        tmp_path / "scaled.csv",
        [
            HEADER,
            f"{FLOW},SH_STA_BRTC,156,2020,0.999,_T,_T,PERCENT,0,A",  # a proportion: factor 100
            f"{FLOW},SH_MED_HWRK,156,2020,1.234,_T,_T,NUMBER,3,A",  # thousands: UNIT_MULT 3
        ],
    )
    mapping = SdmxMapping.from_dict(
        {
            "series": {
                "SH_STA_BRTC": {"indicator": "mat_sys_mgmt", "factor": 100},
                "SH_MED_HWRK": "midwives",
            }
        }
    )
    assert [(r.indicator, r.value) for r in read_sdmx_csv(path, mapping)] == [
        ("mat_sys_mgmt", 99.9),
        ("midwives", 1234.0),
    ]


def test_several_reference_areas_need_a_choice(tmp_path):
    path = _write(
        tmp_path / "areas.csv",
        [
            HEADER,
            f"{FLOW},SH_STA_MORT,156,2020,16.9,_T,_T,PER_100000_LIVE_BIRTHS,0,A",
            f"{FLOW},SH_STA_MORT,356,2020,103,_T,_T,PER_100000_LIVE_BIRTHS,0,A",
        ],
    )
    with pytest.raises(
        ImportValidationError, match=r"several REF_AREA codes \(156 \(line 2\), 356 \(line 3\)\)"
    ):
        read_sdmx_csv(path, SdmxMapping.from_dict({"series": {"SH_STA_MORT": "mmr"}}))
    chosen = read_sdmx_csv(
        path, SdmxMapping.from_dict({"series": {"SH_STA_MORT": "mmr"}, "ref_area": 356})
    )
    assert [r.value for r in chosen] == [103.0]


def test_eurostat_columns_are_named_in_the_mapping(tmp_path):
    # Eurostat's SDMX-CSV: lower-case dimension names, geo for the area, OBS_FLAG, T for total.
    path = _write(
        tmp_path / "estat.csv",
        [
            "DATAFLOW,LAST UPDATE,freq,unit,sex,age,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG",
            "ESTAT:DEMO_MLEXPEC(1.0),14/03/24 23:00:00,A,YR,F,Y_LT1,EL,2021,83.1,",
            "ESTAT:DEMO_MLEXPEC(1.0),14/03/24 23:00:00,A,YR,M,Y_LT1,EL,2021,78.0,",
            "ESTAT:DEMO_MLEXPEC(1.0),14/03/24 23:00:00,A,YR,T,Y_LT1,EL,2021,80.7,p",
            "ESTAT:DEMO_MLEXPEC(1.0),14/03/24 23:00:00,A,YR,F,Y65,EL,2021,21.0,",
        ],
    )
    mapping = SdmxMapping.from_dict(
        {
            "series": {"YR": "female_life_exp"},
            "ref_area": "EL",
            "keep": {"age": "Y_LT1"},
            "columns": {"SERIES": "unit", "REF_AREA": "geo", "OBS_STATUS": "OBS_FLAG"},
            "sex": {"T": ""},
            "obs_status": {"p": "provisional"},
            "source": "Eurostat demo_mlexpec",
        }
    )
    assert list(read_sdmx_csv(path, mapping)) == [
        R("female_life_exp", 2021, 83.1, sex="female", source="Eurostat demo_mlexpec"),
        R("female_life_exp", 2021, 78.0, sex="male", source="Eurostat demo_mlexpec"),
        R("female_life_exp", 2021, 80.7, flag="provisional", source="Eurostat demo_mlexpec"),
    ]


def test_not_sdmx_csv_and_bad_mappings_are_refused(tmp_path, sdmx):
    plain = _write(tmp_path / "plain.csv", ["indicator,year,value", "mmr,2020,16.9"])
    with pytest.raises(ImportValidationError, match="not SDMX-CSV"):
        read_sdmx_csv(plain, sdmx / "mapping.yaml")
    with pytest.raises(ValueError, match="unknown member 'serie'"):
        SdmxMapping.from_dict({"serie": {"SH_STA_MORT": "mmr"}})
    with pytest.raises(ValueError, match="series.SH_STA_MORT must be"):
        SdmxMapping.from_dict({"series": {"SH_STA_MORT": {"indicator": "mmr", "factor": "ten"}}})
    with pytest.raises(ValueError, match="sex.F is 'woman'"):
        SdmxMapping.from_dict({"series": {"SH_STA_MORT": "mmr"}, "sex": {"F": "woman"}})
    broken = tmp_path / "broken.yaml"
    broken.write_text("series: [unclosed\n", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.yaml: not a readable mapping"):
        SdmxMapping.load(broken)

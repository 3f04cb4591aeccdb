import csv

import pytest

import ontrack
from ontrack import datasets


def test_frame_is_tidy_and_labelled_national(kundulun):
    frame = datasets.china_national_women()
    assert {"indicator", "year", "value", "flag", "source", "source_quote", "label", "geo"} <= set(frame.columns)
    assert (frame["geo"] == "CN").all()
    assert frame["label"].str.startswith("national (China)").all()
    # Every mapped indicator exists in the Kundulun plan.
    plan_ids = {i.id for i in kundulun.indicators()}
    assert set(frame["indicator"].dropna()) <= plan_ids


def test_values_and_provenance_match_the_published_file(repo):
    frame = datasets.china_national_women(geo=None)
    with open(repo / "python" / "ontrack" / "data" / "china" / "china_women_indicators.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(frame) == len(rows)
    mmr_2020 = frame[(frame["dataset_indicator"] == "mmr") & (frame["year"] == 2020)].iloc[0]
    assert mmr_2020["value"] == 16.9  # NBS final report 2011-2020: 16.9/10万
    assert mmr_2020["indicator"] == "mmr"
    derived = {(r["indicator_id"], int(r["year"])) for r in rows if r["value_type"] == "derived"}
    flagged = {(r.dataset_indicator, r.year) for r in frame.itertuples() if r.flag == "derived"}
    assert flagged == derived and derived
    # The provincial series is labelled as provincial, not national.
    fujian = frame[frame["geo"] == "CN-FJ"]
    assert len(fujian) and fujian["label"].str.startswith("provincial").all()


def test_disaggregated_series_map_onto_the_plan(kundulun):
    series = {(s.indicator, tuple(sorted(s.disaggregation.items()))): s
              for s in datasets.china_national_women_series()}
    urban = series[("mmr", (("area", "urban"),))]
    assert urban.years() == sorted(urban.years())
    total = series[("mmr", ())]
    assert 2024 in total.years()
    assert all(o.source.startswith("national (China) figure standing in for district data")
               for o in total.observations)
    flags = {o.year: o.flag for o in total.observations}
    assert flags[2017] == ontrack.ObservationFlag.derived  # 18.3/(1-0.066): a derived value
    # Attached to the plan, the series validate against it from its earliest history year on;
    # the national figures reach back to 1990, before it.
    kundulun.series = list(series.values())
    with pytest.raises(ontrack.PlanFormatError, match="before the earliest history year 2005"):
        kundulun.validate()
    for s in series.values():
        s.observations = [o for o in s.observations if o.year >= kundulun.earliest_history_year]
    kundulun.series = list(series.values())
    kundulun.validate()

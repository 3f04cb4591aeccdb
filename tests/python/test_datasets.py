import csv

import pytest

import ontrack
from ontrack import datasets

_CHINA = ("python", "ontrack", "data", "china")


def _rows(repo, name):
    with open(repo.joinpath(*_CHINA, name), encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_frame_is_tidy_and_labelled_national(kundulun):
    frame = datasets.china_national_women()
    assert {"indicator", "year", "value", "flag", "source", "source_quote", "label", "geo",
            "publication", "retrieved_from", "provenance"} <= set(frame.columns)
    assert (frame["geo"] == "CN").all()
    assert frame["label"].str.startswith("national (China)").all()
    # Every mapped indicator exists in the Kundulun plan.
    plan_ids = {i.id for i in kundulun.indicators()}
    assert set(frame["indicator"].dropna()) <= plan_ids


def test_values_and_provenance_match_the_published_file(repo):
    frame = datasets.china_national_women(geo=None)
    rows = _rows(repo, "china_women_indicators_v2.csv")
    assert len(frame) == len(rows) == 270  # README-v2: 270 rows, 259 of them national
    assert (frame["geo"] == "CN").sum() == 259
    mmr_2020 = frame[(frame["dataset_indicator"] == "mmr") & (frame["year"] == 2020)].iloc[0]
    assert mmr_2020["value"] == 16.9  # NBS final report 2011-2020: 16.9/10万
    assert mmr_2020["indicator"] == "mmr"
    derived = {(r["indicator_id"], int(r["year"])) for r in rows if r["value_type"] == "derived"}
    flagged = {(r.dataset_indicator, r.year) for r in frame.itertuples() if r.flag == "derived"}
    assert flagged == derived and len(derived) == 44  # README-v2: 44 derived rows
    # The provincial series is labelled as provincial, not national.
    fujian = frame[frame["geo"] == "CN-FJ"]
    assert len(fujian) and fujian["label"].str.startswith("provincial").all()
    # Provenance grades as counted in README-v2 (all rows: 25 official, 194 named reposts, ...).
    assert frame["provenance"].value_counts().to_dict() == {
        "repost_named": 194, "weak": 38, "official": 25, "repost_unnamed": 13}


def test_every_citation_names_the_publication_first_then_the_page_and_its_grade():
    frame = datasets.china_national_women()
    final = frame[(frame["dataset_indicator"] == "female_share_employed") & (frame["year"] == 2020)].iloc[0]
    assert final["source"].startswith("国家统计局《")
    assert "终期统计监测报告" in final["source"].split(" · ")[0]
    work, page, grade = final["source"].split(" · ")
    assert page == final["retrieved_from"] and grade == final["provenance"] == "repost_named"
    # The official page printing a figure read on a repost is cited before the repost.
    life = frame[(frame["dataset_indicator"] == "female_life_exp") & (frame["year"] == 2015)].iloc[0]
    parts = life["source"].split(" · ")
    assert parts[1].startswith("http://www.scio.gov.cn") and parts[2] == life["retrieved_from"]
    assert frame["source"].str.split(" · ").str[-1].isin(datasets.PROVENANCE_GRADES).all()


def test_regional_figures_are_labelled_by_place(repo):
    frame = datasets.regional_women()
    assert len(frame) == len(_rows(repo, "regional_women_indicators_v2.csv")) == 85
    assert set(frame["place"]) == {"Inner Mongolia", "Ordos", "Baotou", "Kundulun", "Xilingol", "Fujian"}
    assert not (frame["geo"] == "CN").any()
    ordos = frame[(frame["place"] == "Ordos") & (frame["dataset_indicator"] == "maternal_deaths")]
    assert len(ordos) and (ordos["value"] == 0).any()  # zero maternal deaths, as printed
    assert ordos["label"].str.startswith("city (Ordos, Inner Mongolia) figure standing in").all()
    kundulun = frame[frame["place"] == "Kundulun"]
    assert (kundulun["label"] == "district (Kundulun, Baotou) figure").all()  # not a stand-in
    assert (frame["provenance"] == "official").sum() == 31  # README-v2: 31 official regional rows
    inner_mongolia = datasets.regional_women(geo="CN-NM")
    assert (inner_mongolia["place"] == "Inner Mongolia").all() and len(inner_mongolia) == 25


def test_disaggregated_series_map_onto_the_plan(kundulun):
    series = {(s.indicator, tuple(sorted(s.disaggregation.items()))): s
              for s in datasets.china_national_women_series()}
    urban = series[("mmr", (("area", "urban"),))]
    assert urban.years() == sorted(urban.years())
    total = series[("mmr", ())]
    assert 2024 in total.years()
    assert all(o.source.startswith("national (China) figure standing in for district data: ")
               for o in total.observations)
    flags = {o.year: o.flag for o in total.observations}
    assert flags[2023] == ontrack.ObservationFlag.derived  # 2024 report: a change from 2023
    assert flags[2017] == ontrack.ObservationFlag.none     # printed in the NHC 2017 bulletin (v2)
    # Attached to the plan, the series validate against it from its earliest history year on;
    # the national figures reach back to 1990, before it.
    kundulun.series = list(series.values())
    with pytest.raises(ontrack.PlanFormatError, match="before the earliest history year 2005"):
        kundulun.validate()
    for s in series.values():
        s.observations = [o for o in s.observations if o.year >= kundulun.earliest_history_year]
    kundulun.series = list(series.values())
    kundulun.validate()


def test_every_dataset_indicator_is_in_the_mapping(repo):
    mapped = {r["dataset_indicator_id"] for r in _rows(repo, "kundulun_mapping.csv")}
    for name in ("china_women_indicators_v2.csv", "regional_women_indicators_v2.csv"):
        assert {r["indicator_id"] for r in _rows(repo, name)} <= mapped


def test_definition_break_keeps_the_later_toilet_figures_out_of_the_series():
    toilets = next(s for s in datasets.national_indicator_series() if s.indicator == "rural_sanitary_toilet")
    assert max(toilets.years()) == 2016  # 2022's 77.5 % uses another definition


def test_outline_series_and_published_verdicts():
    plan = ontrack.plans.china_women_outline_2011_2020()
    series = datasets.outline_2011_2020_series()
    assert {s.indicator for s in series} == {i.id for i in plan.indicators()}
    assert all(2010 <= y <= 2020 for s in series for y in s.years())
    mmr = next(s for s in series if s.indicator == "mmr")
    assert mmr.years() == list(range(2010, 2021))  # all 11 years printed
    plan.series = series
    plan.validate()
    verdicts = datasets.outline_2011_2020_verdicts().set_index("indicator")
    assert verdicts.loc["female_share_village_cttee", "published_outcome"] == "missed"  # 24.2 % < 30 %
    assert verdicts.loc["compulsory_consolidation", "published_outcome"] == "met"
    assert verdicts.loc["hosp_delivery", "published_outcome"] == ""  # no verdict word found


@pytest.mark.parametrize("text, outcome", [("提前实现 (2016)", "met"), ("已实现: 2020", "met"),
                                           ("未实现: 2020 24.2%", "missed"), ("no NBS verdict found", "")])
def test_published_verdict_words(text, outcome):
    assert datasets._published_outcome(text) == outcome

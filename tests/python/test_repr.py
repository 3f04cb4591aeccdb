"""Notebook display: bounded, escaped HTML reprs with a sparkline; tables; fan charts; and no
pandas or matplotlib until they are asked for."""

import json
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

import ontrack
from ontrack import Series, Target
from ontrack._repr import MAX_ROWS, sparkline

SCRIPT = "<script>alert(1)</script>"
MMR_YEARS = [2010, 2013, 2015, 2016, 2017, 2018, 2020, 2021, 2022, 2023, 2024]
MMR_VALUES = [30.0, 23.2, 20.1, 19.9, 19.6, 18.3, 16.9, 16.1, 15.7, 15.1, 14.3]


def plan_dict(n_indicators: int, name: str = "Indicator {i}", title: str = "Big plan") -> dict:
    indicators = [{"id": f"ind_{i}", "name": {"en": name.format(i=i)}, "unit": "%", "scale": "percent",
                   "direction": "increase", "targets": [{"kind": "at_least", "value": 50, "year": 2030,
                                                         "text": f"≥ 50 ({i})"}]}
                  for i in range(n_indicators)]
    return {"format": "ontrack.plan", "format_version": 1, "id": "big", "title": {"en": title},
            "period": {"start": 2021, "end": 2030}, "base_year": 2020,
            "domains": [{"id": "d", "number": 1, "name": {"en": "Domain"},
                         "goals": [{"id": "d.1", "number": 1, "text": {"en": "Goal"}, "indicators": indicators}]}]}


def load(d: dict) -> ontrack.Plan:
    return ontrack.Plan.from_json(json.dumps(d))


@pytest.fixture(scope="module")
def national_evaluation():
    plan = ontrack.plans.kundulun_women_2021_2030()
    return plan, ontrack.evaluate(plan, ontrack.datasets.china_national_women_series(), as_of=2024)


def mmr_projection():
    return ontrack.project(MMR_YEARS, MMR_VALUES, model="log_linear", to=2030)


def svg_of(html: str) -> ET.Element:
    start = html.index("<svg")
    return ET.fromstring(html[start:html.index("</svg>", start) + len("</svg>")])


# -- what importing and showing costs --------------------------------------------------------------

def run_python(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout


def test_import_ontrack_imports_neither_pandas_nor_matplotlib():
    out = run_python("import sys, ontrack; print('pandas' in sys.modules, 'matplotlib' in sys.modules)")
    assert out.split() == ["False", "False"]


def test_html_reprs_import_neither_matplotlib_nor_pandas():
    code = """
import sys, ontrack
from ontrack import Series, Target
plan = ontrack.plans.kundulun_women_2021_2030()
e = ontrack.evaluate(plan, ontrack.datasets.china_national_women_series(), as_of=2024)
a = ontrack.assess([2016, 2017, 2018, 2019], [10, 12, 11, 13], Target.at_least(20, by=2030))
p = ontrack.project([2016, 2017, 2018, 2019], [10, 12, 11, 13])
for obj in (plan, plan.indicator("mmr"), p, a, e):
    assert obj._repr_html_().startswith('<div class="ontrack-repr">')
print('pandas' in sys.modules, 'matplotlib' in sys.modules)
"""
    assert run_python(code).split() == ["False", "False"]


# -- the sparkline ---------------------------------------------------------------------------------

def test_sparkline_is_svg_with_one_vertex_per_finite_point():
    svg = ET.fromstring(sparkline([2020, 2021, 2022, 2023], [1.0, float("nan"), 3.0, 2.0]))
    ns = "{http://www.w3.org/2000/svg}"
    (line,) = svg.findall(f"{ns}polyline")
    assert len(line.get("points").split()) == 3
    xs = [float(p.split(",")[0]) for p in line.get("points").split()]
    assert xs == sorted(xs) and 0 <= xs[0] < xs[-1] <= float(svg.get("width"))


def test_sparkline_draws_band_median_and_target_within_the_box():
    svg = ET.fromstring(sparkline([2020, 2021], [1.0, 2.0], forecast=([2022, 2023], [3, 4], [2, 2.5], [4, 6]),
                                  target=[5.0]))
    ns = "{http://www.w3.org/2000/svg}"
    assert len(svg.findall(f"{ns}polygon")) == 1 and len(svg.findall(f"{ns}line")) == 1
    assert len(svg.findall(f"{ns}polyline")) == 2  # observed and projected
    height = float(svg.get("height"))
    for el in svg.iter():
        for x, y in (p.split(",") for p in (el.get("points") or "").split()):
            assert 0 <= float(y) <= height


def test_sparkline_of_nothing_is_empty_and_of_a_constant_is_flat():
    assert sparkline([], []) == ""
    assert sparkline([2020], [float("inf")]) == ""
    ys = {p.split(",")[1] for p in ET.fromstring(sparkline([2020, 2021, 2022], [5, 5, 5]))
          .find("{http://www.w3.org/2000/svg}polyline").get("points").split()}
    assert len(ys) == 1


# -- bounded and escaped -----------------------------------------------------------------------------

def test_plan_repr_of_10000_indicators_is_a_short_summary():
    plan = load(plan_dict(10_000))
    html = plan._repr_html_()
    assert "10,000 indicators" in html and "10,000 targets" in html
    assert f"… and {10_000 - MAX_ROWS:,} more indicators" in html
    assert html.count("<tr>") == MAX_ROWS + 1  # header and the first rows only
    assert "ind_0<" in html and f"ind_{MAX_ROWS}<" not in html
    assert len(html) < 10_000


def test_small_plan_repr_has_no_more_line():
    html = load(plan_dict(3))._repr_html_()
    assert "more indicators" not in html and html.count("<tr>") == 4


def test_untrusted_text_is_escaped_everywhere():
    d = plan_dict(2, name=SCRIPT, title=SCRIPT)
    d["domains"][0]["goals"][0]["indicators"][0]["unit"] = "<b>u</b>"
    d["domains"][0]["goals"][0]["indicators"][0]["targets"][0]["text"] = SCRIPT
    plan = load(d)
    for html in (plan._repr_html_(), plan.indicator("ind_0")._repr_html_()):
        assert "<script>" not in html and "<b>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_plan_repr_shows_a_sparkline_for_an_indicator_with_data():
    d = plan_dict(2)
    d["series"] = [{"indicator": "ind_1", "observations": [{"year": y, "value": v}
                                                           for y, v in [(2020, 40), (2021, 42), (2022, 45)]]}]
    html = load(d)._repr_html_()
    assert html.count("<svg") == 1 and "1 series" in html


def test_indicator_repr_lists_targets_boundedly():
    d = plan_dict(1)
    d["domains"][0]["goals"][0]["indicators"][0]["targets"] = [
        {"kind": "at_least", "value": 50 + i % 40, "year": 2030, "text": f"t{i}"} for i in range(25)]
    html = load(d).indicator("ind_0")._repr_html_()
    assert "25 targets" in html and f"… and {25 - MAX_ROWS} more targets" in html
    assert "bounds [0, 100]" in html


def test_projection_repr_summarises_and_draws_the_fan():
    p = mmr_projection()
    html = p._repr_html_()
    lo, hi = p.interval(2030)
    assert "log_linear" in html and f"{p.predict(2030):.4g}" in html and f"[{lo:.4g}, {hi:.4g}]" in html
    svg = svg_of(html)
    assert svg.find("{http://www.w3.org/2000/svg}polygon") is not None  # the band


def test_failed_projection_repr_says_why():
    p = ontrack.project([2018, 2019, 2020], [1.0, -1.0, 2.0], model="log_linear")
    assert not p.ok
    html = p._repr_html_()
    assert p.status in html and "<svg" in html


def test_assessment_repr_shows_status_probability_and_escaped_warnings():
    a = ontrack.assess(MMR_YEARS, MMR_VALUES, Target.at_most(12, by=2030))
    html = a._repr_html_()
    assert "on track" in html and "预计达标" in html and f"{a.p_meet:.1%}" in html
    assert a.warnings and all(w.code for w in a.warnings)
    assert "the target&#x27;s edge" in html  # the warning's apostrophe, escaped
    svg_of(html)


def test_evaluation_repr_is_bounded_and_lists_assessable_targets_first(national_evaluation):
    _, e = national_evaluation
    html = e._repr_html_()
    assert f"{len(e.rows)} targets" in html and "achievement rate" in html
    assert f"… and {len(e.rows) - MAX_ROWS} more targets" in html
    assert html.count("<tr>") == MAX_ROWS + 1
    assessable = [r["key"] for r in e.rows if r["status"] != "not_assessable"]
    for key in assessable[:MAX_ROWS]:
        assert f">{key}<" in html
    assert f"{len(e.warnings)} early warnings" in html and f"… and {len(e.warnings) - 5} more warnings" in html


def test_evaluation_view_on_national_figures_says_so_and_so_do_its_charts(national_evaluation):
    _, e = national_evaluation
    assert e.stand_in == ("national (China) figure standing in for district data",)
    html = e._repr_html_()
    assert ("Note: the data in this report are national (China) figures, standing in for district data"
            in html)
    charts = [svg_of(html[i:]) for i in range(len(html)) if html.startswith("<svg", i)]
    assert charts and all(c.get("aria-label").endswith("trend (national stand-in)") for c in charts)
    assert all(c.find("{http://www.w3.org/2000/svg}title").text == c.get("aria-label") for c in charts)


def test_evaluation_view_on_district_data_has_no_stand_in_label():
    plan = ontrack.plans.kundulun_women_2021_2030()
    district = Series()
    district.indicator = "mmr"
    district.observations = [ontrack.Observation(y, v, source="Kundulun District Health Commission")
                             for y, v in zip(MMR_YEARS, MMR_VALUES)]
    e = ontrack.evaluate(plan, [district], as_of=2024)
    html = e._repr_html_()
    assert e.stand_in == () and "standing in" not in html and "stand-in" not in html


# -- tables ---------------------------------------------------------------------------------------

def test_plan_and_indicator_frames_have_one_row_per_target(kundulun):
    frame = kundulun.to_frame()
    # An indicator without targets (the plan has a few) keeps one row, its target columns empty.
    assert len(frame) == sum(max(1, len(i.targets)) for i in kundulun.indicators())
    assert frame.kind.isna().sum() == sum(not i.targets for i in kundulun.indicators()) > 0
    assert kundulun.to_pandas().equals(frame)
    mmr = frame[frame.indicator == "mmr"]
    assert list(mmr.target_index) == [0, 1, 2] and mmr.iloc[0].value == 12 and mmr.iloc[0].year == 2030
    assert mmr.iloc[0].domain == "health" and mmr.iloc[0].reading.startswith("≤ 12")
    ind = kundulun.indicator("mmr").to_frame()
    assert list(ind.kind) == list(mmr.kind) and list(ind.text) == list(mmr.text)


def test_projection_frame_holds_history_and_projection():
    p = mmr_projection()
    f = p.to_frame()
    assert list(f.index) == MMR_YEARS + list(range(2025, 2031))
    assert f.loc[MMR_YEARS, "value"].tolist() == MMR_VALUES
    assert f.loc[2030, "median"] == pytest.approx(p.predict(2030))
    assert (f.loc[2030, "lower"], f.loc[2030, "upper"]) == pytest.approx(p.interval(2030))
    assert f.loc[2024, "median"] != f.loc[2024, "median"]  # NaN: 2024 is observed, not projected
    assert p.to_pandas().equals(f)


def test_projection_frame_when_the_deadline_is_the_last_year():
    p = ontrack.project([2020, 2021, 2022, 2023], [1.0, 2.0, 2.5, 3.5], model="linear", to=2023)
    f = p.to_frame()
    assert list(f.index) == [2020, 2021, 2022, 2023]
    assert f.loc[2023, "value"] == 3.5 and f.loc[2023, "median"] == pytest.approx(p.predict(2023))


def test_assessment_frame_is_one_row():
    a = ontrack.assess(MMR_YEARS, MMR_VALUES, Target.at_most(12, by=2030))
    f = a.to_frame()
    assert len(f) == 1 and f.loc[0, "status"] == a.status and f.loc[0, "p_meet"] == a.p_meet
    assert f.loc[0, "projected_value"] == a.components["projected_value"]
    assert f.loc[0, "warnings"] == ",".join(w.code for w in a.warnings)


def test_evaluation_to_pandas_is_to_frame(national_evaluation):
    _, e = national_evaluation
    assert e.to_pandas().equals(e.to_frame())


# -- the projection an assessment carries (never refitted) ------------------------------------------

def drawn_band(ax):
    """``{year: (lower, upper)}`` of the one band drawn on ``ax``."""
    from matplotlib.collections import PolyCollection

    bands = [c for c in ax.collections if isinstance(c, PolyCollection) and "interval" in c.get_label()]
    assert len(bands) == 1
    edges = {}
    for x, y in bands[0].get_paths()[0].vertices:
        edges.setdefault(int(x), set()).add(float(y))
    return {year: (min(ys), max(ys)) for year, ys in edges.items()}


def test_evaluation_projection_is_the_recorded_one(national_evaluation):
    plan, e = national_evaluation
    checked = 0
    for r in e.rows:
        c = r["components"]
        if "projected_value_lower" not in c or r["projection"] is None:
            continue
        p = e.projection(r["indicator"], r["target_index"])
        median, lower, upper = p.at(r["deadline"])
        assert (lower, upper) == (c["projected_value_lower"], c["projected_value_upper"])
        assert p.level == e.to_dict()["parameters"]["ontrack"]["level"]
        assert list(p.to_frame().index) == p.years and p.years[-1] == r["deadline"]
        checked += 1
    assert checked >= 5


def test_the_notebook_chart_draws_the_judged_band():
    a = ontrack.assess(MMR_YEARS, MMR_VALUES, Target.at_most(12, by=2030))
    p = a.projection()
    band = drawn_band(a.plot())
    # The fan opens at the latest observation, then follows the carried path year by year.
    assert band[MMR_YEARS[-1]] == (MMR_VALUES[-1], MMR_VALUES[-1])
    assert p.years == list(range(2025, 2031)) and sorted(band) == [2024] + p.years
    assert [band[y] for y in p.years] == [(lo, hi) for lo, hi in zip(p.lower, p.upper)]
    assert band[2030] == (a.components["projected_value_lower"], a.components["projected_value_upper"])


def test_assessed_projection_outside_its_path_names_the_years():
    p = ontrack.assess(MMR_YEARS, MMR_VALUES, Target.at_most(12, by=2030)).projection()
    with pytest.raises(ontrack.NotFoundError, match=f"year 2040 is not projected: the path covers {p.years[0]}–2030"):
        p.at(2040)


def test_projection_errors_name_the_target_and_the_rule(national_evaluation):
    _, e = national_evaluation
    not_assessed = next(r for r in e.rows if r["projection"] is None)
    with pytest.raises(ontrack.InvalidInputError, match=f"target {not_assessed['key']} has no projection"):
        e.projection(not_assessed["indicator"], not_assessed["target_index"])
    with pytest.raises(ontrack.NotFoundError):
        e.projection("mmr", 7)
    with pytest.raises(ontrack.InvalidInputError, match="of plan 'kundulun-women-2021-2030', not 'big'"):
        e.plot("mat_sys_mgmt", plan=load(plan_dict(1)))


# -- fan charts -------------------------------------------------------------------------------------

def drawn_labels(ax) -> set:
    return {h.get_label() for h in ax.get_legend_handles_labels()[0]} | set(ax.get_legend_handles_labels()[1])


def test_projection_plot_draws_on_the_axes_given_or_a_new_one():
    from matplotlib.figure import Figure

    p = mmr_projection()
    ax = Figure().add_subplot()
    assert p.plot(ax=ax) is ax
    assert "Projection" in drawn_labels(ax)
    new = p.plot(target=Target.at_most(12, by=2030), title="MMR")
    assert new is not ax and new.get_title(loc="left") == "MMR" and "Target" in drawn_labels(new)


def test_assessment_and_evaluation_plot(national_evaluation):
    plan, e = national_evaluation
    target = Target.at_most(12, by=2030)
    ax = ontrack.assess(MMR_YEARS, MMR_VALUES, target).plot(language="zh")
    assert "目标值" in drawn_labels(ax)
    ax = e.plot("mmr", plan=plan)
    assert ax.get_title(loc="left") == "Maternal mortality ratio" and "Target" in drawn_labels(ax)
    assert ax.get_ylabel() == plan.indicator("mmr").unit
    assert e.plot("mmr").get_title(loc="left") == "mmr#0"


def test_plan_parts_print_readably():
    plan = ontrack.plans.kundulun_women_2021_2030()
    mmr = plan.indicator("mmr")
    assert repr(mmr.targets[0]) == "<Target at_most 12 by 2030>"
    assert repr(mmr) == "<Indicator mmr '孕产妇死亡率' (per 100,000 live births): 3 targets>"
    domain = plan.domains[0]
    assert repr(domain).startswith(f"<Domain 1 '{domain.name.zh}': {len(domain.goals)} goals, ")
    assert repr(domain.goals[0]) == f"<Goal {domain.goals[0].id}: {len(domain.goals[0].indicators)} indicators>"
    series = next(s for s in ontrack.datasets.china_national_women_series() if s.indicator == "mmr"
                  and not s.disaggregation)
    years = list(series.years())
    assert repr(series) == f"<Series mmr {min(years)}–{max(years)}, {len(years)} values>"
    band = [t for i in plan.indicators() for t in i.targets if t.kind.name == "about"][0]
    assert repr(band) == "<Target about 45 ±2 2021–2030>"


def test_plan_from_dict_and_no_stray_names():
    import json

    plan = ontrack.plans.kundulun_women_2021_2030()
    again = ontrack.Plan.from_dict(json.loads(plan.to_json()))
    assert again.to_json() == plan.to_json()
    assert "annotations" not in dir(ontrack)


def test_project_reads_a_pandas_series_and_summarises():
    pd = pytest.importorskip("pandas")
    import numpy as np

    series = pd.Series([10, np.nan, 12, 13, 14.5], index=[2016, 2017, 2018, 2019, 2020])
    p = ontrack.project(series, model="linear", to=2030)
    assert list(p.years) == [2016, 2018, 2019, 2020]  # the NaN year is missing, not an error
    # OLS on (2016, 10), (2018, 12), (2019, 13), (2020, 14.5): slope 1.1 (hand-computed).
    assert p.params["slope"] == pytest.approx(1.1)
    text = p.summary()
    assert text.startswith("Projection: linear") and "slope" in text and "2030: 25.3 [" in text
    two = ontrack.project([2019, 2020], [1, 2], model="linear", to=2030)
    assert "no interval: only 2 points" in two.summary()
    assert repr(two).endswith("no interval>")

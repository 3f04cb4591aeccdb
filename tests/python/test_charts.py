"""ontrack.charts: the fan chart shared by notebooks and reports."""

import re
import subprocess
import sys

import numpy as np
import pytest

import ontrack
from ontrack.charts import fan_chart, figure_to_svg, series_chart

pytest.importorskip("matplotlib")


@pytest.fixture(scope="module")
def projection():
    return ontrack.project([2016, 2017, 2018, 2021, 2022, 2023, 2024], [91.6, 89.6, 89.9, 92.9, 93.6, 94.5, 94.9],
                           model="logit", to=2030, bounds=(0, 100))


@pytest.fixture(scope="module")
def indicator():
    return ontrack.plans.kundulun_women_2021_2030().indicator("mat_sys_mgmt")


def test_import_ontrack_needs_no_plotting_or_report_library():
    code = ("import sys, ontrack; bad = [m for m in ('matplotlib', 'jinja2', 'openpyxl') if m in sys.modules];"
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == ""


def test_fan_chart_draws_history_fit_projection_bands_and_target(projection, indicator):
    ax = fan_chart(projection, target=indicator.targets, indicator=indicator, language="en")
    labels = ax.get_legend_handles_labels()[1]
    assert labels == ["Observed", "Fitted trend", "95% prediction interval", "80% prediction interval",
                      "Projection", "Target"]
    # The projection line ends at the deadline on the projected median.
    line = next(line for line in ax.get_lines() if line.get_label() == "Projection")
    assert line.get_xdata()[-1] == 2030
    assert line.get_ydata()[-1] == pytest.approx(projection.predict(2030))
    # The 95% band is wider than the 80% band at the deadline.
    bands = [c for c in ax.collections if "interval" in c.get_label()]
    tops = [c.get_paths()[0].vertices[:, 1].max() for c in bands]
    assert tops[0] > tops[1]
    assert ax.get_ylabel() == "%"
    # Made without pyplot: no figure is registered in pyplot's global state.
    assert "matplotlib.pyplot" not in sys.modules or not sys.modules["matplotlib.pyplot"].get_fignums()


def test_fan_chart_marks_an_interim_target_as_midterm(projection):
    midterm = ontrack.Target.at_least(93, by=2025, interim=True)
    final = ontrack.Target.at_least(95, by=2030)
    ax = fan_chart(projection, target=[midterm, final], language="zh")
    labels = ax.get_legend_handles_labels()[1]
    assert "中期目标" in labels and "目标值" in labels
    diamond = next(line for line in ax.get_lines() if line.get_label() == "中期目标")
    assert list(diamond.get_xdata()) == [2025] and list(diamond.get_ydata()) == [93]


def test_fan_chart_draws_into_given_axes_and_rejects_unknown_language(projection):
    from matplotlib.figure import Figure

    figure = Figure()
    ax = figure.add_subplot()
    assert fan_chart(projection, ax, title="t") is ax
    with pytest.raises(ValueError, match="language"):
        fan_chart(projection, language="fr")


def test_projection_that_failed_shows_the_observations_and_why():
    failed = ontrack.project([2020, 2021, 2022], [1.0, 2.0, 0.0], model="log_linear", to=2030)
    assert not failed.ok
    ax = fan_chart(failed, language="en")
    assert "No projection" in " ".join(t.get_text() for t in ax.texts)
    assert [line.get_label() for line in ax.get_lines()] == ["Observed"]


def test_svg_escapes_plan_text_and_keeps_chinese_as_text(projection, indicator):
    ax = fan_chart(projection, indicator=indicator, title="孕产妇 <script>alert(1)</script> & co",
                   language="zh")
    svg = figure_to_svg(ax.figure, id_salt="x")
    assert svg.startswith("<svg") and "<?xml" not in svg
    assert "<script" not in svg
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in svg
    assert "孕产妇" in svg and "Noto Sans CJK SC" in svg
    assert 'width="' not in svg.split(">", 1)[0]  # sized by CSS, proportions by the viewBox


def test_svg_ids_differ_between_charts(projection):
    a = figure_to_svg(fan_chart(projection).figure, id_salt="a")
    b = figure_to_svg(fan_chart(projection).figure, id_salt="b")
    ids_a, ids_b = (set(re.findall(r'<clipPath id="([^"]+)"', svg)) for svg in (a, b))
    assert ids_a and not ids_a & ids_b


def test_series_chart_for_unprojected_data():
    ax = series_chart(np.array([2024]), np.array([46.7]), target=ontrack.Target.at_least(50, by=2030),
                      note="one point", language="en")
    texts = [t.get_text() for t in ax.texts]
    assert "Deadline 2030" in texts and "one point" in texts
    assert ax.get_legend_handles_labels()[1] == ["Observed", "Target"]

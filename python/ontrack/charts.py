"""Charts of projections: the fan chart used by notebooks (``.plot()``) and by the reports.

``fan_chart`` draws a series' history, its fitted trend, the projection with its 80 % and 95 %
prediction bands, and a target's line or band, deadline and mid-term value. ``series_chart``
draws the same frame for data that could not be projected. ``figure_to_svg`` turns a figure into
SVG markup for embedding in HTML.

matplotlib is imported inside the functions, so ``import ontrack`` never needs it, and figures
are made with ``matplotlib.figure.Figure`` rather than pyplot: nothing is registered in pyplot's
global figure list, and a figure is freed as soon as it is no longer referenced.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np

from ._core import Indicator, Scale, Target, TargetKind

if TYPE_CHECKING:  # matplotlib is imported only when a chart is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    from .projection import Projection

__all__ = ["BAND_LEVELS", "FONT_FAMILIES", "assessment_chart", "fan_chart", "figure_to_png", "figure_to_svg", "font_families", "series_chart"]

#: Prediction-band levels drawn around a projection, widest first (drawn underneath).
BAND_LEVELS: Tuple[float, ...] = (0.95, 0.80)

#: Font families tried in order: CJK-capable sans-serif faces first (Chinese names and labels),
#: DejaVu Sans (matplotlib's own) last. Only the installed ones are used.
FONT_FAMILIES: Tuple[str, ...] = (
    "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "WenQuanYi Zen Hei", "DejaVu Sans",
)

_COLOURS = {
    "observed": "#1f2933",
    "fitted": "#7b8794",
    "projection": "#1c5d99",
    "target": "#b83227",
    "midterm": "#b7791f",
    "deadline": "#52606d",
}

_WORDS = {
    "en": {
        "observed": "Observed", "fitted": "Fitted trend", "projection": "Projection",
        "band": "{level:.0%} prediction interval", "target": "Target", "deadline": "Deadline {year}",
        "midterm": "Mid-term target", "year": "Year", "no_projection": "No projection: {reason}",
        "baseline": "Baseline {year}",
    },
    "zh": {
        "observed": "实际值", "fitted": "拟合趋势", "projection": "预测",
        "band": "{level:.0%}预测区间", "target": "目标值", "deadline": "目标年份 {year}",
        "midterm": "中期目标", "year": "年份", "no_projection": "无法预测：{reason}",
        "baseline": "基期值 {year}",
    },
}

TargetArg = Union[Target, Iterable[Target], None]
Numbers = Union[Sequence[float], np.ndarray]


def font_families() -> List[str]:
    """The installed members of :data:`FONT_FAMILIES`, in order (DejaVu Sans at least)."""
    from matplotlib import font_manager

    installed = {font.name for font in font_manager.fontManager.ttflist}
    return [family for family in FONT_FAMILIES if family in installed] or ["DejaVu Sans"]


def _words(language: str) -> Dict[str, str]:
    if language not in _WORDS:
        raise ValueError(f"language {language!r}: expected 'zh' or 'en'")
    return _WORDS[language]


def _new_axes() -> "Axes":
    from matplotlib.figure import Figure

    figure = Figure(figsize=(7.2, 3.6), layout="constrained")
    return figure.add_subplot()


def _targets(target: TargetArg) -> List[Target]:
    if target is None:
        return []
    if isinstance(target, Target):
        return [target]
    return list(target)


def _level(target: Target, indicator: Optional[Indicator]) -> Optional[Tuple[float, float]]:
    """The range a level target asks for, as (lower, upper); None for trend kinds."""
    kind, value = target.kind, target.value
    if kind in (TargetKind.at_least, TargetKind.maintain_at_least) and value is not None:
        return value, math.inf
    if kind in (TargetKind.at_most, TargetKind.maintain_at_most) and value is not None:
        return -math.inf, value
    if kind == TargetKind.about and value is not None:
        below = target.tolerance_below if target.tolerance_below is not None else (target.tolerance or 0.0)
        above = target.tolerance_above if target.tolerance_above is not None else (target.tolerance or 0.0)
        return value - below, value + above
    if kind == TargetKind.ratio and target.numerator is None and target.denominator is None and value is not None:
        return (value, math.inf) if target.comparator is None or target.comparator.name == "at_least" else (-math.inf, value)
    if kind == TargetKind.full_coverage:
        full = 1.0 if indicator is not None and indicator.scale == Scale.binary else 100.0
        return full - (target.tolerance or 0.0), math.inf
    return None


def _draw_target(ax: "Axes", target: Target, indicator: Optional[Indicator], deadline: int,
                 words: Dict[str, str], fonts: List[str], labelled: Dict[str, bool]) -> None:
    """One target: its level (line or band, over its window when it has one), its deadline,
    or — for an interim target — a mid-term marker."""
    def label(key: str, text: str) -> Optional[str]:
        if labelled.get(key):
            return None
        labelled[key] = True
        return text

    year = target.deadline(deadline)
    level = _level(target, indicator)
    if target.interim:
        if level is not None:
            value = level[0] if math.isfinite(level[0]) else level[1]
            ax.plot([year], [value], marker="D", markersize=7, linestyle="none", color=_COLOURS["midterm"],
                    zorder=5, label=label("midterm", words["midterm"]))
        ax.axvline(year, color=_COLOURS["midterm"], linewidth=0.8, linestyle=":", zorder=1)
        return
    if level is not None:
        lower, upper = level
        window = (target.start, target.end) if target.start is not None and target.end is not None else None
        if math.isfinite(lower) and math.isfinite(upper):
            if window is not None:
                ax.fill_between(window, lower, upper, color=_COLOURS["target"], alpha=0.12, linewidth=0,
                                label=label("target", words["target"]))
            else:
                ax.axhspan(lower, upper, color=_COLOURS["target"], alpha=0.12, linewidth=0,
                           label=label("target", words["target"]))
        else:
            value = lower if math.isfinite(lower) else upper
            if window is not None:
                ax.hlines(value, *window, colors=_COLOURS["target"], linewidth=1.6, linestyles="--",
                          label=label("target", words["target"]) or "_nolegend_")
            else:
                ax.axhline(value, color=_COLOURS["target"], linewidth=1.6, linestyle="--",
                           label=label("target", words["target"]))
    ax.axvline(year, color=_COLOURS["deadline"], linewidth=0.9, linestyle=":", zorder=1)
    ax.annotate(words["deadline"].format(year=year), xy=(year, 1.0), xycoords=("data", "axes fraction"),
                xytext=(-3, -3), textcoords="offset points", ha="right", va="top", fontsize=7.5,
                color=_COLOURS["deadline"], fontfamily=fonts)


def _frame(ax: "Axes", indicator: Optional[Indicator], title: Optional[str], words: Dict[str, str],
           fonts: List[str]) -> None:
    """Title, axis labels, grid and legend, in a CJK-capable font set on each text (never
    through global rcParams)."""
    from matplotlib.font_manager import FontProperties
    from matplotlib.ticker import MaxNLocator

    if title:
        ax.set_title(title, loc="left", fontsize=11, fontfamily=fonts)
    ax.set_xlabel(words["year"], fontfamily=fonts, fontsize=9)
    if indicator is not None and indicator.unit:
        ax.set_ylabel(indicator.unit, fontfamily=fonts, fontsize=9)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(True, axis="y", color="#d9dee3", linewidth=0.6)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.tick_params(labelsize=8.5)
    for tick in ax.get_xticklabels() + ax.get_yticklabels():
        tick.set_fontfamily(fonts)
    if ax.get_legend_handles_labels()[0]:
        # Below the plot area, so it never hides the data or the fan.
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=4, frameon=False,
                  prop=FontProperties(family=fonts, size=8))


def _draw_history(ax: "Axes", years: Numbers, values: Numbers, words: Dict[str, str]) -> None:
    ax.plot(years, values, color=_COLOURS["observed"], marker="o", markersize=4, linewidth=1.2, zorder=4,
            label=words["observed"])


def series_chart(years: Numbers, values: Numbers, ax: Optional["Axes"] = None, *,
                 target: TargetArg = None, indicator: Optional[Indicator] = None, title: Optional[str] = None,
                 note: Optional[str] = None, language: str = "en") -> "Axes":
    """The observations alone (no projection could be made), with the targets; ``note`` says
    why, under the title."""
    words = _words(language)
    ax = ax if ax is not None else _new_axes()
    _draw_history(ax, list(years), list(values), words)
    fonts = font_families()
    labelled: Dict[str, bool] = {}
    last = int(max(years)) if len(years) else 0
    for t in _targets(target):
        _draw_target(ax, t, indicator, last, words, fonts, labelled)
    if note:
        ax.text(0.01, 0.02, note, transform=ax.transAxes, fontsize=8, color=_COLOURS["deadline"],
                fontfamily=fonts, va="bottom")
    _frame(ax, indicator, title, words, fonts)
    return ax


def fan_chart(projection: "Projection", ax: Optional["Axes"] = None, *, target: TargetArg = None,
              indicator: Optional[Indicator] = None, title: Optional[str] = None,
              language: str = "en") -> "Axes":
    """Draws a projection as a fan chart and returns the axes.

    History (points), fitted trend (dashed), projection (line) to the projection's deadline with
    its 80 % and 95 % prediction bands; ``target`` (an :class:`ontrack.Target`, or several, e.g.
    an indicator's interim and final targets) adds its line or band over its window, its
    deadline, and an interim target's mid-term value as a diamond; ``indicator`` labels the value
    axis with its unit. ``language`` (``"en"`` or ``"zh"``) is that of the legend and labels.
    With ``ax=None`` a new :class:`matplotlib.figure.Figure` is made (``ax.figure``).
    A projection whose status is not ok shows the observations and its reason.
    """
    words = _words(language)
    if not projection.ok:
        return series_chart(projection.years, projection.values, ax, target=target, indicator=indicator,
                            title=title, language=language,
                            note=words["no_projection"].format(reason=projection.reason or projection.status))
    ax = ax if ax is not None else _new_axes()
    years = np.asarray(projection.years, dtype=float)
    _draw_history(ax, years, projection.values, words)
    ax.plot(years, projection.fitted, color=_COLOURS["fitted"], linestyle="--", linewidth=1.0, zorder=3,
            label=words["fitted"])
    ahead = np.asarray([y for y in projection.forecast_years if y > projection.last_year], dtype=float)
    if ahead.size:
        # The fan opens at the last fitted value, so the projection visibly continues the trend.
        anchor_year, anchor_value = float(projection.last_year), float(projection.fitted[-1])
        line_years = np.concatenate(([anchor_year], ahead))
        for level, alpha in zip(BAND_LEVELS, (0.15, 0.30)):
            bounds = np.asarray(projection.interval(ahead.astype(int), level), dtype=float)
            if np.all(np.isfinite(bounds)):
                ax.fill_between(line_years, np.concatenate(([anchor_value], bounds[:, 0])),
                                np.concatenate(([anchor_value], bounds[:, 1])), color=_COLOURS["projection"],
                                alpha=alpha, linewidth=0, label=words["band"].format(level=level))
        ax.plot(line_years, np.concatenate(([anchor_value], projection.predict(ahead.astype(int)))),
                color=_COLOURS["projection"], linewidth=1.8, zorder=4, label=words["projection"])
    fonts = font_families()
    labelled: Dict[str, bool] = {}
    for t in _targets(target):
        _draw_target(ax, t, indicator, projection.deadline, words, fonts, labelled)
    _frame(ax, indicator, title, words, fonts)
    return ax


def assessment_chart(observed: Tuple[Sequence[int], Sequence[float]], projection: Optional[Mapping[str, Any]],
                     *, judged: Tuple[Optional[float], Optional[float]], deadline: int, span: Tuple[int, int],
                     baseline: Optional[Tuple[int, float]] = None, unit: str = "", title: Optional[str] = None,
                     note: Optional[str] = None, language: str = "en", ax: Optional["Axes"] = None,
                     parts: Sequence[Tuple[str, Sequence[int], Sequence[float]]] = (), parts_unit: str = "") -> "Axes":
    """What an assessment judged: the observations of the assessed series (for a gap target the
    gap, for a ratio the ratio), the projection the assessment made (``projection``: its
    ``years``, ``median``, ``lower``, ``upper`` and ``level``, as an evaluation row carries it —
    never refitted here), the range the target allows in its year (``judged``: lower and upper,
    None for an open side), its baseline and its deadline. ``span`` is the plan period; the axes
    cover it and the data, nothing more. A projection without a band is not drawn: a line
    without its uncertainty would claim more than the assessment knows; ``note`` says why. With
    ``ax=None`` a new figure is made. ``parts`` (name, years, values) are the series a derived one
    is made of (a relative target's indicator and reference, a ratio's numerator and
    denominator): a new figure then shows them in a panel above the judged series, on the same
    years, with ``parts_unit`` on its value axis."""
    words = _words(language)
    if ax is None and parts:
        from matplotlib.figure import Figure

        figure = Figure(figsize=(7.2, 5.6), layout="constrained")
        top, ax = figure.subplots(2, 1, sharex=True, height_ratios=(1, 1.3))
        _draw_parts(top, parts, parts_unit, words, font_families())
    ax = ax if ax is not None else _new_axes()
    years, values = [int(y) for y in observed[0]], [float(v) for v in observed[1]]
    fonts = font_families()
    if years:
        _draw_history(ax, years, values, words)
    if projection is not None:
        ahead = [(int(y), m, lo, hi) for y, m, lo, hi in zip(projection["years"], projection["median"],
                                                                projection["lower"], projection["upper"])
                 if None not in (m, lo, hi)]
        if ahead and years:  # the fan opens at the latest observation, which it continues
            latest = max(range(len(years)), key=years.__getitem__)
            ahead.insert(0, (years[latest], values[latest], values[latest], values[latest]))
        if len(ahead) > 1:
            xs = [y for y, *_ in ahead]
            ax.fill_between(xs, [lo for *_, lo, _ in ahead], [hi for *_, hi in ahead], color=_COLOURS["projection"],
                            alpha=0.22, linewidth=0, label=words["band"].format(level=float(projection["level"])))
            ax.plot(xs, [m for _, m, *_ in ahead], color=_COLOURS["projection"], linewidth=1.8, zorder=4,
                    label=words["projection"])
    lower, upper = judged
    if lower is not None and upper is not None:
        ax.axhspan(lower, upper, color=_COLOURS["target"], alpha=0.12, linewidth=0, label=words["target"])
    else:
        edge = lower if lower is not None else upper
        if edge is not None:
            ax.axhline(edge, color=_COLOURS["target"], linewidth=1.6, linestyle="--", label=words["target"])
    if baseline is not None:
        ax.plot([baseline[0]], [baseline[1]], marker="s", markersize=7, linestyle="none", color=_COLOURS["midterm"],
                zorder=5, label=words["baseline"].format(year=baseline[0]))
    ax.axvline(deadline, color=_COLOURS["deadline"], linewidth=0.9, linestyle=":", zorder=1)
    ax.annotate(words["deadline"].format(year=deadline), xy=(deadline, 1.0), xycoords=("data", "axes fraction"),
                xytext=(-3, -3), textcoords="offset points", ha="right", va="top", fontsize=7.5,
                color=_COLOURS["deadline"], fontfamily=fonts)
    first = min([span[0], *years])
    ax.set_xlim(first - 0.5, max(span[1], deadline) + 0.5)
    if note:
        ax.text(0.01, 0.02, note, transform=ax.transAxes, fontsize=8, color=_COLOURS["deadline"],
                fontfamily=fonts, va="bottom", wrap=True)
    _frame(ax, None, title, words, fonts)
    if unit:
        ax.set_ylabel(unit, fontfamily=fonts, fontsize=9)
    return ax


_PART_COLOURS = ("#1f2933", "#b7791f")


def _draw_parts(ax: "Axes", parts: Sequence[Tuple[str, Sequence[int], Sequence[float]]], unit: str,
                words: Dict[str, str], fonts: List[str]) -> None:
    for (name, years, values), colour in zip(parts, _PART_COLOURS):
        ax.plot([int(y) for y in years], [float(v) for v in values], color=colour, marker="o", markersize=4,
                linewidth=1.2, label=name)
    _frame(ax, None, None, words, fonts)
    ax.set_xlabel("")
    if unit:
        ax.set_ylabel(unit, fontfamily=fonts, fontsize=9)
    ax.legend(loc="best", frameon=False, prop={"family": fonts, "size": 8})


def figure_to_svg(figure: "Figure | SubFigure", *, id_salt: str = "", title: str = "") -> str:
    """The figure as an ``<svg>`` element for inline HTML (no XML prolog, scalable width).

    Text stays text (``svg.fonttype: none``): the browser renders Chinese with its own fonts, and
    matplotlib's SVG writer escapes it, so plan wording can never become markup. ``id_salt``
    makes the ids of clip paths and markers unique when several charts share one page. The
    settings apply inside a ``rc_context`` only; the figure is not closed (the caller owns it).
    ``figure`` may be ``ax.figure`` of a chart drawn into a subfigure: its whole figure is saved.
    ``title`` becomes the SVG's ``<title>`` and accessible label (escaped: it is plan wording).
    """
    import html
    import io

    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": id_salt or None}):
        figure.figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    start = svg.index("<svg")
    svg = _scalable(svg[start:])
    if title:
        head_end = svg.index(">")
        label = html.escape(title, quote=True)
        svg = f'{svg[:head_end]} role="img" aria-label="{label}">' + f"<title>{label}</title>" + svg[head_end + 1:]
    return svg


def figure_to_png(figure: "Figure | SubFigure", *, dpi: int = 200) -> bytes:
    """The figure as PNG bytes (for documents that embed images, such as Word)."""
    import io

    buffer = io.BytesIO()
    figure.figure.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def _scalable(svg: str) -> str:
    """Drops the fixed width and height (in pt) of the root element so CSS sizes the chart; the
    viewBox keeps its proportions."""
    import re

    head_end = svg.index(">")
    head = re.sub(r'\s(width|height)="[^"]*"', "", svg[:head_end], count=2)
    return head + svg[head_end:]


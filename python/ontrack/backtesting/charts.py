"""Charts of a backtest: the reliability diagram of P(meet), interval coverage by horizon and
the PIT histogram. Drawn on ``matplotlib.figure.Figure`` (never pyplot), as ontrack.charts does."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..charts import font_families

if TYPE_CHECKING:
    import pandas
    from matplotlib.axes import Axes

__all__ = ["coverage_by_horizon", "pit_chart", "reliability_diagram"]

_NOMINAL = "#7b8794"
_OBSERVED = "#1c5d99"


def _axes(ax: Optional["Axes"]) -> "Axes":
    if ax is not None:
        return ax
    import matplotlib
    from matplotlib.figure import Figure

    with matplotlib.rc_context({"font.family": font_families()}):
        figure = Figure(figsize=(5.0, 3.6), layout="constrained")
        return figure.add_subplot()


def reliability_diagram(table: "pandas.DataFrame", ax: Optional["Axes"] = None) -> "Axes":
    """Observed frequency against mean P(meet) per bin (dots sized by forecasts); the diagonal
    is perfect calibration."""
    ax = _axes(ax)
    ax.plot([0, 1], [0, 1], color=_NOMINAL, linestyle="--", linewidth=1, label="perfect calibration")
    filled = table[table["n"] > 0]
    sizes = 20 + 180 * filled["n"] / max(int(filled["n"].max()), 1) if len(filled) else []
    ax.scatter(filled["mean_probability"], filled["observed_frequency"], s=sizes, color=_OBSERVED,
               zorder=3, label="forecasts (area ∝ number)")
    ax.plot(filled["mean_probability"], filled["observed_frequency"], color=_OBSERVED, linewidth=1)
    ax.set(xlim=(0, 1), ylim=(0, 1), xlabel="forecast P(meet)", ylabel="observed frequency",
           title="Reliability of P(meet)")
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    return ax


def coverage_by_horizon(summary: "pandas.DataFrame", ax: Optional["Axes"] = None) -> "Axes":
    """Share of realised values inside the 80 % and 95 % intervals at each horizon, with the
    nominal levels as dashed lines."""
    ax = _axes(ax)
    for column, nominal, marker in (("coverage_95", 0.95, "o"), ("coverage_80", 0.80, "s")):
        ax.axhline(nominal, color=_NOMINAL, linestyle="--", linewidth=1)
        ax.plot(summary["horizon"], summary[column], marker=marker, label=f"{nominal:.0%} interval")
    ax.set(ylim=(0, 1.02), xlabel="horizon (years after the origin)", ylabel="coverage",
           title="Interval coverage by horizon")
    if len(summary):
        ax.set_xticks(list(summary["horizon"]))
    ax.legend(loc="lower left", fontsize=8, frameon=False)
    return ax


def pit_chart(histogram: "pandas.DataFrame", ax: Optional["Axes"] = None) -> "Axes":
    """The PIT histogram as shares per bin; a calibrated forecaster's is flat at 1/bins."""
    ax = _axes(ax)
    width = float(histogram["bin_upper"].iloc[0] - histogram["bin_lower"].iloc[0]) if len(histogram) else 0.1
    ax.bar(histogram["bin_lower"], histogram["share"], width=width, align="edge", color=_OBSERVED,
           edgecolor="white")
    ax.axhline(width, color=_NOMINAL, linestyle="--", linewidth=1, label="calibrated (flat)")
    ax.set(xlim=(0, 1), xlabel="PIT = forecast P(value ≤ realised)", ylabel="share of forecasts",
           title="PIT histogram")
    ax.legend(loc="upper center", fontsize=8, frameon=False)
    return ax

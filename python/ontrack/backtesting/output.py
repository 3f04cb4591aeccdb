"""The files and pages a backtest is shown in: tidy tables (CSV, Parquet), the charts (PNG,
SVG) and one HTML page, written into a directory that is never seen half-written."""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, Optional

from .._core import InvalidInputError
from ..charts import figure_to_svg
from ..report.output import staged_directory

if TYPE_CHECKING:
    import pandas

    from ..backtest import Backtest

__all__ = ["FORMATS", "html_page", "notebook_html", "tables", "write"]

#: Formats :meth:`ontrack.Backtest.write` accepts.
FORMATS = ("csv", "parquet", "png", "svg", "html")
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CHARTS = ("reliability", "coverage", "pit")


def tables(result: "Backtest") -> Dict[str, "pandas.DataFrame"]:
    """The tables written, by file stem."""
    out = {
        "forecasts": result.forecasts,
        "summary_by_horizon": result.summary("horizon"),
        "summary_by_model": result.summary("model"),
        "summary_by_series": result.summary("series"),
        "pit_histogram": result.pit_histogram(),
        "reliability": result.reliability(),
    }
    if len(result.sources):
        out["sources"] = result.sources
    if len(result.targets):
        out["targets"] = result.targets
        out["verdicts"] = result.verdicts()
        out["target_scores"] = result.target_scores()
    return out


def _inert(frame: "pandas.DataFrame") -> "pandas.DataFrame":
    """Text cells a spreadsheet would read as a formula get a leading apostrophe."""
    frame = frame.copy()
    for column in frame.columns:
        if frame[column].dtype == object or str(frame[column].dtype).startswith("str"):
            frame[column] = frame[column].map(
                lambda v: "'" + v if isinstance(v, str) and v.startswith(_FORMULA_STARTS) else v)
    return frame


def _chart_axes(result: "Backtest", name: str):  # type: ignore[no-untyped-def]
    return {"reliability": result.plot_reliability, "coverage": result.plot_coverage,
            "pit": result.plot_pit}[name]()


def write(result: "Backtest", directory: str, formats: List[str],
          extra: Dict[str, "pandas.DataFrame"]) -> List[str]:
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InvalidInputError(f"unknown format {unknown[0]!r}; accepted: {', '.join(FORMATS)}")
    written: List[str] = []
    with staged_directory(directory) as staging:
        for stem, frame in {**tables(result), **extra}.items():
            if "csv" in formats:
                _inert(frame).to_csv(staging / f"{stem}.csv", index=False)
                written.append(f"{stem}.csv")
            if "parquet" in formats:
                frame.to_parquet(staging / f"{stem}.parquet", index=False)
                written.append(f"{stem}.parquet")
        for name in _CHARTS:
            for fmt in ("png", "svg"):
                if fmt in formats:
                    ax = _chart_axes(result, name)
                    ax.figure.savefig(staging / f"{name}.{fmt}", format=fmt, dpi=150,
                                      metadata={"Date": None} if fmt == "svg" else None)
                    written.append(f"{name}.{fmt}")
        if "html" in formats:
            (staging / "backtest.html").write_text(html_page(result, extra), encoding="utf-8")
            written.append("backtest.html")
    return [str(Path(directory) / name) for name in written]


def _table(frame: "pandas.DataFrame") -> str:
    return frame.to_html(index=False, escape=True, na_rep="–", float_format=lambda v: f"{v:.3g}",
                         border=0, classes="backtest")


def _body(result: "Backtest", extra: Optional[Dict[str, "pandas.DataFrame"]] = None,
          sources: bool = True) -> str:
    overall = result.overall()
    title = "Backtest" + (f" of plan {result.plan_id}" if result.plan_id else "")
    parts = [f"<h2>{html.escape(title)}</h2>",
             f"<p>{overall['forecasts']} forecasts scored (rolling origins; each made from the values up "
             f"to its origin only). 80 % intervals covered {overall['coverage_80']:.0%} of the realised "
             f"values, 95 % intervals {overall['coverage_95']:.0%}; P(meet): Brier "
             f"{overall['brier']:.3f}, log score {overall['log_score']:.3f}, calibration error "
             f"{overall['ece']:.3f}.</p>",
             "<h3>By horizon</h3>", _table(result.summary("horizon")),
             "<h3>By model</h3>", _table(result.summary("model")),
             "<h3>By series</h3>", _table(result.summary("series"))]
    for salt, name in enumerate(_CHARTS):
        parts.append(f'<div class="chart">{figure_to_svg(_chart_axes(result, name).figure, id_salt=name + str(salt))}</div>')
    if len(result.targets):
        parts += ["<h3>Target verdicts against what happened by the deadline</h3>",
                  "<p>Each method's verdict as of each origin, counted by the eventual outcome "
                  "(ontrack's own evaluation as of the deadline on all the data).</p>",
                  _table(result.verdicts()),
                  "<h3>ontrack's P(meet) of each target, scored</h3>", _table(result.target_scores()),
                  # The plan's wording and the methods' own label texts stay in targets.csv: this page is English.
                  "<h3>Every target verdict</h3>", _table(result.targets.drop(columns=["text", "verdict_text"]))]
    for stem, frame in (extra or {}).items():
        parts += [f"<h3>{html.escape(stem.replace('_', ' ').capitalize())}</h3>", _table(frame)]
    if sources and len(result.sources):
        parts += ["<h3>Data sources</h3>", _table(result.sources)]
    return "\n".join(parts)


def notebook_html(result: "Backtest") -> str:
    from .._repr import _STYLE

    # The sources table runs to a row per series and publication: `.sources` shows it.
    return f'<div class="ontrack-repr">{_STYLE}{_body(result, sources=False)}</div>'


def html_page(result: "Backtest", extra: Optional[Dict[str, "pandas.DataFrame"]] = None) -> str:
    style = ("body{font-family:sans-serif;max-width:64rem;margin:2rem auto;padding:0 1rem}"
             "table.backtest{border-collapse:collapse;font-size:.85rem;margin:.5rem 0 1rem}"
             "table.backtest td,table.backtest th{padding:.2rem .5rem;border-bottom:1px solid #ddd;text-align:right}"
             ".chart{display:inline-block;width:31%;min-width:18rem;vertical-align:top}")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>ontrack backtest</title><style>{style}</style></head><body>\n{_body(result, extra)}\n</body></html>\n")

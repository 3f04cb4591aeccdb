"""The ``ontrack backtest`` subcommand: rolling-origin forecasts of a plan's series (or of any
tidy data file) scored against what happened, and the plan's verdicts as of past years set
beside the outcomes by their deadlines (docs/backtest.md)."""

from __future__ import annotations

import argparse
import re
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

from ._core import InvalidInputError, OntrackError, Plan, Series, escape_hostile

__all__ = ["register"]

_DATA_SUFFIXES = (".csv", ".txt", ".parquet", ".xlsx", ".xlsm")
_OUTLINE = "outline-2011-2020"
_NATIONAL = "national"  # the bundled national series alone


def _bundled() -> Dict[str, Tuple[Callable[[], Plan], Callable[[], List[Series]]]]:
    from . import datasets, plans

    return {
        _OUTLINE: (plans.china_women_outline_2011_2020, datasets.outline_2011_2020_series),
        "kundulun": (plans.kundulun_women_2021_2030, datasets.china_national_women_series),
    }


def _years(option: str, text: Optional[str]) -> Optional[List[int]]:
    """``2013,2015,2017`` or spans such as ``1-10`` (hyphen or en dash), or None."""
    if text is None:
        return None
    out: List[int] = []
    for part in text.split(","):
        match = re.fullmatch(r"\s*(-?\d+)\s*(?:[-–]\s*(\d+)\s*)?", part)
        if match is None:
            raise InvalidInputError(f"{option} {text!r}: write whole numbers or spans, e.g. 2013,2015,2017 or 1-10")
        first, last = int(match.group(1)), int(match.group(2) or match.group(1))
        if last < first:
            raise InvalidInputError(f"{option} {text!r}: the span {part.strip()} ends before it starts")
        out += range(first, last + 1)
    return sorted(set(out))


def _names(text: str) -> List[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _inputs(args: argparse.Namespace) -> Tuple[Optional[Plan], Any]:
    """The plan (None for data alone) and the data the arguments name."""
    from .io import read_observations

    bundled = _bundled()
    plan_arg, data_arg = args.plan, args.data
    if plan_arg is None:
        plan_arg = _OUTLINE
    if plan_arg == _NATIONAL and data_arg is None:
        from .datasets import national_indicator_series

        return None, national_indicator_series()
    if data_arg is None and plan_arg.lower().endswith(_DATA_SUFFIXES):
        return None, read_observations(plan_arg)  # data alone: rolling origins, no plan
    if plan_arg in bundled:
        plan_of, data_of = bundled[plan_arg]
        plan = plan_of()
    else:
        plan, data_of = Plan.load(plan_arg), None
    if data_arg is not None:
        from .cli import _read_data  # checked against the plan as `ontrack evaluate` checks it

        plan, observations, _ = _read_data(args, plan)
        return plan, observations
    if data_of is None:
        raise OntrackError(f"{plan_arg}: give the data too: ontrack backtest PLAN DATA")
    return plan, data_of()


def _plain(text: Any) -> str:
    """Text from a plan or a data file, inert for the terminal (the core's rule)."""
    return escape_hostile(str(text))


def _number(value: Any, percent: bool = False) -> str:
    try:
        v = float(value)
    except (TypeError, ValueError):
        return "–"
    if v != v:
        return "–"
    return f"{v:.0%}" if percent else f"{v:.3f}"


def _summarise(result: Any, written: Sequence[str], args: argparse.Namespace,
               published: Optional[Any]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text as Cell

    console = Console(highlight=False)
    o = result.overall()
    what = f"plan {result.plan_id}" if result.plan_id else "the data"
    console.print(Cell(
        f"Backtest of {what}: {o['forecasts']} forecasts scored; 80 % intervals covered "
        f"{_number(o['coverage_80'], True)}, 95 % intervals {_number(o['coverage_95'], True)}; "
        f"P(meet) Brier {_number(o['brier'])}, calibration error {_number(o['ece'])}"))
    table = Table(title=Cell("By horizon"), title_justify="left")
    for column in ("horizon", "forecasts", "80 % cover", "95 % cover", "Brier", "log score", "ECE"):
        table.add_column(column, justify="right")
    for r in result.summary("horizon").itertuples():
        table.add_row(str(r.horizon), str(r.forecasts), _number(r.coverage_80, True),
                      _number(r.coverage_95, True), _number(r.brier), _number(r.log_score), _number(r.ece))
    console.print(table)
    if len(result.targets):
        verdicts = Table(title=Cell("Verdicts as of each origin against the outcome by the deadline"),
                         title_justify="left")
        for column in ("method", "verdict", "met", "missed", "unknown"):
            verdicts.add_column(column, justify="left" if column in ("method", "verdict") else "right")
        for r in result.verdicts().itertuples():
            verdicts.add_row(Cell(_plain(r.method)), Cell(_plain(r.verdict)), str(r.met), str(r.missed),
                             str(r.unknown))
        console.print(verdicts)
    if published is not None:
        agree = published[published["published_outcome"] != ""]
        same = int((agree["published_outcome"] == agree["outcome"]).sum())
        console.print(Cell(f"NBS's published verdicts: {len(agree)} targets with a verdict; the data's "
                           f"outcome by the deadline agrees on {same}"))
    console.print(Cell(f"wrote {len(written)} files into {args.out}"))


def _run(args: argparse.Namespace) -> int:
    from .backtest import backtest
    from .backtesting.output import FORMATS

    formats = _names(args.format)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise InvalidInputError(f"--format: unknown format {unknown[0]!r}; accepted: {', '.join(FORMATS)}")
    origins = _years("--origins", args.origins)
    horizons = _years("--horizons", args.horizons) or list(range(1, 11))
    plan, data = _inputs(args)
    if plan is not None and origins is None and plan.id == "china-women-outline-2011-2020":
        origins = [2013, 2015, 2017]  # three years in, the mid-term, three years before the end
    options = {"uncertainty": args.uncertainty} if args.uncertainty is not None else {}
    result = backtest(data, plan=plan, origins=origins, horizons=horizons, models=_names(args.models),
                      methods=_names(args.methods), **options)
    published = None
    if plan is not None and plan.id == "china-women-outline-2011-2020":
        from .datasets import outline_2011_2020_verdicts

        published = result.published_comparison(outline_2011_2020_verdicts())
    written = result.write(args.out, formats, extra={"published_comparison": published})
    if not args.quiet:
        _summarise(result, written, args, published)
    return 0


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Adds ``backtest`` to the ``ontrack`` command line."""
    command = commands.add_parser(
        "backtest", help="score rolling-origin forecasts and past verdicts against what happened",
        description=("Forecast every series from past origin years with only the data up to each origin, "
                     "score the forecasts, their 80 %% and 95 %% intervals and P(meet) against the values "
                     "observed later, and, with a plan, score the verdicts as of each origin against the "
                     "outcome by each deadline. PLAN: a plan file, or a bundled plan: %s (default; with its "
                     "national data) or kundulun (with the national stand-in data); or %s: every bundled "
                     "national series, without a plan. A data file alone (CSV, Parquet, Excel) is "
                     "backtested without a plan." % (_OUTLINE, _NATIONAL)),
    )
    command.add_argument("plan", nargs="?", help=f"plan file, {_OUTLINE} or kundulun; or {_NATIONAL} or a data file alone")
    command.add_argument("data", nargs="?", help="tidy CSV, Parquet or Excel file of observations")
    command.add_argument("--origins", help="origin years, e.g. 2013,2015,2017 (default: every year; "
                         f"{_OUTLINE}: 2013,2015,2017)")
    command.add_argument("--horizons", help="horizons in years, e.g. 1-10 (default) or 1,3,5")
    command.add_argument("--models", default="auto", help="comma-separated projection models (default: auto)")
    command.add_argument("--methods", default="nbs,eurostat,unsd,destatis",
                         help="published methods whose verdicts are scored beside ontrack's "
                              "(default: nbs,eurostat,unsd,destatis)")
    command.add_argument("--uncertainty", metavar="NAME",
                         help="passed to every projection and evaluation, where this version offers it")
    command.add_argument("--out", default="ontrack-backtest", metavar="DIR",
                         help="output directory, written atomically (default: ontrack-backtest)")
    command.add_argument("--format", default="csv,parquet,png,svg,html", metavar="LIST",
                         help="comma-separated among csv,parquet,png,svg,html (default: all)")
    command.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    command.set_defaults(run=_run, db=None, vintage=None)

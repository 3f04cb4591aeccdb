"""The ``ontrack`` command line.

Conventions: ``--help`` everywhere; exit 0 on success; on bad input one line naming the file
and the place, no traceback, exit 2 (usage errors exit 2 too, as argparse does).
"""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence

from . import __version__, _data_commands, plans
from ._core import OntrackError, Plan, Target

__all__ = ["main"]


def _load(path: Optional[str]) -> Plan:
    if path is None:
        return plans.kundulun_women_2021_2030()
    return Plan.load(path)


def _console():
    from rich.console import Console

    # A pipe gets no terminal width; plans have long Chinese lines, so give them room.
    return Console(width=None if sys.stdout.isatty() else 160, highlight=False)


def _plan_show(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text as Cell  # plain text: plan wording is never read as markup

    from .describe import describe_target

    plan = _load(args.plan)
    lang = args.lang
    other = "en" if lang == "zh" else "zh"
    console = _console()
    goals = sum(len(d.goals) for d in plan.domains)
    indicators = plan.indicators()
    midterm = f", mid-term {plan.midterm_year}" if plan.midterm_year is not None else ""
    console.print(Cell(plan.title.in_language(lang), style="bold"))
    if plan.title.in_language(other) != plan.title.in_language(lang):
        console.print(Cell(plan.title.in_language(other)))
    console.print(Cell(
        f"{plan.id} · period {plan.period_start}–{plan.period_end}, base year {plan.base_year}"
        f"{midterm} · {len(plan.domains)} domains, {goals} goals, {len(indicators)} indicators"
    ))
    for domain in plan.domains:
        table = Table(
            title=Cell(f"{domain.number}. {domain.name.in_language(lang)} — {domain.name.in_language(other)}"),
            title_justify="left",
            caption=Cell("责任单位 responsible units: " + "、".join(domain.responsible_units))
            if domain.responsible_units else None,
            caption_justify="left",
            show_lines=False,
            expand=False,
        )
        table.add_column("goal", no_wrap=True)
        table.add_column("indicator", no_wrap=True)
        table.add_column("name")
        table.add_column("target")
        table.add_column("kind", no_wrap=True)
        for goal in domain.goals:
            goal_text = goal.text.in_language(lang)
            if not goal.indicators:
                table.add_row(goal.id, "", Cell(goal_text), "", "")
                continue
            first = True
            for indicator in goal.indicators:
                targets: "list[Optional[Target]]" = list(indicator.targets) or [None]
                for target in targets:
                    table.add_row(
                        goal.id if first else "",
                        indicator.id,
                        Cell(indicator.name.in_language(lang)),
                        Cell(describe_target(target, indicator)) if target is not None else "",
                        target.kind.name if target is not None else "",
                    )
                    first = False
        console.print(table)
    return 0


def _plan_validate(args: argparse.Namespace) -> int:
    plan = Plan.load(args.plan)
    if not args.quiet:
        print(f"{args.plan}: valid ({len(plan.domains)} domains, {len(plan.indicators())} indicators)")
    return 0


def _plan_export(args: argparse.Namespace) -> int:
    plan = _load(args.plan)
    text = plan.to_json()
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        plan.save(args.output)
        if not args.quiet:
            print(f"wrote {args.output}")
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    import os
    import tempfile

    from .evaluation import evaluate

    plan = _load(args.plan)
    if args.db is not None:
        from .store import Store

        store = Store(args.db)
        try:
            if plan.id in store.plan_ids():
                plan = store.plan(plan.id)
            observations = store.observations(plan.id, as_of_vintage=args.vintage)
        finally:
            store.close()
    elif args.data is not None:
        if args.vintage is not None:
            raise OntrackError("--vintage selects data in the monitoring database: give --db")
        from .io import read_observations

        observations = read_observations(args.data)
    else:
        raise OntrackError("give the data: a tidy CSV/Parquet/Excel file, or --db DATABASE")
    evaluation = evaluate(plan, observations, as_of=args.as_of, method=args.method, preset=args.preset)

    out_dir = args.out
    os.makedirs(out_dir, exist_ok=True)
    target = os.path.join(out_dir, "evaluation.json")
    # Written next to its final name and renamed: a reader never sees half a file.
    fd, temporary = tempfile.mkstemp(dir=out_dir, prefix=".evaluation.", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(evaluation.to_json())
        os.replace(temporary, target)
    except BaseException:
        os.unlink(temporary)
        raise
    if not args.quiet:
        summary = evaluation.summary("plan")
        counts = ", ".join(f"{status} {n}" for status, n in summary["counts"].items() if n)
        print(f"{plan.id} as of {evaluation.as_of} ({args.method}): {counts}")
        print(f"achievement rate 达标率 {summary['achievement_rate']:.0%} of {summary['assessable']} assessable targets; "
              f"{len(evaluation.warnings)} early warnings")
        print(f"wrote {target}")
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ontrack",
        description="Monitor a development plan: its indicators, targets and progress.",
    )
    parser.add_argument("--version", action="version", version=f"ontrack {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    plan = commands.add_parser("plan", help="show, validate or export a plan file")
    plan_commands = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)

    show = plan_commands.add_parser("show", help="print a plan's domains, goals, indicators and targets")
    show.add_argument("plan", nargs="?", help="plan file (default: the bundled Kundulun plan)")
    show.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of the texts")
    show.set_defaults(run=_plan_show)

    validate = plan_commands.add_parser("validate", help="check a plan file against the format")
    validate.add_argument("plan", help="plan file")
    validate.add_argument("-q", "--quiet", action="store_true", help="print nothing when valid")
    validate.set_defaults(run=_plan_validate)

    export = plan_commands.add_parser("export", help="write a plan as normalised JSON")
    export.add_argument("plan", nargs="?", help="plan file (default: the bundled Kundulun plan)")
    export.add_argument("-o", "--output", help="output file (default: standard output)")
    export.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    export.set_defaults(run=_plan_export)

    evaluate = commands.add_parser("evaluate", help="evaluate a plan on its data as of a year")
    evaluate.add_argument("plan", nargs="?", help="plan file (default: the bundled Kundulun plan)")
    evaluate.add_argument("data", nargs="?", help="tidy CSV, Parquet or Excel file of observations")
    evaluate.add_argument("--db", help="the monitoring database (instead of a data file)")
    evaluate.add_argument("--vintage", help="with --db: the data as they stood at this vintage (e.g. 2026-03-01)")
    evaluate.add_argument("--as-of", type=int, dest="as_of", help="evaluation year (default: latest data)")
    evaluate.add_argument("--method", default="ontrack", help="ontrack or a compatibility mode (eurostat, nbs, ...)")
    evaluate.add_argument("--preset", default="annual", choices=["annual", "midterm", "final"])
    evaluate.add_argument("--out", default="ontrack-report", help="output directory (default: ontrack-report)")
    evaluate.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    evaluate.set_defaults(run=_evaluate)

    _data_commands.register(commands)
    return parser


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command line; returns the exit code."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        return int(args.run(args))
    except (OntrackError, OSError) as error:
        message = error.args[0] if error.args else str(error)
        print(f"ontrack: error: {message}", file=sys.stderr)
        return 2
    except ImportError as error:  # an optional dependency of this command is missing
        print(f"ontrack: error: {error}; install ontrack[data]", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. `ontrack plan show | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The ``ontrack`` command line.

Conventions: ``--help`` everywhere; exit 0 on success; on bad input one line naming the file
and the place, no traceback, exit 2 (usage errors exit 2 too, as argparse does); an internal
error is one line asking for a report, exit 3. :func:`main` is the only place errors are turned
into messages and exit codes.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Tuple

from . import __version__, _data_commands, plans
from ._data_commands import year_option
from ._core import InvalidInputError, OntrackError, Plan, Target, escape_hostile

if TYPE_CHECKING:
    from .evaluation import Evaluation
    from .observations import Observations

__all__ = ["main"]

_WARNINGS_SHOWN = 10  # early warnings listed in the terminal summary without --verbose


def _load(path: Optional[str]) -> Plan:
    if path is None:
        return plans.kundulun_women_2021_2030()
    return Plan.load(path)


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    # A pipe gets no terminal width; plans have long Chinese lines, so give them room.
    stream = sys.stderr if stderr else sys.stdout
    return Console(width=None if stream.isatty() else 160, highlight=False, stderr=stderr)


def _inert_cell(text: str, **style: Any) -> Any:
    """A terminal cell of text from outside: plain (never read as markup) and inert (control
    characters and bidirectional overrides shown as ``<U+001B>``)."""
    from rich.text import Text

    return Text(escape_hostile(text), **style)


def _plan_show(args: argparse.Namespace) -> int:
    from rich.table import Table

    from .describe import describe_target

    Cell = _inert_cell

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
                table.add_row(Cell(goal.id), "", Cell(goal_text), "", "")
                continue
            first = True
            for indicator in goal.indicators:
                targets: "list[Optional[Target]]" = list(indicator.targets) or [None]
                for target in targets:
                    table.add_row(
                        Cell(goal.id if first else ""),
                        Cell(indicator.id),
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


def _read_data(args: argparse.Namespace, plan: Plan) -> Tuple[Plan, Observations]:
    """The observations to evaluate: a data file (checked against the plan) or the database."""
    if args.db is not None:
        from .store import Store

        store = Store(args.db)
        try:
            if plan.id in store.plan_ids():
                plan = store.plan(plan.id)
            return plan, store.observations(plan.id, as_of_vintage=args.vintage)
        finally:
            store.close()
    if args.data is None:
        raise OntrackError("give the data: a tidy CSV/Parquet/Excel file, or --db DATABASE")
    if args.vintage is not None:
        raise OntrackError("--vintage selects data in the monitoring database: give --db")
    from .io import read_observations
    from .observations import ImportValidationError

    observations = read_observations(args.data)
    # Values before the plan's base year are history the trends are fitted on, not errors;
    # everything within the plan's years must fit the plan (known indicators, bounds, ...).
    within = observations.filter(year=range(plan.base_year, plan.period_end + 1))
    problems = within.problems(plan)
    if problems:
        raise ImportValidationError(problems, "nothing written")
    return plan, observations


def _previous(path: Optional[str]) -> "Optional[Evaluation]":
    if path is None:
        return None
    from .evaluation import Evaluation

    try:
        with open(path, encoding="utf-8") as f:
            return Evaluation.from_json(f.read())
    except ValueError as error:  # not UTF-8, not JSON, or not an evaluation record
        raise InvalidInputError(f"{path}: {error}") from None
    except (AttributeError, TypeError):  # JSON, but not an object
        raise InvalidInputError(f"{path}: not an evaluation record (evaluation.json)") from None


def _formats(text: str) -> List[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _write(plan: Plan, observations: Any, evaluation: "Evaluation", args: argparse.Namespace,
           previous: "Optional[Evaluation]") -> Dict[str, Any]:
    """Writes the report with a progress bar on a terminal (none when quiet or piped)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from .report import write_report

    console = _console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=args.quiet or not console.is_terminal) as bar:
        task = bar.add_task("report", total=None)

        def progress(done: int, total: int, what: str) -> None:
            bar.update(task, completed=done, total=total, description=what)

        return write_report(plan, observations, evaluation, args.out, formats=_formats(args.format),
                            language=args.lang, previous=previous, progress=progress)


def _summarise(plan: Plan, observations: Any, evaluation: "Evaluation", written: Dict[str, Any],
               args: argparse.Namespace) -> None:
    """The terminal summary: the stand-in label, status counts by domain, the early warnings,
    where the report is."""
    from rich.table import Table

    from .report.content import observation_records, stand_in_notice
    from .report.text import STATUS_NAMES, STATUS_STYLES

    Cell = _inert_cell

    lang = args.lang
    console = _console()
    notice = stand_in_notice(observation_records(plan, observations, evaluation.as_of), lang)
    if notice:
        console.print(Cell(notice, style="bold yellow"))
    summary = evaluation.summary("plan")
    console.print(Cell(f"{plan.title.in_language(lang)} — {plan.id} as of {evaluation.as_of} "
                       f"({evaluation.preset}, {evaluation.method})", style="bold"))
    table = Table(title_justify="left", show_edge=False)
    table.add_column("domain")
    for code, name in STATUS_NAMES[lang].items():
        table.add_column(Cell(f"{STATUS_STYLES[code].symbol} {name}", style=f"#{STATUS_STYLES[code].colour}"),
                         justify="right")
    domains = evaluation.summary("domain")
    for domain in plan.domains:
        counts = domains.get(domain.id, {}).get("counts", {})
        table.add_row(Cell(f"{domain.number}. {domain.name.in_language(lang)}"),
                      *(str(counts.get(code, 0)) for code in STATUS_STYLES))
    table.add_row(Cell("total", style="bold"), *(str(summary["counts"].get(code, 0)) for code in STATUS_STYLES))
    console.print(table)
    rate = summary["achievement_rate"]
    console.print(Cell(f"achievement rate 达标率 {'—' if rate is None else format(rate, '.0%')} of "
                       f"{summary['assessable']} assessable targets; {len(evaluation.warnings)} early warnings"))
    names = {i.id: i.name.in_language(lang) for i in plan.indicators()}
    shown = evaluation.warnings if args.verbose else evaluation.warnings[:_WARNINGS_SHOWN]
    for warning in shown:
        name = names.get(warning.indicator or "", warning.indicator or "")
        console.print(Cell(f"  [{warning.severity}] {name}: {warning.text(lang)}"))
    if len(shown) < len(evaluation.warnings):
        console.print(Cell(f"  … and {len(evaluation.warnings) - len(shown)} more (--verbose lists all)"))
    if args.verbose:
        for path in written.values():
            console.print(Cell(f"wrote {path}"))
    main_file = written.get("html", next(iter(written.values())))
    console.print(Cell(f"report: {main_file}"))


_DATA_SUFFIXES = (".csv", ".txt", ".parquet", ".xlsx", ".xlsm")


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import evaluate

    if args.data is None and args.plan is not None and args.plan.lower().endswith(_DATA_SUFFIXES):
        args.plan, args.data = None, args.plan  # `ontrack evaluate DATA`: the bundled plan
    plan, observations = _read_data(args, _load(args.plan))
    previous = _previous(args.previous)
    evaluation = evaluate(plan, observations, as_of=args.as_of, method=args.method, preset=args.preset)
    written = _write(plan, observations, evaluation, args, previous)
    if not args.quiet:
        _summarise(plan, observations, evaluation, written, args)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .datasets import china_national_women_series
    from .evaluation import evaluate

    plan = plans.kundulun_women_2021_2030()
    observations = china_national_women_series()
    # As of the latest year of the reference data, like a real annual monitoring report.
    evaluation = evaluate(plan, observations)
    written = _write(plan, observations, evaluation, args, _previous(args.previous))
    if not args.quiet:
        _summarise(plan, observations, evaluation, written, args)
    return 0


def _report_options(command: argparse.ArgumentParser) -> None:
    """Options shared by the commands that write a report."""
    from .report import FORMATS

    command.add_argument("--out", default="ontrack-report", metavar="DIR",
                         help="report directory, written atomically (default: ontrack-report)")
    command.add_argument("--format", default=",".join(FORMATS), metavar="LIST",
                         help=f"comma-separated formats among {','.join(FORMATS)} (default: all)")
    command.add_argument("--lang", choices=["zh", "en"], default="zh",
                         help="language of the report (default: zh, the plan's own)")
    command.add_argument("--previous", metavar="OLD/evaluation.json",
                         help="an earlier evaluation: every format then shows each target's status change")
    loudness = command.add_mutually_exclusive_group()
    loudness.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    loudness.add_argument("-v", "--verbose", action="store_true", help="list every warning and file written")


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
    evaluate.add_argument("--as-of", type=year_option, dest="as_of", help="evaluation year (default: latest data)")
    evaluate.add_argument("--method", default="ontrack", help="ontrack or a compatibility mode (eurostat, nbs, ...)")
    evaluate.add_argument("--preset", default="annual", choices=["annual", "midterm", "final"],
                          help="annual (as of --as-of), midterm or final (the plan's mid-term or last year)")
    _report_options(evaluate)
    evaluate.set_defaults(run=_evaluate)

    demo = commands.add_parser(
        "demo", help="evaluate the bundled Kundulun plan on the bundled national data and write the report",
        description=("Evaluate the bundled Kundulun plan on the bundled national reference series (real "
                     "national figures standing in for district data, labelled so) as of their latest year, "
                     "and write report.html, report.md, report.xlsx and evaluation.json."),
    )
    _report_options(demo)
    demo.set_defaults(run=_demo)

    _data_commands.register(commands)
    return parser


EXIT_OK, EXIT_BAD_INPUT, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 2, 3, 130
_REPORT_BUGS = "please report this, with the command and its input files, to the ontrack maintainers"


def _fail(message: str) -> None:
    # Messages quote files and plans: shown inert, so that no text from outside drives the terminal.
    print(f"ontrack: error: {escape_hostile(message)}", file=sys.stderr)


def _os_error_message(error: OSError) -> str:
    """What failed on which path, e.g. ``out/report.html: Permission denied``."""
    if isinstance(error, OntrackError) and error.args:
        return str(error.args[0])  # ontrack's FileError already names the file
    what = error.strerror or str(error)
    paths = [p for p in (error.filename, error.filename2) if p is not None]
    return f"{' → '.join(map(str, paths))}: {what}" if paths else what


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Runs the command line; returns the exit code (docs/cli.md § Exit codes): 0 success,
    2 bad input or usage, 3 an internal error (a bug: please report), 130 interrupted."""
    args = _parser().parse_args(list(argv) if argv is not None else None)
    try:
        return int(args.run(args))
    except BrokenPipeError:  # e.g. `ontrack plan show | head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("ontrack: interrupted; nothing half-written is left", file=sys.stderr)
        return EXIT_INTERRUPTED
    except OSError as error:  # FileError too: a file that cannot be read or written
        _fail(_os_error_message(error))
        return EXIT_BAD_INPUT
    except OntrackError as error:
        _fail(error.args[0] if error.args else str(error))
        return EXIT_BAD_INPUT
    except ImportError as error:  # an optional dependency of this command is missing
        _fail(f"{error}; install it with: pip install 'ontrack[data,report]'")
        return EXIT_BAD_INPUT
    except Exception as error:  # a bug: one line saying so, never a traceback
        _fail(f"internal error ({type(error).__name__}: {error}); {_REPORT_BUGS}")
        return EXIT_INTERNAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

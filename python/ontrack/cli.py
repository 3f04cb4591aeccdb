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

from . import __version__, _backtest_command, _core, _data_commands, plans
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
            caption=Cell("责任单位 responsible units: " + ("、" if lang == "zh" else ", ").join(
                plan.unit_name(u).in_language(lang) for u in domain.responsible_units))
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


def _read_data(
    args: argparse.Namespace, plan: Plan
) -> "Tuple[Plan, Observations, Optional[Dict[str, Any]]]":
    """The observations to evaluate: a data file (checked against the plan) or the database,
    with what was read from the database (its file and SHA-256, the vintage, the imports, the
    plan version) for the record."""
    from .milestones import apply_progress, latest_progress
    from .store.migrations import plan_sha256

    if args.db is not None:
        from .store import Store

        if args.data is not None:
            raise InvalidInputError(
                f"give the data once: a data file ({args.data}) or --db {args.db}, not both"
            )
        with Store(args.db, create=False) as store:
            store.plan(plan.id)  # NotFoundError naming the plans the database holds
            observations = store.observations(plan.id, as_of_vintage=args.vintage)
            source = store.provenance(plan.id, args.vintage)
            stored_version = store.plan_version(plan.id)
            progress = latest_progress(store.milestones(plan.id, as_of_vintage=args.vintage))
        source["plan_version"] = plan_sha256(plan.to_json())
        # The plan evaluated carries the milestone progress the units reported.
        plan = apply_progress(plan, progress)
        source["milestones"] = [
            {"indicator": m.indicator, "target_index": m.target_index, "status": m.status,
             "date": m.date, "evidence": m.evidence, "unit": m.unit, "vintage": m.vintage}
            for m in progress
        ]
        if stored_version != source["plan_version"] and not args.quiet:
            print(
                f"ontrack: note: the plan given ({source['plan_version'][:12]}) differs from the "
                f"version the latest import into {args.db} was checked against "
                f"({stored_version[:12]}); the plan given is evaluated",
                file=sys.stderr,
            )
        return plan, observations, source
    if args.data is None:
        raise OntrackError("give the data: a tidy CSV/Parquet/Excel file, or --db DATABASE")
    if args.vintage is not None:
        raise OntrackError("--vintage selects data in the monitoring database: give --db")
    from .io import read_observations
    from .observations import ImportValidationError

    observations = read_observations(args.data)
    # The rule templates, imports and the database apply: history from the plan's earliest
    # history year, known indicators, bounds, counts that agree with their values.
    problems = observations.problems(plan)
    if problems:
        raise ImportValidationError(problems, "nothing written")
    return plan, observations, None


def _check_as_of(plan: Plan, observations: "Observations", args: argparse.Namespace) -> None:
    """An evaluation year outside the plan's period is refused; one after the latest data is
    allowed (the rest is projection) with a note saying so."""
    if args.as_of is None:
        return
    if not plan.base_year <= args.as_of <= plan.period_end:
        raise InvalidInputError(
            f"--as-of {args.as_of} is outside plan {plan.id}: an evaluation is as of a year from "
            f"its base year {plan.base_year} to its last year {plan.period_end}"
        )
    known = {i.id for i in plan.indicators()}
    latest = max((r.year for r in observations if r.indicator in known), default=None)
    if latest is not None and args.as_of > latest and not args.quiet:
        print(
            f"ontrack: note: --as-of {args.as_of} is after the latest data ({latest}): the years "
            f"after {latest} are projected",
            file=sys.stderr,
        )


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


def _compared(plan: Plan, observations: Any, evaluation: "Evaluation",
              args: argparse.Namespace) -> "Dict[str, Evaluation]":
    """The evaluations under each method of --compare, as of the same year."""
    from .evaluation import evaluate

    return {method: evaluate(plan, observations, as_of=evaluation.as_of, method=method,
                             **_uncertainty_option(args, method))
            for method in _formats(args.compare or "") if method != evaluation.method}


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
                            language=args.lang, previous=previous, progress=progress,
                            compare=_compared(plan, observations, evaluation, args))


def _summarise(plan: Plan, observations: Any, evaluation: "Evaluation", written: Dict[str, Any],
               args: argparse.Namespace) -> None:
    """The terminal summary, in the report's language: the stand-in label, status counts by
    domain, the method's own aggregate, the early warnings by target, where the report is."""
    from rich.table import Table

    from .report.content import build
    from .report.text import STATUS_NAMES, STATUS_STYLES

    Cell = _inert_cell

    report = build(plan, observations, evaluation, language=args.lang)
    w = report.words
    console = _console()
    if report.stand_in_notice:
        console.print(Cell(report.stand_in_notice, style="bold yellow"))
    console.print(Cell(f"{report.title} — {report.subtitle} · {w['method']} {report.method}", style="bold"))
    table = Table(title_justify="left", show_edge=False)
    table.add_column(w["domain"])
    for code, name in STATUS_NAMES[args.lang].items():
        table.add_column(Cell(f"{STATUS_STYLES[code].symbol} {name}", style=f"#{STATUS_STYLES[code].colour}"),
                         justify="right")
    table.add_column(w["light"])
    for domain in report.domains:
        table.add_row(Cell(f"{domain.number}. {domain.name}"), *(str(n) for n in domain.summary.counts.values()),
                      Cell(domain.summary.light_text))
    s = report.plan_summary
    table.add_row(Cell(w["plan_total"], style="bold"), *(str(n) for n in s.counts.values()), Cell(s.light_text))
    console.print(table)
    rate = "—" if s.achievement_rate is None else format(s.achievement_rate, ".0%")
    console.print(Cell(w["terminal_rates"].format(rate=rate, assessable=s.assessable, warnings=len(report.warnings))))
    if report.method_aggregate:
        console.print(Cell(w["method_aggregate"].format(method=report.method) + w["colon"] + report.method_aggregate))
    if report.coverage_note:
        console.print(Cell(report.coverage_note))
    shown = report.warnings if args.verbose else report.warnings[:_WARNINGS_SHOWN]
    for warning in shown:
        console.print(Cell(f"  [{warning.severity_text}] {warning.target}{w['colon']}{warning.text}"))
    if len(shown) < len(report.warnings):
        console.print(Cell("  " + w["more_warnings"].format(n=len(report.warnings) - len(shown))))
    if args.verbose:
        for path in written.values():
            console.print(Cell(f"{w['wrote']} {path}"))
    main_file = written.get("html", next(iter(written.values())))
    console.print(Cell(f"{w['report']}{w['colon']}{main_file}"))


_DATA_SUFFIXES = (".csv", ".txt", ".parquet", ".xlsx", ".xlsm")


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluation import Evaluation, evaluate

    if args.data is None and args.plan is not None and args.plan.lower().endswith(_DATA_SUFFIXES):
        args.plan, args.data = None, args.plan  # `ontrack evaluate DATA`: the bundled plan
    plan, observations, source = _read_data(args, _load(args.plan))
    _check_as_of(plan, observations, args)
    previous = _previous(args.previous)
    evaluation = evaluate(plan, observations, as_of=args.as_of, method=args.method, preset=args.preset,
                          **_uncertainty_option(args, args.method))
    if source is not None:  # the record says what it read from the database
        evaluation = Evaluation({**evaluation.to_dict(), "source": source}, stand_in=evaluation.stand_in)
    written = _write(plan, observations, evaluation, args, previous)
    if not args.quiet:
        _summarise(plan, observations, evaluation, written, args)
    return 0


def _demo(args: argparse.Namespace) -> int:
    from .datasets import china_national_women_series
    from .evaluation import evaluate

    plan = plans.kundulun_women_2021_2030()
    observations = china_national_women_series()
    # By default as of the latest year of the reference data, like a real annual monitoring report.
    evaluation = evaluate(plan, observations, as_of=args.as_of, method=args.method, preset=args.preset,
                          **_uncertainty_option(args, args.method))
    written = _write(plan, observations, evaluation, args, _previous(args.previous))
    if not args.quiet:
        _summarise(plan, observations, evaluation, written, args)
    return 0


def _uncertainty_option(args: argparse.Namespace, method: str) -> Dict[str, Any]:
    """``--uncertainty`` as ontrack's parameter; under a compatibility mode, among its native ones."""
    chosen = {"uncertainty": args.uncertainty}
    return chosen if method == "ontrack" else {"native": chosen}


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
    command.add_argument("--as-of", type=year_option, dest="as_of", help="evaluation year (default: latest data)")
    command.add_argument("--method", default="ontrack", help="ontrack or a compatibility mode (eurostat, nbs, ...)")
    command.add_argument("--preset", default="annual", choices=["annual", "midterm", "final"],
                         help="annual (as of --as-of), midterm or final (the plan's mid-term or last year)")
    command.add_argument("--uncertainty", choices=_core.UNCERTAINTY_NAMES, default=_core.UNCERTAINTY_NAMES[0],
                         help="calibrated (default: intervals and P(meet) widened for trend drift, "
                              "docs/uncertainty.md) or model (the trend model's own closed-form ones)")
    command.add_argument("--compare", metavar="METHODS",
                         help="comma-separated methods (e.g. nbs,eurostat,unsd,destatis) whose verdicts every "
                              "format shows beside ontrack's, disagreements marked")
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
    _backtest_command.register(commands)
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

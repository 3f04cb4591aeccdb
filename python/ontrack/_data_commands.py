"""Command-line subcommands for data collection and the monitoring database.

``ontrack template`` writes the Excel workbook a responsible unit fills in, ``ontrack import``
reads a filled workbook (or a tidy CSV/Parquet table) into the database as a new vintage,
``ontrack vintages`` lists the vintages, and ``ontrack data-export`` writes every vintage of
every observation to a tidy file.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, List, Optional

from ._core import EARLIEST_YEAR, LATEST_YEAR, InvalidInputError, Plan, year_range_rule
from .plans import kundulun_women_2021_2030

if TYPE_CHECKING:
    from .store import Store

__all__ = ["register", "year_option"]


def _load_plan(path: Optional[str]) -> Plan:
    return kundulun_women_2021_2030() if path is None else Plan.load(path)


def year_option(text: str) -> int:
    """A year given on the command line (``--as-of``), within the one accepted range."""
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a year") from None
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        raise argparse.ArgumentTypeError(f"{text}: {year_range_rule()}")
    return year


def _years(text: str) -> List[int]:
    """``2021-2025`` (or with an en dash), or one year."""
    match = re.fullmatch(r"\s*(\d{4})\s*(?:[-–—]\s*(\d{4})\s*)?", text)
    if match is None:
        raise InvalidInputError(f"--years {text!r}: write a year or a span such as 2021-2025")
    first = int(match.group(1))
    last = int(match.group(2) or first)
    for year in (first, last):
        if not EARLIEST_YEAR <= year <= LATEST_YEAR:
            raise InvalidInputError(f"--years {text!r}: {year_range_rule()}")
    if last < first:
        raise InvalidInputError(f"--years {text!r}: the span ends before it starts")
    return list(range(first, last + 1))


def _template(args: argparse.Namespace) -> int:
    from .io.excel import write_template

    plan = _load_plan(args.plan)
    units = plan.responsible_units() if args.all_units else args.unit
    if not args.output.lower().endswith(".xlsx"):
        raise InvalidInputError(f"-o {args.output}: a collection template is an Excel workbook (.xlsx)")
    write_template(
        plan, args.output, units, _years(args.years) if args.years else None, language=args.lang
    )
    if not args.quiet:
        print(
            f"wrote {args.output}: {len(units)} unit sheet{'s' if len(units) != 1 else ''} "
            f"for plan {plan.id}"
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    from .observations import ImportValidationError
    from .store import Store
    from .store.store import read_file

    plan = _load_plan(args.plan)
    try:
        # Read and checked before the database is opened: a failed import creates nothing.
        submitted = read_file(args.file, plan, args.unit)
    except ImportValidationError as error:
        # A template's problems are in the template's language; a table's in --lang.
        language = error.language or args.lang
        head = "ontrack：错误：{}：{}：" if language == "zh" else "ontrack: error: {}: {}:"
        print(head.format(args.file, error.summary(language)), file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem.describe(language)}", file=sys.stderr)
        return 2
    with Store(args.db) as store:
        result = store.record_file(submitted, plan, source=args.source)
    if args.quiet:
        return 0
    vintage = result.vintage
    if result.repeated:
        print(
            f"{args.file} (SHA-256 {vintage.sha256[:12]}…) was imported as vintage "
            f"{vintage.recorded_at} and changes nothing: not imported again"
        )
        return 0
    who = f", submitted by {vintage.submitted_by}" if vintage.submitted_by else ""
    print(
        f"imported {vintage.observations} values from {args.file} into {args.db}: "
        f"vintage {vintage.recorded_at}{who}, checked against plan version "
        f"{vintage.plan_version[:12]}"
    )
    for change in result.changes:
        print(
            f"  {change.unit or '—'} {change.indicator}: {change.new} new, "
            f"{change.revised} revised, {change.unchanged} unchanged"
        )
    return 0


def _vintages(args: argparse.Namespace) -> int:
    from .store import Store

    with Store(args.db, create=False) as store:
        plan_id = _stored_plan_id(store, args)
        vintages = store.vintages(plan_id)
    print(f"{len(vintages)} vintage{'s' if len(vintages) != 1 else ''} of plan {plan_id} in {args.db}")
    print("recorded (UTC)\tunit\tfile\tSHA-256\tvalues\tsource")
    for v in vintages:
        print(
            f"{v.recorded_at}\t{v.submitted_by or '—'}\t{v.file or '—'}\t"
            f"{v.sha256[:12] or '—'}\t{v.observations}\t{v.source or '—'}"
        )
    return 0


def _stored_plan_id(store: "Store", args: argparse.Namespace) -> str:
    """``--plan-id``, or the database's only plan."""
    if args.plan_id is not None:
        return str(args.plan_id)
    stored = store.plan_ids()
    if len(stored) != 1:
        raise InvalidInputError(
            f"{args.db} holds {len(stored)} plans ({', '.join(stored) or 'none'}): "
            "choose one with --plan-id"
        )
    return stored[0]


def _export(args: argparse.Namespace) -> int:
    from .store import Store

    with Store(args.db, create=False) as store:
        plan_id = _stored_plan_id(store, args)
        rows = store.export(args.output, plan_id)
    if not args.quiet:
        print(f"wrote {rows} observations of plan {plan_id}, every vintage, to {args.output}")
    return 0


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Adds the data subcommands to the ``ontrack`` parser."""
    template = commands.add_parser(
        "template",
        help="write the Excel workbook a responsible unit fills in",
        description=(
            "Write an Excel collection workbook, in one language: an instructions sheet, one "
            "sheet per responsible unit with its indicators (value, count and flag rows), their "
            "targets and one column per year, and a sheet for milestone progress."
        ),
    )
    template.add_argument("plan", nargs="?", help="plan file (default: the bundled Kundulun plan)")
    units = template.add_mutually_exclusive_group(required=True)
    units.add_argument(
        "--unit",
        action="append",
        metavar="UNIT",
        help="a responsible unit, e.g. 卫健委; repeat for several sheets",
    )
    units.add_argument(
        "--all-units", action="store_true", help="one sheet for every responsible unit"
    )
    template.add_argument(
        "--years",
        help="years to collect, e.g. 2015-2024: any from the plan's earliest history year "
        "(default: base year to last year)",
    )
    template.add_argument(
        "--lang", choices=("zh", "en"), default="zh",
        help="language of the whole workbook (default zh)",
    )
    template.add_argument("-o", "--output", required=True, help="the workbook to write (.xlsx)")
    template.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    template.set_defaults(run=_template)

    load = commands.add_parser(
        "import",
        help="import a filled workbook or a tidy table into the monitoring database",
        description=(
            "Check every cell of a filled collection workbook (.xlsx) or a tidy table (.csv, "
            ".parquet) and record its values as a new vintage. Any problem imports nothing; "
            "all problems are listed."
        ),
    )
    load.add_argument("file", help="the filled workbook or table")
    load.add_argument("--db", required=True, help="the monitoring database (created if missing)")
    load.add_argument("--plan", help="plan file (default: the bundled Kundulun plan)")
    load.add_argument(
        "--unit", help="the submitting unit: every sheet and indicator must be its own"
    )
    load.add_argument(
        "--source", default="", help="where the data come from, recorded with the vintage"
    )
    load.add_argument(
        "--lang", choices=("zh", "en"), default="zh",
        help="language of a table's problems (default zh); a template's are in its own language",
    )
    load.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    load.set_defaults(run=_import)

    vintages = commands.add_parser(
        "vintages",
        help="list the imports (vintages) in the monitoring database",
        description=(
            "List every vintage of a plan in the database, oldest first: when it was recorded, "
            "the submitting unit, the file and its SHA-256, the number of values, the source."
        ),
    )
    vintages.add_argument("--db", required=True, help="the monitoring database")
    vintages.add_argument("--plan-id", help="the plan's id (default: the database's only plan)")
    vintages.set_defaults(run=_vintages)

    export = commands.add_parser(
        "data-export",
        help="write every observation, with its vintages, to CSV or Parquet",
        description=(
            "Write every vintage of every observation of a plan in the database to a tidy CSV "
            "or Parquet file, with each vintage's provenance."
        ),
    )
    export.add_argument("--db", required=True, help="the monitoring database")
    export.add_argument("--plan-id", help="the plan's id (default: the database's only plan)")
    export.add_argument(
        "-o", "--output", required=True, help="the file to write (.csv or .parquet)"
    )
    export.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    export.set_defaults(run=_export)

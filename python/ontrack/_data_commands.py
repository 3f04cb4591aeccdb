"""Command-line subcommands for data collection and the monitoring database.

``ontrack template`` writes the Excel workbook a responsible unit fills in, ``ontrack import``
reads a filled workbook (or a tidy CSV/Parquet table) into the database as a new vintage, and
``ontrack data-export`` writes every vintage of every observation to a tidy file.
"""

from __future__ import annotations

import argparse
import os
import re
from typing import List, Optional

from ._core import EARLIEST_YEAR, LATEST_YEAR, FileError, InvalidInputError, Plan, year_range_rule
from .plans import kundulun_women_2021_2030

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
    from .io.excel import responsible_units, write_template

    plan = _load_plan(args.plan)
    units = responsible_units(plan) if args.all_units else args.unit
    write_template(plan, args.output, units, _years(args.years) if args.years else None)
    if not args.quiet:
        print(
            f"wrote {args.output}: {len(units)} unit sheet{'s' if len(units) != 1 else ''} "
            f"for plan {plan.id}"
        )
    return 0


def _import(args: argparse.Namespace) -> int:
    from .store import Store

    plan = _load_plan(args.plan)
    with Store(args.db) as store:
        vintage = store.import_file(args.file, plan, unit=args.unit, source=args.source)
    if not args.quiet:
        who = f", submitted by {vintage.submitted_by}" if vintage.submitted_by else ""
        print(
            f"imported {vintage.observations} values from {args.file} into {args.db}: "
            f"vintage {vintage.recorded_at}{who}"
        )
    return 0


def _export(args: argparse.Namespace) -> int:
    from .store import Store

    if not os.path.isfile(args.db):  # opening would create an empty database
        raise FileError(f"{args.db}: no such database")
    with Store(args.db) as store:
        plan_id = args.plan_id
        if plan_id is None:
            stored = store.plan_ids()
            if len(stored) != 1:
                raise InvalidInputError(
                    f"{args.db} holds {len(stored)} plans ({', '.join(stored) or 'none'}): "
                    "choose one with --plan-id"
                )
            plan_id = stored[0]
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
            "Write an Excel collection workbook: an instructions sheet (Chinese), then one sheet "
            "per responsible unit with its indicators, their targets and one column per year."
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
        "--years", help="years to collect, e.g. 2021-2025 (default: base year to last year)"
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
    load.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    load.set_defaults(run=_import)

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

"""ontrack benchmark: one command, ontrack side by side with what users would otherwise use.

    python bench/run.py [--quick] [--only closed_form,holt,memory] [--out bench/results/latest.json]

Sections (all on panels generated deterministically by bench/panel.py):
  closed_form  linear / log_linear / logit on 10^6 series × 15 years vs NumPy vectorised OLS
  holt         damped Holt on 10^4 series vs statsforecast and statsmodels; holt; auto
  memory       10^7 series streamed from Parquet through project_many; peak resident set

--quick uses 10^5 / 10^3 / 10^6 series. Prints Markdown tables; writes the results and the
machine description as JSON (default bench/results/latest.json, or
bench/results/raw/quick.json for --quick so a quick check never replaces the full results).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path
from typing import Any, Dict

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common
import report
from common import load_average, machine_info

SECTIONS = ("closed_form", "holt", "memory")
FULL = {
    "closed_form": 1_000_000,
    "holt": 10_000,
    "memory": 10_000_000,
    "statsmodels": 200,
    "repeats": 5,
}
QUICK = {
    "closed_form": 100_000,
    "holt": 1_000,
    "memory": 1_000_000,
    "statsmodels": 20,
    "repeats": 3,
}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--quick", action="store_true", help="small sizes for a fast check")
    ap.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help="comma-separated sections to run (default: all of %(default)s)",
    )
    ap.add_argument(
        "--out",
        default=None,
        help="JSON output (default bench/results/latest.json; "
        "bench/results/raw/quick.json with --quick)",
    )
    ap.add_argument(
        "--repeats", type=int, default=None, help="timed runs per measurement (best is reported)"
    )
    ap.add_argument(
        "--threads", type=int, default=None, help="the 'all cores' thread count (default: all)"
    )
    ap.add_argument(
        "--statsmodels-series",
        type=int,
        default=None,
        help="series statsmodels is timed on (default 200, 20 with --quick)",
    )
    ap.add_argument(
        "--memory-batch",
        type=int,
        default=250_000,
        help="series per Parquet batch (default %(default)s)",
    )
    ap.add_argument(
        "--max-wait",
        type=float,
        default=None,
        help="seconds to wait before each timed run for other processes to use < 25%% of the "
        "CPUs (default 10, 0 with --quick)",
    )
    ap.add_argument(
        "--tmpdir",
        default=None,
        help="where the temporary Parquet files go (default: the system's)",
    )
    args = ap.parse_args(argv)

    only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in only if s not in SECTIONS]
    if unknown:
        ap.error(f"unknown section(s) {unknown}; choose from {list(SECTIONS)}")
    sizes = dict(QUICK if args.quick else FULL)
    repeats = args.repeats or sizes["repeats"]
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count() or 1
    threads_all = args.threads or usable
    sm_series = args.statsmodels_series or sizes["statsmodels"]
    out_path = (
        Path(args.out)
        if args.out
        else HERE / "results" / ("raw/quick.json" if args.quick else "latest.json")
    )

    common.QUIET["max_wait_s"] = (
        args.max_wait if args.max_wait is not None else (0.0 if args.quick else 10.0)
    )
    t_start = time.perf_counter()

    def log(msg: str) -> None:
        print(f"[{time.perf_counter() - t_start:7.1f} s] {msg}", file=sys.stderr, flush=True)

    info = machine_info()
    la = info["load_average_1_5_15_at_start"]
    if la and la[0] > 1.5:
        log(
            f"warning: load average {la[0]} on {info['logical_cores']} cores; timings will be disturbed "
            "(rerun when the machine is quieter)"
        )
    results: Dict[str, Any] = {
        "machine": info,
        "config": {
            "quick": args.quick,
            "sections": only,
            "repeats": repeats,
            "threads_all": threads_all,
            "sizes": {k: sizes[k] for k in ("closed_form", "holt", "memory")},
            "statsmodels_series": sm_series,
            "memory_batch_series": args.memory_batch,
            "timing": "time.perf_counter; best (minimum) of the repeats; every run kept in times_s",
            "quiet_wait": dict(common.QUIET),
        },
        "sections": {},
    }
    failed = False
    for section in only:
        log(f"section {section}")
        try:
            if section == "closed_form":
                import closed_form

                results["sections"][section] = closed_form.run(
                    sizes["closed_form"], repeats, threads_all, log
                )
            elif section == "holt":
                import holt

                results["sections"][section] = holt.run(
                    sizes["holt"], repeats, threads_all, sm_series, log
                )
            elif section == "memory":
                import memory

                results["sections"][section] = memory.run(
                    sizes["memory"], threads_all, args.memory_batch, args.tmpdir, log
                )
        except Exception as err:  # noqa: BLE001 - a failed section is reported; the others still run
            failed = True
            log(f"section {section} failed: {err}")
            traceback.print_exc()
            results["sections"][section] = {"error": f"{type(err).__name__}: {err}"}
    results["load_average_1_5_15_at_end"] = load_average()
    results["total_s"] = time.perf_counter() - t_start
    results["goals"] = report.goals(results)

    out_path.parent.mkdir(parents=True, exist_ok=True)
    with open(out_path, "w") as f:
        json.dump(results, f, indent=1, default=float)
        f.write("\n")
    print(report.render(results))
    log(
        f"wrote {out_path.relative_to(HERE.parent) if out_path.is_relative_to(HERE.parent) else out_path}"
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

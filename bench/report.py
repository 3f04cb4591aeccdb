"""Renders the benchmark JSON as Markdown tables and evaluates the goals.

``python bench/report.py bench/results/latest.json`` prints the tables of a saved run (the
tables in docs/benchmarks.md are this output).
"""

from __future__ import annotations

import json
import sys
from typing import Any, Dict, List

GOAL_VS_BLAS = 1.0  # default project_many, one thread, against NumPy's one-thread BLAS OLS
GOAL_ALL_CORES = 1.8  # all cores against one thread
GOAL_KERNEL_PER_CORE = 20e6  # linear, the C++ kernel from C++, one thread
GOAL_HOLT_RATIO = 50.0
GOAL_AUTO_PER_CORE = 20_000
GOAL_PEAK_MB = 2048


def _m(x: float) -> str:
    return f"{x / 1e6:.2f} M/s"


def _n(x: float) -> str:
    return f"{x:,.0f}/s"


def _x(x: float) -> str:
    return f"{x:.2f}×" if x < 10 else f"{x:,.0f}×"


def _yes(ok: bool) -> str:
    return "**met**" if ok else "**missed**"


def goals(res: Dict[str, Any]) -> List[Dict[str, Any]]:
    out: List[Dict[str, Any]] = []
    th = res["config"]["threads_all"]
    cf = res["sections"].get("closed_form")
    if cf and "models" in cf:
        for model, r in cf["models"].items():
            if "median_ratio_default_1thread_vs_blas_1thread" not in r:
                continue
            vs_blas = r["median_ratio_default_1thread_vs_blas_1thread"]
            out.append(
                {
                    "goal": f"{model}: default project_many, threads=1, ≥ {GOAL_VS_BLAS:g}× NumPy BLAS matvec OLS "
                    "(1 BLAS thread) — medians of alternating runs",
                    "measured": _x(vs_blas),
                    "met": vs_blas >= GOAL_VS_BLAS,
                }
            )
            scaling = r["median_ratio_all_threads_vs_1thread"]
            out.append(
                {
                    "goal": f"{model}: project_many, {th} threads ≥ {GOAL_ALL_CORES:g}× one thread",
                    "measured": _x(scaling),
                    "met": scaling >= GOAL_ALL_CORES,
                }
            )
            if model == "linear" and "cpp_1thread" in r["timings"]:
                c = r["timings"]["cpp_1thread"]
                k = c["series_per_s_median"]
                limit = c.get("read_inputs_series_per_s")
                of_limit = f" ({k / limit:.0%} of reading the inputs once: {_m(limit)})" if limit else ""
                out.append(
                    {
                        "goal": f"linear: C++ kernel ≥ {GOAL_KERNEL_PER_CORE / 1e6:g} M series/s per core (from C++, threads=1)",
                        "measured": _m(k) + of_limit,
                        "met": k >= GOAL_KERNEL_PER_CORE,
                    }
                )
    h = res["sections"].get("holt")
    if h and "timings" in h:
        t = h["timings"]
        for key, name in (("ontrack_damped_holt_1thread", "damped Holt"), ("ontrack_holt_1thread", "Holt")):
            ratio = h["ratio_vs_statsforecast_damped"].get(key)
            if ratio is None:
                continue
            out.append(
                {
                    "goal": f"{name} ≥ {GOAL_HOLT_RATIO:g}× statsforecast AutoETS(AAN, damped) per core",
                    "measured": _x(ratio),
                    "met": ratio >= GOAL_HOLT_RATIO,
                }
            )
        ra = t["ontrack_auto_1thread"]["series_per_s"]
        out.append(
            {
                "goal": f"auto (all models) ≥ {GOAL_AUTO_PER_CORE:,} series/s per core",
                "measured": _n(ra),
                "met": ra >= GOAL_AUTO_PER_CORE,
            }
        )
    m = res["sections"].get("memory")
    if m and "peak_rss_mb" in m:
        out.append(
            {
                "goal": f"streaming {m['n_series']:,} series: peak RSS well under 2 GB",
                "measured": f"{m['peak_rss_mb']:,.0f} MB (input {m['input_uncompressed_mb'] / 1024:.2f} GB uncompressed)",
                "met": m["peak_rss_mb"] < GOAL_PEAK_MB,
            }
        )
    return out


def render(res: Dict[str, Any]) -> str:
    lines: List[str] = []
    mi = res["machine"]
    cfg = res["config"]
    th = cfg["threads_all"]
    lines.append(
        f"Machine: {mi['cpu_model']}, {mi['logical_cores']} cores, {mi['ram_gb']} GB RAM, "
        f"{mi['os']}, Python {mi['python']}; {mi['date_utc']}"
    )
    v = mi["versions"]
    lines.append("Versions: " + ", ".join(f"{k} {v[k]}" for k in v if v[k]))
    la0 = mi.get("load_average_1_5_15_at_start")
    la1 = res.get("load_average_1_5_15_at_end")
    qw = cfg.get("quiet_wait") or {}
    wait = (
        f" Before each timed run the benchmark waited up to {qw['max_wait_s']:g} s for other processes "
        f"to use less than {qw['threshold']:.0%} of the CPUs."
        if qw.get("max_wait_s")
        else ""
    )
    lines.append(
        f"Load average (1, 5, 15 min): {la0} at start, {la1} at end. "
        f"Times: time.perf_counter, the best of several runs (see each section).{wait}"
    )
    lines.append("")

    cf = res["sections"].get("closed_form")
    if cf and "models" in cf:
        models = list(cf["models"])
        lines.append(f"### Closed-form family: {cf['n_series']:,} series × {cf['n_years']} years")
        lines.append("")
        lines.append(
            f"Series per second, median of {cf.get('repeats', cfg['repeats'])} runs (ratio to the NumPy OLS "
            "row; > 1 means faster than NumPy). NumPy, both BLAS variants and `project_many` were timed "
            "in turn, run by run (the best runs are in the JSON)."
        )
        lines.append("")
        lines.append("| implementation | computes | " + " | ".join(models) + " |")
        lines.append("|---|---|" + "---|" * len(models))
        rows = [
            ("ontrack_1thread", "**ontrack `project_many`, threads=1 — the default call**", "all¹"),
            ("numpy_ols", "NumPy OLS, textbook vectorised", "slope, intercept"),
            ("numpy_ols_blas_1thread", "NumPy OLS, BLAS matvec, 1 BLAS thread", "slope, intercept"),
            ("numpy_ols_blas", "NumPy OLS, BLAS matvec, default BLAS threads", "slope, intercept"),
            ("ontrack_1thread_no_reasons", "ontrack `project_many`, threads=1, reasons=False", "all¹ but reasons"),
            (f"ontrack_{th}threads", f"ontrack `project_many`, threads={th}", "all¹"),
            ("cpp_1thread", "ontrack C++ kernel from C++², threads=1", "all¹"),
            (f"cpp_{th}threads", f"ontrack C++ kernel from C++², threads={th}", "all¹"),
        ]
        for key, label, what in rows:
            if key not in cf["models"][models[0]]["timings"]:
                continue
            cells = []
            for m in models:
                timings = cf["models"][m]["timings"]
                t = timings[key].get("series_per_s_median", timings[key]["series_per_s"])
                ref = timings["numpy_ols"].get("series_per_s_median", timings["numpy_ols"]["series_per_s"])
                cells.append(f"{_m(t)} ({_x(t / ref)})")
            lines.append(f"| {label} | {what} | " + " | ".join(cells) + " |")
        cpp = cf["models"][models[0]]["timings"].get("cpp_1thread", {})
        if "read_inputs_series_per_s" in cpp:
            cells = [_m(cf["models"][m]["timings"]["cpp_1thread"]["read_inputs_series_per_s"]) for m in models]
            lines.append("| reading the kernel's inputs once from C++³, threads=1 | memory bandwidth | "
                         + " | ".join(cells) + " |")
        lines.append("")
        lines.append(
            "¹ status, n, last year, model-scale slope, value-scale annual change, point at "
            f"{cf['deadline']}, {cf['level']:.0%} prediction interval, P(value ≥ {cf['target']:g}). "
            "`project_many` allocates the result and the kernel writes into it in place. "
            "² bench/kernel_bench.cpp: `project_batch` called from a C++ program built with the "
            "release flags (-O3 -DNDEBUG), output buffers allocated once and reused. "
            "³ the same program sums the 64-bit words of values, years and offsets (what the kernel "
            "must read), alternating with the kernel: the memory-bandwidth limit for these inputs."
        )
        blas = cf.get("blas")
        if blas:
            lines.append("")
            lines.append(f"NumPy's BLAS (threadpoolctl): {blas.get('libraries')}; OPENBLAS_CORETYPE="
                         f"{blas.get('OPENBLAS_CORETYPE')}, OPENBLAS_L2_SIZE={blas.get('OPENBLAS_L2_SIZE')}.")
        lines.append("")
        lines.append("Agreement (checked before timing):")
        lines.append("")
        lines.append(
            "| model | slope max rel. diff vs NumPy | point max rel. diff | interval max rel. diff vs SciPy | prob max abs. diff vs SciPy | 1 vs all threads bit-identical | all ok |"
        )
        lines.append("|---|---|---|---|---|---|---|")
        for m in models:
            c = cf["models"][m]["verification"]
            lines.append(
                f"| {m} | {c['slope_max_rel_diff']:.1e} | {c['point_max_rel_diff']:.1e} | "
                f"{c['interval_max_rel_diff']:.1e} | {c['prob_max_abs_diff']:.1e} | "
                f"{'yes' if c['bit_identical_1_vs_all_threads'] else 'NO'} | "
                f"{'yes' if c['ok'] else 'NO'} |"
            )
        lines.append("")

    h = res["sections"].get("holt")
    if h and "timings" in h:
        lines.append(
            f"### Damped Holt: {h['n_series']:,} series × {h['n_years']} years, horizon {h['horizon']}"
        )
        lines.append("")
        if "repeats" in h:
            lines.append(
                f"Best of {h['repeats']} runs ({h['slow_repeats']} for the two `auto` rows and statsforecast's "
                "AutoETS ZZN; statsmodels: one pass over its subset)."
            )
            lines.append("")
        lines.append("| implementation | series/s | vs statsforecast | vs statsmodels |")
        lines.append("|---|---|---|---|")
        labels = {
            "ontrack_damped_holt_1thread": "ontrack damped_holt, threads=1",
            f"ontrack_damped_holt_{th}threads": f"ontrack damped_holt, threads={th}",
            "ontrack_damped_holt_frame_1thread": "ontrack damped_holt, threads=1, from the long DataFrame",
            "ontrack_holt_1thread": "ontrack holt (undamped), threads=1",
            "ontrack_auto_1thread": "ontrack auto (all models, rolling-origin selection), threads=1",
            f"ontrack_auto_{th}threads": f"ontrack auto, threads={th}",
            "statsforecast_damped_1job": 'statsforecast AutoETS(model="AAN", damped=True), n_jobs=1',
            "statsforecast_autoets_ZZN_1job": 'statsforecast AutoETS(model="ZZN") (its auto), n_jobs=1',
            "statsmodels_damped_extrapolated": f"statsmodels ETSModel(A,Ad,N), {h['statsmodels_series']} series, extrapolated",
        }
        for key, label in labels.items():
            if key not in h["timings"]:
                continue
            t = h["timings"][key]["series_per_s"]
            lines.append(
                f"| {label} | {_n(t)} | {_x(h['ratio_vs_statsforecast_damped'][key])} | "
                f"{_x(h['ratio_vs_statsmodels_damped'][key])} |"
            )
        lines.append("")
        a = h["agreement_vs_statsforecast"]
        b = h["agreement_vs_statsmodels"]
        lines.append(
            f"Agreement of the damped Holt point forecast at {h['deadline']} (not asserted): vs statsforecast "
            f"median relative difference {a['point']['median_rel_diff']:.2%}, 90th percentile "
            f"{a['point']['p90_rel_diff']:.1%}, {a['point']['share_within_1pct']:.0%} of series within 1 %; "
            f"vs statsmodels ({b['point']['compared']} series) median {b['point']['median_rel_diff']:.2%}, "
            f"90th percentile {b['point']['p90_rel_diff']:.1%}. Median 95 % interval width ratio "
            f"ontrack/statsforecast {a['median_interval_width_ratio_ontrack_over_statsforecast']:.2f}, "
            f"ontrack/statsmodels {b['median_interval_width_ratio_ontrack_over_statsmodels']:.2f}. "
            f"ontrack statuses: {h['ontrack_status_counts']}; auto chose {h['auto_chosen_models']}."
        )
        fq = h.get("fit_quality_vs_statsforecast")
        if fq:
            lines.append("")
            lines.append(
                f"Fit quality (first {fq['series']} series; both libraries maximise loglik = −0.5·n·log(SSE)): "
                f"statsforecast's damped Holt reaches a lower one-step SSE than ontrack's in "
                f"{fq['share_statsforecast_lower_sse']:.0%} of series, ontrack's in {fq['share_ontrack_lower_sse']:.0%}; "
                f"median SSE ratio ontrack/statsforecast {fq['median_sse_ratio_ontrack_over_statsforecast']:.3f}, "
                f"90th percentile {fq['p90_sse_ratio']:.3f}."
            )
        if "frame_input_error" in h:
            lines.append("")
            lines.append(f"DataFrame input failed: {h['frame_input_error']}")
        lines.append("")

    m = res["sections"].get("memory")
    if m and "peak_rss_mb" in m:
        lines.append(
            f"### Streaming {m['n_series']:,} series × {m['n_years']} years from Parquet ({m['model']}, threads={m['threads']})"
        )
        lines.append("")
        lines.append("| quantity | value |")
        lines.append("|---|---|")
        lines.append(
            f"| input, uncompressed (int32 series, int32 year, float64 value) | {m['input_uncompressed_mb']:,.0f} MB |"
        )
        lines.append(f"| input, Parquet file (snappy) | {m['input_parquet_mb']:,.0f} MB |")
        lines.append(
            f"| resident set before reading (Python, NumPy, pyarrow, ontrack) | {m['rss_before_reading_mb']:,.0f} MB |"
        )
        lines.append(f"| **peak resident set (VmHWM)** | **{m['peak_rss_mb']:,.0f} MB** |")
        lines.append(
            f"| peak above the resident set before reading | {m['peak_above_before_reading_mb']:,.0f} MB |"
        )
        lines.append(f"| batches of {m['batch_series']:,} series | {m['batches']} |")
        lines.append(
            f"| end to end (read, project, write results to Parquet) | {m['elapsed_s']:.1f} s, {_m(m['series_per_s_end_to_end'])} |"
        )
        lines.append(
            f"| inside project_many | {m['project_many_s']:.1f} s, {_m(m['series_per_s_project_many'])} |"
        )
        if "write_results_s" in m:
            lines.append(
                f"| of which reading Parquet and splitting batches / writing results | "
                f"{m['read_and_split_s']:.1f} s / {m['write_results_s']:.1f} s |"
            )
        lines.append(f"| series ok | {m['ok']:,} of {m['series']:,} |")
        lines.append("")

    g = goals(res)
    if g:
        lines.append("### Goals")
        lines.append("")
        lines.append("| goal | measured | |")
        lines.append("|---|---|---|")
        for row in g:
            lines.append(f"| {row['goal']} | {row['measured']} | {_yes(row['met'])} |")
        lines.append("")
    for name, sec in res["sections"].items():
        if "error" in sec:
            lines.append(f"Section {name} failed: {sec['error']}")
    return "\n".join(lines)


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "bench/results/latest.json"
    with open(path) as f:
        print(render(json.load(f)))

"""Section 1: the closed-form family (linear, log_linear, logit) against NumPy OLS.

The reference is what a NumPy user writes for a (n_series, n_years) array: the textbook
closed-form OLS slope and intercept, vectorised over series (and, as a second row, the same with
the cross-product as a BLAS matrix-vector product). The NumPy code computes the slope and
intercept only; ontrack also computes the point projection, the 95 % prediction interval, the
probability of meeting a target, the value-scale annual change and a status per series.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from functools import partial
from pathlib import Path
from typing import Any, Callable, Dict, Optional, Tuple

import numpy as np
import ontrack
from common import (BOUNDS, DEADLINE, LEVEL, REPO, TARGET, alternating, best_of, load_average, ontrack_projections,
                    rate, wait_quiet)
from panel import make_panel

MODELS = ("linear", "log_linear", "logit")


def _transform(model: str) -> Callable[[np.ndarray], np.ndarray]:
    lo, hi = BOUNDS
    if model == "log_linear":
        return np.log
    if model == "logit":
        return lambda y: np.log((y - lo) / (hi - y))
    return lambda y: y


def _inverse(model: str) -> Callable[[np.ndarray], np.ndarray]:
    lo, hi = BOUNDS
    if model == "log_linear":
        return np.exp
    if model == "logit":
        return lambda z: lo + (hi - lo) / (1.0 + np.exp(-z))
    return lambda z: z


def numpy_ols(Y: np.ndarray, x: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Textbook vectorised OLS of every row of Y on x: slope and intercept."""
    xc = x - x.mean()
    slope = ((Y - Y.mean(axis=1, keepdims=True)) * xc).sum(axis=1) / (xc @ xc)
    intercept = Y.mean(axis=1) - slope * x.mean()
    return slope, intercept


def numpy_ols_blas(Y: np.ndarray, x: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """The same with the cross-product as one matrix-vector product (BLAS gemv)."""
    xc = x - x.mean()
    slope = (Y @ xc) / (xc @ xc)
    intercept = Y.mean(axis=1) - slope * x.mean()
    return slope, intercept


def _numpy_reference(
    fn: Callable[[np.ndarray, np.ndarray], Any],
    g: Callable[[np.ndarray], np.ndarray],
    Y: np.ndarray,
    x: np.ndarray,
) -> Any:
    """What the NumPy user times: the transform, then the OLS."""
    return fn(g(Y), x)


def _project_many(values, years, offsets, model: str, threads: int, **options: Any):
    return ontrack_projections(model, threads, values=values, years=years, offsets=offsets, **options)


def build_cpp_driver(workdir: Path, log: Callable[[str], None]) -> Optional[Path]:
    """Compiles kernel_bench.cpp with the release build's flags; None when that is impossible."""
    cxx = os.environ.get("CXX") or shutil.which("c++") or shutil.which("g++")
    if not cxx:
        log("closed form: no C++ compiler; skipping the C++-only timing")
        return None
    flags = []
    try:
        flags = subprocess.run(
            ["pkg-config", "--cflags", "eigen3"], capture_output=True, text=True, check=True
        ).stdout.split()
    except (OSError, subprocess.CalledProcessError):
        flags = ["-isystem", "/usr/include/eigen3"]
    exe = workdir / "kernel_bench"
    cmd = [
        cxx,
        "-O3",
        "-DNDEBUG",
        "-std=c++17",
        "-pthread",
        "-I",
        str(REPO / "include"),
        *flags,
        str(Path(__file__).with_name("kernel_bench.cpp")),
        str(REPO / "src" / "vector_log.cpp"),  # the library's one compiled part the kernel uses
        "-o",
        str(exe),
    ]
    # With glibc's libmvec, as the library's CMake build uses it when present.
    log("closed form: compiling the C++ driver (-O3 -DNDEBUG, as the release build)")
    proc = subprocess.run(cmd + ["-DONTRACK_HAVE_LIBMVEC", "-DONTRACK_HAVE_LIBMVEC_ATAN", "-lmvec"], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        log(f"closed form: the C++ driver did not compile; skipping it:\n{proc.stderr[-2000:]}")
        return None
    return exe


def run_cpp_driver(
    exe: Path,
    values_path: Path,
    years_path: Path,
    n: int,
    t: int,
    model: str,
    threads: int,
    repeats: int,
) -> Dict[str, Any]:
    wait_quiet()
    proc = subprocess.run(
        [
            str(exe),
            str(values_path),
            str(years_path),
            str(n),
            str(t),
            model,
            str(threads),
            str(repeats),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    out = json.loads(proc.stdout)
    times, reads = out["times_s"], out["read_s"]
    return {
        "best_s": min(times),
        "median_s": sorted(times)[len(times) // 2],
        "times_s": times,
        "ok": out["ok"],
        # Reading the inputs once, alternating with the kernel: the memory-bandwidth limit.
        "read_inputs_median_s": sorted(reads)[len(reads) // 2],
        "read_inputs_times_s": reads,
        "input_bytes": out["input_bytes"],
    }


def _blas_info(available: bool) -> Any:
    """Which BLAS (and which of its kernels) NumPy runs, from threadpoolctl, and the OpenBLAS
    variables that can change it."""
    info: Dict[str, Any] = {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    if available:
        from threadpoolctl import threadpool_info

        info["libraries"] = [
            {k: lib.get(k) for k in ("internal_api", "version", "architecture", "num_threads")}
            for lib in threadpool_info()
            if lib.get("user_api") == "blas"
        ]
    return info


def _rel_diff(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """|a − b| relative to |b|, with |b| floored at 1e-3 × its median (so a value a thousand
    times smaller than typical is judged on the typical scale, not divided by ~0)."""
    floor = 1e-3 * float(np.median(np.abs(b)))
    return np.abs(a - b) / np.maximum(np.abs(b), floor)


def verify(
    model: str,
    Y: np.ndarray,
    x: np.ndarray,
    values,
    years,
    offsets,
    threads_all: int,
    n_check: int = 2000,
) -> Dict[str, Any]:
    """ontrack against NumPy/SciPy where they compute the same thing."""
    from scipy import stats

    g, ginv = _transform(model), _inverse(model)
    res = _project_many(values, years, offsets, model, threads_all)
    codes, counts = np.unique(res["status"], return_counts=True)
    status = [ontrack.STATUSES[c] for c in codes]
    Z = g(Y)
    slope, intercept = numpy_ols(Z, x)
    point_np = ginv(intercept + slope * DEADLINE)
    out: Dict[str, Any] = {
        "status_counts": {str(s): int(c) for s, c in zip(status, counts)},
        "slope_max_rel_diff": float(_rel_diff(res["slope"], slope).max()),
        "point_max_rel_diff": float(_rel_diff(res["point"], point_np).max()),
    }
    if model == "linear":
        out["annual_change_max_rel_diff"] = float(_rel_diff(res["annual_change"], slope).max())
    # Interval and probability: the classical OLS prediction interval with Student-t(n − 2),
    # computed independently with SciPy on a subset, back-transformed.
    k = min(n_check, len(Y))
    z, xs = Z[:k], x
    n = z.shape[1]
    s_k, i_k = slope[:k], intercept[:k]
    resid = z - (i_k[:, None] + s_k[:, None] * xs[None, :])
    sigma = np.sqrt((resid**2).sum(axis=1) / (n - 2))
    sxx = ((xs - xs.mean()) ** 2).sum()
    dt = DEADLINE - xs.mean()
    scale = sigma * np.sqrt(1.0 + 1.0 / n + dt * dt / sxx)
    loc = i_k + s_k * DEADLINE
    q = stats.t.ppf(0.5 + LEVEL / 2, n - 2)
    lower, upper = ginv(loc - q * scale), ginv(loc + q * scale)
    prob = stats.t.sf((g(np.array(TARGET)) - loc) / scale, n - 2)
    out["interval_max_rel_diff"] = float(
        max(_rel_diff(res["lower"][:k], lower).max(), _rel_diff(res["upper"][:k], upper).max())
    )
    out["prob_max_abs_diff"] = float(np.abs(res["prob"][:k] - prob).max())
    out["interval_prob_checked_series"] = k
    # Thread invariance: one thread and all threads give bit-identical results.
    one = _project_many(values, years, offsets, model, 1)
    many = _project_many(values, years, offsets, model, threads_all)
    out["bit_identical_1_vs_all_threads"] = all(
        np.array_equal(one[c], many[c], equal_nan=True)
        for c in ("point", "lower", "upper", "prob", "slope")
    )
    out["ok"] = (
        out["slope_max_rel_diff"] <= 1e-9
        and out["point_max_rel_diff"] <= 1e-9
        and out["interval_max_rel_diff"] <= 1e-9
        and out["prob_max_abs_diff"] <= 1e-9
        and out["bit_identical_1_vs_all_threads"]
        and out["status_counts"].get("ok", 0) == len(Y)
    )
    return out


def run(
    n_series: int, repeats: int, threads_all: int, log: Callable[[str], None]
) -> Dict[str, Any]:
    """Each measurement here takes well under 2 s, so it is repeated twice as often as the
    others: on a shared virtual machine single runs vary by ±30 %."""
    repeats = 2 * repeats
    log(f"closed form: generating {n_series:,} series x 15 years")
    panel = make_panel(n_series)
    workdir = Path(tempfile.mkdtemp(prefix="ontrack-bench-"))
    try:
        exe = build_cpp_driver(workdir, log)
        if exe is not None:
            panel.values.tofile(workdir / "values.f64")
            panel.years.tofile(workdir / "years.i32")
        return _run(n_series, repeats, threads_all, log, panel, exe, workdir)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _run(
    n_series: int,
    repeats: int,
    threads_all: int,
    log: Callable[[str], None],
    panel: Any,
    exe: Optional[Path],
    workdir: Path,
) -> Dict[str, Any]:
    Y = panel.values
    x = panel.years.astype(np.float64)
    values, years, offsets = panel.csr()
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - threadpoolctl comes with scikit-learn/statsforecast
        threadpool_limits = None

    results: Dict[str, Any] = {
        "blas": _blas_info(threadpool_limits is not None),
        "n_series": n_series,
        "n_years": panel.n_years,
        "repeats": repeats,
        "target": TARGET,
        "level": LEVEL,
        "deadline": DEADLINE,
        "models": {},
    }
    for model in MODELS:
        log(f"closed form: {model}: verifying against NumPy/SciPy")
        check = verify(model, Y, x, values, years, offsets, threads_all)
        log(f"closed form: {model}: {check}")
        g = _transform(model)
        timings: Dict[str, Any] = {}
        # The goals' comparisons alternate, run by run: NumPy (BLAS limited to one thread, which
        # nothing of ontrack's uses), the default project_many on one thread and on all, and
        # the same without reasons (what that option saves).
        rounds = {
            "numpy_ols": partial(_numpy_reference, numpy_ols, g, Y, x),
            "numpy_ols_blas_1thread": partial(_numpy_reference, numpy_ols_blas, g, Y, x),
            "ontrack_1thread": partial(_project_many, values, years, offsets, model, 1),
            "ontrack_1thread_no_reasons": partial(_project_many, values, years, offsets, model, 1, reasons=False),
            f"ontrack_{threads_all}threads": partial(_project_many, values, years, offsets, model, threads_all),
        }
        if threadpool_limits is not None:
            with threadpool_limits(limits=1):
                timings.update(alternating(rounds, repeats))
        else:  # then the "1 BLAS thread" row runs the default BLAS threads
            timings.update(alternating(rounds, repeats))
        timings["numpy_ols_blas"] = best_of(
            partial(_numpy_reference, numpy_ols_blas, g, Y, x), repeats
        )
        if exe is not None:
            for th in (1, threads_all):
                timings[f"cpp_{th}thread" + ("s" if th > 1 else "")] = run_cpp_driver(
                    exe,
                    workdir / "values.f64",
                    workdir / "years.i32",
                    n_series,
                    panel.n_years,
                    model,
                    th,
                    repeats,
                )
        for t in timings.values():
            t["series_per_s"] = rate(n_series, t["best_s"])
            t["series_per_s_median"] = rate(n_series, t["median_s"])
            if "read_inputs_median_s" in t:
                t["read_inputs_series_per_s"] = rate(n_series, t["read_inputs_median_s"])
        ref = timings["numpy_ols"]["series_per_s"]
        ratios = {name: t["series_per_s"] / ref for name, t in timings.items()}
        blas = timings["numpy_ols_blas_1thread"]["series_per_s_median"]
        one = timings["ontrack_1thread"]["series_per_s_median"]
        results["models"][model] = {
            "verification": check,
            "timings": timings,
            "ratio_vs_numpy_ols": ratios,
            # The goals: ratios of medians of alternating runs.
            "median_ratio_default_1thread_vs_blas_1thread": one / blas,
            "median_ratio_all_threads_vs_1thread": timings[f"ontrack_{threads_all}threads"]["series_per_s_median"] / one,
            "median_ratio_no_reasons_vs_default": timings["ontrack_1thread_no_reasons"]["series_per_s_median"] / one,
            "load_average": load_average(),
        }
        log(
            f"closed form: {model}: "
            + ", ".join(f"{k} {v['series_per_s'] / 1e6:.2f} M/s" for k, v in timings.items())
        )
    return results

"""Timing and machine description shared by the benchmark sections."""

from __future__ import annotations

import datetime as _dt
import gc
import os
import platform
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

REPO = Path(__file__).resolve().parent.parent


#: Before each timed run, wait up to ``max_wait_s`` for the other processes to use less than
#: ``threshold`` of the machine's CPU time (run.py sets these; 0 disables the wait).
QUIET = {"threshold": 0.25, "max_wait_s": 0.0}


#: What every section asks of every library: each series to 2030, a 95 % interval and the
#: probability of reaching 80; logit (and auto, which may choose it) within 0–100.
DEADLINE = 2030
LEVEL = 0.95
TARGET = 80.0
BOUNDS = (0.0, 100.0)


def ontrack_projections(model: str, threads: int, frame: Any = None, **inputs: Any) -> Any:
    """ontrack.project_many as every section times it — the default call (reasons included):
    ``frame`` or CSR ``inputs`` (values=, years=, offsets=), or column names (series=, year=,
    value=) with ``frame``; other options (e.g. reasons=False) in ``inputs``."""
    import ontrack

    bounds = {"bounds": BOUNDS} if model in ("logit", "auto") else {}
    return ontrack.project_many(frame, model=model, to=DEADLINE, level=LEVEL, target=TARGET,
                                threads=threads, **bounds, **inputs)


def _cpu_times() -> Optional[List[int]]:
    try:
        with open("/proc/stat") as f:
            return [int(v) for v in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None


def cpu_busy(interval: float = 0.5) -> Optional[float]:
    """Share of all CPUs busy during ``interval`` (whoever uses them), from /proc/stat."""
    a = _cpu_times()
    time.sleep(interval)
    b = _cpu_times()
    if not a or not b:
        return None
    d = [y - x for x, y in zip(a, b)]
    total = sum(d[:8])
    idle = d[3] + d[4]  # idle + iowait
    return (total - idle) / total if total > 0 else None


def wait_quiet() -> Optional[float]:
    """Waits (up to QUIET["max_wait_s"]) until the machine is nearly idle; returns the busy share
    last seen. While this process sleeps here, whatever keeps the CPUs busy is someone else."""
    if QUIET["max_wait_s"] <= 0:
        return None
    deadline = time.monotonic() + QUIET["max_wait_s"]
    while True:
        busy = cpu_busy(0.5)
        if busy is None or busy < QUIET["threshold"] or time.monotonic() >= deadline:
            return busy


def best_of(fn: Callable[[], Any], repeats: int) -> Dict[str, Any]:
    """Runs ``fn`` ``repeats`` times; returns the best (minimum) wall time and all of them.

    The best time is the least disturbed by other processes on a shared machine; every run's
    time is kept in the JSON so the spread can be judged, with the share of the CPUs others were
    using just before it started.
    """
    times: List[float] = []
    busy: List[Optional[float]] = []
    for _ in range(max(1, repeats)):
        gc.collect()
        busy.append(wait_quiet())
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
        del out
    result: Dict[str, Any] = {
        "best_s": min(times),
        "median_s": sorted(times)[len(times) // 2],
        "times_s": times,
    }
    if any(b is not None for b in busy):
        result["others_cpu_share_before"] = [None if b is None else round(b, 3) for b in busy]
    return result


def alternating(fns: Dict[str, Callable[[], Any]], repeats: int) -> Dict[str, Dict[str, Any]]:
    """Times every function of ``fns`` once per round, ``repeats`` rounds, in turn — so a slow
    spell of the shared machine hits all of them alike. Per function: best, median, every time;
    ratios are taken between medians."""
    times: Dict[str, List[float]] = {name: [] for name in fns}
    for _ in range(max(1, repeats)):
        for name, fn in fns.items():
            gc.collect()
            wait_quiet()
            t0 = time.perf_counter()
            out = fn()
            times[name].append(time.perf_counter() - t0)
            del out
    return {
        name: {"best_s": min(t), "median_s": sorted(t)[len(t) // 2], "times_s": t, "alternating": True}
        for name, t in times.items()
    }


def rate(n: int, seconds: float) -> float:
    return n / seconds if seconds > 0 else float("nan")


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _mem_total_bytes() -> Optional[int]:
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def _version(dist: str) -> Optional[str]:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return None


def _git(*args: str) -> Optional[str]:
    try:
        return subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=10, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def load_average() -> Optional[List[float]]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return None


def machine_info() -> Dict[str, Any]:
    try:
        import ontrack

        ontrack_version = getattr(ontrack, "__version__", None) or _version("ontrack")
    except ImportError:
        ontrack_version = None
    usable: Optional[int]
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        usable = os.cpu_count()
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    mem = _mem_total_bytes()
    return {
        "date_utc": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "cpu_model": _cpu_model(),
        "logical_cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gb": round(mem / 2**30, 1) if mem else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "versions": {
            name: _version(name)
            for name in ("numpy", "pandas", "pyarrow", "scipy", "statsforecast", "statsmodels")
        }
        | {"ontrack": ontrack_version},
        "ontrack_commit": None if commit is None else commit + ("+local changes" if dirty else ""),
        "load_average_1_5_15_at_start": load_average(),
        "argv": sys.argv[1:],
    }

"""The calibrated uncertainty's cost in the batch kernel: project_many with the default
(calibrated) beside uncertainty="model", in one run, as a ratio (goal: within 2×).

Run: ``.venv/bin/python bench/calibration/speed.py [--series N] [--threads T]``.
"""
from __future__ import annotations

import argparse
import time

import numpy as np

import ontrack


def best_of(repeats: int, fn) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--series", type=int, default=200_000)
    parser.add_argument("--points", type=int, default=15)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    n, k = args.series, args.points
    offsets = np.arange(0, (n + 1) * k, k, dtype=np.int64)
    years = np.tile(np.arange(2010, 2010 + k, dtype=np.int64), n)
    values = (50 + np.cumsum(rng.normal(0.5, 1.0, (n, k)), axis=1)).ravel()
    print(f"{n} series of {k} points, {args.threads} thread(s), best of {args.repeats}")
    for model in ("linear", "log_linear", "logit"):
        timing = {}
        for unc in ("model", "calibrated"):
            timing[unc] = best_of(args.repeats, lambda: ontrack.project_many(
                offsets=offsets, years=years, values=values, model=model, to=2030, level=[0.8, 0.95],
                target=60.0, uncertainty=unc, threads=args.threads, reasons=False))
        print(f"{model:10s} model {n / timing['model']:>12,.0f} series/s   calibrated "
              f"{n / timing['calibrated']:>12,.0f} series/s   ratio {timing['calibrated'] / timing['model']:.2f}")


if __name__ == "__main__":
    main()

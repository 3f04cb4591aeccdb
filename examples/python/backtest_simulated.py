"""Backtests ontrack's default projection on simulated annual series whose trend may break:
the interval coverage and the calibration of P(meet) by horizon, from rolling origins.

Each series has 20 annual values (2005–2024): a linear trend with Gaussian noise, and in half of
the series a break in a random year from 2010 on, after which the slope changes by a random
amount. The seed is fixed, so the table is reproducible.

    python backtest_simulated.py [number of series, default 120]
"""

import sys

import numpy as np
import pandas as pd

import ontrack

YEARS = np.arange(2005, 2025)
SEED = 20261204


def simulated(n: int, rng: np.random.Generator) -> pd.DataFrame:
    rows = []
    for i in range(n):
        slope, noise = rng.normal(0.0, 1.0), rng.uniform(0.2, 1.0)
        trend = 50.0 + slope * (YEARS - YEARS[0])
        if rng.random() < 0.5:  # a trend break: the slope changes from a random year on
            start = int(rng.integers(2010, 2022))
            trend = trend + rng.normal(0.0, 1.0) * np.clip(YEARS - start, 0, None)
        values = trend + rng.normal(0.0, noise, YEARS.size)
        rows += [{"series": f"s{i:03d}", "year": int(y), "value": float(v)} for y, v in zip(YEARS, values)]
    return pd.DataFrame(rows)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 120
    frame = simulated(n, np.random.default_rng(SEED))
    bt = ontrack.backtest(frame, origins=range(2010, 2015), horizons=range(1, 11))
    table = bt.summary("horizon")[["horizon", "forecasts", "coverage_80", "coverage_95", "brier", "ece"]]
    print(f"{n} simulated series, half with a trend break; origins 2010–2014; model auto")
    print(table.to_string(index=False, float_format=lambda v: f"{v:.3f}"))


if __name__ == "__main__":
    main()

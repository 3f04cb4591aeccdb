"""Simulated development-indicator series whose trend bends: the panels the calibration is learned
and checked on.

A series is a smooth "true" path on the model scale plus noise. Two families differ in how the
path bends, so that a prior learned on one can be checked on the other:

- ``breaks`` (the learning family): a straight trend whose slope changes at one or two random
  years (a policy change, a saturation onset), by a random multiple of the slope, sometimes
  reversing it.
- ``drift`` (held out): a slope that follows a random walk every year (an integrated random walk,
  so the trend bends continuously), saturating logistic and Gompertz curves, and level shifts.

Each family is simulated for levels (40 + the path, on the identity scale), positive
quantities (the same paths on the log scale), shares in (0, 100) (on the logit scale), annual
years and five-year steps (the life-expectancy layout: a point every 5 years, horizons in years).
Counts: maternal deaths among 3,000–6,000 births a year, Poisson with a rate whose log trend
bends as above (see ``count_panel``). Everything is seeded; a panel is a list of ``Series``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import List, Optional

import numpy as np

HORIZON = 10  # years after the last observation that are scored


@dataclass
class Series:
    family: str          # the simulation family (or "bundled")
    scale: str           # "level", "positive", "share", "count"
    years: np.ndarray    # every year of the path (observed part and the future)
    values: np.ndarray   # observed values on the value scale (NaN where not observed)
    numerator: Optional[np.ndarray] = None
    denominator: Optional[np.ndarray] = None
    step: int = 1        # years between observations


def _breaks_path(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Piecewise-linear slope: one or two breaks, each scaling the slope by a random factor."""
    slope = np.full(t.size, rng.normal(0.0, 1.0))
    for _ in range(rng.integers(1, 3)):
        at = rng.integers(2, t.size - 2)
        factor = rng.choice([rng.uniform(-0.5, 0.5), rng.uniform(0.3, 1.6)])
        slope[at:] = slope[at:] * factor + rng.normal(0.0, 0.15)
    return np.concatenate([[0.0], np.cumsum(slope[1:])])


def _drift_path(rng: np.random.Generator, t: np.ndarray) -> np.ndarray:
    """Continuous bending: a random-walk slope, a saturating curve, or a level shift."""
    kind = rng.integers(0, 4)
    u = (t - t[0]) / max(1.0, float(t[-1] - t[0]))
    if kind == 0:  # integrated random walk in the slope
        slope = rng.normal(0.0, 1.0) + np.cumsum(rng.normal(0.0, 0.12, t.size))
        return np.concatenate([[0.0], np.cumsum(slope[1:])])
    if kind == 1:  # logistic saturation, mid-point anywhere in the window
        mid, width = rng.uniform(0.2, 1.2), rng.uniform(0.08, 0.3)
        return rng.uniform(8.0, 20.0) * (1.0 / (1.0 + np.exp(-(u - mid) / width)))
    if kind == 2:  # Gompertz approach to a ceiling
        b, c = rng.uniform(1.0, 4.0), rng.uniform(1.0, 5.0)
        return rng.uniform(8.0, 20.0) * np.exp(-b * np.exp(-c * u)) * rng.choice([-1.0, 1.0])
    # a trend with a level shift and a mild curvature
    path = rng.normal(0.0, 1.0) * (t - t[0]) + rng.normal(0.0, 0.02) * (t - t[0]) ** 2
    at = rng.integers(2, t.size - 2)
    path[at:] += rng.normal(0.0, 2.0)
    return path


def _on_scale(rng: np.random.Generator, path: np.ndarray, scale: str) -> np.ndarray:
    """Maps a path (units ~ a few per year) to the value scale of an indicator."""
    if scale == "level":
        return 40.0 + path
    if scale == "positive":  # log scale: a path unit is ~2 % a year
        return 30.0 * np.exp(0.02 * path)
    z = rng.uniform(-1.5, 2.0) + 0.05 * path  # share, logit scale
    return 100.0 / (1.0 + np.exp(-z))


def value_panel(family: str, n_series: int, seed: int, step: int = 1) -> List[Series]:
    """`n_series` series per value scale (level, positive, share) of one family, 8–20 observed
    points every `step` years, then HORIZON more years of the true path (noisy)."""
    rng = np.random.default_rng(seed)
    path_of = _breaks_path if family == "breaks" else _drift_path
    out: List[Series] = []
    for scale in ("level", "positive", "share"):
        for _ in range(n_series):
            n_obs = int(rng.integers(8, 21)) if step == 1 else int(rng.integers(8, 15))
            span = (n_obs - 1) * step + HORIZON
            t = np.arange(2000 - (n_obs - 1) * step, 2000 + HORIZON + 1, dtype=float)
            assert t.size == span + 1
            path = path_of(rng, t)
            noise_sd = rng.choice([0.05, 0.3, 1.0]) * rng.uniform(0.5, 1.5)
            noisy = path + rng.normal(0.0, noise_sd, t.size)
            values = _on_scale(rng, noisy, scale)
            observed = np.full(t.size, math.nan)
            keep = (t <= 2000) & ((2000 - t) % step == 0)
            observed[keep] = values[keep]
            future = t > 2000
            observed[future] = values[future]
            out.append(Series(family, scale, t.astype(int), observed, step=step))
    return out


def count_panel(family: str, n_series: int, seed: int) -> List[Series]:
    """Maternal deaths in a district: 3,000–6,000 births a year, an MMR around 10–80 per
    100,000 whose log trend bends as in `family` (a path unit ~ 3 % a year); 10–16 years."""
    rng = np.random.default_rng(seed)
    path_of = _breaks_path if family == "breaks" else _drift_path
    out: List[Series] = []
    for _ in range(n_series):
        n_obs = int(rng.integers(10, 17))
        t = np.arange(2000 - n_obs + 1, 2000 + HORIZON + 1, dtype=float)
        log_rate = math.log(rng.uniform(10.0, 80.0) / 1e5) - 0.03 * path_of(rng, t)
        births = np.round(rng.uniform(3000.0, 6000.0) * np.exp(np.cumsum(rng.normal(0.0, 0.03, t.size))))
        deaths = rng.poisson(births * np.exp(log_rate)).astype(float)
        out.append(Series(family, "count", t.astype(int), deaths / births * 1e5,
                          numerator=deaths, denominator=births))
    return out

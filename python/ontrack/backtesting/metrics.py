"""Scores of probabilistic forecasts against what happened (docs/backtest.md § Metrics).

Each takes plain arrays and ignores nothing silently: the caller drops the forecasts that could
not be made (their status says why) before scoring.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np

__all__ = ["LOG_SCORE_FLOOR", "brier", "coverage", "ece", "log_score", "pit_histogram", "reliability"]

#: Probabilities are clipped to [floor, 1 − floor] in the log score, so one certain miss costs
#: −ln(1e−12) ≈ 27.6 nats instead of infinity (and is still by far the worst score).
LOG_SCORE_FLOOR = 1e-12


def _arrays(p: Sequence[float], outcome: Sequence[bool]) -> "tuple[np.ndarray, np.ndarray]":
    probabilities = np.asarray(p, dtype=float)
    events = np.asarray(outcome, dtype=bool)
    if probabilities.shape != events.shape:
        raise ValueError(f"{probabilities.size} probabilities but {events.size} outcomes")
    if np.any((probabilities < 0) | (probabilities > 1)):
        raise ValueError("probabilities must lie in [0, 1]")
    return probabilities, events


def coverage(actual: Sequence[float], lower: Sequence[float], upper: Sequence[float]) -> float:
    """Share of realised values inside their interval [lower, upper] (NaN when there are none)."""
    a, lo, hi = (np.asarray(v, dtype=float) for v in (actual, lower, upper))
    return float(np.mean((a >= lo) & (a <= hi))) if a.size else float("nan")


def brier(p: Sequence[float], outcome: Sequence[bool]) -> float:
    """Mean squared difference between the probability and the outcome (1 = happened)."""
    probabilities, events = _arrays(p, outcome)
    return float(np.mean((probabilities - events) ** 2)) if events.size else float("nan")


def log_score(p: Sequence[float], outcome: Sequence[bool]) -> float:
    """Mean negative log-probability given to what happened, in nats (lower is better)."""
    probabilities, events = _arrays(p, outcome)
    if not events.size:
        return float("nan")
    given = np.clip(np.where(events, probabilities, 1.0 - probabilities), LOG_SCORE_FLOOR, 1.0)
    return float(-np.mean(np.log(given)))


def _bin_index(p: np.ndarray, bins: int) -> np.ndarray:
    # Bins [0, 1/b), …, [(b−1)/b, 1]: a probability of exactly 1 belongs to the last one.
    return np.minimum((p * bins).astype(int), bins - 1)


def reliability(p: Sequence[float], outcome: Sequence[bool], bins: int = 10) -> "list[dict]":
    """Per probability bin: its edges, the forecasts in it, their mean probability and how
    often the event happened. Empty bins are kept (n = 0, NaN means)."""
    probabilities, events = _arrays(p, outcome)
    index = _bin_index(probabilities, bins)
    rows = []
    for b in range(bins):
        inside = index == b
        n = int(inside.sum())
        rows.append({
            "bin_lower": b / bins, "bin_upper": (b + 1) / bins, "n": n,
            "mean_probability": float(probabilities[inside].mean()) if n else float("nan"),
            "observed_frequency": float(events[inside].mean()) if n else float("nan"),
        })
    return rows


def ece(p: Sequence[float], outcome: Sequence[bool], bins: int = 10) -> float:
    """Expected calibration error: the forecast-weighted mean, over equal-width probability
    bins, of |mean probability − observed frequency|."""
    rows = [r for r in reliability(p, outcome, bins) if r["n"]]
    total = sum(r["n"] for r in rows)
    if not total:
        return float("nan")
    return float(sum(r["n"] * abs(r["mean_probability"] - r["observed_frequency"]) for r in rows) / total)


def pit_histogram(pit: Sequence[float], bins: int = 10) -> "list[dict]":
    """Counts of the probability integral transform values P(Y ≤ realised) in equal-width
    bins; calibrated forecasts give a flat histogram (each share ≈ 1/bins)."""
    u = np.asarray(pit, dtype=float)
    if np.any((u < 0) | (u > 1)):
        raise ValueError("PIT values must lie in [0, 1]")
    index = _bin_index(u, bins)
    counts = np.bincount(index, minlength=bins)
    return [{"bin_lower": b / bins, "bin_upper": (b + 1) / bins, "n": int(counts[b]),
             "share": float(counts[b] / u.size) if u.size else float("nan")} for b in range(bins)]

"""Scoring predictive distributions out of sample: interval coverage and the calibration error
of P(value >= x), by horizon, for any panel of cases (simulated or bundled rolling origins).

A *case* is one forecast origin: the observations up to it and the realised values 1..HORIZON
years later (NaN where there is none). Every case is shifted so that its origin is the year 2000
(projections depend on year differences only), which lets one ``project_many`` call score a
whole panel at one horizon.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

import ontrack

from simulate import HORIZON, Series

ORIGIN = 2000
LEVELS = (0.8, 0.95)
# Thresholds for P(value >= x): the point forecast ± these multiples of the panel's median
# absolute error at that horizon (a spread that does not depend on any one case's outcome).
THRESHOLD_STEPS = (-2.0, -1.25, -0.75, -0.35, 0.0, 0.35, 0.75, 1.25, 2.0)
ECE_BINS = 10


@dataclass
class Case:
    years: np.ndarray              # observed years, shifted: the last is ORIGIN
    values: np.ndarray             # observed values (value scale)
    truth: np.ndarray              # realised values at horizons 1..HORIZON (NaN = none)
    scale: str                     # level, positive, share, count
    source: str                    # panel name
    numerator: Optional[np.ndarray] = None
    denominator: Optional[np.ndarray] = None


def cases_from_simulation(panel: Iterable[Series], source: str) -> List[Case]:
    out = []
    for s in panel:
        obs = (s.years <= ORIGIN) & ~np.isnan(s.values)
        truth = np.array([s.values[s.years == ORIGIN + h][0] for h in range(1, HORIZON + 1)])
        num = s.numerator[obs] if s.numerator is not None else None
        den = s.denominator[obs] if s.denominator is not None else None
        out.append(Case(s.years[obs], s.values[obs], truth, s.scale, source, num, den))
    return out


def cases_from_rolling_origins(frame: pd.DataFrame, source: str, min_points: int = 6) -> List[Case]:
    """Every origin of every (indicator, geo) series with at least `min_points` observations up
    to it and at least one later observation within HORIZON years."""
    out = []
    for _, g in frame.groupby(["indicator_id", "geo"], sort=True):
        g = g.drop_duplicates("year").sort_values("year")
        years = g["year"].to_numpy(int)
        values = g["value"].to_numpy(float)
        unit = str(g["unit"].iloc[0])
        scale = "share" if unit.strip() == "%" and values.min() > 0 and values.max() < 100 else (
            "positive" if values.min() > 0 else "level")
        for k in range(min_points - 1, len(years) - 1):
            o = years[k]
            truth = np.full(HORIZON, math.nan)
            for y, v in zip(years[k + 1:], values[k + 1:]):
                if y - o <= HORIZON:
                    truth[y - o - 1] = v
            if np.isnan(truth).all():
                continue
            out.append(Case(years[:k + 1] - o + ORIGIN, values[:k + 1], truth, scale, source))
    return out


def _csr(cases: Sequence[Case]) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
    lengths = np.array([len(c.years) for c in cases])
    offsets = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    return offsets, np.concatenate([c.years for c in cases]).astype(np.int64), np.concatenate(
        [c.values for c in cases]).astype(float)


@dataclass
class Scored:
    """Per case and horizon: interval hits, and (probability, event) pairs for the thresholds."""
    hits: Dict[float, np.ndarray] = field(default_factory=dict)  # level -> (cases, HORIZON) 0/1/NaN
    prob: Optional[np.ndarray] = None    # (cases, HORIZON, thresholds)
    event: Optional[np.ndarray] = None   # same shape, 0/1/NaN


def score_batch(cases: Sequence[Case], model: str, uncertainty: str,
                drift_prior: Optional[Tuple[float, float, float, float]] = None,
                with_probabilities: bool = False, **kw: object) -> Scored:
    """Scores `cases` with `project_many` (fast for linear/log_linear/logit, the general path
    otherwise). Probabilities use one threshold per case, so they take the single-series call."""
    offsets, years, values = _csr(cases)
    truth = np.array([c.truth for c in cases])
    out = Scored()
    for level in LEVELS:
        out.hits[level] = np.full(truth.shape, math.nan)
    counts = cases[0].numerator is not None
    for h in range(1, HORIZON + 1):
        if counts:
            num = np.concatenate([c.numerator for c in cases])
            den = np.concatenate([c.denominator for c in cases])
            res = ontrack.project_many(offsets=offsets, years=years, values=None, numerator=num,
                                       denominator=den, model=model, to=ORIGIN + h, level=list(LEVELS),
                                       uncertainty=uncertainty, drift_prior=drift_prior, threads=1,
                                       reasons=False, **kw)
        else:
            res = ontrack.project_many(offsets=offsets, years=years, values=values, model=model,
                                       to=ORIGIN + h, level=list(LEVELS), uncertainty=uncertainty,
                                       drift_prior=drift_prior, threads=1, reasons=False, **kw)
        ok = res["status"] == 0
        y = truth[:, h - 1]
        for level in LEVELS:
            suffix = f"_{int(round(level * 100))}"
            lo, hi = res["lower" + suffix], res["upper" + suffix]
            hit = ((y >= lo) & (y <= hi)).astype(float)
            hit[~ok | np.isnan(y) | np.isnan(lo)] = math.nan
            out.hits[level][:, h - 1] = hit
    if with_probabilities:
        out.prob, out.event = _probabilities(cases, model, uncertainty, drift_prior, **kw)
    return out


def _probabilities(cases: Sequence[Case], model: str, uncertainty: str,
                   drift_prior: Optional[Tuple[float, float, float, float]], **kw: object):
    truth = np.array([c.truth for c in cases])
    shape = truth.shape + (len(THRESHOLD_STEPS),)
    prob = np.full(shape, math.nan)
    point = np.full(truth.shape, math.nan)
    fits = []
    for i, c in enumerate(cases):
        try:
            if c.numerator is not None:
                p = ontrack.project(c.years, model=model, to=ORIGIN + HORIZON, numerator=c.numerator,
                                    denominator=c.denominator, uncertainty=uncertainty,
                                    drift_prior=drift_prior, **kw)
            else:
                p = ontrack.project(c.years, c.values, model=model, to=ORIGIN + HORIZON,
                                    uncertainty=uncertainty, drift_prior=drift_prior, **kw)
        except ValueError:
            p = None
        fits.append(p if p is not None and p.ok else None)
        if fits[-1] is not None:
            point[i] = [fits[-1].predict(ORIGIN + h) for h in range(1, HORIZON + 1)]
    spread = np.nanmedian(np.abs(point - truth), axis=0)  # per horizon, panel-wide
    for i, p in enumerate(fits):
        if p is None:
            continue
        for h in range(1, HORIZON + 1):
            if math.isnan(truth[i, h - 1]):
                continue
            for j, step in enumerate(THRESHOLD_STEPS):
                prob[i, h - 1, j] = p.prob_at_least(point[i, h - 1] + step * spread[h - 1], ORIGIN + h)
    x = point[:, :, None] + np.array(THRESHOLD_STEPS)[None, None, :] * spread[None, :, None]
    event = (truth[:, :, None] >= x).astype(float)
    event[np.isnan(prob)] = math.nan
    return prob, event


def coverage(s: Scored, level: float) -> np.ndarray:
    """Share of realised values inside the interval, per horizon (NaN-aware)."""
    return np.nanmean(s.hits[level], axis=0)


def ece(prob: np.ndarray, event: np.ndarray) -> float:
    """Expected calibration error over ECE_BINS equal-width bins of the forecast probability."""
    p, e = prob.ravel(), event.ravel()
    keep = ~np.isnan(p) & ~np.isnan(e)
    p, e = p[keep], e[keep]
    if p.size == 0:
        return math.nan
    bins = np.minimum((p * ECE_BINS).astype(int), ECE_BINS - 1)
    total = 0.0
    for b in range(ECE_BINS):
        m = bins == b
        if m.any():
            total += m.sum() / p.size * abs(p[m].mean() - e[m].mean())
    return float(total)


def ece_by_horizon(s: Scored) -> np.ndarray:
    return np.array([ece(s.prob[:, h], s.event[:, h]) for h in range(HORIZON)])


def n_scored(s: Scored) -> np.ndarray:
    return np.sum(~np.isnan(s.hits[LEVELS[0]]), axis=0)

"""Re-derives the shipped drift prior (include/ontrack/project/calibration.hpp, drift_prior).

Run: ``make calibration-prior`` (or ``.venv/bin/python bench/calibration/learn_prior.py``).

The prior (κ_b, κ_s, w, ρ) is chosen on the learning panels only (panels.learning_panels: the
`breaks` simulation family — annual and five-year steps, levels, positive values, shares — and
rolling origins over the bundled national series) by a grid search minimising the squared
distance of 80 % and 95 % interval coverage from nominal, summed over horizons 1–10, the
closed-form models (linear on every scale, log_linear on positive values and shares, logit on
shares) and panels (each panel weighted equally). Counts are not part of the objective: they are
checked, out of sample, by measure.py.
"""
from __future__ import annotations

import itertools
import sys
from typing import Dict, List, Tuple

import numpy as np

sys.path.insert(0, __import__("os").path.dirname(__file__))

from panels import learning_panels  # noqa: E402
from scoring import LEVELS, Case, coverage, score_batch  # noqa: E402

MODELS_BY_SCALE = {"level": ("linear",), "positive": ("linear", "log_linear"),
                   "share": ("linear", "log_linear", "logit")}
SLOPE_SHARES = (0.0, 0.04, 0.08, 0.1, 0.12, 0.14, 0.16, 0.2, 0.25)
NOISE_SHARES = (0.0, 0.05, 0.1, 0.2)
WEIGHTS = (3.0, 8.0, 20.0)
WINDOW_SHARES = (0.0, 0.5, 1.0, 1.5, 2.0, 3.0)


def groups(panels: Dict[str, List[Case]]) -> List[Tuple[str, str, List[Case]]]:
    out = []
    for name, cases in panels.items():
        for scale, models in MODELS_BY_SCALE.items():
            sub = [c for c in cases if c.scale == scale]
            if sub:
                out.extend((name, m, sub) for m in models)
    return out


def loss(prior: Tuple[float, float, float, float], work: List[Tuple[str, str, List[Case]]]) -> float:
    by_panel: Dict[str, List[float]] = {}
    for name, model, cases in work:
        s = score_batch(cases, model, "calibrated", prior)
        err = sum(float(np.nansum((coverage(s, lv) - lv) ** 2)) for lv in LEVELS)
        by_panel.setdefault(name, []).append(err)
    return float(np.mean([np.mean(v) for v in by_panel.values()]))


def main() -> None:
    work = groups({k: v for k, v in learning_panels().items() if not k.endswith("counts")})
    best = None
    for prior in itertools.product(SLOPE_SHARES, NOISE_SHARES, WEIGHTS, WINDOW_SHARES):
        value = loss(prior, work)
        if best is None or value < best[0]:
            best = (value, prior)
    assert best is not None
    value, (kb, ks, w, rho) = best
    print(f"drift prior: slope_share = {kb}, noise_share = {ks}, weight = {w}, window_share = {rho}"
          f"  (loss {value:.5f})")


if __name__ == "__main__":
    main()

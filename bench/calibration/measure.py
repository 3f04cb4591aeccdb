"""Out-of-sample calibration of ontrack's predictive distributions: the tables of
docs/uncertainty.md.

Run: ``make calibration`` (or ``.venv/bin/python bench/calibration/measure.py [--out FILE]``).

For every panel (panels.py: the learning panels and the held-out ones) and model family, and for
the calibrated default beside the model's own ("model") uncertainty: coverage of the 80 % and
95 % central intervals at horizons 1–10 years, and the expected calibration error (10 bins) of
P(value >= x) for thresholds x around the outcome (scoring.THRESHOLD_STEPS). Model families:
``auto`` (the default call, no bounds given), the closed-form model natural to the scale
(linear for levels, log_linear for positive values, logit for shares), Holt and damped Holt and
Theil–Sen on annual panels, and poisson_rate (per 100,000) on the count panels.
"""
from __future__ import annotations

import argparse
import os
import sys
import warnings
from typing import Dict, List, Tuple

import numpy as np

sys.path.insert(0, os.path.dirname(__file__))

from panels import held_out_panels, learning_panels  # noqa: E402
from scoring import LEVELS, Case, Scored, coverage, ece_by_horizon, n_scored, score_batch  # noqa: E402
from simulate import HORIZON  # noqa: E402

NATURAL = {"level": "linear", "positive": "log_linear", "share": "logit"}


def families(panel: str, cases: List[Case]) -> List[Tuple[str, List[Tuple[str, List[Case]]]]]:
    """(family label, [(model, cases)]) for one panel."""
    if cases and cases[0].numerator is not None:
        return [("poisson_rate", [("poisson_rate", cases)])]
    by_scale = [(NATURAL[s], [c for c in cases if c.scale == s]) for s in NATURAL]
    out = [("auto", [("auto", cases)]),
           ("linear / log_linear / logit", [(m, cs) for m, cs in by_scale if cs])]
    if "5-year" not in panel and "bundled" not in panel:
        out += [("holt", [("holt", cases)]), ("damped_holt", [("damped_holt", cases)]),
                ("theil_sen", [("theil_sen", cases)])]
    return out


def measure(cases_by_model: List[Tuple[str, List[Case]]], uncertainty: str) -> Dict[str, np.ndarray]:
    """Coverage per level and ECE per horizon, pooled over the (model, cases) groups."""
    hits: Dict[float, List[np.ndarray]] = {lv: [] for lv in LEVELS}
    probs, events = [], []
    for model, cases in cases_by_model:
        kw = {"multiplier": 1e5} if model == "poisson_rate" else {}
        s = score_batch(cases, model, uncertainty, with_probabilities=True, **kw)
        for lv in LEVELS:
            hits[lv].append(s.hits[lv])
        probs.append(s.prob)
        events.append(s.event)
    pooled = Scored({lv: np.concatenate(hits[lv]) for lv in LEVELS},
                    np.concatenate(probs), np.concatenate(events))
    out = {f"cov{int(lv * 100)}": coverage(pooled, lv) for lv in LEVELS}
    out["ece"] = ece_by_horizon(pooled)
    out["n"] = n_scored(pooled)
    return out


def fmt_row(label: str, values: np.ndarray, percent: bool) -> str:
    cells = ["–" if np.isnan(v) else (f"{100 * v:.0f}" if percent else f"{v:.3f}") for v in values]
    return f"| {label} | " + " | ".join(cells) + " |"


def panel_table(panel: str, cases: List[Case]) -> List[str]:
    head = "| model · uncertainty · measure | " + " | ".join(f"h={h}" for h in range(1, HORIZON + 1)) + " |"
    lines = [f"#### {panel} ({len(cases)} forecast origins)", "", head,
             "|---|" + "---|" * HORIZON]
    for label, groups in families(panel, cases):
        for unc in ("calibrated", "model"):
            m = measure(groups, unc)
            lines.append(fmt_row(f"{label} · {unc} · 80 % covered", m["cov80"], True))
            lines.append(fmt_row(f"{label} · {unc} · 95 % covered", m["cov95"], True))
            lines.append(fmt_row(f"{label} · {unc} · ECE of P(≥x)", m["ece"], False))
    lines.append(fmt_row("scored values per horizon", m["n"].astype(float), False).replace(".000", ""))
    return lines + [""]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", help="write the markdown tables here (default: print)")
    parser.add_argument("--held-out-only", action="store_true")
    parser.add_argument("--counts-only", action="store_true", help="only the count panels (poisson_rate)")
    args = parser.parse_args()
    warnings.simplefilter("ignore", RuntimeWarning)
    lines = []
    sets = [("Held out (never used to learn the prior)", held_out_panels())]
    if not args.held_out_only:
        sets.append(("Learning panels (in sample for the prior)", learning_panels()))
    for title, panels in sets:
        lines += [f"### {title}", ""]
        for name, cases in panels.items():
            if cases and (not args.counts_only or "counts" in name):
                lines += panel_table(name, cases)
    text = "\n".join(lines)
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()

"""The panels the calibration is learned on and measured on (fixed seeds, fixed sizes)."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pandas as pd

from scoring import Case, cases_from_rolling_origins, cases_from_simulation
from simulate import count_panel, value_panel

DATA = Path(__file__).resolve().parents[2] / "python" / "ontrack" / "data" / "china"
# Rolling origins need this many observations up to the origin.
BUNDLED_MIN_POINTS = 5


def bundled(name: str) -> List[Case]:
    """Rolling origins over one bundled file (china_women_indicators_v2, regional_women_indicators_v2)."""
    return cases_from_rolling_origins(pd.read_csv(DATA / f"{name}.csv"), name, BUNDLED_MIN_POINTS)


def simulated(family: str, n_series: int, seed: int) -> Dict[str, List[Case]]:
    """Annual and five-year-step value panels and a count panel of one family."""
    return {
        f"{family}/annual": cases_from_simulation(value_panel(family, n_series, seed), f"{family}/annual"),
        f"{family}/5-year": cases_from_simulation(value_panel(family, n_series, seed + 1, step=5),
                                                  f"{family}/5-year"),
        f"{family}/counts": cases_from_simulation(count_panel(family, n_series, seed + 2), f"{family}/counts"),
    }


def learning_panels() -> Dict[str, List[Case]]:
    """What the prior is learned from: the `breaks` simulation family and the national series."""
    panels = simulated("breaks", 400, seed=11)
    panels["national (bundled)"] = bundled("china_women_indicators_v2")
    return panels


def held_out_panels() -> Dict[str, List[Case]]:
    """Never used for learning: the `drift` simulation family (other seeds, other bending) and
    the regional series."""
    panels = simulated("drift", 400, seed=101)
    panels["regional (bundled)"] = bundled("regional_women_indicators_v2")
    return panels

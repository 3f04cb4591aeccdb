"""Imports a responsible unit's CSV (Chinese column names), checks it against the plan and
evaluates the plan with it.

    python import_csv.py [CSV]      (default: data/unit_submission.csv next to this script)

The bundled file holds national (China) figures standing in for district data, as its source
column says.
"""

import sys
from pathlib import Path

import ontrack

COLUMNS = {"指标代码": "indicator", "年份": "year", "数值": "value", "城乡": "area", "来源": "source"}


def main() -> int:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent / "data" / "unit_submission.csv"
    plan = ontrack.plans.kundulun_women_2021_2030()
    obs = ontrack.read_observations(path, columns=COLUMNS)
    problems = obs.problems(plan)
    for problem in problems:
        print("problem:", problem)
    if problems:
        return 1
    frame = obs.to_frame()
    print(f"read {len(frame)} values of {frame.indicator.nunique()} indicators from {path.name}")

    evaluation = ontrack.evaluate(plan, obs, as_of=2024)
    print(evaluation)
    table = evaluation.to_frame()
    assessed = table[table.status != "not_assessable"]
    print(assessed[["key", "kind", "status", "p_meet"]].to_string(index=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())

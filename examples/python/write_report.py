"""Evaluates the bundled Kundulun plan as of 2024 and writes its monitoring report (HTML,
Markdown, Excel, JSON). The data are national (China) figures standing in for district data;
the report labels them so.

    python write_report.py [OUT_DIR]      (default: ./kundulun-report)
"""

import sys
from pathlib import Path

import ontrack
from ontrack.report import write_report


def main() -> None:
    out_dir = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("kundulun-report")
    plan = ontrack.plans.kundulun_women_2021_2030()
    observations = ontrack.datasets.china_national_women_series()
    evaluation = ontrack.evaluate(plan, observations, as_of=2024)
    print(evaluation)
    written = write_report(plan, observations, evaluation, out_dir, language="zh")
    for fmt, path in sorted(written.items()):
        print(f"{fmt}: {path} ({path.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()

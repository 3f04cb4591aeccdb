"""Projects one series to 2030 and prints its intervals and the probability of meeting a target:
the national maternal mortality ratio (a national figure standing in for district data) against
the Kundulun plan's target of at most 12 per 100,000 live births.

    python project_series.py
"""

import ontrack

TARGET, DEADLINE = 12.0, 2030


def main() -> None:
    national = ontrack.datasets.china_national_women()
    mmr = national[(national.indicator == "mmr") & national.area.isna() & (national.year >= 2010)]
    print(f"maternal mortality ratio, {mmr.label.iloc[0]}: {len(mmr)} years, {mmr.year.min()}–{mmr.year.max()}")

    projection = ontrack.project(mmr.year, mmr.value, model="auto", to=DEADLINE)
    print(projection.reason)
    frame = projection.to_frame()
    ahead = frame[frame["median"].notna()].copy()
    ahead["lower_80"], ahead["upper_80"] = projection.interval(ahead.index.to_numpy(), 0.80).T
    print(ahead[["median", "lower_80", "upper_80", "lower", "upper"]].round(2).to_string())
    print(f"P({DEADLINE} value <= {TARGET:g}) = {projection.prob_at_most(TARGET, DEADLINE):.3f}")


if __name__ == "__main__":
    main()

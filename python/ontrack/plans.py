"""Plans bundled with ontrack."""

from __future__ import annotations

from pathlib import Path

from ._core import Plan
from ._resources import data_path

__all__ = [
    "china_women_outline_2011_2020",
    "china_women_outline_2011_2020_path",
    "kundulun_women_2021_2030",
    "kundulun_women_2021_2030_path",
]


def kundulun_women_2021_2030_path() -> Path:
    """Path of the bundled plan file of the Kundulun District Women's Development Plan."""
    return data_path("plans", "kundulun_women_2021_2030.json")


def kundulun_women_2021_2030() -> Plan:
    """The Kundulun District Women's Development Plan (2021–2030), 昆府发〔2022〕36号.

    All 8 domains and 75 main goals with their responsible units, and every quantified or
    checkable statement encoded as an indicator with its target kind (docs/kundulun.md).
    """
    return Plan.load(str(kundulun_women_2021_2030_path()))


def china_women_outline_2011_2020_path() -> Path:
    """Path of the bundled plan file of the national women's development outline 2011–2020."""
    return data_path("plans", "china_women_outline_2011_2020.json")


def china_women_outline_2011_2020() -> Plan:
    """《中国妇女发展纲要（2011—2020年）》, a finished plan to backtest: the 11 quantified targets
    whose value is printed on the pages read and that have national data (docs/backtest.md).

    A small real case study, not the whole outline: its other targets are qualitative or their
    levels were not found. Indicator ids are those of the bundled national data, so
    :func:`ontrack.datasets.outline_2011_2020_series` gives its series as they are.
    """
    return Plan.load(str(china_women_outline_2011_2020_path()))

"""Plans bundled with ontrack."""

from __future__ import annotations

from pathlib import Path

from ._core import Plan
from ._resources import data_path

__all__ = ["kundulun_women_2021_2030", "kundulun_women_2021_2030_path"]


def kundulun_women_2021_2030_path() -> Path:
    """Path of the bundled plan file of the Kundulun District Women's Development Plan."""
    return data_path("plans", "kundulun_women_2021_2030.json")


def kundulun_women_2021_2030() -> Plan:
    """The Kundulun District Women's Development Plan (2021–2030), 昆府发〔2022〕36号.

    All 8 domains and 75 main goals with their responsible units, and every quantified or
    checkable statement encoded as an indicator with its target kind (docs/kundulun.md).
    """
    return Plan.load(str(kundulun_women_2021_2030_path()))

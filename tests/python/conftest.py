from pathlib import Path

import pytest

import ontrack

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def all_kinds_path() -> Path:
    return REPO / "tests" / "data" / "all_kinds_plan.json"


@pytest.fixture()
def kundulun() -> ontrack.Plan:
    return ontrack.plans.kundulun_women_2021_2030()

import os
from pathlib import Path

import pytest
from hypothesis import settings

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


# make test must give the same answer on every machine, so the property tests draw the same
# examples each run; `ONTRACK_HYPOTHESIS_PROFILE=explore pytest` searches wider and at random.
settings.register_profile("ci", derandomize=True, max_examples=100, deadline=None)
settings.register_profile("explore", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("ONTRACK_HYPOTHESIS_PROFILE", "ci"))

"""Reading and writing observations: tidy tables, Excel collection templates, SDMX-CSV."""

from __future__ import annotations

from .excel import Submission, read_template, write_template
from .sdmx import SdmxMapping, read_sdmx_csv
from .tables import read_observations, write_observations

__all__ = [
    "SdmxMapping",
    "Submission",
    "read_observations",
    "read_sdmx_csv",
    "read_template",
    "write_observations",
    "write_template",
]

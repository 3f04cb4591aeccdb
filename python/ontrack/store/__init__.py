"""The monitoring database (an embedded SQLite file): plans, indicators, observations, vintages."""

from __future__ import annotations

from .migrations import LATEST_VERSION
from .store import Store, Vintage

__all__ = ["LATEST_VERSION", "Store", "Vintage"]

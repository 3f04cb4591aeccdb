"""Paths of the data files shipped inside the package."""

from __future__ import annotations

from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(*parts: str) -> Path:
    """The path of a packaged data file; FileNotFoundError naming it if it is missing."""
    path = DATA_DIR.joinpath(*parts)
    if not path.is_file():
        raise FileNotFoundError(f"packaged data file {'/'.join(parts)} is missing from {DATA_DIR}")
    return path

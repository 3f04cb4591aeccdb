"""Command-line subcommands for data collection and the monitoring database."""

from __future__ import annotations

import argparse

__all__ = ["register"]


def register(commands: "argparse._SubParsersAction[argparse.ArgumentParser]") -> None:
    """Adds the data subcommands to the ``ontrack`` parser."""

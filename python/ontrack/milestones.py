"""Progress of a plan's milestones (its qualitative goals), as the responsible units report it.

A record says, for one milestone target (an indicator and the target's position among its
targets): its status (``not_started``, ``in_progress``, ``achieved``), the date of the report,
a short evidence text and the reporting unit. Records come in through the collection template
and are stored and vintaged like values; :func:`apply_progress` gives the plan with the latest
status of each milestone, which is what an evaluation assesses.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Tuple

from ._core import InvalidInputError, Plan, TargetKind
from .observations import Location

__all__ = ["STATUSES", "MilestoneProgress", "apply_progress", "latest_progress", "milestone_targets"]

#: The statuses a unit reports (the plan format's ``abandoned`` is the plan's decision, not a report).
STATUSES = ("not_started", "in_progress", "achieved")


@dataclass(frozen=True)
class MilestoneProgress:
    """One report of a milestone's progress; ``date`` is an ISO 8601 date."""

    indicator: str
    target_index: int
    status: str
    date: str
    evidence: str = ""
    unit: str = ""
    vintage: str = ""
    origin: Location = field(default=Location(), compare=False, repr=False)

    def __post_init__(self) -> None:
        if self.status not in STATUSES:
            raise InvalidInputError(
                f"milestone status {self.status!r} is not one of {', '.join(STATUSES)}"
            )
        try:
            datetime.date.fromisoformat(self.date)
        except ValueError:
            raise InvalidInputError(
                f"milestone date {self.date!r} is not an ISO 8601 date such as 2025-06-30"
            ) from None

    @property
    def key(self) -> Tuple[str, int]:
        return (self.indicator, self.target_index)


def milestone_targets(plan: Plan) -> List[Tuple[str, int]]:
    """Every milestone target of the plan, as (indicator id, target index)."""
    return [
        (i.id, k)
        for i in plan.indicators()
        for k, t in enumerate(i.targets)
        if t.kind == TargetKind.milestone
    ]


def latest_progress(progress: Iterable[MilestoneProgress]) -> List[MilestoneProgress]:
    """The latest report of each milestone, from reports in vintage order."""
    latest: Dict[Tuple[str, int], MilestoneProgress] = {}
    for record in progress:  # a later report replaces an earlier one
        latest[record.key] = record
    return list(latest.values())


def apply_progress(plan: Plan, progress: Iterable[MilestoneProgress]) -> Plan:
    """A copy of ``plan`` whose milestones carry the latest reported status (and its year)."""
    latest = {record.key: record for record in latest_progress(progress)}
    known = set(milestone_targets(plan))
    unknown = sorted(k for k in latest if k not in known)
    if unknown:
        raise InvalidInputError(
            f"plan {plan.id} has no milestone target {unknown[0][1]} of indicator {unknown[0][0]!r}"
        )
    text = json.loads(plan.to_json())
    for domain in text["domains"]:
        for goal in domain["goals"]:
            for indicator in goal.get("indicators", []):
                for k, target in enumerate(indicator.get("targets", [])):
                    reported = latest.get((indicator["id"], k))
                    if reported is not None:
                        target["status"] = reported.status
                        target["status_year"] = int(reported.date[:4])
    return Plan.from_json(json.dumps(text, ensure_ascii=False), plan.id)

"""Sex-disaggregated statistics: series derived from a breakdown by sex (or urban/rural).

From an indicator observed for women and men (or rural and urban areas), derive the female
share, the ratio, the gap and the parity index as series in their own right, so that targets
(``about``, ``gap_narrowing``, ``at_least``...) can be evaluated on them. Every derived value is
flagged ``derived``, keeps the other breakdowns of its inputs (a female share by area stays by
area), and carries the later vintage of its two inputs.

When the input holds several vintages, each derivation uses the latest; pass
``observations.as_of_vintage(...)`` to derive from an earlier state. A year lacking one of the
two inputs, or where the measure is undefined (a zero denominator), has no derived value.
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple, Union

from ._core import GapMeasure, Indicator, InvalidInputError, TargetKind
from .observations import DIMENSIONS, ObservationRecord, Observations

__all__ = ["female_share", "gap", "parity_index", "ratio"]

IndicatorLike = Union[str, Indicator]
_Measure = Callable[[float, float], Optional[float]]


def _id(indicator: IndicatorLike) -> str:
    return indicator if isinstance(indicator, str) else indicator.id


def _groups(
    observations: Observations, indicator_id: str, dimension: str
) -> Dict[Tuple[object, ...], Dict[str, ObservationRecord]]:
    """The latest records of the indicator, grouped by year and every breakdown but
    ``dimension``; within a group, keyed by their code in ``dimension`` ("" is the total)."""
    if dimension not in DIMENSIONS:
        raise InvalidInputError(f"unknown breakdown {dimension!r}: one of {', '.join(DIMENSIONS)}")
    groups: Dict[Tuple[object, ...], Dict[str, ObservationRecord]] = {}
    for record in observations.filter(indicator=indicator_id).latest_vintage():
        rest = tuple(getattr(record, d) for d in DIMENSIONS if d != dimension)
        groups.setdefault((record.year, *rest), {})[getattr(record, dimension)] = record
    return groups


def _derived(
    template: ObservationRecord,
    inputs: Tuple[ObservationRecord, ObservationRecord],
    dimension: str,
    *,
    indicator: str,
    value: float,
    source: str,
    numerator: Optional[float] = None,
    denominator: Optional[float] = None,
) -> ObservationRecord:
    breakdown = {d: getattr(template, d) for d in DIMENSIONS if d != dimension}
    return ObservationRecord(
        indicator,
        template.year,
        value,
        numerator=numerator,
        denominator=denominator,
        source=source,
        flag="derived",
        vintage=max(r.vintage for r in inputs),
        **breakdown,
    )


def _compare(
    observations: Observations,
    indicator_id: str,
    dimension: str,
    first: str,
    second: str,
    measure: _Measure,
    into: str,
    source: str,
    *,
    counts: bool,
) -> Observations:
    records: List[ObservationRecord] = []
    for group in _groups(observations, indicator_id, dimension).values():
        a, b = group.get(first), group.get(second)
        if a is None or b is None:
            continue
        value = measure(a.value, b.value)
        if value is None:
            continue
        records.append(
            _derived(
                a,
                (a, b),
                dimension,
                indicator=into,
                value=value,
                source=source,
                numerator=a.value if counts else None,
                denominator=b.value if counts else None,
            )
        )
    return Observations(records)


def female_share(
    observations: Observations, indicator: IndicatorLike, *, into: Optional[str] = None
) -> Observations:
    """Women's share, in percent, of an additive quantity observed by sex (e.g. employed persons).

    The share is female / total × 100 where the total is observed, else female / (female +
    male) × 100. ``into`` names the derived indicator (default ``<indicator>_female_share``),
    e.g. ``female_share_employed`` to evaluate that indicator's target on it. Numerator and
    denominator carry the two counts.
    """
    indicator_id = _id(indicator)
    target = into or f"{indicator_id}_female_share"
    records: List[ObservationRecord] = []
    for group in _groups(observations, indicator_id, "sex").values():
        female, male, total = group.get("female"), group.get("male"), group.get("")
        if female is None:
            continue
        if total is not None:
            other, denominator = total, total.value
        elif male is not None:
            other, denominator = male, female.value + male.value
        else:
            continue
        if denominator == 0:
            continue
        records.append(
            _derived(
                female,
                (female, other),
                "sex",
                indicator=target,
                value=100 * female.value / denominator,
                numerator=female.value,
                denominator=denominator,
                source=f"derived: female share of {indicator_id}",
            )
        )
    return Observations(records)


def ratio(
    observations: Observations,
    indicator: IndicatorLike,
    *,
    dimension: str = "sex",
    first: str = "female",
    second: str = "male",
    into: Optional[str] = None,
) -> Observations:
    """``first`` / ``second`` (default female / male), e.g. women's income as a share of men's.

    Default id ``<indicator>_<first>_to_<second>_ratio``; numerator and denominator carry the
    two values.
    """
    indicator_id = _id(indicator)
    return _compare(
        observations,
        indicator_id,
        dimension,
        first,
        second,
        lambda a, b: a / b if b != 0 else None,
        into or f"{indicator_id}_{first}_to_{second}_ratio",
        f"derived: {first}/{second} ratio of {indicator_id}",
        counts=True,
    )


def gap(
    observations: Observations,
    indicator: IndicatorLike,
    *,
    dimension: Optional[str] = None,
    first: Optional[str] = None,
    second: Optional[str] = None,
    into: Optional[str] = None,
) -> Observations:
    """``first`` − ``second``, in the indicator's unit: male − female by default, or as the
    indicator defines it. Given an :class:`ontrack.Indicator` with a ``gap_narrowing`` target
    between two breakdowns of itself, the gap is that target's first minus second series (e.g.
    rural − urban maternal mortality). Default id ``<indicator>_<first>_minus_<second>``.
    """
    indicator_id = _id(indicator)
    defined = _gap_definition(indicator) if isinstance(indicator, Indicator) else None
    dimension, first, second = (
        dimension or (defined[0] if defined else "sex"),
        first or (defined[1] if defined else "male"),
        second or (defined[2] if defined else "female"),
    )
    return _compare(
        observations,
        indicator_id,
        dimension,
        first,
        second,
        lambda a, b: a - b,
        into or f"{indicator_id}_{first}_minus_{second}",
        f"derived: {first} − {second} gap of {indicator_id}",
        counts=False,
    )


def _gap_definition(indicator: Indicator) -> Optional[Tuple[str, str, str]]:
    """(dimension, first, second) of the indicator's own gap_narrowing target, if it has one
    comparing two breakdowns of itself in one dimension."""
    for target in indicator.targets:
        if target.kind != TargetKind.gap_narrowing or target.measure != GapMeasure.difference:
            continue
        a, b = target.between
        if a.indicator != indicator.id or b.indicator != indicator.id:
            continue
        differing = [
            d for d in DIMENSIONS if a.disaggregation.get(d, "") != b.disaggregation.get(d, "")
        ]
        if len(differing) == 1:
            d = differing[0]
            return d, a.disaggregation.get(d, ""), b.disaggregation.get(d, "")
    return None


def parity_index(
    observations: Observations,
    indicator: IndicatorLike,
    *,
    dimension: str = "sex",
    first: str = "female",
    second: str = "male",
    into: Optional[str] = None,
) -> Observations:
    """The adjusted parity index of ``first`` to ``second`` (UNESCO UIS, SDG 4.5.1):
    first / second when first ≤ second, else 2 − second / first. 1 is parity; the index is
    symmetric around it and bounded by 0 and 2. Default id
    ``<indicator>_<first>_<second>_parity_index``.
    """
    indicator_id = _id(indicator)

    def adjusted(a: float, b: float) -> Optional[float]:
        if a <= b:
            return a / b if b != 0 else None
        return 2 - b / a

    return _compare(
        observations,
        indicator_id,
        dimension,
        first,
        second,
        adjusted,
        into or f"{indicator_id}_{first}_{second}_parity_index",
        f"derived: {first}/{second} adjusted parity index of {indicator_id}",
        counts=False,
    )

"""
ontrack's C++ core; use the `ontrack` package, which re-exports it.
"""
from __future__ import annotations
import collections.abc
import typing
__all__: list[str] = ['Bounds', 'Comparator', 'Direction', 'Domain', 'FileError', 'GapMeasure', 'Goal', 'Indicator', 'InvalidInputError', 'MilestoneStatus', 'NotFoundError', 'Observation', 'ObservationFlag', 'OntrackError', 'Plan', 'PlanFormatError', 'Scale', 'Series', 'SeriesRef', 'Target', 'TargetKind', 'Text']
class OntrackError(Exception):
    """
    Root of every error ontrack raises.
    """
class InvalidInputError(OntrackError, ValueError):
    """
    A value breaks a rule: the message names the value and the rule.
    """
class PlanFormatError(InvalidInputError):
    """
    A plan (file or in memory) breaks the plan format. Attributes: file, pointer (JSON pointer of the offending member) and rule.
    """
class NotFoundError(OntrackError, KeyError):
    """
    An id or year that does not exist.
    """
class FileError(OntrackError, OSError):
    """
    A file that cannot be read or written.
    """
class TargetKind:
    """
    Kinds of target; see docs/targets.md.
    
    Members:
    
      at_least
    
      at_most
    
      maintain_at_least
    
      maintain_at_most
    
      about
    
      increase
    
      decrease
    
      increase_each_period
    
      gap_narrowing
    
      relative
    
      trend_slowing
    
      ratio
    
      full_coverage
    
      milestone
    """
    __members__: typing.ClassVar[dict[str, TargetKind]]
    about: typing.ClassVar[TargetKind]
    at_least: typing.ClassVar[TargetKind]
    at_most: typing.ClassVar[TargetKind]
    decrease: typing.ClassVar[TargetKind]
    full_coverage: typing.ClassVar[TargetKind]
    gap_narrowing: typing.ClassVar[TargetKind]
    increase: typing.ClassVar[TargetKind]
    increase_each_period: typing.ClassVar[TargetKind]
    maintain_at_least: typing.ClassVar[TargetKind]
    maintain_at_most: typing.ClassVar[TargetKind]
    milestone: typing.ClassVar[TargetKind]
    ratio: typing.ClassVar[TargetKind]
    relative: typing.ClassVar[TargetKind]
    trend_slowing: typing.ClassVar[TargetKind]
    @typing.overload
    def __eq__(self, other: TargetKind) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: TargetKind) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Comparator:
    """
    How relative and ratio targets compare.
    
    Members:
    
      at_least
    
      at_most
    
      about
    """
    __members__: typing.ClassVar[dict[str, Comparator]]
    about: typing.ClassVar[Comparator]
    at_least: typing.ClassVar[Comparator]
    at_most: typing.ClassVar[Comparator]
    @typing.overload
    def __eq__(self, other: Comparator) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Comparator) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class GapMeasure:
    """
    How a gap between two series is measured.
    
    Members:
    
      difference
    
      ratio
    """
    __members__: typing.ClassVar[dict[str, GapMeasure]]
    difference: typing.ClassVar[GapMeasure]
    ratio: typing.ClassVar[GapMeasure]
    @typing.overload
    def __eq__(self, other: GapMeasure) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: GapMeasure) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class MilestoneStatus:
    """
    Recorded state of a milestone.
    
    Members:
    
      not_started
    
      in_progress
    
      achieved
    
      abandoned
    """
    __members__: typing.ClassVar[dict[str, MilestoneStatus]]
    abandoned: typing.ClassVar[MilestoneStatus]
    achieved: typing.ClassVar[MilestoneStatus]
    in_progress: typing.ClassVar[MilestoneStatus]
    not_started: typing.ClassVar[MilestoneStatus]
    @typing.overload
    def __eq__(self, other: MilestoneStatus) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: MilestoneStatus) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Scale:
    """
    Measurement scale of an indicator.
    
    Members:
    
      percent
    
      per_1000
    
      per_10000
    
      per_100000
    
      ratio
    
      count
    
      years
    
      index
    
      currency
    
      binary
    """
    __members__: typing.ClassVar[dict[str, Scale]]
    binary: typing.ClassVar[Scale]
    count: typing.ClassVar[Scale]
    currency: typing.ClassVar[Scale]
    index: typing.ClassVar[Scale]
    per_1000: typing.ClassVar[Scale]
    per_10000: typing.ClassVar[Scale]
    per_100000: typing.ClassVar[Scale]
    percent: typing.ClassVar[Scale]
    ratio: typing.ClassVar[Scale]
    years: typing.ClassVar[Scale]
    @typing.overload
    def __eq__(self, other: Scale) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Scale) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Direction:
    """
    Which way is better.
    
    Members:
    
      increase
    
      decrease
    
      none
    """
    __members__: typing.ClassVar[dict[str, Direction]]
    decrease: typing.ClassVar[Direction]
    increase: typing.ClassVar[Direction]
    none: typing.ClassVar[Direction]
    @typing.overload
    def __eq__(self, other: Direction) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: Direction) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class ObservationFlag:
    """
    How a value came about.
    
    Members:
    
      none
    
      estimated
    
      provisional
    
      derived
    """
    __members__: typing.ClassVar[dict[str, ObservationFlag]]
    derived: typing.ClassVar[ObservationFlag]
    estimated: typing.ClassVar[ObservationFlag]
    none: typing.ClassVar[ObservationFlag]
    provisional: typing.ClassVar[ObservationFlag]
    @typing.overload
    def __eq__(self, other: ObservationFlag) -> bool:
        ...
    @typing.overload
    def __eq__(self, other: typing.Any) -> bool:
        ...
    def __getstate__(self) -> int:
        ...
    def __hash__(self) -> int:
        ...
    def __index__(self) -> int:
        ...
    def __init__(self, value: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __int__(self) -> int:
        ...
    @typing.overload
    def __ne__(self, other: ObservationFlag) -> bool:
        ...
    @typing.overload
    def __ne__(self, other: typing.Any) -> bool:
        ...
    def __repr__(self) -> str:
        ...
    def __setstate__(self, state: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    def __str__(self) -> str:
        ...
    @property
    def name(self) -> str:
        ...
    @property
    def value(self) -> int:
        ...
class Text:
    """
    A text in Chinese (zh) and English (en).
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    en: str
    zh: str
    def __bool__(self) -> bool:
        ...
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self, zh: str = '', en: str = '') -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def __str__(self) -> str:
        ...
    def in_language(self, language: str) -> str:
        """
        The text in 'zh' or 'en', falling back to the other language.
        """
class SeriesRef:
    """
    An indicator, optionally one disaggregation of it.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    indicator: str
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self, indicator: str, disaggregation: collections.abc.Mapping[str, str] = {}) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    @property
    def disaggregation(self) -> dict[str, str]:
        ...
    @disaggregation.setter
    def disaggregation(self, arg0: collections.abc.Mapping[str, str]) -> None:
        ...
class Target:
    """
    A target; which members a kind uses is in docs/plan-format.md.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    comparator: Comparator | None
    denominator: SeriesRef | None
    description: Text
    interim: bool
    kind: TargetKind
    measure: GapMeasure
    note: str
    numerator: SeriesRef | None
    reference: SeriesRef | None
    status: MilestoneStatus | None
    strict: bool
    text: str
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def deadline(self, fallback: typing.SupportsInt | typing.SupportsIndex) -> int:
        """
        The year the target is judged: year, else end, else fallback.
        """
    @property
    def between(self) -> list[SeriesRef]:
        ...
    @between.setter
    def between(self, arg0: collections.abc.Sequence[SeriesRef]) -> None:
        ...
    @property
    def end(self) -> int | None:
        ...
    @end.setter
    def end(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def min_pace(self) -> float | None:
        ...
    @min_pace.setter
    def min_pace(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def min_pace_relative(self) -> float | None:
        ...
    @min_pace_relative.setter
    def min_pace_relative(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def periods(self) -> list[tuple[int, int]]:
        """
        Periods as (first_year, last_year) pairs.
        """
    @periods.setter
    def periods(self, arg1: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]]) -> None:
        ...
    @property
    def start(self) -> int | None:
        ...
    @start.setter
    def start(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def status_year(self) -> int | None:
        ...
    @status_year.setter
    def status_year(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def tolerance(self) -> float | None:
        ...
    @tolerance.setter
    def tolerance(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def tolerance_above(self) -> float | None:
        ...
    @tolerance_above.setter
    def tolerance_above(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def tolerance_below(self) -> float | None:
        ...
    @tolerance_below.setter
    def tolerance_below(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def value(self) -> float | None:
        ...
    @value.setter
    def value(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def window(self) -> int | None:
        ...
    @window.setter
    def window(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def year(self) -> int | None:
        ...
    @year.setter
    def year(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
class Bounds:
    """
    Natural bounds of a value; an open side is ±inf.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    @staticmethod
    def for_scale(arg0: Scale) -> Bounds:
        ...
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self, lower: typing.SupportsFloat | typing.SupportsIndex, upper: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    def __iter__(self) -> collections.abc.Iterator:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def contains(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> bool:
        ...
    @property
    def lower(self) -> float:
        ...
    @lower.setter
    def lower(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def upper(self) -> float:
        ...
    @upper.setter
    def upper(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
class Indicator:
    """
    An indicator of a plan with its targets.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    bounds: Bounds
    definition: Text
    direction: Direction
    id: str
    name: Text
    scale: Scale
    unit: str
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    @property
    def disaggregations(self) -> list[str]:
        ...
    @disaggregations.setter
    def disaggregations(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
    @property
    def targets(self) -> list[Target]:
        ...
    @targets.setter
    def targets(self, arg0: collections.abc.Sequence[Target]) -> None:
        ...
class Goal:
    """
    A numbered main goal (主要目标).
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    id: str
    text: Text
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    @property
    def indicators(self) -> list[Indicator]:
        ...
    @indicators.setter
    def indicators(self, arg0: collections.abc.Sequence[Indicator]) -> None:
        ...
    @property
    def number(self) -> int:
        ...
    @number.setter
    def number(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def responsible_units(self) -> list[str]:
        ...
    @responsible_units.setter
    def responsible_units(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class Domain:
    """
    An area of the plan.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    id: str
    name: Text
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    @property
    def goals(self) -> list[Goal]:
        ...
    @goals.setter
    def goals(self, arg0: collections.abc.Sequence[Goal]) -> None:
        ...
    @property
    def number(self) -> int:
        ...
    @number.setter
    def number(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def responsible_units(self) -> list[str]:
        ...
    @responsible_units.setter
    def responsible_units(self, arg0: collections.abc.Sequence[str]) -> None:
        ...
class Observation:
    """
    One yearly value, optionally with its counts.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    flag: ObservationFlag
    source: str
    vintage: str
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self, year: typing.SupportsInt | typing.SupportsIndex, value: typing.SupportsFloat | typing.SupportsIndex, numerator: typing.SupportsFloat | typing.SupportsIndex | None = None, denominator: typing.SupportsFloat | typing.SupportsIndex | None = None, source: str = '', flag: ObservationFlag = ..., vintage: str = '') -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    @property
    def denominator(self) -> float | None:
        ...
    @denominator.setter
    def denominator(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def numerator(self) -> float | None:
        ...
    @numerator.setter
    def numerator(self, arg0: typing.SupportsFloat | typing.SupportsIndex | None) -> None:
        ...
    @property
    def value(self) -> float:
        ...
    @value.setter
    def value(self, arg0: typing.SupportsFloat | typing.SupportsIndex) -> None:
        ...
    @property
    def year(self) -> int:
        ...
    @year.setter
    def year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
class Series:
    """
    Observations of one indicator (and disaggregation).
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    indicator: str
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def values(self) -> list[float]:
        ...
    def years(self) -> list[int]:
        ...
    @property
    def disaggregation(self) -> dict[str, str]:
        ...
    @disaggregation.setter
    def disaggregation(self, arg0: collections.abc.Mapping[str, str]) -> None:
        ...
    @property
    def observations(self) -> list[Observation]:
        ...
    @observations.setter
    def observations(self, arg0: collections.abc.Sequence[Observation]) -> None:
        ...
class Plan:
    """
    A development plan: domains, goals, indicators, targets, series.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    id: str
    issuer: Text
    reference: str
    title: Text
    @staticmethod
    def from_json(text: str, source: str = '') -> Plan:
        """
        Parses and validates a plan from JSON text.
        """
    @staticmethod
    def load(path: str) -> Plan:
        """
        Loads and validates a plan file.
        """
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def goal_of(self, indicator_id: str) -> Goal:
        ...
    def indicator(self, id: str) -> Indicator:
        """
        The indicator with this id; NotFoundError (a KeyError) if there is none.
        """
    def indicators(self) -> list[Indicator]:
        """
        Every indicator, in plan order (copies).
        """
    def responsible_units_of(self, goal: Goal) -> list[str]:
        ...
    def save(self, path: str) -> None:
        """
        Writes the plan file atomically (validated first).
        """
    def to_json(self) -> str:
        """
        The plan as JSON text (validated first).
        """
    def validate(self) -> None:
        """
        Checks every rule of the plan format; raises PlanFormatError naming the place.
        """
    @property
    def base_year(self) -> int:
        ...
    @base_year.setter
    def base_year(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def domains(self) -> list[Domain]:
        ...
    @domains.setter
    def domains(self, arg0: collections.abc.Sequence[Domain]) -> None:
        ...
    @property
    def midterm_year(self) -> int | None:
        ...
    @midterm_year.setter
    def midterm_year(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
        ...
    @property
    def period_end(self) -> int:
        ...
    @period_end.setter
    def period_end(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def period_start(self) -> int:
        ...
    @period_start.setter
    def period_start(self, arg0: typing.SupportsInt | typing.SupportsIndex) -> None:
        ...
    @property
    def series(self) -> list[Series]:
        ...
    @series.setter
    def series(self, arg0: collections.abc.Sequence[Series]) -> None:
        ...
__version__: str = '0.1.0'

"""
ontrack's C++ core; use the `ontrack` package, which re-exports it.
"""
from __future__ import annotations
import collections.abc
import numpy
import numpy.typing
import pandas
import typing
__all__: list[str] = ['Bounds', 'Comparator', 'CountNames', 'Direction', 'Domain', 'EARLIEST_YEAR', 'FileError', 'GapMeasure', 'Goal', 'Indicator', 'InvalidInputError', 'LATEST_YEAR', 'LinearFit', 'METHOD_NAMES', 'MODEL_NAMES', 'MannKendall', 'MilestoneStatus', 'NATIVE_PARAMETERS', 'NotFoundError', 'Observation', 'ObservationFlag', 'ObservationProblem', 'OntrackError', 'PROGRESS_STATUSES', 'PROGRESS_STATUS_TEXT', 'Plan', 'PlanFormatError', 'STATUS_NAMES', 'Scale', 'Series', 'SeriesRef', 'Target', 'TargetKind', 'Text', 'TheilSen', 'UNCERTAINTY_NAMES', 'escape_hostile', 'fit_linear', 'hostile_character', 'mann_kendall', 'method_parameters', 'method_reading', 'method_verdict', 'theil_sen', 'year_range_rule']
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
    @staticmethod
    def about(value: typing.SupportsFloat | typing.SupportsIndex, tolerance: typing.SupportsFloat | typing.SupportsIndex | None = None, *, by: typing.SupportsInt | typing.SupportsIndex | None = None, start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, below: typing.SupportsFloat | typing.SupportsIndex | None = None, above: typing.SupportsFloat | typing.SupportsIndex | None = None, strict: bool = False, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        value − below ≤ y ≤ value + above (…左右; below = above = tolerance), in `by` or every year of [start, end].
        """
    @staticmethod
    def at_least(value: typing.SupportsFloat | typing.SupportsIndex, *, by: typing.SupportsInt | typing.SupportsIndex, strict: bool = False, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        y ≥ value in the year `by` (达到…以上); strict: y > value.
        """
    @staticmethod
    def at_most(value: typing.SupportsFloat | typing.SupportsIndex, *, by: typing.SupportsInt | typing.SupportsIndex, strict: bool = False, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        y ≤ value in the year `by` (下降到…以下); strict: y < value.
        """
    @staticmethod
    def decrease(*, start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, min_pace: typing.SupportsFloat | typing.SupportsIndex | None = None, min_pace_relative: typing.SupportsFloat | typing.SupportsIndex | None = None, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        y_end < y_start (逐步降低); min_pace: by at least that much a year; min_pace_relative: compound.
        """
    @staticmethod
    def full_coverage(*, by: typing.SupportsInt | typing.SupportsIndex | None = None, start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, tolerance: typing.SupportsFloat | typing.SupportsIndex | None = None, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        100 % (1 for a yes/no indicator), less `tolerance`, in `by`, every year of [start, end], or the plan's end (全覆盖).
        """
    @staticmethod
    def gap_narrowing(between: collections.abc.Sequence[typing.Any], *, measure: typing.Any = 'difference', start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, min_pace: typing.SupportsFloat | typing.SupportsIndex | None = None, min_pace_relative: typing.SupportsFloat | typing.SupportsIndex | None = None, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        The gap a − b (or a / b) between two series gets closer to parity (差距缩小).
        """
    @staticmethod
    def increase(*, start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, min_pace: typing.SupportsFloat | typing.SupportsIndex | None = None, min_pace_relative: typing.SupportsFloat | typing.SupportsIndex | None = None, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        y_end > y_start (逐步提高); min_pace: by at least that much a year; min_pace_relative: compound.
        """
    @staticmethod
    def increase_each_period(periods: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, typing.SupportsInt | typing.SupportsIndex]], *, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        Each period's latest value above the previous period's (逐届提高).
        """
    @staticmethod
    def maintain_at_least(value: typing.SupportsFloat | typing.SupportsIndex, *, start: typing.SupportsInt | typing.SupportsIndex, end: typing.SupportsInt | typing.SupportsIndex, strict: bool = False, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        y ≥ value in every year of [start, end] (保持在…以上).
        """
    @staticmethod
    def maintain_at_most(value: typing.SupportsFloat | typing.SupportsIndex, *, start: typing.SupportsInt | typing.SupportsIndex, end: typing.SupportsInt | typing.SupportsIndex, strict: bool = False, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        y ≤ value in every year of [start, end] (控制在…以下).
        """
    @staticmethod
    def milestone(description: typing.Any, *, by: typing.SupportsInt | typing.SupportsIndex | None = None, status: typing.Any = None, status_year: typing.SupportsInt | typing.SupportsIndex | None = None, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        A qualitative goal with a recorded status (建成…); a text description is taken as Chinese.
        """
    @staticmethod
    def ratio(value: typing.SupportsFloat | typing.SupportsIndex, comparator: typing.Any = 'at_least', *, numerator: typing.Any = None, denominator: typing.Any = None, by: typing.SupportsInt | typing.SupportsIndex | None = None, start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, strict: bool = False, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        numerator / denominator (or the own series) against value (比例不低于…).
        """
    @staticmethod
    def relative(reference: typing.Any, comparator: typing.Any = 'at_least', *, tolerance: typing.SupportsFloat | typing.SupportsIndex | None = None, by: typing.SupportsInt | typing.SupportsIndex | None = None, start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, strict: bool = False, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        Compared with another series: y ≥ r, y ≤ r or |y − r| ≤ tolerance (不低于…, 与…相适应).
        """
    @staticmethod
    def trend_slowing(*, window: typing.SupportsInt | typing.SupportsIndex = 5, start: typing.SupportsInt | typing.SupportsIndex | None = None, end: typing.SupportsInt | typing.SupportsIndex | None = None, interim: bool = False, text: str = '', note: str = '') -> Target:
        """
        The slope over the latest `window` years below the slope of the window before (上升趋势减缓).
        """
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __init__(self) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def __repr__(self) -> str:
        """
        ``<Target at_least 35 by 2030>``, ``<Target about 40 ±2 by 2030>``,
            ``<Target gap_narrowing 2020–2030>``: the kind, its value and when it is judged.
        """
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
class CountNames:
    """
    What a rate's numerator and denominator count (maternal deaths, live births).
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    denominator: Text
    numerator: Text
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    @typing.overload
    def __init__(self) -> None:
        ...
    @typing.overload
    def __init__(self, numerator: Text, denominator: Text) -> None:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
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
    def __repr__(self) -> str:
        ...
    def _repr_html_(self) -> str:
        ...
    def to_frame(self) -> pandas.DataFrame:
        """
        One row per target of the indicator: its kind, the plan's wording, its exact reading and
            the numbers it names.
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        One row per target of the indicator: its kind, the plan's wording, its exact reading and
            the numbers it names.
        """
    @property
    def counts(self) -> CountNames | None:
        """
        What its counts are, when it is collected with them (CountNames), or None.
        """
    @counts.setter
    def counts(self, arg0: CountNames | None) -> None:
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
    @property
    def unit_text(self) -> Text:
        """
        The unit in each language (a Text; empty when the plan gives one string for both).
        """
    @unit_text.setter
    def unit_text(self, arg0: Text) -> None:
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
    def __repr__(self) -> str:
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
    def __repr__(self) -> str:
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
    def __repr__(self) -> str:
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
class ObservationProblem:
    """
    One rule an observation breaks: the member it is about, a stable code, its parameters, and the reason in Chinese or English.
    """
    __hash__: typing.ClassVar[None] = None  # type: ignore[assignment]
    def __eq__(self, other: typing.Any) -> typing.Any:
        ...
    def __ne__(self, other: typing.Any) -> typing.Any:
        ...
    def __repr__(self) -> str:
        ...
    def text(self, language: str = 'en') -> str:
        """
        The reason in ``language`` ("zh" or "en"), without the indicator and year.
        """
    @property
    def code(self) -> str:
        """
        The rule broken, e.g. "value_below".
        """
    @property
    def member(self) -> str:
        """
        "year", "value", "numerator" or "denominator".
        """
    @property
    def params(self) -> dict[str, str]:
        """
        The values the reason quotes, as shown.
        """
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
    def from_dict(record: 'dict[str, object]', source: str = '') -> Plan:
        """
        A plan from the dict a plan file holds (``json.loads`` of it), checked as the file would be.
        """
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
    def _repr_html_(self) -> str:
        ...
    def find_unit(self, name: str) -> str | None:
        """
        The key of the unit with this name in either language; None when the plan has none.
        """
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
    def indicators_of_unit(self, unit: str) -> list[Indicator]:
        """
        The indicators the unit is responsible for, in plan order (copies).
        """
    def observation_problems(self, indicator_id: str, observation: Observation, earliest: typing.SupportsInt | typing.SupportsIndex | None = None) -> list[ObservationProblem]:
        """
        Every rule the observation breaks as a value of this indicator, as :class:`ObservationProblem`: the year (earliest history year, or ``earliest``, to the period's end), the value's bounds, whole non-negative counts, a proportion's numerator at most its denominator, and a value agreeing with its counts within its rounding.
        """
    def responsible_units(self) -> list[str]:
        """
        The units (their keys) responsible for at least one indicator, once each, in plan order.
        """
    def responsible_units_of(self, goal: Goal) -> list[str]:
        ...
    def save(self, path: str) -> None:
        """
        Writes the plan file atomically (validated first).
        """
    def to_frame(self) -> pandas.DataFrame:
        """
        One row per indicator target, in plan order: domain, goal, the indicator (id, names, unit)
            and the target (kind, the plan's wording, its exact reading, the numbers it names); an
            indicator without targets has one row.
        """
    def to_json(self) -> str:
        """
        The plan as JSON text (validated first).
        """
    def to_pandas(self) -> pandas.DataFrame:
        """
        One row per indicator target, in plan order: domain, goal, the indicator (id, names, unit)
            and the target (kind, the plan's wording, its exact reading, the numbers it names); an
            indicator without targets has one row.
        """
    def unit_name(self, key: str) -> Text:
        """
        The unit's name in each language (Text); the key itself when the plan has no name for it.
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
    def earliest_history_year(self) -> int:
        """
        The earliest year an observation may have: history_start, or else 15 years before the base year.
        """
    @property
    def history_start(self) -> int | None:
        """
        The earliest year of history observations the plan states, or None.
        """
    @history_start.setter
    def history_start(self, arg0: typing.SupportsInt | typing.SupportsIndex | None) -> None:
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
    def responsible_unit_names(self) -> list[Text]:
        """
        The responsible units' names in each language (Text); a domain or goal names a unit by its Chinese name, its key.
        """
    @responsible_unit_names.setter
    def responsible_unit_names(self, arg0: collections.abc.Sequence[Text]) -> None:
        ...
    @property
    def series(self) -> list[Series]:
        ...
    @series.setter
    def series(self, arg0: collections.abc.Sequence[Series]) -> None:
        ...
class LinearFit:
    """
    Least-squares line y = intercept + slope·x.
    """
    def __repr__(self) -> str:
        ...
    def predict(self, x: typing.SupportsFloat | typing.SupportsIndex) -> float:
        ...
    @property
    def df(self) -> float:
        ...
    @property
    def has_intercept(self) -> bool:
        ...
    @property
    def intercept(self) -> float:
        ...
    @property
    def intercept_se(self) -> float:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def r_squared(self) -> float:
        ...
    @property
    def residual_sd(self) -> float:
        ...
    @property
    def rss(self) -> float:
        ...
    @property
    def slope(self) -> float:
        ...
    @property
    def slope_se(self) -> float:
        ...
class TheilSen:
    """
    Theil–Sen line with Sen's slope interval.
    """
    @property
    def intercept(self) -> float:
        ...
    @property
    def intercept_joint(self) -> float:
        ...
    @property
    def kendall_variance(self) -> float:
        ...
    @property
    def level(self) -> float:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def slope(self) -> float:
        ...
    @property
    def slope_lower(self) -> float:
        ...
    @property
    def slope_upper(self) -> float:
        ...
class MannKendall:
    """
    Mann–Kendall trend test.
    """
    @property
    def n(self) -> int:
        ...
    @property
    def p(self) -> float:
        ...
    @property
    def p_decreasing(self) -> float:
        ...
    @property
    def p_increasing(self) -> float:
        ...
    @property
    def p_one_sided(self) -> float:
        ...
    @property
    def s(self) -> int:
        ...
    @property
    def tau(self) -> float:
        ...
    @property
    def tau_a(self) -> float:
        ...
    @property
    def var_s(self) -> float:
        ...
    @property
    def z(self) -> float:
        ...
class _Projection:
    """
    A projection; use ontrack.Projection.
    """
    def distribution(self, year: typing.SupportsInt | typing.SupportsIndex) -> tuple[float, float, float]:
        """
        (location, scale, df) of the model-scale predictive distribution.
        """
    def interval(self, year: typing.SupportsInt | typing.SupportsIndex, level: typing.SupportsFloat | typing.SupportsIndex) -> tuple[float, float]:
        ...
    def predict(self, year: typing.SupportsInt | typing.SupportsIndex) -> float:
        ...
    def prob_at_least(self, value: typing.SupportsFloat | typing.SupportsIndex, year: typing.SupportsInt | typing.SupportsIndex) -> float:
        ...
    def prob_at_most(self, value: typing.SupportsFloat | typing.SupportsIndex, year: typing.SupportsInt | typing.SupportsIndex) -> float:
        ...
    @property
    def aicc(self) -> float:
        ...
    @property
    def candidates(self) -> list:
        ...
    @property
    def deadline(self) -> int:
        ...
    @property
    def fitted(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def forecast_years(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
    @property
    def last_value(self) -> float:
        ...
    @property
    def last_year(self) -> int:
        ...
    @property
    def loglik(self) -> float:
        ...
    @property
    def model(self) -> str:
        ...
    @property
    def n(self) -> int:
        ...
    @property
    def observed_annual_change(self) -> float:
        ...
    @property
    def params(self) -> dict:
        ...
    @property
    def reason(self) -> str:
        ...
    @property
    def residuals(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def selection_reason(self) -> str:
        ...
    @property
    def sigma2(self) -> float:
        ...
    @property
    def status(self) -> str:
        ...
    @property
    def std_errors(self) -> dict:
        ...
    @property
    def transform(self) -> tuple[str, float, float]:
        ...
    @property
    def values(self) -> numpy.typing.NDArray[numpy.float64]:
        ...
    @property
    def years(self) -> numpy.typing.NDArray[numpy.int32]:
        ...
def _assess(method: str, target: Target, indicator: Indicator, series: collections.abc.Sequence[Series], base_year: typing.SupportsInt | typing.SupportsIndex | None, end_year: typing.SupportsInt | typing.SupportsIndex | None, midterm_year: typing.SupportsInt | typing.SupportsIndex | None, as_of: typing.SupportsInt | typing.SupportsIndex | None, native_params: dict, mode_params: dict, with_history: bool) -> dict:
    ...
def _canonical_series_text(series: Series, as_of: typing.SupportsInt | typing.SupportsIndex) -> tuple[str, str, str]:
    """
    (indicator, disaggregation, text): one series' part of the canonical text an evaluation hashes.
    """
def _evaluate(plan: Plan, series: collections.abc.Sequence[Series], as_of: typing.SupportsInt | typing.SupportsIndex | None, preset: str, method: str, native_params: dict, mode_params: dict, history: collections.abc.Sequence[tuple[typing.SupportsInt | typing.SupportsIndex, collections.abc.Mapping[str, str]]]) -> dict:
    ...
def _project(model: str, years: collections.abc.Sequence[typing.SupportsInt | typing.SupportsIndex], values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], deadline: typing.SupportsInt | typing.SupportsIndex, as_of: typing.SupportsInt | typing.SupportsIndex | None, bounds: tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex] | None, boundary_nudge: typing.SupportsFloat | typing.SupportsIndex, multiplier: typing.SupportsFloat | typing.SupportsIndex, expected_denominator: typing.SupportsFloat | typing.SupportsIndex | None, base_year: typing.SupportsInt | typing.SupportsIndex | None, consider_logit: bool, numerator: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], denominator: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], fixed: dict, uncertainty: str, drift_prior: tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex] | None) -> _Projection:
    ...
def _project_batch(offsets: typing.Annotated[numpy.typing.ArrayLike, numpy.int64], years: numpy.ndarray, values: typing.Any, numerator: typing.Any, denominator: typing.Any, model: str, deadline: typing.SupportsInt | typing.SupportsIndex, levels: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], threshold: typing.SupportsFloat | typing.SupportsIndex | None, side: str, as_of: typing.SupportsInt | typing.SupportsIndex | None, bounds: tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex] | None, multiplier: typing.SupportsFloat | typing.SupportsIndex, consider_logit: bool, threads: typing.SupportsInt | typing.SupportsIndex, out: dict, reasons: bool, uncertainty: str, drift_prior: tuple[typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex, typing.SupportsFloat | typing.SupportsIndex] | None) -> tuple[numpy.typing.NDArray[numpy.int64], list]:
    ...
def escape_hostile(text: str) -> str:
    """
    `text` with every control character (but tab and newline) and bidirectional override shown inert as '<U+001B>'.
    """
def fit_linear(x: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], y: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], intercept: bool = True) -> LinearFit:
    """
    OLS line through (x, y) with x centred; NIST StRD accurate. Raises InvalidInputError.
    """
def hostile_character(text: str) -> str | None:
    """
    The first control character or bidirectional override in `text` (e.g. 'U+001B'), or None.
    """
def mann_kendall(values: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex]) -> MannKendall:
    """
    Mann–Kendall test: S, var(S) with tie correction, continuity-corrected z, p, tau.
    """
def method_parameters(method: str) -> list[str]:
    """
    The parameter names a method accepts ('ontrack' or a compatibility mode).
    """
def method_reading(method: str, language: str) -> str:
    """
    What a method reads, in one sentence in 'zh' or 'en' ('' for a method without one).
    """
def method_verdict(method: str, label: str) -> dict:
    """
    How a method's label reads beside the others: {'leaning': favourable, partial, unfavourable or none, 'symbol': the symbol its publications print, or ''}. method 'ontrack' reads a status.
    """
def theil_sen(x: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], y: collections.abc.Sequence[typing.SupportsFloat | typing.SupportsIndex], alpha: typing.SupportsFloat | typing.SupportsIndex = 0.05) -> TheilSen:
    """
    Theil–Sen slope with Sen's (1 − alpha) confidence interval.
    """
def year_range_rule() -> str:
    """
    The year rule as a sentence fragment: 'a year must be from 1800 to 2200'.
    """
EARLIEST_YEAR: int = 1800
LATEST_YEAR: int = 2200
METHOD_NAMES: tuple = ('eurostat', 'opensdg', 'unsd', 'unsd_expected', 'escap', 'sdsn', 'destatis', 'eustat', 'istat', 'ine', 'who_arr', 'nbs')
MODEL_NAMES: tuple = ('linear', 'log_linear', 'logit', 'theil_sen', 'holt', 'damped_holt', 'two_point', 'weighted', 'poisson_rate', 'binomial_share')
NATIVE_PARAMETERS: dict = {'model': 'default', 'level': 0.95, 'uncertainty': 'calibrated', 'on_track': 0.66, 'off_track': 0.33, 'min_points': 3, 'fit_window_years': 15, 'stale_after_years': 2, 'max_data_age_years': 5, 'baseline_window_years': 2, 'near_bound_share': 0.1, 'ets_min_points': 10, 'reach_horizon_years': 20, 'volatility_ratio': 0.5, 'breach_warning': 0.2, 'breach_high': 0.5, 'history_years': 3, 'unstable_changes': 2}
PROGRESS_STATUSES: tuple = ('achieved', 'on_track', 'at_risk', 'off_track', 'deteriorating', 'missed', 'not_assessable')
PROGRESS_STATUS_TEXT: dict = {'achieved': {'zh': '已达标', 'en': 'achieved'}, 'on_track': {'zh': '预计达标', 'en': 'on track'}, 'at_risk': {'zh': '存在风险', 'en': 'at risk'}, 'off_track': {'zh': '预计达标困难', 'en': 'off track'}, 'deteriorating': {'zh': '趋势恶化', 'en': 'deteriorating'}, 'missed': {'zh': '未达标', 'en': 'missed'}, 'not_assessable': {'zh': '无法评估', 'en': 'not assessable'}}
STATUS_NAMES: tuple = ('ok', 'too_few_points', 'non_finite_value', 'duplicate_year', 'outside_domain', 'deadline_before_data', 'irregular_spacing', 'not_converged', 'degenerate', 'numerical_trouble')
UNCERTAINTY_NAMES: tuple = ('calibrated', 'model')
__version__: str = '0.1.0'

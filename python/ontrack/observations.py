"""The tidy collection of observations that the rest of ontrack consumes.

One record is one value: an indicator, a year, optionally a breakdown (sex, area, region, age),
the value with its counts, its source, a flag and its vintage (when it was recorded). Readers
(tables, Excel collection templates, SDMX-CSV) produce :class:`Observations`; the monitoring
database stores and returns them; :mod:`ontrack.derive` computes new series from them.

Bad input is reported all at once: every problem found, each with the file, sheet, row, column
or line it was found at, in one :class:`ImportValidationError`.
"""

from __future__ import annotations

import datetime
import difflib
import math
from collections import defaultdict
from dataclasses import dataclass, field
from typing import (
    TYPE_CHECKING,
    Any,
    Collection,
    Dict,
    Iterable,
    Iterator,
    List,
    Mapping,
    Optional,
    Sequence,
    Tuple,
    Union,
)

from ._core import (
    EARLIEST_YEAR,
    LATEST_YEAR,
    InvalidInputError,
    Observation,
    ObservationFlag,
    Plan,
    Series,
    hostile_character,
    year_range_rule,
)
from .messages import Choices, Message, Quoted, problem_count
from .vintages import vintage_span

if TYPE_CHECKING:  # pandas is imported only when a frame is asked for
    import pandas

__all__ = [
    "AREAS",
    "COLUMNS",
    "DIMENSIONS",
    "FLAGS",
    "SEXES",
    "ImportValidationError",
    "Location",
    "ObservationRecord",
    "Observations",
    "Problem",
    "sort_problems",
    "unknown_indicator",
]

#: Breakdowns an observation can have, as in the plan format's ``disaggregation``.
DIMENSIONS: Tuple[str, ...] = ("sex", "area", "region", "age")
#: Codes of the ``sex`` and ``area`` breakdowns; the empty string is the total.
SEXES: Tuple[str, ...] = ("female", "male")
AREAS: Tuple[str, ...] = ("urban", "rural")
#: Flags as in the plan format; the empty string is an ordinary value.
FLAGS: Tuple[str, ...] = ("", "estimated", "provisional", "derived")
#: Columns of the tidy table, in order.
COLUMNS: Tuple[str, ...] = (
    "indicator",
    "year",
    *DIMENSIONS,
    "value",
    "numerator",
    "denominator",
    "source",
    "flag",
    "vintage",
)

_CODES: Dict[str, Tuple[str, ...]] = {"sex": SEXES, "area": AREAS}
_MESSAGES_SHOWN = 20  # an error message lists this many problems; .problems has them all

SeriesKey = Tuple[str, str, str, str, str]  # indicator, sex, area, region, age
RecordKey = Tuple[str, str, str, str, str, int]  # the series key and the year


@dataclass(frozen=True)
class Location:
    """Where a value or a problem was found; every part is optional.

    ``row`` is a spreadsheet row (or the 1-based position in a frame or Parquet file), ``line``
    a line of a text file, ``column`` a spreadsheet column letter or a column name.
    """

    file: Optional[str] = None
    sheet: Optional[str] = None
    row: Optional[int] = None
    column: Optional[str] = None
    line: Optional[int] = None

    def __str__(self) -> str:
        return self.text("en")

    def text(self, language: str = "en") -> str:
        """The place in ``language``: "sheet 卫健委, row 12, column C" or "工作表 卫健委，第12行C列"."""
        zh = language == "zh"
        parts = []
        if self.file is not None:
            parts.append(self.file)
        if self.sheet is not None:
            parts.append(f"工作表 {self.sheet}" if zh else f"sheet {self.sheet}")
        if zh:
            cell = "".join(
                text
                for text in (
                    f"第{self.line}行" if self.line is not None else "",
                    f"第{self.row}行" if self.row is not None else "",
                    f"{self.column}列" if self.column is not None else "",
                )
            )
            return "，".join(parts + [cell] if cell else parts)
        if self.line is not None:
            parts.append(f"line {self.line}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column is not None:
            parts.append(f"column {self.column}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, and where.

    ``reason`` is a :class:`ontrack.messages.Message` (a stable code and its parameters, shown
    in Chinese or English), or a plain English text from readers that have no codes yet.
    """

    reason: Union[str, Message]
    location: Location = Location()

    @property
    def message(self) -> str:
        """The reason in English."""
        return self.text("en")

    @property
    def code(self) -> str:
        """The reason's stable code; empty for a plain text."""
        return self.reason.code if isinstance(self.reason, Message) else ""

    def text(self, language: str = "en") -> str:
        """The reason in ``language`` ("zh" or "en")."""
        return self.reason.text(language) if isinstance(self.reason, Message) else self.reason

    def describe(self, language: str = "en") -> str:
        """The place and the reason, in ``language``."""
        where = self.location.text(language)
        colon = "：" if language == "zh" else ": "
        return f"{where}{colon}{self.text(language)}" if where else self.text(language)

    @property
    def file(self) -> Optional[str]:
        return self.location.file

    @property
    def sheet(self) -> Optional[str]:
        return self.location.sheet

    @property
    def row(self) -> Optional[int]:
        return self.location.row

    @property
    def column(self) -> Optional[str]:
        return self.location.column

    @property
    def line(self) -> Optional[int]:
        return self.location.line

    def __str__(self) -> str:
        return self.describe("en")


@dataclass(frozen=True)
class _Earlier:
    """Where a value given twice was given first: " at sheet X, row 3" / "工作表 X，第3行"."""

    origin: Location

    def render(self, language: str) -> str:
        where = self.origin.text(language)
        if language == "zh":
            return where or "前面"
        return f" at {where}" if where else " earlier"


def _column_order(column: Optional[str]) -> Tuple[int, str]:
    """Spreadsheet columns in sheet order: Z before AA."""
    return (len(column), column) if column is not None else (0, "")


def sort_problems(problems: Iterable[Problem]) -> List[Problem]:
    """The problems in reading order: by file, sheet, row (or line) and column; problems of the
    whole input first."""
    return sorted(
        problems,
        key=lambda p: (
            p.file or "",
            p.sheet or "",
            p.row or 0,
            p.line or 0,
            _column_order(p.column),
        ),
    )


class ImportValidationError(InvalidInputError):
    """Input with problems; ``problems`` lists every one of them, each with its location.

    The message is one line: the number of problems, what happened because of them (e.g.
    "nothing imported") and the first problems.
    """

    problems: List[Problem]
    #: What happened because of the problems ("nothing read", "nothing imported").
    consequence: str
    #: The language of the input (a template's own), when it has one; else None.
    language: Optional[str]

    def __init__(
        self, problems: Sequence[Problem], consequence: str = "", language: Optional[str] = None
    ) -> None:
        self.problems = list(problems)
        self.consequence = consequence
        self.language = language
        super().__init__(self.text("en"))

    def summary(self, language: str = "en") -> str:
        """The head line: "3 problems, nothing imported" or "共 3 处问题，未导入任何数据"."""
        return problem_count(len(self.problems), self.consequence, language)

    def text(self, language: str = "en") -> str:
        """The summary and the first problems on one line, in ``language``."""
        count = len(self.problems)
        separator = "；" if language == "zh" else "; "
        listed = separator.join(p.describe(language) for p in self.problems[:_MESSAGES_SHOWN])
        rest = count - _MESSAGES_SHOWN
        more = (f"；另有 {rest} 处" if language == "zh" else f"; and {rest} more") if rest > 0 else ""
        colon = "：" if language == "zh" else ": "
        return f"{self.summary(language)}{colon}{listed}{more}"


@dataclass(frozen=True)
class ObservationRecord:
    """One observed (or derived) value. Empty strings mean total (breakdowns) or none.

    ``origin`` says where the value was read; it is not part of the record's identity.
    """

    indicator: str
    year: int
    value: float
    sex: str = ""
    area: str = ""
    region: str = ""
    age: str = ""
    numerator: Optional[float] = None
    denominator: Optional[float] = None
    source: str = ""
    flag: str = ""
    vintage: str = ""
    origin: Location = field(default=Location(), compare=False, repr=False)
    #: Where the counts were read, when not in the value's cell (a template's count columns).
    count_origins: Tuple[Location, Location] = field(
        default=(Location(), Location()), compare=False, repr=False
    )

    def __post_init__(self) -> None:
        if not self.indicator:
            raise InvalidInputError("an observation needs an indicator id")
        if isinstance(self.year, bool) or not isinstance(self.year, int):
            raise InvalidInputError(f"year {self.year!r} is not an integer")
        if not EARLIEST_YEAR <= self.year <= LATEST_YEAR:
            raise InvalidInputError(f"{self.indicator}: year {self.year}: {year_range_rule()}")
        for name in ("indicator", "region", "age", "source", "vintage"):
            hostile = hostile_character(getattr(self, name))
            if hostile is not None:
                raise InvalidInputError(
                    f"{name} of {self.indicator} {self.year} contains the control character "
                    f"{hostile}: text may hold tabs and line breaks, but no other control "
                    "characters or bidirectional overrides"
                )
        for name in ("value", "numerator", "denominator"):
            number = getattr(self, name)
            if number is None and name != "value":
                continue
            if (
                isinstance(number, bool)
                or not isinstance(number, (int, float))
                or not math.isfinite(number)
            ):
                raise InvalidInputError(
                    f"{name} {number!r} of {self.indicator} {self.year} is not a finite number"
                )
        for dimension, codes in _CODES.items():
            code = getattr(self, dimension)
            if code and code not in codes:
                raise InvalidInputError(
                    f"{dimension} {code!r} is not one of {', '.join(codes)} "
                    "(or empty for the total)"
                )
        vintage_span(self.vintage)  # a vintage is ISO 8601 time, or empty
        if self.flag not in FLAGS:
            raise InvalidInputError(
                f"flag {self.flag!r} is not one of {', '.join(f for f in FLAGS if f)} (or empty)"
            )

    def at(self, member: str) -> Location:
        """Where ``member`` ("value", "numerator", ...) of this record was read."""
        numerator_at, denominator_at = self.count_origins
        chosen = {"numerator": numerator_at, "denominator": denominator_at}.get(member)
        return chosen if chosen is not None and str(chosen) else self.origin

    @property
    def disaggregation(self) -> Dict[str, str]:
        """The breakdown as in the plan format, e.g. ``{"sex": "female"}``; empty for the total."""
        return {d: getattr(self, d) for d in DIMENSIONS if getattr(self, d)}

    @property
    def series_key(self) -> SeriesKey:
        return (self.indicator, self.sex, self.area, self.region, self.age)

    @property
    def key(self) -> RecordKey:
        """What a value is of: the series and the year (vintages of one key are revisions)."""
        return (*self.series_key, self.year)

    def to_observation(self) -> Observation:
        flag = ObservationFlag.__members__[self.flag or "none"]
        return Observation(
            self.year, self.value, self.numerator, self.denominator, self.source, flag, self.vintage
        )


Criterion = Union[str, Collection[str], None]


def _allowed(criterion: Union[Criterion, int, Collection[int]]) -> Optional[Collection[object]]:
    if criterion is None:
        return None
    if isinstance(criterion, (str, int)):
        return {criterion}
    return set(criterion)


def _format(value: float) -> str:
    return f"{value:.6g}"


def unknown_indicator(indicator_id: str, plan: Plan) -> Message:
    """The problem of an id the plan does not have, naming the closest ids it has."""
    known = [i.id for i in plan.indicators()]
    close = difflib.get_close_matches(indicator_id, known, n=3, cutoff=0.6)
    params = {"indicator": Quoted(indicator_id), "plan": plan.id}
    if close:
        return Message("unknown_indicator_close", {**params, "close": Choices(tuple(close))})
    return Message("unknown_indicator", params)


class Observations:
    """An immutable collection of :class:`ObservationRecord`, in the order given.

    It holds any number of vintages of the same value; :meth:`latest_vintage` and
    :meth:`as_of_vintage` pick one per indicator, breakdown and year.
    """

    __slots__ = ("_records",)

    def __init__(self, records: Iterable[ObservationRecord] = ()) -> None:
        self._records: Tuple[ObservationRecord, ...] = tuple(records)

    # -- conversions -----------------------------------------------------------------------

    @classmethod
    def from_frame(
        cls, frame: "pandas.DataFrame", columns: Optional[Mapping[str, str]] = None
    ) -> "Observations":
        """Reads a tidy pandas DataFrame: one row per value.

        Columns ``indicator``, ``year``, ``value`` and optionally ``sex``, ``area``, ``region``,
        ``age``, ``numerator``, ``denominator``, ``source``, ``flag``, ``vintage``; other columns
        are ignored. ``columns`` renames the frame's columns first, as ``DataFrame.rename``
        does: ``{"指标代码": "indicator", "年份": "year"}``. Rows without a value are skipped
        (blank is missing, never zero). Every problem is reported at once in an
        :class:`ImportValidationError`; a problem's ``row`` is the 1-based row of the frame.
        """
        from .io.tables import observations_from_frame

        return observations_from_frame(frame, columns)

    @classmethod
    def from_series(cls, series: Iterable[Series]) -> "Observations":
        """The observations of ontrack series (e.g. ``plan.series``)."""
        records = []
        for s in series:
            breakdown: Dict[str, Any] = s.disaggregation  # keyword arguments, once checked
            unknown = sorted(set(breakdown) - set(DIMENSIONS))
            if unknown:
                raise InvalidInputError(
                    f"series {s.indicator}: unknown breakdown {', '.join(unknown)}"
                )
            for o in s.observations:
                records.append(
                    ObservationRecord(
                        s.indicator,
                        o.year,
                        o.value,
                        numerator=o.numerator,
                        denominator=o.denominator,
                        source=o.source,
                        flag="" if o.flag == ObservationFlag.none else o.flag.name,
                        vintage=o.vintage,
                        **breakdown,
                    )
                )
        return cls(records)

    def to_frame(self) -> "pandas.DataFrame":
        """A tidy pandas DataFrame with the columns :data:`COLUMNS`; absent counts are NaN."""
        import pandas as pd

        data = {name: [getattr(r, name) for r in self._records] for name in COLUMNS}
        frame = pd.DataFrame(data, columns=list(COLUMNS))
        return frame.astype(
            {"year": "int64", "value": "float64", "numerator": "float64", "denominator": "float64"}
        )

    def to_series(self) -> List[Series]:
        """One :class:`ontrack.Series` per indicator and breakdown, observations in year order.

        Each year may appear once per series: take :meth:`latest_vintage` (or
        :meth:`as_of_vintage`) first when the collection holds several vintages.
        """
        grouped: Dict[SeriesKey, List[ObservationRecord]] = defaultdict(list)
        for record in self._records:
            grouped[record.series_key].append(record)
        result = []
        for records in grouped.values():
            years = [r.year for r in records]
            repeated = sorted({y for y in years if years.count(y) > 1})
            if repeated:
                first = records[0]
                label = first.indicator + "".join(
                    f", {k}={v}" for k, v in first.disaggregation.items()
                )
                raise InvalidInputError(
                    f"{label}: year {repeated[0]} appears more than once (several vintages?); "
                    "take latest_vintage() or as_of_vintage() first"
                )
            series = Series()
            series.indicator = records[0].indicator
            series.disaggregation = records[0].disaggregation
            series.observations = [
                r.to_observation() for r in sorted(records, key=lambda r: r.year)
            ]
            result.append(series)
        return result

    # -- checks ----------------------------------------------------------------------------

    def problems(self, plan: Plan, *, earliest_year: Optional[int] = None) -> List[Problem]:
        """Everything that does not fit the plan, in record order.

        Unknown indicator ids (with the closest known ones); breakdowns the indicator does not
        have in the plan; every rule of :meth:`ontrack.Plan.observation_problems` (years from
        the plan's earliest history year, or ``earliest_year``, to its last year; the value's
        natural bounds; whole, non-negative counts that agree with the value); and an
        indicator, breakdown and year given twice in one vintage.
        """
        indicators = {i.id: i for i in plan.indicators()}
        found: List[Problem] = []
        for record in self._records:
            indicator = indicators.get(record.indicator)
            if indicator is None:
                found.append(Problem(unknown_indicator(record.indicator, plan), record.origin))
                continue
            for dimension in record.disaggregation:
                if dimension not in indicator.disaggregations:
                    has = Choices(tuple(indicator.disaggregations) or ("—",), ", ")
                    found.append(
                        Problem(
                            Message(
                                "no_such_breakdown",
                                {"indicator": record.indicator, "dimension": dimension, "has": has},
                            ),
                            record.origin,
                        )
                    )
            for rule in plan.observation_problems(
                record.indicator, record.to_observation(), earliest_year
            ):
                found.append(
                    Problem(
                        Message(
                            "observation_rule",
                            {"indicator": record.indicator, "year": record.year, "rule": rule},
                        ),
                        record.at(rule.member),
                    )
                )
        found.extend(self.duplicates())
        return found

    def validate(self, plan: Plan, *, earliest_year: Optional[int] = None) -> None:
        """Raises :class:`ImportValidationError` listing :meth:`problems`, if there are any."""
        found = self.problems(plan, earliest_year=earliest_year)
        if found:
            raise ImportValidationError(found)

    def duplicates(self) -> List[Problem]:
        """A problem for each indicator, breakdown and year given again in the same vintage."""
        seen: Dict[Tuple[RecordKey, str], ObservationRecord] = {}
        found = []
        for record in self._records:
            key = (record.key, record.vintage)
            earlier = seen.setdefault(key, record)
            if earlier is record:
                continue
            label = (
                record.indicator
                + "".join(f" {v}" for v in record.disaggregation.values())
                + f" {record.year}"
            )
            where = _Earlier(earlier.origin)
            if earlier.value != record.value:
                message = Message(
                    "duplicate_different",
                    {
                        "label": label,
                        "value": _format(record.value),
                        "earlier": _format(earlier.value),
                        "where": where,
                    },
                )
            else:
                message = Message("duplicate_same", {"label": label, "where": where})
            found.append(Problem(message, record.origin))
        return found

    # -- selection -------------------------------------------------------------------------

    def filter(
        self,
        *,
        indicator: Criterion = None,
        year: Union[int, Collection[int], None] = None,
        sex: Criterion = None,
        area: Criterion = None,
        region: Criterion = None,
        age: Criterion = None,
        flag: Criterion = None,
        vintage: Criterion = None,
    ) -> "Observations":
        """The records matching every criterion given; each is a value or a collection of values.

        ``sex=""`` selects totals; ``year=range(2021, 2026)`` a span of years.
        """
        criteria = {
            name: allowed
            for name, allowed in (
                ("indicator", _allowed(indicator)),
                ("year", _allowed(year)),
                ("sex", _allowed(sex)),
                ("area", _allowed(area)),
                ("region", _allowed(region)),
                ("age", _allowed(age)),
                ("flag", _allowed(flag)),
                ("vintage", _allowed(vintage)),
            )
            if allowed is not None
        }
        return Observations(
            r
            for r in self._records
            if all(getattr(r, name) in allowed for name, allowed in criteria.items())
        )

    def vintages(self) -> List[str]:
        """The distinct vintages, oldest first."""
        return sorted({r.vintage for r in self._records}, key=lambda v: vintage_span(v)[0])

    def latest_vintage(self) -> "Observations":
        """For each indicator, breakdown and year, the record of the latest vintage (compared as
        time, :func:`ontrack.vintages.vintage_span`)."""
        latest: Dict[RecordKey, Tuple[ObservationRecord, datetime.datetime]] = {}
        for record in self._records:
            start = vintage_span(record.vintage)[0]
            current = latest.get(record.key)
            if current is None or start > current[1]:
                latest[record.key] = (record, start)
        return Observations(record for record, _ in latest.values())

    def as_of_vintage(self, vintage: str) -> "Observations":
        """The data as it stood at ``vintage``: the latest record of each key not after it.

        ``vintage`` is an ISO 8601 date, which includes everything recorded on that (UTC) day,
        or a date-time, which includes exactly the vintages up to it. Vintages are compared as
        time; a text that is neither raises :class:`ontrack.InvalidInputError`.
        """
        if not vintage:
            raise InvalidInputError("as_of_vintage needs a vintage, e.g. '2026-03-01'")
        until = vintage_span(vintage)[1]
        return Observations(
            r for r in self._records if vintage_span(r.vintage)[0] <= until
        ).latest_vintage()

    # -- container protocol ----------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[ObservationRecord]:
        return iter(self._records)

    def __eq__(self, other: object) -> bool:
        """Equal when they hold the same records, in any order."""
        if not isinstance(other, Observations):
            return NotImplemented
        return sorted(self._records, key=_sort_key) == sorted(other._records, key=_sort_key)

    def __repr__(self) -> str:
        if not self._records:
            return "<Observations: empty>"
        indicators = {r.indicator for r in self._records}
        years = [r.year for r in self._records]
        vintages = {r.vintage for r in self._records}
        return (
            f"<Observations: {len(self._records)} values, {len(indicators)} indicators, "
            f"years {min(years)}–{max(years)}, "
            f"{len(vintages)} vintage{'s' if len(vintages) != 1 else ''}>"
        )


def _sort_key(record: ObservationRecord) -> Tuple[RecordKey, str]:
    return (record.key, record.vintage)

"""Progress assessment of one series against one target.

``assess(years, values, target)`` judges a series the way :func:`ontrack.evaluate` judges each
target of a plan: ontrack's own method by default (a status read from the probability of meeting
the target, every number behind it, and early warnings), or one of the published methods
(``method="eurostat"``, ``"nbs"``, …) whose label is reported next to ontrack's status.
docs/assessment.md documents the statuses, thresholds, components and warnings.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from ._core import (
    Bounds,
    Direction,
    Indicator,
    InvalidInputError,
    Observation,
    Scale,
    Series,
    Target,
)

if TYPE_CHECKING:  # pandas and matplotlib are imported only when a table or chart is asked for
    import pandas
    from matplotlib.axes import Axes


__all__ = [
    "DEFAULT_PARAMETERS",
    "METHODS",
    "STATUSES",
    "AssessedProjection",
    "Assessment",
    "EarlyWarning",
    "assess",
    "method_parameters",
]

#: Method names ``assess`` and ``evaluate`` accept: ontrack's own, then the compatibility modes.
METHODS: Tuple[str, ...] = ("ontrack",) + tuple(_core.METHOD_NAMES)
#: ontrack's statuses, most favourable first.
STATUSES: Tuple[str, ...] = tuple(_core.PROGRESS_STATUSES)
#: ontrack's parameters with their defaults (docs/assessment.md § Parameters).
DEFAULT_PARAMETERS: Dict[str, Union[float, str]] = dict(_core.NATIVE_PARAMETERS)


def method_parameters(method: str) -> List[str]:
    """The parameter names ``method`` accepts (``"ontrack"`` or a compatibility mode)."""
    return list(_core.method_parameters(method))


@dataclass(frozen=True)
class EarlyWarning:
    """One early warning (预警): a stable code, a severity and the sentence in both languages.

    Codes: ``expected_shortfall``, ``high_volatility``, ``reversal``, ``stale_data``,
    ``breach_risk``, ``unstable_status``, ``missed``, ``percent_as_fraction``; severities ``low``, ``medium``, ``high``. In an
    evaluation, ``indicator``, ``target_index`` and ``domain`` say which target it is about.
    """

    code: str
    severity: str
    zh: str
    en: str
    indicator: Optional[str] = None
    target_index: Optional[int] = None
    domain: Optional[str] = None

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> "EarlyWarning":
        return cls(
            code=d["code"], severity=d["severity"], zh=d["zh"], en=d["en"],
            indicator=d.get("indicator"), target_index=d.get("target_index"), domain=d.get("domain"),
        )

    def to_dict(self) -> Dict[str, Any]:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def text(self, language: str = "en") -> str:
        """The sentence in ``"zh"`` or ``"en"``."""
        return self.zh if language == "zh" else self.en

    def __str__(self) -> str:
        return self.en


class Assessment:
    """The assessment of one target.

    ``label`` and ``label_text`` are the method's own (for ``method="ontrack"``: the status and
    its English wording); ``status`` is always ontrack's status, read from the probability of
    meeting the target (``components["p_meet"]``); ``components`` are the method's numbers
    (for ontrack: baseline, latest, projected values with intervals, ``p_meet``, breach risk,
    required and observed annual changes, the expected year, …); ``reason`` says why a target is
    not assessable (empty otherwise); ``warnings`` are ontrack's early warnings.
    """

    def __init__(self, record: Mapping[str, Any], method: str) -> None:
        self._native: Dict[str, Any] = dict(record["native"])
        self._mode: Optional[Dict[str, Any]] = dict(record["mode"]) if record.get("mode") else None
        self.method = method

    # -- the method's verdict ----------------------------------------------------------------
    @property
    def label(self) -> str:
        return str(self._mode["label"] if self._mode else self._native["status"])

    @property
    def label_text(self) -> str:
        return str(self._mode["label_text"] if self._mode else self._native["status_text"]["en"])

    @property
    def components(self) -> Dict[str, float]:
        return dict(self._mode["components"] if self._mode else self._native["components"])

    @property
    def reason(self) -> str:
        """Empty when assessed; otherwise a stable code (no_data, too_few_points, stale_data, …)."""
        return str(self._mode["reason"] if self._mode else self._native["reason"])

    @property
    def message(self) -> str:
        """Why not assessable, naming years and values; or notes on the assessment."""
        return str(self._mode["message"] if self._mode else self._native["message"])

    @property
    def base_year_source(self) -> str:
        """Where the base year behind ``components["base_year"]`` (ontrack's
        ``baseline_year``) came from: ``"plan"``, ``"caller"`` or ``"method_default"``."""
        return str(self._mode["base_year_source"] if self._mode else self._native["baseline_source"])

    @property
    def mode_result(self) -> Optional[Dict[str, Any]]:
        """The compatibility mode's full result (version, variant, other labels, …), if any."""
        return dict(self._mode) if self._mode else None

    # -- ontrack's own assessment (always computed) -----------------------------------------
    @property
    def status(self) -> str:
        return str(self._native["status"])

    def status_text(self, language: str = "en") -> str:
        return str(self._native["status_text"]["zh" if language == "zh" else "en"])

    @property
    def native_components(self) -> Dict[str, float]:
        return dict(self._native["components"])

    @property
    def native_reason(self) -> str:
        return str(self._native["reason"])

    @property
    def p_meet(self) -> Optional[float]:
        """Probability of meeting the target (None when not assessable)."""
        p = self._native["components"].get("p_meet")
        return None if p is None else float(p)

    @property
    def expected_year(self) -> Optional[int]:
        """The year the target is expected to be reached (None: not within the horizon or unknown)."""
        y = self._native["components"].get("expected_year")
        return None if y is None else int(y)

    @property
    def model(self) -> str:
        return str(self._native["model"])

    @property
    def model_note(self) -> str:
        return str(self._native["model_note"])

    @property
    def series(self) -> str:
        """What was judged: the series, a gap, a difference or a ratio."""
        return str(self._native["series"])

    @property
    def years_used(self) -> List[int]:
        return list(self._native["years_used"])

    @property
    def values_used(self) -> List[float]:
        return list(self._native["values_used"])

    @property
    def warnings(self) -> List[EarlyWarning]:
        return [EarlyWarning.from_dict(w) for w in self._native["warnings"]]

    def to_dict(self) -> Dict[str, Any]:
        """``{"method", "native": {...}, "mode": {...} or None}``: everything computed."""
        return {"method": self.method, "native": dict(self._native), "mode": self.mode_result}

    def __repr__(self) -> str:
        p = self.p_meet
        detail = f"p_meet={p:.3g}" if p is not None else (self.native_reason or "")
        label = f"{self.label} ({self.method}), " if self._mode else ""
        return f"<Assessment {label}{self.status}: {detail}>"

    # -- notebooks --------------------------------------------------------------------------------
    def projection(self) -> "AssessedProjection":
        """The projection this assessment was read from, as it carries it: yearly median and
        prediction band at the level used. Raises :class:`ontrack.InvalidInputError` when no
        projection was made (a level target already judged, or nothing assessable)."""
        return AssessedProjection.of(self._native, "this assessment")

    def plot(self, ax: Optional["Axes"] = None, *, title: Optional[str] = None, unit: str = "",
             language: str = "en") -> "Axes":
        """The chart of what was judged (:func:`ontrack.charts.assessment_chart`): the values
        used, the band this assessment carries (never refitted), the range the target allows and
        its deadline; ``unit`` labels the value axis."""
        return judged_chart(self._native, ax, span=None, unit=unit, title=title, language=language)

    def to_frame(self) -> "pandas.DataFrame":
        """One row: method, status, label, p_meet, model, reason, every component and the warning
        codes (rows of several assessments concatenate into a table)."""
        from ._repr import assessment_frame

        return assessment_frame(self)

    to_pandas = to_frame

    def _repr_html_(self) -> str:
        from ._repr import assessment_html

        return assessment_html(self)


@dataclass(frozen=True)
class AssessedProjection:
    """The projection an assessment carries: for each year after the latest observation to the
    deadline, the ``median`` and the prediction band (``lower``, ``upper``) at ``level``. A side is None
    where the model gives no interval (too few points)."""

    level: float
    years: List[int]
    median: List[Optional[float]]
    lower: List[Optional[float]]
    upper: List[Optional[float]]

    @classmethod
    def of(cls, native: Mapping[str, Any], what: str) -> "AssessedProjection":
        path = native.get("projection")
        if not path:
            why = native["reason"] or "its kind needs none"
            raise InvalidInputError(f"{what} has no projection ({why})")
        return cls(level=float(path["level"]), years=[int(y) for y in path["years"]], median=list(path["median"]),
                   lower=list(path["lower"]), upper=list(path["upper"]))

    def at(self, year: int) -> Tuple[Optional[float], Optional[float], Optional[float]]:
        """``(median, lower, upper)`` in ``year``; :class:`ontrack.NotFoundError` outside the path."""
        if year not in self.years:
            raise _core.NotFoundError(f"year {year} is not projected: the path covers {self.years[0]}–{self.years[-1]}")
        i = self.years.index(year)
        return self.median[i], self.lower[i], self.upper[i]

    def to_frame(self) -> "pandas.DataFrame":
        """One row per year: ``median``, ``lower``, ``upper``."""
        import pandas as pd

        return pd.DataFrame({"median": self.median, "lower": self.lower, "upper": self.upper},
                            index=pd.Index(self.years, name="year"), dtype=float)

    def to_dict(self) -> Dict[str, Any]:
        return asdict(self)


def judged_chart(native: Mapping[str, Any], ax: Optional["Axes"], *, span: Optional[Tuple[int, int]], unit: str,
                 title: Optional[str], language: str) -> "Axes":
    """The chart of an assessment record (Assessment, or an Evaluation's row): the values used,
    the projection it carries (drawn only with its band), the target's range and deadline."""
    from .charts import assessment_chart
    from .report.text import reason_text, words

    c = native["components"]
    path: Optional[Mapping[str, Any]] = native.get("projection")
    has_band = path is not None and any(v is not None for v in path["lower"])
    years = [int(y) for y in native["years_used"]]
    deadline = int(native.get("deadline") or c.get("deadline") or (years[-1] if years else 0))
    first = years[0] if years else deadline
    side = {name: (None if c.get(name) is None else float(c[name])) for name in ("target_lower", "target_upper")}
    note = None
    if native["reason"]:
        note = words(language)["no_projection"].format(reason=reason_text(native["reason"], native["message"], language))
    elif path and not has_band:
        note = words(language)["no_band"]
    return assessment_chart((years, native["values_used"]), path if has_band else None,
                            judged=(side["target_lower"], side["target_upper"]), deadline=deadline,
                            span=span or (first, deadline), unit=unit, title=title, note=note,
                            language=language, ax=ax)


def _int_years(years: Sequence[Any], what: str) -> List[int]:
    out = []
    for i, y in enumerate(years):
        if isinstance(y, bool) or (isinstance(y, float) and not (math.isfinite(y) and y.is_integer())):
            raise InvalidInputError(f"{what}: year at position {i} is {y!r}: years must be whole numbers")
        out.append(int(y))
    return out


def _own_series(indicator_id: str, years: Sequence[Any], values: Optional[Sequence[float]],
                numerator: Optional[Sequence[float]], denominator: Optional[Sequence[float]]) -> Series:
    year_list = _int_years(years, "years")
    if (numerator is None) != (denominator is None):
        raise InvalidInputError("give both numerator and denominator, or neither")
    value_list = [] if values is None else [float(v) for v in values]
    if len(value_list) != len(year_list):
        raise InvalidInputError(f"{len(year_list)} years but {len(value_list)} values: they must pair up")
    for y, v in zip(year_list, value_list):
        if not math.isfinite(v):
            raise InvalidInputError(f"value {v} in {y} is not a finite number")
    counts: List[Tuple[Optional[float], Optional[float]]] = [(None, None)] * len(year_list)
    if numerator is not None and denominator is not None:
        if not len(numerator) == len(denominator) == len(year_list):
            raise InvalidInputError("numerator and denominator need one count per year")
        counts = [(float(n), float(d)) for n, d in zip(numerator, denominator)]
    series = Series()
    series.indicator = indicator_id
    series.observations = [
        Observation(y, v, numerator=n, denominator=d)
        for y, v, (n, d) in sorted(zip(year_list, value_list, counts), key=lambda item: item[0])
    ]
    return series


def _indicator(indicator_id: str, scale: Union[str, Scale, None], bounds: Optional[Tuple[float, float]],
               direction: Union[str, Direction, None]) -> Indicator:
    ind = Indicator()
    ind.id = indicator_id
    ind.scale = Scale.__members__[scale] if isinstance(scale, str) else (scale or Scale.index)
    ind.bounds = Bounds(*bounds) if bounds is not None else Bounds.for_scale(ind.scale)
    if isinstance(direction, str):
        ind.direction = Direction.__members__[direction]
    elif direction is not None:
        ind.direction = direction
    else:
        ind.direction = Direction.none
    return ind


def _optional_year(year: Optional[int]) -> Optional[int]:
    return None if year is None else int(year)


def assess(
    years: Sequence[int],
    values: Optional[Sequence[float]],
    target: Target,
    method: str = "ontrack",
    as_of: Optional[int] = None,
    *,
    numerator: Optional[Sequence[float]] = None,
    denominator: Optional[Sequence[float]] = None,
    scale: Union[str, Scale, None] = None,
    bounds: Optional[Tuple[float, float]] = None,
    direction: Union[str, Direction, None] = None,
    series: Optional[Sequence[Series]] = None,
    indicator_id: str = "series",
    base_year: Optional[int] = None,
    end_year: Optional[int] = None,
    midterm_year: Optional[int] = None,
    native: Optional[Mapping[str, Any]] = None,
    **params: Any,
) -> Assessment:
    """Assesses one series against one target.

    ``target`` is an :class:`ontrack.Target` (``Target.at_least(35, by=2030)``, …). ``method``
    is ``"ontrack"`` (the default) or a compatibility mode (:data:`METHODS`); ``params`` are its
    parameters (:func:`method_parameters`); with a mode, ``native`` holds ontrack's own
    parameters, since ontrack's status and warnings are computed too. ``as_of`` uses only the
    data up to that year (default: the latest year observed).

    The series: ``years`` and ``values``, with ``numerator`` and ``denominator`` counts when the
    values are rates from small numbers (the count models are then used). ``scale``
    (``"percent"``, ``"per_100000"``, …) and ``bounds`` describe the values (default: unbounded);
    ``direction`` which way is better (default: read from the target). Targets that name other
    series (``gap_narrowing``, ``relative``, ``ratio`` with numerator and denominator) find them
    in ``series`` by indicator id and disaggregation; the series given by ``years`` and
    ``values`` is indicator ``indicator_id``.

    The plan around the target: ``base_year`` starts trend kinds, ``end_year`` (default: the
    target's own year, else 2030) ends them, ``midterm_year`` adds a mid-term projection.
    Without ``base_year``, ontrack's own method starts from the first year observed and a
    compatibility mode from its published default (2015 for Open SDG, Eustat, UNSD, …, with the
    method's own rule when that year has no value), as the published tool does;
    :attr:`Assessment.base_year_source` says which applied (``"caller"``, ``"method_default"``).

    Raises :class:`ontrack.InvalidInputError` (a ``ValueError``) for mismatched or non-finite
    input, an unknown method or parameter; data trouble (too few points, stale data, …) is
    ``status == "not_assessable"`` with a ``reason``, never an exception.
    """
    if method not in METHODS:
        raise InvalidInputError(f"unknown method {method!r}; accepted: {', '.join(METHODS)}")
    own = _own_series(indicator_id, years, values, numerator, denominator)
    data = [own] + list(series or [])
    native_params, mode_params = (dict(params), {}) if method == "ontrack" else (dict(native or {}), dict(params))
    if method == "ontrack" and native:
        raise InvalidInputError("`native` is for a compatibility mode; give ontrack's parameters directly")
    record = _core._assess(
        method, target, _indicator(indicator_id, scale, bounds, direction), data,
        _optional_year(base_year), _optional_year(end_year), _optional_year(midterm_year), _optional_year(as_of),
        native_params, mode_params, True,
    )
    return Assessment(record, method)

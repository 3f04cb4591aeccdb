"""Evaluations of a plan: annual monitoring (年度监测), the mid-term (中期评估) and the final
evaluation (终期评估).

``evaluate(plan, observations, as_of=2025)`` assesses every target of every indicator with the
data up to ``as_of``, lists the early warnings (预警), and summarises by domain, by responsible
unit (责任单位) and for the plan (counts by status, 达标率). The result is an
:class:`Evaluation`, whose :meth:`Evaluation.to_dict` is a documented record (the method, its
parameters, the library version and a content hash of the data), so that it can be recomputed
and compared later (docs/assessment.md § Record).
"""

from __future__ import annotations

import copy
import json
import sys
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from . import _core
from ._core import Indicator, InvalidInputError, Plan, Series
from .assessment import METHODS, EarlyWarning
from .observations import ImportValidationError, Observations

if TYPE_CHECKING:  # pandas is imported only when a frame is given or asked for, matplotlib for a chart
    import pandas
    from matplotlib.axes import Axes

    from .assessment import AssessedProjection

__all__ = ["PRESETS", "SCHEMA", "SCHEMA_VERSION", "Evaluation", "annual", "evaluate", "final", "midterm"]

#: Evaluation presets: the year each is made as of.
PRESETS = ("annual", "midterm", "final")
#: The record's schema name and version (``Evaluation.to_dict()["schema"]``).
SCHEMA = "ontrack.evaluation"
SCHEMA_VERSION = 1

#: Components shown as their own columns by :meth:`Evaluation.to_frame`, in this order.
_FRAME_COMPONENTS = (
    "p_meet", "baseline_year", "baseline_value", "latest_year", "latest_value", "projected_value",
    "projected_value_lower", "projected_value_upper", "midterm_year", "projected_midterm",
    "projected_midterm_lower", "projected_midterm_upper", "breach_risk", "breach_risk_lower",
    "required_annual_change", "observed_annual_change", "required_relative_change",
    "observed_relative_change", "pace_ratio", "expected_year", "never_reached_by", "n_points",
)

ObservationsLike = Union[Observations, "pandas.DataFrame", Sequence[Series], None]


def _check_shape(record: Mapping[str, Any]) -> None:
    """The members every reader of a record relies on (a previous year's record comes from a
    file, and may have been edited): their absence is one clear error, not a failure later."""
    def wrong(what: str) -> InvalidInputError:
        return InvalidInputError(f"not a complete evaluation record: {what}")

    plan = record.get("plan")
    if not isinstance(plan, Mapping) or not isinstance(plan.get("id"), str):
        raise wrong("'plan' needs an 'id' text")
    as_of = record.get("as_of")
    if isinstance(as_of, bool) or not isinstance(as_of, int):
        raise wrong(f"'as_of' is {as_of!r}, not a year")
    rows = record.get("rows")
    if not isinstance(rows, list):
        raise wrong("'rows' must be a list")
    for number, row in enumerate(rows):
        texts = row.get("status_text") if isinstance(row, Mapping) else None
        if not (isinstance(texts, Mapping) and all(isinstance(texts.get(k), str) for k in ("zh", "en"))
                and isinstance(row.get("key"), str) and isinstance(row.get("status"), str)):
            raise wrong(f"rows[{number}] needs a 'key', a 'status' and a 'status_text' in zh and en")


class Evaluation:
    """An evaluation of a plan as of one year: one row per indicator target.

    ``rows`` (dicts; :meth:`to_frame` as a DataFrame), ``warnings`` (:class:`EarlyWarning`),
    summaries (:meth:`summary`) and the record (:meth:`to_dict`, :meth:`to_json`).
    """

    def __init__(self, record: Mapping[str, Any], *, stand_in: Sequence[str] = ()) -> None:
        if record.get("schema") != SCHEMA or record.get("schema_version") != SCHEMA_VERSION:
            raise InvalidInputError(
                f"not an evaluation record: schema {record.get('schema')!r} version "
                f"{record.get('schema_version')!r} (expected {SCHEMA!r} version {SCHEMA_VERSION})"
            )
        _check_shape(record)
        self._record: Dict[str, Any] = copy.deepcopy(dict(record))
        self._stand_in = tuple(stand_in)

    # -- the record ---------------------------------------------------------------------------
    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> "Evaluation":
        """An evaluation from its record (e.g. a previous year's, to pass as ``previous``)."""
        return cls(record)

    @classmethod
    def from_json(cls, text: str) -> "Evaluation":
        return cls(json.loads(text))

    def to_dict(self) -> Dict[str, Any]:
        """The record (a deep copy); its schema is in docs/assessment.md § Record."""
        return copy.deepcopy(self._record)

    def to_json(self, indent: Optional[int] = 2) -> str:
        """The record as JSON (UTF-8 text, Chinese kept as is)."""
        return json.dumps(self._record, ensure_ascii=False, indent=indent)

    # -- what it is of ------------------------------------------------------------------------
    @property
    def plan_id(self) -> str:
        return str(self._record["plan"]["id"])

    @property
    def as_of(self) -> int:
        return int(self._record["as_of"])

    @property
    def preset(self) -> str:
        return str(self._record["preset"])

    @property
    def method(self) -> str:
        return str(self._record["method"])

    @property
    def parameters(self) -> Dict[str, Dict[str, Any]]:
        """``{"ontrack": {...every parameter...}, "mode": {...as given...}}``."""
        return copy.deepcopy(self._record["parameters"])

    @property
    def stand_in(self) -> Tuple[str, ...]:
        """The stand-in labels of the observations evaluated (e.g. "national (China) figure
        standing in for district data"); empty for district data or a record read back."""
        return self._stand_in

    @property
    def library_version(self) -> str:
        return str(self._record["library"]["version"])

    @property
    def data(self) -> Dict[str, Any]:
        """The data used: ``sha256``, ``series``, ``points``, ``first_year``, ``last_year``."""
        return dict(self._record["data"])

    # -- rows and warnings ----------------------------------------------------------------------
    @property
    def rows(self) -> List[Dict[str, Any]]:
        return copy.deepcopy(self._record["rows"])

    def row(self, indicator: str, target_index: int = 0) -> Dict[str, Any]:
        """The row of one target; NotFoundError (a KeyError) when the plan has no such target."""
        for r in self._record["rows"]:
            if r["indicator"] == indicator and r["target_index"] == target_index:
                return copy.deepcopy(r)
        raise _core.NotFoundError(f"no target {target_index} of indicator {indicator!r} in this evaluation")

    def statuses(self) -> Dict[str, str]:
        """ontrack's status of each row by its key (``"indicator#index"``)."""
        return {r["key"]: r["status"] for r in self._record["rows"]}

    @property
    def warnings(self) -> List[EarlyWarning]:
        return [EarlyWarning.from_dict(w) for w in self._record["warnings"]]

    def to_frame(self) -> "pandas.DataFrame":
        """One row per indicator target: where it sits, ontrack's status, the method's label, the
        main components as columns, the other components in ``components``, and the warning
        codes."""
        import pandas as pd

        records = []
        for r in self._record["rows"]:
            c = r["components"]
            records.append({
                "key": r["key"], "domain": r["domain"], "goal": r["goal"], "indicator": r["indicator"],
                "target_index": r["target_index"], "kind": r["kind"], "interim": r["interim"],
                "deadline": r["deadline"], "text": r["text"],
                "responsible_units": "、".join(r["responsible_units"]),
                "status": r["status"], "status_zh": r["status_text"]["zh"], "label": r["label"],
                "label_text": r["label_text"], "reason": r["reason"], "message": r["message"],
                "model": r["model"],
                **{name: c.get(name) for name in _FRAME_COMPONENTS},
                "components": {k: v for k, v in c.items() if k not in _FRAME_COMPONENTS},
                "warnings": ",".join(w["code"] for w in r["warnings"]),
            })
        return pd.DataFrame.from_records(records)

    # -- summaries ------------------------------------------------------------------------------
    def summary(self, by: str = "plan") -> Dict[str, Any]:
        """Counts by status, the 达标率 (``achievement_rate`` = achieved / assessable) and the
        on-track rate; ``mode_aggregate`` holds the compatibility mode's own aggregation.

        ``by="plan"`` gives one summary; ``"domain"`` and ``"unit"`` a dict of them keyed by
        domain id or responsible unit.
        """
        key = {"plan": "plan", "domain": "domains", "unit": "units"}.get(by)
        if key is None:
            raise InvalidInputError(f"by={by!r}: expected 'plan', 'domain' or 'unit'")
        return copy.deepcopy(self._record["summary"][key])

    @property
    def achievement_rate(self) -> Optional[float]:
        """达标率 of the plan: achieved / assessable targets (None when none is assessable)."""
        rate = self._record["summary"]["plan"]["achievement_rate"]
        return None if rate is None else float(rate)

    def summary_frame(self, by: str = "domain") -> "pandas.DataFrame":
        """The summaries by ``"domain"`` or ``"unit"`` as a DataFrame (one row each)."""
        import pandas as pd

        groups = self.summary(by)
        if by == "plan":
            groups = {self.plan_id: groups}
        rows = []
        for name, s in groups.items():
            row: Dict[str, Any] = {by: name, **s["counts"], "total": s["total"], "assessable": s["assessable"],
                                   "achievement_rate": s["achievement_rate"], "on_track_rate": s["on_track_rate"]}
            if s["mode_aggregate"] is not None:
                row["mode_label"] = s["mode_aggregate"]["label"]
            rows.append(row)
        return pd.DataFrame.from_records(rows)

    def __repr__(self) -> str:
        counts = self._record["summary"]["plan"]["counts"]
        shown = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        return (f"<Evaluation {self.plan_id} as of {self.as_of} ({self.preset}, {self.method}): "
                f"{len(self._record['rows'])} targets — {shown}; {len(self._record['warnings'])} warnings>")

    # -- notebooks --------------------------------------------------------------------------------
    to_pandas = to_frame

    def projection(self, indicator: str, target_index: int = 0) -> "AssessedProjection":
        """The projection one target was assessed with, as its row carries it: yearly median and
        prediction band at the evaluation's level. Raises :class:`ontrack.NotFoundError` for an
        unknown target and :class:`ontrack.InvalidInputError` for a row without a projection."""
        from .assessment import AssessedProjection

        row = self.row(indicator, target_index)
        return AssessedProjection.of(row, f"target {row['key']}")

    def plot(self, indicator: str, target_index: int = 0, *, plan: Optional[Plan] = None,
             ax: Optional["Axes"] = None, title: Optional[str] = None, language: str = "en") -> "Axes":
        """The chart of what one target was judged on (:func:`ontrack.charts.assessment_chart`):
        the values used, the band the row carries (never refitted), the range the target allows,
        its deadline, over the plan period. With ``plan`` the value axis shows the indicator's unit
        and the chart is titled with the indicator's name; without it, with the target's key."""
        from .assessment import judged_chart
        from .report.text import unit_text

        row = self.row(indicator, target_index)
        start, end = self._record["plan"]["period"]
        unit, name = "", f"{indicator}#{target_index}"
        if plan is not None:
            ind = self._plan_indicator(plan, indicator)
            name = ind.name.in_language(language)
            if row["series"] == ind.id:  # a gap or a ratio is not in the indicator's unit
                unit = unit_text(ind, language)
        return judged_chart(row, ax, span=(int(start), int(end)), unit=unit, title=title or name, language=language)

    def _plan_indicator(self, plan: Plan, indicator: str) -> Indicator:
        if plan.id != self.plan_id:
            raise InvalidInputError(f"this evaluation is of plan {self.plan_id!r}, not {plan.id!r}")
        return plan.indicator(indicator)

    def _repr_html_(self) -> str:
        from ._repr import evaluation_html

        return evaluation_html(self)


def _series(plan: Plan, observations: ObservationsLike) -> List[Series]:
    if observations is None:
        return list(plan.series)
    pandas = sys.modules.get("pandas")  # a DataFrame can only come from an imported pandas
    if pandas is not None and isinstance(observations, pandas.DataFrame):
        observations = Observations.from_frame(observations)
    if isinstance(observations, Observations):
        # A value given twice in one vintage is a contradiction to resolve, not a choice to make
        # silently (the command line refuses the same data).
        repeated = observations.duplicates()
        if repeated:
            raise ImportValidationError(repeated, "nothing evaluated")
        return observations.latest_vintage().to_series()
    items = list(observations)
    if not all(isinstance(s, Series) for s in items):
        raise InvalidInputError(
            "observations must be an ontrack.Observations, a tidy DataFrame, a list of ontrack.Series or None"
        )
    return items


def evaluate(
    plan: Plan,
    observations: ObservationsLike = None,
    as_of: Optional[int] = None,
    method: str = "ontrack",
    *,
    preset: str = "annual",
    previous: Optional[Sequence[Evaluation]] = None,
    native: Optional[Mapping[str, Any]] = None,
    **params: Any,
) -> Evaluation:
    """Evaluates every target of ``plan`` with the observations up to ``as_of``.

    ``observations``: an :class:`ontrack.Observations` (several vintages: the latest of each
    value; pass ``obs.as_of_vintage(v)`` for the data as it stood then), a tidy DataFrame, a list
    of :class:`ontrack.Series`, or None for ``plan.series``. ``preset``: ``"annual"`` (as of
    ``as_of``, default the latest year observed), ``"midterm"`` (the plan's mid-term year) or
    ``"final"`` (its last year). ``method``: ``"ontrack"`` or a compatibility mode, whose label
    each row then carries, aggregated by the mode's own rule; ``params`` are the method's
    parameters and, with a mode, ``native`` ontrack's (its status and warnings are always
    computed). ``previous``: earlier evaluations of the same plan, whose statuses feed the
    ``unstable_status`` warning (without them, the previous years are evaluated internally).

    Raises :class:`ontrack.InvalidInputError` for an unknown preset, method or parameter, an
    ``as_of`` that contradicts the preset, a mid-term evaluation of a plan without a mid-term
    year, or previous evaluations of another plan; never for the data (a series in trouble is a
    ``not_assessable`` row with its reason).
    """
    if as_of is not None and not (isinstance(as_of, int) and _core.EARLIEST_YEAR <= as_of <= _core.LATEST_YEAR):
        raise InvalidInputError(f"as_of {as_of!r}: {_core.year_range_rule()}")
    if method not in METHODS:
        raise InvalidInputError(f"unknown method {method!r}; accepted: {', '.join(METHODS)}")
    if preset not in PRESETS:
        raise InvalidInputError(f"unknown preset {preset!r}; accepted: {', '.join(PRESETS)}")
    if method == "ontrack" and native:
        raise InvalidInputError("`native` is for a compatibility mode; give ontrack's parameters directly")
    native_params, mode_params = (dict(params), {}) if method == "ontrack" else (dict(native or {}), dict(params))
    history = []
    for ev in previous or []:
        if ev.plan_id != plan.id:
            raise InvalidInputError(f"a previous evaluation is of plan {ev.plan_id!r}, not {plan.id!r}")
        history.append((ev.as_of, ev.statuses()))
    from .report.content import stand_in_labels

    series = _series(plan, observations)
    record = _core._evaluate(plan, series, as_of, preset, method, native_params, mode_params, history)
    return Evaluation(record, stand_in=stand_in_labels(o.source for s in series for o in s.observations))


def annual(plan: Plan, observations: ObservationsLike = None, as_of: Optional[int] = None,
           method: str = "ontrack", **kwargs: Any) -> Evaluation:
    """The annual monitoring evaluation (年度监测) as of ``as_of``."""
    return evaluate(plan, observations, as_of, method, preset="annual", **kwargs)


def midterm(plan: Plan, observations: ObservationsLike = None, method: str = "ontrack",
            **kwargs: Any) -> Evaluation:
    """The mid-term evaluation (中期评估), as of the plan's mid-term year."""
    return evaluate(plan, observations, None, method, preset="midterm", **kwargs)


def final(plan: Plan, observations: ObservationsLike = None, method: str = "ontrack",
          **kwargs: Any) -> Evaluation:
    """The final evaluation (终期评估), as of the plan's last year."""
    return evaluate(plan, observations, None, method, preset="final", **kwargs)

"""What a report says, in one language, independent of the format it is written in.

:func:`build` reads a plan, the observations and an evaluation (and optionally a previous
evaluation) and returns a :class:`Report`: the dashboard by domain, one section per indicator
with its targets' rows, the early warnings, the accountability table by responsible unit, the
status changes, the data sources and the provenance. The HTML, Markdown and Excel writers only
lay this out; none of them computes anything.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple

from .._core import Indicator, InvalidInputError, Plan, Series
from ..describe import describe_target, format_number
from ..evaluation import Evaluation, ObservationsLike
from ..observations import ObservationRecord, Observations
from .text import STATUS_STYLES, StatusStyle, reason_text, words

__all__ = [
    "DomainSection",
    "IndicatorSection",
    "Report",
    "SourceRow",
    "StatusChange",
    "Summary",
    "TargetRow",
    "UnitRow",
    "WarningItem",
    "build",
    "observation_records",
    "split_source",
    "stand_in_notice",
]

#: How the bundled reference data mark a value that stands in for district data (the label
#: ``ontrack.datasets`` puts before every such value's source).
_STAND_IN_MARK = " figure standing in for district data"
_GEO_LABELS_ZH = {
    "national (China)": "全国（中国）数据",
    "provincial (Fujian)": "福建省数据",
    "city (Baotou, Inner Mongolia)": "包头市（内蒙古）数据",
}



@dataclass(frozen=True)
class Summary:
    """Counts by status and rates for the plan, a domain or a responsible unit."""

    counts: Dict[str, int]
    total: int
    assessable: int
    achievement_rate: Optional[float]
    on_track_rate: Optional[float]
    light: str  # green, amber, red or grey: the traffic light (docs/report.md § Dashboard)


@dataclass(frozen=True)
class WarningItem:
    indicator: str
    indicator_name: str
    target_index: int
    domain: str
    code: str
    severity: str
    severity_text: str
    text: str


@dataclass(frozen=True)
class TargetRow:
    """One target of an indicator as evaluated."""

    key: str
    indicator: str
    target_index: int
    text: str
    kind: str
    interim: bool
    deadline: int
    status: str
    status_text: str
    style: StatusStyle
    p_meet: Optional[float]
    latest_value: Optional[float]
    latest_year: Optional[int]
    projected: Optional[float]
    projected_lower: Optional[float]
    projected_upper: Optional[float]
    required_pace: Optional[float]
    observed_pace: Optional[float]
    model: str
    note: str
    units: Tuple[str, ...]
    warnings: Tuple[WarningItem, ...]
    previous_status: Optional[str] = None
    previous_status_text: Optional[str] = None

    @property
    def changed(self) -> bool:
        return self.previous_status is not None and self.previous_status != self.status


@dataclass
class IndicatorSection:
    """One indicator: its name, chart (inline SVG, None without data) and targets' rows."""

    id: str
    name: str
    unit: str
    goal: str
    rows: List[TargetRow]
    has_data: bool = False
    chart: Optional[str] = None
    chart_note: str = ""


@dataclass
class DomainSection:
    id: str
    number: int
    name: str
    summary: Summary
    indicators: List[IndicatorSection] = field(default_factory=list)


@dataclass(frozen=True)
class UnitRow:
    unit: str
    summary: Summary
    warnings: int
    lagging: Tuple[str, ...]  # names of its indicators with a target off track or deteriorating


@dataclass(frozen=True)
class StatusChange:
    key: str
    indicator_name: str
    target: str
    before: str
    before_text: str
    after: str
    after_text: str


@dataclass(frozen=True)
class SourceRow:
    """The observations of one series from one source: where they come from, which years and
    vintages, and the stand-in label when they are not district data."""

    indicator: str
    indicator_name: str
    breakdown: str
    source: str
    stand_in: str
    years: str
    points: int
    vintages: str


@dataclass
class Report:
    language: str
    words: Dict[str, str]
    title: str
    subtitle: str
    plan_id: str
    as_of: int
    preset: str
    method: str
    period: Tuple[int, int]
    base_year: int
    midterm_year: Optional[int]
    stand_in_notice: str
    plan_summary: Summary
    domains: List[DomainSection]
    warnings: List[WarningItem]
    units: List[UnitRow]
    changes: Optional[List[StatusChange]]
    previous_as_of: Optional[int]
    sources: List[SourceRow]
    records: List[ObservationRecord]
    library_version: str
    parameters: Dict[str, Any]
    data: Dict[str, Any]
    method_note: str
    light_note: str
    indicator_names: Dict[str, str]

    @property
    def indicators(self) -> List[IndicatorSection]:
        return [section for domain in self.domains for section in domain.indicators]

    @property
    def rows(self) -> List[TargetRow]:
        return [row for section in self.indicators for row in section.rows]

    @property
    def charts(self) -> int:
        return sum(1 for section in self.indicators if section.chart is not None)


def split_source(source: str) -> Tuple[str, str]:
    """``(label, source)``: the stand-in label a source starts with (e.g. "national (China)
    figure standing in for district data") and the rest; ``("", source)`` for an ordinary one."""
    label, sep, rest = source.partition(": ")
    return (label, rest) if sep and label.endswith(_STAND_IN_MARK) else ("", source)


def _frame_records(frame: Any) -> Observations:
    """A tidy frame's observations; a ``label`` column (as in ``ontrack.datasets``) is kept by
    putting it before the source, as the bundled series do, so the label reaches the report."""
    if "label" in frame.columns and "source" in frame.columns:
        frame = frame.copy()
        labelled = frame["label"].fillna("").astype(str) != ""
        frame.loc[labelled, "source"] = frame.loc[labelled, "label"].astype(str) + ": " + \
            frame.loc[labelled, "source"].fillna("").astype(str)
    if "indicator" in frame.columns:  # rows of the reference data that map to no plan indicator
        frame = frame[frame["indicator"].notna()]
    return Observations.from_frame(frame)


def observation_records(plan: Plan, observations: ObservationsLike, as_of: int) -> List[ObservationRecord]:
    """The records an evaluation of ``plan`` as of ``as_of`` reads: the latest vintage of each
    value of the plan's indicators, up to ``as_of`` (as ``ontrack.evaluate`` takes them)."""
    if observations is None:
        collection = Observations.from_series(plan.series)
    elif isinstance(observations, Observations):
        collection = observations.latest_vintage()
    else:
        pandas = sys.modules.get("pandas")
        if pandas is not None and isinstance(observations, pandas.DataFrame):
            collection = _frame_records(observations).latest_vintage()
        else:
            items = list(observations)  # type: ignore[arg-type]
            if not all(isinstance(s, Series) for s in items):
                raise InvalidInputError(
                    "observations must be an ontrack.Observations, a tidy DataFrame, a list of ontrack.Series or None"
                )
            collection = Observations.from_series(items)
    known = {indicator.id for indicator in plan.indicators()}
    return sorted((r for r in collection if r.indicator in known and r.year <= as_of),
                  key=lambda r: (r.indicator, r.sex, r.area, r.region, r.age, r.year))


def _light(summary: Mapping[str, Any], on_track: float, off_track: float) -> str:
    rate = summary["on_track_rate"]
    if rate is None:
        return "grey"
    return "green" if rate >= on_track else ("red" if rate < off_track else "amber")


#: The summary of a domain without indicators (an evaluation lists none for it).
_EMPTY = {"counts": {}, "total": 0, "assessable": 0, "achievement_rate": None, "on_track_rate": None}


def _summary(s: Mapping[str, Any], thresholds: Tuple[float, float]) -> Summary:
    return Summary(
        counts={status: int(s["counts"].get(status, 0)) for status in STATUS_STYLES},
        total=int(s["total"]), assessable=int(s["assessable"]),
        achievement_rate=s["achievement_rate"], on_track_rate=s["on_track_rate"],
        light=_light(s, *thresholds),
    )


def _optional(components: Mapping[str, Any], name: str) -> Optional[float]:
    value = components.get(name)
    return None if value is None else float(value)


def _breakdown(record: ObservationRecord) -> str:
    return ", ".join(f"{k}={v}" for k, v in record.disaggregation.items())


def _span(years: Sequence[int]) -> str:
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


def _sources(records: Sequence[ObservationRecord], names: Mapping[str, str]) -> List[SourceRow]:
    groups: Dict[Tuple[str, str, str], List[ObservationRecord]] = {}
    for r in records:
        groups.setdefault((r.indicator, _breakdown(r), r.source), []).append(r)
    rows = []
    for (indicator, breakdown, source), members in groups.items():
        label, shown = split_source(source)
        rows.append(SourceRow(
            indicator=indicator, indicator_name=names.get(indicator, indicator), breakdown=breakdown,
            source=shown, stand_in=label,
            years=_span([r.year for r in members]), points=len(members),
            vintages=", ".join(sorted({r.vintage for r in members if r.vintage})),
        ))
    return rows


def stand_in_notice(records: Sequence[ObservationRecord], language: str) -> str:
    """The sentence saying that the data stand in for district data (naming their level, e.g.
    national), or "" when every source is an ordinary one."""
    labels = sorted({label for label, _ in (split_source(r.source) for r in records) if label})
    if not labels:
        return ""
    geos = [label[: -len(_STAND_IN_MARK)] for label in labels]
    if language == "zh":
        shown = "、".join(_GEO_LABELS_ZH.get(geo, geo) for geo in geos)
    else:
        shown = ", ".join(f"{geo} figures" for geo in geos)
    return words(language)["stand_in"].format(labels=shown)


def _warning(w: Mapping[str, Any], names: Mapping[str, str], domain: str, w_: Dict[str, str],
             language: str) -> WarningItem:
    indicator = str(w.get("indicator", ""))
    return WarningItem(
        indicator=indicator, indicator_name=names.get(indicator, indicator),
        target_index=int(w.get("target_index", 0)), domain=str(w.get("domain", domain)),
        code=str(w["code"]), severity=str(w["severity"]), severity_text=w_[f"severity_{w['severity']}"],
        text=str(w["zh"] if language == "zh" else w["en"]),
    )


def _target_text(plan_text: str, target: Any, indicator: Indicator, language: str) -> str:
    if language == "zh" and plan_text:
        return plan_text
    return describe_target(target, indicator)


def build(plan: Plan, observations: ObservationsLike, evaluation: Evaluation, *, language: str = "zh",
          previous: Optional[Evaluation] = None,
          chart: Optional[Callable[[Indicator, Sequence[Mapping[str, Any]], Sequence[ObservationRecord]],
                                   Tuple[Optional[str], str]]] = None,
          done: Optional[Callable[[str], None]] = None) -> Report:
    """The report's content. ``chart(indicator, rows, records)`` returns an indicator's chart
    (SVG or None) and a note; without it no charts are drawn (Markdown, Excel, JSON need none).
    ``done(indicator_id)`` is called after each indicator (for a progress bar)."""
    w_ = words(language)
    if evaluation.plan_id != plan.id:
        raise InvalidInputError(f"the evaluation is of plan {evaluation.plan_id!r}, not {plan.id!r}")
    if previous is not None and previous.plan_id != plan.id:
        raise InvalidInputError(f"the previous evaluation is of plan {previous.plan_id!r}, not {plan.id!r}")
    record = evaluation.to_dict()
    native = record["parameters"]["ontrack"]
    thresholds = (float(native["on_track"]), float(native["off_track"]))
    indicators = {i.id: i for i in plan.indicators()}
    names = {i.id: i.name.in_language(language) for i in indicators.values()}
    records = observation_records(plan, observations, evaluation.as_of)
    before = previous.statuses() if previous is not None else {}
    before_text = {r["key"]: r["status_text"][language] for r in previous.rows} if previous is not None else {}

    rows_by_indicator: Dict[str, List[Dict[str, Any]]] = {}
    for r in record["rows"]:
        rows_by_indicator.setdefault(r["indicator"], []).append(r)
    records_by_indicator: Dict[str, List[ObservationRecord]] = {}
    for rec in records:
        records_by_indicator.setdefault(rec.indicator, []).append(rec)

    domains = []
    for domain in plan.domains:
        section = DomainSection(id=domain.id, number=domain.number, name=domain.name.in_language(language),
                                summary=_summary(record["summary"]["domains"].get(domain.id, _EMPTY), thresholds))
        for goal in domain.goals:
            for indicator in goal.indicators:
                raw = rows_by_indicator.get(indicator.id, [])
                rows = []
                for r in raw:
                    c = r["components"]
                    target = indicator.targets[r["target_index"]]
                    rows.append(TargetRow(
                        key=r["key"], indicator=indicator.id, target_index=r["target_index"],
                        text=_target_text(r["text"], target, indicator, language), kind=r["kind"],
                        interim=bool(r["interim"]), deadline=int(r["deadline"]), status=r["status"],
                        status_text=r["status_text"][language], style=STATUS_STYLES[r["status"]],
                        p_meet=_optional(c, "p_meet"), latest_value=_optional(c, "latest_value"),
                        latest_year=None if c.get("latest_year") is None else int(c["latest_year"]),
                        projected=_optional(c, "projected_value"),
                        projected_lower=_optional(c, "projected_value_lower"),
                        projected_upper=_optional(c, "projected_value_upper"),
                        required_pace=_optional(c, "required_annual_change"),
                        observed_pace=_optional(c, "observed_annual_change"),
                        model=r["model"], note=reason_text(r["reason"], r["message"], language),
                        units=tuple(r["responsible_units"]),
                        warnings=tuple(_warning(wr, names, domain.id, w_, language) for wr in r["warnings"]),
                        previous_status=before.get(r["key"]), previous_status_text=before_text.get(r["key"]),
                    ))
                svg, note = (None, "")
                data = records_by_indicator.get(indicator.id, [])
                if chart is not None:
                    svg, note = chart(indicator, raw, data) if data else (None, w_["no_chart"])
                section.indicators.append(IndicatorSection(
                    id=indicator.id, name=names[indicator.id], unit=indicator.unit, goal=goal.id, rows=rows,
                    has_data=bool(data), chart=svg, chart_note=note,
                ))
                if done is not None:
                    done(indicator.id)
        domains.append(section)

    all_rows = [row for d in domains for s in d.indicators for row in s.rows]
    warnings = [_warning(wr, names, str(wr.get("domain", "")), w_, language) for wr in record["warnings"]]
    units = []
    for unit, s in record["summary"]["units"].items():
        mine = [row for row in all_rows if unit in row.units]
        units.append(UnitRow(
            unit=unit, summary=_summary(s, thresholds), warnings=sum(len(row.warnings) for row in mine),
            lagging=tuple(dict.fromkeys(names[row.indicator] for row in mine
                                        if row.status in ("off_track", "deteriorating"))),
        ))
    changes = None
    if previous is not None:
        changes = [
            StatusChange(key=row.key, indicator_name=names[row.indicator], target=row.text,
                         before=row.previous_status or "", before_text=row.previous_status_text or "",
                         after=row.status, after_text=row.status_text)
            for row in all_rows if row.changed
        ]
    sources = _sources(records, names)
    preset = record["preset"]
    return Report(
        language=language, words=w_, title=plan.title.in_language(language),
        subtitle=f"{w_['preset_' + preset]} · {w_['as_of']} {evaluation.as_of}",
        plan_id=plan.id, as_of=evaluation.as_of, preset=preset, method=record["method"],
        period=(plan.period_start, plan.period_end), base_year=plan.base_year, midterm_year=plan.midterm_year,
        stand_in_notice=stand_in_notice(records, language),
        plan_summary=_summary(record["summary"]["plan"], thresholds), domains=domains, warnings=warnings,
        units=units, changes=changes, previous_as_of=previous.as_of if previous is not None else None,
        sources=sources, records=records, library_version=record["library"]["version"],
        parameters={**native, **record["parameters"]["mode"]}, data=record["data"],
        method_note=w_["method_note"].format(on_track=thresholds[0], off_track=thresholds[1],
                                             window=format_number(native["fit_window_years"])),
        light_note=w_["light_note"].format(on_track=thresholds[0], off_track=thresholds[1]),
        indicator_names=names,
    )

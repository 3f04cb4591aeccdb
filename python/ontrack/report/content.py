"""What a report says, in one language, independent of the format it is written in.

:func:`build` reads a plan, the observations and an evaluation (and optionally a previous
evaluation) and returns a :class:`Report`: the dashboard by domain, one section per indicator
with its targets' rows, the early warnings, the accountability table by responsible unit, the
status changes, the data sources and the provenance. The HTML, Markdown and Excel writers only
lay this out; none of them computes anything.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple

from .. import _core
from .._core import Indicator, InvalidInputError, Plan, Series
from ..describe import describe_target, format_number
from ..evaluation import Evaluation, ObservationsLike
from ..observations import ObservationRecord, Observations
from .text import PARAMETER_MEANINGS, STATUS_STYLES, StatusStyle, breakdown_text, reason_text, unit_text, words

__all__ = [
    "ComparedVerdict",
    "Part",
    "DomainSection",
    "IndicatorSection",
    "Report",
    "SourceRow",
    "StatusChange",
    "TargetChart",
    "Summary",
    "TargetRow",
    "UnitRow",
    "WarningItem",
    "build",
    "observation_records",
    "split_source",
    "stand_in_label",
    "stand_in_labels",
    "stand_in_notice",
    "stand_in_sentence",
    "target_parts",
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
    light_text: str = ""  # the light and how many targets it rests on, e.g. 良好（3/32可评估）


@dataclass(frozen=True)
class WarningItem:
    indicator: str
    indicator_name: str
    target: str  # the target's label: indicator and the target's wording (unique in the plan)
    target_index: int
    domain: str
    code: str
    severity: str
    severity_text: str
    text: str


@dataclass(frozen=True)
class ComparedVerdict:
    """One method's verdict on a target, beside ontrack's (the method comparison)."""

    method: str
    label: str
    text: str  # the verdict in the method's own words, with its symbol (↗, ☀)
    leaning: str  # favourable, partial, unfavourable or none (assess/verdict_reading.hpp)
    disagrees: bool  # both judged, and they lean differently
    why: str  # with a disagreement: what each reads


@dataclass(frozen=True)
class TargetRow:
    """One target of an indicator as evaluated."""

    key: str
    indicator: str
    target_index: int
    text: str
    label: str  # indicator and the target's wording, e.g. 孕产妇死亡率（城乡、区域差距缩小）
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
    units: Tuple[str, ...]  # the responsible units' names in the report's language
    units_text: str         # … as one list (卫健委、妇联; Health Commission, Women's Federation)
    warnings: Tuple[WarningItem, ...]
    previous_status: Optional[str] = None
    previous_status_text: Optional[str] = None
    method_label: Optional[str] = None  # with a compatibility mode: its verdict's code …
    method_text: Optional[str] = None   # … and its verdict in its own words (提前实现, ↗, ☀)
    compared: Tuple["ComparedVerdict", ...] = ()

    @property
    def changed(self) -> bool:
        return self.previous_status is not None and self.previous_status != self.status


@dataclass(frozen=True)
class TargetChart:
    """One assessed target's chart: inline SVG titled with the target's label, and a note on
    why it shows no projection, when it shows none."""

    key: str
    label: str
    svg: str  # for HTML and PDF ("" when neither is written)
    png: bytes  # for Word (b"" when it is not written)
    note: str


@dataclass
class IndicatorSection:
    """One indicator: its name, its targets' rows and charts (one per target with data)."""

    id: str
    name: str
    unit: str
    goal: str
    rows: List[TargetRow]
    has_data: bool = False
    charts: List[TargetChart] = field(default_factory=list)
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
    parameter_meanings: Dict[str, str] = field(default_factory=dict)  # what each parameter means
    coverage_note: str = ""  # how many targets lack data, and the commands that collect them
    method_aggregate: str = ""  # a compatibility mode's own aggregate, in its words (达标率 80%)
    compared_methods: Tuple[str, ...] = ()  # the method comparison's methods, besides ontrack

    @property
    def clause_separator(self) -> str:
        """What joins sentences listed in one cell: 「；」 in Chinese, "; " in English."""
        return "；" if self.language == "zh" else "; "

    @property
    def disagreements(self) -> List[TargetRow]:
        return [row for row in self.rows if any(c.disagrees for c in row.compared)]

    @property
    def indicators(self) -> List[IndicatorSection]:
        return [section for domain in self.domains for section in domain.indicators]

    @property
    def rows(self) -> List[TargetRow]:
        return [row for section in self.indicators for row in section.rows]

    @property
    def charts(self) -> int:
        return sum(len(section.charts) for section in self.indicators)


def split_source(source: str) -> Tuple[str, str]:
    """``(label, source)``: the stand-in label a source starts with (e.g. "national (China)
    figure standing in for district data") and the rest; ``("", source)`` for an ordinary one."""
    label, sep, rest = source.partition(": ")
    return (label, rest) if sep and label.endswith(_STAND_IN_MARK) else ("", source)


def stand_in_label(label: str, language: str) -> str:
    """A value's stand-in label in the report's language ("" for district data)."""
    if not label or language != "zh":
        return label
    geo = label[: -len(_STAND_IN_MARK)] if label.endswith(_STAND_IN_MARK) else label
    return f"{_GEO_LABELS_ZH.get(geo, geo)}，代替区级数据"


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


def _breakdown(record: ObservationRecord, language: str) -> str:
    return breakdown_text(dict(record.disaggregation), language)


def _span(years: Sequence[int]) -> str:
    first, last = min(years), max(years)
    return str(first) if first == last else f"{first}–{last}"


def _sources(records: Sequence[ObservationRecord], names: Mapping[str, str], language: str) -> List[SourceRow]:
    groups: Dict[Tuple[str, str, str], List[ObservationRecord]] = {}
    for r in records:
        groups.setdefault((r.indicator, _breakdown(r, language), r.source), []).append(r)
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


#: A series a target compares, as a chart draws it: its name in the report's language and its records.
Part = Tuple[str, List[ObservationRecord]]


def target_parts(indicator: Indicator, target: Any, records_by_indicator: Mapping[str, Sequence[ObservationRecord]],
                 names: Mapping[str, str], language: str) -> List[Part]:
    """The two series behind a derived one: a relative target's indicator and its reference, a
    ratio target's numerator and denominator (none for other kinds, or a ratio read from the
    indicator's own series)."""
    def part(ref: Any) -> Part:
        wanted = dict(ref.disaggregation)
        name = names.get(ref.indicator, ref.indicator)
        if wanted:
            name += f"（{breakdown_text(wanted, language)}）" if language == "zh" else f" ({breakdown_text(wanted, language)})"
        return name, [r for r in records_by_indicator.get(ref.indicator, []) if r.disaggregation == wanted]

    if target.kind == _core.TargetKind.relative and target.reference is not None:
        return [part(_core.SeriesRef(indicator.id)), part(target.reference)]
    if target.kind == _core.TargetKind.ratio and target.numerator is not None and target.denominator is not None:
        return [part(target.numerator), part(target.denominator)]
    return []


def stand_in_labels(sources: Iterable[str]) -> List[str]:
    """The distinct stand-in labels the sources start with, sorted (none for district data)."""
    return sorted({label for label, _ in (split_source(source) for source in sources) if label})


def stand_in_notice(records: Sequence[ObservationRecord], language: str) -> str:
    """The sentence saying that the data stand in for district data (naming their level, e.g.
    national), or "" when every source is an ordinary one."""
    return stand_in_sentence(stand_in_labels(r.source for r in records), language)


def stand_in_sentence(labels: Sequence[str], language: str) -> str:
    """:func:`stand_in_notice` from the labels themselves ("" for none)."""
    if not labels:
        return ""
    geos = [label[: -len(_STAND_IN_MARK)] for label in labels]
    if language == "zh":
        shown = "、".join(_GEO_LABELS_ZH.get(geo, geo) for geo in geos)
    else:
        shown = ", ".join(f"{geo} figures" for geo in geos)
    return words(language)["stand_in"].format(labels=shown)


def _warning(w: Mapping[str, Any], names: Mapping[str, str], labels: Mapping[Tuple[str, int], str], domain: str,
             w_: Dict[str, str], language: str) -> WarningItem:
    indicator = str(w.get("indicator", ""))
    index = int(w.get("target_index", 0))
    name = names.get(indicator, indicator)
    return WarningItem(
        indicator=indicator, indicator_name=name, target=labels.get((indicator, index), name),
        target_index=index, domain=str(w.get("domain", domain)),
        code=str(w["code"]), severity=str(w["severity"]), severity_text=w_[f"severity_{w['severity']}"],
        text=str(w["zh"] if language == "zh" else w["en"]),
    )


def _target_text(plan_text: str, target: Any, indicator: Indicator, language: str) -> str:
    if language == "zh" and plan_text:
        return plan_text
    return describe_target(target, indicator)


def target_labels(indicator_name: str, texts: Sequence[str], language: str) -> List[str]:
    """Each target's label: the indicator and the target's wording, e.g. 孕产妇死亡率（城乡、区域差距
    缩小）. Two targets of one indicator with the same wording are told apart by their number."""
    seen: Dict[str, int] = {}
    for text in texts:
        seen[text] = seen.get(text, 0) + 1
    labels, count = [], {}  # type: List[str], Dict[str, int]
    for text in texts:
        count[text] = count.get(text, 0) + 1
        shown = text if seen[text] == 1 else words(language)["target_number"].format(text=text, n=count[text])
        labels.append(f"{indicator_name}（{shown}）" if language == "zh" else f"{indicator_name} ({shown})")
    return labels


def _light_text(summary: Summary, quantifiable: int, w_: Mapping[str, str]) -> str:
    """The light and the targets it rests on: 良好（3/32可评估）; says so when there is nothing
    to measure."""
    if summary.total == 0:
        return w_["no_targets"]
    if quantifiable == 0:
        return w_["no_quantifiable"]
    return w_["light_coverage"].format(light=w_["light_" + summary.light], assessable=summary.assessable,
                                       total=summary.total)


def _with_light(summary: Summary, quantifiable: int, w_: Mapping[str, str]) -> Summary:
    return replace(summary, light_text=_light_text(summary, quantifiable, w_))


def _method_text(method: str, label: str, label_text: str) -> str:
    symbol = _core.method_verdict(method, label)["symbol"]
    return f"{symbol} {label_text}" if symbol else label_text


def _aggregate_text(aggregate: Optional[Mapping[str, Any]], label_texts: Mapping[str, str],
                    w_: Mapping[str, str]) -> str:
    """A mode's own aggregate in its words: its label with its rate (达标率 60.0%), then the count
    of each label its rows carry, named as the mode names them, and the counts it rests on."""
    if not aggregate:
        return ""
    components = aggregate["components"]
    rate = components.get("rate")
    head = str(aggregate["label_text"]) + ("" if rate is None else f" {rate:.1%}")
    sep = "、" if w_["colon"] == "：" else ", "
    labels = [f"{label_texts[name[2:]]} {format_number(value)}" for name, value in components.items()
              if name.startswith("n_") and name[2:] in label_texts and "aggregate_" + name[2:] not in w_]
    totals = [f"{w_['aggregate_' + name[2:]]} {format_number(value)}" for name, value in components.items()
              if name.startswith("n_") and "aggregate_" + name[2:] in w_]
    others = [f"{w_.get('aggregate_' + name, name)} {format_number(value)}" for name, value in components.items()
              if not name.startswith("n_") and name != "rate"]
    parts = sep.join(labels + totals + others)
    return f"{head}（{parts}）" if parts and w_["colon"] == "：" else (f"{head} ({parts})" if parts else head)


def _compared(row: Mapping[str, Any], others: Mapping[str, Mapping[str, Any]], language: str,
              w_: Mapping[str, str]) -> Tuple[ComparedVerdict, ...]:
    """The row's verdict under each compared method, flagging where it leans otherwise than
    ontrack's status, with what each method reads."""
    mine = _core.method_verdict("ontrack", row["status"])["leaning"]
    change = row["components"].get("observed_annual_change")
    trend = w_["trend_fact"].format(change=f"{change:+.3g}") if change is not None else ""
    out = []
    for method, other in others.items():
        verdict = _core.method_verdict(method, other["label"])
        disagrees = "none" not in (mine, verdict["leaning"]) and mine != verdict["leaning"]
        why = ""
        if disagrees:
            sep = "；" if language == "zh" else "; "
            why = sep.join(part for part in (_core.method_reading(method, language),
                                             _core.method_reading("ontrack", language), trend) if part)
        out.append(ComparedVerdict(method=method, label=str(other["label"]),
                                   text=_method_text(method, str(other["label"]), str(other["label_text"])),
                                   leaning=verdict["leaning"], disagrees=disagrees, why=why))
    return tuple(out)


#: The recorded states of a milestone, in the order of their words (``milestone_status``).
_MILESTONE_STATES = ("not_started", "in_progress", "achieved", "abandoned")


def _milestone_note(indicator: Indicator, row: Mapping[str, Any],
                    reported: Mapping[Tuple[str, int], Mapping[str, Any]], language: str) -> str:
    """What a milestone's status rests on, in the report's language: the unit's latest report
    (status, date, evidence) when the evaluation read one, else the status the plan records."""
    w = words(language)
    names = dict(zip(_MILESTONE_STATES, w["milestone_status"].split("|")))
    report = reported.get((indicator.id, int(row["target_index"])))
    if report is not None:
        return w["milestone_reported"].format(
            unit=report["unit"], status=names.get(report["status"], report["status"]), date=report["date"],
            evidence=w["milestone_evidence"].format(evidence=report["evidence"]) if report["evidence"] else "")
    status = indicator.targets[int(row["target_index"])].status
    if status is None:
        return reason_text(row["reason"], row["message"], language)
    return w["milestone_recorded"].format(status=names[status.name])


def build(plan: Plan, observations: ObservationsLike, evaluation: Evaluation, *, language: str = "zh",
          previous: Optional[Evaluation] = None,
          chart: Optional[Callable[[Indicator, Mapping[str, Any], str, Sequence[ObservationRecord], Tuple[int, int],
                                    Sequence[Part]], Tuple[str, bytes, str]]] = None,
          done: Optional[Callable[[str], None]] = None,
          compare: Optional[Mapping[str, Evaluation]] = None) -> Report:
    """The report's content. ``chart(indicator, row, label, records, plan_period, parts)`` returns
    a target's chart (SVG, PNG) and a note (``parts``: the series a relative or ratio target
    compares, see :func:`target_parts`); without it no charts are drawn (Markdown, Excel, JSON
    need none).
    ``done(indicator_id)`` is called after each indicator (for a progress bar). ``compare``:
    evaluations of the same plan, data and year under other methods, ``{method: evaluation}``;
    each row then carries their verdicts beside ontrack's (the method comparison)."""
    w_ = words(language)
    for other in [previous, *(compare or {}).values()]:
        if other is not None and other.plan_id != plan.id:
            raise InvalidInputError(f"the evaluation is of plan {other.plan_id!r}, not {plan.id!r}")
    if evaluation.plan_id != plan.id:
        raise InvalidInputError(f"the evaluation is of plan {evaluation.plan_id!r}, not {plan.id!r}")
    for method, other in (compare or {}).items():
        if other.as_of != evaluation.as_of:
            raise InvalidInputError(f"the {method} evaluation is as of {other.as_of}, not {evaluation.as_of}")
    record = evaluation.to_dict()
    reported = {(m["indicator"], int(m["target_index"])): m for m in record.get("source", {}).get("milestones", [])}
    native = record["parameters"]["ontrack"]
    thresholds = (float(native["on_track"]), float(native["off_track"]))
    indicators = {i.id: i for i in plan.indicators()}
    names = {i.id: i.name.in_language(language) for i in indicators.values()}
    records = observation_records(plan, observations, evaluation.as_of)
    before = previous.statuses() if previous is not None else {}
    before_text = {r["key"]: r["status_text"][language] for r in previous.rows} if previous is not None else {}
    compared_rows = {method: {r["key"]: r for r in other.rows} for method, other in (compare or {}).items()}

    rows_by_indicator: Dict[str, List[Dict[str, Any]]] = {}
    for r in record["rows"]:
        rows_by_indicator.setdefault(r["indicator"], []).append(r)
    records_by_indicator: Dict[str, List[ObservationRecord]] = {}
    for rec in records:
        records_by_indicator.setdefault(rec.indicator, []).append(rec)
    texts = {(i.id, r["target_index"]): _target_text(r["text"], i.targets[r["target_index"]], i, language)
             for i in indicators.values() for r in rows_by_indicator.get(i.id, [])}
    labels: Dict[Tuple[str, int], str] = {}
    for i in indicators.values():
        keys = [(i.id, r["target_index"]) for r in rows_by_indicator.get(i.id, [])]
        labels.update(zip(keys, target_labels(names[i.id], [texts[k] for k in keys], language)))

    def warning(wr: Mapping[str, Any], domain: str) -> WarningItem:
        return _warning(wr, names, labels, domain, w_, language)

    def units_of(row: Mapping[str, Any]) -> Tuple[str, ...]:
        return tuple(plan.unit_name(u).in_language(language) for u in row["responsible_units"])

    domains = []
    for domain in plan.domains:
        summary = _summary(record["summary"]["domains"].get(domain.id, _EMPTY), thresholds)
        quantifiable = sum(1 for goal in domain.goals for i in goal.indicators
                           for r in rows_by_indicator.get(i.id, []) if r["kind"] != "milestone")
        section = DomainSection(id=domain.id, number=domain.number, name=domain.name.in_language(language),
                                summary=_with_light(summary, quantifiable, w_))
        for goal in domain.goals:
            for indicator in goal.indicators:
                raw = rows_by_indicator.get(indicator.id, [])
                rows = []
                for r in raw:
                    c = r["components"]
                    mode = r["mode"]
                    rows.append(TargetRow(
                        key=r["key"], indicator=indicator.id, target_index=r["target_index"],
                        text=texts[(indicator.id, r["target_index"])], label=labels[(indicator.id, r["target_index"])],
                        kind=r["kind"], interim=bool(r["interim"]), deadline=int(r["deadline"]), status=r["status"],
                        status_text=r["status_text"][language], style=STATUS_STYLES[r["status"]],
                        p_meet=_optional(c, "p_meet"), latest_value=_optional(c, "latest_value"),
                        latest_year=None if c.get("latest_year") is None else int(c["latest_year"]),
                        projected=_optional(c, "projected_value"),
                        projected_lower=_optional(c, "projected_value_lower"),
                        projected_upper=_optional(c, "projected_value_upper"),
                        required_pace=_optional(c, "required_annual_change"),
                        observed_pace=_optional(c, "observed_annual_change"),
                        model=r["model"],
                        note=(_milestone_note(indicator, r, reported, language) if r["kind"] == "milestone"
                              else reason_text(r["reason"], r["message"], language)),
                        units=units_of(r),
                        units_text=("、" if language == "zh" else ", ").join(units_of(r)),
                        warnings=tuple(warning(wr, domain.id) for wr in r["warnings"]),
                        previous_status=before.get(r["key"]), previous_status_text=before_text.get(r["key"]),
                        method_label=None if mode is None else str(mode["label"]),
                        method_text=None if mode is None else _method_text(record["method"], mode["label"],
                                                                           mode["label_text"]),
                        compared=_compared(r, {m: by_key[r["key"]] for m, by_key in compared_rows.items()}, language, w_),
                    ))
                data = records_by_indicator.get(indicator.id, [])
                charts = []
                if chart is not None and data:
                    for r, row in zip(raw, rows):
                        if r["kind"] != "milestone":  # a recorded status has no series to draw
                            parts = target_parts(indicator, indicator.targets[r["target_index"]], records_by_indicator,
                                                 names, language)
                            svg, png, note = chart(indicator, r, row.label, data, (plan.period_start, plan.period_end),
                                                   parts)
                            charts.append(TargetChart(key=row.key, label=row.label, svg=svg, png=png, note=note))
                section.indicators.append(IndicatorSection(
                    id=indicator.id, name=names[indicator.id], unit=unit_text(indicator, language), goal=goal.id, rows=rows,
                    has_data=bool(data), charts=charts,
                    chart_note=w_["no_chart"] if chart is not None and not data else "",
                ))
                if done is not None:
                    done(indicator.id)
        domains.append(section)

    all_rows = [row for d in domains for s in d.indicators for row in s.rows]
    warnings = [warning(wr, str(wr.get("domain", ""))) for wr in record["warnings"]]
    units = []
    for unit, s in record["summary"]["units"].items():
        name = plan.unit_name(unit).in_language(language)
        mine = [row for row in all_rows if name in row.units]
        units.append(UnitRow(
            unit=name, summary=_with_light(_summary(s, thresholds), len(mine), w_),
            warnings=sum(len(row.warnings) for row in mine),
            lagging=tuple(dict.fromkeys(row.label for row in mine
                                        if row.status in ("off_track", "deteriorating", "missed"))),
        ))
    changes = None
    if previous is not None:
        changes = [
            StatusChange(key=row.key, indicator_name=names[row.indicator], target=row.label,
                         before=row.previous_status or "", before_text=row.previous_status_text or "",
                         after=row.status, after_text=row.status_text)
            for row in all_rows if row.changed
        ]
    sources = _sources(records, names, language)
    preset = record["preset"]
    plan_summary = _summary(record["summary"]["plan"], thresholds)
    plan_summary = _with_light(plan_summary, sum(1 for row in all_rows if row.kind != "milestone"), w_)
    # Milestones rest on a recorded status, not on data a collection workbook gathers.
    without_data = sum(1 for row in all_rows if row.kind != "milestone" and not records_by_indicator.get(row.indicator))
    label_texts = {str(r["mode"]["label"]): str(r["mode"]["label_text"]) for r in record["rows"] if r["mode"]}
    return Report(
        language=language, words=w_, title=plan.title.in_language(language),
        subtitle=f"{w_['preset_' + preset]} · {w_['as_of']} {evaluation.as_of}",
        plan_id=plan.id, as_of=evaluation.as_of, preset=preset, method=record["method"],
        period=(plan.period_start, plan.period_end), base_year=plan.base_year, midterm_year=plan.midterm_year,
        stand_in_notice=stand_in_notice(records, language),
        plan_summary=plan_summary, domains=domains, warnings=warnings,
        units=units, changes=changes, previous_as_of=previous.as_of if previous is not None else None,
        sources=sources, records=records, library_version=record["library"]["version"],
        parameters={**native, **record["parameters"]["mode"]}, data=record["data"],
        parameter_meanings=PARAMETER_MEANINGS[language],
        method_note=w_["method_note"].format(on_track=thresholds[0], off_track=thresholds[1],
                                             window=format_number(native["fit_window_years"])),
        light_note=w_["light_note"].format(on_track=thresholds[0], off_track=thresholds[1]),
        indicator_names=names,
        coverage_note=w_["coverage_note"].format(n=without_data, total=len(all_rows)) if without_data else "",
        method_aggregate=_aggregate_text(record["summary"]["plan"]["mode_aggregate"], label_texts, w_),
        compared_methods=tuple(compare or {}),
    )

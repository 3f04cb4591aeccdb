"""The report's words in Chinese and English, and the status palette shared by every format.

Each status has a colour *and* a symbol, so that a report printed in black and white or read by
someone who does not tell red from green still says which status a row has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Dict, Tuple

from .. import _core
from .._core import InvalidInputError

__all__ = ["BREAKDOWN_NAMES", "LANGUAGES", "PARAMETER_MEANINGS", "REASONS_ZH", "STATUS_NAMES", "STATUS_STYLES",
           "StatusStyle", "breakdown_text", "reason_text", "unit_text", "words"]

#: Languages a report can be written in.
LANGUAGES: Tuple[str, ...] = ("zh", "en")


@dataclass(frozen=True)
class StatusStyle:
    """How a status is shown: its colour (hex, no ``#``), a light tint and a symbol."""

    colour: str
    tint: str
    symbol: str


#: One style per ontrack status, most favourable first (the order of ``ontrack.assessment.STATUSES``).
STATUS_STYLES: Dict[str, StatusStyle] = {
    "achieved": StatusStyle("1A7F37", "DCF2E3", "✔"),
    "on_track": StatusStyle("4D9A3A", "E8F4E2", "●"),
    "at_risk": StatusStyle("B7791F", "FBF0D9", "▲"),
    "off_track": StatusStyle("C0392B", "F9E1DE", "✖"),
    "deteriorating": StatusStyle("7B1E3A", "F1DCE3", "▼"),
    "missed": StatusStyle("5C1A1A", "EBD5D5", "✘"),
    "not_assessable": StatusStyle("6B7280", "ECEDEF", "○"),
}

_WORDS: Dict[str, Dict[str, str]] = {
    "zh": {
        "report": "监测评估报告",
        "preset_annual": "年度监测报告",
        "preset_midterm": "中期评估报告",
        "preset_final": "终期评估报告",
        "as_of": "评估年份",
        "period": "规划期",
        "base_year": "基期年份",
        "midterm_year": "中期年份",
        "method": "评估方法",
        "generated_by": "生成工具",
        "contents": "目录",
        "overview": "总体情况",
        "dashboard": "分领域达标情况",
        "domain": "领域",
        "indicator": "指标",
        "indicators": "指标详情",
        "target": "目标",
        "status": "状态",
        "previous_status": "上次评估状态",
        "change": "变化",
        "p_meet": "达标概率",
        "required_pace": "所需年均变化",
        "observed_pace": "实际年均变化",
        "latest": "最新值",
        "projected": "预测值",
        "interval": "95%预测区间",
        "deadline": "目标年份",
        "model": "模型",
        "reason": "说明",
        "units": "责任单位",
        "accountability": "责任单位落实情况",
        "warnings": "预警",
        "early_warnings": "预警清单",
        "severity": "级别",
        "severity_high": "高",
        "severity_medium": "中",
        "severity_low": "低",
        "no_warnings": "无预警。",
        "total": "目标数",
        "assessable": "可评估",
        "achievement_rate": "达标率",
        "on_track_rate": "达标及预计达标比例",
        "light": "总体",
        "changes": "与上次评估相比的状态变化",
        "no_changes": "与上次评估相比，所有目标状态均未变化。",
        "previous_as_of": "上次评估年份",
        "sources": "数据来源",
        "source": "来源",
        "vintage": "数据版本",
        "years": "年份",
        "points": "观测值个数",
        "value": "数值",
        "breakdown": "分组",
        "flag": "标记",
        "no_chart": "该指标暂无数据，无法绘图。",
        "without_data": "暂无数据的指标",
        "no_projection": "无法预测：{reason}",
        "milestone_recorded": "记录状态：{status}",
        "milestone_reported": "{unit}报告：{status}（{date}）{evidence}",
        "milestone_evidence": "；依据：{evidence}",
        "milestone_status": "未开始|进行中|已完成|已放弃",
        "no_band": "所用模型不提供预测区间，故不画预测线。",
        "methods": "方法说明与数据溯源",
        "library_version": "ontrack 版本",
        "parameters": "参数",
        "data_hash": "数据 SHA-256",
        "data_coverage": "数据覆盖",
        "coverage": "{series}个数据序列，{points}个观测值，{first_year}—{last_year}年",
        "colon": "：",
        "stand_in": "说明：本报告所用数据为{labels}，用以代替昆区数据作演示，并非昆区统计数据。",
        "stand_in_short": "全国数据代替",
        "none": "—",
        "yes": "是",
        "method_note": (
            "每个目标的状态由按当前趋势达标的概率确定：概率不低于{on_track:.0%}为“预计达标”，"
            "低于{off_track:.0%}为“预计达标困难”，介于两者之间为“存在风险”；已由实际数据确定的目标为"
            "“已达标”或“未达标”。预测使用各指标最近{window}年的数据，区间为预测区间。"
        ),
        "light_note": "总体信号：已达标及预计达标的目标占可评估目标的比例不低于{on_track:.0%}为绿灯，低于{off_track:.0%}为红灯，其余为黄灯；无可评估目标为灰色。",
        "light_green": "良好",
        "light_amber": "需关注",
        "light_red": "滞后",
        "light_grey": "无法评估",
        "light_coverage": "{light}（{assessable}/{total}可评估）",
        "no_targets": "本领域无目标",
        "no_quantifiable": "本领域无可量化目标",
        "target_number": "{text}，第{n}项",
        "coverage_note": "{n}个可量化目标（共{total}个目标）暂无数据。可用 ontrack template 为各责任单位生成数据填报表，填报后用 ontrack load 导入监测数据库，再用 ontrack evaluate --db 评估。",
        "aggregate_rate": "比例",
        "aggregate_monitorable": "可监测",
        "aggregate_not_monitorable": "不可监测",
        "aggregate_assessed": "可评估",
        "aggregate_not_assessable": "无法评估",
        "aggregate_index": "指数",
        "aggregate_score": "得分",
        "method_verdict": "{method}评价",
        "method_aggregate": "{method}汇总",
        "comparison": "评估方法比较",
        "comparison_note": "同一数据、同一评估年份下各方法对每个目标的结论；标“≠”的行结论不一致，并说明原因。",
        "disagree": "≠",
        "why": "原因",
        "no_disagreements": "各方法结论一致。",
        "trend_fact": "近年年均变化{change}",
        "plan_total": "合计",
        "sheet_summary": "概况",
        "sheet_indicators": "指标",
        "sheet_warnings": "预警",
        "sheet_data": "所用数据",
        "sheet_comparison": "方法比较",
        "col_goal": "规划目标编号",
        "col_indicator_id": "指标代码",
        "col_unit": "计量单位",
        "col_interim": "阶段性目标",
        "col_status_code": "状态代码",
        "col_previous_code": "上次状态代码",
        "col_latest_year": "最新值年份",
        "col_lower": "区间下限",
        "col_upper": "区间上限",
        "col_method_code": "{method}评价代码",
        "col_severity_code": "级别代码",
        "col_warning_code": "预警代码",
        "col_target_index": "目标序号",
        "col_domain_id": "领域代码",
        "col_sex": "性别",
        "col_area": "城乡",
        "col_region": "地区",
        "col_age": "年龄组",
        "col_numerator": "分子",
        "col_denominator": "分母",
        "col_label": "数据性质",
        "col_key": "目标代码",
        "explanation": "说明",
        "docx_overview": "本次评估共{total}个目标，其中可评估{assessable}个，达标率{rate}，已达标及预计达标比例{on_track}，预警{warnings}条。总体：{light}。",
        "recommendations": "对策建议",
        "recommendations_note": "（本部分由区妇女儿童工作委员会办公室根据监测结果填写。）",
        "method_notes": "方法说明",
        "terminal_rates": "达标率 {rate}（{assessable}个可评估目标）；预警{warnings}条",
        "more_warnings": "……另有{n}条（--verbose 列出全部）",
        "wrote": "已写入",
    },
    "en": {
        "report": "Monitoring and evaluation report",
        "preset_annual": "Annual monitoring report",
        "preset_midterm": "Mid-term evaluation report",
        "preset_final": "Final evaluation report",
        "as_of": "As of",
        "period": "Plan period",
        "base_year": "Base year",
        "midterm_year": "Mid-term year",
        "method": "Method",
        "generated_by": "Generated by",
        "contents": "Contents",
        "overview": "Overview",
        "dashboard": "Status by domain",
        "domain": "Domain",
        "indicator": "Indicator",
        "indicators": "Indicators",
        "target": "Target",
        "status": "Status",
        "previous_status": "Previous status",
        "change": "Change",
        "p_meet": "Probability of meeting the target",
        "required_pace": "Required annual change",
        "observed_pace": "Observed annual change",
        "latest": "Latest value",
        "projected": "Projected value",
        "interval": "95% prediction interval",
        "deadline": "Deadline",
        "model": "Model",
        "reason": "Note",
        "units": "Responsible units",
        "accountability": "Accountability by responsible unit",
        "warnings": "Warnings",
        "early_warnings": "Early warnings",
        "severity": "Severity",
        "severity_high": "high",
        "severity_medium": "medium",
        "severity_low": "low",
        "no_warnings": "No early warnings.",
        "total": "Targets",
        "assessable": "Assessable",
        "achievement_rate": "Achievement rate",
        "on_track_rate": "Achieved or on track",
        "light": "Overall",
        "changes": "Status changes since the previous evaluation",
        "no_changes": "No target changed status since the previous evaluation.",
        "previous_as_of": "Previous evaluation as of",
        "sources": "Data sources",
        "source": "Source",
        "vintage": "Vintage",
        "years": "Years",
        "points": "Observations",
        "value": "Value",
        "breakdown": "Breakdown",
        "flag": "Flag",
        "no_chart": "No data for this indicator: nothing to chart.",
        "without_data": "Indicators without data",
        "no_projection": "No projection: {reason}",
        "milestone_recorded": "recorded status: {status}",
        "milestone_reported": "reported by {unit}: {status} ({date}){evidence}",
        "milestone_evidence": "; evidence: {evidence}",
        "milestone_status": "not started|in progress|achieved|abandoned",
        "no_band": "The model gives no prediction interval, so no projection line is drawn.",
        "methods": "Method notes and provenance",
        "library_version": "ontrack version",
        "parameters": "Parameters",
        "data_hash": "Data SHA-256",
        "data_coverage": "Data coverage",
        "coverage": "{series} series, {points} observations, {first_year}–{last_year}",
        "colon": ": ",
        "stand_in": "Note: the data in this report are {labels}, standing in for district data for "
                    "demonstration; they are not statistics of the district.",
        "stand_in_short": "national stand-in",
        "none": "—",
        "yes": "yes",
        "method_note": (
            "Each target's status is read from the probability of meeting it on the current trend: "
            "at least {on_track:.0%} is on track, below {off_track:.0%} off track, in between at risk; "
            "a target settled by observed data is achieved or missed. Projections use each "
            "indicator's last {window} years of data; bands are prediction intervals."
        ),
        "light_note": "Overall signal: green when at least {on_track:.0%} of the assessable targets are achieved "
                      "or on track, red below {off_track:.0%}, amber in between; grey when none is assessable.",
        "light_green": "good",
        "light_amber": "watch",
        "light_red": "lagging",
        "light_grey": "not assessable",
        "light_coverage": "{light} ({assessable}/{total} assessable)",
        "no_targets": "no targets in this domain",
        "no_quantifiable": "no quantifiable target in this domain",
        "target_number": "{text}, no. {n}",
        "coverage_note": "{n} quantifiable targets (of {total} targets) have no data yet. ontrack template writes the collection workbook for each responsible unit; ontrack load imports the filled workbooks into the monitoring database, and ontrack evaluate --db evaluates them.",
        "aggregate_rate": "rate",
        "aggregate_monitorable": "monitorable",
        "aggregate_not_monitorable": "not monitorable",
        "aggregate_assessed": "assessed",
        "aggregate_not_assessable": "not assessable",
        "aggregate_index": "index",
        "aggregate_score": "score",
        "method_verdict": "{method} verdict",
        "method_aggregate": "{method} aggregate",
        "comparison": "Method comparison",
        "comparison_note": "Each method's verdict on each target, on the same data and year; rows marked ≠ disagree, with what each method reads.",
        "disagree": "≠",
        "why": "Why",
        "no_disagreements": "The methods agree on every target.",
        "trend_fact": "recent annual change {change}",
        "plan_total": "total",
        "sheet_summary": "Summary",
        "sheet_indicators": "Indicators",
        "sheet_warnings": "Warnings",
        "sheet_data": "Data used",
        "sheet_comparison": "Methods compared",
        "col_goal": "goal",
        "col_indicator_id": "indicator",
        "col_unit": "unit",
        "col_interim": "interim",
        "col_status_code": "status",
        "col_previous_code": "previous_status",
        "col_latest_year": "latest_year",
        "col_lower": "lower_95",
        "col_upper": "upper_95",
        "col_method_code": "{method}_label",
        "col_severity_code": "severity",
        "col_warning_code": "code",
        "col_target_index": "target_index",
        "col_domain_id": "domain",
        "col_sex": "sex",
        "col_area": "area",
        "col_region": "region",
        "col_age": "age",
        "col_numerator": "numerator",
        "col_denominator": "denominator",
        "col_label": "label",
        "col_key": "key",
        "explanation": "Meaning",
        "docx_overview": "This evaluation covers {total} targets, {assessable} of them assessable; achievement rate {rate}, achieved or on track {on_track}, {warnings} early warnings. Overall: {light}.",
        "recommendations": "Recommendations",
        "recommendations_note": "(To be written by the office of the women and children's working committee from these results.)",
        "method_notes": "Method notes",
        "terminal_rates": "achievement rate {rate} of {assessable} assessable targets; {warnings} early warnings",
        "more_warnings": "… and {n} more (--verbose lists all)",
        "wrote": "wrote",
    },
}


#: Each status's name in each language, as the core names it (the evaluation's ``status_text``).
STATUS_NAMES: Dict[str, Dict[str, str]] = {
    language: {status: texts[language] for status, texts in _core.PROGRESS_STATUS_TEXT.items()}
    for language in LANGUAGES
}

#: The names of breakdowns (disaggregation dimensions and their usual values) in each language.
BREAKDOWN_NAMES: Dict[str, Dict[str, str]] = {
    "zh": {"sex": "性别", "area": "城乡", "region": "地区", "age": "年龄", "female": "女性", "male": "男性",
           "urban": "城镇", "rural": "农村", "total": "合计"},
    "en": {},
}

#: What each of ontrack's parameters means, for the method notes (docs/assessment.md § Parameters).
PARAMETER_MEANINGS: Dict[str, Dict[str, str]] = {
    "zh": {
        "model": "预测模型（default：按指标类型自动选择）",
        "level": "预测区间的概率水平",
        "on_track": "达标概率不低于此值为“预计达标”",
        "off_track": "达标概率低于此值为“预计达标困难”",
        "min_points": "估计达标概率所需的最少观测值个数",
        "fit_window_years": "拟合所用的最近年数（0为全部）",
        "stale_after_years": "最新数据距评估年份超过此年数即预警“数据陈旧”",
        "max_data_age_years": "最新数据距评估年份超过此年数即“无法评估”",
        "baseline_window_years": "基期缺数时可用的最近年份距离",
        "near_bound_share": "接近取值界限时改用logit模型的范围比例",
        "ets_min_points": "使用Holt模型所需的最少观测值个数",
        "reach_horizon_years": "推算预计达标年份时向后搜索的年数",
        "volatility_ratio": "波动标准差超过“距目标界限距离”的此倍数即预警“波动较大”",
        "breach_warning": "保持类目标被突破的概率达到此值即预警",
        "breach_high": "突破概率达到此值预警级别为高",
        "history_years": "判断状态是否稳定时回看的评估次数",
        "unstable_changes": "回看期内状态变化达到此次数即预警“状态不稳定”",
    },
    "en": {
        "model": "projection model (default: chosen by the indicator's kind)",
        "level": "probability of the prediction intervals",
        "on_track": "p_meet at or above: on track",
        "off_track": "p_meet below: off track",
        "min_points": "fewest observations to say how likely a target is",
        "fit_window_years": "latest years the projection is fitted on (0: all)",
        "stale_after_years": "stale-data warning when the latest value is older than this",
        "max_data_age_years": "not assessable when the latest value is older than this",
        "baseline_window_years": "how far from the base year a missing baseline may be taken",
        "near_bound_share": "share of the range near a bound where the logit model is used",
        "ets_min_points": "fewest observations for the Holt models",
        "reach_horizon_years": "years searched for the expected year of reaching the target",
        "volatility_ratio": "high-volatility warning when the residual SD exceeds this times the distance to the edge",
        "breach_warning": "breach-risk warning at or above this probability",
        "breach_high": "breach risk of high severity at or above this probability",
        "history_years": "earlier evaluations read for unstable status",
        "unstable_changes": "status changes among them that make it unstable",
    },
}


def unit_text(indicator: Any, language: str) -> str:
    """The indicator's unit in ``language``: its words there when the plan gives them (1/10万),
    else its one unit string."""
    words_of = indicator.unit_text
    return words_of.in_language(language) if words_of else indicator.unit


def breakdown_text(disaggregation: Dict[str, str], language: str) -> str:
    """A breakdown as a reader writes it: 农村 (zh), rural (en); several joined."""
    names = BREAKDOWN_NAMES[language]
    return ("、" if language == "zh" else ", ").join(names.get(v, v) for v in disaggregation.values())


#: Why a target is not assessable, in Chinese (the English messages of the rows say it in full).
REASONS_ZH: Dict[str, str] = {
    "no_data": "评估年份前无观测数据",
    "reference_missing": "所比较的数据序列无数据",
    "no_common_years": "两个数据序列没有共同年份",
    "duplicate_year": "同一年份有重复数据",
    "non_finite_value": "数据含非数值",
    "numerical_trouble": "数值接近浮点数上限，计算溢出，无法预测",
    "outside_domain": "数据超出模型适用范围",
    "no_baseline": "基期及其前后两年均无数据",
    "undefined_condition": "目标条件无法确定",
    "no_data_in_years": "目标考核年份无数据，且无法预测",
    "stale_data": "最新数据过于陈旧",
    "too_few_points": "数据点过少，无法估计达标概率",
    "no_uncertainty": "所选模型不提供不确定性",
    "no_counts": "缺少计数数据",
    "binary_pending": "是否类指标尚未实现",
    "no_status": "未记录进展状态",
    "no_periods": "目标未规定考核期",
    "no_data_in_period": "某一考核期无数据",
    "assessment_error": "评估出错",
}


def reason_text(reason: str, message: str, language: str) -> str:
    """Why a row is not assessable: the message (English), or the reason's Chinese wording."""
    if language == "zh" and reason:
        return REASONS_ZH.get(reason, message or reason)
    return message or reason


def words(language: str) -> Dict[str, str]:
    """The report's words in ``language`` (``"zh"`` or ``"en"``)."""
    if language not in _WORDS:
        raise InvalidInputError(f"report language {language!r}: expected one of {', '.join(LANGUAGES)}")
    return _WORDS[language]

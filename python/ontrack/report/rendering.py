"""The Jinja2 environments of the HTML and Markdown reports (templates are package data)."""

from __future__ import annotations

import re
from typing import Any, Callable, Optional

from .content import Report
from .formatting import number, percent, signed
from .text import STATUS_NAMES, STATUS_STYLES

__all__ = ["markdown_escape", "render"]

# Characters with a meaning anywhere in Markdown (CommonMark, GitHub tables); and those that
# start a heading, list or numbered item when they begin a line.
# An underscore inside a word (mat_sys_mgmt) is no emphasis in CommonMark, and a number's point
# or sign (80.88, -0.5) starts no list or heading: none is escaped, so figures and ids read as they are.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*{}\[\]|~>]|(?<!\w)_|_(?!\w))")
_MARKDOWN_LEADING = re.compile(r"^(\s*)([#+-](?=\s|$)|\d+(?=[.)](\s|$)))")


def markdown_escape(value: Any) -> str:
    """Text safe in a Markdown paragraph or table cell: markup characters backslash-escaped,
    ``&`` and ``<`` as entities (no raw HTML), line breaks as spaces (a cell is one line)."""
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", " ".join(text.splitlines()))
    match = _MARKDOWN_LEADING.match(text)
    if match is None:
        return text
    if match.group(2)[0].isdigit():  # "1. " would start a numbered list: escape the mark after it
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return text[: match.start(2)] + "\\" + text[match.start(2):]


def _environment(autoescape: bool, finalize: Optional[Callable[[Any], Any]]) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("ontrack.report", "templates"),
        autoescape=autoescape,
        finalize=finalize,
        undefined=jinja2.StrictUndefined,  # a misspelt field fails the test, not the reader
        keep_trailing_newline=True,
    )
    env.filters.update(number=number, percent=percent, signed=signed)
    return env


def render(report: Report, kind: str) -> str:
    """The report as ``"html"`` (autoescaped HTML) or ``"md"`` (every value Markdown-escaped)."""
    if kind == "html":
        env = _environment(True, None)
    else:
        # Every {{ value }} passes through finalize: text from the plan or data cannot add
        # Markdown structure, whichever template line prints it.
        env = _environment(False, lambda value: markdown_escape("" if value is None else value))
    template = env.get_template(f"report.{kind}.j2")
    return str(template.render(r=report, styles=STATUS_STYLES, status_names=STATUS_NAMES[report.language]))

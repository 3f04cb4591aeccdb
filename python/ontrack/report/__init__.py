"""Monitoring and evaluation reports: HTML, Markdown, Excel, JSON, Word and PDF.

``write_report(plan, observations, evaluation, out_dir)`` writes ``report.html`` (one
self-contained page: dashboard, a fan chart per indicator, warnings, accountability by
responsible unit, sources and provenance), ``report.md``, ``report.xlsx``,
``evaluation.json`` (the evaluation's record), ``report.docx`` and, when asked for,
``report.pdf`` into ``out_dir``, atomically. docs/report.md describes every part. Needs Jinja2,
matplotlib, openpyxl and python-docx (``pip install ontrack[report]``), and for PDF Playwright
with a Chromium on PATH (``ontrack[pdf]``), imported only when a report is written.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

from .._core import Indicator, InvalidInputError, Plan
from ..evaluation import Evaluation, ObservationsLike
from ..observations import ObservationRecord
from .content import Part
from .text import LANGUAGES

__all__ = ["FILES", "FORMATS", "write_report"]

#: Report formats, in the order they are written, and the file each is written to.
FILES: Dict[str, str] = {"html": "report.html", "md": "report.md", "xlsx": "report.xlsx", "json": "evaluation.json",
                         "docx": "report.docx", "pdf": "report.pdf"}
#: The formats written by default: all but PDF, which needs a browser.
FORMATS: Tuple[str, ...] = ("html", "md", "xlsx", "json", "docx")

#: ``progress(done, total, what)``: called after each step of writing a report.
Progress = Callable[[int, int, str], None]


def _check(formats: Sequence[str], language: str) -> List[str]:
    chosen = list(dict.fromkeys(formats))
    unknown = [f for f in chosen if f not in FILES]
    if unknown or not chosen:
        raise InvalidInputError(
            f"report format {', '.join(map(repr, unknown)) or 'none'}: choose among {', '.join(FILES)}"
        )
    if "pdf" in chosen:
        from .pdf import chromium

        chromium()  # refused before anything is written
    if language not in LANGUAGES:
        raise InvalidInputError(f"report language {language!r}: expected one of {', '.join(LANGUAGES)}")
    return chosen


def write_report(
    plan: Plan,
    observations: ObservationsLike,
    evaluation: Evaluation,
    out_dir: Union[str, "os.PathLike[str]"],
    *,
    formats: Sequence[str] = FORMATS,
    language: str = "zh",
    previous: Optional[Evaluation] = None,
    progress: Optional[Progress] = None,
    compare: Optional[Mapping[str, Evaluation]] = None,
) -> Dict[str, Path]:
    """Writes the report of ``evaluation`` into ``out_dir`` and returns ``{format: path}``.

    ``observations`` are those the evaluation was made on (as accepted by
    :func:`ontrack.evaluate`: Observations, a tidy DataFrame, a list of Series, or None for
    ``plan.series``); they give the charts' history and the data sources. ``formats``: any of
    ``"html"``, ``"md"``, ``"xlsx"``, ``"json"``, ``"docx"`` and ``"pdf"`` (default: all but
    pdf). ``language``: ``"zh"`` (default; the plan's own language) or ``"en"``. ``previous``: an earlier evaluation of the same plan (e.g.
    ``Evaluation.from_json(old_json)``); every format then shows each target's status change.
    ``progress(done, total, what)`` is called after each indicator is charted and each file
    written. ``compare``: evaluations of the same plan, data and year under other methods,
    ``{method: evaluation}`` (e.g. ``{"nbs": evaluate(plan, data, method="nbs")}``); every
    format then adds the method comparison: each target's verdict under ontrack and each method,
    disagreements marked with what each method reads.

    All files are written to a temporary sibling directory and then moved into ``out_dir``
    (created when missing): a failure leaves an existing report untouched. Raises
    :class:`ontrack.InvalidInputError` for an unknown format or language, or an evaluation
    (or previous evaluation) of another plan.
    """
    chosen = _check(formats, language)
    if evaluation.plan_id != plan.id:
        raise InvalidInputError(f"the evaluation is of plan {evaluation.plan_id!r}, not {plan.id!r}")
    from .content import Report, build
    from .output import staged_directory

    documents = [kind for kind in chosen if kind != "json"]  # those laid out from the content
    total = (len(plan.indicators()) if documents else 0) + len(chosen)
    step = 0

    def advance(what: str) -> None:
        nonlocal step
        step += 1
        if progress is not None:
            progress(step, total, what)

    report: Optional[Report] = None
    if documents:
        chart = None
        svg, png = bool({"html", "pdf"} & set(documents)), "docx" in documents
        if svg or png:
            from .figures import target_chart

            def chart(indicator: Indicator, row: Mapping[str, Any], label: str, records: Sequence[ObservationRecord],
                      span: Tuple[int, int], parts: Sequence[Part]) -> Tuple[str, bytes, str]:
                return target_chart(indicator, row, label, records, span=span, parts=parts, language=language,
                                    svg=svg, png=png)

        report = build(plan, observations, evaluation, language=language, previous=previous, chart=chart,
                       done=advance, compare=compare)
    written: Dict[str, Path] = {}
    with staged_directory(out_dir) as staging:
        for kind in chosen:
            path = staging / FILES[kind]
            if report is None or kind == "json":
                path.write_text(evaluation.to_json(), encoding="utf-8")
            elif kind == "xlsx":
                from .excel import write_workbook

                write_workbook(report, str(path))
            elif kind == "docx":
                from .word import write_document

                write_document(report, str(path))
            elif kind == "pdf":
                from .pdf import write_pdf
                from .rendering import render

                page = staging / ".print.html"  # the HTML report, printed; not kept
                page.write_text(render(report, "html"), encoding="utf-8")
                write_pdf(page, path)
                page.unlink()
            else:
                from .rendering import render

                path.write_text(render(report, kind), encoding="utf-8")
            written[kind] = Path(out_dir) / FILES[kind]
            advance(FILES[kind])
    return written

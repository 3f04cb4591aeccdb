"""The report as PDF: the HTML report printed by headless Chromium (driven by Playwright), on A4
with page numbers; the print style sheet keeps table rows and charts whole and repeats table
headers on each page."""

from __future__ import annotations

import shutil
from pathlib import Path

from .._core import InvalidInputError

__all__ = ["chromium", "write_pdf"]

_FOOTER = ('<div style="width:100%;font-size:8px;color:#5f6b7a;text-align:center;">'
           '<span class="pageNumber"></span> / <span class="totalPages"></span></div>')


def chromium() -> str:
    """The Chromium on PATH (``chromium`` or ``chromium-browser``); a clear error without one."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found is None:
        raise InvalidInputError("report format 'pdf' is printed by Chromium: install it (Debian: apt-get install "
                                "chromium) or choose other formats")
    return found


def write_pdf(html: Path, pdf: Path) -> None:
    """Prints the HTML report at ``html`` to ``pdf`` (A4, page numbers in the footer)."""
    executable = chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise InvalidInputError("report format 'pdf' needs Playwright: pip install ontrack[pdf]") from error
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=executable)
        try:
            page = browser.new_page()
            page.goto(html.as_uri(), wait_until="load")
            page.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
                     header_template="<span></span>", footer_template=_FOOTER,
                     margin={"top": "16mm", "bottom": "18mm", "left": "14mm", "right": "14mm"})
        finally:
            browser.close()

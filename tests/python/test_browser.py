"""The HTML report in a real browser: headless Chromium (the system's), driven by Playwright."""

import re
import shutil
from pathlib import Path

import pytest

import ontrack
from ontrack.report import write_report
from ontrack.report.content import observation_records

sync_api = pytest.importorskip("playwright.sync_api")
CHROMIUM = shutil.which("chromium")
REPO = Path(__file__).resolve().parents[2]
SCREENSHOT = REPO / "build" / "report-screenshot.png"

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on PATH")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    plan = ontrack.plans.kundulun_women_2021_2030()
    national = ontrack.datasets.china_national_women_series()
    evaluation = ontrack.evaluate(plan, national)
    out = tmp_path_factory.mktemp("browser")
    path = write_report(plan, national, evaluation, out, formats=["html"])["html"]
    with_data = {r.indicator for r in observation_records(plan, national, evaluation.as_of)}
    # One chart per target with data; a milestone (a recorded status) has none.
    with_data = {r["indicator"] for r in evaluation.rows if r["indicator"] in with_data and r["kind"] != "milestone"}
    errors, failed = [], []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.goto(path.as_uri(), wait_until="load")
            charts = page.eval_on_selector_all(
                "figure.chart svg",
                "els => els.map(e => { const r = e.getBoundingClientRect();"
                " return [e.closest('figure').dataset.indicator, r.width, r.height]; })")
            fonts = page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
            SCREENSHOT.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(SCREENSHOT), full_page=True)
            page.emulate_media(media="print")
            toc_when_printed = page.eval_on_selector("nav.toc", "e => getComputedStyle(e).display")
        finally:
            browser.close()
    return {"errors": errors, "failed": failed, "charts": charts, "with_data": with_data, "fonts": fonts,
            "toc_when_printed": toc_when_printed}


def test_no_console_errors_and_no_failed_requests(rendered):
    assert rendered["errors"] == []
    assert rendered["failed"] == []


def test_every_indicator_with_data_has_a_visible_chart(rendered):
    charts = rendered["charts"]
    assert {name for name, _, _ in charts} == rendered["with_data"]
    assert all(width > 300 and height > 100 for _, width, height in charts)


def test_screenshot_saved_and_print_style_applies(rendered):
    assert SCREENSHOT.stat().st_size > 50_000
    assert re.search(r"Noto Serif CJK SC", rendered["fonts"])
    assert rendered["toc_when_printed"] == "none"


WIDTHS = (1400, 400)


@pytest.fixture(scope="module", params=["zh", "en"])
def layouts(request, tmp_path_factory):
    """The report in one language at a wide and a phone width, and as printed: how wide the page
    is against the window, how wide each chart and its text are; screenshots under build/."""
    language = request.param
    plan = ontrack.plans.kundulun_women_2021_2030()
    national = ontrack.datasets.china_national_women_series()
    evaluation = ontrack.evaluate(plan, national)
    out = tmp_path_factory.mktemp(f"layout-{language}")
    path = write_report(plan, national, evaluation, out, formats=["html"], language=language)["html"]
    seen = {}
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM)
        try:
            for width in WIDTHS:
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(path.as_uri(), wait_until="load")
                for media in ("screen", "print"):
                    page.emulate_media(media=media)
                    seen[(width, media)] = page.evaluate(
                        "() => ({page: document.documentElement.scrollWidth, window: window.innerWidth,"
                        " charts: [...document.querySelectorAll('figure.chart svg')].map(e => e.getBoundingClientRect().width),"
                        " tables: [...document.querySelectorAll('table')].map(t => t.getBoundingClientRect().right)})")
                page.emulate_media(media="screen")
                shot = REPO / "build" / f"report-{language}-{width}px.png"
                shot.parent.mkdir(exist_ok=True)
                page.screenshot(path=str(shot), full_page=True)
                page.close()
        finally:
            browser.close()
    return language, seen


@pytest.mark.parametrize("width", WIDTHS)
def test_no_sideways_scroll_at_either_width(layouts, width):
    language, seen = layouts
    screen = seen[(width, "screen")]
    assert screen["page"] <= screen["window"], f"{language} at {width}px scrolls sideways"
    assert all(right <= screen["window"] + 1 for right in screen["tables"])  # wide tables scroll in their box
    assert (REPO / "build" / f"report-{language}-{width}px.png").stat().st_size > 20_000


def test_charts_stay_readable_on_a_phone(layouts):
    _, seen = layouts
    assert all(w >= 300 for w in seen[(400, "screen")]["charts"])  # the chart fills the phone's width


def test_print_layout_does_not_overflow(layouts):
    _, seen = layouts
    printed = seen[(1400, "print")]
    assert printed["page"] <= printed["window"]

"""The HTML report in a real browser: no console errors, filters, keys, URL state.

Needs Playwright and Debian's Chromium (scripts/install-browser.sh); skipped
without them. Saves a screenshot to reports/browser-report.png.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from factories import XSS_IMG, XSS_SCRIPT, sample_report

from gazette_checks.renderers import html_report

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("GAZETTE_CHECKS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REPORTS = Path(__file__).resolve().parent.parent / "reports"

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (scripts/install-browser.sh)")
if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing (scripts/install-browser.sh)", allow_module_level=True)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def _open(browser, path):
    """A page showing `path`, with console/page errors and outside requests collected."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    # Fail any request that is not the file itself: the page must not ask for anything.
    requests: list[str] = []

    def on_route(route):
        if route.request.url.startswith("file://") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            requests.append(route.request.url)
            route.abort()

    context.route("**/*", on_route)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return context, page, errors, requests, dialogs


@pytest.fixture()
def page_with_report(browser, tmp_path):
    """A page showing the sample report, with console and page errors collected."""
    path = tmp_path / "report.html"
    path.write_text(html_report.render(sample_report()), encoding="utf-8")
    context, page, errors, requests, dialogs = _open(browser, path)
    yield page, path, errors, requests, dialogs
    context.close()


def _visible_findings(page) -> int:
    return page.locator("article.finding:visible").count()


def _fragment(page) -> str:
    url = page.url
    return url.split("#", 1)[1] if "#" in url else ""


def test_report_works_in_browser(page_with_report):
    page, path, errors, requests, dialogs = page_with_report
    total = len(sample_report().findings)
    assert _visible_findings(page) == total
    assert page.locator("#shown-count").inner_text() == f"显示 {total} / {total} 处"

    # The injected markup shows as text and runs nothing.
    assert XSS_SCRIPT in page.locator("body").inner_text()
    assert XSS_IMG.strip() in page.locator("body").inner_text()
    assert page.locator("img").count() == 0

    # Severity filter: switch warnings and infos off, only errors remain.
    errors_only = sum(1 for f in sample_report().findings if f.severity.value == "error")
    page.click("button.sev-toggle[data-sev=warning]")
    page.click("button.sev-toggle[data-sev=info]")
    assert _visible_findings(page) == errors_only
    assert _fragment(page) == "sev=error"
    assert page.locator("button.sev-toggle[data-sev=warning]").get_attribute("aria-pressed") == "false"
    # Groups without a visible finding disappear with it.
    assert page.locator("section.doc[data-doc='-']").is_hidden()

    # Search: "/" focuses the box; typing narrows the list.
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("成文日期")
    assert _visible_findings(page) == 2
    assert "q=" in _fragment(page)
    page.keyboard.press("Escape")

    # Keyboard navigation marks a finding and records it in the fragment.
    page.keyboard.press("j")
    current = page.locator("article.finding.current")
    assert current.count() == 1
    first_id = current.get_attribute("id")
    assert f"f={first_id}" in _fragment(page)
    page.keyboard.press("j")
    second_id = page.locator("article.finding.current").get_attribute("id")
    assert second_id != first_id
    page.keyboard.press("k")
    assert page.locator("article.finding.current").get_attribute("id") == first_id

    # Reloading with the fragment restores the filters and the current finding.
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)
    page.wait_for_load_state("load")
    assert _visible_findings(page) == 2
    assert page.locator("#search").input_value() == "成文日期"
    assert page.locator("button.sev-toggle[data-sev=info]").get_attribute("aria-pressed") == "false"
    assert page.locator("article.finding.current").get_attribute("id") == first_id

    # A category filter from a shared link.
    page.goto(path.as_uri() + "#cat=totals")
    page.reload()
    assert _visible_findings(page) == 1
    assert page.locator("#cat-filter").input_value() == "totals"
    assert page.locator("article.finding:visible table.total").count() == 1

    # Document filter through the UI, then n/p move within it.
    page.goto(path.as_uri())
    page.reload()
    page.select_option("#doc-filter", "牡政发〔2022〕7号")
    assert _visible_findings(page) == 3
    assert "doc=" in _fragment(page)
    page.keyboard.press("n")
    page.keyboard.press("n")
    page.keyboard.press("n")
    page.keyboard.press("n")  # stops at the last visible one
    ids = page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")
    assert page.locator("article.finding.current").get_attribute("id") == ids[-1]
    page.keyboard.press("p")
    assert page.locator("article.finding.current").get_attribute("id") == ids[-2]

    # Print: the toolbar goes, the findings stay.
    page.emulate_media(media="print")
    assert page.locator("#toolbar").is_hidden()
    assert _visible_findings(page) == 3
    page.emulate_media(media="screen")

    assert errors == []
    assert requests == []
    assert dialogs == []


@pytest.mark.parametrize("kind", ["empty", "english"])
def test_other_reports_have_no_errors(browser, tmp_path, kind):
    if kind == "empty":
        report = sample_report(findings=[], input_errors=[], suppressed=0, stale_baseline=[])
    else:
        report = sample_report(lang="en")
    path = tmp_path / "report.html"
    path.write_text(html_report.render(report), encoding="utf-8")
    context, page, errors, requests, _ = _open(browser, path)
    try:
        page.keyboard.press("j")
        page.keyboard.press("/")
        if kind == "english":
            assert page.locator("#shown-count").inner_text() == f"Showing {len(report.findings)} of {len(report.findings)}"
        assert errors == [] and requests == []
    finally:
        context.close()


def test_screenshot(page_with_report):
    """Full-page screenshot for a person to look at (reports/ is not committed)."""
    page, _path, errors, _requests, _dialogs = page_with_report
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / "browser-report.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(REPORTS / "browser-report-print.png"), full_page=True)
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": 420, "height": 900})
    page.screenshot(path=str(REPORTS / "browser-report-narrow.png"), full_page=False)
    assert (REPORTS / "browser-report.png").stat().st_size > 10_000
    assert errors == []

"""The HTML report in a real browser: no console errors, filters, keys, URL state,
the overview, grouped cards, reprint evidence, triage and its baseline, phone width.

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


def _open(browser, path, width: int = 1280, downloads: bool = False):
    """A page showing `path`, with console/page errors and outside requests collected."""
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN",
                                  accept_downloads=downloads)
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
    total = len(sample_report().gazette_findings)
    assert _visible_findings(page) == total
    assert page.locator("#shown-count").inner_text() == f"显示 {total} / {total} 处"
    assert page.locator("#toolbar").is_visible()

    # The injected markup shows as text and runs nothing.
    assert XSS_SCRIPT in page.locator("body").inner_text()
    assert XSS_IMG.strip() in page.locator("body").inner_text()
    assert page.locator("img").count() == 0

    # Severity filter: switch warnings and infos off, only errors remain.
    errors_only = sum(1 for f in sample_report().gazette_findings if f.severity.value == "error")
    page.click("button.sev-toggle[data-sev=warning]")
    page.click("button.sev-toggle[data-sev=info]")
    assert _visible_findings(page) == errors_only
    assert _fragment(page) == "sev=error"
    assert page.locator("button.sev-toggle[data-sev=warning]").get_attribute("aria-pressed") == "false"
    # Groups without a visible finding disappear with it.
    assert page.locator("details.doc[data-doc='牡政办发〔2022〕9号']").is_hidden()

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

    # Rule filter.
    page.goto(path.as_uri())
    page.reload()
    page.select_option("#rule-filter", "DP01")
    assert _visible_findings(page) == 2
    assert "rule=DP01" in _fragment(page)

    # Document filter through the UI, then n/p move within it.
    page.goto(path.as_uri())
    page.reload()
    page.select_option("#doc-filter", "牡政发〔2022〕7号")
    assert _visible_findings(page) == 3
    assert "doc=" in _fragment(page)
    for _ in range(4):
        page.keyboard.press("n")  # stops at the last visible one
    ids = page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")
    assert page.locator("article.finding.current").get_attribute("id") == ids[-1]
    page.keyboard.press("p")
    assert page.locator("article.finding.current").get_attribute("id") == ids[-2]

    # Print: the toolbar and the triage buttons go, the findings and document headers stay.
    page.emulate_media(media="print")
    assert page.locator("#toolbar").is_hidden()
    assert page.locator(".triage:visible").count() == 0
    assert _visible_findings(page) == 3
    assert page.locator("details.doc[data-doc='牡政发〔2022〕7号'] > summary").is_visible()
    page.emulate_media(media="screen")

    assert errors == []
    assert requests == []
    assert dialogs == []


def test_overview_cards_and_chart_filter(page_with_report):
    page, _path, errors, _requests, _dialogs = page_with_report
    total = len(sample_report().gazette_findings)
    # A row of the overview table shows only that document.
    page.click("#overview tbody tr[data-doc='牡政发〔2022〕7号']")
    assert _visible_findings(page) == 3
    assert page.locator("#doc-filter").input_value() == "牡政发〔2022〕7号"
    # Sorting by the total puts the document with most findings first.
    page.click("#overview th[data-sort=total] button")
    assert page.locator("#overview th[data-sort=total]").get_attribute("aria-sort") == "descending"
    assert page.locator("#overview tbody tr").first.get_attribute("data-doc") in ("牡政发〔2022〕7号", "牡政发〔2022〕2号")
    counts = [int(x) for x in page.eval_on_selector_all("#overview tbody tr", "rs => rs.map(r => r.dataset.total)")]
    assert counts == sorted(counts, reverse=True)
    page.click("#overview th[data-sort=total] button")
    counts = [int(x) for x in page.eval_on_selector_all("#overview tbody tr", "rs => rs.map(r => r.dataset.total)")]
    assert counts == sorted(counts)
    # The error card shows only errors (and does not hide what it names).
    page.click("a.card.sev-error")
    errors_only = sum(1 for f in sample_report().gazette_findings if f.severity.value == "error")
    assert _visible_findings(page) == errors_only
    assert page.locator("button.sev-toggle[data-sev=error]").get_attribute("aria-pressed") == "true"
    # A bar of the chart filters by its category.
    page.click("svg.chart a[data-cat=totals]")
    assert _visible_findings(page) == 1
    page.click("a.card.total")
    assert _visible_findings(page) == total
    # "先改这些" jumps to the card, even when filters hide it.
    page.select_option("#cat-filter", "totals")
    target = page.locator("#fix-first a.jump").first.get_attribute("data-target")
    page.locator("#fix-first a.jump").first.click()
    assert page.locator(f"#{target}").is_visible()
    assert page.locator("article.finding.current").get_attribute("id") == target
    assert errors == []


def test_search_by_document_number(page_with_report):
    page, _path, errors, _requests, _dialogs = page_with_report
    page.fill("#search", "牡政发〔2022〕7号")
    visible = page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.dataset.doc)")
    assert visible and set(visible) == {"牡政发〔2022〕7号"}
    # typed with other brackets, or none
    for typed in ("牡政发[2022]7号", "牡政发2022 7号"):
        page.fill("#search", typed)
        assert set(page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.dataset.doc)")) == {"牡政发〔2022〕7号"}
    # a title finds its document's cards too
    page.fill("#search", "春季森林防火")
    assert page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.dataset.doc)") == ["牡政办发〔2022〕3号"]
    assert "显示 1 / " in page.locator("#shown-count").inner_text()
    assert page.locator("#shown-count").get_attribute("aria-live") == "polite"
    assert errors == []


def test_shortcuts_can_be_turned_off_and_are_listed(page_with_report):
    page, _path, errors, _requests, _dialogs = page_with_report
    page.keyboard.press("?")
    assert page.locator("#keys-help").is_visible()
    assert "下一处问题" in page.locator("#keys-help").inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#keys-help").is_hidden()
    page.uncheck("#keys-on")
    page.locator("h1").click()
    page.keyboard.press("j")
    assert page.locator("article.finding.current").count() == 0
    page.keyboard.press("?")
    assert page.locator("#keys-help").is_hidden()
    # the choice is remembered
    page.reload()
    assert not page.locator("#keys-on").is_checked()
    page.check("#keys-on")
    page.locator("h1").click()
    page.keyboard.press("j")
    assert page.locator("article.finding.current").count() == 1
    # a / i triage the current card
    page.keyboard.press("a")
    current = page.locator("article.finding.current")
    assert current.locator("button.t-accept").get_attribute("aria-pressed") == "true"
    page.keyboard.press("i")
    assert current.locator("button.t-ignore").get_attribute("aria-pressed") == "true"
    assert current.locator("button.t-accept").get_attribute("aria-pressed") == "false"
    assert errors == []


def test_without_javascript_there_is_no_toolbar(browser, tmp_path):
    path = tmp_path / "report.html"
    path.write_text(html_report.render(sample_report()), encoding="utf-8")
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(path.as_uri())
    try:
        assert page.locator("#toolbar").is_hidden()
        assert page.locator(".triage:visible").count() == 0
        assert _visible_findings(page) == len(sample_report().gazette_findings)
    finally:
        context.close()


@pytest.mark.parametrize("kind", ["sample", "folded"])
def test_no_horizontal_scroll_at_phone_width(browser, tmp_path, kind):
    from factories import make_finding

    report = sample_report()
    if kind == "folded":
        report = sample_report(findings=[make_finding(line=n, document=f"牡政发〔2022〕{n}号")
                                         for n in range(1, html_report.FOLD_ABOVE + 5)])
    path = tmp_path / "report.html"
    path.write_text(html_report.render(report), encoding="utf-8")
    context, page, errors, requests, _ = _open(browser, path, width=390)
    try:
        page.click("#expand-all")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        if kind == "folded":
            # print opens every document, so each keeps its header with its findings
            page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
            assert page.evaluate("[...document.querySelectorAll('details.doc')].every(d => d.open)")
        assert errors == [] and requests == []
    finally:
        context.close()


def _export(page, button: str) -> str:
    with page.expect_download() as info:
        page.click(button)
    return Path(info.value.path()).read_text(encoding="utf-8")


def test_triage_exports_a_baseline_that_check_accepts(browser, tmp_path, example_path):
    import json
    import subprocess
    import sys

    html = tmp_path / "report.html"
    run = [sys.executable, "-m", "gazette_checks", "check", str(example_path), "--no-progress"]
    subprocess.run([*run, "--html", str(html), "--format", "json"], check=False, capture_output=True)
    before = json.loads(subprocess.run([*run, "--format", "json"], capture_output=True, text=True).stdout)
    context, page, errors, requests, _ = _open(browser, html, downloads=True)
    try:
        cards = page.locator("article.finding")
        n = cards.count()
        assert n == len([f for f in before["findings"] if f["category"] != "parse"]) >= 3
        ignored = [cards.nth(k).get_attribute("id") for k in (0, 2)]
        for fid in ignored:
            page.click(f"#{fid} button.t-ignore")
        accepted = cards.nth(1).get_attribute("id")
        page.click(f"#{accepted} button.t-accept")
        page.fill(f"#{accepted} input.t-note", "按原件改正")
        page.locator(f"#{accepted} input.t-note").press("Tab")
        # the triage filter and the state survive a reload (localStorage)
        page.reload()
        page.select_option("#triage-filter", "ignore")
        assert sorted(page.eval_on_selector_all("article.finding:not([hidden])", "els => els.map(e => e.id)")) == sorted(ignored)
        assert page.locator(f"#{accepted} input.t-note").input_value() == "按原件改正"

        baseline = tmp_path / "baseline.json"
        baseline.write_text(_export(page, "#export-baseline"), encoding="utf-8")
        csv = _export(page, "#export-changes")
        assert errors == [] and requests == []
    finally:
        context.close()

    lines = csv.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("期号,页码,文号,规则")
    assert len(lines) == 2 and "按原件改正" in lines[1] and "2024年第5期" in lines[1]

    after = json.loads(subprocess.run([*run, "--format", "json", "--baseline", str(baseline)],
                                      capture_output=True, text=True).stdout)
    gone = {f["fingerprint"] for f in before["findings"]} - {f["fingerprint"] for f in after["findings"]}
    assert {f"f-{fp}" for fp in gone} == set(ignored)
    assert len(after["findings"]) == len(before["findings"]) - 2
    assert after["summary"]["suppressed"] == 2


@pytest.fixture(scope="module")
def corpus_page(browser, tmp_path_factory, corpus_records):
    """The corpus report open at desktop width, with its findings."""
    from gazette_checks.engine import build_report, check_records

    findings = check_records(corpus_records)
    path = tmp_path_factory.mktemp("corpus") / "report.html"
    path.write_text(html_report.render(build_report(corpus_records, findings)), encoding="utf-8")
    context, page, errors, requests, _ = _open(browser, path)
    yield page, findings, errors, requests, path
    context.close()


def test_corpus_grouped_card_lists_all_its_places(corpus_page):
    page, findings, errors, _requests, _path = corpus_page
    grouped = [f for f in findings if f.data.get("count", 1) > 1]
    assert grouped
    for f in grouped:
        card = page.locator(f"#f-{f.fingerprint}")
        assert card.locator(".count").inner_text() == f"共 {f.data['count']} 处"
        lines = card.locator(".places .place .loc").all_text_contents()
        assert {int(t.rsplit("第", 1)[1].rstrip("行")) for t in lines} >= {line for _f, line in f.data["places"]}
    assert errors == []


def test_corpus_reprint_sides_and_marks(corpus_page):
    page, findings, errors, _requests, _path = corpus_page
    reprints = [f for f in findings if f.rule == "XD07"]
    assert len(reprints) >= 15
    for f in reprints:
        card = page.locator(f"#f-{f.fingerprint}")
        assert "compact" in card.get_attribute("class")  # one reprint's many differences: one row each
        places = card.locator(".row-side")
        assert places.nth(0).locator(".place-label").inner_text() == "转载"
        assert places.nth(1).locator(".place-label").inner_text() == "原件"
        here = places.nth(0).locator("mark.neutral").all_inner_texts()
        there = places.nth(1).locator("mark.neutral").all_inner_texts()
        assert here == [f.data["a"] or "‸"], (f.line, here)
        assert there == [f.data["b"] or "‸"], (f.line, there)
    assert errors == []


def test_corpus_report_at_phone_width(browser, corpus_page):
    _page, _findings, _errors, _requests, path = corpus_page
    context, page, errors, requests, _ = _open(browser, path, width=390)
    try:
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / "corpus-390.png"))
        assert errors == [] and requests == []
    finally:
        context.close()


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
            n = len(report.gazette_findings)
            assert page.locator("#shown-count").inner_text() == f"Showing {n} of {n}"
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
    page.set_viewport_size({"width": 390, "height": 900})
    page.screenshot(path=str(REPORTS / "browser-report-narrow.png"), full_page=False)
    assert (REPORTS / "browser-report.png").stat().st_size > 10_000
    assert errors == []

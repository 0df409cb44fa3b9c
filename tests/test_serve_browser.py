"""`reconcile serve` in a real browser: headless Chromium from Debian's packages, driven by
Playwright's Python package pointed at it (no browser is downloaded). An editor pastes the example
draft, sees its findings, reads a figure's reading on hover, accepts a fix, downloads the text; a
draft holding <script> runs nothing. Skipped, with the reason, only where no browser is installed."""
from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.serve import browser as b

ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "draft-en.md"

pytestmark = pytest.mark.skipif(b.unavailable() is not None, reason=f"no browser to test in: {b.unavailable()}")

# Made up for this test: copy that tries every way to run script from a document.
HOSTILE = """---
title: Pay <script>window.pwned = 'title'</script> review
date: 2025-11-17
---
OpenAI plans to spend about $1.4 billion <script>window.pwned = 'body'</script> over eight years.
<img src=x onerror="window.pwned = 'img'"> <a href="javascript:window.pwned='link'">more</a>
<svg onload="window.pwned = 'svg'"></svg> &lt;b&gt; stays as written.
"""


@pytest.fixture(scope="module")
def served():
    with b.serving(ROOT / "seeds", "--locale", "en_US", cwd=str(ROOT)) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    with b.browser() as browser:
        yield browser


def test_paste_see_findings_hover_accept_and_download(served, chromium, tmp_path):
    page = chromium.new_page(accept_downloads=True)
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    b.check_draft(page, served, DRAFT.read_text(encoding="utf-8"), "draft-en.md")

    findings = page.locator("#findings li.finding")
    assert findings.count() == 2
    assert findings.nth(0).locator(".rule").inner_text() == "XD001"
    assert "1.4万亿美元" in findings.nth(0).inner_text() and "Linked because" in findings.nth(0).inner_text()
    assert "13至44吉瓦" in findings.nth(1).inner_text()

    # every figure of the draft is highlighted, and hovering one shows its reading
    marks = page.locator("#text mark.fig")
    assert marks.count() >= 6
    suspect = page.locator("#text mark.fig.sev-error").first
    assert suspect.inner_text() == "about $1.4 billion"
    suspect.hover()
    tip = page.locator("#tip")
    tip.wait_for(state="visible")
    reading = tip.inner_text()
    for word in ("$1.4 billion", "$1.282 billion", "openai", "investment", "next:8y"):
        assert word in reading, (word, reading)

    # accept the first fix, reject the second, download
    findings.nth(0).locator("button.accept").click()
    findings.nth(1).locator("button.reject").click()
    assert page.locator("#text mark.fig.fixed ins").inner_text() == "about $1.4 trillion"
    with page.expect_download() as info:
        page.click("#download")
    download = info.value
    assert download.suggested_filename == "draft-en.corrected.md"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    original = DRAFT.read_text(encoding="utf-8")
    assert text == original.replace("about $1.4 billion", "about $1.4 trillion")
    assert "between 13 and 44 MW" in text  # the rejected fix
    assert errors == []
    page.close()


def test_a_draft_with_script_runs_nothing(served, chromium):
    page = chromium.new_page()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    b.check_draft(page, served, HOSTILE, "<script>.md")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert dialogs == []
    shown = page.locator("#text").inner_text()
    assert "<script>window.pwned = 'body'</script>" in shown and "<img src=x" in shown and "&lt;b&gt;" in shown
    assert page.locator("#text script, #text img, #text svg, #text a, #findings script, #findings img").count() == 0
    assert page.locator("#findings li.finding").count() >= 1  # still checked: the figure is found
    page.close()


def test_an_upload_over_the_limit_says_so(served, chromium, tmp_path):
    big = tmp_path / "long.md"
    big.write_text("OpenAI plans to spend about $1.4 billion.\n" * 60_000, encoding="utf-8")  # ~2.6 MB
    page = chromium.new_page()
    page.goto(served)
    page.wait_for_selector("body.ready")
    page.set_input_files("#file", str(big))
    status = page.locator("#status")
    status.wait_for(state="visible")
    page.wait_for_function("document.getElementById('status').textContent.includes('too large')")
    assert "at most 2.0 MB" in status.inner_text()
    page.close()

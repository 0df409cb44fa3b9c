"""The page in a real browser, for the tests and for reports/regenerate: Debian's chromium
(`apt-get install chromium`), driven by Playwright's Python package pointed at it. Nothing here
downloads a browser.

    python -m reconcile.serve.browser screenshot OUT.png [--against seeds/] [--draft examples/draft-en.md]

starts `reconcile serve` on a free port of 127.0.0.1, pastes the draft, accepts its first fix,
hovers the first figure and saves a picture of the whole page. Without chromium or Playwright it
says why on stderr and exits 0 without writing (the committed picture stays).
"""
from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic"]


def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def unavailable() -> str | None:
    """Why the page cannot be driven here (None when it can)."""
    if chromium_path() is None:
        return "no chromium (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no Playwright (pip install playwright; its browsers are not needed)"
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(against: str | os.PathLike, *extra: str, timeout: float = 180.0, cwd: str | None = None):
    """`reconcile serve --against AGAINST` in a child process on a free port; yields its URL once
    the page answers, and stops it afterwards."""
    port = free_port()
    cmd = [sys.executable, "-m", "reconcile.cli", "serve", "--against", str(against), "--port", str(port), *extra]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(__file__).resolve().parents[2]), *filter(None, [env.get("PYTHONPATH")])])
    log = open(os.devnull, "wb")
    child = subprocess.Popen(cmd, stdout=log, stderr=subprocess.PIPE, cwd=cwd, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if child.poll() is not None:
                raise RuntimeError(f"reconcile serve exited with {child.returncode}: "
                                   f"{child.stderr.read().decode('utf-8', 'replace')}")
            try:
                with urllib.request.urlopen(url, timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"reconcile serve did not answer within {timeout:.0f} s")
            time.sleep(0.25)
        yield url
    finally:
        child.terminate()
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
        child.stderr.close()
        log.close()


@contextlib.contextmanager
def browser():
    """A headless Debian chromium under Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


def check_draft(page, url: str, text: str, name: str = "draft.md") -> None:
    """Open the page, paste `text`, press Check and wait for the findings."""
    page.goto(url)
    page.wait_for_selector("body.ready")
    page.fill("#name", name)
    page.fill("#draft", text)
    page.click("#check")
    page.wait_for_selector("#findings li")


def screenshot(out: Path, against: str, draft: Path) -> None:
    with serving(against, "--locale", "en_US") as url, browser() as b:
        page = b.new_page(viewport={"width": 1400, "height": 900}, device_scale_factor=1)
        check_draft(page, url, draft.read_text(encoding="utf-8"), draft.name)
        page.locator("#findings li.finding .fix button.accept").first.click()
        page.locator("#text mark.fig.sev-error").nth(1).hover()
        page.wait_for_selector("#tip:not([hidden])")
        page.evaluate("document.getElementById('status').textContent = "
                      "document.getElementById('status').textContent.replace(/ in \\d+ ms/, '')")
        out.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out), full_page=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m reconcile.serve.browser")
    sub = ap.add_subparsers(dest="command", required=True)
    p = sub.add_parser("screenshot", help="a picture of the page with a draft checked and a fix accepted")
    p.add_argument("out", type=Path)
    p.add_argument("--against", default="seeds/")
    p.add_argument("--draft", type=Path, default=Path("examples/draft-en.md"))
    args = ap.parse_args(argv)
    why = unavailable()
    if why:
        print(f"reconcile.serve.browser: no screenshot: {why}; {args.out} left as it is", file=sys.stderr)
        return 0
    screenshot(args.out, args.against, args.draft)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

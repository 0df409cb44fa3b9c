"""Writers for the report of `reconcile check --format FORMAT`: one function per format, each
taking the Report and a text stream. `table` (the Rich report for a person) lives in
terminal.py; everything here is plain text, deterministic (no timestamps, no host names) and
follows the report's order of findings.

One module per format (after ruff's ``message/``), each documenting its output:

=========  ===========  ===================================================
format     module       what it is for
=========  ===========  ===================================================
json       jsonfmt.py   the contract of DESIGN.md, exactly
jsonl      jsonfmt.py   one JSON object per line, for pipelines
markdown   markdown.py  a pull-request comment (GitHub-flavoured Markdown)
html       html.py      one self-contained page, figures marked in their sentences
sarif      sarif.py     SARIF 2.1.0 for code scanning
junit      junit.py     JUnit XML, one testsuite per checked document
github     github.py    GitHub Actions workflow commands (annotations)
=========  ===========  ===================================================

shared.py holds what they share: the summary counts, a figure as text, the sentence
context of a finding.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from reconcile.engine import Report
from reconcile.report.formats.github import write_github
from reconcile.report.formats.html import write_html
from reconcile.report.formats.jsonfmt import write_json, write_jsonl
from reconcile.report.formats.junit import write_junit
from reconcile.report.formats.markdown import write_markdown
from reconcile.report.formats.sarif import write_sarif

WRITERS: dict[str, Callable[[Report, TextIO], None]] = {
    "json": write_json,
    "jsonl": write_jsonl,
    "markdown": write_markdown,
    "html": write_html,
    "sarif": write_sarif,
    "junit": write_junit,
    "github": write_github,
}


def write(report: Report, fmt: str, out: TextIO) -> None:
    """Write `report` to `out` in format `fmt` (a key of WRITERS)."""
    try:
        writer = WRITERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(WRITERS)}") from None
    writer(report, out)

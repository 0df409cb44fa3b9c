"""The markdown format: GitHub-flavoured Markdown for a pull-request comment.

A heading with the counts by severity, a summary line, then one table row per finding (rule,
what is wrong, figure, against, likely cause and, when the finding has one, its fix: `5 5倍` →
`5.5倍`, safe or unsafe), then "Suggested changes": for each line with fixes, the line as the
fixes would leave it, in a ```suggestion block (a reviewer copies it, or `reconcile fix` applies
it). Cells are escaped (``|``, Markdown punctuation,
newlines as ``<br>``); at most MARKDOWN_MAX_FINDINGS rows and MARKDOWN_MAX_CHARS characters
(GitHub refuses comments over 65,536), with a note on what was left out.
"""
from __future__ import annotations

import re
from typing import TextIO

from reconcile.engine import Report
from reconcile.report.formats.shared import (
    figure_record,
    figure_value,
    figure_where,
    likely_cause,
    summary,
)

MARKDOWN_MAX_FINDINGS = 100
MARKDOWN_MAX_CHARS = 60_000  # GitHub refuses a comment over 65,536 characters

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$])")  # $ too: GitHub reads $…$ as math


def md_escape(text: str) -> str:
    """Text for a cell of a GitHub table: the punctuation that could start emphasis, a link,
    HTML, an entity or math escaped with a backslash (and `|`, which would end the cell),
    newlines as <br>."""
    text = _MD_SPECIAL.sub(r"\\\1", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "<br>".join(line.strip() for line in text.split("\n"))


def _md_code(text: str) -> str:
    """A code span: `|` still escaped (GitHub splits cells before it reads code spans)."""
    text = re.sub(r"\s+", " ", text).replace("|", "\\|")
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _md_figure(report: Report, fid: str) -> str:
    r = figure_record(report, fid)
    if "text" not in r:
        return _md_code(fid)
    return f"**{md_escape(r['text'])}**<br>{md_escape(figure_value(r))}<br>{_md_code(figure_where(r))}"


def write_markdown(report: Report, out: TextIO, max_findings: int = MARKDOWN_MAX_FINDINGS,
                   max_chars: int = MARKDOWN_MAX_CHARS) -> None:
    s = summary(report)
    counts = (f"{s['documents']} documents, {s['figures']} figures ({s['unattributed']} without a company or "
              f"a metric), {s['facts_linked']} facts linked across documents; {s['findings']} findings"
              + (f" ({s['hidden']} more hidden by the baseline)." if s["hidden"] else "."))
    lines = [f"### reconcile: {s['error']} error, {s['warning']} warning, {s['info']} info", "", counts, ""]
    if not report.findings:
        lines.append("No findings.")
        out.write("\n".join(lines) + "\n")
        return
    lines += ["| rule | what is wrong | figure | against | likely cause |",
              "| --- | --- | --- | --- | --- |"]
    size = sum(len(line) + 1 for line in lines) + 200  # room for the note
    shown = 0
    for f in report.findings:
        against = "<br><br>".join(_md_figure(report, fid) for fid in f.figures[1:])
        first = _md_figure(report, f.figures[0]) if f.figures else ""
        cause = md_escape(likely_cause(f))
        if f.fix is not None:
            cause += f"<br>**Fix ({f.fix.applicability}):** " + "<br>".join(
                f"{_md_code(e.original)} → {_md_code(e.replacement)}" for e in f.fix.edits)
        row = f"| **{f.severity}**<br>{f.rule} | {md_escape(f.message)} | {first} | {against} | {cause} |"
        if shown >= max_findings or size + len(row) + 1 > max_chars:
            break
        lines.append(row)
        size += len(row) + 1
        shown += 1
    suggestions = _suggestions(report, report.findings[:shown], max_chars - size)
    if shown < len(report.findings):
        rest = len(report.findings) - shown
        note = (f"*{rest} more finding{'s' if rest != 1 else ''} not shown (comment size); "
                "`reconcile check --format html` lists them all.*")
        lines += ["", note]
    lines += suggestions
    out.write("\n".join(lines) + "\n")


def _suggestions(report: Report, findings: list, budget: int) -> list[str]:
    """"Suggested changes": per line with fixes, the line with them applied, in a ```suggestion
    block; blocks that would pass `budget` characters are left out, and said so."""
    by_line: dict[tuple[str, int], list] = {}
    files: dict[str, str] = {}
    for f in findings:
        if f.fix is None:
            continue
        for fid in f.figures[:1]:
            m = report.by_id.get(fid)
            if m is not None:
                files.setdefault(m.doc.path, m.doc.file.text)
        for e in f.fix.edits:
            if e.path in files:
                by_line.setdefault((e.path, e.line), []).append((f, e))
    if not by_line:
        return []
    out = ["", "#### Suggested changes", ""]
    left = 0
    for (path, line), items in sorted(by_line.items()):
        text = files[path].split("\n")[line - 1].rstrip("\r")
        applied = text
        for _, e in sorted(items, key=lambda x: -x[1].column):
            if applied[e.column - 1:e.end_column - 1] == e.original:
                applied = applied[:e.column - 1] + e.replacement + applied[e.end_column - 1:]
        rules = ", ".join(dict.fromkeys(f"{f.rule} ({f.fix.applicability})" for f, _ in items))
        fence = "`" * max(3, max((len(r) for r in re.findall(r"`+", applied)), default=0) + 1)
        block = [f"{_md_code(f'{path}:{line}')}: {md_escape(rules)}", "", f"{fence}suggestion", applied, fence, ""]
        cost = sum(len(x) + 1 for x in block)
        if cost > budget:
            left += 1
            continue
        budget -= cost
        out += block
    if left:
        out.append(f"*{left} more suggested change{'s' if left != 1 else ''} not shown (comment size); "
                   "`reconcile fix --diff` shows them all.*")
    return out

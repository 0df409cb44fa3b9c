"""The github format: GitHub Actions workflow commands, one line per finding, on stdout of a step.

``::error file=PATH,line=L,col=C,endColumn=E,title=RULE NAME::MESSAGE`` (``::warning`` for
warning, ``::notice`` for info). ``endColumn`` is exclusive, as in the JSON contract. Escaping as
GitHub's runner reads it: in the message ``%`` -> ``%25``, CR -> ``%0D``, LF -> ``%0A``; in
properties also ``:`` -> ``%3A`` and ``,`` -> ``%2C``. The message is the finding's message,
then (on a second line) its suggestion. GitHub shows at most 10 annotations of each kind per step.
"""
from __future__ import annotations

from typing import TextIO

from reconcile.engine import Report
from reconcile.report.formats.shared import detail, rule_names

GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}


def gh_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report: Report, out: TextIO) -> None:
    names = rule_names(report)
    for f in report.findings:
        props = []
        m = report.by_id.get(f.figures[0]) if f.figures else None
        if m is not None:
            r = m.record
            props += [f"file={gh_property(r['path'])}", f"line={r['line']}", f"col={r['column']}",
                      f"endColumn={r['end_column']}"]
        title = f"{f.rule} {names.get(f.rule, '')}".strip()
        props.append(f"title={gh_property(title)}")
        out.write(f"::{GITHUB_COMMAND.get(f.severity, 'warning')} {','.join(props)}::{gh_data(detail(f))}\n")

"""The terminal report of `reconcile check`: a summary, then one Rich table of findings with both
figures side by side."""
from __future__ import annotations

from reconcile.engine import Report
from reconcile.output import format_value

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _figure_cell(report: Report, fid: str) -> str:
    m = report.by_id.get(fid)
    if m is None:
        return fid
    f = m.record
    low, high = format_value(f["low"], f["unit"]), format_value(f["high"], f["unit"])
    interval = low if low == high else f"{low} – {high}"
    return (f"{f['text']}\n= {format_value(f['value'], f['unit'])}  [{interval}]\n"
            f"{m.doc.title} ({m.doc.date or 'undated'})\n{f['path']}:{f['line']}:{f['column']}")


def print_report(report: Report, no_color: bool = False, show_info: bool = True, file=None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(no_color=no_color, highlight=False, file=file)
    linked = sum(1 for g in report.groups if g.linked)
    console.print(
        f"{len(report.documents)} documents, {len(report.mentions)} figures, {linked} facts linked across "
        f"documents; findings: {report.count('error')} error, {report.count('warning')} warning, "
        f"{report.count('info')} info" + (f"; {report.hidden} hidden by the baseline" if report.hidden else ""))
    shown = [f for f in report.findings if show_info or f.severity != "info"]
    if not shown:
        return
    table = Table(show_lines=True)
    table.add_column("rule", no_wrap=True)
    table.add_column("what is wrong", overflow="fold", ratio=3)
    table.add_column("figure", overflow="fold", ratio=3)
    table.add_column("against", overflow="fold", ratio=3)
    table.add_column("likely cause", overflow="fold", ratio=2)
    for f in shown:
        sev = f"[{_STYLE[f.severity]}]{f.severity}[/]\n{f.rule}"
        first = _figure_cell(report, f.figures[0]) if f.figures else ""
        other = "\n\n".join(_figure_cell(report, fid) for fid in f.figures[1:])
        table.add_row(sev, f.message, first, other, f.cause_text or f.suggestion or "")
    console.print(table)

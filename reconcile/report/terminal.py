"""The terminal report of `reconcile check`: a summary, then one Rich table of findings with both
figures side by side and, under each finding, the sentences with the figures marked."""
from __future__ import annotations

from reconcile.engine import Report
from reconcile.model import Mention
from reconcile.report.formats.shared import summary_line
from reconcile.report.numbers import format_value

_STYLE = {"error": "bold red", "warning": "yellow", "info": "cyan"}
CONTEXT = 36  # characters of the sentence shown on each side of a figure


def _figure_cell(report: Report, fid: str) -> str:
    m = report.by_id.get(fid)
    if m is None:
        return fid
    f = m.record
    low, high = format_value(f["low"], f["unit"]), format_value(f["high"], f["unit"])
    interval = low if low == high else f"{low} – {high}"
    return (f"{f['text']}\n= {format_value(f['value'], f['unit'])}  [{interval}]\n"
            f"{m.doc.name} ({m.doc.date or 'undated'})\n{f['path']}:{f['line']}:{f['column']}")


def context(m: Mention, plain: bool):
    """The figure's sentence around it, the figure marked: bold reverse on a terminal, 【】 in plain
    output (piped, --no-color), where styles are not shown."""
    from rich.text import Text

    raw = m.doc.raw
    lo, hi = m.sentence
    start, end = m.fig.start, m.fig.end
    left = max(lo, start - CONTEXT)
    right = min(hi, end + CONTEXT)
    before = ("…" if left > lo else "") + " ".join(raw[left:start].split())
    after = " ".join(raw[end:right].split()) + ("…" if right < hi else "")
    figure = raw[start:end]
    if plain:
        return Text(f"{before}【{figure}】{after}")
    return Text.assemble(before, (figure, "bold reverse"), after)


def _cause(f, rules) -> str:
    """The likely cause, with the ratio between the two figures when they state one fact (a rule
    across documents) in one unit."""
    text = f.cause_text or f.suggestion or ""
    rule = rules.get(f.rule)
    if len(f.mentions) == 2 and rule is not None and rule.check.scope == "corpus":
        a, b = (m.fig for m in f.mentions)
        if a.unit == b.unit and a.unit not in ("rank", "ratio") and a.value and b.value and a.value * b.value > 0:
            text = f"ratio ×{a.value / b.value:.3g}\n{text}"
    return text


def print_report(report: Report, no_color: bool = False, show_info: bool = True, file=None) -> None:
    from rich.console import Console, Group
    from rich.table import Table

    console = Console(no_color=no_color, highlight=False, file=file)
    plain = no_color or not console.is_terminal
    console.print(summary_line(report))
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
        sentences = [context(m, plain) for m in f.mentions[:3]]
        what = Group(f.message, "", *sentences) if sentences else f.message
        table.add_row(sev, what, first, other, _cause(f, report.rules))
    console.print(table)


class progress_bar:
    """A progress bar on stderr for long runs, only when stderr is a terminal; use as
    `with progress_bar() as advance: analyse(..., progress=advance)`."""

    def __init__(self, label: str = "reading"):
        self.label = label
        self.bar = None

    def __enter__(self):
        import sys

        if not sys.stderr.isatty():
            return None
        from rich.console import Console
        from rich.progress import Progress

        self.bar = Progress(console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task(self.label, total=None)
        return self.advance

    def advance(self, done: int, total: int) -> None:
        self.bar.update(self.task, completed=done, total=total)

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.__exit__(*exc)

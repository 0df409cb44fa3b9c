"""The html format: one self-contained page (inline CSS, no script, no external resource).

The summary, the findings table with both figures side by side, the likely cause (and the fix,
when the finding has one), and under each finding the sentences with the figures marked
(``<mark>``). Every text is escaped.
"""
from __future__ import annotations

import html
from typing import TextIO

from reconcile.engine import Report
from reconcile.model import Finding, Mention
from reconcile.report.formats.shared import (
    figure_where,
    likely_cause,
    sentences,
    summary,
    summary_line,
    value_parts,
)

_CSS = """
:root{--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--bg:#fff;--soft:#f6f8fa;
--error:#cf222e;--warning:#9a6700;--info:#0969da;--mark:#fff3b0;--suspect:#ffd8d3}
@media (prefers-color-scheme:dark){:root{--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--bg:#0d1117;
--soft:#151b23;--error:#f85149;--warning:#d29922;--info:#4493f8;--mark:#5c4a00;--suspect:#6e1f1a}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:1440px;padding:24px 28px 40px;line-height:1.5;font-size:14px;
font-family:system-ui,-apple-system,"Segoe UI","Noto Sans",Helvetica,Arial,"PingFang SC",
"Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif}
:lang(zh){font-family:"PingFang SC","Hiragino Sans GB","Noto Sans CJK SC","Source Han Sans SC",
"Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif}
h1{font-size:22px;margin:0 0 4px}
.summary{margin:0 0 16px;color:var(--muted)}
.counts{display:flex;flex-wrap:wrap;gap:8px;margin:0 0 20px;padding:0;list-style:none}
.counts li{border:1px solid var(--line);border-radius:6px;padding:6px 12px;background:var(--soft)}
.counts b{font-size:18px;margin-right:4px}
.counts .error b{color:var(--error)}.counts .warning b{color:var(--warning)}.counts .info b{color:var(--info)}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border:1px solid var(--line);padding:8px 10px;vertical-align:top;text-align:left;overflow-wrap:anywhere}
th{background:var(--soft);font-weight:600}
col.rule{width:92px}col.what{width:21%}col.fig{width:25%}col.against{width:25%}
tbody.finding{border-top:2px solid var(--fg)}
.sev{display:inline-block;border-radius:10px;padding:0 8px;color:#fff;font-size:12px;font-weight:600}
.sev.error{background:var(--error)}.sev.warning{background:var(--warning)}.sev.info{background:var(--info)}
.rid{display:block;margin-top:4px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace}
.written{font-weight:600;font-size:15px}
.value span{display:inline-block}
.value{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12.5px}
.doc{color:var(--muted)}
.loc{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;font-size:12px;color:var(--muted)}
.fig+.fig{margin-top:10px;padding-top:10px;border-top:1px dashed var(--line)}
tr.context td{background:var(--soft);padding:6px 10px 10px}
blockquote{margin:6px 0 0;padding:2px 0 2px 10px;border-left:3px solid var(--line)}
blockquote .loc{display:block}
mark{background:var(--mark);color:inherit;padding:0 2px;border-radius:2px}
mark.suspect{background:var(--suspect);outline:1px solid var(--error)}
.legend{margin:0 0 12px;color:var(--muted);font-size:13px}
footer{margin-top:16px;color:var(--muted);font-size:12px}
.fix{margin-top:8px;padding-top:6px;border-top:1px dashed var(--line)}
.fix code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;background:var(--soft)}
"""


def _e(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def _lang(m: Mention | None) -> str:
    return _e(m.doc.lang) if m is not None and m.doc.lang else "und"


def _html_figure(report: Report, fid: str) -> str:
    m = report.by_id.get(fid)
    if m is None:
        return f'<div class="fig"><span class="loc">{_e(fid)}</span></div>'
    r = m.record
    date = m.doc.date or "undated"
    value, interval = value_parts(r)
    return (f'<div class="fig"><div class="written" lang="{_lang(m)}">{_e(r["text"])}</div>'
            f'<div class="value"><span>{_e(value)}</span> <span>{_e(interval)}</span></div>'
            f'<div class="doc"><span lang="{_lang(m)}">{_e(m.doc.name)}</span> ({_e(date)})</div>'
            f'<div class="loc">{_e(figure_where(r))}</div></div>')


def _html_context(report: Report, f: Finding) -> str:
    suspect = f.figures[0] if f.figures else None
    quotes = []
    for m, pieces in sentences(report, f):
        body = "".join(
            _e(text) if x is None else
            f'<mark class="{"suspect" if x.id == suspect else "other"}" title="{_e(x.id)}">{_e(text)}</mark>'
            for text, x in pieces)
        quotes.append(f'<blockquote lang="{_lang(m)}">{body}'
                      f'<span class="loc" lang="en">{_e(m.doc.path)}:{m.record["line"]}</span></blockquote>')
    return "".join(quotes)


def _html_fix(f: Finding) -> str:
    if f.fix is None:
        return ""
    edits = "".join(f'<div><code>{_e(e.original)}</code> → <code>{_e(e.replacement)}</code></div>'
                    for e in f.fix.edits)
    return f'<div class="fix {_e(f.fix.applicability)}"><b>Fix ({_e(f.fix.applicability)})</b>{edits}</div>'


def write_html(report: Report, out: TextIO) -> None:
    from reconcile import __version__

    s = summary(report)
    langs = {d.lang for d in report.documents if d.lang}
    parts = [('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f'<title>reconcile: {s["error"]} error, {s["warning"]} warning, {s["info"]} info</title>\n'
             f'<style>{_CSS}</style>\n</head>\n<body>\n'
             '<h1>reconcile report</h1>\n'
             f'<p class="summary">{_e(summary_line(report))}</p>\n<ul class="counts">')]
    for key, label in (("documents", "documents"), ("figures", "figures"),
                       ("facts_linked", "facts linked"), ("error", "error"), ("warning", "warning"),
                       ("info", "info")):
        parts.append(f'<li class="{key}"><b>{s[key]}</b>{label}</li>')
    parts.append("</ul>\n")
    if not report.findings:
        parts.append("<p>No findings.</p>\n")
    else:
        parts.append('<p class="legend">Under each finding, its figures in their sentences: '
                     '<mark class="suspect">the suspect figure</mark> and '
                     '<mark class="other">the figures it is checked against</mark>.</p>\n')
        parts.append('<table class="findings">\n<colgroup><col class="rule"><col class="what">'
                     '<col class="fig"><col class="against"><col class="cause"></colgroup>\n'
                     "<thead><tr><th>rule</th><th>what is wrong</th><th>figure</th><th>against</th>"
                     "<th>likely cause</th></tr></thead>\n")
        for f in report.findings:
            first = _html_figure(report, f.figures[0]) if f.figures else ""
            other = "".join(_html_figure(report, fid) for fid in f.figures[1:])
            parts.append(
                f'<tbody class="finding" id="{_e(f.id)}"><tr>'
                f'<td><span class="sev {_e(f.severity)}">{_e(f.severity)}</span>'
                f'<span class="rid">{_e(f.rule)}</span></td>'
                f"<td>{_e(f.message)}</td>"
                + (f"<td>{first}</td><td>{other}</td>" if other else f'<td colspan="2">{first}</td>')
                + f"<td>{_e(likely_cause(f))}{_html_fix(f)}</td></tr>\n"
                f'<tr class="context"><td colspan="5">{_html_context(report, f)}</td></tr></tbody>\n')
        parts.append("</table>\n")
    parts.append(f"<footer>reconcile {_e(__version__)}; languages: {_e(', '.join(sorted(langs)) or '-')}."
                 "</footer>\n</body>\n</html>\n")
    out.write("".join(parts))

"""Writers for the report of `reconcile check --format FORMAT`: one function per format, each
taking the Report and a text stream. `table` (the Rich report for a person) lives in
terminal.py; everything here is plain text, deterministic (no timestamps, no host names) and
follows the report's order of findings.

Formats
-------
json
    The contract of DESIGN.md, exactly: ``json.dumps(report.to_json(), ensure_ascii=False,
    indent=2)`` and a newline.

jsonl
    One JSON object per line, for streaming into pipelines (``jq -c 'select(.type=="finding")'``):

    * line 1: ``{"type": "summary", "version": 1, "documents": N, "figures": N,
      "facts_linked": N, "findings": N, "error": N, "warning": N, "info": N, "hidden": N}``
      (``hidden``: findings a baseline hid, not in the lines below);
    * then one line per finding: ``{"type": "finding", "id", "rule", "severity", "message",
      "figures": [...], "suggestion", "cause"}`` -- the contract's finding record, except that
      ``figures`` holds the full figure records of the contract (``id``, ``doc``, ``path``,
      ``line``, ``column``, ``end_column``, ``text``, ``value``, ``low``, ``high``, ``unit``,
      ``qualifier``, ``entity``, ``metric``, ``period``), the suspect first, instead of their
      ids; ``cause`` is the machine tag of the likely cause (``magnitude``, ``currency``,
      ``unit_scale``, ``transposition``, ``period``, ``range_bound``, ``lost_decimal`` …) or null.

markdown
    GitHub-flavoured Markdown for a pull-request comment: a heading with the counts by
    severity, a summary line, then one table row per finding (rule, what is wrong, figure,
    against, likely cause). Cells are escaped (``|``, Markdown punctuation, newlines as
    ``<br>``); at most MARKDOWN_MAX_FINDINGS rows and MARKDOWN_MAX_CHARS characters (GitHub
    refuses comments over 65,536), with a note on what was left out.

html
    One self-contained page (inline CSS, no script, no external resource): the summary, the
    findings table with both figures side by side, the likely cause, and under each finding the
    sentences with the figures marked (``<mark>``). Every text is escaped.

sarif
    SARIF 2.1.0 for code scanning: one run, the rule catalogue as ``tool.driver.rules``, one
    result per finding located at the suspect figure, the other figures as
    ``relatedLocations``, ``partialFingerprints`` from the finding id. Columns count
    characters, so ``run.columnKind`` is ``unicodeCodePoints``; ``endColumn`` is exclusive.

junit
    JUnit XML: ``<testsuites>`` > one ``<testsuite>`` per checked document > one
    ``<testcase>`` per finding whose suspect figure is in that document (``<failure>`` for
    error and warning; info passes, with the finding in ``<system-out>``); a document without
    findings has one passing testcase, so a clean run still reports what it checked.

github
    GitHub Actions workflow commands, one line per finding, on stdout of a step:
    ``::error file=PATH,line=L,col=C,endColumn=E,title=RULE NAME::MESSAGE`` (``::warning`` for
    warning, ``::notice`` for info). ``endColumn`` is exclusive, as in the JSON contract.
    Escaping as GitHub's runner reads it: in the message ``%`` -> ``%25``, CR -> ``%0D``,
    LF -> ``%0A``; in properties also ``:`` -> ``%3A`` and ``,`` -> ``%2C``. The message is
    the finding's message, then (on a second line) its suggestion. GitHub shows at most 10
    annotations of each kind per step.
"""
from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import TextIO
from urllib.parse import quote

from reconcile.engine import Report
from reconcile.model import CONTRACT_FIELDS, Finding, Mention
from reconcile.report.numbers import format_value

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMAND = {"error": "error", "warning": "warning", "info": "notice"}
MARKDOWN_MAX_FINDINGS = 100
MARKDOWN_MAX_CHARS = 60_000  # GitHub refuses a comment over 65,536 characters
CONTEXT_CHARS = 160  # at most this many characters of a sentence on each side of a figure


# -- shared -----------------------------------------------------------------------------------

def summary(report: Report) -> dict:
    """The counts of the summary line."""
    return {"documents": len(report.documents), "figures": len(report.mentions),
            "facts_linked": sum(1 for g in report.groups if g.linked),
            "findings": len(report.findings), "error": report.count("error"),
            "warning": report.count("warning"), "info": report.count("info"),
            "hidden": getattr(report, "hidden", 0) or 0}


def _summary_line(report: Report) -> str:
    s = summary(report)
    return (f"{s['documents']} documents, {s['figures']} figures, {s['facts_linked']} facts linked "
            f"across documents; findings: {s['error']} error, {s['warning']} warning, {s['info']} info"
            + (f"; {s['hidden']} hidden by the baseline" if s["hidden"] else ""))


def _mentions(report: Report, finding: Finding) -> list[Mention]:
    """The finding's figures as mentions, in the finding's order (suspect first)."""
    own = {m.id: m for m in finding.mentions}
    out = []
    for fid in finding.figures:
        m = own.get(fid) or report.by_id.get(fid)
        if m is not None:
            out.append(m)
    return out


def _figure_record(report: Report, fid: str) -> dict:
    m = report.by_id.get(fid)
    if m is None:
        return {"id": fid}
    return {k: m.record[k] for k in CONTRACT_FIELDS}


def _value_parts(record: dict) -> tuple[str, str]:
    """('= 1.4B USD', '[1.282B USD – 1.522B USD]'): the normalised value and its interval."""
    unit = record.get("unit")
    if unit is None:
        return "", ""
    low, high = format_value(record["low"], unit), format_value(record["high"], unit)
    interval = low if low == high else f"{low} – {high}"
    return f"= {format_value(record['value'], unit)}", f"[{interval}]"


def _value(record: dict) -> str:
    """'= 1.4B USD  [1.282B USD – 1.522B USD]'"""
    value, interval = _value_parts(record)
    return f"{value}  {interval}" if value else ""


def _where(record: dict) -> str:
    if "path" not in record:
        return record["id"]
    return f"{record['path']}:{record['line']}:{record['column']}"


def _cause(finding: Finding) -> str:
    return finding.cause_text or finding.suggestion or ""


def _detail(finding: Finding) -> str:
    """The message and, when there is one, what to check."""
    extra = finding.suggestion or finding.cause_text
    return f"{finding.message}\n{extra}" if extra else finding.message


def _context(m: Mention, marks: list[Mention]) -> list[tuple[str, Mention | None]]:
    """The sentence of `m` as pieces of the original text: (text, None) between figures and
    (text, mention) for each of `marks` inside it. Long sentences are cut around the figures."""
    raw = m.doc.raw
    s, e = m.sentence
    if not (s <= m.fig.start and m.fig.end <= e and e > s):
        s, e = m.fig.start - CONTEXT_CHARS, m.fig.end + CONTEXT_CHARS
    inside = sorted((x for x in marks if s <= x.fig.start and x.fig.end <= e), key=lambda x: x.fig.start)
    lo = max(s, min(x.fig.start for x in inside) - CONTEXT_CHARS)
    hi = min(e, max(x.fig.end for x in inside) + CONTEXT_CHARS)
    lo, hi = max(lo, 0), min(hi, len(raw))
    pieces: list[tuple[str, Mention | None]] = []
    pos = lo
    for x in inside:
        if x.fig.start < pos:  # overlapping figures: mark the first only
            continue
        pieces.append((raw[pos:x.fig.start], None))
        pieces.append((raw[x.fig.start:x.fig.end], x))
        pos = x.fig.end
    pieces.append((raw[pos:hi], None))
    # trim the whitespace and newlines of the sentence's ends; say where it was cut
    first, last = pieces[0], pieces[-1]
    pieces[0] = (("…" if lo > s else "") + first[0].lstrip(), None) if first[1] is None else first
    pieces[-1] = (last[0].rstrip() + ("…" if hi < e else ""), None) if last[1] is None else last
    return [(re.sub(r"\s*\n\s*", " ", text), x) for text, x in pieces]


def _sentences(report: Report, finding: Finding) -> list[tuple[Mention, list[tuple[str, Mention | None]]]]:
    """One entry per sentence holding a figure of the finding, in the finding's order; the
    figures of the finding that stand in one sentence are marked together."""
    ms = _mentions(report, finding)
    seen: set[tuple[str, tuple[int, int]]] = set()
    out = []
    def key(m: Mention):
        s, e = m.sentence
        return (m.doc.id, m.sentence) if s <= m.fig.start and m.fig.end <= e and e > s else (m.doc.id, m.fig.start)

    for m in ms:
        if key(m) in seen:
            continue
        seen.add(key(m))
        out.append((m, _context(m, [x for x in ms if key(x) == key(m)])))
    return out


# -- json, jsonl ------------------------------------------------------------------------------

def write_json(report: Report, out: TextIO) -> None:
    out.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")


def write_jsonl(report: Report, out: TextIO) -> None:
    out.write(json.dumps({"type": "summary", "version": 1, **summary(report)}, ensure_ascii=False) + "\n")
    for f in report.findings:
        record = {"type": "finding", **f.record(),
                  "figures": [_figure_record(report, fid) for fid in f.figures], "cause": f.cause}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


# -- markdown ---------------------------------------------------------------------------------

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
    r = _figure_record(report, fid)
    if "text" not in r:
        return _md_code(fid)
    return f"**{md_escape(r['text'])}**<br>{md_escape(_value(r))}<br>{_md_code(_where(r))}"


def write_markdown(report: Report, out: TextIO, max_findings: int = MARKDOWN_MAX_FINDINGS,
                   max_chars: int = MARKDOWN_MAX_CHARS) -> None:
    s = summary(report)
    counts = (f"{s['documents']} documents, {s['figures']} figures, {s['facts_linked']} facts linked "
              f"across documents; {s['findings']} findings"
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
        row = (f"| **{f.severity}**<br>{f.rule} | {md_escape(f.message)} | {first} | {against} | "
               f"{md_escape(_cause(f))} |")
        if shown >= max_findings or size + len(row) + 1 > max_chars:
            break
        lines.append(row)
        size += len(row) + 1
        shown += 1
    if shown < len(report.findings):
        rest = len(report.findings) - shown
        note = (f"*{rest} more finding{'s' if rest != 1 else ''} not shown (comment size); "
                "`reconcile check --format html` lists them all.*")
        lines += ["", note]
    out.write("\n".join(lines) + "\n")


# -- html -------------------------------------------------------------------------------------

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
    value, interval = _value_parts(r)
    return (f'<div class="fig"><div class="written" lang="{_lang(m)}">{_e(r["text"])}</div>'
            f'<div class="value"><span>{_e(value)}</span> <span>{_e(interval)}</span></div>'
            f'<div class="doc"><span lang="{_lang(m)}">{_e(m.doc.title)}</span> ({_e(date)})</div>'
            f'<div class="loc">{_e(_where(r))}</div></div>')


def _html_context(report: Report, f: Finding) -> str:
    suspect = f.figures[0] if f.figures else None
    quotes = []
    for m, pieces in _sentences(report, f):
        body = "".join(
            _e(text) if x is None else
            f'<mark class="{"suspect" if x.id == suspect else "other"}" title="{_e(x.id)}">{_e(text)}</mark>'
            for text, x in pieces)
        quotes.append(f'<blockquote lang="{_lang(m)}">{body}'
                      f'<span class="loc" lang="en">{_e(m.doc.path)}:{m.record["line"]}</span></blockquote>')
    return "".join(quotes)


def write_html(report: Report, out: TextIO) -> None:
    from reconcile import __version__

    s = summary(report)
    langs = {d.lang for d in report.documents if d.lang}
    parts = [('<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
             '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
             f'<title>reconcile: {s["error"]} error, {s["warning"]} warning, {s["info"]} info</title>\n'
             f'<style>{_CSS}</style>\n</head>\n<body>\n'
             '<h1>reconcile report</h1>\n'
             f'<p class="summary">{_e(_summary_line(report))}</p>\n<ul class="counts">')]
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
                + f"<td>{_e(_cause(f))}</td></tr>\n"
                f'<tr class="context"><td colspan="5">{_html_context(report, f)}</td></tr></tbody>\n')
        parts.append("</table>\n")
    parts.append(f"<footer>reconcile {_e(__version__)}; languages: {_e(', '.join(sorted(langs)) or '-')}."
                 "</footer>\n</body>\n</html>\n")
    out.write("".join(parts))


# -- sarif ------------------------------------------------------------------------------------

def _information_uri() -> str | None:
    """The project's home page from the installed distribution's metadata, if it names one."""
    try:
        from importlib.metadata import PackageNotFoundError, metadata
        meta = metadata("reconcile")
    except (ImportError, PackageNotFoundError):
        return None
    for value in meta.get_all("Project-URL") or []:
        label, _, url = value.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository") and url.strip():
            return url.strip()
    home = meta.get("Home-page")
    return home.strip() if home and home.strip().lower() != "unknown" else None


def artifact_uri(path: str) -> str:
    """A figure's path as a URI reference: relative paths stay relative (GitHub resolves them
    against the repository root), absolute ones become file: URIs."""
    if re.match(r"^[A-Za-z]:/", path):  # a Windows drive
        return "file:///" + quote(path, safe="/:")
    if path.startswith("/"):
        return "file://" + quote(path, safe="/")
    return quote(path, safe="/")


_SARIF_LINK = re.compile(r"\[([^\]]*)\]\(")


def _sarif_text(text: str) -> str:
    """SARIF reads [text](id) in a message as a link: escape brackets that would form one."""
    if _SARIF_LINK.search(text):
        return text.replace("[", "\\[").replace("]", "\\]")
    return text


def _region(report: Report, fid: str) -> dict | None:
    m = report.by_id.get(fid)
    if m is None:
        return None
    r = m.record
    end_line, end_column = m.doc.locate(m.fig.end)
    region = {"startLine": r["line"], "startColumn": r["column"], "endLine": end_line,
              "endColumn": end_column, "snippet": {"text": r["text"]}}
    return {"physicalLocation": {"artifactLocation": {"uri": artifact_uri(r["path"])}, "region": region}}


def sarif(report: Report) -> dict:
    """The SARIF log as a dict."""
    from reconcile import __version__

    rules, index = [], {}
    for rule in report.rules:
        c = rule.check
        index[rule.id] = len(rules)
        rules.append({
            "id": rule.id, "name": rule.name,
            "shortDescription": {"text": c.summary},
            "fullDescription": {"text": c.why},
            "help": {"text": f"{c.summary}\n\nWhy: {c.why}\n\nExample: {c.example}"},
            "defaultConfiguration": {"level": SARIF_LEVEL[rule.severity], "enabled": rule.enabled},
            "properties": {"check": c.name, "tags": ["figures", c.name],
                           "problem.severity": {"error": "error", "warning": "warning"}.get(
                               rule.severity, "recommendation")},
        })
    results = []
    for f in report.findings:
        result: dict = {"ruleId": f.rule, "level": SARIF_LEVEL.get(f.severity, "warning"),
                        "message": {"text": _sarif_text(_detail(f).replace("\n", " "))}}
        if f.rule in index:
            result["ruleIndex"] = index[f.rule]
        where = _region(report, f.figures[0]) if f.figures else None
        if where is not None:
            result["locations"] = [where]
        related = []
        for i, fid in enumerate(f.figures[1:], start=1):
            loc = _region(report, fid)
            if loc is None:
                continue
            m = report.by_id[fid]
            loc = {"id": i, **loc, "message": {"text": _sarif_text(
                f"{m.record['text']} {_value(m.record)}, {m.doc.title} ({m.doc.date or 'undated'})")}}
            related.append(loc)
        if related:
            result["relatedLocations"] = related
        result["partialFingerprints"] = {"reconcileFindingId/v1": f.id}
        result["properties"] = {"findingId": f.id, "figures": list(f.figures),
                                **({"cause": f.cause} if f.cause else {})}
        results.append(result)
    driver = {"name": "reconcile", "version": __version__, "semanticVersion": __version__, "rules": rules}
    uri = _information_uri()
    if uri:
        driver["informationUri"] = uri
    s = summary(report)
    run = {"tool": {"driver": driver}, "columnKind": "unicodeCodePoints", "results": results,
           "properties": {"documents": s["documents"], "figures": s["figures"],
                          "factsLinked": s["facts_linked"]}}
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def write_sarif(report: Report, out: TextIO) -> None:
    out.write(json.dumps(sarif(report), ensure_ascii=False, indent=2) + "\n")


# -- junit ------------------------------------------------------------------------------------

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text) -> str:
    """Text XML 1.0 can hold (it has no escape for most control characters)."""
    return _XML_INVALID.sub("\ufffd", "" if text is None else str(text))


def _figure_lines(report: Report, fid: str) -> str:
    m = report.by_id.get(fid)
    if m is None:
        return fid
    r = m.record
    return (f"{r['text']} {_value(r)}\n  {m.doc.title} ({m.doc.date or 'undated'})\n  {_where(r)}")


def junit(report: Report) -> ET.Element:
    checked = [d for d in report.documents if report.targets is None or d.path in report.targets]
    by_doc: dict[str, list[Finding]] = {d.id: [] for d in checked}
    extra: dict[str, list[Finding]] = {}
    for f in report.findings:
        m = report.by_id.get(f.figures[0]) if f.figures else None
        key = m.doc.id if m is not None else "reconcile"
        (by_doc if key in by_doc else extra).setdefault(key, []).append(f)
    root = ET.Element("testsuites", name="reconcile")
    totals = {"tests": 0, "failures": 0}
    docs = {d.id: d for d in report.documents}
    for key, findings in [*by_doc.items(), *extra.items()]:
        doc = docs.get(key)
        suite = ET.SubElement(root, "testsuite", name=_x(key))
        if doc is not None:
            suite.set("file", _x(doc.path))
            props = ET.SubElement(suite, "properties")
            for name, value in (("title", doc.title), ("date", doc.date), ("source", doc.source),
                                ("lang", doc.lang)):
                if value:
                    ET.SubElement(props, "property", name=name, value=_x(value))
        failures = 0
        for f in findings:
            m = report.by_id.get(f.figures[0]) if f.figures else None
            where = _where(m.record) if m is not None else (f.figures[0] if f.figures else "")
            text = m.record["text"] if m is not None else ""
            case = ET.SubElement(suite, "testcase", name=_x(f"{f.rule} {where} {text}".strip()),
                                 classname=f"reconcile.{f.rule}", time="0")
            if m is not None:
                case.set("file", _x(m.record["path"]))
                case.set("line", str(m.record["line"]))
            body = "\n".join([_detail(f), "", "figure:", _figure_lines(report, f.figures[0])] +
                             (["against:", *(_figure_lines(report, fid) for fid in f.figures[1:])]
                              if len(f.figures) > 1 else []) + [f"finding: {f.id}"]) if f.figures else _detail(f)
            if f.severity in ("error", "warning"):
                failure = ET.SubElement(case, "failure", message=_x(f.message),
                                        type=_x(f"{f.severity}: {f.rule}"))
                failure.text = _x(body)
                failures += 1
            else:
                ET.SubElement(case, "system-out").text = _x(body)
        if not findings:
            ET.SubElement(suite, "testcase", name="no findings", classname="reconcile", time="0")
        tests = max(len(findings), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        suite.set("time", "0")
        totals["tests"] += tests
        totals["failures"] += failures
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    root.set("errors", "0")
    root.set("skipped", "0")
    root.set("time", "0")
    # attributes in a fixed, readable order
    for el in root.iter():
        order = ["name", "classname", "file", "line", "tests", "failures", "errors", "skipped", "time"]
        items = sorted(el.attrib.items(), key=lambda kv: (order.index(kv[0]) if kv[0] in order else 99, kv[0]))
        el.attrib.clear()
        el.attrib.update(items)
    return root


def write_junit(report: Report, out: TextIO) -> None:
    root = junit(report)
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n")


# -- github -----------------------------------------------------------------------------------

def gh_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def gh_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return gh_data(text).replace(":", "%3A").replace(",", "%2C")


def write_github(report: Report, out: TextIO) -> None:
    names = {rule.id: rule.name for rule in report.rules}
    for f in report.findings:
        props = []
        m = report.by_id.get(f.figures[0]) if f.figures else None
        if m is not None:
            r = m.record
            props += [f"file={gh_property(r['path'])}", f"line={r['line']}", f"col={r['column']}",
                      f"endColumn={r['end_column']}"]
        title = f"{f.rule} {names.get(f.rule, '')}".strip()
        props.append(f"title={gh_property(title)}")
        out.write(f"::{GITHUB_COMMAND.get(f.severity, 'warning')} {','.join(props)}::{gh_data(_detail(f))}\n")


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

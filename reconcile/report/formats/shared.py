"""What the writers share: the summary counts, a figure as text (its record, value,
interval and place), a finding's message and likely cause, and the sentences that hold
its figures."""
from __future__ import annotations

import re

from reconcile.engine import Report
from reconcile.model import CONTRACT_FIELDS, Finding, Mention
from reconcile.report.numbers import format_value

CONTEXT_CHARS = 160  # at most this many characters of a sentence on each side of a figure


def quote_as_written(findings: list[Finding]) -> None:
    """Make each finding's message, suggestion and cause quote its figures as written in their
    files (約1250萬美元, ５％), not as they were read (normalised: 约1250万美元, 5%). A figure is
    replaced only where the text read stands for one text written among the finding's figures."""
    for f in findings:
        written: dict[str, set[str]] = {}
        for m in f.mentions:
            written.setdefault(m.fig.text, set()).add(m.record["text"])
        table = {read: next(iter(w)) for read, w in written.items() if len(w) == 1 and read not in w and read}
        if not table:
            continue
        pattern = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
        for attr in ("message", "suggestion", "cause_text"):
            text = getattr(f, attr)
            if text:
                setattr(f, attr, pattern.sub(lambda x, table=table: table[x.group()], text))


def rule_names(report: Report) -> dict[str, str]:
    """Rule id -> name, for the rule set's rules."""
    return {r.id: r.name for r in report.rules}


def summary(report: Report) -> dict:
    """The counts of the summary line."""
    return {"documents": len(report.documents), "figures": len(report.mentions),
            "facts_linked": sum(1 for g in report.groups if g.linked),
            "unattributed": len(report.unattributed()),
            "findings": len(report.findings), "error": report.count("error"),
            "warning": report.count("warning"), "info": report.count("info"),
            "hidden": getattr(report, "hidden", 0) or 0}


def summary_line(report: Report) -> str:
    s = summary(report)
    return (f"{s['documents']} documents, {s['figures']} figures ({s['unattributed']} without a company or a "
            f"metric), {s['facts_linked']} facts linked across documents; findings: {s['error']} error, "
            f"{s['warning']} warning, {s['info']} info"
            + (f"; {s['hidden']} hidden by the baseline" if s["hidden"] else ""))


def finding_mentions(report: Report, finding: Finding) -> list[Mention]:
    """The finding's figures as mentions, in the finding's order (suspect first)."""
    own = {m.id: m for m in finding.mentions}
    out = []
    for fid in finding.figures:
        m = own.get(fid) or report.by_id.get(fid)
        if m is not None:
            out.append(m)
    return out


def figure_record(report: Report, fid: str) -> dict:
    m = report.by_id.get(fid)
    if m is None:
        return {"id": fid}
    return {k: m.record[k] for k in CONTRACT_FIELDS}


def value_parts(record: dict) -> tuple[str, str]:
    """('= 1.4B USD', '[1.282B USD – 1.522B USD]'): the normalised value and its interval."""
    unit = record.get("unit")
    if unit is None:
        return "", ""
    low, high = format_value(record["low"], unit), format_value(record["high"], unit)
    interval = low if low == high else f"{low} – {high}"
    return f"= {format_value(record['value'], unit)}", f"[{interval}]"


def figure_value(record: dict) -> str:
    """'= 1.4B USD  [1.282B USD – 1.522B USD]'"""
    value, interval = value_parts(record)
    return f"{value}  {interval}" if value else ""


def figure_where(record: dict) -> str:
    if "path" not in record:
        return record["id"]
    return f"{record['path']}:{record['line']}:{record['column']}"


def likely_cause(finding: Finding) -> str:
    return finding.cause_text or finding.suggestion or ""


def detail(finding: Finding) -> str:
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


def sentences(report: Report, finding: Finding) -> list[tuple[Mention, list[tuple[str, Mention | None]]]]:
    """One entry per sentence holding a figure of the finding, in the finding's order; the
    figures of the finding that stand in one sentence are marked together."""
    ms = finding_mentions(report, finding)
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

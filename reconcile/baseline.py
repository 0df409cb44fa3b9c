"""Accepted findings: a baseline file of fingerprints, and inline suppressions in Markdown.

A finding's fingerprint (Finding.id) hashes its rule and its figures' texts and documents, not
line numbers, so a baselined finding stays hidden after unrelated edits above it. The baseline
counts each fingerprint, so a second copy of an accepted mistake is still new. Paths in it are
the reports' paths, relative to the configuration's folder (or the working folder), so a baseline
recorded in one checkout hides the same findings in another.

An inline suppression is an HTML comment that stands by one figure:
    OpenAI plans to spend about $1.4 billion <!-- reconcile-ignore XD001: checked with the desk -->
    <!-- reconcile-ignore XD001, IN001: the source really says 1.4亿 -->
    公司计划投资1.4亿美元……
On a line with text, it stands by the figure nearest to it on that line; alone on its line (other
comments aside), by the first figure of the next line with text. It suppresses the findings of
the rules it names whose suspect is that figure, and no other: the finding stays in the report as
info, with the reason, and no longer fails the check. A comment that suppresses nothing is itself
a finding (RC001, a warning), so that a stale or misplaced one does not go unnoticed.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from reconcile.errors import InputError
from reconcile.extraction.documents import Document
from reconcile.model import Finding, Mention, document_figures

VERSION = 1
SUPPRESSION = re.compile(
    r"<!--\s*reconcile-ignore\s+(?P<rules>[A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*)\s*(?::|-|—)?\s*(?P<reason>.*?)\s*-->",
    re.S)
MARKER = "reconcile-ignore"


def write(findings: list[Finding], path: str | Path) -> int:
    """Record the findings' fingerprints (atomically); returns how many were recorded."""
    from reconcile.report.output import open_output

    counts = Counter(f.id for f in findings)
    entries = [{"id": fid, "count": n, "rule": fid.split("-")[0],
                "message": next(f.message for f in findings if f.id == fid)}
               for fid, n in sorted(counts.items())]
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise InputError(path, f"cannot make its folder: {e.strerror}") from None
    with open_output(path) as out:
        out.write(json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n")
    return sum(counts.values())


def read(path: str | Path) -> Counter:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(path, f"cannot read the baseline: {e.strerror}")
    except ValueError as e:
        raise InputError(path, f"not a baseline (bad JSON: {e})")
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError(path, f"not a reconcile baseline of version {VERSION}")
    try:
        return Counter({e["id"]: int(e.get("count", 1)) for e in data["findings"]})
    except (KeyError, TypeError, ValueError):
        raise InputError(path, "baseline entries need an id and a count")


def hide(findings: list[Finding], accepted: Counter) -> tuple[list[Finding], int]:
    """The findings the baseline does not account for, and how many it hid."""
    left = Counter(accepted)
    kept, hidden = [], 0
    for f in findings:
        if left[f.id] > 0:
            left[f.id] -= 1
            hidden += 1
        else:
            kept.append(f)
    return kept, hidden


@dataclass(frozen=True)
class Suppression:
    """One rule named by one comment, and the figure the comment stands by."""
    rule: str
    reason: str
    path: str
    line: int  # where the comment starts (1-based, characters of the original file)
    column: int
    figure: str | None  # the id (path:line:column) of the figure it stands by; None: no figure near
    figure_text: str | None  # that figure as written


def suppressions(doc: Document) -> list[Suppression]:
    """The suppressions in a document, each bound to the figure its comment stands by."""
    raw, text = doc.raw, doc.text  # text: the same length, comments and metadata blanked
    if MARKER not in raw:
        return []
    spots = []  # (start, end) of every figure, in the document
    for fig in document_figures(doc):
        spots.append((fig.start, fig.end))
    out = []
    for m in SUPPRESSION.finditer(raw):
        line_start = raw.rfind("\n", 0, m.start()) + 1
        line_end = _line_end(raw, m.end())
        if text[line_start:m.start()].strip() or text[m.end():line_end].strip():
            # beside copy: the figure nearest to the comment, before it on its first line or after
            # it on its last
            near = [(m.start() - e, s, e) for s, e in spots if line_start <= s and e <= m.start()]
            near += [(s - m.end(), s, e) for s, e in spots if m.end() <= s and e <= line_end]
        else:
            # alone: the first figure of the next line with text
            start = line_end + 1
            while start < len(text) and not text[start:_line_end(text, start)].strip():
                start = _line_end(text, start) + 1
            end = _line_end(text, start)
            near = [(s, s, e) for s, e in spots if start <= s < end]
        best = min(near, default=None)
        figure = figure_text = None
        if best is not None:
            _, s, e = best
            line, column = doc.locate(s)
            figure, figure_text = f"{doc.path}:{line}:{column}", raw[s:e]
        line, column = doc.locate(m.start())
        reason = " ".join(m.group("reason").split()) or "no reason given"
        for rule in dict.fromkeys(r.strip() for r in m.group("rules").split(",")):
            out.append(Suppression(rule, reason, doc.path, line, column, figure, figure_text))
    return out


def _line_end(text: str, pos: int) -> int:
    end = text.find("\n", pos)
    return len(text) if end < 0 else end


def apply_suppressions(findings: list[Finding]) -> list[Finding]:
    """Findings whose suspect figure is the one a suppression comment stands by, and whose rule
    it names, become info, with the reason in their suggestion, and lose their fix."""
    cache: dict[str, dict[tuple[str, str], Suppression]] = {}  # a document's suppressions, read once
    for f in findings:
        suspect = f.mentions[0] if f.mentions else None
        if suspect is None:
            continue
        doc = suspect.doc
        if doc.id not in cache:
            cache[doc.id] = {(s.figure, s.rule): s for s in suppressions(doc) if s.figure} if MARKER in doc.raw else {}
        hit = cache[doc.id].get((suspect.id, f.rule))
        if hit is not None:
            f.severity = "info"
            f.suggestion = f"Suppressed in the source: {hit.reason}. (Was: {f.suggestion})"
            f.cause_text = f"Suppressed: {hit.reason}"
            f.fix = None  # the desk decided: nothing to correct
    return findings


def unused_suppressions(documents: list[Document], findings: list[Finding], by_id: dict[str, Mention],
                        rule_id: str, severity: str) -> list[Finding]:
    """A finding (RC001) for each suppression in `documents` that suppresses none of `findings`."""
    done = {(f.mentions[0].id, f.rule) for f in findings if f.mentions}
    out = []
    for doc in documents:
        for s in suppressions(doc):
            if s.figure is not None and (s.figure, s.rule) in done:
                continue
            m = by_id.get(s.figure) if s.figure else None
            where = f"{s.path}:{s.line}:{s.column}"
            if s.figure is None:
                what = "there is no figure beside it, nor on the next line"
            else:
                what = f"the figure it stands by, {s.figure_text} ({s.figure}), has no {s.rule} finding"
            out.append(Finding(
                rule_id, severity, f"reconcile-ignore {s.rule} at {where} suppresses nothing: {what}.",
                [m.id] if m else [],
                "Remove the comment, or put it beside the figure it is about (on that figure's line, "
                "or alone on the line before it).",
                None, [m] if m else [], "An unused suppression."))
    return out

"""The sarif format: SARIF 2.1.0 for code scanning.

One run, the rule catalogue as ``tool.driver.rules``, one result per finding located at the
suspect figure, the other figures as ``relatedLocations``, ``partialFingerprints`` from the
finding id, and the finding's fix (when it has one) as ``fixes``: one replacement per edit, with
``properties.applicability`` safe or unsafe. Columns count characters, so ``run.columnKind`` is
``unicodeCodePoints``; ``endColumn`` is exclusive.
"""
from __future__ import annotations

import json
import re
from typing import TextIO
from urllib.parse import quote

from reconcile.engine import Report
from reconcile.report.formats.shared import detail, figure_value, summary

SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


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


def _sarif_fix(fix) -> dict:
    """A finding's fix as a SARIF fix: one artifactChange per file, a replacement per edit (the
    deleted region in the same columns as the locations), its applicability as a property."""
    changes: dict[str, list] = {}
    for e in fix.edits:
        changes.setdefault(e.path, []).append({
            "deletedRegion": {"startLine": e.line, "startColumn": e.column, "endLine": e.line,
                              "endColumn": e.end_column},
            "insertedContent": {"text": e.replacement}})
    return {"description": {"text": _sarif_text(fix.description or "Apply the suggested edit.")},
            "artifactChanges": [{"artifactLocation": {"uri": artifact_uri(path)}, "replacements": reps}
                                for path, reps in changes.items()],
            "properties": {"applicability": fix.applicability}}


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
                        "message": {"text": _sarif_text(detail(f).replace("\n", " "))}}
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
                f"{m.record['text']} {figure_value(m.record)}, {m.doc.name} ({m.doc.date or 'undated'})")}}
            related.append(loc)
        if related:
            result["relatedLocations"] = related
        if f.fix is not None:
            result["fixes"] = [_sarif_fix(f.fix)]
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

"""The junit format: JUnit XML.

``<testsuites>`` > one ``<testsuite>`` per checked document > one ``<testcase>`` per finding
whose suspect figure is in that document (``<failure>`` for error and warning; info passes, with
the finding in ``<system-out>``); a document without findings has one passing testcase, so a
clean run still reports what it checked.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import TextIO

from reconcile.engine import Report
from reconcile.model import Finding
from reconcile.report.formats.shared import detail, figure_value, figure_where

_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _x(text) -> str:
    """Text XML 1.0 can hold (it has no escape for most control characters)."""
    return _XML_INVALID.sub("\ufffd", "" if text is None else str(text))


def _figure_lines(report: Report, fid: str) -> str:
    m = report.by_id.get(fid)
    if m is None:
        return fid
    r = m.record
    return (f"{r['text']} {figure_value(r)}\n  {m.doc.name} ({m.doc.date or 'undated'})\n  {figure_where(r)}")


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
            where = figure_where(m.record) if m is not None else (f.figures[0] if f.figures else "")
            text = m.record["text"] if m is not None else ""
            case = ET.SubElement(suite, "testcase", name=_x(f"{f.rule} {where} {text}".strip()),
                                 classname=f"reconcile.{f.rule}", time="0")
            if m is not None:
                case.set("file", _x(m.record["path"]))
                case.set("line", str(m.record["line"]))
            body = "\n".join([detail(f), "", "figure:", _figure_lines(report, f.figures[0])] +
                             (["against:", *(_figure_lines(report, fid) for fid in f.figures[1:])]
                              if len(f.figures) > 1 else []) + [f"finding: {f.id}"]) if f.figures else detail(f)
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

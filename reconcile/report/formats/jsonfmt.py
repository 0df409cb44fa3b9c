"""The json and jsonl formats.

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
"""
from __future__ import annotations

import json
from typing import TextIO

from reconcile.engine import Report
from reconcile.report.formats.shared import figure_record, summary


def write_json(report: Report, out: TextIO) -> None:
    out.write(json.dumps(report.to_json(), ensure_ascii=False, indent=2) + "\n")


def write_jsonl(report: Report, out: TextIO) -> None:
    out.write(json.dumps({"type": "summary", "version": 1, **summary(report)}, ensure_ascii=False) + "\n")
    for f in report.findings:
        record = {"type": "finding", **f.record(),
                  "figures": [figure_record(report, fid) for fid in f.figures], "cause": f.cause}
        out.write(json.dumps(record, ensure_ascii=False) + "\n")

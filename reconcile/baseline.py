"""Accepted findings: a baseline file of fingerprints, and inline suppressions in Markdown.

A finding's fingerprint (Finding.id) hashes its rule and its figures' texts and documents, not
line numbers, so a baselined finding stays hidden after unrelated edits above it. The baseline
counts each fingerprint, so a second copy of an accepted mistake is still new.

An inline suppression is an HTML comment on the figure's line or the line before it:
    <!-- reconcile-ignore XD001: the source really says 1.4亿; checked with the desk -->
The finding stays in the report as info, with its reason, and no longer fails the check.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from reconcile.errors import InputError
from reconcile.model import Finding

VERSION = 1
SUPPRESSION = re.compile(
    r"<!--\s*reconcile-ignore\s+(?P<rules>[A-Z]{2}\d{3}(?:\s*,\s*[A-Z]{2}\d{3})*)\s*(?::|-|—)?\s*(?P<reason>.*?)\s*-->",
    re.S)


def write(findings: list[Finding], path: str | Path) -> int:
    """Record the findings' fingerprints; returns how many were recorded."""
    counts = Counter(f.id for f in findings)
    entries = [{"id": fid, "count": n, "rule": fid.split("-")[0],
                "message": next(f.message for f in findings if f.id == fid)}
               for fid, n in sorted(counts.items())]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(json.dumps({"version": VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n",
                   encoding="utf-8")
    tmp.replace(path)
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


def suppressions(text: str) -> dict[int, tuple[set[str], str]]:
    """{line number (1-based) of the suppressed figures: (rule ids, reason)} for a file's text.
    A comment covers its own line and the next line that has text."""
    out: dict[int, tuple[set[str], str]] = {}
    lines = text.split("\n")
    for m in SUPPRESSION.finditer(text):
        line = text.count("\n", 0, m.start()) + 1
        rules = {r.strip() for r in m.group("rules").split(",")}
        reason = " ".join(m.group("reason").split()) or "no reason given"
        out[line] = (rules, reason)
        end_line = text.count("\n", 0, m.end()) + 1
        nxt = next((i + 1 for i in range(end_line, len(lines)) if lines[i].strip()), None)
        if nxt is not None:
            out.setdefault(nxt, (rules, reason))
    return out


def apply_suppressions(findings: list[Finding]) -> list[Finding]:
    """Findings whose suspect figure is under a suppression comment naming their rule become info,
    with the reason in their suggestion."""
    cache: dict[str, dict[int, tuple[set[str], str]]] = {}
    out = []
    for f in findings:
        suspect = f.mentions[0] if f.mentions else None
        if suspect is None:
            out.append(f)
            continue
        path = suspect.doc.path
        if path not in cache:
            cache[path] = suppressions(suspect.doc.file.text) if "reconcile-ignore" in suspect.doc.file.text else {}
        line = suspect.record["line"]
        hit = cache[path].get(line)
        if hit and f.rule in hit[0]:
            f.severity = "info"
            f.suggestion = f"Suppressed in the source: {hit[1]}. (Was: {f.suggestion})"
            f.cause_text = f"Suppressed: {hit[1]}"
        out.append(f)
    return out

"""IN005 lost_decimal: a number whose decimal point was lost (5 5倍 for 5.5倍)."""
from __future__ import annotations

import re

from reconcile.checks.types import Rule, check_type
from reconcile.extraction.documents import Document
from reconcile.fixes import restore_decimal
from reconcile.model import Finding, Mention


@check_type(
    "lost_decimal", code="IN005", title="lost-decimal", scope="document", severity="error",
    summary="A number looks like a decimal whose point was lost (5 5倍 for 5.5倍).",
    why="Transcripts and OCR drop decimal points; the figure is then read as two numbers or as 55.",
    example="杠杆率为5 5倍 → 5.5倍.")
def lost_decimal(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """A figure read with a lost decimal point (5 5倍 -> 5.5倍)."""
    out = []
    for m in mentions:
        if "lost_decimal" in m.fig.flags:
            fixed = re.sub(r"(\d)\.? (\d)", r"\1.\2", m.fig.text)
            out.append(Finding(
                rule.id, rule.severity,
                f"{m.fig.text} looks like {fixed} with "
                + ("a stray space after its decimal point." if "." in m.fig.text else "its decimal point lost."),
                [m.id], f"Read as {fixed}; check the source and write the decimal point.", "lost_decimal", [m],
                "Likely a lost decimal point.", restore_decimal(m)))
    return out

"""IN005 lost_decimal: a number whose decimal point was lost (5 5倍 for 5.5倍)."""
from __future__ import annotations

import re

from reconcile.checks.in_document import words
from reconcile.checks.types import Rule, check_type
from reconcile.extraction.documents import Document
from reconcile.extraction.normalize import is_han
from reconcile.fixes import UNSAFE, Fix, restore_decimal
from reconcile.model import Finding, Mention


@check_type(
    "lost_decimal", code="IN005", title="lost-decimal", scope="document", severity="error",
    summary="A number looks like a decimal whose point was lost (5 5倍 for 5.5倍).",
    why="Transcripts and OCR drop decimal points; the figure is then read as two numbers or as 55. "
        "A Chinese page that lost all its punctuation in copying gets one warning for all of them.",
    example="杠杆率为5 5倍 → 5.5倍.")
def lost_decimal(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """A figure read with a lost decimal point (5 5倍 -> 5.5倍); on a page whose punctuation was
    lost in copying, one warning for all of them."""
    lost = [m for m in mentions if "lost_decimal" in m.fig.flags]
    if not lost:
        return []
    if _unpunctuated(doc):
        return [_page_lost_punctuation(rule, lost)]
    out = []
    for m in lost:
        fixed = _restored(m.fig.text)
        out.append(Finding(
            rule.id, rule.severity,
            f"{m.fig.text} looks like {fixed} with "
            + ("a stray space after its decimal point." if "." in m.fig.text else "its decimal point lost."),
            [m.id], f"Read as {fixed}; check the source and write the decimal point.", "lost_decimal", [m],
            "Likely a lost decimal point.", restore_decimal(m)))
    return out


def _restored(text: str) -> str:
    return re.sub(r"(\d)\.? (\d)", r"\1.\2", text)


def _unpunctuated(doc: Document) -> bool:
    """Is `doc` Chinese copy that lost its punctuation (rules/internal.toml [lost_decimal])?"""
    w = words()["lost_decimal"]
    if doc.lang != "zh":
        return False
    han = sum(map(is_han, doc.text))
    marks = sum(doc.text.count(mark) for mark in w["sentence_marks"])
    return han >= w["unpunctuated_least"] and marks * w["unpunctuated_per"] <= han


def _page_lost_punctuation(rule: Rule, lost: list[Mention]) -> Finding:
    """One warning for a page without punctuation: its decimal points were lost with the rest, in
    copying, so no figure of it is a writer's slip. The fixes are offered together, as unsafe: a
    gap may as well be a lost 、 (12 15 18亿元 for 12、15、18亿元)."""
    texts = list(dict.fromkeys(m.fig.text for m in lost))
    shown = ", ".join(f"{t} ({_restored(t)})" for t in texts[:3])
    more = f" and {len(texts) - 3} more" if len(texts) > 3 else ""
    fixes = [f for f in map(restore_decimal, lost) if f is not None]
    fix = Fix(UNSAFE, tuple(e for f in fixes for e in f.edits), f"Write the {len(fixes)} decimal points.") \
        if fixes else None
    return Finding(
        rule.id, "warning" if rule.severity == "error" else rule.severity,
        f"This text has no punctuation (lost in copying?), and {len(lost)} of its figures read as decimals "
        f"whose points were lost: {shown}{more}.",
        [m.id for m in lost], "Copy the text again from its source, or write the decimal points.",
        "lost_decimal", lost, "Punctuation lost in copying.", fix)

"""IN004 year_span: a span of years (六年后, 十年前) against the years it joins or the article's date."""
from __future__ import annotations

import math
import re
from datetime import datetime

from reconcile.checks.in_document import gap, interval_text, iv, sentence, words_pattern
from reconcile.checks.intervals import meets
from reconcile.checks.types import Rule, check_type
from reconcile.extraction.documents import Document
from reconcile.model import Finding, Mention


@check_type(
    "year_span", code="IN004", title="year-span", scope="document", severity="warning",
    summary="A span of years (六年后, 十年前) does not match the years it joins or the article's date.",
    why="Spans go stale when copy is reused a year later.",
    example="2019年申请 … 约六年后仍为空壳, in an article dated 2025: 2019 + 6 = 2025.",
    tolerances=("touching_meets",))
def year_span(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """2019年 … 约六年后仍… lands on the article's date (or the year stated right after the span);
    十年前 / ten years ago reaches from the article's date back to the year stated beside it."""
    touching = rule.tolerance("touching_meets")
    text = doc.text
    later = re.compile(r"\s*" + words_pattern("year_span", "later"), re.I)
    ago = re.compile(r"\s*" + words_pattern("year_span", "ago"), re.I)
    present = re.compile(r"[^\d\n。；;.!?！？]{0,24}?" + words_pattern("year_span", "present"), re.I)
    link = re.compile(r"\s*(?:" + words_pattern("year_span", "link") + r")?\s*$", re.I)
    now = _fractional_year(doc.date)
    years = [m for m in mentions if m.fig.kind == "date" and m.fig.low == m.fig.high and "range" not in m.fig.flags]
    out = []
    for d in mentions:
        if d.fig.kind != "duration" or math.isinf(d.fig.high):
            continue
        s0, s1 = sentence(d)
        lat, back = later.match(text, d.fig.end), ago.match(text, d.fig.end)
        if lat:
            start = [y for y in years if s0 <= y.fig.start and y.fig.end <= d.fig.start]
            if not start:
                continue
            y = start[-1]
            landing = [r for r in years if lat.end() <= r.fig.start < s1 and link.fullmatch(text, lat.end(), r.fig.start)]
            if landing:
                r = landing[0]
                elapsed = (r.fig.low - y.fig.low - 1, r.fig.low - y.fig.low + 1)
                ref, pair = f"{r.fig.text}", [d, y, r]
            elif now is not None and present.match(text, lat.end()):
                elapsed = (now - y.fig.low - 1, now - y.fig.low)
                ref, pair = f"the article's date ({doc.date[:10]})", [d, y]
            else:
                continue
        elif back and now is not None:
            near = [y for y in years if s0 <= y.fig.start < s1 and gap((y.fig.start, y.fig.end),
                                                                        (d.fig.start, back.end())) <= 12]
            if not near:
                continue
            y = min(near, key=lambda y: gap((y.fig.start, y.fig.end), (d.fig.start, back.end())))
            elapsed = (now - y.fig.low - 1, now - y.fig.low)
            ref, pair = f"the article's date ({doc.date[:10]})", [d, y]
        else:
            continue
        if meets(iv(d), elapsed, touching):
            continue
        out.append(Finding(
            rule.id, rule.severity,
            f"The span {d.fig.text} does not join {y.fig.text} and {ref}.",
            [m.id for m in pair],
            f"Likely a stale span or a wrong year: from {y.fig.text} to {ref} is "
            f"{interval_text(elapsed, 'year')}, {d.fig.text} means {interval_text(iv(d), 'year')}.",
            "year_span", pair, f"Elapsed: {interval_text(elapsed, 'year')}."))
    return out


def _fractional_year(date: str | None) -> float | None:
    """2025-11-11T16:11 -> 2025.86: the article's moment, in years."""
    if not date:
        return None
    try:
        t = datetime.fromisoformat(date)
    except ValueError:
        return None
    start, end = datetime(t.year, 1, 1), datetime(t.year + 1, 1, 1)
    return t.year + (t - start) / (end - start)

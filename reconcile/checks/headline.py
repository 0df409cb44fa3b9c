"""IN001 headline_body: a headline figure against the figures of the body (or a sum of them)."""
from __future__ import annotations

import itertools
import math

from reconcile import linking
from reconcile.checks.in_document import (
    compatible,
    finite,
    gap,
    iv,
    sentence,
    shown,
    words,
)
from reconcile.checks.crossdoc import truncates
from reconcile.checks.intervals import Interval, add, meets, power_of_ten, same_digits, significant_digits
from reconcile.checks.types import Rule, check_type
from reconcile.extraction.documents import Document
from reconcile.model import SEVERITIES, Finding, Mention


@check_type(
    "headline_body", code="IN001", title="headline-body", scope="document", severity="error",
    summary="A figure in the headline has no figure in the body that it agrees with, while the body states the same kind of figure.",
    why="Headlines are rewritten last and by other hands; a slip there is the most read figure of the article.",
    example="Headline 租赁11.6万块GPU, body 约104000块 + 12600块: agrees within 约; a headline of 12.6万块 would not.",
    tolerances=("touching_meets", "magnitude_ratio_slack"))
def headline_body(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """Each headline figure agrees with a body figure of its unit and metric (or a related
    metric: profit and adjusted profit; or one it cuts short; or, a bare amount, one of a currency
    the headline dropped), or (an amount) with a sum of 2–3 of them stated in one sentence. Reported only when the body states a figure of
    that unit, metric and entity (an unattributed side matches any): attribution of deals between
    two parties is unsure, so the entity gates the report but does not narrow the agreement."""
    w = words()["headline_body"]
    touching = rule.tolerance("touching_meets")
    slack = rule.tolerance("magnitude_ratio_slack")
    title = [m for m in mentions if m.in_title]
    body = [m for m in mentions if not m.in_title]
    out = []
    for t in title:
        # A vague body figure (数百亿) states an order of magnitude, not a figure to agree with.
        same = [b for b in body if b.fig.unit == t.fig.unit and _same(t.metric, b.metric)
                and ("vague" not in b.fig.flags or "vague" in t.fig.flags)]
        if not any(_same(t.entity, b.entity) for b in same):
            continue
        candidates: list[tuple[list[Mention], Interval]] = [([b], iv(b)) for b in same]
        if t.fig.kind in w["sum_kinds"]:
            # Parts that together make the headline figure are stated together: one sentence.
            parts = [b for b in same if compatible(t, b) and finite(b) and b.fig.low < t.fig.high]
            by_sentence: dict[tuple[int, int], list[Mention]] = {}
            for b in parts:
                by_sentence.setdefault(sentence(b), []).append(b)
            for group in by_sentence.values():
                for n in range(2, min(len(group), int(w["max_parts"])) + 1):
                    candidates += [(list(c), add(map(iv, c))) for c in itertools.combinations(group, n)]
        # ... or the headline cuts a body figure short (705亿元 for 705.51亿元), to three digits at least
        # (营收1亿元 is no cut of 1.99亿元)
        if any(meets(iv(t), i, touching) for _, i in candidates) or significant_digits(t.fig.number) >= 3 and \
                any(truncates(t.fig, b.fig) for b in same):
            continue
        # A body figure of a related metric that agrees clears it too: the headline's wording
        # (少赚72%: profit) and the body's (经调整净利润按年跌72%: adjusted profit) are read apart.
        if any(meets(iv(t), iv(b), touching) for b in body
               if compatible(t, b) and finite(b) and _same(t.entity, b.entity) and _related(t.metric, b.metric)):
            continue
        # A headline drops the currency its body writes (孖展4397亿 for 接获约4397亿元孖展): a bare amount
        # with a magnitude agrees with a body amount of the same value, company and metric in any currency.
        if t.fig.kind == "count" and not t.fig.classifier and t.fig.scale and any(
                finite(b) and meets(iv(t), iv(b), touching) for b in body
                if b.fig.kind == "currency" and _same(t.entity, b.entity) and _related(t.metric, b.metric)):
            continue
        # The body figure (or sum) it most likely comes from: the nearest on a log scale, or a
        # ×10^k slip of one when none is near.
        near, near_iv = _nearest(iv(t), candidates)
        slips = [c for c in candidates if _magnitude(t.fig.value, c[1], slack)]
        if slips and _log_gap(iv(t), near_iv) > math.log(2):
            near, near_iv = _nearest(iv(t), slips)
        what = " + ".join(b.fig.text for b in near)
        # a magnitude slip keeps the digits (113.1亿 vs 11.31亿); 近3% against 30.3% is another figure
        k = _magnitude(t.fig.value, near_iv, slack) if len(near) > 1 or same_digits(t.fig.number, near[0].fig.number) \
            else None
        cause = "magnitude" if k else "headline"
        likely = f"a magnitude slip (×10^{k})" if k else "a headline figure edited or rounded apart from the body"
        # An error only where the checker can name the slip (a magnitude); a headline edited or
        # rounded apart from its body is the editor's call: a warning.
        severity = rule.severity if k else min(rule.severity, "warning", key=SEVERITIES.index)
        out.append(Finding(
            rule.id, severity,
            f"Headline figure {t.fig.text} agrees with no figure of the body; the nearest is {what} "
            f"({shown(near_iv, t)}).",
            [t.id] + [b.id for b in near],
            f"Likely {likely}: the headline means {shown(iv(t), t)}, the body gives {what} = "
            f"{shown(near_iv, t)}.",
            cause, [t] + near, f"Likely {likely}."))
    return out


def _nearest(target: Interval, candidates: list[tuple[list[Mention], Interval]]):
    """The candidate (figures, interval) nearest the target on a log scale, fewest figures first."""
    return min(candidates, key=lambda c: (_log_gap(target, c[1]), len(c[0])))


def _same(x: str | None, y: str | None) -> bool:
    """Not known to differ: attribution is partial, so an unattributed side matches any."""
    return not (x and y and x != y)


def _related(x: str | None, y: str | None) -> bool:
    """Not known to differ, or related (rules/metrics.toml: one within the other, both within one,
    or declared related)."""
    return _same(x, y) or (x, y) in linking.weights().related


def _magnitude(value: float, target: Interval, slack: float) -> int | None:
    """k when value is target × 10^k (k ≠ 0) within `slack`."""
    mid = (target[0] + target[1]) / 2
    if value <= 0 or mid <= 0 or math.isinf(mid):
        return None
    return power_of_ten(value / mid, slack)


def _log_gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals are as a ratio (0 when they meet), for positive values."""
    if a[0] <= 0 or b[0] <= 0:
        return gap(a, b)
    # An open upper bound (超过, more than) is never below the other's lower one.
    return max(math.log(a[0] / b[1]) if a[0] > b[1] else 0.0, math.log(b[0] / a[1]) if b[0] > a[1] else 0.0)

"""Check types inside one document: each is a function (rule, doc, mentions) -> findings,
registered with its docs (checks/types.py); rules/rules.toml makes rules of them. The words each
check looks for (减少, "from … to", 占, 其中 …) are data: rules/internal.toml.

All arithmetic is on intervals: a figure is [low, high] (its written precision widened by its
qualifier, see rules/qualifiers.toml); a sum of parts is [Σlow, Σhigh]; a change, ratio or share
is computed at the ends of its operands' intervals (min and max). A check fails only when the
computed interval and the stated one do not meet, so rounding alone never fails one.
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from datetime import datetime

from reconcile.checks.intervals import (
    Interval,
    add,
    change_pct,
    meets,
    num,
    power_of_ten,
    ratio,
    widen,
)
from reconcile.checks.types import Rule, check_type
from reconcile.data.loader import data
from reconcile.extraction.documents import Document
from reconcile.model import Finding, Mention

INF = math.inf

def words() -> dict[str, dict]:
    """The words of each check type, from rules/internal.toml."""
    return data().toml("internal.toml")


@functools.cache
def _alt(ws: tuple[str, ...]) -> str:
    """A regex alternation of words, longest first; Latin words match whole words only."""
    parts = []
    for w in sorted(set(ws), key=len, reverse=True):
        e = re.escape(w).replace(r"\ ", r"\s+")
        if w[:1].isascii() and w[:1].isalnum():
            e = r"(?<![A-Za-z])" + e
        if w[-1:].isascii() and w[-1:].isalnum():
            e += r"(?![A-Za-z])"
        parts.append(e)
    return "(?:" + ("|".join(parts) or "(?!)") + ")"


def _w(section: str, key: str) -> str:
    return _alt(tuple(words()[section][key]))


def iv(m: Mention) -> Interval:
    return m.fig.low, m.fig.high


_UNIT_NAMES = {"percent": "%", "count": "", "times": "×", "year": " years", "date": ""}


def interval_text(i: Interval, unit: str = "") -> str:
    u = _UNIT_NAMES.get(unit, f" {unit}")
    if unit == "date":
        return "–".join(f"{x:g}" for x in dict.fromkeys(i))
    if i[0] == i[1]:
        return f"{num(i[0])}{u}"
    return f"[{num(i[0])}, {num(i[1])}]{u}"


def shown(i: Interval, m: Mention) -> str:
    """An interval in the units `m` is written in (亿美元, 万块, %, billion): [11.14, 12.18]万块."""
    f = m.fig
    if f.kind in ("date", "duration") or "vague" in f.flags or not f.value or not f.number or math.isnan(f.number):
        return interval_text(i, f.unit)
    factor = f.value / f.number
    if "range" in f.flags:  # value is the midpoint, number the first bound: 5-7.5亿 -> 10^8
        if f.kind not in ("currency", "count", "percent"):
            return interval_text(i, f.unit)
        factor = 10.0 ** round(math.log10(abs(factor)))
    lo, hi = i[0] / factor, i[1] / factor
    body = num(lo) if lo == hi else f"[{num(lo)}, {num(hi)}]"
    scale, word = f.scale or "", f.classifier or ""
    if f.kind == "currency" and word and not word[0].isalnum():  # $, €, £ go first
        return f"{word}{body}{' ' + scale if scale else ''}"
    if (scale + word).isascii():
        tail = " ".join(x for x in (scale, word) if x)
        return f"{body} {tail}" if tail[:1].isalnum() else f"{body}{tail}"
    return f"{body}{scale}{word}"


# ---------------------------------------------------------------------------------------------
# Where figures stand


def sentence(m: Mention) -> tuple[int, int]:
    """The figure's sentence (from attribution), or its line when none was set."""
    if m.sentence != (0, 0):
        return m.sentence
    text = m.doc.text
    start = text.rfind("\n", 0, m.fig.start) + 1
    end = text.find("\n", m.fig.end)
    return start, len(text) if end < 0 else end


def same_sentence(a: Mention, b: Mention) -> bool:
    return sentence(a) == sentence(b)


def compatible(a: Mention, b: Mention) -> bool:
    """Same unit, and for counts the same counted noun when both name one (块 vs 块)."""
    if a.fig.unit != b.fig.unit:
        return False
    if a.fig.kind == "count" and a.fig.classifier and b.fig.classifier:
        return a.fig.classifier == b.fig.classifier
    return True


def _finite(m: Mention) -> bool:
    return not math.isinf(m.fig.high) and "vague" not in m.fig.flags


def _magnitude(value: float, target: Interval, slack: float) -> int | None:
    """k when value is target × 10^k (k ≠ 0) within `slack`."""
    mid = (target[0] + target[1]) / 2
    if value <= 0 or mid <= 0 or math.isinf(mid):
        return None
    return power_of_ten(value / mid, slack)


def _gap(a: Interval, b: Interval) -> float:
    return max(a[0] - b[1], b[0] - a[1], 0.0)


def _log_gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals are as a ratio (0 when they meet), for positive values."""
    if a[0] <= 0 or b[0] <= 0:
        return _gap(a, b)
    return max(math.log(a[0] / b[1]), math.log(b[0] / a[1]), 0.0)


# ---------------------------------------------------------------------------------------------
# IN001 headline_body


@check_type(
    "headline_body", code="IN001", title="headline-body", scope="document", severity="error",
    summary="A figure in the headline has no figure in the body that it agrees with, while the body states the same kind of figure.",
    why="Headlines are rewritten last and by other hands; a slip there is the most read figure of the article.",
    example="Headline 租赁11.6万块GPU, body 约104000块 + 12600块: agrees within 约; a headline of 12.6万块 would not.",
    tolerances=("touching_meets", "magnitude_ratio_slack"))
def headline_body(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """Each headline figure agrees with a body figure of its unit and metric, or (an amount) with
    a sum of 2–3 of them stated in one sentence. Reported only when the body states a figure of
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
            parts = [b for b in same if compatible(t, b) and _finite(b) and b.fig.low < t.fig.high]
            by_sentence: dict[tuple[int, int], list[Mention]] = {}
            for b in parts:
                by_sentence.setdefault(sentence(b), []).append(b)
            for group in by_sentence.values():
                for n in range(2, min(len(group), int(w["max_parts"])) + 1):
                    candidates += [(list(c), add(map(iv, c))) for c in itertools.combinations(group, n)]
        if any(meets(iv(t), i, touching) for _, i in candidates):
            continue
        # The body figure (or sum) it most likely comes from: the nearest on a log scale, or a
        # ×10^k slip of one when none is near.
        near, near_iv = _nearest(iv(t), candidates)
        slips = [c for c in candidates if _magnitude(t.fig.value, c[1], slack)]
        if slips and _log_gap(iv(t), near_iv) > math.log(2):
            near, near_iv = _nearest(iv(t), slips)
        what = " + ".join(b.fig.text for b in near)
        k = _magnitude(t.fig.value, near_iv, slack)
        cause = "magnitude" if k else "headline"
        likely = f"a magnitude slip (×10^{k})" if k else "a headline figure edited or rounded apart from the body"
        out.append(Finding(
            rule.id, rule.severity,
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


# ---------------------------------------------------------------------------------------------
# IN002 parts_total


@check_type(
    "parts_total", code="IN002", title="parts-total", scope="document", severity="error",
    summary="Parts do not add up to the total they are stated to make.",
    why="Sums are checked on intervals, so rounding alone never fails them (XBRL Calculations 1.1).",
    example="40%（20%自愿离职，20%非自愿离职）; 11.6万块 = 104000块 + 12600块.",
    tolerances=("touching_meets",))
def parts_total(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """A total followed by a bracket of ≥2 parts of its unit: Σ parts meets the total. A total
    followed by 其中 / including and ≥2 parts: Σ parts does not exceed it."""
    w = words()["parts_total"]
    touching = rule.tolerance("touching_meets")
    text = doc.text
    opener = re.compile(r"\s*" + _alt(tuple(w["open"])))
    subset = re.compile(r"\s*[,，、:：;；]?\s*" + _alt(tuple(w["subset"])), re.I)
    not_parts = re.compile(_alt(tuple(w["not_parts"])), re.I)
    change = re.compile(_w("stated_change", "decrease") + "|" + _w("stated_change", "increase"), re.I)
    out = []
    for t in mentions:
        if t.fig.kind in ("date", "multiple") or "vague" in t.fig.flags:
            continue
        o = opener.match(text, t.fig.end)
        s = subset.match(text, t.fig.end)
        if o:
            close = _closing(text, o.end() - 1)
            span, exhaustive = (o.end(), close), True
            if subset.match(text, o.end()):
                exhaustive = False
        elif s:
            span, exhaustive = (s.end(), sentence(t)[1]), False
        else:
            continue
        inside = [m for m in mentions if span[0] <= m.fig.start and m.fig.end <= span[1]]
        if any(m.fig.kind == "date" for m in inside) or not_parts.search(text, *span):
            continue  # a comparison with another period, not a breakdown
        parts = [m for m in inside if compatible(t, m)]
        if len(parts) < 2 or any("vague" in p.fig.flags for p in parts):
            continue  # open parts (超过200亿) still give the sum its lower bound
        if any(change.search(text[max(span[0], p.fig.start - 4):p.fig.start]) for p in parts):
            continue  # rates of change of parts (国内增长15%) do not add up
        total = add(map(iv, parts))
        ok = meets(total, iv(t), touching) if exhaustive else total[0] <= t.fig.high
        if ok:
            continue
        texts = " + ".join(p.fig.text for p in parts)
        verb = "add up to" if exhaustive else "fit within"
        out.append(Finding(
            rule.id, rule.severity,
            f"The parts {texts} do not {verb} the total {t.fig.text}.",
            [t.id] + [p.id for p in parts],
            f"Likely a part or the total mistyped: the parts sum to {shown(total, t)}, "
            f"the total means {shown(iv(t), t)}.",
            "sum" if exhaustive else "sum_exceeds", [t] + parts, f"Parts sum to {shown(total, t)}."))
    return out


def _closing(text: str, i: int) -> int:
    """Offset of the bracket closing the one at text[i] (or the end of its line)."""
    pairs = {"（": "）", "(": ")", "[": "]", "【": "】"}
    opening, closing = text[i], pairs.get(text[i], ")")
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if c == "\n":
            return j
        if c in (opening, "（", "("):
            depth += 1
        elif c in (closing, "）", ")"):
            depth -= 1
            if depth == 0:
                return j
    return len(text)


# ---------------------------------------------------------------------------------------------
# IN003 stated_change


@check_type(
    "stated_change", code="IN003", title="stated-change", scope="document", severity="error",
    summary="A stated change (减少约65%, rose 20%) does not match its from and to figures.",
    why="A percentage change is often recomputed by hand and copied wrong.",
    example="从9亿股减至3.35亿股（减少约65%）: (9 − 3.35) / 9 = 62.8%, within 约65%.",
    tolerances=("touching_meets", "relative"))
def stated_change(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """从 F 减至 T（减少约 P%） / fell from F to T, a P% drop: (T − F) / F meets ±P."""
    touching = rule.tolerance("touching_meets")
    relative = rule.tolerance("relative")
    ordered = sorted(mentions, key=lambda m: m.fig.start)
    out = []
    for f, t in _from_to(doc, ordered):
        stated = _stated_percent(doc, ordered, f, t)
        if stated is None:
            continue
        p, sign = stated
        claimed = iv(p) if sign > 0 else (-p.fig.high, -p.fig.low)
        computed = change_pct(iv(f), iv(t))
        if computed is None:
            continue
        computed = widen(computed, relative)
        options = [computed]
        if f.fig.unit == "percent":  # 从20%降至15%, 下降5%: maybe percentage points
            options.append((t.fig.low - f.fig.high, t.fig.high - f.fig.low))
        if any(meets(claimed, c, touching) for c in options):
            continue
        wrong_way = (computed[1] < 0 < claimed[0]) or (claimed[1] < 0 < computed[0])
        size = computed if sign > 0 else (-computed[1], -computed[0])
        word = "an increase" if sign > 0 else "a decrease"
        out.append(Finding(
            rule.id, rule.severity,
            f"The stated change {p.fig.text} does not match {f.fig.text} → {t.fig.text}.",
            [p.id, f.id, t.id],
            (f"Likely the direction is wrong: {f.fig.text} → {t.fig.text} is a change of "
             f"{interval_text(computed, 'percent')}." if wrong_way else
             f"Likely the percentage was miscalculated or copied wrong: {f.fig.text} → {t.fig.text} is "
             f"{word} of {interval_text(size, 'percent')}, the stated {p.fig.text} means "
             f"{interval_text(iv(p), 'percent')}."),
            "direction" if wrong_way else "percent_change", [p, f, t],
            "Likely the wrong direction." if wrong_way else f"Computed: {word} of {interval_text(size, 'percent')}."))
    return out


def _from_to(doc: Document, ordered: list[Mention]):
    """(from, to) figure pairs of one unit: 从 F 减至 T, 由2024年的 F 增至2025年的 T, from F to T,
    and English's "to T from F"."""
    text = doc.text
    dates = [m for m in ordered if m.fig.kind == "date"]
    frm = re.compile(_w("stated_change", "from") + r"[^\d\n,，。；;]{0,8}$", re.I)
    to = re.compile(r"\s*" + _w("stated_change", "to") + r"\s*(?:的\s*)?", re.I)
    to_before = re.compile(r"(?<![A-Za-z])to\s*$", re.I)
    from_between = re.compile(r"\s*,?\s*" + _w("stated_change", "from") + r"\s*", re.I)

    def plain(start: int, end: int) -> str:
        """text[start:end] without the years in it (从2024年的 F → 从的 F)."""
        cuts = [(d.fig.start, d.fig.end) for d in dates if start <= d.fig.start and d.fig.end <= end]
        pieces, at = [], start
        for a, b in cuts:
            pieces.append(text[at:a])
            at = b
        return "".join(pieces) + text[at:end]

    figures = [m for m in ordered if m.fig.kind != "date"]
    for a, b in itertools.pairwise(figures):
        if a.fig.kind == "multiple" or not compatible(a, b) or not same_sentence(a, b):
            continue
        gap, head = plain(a.fig.end, b.fig.start), plain(max(sentence(a)[0], a.fig.start - 16), a.fig.start)
        if to.fullmatch(gap) and frm.search(head):
            yield a, b
        elif from_between.fullmatch(gap) and to_before.search(head):
            yield b, a


def _stated_percent(doc: Document, ordered: list[Mention], f: Mention, t: Mention) -> tuple[Mention, int] | None:
    """The percentage that states the change F → T, with its sign (+1 increase, −1 decrease):
    in the same sentence, outside the pair, next to a direction word; the nearest after it first."""
    dec, inc = _w("stated_change", "decrease"), _w("stated_change", "increase")
    filler = _w("stated_change", "filler")
    before = re.compile(rf"(?:(?P<d>{dec})|(?P<i>{inc}))\s*(?:{filler})?\s*$", re.I)
    after = re.compile(rf"\s*的?\s*(?:(?P<d>{dec})|(?P<i>{inc}))", re.I)
    s0, s1 = sentence(t)
    lo, hi = min(f.fig.start, t.fig.start), max(f.fig.end, t.fig.end)
    found = []
    for p in ordered:
        if p.fig.unit != "percent" or p in (f, t) or not (s0 <= p.fig.start < s1):
            continue
        if lo <= p.fig.start < hi or not _finite(p):
            continue
        m = before.search(doc.text, max(s0, p.fig.start - 10), p.fig.start) or after.match(doc.text, p.fig.end)
        if m:
            distance = p.fig.start - hi if p.fig.start >= hi else lo - p.fig.end + 0.5
            found.append((distance, p, -1 if m.group("d") else 1))
    if not found:
        return None
    _, p, sign = min(found, key=lambda x: x[0])
    return p, sign


# ---------------------------------------------------------------------------------------------
# IN004 year_span


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
    later = re.compile(r"\s*" + _w("year_span", "later"), re.I)
    ago = re.compile(r"\s*" + _w("year_span", "ago"), re.I)
    present = re.compile(r"[^\d\n。；;.!?！？]{0,24}?" + _w("year_span", "present"), re.I)
    link = re.compile(r"\s*(?:" + _w("year_span", "link") + r")?\s*$", re.I)
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
            near = [y for y in years if s0 <= y.fig.start < s1 and _gap((y.fig.start, y.fig.end),
                                                                        (d.fig.start, back.end())) <= 12]
            if not near:
                continue
            y = min(near, key=lambda y: _gap((y.fig.start, y.fig.end), (d.fig.start, back.end())))
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


# ---------------------------------------------------------------------------------------------
# IN006 stated_ratio


@check_type(
    "stated_ratio", code="IN006", title="stated-ratio", scope="document", severity="warning",
    summary="A stated share or ratio (占…的20%, 是…的两倍) does not match the two figures it relates.",
    why="Ratios are derived figures; when one side is edited the ratio goes stale.",
    example="700亿美元 … 几乎是去年的两倍, with last year's figure stated as 390亿美元.",
    tolerances=("touching_meets", "relative"))
def stated_ratio(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """A 是 B 的 N 倍 / A is N times B; A，几乎是去年的两倍 with last year's figure stated;
    A 占 B 的 P% / A accounts for P% of B. Only when both figures are in the text."""
    touching = rule.tolerance("touching_meets")
    relative = rule.tolerance("relative")
    out = []
    for stated, a, b, scale in _ratios(doc, mentions):
        computed = ratio(iv(a), iv(b), scale)
        if computed is None or meets(widen(computed, relative), iv(stated), touching):
            continue
        unit = "percent" if scale == 100 else "times"
        what = "share" if scale == 100 else "ratio"
        out.append(Finding(
            rule.id, rule.severity,
            f"The stated {what} {stated.fig.text} does not match {a.fig.text} against {b.fig.text}.",
            [stated.id, a.id, b.id],
            f"Likely one side was edited and the {what} not updated: {a.fig.text} / {b.fig.text} is "
            f"{interval_text(computed, unit)}, the stated {stated.fig.text} means {interval_text(iv(stated), unit)}.",
            what, [stated, a, b], f"Computed: {interval_text(computed, unit)}."))
    return out


def _ratios(doc: Document, mentions: list[Mention]):
    """(stated, a, b, scale) for each stated ratio (scale 1) or share (scale 100) whose both
    sides are figures of the text."""
    text = doc.text
    ordered = sorted(mentions, key=lambda m: m.fig.start)
    is_ = _w("stated_ratio", "is")
    of = re.compile(r"\s*" + _w("stated_ratio", "of") + r"\s*$")
    last_year = re.compile(_w("stated_ratio", "last_year") + r"\s*(?:的)?\s*$", re.I)
    last_year_before = re.compile(_w("stated_ratio", "last_year") + r"[^\d\n,，。]{0,4}$", re.I)
    share = _w("stated_ratio", "share")
    share_of = re.compile(r"\s*" + _w("stated_ratio", "share_of") + r"\s*$", re.I)
    english_times = re.compile(r"\s*(?:the\s+|that\s+of\s+|as\s+\w+\s+as\s+)?$", re.I)
    for i, m in enumerate(ordered):
        s0 = sentence(m)[0]
        before = [x for x in ordered[:i] if x.fig.start >= s0 and x.fig.kind != "date"]
        after = [x for x in ordered[i + 1:] if same_sentence(x, m)]
        if m.fig.unit == "times":
            # A 是 B 的 N 倍
            if before and of.fullmatch(text, before[-1].fig.end, m.fig.start):
                b = before[-1]
                a = _linked(text, before[:-1], b, is_)
                if a is not None:
                    yield m, a, b, 1.0
                    continue
            # A is N times B
            if after and english_times.fullmatch(text, m.fig.end, after[0].fig.start):
                b = after[0]
                a = _linked(text, before, m, is_)
                if a is not None and compatible(a, b):
                    yield m, a, b, 1.0
                    continue
            # A，几乎是去年的两倍
            if before and last_year.search(text, max(s0, m.fig.start - 16), m.fig.start):
                a = before[-1]
                b = _last_year_figure(text, ordered, a, last_year_before)
                if b is not None:
                    yield m, a, b, 1.0
        elif m.fig.unit == "percent":
            # A 占 B 的 P%
            if before and share_of.fullmatch(text, before[-1].fig.end, m.fig.start):
                b = before[-1]
                a = _linked(text, before[:-1], b, share)
                if a is not None:
                    yield m, a, b, 100.0
                    continue
            # A accounts for P% of B / A, or P% of B
            if after and share_of.fullmatch(text, m.fig.end, after[0].fig.start):
                b = after[0]
                a = _linked(text, before, m, share)
                if a is not None and compatible(a, b):
                    yield m, a, b, 100.0


def _linked(text: str, before: list[Mention], b: Mention, link_words: str) -> Mention | None:
    """The figure right before `b` (no figure between) joined to it by one of `link_words`
    (A 是 B, A 占 B, A accounts for B), of B's unit when B is not the ratio itself."""
    if not before:
        return None
    a = before[-1]
    gap = text[a.fig.end:b.fig.start]
    if len(gap) > 24 or not re.search(link_words, gap, re.I):
        return None
    if b.fig.unit not in ("times", "percent") and not compatible(a, b):
        return None
    return a


def _last_year_figure(text: str, ordered: list[Mention], a: Mention, marker: re.Pattern) -> Mention | None:
    """Last year's figure of A's fact: one of A's unit after 去年 / last year in A's sentence, else
    one attributed to A's entity and metric for the year before A's period. None unless exactly one."""
    s0, s1 = sentence(a)
    here = [m for m in ordered if m is not a and compatible(a, m) and s0 <= m.fig.start < s1
            and marker.search(text, max(s0, m.fig.start - 12), m.fig.start)]
    if len(here) == 1:
        return here[0]
    if not (a.entity and a.metric and a.period and a.period.isdigit()):
        return None
    prior = str(int(a.period) - 1)
    found = [m for m in ordered if m is not a and compatible(a, m) and m.entity == a.entity
             and m.metric == a.metric and m.period == prior]
    return found[0] if len(found) == 1 else None


# ---------------------------------------------------------------------------------------------
# IN005 lost_decimal


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
            fixed = re.sub(r"(\d) (\d)", r"\1.\2", m.fig.text)
            out.append(Finding(
                rule.id, rule.severity,
                f"{m.fig.text} looks like {fixed} with its decimal point lost.",
                [m.id], f"Read as {fixed}; check the source and write the decimal point.", "lost_decimal", [m],
                "Likely a lost decimal point."))
    return out

"""Derived figures against the figures they are derived from: IN003 stated_change (减少约65%,
rose 20% against its from and to figures) and IN006 stated_ratio (占…的20%, 是…的两倍 against
the two figures it relates).
"""
from __future__ import annotations

import bisect
import itertools
import re

from reconcile.checks import in_document
from reconcile.checks.in_document import (
    Ordered,
    alternation,
    compatible,
    finite,
    interval_text,
    iv,
    same_sentence,
    sentence,
    words_pattern,
)
from reconcile.checks.intervals import change_pct, meets, ratio, widen
from reconcile.checks.types import Rule, check_type
from reconcile.data.loader import data
from reconcile.extraction.documents import Document
from reconcile.extraction.periods import span
from reconcile.model import Finding, Mention


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
    ordered = Ordered(mentions)
    out, seen = [], set()
    for f, t, p, sign in _changes(doc, ordered):
        if (f.id, t.id) in seen:
            continue
        seen.add((f.id, t.id))
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


def _changes(doc: Document, ordered: Ordered):
    """(from, to, stated percentage, its sign) of every stated change of the document."""
    for f, t in _from_to(doc, ordered):
        stated = _stated_percent(doc, ordered, f, t)
        if stated is not None:
            yield f, t, *stated
    yield from _compared(doc, ordered)


def _compared(doc: Document, ordered: list[Mention]):
    """A change stated against a base figure: 营收2800亿元，较上年同期的2365亿元增长15% (the figure
    the clause is about comes before) and 较上年同期的2365亿元增长15%至2800亿元 (after 至)."""
    text = doc.text
    base = re.compile(words_pattern("stated_change", "compared") + r"[^\d\n,，。；;]{0,10}$", re.I)
    # another change's base, a period between allowed (较第2季A, 比2024年同期B): not the amount the
    # clause is about; a percentage or a target between (较上季增长5%至300亿元) is no base's gap
    other_base = re.compile(words_pattern("stated_change", "compared") +
                            r"(?:[^\d\n,，。；;%]|第\s*\d{1,2}\s*季|\d{4}\s*年){0,10}$", re.I)
    direction = re.compile(r"\s*" + _DIRECTION.format(**_direction_words()) + r"\s*$", re.I)
    to = re.compile(r"\s*" + words_pattern("stated_change", "to") + r"\s*$", re.I)
    figures = [m for m in ordered if m.fig.kind != "date"]
    for i, f in enumerate(figures[:-1]):
        p = figures[i + 1]
        if p.fig.unit != "percent" or f.fig.unit == "percent" or not finite(p) or not same_sentence(f, p):
            continue
        if not base.search(text, max(sentence(f)[0], f.fig.start - 14), f.fig.start):
            continue
        turn = direction.fullmatch(text, f.fig.end, p.fig.start)
        if not turn:
            continue
        sign = -1 if turn.group("d") else 1
        after = figures[i + 2] if i + 2 < len(figures) else None
        if after is not None and compatible(f, after) and same_sentence(f, after) and \
                to.fullmatch(text, p.fig.end, after.fig.start):
            yield f, after, p, sign
        elif (subject := _subject_before(figures, i, f, lambda m: bool(
                other_base.search(text, max(sentence(m)[0], m.fig.start - 14), m.fig.start)))) is not None:
            yield f, subject, p, sign
    yield from _change_then_base(doc, figures)


def _change_then_base(doc: Document, figures: list[Mention]):
    """English's "T, up P% from F" (and 'compared with F'), or "T, a P% increase from F" (a word
    such as 'sequential' may stand before the direction): the change, then its base, after the
    figure the clause is about."""
    text = doc.text
    words = _direction_words()
    direction = re.compile(_DIRECTION.format(**words) + r"\s*$", re.I)
    base_words = "(?:" + words_pattern("stated_change", "compared") + "|" + words_pattern("stated_change", "from") + ")"
    base = re.compile(r"\s*" + base_words + r"\s*(?:the\s+)?$", re.I)
    noun_then_base = re.compile(r"\s*(?:[a-z-]+\s+)?(?:(?P<d>{dec})|(?P<i>{inc}))\s+".format(**words) + base_words +
                                r"\s*(?:the\s+)?$", re.I)
    for i, p in enumerate(figures[1:-1], 1):
        f = figures[i + 1]
        if p.fig.unit != "percent" or f.fig.unit == "percent" or not finite(p) or not same_sentence(p, f):
            continue
        turn = direction.search(text, max(sentence(p)[0], p.fig.start - 16), p.fig.start)
        if not (turn and base.fullmatch(text, p.fig.end, f.fig.start)):
            turn = noun_then_base.fullmatch(text, p.fig.end, f.fig.start)
        if turn and (subject := _subject_before(figures, i, f, lambda m: bool(
                base.search(text, max(sentence(m)[0], m.fig.start - 16), m.fig.start)))) is not None:
            yield f, subject, p, -1 if turn.group("d") else 1


# A direction word, then up to two fillers (了, by, about …; rules/internal.toml) before the stated
# percentage: 增长了约15%, "rose by about 15%".
_DIRECTION = r"(?:(?P<d>{dec})|(?P<i>{inc}))\s*(?:(?:{filler})\s*){{0,2}}"


def _decrease_around(d) -> tuple[re.Pattern, re.Pattern]:
    words = _direction_words()
    # (涨跌幅, 增减: both ways, no fall; after the figure an English word only, and not the next
    # figure's "down to"/降至 nor a "down payment")
    return (re.compile(r"(?<![涨增升])(?:{dec})\s*(?:(?:{filler})\s*){{0,2}}$".format(**words), re.I),
            re.compile(r"\s*(?:%s)(?!\s+(?:to|payment)\b)" % alternation(
                tuple(w for w in in_document.words()["stated_change"]["decrease"] if w.isascii())), re.I))


def written_as_decrease(m: Mention) -> bool:
    """Does the figure's own wording make it a fall: a decrease word (rules/internal.toml
    [stated_change]) right before it, two fillers at most between (同比下降52.66%, "a decrease of
    5.5%", "declining 5.5%"), or an English one right after it ("a 52.66% decrease")?"""
    before, after = data().memo(_decrease_around)
    text, (s0, s1) = m.doc.text, sentence(m)
    return bool(before.search(text, max(s0, m.fig.start - 16), m.fig.start)) or bool(after.match(text, m.fig.end, s1))


def _direction_words() -> dict[str, str]:
    return {"dec": words_pattern("stated_change", "decrease"), "inc": words_pattern("stated_change", "increase"),
            "filler": words_pattern("stated_change", "filler")}


def _subject_before(figures: list[Mention], i: int, base: Mention, is_base=lambda m: False) -> Mention | None:
    """The amount the clause is about, before figures[i]: the last of its sentence that is not a
    percentage nor another change's base (营收X，较第2季A季增14%、比去年同期B增加11%: B's change is
    X's, not A's), if it can be compared with the base (same unit, and the same metric where both
    have one)."""
    start = sentence(base)[0]
    for j in range(i - 1, -1, -1):  # back to the sentence's start only: linear in the document
        m = figures[j]
        if m.fig.end <= start:
            break
        if same_sentence(m, base) and m.fig.unit != "percent" and not is_base(m):
            if compatible(m, base) and (not m.metric or not base.metric or m.metric == base.metric):
                return m
            return None
    return None


def _from_to(doc: Document, ordered: list[Mention]):
    """(from, to) figure pairs of one unit: 从 F 减至 T, 由2024年的 F 增至2025年的 T, from F to T,
    and English's "to T from F" and "T, down from F"."""
    text = doc.text
    dates = [m for m in ordered if m.fig.kind == "date"]
    frm = re.compile(words_pattern("stated_change", "from") + r"[^\d\n,，。；;]{0,8}$", re.I)
    to = re.compile(r"\s*" + words_pattern("stated_change", "to") + r"\s*(?:的\s*)?", re.I)
    to_before = re.compile(r"(?<![A-Za-z])to\s*$", re.I)
    from_between = re.compile(r"\s*,?\s*" + words_pattern("stated_change", "from") + r"\s*", re.I)
    # "T, down from F", "T, slightly up from F in the previous year": the direction says which is whose
    moved_from = re.compile(r"\s*,?\s*(?:[a-z]+ly\s+)?(?:{dec}|{inc})\s+".format(**_direction_words())
                            + words_pattern("stated_change", "from") + r"\s*(?:the\s+)?", re.I)

    date_starts = [d.fig.start for d in dates]

    def plain(start: int, end: int) -> str:
        """text[start:end] without the years in it (从2024年的 F → 从的 F)."""
        pieces, at = [], start
        for k in range(bisect.bisect_left(date_starts, start), len(dates)):
            d = dates[k]
            if d.fig.start >= end:
                break
            if d.fig.end <= end:
                pieces.append(text[at:d.fig.start])
                at = d.fig.end
        return "".join(pieces) + text[at:end]

    figures = [m for m in ordered if m.fig.kind != "date"]
    for a, b in itertools.pairwise(figures):
        if a.fig.kind == "multiple" or not compatible(a, b) or not same_sentence(a, b):
            continue
        gap, head = plain(a.fig.end, b.fig.start), plain(max(sentence(a)[0], a.fig.start - 16), a.fig.start)
        if to.fullmatch(gap) and frm.search(head):
            yield a, b
        elif from_between.fullmatch(gap) and to_before.search(head) or moved_from.fullmatch(gap):
            yield b, a


def _stated_percent(doc: Document, ordered: Ordered, f: Mention, t: Mention) -> tuple[Mention, int] | None:
    """The percentage that states the change F → T, with its sign (+1 increase, −1 decrease):
    in the same sentence, outside the pair, next to a direction word; the nearest after it first."""
    dec, inc = words_pattern("stated_change", "decrease"), words_pattern("stated_change", "increase")
    before = re.compile(_DIRECTION.format(**_direction_words()) + r"\s*$", re.I)
    after = re.compile(rf"\s*的?\s*(?:(?P<d>{dec})|(?P<i>{inc}))", re.I)
    starts_change = re.compile(r"\s*" + words_pattern("stated_change", "to") + r"\s*(?:的\s*)?", re.I)
    s0, s1 = sentence(t)
    lo, hi = min(f.fig.start, t.fig.start), max(f.fig.end, t.fig.end)
    other_basis = {"yoy": "qoq", "qoq": "yoy"}.get(_basis(f.period, t.period))
    found = []
    for p in ordered.within(s0, s1):
        if p.fig.unit != "percent" or p in (f, t):
            continue
        if other_basis in p.scope:
            continue  # 从去年同期的1.4亿美元升至4.8亿美元，环比增长46%: the 46% is on the last quarter's
        if lo <= p.fig.start < hi or not finite(p) or _starts_change(ordered, p, starts_change, (f, t)):
            continue
        # (back far enough for English's "a decrease of", "rose by about")
        m = before.search(doc.text, max(s0, p.fig.start - 16), p.fig.start) or after.match(doc.text, p.fig.end)
        if p.fig.end <= lo and re.search(r"[,，;；]", doc.text[p.fig.end:lo]):
            continue  # a percentage before the change states it in the same clause (rose 20% to T from F)
        if m and not _taken_between(ordered, p, lo, hi):
            distance = p.fig.start - hi if p.fig.start >= hi else lo - p.fig.end + 0.5
            found.append((distance, p, -1 if m.group("d") else 1))
    if not found:
        return None
    _, p, sign = min(found, key=lambda x: x[0])
    return p, sign


def _basis(frm: str | None, to: str | None) -> str | None:
    """"yoy" when the from-figure's period is the to-figure's a year earlier (2024Q3 → 2025Q3, 2024 →
    2025, FY2025Q3 → FY2026Q3, 2024H1 → 2025H1), "qoq" when it is the one of its length just before
    (2025Q2 → 2025Q3, 2024H2 → 2025H1: a sequential change), else None (periods.span's notation)."""
    a, b = span(frm) if frm else None, span(to) if to else None
    if a is None or b is None or a[0] != b[0] or a[3] - a[2] != b[3] - b[2]:
        return None  # (a fiscal period against a calendar one, a quarter against a half: not told)
    if (b[1] - a[1], b[2]) == (1, a[2]):
        return "yoy"
    return "qoq" if b[1] * 4 + b[2] - (a[1] * 4 + a[3]) == 1 else None


def _starts_change(ordered: list[Mention], p: Mention, to: re.Pattern, pair: tuple[Mention, Mention]) -> bool:
    """Is the percentage p where another change of percentages starts (净利率从28.2%升至32.7%: 28.2%
    is no size of the change before it)? "Rose 30% to $12 billion" is: to the pair's own figure."""
    m = to.match(p.doc.text, p.fig.end)
    if not m:
        return False
    k = bisect.bisect_left(ordered, m.end(), key=lambda x: x.fig.start)
    return k < len(ordered) and ordered[k].fig.start == m.end() and ordered[k].fig.unit == p.fig.unit \
        and ordered[k] not in pair


def _taken_between(ordered: list[Mention], p: Mention, lo: int, hi: int) -> bool:
    """Does a figure between the percentage p and the change [lo, hi) take it? An amount does
    (增长135.2%至44亿元，占比由77.2%降至59.7%), so does a year (从58亿元增至143亿元，2024年同比增长37.2%);
    a conversion of the change's figure in brackets (143亿元（约20亿美元）) does not."""
    a, b = (hi, p.fig.start) if p.fig.start >= hi else (p.fig.end, lo)
    k = bisect.bisect_left(ordered, a, key=lambda m: m.fig.start)
    for o in ordered[k:]:
        if o.fig.start >= b:
            return False
        if o.fig.end <= b and not o.restates:
            return True
    return False


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
    ordered = Ordered(mentions)
    is_ = words_pattern("stated_ratio", "is")
    of = re.compile(r"\s*" + words_pattern("stated_ratio", "of") + r"\s*$")
    last_year = re.compile(words_pattern("stated_ratio", "last_year") + r"\s*(?:的)?\s*$", re.I)
    last_year_before = re.compile(words_pattern("stated_ratio", "last_year") + r"[^\d\n,，。]{0,4}$", re.I)
    share = words_pattern("stated_ratio", "share")
    share_of = re.compile(r"\s*" + words_pattern("stated_ratio", "share_of") + r"\s*$", re.I)
    english_times = re.compile(r"\s*(?:the\s+|that\s+of\s+|as\s+\w+\s+as\s+)?$", re.I)
    starts = ordered.starts
    keys: list | None = None  # each one's sentence, read when a ratio or share first needs them
    for i, m in enumerate(ordered):
        if m.fig.unit not in ("times", "percent"):
            continue  # neither a ratio nor a share: nothing below applies
        if keys is None:
            keys = [sentence(x) for x in ordered]
        s0 = keys[i][0]
        # The figures of its sentence before it (in start order: those from its sentence's start),
        # and every one after it in the same sentence.
        before = [x for x in ordered[bisect.bisect_left(starts, s0, 0, i):i] if x.fig.kind != "date"]
        hi = bisect.bisect_left(starts, keys[i][1], i + 1)  # (not every figure to the document's end)
        after = [x for x, k in zip(ordered[i + 1:hi], keys[i + 1:hi]) if k == keys[i]]
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


def _last_year_figure(text: str, ordered: Ordered, a: Mention, marker: re.Pattern) -> Mention | None:
    """Last year's figure of A's fact: one of A's unit after 去年 / last year in A's sentence, else
    one attributed to A's entity and metric for the year before A's period. None unless exactly one."""
    s0, s1 = sentence(a)
    here = [m for m in ordered.within(s0, s1) if m is not a and compatible(a, m)
            and marker.search(text, max(s0, m.fig.start - 12), m.fig.start)]
    if len(here) == 1:
        return here[0]
    if not (a.entity and a.metric and a.period and a.period.isdigit()):
        return None
    prior = str(int(a.period) - 1)
    found = [m for m in ordered.of_fact(a.entity, a.metric, prior) if m is not a and compatible(a, m)]
    return found[0] if len(found) == 1 else None

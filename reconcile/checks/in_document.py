"""What the check types inside one document share: the words they look for, a figure's
interval, where figures stand (sentence, compatible units), and intervals written as the
copy writes them for the messages. The check types are in headline.py (IN001), sums.py
(IN002), changes.py (IN003 stated changes, IN006 stated ratios), years.py (IN004),
decimals.py (IN005), conversions.py (IN007) and repeats.py (IN008); each is a function (rule, doc, mentions) -> findings, registered with
its docs (checks/types.py); rules/rules.toml makes rules of them. The words each check looks
for (减少, "from … to", 占, 其中 …) are data: rules/internal.toml.

All arithmetic is on intervals: a figure is [low, high] (its written precision widened by its
qualifier, see rules/qualifiers.toml); a sum of parts is [Σlow, Σhigh]; a change, ratio or share
is computed at the ends of its operands' intervals (min and max). A check fails only when the
computed interval and the stated one do not meet, so rounding alone never fails one.
"""
from __future__ import annotations

import bisect
import functools
import math
import re

from reconcile.checks.intervals import Interval, num
from reconcile.data.loader import data
from reconcile.model import Mention


class Ordered(list):
    """A document's mentions by position, with their starts: the figures of a span by bisection, so
    that each check stays linear in the document's length."""

    def __init__(self, mentions):
        super().__init__(sorted(mentions, key=lambda m: m.fig.start))
        self.starts = [m.fig.start for m in self]
        self._facts: dict[tuple, list[Mention]] | None = None

    def within(self, lo: int, hi: int) -> list[Mention]:
        """The mentions that start in [lo, hi)."""
        return self[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]

    def of_fact(self, entity: str, metric: str, period: str) -> list[Mention]:
        """The mentions attributed to one company, metric and period, by position."""
        if self._facts is None:
            self._facts = {}
            for m in self:
                self._facts.setdefault((m.entity, m.metric, m.period), []).append(m)
        return self._facts.get((entity, metric, period), [])


def words() -> dict[str, dict]:
    """The words of each check type, from rules/internal.toml."""
    return data().toml("internal.toml")


@functools.cache
def alternation(ws: tuple[str, ...]) -> str:
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


def words_pattern(section: str, key: str) -> str:
    return alternation(tuple(words()[section][key]))


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


def finite(m: Mention) -> bool:
    """A closed figure: not open-ended (超过200亿) nor vague (数百亿)."""
    return not math.isinf(m.fig.high) and "vague" not in m.fig.flags


def gap(a: Interval, b: Interval) -> float:
    """How far apart two intervals (or two spans of text) are; 0 when they meet."""
    return max(a[0] - b[1], b[0] - a[1], 0.0)

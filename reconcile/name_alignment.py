"""One company under a Chinese name in some articles and an English one in others (瑞幸咖啡 and
Luckin Coffee), when no list and no bracket says so: learned from the figures both write.

A name in Chinese script that no list knows is the same company as a name in another script (or a
listed company) when the figures attributed to each agree on several telling facts: the same
metric, the same unit and the same value written to `digits` significant digits or more, at least
`shared` of them, at least `margin` times more than with any other name; and no article names both
(two companies named side by side are two). Rules in rules/linking.toml [aligned_names].

The values only teach the names: two figures are still linked by their wording, never by their
value, and a company's figures that disagree are found once its two names are one.
"""
from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from typing import Callable

from reconcile.checks.intervals import significant_digits
from reconcile.data.loader import data
from reconcile.model import Mention

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _rules(d) -> dict:
    return d.toml("linking.toml")["aligned_names"]


def aligned(mentions: list[Mention], resolve: Callable[[str], str], listed) -> list[tuple[str, str]]:
    """(Chinese name's id, the id it names) for each name the figures align; ids as `resolve` has
    them. A Chinese name a bracket already joined to a Latin one (奇瑞汽车（Chery）) may still be
    aligned with another Latin form (Chery Automobile): the figures say so."""
    r = data().memo(_rules)
    digits, shared, margin = int(r["digits"]), int(r["shared"]), float(r["margin"])
    most = int(r.get("writers", 6))
    named: dict[int, set[str]] = defaultdict(set)  # id(document) -> the companies it names
    writers: dict[tuple, set[str]] = defaultdict(set)  # a telling fact -> the companies it is attributed to
    for m in mentions:
        named[id(m.doc)].update(resolve(p) for p in (*m.participants, m.entity) if p)
        v = m.fig.value
        if not (m.entity and m.metric) or v is None or not math.isfinite(v) or m.fig.kind == "date" \
                or "vague" in m.fig.flags or significant_digits(v) < digits:
            continue
        writers[(m.fig.unit, m.metric, float(f"{v:.{digits}g}"))].add(resolve(m.entity))

    def unknown_chinese(x: str) -> bool:
        return x not in listed and bool(_HAN.search(x))

    evidence: dict[str, Counter] = defaultdict(Counter)
    for ids in writers.values():
        if len(ids) > most:
            continue  # a value many companies write (a round growth rate) tells nothing
        for x in ids:
            if unknown_chinese(x):
                evidence[x].update(y for y in ids if y != x and not unknown_chinese(y))
    together = set()
    for ids in named.values():
        together.update((x, y) for x in ids if unknown_chinese(x) for y in ids)
    out = []
    for x, counts in sorted(evidence.items()):
        ranked = [(n, y) for y, n in counts.items() if (x, y) not in together]
        ranked.sort(key=lambda t: (-t[0], t[1]))
        if ranked and ranked[0][0] >= shared and (len(ranked) == 1 or ranked[0][0] >= margin * ranked[1][0]):
            out.append((x, ranked[0][1]))
    return out

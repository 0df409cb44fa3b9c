"""Linking the mentions of one fact across documents, and the cross-document rule.

Mentions are keyed by entity + metric + dimension (never by value: a changed value is what must
be caught), in a hash map, so linking is linear in the number of figures. Within a key, mentions
of different periods are different facts; a mention without a period joins the one period its
key has, if only one.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field

from reconcile.checks.intervals import meets as interval_meets
from reconcile.checks.intervals import power_of_ten, times_ten_to
from reconcile.checks.types import Corpus, Rule, check_type
from reconcile.model import Finding, Mention


@dataclass(slots=True)
class Group:
    key: tuple  # (entity, metric, dimension, period)
    mentions: list[Mention] = field(default_factory=list)
    status: str = "agree"

    @property
    def id(self) -> str:
        entity, metric, dimension, period = self.key
        return f"{entity}/{metric}/{dimension}/{period or '-'}"

    @property
    def linked(self) -> bool:
        """Mentioned in more than one document: a group of the JSON output."""
        return len({m.doc.id for m in self.mentions}) > 1

    def record(self) -> dict:
        entity, metric, dimension, period = self.key
        return {"id": self.id, "key": {"entity": entity, "metric": metric, "unit": dimension, "period": period},
                "figures": [m.id for m in self.mentions], "status": self.status}


def dimension(m: Mention) -> str:
    """What a figure measures, whatever its unit: all currencies are 'money' (so another currency
    is caught, not kept apart), percentages and points stay apart."""
    return "money" if m.fig.kind == "currency" else m.fig.unit


_TOKEN = re.compile(r"[A-Za-z]+|[\u3400-\u9fff]")


def _shingles(m: Mention) -> frozenset[str]:
    """Character bigrams of the figure's clause, with the figure itself left out: a value is
    never evidence that two mentions are one fact."""
    lo, hi = m.clause
    text = m.doc.text[lo:m.fig.start] + " " + m.doc.text[m.fig.end:hi]
    tokens = [t.lower() for t in _TOKEN.findall(text)]
    return frozenset(a + b for a, b in zip(tokens, tokens[1:]))


def _jaccard(sa: frozenset, sb: frozenset) -> float:
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def similarity(a: Mention, b: Mention) -> float:
    """Jaccard similarity of two mentions' clauses."""
    return _jaccard(_shingles(a), _shingles(b))


# An undated mention is compared with at most this many members of each dated group: enough to
# find the clause it echoes, and linking stays linear however often a fact is repeated.
SAMPLE = 16


def link(mentions: list[Mention], min_similarity: float = 0.2) -> list[Group]:
    """Groups of the mentions of one fact (one document's only, too: see Group.linked)."""
    by_key: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        # Vague amounts (数百亿) state no value to check; calendar years are periods, not facts.
        if m.entity and m.metric and m.fig.kind != "date" and "vague" not in m.fig.flags:
            by_key[(m.entity, m.metric, dimension(m))].append(m)
    groups = []
    for key, ms in by_key.items():
        by_period: dict[str | None, list[Mention]] = defaultdict(list)
        for m in ms:
            by_period[m.period].append(m)
        undated = by_period.pop(None, [])
        if undated and by_period:
            # A mention without a period joins the period group whose clauses read most like its
            # own (公司已承诺投入1.4万亿美元用于数据中心 ~ 未来8年投入约1.4万亿美元用于…数据中心).
            samples = {p: [_shingles(o) for o in sorted(members, key=lambda o: o.id)[:SAMPLE]]
                       for p, members in sorted(by_period.items())}
            unmatched = []
            for m in undated:
                mine = _shingles(m)
                score, period = max(((max(_jaccard(mine, o) for o in sample), p) for p, sample in samples.items()),
                                    key=lambda sp: (sp[0], sp[1]))
                (by_period[period] if score >= min_similarity else unmatched).append(m)
            undated = unmatched
        if undated:
            by_period[None] = undated
        for period, members in by_period.items():
            groups.append(Group(key + (period,), members))
    groups.sort(key=lambda g: (str(g.key), g.mentions[0].id))
    return groups


def meets(a: Mention, b: Mention, touching: bool = False) -> bool:
    """Can two mentions state one value? Amounts in two currencies never can. Two ranges agree
    bound by bound; two figures with the same qualifier (超30万 vs 超30亿, 约1.4 vs 约2.4) are
    compared by what they state, before the qualifier widens them; otherwise the intervals meet."""
    fa, fb = a.fig, b.fig
    if fa.kind == "currency" and fb.kind == "currency" and fa.unit != fb.unit:
        return False
    if len(fa.bounds) == 2 and len(fb.bounds) == 2:
        return all(interval_meets(x, y, touching) for x, y in zip(fa.bounds, fb.bounds))
    if fa.qualifier and fa.qualifier == fb.qualifier and len(fa.bounds) == len(fb.bounds) == 1:
        return interval_meets(fa.bounds[0], fb.bounds[0], touching)
    return interval_meets((fa.low, fa.high), (fb.low, fb.high), touching)


def _digits(m: Mention) -> str:
    return re.sub(r"\D", "", f"{m.fig.number:g}" if not math.isnan(m.fig.number) else "")


def likely_cause(a: Mention, b: Mention, slack: float) -> tuple[str, str]:
    """(cause tag, phrase) for why `a` disagrees with `b`."""
    fa, fb = a.fig, b.fig
    if fa.kind == "currency" and fb.kind == "currency" and fa.unit != fb.unit:
        return "currency", f"another currency ({fa.classifier or fa.unit} vs {fb.classifier or fb.unit})"
    if fa.value and fb.value and fa.value * fb.value > 0:
        k = power_of_ten(abs(fa.value / fb.value), slack)
        if k:
            same_number = math.isclose(fa.number, fb.number, rel_tol=1e-9)
            if same_number and (fa.scale or "") != (fb.scale or ""):
                return "magnitude", f"a magnitude slip ({times_ten_to(k)}: {fa.scale or '—'} vs {fb.scale or '—'})"
            if same_number and fa.classifier != fb.classifier:
                return "unit_scale", f"another unit scale ({times_ten_to(k)}: {fa.classifier} vs {fb.classifier})"
            return "magnitude", f"a magnitude slip ({times_ten_to(k)})"
    if "range" in fa.flags or "range" in fb.flags:
        return "range_bound", "a range bound outside the other figure"
    da, db = _digits(a), _digits(b)
    if da and len(da) == len(db) and da != db:
        diff = [i for i in range(len(da)) if da[i] != db[i]]
        if len(diff) == 2 and diff[1] == diff[0] + 1 and da[diff[0]] == db[diff[1]] and da[diff[1]] == db[diff[0]]:
            return "transposition", f"transposed digits ({da} vs {db})"
        if len(diff) == 1:
            return "digit", f"a changed digit ({da} vs {db})"
    return "value", "a different value"


def _same_amount(a: Mention, b: Mention) -> bool:
    """The same amount as stated (超4000亿 is not "the same" as every larger figure)."""
    fa, fb = a.fig, b.fig
    return fa.unit == fb.unit and len(fa.bounds) == len(fb.bounds) and \
        all(interval_meets(x, y, False) for x, y in zip(fa.bounds, fb.bounds))


def _age(m: Mention) -> tuple:
    return (m.doc.date or "", m.id)


def consensus(ms: list[Mention]) -> Mention:
    """The reference of a group: among the mentions in the most common unit, the most precise one
    holding the value that most of them agree on. A sweep over interval ends: O(n log n)."""
    by_unit: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        by_unit[m.fig.unit].append(m)
    pool = max(sorted(by_unit.items()), key=lambda kv: len(kv[1]))[1]
    events = sorted([(m.fig.low, 0) for m in pool] + [(m.fig.high, 1) for m in pool])
    depth = best = 0
    point = pool[0].fig.value
    for x, end in events:
        depth += -1 if end else 1
        if depth > best:
            best, point = depth, x
    holding = [m for m in pool if m.fig.low <= point <= m.fig.high] or pool
    return min(holding, key=lambda m: (m.fig.high - m.fig.low, _age(m)))


def _side(m: Mention) -> str:
    return f"{m.fig.text} ({m.doc.title}, {m.doc.date or 'undated'}, {m.id})"


def _suspects(g: Group, targets: set[str] | None) -> list[tuple[Mention, Mention]]:
    """(mention, reference) for each mention of a linked group to be compared with the group's
    consensus (not with every other mention: linear). With --against, the corpus is the reference
    and only the draft's mentions are suspects."""
    if not g.linked:
        return []
    reference = [m for m in g.mentions if targets is None or m.doc.path not in targets] or g.mentions
    ref = consensus(reference)
    return [(m, ref) for m in g.mentions
            if m is not ref and m.doc.id != ref.doc.id and (targets is None or m.doc.path in targets)]


def disagreements(g: Group, targets: set[str] | None, touching: bool) -> list[tuple[Mention, Mention]]:
    """The suspects that cannot state the value of the group's consensus."""
    return [(m, ref) for m, ref in _suspects(g, targets) if not meets(m, ref, touching)]


def _key_text(g: Group) -> str:
    return f"{g.key[0]}, {g.key[1]}{', ' + g.key[3] if g.key[3] else ''}"


@check_type(
    "cross_document_conflict", code="XD001", title="cross-document-conflict", scope="corpus", severity="error",
    summary="Two articles state one fact (same entity, metric and period) with values that cannot both be true.",
    why="A figure copied wrong (a magnitude, a digit, a currency, a unit) is what an editor most needs to "
        "catch before publishing.",
    example="OpenAI 计划在未来8年投入约1.4万亿美元 (article A) vs 1.4亿美元 (article B): ×10⁴, 亿 vs 万亿.",
    tolerances=("touching_meets", "magnitude_ratio_slack"))
def conflicts(rule: Rule, corpus: Corpus) -> list[Finding]:
    slack = rule.tolerance("magnitude_ratio_slack")
    out = []
    for g in corpus.groups:
        for m, ref in disagreements(g, corpus.targets, rule.tolerance("touching_meets")):
            cause, phrase = likely_cause(m, ref, slack)
            out.append(Finding(
                rule.id, rule.severity, f"{m.fig.text} disagrees with {ref.fig.text} for the same fact ({_key_text(g)}).",
                [m.id, ref.id], f"Likely {phrase}; check {_side(m)} against {_side(ref)}.",
                cause, [m, ref], f"Likely {phrase}."))
    return out


@check_type(
    "consistent_within_rounding", code="XD002", title="consistent-within-rounding", scope="corpus", severity="info",
    summary="Two mentions of one fact differ as written but agree within their stated precision and qualifiers.",
    why="Answers the reader's first question, 'did this pass only because of rounding?', by showing both intervals.",
    example="nearly $35 billion vs 349亿美元: [31.5, 35.5]×10⁹ meets [34.85, 34.95]×10⁹.",
    tolerances=("touching_meets",))
def within_rounding(rule: Rule, corpus: Corpus) -> list[Finding]:
    out = []
    for g in corpus.groups:
        for m, ref in _suspects(g, corpus.targets):
            if meets(m, ref, rule.tolerance("touching_meets")) and not math.isclose(m.fig.value, ref.fig.value, rel_tol=1e-9):
                out.append(Finding(
                    rule.id, rule.severity,
                    f"{m.fig.text} and {ref.fig.text} differ as written but agree within their precision.",
                    [m.id, ref.id], f"Consistent within rounding: {_interval(m)} meets {_interval(ref)}.",
                    "rounding", [m, ref], "Consistent within rounding."))
    return out


def _interval(m: Mention) -> str:
    hi = "∞" if math.isinf(m.fig.high) else f"{m.fig.high:.6g}"
    return f"[{m.fig.low:.6g}, {hi}] {m.fig.unit}"


@check_type(
    "same_amount_other_period", code="XD003", title="same-amount-other-period", scope="corpus", severity="warning",
    summary="The same amount is stated for the same entity and metric over a different period.",
    why="A period changed in copying (未来8年 vs 未来5年) changes the fact while the amount still looks right.",
    example="约1.4万亿美元 over 8 years vs 约1.4万亿美元 over 5 years.")
def other_period(rule: Rule, corpus: Corpus) -> list[Finding]:
    """A mention whose amount is another period's (of the same entity and metric), from a group
    no larger than that period's: 约1.4万亿美元 over 5 years where the corpus says 8."""
    by_fact: dict[tuple, list[Group]] = defaultdict(list)
    for g in corpus.groups:
        if g.key[3]:
            by_fact[g.key[:3]].append(g)
    out = []
    for gs in by_fact.values():
        if len(gs) < 2:
            continue
        refs = {g.key: consensus(g.mentions) for g in gs}
        for g in gs:
            docs = len({m.doc.id for m in g.mentions})
            for m in g.mentions:
                if not corpus.is_target(m):
                    continue
                for other in gs:
                    ref = refs[other.key]
                    if other is g or ref.doc.id == m.doc.id or not _same_amount(m, ref):
                        continue
                    other_docs = len({x.doc.id for x in other.mentions})
                    if docs > other_docs or (docs == other_docs and _age(m) < _age(ref)):
                        continue
                    out.append(Finding(
                        rule.id, rule.severity,
                        f"{m.fig.text} is stated for {g.key[3]} here but for {other.key[3]} in {ref.doc.title}.",
                        [m.id, ref.id], "Likely the same amount over another period; check the period.",
                        "period", [m, ref], f"Likely another period ({g.key[3]} vs {other.key[3]})."))
                    break
    return out

"""IN002 parts_total: parts against the total they are stated to make, and shares of one whole against 100%."""
from __future__ import annotations

import math
import re

from reconcile.checks.in_document import (
    Ordered,
    alternation,
    compatible,
    iv,
    sentence,
    shown,
    words,
    words_pattern,
)
from reconcile.checks.intervals import add, meets
from reconcile.checks.types import Rule, check_type
from reconcile.extraction.documents import Document
from reconcile.model import PERCENTS, Finding, Mention


@check_type(
    "parts_total", code="IN002", title="parts-total", scope="document", severity="error",
    summary="Parts do not add up to the total they are stated to make, or shares of one whole pass 100%.",
    why="Sums are checked on intervals, so rounding alone never fails them (XBRL Calculations 1.1).",
    example="40%（20%自愿离职，20%非自愿离职）; 11.6万块 = 104000块 + 12600块.",
    tolerances=("touching_meets",))
def parts_total(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """A total followed by a bracket of ≥2 parts of its unit: Σ parts meets the total. A total
    followed by 其中 / including and ≥2 parts: Σ parts does not exceed it. A total after its
    parts (…, a total of / 合计 T): Σ parts meets it. With no total written, a list of shares of
    one whole (分别占 a%、b%、c%) makes at most 100% (_shares_past_whole)."""
    w = words()["parts_total"]
    touching = rule.tolerance("touching_meets")
    text = doc.text
    opener = re.compile(r"\s*" + alternation(tuple(w["open"])))
    subset = re.compile(r"\s*[,，、:：;；]?\s*" + alternation(tuple(w["subset"])), re.I)
    not_parts = re.compile(alternation(tuple(w["not_parts"])), re.I)
    change = re.compile(words_pattern("stated_change", "decrease") + "|" + words_pattern("stated_change", "increase"), re.I)
    total_after = re.compile(r"(?:" + alternation(tuple(w["total_after"])) + r")\s*(?:of\s*|为|达|约)?\s*$", re.I)
    joiner = re.compile(r"\s*(?:" + alternation(tuple(w.get("list_joiners", ()))) + r")\s*(?:约|about\s)?$", re.I)
    average_before = re.compile(r"(?:" + alternation(tuple(w["average_before"])) + r")\s*(?:of\s*|为|达|约)?\s*$", re.I)
    mentions = Ordered(mentions)
    out = _shares_past_whole(rule, mentions, text, joiner, change)
    for i, t in enumerate(mentions):
        if t.fig.kind in ("date", "multiple", "rank") or "vague" in t.fig.flags:
            continue
        before = _parts_before(mentions, i, text, total_after, w["list_gap"])
        if before:
            parts = before
            if any("vague" in p.fig.flags for p in parts) or \
                    any(change.search(text[max(0, p.fig.start - 4):p.fig.start]) for p in parts):
                continue
            total = add(map(iv, parts))
            if not meets(total, iv(t), touching):
                out.append(_finding(rule, t, parts, total, True))
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
        inside = [m for m in mentions.within(*span) if m.fig.end <= span[1]]
        if any(m.fig.kind == "date" for m in inside) or not_parts.search(text, *span):
            continue  # a comparison with another period, not a breakdown
        parts = [m for m in inside if _part_of(t, m)]
        if not exhaustive:  # a list: each part within a few words of the one before it
            chained = parts[:1]
            for p in parts[1:]:
                if p.fig.start - chained[-1].fig.end > w["list_gap"]:
                    break
                chained.append(p)
            parts = chained
        if len(parts) < 2 or any("vague" in p.fig.flags for p in parts):
            continue  # open parts (超过200亿) still give the sum its lower bound
        if any(change.search(text[max(span[0], p.fig.start - 4):p.fig.start]) for p in parts):
            continue  # rates of change of parts (国内增长15%) do not add up
        totals = [] if exhaustive else _listed_before(mentions, i, text, joiner)
        if totals and t.fig.unit in PERCENTS and \
                change.search(text, _clause_start(text, totals[0], 16), totals[0].fig.start):
            continue  # what a change's parts contributed ("sales grew 2.8%, of which e-commerce 3.0%"): others may be negative
        if len(totals) > 1:  # "grew 4.8% and 4.2%, of which 4.4% and 3.9%": the k-th part is the k-th total's
            if len(parts) == len(totals):
                out += [_finding(rule, tk, [pk], iv(pk), False) for tk, pk in zip(totals, parts)
                        if iv(pk)[0] > tk.fig.high]
            continue
        total = add(map(iv, parts))
        if exhaustive and _is_average(t, parts, text, average_before, w["per_time"]):
            # an average of its parts lies between them; parts by component (two sites' runs, two
            # phases' capacity) still add up to it: a slip fails both readings
            spread = (min(iv(p)[0] for p in parts), max(iv(p)[1] for p in parts))
            if not meets(spread, iv(t), touching) and not meets(total, iv(t), touching):
                out.append(_finding(rule, t, parts, spread, "average"))
            continue
        if t.fig.unit == "percent" and total[1] >= 99 > t.fig.high:
            continue  # 占总股本5.16%，其中国际发售90%、公开发售10%: they split another whole
        if t.fig.unit == "percent" and exhaustive and w["siblings_least"] <= t.fig.low + total[0] <= 100 and \
                (total[0] > t.fig.high or math.isinf(t.fig.high)) and \
                not change.search(text, _clause_start(text, t, 16), t.fig.start):
            continue  # 亚洲占逾50%（欧洲25%、中东16%、美国6%）: the whole's other shares beside it
        ok = meets(total, iv(t), touching) if exhaustive else total[0] <= t.fig.high
        if not ok:
            out.append(_finding(rule, t, parts, total, exhaustive))
    return out


def _shares_past_whole(rule: Rule, mentions: Ordered, text: str, joiner: re.Pattern,
                       change: re.Pattern) -> list[Finding]:
    """Lists of shares of one whole (rules/internal.toml [parts_total] share_words, respectively) that
    add up to more than 100%: "亚洲、欧洲、中东、美国投资者分别占53%、25%、16%、6%" with a digit
    changed, one share past what the others leave. The whole is implied: a finding names the shares only."""
    w = words()["parts_total"]
    shares = re.compile(alternation(tuple(w["share_words"])), re.I)
    each = re.compile(alternation(tuple(w["respectively"])), re.I)
    own = re.compile(alternation(tuple(w["own_wholes"])), re.I)
    out = []
    for i, last in enumerate(mentions):
        if last.fig.unit != "percent" or i + 1 < len(mentions) and \
                joiner.fullmatch(text, last.fig.end, mentions[i + 1].fig.start):
            continue  # not the end of a list of percentages
        members = _listed_before(mentions, i, text, joiner)
        if len(members) < w["shares_least"] or \
                any("vague" in m.fig.flags or m.fig.low < 0 or m.fig.high >= 100 for m in members):
            continue  # (a share of all of it is a whole of its own: stakes of 100%, 51% and 30%)
        lo, hi = sentence(members[0])
        lead = _clause_start(text, members[0], 24)
        if not shares.search(text, lead, members[0].fig.start) or not each.search(text, lo, hi) or \
                own.search(text, lo, hi) or change.search(text, lead, members[0].fig.start):
            continue
        if sum(m.fig.kind == "date" for m in mentions.within(lo, hi)) >= 2:
            continue  # a series of periods' shares (2022年至2025年前4个月分别为48.6%、50.1%…): a whole each
        total = add(map(iv, members))
        # past 100% by one share mistyped; shares that pass it without any one of them (三大指标分别占
        # 全球总量的57.01%、76.96%和66.54%) are of as many wholes
        if total[0] > 100 and total[0] - max(m.fig.low for m in members) <= 100:
            texts = " + ".join(m.fig.text for m in members)
            out.append(Finding(
                rule.id, rule.severity, f"The shares {texts} of one whole add up to more than 100%.",
                [m.id for m in members],
                f"Likely a share mistyped: they sum to {shown(total, members[0])}, and shares of one whole "
                f"make at most 100%.", "sum_exceeds", members, f"Shares sum to {shown(total, members[0])}."))
    return out


def _part_of(total: Mention, m: Mention) -> bool:
    """Can `m` be a part of `total`: compatible, and of one share, unit or period as the total is
    (rules/internal.toml per_unit_scopes: a price per share is no part of what the shares cost)."""
    per = set(words()["parts_total"].get("per_unit_scopes", ()))
    return compatible(total, m) and per.intersection(total.scope) == per.intersection(m.scope)


def _is_average(t: Mention, parts: list[Mention], text: str, average_before: re.Pattern, per_time) -> bool:
    """May the total be an average of its parts: the text calls it one (平均为1039万桶/日（第一季1030万…）),
    or it is a rate per time whose parts are each of their own period (日产1254万桶（第一季1230万桶/日，
    第二季1278万桶/日）): periods' daily rates average, they do not add up."""
    if average_before.search(text, max(0, t.fig.start - 12), t.fig.start):
        return True
    _, per, denominator = (t.fig.unit or "").rpartition("/")
    periods = [p.period for p in parts]
    return bool(per) and denominator in per_time and all(periods) and len(set(periods)) == len(periods)


def _finding(rule: Rule, t: Mention, parts: list[Mention], total, how: str | bool) -> Finding:
    """A breakdown that fails: exhaustive (True: the parts must add up to the total), a subset
    (False: they must fit within it), or "average" (`total` is then the parts' span)."""
    if how == "average":
        whole, cause, summary = "average", "average", f"Parts span {shown(total, t)}."
        message = f"The average {t.fig.text} lies outside its parts {', '.join(p.fig.text for p in parts)}."
        reading = f"an average lies between its parts' {shown(total, t)}"
    else:
        whole, cause, summary = "total", "sum" if how else "sum_exceeds", f"Parts sum to {shown(total, t)}."
        message = (f"The parts {' + '.join(p.fig.text for p in parts)} do not "
                   f"{'add up to' if how else 'fit within'} the total {t.fig.text}.")
        reading = f"the parts sum to {shown(total, t)}"
    return Finding(
        rule.id, rule.severity, message, [t.id] + [p.id for p in parts],
        f"Likely a part or the {whole} mistyped: {reading}, the {whole} means {shown(iv(t), t)}.",
        cause, [t] + parts, summary)


def _parts_before(mentions: list[Mention], i: int, text: str, total_after: re.Pattern, gap: int) -> list[Mention]:
    """The parts listed right before mentions[i] when a total word (a total of, 合计) introduces
    it: the compatible figures of its sentence, each within `gap` characters of the next."""
    t = mentions[i]
    lo = sentence(t)[0]
    if not total_after.search(text, max(lo, t.fig.start - 16), t.fig.start):
        return []
    parts: list[Mention] = []
    end = t.fig.start
    for m in reversed(mentions[:i]):
        if m.fig.start < lo or end - m.fig.end > gap:
            break
        if m.fig.kind == "date":
            continue
        if not _part_of(t, m):
            break
        parts.insert(0, m)
        end = m.fig.start
    return parts if len(parts) >= 2 else []

_CLAUSE_BREAK = re.compile(r"[,，;；]")


def _clause_start(text: str, m: Mention, most: int) -> int:
    """Where the words before `m` that may qualify it begin: at most `most` characters back, not
    before its sentence nor past a comma ("营收增长12%，海外收入占比60%": the growth is not the 60%'s)."""
    lo = max(sentence(m)[0], m.fig.start - most)
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, lo, m.fig.start)]
    return breaks[-1] if breaks else lo


def _listed_before(mentions: list[Mention], i: int, text: str, joiner: re.Pattern) -> list[Mention]:
    """mentions[i] with the figures of its list before it (4.8% of "4.8% and 4.2%"): compatible
    ones of its sentence, each joined to the next by a list word only (rules/internal.toml
    list_joiners)."""
    t = mentions[i]
    lo = sentence(t)[0]
    members = [t]
    for m in reversed(mentions[:i]):
        first = members[0]
        if m.fig.start < lo or not compatible(t, m) or not joiner.fullmatch(text, m.fig.end, first.fig.start):
            break
        members.insert(0, m)
    return members


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

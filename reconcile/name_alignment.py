"""One company under a Chinese name in some articles and an English one in others (瑞幸咖啡 and
Luckin Coffee), when no list and no bracket says so: learned from the figures both write.

A name in Chinese script that no list knows, or a name no list knows that one article only writes
(a word of that article's own: "CSP", a section's heading), is the same company as a name in another
script (or a listed company) when the figures attributed to each agree on several telling facts: the same
metric (or, for amounts, metrics that may name one fact), the same unit and the same value written to
`digits` significant digits or more, at least
`shared` of them, at least `margin` times more than with any other name (or `margin` times the
articles that write them so), or, for a Chinese name, `shared_leading` of them with both leads,
over every name that writes any of them; and no article names both
(two companies named side by side are two). Rules in rules/linking.toml [aligned_names].

The values only teach the names: two figures are still linked by their wording, never by their
value, and a company's figures that disagree are found once its two names are one.

Names also align by their spelling (`spelled`): the same letters but for spaces and hyphens
(Huahong Semiconductor, Hua Hong Semiconductor), or a Latin name that is the pinyin of a Chinese
one (Mixue and 蜜雪, Sanhua and 三花, Haiguang Information and 海光信息). Rules in
rules/linking.toml [spelled_names]. And a Latin name that is the first words of one other name only
(`shortened`: Sycamore, Sycamore Partners) is that name; so is a Chinese one that opens one other
Chinese name of the corpus only, and no listed company's name (`shortened_chinese`: 瑞幸 of 瑞幸咖啡).
"""
from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter, defaultdict
from typing import Callable, Iterable

from reconcile.checks.intervals import significant_digits
from reconcile.data.loader import data
from reconcile.model import PERCENTS, Mention

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _rules(d) -> dict:
    return d.toml("linking.toml")["aligned_names"]


def _spelling_rules(d) -> dict:
    r = d.toml("linking.toml")["spelled_names"]
    return {"letters": int(r["letters"]), "syllables": int(r["syllables"]), "readings": int(r.get("readings", 1)),
            "words": {k.lower(): v for k, v in r["words"].items()}}


def aligned(mentions: list[Mention], resolve: Callable[[str], str], listed) -> list[tuple[str, str]]:
    """(id, the id it names) for each unknown Chinese name, or name in no list that one article
    only writes, that the figures align; ids as `resolve` has them: the name with the most shared
    facts, `shared` at least, when it has `margin` times the facts of the next name or `margin`
    times the articles behind them (a name that leads by articles only is never chosen). A Chinese
    name a bracket already joined to a Latin one (奇瑞汽车（Chery）) may still be aligned with
    another Latin form (Chery Automobile): the figures say so."""
    r = data().memo(_rules)
    digits, shared, margin = int(r["digits"]), int(r["shared"]), float(r["margin"])
    leading = int(r.get("shared_leading", shared))
    most = int(r.get("writers", 6))
    from reconcile.extraction.attribution import vocabulary

    markets = vocabulary().markets  # where a company lists: an IPO's figures read as the board's are no evidence
    named: dict[int, set[str]] = defaultdict(set)  # id(document) -> the companies it names
    # a telling fact -> the companies it is attributed to -> the articles that do so
    writers: dict[tuple, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    # ... and by the script of the sentence that names them, the article's topic (the participant
    # of all its figures) left out where the sentence does not write it: an English article on
    # Horizon Robotics that quotes a Chinese headline (地平线机器人拟配股融资) names one company
    # twice, not two side by side
    by_doc: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[id(m.doc)].append(m)
        named[id(m.doc)].update(resolve(p) for p in (*m.participants, m.entity) if p)
        fact = _telling(m, digits)
        if fact and m.entity and resolve(m.entity) not in markets:
            writers[fact][resolve(m.entity)].add(id(m.doc))
    named_in_script: dict[tuple[int, bool], set[str]] = defaultdict(set)
    listed_names = data().memo(_listed_names)
    for doc, ms in by_doc.items():
        topic = set.intersection(*(set(m.participants) for m in ms)) if len(ms) > 1 else set()
        for m in ms:
            said = m.doc.text[slice(*m.sentence)].lower()
            own = {p for p in (*m.participants, m.entity) if p and (
                p == m.entity or p not in topic or any(n in said for n in listed_names.get(p, (p,))))}
            named_in_script[doc, bool(_HAN.search(m.doc.text, *m.sentence))].update(map(resolve, own))
    # the names brackets or tickers already tie to a Latin name (中通 to "ZTO Express"): in copy of
    # both scripts already, so the fewer facts of a name in one script only never align them
    latin = {resolve(p) for m in mentions for p in (*m.participants, m.entity)
             if p and not p.startswith("ticker:") and not _HAN.search(p)}
    writers_of: dict[str, set[int]] = defaultdict(set)  # a name -> the articles that write it
    for doc, ids in named.items():
        for x in ids:
            writers_of[x].add(doc)

    def unknown_chinese(x: str) -> bool:
        return x not in listed and bool(_HAN.search(x))

    def to_align(x: str) -> bool:
        """A name to align: an unknown Chinese one, or one in no list that one article only writes
        (a word of that article's own, CSP, SPC, standing for the company its figures are)."""
        return unknown_chinese(x) or (x not in listed and not x.startswith("ticker:")
                                      and len(writers_of.get(x, ())) == 1)

    bodies = data().memo(_listed_bodies)
    evidence: dict[str, Counter] = defaultdict(Counter)  # facts shared with each other name
    weight: dict[str, Counter] = defaultdict(Counter)  # ... each counted by the articles that write it so
    for ids in writers.values():
        if len(ids) > most:
            continue  # a value many companies write (a round growth rate) tells nothing
        for x in ids:
            if to_align(x):
                for y, docs in ids.items():
                    if y != x and not unknown_chinese(y) and y not in bodies:
                        evidence[x][y] += 1
                        weight[x][y] += len(docs)
    together = set()
    for ids in named_in_script.values():
        together.update((x, y) for x in ids if to_align(x) for y in ids)
    out = []
    for x, counts in sorted(evidence.items()):
        ranked = [(n, y) for y, n in counts.items() if (x, y) not in together]
        ranked.sort(key=lambda t: (-t[0], t[1]))
        if not ranked or ranked[0][0] < leading:
            continue
        # ... by `margin` more facts than any other name, or by `margin` times the articles that
        # confirm them: a name one article gives by mistake (a rival named once in a broker's note
        # that says only 公司) weighs less than one that several articles write
        best = ranked[0][1]
        rival = max((weight[x][y] for _, y in ranked[1:]), default=0)
        if ranked[0][0] < shared:
            # fewer facts (沐曦 and MetaX Integrated Circuits, two values): a Chinese name only (a
            # company's name in one script, its figures in another's copy), with a clear lead on
            # both, over every name that writes any of them, the ones named beside it too
            anyone = max((w for y, w in weight[x].items() if y != best), default=0)
            if unknown_chinese(x) and x not in latin and (len(ranked) == 1 or ranked[0][0] >= margin * ranked[1][0]) \
                    and weight[x][best] >= margin * anyone:
                out.append((x, best))
        elif len(ranked) == 1 or ranked[0][0] >= margin * ranked[1][0] or weight[x][best] >= margin * rival:
            out.append((x, best))
    return out


def _listed_bodies(d) -> frozenset[str]:
    """Listed regulators, exchanges and other bodies, countries and regions (rules/entities.toml
    kind organisation, country, region): a company's name never stands for one, whatever figures
    copy gives both (an IPO's figures read as the regulator's that approved it). A product (AWS) or
    a person may still be what a name in one script stands for."""
    return frozenset(eid for eid, spec in d.toml("entities.toml").items()
                     if spec.get("kind", "company") in ("organisation", "country", "region"))


def _listed_names(d) -> dict[str, tuple[str, ...]]:
    """A listed id -> its names as normalised text writes them, lower-cased (rules/entities.toml)."""
    from reconcile.extraction.normalize import normalize
    return {eid: tuple(normalize(n).lower() for n in spec.get("names", ())) + (eid,)
            for eid, spec in d.toml("entities.toml").items()}


def adopt_anonymous(mentions: list[Mention], resolve: Callable[[str], str], not_companies) -> int:
    """An article none of whose figures has a company (no actor, no company in its sentence: a
    broker's note that says only 公司, "the company") is about the company whose telling facts it
    writes: the same metric (family), unit and value to `digits` significant digits, at least `shared` of
    them, `margin` times more than any other company's, or more and told by `margin` times the
    articles (_told_more) (rules/linking.toml [aligned_names]); ids
    as `resolve` has them (two names of one company count as one), never one of `not_companies`
    (countries, people, products). Its figures take that company, as inferred (entity_how
    "figures"). So are the figures an article gives its topic, where the topic owns few of its own
    (`topic_owns_at_most` of as many by its own clause or sentence: a summary that names Rufus
    once, its figures all Amazon's), when the telling facts name another company, `shared` of
    them at least, the article's own figures left out. As for names, the values only teach who the article is about: its figures still
    link by their wording. Against a ledger (check --ledger, serve) such an article finds no
    reference figures to learn from: it stays without a company. Returns how many articles were
    so attributed."""
    from reconcile.model import set_attribution

    r = data().memo(_rules)
    digits, shared, margin = int(r["digits"]), int(r.get("adopt_shared", r["shared"])), float(r["margin"])
    most = int(r.get("writers", 6))
    by_doc: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[id(m.doc)].append(m)
    # (a company named once in passing, 其中海底捞下饭菜, leaves an article of fifty figures anonymous still)
    named_at_most = float(r.get("anonymous_named_at_most", 0.0))
    anonymous = {doc for doc, ms in by_doc.items()
                 if sum(bool(m.entity or m.participants) for m in ms) <= named_at_most * len(ms)}
    topics = {doc: Counter(m.entity for m in ms if m.entity_how == "topic").most_common(1)[0][0]
              for doc, ms in by_doc.items() if any(m.entity_how == "topic" for m in ms)}
    share = float(r["topic_owns_at_most"])
    topical = {doc for doc, topic in topics.items()  # the topic owns few figures of its own sentences
               if sum(m.entity == topic and m.entity_how != "topic" for m in by_doc[doc])
               <= share * sum(m.entity_how == "topic" for m in by_doc[doc])}
    if not anonymous and not topical:
        return 0
    # a telling fact -> the companies that write it -> the articles that do so
    writers: dict[tuple, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    named: dict[tuple, set[str]] = defaultdict(set)  # ... by a name in the figure's own sentence
    for m in mentions:
        fact = _telling(m, digits)
        if fact and m.entity and m.entity not in not_companies:
            writers[fact][resolve(m.entity)].add(id(m.doc))
            if m.entity_how in ("clause", "sentence"):
                named[fact].add(resolve(m.entity))
    adopted = 0
    for doc in sorted(anonymous | topical, key=lambda d: by_doc[d][0].id):
        ms = by_doc[doc]
        evidence: Counter = Counter()  # telling facts each company writes elsewhere
        support: dict[str, set[int]] = defaultdict(set)  # ... the other articles that write them
        direct: Counter = Counter()
        for fact in dict.fromkeys(f for f in map(lambda m: _telling(m, digits), ms) if f):  # (in order: ties rank alike every run)
            others = {e: docs - {doc} for e, docs in writers.get(fact, {}).items() if docs - {doc}}
            if len(others) <= most:
                evidence.update(others.keys())
                for e, docs in others.items():
                    support[e] |= docs
                direct.update(named.get(fact, ()))
        ranked = evidence.most_common(2)
        if doc in topical:
            if not ranked or ranked[0][0] == resolve(topics[doc]) or ranked[0][1] < int(r["shared"]):
                continue  # its topic, or too little to tell it is not
            ms = [m for m in ms if m.entity_how == "topic"]
        elif ranked and ranked[0][1] < int(r["shared"]):
            # on fewer facts than a name needs, only figures their own sentence gives the company
            # count (a market's total an article gives its topic is no company's), and no rival
            ranked = direct.most_common(2)
            ranked = ranked if len(ranked) == 1 else []
        if ranked and ranked[0][1] >= shared and (len(ranked) == 1 or ranked[0][1] >= margin * ranked[1][1]
                                                  or _told_more(ranked, support, margin)):
            company = ranked[0][0]
            for m in ms:
                if doc in topical or not m.entity:
                    set_attribution(m, company, m.metric, m.period)
                    m.entity_how, m.participants = "figures", (company,)
            adopted += 1
    return adopted


def _told_more(ranked: list[tuple[str, int]], support: dict[str, set], margin: float) -> bool:
    """Short of the margin on facts, the first company still wins with more facts and `margin` times
    the articles writing them of the runner-up's: five articles telling a company outweigh a word
    one other article took for a name (反内卷监管预计…); four do not outweigh three."""
    (first, facts), (second, rival_facts) = ranked[0], ranked[1]
    return facts > rival_facts and len(support[first]) >= margin * len(support[second])


def learned_names(pairs: list[tuple[object, list[Mention]]]) -> frozenset[str]:
    """Chinese names in no list, of `letters` characters at least, that an article is about (its
    headline writes it, and more than half of its attributed figures, two at least, are its): a
    name other articles may write with nothing around it to tell it is one (沪上阿姨 after 茶饮品牌,
    in a headline it does not open). rules/linking.toml [learned_names]."""
    from reconcile.extraction.attribution import vocabulary
    from reconcile.extraction.normalize import normalize

    least = int(data().toml("linking.toml")["learned_names"]["letters"])
    listed = vocabulary().entity_kind
    out = set()
    for doc, ms in pairs:
        counts = Counter(m.entity for m in ms if m.entity)
        if counts:
            name, n = counts.most_common(1)[0]
            chinese = len(name) >= least and all("\u4e00" <= c <= "\u9fff" for c in name)
            if n >= 2 and n * 2 > sum(counts.values()) and chinese and name not in listed \
                    and name in normalize(doc.title or "") + doc.text[:doc.title_end]:
                out.add(name)
    return frozenset(out)


def _telling(m: Mention, digits: int) -> tuple | None:
    """(unit, metric family, value to `digits` significant digits) of a figure that tells a fact
    apart. Metrics that may name one fact (an offer price and a price per share; 归母净利润 and net
    profit) are one family, for amounts; a percentage keeps its metric."""
    v = m.fig.value
    if not m.metric or v is None or not math.isfinite(v) or m.fig.kind == "date" or "vague" in m.fig.flags \
            or significant_digits(v) < digits:
        return None
    # (a percentage keeps its own metric: a gross margin and a profit's growth of one value are two facts)
    metric = m.metric if m.fig.unit in PERCENTS else \
        data().memo(_metric_families).get(m.metric, m.metric)
    return m.fig.unit, metric, float(f"{v:.{digits}g}")


def _metric_families(d) -> dict[str, str]:
    """metric -> the first (by id) of the metrics related to it, directly or through others."""
    from reconcile.extraction.attribution import metric_relations

    family: dict[str, str] = {}

    def find(x: str) -> str:
        while family.get(x, x) != x:
            x = family[x]
        return x
    for x, y in sorted(metric_relations(d.toml("metrics.toml"))):
        a, b = find(x), find(y)
        if a != b:
            family[max(a, b)] = min(a, b)
    return {x: find(x) for x in family}


def spelled(names: Iterable[str], resolve: Callable[[str], str], listed) -> list[tuple[str, str]]:
    """(id, the id it names) for the ids among `names` (entity ids of a corpus, listed or not) that
    spell one company: a Latin name with the spelling key (see _spelling) of a listed company's
    name or of another id. Two Chinese names never align by their pinyin alone (导致 and 道指 are
    both daozhi), and a key that two listed companies share says nothing."""
    r = data().memo(_spelling_rules)
    holders: dict[str, dict[str, set[str]]] = defaultdict(lambda: {"latin": set(), "chinese": set()})
    # key -> the Chinese names that have it, as written; a listed company's names count as its
    # shortest one (埃克森美孚 and 艾克森美孚 are one company)
    written: dict[str, set[str]] = defaultdict(set)
    listed_forms: dict[tuple[str, str], str] = {}
    for eid, script, key, name in data().memo(_listed_spellings):
        holders[key][script].add(resolve(eid))
        if script == "chinese":
            kept = listed_forms.get((key, eid))
            listed_forms[(key, eid)] = name if kept is None or (len(name), name) < (len(kept), kept) else kept
    for (key, _), name in listed_forms.items():
        # (a listed Chinese name gives no stem of its own, but another Chinese name that sounds like it
        # still stands beside it there: 李凝 is not 李宁)
        written[key].add(name)
        written[_STEM + key].add(name)
    slips = data().memo(_listed_slips)
    for x in set(names):
        if x not in listed and not x.startswith("ticker:"):
            script, keys = _spelling(x, r)
            for key in keys:
                holders[key][script].add(resolve(x))
                if script == "chinese":
                    written[key].add(x)
                elif key not in holders or not holders[key]["latin"] & listed:
                    # a listed company's Latin name with one letter more, less or other (WuXi AppTech)
                    near = {k for k in slips.get(key, ()) if _one_letter_apart(key, k)} | \
                        {k for d in _deletions(key) for k in slips.get(d, ()) if _one_letter_apart(key, k)}
                    if len(near) == 1:
                        holders[near.pop()]["latin"].add(resolve(x))
    out = set()
    # (the keys of a Latin name's opening pinyin last, and only for one Latin name and Chinese names
    # no whole key aligned: a whole key says more)
    aligned = set()
    for key, held in sorted(holders.items(), key=lambda kv: (kv[0].startswith(_STEM), kv[0])):
        ids = held["latin"] | held["chinese"]
        if not held["latin"] or len(ids) < 2 or _kinds_of(written[key]) > 1 or len(ids & listed) > 1:
            continue
        if key.startswith(_STEM) and (len(held["latin"]) > 1 or held["chinese"] & aligned):
            continue
        target = min(ids & listed) if ids & listed else min(ids)
        out.update((x, target) for x in ids if x != target)
        aligned |= ids
    return sorted(out)


def shortened(names: Iterable[str], resolve: Callable[[str], str], listed) -> list[tuple[str, str]]:
    """(short id, full id) for a Latin name no list knows that is the first words of exactly one
    other such name of the corpus (Walgreens and Walgreens Boots Alliance, Sycamore and Sycamore
    Partners): one company, as a listed company's name cut short is within one article."""
    latin = sorted({x for x in names if x not in listed and not x.startswith("ticker:") and x.isascii()
                    and any(c.isalpha() for c in x)})
    longer: dict[str, set[str]] = defaultdict(set)
    for x in latin:
        words = x.split()
        for k in range(1, len(words)):
            longer[" ".join(words[:k])].add(resolve(x))
    out = []
    for x in latin:
        fulls = longer.get(x, set()) - {resolve(x)}
        if len(fulls) == 1:
            out.append((x, fulls.pop()))
    return out


_ALL_HAN = re.compile(r"[\u4e00-\u9fff]{2,}")


def shortened_chinese(names: Iterable[str], resolve: Callable[[str], str], listed) -> list[tuple[str, str]]:
    """(short id, full id) for a Chinese name no list knows that opens exactly one other Chinese name
    of the corpus, none of a listed company (瑞幸 of 瑞幸咖啡, 禾赛 of 禾赛科技): the company's short
    form, as Chinese copy writes it after the full name or instead of it. (A listed company's name
    cut short is that company within its own article only: 新世界 of 新世界百货 elsewhere is a store.)"""
    from reconcile.extraction.names import name_id

    listed_names = {name_id(written) for spec in data().toml("entities.toml").values() for written in spec.get("names", ())}
    taken = {bare[:k] for bare in listed_names for k in range(2, len(bare))}  # the openings of listed names
    chinese = [x for x in set(names) if x not in listed and _ALL_HAN.fullmatch(x)]
    by_opening: dict[str, set[str]] = defaultdict(set)  # an opening of a name -> the ids of the names it opens
    for name in chinese:
        for k in range(2, len(name)):
            by_opening[name[:k]].add(resolve(name))
    out = []
    for x in sorted(chinese):
        longer = by_opening.get(x, set()) - {resolve(x)}
        if len(longer) == 1 and x not in taken:
            out.append((x, longer.pop()))
    return out


def _deletions(key: str) -> set[str]:
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def _one_letter_apart(a: str, b: str) -> bool:
    """One letter inserted, dropped or changed turns one key into the other."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return short in _deletions(long)


def _listed_slips(d) -> dict[str, set[str]]:
    """The Latin spelling keys of listed names (of `slip_letters` letters at least), by themselves
    and by each of their one-letter deletions: a name that copy misspells by one letter finds its
    key here. Shorter keys are one letter from too many words (Citibank, CITIC Bank)."""
    least = int(d.toml("linking.toml")["spelled_names"]["slip_letters"])
    out: dict[str, set[str]] = defaultdict(set)
    for _, script, key, _ in d.memo(_listed_spellings):
        if script == "latin" and len(key) >= least:
            for k in (key, *_deletions(key)):
                out[k].add(key)
    return dict(out)


def _kinds_of(chinese: set[str]) -> int:
    """How many companies Chinese names are when each opens the next longer one, its short form (禾赛
    of 禾赛科技: one; 导致 and 道指, both daozhi: two; 澄湾科技 and 澄湾银行, though 澄湾 opens both:
    two)."""
    chain = sorted(chinese, key=len)
    return 1 if all(b.startswith(a) for a, b in zip(chain, chain[1:])) else len(chinese)


def _listed_spellings(d) -> list[tuple[str, str, str, str]]:
    """(listed id, script, a spelling key of one of its names, that name as an id: 李宁 of 李宁公司),
    for every name of rules/entities.toml."""
    from reconcile.extraction.names import name_id

    r = d.memo(_spelling_rules)
    return [(eid, script, key, bare) for eid, spec in d.toml("entities.toml").items()
            for name in spec.get("names", ()) for bare in [name_id(name)]
            for script, keys in [_spelling(bare, r, listed=True)] for key in keys]


def _spelling(name: str, r: dict, listed: bool = False) -> tuple[str, set[str]]:
    """The script of a name ("latin" or "chinese") and the keys it is compared by: a Chinese name's
    pinyin (华虹 -> huahong); a Latin name's letters without spaces, hyphens and dots (Hua Hong ->
    huahong) and, when its words are pinyin or words of trade that `words` translates, the pinyin
    of that translation (Haiguang Information -> haiguang + 信息 -> haiguangxinxi); a Chinese name
    ending in such a word, its pinyin without it too (禾赛科技 -> hesaikeji, hesai), in each reading of
    its characters (长鑫 -> zhangxin, changxin), and as a stem (`_STEM`) that a Latin name's opening
    pinyin may match (ChangXin Memory). A listed Chinese name, whose Latin names are listed, gives its
    commonest reading and no stem. Keys of fewer than `letters` letters are dropped, and pinyin of
    fewer than `syllables` syllables (Li, 平)."""
    keys = set()
    if _HAN.search(name):
        stems = [name] + [name[:-len(t)] for t in set(r["words"].values()) if name.endswith(t) and len(name) > len(t)]
        for stem in stems:  # 禾赛科技 is also 禾赛: English copy drops the trade word (Hesai)
            # (华虹 is never "huajiang": the Huajiang Grand Canyon Bridge)
            for syllables in [_pinyin(stem)] if listed else _readings(stem, r["readings"]):
                if len(syllables) >= r["syllables"] and all(s.isascii() and s.isalpha() for s in syllables):
                    keys.add("".join(syllables))
        keys = {k for k in keys if len(k) >= r["letters"]}
        return "chinese", keys if listed else keys | {_STEM + k for k in keys}
    words = re.findall(r"[a-z0-9]+", name.lower())
    keys.add("".join(words))
    trade = r["words"]
    if all(w in trade or _syllables(w) for w in words) \
            and sum(len(_syllables(w)) for w in words if w not in trade) >= r["syllables"]:
        keys.add("".join(s for w in words for s in (_pinyin(trade[w]) if w in trade else [w])))
    # ... and its opening words of pinyin, when English words follow them (ChangXin Memory -> changxin),
    # compared with Chinese names only (长鑫科技 -> changxin), never another Latin name's (Mario Kart)
    opening = next((k for k, w in enumerate(words) if not _syllables(w)), len(words))
    if 0 < opening < len(words) and sum(len(_syllables(w)) for w in words[:opening]) >= r["syllables"] \
            and len(stem := "".join(words[:opening])) >= r["letters"]:
        keys.add(_STEM + stem)
    return "latin", {k for k in keys if len(k) >= r["letters"]}


_STEM = "stem:"  # a key only a Latin name's opening pinyin and a Chinese name's readings give


def _pinyin(text: str) -> tuple[str, ...]:
    """Each Han character's most common reading, without tones (华虹 -> hua, hong); a character the
    table lacks is its own "syllable" (it never matches Latin letters)."""
    table = _pinyin_table()[0]
    return tuple(table.get(c, c) for c in text)


def _readings(text: str, most: int) -> list[tuple[str, ...]]:
    """The text's readings, `most` at most: each character's commonest first, then those with one
    character of several readings (长: zhang, chang; 行: xing, hang) read otherwise, then two: a
    company's romanised name takes the reading its name has (长鑫 is ChangXin), not always the
    commonest."""
    table = _pinyin_table()[0]
    others = _other_readings()
    first = [table.get(c, c) for c in text]
    out = [tuple(first)]
    several = [i for i, c in enumerate(text) if c in others]
    for k in range(1, len(several) + 1):
        for where in itertools.combinations(several, k):
            for alternative in itertools.product(*(others[text[i]] for i in where)):
                reading = list(first)
                for i, other in zip(where, alternative):
                    reading[i] = other
                out.append(tuple(reading))
                if len(out) >= most:
                    return out
    return out


@functools.cache
def _other_readings() -> dict[str, list[str]]:
    """A character of several readings -> its readings after the most common one, without tones."""
    return _from_pypinyin("readings", _other_readings_from_pypinyin, dict)


@functools.cache
def _pinyin_table() -> tuple[dict[str, str], frozenset[str]]:
    """(character -> reading, the set of readings), from pypinyin's dictionary, kept as JSON in the
    lexicon's cache folder: importing pypinyin costs 0.13 s and 56 MB (its phrase tables), the JSON
    a few ms and a few MB."""
    table = _from_pypinyin("pinyin", _pinyin_from_pypinyin, dict)
    return table, frozenset(table.values())


@functools.cache
def common_words() -> frozenset[str]:
    """The words of pypinyin's phrase table (47,000 common words and phrases: 合作, 发行, 音乐,
    履行), cached as JSON: a run of Chinese that is one is a word of the language, not a company's
    name (a gazetteer or a suffix says when it is one: 联合 alone is a word, 联合公司 a name)."""
    return frozenset(_from_pypinyin("phrases", _phrases_from_pypinyin, list))


def _from_pypinyin(name: str, build, kind: type):
    """A table derived from pypinyin, kept as JSON in the lexicon's cache folder by pypinyin's version
    (built again when the file holds something else than a `kind`: a damaged cache)."""
    import importlib.metadata as md

    from reconcile.extraction.lexicon import cache_folder, cached_json

    try:
        version = md.version("pypinyin")
    except md.PackageNotFoundError:  # pragma: no cover - a dependency
        version = "unknown"
    path = cache_folder() / f"{name}-{version}.json"
    value = cached_json(path, build)
    if not isinstance(value, kind):
        path.unlink(missing_ok=True)
        value = cached_json(path, build)
    return value


def _phrases_from_pypinyin() -> list[str]:
    from pypinyin.phrases_dict import phrases_dict

    return sorted(phrases_dict)


def _other_readings_from_pypinyin() -> dict[str, list[str]]:
    from pypinyin.constants import PINYIN_DICT

    out = {}
    for code, readings in PINYIN_DICT.items():
        bare = list(dict.fromkeys(_toneless(x).replace("ü", "v") for x in readings.split(",")))
        if len(bare) > 1:
            out[chr(code)] = bare[1:]
    return out


def _toneless(reading: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", reading) if unicodedata.category(c) != "Mn")


def _pinyin_from_pypinyin() -> dict[str, str]:
    from pypinyin.constants import PINYIN_DICT

    return {chr(code): _toneless(readings.split(",")[0]).replace("ü", "v") for code, readings in PINYIN_DICT.items()}


@functools.cache
def _syllables(word: str) -> tuple[str, ...]:
    """The word cut into pinyin syllables, longest first at each step (xian: xian), or () if it cannot be."""
    known = _pinyin_table()[1]  # every pinyin syllable without its tone mark
    if not word:
        return ()
    for k in range(min(6, len(word)), 0, -1):
        if word[:k] in known:
            rest = _syllables(word[k:]) if k < len(word) else ()
            if k == len(word) or rest:
                return (word[:k], *rest)
    return ()

"""Linking: which figures state the same fact, as scored record linkage (Fellegi-Sunter).

The value is never evidence: what is compared is what each figure is about (attribution.py).
1. Blocking: two mentions are compared only when they measure one dimension (money, W, percent …),
   stand in different documents and share a company: the actor of one among the other's
   participants (its sentence's companies and its article's topic). Names joined by brackets
   anywhere in the corpus (宁德时代（CATL）, a shared ticker) count as one. Two amounts of money of
   one metric and value are compared too, whatever their companies (_value_key): the value picks
   which pairs are compared, never how they score.
2. Scoring: each field agrees at a level (entity: same actor, a shared participant, different,
   unknown; metric; scope; period; the clauses' wording, unless they are in two languages;
   whether each is the only figure of its metric in its document, like Splink's term-frequency
   adjustment; how far apart the articles were published), and each level has a weight in bits:
   how much likelier it makes one fact. The weights are data (rules/linking.toml), estimated
   jointly on the labelled real-copy corpus (bench/fit_linking.py). Some levels forbid a link
   outright (two explicit periods that differ, two scopes that differ, other counted nouns).
3. Clustering: pairs at or above `threshold`, best first, join their groups unless a forbidden
   pair would end up in one group, or two figures of one document that cannot state one value
   (an article states one value per fact: two that differ there are two facts, or an internal
   inconsistency that the in-document rules report), or two amounts of one unit more than
   `far_apart` times apart that no slip explains (not the same digits, two swapped or one
   changed: a $0.01 exercise price and a $600 target price), or two amounts of money in two
   currencies so far apart in dollars. Across documents values are compared only so: closer
   ones, and slips, are what the conflict rule is there to judge.
A group's mentions are then checked against each other (checks/crossdoc.py); how sure a link is
(`strength`) sets whether a disagreement is "the same fact" or "possibly the same fact", and a
named slip on a sure link is what makes it an error.
"""
from __future__ import annotations

import bisect
import itertools
import math
import operator
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from reconcile.checks.intervals import (could_be_mistyped, leading_digits, meets, number_and_word_differ, same_digits,
                                        significant_digits)
from reconcile.data.loader import data
from reconcile.errors import InputError
from reconcile.extraction.attribution import (
    in_millions,
    marked_metrics,
    metric_relations,
    scopes_unsaid_alike,
    scope_families,
    vocabulary,
)
from reconcile.extraction.names import not_names
from reconcile.extraction.periods import calendar_of, fiscal_meant, shift_year
from reconcile.extraction.periods import relation as period_relation
from reconcile.extraction.periods import listing_day_most_days, names_listing_day, weekday
from reconcile.extraction.segments import segment_words, segments_differ, singular
from reconcile.extraction.words import WordScanner, _key
from reconcile.fx import convert, converts, has_rate
from reconcile.model import BY_MONTHS, RATES, YEARLESS, Mention, period_explicit, period_where
from reconcile.name_alignment import adopt_anonymous, aligned, shortened, shortened_chinese, spelled

FORBIDDEN = -math.inf


@dataclass(slots=True)
class Group:
    key: tuple  # (entity, metric, dimension, period): the most common among its mentions
    mentions: list[Mention] = field(default_factory=list)
    status: str = "agree"
    # (member, a mention of another group) that write the same digits at values a slip gives, kept
    # apart by linking: they linked but could not join (the values too far apart, or a clash in
    # the member's own article), or nearly linked (rules/linking.toml slip_margin). XD001 judges them.
    slips: list[tuple[Mention, Mention]] = field(default_factory=list)

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


def linkable(m: Mention) -> bool:
    """Vague amounts (数百亿) state no value to check; calendar years are periods, not facts."""
    return m.fig.kind != "date" and "vague" not in m.fig.flags and bool(m.entity or m.participants)


# --- the wording of a clause

_TOKEN = re.compile(r"[A-Za-z]+|[\u3400-\u9fff]")


def shingles(m: Mention) -> frozenset[str]:
    """Character bigrams of the figure's clause, with the figure itself left out: a value is
    never evidence that two mentions are one fact."""
    lo, hi = m.clause
    text = m.doc.text[lo:m.fig.start] + " " + m.doc.text[m.fig.end:hi]
    # Latin tokens lower-cased as str.lower() does them (ASCII letters only: the tokens are), in
    # one pass over the clause; the bigrams joined in native code.
    tokens = _TOKEN.findall(_key(text))
    return frozenset(map(operator.add, tokens, tokens[1:]))


_NAME_TOKEN = re.compile(r"[A-Za-z][A-Za-z0-9&\-]*[A-Za-z0-9]")


def clause_concepts(m: Mention) -> frozenset[str]:
    """What a figure's clause speaks of in terms that read alike in two languages, to weigh the
    wording of a Chinese and an English clause: the metrics its words name (rules/metrics.toml, any
    of them, not only the figure's), the Latin names and codes it writes (Blue Owl, SU7, HBM: in
    Chinese copy too) and the figure's scopes. Link-time adds the companies it names (_Entry)."""
    lo, hi = m.clause
    text = m.doc.text[lo:m.fig.start] + " " + m.doc.text[m.fig.end:hi]
    out = {"m:" + mid for _, _, mids in vocabulary().metric_scanner.scan(text) for mid in mids}
    skip = not_names()
    out.update("l:" + t.lower() for t in _NAME_TOKEN.findall(text)
               if not t.islower() and (t.isupper() or t not in skip))
    out.update("s:" + x for x in m.scope)
    return frozenset(out)


def _jaccard(sa: frozenset, sb: frozenset) -> float:
    return len(sa & sb) / len(sa | sb) if sa and sb else 0.0


def similarity(a: Mention, b: Mention) -> float:
    """Jaccard similarity of two mentions' clauses."""
    return _jaccard(shingles(a), shingles(b))


# --- names across documents

class Aliases:
    """Entity ids that name one entity (bracketed names, shared tickers, names the figures or the
    spelling align: name_alignment.py), across the corpus."""

    def __init__(self, mentions: list[Mention], listed: set[str], align: bool = False):
        self.parent: dict[str, str] = {}
        seen = set()
        for m in mentions:
            if id(m.aliases) in seen:
                continue
            seen.add(id(m.aliases))
            for a, b in m.aliases.items():
                self._union(a, b, listed)
        if align:
            raws = {p for m in mentions for p in (m.entity, *m.participants) if p}
            before = {raw: self._find(raw) for raw in raws}
            pairs = spelled(raws, self._find, listed)
            for a, b in pairs:
                self._union(a, b, listed)
            # ... then the names cut short, once two spellings of one full name are one
            short = shortened(raws, self._find, listed) + shortened_chinese(raws, self._find, listed)
            for a, b in short:
                self._union(a, b, listed)
            pairs += short
            found = aligned(mentions, self._find, listed)
            for a, b in found:
                self._union(a, b, listed)
            taught = {x for pair in pairs + found for x in pair}
            for m in mentions:  # each mention's own aliases learn them too: Assessor.pair reads those
                for raw in {m.entity, *m.participants} - {None}:
                    # (so does a name another article's brackets or ticker tie to another: "Kingsoft
                    # Cloud (NASDAQ: KC)" in one, 金山云(KC.US) in a second, either alone in a third)
                    if before.get(raw) in taught or self._find(raw) != raw:
                        m.aliases[raw] = self._find(raw)

    def _find(self, x: str) -> str:
        while self.parent.get(x, x) != x:
            x = self.parent[x]
        return x

    def _union(self, a: str, b: str, listed: set[str]) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        # The root is a listed id if there is one, else a name rather than a ticker.
        def rank(x):
            return (x in listed, not x.startswith("ticker:"), x)
        keep, other = (ra, rb) if rank(ra) >= rank(rb) else (rb, ra)
        self.parent[other] = keep

    def __call__(self, eid: str | None) -> str | None:
        return self._find(eid) if eid else eid


# --- comparing two mentions



def family(m: Mention) -> str:
    """'rate' for percentages, points and multiples, else 'amount': links between rates are less
    sure (one article's growth rate, margin and share sit side by side), so each family has its
    own `strong`."""
    return "rate" if m.fig.unit in RATES else "amount"


@dataclass(frozen=True)
class Weights:
    fields: dict[str, dict[str, float]]
    threshold: float
    strong: dict[str, float]  # family -> the score from which a disagreement is an error
    window: int  # how many neighbours each mention of a block is compared with (sorted neighbourhood)
    clause_cuts: tuple[float, float]  # wording similarity from which it is high, mid
    date_days: tuple[int, int]  # days between publications up to which they are a week, a quarter apart
    daily: frozenset[str] = frozenset()  # metrics of one trading day (metrics.toml daily = true)
    day_days: int = 1  # days between publications within which a daily fact may be the same day's
    scope_family: dict[str, str] = field(default_factory=dict)  # scope -> family (attribution.toml)
    ratio_cap: float = math.inf  # amounts further apart, not a slip's shape, never share a group (far_apart)
    between: frozenset[str] = frozenset()  # metrics between two parties (metrics.toml between = true)
    unsaid_scopes: frozenset[str] = frozenset()  # as if unsaid on one side only (scopes_unsaid_alike)
    slip_margin: float = 0.0  # how far below the threshold a pair that writes one number's digits is kept
    slip_digits: int = 3  # significant digits a slip's two figures write at least
    slip_apart: float = 1.5  # how many times apart two amounts of one unit are, at least, for a slip
    concept_cuts: tuple[float, float] = (1.0, 0.0)  # concepts' similarity from which two languages' clauses are high, mid
    related: frozenset[tuple[str, str]] = frozenset()  # metrics that may name one fact (attribution.metric_relations)
    segmented: frozenset[str] = frozenset()  # metrics whose figures may be a part's (attribution.toml [segments])
    implied: frozenset[str] = frozenset()  # units that stand for the metric no word names (implied_metric)
    join_density: float = 0.0  # the share of their cross pairs that must link for two groups to join
    money_apart: float = math.inf  # amounts of money in two currencies further apart in dollars never share a group
    value_digits: int = 1000  # a figure writing this many significant digits is also blocked by its metric and value
    value_block_most: int = 0  # ... in a block of at most this many figures
    implied_alone: frozenset[str] = frozenset()  # implied metrics ("~money") only alone in both (implied_metric_alone)
    value_window: int = 0  # neighbours compared in a block the window cuts, its members by value (_value_order)
    two_changes: float = math.inf  # values this many times apart whose number and word both differ are no slip


def not_companies() -> frozenset[str]:
    """The listed entities that are no company nor body (countries, regions, people, products)."""
    return data().memo(_not_companies)


def _not_companies(d) -> frozenset[str]:
    return frozenset(eid for eid, spec in d.toml("entities.toml").items()
                     if spec.get("kind", "company") not in ("company", "organisation"))


def fiscal_year_ends() -> dict[str, int]:
    """Company id -> the month its fiscal year ends (rules/entities.toml; 12 for a listed company
    that gives none, 0 for one whose fiscal periods compare with no calendar ones)."""
    return data().memo(_fiscal_year_ends)


def _fiscal_year_ends(d) -> dict[str, int]:
    return {eid: int(spec.get("fiscal_year_end", 12)) for eid, spec in d.toml("entities.toml").items()
            if "fiscal_year_end" in spec or spec.get("kind", "company") == "company"}


def fiscal_years_named_by_start() -> frozenset[str]:
    """Companies whose fiscal year is named by the year it starts in (rules/entities.toml
    fiscal_year_named_by = "start": Nissan's FY2025 runs from April 2025 to March 2026): their
    fiscal periods are compared as written, with no calendar ones."""
    return data().memo(_named_by_start)


def _named_by_start(d) -> frozenset[str]:
    return frozenset(eid for eid, spec in d.toml("entities.toml").items() if spec.get("fiscal_year_named_by") == "start")


def _implied_alone(w: dict) -> list[str]:
    """rules/linking.toml implied_metric_alone: a list of units of implied_metric."""
    alone = w.get("implied_metric_alone", [])
    if not isinstance(alone, list) or not set(alone) <= set(w.get("implied_metric", ())):
        raise InputError("rules/linking.toml", f"implied_metric_alone must be a list of implied_metric's units, not {alone!r}")
    return alone


def listed_entities() -> frozenset[str]:
    """The ids of rules/entities.toml (packs included)."""
    return data().memo(_listed)


def _listed(d) -> frozenset[str]:
    return frozenset(d.toml("entities.toml"))


def weights() -> Weights:
    return data().memo(_weights)


def _weights(d) -> Weights:
    w = d.toml("linking.toml")
    metrics, steer = d.toml("metrics.toml"), d.toml("attribution.toml")
    return Weights({f: {lvl: float(v) for lvl, v in levels.items()} for f, levels in w["weights"].items()},
                   float(w["threshold"]), {f: float(v) for f, v in w["strong"].items()}, int(w["window"]),
                   (float(w["clause_high"]), float(w["clause_mid"])), (int(w["dates_week"]), int(w["dates_quarter"])),
                   marked_metrics(metrics, "daily"),
                   int(w["dates_day"]), scope_families(steer),
                   float(w["far_apart"]), marked_metrics(metrics, "between"),
                   scopes_unsaid_alike(steer), float(w.get("slip_margin", 0.0)),
                   int(w.get("slip_digits", 3)), float(w.get("slip_apart", 1.5)),
                   (float(w.get("concepts_high", 1.0)), float(w.get("concepts_mid", 0.0))),
                   metric_relations(metrics), segment_words().metrics, frozenset(w.get("implied_metric", ())),
                   float(w.get("join_density", 0.0)), float(w.get("money_apart", math.inf)),
                   int(w.get("value_block_digits", 1000)), int(w.get("value_block_most", 0)),
                   frozenset("~" + u for u in _implied_alone(w)), int(w.get("value_window", 0)),
                   10.0 ** d.toml("rules.toml").get("tolerances", {}).get("two_change_power", math.inf))


@dataclass(slots=True)
class _Entry:
    m: Mention
    actor: str | None
    participants: frozenset[str]
    dimension: str
    shingles: frozenset[str]
    counted: frozenset[str] = frozenset()  # counted_key(m)
    rivals: int = 1  # figures of its document with its dimension and metric (itself included)
    period: str | None = None  # its period as compared: a fiscal quarter as its calendar quarter (calendar_of)
    scope: tuple[str, ...] = ()  # its scope as compared (_compared)
    _concepts: frozenset[str] | None = None

    def concepts(self) -> frozenset[str]:
        """clause_concepts(m) and the companies its sentence names ("e:…"), read when first compared
        with a mention in another language."""
        if self._concepts is None:
            self._concepts = clause_concepts(self.m) | {"e:" + p for p in self.participants}
        return self._concepts


def _explicit(how: str) -> bool:
    return period_explicit(how)


def compare(a: _Entry, b: _Entry, w: Weights) -> dict[str, str]:
    """The level at which each field of two mentions agrees (`w` gives the related metrics, the
    wording cuts, the daily metrics and the date bands), in the order score() adds them up. This is
    the definition; link() computes the same levels inline (_scored_pairs), for speed."""
    ma, mb = a.m, b.m
    metric_a, metric_b = _compared_metric(ma, w), _compared_metric(mb, w)
    metric = _metric_level(metric_a, metric_b, w.related)
    most = max(a.rivals, b.rivals)
    if metric == "same" and most > 1 and metric_a in w.implied_alone:
        metric = "unknown"  # an amount no word names is one fact with another only alone in both
    if metric != "same":
        alone = "other"  # rivals count only between figures of one metric
        if metric == "unknown" and most == 1 and _one_implied(metric_a, metric_b):
            alone = "implied"  # an amount no word names, alone, against the one figure of a named metric
    else:
        alone = "unique" if most == 1 else ("few" if most <= 3 else "many")
    entity = _entity_level(a, b, _two_parties(ma.metric, mb.metric, w.between))
    scope = _scope_level(a.scope, b.scope, w.scope_family, w.unsaid_scopes)
    period = _period_level(a, b)
    if ma.metric in w.daily and mb.metric in w.daily and _other_day(ma, mb, w.day_days):
        period = "different"  # a share's move or price on two trading days: two facts
    counted = "different" if _counts_differ(a.counted, b.counted) else "same"
    segment = _segment_level(ma, mb, w.segmented)
    dates = _dates_level(ma, mb, w.date_days)
    neighbours = _neighbours_level(ma.neighbours, mb.neighbours)
    if ma.doc.lang != mb.doc.lang:
        clause = _other_language_level(a.concepts(), b.concepts(), w.concept_cuts)
    else:
        sim = _jaccard(a.shingles, b.shingles)
        high, mid = w.clause_cuts
        clause = "high" if sim >= high else ("mid" if sim >= mid else "low")
    return {"entity": entity, "metric": metric, "scope": scope, "period": period, "clause": clause,
            "alone": alone, "counted": counted, "segment": segment, "dates": dates, "neighbours": neighbours}


def _other_language_level(ca: frozenset[str], cb: frozenset[str], cuts: tuple[float, float]) -> str:
    """A Chinese and an English clause have no wording in common: what they speak of
    (_Entry.concepts()) is compared instead."""
    sim = _jaccard(ca, cb)
    return "other_language_high" if sim >= cuts[0] else ("other_language" if sim >= cuts[1] else "other_language_low")


def _neighbours_level(na: frozenset[str], nb: frozenset[str]) -> str:
    """shared: a value stands beside both figures (revenue of 1309亿元 beside a growth of 12.9% in
    both); none: values of one unit stand beside both, but none is the same; else nothing. The
    values are the neighbours', never the two figures' own: a conflict between them still links."""
    if not na or not nb:
        return "nothing"
    if na & nb:
        return "shared"
    units = {k.partition(" ")[0] for k in na}
    return "none" if any(k.partition(" ")[0] in units for k in nb) else "nothing"


def _dates_level(a: Mention, b: Mention, bands: tuple[int, int]) -> str:
    """How far apart the two articles were published (`bands`: rules/linking.toml's dates_week and
    dates_quarter, in days): one fact is reported in one news cycle."""
    if not (a.doc.date and b.doc.date):
        return "unknown"
    da, db = _day(a.doc.date), _day(b.doc.date)
    if da is None or db is None:
        return "unknown"
    days = abs(da - db)
    return "week" if days <= bands[0] else ("quarter" if days <= bands[1] else "apart")


def _other_day(a: Mention, b: Mention, days: int) -> bool:
    """Are two facts of one trading day of two days? Each is of the weekday its sentence names
    (rules/periods.toml [weekdays]: the latest such day on or before its article's date), else of
    its article's date; two named days must be one, else the dates may be `days` apart (a close
    reported the next morning). Unknown dates tell nothing."""
    return _days_differ(_trading_day(a), _trading_day(b), days)


def _days_differ(a: tuple[int | None, bool, bool], b: tuple[int | None, bool, bool], days: int) -> bool:
    """_other_day() on two (day, named, listing day) of _trading_day()."""
    (da, named_a, first_a), (db, named_b, first_b) = a, b
    if da is None or db is None:
        return False
    if first_a and first_b:  # a listing's first day, told within a month: one day
        return abs(da - db) > listing_day_most_days()
    return da != db if named_a and named_b else abs(da - db) > days


def _trading_day(m: Mention) -> tuple[int | None, bool, bool]:
    """(the day's ordinal, whether its sentence named it, whether it is a listing's first trading
    day) of a daily fact. A first day's fact (its sentence says so: names_listing_day) is dated by its
    article as any other, but two of them are of one day when their articles are at most
    rules/periods.toml [listing_day] most_days apart."""
    published = _day(m.doc.date or "")
    if published is None:
        return None, False, False
    if names_listing_day(m.doc.text, *m.sentence):
        return published, False, True
    named = weekday(m.doc.text, *m.sentence)
    if named is None:
        return published, False, False
    return published - (date.fromordinal(published).weekday() - named) % 7, True, False


@lru_cache(maxsize=4096)
def _day(iso: str) -> int | None:
    try:
        return date.fromisoformat(iso[:10]).toordinal()
    except ValueError:
        return None




# Every level of each field that compare() can give.
LEVELS = {
    "entity": ("same", "same_inferred", "participant", "unknown", "different"),
    "metric": ("same", "related", "unknown", "different"),
    "scope": ("same", "one_sided", "different"),
    "period": ("same", "same_inferred", "unknown", "incomparable", "nested", "different_inferred",
               "different_one_inferred", "different"),
    "clause": ("high", "mid", "low", "other_language_high", "other_language", "other_language_low"),
    "alone": ("unique", "few", "many", "other", "implied"),
    "counted": ("same", "different"),
    "segment": ("same", "none", "other_language", "one_sided", "different"),
    "dates": ("week", "quarter", "apart", "unknown"),
    "neighbours": ("shared", "none", "nothing"),
}


class _Floor:
    """How far below its best each level leaves a pair's score (`lost`), and how much it may lose
    in all and still reach the threshold (`slack`, with a margin against float rounding): a pair
    is dropped once what its known levels lose is more, whatever the fields still to compare."""

    def __init__(self, w: Weights):
        best = {f: max([0.0, *w.fields.get(f, {}).values()]) for f in LEVELS}
        self.lost = {f: {lvl: best[f] - w.fields.get(f, {}).get(lvl, 0.0) for lvl in levels}
                     for f, levels in LEVELS.items()}
        self.slack = sum(best.values()) - w.threshold + 1e-9


def _two_parties(x: str | None, y: str | None, between: frozenset[str]) -> bool:
    """May two mentions of these metrics be one deal told from either side (metrics.toml between)?"""
    return (x is None or x in between) and (y is None or y in between)


def _one_deal(actor_a: str | None, parts_a: frozenset[str], actor_b: str | None, parts_b: frozenset[str]) -> bool:
    """Are two figures of a deal's metric told of one deal? One actor is among the other's
    participants, and the two share a second company (a participant holds its own actor, and the
    article's topic): the two parties told from either side, or a buyer, a seller and the unit sold
    with a different actor in each article. Rival bids for one target pass too ("topping Kestrel's
    bid"): their link stays a weak one, a warning at most."""
    if not actor_a or not actor_b:
        return False
    return (actor_a in parts_b or actor_b in parts_a) and len(parts_a & parts_b) >= 2


def _entity_level(a: _Entry, b: _Entry, deal: bool) -> str:
    ma, mb = a.m, b.m
    if a.actor and a.actor == b.actor:
        named = ma.entity_how in ("clause", "sentence") and mb.entity_how in ("clause", "sentence")
        return "same" if named else "same_inferred"
    if deal and _one_deal(a.actor, a.participants, b.actor, b.participants):
        return "same_inferred"  # the parties of one deal, told from either side
    if (a.actor and a.actor in b.participants) or (b.actor and b.actor in a.participants):
        return "participant"
    if not a.actor or not b.actor:
        return "unknown"
    return "different"


def _compared_metric(m: Mention, w: Weights) -> str | None:
    """The metric a mention is compared by: its own, else the one its unit implies ("~W": a figure
    in gigawatts that no word names; "~money": an amount of any currency), or, for a count, what it
    counts ("~count:en:=train"; "~count:en:e8" for a noun of [counted_nouns], in either language:
    12 banks, 12家银行), which is the same as another such figure's only."""
    if m.metric:
        return m.metric
    if m.fig.kind == "count":  # "three LNG trains" and "three trains": the noun names it (not a measure word: 座, 颗)
        key = sorted(k for k in counted_key(m) if k.startswith("en:"))
        if not key and m.doc.lang.startswith("zh") and (n := _chinese_counted(m)) is not None:
            key = [f"en:e{n}"]
        return "~count:" + key[0] if key else None
    return "~" + dimension(m) if dimension(m) in w.implied else None


def _one_implied(x: str | None, y: str | None) -> bool:
    """One metric implied by its unit (implied_metric: ~money, an amount no word names; ~W, a power
    figure) and the other named: each the one figure of its metric in its article, they score
    alone=implied (rules/linking.toml [weights.alone])."""
    return bool(x and y) and (x[0] == "~") != (y[0] == "~")


def _metric_level(x: str | None, y: str | None, related: frozenset[tuple[str, str]]) -> str:
    if x and x == y:
        return "same"
    if not x or not y or x[0] == "~" or y[0] == "~":
        return "unknown"
    return "related" if (x, y) in related else "different"


def _period_level(a: _Entry, b: _Entry) -> str:
    ma, mb, pa, pb = a.m, b.m, a.period, b.period
    if pa and pa == pb:
        return "same" if _explicit(ma.period_how) and _explicit(mb.period_how) else "same_inferred"
    if not pa or not pb:
        return "unknown"
    relation = period_relation(pa, pb)
    if relation == "other":
        return "incomparable"  # fiscal against calendar, "next 3 years" against "by 2028"
    if relation == "nested":
        return "nested"  # 2025Q3 within 2025: a period written loosely, or a part of it
    dated = _dated(ma.period_how) + _dated(mb.period_how)
    return ("different_inferred", "different_one_inferred", "different")[dated]


def _dated(how: str) -> bool:
    """A period written beside the figure with its year: a quarter named without one (第二季度, "the
    second quarter") has a year guessed from the article's date, and two such guesses that differ
    weigh against a link, never forbid it."""
    return period_explicit(how) and not how.endswith(YEARLESS)


def _segment_level(ma: Mention, mb: Mention, segmented: frozenset[str]) -> str:
    """Two figures of metrics that may be a part's (attribution.toml [segments]): the same segment
    (a word in common), none written, both written in two languages (not compared), one written
    (a part's figure against the whole's, or a segment named in another sentence), or two
    segments that differ (likely two parts; a weight, not a bar: copy names one part several ways)."""
    sa, sb = ma.segment, mb.segment
    if not sa and not sb:
        return "none"
    if sa and sb:
        if not sa.isdisjoint(sb):
            return "same"
        return "different" if segments_differ(sa, sb) else "other_language"
    return "one_sided" if ma.metric in segmented and mb.metric in segmented else "none"


def _scope_level(sa: tuple, sb: tuple, family: dict[str, str], defaults: frozenset[str] = frozenset()) -> str:
    """Scopes compared family by family (attribution.toml [scope_families]): different when one
    family has a different member on each side, one_sided when a family is on one side only. A
    default scope (attribution.toml [scope_defaults]: statutory) is what an unmarked figure
    states, and a scope of a family in [scope_unsaid] (累计, cumulative) what copy often leaves
    unsaid: against a side with none of its family, either is as if unsaid."""
    if sa == sb:
        return "same"
    fa, fb = _by_family(sa, family), _by_family(sb, family)
    if any(fa[f] != fb[f] for f in fa.keys() & fb.keys()):
        return "different"
    if defaults and all(fa[f] in defaults for f in fa.keys() - fb.keys()) and \
            all(fb[f] in defaults for f in fb.keys() - fa.keys()):
        return "same"
    return "one_sided"


def _by_family(scope: tuple, family: dict[str, str]) -> dict[str, str]:
    return {family.get(s, s): s for s in scope}


def score(levels: dict[str, str], w: Weights) -> float:
    fields = w.fields
    total = 0.0
    for f, lvl in levels.items():
        table = fields.get(f)
        if table is not None:
            total += table.get(lvl, 0.0)
    return total


# --- blocking and clustering

def block_entities(m: Mention) -> frozenset[str]:
    """The companies under which a mention is compared: its actor and its participants."""
    return frozenset(p for p in (*m.participants, m.entity) if p)


def count_rivals(mentions: list[Mention]) -> None:
    """Set each mention's rivals (see _entries) from the mentions of its documents."""
    _entries(mentions, Aliases(mentions, set()), count_rivals=True)


def _names(m: Mention, aliases: Aliases) -> tuple[str | None, frozenset[str]]:
    """(actor, participants with the actor) of a mention, each name as `aliases` has it."""
    actor = aliases(m.entity)
    return actor, frozenset(aliases(p) for p in m.participants) | ({actor} if actor else set())


def _entries(mentions: list[Mention], aliases: Aliases, count_rivals: bool = False) -> list[_Entry]:
    out = []
    for m in mentions:
        if linkable(m):
            out.append(_compared(_Entry(m, *_names(m, aliases), dimension(m), shingles(m), counted_key(m))))
    # How many figures of its document (of its company, dimension and metric) could a figure be
    # confused with: its rivals (a stated conversion is not one; a company's total is not one of
    # its segments' figures, nor they of it), as record linkage adjusts for how common a value is.
    if count_rivals:  # where not counted yet (a ledger's mentions come counted, from their whole document)
        fresh = [e for e in out if not e.m.rivals]
        # a value the document repeats (3800亿元 in the lead and the body) is one rival, not two;
        # rivals keep the mention's own scope (by the compared one, e.scope: −41 true links, stop 48)
        values = defaultdict(set)
        for e in fresh:
            if not e.m.restates:
                values[(e.m.doc.id, e.dimension, e.m.metric, e.m.scope, e.actor, not e.m.segment)].add(
                    (e.m.fig.unit, f"{e.m.fig.value:.4g}"))
        for e in fresh:
            e.m.rivals = max(1, len(values[(e.m.doc.id, e.dimension, e.m.metric, e.m.scope, e.actor, not e.m.segment)]))
    for e in out:
        e.rivals = max(1, e.m.rivals)
    return out


def _compared(e: _Entry) -> _Entry:
    """Set the period and the scope `e` is compared by. A price per share or per unit (a per_unit
    metric of rules/metrics.toml) is compared without its per_share scope: "HK$3.28" and
    3.28港元/股 are one offer price, whether or not the clause says "a share"; so is an amount
    whose written number a magnitude word or a unit's prefix multiplies a million times or more
    (rules/attribution.toml [per_unit] magnitude), which no share costs ("a $400 billion
    valuation, at $421 a share")."""
    v = vocabulary()
    if e.m.metric in v.per_unit or in_millions(e.m.fig, v.per_unit_magnitude):
        e.scope = tuple(x for x in e.m.scope if x != "per_share")
    else:
        e.scope = e.m.scope
    return _compared_period(e)


def _compared_period(e: _Entry) -> _Entry:
    """Set the period `e` is compared by: its company's fiscal periods as calendar ones (calendar_of).
    A listed company with no fiscal_year_end in rules/entities.toml closes its year in December; an
    unlisted one's year end is unknown. The actor's or the figure's own company, whichever states a
    year end other than December first."""
    ends = fiscal_year_ends()
    if e.m.period_how.endswith(BY_MONTHS):  # "the December quarter": the calendar one
        e.period = e.m.period
    else:
        known = [(ends[x], x) for x in (e.actor, e.m.entity) if x in ends]
        end, whose = next(((m, x) for m, x in known if m != 12), known[0] if known else (None, None))
        period = e.m.period
        if end and end != 12 and period and e.m.period_how.endswith(YEARLESS):
            period = fiscal_meant(period, end, e.m.doc.date)  # its second quarter: its fiscal one, reported or guided
            if whose in fiscal_years_named_by_start() and period.startswith("FY"):
                # Nissan's 上半年 in November 2025: the half to September 2025, its FY2025H1 (a
                # span fiscal_meant leaves as it is, 前三季度's 2025Q1-Q3, stays calendar)
                e.period = shift_year(period, -1)
                return e
        e.period = period if whose in fiscal_years_named_by_start() else calendar_of(period, end, e.m.doc.date)
    return e


def _blocks(entries: list[_Entry], w: Weights) -> list[list[int]]:
    """The blocks of entries compared with each other: one per dimension and company among an
    entry's participants, and one per dimension, metric, unit and value (_value_key) of at most
    `value_block_most` entries (a value that many figures state tells nothing of which are one fact)."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    for i, e in enumerate(entries):
        for p in e.participants:
            blocks[(e.dimension, p)].append(i)
        if (value := _value_key(e.m, w.value_digits)) is not None:
            blocks[(e.dimension, None, value)].append(i)
    return [ms for key, ms in blocks.items() if key[1] is not None or len(ms) <= w.value_block_most]


def candidate_pairs(entries: list[_Entry], w: Weights):
    """(i, j) of entries in different documents that share a block (_blocks). Within a
    block, members are sorted by metric, period and scope, and each is compared with the `window`
    members after it (the sorted-neighbourhood method): all pairs of a small block, and a number
    of comparisons linear in a large one's size."""
    window = w.window
    blocks = _blocks(entries, w)
    docs = [e.m.doc.id for e in entries]
    order = [_block_order(e.m) for e in entries]  # once per entry, not once per block it is in
    values = [_value_order(e.m) for e in entries]
    seen = set()
    for members in blocks:
        passes = [(sorted(members, key=order.__getitem__), window)]
        if len(members) > window + 1:  # the window cuts it: a second pass by value (_value_order)
            passes.append((sorted(members, key=values.__getitem__), w.value_window))
        for ms, size in passes:
            for x, i in enumerate(ms):
                doc = docs[i]
                for j in ms[x + 1:x + 1 + size]:
                    if docs[j] == doc:
                        continue
                    pair = (i, j) if i < j else (j, i)
                    if pair not in seen:
                        seen.add(pair)
                        yield pair


def _value_key(m: Mention, digits: int) -> tuple | None:
    """A second block for an amount of money that names its metric and writes at least `digits` significant
    digits (rules/linking.toml value_block_digits): its metric, unit and value, whatever company it
    is read as (170亿美元 read as 艾仕得's, "$17bn" as Akzo Nobel's: one deal's combined revenue). The
    companies still count in the score; the block only lets the two be compared."""
    f = m.fig
    if f.kind != "currency" or not m.metric or len(f.bounds) > 1 or not f.value or \
            significant_digits(f.number) < digits:
        return None  # (a rate, 12.5%, is two companies' as often as one's)
    return m.metric, f.unit, float(f"{f.value:.3g}")


def _value_order(m: Mention) -> tuple:
    """A block's second order, for the pairs its first one's window misses in a large block (a company
    of hundreds of figures): by amount, in dollars for money, so that one fact's mentions, whatever
    metric or period each was read with, stand side by side (250億美元 read as investment and 约为250亿美元
    as capex). The value only finds the pair; the score still decides."""
    value = _in_dollars(m) if m.fig.kind == "currency" else m.fig.value
    return (value if value is not None and math.isfinite(value) else math.inf, m.doc.path, m.record["line"], m.record["column"])


def _block_order(m: Mention) -> tuple:
    return (m.metric or "", m.period or "", m.scope, m.doc.path, m.record["line"], m.record["column"])


def counted_key(m: Mention) -> frozenset[str]:
    """What a count counts (or a rank ranks), comparably: the groups of alike words its noun is in
    (units/lexicon.toml [classifier_alike]: 辆 and 台 share one; [counted_nouns]: vehicles and
    deliveries), else the word itself ("en:=phone", an English noun as segments.singular keys it).
    Empty for no noun, a noun that counts anything (个, units), or not a count."""
    c = m.fig.classifier
    if m.fig.kind not in ("count", "rank") or not c:  # (a rank's noun: what it ranks)
        return frozenset()
    script, word = ("en:", singular(c.lower())) if c.isascii() else ("zh:", c)
    groups = _alike().get(word, ("=" + word,))
    return frozenset(script + g for g in groups if g != _GENERAL)


def _counts_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two counts' keys name different things: both in one script, with nothing in common (a
    Chinese measure word and an English noun are not compared)."""
    return bool(a and b and a.isdisjoint(b) and next(iter(a))[:3] == next(iter(b))[:3])


def _alike() -> dict[str, tuple[str, ...]]:
    return data().memo(_alike_groups)


_GENERAL = "*"  # the group of a word that counts anything (个, units)


def _alike_groups(d) -> dict[str, tuple[str, ...]]:
    from reconcile.extraction.normalize import normalize

    spec = d.toml("lexicon.toml")["classifier_alike"]
    out: dict[str, list[str]] = {}
    for n, group in enumerate(spec["groups"]):
        for word in group:
            out.setdefault(normalize(word), []).append(str(n))
    for word, n in d.memo(_counted_nouns)[0].items():
        if word.isascii():
            out.setdefault(word, []).append(f"e{n}")
    for word in spec.get("general", ()):
        out[normalize(word) if not word.isascii() else singular(word.lower())] = [_GENERAL]
    return {w: tuple(g) for w, g in out.items()}


def _chinese_counted(m: Mention) -> int | None:
    """The [counted_nouns] group of the Chinese noun a count counts: after its number and measure
    word (and 的), the last of the listed nouns written one after another (企业客户: customers)."""
    groups, chinese, most = data().memo(_counted_nouns)
    text, i = m.doc.text, m.fig.end
    while i < len(text) and text[i] in " \u3000的":
        i += 1
    head, at = None, 0
    for start, end, word in chinese.scan(text[i:i + 3 * most]):
        if start != at:
            break
        head, at = word, end
    return groups[head] if head else None


def _counted_nouns(d) -> tuple[dict[str, int], WordScanner, int]:
    """units/lexicon.toml [counted_nouns]: each noun (English as singular() keys it) -> its group;
    the Chinese ones as a scanner, and the length of the longest."""
    groups: dict[str, int] = {}
    for n, group in enumerate(d.toml("lexicon.toml")["counted_nouns"]["groups"]):
        for word in group:
            groups[singular(word.lower()) if word.isascii() else word] = n
    chinese = [w for w in groups if not w.isascii()]
    return groups, WordScanner({w: w for w in chinese}), max(map(len, chinese), default=0)


def _forbidden(levels: dict[str, str]) -> bool:
    """Two explicit periods, two scopes of one family or two counted nouns that differ: never one fact."""
    return levels["period"] == "different" or levels["scope"] == "different" or levels["counted"] == "different"


def _same_document_clash(a: Mention, b: Mention) -> bool:
    """Two figures of one document that cannot state one value: two facts. A stated conversion
    (1.2万亿元（约1760亿美元）) restates its figure, and two currencies that convert into each other
    at rules/fx.toml's rates state one amount: no clash."""
    if a.doc.id != b.doc.id or a.restates == b.id or b.restates == a.id:
        return False
    if a.fig.unit != b.fig.unit:
        # 3800亿元 in the lead and "about $53 billion" paragraphs later: one amount, converted
        return not (a.fig.kind == b.fig.kind == "currency" and converts(a.fig, b.fig))
    return a.fig.high < b.fig.low or b.fig.high < a.fig.low


_YEAR = re.compile(r"\d{4}")


def _periods_may_join(p: str, q: str) -> bool:
    """Two explicit periods a group may hold: one, or one within the other (2025Q3 in 2025), or a
    span from the article's date against a year ("over the next three years" and "through 2028"
    are read as next:3y and 2028, one pledge as often as not, as a pair may link), or a fiscal year
    and the calendar year of its number (copy is loose about a whole year: "$80 billion in fiscal
    2025" and "in 2025"). Fiscal quarters against calendar ones stay apart: an Nvidia group mixed
    two revenues when they did not."""
    relation = period_relation(p, q)
    if relation in ("same", "nested"):
        return True
    return relation == "other" and any(x.startswith("next:") and _YEAR.fullmatch(y) or x == "FY" + y and _YEAR.fullmatch(y)
                                       for x, y in ((p, q), (q, p)))


@dataclass
class _Cluster:
    """What a forming group holds that a merge must not contradict: its explicit periods (two
    that differ are two facts, unless one lies within the other: a pair links across 2025 and
    2025Q3, a period written loosely, and so may the groups: _periods_may_join), its
    scopes, its counted nouns, and its mentions by document (each set has at most one member in a
    consistent group, so a merge is checked in time independent of the groups' sizes)."""
    members: list[int]
    periods: set = field(default_factory=set)
    scopes: dict = field(default_factory=dict)  # scope family -> its members in the group
    counted: dict = field(default_factory=dict)  # script -> the keys all its counts share
    by_doc: dict = field(default_factory=dict)
    amounts: dict = field(default_factory=dict)  # _amount()'s unit -> _Amounts

    @classmethod
    def of(cls, i: int, e: _Entry, family: dict[str, str]) -> _Cluster:
        m = e.m
        c = cls([i], by_doc={m.doc.id: [m]})
        amount = _amount(m)
        if amount:
            c.amounts[amount[0]] = _Amounts(amount[1], amount[1], [amount[1:]])
            usd = _in_dollars(m)
            if usd:  # and every amount of money again in dollars, across currencies
                c.amounts[_MONEY] = _Amounts(usd, usd, [(usd, amount[2], amount[0])])
        # a group's periods are those written in its figures' own clauses: one elsewhere in the
        # sentence may be another figure's ("…$14 billion, up from 2024's valuation…")
        if e.period and period_where(m.period_how) == "clause":
            c.periods.add(e.period)
        c.scopes = {f: {s} for f, s in _by_family(e.scope, family).items()}
        if e.counted:
            c.counted[next(iter(e.counted))[:3]] = e.counted
        return c

    @classmethod
    def of_members(cls, ks: list[int], entries: list[_Entry], family: dict[str, str]) -> _Cluster:
        c = cls.of(ks[0], entries[ks[0]], family)
        for k in ks[1:]:
            c.absorb(cls.of(k, entries[k], family))
        return c

    def may_join(self, other: _Cluster, cap: float = math.inf, money_cap: float = math.inf,
                 two_changes: float = math.inf) -> bool:
        return self.compatible(other, cap, money_cap, two_changes) and next(self.clashing(other), None) is None

    def compatible(self, other: _Cluster, cap: float = math.inf, money_cap: float = math.inf,
                   two_changes: float = math.inf) -> bool:
        """may_join() but for the documents' own figures: periods, counted nouns, scopes, amounts."""
        return not (any(not _periods_may_join(p, q) for p in self.periods for q in other.periods) or
                    any(_counts_differ(k, other.counted.get(script, k)) for script, k in self.counted.items()) or
                    any(len(ms | other.scopes.get(f, set())) > 1 for f, ms in self.scopes.items()) or
                    any((_far_apart_money(xs, other.amounts.get(unit), money_cap, two_changes) if unit == _MONEY
                         else _far_apart(xs, other.amounts.get(unit), cap, two_changes))
                        for unit, xs in self.amounts.items()))

    def clashing(self, other: _Cluster):
        """The documents of which the two groups hold figures that cannot state one value (each set
        has at most one member in a consistent group: the time is independent of the groups' sizes
        but for the documents they share)."""
        small, large = (self.by_doc, other.by_doc) if len(self.by_doc) < len(other.by_doc) else (other.by_doc, self.by_doc)
        return (doc for doc, ms in small.items()
                if any(_same_document_clash(x, y) for x in ms for y in large.get(doc, ())))

    def absorb(self, other: _Cluster) -> None:
        self.members += other.members
        self.periods |= other.periods
        for f, ms in other.scopes.items():
            self.scopes.setdefault(f, set()).update(ms)
        for script, k in other.counted.items():
            self.counted[script] = self.counted[script] & k if script in self.counted else k
        for doc, ms in other.by_doc.items():
            self.by_doc.setdefault(doc, []).extend(ms)
        for unit, xs in other.amounts.items():
            mine = self.amounts.get(unit)
            if mine is None:
                self.amounts[unit] = xs
            else:
                mine.low, mine.high = min(mine.low, xs.low), max(mine.high, xs.high)
                mine.values += xs.values


def _amount(m: Mention) -> tuple[str, float, float] | None:
    """(unit, amount, number as written) of a figure; None for a range, a lower bound (突破千亿元,
    more than $10 billion: a larger figure may state the same fact, and copy rounds a bound far
    down) or a figure without a positive amount. Amounts are compared in one unit only: a stated
    conversion (USD15.9 billion for 1,131 亿元) has other digits, and a slip against it would look
    like two facts."""
    f = m.fig
    if len(f.bounds) > 1 or not (f.value and f.value > 0 and math.isfinite(f.value) and math.isfinite(f.high)):
        return None
    return f.unit, f.value, f.number


# Amounts of money in two currencies are compared too, in dollars at rules/fx.toml's rates
# (rules/linking.toml money_apart). The same number in two currencies is a slip's shape
# (could_be_mistyped), never kept apart so.
_MONEY = "money in dollars"


def _in_dollars(m: Mention) -> float | None:
    return convert(m.fig.value, m.fig.unit, "USD") if m.fig.kind == "currency" and has_rate(m.fig.unit) else None


@dataclass(slots=True)
class _Amounts:
    """A forming group's amounts in one unit: their range, and each (amount, number as written), or
    for _MONEY each (dollars, number as written, currency)."""
    low: float
    high: float
    values: list


def _far_apart(xs: _Amounts, ys: _Amounts | None, cap: float, two_changes: float = math.inf) -> bool:
    """Does some amount of `xs` lie more than `cap` times from some amount of `ys`, neither one
    the other mistyped (_may_slip)? On the real-copy corpus such pairs were two
    facts, so they are kept in two groups: a $600 target price must not hold a $0.01 exercise
    price's group, keeping that price's other mentions out. Constant time while the two groups'
    amounts lie within `cap` of each other."""
    if ys is None or max(xs.high, ys.high) <= min(xs.low, ys.low) * cap:
        return False
    return any(max(a, b) > min(a, b) * cap and not _may_slip(a, na, b, nb, two_changes)
               for a, na in xs.values if a * cap < ys.high or ys.low * cap < a for b, nb in ys.values)


def _may_slip(a: float, na: float, b: float, nb: float, two_changes: float) -> bool:
    """Could amount `a` (written `na`) be `b` (written `nb`) mistyped: intervals.could_be_mistyped,
    by one change (the number or its magnitude word) when they are `two_changes` times apart or
    more (近20亿美元 and 近20美元: a word dropped; "$3 billion" and "$30,000" change both: two
    facts; rules/rules.toml two_change_power)?"""
    return could_be_mistyped(na, nb) and (max(a, b) < min(a, b) * two_changes
                                           or not number_and_word_differ(a, na, b, nb))


def _far_apart_money(xs: _Amounts, ys: _Amounts | None, cap: float, two_changes: float = math.inf) -> bool:
    """_far_apart() for amounts of money in dollars, across currencies only (one currency's amounts
    are compared as written), and never for an amount that may be a slip of one in its own currency
    on the other side (2.570万美元 beside $25.7 million and CNY177 million: a slip of the one, so of
    their fact)."""
    if ys is None or max(xs.high, ys.high) <= min(xs.low, ys.low) * cap:
        return False

    def slips(x, zs) -> bool:
        return any(z[2] == x[2] and _may_slip(x[0], x[1], z[0], z[1], two_changes) for z in zs)

    return any(max(x[0], y[0]) > min(x[0], y[0]) * cap and x[2] != y[2] and not _may_slip(x[0], x[1], y[0], y[1], two_changes)
               and not slips(x, ys.values) and not slips(y, xs.values)
               for x in xs.values if x[0] * cap < ys.high or ys.low * cap < x[0] for y in ys.values)


def _scored_pairs(entries: list[_Entry], w: Weights, near_slips: dict | None = None,
                  order_key: bool = False) -> list[tuple]:
    """(-score, i, j) of every candidate pair (candidate_pairs: i < j, from _blocks) that links (score() at or
    above the threshold, no forbidden level), in no order (link() sorts them): what compare() and score() give pair by
    pair, computed from each entry's fields read once, and without the pairs that cannot link
    whatever their other fields. Within a block, members are sorted by metric first, so a member's
    window is a run of its own metric and then runs of other metrics: when a different metric
    alone loses more than a pair may (rules/linking.toml), only the runs of a related metric
    (metrics.toml parent and related) are compared. A pair in several blocks is compared in each, and kept
    once. With `order_key`, (-score, disagreeing, i, j): link()'s order, sorted as they are (disagreeing:
    the two figures' units or intervals differ)."""
    floor = _Floor(w)
    slack, lost = floor.slack, floor.lost
    family, cuts, bands, window = w.scope_family, w.clause_cuts, w.date_days, w.window
    defaults = w.unsaid_scopes
    daily, day_days, between = w.daily, w.day_days, w.between

    def table(f: str) -> dict[str, float]:  # score() adds nothing for a field or level without a weight
        t = w.fields.get(f) or {}
        return {lvl: t.get(lvl, 0.0) for lvl in LEVELS[f]}

    w_entity, w_metric, w_scope, w_period, w_clause, w_alone, w_counted, w_segment, w_dates, w_neighbours = (
        table(f) for f in ("entity", "metric", "scope", "period", "clause", "alone", "counted", "segment", "dates",
                           "neighbours"))
    l_entity, l_metric, l_scope, l_period, l_clause, l_alone, l_segment, l_dates, l_neighbours = (
        lost[f] for f in ("entity", "metric", "scope", "period", "clause", "alone", "segment", "dates", "neighbours"))
    segmented, implied_alone = w.segmented, w.implied_alone
    l_clause_least = min(l_clause.values())
    any_different = l_metric["different"] + l_alone["other"] <= slack
    high, mid = cuts
    week, quarter = bands

    doc_index: dict[str, int] = {}
    features = []
    for e in entries:
        m = e.m
        doc = m.doc
        features.append((
            doc_index.setdefault(doc.id, len(doc_index)), m.metric, e.actor, e.participants,
            _explicit(m.entity_how), e.scope, e.period, _explicit(m.period_how), e.counted, doc.lang,
            _day(doc.date) if doc.date else None, e.rivals, e.shingles))
    near = [e.m.neighbours for e in entries]
    # A pair whose figures write the same digits at values a slip gives (185.49亿 and 185.49万, $8.46
    # billion and 8.46 billion yuan) may score `slip_margin` less: a slip's two sides (near_slips), for XD001.
    margin = w.slip_margin if near_slips is not None else 0.0
    digits = [_digit_key(e.m, w, near=True) if margin else None for e in entries]
    near_units = [frozenset(k.partition(" ")[0] for k in n) for n in near]
    docs, actors, parts, named, days, rivals = ([f[k] for f in features] for k in (0, 2, 3, 4, 10, 11))
    metrics = [_compared_metric(e.m, w) for e in entries]
    trading = [_trading_day(e.m) if e.m.metric in daily else None for e in entries]
    segments = [e.m.segment for e in entries]

    scopes, periods, explicit, counted, langs, words = ([f[k] for f in features] for k in (5, 6, 7, 8, 9, 12))
    dated = [_dated(e.m.period_how) for e in entries]
    threshold = w.threshold
    spans = [(e.m.fig.unit, e.m.fig.low, e.m.fig.high) for e in entries] if order_key else None

    relations: dict[tuple[str, str], str] = {}
    scope_levels: dict[tuple, str] = {}  # _scope_level() of two scopes, read once
    related = w.related
    kept: list[tuple] = []  # (-score, i, j), or with order_key (-score, disagreeing, i, j); i < j
    # each entry's partners in `kept`, both ways: a pair met again (in another block, or in the
    # second pass) is skipped by a lookup in a small set, not in a dict of every linking pair
    linked: list[set[int]] = [set() for _ in entries]

    def compare_row(i: int, js: list[int]) -> None:
        """Add each (i, j) of j in `js` (of another document than i's) that links to `kept`, with
        its score: compare() and score() inline, i's fields read once for the row. (Every level
        is symmetric in the two mentions, so a pair is compared as (i, j) whichever comes first.)
        The levels' losses only prune, where a pair's fate is known: a loss only grows as levels
        are added, so a test that comes later drops the same pairs as one earlier would."""
        doc = docs[i]
        xa, ra, aa, pa_parts, na, da = metrics[i], rivals[i], actors[i], parts[i], named[i], days[i]
        sa, pa, ea, ca, la, sha = scopes[i], periods[i], explicit[i], counted[i], langs[i], words[i]
        entry_i = entries[i]
        xa_daily, xa_segmented = xa in daily, xa in segmented
        ga = segments[i]
        da_digits = digits[i]
        near_a, units_a = near[i], near_units[i]
        linked_i = linked[i]
        for j in js:
            if docs[j] == doc or j in linked_i:
                continue
            # a pair that may be a slip (its leading digits alike) may lose `margin` more; whether its
            # figures are written so (_writes_digits, costly) is asked only of a pair that then scores
            # in that margin: a pair it prunes cannot reach the threshold, nor the margin without it
            maybe_slip = da_digits is not None and da_digits == digits[j]
            room = slack + margin if maybe_slip else slack
            xb = metrics[j]
            # metric and alone
            rb = rivals[j]
            most = ra if ra > rb else rb
            if xa and xa == xb and (most == 1 or xa not in implied_alone):
                metric = "same"
                alone = "unique" if most == 1 else ("few" if most <= 3 else "many")
            else:
                alone = "other"
                if not xa or not xb or xa[0] == "~" or xb[0] == "~":
                    metric = "unknown"
                    if most == 1 and _one_implied(xa, xb):
                        alone = "implied"  # as compare()
                elif (xa, xb) in related:
                    metric = "related"
                else:
                    metric = "different"
            # entity
            ab = actors[j]
            if aa and aa == ab:
                entity = "same" if na and named[j] else "same_inferred"
            elif _two_parties(features[i][1], features[j][1], between) and _one_deal(aa, pa_parts, ab, parts[j]):
                entity = "same_inferred"  # as _entity_level(): the parties of one deal
            elif (aa and aa in parts[j]) or (ab and ab in pa_parts):
                entity = "participant"
            elif not aa or not ab:
                entity = "unknown"
            else:
                entity = "different"
            # dates
            db = days[j]
            if da is None or db is None:
                dates = "unknown"
            else:
                gap = da - db if da > db else db - da
                dates = "week" if gap <= week else ("quarter" if gap <= quarter else "apart")
            # neighbours (as _neighbours_level()) with the dates: cheap, and most pairs share none (a
            # loss of 2.9). Where a level is tested only prunes: the score is summed below as ever.
            near_b = near[j]
            if not near_a or not near_b:
                neighbours = "nothing"
            elif not near_a.isdisjoint(near_b):
                neighbours = "shared"
            else:
                neighbours = "nothing" if units_a.isdisjoint(near_units[j]) else "none"
            # segment: most pairs write none (a loss of 1)
            gb = segments[j]  # as _segment_level()
            if ga and gb:
                if not ga.isdisjoint(gb):
                    segment = "same"
                elif segments_differ(ga, gb):
                    segment = "different"
                else:
                    segment = "other_language"
            elif (ga or gb) and xa_segmented and xb in segmented:
                segment = "one_sided"
            else:
                segment = "none"
            loss = l_metric[metric] + l_alone[alone]
            loss += l_entity[entity]
            if loss + l_dates[dates] + l_neighbours[neighbours] + l_segment[segment] > room:
                continue
            # scope, period, counted: the forbidding levels
            sb = scopes[j]
            if sa == sb:
                scope = "same"
            else:
                scope = scope_levels.get((sa, sb))
                if scope is None:
                    scope = scope_levels[(sa, sb)] = _scope_level(sa, sb, family, defaults)
            if scope == "different":
                continue
            pb = periods[j]
            if pa and pa == pb:
                period = "same" if ea and explicit[j] else "same_inferred"
            elif not pa or not pb:
                period = "unknown"
            else:
                relation = relations.get((pa, pb))
                if relation is None:
                    relation = relations[(pa, pb)] = period_relation(pa, pb)
                if relation == "other":
                    period = "incomparable"
                elif relation == "nested":
                    period = "nested"
                else:
                    period = ("different_inferred", "different_one_inferred", "different")[dated[i] + dated[j]]
                    if period == "different":
                        continue
            if xa_daily and xb in daily and _days_differ(trading[i], trading[j], day_days):
                continue  # a daily fact on two trading days: period "different", as compare() has it
            if ca and (cb := counted[j]) and _counts_differ(ca, cb):
                continue
            loss += l_dates[dates] + l_scope[scope] + l_period[period] + l_segment[segment] + l_neighbours[neighbours]
            if loss + l_clause_least > room:
                continue
            # the wording, last
            if la != langs[j]:
                clause = _other_language_level(entry_i.concepts(), entries[j].concepts(), w.concept_cuts)
            else:
                shb = words[j]
                if sha and shb:
                    shared = len(sha & shb)
                    sim = shared / (len(sha) + len(shb) - shared)  # len(sha | shb), without building the union
                else:
                    sim = 0.0
                clause = "high" if sim >= high else ("mid" if sim >= mid else "low")
            s = 0.0
            s += w_entity[entity]
            s += w_metric[metric]
            s += w_scope[scope]
            s += w_period[period]
            s += w_clause[clause]
            s += w_alone[alone]
            s += w_counted["same"]
            s += w_segment[segment]
            s += w_dates[dates]
            s += w_neighbours[neighbours]
            if s >= threshold:
                if spans is None:
                    kept.append((-s, i, j) if i < j else (-s, j, i))
                else:
                    (unit_a, low_a, high_a), (unit_b, low_b, high_b) = spans[i], spans[j]
                    apart = unit_a != unit_b or low_a > high_b or low_b > high_a
                    kept.append((-s, apart, i, j) if i < j else (-s, apart, j, i))
                linked_i.add(j)
                linked[j].add(i)
            elif maybe_slip and s >= threshold - margin and _writes_digits(entry_i.m, entries[j].m, w):
                near_slips[(i, j) if i < j else (j, i)] = s

    order = [_block_order(e.m) for e in entries]
    values, value_window = [_value_order(e.m) for e in entries], w.value_window
    # A bare entry (no values beside it, no segment) loses the most for its neighbours and at least the
    # least for its segment with anyone: when that and a different metric lose more than a pair may, it is
    # compared with another metric's run only where the two may be a slip (same leading digits, `margin`).
    bare_loses = l_metric["different"] + l_alone["other"] + l_neighbours["nothing"] + \
        min(l_segment["none"], l_segment["one_sided"]) + min(l_entity.values()) + min(l_dates.values())
    bare = [any_different and bare_loses > slack + 1e-6 and not near[k] and not segments[k] and bool(e.m.metric)
            and e.m.metric[0] != "~" for k, e in enumerate(entries)]
    for members in _blocks(entries, w):
        ms = sorted(members, key=order.__getitem__)
        n = len(ms)
        keys = [features[i][1] or "" for i in ms]
        run_end = [n] * n  # the first position after each one's run of its metric
        for x in range(n - 2, -1, -1):
            run_end[x] = run_end[x + 1] if keys[x] == keys[x + 1] else x + 1
        for x, i in enumerate(ms):
            lim = min(n, x + 1 + window)
            metric = keys[x]
            end = lim if (not metric or any_different and not bare[i]) else min(run_end[x], lim)
            compare_row(i, ms[x + 1:end])
            p = end
            while p < lim:  # runs of other metrics: only a related one can link (or, from a bare entry, a slip)
                other = keys[p]
                stop = min(run_end[p], lim)
                if (metric, other) in related or any_different and (not other or other[0] == "~"):
                    compare_row(i, ms[p:stop])
                elif any_different and (slip := digits[i]) is not None:
                    compare_row(i, [j for j in ms[p:stop] if digits[j] == slip])
                p = stop
        if n > window + 1:  # the window cut this block: a second pass, its members by value
            by_value = sorted(members, key=values.__getitem__)
            # When the first pass compared every metric, a pair within `window` of each other in
            # its order was compared there: a second time would give the same (a third of this pass).
            at = {k: x for x, k in enumerate(ms)} if any_different else None
            for x, i in enumerate(by_value):
                js = by_value[x + 1:x + 1 + value_window]
                if at is not None:
                    here = at[i]
                    js = [j for j in js if not -window <= at[j] - here <= window]
                compare_row(i, js)
    return kept  # link() orders them


def link(mentions: list[Mention], w: Weights | None = None) -> list[Group]:
    """Groups of mentions that state one fact (linked across documents); every other linkable
    mention is a group of its own (see Group.linked)."""
    w = w or weights()
    listed = listed_entities()
    aliases = Aliases(mentions, listed, align=True)
    adopt_anonymous(mentions, aliases, not_companies())
    entries = _entries(mentions, aliases, count_rivals=True)
    near_slips: dict[tuple[int, int], float] = {}
    # Of pairs that score alike, those whose figures agree join first. A group holds one figure per
    # document: when an article states two values for what reads as one fact (the valuation before
    # the round and after it), the one another article agrees with takes the seat, rather than the
    # one written first. The value only orders equal scores: it never makes a link. (-score,
    # disagreeing, i, j), sorted as tuples: the disagreeing after; not _agree(), read from the spans.
    scored = _scored_pairs(entries, w, near_slips, order_key=True)
    scored.sort()

    # Greedy, best pairs first; two groups join unless a forbidden pair would be in one.
    parent = list(range(len(entries)))
    clusters = {i: _Cluster.of(i, e, w.scope_family) for i, e in enumerate(entries)}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    # Two groups that may not join never may while they only grow: each check asks whether any
    # member of one contradicts any of the other. So a refusal is remembered by the groups' roots
    # and generations: a join that leaves a stray out (_join_without) makes the joined group and
    # the stray new groups, whose refusals start afresh.
    refused: set[tuple[int, int, int, int]] = set()
    generation: dict[int, int] = defaultdict(int)
    slips: list[tuple[int, int]] = []  # linked pairs kept apart whose figures write the same digits
    lead = [_digit_key(e.m, w) for e in entries]  # a cheap test first: a pair may be refused again and again
    # how many linking pairs lie across each two groups (by their roots), for join_density
    cross: dict[int, Counter] = defaultdict(Counter)
    partners: dict[int, list[int]] = defaultdict(list)  # each entry's linking pairs, should it leave a group
    for _, _, i, j in scored:
        partners[i].append(j)
        partners[j].append(i)
    for i, ps in partners.items():  # (a Counter of a dict: filled in native code)
        cross[i] = Counter(dict.fromkeys(ps, 1))
    density = w.join_density
    for _, _, i, j in scored:
        ri = i if parent[i] == i else find(i)  # (most entries are their own root: no call)
        rj = j if parent[j] == j else find(j)
        if ri == rj:
            continue
        gi, gj = generation[ri], generation[rj]
        key = (ri, gi, rj, gj) if ri < rj else (rj, gj, ri, gi)  # (ri != rj: the smaller root first)
        if key in refused and (lead[i] is None or lead[i] != lead[j]):
            continue  # refused before, and no slip to note (below): the cheapest test first
        size_i, size_j = len(clusters[ri].members), len(clusters[rj].members)
        if size_i > 1 and size_j > 1:  # (a figure alone joins on its pair: _dense_enough)
            if not _dense_enough(cross[ri][rj], size_i, size_j, density):
                continue  # one pair is not enough to join two groups: a chain of single links mixes facts
            if _entity_level(entries[i], entries[j], _two_parties(entries[i].m.metric, entries[j].m.metric, w.between)) \
                    not in ("same", "same_inferred") and not _part_of(entries[i].actor, entries[j].actor):
                continue  # two groups join only through a pair of one company (the same, inferred, or a deal's two
                # parties), never through a participant's or an unknown company's figure
        strays = None if key in refused else _strays(clusters[ri], clusters[rj], entries[i].m, entries[j].m, w)
        if strays == _OTHER_PAIR:
            continue  # its own figure would leave: maybe through another pair
        if strays is None:
            refused.add(key)
            if lead[i] is not None and lead[i] == lead[j] and _writes_digits(entries[i].m, entries[j].m, w):
                slips.append((i, j))
            continue
        if strays:
            for r in _join_without(strays, ri, rj, clusters, parent, cross, partners, find, entries, w):
                generation[r] += 1
            continue
        if len(clusters[ri].members) < len(clusters[rj].members):
            ri, rj = rj, ri
        parent[rj] = ri
        clusters[ri].absorb(clusters.pop(rj))
        mine = cross[ri]
        for c, n in cross.pop(rj, {}).items():  # rj's links to other groups are now ri's
            if c != ri:
                theirs = cross[c]
                mine[c] = mine.get(c, 0) + n  # (the dict's own methods: a Counter's += and del run in Python)
                theirs[ri] = theirs.get(ri, 0) + n
                theirs.pop(rj, None)
        cross[ri].pop(rj, None)

    _seat_the_agreeing(clusters, parent, entries, scored, w)

    groups = []
    group_of = {}
    for root, cluster in clusters.items():
        idx = cluster.members
        ms = sorted((entries[i].m for i in idx), key=lambda m: (m.doc.path, m.record["line"], m.record["column"]))
        ents = [entries[i] for i in idx]
        key = (_most_common(e.actor for e in ents), _most_common(m.metric for m in ms),
               ents[0].dimension, _most_common(m.period for m in ms))
        groups.append(Group(key, ms))
        group_of[root] = groups[-1]
    # A slip's suspect is the side in the smaller group (the copy that strayed), its best pair only.
    slips += [(i, j) for _, i, j in sorted((-s, i, j) for (i, j), s in near_slips.items())]
    suspects = set()
    for i, j in slips:  # best pairs first: linked ones, then near ones
        gi, gj = group_of[find(i)], group_of[find(j)]
        if gi is gj:
            continue
        (s, ref), g = ((i, j), gi) if len(gi.mentions) <= len(gj.mentions) else ((j, i), gj)
        if s not in suspects:
            suspects.add(s)
            g.slips.append((entries[s].m, entries[ref].m))
    groups.sort(key=lambda g: (str(g.key), g.mentions[0].id))
    return groups


_OTHER_PAIR = "another pair"  # _strays: not through this pair, whose own figure would leave; maybe another


def _strays(a: _Cluster, b: _Cluster, i: Mention, j: Mention, w: Weights) -> list[Mention] | str | None:
    """May two groups join, linked by the pair (i, j): None when not (_Cluster.may_join), else the
    figures that must leave them first ([] for none; _OTHER_PAIR when one of them is i or j). A
    document whose figures in the two groups clash (this year's and last year's operating income,
    one group having taken the wrong one through a looser pair) keeps the one that agrees with the
    other documents' figures of both groups: at least two of them, more than twice as many as each
    it clashes with, and more of the leaving figure's own group than it does (else the two groups
    are two facts: a company's selling and research costs). Those leave, each a group of its own,
    free to join another. The value decides only between two figures of one document that both
    link, as in _seat_the_agreeing: a figure alone in its document keeps its seat, so a real
    disagreement is still reported; and so does a document of which the two groups hold the kept
    value twice or more and another once (a title's and a lead's 500亿美元 and a body's 5000亿美元:
    at odds with itself, not two facts), or the kept figure's digits in another unit, currency or
    magnitude (a slip to report, not another fact)."""
    if not a.compatible(b, w.ratio_cap, w.money_apart, w.two_changes):
        return None
    docs = list(a.clashing(b))
    if not docs:
        return []
    strays = []
    for doc in docs:
        here = [(m, c) for c in (a, b) for m in c.by_doc.get(doc, ())]
        agreed = {(id(m), id(c)): sum(_agree(m, o) for d, ms in c.by_doc.items() if d != doc for o in ms)
                  for m, _ in here for c in (a, b)}

        def agreeing(m: Mention) -> int:
            return agreed[id(m), id(a)] + agreed[id(m), id(b)]

        best = max((m for m, _ in here), key=agreeing)
        if agreeing(best) < 2 or sum(_agree(x, best) for x, _ in here) > 1:
            return None
        for m, own in here:
            if m is not best and _same_document_clash(m, best):
                if 2 * agreeing(m) >= agreeing(best) or agreed[id(best), id(own)] <= agreed[id(m), id(own)] or \
                        same_digits(m.fig.number, best.fig.number):
                    return None  # (the same digits: a slip of the kept figure, €100 billion for $100 billion)
                if m is i or m is j:
                    return _OTHER_PAIR
                strays.append(m)
        kept = [m for m, _ in here if m is best or not _same_document_clash(m, best)]
        if any(_same_document_clash(x, y) for x, y in itertools.combinations(kept, 2)):
            return None
    return strays


def _join_without(strays: list[Mention], ri: int, rj: int, clusters: dict[int, _Cluster], parent: list[int],
                  cross: dict[int, Counter], partners: dict[int, list[int]], find, entries: list[_Entry],
                  w: Weights) -> list[int]:
    """Join the groups of roots ri and rj, the strays (_strays) left out, each a group of its own;
    `cross` counts the pairs across groups again (a stray's pairs are its own now). Returns the
    roots whose groups changed: the joined group's and each stray's."""
    gone = {id(m) for m in strays}
    members = clusters.pop(ri).members + clusters.pop(rj).members
    kept = [k for k in members if id(entries[k].m) not in gone]
    out = [k for k in members if id(entries[k].m) in gone]
    root = next((r for r in (ri, rj) if id(entries[r].m) not in gone), kept[0])
    clusters[root] = _Cluster.of_members(kept, entries, w.scope_family)
    for k in kept:
        parent[k] = root
    for k in out:
        parent[k] = k
        clusters[k] = _Cluster.of(k, entries[k], w.scope_family)
    links = cross.pop(ri, Counter()) + cross.pop(rj, Counter())  # the pairs across, now the joined group's
    for old in (ri, rj, *out):
        links.pop(old, None)
    for c, n in links.items():
        cross[c].pop(ri, None)
        cross[c].pop(rj, None)
        cross[c][root] = n
    cross[root] = links
    for s in out:  # a stray's pairs: to the joined group now across; to another group, its own
        for p in partners.get(s, ()):
            r = find(p)
            if r == root or (r == p and p in out and s < p):
                cross[r][s] += 1
                cross[s][r] += 1
            elif r not in out:
                for x, y in ((root, r), (r, root)):
                    cross[x][y] -= 1
                    if cross[x][y] <= 0:
                        del cross[x][y]
                cross[r][s] += 1
                cross[s][r] += 1
    return [root, *out]


def _agree(a: Mention, b: Mention) -> bool:
    """Two figures of one unit whose intervals meet, ends touching (30.3% and 30.31%; 30% and 30.3%)."""
    return a.fig.unit == b.fig.unit and meets((a.fig.low, a.fig.high), (b.fig.low, b.fig.high), touching=True)


class _Agreeing:
    """How many of a group's figures agree with a figure (_agree), those of its own document left
    out: sorted bounds per unit, so a question costs a bisection, not a pass over the group."""

    def __init__(self, ms: list[Mention]):
        bounds: dict[str, tuple[list[float], list[float]]] = {}
        for m in ms:
            lows, highs = bounds.setdefault(m.fig.unit, ([], []))
            lows.append(m.fig.low)
            highs.append(m.fig.high)
        self.bounds = {u: (sorted(lo), sorted(hi)) for u, (lo, hi) in bounds.items()}
        self.by_doc: dict[str, list[Mention]] = defaultdict(list)
        for m in ms:
            self.by_doc[m.doc.id].append(m)

    def count(self, m: Mention) -> int:
        lows, highs = self.bounds.get(m.fig.unit, ((), ()))
        meeting = bisect.bisect_right(lows, m.fig.high) - bisect.bisect_left(highs, m.fig.low)
        return meeting - sum(_agree(m, o) for o in self.by_doc.get(m.doc.id, ()))


def _dense_enough(links: int, size_a: int, size_b: int, density: float) -> bool:
    """May two groups of several members each join: do at least `density` of the pairs across them
    link (rules/linking.toml join_density)? A group that joins another on one pair grows by a chain
    (revenue, then a segment's, then the segment's growth); a figure alone joins on its pair.
    `links`: how many pairs across the two link (kept per pair of groups as they form: an archive's
    groups grow to thousands, and counting them again at each try cost the square of their size)."""
    small, large = sorted((size_a, size_b))
    return not density or small < 2 or links >= density * small * large  # (one order: floats round)


def _seat_the_agreeing(clusters: dict[int, _Cluster], parent: list[int], entries: list[_Entry],
                       scored: list[tuple], w: Weights) -> None:
    """A group holds one figure per document, and the greedy merge seats whichever links first. Where
    the seated figure agrees with few of the group's other documents (a third or fewer), while
    another figure of its document, linked to the group and left alone, agrees with at least two
    of them and twice as many, the document's figure for this fact is that one: they trade places
    (TSMC's 40.8% had taken the seat of its article's 30.3%, which four other articles state). The
    value decides only between two figures of one document that both link; a figure alone in its
    document keeps its seat, so a real disagreement is still reported. One trade per group."""
    # The groups with a stray seat: root -> (who agrees with whom, document -> (seated figure, agreeing))
    open_seats: dict[int, tuple[_Agreeing, dict[str, tuple[int, int]]]] = {}
    for root, c in clusters.items():
        if len(c.by_doc) < 3:
            continue
        agreeing = _Agreeing([entries[k].m for k in c.members])
        n = len(c.members)
        strays: dict[str, tuple[int, int]] = {}
        for k in c.members:
            m = entries[k].m
            others = n - len(agreeing.by_doc[m.doc.id])
            if (agreed := agreeing.count(m)) * 3 <= others and agreed < strays.get(m.doc.id, (k, n))[1]:
                strays[m.doc.id] = (k, agreed)
        if strays:
            open_seats[root] = (agreeing, strays)
    if not open_seats:
        return
    group_of = {k: root for root in open_seats for k in clusters[root].members}
    best: dict[int, tuple[int, int, int]] = {}  # root -> (agreeing, candidate, the seated figure it replaces)
    for t in scored:  # (-score, …, i, j)
        i, j = t[-2], t[-1]
        if i not in group_of and j not in group_of:
            continue  # (most pairs: a cheap test first)
        for k, x in ((i, j), (j, i)):
            root = group_of.get(k)
            if root is None or parent[x] != x or len(clusters[x].members) != 1:
                continue
            agreeing, strays = open_seats[root]
            stray = strays.get(entries[x].m.doc.id)
            if stray is None:
                continue
            agreed = agreeing.count(entries[x].m)
            if agreed >= 2 and agreed > 2 * stray[1] and (root not in best or (agreed, -x) > best[root][:2]):
                best[root] = (agreed, -x, stray[0])
    for root, (_, minus_x, y) in sorted(best.items()):
        x = -minus_x
        if x not in clusters or len(clusters[x].members) != 1:
            continue  # seated in another group already
        rest = [k for k in clusters[root].members if k != y]
        rebuilt = _Cluster.of_members(rest, entries, w.scope_family)
        if not rebuilt.may_join(clusters[x], w.ratio_cap, w.money_apart, w.two_changes):
            continue
        rebuilt.absorb(clusters.pop(x))
        new_root = rest[0] if root == y else root
        del clusters[root]
        clusters[new_root] = rebuilt
        for k in rebuilt.members:
            parent[k] = new_root
        parent[y] = y
        clusters[y] = _Cluster.of(y, entries[y], w.scope_family)


def _digit_key(m: Mention, w: Weights, near: bool = False) -> str | None:
    """The first two significant digits of a figure written with `slip_digits` at least (else
    None): what the two figures of a slip (_writes_digits) share. For pairs that do not link
    (near), only plain amounts: no rate (25% and 2.5%), range or bound, whose digits coincide too
    often."""
    f = m.fig
    n = f.number
    if not n or not math.isfinite(n) or significant_digits(n) < w.slip_digits:
        return None
    if near and (f.unit in RATES or "range" in f.flags or "vague" in f.flags or math.isinf(f.high) or f.low <= 0):
        return None
    return leading_digits(n)


def _writes_digits(a: Mention, b: Mention, w: Weights) -> bool:
    """Do two figures write the same digits, `slip_digits` significant at least, at values a slip
    would give: another unit or currency of one kind, or amounts `slip_apart` times apart or more
    (185.49万元 and 185.49亿元; $8.46 billion and 8.46 billion yuan)? Fewer digits coincide too
    often (30万, 30亿). Tolerances in rules/linking.toml."""
    fa, fb = a.fig, b.fig
    if fa.kind != fb.kind or not fa.number or not fb.number or \
            min(significant_digits(fa.number), significant_digits(fb.number)) < w.slip_digits or \
            not same_digits(fa.number, fb.number):
        return False
    if fa.unit != fb.unit:
        return True
    low, high = sorted((abs(fa.value), abs(fb.value)))
    return low > 0 and high >= w.slip_apart * low


def _part_of(a: str | None, b: str | None) -> bool:
    """Is one company's name the other's followed by more words ("jd retail" of "jd"): a part of
    it, which Chinese copy names by the parent (京东零售收入 is jd's)?"""
    return bool(a and b) and (a.startswith(b + " ") or b.startswith(a + " "))


def _most_common(values) -> str | None:
    counts = Counter(v for v in values if v)
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


_WHY = {
    "entity": {"same": "the same company ({a})", "same_inferred": "the same company, inferred ({a})",
               "participant": "a shared company ({a})",
               "deal": "one deal's parties ({a})"},  # (no level: _reason's name for same_inferred of two actors)
    "metric": {"same": "the same metric ({m})", "related": "related metrics ({m} ~ {n})"},
    "period": {"same": "the same period ({p})", "same_inferred": "the same period, inferred ({p})"},
    "clause": {"high": "similar wording", "mid": "some shared wording", "other_language_high": "alike terms in two languages"},
    "alone": {"unique": "the only such figure in each article",
              "implied": "the only such figure in each article, one named, one implied by its unit or noun"},
    "neighbours": {"shared": "the same values beside them"},
}


_NO_ALIASES = Aliases([], set())


class Assessor:
    """strength() and assess() for many pairs of one corpus (a rule's run over its groups): what
    each mention is compared by, apart from its names, is read once (its wording, its counted
    noun), however many pairs it is in. Hold one only while the mentions are unchanged."""

    def __init__(self, w: Weights | None = None):
        self.w = w or weights()
        self._own: dict[int, tuple] = {}  # id(mention) -> (mention, its fields)
        # (id of a's aliases, id of b's) -> (the two dicts, their names joined, each mention's entry
        # under those names): one per pair of documents, however many of their figures' pairs are assessed
        self._joined: dict[tuple[int, int], tuple] = {}
        self._plain_entries: dict[int, tuple] = {}  # id(mention) -> (mention, its entry under no aliases)
        self._floor: _Floor | None = None

    def _entry(self, m: Mention, aliases: Aliases) -> _Entry | None:
        seen = self._own.get(id(m))
        if seen is None:  # the mention is kept with its fields, so its id is not reused meanwhile
            seen = self._own[id(m)] = (m, (dimension(m), shingles(m), counted_key(m)) if linkable(m) else None)
        if seen[1] is None:
            return None
        return _compared(_Entry(m, *_names(m, aliases), *seen[1], rivals=max(1, m.rivals)))

    def _plain(self, m: Mention) -> _Entry | None:
        """_entry() of a mention under no aliases, read once."""
        seen = self._plain_entries.get(id(m))
        if seen is None:
            seen = self._plain_entries[id(m)] = (m, self._entry(m, _NO_ALIASES))
        return seen[1]

    def _entries(self, a: Mention, b: Mention) -> tuple[_Entry | None, _Entry | None]:
        """The entries of two mentions, their names joined by their own documents' aliases (read once
        for each pair of documents, however many of their figures' pairs are assessed)."""
        if not a.aliases and not b.aliases:  # no bracketed names in either document: each name is itself
            return self._plain(a), self._plain(b)
        key = (id(a.aliases), id(b.aliases))
        joined = self._joined.get(key)
        if joined is None:  # (the dicts are kept with it, so their ids are not reused meanwhile)
            joined = self._joined[key] = (a.aliases, b.aliases, Aliases([a, b], listed_entities()), {})
        aliases, entries = joined[2], joined[3]
        if (ea := entries.get(id(a))) is None:
            ea = entries[id(a)] = self._entry(a, aliases)
        if (eb := entries.get(id(b))) is None:
            eb = entries[id(b)] = self._entry(b, aliases)
        return ea, eb

    def pair(self, a: Mention, b: Mention):
        """(levels, entry of a, entry of b) of two mentions, as linking compares them (their names
        joined by their own documents' brackets); None when one is not linkable."""
        ea, eb = self._entries(a, b)
        if ea is None or eb is None:
            return None
        return compare(ea, eb, self.w), ea, eb

    def may_link(self, a: Mention, b: Mention, assume: dict[str, str] | None = None) -> bool:
        """False only when strength(a, b, assume) is certainly below the threshold, from the two
        cheapest fields (the companies, the publication dates): a test before many strength()
        calls that mostly fail."""
        ea, eb = self._entries(a, b)
        if ea is None or eb is None:
            return False  # strength() is -inf
        assume = assume or {}
        floor = self._floor or self._set_floor()
        entity = assume.get("entity") or _entity_level(ea, eb, _two_parties(a.metric, b.metric, self.w.between))
        dates = assume.get("dates") or _dates_level(a, b, self.w.date_days)
        return floor.lost["entity"][entity] + floor.lost["dates"][dates] <= floor.slack

    def _set_floor(self) -> _Floor:
        self._floor = _Floor(self.w)
        return self._floor

    def strength(self, a: Mention, b: Mention, assume: dict[str, str] | None = None) -> float:
        """How sure the link between two mentions is: their score (linking.toml weights), -inf when
        they could never be linked; `assume` sets levels counterfactually ({"period": "same"}: how
        sure would it be if the periods agreed?)."""
        return _strength(self.pair(a, b), self.w, assume)

    def assess(self, a: Mention, b: Mention) -> tuple[float, str, dict[str, str] | None]:
        """strength(), why the two were linked in words (the fields that agree), and the fields'
        levels (None when the two are not linkable), from one comparison."""
        pair = self.pair(a, b)
        return _strength(pair, self.w), _reason(a, b, pair), pair[0] if pair else None


def _reason(a: Mention, b: Mention, pair) -> str:
    if pair is None:
        return "they were grouped with the same mentions"
    levels, ea, eb = pair
    # a metric its unit (implied_metric) or its counted noun implies
    metric = a.metric or f"{a.fig.classifier if a.fig.kind == 'count' else dimension(a)}, no metric word"
    actor = ea.actor or eb.actor
    deal = levels.get("entity") == "same_inferred" and ea.actor and eb.actor and ea.actor != eb.actor
    if deal:  # _one_deal(): two actors, one deal
        actor = ", ".join(sorted({ea.actor, eb.actor}))
    parts = [_WHY[f]["deal" if deal and f == "entity" else lvl].format(a=actor, m=metric, n=b.metric, p=a.period)
             for f, lvl in levels.items() if lvl in _WHY.get(f, {})]
    return ", ".join(parts) or "they were grouped with the same mentions"


def _strength(pair, w: Weights, assume: dict[str, str] | None = None) -> float:
    if pair is None:
        return -math.inf
    levels = {**pair[0], **(assume or {})}
    return -math.inf if _forbidden(levels) else score(levels, w)

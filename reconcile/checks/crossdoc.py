"""The cross-document rules: the mentions of one fact (a group from linking.py) against their
group's consensus."""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import replace
from functools import lru_cache

from reconcile import linking
from reconcile.checks.changes import written_as_decrease
from reconcile.checks.intervals import meets as interval_meets
from reconcile.checks.intervals import (last_digit_differs, number_and_word_differ, one_digit_changed, power_of_ten,
                                       same_digits, significant_digits, swapped, times_ten_to, written)
from reconcile.checks.types import Corpus, Rule, check_type
from reconcile.data.loader import data
from reconcile.extraction.lexicon import lexicon
from reconcile.fixes import agree_with
from reconcile.fx import convert, converts, has_rate, one_amount_rounded, rates
from reconcile.linking import Group
from reconcile.model import PERCENTS, SEVERITIES, Figure, Finding, Mention, period_explicit


def meets(a: Mention, b: Mention, touching: bool = False) -> bool:
    """Can two mentions state one value? Amounts in two currencies meet when one converts into the
    other within rules/fx.toml's tolerance, and never when only the currency word sets them apart
    (a currency slip), nor, in two articles, when one writes the other's amount rounded under its
    own currency (fx.one_amount_rounded). Two ranges agree bound by bound; two figures with the same qualifier (超30万
    vs 超30亿, 约1.4 vs 约2.4) are compared by what they state, before the qualifier widens them;
    otherwise the intervals meet."""
    fa, fb = a.fig, b.fig
    fall = _fall_in_words(a, b)
    if fall is a:
        fa = _negated(fa)  # -5.5% and "declined 5.5%" state one fall
    elif fall is b:
        fb = _negated(fb)
    if fa.kind == "currency" and fb.kind == "currency" and fa.unit != fb.unit:
        if converts(fa, fb) and (a.restates or b.restates or a.doc.id == b.doc.id
                                 or not one_amount_rounded(fa, fb, linking.weights().slip_digits)):
            return True
        if not comparable(fa, fb):
            return True  # a currency with no rate in rules/fx.toml: nothing shows they disagree
        if not _either_currency(fa, fb):
            return False
        fb = replace(fb, unit=fa.unit)  # a bare 元: the currencies may well be one
    if (a.restates or b.restates) and fa.unit == fb.unit:
        # A stated conversion (1.2万亿元（约1760亿美元）) is as precise as the rate it used.
        tolerance = rates()[1]
        return interval_meets((fa.low * (1 - tolerance), fa.high * (1 + tolerance)), (fb.low, fb.high), True)
    if _statement_unit(fa, fb, touching) or _statement_unit(fb, fa, touching):
        return True  # $306,835 in thousands
    if len(fa.bounds) == 2 and len(fb.bounds) == 2:
        return all(interval_meets(x, y, touching) for x, y in zip(fa.bounds, fb.bounds))
    if fa.qualifier and fa.qualifier == fb.qualifier and len(fa.bounds) == len(fb.bounds) == 1:
        return interval_meets(fa.bounds[0], fb.bounds[0], touching)
    if _open_bound_slip(fa, fb):
        return False
    return interval_meets((fa.low, fa.high), (fb.low, fb.high), touching) or truncates(fa, fb) or truncates(fb, fa)


def _statement_unit(full: Figure, other: Figure, touching: bool) -> str | None:
    """"thousands" or "millions" when `full` is an amount of money written to the unit, grouped in
    thousands, unrounded (four significant digits or more), with no magnitude word ($306,835), that states
    `other` read so (units/lexicon.toml [statement_amounts]): a filing's statements are in thousands
    of dollars, and a summary copies their figures without saying so. A round amount ($1,200,000
    against $1.2 billion) is no statement's figure: a magnitude slip, as before."""
    lex = lexicon()
    n = full.number
    if full.kind != "currency" or full.scale or full.unit != other.unit or "," not in full.text or len(full.bounds) != 1 \
            or len(other.bounds) != 1 or not (n >= lex.statement_least and float(n).is_integer()) \
            or significant_digits(n) < lex.statement_digits:
        return None
    for k, name in zip(lex.statement_factors, ("thousands", "millions")):
        if name == "millions" and n >= 1e6:
            break
        if interval_meets((full.low * k, full.high * k), (other.low, other.high), touching):
            return name
    return None


def _fall_in_words(a: Mention, b: Mention) -> Mention | None:
    """Of two rates of opposite signs, the positive one when its wording makes it a fall and the
    negative one's does not (同比下降5.5% and -5.5%; not 下降-5.5%, a double negative)."""
    fa, fb = a.fig, b.fig
    if fa.unit != fb.unit or fa.unit not in PERCENTS or (fa.value < 0) == (fb.value < 0):
        return None
    fall, minus = (a, b) if fb.value < 0 else (b, a)
    if len(fall.fig.bounds) == 1 and written_as_decrease(fall) and not written_as_decrease(minus):
        return fall
    return None


def _negated(f: Figure) -> Figure:
    return replace(f, value=-f.value, low=-f.high, high=-f.low, number=-f.number,
                   bounds=tuple((-hi, -lo) for lo, hi in f.bounds))


def _open_bound_slip(fa: Figure, fb: Figure) -> bool:
    """Does a bound with no end on one side (至少20亿, "more than $5 billion", 最多…) meet the other
    figure only through that open side, at the same digits a power of ten away (至少20亿美元 and
    200亿美元)? No writer bounds $20 billion by "at least $2 billion": a magnitude slip."""
    open_ended = math.isinf(fa.high) or math.isinf(fb.high) or fa.low == 0 or fb.low == 0
    if not open_ended or not (fa.value and fb.value and math.isfinite(fa.value) and math.isfinite(fb.value)):
        return False
    # the same digits more than √10 apart are a power of ten apart
    return abs(math.log10(abs(fa.value / fb.value))) >= 0.5 and same_digits(fa.number, fb.number)


def comparable(fa, fb) -> bool:
    """Can two figures' values be compared: not two currencies one of which has no rate in
    rules/fx.toml (unless they write one number: a currency slip)?"""
    if fa.kind != "currency" or fb.kind != "currency" or fa.unit == fb.unit or (has_rate(fa.unit) and has_rate(fb.unit)):
        return True
    return math.isclose(fa.number, fb.number, rel_tol=1e-9)


def truncates(coarse, fine) -> bool:
    """Is `coarse` the more precise `fine` cut off at its last written digit, not rounded
    (2兆7629.64億 written 2.7629万亿)? Copy truncates as often as it rounds. Only a plain figure
    (no qualifier, one bound) and a finer one of the same unit: two figures written to the same
    digit are still compared as rounded, so one changed last digit stays a slip."""
    if coarse.qualifier or len(coarse.bounds) != 1 or len(fine.bounds) != 1 or coarse.unit != fine.unit:
        return False
    (lo, hi), (flo, fhi) = coarse.bounds[0], fine.bounds[0]
    step, v = hi - lo, abs(fine.value)
    if not (math.isfinite(step) and step > 0 and fhi - flo < step / 2) or (coarse.value < 0) != (fine.value < 0):
        return False
    c = abs(coarse.value)
    return c <= v < c + step


def _ratio(a: Mention, b: Mention) -> float:
    """How many times the larger of two values is the smaller (amounts in two currencies at
    rules/fx.toml's rates); 1.0 where they cannot be compared, or one is a range (a slip in one
    bound, 910万亿至930亿, moves its middle far from both)."""
    if len(a.fig.bounds) > 1 or len(b.fig.bounds) > 1:
        return 1.0
    x, y = a.fig.value, b.fig.value
    if a.fig.unit != b.fig.unit:
        if not (has_rate(a.fig.unit) and has_rate(b.fig.unit)):
            return 1.0
        x = convert(x, a.fig.unit, b.fig.unit)
    if not x or not y or math.isnan(x) or math.isnan(y) or (x < 0) != (y < 0):
        return 1.0
    return max(abs(x), abs(y)) / min(abs(x), abs(y))


def _zeros_apart(fa, fb) -> bool:
    """Written with the same words (or two spellings of one unit: per cent and %), the numbers only
    a zero apart (100亿美元 vs 1000亿美元, 100 per cent vs 10%): two amounts, not a magnitude slip,
    which changes a word or moves a point."""
    return fa.scale == fb.scale and (fa.classifier == fb.classifier or (fa.unit == fb.unit and not _other_unit(fa, fb))) \
        and float(fa.number).is_integer() and float(fb.number).is_integer()


def _bare_yuan_against_other(fa, fb) -> bool:
    """Is one amount written with a bare 元 and the other in a currency a bare 元 never means (美元)?"""
    lex = lexicon()
    return any(x.classifier in lex.bare_yuan and y.unit not in lex.yuan_home for x, y in ((fa, fb), (fb, fa)))


def _bare_dollar_against_other(fa, fb) -> bool:
    """Is one amount written with a bare $ no gloss settled, and the other in another dollar a bare $
    may be (units/lexicon.toml [shared_signs]: HK$, A$)?"""
    lex = lexicon()
    return any(x.classifier in lex.gloss_only_signs and y.unit != x.unit and y.unit in lex.shared_signs[x.classifier]
               for x, y in ((fa, fb), (fb, fa)))


def _either_currency(fa, fb) -> bool:
    """Is one amount written with a currency word that does not say which (元), and the other's
    currency one that word can mean (rules/fx.toml [ambiguous])? Or without one at all? Or are both
    written with one word that several currencies write (units/lexicon.toml [shared_signs]: 迪拉姆,
    the UAE's or Morocco's), read as two? Then the reading differs, not the copy. (Not a bare $,
    which only a gloss settles: "$20 billion (US$13 billion)" against "$20 billion (HK$156 billion)"
    may well be a slip.)"""
    if "currency_inferred" in fa.flags or "currency_inferred" in fb.flags:
        return True  # a unitless 2340亿 after 耗资: its currency was guessed
    lex = lexicon()
    if fa.classifier and fa.classifier == fb.classifier and fa.classifier in lex.shared_signs \
            and fa.classifier not in lex.gloss_only_signs:
        return True
    ambiguous = {word.lower(): codes for word, codes in data().toml("fx.toml").get("ambiguous", {}).items()}
    return any(x.unit in (codes := ambiguous.get((x.classifier or "").lower(), ())) and y.unit in codes
               for x, y in ((fa, fb), (fb, fa)))


def _other_unit(fa, fb) -> bool:
    """Written with unit words that convert differently (平方米 vs 平方英尺), not two spellings of
    one unit (percent and %)."""
    if fa.classifier == fb.classifier or not (fa.value and fb.value and fa.number and fb.number):
        return False
    return not math.isclose(_factor(fa), _factor(fb), rel_tol=1e-6)


def _factor(f) -> float:
    """What the written number is multiplied by (1e9 for 5 吉瓦 and for 5 GW). A range's value is its
    midpoint and its number its first bound: the factor is read from that bound."""
    first = f.bounds[0] if "range" in f.flags and f.bounds else None
    if first and all(map(math.isfinite, first)):
        return (first[0] + first[1]) / 2 / f.number
    return f.value / f.number


def _digits(m: Mention) -> str:
    return re.sub(r"\D", "", written(m.fig.number) if not math.isnan(m.fig.number) else "")


def likely_cause(a: Mention, b: Mention, slack: float) -> tuple[str, str]:
    """(cause tag, phrase) for why `a` disagrees with `b`."""
    fa, fb = a.fig, b.fig
    if fa.kind == "rank":  # a place is written as it is: no slip of digits or magnitude
        return "value", "another place in the ranking"
    if fa.kind == "currency" and fb.kind == "currency" and fa.unit != fb.unit and not _either_currency(fa, fb):
        if not same_digits(fa.number, fb.number) and has_rate(fa.unit) and has_rate(fb.unit):
            # Other digits in another currency: no currency slip, but two amounts that convert apart
            # (USD231 million is about HK$1.8 billion, not HK$1.356 billion).
            from reconcile.report.numbers import format_value

            return "value", f"a different value ({fa.text} is about {format_value(convert(fa.value, fa.unit, fb.unit), fb.unit)})"
        return "currency", f"another currency ({fa.classifier or fa.unit} vs {fb.classifier or fb.unit})"
    if fa.kind == fb.kind != "currency" and _other_unit(fa, fb) and \
            same_digits(fa.number, fb.number) and not power_of_ten(abs(fa.value / fb.value), slack):
        return "unit", f"another unit ({fa.classifier} vs {fb.classifier})"  # 5.1万平方米 vs 5.1万平方英尺
    if fa.value and fb.value and fa.value * fb.value > 0:
        k = power_of_ten(abs(fa.value / fb.value), slack)
        if k:
            same_number = same_digits(fa.number, fb.number)
            if same_number and (fa.scale or "") != (fb.scale or ""):
                return "magnitude", f"a magnitude slip ({times_ten_to(k)}: {fa.scale or '—'} vs {fb.scale or '—'})"
            if same_number and fa.classifier != fb.classifier and _other_unit(fa, fb):
                return "unit_scale", f"another unit scale ({times_ten_to(k)}: {fa.classifier} vs {fb.classifier})"
            return "magnitude", f"a magnitude slip ({times_ten_to(k)})"
    if "range" in fa.flags or "range" in fb.flags:
        return "range_bound", "a range bound outside the other figure"
    da, db = _digits(a), _digits(b)
    if swapped(fa.number, fb.number):
        return "transposition", f"transposed digits ({da} vs {db})"
    if da and len(da) == len(db) and sum(p != q for p, q in zip(da, db)) == 1:
        return "digit", f"a changed digit ({da} vs {db})"
    return "value", "a different value"


def _two_changes(fa: Figure, fb: Figure, slack: float, least: int) -> bool:
    """Values 10^`least` apart or more whose numbers as written differ as well as the powers of ten
    their words multiply them by ($250,000 vs 250亿美元: 250000 × 1 and 250 × 10^8): a slip changes one
    of the two (billion and 亿 differ as words, not always as powers)."""
    if not (fa.value and fb.value and fa.number and fb.number):
        return False
    k = power_of_ten(abs(fa.value / fb.value), slack)
    return bool(k) and abs(k) >= least and number_and_word_differ(fa.value, fa.number, fb.value, fb.number)


def _copied_digits(x: float, y: float, least: int) -> bool:
    """Are two written numbers one number copied under another magnitude or unit word: the same
    significant digits (1.4万亿 and 1.4亿); or one rounded from the other, as written (14‰ for
    13.8%, 3,404 billion for 3403.70亿); or, with the point moved too, still `least` digits long?
    35亿 against 349.79亿 is rounded and shifted: too short to tell a slip from two facts."""
    if not same_digits(x, y):
        return False
    if significant_digits(x) == significant_digits(y) or 0.5 < abs(x / y) < 2:
        return True
    return min(significant_digits(x), significant_digits(y)) >= least


def _same_amount(a: Mention, b: Mention) -> bool:
    """The same amount as stated (超4000亿 is not "the same" as every larger figure)."""
    fa, fb = a.fig, b.fig
    return fa.unit == fb.unit and len(fa.bounds) == len(fb.bounds) and \
        all(interval_meets(x, y, False) for x, y in zip(fa.bounds, fb.bounds))


def _size(m: Mention) -> int | None:
    """A figure's amount as a bucket of log10 at 0.01 (None for no positive finite amount)."""
    v = m.fig.value
    return math.floor(math.log10(v) * 100) if v and v > 0 and math.isfinite(v) else None


@lru_cache(maxsize=4096)
def _period_form(period: str) -> str:
    """next:Ny, a year, a quarter (2025Q3), a half, a cumulative span (2025Q1-Q3), fiscal …"""
    return "next" if period.startswith("next:") else re.sub(r"\d", "9", period)


def _other_period_of_one_form(m: Mention, ref: Mention) -> bool:
    """Two periods both written beside their figures, different, and of one form (8 years vs 5
    years, 2024 vs 2025): "through 2028" and "over the next three years" may well be one pledge."""
    return _explicit(m) and _explicit(ref) and bool(m.period) and bool(ref.period) and \
        m.period != ref.period and _period_form(m.period) == _period_form(ref.period)


def _explicit(m: Mention) -> bool:
    """A period written beside the figure (in its clause or sentence), not inferred."""
    return period_explicit(m.period_how)


def _age(m: Mention) -> tuple:
    return (m.doc.date or "", m.id)


def consensus(ms: list[Mention]) -> Mention:
    """The reference of a group: among the mentions in the most common unit, the most precise one
    holding the value that most of them agree on. A sweep over interval ends: O(n log n). A stated
    conversion (65億美元（約新台幣2036億元）) restates the figure before it: its unit counts half."""
    by_unit: dict[str, list[Mention]] = defaultdict(list)
    for m in ms:
        by_unit[m.fig.unit].append(m)
    pool = max(sorted(by_unit.items()), key=lambda kv: sum(0.5 if m.restates else 1 for m in kv[1]))[1]
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
    return f"{m.fig.text} ({m.doc.name}, {m.doc.date or 'undated'}, {m.id})"


def _suspects(g: Group, targets: set[str] | None) -> list[tuple[Mention, Mention]]:
    """(mention, reference) for each mention of a linked group to be compared with the group's
    consensus (not with every other mention: linear). With --against, the corpus is the reference
    and only the draft's mentions are suspects."""
    if not g.linked:
        return []
    reference = [m for m in g.mentions if targets is None or m.doc.path not in targets] or g.mentions
    ref = consensus(reference)
    out = [(m, ref) for m in g.mentions
           if m is not ref and m.doc.id != ref.doc.id and (targets is None or m.doc.path in targets)]
    # Figures more precise than the consensus may all fall within it and still disagree with one
    # another (8.1% and 7.9% within 8%): they are compared with their own consensus too.
    def finer(m: Mention) -> bool:
        return m.fig.unit == ref.fig.unit and m.fig.high - m.fig.low < ref.fig.high - ref.fig.low \
            and ref.fig.low <= m.fig.value <= ref.fig.high

    within = [m for m in reference if finer(m)]
    if len({m.doc.id for m in within}) > 1:
        ref2 = consensus(within)
        out += [(m, ref2) for m in g.mentions if m is not ref2 and m.doc.id != ref2.doc.id and finer(m)
                and (targets is None or m.doc.path in targets)]
    # An amount in another currency than the consensus's, whose very number another article writes
    # in a third currency (€2.7 billion; $2.7 billion; the consensus 27.1亿美元), is compared with that
    # one too: a currency slip may fall within the rates' tolerance of the consensus.
    same_number: dict[float, list[Mention]] = defaultdict(list)
    for r in reference:
        if r.fig.kind == "currency":
            same_number[r.fig.number].append(r)
    for m in g.mentions:
        if m.fig.kind == "currency" and m.fig.unit != ref.fig.unit and (targets is None or m.doc.path in targets):
            r = next((r for r in same_number.get(m.fig.number, ())
                      if r.fig.unit != m.fig.unit and r.doc.id != m.doc.id and r is not ref), None)
            if r is not None:
                out.append((m, r))
    return out


def disagreements(g: Group, targets: set[str] | None, touching: bool,
                  suspects: list[tuple[Mention, Mention]] | None = None) -> list[tuple[Mention, Mention]]:
    """The suspects that cannot state the value of the group's consensus (or of the other reference
    _suspects gives them), each once. `suspects`: _suspects(g, targets), where already known."""
    out, seen = [], set()
    for m, ref in _suspects(g, targets) if suspects is None else suspects:
        if id(m) not in seen and not meets(m, ref, touching):
            out.append((m, ref))
            seen.add(id(m))
    return out


def _group_suspects(corpus: Corpus, g: Group) -> list[tuple[Mention, Mention]]:
    """_suspects() of a group of the corpus, computed once per run."""
    return corpus.memo(("suspects", id(g)), lambda: _suspects(g, corpus.targets))


def group_disagreements(corpus: Corpus, g: Group, touching: bool) -> list[tuple[Mention, Mention]]:
    """disagreements() of a group of the corpus, computed once per run for each `touching` (the
    groups' status, then XD001)."""
    return corpus.memo(("disagreements", id(g), touching),
                       lambda: disagreements(g, corpus.targets, touching, _group_suspects(corpus, g)))


def _kept_apart(g: Group, targets: set[str] | None) -> list[tuple[Mention, Mention]]:
    """(suspect, reference) of each pair linking kept out of one group though its figures write the
    same digits (Group.slips); with --against, the draft's side is the suspect."""
    out = []
    for m, ref in g.slips:
        if targets is not None and m.doc.path not in targets:
            if ref.doc.path not in targets:
                continue
            m, ref = ref, m
        out.append((m, ref))
    return out


class _Statements:
    """Does a document state a mention's value in a figure of its own, of the same company and
    quantity? A figure that disagrees with its group while its own article states the group's
    value elsewhere is another fact the article tells apart (segment and group margin, deducted
    and attributable profit), not a copying error: linking paired the wrong two."""

    def __init__(self, mentions: list[Mention]):
        self.by_doc: dict[tuple, list[Mention]] = defaultdict(list)
        for x in filter(linking.linkable, mentions):  # not 数百亿: a vague amount states no value
            for e in linking.block_entities(x):
                self.by_doc[(x.doc.id, e, x.fig.unit)].append(x)

    def __call__(self, doc_id: str, ref: Mention) -> bool:
        return any(x is not ref and _same_amount(x, ref) for e in linking.block_entities(ref)
                   for x in self.by_doc.get((doc_id, e, ref.fig.unit), ()))

    def beside(self, m: Mention, ref: Mention) -> bool:
        """Does `m`'s own sentence state `ref`'s value in another figure of its metric (全球发售108,619,000股，
        其中香港发售10,861,900股: a whole and its part, however alike their digits; 营收48.6亿元，净利润4.86亿元
        are two metrics, and another article's 净利润48.6亿元 is still a slip)?"""
        return any(x is not m and x.sentence == m.sentence and x.metric == m.metric and _same_amount(x, ref)
                   for e in linking.block_entities(ref) for x in self.by_doc.get((m.doc.id, e, ref.fig.unit), ()))


class _ValuesTogether:
    """Which documents state a value (to three significant digits, in its unit; an amount of money
    in whatever currency: copy leaves 元 bare): two values that an article states side by side are
    two facts there, however alike their digits (an offer's public tranche, a tenth of it: 24.98亿元
    and 249.8亿港元). `by_metric`: stated side by side as figures of one company and one metric (an
    offering's 108,619,000 shares and its tranche's 10,861,900); figures without both do not count."""

    def __init__(self, mentions: list[Mention], by_metric: bool = False):
        self.by_metric = by_metric
        # the company as linking resolved it across the corpus (曹操出行 and CaoCao are one)
        self.resolve = linking.Aliases(mentions, linking.listed_entities()) if by_metric else None
        self.docs: dict[tuple, set] = defaultdict(set)
        for x in mentions:
            if x.fig.value and math.isfinite(x.fig.value) and not (by_metric and not (x.metric and x.entity)):
                self.docs[self._key(x)].add(x.doc.id)

    def _key(self, x: Mention) -> tuple:
        key = "money" if x.fig.kind == "currency" else x.fig.unit, f"{x.fig.value:.3g}"
        return (*key, self.resolve(x.entity), x.metric) if self.by_metric else key

    def __call__(self, a: Mention, b: Mention) -> bool:
        """Does the article of either one state both values (two values: not one amount under two
        currency names, $8.46 billion and 8.46 billion yuan)?"""
        ka, kb = self._key(a), self._key(b)
        if ka == kb:
            return False
        both = self.docs.get(ka, set()) & self.docs.get(kb, set())
        return a.doc.id in both or b.doc.id in both

    def elsewhere(self, a: Mention, b: Mention) -> bool:
        """Does an article other than `a`'s state both values?"""
        ka, kb = self._key(a), self._key(b)
        return ka != kb and bool(self.docs.get(ka, set()) & self.docs.get(kb, set()) - {a.doc.id})


def _key_text(g: Group) -> str:
    """company, metric (or, where no word names one, the figures' dimension: W), period."""
    return f"{g.key[0]}, {g.key[1] or g.key[2]}{', ' + g.key[3] if g.key[3] else ''}"


@check_type(
    "cross_document_conflict", code="XD001", title="cross-document-conflict", scope="corpus", severity="error",
    summary="Two articles state one fact (same entity, metric and period) with values that cannot both be true.",
    why="A figure copied wrong (a magnitude, a digit, a currency, a unit) is what an editor most needs to "
        "catch before publishing.",
    example="OpenAI 计划在未来8年投入约1.4万亿美元 (article A) vs 1.4亿美元 (article B): ×10⁴, 亿 vs 万亿.",
    tolerances=("touching_meets", "magnitude_ratio_slack", "weak_link_ratio", "link_ratio_cap", "transposition_digits",
                "rounded_copy_digits", "two_change_power", "tranche_power"))
def conflicts(rule: Rule, corpus: Corpus) -> list[Finding]:
    """Each disagreement: "the same fact" when the link is strong (rules/linking.toml `strong`) or
    the difference is a copying slip, else "possibly the same fact"; at the rule's severity only
    when it is sure and a slip the checker can name, else a warning. Either way the finding says
    why the two figures were linked. Values further apart than
    `weak_link_ratio` on a weak link, or `link_ratio_cap` on any, are two facts unless the digits
    say slip."""
    slack, far = rule.tolerance("magnitude_ratio_slack"), rule.tolerance("weak_link_ratio")
    cap, swap_digits = rule.tolerance("link_ratio_cap"), rule.tolerance("transposition_digits")
    copy_digits = rule.tolerance("rounded_copy_digits")
    two_changes = rule.tolerance("two_change_power")
    tranche_power = rule.tolerance("tranche_power")
    w = linking.weights()
    assessor = linking.Assessor(w)
    states_elsewhere = _Statements(corpus.mentions)
    together = _ValuesTogether(corpus.mentions)
    tranche = _ValuesTogether(corpus.mentions, by_metric=True)
    out = []

    def backing(g: Group, x: Mention) -> int:
        """How many articles of the group give x's value."""
        return len({y.doc.id for y in g.mentions if meets(y, x, rule.tolerance("touching_meets"))})

    for g in corpus.groups:
        pairs = [(m, ref, False) for m, ref in group_disagreements(corpus, g, rule.tolerance("touching_meets"))]
        kept_apart = [(m, ref, True) for m, ref in _kept_apart(g, corpus.targets)
                      if not meets(m, ref, rule.tolerance("touching_meets"))]  # ($306,835 in thousands and 3.07亿美元)
        for m, ref, apart in pairs + kept_apart:
            if corpus.targets is None and states_elsewhere(ref.doc.id, m) and not states_elsewhere(m.doc.id, ref) \
                    and backing(g, ref) <= backing(g, m):
                # no more articles give the reference's value than the suspect's, and the reference's
                # own article writes the suspect's value elsewhere: the reference is the odd one
                m, ref = ref, m
            cause, phrase = likely_cause(m, ref, slack)
            if _ratio(m, ref) > cap and not (cause in ("magnitude", "unit_scale", "unit")
                                              and _copied_digits(m.fig.number, ref.fig.number, copy_digits)):
                # too far apart for one fact, unless a slip: the figure the suspect copied may be
                # another of the reference's value (64万港元 copies 64亿港元, not HK$6,402.9 million),
                # against which the slip is named
                copied = _copied_from(g, m, ref, slack, copy_digits, rule.tolerance("touching_meets"))
                if copied is not None:
                    ref, cause, phrase = copied
            # A copying slip (the same digits under another magnitude, unit or currency; two digits
            # swapped) is itself evidence that the two state one fact. One changed digit is not:
            # close values of different facts (44 and 45) differ so too. Nor a zero more or less
            # under the same words (100亿 vs 1000亿: a tranche and a total, as often as a typo): it
            # looks like a slip, so it is reported however far apart, but as sure as its link only.
            same = cause in ("magnitude", "unit_scale", "unit") and _copied_digits(m.fig.number, ref.fig.number, copy_digits)
            # One digit changed in numbers of three significant digits or more (10.4% and 80.4%, 306亿
            # and 806亿), other than the last alone (6.36% and 6.32%: two roundings, or two close
            # measures of one thing, as often), with no qualifier (接近2500亿 is no copy of a precise
            # figure), looks like a slip however far apart the values: reported, and an error only on
            # a link the checker is sure of.
            digit_slip = cause == "digit" and one_digit_changed(m.fig.number, ref.fig.number) \
                and not last_digit_differs(m.fig.number, ref.fig.number) and not (m.fig.qualifier or ref.fig.qualifier)
            # (A stated conversion writes its currency on purpose, at a rate: €10 billion, "or about
            # US $11.7 billion", is no slip of the €11.7 billion another article gives. Against one, a
            # figure that copies its digits under another currency is: HK$444 million for HK$3.45
            # billion's "approximately $444 million".)
            slip = (cause == "transposition" and significant_digits(m.fig.number) >= swap_digits) or \
                (same and not _zeros_apart(m.fig, ref.fig)) or \
                (cause == "currency" and not m.restates and
                 (math.isclose(m.fig.number, ref.fig.number) or math.isclose(m.fig.value, ref.fig.value)))
            # Two slips that coincidence writes as often as a hand: a rate with its point moved (a
            # 2.5% margin and 25% growth, 56% and 5.6%), and a bare 元 against another currency with
            # the same number (Taiwanese copy writes 6000億元 for 6000億美元). Neither makes a weak link
            # sure, and neither is named as the slip it looks like.
            # So is the same digits under another magnitude or unit between two figures no word names
            # (implied by their unit): a 2.5 km test track and a plant 25 km from a city; for money,
            # unless the two clauses are worded alike ("pay a $1.2 billion fine" twice): a $25 billion
            # loss of a founder's fortune and a company's $2.5 billion (a false error of a blind split,
            # stop 44; no true one lost).
            unnamed = same and not m.metric and not ref.metric
            weak_slip = (cause == "magnitude" and linking.family(m) == "rate") or \
                (unnamed and linking.dimension(m) != "money") or \
                (cause == "currency" and _bare_yuan_against_other(m.fig, ref.fig)) or \
                (same and min(significant_digits(m.fig.number), significant_digits(ref.fig.number)) < 2) or \
                (cause == "magnitude" and _two_changes(m.fig, ref.fig, slack, two_changes))
            if not slip and not (_explicit(m) and _explicit(ref)) and states_elsewhere(m.doc.id, ref) \
                    and states_elsewhere(ref.doc.id, m):
                continue  # its article states the group's value too, in another figure: two facts
            if slip and (states_elsewhere.beside(m, ref) or states_elsewhere.beside(ref, m)):
                continue  # one sentence gives both values: a whole and its part, no slip
            if apart and (not slip or together(m, ref)) or slip and same and tranche.elsewhere(m, ref) \
                    and _ratio(m, ref) < 10 ** tranche_power:
                # kept apart by linking: only a slip the checker can name is worth a finding, and not
                # when an article gives both values (a tranche: 170.6万 of 1706万股); linked, the same
                # digits under another magnitude or unit are no slip when another article than the
                # suspect's gives both as one company's one metric (an article that slips every 亿
                # writes its revenue's digits as another metric's; one that slips a repeated figure
                # writes both itself: still slips); a tranche is a tenth or a hundredth of its whole,
                # 3500万 against 3500亿 (10^4) is a magnitude word miswritten however often its
                # article writes the right one
                continue
            ratio = _ratio(m, ref)
            if not same and ratio > cap and not slip:
                continue  # (as below, before the link is assessed: however sure, two facts)
            how_sure, reason, levels = assessor.assess(m, ref)
            strong = w.strong[linking.family(m)]
            backed = how_sure
            if not apart and how_sure < strong:
                # another figure that gives the reference's value may be linked to the suspect
                # surely where the reference's own is not (worded alike, in its language): the
                # disagreement is then one of a sure link, though no error (the slip is named
                # against the reference, to which the link is weak)
                alt = _best_backed(assessor, g, m, ref, rule.tolerance("touching_meets"))
                if alt and alt[0] >= strong:
                    backed, reason = alt
            # A slip makes a weak link sure only between figures of one company: the same digits
            # in a partner's or a rival's figure (a supplier's $3.5 million) are a coincidence.
            one_actor = levels is not None and levels["entity"] in ("same", "same_inferred")
            weak_slip = weak_slip or unnamed and (levels is None or levels["clause"] != "high")
            sure = (slip and one_actor and not weak_slip) or how_sure >= strong
            sure_of_fact = sure or backed >= strong
            if not same and (ratio > cap and not slip or ratio > far and not sure_of_fact and not digit_slip):
                continue  # values this far apart (on any link, or on a weak one): two facts, most likely
            # An error is a slip the checker can name on a link it is sure of; any other
            # disagreement (a different value, a range bound) is a warning, however sure the link:
            # which figure is right, and whether they are one fact, is the editor's call.
            # A bare $ against another dollar of the same number is a slip, or copy that writes $ for
            # its own dollar (Hong Kong copy writes $41.94 for HK$41.94): the editor's call, a warning.
            local_dollar = cause == "currency" and _bare_dollar_against_other(m.fig, ref.fig)
            explained = (slip and not weak_slip and not local_dollar) or digit_slip
            severity = rule.severity if sure and explained else min(rule.severity, "warning", key=SEVERITIES.index)
            what = "the same fact" if sure_of_fact else "possibly the same fact"
            out.append(Finding(
                rule.id, severity, f"{m.fig.text} disagrees with {ref.fig.text} for {what} ({_key_text(g)}).",
                [m.id, ref.id], f"Likely {phrase}; check {_side(m)} against {_side(ref)}. "
                                f"Linked because {reason}.",
                cause, [m, ref], f"Likely {phrase}.", agree_with(m, ref, cause)))
    return out


def _giving_reference(g: Group, m: Mention, ref: Mention, touching: bool):
    """The group's figures outside `m`'s article, other than `ref`, that give its value."""
    return (x for x in g.mentions if x is not ref and x.doc.id != m.doc.id and meets(x, ref, touching))


def _copied_from(g: Group, m: Mention, ref: Mention, slack: float, least: int,
                 touching: bool) -> tuple[Mention, str, str] | None:
    """A figure that gives the reference's value and whose digits, two significant at least, `m`
    writes under another magnitude or unit word (_copied_digits): the first such, with the cause
    and its phrase. (One digit coincides too often: 100GW and 1 gigawatt, 40 million tonnes and
    40亿吨 are two facts.) Only for a suspect too far from the reference to be its fact otherwise,
    so rarely."""
    if significant_digits(m.fig.number) < 2:
        return None
    for x in _giving_reference(g, m, ref, touching):
        if meets(m, x, touching) or significant_digits(x.fig.number) < 2:
            continue
        cause, phrase = likely_cause(m, x, slack)
        if cause in ("magnitude", "unit_scale", "unit") and _copied_digits(m.fig.number, x.fig.number, least):
            return x, cause, phrase
    return None


def _best_backed(assessor: linking.Assessor, g: Group, m: Mention, ref: Mention,
                 touching: bool) -> tuple[float, str] | None:
    """The surest link from `m` to another figure of the group than `ref`, outside `m`'s article,
    that gives the reference's value: (its score, why it links, naming that figure). A suspect
    weakly linked to the consensus's figure may be linked surely to one that states the same value
    in words closer to its own; that link says how sure the disagreement is."""
    best = None
    for x in _giving_reference(g, m, ref, touching):
        score, why, _ = assessor.assess(m, x)
        if best is None or score > best[0]:
            best = (score, f"{why} (to {_side(x)})")
    return best


@check_type(
    "consistent_within_rounding", code="XD002", title="consistent-within-rounding", scope="corpus", severity="info",
    summary="Two mentions of one fact differ as written but agree within their stated precision and qualifiers.",
    why="Answers the reader's first question, 'did this pass only because of rounding?', by showing both intervals.",
    example="nearly $35 billion vs 349亿美元: [31.5, 35.5]×10⁹ meets [34.85, 34.95]×10⁹.",
    tolerances=("touching_meets",))
def within_rounding(rule: Rule, corpus: Corpus) -> list[Finding]:
    out = []
    for g in corpus.groups:
        for m, ref in _group_suspects(corpus, g):
            if comparable(m.fig, ref.fig) and meets(m, ref, rule.tolerance("touching_meets")) and \
                    not math.isclose(m.fig.value, ref.fig.value, rel_tol=1e-9) and \
                    not (math.isclose(m.fig.value, -ref.fig.value, rel_tol=1e-9) and _fall_in_words(m, ref)):
                touching = rule.tolerance("touching_meets")
                # (not within their precision, when they meet only with one read in a statement's unit)
                x, scale = next(((a, u) for a, b in ((m, ref), (ref, m))
                                 if not interval_meets((a.fig.low, a.fig.high), (b.fig.low, b.fig.high), touching)
                                 and (u := _statement_unit(a.fig, b.fig, touching))), (None, None))
                if scale:
                    out.append(Finding(
                        rule.id, rule.severity,
                        f"{m.fig.text} and {ref.fig.text} agree if {x.fig.text} is in {scale}, as a filing's statement writes it.",
                        [m.id, ref.id], f"Consistent if {x.fig.text} is in {scale} of {x.fig.unit}: check the source's unit.",
                        "rounding", [m, ref], f"Consistent if {x.fig.text} is in {scale}."))
                    continue
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
    """A mention whose amount another group's mention states for another period, where everything
    else says they are one fact (they would link but for the period: same company, metric,
    wording), and whose group is no larger than the other's: 约1.4万亿美元 over 5 years where the
    corpus says 8."""
    w = linking.weights()
    assessor = linking.Assessor(w)
    # Mentions by metric, dimension and rough size (neighbouring buckets of log10 at 0.01), so that
    # each mention meets only the mentions of other groups whose amount could be its own: linear.
    buckets: dict[tuple, dict[int, list[tuple[Group, Mention]]]] = defaultdict(dict)
    for g in corpus.groups:
        for x in g.mentions:
            size = _size(x)
            if size is not None and x.period and _explicit(x):
                kept = buckets[(x.metric, g.key[2], size)].setdefault(id(g), [])
                if len(kept) < 3 and all(k.period != x.period for _, k in kept):
                    kept.append((g, x))  # a few of each group's periods are enough
    # Within a bucket, by what _same_amount and _other_period_of_one_form require to be equal (the
    # unit, how many bounds, the period's form), each in the bucket's order.
    by_form: dict[tuple, list[tuple[int, Group, Mention]]] = defaultdict(list)
    for key, kept_of in buckets.items():
        for gid, pairs in kept_of.items():
            for other, ref in pairs:
                by_form[(*key, ref.fig.unit, len(ref.fig.bounds), _period_form(ref.period))].append((gid, other, ref))
    docs_of = {id(g): len({m.doc.id for m in g.mentions}) for g in corpus.groups}
    same_period = {"period": "same"}
    out = []
    for g in corpus.groups:
        for m in g.mentions:
            size = _size(m)
            if not corpus.is_target(m) or size is None or not m.period or not _explicit(m):
                continue
            form = (m.fig.unit, len(m.fig.bounds), _period_form(m.period))
            docs = docs_of[id(g)]
            # Only a group of no more documents than the other's is the suspect (on a tie, the younger
            # mention): tested before the link's strength, the costly test, which most pairs would fail.
            nearby = [(other, ref) for k in (size - 1, size, size + 1)
                      for gid, other, ref in by_form.get((m.metric, g.key[2], k, *form), ())
                      if gid != id(g) and ref.period != m.period and docs_of[gid] >= docs]
            for other, ref in nearby:
                # (_other_period_of_one_form(m, ref) holds: m's and ref's periods are explicit, differ
                # and have one form)
                if other is g or ref.doc.id == m.doc.id or (docs == docs_of[id(other)] and _age(m) < _age(ref)) or \
                        not _same_amount(m, ref) or not assessor.may_link(m, ref, same_period) or \
                        assessor.strength(m, ref, assume=same_period) < w.threshold:
                    continue
                out.append(Finding(
                    rule.id, rule.severity,
                    f"{m.fig.text} is stated for {m.period} here but for {ref.period} in {ref.doc.name}.",
                    [m.id, ref.id], "Likely the same amount over another period; check the period.",
                    "period", [m, ref], f"Likely another period ({m.period} vs {ref.period})."))
                break
    return out

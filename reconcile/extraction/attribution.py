"""Attribution: what each figure is about.

- Its actor (`entity`): the company named nearest before it in its clause, else the subject of its
  sentence, else (for 公司, 该公司, "the company", or a sentence naming nobody) the company the
  article is about: its topic, from the title and the lead. Names come from rules/entities.toml and,
  for companies in no list, from names.py (so every company counts, listed or not).
- Its participants: every company in its sentence, and the topic: who else the figure may be about
  (a deal's counterparty, a project's owner). Linking compares these, not just the actor.
- Its metric (rules/metrics.toml), and its scope: words in its clause that set it apart from other
  figures of the metric (同比 vs 环比, per share, per month; rules/attribution.toml [scopes]).
- Its period (periods.py): in its clause, else its sentence, else the sentence before it, else the
  article's (its title's); a year-ago marker (上年同期的, "a year
  earlier") makes it last year's. How each was found is kept, so that linking can weigh it.

All look-ups are by bisection over hits sorted by position: linear in the document's length.
"""
from __future__ import annotations

import bisect
import functools
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace

from reconcile import fx
from reconcile.checks.intervals import significant_digits
from reconcile.data.loader import data
from reconcile.extraction.documents import Document
from reconcile.extraction.figures import (
    UNSETTLED_SIGN, Figure, TableRow, UnitlessCurrency, as_money, bare_chinese_amount, currency_names, line_end,
)
from reconcile.extraction.lexicon import kinds_by_unit, lexicon, name_key
from reconcile.extraction.names import (
    Name,
    acronyms,
    bracket_aliases,
    certified,
    chinese_glossed_acronyms,
    code_after,
    ends_in_suffix,
    glossed,
    chinese_leads,
    chinese_names,
    corporate_suffix,
    latin_names,
    name_id,
    not_names,
    ticker_owners,
)
from reconcile.extraction.normalize import has_traditional, is_han, normalize
from reconcile.extraction.periods import scan as scan_periods
from reconcile.extraction.periods import shift_year
from reconcile.extraction.periods import span as period_span
from reconcile.extraction.repeated_names import repeated_names
from reconcile.extraction.segments import segment_key, segment_words
from reconcile.extraction.words import WordScanner, _key
from reconcile.model import BY_MONTHS, RATES, YEARLESS, Mention, set_attribution

# Sentence ends, and the " - " between the seed's bullets.
# A spaced hyphen opens an inline bullet ("[2] - Revenue …"), unless lower-case prose runs on after
# it: a dash around an aside ("$135 billion - or 27% - in the start-up").
_SENTENCE = re.compile(r"[。！？!?；;\n]|\s-\s(?!\s*[a-z])|\s\*\s|(?<=\])\s+(?=\S)|\.(?=\s+[A-Z])")
_SPEAKER = re.compile(r"\s?[:：]")  # a title's opening name followed by a colon: its source
# a name, then a code in the brackets after it: "CNGR (02579.HK, A-share ticker: CNGR", "Ltd.(纳斯达克代码CYBR"
_BEFORE_BRACKET = re.compile(r"[^()（）\n]{0,3}")
_BRACKET_HOLDS = re.compile(r"[(（][^()（）\n]{0,40}")
_TICKER_CODE = re.compile(r"[A-Z0-9]{1,6}(?:\.[A-Z]{1,2})?")  # CHA, CRCL, 9992.HK: what a code looks like
# A figure's conversion in brackets right after it: "(US$0.52)", "（约合人民币73亿元）".
_CONVERTED = re.compile(r"\s?[(（][^()（）]{1,30}[)）]")
# (an ASCII comma between digits, 2,500, separates thousands, not clauses; a full-width one does not)
_CONJUNCTION = r"\s(?:and|but|while|which)\s"
_CLAUSE = re.compile(r"(?<!\d),|,(?!\d{3}(?!\d))|[，、:：（）()]|" + _CONJUNCTION)
# ... but the "and" of "between $23 and $23.70 per share" joins a range's two ends: no cut
_BETWEEN_AND = re.compile(r"\bbetween\s+\S+(?:\s+\S+)?\s+and\s$", re.I)
_JOINED = re.compile(_CONJUNCTION + "$")  # a clause cut at a conjunction: a new subject may follow
_SPACES = re.compile(r"[ \t]*")
_FRONTED_CUT = (",", "，")
_CLOSING_QUOTES = ("\"", "”", "’", "」", "'")
_FRONTED_GAP = re.compile(r"\s*(?:[Tt]he\s+)?")  # before the subject of a sentence's main clause
# Between a description (自动驾驶公司) and the name it describes: nothing, a dash or a colon.
_DESCRIBED = re.compile(r"[ \t—–－\-:：]{0,3}")


@dataclass(frozen=True)
class Head:
    """When a metric's word names another metric's figure (rules/metrics.toml heads): "a transaction
    valued at" values a deal, "for $12 billion in cash" after "acquire" is what a buyer pays."""
    nouns: re.Pattern  # right before one of the `forms` (a transaction, 交易)
    metric: str  # the metric the figure is then
    forms: frozenset[str]  # the metric's words this applies to
    before: re.Pattern  # words earlier in the sentence (or clause) that make it so
    after: re.Pattern  # ... and later in it (Chinese puts the verb last)
    clause_only: bool  # only the figure's clause is searched for `before` and `after`
    means: re.Pattern | None  # a word of means before the figure that lets `after` reach past its clause (以)
    price_before: re.Pattern | None  # a word right before the figure that lets the verb stand in the sentence ("for")


@dataclass(frozen=True)
class Vocabulary:
    entities: dict[str, str]  # normalised name (lower-cased if Latin) -> entity id
    entity_kind: dict[str, str]  # entity id -> company, country, person …
    reports_in: dict[str, str]  # entity id -> the currency its accounts are in, where a bare 元 may be it (TSMC: TWD)
    entity_scanner: WordScanner
    lower_case_names: frozenset[str]  # listed Latin names the list itself writes in lower case (adidas)
    unless_inside: dict[str, tuple[str, ...]]  # normalised name -> the longer words it is no name inside (高通: 高通胀)
    metrics: dict[str, tuple[str, ...]]  # word -> the metric ids it names
    metric_kinds: dict[str, frozenset[str]]  # metric id -> figure kinds it applies to
    per_unit: frozenset[str]  # metrics of one share or unit (EPS, a share price) ...
    per_unit_magnitude: float  # ... never taken by a figure whose magnitude word multiplies it by this or more
    metric_scanner: WordScanner
    periods: dict  # rules/periods.toml, keys normalised
    pronouns: re.Pattern  # rules/attribution.toml
    definite: re.Pattern  # the pronouns that name a company ("the company", 该公司), not "it" or 其
    objects: re.Pattern
    not_objects: re.Pattern  # words holding an object's marker that are none (认为, 同比: [objects] not_in)
    source_before: re.Pattern  # right before a name that is the source of what follows ([sources])
    source_not_before: re.Pattern  # ... unless they end another word (数据)
    source_after: re.Pattern  # a research note's words right after it
    house_after: re.Pattern  # ... and verbs a company also says of itself, after a research house only
    houses: frozenset[str]  # the research houses rules/entities.toml lists
    house_endings: tuple[str, ...]  # how a research house's name ends (Securities, 证券)
    owner_after: re.Pattern  # what stands between a figure and the company that owns its noun (rules/attribution.toml)
    metric_back: re.Pattern  # a sentence's opening that refers back to the sentence before's figure
    subject_first: re.Pattern  # a clause's opening verb whose subject is the sentence's first clause
    fronted_opener: re.Pattern  # how a sentence's opening phrase that has no subject of its own opens ([fronted])
    fronted_saying: re.Pattern  # right after a name opening a sentence's second clause: it only speaks
    scope_scanner: WordScanner  # word -> scope (yoy, per_share …)
    scope_family: dict[str, str]  # scope -> its family (yoy, qoq -> basis); a scope alone is its own
    place_scanner: WordScanner  # places -> their country's code, None for a region ([place_scope])
    place_before: re.Pattern  # a locative word right before a place: "in (the)", 在, 于
    place_family: str | None  # the family of a figure's place scope ([place_scope] family)
    place_not_after: tuple[str, ...]  # words a locative word ends that make it none (由于, 高于)
    place_not_then: re.Pattern  # what after a place makes it no figure's ("in US dollars", China Mobile)
    prior: re.Pattern  # year-ago markers (rules/periods.toml [prior_year])
    prior_after: re.Pattern  # one right after a figure, a preposition between ("$158.9 billion in the same period last year")
    owned_by_next: re.Pattern  # a period tied to the figure right after it (第二季度的11%: rules/periods.toml)
    prior_rate_link: re.Pattern  # what may stand between a marker and a rate of that year (上年同期为29%)
    prior_possessive: re.Pattern  # one earlier in the clause, words between ("last year's third-quarter net income of")
    comparison: re.Pattern  # what stands before a period that is a comparison's base ([comparison])
    rate_comparison: re.Pattern  # ... for a rate or a change only ([comparison] rate_words)
    # what stands before a date that is an event's, not a figure's period: a debt falls due, a company
    # was founded ([maturity] and [founding] before: "due", "matures on", "founded in", 成立于)
    event_before: re.Pattern
    event_after: re.Pattern  # ... and after it (2032年9月15日到期, 2013年成立: [maturity] and [founding] after)
    describing: tuple[str, ...]  # 公司: what ends a description right before a listed name ([names] describing_suffixes)
    counted_before: re.Pattern  # 下载量达 right before a unitless amount: it counts ([unitless_money])
    conversion: re.Pattern  # what stands between a figure and its restatement (rules/attribution.toml)
    restated_apart: float  # how many times a restatement's amount may be its figure's, either way
    person_role: re.Pattern  # a role word right before a name (CEO, 首席执行官): the name is a person's
    person_role_after: re.Pattern  # ... or right after it, past a comma or bracket (Leaf Li, Futu's Chairman)
    ticker_word: re.Pattern  # what introduces a ticker code right before it ("under the ticker", 股票代码为“)
    period_after: re.Pattern  # what may stand between a figure's bracketed conversion and its period
    markets: frozenset[str]  # exchanges: where a code trades, never whose it is
    role_words: frozenset[str]  # roles never part of a company's name (founder, CEO): they cut a name
    place_words: frozenset[str]  # words that make a country's longer name a place still (Sea, Greater)
    range_scope: str | None  # the scope of a figure written as a range (rules/attribution.toml [scope_of_a_range])
    lead_families: frozenset[str]  # scope families a sentence's opening clauses set for its figures ([sentence_lead])
    lead_metrics: frozenset[str]  # the metrics whose figures take them
    scope_default: dict[str, str]  # family -> the scope an unmarked figure states when its article marks another
    metric_scope: dict[str, str]  # metric -> the scope its figures state (rules/metrics.toml scope)
    metric_parent: dict[str, str]  # metric -> its broader metric (rules/metrics.toml parent)
    daily: frozenset[str]  # metrics of one trading day (rules/metrics.toml daily): never a change on a basis
    of_country: frozenset[str]  # metrics a country's figures state (rules/metrics.toml of_country): its budget
    country_ids: dict[str, str]  # a country's ISO code -> its entity (rules/entities.toml's, else CLDR's name)
    national: dict[str, str]  # metric -> the one its figure states in a sentence of a country and no company (budget)
    partner_before: re.Pattern  # a country named right after it is a partner's ([national] partner_before)
    per_share_of: dict[str, str]  # metric -> the metric its figure states when scoped per share (profit -> eps)
    bare_of: dict[str, str]  # metric -> the metric its figure states when a bare small amount (deal_value -> value_per_share)
    bare_below: float  # ... an amount under this (in US dollars, at rules/fx.toml's rates) with no magnitude word
    neighbour_digits: int  # significant digits of a neighbour's value (rules/linking.toml)
    neighbours_most: int  # a sentence with more figures is a table or a list: no neighbours
    name_endings: tuple[str, ...] = ()  # words that end a Chinese company's name (科技: attribution.toml [names])
    term_endings: tuple[str, ...] = ()  # what ends the Chinese words of a measure glossed by an acronym (率)
    segment_endings: tuple[str, ...] = ()  # 业务: a Latin run right before one is a business (D&M业务), no name
    surnames: frozenset[str] = frozenset()  # 李: after a role, a listed name written next is a given name
    scope_metrics: dict[str, frozenset[str]] = field(default_factory=dict)  # family -> the only metrics it scopes
    # scopes a figure takes only from a word right beside it ([scope_adjacent]: 此前为 X, X previously)
    adjacent_scopes: frozenset[str] = frozenset()
    adjacent_before: int = 0  # ... how many characters before it at most, no other figure between
    listed_topic_weight: float = 1.0  # how much a listed actor's sentences count for the topic (attribution.toml [topic])
    unnamed_title_openers: int = 1  # openers that outweigh a listed title name the body never writes ([topic])
    heads: dict[str, Head] = field(default_factory=dict)  # metric -> when its word names another metric's figure
    phrases: tuple = ()  # (pattern, metric id): a subject and its verb, words between ([metric.phrases])
    yielding: frozenset[tuple[str, str]] = frozenset()  # (metric, word) that yields to another in the clause (metrics.toml yields)
    not_then: dict = field(default_factory=dict)  # metric id -> (its words, what after them makes them none)
    not_between: frozenset[str] = frozenset()  # ... but none of these ([metric_phrases] in rules/attribution.toml)


def _head(spec: dict) -> Head:
    h = spec["heads"]

    def words(key: str) -> re.Pattern:  # each a word of its own: "post-merger" names no merger under way
        return re.compile(r"(?<![A-Za-z0-9-])(?:%s)" % _alternation(h.get(key, []), whole=True), re.I)
    return Head(
        nouns=re.compile(r"(?:%s)\s*(?:(?:%s)\s+)?$" % (_alternation(h["words"]), _alternation(h.get("between", [])) or "(?!)"),
                         re.I),
        metric=h["metric"], forms=frozenset(_key(normalize(w)) for w in h.get("forms", spec["words"])),
        before=words("sentence"), after=words("after"), clause_only=bool(h.get("clause_only", False)),
        means=re.compile(_alternation(h["means"])) if h.get("means") else None,
        price_before=re.compile(r"(?:%s)\s+\Z" % _alternation(h["price_before"], whole=True), re.I)
        if h.get("price_before") else None)


def _source_after(words: list[str]) -> re.Pattern:
    """`words` right after a name, two capitalised words at most between ("Bank of America
    Securities released a research report")."""
    return re.compile(r"(?-i:\s+[A-Z][\w&.-]*){0,2}\s*(?:%s)(?![a-z])" % _alternation(words), re.I)


def _words_re(words: list[str]) -> re.Pattern:
    """Any of `words`, longest first; Latin ones as whole words, in any case (none: never matches)."""
    return re.compile(_alternation(words, whole=True), re.I)


# Chinese copy often spaces a Latin word from the characters next to it (SK 海力士 for SK海力士,
# TCL 科技): a listed name is found written either way.
_LATIN_HAN = re.compile(r"(?<=[A-Za-z0-9])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=[A-Za-z0-9])")


def _spaced(name: str) -> str:
    return _LATIN_HAN.sub(" ", name)


def vocabulary() -> Vocabulary:
    return data().memo(_vocabulary)


def _vocabulary(d) -> Vocabulary:
    ent = d.toml("entities.toml")
    met = d.toml("metrics.toml")
    per = d.toml("periods.toml")
    steer = d.toml("attribution.toml")
    entities, kinds, exact, reports_in, lower, inside = {}, {}, set(), {}, set(), {}
    for eid, spec in ent.items():
        kinds[eid] = spec.get("kind", "company")
        if "currency" in spec:
            reports_in[eid] = spec["currency"]
        exact |= {normalize(form) for n in spec.get("case_sensitive", ()) for form in (n, _spaced(n))}
        for name in spec["names"]:
            for form in {name, _spaced(name)}:
                entities[_key(normalize(form))] = eid
            if name.isascii() and name.islower():
                lower.add(name)
        for word in spec.get("unless_inside", ()):
            word = normalize(word)
            for name in spec["names"]:
                if (key := normalize(name)) in word and word not in inside.get(key, ()):
                    inside[key] = inside.get(key, ()) + (word,)
    periods = {t: ({_key(normalize(k)): v for k, v in table.items()} if isinstance(table, dict) and t != "spans" else table)
               for t, table in per.items()}
    # A word may name several metrics of different kinds (股价: a price in yuan, a move in per
    # cent): it is a hit of each, and the figure's kind picks (DocumentAttributor._fits).
    metrics: dict[str, tuple[str, ...]] = {}
    metric_kinds = {}
    for mid, spec in met.items():
        metric_kinds[mid] = frozenset(spec.get("kinds", ()))
        for word in spec["words"]:
            key = _key(normalize(word))
            if mid not in metrics.get(key, ()):
                metrics[key] = metrics.get(key, ()) + (mid,)
    for mid, spec in met.items():  # after every listed word, so that a listed form keeps its metric
        for word in spec["words"]:
            if word not in spec.get("verbs", ()) and (other := _other_number(word)) is not None:
                metrics.setdefault(_key(normalize(other)), (mid,))
    return Vocabulary(
        entities=entities, entity_kind=kinds, reports_in=reports_in, entity_scanner=WordScanner(entities, exact),
        lower_case_names=frozenset(lower),
        unless_inside=inside,
        metrics=metrics, metric_kinds=metric_kinds, metric_scanner=WordScanner(metrics),
        not_then={mid: (frozenset(_key(normalize(w)) for w in spec["not_then"]["words"]),
                        re.compile(r"\s+(?:%s)\b(?!%s)" % (_alternation(spec["not_then"]["then"]), "|".join(
                            r"\s+" + re.escape(u) for u in spec["not_then"].get("unless", ())) or "(?!)"), re.I))
                  for mid, spec in met.items() if "not_then" in spec},
        per_unit=marked_metrics(met, "per_unit"),
        per_unit_magnitude=float(steer.get("per_unit", {}).get("magnitude", math.inf)),
        periods=periods,
        pronouns=_words_re(steer["pronouns"]["words"]), objects=_words_re(steer["objects"]["words"]),
        not_objects=_words_re(steer["objects"].get("not_in", [])),
        source_before=re.compile(r"(?:%s)\s*(?:the\s+)?$" % _alternation(steer["sources"]["before"]), re.I),
        source_not_before=re.compile(r"(?:%s)\s*$" % _alternation(steer["sources"].get("not_before", []))),
        source_after=_source_after(steer["sources"]["after"]),
        house_after=_source_after(steer["sources"]["house_after"]),
        houses=frozenset(steer["sources"]["houses"]),
        house_endings=tuple(normalize(w) for w in steer["sources"]["house_endings"]),
        definite=_words_re(steer["pronouns"].get("definite", [])),
        subject_first=re.compile(r"\s*(?:%s)\b" % _alternation(steer.get("subject_first", {}).get("verbs", [])), re.I),
        # (an -ed or -ing word before a lower-case word: "Valued at", not "Boeing's", "United States")
        fronted_opener=re.compile(r"\s*(?:[A-Z][a-z]+(?:ed|ing)\s+[a-z0-9]|(?i:%s))" % _alternation(
            steer["fronted"]["openers"], whole=True)),
        fronted_saying=re.compile(r"\s*(?:%s)(?![a-z])" % _alternation(steer["fronted"]["saying"]), re.I),
        metric_back=re.compile(r"\s*(?:%s)(?![a-z])" % _alternation(steer["metric_back"]["words"]), re.I),
        owner_after=re.compile(r"\s+(?:[a-z][a-z-]*\s+){0,%d}?(?:%s)\s+(?:the\s+)?" % (
            int(steer["owner_after"]["words_between"]), _alternation(steer["owner_after"]["words"]))),
        scope_scanner=WordScanner({_key(normalize(w)): scope for scope, ws in steer["scopes"].items() for w in ws}),
        scope_family=scope_families(steer),
        place_scanner=WordScanner({_key(w): code for w, code in lexicon().place_countries.items()},
                                  exact={w for w in lexicon().place_countries if w.isascii() and w.isupper()}),
        place_before=re.compile(r"(?:(?<![A-Za-z])(?:%s)\s+(?:the\s+)?|(?:%s))\Z" % (
            _alternation([w for w in steer.get("place_scope", {}).get("before", ()) if w.isascii()]) or "(?!)",
            _alternation([normalize(w) for w in steer.get("place_scope", {}).get("before", ()) if not w.isascii()]) or "(?!)"),
            re.I),
        place_family=steer.get("place_scope", {}).get("family"),
        place_not_after=tuple(normalize(w) for w in steer.get("place_scope", {}).get("not_after", ())),
        place_not_then=re.compile(r"[ \t]+[A-Z]|(?i:[ \t-]*(?:%s)\b)" % (
            _alternation(steer.get("place_scope", {}).get("not_then", ())) or "(?!)")),
        scope_metrics={f: frozenset(ms) for f, ms in steer.get("scope_metrics", {}).items()},
        adjacent_scopes=frozenset(steer.get("scope_adjacent", {}).get("scopes", ())),
        adjacent_before=int(steer.get("scope_adjacent", {}).get("before", 0)),
        prior=_words_re(per["prior_year"]["words"]),
        owned_by_next=re.compile(r"\s*(?:%s)\s*" % ("|".join(map(re.escape, per.get("comparison", {}).get("owned_by_next", [])))
                                                     or "(?!)")),
        prior_rate_link=re.compile(r"\s*(?:%s)?\s*" % "|".join(map(re.escape, per["prior_year"].get("rate_links", [])))),
        prior_after=re.compile(r"[ \t,(（]{0,3}(?:(?:%s)[ \t]+)?(?:%s)" % (
            _alternation(per["prior_year"].get("lead_in", [])) or "(?!)", _alternation(per["prior_year"]["words"], whole=True)),
            re.I),
        prior_possessive=re.compile(r"(%s)(?:[ \t]+[\w’'-]+){0,%d}?[ \t]+(?:%s)[ \t]*$" % (
            "|".join(r"\b" + re.escape(w).replace("'", "['’]") for w in per["prior_year"]["possessive"]),
            int(per["prior_year"]["possessive_words"]),
            _alternation(per["prior_year"]["possessive_links"], whole=True)), re.I),
        comparison=re.compile(r"(?:%s)\s*(?:the\s+)?(?:第\s*)?$" % _alternation(per.get("comparison", {}).get("words", [])),
                              re.I),
        describing=tuple(normalize(w) for w in steer["names"]["describing_suffixes"]),
        counted_before=re.compile(steer["unitless_money"]["counted_before"]),
        event_before=re.compile(r"(?:%s)\s*(?:(?-i:[A-Z][a-z]{2,8})\.?\s+(?:\d{1,2},?\s+)?)?$" % _alternation(
            per["maturity"]["before"] + per["founding"]["before"]), re.I),
        event_after=re.compile(r"年?(?:\d{1,2}月)?(?:\d{1,2}[日号])?\s*(?:%s)" % _alternation(
            [normalize(w) for w in per["maturity"]["after"] + per["founding"]["after"]])),
        rate_comparison=re.compile(r"(?:%s)\s*(?:the\s+)?$" % _alternation(per.get("comparison", {}).get("rate_words", [])),
                                   re.I),
        conversion=re.compile(r"\s*(?:[(（]\s*(?:%s)?|(?:[,，]|\s?[—–-]{1,2})?\s*(?:%s))\s*$" % (
            (words := "|".join(re.escape(normalize(w)) for w in sorted(steer["conversions"]["words"], key=len, reverse=True))),
            words), re.I),
        restated_apart=float(steer["conversions"].get("most_apart", math.inf)),
        person_role=re.compile(r"(?:%s)[\s,，:：]*$" % _alternation(steer["names"]["person_roles"]), re.I),
        # ... and one right after a name, past a comma or a bracket and perhaps a company's possessive
        # ("said Leaf Hua Li, Futu's Chairman", "Leaf Li（创始人、董事长）", "Jo Park, the chief executive"),
        # roles joined taken whole ("chairman and CEO", 董事长兼总裁: atomic, never cut short), when the
        # roles end there (a stop, a dash, "of", "since"), not when a name follows them: then they are
        # that name's ("At Quorra, chairman and CEO Dana Whitfield said", "Quorra (CEO: Dana
        # Whitfield)", "据澄川能源，董事长柯文森表示")
        person_role_after=re.compile(
            r"\s?[,，(（]\s?(?:(?:the|its|their)\s|(?-i:[A-Z])[\w&.'’-]*(?:\s(?-i:[A-Z])[\w&.'’-]*){0,3}['’]s\s)?"
            r"(?>{0}(?:\s?(?:(?-i:and)|&|[、兼和及与])\s?{0})*)"
            r"(?=[ \t]*(?:[,，、)）.;；!?\r\n\"”—–-]|[:：][ \t]*(?:\r?\n|$)|$|(?-i:and|or|of|at|for|in|since|said|says|told)(?![A-Za-z])))"
            .replace("{0}", "(?:%s)" % _alternation(steer["names"]["person_roles"])), re.I),
        ticker_word=re.compile(r"(?:%s)\s?(?:%s)?\s?[“\"「']?\s?$" % (
            _alternation(steer["names"].get("ticker_words", [])), _alternation(steer["names"].get("ticker_connectors", []))),
            re.I),
        period_after=re.compile(r"\s?(?:%s)?\s?(?:the\s)?" % _alternation(steer["conversions"].get("period_after", [])),
                                re.I),
        markets=frozenset(steer["names"].get("markets", ())),
        role_words=frozenset(r.lower() for r in steer["names"].get("roles_in_runs", ())),
        place_words=frozenset(steer["names"].get("place_words", ())),
        range_scope=steer.get("scope_of_a_range", {}).get("scope"),
        lead_families=frozenset(steer.get("sentence_lead", {}).get("families", ())),
        lead_metrics=frozenset(steer.get("sentence_lead", {}).get("metrics", ())),
        scope_default=scope_defaults(steer),
        metric_scope={mid: spec["scope"] for mid, spec in met.items() if spec.get("scope")},
        metric_parent=metric_parents(met),
        daily=marked_metrics(met, "daily"),
        of_country=marked_metrics(met, "of_country"),
        country_ids=_country_ids(ent),
        national={mid: spec["national"] for mid, spec in met.items() if spec.get("national")},
        partner_before=re.compile(r"(?:(?<![A-Za-z])(?:%s)\s+(?:the\s+)?|(?:%s))\Z" % (
            _alternation([w for w in steer.get("national", {}).get("partner_before", ()) if w.isascii()]) or "(?!)",
            _alternation([normalize(w) for w in steer.get("national", {}).get("partner_before", ()) if not w.isascii()]) or "(?!)"),
            re.I),
        per_share_of={of: mid for mid, spec in met.items() for of in spec.get("per_share_of", ())},
        bare_of={of: mid for mid, spec in met.items() for of in spec.get("bare_of", ())},
        bare_below=float(steer.get("per_unit", {}).get("bare_below", 0)),
        neighbour_digits=int(d.toml("linking.toml")["neighbour_digits"]),
        neighbours_most=int(d.toml("linking.toml")["neighbours_most"]),
        listed_topic_weight=float(steer.get("topic", {}).get("listed_weight", 1.0)),
        unnamed_title_openers=int(steer.get("topic", {}).get("unnamed_title_openers", 1)),
        name_endings=tuple(normalize(w) for w in steer["names"].get("name_endings", ())),
        term_endings=tuple(normalize(w) for w in steer["names"].get("term_endings", ())),
        segment_endings=tuple(normalize(w) for w in steer["names"].get("segment_endings", ())),
        surnames=frozenset(normalize(steer["names"].get("chinese_surnames", ""))),
        heads={mid: _head(spec) for mid, spec in met.items() if "heads" in spec},
        phrases=tuple((re.compile(r"(?<![A-Za-z])(?:%s)(?P<gap>(?:\s+[\w.-]+){0,%d}?)\s+(?:%s)(?![A-Za-z])" % (
            _alternation(spec["phrases"]["subjects"]), int(spec["phrases"]["between"]),
            _alternation(spec["phrases"]["verbs"])), re.I), mid) for mid, spec in met.items() if "phrases" in spec),
        not_between=frozenset(w.lower() for w in steer["metric_phrases"]["not_between"]),
        yielding=frozenset((mid, _key(normalize(w))) for mid, spec in met.items() for w in spec.get("yields", ())),
    )


def _country_ids(ent: dict) -> dict[str, str]:
    """Each country's ISO code -> its entity: the listed country whose name CLDR gives that code
    (JP -> japan), else CLDR's English name (TW -> taiwan, as an unlisted name's id is written)."""
    lex = lexicon()
    out = dict(lex.country_names)
    for eid, spec in ent.items():
        if spec.get("kind") == "country":
            for name in spec["names"]:
                if code := lex.place_countries.get(name_key(name)):
                    out[code] = eid
    return out


def in_millions(fig: Figure, magnitude: float) -> bool:
    """Whether the figure's magnitude word (or its unit's prefix) makes it `magnitude` (rules/
    attribution.toml [per_unit]: a million) or more: 185亿元, $2 billion; never a share's price."""
    return bool(fig.number) and fig.value / fig.number >= magnitude


def _alternation(words: list[str], whole: bool = False) -> str:
    """`words` as a regex alternation, longest first, a Latin one from a word boundary (and to one,
    `whole`); none: a pattern that never matches."""
    end = r"\b" if whole else ""
    return "|".join(rf"\b{re.escape(w)}{end}" if w.isascii() else re.escape(normalize(w))
                    for w in sorted(words, key=len, reverse=True)) or "(?!)"


def _other_number(word: str) -> str | None:
    """An English metric word's plural or singular (expenditure / expenditures, valuation /
    valuations: the lexicon lists one), by its last word's final s; None for other words."""
    if not word.isascii() or not word[-1:].isalpha() or not word[-1].islower() or len(word.split()[-1]) < 4:
        return None
    if word.endswith("ss") or word.endswith("us"):
        return word + "es"
    return word[:-1] if word.endswith("s") else word + "s"


def scope_families(steer: dict) -> dict[str, str]:
    """scope -> family, from rules/attribution.toml [scope_families]; and each country's place scope
    (place:AU) -> [place_scope] family."""
    out = {scope: family for family, scopes in steer.get("scope_families", {}).items() for scope in scopes}
    family = steer.get("place_scope", {}).get("family")
    if family:
        out.update({PLACE_SCOPE + code: family for code in set(lexicon().place_countries.values()) if code})
    return out


def marked_metrics(metrics: dict, flag: str) -> frozenset[str]:
    """The metrics of rules/metrics.toml marked `flag` = true (daily, per_unit, between)."""
    return frozenset(mid for mid, spec in metrics.items() if spec.get(flag))


def metric_parents(metrics: dict) -> dict[str, str]:
    """metric -> its broader metric (rules/metrics.toml parent)."""
    return {mid: spec["parent"] for mid, spec in metrics.items() if spec.get("parent")}


def metric_relations(metrics: dict) -> frozenset[tuple[str, str]]:
    """(x, y) for two metrics that may name one fact (rules/metrics.toml): one within the other, both
    within one, or declared related; both ways round."""
    parents = metric_parents(metrics)
    pairs = {(x, y) for x, px in parents.items() for y in (px, *(c for c, pc in parents.items() if pc == px)) if x != y}
    pairs |= {(mid, other) for mid, spec in metrics.items() for other in spec.get("related", ())}
    return frozenset(pairs | {(y, x) for x, y in pairs})


def scope_defaults(steer: dict) -> dict[str, str]:
    """family -> the scope an unmarked figure states (rules/attribution.toml [scope_defaults])."""
    return dict(steer.get("scope_defaults", {}))


def scopes_unsaid_alike(steer: dict) -> frozenset[str]:
    """The scopes that, on one side only, are as if unsaid (rules/attribution.toml [scope_unsaid]):
    the members of its families and the default scopes."""
    unsaid = set(steer.get("scope_unsaid", {}).get("families", []))
    return frozenset(scope_defaults(steer).values()) | frozenset(
        s for s, f in scope_families(steer).items() if f in unsaid)


def _alone_on_line(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is all its line holds, but for emphasis marks; a Markdown heading
    (# Zorvane Motors) or a label before a colon (Zorvane Motors:) is not page furniture."""
    # (both ends are looked for a few characters away only: a long line holds more than the name)
    lo = text.rfind("\n", max(0, start - 8), start) + 1
    if (lo == 0 and start > 8) or text[lo:start].strip(" \t*_"):
        return False
    hi = text.find("\n", end, end + 8)
    return not text[end:end + 8 if hi < 0 else hi].strip(" \t*_") and (hi >= 0 or end + 8 >= len(text))


def _segments(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [m.end() for m in pattern.finditer(text, start, end)] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


class _Spans:
    """Hits (start, end, …) sorted by start, found by range with bisection."""

    def __init__(self, hits):
        self.hits = sorted(hits, key=lambda h: (h[0], h[1]))
        self.starts = [h[0] for h in self.hits]

    def within(self, lo: int, hi: int) -> list:
        starts = self.starts
        return [h for h in self.hits[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)] if h[1] <= hi]

    def before(self, pos: int, lo: int = 0) -> list:
        return self.within(lo, pos)


ACTOR_KINDS = ("company", "organisation", "name")
PLACE_KINDS = ("country", "region")
_CAPITAL_NEXT = re.compile(r" [A-Z]")  # a capitalised word after a product's name: a longer name (Optimus Ride)
PLACE_SCOPE = "place:"  # a figure's country as its scope: place:AU
# between two places of a list: "Portugal, the UAE, and Canada", 葡萄牙、阿联酋以及加拿大
_LIST_JOINER = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|[、，/&]\s*|(?:and|or|以及|和|及|与|或)\s*)(?:the\s+)?")


def _amount_kind(rate_unit: str) -> str:
    """The kind of a rate's amount: USD/year is currency (currencies keep their ISO codes, no
    [kinds] entry), W*h/year energy."""
    return kinds_by_unit().get(rate_unit.rsplit("/", 1)[0], ("currency",))[0]


def _places_only(name: str) -> bool:
    """Is a Latin name only places and joiners ("Sydney and Melbourne"): no company's?"""
    places = lexicon().places
    return name.isascii() and all(w in ("and", "&", "of") or name_key(w) in places for w in name.split())


_WORDLIKE = re.compile(r"[^\W_]")  # a letter or digit of any script
_POSSESSIVE_S = re.compile(r"(?:['’]?s)$")  # NII's, LLMs: the acronym itself


_TABLE_RULE = re.compile(r"[ \t|:\-]*-[ \t|:\-]*\|?[ \t|:\-]*")  # |---|:---:| under a table's head


_OPEN_BRACKET = re.compile(r"\s?[(（]")
_CAPITALISED_BEFORE = re.compile(r"(?<![A-Za-z])([A-Z][A-Za-z]+)[ \t]\Z")  # GlobalWafers before America


class DocumentAttributor:
    """Attribution for the figures of one document."""

    def __init__(self, doc: Document, vocab: Vocabulary, learned: frozenset[str] = frozenset(),
                 terms: frozenset[str] = frozenset()):
        self.doc = doc
        self.v = vocab
        self.learned = learned
        text = doc.text
        self.sentences = _segments(_SENTENCE, text, 0, len(text))
        self._clauses: dict[tuple[int, int], list[tuple[int, int]]] = {}  # sentence -> its clauses
        self._leads: dict[tuple[int, int], tuple] = {}  # sentence -> its clauses before any figure
        self._amount_starts: list[int] = []  # where each figure that is not a date or a span starts
        self._durations: tuple[list[Figure], list[Figure], list[int]] | None = None  # (figures, their durations, starts)
        self._header_rows: tuple[list[int], list[tuple[int, int, tuple[int, int]]]] | None = None  # _header_row
        self._figure_starts: tuple[list[Figure], list[int]] | None = None  # (figures, where each starts)
        self._actors_in: dict[tuple[int, int], list] = {}  # (lo, hi) -> _actors(lo, hi)
        self._named_in: dict[tuple[int, int], set[str]] = {}  # sentence -> the actors it names
        self._title: tuple[list, list] | None = None  # _title_hits()
        self._unitless: UnitlessCurrency | None = None  # the currency of unitless amounts read as money
        self._country_named_most: tuple[str | None] | None = None  # _country()
        self._sentence_starts = [s for s, _ in self.sentences]
        scanned = [(s, e, mid) for s, e, mids in vocab.metric_scanner.scan(text) for mid in mids
                   if not (mid in vocab.not_then and _key(text[s:e]) in vocab.not_then[mid][0]
                           and vocab.not_then[mid][1].match(text, e))]
        self.metrics = _Spans(sorted(scanned + self._phrases(scanned)))
        self.scopes = _Spans(vocab.scope_scanner.scan(text))
        self.segments = segment_words()
        self.periods = _Spans([(h.start, h.end, h) for h in scan_periods(text, doc.date)])
        self.terms = self._acronym_terms()
        self.shared_terms = terms - self.terms  # defined by other articles of the run
        names, self.aliases = self._names()
        self.persons = self._persons(names)
        # unlisted names the article shows to be companies (a corporate suffix, a stock code after)
        self.companies = frozenset(n.id for n in names if not n.listed and certified(text, n))
        self.names = _Spans([(n.start, n.end, n.id) for n in names])
        self.topic = self._topic()
        self.doc_period = self._doc_period()

    # --- names

    def _phrases(self, scanned: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Metric hits of a subject and its verb some words apart ("shares also slipped"), unless a
        word between joins another clause ("shares as net income rose": [metric_phrases]) or is
        another metric's ("shares outstanding fell")."""
        text, out = self.doc.text, []
        hits = sorted(scanned)
        starts = [s for s, _, _ in hits]
        for rx, mid in self.v.phrases:
            for m in rx.finditer(text):
                lo, hi = m.span("gap")
                if any(w.lower() in self.v.not_between for w in m.group("gap").split()) or any(
                        min(e, hi) > max(s, lo) for s, e, _ in hits[bisect.bisect_left(starts, m.start()):
                                                                     bisect.bisect_left(starts, hi)]):
                    continue
                out.append((m.start(), m.end(), mid))
        return out

    def _acronym_terms(self) -> frozenset[str]:
        """The acronyms the article defines after a common noun's words or a metric's, period's or
        scope's ("net interest income (NII)", "Daily Active Users (DAU)"): terms, never names. One
        whose words end in a metric's names that metric wherever it is written (added to the
        metric hits)."""
        text, terms, named = self.doc.text, set(), {}
        for a in acronyms(text):
            heads = [h for h in self.metrics.within(a.start, a.end) if h[1] == a.end]
            if a.lower or heads or self._term_words(a.start, a.end):
                terms.add(a.acronym)
            if heads:
                named.setdefault(a.acronym, min(heads)[2])  # the longest word ending there
        # ... and after Chinese words that end as a measure's do (新业务价值（VONB）, 复合年均增长率（CAGR）;
        # rules/attribution.toml [names] term_endings), not as a company's name
        for at, acronym in chinese_glossed_acronyms(text):
            before = text[max(0, at - 6):at]
            if before.endswith(self.v.name_endings) or corporate_suffix(before):
                continue  # 澄川电力（CCP）: a company's name and its short form
            if before.endswith(self.v.term_endings):  # (a metric word alone is not enough: 澄川投资（CCI）)
                terms.add(acronym)
                heads = [h for h in self.metrics.within(max(0, at - 12), at) if h[1] == at]
                if heads:
                    named.setdefault(acronym, min(heads)[2])
        if named:
            known = {(h[0], h[1]) for h in self.metrics.hits}
            rx = re.compile(r"(?<![A-Za-z0-9&])(%s)s?(?![A-Za-z0-9&])" % "|".join(map(re.escape, named)))
            extra = [(m.start(), m.end(), named[m.group(1)]) for m in rx.finditer(text)
                     if (m.start(), m.end()) not in known]
            self.metrics = _Spans(self.metrics.hits + extra)
        return frozenset(terms)

    def _any_term_word(self, s: int, e: int) -> bool:
        """Whether a period's, metric's or scope's word overlaps [s, e)."""
        return any(a < e and s < b for spans in (self.periods, self.metrics, self.scopes)
                   for a, b, _ in spans.within(s - 8, e + 8))

    def _term_words(self, s: int, e: int) -> bool:
        """Whether most of [s, e) is period, metric or scope words (前三季度, 净利润, YOY, Adjusted EBITDA)."""
        covered, reach = 0, s  # the union of the term words' spans within [s, e)
        for a, b in sorted((max(a, s), min(b, e)) for spans in (self.periods, self.metrics, self.scopes)
                           for a, b, _ in spans.within(s - 8, e + 8)):
            if b > reach and b > a:
                covered += b - max(a, reach)
                reach = b
        return covered > (e - s) / 2

    def kind(self, eid: str) -> str:
        return "person" if eid in self.persons else self.v.entity_kind.get(eid, "name")

    def _persons(self, names: list[Name]) -> frozenset[str]:
        """Unlisted names that a role word stands right before somewhere in the article (CFO Susan
        Li), and their last words (Li, as the article calls her later)."""
        text, out = self.doc.text, set()
        for n in names:
            if not n.listed and (self.v.person_role.search(text, max(0, n.start - 40), n.start)
                                 or self.v.person_role_after.match(text, n.end)):
                out.add(n.id)
                if " " in n.id:
                    out.add(n.id.rsplit(" ", 1)[1])
        return frozenset(out)

    def _embedded(self, s: int, e: int) -> int:
        """Where the longer name ends that a listed Chinese name [s, e) is written inside, else 0: a
        Chinese character before it, and its last character opening a word that ends a company's
        name (思科 of 蓝思科技: rules/attribution.toml [names] name_endings)."""
        text = self.doc.text
        if s == 0 or not (is_han(text[s - 1]) and is_han(text[e - 1])):
            return 0
        return next((e - 1 + len(w) for w in self.v.name_endings if text.startswith(w, e - 1)), 0)

    def _names(self) -> tuple[list[Name], dict[str, str]]:
        """Listed names, then unlisted ones where no listed name stands; and the aliases brackets give."""
        text = self.doc.text
        listed, embedded = [], []
        for s, e, eid in self.v.entity_scanner.scan(text):
            end = self._embedded(s, e)
            if end:  # 蓝思科技, not 思科: read below as a name of its own, from the character before
                embedded.append((s - 1, end, text[s - 1:end]))
            elif self._inside_longer(s, e):
                continue  # 高通 inside 高通胀 (inflation): the word's, no name (rules/entities.toml unless_inside)
            elif text[s].isdigit() and s and (text[s - 1] in ".," or text[s - 1].isdigit()
                                             or unicodedata.category(text[s - 1]) == "Sc"):  # (Sc: $, €, ¥ …)
                continue  # "$3.3M ARR", "$3M": an amount's digits and magnitude, not 3M
            elif text[s:e].isascii() and text[s:e].islower() and text[s:e] not in self.v.lower_case_names:
                continue  # a share button's "facebook": a brand the list capitalises, written in lower case, is a page's widget
            elif s > 1 and text[s - 1] in self.v.surnames and is_han(text[s]) and \
                    self.v.person_role.search(text, max(0, s - 21), s - 1):
                continue  # 部长李小鹏: a person's given name after a role and a surname, not 小鹏 (XPeng)
            elif not (self.v.entity_kind.get(eid) == "product" and _CAPITAL_NEXT.match(text, e)):
                listed.append(Name(s, e, eid, True))  # (Android Industries: a company, read below)
        starts = {n.start for n in listed}
        listed += [n for n in glossed(text, listed) if n.start not in starts and not self._inside_longer(n.start, n.end)]
        lexicon_words = unit_and_period_words() | self.v.role_words

        def skip(word: str) -> bool:
            return word.lower() in lexicon_words  # Founder Ana Ruiz: the name is Ana Ruiz

        latin = latin_names(text, skip)
        # A country or region inside a longer capitalised name is that name's word (Yum China
        # Holdings): the name is read below as one of no list. Not when the other words are a
        # place's too (the South China Sea, Greater China) or join two places (Southeast Asia and
        # Latin America).
        runs = sorted((s, e) for s, e, _ in latin)
        run_starts = [s for s, _ in runs]

        def inside_run(n: Name) -> bool:
            at = bisect.bisect_right(run_starts, n.start)
            for a, b in runs[max(0, at - 3):at]:
                if n.end <= b and b - a > n.end - n.start:
                    rest = (text[a:n.start] + " " + text[n.end:b]).split()
                    if not any(w in ("and", "&") or w in self.v.place_words for w in rest):
                        return True
            return False

        # So is a person's name inside a company's that no list knows (Trump Media, Musk Foundation;
        # 特朗普媒体科技集团: a Chinese name that opens with it and ends in a corporate suffix).
        zh_companies = [(s, e) for s, e, _ in chinese_names(text)]

        def opens_a_company(n: Name) -> bool:
            return any(s == n.start and e > n.end + 1 for s, e in zh_companies)

        listed = [n for n in listed if not (
            self.v.entity_kind.get(n.id) in PLACE_KINDS and inside_run(n)
            or self.v.entity_kind.get(n.id) == "person" and (inside_run(n) or opens_a_company(n)))]
        taken = _Spans([(n.start, n.end) for n in listed])

        def free(s: int, e: int) -> bool:
            i = bisect.bisect_right(taken.starts, e) - 1
            return not any(a < e and s < b for a, b in taken.hits[max(0, i - 2):i + 1])

        def a_term(s: int, e: int) -> bool:
            """Most of [s, e) is period, metric or scope words, or it is a role (创始人, Founder), or
            an acronym the article defines as a term (NII): no name. Never a Latin name that ends in
            a corporate suffix of its own ("KE Holdings Inc": a holding is a stake, Inc says whose)."""
            surface = text[s:e]
            if surface.isascii() and ends_in_suffix(surface):
                return False
            word = _POSSESSIVE_S.sub("", surface)
            # (one another article defined stays a name where this one heads its title with it or
            # gives its stock code: "CAR (ASX: CAR)" is a company, whatever "capital adequacy ratio
            # (CAR)" was elsewhere)
            return self._term_words(s, e) or bool(self.v.person_role.fullmatch(text, s, e)) or word in self.terms \
                or word in self.shared_terms and s >= self.doc.title_end and not code_after(text, e, word)

        # A listed company's name cut short, in an article that names it in full (理想 where 理想汽车 is
        # written; the list leaves bare 理想 out, a word too): that company.
        # Latin names are cut at words only (Hang Seng of Hang Seng Bank; "Mi" is not Microsoft's).
        short_forms: dict[str, str] = {}
        for n in listed:
            full = _key(normalize(text[n.start:n.end]))
            cuts = [i for i, c in enumerate(full) if c == " "] if full.isascii() else range(2, len(full))
            for k in cuts:
                short_forms.setdefault(full[:k], n.id)
        unlisted = []
        places = lexicon().places
        listed_at = {n.start for n in listed}
        own_line = self.doc.title_end and not self.doc.front_title
        title = text[:self.doc.title_end] if own_line else normalize(self.doc.title or "")
        def term_cut(s: int, e: int) -> int:
            """Where a name that runs on into a period word ends ("Nio Third Quarter" -> Nio), or a
            Chinese one into a period, metric or scope word (澄湾咖啡第三季度 -> 澄湾咖啡), two
            characters in at least; else e. A metric or scope word inside a Latin name is the
            name's ("Harlow Value Partners", "Marlow Outlook Media"), and so is one inside its
            corporate suffix (股 of 三花控股)."""
            # a word that starts inside the name may end after it (第三季度 after 澄湾咖啡第三)
            kinds = (self.periods,) if text[s:e].isascii() else (self.periods, self.metrics, self.scopes)
            last = e - len(corporate_suffix(text[s:e]))
            starts = [a for spans in kinds for a, _, _ in spans.within(s + 2, e + 8) if a < last]
            return min(starts, default=e)

        lead_end = self.doc.title_end
        if not self.doc.title.strip() and self.sentences:
            # No headline: the first sentence opens the article as a headline would (瑞幸咖啡以…).
            first = next(((a, b) for a, b in self.sentences if text[a:b].strip()), None)
            if first:
                a = first[0] + len(text[first[0]:first[1]]) - len(text[first[0]:first[1]].lstrip())
                title, lead_end = text[a:first[1]], first[1]
        learned = [(m.start(), m.end(), name) for name in self.learned for m in re.finditer(re.escape(name), text)]
        # (a run found by repetition is no name where a metric's, period's or scope's word is in it: 环比增长)
        learned += [(m.start(), m.end(), name) for name in repeated_names(text) if name not in self.learned
                    for m in re.finditer(re.escape(name), text) if not self._any_term_word(m.start(), m.end())]
        for s, e, surface in latin + [(s, e, text[s:e]) for s, e in zh_companies] + chinese_leads(text, title, lead_end) \
                + embedded + learned:
            if (cut := term_cut(s, e)) < e:
                surface = text[s:cut].rstrip()
                e = s + len(surface)
            if surface.isascii() and text.startswith(self.v.segment_endings, _SPACES.match(text, e).end()):
                continue  # 小分子D&M业务: a business of the company's
            if free(s, e) and not a_term(s, e):
                if surface.endswith(self.v.describing) and _DESCRIBED.match(text, e).end() in listed_at:
                    continue  # 自动驾驶公司小马智行, 互联网科技公司——腾讯: what the company is, before its name
                key = _key(normalize(surface))
                eid = self.v.entities.get(key) or name_id(surface)
                if eid in places and eid not in self.v.entity_kind:
                    continue  # a country or region (Taiwan, 香港) is where, not who
                if eid not in self.v.entity_kind:
                    eid = short_forms.get(key, eid)
                unlisted.append(Name(s, e, eid, eid in self.v.entity_kind))
        # ... so is one right before a name no list knows (自动驾驶公司小马智行-W(02026.HK))
        starts = {n.start for n in unlisted}
        unlisted = [n for n in unlisted if n.listed or not (text[n.start:n.end].endswith(self.v.describing)
                                                             and _DESCRIBED.match(text, n.end).end() in starts)]
        # A name in no list that only ever stands alone on its line is a page's label (a site's
        # name, a menu or section word, a byline: BSKiller, Advertisement, Key Takeaways), not who
        # the article speaks of.
        # (a headline that is only a company's name of two words or more names it: "Zorvane Motors")
        in_prose = {n.id for n in unlisted if n.listed or not _alone_on_line(text, n.start, n.end)
                    or n.start < self.doc.title_end and " " in text[n.start:n.end].strip()}
        unlisted = [n for n in unlisted if n.id in in_prose]
        names = sorted(listed + unlisted, key=lambda n: (n.start, -n.end))
        kept, end = [], -1
        for n in names:  # no overlaps: the first (and longest) wins
            if n.start >= end:
                kept.append(n)
                end = n.end
        aliases: dict[str, str] = _short_forms_of(n.id for n in kept if not n.listed)
        for a, b in bracket_aliases(text, kept):
            if (self.v.entity_kind.get(a) in PLACE_KINDS) != (self.v.entity_kind.get(b) in PLACE_KINDS) \
                    and (any(n.id not in (a, b) and n.id.startswith(b) for n in kept)
                         or self.v.entity_kind.get(a) in PLACE_KINDS and self._ends_a_run(a, kept)):
                # "ZTO Express …, a company in China ("ZTO")": the defined name opens another name of
                # the text, whose it is; the country is only where (Europe ("EU") stays a place's);
                # "GlobalWafers America (GWA)": the place ends a longer name, which the bracket defines
                continue
            # A listed id stands for both; else the first written.
            keep, other = (b, a) if b in self.v.entity_kind and a not in self.v.entity_kind else (a, b)
            if not other.startswith("ticker:"):
                aliases[other] = keep
        owners = ticker_owners(text, kept)
        for code, owner in self._ticker_codes(kept):
            aliases.setdefault(code, owner)
        kept = [Name(n.start, n.end, _resolved(aliases, owners.get(n.start, n.id)), n.listed) for n in kept]
        return kept, {**aliases, **{b: a for a, b in bracket_aliases(text, kept) if b.startswith("ticker:")}}

    def _ends_a_run(self, place: str, kept: list[Name]) -> bool:
        """Is the place written, before a bracket, right after a capitalised word: the end of a
        longer name ("GlobalWafers America (GWA)"), not a place of its own?"""
        text = self.doc.text
        for n in kept:
            word = _CAPITALISED_BEFORE.search(text, max(0, n.start - 40), n.start) \
                if n.id == place and _OPEN_BRACKET.match(text, n.end) else None
            if word and word.group(1) not in not_names():  # (not "In America (…)")
                return True
        return False

    def _inside_longer(self, s: int, e: int) -> bool:
        """Whether the name at [s, e) is written inside a longer word its entity lists as no name
        (rules/entities.toml unless_inside: 高通 in 高通胀)."""
        text = self.doc.text
        return any((k := s - w.index(text[s:e])) >= 0 and text.startswith(w, k)
                   for w in self.v.unless_inside.get(text[s:e], ()))

    def _ticker_codes(self, names: list[Name]) -> list[tuple[str, str]]:
        """(code id, company id) for a code in no list written after a ticker word ("trades under the
        ticker CHA", 股票代码为CRCL): the company whose brackets hold it (CyberArk Software Ltd.(纳斯达克代码
        CYBR); none when that is the code itself: "CNGR (02579.HK, A-share ticker: CNGR 300919.SZ)"), else
        of the companies its sentence names, the one the article names most (twice at least), else the
        one the article names most."""
        text, out = self.doc.text, []
        codes = [n for n in names if not n.listed and _TICKER_CODE.fullmatch(text, n.start, n.end)
                 and self.v.ticker_word.search(text, max(0, n.start - 24), n.start)]
        if not codes:
            return out
        code_ids = {n.id for n in codes}
        counts = Counter(n.id for n in names if n.id not in code_ids and n.id not in self.v.markets
                         and self.v.entity_kind.get(n.id, "name") in ACTOR_KINDS)
        starts = [n.start for n in names]
        for n in codes:
            start = bisect.bisect_right(self._sentence_starts, n.start) - 1
            lo = self.sentences[start][0] if start >= 0 else 0
            before = names[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, n.start)]
            # (the name may end its "sentence": "CyberArk Software Ltd.(纳斯达克代码CYBR)"; a market
            # inside the brackets is none, nor one before them)
            opening = max(text.rfind("(", 0, n.start), text.rfind("（", 0, n.start))
            k = bisect.bisect_left(starts, opening) - 1
            if opening >= 0 and k >= 0 and _BRACKET_HOLDS.fullmatch(text, opening, n.start) \
                    and _BEFORE_BRACKET.fullmatch(text, names[k].end, opening) and names[k].id not in self.v.markets \
                    and self.v.entity_kind.get(names[k].id, "name") in ACTOR_KINDS:  # 登陆纳斯达克(股票代码:GEMI): not Nasdaq's
                if names[k].id != n.id:
                    out.append((n.id, names[k].id))
                continue
            near = [o.id for o in before if counts[o.id] >= 2]
            owner = max(near, key=counts.__getitem__) if near else \
                (counts.most_common(1)[0][0] if counts else None)
            if owner:
                out.append((n.id, owner))
        return out

    def _actors(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Companies and organisations named in [lo, hi), less objects (为Meta, with Oracle); read
        once for each range (a sentence's clauses are read for each of its figures, and earlier
        sentences for each figure after them). Do not change the list."""
        found = self._actors_in.get((lo, hi))
        if found is None:
            found = [h for h in self.names.within(lo, hi) if self.kind(h[2]) in ACTOR_KINDS and not self._is_object(h[0], lo)]
            # a source ("Morgan Stanley's report indicates that…") gives way to a company named after it
            while len(found) > 1 and found[0][2] != found[-1][2] and self._is_source(found[0]):
                found = found[1:]
            self._actors_in[(lo, hi)] = found
        return found

    def _is_source(self, hit: tuple[int, int, str]) -> bool:
        """A name written as the source of what follows: 'according to X', "X's research report", 据X,
        X研报; a research house's "X maintained its rating on Y", X认为."""
        text = self.doc.text
        before = text[max(0, hit[0] - 20):hit[0]]
        if self.v.source_after.match(text, hit[1]) or \
                self.v.source_before.search(before) and not self.v.source_not_before.search(before):
            return True
        house = hit[2] in self.v.houses or text[hit[0]:hit[1]].endswith(self.v.house_endings)
        return house and bool(self.v.house_after.match(text, hit[1]))

    def _is_object(self, pos: int, lo: int) -> bool:
        """与英国AI云平台企业Fluidstack合作: a marker (与, 为, with …) earlier in the same clause."""
        window = re.split(r"[,，;；:：]", self.doc.text[max(lo, pos - 14):pos])[-1]
        return bool(self.v.objects.search(self.v.not_objects.sub(" ", window)))

    def _title_attributor(self) -> DocumentAttributor | None:
        """The title as a document of its own, when it is the front matter's (whose figures stand in
        the text, but whose names and periods are read as the title alone)."""
        if (self.doc.title_end and not self.doc.front_title) or not self.doc.title:
            return None
        title = Document(id=self.doc.id, file=self.doc.file, start=0, end=0, title="", title_end=0,
                         source=None, date=self.doc.date, lang=self.doc.lang, text=normalize(self.doc.title))
        return DocumentAttributor(title, self.v)

    def _title_hits(self) -> tuple[list, list]:
        """(names, periods) of the title, read once."""
        if self._title is None:
            own = self._title_attributor()
            self._title = (own.names.hits, own.periods.hits) if own is not None else \
                (self.names.within(0, self.doc.title_end), self.periods.within(0, self.doc.title_end))
        return self._title

    def _topic(self) -> str | None:
        """The company the article is about: of those its title names, the one its body names most
        often, the first on a tie ("Morgan Stanley: Tencent Music's quarter …" is about Tencent
        Music when the body says so); with none in the title, the one that most often opens a
        sentence, a listed one's sentences counting more (rules/attribution.toml [topic]); so too when
        the title names only an exchange and no period."""
        hits = [h for h in self._title_hits()[0] if self.kind(h[2]) in ACTOR_KINDS]
        text = self.doc.text if (self.doc.title_end and not self.doc.front_title) else normalize(self.doc.title or "")
        # "JPMorgan: Pop Mart's first half beat …": the name before the colon is who says it
        said = [h for h in hits if _SPEAKER.match(text, h[1]) and not text[:h[0]].strip(" \t\n#*>\"'“「")]
        if said and len(said) < len(hits):
            hits = [h for h in hits if h not in said]
        title = [self.aliases.get(h[2], h[2]) for h in hits]
        if hits and self._only_names(text, hits):
            title = []  # a title that is a name and nothing else is a site's or a section's label ("PV Magazine")
        if title and all(e in self.v.markets for e in title) and not self._title_hits()[1]:
            # a headline naming only an exchange, and no period ("票务巨头登陆纽交所"), says where a
            # company lists, not who: the sentences' openers tell. (The exchange's own results name
            # their quarter: 港交所第三季度纯利增长56%.)
            title = []
        if title:
            body = Counter(self.aliases.get(h[2], h[2]) for h in self.names.within(self.doc.title_end, len(self.doc.text)))
            # a name in no list that the body never repeats is no topic: a site's menu word above
            # the headline ("Workflow") reads as a title of its own
            title = [e for e in title if body[e] or self.kind(e) != "name"]
            if title and not any(body[e] for e in title):
                # nor, for a body that never names what the title does, a listed one: a page's other
                # headline above the article ("Bitcoin tumbles as Fed cut doubts" over Futu's results),
                # when the body's sentences open on a company of their own often enough ([topic])
                return self._opening_topic(least=self.v.unnamed_title_openers) or title[0]
        if len(set(title)) > 1:
            return max(dict.fromkeys(title), key=lambda e: body[e])  # max() keeps the first of equals
        if title:
            return title[0]
        return self._opening_topic()

    def _only_names(self, text: str, hits: list) -> bool:
        """Whether the title (to self.doc.title_end in `text`) writes nothing but the names of `hits`."""
        end = self.doc.title_end if (self.doc.title_end and not self.doc.front_title) else len(text)
        start = text.rfind("\n", 0, min(h[0] for h in hits)) + 1
        rest, at = [], start
        for h in sorted(hits):
            rest.append(text[at:h[0]])
            at = max(at, h[1])
        rest.append(text[at:end])
        return not _WORDLIKE.search("".join(rest))

    def _opening_topic(self, least: int = 1) -> str | None:
        """The company that most often opens a body sentence (`least` of them at least), a listed one's
        sentences counting more (rules/attribution.toml [topic])."""
        counts: Counter = Counter()
        first: dict[str, int] = {}
        body_start = self.doc.title_end if not self.doc.front_title else 0
        for lo, hi in self.sentences:
            if lo < body_start:
                continue  # the title's names were weighed above (a menu word there is no topic)
            actors = self._actors(lo, hi)
            if actors:
                eid = actors[0][2]
                counts[eid] += 1
                first.setdefault(eid, lo)
        if not counts:
            return None
        # a company or body the gazetteer lists, or one the article shows to be a company, outweighs
        # a name no list knows (often a place, a person, a product or a section's word:
        # rules/attribution.toml [topic]); an exchange counts as one no list knows (where companies
        # list, seldom who an article is about)
        weight = {e: counts[e] * (1 if self.kind(e) == "name" and e not in self.companies or e in self.v.markets
                                  else self.v.listed_topic_weight) for e in counts}
        opening = [e for e in counts if counts[e] >= least]
        return max(opening, key=lambda e: (weight[e], -first[e])) if opening else None

    def _recent_subject(self, sentence_index: int) -> str | None:
        """The subject of the nearest earlier sentence (at most three back) that names one: what
        公司 and 其 refer to."""
        for lo, hi in reversed(self.sentences[max(0, sentence_index - 3):sentence_index]):
            # (an exchange or a board the sentence lists on is no "company", unless the article is about it)
            actors = [a for a in self._actors(lo, hi) if a[2] not in self.v.markets or a[2] == self.topic]
            if actors:
                # the article's topic, when that sentence names it among others ("前OpenAI员工
                # 创立了Anthropic。…这家公司" in an article on Anthropic), else its first
                return self.topic if any(a[2] == self.topic for a in actors) else actors[0][2]
        return None

    def entity(self, fig: Figure, clause: tuple[int, int], sentence: tuple[int, int], si: int) -> tuple[str | None, str]:
        """(actor, how it was found): the company that owns the figure's noun right after it ("$350
        billion annual revenue at Alphabet"); the actor nearest before the figure in its clause; else the
        sentence's subject; else, for 公司/其/the company, the previous sentences' subject; else
        the article's topic."""
        after = self._actors(fig.end, clause[1])
        if after and self.v.owner_after.fullmatch(self.doc.text, fig.end, after[0][0]):
            return after[0][2], "clause"  # the $350 billion annual revenue at Alphabet
        in_clause = self._actors(clause[0], fig.start)
        if in_clause:
            nearest = in_clause[-1]
            # a body (a government, a regulator: an organisation) after a company in the clause
            # speaks of the company's figure, or approves it: the company's
            companies = [h for h in in_clause if self.kind(h[2]) == "company"]
            if self.kind(nearest[2]) == "organisation" and companies:
                nearest = companies[-1]
            # "Anthropic named QIA as an investor in a round that valued the company at $183
            # billion": "the company" after the nearest name takes the sentence's subject back.
            # (read from the sentence's start, a name may turn out an object: 与X合作 across a comma)
            first = next(iter(self._actors(sentence[0], fig.start)), nearest)
            if first[2] != nearest[2] and self.v.definite.search(self.doc.text, nearest[1], fig.start):
                return first[2], "sentence"
            return nearest[2], "clause"
        # Walk back through the sentence's clauses: the nearest one naming an actor gives its
        # first (its subject): "OpenAI上半年净亏损135亿美元,预计到2028年将录得740亿美元的经营亏损".
        clauses = self.clauses(sentence)
        for lo, hi in reversed([c for c in clauses if c[1] <= clause[0]]):
            actors = self._actors(lo, hi)
            if actors:
                return actors[0][2], "sentence"
        subject = self._fronted_subject(clause, clauses)
        if subject:
            return subject, "sentence"
        if after and not self.topic:
            return after[0][2], "clause"
        if self.v.pronouns.search(self.doc.text, sentence[0], fig.start):
            recent = self._recent_subject(si)
            if recent:
                return recent, "previous sentence"
        if self.topic:
            return self.topic, "topic"
        others = [h for h in self.names.within(clause[0], fig.start) if self.kind(h[2]) in ACTOR_KINDS]
        return (others[-1][2], "clause") if others else (None, "none")

    def _national(self, word: int, clause: tuple[int, int], sentence: tuple[int, int]) -> bool:
        """Is a metric's word at `word` a country's finances: its clause names a country before it
        (Japan's Cabinet approved a record … budget; 日本内阁批准…预算), not as a partner, and its sentence
        names no company (a listed one, or one its name shows to be: a corporate suffix, a stock code),
        as subject or object. An unlisted name may be a government's body ("Japan's Cabinet"), an outlet
        or an official: stop 60, requiring a government word in it lost 64 of the 146 links this gave
        on Japan's budget copy."""
        return any(h[1] <= word and not self._partner(h) for h in self._countries.within(clause[0], word)) \
            and not any(self.kind(h[2]) == "company" or h[2] in self.companies for h in self.names.within(*sentence))

    def _partner(self, hit: tuple) -> bool:
        return bool(self.v.partner_before.search(self.doc.text, max(0, hit[0] - 12), hit[0]))

    def _country(self, fig: Figure, word: int, sentence: tuple[int, int], entity: str | None, how: str) -> str | None:
        """Whose a government's figure is (its budget, tax revenue, defence spending): the country
        named nearest before its metric's word in its sentence (Japan's defence budget, aimed at
        deterring China, …: Japan's), else nearest before the figure, else the first after it, none
        of them a partner's ("with the United States"); else, for a figure no organisation of its own
        sentence owns, the one the article names most (one alone). Never the minister, ministry or
        outlet that speaks of it, nor an organisation that is only the article's topic (the IMF an
        article on Japan's budget opens with)."""
        places = [h for h in self._countries.within(*sentence) if not self._partner(h)]
        before = [h for h in places if h[1] <= word] or [h for h in places if h[1] <= fig.start]
        if before or places:
            return (before or places)[-1 if before else 0][2]
        if entity and self.kind(entity) == "organisation" and how in ("clause", "sentence"):
            return None  # the European Commission's proposal stays the Commission's
        if self._country_named_most is None:
            top = Counter(h[2] for h in self._countries.hits).most_common(2)
            self._country_named_most = (top[0][0] if top and (len(top) == 1 or top[0][1] > top[1][1]) else None,)
        return self._country_named_most[0]

    @functools.cached_property
    def _countries(self) -> _Spans:
        """Every country or region the text names, by its entity: a listed one (Japanese, 日本; Texas,
        a state, as itself), or a country or territory by CLDR's name (台湾, Indonesia), never a city
        or a state CLDR files under its country (Tokyo, 上海), nor one inside a longer name (中国 of
        中国中铁, Japan of Japan Airlines)."""
        ids, territories = self.v.country_ids, lexicon().territory_names
        listed = [h for h in self.names.hits if self.kind(h[2]) in PLACE_KINDS]
        text = self.doc.text
        places = [(s, e, ids[code]) for s, e, code in self.v.place_scanner.scan(text)
                  if code in ids and name_key(text[s:e]) in territories  # (a name's own words, or a listed place: no)
                  and not any(h[0] < e and s < h[1] for h in self.names.within(max(0, s - 60), e + 60))]
        return _Spans(listed + places)

    def _fronted_subject(self, clause: tuple[int, int], clauses: list[tuple[int, int]]) -> str | None:
        """A sentence that opens on the figure's clause, naming no one, and goes on with a name
        ("Valued at €12 billion, Helsing is…", 凭借120亿欧元估值，Helsing…): the opening speaks of
        that name, the main clause's subject."""
        text = self.doc.text
        if not clauses or clause[0] != clauses[0][0] or text[clause[1] - 1] not in _FRONTED_CUT \
                or text[clause[1] - 2:clause[1] - 1] in _CLOSING_QUOTES or not self.v.fronted_opener.match(text, clause[0]):
            return None  # (not the sentence's first clause, not cut by a comma, a quote, or a clause with a subject)
        following = next((c for c in clauses if c[0] >= clause[1]), None)
        actors = self._actors(*following) if following else None
        if actors and _FRONTED_GAP.fullmatch(text, following[0], actors[0][0]) \
                and not self.v.fronted_saying.match(text, actors[0][1]) \
                and (actors[0][2].isascii() or self.kind(actors[0][2]) != "name"):  # (an unlisted Chinese run is too often no name)
            return actors[0][2]
        return None

    def _through_conversion(self, fig: Figure, clause: tuple[int, int],
                            clauses: list[tuple[int, int]]) -> tuple[tuple[int, int], tuple[int, int] | None]:
        """A figure's stated conversion in brackets cuts no clause: the words after the bracket are
        the figure's too (以2.9亿美元(约合人民币21.2亿元)收购, "HK$155 ($19.92) a share"); the bracket's
        own words are the conversion's (合约: "at about", not a contract). As (clause, bracket)."""
        bracket = _CONVERTED.match(self.doc.text, fig.end)
        if not bracket or not any(self._restates(fig, h[2]) for h in self.figure_spans.within(*bracket.span())):
            return clause, None  # (营收100亿元（2024年为90亿元）: last year's figure, no conversion)
        after = next((c for c in clauses if c[0] <= bracket.end() < c[1]), None)
        return ((clause[0], after[1]) if after else clause), bracket.span()

    def clauses(self, sentence: tuple[int, int]) -> list[tuple[int, int]]:
        """The clauses of a sentence, cut once for all its figures (do not change the list)."""
        found = self._clauses.get(sentence)
        if found is None:
            found = []
            for c in _segments(_CLAUSE, self.doc.text, *sentence):
                if found and _BETWEEN_AND.search(self.doc.text, *found[-1]):
                    c = (found.pop()[0], c[1])
                found.append(c)
            self._clauses[sentence] = found
        return found

    def participants(self, sentence: tuple[int, int], actor: str | None) -> tuple[str, ...]:
        named = self._named_in.get(sentence)
        if named is None:
            named = self._named_in[sentence] = {h[2] for h in self.names.within(*sentence)
                                                if self.kind(h[2]) in ACTOR_KINDS}
        ids = named | {x for x in (actor, self.topic) if x}
        return tuple(sorted(ids))

    # --- metric and scope

    def metric(self, fig: Figure, clause: tuple[int, int], skip: tuple[int, int] | None = None, *,
               sentence: tuple[int, int]) -> tuple | None:
        """The metric word nearest the figure in its clause, a word after it counting twice its
        distance (纯利按年升41.21%，每股盈利…: the metric comes first in both languages); else, in
        its sentence, the nearest before it (营收1041.86亿元，同比增长12.9%；归母净利润… : 12.9% is
        revenue's), else after it; a word that only says money is spent (斥资) yields to any other
        of the clause. Words in `skip` (a conversion's bracket) are not the figure's. As its hit:
        (start, end, metric id)."""
        fitting = self._fits(fig, clause)

        def fits(h) -> bool:
            return fitting(h) and not (skip and skip[0] <= h[0] < skip[1])
        hits = [h for h in self.metrics.within(*clause) if fits(h)]
        if self.v.yielding and len(hits) > 1:  # 斥资150亿美元回购股票: the money spent on a buyback
            named = [h for h in hits if (h[2], _key(normalize(self.doc.text[h[0]:h[1]]))) not in self.v.yielding]
            hits = named or hits
        if hits:
            def distance(h):
                return fig.start - h[1] if h[1] <= fig.start else (h[0] - fig.end) * 2 + 0.5

            def inside(h) -> bool:  # the noun the figure counts, in its span: "9,176 stores covered …"
                return fig.start <= h[0] and h[1] <= fig.end
            return self._headed(min(hits, key=lambda h: (not inside(h), abs(distance(h)), h[0])), sentence, clause, fig)
        hits = [h for h in self.metrics.within(*sentence) if fits(h)]
        before = [h for h in hits if h[1] <= fig.start]
        if before and clause[0] > sentence[0] and self.doc.text[clause[0] - 1] in ",，" \
                and self.v.subject_first.match(self.doc.text, clause[0]):
            # "VONB, a gauge of …premiums, was $2.84 billion": VONB's, when what stands between is an
            # aside (no figure, not a new subject after and/while: "…, and net income, …, was $3 billion")
            first = self.clauses(sentence)[0]
            between = [c for c in self.clauses(sentence) if first[1] <= c[0] and c[1] <= clause[0]]
            subject = [h for h in before if h[1] <= first[1]]
            if subject and not any(self.figure_spans.within(*c) or _JOINED.search(self.doc.text, max(0, c[0] - 8), c[0])
                                   or _JOINED.fullmatch(self.doc.text, *c) for c in between):
                return self._headed(subject[0], sentence, clause, fig)
        if before:
            return self._headed(before[-1], sentence, clause, fig)
        return self._headed(hits[0], sentence, clause, fig) if hits else None

    def _money_metric(self, fig: Figure, clause: tuple[int, int], skip: tuple[int, int] | None) -> tuple | None:
        """The hit of a metric of money (rules/metrics.toml kinds: currency) whose word stands before
        the figure in its own clause, read as an amount of money, with no counted thing's noun right
        before the figure (rules/attribution.toml [unitless_money]): a Chinese amount with no unit
        (382.13亿) that no word of its clause counts is that metric's money."""
        hit = self.metric(replace(fig, kind="currency"), clause, skip, sentence=clause)
        if not hit or "currency" not in self.v.metric_kinds[hit[2]] or hit[1] > fig.start \
                or self.v.counted_before.search(self.doc.text[hit[1]:fig.start]):
            return None  # (营收增长得益于下载量达3.2亿: the downloads' count)
        return hit

    def _headed(self, hit: tuple, sentence: tuple[int, int], clause: tuple[int, int], fig: Figure) -> tuple:
        """A metric word right after a noun that says whose figure it is (rules/metrics.toml heads):
        "a transaction valued at" values the deal, not a company; and one after (or before) a word of
        the sentence, or of the figure's clause only (`clause_only`), that makes it so ("agreed to
        acquire Avidity, valuing it at $12 billion"; 以现金200亿美元收购: the price paid, not cash held)."""
        head, text = self.v.heads.get(hit[2]), self.doc.text
        if not head or _key(normalize(text[hit[0]:hit[1]])) not in head.forms:
            return hit
        lo, hi = (min(clause[0], hit[0]), max(clause[1], hit[1])) if head.clause_only else sentence
        if head.means and head.means.search(text, lo, hit[0]):
            hi = sentence[1]  # 以120亿美元的现金，收购…: the means, then (past a comma) the verb
        if head.price_before and head.price_before.search(text[max(0, fig.start - 12):fig.start]):
            # "acquire Intersect, a developer of data centers, for $4.75 billion in cash": the verb,
            # a clause about what is bought, then the price
            lo, hi = sentence
        if head.nouns.search(text, max(0, hit[0] - 40), hit[0]) or head.before.search(text, lo, hit[0]) \
                or head.after.search(text, hit[1], hi):
            return (hit[0], hit[1], head.metric)
        return hit

    def segment(self, hit: tuple, clause: tuple[int, int], sentence: tuple[int, int]) -> frozenset[str]:
        """The segment written right before a metric word (segments.py): back to its clause's
        start (its sentence's, for a word outside the figure's clause) or the end of the last name,
        period, scope or metric word before it."""
        lo = clause[0] if clause[0] <= hit[0] else sentence[0]
        for spans in (self.names, self.periods, self.scopes, self.metrics, self.figure_spans):
            # a span may start before the last `most` characters and end inside them (2025年第三季度)
            before = spans.within(max(lo, hit[0] - 2 * self.segments.most), hit[0])
            if spans is self.names:  # a country or region names a segment (Greater China revenue)
                before = [h for h in before if self.kind(h[2]) not in PLACE_KINDS]
            if before:
                lo = max(lo, max(h[1] for h in before))
        return segment_key(self.doc.text, lo, hit[0], self.segments)

    def _last_metric(self, fig: Figure, sentence: tuple[int, int]) -> str | None:
        """The last metric word of `sentence` that `fig` may take."""
        hits = [h for h in self.metrics.within(*sentence) if self._fits(fig, sentence)(h)]
        return hits[-1][2] if hits else None

    def _per_share(self, fig: Figure, metric: str | None, scope: tuple[str, ...], clause: tuple[int, int],
                   sentence: tuple[int, int]) -> str | None:
        """The per-share metric a figure states when its clause scopes profit per share (每股纯益
        17.44元: EPS, though the word is profit's), or scopes it per share with no more than a
        per-share word after a clause on profit ("net income of $2 billion, or $1.10 a share"), or on
        a metric that is its own per share ("the dividend stays at $0.89 a share"); none for a figure
        in millions or more."""
        if "per_share" not in scope or self._in_millions(fig):
            return None
        of = self.v.per_share_of
        if metric in self.v.per_unit:  # a bare "a share": what is per share is the metric named before it: in its
            # clause with no figure between ("its dividend remains $0.89 a share", not "raised its dividend by 5%
            # and earned $2.10 a share"), else before its clause, a metric whose per-share figure has a name of
            # its own ("net income of $2 billion, or $1.10 a share": EPS)
            own = [h for h in self.metrics.within(clause[0], fig.start)
                   if h[2] not in self.v.per_unit and not self.figure_spans.within(h[1], fig.start)]
            before = [h for h in self.metrics.within(sentence[0], clause[0])
                      if of.get(self.v.metric_parent.get(h[2], h[2])) not in (None, h[2])]
            metric = own[-1][2] if own else before[-1][2] if before else None
        return of.get(self.v.metric_parent.get(metric, metric)) if metric else None

    def _bare_price(self, fig: Figure, metric: str | None) -> str | None:
        """The per-share metric a bare small amount states where its words name a whole deal's
        (rules/metrics.toml bare_of): "to buy it for $132 in cash" is a price per share."""
        if metric not in self.v.bare_of or fig.kind != "currency" or not fig.number or abs(fig.value / fig.number) >= 10:
            return None  # (no magnitude word: a range's value is its middle, near its number)
        value = fx.convert(fig.value, fig.unit, "USD") if fx.has_rate(fig.unit) else fig.value
        return self.v.bare_of[metric] if 0 < value < self.v.bare_below else None

    def _in_millions(self, fig: Figure) -> bool:
        return in_millions(fig, self.v.per_unit_magnitude)

    def _fits(self, fig: Figure, span: tuple[int, int]):
        """Whether a metric word's hit may name `fig`: the figure's kind is one of the metric's; a
        figure in millions or more (185亿元, $2 billion) takes no per-share or per-unit metric; a
        change on a basis (同比, year on year, in `span`) is no share's move of one day (净利较去年同期
        暴跌32.6%: 暴跌 is a word of share prices, the figure is profit's)."""
        scaled = self._in_millions(fig)
        basis = self.v.scope_family.get("yoy", "yoy")
        on_basis = any(self.v.scope_family.get(h[2], h[2]) == basis for h in self.scopes.within(*span))

        # a yearly or monthly rate is its amount's metric's, by the amount's kind ("sales of $12 billion
        # annually" are revenue; 每年380亿立方米 a supply of gas)
        kind = _amount_kind(fig.unit) if fig.kind == "rate" else fig.kind

        def fits(h) -> bool:
            if scaled and h[2] in self.v.per_unit:
                return False
            if on_basis and h[2] in self.v.daily:
                return False
            return not self.v.metric_kinds[h[2]] or kind in self.v.metric_kinds[h[2]]
        return fits

    def scope(self, fig: Figure, clause: tuple[int, int], lead: tuple[int, int] | None = None,
              metric: str | None = None, period: str | None = None,
              sentence: tuple[int, int] | None = None) -> tuple[str, ...]:
        """The scope words of its clause; of one family (同比 and 环比 in "同比增长39%，环比增长13.6%"),
        the nearest: before the figure first, as a metric word is chosen. A family the clause lacks
        may come from the sentence's lead, its clauses before any figure ("Excluding non-recurring
        items, net profit came in at …", "按非国际财务报告准则计算，…"), for the families of
        rules/attribution.toml [sentence_lead]: it sets every figure after it apart. A metric may
        imply a scope (rules/metrics.toml scope: an adjusted profit is adjusted). A range is an
        outlook even unmarked: copy states guidance and forecasts as ranges, results as one figure.
        The nearest place of the `sentence` after a locative word is the figure's country ([place_scope])."""
        nearest: dict[str, tuple] = {}
        for h in self.scopes.within(*clause) + self._places(clause, sentence):
            if h[2] in self.v.adjacent_scopes and not self._beside(h, fig):
                continue
            family = self.v.scope_family.get(h[2], h[2])
            if family in self.v.scope_metrics and metric not in self.v.scope_metrics[family]:
                continue  # a placing's price beside its proceeds is no proceeds
            d = fig.start - h[1] if h[1] <= fig.start else (h[0] - fig.end) + 0.5
            if family not in nearest or abs(d) < nearest[family][0]:
                nearest[family] = (abs(d), h[2])
        if lead and lead[1] <= clause[0] and metric in self.v.lead_metrics:
            own = set(nearest)
            for h in self.scopes.within(*lead):
                family = self.v.scope_family.get(h[2], h[2])
                if family not in own and family in self.v.lead_families:
                    nearest[family] = (fig.start - h[1], h[2])  # the last one before the figure
        basis = self.v.scope_family.get("yoy", "yoy")
        if fig.unit not in RATES:
            nearest.pop(basis, None)  # 营收1949.85亿元，同比增长13%: the basis is the rate's, not the level's
        elif basis not in nearest:
            # A change against a quarter named as its base is against the quarter before the
            # figure's own (a 5.5% fall from the second quarter, in the third: quarter on quarter)
            # or the same quarter a year before. Else an unmarked change is year on year, as
            # financial copy writes it (营收增长13%); so is one after a year-ago marker (较上年同期增长15%).
            nearest[basis] = (0, self._basis_from_base(clause, period) or "yoy")
        implied = self.v.metric_scope.get(metric)
        if implied:
            nearest.setdefault(self.v.scope_family.get(implied, implied), (0, implied))  # an adjusted profit's growth
        ranged = self.v.range_scope
        if ranged and len(fig.bounds) > 1 and self.v.scope_family.get(ranged, ranged) not in nearest:
            nearest[self.v.scope_family.get(ranged, ranged)] = (0, ranged)  # a range is an estimate, not a result
        return tuple(sorted(scope for _, scope in nearest.values()))

    @functools.cached_property
    def places(self) -> _Spans:
        """Where figures are: a country's place right after a locative word (in Australia, 于宾州),
        not one that ends another word (由于美国, 高于日本), opens a name (in China Mobile, 在中国平安)
        or a currency's ("in US dollars"), nor when a list of places of several countries follows
        it (在葡萄牙、阿联酋、加拿大: where else)."""
        if not self.v.place_family:
            return _Spans([])
        text = self.doc.text
        hits = self.v.place_scanner.scan(text)
        out = []
        for k, (s, e, code) in enumerate(hits):
            if not code or not self.v.place_before.search(text, max(0, s - 16), s) \
                    or text.endswith(self.v.place_not_after, max(0, s - 4), s) \
                    or self.v.place_not_then.match(text, e) \
                    or any(h[0] <= s and e <= h[1] and h[1] - h[0] > e - s and not _places_only(text[h[0]:h[1]])
                           for h in self.names.within(max(0, s - 12), e + 16)):
                continue
            countries, j = {code}, k + 1
            while j < len(hits) and _LIST_JOINER.fullmatch(text, hits[j - 1][1], hits[j][0]):
                countries.add(hits[j][2])
                j += 1
            if len(countries) == 1:  # (Sydney and Melbourne: one country)
                out.append((s, e, PLACE_SCOPE + code))
        return _Spans(out)

    def _places(self, clause: tuple[int, int], sentence: tuple[int, int] | None) -> list:
        """The places after a locative word that may be a figure's: its sentence's when they are of
        one country ("to invest A$20 billion … to expand, operate and maintain its data centres in
        Australia"), else its clause's only (175亿美元，超过了…在葡萄牙、阿联酋、加拿大的投资)."""
        if sentence:
            hits = self.places.within(*sentence)
            if len({h[2] for h in hits}) == 1:
                return hits
        return self.places.within(*clause)

    def _beside(self, hit: tuple, fig: Figure) -> bool:
        """Is the scope word right before the figure (within [scope_adjacent] before characters, no
        other figure between: 此前为17亿欧元, "its previous guidance of $4bn") or right after it
        (a space or comma between: "$4.5bn previously")?"""
        if hit[1] <= fig.start:
            return fig.start - hit[1] <= self.v.adjacent_before and not self.figure_spans.within(hit[1], fig.start)
        return hit[0] >= fig.end and not self.doc.text[fig.end:hit[0]].strip(" ,，")

    def _basis_from_base(self, clause: tuple[int, int], period: str | None) -> str | None:
        """qoq or yoy when the clause names the quarter a change is against (after 较, "from", …):
        the quarter before `period`, or the same quarter a year before; else None."""
        def quarter(p: str | None) -> tuple[bool, int] | None:  # (fiscal, quarters since year 0) of one quarter
            sp = period_span(p) if p else None
            return (sp[0], sp[1] * 4 + sp[2]) if sp and sp[2] == sp[3] else None

        own = quarter(period)
        if not own:
            return None
        text = self.doc.text
        for h in self.periods.within(*clause):
            base = quarter(h[2].period)
            if base and base[0] == own[0] and self.v.comparison.search(text, max(0, h[0] - 16), h[0]):
                return {1: "qoq", 4: "yoy"}.get(own[1] - base[1])
        return None

    def _lead(self, sentence: tuple[int, int], clauses: list[tuple[int, int]],
              figures: list[Figure]) -> tuple[int, int] | None:
        """The sentence's clauses before its first figure that is not a date or a span ("In 2025,
        on an adjusted basis, …" leads too), if any (see scope())."""
        self._starts_of(figures)  # the cache below holds for these figures only
        found = self._leads.get(sentence)
        if found is None:
            starts = self._amount_starts
            i = bisect.bisect_left(starts, sentence[0])
            first = starts[i] if i < len(starts) else sentence[1]
            ends = [c[1] for c in clauses if c[1] <= first]
            found = self._leads[sentence] = (sentence[0], ends[-1]) if ends else ()
        return found or None

    def _starts_of(self, figures: list[Figure]) -> list[int]:
        """Where each of the document's figures starts, sorted (read once; what is cached from
        the figures is cleared when they change)."""
        if self._figure_starts is None or self._figure_starts[0] is not figures:
            self._figure_starts = (figures, sorted(f.start for f in figures))
            self._amount_starts = sorted(f.start for f in figures if f.kind not in ("date", "duration"))
            self._leads = {}
        return self._figure_starts[1]

    def _prior(self, fig: Figure, clause: tuple[int, int], rate: bool = False) -> bool:
        """A year-ago marker right before the figure (上年同期的2365亿元) or right after it
        ("$35.1 billion a year earlier", "$158.9 billion in the same period last year"). A rate
        only by a marker before it with nothing but a link word between (上年同期为29%: last year's
        margin; 较上年同期增长15% is this year's growth; after a rate, a marker read so cost links)."""
        text = self.doc.text
        before = text[max(clause[0], fig.start - 8):fig.start]
        if not rate and self.v.prior_after.match(text[fig.end:min(clause[1], fig.end + 48)]):
            return True
        marker = self.v.prior.search(before)
        return bool(marker) and (not rate or self.v.prior_rate_link.fullmatch(before, marker.end()) is not None)

    def _prior_possessive(self, fig: Figure, clause: tuple[int, int], starts: list[int], found_at: int) -> bool:
        """A year-ago possessive earlier in the clause, a few words and a link word between ("from last
        year's third-quarter net income of $15.3 billion"), no other figure between, and the period
        not read from the possessive itself ("Last year's net income was": already last year's)."""
        m = self.v.prior_possessive.search(self.doc.text, clause[0], fig.start)
        return bool(m) and not (m.start(1) <= found_at < m.end(1)) and \
            bisect.bisect_left(starts, m.end()) == bisect.bisect_left(starts, fig.start)

    # --- period

    def _doc_period(self) -> tuple[str, bool] | None:
        """The period the title names, if any: what a figure with no period of its own, in an
        article on Q3 results, most likely means; and whether it was named without a year."""
        hits = [h[2] for h in self._title_hits()[1] if h[2].period]
        # Two periods in one title (上季转蚀, 料第四季延续亏损): a result and an outlook; which one
        # an unmarked figure of the body belongs to is not known.
        if len({h.period for h in hits}) != 1:
            return None
        return hits[0].period, all(h.yearless for h in hits)

    def period(self, fig: Figure, figures: list[Figure], clause: tuple[int, int],
               sentence: tuple[int, int]) -> tuple[str | None, str]:
        """(period, how it was found)."""
        if fig.kind in ("date", "duration"):
            return None, "none"
        column = self._column_period(fig)
        if column:
            return column, "clause"
        found, how, found_at = None, "none", -1
        if self._durations is None or self._durations[0] is not figures:  # the document's durations, once
            ds = sorted((f for f in figures if f.kind == "duration"), key=lambda f: f.start)
            self._durations = (figures, ds, [f.start for f in ds])
        durations, duration_starts = self._durations[1], self._durations[2]
        starts = self._starts_of(figures)

        after = bisect.bisect_left(starts, fig.end)  # the first figure after this one
        # its stated conversion in brackets is no other figure: "RMB3.73 (US$0.52) for Q3 2025"
        text = self.doc.text
        bracket = _CONVERTED.match(text, fig.end) if fig.kind == "currency" else None
        rate = fig.kind in ("percent", "percentage_point", "multiple")

        def its_own(h) -> bool:
            """Not the base of a comparison (较第二季上扬0.9个百分点, up 8% from the second quarter),
            nor the date a debt falls due ("notes due 2032", 2032年到期), nor another figure's own
            (第二季度的11%: 的 ties it to the figure right after), and, after the figure, not
            past another figure ("$3.98 billion, up from $2.90
            billion in Q2": Q2 is the second figure's), unless that is its conversion in brackets
            and the period follows the bracket at once."""
            if self.v.comparison.search(text, max(0, h[0] - 16), h[0]) or \
                    rate and self.v.rate_comparison.search(text, max(0, h[0] - 16), h[0]):
                return False
            if self._event_date(h):
                return False  # when a debt falls due or a company was founded, not the figure's period
            owned = self.v.owned_by_next.match(text, h[1])
            if owned and owned.end() != fig.start and (k := bisect.bisect_left(starts, owned.end())) < len(starts) \
                    and starts[k] == owned.end():
                return False  # 从第二季度的11%升至14%: the second quarter is the 11%'s, not the 14%'s
            if h[0] < fig.start or bisect.bisect_left(starts, h[0]) == after:
                return True
            return bool(bracket) and bisect.bisect_left(starts, h[0]) == after + 1 and \
                self.v.period_after.fullmatch(text, bracket.end(), h[0]) is not None

        for (lo, hi), where in ((clause, "clause"), (sentence, "sentence")):
            spans = [(f.start, f"next:{f.value:g}y", False, False)
                     for f in durations[bisect.bisect_left(duration_starts, lo):bisect.bisect_left(duration_starts, hi)]
                     if f is not fig and f.end <= hi and self._is_span(f, lo)]
            near = spans + [(h[0], h[2].period, h[2].by_months, h[2].yearless) for h in self.periods.within(lo, hi)
                            if h[2].period and its_own(h)]
            if near:
                found_at, found, by_months, yearless = min(near, key=lambda p: (p[0] > fig.start, abs(fig.start - p[0])))
                how = where + (BY_MONTHS if by_months else "") + (YEARLESS if yearless else "")
                break
        if found is None:
            # The period last stated earlier in the paragraph ("In the first three quarters,
            # revenue rose 9%. … Net profit was …"): it holds until the paragraph names another,
            # and over the title's.
            lo = self.doc.text.rfind("\n", 0, sentence[0]) + 1
            earlier = self._last_period(lo, sentence[0])
            if earlier:
                found, how = earlier[0], "paragraph" + (YEARLESS if earlier[1] else "")
            elif self.doc_period:
                found, how = self.doc_period[0], "document" + (YEARLESS if self.doc_period[1] else "")
        if found and not found.startswith("next:") and (self._prior(fig, clause, fig.kind == "percent") or
                                                        fig.kind != "percent" and
                                                        self._prior_possessive(fig, clause, starts, found_at)):
            found = shift_year(found, -1)
        if "list" in fig.flags and (by_position := self._year_of_member(fig, figures, sentence)):
            found, how = by_position, "sentence"  # 预计2025/26/27年净利润分别为25.5/33.7/45.8亿元: 33.7 is 2026's
        return found, how

    def _year_of_member(self, fig: Figure, figures: list[Figure], sentence: tuple[int, int]) -> str | None:
        """The year a slash list's member states when its sentence names, before the list, a span of
        as many years as the list has members (the date figures 2025/26/27年, 2025-27年,
        2025-2027年): the k-th member's is the k-th year."""
        text = self.doc.text
        starts = self._starts_of(figures)
        i = bisect.bisect_left(starts, fig.start)
        first = last = i
        while first > 0 and "list" in figures[first - 1].flags and text[figures[first - 1].end:figures[first].start] == "/":
            first -= 1
        while last + 1 < len(figures) and "list" in figures[last + 1].flags and text[figures[last].end:figures[last + 1].start] == "/":
            last += 1
        span = next((f for f in reversed(figures[bisect.bisect_left(starts, sentence[0]):first])
                     if f.kind == "date" and "range" in f.flags), None)
        if span is None or span.high - span.low != last - first:
            return None
        return str(int(span.low) + i - first)

    def _last_period(self, lo: int, hi: int) -> tuple[str, bool] | None:
        """The period of the last period expression within [lo, hi), walking back from hi (a long
        paragraph is not scanned for every figure), and whether it was named without a year."""
        hits, i = self.periods.hits, bisect.bisect_left(self.periods.starts, hi) - 1
        while i >= 0 and hits[i][0] >= lo:
            if hits[i][1] <= hi and hits[i][2].period and not self._event_date(hits[i]):
                return hits[i][2].period, hits[i][2].yearless
            i -= 1
        return None

    def _column_period(self, fig: Figure) -> str | None:
        """The period a table in cells names at the head of the figure's column ("In millions of euros
        | H1 2025 | 2024 | H1 2024 |": 7,504 in the last column is 2024H1's), or None; not where
        the figure's own cell or its row's label names one (191亿元 (Q2数据) under 2025年Q3数据,
        "Q2 revenue | 4,100 |" under 2025)."""
        header = self._header_row(fig.start)
        if header is None:
            return None
        text = self.doc.text
        row = TableRow(text, text.rfind("\n", 0, fig.start) + 1, line_end(text, fig.start))
        column = row.column(fig.start)
        own = row.cell(column)
        label = row.cell(0)
        if column == 0 or any(h[2].period for span in (own, label) for h in self.periods.within(*span)):
            return None
        head = TableRow(text, *header).cell(column)
        return next((h[2].period for h in self.periods.within(*head) if h[2].period), None)

    def _header_row(self, i: int) -> tuple[int, int] | None:
        """(start, end) of the head row of the table in cells that position i lies in, below it; or
        None. The document's tables are found once: runs of lines with a bar in each, headed by the
        line above their first rule (|---|---|), else by their first line."""
        if self._header_rows is None and "|" not in self.doc.text:
            self._header_rows = ([], [])
        if self._header_rows is None:
            runs: list[list[tuple[int, int]]] = []  # the lines of each run
            pos = 0
            for line in self.doc.text.split("\n"):
                if "|" in line:
                    if runs and runs[-1][-1][1] == pos - 1:
                        runs[-1].append((pos, pos + len(line)))
                    else:
                        runs.append([(pos, pos + len(line))])
                pos += len(line) + 1
            tables = []
            for lines in runs:
                rule = next((k for k, (a, b) in enumerate(lines) if k and _TABLE_RULE.fullmatch(self.doc.text, a, b)), 0)
                head = lines[rule - 1] if rule else lines[0]
                tables.append((lines[0][0], lines[-1][1], head))
            self._header_rows = ([t[0] for t in tables], tables)
        starts, tables = self._header_rows
        k = bisect.bisect_right(starts, i) - 1
        if k < 0:
            return None
        _, end, head = tables[k]
        return head if head[1] < i <= end else None

    def _event_date(self, h) -> bool:
        """Is the period expression h an event's date (a debt falls due, a company was founded:
        rules/periods.toml [maturity], [founding]), never a figure's period?"""
        text = self.doc.text
        return bool(self.v.event_before.search(text, max(0, h[0] - 32), h[0]) or self.v.event_after.match(text, h[1]))

    def _is_span(self, f: Figure, lo: int) -> bool:
        head = self.doc.text[max(lo, f.start - 16):f.start].lower()
        return any(head.rstrip().endswith(w) for w in _span_words(tuple(self.v.periods["spans"]["words"])))

    # --- all together

    def _company_currencies(self, mentions: list[Mention]) -> None:
        """The currency of an amount its writing leaves open, from the company it is about
        (rules/entities.toml currency); never an amount that restates another (1000亿美元（约合7100亿元）:
        a conversion, in yuan). A bare 元 of a company whose accounts are in another currency a 元 may
        be (TSMC's 9,899.18億元 in Taiwanese copy is NT$), in an article in traditional script that
        names the yuan nowhere (人民币, RMB, 人民幣，下同). A sign several currencies write that nothing
        in the text settled (figures.UNSETTLED_SIGN): every ¥ of an article, not in Chinese and naming
        no other amount in yuan, whose ¥ amounts about listed bodies are all about ones reporting in
        one of its currencies (Sony: the yen). Flagged currency_of_company."""
        lex = lexicon()
        settled: list[tuple[Mention, str]] = []
        if has_traditional(self.doc.raw) and not currency_names("CNY").search(self.doc.text):
            settled += [(m, self.v.reports_in[m.entity]) for m in mentions
                        if (m.fig.classifier in lex.bare_yuan or "currency_inferred" in m.fig.flags)
                        and m.fig.unit == "CNY" and not m.restates
                        and self.v.reports_in.get(m.entity) in lex.yuan_home]
        unsettled = [m for m in mentions if UNSETTLED_SIGN in m.fig.flags]
        for m in unsettled:
            m.fig.flags = tuple(f for f in m.fig.flags if f != UNSETTLED_SIGN)
            m.record["flags"] = list(m.fig.flags)
        # (Chinese copy writes ¥ for the yuan and 日元 for the yen, and so does any text that names
        # another amount in yuan: the sign stays as read there)
        if self.doc.lang == "zh" or any(m.fig.unit == "CNY" for m in mentions if m.fig.kind == "currency"
                                        and m.fig.classifier not in lex.shared_signs):
            unsettled = []
        for sign in {m.fig.classifier for m in unsettled}:
            signed = [m for m in unsettled if m.fig.classifier == sign and not m.restates]
            # the currencies of the listed bodies they are about (None: one of none such, Alibaba's)
            codes = {self.v.reports_in.get(m.entity) for m in signed if m.entity in self.v.entity_kind}
            if len(codes) == 1 and (code := codes.pop()) in lex.shared_signs[sign]:
                settled += [(m, code) for m in signed if m.fig.unit != code]
        for m, code in settled:
            m.fig.unit = m.record["unit"] = code
            m.fig.flags = (*m.fig.flags, "currency_of_company")
            m.record["flags"] = list(m.fig.flags)

    def mentions(self, figures: list[Figure], records: list[dict]) -> list[Mention]:
        out = []
        self.figure_spans = _Spans([(f.start, f.end, f) for f in figures])
        for fig, rec in zip(figures, records):
            si = max(0, bisect.bisect_right(self._sentence_starts, fig.start) - 1)
            sentence = self.sentences[si] if self.sentences else (0, len(self.doc.text))
            clauses = self.clauses(sentence)
            clause = next((c for c in clauses if c[0] <= fig.start < c[1]), clauses[-1] if clauses else sentence)
            m = Mention(id=rec["id"], doc=self.doc, fig=fig, record=rec, sentence=sentence, clause=clause)
            entity, m.entity_how = self.entity(fig, clause, sentence, si)
            period, m.period_how = self.period(fig, figures, clause, sentence)
            through = self._through_conversion(fig, clause, clauses)
            hit = self.metric(fig, *through, sentence=sentence)
            if bare_chinese_amount(fig) and not (hit and clause[0] <= hit[0] < clause[1]):
                money = self._money_metric(fig, *through)
                if money:  # 营收同比下降14.83%至382.13亿: revenue's, so money
                    hit = money
                    if self._unitless is None:
                        self._unitless = UnitlessCurrency(figures, self.doc.text)
                    as_money(fig, self._unitless(fig))
                    rec.update(unit=fig.unit, kind=fig.kind, flags=list(fig.flags))
            metric = hit[2] if hit else None
            if metric is None and si and self.v.metric_back.match(self.doc.text, sentence[0]):
                metric = self._last_metric(fig, self.sentences[si - 1])  # "This figure marks a 94% rise"
            word = hit[0] if hit and hit[2] == metric else fig.start
            if metric in self.v.national and hit and self._national(word, clause, sentence):
                metric = self.v.national[metric]  # Japan's cabinet approved a ¥122.3 trillion budget
            if metric in self.v.of_country and self.kind(entity or "") not in PLACE_KINDS + ("company",) \
                    and entity not in self.companies:
                country = self._country(fig, min(word, fig.start), sentence, entity, m.entity_how)
                if country:
                    entity, m.entity_how = country, "country"
            set_attribution(m, entity, metric, period)
            m.participants = self.participants(sentence, entity)
            m.scope = self.scope(fig, clause, self._lead(sentence, clauses, figures), metric, period, sentence)
            per_share = self._per_share(fig, metric, m.scope, clause, sentence) or self._bare_price(fig, metric)
            if per_share:
                set_attribution(m, entity, per_share, period)
            elif hit and metric in self.segments.metrics:
                m.segment = self.segment(hit, clause, sentence)
            m.aliases = self.aliases
            out.append(m)
        self._conversions(out)
        self._company_currencies(out)
        self._repeats(out)
        self._contrasts(out)
        self._spans(out)
        self._neighbours(out)
        return out

    def _neighbours(self, mentions: list[Mention]) -> None:
        """Each figure's neighbours: the values of the other figures of its sentence about its
        company (not another's, in a sentence that lists several), as "unit value" to
        `neighbour_digits` significant digits. Years and durations are left out (a shared 2025 says
        nothing), and so are a figure's stated conversion and what it converts."""
        digits, most = self.v.neighbour_digits, self.v.neighbours_most
        by_sentence: dict[tuple[int, int], list[Mention]] = {}
        for m in mentions:
            by_sentence.setdefault(m.sentence, []).append(m)
        for mates in by_sentence.values():
            if len(mates) < 2 or len(mates) > most:
                continue
            keys = [None if m.fig.kind in ("date", "duration") or not math.isfinite(m.fig.value) or not m.fig.value
                    else f"{m.fig.unit} {m.fig.value:.{digits}g}" for m in mates]
            for m in mates:
                # (a figure of no named company: the others of none, all the article's topic's)
                m.neighbours = frozenset(k for o, k in zip(mates, keys) if k and o is not m and o.entity == m.entity
                                         and o.restates != m.id and m.restates != o.id)

    @staticmethod
    def _repeats(mentions: list[Mention]) -> None:
        """A figure with no metric whose amount the article states elsewhere with one (a headline's
        "3年3800亿" and the body's 投入3800亿元) repeats that fact: it takes its metric, and its
        period and scope when it has none. Only plain amounts (not percentages, rates, dates or
        durations: 20% recurs with many meanings; no range, bound or vague figure), a count only of
        the same noun (1,250 stores are not 1,250 engineers), and only where every stated metric of
        that amount is one."""
        def key(f: Figure) -> tuple | None:  # an amount that recurs by chance seldom: 3800亿, $1.59 billion, 10 GW
            if f.kind in _NOT_REPEATS or not (math.isfinite(f.value) and math.isfinite(f.high) and f.value) or \
                    len(f.bounds) != 1 or "vague" in f.flags:
                return None
            if f.kind in ("currency", "count") and not f.scale and significant_digits(f.number) < 3:
                return None
            return f.unit, f.value, f.classifier if f.kind == "count" else None

        stated: dict[tuple, list[Mention]] = {}  # in the article's order
        for o in mentions:
            if o.metric and (k := key(o.fig)):
                stated.setdefault(k, []).append(o)
        for m in mentions:
            k = None if m.metric else key(m.fig)
            seen = stated.get(k) if k else None
            if not seen or len({o.metric for o in seen}) != 1:
                continue
            first = seen[0]
            if m.entity and first.entity and m.entity != first.entity:
                continue
            set_attribution(m, m.entity or first.entity, first.metric, m.period or first.period)
            m.scope = m.scope or first.scope
            m.segment = m.segment or first.segment

    def _contrasts(self, mentions: list[Mention]) -> None:
        """An article that marks one figure adjusted (or without one-offs) and gives another of the
        same company, metric and period unmarked tells the two apart: the unmarked one is the
        statutory figure ([scope_defaults]), and another article's adjusted figure is not it."""
        for family, default in self.v.scope_default.items():
            marked: dict[tuple, set] = {}  # (company, _contrasted metric, rate or level) -> the marked periods
            unmarked: list[tuple[Mention, tuple]] = []
            for m in mentions:
                if not (m.metric and m.entity):
                    continue
                key = (m.entity, self._contrasted(m.metric), m.fig.unit in RATES)
                if any(self.v.scope_family.get(s, s) == family for s in m.scope):
                    marked.setdefault(key, set()).add(m.period)
                else:
                    unmarked.append((m, key))
            for m, key in unmarked:
                periods = marked.get(key)
                if periods and (m.period is None or None in periods or m.period in periods):
                    m.scope = tuple(sorted((*m.scope, default)))

    def _contrasted(self, metric: str) -> str:
        """The metric a figure is told apart within: a metric that implies its scope (adjusted
        profit) is its parent's (profit); any other is its own (gross profit is not net profit)."""
        return self.v.metric_parent.get(metric, metric) if metric in self.v.metric_scope else metric

    @staticmethod
    def _spans(mentions: list[Mention]) -> None:
        """A duration with no metric of its own is the span of the nearest amount of its sentence
        (在未来三年投入3800亿元, "$600 billion over the next three years"): it takes that metric."""
        amounts: dict[tuple[int, int], list[Mention]] = {}
        for o in mentions:
            if o.metric and o.fig.kind not in ("duration", "date"):
                amounts.setdefault(o.sentence, []).append(o)
        for m in mentions:
            if m.fig.kind == "duration" and not m.metric and (near := amounts.get(m.sentence)):
                o = min(near, key=lambda o: abs(o.fig.start - m.fig.start))
                set_attribution(m, m.entity, o.metric, m.period)

    def _restates(self, a: Figure, b: Figure) -> bool:
        """Whether `b`, right after `a`, restates it (1.2万亿元（约1760亿美元）): of one kind, in another
        unit or scale, after a conversion's words only, at a near amount."""
        gap = self.doc.text[a.end:b.start]
        same_kind = a.kind == b.kind and a.kind not in ("date", "duration", "percent") and \
            (a.kind != "count" or a.classifier == b.classifier)
        return same_kind and len(gap) <= 12 and (a.unit, a.scale, a.classifier) != (b.unit, b.scale, b.classifier) \
            and self.v.conversion.match(gap) is not None and self._may_restate(a, b)

    def _conversions(self, mentions: list[Mention]) -> None:
        """A figure that restates the one before it (1.2万亿元（约1760亿美元）) takes its attribution."""
        for a, b in zip(mentions, mentions[1:]):
            if self._restates(a.fig, b.fig):
                b.restates = a.id
                if a.entity:
                    set_attribution(b, a.entity, a.metric, a.period)
                    b.entity_how, b.period_how = a.entity_how, a.period_how
                    b.participants, b.scope, b.segment = a.participants, a.scope, a.segment

    def _may_restate(self, a: Figure, b: Figure) -> bool:
        """Whether `b`'s amount is near enough `a`'s to restate it (rules/attribution.toml [conversions])."""
        if not (a.value and b.value and math.isfinite(a.value) and math.isfinite(b.value)):
            return True
        ratio = abs(a.value / b.value)
        return max(ratio, 1 / ratio) <= self.v.restated_apart


_NOT_REPEATS = frozenset({"percent", "percentage_point", "multiple", "date", "duration", "rate", "rank"})


def _resolved(aliases: dict[str, str], eid: str) -> str:
    """The id a chain of aliases ends at (瑞澜 -> 瑞澜咖啡 -> halvard coffee)."""
    seen = {eid}
    while eid in aliases and aliases[eid] not in seen:
        eid = aliases[eid]
        seen.add(eid)
    return eid


def _short_forms_of(ids) -> dict[str, str]:
    """{short: full} for names in no list that the article also writes cut short: 瑞幸 of 瑞幸咖啡,
    "Luckin" of "Luckin Coffee" name one company, by its full name here and, through the corpus's
    aliases, in articles that write only one of them. A short form of two full names is neither."""
    ids = sorted(set(ids), key=len)
    fulls: dict[str, list[str]] = {}
    for k, short in enumerate(ids):
        for full in ids[k + 1:]:
            if full.startswith(short + " ") if short.isascii() else \
                    (full.startswith(short) and len(short) >= 2 and not full.isascii()):
                fulls.setdefault(short, []).append(full)
    return {short: full[0] for short, full in fulls.items() if len(full) == 1}


@functools.lru_cache(maxsize=8)
def _span_words(words: tuple[str, ...]) -> tuple[str, ...]:
    """The span words (rules/periods.toml [spans]), normalised once."""
    return tuple(normalize(w) for w in words)


def unit_and_period_words() -> frozenset[str]:
    """Lower-cased words that are units, currencies, magnitudes or period names: never a company."""
    return data().memo(_unit_and_period_words)


def _unit_and_period_words(d) -> frozenset[str]:
    lex = lexicon()
    per = d.toml("periods.toml")
    words = set(lex.units) | set(lex.units_ci) | set(lex.magnitudes) | set(lex.currency_prefix)
    periods = {w for t in ("quarter_names", "halves", "cumulative") for w in per[t]}
    # ... and the nouns that head an English period's name: the "Quarter" of "September Quarter"
    words |= periods | {w.split()[-1] for w in periods if " " in w and w.isascii()}
    words |= {f"{p}{n}" for p in ("q", "h", "fy") for n in range(1, 5)}
    return frozenset(w.lower() for w in words)


def attribute(doc: Document, figures: list[Figure], records: list[dict],
              learned: frozenset[str] = frozenset(), terms: frozenset[str] = frozenset()) -> list[Mention]:
    """Mentions for a document's figures; fills entity, metric and period in the records too.
    `learned`: names other articles of the corpus showed to be a company (name_alignment.learned_names);
    `terms`: acronyms other articles defined as a measure's (defined_terms: GTV)."""
    return DocumentAttributor(doc, vocabulary(), learned, terms).mentions(figures, records)


def defined_terms(text: str) -> frozenset[str]:
    """The acronyms a text defines as a measure's, from its wording alone: after words in lower case
    ("Gross transaction value (GTV)") or after Chinese words that end as a measure's do (总交易额(GTV);
    rules/attribution.toml [names] term_endings, not name_endings). An article that writes GTV bare
    reads it as a name; another that defines it tells the run it is not one (engine)."""
    v = vocabulary()
    terms = {a.acronym for a in acronyms(text) if a.lower}
    for at, acronym in chinese_glossed_acronyms(text):
        before = text[max(0, at - 6):at]
        if before.endswith(v.term_endings) and not before.endswith(v.name_endings) and not corporate_suffix(before):
            terms.add(acronym)
    return frozenset(terms)

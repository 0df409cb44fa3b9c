"""Finding figures in text: number × magnitude × unit, with qualifiers and ranges, as intervals.

`extract_text(text)` scans normalised text (see reconcile.extraction.normalize) and returns Figures whose
start/end are offsets into that text, so into the original too. The vocabulary comes from
units/ (via reconcile.extraction.lexicon) and the tolerances from rules/qualifiers.toml.
"""
from __future__ import annotations

import bisect
import dataclasses
import functools
import gc
import math
import re
import string
from collections import Counter
from dataclasses import dataclass, field, replace
from operator import attrgetter

from reconcile.data.loader import data
from reconcile.extraction import numbers
from reconcile.extraction.lexicon import Lexicon, UnitEntry, lexicon
from reconcile.extraction.normalize import normalize
from reconcile.extraction.periods import roc_years

INF = math.inf
YEARS = (1900, 2100)  # a four-digit number in this range before 年 is a calendar year


@dataclass(slots=True)
class Figure:
    start: int
    end: int  # exclusive
    text: str
    value: float
    low: float
    high: float  # math.inf when the figure has no upper bound (超过, more than)
    unit: str
    kind: str
    qualifier: str | None = None
    classifier: str | None = None  # the counted noun (家, 块, customers) or written unit word
    flags: tuple[str, ...] = field(default=())  # range, vague, lost_decimal, list
    amount_start: int = -1  # where the amount begins, after any qualifier (start when none)
    number: float = math.nan  # the number as written, before magnitude and unit (349 in 349亿美元)
    scale: str | None = None  # the magnitude word as written (亿, 万亿, billion)
    # The interval of each written bound (one, or two for a range) from its precision alone,
    # before any qualifier: 约1.4万亿 has bounds ((1.35e12, 1.45e12),).
    bounds: tuple[tuple[float, float], ...] = ()

    def __post_init__(self):
        if self.amount_start < 0:
            self.amount_start = self.start
        if not self.bounds:
            self.bounds = ((self.low, self.high),)


# ---------------------------------------------------------------------------------------------
# Data


@dataclass(frozen=True)
class Rules:
    half_step: float
    approx_steps: float  # steps of its last significant place "about" may widen a precise figure by
    approx_precise_digits: int  # from how many significant digits a figure is precise
    before: dict[str, tuple[float, float]]
    after: dict[str, tuple[float, float]]
    more: frozenset[str]
    vague_zh: dict[str, tuple[float, float]]
    vague_en: dict[str, tuple[float, float]]
    vague_fill: frozenset[str]  # 几 of 十几: a vague word after a place
    negative: re.Pattern  # 负, "minus ": a sign word ending where the number begins
    negative_last: frozenset[str]  # the characters a sign word ends with (a space after a Latin one)
    sign_glued_after: re.Pattern  # a word a minus is glued after and still the figure's (yoy-3.0%)
    not_for: dict[str, tuple[str, ...]]  # qualifiers that mean something else before these kinds
    masks: tuple[re.Pattern, ...]
    before_last: frozenset[str]  # the last characters of the qualifiers before a number
    before_rx: re.Pattern  # a qualifier before a number, ending where the search ends
    before_longest: int  # the longest qualifier before a number, in characters ("not greater than")
    before_lengths: dict[str, tuple[int, ...]]  # last character (lower case) -> lengths of the qualifiers so ending, longest first
    before_folded: frozenset[str]  # the qualifiers before a number, in lower case
    ranging: re.Pattern  # a word before "from" that makes "from 13 to 44" a range ([ranging])
    after_first: frozenset[str]  # the first characters of the qualifiers after one
    after_lengths: dict[str, tuple[int, ...]]  # first character -> lengths (8 at most) of the qualifiers after one so beginning, longest first


def rules() -> Rules:
    return data().memo(_rules)


def _rules(d) -> Rules:
    q = d.toml("qualifiers.toml")
    nf = d.toml("not_figures.toml")

    def bounds(table):
        return {normalize(k): (v["low"], INF if v["high"] == "open" else v["high"]) for k, v in table.items()}

    before, after = bounds(q["before"]), bounds(q["after"])
    return Rules(
        half_step=q["precision"]["half_step"],
        approx_steps=q["precision"]["approx_steps"],
        approx_precise_digits=q["precision"]["approx_precise_digits"],
        before=before,
        after=after,
        more=frozenset(q["more"]["chars"]),
        vague_zh={k: tuple(v) for k, v in q["vague"]["chinese"].items()},
        vague_en={k: tuple(v) for k, v in q["vague"]["english"].items()},
        vague_fill=frozenset(q["vague"].get("fill", ())),
        negative=re.compile("(?:" + "|".join(re.escape(w) + (" " if w.isascii() else "")
                                              for w in sorted(q["sign"]["negative"], key=len, reverse=True)) + r")\Z"),
        negative_last=frozenset(" " if w.isascii() else w[-1] for w in q["sign"]["negative"]),
        sign_glued_after=re.compile(r"(?<![A-Za-z])(?i:%s)\Z" % ("|".join(map(re.escape, q["sign"].get("glued_after", ())))
                                                                  or "(?!)")),
        not_for={k: tuple(v.get("not_for", ())) for k, v in q["before"].items()},
        masks=tuple(re.compile(p) for p in nf["mask"].values()),
        before_last=frozenset(c for k in before if k for c in (k[-1], k[-1].upper())),
        before_rx=re.compile("(?:" + "|".join(map(re.escape, sorted(before, key=len, reverse=True))) + r")\Z", re.I),
        before_longest=max(map(len, before), default=0),
        before_lengths={c: tuple(sorted({len(k) for k in before if k and k.lower()[-1] == c}, reverse=True))
                        for c in {k.lower()[-1] for k in before if k}},
        before_folded=frozenset(k.lower() for k in before),
        ranging=re.compile(r"\b(?:%s)\s+\Z" % ("|".join(map(re.escape, q.get("ranging", {}).get("words", ()))) or "(?!)"),
                           re.I),
        after_first=frozenset(c for k in after if k for c in (k[0], k[0].upper())),
        after_lengths={c: tuple(sorted({len(k) for k in after if k and k[0] == c and len(k) <= 8}, reverse=True))
                       for c in {k[0] for k in after if k}},
    )


def _patterns():
    return data().memo(_build_patterns)


def _build_patterns(d):
    n = numerals = numbers.numerals()
    zh_digit = "".join(numerals["chinese_digits"]) + "".join(numerals.get("chinese_contractions", {}))
    hundreds = "".join(c for c, v in numerals["chinese_places"].items() if v >= 100)  # 百亿: one hundred 亿
    sections = "".join(c for c in numerals["chinese_sections"] if c != "兆")
    # 逾千公里, 近万人: a place alone is a number after a one-character qualifier (not after 数 or 几,
    # which make 数千 vague).
    qualified = "".join(sorted(k for k in rules().before if len(k) == 1 and not k.isascii()))
    zh_place = "".join(numerals["chinese_places"]) + "".join(c for c in numerals["chinese_sections"] if c != "兆")
    # 兆 is a section (四十九兆 = 49×10¹²) except where it begins a unit word (五十兆字节, 48兆瓦).
    mega = sorted((w[1:] for w in lexicon().units if w.startswith("兆") and len(w) > 1), key=len, reverse=True)
    zh_unit_char = f"(?:[{zh_place}]|兆(?!{'|'.join(map(re.escape, mega)) or '$^'}))"
    point, *tight_points = n["chinese_point"]["chars"]
    # ... the others between two digits only: |(?<=三)．(?=九)
    # (not after a list's number: 一．五家子公司 at a line's or a clause's start)
    opener = r"[\n。；：;:!?！？\s、]"
    tight_point = (f"|(?<=[{zh_digit}十拾])(?<!(?m:^)[{zh_digit}十])(?<!{opener}[{zh_digit}十])"
                   f"[{''.join(map(re.escape, tight_points))}][{zh_digit}]+") if tight_points else ""
    words = [w for w in numerals["english_words"] if w not in ("a", "an", "half")]
    vague_zh = "".join(rules().vague_zh)
    vague_en = list(rules().vague_en)
    en_word = f"(?i:{_trie_pattern(words)})"
    article = numerals["english_article"]["words"]
    firsts_of_article = sorted({c for w in article for c in (w[0].lower(), w[0].upper())})
    article_rests = sorted({w[1:].lower() for w in article}, key=len, reverse=True)  # "n", "" (a longer one first)
    article_magnitudes, article_units = _article_before(numerals["english_article"])
    article_not_then = "|".join(rf"{re.escape(w)}\b" for w in numerals["english_article"].get("not_then", ())) or "(?!)"

    def english(first: str, phrases: list[str], tail: str) -> str:
        """The phrases starting with the letter `first`, that letter already read."""
        rest = [p[1:] for p in phrases if p[0].lower() == first]
        return f"(?<=[{first}{first.upper()}])(?i:{_trie_pattern(rest)}){tail}"

    firsts = sorted({p[0].lower() for p in words + vague_en + article})
    # Every branch begins by reading one character of a single character class, so the regex
    # engine skips straight to the places where a number can start; what must (or must not)
    # stand before that character is checked after it, by look-behinds.
    number = (
        rf"[\d{vague_zh}{zh_digit}十拾{hundreds}{sections}{''.join(firsts)}{''.join(firsts).upper()}](?:"
        # 1/4, 10 1/2
        r"(?P<fr>(?<=\d)(?<![0-9./]\d)(?:\d* \d+|\d*)/\d+(?![0-9/]))"
        # 1,250.5 and 349; and a decimal comma before a percent sign or a Latin word (+11,1%, 52,9
        # milioni, 3.211,0 RMBM): a comma before one or two digits never groups thousands
        r"|(?P<ar>(?<=\d)(?<![0-9.]\d)(?<!\d,\d)(?:\d{0,2}(?:\.\d{3})*,\d{1,2}(?![0-9.,])(?=\s?(?:%|[A-Za-z]))"
        r"|\d{0,2}(?:,\d{3})+(?:\.\d+)?|\d*(?:\.\d+)?)(?![0-9]))"
        # 数百, 几十: a vague amount before a place
        rf"|(?P<vz>(?<=[{vague_zh}])(?={zh_unit_char}))"
        # 一百二十, 三点五
        rf"|(?P<zh>(?:(?<=[{zh_digit}十拾])|(?<=[{hundreds}])(?=[{sections}])|(?<=[{qualified}][{hundreds}{sections}]))"
        rf"(?: ?(?:[{zh_digit}]|{zh_unit_char}))*"
        rf"(?: ?{point} ?[{zh_digit}](?: ?[{zh_digit}])*{tight_point})?)"
        # hundreds of, twenty-five: a word that does not run on from a letter or digit before it
        r"|(?<![\w][A-Za-z])(?:"
        # "a billion", "an acre": an article for one, before the words [english_article] lists
        rf"(?P<one>(?<=[{''.join(firsts_of_article)}])(?:{'|'.join(map(re.escape, article_rests))}))"
        # (a magnitude word then needs what it counts after it: "one in a million." is no figure)
        rf"(?={_SP}(?:{_trie_pattern(article_magnitudes)}){_SP}+(?!{article_not_then})[A-Za-z$€£¥]"
        rf"|{_SP}(?:{_trie_pattern(article_units)})(?![A-Za-z]))|"
        rf"(?P<ve>{'|'.join(english(c, vague_en, '') for c in firsts if any(p[0].lower() == c for p in vague_en))})\b"
        rf"|(?P<en>{'|'.join(english(c, words, '') for c in firsts if any(p[0].lower() == c for p in words))})"
        rf"(?:[- ]{en_word})*\b))"
    )
    return re.compile(number), dict(numerals["chinese_digits"])


# ---------------------------------------------------------------------------------------------
# Longest-match look-ups in the lexicon


# A figure never spans a line break: the spaces inside one are any white space but those that end
# a line (str.splitlines's).
_SP = r"[^\S\n\r\v\f\x1c-\x1e\x85\u2028\u2029]"
_LATIN = frozenset(string.ascii_letters)
_BLANK_LINE = re.compile(r"\n[ \t]*\r?\n")
_LINE_WITHOUT_CELLS = re.compile(r"\n[^|\n]*(?=\n|\Z)")
_FIRST_DIGIT = re.compile(r"\d")
_CJK_WORD = re.compile(r"[\u3400-\u9fff]{2,}")
# (or an acronym's plural: "2,775,000 additional ADSs", "40 IPOs"); the word between may be an
# acronym ("three LNG trains", "12 EV models")
_OPEN_NOUN = re.compile(r"[ \t]+(?:(?:[a-z][a-z\-]+|[A-Z]{2,5})[ \t]+)?([a-z][a-z\-]{2,}s|[A-Z]{2,}s)(?![A-Za-z])")
_LINE_END = re.compile(r"[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")
_COMPOUND_GLUE = re.compile(rf"{_SP}*(?:and{_SP}+|又|零)?{_SP}*")
_BRACKETS = {"(": ")", "[": "]", "{": "}", "<": ">"}

# 百分之二十, 千分之一, 百万分之五: the share is written before the number.
_PER = re.compile(rf"([百千万亿佰仟][百千万亿佰仟 ]*?){_SP}*分{_SP}*之{_SP}*\Z")
# An amount in accounting brackets ($(0.46), (17.8)%): see _Scanner.negative_brackets.
_BRACKETED_NUMBER = re.compile(r"\(\d[\d,]*(?:\.\d+)?\)")
_LOST_POINT = re.compile(r" (\d{1,2})(?=[^\s\d.,]| [^\x00-\x7f])")  # 43 5亿, and 7 2 折 in a spaced transcript
_SPACED_POINT = re.compile(r" (\d{1,2})(?=[^\s\d.,]| [^\s\d])")  # 29. 5 billion: a point and a stray space
_LETTER_BEFORE = re.compile(r"[A-Za-z] ?\Z")
_RANGE_SEP = re.compile(rf"{_SP}*(至|到|~|～|-|–|—|to|and){_SP}*")
_RANGE_FIRST = frozenset("至到~～-–—ta")  # what _RANGE_SEP can begin with, or a space
_FROM = re.compile(r"\bfrom\b", re.I)
_SHORT_YEAR_RANGE = re.compile(r"[-–~至](\d{2})年")  # 2025-27年
# The members after the first of a list of numbers that share the unit written after the last
# (分别为120/135/150亿元, 12/5/19/4家, $1.2/1.5/1.8bn)
_SLASH_LIST = re.compile(r"(?:/(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?)+(?![0-9/]|[.,][0-9])")
_YEAR_DIGITS = re.compile(r"\d{4}")
_YEAR_PART = re.compile(r"(上半年|下半年|财年|年度|财政年度)")
_HAN_AFTER = re.compile(r"\s*[\u4e00-\u9fff]")
_HAN_BEFORE = re.compile(r"[\u4e00-\u9fff]\s*\Z")
_HAN_SIGN_BEFORE = re.compile(r"[\u4e00-\u9fff]\s*[+-]?\s*\Z")  # 同比+0.3pct
_YEAR_END = re.compile(r"年?(?:上半年|下半年|财年|年度)?")
_GLUED_WORD = re.compile(r"[a-z]{2,}(?=[A-Z][a-z])")  # billionApprox, bnApprox: a word, then the next one's capital
_GLUED_CELL = re.compile(r"[KMBT]\d")  # $29.3B3x: a magnitude letter, then the next cell's digits
_FISCAL = re.compile(rf"(?:FY|fiscal ){_SP}?\Z", re.I)


def _article_before(spec: dict) -> tuple[list[str], list[str]]:
    """The words before which "a" or "an" is one ([english_article] in units/numerals.toml): its
    magnitude words, and the English names of its kinds' units (gigawatt, acre) as written."""
    kinds = set(spec["unit_kinds"])
    # (names, not symbols nor short words that are also words: "a ha moment", "a mu")
    units = [w for w, u in lexicon().units.items()
             if u.kind in kinds and w.isascii() and w.isalpha() and w.islower() and len(w) >= 4]
    return sorted(spec["before"]), sorted(units)


@functools.cache
def _noun_right_after(nouns: tuple[str, ...]) -> re.Pattern:
    """One of `nouns` as the very next word ("30m shares", not "30m towards the stations")."""
    return re.compile(r"\s+(" + "|".join(map(re.escape, nouns)) + r")\b")


@functools.cache
def _count_noun_re(nouns: tuple[str, ...]) -> re.Pattern:
    # in any case: a title or a prospectus capitalises its nouns ("17,300,000 American Depositary Shares")
    return re.compile(r"(?:\s+(?!\d)[\w.&\-]+){0,3}?\s+(" + "|".join(map(re.escape, nouns)) + r")\b", re.I)


def _is_ascii_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _trie_pattern(keys) -> str:
    """A regular expression matching the longest of `keys` at a position (a trie, so the regex
    engine does the work in one call). A key ending in an ASCII letter or digit matches only where
    no letter or digit follows it; a shorter key is tried then."""
    trie: dict = {}
    for key in keys:
        node = trie
        for c in key:
            node = node.setdefault(c, {})
        node[""] = key

    def emit(node: dict) -> str:
        alts = [re.escape(c) + emit(child) for c, child in sorted(node.items()) if c]
        if "" in node:  # the end of a key: tried after every longer one
            alts.append("(?![A-Za-z0-9])" if _is_ascii_word(node[""][-1]) else "")
        if len(alts) == 1:
            return alts[0]
        return "(?:" + "|".join(alts) + ")"

    return emit(trie) if trie else "(?!)"


class _Table:
    """Longest-match look-up of a table's keys at a position: a call gives (the key as written,
    its value) or None. Keys of `folded` (lower case) match in any case, where no key of `table`
    matches as long. The keys that begin with one character are compiled into a trie when a text first
    asks for that character, so a start-up compiles only the few tries a document needs."""
    __slots__ = ("table", "folded", "groups", "folded_groups", "tries", "folded_tries", "_rx", "entries")

    def __init__(self, table: dict, max_len: int = 99, folded: dict | None = None):
        self.table, self.folded = table, folded or {}
        self.groups: dict[str, list[str]] = {}
        for k in table:
            if 0 < len(k) <= max_len:
                self.groups.setdefault(k[0], []).append(k)
        self.folded_groups: dict[str, list[str]] = {}
        for k in self.folded:
            self.folded_groups.setdefault(k[0].lower(), []).append(k)
        self.tries: dict[str, re.Pattern | None] = {}
        self.folded_tries: dict[str, re.Pattern | None] = {}
        self._rx = None
        # a character -> (its trie, its folded trie): one dict look-up per call once the character
        # was seen (most characters a text asks for begin no key: (None, None))
        self.entries: dict[str, tuple[re.Pattern | None, re.Pattern | None]] = {}

    @property
    def rx(self) -> re.Pattern:
        """Every key in one trie (for finditer)."""
        if self._rx is None:
            self._rx = re.compile(_trie_pattern([k for ks in self.groups.values() for k in ks]))
        return self._rx

    def _entry(self, c: str) -> tuple[re.Pattern | None, re.Pattern | None]:
        """(the trie of the keys beginning with c, the folded one of c's lower case), compiled once."""
        rx = self.tries.get(c, _UNSEEN)
        if rx is _UNSEEN:
            rx = self.tries[c] = re.compile(_trie_pattern(self.groups[c])) if c in self.groups else None
        folded = None
        if self.folded and (low := c.lower()) in self.folded_groups:
            folded = self.folded_tries.get(low, _UNSEEN)
            if folded is _UNSEEN:
                folded = self.folded_tries[low] = re.compile(_trie_pattern(self.folded_groups[low]), re.I)
        entry = self.entries[c] = (rx, folded)
        return entry

    def __call__(self, text: str, i: int):
        c = text[i:i + 1]
        entry = self.entries.get(c)
        rx, folded = entry if entry is not None else self._entry(c)
        hit = None
        if rx is not None and (m := rx.match(text, i)) is not None:
            piece = m.group()
            hit = piece, self.table[piece]
        if folded is not None and (m := folded.match(text, i)) is not None and (hit is None or m.end() - i > len(hit[0])):
            piece = m.group()
            return piece, self.folded[piece.lower()]
        return hit


_UNSEEN = object()
# A number in scientific notation: a mantissa, e or E, an exponent (1e400, 2.5E-3)
_SCIENTIFIC = re.compile(r"(?<![A-Za-z])\d+(?:\.\d+)?[eE][+-]?\d+(?![A-Za-z\d])")


@dataclass(frozen=True, slots=True)
class _Tables:
    magnitudes: _Table
    units: _Table  # units_ci folded in
    currency_abbrev: _Table
    currency_prefix: _Table
    compound: _Table
    word_figures: _Table
    magnitude_firsts: frozenset[str]  # the first characters of the magnitude words (a table without folded keys)
    currency_last: frozenset[str]  # the last characters of the currency prefixes
    currency_lengths: dict[str, tuple[int, ...]]  # last character -> lengths (6 at most) of the prefixes so ending, longest first
    unit_heads: frozenset[str]  # magnitude words that a longer unit word begins with (千 of 千瓦时)
    unit_before: re.Pattern  # "percent of ": a unit written before the number, ending where it begins
    yuan_names: re.Pattern  # 新台币, 港元 …: the name of a bare 元's currency, just before the number
    rates_after: _Table  # per month, /月: the period of a rate, after the figure
    rates_before: re.Pattern  # 每月: the period of a rate, ending where the figure begins
    rates_not_then: re.Pattern  # " ago": after "a year", no rate
    rate_firsts: frozenset[str]  # what a period word after a figure begins with
    rate_lasts: frozenset[str]  # what a period word before a figure ends with
    table_headers: tuple[re.Pattern, ...]  # 单位：人民币百万元: a table's unit, in group `unit`
    growth_before: re.Pattern  # 同比增长, 暴增近 …: a verb of growth ending where the search ends
    glued_code: re.Pattern  # USD98, RMB150bn: a currency code glued to the digits of its amount
    # What can stand right after a number that makes it a figure (a magnitude's, a unit's, 多's or
    # a range's first character, a bracket, a Latin letter); a space is tested apart.
    suffix_first: frozenset[str]
    spaced_firsts: frozenset[str]  # 个 of 个 百 分点: Chinese unit words that a transcript may space out
    # The unit words (as the lexicon writes them) that none of suffix's checks of a word concerns:
    # no limits, no inch mark, no sign, no short currency name, no magnitude's abbreviation, no
    # money after a magnitude, no hundredths or digit after. Such a word is the unit as read.
    plain_units: frozenset[str]


def _tables() -> _Tables:
    return data().memo(_build_tables)


def line_end(text: str, i: int) -> int:
    """Where the line of position i ends (its line break, or the text's end)."""
    end = text.find("\n", i)
    return len(text) if end < 0 else end


class TableRow:
    """One line of a table in cells: its cells counted from the first, a bar that opens the line
    (| Revenue | 8,100 |) left out, so that a head and a row written one with it and one without
    still line up. Only the cells asked for are read (a table flattened into one line stays linear)."""

    def __init__(self, text: str, start: int, end: int):
        self.text, self.end = text, end
        self.start = _OPENING_BAR.match(text, start, end).end()

    def column(self, i: int) -> int:
        return self.text.count("|", self.start, i)

    def cell(self, k: int) -> tuple[int, int]:
        """(start, end) of cell k, or an empty span past the line's end."""
        lo = self.start
        for _ in range(k):
            bar = self.text.find("|", lo, self.end)
            if bar < 0:
                return self.end, self.end
            lo = bar + 1
        bar = self.text.find("|", lo, self.end)
        return lo, self.end if bar < 0 else bar


_OPENING_BAR = re.compile(r"[ \t]*\|?")  # what opens a row before its first cell


def _row_label(text: str, i: int) -> tuple[int, str, int]:
    """(line start, label, where the label's cell ends) of the table row position i is in: its
    first cell ("Net profit – Group share (2) | 2,246 |", "| 营业收入 | 11,315 |"), or, in a row
    without cells, what opens the line up to its first digit (营业收入 719,157 702,721)."""
    start, end = text.rfind("\n", 0, i) + 1, line_end(text, i)
    if text.find("|", start, end) < 0:  # no cells: up to the first digit
        digit = _FIRST_DIGIT.search(text, start, end)
        return start, text[start:digit.start() if digit else end], start
    lo, hi = TableRow(text, start, end).cell(0)
    return start, text[lo:hi], hi


def _row_kind(label: str) -> str | None:
    """What a table row's label says of its amounts (units/lexicon.toml [table_unit]): "per_unit"
    (per_unit_rows: EPS, 每股收益; or a unit in brackets without a magnitude: (人民币元)), "not_money"
    (not_money_rows: employees, 员工人数; or (%)), else None."""
    words = data().memo(_row_words)
    unit = _LABEL_UNIT.search(label)
    if unit and unit.group(1) in ("%", "％") or words["not_money"].search(label):
        return "not_money"
    if words["per_unit"].search(label):
        return "per_unit"
    if unit and not any(_tables().magnitudes(unit.group(1), k) for k in range(len(unit.group(1)))):
        return "per_unit"  # (人民币元; not 百万元, nor 亿美元)
    return None


_LABEL_UNIT = re.compile(r"[(（]([^()（）\d]{1,8})[)）]\s*$")


def _row_words(d) -> dict[str, re.Pattern]:
    """The words of a row's label that say what its amounts are: a whole Latin word in any case, a
    Chinese one anywhere."""
    spec = d.toml("lexicon.toml")["table_unit"]

    def any_of(words: list[str]) -> re.Pattern:
        forms = sorted((normalize(w) for w in words), key=len, reverse=True)
        return re.compile("|".join(rf"(?<![A-Za-z]){re.escape(w)}(?![A-Za-z])" if w.isascii() else re.escape(w)
                                   for w in forms) or "(?!)", re.I)
    return {"per_unit": any_of(spec.get("per_unit_rows", [])), "not_money": any_of(spec.get("not_money_rows", []))}


def _build_tables(d) -> _Tables:
    lex = lexicon()

    def ending(words) -> re.Pattern:
        """One of `words` (the longest first) ending where the search ends."""
        return re.compile("(?:" + "|".join(sorted(map(re.escape, words), key=len, reverse=True)) + r")\Z")

    return _Tables(
        magnitudes=_Table(lex.magnitudes),
        units=_Table(lex.units, folded=lex.units_ci),
        currency_abbrev=_Table(lex.currency_abbrev, 2),
        currency_prefix=_Table(lex.currency_prefix, 4),
        compound=_Table(lex.compound),
        word_figures=_Table(lex.word_figures),
        magnitude_firsts=frozenset(k[0] for k in lex.magnitudes if k),
        currency_last=frozenset(k[-1] for k in lex.currency_prefix),
        currency_lengths={c: tuple(sorted({len(k) for k in lex.currency_prefix if k[-1] == c and len(k) <= 6}, reverse=True))
                          for c in {k[-1] for k in lex.currency_prefix}},
        unit_heads=frozenset(lex.magnitudes).intersection(u[:k] for u in lex.units for k in range(1, len(u))),
        unit_before=re.compile(r"(?<![A-Za-z])(" + "|".join(map(re.escape, sorted(lex.unit_before, key=len, reverse=True)))
                               + r") \Z", re.I),
        yuan_names=re.compile("(" + "|".join(sorted((re.escape(k) for k, u in lex.units.items() if u.kind == "currency"
                                                     and u.unit in lex.yuan_home and _CJK_WORD.fullmatch(k)),
                                                    key=len, reverse=True)) + r") ?\Z"),
        rates_after=_Table(lex.rates_after),
        rates_before=ending(lex.rates_before),
        rates_not_then=re.compile(" (?:" + "|".join(map(re.escape, lex.rates_not_then)) + r")\b"),
        rate_firsts=frozenset(k[0] for k in lex.rates_after),
        rate_lasts=frozenset(k[-1] for k in lex.rates_before),
        table_headers=tuple(re.compile(h) for h in lex.table_headers),
        growth_before=re.compile("(?:%s)(?:%s)?\\Z" % tuple("|".join(sorted(map(re.escape, words), key=len, reverse=True))
                                                      for words in (lex.growth_verbs, lex.growth_between))),
        glued_code=re.compile("(?:" + "|".join(sorted((k for k in lex.currency_prefix if k.isalpha() and (k.isupper() or k.istitle())),
                                                      key=len, reverse=True)) + r")\d+(?:"
                              + "|".join(sorted((re.escape(k) for k in (*lex.magnitudes, *lex.currency_abbrev)
                                                 if k.isascii() and k.isalpha()), key=len, reverse=True)) + ")?"),
        suffix_first=frozenset(k[0] for k in (*lex.magnitudes, *lex.units, *rules().more) if k)
        | _RANGE_FIRST | frozenset(_BRACKETS) | frozenset(string.ascii_letters),
        spaced_firsts=frozenset(k[0] for k in lex.units if len(k) > 1 and "\u3400" <= k[0] <= "\u9fff"),
        plain_units=frozenset(k for k in lex.units if _plain_unit(k, lex)),
    )


def _plain_unit(word: str, lex: Lexicon) -> bool:
    """Whether `word` needs none of the checks _Scanner.suffix makes of a unit word (plain_units)."""
    entries = (lex.units.get(word), lex.units_ci.get(word.lower()))
    sign = not word[-1].isalpha() and any(e is not None and e.kind == "currency" for e in entries)
    return not (sign or word in lex.unit_limits or word in lex.quote_units
                or word.lower() in lex.short_currency_names or word in lex.currency_abbrev
                or word in lex.money_after_magnitude or word in lex.hundredths or word in lex.digit_after)


def _lookup_spaced(text: str, i: int, table: _Table):
    """Like _lookup, for a Chinese word written with spaces between its characters."""
    chars, ends = [], []
    j = i
    while j < len(text) and len(chars) < 12:
        if text[j] != " ":
            chars.append(text[j])
            ends.append(j + 1)
        elif j + 1 < len(text) and text[j + 1] == " " and j > i and text[j - 1] == " ":
            break
        j += 1
    hit = table("".join(chars), 0)
    if not hit or len(hit[0]) < 2:
        return None
    end = ends[len(hit[0]) - 1]
    return text[i:end], hit[1]


_SPACE = frozenset(" \t")
_LOWER = frozenset(string.ascii_lowercase)  # what _GLUED_WORD begins with
_SPACE_OR_POINT = frozenset(" .")
_SPOKEN_POINT_FIRST = frozenset(" -")
_CODE_GLUED = re.compile(r"[A-Za-z]{2,4}(?=\d)")
_GROUP_BEFORE = re.compile(r"(?<![\d.,])(\d{1,3}) \Z")  # the 2 of "2 000"
_AFTER_DIGITS_DASH = re.compile(r"\d-\Z")
_AFTER_CLOCK = re.compile(r"\d[:：]\Z")
_MINUTES = re.compile(r"[0-5][0-9]")
_GROUPS_AFTER = re.compile(r"(?: \d{3})+(?![\d.,])")  # the rest of "1 000 000"


def _clock_minutes(text: str, fig: "Figure") -> bool:
    """Is `fig` the minutes (or seconds) of a clock or a duration written with colons (0:00 min,
    2:45 minutes, 1:05:30 hours): two digits after a digit and a colon, a duration or nothing
    counted? Not an amount after a note's number (注3：100亿元, Q3：12%)."""
    return bool(_AFTER_CLOCK.search(text, max(0, fig.start - 2), fig.start)) and \
        bool(_MINUTES.match(text, fig.start)) and not text[fig.start + 2:fig.start + 3].isdigit() and \
        (fig.kind == "duration" or fig.kind == "count" and not fig.classifier)


@dataclass(frozen=True)
class _NumberWords:
    """What units/numerals.toml says beyond the number pattern, read once per data set."""
    zh_numeral: frozenset[str]  # every character of a Chinese numeral (digits, places, sections)
    zh_sections: frozenset[str]  # 万, 亿, 兆
    zh_point: re.Pattern  # a Chinese numeral's decimal point, of either width ([chinese_point])
    digit_words: dict[str, int]  # zero … nine
    spoken_point: re.Pattern  # [- ]point[- ] and digits said one by one (see _Scanner.spoken_point)
    article_not_after: re.Pattern  # "half a billion", "a quarter of a million": a part, not one


def _number_words() -> _NumberWords:
    return data().memo(_read_number_words)


def _read_number_words(d) -> _NumberWords:
    n = numbers.numerals()
    digit_words = {w: int(v) for w, v in n["english_words"].items() if v in range(10) and w not in ("a", "an")}
    point = "|".join(sorted(n["english_point"]["words"], key=len, reverse=True))
    digit = "(?:%s|\\d)" % "|".join(sorted(digit_words, key=len, reverse=True))
    not_after = "|".join(map(re.escape, n["english_article"].get("not_after", ()))) or "(?!)"
    return _NumberWords(
        zh_numeral=frozenset(c for table in ("chinese_digits", "chinese_places", "chinese_sections") for c in n[table]),
        zh_sections=frozenset(n["chinese_sections"]),
        zh_point=re.compile("[%s]" % re.escape("".join(n["chinese_point"]["chars"]))),
        digit_words=digit_words,
        spoken_point=re.compile(rf"[- ](?i:{point})[- ]((?i:{digit})(?:[- ](?i:{digit}))*)(?![A-Za-z0-9-])"),
        article_not_after=re.compile(rf"\b(?i:{not_after})\s+\Z"))


_YEAR_AT = re.compile(r"(?:19|20)\d\d(?![\d,.])")
_NAME_NEXT = re.compile(r"\.? +[A-Z][a-z]")  # a capitalised word after a unit word: a name it opens


def _skip_spaces(text: str, i: int, limit: int = 3) -> int:
    j = i
    while j < len(text) and j - i < limit and text[j] in " \t":
        j += 1
    return j


def _closes_quoted_number(t: str, k: int) -> bool:
    """The mark at k ends a number that the same mark opens: "5", "10"."""
    i = k
    while i > 0 and (t[i - 1].isdigit() or t[i - 1] in ".,"):
        i -= 1
    return i < k and i > 0 and t[i - 1] == t[k]


# The characters other than ASCII that the regex engine, ignoring case, takes for an ASCII letter
# (İ ı ſ for i and s, the Kelvin sign for k): str.lower reads them otherwise.
_FOLDS_TO_ASCII = frozenset("\u0130\u0131\u017f\u212a")


class _Amount:
    """One bound being read: where it is, its number and what follows it. What is not set on an
    instance keeps the class's default (fewer assignments per number read)."""
    low_mult: float = 1.0  # vague amounts read as [low_mult, high_mult) × value
    high_mult: float = 1.0
    magnitude: float = 1.0
    has_magnitude: bool = False
    unit: UnitEntry | None = None
    unit_word: str | None = None
    more: bool = False  # 多 / 余 after it
    lost_decimal: bool = False
    word: str = ""  # the vague word (数, hundreds of)
    classifier_end: int | None = None  # end of an English count noun a few words on
    magnitude_word: str = ""
    between: int | None = None  # where "between" stands, for "between 13 and 44 GW"
    list_end: int | None = None  # a member of a slash list (12/5/19家): where the list ends, its unit after

    def __init__(self, start: int, end: int, value: float, step: float, kind: str):
        self.start, self.end, self.value, self.step = start, end, value, step
        self.kind = kind  # ar, fr, zh, en, vz, ve, range2

    @classmethod
    def vague(cls, start: int, end: int, value: float, low_mult: float, high_mult: float, kind: str, word: str = ""):
        a = cls(start, end, value, 1.0, kind)
        a.low_mult, a.high_mult, a.word = low_mult, high_mult, word
        return a


class _Scanner:
    def __init__(self, text: str, lex: Lexicon):
        self.text = text
        self.lex = lex
        self.rules = rules()
        self.number_re, self.zh_digits = _patterns()
        self.places = numbers.numerals()["chinese_places"]
        self.sections = numbers.numerals()["chinese_sections"]
        self.tables = _tables()
        self.roc = roc_years()  # 115年度: a year of the Republic of China (rules/periods.toml)
        self.count_noun_re = _count_noun_re(lex.count_nouns)  # (once: a tuple is hashed anew at each look-up)
        self.noun_right_after = _noun_right_after(lex.count_nouns)
        units = lex.units

        # Spans that are not figures (not_figures.toml), blanked; km2 and m2 are units, not models.
        # (USD98.5 million, RMB150bn, Rmb160bn: a currency code glued to its amount, with or without its
        # magnitude glued after, is not a model name either.)
        glued = self.tables.glued_code.fullmatch
        spans = [m.span() for rx in self.rules.masks for m in rx.finditer(text)
                 if text[m.start()] not in _LATIN or m.group() not in units and not glued(m.group())]
        spans.sort()  # (a list built and sorted in place: no generator resumed per span)
        pieces, done, fills = [], 0, {}
        add = pieces.append
        for s, e in spans:
            if e > done:
                if s < done:
                    s = done
                add(text[done:s])
                n = e - s
                add(fills.get(n) or fills.setdefault(n, "\x1f" * n))
                done = e
        masked = "".join(pieces) + text[done:] if pieces else text
        # Accounting notation: a negative amount in brackets right after its currency sign or right
        # before its unit ($(0.46), (17.8)%, (14)美元): the brackets are blanked, the amount read
        # negative (read()).
        self.negative_at: set[int] = set()
        self.list_currency: tuple[int, str] = (-1, "")  # (end of a slash list, the currency its first member names)
        self.list_end = -1  # the end of the last slash list read: the members before it are its
        self.fraction_most = int(numbers.numerals().get("fractions", {}).get("most_denominator", 10**9))
        brackets = self.negative_brackets(masked) if "(" in masked else []
        if brackets:  # (a copy of the text only where there are some: one join, no list of characters)
            pieces, done = [], 0
            for opening, closing in brackets:
                pieces += (masked[done:opening], " ", masked[opening + 1:closing], " ")
                done = closing + 1
                self.negative_at.add(opening + 1)
            masked = "".join(pieces) + masked[done:]
        self.masked = masked
        self.find_tables()
        self.floor = 0  # end of the last figure read: nothing before it belongs to the next

    def negative_brackets(self, text: str) -> list[tuple[int, int]]:
        """(opening, closing) of each number in brackets right after a currency sign (one space
        between at most: $(0.46), HK$ (3.1)) or right before a percent or currency unit ((17.8)%,
        (14)美元), as the lexicon reads signs and units."""
        out = []
        signs = {k[-1] for k in self.lex.currency_prefix if not k[-1].isalnum()}
        for m in _BRACKETED_NUMBER.finditer(text):
            j = m.start() - (text[m.start() - 1:m.start()] == " ")
            after = _skip_spaces(text, m.end(), 1)
            unit = self.tables.units(text, after)
            if text[j - 1:j] in signs or (unit and unit[1].kind in ("percent", "currency")):
                out.append((m.start(), m.end() - 1))
        return out

    # -- reading one amount -------------------------------------------------------------

    def number_at(self, m: re.Match) -> _Amount | None:
        g = m.lastgroup
        s = m.group()
        if g == "ar":
            start, end = m.span()
            near = self.text[start - 2 if start > 1 else 0:end + 1]
            # (no character but E lowers to e: two look-ups, no lowered copy)
            if ("e" in near or "E" in near) and any(
                    x.start() < end and start < x.end()
                    for x in _SCIENTIFIC.finditer(self.text, max(0, start - 24), end + 24)):
                return None  # 1e400, 2.5E-3: scientific notation is no figure of copy (nor its exponent one)
            if s[0] == "0" and len(s) == 3 and (head := _GROUP_BEFORE.search(self.text, max(0, start - 5), start)):
                # 2 000 万次, 1 067 mm: a group of thousands after a space (no number opens on 0)
                more = _GROUPS_AFTER.match(self.text, end)
                digits = head.group(1) + s + (more.group().replace(" ", "") if more else "")
                return _Amount(head.start(), more.end() if more else end, float(digits), 1.0, g)
            if s.isdigit():  # (numbers.arabic's first case, inline: most numbers are plain digits)
                return _Amount(start, end, float(s), 1.0, g)
            value, step = numbers.arabic(s)
            return _Amount(start, end, value, step, g)
        elif g == "fr":
            num, _, den = s.rpartition(" ")[2].partition("/")
            if " " not in s and int(num) != 1 and int(den) > self.fraction_most:
                # 30/40家 is two values of a slash list, not three quarters: its first is read alone
                value, step = numbers.arabic(num)
                return _Amount(m.start(), m.start() + len(num), value, step, "ar")
            value, step = numbers.fraction(s)
        elif g == "zh":
            return self.chinese_at(m.start(), s)
        elif g == "one":
            # not "per" after an amount ($40 a megawatt-hour, 8,000 yuan a mu), nor a part of one
            # (half a billion, a quarter of a million)
            if self.floor and not self.masked[self.floor:m.start()].strip() or \
                    _number_words().article_not_after.search(self.masked, max(0, m.start() - 12), m.start()):
                return None
            return _Amount(m.start(), m.end(), 1.0, 1.0, "en")
        elif g == "en":
            try:
                value, step = numbers.english(s)
            except KeyError:
                return None
        elif g == "vz":
            lo, hi = self.rules.vague_zh[s]
            return _Amount.vague(m.start(), m.end(), 1.0, lo, hi, "vz", s)
        elif g == "ve":
            lo, hi = self.rules.vague_en[s.lower()]
            return _Amount.vague(m.start(), m.end(), 1.0, lo, hi, "ve", s)
        else:  # pragma: no cover
            return None
        return _Amount(m.start(), m.end(), value, step, g)

    def chinese_at(self, start: int, s: str) -> _Amount | None:
        """A Chinese numeral at `start` (s as the number regex read it), with the forms that are not
        plain numerals: 两三 and 二三十万 (ranges), 十几万 (vague), 七十百分位 (read up to 七十) and
        三十两 (30 liang: a last 两 after a digit or place is the unit)."""
        places = self.places
        digits = self.zh_digits
        chars = s.replace(" ", "")
        # A place after a smaller place with no digit between ends the numeral (七十|百分位).
        prev = None
        for k, c in enumerate(s):
            if c in places:
                if prev is not None and places[c] > prev:
                    s = s[:k].rstrip(" ")
                    break
                prev = places[c]
            elif c != " ":
                prev = None
        chars = s.replace(" ", "")
        pair = len(chars) >= 2 and chars[0] in digits and chars[1] in digits and digits[chars[0]] > 0 and \
            digits[chars[1]] == digits[chars[0]] + 1 and (len(chars) == 2 or chars[2] in places)
        if not pair and len(chars) > 1 and chars[-1] in self.lex.units and chars[-1] in digits and \
                (chars[-2] in digits or chars[-2] in places or chars[-2] in self.sections):
            s = s[:-1].rstrip(" ")  # 三十两, 二两, 两万两: the unit 两
            chars = chars[:-1]
        end = start + len(s)
        if pair:
                # 两三 (two or three), 二三十万 (200,000 to 300,000): a range
                low = numbers.chinese(chars[0] + chars[2:])[0]
                high = numbers.chinese(chars[1] + chars[2:])[0]
                return _Amount.vague(start, end, low, 1.0, high / low, "range2")
        try:
            value, step = numbers.chinese(s)
        except ValueError:
            return None
        word = self.masked[end:end + 1]
        if chars[-1] in places and word in self.rules.vague_fill:
            # 十几, 二十几: the vague word fills the place below the last one.
            lo, hi = self.rules.vague_zh[word]
            fill = places[chars[-1]] / 10
            return _Amount.vague(start, end + 1, value + lo * fill, 1.0, (value + hi * fill) / (value + lo * fill),
                                 "vz", word)
        return _Amount(start, end, value, step, "zh")

    def spoken_point(self, a: _Amount) -> None:
        """A whole number followed by a point said aloud and single digits ("16-point-five",
        "twenty-two point eight": units/numerals.toml [english_point]) is a decimal: read it so."""
        if a.value != int(a.value) or a.end - a.start > 40 or a.kind == "ar" and YEARS[0] <= a.value <= YEARS[1]:
            return  # (2025 point one: a year, then something else)
        words = _number_words()
        m = words.spoken_point.match(self.masked, a.end)
        if not m:
            return
        digits = "".join(str(words.digit_words.get(d.lower(), d)) for d in re.findall(r"[A-Za-z]+|\d", m.group(1)))
        a.value = float(f"{int(a.value)}.{digits}")
        a.step = 10.0 ** -len(digits)
        a.end = m.end()

    def lost_decimal(self, a: _Amount, currency_prefix: bool = False) -> None:
        """'43 5亿美元' is 43.5亿美元 whose point a transcript lost (and '7 2 折', spaced out, 7.2折), and
        '29. 5 billion yuan' 29.5 billion yuan with a stray space after its point: read it so, and flag
        it. After a currency sign only a magnitude or a currency may follow: '$423 52周高点' is a price
        and a 52-week high, no 423.52 weeks."""
        t = self.masked
        point = t[a.end:a.end + 2] == ". "
        i = a.end + point
        if t[i:i + 1] != " " or a.kind != "ar" or a.end - a.start > 3 or "." in t[a.start:a.end] \
                or "," in t[a.start:a.end]:
            return
        m = (_SPACED_POINT if point else _LOST_POINT).match(t, i)
        if not m:
            return
        before = t[max(0, a.start - 2):a.start]
        if not point and _LETTER_BEFORE.search(before):  # DOCSIS 4 0, Gen 4 5: names, not amounts
            return
        after = m.end() + (t[m.end()] == " ")
        if not self.tables.magnitudes(t, after):
            unit = self.tables.units(t, after)
            if unit is None or currency_prefix and unit[1].kind != "currency":
                return
        digits = m.group(1)
        a.value = float(f"{t[a.start:a.end]}.{digits}")
        a.step = 10.0 ** -len(digits)
        a.end = after
        a.lost_decimal = True

    def suffix(self, a: _Amount, currency_prefix: bool) -> None:
        """Read magnitude, 多/余 and unit after the number."""
        t = self.masked
        n = len(t)
        number_end = a.end
        i = a.list_end or a.end
        tables = self.tables
        magnitudes = tables.magnitudes
        more = self.rules.more
        if currency_prefix:
            j = _skip_spaces(t, i)
            hit = tables.currency_abbrev(t, j)
            if not hit and j == i and _GLUED_CELL.match(t, j):
                # a flattened table glues the next cell to a money figure's letter: "2025$29.3B3x"
                hit = tables.currency_abbrev(t[j], 0)
            if hit and not (j + len(hit[0]) < n and t[j + len(hit[0])].isalpha()):
                if not magnitudes(t, j):
                    a.magnitude *= hit[1]
                    a.has_magnitude = True
                    a.magnitude_word += hit[0]
                    i = j + len(hit[0])
        if t[i:i + 1] in more and not a.magnitude_word and magnitudes(t, i + 1):
            a.more = True  # 30多亿, 8600余亿元: 多 before the magnitude adds a step of the number's last place
            i += 1
        for _ in range(2):  # 万 then 亿 is written 万亿; "1.5 million" then nothing
            c = t[i:i + 1]
            if c in _SPACE:
                j = _skip_spaces(t, i)
                c = t[j:j + 1]
            else:
                j = i
            if c == "-" and (word := magnitudes(t, j + 1)) and len(word[0]) > 1 and word[0].isascii():
                j += 1  # a magnitude in a compound adjective: a $350-billion revenue, a 1.5-trillion-yuan plan, €10-bn
                c = t[j:j + 1]
            hit = magnitudes(t, j) if c in tables.magnitude_firsts else None
            if not hit and c in _LOWER and (glued := _GLUED_WORD.match(t, j)) and \
                    (hit := magnitudes(glued.group(), 0)) and hit[0] == glued.group():
                # "$29.3 billionApprox.": a space lost in copying; the next word is the next sentence's
                a.magnitude, a.has_magnitude, a.magnitude_word = a.magnitude * hit[1], True, a.magnitude_word + hit[0]
                a.end = glued.end()
                return
            if not hit or (j > i + 1 and not hit[0].isascii()):
                break  # 3,800 億 (one space, as Hong Kong and Taiwan copy writes it), not 3   億
            if hit[0] in ("k", "K") and a.kind != "ar":
                break
            if a.kind == "zh" and hit[0] in self.places:
                break  # a Chinese numeral writes its own places: 七十|百分位
            # A unit word that begins with a magnitude (兆瓦, 千瓦时, 千米) is read as that unit below,
            # unless the magnitude and the unit after it read longer (1000万千瓦时: 万, then 千瓦时).
            if hit[0] in tables.unit_heads and (unit := tables.units(t, j)) and len(unit[0]) > len(hit[0]):
                after = tables.units(t, j + len(hit[0]))
                if len(unit[0]) >= len(hit[0]) + (len(after[0]) if after else 0):
                    break
            a.magnitude *= hit[1]
            a.has_magnitude = True
            a.magnitude_word += hit[0]
            i = j + len(hit[0])
        c = t[i:i + 1]
        if a.has_magnitude:
            # spaced copy (2 兆 7629.64 億元) goes on across a space; unspaced (2万亿 3万人) does not
            k = i + (c == " " and a.end < n and t[a.end] == " ")
            if k < n and (t[k].isdigit() or t[k] in self.zh_digits) and not a.magnitude_word.isascii():
                i = self.compound_places(a, i)
                c = t[i:i + 1]
        if c and c in more:
            a.more = True
            i += 1
            c = t[i:i + 1]
        # units: glued (12GW, 吉瓦), after spaces (13 GW), after a hyphen (3-inch), or bracketed.
        for j in ((i, _skip_spaces(t, i, 4)) if c in _SPACE else (i,)):
            c = t[j:j + 1]
            if c == "-" and j + 1 < n and t[j + 1].isalpha() and t[j + 1].isascii():
                j += 1
                c = t[j]
            close = _BRACKETS.get(c)
            if close:  # 20 (kg), 20 [kg]
                k = j + 1
                hit = tables.units(t, k)
                if hit and t[k + len(hit[0]):k + len(hit[0]) + 1] == close:
                    a.unit_word, a.unit = t[j:k + len(hit[0]) + 1], hit[1]
                    i = k + len(hit[0]) + 1
                    break
                continue
            hit = tables.units(t, j)
            # (most unit words need none of the checks below: one set look-up passes them)
            if hit and hit[0] not in tables.plain_units:
                hit = self.unit_checked(a, hit, j, currency_prefix)
            if c in tables.spaced_firsts and " " in t[j:j + 4]:
                spaced = _lookup_spaced(t, j, tables.units)  # 个 百 分点, in spaced-out transcripts
                if spaced and (not hit or len(spaced[0].replace(" ", "")) > len(hit[0])):
                    hit = spaced
            if not hit:
                continue
            word = hit[0]
            if word in tables.plain_units:
                a.unit_word, a.unit = hit
                i = j + len(word)
                if i < n and t[i] == "半" and not a.has_magnitude:  # 一吨半, 两米半: and a half
                    a.value, a.step = a.value + 0.5, min(a.step, 0.5)
                    i += 1
                break
            if not a.has_magnitude and word.lower() in self.lex.short_currency_names:
                continue  # "Two Korean won gold": a shortened currency name counts only after a magnitude
            if j == i and word in tables.currency_abbrev.table and (abbr := tables.currency_abbrev(t, j)) \
                    and abbr[0] == word \
                    and self.noun_right_after.match(t, j + len(word)):
                # "30m shares", "160m users": a unit letter that is also a magnitude's abbreviation
                # (units/lexicon.toml [currency_abbreviations]), glued, before a noun of things counted
                a.magnitude, a.has_magnitude, a.magnitude_word = a.magnitude * abbr[1], True, a.magnitude_word + word
                i = j + len(word)
                break
            a.unit_word, a.unit = hit
            if a.has_magnitude and word in self.lex.money_after_magnitude:
                a.unit = UnitEntry("currency", self.lex.money_after_magnitude[word], 1.0)
            i = j + len(word)
            if word in self.lex.hundredths and 10 < a.value < 100 and a.step >= 1:
                a.unit = UnitEntry(hit[1].kind, hit[1].unit, hit[1].factor / 10)
            if i < n and t[i] == "半" and not a.has_magnitude:  # 一吨半, 两米半: and a half
                a.value, a.step = a.value + 0.5, min(a.step, 0.5)
                i += 1
            elif word in self.lex.digit_after and a.step >= 1:
                i = self.digit_after(a, i)
            break
        a.end = i
        if not a.more and i < n and t[i] in more and a.unit is not None:
            a.more = True
            a.end = i + 1
        if a.list_end:
            a.end = number_end  # a list's member is its number; its unit is written after the last

    def unit_checked(self, a: _Amount, hit: tuple, j: int, currency_prefix: bool) -> tuple | None:
        """`hit`, the unit word read at j, or None where it is no unit here (see _Tables.plain_units)."""
        t = self.masked
        word = hit[0]
        if word in self.lex.unit_limits:
            limits = self.lex.unit_limits[word]
            if t[j + len(word):j + len(word) + 1] in limits["then"] or a.value in limits["values"]:
                return None  # 三季度, 一季: a quarter's name, not a number of quarters
            if limits["before_a_name"] and _NAME_NEXT.match(t, j + len(word)):
                return None  # "In 2024 Mt Whaleback": a mountain's (a mine's) name, not million tonnes
            if limits["after"]:
                before = t[max(0, a.start - limits["after_within"]) if limits["after_within"] else 0:a.start]
                before = before[max(before.rfind(p) for p in self.lex.spoken_money["clause_ends"]) + 1:]
                if not any(w in before for w in limits["after"]) or any(w in before for w in limits["not_after"]):
                    return None  # 3.646厘 is a rate only after 利率, 息率 …, and a yearly one
        if word in self.lex.quote_units and (currency_prefix or not self.inch_mark(j)):
            return None  # "10" in quotes; $48 " is …: no amount of money is in inches
        if hit[1].kind == "currency" and not word[-1].isalpha() \
                and t[(k := _skip_spaces(t, j + len(word))):k + 1].isdigit() and not _YEAR_AT.match(t, k):
            return None  # "$ 30,796 $ 26,251": a sign before a number opens it (not a year: "30 € 2025 prices")
        return hit

    def inch_mark(self, j: int) -> bool:
        """Whether the quote mark at j is a unit (10" long), not the end of a quotation ("about 10"):
        it closes none (the marks before it on its line, 300 characters back at most and not counting
        the inch marks after other numbers, are even in number) and no word follows it."""
        t = self.text
        mark = t[j]
        if _is_ascii_word(t[j + 1:j + 2] or " ") or _closes_quoted_number(t, j):
            return False
        k = t.rfind("\n", max(0, j - 300), j) + 1 or max(0, j - 300)
        quotes = 0
        while (k := t.find(mark, k, j)) >= 0:
            before = t[max(0, k - 2):k].rstrip(" ")
            # an inch mark after another number (a 6.1" screen) is no quote; a mark that opens a
            # word ("AI") or closes a quoted number ("5") is one
            quotes += not before[-1:].isdigit() or _is_ascii_word(t[k + 1:k + 2] or " ") or _closes_quoted_number(t, k)
            k += 1
        return quotes % 2 == 0

    def compound_places(self, a: _Amount, i: int) -> int:
        """Add the parts of a number written in several places after its first magnitude: 5万4千6百,
        2万5千, 3兆2915亿, 1亿1789万4500 (a last bare part as many digits long as the place it
        fills, its decimals after it: 1万3282.6). Each part is smaller than the place before it. Where
        reading resumes."""
        t = self.masked
        smallest = a.magnitude
        total, step = a.value * a.magnitude, a.step * a.magnitude
        spaced = a.end < len(t) and t[a.end] == " "  # 2 兆 7629.64 億元: its parts may be spaced too
        while i < len(t):
            k = i + 1 if t[i] == " " and spaced else i  # spaced copy: 2 兆 7629.64 億元
            nm = self.number_re.match(t, k)
            if nm is None or nm.lastgroup not in ("ar", "zh"):
                break
            part = self.number_at(nm)
            if part is None or part.kind == "range2":
                break
            j = nm.end()
            hit = self.tables.magnitudes(t, j + (t[j:j + 1] == " "))
            if hit and hit[0].isascii() or not hit and ("," in nm.group() or k > i and nm.lastgroup != "ar"):
                break  # a grouped part, or a spaced one in Chinese numerals, is one only before its own magnitude
            j += t[j:j + 1] == " " and hit is not None
            if hit and hit[0] in self.tables.unit_heads and (unit := self.tables.units(t, j)) \
                    and len(unit[0]) > len(hit[0]):
                break  # 2万5千瓦: 千瓦 is a unit
            if hit and part.value * hit[1] < smallest:
                mag, end = hit[1], j + len(hit[0])
            elif not hit and nm.lastgroup == "ar" and len(nm.group().partition(".")[0]) == round(math.log10(smallest)) \
                    and not t[j:j + 2].lstrip(" ").startswith("年"):  # (约 2 万 2024 年: a year after it)
                mag, end = 1.0, j  # 1亿1789万4500, 1万3282.6港元, 2 萬 8843 台: as many digits as the place
            elif not hit and nm.lastgroup == "zh" and 10 <= part.value < smallest:  # 5万四千六百
                mag, end = 1.0, j
            else:
                break
            total += part.value * mag
            step, smallest, i = part.step * mag, mag, end
            if mag < 10 or "." in nm.group():
                break
        a.value, a.step = total / a.magnitude, step / a.magnitude
        return i

    def digit_after(self, a: _Amount, i: int) -> int:
        """七成六, 七成 六: one digit after the unit (alone, not the start of another number) adds
        a tenth of the unit. Where reading resumes."""
        t = self.masked
        k = i + 1 if t[i:i + 1] == " " else i
        c = t[k:k + 1]
        d = self.zh_digits.get(c, int(c) if c.isdigit() and c.isascii() else None)
        if d is None or (nxt := t[k + 1:k + 2]) and (nxt.isdigit() or nxt in self.zh_digits or nxt in self.places
                                                     or nxt in self.sections or nxt in ".点"):
            return i
        a.value, a.step = a.value + d / 10, 0.1
        return k + 1

    def count_noun(self, a: _Amount) -> None:
        """English counts: '300,000 business customers', '104,000 Nvidia GB300 chips'; or any plural
        noun right after the number or one word after it ('402 sales centers'), unless it is a unit,
        a period or a word of money (units/lexicon.toml [count_nouns] not_nouns), or the number a year."""
        m = self.count_noun_re.match(self.text, a.end)
        year = YEARS[0] <= a.value <= YEARS[1] and a.value == int(a.value)
        if m and m.group(1) not in self.lex.count_nouns and (year or not (
                a.has_magnitude or "," in self.text[a.start:a.end])):
            # a noun capitalised as a name's or a title's word counts only a number written as a
            # count is ("17,300,000 American Depositary Shares"): not "In 2025 Delta Air Lines",
            # "Fortune 500 Companies", "Model 3 Deliveries"
            m = None
        if m is None and not year:
            m = _OPEN_NOUN.match(self.text, a.end)
            if m and m.group(1).lower() in self.lex.not_count_nouns:
                m = None
            elif m and m.group(1)[:-1].isupper() and (u := self.tables.units(m.group(1)[:-1], 0)) \
                    and len(u[0]) == len(m.group(1)) - 1:
                m = None  # a unit's plural (40 GWs, 5 USDs) is no thing counted
        if m and not _LINE_END.search(m.group()):
            a.unit = UnitEntry("count", "count", 1.0)
            a.unit_word = m.group(1)
            a.classifier_end = m.end(1)

    def glued_letters(self, a: _Amount) -> bool:
        """True when the number runs on into a word that is not a unit: 5G, 2Gig, 4K."""
        t = self.masked
        return a.end < len(t) and a.unit is None and _is_ascii_word(t[a.end]) and t[a.end].isalpha()

    # -- around the number ----------------------------------------------------------------

    def currency_before(self, start: int) -> tuple[int, str] | None:
        t = self.masked
        j = start
        while j > 0 and t[j - 1] == " " and start - j < 2:
            j -= 1
        if j == 0 or t[j - 1] not in self.tables.currency_last:
            return None
        for length in self.tables.currency_lengths[t[j - 1]]:  # (of 6 to 1, those a prefix so ending has)
            piece = t[j - length:j]
            if j - length >= self.floor and piece in self.lex.currency_prefix:
                if _is_ascii_word(piece[0]) and j - length > 0 and _is_ascii_word(t[j - length - 1]):
                    continue
                return j - length, self.lex.currency_prefix[piece]
        return None

    def qualified_sections(self, a: _Amount) -> bool:
        """A Chinese numeral holding 万 or 亿 after a qualifier (近千亿, 突破百亿, 超百亿): it carries its
        magnitude as 5万 does, and is a figure with no unit after it. Not bare (千万不要, 万一, 百万富翁),
        nor one that opens with 万 or 亿, which opens names as often (超万科, 近亿万富翁)."""
        written = self.text[a.start:a.end]
        return a.kind == "zh" and written[:1] not in self.sections and any(c in self.sections for c in written) \
            and not self.text.startswith("分", a.end) and self.qualifier_before(a.start) is not None  # (约万分之三)

    def qualifier_before(self, start: int) -> tuple[int, str] | None:
        t = self.text
        j = start
        while j > 0 and t[j - 1] == " ":
            j -= 1
        if j == 0 or t[j - 1] not in self.rules.before_last:
            return None
        rules = self.rules
        k = max(self.floor, j - rules.before_longest)
        window = t[k:j]
        if window.isascii() or _FOLDS_TO_ASCII.isdisjoint(window):
            # (a set look-up per length of the qualifiers ending with its last character, the longest
            # first: what before_rx finds, as str.lower and the regex engine's case folding agree
            # but on the characters of _FOLDS_TO_ASCII, and keep the length but for U+0130)
            folded = rules.before_folded
            window = window.lower()
            for n in rules.before_lengths.get(window[-1:], ()):
                if n > j - k:
                    continue
                if (low := window[-n:]) in folded:
                    piece = t[j - n:j]
                    if piece[0].isascii() and j - n > 0 and _is_ascii_word(t[j - n - 1]):
                        continue
                    if not piece.isascii() and j < start - 1:
                        continue  # 超 10 亿美元: one space at most
                    return j - n, low
            return None
        while (m := rules.before_rx.search(t, k, j)) is not None:  # the longest first
            piece = m.group()
            if piece[0].isascii() and m.start() > 0 and _is_ascii_word(t[m.start() - 1]):
                k = m.start() + 1
            elif not piece.isascii() and j < start - 1:
                k = m.start() + 1  # 超 10 亿美元: one space at most
            else:
                return m.start(), piece.lower()
        return None

    def qualifier_after(self, end: int) -> tuple[int, str] | None:
        t = self.text
        j = _skip_spaces(t, end, 1)
        if j >= len(t) or t[j] not in self.rules.after_first:
            return None
        # (of 8 to 1, the lengths of the qualifiers beginning as the piece does once in lower case)
        for length in self.rules.after_lengths.get(t[j].lower()[:1], ()):
            piece = t[j:j + length].lower()
            if len(piece) == length and piece in self.rules.after:
                if piece.isascii() and (j == end or (j + length < len(t) and _is_ascii_word(t[j + length]))):
                    continue
                if not piece.isascii() and j > end + 1:
                    continue
                return j + length, piece
        return None

    # -- one figure ------------------------------------------------------------------------

    def read(self, m: re.Match) -> tuple[Figure | None, int]:
        """The figure starting at match m (or None) and where scanning resumes."""
        t = self.text
        first = self.number_at(m)
        if first is None:
            return None, m.end()
        if first.kind == "ar" and _AFTER_DIGITS_DASH.search(t, max(0, first.start - 2), first.start):
            return None, m.end()  # 777-9, 3-2: the number after a dash glued to digits that made no range
        if first.kind in ("ar", "en") and self.masked[first.end:first.end + 1] in _SPOKEN_POINT_FIRST:
            self.spoken_point(first)
        start = first.start
        masked = self.masked
        next_char = masked[first.end:first.end + 1]
        listed = _SLASH_LIST.match(masked, first.end) if next_char == "/" else None
        if listed:
            first.list_end = self.list_end = listed.end()
        # 百分之二十, 千分之一: the unit is written before the number.
        back = start - 10 if start > 10 else 0
        per = _PER.search(t, back, start) if t.find("之", back, start) >= 0 else None
        prefix = self.currency_before(start)
        own_start = start
        if prefix:
            start = prefix[0]
        else:
            after = first.list_end or first.end
            c = masked[after:after + 1]
            # (the test of what follows first: most numbers are followed by what may make a figure)
            if c not in self.tables.suffix_first and not c.isspace() and masked[after:after + 2] != ". " \
                    and per is None and first.kind in ("ar", "zh") and not (YEARS[0] <= first.value <= YEARS[1]) \
                    and not self.qualified_sections(first) \
                    and t[start - 4:start] != " of " and not (self.tables_in and self.table_at(start)):
                return None, m.end()  # 9月, 07:31: nothing after the number makes it a figure
        if next_char in _SPACE_OR_POINT:  # (what lost_decimal reads after the digits)
            self.lost_decimal(first, prefix is not None)
        numeral_end = first.end
        self.suffix(first, prefix is not None)
        # a list's currency sign before its first member is every member's ($1.2/1.5/1.8bn)
        if prefix and first.list_end:
            self.list_currency = (first.list_end, prefix[1])
        elif prefix is None and first.start < self.list_currency[0] and (first.unit is None or first.unit.kind == "count"):
            first.unit, first.unit_word = UnitEntry("currency", self.list_currency[1], 1.0), ""
        if per and (first.unit is None or first.unit.kind == "count"):
            if first.unit is not None:  # 百分之四股份: a share of the shares; the measure word counts nothing
                first.end = numeral_end
            first.unit = UnitEntry("percent", "percent", 100 / numbers.chinese(per.group(1).replace(" ", ""))[0])
            first.unit_word = per.group()
            start = per.start()
        elif first.unit is None and not first.has_magnitude and t[start - 4:start] == " of " and \
                (before := self.tables.unit_before.search(t, max(self.floor, start - 16), start)):
            first.unit, first.unit_word = self.lex.unit_before[before.group(1).lower()], before.group()
            start = before.start()
        if prefix and t[prefix[0]].isalpha() and (
                first.unit is not None and first.unit.kind != "currency"
                or first.unit is None and not first.has_magnitude and (_YEAR_AT.fullmatch(t, m.start(), numeral_end)
                                                                        or self.noun_right_after.match(t, first.end))):
            # a currency's name is the figure's unit only when the figure has none of its own: "the euro
            # 1.5% higher", "adopted the euro 2 years ago", "the euro's 20 countries", "euro 2024" are not euros
            prefix, start = None, own_start
        if prefix and (first.unit is None or first.unit.kind != "currency" or
                       (first.unit_word in self.lex.bare_yuan and prefix[1] in self.lex.yuan_home)):
            # 新台币4523亿, and 新台币15.5兆元: a bare 元 is the currency named before the number
            first.unit = UnitEntry("currency", prefix[1], 1.0)
            first.unit_word = t[prefix[0]:m.start()].strip()
        if prefix is None and first.unit is not None and first.unit_word in self.lex.bare_yuan and \
                (name := self.tables.yuan_names.search(t, max(self.floor, start - 6), start)):
            # 新台币100元: the currency named before the number
            first.unit = self.lex.units[name.group(1)]
            first.unit_word, start = name.group(1), name.start()
        if prefix is None and first.unit_word in self.lex.spoken_currency and first.unit.kind == "count" \
                and self.spoken_money(first):
            first.unit = UnitEntry("currency", self.lex.spoken_currency[first.unit_word], 1.0)
        if first.unit is None:  # (glued_letters, inline)
            c = masked[first.end:first.end + 1]
            if c.isascii() and c.isalpha():
                return None, first.end
        # 负13.5千米, minus five percent, -22.2%: a sign written before the amount (not a range's
        # dash: 5-7亿). It belongs to the first bound only.
        before = t[start - 1:start]
        if first.start in self.negative_at:
            first.value, start = -first.value, min(start, first.start - 1)  # (17.8)%: from its bracket
        elif before == "-" and start > 0 and (start < 2 or not _is_ascii_word(t[start - 2])
                                              or self.rules.sign_glued_after.search(t, max(0, start - 5), start - 1)):
            first.value, start = -first.value, start - 1
        elif before in self.rules.negative_last and \
                (sign := self.rules.negative.search(t, max(self.floor, start - 9), start)) and \
                not (sign.group()[0].isascii() and sign.start() > 0 and _is_ascii_word(t[sign.start() - 1])):
            first.value, start = -first.value, sign.start()
        # (range_end's first test, inline: most figures are no range's first bound)
        c = masked[first.end:first.end + 1]
        second = self.range_end(first) if c == " " or (c in _RANGE_FIRST or c.isspace()) and not _LINE_END.match(c) \
            else None
        amounts = [first] if second is None else [first, second]
        if first.between is not None:
            start = min(start, first.between)
        last = amounts[-1]
        # A magnitude or unit written once applies to both bounds (910亿至930亿美元, 13至44吉瓦).
        if second is not None:
            if not first.has_magnitude and second.has_magnitude:
                first.magnitude, first.has_magnitude = second.magnitude, True
                first.magnitude_word = second.magnitude_word
            if first.unit is None:
                first.unit, first.unit_word = second.unit, second.unit_word
            if second.unit is None:
                second.unit, second.unit_word = first.unit, first.unit_word
        if last.unit is None and not last.has_magnitude and first.kind in ("ar", "en", "ve"):
            self.count_noun(last)
            if second is not None and last.unit is not None:
                first.unit, first.unit_word = last.unit, last.unit_word
        if second is None and first.unit is not None and first.unit.kind == "currency" and not first.has_magnitude:
            self.compound_amount(first)
        date = self.calendar_year(first, second) if YEARS[0] <= first.value <= YEARS[1] \
            or self.roc.lowest <= first.value <= self.roc.highest else None
        if date is not None:
            return date, date.end
        if self.tables_in and (first.unit is None or first.unit.kind == "currency") and not first.has_magnitude:
            self.table_unit(first, second)
        unit = first.unit
        if unit is None:
            if not (first.has_magnitude or self.qualified_sections(first)) or first.kind == "fr":
                # Not a figure: scanning resumes after the digits (what follows them may be one),
                # or after the whole of a word numeral.
                return None, m.end() if first.kind == "ar" else max(m.end(), first.end)
            unit = UnitEntry("count", "count", 1.0)
        if unit.kind == "count" and first.kind == "zh" and first.value < 2 and not first.has_magnitude \
                and second is None and not _number_words().zh_point.search(t, first.start, first.end):
            return None, first.end  # 一个, 一座, 一家半导体: an article, not a figure (一点六亿股, 一点五个 are)
        end = last.classifier_end or last.end
        if first.start in self.negative_at and t[end:end + 1] == ")":
            end += 1  # $(0.46): to its closing bracket
        qualifier = None
        lo_mult, hi_mult = 1.0, 1.0
        amount_start = start
        c = t[start - 1:start]  # (qualifier_before's and qualifier_after's first tests, inline)
        qb = self.qualifier_before(start) if c == " " or c in self.rules.before_last else None
        if qb and second is None and unit.kind not in self.rules.not_for.get(qb[1], ()):
            start, qualifier = qb[0], qb[1]
            lo_mult, hi_mult = self.rules.before[qualifier]
        c = t[end:end + 1]
        qa = self.qualifier_after(end) if c in _SPACE or c in self.rules.after_first else None
        if qa and second is None and qualifier is None:
            end, qualifier = qa[0], qa[1]
            lo_mult, hi_mult = self.rules.after[qualifier]
        unit_name, kind = unit.unit, unit.kind
        if kind not in ("date", "duration"):
            rate = self.rate(start, end)
            if rate is not None:  # 10万元/月, 每年120万美元, $3 million a year
                start, end, period = rate
                unit_name, kind = f"{unit_name}/{period}", "rate"
        if lo_mult == 1 < hi_mult or lo_mult < 1 == hi_mult:
            for a in amounts:  # a bound is a threshold, not a rounding: "more than 300,000" is all digits
                if a.kind == "ar" and a.step > 1:
                    a.step = 1.0
        # Each bound's own interval, before any qualifier: what two statements of one fact compare.
        value, low, high = self.interval(first, unit.factor)
        if second is None:
            bounds = ((low, high),)
        else:
            value2, low2, high2 = self.interval(second, unit.factor)
            bounds = ((low, high), (low2, high2))
            low, high, value = min(low, low2), max(high, high2), (value + value2) / 2
        if qualifier:
            wide_low, wide_high = low * lo_mult, (INF if hi_mult == INF else high * hi_mult)
            if second is None and lo_mult < 1 < hi_mult != INF and first.value and \
                    math.floor(math.log10(abs(first.value) / self._place(first)) + 1e-9) + 1 >= self.rules.approx_precise_digits:
                # "about" widens a figure by its share of the value, a precise one by approx_steps
                # of its last significant place at most (beyond its rounding): 约310.6亿 is not
                # anything from 295亿 to 326亿.
                room = self.rules.approx_steps * self._place(first) * first.magnitude * unit.factor
                wide_low, wide_high = max(wide_low, low - room), min(wide_high, high + room)
            low, high = wide_low, wide_high
        flags = []
        if second is not None or first.kind == "range2":
            flags.append("range")
        if first.kind in ("vz", "ve"):
            flags.append("vague")
            qualifier = qualifier or first.word
        if first.more and qualifier is None:
            qualifier = next(c for c in t[first.start:first.end][::-1] if c in self.rules.more)
        if first.lost_decimal or (second is not None and second.lost_decimal):
            flags.append("lost_decimal")
        if first.list_end or first.start < self.list_end:
            flags.append("list")  # a member of a slash list: one of parallel values (2025/26/27年分别为…)
        classifier = last.unit_word if unit.kind == "count" else (first.unit_word or None)
        fig = Figure(start, end, t[start:end], value, low, high, unit_name, kind, qualifier,
                     classifier, tuple(flags), amount_start, first.value, first.magnitude_word or None, bounds)
        return fig, end

    def interval(self, a: _Amount, unit_factor: float) -> tuple[float, float, float]:
        """(value, low, high) of one bound, from its precision (and vague word, 多) alone."""
        half = self.rules.half_step
        factor = a.magnitude * unit_factor
        v = a.value * factor
        lo = (a.value * a.low_mult - half * a.step) * factor
        hi = (a.value * a.high_mult + half * a.step) * factor
        if a.kind in ("vz", "ve", "range2"):
            lo, hi = a.value * a.low_mult * factor, a.value * a.high_mult * factor
            v = (lo + hi) / 2 if a.kind == "range2" else lo
        if a.more:
            lo, hi = v, v + self._place(a) * factor
        return v, lo, hi

    def find_tables(self) -> None:
        """The tables whose header states their unit (units/lexicon.toml [table_unit]): where each
        runs, from its header to the first blank line, and its (magnitude, word, currency)."""
        t = self.text
        self.tables_in: list[tuple[int, int, float, str, UnitEntry | None]] = []
        self.row_kinds: dict[int, str | None] = {}  # a table row's line start -> _row_kind of its label
        for rx in self.tables.table_headers:
            for m in rx.finditer(t):
                scale = self.unit_phrase(m.group("unit"))
                if scale is not None:
                    blank = _BLANK_LINE.search(t, m.end())
                    end = blank.start() if blank else len(t)
                    head_end = line_end(t, m.end())
                    if "|" in t[t.rfind("\n", 0, m.start()) + 1:head_end] or t.startswith("|", head_end + 1):
                        # a table in cells (on the header's line or the next) ends at the first line
                        # without one (its notes below it)
                        plain = _LINE_WITHOUT_CELLS.search(t, head_end, end)
                        end = plain.start() if plain else end
                    self.tables_in.append((m.end(), end, *scale))
                    s, e = m.span("unit")  # the header's unit is not a figure (百万元 of 人民币百万元)
                    self.masked = self.masked[:s] + "\x1f" * (e - s) + self.masked[e:]
        self.tables_in.sort(key=lambda table: table[0])
        self.table_starts = [s for s, *_ in self.tables_in]

    def table_at(self, i: int):
        """The table (see find_tables) that position i is in, or None."""
        k = bisect.bisect_right(self.table_starts, i) - 1
        return self.tables_in[k] if k >= 0 and i < self.tables_in[k][1] else None

    def unit_phrase(self, phrase: str) -> tuple[float, str, UnitEntry | None] | None:
        """(magnitude, its word, currency or None) of a header's unit: 人民币百万元, millions of US dollars."""
        tables = self.tables
        scale, word, currency = None, "", None
        i = 0
        while i < len(phrase):
            mag = tables.magnitudes(phrase, i)
            unit = tables.units(phrase, i) or tables.currency_prefix(phrase, i)
            if unit and not isinstance(unit[1], UnitEntry):
                unit = (unit[0], UnitEntry("currency", unit[1], 1.0))
            if unit and unit[1].kind == "currency" and (not mag or len(unit[0]) > len(mag[0])):
                currency = currency if currency and unit[0] in self.lex.bare_yuan else unit[1]
                i += len(unit[0])
            elif mag and scale is None:
                scale, word = mag[1], mag[0]
                i += len(mag[0])
            else:
                i += 1
        return None if scale is None else (scale, word, currency)

    def table_unit(self, first: _Amount, second: _Amount | None) -> None:
        """An amount in a table whose header states the unit takes it (see find_tables), as its
        row's label allows: none in the label itself (a note's number: "Net profit (2) | 2,246"),
        nor in a row of a measure that is no money (employees, a margin in %); a per-share row (EPS,
        每股收益(人民币元)) takes the currency but not the magnitude."""
        table = self.table_at(first.start)
        if table is None or (first.unit is None and table[4] is None):
            return
        line = _row_label(self.text, first.start)
        if first.start < line[2]:
            return  # in the label's own cell
        if line[0] not in self.row_kinds:
            self.row_kinds[line[0]] = _row_kind(line[1])
        row = self.row_kinds[line[0]]
        if row == "not_money":
            return
        for a in (first, second) if second is not None else (first,):
            if a.unit is None:
                a.unit, a.unit_word = table[4], table[4].unit
            if not a.has_magnitude and row != "per_unit":
                a.magnitude, a.has_magnitude, a.magnitude_word = table[2], True, table[3]

    def rate(self, start: int, end: int) -> tuple[int, int, str] | None:
        """(start, end, period) of the figure [start, end) read as a rate: a period word right after
        it (per month, a year, /月) or right before it (每月), per units/lexicon.toml [rates]."""
        t = self.text
        j = end + 1 if t[end:end + 1] == " " else end
        hit = self.tables.rates_after(t, j) if t[j:j + 1] in self.tables.rate_firsts else None
        if hit and (j > end) == hit[0][0].isalpha() and hit[0].isascii() or hit and j == end and not hit[0].isascii():
            k = j + len(hit[0])
            if t[k:k + 1] != "-" and not self.tables.rates_not_then.match(t, k):
                return start, k, hit[1]
        at = start - 1 if t[start - 1:start] == " " else start  # 年产能 1.2 亿吨
        before = self.tables.rates_before.search(t, max(self.floor, at - 4), at) \
            if t[at - 1:at] in self.tables.rate_lasts else None
        if before:
            # not after a year's digits or a year's word: 2024年产量1.2亿吨, 2024 年产量, 去年产量 are
            # that year's output (units/lexicon.toml [rates.not_after])
            lead = t[max(0, before.start() - 2):before.start()].rstrip(" ")[-1:]
            if not (lead.isdigit() or lead and lead in self.lex.rates_not_after):
                return before.start(), end, self.lex.rates_before[before.group()]
        return None

    def compound_amount(self, a: _Amount) -> None:
        """Add the sub-units written after the amount: 五元三毛 = 5.3元, 3元5角2分, 3 dollars 50 cents,
        thirteen dollars and forty-five = 13.45; and after a spoken currency word or a sub-unit, one
        bare digit for the next sub-unit down (两块五 = 2.5元, 一块五毛五 = 1.55元)."""
        factor = a.unit.factor  # the unit of the last part read
        while (part := self.sub_unit_after(a, a.end, factor)) is not None:
            value, end, factor, last = part
            a.value += value / a.unit.factor
            a.step = min(a.step, factor / a.unit.factor)
            a.end = end
            if last:
                break

    def sub_unit_after(self, a: _Amount, i: int, factor: float) -> tuple[float, int, float, bool] | None:
        """(value in the currency, end, the sub-unit's factor, whether nothing more can follow) of a
        sub-unit of a's currency written at i, after a part in units of `factor`; or None."""
        t = self.masked
        m = _COMPOUND_GLUE.match(t, i)
        nm = self.number_re.match(t, m.end()) if m else None
        if not nm or nm.lastgroup not in ("ar", "zh", "en"):
            return None
        sub = self.number_at(nm)
        if sub is None or sub.kind == "range2":
            return None
        j = _skip_spaces(t, sub.end)
        hit = self.tables.compound(t, j)
        if hit and hit[1].unit == a.unit.unit and hit[1].factor < factor:
            return sub.value * hit[1].factor, j + len(hit[0]), hit[1].factor, False
        if hit or self.tables.units(t, j) or self.tables.magnitudes(t, j):
            return None
        one_digit = sub.value == int(sub.value) and 0 < sub.value < 10 and sub.step >= 1 and sub.end - nm.start() <= 5 \
            and not (sub.end < len(t) and (t[sub.end].isdigit() or t[sub.end] in self.zh_digits
                                                                or t[sub.end].isascii() and t[sub.end].isalpha()))
        if one_digit and (factor < a.unit.factor or a.unit_word in self.lex.spoken_currency) \
                and any(u.unit == a.unit.unit and math.isclose(u.factor, factor / 10) for u in self.lex.compound.values()):
            return sub.value * factor / 10, sub.end, factor / 10, True  # 两块五, 五毛五
        if factor == a.unit.factor and a.unit_word and a.unit_word.isascii() and a.unit_word.isalpha() \
                and 0 < sub.value < 100 and sub.step >= 1:
            return sub.value / 100 * a.unit.factor, sub.end, 0.01 * a.unit.factor, True  # "one dollar and one"
        return None

    def spoken_money(self, a: _Amount) -> bool:
        """Whether a measure word that is also a currency's spoken name (块: units/lexicon.toml
        [spoken_currency]) names money here: a sub-unit or a digit follows it (一块五毛, 两块五), or
        nothing is counted after it and a money word stands before it in its clause (花了十二块)."""
        t = self.masked
        code = self.lex.spoken_currency[a.unit_word]
        saved = a.unit
        a.unit = UnitEntry("currency", code, 1.0)
        try:
            if not a.has_magnitude and self.sub_unit_after(a, a.end, 1.0) is not None:
                return True
        finally:
            a.unit = saved
        spec = self.lex.spoken_money
        c = t[a.end:a.end + 1]
        if _CJK_WORD.match(c + c) and not t.startswith(tuple(spec["then"]), a.end):
            return False  # 三块地: a noun is counted
        head = t[max(self.floor, a.start - 16):a.start]
        head = head[max(head.rfind(p) for p in spec["clause_ends"]) + 1:]
        return any(w in head for w in spec["words"])

    @staticmethod
    def _place(a: _Amount) -> float:
        """One step of a number's last significant place (what 多 adds to, what "about" may move a
        precise figure by): 30 -> 10, 5.1 -> 0.1, 10 -> 10, 310.6 -> 0.1."""
        if a.step < 1:
            return a.step
        v = int(a.value)
        place = 1
        while v and v % 10 == 0:
            v //= 10
            place *= 10
        return float(place)

    def range_end(self, first: _Amount) -> _Amount | None:
        """The upper bound of a range starting with `first`, if one follows."""
        t = self.masked
        c = t[first.end:first.end + 1]
        if c != " " and (c not in _RANGE_FIRST and not c.isspace() or _LINE_END.match(c)):
            return None
        m = _RANGE_SEP.match(t, first.end)
        if not m:
            return None
        sep = m.group(1)
        between = None
        if sep in ("to", "and"):
            before = t[max(0, first.start - 14):first.start].lower()
            if sep == "and":  # between 13 and 44, on the same line
                k = before.rfind("between")
                if k < 0 or _LINE_END.search(before, k):
                    return None
                between = k - len(before) + first.start
            if sep == "to" and (fr := _FROM.search(t, max(0, first.start - 14), first.start)) and \
                    not self.rules.ranging.search(t, max(0, fr.start() - 12), fr.start()):
                return None  # "rose from 13 to 44": a change; "ranging from 13 to 44": a range
            if not m.group()[0].isspace():  # "13to" is no range
                return None
        j = m.end()
        prefix = self.currency_before_at(j)
        if prefix is not None and self.currency_before(first.start) is None:
            return None  # "rose 300 million to USD 2.1 billion": a change to an amount, not a range
        k = prefix if prefix is not None else j
        # a minus before the second bound of a range of negatives (-16亿元至-6亿元), not a dash between
        # the two; after a positive first bound it is a change (下降5%至-3%: two figures)
        minus = first.value < 0 and sep not in ("-", "–", "—") and t[k:k + 1] == "-" and t[k + 1:k + 2].isdigit()
        nm = self.number_re.match(t, k + minus)
        if not nm or nm.lastgroup in ("vz", "ve"):
            return None
        second = self.number_at(nm)
        if second is not None and second.kind in ("ar", "en") and t[second.end:second.end + 1] in _SPOKEN_POINT_FIRST:
            self.spoken_point(second)  # between 1 point 2 and 1 point 5 billion
        if second is not None and minus:
            second.value = -second.value
        if second is None or second.kind == "range2" or _SLASH_LIST.match(t, second.end):
            return None  # (4家至443/69/41家: two lists, not a range from 4 to 443)
        self.lost_decimal(second, prefix is not None)
        self.suffix(second, prefix is not None or first.unit is not None and first.unit.kind == "currency")
        if prefix is not None and (second.unit is None or second.unit.kind != "currency"):
            code = self.lex.currency_prefix[self.masked[j:prefix].strip()]
            second.unit, second.unit_word = UnitEntry("currency", code, 1.0), self.masked[j:prefix].strip()
        if self.glued_letters(second):
            return None
        if first.unit and second.unit and first.unit.kind != second.unit.kind:
            return None
        if not self.one_range(first, second):
            return None
        if sep in ("-", "–", "—") and first.unit is None and second.unit is None and not second.has_magnitude \
                and not ("," in t[first.start:first.end] and "," in t[second.start:second.end]):
            return None  # (5-7: a code, a score or a date; 87,000-91,000 units: amounts)
        if sep in ("-", "–", "—") and first.kind == "ar" and second.kind == "ar" and first.value > second.value * (
                second.magnitude / first.magnitude if first.has_magnitude else second.magnitude):
            return None  # 10-5 is no range (a descending 至 range is kept: the checker flags it)
        first.between = between
        return second

    def one_range(self, first: _Amount, second: _Amount) -> bool:
        """False when a unit written on one bound only cannot be the other's (units/lexicon.toml
        [range_limits]): a share never takes a magnitude (cut by 16% to 4.6 million), and a bound
        followed by a count noun counts things (up 8% to 900 stores)."""
        if (first.unit is None) == (second.unit is None):
            return True
        bare, written = (second, first) if second.unit is None else (first, second)
        if written.unit.kind in self.lex.unscaled_kinds and bare.has_magnitude and not written.has_magnitude:
            return False
        if bare is second and written.unit.kind != "count" and not second.has_magnitude \
                and self.count_noun_re.match(self.text, second.end):
            return False
        return True

    def currency_before_at(self, j: int) -> int | None:
        """Offset just after a currency symbol written at j ($91 billion to $93 billion), or a code
        right before the digits (USD 600 million to USD 700 million, RMB43.5 billion and RMB44 billion)."""
        hit = self.tables.currency_prefix(self.masked, j)
        if not hit:  # (the table's words end where no digit follows: a code glued to one, RMB44)
            glued = _CODE_GLUED.match(self.masked, j)
            return glued.end() if glued and glued.group() in self.lex.currency_prefix else None
        after = _skip_spaces(self.masked, j + len(hit[0]), 1)
        if not _is_ascii_word(hit[0][-1]) or self.masked[after:after + 1].isdigit():
            return after
        return None

    def calendar_year(self, first: _Amount, second: _Amount | None) -> Figure | None:
        """2025年, 2025上半年, 2028年前, and bare years in English copy, as unit 'date'."""
        t = self.text
        if first.kind == "ar" and first.step == 1 and not first.has_magnitude and second is None \
                and first.value < YEARS[0]:
            m = self.roc.pattern.match(t, first.start)
            year = self.roc.year(m) if m else None
            if year is not None:  # 115年度: a year of the Republic of China
                end = _YEAR_END.match(t, m.end()).end()
                return Figure(first.start, end, t[first.start:end], float(year), float(year), float(year), "date", "date")
        if first.kind != "ar" or first.step != 1 or first.has_magnitude or not (YEARS[0] <= first.value <= YEARS[1]):
            return None
        if not _YEAR_DIGITS.fullmatch(t, first.start, first.start + 4) or t[first.start + 4:first.start + 5].isdigit():
            return None
        word = first.unit_word
        after = t[first.start + 4:first.start + 8]
        # years that run on: 2025-27年 (to 2027), 2025/26/27年 (a list of years: 2025 to 2027)
        short = _SHORT_YEAR_RANGE.match(t, first.start + 4) if second is None else None
        listed = t[first.start + 5:first.list_end].split("/") if first.list_end else []
        century = first.value - first.value % 100
        if short and int(short.group(1)) > first.value % 100:
            end, high = short.end(), century + int(short.group(1))
        elif listed and all(len(y) in (2, 4) and y.isdigit() for y in listed) and \
                [int(y) % 100 for y in listed] == [int(first.value + k) % 100 for k in range(1, len(listed) + 1)]:
            end, high = first.list_end + (t[first.list_end:first.list_end + 1] == "年"), first.value + len(listed)
        else:
            end = high = None
        if end is not None:
            return Figure(first.start, end, t[first.start:end], (first.value + high) / 2, first.value, high,
                          "date", "date", None, None, ("range",))
        if word == "年" or (second is not None and second.unit_word == "年"):
            pass
        elif first.unit is None and _YEAR_PART.match(after):
            pass
        elif first.unit is None and second is None and not _HAN_AFTER.match(after) \
                and not _HAN_BEFORE.search(t, max(0, first.start - 2), first.start):
            pass  # English copy: a bare year (in 2025, its 2025 capex, by 2028)
        else:
            return None
        end = first.start + 4
        m = _YEAR_END.match(t, end)
        end = m.end() if m else end
        last = second if second is not None and second.unit_word == "年" else None
        low, high = first.value, first.value
        flags: tuple[str, ...] = ()
        if last is not None:
            end, high, flags = last.end, last.value, ("range",)
        start = first.start
        fy = _FISCAL.search(t, max(0, start - 8), start)
        if fy:
            start = fy.start()
        return Figure(start, end, t[start:end], (low + high) / 2, low, high, "date", "date", None, None, flags)


def _word_figures(text: str, lex: Lexicon) -> list[Figure]:
    """Figures written without digits: 翻倍 (×2), doubled, 数以亿计 (10^8 to 10^9)."""
    if not lex.word_figures:
        return []
    pattern = _tables().word_figures.rx
    zh_numeral = _number_words().zh_numeral
    out = []
    for m in pattern.finditer(text):
        w = lex.word_figures[m.group()]
        if any(text.startswith(x, m.end()) for x in w.get("not_then", ())):
            continue
        if m.group().isascii() and (_is_ascii_word(text[m.start() - 1:m.start()]) or _is_ascii_word(text[m.end():m.end() + 1])):
            continue  # a part of a longer word: redoubled, behalf
        if m.group()[0] in zh_numeral and text[m.start() - 1:m.start()] in zh_numeral:
            continue  # the end of a longer numeral: 二十|五分之一 is a twenty-fifth, not a fifth
        low, high = w.get("low", w.get("value")), w.get("high", w.get("value"))
        value = w.get("value", low)
        flags = ("vague",) if "value" not in w else ()
        out.append(Figure(m.start(), m.end(), m.group(), value, low, high, w["unit"], w["kind"], None, None, flags))
    return out


@functools.lru_cache(maxsize=4)
def _rank_patterns(chinese: tuple[str, ...], english: tuple[str, ...], ordinals: tuple[str, ...]):
    """第二大, 第2大; "second-largest", "2nd biggest" (units/lexicon.toml [ranks]): the Chinese form,
    the English ranking word, and the ordinal that must end the text before it."""
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    return (re.compile(rf"第\s?([0-9]{{1,2}}|[一二两三四五六七八九十]{{1,3}})\s?(?:{alt(chinese)})"),
            re.compile(rf"[- ](?:{alt(english)})\b", re.I),
            re.compile(rf"\b({alt(ordinals)}|[0-9]{{1,2}}(?:st|nd|rd|th))$", re.I))


def _rank_figures(text: str, lex: Lexicon) -> list[Figure]:
    """A place in a ranking (units/lexicon.toml [ranks]): 全球第五大 is 5, "the third-largest" 3.
    Exact: a place is written as it is, never rounded."""
    ranks = lex.ranks
    ordinals = ranks["english_ordinals"]
    not_then = tuple(ranks["not_then"])
    zh, en, ordinal = _rank_patterns(tuple(ranks["chinese"]), tuple(ranks["english"]), tuple(ordinals))
    found = []  # (start, end, place, Chinese)
    if "第" in text:
        for m in zh.finditer(text):
            if not text.startswith(not_then, m.end()):  # 第三高炉 (a blast furnace), 第一大道 (an avenue)
                n = m.group(1)
                found.append((m.start(), m.end(), float(n) if n.isdigit() else numbers.chinese(n)[0], True))
    for m in en.finditer(text):  # the ranking word first, then the ordinal before it
        o = ordinal.search(text, max(0, m.start() - 12), m.start())
        if o:
            word = o.group(1).lower()
            found.append((o.start(), m.end(), float(ordinals[word]) if word in ordinals else float(word[:-2]), False))
    return [Figure(a, b, text[a:b], place, place, place, "rank", "rank", classifier=_ranked(text, b, chinese, ranks),
                   number=place) for a, b, place, chinese in sorted(found) if place >= 1]


_NEXT_WORD = re.compile(r"[ \t]+([A-Za-z][A-Za-z-]*)")


def _ranked(text: str, end: int, chinese: bool, ranks: dict) -> str | None:
    """What a place ranks, as the word after it says: 券商 of 第二大券商, "carmaker" of "the
    second-largest carmaker"; linking compares it as a count's noun (two rankings are two facts)."""
    if chinese:
        noun = text[end:end + 2]
        return noun if len(noun) == 2 and all("\u4e00" <= c <= "\u9fff" for c in noun) else None
    m = _NEXT_WORD.match(text, end)
    word = m.group(1).lower() if m else None
    return None if word is None or word in ranks["not_nouns"] else word


# Two numbers and a colon or 比 between them, no space (a colon in prose is followed by one: "2018: 245
# billion"), not inside a longer number, time or list (10:30:00, 1.2.3).
# Not after a letter or a comma (Q4:60%, 1,500:1), nor before a per cent sign or a magnitude (2024:38.5%).
_RATIO = re.compile(r"(?<![A-Za-z\d.,:：∶])(\d{1,4}(?:\.\d+)?)([:：∶比])(\d{1,4}(?:\.\d+)?)"
                    r"(?![\d:：∶%％‰万亿千百]|\.\d|\s?(?:percent|per cent|million|billion|trillion)\b)")
_TIME = re.compile(r"(?:[01]?\d|2[0-3])[:：∶][0-5]\d")
_RATIO_SEPARATOR = re.compile(r"[:：∶比](?<=\d.)(?=\d)")  # (the separator first: a fast scan)


def _ratio_figures(text: str, lex: Lexicon) -> list[Figure]:
    """A ratio (units/lexicon.toml [ratios]): 1:0.62 and 0.62:1 are one swap, the larger over the
    smaller (1.6129...); its interval from each number's precision (a 1 is exact, as ratios write it)."""
    out = []
    for sep in _RATIO_SEPARATOR.finditer(text):  # read at each separator, not searched across the text
        start = sep.start()
        while start > 0 and text[start - 1] in "0123456789.":
            start -= 1  # back to where the first number begins
        m = _RATIO.match(text, start)
        if not m or m.start(2) != sep.start():
            continue
        a, b = m.group(1), m.group(3)
        if m.group(2) != "比" and _TIME.fullmatch(m.group()) and \
                not any(w in text[max(0, m.start() - 12):m.end() + 12].lower() for w in lex.ratio_words):
            continue  # 9:30 is a time, unless a ratio word stands before or after it (以1:10的比例合股)
        (x, sx), (y, sy) = numbers.arabic(a), numbers.arabic(b)
        if not x or not y or m.group(2) == "比" and all(v == int(v) and YEARS[0] <= v < YEARS[1] for v in (x, y)):
            continue  # (2024比2023年: two years compared)
        sx, sy = (0.0 if v == 1 else s / 2 for v, s in ((x, sx), (y, sy)))
        if x < y:
            (x, sx), (y, sy) = (y, sy), (x, sx)
        low, high = (x - sx) / (y + sy), (x + sx) / (y - sy) if y > sy else math.inf
        out.append(Figure(m.start(), m.end(), m.group(), x / y, low, high, "ratio", "ratio", number=x / y))
    return out


def _qualify_word(f: Figure, scanner: "_Scanner") -> None:
    """A qualifier before or after a word figure (rules/qualifiers.toml) scales its interval."""
    rules = scanner.rules
    q = scanner.qualifier_before(f.start)
    if q and f.kind not in rules.not_for.get(q[1], ()):
        f.start, (lo, hi) = q[0], rules.before[q[1]]
    elif (q := scanner.qualifier_after(f.end)) is not None:
        f.end, (lo, hi) = q[0], rules.after[q[1]]
    else:
        return
    f.qualifier = q[1]
    f.low, f.high = f.low * lo, f.high * hi
    f.bounds = ((f.low, f.high),)


_FY = re.compile(rf"FY(?<![A-Za-z]FY){_SP}?(\d{{4}}|\d{{2}})(?![\d A-Za-z]*\d)")  # FY first: the engine skips to it


def _fy_short(text: str) -> list[Figure]:
    """FY2026 / FY26 (glued letters, so masked as a model name otherwise)."""
    out = []
    for m in _FY.finditer(text):
        y = int(m.group(1))
        y = y + 2000 if y < 100 else y
        out.append(Figure(m.start(), m.end(), m.group(), y, y, y, "date", "date", None, None, ()))
    return out


def extract_text(text: str, normalized: bool = False, stop: int | None = None) -> list[Figure]:
    """Every figure in `text`, in order. Offsets are the input's; the text is normalised here
    unless the caller already did (Document.text is). With `stop`, no number at or after `stop`
    is read: the figures that end by `stop` are the ones the whole text gives, and as it gives
    them, except where a currency is inferred from the figures around (see _money_in_context,
    _bare_yuan, and fixes._reread)."""
    # The cyclic garbage collector off meanwhile (as engine.judge does): reading builds many small
    # objects and leaves no garbage in cycles, and each full pass of the collector scans the
    # figures read so far again (some 5% of the time on a long document).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _extract_text(text, normalized, stop)
    finally:
        if enabled:
            gc.enable()


def _extract_text(text: str, normalized: bool, stop: int | None) -> list[Figure]:
    norm = text if normalized else normalize(text)
    scanner = _Scanner(norm, lexicon())
    words = []
    for f in _word_figures(norm, scanner.lex):  # a word figure takes a qualifier as a number does: 逾一半, 一半以上, 近翻倍
        qualified_only = scanner.lex.word_figures[norm[f.start:f.end]].get("qualified_only", False)
        _qualify_word(f, scanner)
        if qualified_only and f.qualifier is None:
            continue  # "half" is a figure only so qualified ("about half"), never "the first half"
        f.text = text[f.start:f.end]  # as written (雙位數), as every figure's text is
        words.append(f)
    for f in _rank_figures(norm, scanner.lex) + _ratio_figures(norm, scanner.lex):
        f.text = text[f.start:f.end]
        words.append(f)
    figures = _fy_short(norm) + words
    # Spans already taken (FY2026, 翻倍 …), sorted and not overlapping one another, so that one
    # bisection says whether a position or a span meets one of them.
    figures.sort(key=lambda f: f.start)
    taken_starts = [f.start for f in figures]
    taken_ends = [f.end for f in figures]

    def meets_taken(start: int, end: int) -> bool:
        """True when [start, end) overlaps a taken span."""
        k = bisect.bisect_left(taken_ends, start + 1)  # the first taken span ending after start
        return k < len(taken_starts) and taken_starts[k] < end

    last_end = 0  # scanning runs left to right, so only the last figure can overlap the next
    pos = 0
    number_re = scanner.number_re
    masked = scanner.masked
    n_taken, k = len(taken_starts), 0  # k: the first taken span that ends after the candidate
    while True:
        m = number_re.search(masked, pos)
        if not m or stop is not None and m.start() >= stop:
            break
        at = m.start()
        while k < n_taken and taken_ends[k] <= at:
            k += 1
        if k < n_taken and taken_starts[k] <= at:
            pos = m.end()
            continue
        try:
            fig, resume = scanner.read(m)
        except (ValueError, KeyError, OverflowError, ZeroDivisionError):
            fig, resume = None, m.end()
        if fig is not None and _clock_minutes(norm, fig):
            fig = None
        if fig is not None and fig.start >= last_end and not (
                k < n_taken and taken_starts[k] < fig.end or fig.start < at and meets_taken(fig.start, at)):
            if text is not norm:  # (read took its text from norm: the same string when normalised already)
                fig.text = text[fig.start:fig.end]
            figures.append(fig)
            last_end = scanner.floor = fig.end
        pos = resume if resume > at else at + 1
    figures.sort(key=attrgetter("start", "end"))
    _elided_nouns(figures, text, norm, scanner.lex)
    _money_in_context(figures, norm, scanner.lex)  # (its money words are simplified: 營收 is 营收)
    _unit_of_a_list(figures, text, scanner.lex)
    _bare_yuan(figures, text, scanner.lex, norm)
    _points_in_chinese(figures, norm, scanner.lex)
    _shared_signs(figures, norm, scanner.lex)  # (names are matched in simplified script)
    _growth_multiples(figures, norm, scanner.lex)
    return figures


_GROUPED = re.compile(r"(?<![\w.,$€£¥])\d{1,3}(?:,\d{3})+(?![\w%$€£¥]|[.,]\d|\s*(?:%|-|–))")
_DIGIT_OR_GROUPING = frozenset("0123456789,.")
_NUMBER_IN_GAP = re.compile(r"(?<![\w.])\d")
_SENTENCE_BREAK = re.compile(r"[。；;!?！？\n]|\.(?!\d)")


@functools.lru_cache(maxsize=4)
def _elided_patterns(qualifiers: tuple[str, ...], connectors: tuple[str, ...]) -> tuple[re.Pattern, re.Pattern]:
    """(a qualifier that ends a gap, a connector that ends it: the connector, then a verb in the past
    tense or none, then a qualifier or none)."""
    words = lambda ws: "|".join(re.escape(w) for w in sorted(ws, key=len, reverse=True))  # noqa: E731
    signs = [w for w in connectors if not w[0].isalpha()]  # a dash needs no space after it
    return (re.compile(rf"(?:{words(qualifiers)})\s+$", re.I),
            re.compile(rf"(?:(?<![\w.])(?:{words(set(connectors) - set(signs))})\s+|(?:{words(signs)})\s*)"
                       rf"(?:[a-z]+ed\s+)?(?:(?:{words(qualifiers)})\s+)?$", re.I))


def _elided_nouns(figures: list[Figure], text: str, norm: str, lex: Lexicon) -> None:
    """A bare whole number grouped in thousands after a count figure with its noun, in the same
    sentence with no number between, right after a connector (units/lexicon.toml [elided_nouns]),
    counts that noun: "447,450 vehicles and delivered 497,099". Read as the number and the noun
    written together would be."""
    if not figures or "," not in norm:
        return
    qualifier, connected = _elided_patterns(lex.elided_qualifiers, lex.elided_connectors)
    added = []
    for i, anchor in enumerate(figures):
        if anchor.kind != "count" or not anchor.classifier or not anchor.classifier[:1].isalpha():
            continue
        # each such number after it, before the next figure and at most elided_apart after it
        stop = min(figures[i + 1].start if i + 1 < len(figures) else len(norm), anchor.end + lex.elided_apart + 40)
        for m in _GROUPED.finditer(norm, anchor.end, stop):
            if m.end() == stop and norm[stop:stop + 1] in _DIGIT_OR_GROUPING:
                break  # one the window cut short
            gap = norm[anchor.end:m.start()]
            if len(gap) > lex.elided_apart or _SENTENCE_BREAK.search(gap) or _NUMBER_IN_GAP.search(gap):
                break  # another sentence, or a number between (what follows is that number's)
            if not connected.search(gap):
                continue
            q = qualifier.search(gap)
            start = anchor.end + q.start() if q else m.start()
            written = f"{norm[start:m.end()]} {anchor.classifier}"
            read = extract_text(written, normalized=True)
            if len(read) != 1 or read[0].kind != "count" or (read[0].start, read[0].end) != (0, len(written)):
                continue
            f = read[0]
            added.append(replace(f, start=start, end=m.end(), text=text[start:m.end()],
                                 amount_start=f.amount_start + start, flags=(*f.flags, "elided_noun")))
    if added:
        figures.extend(added)
        figures.sort(key=attrgetter("start", "end"))


def _points_in_chinese(figures: list[Figure], text: str, lex: Lexicon) -> None:
    """A figure in a unit that Chinese copy uses for percentage points (units/lexicon.toml
    [points_in_chinese]: 同比+0.3pct) is in points where a Chinese character stands just before it."""
    for f in figures:
        if f.unit == "percent" and f.classifier in lex.points_in_chinese and _HAN_SIGN_BEFORE.search(text, max(0, f.start - 4), f.start):
            f.unit, f.kind = "percentage_point", "percentage_point"


def _growth_multiples(figures: list[Figure], text: str, lex: Lexicon) -> None:
    """A multiple in 倍 after a verb of growth (units/lexicon.toml [growth_multiple]) is that growth
    in per cent: 同比增长1.98倍 is +198%, so it meets another article's 197.9%. (Copy translated
    from English sometimes writes 增长7倍 for "sevenfold", ×7: an interval holding both readings
    let a planted digit error in the seed pass, so the grammar's reading is kept.)"""
    growth = _tables().growth_before
    last_end = -1  # the end of the last multiple so read: a list after it is read so too (2.6倍、11.4倍与7.3倍)
    for f in figures:
        if f.unit == "times" and text[f.end - 1:f.end] == "倍" and (
                growth.search(text, max(0, f.start - 8), f.start)
                or 0 <= last_end and f.start - last_end <= 4 and text[last_end:f.start].strip() in lex.list_joiners):
            last_end = f.end
            f.unit, f.kind = "percent", "percent"
            f.value, f.low, f.high = f.value * 100, f.low * 100, f.high * 100
            f.bounds = tuple((a * 100, b * 100) for a, b in f.bounds)


def _money_in_context(figures: list[Figure], text: str, lex: Lexicon) -> None:
    """A Chinese amount with a magnitude (耗资2340亿) or a numeral holding one (收入超百亿) and no unit
    right after a money word (units/lexicon.toml [money_context]), or an English one right before a
    noun of money ("a 113 billion deal"), is money, in the currency UnitlessCurrency gives.
    Flagged `currency_inferred`: its currency is a guess, so it is never taken for a currency slip
    (checks/crossdoc.py)."""
    inferred = []
    sections = _number_words().zh_sections
    for f in figures:
        # (a Chinese numeral carries its magnitude inside it: 超百亿, 逾三千万)
        if f.kind != "count" or f.classifier or not (f.scale or not sections.isdisjoint(text[f.start:f.end])):
            continue
        if f.scale and f.scale.isascii():  # "a 113 billion deal": the noun after it; "net profit was 32.4 billion": before
            m = _NEXT_WORD.match(text, f.end)
            if m and m.group(1).lower() in lex.money_nouns or _money_noun_before(text, f.start, lex) and not (
                    _count_noun_re(lex.count_nouns).match(text, f.end) or m and m.group(1).endswith("s")):
                inferred.append(f)  # (but "an offer of 10 million shares", "a loss of 3 million users" count)
            continue
        head = text[max(0, f.start - 12):f.start].rstrip(lex.money_gap)
        tail = text[f.end:f.end + 6].lstrip(" 的")
        if head.endswith(lex.money_context) or tail.startswith(lex.money_context):  # 3800亿的投资
            inferred.append(f)
    # ... and an English one that goes on a list begun by one so read ("revenues of 30.6 billion,
    # 28.1 billion and 22.6 billion")
    money = {id(f) for f in inferred}
    for a, b in zip(figures, figures[1:]):
        if id(a) in money and id(b) not in money and b.kind == "count" and not b.classifier and b.scale \
                and b.scale.isascii() and text[a.end:b.start].strip(" ,") in ("", *lex.list_joiners):
            inferred.append(b)
            money.add(id(b))
    if not inferred:
        return
    unitless = UnitlessCurrency(figures, text)
    for f in inferred:
        as_money(f, unitless(f))


_IN_BRACKET = re.compile(r"[(（][^)）]*$")  # an opening bracket not closed before the position


class UnitlessCurrency:
    """The currency of an amount of money written with no unit: the one a bracket before it
    declares for the rest of the text (（港元，下同）); in English copy, the one the text's amounts
    name most, else dollars; in Chinese copy, that of an amount named earlier in its sentence
    (融资90亿美元后，公司估值超过610亿: dollars), else the one of a bare 元's home currencies
    (units/lexicon.toml [bare_yuan] home) that the text's amounts name, when they name one only
    (新台币 in Taiwan copy), else the one they name most (砸下200亿 in an article of A$ amounts),
    else yuan. (Yuan before the one named most lost 120 links on the real-copy corpus, stop 59,
    though 1789亿 of revenue in an article that names 欧元 for its investments abroad is yuan: a
    guess, flagged so.) Built once per text."""

    def __init__(self, figures: list[Figure], norm: str):
        lex = lexicon()
        self.figures, self.norm = figures, norm
        self.starts = [f.start for f in figures]
        declared = _same_below(norm, lex)
        self.declared = (*declared[0], declared[1]) if declared else None  # (start, end, code)
        named = Counter(f.unit for f in figures if f.kind == "currency" and "currency_inferred" not in f.flags)
        most = min(named, key=lambda c: (-named[c], c)) if named else None  # (the first by code on a tie)
        home = set(named) & set(lex.yuan_home)
        self.english = most or "USD"
        self.chinese = home.pop() if len(home) == 1 else most or "CNY"

    def __call__(self, f: Figure) -> str:
        if self.declared and (f.start >= self.declared[1] or self.declared[0] - 1 <= f.end <= self.declared[0]):
            return self.declared[2]  # (and the amount the bracket follows: 382.13亿（港元，下同）)
        if f.scale and f.scale.isascii():
            return self.english
        k = bisect.bisect_left(self.starts, f.start) - 1
        for x in self.figures[max(0, k - 4):k + 1][::-1]:  # the last few before it, in its sentence
            if _SENTENCE_BREAK.search(self.norm, x.end, f.start):
                break
            if x.kind == "currency" and "currency_inferred" not in x.flags \
                    and not _IN_BRACKET.search(self.norm, max(0, x.start - 4), x.start):
                return x.unit  # (not a conversion in brackets: 500亿元（约70亿美元）)
        return self.chinese


def as_money(f: Figure, code: str) -> None:
    """Read a unitless amount as money in `code`, flagged `currency_inferred`: its currency is a
    guess, so it is never taken for a currency slip (checks/crossdoc.py)."""
    f.kind, f.unit = "currency", code
    f.flags = (*f.flags, "currency_inferred")


def bare_chinese_amount(f: Figure) -> bool:
    """A Chinese amount written with a magnitude and no unit or counted noun (2兆8623億, 382.13亿):
    money or a count, as the words around it say."""
    return f.kind == "count" and not f.classifier and bool(f.scale) and not f.scale.isascii()


_NEXT_WORD = re.compile(r"[ \t]+(?:-[ \t]*)?([A-Za-z]+)")


def _money_noun_before(text: str, start: int, lex: Lexicon) -> bool:
    """A noun of money ([money_context] english_nouns) right before an English amount, or one of
    `english_before` between: "net profit was 32.4 billion", "a loss of 16 billion"."""
    head = text[max(0, start - 30):start].rstrip().lower()
    for gap in lex.money_before:  # longest first: "rose to" before "to"
        if head.endswith(" " + gap):
            head = head[:-len(gap)].rstrip()
            break
    word = head.rsplit(None, 1)[-1] if head else ""
    return word in lex.money_nouns


@functools.cache
def _list_join(words: tuple[str, ...]) -> re.Pattern:
    return re.compile(r"\s*(?:" + "|".join(map(re.escape, sorted(words, key=len, reverse=True))) + r")\s*")


def _unit_of_a_list(figures: list[Figure], text: str, lex: Lexicon) -> None:
    """A unit written once after a list of amounts is every amount's: 分别为645.5亿和448亿美元 gives
    645.5亿 the dollars of 448亿美元 (as a range's second bound gives its unit to the first), and one
    written with the first amount the others' (美元0.30亿、0.51亿). Only a Chinese amount with a
    magnitude and no unit, right beside the joined one (units/lexicon.toml [list_joiners]), with the
    same magnitude."""
    join = _list_join(lex.list_joiners)

    def bare(x: Figure) -> bool:
        return x.kind == "count" and not x.classifier and bool(x.scale)

    def joined(a: Figure, b: Figure) -> bool:
        # An English list also joins with commas ("165 billion, 130 billion, and 105 billion yuan"),
        # but only as far as a member that took the currency from an "and"/"or" that closes the list:
        # "$5 billion, 3 billion more than planned" and "a nation of 1.4 billion, 1.2 billion
        # dollars" are no lists.
        if join.fullmatch(text, a.end, b.start):
            return True
        if not (a.scale.isascii() and text.startswith(",", a.end)):
            return False
        after_comma = text[a.end + 1:b.start]
        return bool(join.fullmatch(after_comma)) or (not after_comma.strip(" \t") and "currency_inferred" in b.flags)
    for a, b in zip(reversed(figures[:-1]), reversed(figures[1:])):  # from the end: a list of three passes it on
        if bare(a) and b.kind == "currency" and b.scale == a.scale and joined(a, b):
            a.kind, a.unit = b.kind, b.unit
            a.flags = (*a.flags, "currency_inferred")
    # ... and one written with the first amount is the others' (收入分别约为美元0.30亿、0.51亿、0.86亿;
    # Chinese lists only: an English amount after a comma is as often a new thought)
    for a, b in zip(figures[:-1], figures[1:]):
        if bare(b) and not b.scale.isascii() and a.kind == "currency" and a.scale == b.scale and join.fullmatch(text, a.end, b.start):
            b.kind, b.unit = a.kind, a.unit
            b.flags = (*b.flags, "currency_inferred")


_GLOSS_GAP = re.compile(r"\s*[(（]\s*")
# What may stand between an amount and its conversion beside it: a bracket, a comma or "or", a few
# words (per share), no figure and no sentence's end.
_GLOSS_BESIDE = re.compile(r"[^\d.。;；!?！？\n]{0,24}")


def _same_below(norm: str, lex: Lexicon) -> tuple[tuple[int, int], str] | None:
    """(where, ISO code) of the first （人民币，下同） of the normalised text (its words are written in
    simplified script): a currency named for the rest of the text."""
    if not lex.same_below or not any(w in norm for w in lex.same_below):
        return None
    names = "|".join(sorted((re.escape(k) for k, u in lex.units.items()
                             if u.kind == "currency" and not k.isascii() and u.factor == 1.0), key=len, reverse=True))
    m = re.search(rf"[(（]\s*(?:单位\s*[:：]\s*)?({names})\s*[,，、;；]?\s*(?:{'|'.join(map(re.escape, lex.same_below))})\s*[)）]",
                  norm)
    return (m.span(), lex.units[m.group(1)].unit) if m else None


def _bare_yuan(figures: list[Figure], text: str, lex: Lexicon, norm: str) -> None:
    """A bare 元 takes the currency of the document's other amounts when they name one only, of
    those a bare 元 may be (units/lexicon.toml [bare_yuan]): 263元 in an article of 港元 is HKD.
    A gloss in brackets after a bare 元 (78.2亿元（约台币338亿）) converts it into another
    currency: it does not count."""
    from reconcile.fx import converts  # fx reads rules/ (no cycle at import time)

    bare = [f for f in figures if f.kind == "currency" and f.classifier in lex.bare_yuan]
    declared = _same_below(norm, lex)
    if declared:
        (start, end), code = declared
        # the amount the bracket follows (2,477.95億元（人民幣，下同）) and every one after it
        after = [f for f in figures if f.start >= end or start - 1 <= f.end <= start]
        for f in after:
            if f.kind == "currency" and (f.classifier in lex.bare_yuan or "currency_inferred" in f.flags):
                f.unit = code
        taken = {id(f) for f in after}
        bare = [f for f in bare if id(f) not in taken]
    if bare:
        glosses = {id(b) for a, b in zip(figures, figures[1:])
                   if a.kind == "currency" and a.classifier in lex.bare_yuan and _GLOSS_GAP.fullmatch(text, a.end, b.start)}
        named = {f.unit for f in figures
                 if f.kind == "currency" and f.classifier not in lex.bare_yuan and id(f) not in glosses}
        home = named.intersection(lex.yuan_home)
        if len(home) == 1 and not _contrasted(figures, text, lex):
            code = home.pop()
            for f in bare:
                f.unit = code
            # ... but one its own conversion in brackets follows is the yuan, when the conversion fits
            # the yuan's rate and not that currency's: 93亿元（13亿美元） in an article of 港元 (the
            # Hong Kong dollar is pegged: 93亿港元 is no 13亿美元). (In mainland copy a conversion
            # that fits no rate stays as written, for IN007 to report.)
            after = {id(a): b for a, b in zip(figures, figures[1:]) if _GLOSS_GAP.fullmatch(text, a.end, b.start)}
            for f in bare:
                g = after.get(id(f))
                if g is not None and g.kind == "currency" and g.classifier not in lex.bare_yuan and f.value \
                        and g.value and not converts(f, g) and converts(dataclasses.replace(f, unit="CNY"), g):
                    f.unit = "CNY"


_PER_UNIT = re.compile(r"\s*/\s*[^\d\s/,，、]{1,2}")  # 元/股: a price's per-unit word


def _contrasted(figures: list[Figure], text: str, lex: Lexicon) -> bool:
    """Does the document list a bare 元 first and, as the next member, an amount named in another
    currency (A股、H股换股价格分别为13.83元/股、7.73港元/股)? A writer who leaves the first member's
    currency unnamed and names the second's means two: its bare 元 is the yuan. (The other way round,
    0.5港元及0.3元, is Hong Kong copy naming its currency once.) Members are joined as
    units/lexicon.toml [list_joiners] says, or by a comma, after any per-unit word."""
    join = _list_join((*lex.list_joiners, ",", "，"))
    for a, b in zip(figures, figures[1:]):
        if a.kind == b.kind == "currency" and a.classifier in lex.bare_yuan and b.classifier not in lex.bare_yuan:
            gap = _PER_UNIT.match(text, a.end)
            if join.fullmatch(text, gap.end() if gap else a.end, b.start):
                return True
    return False


UNSETTLED_SIGN = "sign_as_read"  # a transient flag: attribution settles it or drops it


def _shared_signs(figures: list[Figure], text: str, lex: Lexicon) -> None:
    """An amount written with a sign that several currencies write (¥: yen or yuan; $: the US
    dollar or another; units/lexicon.toml [shared_signs]) is in the one at whose rate the amount
    beside it converts it ("¥2.5 trillion ($16.2 billion)", "$7 billion (¥1 trillion)", "$20
    billion (US$13 billion)"); else in the one the conversions of its other such amounts agree on
    (one gloss settles every ¥ of the article); else, but for a sign only a gloss settles ($:
    [shared_signs_settled]), in the one the document's other amounts name, if they name one only, or
    whose name the text writes, if it writes one only. Else as read ([currency_symbols]), flagged
    UNSETTLED_SIGN (a ¥ of an article on Sony is the yen: attribution's _company_currencies)."""
    from reconcile.fx import apart, converts  # fx reads rules/ (no cycle at import time)

    signed = [k for k, f in enumerate(figures) if f.kind == "currency" and f.classifier in lex.shared_signs]
    if not signed:
        return
    amounts = {g.unit for g in figures if g.kind == "currency" and g.classifier not in lex.shared_signs
               and g.classifier not in lex.bare_yuan}
    in_text: dict[tuple[str, ...], set[str]] = {}  # the candidates the text names, read once per sign

    def written(candidates: tuple[str, ...]) -> set[str]:
        if candidates not in in_text:
            in_text[candidates] = {code for code in candidates if currency_names(code).search(text)}
        return in_text[candidates]

    by_gloss: dict[int, str] = {}
    spelled_out: list[int] = []  # settled by the very amount in brackets after them
    for k in signed:
        f = figures[k]
        candidates = lex.shared_signs[f.classifier]
        # A sign only a gloss settles ($), only by a gloss in its own currency as read, written out
        # ("$20 billion (US$13 billion)": some other dollar; "$15 billion (₹13,318 crore)" and
        # "HK$1.85 billion ($250 million)" are slips, not other dollars), or by the same amount in
        # one of the sign's currencies.
        only_own = f.classifier in lex.gloss_only_signs

        def tells(g: Figure) -> bool:
            if g.classifier in lex.shared_signs and g.unit in candidates:
                return False
            return g.unit == f.unit if only_own else True  # US$ beside ¥ too
        glosses = [g for g in (figures[k - 1] if k else None, figures[k + 1] if k + 1 < len(figures) else None)
                   if g is not None and g.kind == "currency" and tells(g)
                   and _GLOSS_BESIDE.fullmatch(text, min(f.end, g.end), max(f.start, g.start))]
        named = {code for code in candidates for g in glosses if converts(dataclasses.replace(f, unit=code), g)}
        if len(named) > 1:  # several rates convert it: the one the text names ($20 billion in an article of A$),
            # else the one whose rate converts it best ("$US20 billion ($30.6b)" in Sydney: A$, not NZ$)
            nearest = min(sorted(named), key=lambda code: min((apart(dataclasses.replace(f, unit=code), g)
                                                                 for g in glosses if g.value and f.value), default=0.0))
            named &= (amounts | written(candidates)) - {g.unit for g in glosses}
            named = named or {nearest}
        if len(named) == 1:
            f.unit = by_gloss[k] = named.pop()
        elif only_own and (spelled := _spelled_out(f, figures[k + 1] if k + 1 < len(figures) else None, text,
                                                   candidates, lex)):
            f.unit = by_gloss[k] = spelled
            spelled_out.append(k)
    # A sign spelled out once may be a slip's coincidence; twice, it is the article's dollar
    agreed = {c for k, c in by_gloss.items() if k not in spelled_out or len(spelled_out) >= 2}
    for k in signed:
        f = figures[k]
        if k in by_gloss:
            continue
        candidates = lex.shared_signs[f.classifier]
        named = agreed.intersection(candidates) if len(agreed) == 1 else set()
        if not named and f.classifier not in lex.gloss_only_signs:
            named = amounts.intersection(candidates)
            if len(named) != 1:
                named = written(candidates)
        if len(named) == 1:
            f.unit = next(iter(named))
        elif f.classifier not in lex.gloss_only_signs:
            f.flags = (*f.flags, UNSETTLED_SIGN)  # attribution may settle it by the company's currency


def _spelled_out(f: Figure, g: Figure | None, text: str, candidates, lex: Lexicon) -> str | None:
    """The dollar a bare $ is when the very amount follows it in brackets in one of its dollars
    ("$12.2 billion (HK$12.2 billion)": it names its dollar, it converts nothing)."""
    if g is None or g.kind != "currency" or g.unit not in candidates or g.classifier in lex.shared_signs \
            or g.value != f.value or g.low != f.low:
        return None
    if _OPEN_BRACKET.fullmatch(text, f.end, g.start) and _CLOSE_BRACKET.match(text, g.end):
        return g.unit
    return None


_OPEN_BRACKET = re.compile(r"\s*[(（]\s*")
_CLOSE_BRACKET = re.compile(r"\s*[)）]")


@functools.cache
def currency_names(code: str) -> re.Pattern:
    """The names and signs the lexicon gives a currency (yen, 日元, JPY …), but no sign several
    currencies write and no bare 元 (日元 holds it): one pattern, Latin names as whole words."""
    lex = lexicon()
    names = {k for k, u in lex.units.items() if u.kind == "currency" and u.unit == code and len(k) > 1}
    names |= {k for k, c in lex.currency_prefix.items() if c == code and len(k) > 1}
    names -= set(lex.shared_signs) | set(lex.bare_yuan)
    # names in any case (Hong Kong Dollars), signs only as written ("A $" is no "a $5 billion deal")
    words = sorted((re.escape(n) for n in names if n.replace(" ", "").isalpha()), key=len, reverse=True)
    signs = sorted((re.escape(n) for n in names if not n.replace(" ", "").isalpha()), key=len, reverse=True)
    alternatives = (["(?i:%s)" % "|".join(words)] if words else []) + signs
    return re.compile(r"(?<![A-Za-z])(?:%s)(?![A-Za-z])" % "|".join(alternatives) if alternatives else r"(?!)")

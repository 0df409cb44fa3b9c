"""Names that are in no list: what a figure can be about when rules/entities.toml does not know the
company (see rules/attribution.toml [names] for the words and the reasons).

Every name found gets an entity id: the list's id when the name is listed, else its normalised
form without corporate suffixes ("Blue Owl Capital Inc." -> "blue owl capital", 蜜雪集团 -> 蜜雪).
A name followed by another in brackets (宁德时代（CATL）, 寧德時代(300750.SZ)) gives an alias: the
two ids name one entity, here and wherever else either is written.
"""
from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass

from reconcile.data.loader import data
from reconcile.extraction.normalize import normalize
from reconcile.extraction.repeated_names import dictionary_words
from reconcile.extraction.words import _automaton

_LATIN = re.compile(r"(?<![A-Za-z0-9&.'’-])([A-Z][A-Za-z0-9]*(?:[-&.'’][A-Za-z0-9]+)*\.?)"
                    r"((?:[^\S\r\n](?:[A-Z][A-Za-z0-9]*(?:[-&.'’][A-Za-z0-9]+)*\.?|&|of|de|and)(?=\s|$|[^A-Za-z]))*)")
# A hyphenated word that ends in a lower-case part is an adjective or a description (Record-breaking,
# AI-related, Tylenol-maker), never a name: names capitalise each part (Kimberly-Clark, Rolls-Royce),
# unless they open on a single letter (X-energy, E-mart).
_LOWER_TAIL = re.compile(r"^[A-Za-z]{2,}.*-[a-z]{3,}$")
_OTC_TIER = re.compile(r"^OTC[A-Za-z]+(?=:)")  # one ticker, whichever OTC tier an outlet names (OTCQX, OTC Markets)
_POSSESSIVE = re.compile(r"['’]s$")
_PLACE_BRACKET = re.compile(r"[(（][\u4e00-\u9fff]{2,4}[)）]")  # 开曼 in 中通快递(开曼)有限公司
_ACRONYM = re.compile(r"[(（]\s?([A-Z][A-Z&]*[A-Z])s?\s?[)）]")  # (NII), (LLMs), (M&A)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# A stock code alone in brackets after a Chinese name: a Hong Kong code of five digits (02580), an A
# share's of six (300750, 600519, 688xxx), or four digits as Hong Kong copy writes them (2580; not a
# year: 1900-2099), the last only after a name that ends as a company's does (names.code_after).
_BARE_CODE = r"\s?[(（]\s?%s(?P<code>0\d{4}|[0-9]\d{5}|(?!19\d\d|20\d\d)\d{4})\s?[)）]"  # % a label
_GAP = re.compile(r"[ \t&-]*")  # what may stand between an acronym's words (same-store sales, M&A)
# A Chinese run glossed by a Latin name in brackets, every word of it capitalised, its first in lower
# case after its capital (霸王茶姬(Chagee), 泡泡玛特（Pop Mart）; not 存托股票(ADR), 茶饮(tea)). Words are
# one space apart, so a run of capitals is read one way only (no backtracking over its splits).
_GLOSSED = re.compile(r"([\u4e00-\u9fff]{2,12})\s?[(（]\s?[A-Z][a-z][\w&.'’-]*(?: [A-Z][\w&.'’-]*)*\s?[)）]")
# The converse, for a listed company's Latin name: its Chinese gloss in brackets (Qualcomm(高通)).
_GLOSS_AFTER = re.compile(r"\s?[(（]\s?([\u4e00-\u9fff]{2,6})\s?[)）,，]")
# A list item's label: a run that opens a line (after any list marker or bold) and ends at a colon.
_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:--?[ \t]*|[•*·▪][ \t]*|\d{1,2}[.)][ \t]*)?(?:\*\*)?$")
_LABEL_END = re.compile(r"(?:\*\*)?[ \t]*[:：]")
# A heading run into its text after a dash ("Core Viewpoint - The company reported …", "Investment
# Rating - The report …"): a label too, wherever a sentence starts, when its last word is a
# heading's ([names] heading_words).
_DASH_LABEL_END = re.compile(r" [-–—] (?=[A-Z])")
_BOLD = re.compile(r"\*\*[^*\n]{3,160}\*\*")  # a Markdown heading in bold, inside a line
_HEADING_NEXT = re.compile(r"[ \t]*[A-Z0-9]")
_DASH_LABEL_AFTER = re.compile(r" ?[-–—] ")  # the same after a Chinese heading (核心观点 - 公司…)
# Where a sentence (or a phrase) starts: after a full stop or a colon, at a line's start, after a
# list marker ("- ", "• ").
# also ". - Item" inline, and after a summary's citation marks ("… 7.5 billion yuan [5] Financial Forecasts - …")
# (a press release's bullet may be a double dash: "-- Number of stores was 61,393")
# (and after a note's number in brackets opening a line, "(1) Growth at constant rates is …")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+(?:(?:--?|[•*·▪])\s+)?|\n[ \t]*(?:(?:--?|[•*·▪]|\(\d{1,2}\))[ \t]*)?"
                             r"|\]\s+(?:(?:--?|[•*·▪])\s+)?)$")
# ... and after a line's opening heading or dateline in capitals and a dash ("SOFTER SLATE - Membership
# revenue fell", "TAIPEI - …"; not "analysts at UBS - Orvane said")
# ... and after a short label that opens its line and a double dash, a call summary's ("Gross bookings
# -- Rose 21% …"; not "Revenue rose 5% -- Orvane said …", a dash inside a sentence)
_LABEL_DASH = re.compile(r"[ \t]*[A-Za-z][A-Za-z &'’()/-]{0,40} -- ")
_CAPS_HEADING = re.compile(r"[ \t]*[A-Z][A-Z0-9 &'’.,/]*[ \t]+[-–—][ \t]+")


@dataclass(frozen=True, slots=True)
class Name:
    start: int
    end: int
    id: str
    listed: bool  # from rules/entities.toml


@dataclass(frozen=True)
class NameRules:
    not_names: frozenset[str]
    not_names_alone: frozenset[str]  # words that are no name on their own, only inside a longer one (LNG Canada)
    after_of: frozenset[str]  # words of not_names that go on a name after its "of" (Ministry of Finance)
    suffixes: tuple[str, ...]  # corporate suffixes, longest first
    zh_suffixes: re.Pattern
    zh_generic: tuple[str, ...]
    zh_business_lines: tuple[str, ...]  # 业务 after 环球银行: a line of business, no company
    zh_projects: frozenset[str]  # suffixes of a project's name, which the text must write twice
    object_verbs: tuple[str, ...]  # verbs read off the front of a Chinese name (带动澄川能源集团), longest first
    report_verbs: tuple[str, ...]  # 显示: after a report's noun (财报显示公司), what precedes is no name
    report_nouns: tuple[str, ...]  # 调查, 统计: a report's nouns beside chinese_generic_end
    zh_generic_end: tuple[str, ...]
    zh_saying_not_end: tuple[str, ...]  # 监管预计: no name before a verb of saying ends so
    zh_time_words: tuple[str, ...]  # 近日: ends a name's run (保时捷近日), and is none
    zh_breaks: frozenset[str]
    zh_openers: frozenset[str]  # 中: a name starts at it (，中金公司)
    zh_saying: re.Pattern
    zh_defined: re.Pattern  # a short name defined in brackets: (以下简称“长鑫科技”) ([names] chinese_defining)
    zh_roles: frozenset[str]  # a party's role a bracket defines, no name: 甲方, 交易对方 ([names] chinese_roles)
    # a bracket opening right after a name, its short name perhaps defined and quoted: KE Holdings Inc.
    # ("Beike" or …), 西安奕斯伟材料科技股份有限公司(简称“西安奕材”)
    bracket_open: re.Pattern
    affixes: tuple[str, ...]
    headings: tuple[str, ...]  # a label's last word before a dash (Viewpoint, 观点: [names] heading_words)
    trades: tuple[str, ...]  # what makes the word before it a trade, not a name (票务巨头: [names] trade_words)
    gloss_not: tuple[str, ...]  # what a description has and a name's Chinese gloss has not ([names] gloss_not)
    acronym_joiners: frozenset[str]  # small words an acronym's expansion may hold (of, on: [names])
    dateline: re.Pattern  # "HONG KONG, Oct 20 (Reuters) -": names nobody
    suffix_gap: re.Pattern  # corporate suffixes between a name and its bracket: "Xiaomi Corp. (XIACF)"
    ticker: re.Pattern  # a ticker in brackets: (NYSE: KMB), (300750.SZ/03750.HK) ([names] exchanges, market_suffixes)
    # country -> (its exchanges as codes are read, the suffixes of its letter codes): NYSE, DJT.O and
    # MRVL.US are the US's, ASX and WDS.AX Australia's ([names] letter_markets)
    letter_markets: dict[str, tuple[frozenset[str], frozenset[str]]]
    code: re.Pattern  # a stock code in brackets, with its market or alone: (02580.HK), （300750）
    share_class: re.Pattern  # a Hong Kong share class between a name and its code (-W, -SW, -B), or nothing
    bare_code: re.Pattern  # a code alone in brackets: five digits from 0 (HK), six (A shares), or four
    endings: tuple[str, ...]  # what ends a company's Chinese name ([names] name_endings): 电气 of 奥克斯电气
    legal_tail: re.Pattern  # a registered name's words after a bracket: " Industrial Co" of "X (Shanghai) Industrial Co"


def _rules(d) -> NameRules:
    n = d.toml("attribution.toml")["names"]
    return NameRules(
        not_names=frozenset(n["not_names"]),
        not_names_alone=frozenset(n.get("not_names_alone", ())),
        after_of=frozenset(n.get("after_of", ())),
        suffixes=tuple(sorted((normalize(s) for s in n["corporate_suffixes"]), key=len, reverse=True)),
        zh_suffixes=re.compile("|".join(re.escape(normalize(s)) for s in sorted(
            n["chinese_suffixes"] + n.get("chinese_project_suffixes", []), key=len, reverse=True))),
        zh_projects=frozenset(normalize(s) for s in n.get("chinese_project_suffixes", ())),
        zh_generic=tuple(normalize(s) for s in n["chinese_generic"]),
        zh_business_lines=tuple(normalize(s) for s in n.get("chinese_business_lines", ())),
        object_verbs=tuple(sorted((normalize(s) for s in n.get("object_verbs", ())), key=len, reverse=True)),
        report_verbs=tuple(normalize(s) for s in n.get("report_verbs", ())),
        report_nouns=tuple(normalize(s) for s in n.get("report_nouns", ())),
        zh_generic_end=tuple(normalize(s) for s in n["chinese_generic_end"]),
        zh_saying_not_end=tuple(normalize(s) for s in n["chinese_saying_not_end"]),
        zh_time_words=tuple(sorted((normalize(s) for s in n.get("chinese_time_words", ())), key=len, reverse=True)),
        zh_breaks=frozenset(normalize(n["chinese_breaks"])),
        zh_openers=frozenset(normalize(n.get("chinese_name_openers", ""))),
        affixes=tuple(n["latin_affixes"]),
        headings=tuple(normalize(w) for w in n["heading_words"]),
        trades=tuple(normalize(w) for w in n["trade_words"]),
        gloss_not=tuple(normalize(w) for w in n.get("gloss_not", ())),
        acronym_joiners=frozenset(n["acronym_joiners"]),
        zh_saying=re.compile("|".join(re.escape(normalize(s)) for s in n["chinese_saying"])),
        zh_roles=frozenset(normalize(w) for w in n.get("chinese_roles", ())),
        zh_defined=re.compile(r"\((?:%s)\s?[:：]?\s?[“\"「『‘]?\s?([\u4e00-\u9fff]{2,8})(?=[”\"」』’]|\s?[),，、;；或])" % (
            defining := "|".join(re.escape(normalize(s)) for s in sorted(n.get("chinese_defining", ()), key=len, reverse=True)))),
        bracket_open=re.compile(r"\s?[(（]\s?(?:(?:%s)\s?[:：]?\s?)?[\"“「『‘]?\s?" % (defining or "(?!)")),
        dateline=re.compile("|".join((n["dateline"], n["dated_agency"]))),
        suffix_gap=re.compile(r"\.?(?:,?\s(?:%s)(?![A-Za-z]))*" % "|".join(
            re.escape(x) for x in sorted((x for x in n["corporate_suffixes"] if x.isascii()), key=len, reverse=True))),
        ticker=_ticker_pattern(n["exchanges"], n["market_suffixes"], label := _code_label(n), letter_suffixes(n)),
        letter_markets={country: (frozenset(re.sub(r"\s", "", x).upper() for x in m.get("exchanges", ())),
                                  frozenset(m.get("suffixes", ())))
                        for country, m in n["letter_markets"].items()},
        code=re.compile(r"(?<=[\u4e00-\u9fff])%s(?:%s|%s)" % (
            (share_class := r"(?:-(?:%s)(?![A-Za-z0-9]))?" % "|".join(
                re.escape(c) for c in sorted(n["share_classes"], key=len, reverse=True))),
            _ticker_pattern(n["exchanges"], n["market_suffixes"], label, letter_suffixes(n)).pattern, _BARE_CODE % label)),
        share_class=re.compile(share_class),
        bare_code=re.compile(_BARE_CODE % label),
        endings=tuple(normalize(w) for w in n.get("name_endings", ())),
        legal_tail=re.compile(r"\s?(?:[A-Z][\w&-]*\s){0,2}?(?:%s)(?![A-Za-z])" % "|".join(
            re.escape(x) for x in sorted((x for x in n["corporate_suffixes"] if x.isascii()), key=len, reverse=True))),
    )


@dataclass(frozen=True, slots=True)
class Acronym:
    start: int  # where the words it abbreviates start
    end: int  # ... and end (the bracket follows)
    acronym: str  # NII (a plural's s dropped: LLMs -> LLM)
    lower: bool  # the words are written in lower case (a common noun's, never a name's)


def acronyms(text: str) -> list[Acronym]:
    """Acronyms defined in brackets right after the words whose initials they spell: "net interest
    income (NII)", "Return on Tangible Common Equity (ROTCE)", "Consumer & Community Banking (CCB)"."""
    joiners = data().memo(_rules).acronym_joiners
    out = []
    for m in _ACRONYM.finditer(text):
        letters = m.group(1).replace("&", "")
        k, first, gap_start = len(letters) - 1, None, m.start()
        words = list(_WORD.finditer(text, max(0, m.start() - 30 * len(letters)), m.start()))
        for w in reversed(words):
            if not _GAP.fullmatch(text, w.end(), gap_start):
                break  # a comma, a full stop, a figure between: not one phrase
            gap_start = w.start()
            if w.group()[0].upper() == letters[k]:
                k, first = k - 1, w
                if k < 0:
                    break
            elif w.group().lower() not in joiners:
                break
        if k < 0 and first is not None:
            end = m.start()
            while text[end - 1] in " \t-":
                end -= 1
            # (the first word may be capitalised as a sentence's or a list item's: "Gross transaction
            # value (GTV)"; a name capitalises its other words too: "Bank of America (BOA)")
            spelled = [w for w in words if w.start() >= first.start()]
            lower = len(spelled) > 1 and all(w.group()[0].islower() or w.group().lower() in joiners
                                             for w in spelled[1:])
            out.append(Acronym(first.start(), end, m.group(1), lower))
    return out


def chinese_glossed_acronyms(text: str) -> list[tuple[int, str]]:
    """(where the bracket opens, acronym) for each Latin acronym in brackets right after a Chinese
    character: 新业务价值（VONB）, 复合年均增长率（CAGR）; a term or a company's code name, as the words
    before it tell (attribution.py)."""
    return [(m.start(), m.group(1)) for m in _ACRONYM.finditer(text)
            if m.start() and "\u4e00" <= text[m.start() - 1] <= "\u9fff"]


def letter_suffixes(n: dict) -> list[str]:
    """The suffixes that mark a letter code's market ([names] letter_markets: DJT.O, WDS.AX)."""
    return [x for m in n["letter_markets"].values() for x in m.get("suffixes", ())]


def _code_label(n: dict) -> str:
    """What may open a bracket before the code it holds: a label ([names] code_labels) and a colon,
    or the stock's Chinese short name marked as one, by a new listing's N or a share class, and a
    comma (N沐曦-U; not a city before a postcode: 上海，200120)."""
    labels = "|".join(re.escape(normalize(w)) for w in sorted(n.get("code_labels", ()), key=len, reverse=True))
    share_class = "-(?:%s)" % "|".join(re.escape(c) for c in sorted(n["share_classes"], key=len, reverse=True))
    short = r"(?:N[\u4e00-\u9fff]{2,6}(?:%s)?|[\u4e00-\u9fff]{2,6}%s)" % (share_class, share_class)
    return r"(?:(?:%s)\s?[:：]\s?|%s\s?[,，]\s?)?" % (labels or "(?!)", short)


def _ticker_pattern(exchanges: list[str], suffixes: list[str], label: str = "",
                    letter_suffixes: list[str] = ()) -> re.Pattern:
    def any_of(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"

    # a code with its market's suffix (300750.SZ, DJT.O) or after its market's name (NYSE: KMB); a
    # company listed twice gives both, either way ("NASDAQ: KC, HKEX: 3896", 300750.SZ/03750.HK)
    # (letter codes of up to ten letters: NSE's RELIANCE, HDFCBANK)
    one = r"\d{4,6}\.(?:%s)|(?:%s)\s?[:：]\s?[A-Z0-9.]{1,10}|[A-Z]{1,10}\.(?:%s)(?![A-Za-z])" % (
        any_of(suffixes), any_of(exchanges), any_of(letter_suffixes))
    return re.compile(r"\s?[(（]\s?%s((?:%s)(?:%s(?:%s))*)\s?[)）]" % (label, one, _TICKER_SEPARATOR.pattern, one))


_TICKER_SEPARATOR = re.compile(r"\s?[/,、;；，]\s?")  # between two codes in one bracket


def corporate_suffix(name: str) -> str:
    """The corporate suffix a name ends with (控股 of 三花控股, Holdings), or ""."""
    return next((x for x in data().memo(_rules).suffixes if name.endswith(x)), "")


def name_id(name: str) -> str:
    """The entity id of an unlisted name: normalised, corporate suffixes dropped, Latin lower-cased."""
    known = data().memo(_name_ids)  # a corpus writes its few thousand names ninety thousand times
    if name not in known:
        known[name] = _name_id(name)
    return known[name]


def _name_ids(d) -> dict[str, str]:
    return {}


def _name_id(name: str) -> str:
    r = data().memo(_rules)
    text = normalize(name).strip(" .,")
    if not text.isascii():  # 中通快递(开曼)有限公司 is 中通快递's
        text = _PLACE_BRACKET.sub(lambda m: "" if _registered_place(m.group()[1:-1], r) else m.group(), text)
    changed = True
    while changed:
        changed = False
        # a name in capitals ends in its suffix in capitals (AUX ELECTRIC CO., LTD.)
        shouting = text.isupper()
        for s in r.suffixes:
            # a Latin suffix is a word of its own (Airbus SE; not the end of NASA or BRAG)
            ends = text.lower().endswith(s.lower()) if shouting else text.endswith(s)
            if ends and len(text) > len(s) + 1 and not (s[0].isascii() and s[0].isalpha()
                                                        and text[-len(s) - 1].isalnum()):
                text = text[: -len(s)].rstrip(" ,.")
                changed = True
                break
    # a Hong Kong share class after a Latin name ("Beike-W (02423)") is no part of it
    cut = text.rfind("-")
    if cut > 0 and text.isascii() and r.share_class.match(text, cut).end() == len(text) > cut:
        text = text[:cut]
    if text.isascii():  # "Trump Media & Technology" and "Trump Media and Technology" are one name (not AT&T)
        return _SPACED_AMPERSAND.sub(" and ", text).lower()
    return text


_SPACED_AMPERSAND = re.compile(r"\s&\s")


def _is_place(word: str) -> bool:
    """Is the word a country's, a region's, a listed state's or city's name (units/lexicon.toml [places])?"""
    from reconcile.extraction.lexicon import lexicon, name_key

    return name_key(word) in lexicon().places


def latin_names(text: str, skip) -> list[tuple[int, int, str]]:
    """(start, end, surface) of capitalised names; `skip(word)` is True for unit and period words.
    A run of capitalised words is cut at every word that is not a name (TSMC CFO Wendell Huang)."""
    r = data().memo(_rules)
    heads = _currency_heads()
    capitalised_inside: set[str] = set()
    found = []
    joiners = ("of", "de", "and", "&")
    datelines = [m.span() for m in r.dateline.finditer(text)]
    # a dateline's capitals (HANGZHOU, GLOBE NEWSWIRE) do not make its line a Title Case headline
    cuts = [0, *(x for span in datelines for x in span), len(text)]
    undated = "".join(text[a:b] if k % 2 == 0 else " " * (b - a) for k, (a, b) in enumerate(zip(cuts, cuts[1:])))
    title_case = _title_case_lines(undated)
    shouting = _shouting_lines(text)  # (a headline in capitals before a dash stays one: ZORVANE MOTORS - RECORD SALES)
    pending: list[tuple[int, str]] = []  # words of Title Case lines: names if capitalised elsewhere
    shouted: list[tuple[int, str]] = []  # words of lines in capitals: names if written so elsewhere
    for m in _LATIN.finditer(text):
        if _within(m.start(), datelines):
            continue
        if _LINE_START.search(text, max(0, m.start() - 8), m.start()) and _LABEL_END.match(text, m.end()) \
                or _DASH_LABEL_END.match(text, m.end()) and m.group().split()[-1] in r.headings \
                and _SENTENCE_START.search(text, max(0, m.start() - 8), m.start()):
            continue  # "- Gross Margin Record: 22.9%", "EV Triumph:": a list item's label, not a name
        run: list[tuple[int, str]] = []
        pos = m.start()
        for word in (m.group(1) + m.group(2)).split():
            at = text.index(word, pos)
            pos = at + len(word)
            # (each word's own line: a match may run on from a sentence's end into a headline)
            in_title_case, in_shouting = _within(at, title_case), _within(at, shouting)
            # a place's possessive ends the place's name ("Taiwan’s GlobalWafers", "Shanghai's STAR
            # Market"); any other is the name's own ("Harlan's Outdoor Goods")
            place_of = bool(_POSSESSIVE.search(word)) and _is_place(_POSSESSIVE.sub("", word))
            word = _POSSESSIVE.sub("", word)
            suffix = word in r.suffixes or word.isupper() and word.title() in r.suffixes  # LTD of CO., LTD.
            if run and suffix:  # "Chagee Holdings Limited": one name (its id drops them)
                run.append((at, word))
                nxt = _NEXT_WORD.match(text, pos)
                if word.endswith(".") and nxt and nxt.group(1).rstrip(".,") not in r.suffixes:
                    # "…to buy Kestrelco Corp. Orvane Labs and …": the full stop ends a sentence
                    found += _runs(text, run, joiners, capitalised_inside)
                    run = []
                continue
            if suffix and not run:
                continue  # a suffix after a comma ("AUX ELECTRIC CO., LTD."): the name's, never one
            if word.lower().endswith(r.affixes) or _LOWER_TAIL.search(word):
                # "Hong Kong-listed": the words since the last joiner are the adjective's; the names
                # before it stay ("SoftBank and Alibaba-backed Moonshot": SoftBank)
                last = max((k for k, (_, w) in enumerate(run) if w in joiners), default=0)
                found += _runs(text, run[:last], joiners, capitalised_inside)
                run = []
                continue
            name_word = word not in joiners and not (word in r.not_names or word.rstrip(".") in r.not_names
                                                     or skip(word) or skip(word.rstrip("."))  # "16.5 Mtpa."
                             or any(c.isdigit() for c in word)
                             or any(text.startswith(sign, at) for sign in heads.get(word.rstrip("."), ())))  # NT$, Rs.
            if not name_word and run and run[-1][1] == "of" and word.rstrip(".") in r.after_of:
                name_word = True  # "Ministry of Finance": a portfolio after "of" is the body's name
            if in_shouting and name_word:
                # UNAUDITED RESULTS FOR THE NINE MONTHS: capitals say nothing of a name here
                name_word = False
                if word.title() not in r.not_names:
                    shouted.append((at, word))
            elif in_title_case and name_word and not word.isupper():
                name_word = False  # decided below, from the rest of the text
                pending.append((at, word))
            if name_word or (word in joiners and run):
                run.append((at, word))
                if place_of or _SENTENCE_END_WORD.fullmatch(word):  # "… to buy Kellanova. Mars and …": two runs
                    found += _runs(text, run, joiners, capitalised_inside)
                    run = []
                continue
            found += _runs(text, run, joiners, capitalised_inside)
            run = []
        found += _runs(text, run, joiners, capitalised_inside)
    # A lone capitalised word opening an English sentence ("Adjusted net profit …") is a name only
    # if the document also writes it capitalised inside a sentence; so is a word of a Title Case line.
    found += [(at, at + len(w), w, False) for at, w in pending if w in capitalised_inside]
    # ... and a word of a line in capitals, if the prose writes it capitalised (in any case)
    inside = {w.lower() for w in capitalised_inside}
    found += [(at, at + len(w), w, False) for at, w in shouted if w.lower() in inside]
    # A single word the text also writes in lower case is a common word ("Adjusted", "Power"),
    # however often it is capitalised; an acronym is not (ARM, and the arm of a robot).
    lower_words = set(re.findall(r"(?<![A-Za-z])[a-z][a-z-]*", text))
    kept = [(s, e, w) for s, e, w, doubtful in found
            if (not doubtful or w in capitalised_inside) and w not in r.not_names_alone
            and not (" " not in w and not w.isupper() and w.lower() in lower_words)]
    return sorted(_two_names_joined(kept))


# a word that ends a sentence, not an abbreviation (St., U.S.): four letters or more in lower case
# after the first, then a full stop (a corporate suffix with its full stop ends one when a capitalised
# word other than a suffix follows: _NEXT_WORD)
_SENTENCE_END_WORD = re.compile(r"[A-Z][a-z]{3,}\.")
_NEXT_WORD = re.compile(r" +([A-Z][\w.,]*)")


def _two_names_joined(names: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Each run "A and B" as the two names A and B when the text names both on their own elsewhere,
    or one of them twice ("Mars and Kellanova Holdings", "Pony.ai and WeRide": two companies); not
    when B is a corporate suffix (Tiffany and Co.) or A again (Johnson and Johnson), nor when neither
    stands alone (the Ministry of Ecology and Environment)."""
    r = data().memo(_rules)
    alone = Counter(name_id(w) for _, _, w in names if " and " not in w)
    out = []
    for s, e, w in names:
        left, sep, right = w.partition(" and ")
        a, b = name_id(left), name_id(right)
        if sep and " and " not in right and a != b and right.rstrip(".") not in r.suffixes \
                and (alone[a] and alone[b] or max(alone[a], alone[b]) >= 2):
            out += [(s, s + len(left), left), (e - len(right), e, right)]
        else:
            out.append((s, e, w))
    return out


_CJK_CHAR = re.compile(r"[\u3400-\u9fff]")


def _within(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether pos lies in one of `spans` (sorted, not overlapping)."""
    k = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]


def _shouting_lines(text: str) -> list[tuple[int, int]]:
    """Lines of English written in capitals throughout, three words of two letters or more at least
    (a headline shouted: UNAUDITED RESULTS FOR THE NINE MONTHS ENDED 30 SEPTEMBER 2025)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        words = re.findall(r"[A-Za-z]{2,}", line)
        if len(words) >= 3 and all(w.isupper() for w in words) and not _CJK_CHAR.search(line):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def _title_case(words: list[str]) -> bool:
    return len(words) >= 3 and sum(w[0].isupper() for w in words) * 4 >= len(words) * 3


def _title_case_lines(text: str) -> list[tuple[int, int]]:
    """Lines where most words of four letters or more are capitalised (headlines in Title Case), and
    bold Markdown headings so written inside a line ("**Strong Profit Growth Driven by Investments**
    In 9M25, …")."""
    out = []
    pos = 0
    for line in text.split("\n"):
        if _title_case(re.findall(r"[A-Za-z]{4,}", line)):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    lines = list(out)
    out += [m.span() for m in _BOLD.finditer(text)
            if _title_case(re.findall(r"[A-Za-z]{4,}", m.group())) and not _within(m.start(), lines)
            # a heading opens its line or sentence and runs into a capital or a figure; a bold name
            # is a subject ("**Brightwater Logistics** reported …", "Shares of **Brightwater** rose")
            and _SENTENCE_START.search(text, max(0, m.start() - 8), m.start()) and _HEADING_NEXT.match(text, m.end())]
    return sorted(out)


def _runs(text: str, run: list[tuple[int, str]], joiners, capitalised_inside: set) -> list:
    while run and run[-1][1] in joiners:
        run.pop()
    if not run:
        return []
    of = next((k for k, (_, w) in enumerate(run) if w == "of"), None)
    if of and _is_place(" ".join(w for _, w in run[:of])):
        run = run[of + 1:]  # "the plant in Ohio of Larkspur Motors": a place, then whose (not Bank of America)
        if not run:
            return []
    start, end = run[0][0], run[-1][0] + len(run[-1][1])
    surface = text[start:end].rstrip(".")
    if len(surface) < 2 or surface.isdigit():
        return []
    at_start = start == 0 or bool(_SENTENCE_START.search(text, max(0, start - 8), start)) \
        or bool(_CAPS_HEADING.fullmatch(text, text.rfind("\n", 0, start) + 1, start)) \
        or bool(_LABEL_DASH.fullmatch(text, text.rfind("\n", 0, start) + 1, start))
    if not at_start:
        capitalised_inside.add(run[0][1])
    # a word opening a sentence before lower-case English, a comma or a figure ("Specifically,
    # revenue …", "Nearly 80% of it …")
    english_next = re.match(r"\s[a-z0-9$€£¥]|,", text[end:end + 2]) is not None
    doubtful = at_start and len(run) == 1 and not surface.isupper() and english_next
    return [(start, start + len(surface), surface, doubtful)]


# A result's period right after a name (奔驰第三季度, 贝壳2025年上半年), not a day's or a month's (交易日)
_PERIOD_AFTER = r"(?:20\d\d年?)?(?:第?[一二三四1-4]季度|[上下]半年|前三季度|全年|20\d\d年)"
_DATE_WORDS = re.compile(r"(?:年度|年|月|日|号|财年|(?:第?[一二三四1-4])?季度|上半年|下半年|前三季度|半年)+")


def _run_start(text: str, k: int, most: int, r: NameRules) -> int:
    """Where the run of Chinese before `k` (at most `most` characters) starts: after a break (与蜜雪集团),
    or at a name's opening character (中金公司) that opens the run or whose name the text writes
    elsewhere at a run's opening (持有中金公司 … ，中金公司), else after it (在竞争对手中澄川集团: 澄川集团)."""
    i = k
    while i > 0 and k - i < most and _in_run(text[i - 1], r):
        i -= 1
        if text[i] in r.zh_openers and i > 0 and _in_run(text[i - 1], r):
            # ... unless the text writes it so elsewhere; or a name's suffix ends right before it and
            # the text opens a run elsewhere with its first two characters (快递公司中通快递 … "中通":
            # a description, then the name; not 这些集团中澄川集团, "among")
            if _opens_elsewhere(text, i, k, r) or _opens_elsewhere(text, i, i + 2, r) and any(
                    r.zh_suffixes.fullmatch(text, j, i) for j in range(max(0, i - 6), i - 1)):
                break
            return i + 1  # ... inside a run, 中 is "in, among" (报告期中, 其中)
    return i


def _in_run(c: str, r: NameRules) -> bool:
    return "\u4e00" <= c <= "\u9fff" and c not in r.zh_breaks


def _opens_elsewhere(text: str, i: int, k: int, r: NameRules) -> bool:
    """Does the text write text[i:k] somewhere else at a run's opening (after a break, a punctuation
    mark or a Latin letter)?"""
    name = text[i:k]
    at = text.find(name)
    while at >= 0:
        if at != i and (at == 0 or not _in_run(text[at - 1], r)):
            return True
        at = text.find(name, at + 1)
    return False


def _registered_place(word: str, r: NameRules) -> bool:
    """A place as a registered name holds it in brackets (开曼 of 开曼群岛, 香港), or a suffix (集团)."""
    from reconcile.extraction.lexicon import lexicon

    return _is_place(word) or bool(r.zh_suffixes.fullmatch(word)) \
        or any(p.startswith(word) for p in lexicon().places if not p.isascii())


def chinese_names(text: str) -> list[tuple[int, int, str]]:
    """(start, end, surface) of Chinese organisation names ending in a suffix (蜜雪集团)."""
    r = data().memo(_rules)
    out = []
    for m in r.zh_suffixes.finditer(text):
        k = m.start()
        i = _run_start(text, k, 8, r)
        # a registered name holds its place in brackets (中通快递(开曼)有限公司, 广发证券(香港)经纪有限公司)
        place = _PLACE_BRACKET.search(text, max(0, i - 7), i)
        held = 0  # the bracket's length, no part of the run's
        if place and place.end() == i and _registered_place(place.group()[1:-1], r) \
                and (before := _run_start(text, place.start(), 8, r)) <= place.start() - 2:
            i, held = before, place.end() - place.start()
        prefix = text[i:k]
        # a verb before the company opens it (带动澄川能源集团: 澄川能源集团; 维持公司: none), or ends what
        # precedes it (华源证券看好公司: 公司 alone, none); so does a report's verb that opens the run or
        # follows a report's noun (…报告，显示集团; 财报显示公司), never one after a name (乐金显示公司 is LG Display)
        cut = max((prefix.rfind(v) + len(v) for v in r.object_verbs if v in prefix), default=0)
        cut = max(cut, max((e.end() for e in r.zh_saying.finditer(prefix)), default=0))
        for v in r.report_verbs:
            at = prefix.rfind(v)
            # ... opening the run, after a report's noun, or with a name of two characters after it
            if at == 0 or at > 0 and (prefix[:at].endswith(r.zh_generic_end + r.report_nouns)
                                      or len(prefix) - at - len(v) >= 2):
                cut = max(cut, at + len(v))
        if i > 0 and k - i - held >= 8 and not cut:  # no boundary found: a run of text, not a name
            continue
        i, prefix = i + cut, prefix[cut:]
        if i > 0 and (text[i - 1].isdigit() or text[i - 1] == " " and i > 1 and text[i - 2].isdigit()):
            # a run glued to a figure before it (or one space after it) opens with the figure's words: a
            # date's are cut (10月18日澄川集团: 澄川集团; 2025年第三季度集团: none), a count's end it (3家公司,
            # 13 个受监管交易所: none)
            date = _DATE_WORDS.match(prefix)
            if not date:
                continue
            i, prefix = i + date.end(), prefix[date.end():]
        if len(prefix) < 2 or prefix.startswith(r.zh_generic) or prefix.endswith(r.zh_generic_end) \
                or r.zh_suffixes.fullmatch(prefix):  # 铁路公司, 高速公路隧道: a kind of thing, no name
            continue
        if m.group() in r.zh_projects and text.count(text[i:m.end()]) < 2:
            continue  # 承建的跨海大桥: what is built, not a project's name
        if m.group() not in r.suffixes and text.startswith(r.zh_business_lines, m.end()) \
                and not _written_alone(text, text[i:m.end()], r.zh_business_lines):
            continue  # 环球银行业务, never 环球银行 alone: a bank's line of business (澄川集团业务收入 is 澄川集团's)
        out.append((i, k, m.end()))
    return _trim_to_written_alone(text, out)


def _trim_to_written_alone(text: str, runs: list[tuple[int, int, int]]) -> list:
    """(start, end, surface) of each run (start, suffix's start, end). A name glued to the words
    before it (蚂蚁依托耀才证券, 反观腾讯系富途控股) is its shortest ending that the text writes as a
    name of its own elsewhere (耀才证券, 富途控股)."""
    written = {text[i:end] for i, _, end in runs}
    out = []
    for i, k, end in runs:
        # (two characters at least before the suffix: 耀才证券, never 才证券 of a longer name; the
        # shortest such ending, 耀才证券 of 共收购耀才证券 when 收购耀才证券 is written too)
        i = next((j for j in range(k - 2, i, -1) if text[j:end] in written), i)
        out.append((i, end, text[i:end]))
    return out


def _written_alone(text: str, name: str, after: tuple[str, ...]) -> bool:
    """Does the text write `name` somewhere without one of `after` right after it?"""
    at = text.find(name)
    while at >= 0:
        if not text.startswith(after, at + len(name)):
            return True
        at = text.find(name, at + 1)
    return False


def chinese_leads(text: str, title: str, body_start: int = 0) -> list[tuple[int, int, str]]:
    """Chinese names without a suffix: the opening of the title that the body (text from
    `body_start`) repeats (宁德时代 in 宁德时代第三季度业绩飙升…), a name right before a verb of
    saying (蜜雪冰城表示) that opens a line or is written more than once, a name glossed by its
    Latin spelling in brackets (茶饮品牌霸王茶姬(Chagee): 霸王茶姬, the longest ending of the run
    before the bracket that the text writes as often as its last two characters, twice at least)."""
    # Every run the rules below ask about is counted in one pass over the text, not one each (a
    # long text asks about thousands): the rules run once to learn what they ask, then on the counts.
    asked: set[str] = set()
    _leads(text, title, body_start, lambda s: asked.add(s) or 0)
    counts = occurrences(text, asked)
    names = _leads(text, title, body_start, lambda s: counts[s] if s in counts else text.count(s))
    if not names:
        return []
    found = occurrences(text, names, where=True)
    return [(i, i + len(name), name) for name in names for i in found[name]]


def occurrences(text: str, words, where: bool = False) -> dict:
    """How often each of `words` occurs in `text`, as str.count counts (an occurrence that overlaps
    the word's previous one is not counted: 多多 twice in 多多多), in one pass of an Aho-Corasick
    automaton; with `where`, the start of each occurrence instead."""
    out: dict = {w: [] if where else 0 for w in words}
    automaton, patterns = _automaton(dict.fromkeys(words))
    if automaton is None:
        return out
    free_from = dict.fromkeys(patterns, 0)  # where each word's next occurrence may start
    for k, start, end in sorted(automaton.find_matches_as_indexes(text, overlapping=True), key=lambda h: h[1]):
        word = patterns[k]
        if start < free_from[word]:
            continue
        free_from[word] = end
        if where:
            out[word].append(start)
        else:
            out[word] += 1
    return out


def _leads(text: str, title: str, body_start: int, count) -> set[str]:
    """chinese_leads' names, `count(s)` giving how often the text writes s."""
    r = data().memo(_rules)
    names: set[str] = set()

    def repeated_ending(run: str, most: int) -> str | None:
        """The longest ending of `run` (two to `most` characters) that the text writes twice at least
        and at least half as often as its last two characters."""
        base, best = count(run[-2:]), None
        for n in range(2, min(most, len(run)) + 1):
            count_n = count(run[-n:])
            if count_n >= 2 and count_n * 2 >= base:
                best = run[-n:]
        return best

    def bounded(i: int) -> bool:
        return i == 0 or not ("\u4e00" <= text[i - 1] <= "\u9fff") or text[i - 1] in r.zh_breaks

    def a_name(run: str | None, coded: bool = False) -> bool:
        """Not a generic word, nor a corporate suffix alone (科技公司(Hexaware …): 公司 is no name). A run
        of three characters or more right before its stock code may open as a generic word does
        (小马智行-W(02026.HK), 新东方): the code says it is a company's name."""
        return bool(run) and not run.startswith(r.object_verbs) \
            and not (run.startswith(r.zh_generic) and not (coded and len(run) >= 3)) \
            and not run.endswith(r.zh_generic_end) and not r.zh_suffixes.fullmatch(run) and not _money_word(run)

    for m in _GLOSSED.finditer(text):
        run = m.group(1)
        cut = max(run.rfind(c) for c in r.zh_breaks) + 1 if r.zh_breaks else 0  # 中石油与俄罗斯天然气…: after 与
        best = repeated_ending(run[cut:], len(run)) if len(run) - cut >= 2 else None
        # (a word of the language glossed is what the thing is called: 南澳大利亚铜矿(Copper SA) is a
        # copper mine, 铜矿 no company; jieba's dictionary says which runs are words)
        if a_name(best) and best not in dictionary_words():
            names.add(best)
    # A run right before its stock code (中國龍頭冷氣製造商奧克斯電氣(02580.HK), 雙登股份（6960）): the
    # whole run when it stands alone and the text writes it again (at most six characters: 中通快递-W
    # (02057), not its word 快递; never 首选中通快递 or 与中通快递, written once), else its ending the
    # text repeats.
    for m in r.code.finditer(text):  # the codes first, then the run of Chinese before each
        i = k = m.start()
        while i > 0 and k - i < 12 and "\u4e00" <= text[i - 1] <= "\u9fff":
            i -= 1
        run = text[i:k]
        alone = run if 2 <= len(run) <= 6 and bounded(i) and count(run) >= 2 else None
        best = next((x for x in (alone, repeated_ending(run, 8)) if a_name(x, coded=True)), None)
        if len(run) >= 2 and best and code_after(text, k, best):
            names.add(best)
    # A short name defined in brackets right after a full name that ends in a suffix, its first
    # character the full name's: 长鑫科技 of 长鑫科技集团股份有限公司(以下简称“长鑫科技”), though the
    # run before the suffix has no boundary a name starts at (上交所披露已受理长鑫科技集团…). Not 本公司,
    # 公司, nor 标的公司 (another company's), a party's role (甲方) or 净利润 after a metric's words.
    for m in r.zh_defined.finditer(text):
        short, before = m.group(1), text[max(0, m.start() - 30):m.start()].rstrip()
        if re.search(r"(?:%s)\Z" % r.zh_suffixes.pattern, before) and short[0] in before and a_name(short) \
                and short not in r.zh_roles:
            names.add(short)
    title = title.lstrip()  # a headline on its own line may follow a blank line
    lead = re.match(r"[\u4e00-\u9fff]{2,8}", title)
    if lead and _DASH_LABEL_AFTER.match(title, lead.end()) and lead.group().endswith(r.headings):
        lead = None  # a heading run into its text (核心观点 - 公司…, 业绩表现 - 第三季度…): a label
    if lead:
        run = lead.group(0)
        # a verb of saying ends the name (凯斯卓涂料宣布合并: 凯斯卓涂料, not 凯斯卓涂料宣)
        said = r.zh_saying.search(run, 2)
        run = run[:said.start()] if said else run
        # the title itself does not count (艾克米业绩 is no name for 艾克米汽车), nor the body's copy of it
        # (a page that prints its headline twice would make every opening of it a name: 缩水近)
        body = text[body_start:].replace(title.strip(), " ") if len(title.strip()) >= len(run) else text[body_start:]
        base = body.count(run[:2])
        best = None
        for n in range(2, min(6, len(run)) + 1):
            if base >= 1 and body.count(run[:n]) * 2 >= base:
                best = run[:n]
        if a_name(best) and not _opens_with_figure(best) and not title.startswith(r.trades, len(best)):
            names.add(best)
    for m in r.zh_saying.finditer(text):
        k = m.start()
        i = _run_start(text, k, 6, r)
        prefix = text[i:k]
        # (a Latin letter or digit glued before is the run's first word: B类普通股预计 is "class B shares")
        boundary = i == 0 or text[i] in r.zh_openers or text[i - 1] in r.zh_openers or not ("\u4e00" <= text[i - 1] <= "\u9fff" or text[i - 1].isascii() and text[i - 1].isalnum()) \
            or text[i - 1] in r.zh_breaks
        opens_line = i == 0 or text[i - 1] == "\n"
        if 2 <= len(prefix) <= 5 and boundary and (opens_line or count(prefix) >= 2) \
                and not _generic_before_saying(prefix, r):
            names.add(prefix)
    names = {_without_time_word(n, r) for n in names} - {""}
    if names:
        # A word of the language (近期宣布, 合作表示, 咖啡季报; 音乐, the ending of 腾讯音乐 a code follows) is
        # no name, unless the text writes it on its own right before a period, as a company's name
        # (奔驰第三季度, 贝壳2025年上半年)
        from reconcile.name_alignment import common_words

        common = common_words()
        names = {n for n in names if n not in common
                 or re.search(r"(?<![\u4e00-\u9fff])" + re.escape(n) + _PERIOD_AFTER, text)}
    return names


def _generic_before_saying(run: str, r) -> bool:
    """A run before a verb of saying that names no one: 公司表示 ("the company"), 消费板块预计."""
    return run.startswith(r.zh_generic + r.object_verbs) or run.endswith(r.zh_generic_end + r.zh_saying_not_end) \
        or bool(r.zh_suffixes.fullmatch(run))


def _without_time_word(name: str, r) -> str:
    """A Chinese run less a word of time at its end (保时捷近日: 保时捷); "" when too little is left,
    or what is left names no one (公司近日: 公司 is "the company")."""
    for t in r.zh_time_words:
        if name.endswith(t):
            name = name[:-len(t)]
            if _generic_before_saying(name, r):
                return ""
            break
    return name if len(name) >= 2 else ""


def not_names() -> frozenset[str]:
    """Capitalised words that are never a name (rules/attribution.toml [names] not_names)."""
    return data().memo(_rules).not_names


def _currency_heads() -> dict[str, tuple[str, ...]]:
    """The Latin letters that open a currency sign (NT of NT$, HK of HK$, Mex of Mex$: units/lexicon.toml
    [currency_symbols]) -> the signs they open: a word so written is the sign's, never a name."""
    return data().memo(_read_currency_heads)


def _read_currency_heads(d) -> dict[str, tuple[str, ...]]:
    from reconcile.extraction.lexicon import lexicon

    heads: dict[str, list[str]] = {}
    for sign in lexicon().currency_prefix:
        m = re.match(r"[A-Za-z]+", sign)
        if m and m.end() < len(sign) and not sign[m.end()].isalpha() and not sign[m.end()].isspace():
            heads.setdefault(m.group(0), []).append(sign)
    return {h: tuple(signs) for h, signs in heads.items()}


def _money_word(run: str) -> bool:
    """Whether a title's opening is a word of money (斥资64亿美元…, 营收…: units/lexicon.toml
    [money_context]), a verb or a noun, never a company."""
    from reconcile.extraction.lexicon import lexicon

    return run in lexicon().money_context


def _opens_with_figure(run: str) -> bool:
    """Whether a title's opening is a figure (三年2600亿元！…: 三年 is a span, not a name; 三星 is one)."""
    from reconcile.extraction.figures import extract_text  # figures loads the lexicons names does not need

    return any(f.start == 0 for f in extract_text(run))


def _ticker_brackets(text: str, names: list[Name]):
    """(name, match, the names inside the brackets) for each name followed by its tickers in
    brackets (a corporate suffix between)."""
    r = data().memo(_rules)
    starts = [n.start for n in names]
    for n in names:
        m = r.ticker.match(text, r.share_class.match(text, r.suffix_gap.match(text, n.end).end()).end())
        if m:
            i, j = bisect.bisect_left(starts, m.start()), bisect.bisect_left(starts, m.end())
            yield n, m, names[i:j]


def code_after(text: str, end: int, name: str) -> bool:
    """Whether a stock code in brackets follows `name` at `end`: a ticker with its market
    ((02580.HK), (NYSE: KMB)), or a code alone, four digits only after a name ending as a company's
    does (奥克斯电气（2580）, not 门店总数（1200）)."""
    r = data().memo(_rules)
    end = r.share_class.match(text, end).end()
    if r.ticker.match(text, end):
        return True
    m = r.bare_code.match(text, end)
    return bool(m) and (len(m.group("code")) > 4 or name.endswith(r.endings))


def ends_in_suffix(surface: str) -> bool:
    """Does a name end in a corporate suffix that is not all of it (Zorvane Holdings, 奥克斯电气有限公司),
    a word of its own in Latin script (not NASA's SA)?"""
    suffix = corporate_suffix(surface)
    return bool(suffix) and suffix != surface and not (suffix[0].isascii() and surface[-len(suffix) - 1].isalnum())


def certified(text: str, name: Name) -> bool:
    """Whether the text shows an unlisted name to be a company's: it ends in a corporate suffix,
    a word of its own in Latin script (奥克斯电气有限公司, Zorvane Holdings; not NASA's SA), or its
    stock code follows in brackets (奧克斯電氣（2580）)."""
    r = data().memo(_rules)
    surface = text[name.start:name.end]
    if ends_in_suffix(surface):
        return True
    if r.ticker.match(text, r.suffix_gap.match(text, name.end).end()):
        return True
    return "\u4e00" <= surface[-1:] <= "\u9fff" and code_after(text, name.end, surface)


def tickers(text: str, names: list[Name]) -> list[tuple[str, str]]:
    """Aliases (name id, ticker id) for names followed by their tickers: 寧德時代(300750.SZ/03750.HK);
    and (name id, code's id) where the code is also read as a name: "Luckin Coffee (OTC: LKNCY)"."""
    out = []
    for n, m, inside in _ticker_brackets(text, names):
        codes = set()
        for code in _TICKER_SEPARATOR.split(m.group(1)):
            code = _OTC_TIER.sub("OTC", re.sub(r"\s", "", code).replace("：", ":"))
            out.append((n.id, "ticker:" + _market_code(code.upper())))
            codes.add(code.rsplit(":", 1)[-1].upper())
        out += [(n.id, o.id) for o in inside if o.id != n.id and text[o.start:o.end].upper() in codes]
    return out


def _market_code(code: str) -> str:
    """One id for a letter code however copy writes it: NASDAQ:DJT, NYSE:DJT, DJT.O and DJT.US are all
    US:DJT (a US code names one company across its exchanges), ASX:WDS and WDS.AX are AU:WDS; others
    as written (300750.SZ)."""
    r = data().memo(_rules)
    market, _, rest = code.rpartition(":")
    rest = rest.rstrip(".")  # "(LSE: RR.)": the sentence's full stop, not the code's
    stem, _, suffix = rest.rpartition(".")
    for country, (exchanges, suffixes) in r.letter_markets.items():
        if stem.isalpha() and suffix in suffixes and market in ("", *exchanges):
            return f"{country}:{stem}"  # DJT.O, and "NASDAQ: DJT.O"
        if market in exchanges:
            return f"{country}:{rest}"
    return code


def ticker_owners(text: str, names: list[Name]) -> dict[int, str]:
    """{start: id} for names inside a ticker's brackets (NYSE, KMB in "Kimberly-Clark (NYSE: KMB)"):
    each stands for the company before the brackets, never for itself."""
    return {o.start: n.id for n, _, inside in _ticker_brackets(text, names) for o in inside}


def glossed(text: str, listed: list[Name]) -> list[Name]:
    """A listed company's Latin name glossed in Chinese in brackets (Qualcomm(高通)): the gloss names
    that company wherever the article writes it (高通本季营收…), though the lists leave it out as
    a word's part (高通胀). Only a listed company's, the gloss a part of one of its listed Chinese
    names, and none that reads as a description ([names] gloss_not: Liberty Telecom(电信资产))."""
    r = data().memo(_rules)
    entities = data().toml("entities.toml")
    runs: dict[str, str] = {}
    for n in listed:
        if text[n.start:n.end].isascii() and (m := _GLOSS_AFTER.match(text, n.end)) is not None:
            run, spec = m.group(1), entities.get(n.id, {})
            # a company's, and a part of one of its listed Chinese names (高通 of 高通公司): "Tesla（电动车）"
            # or "ChatGPT（聊天机器人）" is a description, not a name
            if spec.get("kind", "company") == "company" and any(run in normalize(x) for x in spec.get("names", ())) \
                    and not any(w in run for w in r.gloss_not):
                runs.setdefault(run, n.id)
    return [Name(m.start(), m.end(), eid, True) for run, eid in runs.items() for m in re.finditer(re.escape(run), text)]


def _legal_tail(text: str, at: int) -> bool:
    """The rest of a registered name after a bracket ("Orvane (Shanghai) Industrial Co.", 澄湾（上海）
    实业有限公司): the bracket holds a place inside the name, never another name for it."""
    r = data().memo(_rules)
    if r.legal_tail.match(text, at):
        return True
    han = re.match(r"[\u4e00-\u9fff]{2,8}", text[at:at + 8])
    return bool(han) and (han.group().startswith(r.endings) or bool(r.zh_suffixes.match(han.group())))


def bracket_aliases(text: str, names: list[Name]) -> list[tuple[str, str]]:
    """(id, id) for a name written right after another in brackets (a corporate suffix between):
    宁德时代（CATL）, CATL (宁德时代), "Xiaomi Corp. (XIACF)"; and tickers()."""
    r = data().memo(_rules)
    by_start = {n.start: n for n in names}
    out = []
    for n in names:
        m = r.bracket_open.match(text, r.suffix_gap.match(text, n.end).end())
        if m and m.end() in by_start:
            other = by_start[m.end()]
            # the bracketed name ends there, its suffix's full stop at most between
            # (奥克斯电气有限公司(AUX ELECTRIC CO., LTD., 02580.HK))
            close = re.match(r"[\"”」』’]?\.?\s?[)）,，/]|[\"”」』’]\s(?:or|and)\s", text[other.end:other.end + 6] or ")")
            if other.id != n.id and close and not _legal_tail(text, other.end + close.end()):
                out.append((n.id, other.id))
    return out + tickers(text, names)

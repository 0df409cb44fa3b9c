"""Chinese names that no list knows and no suffix marks, found by repetition: a run the article writes
again and again (依维柯, 塔塔汽车, 必和必拓) that the language's dictionary does not know as a word.

Chinese copy names an unlisted company bare once it has introduced it (or never introduces it at all),
so neither a corporate suffix nor a gloss finds it. What gives it away is the article itself: it is
written many times, always whole (no longer run is nearly as frequent), and it is no word of Chinese
(jieba's dictionary of 349,000 words and their frequencies says which runs are: the 50,000 it saw
30 times or more and does not tag as names). Words of the trade
that the dictionary does not hold (营收, 财报) are the attributor's to drop as metric and period words.
rules/attribution.toml [names.repeated] holds the thresholds.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reconcile.data.loader import data
from reconcile.extraction.normalize import is_han

_HAN_RUN = re.compile(r"[\u3400-\u9fff]{2,}")
_FORMAT = 1  # the cached word list's: raise it when build() keeps other words


@dataclass(frozen=True, slots=True)
class RepeatRules:
    least: int  # times written, at least
    window: int  # characters read from the start of a document
    longest: int  # characters in a name, at most
    whole: float  # a run is a piece of a longer one when that one is written this share of its times
    not_at_ends: frozenset[str]  # characters that never open or end a name (的, 将, 年)
    not_after: frozenset[str]  # characters a name is never written right after (digits: 6吉瓦 is a unit)
    opens_after: frozenset[str]  # besides punctuation and space, what a clause's subject may follow (与, 对)
    before: tuple[str, ...]  # words a subject is followed by (将, 表示, 旗下)
    verb_starts: frozenset[str]  # their first characters
    subject_word: re.Pattern  # any of them
    common: frozenset[str]  # words of the language (jieba's dictionary, common enough)


def _repeat_rules(d) -> RepeatRules:
    r = d.toml("attribution.toml")["names"]["repeated"]
    return RepeatRules(least=int(r["least"]), window=int(r["window"]), longest=int(r["longest"]),
                       whole=float(r["whole"]), not_at_ends=frozenset(r["not_at_ends"]),
                       not_after=frozenset(r["not_after"]), opens_after=frozenset(r["opens_after"]),
                       before=tuple(r["subject_before"]), verb_starts=frozenset(w[0] for w in r["subject_before"]),
                       subject_word=re.compile("|".join(map(re.escape, sorted(r["subject_before"], key=len, reverse=True)))),
                       common=frozenset(_common_words(int(r["common_frequency"]), tuple(r["name_tags"]))))


def dictionary_words() -> frozenset[str]:
    """The common words of Chinese that are no names (jieba's dictionary, rules/attribution.toml
    [names.repeated] common_frequency and name_tags)."""
    return data().memo(_repeat_rules).common


def _common_words(least: int, name_tags: tuple[str, ...]) -> list[str]:
    """Words of two characters or more of jieba's dictionary, seen `least` times in its corpus and
    tagged as no name (nr, nz, nt …: 辉瑞 and 比亚迪 are in the dictionary, as names). Cached as JSON
    by jieba's version, thresholds included."""
    import importlib.metadata as md
    from importlib.resources import files

    from reconcile.extraction.lexicon import cache_folder, cached_json

    def build() -> list[str]:
        out = []
        with (files("jieba") / "dict.txt").open(encoding="utf-8") as f:
            for line in f:
                word, count, tag = line.split()
                if len(word) >= 2 and int(count) >= least and tag not in name_tags:
                    out.append(word)
        return out

    version = md.version("jieba")
    name = f"jieba-common-{_FORMAT}-{version}-{least}-{'-'.join(name_tags)}.json"
    value = cached_json(cache_folder() / name, build)
    return value if isinstance(value, list) else build()


def _uncovered(word: str, common: frozenset[str], longest: int) -> list[bool]:
    """For each character of `word`, whether no common word covers it (the longest first, left to right)."""
    free = [True] * len(word)
    i = 0
    while i < len(word):
        for n in range(min(longest, len(word) - i), 1, -1):
            if word[i:i + n] in common:
                free[i:i + n] = [False] * n
                i += n
                break
        else:
            i += 1
    return free


def repeated_names(text: str) -> list[str]:
    """Runs of Chinese that read as names of no list: written once at least as a clause's subject
    (opening the clause, after punctuation, a space or a word such as 与, and followed by a verb or a
    word a subject takes: 将, 表示, 旗下) and `least` times at least in the document's opening
    `window`, never mostly as part of a longer run, opening with two characters no common word
    covers (塔塔汽车, not 收购依维柯 or 印度塔塔), not a common word themselves, neither opening nor
    ending with a word of grammar or time. The subjects are found first, by their verbs: the rest is
    counted for them only."""
    if not _HAN_RUN.search(text):
        return []  # (English copy never loads the dictionary)
    r = data().memo(_repeat_rules)
    text = text[:r.window]
    out = []
    for word in _subjects(text, r):
        n = text.count(word)
        if n < r.least or word[0] in r.not_at_ends or word[-1] in r.not_at_ends or word in r.common \
                or word.endswith(r.before):  # (依维柯表示, 卡维隆计划: a name and its verb)
            continue
        free = _uncovered(word, r.common, r.longest)
        if not (free[0] and free[1]):
            continue
        places = [(m.start(), m.end()) for m in re.finditer(re.escape(word), text)]
        written_after = {text[s - 1] for s, _ in places if s}
        if written_after & r.not_after:
            continue  # 6吉瓦: a unit or a counter
        before = {b for b in written_after if is_han(b)}  # (诺德 of 诺和诺德 is a piece, 和 or not)
        after = {a for a in {text[e] for _, e in places if e < len(text)} - r.not_at_ends - r.verb_starts if is_han(a)}
        if any(text.count(b + word) >= r.whole * n for b in before) \
                or any(text.count(word + a) >= r.whole * n for a in after):
            continue  # a piece of a longer run (not of itself and the word of grammar or verb always after it)
        if not _a_kind_of_thing(word):
            out.append(word)
    return out


def _subjects(text: str, r: RepeatRules) -> set[str]:
    """The runs of two to `longest` Chinese characters written as a clause's subject: right before one
    of the subject's words, opening the clause (after a character that is no Chinese one, or after
    one of `opens_after`)."""
    out = set()
    for m in r.subject_word.finditer(text):
        e = k = m.start()
        while k > 0 and e - k < r.longest and is_han(text[k - 1]):
            k -= 1
        for s in range(k, e - 1):
            if s == 0 or not is_han(text[s - 1]) or text[s - 1] in r.opens_after:
                out.add(text[s:e])
    return out


def _a_kind_of_thing(word: str) -> bool:
    """Is it a kind of thing the name rules know (a generic opening or ending, a report's noun, a trade's
    word such as 赛道, a business line, a corporate suffix alone, a word of money such as 营收)?"""
    from reconcile.extraction.names import _money_word, _rules

    n = data().memo(_rules)
    return word.startswith(n.zh_generic + n.object_verbs) or word.endswith(n.zh_generic_end + n.report_nouns) \
        or word.endswith(n.trades + n.zh_business_lines) or bool(n.zh_suffixes.fullmatch(word)) or _money_word(word)

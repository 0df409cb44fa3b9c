"""Finding the words of a lexicon (names, metric words, period words) in text."""
from __future__ import annotations

import re

# A-Z to a-z, on UTF-8 bytes: str.translate looks up every character of a Chinese text in a
# dict; in UTF-8, bytes A-Z only ever stand for those letters.
_ASCII_LOWER = bytes.maketrans(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"abcdefghijklmnopqrstuvwxyz")


class WordScanner:
    """Finds the words of a lexicon in text, leftmost-longest, without a giant regex: a dict look-up
    at each position whose character can start a word (a regex alternation of hundreds of words
    with boundaries tries every one of them at every position). Latin words match whole words
    only, in any case, except those in `exact` (US is not "us")."""

    def __init__(self, words: dict[str, str], exact: set[str] = frozenset()):
        self.words = words  # lower-cased key -> id
        self.exact: dict[str, set[str]] = {}
        for w in exact:
            self.exact.setdefault(_key(w), set()).add(w)
        self.lengths: dict[str, list[int]] = {}
        for w in words:
            self.lengths.setdefault(w[0], set()).add(len(w)) if w else None
        self.lengths = {c: sorted(ls, reverse=True) for c, ls in self.lengths.items()}
        # Every prefix of a word (the words too): from a start, the text is read on only while it is
        # one, so a position costs the length of the longest prefix there, not one look-up for each
        # length of word that its character starts.
        self.prefixes = {w[:k] for w in words for k in range(1, len(w) + 1)}
        # Where a word can start: a Latin letter or digit only after a character that is neither
        # (every word starting with one must be whole), any other first character anywhere.
        latin = [c for c in sorted(self.lengths) if _is_word(c)]
        other = [c for c in sorted(self.lengths) if not _is_word(c)]
        alternatives = ([rf"(?<![A-Za-z0-9])[{''.join(map(re.escape, latin))}]"] if latin else []) + \
            ([f"[{''.join(map(re.escape, other))}]"] if other else [])
        self.starts = re.compile("|".join(alternatives) or "(?!)")
        self._automaton = None  # (Aho-Corasick automaton, its patterns), built at the first scan

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, id) of the words in `text`, leftmost first; at each start the longest word
        that is whole there (Latin words), then on after it."""
        lowered = _key(text)  # same length as text
        if self._automaton is None:
            self._automaton = _automaton(self.words)
        automaton, patterns = self._automaton
        if automaton is not None:
            try:
                found = automaton.find_matches_as_indexes(lowered, overlapping=True)
            except UnicodeEncodeError:  # a lone surrogate: read it as below
                pass
            else:
                return self._chosen(text, sorted([(s, s - e, patterns[k]) for k, s, e in found]))
        return self._walk(text, lowered)

    def _chosen(self, text: str, candidates: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """From every word in the text, (start, -length, key) sorted, the hits _walk chooses: at
        each start the longest that is whole there, and the next start after its end."""
        n = len(text)
        hits = []
        pos = 0
        exact, words = self.exact, self.words
        for i, minus, key in candidates:
            if i < pos:
                continue
            length = -minus
            if key[0].isascii() and key[0].isalnum() and i > 0 and _is_word(text[i - 1]):
                continue
            if key[-1].isascii() and key[-1].isalnum() and i + length < n and _is_word(text[i + length]):
                continue
            if key in exact and text[i:i + length] not in exact[key]:
                continue
            hits.append((i, i + length, words[key]))
            pos = i + length
        return hits

    def _walk(self, text: str, lowered: str) -> list[tuple[int, int, str]]:
        """scan() without the automaton: a look-up at each position that can start a word."""
        n = len(text)
        hits = []
        pos = 0
        prefixes, words = self.prefixes, self.words
        while True:
            m = self.starts.search(lowered, pos)  # the next character that can start a word
            if m is None:
                return hits
            i = pos = m.start()
            found = []  # the lengths of the words at i, shortest first
            end = i + 1
            while end <= n:
                key = lowered[i:end]
                if key not in prefixes:
                    break
                if key in words:
                    found.append(end - i)
                end += 1
            for length in reversed(found):
                key = lowered[i:i + length]
                if key[0].isascii() and key[0].isalnum() and i > 0 and _is_word(text[i - 1]):
                    continue
                if key[-1].isascii() and key[-1].isalnum() and i + length < n and _is_word(text[i + length]):
                    continue
                if key in self.exact and text[i:i + length] not in self.exact[key]:
                    continue
                hits.append((i, i + length, self.words[key]))
                pos = i + length - 1
                break
            pos += 1


def _automaton(words: dict[str, str]):
    """(Aho-Corasick automaton of the words, the words in its order), or (None, None) without
    ahocorasick_rs: every occurrence of every word, overlapping, in one pass in native code, where
    a look-up at each position costs a Python loop step per character of a Chinese text."""
    try:
        import ahocorasick_rs
    except ImportError:  # pragma: no cover - a declared dependency
        return None, None
    patterns = [w for w in words if w]
    if not patterns:
        return None, None
    return ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard), patterns


def _key(text: str) -> str:
    """Lexicon keys and text are compared with ASCII letters lower-cased (MSFT = msft; 微软 as is)."""
    return text.encode("utf-8", "surrogatepass").translate(_ASCII_LOWER).decode("utf-8", "surrogatepass")


def _is_word(c: str) -> bool:
    return c.isascii() and c.isalnum()

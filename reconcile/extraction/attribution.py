"""Attribution: what each figure is about — an entity, a metric and a period.

Entities come from rules/entities.toml, metrics from rules/metrics.toml and period words from
rules/periods.toml. Each is looked for in the figure's sentence, nearest first; the article's
subject stands in for 公司, 该公司 and "the company".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reconcile.data.loader import data
from reconcile.extraction.documents import Document
from reconcile.extraction.figures import Figure
from reconcile.extraction.normalize import normalize
from reconcile.model import Mention, set_attribution

# Sentence ends, and the " - " between the seed's bullets.
_SENTENCE = re.compile(r"[。！？!?；;\n]|\s-\s|\s\*\s|(?<=\])\s+(?=\S)|\.(?=\s+[A-Z])")
_CLAUSE = re.compile(r"[,，、:：（）()]|\s(?:and|but|while|which)\s")



@dataclass(frozen=True)
class Vocabulary:
    entities: dict[str, str]  # normalised name (lower-cased if Latin) -> entity id
    entity_kind: dict[str, str]  # entity id -> company, country, person …
    entity_scanner: WordScanner
    metrics: dict[str, str]  # word -> metric id
    metric_kinds: dict[str, frozenset[str]]  # metric id -> figure kinds it applies to
    metric_scanner: WordScanner
    periods: dict  # rules/periods.toml, keys normalised
    period_scanners: dict[str, WordScanner]
    pronouns: re.Pattern  # rules/attribution.toml
    objects: re.Pattern


_ASCII_LOWER = {c: c + 32 for c in range(ord("A"), ord("Z") + 1)}


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
        self.starts = re.compile("[" + "".join(map(re.escape, sorted(self.lengths))) + "]" if self.lengths else "(?!)")

    def scan(self, text: str) -> list[tuple[int, int, str]]:
        lowered = text.translate(_ASCII_LOWER)  # same length as text
        n = len(text)
        hits = []
        pos = 0
        while True:
            m = self.starts.search(lowered, pos)  # the next character that can start a word
            if m is None:
                return hits
            i = pos = m.start()
            for length in self.lengths[lowered[i]]:
                key = lowered[i:i + length]
                if len(key) < length or key not in self.words:
                    continue
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


def _words_re(words: list[str]) -> re.Pattern:
    """Any of `words`, longest first; Latin ones as whole words, in any case."""
    parts = [rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(normalize(w))
             for w in sorted(words, key=len, reverse=True)]
    return re.compile("|".join(parts), re.I)


def _is_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


def vocabulary() -> Vocabulary:
    return data().memo(_vocabulary)


def _vocabulary(d) -> Vocabulary:
    ent = d.toml("entities.toml")
    met = d.toml("metrics.toml")
    per = d.toml("periods.toml")
    steer = d.toml("attribution.toml")
    entities, kinds, exact = {}, {}, set()
    for eid, spec in ent.items():
        kinds[eid] = spec.get("kind", "company")
        exact |= {normalize(n) for n in spec.get("case_sensitive", ())}
        for name in spec["names"]:
            key = normalize(name)
            entities[_key(key)] = eid
    periods = {t: ({_key(normalize(k)): v for k, v in table.items()} if isinstance(table, dict) and t != "spans" else table)
               for t, table in per.items()}
    metrics, metric_kinds = {}, {}
    for mid, spec in met.items():
        metric_kinds[mid] = frozenset(spec.get("kinds", ()))
        for word in spec["words"]:
            key = normalize(word)
            metrics.setdefault(_key(key), mid)
    return Vocabulary(
        entities=entities, entity_kind=kinds, entity_scanner=WordScanner(entities, exact),
        metrics=metrics, metric_kinds=metric_kinds, metric_scanner=WordScanner(metrics),
        periods=periods,
        period_scanners={t: WordScanner({k: k for k in periods[t]}) for t in ("fiscal_years", "quarters", "years")},
        pronouns=_words_re(steer["pronouns"]["words"]), objects=_words_re(steer["objects"]["words"]),
    )


def _key(text: str) -> str:
    """Lexicon keys and text are compared with ASCII letters lower-cased (MSFT = msft; 微软 as is)."""
    return text.translate(_ASCII_LOWER)


def _segments(pattern: re.Pattern, text: str, start: int, end: int) -> list[tuple[int, int]]:
    cuts = [start] + [m.end() for m in pattern.finditer(text, start, end)] + [end]
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _containing(spans: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for a, b in spans:
        if a <= pos < b:
            return a, b
    return spans[-1] if spans else (0, 0)


def _quarter(date: str | None) -> tuple[int, int] | None:
    if not date:
        return None
    return int(date[:4]), (int(date[5:7]) - 1) // 3 + 1


class DocumentAttributor:
    """Attribution for the figures of one document."""

    def __init__(self, doc: Document, vocab: Vocabulary):
        self.doc = doc
        self.v = vocab
        text = doc.text
        self.sentences = _segments(_SENTENCE, text, 0, len(text))
        self.entity_hits = vocab.entity_scanner.scan(text)
        self.metric_hits = vocab.metric_scanner.scan(text)
        self.period_hits = [(start, fmt, vocab.periods[table][key])
                            for table, fmt in (("fiscal_years", "fy"), ("quarters", "q"), ("years", "y"))
                            for start, _, key in vocab.period_scanners[table].scan(text)]
        self.subject = self._subject()

    def _actors(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        """Companies and organisations named in [lo, hi), less objects (为Meta, with Oracle)."""
        return [h for h in self.entity_hits if lo <= h[0] and h[1] <= hi
                and self.v.entity_kind.get(h[2]) in ("company", "organisation") and not self._is_object(h[0], lo)]

    def _is_object(self, pos: int, lo: int) -> bool:
        """与英国AI云平台企业Fluidstack合作: a marker (与, 为, with …) earlier in the same clause."""
        window = re.split(r"[,，;；:：]", self.doc.text[max(lo, pos - 14):pos])[-1]
        return bool(self.v.objects.search(window))

    def _subject(self) -> str | None:
        """The company the article is about: the one that most often opens a sentence."""
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for lo, hi in self.sentences:
            actors = self._actors(lo, hi)
            if actors:
                eid = actors[0][2]
                counts[eid] = counts.get(eid, 0) + (2 if lo < self.doc.title_end else 1)
                first.setdefault(eid, lo)
        if not counts:
            return None
        return max(counts, key=lambda e: (counts[e], -first[e]))

    def _recent_subject(self, before: int) -> str | None:
        """The subject of the nearest earlier sentence that names one: what 公司 and 其 refer to."""
        for lo, hi in reversed([s for s in self.sentences if s[1] <= before]):
            actors = self._actors(lo, hi)
            if actors:
                return actors[0][2]
        return None

    def entity(self, fig: Figure, clause: tuple[int, int], sentence: tuple[int, int]) -> str | None:
        """The actor nearest before the figure in its clause; else the sentence's subject (its first
        actor); else, for 公司/其/the company or a sentence naming nobody, the article's subject."""
        in_clause = self._actors(clause[0], fig.start)
        if in_clause:
            return in_clause[-1][2]
        # Walk back through the sentence's clauses: the nearest one naming an actor gives its
        # first (its subject): "OpenAI上半年净亏损135亿美元,预计到2028年将录得740亿美元的经营亏损".
        for lo, hi in reversed([c for c in _segments(_CLAUSE, self.doc.text, *sentence) if c[1] <= clause[0]]):
            actors = self._actors(lo, hi)
            if actors:
                return actors[0][2]
        if self.v.pronouns.search(self.doc.text, sentence[0], fig.start):
            return self._recent_subject(sentence[0]) or self.subject
        others = [h for h in self.entity_hits if clause[0] <= h[0] and h[1] <= fig.start]
        return others[-1][2] if others else None

    def metric(self, fig: Figure, clause: tuple[int, int], sentence: tuple[int, int]) -> str | None:
        """The metric word nearest the figure, in its clause first, then its sentence."""
        for lo, hi in (clause, sentence):
            hits = [h for h in self.metric_hits if lo <= h[0] and h[1] <= hi
                    and (not self.v.metric_kinds[h[2]] or fig.kind in self.v.metric_kinds[h[2]])]
            if hits:
                def distance(h):
                    return fig.start - h[1] if h[1] <= fig.start else (h[0] - fig.end) + 0.5
                return min(hits, key=lambda h: (abs(distance(h)), h[0]))[2]
        return None

    def period(self, fig: Figure, figures: list[Figure], clause: tuple[int, int],
               sentence: tuple[int, int]) -> str | None:
        if fig.kind in ("date", "duration"):
            return None
        for lo, hi in (clause, sentence):
            # A calendar year or a span (未来8年) in the same clause, nearest before the figure first.
            near = [f for f in figures if f is not fig and lo <= f.start and f.end <= hi
                    and (f.kind == "date" or (f.kind == "duration" and self._is_span(f, lo)))]
            if near:
                f = min(near, key=lambda f: (f.end > fig.start, abs(fig.start - f.end)))
                return self._period_of(f)
            words = self._period_words(lo, hi)
            if words:
                # The period word nearest before the figure, else the nearest after it.
                pos, fmt, offset = min(words, key=lambda w: (w[0] > fig.start, abs(fig.start - w[0])))
                return self._relative(fmt, offset)
        return None

    def _period_words(self, lo: int, hi: int) -> list[tuple[int, str, int]]:
        """(offset, format, offset in periods) of period words (上季度, next fiscal year) in [lo, hi)."""
        return [h for h in self.period_hits if lo <= h[0] < hi]

    def _is_span(self, f: Figure, lo: int) -> bool:
        head = self.doc.text[max(lo, f.start - 16):f.start].lower()
        return any(head.rstrip().endswith(normalize(w)) for w in self.v.periods["spans"]["words"])

    def _period_of(self, f: Figure) -> str:
        if f.kind == "duration":
            return f"next:{f.value:g}y"
        tail = self.doc.text[f.start:f.end]
        year = f"{f.low:.0f}" if f.low == f.high else f"{f.low:.0f}-{f.high:.0f}"
        if tail.upper().startswith("FY") or "财年" in tail:
            return f"FY{year}"
        after = self.doc.text[f.end:f.end + 6]
        before = self.doc.text[max(0, f.start - 20):f.start].lower()  # "the first half of 2025"
        for word, half in self.v.periods["halves"].items():
            if word in tail or after.startswith(word) or re.search(rf"{re.escape(word)}(?: of)?\s*$", before):
                return f"{year}{half}"
        for word, q in self.v.periods["quarter_names"].items():
            if word[0].isascii() and re.search(rf"{re.escape(word.lower())}(?: of)?\s*$", before):
                return f"{year}{q}"
        for word, q in self.v.periods["quarter_names"].items():
            if after.startswith(word):
                return f"{year}{q}"
        return year

    def _relative(self, fmt: str, offset: int) -> str | None:
        q = _quarter(self.doc.date)
        if q is None:
            return None
        year, quarter = q
        if fmt == "y":
            return str(year + offset)
        if fmt == "fy":
            return f"FY{year + offset}"
        n = year * 4 + (quarter - 1) + offset
        return f"{n // 4}Q{n % 4 + 1}"

    def mentions(self, figures: list[Figure], records: list[dict]) -> list[Mention]:
        out = []
        for fig, rec in zip(figures, records):
            sentence = _containing(self.sentences, fig.start)
            clause = _containing(_segments(_CLAUSE, self.doc.text, *sentence), fig.start)
            m = Mention(id=rec["id"], doc=self.doc, fig=fig, record=rec, sentence=sentence, clause=clause)
            set_attribution(m, self.entity(fig, clause, sentence), self.metric(fig, clause, sentence),
                            self.period(fig, figures, clause, sentence))
            out.append(m)
        return out


def attribute(doc: Document, figures: list[Figure], records: list[dict]) -> list[Mention]:
    """Mentions for a document's figures; fills entity, metric and period in the records too."""
    return DocumentAttributor(doc, vocabulary()).mentions(figures, records)

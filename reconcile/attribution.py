"""Attribution: what each figure is about — an entity, a metric and a period.

Entities come from rules/entities.toml, metrics from rules/metrics.toml and period words from
rules/periods.toml. Each is looked for in the figure's sentence, nearest first; the article's
subject stands in for 公司, 该公司 and "the company".
"""
from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass

from reconcile.documents import Document
from reconcile.figures import Figure
from reconcile.model import Mention
from reconcile.normalize import normalize
from reconcile.resources import data_dir

# Sentence ends, and the " - " between the seed's bullets.
_SENTENCE = re.compile(r"[。！？!?；;\n]|\s-\s|\s\*\s|(?<=\])\s+(?=\S)|\.(?=\s+[A-Z])")
_CLAUSE = re.compile(r"[,，、:：（）()]|\s(?:and|but|while|which)\s")
_PRONOUN = re.compile(r"该公司|公司|其|\b(?:the company|the firm|it|its)\b", re.I)
_SPAN_AFTER = re.compile(r"\s*(?:的)?\s*$")


@dataclass(frozen=True)
class Vocabulary:
    entities: dict[str, str]  # normalised name (lower-cased if Latin) -> entity id
    entity_kind: dict[str, str]  # entity id -> company, country, person …
    entity_re: re.Pattern
    metrics: dict[str, str]  # word -> metric id
    metric_kinds: dict[str, frozenset[str]]  # metric id -> figure kinds it applies to
    metric_re: re.Pattern
    periods: dict


def _alternation(words) -> str:
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        e = re.escape(w)
        if w[:1].isascii() and w[:1].isalnum():
            e = r"(?<![A-Za-z0-9])" + e
        if w[-1:].isascii() and w[-1:].isalnum():
            e = e + r"(?![A-Za-z0-9])"
        parts.append(e)
    return "|".join(parts) or "(?!)"


@functools.cache
def vocabulary() -> Vocabulary:
    rules = data_dir("rules")
    ent = tomllib.loads((rules / "entities.toml").read_text(encoding="utf-8"))
    met = tomllib.loads((rules / "metrics.toml").read_text(encoding="utf-8"))
    per = tomllib.loads((rules / "periods.toml").read_text(encoding="utf-8"))
    entities, kinds = {}, {}
    for eid, spec in ent.items():
        kinds[eid] = spec.get("kind", "company")
        for name in spec["names"]:
            key = normalize(name)
            entities[key.lower() if key.isascii() else key] = eid
    metrics, metric_kinds = {}, {}
    for mid, spec in met.items():
        metric_kinds[mid] = frozenset(spec.get("kinds", ()))
        for word in spec["words"]:
            key = normalize(word)
            metrics.setdefault(key.lower() if key.isascii() else key, mid)
    return Vocabulary(
        entities=entities, entity_kind=kinds, entity_re=re.compile(_alternation(entities), re.I),
        metrics=metrics, metric_kinds=metric_kinds, metric_re=re.compile(_alternation(metrics), re.I),
        periods=per,
    )


def _key(text: str) -> str:
    return text.lower() if text.isascii() else text


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
        self.entity_hits = [(m.start(), m.end(), vocab.entities[_key(m.group())])
                            for m in vocab.entity_re.finditer(text)]
        self.metric_hits = [(m.start(), m.end(), vocab.metrics[_key(m.group())])
                            for m in vocab.metric_re.finditer(text)]
        self.subject = self._subject()

    def _subject(self) -> str | None:
        """The company the article is about: the one named most often (headline counts double)."""
        counts: dict[str, float] = {}
        for s, _, eid in self.entity_hits:
            if self.v.entity_kind.get(eid) in ("company", "organisation"):
                counts[eid] = counts.get(eid, 0) + (2 if s < self.doc.title_end else 1)
        if not counts:
            return None
        best = max(counts.values())
        first = {eid: next(s for s, _, e in self.entity_hits if e == eid) for eid in counts}
        return min((eid for eid, c in counts.items() if c == best), key=lambda e: first[e])

    def entity(self, fig: Figure, sentence: tuple[int, int]) -> str | None:
        s, e = sentence
        before = [h for h in self.entity_hits if s <= h[0] and h[1] <= fig.start]
        actors = [h for h in before if self.v.entity_kind.get(h[2]) in ("company", "organisation")]
        pronoun = _PRONOUN.search(self.doc.text, s, fig.start)
        if actors and not (pronoun and pronoun.start() > actors[-1][1] and self.subject):
            return actors[-1][2]
        if pronoun and self.subject:
            return self.subject
        if before:
            return before[-1][2]
        after = [h for h in self.entity_hits if fig.end <= h[0] and h[1] <= e]
        actors = [h for h in after if self.v.entity_kind.get(h[2]) in ("company", "organisation")]
        if actors:
            return actors[0][2]
        return None

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
        text = self.doc.text
        p = self.v.periods
        for lo, hi in (clause, sentence):
            # A calendar year or a span (未来8年) in the same clause, nearest before the figure first.
            near = [f for f in figures if f is not fig and lo <= f.start and f.end <= hi
                    and (f.kind == "date" or (f.kind == "duration" and self._is_span(f, lo)))]
            if near:
                f = min(near, key=lambda f: (f.end > fig.start, abs(fig.start - f.end)))
                return self._period_of(f)
            window = text[lo:hi]
            for table, fmt in (("fiscal_years", "fy"), ("quarters", "q"), ("years", "y")):
                for word, offset in sorted(p[table].items(), key=lambda kv: -len(kv[0])):
                    if normalize(word) in window or (word.isascii() and word in window.lower()):
                        return self._relative(fmt, offset)
        return None

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
        for word, half in self.v.periods["halves"].items():
            if word in tail or after.startswith(word):
                return f"{year}{half}"
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
            m.entity = self.entity(fig, sentence)
            m.metric = self.metric(fig, clause, sentence)
            m.period = self.period(fig, figures, clause, sentence)
            rec["entity"], rec["metric"], rec["period"] = m.entity, m.metric, m.period
            out.append(m)
        return out


def attribute(doc: Document, figures: list[Figure], records: list[dict]) -> list[Mention]:
    """Mentions for a document's figures; fills entity, metric and period in the records too."""
    return DocumentAttributor(doc, vocabulary()).mentions(figures, records)

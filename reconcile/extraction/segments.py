"""A figure's segment: the part of a company its metric is about ("Google Cloud revenue", 在线营销服务
收入, "iPhone sales"), read from the words right before its metric word (rules/attribution.toml
[segments]). A company's revenue and one segment's are two facts; so are two segments' revenues.

The key is comparable within one script only: English words ("en:cloud"), and Chinese as pairs of
characters ("zh:营销"), since Chinese copy is not split into words. Latin words inside Chinese copy
(AI云, iPhone收入) are English words, so 可灵AI收入 and "Kling AI revenue" share "en:ai".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from reconcile.data.loader import data
from reconcile.extraction.normalize import normalize

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9&.'’-]*")
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_HAN = re.compile(r"[\u3400-\u9fff]+")
# What ends a segment walking back from the metric word: a digit (a figure), punctuation, brackets.
_HARD_STOP = re.compile(r"[0-9%％$¥€£,，。、；;:：()（）\[\]【】「」“”\"!?！？\n]")


@dataclass(frozen=True)
class SegmentWords:
    metrics: frozenset[str]  # the metrics whose figures may be a part's
    generic: frozenset[str]  # words that qualify the whole company's figure (total, 营业)
    stops: frozenset[str]  # English words that end a segment, walking back (the, reported)
    zh_stops: tuple[str, ...]  # Chinese words that do (的, 实现), longest first
    zh_generic: tuple[str, ...]  # Chinese generic words, longest first
    most: int  # characters walked back at most


def segment_words() -> SegmentWords:
    return data().memo(_segment_words)


def _segment_words(d) -> SegmentWords:
    spec = d.toml("attribution.toml").get("segments", {})
    generic = [normalize(w).lower() for w in spec.get("generic", ())]
    stops = [normalize(w).lower() for w in spec.get("stops", ())]
    by_length = lambda ws: tuple(sorted({w for w in ws if not w.isascii()}, key=len, reverse=True))  # noqa: E731
    return SegmentWords(
        metrics=frozenset(spec.get("metrics", ())),
        generic=frozenset(w for w in generic if w.isascii()),
        stops=frozenset(w for w in stops if w.isascii()),
        zh_stops=by_length(stops), zh_generic=by_length(generic),
        most=int(spec.get("most", 40)))


def segment_key(text: str, lo: int, hi: int, v: SegmentWords) -> frozenset[str]:
    """The segment written in text[lo:hi], the stretch right before a metric word (lo: where the
    last name, period, scope or metric word before it ends, or its clause starts): the words back
    from hi until a stop, generic words left out. Empty when none is written."""
    if hi - v.most > lo:
        lo = hi - v.most
        if _LATIN_WORD.match(text, lo) and text[lo - 1:lo].isascii() and text[lo - 1:lo].isalnum():
            lo = _LATIN_WORD.match(text, lo).end()  # the window starts inside a Latin word: not that word
    stretch = _HARD_STOP.split(text[lo:hi])[-1]  # after the last figure or punctuation
    if not stretch.strip():
        return frozenset()
    if _HAN.search(stretch):
        return _chinese(stretch, v)
    return _english(stretch, v)


def _english(stretch: str, v: SegmentWords) -> frozenset[str]:
    words = []
    for w in reversed(_LATIN_WORD.findall(stretch)):
        w = _POSSESSIVE.sub("", w.lower()).strip(".-")
        if w in v.stops:
            break
        if len(w) > 1 and w not in v.generic:  # one letter: a magnitude's (4.3B) or a possessive's
            words.append(w)
    return frozenset("en:" + singular(w) for w in words)


def _chinese(stretch: str, v: SegmentWords) -> frozenset[str]:
    """Walk back from the end to a stop word; cut generic words off both ends; the Latin words
    left are English words, the Chinese ones pairs of characters."""
    end = len(stretch)
    i = end
    while i > 0:
        head = stretch[:i]
        if any(head.endswith(w) for w in v.zh_stops):
            break
        i -= 1
    seg = stretch[i:end].strip()
    changed = True
    while seg and changed:
        changed = False
        for w in v.zh_generic:
            if seg.startswith(w):
                seg, changed = seg[len(w):].strip(), True
            if seg.endswith(w):
                seg, changed = seg[:-len(w)].strip(), True
    out = {"en:" + singular(w.lower()) for w in _LATIN_WORD.findall(seg) if len(w) > 1}
    for run in _HAN.findall(seg):  # one character alone is too often a word's end (运 of 营运)
        out |= {"zh:" + run[k:k + 2] for k in range(len(run) - 1)}
    return frozenset(out)


def singular(w: str) -> str:
    """An English noun as segments and counts compare it: a final s dropped (stores -> store,
    deliveries -> deliverie: a key, not a word; write lexicon entries in the plural)."""
    return w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w


def segments_differ(a: frozenset[str], b: frozenset[str]) -> bool:
    """Two segments that share nothing, both written in one script (or both with Chinese words,
    which differ): two parts' figures. A Chinese segment and an English one are not compared."""
    if not a or not b or not a.isdisjoint(b):
        return False
    za, zb = {x for x in a if x[:3] == "zh:"}, {x for x in b if x[:3] == "zh:"}
    return bool(za and zb) or (not za and not zb)

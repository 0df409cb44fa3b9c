"""Why labelled same-fact pairs of the real-copy corpus are not linked: field by field, as linking scores them.

    python bench/link_misses.py                      # the tuning splits (all but held-out)
    python bench/link_misses.py --splits dev,unseen-9
    python bench/link_misses.py --level metric=different --show 10   # pairs a field's level holds back
    python bench/link_misses.py --level entity=different --values    # ... the two sides' values, counted

Every pair of labelled figures of one fact in two articles is compared as `link` compares it
(`linking.compare`, names aligned across the corpus as `link` aligns them) and sorted into: a
figure not extracted or not linkable, two dimensions, forbidden (a field at a level that forbids a
link), below the threshold (in a shared block or in none), or scoring a link. For the pairs below
the threshold it counts, per field, those that this field alone at its best level would lift over
the threshold: where the links are lost. `--level F=L` narrows the examples and `--values` to the
pairs lifted by field F at level L. Never run it on held-out while tuning: it reads the pairs one by
one. Standard library only, plus the reconcile package; the corpus as bench/real_eval.py finds it.
"""
from __future__ import annotations

import argparse
import itertools
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_eval  # noqa: E402

from fit_linking import aligned_entries, labelled_mentions  # noqa: E402

from reconcile import linking  # noqa: E402

_FORBIDDING = ("scope", "period", "counted")


def _context(label: real_eval.Label, width: int = 80) -> str:
    text = label.article.text
    before = text[max(0, label.start - width):label.start].replace("\n", " ")
    after = text[label.end:label.end + width // 2].replace("\n", " ")
    return f"{before}[{text[label.start:label.end]}]{after}"


def compared_pairs(splits: set[str]):
    """(fact, label a, label b, mention a, mention b, levels, score, candidate) of every labelled
    same-fact pair in two articles of `splits`; mentions None where not extracted, levels None where
    not comparable (not linkable, or two dimensions)."""
    stories, mentions, label_of = labelled_mentions(splits)
    mention_of = {}  # id(label) -> the first mention whose figure overlaps it most
    for m in mentions:
        if id(m) in label_of:
            mention_of.setdefault(id(label_of[id(m)]), m)
    w = linking.weights()
    entries = aligned_entries(mentions)
    entry_of = {id(e.m): e for e in entries}
    candidates = {frozenset((id(entries[i].m), id(entries[j].m))) for i, j in linking.candidate_pairs(entries, w)}
    facts = defaultdict(list)
    for st in stories:
        for lab in st.labels:
            if lab.start >= 0:
                facts[lab.fact].append(lab)
    for fact, labels in facts.items():
        for a, b in itertools.combinations(labels, 2):
            if a.article is b.article:
                continue
            ma, mb = mention_of.get(id(a)), mention_of.get(id(b))
            ea, eb = (entry_of.get(id(m)) if m else None for m in (ma, mb))
            if ea is None or eb is None or ea.dimension != eb.dimension:
                yield fact, a, b, ma, mb, None, None, False
                continue
            levels = linking.compare(ea, eb, w)
            yield fact, a, b, ma, mb, levels, linking.score(levels, w), frozenset((id(ma), id(mb))) in candidates


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--splits", help="comma-separated splits (default: all but held-out)")
    ap.add_argument("--level", help="F=L: the examples and values of the pairs that field F at level L holds back")
    ap.add_argument("--show", type=int, default=0, metavar="N", help="print N such pairs with their context")
    ap.add_argument("--values", action="store_true", help="count the two sides' values of the field (--level)")
    args = ap.parse_args()
    splits = set(args.splits.split(",")) if args.splits else set(real_eval.SPLITS) - {"held-out"}
    w = linking.weights()
    best = {f: max(t.values()) for f, t in w.fields.items()}
    outcome, lifts, held = Counter(), Counter(), []
    for fact, a, b, ma, mb, levels, score, candidate in compared_pairs(splits):
        if ma is None or mb is None:
            outcome["a figure not extracted"] += 1
        elif levels is None:
            outcome["not linkable, or two dimensions"] += 1
        elif linking._forbidden(levels):
            outcome["forbidden: " + ", ".join(f"{f} {levels[f]}" for f in _FORBIDDING if levels[f] == "different")] += 1
        elif score >= w.threshold:
            outcome["scores a link" + ("" if candidate else " (in no shared block)")] += 1
        else:
            outcome["below the threshold" + ("" if candidate else " (in no shared block)")] += 1
            for f, level in levels.items():
                if best.get(f, 0.0) - w.fields.get(f, {}).get(level, 0.0) >= w.threshold - score:
                    lifts[f"{f}={level}"] += 1
                    if args.level == f"{f}={level}":
                        held.append((fact, a, b, ma, mb, levels, score))
    print(f"{sum(outcome.values()):,} same-fact pairs in {', '.join(sorted(splits)) if len(splits) < 6 else f'{len(splits)} splits'}")
    for what, n in outcome.most_common():
        print(f"  {n:7,}  {what}")
    print("below the threshold, lifted by one field at its best level (field=its level now):")
    for what, n in lifts.most_common(30):
        print(f"  {n:7,}  {what}")
    if args.level and args.values:
        field = args.level.split("=")[0]
        sides = Counter(tuple(sorted(str(getattr(m, "entity" if field == "entity" else field, None)) for m in (ma, mb)))
                        for _, _, _, ma, mb, _, _ in held)
        print(f"{args.level}: the two sides' {field}")
        for pair, n in sides.most_common(40):
            print(f"  {n:6,}  {pair}")
    random.Random(1).shuffle(held)
    for fact, a, b, ma, mb, levels, score in held[:args.show]:
        print(f"\n{score:.1f} {fact}")
        for lab, m in ((a, ma), (b, mb)):
            print(f"  [{m.entity} / {m.metric} / {m.period} / {','.join(m.scope)}] {lab.article.key}: {_context(lab)}")
        print("  ", ", ".join(f"{f} {lv}" for f, lv in levels.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Estimate the linking weights (rules/linking.toml) on the labelled real-copy corpus, dev split.

For every candidate pair that linking.py compares (same dimension, a shared company, different
documents; names aligned across the corpus as link() aligns them, since stop 51) whose two figures
are both labelled, the pair is a match when the labels give one
fact. For each field's level, m = P(level | match) and u = P(level | non-match), with add-one
smoothing; the weight is log2(m / u). `threshold` is the lowest score at which the pairs scoring
at least that are `--precision` matches (default 0.6), `strong` the lowest at `--strong` (0.9).

    python bench/fit_linking.py            # print the weights and what they give
    python bench/fit_linking.py --write    # and rewrite rules/linking.toml's numbers

Only the dev split is read unless --splits names others (never held-out nor a blind split: they
measure what the weights give on copy they were not fitted on). A fit on dev and eleven unseen
splits (2026-12-01, 243,320 candidate pairs) linked less and found fewer conflicts on held-out
(26 -> 17 of 53 facts) than the weights in rules/linking.toml: it was not kept.
"""
from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import real_eval  # noqa: E402

from reconcile import linking  # noqa: E402
from reconcile.data.loader import data, data_dir  # noqa: E402
from reconcile.engine import _read_all  # noqa: E402
from reconcile.extraction.documents import iter_files  # noqa: E402

FIELDS = ("entity", "metric", "scope", "period", "clause", "alone", "segment", "dates", "neighbours")


def labelled_mentions(splits: set[str]):
    """(stories, mentions, label of each: id(mention) -> the label its figure overlaps most) of the
    collected stories of `splits`, read in-process as `reconcile check` reads them."""
    problems: list[str] = []
    stories = [s for s in real_eval.load(problems) if s.split in splits and (real_eval.CORPUS / s.name).is_dir()]
    mentions = [m for _, ms in _read_all(iter_files([real_eval.CORPUS / s.name for s in stories]), 1) for m in ms]
    labels = {}
    for st in stories:
        for lab in st.labels:
            if lab.start >= 0:
                labels.setdefault(str(lab.article.path.resolve()), []).append(lab)
    label_of = {}
    for m in mentions:
        s, e = m.doc.start + m.fig.start, m.doc.start + m.fig.end
        best = max(labels.get(str(Path(m.doc.path).resolve()), []),
                   key=lambda lab: min(e, lab.end) - max(s, lab.start), default=None)
        if best is not None and min(e, best.end) - max(s, best.start) > 0:
            label_of[id(m)] = best
    return stories, mentions, label_of


def aligned_entries(mentions) -> list:
    """linking's entries of `mentions`, their names aligned across them as link() aligns them."""
    return linking._entries(mentions, linking.Aliases(mentions, set(data().toml("entities.toml")), align=True),
                            count_rivals=True)


def pairs(splits: set[str]):
    """(levels, is_match) for every labelled candidate pair of the stories of `splits`."""
    _, mentions, label_of = labelled_mentions(splits)
    fact = {k: lab.fact for k, lab in label_of.items()}
    entries = aligned_entries(mentions)
    out = []
    for i, j in linking.candidate_pairs(entries, linking.weights()):
        a, b = entries[i].m, entries[j].m
        if id(a) in fact and id(b) in fact:
            levels = linking.compare(entries[i], entries[j], linking.weights())
            out.append(({**levels, "family": linking.family(a)}, fact[id(a)] == fact[id(b)]))
    return out


def fit(observed) -> dict[str, dict[str, float]]:
    weights = {}
    n_match = sum(1 for _, y in observed if y)
    n_non = len(observed) - n_match
    for f in FIELDS:
        levels = sorted({lv[f] for lv, _ in observed})
        match = Counter(lv[f] for lv, y in observed if y)
        non = Counter(lv[f] for lv, y in observed if not y)
        weights[f] = {lvl: round(math.log2(((match[lvl] + 1) / (n_match + len(levels)))
                                           / ((non[lvl] + 1) / (n_non + len(levels)))), 2) for lvl in levels}
    return weights


def fit_logistic(observed, l2: float = 1.0) -> dict[str, dict[str, float]]:
    """The same additive weights, fitted jointly (L2-regularised logistic regression, Newton's
    method) instead of field by field: fields that say the same thing twice (an inferred company
    and an inferred period come together) are not counted twice. In bits, like log2(m/u); the
    intercept is left out (the threshold absorbs it)."""
    import numpy as np

    observed = [o for o in observed if not linking._forbidden(o[0])]  # never linked, whatever they score
    keys = sorted({(f, lv[f]) for lv, _ in observed for f in FIELDS})
    col = {k: i for i, k in enumerate(keys)}
    x = np.zeros((len(observed), len(keys) + 1))
    x[:, -1] = 1.0
    for r, (lv, _) in enumerate(observed):
        for f in FIELDS:
            x[r, col[f, lv[f]]] = 1.0
    y = np.array([float(m) for _, m in observed])
    w = np.zeros(x.shape[1])
    ridge = np.r_[np.full(len(keys), l2), 0.0]
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-x @ w))
        step = np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x + np.diag(ridge), x.T @ (p - y) + ridge * w)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    out: dict[str, dict[str, float]] = {}
    for (f, lvl), i in col.items():
        out.setdefault(f, {})[lvl] = round(float(w[i]) / math.log(2), 2)
    return out


def cut(scored, precision: float) -> float:
    """The lowest score whose pairs at or above it are `precision` matches."""
    scored = sorted(scored, reverse=True)
    best, tp = scored[0][0] if scored else 0.0, 0
    for k, (s, y) in enumerate(scored, 1):
        tp += y
        if tp / k >= precision:
            best = s
    return round(best, 2)


def _set(text: str, section: str, key: str, value: float) -> str:
    """`key = value` in [section] of a TOML text: replaced where it is, else added at the
    section's end (a level the fit found that the file did not list yet)."""
    head = re.search(rf"(?m)^\[{re.escape(section)}\][^\n]*\n", text)
    if head is None:
        return text.rstrip("\n") + f"\n\n[{section}]\n{key} = {value}\n"
    end = re.compile(r"(?m)^\[").search(text, head.end())
    stop = end.start() if end else len(text)
    body = text[head.end():stop]
    new, n = re.subn(rf"(?m)^{re.escape(key)} = [-0-9.]+", f"{key} = {value}", body, count=1)
    if not n:
        new = body.rstrip("\n") + f"\n{key} = {value}\n" + ("\n" if end else "")
    return text[:head.end()] + new + text[stop:]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true", help="rewrite the numbers in rules/linking.toml")
    # 0.6: on the dev pairs, F1 of the linked pairs rises as the cut falls to 0.55 and then
    # flattens (0.7: 0.42, 0.65: 0.50, 0.6: 0.54, 0.55: 0.56, 0.5: 0.56); below 0.6 the warnings
    # grow faster than the conflicts they find.
    ap.add_argument("--precision", type=float, default=0.6)
    ap.add_argument("--strong", type=float, default=0.9)
    ap.add_argument("--method", choices=("logistic", "naive"), default="logistic",
                    help="fit the fields jointly (default) or each on its own (naive Bayes, log2(m/u))")
    ap.add_argument("--splits", default="dev",
                    help="comma-separated splits to fit on (default dev; never held-out nor a blind one)")
    args = ap.parse_args()
    splits = set(args.splits.split(","))
    if splits - set(real_eval.SPLITS) or "held-out" in splits:
        ap.error(f"--splits: one of {', '.join(real_eval.SPLITS)}, never held-out")
    observed = pairs(splits)
    if not observed:
        print("fit_linking: no labelled dev corpus found; see bench/real_copy/README.md", file=sys.stderr)
        return 0
    w = fit_logistic(observed) if args.method == "logistic" else fit(observed)
    weights = linking.Weights(w, 0.0, {}, 0, (0.0, 0.0), (0, 0))  # for score(), which reads the fields only
    scored = [(linking.score(lv, weights), y) for lv, y in observed if not linking._forbidden(lv)]
    threshold = cut(scored, args.precision)
    strong = {fam: cut([(linking.score(lv, weights), y) for lv, y in observed
                        if lv["family"] == fam and not linking._forbidden(lv)], args.strong)
              for fam in ("amount", "rate")}
    matches = sum(y for _, y in observed)
    print(f"{len(observed)} labelled candidate pairs, {matches} matches")
    for f, levels in w.items():
        print(f"  {f}: " + ", ".join(f"{k} {v:+.2f}" for k, v in levels.items()))
    above = [y for s, y in scored if s >= threshold]
    print(f"threshold {threshold}: {sum(above)}/{len(above)} pairs are matches, "
          f"{sum(above)}/{matches} of the matches; strong {strong}")
    for level in (0.95, 0.9, 0.8, 0.7, 0.6, 0.5):
        s = cut(scored, level)
        hits = [y for x, y in scored if x >= s]
        print(f"  pairs at precision {level:.2f}: score >= {s}: {sum(hits)}/{matches} matches")
    if args.write:
        path = data_dir("rules") / "linking.toml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^threshold = .*$", f"threshold = {threshold}", text)
        for fam, v in strong.items():
            text = _set(text, "strong", fam, v)
        for f, levels in w.items():
            for lvl, v in levels.items():
                text = _set(text, f"weights.{f}", lvl, v)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""IN008 restated_slip: one article gives one precise figure twice, one digit apart or a power of ten."""
from __future__ import annotations

import math
from collections import defaultdict

from reconcile.checks.intervals import one_digit_changed, significant_digits, swapped, written
from reconcile.checks.types import Rule, check_type
from reconcile.extraction.documents import Document
from reconcile.model import Finding, Mention, period_explicit


@check_type(
    "restated_slip", code="IN008", title="restated-slip", scope="document", severity="error",
    summary="One article states a precise figure of one metric twice, with one digit changed, two swapped, "
            "or its digits kept at a power of ten apart.",
    why="A long figure copied twice by hand (the lead and a table, the body and a caption) is where one "
        "mistyped digit hides; two such figures are almost never two facts.",
    example="营收1041.86亿元 … 第三季度营收1041.85亿元.",
    tolerances=("min_significant", "magnitude_min_significant", "rounded_min_significant",
                "rounded_from_significant"))
def restated_slip(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """Pairs of figures of one document with the same company, metric, scope, period and unit,
    written with at least `min_significant` significant digits, whose digits differ in one place
    or by two neighbours swapped (1041.86 vs 1041.85; 2831.72 vs 2813.72). Shorter figures are
    left alone: 1495 and 1485 are as often a day's high and its close. And pairs of at least
    `magnitude_min_significant` digits that write the same digits a power of ten apart, or a short
    figure that writes a long one's digits rounded so (_shifted_pairs), each with its period stated
    in its own clause or sentence and no segment of the company named (a segment's revenue, a share
    offer's tranche: a tenth of the whole is another fact)."""
    least, least_shifted = rule.tolerance("min_significant"), rule.tolerance("magnitude_min_significant")
    least_rounded, rounded_from = rule.tolerance("rounded_min_significant"), rule.tolerance("rounded_from_significant")
    by_key: dict[tuple, list[Mention]] = defaultdict(list)
    for m in mentions:
        f = m.fig
        if m.metric and f.kind != "date" and len(f.bounds) == 1 and "vague" not in f.flags and \
                math.isfinite(f.number) and f.value and significant_digits(f.number) >= min(least, least_shifted, least_rounded):
            by_key[(m.entity, m.metric, m.scope, m.period, f.unit)].append(m)
    out = []
    for ms in by_key.values():
        long = [m for m in ms if significant_digits(m.fig.number) >= least]
        dated = [m for m in ms if m.period and period_explicit(m.period_how) and not m.segment]
        shifted = [(a, b, how) for a, b, how in _shifted_pairs(dated, least_shifted, least_rounded, rounded_from)
                   if not _part_between(doc.text, a, b)]
        for a, b, how in [*_near_pairs(long), *shifted]:
            out.append(Finding(
                rule.id, rule.severity,
                f"{b.fig.text} and {a.fig.text} in one article differ only by {how} ({_key_text(a)}).",
                [b.id, a.id], f"Likely {how} in copying; check both against the source.",
                "transposition" if how == "two digits swapped" else "magnitude" if "magnitude" in how else "digit",
                [b, a], f"Likely {how}."))
    return out


def _near_pairs(ms: list[Mention]):
    """(first, later, how) for each two distinct numbers among `ms` one digit apart or with two
    neighbouring digits swapped, each pair of numbers once: every number is indexed under its
    digits with one place masked (and its swaps), so a long table costs its length times its
    digits, not its length squared."""
    first: dict[str, Mention] = {}
    for m in ms:
        first.setdefault(written(m.fig.number), m)
    masked: dict[str, list[str]] = defaultdict(list)
    for s in first:
        for i, c in enumerate(s):
            if c != ".":
                masked[s[:i] + "?" + s[i + 1:]].append(s)
    seen = set()
    for s, m in first.items():
        near = {t for i, c in enumerate(s) if c != "." for t in masked[s[:i] + "?" + s[i + 1:]] if t != s}
        near |= {t for i in range(len(s) - 1) if "." not in s[i:i + 2]
                 for t in [s[:i] + s[i + 1] + s[i] + s[i + 2:]] if t != s and t in first}
        for t in sorted(near):
            pair = frozenset((s, t))
            if pair in seen:
                continue
            seen.add(pair)
            x, y = m.fig.number, first[t].fig.number
            how = "one digit changed" if one_digit_changed(x, y) else "two digits swapped" if swapped(x, y) else None
            if how:
                a, b = sorted((m, first[t]), key=lambda z: z.fig.start)
                yield a, b, how


def _shifted_pairs(ms: list[Mention], least: int, least_rounded: int, rounded_from: int):
    """(first, later, how) for two figures that write the same digits at values a power of ten
    apart (2512.82 and 251.282 billion; 2570万 and 2.570万美元): a slipped point or magnitude word,
    both of `least` significant digits or more. Or a short figure, of `least_rounded` digits up to
    fewer than `rounded_from`, that writes a long one's digits (of `rounded_from` or more) rounded:
    HKD 7.775 billion and HKD 78 billion. Never two long ones so (an offer's 108,619,000 shares and
    its public tranche's 10,862,000, a tenth rounded to a board lot), nor a long one of three digits
    (126 million and 1.3 million users). Each digit string's neighbouring values once, by the
    first mention of each."""
    # (digits, digit string) -> {value at those digits: (its first mention, written with them?)}
    by_digits: dict[tuple[int, str], dict[float, tuple[Mention, bool]]] = defaultdict(dict)
    for m in sorted(ms, key=lambda m: m.fig.start):
        digits = significant_digits(m.fig.number)
        value = float(f"{abs(m.fig.value):.{digits}g}")  # no float noise: 145.7亿 is 1.457e10, not 14569999999.999998
        if digits >= least or least_rounded <= digits < rounded_from:
            by_digits[(digits, _digits_of(value))].setdefault(value, (m, True))
        if digits >= rounded_from:  # its roundings, met by short figures
            for k in range(least_rounded, rounded_from):
                rounded = float(f"{value:.{k}g}")
                by_digits[(k, _digits_of(rounded))].setdefault(rounded, (m, False))
    for (k, _), values in by_digits.items():
        ordered = sorted(values.items())
        for (x, (a, written_a)), (y, (b, written_b)) in zip(ordered, ordered[1:]):
            if not (written_a or written_b) or (written_a and written_b and k < least):
                continue  # two roundings; two short figures alike (a coincidence)
            a, b = sorted((a, b), key=lambda z: z.fig.start)
            rounded = "" if written_a and written_b else " (after rounding)"
            yield a, b, (f"a slip of {round(math.log10(y / x))} orders of magnitude" if y / x > 10.5
                         else "a slip of one order of magnitude") + rounded


def _digits_of(value: float) -> str:
    return written(value).replace(".", "").strip("0")


def _part_between(text: str, a: Mention, b: Mention) -> bool:
    """Does a word that introduces some of a total's parts (其中, of which: rules/internal.toml
    [parts_total] subset) stand between two figures? The later is then a part of the earlier."""
    from reconcile.data.loader import data

    words = data().toml("internal.toml")["parts_total"]["subset"]
    between = text[a.fig.end:b.fig.start].lower()
    return any(w.lower() in between for w in words)


def _key_text(m: Mention) -> str:
    return ", ".join(x for x in (m.entity, m.metric, m.period) if x)

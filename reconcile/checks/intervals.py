"""Arithmetic on intervals, as every check does it: a figure is [low, high] (its written precision
widened by its qualifier); two figures can state one value when their intervals meet; sums,
changes and ratios are computed at the ends of their operands' intervals. Also the two ways a
number is written in a message.
"""
from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Iterable

Interval = tuple[float, float]
INF = math.inf
_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def meets(a: Interval, b: Interval, touching: bool = False) -> bool:
    """Do two intervals share a value? Rounding intervals are half-open, so two that only touch
    ([4.5, 5.5) and [5.5, 6.5)) do not, unless `touching`; a point meets what contains it."""
    a0, a1, b0, b1 = a[0], a[1], b[0], b[1]
    if touching or a0 == a1 or b0 == b1:
        return a0 <= b1 and b0 <= a1
    if a0 >= b1 or b0 >= a1:
        return False  # apart, or touching, before any slack (which only narrows them)
    # Ends computed in floating point (9.3 + 0.05 is 9.350000000000001) touch when they are equal
    # to a part in a billion: [9.25, 9.35) and [9.35, 9.45) share no value. (A finite sum: every
    # end finite, the common case, without a generator.)
    if math.isfinite(a0 + a1 + b0 + b1):
        eps = 1e-9 * max(abs(a0), abs(a1), abs(b0), abs(b1))
    else:
        eps = 1e-9 * max(abs(x) for x in (*a, *b) if math.isfinite(x)) if any(map(math.isfinite, (*a, *b))) else 0.0
    return a0 < b1 - eps and b0 < a1 - eps


def add(parts: Iterable[Interval]) -> Interval:
    parts = list(parts)
    return sum(p[0] for p in parts), sum(p[1] for p in parts)


def corners(fn: Callable[..., float], *operands: Interval) -> Interval | None:
    """[min, max] of fn over the ends of its operands' intervals (fn monotone in each operand);
    None when an operand is open or a divisor interval reaches zero."""
    if any(math.isinf(x) for o in operands for x in o):
        return None
    try:
        values = [fn(*c) for c in itertools.product(*operands)]
    except ZeroDivisionError:
        return None
    return min(values), max(values)


def change_pct(frm: Interval, to: Interval) -> Interval | None:
    """(to − from) / from × 100, on intervals."""
    if frm[0] <= 0:
        return None
    return corners(lambda f, t: (t - f) / f * 100, frm, to)


def ratio(a: Interval, b: Interval, scale: float = 1.0) -> Interval | None:
    """a / b × scale, on intervals."""
    if b[0] <= 0:
        return None
    return corners(lambda x, y: x / y * scale, a, b)


def widen(i: Interval, relative: float) -> Interval:
    return i[0] - abs(i[0]) * relative, i[1] + abs(i[1]) * relative




def same_digits(x: float, y: float) -> bool:
    """Are two written numbers the same significant digits, the longer rounded to the shorter
    (113.11 and 113.1; 11.3 and 113.1, a shifted point)? What a magnitude slip keeps. A single
    digit is matched only by itself: 9 is not 92 rounded, nor 2 (of 20) 18."""
    if not all(map(math.isfinite, (x, y))) or not x or not y:
        return False
    da, db = _significant(x), _significant(y)
    n = min(len(da), len(db))
    if n == 1 and len(da) != len(db):
        return False
    return _round_digits(da, n) == _round_digits(db, n)


def leading_digits(x: float, n: int = 2) -> str:
    """The first `n` significant digits of a number, rounded (185.49 -> "19"; 8.46 and 84.63 ->
    "85"): a cheap key that two numbers same_digits() holds for mostly share."""
    return f"{abs(x):.{n - 1}e}".replace(".", "")[:n]


def _significant(x: float) -> str:
    mantissa = f"{abs(x):.15g}".split("e")[0]
    return mantissa.replace(".", "").lstrip("0").rstrip("0") or "0"


def _round_digits(digits: str, n: int) -> int:
    head, rest = int(digits[:n]), digits[n:]
    return head + (1 if rest and rest[0] >= "5" else 0)


def num(x: float) -> str:
    """A number for a message: four significant digits, or one decimal more than its integer
    part has (5,999.5), grouped, no exponent."""
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    digits = len(str(int(abs(x)))) if abs(x) >= 1 else 0
    v = float(f"{x:.{max(4, digits + 1)}g}")
    text = f"{int(v):,}" if v.is_integer() else f"{v:,}"
    return text.replace("-", "−")


def power_of_ten(ratio: float, slack: float) -> int | None:
    """k (≠ 0) when `ratio` is 10^k within `slack` (a magnitude slip: ×10⁴ for 亿 vs 万亿)."""
    if not ratio or ratio < 0 or math.isinf(ratio):
        return None
    k = round(math.log10(ratio))
    return k if k and abs(ratio / 10 ** k - 1) <= slack else None


def times_ten_to(k: int) -> str:
    """×10⁴, ×10⁻³."""
    return "×10" + str(k).translate(_SUPERSCRIPT)


def scientific(x: float) -> str:
    """10^12 for powers of ten, 1.25×10^16 for other numbers from 10^5 (or below 10^-3), else
    plain (1250, 0.5, -100)."""
    if x == 0 or math.isinf(x) or math.isnan(x):
        return f"{x:g}"
    if abs(x) >= 1e5 or abs(x) < 1e-3:
        e = math.floor(math.log10(abs(x)) + 1e-9)
        mantissa = float(f"{abs(x) / 10.0 ** e:.3g}")
        if mantissa >= 10:
            mantissa, e = mantissa / 10, e + 1
        sign = "-" if x < 0 else ""
        return f"{sign}10^{e}" if mantissa == 1 else f"{sign}{mantissa:g}×10^{e}"
    return f"{float(f'{x:.4g}'):g}"


def one_digit_changed(x: float, y: float) -> bool:
    """Two numbers of one shape, three significant digits or more, one digit apart (1041.85 vs
    1041.86; 1234567 vs 1234568): a copying slip. Shorter numbers (44 and 45, 1.5 and 2.5 million)
    are as often two facts, so they never count."""
    return significant_digits(x) >= 3 and _one_digit_apart(x, y)


def number_and_word_differ(a: float, na: float, b: float, nb: float) -> bool:
    """Do two amounts (`a` written as the number `na`, `b` as `nb`) differ both in their numbers as
    written and in what their words multiply them by ($250,000 vs 250亿美元: 250000 × 1 and 250 × 10^8)?
    A slip changes one of the two."""
    return not math.isclose(na, nb) and not (na and nb and math.isclose(a / na, b / nb))


def could_be_mistyped(x: float, y: float) -> bool:
    """Could one written number be the other mistyped, however short: the same digits (under other
    words), two neighbours swapped, or one digit changed in a number of one shape (1.4 and 6.4)?"""
    return same_digits(x, y) or swapped(x, y) or _one_digit_apart(x, y)


def _one_digit_apart(x: float, y: float) -> bool:
    sa, sb = written(x), written(y)
    return len(sa) == len(sb) and sa.find(".") == sb.find(".") and sum(p != q for p, q in zip(sa, sb)) == 1


def last_digit_differs(x: float, y: float) -> bool:
    """Two numbers of one shape that differ in their last digit only (646.26 vs 646.27, 6.36 vs 6.32):
    two roundings of one value, or two close measures of one thing, as often as a slip."""
    sa, sb = written(x), written(y)
    return len(sa) == len(sb) and sa[:-1] == sb[:-1] and sa != sb


def swapped(x: float, y: float) -> bool:
    """Two numbers whose digits, read without their points, differ by two neighbours swapped
    (2831.72 vs 2813.72; 3.1 vs 1.3)."""
    sa, sb = (written(v).replace(".", "").replace("-", "") for v in (x, y))
    if len(sa) != len(sb):
        return False
    diff = [i for i, (p, q) in enumerate(zip(sa, sb)) if p != q]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and sa[diff[0]] == sb[diff[1]] and sa[diff[1]] == sb[diff[0]]


def significant_digits(x: float) -> int:
    """How many significant digits a number is written with: 1041.85 has 6, 1200 has 2, 0.05 has 1."""
    s = written(abs(x))
    return len(s.replace(".", "").lstrip("0")) if "." in s else len(s.strip("0"))


def written(x: float) -> str:
    """A number as digits, no exponent and no float noise: 1234567, 0.0012, 1041.85."""
    return f"{x:.15g}" if "e" not in f"{x:.15g}" else f"{x:f}".rstrip("0").rstrip(".")

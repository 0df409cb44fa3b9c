"""Exchange rates (rules/fx.toml): whether two amounts in two currencies state one value."""
from __future__ import annotations

import math

from reconcile.checks.intervals import same_digits, significant_digits
from reconcile.data.loader import data


def rates() -> tuple[dict[str, float], float]:
    """(units of each currency per US dollar, the relative tolerance of a stated conversion)."""
    fx = data().toml("fx.toml")
    return fx["per_usd"], float(fx["tolerance"])


def has_rate(unit: str) -> bool:
    """Is there a rate for this currency (rules/fx.toml [per_usd])?"""
    return unit in rates()[0]


def convert(amount: float, unit: str, to: str) -> float:
    """`amount` in currency `unit` expressed in currency `to`, at rules/fx.toml's rates (both must have one)."""
    per_usd = rates()[0]
    return amount / per_usd[unit] * per_usd[to]


def converts(fa, fb) -> bool:
    """Do two amounts (figures) in two currencies state one value, at roughly today's rates?"""
    per_usd, tolerance = rates()
    # The same number, or the same amount under another magnitude word (€10 billion, 100亿美元),
    # in two currencies is a currency slip, never a conversion: a conversion changes the number.
    if fa.unit not in per_usd or fb.unit not in per_usd or math.isclose(fa.number, fb.number, rel_tol=1e-9) \
            or math.isclose(fa.value, fb.value, rel_tol=1e-9):
        return False
    # A currency pegged to the dollar, against the dollar or another pegged one, moves by its peg's
    # band only; any other pair by `tolerance`.
    pegged = data().toml("fx.toml").get("pegged", {})
    if fa.unit in pegged and fb.unit in pegged:
        tolerance = max(float(pegged[fa.unit]), float(pegged[fb.unit]))
    lo_a, hi_a = fa.low / per_usd[fa.unit], fa.high / per_usd[fa.unit]
    lo_b, hi_b = fb.low / per_usd[fb.unit], fb.high / per_usd[fb.unit]
    return lo_a * (1 - tolerance) <= hi_b * (1 + tolerance) and lo_b * (1 - tolerance) <= hi_a * (1 + tolerance)


def one_amount_rounded(fa, fb, least: int) -> bool:
    """Do two amounts in two currencies write one amount, one rounded to the other's digits, both
    to `least` significant digits or more (€77.673 billion and 776.7亿美元), in currencies more than
    rules/fx.toml `par` apart? Across articles, a currency slip rather than a conversion at the day's
    rate (checks/crossdoc.py); never said of a conversion written beside its amount, which a rate
    near par may give (€1.235 billion (US$1.24 billion) in 2022)."""
    per_usd = rates()[0]
    if fa.unit not in per_usd or fb.unit not in per_usd or \
            min(significant_digits(fa.number), significant_digits(fb.number)) < least or \
            abs(per_usd[fa.unit] / per_usd[fb.unit] - 1) <= float(data().toml("fx.toml")["par"]):
        return False
    low, high = sorted((abs(fa.value), abs(fb.value)))
    return low > 0 and high < 2 * low and same_digits(fa.number, fb.number)  # (one power of ten)


def apart(fa, fb) -> float:
    """How far apart two amounts are in dollars, as the absolute log of their ratio (0: one value)."""
    per_usd, _ = rates()
    return abs(math.log((fa.value / per_usd[fa.unit]) / (fb.value / per_usd[fb.unit])))

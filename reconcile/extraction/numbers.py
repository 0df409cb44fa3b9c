"""Reading written numbers: Arabic (1,250.5), Chinese (一百二十, 三点五, 三万亿) and English words.

Each reader returns (value, step): the number and the place of its last written digit, which
sets the figure's precision (1.4 -> step 0.1; 500 -> step 1; 三千 -> step 100).
"""
from __future__ import annotations

import re

from reconcile.data.loader import data


def numerals() -> dict:
    return data().toml("numerals.toml")


_DECIMAL_COMMA = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{1,2}")


def arabic(text: str) -> tuple[float, float]:
    """'1,250.50' -> (1250.5, 0.01). Commas are thousands separators; spaces are dropped. A whole
    number grouped in thousands is rounded to its last non-zero digit, two significant digits at
    least: '174,000' -> step 1000 (copy's rounding of 173,900), '2,000' -> step 100."""
    if text.isdigit():  # (most numbers: 349, 2025)
        return float(text), 1.0
    if "," in text and _DECIMAL_COMMA.fullmatch(text):  # 11,1 and 3.211,0 (figures.py reads them so only before % or a word)
        whole, _, frac = text.partition(",")
        return float(whole.replace(".", "") + "." + frac), 10.0 ** -len(frac)
    digits = text.replace(",", "").replace(" ", "")
    whole, _, frac = digits.partition(".")
    if frac:
        return float(digits), 10.0 ** -len(frac)
    if "," in text and whole.isdigit():
        zeros = len(whole) - len(whole.rstrip("0"))
        return float(digits), 10.0 ** min(zeros, max(0, len(whole.lstrip("0")) - 2))
    return float(digits), 1.0


def fraction(text: str) -> tuple[float, float]:
    """'10 1/2' -> (10.5, 0.5); '1/4' -> (0.25, 0.25): the step is one part of the denominator."""
    whole, _, frac = text.strip().rpartition(" ")
    num, den = frac.split("/")
    part = 1.0 / float(den)
    return (float(whole) if whole else 0.0) + float(num) * part, part


def chinese(text: str) -> tuple[float, float]:
    """'一百二十' -> (120, 1); '三点五' -> (3.5, 0.1); '三万亿' -> (3e12, 1e12); '十' -> (10, 1)."""
    # Copy writes the same few numerals again and again (一, 两, 十, 三十): each is read once per
    # data set (the numerals are the data set's), up to _CACHED of them.
    cache = data().memo(_chinese_read)
    hit = cache.get(text)
    if hit is None:
        hit = _chinese(text)
        if len(cache) < _CACHED:
            cache[text] = hit
    return hit


_CACHED = 20_000


def _chinese_read(d) -> dict[str, tuple[float, float]]:
    return {}


def _chinese(text: str) -> tuple[float, float]:
    n = numerals()
    digits, places, sections = n["chinese_digits"], n["chinese_places"], n["chinese_sections"]
    text = text.replace(" ", "")  # transcripts space their numerals out: 一 百 五 十
    for short, long in n.get("chinese_contractions", {}).items():
        text = text.replace(short, long)
    at = min((i for i in map(text.find, n["chinese_point"]["chars"]) if i >= 0), default=-1)
    whole, point, frac = (text[:at], text[at], text[at + 1:]) if at >= 0 else (text, "", "")
    for compound, unit in n["chinese_compound_sections"].items():
        whole = whole.replace(compound, unit)
    total = 0.0  # closed sections (万, 亿, 兆)
    largest = 0.0  # the largest section closed so far
    cur = 0.0  # the open section
    num = None  # the last digit, not yet given a place
    step = 1.0  # place of the last digit within the open section
    prev = ""
    for ch in whole:
        if ch in digits:
            # A run of digits (一九九八) reads positionally.
            num = digits[ch] if num is None else num * 10 + digits[ch]
            step = 1.0
        elif ch in places:
            cur += (1 if num is None else num) * places[ch]
            step = places[ch] if places[ch] > 10 else 1.0
            num = None
        elif ch in sections and prev in sections:  # 万万 = 亿, 百万万
            total *= sections[ch]
            largest = max(largest, total)
            step *= sections[ch]
        elif ch in sections:
            unit = sections[ch]
            block = cur + (num or 0) or 1
            if unit > largest:
                total = (total + block) * unit
                largest = unit
            else:
                total += block * unit
            step *= unit
            cur, num = 0.0, None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
        prev = ch
    value = total + cur + (num or 0)
    if point:
        decimals = "".join(str(digits[c]) for c in frac if c in digits)
        if decimals:
            value += float("0." + decimals)
            step = 10.0 ** -len(decimals)
    return value, step


def english(words: str) -> tuple[float, float]:
    """'twenty-five' -> (25, 1); 'two hundred' -> (200, 1)."""
    table = numerals()["english_words"]
    total = 0.0
    cur = 0.0
    for w in words.lower().replace("-", " ").split():
        if w == "and":
            continue
        v = table[w]
        if v == 100:
            cur = (cur or 1) * 100
        else:
            cur += v
    total += cur
    return total, 1.0

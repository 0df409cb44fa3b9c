"""Planting errors into real copy: each function takes a figure's text (and its sentence) and
returns the mutated text, or None when the kind of error does not apply to that figure."""
from __future__ import annotations

import re

MAGNITUDE_SWAP = {"万亿": "亿", "亿": "万亿", "万": "亿", "billion": "million", "million": "billion",
                  "trillion": "billion", "bn": "m"}
CURRENCY_SWAP = {"美元": "英镑", "英镑": "美元", "元": "美元", "$": "£", "£": "$", "€": "$"}
UNIT_SWAP = {"吉瓦": "兆瓦", "兆瓦": "吉瓦", "GW": "MW", "MW": "GW", "平方米": "平方英尺", "英亩": "公顷",
             "acres": "hectares"}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def magnitude(text: str) -> str | None:
    for word in sorted(MAGNITUDE_SWAP, key=len, reverse=True):
        if word in text:
            return text.replace(word, MAGNITUDE_SWAP[word], 1)
    return None


def digit(text: str) -> str | None:
    """Change the leading digit: 1.4万亿 -> 2.4万亿."""
    m = re.search(r"[1-9]", text)
    if not m:
        return None
    d = int(m.group())
    new = str(d + 1 if d < 9 else d - 1)
    return text[:m.start()] + new + text[m.end():]


def transposition(text: str) -> str | None:
    """Swap the first two adjacent digits that differ: 349 -> 439, 1250 -> 2150."""
    m = _NUMBER.search(text)
    if not m:
        return None
    s = m.group()
    digits = [i for i, c in enumerate(s) if c.isdigit()]
    for a, b in zip(digits, digits[1:]):
        if b == a + 1 and s[a] != s[b]:
            swapped = s[:a] + s[b] + s[a] + s[b + 1:]
            return text[:m.start()] + swapped + text[m.end():]
    return None


def currency(text: str) -> str | None:
    for word in sorted(CURRENCY_SWAP, key=len, reverse=True):
        if word in text:
            return text.replace(word, CURRENCY_SWAP[word], 1)
    return None


def unit(text: str) -> str | None:
    for word in sorted(UNIT_SWAP, key=len, reverse=True):
        if word in text:
            return text.replace(word, UNIT_SWAP[word], 1)
    return None


def range_bound(text: str) -> str | None:
    """Move the upper bound of a range far out: 910亿至930亿 -> 910亿至1330亿."""
    m = re.search(r"(至|到|-|–|to|and)\s*\$?(\d+(?:\.\d+)?)", text)
    if not m:
        return None
    n = m.group(2)
    bumped = f"{float(n) * 1.5 + 1:g}" if "." in n else str(int(n) * 3 // 2 + 1)
    return text[:m.start(2)] + bumped + text[m.end(2):]


KINDS = {"magnitude": magnitude, "digit": digit, "transposition": transposition, "currency": currency,
         "unit": unit, "range_bound": range_bound}


def period(sentence_before: str) -> tuple[str, str] | None:
    """(old, new) for the period written before a figure in its sentence: 未来8年 -> 未来5年,
    2025年 -> 2023年, "over eight years" -> "over five years"."""
    for pattern, repl in ((r"未来(\d+)年", lambda m: f"未来{int(m.group(1)) + 3}年"),
                          (r"未来([一二三四五六七八九十])年", lambda m: "未来五年" if m.group(1) != "五" else "未来八年"),
                          (r"(20\d\d)(年|上半年)", lambda m: f"{int(m.group(1)) - 2}{m.group(2)}"),
                          (r"下一财年", lambda m: "下两个财年"),
                          (r"over (\w+) years", lambda m: "over five years" if m.group(1) != "five" else "over eight years")):
        found = list(re.finditer(pattern, sentence_before))
        if found:
            m = found[-1]
            return m.group(), repl(m)
    return None

"""Length-preserving text normalisation, so offsets in normalised text are offsets in the original.

Full-width ASCII (１．４，ＧＷ) and the small forms (﹒) become ASCII, a Kangxi radical (⾄) the
ideograph it looks like, the ideographic and no-break spaces a space, the
no-break hyphen a hyphen, a Latin letter with a diacritic its base letter (Ørsted -> Orsted), and
traditional characters simplified (萬億 -> 万亿) by OpenCC, one character for one character.
"""
from __future__ import annotations

import functools
import re
import unicodedata

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
# The full-width comma is Chinese punctuation (20，300美元 is two amounts), except between
# full-width digits (１１１，１１１), where it groups thousands: see normalize().
del _FULLWIDTH[0xFF0C]
_GROUPING_COMMA = re.compile("，(?<=[０-９]，)(?=[０-９]{3})")  # (the comma first: the engine skips to it)
# ... and so does the small comma between digits with three after them (12﹐739億元, a Hong Kong
# quote page's thousands), where Chinese punctuation would be the full-width comma.
_SMALL_GROUPING_COMMA = re.compile("﹐(?<=[0-9０-９]﹐)(?=[0-9０-９]{3}(?![0-9０-９]))")
_FULLWIDTH[0x3000] = 0x20  # ideographic space
_FULLWIDTH[0x2212] = 0x2D  # minus sign
# The small forms (﹒ ﹪ ﹔, which Taiwan copy writes as a decimal point: 7﹒65億) fold as NFKC folds
# them; not the small comma, which is Chinese punctuation as the full-width one is (see above),
# but between digits.
for _c in range(0xFE51, 0xFE6C):
    _folded = unicodedata.normalize("NFKC", chr(_c))
    if len(_folded) == 1 and _folded != chr(_c):
        _FULLWIDTH[_c] = ord(_folded)
# Kangxi radicals (⾄ for 至) are the unified ideographs they look like, as NFKC has them.
for _c in range(0x2F00, 0x2FD6):
    _FULLWIDTH[_c] = ord(unicodedata.normalize("NFKC", chr(_c)))
# Web copy's no-break and thin spaces and its no-break hyphen ("third‑quarter", "$8.9 billion")
for _c in (0x00A0, 0x2009, 0x202F):
    _FULLWIDTH[_c] = 0x20
for _c in (0x2010, 0x2011):
    _FULLWIDTH[_c] = 0x2D
# Latin letters with a diacritic become their base letter (Ørsted, Nestlé, Société Générale, Škoda:
# Orsted, Nestle …), as English copy often writes them without: one name, one id, and the name
# patterns (A-Z) read them whole. Letters that do not decompose are mapped by hand, one for one.
_UNDECOMPOSED = {"Ø": "O", "ø": "o", "Æ": "A", "æ": "a", "Œ": "O", "œ": "o", "Đ": "D", "đ": "d", "Ł": "L", "ł": "l",
                 "ß": "s", "Þ": "T", "þ": "t", "ı": "i"}
for _c in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00)):  # Latin-1, Extended-A and -B, Extended Additional (Thế)
    _base = unicodedata.normalize("NFKD", chr(_c))[0]
    if chr(_c) in _UNDECOMPOSED:
        _FULLWIDTH[_c] = ord(_UNDECOMPOSED[chr(_c)])
    elif _base != chr(_c) and _base.isascii() and _base.isalpha():
        _FULLWIDTH[_c] = ord(_base)
# str.translate reads a table indexed by code point fastest when it is a string (a character
# beyond it is left as it is); and the text is translated only when it holds one of them.
_TABLE = "".join(chr(_FULLWIDTH.get(i, i)) for i in range(max(_FULLWIDTH) + 1))
_TO_FOLD = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_FULLWIDTH)) + "]")
_CJK = re.compile("[\u3400-\u9fff]")
# (one to three digits before it and no second dot after: 2023·12·31 is a date)
_MIDDLE_DOT_POINT = re.compile(r"(?<![\d·])(\d{1,3})·(?=\d+(?![\d·]))")


@functools.cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


# Above this many characters it pays to look for a traditional character before calling OpenCC
# (finding the set costs some 20 ms, once; OpenCC, some 25 ms a megabyte).
_LONG = 20_000


@functools.cache
def _traditional() -> re.Pattern:
    """The characters that OpenCC changes on their own (traditional forms), found by converting every
    CJK character once: a text with none of them is left as it is, without calling OpenCC."""
    chars = [chr(c) for c in range(0x3400, 0xA000)] + [chr(c) for c in range(0xF900, 0xFB00)]
    converted = _t2s().convert("\n".join(chars)).split("\n")
    changed = [a for a, b in zip(chars, converted) if a != b] if len(converted) == len(chars) else chars
    return re.compile("[" + "".join(map(re.escape, changed)) + "]")


def _simplify(text: str) -> str:
    try:
        converted = _t2s().convert(text)
    except UnicodeError:  # lone surrogates: leave the line as it is
        return text
    if len(converted) == len(text):
        return converted
    # A phrase conversion changed the length: fall back to one character at a time.
    convert = _t2s().convert
    return "".join(c if ord(c) < 0x2E80 else (convert(c) if len(convert(c)) == 1 else c) for c in text)


def normalize(text: str) -> str:
    """The text with full-width forms folded and traditional Chinese simplified; same length."""
    if "，" in text:
        text = _GROUPING_COMMA.sub(",", text)
    if "﹐" in text:
        text = _SMALL_GROUPING_COMMA.sub(",", text)
    if "·" in text:  # a middle dot between digits is a decimal point (US$1·4bn); elsewhere it joins names
        text = _MIDDLE_DOT_POINT.sub(r"\1.", text)
    if _TO_FOLD.search(text):
        text = text.translate(_TABLE)
    if _CJK.search(text) and (len(text) < _LONG or _traditional().search(text)):
        text = "\n".join(_simplify(line) for line in text.split("\n"))
    return text


def is_han(c: str) -> bool:
    """Is `c` a Chinese character (CJK unified ideographs, extension A included)?"""
    return "\u3400" <= c <= "\u9fff"


def has_traditional(text: str) -> bool:
    """Whether `text` holds a character of traditional script (one that OpenCC changes)."""
    return bool(_CJK.search(text)) and bool(_traditional().search(text))

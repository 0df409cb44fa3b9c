"""Fixes: the edits a finding proposes, as ruff has them (an applicability and a list of edits).

A fix is written in the document's own language, script and style, with babel/CLDR for numbers:

- **safe** (IN005): a lost decimal point restored (`5 5倍` -> `5.5倍`, `５ ５倍` -> `５．５倍`);
- **unsafe** (XD001): the suspect rewritten as the reference's value, keeping its own qualifier,
  currency sign, units and magnitude style (`about $1.4 billion` -> `about $1.4 trillion`;
  `1.4亿美元` -> `1.4万亿美元`; traditional copy gets `1.4兆美元`; `between 13 and 44 MW` ->
  `between 13 and 44 GW`).

Every fix is checked before it is offered: the corrected line is read again by the extractor, and
the figure it now holds must be where the edit put it, of the same kind and unit, and (for XD001)
agree with the reference. A figure that cannot be rewritten that surely gets no fix: the finding
still says what is wrong.

Edits locate themselves as figures do (line, 1-based column counting characters, exclusive end
column, on the original file), and keep the text they replace, so `reconcile fix` applies them
only to the text they were computed on.
"""
from __future__ import annotations

import dataclasses

import functools
import itertools
import math
import operator
import re
from dataclasses import dataclass

from reconcile.extraction.normalize import normalize
from reconcile.model import Mention

SAFE, UNSAFE = "safe", "unsafe"


@dataclass(frozen=True, slots=True)
class Edit:
    path: str
    line: int
    column: int  # 1-based, in characters
    end_column: int  # exclusive
    replacement: str
    original: str = ""  # the text it replaces (not in the contract: what `fix` checks before applying)

    def record(self) -> dict:
        return {"path": self.path, "line": self.line, "column": self.column, "end_column": self.end_column,
                "replacement": self.replacement}


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: str  # safe | unsafe
    edits: tuple[Edit, ...]
    description: str = ""  # one line for a person: "Write 5.5倍."

    def record(self) -> dict:
        """The contract's additive `fix` field (DESIGN.md)."""
        return {"applicability": self.applicability, "edits": [e.record() for e in self.edits]}


def _edit(m: Mention, replacement: str) -> Edit:
    r = m.record
    return Edit(r["path"], r["line"], r["column"], r["end_column"], replacement, r["text"])


def _editable(m: Mention) -> bool:
    """Whether the file writes the figure as it was read: not so on a page that spells out pinyin
    inside it (萬(wàn)噸, read as 萬噸), where a rewrite would drop the brackets. Such a figure gets
    no fix."""
    return m.record["text"] == m.doc.raw[m.fig.start:m.fig.end]


# ---------------------------------------------------------------------------------------------
# IN005: a lost decimal point

_GAP = re.compile(r"(\d)[.．]?[ \u3000](\d)")  # 43 5亿, and 29. 5 billion (a stray space after the point)
_FULLWIDTH_DIGITS = str.maketrans("0123456789.,", "０１２３４５６７８９．，")


def restore_decimal(m: Mention) -> Fix | None:
    """The figure with its decimal point written back: `43 5亿美元` -> `43.5亿美元` (a full-width
    point between full-width digits). Safe: the figure was already read that way."""
    if not _editable(m):
        return None
    raw = m.record["text"]

    def point(x: re.Match) -> str:
        return x.group(1) + ("．" if not x.group(1).isascii() else ".") + x.group(2)

    fixed = _GAP.sub(point, raw)
    if fixed == raw:
        return None
    new = _reread(m, fixed)
    if new is None or "lost_decimal" in new.flags or not _close(new.value, m.fig.value):
        return None
    return Fix(SAFE, (_edit(m, fixed),), f"Write {fixed}.")


# ---------------------------------------------------------------------------------------------
# XD001: the suspect rewritten as the reference's value, in the suspect's own style

_NUMBER = re.compile(r"(?<![\d.])\d+(?:,\d{3})*(?:\.\d+)?(?![\d])")
_CJK = re.compile(r"[\u3400-\u9fff]")


def agree_with(m: Mention, ref: Mention, cause: str | None = None) -> Fix | None:
    """`m` rewritten to state `ref`'s value, in `m`'s language, script and style. Unsafe: which of
    the two is right is for the editor to say. None when no such rewrite reads back as agreeing."""
    if not _editable(m):
        return None
    try:
        replacement = _rewrite(m, ref, cause)
    except (ValueError, KeyError, ZeroDivisionError, OverflowError):
        replacement = None
    if replacement is None or replacement == m.record["text"]:
        return None
    new = _reread(m, replacement)
    if new is None or new.kind != ref.fig.kind or new.unit != ref.fig.unit or new.qualifier != m.fig.qualifier:
        return None
    if len(new.bounds) != len(ref.fig.bounds) or \
            not all(_close(_mid(a), _mid(b), 1e-6) for a, b in zip(new.bounds, ref.fig.bounds)):
        return None
    from reconcile.checks.crossdoc import meets

    probe = Mention(m.id, m.doc, new, m.record, restates=m.restates)
    if not meets(probe, ref, True):
        return None
    return Fix(UNSAFE, (_edit(m, replacement),), f"Write {replacement}, as {ref.record['text']} states.")


@dataclass
class _Slot:
    start: int  # offsets in the figure's text
    end: int  # end of the number
    number: float
    grouped: bool
    scale_start: int = -1  # where its magnitude word begins (after the separator), -1 without one
    scale_end: int = -1


def _rewrite(m: Mention, ref: Mention, cause: str | None) -> str | None:
    fig, rf = m.fig, ref.fig
    if fig.kind != rf.kind or "vague" in fig.flags or "vague" in rf.flags or "lost_decimal" in fig.flags:
        return None
    if len(fig.bounds) != len(rf.bounds) or any(math.isinf(x) or math.isnan(x) for b in rf.bounds for x in b):
        return None
    from reconcile.extraction.figures import rules as qualifier_rules

    if fig.qualifier and fig.qualifier in qualifier_rules().more:  # 30多万: no one value to write
        return None
    text, raw = fig.text, m.record["text"]
    slots = _slots(fig)
    if slots is None:
        return None
    mags = _magnitudes()
    scale = fig.scale
    # What one written unit of the suspect's number is worth, magnitude aside (1 for $, 10^6 for MW).
    totals = [(_mid(b) if len(fig.bounds) > 1 else fig.value) / s.number for b, s in zip(fig.bounds, slots)]
    magnitude = mags.get(scale, 1.0) if scale else 1.0
    if any(s.scale_start >= 0 for s in slots) != bool(scale) or not totals[0]:
        return None
    unit_factor = totals[0] / magnitude
    targets = [_mid(b) for b in rf.bounds]
    style = _style(m)
    replacements: list[tuple[int, int, str]] = []  # (start, end, text) in the figure's text

    word = fig.classifier
    word_span = _word_span(text, word, slots) if word else None
    if fig.unit != rf.unit:
        if fig.kind != "currency" or word_span is None or not _close(unit_factor, 1.0):
            return None
        new_word = _currency_word(word, ref, style)
        if new_word is None:
            return None
        replacements += [(s, e, new_word) for s, e in word_span]
    elif cause == "unit_scale" and word_span is not None and \
            all(_close(t / (s.number * magnitude), targets[0] / (slots[0].number * magnitude))
                for t, s in zip(targets, slots)):
        # The same numbers under another unit: change the unit word (MW -> GW, 兆瓦 -> 吉瓦).
        new_word = _unit_word(word, rf, targets[0] / (slots[0].number * magnitude), style)
        if new_word is not None:
            return _splice(raw, [(s, e, new_word) for s, e in word_span])
    values = [t / unit_factor for t in targets]
    replacements += _numbers(text, raw, slots, values, scale, style)
    return _splice(raw, replacements)


def _slots(fig) -> list[_Slot] | None:
    """The numbers written in the figure (one, or two for a range), with their magnitude words."""
    text = fig.text
    found = [x for x in _NUMBER.finditer(text)]
    if len(found) != len(fig.bounds) or not _close(float(found[0].group().replace(",", "")), fig.number):
        return None
    out = []
    for x in found:
        s = _Slot(x.start(), x.end(), float(x.group().replace(",", "")), "," in x.group())
        if not s.number:
            return None
        if fig.scale:
            at = s.end + re.match(r"[ \t]*", text[s.end:]).end()
            after = text[at + len(fig.scale):at + len(fig.scale) + 1]
            if text.startswith(fig.scale, at) and not (fig.scale.isascii() and after.isalpha()):
                s.scale_start, s.scale_end = at, at + len(fig.scale)
        out.append(s)
    return out


def _word_span(text: str, word: str, slots: list[_Slot]) -> list[tuple[int, int]] | None:
    """Where the unit or currency word stands in the figure's text, outside its numbers and
    magnitude words (twice in `$91 billion to $93 billion`)."""
    taken = [(s.start, max(s.end, s.scale_end)) for s in slots]
    spans = []
    for x in re.finditer(re.escape(word), text):
        if not any(a < x.end() and x.start() < b for a, b in taken):
            spans.append(x.span())
    return spans or None


def _splice(raw: str, replacements: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for s, e, new in sorted(replacements):
        if s < pos:
            raise ValueError("overlapping replacements")
        out += [raw[pos:s], new]
        pos = e
    out.append(raw[pos:])
    return "".join(out)


# ---------------------------------------------------------------------------------------------
# Style: the document's language and script, and how it writes numbers


@dataclass(frozen=True)
class _Style:
    locale: str  # babel: en_US, zh_Hans_CN, zh_Hant_TW
    traditional: bool
    fullwidth: bool  # the figure's digits are full-width


def _style(m: Mention) -> _Style:
    raw = m.record["text"]
    fullwidth = any("０" <= c <= "９" for c in raw)
    if m.doc.lang != "zh" and not _CJK.search(raw):
        return _Style("en_US", False, fullwidth)
    trad = _traditional(m.doc)
    return _Style("zh_Hant_TW" if trad else "zh_Hans_CN", trad, fullwidth)


_SCRIPT: dict[tuple[int, int], tuple[object, bool]] = {}  # (id(file), start) -> (file, traditional)


def _traditional(doc) -> bool:
    """Is the document written in traditional characters? (Normalisation simplified them, one for
    one, so the characters it changed say so.)"""
    key = (id(doc.file), doc.start)
    seen = _SCRIPT.get(key)
    if seen is None or seen[0] is not doc.file:  # the file is kept, so its id is not reused
        if len(_SCRIPT) > 4096:  # a bounded memo: it holds its files
            _SCRIPT.clear()
        seen = _SCRIPT[key] = (doc.file, _count_traditional(doc))
    return seen[1]


def _count_traditional(doc) -> bool:
    raw, text = doc.raw, doc.text
    if len(raw) > len(text):
        raw = raw[:len(text)]  # compared position by position, as far as both go
    cjk = len(_CJK.findall(raw))
    # The characters normalisation changed, picked in native code (few: a Python step for every
    # character of the text was a good part of a fix's cost), and of them the Chinese ones.
    changed = sum(1 for a in itertools.compress(raw, map(operator.ne, raw, text)) if "\u3400" <= a <= "\u9fff")
    return cjk > 0 and changed / cjk >= 0.03


def _numbers(text: str, raw: str, slots: list[_Slot], values: list[float], scale: str | None,
             style: _Style) -> list[tuple[int, int, str]]:
    """Each slot's number (and magnitude word) rewritten to state `values`, in the suspect's style:
    a magnitude word where it wrote one (chosen by CLDR's compact format for the locale, or the
    suspect's own abbreviation family: bn, m, tn), plain digits grouped as it grouped them."""
    had_scale = [s.scale_start >= 0 for s in slots]
    factor, word = 1.0, ""
    if any(had_scale):
        biggest = max(values, key=abs)
        compact = _compact(biggest, style.locale)
        x = re.match(r"^-?[\d.,]+\s*(.*)$", compact)
        if x is None:
            return []
        word = x.group(1).strip()
        if word:
            factor = _magnitudes().get(normalize(word))
            if factor is None:
                raise KeyError(word)
        if style.locale.startswith("en") and factor < 1e6 and not (scale and _magnitudes().get(scale, 0) < 1e6):
            factor, word = 1.0, ""  # $35,000, not $35 thousand
        if word and scale and scale.isascii() and not _is_long_word(scale):
            word = _abbreviation(scale, factor) or word
    out = []
    for s, v, has in zip(slots, values, had_scale):
        grouped = s.grouped or (not word and style.locale.startswith("en") and abs(v) >= 10_000
                                and not any(x.scale_start >= 0 for x in slots))
        number = _decimal(v / factor, grouped, style)
        if has and word:
            sep = text[s.end:s.scale_start]
            out.append((s.start, s.scale_end, f"{number}{sep}{word}"))
        elif has:  # no magnitude word any more: $3,000 for $3 thousand
            out.append((s.start, s.scale_end, _decimal(v, True, style) if style.locale.startswith("en")
                        else number))
        else:
            out.append((s.start, s.end, number))
    return out


def _memo_number(fn):
    """`fn(v, *rest)`, a pure function of a number, memoised: the suspects of one group are all
    rewritten to its one reference's value, so a run formats few distinct numbers many times
    (babel's formatting was a good part of a fix's cost). Not for zero: 0.0 and -0.0 are one key."""
    cached = functools.lru_cache(maxsize=4096, typed=True)(fn)

    @functools.wraps(fn)
    def call(v, *rest):
        return cached(v, *rest) if v else fn(v, *rest)

    return call


@_memo_number
def _compact(v: float, locale: str) -> str:
    """CLDR's compact form of `v` in `locale` (1.4 trillion, 1.4万亿), to at most 6 decimals; long
    magnitude words in English."""
    from babel.numbers import format_compact_decimal

    if locale.startswith("en"):
        return format_compact_decimal(v, locale=_locale(locale), format_type="long", fraction_digits=6)
    return format_compact_decimal(v, locale=_locale(locale), fraction_digits=6)


@_memo_number
def _decimal(v: float, grouped: bool, style: _Style) -> str:
    """The number with as few decimals as state it exactly (at most 6), CLDR's symbols."""
    from babel.numbers import format_decimal

    digits = next((k for k in range(7) if _close(round(v, k), v, 1e-9)), 6)
    pattern = ("#,##0" if grouped else "0") + ("." + "0" * digits if digits else "")
    text = format_decimal(round(v, digits), format=_pattern(pattern), locale=_locale(style.locale))
    return text.translate(_FULLWIDTH_DIGITS) if style.fullwidth else text


def _is_long_word(w: str) -> bool:
    return w.isalpha() and len(w) >= 4


def _abbreviation(written: str, factor: float) -> str | None:
    """The magnitude abbreviation of `factor` in the family of `written` (bn -> tn, B -> T)."""
    from reconcile.extraction.lexicon import lexicon

    lex = lexicon()
    forms = {**lex.magnitudes, **lex.currency_abbrev}
    candidates = [w for w, f in forms.items() if w.isascii() and not _is_long_word(w) and _close(f, factor)]
    if not candidates:
        return None

    def score(w: str) -> tuple:
        return (w.isupper() == written.isupper(), w.islower() == written.islower(), -abs(len(w) - len(written)),
                _common_suffix(w, written), w)

    return max(candidates, key=score)


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _unit_word(written: str, ref, factor: float, style: _Style) -> str | None:
    """A unit word worth `factor` canonical units, of the writer's sort: MW -> GW, megawatts ->
    gigawatts, 兆瓦 -> 吉瓦 (the reference's own word when it is of that sort)."""
    from reconcile.extraction.lexicon import lexicon

    units = lexicon().units
    cjk = bool(_CJK.search(written))

    def fits(w: str) -> bool:
        e = units.get(w)
        return e is not None and e.kind == ref.kind and e.unit == ref.unit and _close(e.factor, factor) \
            and bool(_CJK.search(w)) == cjk and w != written

    own = ref.classifier and normalize(ref.classifier)
    if own and fits(own) and _is_long_word(own) == _is_long_word(written):
        return _script(own, style)
    candidates = [w for w in units if fits(w)]
    if not candidates:
        return None

    def score(w: str) -> tuple:
        return (_is_long_word(w) == _is_long_word(written), w.endswith("s") == written.endswith("s"),
                -abs(len(w) - len(written)), _common_suffix(w, written), w)

    return _script(max(candidates, key=score), style)


def _currency_word(written: str, ref: Mention, style: _Style) -> str | None:
    """The reference's currency, written as the suspect writes currencies: a sign ($, £), a
    Chinese name (美元, 英鎊 in traditional copy) or an English one."""
    from babel.numbers import get_currency_name, get_currency_symbol

    from reconcile.extraction.lexicon import lexicon

    fig = ref.fig
    code = fig.unit
    units = lexicon().units

    def names(w: str | None) -> bool:
        e = units.get(normalize(w)) if w else None
        return e is not None and e.kind == "currency" and e.unit == code and _close(e.factor, 1.0)

    if not any(c.isalnum() for c in written):  # a sign
        for w in (get_currency_symbol(code, locale=_locale(style.locale)), get_currency_symbol(code, locale=_locale("en_US")),
                  fig.classifier):
            if w and not any(c.isalnum() for c in w.replace("US", "").replace("HK", "")) and names(w):
                return w
        return None
    if _CJK.search(written):
        for w in (fig.classifier if fig.classifier and _CJK.search(fig.classifier) else None,
                  get_currency_name(code, locale=_locale(style.locale))):
            if w and names(w):
                return _script(w, style)
        return None
    english = fig.classifier if fig.classifier and fig.classifier.isascii() and _is_long_word(fig.classifier) else None
    for w in (english, get_currency_name(code, count=2, locale=_locale("en_US"))):
        if w and names(w):
            return w
    return None


@functools.cache
def _locale(name: str):
    """babel's Locale `name`, parsed once (a locale name given to babel is parsed, and its data
    wrapped, at every call: a good part of a fix's cost)."""
    from babel import Locale

    return Locale.parse(name)


@functools.cache
def _pattern(text: str):
    """babel's number pattern `text`, parsed once (of the few _decimal writes)."""
    from babel.numbers import parse_pattern

    return parse_pattern(text)


@functools.cache
def _s2t():
    import opencc

    return opencc.OpenCC("s2t")


def _script(word: str, style: _Style) -> str:
    return _s2t().convert(word) if style.traditional and _CJK.search(word) else word


# ---------------------------------------------------------------------------------------------
# Helpers


def _magnitudes() -> dict[str, float]:
    """Every magnitude word and abbreviation with its factor (once per data set: read only)."""
    from reconcile.data.loader import data

    return data().memo(_magnitude_words)


def _magnitude_words(d) -> dict[str, float]:
    from reconcile.extraction.lexicon import lexicon

    lex = lexicon()
    return {**lex.currency_abbrev, **lex.magnitudes}


def _mid(bound: tuple[float, float]) -> float:
    return (bound[0] + bound[1]) / 2


def _close(a: float, b: float, rel: float = 1e-9) -> bool:
    return a is not None and b is not None and not math.isnan(a) and not math.isnan(b) and \
        math.isclose(a, b, rel_tol=rel, abs_tol=1e-12)


_WINDOW = 60  # characters of context kept on each side of a re-read figure (qualifiers, prefixes, ranges)
_BREAK = re.compile(r"[\s。；;，,！!？?]")


def _cut(text: str, at: int, limit: int) -> int:
    """A break (space or punctuation) at or after `at`, not past `limit`: where a window may end."""
    if at <= 0:
        return 0
    found = _BREAK.search(text, at, limit)
    return found.end() if found else limit


def _reread(m: Mention, replacement: str):
    """The figure the extractor reads where `replacement` stands in `m`'s line, or None."""
    from reconcile.extraction.figures import extract_text

    text, fig = m.doc.text, m.fig
    # The figure's line, cut to a window around it: a reading depends on its neighbourhood only,
    # and re-reading a whole paragraph for each finding made fixes the costliest step of `check`.
    start = max(text.rfind("\n", 0, fig.start) + 1, _cut(text, fig.start - _WINDOW, fig.start))
    end = text.find("\n", fig.end)
    end = min(len(text) if end < 0 else end, _cut(text, fig.end + _WINDOW, len(text)))
    new = normalize(replacement)
    line = text[start:fig.start] + new + text[fig.end:end]
    at = fig.start - start
    # First read up to the new figure's end only: the numbers after it cannot make a figure that
    # starts at `at` and ends there (a figure starts at most a few characters before its number),
    # nor change the one that does, unless its currency is inferred from the figures around it:
    # then the whole line is read.
    for f in extract_text(line, normalized=True, stop=at + len(new)):
        if f.start == at and f.end == at + len(new):
            if not _currency_from_context(f):
                return _as_attributed(f, m)
            break
    else:
        return None
    for f in extract_text(line, normalized=True):
        if f.start == at and f.end == at + len(new):
            return _as_attributed(f, m)
    return None


def _as_attributed(f, m: Mention):
    """The re-read figure in the currency attribution gave the mention from its company (a ¥ of
    Sony's is yen, TSMC's bare 元 NT$: attribution._company_currencies), when written the same way;
    and as money where attribution read the mention so (a Chinese amount with no unit that a money
    metric's word names: 营收…至382.13亿), when the re-read figure is written so too."""
    from reconcile.extraction.figures import as_money, bare_chinese_amount

    if "currency_of_company" in m.fig.flags and f.kind == "currency" and f.classifier == m.fig.classifier:
        return dataclasses.replace(f, unit=m.fig.unit)
    if "currency_inferred" in m.fig.flags and m.fig.kind == "currency":
        if bare_chinese_amount(f):
            f = dataclasses.replace(f)
            as_money(f, m.fig.unit)
        elif "currency_inferred" in f.flags:  # its window lost what set the currency (（港元，下同）)
            f = dataclasses.replace(f, unit=m.fig.unit)
    return f


def _currency_from_context(f) -> bool:
    """Might the figures around `f` set or change its currency (figures._money_in_context: a
    Chinese amount with a magnitude and no unit; figures._bare_yuan: a bare 元)?"""
    from reconcile.extraction.lexicon import lexicon

    return "currency_inferred" in f.flags or (f.kind == "count" and not f.classifier and bool(f.scale)) or \
        (f.kind == "currency" and f.classifier in lexicon().bare_yuan)


# ---------------------------------------------------------------------------------------------
# Applying fixes to files (`reconcile fix`)


@dataclass
class FileChange:
    path: str
    before: str  # the file's text as the check read it
    after: str
    encoding: str
    findings: list  # the findings whose fixes it applies


def plan(findings: list, files: dict, unsafe: bool = False) -> tuple[list[FileChange], list, list]:
    """(changes, applied findings, findings left) for `findings` whose fixes edit `files` (path ->
    SourceFile as the check read it). Safe fixes always, unsafe ones with `unsafe`; a fix whose
    edits overlap one already taken, or no longer match the text they were made on, is left."""
    by_path: dict[str, list] = {}
    applied, left = [], []
    order = sorted(findings, key=lambda f: (f.fix is None or f.fix.applicability != SAFE))  # safe first
    taken: dict[str, list[tuple[int, int]]] = {}
    for f in order:
        fix = f.fix
        if fix is None or (fix.applicability == UNSAFE and not unsafe) or \
                any(e.path not in files for e in fix.edits):
            left.append(f)
            continue
        spans = []
        for e in fix.edits:
            source = files[e.path]
            start = _offset(source, e.line, e.column)
            end = start + (e.end_column - e.column)
            if start is None or source.text[start:end] != e.original:
                spans = None
                break
            spans.append((e.path, start, end, e.replacement))
        if spans is None or any(s < b and a < t for p, s, t, _ in spans for a, b in taken.get(p, ())):
            left.append(f)
            continue
        for p, s, t, r in spans:
            taken.setdefault(p, []).append((s, t))
            by_path.setdefault(p, []).append((s, t, r))
        applied.append(f)
    changes = []
    for path, edits in sorted(by_path.items()):
        source = files[path]
        text = source.text
        for s, t, r in sorted(edits, reverse=True):
            text = text[:s] + r + text[t:]
        mine = [f for f in applied if any(e.path == path for e in f.fix.edits)]
        changes.append(FileChange(path, source.text, text, source.encoding, mine))
    keep = {id(f) for f in applied}
    return changes, applied, [f for f in findings if id(f) not in keep]


def _offset(source, line: int, column: int) -> int | None:
    if not 1 <= line <= len(source.line_starts) or column < 1:
        return None
    return source.line_starts[line - 1] + column - 1


def apply_edits(text: str, edits: list[Edit]) -> tuple[str, int]:
    """`text` with `edits` written in (one file's), each only where the text still holds its
    original on one line, and none over another: (the new text, how many were applied)."""
    from reconcile.extraction.documents import SourceFile

    source = SourceFile(path="", text=text, encoding="utf-8")
    spans: list[tuple[int, int, str]] = []
    for e in edits:
        start = _offset(source, e.line, e.column)
        if start is None or e.end_column < e.column:
            continue
        end = start + (e.end_column - e.column)
        if text[start:end] != e.original or "\n" in e.original or any(start < b and a < end for a, b, _ in spans):
            continue
        spans.append((start, end, e.replacement))
    for start, end, r in sorted(spans, reverse=True):
        text = text[:start] + r + text[end:]
    return text, len(spans)


def unified_diff(change: FileChange) -> str:
    import difflib

    return "".join(difflib.unified_diff(change.before.splitlines(keepends=True),
                                        change.after.splitlines(keepends=True),
                                        f"a/{change.path}", f"b/{change.path}"))


def write(change: FileChange) -> None:
    """Write the fixed text over the file, atomically (a temporary file in its folder, then a
    rename), in the encoding it was read in (a byte-order mark kept), its permissions kept; only if
    the file still holds what the check read."""
    import contextlib
    import os
    import tempfile

    from reconcile.errors import InputError
    from reconcile.extraction.documents import decode

    path = change.path
    try:
        data = open(path, "rb").read()
    except OSError as e:
        raise InputError(path, f"cannot read it again to fix it: {e.strerror or e}") from None
    if decode(path, data)[0] != change.before:
        raise InputError(path, "changed while it was being checked; nothing written (run fix again)")
    encoding = change.encoding
    if encoding == "utf-16":  # keep the byte order the file had
        encoding, bom = ("utf-16-be", b"\xfe\xff") if data.startswith(b"\xfe\xff") else ("utf-16-le", b"\xff\xfe")
    else:
        bom = b""
    try:
        out = bom + change.after.encode(encoding)
    except (UnicodeEncodeError, LookupError) as e:
        raise InputError(path, f"the fix cannot be written in the file's encoding {change.encoding} ({e}); "
                               "nothing written") from None
    folder = os.path.dirname(os.path.abspath(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise InputError(path, f"cannot write next to it: {e.strerror or e}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(out)
        os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError):
            raise InputError(path, f"cannot write it: {e.strerror or e}") from None
        raise

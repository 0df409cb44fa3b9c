"""Periods named in a document: every time expression that can say when a figure holds, resolved to
one notation, with its place in the text.

    2025          a calendar year            2025H1        a half
    2025Q3        a quarter                  2025Q1-Q3     from the start of 2025 to the end of Q3
    FY2026        a fiscal year              FY2026Q1      a fiscal quarter (fiscal and calendar
                                                           periods are never compared as equal)

The words are data (rules/periods.toml): quarter and half names, cumulative periods (前三季度,
first nine months), fiscal markers, words relative to the article's date (上季度, last year) and
the words that make a figure last year's (上年同期, a year earlier). A quarter written without a
year takes the article's: the latest such quarter that has begun by a quarter after the
article's date (Q3 in an article of October 2025 is 2025Q3; Q4 in one of February 2026 is 2025Q4).
"""
from __future__ import annotations

import bisect
import datetime as dt
import functools
import re
from dataclasses import dataclass

from reconcile.data.loader import data
from reconcile.extraction.normalize import normalize
from reconcile.extraction.words import WordScanner

# A year that is part of a date (2025年10月20日, 2025-10-20, October 20, 2025) is not a period.
_DATE_AFTER = re.compile(r"\s?年?\s?\d{1,2}\s?月|-\d{1,2}-\d{1,2}|/\d{1,2}")
_DATE_BEFORE = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},?\s*$|\d{1,2}/$", re.I)
# Analysts' compact quarters and halves: 3Q25, 1Q26E, 3QFY26, 1H25, 2025Q3, 25Q3, FY2025Q3, 2024H2, H1 2025.
# Capitals only, and a two-digit year written close ("top 10 Q1 sellers", "1h 25 minutes" are none).
_COMPACT = re.compile(r"(?<![A-Za-z0-9])(FY\s?)?(?:([1-4])Q|([12])H)(?:\s?(FY)?'?((?:19|20)\d\d)|(FY)?'?(\d\d))[Ee]?"
                      r"(?![A-Za-z0-9])"
                      r"|(?<![A-Za-z0-9])(?:(FY)?((?:19|20)\d\d)\s?|(FY)?(\d\d))(Q[1-4]|H[12])[Ee]?(?![A-Za-z0-9])"
                      r"|(?<![A-Za-z0-9])H([12])[ \u00a0]?((?:19|20)\d\d)(?![A-Za-z0-9])")  # H1 2025 (not H2 alone: hydrogen)
_FY_SHORT = re.compile(r"(?<![A-Za-z])FY\s?'?(\d{2}|\d{4})(?![\d])", re.I)


_NEXT_TOKEN = re.compile(r"\s?(?:([\u4e00-\u9fff])|([A-Za-z]+))")


def _amount_words() -> frozenset[str]:
    """Words that make the number before them an amount: units, magnitudes, counted nouns."""
    return data().memo(_amounts)


def _amounts(d) -> frozenset[str]:
    from reconcile.extraction.lexicon import lexicon

    lex = lexicon()
    return frozenset(w.lower() for w in (*lex.units, *lex.units_ci, *lex.magnitudes, *lex.count_nouns))


@dataclass(frozen=True, slots=True)
class PeriodHit:
    start: int
    end: int
    period: str | None  # None for a prior-year marker (it shifts another period)
    prior: bool = False  # 上年同期, a year earlier
    by_months: bool = False  # stated by calendar months ("the December quarter"): never a fiscal quarter
    yearless: bool = False  # a quarter's or half's name with no year written: its year is the date's guess


def _quarter_of(date: str | None) -> tuple[int, int] | None:
    """(year, quarter) of an ISO date; None for no date, or one that is not a date."""
    m = re.match(r"^(\d{4})-(\d{1,2})", date or "")
    if not m or not 1 <= int(m.group(2)) <= 12:
        return None
    return int(m.group(1)), (int(m.group(2)) - 1) // 3 + 1


def _into_quarter(date: str) -> int:
    """Days from the start of its calendar quarter to an ISO date (a large number if unreadable)."""
    try:
        d = dt.date.fromisoformat(date[:10])
    except ValueError:
        return 10**6
    return (d - dt.date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)).days


def _year_for(part: str, date: str | None, ahead: bool = False) -> int | None:
    """The year of a quarter, half or cumulative period written without one. With `ahead`, a
    quarter's name: the latest such quarter that has begun by the next quarter (Q1 in an
    article of the fourth quarter is next year's, as guidance speaks of it)."""
    q = _quarter_of(date)
    if q is None:
        return None
    year, quarter = q
    if ahead and re.fullmatch(r"Q[1-4]", part):
        return (year * 4 + quarter - int(part[1]) + 1) // 4
    if part == "FULL":
        # in the first quarter, the year just ended (results season: 全年销售额 in January is last
        # year's; scan() keeps guidance this year's); from the second on, the year under way
        return year - 1 if quarter == 1 else year
    first = {"Q1": 1, "Q2": 2, "Q3": 3, "Q4": 4, "H1": 1, "H2": 3}.get(part.split("-")[-1], 1)
    if part.startswith("Q1-"):
        first = int(part[-1])  # Q1-Q3 is known when Q3 has begun
    return year if first <= quarter + 1 else year - 1


def _middle_quarter(end_month: int, year: int | None) -> tuple[int | None, str]:
    """(year, quarter) of the calendar quarter holding most of the three months that end in
    `end_month` of `year`: the quarter of its middle month (Aug-Oct is Q3; Nov-Jan is the Q4 before)."""
    middle = end_month - 1 or 12
    return (year - 1 if year and end_month == 1 else year), f"Q{(middle - 1) // 3 + 1}"


@dataclass(frozen=True)
class _MonthPatterns:
    """Periods stated by calendar months (rules/periods.toml [months]; month names from CLDR)."""
    ended: re.Pattern  # three months that end in a month: "the quarter ended Sept. 30", 截至9月30日止三个月, 9月季度
    span: re.Pattern  # from one month to another: July-September, 7-9月, 7月至9月
    fiscal_year: re.Pattern  # "fiscal year ending March 31, 2026", 截至2026年3月31日的财年: FY2026
    lasting: re.Pattern  # six, nine or twelve months that end in a month: 截至2025年6月30日止六个月
    months_of: dict[str, int]  # how many months each of its words lasts ([months] lasting)
    month: dict[str, int]  # a month's name, lower-cased -> 1..12
    hint: re.Pattern  # what every such period writes (a month name's first letters, 月): where to look


_REACH = 80  # how far on either side of its hint a period stated by months is looked for


def _month_patterns() -> _MonthPatterns:
    return data().memo(_read_month_patterns)


def _read_month_patterns(d) -> _MonthPatterns:
    from babel import Locale

    rules = d.toml("periods.toml")["months"]
    month: dict[str, int] = {}
    for locale in rules["locales"]:
        months = Locale.parse(locale).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                month.update((name.lower().rstrip("."), n) for n, name in months[context][width].items())
    month.update((k.lower(), v) for k, v in rules.get("extra", {}).items())

    def any_of(key: str) -> str:
        return "|".join(re.escape(w) for w in sorted(rules[key], key=len, reverse=True))

    name = "|".join(re.escape(m) for m in sorted(month, key=len, reverse=True))
    en_m = rf"(?:{name})\.?"
    zh_m = r"\d{1,2}月"
    year = r"(?:19|20)\d\d"
    quarter_zh = rf"(?:{any_of('zh_quarter_words')})(?!节)"  # 季 but not 季节 (a season)
    fiscal_zh = any_of("zh_fiscal_year_words")
    ended = (rf"(?<![a-z0-9-])(?:{any_of('quarter_words')})\s+(?:{any_of('ending_words')})\s+(?:on\s+|in\s+)?"
             rf"(?P<m1>{en_m})(?:\s+\d{{1,2}})?(?:,?\s+(?P<y1>{year}))?(?![a-z])"
             rf"|(?<![a-z])(?P<m2>{en_m})[-\s]quarter(?![a-z-])"
             rf"|截至(?:(?P<y3>{year})年)?(?P<m3>{zh_m})(?:\d{{1,2}}日)?止?的?(?:{year}\s*(?:{fiscal_zh}|年)?)?"
             rf"(?:第?[一二三四1-4])?{quarter_zh}"
             rf"|(?<![\d年至到-])(?P<m4>{zh_m}){quarter_zh}")
    span = (rf"(?<![a-z])(?P<a1>{en_m})\s*(?:{any_of('span_words')})\s*(?P<b1>{en_m})(?:,?\s+(?P<y1>{year}))?(?![a-z])"
            rf"|(?:(?P<y2>{year})年)?(?<![\d.])(?P<a2>\d{{1,2}})月?\s*(?:{any_of('span_words')})\s*(?P<b2>{zh_m})(?!\d)")
    fiscal_year = (rf"(?<![a-z])(?:{any_of('fiscal_year_words')})\s+(?:{year}\s+)?(?:{any_of('ending_words')})\s+(?:on\s+|in\s+)?"
                   rf"{en_m}(?:\s+\d{{1,2}})?,?\s+(?P<y1>{year})"
                   rf"|截至(?P<y2>{year})年{zh_m}(?:\d{{1,2}}日)?止?的?(?:{fiscal_zh})(?!\s*(?:第|首|[一二三四1-4]季))")
    lasting_words = {normalize(k).lower(): v for k, v in rules["lasting"].items()}
    latin_lasting = "|".join(re.escape(w) for w in sorted(lasting_words, key=len, reverse=True) if w.isascii())
    zh_lasting = "|".join(re.escape(w) for w in sorted(lasting_words, key=len, reverse=True) if not w.isascii())
    lasting = (rf"(?<![\w.-])(?P<n1>{latin_lasting})\s+(?:{any_of('ending_words')})\s+(?:on\s+|in\s+)?"
               rf"(?:\d{{1,2}}\s+)?(?P<m1>{en_m})(?:\s+\d{{1,2}}(?!\d))?(?:,?\s+(?P<y1>{year}))?(?![a-z\d])"
               rf"|截至(?:(?P<y2>{year})年|今年)?(?P<m2>{zh_m})(?:\d{{1,2}}日|底)?止?的?(?P<n2>{zh_lasting})")
    # a month name's first letters where no letter comes before them (not "mar" of market), or 月
    hint = r"(?<![a-z])(?:" + "|".join(sorted({re.escape(m[:3]) for m in month}, key=len, reverse=True)) + ")|月"
    return _MonthPatterns(re.compile(ended), re.compile(span), re.compile(fiscal_year), re.compile(lasting),
                          lasting_words, month, re.compile(hint))


def _windows(text: str, hint: re.Pattern) -> list[tuple[int, int]]:
    """The stretches of `text` within _REACH of a hint, merged: a long text is scanned for periods
    stated by months only there."""
    out: list[list[int]] = []
    for m in hint.finditer(text):
        lo, hi = max(0, m.start() - _REACH), m.end() + _REACH
        if out and lo <= out[-1][1]:
            out[-1][1] = hi
        else:
            out.append([lo, hi])
    return [(lo, min(hi, len(text))) for lo, hi in out]


def _month_number(written: str, month: dict[str, int]) -> int | None:
    written = written.rstrip(".").rstrip("月")
    n = int(written) if written.isdigit() else month.get(written)
    return n if n and 1 <= n <= 12 else None


# The calendar months (first, last) that make a half, the first three quarters, the year.
_PART_OF_MONTHS = {(1, 6): "H1", (7, 12): "H2", (1, 9): "Q1-Q3", (1, 12): ""}


def _month_periods(lowered: str, date: str | None) -> list[PeriodHit]:
    """The periods `lowered` states by calendar months. Three months are the calendar quarter
    holding most of them; January to June, September or December the half, the first three
    quarters, the year, and July to December the second half (_PART_OF_MONTHS); other spans are
    no period; so for six, nine or twelve months ended a month. A fiscal year said to end in a
    month of a year ("fiscal year ending March 31, 2026") is the fiscal year of that year."""
    pat = _month_patterns()
    out = []
    windows = _windows(lowered, pat.hint)

    def matches(pattern: re.Pattern):
        return (m for lo, hi in windows for m in pattern.finditer(lowered, lo, hi))

    def quarter(m: re.Match, end: int, written: str | None) -> None:
        year, part = _middle_quarter(end, int(written) if written else None)
        year = year or _year_for(part, date)
        if year:
            out.append(PeriodHit(m.start(), m.end(), f"{year}{part}", by_months=True))

    for m in matches(pat.ended):
        g = m.groupdict()
        end = _month_number(g["m1"] or g["m2"] or g["m3"] or g["m4"], pat.month)
        if end:
            quarter(m, end, g["y1"] or g["y3"])
    for m in matches(pat.span):
        g = m.groupdict()
        first = _month_number(g["a1"] or g["a2"], pat.month)
        end = _month_number(g["b1"] or g["b2"], pat.month)
        written = g["y1"] or g["y2"]
        if first and end and (end - first) % 12 == 2:
            quarter(m, end, written)
        elif (first, end) in _PART_OF_MONTHS:
            part = _PART_OF_MONTHS[first, end]
            year = int(written) if written else _year_for(part or "Q4", date)
            if year:
                out.append(PeriodHit(m.start(), m.end(), f"{year}{part}"))
    out += [PeriodHit(m.start(), m.end(), f"FY{m.group('y1') or m.group('y2')}") for m in matches(pat.fiscal_year)]
    for m in matches(pat.lasting):
        g = m.groupdict()
        end = _month_number(g["m1"] or g["m2"], pat.month)
        months = pat.months_of[g["n1"] or g["n2"]]
        written = g["y1"] or g["y2"]
        part = _PART_OF_MONTHS.get((end - months + 1, end)) if end else None
        if part is None:
            if months == 12 and end and written:
                out.append(PeriodHit(m.start(), m.end(), f"FY{written}"))  # the year ended March 31, 2025
            continue
        year = int(written) if written else _ended_year(end, date)
        if year:
            out.append(PeriodHit(m.start(), m.end(), f"{year}{part}"))
    return out


def _ended_year(month: int, date: str | None) -> int | None:
    """The year of the latest end of `month` before the article's `date`: a period said to have
    ended ("the year ended December 31" in November 2025 is 2024's)."""
    try:
        published = dt.date.fromisoformat(date[:10]) if date else None
    except ValueError:
        return None
    if published is None:
        return None
    return published.year if month < published.month else published.year - 1


def calendar_of(period: str | None, fiscal_year_end: int | None, date: str | None) -> str | None:
    """The period to compare for a company whose fiscal year ends in month `fiscal_year_end`
    (rules/entities.toml): a fiscal quarter as the calendar quarter holding most of it (Microsoft,
    June: FY2026Q1 -> 2025Q3), and a calendar quarter that had not ended at the article's `date` as
    that fiscal quarter ("2026 Q1" in October 2025; Broadcom's "Q4 2025" in December 2025: no
    calendar quarter has results before it ends). Any other period as it is; the caller leaves a
    quarter stated by its months as it is ("the December quarter" is the calendar one). A fiscal
    period of a company whose year ends in December is the calendar one (Kuaishou's FY2025Q3 is
    2025Q3)."""
    if fiscal_year_end == 12 and period and period.startswith("FY"):
        return period[2:]
    m = re.fullmatch(r"(FY)?(\d{4})Q([1-4])", period or "")
    if not m or not fiscal_year_end or fiscal_year_end == 12:
        return period
    year, n = int(m.group(2)), int(m.group(3))
    if not m.group(1):
        current = _quarter_of(date)
        if current is None or (year, n) < current:
            return period
    middle = (year - 1) * 12 + fiscal_year_end + 3 * (n - 1) + 1  # the quarter's middle month, 0 = Jan of year 0
    return f"{middle // 12}Q{middle % 12 // 3 + 1}"


def fiscal_meant(period: str, fiscal_year_end: int, date: str | None) -> str:
    """The fiscal quarter or half meant by one named without a year ("the second quarter",
    第二季度, 第一财季), for a company whose year ends in month `fiscal_year_end`: the one of that name
    whose end is nearest the article's date, before or after it. A results story names the part
    just reported, guidance the one under way: Arm (March) in November 2025 reports FY2026Q2
    (July to September), not calendar 2025Q2; Microsoft (June) in October guides for FY2026Q2
    (October to December); New Oriental (May) in October reports FY2026Q1 and guides for FY2026Q2.
    A year-ago figure, its period a year back from the date's guess ("down from … a year
    earlier"), is the fiscal one a year back."""
    m = re.fullmatch(r"(FY)?(\d{4})(Q([1-4])|H([12]))", period)
    d = re.match(r"^(\d{4})-(\d{1,2})", date or "")
    if not m or not d:
        return period
    months = 3 * int(m.group(4)) if m.group(4) else 6 * int(m.group(5))  # the part's months into its year
    now = int(d.group(1)) * 12 + int(d.group(2)) - 1  # months since January of year 0
    # fiscal year Y ends in month fiscal_year_end of Y: its part ends in month (Y - 1) * 12 + fiscal_year_end - 1 + months
    latest = (now - fiscal_year_end - months) // 12 + 1  # the latest Y whose part ended before the date's month
    ended = (latest - 1) * 12 + fiscal_year_end - 1 + months
    nearest = latest + 1 if now - ended > 6 else latest
    year = int(m.group(2))
    guesses = {_year_for(m.group(3), date, ahead=True), _year_for(m.group(3), date)}
    back = 0 if year in guesses else year - max(g for g in guesses if g is not None)
    return f"FY{nearest + back}{m.group(3)}"


def shift_year(period: str, years: int) -> str:
    """The same period `years` later (2025Q3 -> 2024Q3 with -1; FY2026 -> FY2025)."""
    m = re.match(r"^(FY)?(\d{4})(.*)$", period)
    if not m:
        return period
    return f"{m.group(1) or ''}{int(m.group(2)) + years}{m.group(3)}"


def _words(table: dict) -> dict[str, str]:
    return {normalize(k).lower(): v for k, v in table.items()}


@dataclass(frozen=True)
class _Scanners:
    """The word tables of rules/periods.toml, ready to scan."""
    parts: WordScanner  # quarter and half names, cumulative periods
    relative: dict[str, WordScanner]  # years, quarters, fiscal_years: word -> offset from the article's date
    prior: WordScanner  # year-ago markers
    fiscal: list[str]  # fiscal markers, lower-cased
    reported: frozenset[str]  # words for "this quarter" that name the quarter just reported ...
    reported_days: int  # ... in copy published this many days after it ended, or fewer
    forward: re.Pattern  # words that make a full year without its year the one under way ([full_year])
    # a relative year right before a quarter's or half's name (去年第三季度, last year's third quarter) or
    # right after it ("the third quarter of last year", "Q3 last year"): group "w", its offset in `years`
    year_before: re.Pattern
    year_after: re.Pattern
    years: dict[str, int]
    # a year's digits right before a quarter's or half's name, with a fiscal word before them (group
    # "pre") or after them (group "post"), or 年: [fiscal] before_year, after_year
    year_digits_before: re.Pattern
    after_year_alone: tuple[str, ...]  # a year right before one of these is a fiscal year ([fiscal])


def _scanners() -> _Scanners:
    return data().memo(_read_scanners)


def _read_scanners(d) -> _Scanners:
    per = d.toml("periods.toml")
    return _Scanners(
        parts=WordScanner({**_words(per["quarter_names"]), **_words(per["halves"]), **_words(per["cumulative"])}),
        relative={t: WordScanner(_words(per[t])) for t in ("years", "quarters", "fiscal_years")},
        prior=WordScanner({normalize(w).lower(): "prior" for w in per["prior_year"]["words"]}),
        fiscal=[normalize(w).lower() for w in per["fiscal"]["words"]],
        reported=frozenset(normalize(w).lower() for w in per.get("reported_quarter", {}).get("words", ())),
        reported_days=int(per.get("reported_quarter", {}).get("days", 0)),
        forward=re.compile(_alternation(per.get("full_year", {}).get("forward", ())) or "(?!)"),
        year_digits_before=re.compile(
            rf"(?:(?P<pre>{_alternation(per['fiscal']['before_year'])})\s?)?(?P<y>(?:19|20)\d\d)\s?"
            rf"(?:(?P<post>{_alternation(per['fiscal']['after_year'])})|年度|年)?\s?(?:第|的)?\s?$"),
        after_year_alone=tuple(normalize(w).lower() for w in per["fiscal"]["after_year_alone"]),
        **_relative_years(per["years"]))


@dataclass(frozen=True)
class RocYears:
    """Years of the Republic of China (rules/periods.toml [roc_years]): `pattern`'s group "n" holds
    the number of one (114 of 114年度), `year()` the calendar year it is, or None."""
    pattern: re.Pattern
    offset: int
    lowest: int
    highest: int

    def year(self, m: re.Match) -> int | None:
        n = int(m.group("n"))
        return n + self.offset if self.lowest <= n <= self.highest else None


def roc_years() -> RocYears:
    return data().memo(_read_roc_years)


def _read_roc_years(d) -> RocYears:
    spec = d.toml("periods.toml")["roc_years"]
    not_after = "".join(f"(?<!{re.escape(normalize(w))})" for w in spec.get("not_after", ()))
    return RocYears(re.compile(rf"(?<![\d.,])(?:民国\s?)?{not_after}(?P<n>\d{{3}})(?=\s?年{spec['then']})"),
                    int(spec["offset"]), int(spec["lowest"]), int(spec["highest"]))


def _year_pattern(d) -> re.Pattern:
    """A calendar year's digits, never a stock code's with its market's suffix (2097.HK, 2330.TW:
    rules/attribution.toml [names] market_suffixes)."""
    codes = "|".join(re.escape(c) for c in sorted(d.toml("attribution.toml")["names"]["market_suffixes"], key=len, reverse=True))
    return re.compile(rf"(?<![\d.,/])((?:19|20)\d\d)(?![\d%]|[.,]\d|\.(?:{codes})\b)")


def _alternation(words) -> str:
    """Lower-cased, normalised words as one alternation, longest first (fiscal year before fiscal)."""
    return "|".join(re.escape(w) for w in sorted({normalize(w).lower() for w in words}, key=len, reverse=True))


def _relative_years(table: dict) -> dict:
    years = {normalize(w).lower(): int(k) for w, k in table.items()}
    words = _alternation(years)
    return {"years": years,
            "year_before": re.compile(rf"(?<![a-z])(?P<w>{words})(?:['’]s)?\s?(?:的)?\s?(?:第)?\s?(?:the\s)?$"),
            "year_after": re.compile(rf"\s?(?:of\s|in\s)?(?P<w>{words})(?![a-z'’])")}


# A year written right before a period word (2025年第三季度, FY2025 Q3), or right after it (Q3 of 2025,
# "a robust third quarter for 2025").
# The digits of a year of the Republic of China right before a quarter's or half's name (114年第3季),
# and what of its words a period takes after them (114年度).
_ROC_BEFORE = re.compile(r"(?<![\d.,])(?:民国\s?)?(?P<n>\d{3})\s?年\s?(?:第|的)?\s?$")
_ROC_END = re.compile(r"\s?年度?")
_YEAR_AFTER = re.compile(r"\s?(?:of\s|in\s|for\s|,\s?)?(?:the\s)?((fy|fiscal(?: year)?)\s?)?'?((?:19|20)?\d\d)(?![\d%])")


def scan(text: str, date: str | None) -> list[PeriodHit]:
    """Every period named in `text` (normalised), in order."""
    scanners = _scanners()
    fiscal = scanners.fiscal
    lowered = text.lower()

    hits: list[PeriodHit] = []
    used_starts: list[int] = []  # the spans taken by a period, sorted by start (a long text has thousands)
    used_ends: list[int] = []
    longest = 0

    def free(s: int, e: int) -> bool:
        k = bisect.bisect_left(used_starts, e) - 1
        while k >= 0 and used_starts[k] >= s - longest:
            if used_ends[k] > s:
                return False
            k -= 1
        return True

    def take(s: int, e: int) -> None:
        nonlocal longest
        k = bisect.bisect_right(used_starts, s)
        used_starts.insert(k, s)
        used_ends.insert(k, e)
        longest = max(longest, e - s)

    dated = _quarter_of(date)
    roc = roc_years()
    for m in _COMPACT.finditer(text):
        g = m.groups()
        if g[1] or g[2]:  # 3Q25, 1H2025, FY 4Q25
            part = f"Q{g[1]}" if g[1] else f"H{g[2]}"
            fy, year = g[0] or g[3] or g[5], g[4] or g[6]
        elif g[12]:  # H1 2025
            part, fy, year = f"H{g[12]}", None, g[13]
        else:  # 2025Q3, 25Q3
            part, fy, year = g[11], g[7] or g[9], g[8] or g[10]
        year = int(year) if len(year) == 4 else 2000 + int(year)
        if len(m.group(0)) <= 6 and dated and abs(year - dated[0]) > 10:
            continue  # a two-digit year far from the article's: a model or a count, not a period
        hits.append(PeriodHit(m.start(), m.end(), f"{'FY' if fy else ''}{year}{part}"))
        take(*m.span())

    months = _month_periods(lowered, date)

    def year_near(start: int, end: int, relative: bool = True) -> tuple[int, int, int, bool] | None:
        """(year, start, end, fiscal) of a year written right before or after [start, end), in
        digits or, with `relative`, relative to the article's date (去年第三季度, "the third quarter
        of last year"; not a fiscal quarter's: "last year" is a calendar year)."""
        before = lowered[max(0, start - 16):start]
        m = scanners.year_digits_before.search(before)
        if m:
            return int(m.group("y")), start - len(before) + m.start(), end, bool(m.group("pre") or m.group("post"))
        m = _ROC_BEFORE.search(before)  # 114年第3季, 114年上半年: a year of the Republic of China
        if m and roc.pattern.match(lowered, start - len(before) + m.start()) and (y := roc.year(m)):
            return y, start - len(before) + m.start(), end, False
        after = lowered[end:end + 22]
        m = _YEAR_AFTER.match(after)
        if m and (len(m.group(3)) == 4 or m.group(2)):
            y = int(m.group(3)) if len(m.group(3)) == 4 else 2000 + int(m.group(3))
            return y, start, end + m.end(), bool(m.group(2))
        if dated and relative:
            m = scanners.year_before.search(before)
            if m:
                return dated[0] + scanners.years[m.group("w")], start - len(before) + m.start(), end, False
            m = scanners.year_after.match(after)
            if m:
                return dated[0] + scanners.years[m.group("w")], start, end + m.end(), False
        return None

    fiscal_quarters = []  # (start, end, part) of fiscal quarters written without a year
    ahead: list[int] = []  # hits of quarters without a year read as next year's (_year_for ahead)
    for start, end, part in scanners.parts.scan(text):
        if not free(start, end):
            continue
        own_fiscal = any(f in lowered[start:end] for f in fiscal) or \
            any(lowered[max(0, start - 12):start].rstrip().endswith(f) for f in fiscal)  # "fiscal first quarter"
        near = year_near(start, end, relative=not own_fiscal)
        if near:
            year, s, e, is_fiscal = near
            is_fiscal = is_fiscal or own_fiscal
        elif own_fiscal:
            fiscal_quarters.append((start, end, part))
            continue
        else:
            year, s, e, is_fiscal = _year_for(part, date, ahead=True), start, end, False
            if part == "FULL" and year is not None and scanners.forward.search(lowered, max(0, start - 20), end + 30):
                year = _quarter_of(date)[0]  # guidance or a target in the first quarter: this year's
            if year is not None and year != _year_for(part, date):
                ahead.append(len(hits))
        if year is None:
            continue
        period = f"{'FY' if is_fiscal else ''}{year}{'' if part == 'FULL' else part}"
        hits.append(PeriodHit(s, e, period, yearless=not near and part != "FULL"))
        take(s, e)
    # ... unless the article goes through this year's quarters, its second and third named too:
    # "第一季度营收10亿元，第二季度12亿元，第三季度15亿元" in an October story is this year's (one
    # that names the fourth quarter's results and the first's guidance is not).
    written = {h.period for k, h in enumerate(hits) if k not in ahead}
    for k in ahead:
        h = hits[k]
        this_year = f"{int(h.period[:4]) - 1}"
        if all(f"{this_year}Q{n}" in written for n in (2, 3)):
            hits[k] = PeriodHit(h.start, h.end, f"{this_year}{h.period[4:]}", yearless=h.yearless)

    for hit in months:  # after the quarter names: "third quarter ended Sept. 30" is one period
        if free(hit.start, hit.end):
            hits.append(hit)
            take(hit.start, hit.end)
    for m in _FY_SHORT.finditer(text):
        if free(m.start(), m.end()):
            y = m.group(1)
            hits.append(PeriodHit(m.start(), m.end(), f"FY{y if len(y) == 4 else '20' + y}"))
            take(m.start(), m.end())
    for m in roc.pattern.finditer(text):  # 115年度: the budget year 2026
        year, e = roc.year(m), _ROC_END.match(text, m.end()).end()
        if year is not None and free(m.start(), e) and not _DATE_AFTER.match(text, m.end()):  # (114年9月: a date)
            hits.append(PeriodHit(m.start(), e, str(year)))
            take(m.start(), e)
    amounts = _amount_words()
    latin_fiscal = tuple(f for f in fiscal if f.isascii() and f != "fy")  # fiscal 2025, financial year 2025
    for m in data().memo(_year_pattern).finditer(text):
        s, e = m.span()
        if not free(s, e) or _DATE_AFTER.match(text, e) or _DATE_BEFORE.search(text[max(0, s - 16):s]):
            continue
        nxt = _NEXT_TOKEN.match(text, e)
        if nxt and (nxt.group(1) and nxt.group(1) not in "年财会度" or nxt.group(2) and nxt.group(2).lower() in amounts):
            continue  # an amount (2000亿美元, 2000 employees), not a year
        head = lowered[max(0, s - 16):s]
        is_fiscal = head.rstrip().endswith(latin_fiscal) or lowered[e:e + 16].lstrip().startswith(scanners.after_year_alone)
        hits.append(PeriodHit(s, e, f"{'FY' if is_fiscal else ''}{m.group(1)}"))
    # A fiscal quarter without a year is of the fiscal year named nearest before it (else first after,
    # else, as a guess, the year _year_for gives a quarter's name: Apple's fiscal fourth quarter in
    # October is FY2025Q4, Broadcom's first fiscal quarter in December FY2026Q1).
    years = sorted((h.start, h.period[2:6]) for h in hits if h.period and h.period.startswith("FY"))
    year_starts = [s for s, _ in years]
    for start, end, part in fiscal_quarters:
        k = bisect.bisect_left(year_starts, start)
        if part == "FULL" and not years:
            continue  # "the full fiscal year", no fiscal year named: the one under way or the one reported
        year = years[k - 1][1] if k else (years[0][1] if years else _year_for(part, date, ahead=True))
        if year and free(start, end):
            hits.append(PeriodHit(start, end, f"FY{year}{'' if part == 'FULL' else part}",
                                  yearless=not years and part != "FULL"))
            take(start, end)
    for start, end, _ in scanners.prior.scan(text):
        hits.append(PeriodHit(start, end, None, prior=True))
        take(start, end)
    q = dated
    for table, fmt in (("years", "y"), ("quarters", "q"), ("fiscal_years", "fy")):
        for start, end, offset in scanners.relative[table].scan(text):
            if q is None or not free(start, end):
                continue
            year, quarter = q
            if fmt == "y":
                period = str(year + offset)
            elif fmt == "fy":
                period = f"FY{year + offset}"
            else:
                if offset == 0 and lowered[start:end] in scanners.reported and _into_quarter(date) <= scanners.reported_days:
                    offset = -1  # 本季度 in a results story: the quarter just ended
                n = year * 4 + (quarter - 1) + offset
                period = f"{n // 4}Q{n % 4 + 1}"
            hits.append(PeriodHit(start, end, period))
    hits.sort(key=lambda h: (h.start, h.end))
    return hits


_SPAN = re.compile(r"^(FY)?(\d{4})(?:(Q[1-4])(?:-(Q[1-4]))?|(H[12]))?$")


@functools.lru_cache(maxsize=4096)
def weekday(text: str, lo: int, hi: int) -> int | None:
    """The day of the week (Monday = 0) that text[lo:hi] names first (周四, Thursday; rules/periods.toml
    [weekdays]), or None."""
    table, pattern = data().memo(_weekdays)
    hit = pattern.search(text, lo, hi) if hi > lo else None
    return table[hit.group().lower()] if hit else None


def names_listing_day(text: str, lo: int, hi: int) -> bool:
    """Whether text[lo:hi] dates a share's fact by its listing's first trading day (rules/periods.toml
    [listing_day]: "on its first day of trading", 上市首日)."""
    return hi > lo and data().memo(_listing_day).search(text, lo, hi) is not None


def listing_day_most_days() -> int:
    """How many days apart two articles may be published for their first-day facts to be of one day
    (rules/periods.toml [listing_day] most_days)."""
    return int(data().toml("periods.toml").get("listing_day", {}).get("most_days", 0))


def _listing_day(d) -> re.Pattern:
    return re.compile(_bounded_alternation(d.toml("periods.toml").get("listing_day", {}).get("words", [])) or "(?!)", re.I)


def _weekdays(d) -> tuple[dict[str, int], re.Pattern]:
    table = {normalize(k).lower(): int(v) for k, v in d.toml("periods.toml").get("weekdays", {}).items()}
    return table, re.compile(_bounded_alternation(table), re.I)


def _bounded_alternation(words) -> str:
    """_alternation(), a Latin word matched only whole (Monday, not Mondays; debut, not debutante)."""
    keys = sorted({normalize(w).lower() for w in words}, key=len, reverse=True)
    return "|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in keys)


def span(period: str) -> tuple[bool, int, int, int] | None:
    """(fiscal, year, first quarter, last quarter) of a period written in this module's notation;
    None for spans like next:8y."""
    m = _SPAN.match(period or "")
    if not m:
        return None
    fiscal, year, q1, q2, half = bool(m.group(1)), int(m.group(2)), m.group(3), m.group(4), m.group(5)
    if half:
        first, last = (1, 2) if half == "H1" else (3, 4)
    elif q1:
        first = int(q1[1])
        last = int(q2[1]) if q2 else first
    else:
        first, last = 1, 4
    return fiscal, year, first, last


@functools.lru_cache(maxsize=65536)
def relation(a: str, b: str) -> str:
    """'same', 'nested' (one within the other: 2025Q3 in 2025), 'disjoint', or 'other' (fiscal
    against calendar, spans, forms this module cannot compare)."""
    if a == b:
        return "same"
    if a.startswith("next:") and b.startswith("next:"):
        return "disjoint"  # over the next 3 years is not over the next 5
    sa, sb = span(a), span(b)
    if sa is None or sb is None or sa[0] != sb[0]:
        return "other"
    if sa[1] != sb[1] or sa[3] < sb[2] or sb[3] < sa[2]:
        return "disjoint"
    return "nested" if (sa[2] <= sb[2] and sb[3] <= sa[3]) or (sb[2] <= sa[2] and sa[3] <= sb[3]) else "disjoint"

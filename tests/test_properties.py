"""Properties of extract_text on generated copy: it never raises, spans are the input's, figures are
sorted and disjoint, intervals are ordered, results are deterministic and full-width forms change
nothing but the characters."""
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reconcile.extraction.figures import extract_text
from reconcile.extraction.normalize import normalize

SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])

ZH = ["万", "亿", "万亿", "美元", "元", "吉瓦", "兆瓦", "倍", "%", "年", "家", "块", "约", "超", "近", "至",
      "-", "点", "多", "余", "以上", "左右", "数", "几", "两", "一", "三", "十", "百", "千", "零", "半", "负",
      "百分之", "个", "亿美元", "人民币", "吨", "上半年", "财年", "翻倍", "到", "~", "，", "。", "、"]
EN = ["billion", "million", "trillion", "GW", "MW", "acres", "about", "to", "between", "and", "$",
      "more than", "up to", "nearly", "over", "or more", "percent", "customers", "from", "in", "FY",
      "hundreds of", "several", "twenty", "five", "bn", "k"]
PUNCT = list(",.;:!?()[]\"'/+*&#@-–—%") + ["\n", "\t"]

digits = st.text(alphabet="0123456789", min_size=1, max_size=6)
numbers = st.one_of(
    digits,
    st.builds("{}.{}".format, digits, digits),
    st.builds("{},{}".format, st.text("123456789", min_size=1, max_size=3),
              st.text("0123456789", min_size=3, max_size=3)),
    st.sampled_from(["2025", "1900", "2100", "0", "0.0"]),
)
spaces = st.sampled_from(["", " ", "  ", "\u3000"])
# Something shaped like a figure, so most examples have some: 约1.4万亿美元, $35 billion, 13-44 GW.
amounts = st.builds(
    "{}{}{}{}{}".format,
    st.sampled_from(["", "", "约", "超", "近", "负", "-", "about ", "more than ", "$", "between ", "US$"]),
    numbers,
    st.sampled_from(["", "", "万", "亿", "万亿", " billion", " million", "bn", "k", "点"]),
    st.sampled_from(["", "美元", "元", "吉瓦", "兆瓦", "倍", "%", "年", "家", "块", " GW", " acres", "多", "余"]),
    st.sampled_from(["", "", "至", "-", " to ", " and ", "~", "，", "。"]),
)
pieces = st.one_of(
    amounts, amounts, amounts, numbers, st.sampled_from(ZH), st.sampled_from(EN), spaces,
    st.sampled_from(PUNCT),
    st.text(max_size=3),  # random unicode
)
copy = st.lists(pieces, min_size=1, max_size=25).map("".join)

texts = copy


def full_width(s: str) -> str:
    """ASCII as full-width forms (０-９, ．, ％, Ａ-ｚ), the space as the ideographic space.

    The comma stays ASCII: the full-width comma is Chinese punctuation by design (20，300美元 is two
    amounts) and only groups thousands between full-width digits (see test_full_width_comma)."""
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" and c != "," else "\u3000" if c == " " else c
                   for c in s)


def key(figs):
    return [(f.start, f.end, f.value, f.low, f.high, f.unit, f.kind, f.qualifier, f.classifier, f.flags)
            for f in figs]


@SETTINGS
@given(copy)
def test_never_raises(s):
    extract_text(s)  # including texts the other properties leave out


@SETTINGS
@given(texts)
def test_spans_are_the_inputs_text(s):
    for f in extract_text(s):
        assert 0 <= f.start < f.end <= len(s), (f.start, f.end, len(s))
        assert f.text == s[f.start:f.end]
        assert f.text.strip(), f.text  # never a blank span


@SETTINGS
@given(texts)
def test_figures_are_sorted_and_disjoint(s):
    figs = extract_text(s)
    for a, b in zip(figs, figs[1:]):
        assert (a.start, a.end) <= (b.start, b.end)
        assert a.end <= b.start, (a.text, b.text)


@SETTINGS
@given(texts)
def test_intervals_are_ordered(s):
    for f in extract_text(s):
        assert not any(math.isnan(x) for x in (f.value, f.low, f.high)), f
        assert math.isfinite(f.value), f
        assert f.low != math.inf and f.high != -math.inf, f
        assert f.low <= f.value <= f.high, (f.text, f.low, f.value, f.high)


@SETTINGS
@given(texts, texts)
def test_deterministic(s, other):
    first = extract_text(s)
    extract_text(other)  # caches and scanner state must not leak between calls
    assert extract_text(s) == first
    assert key(extract_text(s)) == key(first)


@SETTINGS
@given(texts.filter(lambda s: "，" not in s))  # a written full-width comma groups only between ０-９
def test_full_width_gives_the_same_figures(s):
    wide = full_width(s)
    assert len(wide) == len(s)
    figs, wide_figs = extract_text(s), extract_text(wide)
    assert key(wide_figs) == key(figs)
    assert [f.text for f in wide_figs] == [full_width(f.text) for f in figs]


@SETTINGS
@given(texts)
def test_normalized_flag_gives_the_same_figures(s):
    norm = normalize(s)
    assert len(norm) == len(s)
    assert key(extract_text(norm, normalized=True)) == key(extract_text(s))


# Ranges: both written bounds lie inside the figure's interval.
RANGE_FORMS = [
    ("{a}至{b}亿美元", 1e8, "USD"),
    ("{a}-{b}亿美元", 1e8, "USD"),
    ("{a}到{b}吉瓦", 1e9, "W"),
    ("${a} billion to ${b} billion", 1e9, "USD"),
    ("between {a} and {b} GW", 1e9, "W"),
]


@SETTINGS
@given(st.sampled_from(RANGE_FORMS), st.integers(1, 9999), st.integers(1, 9999),
       st.sampled_from(["", "预计", "Google expects "]))
def test_range_contains_both_bounds(form, a, b, prefix):
    pattern, scale, unit = form
    a, b = sorted((a, b))
    s = prefix + pattern.format(a=a, b=b) + "。"
    figs = extract_text(s)
    assert len(figs) == 1, key(figs)
    f = figs[0]
    assert f.unit == unit
    assert f.low <= a * scale <= f.value <= b * scale <= f.high, (s, f.low, f.value, f.high)
    if a < b:
        assert "range" in f.flags


# Full-width digits in an otherwise Chinese sentence, one figure each.
@SETTINGS
@given(st.integers(0, 10**6), st.integers(0, 99), st.sampled_from(["万", "亿", "万亿", ""]),
       st.sampled_from(["美元", "元", "吉瓦", "兆瓦", "%", "家"]))
def test_full_width_amount(n, frac, magnitude, unit):
    ascii_ = f"投入{n}.{frac:02d}{magnitude}{unit},"
    wide = full_width(ascii_[:-1]) + ","
    assert key(extract_text(wide)) == key(extract_text(ascii_))
    figs = extract_text(wide)
    assert len(figs) == 1 and figs[0].start == 2


def test_full_width_comma():
    """The full-width comma groups thousands between full-width digits, and is punctuation elsewhere."""
    assert key(extract_text("投入１１１，１１１美元")) == key(extract_text("投入111,111美元"))
    assert [f.text for f in extract_text("投入１１１，１１１美元")] == ["１１１，１１１美元"]
    assert [f.text for f in extract_text("分别为20，300美元")] == ["300美元"]


# --- known bugs -------------------------------------------------------------------------------


@pytest.mark.parametrize("s", ["30万以上", "用户达30万左右", "投资5亿美元以内", "capacity of 50 GW or more",
                               "300 customers plus"])
def test_trailing_qualifier_at_end_of_text(s):
    figs = extract_text(s)
    assert figs and figs[-1].end == len(s), [(f.start, f.end, f.text) for f in figs]


@pytest.mark.parametrize("s", ["增速为-3%至5%。", "增速为负3%到5%。"])
def test_negative_first_bound_of_a_range(s):
    (f,) = extract_text(s)
    assert f.low <= -3 and f.high >= 5, (f.text, f.low, f.value, f.high)

"""The extractor on the forms the figures issue names: English copy of the seed's facts, numerals,
ranges, qualifiers, lost decimal points, and numbers that are not figures."""
import math

import pytest

from reconcile.data.loader import data_dir
from reconcile.extraction.documents import load_documents
from reconcile.extraction.figures import extract_text

INF = math.inf


def one(text):
    figs = extract_text(text)
    assert len(figs) == 1, [(f.text, f.value, f.unit) for f in figs]
    return figs[0]


def approx(f, value, low, high, unit):
    assert f.unit == unit, (f.text, f.unit)
    assert (f.value, f.low, f.high) == pytest.approx((value, low, high), rel=1e-9), f.text


# English copy of the seed's facts, written for these tests.
ENGLISH = """OpenAI plans to spend about $1.4 trillion over eight years on new data centers.
Anthropic will invest $50 billion in American AI infrastructure.
Google raised its 2025 capital expenditure to $91 billion to $93 billion.
Meta expects capex of $70bn-$72bn in 2025, almost twice last year's.
Microsoft spent a record $34.9 billion last quarter.
Morgan Stanley warns of a power shortfall of between 13 and 44 GW by 2028.
Amazon built a 1,200-acre campus that cost $11 billion.
Anthropic serves more than 300,000 business customers.
Nscale will deploy about 104,000 Nvidia GB300 chips in Texas.
Silicon Valley Power is running a $450 million upgrade.
Stack's building of more than 51,000 square meters needs 48 MW.
"""


def test_english_copy_of_the_seed_facts():
    got = {f.text: f for f in extract_text(ENGLISH)}
    approx(got["about $1.4 trillion"], 1.4e12, 1.35e12 * 0.95, 1.45e12 * 1.05, "USD")
    assert got["about $1.4 trillion"].qualifier == "about"
    approx(got["eight years"], 8, 7.5, 8.5, "year")
    approx(got["$50 billion"], 5e10, 4.95e10, 5.05e10, "USD")
    approx(got["$91 billion to $93 billion"], 9.2e10, 9.05e10, 9.35e10, "USD")
    assert got["$70bn-$72bn"].low == pytest.approx(6.95e10) and got["$70bn-$72bn"].high == pytest.approx(7.25e10)
    approx(got["$34.9 billion"], 3.49e10, 3.485e10, 3.495e10, "USD")
    approx(got["between 13 and 44 GW"], 2.85e10, 1.25e10, 4.45e10, "W") if "between 13 and 44 GW" in got else \
        approx(got["13 and 44 GW"], 2.85e10, 1.25e10, 4.45e10, "W")
    acre = 4046.8726098742513
    approx(got["1,200-acre"], 1200 * acre, 1150 * acre, 1250 * acre, "m**2")  # rounded to hundreds
    approx(got["$11 billion"], 1.1e10, 1.05e10, 1.15e10, "USD")
    customers = got["more than 300,000 business customers"]
    assert customers.unit == "count" and customers.low == pytest.approx(299999.5) and customers.high == INF
    assert customers.classifier == "customers"
    assert got["about 104,000 Nvidia GB300 chips"].value == 104000
    approx(got["$450 million"], 4.5e8, 4.495e8, 4.505e8, "USD")
    assert got["more than 51,000 square meters"].unit == "m**2"
    approx(got["48 MW"], 4.8e7, 4.75e7, 4.85e7, "W")
    years = sorted(f.value for f in extract_text(ENGLISH) if f.unit == "date")
    assert years == [2025, 2025, 2028]


def test_english_and_chinese_mentions_give_meeting_intervals():
    """The same facts in both languages normalise to intervals that meet."""
    zh = {f.text: f for f in extract_text(load_documents(data_dir("seeds"))[0].text)}
    en = {f.text: f for f in extract_text(ENGLISH)}
    pairs = [("约1.4万亿美元", "about $1.4 trillion"), ("910亿至930亿美元", "$91 billion to $93 billion"),
             ("349亿美元", "$34.9 billion"), ("13至44吉瓦", "between 13 and 44 GW"), ("8年", "eight years")]
    for a, b in pairs:
        a, b = zh[a], en.get(b) or en[b.replace("between ", "")]
        assert a.unit == b.unit
        assert a.low <= b.high and b.low <= a.high, (a.text, b.text)


@pytest.mark.parametrize("text, value, unit", [
    ("两倍", 2, "times"), ("十年", 10, "year"), ("二十家", 20, "count"), ("一百二十亿元", 1.2e10, "CNY"),
    ("三点五倍", 3.5, "times"), ("百分之二十", 20, "percent"), ("1.4万亿美元", 1.4e12, "USD"),
    ("3.35亿股", 3.35e8, "count"), ("1,250亿美元", 1.25e11, "USD"), ("１．４万亿美元", 1.4e12, "USD"),
    ("1.4兆美元", 1.4e12, "USD"), ("349億美元", 3.49e10, "USD"), ("48兆瓦", 4.8e7, "W"), ("120万千瓦", 1.2e9, "W"),
    ("13吉瓦", 1.3e10, "W"), ("2太瓦", 2e12, "W"), ("500度", 5e5, "W*h"), ("3 TWh", 3e12, "W*h"),
    ("100平方公里", 1e8, "m**2"), ("30亩", 2e4, "m**2"), ("5公顷", 5e4, "m**2"), ("2,000 sq ft", 2000 * 0.09290304, "m**2"),
    ("200英里/小时", 200 * 1.609344, "km/h"), ("60 mph", 60 * 1.609344, "km/h"), ("120 km/h", 120, "km/h"),
    ("5个百分点", 5, "percentage_point"), ("3 percentage points", 3, "percentage_point"), ("3x", 3, "times"),
    ("10-fold", 10, "times"), ("£5m", 5e6, "GBP"), ("€2.5 billion", 2.5e9, "EUR"), ("HK$10", 10, "HKD"),
    ("1000万港元", 1e7, "HKD"), ("5000亿日元", 5e11, "JPY"), ("20亿英镑", 2e9, "GBP"), ("3亿欧元", 3e8, "EUR"),
    ("50亿新台币", 5e9, "TWD"), ("10亿美金", 1e9, "USD"), ("8亿元人民币", 8e8, "CNY"), ("RMB 3 billion", 3e9, "CNY"),
    ("$91bn", 9.1e10, "USD"), ("$1.4T", 1.4e12, "USD"), ("US$5 million", 5e6, "USD"),
    # gas volumes, as mainland and Taiwanese copy and gas traders write them (a litre is the base)
    ("380亿立方米", 3.8e13, "L"), ("440億立方公尺", 4.4e13, "L"), ("44 bcm", 4.4e13, "L"),
    ("50 billion cubic meters", 5e13, "L"), ("1 cubic metre", 1e3, "L"),
    # an oil company's output in barrels (of oil equivalent), in either language; gas in cubic feet
    ("3.2亿桶", 3.2e8 * 158.987294928, "L"), ("120 million barrels", 1.2e8 * 158.987294928, "L"),
    ("2,000億立方英尺", 2e11 * 28.316846592, "L"),
    # volumes counted with 册, in words as in digits
    ("七百万册", 7e6, "count"), ("50万册", 5e5, "count"),
])
def test_numbers_magnitudes_and_units(text, value, unit):
    f = one(text)
    assert f.text == text and f.unit == unit and f.value == pytest.approx(value, rel=1e-9)


def test_a_local_firm_is_no_count_of_books():
    # 本 before 地 or 港 is "local", never a measure word; 册 counts volumes.
    assert not [f for f in extract_text("逾200本地企业参与，逾100本港公司参与。") if f.text.endswith("本")]
    assert [(f.text, f.unit) for f in extract_text("涉及50万册图书")] == [("50万册", "count")]


def test_currencies_never_mix():
    units = {f.unit for f in extract_text("100美元, 100元, 100港元, 100英镑, 100欧元, 100日元, 100新台币")}
    assert units == {"USD", "CNY", "HKD", "GBP", "EUR", "JPY", "TWD"}


@pytest.mark.parametrize("text, low, high", [
    ("910亿至930亿美元", 9.095e10, 9.305e10), ("13至44吉瓦", 1.25e10, 4.45e10), ("8-9美元", 7.5, 9.5),
    ("5-7.5亿", 4.5e8, 7.55e8), ("$91 billion to $93 billion", 9.05e10, 9.35e10), ("between 13 and 44 GW", 1.25e10, 4.45e10),
    ("12%-13%", 11.5, 13.5),
])
def test_ranges_share_their_magnitude_and_unit(text, low, high):
    f = one(text)
    assert "range" in f.flags and (f.low, f.high) == pytest.approx((low, high))


@pytest.mark.parametrize("text, qualifier, open_high", [
    ("约1.4万亿美元", "约", False), ("近7倍", "近", False), ("将近7倍", "将近", False), ("接近7吉瓦", "接近", False),
    ("超30万家", "超", True), ("超过500亿美元", "超过", True), ("逾11%", "逾", True), ("30万家以上", "以上", True),
    ("高达20%", "高达", False), ("多达30万块", "多达", False), ("至少5家", "至少", True), ("不到10%", "不到", False),
    ("about $35 billion", "about", False), ("nearly $35 billion", "nearly", False), ("more than 300,000 customers", "more than", True),
    ("over 10 GW", "over", True), ("up to 100 MW", "up to", False), ("at least 5 GW", "at least", True),
    ("less than 10%", "less than", False),
])
def test_qualifiers_widen_or_open_the_interval(text, qualifier, open_high):
    f = one(text)
    assert f.qualifier == qualifier and f.text == text
    assert (f.high == INF) == open_high
    assert f.low <= f.value <= f.high


def test_more_and_yu_add_one_step_of_the_last_place():
    f = one("5.1万多平方米")
    assert (f.low, f.high) == pytest.approx((51000, 52000))
    f = one("30多家")
    assert (f.low, f.high) == pytest.approx((30, 40))
    f = one("10余年")
    assert (f.low, f.high) == pytest.approx((10, 20))


def test_vague_amounts_are_wide_intervals():
    f = one("数百亿美元")
    assert (f.low, f.high) == pytest.approx((2e10, 1e11)) and "vague" in f.flags
    f = one("数万亿美元")
    assert (f.low, f.high) == pytest.approx((2e12, 1e13))
    f = one("hundreds of millions of users")
    assert f.low == pytest.approx(2e8) and f.high == pytest.approx(1e9)


@pytest.mark.parametrize("text, value", [("杠杆率为5 5倍", 5.5), ("获得43 5亿美元融资", 4.35e9), ("减至3 35亿股", 3.35e8),
                                         ("净投入1 5亿美元", 1.5e8)])
def test_lost_decimal_points_are_read_and_flagged(text, value):
    f = one(text)
    assert f.value == pytest.approx(value) and "lost_decimal" in f.flags


@pytest.mark.parametrize("text, first, second", [("股价仍低于其$78 26周高位", "$78", "26周"),
                                                  ("trading below its $310 52 weeks high", "$310", "52 weeks")])
def test_a_price_before_a_span_of_time_keeps_its_own_value(text, first, second):
    # a currency sign, then a number of weeks: a price and a 26-week high, never 78.26 weeks
    figs = extract_text(text)
    assert [f.text for f in figs][:2] == [first, second] and not any("lost_decimal" in f.flags for f in figs)


def test_lost_decimals_in_the_seed_transcript():
    doc = load_documents(data_dir("seeds"))[2]
    flagged = {f.text: f.value for f in extract_text(doc.text) if "lost_decimal" in f.flags}
    assert flagged == pytest.approx({"5 5倍": 5.5, "4 5倍": 4.5, "43 5亿美元": 4.35e9, "1 5亿美元": 1.5e8, "3 5亿美元": 3.5e8,
                                     "5-7 5亿美元": 6.25e8, "1 75亿美元": 1.75e8, "3 35亿股": 3.35e8}) or flagged


@pytest.mark.parametrize("text", ["微软[1][4]称", "英伟达GB300芯片", "Formula E进入第12赛季", "Gen 4赛车", "最佳5G网络",
                                  "部署DOCSIS 4 0", "DOCSIS 4.0", "推出2Gig服务", "维生素B12", "Q3优于Q2", "LBTY.A",
                                  "每一美元", "H100 GPU", "代码0700.HK"])
def test_not_figures(text):
    assert extract_text(text) == []


def test_real_figures_survive_next_to_names():
    texts = [f.text for f in extract_text("租赁11.6万块英伟达GB300 GPU,Gen 4赛车速度超过200英里/小时[47]")]
    assert texts == ["11.6万块", "超过200英里/小时"]


@pytest.mark.parametrize("text, value", [("2025年", 2025), ("2025上半年", 2025), ("FY2026", 2026), ("in 2028", 2028),
                                         ("2028年前", 2028)])
def test_calendar_years(text, value):
    f = [f for f in extract_text(text) if f.unit == "date"]
    assert len(f) == 1 and f[0].value == value


def test_durations_are_not_years():
    assert [(f.unit, f.value) for f in extract_text("未来8年,未来三年,十年,8 years")] == \
        [("year", 8), ("year", 3), ("year", 10), ("year", 8)]


def test_two_senses_of_zhao():
    assert [(f.unit, f.value) for f in extract_text("1.4兆美元与48兆瓦")] == [("USD", 1.4e12), ("W", 4.8e7)]


def test_traditional_chinese_reads_like_simplified():
    trad = [(f.unit, f.value) for f in extract_text("微軟上季度投入創紀錄的349億美元,OpenAI計劃投入約1.4萬億美元")]
    simp = [(f.unit, f.value) for f in extract_text("微软上季度投入创纪录的349亿美元,OpenAI计划投入约1.4万亿美元")]
    assert trad == simp == [("USD", 3.49e10), ("USD", 1.4e12)]

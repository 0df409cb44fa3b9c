"""Forms of real copy the extractor once missed or misread (issue 10), each in sentences written
for these tests."""
import math

import pytest
from test_extract_features import approx, one

from reconcile.extraction.figures import extract_text


# -- units that begin with a magnitude ---------------------------------------------------------


def test_kilowatt_hours_after_a_magnitude_are_energy():
    # 千瓦时 is one unit, not the magnitude 千 and then 瓦 (power).
    f = one("这座电站每年可发电30亿千瓦时。")
    assert f.text == "30亿千瓦时" and f.kind == "energy"
    approx(f, 3e12, 2.95e12, 3.05e12, "W*h")
    assert one("年发电量为3 billion kWh左右").value == pytest.approx(3e12)
    # 万 then 千瓦时 reads longer than the unit 万千瓦 then a stray 时.
    approx(one("全年用电1000万千瓦时"), 1e10, 9.995e9, 1.0005e10, "W*h")
    # 万千瓦 stays power, and 兆瓦 stays megawatts.
    approx(one("装机120万千瓦"), 1.2e9, 1.195e9, 1.205e9, "W")
    approx(one("一座48兆瓦的电站"), 4.8e7, 4.75e7, 4.85e7, "W")
    assert one("農場年發電量約2億千瓦時").unit == "W*h"


# -- a figure stays on its line ----------------------------------------------------------------

LINE_BREAKS = ["\n", "\r\n", "\r", "\u2028"]


@pytest.mark.parametrize("brk", LINE_BREAKS)
def test_no_figure_spans_a_line_break(brk):
    # Each pair would be one figure on one line; broken across two lines, no figure holds the break.
    pairs = [("预计投资13", "至44吉瓦"), ("总额达500", "亿美元"), ("占比为百分之", "二十"), ("results for FY", "2025"),
             ("a gap of between", "13 and 44 GW"), ("it cost 5 dollars", "and 50 cents"),
             ("spending of $91 billion", "to $93 billion"), ("约", "1.4万亿美元")]
    for before, after in pairs:
        text = before + brk + after
        for f in extract_text(text):
            assert not any(c in f.text for c in "\n\r\u2028"), (text, f.text)
        # on one line they make one figure
        assert any(len(extract_text(before + sp + after)) == 1 for sp in ("", " ")), before


# -- numbers written in several places ---------------------------------------------------------


def test_a_number_written_in_parts_is_one_figure():
    # Each part smaller than the place before it; the last part sets the precision.
    approx(one("这家店上月收入5万4千6百元"), 54600, 54550, 54650, "CNY")
    approx(one("奖金为2万5千美元"), 25000, 24500, 25500, "USD")
    approx(one("计划发行3兆2915億元债券"), 3.2915e12, 3.29145e12, 3.29155e12, "CNY")
    shares = one("公司共发售1億1789萬4500股")
    assert shares.text == "1億1789萬4500股" and shares.unit == "count"
    assert (shares.low, shares.high) == pytest.approx((117894499.5, 117894500.5))
    approx(one("员工5万四千六百人"), 54600, 54550, 54650, "count")
    # Spaced as Taiwanese copy writes it, the last part with decimals or thousands separators.
    approx(one("累计营收2 兆 7629.64 億元"), 2.762964e12, 2.7629635e12, 2.7629645e12, "CNY")
    approx(one("全年营收2兆7,629億元"), 2.7629e12, 2.76285e12, 2.76295e12, "CNY")
    approx(one("园区共有3 万 5 千人"), 35000, 34500, 35500, "count")
    # a last bare part with as many digits as the place it fills, with decimals, or spaced as the first
    approx(one("股价报1万3282.6港元"), 13282.6, 13282.55, 13282.65, "HKD")
    approx(one("上月交车2 萬 8843 台"), 28843, 28842.5, 28843.5, "count")
    assert [f.unit for f in extract_text("员工约 2 万 2024 年将增至 3 万")] == ["count", "date", "count"]


def test_small_and_radical_forms_read_as_what_they_look_like():
    # Taiwan copy writes a decimal point as the small full stop (7﹒65億), and some pages a Kangxi
    # radical for 至: 7.65億 and a range, not 65億 and a stray 7
    approx(one("營收7﹒65億元"), 7.65e8, 7.645e8, 7.655e8, "CNY")
    approx(one("拟以每股二十．四七美元认购"), 20.47, 20.465, 20.475, "USD")
    # ... as British copy writes one with a middle dot, which elsewhere only joins names (埃隆·马斯克)
    approx(one("a loan of US$1·4bn"), 1.4e9, 1.35e9, 1.45e9, "USD")
    assert extract_text("埃隆·马斯克说") == []
    assert [f.unit for f in extract_text("2023·12·31营收为5亿元")] == ["date", "CNY"]
    f = one("毛利率預估14%⾄14.5%")
    assert "range" in f.flags and (f.low, f.high) == pytest.approx((13.5, 14.55))
    # a quote page groups thousands with the small comma: 12,739億 and 10,119, not 739億 and 119
    assert [f.value for f in extract_text("客戶存款為12﹐739億元，運輸業貸款10﹐119百萬元")] == [1.2739e12, 1.0119e10]
    # elsewhere it is punctuation, as the full-width comma is: no 203,000萬
    assert [f.text for f in extract_text("分別為20﹐3000萬元")] == ["3000萬元"]


@pytest.mark.parametrize("text, value, unit", [
    ("茶饮料收入超百亿", 1e10, "CNY"),       # after a word of money: money
    ("营收逾三千万", 3e7, "CNY"),
    ("營收逾三千萬", 3e7, "CNY"),           # the money words read in traditional copy too
    ("估值缩水近千亿", 1e11, "count"),
    ("净利润首次突破百亿", 1e10, "count"),
])
def test_a_qualified_chinese_numeral_holding_its_magnitude_is_a_figure_without_a_unit(text, value, unit):
    f = one(text)
    assert f.unit == unit and f.value == value and f.qualifier


@pytest.mark.parametrize("text", ["千万不要错过", "万一失败", "他是百万富翁", "一亿", "两万",
                                  "比亚迪市值已超万科。", "他是近亿万富翁"])
def test_a_bare_chinese_numeral_without_a_unit_or_a_qualifier_is_no_figure(text):
    assert extract_text(text) == []


def test_parts_that_are_not_one_number_stay_apart():
    # not smaller than the place before, a year, a unit word that begins with 千
    assert [f.text for f in extract_text("5万5万")] == ["5万", "5万"]
    # (a unitless 3亿 after 预算 is money: units/lexicon.toml [money_context])
    assert [(f.text, f.unit) for f in extract_text("预算3亿2025年执行")] == [("3亿", "CNY"), ("2025年", "date")]
    assert [f.text for f in extract_text("2万5千瓦")] == ["2万", "5千瓦"]
    # a spaced number that is no part: it has no place of its own, or a unit stands between
    assert [f.text for f in extract_text("营收达2 兆元，另有 500 亿元")] == ["2 兆元", "500 亿元"]
    assert [f.text for f in extract_text("规模2 兆 2025年完成")] == ["2 兆", "2025年"]
    # only spaced copy goes on across a space: 2万亿 then 3万人 are two figures
    assert [f.text for f in extract_text("市值2万亿 3万人失业")] == ["2万亿", "3万人"]


# -- vague and ranged Chinese numerals ---------------------------------------------------------


def test_ten_odd_and_twenty_odd_are_vague_amounts():
    # 几 after a place fills the place below it: 十几 is 12 to 20 (几 is 2 to 10, rules/qualifiers.toml)
    f = one("每家门店有十几万会员")
    assert f.text == "十几万" and "vague" in f.flags
    assert (f.low, f.high) == pytest.approx((1.2e5, 2e5))
    f = one("单价二十几万元")
    assert f.unit == "CNY" and (f.low, f.high) == pytest.approx((2.2e5, 3e5))
    f = one("投入几十亿美元")
    assert f.unit == "USD" and (f.low, f.high) == pytest.approx((2e9, 1e10))


def test_two_neighbouring_digits_before_a_place_make_a_range():
    f = one("利润增长了二三十个百分点")
    assert f.unit == "percentage_point" and "range" in f.flags and (f.low, f.high) == (20, 30)
    f = one("融资三四十亿美元")
    assert f.unit == "USD" and (f.low, f.high) == pytest.approx((3e9, 4e9))
    assert (one("找了两三家").low, one("找了两三家").high) == (2, 3)
    assert one("一两个").unit == "count"  # one or two, not one liang


def test_a_numeral_ends_where_a_larger_place_follows_a_smaller_one():
    # 百分之七十 then 百分位: not 170%, nor 70 hundred
    f = one("股价处在行业的百分之七十百分位")
    assert f.text == "百分之七十" and f.value == 70 and f.unit == "percent"


def test_liang_after_a_numeral_is_a_unit_of_mass():
    approx(one("二两"), 0.1, 0.075, 0.125, "kg")
    assert one("金价每三十两").value == pytest.approx(1.5)
    assert one("三千两百两").value == pytest.approx(160)
    assert one("两万两").value == pytest.approx(1000)


# -- shares and signs ----------------------------------------------------------------------------


def test_shares_written_in_tenths_and_words():
    approx(one("有七成六的受访者同意"), 76, 75.5, 76.5, "percent")
    assert one("七成 六").value == pytest.approx(76)  # a transcript's space
    assert one("七成 60").value == pytest.approx(70)  # 60 is a number of its own, not a tenth
    assert one("商场里衣服打对折").value == 50
    assert one("股价盘中涨逾半成").value == 5
    assert one("这批货半折出售").value == 50
    assert one("同意的比例是百分之百").value == 100


def test_english_percent_words():
    assert one("a 100 percentage rise").unit == "percent"
    assert one("one hundred percents").value == 100
    assert one("twenty percentage points").unit == "percentage_point"
    # the unit written first, with "of"
    assert one("a rate of percent of 10").value == 10
    assert one("per cent of twenty-two").value == 22
    # ... but not when those words belong to the figure before
    assert [(f.text, f.unit) for f in extract_text("5 percent of 200 employees")] == [
        ("5 percent", "percent"), ("200 employees", "count")]


def test_sign_words_make_a_figure_negative():
    approx(one("the margin moved by minus five percent"), -5, -5.5, -4.5, "percent")
    assert one("a negative 3% return").value == -3
    assert one("海拔负13.5千米").value == pytest.approx(-13500)
    assert one("Aminus 5%").value == 5  # part of a word, not a sign


# -- currencies ----------------------------------------------------------------------------------


def test_currency_symbols_and_names_from_cldr():
    # symbols of their own, in the locales of the countries that use them
    for text, code in [("a ticket costs ₦500", "NGN"), ("the book is 100 ₡", "CRC"), ("I spent 100₾", "GEL"),
                       ("a prize of 100,000 ₭", "LAK"), ("rent of R$ 2,000", "BRL")]:
        assert one(text).unit == code, text
    # short names where no other currency shares them
    assert one("达到445奈拉兑换").unit == "NGN"
    assert one("about 5,000 naira").unit == "NGN"
    assert one("约3770亿令吉").unit == "MYR"
    assert one("1.2 trillion won").unit == "KRW"
    # ISO codes before the amount, with an abbreviated magnitude
    approx(one("revenue of HKD 21B"), 2.1e10, 2.05e10, 2.15e10, "HKD")
    assert one("CAD 5 million").unit == "CAD"
    # not a currency: a language's version, a symbol shared by several currencies' Latin letters
    assert extract_text("PHP 7 was released") == []


def test_a_sign_spaced_from_its_number_opens_it_and_never_ends_the_one_before():
    # a results table typed as text: each column's amount after its own spaced sign
    figs = extract_text("Net income $ 12,408 $ 9,870 $ 31,552 $ 28,014")
    assert [(f.text, f.value, f.unit) for f in figs] == [
        ("$ 12,408", 12408, "USD"), ("$ 9,870", 9870, "USD"), ("$ 31,552", 31552, "USD"), ("$ 28,014", 28014, "USD")]
    # a sign written after its number, where no number follows, is still that number's; and where a
    # number (a year) follows a sign written after its amount, the sign is still the amount's
    assert [(f.text, f.unit) for f in extract_text("a ticket of 35 € and a meal of 20 €.")] == [("35 €", "EUR"), ("20 €", "EUR")]
    assert [(f.text, f.unit) for f in extract_text("it cost 30 € 2025 prices")][0] == ("30 €", "EUR")


def test_half_and_rates_told_by_their_digits_are_shares():
    # 一半 / 半数: a half, rounded as the plain fractions are
    assert [(f.text, f.low, f.high, f.unit) for f in extract_text("一半的订单来自海外")] == [("一半", 48, 52, "percent")]
    # with a qualifier, as a number takes one: more than half, less than half, about twice
    assert [(f.text, f.low, f.high) for f in extract_text("逾一半的订单来自海外")] == [("逾一半", 48, math.inf)]
    assert [(f.text, f.low, f.high) for f in extract_text("不到一半的门店")] == [("不到一半", 0, 52)]
    assert [(f.text, f.low, f.high) for f in extract_text("净利润接近翻倍")] == [("接近翻倍", 1.8, 2)]
    assert [(f.text, f.unit) for f in extract_text("半数董事投了反对票")] == [("半数", "percent")]
    # a growth rate given by how many digits it has
    for text, low, high in (("利润录得双位数增长", 10, 99.99), ("收入实现两位数增长", 10, 99.99),
                            ("订单实现三位数增长", 100, 999.99)):
        (f,) = extract_text(text)
        assert (f.low, f.high, f.unit) == (low, high, "percent"), text
    # not the end of another word: 经过半年 and 最近半年 hold no half, 统一半导体 is 统一 + 半导体; and
    # "double-digit millions" is no rate, so the English words are not read
    assert [f.unit for f in extract_text("经过半年谈判，最近半年股价上涨")] == []
    assert extract_text("统一半导体平台") == [] and extract_text("sales in the double-digit millions") == []


def test_a_multiple_after_a_verb_of_growth_is_that_growth_in_per_cent():
    # 增长1.98倍 grew by 1.98 times: +198%, the figure another article gives as 197.9%
    for text, value in (("营业利润同比增长1.98倍", 198), ("股价累升逾一倍", 100), ("收入飆近兩倍", 200)):
        (f,) = extract_text(text)
        assert (f.unit, f.value) == ("percent", value), text
    # "grew to twice" (增长为) stays a multiple; a list after a growth multiple is read as growth too
    assert [f.unit for f in extract_text("销量增长为2倍")] == ["times"]
    figs = extract_text("各业务的年增率分别为2.6倍、11.4倍与7.3倍")
    assert [(f.value, f.unit) for f in figs] == [(260, "percent"), (1140, "percent"), (730, "percent")]
    # rising to a multiple, or a multiple of something, stays a multiple
    for text in ("股价增至发行价的3倍", "估值为营收的30倍", "认购倍数为3倍"):
        assert [f.unit for f in extract_text(text)] == ["times"], text


def test_magnitude_words_in_title_case():
    approx(one("Spending Hits $43.5 Billion"), 4.35e10, 4.345e10, 4.355e10, "USD")
    assert one("2 BILLION dollars").value == pytest.approx(2e9)


def test_a_bare_yuan_takes_the_currency_named_before_it_or_in_the_document():
    f = one("售价新台幣100元")
    assert f.unit == "TWD" and f.text == "新台幣100元"
    assert one("台币3万元").unit == "TWD"
    # a Hong Kong article: amounts in 港元, and after them bare 元
    figs = extract_text("集资额最多约310.6亿港元，每股发售价不高于263元，集资净额约307.2亿元。")
    assert [f.unit for f in figs] == ["HKD", "HKD", "HKD"]
    # a document that names two of those currencies leaves a bare 元 as yuan
    figs = extract_text("募资100亿港元，营收50亿元人民币，利润5亿元")
    assert [f.unit for f in figs] == ["HKD", "CNY", "CNY"]
    assert one("营收50亿元").unit == "CNY"


@pytest.mark.parametrize("text, place", [
    ("澄湾证券成为国内第二大券商", 2), ("全球第五大铝生产商", 5), ("第2大股东", 2), ("第十二大港口", 12),
    ("the second-largest brokerage", 2), ("its Third-Biggest market", 3), ("the 4th largest lender", 4),
])
def test_a_place_in_a_ranking_is_a_rank(text, place):
    f = one(text)
    assert (f.kind, f.unit, f.value, f.low, f.high) == ("rank", "rank", place, place, place)


@pytest.mark.parametrize("text", ["第二次会议", "第三季度营收", "the third quarter", "the largest deal", "第一批订单",
                                  "第三高炉投产", "位于第一大道", "the second most recent quarter"])
def test_an_ordinal_of_an_event_or_a_period_is_no_rank(text):
    assert not [f for f in extract_text(text) if f.kind == "rank"]


@pytest.mark.parametrize("text, value", [
    ("换股比例为1:0.62", 1 / 0.62), ("at an exchange ratio of 0.62:1", 1 / 0.62), ("按40比1合股", 40.0),
    ("pegged at a 1:1 ratio", 1.0), ("the swap ratio was 10:45", 4.5), ("以1:10的比例合股", 10.0),
])
def test_a_ratio_is_the_larger_number_over_the_smaller(text, value):
    f = one(text)
    assert (f.kind, f.unit) == ("ratio", "ratio") and f.value == pytest.approx(value) and f.low <= f.value <= f.high


def test_two_ratios_close_together_are_both_read():
    figs = [f for f in extract_text("换股比例为1:0.62，拆股按40比1进行") if f.kind == "ratio"]
    assert [f.text for f in figs] == ["1:0.62", "40比1"]


@pytest.mark.parametrize("text", ["会议于9:30开始", "in 2018: 245 billion yuan", "at 10:30:00 local time", "Q3:12%",
                                  "Q4:60%", "H1:75%", "2024:38.5%", "1,500:1", "2024比2023年增长",
                                  "trading on the stock exchange at 9:30 a.m."])
def test_a_time_or_a_colon_in_prose_is_no_ratio(text):
    assert not [f for f in extract_text(text) if f.kind == "ratio"]


def test_a_bare_yuan_listed_beside_hong_kong_dollars_is_the_yuan():
    # an A+H company's two prices in one list: the writer named one currency and not the other
    figs = extract_text("甲公司A股、H股的收购价分别为6.20元/股、5.10港元/股。乙公司A股收购价为3.40元/股。")
    assert [f.unit for f in figs] == ["CNY", "HKD", "CNY"]
    figs = extract_text("两类股份的价格为8.8元以及9.5港元。")
    assert [f.unit for f in figs] == ["CNY", "HKD"]
    # Hong Kong copy names its currency once, first: the bare 元 after it is that currency
    figs = extract_text("中期息及特别息分别为0.5港元及0.3元。股价收报28.5元。")
    assert [f.unit for f in figs] == ["HKD", "HKD", "HKD"]
    # set apart by more than a list's joint, the bare amount still takes the document's currency
    figs = extract_text("配售价每股5.10港元，较前收市价6.20元折让约17.7%。")
    assert [f.unit for f in figs][:2] == ["HKD", "HKD"]


def test_a_range_of_prices_keeps_both_bounds():
    f = one("目标价333元至345元")
    assert "range" in f.flags and (f.low, f.high) == (332.5, 345.5) and f.bounds == ((332.5, 333.5), (344.5, 345.5))


@pytest.mark.parametrize("text, low, high, unit", [
    # a currency code before each bound, spaced or glued to the digits
    ("guidance of USD 600 million to USD 700 million", 599.5e6, 700.5e6, "USD"),
    ("revenue between RMB43.5 billion and RMB44 billion", 43.45e9, 44.5e9, "CNY"),
    ("priced at HKD 25.30 to HKD 27.80 a share", 25.295, 27.805, "HKD"),
])
def test_a_range_whose_bounds_each_take_a_currency_code(text, low, high, unit):
    f = one(text)
    assert "range" in f.flags and f.unit == unit and (f.low, f.high) == pytest.approx((low, high))


def test_a_range_of_two_losses_keeps_both_signs():
    f = one("预计全年净利润为-16亿元至-6亿元")
    assert "range" in f.flags and (f.low, f.high) == pytest.approx((-1.65e9, -0.55e9))
    # after a positive first bound, a minus makes a change: two figures
    assert [f.value for f in extract_text("毛利率下降5%至-3%")] == [5.0, -3.0]
    # a dash between two numbers is still the range's, never the second bound's sign
    assert one("预计亏损5-7亿元").low == pytest.approx(4.5e8)


def test_a_dash_between_two_grouped_numbers_is_a_range_whatever_they_count():
    f = one("the maker expects to deliver 87,000-91,000 units")
    assert "range" in f.flags and (f.low, f.high) == (86500, 91500)
    assert extract_text("the motion passed 2-3") == []


def test_a_list_number_before_a_full_width_point_is_no_decimal():
    # 一．五家子公司: item one, five subsidiaries (a line's or a clause's start), not 1.5 companies
    assert [(f.text, f.value) for f in extract_text("一．五家子公司均已完成改制。")] == [("五家", 5.0)]
    assert [(f.text, f.value) for f in extract_text("要点：二．三家银行参与")] == [("三家", 3.0)]


def test_a_fraction_ending_a_longer_numeral_is_not_read_alone():
    # 二十五分之一 is a twenty-fifth: never a fifth (20%); 万分之三点六 is a share, not 约万
    assert [f.value for f in extract_text("约占二十五分之一")] != [20]
    assert [(f.unit, round(f.value, 4)) for f in extract_text("费率约万分之三点六")] == [("percent", 0.036)]


def test_from_to_is_a_range_only_after_a_word_of_ranging():
    f = one("buildings each ranging from 200,000 to 225,000 square feet")
    assert "range" in f.flags and f.unit == "m**2"
    # a change from one value to another stays two figures
    assert [f.text for f in extract_text("revenue rose from $13 billion to $44 billion")] == ["$13 billion", "$44 billion"]


def test_a_range_of_parcels_with_the_measure_word_on_each_bound():
    f = one("预计全年包裹量382亿件至401亿件")
    assert "range" in f.flags and f.classifier == "件" and (f.low, f.high) == pytest.approx((38.15e9, 40.15e9))


def test_a_share_written_before_its_number_keeps_its_unit_before_a_measure_word():
    # 持有约百分之四股份: about 4% of the shares, never four shares
    f = one("软银持有约百分之四股份")
    assert (f.text, f.unit, f.value) == ("约百分之四", "percent", 4.0)


def test_thousands_grouped_by_a_space_before_a_group_that_opens_on_zero():
    assert [(f.text, f.value) for f in extract_text("累计完成2 000 万次检测")] == [("2 000 万次", 2e7)]
    approx(one("a gauge of 1 067 mm"), 1.067, 1.0665, 1.0675, "m")


def test_the_number_after_a_dash_glued_to_digits_is_never_read_alone():
    # a model (777-9) or a score (10-5): no "9 jets"
    assert extract_text("Cathay ordered 14 Boeing 777-9 jets") == []
    assert [f.text for f in extract_text("growth of 5-7%")] == ["5-7%"]


def test_a_code_before_a_figure_after_to_makes_no_range_of_another_unit():
    assert [f.text for f in extract_text("sales rose 5% to USD 3 billion")] == ["5%", "USD 3 billion"]
    # a currency before the second number only: a change to an amount, not a range
    assert [f.text for f in extract_text("Revenue rose 300 million to USD 2.1 billion.")] == \
        ["300 million", "USD 2.1 billion"]
    assert [f.text for f in extract_text("Revenue rose 300 million to $2.1 billion.")] == ["300 million", "$2.1 billion"]


# -- units ---------------------------------------------------------------------------------------


def test_more_units_of_area_and_multiples():
    approx(one("一间50坪的办公室"), 50 * 400 / 121, 49.5 * 400 / 121, 50.5 * 400 / 121, "m**2")
    mi2 = 1609.344 ** 2
    approx(one("a site of 2 sq mi"), 2 * mi2, 1.5 * mi2, 2.5 * mi2, "m**2")
    ft2 = 0.3048 ** 2
    f = one("a 250,000-square-foot building")
    approx(f, 250000 * ft2, 245000 * ft2, 255000 * ft2, "m**2")  # two significant digits
    assert one("sales rose ninefold").value == 9 and one("a tenfold rise").unit == "times"
    approx(one("a 60-megawatt facility"), 6e7, 5.95e7, 6.05e7, "W")
    f = one("the start-up raised $512 million in funding")
    assert f.text == "$512 million" and f.unit == "USD"


@pytest.mark.parametrize("text, value, unit", [
    # "a" or "an" is one before a magnitude word and what it counts, or before a unit's name
    ("the group will get access to more than a gigawatt of computing power", 1e9, "W"),
    ("it paid a billion dollars for the stake", 1e9, "USD"),
    ("Beijing set aside a trillion yuan for start-ups", 1e12, "CNY"),
    ("the campus sits on an acre near the river", 4046.8726, "m**2"),
    ("about a million riders used the line", 1e6, "count"),
    # Taiwan copy writes whole numbers in Chinese digits, with a full-width point
    ("以約三〇六．三億台幣入股", 306.3e8, "TWD"),
    ("取得約二．九％股權", 2.9, "percent"),
    ("每股六．〇一美元", 6.01, "USD"),
    # a numeral that opens with 一 is an article only when it is one alone (一家, 一座)
    ("買進約一．六六億股", 1.66e8, "count"),
    ("增發一点五亿股", 1.5e8, "count"),
    # a broadcast transcript says the decimal point
    ("a contract worth 16-point-five billion dollars", 16.5e9, "USD"),
    ("roughly twenty-two point eight trillion won", 22.8e12, "KRW"),
    ("margins of seven-point-six percent", 7.6, "percent"),
    ("about 1 point 4 trillion dollars", 1.4e12, "USD"),
    ("between 1 point 2 and 1 point 5 billion dollars", 1.35e9, "USD"),
])
def test_a_number_as_real_copy_writes_it(text, value, unit):
    f = one(text)
    assert f.unit == unit and math.isclose(f.value, value, rel_tol=1e-6)


@pytest.mark.parametrize("text", ["a year ago the shares rose", "a dollar store opened", "it took a week",
                                  "a share of the market", "Panama and Canada", "a chance in a million.",
                                  # idioms, and parts of one: never one of anything
                                  "that is a million-dollar question", "the odds are a million to one",
                                  "she told them a thousand times", "it was a ha moment",
                                  "the fund is worth half a billion dollars", "he paid a quarter of a million dollars"])
def test_an_article_before_any_other_word_is_no_figure(text):
    assert extract_text(text) == []


def test_an_article_after_an_amount_says_per_and_is_no_figure():
    assert [f.text for f in extract_text("Power sold for $40 a megawatt-hour.")] == ["$40"]
    assert [f.text for f in extract_text("Land reached $3,000 an acre.")] == ["$3,000"]


@pytest.mark.parametrize("text", ["一．概述", "新开一家门店", "建成一座工厂", "台积电是一家半导体公司", "谈判持续了一个半月"])
def test_a_point_after_a_lone_numeral_or_one_as_an_article_is_no_figure(text):
    assert extract_text(text) == []


def test_a_point_before_a_compound_adjective_is_no_decimal_point():
    assert [(f.text, f.value) for f in extract_text("a 10-point five-year plan")] == [("five-year", 5.0)]


def test_the_word_point_elsewhere_changes_nothing():
    assert [(f.text, f.value) for f in extract_text("The key point: five firms raised $2 billion.")] == \
        [("five firms", 5.0), ("$2 billion", 2e9)]
    assert [f.unit for f in extract_text("in 2025 point one")] == ["date"]


def test_a_sign_glued_to_a_broker_s_yoy_is_the_figure_s():
    # "YoY-3%": a minus after the abbreviation, never a model name like GPT-5
    assert [(f.text, f.value) for f in extract_text("Revenue YoY-3%, QoQ+2%")] == [("-3%", -3.0), ("2%", 2.0)]
    assert extract_text("GPT-5 and COVID-19") == []


def test_points_written_as_an_adjective_are_points_not_percent():
    # "a 2-percentage-point drop" moves a rate by two points; it is no 2% of anything
    f = one("its margin took a 2-percentage-point hit")
    assert (f.text, f.value, f.unit) == ("2-percentage-point", 2.0, "percentage_point")
    f = one("a 120-basis-point cut in the rate")
    assert (f.text, f.unit) == ("120-basis-point", "percentage_point") and abs(f.value - 1.2) < 1e-9


def test_scientific_notation_gives_no_figure():
    # Neither the exponent of 1e400 nor the mantissa of 2.5E-3 is an amount of its own.
    texts = [f.text for f in extract_text("a bound of 1e400 dollars, a rate of 2.5E-3 percent, and 40 dollars")]
    assert texts == ["40 dollars"]


def test_a_magnitude_inside_a_compound_adjective():
    # "a $40-billion loss": the hyphen joins the words into one adjective; the magnitude still counts.
    f = one("the group booked a $40-billion loss")
    assert f.text == "$40-billion" and f.value == pytest.approx(4e10) and f.unit == "USD"
    f = one("a 2.5-trillion-yuan stimulus")
    assert f.value == pytest.approx(2.5e12) and f.unit == "CNY"
    assert one("a 3-million-square-foot campus").value == pytest.approx(3e6 * 0.3048 ** 2)
    # ... abbreviated too ("around €10-bn"), but not a single letter after the hyphen (a 10-K filing)
    f = one("the plant will cost around €10-bn")
    assert f.text == "around €10-bn" and f.value == pytest.approx(1e10) and f.unit == "EUR"
    assert one("a €5-mn fund").value == pytest.approx(5e6)


def test_scientific_notation_is_not_read_as_its_exponent():
    assert all(f.value != 400 for f in extract_text("a value of 1e400 overflows"))


# -- rates ---------------------------------------------------------------------------------------


def test_a_figure_per_period_is_a_rate_with_a_unit_of_its_own():
    f = one("the plant will build 800,000 units per month")
    assert f.kind == "rate" and f.unit == "count/month" and f.text == "800,000 units per month"
    assert one("租金每月10万元").unit == "CNY/month"
    assert one("每年约120万美元").unit == "USD/year"
    assert one("租金8-10万元/月").unit == "CNY/month"
    assert one("a licence worth $3 million annually").unit == "USD/year"
    assert one("she earns $50,000 per annum").unit == "USD/year"
    f = one("sales grew 20% a year")
    assert f.unit == "percent/year" and f.value == 20


def test_a_yearly_capacity_is_a_rate_but_a_dated_year_s_output_is_not():
    # 年产能/年产量/年吞吐量 before a quantity, a space or "up to" between, make it per year; after a
    # year's digits (2024年产量) the word dates a total.
    assert one("矿山年產能 1.2 億噸").unit == "kg/year"
    assert one("达产后年产量最高1.2亿吨").unit == "kg/year"
    assert one("港口年吞吐量超过1.2亿吨").unit == "kg/year"
    assert [f.unit for f in extract_text("2024年产量1.2亿吨")] == ["date", "kg"]
    assert [f.unit for f in extract_text("2024 年产量1.2亿吨")] == ["date", "kg"]
    assert one("去年产量1.2亿吨").unit == "kg" and one("全年产能50万辆").unit == "count"
    f = one("盘中涨幅最高达68%")
    assert f.high == pytest.approx(68.5) and f.low < 67.5  # "as much as": up to the figure


def test_a_yearly_capacity_in_tonnes_per_annum_abbreviated_is_a_rate():
    # LNG and mining copy: Mtpa (any case, glued or not), MMtpa, ktpa, tpa; the same rate as the words
    words = one("a terminal of 16.5 million tonnes per annum")
    for text in ("a terminal of 16.5 Mtpa", "a terminal of 16.5mtpa", "a terminal of 16.5 MMTPA"):
        f = one(text)
        assert f.kind == "rate" and f.unit == words.unit == "kg/year" and f.value == pytest.approx(words.value)
    assert one("a 450 ktpa smelter").value == pytest.approx(4.5e8)
    assert one("a 90,000 tpa mill").unit == "kg/year"


def test_a_dollar_marked_with_its_country_s_code_is_that_country_s():
    # two- or three-letter codes before $ (ISO 4217's country), as CLDR names the countries
    assert [f.unit for f in extract_text("AUS$5.7 billion, CAN$2 billion, NZL$40m and AU$1bn")] == \
        ["AUD", "CAD", "NZD", "AUD"]
    # ... never a country that merely uses the US dollar (EC$ is the East Caribbean dollar's)
    assert one("EC$5 million").text == "$5 million"


def test_a_bare_rupee_in_chinese_copy_is_money():
    # CLDR names only 印度卢比; copy writes 卢比 alone, after a magnitude or a range.
    assert one("估值7740亿卢比").unit == "INR"
    assert one("发行价区间为每股1080卢比至1140卢比").kind == "currency"
    assert [one(f"收入50亿{w}").unit for w in ("纽元", "瑞郎", "迪拉姆")] == ["NZD", "CHF", "AED"]


def test_a_rate_never_meets_a_total():
    monthly, total = extract_text("It pays $3 million a month, and paid $3 million up front.")
    assert monthly.unit == "USD/month" and total.unit == "USD" and monthly.kind != total.kind


def test_a_period_that_dates_the_figure_is_no_rate():
    f = one("revenue was $5 billion a year ago")
    assert f.unit == "USD" and f.text == "$5 billion"
    assert one("每年2025年").unit == "date"
    assert one("revenue rose 5% a year-on-year").unit == "percent"
    assert one("$5 billion a quarter of which went abroad").unit == "USD"


# -- tables whose header states the unit -------------------------------------------------------

TABLE_ZH = """利润表摘要
单位：人民币百万元
营业收入  12,345  11,000
净利润  1,234.5  1,100

全年派息100元"""

TABLE_EN = """Results (in millions of US dollars, except per share data)
| Revenue | 1,234 | 1,100 |
| Net income | $ 234 | $ 200 |
| Margin | 19% | 18% |
| Year | 2025 | 2024 |

Later it sold 300 units."""


def test_a_table_header_scales_every_amount_under_it():
    figs = extract_text(TABLE_ZH)
    assert [(f.text, f.unit) for f in figs][:4] == [("12,345", "CNY"), ("11,000", "CNY"), ("1,234.5", "CNY"),
                                                    ("1,100", "CNY")]
    approx(figs[0], 1.2345e10, 1.23445e10, 1.23455e10, "CNY")
    assert figs[0].scale == "百万"
    # after the blank line that ends the table, a figure is read as written
    assert (figs[-1].text, figs[-1].value) == ("100元", 100)


def test_an_english_table_header_scales_amounts_and_leaves_shares_and_years():
    got = {f.text: f for f in extract_text(TABLE_EN)}
    approx(got["1,234"], 1.234e9, 1.2335e9, 1.2345e9, "USD")
    approx(got["$ 234"], 2.34e8, 2.335e8, 2.345e8, "USD")
    assert got["19%"].value == 19 and got["2025"].unit == "date"
    assert got["300 units"].value == 300
    # a header that names no currency scales the amounts that name one, not bare numbers
    assert [(f.text, f.value) for f in extract_text("Totals (in millions)\nRevenue $ 5 and 7\n")] == [("$ 5", 5e6)]


TABLE_CELLS = """In millions of euros | H1 2025 | 2024 |
Sales | 8,134 | 15,300 |
Net profit, group share (2) | 2,250 | 4,613 |
Staff (number of employees) | 25,700 | 25,200 |
Earnings per share | 21.40 | 44.10 |
Return on equity (%) | 14.2 | 15.1 |
(2) After minority interests, at 30 June: 1,500 stores."""


def test_a_table_s_first_cell_states_its_unit_and_each_row_s_label_what_its_amounts_are():
    got = {f.text: f for f in extract_text(TABLE_CELLS)}
    approx(got["8,134"], 8.134e9, 8.1335e9, 8.1345e9, "EUR")
    approx(got["4,613"], 4.613e9, 4.6125e9, 4.6135e9, "EUR")
    # a note's number in the label's cell is no amount; nor are employees or a ratio in %
    assert "2" not in got and "25,700" not in got and "14.2" not in got
    # a per-share row takes the currency, not the magnitude
    approx(got["21.40"], 21.4, 21.395, 21.405, "EUR")
    # the table ends at the first line without a cell: the note below it is read as written
    assert "1,500 stores" in got and "1,500" not in got


def test_a_row_label_with_a_count_s_word_inside_another_word_stays_money():
    # only whole words say a row is no money: a data-centre segment, company-run stores and staff
    # costs are amounts like the rest
    table = "In millions of euros | 2025 | 2024 |\nData Center | 30,771 | 29,105 |\n" \
            "Company-operated stores | 5,412 | 5,108 |\nStaff costs | 1,234 | 1,187 |\n"
    got = {f.text: f for f in extract_text(table)}
    assert all(got[t].unit == "EUR" and got[t].value > 1e9 for t in ("30,771", "5,412", "1,234"))


def test_a_row_with_an_empty_label_keeps_its_first_amount():
    # the label is the first cell, empty or not: the amount after it is the row's first, not a label
    table = "（单位：人民币百万元）\n| | 2025 | 2024 |\n|  | 8,134 | 7,612 |\n| 营业收入(百万元) | 1,234 | 1,100 |\n"
    got = {f.text: f for f in extract_text(table)}
    approx(got["8,134"], 8.134e9, 8.1335e9, 8.1345e9, "CNY")
    approx(got["1,234"], 1.234e9, 1.2335e9, 1.2345e9, "CNY")


def test_a_row_without_cells_is_labelled_by_what_opens_it():
    table = "单位：人民币百万元\n营业收入 12,345 11,000\n基本每股收益(人民币元) 0.23 0.24\n员工人数 1,200 1,100\n"
    got = {f.text: f for f in extract_text(table)}
    approx(got["12,345"], 1.2345e10, 1.23445e10, 1.23455e10, "CNY")
    approx(got["0.23"], 0.23, 0.225, 0.235, "CNY")
    assert "1,200" not in got


def test_bitcoin_and_currencies_from_before_the_euro():
    assert one("我有20个比特币").unit == "BTC"
    assert one("the fund holds 10000 bitcoins").unit == "BTC"
    approx(one("a deal for 420 million finnish markka"), 4.2e8, 4.195e8, 4.205e8, "FIM")
    assert one("250 million dutch guilders of bonds").unit == "NLG"
    assert extract_text("prices hit the 100 mark") == []  # not the Deutsche Mark


def test_a_spaced_out_transcript_loses_its_decimal_point_before_a_chinese_unit():
    f = one("全场打7 2 折")
    assert f.text == "7 2 折" and f.value == pytest.approx(72) and "lost_decimal" in f.flags
    assert one("杠杆率为5 5 倍").value == pytest.approx(5.5)


def test_a_stray_space_after_a_decimal_point_is_the_decimal_it_breaks():
    # "29. 5 billion yuan": a page's text broke the number after its point. Read as 29.5 billion and
    # flagged (IN005 says so), never as 5 billion yuan beside its own conversion
    f = extract_text("Orvane plans to raise 29. 5 billion yuan (about $4.1 billion).")[0]
    assert f.text == "29. 5 billion yuan" and f.value == pytest.approx(2.95e10) and "lost_decimal" in f.flags
    # a year ending a sentence is no such number, nor a count before words of no magnitude
    assert [x.text for x in extract_text("It was founded in 2019. 5 billion yuan came later.")][-1] == "5 billion yuan"
    assert [x.text for x in extract_text("Sales rose 12. 5 analysts agreed.")] == ["5 analysts"]


# -- as Hong Kong and Taiwan copy writes figures -------------------------------------------------


def test_one_space_between_the_number_and_its_chinese_magnitude_or_qualifier():
    f = one("全年營收超過 3,800 億人民幣")
    assert f.text == "超過 3,800 億人民幣" and f.unit == "CNY" and f.high == math.inf
    approx(one("资本支出 450 亿美元"), 4.5e10, 4.495e10, 4.505e10, "USD")
    (lo1, hi1), (lo2, hi2) = one("預計 910 億—930 億美元").bounds
    assert (lo1, hi1, lo2, hi2) == pytest.approx((9.095e10, 9.105e10, 9.295e10, 9.305e10))
    assert one("约 70 亿美元").qualifier == "约"
    assert one("營收 7億人幣").unit == "CNY"  # 人幣, short for 人民幣
    assert one("人民幣 122.7 億元").unit == "CNY"
    assert extract_text("3   亿") == []  # more than one space: no figure


def test_currency_codes_glued_to_the_amount():
    approx(one("revenue of USD98.5 million"), 9.85e7, 9.845e7, 9.855e7, "USD")
    assert one("a dividend of HKD38.86").unit == "HKD"
    assert one("CNY700 million in sales").value == pytest.approx(7e8)
    assert extract_text("GB300 chips") == []  # a model name stays one
    # the magnitude glued after it too, as financial wires write it
    f = one("net profit of RMB150mn in the quarter")
    assert (f.text, f.value, f.unit) == ("RMB150mn", pytest.approx(1.5e8), "CNY")
    assert one("a EUR12bn offer").value == pytest.approx(1.2e10)
    assert extract_text("B200bn chips") == []  # no currency code: still a name
    # ... and the one-letter abbreviations wires write after an integer (RMB290m, USD5b)
    assert (one("a loss of RMB290m in the quarter").value, one("USD5b of notes").value) == pytest.approx((2.9e8, 5e9))


def test_a_glued_m_before_things_counted_is_a_million():
    assert (one("Banks priced 30m shares late on Tuesday.").value, one("Banks priced 30m shares.").unit) == \
        (pytest.approx(3e7), "count")
    assert one("a 300m tower").unit == "m"  # a height stays metres
    assert one("He swam 30m towards the stations.").unit == "m"  # the noun must come right after


def test_a_currency_name_without_the_word_copy_drops():
    assert one("a deal worth approximately 22.8 trillion Korean won").unit == "KRW"
    assert one("it paid 5 billion Taiwan dollars").unit == "TWD"
    assert extract_text("Two Korean won gold, after 3 Korean won silver.") == []  # only after a magnitude


@pytest.mark.parametrize("text, unit", [
    ("The plant will cost 5.5 billion reais.", "BRL"),          # the Portuguese plural English copy writes
    ("The plant will cost 1.2 billion Brazilian reais.", "BRL"),
    ("The share sale raised 60 billion kroner.", "DKK"),        # a crown with no country: Danish unless the text says
    ("Equinor paid 30 billion Norwegian kroner.", "NOK"),   # with its country, CLDR's name
])
def test_currency_names_cldr_lacks(text, unit):
    assert one(text).unit == unit


def test_the_article_a_before_a_dollar_sign_is_no_australian_dollar():
    # "A $12B seed valuation": the English article, then US dollars; A$ (no space) is Australia's.
    assert one("A $12B seed valuation means much.").unit == "USD"
    assert one("It will invest A$20 billion.").unit == "AUD"


@pytest.mark.parametrize("text, unit", [
    ("The company's net profit was 32.4 billion, in line.", "USD"),   # no currency named: dollars in English
    ("It booked a loss of 16 billion in the quarter.", "USD"),
    ("It sold 16 billion units.", "count"),
    ("Revenue rose to 5.2 billion in the year.", "USD"),
    ("The IPO of 300 million shares priced late.", "count"),   # a noun of things counted follows
    ("It reported a loss of 3 million users.", "count"),
    ("当时估值还是 3000 亿，短短几个月。", "CNY"),
])
def test_an_amount_after_a_word_of_money_is_money(text, unit):
    f = one(text)
    assert f.unit == unit and (("currency_inferred" in f.flags) == (unit != "count"))


def test_a_number_in_words_with_a_magnitude_is_a_count():
    assert one("It now has two billion users.").value == pytest.approx(2e9)
    assert one("Sales rose to three million units.").value == pytest.approx(3e6)
    assert extract_text("It was one in a million.") == []


def test_pct_is_points_in_chinese_copy_and_per_cent_in_english():
    points = one("毛利率同比+0.3pct。")
    assert (points.unit, points.value) == ("percentage_point", pytest.approx(0.3))
    assert one("销售费用率-0.16pct").unit == "percentage_point"
    assert one("毛利率同比＋0.3pct").unit == "percentage_point"  # a full-width plus
    assert one("Shares rose 5 pct on Monday.").unit == "percent"


def test_a_magnitude_glued_to_what_follows_it_in_flattened_copy():
    # A table flattened into one line glues the next cell to the amount's letter, and a lost space
    # glues the next sentence's first word to "billion".
    assert [(f.text, f.value) for f in extract_text("Series D Nov 2025$29.3B3x") if f.kind != "date"] == \
        [("$29.3B", pytest.approx(2.93e10)), ("3x", 3.0)]
    assert one("valued at $29.3 billionApprox. more").value == pytest.approx(2.93e10)
    assert one("valued at $2 trillionTrillion").value == pytest.approx(2e12)  # the next word is no magnitude
    assert one("3 billionaires").value == 3  # a longer word is no magnitude


def test_no_break_spaces_and_hyphens_of_web_copy():
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert one("revenue of $8.9\u00a0billion").value == pytest.approx(8.9e9)
    assert [h.period for h in scan(normalize("posted third\u2011quarter 2025 net income"), "2025-10-14")] == ["2025Q3"]


def test_numerals_of_traditional_copy():
    f = one("約廿億美元")
    assert f.value == pytest.approx(2e9) and f.unit == "USD"
    assert one("約一○五○億美元").value == pytest.approx(1.05e11)
    assert one("占比百分之廿二點七").value == pytest.approx(22.7)


def test_a_hundred_or_a_thousand_before_a_section_needs_no_one():
    assert one("突破百億元").value == pytest.approx(1e10)
    assert one("人民幣千億元").value == pytest.approx(1e11)
    for text in ("千万不要", "百家争鸣", "百年老店", "百万富翁"):
        assert extract_text(text) == [], text


def test_quarters_are_counted_with_ge_only():
    assert one("连续十个季度增长").unit == "year"
    assert extract_text("四季度营收") == []  # the fourth quarter: a period, not a duration
    assert extract_text("三季度") == []


def test_more_counting_words_and_multiples():
    assert one("完成两笔交易").unit == "count"
    assert one("下载超 100 萬次").value == pytest.approx(1e6)
    assert one("revenue almost quintupled").value == 5
    assert one("twice as much").value == 2


def test_english_counts_of_the_things_business_copy_counts():
    assert one("it will create approximately 800 permanent positions").classifier == "positions"
    assert [f.text for f in extract_text("402 car sales stores in 119 cities")] == ["402 car sales stores", "119 cities"]
    assert one("the project builds five hydropower stations").value == 5
    # a number between the figure and its noun is a figure of its own
    assert [f.unit for f in extract_text("eight new 230kV transmission lines")] == ["V"]
    # a broker's accounts, three words after the number; "accounts for" counts nothing
    assert one("the broker added 254,000 net new funded accounts").classifier == "accounts"
    assert [f.unit for f in extract_text("cloud accounts for 20% of revenue")] == ["percent"]
    # an airline's order: a noun that does not end in s, a maker's name between
    assert [f.text for f in extract_text("Skyline Air will buy 64 Boeing aircraft and 12 jets.")] == \
        ["64 Boeing aircraft", "12 jets"]
    # 具 is no classifier: it opens 具有 and 具备 too often (前10具有竞争力)
    assert [f.text for f in extract_text("行业前10具有竞争力的企业")] == []


def test_a_plant_s_electrical_output_and_a_gas_field_s_standard_cubic_feet():
    assert [(f.text, f.unit) for f in extract_text("two reactors of 1,150 MWe each and a 2.4GWe site")] == \
        [("two reactors", "count"), ("1,150 MWe", "W"), ("2.4GWe", "W")]
    assert one("日产天然气88.2亿标准立方英尺/日").unit == one("日产天然气88.2亿立方英尺/日").unit == "L/day"


def test_voltage_charge_and_hong_kong_dollars():
    approx(one("a 500kV line"), 5e5, 4.995e5, 5.005e5, "V")
    assert one("a 587Ah storage cell").unit == "A*h"
    assert one("priced at 263 HK dollars").unit == "HKD"
    assert extract_text("Section 5 V of the act") == []  # V alone is too ambiguous


def test_quarters_counted_with_ji():
    assert one("毛利率連續11季創新高").value == pytest.approx(2.75)
    assert one("連續兩季").unit == "year"
    for text in ("一季營收", "三季报", "連續四季度"):  # quarters' names
        assert all(f.unit != "year" for f in extract_text(text)), text
    assert one("完成2份文件").unit == "count"
    assert one("購置稅減半").value == 0.5


@pytest.mark.parametrize("text, figure, unit", [
    ("该行净利约新台币812亿，创新高", "约新台币812亿", "TWD"),     # a currency name before the amount, no 元
    ("营收人民币86亿，同比增长", "人民币86亿", "CNY"),
    ("募资港币40亿", "港币40亿", "HKD"),
    ("市值约台币9.5兆元", "约台币9.5兆元", "TWD"),                   # the name before wins over a bare 元 after
])
def test_a_currency_name_before_the_amount(text, figure, unit):
    assert [(f.text, f.unit) for f in extract_text(text) if f.kind == "currency"] == [(figure, unit)]


def test_a_unitless_amount_after_a_money_word_is_money():
    got = {f.text: (f.kind, f.unit, "currency_inferred" in f.flags) for f in extract_text(
        "新园区耗资约460亿，平台用户达2.3亿。")}
    assert got == {"约460亿": ("currency", "CNY", True), "2.3亿": ("count", "count", False)}
    # in an article that names dollars, the guess is dollars
    got = [(f.text, f.unit) for f in extract_text("本轮融资90亿美元后，公司估值超过610亿。")]
    assert got == [("90亿美元", "USD"), ("超过610亿", "USD")]


def test_a_gloss_in_another_currency_does_not_set_a_bare_yuan():
    # The 台币 amount converts the bare 元 amount: the 元 is yuan, not New Taiwan dollars.
    got = [(f.text, f.unit) for f in extract_text("某车企季度净利52.6亿元（约台币226亿）。")]
    assert got == [("52.6亿元", "CNY"), ("约台币226亿", "TWD")]


# -- a unit on one bound of a range must fit the other -------------------------------------------


def test_a_share_and_a_count_after_it_are_no_range():
    # "by X% to Y million things" states a change and a new level, not a range of shares.
    figs = extract_text("The carmaker lowered its yearly goal by 12% to 3.8 million vehicles.")
    assert [(f.text, f.unit) for f in figs] == [("12%", "percent"), ("3.8 million", "count")]
    figs = extract_text("Its network grew 6% to 740 stores")
    assert [(f.text, f.unit) for f in figs] == [("6%", "percent"), ("740 stores", "count")]
    # a unit written once still serves both bounds where it fits
    assert one("margins of 4% to 9% are likely").flags == ("range",)
    f = one("a cost of $2 to 3 billion")
    assert f.unit == "USD" and "range" in f.flags and (f.low, f.high) == pytest.approx((1.5e9, 3.5e9))


# -- currency names as copy writes them ------------------------------------------------------------


@pytest.mark.parametrize("text, value, code", [
    ("the fund closed at roughly 61 billion U.S. dollars", 61e9, "USD"),
    ("a levy of 2.75 billion U.S. dollars", 2.75e9, "USD"),
    ("each ticket costs 40 U.S. dollar", 40, "USD"),
    ("it set aside 9 million US dollars", 9e6, "USD"),
    ("a U.S.$ 12 million grant", 12e6, "USD"),
    ("bonds of U.S.$8 million", 8e6, "USD"),
    ("turnover of 318.6 billion new Taiwan dollars", 318.6e9, "TWD"),
    ("A FEE OF 15 MILLION HONG KONG DOLLARS", 15e6, "HKD"),
    ("priced at 30 Euros", 30, "EUR"),
    ("a rights issue of 60 billion Danish crowns", 60e9, "DKK"),  # an agency's English for krone
    ("profit of 7.1 billion Swedish crowns", 7.1e9, "SEK"),
    ("a 3 billion Czech crowns contract", 3e9, "CZK"),
    ("bonds worth 4 billion złoty", 4e9, "PLN"),  # a letter with a stroke no longer ends the name
    ("A LOAN OF 2 BILLION COSTA RICAN COLÓN", 2e9, "CRC"),  # accented, in capitals
])
def test_cldr_currency_names_in_any_case_and_with_a_dotted_us(text, value, code):
    f = one(text)
    assert f.kind == "currency" and f.unit == code and f.value == pytest.approx(value)


def test_a_dotted_us_alone_names_no_currency():
    assert one("the U.S. 4 million figure").unit == "count"


# -- power and energy words ------------------------------------------------------------------------


def test_wa_is_the_kilowatt_of_taiwanese_copy():
    f = one("電廠裝置容量將擴充至少12百萬瓩")
    assert f.text == "至少12百萬瓩" and f.kind == "power" and f.value == pytest.approx(1.2e10)  # 12 GW
    approx(one("新增離岸風電600萬瓩"), 6e9, 5.995e9, 6.005e9, "W")
    f = one("去年售電量逾80億瓩時")
    assert f.kind == "energy" and f.unit == "W*h" and f.value == pytest.approx(8e12)


@pytest.mark.parametrize("text", ["全省年用电量约2500亿千瓦时", "全省年用電量約2500億千瓦時", "全省年用电量约2500亿度",
                                  "annual demand of about 250 billion kilowatt-hours",
                                  "annual demand of about 250 billion kilowatt hours"])
def test_kilowatt_hours_in_any_language_are_one_energy(text):
    f = one(text)
    assert f.kind == "energy" and f.unit == "W*h" and f.value == pytest.approx(2.5e14)


def test_english_energy_units_spelled_out():
    assert one("a 40 megawatt-hour battery").value == pytest.approx(4e7)
    assert one("about 1.2 terawatt hours a year").unit == "W*h/year"


# -- the spoken yuan and amounts in several sub-units ---------------------------------------------


@pytest.mark.parametrize("text, figure, value", [
    ("路边的煎饼果子卖两块五", "两块五", 2.5),
    ("一根冰棍一块五毛", "一块五毛", 1.5),
    ("坐一趟公交要一块五毛五", "一块五毛五", 1.55),
    ("停车场收了我八块", "八块", 8),
    ("这碗面卖十五块左右", "十五块左右", 15),
    ("他为这本旧书付了二十块。", "二十块", 20),
    ("找零时多给了四块钱", "四块钱", 4),
    ("一杯奶茶售价6元8角", "6元8角", 6.8),
    ("邮费共计12元3角4分", "12元3角4分", 12.34),
    ("lunch came to nine kuai and four mao", "nine kuai and four mao", 9.4),
])
def test_the_spoken_yuan_and_its_sub_units(text, figure, value):
    f = one(text)
    assert (f.text, f.unit, f.kind) == (figure, "CNY", "currency") and f.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["村里分到了三块地", "她把蛋糕切成六块。", "墙上挂着两块牌子", "他花钱买了四块地皮"])
def test_kuai_counting_things_stays_a_count(text):
    f = one(text)
    assert f.kind == "count" and f.classifier == "块"


def test_a_bare_digit_after_yuan_is_not_jiao():
    # only the spoken 块 (or a sub-unit) takes one more digit: 3元5 stays three yuan
    assert [f.text for f in extract_text("售价3元5")] == ["3元"]


# -- the inch mark ---------------------------------------------------------------------------------


def test_a_double_quote_after_a_number_is_an_inch_where_it_closes_no_quotation():
    assert [(f.text, f.unit) for f in extract_text('a 6.9" phone and a 75" television')] == [
        ('6.9"', "m"), ('75"', "m")]
    assert one('the blade is 8 " long').value == pytest.approx(0.2032)
    assert one("a 14″ laptop").value == pytest.approx(0.3556)
    # a quotation that ends after a number is no inch
    assert extract_text('he called it "roughly 12" at the time') == []
    assert [f.text for f in extract_text('the "Max" has a 7" screen')] == ['7"']
    assert extract_text('"We sold 40", she said') == []
    assert one('they called $ 35 " too little "').text == "$ 35"


def test_indian_magnitudes_lakh_and_crore():
    assert one("a grant of ₹48 lakh").value == pytest.approx(4.8e6)
    f = one("the state set aside INR 7 crore")
    assert (f.unit, f.value) == ("INR", pytest.approx(7e7))
    assert one("outlays of ₹2.4 lakh crore").value == pytest.approx(2.4e12)  # a lakh of crores
    # "rupees" and "Rs" alone are India's, Pakistan's, Sri Lanka's …: the rupee the text names
    # elsewhere, else the Indian one (units/lexicon.toml [shared_signs])
    assert one("about 12 lakh rupees").unit == "INR"
    assert one("the utility booked Rs 640 crore").unit == "INR"
    found = extract_text("Lahore: the mill borrowed Rs 9 billion; a further PKR 1 billion is due.")
    assert [f.unit for f in found] == ["PKR", "PKR"]


def test_a_currency_declared_for_what_follows_names_every_bare_yuan():
    # Hong Kong copy names the currency once, in brackets, for every amount after it; a price in
    # 港元 beside the renminbi amounts does not make them Hong Kong dollars.
    text = "收入2,100.5億元（人民幣，下同），淨利潤120.3億元。招股價為28港元，募資約35億元。"
    units = {f.text: f.unit for f in extract_text(text)}
    assert units == {"2,100.5億元": "CNY", "120.3億元": "CNY", "28港元": "HKD", "約35億元": "CNY"}
    # without the declaration, the one currency named decides, as before
    assert {f.text: f.unit for f in extract_text("淨利潤120.3億元。招股價為28港元。")}["120.3億元"] == "HKD"


def test_verbs_of_profit_and_loss_make_an_amount_money():
    # Hong Kong headlines: 赚 and 蚀 (earn, lose) before a unitless amount
    units = {f.text: (f.unit, f.kind) for f in extract_text("澄川上季转蚀160亿，去年同期赚12亿")}
    assert units == {"160亿": ("CNY", "currency"), "12亿": ("CNY", "currency")}


def test_a_verb_of_change_between_a_money_word_and_the_amount_keeps_it_money():
    # 营收达到 / 增长至 / 亏损扩大至: the money word is still the amount's; a count word before the same
    # verbs keeps a count (用户增长至3亿).
    units = {f.text: f.kind for f in extract_text("澄川营收达到1041亿，亏损扩大至12亿，用户增长至3亿")}
    assert units == {"1041亿": "currency", "12亿": "currency", "3亿": "count"}


def test_a_unit_written_once_after_a_list_is_every_amount_s():
    # 分别为645.5亿和448亿美元: both dollars; 3亿、5亿和7亿元: all yuan; a list of two things
    # (用户3亿和收入5亿元) is no list of amounts: the users stay a count.
    units = {f.text: f.unit for f in extract_text("资本支出分别为645.5亿和448亿美元。收入为3亿、5亿和7亿元。用户3亿和收入5亿元")}
    assert units["645.5亿"] == "USD" and units["5亿"] == "CNY"
    assert [f.unit for f in extract_text("收入为3亿、5亿和7亿元。")] == ["CNY"] * 3
    assert [f.unit for f in extract_text("用户3亿和收入5亿元")] == ["count", "CNY"]
    assert extract_text("预估投资将超过1.2万亿")[0].unit == "CNY"  # 将 between the money word and the amount
    # ... and a currency written with the first amount is the list's (a prospectus's years in a row)
    assert [f.unit for f in extract_text("收入分别约为美元0.42亿、0.63亿、0.91亿。")] == ["USD"] * 3
    assert [f.unit for f in extract_text("营收50亿元、用户1.2亿")] == ["CNY", "count"]
    # ... and in English, joined by commas too
    assert [f.unit for f in extract_text("The lenders will add 42 billion, 37 billion, and 18 billion yuan.")] == ["CNY"] * 3
    assert [f.unit for f in extract_text("It raised 2.5 billion and 1.5 billion euros.")] == ["EUR"] * 2
    assert [f.unit for f in extract_text("It has 3 billion users, and 2 billion euros in cash.")] == ["count", "EUR"]
    # ... but a comma alone joins no list: a new thought, or a count beside an amount
    assert [f.unit for f in extract_text("Orvane raised $5 billion, 3 billion more than it planned.")] == ["USD", "count"]
    assert [f.unit for f in extract_text("A nation of 1.4 billion, 1.2 billion dollars in aid.")] == ["count", "USD"]


def test_an_english_amount_before_a_noun_of_money_is_money():
    # A headline drops the dollar sign: "a 113 billion deal" is money (dollars, with no currency
    # named); "3 billion users" stays a count.
    figs = {f.text: (f.kind, f.unit) for f in extract_text("Orvik buys Halden in 113 billion deal")}
    assert figs == {"113 billion": ("currency", "USD")}
    figs = {f.text: f.kind for f in extract_text("It has 3 billion users and a 40 billion valuation.")}
    assert figs == {"3 billion": "count", "40 billion": "currency"}
    # a noun written in capitals before it ("GTV reached …"), in the currency the article names
    figs = {f.text: f.unit for f in extract_text("Its GTV reached 505.6 billion. Revenue was RMB 23 billion.")}
    assert figs["505.6 billion"] == "CNY"


def test_headline_verbs_of_spending_make_an_amount_money():
    # 投 and 砸 (invest, pour in) before a bare magnitude in a headline: money; a counted noun
    # after the number keeps it a count.
    units = {f.text: (f.unit, f.kind) for f in extract_text("澄川三年投500亿建数据中心，另投3个项目")}
    assert units["500亿"] == ("CNY", "currency") and units["3个"][1] == "count"


@pytest.mark.parametrize("text, inches", [
    ('a 6.1" screen', ['6.1"']),
    ('Top 10 "AI" firms; a 6.1" screen', ['6.1"']),
    ('Sizes "5" and "10" only', []),      # quoted numbers, not inches
    ('He said "about 10" and left.', []),
])
def test_quote_marks_around_numbers_are_no_inches(text, inches):
    assert [f.text for f in extract_text(text) if f.unit == "m"] == inches


@pytest.mark.parametrize("text, unit, value", [
    ("IPO Oversubscribed 455 Times", "times", 455.0),
    ("Revenue Rose 15 Percent", "percent", 15.0),
    ("A 60-Megawatt Facility", "W", 6e7),
    ("SALES UP 15 PERCENT", "percent", 15.0)])
def test_unit_words_in_a_headlines_case(text, unit, value):
    # Headlines capitalise every word, tables shout: the unit word is the same word.
    (f,) = extract_text(text)
    assert (f.unit, f.value) == (unit, value)


@pytest.mark.parametrize("text, count", [("规划5条铁路", "5条"), ("建成12處站點", "12處"), ("完成3轮融资", "3轮"),
                                         ("新建10栋厂房", "10栋"), ("全年业务量382亿件", "382亿件")])
def test_more_chinese_measure_words_make_counts(text, count):
    # 条 (lines, routes), 处 (sites), 轮 (rounds), 栋 (buildings) count things as 个 does; an
    # ordinal (第3条) stays a list number.
    assert [(f.text, f.kind) for f in extract_text(text)] == [(count, "count")]
    assert extract_text("依据第3条规定") == []


@pytest.mark.parametrize("text, value", [("坏账率为21‰", 2.1), ("a rate of 3 per mille", 0.3)])
def test_per_mille_is_a_tenth_of_a_percent(text, value):
    (f,) = extract_text(text)
    assert f.unit == "percent" and f.value == pytest.approx(value)


@pytest.mark.parametrize("text, figure, value, unit", [
    ("这条线路全长逾千公里。", "逾千公里", 1e6, "m"),
    ("近万人参与了建设。", "近万人", 1e4, "count"),
    ("项目总投资近万亿元。", "近万亿元", 1e12, "CNY"),
])
def test_a_place_alone_after_a_qualifier_is_a_number(text, figure, value, unit):
    # 逾千, 近万: one thousand, ten thousand, the qualifier kept; a place alone with no qualifier
    # (千人, 亿元) is no figure.
    (f,) = extract_text(text)
    assert (f.text, f.unit) == (figure, unit) and f.value == pytest.approx(value)
    assert not extract_text("千人")


# -- "about" on a precise figure ----------------------------------------------------------------


def test_about_widens_a_precise_figure_by_its_last_place_only():
    # 约 widens a round figure by 5% (约300亿 may be 285亿 to 315亿), but a writer who gives four
    # significant digits is rounding: 约310.6亿 is 310.6亿 give or take a step of its last place,
    # so it no longer meets 310.06亿 (a dropped digit between two outlets).
    approx(one("集资约300亿港元"), 3e10, 2.84525e10, 3.15525e10, "HKD")
    approx(one("集资约310.6亿港元"), 3.106e10, 3.1045e10, 3.1075e10, "HKD")
    approx(one("about $35.66 billion"), 3.566e10, 3.5645e10, 3.5675e10, "USD")
    assert one("约104000块").low == pytest.approx(103999.5 * 0.95)  # three digits: still 5%


def test_a_grouped_whole_number_is_rounded_to_its_last_nonzero_digit():
    # Copy writes 173,900 deliveries as "174,000": the zeros hold places, they were not counted.
    # Two significant digits at least ("2,000" is not anything from 1,500 to 2,500); a number
    # written without separators, or with a decimal, keeps every digit.
    approx(one("deliveries of 174,000 units"), 174000, 173500, 174500, "count")
    approx(one("2,000 jobs"), 2000, 1950, 2050, "count")
    approx(one("116,007 units"), 116007, 116006.5, 116007.5, "count")
    approx(one("174000 units"), 174000, 173999.5, 174000.5, "count")


def test_reuters_taiwan_dollars():
    # Reuters writes New Taiwan dollars T$, with the US-dollar conversion in brackets.
    texts = {f.text: f.unit for f in extract_text("Revenue climbed 30% to T$989.92 billion ($32.3 billion).")}
    assert texts["T$989.92 billion"] == "TWD" and texts["$32.3 billion"] == "USD"


@pytest.mark.parametrize("text, count", [
    ("It runs 402 sales centers in 119 cities.", ["402 sales centers", "119 cities"]),  # a noun in no list
    ("The brand was started by four friends.", ["four friends"]),
    ("Analysts expect 12 percent growth over 3 years.", []),  # a unit and a period, no count
    ("The 2025 results beat forecasts.", []),                 # a year before a plural noun
    ("It cut 14,000 corporate roles.", ["14,000 corporate roles"]),
    ("It has 24,871 R&D staff.", ["24,871 R&D staff"]),          # an ampersand inside a word before the noun
    # a prospectus's capitalised nouns, and an acronym's plural
    ("Offering of 9,400,000 American Depositary Shares, Representing 141,000,000 Ordinary Shares",
     ["9,400,000 American Depositary Shares", "141,000,000 Ordinary Shares"]),
    ("The underwriters may buy up to 1,410,000 additional ADSs.", ["up to 1,410,000 additional ADSs"]),
    # ... but a capitalised noun after a year or a small bare number is a name's or a title's word,
    # and a unit's plural counts nothing
    ("In 2025 Halvard Air Lines flew more people.", []),
    ("The Fortune 500 Companies list and the Model 3 Deliveries report", []),
    ("It added 40 GWs of capacity and paid 5 USDs a share.", []),
    # an acronym may stand between the number and its noun
    ("The terminal will have three LNG trains and 2 EV chargers.", ["three LNG trains", "2 EV chargers"]),
])
def test_any_plural_noun_after_a_number_makes_it_a_count(text, count):
    assert [f.text for f in extract_text(text) if f.kind == "count"] == count


@pytest.mark.parametrize("text, unit", [
    ("Hikari Holdings earned ¥2.5 trillion ($16.2 billion) in the half.", "JPY"),  # the gloss converts at the yen's rate
    ("The weak yen helped: operating profit rose to ¥480 billion.", "JPY"),  # the text names the yen
    ("澄湾集团营收￥120亿元，以人民币计。", "CNY"),  # … or the yuan
    ("It paid ¥30 billion, or 25 billion yen more than planned.", "JPY"),  # another amount is in yen
    ("It cost ¥5 billion.", "CNY"),  # nothing says which: as read
    # its own conversion first, though another amount of the article is in yuan
    ("Hikari earned ¥2.5 trillion ($16.2 billion); its China unit earned 100 billion yuan.", "JPY"),
    ("Its yen costs rose, while ¥120 billion of sales came from its yuan business.", "CNY"),  # both named: as read
])
def test_a_sign_two_currencies_write_takes_the_one_the_document_names(text, unit):
    (first, *_) = extract_text(text)
    assert first.classifier in ("¥", "￥") and first.unit == unit


def test_amounts_a_gloss_settles_settle_the_sign_of_the_whole_document():
    figures = extract_text("Hikari Holdings will pay about ¥4.7 trillion ($32.9 billion). It also raised ¥180 billion "
                           "and offered ¥16,300 a share.")
    assert {f.text: f.unit for f in figures if f.kind == "currency"} == {
        "about ¥4.7 trillion": "JPY", "$32.9 billion": "USD", "¥180 billion": "JPY", "¥16,300": "JPY"}


@pytest.mark.parametrize("text", [
    "Hikari will inject $7 billion (¥1 trillion) into the deal.",  # the sign's amount is the gloss
    "The price is ¥16,300 per share, or approximately $114.22.",  # a conversion after "or"
])
def test_a_conversion_beside_a_shared_sign_settles_it(text):
    (signed,) = [f for f in extract_text(text) if f.classifier == "¥"]
    assert signed.unit == "JPY"


@pytest.mark.parametrize("text, units", [
    # an article of 港元: its bare 元 are Hong Kong dollars, but for one whose conversion fits the yuan only
    ("出售作价约53.7亿港元，录得亏损93亿元（13亿美元），另计减值1.86亿元。", ["HKD", "CNY", "USD", "HKD"]),
    # a conversion the article's own currency fits keeps it
    ("股价收报53.7港元，市值约263亿元（约33.7亿美元）。", ["HKD", "HKD", "USD"]),
])
def test_a_bare_yuan_is_in_the_currency_its_own_conversion_fits(text, units):
    assert [f.unit for f in extract_text(text) if f.kind == "currency"] == units


@pytest.mark.parametrize("text, unit", [
    # several dollars convert it and the text names none: the one whose rate converts it best
    ("The US$20 billion ($30.6 billion) project links the mines to the ports.", "AUD"),
    ("A US$10 billion ($13.7 billion) pipeline.", "CAD"),
    # one the text names wins over a nearer rate
    ("A US$10 billion ($13.7 billion) pipeline; its partner put in A$2 billion.", "AUD"),
])
def test_a_dollar_glossing_us_dollars_is_the_dollar_whose_rate_fits(text, unit):
    signed = [f for f in extract_text(text) if f.classifier == "$"]
    assert signed[0].unit == unit


@pytest.mark.parametrize("text, units", [
    # a bare $ glossed in US dollars is another dollar: the one the article names
    ("Orvane will invest $20 billion (US$13 billion) here, on top of A$2 billion.", ["AUD", "USD", "AUD"]),
    # Reuters' style: $ glosses HK$ as US dollars, and so is every other $ of the article
    ("It raised HK$1.85 billion ($236 million). Last year it raised $500 million.", ["HKD", "USD", "USD"]),
    # an article that names HK$ does not make its $ Hong Kong dollars: only a gloss settles a $
    ("It raised HK$3 billion, and its founder holds $500 million of stock.", ["HKD", "USD"]),
    # a gloss in another currency that no dollar converts to is a slip, not some other dollar
    ("Orvane will invest $15 billion (around ₹13,318 crore) in India.", ["USD", "INR"]),
    ("AU$5bn, NZ$2bn and CA$1bn.", ["AUD", "NZD", "CAD"]),
    # a $ glossing another dollar at no rate is a slip, not a dollar whose rate happens to fit
    ("It raised HK$1.85 billion ($250 million).", ["HKD", "USD"]),
    ("菲律宾公司收购价为500亿比索（约合8.6亿美元），另一笔300比索。", ["PHP", "USD", "PHP"]),  # 比索 stays shared
    # the very amount restated in brackets in one of the sign's dollars names it; spelled out twice,
    # it is the article's dollar (a Macau operator's release spells out its figures so)
    ("Takings were $9.1 billion (HK$9.1 billion); profit $2.2 billion (HK$2.2 billion); payout $0.55 a share.",
     ["HKD"] * 5),
    ("Takings were $9.1 billion (HK$9.1 billion); its payout is $0.55 a share.", ["HKD", "HKD", "USD"]),
    ("Sales came to $4.2 billion (NT$4.2 billion).", ["TWD", "TWD"]),
    # ... not the same amount beside it outside brackets, nor a $ in brackets after the other dollar
    ("Acme raised $500 million in New York and HK$500 million in Hong Kong, and $2 billion in all.",
     ["USD", "HKD", "USD"]),
    ("It sold HK$2 billion ($2 billion) of bonds, and $300 million more.", ["HKD", "USD", "USD"]),
])
def test_a_bare_dollar_sign_is_the_us_dollar_unless_a_gloss_says_otherwise(text, units):
    assert [f.unit for f in extract_text(text) if f.kind == "currency"] == units


@pytest.mark.parametrize("text, value", [
    ("The margin narrowed 125 basis points.", 1.25),
    ("margin up 1180 bps on the year", 11.8),
    ("a 50bp cut", 0.5),
    ("资本比率约下降125个基点", 1.25),
    ("利率下調25基點", 0.25),
])
def test_basis_points_are_hundredths_of_a_percentage_point(text, value):
    (f,) = extract_text(text)
    assert f.unit == "percentage_point" and math.isclose(f.value, value)


@pytest.mark.parametrize("text, value", [
    ("约三分之一的收入来自海外", 33.33),
    ("The offer is two-thirds stock.", 66.67),
    ("四分之三的门店位于一线城市", 75),
])
def test_a_plain_fraction_is_a_share(text, value):
    (f,) = extract_text(text)
    assert f.unit == "percent" and math.isclose(f.value, value) and "vague" not in f.flags
    assert f.low < value < f.high  # copy rounds a share to the nearest plain fraction


@pytest.mark.parametrize("text, figure, value, unit", [
    ("Net loss per share was $(0.46), against $(3.88) a year earlier.", "$(0.46)", -0.46, "USD"),
    ("GAAP operating margin was (17.8)% in the quarter.", "(17.8)%", -17.8, "percent"),
    ("公司预计第四季度每股亏损(14)美元。", "(14)美元", -14, "USD"),
    ("It lost $(1.2) billion.", "$(1.2) billion", -1.2e9, "USD"),
])
def test_an_amount_in_accounting_brackets_is_negative(text, figure, value, unit):
    (f, *_) = extract_text(text)
    assert (f.text, f.unit) == (figure, unit) and math.isclose(f.value, value)


def test_brackets_around_an_aside_are_not_a_sign():
    assert [(f.text, f.value) for f in extract_text("Revenue ($13.7 billion) rose; the unit (2,000 staff) grew 3%.")] == \
        [("$13.7 billion", 13.7e9), ("2,000 staff", 2000), ("3%", 3)]


@pytest.mark.parametrize("text, written, low, high", [
    ("营收8600多亿元。", "8600多亿元", 8.6e11, 8.7e11),   # 多 before the magnitude: one step of the last place
    ("投入30余亿元。", "30余亿元", 3e9, 4e9),
    ("营收达1000多亿元。", "1000多亿元", 1e11, 2e11),
])
def test_more_before_a_magnitude_adds_a_step_of_the_last_place(text, written, low, high):
    f = one(text)
    assert (f.text, f.unit) == (written, "CNY") and (f.low, f.high) == (pytest.approx(low), pytest.approx(high))


@pytest.mark.parametrize("text, written", [
    ("毛利率同比提升6.3ppt。", "6.3ppt"), ("margin up 1.8ppts QoQ", "1.8ppts"), ("up 5 pp to a record", "5 pp"),
    ("rose 2.3 pct pts", "2.3 pct pts"), ("提升3.5百分点", "3.5百分点"),
])
def test_analysts_short_forms_of_percentage_points(text, written):
    f = one(text)
    assert (f.text, f.unit) == (written, "percentage_point")


@pytest.mark.parametrize("text, expected", [
    ("预计净利润分别为30.2/35.6/41.1亿元。", [("30.2", 30.2e8, "CNY"), ("35.6", 35.6e8, "CNY"), ("41.1亿元", 41.1e8, "CNY")]),
    ("Analysts see revenue of $1.2/1.5/1.8bn.", [("$1.2", 1.2e9, "USD"), ("1.5", 1.5e9, "USD"), ("1.8bn", 1.8e9, "USD")]),
    ("Analysts see revenue of $1,200/1,500/1,800 million.",
     [("$1,200", 1.2e9, "USD"), ("1,500", 1.5e9, "USD"), ("1,800 million", 1.8e9, "USD")]),
    ("门店分别增加30/40家。", [("30", 30, "count"), ("40家", 40, "count")]),  # two values, not 3/4
    ("门店分别增加7/3/2家至120/45/30家。", [("7", 7, "count"), ("3", 3, "count"), ("2家", 2, "count"),
                                     ("120", 120, "count"), ("45", 45, "count"), ("30家", 30, "count")]),
])
def test_a_slash_list_shares_the_unit_written_after_its_last_member(text, expected):
    figures = extract_text(text)
    assert [(f.text, f.value, f.unit) for f in figures] == [(t, pytest.approx(v), u) for t, v, u in expected]
    assert all("list" in f.flags and "range" not in f.flags for f in figures)


@pytest.mark.parametrize("text", ["公告于2025/10/31发布。", "The desk runs 24/7.", "支出还不到收入的1/5。"])
def test_slashes_without_a_unit_are_no_list_of_figures(text):
    assert [f for f in extract_text(text) if f.kind != "date"] == []


def test_a_fraction_over_a_small_denominator_stays_a_fraction():
    (f,) = extract_text("该项目营收约为 1/2 亿元。")
    assert (f.value, f.unit, f.flags) == (pytest.approx(0.5e8), "CNY", ())


@pytest.mark.parametrize("text, value, unit", [
    ("董事会建议派发末期股息每股42港仙。", 0.42, "HKD"),
    ("每股基本盈利7.15美仙。", 0.0715, "USD"),
    ("The board proposed a dividend of 42 cents a share.", 0.42, "USD"),
    # the currency named with its cents, as Hong Kong announcements write them
    ("The board declared an interim dividend of 38 Hong Kong cents per share.", 0.38, "HKD"),
    ("An interim dividend of 12.5 HK cents per share.", 0.125, "HKD"),
    ("Basic earnings per share were 21.46 US cents.", 0.2146, "USD"),
])
def test_cents_as_hong_kong_copy_writes_them(text, value, unit):
    (f,) = extract_text(text)
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text, low, high", [("预计2025-27年净利润稳步增长。", 2025, 2027), ("2019-21年间产能翻番。", 2019, 2021)])
def test_a_year_range_may_shorten_its_last_year(text, low, high):
    dates = [f for f in extract_text(text) if f.kind == "date"]
    assert [(f.low, f.high) for f in dates] == [(low, high)]
    assert not [f for f in extract_text(text) if f.kind == "duration"]


def test_a_slash_list_of_years_gives_no_durations():
    figures = extract_text("预计2025/26/27年净利润分别为25.5/33.7/45.8亿元。")
    assert [f.kind for f in figures] == ["date", "currency", "currency", "currency"]


@pytest.mark.parametrize("text, written, value, unit", [
    ("The group will spend Rmb160bn next year.", "Rmb160bn", 1.6e11, "CNY"),  # a title-case code glued on
    ("It lent Rs500 crore.", "Rs500 crore", 5e9, "INR"),
    ("The deal closed within 10 days of signing.", "10 days", 10 / 365.25, "year"),
    ("交易所已收到297宗上市申请。", "297宗", 297, "count"),
])
def test_forms_of_money_durations_and_counts(text, written, value, unit):
    f = one(text)
    assert (f.text, f.unit) == (written, unit) and f.value == pytest.approx(value)


@pytest.mark.parametrize("text, qualifier", [("About half of it goes to chips.", "about"),
                                             ("Over half of the staff left.", "over"),
                                             ("more than half of sales", "more than")])
def test_a_qualified_half_is_a_share(text, qualifier):
    f = one(text)
    assert (f.unit, f.qualifier) == ("percent", qualifier) and f.value == 50


@pytest.mark.parametrize("text", ["Revenue rose in the first half.", "It spoke on behalf of the board.",
                                  "Half of the plants are idle.", "从2025年起实施。", "about halfway through",
                                  "more than half a percentage point", "about half an hour"])
def test_an_unqualified_half_and_a_date_s_start_are_no_figures(text):
    assert [f for f in extract_text(text) if f.unit != "date"] == []


@pytest.mark.parametrize("text, value", [
    ("Net margin widened 4.27 p.p. year on year.", 4.27),
    ("毛利率同比-0.3pct。", -0.3),
])
def test_percentage_points_abbreviated(text, value):
    (f,) = extract_text(text)
    assert (f.value, f.unit) == (pytest.approx(value), "percentage_point")


@pytest.mark.parametrize("text, value, unit", [
    # a comma before one or two digits is a decimal comma, as European copy writes it, before a
    # percent sign or a word
    ("Ricavi +11,1% su base annua.", 11.1, "percent"),
    ("Il prezzo era di 11,27 USD per azione.", 11.27, "USD"),
    ("Output reached 1,5 million tons.", 1.5e9, "kg"),
    ("EBITDA rettificato: 3.582,5 RMB", 3582.5, "CNY"),
])
def test_a_decimal_comma_before_a_unit(text, value, unit):
    (f,) = [f for f in extract_text(text) if f.kind != "date"]
    assert (f.value, f.unit) == (pytest.approx(value), unit)


@pytest.mark.parametrize("text", ["Items 1,2 and 3 were sold.", "销量1,2月份回升。", "第1,2名均为澄湾。"])
def test_a_comma_between_small_numbers_elsewhere_is_no_decimal(text):
    assert not [f for f in extract_text(text) if f.value in (1.2, 1.2e4)]


@pytest.mark.parametrize("text, periods", [
    # the year may stand before the fiscal word as well as after it
    ("revenue for the 2026 fiscal second quarter", ["FY2026Q2"]),
    ("results for the 2026 fiscal year", ["FY2026"]),
    ("its 2025 financial year", ["FY2025"]),
    ("revenue for the fiscal 2026 third quarter", ["FY2026Q3"]),
    ("in 2025, fiscal discipline held", ["2025"]),  # a fiscal word that names no period
    ("2025 fiscal policy", ["2025"]),
    ("2025会计年度第三季度营收", ["FY2025Q3"]),
])
def test_a_year_before_a_fiscal_word_names_the_fiscal_period(text, periods):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize(text).lower(), "2025-08-28")] == periods


@pytest.mark.parametrize("text, expected", [
    # the noun written once, the second number counts it too
    ("The carmaker built 312,640 cars in the quarter and shipped 305,118, a record.", [("305,118", 305118, "cars")]),
    ("It plans to grow from 6,500 outlets to about 11,000 by 2028.", [("about 11,000", 11000, "outlets")]),
    ("Monthly capacity rose from 812,300 wafers in Q2 to 840,150 in Q3.", [("840,150", 840150, "wafers")]),
])
def test_a_bare_grouped_number_counts_the_noun_written_before_it(text, expected):
    figs = {f.text: f for f in extract_text(text)}
    for written, value, noun in expected:
        f = figs[written]
        assert f.kind == "count" and f.classifier == noun and "elided_noun" in f.flags
        assert f.value == pytest.approx(value)


@pytest.mark.parametrize("text", [
    "The plant employs 2,400 workers. Its code is 1,234.",            # another sentence
    "Sales rose 12% to 45,000 in March.",                               # after a percentage, no noun to share
    "The fund held 3,100 shares, worth $12,500, at the end of June.",  # a figure between
    # a price's or a level's words before the number, not a connector
    "The carmaker sold 12,000 cars, while the Dow closed at 44,910.",
    "It sold 25,000 shares at an average price of 1,150.",
    "The 3,000 employees earn 65,000 a year.",
])
def test_a_bare_grouped_number_without_a_counted_figure_before_it_stays_unread(text):
    assert not any("elided_noun" in f.flags for f in extract_text(text))


def test_a_bare_grouped_number_after_another_number_is_not_counted():
    # 8,000 counts the stores; 1,250, after it, is no count of stores
    figs = {f.text: f for f in extract_text("It closed 600 stores, leaving it with 8,000, and its index weight rose to 1,250.")}
    assert figs["8,000"].classifier == "stores" and "1,250" not in figs


# -- a currency's name before the amount, and a currency that moves ----------------------------


@pytest.mark.parametrize("text, figure, value, unit", [
    # Indian copy names the euro before the amount, as it writes Rs
    ("The offer values the truck maker at euro 2.7 billion.", "euro 2.7 billion", 2.7e9, "EUR"),
    ("Holders get euro 11.5 a share in cash.", "euro 11.5", 11.5, "EUR"),
    # a currency written before a percentage is what moved, not the figure's unit
    ("The euro 0.8% higher against the yen.", "0.8%", 0.8, "percent"),
    ("The dollar 1.2% weaker after the data.", "1.2%", 1.2, "percent"),
    # mining copy's million tonnes
    ("The pit shipped 145 Mt of ore last year.", "145 Mt", 1.45e11, "kg"),
])
def test_currency_names_before_amounts_and_million_tonnes(text, figure, value, unit):
    f = one(text)
    assert (f.text, f.unit) == (figure, unit) and f.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["In 2024 Mt Kestrel shipped more ore.", "Its 3 Mt. Kestrel pits closed."])
def test_a_mountain_after_a_number_is_no_million_tonnes(text):
    assert all(f.unit != "kg" for f in extract_text(text))


@pytest.mark.parametrize("text, figure, unit", [
    ("Croatia adopted the euro 2 years ago.", "2 years", "year"),
    ("He scored in the euro 2024 final.", "2024", "date"),
    ("The euro's 20 countries signed, as did the euro 19 members.", "19 members", "count"),
])
def test_a_currency_s_name_before_a_number_with_its_own_unit_is_not_its_unit(text, figure, unit):
    f = [f for f in extract_text(text) if f.text == figure]
    assert len(f) == 1 and f[0].unit == unit


@pytest.mark.parametrize("text, figures", [
    # Hong Kong copy writes a rate in 厘: a percent after a rate's word, however far in its clause
    ("澄川集團債券發行利率分別為2.418厘及2.957厘。", [("2.418厘", 2.418), ("2.957厘", 2.957)]),
    ("以現價計，預測股息率4.6厘。", [("4.6厘", 4.6)]),
    ("可換股債券票面息0.625厘。", [("0.625厘", 0.625)]),
])
def test_a_rate_in_li_is_a_percent(text, figures):
    found = [(f.text, f.value) for f in extract_text(text) if f.unit == "percent"]
    assert found == figures


@pytest.mark.parametrize("text", ["每股派息3厘。", "这把伞只值8厘钱。", "利率上调，他花了3厘钱。",
                                  "汇率走弱时他花了3厘钱。", "贷款月利率2厘。", "利率上调。他只付了3厘。"])
def test_li_without_a_rate_before_it_in_its_clause_is_no_percent(text):
    assert all(f.unit != "percent" for f in extract_text(text))


def test_centimetres_stay_centimetres():
    (f,) = extract_text("雨伞长35厘米。")
    assert f.unit == "m" and f.value == pytest.approx(0.35)


@pytest.mark.parametrize("text", [
    "Listen to this article0:00 min",
    "The clip runs 2:45 minutes.",
    "Shares opened at 10:30 GMT.",
    "The call lasted 1:05:30 hours.",
    "会议于14：30开始。",
])
def test_the_minutes_of_a_clock_or_a_duration_are_no_figure(text):
    assert extract_text(text) == []


@pytest.mark.parametrize("text, figure", [
    ("注3：100亿元为含税金额。", "100亿元"),   # an amount after a note's number and a colon
    ("附注1：5.2亿元为一次性收益。", "5.2亿元"),
    ("Q3: 12% growth in sales", "12%"),
    ("At 9:30 45 analysts joined the call.", "45 analysts"),
])
def test_an_amount_after_a_numbered_label_and_a_colon_is_read(text, figure):
    assert [f.text for f in extract_text(text)] == [figure]


def test_a_ratio_written_with_a_colon_is_still_read():
    [f] = extract_text("The split was 3:1 in favour of the bid.")
    assert f.kind == "ratio" and f.text == "3:1"


@pytest.mark.parametrize("text, periods", [
    # Taiwan counts the years of the Republic of China: 114 is 2025
    ("行政院会通过115年度总预算案，较114年度减少", ["2026", "2025"]),
    ("某面板厂114年第3季营收", ["2025Q3"]),
    ("某面板厂114年上半年获利", ["2025H1"]),
    ("台积电113年第1-3季营收", ["2024"]),  # a year, as 2024年第1-3季 is (quarter ranges: not read)
    ("成立115年的老字号", []),       # an age, not a year
    ("民國114年9月的出口", []),      # a month of a date, as 2025年9月 is
    ("这是近100年第一次赤字规模扩大", []),  # a qualified span of years, not the year 2011
    ("通胀创逾120年底部", []),
])
def test_years_of_the_republic_of_china_are_periods(text, periods):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize(text), "2025-08-21")] == periods


def test_a_stock_code_is_no_year():
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan("蜜雪冰城股份有限公司(2097.HK)首日挂牌，2025年营收", "2025-03-03")] == ["2025"]
    assert [h.period for h in scan("Sales rose in 2024.A year later they fell.", "2025-03-03")] == ["2024"]


def test_a_name_is_counted_as_str_count_counts_it():
    from reconcile.extraction.names import occurrences
    assert occurrences("多多多买菜多多", ["多多", "多"]) == {"多多": 2, "多": 5}
    assert occurrences("多多多买菜多多", ["多多"], where=True) == {"多多": [0, 5]}


def test_a_year_of_the_republic_of_china_is_a_date_not_a_duration():
    got = [(f.kind, f.value) for f in extract_text("115年度總預算案，成立105年的公司")]
    assert got == [("date", 2026), ("duration", 105)]


def test_a_table_written_on_one_line_is_read_row_by_row(tmp_path):
    # a web page's table that lost its line breaks: the delimiter row says how many cells a row has
    from reconcile.extraction.documents import unflatten_tables
    flat = ("Highlights (HKD million) | Item | H1 2025 | H1 2024 | | :--- | :--- | :--- | | Net profit | 22,796 | "
            "20,463 | | Dividend per share (HKD) | 0.580 | | | Staff (number of employees) | 14,500 | 14,200 | "
            "Costs fell, it said | in a quote.")
    rows = unflatten_tables(flat)
    assert len(rows) == len(flat)
    assert rows.split("\n") == ["Highlights (HKD million)", "| Item | H1 2025 | H1 2024 |", "| :--- | :--- | :--- |",
                                "| Net profit | 22,796 | 20,463 |", "| Dividend per share (HKD) | 0.580 | |",
                                "| Staff (number of employees) | 14,500 | 14,200 |", "Costs fell, it said | in a quote."]
    # read from a file, its figures stand where the file has them, and the header's unit scales the rows
    from articles import write_article
    write_article(tmp_path, "a.md", "Results", "2025-08-29", flat, lang="en")
    from reconcile.engine import analyse
    got = {m.fig.text: m for m in analyse([tmp_path]).mentions}
    assert got["22,796"].fig.value == pytest.approx(22.796e9) and got["22,796"].fig.unit == "HKD"
    assert got["0.580"].fig.value == pytest.approx(0.58)            # a per-share row: the currency only
    assert "14,500" not in got  # employees are no money: a bare number, no figure
    assert got["22,796"].record["line"] == got["0.580"].record["line"]  # the file's own line


@pytest.mark.parametrize("header", ["(HKD million)", "(US$ millions)", "(NT$ million)", "(RMB billion)", "(EUR thousands)"])
def test_a_header_names_its_unit_by_sign_or_code_and_magnitude(header):
    table = f"Key figures {header}\n| Item | 2025 |\n| --- | --- |\n| Revenue | 1,234 |\n\nIt hired 300 people."
    got = {f.text: f for f in extract_text(table)}
    assert got["1,234"].kind == "currency" and got["1,234"].value > 1.2e6
    assert got["300 people"].kind == "count"

"""Attribution and linking on small articles written for these tests: scopes of one family, stated
conversions, bare 元, datelines, and the checks that keep weak links quiet."""
from __future__ import annotations

from collections import Counter, defaultdict

import pytest
from articles import write_article

from reconcile.checks.crossdoc import likely_cause
from reconcile.checks.intervals import same_digits
from reconcile.engine import analyse
from reconcile.extraction.names import name_id


def _groups(report) -> list[list[str]]:
    return [[m.fig.text for m in g.mentions] for g in report.groups if g.linked]


def test_each_rate_takes_the_nearest_basis_word(tmp_path):
    # Taiwanese copy puts both bases in one clause: 年增 for the first rate, 季增 for the second.
    write_article(tmp_path, "a.md", "晶圆代工季报", "2025-10-16", "台积电第三季营收年增30.3%、季增6%，优于预期。")
    write_article(tmp_path, "b.md", "Foundry quarter", "2025-10-16",
           "TSMC's third-quarter revenue rose 30.3% year over year.", lang="en")
    report = analyse([tmp_path])
    scope = {m.fig.text: m.scope for m in report.mentions if m.doc.path.endswith("a.md")}
    assert scope == {"30.3%": ("yoy",), "6%": ("qoq",)}
    assert ["30.3%", "30.3%"] in _groups(report)
    assert not any("6%" in g and "30.3%" in g for g in _groups(report))
    assert not [f for f in report.findings if f.rule == "XD001"]


def test_a_stated_conversion_does_not_split_its_fact(tmp_path):
    # One article gives yuan with dollars in brackets; the others give one currency each. The
    # bracketed figure restates the first, so the two may sit in one group with the others.
    write_article(tmp_path, "c.md", "车企三季报", "2025-10-30", "比亚迪第三季度净利润78.23亿元（约11亿美元），同比下降32.6%。")
    write_article(tmp_path, "d.md", "Carmaker profit", "2025-10-30",
           "BYD said its third-quarter net profit fell 32.6% to about $1.1 billion.", lang="en")
    write_article(tmp_path, "e.md", "车企利润", "2025-10-31", "比亚迪三季度净利润78.2亿元，同比下滑32.6%。")
    report = analyse([tmp_path])
    money = [g for g in _groups(report) if "78.2亿元" in g]
    assert money and sorted(money[0]) == sorted(["78.23亿元", "约11亿美元", "about $1.1 billion", "78.2亿元"])
    assert not [f for f in report.findings if f.rule == "XD001"]


@pytest.mark.parametrize("body, lang, metric", [
    # what follows the bracket is the amount's too (and its conversion's): money spent on capex
    ("某零售集团计划明年斥资约人民币900亿元（约合126亿美元）用于资本开支。", None, "capex"),
    ("Grocer Ltd plans to spend Rmb90bn ($12.6bn) in capital expenditure next year.", "en", "capex"),
    # the bracket's own words are the conversion's: 合约 in 合约新台币 is "at about", not a contract
    ("某科技公司明年斥资约人民币900亿元（合约新台币4000亿元），发展人工智能业务。", None, "investment"),
    ("澄湾集团获得人民币900亿元（合约新台币4000亿元）。", None, None),  # no word names it: no metric
])
def test_a_conversion_in_brackets_leaves_the_figure_its_words(tmp_path, body, lang, metric):
    write_article(tmp_path, "a.md", "Plan", "2025-11-02", body, lang=lang)
    metrics = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"}
    assert len(metrics) == 2 and set(metrics.values()) == {metric}, metrics


@pytest.mark.parametrize("body, metric", [
    ("澄湾电池首三季多赚36%，股价急升。", "profit"),           # 多赚: earned more (a Hong Kong headline's word)
    ("澄湾集团AI订单积压达730亿美元。", "backlog"),            # 订单积压: the backlog, not an order
    ("澄湾汽车创新业务经营收益为7亿元。", "operating_profit"),  # 经营收益: operating income, not revenue
])
def test_chinese_metric_words_of_hong_kong_and_mainland_copy(tmp_path, body, metric):
    write_article(tmp_path, "a.md", "业绩", "2025-10-30", body)
    assert [m.metric for m in analyse([tmp_path]).mentions if m.fig.kind != "date"] == [metric]


@pytest.mark.parametrize("text, low, high", [
    ("公司计划发行不超过10.62亿股新股。", 0, 1.0625e9),    # not more than: at most
    ("本次募资不低于30亿元。", 2.95e9, float("inf")),      # not less than: at least
    ("It will sell no more than 50 million shares.", 0, 5.05e7),
    ("It will raise no less than $2 billion.", 1.5e9, float("inf")),
    ("发行数量不得超过10亿股。", 0, 1.05e9),                # with a modal between: must not exceed
    ("It will sell not fewer than 50 million shares.", 4.95e7, float("inf")),
    ("It will sell shares at no greater than $20 each.", 0, 20.5),
])
def test_a_negated_bound_is_the_other_bound(tmp_path, text, low, high):
    write_article(tmp_path, "a.md", "Plan", "2025-08-30", text, lang="en" if text.isascii() else None)
    fig = next(m.fig for m in analyse([tmp_path]).mentions if m.fig.kind != "date")
    assert (fig.low, fig.high) == pytest.approx((low, high))


@pytest.mark.parametrize("body, lang", [
    ("Kestrel Foods said its cost of services rose 11 per cent to $8.7 billion.", "en"),
    ("澄湾海运上半年营业成本为867亿元，同比增长11%。", None),
])
def test_the_cost_of_revenue_is_a_metric_of_its_own(tmp_path, body, lang):
    # the income statement's cost line: no figure of unknown meaning, which a dividend's same digits
    # elsewhere could take for its slip
    write_article(tmp_path, "a.md", "Results", "2025-08-30", body, lang=lang)
    assert {m.metric for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"} == {"cost_of_revenue"}


def test_the_company_a_sentence_speaks_of_is_none_of_the_boards_it_lists_on(tmp_path):
    # 公司 after a sentence naming only the board is the company named before it: the STAR Market
    # has no shares to issue.
    ents = _entities(tmp_path, "澄鑫存储集团今日公布招股书。科创板今年已有80家企业上市。公司计划发行不超过10.62亿股。")
    assert ents["不超过10.62亿股"] == "澄鑫存储"


@pytest.mark.parametrize("body, metric", [
    # an aside between the subject and its verb names another metric nearer the figure
    ("Harbor Life said VONB, a gauge of expected profit from new premiums, was $2.84 billion.", "new_business_value"),
    # a new subject after "and" or "while" keeps its own metric, however many asides follow it
    ("Revenue was $20 billion, while net income, excluding one-offs, was $3 billion.", "profit"),
    ("Sales grew 9%, and operating profit, which excludes one-offs, was $3 billion.", "operating_profit"),
])
def test_a_verb_after_an_aside_takes_the_subject_s_metric(tmp_path, body, metric):
    write_article(tmp_path, "a.md", "Results", "2025-08-21", body, lang="en")
    assert [m.metric for m in analyse([tmp_path]).mentions if m.fig.unit != "percent"][-1:] == [metric]


def test_between_and_is_one_clause(tmp_path):
    # "and" cuts clauses, but not the one joining a range's two ends: "per share" after the upper
    # end scopes the whole range, so profit per share is EPS.
    write_article(tmp_path, "a.md", "Guidance", "2025-10-30",
                  "Harbor Pharma expects full-year adjusted profit between $23 and $23.70 per share.", lang="en")
    (m,) = analyse([tmp_path]).mentions
    assert m.metric == "eps" and "per_share" in m.scope


@pytest.mark.parametrize("price", ["$46.50", "₩55,000"])  # small in US dollars, whatever the currency
def test_a_bare_small_amount_named_as_a_deal_is_a_price_per_share(tmp_path, price):
    # No deal costs $46.50: the words name the deal, the amount is what each share fetches; a deal
    # written with its magnitude keeps the deal's metric.
    write_article(tmp_path, "a.md", "Takeover", "2025-11-02",
                  f"Harbor Foods agreed to acquire Delta Snacks for {price} in cash, a deal worth $8.2 billion.", lang="en")
    metrics = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metrics == {price: "value_per_share", "$8.2 billion": "deal_value"}


@pytest.mark.parametrize("x, y, same", [
    (113.11, 113.1, True),     # one more decimal
    (11.3, 113.1, True),       # the point moved: a magnitude slip keeps the digits
    (1131.2, 1131, True),
    (1.4, 1.4, True),
    (44, 45, False),
    (0.54, 78.23, False),
    (349, 394, False),         # transposed digits are another cause
    (9, 92, False),            # a single digit is matched only by itself
    (20, 18, False),
    (6000, 6, True),
])
def test_same_digits(x, y, same):
    assert same_digits(x, y) is same


def test_a_changed_unit_word_is_named_as_the_cause(tmp_path):
    write_article(tmp_path, "f.md", "园区", "2025-06-01", "该园区占地5.1万平方米。")
    write_article(tmp_path, "g.md", "园区", "2025-06-02", "该园区占地5.1万平方英尺。")
    report = analyse([tmp_path])
    a, b = (m for m in report.mentions if "5.1万" in m.fig.text)
    assert likely_cause(a, b, 0.02)[0] == "unit"


def test_a_weak_link_between_far_apart_values_is_not_a_conflict(tmp_path):
    from reconcile.data.loader import use_packs

    # Two quarter-on-quarter rates of one company, measured in two currencies: the link is weak
    # ("possibly the same fact": no other value beside them is the same). Within weak_link_ratio they are reported as a warning; a pack
    # that lowers the ratio below theirs (10.1 / 6 = 1.7) takes them for two facts.
    docs = tmp_path / "docs"
    docs.mkdir()
    write_article(docs, "a.md", "晶圆代工季报", "2025-10-16", "台积电第三季营收年增30.3%、季增6%，优于预期。")
    write_article(docs, "b.md", "Foundry quarter", "2025-10-16",
           "TSMC's third-quarter revenue rose 10.1% from the previous quarter in US dollar terms.", lang="en")
    report = analyse([docs])
    warned = [f for f in report.findings if f.rule == "XD001"]
    assert [f.severity for f in warned] == ["warning"]
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "rules.toml").write_text("[XD001]\nweak_link_ratio = 1.5\n", encoding="utf-8")
    try:
        use_packs([pack])
        assert not [f for f in analyse([docs]).findings if f.rule == "XD001"]
    finally:
        use_packs()


def test_a_bare_yuan_agrees_when_either_reading_agrees(tmp_path):
    # A Taiwanese article glosses a mainland company's yuan profit in 台币; a mainland article gives
    # the yuan. 338亿 TWD is about 78亿 CNY at today's rates: no conflict, whichever 元 it is.
    write_article(tmp_path, "j.md", "车企获利", "2025-10-30", "比亚迪第三季净利78.2亿元（约台币338亿），年减32.6%。")
    write_article(tmp_path, "k.md", "车企三季报", "2025-10-30", "比亚迪第三季度归母净利润78.23亿元，同比下降32.6%。")
    report = analyse([tmp_path])
    assert not [f.message for f in report.findings if f.rule in ("XD001", "IN007")]


@pytest.mark.parametrize("headline", ["ZORVANE MOTORS – RECORD REVENUE", "ZORVANE MOTORS - Q3 SALES SURGE"])
def test_a_headline_in_capitals_before_a_dash_is_no_dateline(tmp_path, headline):
    # A headline in capitals, not a city's dateline: blanking its first words as a dateline's left
    # the rest too short to read as capitals, and "Record Revenue" became the company.
    write_article(tmp_path, "h.md", "", "2025-11-03",
                  f"{headline}\n\nThe company said quarterly revenue rose 12% to 89 billion yuan.", lang="en")
    assert {m.entity for m in analyse([tmp_path]).mentions if m.fig.kind != "date"} <= {None, name_id("Zorvane Motors")}


@pytest.mark.parametrize("opening", ["HANGZHOU, Nov 3 (Reuters) -", "Hangzhou (Newswire)-", "HANGZHOU, Nov 3 -",
                                     "HANGZHOU, Nov. 3, 2025 (GLOBE NEWSWIRE) --", "HANGZHOU, China, Nov. 3, 2025 /PRNewswire/ —",
                                     "HANGZHOU--(BUSINESS WIRE)--", "HANGZHOU, 3 November 2025 (Reuters) -",
                                     "HANGZHOU, China, Nov. 3, 2025 /PRNewswire-Asia/ —",
                                     # an American wire's: the city, its state, the agency or none, a dash
                                     "ALTOONA, Pa. —", "ALTOONA, Pa. (AP) —", "SPRINGDALE —", "SPRINGDALE - ",
                                     # a date and an agency after a place in Chinese, or within a line
                                     "杭州, Nov. 3, 2025 (GLOBE NEWSWIRE) —",
                                     "Investor news 2025 Hangzhou, Nov. 3, 2025 (Accesswire) —"])
def test_a_dateline_names_no_company(tmp_path, opening):
    write_article(tmp_path, "l.md", "Results", "2025-11-03",
           f"{opening} Zorvane Motors reported results on Monday.\nThe company said quarterly revenue rose 12% to "
           "89 billion yuan.", lang="en")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions if m.fig.kind != "date"} == {name_id("Zorvane Motors")}


def test_a_timeline_entry_keeps_its_company(tmp_path):
    # a date and a company in brackets, then a colon: a timeline's entry, no wire's dateline
    write_article(tmp_path, "t.md", "Price cuts", "2025-11-03",
                  "- Oct. 1, 2025 (Zorvane Motors): cut the base price of its sedan by 8% to $38,500.", lang="en")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions if m.fig.kind != "date"} == {name_id("Zorvane Motors")}


def test_a_duration_is_the_span_of_its_amount(tmp_path):
    # "over the next five years" and 未来三年 state how long a pledge runs: a fact of the pledge, and
    # the same amount over another span is reported.
    write_article(tmp_path, "p.md", "云投资", "2025-02-24", "腾讯表示，将在未来三年投入1500亿元建设云基础设施。")
    write_article(tmp_path, "q.md", "Cloud pledge", "2025-02-24",
                  "Tencent will invest 150 billion yuan in cloud infrastructure over the next five years.", lang="en")
    report = analyse([tmp_path])
    spans = [m for m in report.mentions if m.fig.kind == "duration"]
    assert len(spans) == 2 and all(m.metric == "investment" for m in spans)
    assert "XD003" in {f.rule for f in report.findings if f.severity in ("warning", "error")}


def test_alike_measure_words_count_the_same_things(tmp_path):
    # 辆 and 台 both count cars; 座 does not.
    write_article(tmp_path, "r.md", "车企交付", "2025-10-02", "小鹏汽车第三季度交付新车11.6万辆。")
    write_article(tmp_path, "s.md", "车企交付", "2025-10-02", "小鹏汽车第三季度共交付新车11.6万台。")
    write_article(tmp_path, "t.md", "车企建厂", "2025-10-02", "小鹏汽车第三季度新建工厂11.6万座。")
    groups = _groups(analyse([tmp_path]))
    assert ["11.6万辆", "11.6万台"] in groups
    assert not any("11.6万座" in g for g in groups)


@pytest.mark.parametrize("chinese, same", [("12家银行", True), ("12家企业客户", False), ("12家 公司", False)])
def test_a_count_is_compared_across_languages_by_what_it_counts(tmp_path, chinese, same):
    # "12 banks" and 12家银行 count the same things in two languages; 企业客户 are customers (the last
    # noun of a compound), 公司 companies, though 家 counts them all.
    from reconcile.linking import _compared_metric, weights
    write_article(tmp_path, "a.md", "Loan", "2025-11-25", "Harbor Bank said 12 banks took part in it.", lang="en")
    write_article(tmp_path, "b.md", "贷款", "2025-11-25", f"港湾银行（Harbor Bank）表示，共有{chinese}参与。")
    metric = {m.doc.path[-4:]: _compared_metric(m, weights()) for m in analyse([tmp_path]).mentions}
    assert metric["a.md"] and (metric["a.md"] == metric["b.md"]) is same
    if same:
        assert sorted(["12 banks", chinese[:3]]) in [sorted(g) for g in _groups(analyse([tmp_path]))]


def test_a_phone_counted_with_zhi_is_a_phone_counted_with_tai(tmp_path):
    # Hong Kong and Taiwan copy counts phones with 支, the mainland's with 台.
    write_article(tmp_path, "a.md", "手机出货", "2025-11-18", "小米第三季度智能手机出货量4330万台。")
    write_article(tmp_path, "b.md", "手機出貨", "2025-11-18", "小米第三季智能手機出貨量4,330萬支。")
    assert ["4330万台", "4,330万支"] in _groups(analyse([tmp_path]))


@pytest.mark.parametrize("other, reported", [("7亿元", False), ("113.1亿元", True), ("1231亿元", True)])
def test_values_far_apart_are_one_fact_only_as_a_slip(tmp_path, other, reported):
    # 7亿 against 1131亿 is another figure, however alike the sentences; 113.1亿 is the same
    # digits at another magnitude (a slip); 1231亿 a changed digit.
    write_article(tmp_path, "u.md", "季报", "2025-11-18", "小米集团第三季度营收1131亿元，同比增长22%。")
    write_article(tmp_path, "v.md", "季报", "2025-11-18", f"小米集团第三季度营收{other}，同比增长22%。")
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "XD001"]) is reported


def _levels(report, a_text, b_text):
    from reconcile import linking
    ms = {m.fig.text: m for m in report.mentions}
    return linking.Assessor().pair(ms[a_text], ms[b_text])[0]


def test_wording_in_two_languages_is_compared_by_what_it_speaks_of(tmp_path):
    # A Chinese and an English clause share no character bigrams however alike they are. What they
    # speak of is compared instead: the metrics their words name, the companies and Latin names.
    write_article(tmp_path, "h.md", "芯片投资", "2025-11-03",
                  "英伟达宣布向OpenAI投资1000亿美元，用于建设数据中心。英伟达第三季度营收570亿美元。")
    write_article(tmp_path, "i.md", "Chip deal", "2025-11-03",
                  "Nvidia will invest $100 billion in OpenAI to build data centers. "
                  "Nvidia said it sold chips worth $57 billion to cloud providers.", lang="en")
    report = analyse([tmp_path])
    assert _levels(report, "1000亿美元", "$100 billion")["clause"] == "other_language_high"
    assert _levels(report, "1000亿美元", "$57 billion")["clause"] == "other_language_low"
    from reconcile.linking import LEVELS, weights
    w = weights().fields["clause"]
    assert set(LEVELS["clause"]) <= set(w) and w["other_language_high"] > w["other_language_low"]


@pytest.mark.parametrize("second_date, level", [
    ("2025-11-05", "week"), ("2025-12-20", "quarter"), ("2026-09-01", "apart")])
def test_publication_dates_are_weighed(tmp_path, second_date, level):
    write_article(tmp_path, "k.md", "芯片投资", "2025-11-03", "英伟达宣布向该公司投资50亿美元。")
    write_article(tmp_path, "l.md", "Chip deal", second_date, "Nvidia will invest $5 billion in the company.", lang="en")
    report = analyse([tmp_path])
    assert _levels(report, "50亿美元", "$5 billion")["dates"] == level


@pytest.mark.parametrize("second_date, other_day", [("2025-11-04", False), ("2025-11-07", True)])
def test_a_share_move_is_a_fact_of_its_day(tmp_path, second_date, other_day):
    # A stock's move reported the next morning may be the same day's; four days later it is
    # another day's move, whatever else agrees (metrics.toml daily = true).
    write_article(tmp_path, "s.md", "Chip stocks", "2025-11-03", "Nvidia shares rose 4% on the news.", lang="en")
    write_article(tmp_path, "t.md", "Chip stocks", second_date, "Nvidia shares rose 3% on the news.", lang="en")
    report = analyse([tmp_path])
    assert (_levels(report, "4%", "3%")["period"] == "different") == other_day


def test_undated_articles_are_neither_near_nor_far(tmp_path):
    (tmp_path / "m.txt").write_text("Chip deal\n\nNvidia will invest $5 billion in the company.\n", encoding="utf-8")
    write_article(tmp_path, "n.md", "芯片投资", "2025-11-03", "英伟达宣布向该公司投资50亿美元。")
    report = analyse([tmp_path])
    assert _levels(report, "50亿美元", "$5 billion")["dates"] == "unknown"


def _xd001(folder, first: str, second: str):
    folder.mkdir(exist_ok=True)
    for name, value in (("o.md", first), ("p.md", second)):
        write_article(folder, name, "Quarterly results", "2025-10-30",
                      f"Acme Robotics said on Thursday its third-quarter revenue was {value}, the highest on "
                      "record.", lang="en")
    return [f for f in analyse([folder]).findings if f.rule == "XD001"]


def test_an_error_is_a_slip_the_checker_can_name(tmp_path):
    # The same wording, company, metric and period: a sure link. A magnitude slip and one changed
    # digit of a long number are errors; two plainly different values are a warning, since which
    # one is right, or whether both are, is the editor's call.
    (slip,) = _xd001(tmp_path / "x", "$4.58 billion", "$4.58 million")
    assert slip.severity == "error" and slip.cause == "magnitude"
    (digit,) = _xd001(tmp_path / "y", "$4.58 billion", "$4.68 billion")
    assert digit.severity == "error" and digit.cause == "digit"
    # The last digit one apart: two roundings of one value as often as a slip, so a warning; any
    # change of the last digit alone is two close measures (net and attributable profit) as often.
    (rounded,) = _xd001(tmp_path / "r", "$4.58 billion", "$4.59 billion")
    assert rounded.severity == "warning" and rounded.cause == "digit"
    (last,) = _xd001(tmp_path / "l", "$4.58 billion", "$4.52 billion")
    assert last.severity == "warning" and last.cause == "digit"
    (value,) = _xd001(tmp_path / "z", "$4.58 billion", "$3.9 billion")
    assert value.severity == "warning" and value.cause == "value"
    assert "for the same fact" in value.message


def test_a_disagreement_is_as_sure_as_the_best_link_to_the_value_it_contradicts(tmp_path):
    # The consensus (15.0%, the most precise) is in an English article published weeks later: its
    # link to the suspect is weak. Another article gives the same 15% in the suspect's own words,
    # a sure link: the suspect's 35% is reported as a disagreement about the same fact, and named
    # against the consensus. A warning, not an error: the slip's reference is the weakly linked one.
    write_article(tmp_path, "a.md", "Results", "2025-12-20", "Harbor Motors said its third-quarter vehicle "
                  "sales revenue rose 15.0% from a year earlier to RMB19.2 billion.", lang="en")
    write_article(tmp_path, "b.md", "业绩", "2025-11-25", "港湾汽车（Harbor Motors）第三季度汽车销售收入192亿元，同比增长15%，环比增长19%。")
    write_article(tmp_path, "c.md", "业绩", "2025-11-26", "港湾汽车（Harbor Motors）第三季度汽车销售收入192亿元，同比增长35%，环比增长19%。")
    (found,) = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert found.message.startswith("35% disagrees with 15.0% for the same fact")
    assert found.severity == "warning" and "b.md" in found.suggestion


def test_a_stated_conversion_is_no_currency_slip(tmp_path):
    # "€3.5 billion, or about $4.1 billion" converts at a rate: its dollar sign is written on purpose.
    # Against another article's €4.1 billion (another fact, a later round), the same digits under
    # another currency are no slip to name: at most a warning. Written alone, $4.1 billion against
    # €4.1 billion is the slip, an error.
    converted = _xd001(tmp_path / "c", "€3.5 billion, or about $4.1 billion", "€4.1 billion")
    assert converted and {f.severity for f in converted} == {"warning"}
    (alone,) = _xd001(tmp_path / "a", "$4.1 billion", "€4.1 billion")
    assert alone.severity == "error" and alone.cause == "currency"
    # ... and a figure that copies a conversion's digits under the first currency is the slip
    folder = tmp_path / "k"
    folder.mkdir()
    for name, value in (("o.md", "HK$3.45 billion (approximately US$444 million)"),
                        ("r.md", "HK$3.45 billion (about US$444 million)"), ("q.md", "HK$444 million")):
        write_article(folder, name, "Tea chain IPO", "2025-03-03",
                      f"Quorra Tea said on Monday its Hong Kong listing raised {value}, the most for a tea chain.", lang="en")
    copied = [f for f in analyse([folder]).findings if f.rule == "XD001" and "HK$444 million" in f.message]
    assert [(f.severity, f.cause) for f in copied] == [("error", "currency")]


def test_two_spellings_of_one_unit_are_not_a_unit_slip(tmp_path):
    (finding,) = _xd001(tmp_path / "w", "up 20 percent", "up 18%")
    assert finding.cause == "value"


def _entities(tmp_path, body: str, lang: str | None = None) -> dict[str, str | None]:
    write_article(tmp_path, "q.md", "Food maker reports a steady quarter" if lang else "能源企业发布业绩", "2025-10-30", body,
                  lang=lang)
    return {m.fig.text: m.entity for m in analyse([tmp_path / "q.md"]).mentions}


def test_a_name_after_another_and_a_dash_inside_a_sentence_is_a_name(tmp_path):
    # only a heading in capitals that opens its line makes a sentence start after its dash
    ents = _entities(tmp_path, "Analysts at UBS - Kestrel said revenue rose 11% to $30 billion.", lang="en")
    assert ents["$30 billion"] == "kestrel"


@pytest.mark.parametrize("body", [
    "Brightwater Foods reported results.\n\n- Adjusted net income was $2.1 billion.\n"
    "- Research spending reached $300 million.",
    "Brightwater Foods reported results. Net profit: Adjusted $2.1 billion, while adjusted margins widened.",
    # the trade's abbreviations name measures and business lines, not companies
    "Brightwater Foods reported results. EBITDA came to $2.1 billion, and its CDMO arm had $300 million in orders.",
    "Brightwater Foods reported results. Its SVIP members paid $2.1 billion; the LNG unit spent $300 million.",
    # a sentence opens after a heading in capitals and a dash, and after a note's number in brackets
    "Brightwater Foods reported results.\nSOFTER SLATE - Streaming sales fell 4% to $2.1 billion.",
    "Brightwater Foods reported results: sales of $2.1 billion (1).\n(1) Growth at constant rates was 3%.",
])
def test_a_capitalised_common_word_is_no_company(tmp_path, body):
    # A word that opens a list item or a phrase after a colon, or that the text also writes in
    # lower case, is an ordinary word, not an unlisted company.
    ents = _entities(tmp_path, body, lang="en")
    assert set(ents.values()) == {"brightwater foods"}


def test_a_place_that_ends_a_longer_name_is_not_what_its_bracket_defines(tmp_path):
    # In a Chinese line the Latin words are all capitalised, so "Orvane Wafers America" may not be
    # read as a name; still, (OWA) defines that name, never the country that ends it.
    write_article(tmp_path, "a.md", "澄湾晶圆美国工厂启用", "2025-05-16",
                  "澄湾晶圆 Orvane Wafers 今日宣布，其位于美国谢尔曼的 12 英寸制造厂 Orvane Wafers America (OWA) "
                  "正式启用。\n\nOWA 项目总投资35亿美元。")
    report = analyse([tmp_path])
    assert all(m.aliases.get("owa") != "united_states" for m in report.mentions)
    assert {m.fig.text: m.entity for m in report.mentions}["35亿美元"] != "united_states"


def test_a_bank_s_line_of_business_is_no_company(tmp_path):
    # 环球银行业务 and 零售银行业务 are a bank's global and retail banking, not banks of their own;
    # a group's business (集团业务收入) is still the group's
    ents = _entities(tmp_path, "澄川银行集团第三季度收入52亿元。环球银行业务收入同比上升23%，零售银行业务收入为12亿元。")
    assert set(ents.values()) == {"澄川银行"}
    assert set(_entities(tmp_path, "澄川科技集团业务收入同比增长20%至52亿元。").values()) == {"澄川科技"}


@pytest.mark.parametrize("opening", ["公司表示", "报告称", "知情人士透露", "今天宣布", "前三季度", "他预计", "双方宣布",
                                     "维持公司", "看好公司", "上调公司", "拖累公司", "约占公司", "周二宣布",
                                     "此次交易预计", "这笔交易预计", "期内", "市场预计", "驱动公司", "通车后公司",
                                     "全球最大公司", "反内卷监管预计", "消费板块预计", "整个行业计划"])
def test_generic_words_before_a_verb_of_saying_are_no_company(tmp_path, opening):
    # Only 澄川能源 is named; the company, the report, the sources, a day, a period, a pronoun or
    # "both parties" that opens the clause names nobody, so the figure keeps the article's company.
    ents = _entities(tmp_path, f"澄川能源集团发布季报。{opening}，营收达到120亿元。{opening}，净利润为15亿元。")
    assert set(ents.values()) == {"澄川能源"}


@pytest.mark.parametrize("named, inside, company", [
    ("高通第四财季营收112.7亿美元。", "在高通胀环境下，零售销售额下降5%。", "qualcomm"),      # 高通胀: inflation
    ("格力第三季度营收112.7亿元。", "受价格力度影响，零售销售额下降5%。", "gree"),             # 价格力度
    ("中车前三季度营收112.7亿元。", "其中车企零售销售额下降5%。", "crrc"),                     # 其中车企
])
def test_a_short_name_counts_except_inside_the_longer_word_that_holds_it(tmp_path, named, inside, company):
    # rules/entities.toml unless_inside: a bare short name is its company, but not inside the words listed.
    write_article(tmp_path, "a.md", "业绩", "2025-11-06", named)
    write_article(tmp_path, "b.md", "零售", "2025-11-06", inside)
    entities = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert entities == {"112.7亿美元" if "美元" in named else "112.7亿元": company, "5%": None}


def test_an_entity_s_unless_inside_word_must_hold_one_of_its_names(tmp_path):
    from reconcile.data.schema import check
    from reconcile.errors import InputError
    with pytest.raises(InputError, match="holds none of its names"):
        check("entities.toml", {"qualcomm": {"names": ["高通"], "unless_inside": ["通货膨胀"]}}, tmp_path / "e.toml", None)


def test_an_article_naming_a_company_once_in_passing_is_still_anonymous(tmp_path):
    # A digest that never names its company but once in passing (与海底捞下饭菜相关的产品) takes the
    # company its telling facts are, as an article naming none does (figures invented).
    facts = "上半年营收207.0亿元，经营利润24.1亿元，归母净利润17.6亿元，经营现金流35.2亿元。"
    write_article(tmp_path, "a.md", "海底捞国际上半年业绩", "2025-08-25", "海底捞国际公布，" + facts)
    write_article(tmp_path, "b.md", "海底捞国际业绩", "2025-08-25", "海底捞国际表示，" + facts)
    write_article(tmp_path, "c.md", "业绩要点", "2025-08-26",
                  facts + "员工人数达15.2万人，门店1363家，翻台率3.8次，人均消费97.5元，会员1.9亿人，新开门店25家，外卖订单3.1亿单。"
                  "外卖收入增长59.6%，主要来自与海底捞下饭菜相关的产品。")
    report = analyse([tmp_path])
    adopted = {m.fig.text: (m.entity, m.entity_how) for m in report.mentions if m.doc.path.endswith("c.md")}
    assert adopted["207.0亿元"] == ("haidilao", "figures") and adopted["59.6%"][0] == "haidilao"


def test_a_share_button_names_no_company(tmp_path):
    # A page's widget writes the brand in lower case; the list writes it capitalised (Facebook).
    write_article(tmp_path, "a.md", "新世界全年虧損收窄", "2025-09-26",
                  "分享工具 facebook\n\n新世界發展公布全年業績。全年股東應佔虧損約120億元。")
    assert [m.entity for m in analyse([tmp_path]).mentions] == ["new_world_development"]


def test_a_listed_name_cut_short_is_that_company_in_its_own_article_only(tmp_path):
    # 新世界 after 新世界發展 is New World Development in that article; in another article 新世界
    # cut short from 新世界百貨 (a department store) is that store, never the developer.
    write_article(tmp_path, "a.md", "地产商业绩", "2025-09-26",
                  "新世界發展公布全年業績。新世界（00017）全年核心經營溢利按年下跌12.9%。")
    write_article(tmp_path, "b.md", "百货业绩", "2025-09-26",
                  "新世界百貨公布全年業績。新世界（00825）全年核心經營溢利按年下跌12.9%。")
    report = analyse([tmp_path])
    entity = {m.doc.path[-4:]: m.entity for m in report.mentions}
    assert entity["a.md"] == "new_world_development" and entity["b.md"] != "new_world_development"
    assert ["12.9%", "12.9%"] not in _groups(report)


def test_a_country_inside_a_longer_name_is_that_names_word(tmp_path):
    # "Larkspur China" is a company of no list, not the country China with a stray word before it:
    # its figures are its own, and the headline's short form is the same company.
    write_article(tmp_path, "q.md", "Larkspur China Posts Third Quarter Results", "2025-11-04",
                  "SHANGHAI -- Larkspur China Holdings, Inc. reported revenue of $3.1 billion for the quarter. "
                  "Operating profit rose 8% to $410 million.\n\nSHANGHAI -- Larkspur China returned $400 million to "
                  "shareholders.", lang="en")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path / "q.md"]).mentions}
    assert ents["$3.1 billion"] == ents["$410 million"] == ents["$400 million"] == "larkspur china"


def test_a_basis_belongs_to_rates_and_an_unmarked_change_is_year_on_year(tmp_path):
    write_article(tmp_path, "r.md", "电池厂季报", "2025-10-20", "澄川能源第三季度营收410.5亿元，同比增长12.9%。")
    write_article(tmp_path, "s.md", "Battery maker", "2025-10-20",
                  "Chengchuan Energy said third-quarter revenue rose 12.9% to 41.05 billion yuan.", lang="en")
    report = analyse([tmp_path])
    scope = {(m.doc.lang, m.fig.text): m.scope for m in report.mentions}
    # The level takes no basis from the rate beside it; the English rate names none and is read
    # as year on year, so both rates have one scope and the amounts have none.
    assert scope[("zh", "410.5亿元")] == () and scope[("en", "41.05 billion yuan")] == ()
    assert scope[("zh", "12.9%")] == scope[("en", "12.9%")] == ("yoy",)


def test_a_period_stated_in_a_paragraph_holds_until_another_is_named(tmp_path):
    # The title is about the third quarter; the paragraph turns to the first nine months, and a
    # figure two sentences later with no period of its own is still of the nine months.
    write_article(tmp_path, "t.md", "Battery maker's third quarter", "2025-10-20",
                  "For January-September, Chengchuan Energy's revenue rose 9.3%. Net profit attributable to "
                  "shareholders climbed 36.2%. Excluding one-off items, net profit was 43.6 billion yuan.\n\n"
                  "Third-quarter revenue was 104.2 billion yuan.", lang="en")
    periods = {m.fig.text: m.period for m in analyse([tmp_path]).mentions}
    assert periods["9.3%"] == periods["36.2%"] == periods["43.6 billion yuan"] == "2025Q1-Q3"
    assert periods["104.2 billion yuan"] == "2025Q3"


def test_a_title_with_a_result_and_an_outlook_lends_no_period(tmp_path):
    # The title names last quarter's result and next quarter's outlook: a body figure with no
    # period of its own could be either, so it takes neither.
    write_article(tmp_path, "u.md", "澄川外卖上季转蚀90亿 料下季续亏", "2025-11-28",
                  "澄川外卖第三季收入500亿元，按年增长2%。\n\n核心业务经营亏损80亿元，配送收入120亿元。")
    periods = {m.fig.text: m.period for m in analyse([tmp_path]).mentions}
    assert periods["90亿"] == "2025Q3" and periods["500亿元"] == "2025Q3"
    assert periods["80亿元"] is None and periods["120亿元"] is None


@pytest.mark.parametrize("body, lang", [
    ("Shares of Lanting Foods rose 4% in Hong Kong, where Taiwan investors bought 2 million shares.", "en"),
    ("澄川能源股价在香港上涨4%，台湾投资者买入200万股。", None),
])
def test_a_country_or_region_is_no_company(tmp_path, body, lang):
    ents = _entities(tmp_path, body, lang=lang)
    assert not {"hong kong", "taiwan", "香港", "台湾"} & set(ents.values())


def test_an_acronym_is_a_name_even_when_the_word_is_common(tmp_path):
    ents = _entities(tmp_path, "Revenue at ARM rose 5% to $1.2 billion. The robot arm moved.", lang="en")
    assert ents["$1.2 billion"] == "arm"


def test_a_stated_language_is_read_as_zh_or_en(tmp_path):
    write_article(tmp_path, "v.md", "车企销量", "2025-11-03", "比亚迪十月销量44.1万辆。", lang="zh-Hant")
    write_article(tmp_path, "w.md", "Carmaker sales", "2025-11-03", "BYD sold 441,000 vehicles in October.",
                  lang="en-GB")
    assert {m.doc.lang for m in analyse([tmp_path]).mentions} == {"zh", "en"}


def test_an_amount_and_its_conversion_paragraphs_apart_are_one_fact(tmp_path):
    # The article gives the yuan amount in its lead and the dollar amount later, not in brackets:
    # both state one pledge, so both join the other article's mention of it.
    write_article(tmp_path, "u.md", "阿里云计划", "2025-02-24",
                  "阿里巴巴表示，未来三年将投入3800亿元建设云和AI基础设施。\n\n"
                  "分析人士认为，阿里巴巴的这笔约530亿美元投入将推动国内算力需求。")
    write_article(tmp_path, "v.md", "阿里巴巴投资", "2025-02-25", "阿里巴巴宣布，未来三年将投入3800亿元建设AI基础设施。")
    report = analyse([tmp_path])
    (group,) = [g for g in report.groups if g.linked and g.key[2] == "money"]
    assert sorted(m.fig.text for m in group.mentions) == ["3800亿元", "3800亿元", "约530亿美元"]


def test_a_value_an_article_repeats_is_one_rival(tmp_path):
    # The lead and the body both give 3800亿元: one fact said twice, so the figure is still the
    # only such figure in its article; a second, different amount makes two.
    write_article(tmp_path, "w.md", "阿里云计划", "2025-02-24",
                  "阿里巴巴表示，未来三年将投入3800亿元建设AI基础设施。\n\n这笔3800亿元投入超过过去十年的总和。")
    write_article(tmp_path, "x.md", "阿里云计划", "2025-02-24",
                  "阿里巴巴表示，未来三年将投入3800亿元建设AI基础设施。\n\n阿里巴巴去年投入了700亿元。")
    rivals = {(m.doc.path.rsplit("/", 1)[-1], m.fig.text): m.rivals for m in analyse([tmp_path]).mentions}
    assert rivals[("w.md", "3800亿元")] == 1
    assert rivals[("x.md", "3800亿元")] == 2


def test_a_total_is_no_rival_of_its_parts(tmp_path):
    # The company's revenue and its segments' are of one metric, but an editor never takes the
    # total for a part: the total is the only such figure; the parts are each other's rivals.
    write_article(tmp_path, "t.md", "澄湾科技季报", "2025-11-18",
                  "澄湾科技第三季度总收入为66.8亿元。会员服务收入为42.1亿元，在线广告服务收入为12.4亿元。")
    rivals = {m.fig.text: m.rivals for m in analyse([tmp_path]).mentions}
    assert rivals == {"66.8亿元": 1, "42.1亿元": 2, "12.4亿元": 2}


def test_an_adjusted_profit_is_not_the_statutory_one(tmp_path):
    # Non-GAAP and statutory profit of one quarter are two facts: an outlet that gives one and an
    # outlet that gives the other do not disagree. Two adjusted figures are one fact.
    write_article(tmp_path, "y.md", "Acme results", "2025-10-23",
                  "Acme Motors said its adjusted net income was $1.77 billion in the third quarter.", lang="en")
    write_article(tmp_path, "z.md", "艾克米业绩", "2025-10-23", "艾克米汽车（Acme Motors）第三季度净利润为13.7亿美元。")
    write_article(tmp_path, "za.md", "艾克米财报", "2025-10-23", "Acme Motors第三季度经调整净利润为17.7亿美元。")
    report = analyse([tmp_path])
    scopes = {m.fig.text: m.scope for m in report.mentions}
    assert scopes["$1.77 billion"] == scopes["17.7亿美元"] == ("adjusted",) and scopes["13.7亿美元"] == ()
    assert not [f for f in report.findings if f.rule == "XD001"]

def test_an_article_that_marks_one_profit_adjusted_states_the_other_as_statutory(tmp_path):
    # One article gives both: the unmarked profit and its growth are the statutory ones, and the
    # growth in the clause after an adjusted profit is the adjusted profit's (the metric implies
    # its basis). Another article's unmarked profit still links with the statutory figure; its
    # adjusted growth links with the adjusted one only.
    write_article(tmp_path, "a.md", "Qilin results", "2025-11-19",
                  "Qilin Mobile's net profit rose 130% to 12.3 billion yuan in the third quarter. "
                  "Adjusted net profit was 11.3 billion yuan, up 80.9%.", lang="en")
    write_article(tmp_path, "b.md", "麒麟业绩", "2025-11-19",
                  "麒麟移动（Qilin Mobile）第三季度经调整净利润为113亿元，同比增长80.9%。")
    write_article(tmp_path, "c.md", "Qilin profit", "2025-11-19",
                  "Qilin Mobile said its third-quarter net profit rose 130% to 12.3 billion yuan.", lang="en")
    report = analyse([tmp_path])
    scope = {(m.doc.path[-4:], m.fig.text): m.scope for m in report.mentions}
    assert scope[("a.md", "130%")] == ("statutory", "yoy") and scope[("a.md", "12.3 billion yuan")] == ("statutory",)
    assert scope[("a.md", "80.9%")] == ("adjusted", "yoy") and scope[("b.md", "80.9%")] == ("adjusted", "yoy")
    assert scope[("c.md", "130%")] == ("yoy",)
    groups = {(m.doc.path[-4:], m.fig.text): g.id for g in report.groups if g.linked for m in g.mentions}
    assert groups[("a.md", "130%")] == groups[("c.md", "130%")] != groups[("b.md", "80.9%")]
    assert groups[("a.md", "80.9%")] == groups[("b.md", "80.9%")]
    assert not [f for f in report.findings if f.rule == "XD001"]


def test_a_sentence_opening_on_its_accounting_basis_sets_its_figures_apart(tmp_path):
    # "Excluding non-recurring items, …" opens the sentence in a clause of its own: the profit
    # and its growth after it are off the statutory basis, though their clauses do not say so; a
    # year before the opening words does not end it. Revenue has no adjusted basis, and a figure
    # of another sentence takes nothing from it (the article telling the two apart, the plain
    # profit is the statutory one).
    write_article(tmp_path, "r.md", "Lumora results", "2025-10-21",
                  "Lumora Batteries reported profit of 12.1 billion yuan. Excluding non-recurring items, "
                  "net profit came in at 10.4 billion yuan, a 31.5% year-on-year rise. On an adjusted "
                  "basis, net profit rose 20%, and revenue grew 9%. In 2025, on an adjusted basis, "
                  "operating profit rose 25%.", lang="en")
    scopes = {m.fig.text: m.scope for m in analyse([tmp_path]).mentions}
    assert scopes["12.1 billion yuan"] == ("statutory",)
    assert scopes["10.4 billion yuan"] == ("recurring",)
    assert set(scopes["31.5%"]) == {"recurring", "yoy"}
    assert set(scopes["20%"]) == {"adjusted", "yoy"}
    assert scopes["9%"] == ("yoy",)
    assert set(scopes["25%"]) == {"adjusted", "yoy"}



@pytest.mark.parametrize("body, lang", [
    ("Brightwater Foods reported its quarter on Monday. Chief executive Dana Whitfield said revenue rose "
     "to $2.1 billion. Whitfield said profit reached $300 million.", "en"),
    ("澄川能源发布季报。澄川能源首席执行官柯文森表示，营收达到120亿元。柯文森表示，净利润为15亿元。", None),
    # the role after the name, in brackets, or past a comma and the company's possessive
    ("Brightwater Foods held its earnings call. Dana Whitfield (Founder and CEO) said revenue rose to $2.1 "
     "billion. Whitfield said profit reached $300 million.", "en"),
    ("Brightwater Foods reported its quarter on Monday. \"Revenue rose to $2.1 billion,\" said Dana Whitfield, "
     "Brightwater's chief executive. Whitfield said profit reached $300 million.", "en")])
def test_a_person_named_with_a_role_speaks_of_the_company(tmp_path, body, lang):
    # The chief executive is a person: the figures he speaks of are the company's, in the
    # sentence that names his role and where only his surname is left.
    ents = _entities(tmp_path, body, lang)
    assert set(ents.values()) == ({"brightwater foods"} if lang else {"澄川能源"})


def test_the_fast_pair_scorer_gives_what_the_levels_give(tmp_path):
    # link() scores candidate pairs inline (_scored_pairs) for speed; compare() and score() are the
    # definition. On the seed plus articles that exercise the daily, scope and period levels, both
    # must keep the same pairs with the same scores.
    from reconcile import linking
    write_article(tmp_path, "s.md", "Chip stocks", "2025-11-03", "Nvidia shares rose 4% on the news.", lang="en")
    write_article(tmp_path, "t.md", "Chip stocks", "2025-11-07", "Nvidia shares rose 3% on the news.", lang="en")
    write_article(tmp_path, "u.md", "Acme results", "2025-10-23",
                  "Acme Motors said its adjusted net income was $1.77 billion in the third quarter.", lang="en")
    write_article(tmp_path, "v.md", "艾克米业绩", "2025-10-23", "艾克米汽车（Acme Motors）第三季度净利润为13.7亿美元。")
    # the values beside a figure, with the company named beside some figures and inferred for others
    write_article(tmp_path, "w.md", "小米第三季度业绩", "2025-10-23", "小米发布财报。该公司第三季度营收为1131亿元，同比增长22%。")
    write_article(tmp_path, "x.md", "小米业绩", "2025-10-24", "小米集团第三季度营收为1131亿元，同比增长22%。")
    write_article(tmp_path, "y.md", "Xiaomi results", "2025-10-24", "Xiaomi said third-quarter revenue was 113.1 billion yuan.",
                  lang="en")
    write_article(tmp_path, "z.md", "Xiaomi results", "2025-10-25",
                  "Xiaomi said third-quarter revenue rose 22% to 113.1 billion yuan.", lang="en")
    # two companies that each name the other: one deal, or each one's own revenue
    for name, body in (("d1.md", "Zephyr Motors agreed to buy Nimbus Labs for $3.5 billion."),
                       ("d2.md", "Nimbus Labs agreed to a $3.5 billion takeover, Zephyr Motors said."),
                       ("r1.md", "Zephyr Motors had revenue of $3.5 billion in 2024, before it bought Nimbus Labs."),
                       ("r2.md", "Nimbus Labs had revenue of $3.5 billion in 2024, before Zephyr Motors bought it.")):
        write_article(tmp_path, name, "Deal", "2025-03-18", body, lang="en")
    # an amount no word names against the one figure of a named metric (alone=implied)
    write_article(tmp_path, "p1.md", "Plant plan", "2025-05-05",
                  "Larkspur Motors will invest $4.6 billion in a battery plant in Ohio, the company said.", lang="en")
    write_article(tmp_path, "p2.md", "Plant hiring", "2025-05-06",
                  "The $4.6 billion battery plant in Ohio of Larkspur Motors will hire 2,000 workers.", lang="en")
    # a slip's two sides that nearly link (another metric's run, as well, for the bare one)
    write_article(tmp_path, "n1.md", "Orvik Music results", "2025-11-12",
                  "Orvik Music said third-quarter revenue rose 21% to 8.46 billion yuan, while online music revenue "
                  "was 6.83 billion yuan and social entertainment revenue 1.63 billion yuan.", lang="en")
    write_article(tmp_path, "n2.md", "Orvik Music results", "2025-11-20",
                  "Orvik Music posted revenue of $8.46 billion for the quarter, the company said on Thursday.", lang="en")
    from reconcile.data.loader import data_dir
    mentions = analyse([data_dir("seeds"), tmp_path]).mentions
    w = linking.weights()
    # (the names as link() has them: aligned across the corpus)
    entries = linking._entries(mentions, linking.Aliases(mentions, linking.listed_entities(), align=True),
                               count_rivals=True)
    reference, implied = set(), set()
    for i, j in linking.candidate_pairs(entries, w):
        levels = linking.compare(entries[i], entries[j], w)
        if not linking._forbidden(levels) and linking.score(levels, w) >= w.threshold:
            reference.add((i, j, round(linking.score(levels, w), 9)))
            if levels["alone"] == "implied":
                implied.add((i, j))
    fast = {(i, j, round(-s, 9)) for s, i, j in linking._scored_pairs(entries, w)}
    assert fast == reference and len(reference) > 50 and implied
    # ... and, asked for them, the pairs that fall short by at most slip_margin and write the same
    # digits (a slip's two sides, for XD001), with the pairs that link unchanged
    near: dict = {}
    with_slips = {(i, j, round(-s, 9)) for s, i, j in linking._scored_pairs(entries, w, near)}
    near_reference = set()
    for i, j in linking.candidate_pairs(entries, w):
        levels = linking.compare(entries[i], entries[j], w)
        s = linking.score(levels, w)
        if not linking._forbidden(levels) and w.threshold - w.slip_margin <= s < w.threshold and \
                linking._digit_key(entries[i].m, w, near=True) is not None and \
                linking._digit_key(entries[i].m, w, near=True) == linking._digit_key(entries[j].m, w, near=True) and \
                linking._writes_digits(entries[i].m, entries[j].m, w):
            near_reference.add((i, j))
    assert with_slips == reference and set(near) == near_reference and near_reference


def test_a_block_the_window_cuts_is_gone_through_again_by_amount(tmp_path):
    # One company's figures form one block; in an archive it holds hundreds, and each is compared
    # only with the `window` after it in order of metric. One plan read as "investment" in one
    # article and as "capex" in the other sorts apart, other metrics between: the second pass, in
    # order of amount, puts the two side by side. Here the window is shrunk to one to show it.
    import dataclasses

    from reconcile import linking
    write_article(tmp_path, "a.md", "Depot plan", "2025-06-02",
                  "Quorra Freight will invest $2.4 billion in new depots, the company said.", lang="en")
    write_article(tmp_path, "b.md", "Depot plan", "2025-06-03",
                  "Quorra Freight said its capital expenditure on new depots would be $2.4 billion.", lang="en")
    write_article(tmp_path, "c.md", "Freight results", "2025-06-04",
                  "Quorra Freight had cash of $41 million. Quorra Freight had debt of $57 million. Quorra Freight "
                  "paid a dividend of $12 million. Quorra Freight had revenue of $93 million.", lang="en")
    mentions = analyse([tmp_path]).mentions

    def plan_linked(window: int, value_window: int) -> bool:
        w = dataclasses.replace(linking.weights(), window=window, value_window=value_window)
        return any(sorted(m.fig.text for m in g.mentions) == ["$2.4 billion", "$2.4 billion"]
                   for g in linking.link(mentions, w))

    assert plan_linked(100, 0) and not plan_linked(1, 0) and plan_linked(1, 1)
    # the fast scorer's second pass compares what candidate_pairs() gives
    w = dataclasses.replace(linking.weights(), window=1, value_window=1)
    entries = linking._entries(mentions, linking.Aliases(mentions, linking.listed_entities()), count_rivals=True)
    reference = {(i, j) for i, j in linking.candidate_pairs(entries, w)
                 if not linking._forbidden(lv := linking.compare(entries[i], entries[j], w))
                 and linking.score(lv, w) >= w.threshold}
    assert reference and {(i, j) for _, i, j in linking._scored_pairs(entries, w)} == reference


def test_a_deal_told_from_either_side_is_one_fact(tmp_path):
    # One article makes the investor the subject, the other the company invested in; each names
    # both. The two parties of one deal agree as an inferred company, not as a bystander.
    write_article(tmp_path, "da.md", "Chip deal", "2025-09-23",
                  "Brightwater Foods will invest $2 billion in Kestrel Farms, the companies said.", lang="en")
    write_article(tmp_path, "db.md", "Farm funding", "2025-09-23",
                  "Kestrel Farms will receive $2 billion from Brightwater Foods, the companies said.", lang="en")
    from reconcile import linking
    ms = {m.doc.path.rsplit("/", 1)[-1]: m for m in analyse([tmp_path]).mentions if m.fig.text == "$2 billion"}
    assert {ms["da.md"].entity, ms["db.md"].entity} == {"brightwater foods", "kestrel farms"}
    assert linking.Assessor().pair(ms["da.md"], ms["db.md"])[0]["entity"] == "same_inferred"


@pytest.mark.parametrize("first, second, other_day", [
    ("The shares fell 0.6% on Thursday.", "The shares dropped 6% on Friday.", True),
    ("The shares fell 0.6% on Thursday.", "The shares dropped 6% on Thursday.", False)])
def test_a_share_move_is_of_the_weekday_its_sentence_names(tmp_path, first, second, other_day):
    # Articles of the 30th (a Thursday) and the 31st: a day apart, yet a Thursday's fall and a
    # Friday's are two facts; two articles on Thursday's fall are one.
    write_article(tmp_path, "wa.md", "Carmaker shares", "2025-10-30", "Brightwater Motors said sales slowed. " + first,
                  lang="en")
    write_article(tmp_path, "wb.md", "Carmaker shares", "2025-10-31", "Brightwater Motors said sales slowed. " + second,
                  lang="en")
    report = analyse([tmp_path])
    a, b = (next(m for m in report.mentions if m.doc.path.endswith(n) and m.fig.unit == "percent")
            for n in ("wa.md", "wb.md"))
    assert a.metric == b.metric == "stock_move"
    from reconcile import linking
    assert (linking.Assessor().pair(a, b)[0]["period"] == "different") == other_day


@pytest.mark.parametrize("first, second, other_day", [
    # two accounts of a listing's first day, the second a week later: one day's fact
    ("Kestrel Robotics shares jumped 250% on their first day of trading.",
     "Kestrel Robotics shares had jumped 250% in their trading debut.", False),
    ("翠鸟机器人公司股价上市首日大涨250%。", "翠鸟机器人公司上市首日股价大涨250%。", False),
    # a first day's move and a move of "today" a week later: two days
    ("Kestrel Robotics shares jumped 250% on their first day of trading.",
     "Kestrel Robotics shares jumped 25% on the news.", True)])
def test_a_listings_first_day_is_one_day_whenever_it_is_reported(tmp_path, first, second, other_day):
    write_article(tmp_path, "la.md", "Robot maker lists", "2025-07-31", first, lang=None if first[0] > "~" else "en")
    write_article(tmp_path, "lb.md", "Robot maker lists", "2025-08-07", second, lang=None if second[0] > "~" else "en")
    report = analyse([tmp_path])
    a, b = (next(m for m in report.mentions if m.doc.path.endswith(n) and m.fig.unit == "percent")
            for n in ("la.md", "lb.md"))
    assert a.metric == b.metric == "stock_move"
    from reconcile import linking
    assert (linking.Assessor().pair(a, b)[0]["period"] == "different") == other_day


def test_a_range_is_an_estimate_not_the_result(tmp_path):
    # One article gives the quarter's revenue as the company had guided it (a range), the other
    # the revenue reported: two facts, however close, so the result above the range is no conflict.
    write_article(tmp_path, "ra.md", "Foundry quarter", "2025-07-17",
                  "Kestrel Semiconductor put third-quarter revenue at $32.2 billion to $33.4 billion.", lang="en")
    write_article(tmp_path, "rb.md", "Foundry quarter", "2025-10-16",
                  "Kestrel Semiconductor put third-quarter revenue at $33.6 billion.", lang="en")
    report = analyse([tmp_path])
    scopes = {m.fig.text: m.scope for m in report.mentions}
    assert scopes["$32.2 billion to $33.4 billion"] == ("outlook",) and scopes["$33.6 billion"] == ()
    assert not [f for f in report.findings if f.rule == "XD001"]


def test_the_values_beside_two_figures_link_them_across_languages(tmp_path):
    # Four segments of one quarter, each with its growth rate, in a Chinese and an English article:
    # no wording to compare, many figures of one metric in each, published weeks apart. The growth
    # rate beside each amount is the same in both, and so tells which amount is which segment's.
    segments = [("智能手机", "smartphone", "460亿元", "46.0 billion yuan", "下降3.1%", "down 3.1%"),
                ("互联网服务", "internet services", "94亿元", "9.4 billion yuan", "增长10.8%", "up 10.8%"),
                ("智能家电", "smart home appliance", "276亿元", "27.6 billion yuan", "增长5.6%", "up 5.6%"),
                ("汽车", "car", "290亿元", "29.0 billion yuan", "增长199%", "up 199%")]
    write_article(tmp_path, "a.md", "小米季报", "2025-11-18", "\n\n".join(
        f"小米第三季度{zh}收入为{a}，同比{g}。" for zh, _, a, _, g, _ in segments))
    write_article(tmp_path, "b.md", "Xiaomi quarter", "2026-01-10", "\n\n".join(
        f"Xiaomi said its {en} revenue was {b} in the quarter, {g}." for _, en, _, b, _, g in segments), lang="en")
    report = analyse([tmp_path])
    near = {m.fig.text: m.neighbours for m in report.mentions}
    assert near["460亿元"] == {"percent 3.1"} and near["46.0 billion yuan"] == {"percent 3.1"}
    groups = _groups(report)
    for _, _, a, b, _, _ in segments:
        assert [a, b] in groups
    assert not [f for f in report.findings if f.rule == "XD001"]


def test_figures_of_no_named_company_are_each_other_s_neighbours(tmp_path):
    # Sentences that name no company (the article's topic's figures): the values beside a figure
    # still tell which fact it is, in both languages.
    write_article(tmp_path, "a.md", "澄湾科技第三季度业绩", "2025-11-18",
                  "第三季度总收入为66.8亿元，同比下降8.2%。\n\n会员服务收入为42.1亿元，同比下降4.3%。")
    write_article(tmp_path, "b.md", "Clearbay Tech quarter", "2025-11-19",
                  "Total revenue was RMB6.68 billion, down 8.2% from a year earlier.", lang="en")
    near = {m.fig.text: m.neighbours for m in analyse([tmp_path]).mentions}
    assert near["66.8亿元"] == near["RMB6.68 billion"] == {"percent 8.2"}
    assert near["42.1亿元"] == {"percent 4.3"}


def test_another_company_s_figure_is_no_neighbour(tmp_path):
    # A sentence that lists several companies' spending: each figure's neighbours are its own
    # company's only, so the list does not tie one company's figure to another's.
    write_article(tmp_path, "a.md", "资本开支", "2025-11-01",
                  "亚马逊今年资本开支为1250亿美元，谷歌为910亿美元，微软上季度为349亿美元。")
    report = analyse([tmp_path])
    assert all(not m.neighbours for m in report.mentions)


@pytest.mark.parametrize("a, b, level", [
    ({"percent 21"}, {"percent 21", "CNY 3.6e+10"}, "shared"),
    ({"percent 21"}, {"percent 43"}, "none"),
    ({"percent 21"}, {"CNY 3.6e+10"}, "nothing"),
    (set(), {"percent 21"}, "nothing"),
])
def test_neighbour_levels(a, b, level):
    from reconcile.linking import _neighbours_level
    assert _neighbours_level(frozenset(a), frozenset(b)) == level


def test_a_per_share_word_does_not_name_a_figure_in_hundreds_of_millions(tmp_path):
    # 每股盈利 (EPS) is the nearest metric word after the profit figure, but an amount written in 亿
    # is never one share's: the figure takes 纯利, and the per-share amount takes EPS.
    write_article(tmp_path, "a.md", "电池季报", "2025-10-21", "宁德时代第三季纯利约185.5亿元，每股盈利4.1元。")
    metric = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metric == {"约185.5亿元": "profit", "4.1元": "eps"}


def test_profit_scoped_per_share_is_eps(tmp_path):
    # Taiwanese copy writes EPS as 每股纯益 or 每股税后纯益 (profit's words after 每股); English
    # gives it after the total: "net income of $2 billion, or $1.10 a share".
    write_article(tmp_path, "t.md", "晶片季报", "2025-10-17",
                  "华晶电子第三季税后纯益820亿元，每股税后纯益3.16元。")
    write_article(tmp_path, "e.md", "Chip results", "2025-10-17",
                  "Hua Jing Electronics reported net income of $2 billion, or $1.10 a share.", lang="en")
    metric = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metric == {"820亿元": "profit", "3.16元": "eps", "$2 billion": "profit", "$1.10": "eps"}


def test_a_change_at_constant_currency_is_not_the_reported_one(tmp_path):
    # An article that gives a change as reported and at constant exchange rates tells them apart:
    # another outlet's constant-currency figure is the bracketed one's fact, not the reported one's.
    write_article(tmp_path, "a.md", "Results", "2025-10-30",
                  "Orbis Software said cloud revenue rose 26% (25% in constant currency).", lang="en")
    write_article(tmp_path, "b.md", "业绩", "2025-10-30", "Orbis Software云业务收入按固定汇率计算增长25%。")
    report = analyse([tmp_path])
    scope = {(m.doc.path.rsplit("/", 1)[-1], m.fig.text): m.scope for m in report.mentions}
    assert scope == {("a.md", "26%"): ("reported", "yoy"), ("a.md", "25%"): ("constant_currency", "yoy"),
                     ("b.md", "25%"): ("constant_currency", "yoy")}
    assert _groups(report) == [["25%", "25%"]]


def test_a_change_on_a_basis_is_no_share_move(tmp_path):
    # 暴跌 is a word of share prices, but a fall measured against the year-ago quarter is the
    # profit's; a share's fall on the day keeps the share's metric.
    write_article(tmp_path, "b.md", "车企季报", "2025-10-31",
                  "远航汽车第三季归母净利较去年同期暴跌32.6%。消息公布后，远航汽车股价暴跌8%。")
    metric = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metric == {"32.6%": "net_profit_attributable", "8%": "stock_move"}


def test_a_range_in_two_spellings_of_one_unit_is_no_unit_slip(tmp_path):
    write_article(tmp_path, "a.md", "电力缺口", "2025-11-13", "摩根士丹利估计，燃料电池到2028年可提供5至15吉瓦。")
    write_article(tmp_path, "b.md", "电力缺口", "2025-11-13", "摩根士丹利估计，燃料电池到2028年可提供5-8GW。")
    report = analyse([tmp_path])
    a, b = (m for m in report.mentions if m.fig.kind == "power")
    assert likely_cause(a, b, 0.02)[0] == "range_bound"


def test_one_amount_under_two_currency_names_is_a_slip_not_a_conversion(tmp_path):
    # 100亿美元 and "€10 billion" are the same amount in two currencies: at the euro's rate they
    # would pass for a conversion, but a conversion changes the number. A currency slip.
    write_article(tmp_path, "a.md", "苹果投资", "2025-02-24", "苹果公司表示，将投资100亿美元设立先进制造基金。")
    write_article(tmp_path, "b.md", "Apple investment", "2025-02-24",
                  "Apple said it would invest €10 billion in an advanced manufacturing fund.", lang="en")
    (finding,) = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert finding.cause == "currency" and finding.severity == "error"


@pytest.mark.parametrize("slip_file", ["d.md", "0.md"])  # whichever article the run reads first
def test_a_currency_slip_within_the_rates_of_the_consensus_is_still_found(tmp_path, slip_file):
    # Most articles write 27.1亿美元; one writes $2.7 billion, another €2.7 billion. At the euro's rate
    # €2.7 billion is within tolerance of 27.1亿美元, but it is $2.7 billion's number under another
    # currency: a slip, found against that figure.
    bodies = {"a.md": ("港湾科技第三季度净利润为27.1亿美元。", None), "b.md": ("港湾科技第三季度净利润27.1亿美元。", None),
              "e.md": ("港湾科技第三季度净利润达27.1亿美元。", None),
              "f.md": ("Harbor Tech's net income was $2.71 billion in the third quarter.", "en"),
              "c.md": ("Harbor Tech's net income was $2.7 billion in the third quarter.", "en"),
              slip_file: ("Harbor Tech's net income was €2.7 billion in the third quarter.", "en")}
    for name, (body, lang) in bodies.items():
        write_article(tmp_path, name, "港湾科技业绩" if lang is None else "Harbor Tech results", "2025-10-30", body, lang=lang)
    findings = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert [({m.fig.text for m in f.mentions}, f.cause, f.severity) for f in findings] == \
        [({"€2.7 billion", "$2.7 billion"}, "currency", "error")]


def test_a_magnitude_word_miswritten_once_is_found_though_the_article_writes_it_right_elsewhere(tmp_path):
    # One article writes the valuation once as 3500万美元 (万 for 亿) and once right: not a tranche
    # and its whole (those are a tenth or a hundredth apart), a slip; the slip is the suspect.
    write_article(tmp_path, "a.md", "港湾智能估值", "2025-11-18",
                  "港湾智能新一轮融资后估值达3500万美元，投资方包括多家主权基金。\n\n"
                  "分析人士称，约3500亿美元的估值已超过多数上市公司。")
    write_article(tmp_path, "b.md", "港湾智能估值", "2025-11-18", "港湾智能新一轮融资后估值达3500亿美元，投资方包括多家主权基金。")
    findings = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert [(f.mentions[0].fig.text, f.cause, f.severity) for f in findings] == [("3500万美元", "magnitude", "error")]


def test_the_figure_most_articles_agree_on_is_never_the_suspect(tmp_path):
    # One of three articles that give 120亿元 also gives last year's 98亿元; a fourth gives 98亿元 for
    # this quarter: the fourth is the suspect, not the article that writes both.
    for name, body in (("a.md", "港湾科技第三季度营收120亿元，上年同期为98亿元。"), ("b.md", "港湾科技第三季度营收为120亿元。"),
                       ("c.md", "港湾科技第三季度营收达120亿元。"), ("d.md", "港湾科技第三季度营收98亿元。")):
        write_article(tmp_path, name, "港湾科技业绩", "2025-10-30", body)
    suspects = {f.mentions[0].doc.path.rsplit("/", 1)[-1] for f in analyse([tmp_path]).findings if f.rule == "XD001"}
    assert suspects == {"d.md"}


def test_a_title_is_no_evidence_for_its_own_opening_as_a_name(tmp_path):
    # The title's opening is a name when the body repeats it: 艾克米 (the body writes 艾克米汽车),
    # not the whole title 艾克米业绩, which the body never writes.
    write_article(tmp_path, "q.md", "艾克米业绩", "2025-10-24", "艾克米汽车第三季度营收为120亿美元。")
    (m,) = analyse([tmp_path / "q.md"]).mentions
    assert m.entity == name_id("艾克米")


def test_an_english_metric_word_is_read_in_the_plural_and_the_singular(tmp_path):
    # The lexicon lists "R&D expenditure" and "capital expenditures": either number reads.
    write_article(tmp_path, "e.md", "Results", "2025-11-18",
                  "Acme Motors said R&D expenditures were $2.35 billion. Its capital expenditure was $1 billion.",
                  lang="en")
    metric = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metric == {"$2.35 billion": "rd_expense", "$1 billion": "capex"}


def test_the_company_after_another_name_is_the_sentence_s_subject(tmp_path):
    # The investor is named nearest the figure, but "the company" stands between them: the
    # valuation is the sentence subject's. "It" would not do: it may be anyone's.
    write_article(tmp_path, "v.md", "Funding", "2025-09-02",
                  "Kestrel Robotics said Harbor Capital led a round that valued the company at $12 billion.", lang="en")
    (m,) = analyse([tmp_path / "v.md"]).mentions
    assert m.entity == name_id("Kestrel Robotics")


def test_this_company_is_the_article_s_topic_when_the_sentence_before_names_it(tmp_path):
    # The sentence before names two companies, the article's subject second: 这家公司 is the
    # subject of the article, not the first name of that sentence.
    write_article(tmp_path, "t.md", "Anthropic估值大涨", "2025-09-02",
                  "2021年，几位前OpenAI员工创立了Anthropic。四年后，这家公司的估值达到1835亿美元。")
    (m,) = [m for m in analyse([tmp_path / "t.md"]).mentions if m.fig.kind == "currency"]
    assert m.entity == "anthropic"


def test_a_list_item_s_label_is_no_company(tmp_path):
    # "- EV Triumph: $3.98 billion revenue": the label before the colon names a topic, not a company;
    # the figure stays the article's company's.
    write_article(tmp_path, "l.md", "Xiaomi quarter", "2025-11-18",
                  "Xiaomi reported its third quarter.\n\n- EV Triumph: $3.98 billion revenue\n"
                  "- **Network Expansion**: 209 service sites", lang="en")
    entity = {m.fig.text: m.entity for m in analyse([tmp_path / "l.md"]).mentions}
    assert entity["$3.98 billion"] == "xiaomi" and entity["209 service sites"] == "xiaomi"


def test_a_heading_run_into_its_text_after_a_dash_is_no_company(tmp_path):
    # A research summary on one line: "Core Outlook - The company …", "Rating Summary - …". The
    # headings before the dashes name sections; the figures are the company's the summary is about.
    write_article(tmp_path, "s.md", "Brightwell Foods third quarter", "2025-11-18",
                  "Main Viewpoint - The company reported revenue of 7.1 billion yuan. "
                  "Investment Rating - The note keeps a buy rating with a target price of 45 yuan.", lang="en")
    entity = {m.fig.text: m.entity for m in analyse([tmp_path / "s.md"]).mentions}
    assert set(entity.values()) == {"brightwell foods"}
    # a dash inside a sentence is no heading: the name before it stays a name
    write_article(tmp_path, "t.md", "Deal", "2025-11-18",
                  "The buyer is Harlow Mills - The firm will pay $2 billion.", lang="en")
    assert {m.entity for m in analyse([tmp_path / "t.md"]).mentions} == {"harlow mills"}
    # a company's name before a dash is no heading: its last word is no heading's
    write_article(tmp_path, "u.md", "Quarter", "2025-11-18",
                  "Brightwell Foods - Revenue rose 22% to 7.1 billion yuan in the third quarter.", lang="en")
    assert {m.entity for m in analyse([tmp_path / "u.md"]).mentions} == {"brightwell foods"}


@pytest.mark.parametrize("opening", ["领先的网络游戏公司腾讯", "网络游戏公司——腾讯", "网络游戏公司：腾讯"])
def test_a_description_ending_in_company_before_a_listed_name_is_no_company(tmp_path, opening):
    # "the online games company Tencent": 网络游戏公司 says what Tencent is; it is no company of its
    # own, and so never the article's topic that 公司 in the next sentence stands for.
    write_article(tmp_path, "d.md", "三季度业绩", "2025-11-13",
                  f"{opening}今日公布业绩。公司第三季度营收1928.7亿元。")
    assert {m.entity for m in analyse([tmp_path / "d.md"]).mentions} == {"tencent"}


def test_a_company_named_with_its_suffix_before_a_verb_stays_a_company(tmp_path):
    write_article(tmp_path, "d.md", "三季度业绩", "2025-11-13", "澄湾咖啡公司宣布第三季度营收152.9亿元。")
    assert {m.entity for m in analyse([tmp_path / "d.md"]).mentions} == {"澄湾咖啡"}


def test_a_chinese_heading_before_a_dash_and_a_verb_before_company_name_nobody(tmp_path):
    # A research summary with no headline: "业绩概览 - 公司…" opens with a heading, and "预计公司…"
    # is "(we) expect the company …": neither 业绩概览 nor 预计 is a company. The one company that
    # opens a sentence, further on, is what 公司 stands for.
    write_article(tmp_path, "s.md", "", "2025-11-18",
                  "业绩概览 - 公司第三季度营收1928.7亿元。预计公司全年营收达7500亿元。腾讯的付费用户达1.26亿。")
    assert {m.entity for m in analyse([tmp_path / "s.md"]).mentions} == {"tencent"}
    # a company's name opening a research note's title before a dash stays its name
    write_article(tmp_path, "n.md", "澄湾咖啡 - 三季报点评", "2025-11-18", "第三季度澄湾咖啡营收152.9亿元，公司门店数增至2.9万家。")
    assert {m.entity for m in analyse([tmp_path / "n.md"]).mentions} == {"澄湾咖啡"}


def test_two_currency_words_of_one_currency_are_no_unit_scale(tmp_path):
    # "160.10 billion RMB" against "16.01 billion yuan": RMB and yuan are one currency, so the
    # slip is the magnitude, not another unit scale.
    write_article(tmp_path, "a.md", "Quarter", "2025-11-28", "Acme Foods said its net loss was 160.10 billion RMB in the third quarter.", lang="en")
    write_article(tmp_path, "b.md", "Quarter", "2025-11-28", "Acme Foods said its net loss was 16.01 billion yuan in the third quarter.", lang="en")
    report = analyse([tmp_path])
    a, b = (m for m in report.mentions if m.fig.kind == "currency")
    assert likely_cause(a, b, 0.02)[0] == "magnitude"


@pytest.mark.parametrize("date, period", [("2025-11-18", "2025Q3"), ("2025-12-20", "2025Q4")])
def test_this_quarter_in_a_results_story_is_the_quarter_just_ended(tmp_path, date, period):
    # Published within two months of a quarter's end, 本季度 is the quarter the story reports;
    # later in the quarter it is the quarter under way.
    write_article(tmp_path, "q.md", "小米业绩", date, "小米表示，本季度经调整净利润为113亿元。")
    (m,) = analyse([tmp_path / "q.md"]).mentions
    assert m.period == period


@pytest.mark.parametrize("date, body, period", [
    ("2026-02-05", "澄湾半导体全年营业收入为86.4亿元。", "2025"),
    ("2026-05-20", "澄湾半导体全年营业收入为86.4亿元。", "2026"),
    ("2026-11-02", "澄湾半导体全年营业收入为86.4亿元。", "2026"),
    # guidance or a target in the first quarter is the year under way's
    ("2026-02-05", "澄湾半导体预计全年营业收入将达到103.7亿元。", "2026"),
    ("2026-03-30", "Zorvane Motors expects full-year revenue of $10.5 billion.", "2026"),
])
def test_a_full_year_without_a_year_is_the_one_just_reported_early_in_the_next(tmp_path, date, body, period):
    # 全年 with no year: in a story of the first quarter, the year that has just ended (annual results
    # come out then); from the second quarter on, the year under way (its target or its guidance).
    write_article(tmp_path, "y.md", "澄湾半导体业绩", date, body, lang="zh" if "澄湾" in body else "en")
    (m,) = analyse([tmp_path / "y.md"]).mentions
    assert m.period == period


@pytest.mark.parametrize("written", ["SK 海力士", "SK海力士"])
def test_a_listed_name_mixing_scripts_is_found_with_or_without_a_space(tmp_path, written):
    # Chinese copy often puts a space between a Latin word and the characters after it; the list
    # writes SK海力士 and the article "SK 海力士": one company, not SK Group and an unknown 海力士.
    write_article(tmp_path, "k.md", "存储芯片", "2026-01-29", f"{written}第四季度营业利润为19.2万亿韩元。")
    (m,) = analyse([tmp_path / "k.md"]).mentions
    assert m.entity == "sk_hynix"


def test_a_comparison_s_base_period_is_not_the_figure_s(tmp_path):
    # 较第二季 is what the margin is compared with; the figures are the third quarter's. And a
    # period after a later figure is that figure's: "up from $2.90 billion in Q2" dates the $2.90
    # billion, not the $3.98 billion before it.
    write_article(tmp_path, "a.md", "台积电", "2025-10-16",
                  "台积电第三季毛利率59.5%，较第二季上扬0.9个百分点，净利4523亿元，同比增加39.1%。")
    write_article(tmp_path, "b.md", "Xiaomi", "2025-11-18",
                  "In the third quarter, EVs brought in $3.98 billion in revenue, up from $2.90 billion in Q2.",
                  lang="en")
    period = {m.fig.text: m.period for m in analyse([tmp_path]).mentions}
    assert period == {"59.5%": "2025Q3", "0.9个百分点": "2025Q3", "4523亿元": "2025Q3", "39.1%": "2025Q3",
                      "$3.98 billion": "2025Q3", "$2.90 billion": "2025Q2"}


@pytest.mark.parametrize("name, text, periods", [
    # 第二季度的11%: 的 ties the second quarter to the 11%; the margin it rose to and the profit after
    # are the third quarter's, the one the article's opening names.
    ("澄湾半导体", "澄湾半导体第三季度业绩：营业利润率从第二季度的11%升至14%，净利润增至12亿美元。",
     {"11%": "2025Q2", "14%": "2025Q3", "12亿美元": "2025Q3"}),
    # 上年同期为29%: the margin a year earlier; 较上年同期增长15%: this year's growth against it.
    ("澄川科技", "澄川科技第三季度营收较上年同期增长15%。澄川科技第三季度毛利率为31%，上年同期为29%。",
     {"15%": "2025Q3", "31%": "2025Q3", "29%": "2024Q3"}),
])
def test_a_period_tied_to_one_figure_is_that_figure_s_alone(tmp_path, name, text, periods):
    write_article(tmp_path, "a.md", name, "2025-10-30", text)
    assert {m.fig.text: m.period for m in analyse([tmp_path]).mentions} == periods


def test_a_quarter_counted_in_a_row_is_not_the_figure_s_period(tmp_path):
    # 连续第二季下滑: the second quarter running, not the second quarter; the fall is the third's.
    write_article(tmp_path, "a.md", "比亚迪第三季度业绩", "2025-10-31", "比亚迪净利润同比下降32.6%，连续第二季下滑。")
    (m,) = analyse([tmp_path / "a.md"]).mentions
    assert m.period == "2025Q3"


@pytest.mark.parametrize("sentence", [
    "In the third quarter, Harbor Foods' sales rose 8.2% compared with the same quarter of 2024.",
    "In the third quarter, Harbor Foods' sales rose 8.2% from the same period in 2024.",
    "In the third quarter, Harbor Foods' margin rose to 8.2%, the highest since the first quarter of 2019.",
])
def test_the_period_a_change_is_measured_against_is_not_its_own(tmp_path, sentence):
    # "compared with the same quarter of 2024", "since the first quarter of 2019": the base of a
    # comparison; the rate is the third quarter's.
    write_article(tmp_path, "a.md", "Harbor Foods results", "2025-10-30", sentence, lang="en")
    periods = {m.fig.text: m.period for m in analyse([tmp_path / "a.md"]).mentions if m.fig.unit == "percent"}
    assert periods == {"8.2%": "2025Q3"}


def test_an_amount_stated_for_the_base_period_keeps_that_period(tmp_path):
    # An amount "in the same quarter of 2024" is that period's own figure, not this quarter's.
    write_article(tmp_path, "a.md", "Harbor Foods results", "2025-10-30",
                  "Harbor Foods' revenue was $5.2 billion in the third quarter, compared with $4.8 billion "
                  "in the same quarter of 2024.", lang="en")
    periods = {m.fig.text: m.period for m in analyse([tmp_path / "a.md"]).mentions if m.fig.unit == "USD"}
    assert periods["$5.2 billion"] == "2025Q3" and periods["$4.8 billion"] != "2025Q3"


@pytest.mark.parametrize("first, second, joins", [
    ("2025", "2025Q3", True),        # a period written loosely: the year for its quarter
    ("2025Q3", "2025Q3", True),
    ("2025Q2", "2025Q3", False),     # two quarters: two facts
    ("FY2026Q3", "2025Q3", False),   # fiscal against calendar: cannot be told one
    ("next:3y", "2028", True),       # "over the next three years" and "through 2028": one pledge, often
    ("next:3y", "next:5y", False),   # two spans from the article's date: two pledges
    ("next:3y", "2025Q3", False),    # a span and a quarter: not one pledge's two readings
])
def test_groups_join_across_nested_or_open_periods_only(first, second, joins):
    # A pair of figures links across a year and its quarter (at a cost); two forming groups
    # stated with those periods may then join too, as the pair would.
    from reconcile.linking import _Cluster
    a, b = _Cluster([0], periods={first}), _Cluster([1], periods={second})
    assert a.may_join(b) is joins and b.may_join(a) is joins


def test_amounts_too_far_apart_to_be_a_slip_do_not_share_a_group():
    # A warrant's exercise price ($0.01) and its target share price ($600) are about the same company
    # and metric; two amounts more than rules/linking.toml's far_apart times apart are two facts,
    # unless one could be the other mistyped, so grouping keeps them apart and each price's other
    # mentions can join its own group.
    from reconcile.linking import _Amounts, _far_apart

    def amounts(*pairs):
        return _Amounts(min(a for a, _ in pairs), max(a for a, _ in pairs), list(pairs))

    assert _far_apart(amounts((0.01, 0.01)), amounts((600.0, 600.0)), 2.0)
    assert _far_apart(amounts((0.01, 0.01), (0.011, 0.011)), amounts((0.012, 1.2), (600.0, 600.0)), 2.0)
    assert _far_apart(amounts((3e9, 3.0)), amounts((1e10, 10.0)), 2.0)
    assert not _far_apart(amounts((1.4e12, 1.4)), amounts((1.4e8, 1.4)), 2.0)      # the same digits: a slip
    assert not _far_apart(amounts((1.4e9, 1.4)), amounts((6.4e9, 6.4)), 2.0)       # one digit changed
    assert not _far_apart(amounts((2.831e9, 2831.0)), amounts((8.231e9, 8231.0)), 2.0)  # two swapped
    assert not _far_apart(amounts((5.7e10, 57.0)), amounts((3.51e10, 35.1)), 2.0)  # within the bound
    assert not _far_apart(amounts((0.01, 0.01)), None, 2.0)


def test_a_lower_bound_is_no_amount_to_be_far_from(tmp_path):
    # 突破千亿元 says "more than 100 billion": any larger figure may state the same fact. An upper
    # bound is its amount (高达1000亿 is at most 1000亿), and a range is not compared.
    from reconcile.linking import _amount
    write_article(tmp_path, "b.md", "营收", "2025-11-18",
                  "小米第三季度营收突破千亿元，达到1131亿元。另计划投入100亿至150亿美元，高达1000亿美元。")
    got = {m.fig.text: _amount(m) for m in analyse([tmp_path / "b.md"]).mentions}
    assert got["突破千亿元"] is None and got["1131亿元"] == ("CNY", 1.131e11, 1131.0)
    assert got["100亿至150亿美元"] is None and got["高达1000亿美元"] == ("USD", 1e11, 1000.0)


def test_a_slip_on_a_link_to_another_company_is_only_a_warning(tmp_path):
    # The same digits under another magnitude would be a slip, but the figure is another company's
    # (a partner named in the sentence): "possibly the same fact", a warning, not an error.
    write_article(tmp_path, "a.md", "Zephyr results", "2025-03-18", "Zephyr Motors said its revenue was $3.5 billion in 2024.", lang="en")
    write_article(tmp_path, "b.md", "Zephyr results", "2025-03-18", "Zephyr Motors reported 2024 revenue of $3.5 billion.", lang="en")
    write_article(tmp_path, "c.md", "Zephyr partner", "2025-03-19",
                  "Zephyr Motors named a supplier. Its chip partner Orion Systems booked $3.5 million in revenue in 2024.", lang="en")
    (finding,) = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert finding.severity == "warning" and "possibly" in finding.message


def test_a_warrant_s_two_prices_form_two_groups(tmp_path):
    body = "{} granted the fund a warrant for 160 million shares at {} each; the last tranche vests at a share price of {}."
    write_article(tmp_path, "a.md", "Warrant", "2025-10-06", body.format("Zephyr Motors", "$0.01", "$600"), lang="en")
    write_article(tmp_path, "b.md", "Warrant deal", "2025-10-06", body.format("Zephyr Motors", "1 cent", "$600"), lang="en")
    write_article(tmp_path, "c.md", "认股权证", "2025-10-07",
                  "Zephyr Motors向该基金发行认股权证，可按每股0.01美元认购1.6亿股，最后一批在股价达到600美元时归属。")
    groups = _groups(analyse([tmp_path]))
    prices = [g for g in groups if any("600" in t for t in g) or any("0.01" in t or "cent" in t for t in g)]
    assert prices and not any(any("600" in t for t in g) and any("0.01" in t or "cent" in t for t in g) for g in prices)


def test_annual_recurring_revenue_is_a_yearly_rate_of_revenue(tmp_path):
    # ARR names what the figure measures (a metric word is never a company's name), and it is a
    # yearly run rate: not the same fact as a year's revenue.
    write_article(tmp_path, "r.md", "云安全公司", "2025-03-19", "据报道，Wiz去年的ARR达到5亿美元。")
    (m,) = analyse([tmp_path / "r.md"]).mentions
    assert m.entity == name_id("Wiz") and m.metric == "revenue" and m.scope == ("per_year",)


@pytest.mark.parametrize("defined", ["operating cash flow (OCF)", "Operating Cash Flow (OCF)"])
def test_an_acronym_the_article_defines_for_a_term_is_no_company(tmp_path, defined):
    # The acronym stands for a metric's words, in lower case or capitalised: it is never the
    # company the later figures are about, and it names the metric wherever it is written.
    write_article(tmp_path, "c.md", "Results", "2025-10-30",
                  f"Brightwater Foods said {defined} came to $1.2 billion in the quarter. "
                  "OCF for the first nine months reached $3.1 billion.", lang="en")
    ms = {m.fig.text: m for m in analyse([tmp_path / "c.md"]).mentions}
    later = ms["$3.1 billion"]
    assert later.entity == name_id("Brightwater Foods") and later.metric == "operating_cash_flow"


def test_an_acronym_spelt_by_a_company_s_name_stays_a_name(tmp_path):
    from reconcile.extraction.names import acronyms
    text = "Abu Dhabi National Oil Company (ADNOC) and large language models (LLMs), mergers and acquisitions (M&A)."
    found = {(a.acronym, text[a.start:a.end], a.lower) for a in acronyms(text)}
    assert found == {("ADNOC", "Abu Dhabi National Oil Company", False),
                     ("LLM", "large language models", True), ("M&A", "mergers and acquisitions", True)}
    # initials that do not spell it, or a comma inside: no definition
    assert acronyms("revenue rose, interest income (NII)") == []


def test_a_bank_s_returns_and_capital_ratios_are_each_their_own(tmp_path):
    write_article(tmp_path, "a.md", "Results", "2025-10-14",
                  "Harbor Bank's return on equity was 17% and its return on tangible common equity 20%.", lang="en")
    write_article(tmp_path, "b.md", "业绩", "2025-10-14", "港湾银行核心一级资本充足率为14.2%，资本充足率为17.9%。")
    metrics = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert (metrics["17%"], metrics["20%"]) == ("return_on_equity", "return_on_tangible_equity")
    assert (metrics["14.2%"], metrics["17.9%"]) == ("cet1_ratio", "capital_ratio")


@pytest.mark.parametrize("body, metric", [
    ("Harbor Bank said net interest income came to $2.4 billion.", "net_interest_income"),
    ("Harbor Bank's net interest margin narrowed to 1.8%.", "net_interest_margin"),
    ("Harbor Bank set aside $410 million in provisions for credit losses.", "credit_provisions"),
    ("Harbor Bank's CET1 ratio stood at 14.2%.", "cet1_ratio"),
    ("Harbor Bank's return on equity was 11%.", "return_on_equity"),
    ("港湾银行前三季度净利息收入为520亿元。", "net_interest_income"),
    ("港湾银行净息差为1.6%。", "net_interest_margin"),
    # an insurer's investment income and yield, a purchase's price, a project's budget
    ("Harbor Life said total investment income came to 368.5 billion yuan.", "investment_income"),
    ("港湾人寿前三季度总投资收益为3685亿元。", "investment_income"),
    ("港湾人寿总投资收益率为6.42%。", "investment_yield"),
    # Hong Kong's 收益 is revenue; a return's rate and EPS written with 收益 are not
    ("港湾珠宝中期收益减少至389.86亿港元。", "revenue"),
    ("港湾基金的年化收益率为5.2%。", "return_rate"),
    ("港湾科技每股摊薄收益为2.87美元。", "eps"),
    # operating profit as Hong Kong (經營溢利) and Taiwan (營運獲利) write it, and 运营利润
    ("港湾珠宝經營溢利增加至68.23億元。", "operating_profit"),
    ("港湾记忆体2025年營運獲利達到47.2兆韓元。", "operating_profit"),
    ("港湾咖啡GAAP运营利润为17.77亿元。", "operating_profit"),
    # ... and Taiwan's and Hong Kong's words for a net loss, an operating loss and margin, a dividend
    ("港湾面板第三季稅後淨損12.5億元。", "net_loss"),
    ("港湾面板第三季營運虧損8.3億元。", "operating_loss"),
    ("港湾珠宝經營溢利率為17.5%。", "operating_margin"),
    ("港湾电子董事会决议配发股利每股5元。", "dividend"),
    # ... and not for the other lines and rates that write 收益 or 股利
    ("港湾控股上半年其他收益为3.1亿元。", "other_gains"),
    ("港湾电子本期净损益为-5亿元。", "profit"),
    ("港湾银行总资产收益率为1.3%。", "return_on_assets"),
    ("美国10年期国债收益率升至4.5%。", "bond_yield"),
    ("港湾电子股利支付率为50%。", "payout_ratio"),
    ("Harbor Foods announced the $470 million purchase of a bakery chain.", "deal_value"),
    ("For $470 million, Harbor Foods is taking over a bakery chain.", "deal_value"),
    ("港湾运河工程概算约727亿元。", "investment"),
    # a French group's IFRS name for its operating profit
    ("Maison Harbor said profit from recurring operations fell to €9.0 billion.", "operating_profit"),
    # the orders a quarter brought in, not one contract's value nor the backlog
    ("Harbor Litho's net bookings were €5.4 billion in the quarter.", "bookings"),
    ("港湾光刻第三季度新签订单54亿欧元。", "bookings"),
    ("港湾光刻获得一笔54亿欧元的订单。", "deal_value"),
    # how long a road or a bridge is
    ("The Harbor expressway spans 324.7 kilometers.", "route_length"),
    ("港湾高速公路全长324.7公里。", "route_length"),
    # a new listing's first-day move and its issue price
    ("Harbor Foods closed 34.1% higher on its first day of trading.", "stock_move"),
    ("港湾食品暗盘涨34.1%。", "stock_move"),
    ("The stock rose well above its HK$94.60 issue price.", "offer_price"),
    # a yearly rate of money takes the metric its amount would
    ("Harbor Labs' diagnostics sales will reach $12.4 billion annually.", "revenue"),
    ("港湾实验室诊断业务的销售额为每年86亿美元。", "revenue"),
    # a pledge told by its verb in any form, and a project's total cost
    ("Harbor Cloud is committing up to $12.4 billion to new data centres.", "investment"),
    ("The plant's estimated cost will rise to $12.4 billion.", "investment"),
    # what a company pays to end a lawsuit, and what a regulator fines it: two kinds of case amount
    ("Harbor Labs agreed to a $1.2 billion settlement with the writers.", "settlement"),
    ("港湾实验室与作家达成12亿美元和解。", "settlement"),
    ("Harbor Labs will pay $1.2 billion to settle the writers' claims.", "settlement"),
    ("The regulator fined Harbor Labs €400 million.", "fine"),
    ("港湾实验室被处以4亿欧元罚款。", "fine"),
])
def test_results_have_their_own_metrics(tmp_path, body, metric):
    # A bank's interest income, margin, provisions and capital are not its revenue, profit or losses;
    # nor is an insurer's investment income its revenue.
    write_article(tmp_path, "b.md", "Results", "2025-10-30", body, lang="en" if body.isascii() else None)
    (m,) = [m for m in analyse([tmp_path / "b.md"]).mentions if m.fig.kind in ("currency", "percent", "length", "rate")]
    assert m.metric == metric
    if m.fig.kind == "rate":
        assert m.fig.unit == "USD/year"


def test_a_settlement_links_across_languages_and_a_slip_in_it_is_caught(tmp_path):
    # The sum a company pays to end a suit, written in two languages, beside a per-claim amount
    # and a count of claims: one fact each, and a magnitude slipped into the total is reported.
    en = ("Harbor Labs agreed to pay $1.2 billion to settle a lawsuit brought by writers, about "
          "$2,500 for each of some 480,000 works.")
    zh = "港湾实验室（Harbor Labs）同意支付12亿美元与作家达成和解，约48万部作品每部获赔约2500美元。"
    for folder, total in (("ok", "12亿美元"), ("slip", "12万美元")):
        (tmp_path / folder).mkdir()
        write_article(tmp_path / folder, "a.md", "Settlement", "2025-09-05", en, lang="en")
        write_article(tmp_path / folder, "b.md", "和解", "2025-09-06", zh.replace("12亿美元", total))
    clean = analyse([tmp_path / "ok"])
    assert ["$1.2 billion", "12亿美元"] in [sorted(g) for g in _groups(clean)]
    assert not [f for f in clean.findings if f.rule == "XD001"]
    (slip,) = [f for f in analyse([tmp_path / "slip"]).findings if f.rule == "XD001"]
    assert slip.severity == "error" and slip.cause == "magnitude"


@pytest.mark.parametrize("body", [
    "Harbor Labs spent $40 million on fine-tuning its models.",
    "Harbor Chem will sell its fine chemicals unit for $800 million.",
    "Brent crude settled at $82.40 a barrel on Friday.",
    "Cross-border RMB settlement volume rose to $1.2 trillion.",
    "The loan carries a penalty rate on its $500 million balance.",
])
def test_market_and_trade_words_name_no_settlement_or_fine(tmp_path, body):
    # A price that settles, a payment system's settlement, fine-tuning and a penalty rate: no case's amount.
    write_article(tmp_path, "b.md", "Markets", "2025-10-30", body, lang="en")
    (m,) = [m for m in analyse([tmp_path / "b.md"]).mentions if m.fig.kind == "currency"]
    assert m.metric not in ("settlement", "fine")


@pytest.mark.parametrize("body, metric", [
    # words of a deal, a route or a listing that name no such figure where they stand
    ("Total cost of revenue was $5.1 billion in the quarter.", "cost_of_revenue"),
    ("Harbor Foods booked $200 million of merger-related costs.", "deal_costs"),
    ("Harbor Foods expects $500 million in annual cost savings from the merger.", "synergies"),
    ("港湾汽车新车续航里程为700公里。", None),
    ("港湾电气中标海上风电项目，订单金额约12亿元。", "deal_value"),
    ("港湾食品公开发售首日超额认购120%。", None),
])
def test_words_near_a_figure_that_name_another_metric(tmp_path, body, metric):
    write_article(tmp_path, "b.md", "Results", "2025-10-30", body, lang="en" if body.isascii() else None)
    (m,) = [m for m in analyse([tmp_path / "b.md"]).mentions if m.fig.kind in ("currency", "percent", "length")]
    assert m.metric == metric


@pytest.mark.parametrize("body, metric", [
    # cash as the form of a payment: what the buyer pays, whichever side of the amount the verb stands
    ("Harbor Foods agreed to acquire Tidewater Brands for $12.4 billion in cash and stock.", "deal_value"),
    ("港湾食品将以现金86亿美元收购潮汐品牌。", "deal_value"),
    ("港湾食品以86亿美元现金加股票买下潮汐品牌。", "deal_value"),
    ("港湾食品将以86亿美元的现金，收购潮汐品牌。", "deal_value"),  # the means, a comma, the verb
    # the verb, a clause that describes the company bought, then the price
    ("Harbor Foods will acquire Tidewater, a maker of frozen snacks and sauces, for $12.4 billion in cash.",
     "deal_value"),
    # ... but a price in another clause prices nothing held in this one, nor does a "for" that opens a
    # period, nor 以 after a verb of buying in an earlier clause
    ("Harbor Foods bought a plant for $2 billion, and it ended the quarter with $12.4 billion in cash.", "cash"),
    ("Harbor Foods, which agreed in June to acquire Tidewater, said that for the third quarter it held "
     "$12.4 billion in cash.", "cash"),
    ("港湾食品收购潮汐品牌后，以现金持有86亿美元。", "cash"),
    # ... and what the seller is paid
    ("Harbor Foods agreed to sell its snacks business to Tidewater Brands for $12.4 billion in cash.", "deal_value"),
    ("Harbor Foods closed the sale of its snacks unit to Tidewater Brands for $12.4 billion in cash.", "deal_value"),
    ("港湾食品同意以86亿美元现金将其零食业务出售给潮汐品牌。", "deal_value"),
    ("Harbor Foods sold a plant and ended the quarter with $12.4 billion in cash.", "cash"),
    ("港湾食品出售资产后持有现金86亿美元。", "cash"),  # a sale with no buyer named: cash held after it
    # cash held, whatever is bought elsewhere in the sentence
    ("Harbor Foods ended the quarter with $12.4 billion in cash.", "cash"),
    ("截至9月底，港湾食品持有现金86亿美元。", "cash"),
    ("Harbor Foods bought back $2 billion of shares and ended the quarter with $12.4 billion in cash.", "cash"),
    ("Harbor Foods completed the purchase of a plant last year and now has $12.4 billion of cash.", "cash"),
    ("港湾食品账上现金86亿美元，足以支持其未来收购。", "cash"),
    # a merger's value is the deal's, written before or after the word
    ("Harbor Foods and Tidewater Brands closed their $12.4 billion merger on Monday.", "deal_value"),
    ("港湾食品与潮汐品牌完成86亿美元的合并交易。", "deal_value"),
])
def test_cash_paid_for_a_company_is_the_deal_value(tmp_path, body, metric):
    write_article(tmp_path, "c.md", "Deal", "2025-10-30", body, lang="en" if body.isascii() else None)
    (m,) = [m for m in analyse([tmp_path / "c.md"]).mentions if m.fig.text.startswith(("$12.4", "86亿"))]
    assert m.metric == metric


@pytest.mark.parametrize("body, unit", [
    ("台積電9日公布第3季營收達到9,899.18億元，創新高。", "TWD"),     # Taiwanese copy names no currency
    ("港交所前三季度收入為177.45億元。", "HKD"),
    ("台積電第3季營收9,899.18億元，另一家公司營收人民幣50億元。", "CNY"),  # the article writes yuan by name
    ("台積電南京廠營收9,899.18億元（人民幣，下同）。", "CNY"),          # ... or declares it
    ("台积电第3季营收9,899.18亿元。", "CNY"),                        # simplified script: mainland copy
    ("宏達科技第三季營收9,899.18億元。", "CNY"),                        # a company of no such currency
])
def test_a_bare_yuan_is_in_the_currency_its_company_reports_in(tmp_path, body, unit):
    write_article(tmp_path, "t.md", "财报", "2025-10-09", body)
    m = next(m for m in analyse([tmp_path / "t.md"]).mentions if "9,899.18" in m.fig.text or "177.45" in m.fig.text)
    assert m.fig.unit == m.record["unit"] == unit
    assert ("currency_of_company" in m.record["flags"]) == (unit != "CNY")


@pytest.mark.parametrize("body, units", [
    # nothing in the text says which ¥: the company reports in yen, so every ¥ of the article is yen
    ("Sony lifted its operating profit forecast to ¥1.3 trillion; music earned ¥110 billion.", ["JPY", "JPY"]),
    # Chinese copy writes ¥ for the yuan (CLDR) and 日元 for the yen; so does a text naming other yuan
    ("丰田bZ3X在华售价降至￥10.98万起。", ["CNY"]),
    ("Sony's China unit made ¥2 billion; its other arm made 3 billion yuan.", ["CNY", "CNY"]),
    # a company with no such currency: as the sign reads
    ("Harbor Foods made ¥8.1 billion in profit.", ["CNY"]),
    # an article on a yen company and one on a yuan company at once: the sign stays as read
    ("Sony made ¥110 billion and Alibaba ¥30 billion.", ["CNY", "CNY"]),
    # a bare 元 is never the yen, whatever the company's currency
    ("索尼第二季度營收為2,000億元。", ["CNY"]),
])
def test_an_unsettled_currency_sign_takes_the_currency_of_its_company(tmp_path, body, units):
    write_article(tmp_path, "s.md", "Results", "2025-11-11", body, lang="en" if body.isascii() else None)
    mentions = [m for m in analyse([tmp_path / "s.md"]).mentions if m.fig.kind == "currency"]
    assert [m.fig.unit for m in mentions] == [m.record["unit"] for m in mentions] == units
    assert all("sign_as_read" not in m.record["flags"] for m in mentions)  # a transient flag, never output


def test_a_conversion_into_yuan_stays_yuan(tmp_path):
    write_article(tmp_path, "t.md", "投資", "2025-10-09", "台積電宣布在美國追加投資1000億美元（約合7100億元）。")
    m = next(m for m in analyse([tmp_path / "t.md"]).mentions if "7100" in m.fig.text)
    assert m.fig.unit == "CNY" and m.restates


def test_a_listed_chinese_name_inside_a_longer_one_is_not_that_company(tmp_path):
    # 思科 (Cisco) is written inside 蓝思科技, whose 科技 opens on 思科's last character: the figure
    # is the longer name's, not Cisco's; 思科 on its own is still Cisco.
    ents = _entities(tmp_path, "蓝思科技上半年营收320亿元。")
    assert ents["320亿元"] == name_id("蓝思科技")
    assert _entities(tmp_path, "思科上半年营收320亿美元。")["320亿美元"] == "cisco"


def test_an_anonymous_article_counts_two_names_of_one_company_as_one(tmp_path):
    # One article gives CNOOC the three facts, another gives them to an unknown Chinese name the
    # figures align with CNOOC: the note that names nobody is still CNOOC's, not a tie.
    facts = "营业收入1049.0亿元，归母净利润324.4亿元，资本开支436.8亿元"
    write_article(tmp_path, "a.md", "中国海油三季报", "2025-10-30", "中国海油第三季度" + facts + "。")
    write_article(tmp_path, "b.md", "蓝海油气集团三季报", "2025-10-30", "蓝海油气集团第三季度" + facts + "。")
    write_article(tmp_path, "c.md", "研报", "2025-11-02", "公司第三季度" + facts + "，符合预期。")
    ms = [m for m in analyse([tmp_path]).mentions if m.doc.file.path.endswith("c.md")]
    assert ms and all(m.entity == "cnooc" for m in ms)


@pytest.mark.parametrize("shared, adopted", [(3, True), (2, True), (1, False)])
def test_an_article_naming_no_company_is_about_the_one_whose_figures_it_writes(tmp_path, shared, adopted):
    # A broker's note says only 公司; its telling figures are the ones another article gives CNOOC.
    facts = ["营业收入1049.0亿元", "归母净利润324.4亿元", "资本开支436.8亿元"]
    write_article(tmp_path, "a.md", "中国海油三季报", "2025-10-30",
                  "中国海油第三季度" + "，".join(facts) + "。")
    write_article(tmp_path, "b.md", "研报", "2025-11-02", "公司第三季度" + "，".join(facts[:shared]) + "，符合预期。")
    ms = [m for m in analyse([tmp_path]).mentions if m.doc.file.path.endswith("b.md")]
    assert ms and all((m.entity == "cnooc") == adopted for m in ms)
    assert all((m.entity_how == "figures") == adopted for m in ms)


@pytest.mark.parametrize("opening, shared, entity, how", [
    ("英伟达芯片带动需求。", 3, "cnooc", "figures"),  # a supplier opens the summary: the figures say CNOOC
    ("英伟达芯片带动需求。", 2, "nvidia", "topic"),  # ... on two facts only, the topic stays
    ("中国海油业绩速评。", 3, "cnooc", "topic"),  # the topic the figures confirm stays as it was read
])
def test_an_article_whose_topic_owns_no_figure_of_its_own_is_about_the_company_its_figures_are(
        tmp_path, opening, shared, entity, how):
    # A summary opens on a supplier (英伟达, listed) and never names the company whose figures
    # another article gives CNOOC: the topic gives way to the company, on as many facts as a name needs.
    facts = ["营业收入1049.0亿元", "归母净利润324.4亿元", "资本开支436.8亿元"]
    write_article(tmp_path, "a.md", "中国海油三季报", "2025-10-30", "中国海油第三季度" + "，".join(facts) + "。")
    write_article(tmp_path, "b.md", "速评", "2025-11-02", opening + "\n\n第三季度" + "，".join(facts[:shared]) + "，符合预期。")
    ms = [m for m in analyse([tmp_path]).mentions if m.doc.file.path.endswith("b.md")]
    assert ms and all((m.entity, m.entity_how) == (entity, how) for m in ms)


@pytest.mark.parametrize("second_article, aligned", [(False, True), (True, False)])
def test_a_name_one_article_writes_is_the_company_whose_figures_it_has(tmp_path, second_article, aligned):
    # "Harbor Desk" stands for CNOOC in the one article that writes it (its three telling figures
    # are CNOOC's); a name two articles write is a company of its own.
    from reconcile import linking as L
    write_article(tmp_path, "a.md", "中国海油三季报", "2025-10-30",
                  "中国海油第三季度营业收入1049.0亿元，归母净利润324.4亿元，资本开支436.8亿元。")
    write_article(tmp_path, "b.md", "Notes", "2025-11-02", "Harbor Desk said revenue was 104.90 billion yuan, "
                  "net profit attributable 32.44 billion yuan and capital expenditure 43.68 billion yuan.", lang="en")
    if second_article:
        write_article(tmp_path, "c.md", "Notes", "2025-11-03", "Harbor Desk said its own revenue was $3 million.",
                      lang="en")
    report = analyse([tmp_path])
    aliases = L.Aliases(report.mentions, L.listed_entities(), align=True)
    assert (aliases(name_id("Harbor Desk")) == "cnooc") == aligned


def test_a_name_that_several_articles_confirm_outweighs_a_rival_one_article_gives(tmp_path):
    # "Harbor Desk" is a word of one article's own, whose figures are CNOOC's in two articles and
    # Sinopec's in one that names Sinopec by mistake: as many facts each, but twice the
    # articles for CNOOC, so Harbor Desk is CNOOC.
    from reconcile import linking as L
    facts = "营业收入1049.0亿元，归母净利润324.4亿元，资本开支436.8亿元"
    write_article(tmp_path, "a.md", "中国海油三季报", "2025-10-30", "中国海油第三季度" + facts + "。")
    write_article(tmp_path, "b.md", "中海油业绩", "2025-10-31", "中国海油公布三季报，" + facts + "。")
    write_article(tmp_path, "c.md", "油企季报", "2025-10-31", "中国石化第三季度" + facts + "。")
    write_article(tmp_path, "d.md", "Notes", "2025-11-02", "Harbor Desk said revenue was 104.90 billion yuan, "
                  "net profit attributable 32.44 billion yuan and capital expenditure 43.68 billion yuan.", lang="en")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions if m.doc.file.path.endswith("c.md")} == {"sinopec"}
    aliases = L.Aliases(report.mentions, L.listed_entities(), align=True)
    assert aliases(name_id("Harbor Desk")) == "cnooc"


@pytest.mark.parametrize("body, lang, company", [
    ("Nvidia said Blackwell revenue reached $11 billion in the quarter.", "en", "nvidia"),
    ("Amazon said AWS sales grew 20% to $33 billion.", "en", "amazon"),
    ("泡泡玛特表示，Labubu系列收入达到48.1亿元。", None, "pop_mart"),
    # a product named with its company's name is that company's, whatever the article is about
    ("Microsoft grew. By comparison, Google Cloud revenue rose to $15.16 billion.", "en", "google"),
    ("腾讯增长。阿里云营收同比增长至398.2亿元。", None, "alibaba"),
    # a capitalised word after a product's name makes a longer name: a company of its own
    ("Android Industries said sales rose to $1.2 billion.", "en", name_id("Android Industries")),
])
def test_a_product_is_never_the_company_a_figure_is_about(tmp_path, body, lang, company):
    (m,) = [m for m in analyse([write_article(tmp_path, "p.md", "Results", "2025-11-20", body, lang=lang)]).mentions
            if m.fig.kind == "currency"]
    assert m.entity == company


@pytest.mark.parametrize("body, company", [
    # No headline; a university opens three sentences, the company two: the article is still the
    # company's, and the figure that names neither is its.
    ("Tenbridge University taught all four founders. Tenbridge University is in Boston. "
     "Tenbridge University gave them a lab. Anthropic raised money this week. "
     "Anthropic is growing fast. The round was worth $13 billion.", "anthropic"),
    # NASA ends in "SA" (BRAG in "AG") but has no corporate suffix: it weighs as a name no list
    # knows, and the article about Orvane Labs, named first, stays Orvane Labs'.
    ("Orvane Labs builds rockets. NASA picked it for a lunar lander. Orvane Labs will fly in 2027. "
     "NASA said the lander was ready.\n\nThe contract is worth $120 million.", "orvane labs"),
])
def test_an_untitled_article_is_about_a_listed_company_before_an_unknown_name(tmp_path, body, company):
    (tmp_path / "u.md").write_text("---\ndate: 2025-11-14\nlang: en\n---\n\n" + body + "\n", encoding="utf-8")
    (m,) = [m for m in analyse([tmp_path / "u.md"]).mentions if m.fig.kind == "currency"]
    assert m.entity == company


def test_the_company_that_owns_the_figure_s_noun_after_it(tmp_path):
    # "most of the $350 billion annual revenue at Alphabet": the revenue is Alphabet's, though the
    # clause named another company first.
    write_article(tmp_path, "o.md", "Deal", "2025-03-19",
                  "Microsoft said the unit would stay apart from the ad business behind most of the $350 "
                  "billion annual revenue at Alphabet.", lang="en")
    (m,) = analyse([tmp_path / "o.md"]).mentions
    assert m.entity == "google"


@pytest.mark.parametrize("body, metric", [
    ("Harlow Robotics agreed to acquire Fenwick Labs, valuing the startup at $2.4 billion.", "deal_value"),
    ("哈洛机器人宣布收购芬威克实验室，对其估值24亿美元。", "deal_value"),
    ("Fenwick Labs raised money at a valuation of $2.4 billion.", "valuation"),   # no buyer: a round's
    ("After it acquired Lumen, Fenwick Labs raised money at a $2.4 billion valuation.", "valuation"),
    ("Morgan Stanley kept its Buy rating on Fenwick Labs, valuing it at $2.4 billion.", "valuation"),
    ("Its customer acquisition cost fell, and Fenwick Labs is valued at $2.4 billion.", "valuation"),
])
def test_a_valuation_in_a_sentence_about_a_purchase_is_the_price(tmp_path, body, metric):
    write_article(tmp_path, "d.md", "Deal", "2025-10-16", body, lang="en" if body.isascii() else None)
    (m,) = [m for m in analyse([tmp_path / "d.md"]).mentions if m.fig.kind == "currency"]
    assert m.metric == metric


def test_an_abbreviated_approximately_restates_a_figure_in_brackets(tmp_path):
    write_article(tmp_path, "c.md", "Capex", "2025-12-01",
                  "Zephyr Cloud will raise its capex to CNY160 billion (approx. US$22.70 billion) in 2026.", lang="en")
    ms = {m.fig.text: m for m in analyse([tmp_path / "c.md"]).mentions}
    dollars = ms["approx. US$22.70 billion"]
    assert dollars.metric == "capex" and dollars.restates == ms["CNY160 billion"].id and dollars.fig.qualifier == "approx."


@pytest.mark.parametrize("body, lang, metric", [
    ("宏达科技第三季大赚452亿元。", "zh", "profit"),               # Taiwanese copy: "earned big"
    ("宏达科技第三季先进制程营收比重达23%。", "zh", "revenue_share"),
    ("宏達科技以320億美元收購雲端安全公司。", "zh", "deal_value"),
    ("Acme Robotics pledged $600 billion for factories.", "en", "investment"),
])
def test_verbs_and_words_that_name_a_figure_s_metric(tmp_path, body, lang, metric):
    write_article(tmp_path, "m.md", "Results", "2025-10-16", body, lang=lang)
    (m,) = [m for m in analyse([tmp_path / "m.md"]).mentions if m.fig.kind in ("currency", "percent")]
    assert m.metric == metric


def test_this_figure_takes_the_metric_of_the_sentence_before(tmp_path):
    # The second sentence names no metric: "this figure" points back at the revenue.
    write_article(tmp_path, "f.md", "Results", "2025-11-20",
                  "Acme Robotics said its revenue reached $35.1 billion in the quarter. This figure marks a "
                  "94 percent increase from the same quarter a year earlier.", lang="en")
    metric = {m.fig.text: m.metric for m in analyse([tmp_path / "f.md"]).mentions}
    assert metric["94 percent"] == "revenue"


def test_a_list_item_inside_a_line_opens_a_sentence(tmp_path):
    # ". - Cumulative revenue …": the dash starts a list item; its capitalised first word is an
    # adjective opening a sentence, not a company's name.
    write_article(tmp_path, "c.md", "Xiaomi results", "2025-11-18",
                  "Xiaomi posted a record quarter. - Cumulative revenue for the first three quarters was 340 "
                  "billion yuan.", lang="en")
    (m,) = [m for m in analyse([tmp_path / "c.md"]).mentions if m.fig.kind == "currency"]
    assert m.entity == "xiaomi"


@pytest.mark.parametrize("first, second, level", [
    # a deal told from either side: one fact, each article's company the other's counterparty
    ("Zephyr Motors agreed to buy Nimbus Labs for $3.5 billion.",
     "Nimbus Labs agreed to a $3.5 billion takeover, Zephyr Motors said.", "same_inferred"),
    # a sale of three parties (buyer, seller, the unit sold): each article makes another the actor,
    # and the two name the buyer and the seller beside the figure
    ("Orvik Chemicals will be sold to Halden Group for $4.2 billion, Pellam Energy said.",
     "Pellam Energy agreed to sell its chemicals business to Halden Group for $4.2 billion.", "same_inferred"),
    # each company's own revenue, the other named beside it: two companies' figures
    ("Zephyr Motors had revenue of $3.5 billion in 2024, before it bought Nimbus Labs.",
     "Nimbus Labs had revenue of $3.5 billion in 2024, before Zephyr Motors bought it.", "participant"),
])
def test_two_parties_are_one_company_only_for_a_figure_between_them(tmp_path, first, second, level):
    from reconcile.linking import Assessor
    write_article(tmp_path, "a.md", "Deal", "2025-03-18", first, lang="en")
    write_article(tmp_path, "b.md", "Deal", "2025-03-18", second, lang="en")
    by_doc = {m.doc.path.rsplit("/", 1)[-1]: m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"}
    a, b = by_doc["a.md"], by_doc["b.md"]
    assert a.entity != b.entity
    assert Assessor().pair(a, b)[0]["entity"] == level
    # the reason shown with a finding names both parties, never one as "the same company"
    assert ("one deal's parties (" in Assessor().assess(a, b)[1]) == (level == "same_inferred")


def test_a_name_after_and_in_an_earlier_clause_does_not_break_attribution(tmp_path):
    # "the UK and Asia–Pacific markets made 12%": read from its clause's start, the name is the
    # clause's actor; read from the sentence's start, "and" before it makes it an object. The
    # sentence's subject is then looked for in vain: the clause's actor stands.
    write_article(tmp_path, "r.md", "sales by region", "2025-03-01",
                  "By region, sales in Japan rose to 80% of the total, while the UK and Asia–Pacific markets "
                  "made 12% and 8%, respectively.", lang="en")
    entity = {m.fig.text: m.entity for m in analyse([tmp_path / "r.md"]).mentions}
    assert entity["12%"] and entity["12%"] == entity["8%"]


def test_a_figure_naming_a_rival_does_not_join_two_companies_groups(tmp_path):
    # Halden's article gives its own growth and names Orvik beside it: that figure may pair with
    # Orvik's, but Orvik's figures never become Halden's, so Orvik's real disagreement (12% in
    # three articles, 10% in one) stays in a group of Orvik's own.
    for name, rate in (("o1", "12%"), ("o2", "12%"), ("o3", "12%"), ("o4", "10%")):
        write_article(tmp_path, f"{name}.md", "Orvik results", "2025-11-20",
                      f"Orvik Retail said third-quarter revenue rose {rate} from a year earlier.", lang="en")
    for name in ("h1", "h2"):
        write_article(tmp_path, f"{name}.md", "Halden results", "2025-11-27",
                      "Halden Commerce said third-quarter revenue rose 9% from a year earlier.", lang="en")
    write_article(tmp_path, "h3.md", "Halden results", "2025-11-27",
                  "Halden Commerce said revenue rose 9% in the third quarter, while Orvik Retail reported "
                  "steady sales growth last week.", lang="en")
    report = analyse([tmp_path])
    for g in report.groups:
        if g.linked:
            assert len({m.doc.path.rsplit("/", 1)[-1][0] for m in g.mentions}) == 1, [m.id for m in g.mentions]
    (finding,) = [f for f in report.findings if f.rule == "XD001"]
    assert finding.mentions[0].fig.text == "10%"


def test_a_word_of_two_metrics_takes_the_one_its_figure_fits(tmp_path):
    # 股价 names a share's price (in yuan) and its move (in per cent): the figure's kind decides.
    write_article(tmp_path, "s.md", "云石软件", "2025-10-28", "云石软件今天股价开盘劲扬4%，收盘股价为52.3元。")
    metric = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metric["4%"] == "stock_move" and metric["52.3元"] == "share_price"


@pytest.mark.parametrize("body", [
    "Brightwater Foods reported results. Revenue rose 7% YOY to $4.2 billion.",
    "Brightwater Foods reported results. Founder Ana Ruiz said revenue reached $4.2 billion.",
])
def test_a_basis_or_a_role_in_capitals_is_no_company(tmp_path, body):
    ents = _entities(tmp_path, body, lang="en")
    assert set(ents.values()) == {"brightwater foods"}


def test_a_magnitude_slip_its_own_article_contradicts_is_still_caught(tmp_path):
    # The slipped figure (万 for 亿) clashes with its own article's "more than 10 billion" and sits
    # far from every other amount of the fact, so linking keeps it out of the group; it writes the
    # group's digits, though, so the two sides are still compared.
    for name in ("a", "b"):
        write_article(tmp_path, f"{name}.md", "远航电池季报", "2025-10-21", "远航电池第三季度归母净利润185.49亿元，同比增长41%。")
    write_article(tmp_path, "c.md", "远航电池季报", "2025-10-21", "远航电池第三季度归母净利润突破百亿元，达185.49万元，同比增长41%。")
    report = analyse([tmp_path])
    (finding,) = [f for f in report.findings if f.rule == "XD001"]
    assert finding.mentions[0].fig.text == "185.49万元" and finding.cause == "magnitude" and finding.severity == "error"


def test_a_tranche_its_own_article_sets_beside_the_total_is_no_slip(tmp_path):
    # 170.6万股 is a tenth of 1706万股 and writes its digits, but the article gives the total too:
    # the public tranche, not the offer mistyped.
    write_article(tmp_path, "a.md", "雪川饮品招股", "2025-02-20", "雪川饮品全球发售1706万股，其中香港公开发售170.6万股。")
    for name in ("b", "c"):
        write_article(tmp_path, f"{name}.md", "雪川饮品招股", "2025-02-20", "雪川饮品全球发售1706万股。")
    report = analyse([tmp_path])
    kept_apart = [(m.fig.text, ref.fig.text) for g in report.groups for m, ref in g.slips]
    assert kept_apart and all(pair == ("170.6万股", "1706万股") for pair in kept_apart)  # compared, then cleared
    assert [f for f in report.findings if f.rule == "XD001"] == []
    assert all(g.status == "agree" for g in report.groups)


def test_a_tranche_beside_the_total_is_known_under_the_companys_other_name(tmp_path):
    # The English article names the company in Latin letters, the Chinese ones in Chinese with the
    # Latin name in brackets: "which articles state both values" is asked of one company, not two.
    from reconcile.checks.crossdoc import _ValuesTogether

    write_article(tmp_path, "a.md", "Orvane Mobility prices its listing", "2025-06-20",
                  "Orvane Mobility sold 44.18 million shares at HK$41.94 each, the company said.", lang="en")
    write_article(tmp_path, "b.md", "澄川出行上市定价", "2025-06-20",
                  "澄川出行（Orvane Mobility）全球发售4417.86万股，其中香港公开发售441.79万股。")
    write_article(tmp_path, "c.md", "澄川出行上市首日", "2025-06-21", "澄川出行（Orvane Mobility）香港公开发售441.79万股。")
    ms = {(m.doc.path.rsplit("/", 1)[-1], m.fig.text): m for m in analyse([tmp_path]).mentions}
    total, tranche = ms["a.md", "44.18 million"], ms["c.md", "441.79万股"]
    assert total.entity != tranche.entity  # two names, one company
    assert _ValuesTogether(list(ms.values()), by_metric=True).elsewhere(total, tranche)


def test_a_thousands_comma_does_not_cut_a_clause(tmp_path):
    # "2,500 亿美元" and "$1,250 million" are one figure each: the clause holding it runs on past
    # the comma between its digits, to the words that say what it is.
    write_article(tmp_path, "c.md", "Orvik Retail", "2025-10-28",
                  "Orvik Retail will buy 2,500 亿美元 of cloud services, Orvik Retail said. "
                  "It booked $1,250 million of revenue, up 9% year on year.", lang="en")
    for m in analyse([tmp_path]).mentions:
        assert m.fig.text in m.doc.text[slice(*m.clause)], (m.fig.text, m.doc.text[slice(*m.clause)])


def test_a_dash_around_an_aside_does_not_end_the_sentence(tmp_path):
    # "- or 27% -" is an aside inside the sentence that names the stake; "[2] - Revenue" opens an
    # inline bullet.
    write_article(tmp_path, "d.md", "Orvik Retail", "2025-10-28",
                  "Orvik Retail will hold a stake of about $135 billion - or 27% - in the start-up. "
                  "Results [2] - Revenue reached $4 billion.", lang="en")
    sentence = {m.fig.text: m.doc.text[slice(*m.sentence)] for m in analyse([tmp_path]).mentions}
    assert "stake of about" in sentence["27%"]
    assert sentence["$4 billion"].strip().startswith("Revenue")


def test_a_slip_between_figures_that_nearly_link_is_reported(tmp_path):
    # Eight days apart, one article giving three revenues of the quarter and the other no period:
    # the pair scores below the threshold and does not link. But "$8.46 billion" writes the digits
    # of "8.46 billion yuan" under another currency: a slip's two sides, close enough to compare.
    write_article(tmp_path, "a.md", "Orvik Music results", "2025-11-12",
                  "Orvik Music said third-quarter revenue rose 21% to 8.46 billion yuan, while online music revenue "
                  "was 6.83 billion yuan and social entertainment revenue 1.63 billion yuan.", lang="en")
    write_article(tmp_path, "b.md", "Orvik Music results", "2025-11-20",
                  "Orvik Music posted revenue of $8.46 billion for the quarter, the company said on Thursday.", lang="en")
    report = analyse([tmp_path])
    from reconcile import linking
    pair = {m.fig.text: m for m in report.mentions}
    assert linking.Assessor().strength(pair["8.46 billion yuan"], pair["$8.46 billion"]) < linking.weights().threshold
    assert not [g for g in report.groups if g.linked]
    (finding,) = [f for f in report.findings if f.rule == "XD001"]
    assert finding.cause == "currency" and {m.fig.text for m in finding.mentions} == {"8.46 billion yuan", "$8.46 billion"}
    # checked against the corpus, the draft's figure is the suspect, whichever side linking chose
    for draft, other in (("a.md", "8.46 billion yuan"), ("b.md", "$8.46 billion")):
        against = analyse([tmp_path / draft], against=[tmp_path])
        (finding,) = [f for f in against.findings if f.rule == "XD001"]
        assert finding.mentions[0].doc.path.endswith(draft) and finding.mentions[1].fig.text != other


def test_a_part_named_after_its_company_is_one_company_for_joining():
    # "Orvik Retail" is a part of Orvik, which Chinese copy names by the parent (京东零售 is 京东's):
    # their groups may join through a figure that names both. A name that merely begins alike may not.
    from reconcile.linking import _part_of
    assert _part_of("orvik retail", "orvik") and _part_of("orvik", "orvik retail")
    assert not _part_of("orvikson", "orvik") and not _part_of("orvik retail", "halden") and not _part_of(None, "orvik")


def test_term_words_cover_a_name_once(tmp_path):
    # 年第三季度公司 is a period and 公司, no company: the period covers most of it. "EBITDA Capital
    # Partners" is a company: EBITDA is one word of three metrics, counted once.
    ents = _entities(tmp_path, "澄川能源发布季报。2025年第三季度公司实现营业收入120亿元。")
    assert set(ents.values()) == {"澄川能源"}
    ents = _entities(tmp_path, "EBITDA Capital Partners said it raised $2.1 billion for its fund.", lang="en")
    assert ents["$2.1 billion"] == "ebitda capital partners"


def test_a_listed_name_cut_short_is_that_company_where_the_article_names_it(tmp_path):
    # The list holds 理想汽车 and leaves bare 理想 out (a word too). An article that names 理想汽车 and
    # then says "理想表示" means the company by the short form.
    write_article(tmp_path, "l.md", "理想汽车季报", "2025-11-20", "理想汽车公布季报。理想表示，第三季度营收274亿元。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["274亿元"] == "li_auto"
    # A Latin name is cut at words only: "Micro" in an article on Microsoft is not Microsoft.
    (tmp_path / "en").mkdir()
    write_article(tmp_path / "en", "m.md", "Microsoft invests", "2025-11-20",
                  "Microsoft said it would invest. Investors backed Micro, which raised $40 million.", lang="en")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path / "en"]).mentions}
    assert ents["$40 million"] == "micro"


def test_the_topic_is_the_title_company_the_body_is_about(tmp_path):
    # A research house heads the title, but the body is about the company it reports on: the
    # figures the body gives without a company are that company's.
    write_article(tmp_path, "r.md", "Brightwater Securities says Orvik Music beat estimates", "2025-11-13",
                  "Orvik Music said revenue rose 21% in the third quarter. Orvik Music added 1.3 million paying "
                  "users. Gross margin was 43.5%.", lang="en")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["43.5%"] == "orvik music"


def test_an_amount_the_article_repeats_takes_the_metric_it_is_stated_with(tmp_path):
    # The lead line gives the bare amount; the body says what it is. The lead's figure states that
    # fact too, and links with another outlet's report of it. (三年 opening the line is a span, not
    # a company's name.)
    write_article(tmp_path, "a.md", "澄川能源公布储能计划", "2025-11-20",
                  "三年2600亿元！澄川能源押注储能\n\n澄川能源宣布，未来三年将投资2600亿元建设储能电站。")
    write_article(tmp_path, "b.md", "澄川能源储能计划", "2025-11-21", "澄川能源计划三年投入2600亿元建设储能电站。")
    report = analyse([tmp_path])
    a = sorted((m for m in report.mentions if m.doc.path.endswith("a.md") and m.fig.text == "2600亿元"),
               key=lambda m: m.fig.start)
    assert len(a) == 2 and {m.metric for m in a} == {"investment"} and {m.entity for m in a} == {"澄川能源"}
    lead_group = next(g for g in report.groups if a[0] in g.mentions)
    assert lead_group.linked and any(m.doc.path.endswith("b.md") for m in lead_group.mentions)
    # A rate or an amount the article states with two meanings is left alone: 20% recurs with many
    # meanings, and 2600亿元 here is an investment and an order book.
    (tmp_path / "c").mkdir()
    write_article(tmp_path / "c", "c.md", "澄川能源季报", "2025-11-20",
                  "澄川能源：20%与2600亿元\n\n澄川能源营收增长20%。澄川能源投资2600亿元，另有2600亿元订单储备。")
    lead = [m for m in analyse([tmp_path / "c"]).mentions if m.fig.start < m.doc.text.index("\n\n澄川能源营收")]
    assert [m.fig.text for m in lead] == ["20%", "2600亿元"] and all(m.metric is None for m in lead)


def test_a_title_opening_with_a_figure_names_no_company(tmp_path):
    # 三年 opens the title and the body repeats it (未来三年): a span of time, not a company's name.
    # 三星 opening a title is a name (no figure starts there).
    write_article(tmp_path, "a.md", "三年2600亿元！澄川能源押注储能", "2025-11-20",
                  "澄川能源宣布，未来三年将投资2600亿元建设储能电站。")
    write_article(tmp_path, "b.md", "三星电子第三季营业利润大增", "2025-10-30", "三星电子表示，第三季营业利润达12.1万亿韩元。三星电子股价上涨。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["2600亿元"] == "澄川能源" and "三年" not in ents.values()
    assert ents["12.1万亿韩元"] not in (None, "澄川能源")


@pytest.mark.parametrize("sentence, metric", [
    ("台积电第三季营业利益为5,647亿元。", "operating_profit"),
    ("台积电董事会通过每股配息5元。", "dividend"),
    ("澄川能源前三季销售费用为83亿元。", "selling_expense"),
    ("澄川能源前三季管理费用为21亿元。", "admin_expense"),
    ("澄川能源期末未完成订单达2000亿元。", "backlog"),
    ("Orvik said its backlog rose to $455 billion.", "backlog"),
    ("Orvik's assets under management reached $524 billion.", "aum"),
    ("澄川能源目前市盈率为25倍。", "pe_ratio"),
])
def test_statement_line_items_have_their_metric(tmp_path, sentence, metric):
    # The usual lines of an income statement and a few market terms, in Taiwan's words too (營業利益,
    # 配息): a figure beside one states that metric, not none.
    lang = "en" if sentence.isascii() else None
    write_article(tmp_path, "s.md", "季报", "2025-11-03", sentence, lang=lang)
    figures = [m for m in analyse([tmp_path]).mentions if m.fig.kind != "date"]
    assert figures and figures[-1].metric == metric


def test_a_capitalised_tag_before_a_double_dash_names_nobody(tmp_path):
    # "TMTPOST -- …" opens wire copy the way "BEIJING --" does: the outlet, not the company the
    # sentence is about. The figure is the company's.
    ents = _entities(tmp_path, "ORVIKWIRE -- Orvik Battery, the largest maker, reported net profit up 41.2% to "
                               "$2.54 billion, with revenue of $14.28 billion.", lang="en")
    assert ents["$2.54 billion"] == "orvik battery" and ents["41.2%"] == "orvik battery"


def test_companies_of_the_large_indices_are_known_in_both_languages(tmp_path):
    # A company of the gazetteer's index lists is one entity under its Chinese and English names, so
    # two outlets' reports of one deal link across languages.
    write_article(tmp_path, "a.md", "药企并购", "2025-07-29", "艾伯维宣布以120亿美元收购一家生物技术公司。")
    write_article(tmp_path, "b.md", "Drug deal", "2025-07-29",
                  "AbbVie agreed to buy a biotech company for $12 billion.", lang="en")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["120亿美元"] == ents["$12 billion"] == "abbvie"


def test_a_name_the_article_also_writes_cut_short_is_one_company(tmp_path):
    # Neither name is in the gazetteer. One article writes the company in full and then short; a
    # second writes it short only. Both articles' figures are one company's.
    write_article(tmp_path, "a.md", "Quarterly results", "2025-11-03",
                  "Halvard Coffee reported revenue of $2.1 billion. Shares of Halvard rose 5%.", lang="en")
    write_article(tmp_path, "b.md", "Coffee chain results", "2025-11-04",
                  "Analysts said Halvard had revenue of $2.1 billion in the quarter.", lang="en")
    report = analyse([tmp_path])
    ents = {(m.doc.path[-4:], m.fig.text): m.entity for m in report.mentions}
    assert ents[("a.md", "$2.1 billion")] == "halvard coffee"
    groups = [g for g in report.groups if g.linked and {m.fig.text for m in g.mentions} == {"$2.1 billion"}]
    assert len(groups) == 1 and len({m.doc.id for m in groups[0].mentions}) == 2
    from reconcile.extraction.attribution import _short_forms_of
    assert _short_forms_of(["瑞澜咖啡", "瑞澜", "blue", "blue owl", "bluebird"]) == {"瑞澜": "瑞澜咖啡", "blue": "blue owl"}
    assert _short_forms_of(["acme", "acme robotics", "acme capital"]) == {}


def test_a_name_never_begins_with_a_joining_word(tmp_path):
    # "of" joins words inside a name (Bank of America) but does not begin one: after "Shares", which
    # is no name, "of Halvard" is Halvard.
    from reconcile.extraction.names import latin_names
    assert latin_names("Analysts said shares of Halvard rose 5%.", lambda w: False) == [(24, 31, "Halvard")]
    assert latin_names("Analysts said Bank of America gained.", lambda w: False) == [(14, 29, "Bank of America")]
    # a ministry's portfolio after "of" is its name's, though alone it names nothing (Finance)
    assert [n[2] for n in latin_names("Bonds sold by the Ministry of Finance rallied; Finance shares fell.",
                                      lambda w: False)] == ["Ministry of Finance"]
    assert [n[2] for n in latin_names("The bonds were sold by the Ministry of Finance.", lambda w: False)] == \
        ["Ministry of Finance"]


def test_an_over_the_counter_ticker_joins_the_names_it_follows(tmp_path):
    # "(OTC: HLVCY)" after a name in English copy and （OTC：HLVCY） in Chinese copy: one company,
    # so an article that writes only the English name links too.
    write_article(tmp_path, "a.md", "Coffee results", "2025-11-03",
                  "Analysts said Halvard Coffee (OTC: HLVCY) had revenue of $2.1 billion.", lang="en")
    write_article(tmp_path, "b.md", "咖啡季报", "2025-11-03", "瑞澜咖啡集团（OTC：HLVCY）第三季度营收151亿元。")
    write_article(tmp_path, "c.md", "Coffee", "2025-11-04", "Analysts said Halvard Coffee had revenue of $2.1 billion.",
                  lang="en")
    report = analyse([tmp_path])
    (group,) = [g for g in report.groups if g.linked]
    assert {m.doc.path[-4:] for m in group.mentions} == {"a.md", "b.md", "c.md"}
    tickers = {m.doc.path[-4:]: {k for k in m.aliases if k.startswith("ticker:")} for m in report.mentions}
    assert tickers["a.md"] == tickers["b.md"] == {"ticker:OTC:HLVCY"}


def test_a_repeated_amount_takes_the_scope_and_only_a_count_of_the_same_noun(tmp_path):
    # The lead's bare 138.5亿元 repeats the body's adjusted profit: adjusted too, not statutory. A
    # count repeats only a count of the same noun: 1,250 engineers are not the 1,250 stores.
    write_article(tmp_path, "a.md", "澄川科技季报", "2025-11-20",
                  "澄川科技：3年138.5亿元！\n\n澄川科技第三季度经调整净利润138.5亿元，净利润为150.2亿元。")
    (tmp_path / "b").mkdir()
    write_article(tmp_path / "b", "b.md", "Orvik results", "2025-11-20",
                  "Analysts said Orvik opened 1,250 stores in the quarter. Orvik also hired 1,250 engineers.",
                  lang="en")
    lead = [m for m in analyse([tmp_path]).mentions if m.fig.text == "138.5亿元"]
    assert len(lead) == 2 and {m.scope for m in lead} == {("adjusted",)}
    counts = {m.fig.text: m.metric for m in analyse([tmp_path / "b"]).mentions}
    assert counts["1,250 stores"] == "stores" and counts["1,250 engineers"] != "stores"


def test_a_short_form_of_a_glossed_name_ends_at_the_gloss(tmp_path):
    # 瑞澜 -> 瑞澜咖啡集团 (cut short) -> Halvard Coffee (the bracket): every figure of the article is
    # one company's, whichever of the three names stands nearest.
    write_article(tmp_path, "a.md", "咖啡季报", "2025-11-03",
                  "Halvard Coffee（瑞澜咖啡集团）第三季度营收151亿元。瑞澜咖啡集团表示，门店达到2.6万家。瑞澜表示，股价上涨5%。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert len(set(ents.values())) == 1


@pytest.mark.parametrize("body, company", [
    # the code after the exchange, and the exchange, stand for the company before the brackets
    ("Ostrava Mills (NYSE: OSM) will pay $48.7 billion for the rival.", "ostrava mills"),
    # a corporate suffix may stand between the name and its brackets
    ("Ostrava Mills Corp. (OSMLY) posted revenue of $15.29 billion.", "ostrava mills"),
    ("Ostrava Mills Inc. (OTC: OSMLY) posted revenue of $15.29 billion.", "ostrava mills"),
    # a company listed in two markets gives both codes in one pair of brackets
    ("Ostrava Mills (NASDAQ: OSM, HKEX: 9123) will raise between $195 million and $226 million.", "ostrava mills"),
    ("Ostrava Mills (NYSE: OSM; HKEX: 9123) will raise between $195 million and $226 million.", "ostrava mills"),
])
def test_a_ticker_in_brackets_stands_for_the_company_before_it(tmp_path, body, company):
    # Not NYSE, not the code: a figure after the brackets is the company's.
    ents = _entities(tmp_path, body, lang="en")
    assert set(ents.values()) == {company}


@pytest.mark.parametrize("brackets", ["(NYSE: OSM; HKEX: 9123)", "(NYSE: OSM, HKEX: 9123)", "（600123.SH，09123.HK）"])
def test_each_of_two_tickers_in_one_bracket_names_the_company(brackets):
    from reconcile.extraction.names import Name, name_id, tickers
    from reconcile.extraction.normalize import normalize
    text = normalize(f"Ostrava Mills {brackets} said revenue rose.")
    codes = {code for _, code in tickers(text, [Name(0, 13, name_id("Ostrava Mills"), False)])}
    assert len(codes) == 2 and all(":" in c or "." in c for c in codes)


def _aligned_corpus(folder, zh_bodies, en_bodies):
    folder.mkdir()
    for k, body in enumerate(zh_bodies):
        write_article(folder, f"zh{k}.md", "澄湾咖啡第三季度业绩", "2025-11-18", body)
    for k, body in enumerate(en_bodies):
        write_article(folder, f"en{k}.md", "Coffee chain results", "2025-11-18", body, lang="en")
    report = analyse([folder])
    return {(m.doc.path.rsplit("/", 1)[-1], m.fig.text): m for m in report.mentions}, report


def test_a_chinese_name_and_an_english_one_whose_figures_agree_are_one_company(tmp_path):
    # Neither name is in a list and no article glosses one with the other; but what the Chinese
    # copy says of 澄湾咖啡 (revenue, stores, net income, to three digits or more) the English copy says of
    # Clearbay Coffee. One company: their revenue figures link, and a slip between them is found.
    zh = ["澄湾咖啡第三季度营收152.9亿元，门店总数29,214家，净利润12.8亿元。",
          "澄湾咖啡第三季度营收152.9亿元，门店总数达29,214家。"]
    en = ["Clearbay Coffee said third-quarter revenue was RMB15.29 billion. It had 29,214 stores and "
          "net income of RMB1.28 billion.",
          "Clearbay Coffee posted third-quarter revenue of RMB15.29 billion."]
    mentions, report = _aligned_corpus(tmp_path / "agree", zh, en)
    assert mentions[("zh0.md", "152.9亿元")].entity == "澄湾咖啡"  # the article's own name stays
    group = next(g for g in report.groups if mentions[("zh1.md", "152.9亿元")] in g.mentions)
    assert group.linked and mentions[("en1.md", "RMB15.29 billion")] in group.mentions
    # The same corpus with a magnitude slip in one English article, then in one Chinese article: an
    # error both ways (the rules see the two names as one company, as linking does).
    en_slip = [en[0], en[1].replace("RMB15.29 billion", "RMB152.9 billion")]
    _, report = _aligned_corpus(tmp_path / "slip", zh, en_slip)
    assert [f.severity for f in report.findings if f.rule == "XD001" and "RMB152.9 billion" in {m.fig.text for m in f.mentions}] == ["error"]
    zh_slip = [zh[0], zh[1].replace("152.9亿元", "1529亿元")]
    _, report = _aligned_corpus(tmp_path / "slip2", zh_slip, en)
    assert [f.severity for f in report.findings if f.rule == "XD001" and "1529亿元" in {m.fig.text for m in f.mentions}] == ["error"]


@pytest.mark.parametrize("case, expected", [("three values", [("澄湾咖啡", "clearbay coffee")]),
                                            ("related metrics", [("澄湾咖啡", "clearbay coffee")]),
                                            ("a margin against a growth rate", []),
                                            ("two values only", [("澄湾咖啡", "clearbay coffee")]),
                                            ("two values, one written by another name more", []),
                                            ("one value only", []), ("named together", [])])
def test_names_stay_apart_on_too_little_evidence_or_side_by_side(tmp_path, case, expected):
    # Three shared values align two names; two only when no other name writes any of them in as
    # many articles (a value two companies' copy share by chance); one never.
    from reconcile.name_alignment import aligned
    from reconcile.linking import Aliases, listed_entities
    zh = ["澄湾咖啡第三季度营收152.9亿元，门店总数29,214家，净利润12.8亿元。"]
    en = ["Clearbay Coffee said third-quarter revenue was RMB15.29 billion. It had 29,214 stores and "
          "net income of RMB1.28 billion."]
    if case == "two values only":
        en = [en[0].replace("RMB1.28 billion", "RMB1.31 billion")]
    elif case == "two values, one written by another name more":
        en = [en[0].replace("RMB1.28 billion", "RMB1.31 billion")] + \
            ["Harbor Foods said third-quarter revenue was RMB15.29 billion."] * 3
    elif case == "one value only":
        en = [en[0].replace("RMB1.28 billion", "RMB1.31 billion").replace("29,214", "30,100")]
    elif case == "related metrics":  # 归母净利润 (attributable) and net income: one family, one fact
        zh = [zh[0].replace("净利润", "归母净利润")]
    elif case == "a margin against a growth rate":  # percentages keep their metric: one fact left
        zh = [zh[0].replace("净利润12.8亿元", "毛利率18.6%")]
        en = [en[0].replace("net income of RMB1.28 billion", "net income rose 18.6%").replace("29,214", "30,100")]
    elif case == "named together":  # a Chinese article that names both is about two companies
        zh.append("澄湾咖啡与Clearbay Coffee第三季度营收152.9亿元，门店29,214家，净利润12.8亿元。")
    _, report = _aligned_corpus(tmp_path / "c", zh, en)
    # The names as a check links them (aligned across the corpus; each document keeps only its own
    # brackets' names after the check): one entity exactly when the figures align them.
    names = Aliases(report.mentions, listed_entities(), align=True)
    assert (names("澄湾咖啡") == names("clearbay coffee")) == bool(expected)
    assert aligned([], names, listed_entities()) == []


def test_an_english_article_quoting_a_chinese_headline_names_one_company(tmp_path):
    # The English article opens with the Chinese headline it translates: 澄湾咖啡 there and Clearbay
    # Coffee in its English sentences are one company told in two scripts, not two side by side.
    from reconcile.linking import Aliases, listed_entities
    zh = ["澄湾咖啡第三季度营收152.9亿元，门店总数29,214家，净利润12.8亿元。"]
    en = ["澄湾咖啡三季度营收152.9亿元\n\nClearbay Coffee said third-quarter revenue was RMB15.29 billion. "
          "Clearbay Coffee had 29,214 stores. Clearbay Coffee posted net income of RMB1.28 billion."]
    _, report = _aligned_corpus(tmp_path / "c", zh, en)
    names = Aliases(report.mentions, listed_entities(), align=True)
    assert names("澄湾咖啡") == names("clearbay coffee")


def test_a_name_from_the_title_ends_where_a_period_word_begins(tmp_path):
    # The title opens 澄湾咖啡第三季度… and the body repeats 澄湾咖啡第三季度: the name is 澄湾咖啡.
    write_article(tmp_path, "a.md", "澄湾咖啡第三季度业绩", "2025-11-18", "澄湾咖啡第三季度营收152.9亿元。")
    assert {m.entity for m in analyse([tmp_path]).mentions} == {"澄湾咖啡"}


def test_the_noun_of_a_period_is_no_name(tmp_path):
    # "September Quarter" (a fiscal calendar's name for a quarter) is a period, and its noun is no
    # company: the figures are the article's company's.
    write_article(tmp_path, "q.md", "Results", "2025-11-21",
                  "Harbor Retail reported its results on Friday. Revenue for the September Quarter rose 28.2% "
                  "to RMB5.8 billion, and the First Half brought in RMB9 billion.", lang="en")
    entities = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions if m.fig.kind != "date"}
    assert set(entities.values()) == {"harbor retail"}, entities


def test_two_precise_figures_that_both_round_to_a_third_still_disagree(tmp_path):
    # A group whose consensus is a rounded 8% (an article that also gives 7% twice, linked in with
    # it, makes 8% the value most figures hold): 8.1% and 7.9% both fall within it, but not within
    # each other, so they are compared with each other's consensus too.
    from reconcile.checks.crossdoc import disagreements
    from reconcile.linking import Group
    for name, value in (("o.md", "8%"), ("p.md", "8.1%"), ("q.md", "7.9%"), ("r.md", "7%"), ("s.md", "7%")):
        write_article(tmp_path, name, "Quarterly results", "2025-10-30",
                      f"Acme Robotics said on Thursday its third-quarter vehicle sales rose {value} from the "
                      "previous quarter.", lang="en")
    mentions = analyse([tmp_path]).mentions
    group = Group(("acme robotics", "sales_volume", "percent", "2025Q3"), mentions)
    pairs = {frozenset((m.fig.text, ref.fig.text)) for m, ref in disagreements(group, None, False)}
    assert frozenset(("8.1%", "7.9%")) in pairs


def test_metrics_declared_related_are_related_both_ways_and_parents_stay_so():
    from reconcile.linking import _metric_level, weights
    related = weights().related
    assert _metric_level("offer_price", "value_per_share", related) == "related"
    assert _metric_level("value_per_share", "offer_price", related) == "related"
    assert _metric_level("net_profit_attributable", "profit", related) == "related"  # a part and its whole
    assert _metric_level("net_profit_attributable", "adjusted_profit", related) == "related"  # two parts
    assert _metric_level("investment", "deal_value", related) == "related"  # a pledge and the deal that states it
    assert _metric_level("revenue", "profit", related) == "different"
    assert _metric_level("funding_round", "valuation", related) == "different"
    assert _metric_level("revenue", None, related) == "unknown"


def test_an_estimate_beside_the_result_is_the_outlook_not_the_result(tmp_path):
    # One article gives the quarter's revenue and the analysts' estimate it beat; another gives the
    # revenue only. The estimate is another fact: no disagreement with the revenue.
    write_article(tmp_path, "a.md", "Quarterly results", "2025-10-30",
                  "Acme Robotics said third-quarter revenue was $12.4 billion, above the average estimate of "
                  "$11.9 billion.", lang="en")
    write_article(tmp_path, "b.md", "Quarterly results", "2025-10-30",
                  "Acme Robotics said on Thursday its third-quarter revenue was $12.4 billion.", lang="en")
    write_article(tmp_path, "c.md", "季度业绩", "2025-10-30", "艾克米机器人第三季度营收124亿美元，高于华尔街预期的119亿美元。")
    report = analyse([tmp_path])
    scopes = {m.fig.text: m.scope for m in report.mentions}
    assert "outlook" in scopes["$11.9 billion"] and "outlook" in scopes["119亿美元"]
    assert "outlook" not in scopes["$12.4 billion"]
    assert not [f for f in report.findings if f.rule == "XD001"]


def test_a_move_at_one_point_of_the_day_is_not_the_move_at_the_close(tmp_path):
    write_article(tmp_path, "a.md", "Shares jump", "2025-10-09",
                  "Shares of Acme Robotics jumped 41% intraday on Thursday and closed up 25.9%.", lang="en")
    write_article(tmp_path, "b.md", "Shares jump", "2025-10-09",
                  "Shares of Acme Robotics closed up 25.9% on Thursday after the offer.", lang="en")
    write_article(tmp_path, "c.md", "股价大涨", "2025-10-09", "艾克米机器人股价周四盘中一度飙涨41%，收盘上涨25.9%。")
    report = analyse([tmp_path])
    scopes = {(m.doc.path[-4:], m.fig.text): m.scope for m in report.mentions}
    assert "intraday" in scopes[("a.md", "41%")] and "at_close" in scopes[("a.md", "25.9%")]
    assert "intraday" in scopes[("c.md", "41%")] and "at_close" in scopes[("c.md", "25.9%")]
    pairs = [{m.fig.text for m in f.mentions} for f in report.findings if f.rule == "XD001"]
    assert {"41%", "25.9%"} not in pairs


def test_a_changed_digit_against_an_approximate_figure_is_no_error(tmp_path):
    # "接近2500亿美元" (close to) and 2510亿美元 differ in a digit, but a qualified figure is no copy
    # of a precise one: a warning, never an error.
    write_article(tmp_path, "a.md", "甲骨文市值", "2025-09-11", "甲骨文周三市值飙升2510亿美元，创下纪录。")
    write_article(tmp_path, "b.md", "甲骨文市值", "2025-09-11", "甲骨文周三市值暴涨接近2500亿美元，创下纪录。")
    (finding,) = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert finding.cause == "digit" and finding.severity == "warning"


def _segments(tmp_path, body: str, lang: str | None = None) -> dict[str, frozenset]:
    write_article(tmp_path, "seg.md", "Quarter", "2025-11-20", body, **({"lang": lang} if lang else {}))
    return {m.fig.text: m.segment for m in analyse([tmp_path]).mentions}


@pytest.mark.parametrize("body, lang, figure, segment", [
    # English: the words before the metric word, back to a name, a stop word or a figure
    ("Harbor Foods said its frozen meals revenue rose 12% to $3.1 billion.", "en", "12%",
     {"en:frozen", "en:meal"}),
    ("Harbor Foods reported total revenue of $9.4 billion.", "en", "$9.4 billion", set()),
    ("Harbor Foods' net revenue was $9.4 billion.", "en", "$9.4 billion", set()),
    # Chinese: pairs of characters, generic words (营业, 总) and periods left out
    ("海港食品第三季度冷冻餐食收入为31亿元。", None, "31亿元", {"zh:冷冻", "zh:冻餐", "zh:餐食"}),
    ("海港食品第三季度实现营业收入94亿元。", None, "94亿元", set()),
    ("海港食品第三季度总营收94亿元。", None, "94亿元", set()),
    # a Latin word in Chinese copy is an English word
    ("海港食品第三季度AI云业务收入为5亿元。", None, "5亿元", {"en:ai"}),
])
def test_a_segment_is_read_from_the_words_before_the_metric(tmp_path, body, lang, figure, segment):
    assert _segments(tmp_path, body, lang)[figure] == frozenset(segment)


@pytest.mark.parametrize("a, b, differ", [
    ({"en:cloud"}, {"en:advertising"}, True),
    ({"en:cloud"}, {"en:cloud", "en:infrastructure"}, False),
    ({"zh:云服", "zh:服务"}, {"zh:广告"}, True),
    ({"zh:广告"}, {"en:advertising"}, False),  # two languages: not compared
    ({"en:ai", "zh:云服"}, {"en:ai"}, False),  # a Latin word shared
    (set(), {"en:cloud"}, False),  # one-sided is a weight, not a difference
])
def test_two_segments_differ_only_when_comparable(a, b, differ):
    from reconcile.extraction.segments import segments_differ
    assert segments_differ(frozenset(a), frozenset(b)) is differ


def test_a_segments_figure_is_weighed_against_the_companys(tmp_path):
    # Two outlets give the group's revenue; a third gives one division's, with the same growth
    # rate as the group's by chance. The division's figures are one-sided against the group's,
    # and two divisions' figures differ.
    write_article(tmp_path, "s1.md", "Harbor quarter", "2025-11-20",
                  "Harbor Foods said revenue rose 9% to $9.4 billion. Its frozen meals revenue rose 9% to $3.1 billion.",
                  lang="en")
    write_article(tmp_path, "s2.md", "Harbor results", "2025-11-20",
                  "Harbor Foods posted revenue of $9.45 billion, up 9%. Snacks revenue was $2.2 billion.", lang="en")
    report = analyse([tmp_path])
    from reconcile import linking
    ms = {(m.doc.path.rsplit("/", 1)[-1], m.fig.text): m for m in report.mentions}
    pair = linking.Assessor().pair
    assert pair(ms[("s1.md", "$9.4 billion")], ms[("s2.md", "$9.45 billion")])[0]["segment"] == "none"
    assert pair(ms[("s1.md", "$3.1 billion")], ms[("s2.md", "$9.45 billion")])[0]["segment"] == "one_sided"
    assert pair(ms[("s1.md", "$3.1 billion")], ms[("s2.md", "$2.2 billion")])[0]["segment"] == "different"
    w = linking.weights().fields["segment"]
    assert set(linking.LEVELS["segment"]) <= set(w) and w["same"] > w["none"] > w["one_sided"] > w["different"]
    linked = [sorted(g) for g in _groups(report)]
    assert ["$9.4 billion", "$9.45 billion"] in linked
    assert not any("$3.1 billion" in g and "$9.45 billion" in g for g in linked)


def test_corporate_suffixes_belong_to_the_name_before_them(tmp_path):
    # "Holdings Limited" after a name is part of it: the ticker in brackets is that company's, not
    # a company called "Limited".
    ids = _entities(tmp_path, "The bakery chain Lanternbrook Holdings Limited (LNBK) raised $120 million. "
                              "Lanternbrook sold 6 million shares.", lang="en")
    assert ids == {"$120 million": "lanternbrook", "6 million": "lanternbrook"}


@pytest.mark.parametrize("zh, en, figures, linked", [
    # No list knows either name; the Chinese one has no suffix and opens no title. Written with its
    # Latin spelling in brackets once, it is that company in both languages.
    ("国内烘焙品牌灯溪面包(Lanternbrook)周一在纽约上市，募资1.2亿美元。灯溪面包发行600万股。",
     "The bakery chain Lanternbrook raised $120 million in its New York listing.",
     {"1.2亿美元": "灯溪面包", "600万股": "灯溪面包"}, ["$120 million", "1.2亿美元"]),
    # 澄湾电器有限公司(ORVANE ELECTRIC CO., LTD., 02468.HK): the name in capitals, its suffix's full stop
    # before the comma, glosses it too; LTD after the comma is the name's suffix, never a company.
    ("澄湾电器有限公司(ORVANE ELECTRIC CO., LTD., 02468.HK)启动招股。2024年收入297.59亿元。",
     "Orvane Electric had revenue of RMB 29.759 billion in 2024.",
     {"297.59亿元": "澄湾电器"}, ["297.59亿元", "RMB 29.759 billion"]),
    # a long name (nine characters before its suffix) glossed so is read whole, never its last six,
    # and from after a word that joins two names (与)
    ("港湾石油与北方联合天然气输送公司(Norgaslink)周二宣布，北方联合天然气输送公司投资80亿美元。北方联合天然气输送公司表示，项目明年开工。",
     "The pipeline company Norgaslink will invest $8 billion, Norgaslink said.",
     {"80亿美元": "北方联合天然气输送"}, ["$8 billion", "80亿美元"]),
])
def test_a_chinese_name_glossed_in_latin_is_one_company_with_it(tmp_path, zh, en, figures, linked):
    write_article(tmp_path, "g1.md", "新股上市首日表现", "2025-06-02", zh)
    write_article(tmp_path, "g2.md", "Listing", "2025-06-02", en, lang="en")
    report = analyse([tmp_path])
    ents = {m.fig.text: m.entity for m in report.mentions}
    assert {t: ents[t] for t in figures} == figures
    assert "ltd" not in ents.values()
    assert sorted(linked) in [sorted(g) for g in _groups(report)]


@pytest.mark.parametrize("body", [
    "该公司发行1468万股美国存托股票(ADR)，募资4.1亿美元。美国存托股票将于周四交易。",  # an acronym's gloss
    "新式茶饮(New-style tea)市场规模达到3000亿元。新式茶饮增长较快。",  # a common noun's
])
def test_a_term_glossed_in_brackets_is_no_name(tmp_path, body):
    assert not any(e in ("存托股票", "美国存托股票", "新式茶饮") for e in _entities(tmp_path, body).values())


@pytest.mark.parametrize("body, lang", [
    ("Lanternbrook Foods raised $120 million. The stock trades on the Nasdaq under the ticker “LNBK”. "
     "LNBK rose 8% on its first day, and Lanternbrook Foods sold 6 million shares.", "en"),
    ("灯溪食品集团募资1.2亿美元，在纳斯达克上市，股票代码为LNBK。LNBK首日上涨8%，灯溪食品集团发行600万股。", None),
])
def test_a_code_after_a_ticker_word_is_the_company_it_trades_for(tmp_path, body, lang):
    # The code is written as a name of its own, but it is the listed company's, not the exchange's.
    ids = _entities(tmp_path, body, lang=lang)
    assert ids["8%"] == ids["$120 million" if lang else "1.2亿美元"] and ids["8%"] in ("lanternbrook foods", "灯溪食品")


@pytest.mark.parametrize("body, figure, company", [
    # the code in the brackets after a name is that company's, though "Ltd." ended a sentence
    ("Analysts follow Orvane Robotics Ltd. (Nasdaq ticker: ORVN) closely. One cut ORVN and dropped its $480 "
     "target. Kestrel Networks (Nasdaq ticker: KSTN) offered $45 a share. Kestrel Networks grew, and Kestrel "
     "Networks is pleased.", "$480", "orvane robotics"),
    # a code that is the company's own name stays its own, not the place named most after it
    ("ORVN (09999.HK, A-share ticker: ORVN 300999.SZ), a battery maker from Tongren, Guizhou, opened its offer. "
     "ORVN plans to issue 104.5 million H-shares. Guizhou investors and a Guizhou fund subscribed.",
     "104.5 million", "orvn"),
])
def test_a_code_in_the_brackets_after_a_name_is_that_names(tmp_path, body, figure, company):
    assert _entities(tmp_path, body, lang="en" if body.isascii() else None)[figure] == company


def test_a_period_after_a_figures_bracketed_conversion_is_the_figures(tmp_path):
    # "X (Y) for the third quarter of 2025, compared to Z for the third quarter of 2024": the
    # conversion in brackets does not hand X the year-ago period of the next clause.
    write_article(tmp_path, "p.md", "Harbor results", "2025-11-20",
                  "Harbor Foods reported its results. Adjusted net income per ADS was RMB3.10 (US$0.44) for the third "
                  "quarter of 2025, compared to RMB2.80 for the third quarter of 2024.", lang="en")
    ms = {m.fig.text: m for m in analyse([tmp_path]).mentions}
    assert ms["RMB3.10"].period == ms["US$0.44"].period == "2025Q3"
    assert ms["RMB2.80"].period == "2024Q3"
    assert "per_share" in ms["RMB3.10"].scope and ms["RMB3.10"].entity == "harbor foods"


@pytest.mark.parametrize("opening", ["Specifically", "Notably", "Additionally", "Altogether"])
def test_an_adverb_opening_a_sentence_is_no_company(tmp_path, opening):
    ids = _entities(tmp_path, f"Harbor Foods reported its results. {opening}, revenue in China reached $2.1 billion.",
                    lang="en")
    assert ids["$2.1 billion"] == "harbor foods"


@pytest.mark.parametrize("written, period", [
    ("3Q25", "2025Q3"), ("3Q2025", "2025Q3"), ("1H25", "2025H1"), ("2H2024", "2024H2"), ("2025Q3", "2025Q3"),
    ("25Q3", "2025Q3"), ("4Q25E", "2025Q4"), ("FY 4Q25", "FY2025Q4"), ("3QFY26", "FY2026Q3"), ("FY2025Q3", "FY2025Q3"),
])
def test_analysts_compact_quarters_and_halves_are_periods(written, period):
    from reconcile.extraction.periods import scan
    hits = scan(f"Revenue in {written} was 12.4 billion yuan.", "2025-11-20")
    assert [h.period for h in hits] == [period]


@pytest.mark.parametrize("date, period", [
    ("2025-12-11", "2026Q1"),  # guidance for the quarter about to begin
    ("2025-10-30", "2026Q1"),
    ("2025-08-20", "2025Q1"),
    ("2026-02-10", "2026Q1"),
])
def test_a_first_quarter_without_a_year_late_in_the_year_is_the_next_one(date, period):
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan("Revenue in the first quarter is seen at 12.4 billion yuan.", date)] == [period]


@pytest.mark.parametrize("text", [
    "It announced a robust third quarter for 2024, with revenue of $2 billion.",
    "Revenue in the third quarter of 2024 was $2 billion.",
])
def test_a_year_after_a_quarter_is_its_year(text):
    # an article of 2025 on a quarter "for 2024": the year written, not the article's
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(text, "2025-11-06")] == ["2024Q3"]


def test_a_first_quarter_beside_the_year_s_later_quarters_is_this_year_s():
    # A third-quarter results story in October lists the year's quarters: Q1 is not next year's.
    from reconcile.extraction.periods import scan
    text = "第一季度营收10亿元，第二季度12亿元，第三季度15亿元。"
    assert [h.period for h in scan(text, "2025-10-28")] == ["2025Q1", "2025Q2", "2025Q3"]


def test_a_quarter_stated_by_its_months_is_never_rolled_into_next_year():
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize("Revenue in the quarter ended March 31 was $4.1 billion."),
                                   "2025-12-11")] == ["2025Q1"]


def test_a_half_without_a_year_late_in_the_year_is_this_year_s():
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan("上半年营收124亿元。", "2025-12-11")] == ["2025H1"]


@pytest.mark.parametrize("text", ["the A4Q25 engine", "a 3Q ramp", "model Q5"])
def test_letters_and_digits_around_q_are_no_compact_period(text):
    from reconcile.extraction.periods import scan
    assert scan(text, "2025-11-20") == []


@pytest.mark.parametrize("text, period", [
    ("甲骨文2026财年第一财季营收增长12%。", "FY2026Q1"),
    ("2026财年：该公司第一财季营收增长12%。", "FY2026Q1"),  # the fiscal year named before it
    ("Revenue for the fiscal first quarter of 2026 rose 12%.", "FY2026Q1"),
    ("In fiscal 2026 the company did well. In its first fiscal quarter revenue rose 12%.", "FY2026Q1"),
])
def test_a_fiscal_quarter_takes_the_fiscal_year_the_text_names(text, period):
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(text, "2025-10-30") if h.period and "Q" in h.period] == [period]


def test_the_full_fiscal_year_is_a_fiscal_year_not_a_fourth_quarter():
    from reconcile.extraction.periods import scan
    hits = scan("In fiscal 2025 it did well. For the full fiscal year, EPS grew 18%.", "2025-11-06")
    assert [h.period for h in hits if h.period] == ["FY2025", "FY2025"]
    # with no fiscal year named, the year under way and the year just reported are both read so:
    # no period rather than a guess
    assert [h.period for h in scan("For the full fiscal year, revenue will be about $210 billion.", "2025-11-20")
            if h.period] == []
    assert [h.period for h in scan("In financial year 2025 sales rose. For the full financial year, EPS grew 18%.",
                                   "2025-06-06") if h.period] == ["FY2025", "FY2025"]


def test_an_adjective_of_place_is_no_company(tmp_path):
    # "Hong Kong-listed": the place and its affix make one adjective; no company called "Hong".
    ids = _entities(tmp_path, "Harbor Foods reported its results. The Hong Kong-listed company's profit rose 38% to "
                              "$1.2 billion.", lang="en")
    assert ids["$1.2 billion"] == "harbor foods"


def test_a_name_before_a_titles_colon_is_its_source_not_its_topic(tmp_path):
    # A broker's note titled "Broker: Company's quarter …", the broker named as often as the company
    # in the body: the figures without a name of their own are the company's.
    write_article(tmp_path, "b.md", '"Morgan Stanley: Harbor Foods first half beat forecasts"', "2025-08-20",
                  "According to Morgan Stanley, Harbor Foods had a strong half. Morgan Stanley raised its "
                  "target. During the half, total revenue rose 24% to $3.1 billion.", lang="en")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["$3.1 billion"] == ents["24%"] == "harbor foods"


@pytest.mark.parametrize("lead", [
    "The note from Ridgeway Securities indicates that Harbor Foods (01234) is on track",
    "Ridgeway Securities released a research report stating that Harbor Foods is on track",
    "Ridgeway Securities: Harbor Foods (01234) target price raised to HK$30",
    "Analysts at Ridgeway Securities expect Harbor Foods to stay on track",
])
def test_a_research_house_named_first_is_the_source_not_the_company(tmp_path, lead):
    # A broker's summary names the house first and the company after it; the figures of the next
    # clause and of sentences naming nobody are the company's, not the house's.
    ents = _entities(tmp_path, f"{lead}, with a projected net profit of 9.6 billion yuan. Revenue rose 21% to "
                               "8.5 billion yuan in the quarter.", lang="en")
    assert ents["9.6 billion yuan"] == ents["8.5 billion yuan"] == "harbor foods"


@pytest.mark.parametrize("body, lang", [
    ("Harbor Foods maintained its lead over Kestrel Robotics. Revenue rose 21% to $8.5 billion.", "en"),
    ("Harbor Foods reiterated its guidance after Kestrel Robotics cut prices. Revenue rose 21% to $8.5 billion.",
     "en"),
    ("Harbor Foods reported that demand held up against Kestrel Robotics. Revenue rose 21% to $8.5 billion.", "en"),
    ("In its letter to holders, Harbor Foods: demand beat forecasts as Kestrel Robotics slowed. Revenue rose 21% "
     "to $8.5 billion.", "en"),
    ("澄川能源集团认为，岭南电池集团的份额将下降。营收达到8.5亿元。", None),
    ("澄川能源集团报告期内岭南电池集团订单增加。营收达到8.5亿元。", None),
])
def test_a_company_that_speaks_of_itself_is_no_source(tmp_path, body, lang):
    # A company maintains, reiterates, reports, heads a line or 认为 of itself: only a research
    # house (a broker the list knows, a name ending in Securities or 证券) is a source so.
    ents = _entities(tmp_path, body, lang=lang)
    figure = "$8.5 billion" if lang else "8.5亿元"
    assert ents[figure] == ("harbor foods" if lang else "澄川能源")


def test_a_company_that_becomes_another_s_supplier_keeps_its_figures(tmp_path):
    # 成为 makes the next name an object, as 为 does: X成为Y的供应商 is X's contract.
    ents = _entities(tmp_path, "澄川能源集团成为岭南电池集团供应商后获得24亿元合同。")
    assert ents["24亿元"] == "澄川能源"


@pytest.mark.parametrize("lead", ["据岭南证券研报，澄川能源集团", "岭南证券发布研报称，澄川能源集团", "岭南证券认为澄川能源集团"])
def test_a_research_house_is_the_source_in_chinese_too(tmp_path, lead):
    ents = _entities(tmp_path, f"{lead}第三季度表现稳健，营收达到120亿元。净利润为15亿元。")
    assert ents["120亿元"] == ents["15亿元"] == "澄川能源"


@pytest.mark.parametrize("name, plain", [("Ørsvik Vind", "Orsvik Vind"), ("Société Lumière", "Societe Lumiere"),
                                         ("Škarda Motors", "Skarda Motors")])
def test_a_name_with_diacritics_is_read_whole_and_matches_its_plain_spelling(tmp_path, name, plain):
    # Outlets write a European company's name with or without its accents: one company either way,
    # and the name is read whole (never cut at its first accented letter).
    a = _entities(tmp_path, f"Shareholders backed {name} on Monday. {name} raised $60 million.", lang="en")
    b = _entities(tmp_path, f"Shareholders backed {plain} on Monday. {plain} raised $60 million.", lang="en")
    assert a["$60 million"] == b["$60 million"] == name_id(plain)


def test_a_heading_after_a_summary_s_citation_mark_is_no_company(tmp_path):
    # AI summaries of broker notes run their headings into the text after a citation mark.
    from reconcile.extraction.names import latin_names
    text = ("Core Viewpoint - Harbor Foods had a steady quarter, revenue up 4% [1] Financial Forecasts - The report "
            "forecasts a net profit of 9.6 billion yuan for 2026 [2]")
    assert [n[2] for n in latin_names(text, lambda word: False)] == ["Harbor Foods"]


@pytest.mark.parametrize("text", ["It took 1h 25 minutes.", "There are 70 H2 refuelling stations.", "the Pixel 10 H1 launch"])
def test_counts_and_models_beside_q_or_h_are_no_compact_period(text):
    from reconcile.extraction.periods import scan
    assert scan(text, "2025-11-20") == []


def test_a_name_before_a_joiner_survives_an_affix_adjective(tmp_path):
    ids = _entities(tmp_path, "Harbor Foods and Kestrel-backed Lanternbrook signed a deal. Harbor Foods will pay "
                              "$120 million for it.", lang="en")
    assert ids["$120 million"] == "harbor foods"


def test_a_mixed_case_word_after_a_code_word_is_no_ticker(tmp_path):
    # 代码 is also "source code": a product name after it is no ticker, and keeps its own figures.
    ids = _entities(tmp_path, "灯溪食品集团发布开源代码Qwenlite。Qwenlite融资500万美元，灯溪食品集团营收12亿元。")
    assert ids["500万美元"] != ids["12亿元"]


def test_a_run_of_capitals_in_brackets_is_read_once(tmp_path):
    # Many capitalised words and no closing bracket: the gloss pattern must not try every split.
    text = "泡泡玛特(Pop Mart INTERNATIONAL GROUP LIMITED HOLDINGS CORPORATION ASIA PACIFIC EUROPE, 9992.HK)上半年营收138.8亿元。"
    from reconcile.extraction.names import chinese_leads
    assert chinese_leads(text, "", 0) == []


@pytest.mark.parametrize("period, end, date, compared", [
    ("FY2026Q1", 6, "2025-10-30", "2025Q3"),   # July to September 2025
    ("FY2025Q4", 9, "2025-10-31", "2025Q3"),   # a fiscal year ending in September
    ("FY2026Q3", 1, "2025-11-20", "2025Q3"),   # ending in January: August to October, most of it in Q3
    ("2026Q1", 6, "2025-10-30", "2025Q3"),     # a calendar quarter not begun yet: the fiscal one
    ("2025Q3", 6, "2025-10-30", "2025Q3"),     # a calendar quarter already ended stays
    ("2025Q4", 10, "2025-12-11", "2025Q3"),    # the quarter under way has no results yet: the fiscal Q4 (Aug-Oct)
    ("FY2026", 6, "2025-10-30", "FY2026"),     # a fiscal year spans two calendar years: as it is
    ("FY2025", 9, "2025-11-06", "FY2025"),     # even one mostly in 2025: "calendar 2025" is another year
    ("FY2026Q1", None, "2025-10-30", "FY2026Q1"),
    ("FY2025Q3", 12, "2025-11-19", "2025Q3"),  # a year ending in December: fiscal and calendar alike
    ("FY2025", 12, "2026-03-25", "2025"),
    ("FY2025H1", 12, "2025-08-20", "2025H1"),
])
def test_a_fiscal_quarter_is_compared_as_its_calendar_quarter(period, end, date, compared):
    from reconcile.extraction.periods import calendar_of
    assert calendar_of(period, end, date) == compared


@pytest.mark.parametrize("period, end, date, fiscal", [
    # the part of that name whose end is nearest the article's date, before or after it
    ("2025Q2", 3, "2025-11-05", "FY2026Q2"),   # a March year in November: July to September, just reported
    ("2025Q2", 3, "2025-08-06", "FY2026Q2"),   # ... in August: the quarter under way (guidance)
    ("2025H1", 3, "2025-11-20", "FY2026H1"),   # a half too
    ("2025Q2", 6, "2025-10-30", "FY2026Q2"),   # a June year in October: October to December, guided
    ("2026Q1", 10, "2025-12-11", "FY2026Q1"),  # an October year in December: November to January
    ("2025Q4", 9, "2025-10-30", "FY2025Q4"),   # a September year: July to September, just reported
    ("2024Q2", 3, "2025-11-05", "FY2025Q2"),   # a year-ago figure ("down from … a year earlier"): a year back
    # a fiscal part whose year periods.scan guessed from the date
    ("FY2026Q1", 5, "2025-10-28", "FY2026Q1"),  # a May year: June to August 2025, just reported
    ("FY2025Q2", 5, "2025-10-28", "FY2026Q2"),  # ... and September to November, guided
    ("FY2024Q3", 3, "2025-02-10", "FY2025Q3"),  # a March year: October to December 2024, just reported
    ("FY2025Q2", 5, "2026-03-10", "FY2025Q2"),  # in March 2026 a year-ago figure (guessed FY2026Q2, shifted)
])
def test_a_part_named_without_a_year_is_the_fiscal_one_nearest_the_date(period, end, date, fiscal):
    from reconcile.extraction.periods import fiscal_meant
    assert fiscal_meant(period, end, date) == fiscal


def test_a_march_year_company_s_second_quarter_without_a_year_is_its_fiscal_one(tmp_path):
    # Arm's year ends in March (rules/entities.toml). In November, one article writes "the second
    # quarter of fiscal 2026" and another 第二季度 alone: the same quarter, so the same fact.
    write_article(tmp_path, "a.md", "Chip designer results", "2025-11-06",
                  "Arm said revenue for the second quarter of fiscal 2026 rose 34% to $1.14 billion.", lang="en")
    write_article(tmp_path, "b.md", "芯片设计商业绩", "2025-11-06", "安谋第二季度营收11.4亿美元，同比增长34%。")
    groups = _groups(analyse([tmp_path]))
    assert sorted(["$1.14 billion", "11.4亿美元"]) in [sorted(g) for g in groups]


def test_a_span_without_a_year_of_a_company_naming_its_year_by_its_start_stays_as_read(tmp_path):
    # 前三季度 (the first three quarters) is no fiscal part fiscal_meant names: it is not moved a year.
    from reconcile import linking as L
    write_article(tmp_path, "a.md", "日产业绩", "2025-11-06", "日产汽车前三季度全球销量为220万辆。")
    report = analyse([tmp_path])
    entries = L._entries(report.mentions, L.Aliases(report.mentions, L.listed_entities()))
    assert [e.period for e in entries if e.m.fig.text == "220万辆"] == ["2025Q1-Q3"]


def test_a_half_without_a_year_of_a_company_naming_its_year_by_its_start_is_its_fiscal_half(tmp_path):
    # Nissan names its year by the year it starts (rules/entities.toml fiscal_year_named_by): in
    # November 2025 its 上半年 is the half to September 2025, FY2025H1 as another article writes it,
    # not the end-named FY2026H1; a fiscal period it writes with a year is compared as written.
    from reconcile import linking as L
    write_article(tmp_path, "a.md", "日产业绩", "2025-11-06", "日产汽车上半年全球销量为148万辆。")
    write_article(tmp_path, "b.md", "日产业绩", "2025-11-06", "日产汽车2025财年上半年全球销量148万辆。")
    report = analyse([tmp_path])
    entries = {(e.m.doc.path[-4:], e.m.fig.text): e.period for e in
               L._entries(report.mentions, L.Aliases(report.mentions, L.listed_entities()))}
    assert entries["a.md", "148万辆"] == entries["b.md", "148万辆"] == "FY2025H1"
    assert sorted(["148万辆", "148万辆"]) in [sorted(g) for g in _groups(report)]


def _agreeing_and_slipped(tmp_path, write, agree: str, slip: str) -> list:
    """(value, the report, the XD rules expected) for the articles `write(folder, value)` writes,
    once with the value the first article states and once with a slip of it."""
    out = []
    for name, value, expected in (("agree", agree, []), ("slip", slip, ["XD001"])):
        folder = tmp_path / name
        folder.mkdir()
        write(folder, value)
        out.append((value, analyse([folder]), expected))
    return out


def _xd_rules(report) -> list[str]:
    return [f.rule for f in report.findings if f.rule.startswith("XD")]


def test_a_price_per_share_links_whether_or_not_its_clause_says_a_share(tmp_path):
    # The price paid for each share is per share by its metric (value_per_share): one article
    # writes 每股, the other only the amount; one fact, and a slip in it is reported.
    def write(folder, value):
        write_article(folder, "a.md", "Broker takeover", "2025-11-03",
                      "Ant Group agreed to buy Tidewater Securities for HK$3.28 in cash.", lang="en")
        write_article(folder, "b.md", "券商收购", "2025-11-04", f"蚂蚁集团同意以每股{value}港元现金收购潮汐证券。")
    for value, report, expected in _agreeing_and_slipped(tmp_path, write, "3.28", "3.82"):
        assert [sorted(g) for g in _groups(report)] == [sorted(["HK$3.28", f"{value}港元"])]
        assert _xd_rules(report) == expected


def test_an_amount_in_billions_is_no_price_per_share_whatever_its_clause_says(tmp_path):
    # "a share" in the clause is the share price's: the valuation beside it is the company's, the
    # fact a Chinese article states with no word of shares.
    write_article(tmp_path, "a.md", "Rocket maker", "2025-07-08",
                  "SpaceX is selling shares at $212 a share for a valuation of $400 billion.", lang="en")
    write_article(tmp_path, "b.md", "火箭公司", "2025-07-09", "SpaceX将进行股票出售，公司估值达到4000亿美元。")
    assert sorted(["$400 billion", "4000亿美元"]) in [sorted(g) for g in _groups(analyse([tmp_path]))]


def test_a_quarter_stated_by_its_months_stays_the_calendar_quarter(tmp_path):
    from reconcile import linking as L
    # In November, a fiscal-September company's "December quarter" is the calendar quarter under
    # way (guidance), while its "Q4 2025" is the fiscal fourth quarter just reported.
    write_article(tmp_path, "a.md", "Results", "2025-11-03",
                  "Apple said revenue for the December quarter would be about $138 billion. Apple's Q4 2025 "
                  "revenue was $102.5 billion.", lang="en")
    report = analyse([tmp_path])
    entries = {e.m.fig.text: e.period for e in
               L._entries(report.mentions, L.Aliases(report.mentions, L.listed_entities()))}
    assert (entries["about $138 billion"], entries["$102.5 billion"]) == ("2025Q4", "2025Q3")


def test_a_listed_company_with_no_fiscal_year_end_closes_its_year_in_december(tmp_path):
    # Kuaishou is listed with no fiscal_year_end: its "2025财年第三季度" is the calendar quarter; an
    # unlisted company's fiscal quarter stays fiscal (its year end is unknown).
    from reconcile import linking as L
    write_article(tmp_path, "a.md", "快手财报", "2025-11-19", "快手2025财年第三季度营收356亿元。")
    write_article(tmp_path, "b.md", "Results", "2025-11-19",
                  "Vellichor Textiles said revenue in the third quarter of fiscal 2025 was $2.1 billion.", lang="en")
    report = analyse([tmp_path])
    entries = {e.m.fig.text: (e.m.period, e.period) for e in
               L._entries(report.mentions, L.Aliases(report.mentions, L.listed_entities()))}
    assert entries["356亿元"] == ("FY2025Q3", "2025Q3")
    assert entries["$2.1 billion"] == ("FY2025Q3", "FY2025Q3")


def test_a_fiscal_and_a_calendar_mention_of_one_quarter_link(tmp_path):
    # One outlet names Microsoft's fiscal quarter, another the calendar quarter it falls in.
    write_article(tmp_path, "f1.md", "微软财报", "2025-10-30", "微软2026财年第一财季营收777亿美元，同比增长18%。")
    write_article(tmp_path, "f2.md", "Microsoft results", "2025-10-30",
                  "In the third quarter of 2025, Microsoft's revenue was $77.7 billion, up 18%.", lang="en")
    report = analyse([tmp_path])
    ms = {m.fig.text: m for m in report.mentions}
    assert (ms["777亿美元"].period, ms["$77.7 billion"].period) == ("FY2026Q1", "2025Q3")  # as written
    assert _levels(report, "777亿美元", "$77.7 billion")["period"] == "same"  # as compared
    linked = [sorted(g) for g in _groups(report)]
    assert ["$77.7 billion", "777亿美元"] in linked


def test_a_region_before_the_metric_word_is_a_segment(tmp_path):
    segs = _segments(tmp_path, "Harbor Foods said its Greater China revenue fell 4% to $1.5 billion.", "en")
    assert segs["$1.5 billion"] == frozenset({"en:greater", "en:china"})


@pytest.mark.parametrize("text, period", [
    ("Revenue in the quarter ended Sept. 30 was $4.1 billion.", "2025Q3"),
    ("Revenue for the three months ended September 30, 2024 was $4.1 billion.", "2024Q3"),
    ("Its September quarter revenue was $4.1 billion.", "2025Q3"),
    ("Sales for the July-September period reached $4.1 billion.", "2025Q3"),
    ("Sales from July to September reached $4.1 billion.", "2025Q3"),
    ("Revenue in the quarter ended October 26 was $4.1 billion.", "2025Q3"),  # Aug-Oct: most of it in Q3
    ("Revenue in the quarter ending January 25 is seen at $4.1 billion.", "2025Q4"),  # Nov-Jan, under way
    ("截至9月30日止三个月，收入为41亿元。", "2025Q3"),
    ("公司公布截至9月季度业绩，收入41亿元。", "2025Q3"),
    ("7-9月收入41亿元。", "2025Q3"),
    ("2024年7月至9月收入41亿元。", "2024Q3"),
    ("Sales from January to June reached $4.1 billion.", "2025H1"),
    ("2024年7月至12月收入41亿元。", "2024H2"),
])
def test_a_quarter_stated_by_its_months_is_the_calendar_quarter(text, period):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize(text), "2025-11-05")] == [period]


@pytest.mark.parametrize("text, period", [
    ("截至2025年6月30日止六個月，收益為41億元。", "2025H1"),  # a Hong Kong interim report's heading
    ("截至今年6月底止中期业绩显示，收入41亿元。", "2025H1"),
    ("For the six months ended 30 June 2025, revenue was $4.1 billion.", "2025H1"),
    ("In the half-year to June 30, sales reached $4.1 billion.", "2025H1"),
    ("Revenue for the nine months ended September 30, 2025 was $4.1 billion.", "2025Q1-Q3"),
    ("截至2025年9月30日止九个月，收入41亿元。", "2025Q1-Q3"),
    ("For the year ended December 31, 2024, revenue was $4.1 billion.", "2024"),
    ("截至2024年12月31日止年度，收入41亿元。", "2024"),
    ("For the year ended March 31, 2025, revenue was $4.1 billion.", "FY2025"),  # a fiscal year ends in March
    ("For the six months ended 30 June 2024, revenue was $4.1 billion.", "2024H1"),  # day first, another year
    ("For the year ended December 31, revenue was $4.1 billion.", "2024"),  # ended: last year's, in November
    ("截至12月31日止年度，收入41亿元。", "2024"),
])
def test_six_nine_or_twelve_months_ended_a_month_are_a_half_three_quarters_or_a_year(text, period):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize(text), "2025-11-05")] == [period]


@pytest.mark.parametrize("text", [
    "截至2025年9月30日止六个月，收入为389.9亿港元。",  # April to September: no calendar half
    "Sales in the 16 months ended June 30, 2025 rose.",  # 16 months are not six
])
def test_other_spans_ended_a_month_name_no_period(text):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert scan(normalize(text), "2025-11-25") == []


@pytest.mark.parametrize("text", [
    "Sales from March to September reached $4.1 billion.",  # seven months: no quarter, no half
    "发布会于10月20日至11月3日举行，收入41亿元。",  # two dates, no span of months
])
def test_months_that_are_no_quarter_state_no_period(text):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize(text), "2025-11-05") if h.period and "Q" in h.period] == []


@pytest.mark.parametrize("text, period", [
    ("Toyota expects more for the fiscal year ending March 31, 2026.", "FY2026"),
    ("公司预计截至2026年3月31日的财年营业利润为3.4万亿日元。", "FY2026"),
])
def test_a_fiscal_year_said_to_end_in_a_month_is_the_fiscal_year_of_that_year(text, period):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize(text), "2025-11-05")] == [period]


@pytest.mark.parametrize("text, periods", [
    ("Revenue for the nine-month period ended Sept. 30 rose.", ["2025Q1-Q3"]),  # three quarters, not one
    ("The lock-up period ends Dec. 31.", []),
    ("Sales in the 13 months ended June 30 rose.", []),
    ("受12月季节性因素影响，销量回落。", []),  # 季节: a season, no quarter
    ("Markets priced in a December quarter-point cut.", []),
])
def test_words_near_a_month_that_state_no_quarter(text, periods):
    from reconcile.extraction.normalize import normalize
    from reconcile.extraction.periods import scan
    assert [h.period for h in scan(normalize(text), "2025-11-05")] == periods


def test_the_letters_of_a_currency_sign_are_no_company(tmp_path):
    # NT$ is the Taiwan dollar: "NT" is no company that takes the sentence's figures.
    ids = _entities(tmp_path, "Harbor Foods reported its results. Earnings per share stood at NT$4.15, "
                              "against NT$3.55 a year before.", lang="en")
    assert ids["NT$4.15"] == ids["NT$3.55"] == "harbor foods"


@pytest.mark.parametrize("sentence, metric", [
    ("The platform's GMV rose 12% to $4 billion.", "gmv"),
    ("The average selling price rose 3% to $410.", "asp"),
    ("The offer is a 30% premium to the last close.", "price_premium"),
    ("Capacity utilization reached 95.8%.", "utilization"),
    ("Its shares closed 6.3% lower.", "stock_move"),
])
def test_common_financial_measures_name_their_metric(tmp_path, sentence, metric):
    write_article(tmp_path, "m.md", "Harbor Foods", "2025-11-05", f"Harbor Foods said so. {sentence}", lang="en")
    report = analyse([tmp_path])
    assert {m.metric for m in report.mentions if m.fig.kind != "date"} == {metric}


@pytest.mark.parametrize("sentence, company", [
    ("Its AI-related sales reached $2.1 billion.", "harbor foods"),
    ("In China, AI-related sales reached $2.1 billion.", "harbor foods"),
    ("The Tylenol-maker Kenvue sold $2.1 billion.", "kenvue"),  # a description before the name, not part of it
])
def test_a_hyphenated_word_ending_in_lower_case_is_no_company(tmp_path, sentence, company):
    ids = _entities(tmp_path, f"Harbor Foods reported its results. {sentence}", lang="en")
    assert ids["$2.1 billion"] == company


def test_a_hyphenated_name_capitalises_each_part(tmp_path):
    ids = _entities(tmp_path, "Revenue at Kestrel-Brook reached $2.1 billion, the company said.", lang="en")
    assert ids["$2.1 billion"] == "kestrel-brook"


@pytest.mark.parametrize("text, scope", [
    ("In the third quarter, Harbor Foods' revenue fell 5.5% from the second quarter.", "qoq"),
    ("Harbor Foods' third-quarter revenue was 5.5% below the third quarter of 2024.", "yoy"),
    ("港湾食品第三季度营收较第二季度下降5.5%。", "qoq"),
    ("In the third quarter, Harbor Foods' revenue fell 5.5%.", "yoy"),  # unmarked: year on year
])
def test_a_change_against_a_named_quarter_takes_its_basis_from_it(tmp_path, text, scope):
    write_article(tmp_path, "q.md", "Harbor Foods results", "2025-10-30", text, lang="zh" if "港湾" in text else "en")
    (m,) = [m for m in analyse([tmp_path]).mentions if m.fig.text == "5.5%"]
    assert m.scope == (scope,)


def test_a_headline_figure_links_to_other_articles(tmp_path):
    # A headline states a fact as the body does: it links across documents like any other mention
    # (IN001 still holds it against its own body).
    write_article(tmp_path, "a.md", "微软第三季度资本支出349亿美元", "2025-10-30",
                  "微软公布财报，第三季度资本支出为349亿美元，同比增长74%。")
    write_article(tmp_path, "b.md", "Cloud spending", "2025-10-30",
                  "Microsoft said capital expenditure in the third quarter was $34.9 billion.", lang="en")
    report = analyse([tmp_path])
    headline = [m for m in report.mentions if m.in_title]
    assert [m.fig.text for m in headline] == ["349亿美元"]
    group = next(g for g in _groups(report) if "$34.9 billion" in g)
    assert sorted(group) == sorted(["349亿美元", "349亿美元", "$34.9 billion"])


def _seated(tmp_path, articles: dict[str, str], seated: set[tuple[str, str]]):
    """Articles (file -> body) on a chip maker's revenue growth; the group is formed by hand from the
    `seated` (file, figure) pairs, as a greedy merge may seat them, every other figure alone and
    linked to each seated figure of another article; then _seat_the_agreeing runs. The (file,
    figure) pairs of the group it leaves."""
    from reconcile import linking as L

    for name, body in articles.items():
        write_article(tmp_path, name, "Quarter", "2025-10-16", body, lang="en")
    mentions = [m for m in analyse([tmp_path]).mentions if m.fig.unit == "percent"]
    w = L.weights()
    entries = L._entries(mentions, L.Aliases(mentions, set()), count_rivals=True)
    clusters = {i: L._Cluster.of(i, e, w.scope_family) for i, e in enumerate(entries)}
    parent = list(range(len(entries)))
    texts = [(e.m.doc.path.rsplit("/", 1)[-1], e.m.fig.text) for e in entries]
    group = [i for i, t in enumerate(texts) if t in seated]
    assert len(group) == len(seated)
    for k in group[1:]:
        clusters[group[0]].absorb(clusters.pop(k))
        parent[k] = group[0]
    scored = [(-6.0, k, x) for k in group for x in range(len(entries))
              if x not in group and texts[x][0] != texts[k][0]]
    L._seat_the_agreeing(clusters, parent, entries, scored, w)
    out = next(c for c in clusters.values() if len(c.members) > 1)
    return sorted(texts[k] for k in out.members)


_GROWTH = "Ardent Semiconductor said third-quarter revenue rose {} from a year earlier."


def test_a_seat_goes_to_the_figure_its_document_shares_with_the_others(tmp_path):
    # The fifth article gives the growth in local currency and in dollars: of its two figures, the
    # group's seat goes to the one the four other articles state.
    articles = {f"a{n}.md": _GROWTH.format("30.3%") for n in range(4)}
    articles["e.md"] = _GROWTH.format("30.3%") + " In dollars, revenue rose 40.8% from a year earlier."
    seated = {(f"a{n}.md", "30.3%") for n in range(4)} | {("e.md", "40.8%")}
    group = _seated(tmp_path, articles, seated)
    assert ("e.md", "30.3%") in group and ("e.md", "40.8%") not in group


def test_a_lone_disagreeing_figure_keeps_its_seat(tmp_path):
    # An article whose only figure disagrees is the disagreement to report: a figure of another
    # article that agrees with the group does not take its seat.
    articles = {f"a{n}.md": _GROWTH.format("30.3%") for n in range(4)}
    articles["e.md"] = _GROWTH.format("40.8%")
    articles["f.md"] = _GROWTH.format("30.3%")
    seated = {(f"a{n}.md", "30.3%") for n in range(4)} | {("e.md", "40.8%")}
    group = _seated(tmp_path, articles, seated)
    assert ("e.md", "40.8%") in group and ("f.md", "30.3%") not in group


def test_a_figure_that_agrees_with_one_other_takes_no_seat(tmp_path):
    # The group's other articles disagree among themselves; the fifth article's 30.3% agrees with
    # one of them only: too little to tell which of its two figures the group is about.
    articles = {f"a{n}.md": _GROWTH.format(v) for n, v in enumerate(("30.3%", "25%", "26%", "27%"))}
    articles["e.md"] = _GROWTH.format("30.3%") + " In dollars, revenue rose 40.8% from a year earlier."
    seated = {("a0.md", "30.3%"), ("a1.md", "25%"), ("a2.md", "26%"), ("a3.md", "27%"), ("e.md", "40.8%")}
    group = _seated(tmp_path, articles, seated)
    assert ("e.md", "40.8%") in group and ("e.md", "30.3%") not in group


def test_of_two_figures_one_article_states_the_one_another_agrees_with_links(tmp_path):
    # The second article gives two valuations in sentences worded alike, the talks' first; the first
    # article states the earlier one. Scored alike, the agreeing pair links first: no disagreement
    # is reported, where the figure written first had been linked and called a conflict.
    write_article(tmp_path, "a.md", "Round closes", "2025-11-18",
                  "Quorra Robotics said its valuation was $45 billion after the round.", lang="en")
    write_article(tmp_path, "b.md", "Talks", "2025-11-19",
                  "Quorra Robotics said its valuation was $80 billion after the round.\n\n"
                  "Quorra Robotics said its valuation was $45 billion after the round.", lang="en")
    report = analyse([tmp_path])
    linked = [sorted((m.doc.path.rsplit("/", 1)[-1], m.fig.text) for m in g.mentions) for g in report.groups if g.linked]
    assert linked == [[("a.md", "$45 billion"), ("b.md", "$45 billion")]]
    assert [f.rule for f in report.findings if f.rule == "XD001"] == []


@pytest.mark.parametrize("text", [
    "Workflow\n吉利汽车三季度业绩\n\n第三季度营收为610亿元，同比增长27%。吉利汽车表示销量创新高。\n",
    # named once below the menu word: the menu word, weighed as the headline's name and rejected,
    # does not count again among the sentences' openers, so it no longer ties with the company
    "Workflow\n吉利汽车(00175.HK)：三季度单车盈利改善\n\n第三季度营收为610亿元，同比增长27%。\n",
])
def test_a_menu_word_above_the_headline_is_no_topic(tmp_path, text):
    # A page's menu word stands where the headline would ("Workflow" above a Chinese article): a
    # name in no list that the body never repeats is not what the article is about, so a figure
    # of a sentence that names no company is the company the article names.
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    report = analyse([tmp_path])
    revenue = next(m for m in report.mentions if m.fig.text == "610亿元")
    assert revenue.entity == "geely"


def test_the_first_sentence_names_a_brand_where_there_is_no_headline(tmp_path):
    # Copy pasted without its headline: the brand that opens its first sentence, and that the
    # rest repeats, is a name (as a headline's opening is), so a figure of a sentence that names
    # no company is that brand's.
    (tmp_path / "q.md").write_text(
        "澄湾咖啡以一份强劲的季度业绩回应市场。第三季度营收为52.3亿元，同比增长31%。澄湾咖啡门店总数达到8000家。\n",
        encoding="utf-8")
    report = analyse([tmp_path])
    revenue = next(m for m in report.mentions if m.fig.text == "52.3亿元")
    assert revenue.entity == name_id("澄湾咖啡")


def test_additions_and_running_totals_are_two_facts(tmp_path):
    # One article gives a coffee chain's new customers and its total to date side by side; another
    # gives only the new ones. The total is ten times the additions by chance: no slip, no link.
    write_article(tmp_path, "t1.md", "咖啡季报", "2025-11-04",
                  "澄湾咖啡表示，第三季度新增客户超3100万，累计客户数超3.1亿。")
    write_article(tmp_path, "t2.md", "咖啡三季报", "2025-11-04", "澄湾咖啡表示，第三季度新增客户超3100万。")
    report = analyse([tmp_path])
    assert not [f for f in report.findings if f.rule == "XD001"]
    assert not any("超3.1亿" in g for g in _groups(report))
    assert ["超3100万", "超3100万"] in _groups(report)


def test_a_running_total_links_where_the_other_article_leaves_it_unsaid(tmp_path):
    # 累计 on one side only is no other fact: copy often leaves "to date" unsaid.
    write_article(tmp_path, "t3.md", "车企交付", "2025-11-04", "澄湾集团今年累计交付新车81.2万辆。")
    write_article(tmp_path, "t4.md", "车企交付量", "2025-11-05", "澄湾集团今年交付新车81.2万辆。")
    report = analyse([tmp_path])
    assert {m.scope for m in report.mentions} == {("cumulative",), ()}
    assert ["81.2万辆", "81.2万辆"] in _groups(report)


@pytest.mark.parametrize("tail", ["a year earlier", "in the same period last year", "for the year-ago quarter",
                                  "in the prior year", "for the previous year"])
def test_a_year_ago_figure_takes_the_year_before(tmp_path, tail):
    # The comparison base after "compared with" is last year's quarter, however the marker is led in.
    write_article(tmp_path, "y1.md", "Retailer results", "2025-10-31",
                  f"Ostrava Retail said third-quarter net sales rose 13% to $180.2 billion, compared with $158.9 "
                  f"billion {tail}.", lang="en")
    report = analyse([tmp_path])
    period = {m.fig.text: m.period for m in report.mentions if m.fig.kind == "currency"}
    assert period == {"$180.2 billion": "2025Q3", "$158.9 billion": "2024Q3"}


def test_a_figure_after_last_years_possessive_in_its_clause_is_last_years(tmp_path):
    # "from last year's third-quarter profit of $9.1 billion": the possessive opens the clause's
    # words before the figure; the figure before it and one after another figure are this year's.
    write_article(tmp_path, "y3.md", "Retailer results", "2025-10-31",
                  "Ostrava Retail said third-quarter profit climbed to $12.4 billion from last year's third-quarter "
                  "profit of $9.1 billion, and its margin was 6.2%.", lang="en")
    report = analyse([tmp_path])
    period = {m.fig.text: m.period for m in report.mentions if m.fig.kind == "currency"}
    assert period == {"$12.4 billion": "2025Q3", "$9.1 billion": "2024Q3"}


@pytest.mark.parametrize("sentence, period", [
    # the possessive itself is the period: last year, once (not the year before it)
    ("Last year’s net income was $9.1 billion, Ostrava Retail said.", "2024"),
    # too many words between: the merger was last year's, the revenue this quarter's
    ("After last year's merger Ostrava Retail reported third-quarter revenue of $5.3 billion.", "2025Q3"),
])
def test_a_year_ago_possessive_shifts_a_period_once_and_only_nearby(tmp_path, sentence, period):
    write_article(tmp_path, "y4.md", "Retailer results", "2025-10-31", sentence, lang="en")
    assert [m.period for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"] == [period]


@pytest.mark.parametrize("sentence, lang, period", [
    # a relative year before or after a quarter's or half's name dates it, from the article's date
    ("Ostrava Retail's sales were $6.4 billion in Q3 last year.", "en", "2024Q3"),
    ("Ostrava Retail's sales were $6.4 billion in the third quarter of last year.", "en", "2024Q3"),
    ("Ostrava Retail's sales were $6.4 billion in last year's third quarter.", "en", "2024Q3"),
    ("Ostrava Retail's profit was $2.3 billion in the first half of this year.", "en", "2025H1"),
    ("澄湾集团去年第三季度营收为50.1亿元。", "zh", "2024Q3"),
    ("澄湾集团今年上半年营收为95.5亿元。", "zh", "2025H1"),
    ("澄湾集团明年第一季度营收预计为30.2亿元。", "zh", "2026Q1"),
])
def test_a_quarter_of_a_relative_year_is_that_years(tmp_path, sentence, lang, period):
    write_article(tmp_path, "r.md", "Results", "2025-10-31", sentence, lang=lang)
    assert [m.period for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"] == [period]


@pytest.mark.parametrize("sentence, periods", [
    # a comma ends the quarter's phrase: last year's is the next clause's
    ("Ostrava Retail's revenue rose 10% in the third quarter, last year's acquisition of Brightwater added "
     "$50 million.", {"10%": "2025Q3"}),
    # "last year" is a calendar year: a fiscal quarter's stays the fiscal year's own
    ("Orvane Software's revenue in the fiscal first quarter was $77.7 billion, up 18% from $65.6 billion in "
     "the fiscal first quarter of last year.", {"$77.7 billion": "FY2026Q1"}),
])
def test_a_relative_year_dates_only_its_own_calendar_quarter(tmp_path, sentence, periods):
    write_article(tmp_path, "r.md", "Results", "2025-10-31", sentence, lang="en")
    found = {m.fig.text: m.period for m in analyse([tmp_path]).mentions}
    assert {t: found[t] for t in periods} == periods


def test_a_figure_risen_from_a_year_earlier_is_of_its_own_quarter(tmp_path):
    # "from a year earlier" after a figure says what it grew from, not that it is last year's.
    write_article(tmp_path, "y2.md", "Retailer results", "2025-10-31",
                  "Ostrava Retail said third-quarter net sales rose 13% to $180.2 billion from a year earlier.", lang="en")
    report = analyse([tmp_path])
    assert {m.fig.text: m.period for m in report.mentions if m.fig.kind == "currency"} == {"$180.2 billion": "2025Q3"}


def test_a_metric_word_inside_a_corporate_suffix_does_not_cut_the_name(tmp_path):
    # 股 (shares) is a metric word and the last character of 控股: the name is 澄湾控股 whole, so its
    # id drops the suffix as any other (澄湾), not a cut-off 澄湾控.
    write_article(tmp_path, "cs.md", "上市", "2025-06-23", "澄湾控股的股票发行价定为每股22.53港元。澄湾控股共发售3亿股。")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions} == {name_id("澄湾控股")} == {"澄湾"}


@pytest.mark.parametrize("title, heading", [("Results", "# Zorvane Motors\n\n"), ("Zorvane Motors", "")])
def test_a_heading_that_is_only_a_name_still_names_it(tmp_path, title, heading):
    write_article(tmp_path, "hd.md", title, "2025-11-03",
                  f"{heading}The company said quarterly revenue rose 12% to 89 billion yuan.", lang="en")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions if m.fig.kind != "date"} == {name_id("Zorvane Motors")}


def test_a_label_alone_on_its_line_names_nobody(tmp_path):
    # Pages put their furniture on lines of its own (Advertisement, a site's name, Key Takeaways):
    # "the company" after it is still the company the prose named.
    write_article(tmp_path, "ad.md", "Results", "2025-11-03",
                  "Zorvane Motors said quarterly revenue rose 12% to 89 billion yuan.\n\nAdvertisement\n\n"
                  "The company said its margin improved to 18%.", lang="en")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions if m.fig.kind != "date"} == {name_id("Zorvane Motors")}


def test_an_insurers_new_business_value_is_a_metric_not_a_name(tmp_path):
    # NBV is the value of the new business an insurer wrote: a metric in both languages, never a
    # company, so the two articles' figures are the insurer's and link.
    write_article(tmp_path, "i1.md", "保险季报", "2025-10-29", "Chengwan Insurance表示，前三季度NBV同比增长38.6%至281.5亿元。")
    write_article(tmp_path, "i2.md", "Insurer results", "2025-10-29",
                  "Chengwan Insurance Group said its value of new business rose 38.6% to 28.15 billion yuan in the "
                  "first three quarters.", lang="en")
    report = analyse([tmp_path])
    money = [m for m in report.mentions if m.fig.kind == "currency"]
    assert {m.metric for m in money} == {"new_business_value"}
    assert "nbv" not in {m.entity for m in report.mentions}
    assert sorted(["281.5亿元", "28.15 billion yuan"]) in [sorted(g) for g in _groups(report)]


def test_a_line_in_capitals_names_no_company_by_its_capitals(tmp_path):
    # A results announcement shouts its heading; its words are no company's name unless the prose
    # writes them as one.
    write_article(tmp_path, "sh.md", "Results", "2025-10-29",
                  "Chengwan Insurance Group announced its results today.\n\nUNAUDITED RESULTS FOR THE NINE MONTHS ENDED "
                  "30 SEPTEMBER 2025\n\nOperating profit rose 7.2% to 116.9 billion yuan.", lang="en")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions if m.fig.kind != "date"} == {name_id("Chengwan Insurance Group")}


@pytest.mark.parametrize("years", ["2025/26/27年", "2025-27年", "2025-2027年"])
def test_each_member_of_a_slash_list_takes_its_year(tmp_path, years):
    # A broker's forecasts, one per year: the k-th value is the k-th year's, and a list of a
    # length that does not match the years keeps the sentence's period.
    write_article(tmp_path, "fc.md", "预测", "2025-11-12",
                  f"我们预计澄湾集团{years}归母净利润分别为25.5/33.7/45.8亿元。预计{years}门店分别增加30/40家。")
    report = analyse([tmp_path])
    period = {m.fig.text: m.period for m in report.mentions if m.fig.kind in ("currency", "count")}
    assert (period["25.5"], period["33.7"], period["45.8亿元"]) == ("2025", "2026", "2027")
    assert period["30"] == period["40家"]


@pytest.mark.parametrize("sentence, metric", [
    ("澄湾音乐表示，第三季度在线音乐ARPPU达11.9元。", "arppu"),
    ("Chengwan Group said adjusted EBITA rose 5% to 46.4 billion yuan.", "ebita"),
])
def test_platform_and_profit_acronyms_are_metrics(tmp_path, sentence, metric):
    # ARPPU (revenue per paying user) and EBITA (not EBITDA) name what a figure measures, never a company.
    write_article(tmp_path, "ac.md", "Results", "2025-11-12", sentence, lang="en" if sentence.isascii() else "zh-Hans")
    report = analyse([tmp_path])
    money = [m for m in report.mentions if m.fig.kind == "currency"]
    assert {m.metric for m in money} == {metric}
    assert not {"arppu", "ebita"} & {m.entity for m in report.mentions}


@pytest.mark.parametrize("chinese, latin", [
    ("澄湾信息", "Chengwan Information"),  # pinyin, with a word of trade read as its Chinese (信息)
    ("澄湾", "Cheng Wan"),  # pinyin split in two words
    ("澄湾科技", "Chengwan"),  # the English copy drops the word of trade the Chinese name ends in
    ("澄湾科技", "Chengwan Technology"),
    ("澄湾实业", "Chengwan Industries"),  # more words of trade: industries, logistics, shipping …
    ("澄湾物流", "Chengwan Logistics"),
])
def test_a_latin_name_in_pinyin_is_the_chinese_name_it_spells(tmp_path, chinese, latin):
    # No list knows the company and its figures agree on one value only (alignment by figures needs
    # three): the English copy writes its name in pinyin. One company: a slip between them is found.
    zh = f"{chinese}公司第三季度营收152.9亿元，同比增长12%。"
    en = f"{latin} Inc. said third-quarter revenue was RMB1529 billion."
    folder = tmp_path / "c"
    folder.mkdir()
    write_article(folder, "zh.md", "三季度业绩", "2025-11-18", zh)
    write_article(folder, "en.md", "Quarterly results", "2025-11-18", en, lang="en")
    report = analyse([folder])
    slips = [f for f in report.findings if f.rule == "XD001" and f.severity == "error"]
    assert [sorted(m.fig.text for m in f.mentions) for f in slips] == [["152.9亿元", "RMB1529 billion"]]


def test_names_align_by_spelling_only_across_scripts_and_never_on_a_shared_key():
    from reconcile.name_alignment import spelled
    from reconcile.linking import listed_entities
    listed = listed_entities()
    same = lambda x: x  # noqa: E731
    # the same letters but for spaces and hyphens, the pinyin of a Chinese name
    assert spelled(["chengwan tech", "cheng-wan tech", "澄湾"], same, listed) == [("chengwan tech", "cheng-wan tech")]
    assert spelled(["chengwan", "澄湾"], same, listed) == [("澄湾", "chengwan")]
    # two Chinese names that sound alike (澄湾 and 城湾 are both chengwan) stay apart, and so does the
    # Latin name that could be either
    assert spelled(["澄湾", "城湾"], same, listed) == []
    assert spelled(["chengwan", "澄湾", "城湾"], same, listed) == []
    # one syllable is too little to tell (Zhang, 张), and other letters are another name
    assert spelled(["zhang", "张"], same, listed) == []
    assert spelled(["chengwen", "澄湾"], same, listed) == []
    # a Chinese name and its short form are one company: both take the Latin spelling
    assert spelled(["chengwan", "澄湾", "澄湾科技"], same, listed) == [("澄湾", "chengwan"), ("澄湾科技", "chengwan")]
    # ... but two longer names that share the short one (澄湾科技, 澄湾银行) are two companies
    assert spelled(["chengwan", "澄湾", "澄湾科技", "澄湾银行"], same, listed) == []


def test_a_chinese_name_spells_its_romanised_name_in_any_of_its_readings():
    from reconcile.name_alignment import spelled
    from reconcile.linking import listed_entities
    listed = listed_entities()
    same = lambda x: x  # noqa: E731
    # 长 reads zhang more often than chang; the company romanises it Chang, and English copy drops
    # the Chinese trade word for its own (科技 and Memory): the opening pinyin spells the stem
    assert spelled(["长澄科技", "changcheng memory"], same, listed) == [("长澄科技", "changcheng memory")]
    # that opening pinyin is compared with Chinese names only: two Latin names that open alike
    # (a city and its ports) are no one company, nor either the Chinese name two of them could be
    assert spelled(["chengwan city", "chengwan ports"], same, listed) == []
    assert spelled(["chengwan city", "chengwan ports", "澄湾科技"], same, listed) == []
    # a listed company's Chinese name keeps its commonest reading: 华虹 (Hua Hong) is never "huajiang";
    # nor is its pinyin a stem a Latin name's opening words match (广汽 is no Guangzhou Metro)
    assert spelled(["huajiang grand canyon bridge"], same, listed) == []
    assert spelled(["guangzhou metro"], same, listed) == spelled(["dezhou power"], same, listed) == []
    # the other readings of every character are tried, the first's too (长 of 长和澄乐)
    assert spelled(["长和澄乐", "changhe chengle"], same, listed) == [("长和澄乐", "changhe chengle")]
    # a Chinese name two Latin names spell aligns with both, whatever the order of the corpus
    assert spelled(["chengwan keji", "澄湾科技", "chengwan"], same, listed) == \
        spelled(["chengwan", "chengwan keji", "澄湾科技"], same, listed) == \
        [("澄湾科技", "chengwan"), ("澄湾科技", "chengwan keji")]


def test_a_board_that_lists_a_company_is_no_rival_name_for_its_figures(tmp_path):
    # A summary of the board's new listings writes the chip maker's offer price and raise as the
    # STAR Market's: the board is where the company lists, so the Chinese name still aligns with
    # the one English name that writes both facts.
    from reconcile import linking as L
    from reconcile.name_alignment import aligned

    write_article(tmp_path, "a.md", "Chip maker lists", "2025-12-17", "Zorvane Chips priced its shares at "
                  "104.66 yuan each and raised 4.197 billion yuan in the offering.", lang="en")
    write_article(tmp_path, "b.md", "澄曦芯片上市", "2025-12-17", "澄曦芯片表示，发行价为104.66元，募资41.97亿元。")
    write_article(tmp_path, "c.md", "科创板新股", "2025-12-17", "科创板新股发行价104.66元，募资41.97亿元。")
    mentions = analyse([tmp_path]).mentions
    assert aligned(mentions, lambda x: x, L.listed_entities()) == [("澄曦", "zorvane chips")]


def test_a_chinese_name_already_tied_to_a_latin_one_is_not_aligned_on_two_chance_values(tmp_path):
    # The courier's Chinese name and its English one share a ticker: it is no name in one script
    # only, so two values another company's copy happens to write do not make it that company.
    from reconcile import linking as L
    from reconcile.name_alignment import aligned

    write_article(tmp_path, "a.md", "澄通快递业绩", "2025-11-19", "快递公司澄通快递有限公司（纽交所代码：CTX）"
                  "（“澄通”或“本公司”）今天公布，第三季度收入为118.65亿元，调整后净利润为25.06亿元。")
    write_article(tmp_path, "b.md", "Chengtong results", "2025-11-19", "Chengtong Express Inc. (NYSE: CTX), a "
                  "delivery company (“CTX” or the “Company”), said parcel volume grew 9.8% in the quarter.", lang="en")
    write_article(tmp_path, "c.md", "Nike in China", "2025-11-19", "Nike said revenue in China was 11.865 billion "
                  "yuan and adjusted profit 2.506 billion yuan.", lang="en")
    mentions = analyse([tmp_path]).mentions
    aliases = L.Aliases(mentions, L.listed_entities())
    assert aliases("澄通") == aliases("chengtong express")
    assert aligned(mentions, aliases, L.listed_entities()) == []


def test_a_company_s_name_is_never_aligned_with_a_regulator_or_an_exchange(tmp_path):
    # An English article gives the IPO's figures to the regulator that approved it: the tea chain's
    # Chinese name still stands for no regulator, however many values the two write alike.
    from reconcile import linking as L
    from reconcile.name_alignment import aligned

    write_article(tmp_path, "a.md", "Tea chain IPO", "2025-02-12", "The CSRC cleared an offering that raised "
                  "1.579 billion yuan at 9.94 yuan a share, for a market value of 23.64 billion yuan.", lang="en")
    write_article(tmp_path, "b.md", "澄茗上市", "2025-02-12", "澄茗募资15.79亿元，发行价9.94元，市值236.4亿元。")
    mentions = analyse([tmp_path]).mentions
    assert aligned(mentions, lambda x: x, L.listed_entities()) == []


def test_an_ampersand_between_words_of_a_name_is_its_and():
    from reconcile.extraction.names import name_id
    assert name_id("Harrow & Vane Holdings") == name_id("Harrow and Vane Holdings") == "harrow and vane"
    assert name_id("H&V") == "h&v"  # glued: a name of its own


def test_a_listed_companys_name_without_its_suffix_spells_it():
    from reconcile.name_alignment import spelled
    from reconcile.linking import listed_entities
    listed = listed_entities()
    same = lambda x: x  # noqa: E731
    # rules/entities.toml lists Li Ning only as 李宁公司 and "Li Ning Company" (bare 李宁 is also its
    # founder): copy that writes 李宁 and "Li Ning" of the company's figures names the listed one
    assert spelled(["李宁", "li ning", "li_ning"], same, listed) == [("li ning", "li_ning"), ("李宁", "li_ning")]
    # a name that sounds the same and is written otherwise is another: nothing aligns on that key
    assert spelled(["李凝", "li ning", "li_ning"], same, listed) == []


def test_figures_in_a_unit_no_metric_word_names_are_compared_as_of_that_unit(tmp_path):
    # Neither sentence names a metric (no "capacity", no 装机): the unit stands for it (linking.toml
    # implied_metric), so the two power figures of one company link across languages, and a
    # transposed digit in one is reported.
    en = "Quorra Energy will supply 960 megawatts to the data center campus, the company said."
    zh = "Quorra Energy将向该数据中心园区供应{}兆瓦，公司表示。"
    for name, value, expected in (("agree", "960", []), ("slip", "690", ["XD001"])):
        folder = tmp_path / name
        folder.mkdir()
        write_article(folder, "a.md", "Power deal", "2025-11-18", en, lang="en")
        write_article(folder, "b.md", "核电协议", "2025-11-19", zh.format(value))
        report = analyse([folder])
        assert [sorted(m.fig.text for m in g.mentions) for g in report.groups if g.linked] == \
            [sorted(["960 megawatts", f"{value}兆瓦"])]
        assert [f.rule for f in report.findings if f.rule.startswith("XD")] == expected
        assert all("(quorra energy, W)" in f.message for f in report.findings if f.rule == "XD001")
        # why they were linked says the unit stood for the metric, not "the same metric (None)"
        assert all("the same metric (W, no metric word)" in f.suggestion for f in report.findings if f.rule == "XD001")


def test_a_yearly_output_in_tonnes_no_word_names_is_compared_as_its_unit_s_metric(tmp_path):
    # "Mtpa" and 年产能…万吨 are one rate (kg/year); no metric word names either, so the unit stands
    # for the plant's capacity (rules/linking.toml implied_metric), and a slip is reported.
    def write(folder, value):
        write_article(folder, "a.md", "Terminal", "2025-11-18",
                      "Coralline Energy will produce 16.5 Mtpa at its new terminal.", lang="en")
        write_article(folder, "b.md", "码头", "2025-11-19", f"Coralline Energy新码头年产能{value}万吨。")
    for value, report, expected in _agreeing_and_slipped(tmp_path, write, "1650", "1560"):
        assert [sorted(g) for g in _groups(report)] == [sorted(["16.5 Mtpa", f"年产能{value}万吨"])]
        assert _xd_rules(report) == expected


def test_counts_no_metric_word_names_are_compared_by_the_english_noun_they_count(tmp_path):
    # No metric word in either sentence: "trains" says what is counted, so two English articles'
    # counts of one company's trains are one fact (a slip in one is reported), while its count of
    # berths is another fact, however alike the wording.
    first = "Coralline Energy will build the Bayou terminal with three LNG trains, the company said."
    second = "Coralline Energy said the Bayou terminal will have {} trains when it is finished."
    def write(folder, value):
        write_article(folder, "a.md", "Terminal", "2025-11-18", first, lang="en")
        write_article(folder, "b.md", "Terminal", "2025-11-19", second.format(value), lang="en")
    for value, report, expected in _agreeing_and_slipped(tmp_path, write, "three", "four"):
        assert [sorted(g) for g in _groups(report)] == [sorted(["three LNG trains", f"{value} trains"])]
        assert _xd_rules(report) == expected
        assert all("the same metric (trains, no metric word)" in f.suggestion
                   for f in report.findings if f.rule == "XD001")
    folder = tmp_path / "berths"
    folder.mkdir()
    write_article(folder, "a.md", "Terminal", "2025-11-18", first, lang="en")
    write_article(folder, "b.md", "Terminal", "2025-11-19", second.replace("{} trains", "four berths"), lang="en")
    assert not [g for g in analyse([folder]).groups if g.linked]


def test_a_unit_stands_for_a_metric_only_against_another_figure_without_one():
    from reconcile.linking import _metric_level, weights
    w = weights()
    # a power figure no word names and one of named capacity: unknown, as two unnamed figures of
    # money are; two unnamed power figures: one metric
    assert _metric_level("~W", "power_capacity", w.related) == "unknown"
    assert _metric_level("~W", "~W", w.related) == "same"
    # not a currency's code (money is all of them), and years only alone: a 10-year and a 15-year
    # contract in one article are two facts as often as not
    assert "USD" not in w.implied and "W" in w.implied and "~year" in w.implied_alone


def test_daily_and_monthly_active_users_are_two_metrics(tmp_path):
    # DAU and MAU of one quarter are two facts: each its own metric, in both languages.
    write_article(tmp_path, "a.md", "Quorra Video results", "2025-11-13",
                  "Quorra Video said daily active users reached 117 million and monthly active users 376 million.",
                  lang="en")
    write_article(tmp_path, "b.md", "Quorra Video三季报", "2025-11-13", "Quorra Video第三季度日活跃用户达1.17亿，月活跃用户3.76亿。")
    metrics = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metrics == {"117 million": "daily_active_users", "376 million": "users",
                       "1.17亿": "daily_active_users", "3.76亿": "users"}


def test_a_product_category_in_capitals_is_no_company(tmp_path):
    # "PC shipments", "the App's users": categories of product, not companies; the figures stay the
    # article's company's.
    write_article(tmp_path, "a.md", "Quorra Computing quarter", "2025-11-13",
                  "Quorra Computing said its quarterly revenue rose 12%. PC shipments grew 9% and App "
                  "downloads reached 40 million.", lang="en")
    assert {m.entity for m in analyse([tmp_path / "a.md"]).mentions} == {"quorra computing"}


@pytest.mark.parametrize("body, text, metric", [
    ("Harbor Foods will buy Lanternbrook in a cash-and-stock transaction valued at about $3.1 billion.",
     "about $3.1 billion", "deal_value"),
    ("Harbor Foods agreed a deal that values Lanternbrook at $3.1 billion.", "$3.1 billion", "deal_value"),
    # a valuation in a sentence about a purchase is read as the price (measured on real copy: more
    # often the deal's value than an earlier round's valuation of the target)
    ("灯溪食品宣布收购估值约31亿美元的湖畔科技。", "约31亿美元", "deal_value"),
    ("Lanternbrook was valued at $3.1 billion in its last funding round.", "$3.1 billion", "valuation"),
    ("Harbor Foods raised $400 million at a $3.1 billion valuation.", "$3.1 billion", "valuation"),
])
def test_a_valuation_word_after_a_deal_noun_states_the_deal_s_value(tmp_path, body, text, metric):
    lang = None if body[0] > "\u3000" else "en"
    write_article(tmp_path, "d.md", "Deal news" if lang else "交易新闻", "2025-10-30", body, lang=lang)
    assert {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}[text] == metric


def test_other_digits_in_another_currency_are_no_currency_slip(tmp_path):
    # $231 million and 1.356 billion Hong Kong dollars: not one number under two currency words,
    # but two amounts that convert apart; the finding says what the first is worth in the other's.
    (finding,) = _xd001(tmp_path / "fx", "$231 million", "HK$1.356 billion")
    assert finding.cause == "value" and "is about HK$1.8" in finding.suggestion
    (slip,) = _xd001(tmp_path / "same", "$1.356 billion", "HK$1.356 billion")
    assert slip.cause == "currency"


@pytest.mark.parametrize("first, second, severity", [
    ("$1.356 billion", "HK$1.356 billion", "warning"),  # a bare $: Hong Kong copy writes it for HK$
    ("US$1.356 billion", "HK$1.356 billion", "error"),  # both written out: a slip
    ("$1.356 billion", "€1.356 billion", "error"),  # no dollar at all: a slip
])
def test_a_bare_dollar_against_another_dollar_is_the_editor_s_call(tmp_path, first, second, severity):
    (finding,) = _xd001(tmp_path, first, second)
    assert finding.cause == "currency" and finding.severity == severity


def test_a_dividend_per_share_is_the_dividend_not_the_loss_per_share(tmp_path):
    # A loss per share and, in another article, the dividend per share: one digit apart, but two
    # facts. The dividend's bare "per share" takes the metric named before it in its clause.
    folder = tmp_path / "d"
    folder.mkdir()
    write_article(folder, "a.md", "Results", "2025-11-06",
                  "Harbor Foods posted a net loss of $3.12 billion, or $2.89 per share, in its fourth quarter.", lang="en")
    write_article(folder, "b.md", "Results", "2025-11-06",
                  "Harbor Foods returned $3.4 billion in its fourth quarter; its dividend remains $0.89 per share.",
                  lang="en")
    report = analyse([folder])
    metric = {m.fig.text: m.metric for m in report.mentions}
    assert metric["$0.89"] == "dividend" and metric["$2.89"] == "value_per_share"
    assert not [f for f in report.findings if {m.fig.text for m in f.mentions} == {"$0.89", "$2.89"}]


def test_the_chinese_gloss_of_a_listed_latin_name_names_the_company_in_the_rest_of_the_article(tmp_path):
    # Bare 高通 is in no list (it is inside 高通胀); the article glosses the English name once, then
    # writes only the Chinese, and names a product in Latin letters.
    # Counted by its names, the article speaks of Android more often than of Qualcomm, but for the gloss.
    ids = _entities(tmp_path, "Qualcomm（高通）发布财报。\n高通本季营收约99亿美元，同比增长8%，反映Android旗舰机复苏。"
                              "\nAndroid阵营明年换机需求仍强。")
    assert ids["约99亿美元"] == ids["8%"] == "qualcomm"


@pytest.mark.parametrize("text, figure, company", [
    ("Tesla（电动车）销量增长。比亚迪表示，今年电动车销量达120万辆。", "120万辆", "byd"),  # a description
    ("Nvidia（美股）走强。苹果表示，美股市值达4万亿美元。", "4万亿美元", "apple"),
])
def test_a_gloss_that_is_no_part_of_a_listed_chinese_name_names_nobody(tmp_path, text, figure, company):
    assert _entities(tmp_path, text)[figure] == company


@pytest.mark.parametrize("body, text, metric", [
    ("Harbor Foods raised its dividend by 5% and earned $2.10 a share.", "$2.10", "share_price"),
    ("Harbor Foods posted net income of $2 billion, or $1.10 a share.", "$1.10", "eps"),
])
def test_a_bare_per_share_word_takes_no_metric_across_another_figure(tmp_path, body, text, metric):
    write_article(tmp_path, "d.md", "Results", "2025-11-06", body, lang="en")
    assert {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}[text] == metric


def test_a_post_merger_valuation_is_still_a_company_s(tmp_path):
    write_article(tmp_path, "d.md", "Deal news", "2025-11-06",
                  "Lanternbrook's post-merger valuation rose to $3.1 billion.", lang="en")
    assert {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}["$3.1 billion"] == "valuation"


@pytest.mark.parametrize("name, key", [("NASA", "nasa"), ("BRAG", "brag"), ("Airbus SE", "airbus"),
                                       ("Samsung Electronics Co., Ltd.", "samsung electronics"), ("蜜雪集团", "蜜雪")])
def test_a_latin_corporate_suffix_is_dropped_only_as_a_word_of_its_own(name, key):
    from reconcile.extraction.names import name_id
    assert name_id(name) == key


@pytest.mark.parametrize("body", [
    # a description before the name, the code with its market's suffix
    "国内领先的小家电制造商澄湾电器(02468.HK)今日起招股，发售价每股8.5港元。澄湾电器首季收入12亿元。",
    # a bare Hong Kong code, the name written once with it and once alone
    "厨具供应商澄湾电器（2468）昨日公布，发售价每股8.5港元。澄湾电器首季收入12亿元。",
])
def test_a_chinese_name_before_its_stock_code_is_a_company(tmp_path, body):
    # 澄湾电器 is in no list and has no corporate suffix: the stock code after it in brackets makes it
    # a name, cut where the description before it ends (the text writes 澄湾电器 again).
    ents = _entities(tmp_path, body)
    assert set(ents.values()) == {"澄湾电器"}


def test_a_year_or_a_count_in_brackets_is_no_stock_code(tmp_path):
    # Four digits alone are a code only after a name ending as a company's does, and never a year;
    # five digits from 0 (Hong Kong) and six (A shares) are codes after any name.
    from reconcile.extraction.names import chinese_leads

    def names(text):
        return {name for _, _, name in chinese_leads(text, "")}
    assert names("澄湾电器（2025）年报显示，澄湾电器增长。") == set()
    assert names("门店总数（1200）较去年增加，门店总数增长8%。") == set()
    assert names("澄湾电器（2468）公布业绩，澄湾电器增长。") == {"澄湾电器"}
    assert names("澄湾食品（02468）公布业绩，澄湾食品增长。") == {"澄湾食品"}


@pytest.mark.parametrize("body", [
    # a label inside the bracket before the code
    "国内家电商澄湾电器(股票代码:02468.HK)公布业绩，澄湾电器首季收入12亿元。",
    # the stock's short name, a new listing's N and its class, before the code
    "被称为“家电第二股”的澄湾电器(N澄湾-U,688802)今日上市，澄湾电器首日收涨。",
])
def test_a_stock_code_after_its_label_or_short_name_still_names_the_company(tmp_path, body):
    from reconcile.extraction.names import chinese_leads, normalize
    assert {n for *_, n in chinese_leads(normalize(body), "")} == {"澄湾电器"}


@pytest.mark.parametrize("text, short", [
    # no break before the full name: the defined short name is what tells where it starts
    ("上交所披露已受理澄鑫存储集团股份有限公司(以下简称“澄鑫存储”)的首发申请，澄鑫存储拟募资295亿元。", "澄鑫存储"),
    ("據悉，烏魯木齊至澄江高速公路（簡稱烏澄高速）全線通車，烏澄高速全長約320公里。", "乌澄高速"),
    ("上交所受理澄鑫存储集团股份有限公司(以下简称‘澄鑫存储’)的申请，澄鑫存储拟募资。", "澄鑫存储"),  # single quotes
])
def test_a_short_name_an_article_defines_in_brackets_is_a_name(text, short):
    from reconcile.extraction.names import chinese_leads, normalize
    assert short in {n for *_, n in chinese_leads(normalize(text), "")}


@pytest.mark.parametrize("text", [
    "交易对方澄川集团有限公司(以下简称“交易对方”)与公司签约，交易对方支付5亿元。",  # a party's role
    "甲方：澄川科技有限公司(以下简称“甲方”)，甲方支付5亿元。",
    "华东大区（上海，200120）的门店今年增长，华东大区营收12亿元。",  # a city and a postcode, no code
    "三澄智控股份有限公司(以下简称“公司”)发行的债券，公司将按期付息。",  # the company, no name
    "澄川集团拟收购澄湾实业(以下简称“标的公司”)，标的公司估值20亿元。",  # not the full name's
    "归属于上市公司股东的净利润(下称“净利润”)为8亿元，净利润增长12%。",  # a measure's words
])
def test_a_defined_term_that_is_no_short_name_of_the_company_before_it_is_none(text):
    from reconcile.extraction.names import chinese_leads, normalize
    assert not chinese_leads(normalize(text), "")


def test_a_short_name_defined_for_a_company_is_that_company_in_the_article(tmp_path):
    # The full name, with no break before it, is no name of its own; the short name defined after it
    # is, wherever the article writes it: the loss is the memory maker's, not the exchange's.
    ents = _entities(tmp_path, "上交所披露已受理澄鑫存储集团股份有限公司(以下简称“澄鑫存储”)的首发申请。"
                               "2025年上半年，澄鑫存储净亏损33亿元。")
    assert ents["33亿元"] == "澄鑫存储"


def test_a_short_name_defined_after_a_full_name_is_the_same_company(tmp_path):
    # 澄川能源集团股份有限公司 is a name of its own (a break before it); the short name it defines in
    # brackets is the same company's, not a second one, though it shares no word with it.
    ents = _entities(tmp_path, "今日，澄川能源集团股份有限公司(以下简称“川能科”)公布年报，全年营收120亿元。"
                               "澄湾实业表示，川能科净利润为8亿元，澄湾实业收入为3亿元。")
    assert (ents["120亿元"], ents["8亿元"], ents["3亿元"]) == ("澄川能源", "澄川能源", "澄湾实业")


def test_a_company_the_article_proves_outweighs_a_listed_adviser_as_topic(tmp_path):
    # No headline. The listed bank opens two sentences as the sponsor, the unlisted company two: the
    # company's corporate suffix says it is a company, so it weighs as much as a listed one and,
    # named first, is the article's topic; the figure naming neither is the company's.
    (tmp_path / "u.md").write_text(
        "---\ndate: 2025-08-25\nlang: zh-Hans\n---\n\n"
        "澄湾电器有限公司启动香港上市。中金公司为独家保荐人。\n\n发售价:每股8.5港元。\n\n"
        "保荐人:中金公司。\n\n澄湾深耕家电。\n\n募资净额约32亿港元。\n", encoding="utf-8")
    mentions = analyse([tmp_path / "u.md"]).mentions
    assert {m.fig.text: m.entity for m in mentions}["约32亿港元"] == "澄湾电器"


def test_a_name_in_capitals_drops_its_suffix_in_capitals():
    assert name_id("ORVANE ELECTRIC CO., LTD.") == name_id("Orvane Electric Co., Ltd.") == "orvane electric"
    assert name_id("HALVARD HOLDINGS PLC") == "halvard"
    assert name_id("NASA") == "nasa" and name_id("ZINC") == "zinc"


def test_a_bond_issue_is_money_raised_in_either_language(tmp_path):
    # "raise $2.4 billion through a convertible bond" and 发行24亿美元可转换优先票据: both the raise.
    write_article(tmp_path, "a.md", "Bond", "2025-09-11",
                  "Orvane plans to raise $2.4 billion through a zero-coupon convertible bond.", lang="en")
    write_article(tmp_path, "b.md", "澄湾发债", "2025-09-11", "澄湾科技（Orvane）计划发行24亿美元零息可转换优先票据。")
    ms = analyse([tmp_path]).mentions
    assert {m.metric for m in ms if m.fig.kind == "currency"} == {"funding_round"}


@pytest.mark.parametrize("opening", ["自动驾驶公司小溪智行-W(02999.HK)", "小溪智行-SW（02999.HK）", "新溪智行-B(02999)"])
def test_a_hong_kong_share_class_stands_between_a_name_and_its_code(tmp_path, opening):
    # -W, -SW, -B mark a share class; the name before them is the company's, whatever word it opens
    # with (小, 新), and the description before it (自动驾驶公司) is none.
    name = opening.split("-")[0].removeprefix("自动驾驶公司")
    ents = _entities(tmp_path, f"{opening}今日在港交所上市。{name}此次发行4800万股，{name}募资净额约64.5亿港元。")
    assert ents["约64.5亿港元"] == name and "自动驾驶" not in ents.values()


@pytest.mark.parametrize("term", ["复合年均增长率（CAGR）", "客户管理收入(CMR)", "新业务价值（VONB）"])
def test_an_acronym_glossing_chinese_words_of_a_measure_is_a_term(tmp_path, term):
    # The acronym defines the measure, as "net interest income (NII)" does: no company.
    ents = _entities(tmp_path, f"澄川能源集团公布业绩。{term}达到12%，营收达到8.5亿元。")
    assert set(ents.values()) == {"澄川能源"}


def test_an_acronym_one_article_defines_as_a_measure_is_no_company_in_another(tmp_path):
    # The press release spells GTV out; the Chinese summary writes it bare. Read alone, the summary
    # would take GTV for a company; read with the release, it knows the measure.
    write_article(tmp_path, "a.md", "Results", "2025-11-10",
                  "Harbor Homes said gross transaction value (GTV) was RMB736.7 billion in the quarter.", lang="en")
    write_article(tmp_path, "b.md", "港湾家居第三季度业绩", "2025-11-11", "港湾家居第三季度GTV为7367亿元，营收为231亿元。")
    alone = {m.fig.text: m.entity for m in analyse([tmp_path / "b.md"]).mentions}
    together = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions if m.doc.path.endswith("b.md")}
    assert alone["7367亿元"] == "gtv"  # what one article cannot tell
    assert together["7367亿元"] == together["231亿元"] == "港湾家居"


def test_an_acronym_another_article_defines_stays_a_company_with_its_stock_code(tmp_path):
    write_article(tmp_path, "a.md", "Bank results", "2025-11-10",
                  "Harbor Bank said its capital adequacy ratio (CAR) rose to 14.2% in the quarter.", lang="en")
    write_article(tmp_path, "b.md", "Marketplace results", "2025-11-10",
                  "The marketplace operator CAR (ASX: CAR) reported revenue of A$1.2 billion for the year.", lang="en")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["A$1.2 billion"] == name_id("CAR")


def test_an_acronym_after_words_a_sentence_capitalises_is_still_a_term():
    from reconcile.extraction.attribution import defined_terms
    from reconcile.extraction.names import acronyms
    (a,) = acronyms("   -- Gross transaction value (GTV) was flat.")
    assert a.acronym == "GTV" and a.lower
    (a,) = acronyms("Shares of Bank of America (BOA) rose.")
    assert not a.lower  # a name capitalises its other words too
    assert defined_terms("贝湾第三季度总交易额(GTV)下降，交付量(DV)上升。") == {"GTV", "DV"}
    assert defined_terms("澄川电力(CCP)和澄川科技(CCT)公布业绩。") == frozenset()


def test_names_in_a_press_release_s_layout():
    from reconcile.extraction.names import latin_names, name_id
    # a double-dash bullet opens a sentence: its first word is a name only if written so elsewhere
    text = "Results were strong.\n   -- Number of stores was 61,393, up 27% from a year ago.\n"
    assert latin_names(text, lambda w: False) == []
    # a Hong Kong share class after a Latin name is none of it
    assert name_id("Harbor-W") == "harbor" and name_id("Kimberly-Clark") == "kimberly-clark"


def test_a_latin_name_ending_in_a_corporate_suffix_is_a_name_though_a_word_of_it_is_a_metric_s(tmp_path):
    # "Holdings" is also a stake's word, but "Tidewater Holdings Inc." is a company, and its quoted
    # short name in brackets is the same company.
    ents = _entities(tmp_path, 'Tidewater Holdings Inc. ("Tidebay" or the "Company") said revenue was RMB23.1 '
                               'billion. Tidebay also said profit rose 5%.', lang="en")
    assert ents["RMB23.1 billion"] == ents["5%"] == name_id("Tidewater Holdings Inc")


def test_a_bold_heading_in_title_case_inside_a_line_names_no_company():
    # "**Strong Profit Growth** In 9M25, …": a heading run into its paragraph; its capitalised words
    # are names only if the text writes them so elsewhere.
    from reconcile.extraction.names import latin_names
    text = ("**Strong Profit Growth Driven by Investments** In 9M25, net profit surged 60% to RMB168 billion, the "
            "highest on record since the company listed.\n**Outlook: Maintain Strong Buy** Harbor Life's new "
            "business value grew and Harbor Life kept its dividend.\n")
    assert {n[2] for n in latin_names(text, lambda word: False)} == {"Harbor Life"}


@pytest.mark.parametrize("opening", ["澄川投资（CCI）", "澄川电力（CCP）", "能率（NRZ）"])
def test_a_company_glossed_by_its_short_form_is_no_term(tmp_path, opening):
    # The words before the bracket end as a company's name or a metric's word, not a measure's.
    name = opening.split("（")[0]
    ents = _entities(tmp_path, f"{opening}公布业绩，第三季度营收达到28.5亿元。")
    assert ents["28.5亿元"] in (name_id(name), name_id(opening.split("（")[1].rstrip("）")))


def test_a_verb_before_a_name_is_read_off_it(tmp_path):
    ents = _entities(tmp_path, "拓海科技公司公布三季度业绩，营收达到12.3亿元。下游订单放量，带动澄川能源集团营收增长至8.56亿元。")
    assert ents["12.3亿元"] == "拓海科技" and ents["8.56亿元"] == "澄川能源"


def test_two_rankings_of_one_company_are_two_facts(tmp_path):
    # Its place among China's carmakers and among the world's EV makers: no word says what either
    # ranks by, so neither stands for a metric of its own, and no disagreement is reported.
    write_article(tmp_path, "a.md", "Carmakers", "2025-01-10",
                  "Chengwan Motors is China's second-largest carmaker by sales.", lang="en")
    write_article(tmp_path, "b.md", "EV makers", "2025-01-10",
                  "Chengwan Motors is now the third-largest EV maker in the world.", lang="en")
    report = analyse([tmp_path])
    assert [m.fig.value for m in report.mentions if m.fig.kind == "rank"] == [2, 3]
    assert not [f for f in report.findings if f.rule == "XD001"]


@pytest.mark.parametrize("zh_ratio, finding", [("0.62:1", []), ("1:0.65", ["warning"])])
def test_a_swap_ratio_written_either_way_round_is_one_fact(tmp_path, zh_ratio, finding):
    write_article(tmp_path, "en.md", "Brokerage merger", "2025-01-10",
                  "Chengwan Securities will absorb its rival at an exchange ratio of 1:0.62.", lang="en")
    write_article(tmp_path, "zh.md", "券商合并", "2025-01-10",
                  f"澄湾证券(Chengwan Securities)公布换股吸收合并方案，换股比例为{zh_ratio}。")
    report = analyse([tmp_path])
    assert len([m for m in report.mentions if m.fig.kind == "ratio"]) == 2
    assert [f.severity for f in report.findings if f.rule == "XD001"] == finding


def test_two_groups_join_only_when_enough_of_their_pairs_link():
    from reconcile.linking import _dense_enough
    # groups {0, 1} and {2, 3}: one linking pair of four across them is a chain, two are a join
    assert not _dense_enough(1, 2, 2, 0.3)  # one pair of four across them: a chain
    assert _dense_enough(2, 2, 2, 0.3)  # two of four: a join
    # a figure alone joins a group on its one pair; no density asked, any pair joins
    assert _dense_enough(1, 2, 1, 0.9) and _dense_enough(1, 2, 2, 0.0)


def test_a_listed_name_misspelt_by_one_letter_is_that_company():
    from reconcile.name_alignment import spelled
    from reconcile.linking import listed_entities
    listed = listed_entities()
    same = lambda x: x  # noqa: E731
    # WuXi AppTec written "WuXi AppTech": one letter more, a long name, no other company that near
    assert spelled(["wuxi apptech"], same, listed) == [("wuxi apptech", "wuxi_apptec")]
    assert spelled(["wuxi aptec"], same, listed) == [("wuxi aptec", "wuxi_apptec")]
    # a short name one letter from another is another company (Citibank, CITIC Bank: eight letters)
    assert spelled(["citibanc"], same, listed) == []
    # two letters apart is another name
    assert spelled(["wuxi apptechs"], same, listed) == []


def test_a_project_is_named_as_a_company_is_in_both_languages(tmp_path):
    # 运河 ends a name as 集团 does (in copy that writes the name twice), and "Canal" is read as 运河
    # when names are spelled: one project
    write_article(tmp_path, "zh.md", "运河开工", "2025-08-28", "澄湾运河正式开工。澄湾运河全长约135公里，总投资727.3亿元。")
    write_article(tmp_path, "en.md", "Canal works begin", "2025-08-28",
                  "Construction of the Chengwan Canal began on Thursday, a total investment of 72.73 billion yuan.",
                  lang="en")
    report = analyse([tmp_path])
    money = [m for m in report.mentions if m.fig.kind == "currency"]
    assert {m.entity for m in money if m.doc.lang == "zh"} == {"澄湾运河"}
    assert any(len(g.mentions) == 2 for g in report.groups if g.mentions[0].fig.kind == "currency")


def test_a_listed_name_inside_a_persons_name_after_a_role_is_no_company(tmp_path):
    # 小鹏 names XPeng; 部长李小鹏 is a minister whose given name writes it: his canal is no XPeng figure
    ents = _entities(tmp_path, "交通运输部部长李小鹏出席开工仪式。运河项目总投资727.3亿元。")
    assert ents["727.3亿元"] != "xpeng"
    # a role and a word that is no surname before the name: the company (the spokesman said BYD …)
    assert _entities(tmp_path, "发言人称比亚迪三季度营收为1950亿元。")["1950亿元"] == "byd"
    assert _entities(tmp_path, "小鹏汽车公布业绩。小鹏第三季度营收为203.8亿元。")["203.8亿元"] == "xpeng"


def test_a_report_verb_cuts_a_run_only_after_a_reports_noun(tmp_path):
    # 显示 after 财报 (the report shows) leaves 公司 alone; after a name it is the name's (a display maker)
    assert _entities(tmp_path, "澄川能源集团发布半年报。财报显示公司营收达到128亿元。")["128亿元"] == "澄川能源"
    assert _entities(tmp_path, "面板价格上涨。澄湾显示公司第三季度营收为69亿元。")["69亿元"] == "澄湾显示"
    # a survey's finding, or a name written after the verb within the run
    assert _entities(tmp_path, "调查显示澄川能源集团营收达到128亿元。")["128亿元"] == "澄川能源"


def test_a_verb_ends_a_long_run_before_a_name():
    from reconcile.extraction.names import chinese_names
    # more than eight characters before the suffix, none a boundary: the verb still ends what precedes it
    names = [n for _, _, n in chinese_names("澄湾科技公布业绩。山岚证券看好澄川能源集团，预计其营收为50亿元。")]
    assert "澄川能源集团" in names


@pytest.mark.parametrize("text, name", [
    ("，中澜新材料股份有限公司发布公告。", "中澜新材料股份有限公司"),  # 中 opens the run: it is the name's
    ("其中澄川集团的收入最高。", "澄川集团"),  # ... unless 中 ends 其中
    ("在众多对手中澄川集团最好。", "澄川集团"),  # ... or is "among" (its 中-name written nowhere else)
    ("山岚基金持有中澜证券，中澜证券表示满意。", "中澜证券"),  # ... written elsewhere, it opens the name
    ("由澄旗集团牵头。", "澄旗集团"),  # 旗 is no break either (旗下 is: 下 breaks)
])
def test_a_chinese_name_may_open_with_zhong(text, name):
    from reconcile.extraction.names import chinese_names
    assert {n for _, _, n in chinese_names(text)} == {name}


@pytest.mark.parametrize("text, names", [
    # two companies named side by side, one named alone twice elsewhere: two names
    ("Funds went to Kestrelco, says the bank. Orvane and Kestrelco expect savings, Kestrelco said.",
     ["Kestrelco", "Orvane", "Kestrelco", "Kestrelco"]),
    # ... but one name when its second part is a suffix or its first again
    ("Sales at Tiffany and Co. rose, and Tiffany said so.", ["Tiffany and Co", "Tiffany"]),
    ("Shares of Johnson and Johnson rose, and Johnson said so twice, as Johnson does.",
     ["Johnson and Johnson", "Johnson", "Johnson"]),
    # a corporate suffix's full stop before a capitalised word ends a sentence too
    ("Orvane Labs agreed to buy Kestrelco Corp. Orvane Labs and Kestrelco Corp expect savings.",
     ["Orvane Labs", "Kestrelco Corp", "Orvane Labs", "Kestrelco Corp"]),
    # a name whose second part is named nowhere alone stays one
    ("Officials said the Ministry of Ports and Harbours would review these plans next year.",
     ["Ministry of Ports and Harbours"]),
    # a full stop after a word of four letters or more ends the run ("…Kestrelco. Orvane …")
    ("Funds went to Kestrelco. Orvane Labs rose.", ["Kestrelco", "Orvane Labs"]),
])
def test_names_joined_by_and_or_a_full_stop(text, names):
    from reconcile.extraction.names import latin_names
    assert [n for _, _, n in latin_names(text, lambda w: False)] == names


@pytest.mark.parametrize("text, names", [
    # an apostrophe inside a word, straight or curly, keeps it one word (a place, a surname)
    ("The shares of Lin’an Orvane Materials rose in their first day of trading.", ["Lin’an Orvane Materials"]),
    ("The analysts at O'Brien Partners agreed with that view.", ["O'Brien Partners"]),
    # a possessive inside a run is a name's own (a retailer named after its founder), but a place's
    # possessive ends the place's name
    ("Shares of Harlan's Outdoor Goods rose in their first week of trading.", ["Harlan's Outdoor Goods"]),
    ("The chipmaker Taiwan’s Orvane Wafers said on Tuesday it would invest more.", ["Taiwan", "Orvane Wafers"]),
])
def test_an_apostrophe_inside_a_name(text, names):
    from reconcile.extraction.names import latin_names
    assert [n for _, _, n in latin_names(text, lambda w: False)] == names


@pytest.mark.parametrize("text, names", [
    ("于2025年第三季度集团净收益上升。", []),  # the words of a date glued to a suffix
    ("共有3家公司参与。", []),
    ("该集团运营全球 13 个受监管交易所。", []),  # a count one space before the run ends it too
    ("华夏市场公司宣布扩张。", ["华夏市场公司"]),  # a market's word inside a name before its suffix
    ("10月18日澄川集团公布业绩。", ["澄川集团"]),  # a date's words cut off a name
    ("母公司通过澄川集团完成收购。", ["澄川集团"]),  # so does a preposition
    ("多家中小银行下调存款利率。", []),  # 中小, 中央: words, not names
    ("各国中央银行纷纷降息。", []),
])
def test_a_run_glued_to_a_figure_or_a_word_is_cut(text, names):
    from reconcile.extraction.names import chinese_names
    assert [n for _, _, n in chinese_names(text)] == names


@pytest.mark.parametrize("text, names", [
    # a name glued to the words before it is the ending the text writes as a name elsewhere
    ("澄川证券发布公告。山岚依托澄川证券拓展业务，尽管澄川证券亏损。",
     ["澄川证券", "澄川证券", "澄川证券"]),
    # ... the shortest such ending, when a longer one is written too
    ("澄川证券上涨。买方拟收购澄川证券，另一买方共同收购澄川证券。",
     ["澄川证券", "澄川证券", "澄川证券"]),
    # a name written only so stays whole: nothing says where it starts
    ("澄湾海川证券上涨。", ["澄湾海川证券"]),
])
def test_a_chinese_name_glued_to_words_before_it_is_the_name_written_alone(text, names):
    from reconcile.extraction.names import chinese_names
    assert [n for _, _, n in sorted(chinese_names(text))] == names


def test_a_headline_opening_with_a_preposition_names_no_company(tmp_path):
    # 透过 ("through") opens the headline and recurs in the body: it is no company
    write_article(tmp_path, "g.md", "透过会展继续引领业务发展", "2025-11-06",
                  "澄湾娱乐集团公布业绩。集团透过股息回馈股东，每股派0.7港元。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["0.7港元"] == "澄湾娱乐"


def test_a_business_written_in_latin_letters_is_the_companys(tmp_path):
    # KQ and CDMO name businesses of 澄川医药 (its own division, a kind of service), not companies.
    ents = _entities(tmp_path, "澄川医药公布前三季度业绩。其中KQ业务收入为82.6亿元，CDMO 板块收入为31.4亿元。")
    assert ents["82.6亿元"] == ents["31.4亿元"] == "澄川医药"
    # a company the lists know stays itself before 业务 (AMD's business is AMD's)
    ents = _entities(tmp_path, "澄川医药公布前三季度业绩。AMD业务收入为82.6亿元。")
    assert ents["82.6亿元"] == "amd"


def test_a_headline_opening_with_as_of_names_no_company(tmp_path):
    # An article with no headline whose first sentence opens "as of" a date: 截至 is no company,
    # though the text writes it again; the company is the one its sentences name.
    write_article(tmp_path, "q.md", "", "2025-10-25",
                  "截至2025年10月24日收盘，澄川医药集团报收于103.5元。截至9月30日，澄川医药集团股东户数为27.4万户。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path / "q.md"]).mentions}
    assert "截至" not in ents.values() and ents["103.5元"] == "澄川医药"


def test_the_group_is_no_part_of_a_name_it_opens(tmp_path):
    # 集团持有银行 is "the group holds a bank", not a bank's name.
    ents = _entities(tmp_path, "澄川地产集团公布全年业绩。集团持有银行存款310亿港元。")
    assert ents["310亿港元"] == "澄川地产"


@pytest.mark.parametrize("run", ["市场普遍看好", "半年报显示", "分析师预计", "管理层表示"])
def test_a_verb_that_ends_the_words_before_a_suffix_leaves_the_suffix_alone(tmp_path, run):
    # The market's view, a report's finding, a forecast, a statement: what comes before the verb is
    # no part of a name, and 公司 after it is the company already named.
    ents = _entities(tmp_path, f"澄川能源集团发布半年报。{run}公司全年营收将达到128亿元。")
    assert ents["128亿元"] == "澄川能源"


@pytest.mark.parametrize("body", [
    "Northgate Freight reported revenue of $1.2 billion in the period.\n\n**Brightwater Harbour Logistics** reported "
    "third-quarter revenue of $2.85 billion, up 12.5%.",
    "Shares of **Brightwater Harbour Logistics** rose after it reported third-quarter revenue of $2.85 billion.",
])
def test_a_bold_company_name_is_still_a_name(tmp_path, body):
    assert _entities(tmp_path, body, lang="en")["$2.85 billion"] == "brightwater harbour logistics"


def test_proceeds_scope_only_the_raise(tmp_path):
    # The price and the share count in the clause of the proceeds are no proceeds: a slip in the
    # price is still caught, and the gross and net raise are two facts.
    write_article(tmp_path, "a.md", "Placing", "2025-11-18", "Orvane Gold raised gross proceeds of HK$11.68 billion "
                  "by placing 400 million shares at a placing price of HK$29.20 each.", lang="en")
    write_article(tmp_path, "b.md", "Placing", "2025-11-18", "Orvane Gold said net proceeds of HK$11.49 billion from "
                  "placing 400 million shares at a placing price of HK$29.02 each would fund mines.", lang="en")
    messages = [f.message for f in analyse([tmp_path]).findings]
    assert any("HK$29.20" in m and "HK$29.02" in m for m in messages)  # the price is no proceeds
    assert not any("HK$11.68 billion" in m and "HK$11.49 billion" in m for m in messages)


def test_a_market_total_given_to_an_article_s_topic_adopts_no_note(tmp_path):
    # Two facts suffice to adopt a note only when a sentence gave them to the company by name.
    write_article(tmp_path, "a.md", "澄川汽车销量", "2025-10-02",
                  "澄川汽车集团9月销量39.6万辆。9月全国新能源乘用车零售销量128.6万辆，同比增长15.6%。")
    write_article(tmp_path, "b.md", "研报", "2025-10-03", "9月全国新能源乘用车零售销量128.6万辆，同比增长15.6%，渗透率达到53.3%。")
    ms = [m for m in analyse([tmp_path]).mentions if m.doc.file.path.endswith("b.md")]
    assert ms and not any(m.entity for m in ms)


def test_a_placing_or_rights_issue_raises_money_and_names_no_company(tmp_path):
    # "a HK$7.7 billion top-up placement", 配股融资77亿港元, 供股集资: the raise; 配股 opening a
    # headline is the deal, not a company's name.
    write_article(tmp_path, "a.md", "Placing", "2025-09-11",
                  "Orvane Gold raised HK$7.7 billion in a top-up placement.", lang="en")
    write_article(tmp_path, "b.md", "配股融资77亿港元！股价大跌", "2025-09-11", "澄湾黄金集团宣布配股，筹资77亿港元。")
    write_article(tmp_path, "c.md", "澄湾黄金供股", "2025-09-11", "澄湾黄金集团建议供股，集资77亿港元。")
    ms = analyse([tmp_path]).mentions
    assert {m.metric for m in ms if m.fig.kind == "currency"} == {"funding_round"}
    assert "配股" not in {m.entity for m in ms}


def test_a_placing_s_gross_and_net_proceeds_are_two_facts_and_its_price_a_price(tmp_path):
    write_article(tmp_path, "a.md", "Placing", "2025-11-18",
                  "Orvane Gold's placing raised gross proceeds of HK$11.68 billion.", lang="en")
    write_article(tmp_path, "b.md", "Placing", "2025-11-18",
                  "Orvane Gold said net proceeds of HK$11.49 billion would fund its mines.", lang="en")
    write_article(tmp_path, "c.md", "澄湾黄金配售", "2025-11-18", "澄湾黄金集团的配售价29.2港元较收市价折让约9.8%。")
    report = analyse([tmp_path])
    assert not any({"HK$11.68 billion", "HK$11.49 billion"} <= set(g) for g in _groups(report))
    assert {m.fig.text: m.metric for m in report.mentions}["29.2港元"] == "offer_price"


@pytest.mark.parametrize("body", [
    "Orvane sold $2.4 billion of notes due 2032 to fund its cloud business.",
    "Orvane sold $2.4 billion of notes that mature on September 15, 2032.",
])
def test_the_year_a_debt_falls_due_is_no_period_of_the_figure(tmp_path, body):
    write_article(tmp_path, "a.md", "Bond", "2025-09-11", body, lang="en")
    (m,) = [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]
    assert m.period != "2032"


def test_the_year_a_chinese_debt_falls_due_is_no_period_of_the_figure(tmp_path):
    write_article(tmp_path, "a.md", "澄湾发债", "2025-09-11", "澄湾科技发行本金总额24亿美元的可转换票据，将于2032年到期。")
    (m,) = [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]
    assert m.period != "2032"


@pytest.mark.parametrize("body, lang", [
    ("Orvane Labs, founded in 2016, raised $400 million at a $6 billion valuation in October.", "en"),
    ("Orvane Labs was established in March 2016. It raised $400 million in October.", "en"),
    ("澄湾科技成立于2016年，十月完成4亿美元融资。", "zh"),
    ("澄湾科技于2016年成立，十月完成4亿美元融资。", "zh"),
])
def test_the_year_a_company_was_founded_is_no_period_of_its_figures(tmp_path, body, lang):
    # a founding date is an event of the company's: the round of October is no 2016 figure, and the
    # paragraph's last period before it is not the founding year either
    write_article(tmp_path, "a.md", "Round", "2025-11-20", body, lang=lang)
    periods = {m.fig.text: m.period for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"}
    assert periods and not any(p and p.startswith("2016") for p in periods.values()), periods


def test_a_table_s_column_head_dates_the_amounts_under_it(tmp_path):
    # each column's head names its period; a cell that names its own keeps it
    write_article(tmp_path, "a.md", "Orvane Foods half-year results", "2025-07-30",
                  "Orvane Foods published its results.\n\nIn millions of euros | H1 2025 | 2024 | H1 2024 |\n"
                  "Revenue | 8,100 | 15,300 | 7,600 |\nCapital spending | 410 | 950 | 390 (Q2 2024 alone) |", lang="en")
    periods = {m.fig.text: m.period for m in analyse([tmp_path]).mentions}
    assert (periods["8,100"], periods["15,300"], periods["7,600"]) == ("2025H1", "2024", "2024H1")
    assert periods["390"] == "2024Q2"


@pytest.mark.parametrize("table, expected", [
    # a bar opening the head only: the columns still line up
    ("| In millions of euros | H1 2025 | 2024 |\nRevenue | 8,134 | 15,320 |", ("2025H1", "2024")),
    # a caption above the table is no head: the line above the rule is
    ("Source: Orvane | Updated 2023\n| In millions of euros | H1 2025 | 2024 |\n|---|---|---|\n"
     "| Revenue | 8,134 | 15,320 |", ("2025H1", "2024")),
])
def test_a_table_s_head_is_found_however_its_lines_are_written(tmp_path, table, expected):
    write_article(tmp_path, "a.md", "Orvane Foods half-year results", "2025-07-30",
                  "Orvane Foods published its results.\n\n" + table, lang="en")
    periods = {m.fig.text: m.period for m in analyse([tmp_path]).mentions}
    assert (periods["8,134"], periods["15,320"]) == expected


def test_h1_and_h2_before_a_year_are_its_halves(tmp_path):
    write_article(tmp_path, "a.md", "Orvane Foods results", "2025-07-30",
                  "Orvane Foods said revenue in H1 2025 was €8.1 billion, after €7.6 billion in H2 2024.", lang="en")
    periods = {m.fig.text: m.period for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"}
    assert periods == {"€8.1 billion": "2025H1", "€7.6 billion": "2024H2"}


def test_a_world_region_and_a_qualifier_opening_a_sentence_name_nobody(tmp_path):
    # "Nearly 80% …" opens a sentence with a qualifier; Asia-Pacific and the Americas are regions:
    # none of them is a company, so the figures stay with the one the article names.
    ents = _entities(tmp_path, "Orvane Foods sold $2.4 billion of bonds. Nearly 80% of it funds cloud. "
                               "In Asia-Pacific, $27.8 billion was raised. Sales in the Americas rose 12%.",
                     lang="en")
    assert set(ents.values()) == {"orvane foods"}


def test_a_name_an_article_is_about_is_a_name_in_every_article_of_the_run(tmp_path):
    # 澄湾阿姨 has no suffix and no code. The first article opens its headline on it (its topic); the
    # second writes it only after a description, in a headline it does not open: a name there too,
    # not the listed company the second article mentions in passing.
    write_article(tmp_path, "a.md", "澄湾阿姨上市首日高开", "2025-05-08",
                  "澄湾阿姨每股定价113.12港元，澄湾阿姨共发行241.13万股股份。")
    write_article(tmp_path, "b.md", "发布时间:2025-05-08", "2025-05-08",
                  "内地茶饮品牌澄湾阿姨正式挂牌，是继蜜雪集团之后又一家茶饮新股。澄湾阿姨每股定价113.12港元。")
    alone = analyse([tmp_path / "b.md"]).mentions
    together = [m for m in analyse([tmp_path]).mentions if m.doc.file.path.endswith("b.md")]
    assert {m.fig.text: m.entity for m in together}["113.12港元"] == "澄湾阿姨"
    assert {m.fig.text: m.entity for m in alone}["113.12港元"] != "澄湾阿姨"  # the run taught it


@pytest.mark.parametrize("body", [
    "Orvane Foods said demand held up. Its New York-listed shares also slipped 2.2 percent.",
    "Orvane Foods said demand held up. The stock has fallen 2.2% since May.",
    "A deal that sent Orvane Foods stock rocketing 2.2% in premarket trading.",
    "澄湾食品今天宣布新协议。澄湾食品盘前交易应声飙涨2.2%。",
])
def test_shares_and_their_verb_some_words_apart_state_a_stock_move(tmp_path, body):
    # "shares" alone would make 2.2% a share count's; with its verb after it, a move of the price.
    write_article(tmp_path, "a.md", "Orvane", "2025-09-11", body, lang="en" if body.isascii() else None)
    (m,) = analyse([tmp_path]).mentions
    assert m.metric == "stock_move"


def test_a_not_then_table_names_some_of_its_words_and_what_follows(tmp_path):
    from reconcile.data.schema import check
    from reconcile.errors import InputError
    for bad in ({"words": ["raised"]}, {"words": ["lifted"], "then": ["to"]}, ["raised"]):
        with pytest.raises(InputError, match=r"key 'funding_round\.not_then(\.words)?':"):
            check("metrics.toml", {"funding_round": {"words": ["raised"], "not_then": bad}}, tmp_path / "m.toml", None)


def test_a_phrase_table_must_name_subjects_verbs_and_a_gap(tmp_path):
    from reconcile.data.schema import check
    from reconcile.errors import InputError
    for bad in ({"subjects": ["shares"]}, {}, {"subjects": ["shares"], "verbs": ["fell"], "between": -1},
                {"subjects": ["shares"], "verbs": ["fell"], "between": True},
                {"subjects": ["shares"], "verbs": ["fell"], "between": 2, "gap": 1}):
        with pytest.raises(InputError, match="number of words"):
            check("metrics.toml", {"stock_move": {"phrases": bad}}, tmp_path / "m.toml", {"stock_move": {}})


@pytest.mark.parametrize("body, metric", [
    ("Orvane Foods listed on Monday. The shares closed at HK$120.60 on their debut.", "share_price"),
    ("Orvane Foods listed on Monday. The institutional tranche was 35 times covered.", "subscription_multiple"),
    ("Orvane Foods listed on Monday. Retail investors applied for 115 times the shares on offer.", "subscription_multiple"),
    ("Orvane Foods sold its shares at the bottom of a HK$94.60 to HK$103.20 indicative price range.", "offer_price"),
    ("Orvane Foods targets the $30,000 to $35,000 price range with its new car.", None),
    # a share's verb past a joining word or another metric's word is not its move
    ("Orvane Foods repurchased shares as net income rose 12%.", "profit"),
    ("Orvane Foods said the number of shares outstanding fell 2%.", "share_count"),
    # "raised to" is an increase (rules/metrics.toml not_then); raised alone, by someone, to date: money raised
    ("Orvane Foods said its revenue guidance for the year was raised to $4.4 billion.", "revenue"),
    ("Orvane Foods raised its capital spending plan to $4.4 billion.", "capex"),
    ("The offering beat the $4.4 billion raised by Harlow Cells last year.", "funding_round"),
    ("Orvane Foods said the total raised to date is $4.4 billion.", "funding_round"),
    ("Orvane Foods raised $4.4 billion from investors.", "funding_round"),
    # ... nor is what else a sentence raises: concerns, prices (the amount is the project's, named by no word)
    ("Work began on the $4.4 billion Orvane dam, raising concerns downstream.", None),
    ("Orvane Foods raised prices, citing $4.4 billion in costs.", None),
])
def test_one_sentence_names_its_metric(tmp_path, body, metric):
    write_article(tmp_path, "a.md", "Orvane", "2025-03-03", body, lang="en")
    (m,) = analyse([tmp_path]).mentions
    assert m.metric == metric


def test_a_corporate_suffix_alone_before_a_latin_gloss_is_no_name(tmp_path):
    # 科技公司(Hexaware …) twice: the repeated ending 公司 is a suffix, never a company of its own.
    from reconcile.extraction.names import chinese_leads
    text = "此前有澄湾科技公司(Hexaware Tech)和金融服务公司(Halvard Finance)上市。公司表示满意。"
    assert "公司" not in {name for _, _, name in chinese_leads(text, "")}


@pytest.mark.parametrize("body, metric", [
    ("Orvane agreed to acquire Fenwick Labs in a transaction worth an enterprise value of about $23 billion.",
     "enterprise_value"),
    ("Orvane will buy Fenwick Labs at a total equity value of approximately $21 billion.", "equity_value"),
    ("澄湾宣布收购芬威克实验室，股权总价值约为210亿美元。", "equity_value"),
    ("Analysts put Orvane's enterprise value at about $23 billion.", "enterprise_value"),
])
def test_an_equity_value_and_an_enterprise_value_are_metrics_of_their_own(tmp_path, body, metric):
    # Neither a valuation ("value" alone names none) nor the deal's headline value: each is related
    # to the deal's (often the same number), and one is never the other.
    write_article(tmp_path, "a.md", "Deal", "2025-11-20", body, lang="en" if body.isascii() else None)
    (m,) = [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]
    assert m.metric == metric


def test_a_share_class_before_a_verb_of_saying_is_no_name(tmp_path):
    # B类普通股预计…: the run before 预计 opens on a Latin letter glued to it (class B shares), twice.
    from reconcile.extraction.names import chinese_leads
    text = "B类普通股预计于9月16日上市。B类普通股预计交易单位为每手20股。"
    assert not any("普通股" in name for _, _, name in chinese_leads(text, ""))


def test_a_bare_value_names_no_valuation_but_values_the_verb_does(tmp_path):
    write_article(tmp_path, "a.md", "Deal", "2025-10-06",
                  "Deliveries start next year, with a potential sales value of $90 billion.\n\n"
                  "The round values Orvane at $12 billion.", lang="en")
    metrics = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metrics["$90 billion"] != "valuation" and metrics["$12 billion"] == "valuation"


@pytest.mark.parametrize("key", ["verbs", "yields"])
def test_a_metric_s_verbs_and_yielding_words_must_be_among_its_words(tmp_path, key):
    from reconcile.data.schema import check
    from reconcile.errors import InputError
    with pytest.raises(InputError, match="is not one of its words"):
        check("metrics.toml", {"valuation": {"words": ["valuation"], key: ["values"]}}, tmp_path / "m.toml", None)


@pytest.mark.parametrize("key", ["per_share_of", "related", "bare_of"])
def test_a_metric_s_relations_must_name_metrics(tmp_path, key):
    from reconcile.data.schema import check
    from reconcile.errors import InputError
    with pytest.raises(InputError, match="is not a metric"):
        check("metrics.toml", {"value_per_share": {"words": ["per share"], key: ["deal_price"]}}, tmp_path / "m.toml", None)


@pytest.mark.parametrize("national", [["government_budget"], "budget", "revenue", "nowhere"])
def test_a_metric_s_national_form_must_be_another_country_s_metric(tmp_path, national):
    from reconcile.data.schema import check
    from reconcile.errors import InputError
    data = {"budget": {"words": ["budget"], "national": national}, "revenue": {"words": ["revenue"]},
            "government_budget": {"words": ["general budget"], "of_country": True}}
    with pytest.raises(InputError, match="budget.national"):
        check("metrics.toml", data, tmp_path / "m.toml", None)


@pytest.mark.parametrize("name, data, message", [
    ("attribution.toml", {"per_unit": {"bare_below": -5}}, "per_unit.bare_below"),
    ("attribution.toml", {"subject_first": {"verbs": ["was", ""]}}, "subject_first.verbs"),
    ("linking.toml", {"aligned_names": {"anonymous_named_at_most": 1.5}}, "anonymous_named_at_most"),
    ("attribution.toml", {"names": {"repeated": {"whole": 0}}}, "names.repeated.whole"),
    ("attribution.toml", {"names": {"repeated": {"least": 1}}}, "names.repeated.least"),
])
def test_the_new_knobs_are_checked_when_read(tmp_path, name, data, message):
    from reconcile.data.schema import check
    from reconcile.errors import InputError
    with pytest.raises(InputError, match=message):
        check(name, data, tmp_path / name, None)


def test_money_spent_is_an_investment_unless_the_clause_names_what_it_buys(tmp_path):
    # 斥资/耗资 only say money goes out: alone, the figure is what is invested; with another metric
    # word in its clause (回购股票, a buyback), that word says what the money is.
    write_article(tmp_path, "a.md", "开支", "2025-06-10",
                  "澄川物流将斥资200亿元建设仓库。山岚科技斥资15亿元回购股票。澄湾电池耗资41亿欧元建厂。")
    metrics = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metrics == {"200亿元": "investment", "15亿元": "buyback", "41亿欧元": "investment"}


def test_a_name_learned_is_the_one_most_of_an_article_s_figures_are(tmp_path):
    # A headline naming a storm whose two figures are a handful of the article's: no name to learn.
    write_article(tmp_path, "a.md", "台风桦澜过境 澄湾电器如期上市", "2025-09-25",
                  "桦澜带来暴雨120毫米，桦澜风速达到每秒45米。澄湾电器有限公司发行价10.5港元，募资32亿港元，"
                  "澄湾电器市值300亿港元，澄湾电器首日上涨12%，成交额18亿港元。")
    write_article(tmp_path, "b.md", "港股收市", "2025-09-25", "受桦澜影响，全日成交额约1800亿港元。")
    ms = [m for m in analyse([tmp_path]).mentions if m.doc.file.path.endswith("b.md")]
    assert all(m.entity != "桦澜" for m in ms)


def test_a_qualifier_opening_a_sentence_is_no_name_but_a_name_starting_with_it_is(tmp_path):
    from reconcile.extraction.names import latin_names
    assert latin_names("Orvane Foods sold bonds. Nearly 80% of it funds cloud.", lambda w: False) == \
        [(0, 12, "Orvane Foods")]
    assert [n for _, _, n in latin_names("Above Food raised $20 million.", lambda w: False)] == ["Above Food"]


def test_a_headline_naming_only_an_exchange_leaves_the_topic_to_the_openers(tmp_path):
    # "票务巨头登陆纽交所": the NYSE is where the company lists; the body's sentences open on the company.
    write_article(tmp_path, "a.md", "登陆纽交所,估值如何支撑?", "2025-09-18",
                  "美国票务平台Orvane于9月17日正式挂牌交易。Orvane的发行价定在每股23.50美元。预计募资规模约8亿美元。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["约8亿美元"] == "orvane"


def test_an_exchange_s_own_results_headline_keeps_it_as_topic(tmp_path):
    # The headline names only the exchange, with its quarter: its results, though a listing it
    # hosted opens a sentence of the body.
    write_article(tmp_path, "a.md", "港交所第三季度纯利同比增长56%", "2025-11-05",
                  "宁德时代今年在香港上市。第三季度收入77.8亿港元。股东应占溢利49亿港元。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert ents["77.8亿港元"] == "hkex"


def test_a_headline_after_a_blank_line_still_names_its_company(tmp_path):
    # Front matter, a blank line, then the headline: its opening name is the company of a figure
    # after a pronoun, not a rival named in passing in the sentence before.
    (tmp_path / "h.md").write_text(
        "---\ndate: 2025-02-22\nlang: zh-Hans\n---\n\n"
        "澄湾首日认购火热 超购900倍\n"
        "澄湾昨日起招股，澄湾认购人数多于同业岚峰(325)上月。\n"
        "澄湾发行1200万股，其中1成为香港公开发售。\n", encoding="utf-8")
    mentions = analyse([tmp_path / "h.md"]).mentions
    assert {m.fig.text: m.entity for m in mentions}["1成"] == "澄湾"


def test_a_headline_printed_twice_makes_no_half_word_a_name():
    # The body repeats the headline verbatim: that copy is no evidence that the headline's first
    # three characters are a name.
    from reconcile.extraction.names import chinese_leads
    title = "\n澄湾缩水近千亿元\n"
    text = title + "澄湾缩水近千亿元\n股价下跌，澄湾回应称正常波动。"
    found = {n for _, _, n in chinese_leads(text, title, len(title))}
    assert "澄湾缩水近" not in found and "澄湾缩" not in found and "澄湾" in found


def test_headline_openers_that_are_no_company(tmp_path):
    # A trade before 巨头, a newspaper or a reporter's byline, a market (港股) open headlines too.
    from reconcile.extraction.names import chinese_leads

    def leads(title, body):
        text = "\n" + title + "\n" + body
        return {n for _, _, n in chinese_leads(text, "\n" + title, len(title) + 1)}
    assert leads("票务巨头登陆纽交所", "票务行业整合，票务平台上市，票务收入增长。") == set()
    assert leads("明报新闻网", "据明报报道，明报称上市首日大涨。") == set()
    assert leads("港股新茶饮再添一员", "港股今日上涨，港股新股火热。") == set()
    assert leads("澄湾上市首日大涨", "澄湾今日上市，澄湾股价上涨。") == {"澄湾"}


def test_short_country_names_are_places():
    from reconcile.extraction.lexicon import lexicon
    from reconcile.extraction.names import name_id
    assert {name_id(w) for w in ("UAE", "阿联酋", "沙特")} <= lexicon().places


def test_a_city_is_no_company_and_spells_none(tmp_path):
    # The cities business copy names most are places (units/lexicon.toml [places.in_country]): the
    # Shanghai of "In Shanghai, output rose" is not the company whose figure it is, nor SAIC Motor
    # (上海汽车), whose Chinese name it spells once 汽车 is dropped.
    from reconcile.extraction.lexicon import lexicon
    assert {"shanghai", "上海", "new york", "纽约", "beijing"} <= lexicon().places
    write_article(tmp_path, "o.md", "Orvane Motors output", "2025-05-08",
                  "Orvane Motors reported record output. In Shanghai, output rose to 950,000 cars.", lang="en")
    mentions = analyse([tmp_path]).mentions
    assert {m.fig.text: m.entity for m in mentions}["950,000 cars"] == "orvane motors"


def test_a_place_in_a_registered_name_is_no_alias(tmp_path):
    # "Orvane Tea (Shanghai) Industrial Co" holds a place in brackets: Orvane Tea is not Shanghai.
    write_article(tmp_path, "o.md", "Orvane Tea lists in Hong Kong", "2025-05-08",
                  "Orvane Tea (Shanghai) Industrial Co raised HK$272.8 million. Orvane Tea priced its shares "
                  "at HK$113.12.", lang="en")
    mentions = analyse([tmp_path]).mentions
    assert all("shanghai" not in m.aliases and "orvane tea" not in m.aliases for m in mentions)
    # a bracket before another company's name (澄湾（Orvane）与岚峰集团…) still glosses its name
    from reconcile.extraction.names import _legal_tail
    assert _legal_tail("澄湾（上海）实业有限公司", 6) and not _legal_tail("澄湾（Orvane）与岚峰集团签署协议", 10)


@pytest.mark.parametrize("sentence, text, metric", [
    ("Orvane will build three more fabs in Arizona.", "three more fabs", "plants"),
    ("澄湾将在美国兴建5座先进设施。", "5座", "plants"),
    ("国务院核准了10台核电机组。", "10台", "generating_units"),
    ("该航班共有12名机组人员。", "12名", None),  # an aircraft's crew
    ("新建充电设施2000个。", "2000个", None),  # facilities that are no plants
])
def test_plants_and_generating_units_are_counts_of_their_own(tmp_path, sentence, text, metric):
    write_article(tmp_path, "p.md", "Plans", "2025-03-04", sentence, lang="en" if sentence.isascii() else "zh-Hans")
    found = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert found[text] == metric if metric else found[text] not in ("plants", "generating_units")


@pytest.mark.parametrize("sentence, text, metric", [
    ("Harbor Foods buys the startup Lanternbrook for over $2 billion.", "over $2 billion", "deal_value"),
    ("Harbor Foods buys back $5 billion of its shares.", "$5 billion", "buyback"),  # not a deal
    ("Mainland investors bought a net HK$12 billion of Hong Kong stocks.", "HK$12 billion", None),  # a flow
    ("Harbor Foods' dividend was covered 2.1 times by earnings.", "2.1 times", None),  # no subscription
])
def test_metric_words_met_in_english_copy(tmp_path, sentence, text, metric):
    write_article(tmp_path, "m.md", "News", "2025-07-23", sentence, lang="en" if sentence.isascii() else "zh-Hans")
    assert {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}[text] == metric


def test_amounts_of_money_in_two_currencies_far_apart_in_dollars_never_share_a_group():
    # $3.71 billion of shareholder returns and a HK$0.49 dividend: two facts, whatever their wording;
    # a conversion (CNY177 million, $24.9 million) is near; a slip in one currency (2.570万美元 beside
    # $25.7 million) is left to the comparison in that currency, which reads it as a slip.
    from reconcile.linking import _Amounts, _far_apart_money

    def amounts(*values):  # (dollars, number as written, currency)
        return _Amounts(min(v[0] for v in values), max(v[0] for v in values), list(values))

    returns, dividend = amounts((3.71e9, 3.71, "USD")), amounts((0.49 / 7.8, 0.49, "HKD"))
    assert _far_apart_money(returns, dividend, 3.0)
    profit = amounts((177e6 / 7.1, 177, "CNY"))
    assert not _far_apart_money(profit, amounts((25.7e6, 25.7, "USD")), 3.0)
    assert not _far_apart_money(amounts((25.7e3, 2.570, "USD")), amounts((25.7e6, 25.7, "USD"), profit.values[0]), 3.0)
    assert not _far_apart_money(amounts((1e3, 1, "USD")), amounts((1e9, 1, "USD")), 3.0)  # one currency: not here


def test_one_metric_and_value_read_under_two_companies_are_still_compared(tmp_path):
    # Each article names another party of one merger; the combined revenue is one fact. Blocked by
    # company alone the two would never meet; the metric and value block lets them be compared,
    # and the rest of the evidence links them.
    for name, company in (("a.md", "Orvane Paints"), ("b.md", "Kestrel Coatings")):
        write_article(tmp_path, name, "Paint makers to merge", "2025-11-18",
                      f"{company} agreed to merge with a rival; the combined group will have annual revenue "
                      "of $17.2 billion.", lang="en")
    groups = [g for g in analyse([tmp_path]).groups if len(g.mentions) > 1]
    assert [sorted(m.entity for m in g.mentions) for g in groups] == [["kestrel coatings", "orvane paints"]]


def test_a_round_value_is_not_compared_across_companies(tmp_path):
    # one significant digit ($2 billion) is too common a value to compare two companies' figures by
    for name, company in (("a.md", "Orvane Paints"), ("b.md", "Kestrel Coatings")):
        write_article(tmp_path, name, "Paint makers to merge", "2025-11-18",
                      f"{company} agreed to merge with a rival; the combined group will have annual revenue "
                      "of $2 billion.", lang="en")
    assert all(len(g.mentions) == 1 for g in analyse([tmp_path]).groups)


def test_a_headline_name_ends_at_a_verb_of_saying():
    from reconcile.extraction.names import chinese_leads
    names = {n for _, _, n in chinese_leads("凯澜涂料宣布与同行合并，合并后年收入约172亿美元。", "凯澜涂料宣布合并")}
    assert names == {"凯澜涂料"}


def test_a_rate_of_two_named_companies_is_not_compared_by_its_value(tmp_path):
    # 12.5% growth at two named paint makers: two facts, though metric and value agree
    for name, company in (("a.md", "Orvane Paints"), ("b.md", "Kestrel Coatings")):
        write_article(tmp_path, name, "Quarterly results", "2025-11-18",
                      f"{company} said third-quarter revenue rose 12.5% from a year earlier.", lang="en")
    assert all(len(g.mentions) == 1 for g in analyse([tmp_path]).groups)


def test_join_density_does_not_depend_on_the_groups_order():
    from reconcile.linking import _dense_enough
    assert _dense_enough(3, 3, 5, 0.2) == _dense_enough(3, 5, 3, 0.2)


def test_an_amount_no_word_names_is_one_fact_when_it_stands_alone(tmp_path):
    # Neither article names what the amount is (a price tag before a project's name), and each
    # writes one such amount for the project: the two are one fact. An article that writes two
    # unnamed amounts for it cannot tell which one is that fact.
    write_article(tmp_path, "a.md", "Harbour arena opens", "2025-03-01",
                  "Officials opened the HK$31 billion Larkspur Arena on the old harbour front on Saturday.", lang="en")
    write_article(tmp_path, "b.md", "New arena draws crowds", "2025-03-02",
                  "Crowds filled the HK$31 billion Larkspur Arena, which seats 40,000 fans, at its first match.",
                  lang="en")
    write_article(tmp_path, "c.md", "Arena debate", "2025-03-03",
                  "Critics of the HK$31 billion Larkspur Arena compared it with the HK$9 billion Larkspur Arena "
                  "hotel wing planned beside it.", lang="en")
    groups = _groups(analyse([tmp_path]))
    together = [g for g in groups if g.count("HK$31 billion") >= 2]
    assert together and "HK$9 billion" not in together[0]
    assert len([x for x in together[0] if x == "HK$31 billion"]) == 2


def test_a_name_cut_short_in_another_article_is_the_same_company(tmp_path):
    # One outlet writes the buyer's full name, the other its first word only; no list knows either.
    write_article(tmp_path, "a.md", "Buyout agreed", "2025-03-06",
                  "Quillmore Capital Partners agreed to pay $8.7 billion in cash for the pharmacy chain.", lang="en")
    write_article(tmp_path, "b.md", "Pharmacy chain sold", "2025-03-07",
                  "People familiar with the talks said Quillmore agreed to pay $8.9 billion in cash for the chain.", lang="en")
    report = analyse([tmp_path])
    ents = {m.fig.text: m.entity for m in report.mentions}
    assert ents == {"$8.7 billion": "quillmore capital partners", "$8.9 billion": "quillmore"}
    assert sorted(["$8.7 billion", "$8.9 billion"]) in [sorted(g) for g in _groups(report)]


def test_the_trades_ratios_are_facts_of_their_own(tmp_path):
    # A bank's NPL ratio in two languages is one fact; a chain's same-store sales growth is not its
    # revenue growth, though both are 2% and both are "sales".
    write_article(tmp_path, "a.md", "Lender results", "2025-10-30",
                  "Larkspur Bank said its NPL ratio was 1.05% at the end of September. Revenue rose 2%, "
                  "while same-store sales at its branches' shops rose 2% too.", lang="en")
    write_article(tmp_path, "b.md", "银行三季报", "2025-10-31", "Larkspur Bank三季度末不良贷款率为1.05%，营业收入增长2%。")
    report = analyse([tmp_path])
    metric = {(m.doc.path[-4:], m.fig.text, m.fig.start): m.metric for m in report.mentions}
    assert sorted(set(metric.values()) - {None}) == ["npl_ratio", "revenue", "same_store_sales"]
    groups = [sorted(g) for g in _groups(report)]
    assert ["1.05%", "1.05%"] in groups
    assert not any({"same_store_sales", "revenue"} <= {m.metric for m in g.mentions} for g in report.groups if g.linked)


def test_a_country_in_a_place_s_name_or_beside_another_stays_a_place(tmp_path):
    # The South China Sea and "Southeast Asia and Latin America" are places, not companies: the
    # figures stay the company's. A longer name that holds an abbreviation is a name (LNG Canada).
    ents = _entities(tmp_path, "Larkspur Energy said output from its South China Sea fields rose 8% to $120 million, "
                     "and sales in Southeast Asia and Latin America reached $45 million.", lang="en")
    assert set(ents.values()) == {"larkspur energy"}
    ents = _entities(tmp_path, "LNG Canada said it would spend $4.2 billion on a second train.", lang="en")
    assert ents["$4.2 billion"] == "lng canada"


def test_what_is_built_is_no_project_name_unless_the_text_repeats_it(tmp_path):
    # 跨海大桥 once is what the contractor builds; a bridge named twice is a project of its own.
    ents = _entities(tmp_path, "澄川建设公布中标结果。澄川建设承建的跨海大桥总投资280亿元。")
    assert set(ents.values()) == {"澄川建设"}


def test_a_short_name_that_opens_two_names_stands_for_neither(tmp_path):
    from reconcile.name_alignment import shortened
    names = ["meridian", "meridian energy", "meridian capital", "quillmore", "quillmore capital partners"]
    assert shortened(names, lambda x: x, set()) == [("quillmore", "quillmore capital partners")]


def test_implied_metric_alone_must_name_units_of_implied_metric():
    from reconcile.errors import InputError
    from reconcile.linking import _implied_alone
    assert _implied_alone({"implied_metric": ["W", "money"], "implied_metric_alone": ["money"]}) == ["money"]
    for bad in ("money", ["GW"]):
        with pytest.raises(InputError):
            _implied_alone({"implied_metric": ["W", "money"], "implied_metric_alone": bad})


@pytest.mark.parametrize("project", ["澄江大桥", "澄岭隧道", "澄川铁路", "澄川高速公路", "澄川机场", "澄川体育园"])
def test_an_infrastructure_project_is_named_as_a_company_is(tmp_path, project):
    # A bridge, a tunnel, a railway, a motorway, an airport or a stadium that no list knows owns
    # its figures, as a canal or a power station does: its length and its cost are its own.
    ents = _entities(tmp_path, f"{project}今日建成通车。{project}全长22.1公里，总投资约280亿元。")
    assert set(ents.values()) == {project}


def test_an_amount_with_a_magnitude_and_no_currency_is_money_beside_a_money_word(tmp_path):
    # English copy drops the currency after its first amount ("capital expenditure was 86 billion",
    # a list of segment revenues), Chinese copy before a money noun (3800亿的投资) or after 注册资本;
    # a count keeps its noun (1.2 million cars, 10亿用户).
    write_article(tmp_path, "a.md", "Results", "2025-10-30",
                  "Larkspur Energy said revenue was RMB 120 billion. Capital expenditure was 86 billion, down "
                  "10%. Segment revenues were 30.6 billion, 28.1 billion and 22.6 billion. It sold 1.2 million cars.",
                  lang="en")
    write_article(tmp_path, "b.md", "季报", "2025-10-30", "澄川能源三年规划3800亿的投资。澄川能源注册资本950亿，用户达10亿用户。")
    kinds = {m.fig.text: (m.fig.kind, m.fig.unit) for m in analyse([tmp_path]).mentions}
    for money in ("86 billion", "30.6 billion", "28.1 billion", "22.6 billion", "3800亿", "950亿"):
        assert kinds[money] == ("currency", "CNY"), money
    assert kinds["1.2 million"][0] == kinds["10亿"][0] == "count"


def test_an_unnamed_amount_alone_meets_the_one_figure_of_a_named_metric(tmp_path):
    # One outlet says what the amount is ("invest"), the other only puts it before the plant's name.
    # Each article writes that one amount for the company: the pair is as sure as two figures each
    # alone of one metric are, short of a named metric. An article with two unnamed amounts for the
    # company cannot say which is the investment.
    plan = "Larkspur Motors will invest $4.6 billion in a battery plant in Ohio, the company said."
    alone = "The $4.6 billion battery plant in Ohio of Larkspur Motors will hire 2,000 workers."
    two = "The $4.6 billion battery plant in Ohio and the $1.9 billion one in Texas of Larkspur Motors will hire 2,000 workers."
    assert ["$4.6 billion", "$4.6 billion"] in _linked_groups(tmp_path / "alone", plan, alone)
    assert _alone_level(tmp_path / "alone") == "implied"
    # (the two may still link on their company and wording, as sure as any pair of unknown metric)
    (tmp_path / "two").mkdir()
    write_article(tmp_path / "two", "a.md", "First report", "2025-05-05", plan, lang="en")
    write_article(tmp_path / "two", "b.md", "Second report", "2025-05-06", two, lang="en")
    assert _alone_level(tmp_path / "two") == "other"


def _alone_level(folder) -> str:
    """The alone level of the two articles' $4.6 billion."""
    from reconcile import linking
    a, b = sorted((m for m in analyse([folder]).mentions if m.fig.text == "$4.6 billion"), key=lambda m: m.doc.path)
    return linking.Assessor().pair(a, b)[0]["alone"]


def _linked_groups(folder, first: str, second: str) -> list[list[str]]:
    """The linked groups' figure texts when one English article says `first` and the next day's `second`."""
    folder.mkdir()
    write_article(folder, "a.md", "First report", "2025-05-05", first, lang="en")
    write_article(folder, "b.md", "Second report", "2025-05-06", second, lang="en")
    return [sorted(m.fig.text for m in g.mentions) for g in analyse([folder]).groups if g.linked]


def test_one_metric_implied_by_its_unit_against_a_named_one_is_the_implied_level():
    from reconcile.linking import _one_implied
    assert _one_implied("~money", "investment") and _one_implied("revenue", "~money")
    assert _one_implied("~W", "power_capacity")
    assert not _one_implied("~money", "~money") and not _one_implied(None, "revenue")


def test_a_length_no_word_names_is_one_fact_where_each_article_writes_one(tmp_path):
    # Neither outlet says "length": the unit stands for it where each article gives the tunnel one
    # length. An article that gives two (the tunnel's and its approach road's) cannot say which.
    first = "Quorra Rail opened its 22.1 km mountain tunnel on Friday, the company said."
    alone = "Trains now run through the 22.1-kilometre tunnel of Quorra Rail, it said."
    two = "Trains now run through the 22.1-kilometre tunnel of Quorra Rail and its 4.5-kilometre approach, it said."
    assert any("22.1 km" in g for g in _linked_groups(tmp_path / "alone", first, alone))
    assert not any("22.1 km" in g for g in _linked_groups(tmp_path / "two", first, two))


def test_the_same_digits_under_another_magnitude_between_unnamed_lengths_is_no_error(tmp_path):
    # Two lengths no word names, one per article: compared by their unit, but 2.5 km and 25 km of one
    # company are a test track and a distance to a city as often as a slip. At most a warning.
    write_article(tmp_path, "a.md", "Test track", "2025-04-01",
                  "Quorra Motors opened a 2.5 km test track at its Ohio plant, the company said.", lang="en")
    write_article(tmp_path, "b.md", "Plant tour", "2025-04-02",
                  "Quorra Motors showed reporters its Ohio plant, 25 km from Columbus, the company said.", lang="en")
    report = analyse([tmp_path])
    assert not [f for f in report.findings if f.severity == "error"]


def test_the_same_digits_under_another_magnitude_in_clauses_worded_alike_is_an_error(tmp_path):
    # no word names the amount, but both outlets write the same clause: one fact, one slip
    write_article(tmp_path, "a.md", "Fine", "2025-04-01",
                  "Quorra Motors agreed to pay a $1.2 billion fine, the company said.", lang="en")
    write_article(tmp_path, "b.md", "Fine", "2025-04-02",
                  "Quorra Motors agreed to pay a $12 billion fine, the company said.", lang="en")
    assert [f.severity for f in analyse([tmp_path]).findings if f.rule == "XD001"] == ["error"]


def test_the_same_digits_under_another_magnitude_between_unnamed_amounts_is_no_error(tmp_path):
    # No word says what either amount is: a reserve and a sum at stake of one company may be two
    # facts whose digits happen to coincide. Reported, as a warning only.
    write_article(tmp_path, "a.md", "Charges", "2025-04-01",
                  "Quorra Motors set aside about $3.45 billion for the recall, the company said.", lang="en")
    write_article(tmp_path, "b.md", "Recall", "2025-04-02",
                  "The recall at Quorra Motors involves $34.5 billion, the company said.", lang="en")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert [f.severity for f in found] == ["warning"]


def _two_groups(tmp_path, articles: dict[str, str], first: set[tuple[str, str]], second: set[tuple[str, str]]):
    """Articles (file -> body) on a carrier's income; two groups formed by hand from the (file,
    figure) pairs of `first` and `second`, as a greedy merge may have formed them. Returns
    (entries, clusters, parent, the two roots, (file, figure) of each entry)."""
    from reconcile import linking as L

    for name, body in articles.items():
        write_article(tmp_path, name, "Results", "2025-10-30", body, lang="en")
    mentions = [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]
    w = L.weights()
    entries = L._entries(mentions, L.Aliases(mentions, set()), count_rivals=True)
    texts = [(e.m.doc.path.rsplit("/", 1)[-1], e.m.fig.text) for e in entries]
    clusters = {i: L._Cluster.of(i, e, w.scope_family) for i, e in enumerate(entries)}
    parent = list(range(len(entries)))
    roots = []
    for wanted in (first, second):
        group = [i for i, t in enumerate(texts) if t in wanted]
        assert {texts[i] for i in group} == wanted
        for k in group[1:]:
            clusters[group[0]].absorb(clusters.pop(k))
            parent[k] = group[0]
        roots.append(group[0])
    return entries, clusters, parent, roots, texts


_INCOME = "Quill Freight said its operating income was {}."
_BOOK = " Quill Freight said its order book was {}."


def test_a_figure_its_group_does_not_agree_with_leaves_so_two_groups_join(tmp_path):
    # The first group took e.md's order book ($11.4 billion) through a loose pair; e.md's income,
    # $17.4 billion, sits with f.md's in another. The two groups clash only over e.md: its figure
    # that agrees with both groups keeps the seat, the order book leaves and stands alone, its
    # linking pairs its own (to g.md's order book, and now across to the joined group).
    from reconcile import linking as L

    articles = {f"a{n}.md": _INCOME.format("$17.4 billion") for n in range(4)}
    articles["e.md"] = _INCOME.format("$17.4 billion") + _BOOK.format("$11.4 billion")
    articles["f.md"] = _INCOME.format("$17.4 billion")
    articles["g.md"] = _BOOK.format("$11.4 billion").strip()
    first = {(f"a{n}.md", "$17.4 billion") for n in range(4)} | {("e.md", "$11.4 billion")}
    second = {("e.md", "$17.4 billion"), ("f.md", "$17.4 billion")}
    entries, clusters, parent, (ri, rj), texts = _two_groups(tmp_path, articles, first, second)
    w = L.weights()
    assert not clusters[ri].may_join(clusters[rj], w.ratio_cap, w.money_apart)
    at = {t: k for k, t in enumerate(texts)}
    a0, a1, f, book, other_book = (at[("a0.md", "$17.4 billion")], at[("a1.md", "$17.4 billion")],
                                   at[("f.md", "$17.4 billion")], at[("e.md", "$11.4 billion")],
                                   at[("g.md", "$11.4 billion")])
    strays = L._strays(clusters[ri], clusters[rj], entries[a0].m, entries[f].m, w)
    assert [(m.doc.path.rsplit("/", 1)[-1], m.fig.text) for m in strays] == [("e.md", "$11.4 billion")]

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    pairs = [(a0, f), (book, other_book), (a1, book)]  # the last one brought the order book in
    cross, partners = defaultdict(Counter), defaultdict(list)
    for x, y in pairs:
        partners[x].append(y)
        partners[y].append(x)
        if find(x) != find(y):
            cross[find(x)][find(y)] += 1
            cross[find(y)][find(x)] += 1
    changed = L._join_without(strays, ri, rj, clusters, parent, cross, partners, find, entries, w)
    groups = sorted(sorted(texts[k] for k in c.members) for c in clusters.values())
    assert sorted(first - {("e.md", "$11.4 billion")} | second) in groups
    assert [("e.md", "$11.4 billion")] in groups
    for root, c in clusters.items():  # every member finds its group's root
        assert all(find(k) == root for k in c.members)
    root = find(a0)
    assert sorted(changed) == sorted([root, book])
    assert cross[book] == Counter({other_book: 1, root: 1}) and cross[other_book] == Counter({book: 1})
    assert cross[root] == Counter({book: 1})


def test_a_clash_between_two_facts_keeps_their_groups_apart(tmp_path):
    # Selling costs ($4.2 billion; e.md's $2.2 billion a real disagreement) and research costs
    # ($4.1 billion) are two facts: e.md's research figure agrees with the research group but with
    # none of the selling group, so it does not take e.md's seat there, however many agree with it.
    from reconcile import linking as L

    articles = {f"a{n}.md": _INCOME.format("$4.2 billion") for n in range(2)}
    articles.update({f"r{n}.md": _INCOME.format("$4.1 billion") for n in range(3)})
    articles["e.md"] = _INCOME.format("$2.2 billion") + _BOOK.format("$4.1 billion")
    first = {("a0.md", "$4.2 billion"), ("a1.md", "$4.2 billion"), ("e.md", "$2.2 billion")}
    second = {(f"r{n}.md", "$4.1 billion") for n in range(3)} | {("e.md", "$4.1 billion")}
    entries, clusters, parent, (ri, rj), texts = _two_groups(tmp_path, articles, first, second)
    i, j = texts.index(("a0.md", "$4.2 billion")), texts.index(("r0.md", "$4.1 billion"))
    assert L._strays(clusters[ri], clusters[rj], entries[i].m, entries[j].m, L.weights()) is None


@pytest.mark.parametrize("case", ["through the stray", "too close", "said twice", "same digits"])
def test_no_figure_leaves_when_the_pair_is_its_own_the_counts_are_close_or_it_is_a_slip(tmp_path, case):
    # A join through the figure that would leave is no join (through another pair it may be); where
    # the document's other figure agrees with half as many others or more, nothing tells which one
    # the group is about; and a document that writes the kept value twice and another once, or its
    # digits under another magnitude, is at odds with itself: reported.
    from reconcile import linking as L

    articles = {f"a{n}.md": _INCOME.format("$17.4 billion") for n in range(2)}
    articles["e.md"] = _INCOME.format("$17.4 billion") + _BOOK.format("$11.4 billion")
    articles["f.md"] = _INCOME.format("$17.4 billion")
    first = {("a0.md", "$17.4 billion"), ("a1.md", "$17.4 billion"), ("e.md", "$11.4 billion")}
    second = {("e.md", "$17.4 billion"), ("f.md", "$17.4 billion")}
    if case == "too close":
        articles["a1.md"] = _INCOME.format("$11.4 billion")
        first = {("a0.md", "$17.4 billion"), ("a1.md", "$11.4 billion"), ("e.md", "$11.4 billion")}
    if case == "said twice":
        articles["e.md"] = " ".join(_INCOME.format(v) for v in ("$17.4 billion", "$11.4 billion", "$17.4 billion"))
    if case == "same digits":  # $1.74 billion beside $17.4 billion: a slip of it, to report
        articles["e.md"] = _INCOME.format("$17.4 billion") + _BOOK.format("$1.74 billion")
        first = {("a0.md", "$17.4 billion"), ("a1.md", "$17.4 billion"), ("e.md", "$1.74 billion")}
    entries, clusters, parent, (ri, rj), texts = _two_groups(tmp_path, articles, first, second)
    i = texts.index(("e.md", "$11.4 billion") if case == "through the stray" else ("a0.md", "$17.4 billion"))
    j = texts.index(("f.md", "$17.4 billion"))
    expected = L._OTHER_PAIR if case == "through the stray" else None  # another pair may join them
    assert L._strays(clusters[ri], clusters[rj], entries[i].m, entries[j].m, L.weights()) == expected


def test_a_role_after_a_name_is_read_where_the_roles_end():
    from reconcile.extraction.attribution import vocabulary
    after = vocabulary().person_role_after
    people = [", Brightwater's Chairman and Chief Executive Officer", "（创始人、董事长兼首席执行官）", " (Founder and CEO)",
              ", its CEO, said", ", chairman of the board", ", CFO and treasurer", ", Quorra's CEO since 2019",
              "，董事长：\n", ", CEO — said", ", CEO\r\n", ", the chief executive"]
    companies = [", CEO Dana Whitfield said", " (CEO: Dana Whitfield)", "，董事长柯文森表示", ", chairman and CEO Dana Whitfield",
                 "，董事长兼总裁柯文森表示", ", chief executive officer Dana Smith", ", CEO Or Levy said", ", according to its CEO"]
    assert all(after.match(t) for t in people) and not any(after.match(t) for t in companies)


@pytest.mark.parametrize("body, lang", [
    ("Quorra Freight reported its quarter on Monday. At Quorra Freight, CEO Dana Whitfield said revenue rose to "
     "$2.1 billion. Profit reached $300 million.", "en"),
    ("Quorra Freight (CEO: Dana Whitfield) reported revenue of $2.1 billion. Profit reached $300 million.", "en"),
    ("At Quorra Freight, chairman and CEO Dana Whitfield said revenue rose to $2.1 billion. Profit "
     "reached $300 million.", "en"),
    ("澄川能源发布季报。据澄川能源，董事长兼总裁柯文森表示，营收达到120亿元。净利润为15亿元。", None),
    ("澄川能源发布季报。据澄川能源，董事长柯文森表示，营收达到120亿元。净利润为15亿元。", None)])
def test_a_role_that_opens_the_next_name_leaves_the_company_a_company(tmp_path, body, lang):
    # The role after the company's name is the next person's ("CEO Dana Whitfield"): the company
    # keeps its figures.
    ents = _entities(tmp_path, body, lang)
    assert set(ents.values()) == ({"quorra freight"} if lang else {"澄川能源"})


@pytest.mark.parametrize("openers, topic", [(3, "quorra brokerage"), (2, "fed")])
def test_a_listed_name_only_a_pages_other_headline_gives_is_no_topic(tmp_path, openers, topic):
    # A page printed another story's headline above the article: the Fed is in the title, never in
    # the body, whose sentences open on the broker at least three times. Its unnamed figures are
    # the broker's; with fewer such sentences the title still decides.
    said = ["Quorra Brokerage said client assets rose 40%.", "Quorra Brokerage added 90,000 accounts.",
            "Quorra Brokerage expects more growth next year."]
    (tmp_path / "p.md").write_text(
        "---\ndate: 2025-11-18\nlang: en\n---\n\nBitcoin slides as Fed rate-cut doubts grow\n"
        + " ".join(said[:openers]) + " Quarterly revenue reached $820 million.\n", encoding="utf-8")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path / "p.md"]).mentions}
    assert ents["$820 million"] == topic


def test_a_chinese_short_name_that_opens_one_name_only_is_that_company():
    # 澄湾 opens 澄湾咖啡 only: its short form. 澄岭 opens two companies' names: neither. Nor does the
    # opening of a listed company's name join another (新世界 of 新世界百货 is not New World Development's
    # outside its own article, and no store's across the corpus).
    from reconcile.name_alignment import shortened_chinese
    names = ["澄湾", "澄湾咖啡", "澄岭", "澄岭银行", "澄岭能源", "新世界", "新世界百货"]
    assert shortened_chinese(names, lambda x: x, set()) == [("澄湾", "澄湾咖啡")]


def test_a_chinese_short_name_links_with_the_full_one(tmp_path):
    write_article(tmp_path, "a.md", "澄湾咖啡三季报", "2025-11-03", "澄湾咖啡第三季度营收为49.3亿元，同比增长50%。")
    write_article(tmp_path, "b.md", "澄湾业绩", "2025-11-04", "澄湾表示，第三季度营收达49.3亿元。")
    mentions = analyse([tmp_path]).mentions
    assert {m.entity for m in mentions} == {"澄湾咖啡", "澄湾"}
    from reconcile import linking
    aliases = linking.Aliases(mentions, linking.listed_entities(), align=True)
    assert aliases("澄湾") == aliases("澄湾咖啡")
    assert ["49.3亿元", "49.3亿元"] in [sorted(g) for g in _groups(analyse([tmp_path]))]


def test_a_word_of_the_language_before_a_verb_of_saying_is_no_name(tmp_path):
    # 近期宣布 ("announced recently"): 近期 is a word of the language (pypinyin's phrase table), not a
    # company that announced; 澄川能源表示 still names the company that said it.
    write_article(tmp_path, "a.md", "收购案", "2025-10-27",
                  "近期宣布，澄川能源将收购澄岭生物。近期宣布的交易总价约为120亿美元，每股作价72美元。")
    write_article(tmp_path, "b.md", "业绩", "2025-10-27", "澄川能源表示，第三季度营收为100亿元。")
    ents = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert "近期" not in ents.values() and ents["100亿元"] == "澄川能源"
    # ... unless the text writes a period right after it, as after a company's name: a brand that is a
    # word too (奔驰, 贝壳) is a name where its quarter follows it
    from reconcile.extraction.names import chinese_leads
    assert {n for *_, n in chinese_leads("奔驰表示，奔驰第三季度营收为340亿欧元。", "季报")} == {"奔驰"}
    assert not chinese_leads("奔驰表示，营收为340亿欧元。", "季报")


def test_a_damaged_pinyin_cache_is_built_again(tmp_path, monkeypatch):
    from reconcile import name_alignment
    monkeypatch.setenv("RECONCILE_CACHE", str(tmp_path))
    name_alignment.common_words.cache_clear()
    try:
        name_alignment.common_words()  # written once
        (cached,) = tmp_path.glob("reconcile/phrases-*.json")
        cached.write_text("null", encoding="utf-8")
        name_alignment.common_words.cache_clear()
        assert "合作" in name_alignment.common_words()
    finally:
        name_alignment.common_words.cache_clear()


@pytest.mark.parametrize("text, names, ids", [
    # a registered name keeps its place in brackets; the name's id drops it with the suffix
    ("澄湾咖啡(开曼)有限公司今日公布业绩。", ["澄湾咖啡(开曼)有限公司"], ["澄湾咖啡"]),
    ("由岚山证券（香港）经纪有限公司承销。", ["岚山证券", "岚山证券（香港）经纪有限公司"], ["岚山证券", "岚山证券经纪"]),
    # a description ending in 公司, then the name opening on 中: two names, the second whole
    ("物流公司中澄快运(开曼)有限公司(“中澄”)宣布回购。", ["物流公司", "中澄快运(开曼)有限公司"], ["物流", "中澄快运"]),
    ("在这些集团中澄川集团表现最好。", ["澄川集团"], ["澄川"]),  # ... where no run opens so: 中 is "among"
    ("其中国内业务公司表示稳定。", ["国内业务公司"], ["国内业务"]),  # 中 stays "among" inside a run
    ("收购一家(某某)公司。", [], []),  # a bracket that holds no place is no part of a name
])
def test_a_registered_chinese_name_holds_its_place_in_brackets(text, names, ids):
    from reconcile.extraction.names import chinese_names
    found = [n for _, _, n in chinese_names(text)]
    assert found == names
    assert [name_id(n) for n in found] == ids


def test_a_name_defined_after_a_country_is_not_the_country(tmp_path):
    # "…, a parcel carrier in China ("Zorvane" or the "Company")": Zorvane is the carrier, and China
    # stays a place; the figures are Zorvane's, never China's.
    write_article(tmp_path, "a.md", "Zorvane Express results", "2025-11-20",
                  'Zorvane Express Inc. (NYSE: ZVX), a parcel carrier in China ("Zorvane" or the "Company"), '
                  "reported revenue of RMB11.9 billion for the third quarter. Zorvane grew volume by 9.8%.")
    ms = analyse([tmp_path]).mentions
    assert ms and all(m.entity == "zorvane express" for m in ms if m.fig.text in ("RMB11.9 billion", "9.8%"))
    assert all(m.aliases.get("zorvane") != "china" for m in ms)


def test_a_places_own_short_form_in_brackets_stays_the_places(tmp_path):
    # Europe ("EU"): no other name opens with EU, so the bracket names the region, and its figure
    # stays the company's, in that region.
    write_article(tmp_path, "e.md", "Zorvane results", "2025-11-20",
                  'Zorvane Express Inc. sells across Europe ("EU"). EU revenue was $1.9 billion for the third quarter.',
                  lang="en")
    (m,) = [m for m in analyse([tmp_path]).mentions if m.fig.text == "$1.9 billion"]
    assert m.entity == "zorvane express" and m.aliases.get("eu") == "europe"


def test_a_run_alone_before_its_stock_code_is_the_name_not_its_repeated_word(tmp_path):
    # 快递 is written all over a courier's note; the run before the code, alone on its line, is the name.
    write_article(tmp_path, "a.md", "", "2025-11-20",
                  "澄通快递第三季度营收118.6亿元。快递业务量95.7亿件，快递单价1.22元，快递行业回暖。\n"
                  "澄通快递-W(02057)：维持买入评级")
    from reconcile.extraction.names import chinese_leads
    text = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "澄通快递" in {n for _, _, n in chinese_leads(text, "")}
    assert "快递" not in {n for _, _, n in chinese_leads(text, "")}


@pytest.mark.parametrize("rivals, adopted", [(1, True), (3, False)])
def test_an_anonymous_note_goes_to_the_company_many_articles_tell(tmp_path, rivals, adopted):
    # A note naming nobody writes three of the facts four articles give Zorvane, and two that other
    # articles give a phrase they took for a name: short of the margin on facts (3 to 2), four
    # articles against one still tell it is Zorvane's; against three they do not.
    zorvane = ["营业收入118.6亿元", "调整后净利润25.1亿元", "净利润25.4亿元"]
    for k in range(4):
        write_article(tmp_path, f"z{k}.md", "澄通快递三季报", "2025-11-20",
                      "澄通快递第三季度" + "，".join(zorvane) + "。")
    for k in range(rivals):
        write_article(tmp_path, f"w{k}.md", "行业点评", "2025-11-21",
                      "澄岭观察预计行业回暖。澄岭观察第三季度营业收入118.6亿元，调整后净利润25.1亿元。")
    write_article(tmp_path, "n.md", "研报", "2025-11-22", "公司第三季度" + "，".join(zorvane) + "，符合预期。")
    mentions = analyse([tmp_path]).mentions
    told = {m.entity for m in mentions if m.doc.file.path.endswith("z0.md")}
    ms = [m for m in mentions if m.doc.file.path.endswith("n.md")]
    assert len(told) == 1 and ms and all((m.entity in told and m.entity_how == "figures") == adopted for m in ms)


def test_a_headline_after_a_sentence_ending_in_a_name_stays_a_headline(tmp_path):
    # A page's line ends in a name and a full stop; the Title Case headline on the next line is
    # read word by word as a headline still, not as one long name running on from the line before.
    from reconcile.extraction.names import latin_names
    text = ("Market news that moves Wall Street.\nZorvane Draws Retail Trader Wave With 735% Surge\n\n"
            "Zorvane Inc. shares rose 735% in their debut session.")
    assert [w for _, _, w in latin_names(text, lambda w: False)] == ["Wall Street", "Zorvane Inc"]


@pytest.mark.parametrize("sentence, scopes", [
    # the word beside the old value marks it only; the new value in the same clause is the current one
    ("澄湾集团将全年营业利润指引上调至约20亿欧元（此前为17亿至18亿欧元）。",
     {"约20亿欧元": "current", "17亿至18亿欧元": "previous"}),
    ("Zorvane raised its operating profit guidance to €2 billion from its previous guidance of €1.7 billion.",
     {"€2 billion": "current", "€1.7 billion": "previous"}),
    ("Zorvane now expects revenue of $5bn, up from $4.5bn previously.", {"$5bn": "current", "$4.5bn": "previous"}),
])
def test_a_revised_value_is_told_from_the_one_before(tmp_path, sentence, scopes):
    write_article(tmp_path, "g.md", "Zorvane 澄湾集团", "2025-10-29", sentence, lang="en" if sentence.isascii() else "zh")
    found = {m.fig.text: [s for s in m.scope if s in ("previous", "current")] for m in analyse([tmp_path]).mentions}
    assert found == {text: [scope] for text, scope in scopes.items()}


def test_the_guidance_before_a_raise_stays_out_of_the_new_guidance(tmp_path):
    # One article gives the raised guidance and the one before it, another the new value alone: the
    # old range, beside the new value in one clause, is never linked with it.
    write_article(tmp_path, "a.md", "澄湾集团上调指引", "2025-10-29",
                  "澄湾集团将2025年营业利润指引上调至约20亿欧元（此前为17亿至18亿欧元）。")
    write_article(tmp_path, "c.md", "澄湾集团指引", "2025-10-30", "澄湾集团预计2025年营业利润约为20亿欧元。")
    assert sorted(map(sorted, _groups(analyse([tmp_path])))) == [["20亿欧元", "约20亿欧元"]]


def test_a_joining_word_before_a_stock_code_is_no_part_of_the_name():
    from reconcile.extraction.names import chinese_leads
    text = "澄川船舶(600150.SH)与澄海重工(601989.SH)同步公告。澄海重工第三季度营收50.1亿元，澄川船舶营收80.2亿元。"
    assert {n for _, _, n in chinese_leads(text, "")} == {"澄川船舶", "澄海重工"}


def test_an_anonymous_notes_company_is_the_same_whatever_the_hash_seed(tmp_path):
    # Two rivals tie on facts (two each) behind the company with three: which one is the runner-up,
    # and so whether its articles outnumber, must not depend on the order a set of facts comes in.
    import os
    import subprocess
    import sys
    zorvane = ["营业收入118.6亿元", "调整后净利润25.1亿元", "净利润25.4亿元"]
    for k in range(4):
        write_article(tmp_path, f"z{k}.md", "澄通快递三季报", "2025-11-20", "澄通快递第三季度" + "，".join(zorvane) + "。")
    write_article(tmp_path, "a.md", "行业点评", "2025-11-21", "澄岭观察预计行业回暖。澄岭观察第三季度毛利润31.7亿元，经营利润28.3亿元。")
    for k in range(3):
        write_article(tmp_path, f"b{k}.md", "行业点评", "2025-11-21",
                      "澄峰观察预计行业回暖。澄峰观察第三季度毛利润47.9亿元，经营利润36.2亿元。")
    write_article(tmp_path, "n.md", "研报", "2025-11-22", "公司第三季度" + "，".join(zorvane) +
                  "，毛利润31.7亿元，经营利润28.3亿元，毛利润47.9亿元，经营利润36.2亿元。")
    script = ("import sys; from pathlib import Path; from reconcile.engine import analyse; "
              "print(sorted({str(m.entity) for m in analyse([Path(sys.argv[1])]).mentions if m.doc.file.path.endswith('n.md')}))")
    runs = {subprocess.run([sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout for seed in range(6)}
    assert len(runs) == 1, runs


def test_a_number_broken_after_its_point_is_reported_as_such_not_as_a_conversion(tmp_path):
    # IN005 names the broken number; IN007 has nothing to say: 29.5 billion yuan is about $4.1 billion
    write_article(tmp_path, "a.md", "IPO", "2025-12-31",
                  "Orvane plans to raise 29. 5 billion yuan (about $4.1 billion) in its IPO.", lang="en")
    found = {f.rule: f.message for f in analyse([tmp_path]).findings}
    assert set(found) == {"IN005"} and "29.5 billion yuan" in found["IN005"]


@pytest.mark.parametrize("body, lang, figure", [
    ("Musk Orbital said on Monday it will raise $2.5 billion from investors.", "en", "$2.5 billion"),
    ("马斯克轨道集团周一宣布，将向投资者募集25亿美元。", None, "25亿美元"),
])
def test_a_persons_name_that_opens_a_company_name_is_the_companys(tmp_path, body, lang, figure):
    # A listed person's name (Musk, 马斯克) opening a longer name of no list, a Latin run or a Chinese
    # name ending in a corporate suffix, is that company's word: the figure is the company's.
    ents = _entities(tmp_path, body, lang=lang)
    assert ents[figure] not in (None, "elon_musk")
    assert name_id("Musk Orbital") == ents[figure] or ents[figure].startswith("马斯克轨道")


def test_a_person_named_alone_stays_a_person(tmp_path):
    ents = _entities(tmp_path, "Musk said Tesla's revenue rose 12% in the quarter.", lang="en")
    assert ents["12%"] == "tesla"


def test_a_us_code_is_one_ticker_however_it_is_written(tmp_path):
    # NASDAQ: ORVN in English copy, ORVN.O and ORVN.US in Chinese copy: one company, so its figures
    # link across the three, and with a fourth article that writes only one of its names.
    write_article(tmp_path, "a.md", "Robot maker raises cash", "2025-05-27",
                  "Orvane Robotics (NASDAQ: ORVN) said it will raise $2.5 billion from investors.", lang="en")
    write_article(tmp_path, "b.md", "机器人公司融资", "2025-05-27", "奥文机器人集团(ORVN.O)宣布，将向投资者募集25亿美元。")
    write_article(tmp_path, "c.md", "机器人公司配售", "2025-05-28", "奥文机器人集团(ORVN.US)宣布，将向投资者募集25亿美元。")
    write_article(tmp_path, "d.md", "机器人公司募资", "2025-05-28", "奥文机器人集团宣布，将向投资者募集25亿美元。")
    report = analyse([tmp_path])
    tickers = {m.doc.path[-4:]: {k for k in m.aliases if k.startswith("ticker:")} for m in report.mentions}
    assert tickers["a.md"] == tickers["b.md"] == tickers["c.md"] == {"ticker:US:ORVN"}
    (group,) = [g for g in report.groups if g.linked]
    assert {m.doc.path[-4:] for m in group.mentions} == {"a.md", "b.md", "c.md", "d.md"}


@pytest.mark.parametrize("brackets", ["(NASDAQ: ORVN)", "(Nasdaq: ORVN)", "(NYSE: ORVN)", "(NYSE American: ORVN)",
                                      "(ORVN.O)", "(ORVN.US)", "(ORVN.N)", "(NASDAQ: ORVN.O)"])
def test_every_way_of_writing_a_us_code_is_one_ticker(brackets):
    from reconcile.extraction.names import Name, name_id, tickers
    from reconcile.extraction.normalize import normalize
    text = normalize(f"Orvane Robotics {brackets} said revenue rose.")
    assert {code for _, code in tickers(text, [Name(0, 15, name_id("Orvane Robotics"), False)])} == {"ticker:US:ORVN"}


@pytest.mark.parametrize("brackets, ticker", [
    ("(ASX: WDV)", "ticker:AU:WDV"), ("(WDV.AX)", "ticker:AU:WDV"), ("(LSE: WDV)", "ticker:GB:WDV"),
    ("(WDV.L)", "ticker:GB:WDV"), ("(TSX: WDV)", "ticker:CA:WDV"), ("(WDV.TO)", "ticker:CA:WDV"),
    ("(WDV.PA)", "ticker:FR:WDV"), ("(Xetra: WDV)", "ticker:DE:WDV"), ("(WDV.AS)", "ticker:NL:WDV"),
    ("(SIX: WDV)", "ticker:CH:WDV"), ("(NSE: WYNDALEPWR)", "ticker:IN:WYNDALEPWR"),
    ("(WYNDALEPWR.NS)", "ticker:IN:WYNDALEPWR"),
])
def test_a_letter_code_of_another_market_is_one_ticker_however_it_is_written(brackets, ticker):
    # rules/attribution.toml letter_markets: an exchange's name before the code, or its suffix after it
    from reconcile.extraction.names import Name, name_id, tickers
    from reconcile.extraction.normalize import normalize
    text = normalize(f"Wyndale Energy {brackets} said revenue rose.")
    assert {code for _, code in tickers(text, [Name(0, 14, name_id("Wyndale Energy"), False)])} == {ticker}


def test_a_slip_in_an_article_that_writes_one_name_is_sure_through_another_articles_ticker(tmp_path):
    # The English name and the Chinese one are tied only by the code they share (NASDAQ: ORVN in a,
    # ORVN.O and ORVN.US in b and c); a fourth article writes only the English name and swaps two digits of the amount the
    # Chinese ones give: the same company, so the same fact, an error.
    write_article(tmp_path, "a.md", "Robot maker shares", "2025-05-27",
                  "Orvane Robotics (NASDAQ: ORVN) said its shares rose 5% on Tuesday.", lang="en")
    write_article(tmp_path, "b.md", "机器人公司融资", "2025-05-27", "奥文机器人集团(ORVN.O)宣布，将向投资者募集24.5亿美元。")
    write_article(tmp_path, "c.md", "机器人公司配售", "2025-05-28", "奥文机器人集团(ORVN.US)宣布，将向投资者募集24.5亿美元。")
    write_article(tmp_path, "d.md", "Robot maker sale", "2025-05-28",
                  "Orvane Robotics said it will raise $2.54 billion from investors.", lang="en")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert found and all(f.severity == "error" for f in found)
    assert all("$2.54 billion" in f.message for f in found)


def test_a_document_keeps_its_own_aliases_after_a_check(tmp_path):
    # Linking teaches each article the names other articles tie together (here by a shared code),
    # for the rules of that run only: afterwards each article holds its own brackets' names again, so
    # a reference corpus kept between two checks (serve keeps one) remembers no draft's names.
    write_article(tmp_path, "a.md", "Robot maker shares", "2025-05-27",
                  "Orvane Robotics (NASDAQ: ORVN) said its shares rose 5% on Tuesday.", lang="en")
    write_article(tmp_path, "b.md", "机器人公司融资", "2025-05-27", "奥文机器人集团(ORVN.O)宣布，将向投资者募集24.5亿美元。")
    write_article(tmp_path, "d.md", "Robot maker sale", "2025-05-28",
                  "Orvane Robotics said it will raise $2.54 billion from investors.", lang="en")
    report = analyse([tmp_path])
    assert [f for f in report.findings if f.rule == "XD001"]  # the names were one during the run
    own = {m.doc.path[-4:]: dict(m.aliases) for m in report.mentions}
    assert own["d.md"] == {}
    assert all(k.startswith(("ticker:", "orvn")) for k in own["b.md"])


def test_a_period_named_without_a_year_stays_so_when_a_later_sentence_takes_it(tmp_path):
    # "The second quarter" with no year gives its figure and, in the same paragraph, the next
    # sentence's: both are compared as the same quarter (for a March year, the fiscal one).
    write_article(tmp_path, "a.md", "Chip designer results", "2025-11-06",
                  "Arm said second-quarter revenue was $1.14 billion. Licensing revenue was $515 million.", lang="en")
    how = {m.fig.text: m.period_how for m in analyse([tmp_path]).mentions}
    assert how["$1.14 billion"].endswith(" no year") and how["$515 million"] == "paragraph no year"


def _places(report, name: str) -> dict[str, tuple]:
    return {m.fig.text: tuple(s for s in m.scope if s.startswith("place:"))
            for m in report.mentions if m.doc.path.endswith(name)}


def test_one_companys_investments_in_two_countries_are_two_facts(tmp_path):
    # The same sum in Australian dollars and in US dollars, in two countries: a currency slip only
    # if they were one fact; the places say they are not.
    write_article(tmp_path, "au.md", "Data centres", "2025-06-14",
                  "Orvane will invest A$20 billion from 2025 to 2029 to expand, operate and maintain its data "
                  "centres in Sydney and Melbourne.", lang="en")
    write_article(tmp_path, "au2.md", "数据中心", "2025-06-15", "澄川科技将在澳洲投资200亿澳元扩建数据中心。")
    write_article(tmp_path, "us.md", "數據中心", "2025-06-10", "澄川科技將斥資200億美元於賓州建設資料中心。")
    report = analyse([tmp_path])
    assert _places(report, "au.md")["A$20 billion"] == ("place:AU",)  # from a later clause of its sentence
    assert _places(report, "au2.md")["200亿澳元"] == ("place:AU",)
    assert _places(report, "us.md")["200亿美元"] == ("place:US",)  # a state is its country's


def test_a_place_scope_keeps_two_countries_apart_and_joins_the_unsaid(tmp_path):
    write_article(tmp_path, "a.md", "Orvane in Australia", "2025-06-14",
                  "Orvane Cloud will invest A$20 billion to expand its data centres in Australia.", lang="en")
    write_article(tmp_path, "b.md", "Orvane's plan", "2025-06-15",
                  "Orvane Cloud announced an A$20 billion investment over five years.", lang="en")
    write_article(tmp_path, "c.md", "Orvane in Pennsylvania", "2025-06-10",
                  "Orvane Cloud will invest $20 billion in Pennsylvania to build data centres.", lang="en")
    report = analyse([tmp_path])
    groups = _groups(report)
    assert ["A$20 billion", "A$20 billion"] in groups  # no place on one side: as if unsaid
    assert not any("$20 billion" in g for g in groups)  # Pennsylvania's sum is another fact
    assert not [f for f in report.findings if f.rule == "XD001"]


@pytest.mark.parametrize("body, place", [
    # other countries listed after the figure: where else, not where this one is
    ("投资金额增至175亿美元，超过了此前在葡萄牙、阿联酋、加拿大的投资。", ()),
    ("Orvane will invest $17.5 billion in India, more than it put into Portugal, the UAE or Canada.",
     ("place:IN",)),
    # a country named without a locative word is no place of the figure's (帮助印度: "help India")
    ("Orvane will invest $17.5 billion to help India build infrastructure.", ()),
    ("Revenue in the US rose 12% to $4.1 billion.", ("place:US",)),
    ("Orvane told us revenue rose 12% to $4.1 billion.", ()),  # "us" is no US
    ("Orvane will invest $2 billion in Latin America.", ()),  # a region of several countries
])
def test_a_figures_place_follows_a_locative_word(tmp_path, body, place):
    lang = "en" if body.isascii() else None
    write_article(tmp_path, "p.md", "Orvane", "2025-06-14", body, lang=lang)
    report = analyse([tmp_path])
    money = [m for m in report.mentions if m.fig.kind == "currency"]
    assert money and all(tuple(s for s in m.scope if s.startswith("place:")) == place for m in money)


@pytest.mark.parametrize("text, names", [
    ("The battery plant in Ohio of Larkspur Motors will hire 2,000 workers.", ["Larkspur Motors"]),
    ("The chief of Larkspur Motors said so.", ["Larkspur Motors"]),
    ("The University of California said so.", ["University of California"]),  # a place after "of" is the name's
])
def test_a_place_before_of_is_where_not_whose(text, names):
    from reconcile.extraction.names import latin_names
    assert [n for _, _, n in latin_names(text, lambda w: False)] == names


@pytest.mark.parametrize("a, b, differ", [
    ("Orvane delivered 108,796 vehicles in the quarter.", "Orvane made 108,796 deliveries in the quarter.", False),
    ("Orvane runs 402 stores.", "Orvane runs 402 outlets.", False),
    ("Orvane will build three fabs.", "Orvane will build three packaging facilities.", True),
    ("Orvane will hire 2,000 workers.", "Orvane will add 2,000 customers.", True),
    ("Orvane sold 100,000 units.", "Orvane sold 100,000 phones.", False),  # units count anything
])
def test_count_nouns_of_one_thing_are_alike(tmp_path, a, b, differ):
    from reconcile.linking import _counts_differ, counted_key
    write_article(tmp_path, "a.md", "Orvane", "2025-11-03", a, lang="en")
    write_article(tmp_path, "b.md", "Orvane", "2025-11-03", b, lang="en")
    counts = {m.doc.path[-4:]: counted_key(m) for m in analyse([tmp_path]).mentions if m.fig.kind == "count"}
    assert all(counts[n] or "units" in text for n, text in (("a.md", a), ("b.md", b)))  # (units: no key)
    assert _counts_differ(counts["a.md"], counts["b.md"]) is differ


@pytest.mark.parametrize("a, b, differ", [
    ("澄川科技将创造约2万个工作岗位。", "澄川科技将招聘2万名员工。", False),  # 个 counts anything
    ("澄川科技卖出10万辆汽车。", "澄川科技卖出10万台汽车。", False),
    ("澄川科技开设10家门店。", "澄川科技招聘10名员工。", True),
])
def test_the_general_measure_word_counts_anything(tmp_path, a, b, differ):
    from reconcile.linking import _counts_differ, counted_key
    write_article(tmp_path, "a.md", "澄川", "2025-11-03", a)
    write_article(tmp_path, "b.md", "澄川", "2025-11-03", b)
    counts = {m.doc.path[-4:]: counted_key(m) for m in analyse([tmp_path]).mentions if m.fig.kind == "count"}
    assert counts["b.md"] and (counts["a.md"] or "个" in a)  # (个 counts anything: no key)
    assert _counts_differ(counts["a.md"], counts["b.md"]) is differ


@pytest.mark.parametrize("a, b", [
    ("Orvane Robotics raised $600 million in new funding, the company said.",
     "Orvane Robotics said the $600 million investment will fund new plants."),
    ("Orvane Robotics signed a $600 million loan with three banks.",
     "Orvane Robotics raised $600 million, the company said."),
])
def test_a_round_and_an_investment_are_related_metrics(tmp_path, a, b):
    # One sum seen from the raiser's side and the investor's (or as debt raised): related, not different.
    write_article(tmp_path, "a.md", "Orvane", "2025-11-03", a, lang="en")
    write_article(tmp_path, "b.md", "Orvane", "2025-11-04", b, lang="en")
    from reconcile import linking
    x, y = sorted((m for m in analyse([tmp_path]).mentions if m.fig.text == "$600 million"), key=lambda m: m.doc.path)
    assert x.metric != y.metric and linking.Assessor().pair(x, y)[0]["metric"] == "related"


@pytest.mark.parametrize("other, together", [
    ("The plant will cost about $30,000.", False),  # number and word both changed: two facts
    ("The plant will cost $3 million.", True),  # one word changed: a slip, still one fact
])
def test_a_slip_changes_the_number_or_its_word_not_both(tmp_path, other, together):
    write_article(tmp_path, "a.md", "Plant", "2025-08-11", "Larkspur Motors said the plant will cost $3 billion.",
                  lang="en")
    write_article(tmp_path, "b.md", "Plant", "2025-08-12", "Larkspur Motors said: " + other, lang="en")
    report = analyse([tmp_path])
    joined = any(len({m.doc.path for m in g.mentions}) == 2 for g in report.groups if g.linked)
    assert joined is together


def test_a_word_after_a_labels_double_dash_opens_a_sentence():
    # A call summary's "Label -- Sentence": the sentence's first word is no name unless the text
    # capitalises it inside a sentence too.
    from reconcile.extraction.names import latin_names
    text = ("Gross bookings -- Rose 21% to $49.7 billion.\nTrips -- Overall trips increased 22%, "
            "and gross bookings rose too.\nGross margin -- Achieved a record, Orvane said.")
    assert [n for _, _, n in latin_names(text, lambda w: False)] == ["Orvane"]


@pytest.mark.parametrize("body, place", [
    ("营收增长20%至50亿美元，高于日本市场的预期。", ()),  # 于 ends 高于: no locative
    ("由于美国关税上升，澄川科技利润下降12%至8亿元。", ()),
    ("Orvane invested $5 billion in China Mobile shares.", ()),  # the place opens a name
    ("Orvane reported revenue of $5 billion in US dollar terms.", ()),  # a currency's place
    ("澄川科技斥资50亿美元在中国平安增持股份。", ()),  # a listed name that opens with a place
    ("Orvane will invest $17.5 billion in India, more than in Portugal, the UAE, and Canada.", ("place:IN",)),
    ("Orvane will invest $4 billion in Georgia to build a battery plant.", ("place:US",)),  # the US state
])
def test_a_place_is_a_figures_only_after_a_locative_word_of_its_own(tmp_path, body, place):
    lang = "en" if body.isascii() else None
    write_article(tmp_path, "p.md", "Orvane", "2025-06-14", body, lang=lang)
    money = [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]
    assert money and {tuple(s for s in m.scope if s.startswith("place:")) for m in money} == {place}


def test_a_dash_inside_a_sentence_opens_no_sentence():
    from reconcile.extraction.names import latin_names
    text = "Revenue rose 5% to $2 billion -- Orvane said it expects more."
    assert [n for _, _, n in latin_names(text, lambda w: False)] == ["Orvane"]


@pytest.mark.parametrize("body, lang, figure, metric", [
    ("新车预计2027年上市，起售价锁定3万美元。", None, "3万美元", "product_price"),
    ("The pickup will have a starting price of about $30,000, Larkspur Motors said.", "en", "about $30,000",
     "product_price"),
    # one unit's price: an amount of a million or more is never one (the plant's cost)
    ("Larkspur Motors said the price tag of the plant is $3 billion.", "en", "$3 billion", None),
])
def test_a_products_price_is_its_own_metric(tmp_path, body, lang, figure, metric):
    write_article(tmp_path, "p.md", "Pickup", "2025-08-11", body, lang=lang)
    found = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert found[figure] == metric if metric else found[figure] != "product_price"


def test_the_noun_a_figure_counts_names_its_metric(tmp_path):
    # The counted noun is part of the figure: a metric word after it ("covered") names the next
    # thing the clause says, not what the figure counts.
    write_article(tmp_path, "a.md", "Tea chain prospectus", "2025-05-02",
                  "At the end of 2024 the group's network of 8,412 stores covered over 200 cities.", lang="en")
    metrics = {m.fig.text: m.metric for m in analyse([tmp_path]).mentions}
    assert metrics["8,412 stores"] == "stores"


def test_a_name_never_runs_across_a_line_break(tmp_path):
    # A box of names, one per line: each line's name is its own, never one name running from a line
    # into the next ("Harbourline Holdings Ltd. Harbourline").
    write_article(tmp_path, "a.md", "Who is who", "2025-07-07",
                  "Harbourline Holdings Ltd.\nHarbourline Holdings Ltd., an insurer, raised HK$3.5 billion.", lang="en")
    entities = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert entities["HK$3.5 billion"] == "harbourline"


def test_a_title_that_is_only_a_name_is_a_label_not_the_topic(tmp_path):
    # A site's name above the copy, written as the title (and again as the next line), is a label:
    # the article is about the company its sentences open on.
    (tmp_path / "a.md").write_text("Solar Weekly\nSolar Weekly\nOrvane Energy has begun building a 5.2 GW solar "
                                   "plant.\nThe plant will cost AED 22 billion. Orvane Energy said the project adds a 19 GWh "
                                   "battery.\nThe company expects it to run by 2027.\n",
                                   encoding="utf-8")
    entities = {m.fig.text: m.entity for m in analyse([tmp_path]).mentions}
    assert entities["AED 22 billion"] == "orvane energy"


@pytest.mark.parametrize("body", ["Orvane Labs reached $3.3M ARR per employee.", "Orvane Labs raised $3M in seed funding."])
def test_a_listed_name_of_digits_inside_an_amount_is_no_name(tmp_path, body):
    # 3M is a listed company; "$3.3M" and "$3M" are amounts, and name no one.
    from reconcile.extraction.attribution import DocumentAttributor, vocabulary
    from reconcile.extraction.documents import load_documents

    doc = load_documents([write_article(tmp_path, "a.md", "Startup", "2025-11-13", body, lang="en")])[0]
    names = DocumentAttributor(doc, vocabulary(), frozenset(), frozenset()).names.hits
    assert {eid for _, _, eid in names} == {"orvane labs"}


def test_a_period_of_the_sentence_does_not_keep_a_group_apart(tmp_path):
    # The first article's year is the rival's, written in another clause of the sentence: its amount
    # is still the plant's, and the three articles' amounts are one group.
    write_article(tmp_path, "a.md", "Orvane plant", "2025-03-02",
                  "Kestrel raised its prices in 2024, while Orvane Energy said it will invest $5.2 billion in the plant.",
                  lang="en")
    write_article(tmp_path, "b.md", "Orvane plant", "2025-03-02",
                  "Orvane Energy will invest $5.2 billion in the plant in 2025.", lang="en")
    write_article(tmp_path, "c.md", "Orvane plant", "2025-03-03",
                  "Orvane Energy said it will invest $5.2 billion in the plant.", lang="en")
    report = analyse([tmp_path])
    groups = [sorted(m.doc.path.rsplit("/", 1)[1] for m in g.mentions) for g in report.groups if g.linked
              and any(m.fig.text == "$5.2 billion" for m in g.mentions)]
    assert groups == [["a.md", "b.md", "c.md"]], groups


def test_a_year_guessed_for_a_quarter_named_without_one_does_not_forbid_a_link(tmp_path):
    # 第三季度 with no year takes the article's year (2025Q3); another article writes 2024年第三季度
    # for the same amount. A guessed year that differs weighs against the link, never forbids it.
    write_article(tmp_path, "a.md", "澄湾电池季度业绩", "2025-11-20", "澄湾电池公布，第三季度营收为128.4亿元，同比增长12%。")
    write_article(tmp_path, "b.md", "澄湾电池季度业绩", "2025-11-21", "澄湾电池2024年第三季度营收为128.4亿元。")
    from reconcile import linking

    a, b = [m for m in analyse([tmp_path]).mentions if m.fig.text == "128.4亿元"]
    assert {a.period, b.period} == {"2025Q3", "2024Q3"}
    w = linking.weights()
    score, _, levels = linking.Assessor(w).assess(a, b)
    assert levels["period"] == "different_one_inferred" and score >= w.threshold


def test_a_fiscal_year_and_the_calendar_year_of_its_number_may_share_a_group():
    # Copy is loose about a whole year ("$80 billion in fiscal 2025", "in 2025": Microsoft's plan
    # in five outlets), so a group may hold both; never two fiscal and calendar quarters, nor years
    # of two numbers.
    from reconcile.linking import _periods_may_join

    assert _periods_may_join("FY2025", "2025") and _periods_may_join("2025", "FY2025")
    assert not _periods_may_join("FY2025Q1", "2025Q1")
    assert not _periods_may_join("FY2025", "2024")


@pytest.mark.parametrize("party", ["两国", "兩國", "双方", "两岸"])
def test_the_parties_of_a_treaty_are_no_name(party):
    # "the two countries plan …", written twice before a verb of saying: a reference, never a company
    from reconcile.extraction.names import chinese_leads
    from reconcile.extraction.normalize import normalize
    text = f"中俄签署备忘录。{party}计划修建管道，年输气500亿立方米。{party}表示，项目将于明年开工。"
    assert chinese_leads(normalize(text), "", 0) == []


@pytest.mark.parametrize("body, lang", [
    ("丰田汽车获白宫批准投资100亿美元在美建厂。", None),
    ("Toyota said the European Commission approved its $10 billion investment.", "en"),
])
def test_a_body_after_a_company_in_its_clause_leaves_the_figure_to_the_company(tmp_path, body, lang):
    # a government or a regulator that approves or announces a company's figure does not own it
    write_article(tmp_path, "a.md", "Investment", "2025-06-02", body, lang=lang)
    (m,) = [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]
    assert m.entity == "toyota"


@pytest.mark.parametrize("body, figure, owner", [
    # an opening phrase with no subject of its own speaks of the next clause's subject, not of
    # the name in the sentence before
    ("Harbor Capital invested €600 million in Kestrel Robotics. Valued at €12 billion, Kestrel Robotics is "
     "now one of the largest start-ups in its field.", "€12 billion", "Kestrel Robotics"),
    ("Harbor Capital bought the business in 2019. Despite a purchase price of $2 billion, Kestrel Robotics "
     "struggled to grow.", "$2 billion", "Kestrel Robotics"),
    ("Harbor Capital led the round. As of March, Kestrel Robotics was valued at $6.9 billion.",
     "$6.9 billion", "Kestrel Robotics"),
    # a clause with its own subject is no opening phrase
    ("Kestrel Robotics expects growth. Nearly 100,000 people use the service, Harbor Capital runs "
     "the rest.", "Nearly 100,000 people", "Kestrel Robotics"),
    # "as" opens a clause with a subject of its own; a proper noun ending in -ing or -ed opens none
    ("Kestrel Robotics reported results. As its sales rose 10% to $50 billion, Harbor Capital's share "
     "fell.", "$50 billion", "Kestrel Robotics"),
    ("Kestrel Robotics reported results. United States car sales fell 3%, Harbor Capital's chief warned.",
     "3%", "Kestrel Robotics"),
    # nor is a phrase before the name that says it
    ("Kestrel Robotics sealed the loan. With more than $100 million of new equity, Harbor Capital said, "
     "the plant is funded.", "more than $100 million", "Kestrel Robotics"),
])
def test_an_opening_phrase_speaks_of_the_main_clause_s_subject(tmp_path, body, figure, owner):
    ents = _entities(tmp_path, body, lang="en")
    assert ents[figure] == name_id(owner)


def test_a_word_of_time_ends_a_chinese_name(tmp_path):
    # 近日 after a name opens the predicate's time, not the name's last word; a run that is only a
    # time phrase is no name at all
    from reconcile.extraction.names import chinese_leads

    def names(text, title=""):
        return {name for _, _, name in chinese_leads(text, title)}
    assert names("澄湾跑车近日公布三季度业绩。澄湾跑车计划裁员。", "澄湾跑车近日公布业绩") == {"澄湾跑车"}
    assert names("年初至今称，市场回暖。年初至今称，行业回暖。") == set()
    # what is left must still be a name: 公司 alone is "the company"
    assert names("公司近日宣布扩产。公司近日称，订单增长。") == set()


@pytest.mark.parametrize("text, name", [
    ("东航宣布，第三季度营收增长至120亿元。", "东航"),   # a word of the dictionary before a verb of saying stays a name
    ("澄山表示，第三季度营收增长至120亿元。", "澄山"),
])
def test_a_short_name_before_a_verb_of_saying_is_a_name_even_when_it_is_a_word(text, name):
    from reconcile.extraction.names import chinese_leads, normalize
    assert name in {n for *_, n in chinese_leads(normalize(text), "")}


def test_a_word_of_the_language_glossed_in_latin_is_what_the_thing_is_called():
    # 铜矿 (a copper mine) glossed by a mine's English name is no company, however often it is written
    from reconcile.extraction.names import chinese_leads, normalize
    text = "澄山集团的南澳铜矿(Copper Kestrel)拟扩产，铜矿产量翻倍。铜矿产量增长。"
    assert "铜矿" not in {n for *_, n in chinese_leads(normalize(text), "")}


@pytest.mark.parametrize("body, expected", [
    # a Chinese amount with no unit that a word of money in its clause names is that money
    ("澄湾能源上半年营收同比下降14.83%至382.13亿，净利润分别为-33.04亿。",
     {"382.13亿": ("CNY", "revenue"), "-33.04亿": ("CNY", "profit")}),
    # ... in the home currency the article names (新台币), not a foreign one it names more
    ("澄湾电子营收达新台币120亿元，净利润30亿；另有3亿美元、5亿美元的海外订单。",
     {"新台币120亿元": ("TWD", "revenue"), "30亿": ("TWD", "profit")}),
    # ... but one its clause counts stays a count
    ("澄湾视频月活跃用户达3.76亿，营收达120亿。", {"3.76亿": ("count", "users"), "120亿": ("CNY", "revenue")}),
])
def test_a_unitless_chinese_amount_of_a_money_metric_is_money(tmp_path, body, expected):
    write_article(tmp_path, "a.md", "业绩", "2025-08-28", body)
    mentions = [m for m in analyse([tmp_path]).mentions if m.fig.text in expected]
    assert {m.fig.text: (m.fig.unit, m.metric) for m in mentions} == expected
    for m in mentions:
        if expected[m.fig.text][0] != "count" and "元" not in m.fig.text:
            assert "currency_inferred" in m.fig.flags and m.record["unit"] == m.fig.unit


@pytest.mark.parametrize("body, expected", [
    # a counted thing's noun between the money word and the amount says what it counts
    ("澄湾游戏营收增长得益于下载量达3.2亿。", ("count", None)),
    ("澄湾游戏营收随玩家数增至3.2亿而增长。", ("count", None)),
    ("澄湾视频营收增长受益于观看人次2.3亿。", ("count", None)),
    # the currency of an amount named earlier in its sentence (dollars raised, a valuation after)
    ("澄湾智能本轮融资90亿美元后，营收达1789亿。", ("USD", "revenue")),
    # 首次, 再次 are no counted nouns; a conversion in brackets sets no currency for what follows
    ("澄湾集团营收首次突破1382.13亿。", ("CNY", "revenue")),  # (the figure: 突破1382.13亿)
    ("澄湾集团营收再次增长至382.13亿。", ("CNY", "revenue")),
    ("澄湾集团去年营收500亿元（约70亿美元），今年营收增至382.13亿。", ("CNY", "revenue")),
    # ... the currency a bracket declares for the amount before it and the rest of the text
    ("澄湾集团2025年第二季度营收同比下降14.83%至382.13亿（港元，下同），净利润为50.2亿。", ("HKD", "revenue")),
    # ... the currency a bracket declares for the rest of the text
    ("澄湾集团营收（港元，下同）为400亿元。上半年营收同比下降14.83%至382.13亿。内地投资人民币50亿元、人民币10亿元。",
     ("HKD", "revenue")),
])
def test_what_a_unitless_chinese_amount_is(tmp_path, body, expected):
    write_article(tmp_path, "a.md", "业绩", "2025-08-28", body)
    amount = next(m for m in analyse([tmp_path]).mentions
                  if m.fig.text in ("3.2亿", "2.3亿", "1789亿", "382.13亿", "突破1382.13亿"))
    assert (amount.fig.unit, amount.metric) == expected


def test_a_slip_of_a_unitless_amount_read_as_money_gets_its_fix(tmp_path):
    write_article(tmp_path, "a.md", "业绩", "2025-08-28", "宁德时代上半年营收达1789.86亿元，同比增长7.27%。")
    write_article(tmp_path, "b.md", "业绩", "2025-08-29", "宁德时代上半年营收同比增长7.27%至1798.86亿，净利润增长。")
    [finding] = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert finding.severity == "error" and finding.fix is not None


@pytest.mark.parametrize("body, metric", [
    ("行政院通过明年总预算案，岁入编列新台币2兆8623亿元。", "government_revenue"),
    ("岁出编列新台币3兆350亿元，再创新高。", "government_spending"),
    ("两者相抵差短新台币1727亿元。", "deficit"),
    ("国防预算合共新台币9495亿元，占GDP的3.32%。", "defense_budget"),
    ("The cabinet approved a general account budget of 122.3 trillion yen.", "government_budget"),
    ("Defense spending will rise to 9 trillion yen.", "defense_budget"),
    ("Social security spending reaches 39 trillion yen.", "social_security_spending"),
    # a company's words are not a government's, nor is a trade balance a budget's deficit
    ("澄湾音乐版税收入增长21%至6.2亿美元。", "revenue"),
    ("The US trade deficit widened to $78.3 billion.", "trade_deficit"),
    ("中国7月贸易顺差为983.9亿美元。", "trade_surplus"),
    ("澄湾能源资本开支预算案为300亿元。", "capex"),
    ("澄湾地产债务还本金额达300亿元。", "debt"),
    ("The project's budget is £38 billion.", "budget"),
    # a bare budget is a government's in a sentence that names a country and no company
    ("Japan's cabinet approved a record 122.3 trillion yen budget for next fiscal year.", "government_budget"),
    ("日本内阁批准了总额122.3兆日元的预算案。", "government_budget"),
    ("Cobalt Energy Ltd set a budget of $20 billion for its plant in Mozambique.", "budget"),
    # ... and not when the country comes after the word, names a company, or is a partner's
    ("Rakuten set a budget of 500 billion yen for its mobile network in Japan.", "budget"),
    ("Japan Airlines set a budget of 500 billion yen for new jets.", "budget"),
    ("印尼政府与中国中铁签约，项目预算为60亿美元。", "budget"),
    ("Cobalt Labs posted US government revenue of $486 million.", "revenue"),
])
def test_a_government_budget_has_metrics_of_its_own(tmp_path, body, metric):
    assert [m.metric for m in _amounts(tmp_path, body)] == [metric]


def _amounts(tmp_path, body: str) -> list:
    """The amounts of money of one article on a budget."""
    write_article(tmp_path, "a.md", "Budget", "2025-12-26", body)
    return [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]


def test_a_takeover_s_price_and_the_value_it_puts_on_its_target_are_one_fact(tmp_path):
    write_article(tmp_path, "a.md", "Deal", "2025-06-02",
                  "Cobalt Industries agreed to acquire Lumen Robotics for $9.2 billion in cash.")
    write_article(tmp_path, "b.md", "Deal", "2025-06-03",
                  "Cobalt Industries' offer valued Lumen Robotics at $9.7 billion.")
    report = analyse([tmp_path])
    assert sorted(map(sorted, _groups(report))) == [["$9.2 billion", "$9.7 billion"]]
    assert [f for f in report.findings if f.rule == "XD001"]


@pytest.mark.parametrize("body, entity", [
    # whoever speaks of it, a government's budget is its country's: a listed country or CLDR's
    ("Finance Minister Aiko Mori said Japan's general account budget will reach 122.3 trillion yen.", "japan"),
    ("日本首相高岛在记者会上表示，一般会计预算总额为122.3兆日元。", "japan"),
    ("据NHK报道，政府的防卫费将增至8.9兆日元。日本经济仍在复苏。", "japan"),
    ("Premier Lin said Taiwan's central government budget sets spending at NT$3.03 trillion.", "taiwan"),
    ("卓荣泰表示，台湾明年岁出编列新台币3兆350亿元。", "taiwan"),
    # a company's figure keeps its company, even beside a country
    ("Cobalt Motors said its revenue in Japan rose to 12.3 trillion yen.", "cobalt motors"),
    ("Toyota's debt servicing costs rose to 500 billion yen, it said in Japan.", "toyota"),
    ("澄湾集团去年在中国的税收总额达50亿元。", "澄湾"),
    # a partner is not the owner, nor a country named between the metric's word and the figure
    ("China's trade surplus with the United States narrowed to $20 billion.", "china"),
    ("日本对美国的贸易顺差为5兆日元。", "japan"),
    ("Japan's defence budget, aimed at deterring China, will reach 8.7 trillion yen.", "japan"),
    # a city or a state CLDR files under its country is not the country; an organisation keeps its figure
    ("上海市一般公共预算支出为9000亿元。", None),
    ("Germany backs it. The European Commission proposed defence spending of 800 billion euros.", "european_commission"),
])
def test_a_government_s_figure_is_its_country_s(tmp_path, body, entity):
    assert [m.entity for m in _amounts(tmp_path, body)] == [entity]


def test_an_organisation_that_is_only_the_article_s_topic_owns_no_country_s_budget(tmp_path):
    # the IMF opens the article; the defence budget, in a sentence naming no one, is Japan's (named most)
    write_article(tmp_path, "a.md", "IMF warns Japan on debt", "2025-12-26",
                  "The IMF warned Japan about its debt on Friday. Japan plans more spending. "
                  "Defence spending will rise to 8.9 trillion yen next year.")
    [m] = [m for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"]
    assert (m.metric, m.entity) == ("defense_budget", "japan")


def test_a_special_budget_and_a_share_of_gdp_are_facts_of_their_own(tmp_path):
    # the defence budget, its special budgets, its share of GDP and its growth: four facts of one
    # country (the special budgets, in a clause that names no country, are linked to nothing yet)
    write_article(tmp_path, "a.md", "国防", "2025-08-21",
                  "台湾明年国防预算达新台币9495亿元，其中特别预算1868亿元，国防预算占GDP的3.32%，国防预算年增22.9%。")
    write_article(tmp_path, "b.md", "Defence", "2025-08-22",
                  "Taiwan's defence budget for next year is NT$949.5 billion, including special budgets of "
                  "NT$186.8 billion; the defence budget equals 3.32% of GDP and the defence budget rose 22.9%.")
    report = analyse([tmp_path])
    groups = [sorted(g) for g in _groups(report)]
    assert ["NT$949.5 billion", "新台币9495亿元"] in groups and ["3.32%", "3.32%"] in groups
    assert not [g for g in groups if {"1868亿元", "NT$186.8 billion"} & set(g) and len(g) > 2]
    assert not [f for f in report.findings if f.rule == "XD001"]


@pytest.mark.parametrize("body", [
    "Cobalt Bank's net operating income before impairment allowances rose 13% to HK$40.0 billion.",
    "澄湾银行提取减值准备前之净经营收入为400.22亿港元。",
])
def test_a_bank_s_net_operating_income_before_impairment_is_its_top_line(tmp_path, body):
    write_article(tmp_path, "a.md", "Results", "2025-08-29", body)
    assert [m.metric for m in analyse([tmp_path]).mentions if m.fig.kind == "currency"] == ["revenue"]


def test_a_slip_of_an_amount_whose_currency_a_bracket_far_before_set_gets_its_fix(tmp_path):
    # the fix re-reads a window around the figure, which the declaring bracket lies outside of
    filler = "澄湾集团公布中期业绩，" + "管理层表示业务稳健发展，" * 8
    write_article(tmp_path, "a.md", "业绩", "2025-08-28", f"（港元，下同）{filler}上半年净利润为50.2亿。")
    write_article(tmp_path, "b.md", "业绩", "2025-08-29", "澄湾集团上半年净利润为502亿港元。")
    write_article(tmp_path, "c.md", "业绩", "2025-08-30", "澄湾集团上半年净利润达502亿港元。")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "XD001" and f.mentions[0].fig.text == "50.2亿"]
    assert found and all(f.fix is not None for f in found)

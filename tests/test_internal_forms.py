"""In-document rules on forms met in real copy, on small articles written for these tests: a
front-matter title as the headline, totals after their parts, changes stated against a base, glosses
that must restate their figure."""
from __future__ import annotations

import pytest
from articles import write_article

from reconcile.engine import analyse


def test_a_gloss_in_brackets_must_restate_its_figure(tmp_path):
    write_article(tmp_path, "h.md", "算力合作", "2025-09-23",
           "两家公司将部署至少10GW（十亿瓦）的算力。项目投资1.2万亿元（约1690亿美元）。"
           "另一期投资1.2万亿元（约16.9亿美元）。该公司市值330亿美元（450亿美元减去120亿美元债务）。")
    found = {tuple(f.figures) for f in analyse([tmp_path]).findings if f.rule == "IN007"}
    texts = sorted(tuple(x.rsplit(":", 1)[1] for x in pair) for pair in found)
    # 十亿瓦 is 1 GW, not 10 GW; 16.9亿美元 is a hundredth of 1.2万亿元; 1690亿美元 is right at
    # today's rates, and the bracket that holds arithmetic is not a conversion.
    assert len(found) == 2, texts


@pytest.mark.parametrize("gloss, flagged", [
    ("13 billion Swedish kronor ($1.37 billion)", False),  # at the krona's rate
    ("13 billion Swedish kronor ($13.7 billion)", True),  # ten times it
    ("900 billion Argentine pesos ($780 million)", False),  # at the peso's rate
    ("900 billion Argentine pesos ($7.8 billion)", True),  # ten times it
    ("900 billion Uzbekistani som ($75 billion)", False),  # no rate for the som: not judged
])
def test_a_gloss_is_judged_only_at_a_rate_the_rules_know(tmp_path, gloss, flagged):
    write_article(tmp_path, "k.md", "Listing", "2025-09-10", f"The company raised {gloss} in the listing.",
                  lang="en")
    findings = analyse([tmp_path]).findings
    assert bool([f for f in findings if f.rule == "IN007"]) == flagged
    # nor said to agree within rounding (XD002) when there is no rate to say it with
    assert not [f for f in findings if f.rule == "XD002" and "som" in f.message]


@pytest.mark.parametrize("gloss, flagged", [
    ("$20 billion (US$13 billion)", False),  # a bare $ glossed in US dollars: some other dollar, at no rate
    ("A$20 billion (US$18 billion)", True),  # the Australian dollar written: held to its rate
    ("¥1.2 trillion (12 billion yen)", True),  # a shared sign glossed in its own currency is still judged
    ("$15 billion (₹13,318 crore)", True),  # a tenth of it: no dollar makes it right
])
def test_a_bare_dollar_glossed_in_us_dollars_is_not_judged(tmp_path, gloss, flagged):
    write_article(tmp_path, "d.md", "Investment", "2025-06-14", f"Orvane will invest {gloss} over five years.",
                  lang="en")
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN007"]) == flagged


@pytest.mark.parametrize("gloss, flagged", [
    ("270亿美元（约2106亿港元）", False),  # at the peg, 7.8
    ("270亿美元（约2340亿港元）", True),  # $300 billion: the Hong Kong dollar does not move 11%
    ("270亿美元（约1940亿元人民币）", False),  # the yuan floats: 7.19
])
def test_a_gloss_in_a_pegged_currency_is_held_to_the_peg(tmp_path, gloss, flagged):
    write_article(tmp_path, "n.md", "融资", "2025-10-20", f"该数据中心项目融资{gloss}。")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "IN007"]
    assert bool(found) == flagged


@pytest.mark.parametrize("gloss, flagged", [
    ("128亿迪拉姆（13亿美元）", False),  # Morocco's dirham, about 9.5 to the dollar
    ("128亿迪拉姆（35亿美元）", False),  # the UAE's, 3.67: the word names either
    ("128亿迪拉姆（130亿美元）", True),  # neither
    ("12.8 billion dirhams ($1.3 billion)", False),
])
def test_a_currency_word_of_two_countries_is_judged_at_either_rate(tmp_path, gloss, flagged):
    write_article(tmp_path, "m.md", "工厂", "2024-06-07", f"澄川新能源将在当地建造电池工厂，总成本为{gloss}。")
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN007"]) == flagged


def test_a_change_stated_against_a_base_figure_is_checked(tmp_path):
    write_article(tmp_path, "i.md", "季报", "2025-10-20",
           "公司营收2720亿元，比去年同期的2365亿元增长25%。净利润较上年同期的100亿元增长20%至120亿元。")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "IN003"]
    # 2365 -> 2720 is +15%, not 25%; 100 -> 120 is the stated 20%.
    assert [f.figures[0].rsplit(":", 1)[1] for f in found] and len(found) == 1
    assert "25%" in found[0].message


@pytest.mark.parametrize("yoy, flagged", [("11%", False), ("31%", True)])
def test_two_changes_against_two_bases_are_each_the_lead_figures(tmp_path, yoy, flagged):
    # 营收X，较第2季A季增14.8%、比去年同期B增加11%: both changes are X's, each against its own base;
    # B's change is not from B to A. 18,545.69 -> 20,589.49 is +11.0%.
    write_article(tmp_path, "j.md", "季报", "2025-11-12",
                  f"云顶精密第3季营收2兆589.49亿元，较第2季1兆7934.68亿元季增14.8%、比去年同期1兆8545.69亿元增加{yoy}。")
    found = [f.message for f in analyse([tmp_path]).findings if f.rule == "IN003"]
    assert found == ([f"The stated change {yoy} does not match 1兆8545.69亿元 → 2兆589.49亿元."] if flagged else [])


def test_a_front_matter_title_is_the_headline(tmp_path):
    # IN001 compares the headline with the body; a Markdown article's headline is its front
    # matter's title, and the finding points at the title line.
    (tmp_path / "m.md").write_text("---\ntitle: Lumora sales jump 45% to $3 billion\ndate: 2025-08-01\nlang: en\n---\n\n"
                                   "Lumora said quarterly sales rose 35% to $3 billion.\n", encoding="utf-8")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "IN001"]
    assert len(found) == 1 and found[0].figures[0].endswith("m.md:2:26")
    assert "45%" in found[0].message and "35%" in found[0].message


@pytest.mark.parametrize("body, flagged", [
    ("The two plants cost $4.2 billion and $2.5 billion, a total of $7.9 billion.", True),
    ("The two plants cost $4.2 billion and $2.5 billion, a total of $6.7 billion.", False),
    ("两座工厂分别耗资42亿元和25亿元，合计79亿元。", True),
    ("两座工厂分别耗资42亿元和25亿元，合计67亿元。", False),
])
def test_a_total_after_its_parts_is_summed(tmp_path, body, flagged):
    write_article(tmp_path, "n.md", "Plants", "2025-05-01", body)
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN002"]) is flagged


@pytest.mark.parametrize("body, flagged", [
    # a day's output over a half year, with each quarter's: their average, not their sum
    ("某油企2025年上半年日产原油960万桶/日（第一季950万桶/日，第二季970万桶/日）。", False),
    ("某油企2025年上半年日产原油990万桶/日（第一季950万桶/日，第二季970万桶/日）。", True),
    ("某油企2025年上半年产量平均为960万桶（一号油田950万桶，二号油田970万桶）。", False),
    ("The refiner's runs averaged 1.9 million barrels (1.7 million barrels at one site, 2.4 million barrels at the other).", False),
    ("The refiner's runs averaged 2.6 million barrels (1.7 million barrels at one site, 2.4 million barrels at the other).", True),
    # a stock's output summed over two plants is a sum still
    ("某油企2025年上半年日产原油960万桶/日（甲油田500万桶/日，乙油田470万桶/日）。", True),
    # an average over time of two sites' runs, which add up; a plant's yearly capacity by phase
    ("The refiner's runs averaged 1.9 million barrels (1.2 million barrels at one site, 0.7 million barrels at the other).", False),
    ("The refiner's runs averaged 1.5 million barrels (1.2 million barrels at one site, 0.7 million barrels at the other).", True),
    ("该项目2025年年产能100万吨/年（一期上半年投产60万吨/年，二期下半年投产40万吨/年）。", False),
])
def test_an_average_lies_between_its_parts(tmp_path, body, flagged):
    write_article(tmp_path, "o.md", "Output", "2025-08-06", body)
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN002"]) is flagged


@pytest.mark.parametrize("body, flagged", [
    ("Orders were $3.3 billion, up 40% from $3.0 billion a year earlier.", True),
    ("Orders were $3.3 billion, up 10% from $3.0 billion a year earlier.", False),
    ("Orders were $2.7 billion, down 10% compared with $3.0 billion.", False),
    ("Orders were $2.7 billion, down 30% compared with $3.0 billion.", True),
])
def test_a_change_written_before_its_base(tmp_path, body, flagged):
    write_article(tmp_path, "o.md", "Orders", "2025-05-01", body, lang="en")
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN003"]) is flagged



@pytest.mark.parametrize("body, flagged", [
    # the amount, the direction and its base, then the stated change after it
    ("Net income was $240.7 million, slightly down from $245.4 million a year earlier, a decrease of 1.1%.", True),
    ("Net income was $240.7 million, slightly down from $245.4 million a year earlier, a decrease of 1.9%.", False),
    ("Orders were $3.3 billion, up from $3.0 billion, reflecting an increase of 25%.", True),
    ("Orders were $3.3 billion, up from $3.0 billion, reflecting an increase of 10%.", False),
])
def test_a_change_stated_after_the_amount_and_its_base(tmp_path, body, flagged):
    write_article(tmp_path, "p.md", "Results", "2025-05-01", body, lang="en")
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN003"]) is flagged


@pytest.mark.parametrize("sequential, flagged", [("27%", False), ("25%", True)])
def test_a_change_named_by_a_noun_after_its_percentage(tmp_path, sequential, flagged):
    # "T, a P% increase from F": the direction follows the percentage, a word like "sequential"
    # may come before it, and each change is T's (45.00 -> 57.01 is +26.7%, 35.08 -> 57.01 +62.5%).
    write_article(tmp_path, "k.md", "Results", "2025-11-19",
                  f"Quarterly revenue of Orvik Chips reached $57.01 billion, a 62% increase from $35.08 billion a "
                  f"year earlier and a {sequential} sequential rise from $45.00 billion in the prior quarter.", lang="en")
    found = [f.message for f in analyse([tmp_path]).findings if f.rule == "IN003"]
    assert found == ([f"The stated change {sequential} does not match $45.00 billion → $57.01 billion."] if flagged else [])


def test_a_price_per_share_is_no_part_of_a_total(tmp_path):
    # The deal: 827亿美元 with debt; 每股27.75美元 for the shares, 720亿美元 for all of them. The
    # price per share is no part of the equity's total.
    write_article(tmp_path, "l.md", "收购", "2025-12-05",
                  "这827亿美元由现金和换股组成：每股作价27.75美元收购股票，共计720亿美元，再加上债务。")
    assert [f for f in analyse([tmp_path]).findings if f.rule == "IN002"] == []


def test_a_percentage_that_starts_another_change_is_not_this_ones_size(tmp_path):
    # Two margins move in one sentence: 62.5% -> 67.5% and 28.2% -> 32.7%. The 28.2% is where the
    # second starts, not the size of the first.
    write_article(tmp_path, "m.md", "盈利预测", "2025-11-20",
                  "预计毛利率将从2024年的62.5%升至2027年的67.5%，净利率从28.2%升至32.7%。")
    assert [f for f in analyse([tmp_path]).findings if f.rule == "IN003"] == []


@pytest.mark.parametrize("body, flagged", [
    ("三个区域营收分别为120/135/150亿元，合计400亿元。", True),    # a slash list is parts like any other
    ("三个区域营收分别为120/135/145亿元，合计400亿元。", False),
    ("预计净利润为45.76亿元(前值为20.81/30.86/42.69亿元)。", False),  # previous estimates, no breakdown
])
def test_a_slash_list_of_parts_and_a_bracket_of_previous_values(tmp_path, body, flagged):
    write_article(tmp_path, "sl.md", "业绩", "2025-11-12", body)
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN002"]) is flagged

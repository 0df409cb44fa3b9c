"""Chinese names that no list knows and no suffix marks, found because the article repeats them as a
subject (reconcile/extraction/repeated_names.py). The companies here are made up."""
from __future__ import annotations

import pytest
from articles import write_article

from reconcile.engine import analyse
from reconcile.extraction.normalize import normalize
from reconcile.extraction.repeated_names import repeated_names


def found(text: str) -> set[str]:
    return set(repeated_names(normalize(text)))


def test_a_bare_name_written_again_and_again_as_a_subject_is_a_name():
    text = ("卡维隆宣布收购一家意大利卡车制造商。据悉，卡维隆将以每股9欧元的价格收购全部股份。"
            "分析人士认为，卡维隆此举意在进入欧洲市场；卡维隆目前在亚洲拥有稳固地位。")
    assert found(text) == {"卡维隆"}


def test_a_name_may_end_in_a_word_of_the_language():
    # 汽车 is a word; what opens the run is none, so the run is a name (as 塔塔汽车 would be)
    text = "萨卡汽车表示，交易完成后，萨卡汽车将成为全球第四大卡车集团。萨卡汽车计划保留所有工厂。"
    assert found(text) == {"萨卡汽车"}


def test_a_name_in_traditional_script_is_found_as_its_simplified_form():
    text = "卡維隆宣布收購計劃。卡維隆將以現金支付，卡維隆預計明年完成交易。"
    assert found(text) == {"卡维隆"}


@pytest.mark.parametrize("text", [
    # written twice only
    "卡维隆宣布收购计划。卡维隆将以现金支付。",
    # a word of the language, however often it is written
    "收购将在明年完成。收购将以现金支付。收购将提升利润。",
    # after a figure it is a unit or a counter (6吉瓦), never a company
    "项目装机6吉瓦，其中2吉瓦将在明年投运，另有3吉瓦将在后年投运，吉瓦将是计量单位。",
    # a run that opens with a word (收购, 印度) is the word and the name after it, not a name
    "公司收购卡维隆。董事会支持收购卡维隆，股东也同意收购卡维隆。",
    # never a clause's subject: written only inside other words' runs
    "我们看好的是维隆的产品，也看好维隆的渠道，还有维隆的品牌。",
    # a report's noun, or a word of money, is no company whatever follows it
    "财报显示收入增长。财报将在下周发布，财报还披露了回购计划。",
])
def test_what_is_no_name_is_not_found(text):
    assert found(text) == set()


def test_a_piece_of_a_longer_run_is_not_a_name_of_its_own():
    # 卡维隆 opens each clause and a verb follows it each time, but it is always written inside
    # 卡维隆网络: only the whole run is a name
    text = "卡维隆网络宣布收购计划。卡维隆网络将以现金支付，卡维隆网络预计明年完成交易。"
    assert found(text) == {"卡维隆网络"}


def test_a_name_with_a_word_of_grammar_inside_is_found_whole():
    # 卡和维隆 holds 和 ("and"): 维隆 after it opens no clause of its own, it is the name's piece
    text = "卡和维隆将扩大产能。卡和维隆将在欧洲建厂，此外，卡和维隆将招聘500人。"
    assert found(text) == {"卡和维隆"}


@pytest.mark.parametrize("verb", ["表示", "计划", "将"])
def test_a_name_always_followed_by_the_same_verb_is_the_name_alone(verb):
    text = f"卡维隆{verb}扩大产能。卡维隆{verb}在欧洲建厂，此外，卡维隆{verb}招聘500人。"
    assert found(text) == {"卡维隆"}


def test_a_word_of_grammar_after_a_noun_makes_no_subject():
    # 储能 (energy storage) is not in the dictionary's common words, yet it is followed only by 在, 的, 也
    text = "储能在电网中作用重要。储能的装机量达到50吉瓦，储能也带动了电池需求。"
    assert found(text) == set()


_DEAL = ("7月30日，萨卡汽车与卡维隆达成收购协议。按照协议，萨卡汽车将以{price}欧元现金收购卡维隆全部股份。"
         "该交易不包含卡维隆国防车辆公司，后者由另一家军工企业收购。萨卡汽车与卡维隆合并后年销量将超过54万辆。")


def test_a_figure_of_an_article_that_names_its_company_bare_is_that_company(tmp_path):
    # No suffix, no gloss, no list, no verb of saying after either name: before, the deal's figures
    # had no company at all, so no other article's could be linked to them.
    write_article(tmp_path, "a.md", "欧洲卡车业迎来并购", "2025-07-30", _DEAL.format(price="38亿"), "zh")
    deal = next(m for m in analyse([tmp_path]).mentions if m.fig.text == "38亿欧元")
    assert deal.entity == "萨卡汽车"


def test_a_slip_between_articles_on_a_company_named_bare_is_found(tmp_path):
    # Three Chinese articles on the deal; one writes the price ten times too high.
    for i, price in enumerate(["38亿", "38亿", "380亿"]):
        write_article(tmp_path, f"{i}.md", "欧洲卡车业迎来并购", f"2025-07-2{i}", _DEAL.format(price=price), "zh")
    report = analyse([tmp_path])
    slips = [f for f in report.findings if f.rule == "XD001"
             and {"38亿欧元", "380亿欧元"} <= {m.fig.text for m in f.mentions}]
    assert len(slips) == 1 and "萨卡汽车" in slips[0].message
    # ... and the clean copy stays quiet
    (tmp_path / "2.md").unlink()
    assert not [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]

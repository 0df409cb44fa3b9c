"""The rules inside one document (IN001–IN006: reconcile/checks/headline.py, sums.py, changes.py,
years.py, decimals.py; their shared helpers in in_document.py).

For each rule: the clean seed gives no finding but its real defects; an error planted into the
seed's own copy (a part, a stated percentage, a year, a headline figure) is caught, and the finding
names the planted figure by its id (path:line:column); English copy written here is checked too.
All arithmetic is on intervals, so the interval helpers are tested first.
"""
from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from reconcile.checks import (
    changes,
    conversions,
    decimals,
    headline,
    in_document,
    intervals,
    repeats,
    sums,
    years,
)
from reconcile.data.loader import data_dir
from reconcile.engine import analyse

SEED = data_dir("seeds") / "ai-infrastructure-2025-11.txt"
INF = math.inf


@pytest.fixture(scope="module")
def seed_report():
    return analyse([SEED])


def findings(report, rule):
    return [f for f in report.findings if f.rule == rule]


def figure_id(path: Path, text: str, context: str, figure: str) -> str:
    """The id of `figure`, found inside the first occurrence of `context` in `text`."""
    at = text.index(context)
    offset = at + context.index(figure)
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"{path.as_posix()}:{line}:{column}"


def plant(tmp_path: Path, old: str, new: str, figure: str | None = None, occurrence: int = 1):
    """The seed with the `occurrence`-th `old` replaced by `new`, analysed; returns (report, id of
    `figure` inside the planted text, the mutated text, its path)."""
    text = SEED.read_text(encoding="utf-8")
    at = -1
    for _ in range(occurrence):
        at = text.index(old, at + 1)
    mutated = text[:at] + new + text[at + len(old):]
    path = tmp_path / "planted.txt"
    path.write_text(mutated, encoding="utf-8")
    fid = None
    if figure is not None:
        offset = at + new.index(figure)
        line = mutated.count("\n", 0, offset) + 1
        column = offset - (mutated.rfind("\n", 0, offset) + 1) + 1
        fid = f"{path.as_posix()}:{line}:{column}"
    return analyse([path]), fid, mutated, path


def write(tmp_path: Path, name: str, body: str, title: str = "Test article", date: str = "2025-11-11"):
    path = tmp_path / name
    path.write_text(f"{title}\n{date}\n{body}\n", encoding="utf-8")
    return analyse([path]), path


def naming(report, rule, fid):
    return [f for f in findings(report, rule) if fid in f.figures]


def check_lines(tmp_path: Path, rule: str, cases: list[tuple[str, str | None]]):
    """Copy written here, one case a line: (line, the figure a finding must name first when the
    line is wrong, else None). Exactly the wrong lines are reported."""
    report, path = write(tmp_path, f"{rule}.txt", "\n".join(line for line, _ in cases))
    text = path.read_text(encoding="utf-8")
    expected = sorted(figure_id(path, text, line, fig) for line, fig in cases if fig)
    assert sorted(f.figures[0] for f in findings(report, rule)) == expected


# ---------------------------------------------------------------------------------------------
# Intervals


def test_meets_half_open_and_points():
    assert intervals.meets((4.5, 5.5), (5.0, 6.0))
    assert not intervals.meets((4.5, 5.5), (5.5, 6.5))  # 5 and 6 are not one value
    assert intervals.meets((4.5, 5.5), (5.5, 6.5), touching=True)
    assert intervals.meets((2025, 2025), (2024.225, 2025.825))  # a point meets what holds it
    assert intervals.meets((2025, 2025), (2025, 2025))
    assert intervals.meets((10.5, INF), (20, 30))


def test_sum_and_change_on_intervals():
    assert intervals.add([(19.5, 20.5), (19.5, 20.5)]) == (39, 41)
    lo, hi = intervals.change_pct((8.5e8, 9.5e8), (3.345e8, 3.355e8))  # 9亿股 -> 3.35亿股
    assert lo == pytest.approx(-64.789, abs=1e-3) and hi == pytest.approx(-60.529, abs=1e-3)
    assert intervals.change_pct((0, 1), (1, 2)) is None  # a base that may be zero says nothing
    assert intervals.change_pct((1, INF), (1, 2)) is None  # nor does an open one
    assert intervals.ratio((6.995e10, 7.205e10), (3.85e10, 3.95e10)) == pytest.approx((1.7709, 1.8714), abs=1e-4)
    assert intervals.ratio((30, 31), (100, 120), 100) == pytest.approx((25, 31))


def test_words_have_every_section():
    w = in_document.words()
    assert {"headline_body", "parts_total", "stated_change", "year_span", "stated_ratio"} <= set(w)
    assert "减少" in w["stated_change"]["decrease"] and "from" in w["stated_change"]["from"]


def test_words_come_from_rules_internal_toml(tmp_path):
    """An editor adds a word in a pack's internal.toml without touching code; the built-in words stay."""
    from reconcile.data.loader import use_packs

    (tmp_path / "internal.toml").write_text('[stated_change]\ndecrease = ["nosedived"]\n', encoding="utf-8")
    use_packs([tmp_path])
    try:
        decrease = in_document.words()["stated_change"]["decrease"]
        assert "nosedived" in decrease and "减少" in decrease
    finally:
        use_packs(())
    assert "nosedived" not in in_document.words()["stated_change"]["decrease"]


def test_every_document_rule_runs_a_check_type_of_these_modules():
    from reconcile.checks.registry import rule_set

    for rule in rule_set().running("document"):
        assert rule.check.run.__module__ in {m.__name__ for m in (headline, sums, changes, years, decimals, conversions, repeats)}


# ---------------------------------------------------------------------------------------------
# IN001 headline_body


def test_seed_headlines_agree_with_their_bodies(seed_report):
    assert findings(seed_report, "IN001") == []


def test_headline_sum_of_body_parts(tmp_path):
    """租赁11.6万块 = 约104000块 + 12600块; a headline of 12.6万块 is caught, naming the body's parts."""
    report, fid, *_ = plant(tmp_path, "租赁11.6万块", "租赁12.6万块", "12.6万块")
    [f] = findings(report, "IN001")
    assert f.figures[0] == fid and len(f.figures) == 3
    assert "约104000块 + 12600块" in f.message and "[11.14, 12.18]万块" in f.suggestion


def test_headline_magnitude_slip(tmp_path):
    report, fid, *_ = plant(tmp_path, "租赁11.6万块", "租赁116万块", "116万块")
    [f] = naming(report, "IN001", fid)
    assert f.cause == "magnitude" and f.figures[0] == fid


def test_headline_amount(tmp_path):
    # An edited headline figure is reported as a warning (which one is right is the editor's
    # call); a magnitude slip in it is an error.
    report, fid, *_ = plant(tmp_path, "AI巨头拟500亿美元", "AI巨头拟600亿美元", "600亿美元")
    [f] = naming(report, "IN001", fid)
    assert f.figures[0] == fid and "500亿美元" in f.message and f.severity == "warning"
    report, fid, *_ = plant(tmp_path, "AI巨头拟500亿美元", "AI巨头拟50亿美元", "50亿美元")
    [f] = naming(report, "IN001", fid)
    assert f.severity == "error" and f.cause == "magnitude"


def test_a_headline_figure_the_body_states_under_other_words_passes(tmp_path):
    # The headline says profit fell 72%; the body gives the 72% as the fall in adjusted net profit
    # and a 76% fall of a segment's profit next to it: the headline figure is in the body.
    body = ("Lanting Group said adjusted net profit fell 72% from a year earlier, while profit at its "
            "retail arm dropped 76%.")
    report, _ = write(tmp_path, "h.txt", body, title="Lanting Group profit falls 72%")
    assert findings(report, "IN001") == []
    # a headline figure a tenth of a body figure with other digits is an edit, not a magnitude slip
    report, _ = write(tmp_path, "n.txt", "兰亭集团股价盘前上涨2%，净亏损收窄30.3%。", title="兰亭集团股价盘前升近3%")
    assert [(f.severity, f.cause) for f in findings(report, "IN001")] in ([], [("warning", "headline")])
    # the same number under an unrelated metric does not: 72% is the margin, profit rose 12%
    report, _ = write(tmp_path, "g.txt", "兰亭集团净利润增长12%，毛利率为72%。", title="兰亭集团净利润增长72%")
    assert [f.severity for f in findings(report, "IN001")] == ["warning"]


@pytest.mark.parametrize("body, title, wrong", [
    # 孖展4397亿 in the headline, 4397亿元 of margin loans in the body: one amount, the unit dropped
    ("澄湾发行近1706万股，接获约4397亿元孖展，超额认购近1273倍。", "澄湾首日孖展4397亿 超购1273倍", "澄湾首日孖展5397亿 超购1273倍"),
    # 705亿元 for the body's 705.51亿元: cut at its last digit, not rounded (705.51 rounds to 706)
    ("澄湾前三季度营收705.51亿元，同比增长12%。", "澄湾前三季度营收705亿元", "澄湾前三季度营收707亿元"),
])
def test_a_headline_that_drops_a_unit_or_cuts_a_figure_short_passes(tmp_path, body, title, wrong):
    # ... while another headline figure is still reported
    report, _ = write(tmp_path, "m.txt", body, title=title)
    assert findings(report, "IN001") == []
    report, _ = write(tmp_path, "k.txt", body, title=wrong)
    assert len(findings(report, "IN001")) == 1


@pytest.mark.parametrize("body, title", [
    # the dropped currency's amount is another company's revenue, not the margin loans
    ("澄湾发行近1706万股，接获约4397亿元孖展。岚峰集团去年营收5397亿元。", "澄湾孖展5397亿 超购1273倍"),
    # one digit is no cut of 1.99亿元
    ("澄湾第三季度营收1.99亿元，同比增长12%。", "澄湾第三季度营收1亿元"),
])
def test_a_headline_figure_the_body_only_seems_to_state_is_reported(tmp_path, body, title):
    report, _ = write(tmp_path, "r.txt", body, title=title)
    assert len(findings(report, "IN001")) == 1


def test_headline_within_the_parts_interval_passes(tmp_path):
    """约104000块 means [98,800, 109,200] (约 widens by 5%), so 约104000块 + 12600块 is
    [111,400, 121,800]: a headline of 11.9万块 agrees with it. The interval answer, not a point one."""
    report, *_ = plant(tmp_path, "租赁11.6万块", "租赁11.9万块")
    assert findings(report, "IN001") == []


def test_headline_english(tmp_path):
    body = "Nscale will deploy about 104,000 GPUs in Texas and 12,600 GPUs in Portugal for Microsoft."
    ok, _ = write(tmp_path, "ok.txt", body, title="Nscale to deploy 116,600 GPUs for Microsoft")
    assert findings(ok, "IN001") == []
    bad, path = write(tmp_path, "bad.txt", body, title="Nscale to deploy 166,600 GPUs for Microsoft")
    text = path.read_text(encoding="utf-8")
    [f] = findings(bad, "IN001")
    assert f.figures[0] == figure_id(path, text, "166,600 GPUs", "166,600 GPUs")


def test_headline_without_body_figures_of_its_unit_is_not_reported(tmp_path):
    report, _ = write(tmp_path, "a.txt", "The company hired 300 engineers this year.",
                      title="Company raises $5 billion")
    assert findings(report, "IN001") == []


# ---------------------------------------------------------------------------------------------
# IN002 parts_total


def test_seed_parts_add_up(seed_report):
    assert findings(seed_report, "IN002") == []


def test_planted_part(tmp_path):
    """40%（20%自愿离职，20%非自愿离职） with one part changed to 25%."""
    report, fid, *_ = plant(tmp_path, "20%非自愿离职", "25%非自愿离职", "25%")
    [f] = findings(report, "IN002")
    assert fid in f.figures and f.message.startswith("The parts 20% + 25% do not add up to the total 40%")
    assert "[44, 46]%" in f.suggestion


def test_planted_total(tmp_path):
    report, fid, *_ = plant(tmp_path, "减少40%(", "减少45%(", "45%")
    [f] = findings(report, "IN002")
    assert f.figures[0] == fid


def test_parts_english_and_of_which(tmp_path):
    check_lines(tmp_path, "IN002", [
        ("Headcount will fall 40% (20% voluntary, 20% involuntary) by year end.", None),
        ("Headcount will fall 40% (20% voluntary, 25% involuntary) by year end.", "40%"),
        # 其中 / of which / 包括 name some of the parts: they must not exceed the total.
        ("Capex was $100 billion, of which $60 billion and $30 billion went to data centres and chips.", None),
        ("Capex was $100 billion, of which $60 billion and $50 billion went to data centres and chips.",
         "$100 billion"),
        ("营收100亿元，其中国内60亿元，海外30亿元。", None),
        ("营收100亿元，其中国内60亿元，海外50亿元。", "100亿元"),
        ("总投资500亿美元，包括为Meta投资300亿美元，以及与甲骨文合作投资超过200亿美元。", None),
        ("总投资500亿美元，包括为Meta投资400亿美元，以及与甲骨文合作投资超过200亿美元。", "500亿美元"),
        ("两家合计市场份额35%，其中甲公司40%、乙公司5%。", "35%"),
    ])


def test_a_list_of_totals_takes_its_parts_one_each(tmp_path):
    # Two totals in one list, then as many parts: each part is its own total's, the k-th the k-th's.
    # What the parts of a change contributed may exceed it (the other parts fell).
    check_lines(tmp_path, "IN002", [
        ("两个季度营收分别为48亿元和42亿元，其中电商分别为44亿元和39亿元。", None),
        ("两个季度营收分别为48亿元和42亿元，其中电商分别为44亿元和49亿元。", "42亿元"),
        ("Revenue was $48 billion and $42 billion, of which $44 billion and $49 billion came online.",
         "$42 billion"),
        ("可比销售额分别增长2.8%和3.0%，其中电商分别贡献约3.0%和3.3%。", None),
        ("Comparable sales grew 4.8% and 4.2%, of which e-commerce contributed 4.4% and 3.9%.", None),
        ("Comparable sales grew 2.8% and 3.0%, of which e-commerce contributed 3.0% and 3.3%.", None),
        # a level a change reached is a level: its parts must fit within it; a change in the clause
        # before is another figure's
        ("澄川零售营收增长至48亿元，其中电商44亿元、线下10亿元。", "48亿元"),
        ("澄川零售营收增长12%，海外收入占比60%，其中欧洲占35%、北美占30%。", "60%"),
    ])


def test_shares_of_one_whole_add_up_to_at_most_all_of_it(tmp_path):
    # No total is written: shares of one whole, each its own item's (分别, respectively), make at
    # most 100%. Shares of several wholes (periods, indicators, each item's own) may pass it.
    check_lines(tmp_path, "IN002", [
        ("这批债券的投资者中，亚洲、欧洲、中东和美国投资者分别占48%、31%、15%、6%。", None),
        ("这批债券的投资者中，亚洲、欧洲、中东和美国投资者分别占48%、81%、15%、6%。", "48%"),
        ("Asian, European and US buyers accounted for 52%, 38% and 10% of the order book respectively.", None),
        ("Asian, European and US buyers accounted for 52%, 88% and 10% of the order book respectively.", "52%"),
        ("2023年、2024年及2025年上半年，前五大客户收入分别占总收入的58.1%、61.3%及57.9%。", None),
        ("按载重吨计，三项造船指标分别占全球总量的55.2%、71.8%和63.4%。", None),
        ("三家公司的海外收入分别占各自总收入的61%、72%和55%。", None),
        ("三个地区的收入分别增长41%、52%和37%。", None),
        # stakes and market shares are each of their own whole
        ("澄海集团对甲、乙、丙三家子公司的持股比例分别为100%、51%和30%。", None),
        ("澄海电池在中国、欧洲和北美市场的份额分别为45%、38%和27%。", None),
        ("Harbourline holds stakes of 100%, 51% and 30% in three units respectively.", None),
        ("Their shares surged 60%, 45% and 30% respectively this year.", None),
    ])


def test_rates_and_comparisons_are_not_parts(tmp_path):
    report, _ = write(tmp_path, "a.txt", "\n".join([
        "营收增长20%（国内增长15%，海外增长30%）。",  # rates of parts do not add up
        "毛利率为40%（去年为20%，前年为20%）。",  # a comparison, not a breakdown
        "Margin was 40% (30% in 2024, 35% in 2023).",
        # shares of another whole: the offering is 6% of all shares, split 90/10 between tranches
        "新股占扩大后总股本约6%，其中国际发售占90%，香港公开发售占10%。",
        # a bracket of the whole's other shares: with the first, nearly all of it
        "澄川债券的投资者中，亚洲占逾50%（欧洲25%、中东16%、美国6%）。",
        "按类型分，主权类占42%（银行保险24%、基金32%）。",
    ]))
    assert findings(report, "IN002") == []


def test_a_breakdown_that_with_its_total_nears_the_whole_is_still_checked(tmp_path):
    # A change broken down, not a share beside others; and a share whose bracket makes far less
    # than the whole with it.
    check_lines(tmp_path, "IN002", [
        ("Headcount will fall 50% (20% voluntary, 25% involuntary) by year end.", "50%"),
        ("Job cuts of 50% (20% voluntary, 25% involuntary) are planned.", "50%"),
        ("裁员比例达50%（自愿20%、非自愿25%）。", "50%"),
        ("海外业务占48%（欧洲20%、美国25%）。", "48%"),
        ("主权类占42%（银行保险24%、基金12%）。", "42%"),
    ])


# ---------------------------------------------------------------------------------------------
# IN003 stated_change


def test_seed_stated_change_within_its_interval(seed_report):
    """从9亿股减至3 35亿股（减少约65%）: a fall of [60.5, 64.8]%, within 约65% = [61.3, 68.8]%."""
    assert findings(seed_report, "IN003") == []


def test_planted_percent(tmp_path):
    report, fid, *_ = plant(tmp_path, "减少约65%", "减少约80%", "约80%")
    [f] = findings(report, "IN003")
    assert f.figures[0] == fid and len(f.figures) == 3
    assert "约80%" in f.message and "9亿股" in f.message and "[60.53, 64.79]%" in f.suggestion


def test_planted_from_figure(tmp_path):
    report, fid, *_ = plant(tmp_path, "从9亿股减至", "从19亿股减至", "19亿股")
    [f] = findings(report, "IN003")
    assert fid in f.figures


def test_planted_direction(tmp_path):
    report, fid, *_ = plant(tmp_path, "减少约65%", "增加约65%", "约65%")
    [f] = findings(report, "IN003")
    assert f.figures[0] == fid and f.cause == "direction"


def test_stated_change_english_and_more_chinese(tmp_path):
    check_lines(tmp_path, "IN003", [
        ("Since 2017 shares outstanding fell from 900 million to 335 million shares, a 63% drop.", None),
        ("Since 2017 shares outstanding fell from 900 million to 335 million shares, a 70% drop.", "70%"),
        ("Revenue rose from $20 billion to $26 billion, up 30%.", None),
        ("Revenue rose from $20 billion to $26 billion, up 40%.", "40%"),
        ("Revenue rose 20.0% to $12.0 billion from $10.0 billion.", None),
        ("Revenue rose 30.0% to $12.0 billion from $10.0 billion.", "30.0%"),
        ("员工数从1000人增至1200人，增长20%。", None),
        ("员工数从1000人增至1200人，增长30%。", "30%"),
        ("营收由2024年的100亿元增至2025年的120亿元，增长20%。", None),
        ("营收由2024年的100亿元增至2025年的120亿元，增长30%。", "30%"),
        ("股价从100美元跌至80美元，跌幅20%。", None),
        ("股价从100美元跌至80美元，跌幅25%。", "25%"),
    ])


def test_a_change_on_the_other_basis_is_not_the_pairs(tmp_path):
    # From the year-ago quarter to this one is a year-on-year change: a quarter-on-quarter rate
    # beside it states another change (and the other way round).
    check_lines(tmp_path, "IN003", [
        ("澄川能源第三季度净利润从去年同期的1.4亿元上升至4.8亿元，环比增长46%。", None),
        ("澄川能源第三季度净利润从去年同期的1.4亿元上升至4.8亿元，同比增长46%。", "46%"),
        ("澄川能源第三季度净利润从第二季度的4亿元升至4.8亿元，同比增长50%。", None),
        ("澄川能源第三季度净利润从第二季度的4亿元升至4.8亿元，环比增长50%。", "50%"),
        ("澄川能源2026财年第三季度净利润从去年同期的1.4亿元上升至4.8亿元，环比增长46%。", None),
        ("澄川能源上半年净利润从去年同期的1.4亿元上升至4.8亿元，环比增长46%。", None),
    ])


def test_the_basis_of_a_from_to_pair_is_told_by_its_periods():
    from reconcile.checks.changes import _basis
    assert [_basis(a, b) for a, b in [("2024Q3", "2025Q3"), ("2025Q2", "2025Q3"), ("2024Q4", "2025Q1"),
                                      ("2024", "2025"), ("FY2025Q3", "FY2026Q3"), ("2024H1", "2025H1"),
                                      ("2024H2", "2025H1")]] == ["yoy", "qoq", "qoq", "yoy", "yoy", "yoy", "qoq"]
    assert [_basis(a, b) for a, b in [(None, "2025"), ("2025Q1", "2025Q3"), ("2025", "FY2026"),
                                      ("2025Q3", "2025H1"), ("2023", "2025")]] == [None] * 5


def test_a_percentage_without_a_direction_word_is_not_read_as_the_change(tmp_path):
    report, _ = write(tmp_path, "a.txt", "股数从9亿股减至3.35亿股，市场份额为80%。")
    assert findings(report, "IN003") == []


def test_a_percentage_taken_by_another_figure_or_year_is_not_the_change(tmp_path):
    report, _ = write(tmp_path, "a.txt", "\n".join([
        # the rate belongs to the amount it rises to; the share has no stated change
        "内地收入按年增长135.2%至44.1亿元，但占比由77.2%降至59.7%。",
        "内地收入按年增长135.2%，但占比由77.2%降至59.7%。",  # the rate's clause ends before the change
        # a three-year rise, then the last year's own growth
        "净利润从2022年的58.06亿元增至2024年的143.34亿元，2024年同比增长37.2%。",
    ]))
    assert findings(report, "IN003") == []
    # a conversion in brackets of the change's figure leaves the percentage to the change
    report, path = write(tmp_path, "b.txt", "公司营收从58亿元增至143亿元（约20亿美元），同比增长99%。")
    assert [f.figures[0] for f in findings(report, "IN003")] == [figure_id(path, path.read_text(encoding="utf-8"),
                                                                             "同比增长99%", "99%")]


# ---------------------------------------------------------------------------------------------
# IN004 year_span


def test_seed_year_spans_land_on_the_article_date(seed_report):
    """2019年申请 … 约六年后仍为空壳, in articles 4 and 5 dated 2025-11-11."""
    assert findings(seed_report, "IN004") == []


@pytest.mark.parametrize("occurrence", [1, 2])  # articles 4 and 5
def test_planted_year(tmp_path, occurrence):
    report, fid, *_ = plant(tmp_path, "Digital Realty于2019年申请", "Digital Realty于2016年申请", "2016年",
                            occurrence)
    [f] = findings(report, "IN004")
    assert fid in f.figures and "约六年" in f.message and "2016年" in f.message


def test_copy_reused_two_years_later(tmp_path):
    """Article 4 re-dated 2027: 约六年后 no longer lands on the article's date."""
    report, _, text, path = plant(tmp_path, "观察者网· 2025-11-11 16:11", "观察者网· 2027-11-11 16:11")
    [f] = findings(report, "IN004")
    span = figure_id(path, text, "约六年后仍为空壳", "约六年")
    year = figure_id(path, text, "Digital Realty于2019年", "2019年")
    assert f.figures == [span, year] and "2027-11-11" in f.message


def test_year_span_english_and_stated_landing_year(tmp_path):
    check_lines(tmp_path, "IN004", [  # dated 2025-11-11
        ("Digital Realty applied in 2019, and about six years later the building is still empty.", None),
        ("Digital Realty applied in 2016, and about six years later the building is still empty.",
         "about six years"),
        ("The company was founded ten years ago, in 2015.", None),
        ("The company was founded ten years ago, in 2012.", "ten years"),
        ("It opened in 2019 and six years later, in 2025, was sold.", None),
        ("It opened in 2019 and six years later, in 2027, was sold.", "six years"),
        ("2019年申请，约六年后的2025年仍为空壳。", None),
        ("2019年申请，约六年后的2027年仍为空壳。", "约六年"),
        ("EdgeConnex于2015年投资，十年前的投资如今价值6亿美元。", None),
        ("公司2015年成立，三年后上市。", None),  # lands on an unstated year: nothing to check
    ])


def test_year_span_needs_a_date_or_a_landing_year(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Empty\n\nDigital Realty applied in 2016, and six years later it is still empty.\n",
                    encoding="utf-8")
    assert findings(analyse([path]), "IN004") == []


# ---------------------------------------------------------------------------------------------
# IN005 lost_decimal


def test_seed_lost_decimals_are_article_3s(seed_report):
    got = findings(seed_report, "IN005")
    texts = Counter(f.mentions[0].fig.text for f in got)
    assert texts == Counter({"5 5倍": 1, "4 5倍": 1, "43 5亿美元": 1, "1 5亿美元": 2, "约3 5亿美元": 1,
                             "5-7 5亿美元": 1, "1 75亿美元": 1, "3 35亿股": 1})
    assert {f.mentions[0].doc.id for f in got} == {f"{SEED.as_posix()}#3"} or \
        {f.mentions[0].doc.title for f in got} == {"Liberty Global (NasdaqGS:LBTY.A) Conference Transcript"}


def test_planted_lost_decimal(tmp_path):
    report, fid, *_ = plant(tmp_path, "创纪录的349亿美元", "创纪录的34 9亿美元", "34 9亿美元")
    [f] = naming(report, "IN005", fid)
    assert "34.9亿美元" in f.message


# A summary page of our own words, written with punctuation and copied without it (spaces left).
_SUMMARY = ["甲公司第二季度净利润为41 3亿元，同比增长12%，但低于市场预期。",
            "上半年收入达到520亿元，占公司全年目标的四成，毛利率高于去年同期。",
            "储能业务收入增长至88亿元，海外订单占比约为六成，市场份额继续扩大。",
            "公司持有净现金75亿元，经营现金流明显改善，资本开支保持稳定。",
            "分析师预计全年净利润为97 6亿元，并维持买入评级，目标价上调两成。"]


def _summary_page(tmp_path, punctuated: bool, marks: tuple[str, str] = ("，", "。")):
    body = "".join(_SUMMARY) * 3
    if not punctuated:
        body = body.replace("，", " ").replace("。", " ")
    else:
        body = body.replace("，", marks[0]).replace("。", marks[1])
    path = tmp_path / "summary.md"
    path.write_text(f"---\ntitle: 甲公司半年报摘要\ndate: 2025-09-01\n---\n{body}\n", encoding="utf-8")
    return analyse([path])


def test_a_page_that_lost_its_punctuation_gets_one_warning_for_its_decimals(tmp_path):
    [f] = findings(_summary_page(tmp_path, punctuated=False), "IN005")
    assert f.severity == "warning" and "no punctuation" in f.message
    assert {m.fig.text for m in f.mentions} == {"41 3亿元", "97 6亿元"} and len(f.mentions) == 6
    # unsafe: on such a page a gap may as well be a lost 、 (12 15亿元 for 12、15亿元)
    assert f.fix.applicability == "unsafe" and len(f.fix.edits) == 6
    assert {e.replacement for e in f.fix.edits} == {"41.3亿元", "97.6亿元"}
    assert f.message.count("41 3亿元") == 1  # each figure named once


@pytest.mark.parametrize("marks", [("，", "。"), (",", ". "), ("﹐", "。")])
def test_the_same_page_with_its_punctuation_reports_each_lost_decimal(tmp_path, marks):
    got = findings(_summary_page(tmp_path, punctuated=True, marks=marks), "IN005")
    assert len(got) == 6 and {f.severity for f in got} == {"error"}


def test_a_short_unpunctuated_note_is_no_page_that_lost_its_punctuation(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: 备忘\ndate: 2025-09-01\n---\n甲公司净利润为41 3亿元 同比增长12%\n", encoding="utf-8")
    [f] = findings(analyse([path]), "IN005")
    assert f.severity == "error"


# ---------------------------------------------------------------------------------------------
# IN006 stated_ratio


def test_seed_ratios_without_both_sides_are_not_checked(seed_report):
    """几乎是去年的两倍 (last year's figure not stated) and 占公司电信EBITDA的20% (no whole)."""
    assert findings(seed_report, "IN006") == []


def test_planted_last_year_figure(tmp_path):
    """The rules.toml example: Meta's 700亿至720亿美元, 几乎是去年的两倍, with last year stated."""
    old = "几乎是去年的两倍 [6]"
    ok, *_ = plant(tmp_path, old, "几乎是去年的两倍,去年为390亿美元 [6]")
    assert findings(ok, "IN006") == []
    report, fid, text, path = plant(tmp_path, old, "几乎是去年的两倍,去年为200亿美元 [6]", "200亿美元")
    [f] = findings(report, "IN006")
    assert f.figures[0] == figure_id(path, text, old[:8], "两倍") and fid in f.figures


def test_stated_ratio_and_share(tmp_path):
    check_lines(tmp_path, "IN006", [
        ("谷歌的资本支出600亿美元是去年300亿美元的两倍。", None),
        ("谷歌的资本支出900亿美元是去年300亿美元的两倍。", "两倍"),
        ("该业务收入30亿美元，占公司总收入120亿美元的25%。", None),
        ("该业务收入30亿美元，占公司总收入120亿美元的40%。", "40%"),
        ("Revenue of $60 billion is three times the $20 billion of 2020.", None),
        ("Revenue of $60 billion is three times the $30 billion of 2020.", "three times"),
        ("Cloud sales of $30 billion account for 25% of the $120 billion total.", None),
        ("Cloud sales of $30 billion account for 40% of the $120 billion total.", "40%"),
        ("Meta资本支出为720亿美元，几乎是去年的两倍，去年为390亿美元。", None),
        ("Meta资本支出为720亿美元，几乎是去年的两倍，去年为200亿美元。", "两倍"),
        ("该交易占公司电信EBITDA的20%。", None),  # no whole stated: nothing to check
        ("Meta预计资本支出为700亿美元，几乎是去年的两倍。", None),  # last year's figure not stated
    ])


def _article(tmp_path, body: str):
    from articles import write_article
    folder = tmp_path / f"a{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    write_article(folder, "a.md", "澄川能源三季报", "2025-10-20", body)
    return [f for f in analyse([folder]).findings if f.rule == "IN008"]


def test_one_precise_figure_given_twice_one_digit_apart(tmp_path):
    # The lead and the body give the quarter's revenue to the hundred-millionth; one digit
    # differs, or two neighbours are swapped: one of them was mistyped.
    (digit,) = _article(tmp_path, "澄川能源第三季度营收1041.86亿元。\n\n澄川能源第三季度营收1041.85亿元，创新高。")
    assert digit.severity == "error" and digit.cause == "digit"
    (swap,) = _article(tmp_path, "澄川能源第三季度营收2831.72亿元。\n\n澄川能源第三季度营收2813.72亿元，创新高。")
    assert swap.cause == "transposition"


def test_one_figure_given_twice_a_power_of_ten_apart(tmp_path):
    # The same digits for one dated fact, the point or the magnitude word slipped.
    (shift,) = _article(tmp_path, "澄川能源前三季度净利润251.282亿元。\n\n澄川能源前三季度净利润2512.82亿元，同比增长。")
    assert shift.cause == "magnitude" and "one order of magnitude" in shift.message
    (words,) = _article(tmp_path, "澄川能源第三季度净利润2570万美元。\n\n澄川能源第三季度净利润2.570万美元。")
    assert "3 orders of magnitude" in words.message


def test_a_figure_restated_rounded_a_power_of_ten_off(tmp_path):
    # The summary gives the quarter's revenue to four digits, a later line rounds it and slips the
    # point: 6.482 billion and 65 billion are one figure, not two.
    (rounded,) = _article(tmp_path, "Chengchuan Energy's third-quarter 2025 revenue was HKD 6.482 billion.\n\n"
                                    "Revenue for the third quarter of 2025 was HKD 65 billion, a record.")
    assert rounded.cause == "magnitude" and "one order of magnitude (after rounding)" in rounded.message
    # three values a power of ten apart in turn: two slips, each value beside the next
    three = _article(tmp_path, "Chengchuan Energy's third-quarter 2025 revenue was HKD 6.482 billion.\n\n"
                               "Its third-quarter 2025 revenue was HKD 64.82 billion.\n\n"
                               "Its third-quarter 2025 revenue was HKD 648.2 billion.")
    assert len(three) == 2
    # rounded the right way, at the same magnitude: no slip
    assert _article(tmp_path, "Chengchuan Energy's third-quarter 2025 revenue was HKD 6.482 billion.\n\n"
                              "Revenue for the third quarter of 2025 was HKD 6.5 billion, a record.") == []


@pytest.mark.parametrize("body", [
    # three digits rounded to two are too often another figure (126 million users, 1.3 million
    # payers): a long figure has four digits or more
    "Chengchuan Energy's third-quarter 2025 revenue was HKD 6.48 billion.\n\n"
    "Revenue for the third quarter of 2025 was HKD 65 billion.",
    # two long figures, one a tenth of the other rounded to a board lot: an offer and its tranche
    "澄川能源2025年全球发售108,619,000股，2025年香港公开发售10,862,000股。",
    # two short figures writing the same digits: no sure slip
    "Chengchuan Energy's third-quarter 2025 revenue was HKD 6.4 billion.\n\n"
    "Revenue for the third quarter of 2025 was HKD 64 billion.",
    # a tenth written rounded, the tranche of an offer with its period
    "澄川能源2025年全球发售108,619,000股，其中香港公开发售11,000,000股。"])
def test_rounded_figures_a_power_of_ten_apart_that_are_not_one(tmp_path, body):
    assert _article(tmp_path, body) == []


@pytest.mark.parametrize("body", [
    # a share offer's public tranche is a tenth of the whole, with or without a year; a segment's
    # revenue a tenth of the company's
    "澄川能源发售108,619,000股，其中香港公开发售10,861,900股。",
    "澄川能源2025年全球发售108,619,000股，其中香港公开发售10,861,900股。",
    "澄川能源第三季度营收12.5亿元，海外营收1.25亿元。",
    # four significant digits: a day's high and its close, not a slip
    "澄川能源股价盘中最高1495元，收报1485元。",
    # two periods: this year's and last year's
    "澄川能源第三季度营收1041.86亿元，上年同期营收1041.85亿元。",
    # two metrics
    "澄川能源第三季度营收1041.86亿元，资本开支1041.85亿元。"])
def test_figures_one_digit_apart_that_are_two_facts(tmp_path, body):
    assert _article(tmp_path, body) == []

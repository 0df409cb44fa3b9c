"""Attribution and linking on small articles written for these tests: scopes of one family, stated
conversions, bare 元, datelines, and the checks that keep weak links quiet."""
from __future__ import annotations

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


@pytest.mark.parametrize("x, y, same", [
    (113.11, 113.1, True),     # one more decimal
    (11.3, 113.1, True),       # the point moved: a magnitude slip keeps the digits
    (1131.2, 1131, True),
    (1.4, 1.4, True),
    (44, 45, False),
    (0.54, 78.23, False),
    (349, 394, False),         # transposed digits are another cause
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
    # ("possibly the same fact"). Within weak_link_ratio they are reported as a warning; a pack
    # that lowers the ratio below theirs (10.1 / 6 = 1.7) takes them for two facts.
    docs = tmp_path / "docs"
    docs.mkdir()
    write_article(docs, "a.md", "晶圆代工季报", "2025-10-16", "台积电第三季营收年增30.3%、季增6%，优于预期。")
    write_article(docs, "b.md", "Foundry quarter", "2025-10-16",
           "TSMC's third-quarter revenue rose 30.3% year over year and 10.1% from the previous quarter "
           "in US dollar terms.", lang="en")
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


@pytest.mark.parametrize("opening", ["HANGZHOU, Nov 3 (Reuters) -", "Hangzhou (Newswire)-", "HANGZHOU, Nov 3 -"])
def test_a_dateline_names_no_company(tmp_path, opening):
    write_article(tmp_path, "l.md", "Results", "2025-11-03",
           f"{opening} Zorvane Motors reported results on Monday.\nThe company said quarterly revenue rose 12% to "
           "89 billion yuan.", lang="en")
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


@pytest.mark.parametrize("other, reported", [("7亿元", False), ("113.1亿元", True), ("1231亿元", True)])
def test_values_far_apart_are_one_fact_only_as_a_slip(tmp_path, other, reported):
    # 7亿 against 1131亿 is another figure, however alike the sentences; 113.1亿 is the same
    # digits at another magnitude (a slip); 1231亿 a changed digit.
    write_article(tmp_path, "u.md", "季报", "2025-11-18", "小米集团第三季度营收1131亿元，同比增长22%。")
    write_article(tmp_path, "v.md", "季报", "2025-11-18", f"小米集团第三季度营收{other}，同比增长22%。")
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "XD001"]) is reported

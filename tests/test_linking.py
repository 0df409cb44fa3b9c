"""Linking on small articles written for these tests: scopes of one family, stated conversions,
and the checks that keep weak links quiet."""
from __future__ import annotations

from pathlib import Path

import pytest

from reconcile.checks.crossdoc import likely_cause
from reconcile.checks.intervals import same_digits
from reconcile.engine import analyse
from reconcile.extraction.names import name_id


def _write(folder: Path, name: str, title: str, date: str, body: str, lang: str | None = None) -> None:
    head = f"---\ntitle: {title}\ndate: {date}\n" + (f"lang: {lang}\n" if lang else "") + "---\n\n"
    (folder / name).write_text(head + body + "\n", encoding="utf-8")


def _groups(report) -> list[list[str]]:
    return [[m.fig.text for m in g.mentions] for g in report.groups if g.linked]


def test_each_rate_takes_the_nearest_basis_word(tmp_path):
    # Taiwanese copy puts both bases in one clause: 年增 for the first rate, 季增 for the second.
    _write(tmp_path, "a.md", "晶圆代工季报", "2025-10-16", "台积电第三季营收年增30.3%、季增6%，优于预期。")
    _write(tmp_path, "b.md", "Foundry quarter", "2025-10-16",
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
    _write(tmp_path, "c.md", "车企三季报", "2025-10-30", "比亚迪第三季度净利润78.23亿元（约11亿美元），同比下降32.6%。")
    _write(tmp_path, "d.md", "Carmaker profit", "2025-10-30",
           "BYD said its third-quarter net profit fell 32.6% to about $1.1 billion.", lang="en")
    _write(tmp_path, "e.md", "车企利润", "2025-10-31", "比亚迪三季度净利润78.2亿元，同比下滑32.6%。")
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
    _write(tmp_path, "f.md", "园区", "2025-06-01", "该园区占地5.1万平方米。")
    _write(tmp_path, "g.md", "园区", "2025-06-02", "该园区占地5.1万平方英尺。")
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
    _write(docs, "a.md", "晶圆代工季报", "2025-10-16", "台积电第三季营收年增30.3%、季增6%，优于预期。")
    _write(docs, "b.md", "Foundry quarter", "2025-10-16",
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


def test_a_gloss_in_brackets_must_restate_its_figure(tmp_path):
    _write(tmp_path, "h.md", "算力合作", "2025-09-23",
           "两家公司将部署至少10GW（十亿瓦）的算力。项目投资1.2万亿元（约1690亿美元）。"
           "另一期投资1.2万亿元（约16.9亿美元）。该公司市值330亿美元（450亿美元减去120亿美元债务）。")
    found = {tuple(f.figures) for f in analyse([tmp_path]).findings if f.rule == "IN007"}
    texts = sorted(tuple(x.rsplit(":", 1)[1] for x in pair) for pair in found)
    # 十亿瓦 is 1 GW, not 10 GW; 16.9亿美元 is a hundredth of 1.2万亿元; 1690亿美元 is right at
    # today's rates, and the bracket that holds arithmetic is not a conversion.
    assert len(found) == 2, texts


def test_a_change_stated_against_a_base_figure_is_checked(tmp_path):
    _write(tmp_path, "i.md", "季报", "2025-10-20",
           "公司营收2720亿元，比去年同期的2365亿元增长25%。净利润较上年同期的100亿元增长20%至120亿元。")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "IN003"]
    # 2365 -> 2720 is +15%, not 25%; 100 -> 120 is the stated 20%.
    assert [f.figures[0].rsplit(":", 1)[1] for f in found] and len(found) == 1
    assert "25%" in found[0].message


def test_a_bare_yuan_agrees_when_either_reading_agrees(tmp_path):
    # A Taiwanese article glosses a mainland company's yuan profit in 台币; a mainland article gives
    # the yuan. 338亿 TWD is about 78亿 CNY at today's rates: no conflict, whichever 元 it is.
    _write(tmp_path, "j.md", "车企获利", "2025-10-30", "比亚迪第三季净利78.2亿元（约台币338亿），年减32.6%。")
    _write(tmp_path, "k.md", "车企三季报", "2025-10-30", "比亚迪第三季度归母净利润78.23亿元，同比下降32.6%。")
    report = analyse([tmp_path])
    assert not [f.message for f in report.findings if f.rule in ("XD001", "IN007")]


@pytest.mark.parametrize("opening", ["HANGZHOU, Nov 3 (Reuters) -", "Hangzhou (Newswire)-", "HANGZHOU, Nov 3 -"])
def test_a_dateline_names_no_company(tmp_path, opening):
    _write(tmp_path, "l.md", "Results", "2025-11-03",
           f"{opening} Zorvane Motors reported results on Monday.\nThe company said quarterly revenue rose 12% to "
           "89 billion yuan.", lang="en")
    report = analyse([tmp_path])
    assert {m.entity for m in report.mentions if m.fig.kind != "date"} == {name_id("Zorvane Motors")}


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
    _write(tmp_path, "n.md", "Plants", "2025-05-01", body)
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN002"]) is flagged


@pytest.mark.parametrize("body, flagged", [
    ("Orders were $3.3 billion, up 40% from $3.0 billion a year earlier.", True),
    ("Orders were $3.3 billion, up 10% from $3.0 billion a year earlier.", False),
    ("Orders were $2.7 billion, down 10% compared with $3.0 billion.", False),
    ("Orders were $2.7 billion, down 30% compared with $3.0 billion.", True),
])
def test_a_change_written_before_its_base(tmp_path, body, flagged):
    _write(tmp_path, "o.md", "Orders", "2025-05-01", body, lang="en")
    assert bool([f for f in analyse([tmp_path]).findings if f.rule == "IN003"]) is flagged

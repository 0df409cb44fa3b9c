"""PL001: figures outside the plausible range for what they measure (reconcile/plausibility.py).

The bounds come from rules/plausibility.toml and are validated with Great Expectations. The clean
seed gives no finding; absurd figures planted into the seed's own copy (a capex of 1250万亿美元,
10亿 TPUs, a 120% share) and into English copy written here (440 billion watts for one site) are
each named by a finding. great_expectations is imported once, by the module fixture `gx`; the
tests of the bounds file and of the import do without it.
"""
from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from reconcile.checks import plausibility
from reconcile.checks.plausibility import BoundsError, load_bounds, parse_bounds
from reconcile.checks.registry import rule_set
from reconcile.checks.types import Corpus
from reconcile.data.loader import data_dir, use_packs
from reconcile.engine import mentions_of
from reconcile.errors import InputError
from reconcile.extraction.documents import load_documents

SEED = data_dir("seeds") / "ai-infrastructure-2025-11.txt"


@pytest.fixture(scope="module")
def gx():
    return pytest.importorskip("great_expectations")


@pytest.fixture(scope="module")
def seed_mentions():
    return mentions_of_paths([SEED])


def mentions_of_paths(paths):
    out = []
    for doc in load_documents(paths):
        out += mentions_of(doc)
    return out


def figure_id(path: Path, text: str, at: int) -> str:
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return f"{path.as_posix()}:{line}:{column}"


def plant(tmp_path: Path, old: str, new: str, figure: str):
    """The seed with its first `old` replaced by `new`: (the mentions of the article holding it,
    id of `figure` inside `new`)."""
    text = SEED.read_text(encoding="utf-8")
    at = text.index(old)
    mutated = text[:at] + new + text[at + len(old):]
    path = tmp_path / "planted.txt"
    path.write_text(mutated, encoding="utf-8")
    (doc,) = [d for d in load_documents([path]) if d.start <= at < d.end]
    return mentions_of(doc), figure_id(path, mutated, at + new.index(figure))


def pl001(mentions, severity: str | None = None, data_docs=None):
    """PL001 run on `mentions` as the engine runs it (its severity changed when given)."""
    rule = rule_set().enable("plausibility").get("PL001")
    if severity:
        rule = dataclasses.replace(rule, severity=severity)
    return plausibility.check(rule, Corpus(mentions, [], None, data_docs))


def naming(findings, fid):
    return [f for f in findings if f.figures == [fid]]


# ---------------------------------------------------------------------------------------------
# Without great_expectations


def test_importing_it_or_checking_with_the_rule_off_does_not_import_great_expectations():
    code = ("import sys, reconcile.checks.plausibility as p; "
            "print('great_expectations' in sys.modules); "
            "from reconcile.engine import analyse; "
            f"r = analyse([{str(SEED)!r}]); "
            "print('great_expectations' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_the_bounds_file_holds_the_issue_bounds():
    bounds = {b.name: b for b in load_bounds()}
    capex = bounds["annual-capex"]
    assert (capex.min, capex.max, dict(capex.where)["unit"]) == (1e7, 1e12, ("USD",))
    assert (bounds["share-of-whole"].min, bounds["share-of-whole"].max) == (0, 100)
    assert (bounds["calendar-year"].min, bounds["calendar-year"].max) == (1990, 2100)
    assert bounds["chip-count"].max == 1e8
    assert bounds["site-power"].max == 1e10
    assert (bounds["investment"].max, bounds["funding-round"].max, bounds["valuation"].max) == (1e13, 1e12, 1e14)
    assert (bounds["percent-change"].min, bounds["percent-change"].max) == (-100, 10000)
    # Every USD bound is for USD only: amounts are never converted between currencies.
    for b in bounds.values():
        if "currency" in dict(b.where).get("kind", ()):
            assert dict(b.where)["unit"] == ("USD",)
        assert b.what and b.description


@pytest.mark.parametrize("bound, problem", [
    ({"name": "x", "where": {"metric": ["capx"]}, "max": 1}, "unknown metric 'capx'"),
    ({"name": "x", "where": {"kind": ["money"]}, "max": 1}, "unknown kind 'money'"),
    ({"name": "x", "where": {"colour": ["red"]}, "max": 1}, "where.colour: not a column"),
    ({"name": "x", "where": {"kind": ["count"]}, "maximum": 1}, "unknown key 'maximum'"),
    ({"name": "x", "where": {"kind": ["count"]}, "min": 2, "max": 1}, "min 2 is above max 1"),
    ({"name": "x", "where": {"kind": ["count"]}}, "needs min, max or both"),
    ({"name": "x", "max": 1}, "needs where"),
    ({"name": "value", "where": {"kind": ["count"]}, "max": 1}, "name must be"),
    ({"name": "x", "where": {"kind": ["count"]}, "max": "1e8"}, "max must be a number"),
])
def test_a_malformed_bound_is_named(bound, problem):
    with pytest.raises(BoundsError, match=problem.replace("(", r"\(")) as e:
        parse_bounds({"bound": [bound]}, "plausibility.toml")
    # An InputError: the command line prints it in one line and exits 2.
    assert isinstance(e.value, InputError) and str(e.value).startswith(f"plausibility.toml: bound '{bound['name']}': ")


def test_without_great_expectations_the_rule_says_what_to_install(monkeypatch):
    monkeypatch.setattr(plausibility, "available", lambda: False)
    with pytest.raises(plausibility.PlausibilityUnavailable, match=r"reconcile\[plausibility\]"):
        pl001([])
    # Off by default, so nothing imports great_expectations unless asked.
    assert not [r for r in rule_set().running("corpus") if r.check.name == "plausibility"]


def test_magnitude_slips_prefer_the_usual_power_of_ten():
    bounds = {b.name: b for b in load_bounds()}
    magnitude = plausibility._magnitude
    assert magnitude(1.25e15, bounds["investment"], "1250万亿美元") == 4  # 万亿 for 亿
    assert magnitude(1.25e15, bounds["investment"], "$1,250 trillion") == 3  # trillion for billion
    assert magnitude(4.4e11, bounds["site-power"], "440 billion watts") == 3  # billion for million
    assert magnitude(4.4e11, bounds["site-power"], "440吉瓦") == 3  # 吉瓦 for 兆瓦
    assert magnitude(1e4, bounds["annual-capex"], "$10,000") == -3  # below the bottom
    assert magnitude(2e12, bounds["annual-capex"], "2 trillion") is None  # only 2× over: no slip
    assert magnitude(120, bounds["share-of-whole"], "120%") is None


# ---------------------------------------------------------------------------------------------
# With great_expectations


def test_the_clean_seed_gives_no_finding(gx, seed_mentions):
    assert len(seed_mentions) > 200
    assert pl001(seed_mentions) == []
    # GE's own validation of the seed table agrees.
    bounds = load_bounds()
    frame = plausibility.bound_frame(plausibility.figures_table(seed_mentions), bounds)
    assert frame[[b.name for b in bounds]].notna().sum().sum() > 150  # most figures fall under a bound
    assert plausibility.validate(frame, bounds) == {}


def test_a_capex_of_1250_wan_yi_dollars(gx, tmp_path):
    mentions, fid = plant(tmp_path, "亚马逊2025年预计总投入1250亿美元", "亚马逊2025年预计总投入1250万亿美元",
                          "1250万亿美元")
    # Attribution reads 总投入 as an investment: the investment bound catches it.
    assert next(m for m in mentions if m.id == fid).metric in ("capex", "investment")
    findings = pl001(mentions)
    assert [f.figures for f in findings] == [[fid]]
    (f,) = findings
    assert (f.rule, f.severity, f.cause) == ("PL001", "warning", "implausible")
    assert f.message.startswith("1250万亿美元 is outside the plausible range for ")
    assert "10^13 USD" in f.message
    assert "magnitude slip" in f.suggestion and "10^4" in f.suggestion
    assert f.cause_text == "Likely a magnitude slip (×10⁻⁴)."
    assert f.mentions[0].id == fid and f.id.startswith("PL001-")


def test_a_billion_tpus(gx, tmp_path):
    mentions, fid = plant(tmp_path, "使用多达100万个新TPU", "使用多达10亿个新TPU", "多达10亿个")
    findings = pl001(mentions)
    assert [f.figures for f in findings] == [[fid]]
    assert "a count of chips or GPUs (at most 10^8)" in findings[0].message
    assert "magnitude slip" in findings[0].suggestion


def test_a_share_of_120_percent(gx, tmp_path):
    mentions, fid = plant(tmp_path, "美国在建数据中心的74.3%已预租", "美国在建数据中心的120%已预租", "120%")
    findings = pl001(mentions)
    assert [f.figures for f in findings] == [[fid]]
    assert "a share of a whole (0 to 100%)" in findings[0].message
    assert "cannot be above 100%" in findings[0].suggestion


def test_english_copy(gx, tmp_path):
    lines = [
        ("The Abilene campus will have a power demand of 440 billion watts when complete.", "440 billion watts"),
        ("Its data center capacity will reach 1.2 GW by 2026.", None),
        ("Oracle said its market share reached 120% last quarter.", "120%"),
        ("Oracle's market share was 35% in the quarter.", None),
        ("The fund holds a 1,000,000% stake in the site.", "1,000,000%"),  # fails two bounds: one finding
        ("Google raised its capital expenditure to $91 billion for 2025.", None),
        ("Google raised its capital expenditure to $91 trillion for 2025.", "$91 trillion"),
        ("Nvidia will ship 300,000 GPUs to the site.", None),
    ]
    path = tmp_path / "draft-en.md"
    text = "Plausibility\n2025-11-20\n" + "\n".join(line for line, _ in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    expected = [figure_id(path, text, text.index(line) + line.index(fig)) for line, fig in lines if fig]
    findings = pl001(mentions_of_paths([path]))
    assert [f.figures[0] for f in findings] == expected
    watts, _share, huge, capex = findings
    assert watts.message == ("440 billion watts is outside the plausible range for one site's power "
                             "(at most 10^10 W).")
    assert "divided by 10^3 (4.4×10^8 W)" in watts.suggestion
    assert "share of a whole" in huge.message  # the first bound it fails, not percent-change too
    assert "a company's annual capex (10^7 to 10^12 USD)" in capex.message


def test_other_currencies_are_not_converted(gx, tmp_path):
    # No bound is written in GBP, and a USD bound never applies to pounds.
    mentions, fid = plant(tmp_path, "5亿英镑", "5000万亿英镑", "5000万亿英镑")
    assert next(m for m in mentions if m.id == fid).record["unit"] == "GBP"
    assert naming(pl001(mentions), fid) == []


def test_an_editor_adds_a_bound_without_code(gx, tmp_path):
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "plausibility.toml").write_text('''
[[bound]]
name = "uk-investment"
what = "an investment in pounds"
where = { metric = ["investment"], kind = ["currency"], unit = ["GBP"] }
max = 1e12
''', encoding="utf-8")
    mentions, fid = plant(tmp_path, "5亿英镑", "5000万亿英镑", "5000万亿英镑")
    use_packs([pack])
    try:
        findings = pl001(mentions)
    finally:
        use_packs(())
    assert [f.figures for f in findings] == [[fid]]
    assert "an investment in pounds (at most 10^12 GBP)" in findings[0].message


def test_severity_and_switch_come_from_rules_toml(gx, tmp_path):
    mentions, _ = plant(tmp_path, "使用多达100万个新TPU", "使用多达10亿个新TPU", "多达10亿个")
    assert [f.severity for f in pl001(mentions, severity="error")] == ["error"]
    assert [f.severity for f in pl001(mentions)] == ["warning"]


def test_data_docs_are_written(gx, tmp_path, seed_mentions):
    docs = tmp_path / "docs"
    assert pl001(seed_mentions, data_docs=str(docs)) == []
    index = docs / "index.html"
    assert index.is_file()
    pages = list((docs / "validations").rglob("*.html"))
    assert pages and "annual-capex" in pages[0].read_text(encoding="utf-8")


def test_cli_data_docs_writes_an_index(gx, tmp_path, capsys):
    from reconcile.cli import main

    docs = tmp_path / "docs"
    main(["check", str(SEED), "--data-docs", str(docs), "--format", "json", "--output", str(tmp_path / "r.json")])
    assert (docs / "index.html").is_file()


def test_bounds_are_inclusive_and_apply_only_where_they_say(gx):
    from reconcile.model import Mention

    cases = [  # (metric, kind, unit, value)
        ("capex", "currency", "USD", 1e12), ("capex", "currency", "USD", 1.000001e12),
        ("capex", "currency", "USD", 1e7), ("capex", "currency", "USD", 9.99e6),
        ("capex", "currency", "GBP", 1e15), ("capex", "currency", "USD", None),
        ("gpus", "count", "count", 1e8), ("gpus", "count", "count", 2e8),
        ("revenue_share", "percent", "percent", 0), ("revenue_share", "percent", "percent", -0.5),
        ("stock_move", "percent", "percent", -100.5), (None, "date", "date", 1989),
        (None, "date", "date", 2100), ("power_demand", "power", "W", 1.1e10), ("power_gap", "power", "W", 4.4e10),
    ]
    mentions = [Mention(f"synthetic.txt:{i}:1", None, None,
                        {"text": f"{v}", "kind": k, "unit": u, "value": v, "low": v, "high": v}, "acme", metric, "2025")
                for i, (metric, k, u, v) in enumerate(cases, 1)]
    flagged = {f.figures[0] for f in pl001(mentions)}
    assert sorted(int(fid.split(":")[1]) for fid in flagged) == [2, 4, 8, 10, 11, 12, 14]

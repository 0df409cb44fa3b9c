"""The cross-document rule on real copy: the clean seed stays quiet, and every kind of error
planted into one mention of a recurring figure is caught by a finding that names it.

`python tests/test_check_crossdoc.py` prints the catch rate per kind of error."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import mutations  # noqa: E402
from articles import write_article  # noqa: E402

from reconcile.data.loader import data_dir  # noqa: E402
from reconcile.engine import analyse  # noqa: E402

SEED = data_dir("seeds") / "ai-infrastructure-2025-11.txt"
# Real defects of the clean seed: the Liberty Global transcript lost its decimal points.
SEED_DEFECTS = {"5 5倍", "4 5倍", "43 5亿美元", "1 5亿美元", "约3 5亿美元", "5-7 5亿美元", "1 75亿美元", "3 35亿股"}


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    path = tmp_path_factory.mktemp("clean") / SEED.name
    path.write_bytes(SEED.read_bytes())
    return analyse([path])


def test_clean_seed_has_no_error_but_its_real_defects(clean):
    errors = [f for f in clean.findings if f.severity == "error"]
    texts = {clean.by_id[f.figures[0]].fig.text for f in errors}
    assert {f.rule for f in errors} == {"IN005"}
    assert texts == SEED_DEFECTS


def test_clean_seed_links_the_recurring_facts(clean):
    linked = {g.key[:3]: sorted(m.fig.text for m in g.mentions) for g in clean.groups if g.linked}
    assert linked[("openai", "investment", "money")] == ["1.4万亿美元", "约1.4万亿美元", "约1.4万亿美元"]
    assert linked[("google", "capex", "money")] == ["910亿至930亿美元"] * 2
    assert linked[("morgan_stanley", "power_gap", "W")] == ["13至44吉瓦"] * 2
    assert linked[("anthropic", "customers", "count")] == ["超30万家"] * 2
    assert all(g.status == "agree" for g in clean.groups if g.linked)


def test_traps_stay_apart(clean):
    by_text = {}
    for m in clean.mentions:
        by_text.setdefault(m.fig.text, []).append(m)
    anthropic = {(m.entity, m.metric) for m in by_text["500亿美元"]}
    blue_owl = {(m.entity, m.metric) for m in by_text["超过500亿美元"]}
    assert anthropic.isdisjoint(blue_owl)  # Anthropic's plan is not Blue Owl's total
    customers = {m.metric for m in by_text["超30万家"]}
    gpus = {m.metric for m in by_text["多达30万块"]}
    assert customers.isdisjoint(gpus)  # 30万家 customers are not 30万块 GPUs
    typical, worst = by_text["3年"][0], by_text["长达7年"][0]  # 等待3年 is not 长达7年
    assert (typical.entity, typical.metric) != (worst.entity, worst.metric) or typical.entity is None
    gap, share = by_text["高达20%"][0], [m for m in by_text["20%"] if m.doc.id.endswith("#3")][0]
    assert (gap.entity, gap.metric) != (share.entity, share.metric)  # a power gap is not an EBITDA share


def plant(tmp_path: Path, mention, kind: str) -> tuple[Path, int, int] | None:
    """Write the seed with one error planted in `mention`; (path, line, column) of the figure."""
    text = SEED.read_text(encoding="utf-8")
    doc = mention.doc
    start = doc.start + mention.fig.start
    end = doc.start + mention.fig.end
    line, column = doc.locate(mention.fig.start)
    if kind == "period":
        s0 = doc.start + mention.sentence[0]
        change = mutations.period(text[s0:start])
        if change is None:
            return None
        old, new = change
        at = text.rindex(old, s0, start)
        mutated = text[:at] + new + text[at + len(old):]
        column += len(new) - len(old) if text[:at].count("\n") == line - 1 else 0
    else:
        new = mutations.KINDS[kind](text[start:end])
        if new is None or new == text[start:end]:
            return None
        mutated = text[:start] + new + text[end:]
    path = tmp_path / f"{kind}-{line}-{column}" / SEED.name
    path.parent.mkdir(parents=True)
    path.write_text(mutated, encoding="utf-8")
    return path, line, column


def _cases(report):
    """(group, mention to mutate): one mention of every fact linked across documents, but vague
    amounts (数以亿计), which state no value to get wrong."""
    for g in report.groups:
        if g.linked and "vague" not in g.mentions[-1].fig.flags:
            yield g, g.mentions[-1]


KINDS = list(mutations.KINDS) + ["period"]


def run_mutations(tmp_path: Path, report) -> tuple[Counter, Counter, list[str]]:
    planted, caught, missed = Counter(), Counter(), []
    for g, m in _cases(report):
        for kind in KINDS:
            planted_at = plant(tmp_path, m, kind)
            if planted_at is None:
                continue
            path, line, column = planted_at
            result = analyse([path])
            target = f"{path.as_posix()}:{line}:"
            if kind == "period":  # planted only where it changes the period the figure is read with
                now = [x for x in result.mentions if x.id.startswith(target) and abs(x.record["column"] - column) <= 2]
                if not now or now[0].period == m.period:
                    continue
            hit = any(fid.startswith(target) and abs(int(fid.rsplit(":", 1)[1]) - column) <= 2
                      for f in result.findings if f.rule.startswith("XD") and f.severity != "info"
                      for fid in f.figures)
            planted[kind] += 1
            if hit:
                caught[kind] += 1
            else:
                missed.append(f"{kind}: {m.fig.text} ({g.id})")
    return planted, caught, missed


def test_planted_errors_in_recurring_figures_are_caught(clean, tmp_path):
    planted, caught, missed = run_mutations(tmp_path, clean)
    print()
    for kind in KINDS:
        print(f"{kind:<14} {caught[kind]:>3} / {planted[kind]:<3}")
    assert sum(planted.values()) > 50
    assert not missed, missed


if __name__ == "__main__":  # pragma: no cover - a report for the README and the issue notes
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / SEED.name
        p.write_bytes(SEED.read_bytes())
        rep = analyse([p])
        planted, caught, missed = run_mutations(Path(d), rep)
    print("| kind of error | caught |\n|---|---|")
    for kind in KINDS:
        print(f"| {kind} | {caught[kind]} / {planted[kind]} |")
    for line in missed:
        print("missed:", line)


def _margins(folder: Path, second_states_both: bool):
    """Two reports of one company's quarter: the first gives the company's margin and a unit's,
    the second calls the unit's figure "its gross margin" and, when asked, gives the company's too."""
    folder.mkdir()
    write_article(folder, "a.md", "Acme third-quarter results", "2025-10-30",
                  "Acme Robotics said on Thursday that its gross margin was 22.9%. The margin of its machines "
                  "unit was 25.5%.", lang="en")
    tail = ", and Acme Robotics' overall gross margin was 22.9%." if second_states_both else "."
    write_article(folder, "b.md", "Acme third-quarter results", "2025-10-30",
                  "Acme Robotics said on Thursday that its gross margin was 25.5%, for its machines unit" + tail,
                  lang="en")
    return [f for f in analyse([folder]).findings if f.rule == "XD001"]


def test_two_articles_each_stating_both_values_state_two_facts(tmp_path):
    # Each article states 22.9% and 25.5% for the company: whichever two linking paired, the
    # articles tell the two facts apart, so their disagreement is no conflict.
    assert _margins(tmp_path / "both", True) == []
    # The second article states only 25.5% as the company's margin: that is worth a look.
    (finding,) = _margins(tmp_path / "one", False)
    assert finding.severity == "warning" and {m.fig.text for m in finding.mentions} == {"22.9%", "25.5%"}


def test_a_figure_cut_off_at_its_last_digit_agrees_with_the_finer_one(tmp_path):
    # 2兆7629.64億 written as 2.7629万亿 is truncated, not rounded: no conflict. Two figures
    # written to the same digit stay a slip when that digit differs.
    from reconcile.checks.crossdoc import meets, truncates

    def mention(text):
        (m,) = [x for x in analyse([_one(tmp_path, text)]).mentions if x.fig.text == text]
        return m

    fine, cut = mention("27629.64亿元"), mention("2.7629万亿元")
    assert meets(fine, cut) and meets(cut, fine)
    assert meets(mention("2.7630万亿元"), fine)  # rounded: as before
    assert not meets(mention("2.7628万亿元"), fine)  # neither rounded nor cut off
    a, b = mention("1041.85亿元").fig, mention("1041.86亿元").fig
    assert not truncates(a, b) and not truncates(b, a)  # one precision: rounding decides


def test_about_does_not_hide_a_dropped_digit_of_a_precise_figure(tmp_path):
    # 约310.6亿元 against 310.06亿元: "about" on four digits is rounding, not a 5% band, so the two
    # disagree; a round 约310亿元 still meets the precise figure.
    from reconcile.checks.crossdoc import meets

    def mention(text):
        (m,) = [x for x in analyse([_one(tmp_path, text)]).mentions if x.fig.text == text]
        return m

    precise = mention("310.06亿元")
    assert not meets(mention("约310.6亿元"), precise) and not meets(precise, mention("约310.6亿元"))
    assert meets(mention("约310亿元"), precise) and meets(mention("约310.1亿元"), precise)


def _one(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / f"one-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    return write_article(folder, "a.md", "宏达科技前三季度业绩", "2025-10-30", f"宏达科技前三季度营收{text}。", lang="zh")


@pytest.mark.parametrize("ours, theirs, severity", [
    ("$32 billion", "$23 billion", "warning"),     # two digits swapped: as often two facts (an offer, a price)
    ("$3.21 billion", "$3.12 billion", "error"),   # three: a copying slip
])
def test_swapped_digits_are_a_slip_only_in_a_longer_number(tmp_path, ours, theirs, severity):
    for name, amount, date in (("a.md", ours, "2025-03-18"), ("b.md", ours, "2025-03-18"), ("c.md", theirs, "2025-03-19")):
        write_article(tmp_path, name, "Deal", date, f"Acme Robotics agreed to acquire Beta Labs for {amount}.", lang="en")
    report = analyse([tmp_path])
    assert {m.metric for m in report.mentions} == {"deal_value"}  # "acquire" names what the amount is
    (finding,) = [f for f in report.findings if f.rule == "XD001"]
    assert finding.cause == "transposition" and finding.severity == severity


@pytest.mark.parametrize("x, y, copied", [
    (1.4, 1.4, True),          # 1.4万亿 vs 1.4亿: the number kept, the word changed
    (14, 13.8, True),          # 14‰ for 13.8%: rounded, as written
    (3404, 3403.70, True),     # 3,404 billion for 3403.70亿
    (11.3, 113.1, True),       # the point moved, three digits kept
    (35, 349.79, False),       # rounded and shifted, two digits: as likely two facts
    (44, 45, False),
])
def test_a_copied_number_keeps_its_digits(x, y, copied):
    from reconcile.checks.crossdoc import _copied_digits
    assert _copied_digits(x, y, 3) is copied and _copied_digits(y, x, 3) is copied


def test_a_zero_more_under_one_unit_spelled_two_ways_is_two_amounts(tmp_path):
    # "100 per cent" and "nearly 10%": the same unit, the numbers a zero apart: no magnitude slip.
    from reconcile.checks.crossdoc import _zeros_apart

    def fig(text):
        (m,) = [x for x in analyse([_one(tmp_path, text)]).mentions if x.fig.text == text]
        return m.fig

    assert _zeros_apart(fig("100 per cent"), fig("10%"))
    assert _zeros_apart(fig("1000亿美元"), fig("100亿美元"))
    assert not _zeros_apart(fig("70亿美元"), fig("70万美元"))     # another magnitude word


@pytest.mark.parametrize("told_by, quiet", [("Harbor Foods", True), ("Kestrel Mining", False), (None, False)])
def test_a_tenth_that_an_article_tells_apart_is_no_magnitude_slip(tmp_path, told_by, quiet):
    # One article gives the whole offering and its Hong Kong tenth, both as the company's share
    # counts; another gives only the tenth's digits. The same digits a power of ten apart are the
    # tranche there, not a copying slip. Told apart by another company's article, or nowhere, they
    # are a slip as before.
    for name, text in (("a.md", "Harbor Foods will sell 108,619,000 shares in its Hong Kong listing."),
                       ("b.md", "Harbor Foods will sell 108,619,000 shares in its Hong Kong listing."),
                       ("c.md", "Harbor Foods will sell 10.86 million shares in its Hong Kong listing.")):
        write_article(tmp_path, name, "Listing", "2025-11-05", text, lang="en")
    if told_by:
        write_article(tmp_path, "d.md", "Listing", "2025-11-05",
                      f"{told_by} will sell 108,619,000 shares in its Hong Kong listing, and 10,861,900 shares "
                      "are for the public tranche.", lang="en")
    errors = [f for f in analyse([tmp_path]).findings if f.rule == "XD001" and f.severity == "error"]
    assert (errors == []) is quiet


def test_roundings_that_only_touch_do_not_meet_though_floats_overlap():
    # 9.3 is [9.25, 9.35) and 9.4 is [9.35, 9.45): computed in floating point the first ends at
    # 9.350000000000001, past the second's start; they still share no value.
    from reconcile.checks.intervals import meets
    assert not meets((9.3 - 0.05, 9.3 + 0.05), (9.4 - 0.05, 9.4 + 0.05))
    assert meets((9.25, 9.36), (9.35, 9.45))  # a real overlap still meets
    assert meets((9.3 - 0.05, 9.3 + 0.05), (9.4 - 0.05, 9.4 + 0.05), touching=True)


def test_two_articles_a_tenth_of_a_point_apart_disagree(tmp_path):
    for name, rate in (("a.md", "9.3%"), ("b.md", "9.3%"), ("c.md", "9.4%")):
        write_article(tmp_path, name, "Results", "2025-10-30",
                      f"Harbor Foods' third-quarter net profit rose {rate} from the second quarter.", lang="en")
    findings = analyse([tmp_path]).findings
    assert [f.rule for f in findings if f.rule in ("XD001", "XD002")] == ["XD001"]


@pytest.mark.parametrize("figure_en, figure_zh, severity", [
    ("$25 billion", "25亿美元", "error"),    # two digits copied under another magnitude: a slip
    ("$40 billion", "4亿美元", "warning"),   # one digit: coincidence writes it as often as a hand
    ("$1 trillion", "100亿美元", "warning"),
])
def test_one_digit_in_common_makes_no_sure_slip(tmp_path, figure_en, figure_zh, severity):
    # The same digits under another magnitude are a slip the checker can name, and on one company's
    # figure an error; a single digit in common (4, 1) is no evidence of a copy: possibly the same
    # fact, a warning.
    assert _xd001_severities(tmp_path, f"Ardent Labs said it raised {figure_en} in its latest funding round.",
                             f"Ardent Labs表示，最新一轮融资筹集{figure_zh}。") == [severity]


def _xd001_severities(tmp_path, english: str, chinese: str) -> list[str]:
    """XD001's severities when three English articles state one figure and a Chinese one another."""
    for n in range(3):
        write_article(tmp_path, f"e{n}.md", "Round", "2025-04-01", english, lang="en")
    write_article(tmp_path, "z.md", "融资", "2025-04-01", chinese)
    return [f.severity for f in analyse([tmp_path]).findings if f.rule == "XD001"]


@pytest.mark.parametrize("figure_en, figure_zh, severity", [
    ("$1.4 trillion", "1.4亿美元", "error"),      # the word changed, the number as written kept: ×10⁴
    ("$140 billion", "14亿美元", "error"),        # the point moved under one word pair: ×10²
    ("$14,000", "14亿美元", None),                # ×10⁵ with both the number and its word changed
    ("RMB 96", "95.74亿元", None),                # a figure cut short: no slip made it
])
def test_a_magnitude_slip_is_one_change(tmp_path, figure_en, figure_zh, severity):
    # A hand that copies a figure wrong changes its magnitude word or moves its point; values
    # powers of ten apart that differ in both are two facts (a plant's $30,000 truck and its $3
    # billion cost): linking keeps them apart, and nothing is reported (real copy, stop 47: 34 false
    # links and 8 false warnings fewer, no true finding lost).
    assert _xd001_severities(tmp_path, f"Ardent Labs said it would invest {figure_en} in new plants.",
                             f"Ardent Labs表示，将投资{figure_zh}建设新工厂。") == ([severity] if severity else [])


@pytest.mark.parametrize("other, reported", [("至少20亿美元", True), ("超过50亿美元", False), ("至少200亿美元", False)])
def test_a_bound_that_meets_only_through_its_open_side_at_the_same_digits_is_a_slip(tmp_path, other, reported):
    # "At least 2 billion" bounds 20 billion only because it has no upper end; nobody writes it so:
    # the digits are the same a power of ten away. A bound of other digits, or of the same amount, agrees.
    write_article(tmp_path, "a.md", "Data centre pledge", "2025-06-09",
                  "Larkspur Cloud will invest $20 billion in data centres in Ohio by 2030, the company said.", lang="en")
    write_article(tmp_path, "b.md", "数据中心投资", "2025-06-10", f"Larkspur Cloud宣布到2030年将在俄亥俄州数据中心投资{other}。")
    findings = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert bool(findings) == reported


def test_stated_conversions_do_not_outvote_the_amounts_they_restate(tmp_path):
    # Two articles give dollars with a Taiwan-dollar conversion in brackets; a third slips the
    # currency. The group's reference is the dollars (two votes) not the conversions (half each),
    # so the slip is an error, not "within the precision" of an approximate conversion.
    write_article(tmp_path, "a.md", "芯片收购完成", "2025-11-26", "澄湾集团以65亿美元（约新台币2036亿元）完成收购山岚半导体。")
    write_article(tmp_path, "b.md", "收购完成", "2025-11-26", "澄湾集团完成收购山岚半导体，交易总价65亿美元（约新台币2036亿元）。")
    write_article(tmp_path, "c.md", "澄湾完成收购", "2025-11-27", "澄湾集团以65亿欧元完成收购山岚半导体。")
    report = analyse([tmp_path])
    (finding,) = [f for f in report.findings if f.rule == "XD001"]
    assert finding.severity == "error" and {m.fig.text for m in finding.mentions} == {"65亿欧元", "65亿美元"}


@pytest.mark.parametrize("right, slipped, reported", [
    ("10.4%", "80.4%", True),  # one digit of three changed: a slip however far apart, reported
    ("10%", "80%", False),     # of two digits: as often another fact's figure, not this far apart
])
def test_one_changed_digit_far_apart_is_reported_as_a_warning(tmp_path, right, slipped, reported):
    # Two articles agree; a third, worded apart (a weak link), writes the rate with one digit changed.
    body = "理想汽车第三季度交付量环比增长{}，创季度新高。"
    write_article(tmp_path, "a.md", "车企交付", "2025-10-01", body.format(right))
    write_article(tmp_path, "b.md", "交付增长", "2025-10-01", body.format(right))
    write_article(tmp_path, "c.md", "交付数据", "2025-10-20", f"据理想汽车公布的数据，三季度汽车交付环比上升{slipped}，好于市场预期。")
    found = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert [m.fig.text for f in found for m in f.mentions if m.doc.path.endswith("c.md")] == ([slipped] if reported else [])
    assert all(f.severity == "warning" for f in found)


def test_a_sentence_that_gives_a_whole_and_its_part_states_both_values(tmp_path):
    # 全球发售108,619,000股，其中香港发售10,861,900股: the same digits under two magnitudes, side by side in
    # one sentence, are an offering and its tranche; an article's 10.86 million against the whole
    # is no slip of the hand (XD001 skips a "slip" whose one side's sentence states the other's value).
    from reconcile.checks.crossdoc import _Statements
    write_article(tmp_path, "a.md", "澄川能源招股", "2025-11-04",
                  "澄川能源全球发售108,619,000股H股，其中香港发售股份数目为10,861,900股。澄川能源另有员工3,000人。")
    write_article(tmp_path, "b.md", "澄川能源上市", "2025-11-05", "澄川能源向香港散户分配1086万股。")
    mentions = analyse([tmp_path]).mentions
    by_text = {m.fig.text: m for m in mentions}
    whole, retail, staff = (by_text[t] for t in ("108,619,000股", "1086万股", "3,000人"))
    stated = _Statements(mentions)
    assert stated.beside(whole, retail) and not stated.beside(retail, whole)
    assert not stated.beside(staff, retail)  # another sentence of the article


def test_a_sentence_with_another_metrics_value_hides_no_slip(tmp_path):
    # 营收48.6亿元，净利润4.86亿元: revenue and profit side by side; another article's 净利润48.6亿元 is
    # the profit with its magnitude slipped, an error, though the first sentence writes 48.6亿 too.
    write_article(tmp_path, "a.md", "澄川能源季报", "2025-10-20", "澄川能源第三季度营收为48.6亿元，净利润为4.86亿元。")
    write_article(tmp_path, "b.md", "澄川能源业绩", "2025-10-21", "澄川能源第三季度净利润为48.6亿元。")
    errors = [f for f in analyse([tmp_path]).findings if f.rule == "XD001" and f.severity == "error"]
    assert [f.cause for f in errors] == ["magnitude"]


@pytest.mark.parametrize("minus, wording, reported", [
    # a fall in words, a minus sign in figures: one value
    ("澄川能源第三季度营收同比-5.5%。", "澄川能源第三季度营收同比下降5.5%。", False),
    ("Chenghai Energy's third-quarter revenue growth was -5.5% year on year.",
     "Chenghai Energy's third-quarter revenue declined 5.5% year on year.", False),
    ("Chenghai Energy's third-quarter revenue growth was -5.5% year on year.",
     "Chenghai Energy's third-quarter revenue saw a 5.5% decrease year on year.", False),
    # a rise against a fall, or no direction written at all: the sign slipped or was lost
    ("澄川能源第三季度营收同比-5.5%。", "澄川能源第三季度营收同比增长5.5%。", True),
    ("Chenghai Energy's third-quarter revenue growth was -5.5% year on year.",
     "Chenghai Energy's third-quarter revenue growth was 5.5% year on year.", True),
    ("澄川能源第三季度营收同比-5.5%。", "澄川能源第三季度营收涨跌幅为5.5%。", True),  # 涨跌幅: either way
    ("澄川能源第三季度营收同比下降-5.5%。", "澄川能源第三季度营收同比下降5.5%。", True),  # a double negative
    # a fall in words against a minus sign that writes one more digit: one value, truncated
    ("澄川能源第三季度营收同比-5.57%。", "澄川能源第三季度营收同比下降5.5%。", False),
])
def test_a_fall_written_in_words_agrees_with_its_minus_sign(tmp_path, minus, wording, reported):
    lang = "en" if minus.isascii() else "zh"
    title = "Chenghai Energy results" if lang == "en" else "澄川能源季报"
    write_article(tmp_path, "a.md", title, "2025-10-20", minus, lang=lang)
    write_article(tmp_path, "b.md", title, "2025-10-21", wording, lang=lang)
    findings = analyse([tmp_path]).findings
    assert bool([f for f in findings if f.rule == "XD001"]) == reported
    assert not [f for f in findings if f.rule == "XD002" and "-5.5%" in f.message and "5.5%" in f.message]


def test_a_decrease_word_after_a_figure_is_the_next_figures():
    # 由10%降至5.5%: 降 opens the change to the next figure, a level; a "down payment" is no fall.
    from reconcile.checks.changes import written_as_decrease
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        write_article(Path(d), "a.md", "澄川能源", "2025-10-20", "澄川能源营收增速由10%降至5.5%，毛利率同比下降2.1%。")
        write_article(Path(d), "b.md", "Chenghai", "2025-10-20",
                      "Chenghai Energy asked for a 5% down payment; margins slid from 9% down to 6%, a 3% decrease.",
                      lang="en")
        falls = {m.fig.text: written_as_decrease(m) for m in analyse([Path(d)]).mentions}
    assert falls == {"10%": False, "5.5%": False, "2.1%": True, "5%": False, "9%": False, "6%": False, "3%": True}


@pytest.mark.parametrize("lang, title, first, second, text, units, reported", [
    # 迪拉姆 is the UAE's dirham or Morocco's: one article's conversion shows it is Morocco's, the
    # other's gives no sign. Both wrote the same word and number: the reading differs, not the copy.
    (None, "澄湾电池在摩洛哥建厂", "澄湾电池将斥资128亿迪拉姆（约合13.8亿美元）在摩洛哥建设电池工厂。",
     "澄湾电池将斥资128亿迪拉姆在摩洛哥建设电池工厂。", "128亿迪拉姆", {"MAD", "AED"}, False),
    # A bare $ that each article's own gloss settles another way (Australian, US) is a disagreement
    # the copy itself makes: reported.
    ("en", "Orvane to invest in data centres",
     "Orvane Cloud will invest $20 billion (US$13 billion) in data centres over five years.",
     "Orvane Cloud will invest $20 billion (HK$156 billion) in data centres over five years.",
     "$20 billion", {"AUD", "USD"}, True),
])
def test_one_currency_word_read_as_two_currencies(tmp_path, lang, title, first, second, text, units, reported):
    write_article(tmp_path, "a.md", title, "2025-06-02", first, lang=lang)
    write_article(tmp_path, "b.md", title, "2025-06-03", second, lang=lang)
    report = analyse([tmp_path])
    assert {m.fig.unit for m in report.mentions if m.fig.text == text} == units
    assert bool([f for f in report.findings if f.rule == "XD001"]) is reported


@pytest.mark.parametrize("summary, quiet", [
    ("$512,437", True),       # the statement's figure, in thousands: one value
    ("$512,437,000", True),   # in full
    ("$512.437", False),      # no statement writes thousands so: the magnitude word lost
])
def test_a_filing_summary_copies_figures_in_thousands(tmp_path, summary, quiet):
    # A summary of a quarterly filing copies the statement's numbers without the header that puts
    # them in thousands of dollars; another article writes the same net income in millions.
    write_article(tmp_path, "a.md", "Quarter", "2025-12-11",
                  "Northwind Apparel said net income for the third quarter was $512.4 million.", lang="en")
    write_article(tmp_path, "b.md", "Quarter", "2025-12-11",
                  "Northwind Apparel reported net income of $512.4 million for the third quarter.", lang="en")
    write_article(tmp_path, "c.md", "Filing summary", "2025-12-12",
                  f"Net income for the third quarter of Northwind Apparel was {summary}, primarily due to higher sales.",
                  lang="en")
    report = analyse([tmp_path])
    conflicts = [f for f in report.findings if f.rule == "XD001"]
    assert (conflicts == []) is quiet, [f.message for f in conflicts]


def test_a_round_amount_written_in_full_is_still_a_magnitude_slip(tmp_path):
    # $1,200,000 against $1.2 billion is no statement's figure in thousands: a million for a billion
    for name in ("a.md", "b.md"):
        write_article(tmp_path, name, "Fine", "2025-06-02", "The regulator fined Northwind Bank $1.2 billion.", lang="en")
    write_article(tmp_path, "c.md", "Fine", "2025-06-03", "The regulator fined Northwind Bank $1,200,000.", lang="en")
    report = analyse([tmp_path])
    assert [f.cause for f in report.findings if f.rule == "XD001"] == ["magnitude"]


def test_the_agreement_of_a_figure_in_thousands_says_so(tmp_path):
    write_article(tmp_path, "a.md", "Quarter", "2025-12-11", "Northwind Apparel reported net income of $512.4 million.", lang="en")
    write_article(tmp_path, "b.md", "Summary", "2025-12-12", "Net income of Northwind Apparel was $512,437.", lang="en")
    (finding,) = [f for f in analyse([tmp_path]).findings if f.rule == "XD002"]
    assert "$512,437 is in thousands" in finding.message


@pytest.mark.parametrize("theirs, yuan, reported", [
    ("NT$15.84", "15.84 yuan", False),   # Taiwan's dollar is its 元, which English copy from there writes "yuan"
    ("NT$15.84", "15.84 Yuan", False),   # in any case
    ("HK$15.84", "15.84 yuan", True),    # never a Hong Kong dollar's: "yuan" for it is a slip
])
def test_yuan_in_english_may_be_taiwans_dollar(tmp_path, theirs, yuan, reported):
    for name, amount in (("a.md", theirs), ("b.md", theirs), ("c.md", yuan)):
        write_article(tmp_path, name, "Results", "2025-10-30",
                      f"Lanyu Semiconductor posted third-quarter 2025 earnings per share of {amount}.", lang="en")
    findings = [f for f in analyse([tmp_path]).findings if f.rule == "XD001"]
    assert bool(findings) is reported


@pytest.mark.parametrize("other, cause", [
    ("€4.683 billion", "currency"),    # the dollars' amount, its digits rounded, under the euro's sign
    ("€4.68 billion", "currency"),
    ("€4.3 billion", None),            # a conversion at about the day's rate: one value
    ("€4.7 billion", None),            # two digits coincide with a conversion too often to call
])
def test_one_amount_rounded_in_another_currency_is_a_currency_slip(tmp_path, other, cause):
    for name in ("a.md", "b.md"):
        write_article(tmp_path, name, "Results", "2025-10-30",
                      "Northwind Cloud said its quarterly revenue rose to $4.6825 billion.", lang="en")
    write_article(tmp_path, "c.md", "Results", "2025-10-30",
                  f"Northwind Cloud said its quarterly revenue rose to {other}.", lang="en")
    report = analyse([tmp_path])
    got = [(f.cause, f.severity) for f in report.findings if f.rule == "XD001" and f.severity in ("error", "warning")]
    # (a warning, not an error: only the same number exactly is a slip the checker is sure of)
    assert got == ([(cause, "warning")] if cause else []), [f.message for f in report.findings]


def test_a_conversion_beside_its_amount_may_keep_its_digits_near_par(tmp_path):
    # In 2022 the euro stood near the dollar: a conversion in brackets kept the digits, rounded.
    write_article(tmp_path, "a.md", "Results", "2022-10-27",
                  "Nordwerk AG said third-quarter revenue rose to €1.235 billion (US$1.24 billion).", lang="en")
    write_article(tmp_path, "b.md", "Results", "2022-10-27",
                  "Nordwerk AG said its third-quarter revenue rose to €1.235 billion.", lang="en")
    report = analyse([tmp_path])
    assert [f.message for f in report.findings if f.severity in ("error", "warning")] == []


def test_a_magnitude_slip_is_named_against_the_figure_it_copied(tmp_path):
    # The group's most precise figure (HK$6,402.9 million) is 10,000 times the slip's 64万港元, too far
    # apart for one fact; the slip copies the digits another article writes (64亿港元).
    write_article(tmp_path, "a.md", "Results", "2025-11-13",
                  "Lanting Securities said third-quarter revenue was HK$6,402.9 million.", lang="en")
    write_article(tmp_path, "b.md", "业绩", "2025-11-13", "蓝亭证券第三季度总收入达到64亿港元。")
    write_article(tmp_path, "c.md", "业绩", "2025-11-14", "蓝亭证券第三季度总收入达到64万港元，同比增长。")
    report = analyse([tmp_path])
    [f] = [f for f in report.findings if f.rule == "XD001"]
    assert (f.severity, f.cause) == ("error", "magnitude")
    assert [m.fig.text for m in f.mentions] == ["64万港元", "64亿港元"]

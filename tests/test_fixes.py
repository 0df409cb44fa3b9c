"""Fixes on findings (reconcile/fixes.py): written in the document's own language, script and
style; safe for a lost decimal point, unsafe for a value changed to agree with the other sources;
in the JSON contract (additive `fix`), in SARIF `fixes` and as suggestions in Markdown.

The articles here are made up for these tests (a reference in simplified Chinese, drafts in
English, simplified and traditional Chinese)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from reconcile.engine import analyse
from reconcile.report.formats import write

REFERENCE = """---
title: 微软扩建数据中心
date: 2025-10-01
lang: zh
---
微软表示，未来5年将投入约2.5万亿美元建设数据中心。
微软称，其新园区的电力需求为12至18吉瓦。
微软今年的资本支出为870亿美元。
"""

ENGLISH = """---
title: Microsoft expands its data centres
date: 2025-10-03
lang: en
---
Microsoft says it will invest about $2.5 billion in data centres over the next five years.
Microsoft's capital expenditure this year is $78 billion.
"""

SIMPLIFIED = """---
title: 微软扩建数据中心
date: 2025-10-03
lang: zh
---
微软表示，未来5年将投入约2.5亿美元建设数据中心。
微软今年的资本支出为８７０亿英镑。
"""

TRADITIONAL = """---
title: 微軟擴建數據中心
date: 2025-10-03
lang: zh
---
微軟表示，未來5年將投入約2.5億美元建設數據中心。
微軟稱，其新園區的電力需求為12至18兆瓦。
微軟今年的資本支出為870億英鎊。
"""


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("archive")
    (folder / "ref.md").write_text(REFERENCE, encoding="utf-8")
    return folder


def _fixes(tmp_path: Path, reference: Path, text: str, name: str = "draft.md") -> dict[str, tuple[str, str]]:
    """{figure as written: (applicability, replacement)} of the draft's findings."""
    draft = tmp_path / name
    draft.write_text(text, encoding="utf-8")
    report = analyse([draft], against=[reference])
    out = {}
    for f in report.findings:
        if f.fix is not None:
            (edit,) = f.fix.edits
            out[edit.original] = (f.fix.applicability, edit.replacement)
    return out


def test_english_keeps_its_qualifier_sign_and_words(tmp_path, reference):
    fixes = _fixes(tmp_path, reference, ENGLISH)
    assert fixes["about $2.5 billion"] == ("unsafe", "about $2.5 trillion")
    assert fixes["$78 billion"] == ("unsafe", "$87 billion")  # transposed digits


def test_simplified_chinese_gets_wan_yi_and_keeps_full_width_digits(tmp_path, reference):
    fixes = _fixes(tmp_path, reference, SIMPLIFIED)
    assert fixes["约2.5亿美元"] == ("unsafe", "约2.5万亿美元")
    assert fixes["８７０亿英镑"] == ("unsafe", "８７０亿美元")  # the currency, the digits as written


def test_traditional_chinese_gets_zhao_and_traditional_words(tmp_path, reference):
    fixes = _fixes(tmp_path, reference, TRADITIONAL)
    assert fixes["約2.5億美元"] == ("unsafe", "約2.5兆美元")
    assert fixes["12至18兆瓦"] == ("unsafe", "12至18吉瓦")  # the unit word, numbers kept
    assert fixes["870億英鎊"] == ("unsafe", "870億美元")


def test_the_example_draft_gets_the_briefs_corrections():
    root = Path(__file__).resolve().parent.parent
    report = analyse([root / "examples" / "draft-en.md"], against=[root / "seeds"])
    got = {f.fix.edits[0].original: f.fix.edits[0].replacement for f in report.findings if f.fix}
    assert got == {"about $1.4 billion": "about $1.4 trillion", "between 13 and 44 MW": "between 13 and 44 GW"}


def test_lost_decimal_point_is_a_safe_fix(tmp_path):
    doc = tmp_path / "call.md"
    doc.write_text("---\ntitle: 电话会\ndate: 2025-10-02\n---\n甲公司的杠杆率由6倍降至4 2倍，"
                   "乙公司的杠杆率为３ ６倍。\n", encoding="utf-8")
    report = analyse([doc])
    fixes = {f.fix.edits[0].original: (f.fix.applicability, f.fix.edits[0].replacement)
             for f in report.findings if f.rule == "IN005"}
    assert fixes == {"4 2倍": ("safe", "4.2倍"), "３ ６倍": ("safe", "３．６倍")}
    for f in report.findings:
        e = f.fix.edits[0]
        line = doc.read_text(encoding="utf-8").split("\n")[e.line - 1]
        assert line[e.column - 1:e.end_column - 1] == e.original


def test_a_suppressed_finding_has_no_fix(tmp_path, reference):
    text = ENGLISH.replace("about $2.5 billion", "about $2.5 billion <!-- reconcile-ignore XD001: checked -->")
    draft = tmp_path / "draft.md"
    draft.write_text(text, encoding="utf-8")
    report = analyse([draft], against=[reference])
    suppressed = [f for f in report.findings if f.severity == "info" and f.rule == "XD001"]
    assert suppressed and all(f.fix is None for f in suppressed)


@pytest.fixture()
def english_report(tmp_path, reference):
    draft = tmp_path / "draft.md"
    draft.write_text(ENGLISH, encoding="utf-8")
    return analyse([draft], against=[reference])


def _render(report, fmt: str) -> str:
    out = io.StringIO()
    write(report, fmt, out)
    return out.getvalue()


def test_json_carries_the_additive_fix_field(english_report):
    out = json.loads(_render(english_report, "json"))
    with_fix = [f for f in out["findings"] if "fix" in f]
    assert with_fix
    for f in out["findings"]:
        assert set(f) - {"fix"} == {"id", "rule", "severity", "message", "figures", "suggestion"}
    for f in with_fix:
        assert f["fix"]["applicability"] in ("safe", "unsafe")
        for e in f["fix"]["edits"]:
            assert set(e) == {"path", "line", "column", "end_column", "replacement"}
            figure = next(x for x in out["figures"] if x["id"] == f["figures"][0])
            assert (e["path"], e["line"], e["column"], e["end_column"]) == \
                (figure["path"], figure["line"], figure["column"], figure["end_column"])


def test_sarif_fixes_are_valid_and_located(english_report):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
    log = json.loads(_render(english_report, "sarif"))
    cls = jsonschema.validators.validator_for(schema)
    cls(schema).validate(log)
    results = [r for r in log["runs"][0]["results"] if "fixes" in r]
    assert results
    for r in results:
        (fix,) = r["fixes"]
        assert fix["properties"]["applicability"] == "unsafe"
        (change,) = fix["artifactChanges"]
        (rep,) = change["replacements"]
        region = r["locations"][0]["physicalLocation"]["region"]
        assert change["artifactLocation"]["uri"] == r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert (rep["deletedRegion"]["startLine"], rep["deletedRegion"]["startColumn"],
                rep["deletedRegion"]["endColumn"]) == (region["startLine"], region["startColumn"], region["endColumn"])
    assert any(r["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"]
               == "about $2.5 trillion" for r in results)


def test_markdown_shows_the_fix_and_a_suggestion_block(english_report):
    text = _render(english_report, "markdown")
    assert "**Fix (unsafe):** `about $2.5 billion` → `about $2.5 trillion`" in text
    assert "#### Suggested changes" in text
    assert ("```suggestion\nMicrosoft says it will invest about $2.5 trillion in data centres over the next "
            "five years.\n```") in text


def test_html_shows_the_fix_escaped(english_report):
    text = _render(english_report, "html")
    assert "<code>about $2.5 billion</code> → <code>about $2.5 trillion</code>" in text


def test_a_fix_is_re_read_as_the_whole_window_reads_it():
    """_reread reads only up to the new figure's end, and the whole window where the figures
    around may set its currency: what it finds is what reading the whole window finds."""
    from reconcile import fixes
    from reconcile.extraction.figures import extract_text
    from reconcile.extraction.normalize import normalize

    report = analyse([Path(__file__).parent.parent / "seeds"])
    probes = [(m, m.record["text"]) for m in report.mentions] + \
        [(f.mentions[0], f.fix.edits[0].replacement) for f in report.findings if f.fix and f.mentions]
    assert len(probes) > 100
    for m, replacement in probes:
        text, fig = m.doc.text, m.fig
        start = max(text.rfind("\n", 0, fig.start) + 1, fixes._cut(text, fig.start - fixes._WINDOW, fig.start))
        end = text.find("\n", fig.end)
        end = min(len(text) if end < 0 else end, fixes._cut(text, fig.end + fixes._WINDOW, len(text)))
        new = normalize(replacement)
        at = fig.start - start
        whole = [f for f in extract_text(text[start:fig.start] + new + text[fig.end:end], normalized=True)
                 if f.start == at and f.end == at + len(new)]
        assert repr(fixes._reread(m, replacement)) == repr(whole[0] if whole else None)


def test_the_word_scanner_finds_what_the_walk_finds():
    """The Aho-Corasick scan chooses the hits the per-position walk chooses."""
    from reconcile.extraction.attribution import vocabulary
    from reconcile.extraction.words import WordScanner, _key

    report = analyse([Path(__file__).parent.parent / "seeds"])
    texts = [d.text for d in report.documents] + ["Apple apples APPLE US us 微软和微软公司 AppleInc", ""]
    scanners = [vocabulary().entity_scanner, vocabulary().metric_scanner, vocabulary().scope_scanner,
                WordScanner({"us": "US", "apple": "AAPL", "微软": "MSFT", "微软公司": "MSFT2"}, {"US"})]
    for scanner in scanners:
        for text in texts:
            assert scanner.scan(text) == scanner._walk(text, _key(text))


def test_a_yen_amount_settled_by_its_company_gets_its_fix(tmp_path):
    # ¥ in an English article on Sony is the yen (attribution, from the company): the fix re-reads
    # "¥1.3 trillion" as yen too, and is offered.
    ref = tmp_path / "ref"
    ref.mkdir()
    for name in ("a.md", "b.md"):
        (ref / name).write_text("---\ntitle: Sony results\ndate: 2025-11-11\nlang: en\n---\n\n"
                                "Sony raised its full-year operating profit forecast to ¥13 trillion on Tuesday.\n",
                                encoding="utf-8")
    fixes = _fixes(tmp_path, ref, "---\ntitle: Sony results\ndate: 2025-11-11\nlang: en\n---\n\n"
                   "Sony raised its full-year operating profit forecast to ¥1.3 trillion on Tuesday.\n")
    assert fixes == {"¥1.3 trillion": ("unsafe", "¥13 trillion")}


def test_memoised_number_formatting_writes_what_babel_writes():
    """_decimal and _compact are memoised on their number: a repeated call, an int beside its float
    and a zero of either sign each get what the unmemoised function writes."""
    from reconcile import fixes

    en, zh = fixes._Style("en_US", False, False), fixes._Style("zh_Hant_TW", True, True)
    for v in (1.4e12, 35000.0, 35000, 0.0, -0.0, -2.5, 0.1 + 0.2, float("inf")):
        for _ in range(2):
            for style in (en, zh):
                for grouped in (True, False):
                    assert fixes._decimal(v, grouped, style) == fixes._decimal.__wrapped__(v, grouped, style)
                assert fixes._compact(v, style.locale) == fixes._compact.__wrapped__(v, style.locale)

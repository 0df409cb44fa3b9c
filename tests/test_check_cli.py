"""`reconcile check` end to end: English copy checked against the Chinese seed, --against,
exit codes, the JSON contract, and output that does not depend on the order of the inputs."""
from __future__ import annotations

import json

import pytest

from reconcile.cli import main
from reconcile.data.loader import data_dir
from reconcile.engine import analyse

SEED = data_dir("seeds") / "ai-infrastructure-2025-11.txt"

# English copy on the seed's facts, written for these tests.
ENGLISH = """AI giants pour money into infrastructure
Newswire· 2025-11-17 09:00
OpenAI plans to spend about $1.4 trillion over eight years on new and expanded data centers.
Google raised its 2025 capital expenditure to $91 billion to $93 billion.
Meta expects 2025 capital expenditure of $70 billion to $72 billion.
Morgan Stanley warns of a power shortfall of between 13 and 44 GW by 2028.
Anthropic serves more than 300,000 business customers.
OpenAI's net loss reached $13.5 billion in the first half of 2025.
"""


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "corpus").mkdir()
    seed = tmp_path / "corpus" / SEED.name
    seed.write_bytes(SEED.read_bytes())
    return tmp_path / "corpus"


def _group_of(report, text):
    for g in report.groups:
        if g.linked and any(m.fig.text == text for m in g.mentions):
            return g
    return None


def test_english_copy_links_to_the_chinese_mentions(tmp_path, corpus):
    draft = write(tmp_path, "draft.txt", ENGLISH)
    report = analyse([draft, corpus])
    expected = {"about $1.4 trillion": "openai/investment/money/next:8y",
                "$91 billion to $93 billion": "google/capex/money/2025",
                "$70 billion to $72 billion": "meta/capex/money/2025",
                "between 13 and 44 GW": "morgan_stanley/power_gap/W/2028",
                "$13.5 billion": "openai/net_loss/money/2025H1"}
    for text, group in expected.items():
        g = _group_of(report, text)
        assert g is not None and g.id == group, (text, g and g.id)
        assert g.status == "agree"
    # A count with no period beside it, in a clause in another language: the company, the metric
    # and the publication week are enough (the wording of two languages is not held against it).
    g = _group_of(report, "more than 300,000 business customers")
    assert g is not None and g.key[:3] == ("anthropic", "customers", "count") and g.status == "agree"
    assert not [f for f in report.findings if f.severity == "error" and f.rule != "IN005"]


@pytest.mark.parametrize("wrong, cause", [
    ("about $1.4 billion over eight years", "magnitude"),
    ("about £1.4 trillion over eight years", "currency"),
    ("$19 billion to $93 billion", "range_bound"),
    ("between 13 and 44 MW", "unit_scale"),
])
def test_an_error_in_the_english_draft_is_caught_against_the_corpus(tmp_path, corpus, wrong, cause):
    right = {"magnitude": "about $1.4 trillion over eight years", "currency": "about $1.4 trillion over eight years",
             "range_bound": "$91 billion to $93 billion", "unit_scale": "between 13 and 44 GW"}[cause]
    draft = write(tmp_path, "draft.txt", ENGLISH.replace(right, wrong))
    report = analyse([draft], against=corpus)
    errors = [f for f in report.findings if f.rule == "XD001"]
    assert errors, report.findings
    assert all(f.figures[0].startswith(draft.as_posix()) for f in errors)  # the draft's figure is the suspect
    assert any(f.cause == cause for f in errors), [(f.cause, f.message) for f in errors]


def test_against_reports_only_findings_that_touch_the_draft(tmp_path, corpus):
    draft = write(tmp_path, "draft.txt", ENGLISH)
    report = analyse([draft], against=corpus)
    assert report.findings == []  # the corpus's own lost decimals are not the draft's business


def test_exit_codes_and_fail_on(tmp_path, corpus, capsys):
    good = write(tmp_path, "good.txt", ENGLISH)
    bad = write(tmp_path, "bad.txt", ENGLISH.replace("$1.4 trillion", "$1.4 billion"))
    assert main(["check", str(good), "--against", str(corpus), "--format", "json"]) == 0
    assert main(["check", str(bad), "--against", str(corpus), "--format", "json"]) == 1
    assert main(["check", str(bad), "--against", str(corpus), "--fail-on", "never", "--format", "json"]) == 0
    assert main(["check", str(corpus), "--format", "json"]) == 1  # the seed's lost decimals are errors
    assert main(["check", str(tmp_path / "missing.txt")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "missing.txt" in err[0]


def test_json_follows_the_contract(tmp_path, corpus, capsys):
    draft = write(tmp_path, "draft.txt", ENGLISH.replace("$1.4 trillion", "$1.4 billion"))
    main(["check", str(draft), str(corpus), "--format", "json"])
    out = json.loads(capsys.readouterr().out)
    # The contract's keys, and one additive key: the figures that could not be attributed, with why.
    assert set(out) == {"version", "documents", "figures", "groups", "findings", "unattributed"}
    assert out["version"] == 1
    ids = {f["id"] for f in out["figures"]}
    assert out["unattributed"] and all(u["figure"] in ids and u["why"] for u in out["unattributed"])
    assert all(set(d) == {"id", "path", "title", "source", "date"} for d in out["documents"])
    fields = {"id", "doc", "path", "line", "column", "end_column", "text", "value", "low", "high", "unit",
              "qualifier", "entity", "metric", "period"}
    assert all(set(f) == fields for f in out["figures"])
    ids = {f["id"] for f in out["figures"]}
    for g in out["groups"]:
        assert set(g) == {"id", "key", "figures", "status"} and g["status"] in ("agree", "conflict")
        assert set(g["figures"]) <= ids
    for f in out["findings"]:
        assert set(f) - {"fix"} == {"id", "rule", "severity", "message", "figures", "suggestion"}  # fix: additive
        assert f["severity"] in ("error", "warning", "info") and set(f["figures"]) <= ids
    # line and column point at the figure's text in the original file
    lines = {p: open(p, encoding="utf-8").read().split("\n") for p in {f["path"] for f in out["figures"]}}
    for f in out["figures"]:
        assert lines[f["path"]][f["line"] - 1][f["column"] - 1:f["end_column"] - 1] == f["text"]
    assert any(f["rule"] == "XD001" for f in out["findings"])


def test_output_does_not_depend_on_input_order(tmp_path, corpus, capsys):
    a = write(tmp_path, "a.txt", ENGLISH)
    b = write(tmp_path, "b.txt", ENGLISH.replace("$1.4 trillion", "$1.4 billion"))
    main(["check", str(a), str(b), str(corpus), "--format", "json"])
    first = capsys.readouterr().out
    main(["check", str(corpus), str(b), str(a), "--format", "json"])
    assert capsys.readouterr().out == first


def test_rules_lists_every_rule(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    ids = [line.split()[0] for line in out]
    assert ids == sorted(ids) and {"XD001", "XD002", "XD003", "IN001", "IN002", "IN003", "IN004", "IN005"} <= set(ids)


def test_undated_mentions_that_tie_do_not_crash_linking(tmp_path, capsys):
    """Regression: two undated mentions scoring alike against a dated group and none."""
    for name, body in (("a", "Datadog在公布2025年第三季度财报后股价大跌逾30%,反映出投资者的恐慌。"),
                       ("b", "Datadog股价涨超18% 公司业绩表现强劲"), ("c", "中概股多数上涨 Datadog涨超2%")):
        write(tmp_path, f"{name}.txt", f"{name.upper()}\n2025-11-07 10:00\n{body}\n")
    assert main(["check", str(tmp_path), "--format", "json"]) in (0, 1)
    assert json.loads(capsys.readouterr().out)["version"] == 1


def test_output_dash_is_standard_output(corpus, tmp_path, capsys, monkeypatch):
    # "--output -" is standard output, as in most tools: no file named "-" is written.
    monkeypatch.chdir(tmp_path)
    main(["check", str(corpus), "--format", "json", "--fail-on", "never", "--output", "-"])
    assert json.loads(capsys.readouterr().out)["version"] == 1
    assert not (tmp_path / "-").exists()

"""The newsroom workflow: baselines that survive unrelated edits, inline suppressions with their
reason, project configuration, and parallel extraction giving the same answer."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from reconcile.cli import main
from reconcile.data.loader import data_dir

SEED = data_dir("seeds") / "ai-infrastructure-2025-11.txt"
DRAFT = Path(__file__).resolve().parent.parent / "examples" / "draft-en.md"

ENGLISH = """---
title: AI giants pour money into infrastructure
date: 2025-11-17
---
OpenAI plans to spend about $1.4 trillion over eight years on new and expanded data centers.
Google raised its 2025 capital expenditure to $91 billion to $93 billion.
Morgan Stanley warns of a power shortfall of between 13 and 44 GW by 2028.
"""


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


def run(capsys, *argv) -> tuple[int, dict | str]:
    code = main(list(map(str, argv)))
    out = capsys.readouterr().out
    try:
        return code, json.loads(out)
    except ValueError:
        return code, out


def test_a_baselined_finding_stays_hidden_after_unrelated_edits_and_a_new_one_fails(tmp_path, corpus, capsys):
    base = tmp_path / "baseline.json"
    assert main(["baseline", str(corpus), "--output", str(base)]) == 0
    recorded = json.loads(base.read_text(encoding="utf-8"))["findings"]
    assert sum(e["count"] for e in recorded) == 9  # the seed's lost decimals
    code, report = run(capsys, "check", corpus, "--baseline", base, "--format", "json")
    assert code == 0 and report["findings"] == []
    # an unrelated edit above every finding: a new first line moves them all down
    seed = corpus / SEED.name
    seed.write_text("编者按:本文件汇总十篇报道。\n" + seed.read_text(encoding="utf-8"), encoding="utf-8")
    code, report = run(capsys, "check", corpus, "--baseline", base, "--format", "json")
    assert code == 0 and report["findings"] == []
    # a new error still fails CI, and is the only finding shown
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("预计到2028年将录得740亿美元", "预计到2028年将录得740万亿美元", 1), encoding="utf-8")
    code, report = run(capsys, "check", corpus, "--baseline", base, "--format", "json")
    assert code == 1
    assert [f["rule"] for f in report["findings"]] == ["XD001"]
    assert "740" in report["findings"][0]["message"]


def test_inline_suppression_carries_its_reason(tmp_path, corpus, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text(ENGLISH.replace(
        "OpenAI plans to spend about $1.4 trillion",
        "<!-- reconcile-ignore XD001: the desk confirmed the new figure with OpenAI -->\n"
        "OpenAI plans to spend about $1.4 billion"), encoding="utf-8")
    code, report = run(capsys, "check", draft, "--against", corpus, "--format", "json")
    assert code == 0
    (finding,) = [f for f in report["findings"] if f["rule"] == "XD001"]
    assert finding["severity"] == "info"
    assert "the desk confirmed the new figure with OpenAI" in finding["suggestion"]
    # the comment's own words are not figures
    assert not any("XD001" in f["text"] for f in report["figures"])


def test_a_suppression_for_another_rule_does_not_hide(tmp_path, corpus, capsys):
    draft = tmp_path / "draft.md"
    draft.write_text(ENGLISH.replace("OpenAI plans to spend about $1.4 trillion",
                                     "<!-- reconcile-ignore IN001: headline -->\nOpenAI plans to spend about $1.4 billion"),
                     encoding="utf-8")
    code, _ = run(capsys, "check", draft, "--against", corpus, "--format", "json")
    assert code == 1


def test_configuration_lets_ci_run_check_with_no_flags(tmp_path, corpus, capsys, monkeypatch):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    (drafts / "draft.md").write_text(ENGLISH.replace("$1.4 trillion", "$1.4 billion"), encoding="utf-8")
    (tmp_path / "reconcile.toml").write_text(
        'paths = ["drafts"]\ncorpus = ["corpus"]\nfail-on = "error"\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    monkeypatch.chdir(sub)  # found from a folder below, as in a repository
    code, report = run(capsys, "check", "--format", "json")
    assert code == 1 and [f["rule"] for f in report["findings"]] == ["XD001"]
    assert report["documents"][0]["path"].endswith("drafts/draft.md")
    (tmp_path / "reconcile.toml").write_text(
        'paths = ["drafts"]\ncorpus = ["corpus"]\nfail-on = "never"\n', encoding="utf-8")
    assert run(capsys, "check")[0] == 0


def test_configuration_in_pyproject_and_packs(tmp_path, corpus, capsys, monkeypatch):
    (tmp_path / "house").mkdir()
    (tmp_path / "house" / "rules.toml").write_text('[IN005]\nenabled = false\n', encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.reconcile]\ncorpus = "corpus"\npacks = ["house"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    code, report = run(capsys, "check", "--format", "json")
    assert code == 0 and not [f for f in report["findings"] if f["rule"] == "IN005"]


@pytest.mark.parametrize("content, key", [
    ('fail-on = "sometimes"\n', "fail-on"),
    ('jobs = 0\n', "jobs"),
    ('locale = "xx_YY"\n', "locale"),
    ('colour = true\n', "colour"),
    ('corpus = 3\n', "corpus"),
    ('plausibility = "yes"\n', "plausibility"),
])
def test_a_bad_configuration_gets_one_line_naming_file_and_key(tmp_path, capsys, monkeypatch, content, key):
    (tmp_path / "reconcile.toml").write_text(content, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["check"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "reconcile.toml" in err[0] and key in err[0]


def test_jobs_give_the_same_report(tmp_path, corpus, capsys):
    for i in range(3):  # several files, so that the work is really split
        (corpus / f"copy{i}.md").write_text(ENGLISH.replace("13 and 44", f"13 and {44 + i}"), encoding="utf-8")
    _, one = run(capsys, "check", corpus, "--format", "json", "--jobs", "1")
    _, two = run(capsys, "check", corpus, "--format", "json", "--jobs", "2")
    assert one == two and one["findings"]


def test_output_file_and_nothing_else_written(tmp_path, corpus, capsys):
    before = {p: p.read_bytes() for p in corpus.iterdir()}
    out = tmp_path / "report.json"
    assert main(["check", str(corpus), "--format", "json", "--output", str(out)]) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == 1
    assert {p: p.read_bytes() for p in corpus.iterdir()} == before
    assert not any(name.startswith(".") for name in os.listdir(corpus))


def test_index_then_check_a_draft_against_the_ledger(tmp_path, corpus, capsys):
    db = tmp_path / "ledger.sqlite"
    assert main(["index", str(corpus), "--db", str(db)]) == 0
    assert "read 1 files" in capsys.readouterr().err
    assert main(["index", str(corpus), "--db", str(db)]) == 0
    assert "read 0 files, 1 unchanged" in capsys.readouterr().err  # nothing re-read
    code, via_ledger = run(capsys, "check", DRAFT, "--against", db, "--format", "json")
    code2, via_folder = run(capsys, "check", DRAFT, "--against", corpus, "--format", "json")
    assert code == code2 == 1
    assert sorted((f["rule"], f["figures"][0]) for f in via_ledger["findings"]) == \
        sorted((f["rule"], f["figures"][0]) for f in via_folder["findings"])


def test_plausibility_in_the_configuration_turns_pl001_on(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["rules"]) == 0
    assert "PL001" in (line := next(x for x in capsys.readouterr().out.splitlines() if x.startswith("PL001"))) \
        and line.endswith("(off)")
    (tmp_path / "reconcile.toml").write_text("plausibility = true\n", encoding="utf-8")
    assert main(["rules"]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("PL001"))
    assert not line.endswith("(off)")

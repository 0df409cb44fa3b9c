"""`reconcile fix PATH… [--against …] [--unsafe] [--diff]`: applies the findings' fixes atomically,
never touches a file without a fix (nor the reference), prints a unified diff with --diff (and
then writes nothing), keeps a file's encoding, byte-order mark and line endings, and a second run
changes nothing. Exit codes as `check`, on the findings left."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from clitools import CLEAN, LOST_DECIMALS, cli

REFERENCE = """---
title: 南岭能源扩建储能电站
date: 2025-09-01
lang: zh
---
南岭能源（Nanling Energy）表示，未来3年将投入约6.8亿美元扩建储能电站。
"""
DRAFT = """---
title: Nanling Energy expands storage
date: 2025-09-04
lang: en
---
Nanling Energy says it will invest about $6.8 million over the next three years to expand its storage plants.
"""


@pytest.fixture()
def desk(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "ref.md").write_text(REFERENCE, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "storage.md").write_text(DRAFT, encoding="utf-8")
    (tmp_path / "drafts" / "clean.md").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "drafts" / "leverage.md").write_text(LOST_DECIMALS, encoding="utf-8")
    return tmp_path


def _stamps(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in folder.rglob("*") if p.is_file()}


def test_diff_shows_the_changes_and_writes_nothing(desk, capsys):
    run = cli(capsys, "fix", "drafts", "--against", "archive", "--unsafe", "--diff", root=desk)
    assert run.code == 1  # the errors are still in the files
    assert "--- a/drafts/leverage.md\n+++ b/drafts/leverage.md\n" in run.out
    assert "-公司杠杆率为5 5倍,一年前为4 5倍。\n+公司杠杆率为5.5倍,一年前为4.5倍。\n" in run.out
    assert "+Nanling Energy says it will invest about $680 million over" in run.out
    assert "clean.md" not in run.out
    assert run.err == ["reconcile: would fix 3 findings in 2 files; 0 left"]


def test_safe_fixes_only_unless_unsafe(desk, capsys):
    before = _stamps(desk)
    run = cli(capsys, "fix", "drafts", "--against", "archive", root=desk, writes=("drafts/leverage.md",))
    assert run.code == 1, run.err  # the XD001 error is left: its fix is unsafe
    assert run.err == ["reconcile: fixed 2 findings in 1 file; 1 left (1 with an unsafe fix: --unsafe applies it)"]
    assert "公司杠杆率为5.5倍,一年前为4.5倍。" in (desk / "drafts" / "leverage.md").read_text(encoding="utf-8")
    after = _stamps(desk)
    for name in ("storage.md", "clean.md", "ref.md"):  # not even rewritten with the same bytes
        assert after[name] == before[name], name
    assert not [p for p in desk.rglob("*.tmp")]


def test_unsafe_then_a_second_run_changes_nothing(desk, capsys):
    run = cli(capsys, "fix", "drafts", "--against", "archive", "--unsafe", root=desk,
              writes=("drafts/leverage.md", "drafts/storage.md"))
    assert run.code == 0 and run.err == ["reconcile: fixed 3 findings in 2 files; 0 left"], run.err
    assert "about $680 million over the next three years" in (desk / "drafts" / "storage.md").read_text(encoding="utf-8")
    once = _stamps(desk)
    again = cli(capsys, "fix", "drafts", "--against", "archive", "--unsafe", root=desk)
    assert again.code == 0 and again.err == ["reconcile: fixed 0 findings in 0 files; 0 left"]
    assert _stamps(desk) == once
    assert cli(capsys, "check", "drafts", "--against", "archive").code == 0


@pytest.mark.parametrize("encoding, bom", [("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("utf-16-le", b"\xff\xfe"),
                                           ("utf-16-be", b"\xfe\xff")])
def test_the_file_keeps_its_encoding_and_line_endings(tmp_path, monkeypatch, capsys, encoding, bom):
    monkeypatch.chdir(tmp_path)
    doc = tmp_path / "call.txt"
    text = LOST_DECIMALS.replace("\n", "\r\n")
    doc.write_bytes(bom + text.encode(encoding))
    mode = 0o640
    os.chmod(doc, mode)
    run = cli(capsys, "fix", "call.txt")
    assert run.code == 0, run.err
    data = doc.read_bytes()
    assert data.startswith(bom)
    assert data[len(bom):].decode(encoding) == text.replace("5 5倍", "5.5倍").replace("4 5倍", "4.5倍")
    assert os.stat(doc).st_mode & 0o777 == mode


def test_a_file_changed_meanwhile_is_not_overwritten(desk, capsys, monkeypatch):
    from reconcile import fixes

    real = fixes.plan

    def plan_then_edit(*a, **k):
        out = real(*a, **k)
        (desk / "drafts" / "leverage.md").write_text(LOST_DECIMALS + "另一段。\n", encoding="utf-8")
        return out

    monkeypatch.setattr(fixes, "plan", plan_then_edit)
    run = cli(capsys, "fix", "drafts/leverage.md")
    assert run.code == 2 and "changed while it was being checked" in run.err[-1]
    assert (desk / "drafts" / "leverage.md").read_text(encoding="utf-8").endswith("另一段。\n")

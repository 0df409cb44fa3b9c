"""Running the command line in a test as a user would, and the assertions issue 11 asks of every
run: the exit status; on failure exactly one line on stderr, naming the file and the problem, and
no traceback; and no input file changed (every file under the project, byte for byte)."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from reconcile.cli import main

# Copy written for these tests: a lost decimal point on each of two figures of one line (IN005,
# twice), and a clean article.
LOST_DECIMALS = """---
title: 北风云计算上调资本开支
date: 2025-11-17
---
北风云计算将2025年资本开支上调至120亿美元。
公司杠杆率为5 5倍,一年前为4 5倍。
"""
CLEAN = """---
title: Northwind Cloud raises spending
date: 2025-11-17
---
Northwind Cloud raised its 2025 capital expenditure to $12 billion from $10 billion.
"""
BINARY = b"\x00\x01\x02\x03 not text \xff\xfe\x00"


@dataclass
class Run:
    code: int
    out: str
    err: list[str]  # stderr's lines


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under `root` (symlinks as their target's bytes), so that a run can be shown to
    have changed nothing it read."""
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            p = Path(folder, name)
            try:
                out[str(p.relative_to(root))] = p.read_bytes()
            except OSError:
                out[str(p.relative_to(root))] = b"<unreadable>"
    return out


def cli(capsys, *argv, root: Path | None = None, writes: tuple[str, ...] = ()) -> Run:
    """`reconcile ARGV` in this process; with `root`, asserts that no file under it changed except
    the ones in `writes` (paths relative to `root`), and that nothing was left behind."""
    before = snapshot(root) if root else None
    code = main([str(a) for a in argv])
    captured = capsys.readouterr()
    if root is not None:
        after = snapshot(root)
        assert {k: v for k, v in after.items() if k not in writes} == \
            {k: v for k, v in before.items() if k not in writes}, "an input file changed"
    return Run(code, captured.out, captured.err.splitlines())


def one_line(run: Run, *words: str, code: int = 2) -> str:
    """The run failed with `code` and said so in one line naming `words` (the file, the problem)."""
    assert run.code == code, (run.code, run.err)
    assert len(run.err) == 1, run.err
    line = run.err[0]
    assert line.startswith("reconcile: error: ") and "Traceback" not in line and "internal error" not in line, line
    for w in words:
        assert w in line, (w, line)
    return line

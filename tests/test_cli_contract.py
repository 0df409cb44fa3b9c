"""The exit-code contract of every subcommand, with good, bad and unreadable input: 0 nothing at or
above --fail-on, 1 findings at or above it, 2 bad usage, bad input or unreadable input with one
line on stderr naming the file and the problem; never a traceback, and no input file changed.
Then the same contract seen from outside (a real process), and a kill -9 during `index --jobs 2`
that leaves a ledger which opens and holds whole files only."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clitools import BINARY, CLEAN, LOST_DECIMALS, cli, one_line

import reconcile
from reconcile.store.ledger import open_ledger

BAD_FRONT_MATTER = "---\ntitle: [never closed\ndate: 2025-11-17\n---\nRevenue rose 5% to $3 billion.\n"


@pytest.fixture()
def project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _input(project: Path, kind: str) -> str:
    """A document of each kind: good (no finding), findings (two lost decimal points), bad
    (front matter that is not YAML), unreadable (binary), missing."""
    folder = project / "copy"
    folder.mkdir(exist_ok=True)
    name = {"good": "good.md", "findings": "leverage.md", "bad": "bad.md", "unreadable": "scan.txt",
            "missing": "missing.md"}[kind]
    content = {"good": CLEAN.encode(), "findings": LOST_DECIMALS.encode(), "bad": BAD_FRONT_MATTER.encode(),
               "unreadable": BINARY}.get(kind)
    if content is not None:
        (folder / name).write_bytes(content)
    return f"copy/{name}"


# command, input kind -> exit status; the words a failure's line must hold (besides the file)
DOCUMENT_COMMANDS = {
    "extract": {"good": 0, "findings": 0, "bad": 2, "unreadable": 2, "missing": 2},
    "check": {"good": 0, "findings": 1, "bad": 2, "unreadable": 2, "missing": 2},
    "baseline": {"good": 0, "findings": 0, "bad": 2, "unreadable": 2, "missing": 2},
    "index": {"good": 0, "findings": 0, "bad": 2, "unreadable": 2, "missing": 2},
    "fix": {"good": 0, "findings": 0, "bad": 2, "unreadable": 2, "missing": 2},  # both lost decimals fixed
}
PROBLEM = {"bad": "front matter", "unreadable": "not readable as text", "missing": "no such file"}


@pytest.mark.parametrize("command, kind", [(c, k) for c, kinds in DOCUMENT_COMMANDS.items() for k in kinds])
def test_document_commands(project, capsys, command, kind):
    path = _input(project, kind)
    argv = [command, path] + {"index": ["--db", "ledger.sqlite"], "baseline": ["--output", "base.json"]}.get(command, [])
    writes = {"index": ("ledger.sqlite",), "baseline": ("base.json",), "fix": ("leverage.md",)}.get(command, ())
    run = cli(capsys, *argv, root=project / "copy", writes=writes)
    expected = DOCUMENT_COMMANDS[command][kind]
    if expected == 2:
        if command == "index" and kind != "missing":  # the ledger keeps the rest, says which file failed
            errors = [line for line in run.err if line.startswith("reconcile: error: ")]
            assert run.code == 2 and len(errors) == 1 and path in errors[0] and PROBLEM[kind] in errors[0], run.err
            assert not any("Traceback" in line for line in run.err)
        else:
            one_line(run, path, PROBLEM[kind])
    else:
        assert run.code == expected, (run.code, run.err)
        assert not any("error" in line for line in run.err), run.err


CONFIG_COMMANDS = ("rules", "entities")


@pytest.mark.parametrize("command", CONFIG_COMMANDS)
@pytest.mark.parametrize("kind", ["good", "bad", "unreadable"])
def test_data_commands(project, capsys, command, kind):
    """`rules` and `entities` read the configuration and its packs."""
    pack = project / "house"
    pack.mkdir()
    (project / "reconcile.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    data = {"rules": ("rules.toml", "[XD002]\nenabled = false\n", "[XD002]\nenabled = \"no\"\n"),
            "entities": ("entities.toml", '[northwind]\nnames = ["Northwind Cloud"]\n', '[northwind]\nnames = 3\n')}
    name, good, bad = data[command]
    if kind == "unreadable":
        (pack / name).write_bytes(b"\xff\xfe\x00[" + BINARY)
    else:
        (pack / name).write_text(good if kind == "good" else bad, encoding="utf-8")
    run = cli(capsys, command, root=project)
    if kind == "good":
        assert run.code == 0 and run.err == []
        assert ("XD002  info" in run.out and "(off)" in run.out) if command == "rules" else "Northwind Cloud" in run.out
    else:
        one_line(run, f"house/{name}", "not UTF-8" if kind == "unreadable" else "expected")


@pytest.mark.parametrize("command", ["extract", "check", "baseline", "index", "fix", "rules", "entities"])
def test_bad_usage_and_a_bad_configuration(project, capsys, command):
    usage = [["--no-such-flag"]] + ([["--jobs", "0"]] if command in ("check", "baseline", "index", "fix") else [])
    for bad in usage:
        with pytest.raises(SystemExit) as e:  # argparse: usage, then the problem
            cli(capsys, command, *bad)
        assert e.value.code == 2 and "usage: reconcile" in capsys.readouterr().err
    (project / "reconcile.toml").write_text("jobs = 0\n", encoding="utf-8")
    argv = [command, _input(project, "good")] if command in DOCUMENT_COMMANDS else [command]
    one_line(cli(capsys, *argv, root=project), "reconcile.toml", "jobs")


def _env() -> dict:
    """The environment of a child process that imports this very reconcile."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(Path(reconcile.__file__).resolve().parents[1]),
                                         *filter(None, [env.get("PYTHONPATH")])])
    env.pop("RECONCILE_TRACEBACK", None)
    return env


def test_the_exit_status_of_the_process(project):
    """What a shell or CI sees: the process's status and stderr, not main()'s return value."""
    cmd = [sys.executable, "-m", "reconcile.cli"]
    for kind, code in (("good", 0), ("findings", 1), ("unreadable", 2)):
        path = _input(project, kind)
        done = subprocess.run([*cmd, "check", path, "--jobs", "2", "--format", "json"], cwd=project,
                              env=_env(), capture_output=True, text=True, timeout=120, check=False)
        assert done.returncode == code, done.stderr
        if code == 2:
            assert done.stderr.splitlines() == [(f"reconcile: error: {path}: not readable as text "
                                                 "(no encoding fits; is it a binary file?)")]


def test_kill_9_during_a_parallel_index_leaves_whole_files(project):
    corpus = project / "archive"
    corpus.mkdir()
    paragraph = "北风云计算将{y}年资本开支上调至{n}亿美元,同比增长{p}%。公司杠杆率为{r}倍。\n"
    for i in range(400):
        body = "".join(paragraph.format(y=2000 + (i + k) % 26, n=100 + i + k, p=5 + k % 40, r=2 + k % 7)
                       for k in range(30))
        (corpus / f"story-{i:03d}.md").write_text(f"---\ntitle: 北风云 {i}\ndate: 2025-11-17\n---\n{body}",
                                                  encoding="utf-8")
    db = project / "ledger.sqlite"
    cmd = [sys.executable, "-m", "reconcile.cli", "index", "archive", "--db", "ledger.sqlite", "--jobs", "2"]
    proc = subprocess.Popen(cmd, cwd=project, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
                try:
                    if con.execute("SELECT count(*) FROM files").fetchone()[0] > 0:
                        break  # some files are committed: kill it now, mid-run
                finally:
                    con.close()
            except sqlite3.Error:
                pass  # not created yet
            time.sleep(0.05)
        os.kill(proc.pid, signal.SIGKILL)  # the indexer only: its workers must notice and go
        proc.wait(timeout=30)
    finally:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # whatever of this test's processes is left
        except ProcessLookupError:
            pass
    assert proc.returncode == -signal.SIGKILL, "the indexer finished before it could be killed"

    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        files = con.execute("SELECT path, documents, figures FROM files").fetchall()
        assert 0 < len(files) < 400
        for path, documents, figures in files:  # every file stored is whole
            assert con.execute("SELECT count(*) FROM documents WHERE path = ?", (path,)).fetchone()[0] == documents == 1
            n = con.execute("SELECT count(*) FROM mentions JOIN documents ON documents.n = mentions.doc "
                            "WHERE documents.path = ?", (path,)).fetchone()[0]
            assert n == figures > 0
        orphans = con.execute("SELECT count(*) FROM mentions WHERE doc NOT IN (SELECT n FROM documents)").fetchone()[0]
        assert orphans == 0
        per_file = con.execute("SELECT figures FROM files").fetchall()
    finally:
        con.close()
    # every story has the same shape, so every whole file has the same number of figures
    assert len({f for (f,) in per_file}) == 1
    open_ledger(db).close()  # and reconcile opens it as a ledger of its schema

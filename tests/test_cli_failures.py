"""Issue 11, case by case through the command line: never a traceback, never a silent pass, and
portable in CI. Each run asserts its exit status, a one-line message naming the file and the
problem, and that no input file changed (clitools.cli)."""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from clitools import BINARY, CLEAN, LOST_DECIMALS, cli, one_line

from reconcile import errors
from reconcile.checks import plausibility


@pytest.fixture()
def project(tmp_path, monkeypatch):
    """A newsroom's folder: drafts/ with two lost decimal points on one line, archive/ with a clean
    article; the test runs from it."""
    (tmp_path / "drafts").mkdir()
    (tmp_path / "archive").mkdir()
    (tmp_path / "drafts" / "leverage.md").write_text(LOST_DECIMALS, encoding="utf-8")
    (tmp_path / "archive" / "spending.md").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def findings(run) -> list[dict]:
    return json.loads(run.out)["findings"]


# -- Tracebacks ------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, content, problem", [
    ("scan.txt", BINARY, "binary"),
    ("bad.md", b"---\ntitle: [unclosed\n---\nbody 5%\n", "front matter"),
    ("undated.md", b"---\ndate: next tuesday\n---\nRevenue rose 5% to $3 billion.\n", "'date'"),
])
def test_a_bad_file_in_a_parallel_check_is_one_line(project, capsys, name, content, problem):
    (project / "drafts" / name).write_bytes(content)
    for jobs in ("1", "2"):  # --jobs 2: the worker's InputError comes back as itself
        run = cli(capsys, "check", "drafts", "--jobs", jobs, root=project)
        assert one_line(run, f"drafts/{name}", problem)


def test_date_in_front_matter_is_checked_by_extract_too(project, capsys):
    (project / "drafts" / "undated.md").write_text("---\ndate: next tuesday\n---\nUp 5%.\n", encoding="utf-8")
    one_line(cli(capsys, "extract", "drafts/undated.md", root=project),
             "drafts/undated.md", "front matter key 'date'", "next tuesday")


def test_date_in_front_matter_is_checked_by_index_too(project, capsys):
    # The ledger keeps what it indexed of the rest; the bad file is named, exit 2.
    (project / "drafts" / "undated.md").write_text("---\ndate: next tuesday\n---\nUp 5%.\n", encoding="utf-8")
    run = cli(capsys, "index", "drafts", "--db", str(project.parent / "ledger.sqlite"), root=project)
    said = "\n".join(run.err)
    assert run.code == 2
    assert "drafts/undated.md" in said and "front matter key 'date'" in said and "next tuesday" in said


def test_output_into_a_missing_folder_is_one_line(project, capsys):
    run = cli(capsys, "check", "drafts", "--output", "/nonexistent/dir/report.json", root=project)
    one_line(run, "/nonexistent/dir/report.json", "no such folder")


def test_an_unexpected_error_is_one_line_too(project, capsys, monkeypatch):
    from reconcile.report import formats

    def broken(report, out):
        out.write("half a report")
        raise RuntimeError("the writer broke")

    monkeypatch.setitem(formats.WRITERS, "json", broken)
    (project / "report.json").write_text("the previous report\n", encoding="utf-8")
    run = cli(capsys, "check", "drafts", "--format", "json", "--output", "report.json", root=project)
    assert run.code == 2 and len(run.err) == 1 and "internal error: RuntimeError: the writer broke" in run.err[0]
    # written atomically: the previous report is intact, and no temporary file is left
    assert (project / "report.json").read_text(encoding="utf-8") == "the previous report\n"


# -- Silent passes and lost data -------------------------------------------------------------------

@pytest.mark.parametrize("target", ["drafts/leverage.md", "archive/spending.md", "reconcile.toml"])
def test_output_never_overwrites_a_file_the_run_reads(project, capsys, target):
    (project / "reconcile.toml").write_text('corpus = ["archive"]\n', encoding="utf-8")
    run = cli(capsys, "check", "drafts", "--output", target, root=project)
    one_line(run, target, "refusing to write")
    # through a symlink, or from a subfolder, it is the same file
    (project / "alias.md").symlink_to(project / "drafts" / "leverage.md")
    one_line(cli(capsys, "check", "drafts", "--output", "alias.md", root=project), "refusing to write")
    one_line(cli(capsys, "baseline", "drafts", "--output", "drafts/leverage.md", root=project), "refusing to write")


def test_the_report_replaces_the_old_one_atomically(project, capsys):
    (project / "report.json").write_text("old\n", encoding="utf-8")
    os.chmod(project / "report.json", 0o640)
    run = cli(capsys, "check", "drafts", "--format", "json", "--output", "report.json", root=project,
              writes=("report.json",))
    assert run.code == 1 and run.out == ""
    assert json.loads((project / "report.json").read_text(encoding="utf-8"))["version"] == 1
    assert os.stat(project / "report.json").st_mode & 0o777 == 0o640  # its mode is kept
    assert sorted(p.name for p in project.iterdir()) == ["archive", "drafts", "report.json"]


@pytest.fixture()
def unreadable(monkeypatch):
    """Make a folder unlistable: chmod 0, and, for root (whom permissions do not stop), an
    os.scandir that refuses it as the kernel would."""
    real_scandir = os.scandir

    def make(folder: Path):
        os.chmod(folder, 0)
        if os.geteuid() == 0:
            def scandir(path="."):
                if os.path.realpath(path) == os.path.realpath(folder):
                    raise PermissionError(13, "Permission denied", os.fspath(path))
                return real_scandir(path)
            monkeypatch.setattr(os, "scandir", scandir)

    yield make


@pytest.mark.parametrize("command", ["check", "extract", "index"])
def test_an_unreadable_subfolder_is_an_error_not_an_empty_folder(project, capsys, unreadable, command):
    locked = project / "archive" / "2024"
    locked.mkdir()
    (locked / "old.md").write_text(CLEAN, encoding="utf-8")
    unreadable(locked)
    try:
        args = ["index", "archive", "--db", project.parent / "ledger.sqlite"] if command == "index" else [command, "archive"]
        one_line(cli(capsys, *args), "archive/2024", "not readable")
    finally:
        os.chmod(locked, 0o755)


def test_a_symlinked_file_is_read_once(project, capsys):
    (project / "archive" / "same-story.md").symlink_to(project / "archive" / "spending.md")
    run = cli(capsys, "check", "archive", "--format", "json", root=project)
    report = json.loads(run.out)
    assert run.code == 0 and [d["path"] for d in report["documents"]] == ["archive/same-story.md"]
    rows = cli(capsys, "extract", "archive", "--format", "jsonl").out.splitlines()
    assert len(rows) == len(report["figures"]) == 3


def test_an_empty_folder_is_not_a_clean_check(project, capsys):
    (project / "empty").mkdir()
    one_line(cli(capsys, "check", "empty", root=project), "empty", "no documents")


def test_a_configured_ledger_that_does_not_exist(project, capsys):
    (project / "reconcile.toml").write_text('ledger = ".reconcile/ledger.sqlite"\n', encoding="utf-8")
    one_line(cli(capsys, "check", "drafts", root=project), "reconcile.toml", "'ledger'", "reconcile index")
    # with a corpus configured too, the corpus is read instead, and the user is told so once
    (project / "reconcile.toml").write_text('ledger = ".reconcile/ledger.sqlite"\ncorpus = ["archive"]\n',
                                            encoding="utf-8")
    run = cli(capsys, "check", "drafts", "--format", "json", root=project)
    assert run.code == 1 and len(run.err) == 1 and "does not exist yet" in run.err[0]
    assert {d["path"] for d in json.loads(run.out)["documents"]} == {"drafts/leverage.md", "archive/spending.md"}


def test_a_configured_baseline_that_does_not_exist_yet_accepts_nothing(project, capsys):
    (project / "reconcile.toml").write_text('baseline = ".reconcile/baseline.json"\n', encoding="utf-8")
    run = cli(capsys, "check", "drafts", "--format", "json", root=project)
    assert run.code == 1 and len(findings(run)) == 2
    assert len(run.err) == 1 and "no baseline yet" in run.err[0]
    # named on the command line, a missing baseline is a mistake
    one_line(cli(capsys, "check", "drafts", "--baseline", "nope.json", root=project), "nope.json")
    # recorded, it hides both
    assert cli(capsys, "baseline", "drafts", root=project, writes=(".reconcile/baseline.json",)).code == 0
    run = cli(capsys, "check", "drafts", "--format", "json", root=project)
    assert (run.code, findings(run), run.err) == (0, [], [])


def _suppress(project, line: str) -> None:
    text = LOST_DECIMALS.replace("公司杠杆率为5 5倍,一年前为4 5倍。", line)
    (project / "drafts" / "leverage.md").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("line, hidden", [
    ("公司杠杆率为5 5倍,一年前为4 5倍。<!-- reconcile-ignore IN005: 一年前的数字如此 -->", "4 5倍"),
    ("公司杠杆率为5 5倍 <!-- reconcile-ignore IN005: 原文如此 -->,一年前为4 5倍。", "5 5倍"),
    ("<!-- reconcile-ignore IN005: 原文如此 -->\n公司杠杆率为5 5倍,一年前为4 5倍。", "5 5倍"),
])
def test_a_suppression_hides_the_finding_of_its_own_figure_only(project, capsys, line, hidden):
    _suppress(project, line)
    run = cli(capsys, "check", "drafts", "--format", "json", root=project)
    assert run.code == 1  # the other lost decimal still fails
    by_text = {f["message"].split(" looks")[0]: f for f in findings(run)}
    assert set(by_text) == {"5 5倍", "4 5倍"}
    assert by_text[hidden]["severity"] == "info" and "Suppressed in the source" in by_text[hidden]["suggestion"]
    (other,) = set(by_text) - {hidden}
    assert by_text[other]["severity"] == "error"


FIRST, SECOND = "北风云计算将2025年资本开支上调至120亿美元。", "公司杠杆率为5 5倍,一年前为4 5倍。"


@pytest.mark.parametrize("line, replaced, what", [
    ("北风云计算将2025年资本开支上调至120亿美元 <!-- reconcile-ignore IN005: 旧注释 -->。", FIRST, "120亿美元"),
    ("<!-- reconcile-ignore XD001: 写错了规则 -->\n" + SECOND, SECOND, "5 5倍"),
    (SECOND + "\n<!-- reconcile-ignore IN005: 后面没有数字 -->", SECOND, "no figure"),
])
def test_a_suppression_that_suppresses_nothing_says_so(project, capsys, line, replaced, what):
    (project / "drafts" / "leverage.md").write_text(LOST_DECIMALS.replace(replaced, line), encoding="utf-8")
    run = cli(capsys, "check", "drafts", "--format", "json", root=project)
    unused = [f for f in findings(run) if f["rule"] == "RC001"]
    assert len(unused) == 1 and unused[0]["severity"] == "warning", findings(run)
    assert "suppresses nothing" in unused[0]["message"] and what in unused[0]["message"]
    assert [f["severity"] for f in findings(run) if f["rule"] == "IN005"] == ["error", "error"]
    # it has its place in the formats that name rules
    sarif = json.loads(cli(capsys, "check", "drafts", "--format", "sarif").out)["runs"][0]
    assert "RC001" in [r["id"] for r in sarif["tool"]["driver"]["rules"]]
    assert "title=RC001 unused-suppression" in cli(capsys, "check", "drafts", "--format", "github").out


@pytest.mark.parametrize("files, words", [
    ({"house/entities.toml": '[acme]\nnames = "Acme"\n', "reconcile.toml": 'packs = ["house"]\n'},
     ["house/entities.toml", "acme.names"]),
    ({"house/rules.toml": "[XD001]\nenabled = 1\n", "reconcile.toml": 'packs = ["house"]\n'},
     ["house/rules.toml", "XD001.enabled"]),
    ({"pyproject.toml": "[tool]\nreconcile = 3\n"}, ["pyproject.toml", "tool.reconcile"]),
    ({"pyproject.toml": '[tool.reconcile]\njobs = "2"\n'}, ["pyproject.toml", "tool.reconcile.jobs"]),
    ({"pyproject.toml": '[tool.reconcile]\npaths = "drafts"\nledger = 3\n'}, ["pyproject.toml", "tool.reconcile.ledger"]),
    ({"pyproject.toml": '[tool.reconcile\npaths = ["drafts"]\n'}, ["pyproject.toml", "bad TOML"]),
    ({"reconcile.toml": b"\xff\xfe p\x00a\x00"}, ["reconcile.toml", "not UTF-8"]),
])
def test_wrong_values_in_a_pack_or_the_configuration_are_one_line(project, capsys, files, words):
    for name, content in files.items():
        (project / name).parent.mkdir(exist_ok=True)
        data = content if isinstance(content, bytes) else content.encode()
        (project / name).write_bytes(data)
    listing = ["entities"] if "entities.toml" in words[0] else ["rules"]  # each lists what it reads
    for command in (["check", "drafts"], listing):
        one_line(cli(capsys, *command, root=project), *words)


def test_a_run_in_this_process_leaves_no_pack_in_force(project, capsys):
    # A project whose pack is broken fails its own run; what runs in the process afterwards reads
    # the data it read before (an in-process caller, or the next test).
    from reconcile.engine import analyse

    (project / "house").mkdir()
    (project / "house" / "rules.toml").write_text("[XD001]\nenabled = 1\n", encoding="utf-8")
    (project / "reconcile.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    one_line(cli(capsys, "check", "drafts", root=project), "rules.toml", "XD001.enabled")
    assert analyse([project / "drafts"]).findings


def test_someone_elses_broken_pyproject_is_not_ours(project, capsys):
    (project / "pyproject.toml").write_text("[project\nname = 'x'\n", encoding="utf-8")
    assert cli(capsys, "check", "archive", root=project).code == 0


# -- Portable in CI --------------------------------------------------------------------------------

def test_a_baseline_recorded_in_one_checkout_hides_the_same_findings_in_another(tmp_path, capsys, monkeypatch):
    a = tmp_path / "a" / "newsroom"
    (a / "drafts").mkdir(parents=True)
    (a / "sub").mkdir()
    (a / "drafts" / "leverage.md").write_text(LOST_DECIMALS, encoding="utf-8")
    (a / "reconcile.toml").write_text('paths = ["drafts"]\nbaseline = ".reconcile/baseline.json"\n',
                                      encoding="utf-8")
    b = tmp_path / "elsewhere" / "checkout"
    shutil.copytree(a, b)
    monkeypatch.chdir(a)
    assert cli(capsys, "baseline").code == 0
    recorded = json.loads((a / ".reconcile" / "baseline.json").read_text(encoding="utf-8"))
    assert sum(e["count"] for e in recorded["findings"]) == 2
    shutil.copytree(a / ".reconcile", b / ".reconcile")
    for root in (a, b):  # a new mistake after the baseline: the only finding left
        (root / "drafts" / "new.md").write_text(LOST_DECIMALS.replace(",一年前为4 5倍", ""), encoding="utf-8")

    outputs = {}
    for name, folder, argv in [("a, configured", a, []), ("a, absolute", a / "sub", [a / "drafts"]),
                               ("b, from a subfolder", b / "sub", []), ("b, relative", b / "sub", ["../drafts/"])]:
        monkeypatch.chdir(folder)
        run = cli(capsys, "check", *argv, "--format", "jsonl")
        summary = json.loads(run.out.splitlines()[0])
        assert (run.code, summary["hidden"], summary["findings"]) == (1, 2, 1), (name, run)
        outputs[name] = [cli(capsys, "check", *argv, "--format", fmt).out for fmt in ("sarif", "github")]
    first = outputs["a, configured"]
    assert all(out == first for out in outputs.values())  # the same, byte for byte
    sarif, github = first
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(sarif)["runs"][0]["results"] for loc in r["locations"]}
    assert uris == {"drafts/new.md"}
    assert github.count("file=drafts/new.md,") == 1 and str(tmp_path) not in github + sarif


# -- Messages --------------------------------------------------------------------------------------

def test_figures_are_quoted_as_written(project, capsys, monkeypatch):
    text = LOST_DECIMALS.replace("公司杠杆率为5 5倍", "公司槓桿率為５ ５倍")
    (project / "drafts" / "leverage.md").write_text(text, encoding="utf-8")
    run = cli(capsys, "check", "drafts", "--format", "json", root=project)
    assert "５ ５倍 looks like 5.5倍" in findings(run)[0]["message"]
    monkeypatch.setenv("COLUMNS", "240")
    table = cli(capsys, "check", "drafts", "--no-color", root=project).out
    assert "５ ５倍 looks like 5.5倍" in table and "5 5倍 looks" not in table


def test_the_plausibility_hint_says_how_to_install_from_here(project, capsys, monkeypatch):
    monkeypatch.setattr(plausibility, "available", lambda: False)
    line = one_line(cli(capsys, "check", "drafts", "--plausibility", root=project), "PL001", "Great Expectations")
    assert line.endswith(errors.install_command("plausibility"))


class _Dist:
    def __init__(self, direct_url):
        self.direct_url = direct_url

    def read_text(self, name):
        return json.dumps(self.direct_url) if self.direct_url is not None and name == "direct_url.json" else None


@pytest.mark.parametrize("direct_url, cwd, expected", [
    (None, None, "pip install 'reconcile[plausibility]'"),  # from PyPI
    ({"url": "file://{root}", "dir_info": {}}, ".", "pip install '.[plausibility]'"),
    ({"url": "file://{root}", "dir_info": {"editable": True}}, ".", "pip install -e '.[plausibility]'"),
    ({"url": "file://{root}", "dir_info": {}}, "..", "pip install './checkout[plausibility]'"),
    ({"url": "file://{root}", "dir_info": {}}, "/", "pip install '{root}[plausibility]'"),
    ({"url": "https://example.org/r.git", "vcs_info": {"vcs": "git", "commit_id": "abc"}}, None,
     "pip install 'reconcile[plausibility] @ git+https://example.org/r.git@abc'"),
])
def test_install_command_follows_where_reconcile_came_from(tmp_path, monkeypatch, direct_url, cwd, expected):
    import importlib.metadata

    root = tmp_path / "checkout"
    root.mkdir()
    if direct_url is not None:
        direct_url = {k: v.format(root=root) if isinstance(v, str) else v for k, v in direct_url.items()}
    monkeypatch.setattr(importlib.metadata, "distribution", lambda name: _Dist(direct_url))
    monkeypatch.chdir(root if cwd is None else (root / cwd).resolve() if cwd != "/" else "/")
    assert errors.install_command("plausibility") == expected.format(root=root)

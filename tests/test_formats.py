"""The report formats of `reconcile check --format`: json, jsonl, markdown, html, sarif, junit,
github. Real findings (the draft's two planted errors against the seed, the seed's lost
decimals), checked against what reads each format: the official SARIF 2.1.0 schema, an XML
parser, GitHub's workflow-command syntax, a GitHub table, an HTML parser and a headless browser."""
from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

from reconcile.checks.registry import rule_set
from reconcile.data.loader import data_dir
from reconcile.engine import Report, analyse
from reconcile.model import CONTRACT_FIELDS
from reconcile.report.formats import WRITERS, write
from reconcile.report.formats.github import gh_data, gh_property
from reconcile.report.formats.sarif import artifact_uri

SEED = data_dir("seeds") / "ai-infrastructure-2025-11.txt"
DRAFT = Path(__file__).resolve().parent.parent / "examples" / "draft-en.md"
SCHEMA = Path(__file__).resolve().parent / "data" / "sarif-schema-2.1.0.json"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    (folder / SEED.name).write_bytes(SEED.read_bytes())
    return folder


@pytest.fixture(scope="module")
def draft_report(tmp_path_factory, corpus) -> Report:
    # a folder and a file name with a comma and a space: GitHub's properties must escape them
    folder = tmp_path_factory.mktemp("desk, copy")
    draft = folder / "draft, v2.md"
    draft.write_bytes(DRAFT.read_bytes())
    report = analyse([draft], against=[corpus])
    assert [f.rule for f in report.findings] == ["XD001", "XD001"]
    return report


@pytest.fixture(scope="module")
def seed_report(corpus) -> Report:
    report = analyse([corpus])
    assert report.findings and {f.rule for f in report.findings} == {"IN005"}
    return report


@pytest.fixture(scope="module")
def nasty_report(draft_report) -> Report:
    """The draft's findings with messages that need every kind of escaping."""
    findings = [
        dataclasses.replace(draft_report.findings[0],
                            message='50% of <b>"it"</b> & more | a cell\r\nsecond line: a, b [x](y) $1 and $2',
                            suggestion="check 100%\nthen\x01 stop"),
        dataclasses.replace(draft_report.findings[1], severity="warning", rule="XD003"),
        dataclasses.replace(draft_report.findings[1], severity="info", rule="XD002",
                            message="<script>alert(1)</script> agrees within rounding"),
    ]
    return dataclasses.replace(draft_report, findings=findings)


@pytest.fixture(scope="module")
def empty_report(draft_report) -> Report:
    return dataclasses.replace(draft_report, findings=[])


def render(report: Report, fmt: str) -> str:
    out = io.StringIO()
    write(report, fmt, out)
    return out.getvalue()


ALL = ["draft_report", "seed_report", "nasty_report", "empty_report"]


def test_writers_and_unknown_format(draft_report):
    assert set(WRITERS) == {"json", "jsonl", "markdown", "html", "sarif", "junit", "github"}
    with pytest.raises(ValueError, match="unknown format"):
        write(draft_report, "yaml", io.StringIO())


@pytest.mark.parametrize("fmt", sorted(WRITERS))
@pytest.mark.parametrize("which", ALL)
def test_every_format_is_deterministic(request, which, fmt):
    report = request.getfixturevalue(which)
    assert render(report, fmt) == render(report, fmt)


# -- json, jsonl ------------------------------------------------------------------------------

def test_json_is_the_contract(draft_report):
    assert render(draft_report, "json") == json.dumps(draft_report.to_json(), ensure_ascii=False, indent=2) + "\n"


@pytest.mark.parametrize("which", ALL)
def test_jsonl_summary_then_one_line_per_finding(request, which):
    report = request.getfixturevalue(which)
    lines = render(report, "jsonl").splitlines()
    records = [json.loads(line) for line in lines]
    head, rest = records[0], records[1:]
    assert head["type"] == "summary" and head["version"] == 1
    assert head["documents"] == len(report.documents) and head["figures"] == len(report.mentions)
    assert head["findings"] == len(report.findings) == len(rest)
    assert sum(head[s] for s in ("error", "warning", "info")) == len(report.findings)
    contract = {f["id"]: f for f in report.to_json()["figures"]}
    for record, finding in zip(rest, report.findings):
        assert record["type"] == "finding"
        assert {k: record[k] for k in ("id", "rule", "severity", "message", "suggestion")} == \
            {k: finding.record()[k] for k in ("id", "rule", "severity", "message", "suggestion")}
        assert [f["id"] for f in record["figures"]] == finding.figures
        for fig in record["figures"]:
            assert tuple(fig) == CONTRACT_FIELDS and fig == contract[fig["id"]]


# -- sarif ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sarif_validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)  # the draft the schema declares
    assert cls.META_SCHEMA["$schema"].rstrip("#") == schema["$schema"].rstrip("#")
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


@pytest.mark.parametrize("which", ALL)
def test_sarif_is_valid_against_the_official_schema(request, which, sarif_validator):
    report = request.getfixturevalue(which)
    log = json.loads(render(report, "sarif"))
    errors = sorted(sarif_validator.iter_errors(log), key=lambda e: list(e.absolute_path))
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
    (run,) = log["runs"]
    assert log["version"] == "2.1.0" and run["columnKind"] == "unicodeCodePoints"
    assert len(run["results"]) == len(report.findings)


def test_sarif_declares_the_command_lines_own_rule(draft_report, sarif_validator):
    """RC001 (a suppression that suppresses nothing) is no rule of rules.toml, yet SARIF names it."""
    unused = dataclasses.replace(draft_report.findings[0], rule="RC001", severity="warning")
    log = json.loads(render(dataclasses.replace(draft_report, findings=[unused]), "sarif"))
    assert not list(sarif_validator.iter_errors(log))
    (run,) = log["runs"]
    (result,) = run["results"]
    rule = run["tool"]["driver"]["rules"][result["ruleIndex"]]
    assert (rule["id"], rule["name"], result["level"]) == ("RC001", "unused-suppression", "warning")
    assert "title=RC001 unused-suppression" in render(dataclasses.replace(draft_report, findings=[unused]), "github")


def test_sarif_rules_results_and_locations(draft_report, seed_report):
    from reconcile import __version__

    for report in (draft_report, seed_report):
        (run,) = json.loads(render(report, "sarif"))["runs"]
        driver = run["tool"]["driver"]
        assert driver["name"] == "reconcile" and driver["version"] == __version__
        rules = driver["rules"]
        assert [r["id"] for r in rules] == [r.id for r in rule_set()]
        levels = {r["id"]: r["defaultConfiguration"]["level"] for r in rules}
        assert levels["XD001"] == "error" and levels["XD003"] == "warning" and levels["XD002"] == "note"
        assert all(r["shortDescription"]["text"] and r["fullDescription"]["text"] and "Example:" in r["help"]["text"]
                   for r in rules)
        for result, finding in zip(run["results"], report.findings):
            assert result["ruleId"] == finding.rule and rules[result["ruleIndex"]]["id"] == finding.rule
            assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity]
            assert result["message"]["text"].startswith(finding.message)
            assert result["partialFingerprints"] == {"reconcileFindingId/v1": finding.id}
            assert len(result.get("relatedLocations", [])) == len(finding.figures) - 1
            for loc, fid in zip(result["locations"] + result.get("relatedLocations", []), finding.figures):
                record = report.by_id[fid].record
                phys = loc["physicalLocation"]
                assert phys["artifactLocation"]["uri"] == artifact_uri(record["path"])
                region = phys["region"]
                assert (region["startLine"], region["startColumn"], region["endColumn"]) == \
                    (record["line"], record["column"], record["end_column"])
                # columns count code points of the original file: the snippet stands there
                line = Path(record["path"]).read_text(encoding="utf-8-sig").splitlines()[region["startLine"] - 1]
                assert line[region["startColumn"] - 1:region["endColumn"] - 1] == region["snippet"]["text"]


def test_sarif_escapes_message_links(nasty_report):
    (run,) = json.loads(render(nasty_report, "sarif"))["runs"]
    assert r"\[x\](y)" in run["results"][0]["message"]["text"]


def test_artifact_uri():
    assert artifact_uri("seeds/a b.txt") == "seeds/a%20b.txt"
    assert artifact_uri("/tmp/x, y/草稿.md") == "file:///tmp/x%2C%20y/%E8%8D%89%E7%A8%BF.md"
    assert artifact_uri("C:/work/draft.md") == "file:///C:/work/draft.md"


# -- junit ------------------------------------------------------------------------------------

@pytest.mark.parametrize("which", ALL)
def test_junit_counts_match_the_findings(request, which):
    report = request.getfixturevalue(which)
    text = render(report, "junit")
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == "testsuites"
    cases = root.findall("./testsuite/testcase")
    failures = root.findall("./testsuite/testcase/failure")
    failing = [f for f in report.findings if f.severity in ("error", "warning")]
    assert len(failures) == len(failing) == int(root.get("failures"))
    assert len(cases) == int(root.get("tests"))
    finding_cases = [c for c in cases if c.get("name") != "no findings"]
    assert len(finding_cases) == len(report.findings)
    infos = [c for c in finding_cases if c.find("failure") is None]
    assert len(infos) == sum(1 for f in report.findings if f.severity == "info")
    assert all(c.find("system-out") is not None for c in infos)
    for suite in root.findall("testsuite"):
        assert int(suite.get("tests")) == len(suite.findall("testcase"))
        assert int(suite.get("failures")) == len(suite.findall("testcase/failure"))
    for finding, failure in zip(failing, failures):
        assert failure.get("message") == finding.message  # newlines in attributes survive as &#10;
        assert finding.id in failure.text
    if not report.findings:  # a clean run still says what it checked
        assert cases and all(c.get("name") == "no findings" for c in cases)


def test_junit_escapes_markup_and_control_characters(nasty_report):
    root = ET.fromstring(render(nasty_report, "junit").encode("utf-8"))
    failure = root.find("./testsuite/testcase/failure")
    assert '<b>"it"</b> & more' in failure.get("message")
    assert "\x01" not in failure.text and "check 100%" in failure.text
    out = root.find("./testsuite/testcase/system-out")
    assert out.text.startswith("<script>alert(1)</script>")


# -- github -----------------------------------------------------------------------------------

GITHUB_LINE = re.compile(
    r"^::(?P<kind>error|warning|notice) file=(?P<file>[^,:\r\n]+),line=(?P<line>\d+),col=(?P<col>\d+),"
    r"endColumn=(?P<end>\d+),title=(?P<title>[^,:\r\n]+)::(?P<message>[^\r\n]*)$")


def _unescape(text: str) -> str:
    return (text.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",")
            .replace("%25", "%"))


@pytest.mark.parametrize("which", ALL)
def test_github_every_line_is_a_workflow_command(request, which):
    report = request.getfixturevalue(which)
    text = render(report, "github")
    lines = text.splitlines()
    assert len(lines) == len(report.findings) and text.count("\n") == len(lines)
    for line, finding in zip(lines, report.findings):
        m = GITHUB_LINE.match(line)
        assert m, line
        record = report.by_id[finding.figures[0]].record
        assert m["kind"] == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity]
        assert _unescape(m["file"]) == record["path"]
        assert (int(m["line"]), int(m["col"]), int(m["end"])) == (record["line"], record["column"], record["end_column"])
        assert _unescape(m["title"]).startswith(finding.rule)
        assert _unescape(m["message"]).startswith(finding.message)


def test_github_escaping(nasty_report):
    first = render(nasty_report, "github").splitlines()[0]
    m = GITHUB_LINE.match(first)
    assert "%2C" in m["file"] and "desk, copy" in _unescape(m["file"])  # the comma of the path
    assert m["message"].startswith("50%25 of <b>\"it\"</b> & more | a cell%0D%0Asecond line: a, b")
    assert "check 100%25%0Athen" in m["message"]
    assert _unescape(m["message"]).startswith(nasty_report.findings[0].message)
    assert gh_data("a%b\r\nc:d,e") == "a%25b%0D%0Ac:d,e"
    assert gh_property("a%b\r\nc:d,e") == "a%25b%0D%0Ac%3Ad%2Ce"


# -- markdown ---------------------------------------------------------------------------------

def _cells(row: str) -> list[str]:
    """Split a GitHub table row on the pipes that are not escaped."""
    assert row.startswith("| ") and row.endswith(" |"), row
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)[1:-1]]


@pytest.mark.parametrize("which", ["draft_report", "seed_report", "nasty_report"])
def test_markdown_table_one_row_per_finding(request, which):
    report = request.getfixturevalue(which)
    text = render(report, "markdown")
    assert "\r" not in text and len(text) < 65_536
    lines = text.split("\n")
    head = lines.index("| rule | what is wrong | figure | against | likely cause |")
    assert lines[head + 1] == "| --- | --- | --- | --- | --- |"
    rows = []
    for line in lines[head + 2:]:
        if not line.startswith("|"):
            break
        rows.append(line)
    assert len(rows) == len(report.findings)
    for row, finding in zip(rows, report.findings):
        cells = _cells(row)
        assert len(cells) == 5
        assert finding.rule in cells[0] and finding.severity in cells[0]
        record = report.by_id[finding.figures[0]].record
        assert f"`{record['path']}:{record['line']}:{record['column']}`".replace("|", "\\|") in cells[2]
    assert f"{report.count('error')} error" in lines[0]


def test_markdown_escapes_cells(nasty_report):
    row = next(line for line in render(nasty_report, "markdown").split("\n") if "50%" in line)
    cells = _cells(row)
    assert len(cells) == 5
    assert r"\<b\>" in cells[1] and r"\&" in cells[1] and r"\| a cell" in cells[1]
    assert "<br>second line" in cells[1] and r"\$1 and \$2" in cells[1]


def test_markdown_truncates_with_a_note(seed_report):
    from reconcile.report.formats.markdown import write_markdown

    out = io.StringIO()
    write_markdown(seed_report, out, max_findings=3)
    lines = out.getvalue().split("\n")
    assert sum(1 for line in lines if line.startswith("| **")) == 3
    rest = len(seed_report.findings) - 3
    assert any(f"{rest} more findings not shown" in line for line in lines)
    out = io.StringIO()
    write_markdown(seed_report, out, max_chars=1200)
    assert len(out.getvalue()) <= 1200 and "more finding" in out.getvalue()


def test_markdown_without_findings(empty_report):
    text = render(empty_report, "markdown")
    assert "No findings." in text and "| rule |" not in text


# -- html -------------------------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.problems, self.urls, self.tags, self.html_lang = [], [], [], [], None

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        attrs = dict(attrs)
        if tag == "html":
            self.html_lang = attrs.get("lang")
        for name in ("src", "href", "srcset", "action", "data", "poster"):
            if attrs.get(name):
                self.urls.append(attrs[name])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


@pytest.mark.parametrize("which", ALL)
def test_html_is_well_formed_and_self_contained(request, which):
    report = request.getfixturevalue(which)
    text = render(report, "html")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    assert not checker.problems and not checker.stack, (checker.problems, checker.stack)
    assert checker.html_lang == "en"
    assert not any(u.lower().startswith(("http", "//")) for u in checker.urls), checker.urls
    assert "script" not in checker.tags and "link" not in checker.tags and "img" not in checker.tags
    assert not re.search(r"url\(|@import|https?://", text)
    assert "<style>" in text and '<meta charset="utf-8">' in text
    for finding in report.findings:
        assert f'id="{finding.id}"' in text
        assert escape(finding.message) in text
        for fid in finding.figures:
            m = report.by_id[fid]
            assert re.search(rf'<mark class="(suspect|other)" title="{re.escape(escape(fid))}">'
                             rf"{re.escape(escape(m.record['text']))}</mark>", text), fid
            assert f'lang="{m.doc.lang}"' in text


def test_html_escapes_everything(nasty_report):
    text = render(nasty_report, "html")
    assert "<script>" not in text and "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;b&gt;&quot;it&quot;&lt;/b&gt; &amp; more" in text


def test_html_marks_the_figure_in_its_sentence(draft_report):
    text = render(draft_report, "html")
    assert ('OpenAI plans to spend <mark class="suspect"' in text
            and ">about $1.4 billion</mark> over eight years" in text)
    assert ">13至44吉瓦</mark>" in text


CHROMIUM = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_html_renders_in_a_headless_browser(draft_report, tmp_path):
    page = tmp_path / "report.html"
    page.write_text(render(draft_report, "html"), encoding="utf-8")
    png = tmp_path / "report.png"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={png}", "--window-size=1400,1000",
           page.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=60, check=False)
    assert png.exists() and png.stat().st_size > 10_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

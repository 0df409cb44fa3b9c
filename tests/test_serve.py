"""`reconcile serve` without a browser (Starlette's TestClient): the page and its static files,
a draft checked as `reconcile check DRAFT --against CORPUS|LEDGER` checks it, uploads decoded
as files are, accepted fixes written into the download, and the safety rules: security headers,
a size limit with a clear message, no foreign Host, no path from a request ever read."""
from __future__ import annotations

import builtins
import json
import subprocess
import sys
import warnings
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("jinja2")
pytest.importorskip("httpx")

with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402

from reconcile.checks.registry import rule_set  # noqa: E402
from reconcile.engine import analyse  # noqa: E402
from reconcile.serve.app import create_app  # noqa: E402
from reconcile.serve.checker import Desk, apply, draft_name, load_reference  # noqa: E402
from reconcile.store.ledger import index  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DRAFT = ROOT / "examples" / "draft-en.md"

# Made up for these tests: a draft whose copy tries to be HTML.
HOSTILE = """---
title: <img src=x onerror=alert(1)> quarterly note
date: 2025-11-17
---
OpenAI plans to spend about $1.4 billion over eight years <script>alert(1)</script> on data centers.
"""


@pytest.fixture(scope="module")
def desk() -> Desk:
    return Desk(load_reference([SEEDS]), rule_set())


@pytest.fixture(scope="module")
def client(desk):
    return TestClient(create_app(desk, max_bytes=50_000), base_url="http://127.0.0.1")


def test_the_page_its_static_files_and_headers(client):
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    assert "seeds" in page.text and "50 kB" in page.text
    assert "http://" not in page.text.replace("http://127.0.0.1", "") and "https://" not in page.text  # no CDN
    for name in ("app.js", "app.css"):
        static = client.get(f"/static/{name}")
        assert static.status_code == 200 and static.headers["content-security-policy"] == csp
        assert "https://" not in static.text and "http://" not in static.text
    assert client.get("/static/../pyproject.toml").status_code == 404


def test_a_draft_is_checked_as_the_cli_checks_it(client):
    text = DRAFT.read_text(encoding="utf-8")
    page = client.post("/api/check", json={"text": text, "name": "draft-en.md"}).json()
    cli = analyse([DRAFT], against=[SEEDS])
    assert [f["rule"] for f in page["findings"]] == [f.rule for f in cli.findings] == ["XD001", "XD001"]
    assert [f["fix"]["edits"][0]["replacement"] for f in page["findings"]] == \
        ["about $1.4 trillion", "between 13 and 44 GW"]
    # the draft cut into text and figures, nothing lost
    assert "".join(s["text"] for s in page["segments"]) == text
    first = page["figures"][page["findings"][0]["figures"][0]["figure"]]
    assert (first["text"], first["entity"], first["metric"], first["period"]) == \
        ("about $1.4 billion", "openai", "investment", "next:8y")
    assert first["value"] == "$1.4 billion" and first["interval"].startswith("[$1.282 billion")
    # both sources, and why they were linked
    finding = page["findings"][0]
    assert [s["draft"] for s in finding["figures"]] == [True, False]
    assert finding["figures"][1]["text"].endswith("1.4万亿美元") and "Linked because" in finding["suggestion"]
    assert page["seconds"] > 0


def test_the_same_draft_twice_gives_the_same_answer(client):
    text = DRAFT.read_text(encoding="utf-8")
    a = client.post("/api/check", json={"text": text}).json()
    b = client.post("/api/check", json={"text": text}).json()
    a.pop("seconds"), b.pop("seconds")
    assert a == b


def test_against_a_ledger_whose_look_ups_are_kept_until_it_changes(tmp_path):
    db = tmp_path / "ledger.sqlite"
    index([SEEDS], db)
    desk = Desk(load_reference(db), rule_set())
    client = TestClient(create_app(desk), base_url="http://127.0.0.1")
    text = DRAFT.read_text(encoding="utf-8")
    page = client.post("/api/check", json={"text": text}).json()
    assert [f["fix"]["edits"][0]["replacement"] for f in page["findings"]] == \
        ["about $1.4 trillion", "between 13 and 44 GW"]
    cached = dict(desk.reference.cache)
    assert cached and client.post("/api/check", json={"text": text}).json()["findings"] == page["findings"]
    assert all(desk.reference.cache[k] is v for k, v in cached.items())  # served from the cache
    # The archive is re-indexed with an article that corrects the draft: the cache is emptied.
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "note.md").write_text("---\ntitle: Note\ndate: 2025-11-20\n---\nMorgan Stanley now puts the US "
                                   "power shortfall at between 13 and 44 MW by 2028.\n", encoding="utf-8")
    index([SEEDS, extra], db)
    client.post("/api/check", json={"text": text})
    assert not any(desk.reference.cache.get(k) is v for k, v in cached.items())


def test_an_upload_is_decoded_as_files_are(client):
    text = "---\ntitle: 电话会\ndate: 2025-10-02\n---\n甲公司的杠杆率由6倍降至4 2倍。\n"
    page = client.post("/api/upload?name=../../call.txt", content=text.encode("gb18030"),
                       headers={"content-type": "application/octet-stream"}).json()
    assert page["text"] == text and page["name"] == "call.txt"
    (finding,) = page["findings"]
    assert finding["rule"] == "IN005" and finding["fix"]["applicability"] == "safe"
    binary = client.post("/api/upload?name=x.md", content=b"\x00\x01\x02 binary \xff\xfe\x00")
    assert binary.status_code == 400 and "not readable as text" in binary.json()["error"]


def test_accepted_fixes_are_written_into_the_download(client):
    text = DRAFT.read_text(encoding="utf-8")
    page = client.post("/api/check", json={"text": text, "name": "draft-en.md"}).json()
    edit = page["findings"][0]["fix"]["edits"][0]
    out = client.post("/api/apply", json={"text": text, "name": "draft-en.md", "edits": [edit]}).json()
    assert out["applied"] == 1 and out["name"] == "draft-en.corrected.md"
    assert out["text"] == text.replace("about $1.4 billion", "about $1.4 trillion")
    stale = dict(edit, original="about $9 billion")  # an edit for other text is not applied
    assert client.post("/api/apply", json={"text": text, "edits": [stale]}).json() == \
        {"text": text, "applied": 0, "name": "draft.corrected.md"}


def test_apply_skips_overlapping_and_malformed_edits():
    text = "a 5 5x b\nsecond line\n"
    good = {"line": 1, "column": 3, "end_column": 7, "original": "5 5x", "replacement": "5.5x"}
    overlapping = {"line": 1, "column": 5, "end_column": 7, "original": "5x", "replacement": "6x"}
    assert apply(text, [good, overlapping, {"line": "x"}, {"line": 9, "column": 1, "end_column": 2,
                                                         "original": "s", "replacement": "t"}]) == \
        ("a 5.5x b\nsecond line\n", 1)


def test_size_limit_with_a_clear_message(client):
    big = "x" * 60_000
    r = client.post("/api/check", json={"text": big})
    assert r.status_code == 413
    assert "too large" in r.json()["error"] and "at most 50 kB" in r.json()["error"]

    def chunks():  # no Content-Length: refused as it streams
        for _ in range(10):
            yield b"y" * 10_000

    r = client.post("/api/upload?name=big.md", content=chunks())
    assert r.status_code == 413 and "at most 50 kB" in r.json()["error"]


def test_a_foreign_host_is_refused(client):
    assert client.get("/", headers={"host": "attacker.example"}).status_code == 400
    assert client.post("/api/check", json={"text": "x"}, headers={"host": "attacker.example"}).status_code == 400


def test_bad_requests_get_a_message(client):
    assert client.post("/api/check", content=b"not json").json() == {"error": "request: not JSON"}
    assert client.post("/api/check", json={"name": "x"}).status_code == 400
    assert client.get("/api/check").status_code == 405


def test_a_hostile_draft_comes_back_as_data(client):
    page = client.post("/api/check", json={"text": HOSTILE, "name": "<b>.md"}).json()
    assert page["name"] == "_b_.md"
    assert "".join(s["text"] for s in page["segments"]) == HOSTILE  # as text, for textContent
    assert page["findings"] and page["findings"][0]["rule"] == "XD001"


def test_draft_names_are_bare():
    assert draft_name("../../etc/passwd") == "passwd.md"
    assert draft_name("C:\\copy\\note.txt") == "note.txt"
    assert draft_name("") == draft_name(None) == "draft.md"
    assert draft_name("..") == "draft.md"


def test_a_check_opens_no_file(client, monkeypatch):
    """The corpus is held in memory: checking, uploading and applying open nothing at all (so no
    path from a request can be read)."""
    client.post("/api/check", json={"text": DRAFT.read_text(encoding="utf-8")})  # warm
    opened = []
    real = builtins.open
    monkeypatch.setattr(builtins, "open", lambda *a, **k: opened.append(a[0]) or real(*a, **k))
    text = DRAFT.read_text(encoding="utf-8").replace("title:", "title: /etc/passwd ../seeds/x.txt")
    for name in ("/etc/passwd", "../seeds/ai-infrastructure-2025-11.txt"):
        client.post("/api/check", json={"text": text, "name": name})
        client.post(f"/api/upload?name={name}", content=text.encode())
        client.post("/api/apply", json={"text": text, "name": name, "edits": []})
    assert opened == []


def test_help_does_not_import_the_web_stack():
    code = ("import sys; from reconcile.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'jinja2', 'reconcile.serve') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.strip().splitlines()[-1].replace("'", '"')) == []


def test_the_command_serves_on_127_0_0_1_only():
    """`reconcile serve` as a process (no browser needed): it answers on 127.0.0.1, checks a draft,
    and says what it loaded."""
    import urllib.request

    from reconcile.serve.browser import serving

    with serving(SEEDS, "--no-plausibility", "--max-upload-mb", "0.1", cwd=str(ROOT)) as url:
        assert url.startswith("http://127.0.0.1:")
        with urllib.request.urlopen(url) as r:
            assert "seeds" in r.read().decode("utf-8")
        body = json.dumps({"text": DRAFT.read_text(encoding="utf-8"), "name": "draft-en.md"}).encode()
        req = urllib.request.Request(url + "api/check", data=body, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req) as r:
            page = json.loads(r.read())
        assert [f["rule"] for f in page["findings"]] == ["XD001", "XD001"]
        req = urllib.request.Request(url + "api/check", data=b"x" * 200_000)
        try:
            urllib.request.urlopen(req)
            raise AssertionError("a draft over the limit was accepted")
        except urllib.error.HTTPError as e:
            assert e.code == 413 and "at most 100 kB" in json.loads(e.read())["error"]


@pytest.mark.parametrize("bad", [["--max-upload-mb", "0"], ["--max-upload-mb", "lots"], ["--port", "x"]])
def test_serve_bad_usage(capsys, bad):
    from reconcile.cli import main

    with pytest.raises(SystemExit) as e:
        main(["serve", *bad])
    assert e.value.code == 2 and "usage: reconcile serve" in capsys.readouterr().err

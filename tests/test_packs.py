"""Packs: a newsroom's own entities, metrics, units and rules, merged over the built-in data, through
the command line; and the validation that names the file and the key of a mistake."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from reconcile.checks.registry import rule_set
from reconcile.checks.types import REGISTRY
from reconcile.cli import main
from reconcile.data.loader import DATA_FILES, data, data_dir, use_packs

# Two short articles of our own on a made-up company that is in no built-in list, in simplified
# Chinese and in English with a traditional-Chinese name, disagreeing on one figure.
ZH = """---
title: 电池厂商扩产
date: 2025-10-21
---
澜沧储能表示，公司今年的电池装机量将达到524吉瓦时。
"""
EN = """---
title: Battery maker expands
date: 2025-10-22
---
Lancang Storage (瀾滄儲能) said its battery installations will reach 254 GWh this year.
"""


def write_pack(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.toml").write_text(
        '[lancang]\nnames = ["澜沧储能", "瀾滄儲能", "Lancang Storage"]\nkind = "company"\n', encoding="utf-8")
    (folder / "metrics.toml").write_text(
        '[battery_installations]\nwords = ["电池装机量", "battery installations"]\nkinds = ["energy"]\n', encoding="utf-8")
    (folder / "units.txt").write_text("kah = 9699.17 * meter ** 2 = _ = 甲\n", encoding="utf-8")
    (folder / "rules.toml").write_text(
        '[XD001]\nseverity = "warning"\n\n[IN005]\nenabled = false\n\n'
        '[HOUSE1]\ncheck = "stated_change"\nseverity = "info"\nrelative = 0.01\n', encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "zh.md").write_text(ZH, encoding="utf-8")
    (tmp_path / "corpus" / "en.md").write_text(EN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    yield tmp_path
    use_packs(())  # what a test put in force does not leak into the next


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def check_json(capsys, *argv) -> dict:
    code, out, err = run(capsys, "check", "corpus", "--format", "json", "--fail-on", "never", *argv)
    assert code == 0, err
    return json.loads(out)


def test_without_the_pack_the_company_is_its_own_name_in_each_language(project, capsys):
    """Unlisted, the company is still an entity (its name as written), but nothing says that the
    Chinese and the English names are one company: the two figures are not linked."""
    report = check_json(capsys)
    entities = {f["path"].rsplit("/", 1)[-1]: f["entity"] for f in report["figures"] if f["unit"] == "W*h"}
    assert entities == {"zh.md": "澜沧储能", "en.md": "lancang storage"}
    assert not report["groups"]


def test_a_pack_adds_an_entity_a_metric_a_unit_and_rules(project, capsys):
    write_pack(project / "house")
    (project / "reconcile.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    report = check_json(capsys)
    ours = [f for f in report["figures"] if f["entity"] == "lancang"]
    # The simplified name, the English one (and the traditional one beside it) all name the company.
    assert {f["path"].rsplit("/", 1)[-1] for f in ours} == {"zh.md", "en.md"}
    assert {f["metric"] for f in ours} == {"battery_installations"}
    (group,) = report["groups"]
    assert group["key"]["entity"] == "lancang" and group["status"] == "conflict"
    (finding,) = [f for f in report["findings"] if f["rule"] == "XD001"]
    assert finding["severity"] == "warning"  # the pack's severity

    # The unit: 300甲 (Taiwan's kah of farmland) is an area in square metres.
    (project / "office.md").write_text("公司买下300甲的农地。\n", encoding="utf-8")
    code, out, _ = run(capsys, "extract", "office.md", "--format", "jsonl")
    (fig,) = [json.loads(line) for line in out.splitlines()]
    assert fig["unit"] == "m**2" and fig["value"] == pytest.approx(300 * 9699.17)

    # The rules: IN005 off, XD001 a warning, HOUSE1 added; `reconcile rules` and SARIF say so.
    code, out, _ = run(capsys, "rules")
    lines = {line.split()[0]: line for line in out.splitlines()}
    assert "(off)" in lines["IN005"] and lines["XD001"].split()[1] == "warning" and "HOUSE1" in lines
    code, out, _ = run(capsys, "check", "corpus", "--format", "sarif", "--fail-on", "never")
    rules = {r["id"]: r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"]}
    assert rules["XD001"]["defaultConfiguration"]["level"] == "warning"
    assert rules["IN005"]["defaultConfiguration"]["enabled"] is False
    assert rules["HOUSE1"]["properties"]["check"] == "stated_change"
    use_packs([project / "house"])  # (a run puts its packs back when it ends: in force here by hand)
    assert rule_set().get("HOUSE1").tolerance("relative") == 0.01
    use_packs()

    # `reconcile entities` says what is in force and where it came from.
    code, out, _ = run(capsys, "entities", "lancang", "-v")
    assert code == 0 and "澜沧储能" in out and "house/entities.toml" in out


def test_a_pack_extends_a_built_in_entity(project, capsys):
    (project / "house").mkdir()
    (project / "house" / "entities.toml").write_text('[microsoft]\nnames = ["微软集团"]\n', encoding="utf-8")
    (project / "reconcile.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "entities", "microsoft")
    assert "微软集团" in out and "Microsoft" in out


@pytest.mark.parametrize("file, content, key", [
    ("rules.toml", '[XD009]\ncheck = "no_such_check"\n', "XD009.check"),
    ("rules.toml", '[XD001]\nenabled = "no"\n', "XD001.enabled"),
    ("rules.toml", '[XD001]\nseverity = "fatal"\n', "XD001.severity"),
    ("rules.toml", '[XD001]\ncolour = "red"\n', "XD001.colour"),
    ("rules.toml", '[IN003]\nrelative = "abc"\n', "IN003.relative"),
    ("rules.toml", '[tolerances]\nrelative = "high"\n', "tolerances.relative"),
    ("rules.toml", '[NEW1]\nseverity = "error"\n', "NEW1"),
    ("entities.toml", '[acme]\nkind = "company"\n', "acme"),
    ("entities.toml", '[acme]\nnames = ["Acme"]\nkind = "shop"\n', "acme.kind"),
    ("entities.toml", '[acme]\nnames = "Acme"\n', "acme.names"),
    ("entities.toml", '[acme]\nnames = ["Acme"]\ncurrency = "NT$"\n', "acme.currency"),
    ("entities.toml", '[acme]\nnames = ["Acme"]\nfiscal_year_named_by = "middle"\n', "acme.fiscal_year_named_by"),
    ("entities.toml", '[acme]\nnames = ["Acme"]\nfiscal_year_named_by = "start"\n', "acme.fiscal_year_named_by"),
    ("metrics.toml", '[orders]\nwords = ["orders"]\nkinds = ["money"]\n', "orders.kinds"),
    ("metrics.toml", '[profit]\nscope = 1\n', "profit.scope"),
    ("metrics.toml", '[profit]\nrelated = ["no_such_metric"]\n', "profit.related"),
    ("attribution.toml", '[scope_defaults]\naccounting = "gaap"\n', "scope_defaults.accounting"),
    ("attribution.toml", '[sentence_lead]\nfamilies = ["basis", "audit"]\n', "sentence_lead.families"),
    ("qualifiers.toml", '[before]\n"circa" = { low = 0.95, high = 1.05, wide = true }\n', "before.circa.wide"),
    ("periods.toml", '[years]\n"this yr" = "zero"\n', "years.this yr"),
    ("internal.toml", '[parts_total]\nsubset = "of which"\n', "parts_total.subset"),
    ("lexicon.toml", '[no_such_table]\nx = 1\n', "no_such_table"),
    ("units.txt", "ping = 3.3 * no_such_unit\n", "units.txt"),
    ("colours.toml", "x = 1\n", "colours.toml"),
])
def test_a_bad_pack_gets_one_line_naming_the_file_and_the_key(project, capsys, file, content, key):
    (project / "house").mkdir()
    (project / "house" / file).write_text(content, encoding="utf-8")
    (project / "reconcile.toml").write_text('packs = ["house"]\n', encoding="utf-8")
    code, out, err = run(capsys, "check", "corpus")
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1, err
    assert f"house/{file}" in lines[0] and key in lines[0] and "Traceback" not in err


def test_a_missing_pack_is_an_error(project, capsys):
    (project / "reconcile.toml").write_text('packs = ["nowhere"]\n', encoding="utf-8")
    code, _, err = run(capsys, "check", "corpus")
    assert code == 2 and "nowhere" in err and len(err.strip().splitlines()) == 1


def test_every_registered_check_type_is_documented_and_in_the_catalogue():
    built_in = {r.check.name for r in rule_set()}
    assert built_in == set(REGISTRY)
    for ct in REGISTRY.values():
        assert ct.summary.endswith(".") and ct.why and ct.example and ct.title
        assert rule_set().get(ct.code).check is ct  # the built-in rule of each type has its code


def test_every_data_file_is_read_by_the_loader():
    """No code opens rules/ or units/ itself: every built-in file is one the loader knows."""
    for folder in ("rules", "units"):
        for path in data_dir(folder).iterdir():
            if path.suffix == ".toml":
                assert DATA_FILES.get(path.name) == folder, path
    assert set(data().definitions()) == set(data_dir("units").glob("*.txt"))
    package = Path(__file__).parent.parent / "reconcile"
    for module in package.rglob("*.py"):
        if module.name != "loader.py":
            text = module.read_text(encoding="utf-8")
            assert 'data_dir("rules")' not in text and 'data_dir("units")' not in text, module

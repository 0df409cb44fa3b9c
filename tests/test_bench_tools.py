"""The real-copy corpus tools in bench/: collecting pages again and cutting each back to its labelled body."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "real_copy"))
from trim_to_hash import trim  # noqa: E402

# A re-collected page: a date and a site's header before the article, a menu after it.
PAGE = " date 2025-10-01 Daily Wire Service\nOrvane posts a record quarter\n\nRevenue rose 12%.\nProfit doubled.\nShare this\n"


@pytest.mark.parametrize("labelled", [
    "Orvane posts a record quarter\n\nRevenue rose 12%.\nProfit doubled.\n",   # a final line break
    "\nRevenue rose 12%.\nProfit doubled.",                                    # a leading one, none after
    " date 2025-10-01 Daily Wire Service\nOrvane posts a record quarter",      # the date kept
    "Daily Wire Service\nOrvane posts a record quarter\n\nRevenue rose 12%.\n\n",  # two after
    "Revenue rose 12%.\nProfit",                                               # cut inside a line
])
def test_the_stretch_that_hashes_to_the_label_is_found_exactly(labelled):
    digest = hashlib.sha256(labelled.encode("utf-8")).hexdigest()
    assert trim(PAGE, digest) == labelled


def test_no_stretch_is_invented():
    assert trim(PAGE, hashlib.sha256(b"Revenue rose 13%.").hexdigest()) is None


def test_collect_builds_an_article_from_the_excerpt_as_the_tool_shows_it(tmp_path, monkeypatch, capsys):
    """bench/real_copy/collect.py: a saved excerpt (a JSON string literal, escapes as shown) becomes
    a corpus file with front matter whose body hashes to the label; a slip in the copy is reported."""
    import collect
    import trim_to_hash
    body = "Orvane's revenue rose 12% to \u00a53.4\u4ebf.\nProfit doubled."
    labels, raw, corpus = tmp_path / "labels", tmp_path / "raw", tmp_path / "corpus"
    labels.mkdir()
    (labels / "orvane.toml").write_text(
        'story = "orvane"\nsplit = "dev"\n'
        + "".join(f'[[article]]\nfile = "{f}"\nurl = "https://news.example/{f}"\nquery = "orvane revenue"\n'
                  f'date = "2025-10-01"\nsha256 = "{hashlib.sha256(body.encode()).hexdigest()}"\n\n'
                  for f in ("01-en.md", "02-en.md", "03-en.md")), encoding="utf-8")
    (raw / "orvane").mkdir(parents=True)
    import json
    (raw / "orvane" / "01-en.md.json").write_text(json.dumps(" date 2025-10-01 " + body + "\nShare this"), encoding="utf-8")
    (raw / "orvane" / "02-en.md.json").write_text(json.dumps(body.replace("12%", "13%")), encoding="utf-8")
    for module in (collect, trim_to_hash):
        monkeypatch.setattr(module, "LABELS", labels)
        monkeypatch.setattr(module, "CORPUS", corpus)
    monkeypatch.setattr(collect, "RAW", raw)
    assert collect.build("orvane") == 2  # 02 differs from the label, 03 was never saved
    written = (corpus / "orvane" / "01-en.md").read_text(encoding="utf-8")
    assert written.startswith('---\nsource: "news.example"\ndate: 2025-10-01\n')
    assert written.endswith("---\n\n" + body)
    out = capsys.readouterr().out
    assert "03-en.md.json: not saved yet" in out and "02-en.md: no stretch" in out
    # an excerpt cut inside a surrogate pair is no text: said, and nothing written for it
    (raw / "orvane" / "03-en.md.json").write_text('"Orvane \\ud83d"', encoding="utf-8")
    assert collect.build("orvane") == 2
    assert "03-en.md.json: not text" in capsys.readouterr().out and not (corpus / "orvane" / "03-en.md").exists()


def test_a_label_read_without_some_of_its_digits_is_counted_as_read_in_part():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    import real_eval

    article = real_eval.Article("s", "dev", "01.md", Path("01.md"), {}, text="營收7﹒65億元，年增12%。")
    lab = real_eval.Label(article, "7﹒65億元", 1, "x/revenue/2025", "a", start=2, end=9)
    assert real_eval._read_in_part(lab, 4, 9)        # 65億元 alone: the 7 is outside
    assert not real_eval._read_in_part(lab, 2, 9)    # the whole amount

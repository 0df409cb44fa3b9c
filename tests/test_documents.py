"""Reading a corpus: encodings, line/column mapping, article splitting, front matter, folders
and bad input (library and CLI)."""
import subprocess
import sys

import pytest

from reconcile.api import extract_records
from reconcile.errors import InputError
from reconcile.extraction.documents import is_headline, iter_files, load_documents

# One article in the seed's format: title, "source· date time", body.
ARTICLE = "标题\n新闻社· 2025-11-16 07:31\nOpenAI计划在未来8年投入约1.4万亿美元,微软上季度投入349亿美元。\n"
# The same article in traditional characters (Big5 can encode all of it).
ARTICLE_TRAD = "標題\n新聞社· 2025-11-16 07:31\nOpenAI計劃在未來8年投入約1.4萬億美元,微軟上季度投入349億美元。\n"
# (value, unit) of the figures of ARTICLE, in order.
ARTICLE_FIGURES = [(8.0, "year"), (1.4e12, "USD"), (3.49e10, "USD")]


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def values(records):
    return [(r["value"], r["unit"]) for r in records]


def check_positions(records, lines):
    """Each record's line/column/end_column points at its text in the original lines."""
    assert records
    for r in records:
        line = lines[r["line"] - 1]
        assert r["end_column"] - r["column"] == len(r["text"]), r
        assert line[r["column"] - 1 : r["end_column"] - 1] == r["text"], r


def file_lines(path, encoding):
    return path.read_bytes().decode(encoding).split("\n")


# --- encodings --------------------------------------------------------------------------------

ENCODINGS = [
    # (file encoding, encoding to read it back with, text)
    ("utf-8", "utf-8", ARTICLE),
    ("utf-8-sig", "utf-8-sig", ARTICLE),
    ("utf-16", "utf-16", ARTICLE),  # Python writes a BOM
    ("gb18030", "gb18030", ARTICLE),
    ("big5", "big5", ARTICLE_TRAD),
]


@pytest.mark.parametrize("encoding, read_back, text", ENCODINGS, ids=[e[0] for e in ENCODINGS])
def test_encodings_decode_to_the_same_figures(tmp_path, encoding, read_back, text):
    path = write(tmp_path / f"article-{encoding}.txt", text, encoding)
    docs, records = extract_records([path])
    assert len(docs) == 1
    doc = docs[0]
    assert doc.file.text == text  # decoded exactly, BOM removed
    assert doc.file.text[:1] != "\ufeff"
    assert doc.title == text.split("\n")[0]
    assert doc.date == "2025-11-16T07:31"
    assert doc.source == text.split("\n")[1].split("·")[0]
    assert values(records) == ARTICLE_FIGURES
    assert all(r["line"] == 3 for r in records)
    check_positions(records, file_lines(path, read_back))


# Short files, too short for a statistical guess: each is read in the encoding it was written in.
SHORT_TEXTS = [("gb18030", "营收增长5%"), ("gb18030", "净利润10亿元"), ("gb18030", "甲"), ("gb18030", "營收增長5%"),
               ("big5", "營收增長5%"), ("big5", "收入"), ("big5", "甲"), ("big5", "台積電營收3兆")]


@pytest.mark.parametrize("encoding, text", SHORT_TEXTS)
def test_a_short_chinese_file_is_read_in_its_own_encoding(tmp_path, encoding, text):
    path = tmp_path / "short.txt"
    path.write_bytes(text.encode(encoding))
    (doc,) = load_documents([path])
    assert doc.file.text == text, doc.file.encoding


def test_encodings_give_identical_records(tmp_path):
    """Columns count characters, not bytes: every encoding of the article gives the same records."""
    seen = {}
    for encoding, _, text in ENCODINGS:
        if text is not ARTICLE:
            continue
        _, records = extract_records([write(tmp_path / f"{encoding}.txt", text, encoding)])
        seen[encoding] = [(r["line"], r["column"], r["end_column"], r["text"], r["value"], r["low"], r["high"])
                          for r in records]
    first = seen["utf-8"]
    assert all(v == first for v in seen.values()), seen


def test_big5_traditional_sentence(tmp_path):
    text = "微軟上季度投入349億美元,OpenAI計劃投入約1.4萬億美元"
    path = write(tmp_path / "trad.txt", text, "big5")
    _, records = extract_records([path])
    assert values(records) == [(3.49e10, "USD"), (1.4e12, "USD")]
    assert [r["text"] for r in records] == ["349億美元", "約1.4萬億美元"]  # original characters
    assert records[1]["qualifier"] == "约"
    check_positions(records, file_lines(path, "big5"))


def test_full_width_digits_keep_original_columns(tmp_path):
    text = "标题\n2025-11-16\n计划投入约１．４万亿美元，微软投入３４９亿美元，占比１２％。\n"
    path = write(tmp_path / "fw.txt", text)
    _, records = extract_records([path])
    assert [r["text"] for r in records] == ["约１．４万亿美元", "３４９亿美元", "１２％"]
    assert [r["value"] for r in records] == [1.4e12, 3.49e10, 12.0]
    assert [(r["line"], r["column"]) for r in records] == [(3, 5), (3, 18), (3, 27)]
    check_positions(records, file_lines(path, "utf-8"))


def test_crlf_line_endings_keep_columns(tmp_path):
    path = write(tmp_path / "crlf.txt", ARTICLE.replace("\n", "\r\n"))
    _, records = extract_records([path])
    assert values(records) == ARTICLE_FIGURES
    check_positions(records, file_lines(path, "utf-8"))


def test_crlf_date_lines_are_recognised(tmp_path):
    text = ARTICLE + "\n第二篇\n2025-11-12 18:02\n谷歌投入910亿至930亿美元。\n"
    path = write(tmp_path / "crlf.txt", text.replace("\n", "\r\n"))
    docs = load_documents([path])
    assert [(d.title, d.source, d.date) for d in docs] == [
        ("标题", "新闻社", "2025-11-16T07:31"), ("第二篇", None, "2025-11-12T18:02")]


# --- many articles in one file ----------------------------------------------------------------

MULTI = """OpenAI的万亿豪赌
21世纪经济报道· 2025-11-16 07:31
OpenAI计划在未来8年投入约1.4万亿美元。

谷歌上调资本开支
2025-11-12 18:02
谷歌将资本开支上调至910亿至930亿美元。

微软季度投入
财经网 • 2025-11-3
微软上季度投入349亿美元,同比增长74%。
"""


def test_multi_article_file_is_split(tmp_path):
    path = write(tmp_path / "seed.txt", MULTI)
    docs, records = extract_records([path])
    assert [(d.title, d.source, d.date) for d in docs] == [
        ("OpenAI的万亿豪赌", "21世纪经济报道", "2025-11-16T07:31"),
        ("谷歌上调资本开支", None, "2025-11-12T18:02"),
        ("微软季度投入", "财经网", "2025-11-03"),
    ]
    assert [d.id for d in docs] == [f"{path.as_posix()}#{i}" for i in (1, 2, 3)]
    assert all(d.lang == "zh" for d in docs)
    lines = MULTI.split("\n")
    date_lines = {2, 6, 10}
    assert not [r for r in records if r["line"] in date_lines], "a date line yielded a figure"
    assert not [r for r in records if "2025" in r["text"] or r["text"].startswith("21")]
    by_doc = {}
    for r in records:
        by_doc.setdefault(r["doc"], []).append((r["line"], r["text"], r["value"]))
    assert by_doc == {
        docs[0].id: [(3, "8年", 8.0), (3, "约1.4万亿美元", 1.4e12)],
        docs[1].id: [(7, "910亿至930亿美元", 9.2e10)],
        docs[2].id: [(11, "349亿美元", 3.49e10), (11, "74%", 74.0)],
    }
    check_positions(records, lines)


def test_figure_at_the_end_of_an_article_has_the_right_end_column(tmp_path):
    text = "第一篇\n新闻社· 2025-11-16 07:31\n用户达30万以上\n\n第二篇\n2025-11-12 18:02\n投入349亿美元。\n"
    path = write(tmp_path / "end.txt", text)
    _, records = extract_records([path])
    assert [(r["line"], r["column"], r["end_column"], r["text"]) for r in records][0] == (3, 4, 9, "30万以上")
    check_positions(records, text.split("\n"))


def test_documents_cover_their_own_article(tmp_path):
    path = write(tmp_path / "seed.txt", MULTI)
    docs = load_documents([path])
    for d in docs:
        assert d.raw.startswith(d.title)
        assert len(d.text) == len(d.raw)
    assert docs[0].end <= docs[1].start and docs[1].end <= docs[2].start


# --- Markdown with front matter ---------------------------------------------------------------

FRONT_MATTER = """---
title: OpenAI的万亿豪赌
date: 2025-11-16
source: 21世纪经济报道
lang: zh
---

# 正文标题
OpenAI计划投入约1.4万亿美元,微软上季度投入349亿美元。
"""


def test_markdown_front_matter(tmp_path):
    path = write(tmp_path / "a.md", FRONT_MATTER)
    docs, records = extract_records([path])
    assert len(docs) == 1
    d = docs[0]
    assert (d.title, d.date, d.source, d.lang) == ("OpenAI的万亿豪赌", "2025-11-16", "21世纪经济报道", "zh")
    # The front matter yields no figure (2025-11-16, 21世纪) and lines count it.
    assert [(r["line"], r["text"]) for r in records] == [(9, "约1.4万亿美元"), (9, "349亿美元")]
    check_positions(records, FRONT_MATTER.split("\n"))


def test_markdown_front_matter_lang_en(tmp_path):
    text = "---\ntitle: Spending\nlang: en\n---\nMicrosoft spent $34.9 billion.\n"
    docs, records = extract_records([write(tmp_path / "en.md", text)])
    assert (docs[0].title, docs[0].lang, docs[0].date, docs[0].source) == ("Spending", "en", None, None)
    assert [(r["line"], r["column"], r["text"], r["value"]) for r in records] == [
        (5, 17, "$34.9 billion", 3.49e10)]


def test_markdown_without_front_matter_takes_heading_as_title(tmp_path):
    docs, records = extract_records([write(tmp_path / "b.md", "# 微软季度投入\n\n微软投入349亿美元。\n")])
    assert docs[0].title == "微软季度投入"
    assert [(r["line"], r["column"], r["text"]) for r in records] == [(3, 5, "349亿美元")]


def test_a_first_line_that_is_a_paragraph_is_not_a_headline(tmp_path):
    # Copy pasted without its headline starts with a paragraph: its figures are body figures (they
    # link across documents, and IN001 does not hold them against the rest), and the report names
    # the document by its file.
    text = "Microsoft spent $34.9 billion in the quarter. Analysts expected $30 billion.\n\nThe rest.\n"
    docs, records = extract_records([write(tmp_path / "c.md", text)])
    assert (docs[0].title, docs[0].name) == ("", "c.md")
    assert [(r["text"], r["in_title"]) for r in records] == [("$34.9 billion", False), ("$30 billion", False)]
    docs, records = extract_records([write(tmp_path / "d.md", "微软季度投入349亿美元\n\n微软投入349亿美元。\n")])
    assert docs[0].title == "微软季度投入349亿美元"
    assert [r["in_title"] for r in records] == [True, False]


def test_a_comment_first_is_no_headline_and_a_blank_title_no_name(tmp_path):
    # A suppression comment on the first line is not copy: the line after it is the headline. A
    # front-matter title of spaces names nothing: the report names the file.
    text = "<!-- reconcile-ignore XD001: agreed -->\nMicrosoft lifts spending\n\nMicrosoft spent $34.9 billion.\n"
    docs, _ = extract_records([write(tmp_path / "e.md", text)])
    assert docs[0].title == "Microsoft lifts spending"
    docs, _ = extract_records([write(tmp_path / "f.md", "---\ntitle: ' '\n---\nMicrosoft spent $34.9 billion.\n")])
    assert docs[0].name == "f.md"


@pytest.mark.parametrize("stamp", ["Posted 08:45, March 3, 2025 | Last updated: 19:02, March 3, 2025",
                                   "September 12, 2025", "发布时间：2025年9月12日 08:45"])
def test_a_time_stamp_first_is_no_headline(tmp_path, stamp):
    # A page's time stamp above the headline is not the headline: the line after it is.
    text = f"{stamp}\nHarbourline Insurance rises in its Hong Kong debut\n\nThe shares rose 2%.\n"
    docs, _ = extract_records([write(tmp_path / "s.md", text)])
    assert docs[0].title == "Harbourline Insurance rises in its Hong Kong debut"


@pytest.mark.parametrize("line, headline", [
    ("# Microsoft spent more. Much more.", True),                  # a Markdown heading always is
    ("BYD raises $5.6 Billion in Hong Kong's largest placement", True),
    ("Nippon Steel closes its U.S. Steel deal", True),           # an abbreviation ends no sentence
    ("Apple Inc. Reports Record Revenue", True),
    ("Toyota Motor Corp. profit falls 27% vs. a year ago", True),
    ("Nvidia reports on Nov. 19", True),
    ("Is Nvidia worth $5 trillion?", True),
    ("Why did Nvidia fall? Analysts weigh in", True),             # a question, then its answer
    ("#AI stocks soared today. Nvidia rose 5% to a record.", False),  # a hashtag is no heading
    ("紫金黄金国际:250亿港元IPO,一手中签率5%", True),
    ("Netflix reported revenue of $11.5 billion.", False),        # a sentence
    ("Revenue rose 5%. Profit fell 3%", False),                   # two
    ("小米第三季度营收1131亿元。汽车业务首次盈利", False),          # a Chinese full stop
    ("小米集团今日披露业绩公告称第三季度收入同比增长百分之二十二点三其中智能电动汽车及人工智能等创新业务分部首次实现"
     "单季度经营盈利经营收益为七亿元而手机业务收入有所下降毛利率亦承压公司称将继续加大研发投入", False),  # too long
])
def test_which_first_lines_are_headlines(line, headline):
    assert is_headline(line) is headline


def test_front_matter_date_with_time_is_iso(tmp_path):
    text = "---\ntitle: x\ndate: 2025-11-16 07:31\n---\n微软投入349亿美元。\n"
    assert load_documents([write(tmp_path / "t.md", text)])[0].date == "2025-11-16T07:31"


# --- folders ----------------------------------------------------------------------------------


def make_corpus(root):
    write(root / "b" / "z.txt", "标题\n2025-11-16\n投入349亿美元。\n")
    write(root / "a.md", FRONT_MATTER)
    write(root / "a" / "deep" / "x.txt", "Microsoft spent $34.9 billion.\n")
    write(root / "c.txt", "近50吉瓦\n")
    write(root / "notes.csv", "a,349亿美元\n")
    write(root / "data.json", '{"x": 1}\n')
    (root / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    write(root / ".hidden" / "h.txt", "349亿美元\n")
    return root


def test_folders_are_read_recursively_in_a_stable_order(tmp_path):
    root = make_corpus(tmp_path / "corpus")
    expected = [root / "a.md", root / "a" / "deep" / "x.txt", root / "b" / "z.txt", root / "c.txt"]
    assert sorted(iter_files([root])) == sorted(expected)
    whole = [d.path for d in load_documents([root])]
    assert sorted(whole) == sorted(p.as_posix() for p in expected)
    assert len(whole) == len(set(whole))
    # Whatever order the folders and files are given in, and with repeats, the order is the same.
    parts = [root / "c.txt", root / "b", root / "a.md", root / "a"]
    for given in (parts, parts[::-1], parts[1:] + parts[:1], parts + parts, [root, root / "b"]):
        assert [d.path for d in load_documents(given)] == whole, given
    docs, records = extract_records([root])
    assert [r["path"] for r in records] == sorted((r["path"] for r in records), key=whole.index)


# --- bad input --------------------------------------------------------------------------------

GOOD = "标题\n2025-11-16\n投入349亿美元。\n"
BAD = {
    "missing": None,
    "binary": bytes(range(256)) * 10,
    "png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
    "bad-yaml": "---\ntitle: [unclosed\ndate: 2025-11-16\n---\n投入349亿美元。\n".encode(),
    "yaml-list": "---\n- a\n- b\n---\n投入349亿美元。\n".encode(),
    "bad-bom": b"\xef\xbb\xbf" + "投入".encode("gb18030") + b"\xff\xfe\xff",
}
BAD_NAMES = {"missing": "missing.txt", "binary": "blob.txt", "png": "picture.txt", "bad-yaml": "fm.md",
             "yaml-list": "list.md", "bad-bom": "bom.txt"}
# Bad dates and unclosed front matter (bugs found by these tests, now fixed).
BAD_XFAIL = {
    "bad-date": ("baddate.md", "---\ntitle: x\ndate: 2025-13-45\n---\n投入349亿美元。\n".encode(),
                 "yaml turns date: 2025-13-45 into a ValueError (month must be in 1..12), which "
                 "_front_matter does not catch (only yaml.YAMLError): traceback instead of InputError"),
    "unclosed": ("unclosed.md", "---\ntitle: x\ndate: 2025-11-16\n投入349亿美元。\n".encode(),
                 "front matter opened by --- but never closed is silently read as body: title '---', "
                 "no date, instead of an InputError"),
}


def bad_cases():
    for key, data in BAD.items():
        yield pytest.param(BAD_NAMES[key], data, id=key)
    for key, (name, data, reason) in BAD_XFAIL.items():
        yield pytest.param(name, data, id=key)


def setup_bad(tmp_path, name, data):
    folder = tmp_path / "in"
    good = write(folder / "good.txt", GOOD)
    path = folder / name
    if data is not None:
        path.write_bytes(data)
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return folder, good, path, before


@pytest.mark.parametrize("name, data", list(bad_cases()))
def test_bad_input_raises_input_error_naming_the_file(tmp_path, name, data):
    folder, good, path, before = setup_bad(tmp_path, name, data)
    with pytest.raises(InputError) as info:
        extract_records([good, path])
    message = str(info.value)
    assert name in message and str(path) in message
    assert "\n" not in message
    assert info.value.path == str(path)
    if data is not None:  # also found when walking the folder
        with pytest.raises(InputError, match=name):
            load_documents([folder])
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("name, data", list(bad_cases()))
def test_cli_bad_input_exits_2_with_one_line(tmp_path, name, data):
    folder, good, path, before = setup_bad(tmp_path, name, data)
    proc = subprocess.run([sys.executable, "-m", "reconcile.cli", "extract", str(good), str(path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip("\n").split("\n")
    assert len(lines) == 1, proc.stderr
    assert str(path) in lines[0]
    assert {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()} == before


def test_cli_main_missing_path(tmp_path, capsys):
    from reconcile.cli import main

    missing = tmp_path / "nowhere" / "x.txt"
    assert main(["extract", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and str(missing) in err and "Traceback" not in err
    assert out == ""


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
def test_cli_leaves_input_files_unchanged(tmp_path, capsys, fmt):
    from reconcile.cli import main

    for encoding, _, text in ENCODINGS:
        write(tmp_path / "in" / f"{encoding}.txt", text, encoding)
    write(tmp_path / "in" / "seed.txt", MULTI)
    write(tmp_path / "in" / "a.md", FRONT_MATTER)
    before = {p: p.read_bytes() for p in (tmp_path / "in").rglob("*")}
    assert main(["extract", "--format", fmt, "--no-color", str(tmp_path / "in")]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "349" in out
    assert {p: p.read_bytes() for p in (tmp_path / "in").rglob("*")} == before


def test_pyyaml_is_a_declared_dependency():
    import re
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))
    names = [re.split(r"[<>=!~; \[]", d, maxsplit=1)[0].lower() for d in project["project"]["dependencies"]]
    assert "pyyaml" in names, names


def test_a_page_that_spells_out_pinyin_is_read_without_it(tmp_path):
    # Some pages write each character's pinyin in brackets after it (項(xiàng)目). Read as written,
    # units and words break (萬(wàn)噸 is no mass); read without the brackets they hold, while every
    # figure is still reported where the file has it.
    line = "該項(xiàng)目年產(chǎn)能為1650萬(wàn)噸,總投資(zī)約為175億美元,預(yù)計(jì)2029年投產(chǎn)。"
    text = "# 液化天然氣項目\n\n" + line + "\n"
    path = write(tmp_path / "p.md", text)
    docs, records = extract_records([path])
    assert "(" not in docs[0].text
    by_text = {r["text"]: r for r in records}
    mass = by_text["1650萬(wàn)噸"]  # (the record's text is the file's)
    assert mass["kind"] == "mass"
    start = line.index("1650萬(wàn)噸")
    assert (mass["line"], mass["column"], mass["end_column"]) == (3, start + 1, start + 1 + len("1650萬(wàn)噸"))
    money = by_text["175億美元"]
    assert (money["line"], money["column"]) == (3, line.index("175億美元") + 1)
    # a figure whose last character has its bracket right after: the figure ends before it; the
    # headline is read without brackets too
    line = "總投資(zī)為128億(yì),工廠年產(chǎn)能為20萬(wàn)噸(dūn),預(yù)計(jì)投產(chǎn)。"
    docs, records = extract_records([write(tmp_path / "r.md", "# 電(diàn)池(chí)工廠\n\n" + line + "\n")])
    assert docs[0].title == "電池工廠"
    by_text = {r["text"]: r for r in records}
    mass = by_text["20萬(wàn)噸"]
    assert mass["end_column"] == line.index("(dūn)") + 1
    # a bracket or two of lower-case letters after Chinese is no pinyin page: left as it is
    docs, _ = extract_records([write(tmp_path / "q.md", "# 标题\n\n公司(ltd)投资175亿美元。\n")])
    assert "(ltd)" in docs[0].text


def test_a_figure_written_with_pinyin_inside_gets_no_fix(tmp_path):
    # A rewrite of 20萬噸 would drop the file's (wàn): such a figure is never rewritten; one whose
    # bracket stands after it (128億, then (yì)) is written in the file as it was read.
    from reconcile.engine import analyse
    from reconcile.fixes import _editable

    line = "總投資(zī)為128億(yì),工廠年產(chǎn)能為20萬(wàn)噸(dūn),預(yù)計(jì)投產(chǎn)。"
    write(tmp_path / "r.md", "# 電(diàn)池(chí)工廠\n\n" + line + "\n")
    editable = {m.record["text"]: _editable(m) for m in analyse([tmp_path]).mentions}
    assert editable["20萬(wàn)噸"] is False and editable["128億"] is True

"""Reading a corpus: files and folders, encodings, and the articles inside each file.

A file holds one article (plain text, or Markdown with YAML front matter) or many, in the seed's
format: a title line, then "source· YYYY-MM-DD HH:MM" (or a bare date line), then the body.
Each Document keeps the file's decoded text, so every offset maps back to a line and a column
of the original file.
"""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reconcile.errors import InputError
from reconcile.extraction.normalize import normalize

SUFFIXES = (".txt", ".md", ".markdown")

# "21世纪经济报道· 2025-11-16 07:31" or a bare "2025-11-12 18:02"
_DATE_LINE = re.compile(
    r"^[ \t]*(?:(?P<source>[^\n]{1,60}?)[ \t]*[·•・][ \t]*)?"
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(?P<time>\d{1,2}:\d{2})(?::\d{2})?)?[ \t]*\r?$"
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)---[ \t]*(?:\r?\n|\Z)", re.S)
_CJK = re.compile(r"[\u3400-\u9fff]")
_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(slots=True)
class SourceFile:
    path: str  # as the user named it, POSIX separators
    text: str  # decoded, BOM removed
    encoding: str
    line_starts: list[int] = field(default_factory=list)

    def __post_init__(self):
        self.line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]

    def locate(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters."""
        line = bisect.bisect_right(self.line_starts, offset)
        return line, offset - self.line_starts[line - 1] + 1


@dataclass(slots=True)
class Document:
    id: str
    file: SourceFile
    start: int  # offset of the document's first character in the file's text
    end: int
    title: str
    title_end: int  # offset (in the document) where the headline ends; 0 without one
    source: str | None
    date: str | None  # ISO 8601: "2025-11-16" or "2025-11-16T07:31"
    lang: str  # "zh" or "en"
    text: str = ""  # normalised, same length as raw; lines that are not copy are blanked
    front_title: bool = False  # the headline is the front matter's title (in the text, at title_end)
    # A page that writes each character's pinyin after it (項(xiàng)目) is read without it: `raw` and
    # `text` are then the file's slice with those brackets cut, and `cuts` maps their offsets back
    # (each: an offset of the cut text, and how many characters were cut before it).
    cut_raw: str | None = None
    cuts: tuple[tuple[int, int], ...] = ()

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def name(self) -> str:
        """What a report calls the document: its headline, or its file's name when it has none."""
        return self.title.strip() or Path(self.file.path).name

    @property
    def raw(self) -> str:
        return self.cut_raw if self.cut_raw is not None else self.file.text[self.start : self.end]

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def locate(self, offset: int, end: bool = False) -> tuple[int, int]:
        return self.file.locate(self.file_offset(offset, end))

    def file_offset(self, offset: int, end: bool = False) -> int:
        """The offset in the file's text of an offset in the document's; an `end` (exclusive) stops
        before the characters cut right there (萬噸 ends before 噸's own pinyin)."""
        if self.cuts:
            k = (bisect.bisect_left if end else bisect.bisect_right)(self.cuts, (offset, -1 if end else len(self.file.text)))
            offset += self.cuts[k - 1][1] if k else 0
        return self.start + offset

    def as_in_file(self, start: int, end: int) -> str:
        """The text of [start, end) as the file writes it (with any pinyin cut from the document)."""
        return self.file.text[self.file_offset(start):self.file_offset(end, end=True)] if self.cuts else self.raw[start:end]


def iter_files(paths) -> list[Path]:
    """The readable files under `paths`, folders walked recursively (hidden ones skipped), in a
    stable order; a file reached by two names (a symlink) once, under the first. A folder that
    cannot be listed is an InputError, never a silent gap."""
    import os

    if isinstance(paths, (str, Path)):
        paths = [paths]
    found: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            def fail(err: OSError) -> None:
                raise InputError(err.filename or p, f"cannot list the folder: {err.strerror or err}")

            for root, dirs, files in os.walk(p, onerror=fail, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                found += sorted(Path(root) / f for f in files
                                if not f.startswith(".") and Path(f).suffix.lower() in SUFFIXES
                                and (Path(root) / f).is_file())
        elif p.is_file():
            found.append(p)
        else:
            raise InputError(p, "no such file or folder")
    unique: dict[str, Path] = {}
    for f in sorted(found, key=lambda f: f.as_posix()):
        unique.setdefault(os.path.realpath(f), f)
    return sorted(unique.values(), key=lambda f: f.as_posix())


def decode(path: Path, data: bytes) -> tuple[str, str]:
    """(text, encoding) of raw bytes: BOMs first, then UTF-8, then charset-normalizer's guess."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError as e:
                raise InputError(path, f"starts with a {enc} byte-order mark but is not valid {enc}: {e.reason}")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if "\x00" in text:
            raise InputError(path, "looks like a binary file, not text")
        return text, "utf-8"
    if len(data) <= SHORT:
        short = _short_chinese(data)
        if short is not None:
            return short
    from charset_normalizer import from_bytes

    # UTF-16 is read with its byte-order mark only (above): without one, any even number of bytes
    # decodes as UTF-16, and a short GBK file came out as gibberish.
    best = from_bytes(data, cp_isolation=["gb18030", "big5", "shift_jis", "cp1252", "latin_1"]).best()
    if best is None or "\x00" in str(best):
        raise InputError(path, "not readable as text (no encoding fits; is it a binary file?)")
    return str(best), best.encoding


# Below this many bytes a statistical guess cannot tell GBK from Big5: a short file is read in the
# one of the two in which its Chinese characters are the more frequent ones (GB 2312's first level,
# Big5's frequent characters), when most of them are.
SHORT = 256
_FREQUENT = {"gb18030": ("gb2312", 0xB0, 0xD7), "big5": ("big5", 0xA4, 0xC6)}


def _short_chinese(data: bytes) -> tuple[str, str] | None:
    best, best_share = None, 0.5
    for encoding, (charset, first, last) in _FREQUENT.items():
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        han = _CJK.findall(text)
        if not han:
            continue

        def frequent(c: str) -> bool:
            try:
                return first <= c.encode(charset)[0] <= last
            except UnicodeEncodeError:
                return False

        share = sum(map(frequent, han)) / len(han)
        if share > best_share:
            best, best_share = (text, encoding), share
    return best


def read_file(path: Path) -> SourceFile:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(path, e.strerror or "cannot be read")
    text, encoding = decode(path, data)
    return SourceFile(path=path.as_posix(), text=text, encoding=encoding)


def _stated_lang(value) -> str | None:
    """zh or en from a front matter's language (zh-Hant, zh_CN, cn, Chinese, en-GB …); None when it
    names neither."""
    v = str(value or "").strip().lower()
    if v.startswith(("zh", "cn", "chinese", "中文")):
        return "zh"
    return "en" if v.startswith(("en", "english")) else None


def _lang(text: str) -> str:
    """zh when the first 200 characters hold a Chinese character or the first 4,000 more than 20."""
    if _CJK.search(text, 0, 200):
        return "zh"
    return "zh" if sum(1 for _ in itertools.islice(_CJK.finditer(text, 0, 4000), 21)) > 20 else "en"


# A Markdown table's delimiter row (| :--- | ---: |).
_DELIMITER_ROW = re.compile(r"\|(?:[ \t]*:?-{3,}:?[ \t]*\|)+")


def unflatten_tables(text: str) -> str:
    """`text` with each Markdown table written on one line (a web page's copy that lost its line
    breaks: "Indicators (HKD million) | Item | H1 2025 | | :--- | :--- | | Profit | 22,796 | …")
    broken into its rows again: the space before each row's first bar, and the one after the
    table's last, becomes a line break. The row count comes from the delimiter row; one character
    for one, so every offset holds. A table whose rows are lines already is left as it is. Each
    table costs its own length: bars are looked for from the delimiter row outwards."""
    if "| |" not in text or "---" not in text:
        return text
    chars = list(text)

    def bar_after(i: int) -> int:  # the next bar on i's line, or -1
        j = text.find("|", i)
        return j if j >= 0 and text.find("\n", i, j) < 0 else -1

    # (Rows are counted in cells: a row short of one shifts the rest onto one line, and a header row
    # without its own leading bar borrows one from prose before it on the line; both left as read.)
    for m in _DELIMITER_ROW.finditer(text):
        n = m.group().count("|") - 1  # cells in a row
        header, i = [], m.start()
        for _ in range(n + 1):  # the header row's bars, from its last back to its first
            i = text.rfind("|", 0, i)
            if i < 0 or text.find("\n", i, m.start()) >= 0:
                break
            header.append(i)
        if len(header) < n + 1 or not text[header[0] + 1:m.start()].isspace():
            continue  # no header row right before the delimiter row on its line
        cuts = [header[-1], m.start()]  # the header row and the delimiter row open lines
        last = m.end() - 1  # the last bar of the row before
        while (first := bar_after(last + 1)) > last + 1 and text[last + 1:first].isspace():
            bars = [first]
            while len(bars) < n + 1 and (b := bar_after(bars[-1] + 1)) >= 0:
                bars.append(b)
            if len(bars) < n + 1:
                break
            cuts.append(first)
            last = bars[-1]
        for at in cuts:
            if at > 0 and text[at - 1] in " \t":
                chars[at - 1] = "\n"
        if text[last + 1:last + 2] in (" ", "\t"):  # the text after the table's last row opens a line
            chars[last + 1] = "\n"
    return "".join(chars)


def _blank(text: str, start: int, end: int) -> str:
    """Blank a span (keeping newlines) so that it yields no figures but keeps every offset."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


_TITLE_LINE = re.compile(r"(?m)^title:[ \t]*(?P<q>['\"]?)(?P<value>.*?)(?P=q)[ \t]*\r?$")


def _title_value(text: str, body_start: int, title: str) -> tuple[int, int] | None:
    """Where a front matter's one-line `title:` value stands in the file, when it reads as the
    title YAML gave (no escapes, no folded lines); else None."""
    m = _TITLE_LINE.search(text, 0, body_start)
    if m is None or m.group("value").strip() != title.strip() or not title.strip():
        return None
    return m.span("value")


# an English sentence's end: a full stop after a word in lower case or a figure (not U.S. or
# $5.6), at the line's end or before another sentence; its word (Inc, Sept, vs) may be an abbreviation
_SENTENCE_END = re.compile(r"([A-Za-z.]*)(?<=[a-z0-9%)])\.[\"'”’)]*(?:\s*$|\s+[\"“‘(]?[A-Z0-9])")
_MARKDOWN_HEADING = re.compile(r"#{1,6}(?:[ \t]|$)")


def is_headline(line: str) -> bool:
    """Whether a file's first line (normalised; without a front-matter title) is a headline, not
    the first paragraph of the copy (rules/attribution.toml [headline])."""
    from reconcile.data.loader import data

    text = line.strip()
    if _MARKDOWN_HEADING.match(text):
        return True
    spec = data().toml("attribution.toml")["headline"]
    if len(text) > spec["max_width"] or len(text) + sum(1 for _ in _CJK.finditer(text)) > spec["max_width"]:
        return False  # (a long line is no headline before its characters are counted: a 20 MB line)
    if any(stop in text for stop in spec["stops"]):
        return False
    abbreviations = _abbreviations()
    return not any(m.group(1).lower() not in abbreviations for m in _SENTENCE_END.finditer(text))


_STAMP_PART = re.compile(r"\d+|[A-Za-z][A-Za-z.]*|[\u3400-\u9fff]+")


def is_stamp(line: str) -> bool:
    """Whether a line is only a time stamp: digits and rules/attribution.toml [headline] stamp_words."""
    from reconcile.data.loader import data

    words = data().memo(_stamp_words_of)
    parts = _STAMP_PART.findall(line.lower())
    return any(p.isdigit() for p in parts) and all(p.isdigit() or p.rstrip(".") in words for p in parts)


def _stamp_words_of(d) -> frozenset[str]:
    return frozenset(w.rstrip(".") for w in d.toml("attribution.toml")["headline"]["stamp_words"])


def _abbreviations() -> frozenset[str]:
    from reconcile.data.loader import data

    return data().memo(_abbreviations_of)


def _abbreviations_of(d) -> frozenset[str]:
    return frozenset(a.lower().rstrip(".") for a in d.toml("attribution.toml")["headline"]["abbreviations"])


def _front_matter(path: Path, text: str) -> tuple[dict, int]:
    m = _FRONT_MATTER.match(text)
    if not m:
        if re.match(r"---[ \t]*\r?\n", text):
            raise InputError(path, "front matter opened with --- is never closed")
        return {}, 0
    import yaml

    try:
        # libyaml's loader where PyYAML was built with it: the pure-Python one cost a tenth of
        # `check` on an archive of short articles, each with a few lines of front matter.
        meta = yaml.load(m.group(1), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}
    except ValueError as e:  # a date YAML reads but the calendar does not have (2025-13-45)
        raise InputError(path, f"bad value in front matter: {e}")
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark else ""
        raise InputError(path, f"bad YAML front matter{where}: {getattr(e, 'problem', None) or e}")
    if not isinstance(meta, dict):
        raise InputError(path, "front matter is not a mapping of keys to values")
    return meta, m.end()


def _iso(value) -> str | None:
    """ISO 8601 to the minute: 2025-11-16 or 2025-11-16T07:31."""
    if value is None or value == "":
        return None
    if hasattr(value, "hour"):
        return value.strftime("%Y-%m-%dT%H:%M")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    text = str(value).strip()
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(?::\d{2})?", text)
    return f"{m.group(1)}T{m.group(2)}" if m else text


def split_file(source: SourceFile) -> list[Document]:
    """The articles in one file. A front-matter `date` that is no date (`date: next tuesday`) is an
    InputError naming the file and the key, for `check`, `index` and `serve` alike."""
    docs = _split(source)
    for doc in docs:
        if doc.date is None:
            continue
        try:
            datetime.fromisoformat(doc.date)
        except ValueError:
            raise InputError(doc.path, f"front matter key 'date': expected a date such as 2025-11-17 or "
                                       f"2025-11-17 09:30, got {doc.date!r}") from None
    return docs


def _split(source: SourceFile) -> list[Document]:
    text = source.text
    path = Path(source.path)
    meta, body_start = _front_matter(path, text)
    norm = unflatten_tables(normalize(text))
    if "<!--" in norm:  # HTML comments (suppressions, notes) are not copy: no figures in them
        for m in _COMMENT.finditer(norm):
            norm = _blank(norm, m.start(), m.end())
    lines = text.split("\n")
    starts = source.line_starts
    date_lines = [i for i, line in enumerate(lines) if i > 0 and _DATE_LINE.match(line) and lines[i - 1].strip()]
    docs: list[Document] = []
    if not date_lines or meta:
        norm_lines = norm.split("\n")  # comments blanked: a suppression comment is no headline
        first = next((i for i, s in enumerate(starts) if s >= body_start and norm_lines[i].strip()
                      and not is_stamp(norm_lines[i])), None)
        if first is not None and not meta.get("title") and not is_headline(norm_lines[first]):
            first = None  # the copy begins with a paragraph: there is no headline
        title = str(meta.get("title") or (lines[first].strip().lstrip("#").strip() if first is not None else ""))
        title_end, doc_start = 0, body_start
        if not meta.get("title") and first is not None:
            title_end = starts[first] + len(lines[first]) - body_start
        doc_text = _blank(norm, 0, body_start)[body_start:] if body_start else norm
        value = _title_value(text, body_start, title) if meta.get("title") else None
        if value is not None:
            # The front matter's title is the headline: the document begins at the file's start,
            # with every other front-matter character blanked, so its figures stand where written.
            a, b = value
            blanked = _blank(norm, 0, body_start)
            doc_text, doc_start, title_end = blanked[:a] + norm[a:b] + blanked[b:], 0, b
        docs.append(Document(
            id=f"{source.path}#1", file=source, start=doc_start, end=len(text), title=title,
            title_end=title_end, source=_iso(meta.get("source")), date=_iso(meta.get("date")),
            lang=_stated_lang(meta.get("lang")) or _lang(text), text=doc_text, front_title=value is not None,
        ))
        return [_without_pinyin(d) for d in docs]
    for n, i in enumerate(date_lines):
        m = _DATE_LINE.match(lines[i])
        begin = starts[i - 1]
        end = starts[date_lines[n + 1] - 1] if n + 1 < len(date_lines) else len(text)
        if end > begin:  # the document's trailing newlines left out (not a copy of the text before it)
            while end > 0 and text[end - 1] == "\n":
                end -= 1
        date = m.group("date")
        y, mo, d = (int(x) for x in date.split("-"))
        date = f"{y:04d}-{mo:02d}-{d:02d}" + (f"T{int(m.group('time').split(':')[0]):02d}:{m.group('time').split(':')[1]}"
                                              if m.group("time") else "")
        # The date line is metadata, not copy: blank it so "2025-11-16" yields no figure.
        date_line = (starts[i] - begin, starts[i] - begin + len(lines[i]))
        body = _blank(norm[begin:end], *date_line)
        docs.append(Document(
            id=f"{source.path}#{n + 1}", file=source, start=begin, end=end, title=lines[i - 1].strip(),
            title_end=len(lines[i - 1]), source=(m.group("source") or "").strip() or None, date=date,
            lang=_lang(text[begin:end]), text=body,
        ))
    return [_without_pinyin(d) for d in docs]


# a character's pinyin in brackets right after it, and the space some pages put after the bracket
# (the bracket first, the character before it looked back at: the regex engine skips to brackets)
_PINYIN = re.compile(r"\((?<=[\u3400-\u9fff]\()[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}\)(?: (?=[\u3400-\u9fff]))?")
_TONE_MARK = re.compile("[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")


def _without_pinyin(doc: Document) -> Document:
    """`doc` with each character's pinyin cut (國(guó)軒高科 -> 國軒高科), when it writes them so:
    at least rules/attribution.toml [pinyin] least such brackets, one with a tone mark."""
    hits = [m.span() for m in _PINYIN.finditer(doc.text)] if "(" in doc.text else []
    if not hits or len(hits) < _pinyin_least() or not any(_TONE_MARK.search(doc.raw, a, b) for a, b in hits):
        return doc
    raw, text, cuts, kept_raw, kept_text, at, cut = doc.raw, doc.text, [], [], [], 0, 0
    for a, b in hits:
        kept_raw.append(raw[at:a])
        kept_text.append(text[at:a])
        cuts.append((a - cut, cut + b - a))  # where the cut text goes on, and all that was cut before it
        cut += b - a
        at = b
    kept_raw.append(raw[at:])
    kept_text.append(text[at:])

    def inside(offset: int) -> int:  # a document offset, in the cut text
        return offset - sum(b - a for a, b in hits if b <= offset)
    doc.title_end = inside(doc.title_end)
    doc.title = _PINYIN.sub("", doc.title)
    doc.text, doc.cut_raw, doc.cuts = "".join(kept_text), "".join(kept_raw), tuple(cuts)
    return doc


def _pinyin_least() -> int:
    from reconcile.data.loader import data

    return int(data().toml("attribution.toml")["pinyin"]["least"])


def load_documents(paths) -> list[Document]:
    """Every document under `paths`; raises InputError naming the first unreadable file."""
    docs: list[Document] = []
    for path in iter_files(paths):
        docs += split_file(read_file(path))
    return docs

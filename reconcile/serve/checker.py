"""What `reconcile serve` keeps loaded, and what it does with a draft.

`Desk` holds the reference (a ledger, or a corpus folder read and attributed once at start-up and
indexed by linking key), the rule set (plausibility on by default), the vocabulary (warmed by a
first check at start-up) and the reader's locale. `Desk.check(text, name)` checks a draft held in
memory (it is never written to disk) against the reference exactly as `reconcile check DRAFT
--against REFERENCE` does, and returns what the page shows: the draft cut into plain text and
figures, each figure's reading, and the findings with both sources, why they were linked and
their fixes. `apply(text, edits)` writes accepted fixes into the draft's text.

Nothing here opens a file but the configured corpus or ledger: a draft comes in as text (or
bytes, decoded as `reconcile check` decodes files) under a bare name.
"""
from __future__ import annotations

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from reconcile.errors import InputError
from reconcile.extraction.documents import SourceFile, decode

DEFAULT_NAME = "draft.md"
LEDGER_CACHE = 512  # linking blocks whose reference mentions a server keeps (about 100 mentions each)
_NAME = re.compile(r"[^\w.\- ]+")


def draft_name(name: str | None) -> str:
    """A bare file name for a draft (no folder, no path tricks): `../x/notes.txt` -> `notes.txt`."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _NAME.sub("_", base).strip(" .")[:80]
    if not base:
        return DEFAULT_NAME
    if not base.lower().endswith((".md", ".markdown", ".txt")):
        base += ".md"
    return base


@dataclass
class Reference:
    """The corpus or ledger a draft is checked against, and how its mentions are looked up."""
    label: str  # what the page says it checks against
    kind: str  # "corpus" | "ledger" | "none"
    ledger: Path | None = None
    index: dict | None = None  # corpus: linking key -> [((path, doc start, fig start), Mention)]
    documents: int = 0
    figures: int = 0
    paths: frozenset = frozenset()  # corpus: the paths read (a draft may not take one of these names)

    cache: OrderedDict = field(default_factory=OrderedDict, repr=False)  # ledger: (key, sample) -> pairs
    stamp: tuple = ()  # ledger: what its files looked like when the cache was filled

    def lookup(self, keys, exclude: set[str], sample: int) -> list[tuple[tuple, object]]:
        """The reference mentions of the linking blocks `keys`, as `check --against` finds them:
        for a ledger, each block's most recent `sample` mentions (ledger.LOOKUP_SQL), kept in a
        cache of the LEDGER_CACHE blocks used last, emptied when the ledger's files change (a
        re-index); for a corpus, from its index. Mentions of `exclude`'s paths are left out."""
        if self.kind == "none":
            return []
        if self.kind == "ledger":
            self._fresh()
        seen, out = set(), []
        for key in sorted(set(keys), key=str):
            for item in self._block(key, sample):
                m = item[1]
                if m.id not in seen and m.doc.path not in exclude:
                    seen.add(m.id)
                    out.append(item)
        return out

    def _block(self, key, sample: int) -> list:
        if self.kind == "corpus":
            return self.index.get(key, ())
        from reconcile.store.ledger import _reference_pairs

        items = self.cache.get((key, sample))
        if items is None:
            items = self.cache[(key, sample)] = _reference_pairs(self.ledger, [key], (), sample)
            while len(self.cache) > LEDGER_CACHE:
                self.cache.popitem(last=False)
        else:
            self.cache.move_to_end((key, sample))
        return items

    def _fresh(self) -> None:
        stamp = tuple((s.st_mtime_ns, s.st_size) if s else None for s in map(_stat, (
            self.ledger, Path(f"{self.ledger}-wal"))))
        if stamp != self.stamp:
            self.cache.clear()
            self.stamp = stamp


def _stat(path: Path):
    try:
        return path.stat()
    except OSError:
        return None


def load_reference(against, jobs: int = 1) -> Reference:
    """A ledger (`.sqlite`, `.db`) is opened for each look-up; a corpus (files or folders) is read
    and attributed now, once, and indexed by the keys linking blocks on."""
    from reconcile import engine
    from reconcile.store import ledger

    if against is None:
        return Reference("nothing (no corpus or ledger configured)", "none")
    if isinstance(against, (str, Path)) and str(against).endswith((".sqlite", ".db")):
        ledger.open_ledger(against).close()  # fails early: missing, not a ledger, another schema
        con = ledger.open_ledger(against)
        try:
            docs, figures = (con.execute("SELECT count(*) FROM documents").fetchone()[0],
                             con.execute("SELECT count(*) FROM mentions").fetchone()[0])
        finally:
            con.close()
        return Reference(Path(against).as_posix(), "ledger", ledger=Path(against), documents=docs, figures=figures)
    paths = against if isinstance(against, (list, tuple)) else [against]
    files = engine.iter_files(paths)
    if not files:
        raise InputError(", ".join(Path(p).as_posix() for p in paths), "no documents to read (files ending .txt, "
                                                                         ".md or .markdown)")
    pairs = engine._read_all(files, jobs)
    index: dict = {}
    for doc, ms in pairs:
        for key, m in _keyed(doc, ms):
            for block in ledger.linking_keys([m]):
                index.setdefault(block, []).append((key, m))
    return Reference(", ".join(Path(p).as_posix() for p in paths), "corpus", index=index, documents=len(pairs),
                     figures=sum(len(ms) for _, ms in pairs), paths=frozenset(d.path for d, _ in pairs))


def _keyed(doc, ms):
    return [((doc.path, doc.start, m.fig.start), m) for m in ms]


class Desk:
    """The loaded reference and rules; one draft checked at a time (a lock: linking writes on the
    corpus's mentions)."""

    def __init__(self, reference: Reference, rules, locale: str | None = None):
        from reconcile.report.numbers import use_locale

        self.reference = reference
        self.rules = rules
        self.locale = locale
        use_locale(locale or "en_US")
        self.lock = threading.Lock()

    @property
    def plausibility(self) -> bool:
        return any(r.check.name == "plausibility" and r.enabled for r in self.rules)

    def warm(self) -> float:
        """Check a small draft once, so that the first editor does not wait for the vocabulary,
        the ledger's pages or Great Expectations to load; its time in seconds."""
        t = time.perf_counter()
        self.check("---\ntitle: warm-up\ndate: 2025-01-01\n---\nAcme raised $1 billion in 2024.\n", "warm-up.md")
        return time.perf_counter() - t

    def report(self, text: str, name: str = DEFAULT_NAME):
        """The Report of `reconcile check NAME --against REFERENCE` for a draft held in memory."""
        from reconcile.engine import judge_against, source_mentions
        from reconcile.report.formats.shared import quote_as_written
        from reconcile.store.ledger import linking_keys

        name = draft_name(name)
        if name in self.reference.paths:
            name = "draft-" + name
        with self.lock:
            pairs = source_mentions(SourceFile(path=name, text=text, encoding="utf-8"))
            drafts = [m for _, ms in pairs for m in ms]
            refs = self.reference.lookup(linking_keys(drafts), {name}, self.rules.tolerance("ledger_sample"))
            report = judge_against(pairs, refs, self.rules, {name})
            quote_as_written(report.findings)
        return report

    def check(self, text: str, name: str = DEFAULT_NAME) -> dict:
        t = time.perf_counter()
        report = self.report(text, name)
        page = page_data(report, text)
        page["seconds"] = round(time.perf_counter() - t, 4)
        return page


def decode_upload(name: str, data: bytes) -> str:
    """An uploaded file's text, decoded as `reconcile check` decodes files (BOMs, UTF-8, GB18030,
    Big5 …); InputError for a binary file."""
    return decode(Path(draft_name(name)), data)[0]


# ---------------------------------------------------------------------------------------------
# What the page shows


def page_data(report, text: str) -> dict:
    """The draft as segments (plain text, or a figure by its index), each figure's reading, and
    each finding with its figures (draft and reference), why they were linked and its fix."""
    from reconcile.report.formats.shared import likely_cause, sentences, summary, summary_line, value_parts

    targets = report.targets or set()
    own = [m for m in report.mentions if m.doc.path in targets]
    own.sort(key=lambda m: m.doc.file_offset(m.fig.start))
    index = {m.id: i for i, m in enumerate(own)}
    figures = []
    for m in own:
        r = m.record
        value, interval = value_parts(r)
        figures.append({"id": m.id, "text": r["text"], "line": r["line"], "column": r["column"],
                        "value": value.removeprefix("= "), "interval": interval, "kind": r["kind"],
                        "unit": r["unit"], "qualifier": r["qualifier"], "entity": m.entity, "metric": m.metric,
                        "period": m.period, "findings": []})
    segments, pos = [], 0
    for i, m in enumerate(own):
        start, end = m.doc.file_offset(m.fig.start), m.doc.file_offset(m.fig.end)
        if start < pos:  # overlapping figures: the first one only
            continue
        if start > pos:
            segments.append({"text": text[pos:start]})
        segments.append({"text": text[start:end], "figure": i})
        pos = end
    if pos < len(text):
        segments.append({"text": text[pos:]})

    findings = []
    for n, f in enumerate(report.findings):
        sides = []
        for fid in f.figures:
            m = report.by_id.get(fid)
            if m is None:
                continue
            value, interval = value_parts(m.record)
            sides.append({"id": fid, "text": m.record["text"], "value": value.removeprefix("= "),
                          "interval": interval, "draft": m.doc.path in targets, "title": m.doc.name,
                          "date": m.doc.date, "source": m.doc.source,
                          "where": f"{m.record['path']}:{m.record['line']}:{m.record['column']}",
                          "figure": index.get(fid)})
        contexts = []
        for m, pieces in sentences(report, f):
            contexts.append({"where": f"{m.doc.path}:{m.record['line']}", "draft": m.doc.path in targets,
                             "pieces": [{"text": t, "mark": None if x is None else
                                         ("suspect" if f.figures and x.id == f.figures[0] else "other")}
                                        for t, x in pieces]})
        fix = None
        if f.fix is not None:
            fix = {"applicability": f.fix.applicability, "description": f.fix.description,
                   "edits": [{**e.record(), "original": e.original} for e in f.fix.edits]}
        findings.append({"n": n, "id": f.id, "rule": f.rule, "severity": f.severity, "message": f.message,
                         "suggestion": f.suggestion, "cause": likely_cause(f), "figures": sides,
                         "contexts": contexts, "fix": fix})
        for side in sides:
            if side["figure"] is not None:
                figures[side["figure"]]["findings"].append(n)
    s = summary(report)
    return {"text": text, "name": next(iter(targets), DEFAULT_NAME), "summary": summary_line(report),
            "counts": {k: s[k] for k in ("error", "warning", "info")}, "segments": segments,
            "figures": figures, "findings": findings}


def apply(text: str, edits: list[dict]) -> tuple[str, int]:
    """`text` with the accepted `edits` ({line, column, end_column, replacement, original}, as
    page_data gives them) written in: (the new text, how many were applied)."""
    from reconcile.fixes import Edit, apply_edits

    parsed = []
    for e in edits if isinstance(edits, list) else []:
        try:
            parsed.append(Edit(DEFAULT_NAME, int(e["line"]), int(e["column"]), int(e["end_column"]),
                               str(e["replacement"]), str(e["original"])))
        except (KeyError, TypeError, ValueError):
            continue
    return apply_edits(text, parsed)

"""The ledger: an archive's documents, figures and attribution keys in an embedded SQLite database,
so that a draft is checked against a large archive without re-reading it.

    index(["archive/"], ".reconcile/ledger.sqlite", jobs=4)       # `reconcile index archive/`
    check_against_ledger(["draft.md"], ".reconcile/ledger.sqlite")  # `reconcile check draft.md --against …sqlite`

What is stored (schema version SCHEMA_VERSION; `meta` holds it):

    meta(key PK, value)                       schema_version, created_by
    files(path PK, abspath, sha256, size, mtime_ns, ctime_ns, inode, encoding, extractor,
          indexed_at, documents, figures)
    documents(n PK, id UNIQUE, path -> files, title, source, date, lang, start, end, title_end)
    sentences(n PK, doc -> documents, start, end, text, raw)
    mentions(n PK, doc -> documents, sentence -> sentences, line, column, end_column,
             start, end, amount_start, text, fig_text, value, low, high, unit, kind, qualifier,
             classifier, flags, number, scale, bounds, in_title, entity, metric, dimension, period,
             clause_start, clause_end, clause_text, participants, scope, entity_how, period_how,
             restates, rivals, neighbours, segment)
    index mentions_key on mentions(entity, metric, dimension) where sentence is not null
    indexes documents(path), mentions(doc), files(abspath)

- Every figure is stored. The ones crossdoc.link can group (an entity and a metric, not a
  calendar year, not a vague amount: `sentence IS NOT NULL`) also keep their sentence's text (as
  the figures were read from it, normalised; and as written, `raw`, NULL when the same), so that a
  Mention can be rebuilt for crossdoc.link / crossdoc.check (clause similarity) and for the report
  (context, title, date).
- Offsets (start, end, amount_start, clause_*) are offsets in the document, as Mention and Figure
  have them; `line`/`column`/`end_column` are the JSON contract's. `value`/`low`/`high`/`number`
  are the exact IEEE doubles; an open bound (+inf high, -inf low) or a NaN number is NULL. `text`
  is the figure as written, `fig_text` as read (normalised; NULL when the same). `bounds` is JSON,
  non-finite numbers as the strings "inf", "-inf", "nan"; NULL when it is [[low, high]].
  `clause_text` is the figure's clause with the figure itself left out (what
  crossdoc.similarity compares).
- A mention's path is its document's (documents.path), not repeated in every mention row.
- `files.abspath` is the file's resolved absolute path, so that a draft which is itself in the
  archive is left out of its own references however either path was spelt.
- `files.extractor` fingerprints what made the rows (the extraction and attribution code, the
  units/ and rules/ vocabularies): a file indexed by another extractor is re-extracted even if
  its content did not change, so the ledger never serves stale attribution keys.

Incremental: a file whose size, mtime, ctime and inode match its row (as git's index does: ctime
cannot be set back, so an edit that keeps size and mtime is still seen; and a timestamp within
2 s of the moment the file was read is never trusted, "racy") is not opened at all; otherwise its
bytes are hashed, and only a changed hash (or extractor) re-extracts it. A changed file's rows are
deleted and re-inserted in one transaction; files gone from under the corpus roots are removed.

Crash safety: WAL journal, `synchronous=NORMAL`, and one transaction per batch of whole files
(committed about every `commit_every` seconds). A killed run leaves the ledger as it was before the
run, or with some more whole files committed; the next `index` run picks up from there, since
committed files are skipped. Per-batch rather than per-run: a 20-minute run killed at minute 19
keeps 19 minutes of work, the WAL stays small, and readers (`check --against`) see a consistent
ledger throughout. NORMAL rather than FULL: in WAL mode NORMAL never corrupts the database; a power
cut (not a killed process) can lose the last batches committed since the last checkpoint, which
the next run simply re-indexes — the ledger is derived data, so an fsync per commit buys nothing.
"""
from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import sqlite3
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from reconcile.errors import InputError
from reconcile.extraction.documents import (
    Document,
    SourceFile,
    decode,
    iter_files,
    split_file,
)
from reconcile.extraction.figures import Figure
from reconcile.model import Mention, figure_record, set_attribution

SCHEMA_VERSION = 5
DEFAULT_DB = Path(".reconcile") / "ledger.sqlite"
RACY_NS = 2_000_000_000  # an mtime this close to the read is not trusted next time

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE files (
    path TEXT PRIMARY KEY, abspath TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL, ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, encoding TEXT,
    extractor TEXT NOT NULL, indexed_at TEXT NOT NULL, documents INTEGER NOT NULL, figures INTEGER NOT NULL);
CREATE INDEX files_abspath ON files(abspath);
CREATE TABLE documents (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, path TEXT NOT NULL REFERENCES files(path),
    title TEXT NOT NULL, source TEXT, date TEXT, lang TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, title_end INTEGER NOT NULL, aliases TEXT);
CREATE INDEX documents_path ON documents(path);
CREATE TABLE sentences (
    n INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(n),
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, raw TEXT);
CREATE TABLE mentions (
    n INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(n),
    sentence INTEGER REFERENCES sentences(n),
    line INTEGER NOT NULL, "column" INTEGER NOT NULL, end_column INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, amount_start INTEGER NOT NULL,
    text TEXT NOT NULL, fig_text TEXT, value REAL, low REAL, high REAL,
    unit TEXT NOT NULL, kind TEXT NOT NULL, qualifier TEXT, classifier TEXT, flags TEXT NOT NULL,
    number REAL, scale TEXT, bounds TEXT, in_title INTEGER NOT NULL,
    entity TEXT, metric TEXT, dimension TEXT, period TEXT,
    clause_start INTEGER NOT NULL, clause_end INTEGER NOT NULL, clause_text TEXT,
    participants TEXT, scope TEXT, entity_how TEXT, period_how TEXT, restates TEXT, rivals INTEGER,
    neighbours TEXT, segment TEXT);
CREATE INDEX mentions_doc ON mentions(doc);
CREATE TABLE blocks (mention INTEGER NOT NULL REFERENCES mentions(n), entity TEXT NOT NULL,
    dimension TEXT NOT NULL, metric TEXT NOT NULL, date TEXT NOT NULL);
CREATE INDEX blocks_key ON blocks(entity, dimension, metric, date DESC, mention);
CREATE INDEX blocks_mention ON blocks(mention);
"""

_MENTION_COLUMNS = ("n", "doc", "sentence", "line", '"column"', "end_column", "start", '"end"',
                    "amount_start", "text", "fig_text", "value", "low", "high", "unit", "kind", "qualifier",
                    "classifier", "flags", "number", "scale", "bounds", "in_title", "entity", "metric",
                    "dimension", "period", "clause_start", "clause_end", "clause_text", "participants", "scope",
                    "entity_how", "period_how", "restates", "rivals", "neighbours", "segment")
_INSERT_MENTION = f"INSERT INTO mentions ({', '.join(_MENTION_COLUMNS)}) VALUES ({', '.join('?' * len(_MENTION_COLUMNS))})"

# The blocking look-up (linking.py's blocks, a company and a dimension, narrowed by the metric; ''
# for none): a range of blocks_key read in date order, most recent first, at most `ledger_sample`
# rows (a bounded scan however large the archive), then rowid look-ups (CROSS JOIN keeps that order
# whatever the statistics say). A draft's figure without a metric meets the archive's figures
# without one: the ledger's one approximation of linking's blocks.
LOOKUP_SQL = """
WITH recent AS (
  SELECT b.mention AS mn FROM blocks AS b
  WHERE b.entity = ?1 AND b.dimension = ?2 AND b.metric = ?3
  ORDER BY b.date DESC, b.mention LIMIT ?4
)
SELECT m.n AS m_n, d.path, m.line, m."column", m.end_column, m.start, m."end", m.amount_start, m.text,
       m.fig_text, m.value, m.low, m.high, m.unit, m.kind, m.qualifier, m.classifier, m.flags, m.number,
       m.scale, m.bounds, m.entity, m.metric, m.period, m.clause_start, m.clause_end, m.participants, m.scope,
       m.entity_how, m.period_how, m.restates, m.rivals, m.neighbours, m.segment,
       s.n AS s_n, s.start AS s_start, s."end" AS s_end, s.text AS s_text, s.raw AS s_raw,
       d.n AS d_n, d.id AS d_id, d.title, d.source, d.date, d.lang, d.start AS d_start, d.title_end, d.aliases
FROM recent CROSS JOIN mentions AS m CROSS JOIN sentences AS s CROSS JOIN documents AS d
WHERE m.n = recent.mn AND s.n = m.sentence AND d.n = m.doc
"""
# A company the archive mentions thousands of times is judged on its most recent mentions: at most
# rules.toml [tolerances] ledger_sample per company and dimension.


# ---------------------------------------------------------------------------------------------
# Opening a ledger


def _connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), isolation_level=None, timeout=30.0)
    con.execute("PRAGMA busy_timeout = 30000")
    return con


def _version(con: sqlite3.Connection, path: Path) -> int | None:
    """The schema version of an open ledger; None for an empty database."""
    try:
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as e:
        raise InputError(path, f"not a reconcile ledger ({e})")
    if not tables:
        return None
    if "meta" not in tables:
        raise InputError(path, "not a reconcile ledger (no meta table)")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        return int(row[0]) if row else 0
    except ValueError:
        return 0


def _version_error(path, found) -> InputError:
    return InputError(path, f"ledger schema version {found}, this reconcile reads {SCHEMA_VERSION}: "
                            "re-index with `reconcile index`")


def open_ledger(path: str | Path) -> sqlite3.Connection:
    """An existing ledger, for reading; InputError if it is missing, not a ledger, or of another
    schema version."""
    path = Path(path)
    if not path.is_file():
        raise InputError(path, "no such ledger; build it with `reconcile index CORPUS --db "
                               f"{path.as_posix()}`")
    con = _connect(path)
    found = _version(con, path)
    if found != SCHEMA_VERSION:
        con.close()
        raise _version_error(path, found)
    return con


def _create(con: sqlite3.Connection) -> None:
    con.execute("BEGIN IMMEDIATE")
    for stmt in filter(str.strip, SCHEMA.split(";")):
        con.execute(stmt)
    from reconcile import __version__
    con.executemany("INSERT INTO meta VALUES (?, ?)",
                    [("schema_version", str(SCHEMA_VERSION)), ("created_by", f"reconcile {__version__}")])
    con.execute("COMMIT")


def _drop_all(con: sqlite3.Connection) -> None:
    con.execute("BEGIN IMMEDIATE")
    for kind, name in con.execute("SELECT type, name FROM sqlite_master WHERE type IN ('table', 'index') "
                                  "AND name NOT LIKE 'sqlite_%'").fetchall():
        if kind == "table":
            con.execute(f'DROP TABLE IF EXISTS "{name}"')
    con.execute("COMMIT")


def _writing_connection(path: Path) -> sqlite3.Connection:
    con = _connect(path)
    con.execute("PRAGMA journal_mode = WAL")  # persistent, in the file
    con.execute("PRAGMA synchronous = NORMAL")  # per connection
    con.execute("PRAGMA cache_size = -65536")  # 64 MiB
    return con


def _open_for_writing(path: Path) -> tuple[sqlite3.Connection, bool]:
    """(connection, rebuilt): the ledger at `path`, created if missing; a ledger of another schema
    version is rebuilt from scratch (it is derived data: re-indexing is the fix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = _connect(path)
    try:
        found = _version(con, path)
    except InputError:
        con.close()
        raise
    con.close()
    con = _writing_connection(path)
    rebuilt = False
    if found is not None and found != SCHEMA_VERSION:
        _drop_all(con)
        rebuilt, found = True, None
    if found is None:
        _create(con)
    return con, rebuilt


def info(db_path: str | Path) -> dict:
    """What a ledger holds: schema version, files, documents, figures, and how many files were
    indexed by another extractor than this reconcile's (stale: re-run `reconcile index`)."""
    con = open_ledger(db_path)
    try:
        q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
        fp = extractor_fingerprint()
        return {"schema_version": SCHEMA_VERSION, "files": q("SELECT count(*) FROM files"),
                "documents": q("SELECT count(*) FROM documents"), "figures": q("SELECT count(*) FROM mentions"),
                "stale_files": con.execute("SELECT count(*) FROM files WHERE extractor != ?", (fp,)).fetchone()[0],
                "bytes": Path(db_path).stat().st_size}
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# What made the rows


_EXTRACTION_MODULES = ("extraction.documents", "extraction.normalize", "extraction.numbers", "extraction.lexicon",
                       "extraction.figures", "extraction.attribution", "extraction.names", "extraction.periods",
                       "extraction.words", "model")


def extractor_fingerprint() -> str:
    """A hash of everything the stored rows depend on: the extraction and attribution modules,
    linking.dimension, linkable and block_entities, this module's row format, and every data file in force (packs included)."""
    from reconcile.data.loader import data

    return data().memo(_fingerprint)


def _fingerprint(d) -> str:
    import importlib

    from reconcile import linking

    h = hashlib.sha256(f"schema {SCHEMA_VERSION}\ndata {d.fingerprint}\n".encode())
    for name in _EXTRACTION_MODULES:
        h.update(Path(importlib.import_module(f"reconcile.{name}").__file__).read_bytes())
    # which rows get blocks, and the rivals stored with each row
    for fn in (linking.dimension, linking.linkable, linking.block_entities, linking._entries):
        h.update(inspect.getsource(fn).encode())
    h.update(inspect.getsource(_document_rows).encode())
    return h.hexdigest()[:16]


# ---------------------------------------------------------------------------------------------
# Extraction (in this process or in workers): a file -> rows


def _enc(x: float) -> float | None:
    return x if x is not None and math.isfinite(x) else None


def _enc_json(x: float):
    if math.isfinite(x):
        return x
    return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")


def _document_rows(doc: Document, mentions: list[Mention]) -> tuple[tuple, list[tuple], list[tuple]]:
    """(document row, sentence rows, mention rows) of one document. Mention rows refer to their
    sentence by its index in the sentence rows (None when not linkable), and end with their blocks
    ((company, dimension) pairs: linking.py's blocking keys)."""
    from reconcile import linking

    aliases = mentions[0].aliases if mentions else {}
    doc_row = (doc.id, doc.path, doc.title, doc.source, doc.date, doc.lang, doc.start, doc.end, doc.title_end,
               json.dumps(aliases, ensure_ascii=False, sort_keys=True) if aliases else None)
    linking.count_rivals(mentions)
    sentences: dict[tuple[int, int], int] = {}
    sentence_rows: list[tuple] = []
    rows: list[tuple] = []
    raw, text = doc.raw, doc.text
    for m in mentions:
        f, r = m.fig, m.record
        cs, ce = m.clause
        s_idx = clause_text = None
        blocks = ()
        if linking.linkable(m):
            blocks = tuple((p, linking.dimension(m), m.metric or "") for p in linking.block_entities(m))
            s = min(m.sentence[0], cs, f.start)
            e = max(m.sentence[1], ce, f.end)
            s_idx = sentences.get((s, e))
            if s_idx is None:
                s_idx = sentences[(s, e)] = len(sentence_rows)
                norm, as_written = text[s:e], raw[s:e]
                sentence_rows.append((s, e, norm, None if as_written == norm else as_written))
            clause_text = text[cs:f.start] + " " + text[f.end:ce]
        rows.append((s_idx, r["line"], r["column"], r["end_column"], f.start, f.end, f.amount_start,
                     r["text"], None if f.text == r["text"] else f.text, _enc(f.value), _enc(f.low), _enc(f.high), f.unit, f.kind, f.qualifier,
                     f.classifier, " ".join(f.flags), _enc(f.number), f.scale,
                     None if f.bounds == ((f.low, f.high),) else
                     json.dumps([[_enc_json(lo), _enc_json(hi)] for lo, hi in f.bounds]),
                     int(bool(r["in_title"])), m.entity, m.metric, linking.dimension(m), m.period, cs, ce, clause_text,
                     json.dumps(list(m.participants), ensure_ascii=False) if m.participants else None,
                     " ".join(m.scope) or None, m.entity_how, m.period_how, m.restates, m.rivals,
                     "|".join(sorted(m.neighbours)) or None, " ".join(sorted(m.segment)) or None, blocks))
    return doc_row, sentence_rows, rows


@dataclass
class _FileResult:
    path: str
    status: str  # "extracted", "unchanged" (same hash) or "error"
    abspath: str = ""
    sha256: str = ""
    size: int = 0
    mtime_ns: int = 0
    ctime_ns: int = 0
    inode: int = 0
    encoding: str | None = None
    docs: list = field(default_factory=list)  # [(doc row, sentence rows, mention rows)]
    error: str | None = None


def _extract_file(path_str: str, known_sha: str | None) -> _FileResult:
    """Read, hash and (unless the hash is `known_sha`) extract one file. The stat is taken before
    the read, so a file changed while it is read is seen as changed next time."""
    from reconcile.engine import mentions_of

    path = Path(path_str)
    try:
        st = path.stat()
        now = time.time_ns()
        data = path.read_bytes()
    except OSError as e:
        return _FileResult(path_str, "error", error=e.strerror or "cannot be read")
    # A timestamp this close to the read is "racy" (the file may change again within the same
    # tick): store -1, so the next run hashes the file instead of trusting its stat.
    racy = max(st.st_mtime_ns, st.st_ctime_ns) >= now - RACY_NS
    mtime = -1 if racy else st.st_mtime_ns
    sig = (len(data), mtime, st.st_ctime_ns, st.st_ino)
    sha = hashlib.sha256(data).hexdigest()
    if sha == known_sha:
        return _FileResult(path_str, "unchanged", str(path.resolve()), sha, *sig)
    try:
        text, encoding = decode(path, data)
        source = SourceFile(path=path.as_posix(), text=text, encoding=encoding)
        docs = [_document_rows(doc, mentions_of(doc)) for doc in split_file(source)]
    except InputError as e:
        return _FileResult(path_str, "error", error=e.problem)
    result = _FileResult(path_str, "extracted", str(path.resolve()), sha, *sig, encoding, docs)
    return result


def _extract_chunk(tasks: list[tuple[str, str | None]]) -> list[_FileResult]:
    return [_extract_file(p, sha) for p, sha in tasks]


def _warm() -> None:
    """Load the vocabularies and compile the patterns once (before forking workers)."""
    from reconcile.engine import mentions_of

    text = "---\ntitle: warm\ndate: 2025-01-01\n---\nOpenAI plans to spend about $1.4 billion in 2025.\n"
    for doc in split_file(SourceFile(path="warm.md", text=text, encoding="utf-8")):
        mentions_of(doc)
    for doc in split_file(SourceFile(path="warm.txt", text="标题\n2025-01-01\n公司投资约1.4万亿美元。\n", encoding="utf-8")):
        mentions_of(doc)


def _worker_init(parent: int, warm: bool, packs: tuple) -> None:
    """A worker puts the indexer's packs in force, and exits when the indexer that started it is
    gone (killed: nobody would read its results), instead of lingering as an orphan."""
    from reconcile.data.loader import use_packs

    use_packs(packs)
    import threading

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if warm:
        _warm()


# ---------------------------------------------------------------------------------------------
# Indexing


@dataclass
class IndexStats:
    files_seen: int = 0  # files under the corpus roots
    files_read: int = 0  # read and extracted (new, changed, or indexed by another extractor)
    files_skipped: int = 0  # unchanged: same size and mtime, or same content hash
    files_hashed: int = 0  # of the skipped, those that had to be read to compare their hash
    files_removed: int = 0  # rows of files no longer under the roots, deleted
    files_failed: int = 0  # unreadable: see `errors`; their old rows, if any, are kept
    documents: int = 0  # documents written by this run
    figures: int = 0  # figures written by this run
    bytes_read: int = 0  # bytes of the extracted files
    seconds: float = 0.0
    total_files: int = 0  # in the ledger after the run
    total_documents: int = 0
    total_figures: int = 0
    rebuilt: bool = False  # the ledger had another schema version and was rebuilt
    errors: list[tuple[str, str]] = field(default_factory=list)  # (path, problem)

    def as_dict(self) -> dict:
        return asdict(self)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class _Writer:
    """Writes whole files' rows, one transaction per batch."""

    def __init__(self, con: sqlite3.Connection, stats: IndexStats, extractor: str, commit_every: float):
        self.con, self.stats, self.extractor, self.commit_every = con, stats, extractor, commit_every
        self.pending: list[_FileResult] = []
        self.pending_rows = 0
        self.last = time.monotonic()

    def add(self, result: _FileResult) -> None:
        self.pending.append(result)
        self.pending_rows += sum(len(ms) for _, _, ms in result.docs)
        if time.monotonic() - self.last >= self.commit_every or self.pending_rows >= 200_000:
            self.flush()

    def flush(self) -> None:
        if not self.pending:
            self.last = time.monotonic()
            return
        con = self.con
        con.execute("BEGIN IMMEDIATE")
        try:
            next_doc = (con.execute("SELECT max(n) FROM documents").fetchone()[0] or 0) + 1
            next_sentence = (con.execute("SELECT max(n) FROM sentences").fetchone()[0] or 0) + 1
            next_mention = (con.execute("SELECT max(n) FROM mentions").fetchone()[0] or 0) + 1
            for r in self.pending:
                if r.status == "unchanged":
                    con.execute("UPDATE files SET abspath = ?, size = ?, mtime_ns = ?, ctime_ns = ?, inode = ? "
                                "WHERE path = ?", (r.abspath, r.size, r.mtime_ns, r.ctime_ns, r.inode, r.path))
                    continue
                _delete_file_rows(con, r.path)
                n_figs = 0
                for doc_row, sentence_rows, mention_rows in r.docs:
                    con.execute('INSERT INTO documents (n, id, path, title, source, date, lang, start, "end", '
                                "title_end, aliases) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (next_doc, *doc_row))
                    con.executemany('INSERT INTO sentences (n, doc, start, "end", text, raw) VALUES (?, ?, ?, ?, ?, ?)',
                                    [(next_sentence + i, next_doc, *s) for i, s in enumerate(sentence_rows)])
                    con.executemany(_INSERT_MENTION, [
                        (next_mention + i, next_doc, None if row[0] is None else next_sentence + row[0], *row[1:-1])
                        for i, row in enumerate(mention_rows)])
                    con.executemany("INSERT INTO blocks (mention, entity, dimension, metric, date) VALUES (?, ?, ?, ?, ?)", [
                        (next_mention + i, *key, doc_row[4] or "") for i, row in enumerate(mention_rows) for key in row[-1]])
                    next_doc += 1
                    next_sentence += len(sentence_rows)
                    next_mention += len(mention_rows)
                    n_figs += len(mention_rows)
                con.execute("INSERT OR REPLACE INTO files (path, abspath, sha256, size, mtime_ns, ctime_ns, inode, "
                            "encoding, extractor, indexed_at, documents, figures) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (r.path, r.abspath, r.sha256, r.size, r.mtime_ns, r.ctime_ns, r.inode, r.encoding, self.extractor,
                             _now(), len(r.docs), n_figs))
                self.stats.documents += len(r.docs)
                self.stats.figures += n_figs
            con.execute("COMMIT")
        except BaseException:
            if con.in_transaction:
                con.execute("ROLLBACK")
            raise
        self.pending, self.pending_rows = [], 0
        self.last = time.monotonic()


def _delete_file_rows(con: sqlite3.Connection, path: str) -> None:
    """Every row of one file (not the files row itself)."""
    docs = "SELECT n FROM documents WHERE path = ?"
    con.execute(f"DELETE FROM sentences WHERE n IN (SELECT sentence FROM mentions WHERE doc IN ({docs}) "
                "AND sentence IS NOT NULL)", (path,))
    con.execute(f"DELETE FROM blocks WHERE mention IN (SELECT n FROM mentions WHERE doc IN ({docs}))", (path,))
    con.execute(f"DELETE FROM mentions WHERE doc IN ({docs})", (path,))
    con.execute("DELETE FROM documents WHERE path = ?", (path,))


def _under(path: str, roots: list[tuple[str, bool]]) -> bool:
    for root, is_dir in roots:
        if not is_dir and path == root:
            return True
        if is_dir and (root == "." and not path.startswith(("/", "../")) or path.startswith(root + "/")):
            return True
    return False


def _chunks(tasks: list[tuple[str, str | None]], sizes: dict[str, int], max_bytes: int = 1_000_000,
            max_files: int = 32):
    chunk, size = [], 0
    for task in tasks:
        chunk.append(task)
        size += sizes.get(task[0], 0)
        if size >= max_bytes or len(chunk) >= max_files:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def index(corpus_paths, db_path: str | Path = DEFAULT_DB, jobs: int = 1, progress=None,
          commit_every: float = 1.0) -> IndexStats:
    """Index the files under `corpus_paths` into the ledger at `db_path` (created if missing).

    Unchanged files are skipped, changed ones re-extracted (their old rows replaced), and files
    gone from under the roots removed. `jobs` > 1 extracts in that many worker processes; this
    process alone writes, one transaction per batch of whole files (about every `commit_every`
    seconds). `progress(done, total)` is called after each file (counted in files, as
    engine.analyse's, so terminal.progress_bar serves both). Unreadable files are listed in
    `stats.errors` and keep their previous rows, if any; InputError only for a missing root or a
    `db_path` that is not a ledger."""
    t0 = time.perf_counter()
    if isinstance(corpus_paths, (str, Path)):
        corpus_paths = [corpus_paths]
    files = iter_files(corpus_paths)  # raises InputError for a missing root
    roots = [(Path(p).as_posix(), Path(p).is_dir()) for p in corpus_paths]
    db_path = Path(db_path)
    stats = IndexStats(files_seen=len(files))
    extractor = extractor_fingerprint()

    def tick() -> None:
        if progress:
            progress(stats.files_read + stats.files_skipped + stats.files_failed, stats.files_seen)

    # 1. What changed: stat every file against its row.
    con, stats.rebuilt = _open_for_writing(db_path)
    try:
        known = {path: (sha, (size, mtime, ctime, inode), ext) for path, sha, size, mtime, ctime, inode, ext in
                 con.execute("SELECT path, sha256, size, mtime_ns, ctime_ns, inode, extractor FROM files")}
    finally:
        con.close()
    tasks: list[tuple[str, str | None]] = []  # (path, its stored hash if that still counts)
    sizes: dict[str, int] = {}
    for f in files:
        p = f.as_posix()
        row = known.get(p)
        try:
            st = f.stat()
        except OSError as e:
            stats.files_failed += 1
            stats.errors.append((p, e.strerror or "cannot be read"))
            tick()
            continue
        if row and row[2] == extractor and row[1] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino):
            stats.files_skipped += 1
            tick()
            continue
        sizes[p] = st.st_size
        tasks.append((p, row[0] if row and row[2] == extractor else None))

    # 2. Workers, forked before the ledger is opened again (no connection crosses a fork).
    pool = None
    if jobs > 1 and len(tasks) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        from reconcile.data.loader import data

        _warm()  # forked workers inherit the warm vocabularies
        ctx = multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=ctx, initializer=_worker_init,
                                   initargs=(os.getpid(), ctx is None, data().packs))
    try:
        if pool is not None:
            pool.submit(int).result()  # all workers are started by now
        con = _writing_connection(db_path)
        try:
            writer = _Writer(con, stats, extractor, commit_every)

            def take(results: list[_FileResult]) -> None:
                for r in results:
                    if r.status == "error":
                        stats.files_failed += 1
                        stats.errors.append((r.path, r.error))
                    elif r.status == "unchanged":
                        stats.files_skipped += 1
                        stats.files_hashed += 1
                        writer.add(r)
                    else:
                        stats.files_read += 1
                        stats.bytes_read += r.size
                        writer.add(r)
                    tick()

            # 3. Extract (here or in the workers) and write, whole files per transaction.
            if pool is None:
                for task in tasks:
                    take([_extract_file(*task)])
            else:
                window: deque = deque()  # in order, at most 2 chunks per worker in flight
                # Small chunks for small runs, so that every worker has work and commits stay frequent.
                for chunk in _chunks(tasks, sizes, max_files=max(1, min(32, len(tasks) // (4 * jobs)))):
                    window.append(pool.submit(_extract_chunk, chunk))
                    if len(window) >= 2 * jobs:
                        take(window.popleft().result())
                while window:
                    take(window.popleft().result())
            writer.flush()

            # 4. Files gone from under the roots.
            seen = {f.as_posix() for f in files}
            gone = [p for p in known if p not in seen and _under(p, roots)]
            if gone:
                con.execute("BEGIN IMMEDIATE")
                try:
                    for p in gone:
                        _delete_file_rows(con, p)
                        con.execute("DELETE FROM files WHERE path = ?", (p,))
                    con.execute("COMMIT")
                except BaseException:
                    if con.in_transaction:
                        con.execute("ROLLBACK")
                    raise
                stats.files_removed = len(gone)
            stats.total_files = con.execute("SELECT count(*) FROM files").fetchone()[0]
            stats.total_documents = con.execute("SELECT count(*) FROM documents").fetchone()[0]
            stats.total_figures = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
            con.execute("PRAGMA optimize")
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            con.close()
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    stats.seconds = time.perf_counter() - t0
    return stats


# ---------------------------------------------------------------------------------------------
# Reading back: Mentions for a set of linking keys


def linking_keys(mentions: list[Mention]) -> set[tuple[str, str, str]]:
    """The (company, dimension, metric) keys under which to look up what linking.py would compare
    with `mentions` (metric '' for a figure without one: every metric of the block)."""
    from reconcile import linking

    return {(p, linking.dimension(m), m.metric or "") for m in mentions if linking.linkable(m)
            for p in linking.block_entities(m)}


def _bounds(text: str) -> tuple[tuple[float, float], ...]:
    """The `bounds` column back: JSON as _document_rows writes it ([[lo, hi], ...], floats by repr,
    non-finite numbers as strings), read without the json module's overhead (a tenth of the time;
    the look-up reads tens of thousands of these)."""
    out = []
    for pair in text[2:-2].split("], ["):
        lo, hi = pair.split(", ")
        out.append((float(lo.strip('"')), float(hi.strip('"'))))
    return tuple(out)


def reference_mentions(db_path: str | Path, keys, exclude_paths=(), sample: int | None = None) -> list[Mention]:
    """The stored mentions of the blocks `keys` ((company, dimension) pairs), as
    Mention objects crossdoc.link / crossdoc.check and the report can use, in document order
    (path, document, figure).

    Each document is rebuilt with only the sentences its mentions need: its text is those
    sentences one after another (raw text, and the normalised text the figures were read from),
    and the mentions' offsets (figure, sentence, clause) are moved onto that text. So
    `m.context()`, clause similarity, `m.in_title`, `m.doc.title/date/source/path/id` and
    `m.record` (the JSON contract's fields, with the original line and column) are as `analyse`
    has them; `doc.locate()` on a rebuilt document is not (use `m.record`). Rows of
    `exclude_paths` are left out (a draft that is itself in the archive). Only indexed look-ups:
    see LOOKUP_SQL and lookup_plan()."""
    if sample is None:
        from reconcile.checks.registry import rule_set

        sample = rule_set().tolerance("ledger_sample")
    return [m for _, m in _reference_pairs(db_path, keys, exclude_paths, sample)]


def _reference_pairs(db_path, keys, exclude_paths, sample: int) -> list[tuple[tuple, Mention]]:
    """[((path, document start, figure start) in the original file, Mention)], sorted."""
    import gc

    # Tens of thousands of small objects, none of them garbage: the cyclic collector would scan
    # the growing heap again and again (a third of the time at 30,000 mentions).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _rebuild(db_path, keys, exclude_paths, sample)
    finally:
        if enabled:
            gc.enable()


def _rebuild(db_path, keys, exclude_paths, sample: int) -> list[tuple[tuple, Mention]]:
    con = open_ledger(db_path)
    con.row_factory = sqlite3.Row
    try:
        exclude = {str(p) for p in exclude_paths}
        for p in list(exclude):  # the same files, however their paths were spelt when indexed
            exclude |= {r[0] for r in con.execute("SELECT path FROM files WHERE abspath = ?", (str(Path(p).resolve()),))}
        rows = []
        for key in sorted(set(keys), key=str):
            rows += con.execute(LOOKUP_SQL, (*key, sample)).fetchall()
    finally:
        con.close()

    # One rebuilt Document per document: its distinct sentence spans, in document order.
    by_doc: dict[int, tuple[sqlite3.Row, dict, list]] = {}
    seen: set[int] = set()  # a mention is in the block of each of its companies
    for row in rows:
        if row["path"] in exclude or row["m_n"] in seen:
            continue
        seen.add(row["m_n"])
        first, spans, doc_rows = by_doc.setdefault(row["d_n"], (row, {}, []))
        spans[row["s_n"]] = (row["s_start"], row["s_end"], row["s_text"], row["s_raw"])
        doc_rows.append(row)

    inf, nan = math.inf, math.nan
    out: list[tuple[tuple, Mention]] = []
    for first, spans, doc_rows in by_doc.values():
        title_end = first["title_end"]
        doc_aliases = json.loads(first["aliases"]) if first["aliases"] else {}
        texts, raws, base, cursor = [], [], {}, 0
        new_title_end = None  # where the headline ends, moved like the offsets are
        for sid, (s, e, text, raw) in sorted(spans.items(), key=lambda kv: kv[1][0]):
            if new_title_end is None and title_end <= e:
                new_title_end = cursor + max(0, title_end - s)
            base[sid] = cursor - s
            texts.append(text)
            raws.append(text if raw is None else raw)
            cursor += (e - s) + 1  # one "\n" between sentences
        raw_text = "\n".join(raws)
        source_file = object.__new__(SourceFile)  # no line table: doc.locate() is not for rebuilt documents
        source_file.path, source_file.text, source_file.encoding, source_file.line_starts = \
            first["path"], raw_text, "ledger", [0]
        doc = Document(id=first["d_id"], file=source_file, start=0, end=len(raw_text), title=first["title"],
                       title_end=cursor if new_title_end is None else new_title_end, source=first["source"],
                       date=first["date"], lang=first["lang"], text="\n".join(texts))
        for r in doc_rows:
            shift = base[r["s_n"]]
            low = -inf if r["low"] is None else r["low"]
            high = inf if r["high"] is None else r["high"]
            fig = Figure(r["start"] + shift, r["end"] + shift, r["fig_text"] or r["text"],
                         nan if r["value"] is None else r["value"], low, high, r["unit"], r["kind"],
                         r["qualifier"], r["classifier"], tuple(r["flags"].split()), r["amount_start"] + shift,
                         nan if r["number"] is None else r["number"], r["scale"],
                         ((low, high),) if r["bounds"] is None else _bounds(r["bounds"]))
            record = figure_record(doc, fig, where=(r["line"], r["column"], r["end_column"]))
            record["text"] = r["text"]  # as the file writes it (a pinyin page's text was cut)
            m = Mention(record["id"], doc, fig, record, sentence=(r["s_start"] + shift, r["s_end"] + shift),
                        clause=(r["clause_start"] + shift, r["clause_end"] + shift))
            set_attribution(m, r["entity"], r["metric"], r["period"])
            m.participants = tuple(json.loads(r["participants"])) if r["participants"] else ()
            m.scope = tuple((r["scope"] or "").split())
            m.entity_how, m.period_how, m.restates, m.rivals = r["entity_how"], r["period_how"], r["restates"], r["rivals"]
            m.neighbours = frozenset(r["neighbours"].split("|")) if r["neighbours"] else frozenset()
            m.segment = frozenset(r["segment"].split()) if r["segment"] else frozenset()
            m.aliases = doc_aliases
            out.append(((first["path"], first["d_start"], r["start"]), m))
    out.sort(key=lambda pair: pair[0])
    return out


def lookup_plan(db_path: str | Path) -> list[str]:
    """EXPLAIN QUERY PLAN of the linking-key look-up (its `detail` lines)."""
    con = open_ledger(db_path)
    try:
        return [r[-1] for r in con.execute("EXPLAIN QUERY PLAN " + LOOKUP_SQL, ("e", "d", "m", 1))]
    finally:
        con.close()


# ---------------------------------------------------------------------------------------------
# Checking drafts against a ledger


def check_against_ledger(paths, db_path: str | Path, rules=None, jobs: int = 1, progress=None, data_docs=None):
    """`reconcile check PATH --against LEDGER.sqlite`: engine.analyse(paths, against=corpus), with
    the corpus's mentions looked up in the ledger by the drafts' linking keys instead of re-read.
    The findings are analyse's, but for what analyse learns from the whole corpus read at once (names
    another article is about, an anonymous draft's company: engine._with_learned_names,
    name_alignment.adopt_anonymous); the report's documents, figures and groups hold the drafts and
    only the reference mentions that share a linking key with them."""
    from reconcile import engine
    from reconcile.checks.registry import rule_set

    rules = rules or rule_set()
    if isinstance(paths, (str, Path)):
        paths = [paths]
    files = iter_files(paths)
    if not files:
        raise InputError(paths[0] if paths else "PATH", "no documents to check")
    targets = {f.as_posix() for f in files}
    open_ledger(db_path).close()  # fail early: a missing ledger, another schema version
    pairs = engine._read_all(files, jobs, progress)
    pairs.sort(key=lambda p: (p[0].path, p[0].start))
    draft_mentions = [m for _, ms in pairs for m in ms]
    sample = rules.tolerance("ledger_sample")
    refs = _reference_pairs(db_path, linking_keys(draft_mentions), exclude_paths=targets, sample=sample)
    return engine.judge_against(pairs, refs, rules, targets, data_docs)

"""The ledger (reconcile.store.ledger): a draft checked against an indexed archive gets the findings it
gets against the archive's folder; re-indexing is incremental; the schema is versioned; a killed
indexer leaves a sound ledger."""
from __future__ import annotations

import io
import math
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reconcile import linking
from reconcile.data.loader import data_dir
from reconcile.engine import analyse, mentions_of
from reconcile.errors import InputError
from reconcile.extraction.documents import SourceFile, split_file
from reconcile.store import ledger
from reconcile.store.ledger import _MENTION_COLUMNS

SEED = data_dir("seeds") / "ai-infrastructure-2025-11.txt"
ROOT = Path(__file__).resolve().parent.parent
DRAFT = ROOT / "examples" / "draft-en.md"
HOUR_AGO = time.time() - 3600


def _write(path: Path, text: str, mtime: float | None = HOUR_AGO) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime is not None:  # an old mtime: not "racy", so the stat fast path applies
        os.utime(path, (mtime, mtime))
    return path


def _counts(text: str, name: str = "x.txt") -> tuple[int, int]:
    """(documents, figures) of a file's text, extracted directly."""
    docs = split_file(SourceFile(path=name, text=text, encoding="utf-8"))
    return len(docs), sum(len(mentions_of(d)) for d in docs)


def _rows(db: Path, path: str) -> dict:
    con = sqlite3.connect(db)
    try:
        return {
            "documents": con.execute("SELECT * FROM documents WHERE path = ? ORDER BY n", (path,)).fetchall(),
            "mentions": con.execute("SELECT m.* FROM mentions m JOIN documents d ON d.n = m.doc "
                                    "WHERE d.path = ? ORDER BY m.n", (path,)).fetchall(),
            "sentences": con.execute("SELECT s.* FROM sentences s JOIN documents d ON d.n = s.doc "
                                     "WHERE d.path = ? ORDER BY s.n", (path,)).fetchall(),
        }
    finally:
        con.close()


def _sound(db: Path) -> dict[str, tuple]:
    """Integrity, referential integrity, and each file row's counts against its rows;
    {path: (sha256, documents, figures)}."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        files = {p: (sha, d, f) for p, sha, d, f in con.execute("SELECT path, sha256, documents, figures FROM files")}
        for path, (_, n_docs, n_figs) in files.items():
            assert con.execute("SELECT count(*) FROM documents WHERE path = ?", (path,)).fetchone()[0] == n_docs
            assert con.execute("SELECT count(*) FROM mentions m JOIN documents d ON d.n = m.doc "
                               "WHERE d.path = ?", (path,)).fetchone()[0] == n_figs
        assert con.execute("SELECT count(*) FROM documents WHERE path NOT IN (SELECT path FROM files)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM mentions WHERE doc NOT IN (SELECT n FROM documents)").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM sentences WHERE n NOT IN "
                           "(SELECT sentence FROM mentions WHERE sentence IS NOT NULL)").fetchone()[0] == 0
        return files
    finally:
        con.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A corpus folder holding the seed, its ledger, and analyse()'s report for the draft against it."""
    base = tmp_path_factory.mktemp("ledger")
    corpus = base / "corpus"
    _write(corpus / SEED.name, SEED.read_text(encoding="utf-8"))
    draft = _write(base / "draft-en.md", DRAFT.read_text(encoding="utf-8"))
    db = base / "ledger.sqlite"
    stats = ledger.index([corpus], db)
    assert (stats.files_read, stats.documents, stats.figures) == (1, 10, 235)
    return base, corpus, draft, db


# ---------------------------------------------------------------------------------------------
# Round trip


def test_draft_against_ledger_gives_the_findings_of_the_folder(seeded):
    from reconcile.report.terminal import print_report

    _, corpus, draft, db = seeded
    folder = analyse([draft], against=corpus)
    stored = ledger.check_against_ledger([draft], db)
    assert [f.record() for f in stored.findings] == [f.record() for f in folder.findings]
    assert sorted(f.rule for f in stored.findings) == ["XD001", "XD001"]
    assert {f.cause for f in stored.findings} == {"magnitude", "unit_scale"}
    # The report works on rebuilt mentions: the same findings table, the JSON contract.
    out_a, out_b = io.StringIO(), io.StringIO()
    print_report(folder, no_color=True, file=out_a)
    print_report(stored, no_color=True, file=out_b)
    table = lambda out: out.getvalue()[out.getvalue().index("┏"):]  # noqa: E731  (after the summary)
    assert table(out_b) == table(out_a)
    data = stored.to_json()
    assert {d["path"] for d in data["documents"]} == {draft.as_posix(), (corpus / SEED.name).as_posix()}
    ids = {f["id"] for f in data["figures"]}
    assert all(fid in ids for f in data["findings"] for fid in f["figures"])
    assert data["groups"] and all(g["figures"] for g in data["groups"])


def test_rebuilt_mentions_are_the_extracted_ones(seeded):
    _, corpus, _, db = seeded
    original = [m for m in analyse([corpus]).mentions if linking.linkable(m)]
    keys = ledger.linking_keys(original)
    rebuilt = ledger.reference_mentions(db, keys)
    assert [m.id for m in rebuilt] == [m.id for m in original]
    for a, b in zip(original, rebuilt):
        assert b.record == a.record
        assert (b.entity, b.metric, b.period, b.doc.id, b.doc.title, b.doc.date, b.doc.source, b.doc.path) == \
               (a.entity, a.metric, a.period, a.doc.id, a.doc.title, a.doc.date, a.doc.source, a.doc.path)
        assert (b.participants, b.scope, b.entity_how, b.period_how, b.restates, b.rivals, b.aliases) == \
               (a.participants, a.scope, a.entity_how, a.period_how, a.restates, a.rivals, a.aliases)
        fa, fb = a.fig, b.fig
        for name in ("text", "value", "low", "high", "unit", "kind", "qualifier", "classifier", "flags", "scale",
                     "bounds"):
            assert getattr(fb, name) == getattr(fa, name), name
        assert fb.number == fa.number or (math.isnan(fb.number) and math.isnan(fa.number))
        assert b.doc.text[fb.start:fb.end] == a.doc.text[fa.start:fa.end]
        assert b.doc.text[fb.amount_start:fb.end] == a.doc.text[fa.amount_start:fa.end]
        assert b.doc.text[slice(*b.clause)] == a.doc.text[slice(*a.clause)]
        assert b.context() == a.context()
        assert b.in_title == a.in_title
    for a1, b1 in zip(original[:40], rebuilt[:40]):  # clause similarity, pair by pair
        for a2, b2 in zip(original, rebuilt):
            assert linking.similarity(b1, b2) == linking.similarity(a1, a2)
    link = lambda ms: sorted(((g.key, tuple(m.id for m in g.mentions)) for g in linking.link(ms)), key=str)  # noqa: E731
    assert link(rebuilt) == link(original)
    # A draft that is itself in the archive is not its own reference.
    path = (corpus / SEED.name).as_posix()
    assert ledger.reference_mentions(db, keys, exclude_paths={path}) == []


def test_a_draft_in_the_archive_is_not_its_own_reference(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    _write(corpus / "draft.md", DRAFT.read_text(encoding="utf-8"))
    db = tmp_path / "ledger.sqlite"
    ledger.index([corpus], db)  # indexed under its absolute path
    keys = {("openai", "money", "investment")}
    assert {m.doc.path for m in ledger.reference_mentions(db, keys)} == {(corpus / "draft.md").as_posix()}
    monkeypatch.chdir(tmp_path)  # checked under a relative one
    assert ledger.reference_mentions(db, keys, exclude_paths={"corpus/draft.md"}) == []


def test_lookup_is_an_index_seek(seeded):
    *_, db = seeded
    plan = ledger.lookup_plan(db)
    assert any("USING COVERING INDEX blocks_key (entity=? AND dimension=? AND metric=?)" in p for p in plan), plan
    # Read in the index's date order (no sort), and only the small result is scanned, never a table.
    assert not any("TEMP B-TREE" in p for p in plan), plan
    assert not any(p.startswith(("SCAN m", "SCAN d", "SCAN s")) for p in plan), plan


# ---------------------------------------------------------------------------------------------
# Incremental indexing


def test_reindex_reads_only_what_changed(tmp_path, monkeypatch):
    # The files were all just written: trust their timestamps at once (see test_racy_timestamps).
    monkeypatch.setattr(ledger, "RACY_NS", 0)
    seed = SEED.read_text(encoding="utf-8")
    a = _write(tmp_path / "corpus" / "a.txt", seed)
    b = _write(tmp_path / "corpus" / "sub" / "b.md", DRAFT.read_text(encoding="utf-8"))
    c_text = "\n".join(seed.split("\n")[:12]) + "\n"
    c = _write(tmp_path / "corpus" / "c.txt", c_text)
    other = _write(tmp_path / "other" / "o.md", DRAFT.read_text(encoding="utf-8"))
    db = tmp_path / "db" / "ledger.sqlite"
    corpus = tmp_path / "corpus"

    calls = []
    first = ledger.index([corpus], db, progress=lambda done, total: calls.append((done, total)))
    assert (first.files_seen, first.files_read, first.files_skipped) == (3, 3, 0)
    assert calls == [(1, 3), (2, 3), (3, 3)]
    assert ledger.index([tmp_path / "other"], db).files_read == 1  # a second root, same ledger
    before = {p.as_posix(): _rows(db, p.as_posix()) for p in (a, b, c, other)}

    again = ledger.index([corpus], db)  # nothing changed: nothing is read, not even hashed
    assert (again.files_seen, again.files_read, again.files_skipped, again.files_hashed) == (3, 0, 3, 0)
    assert (again.documents, again.figures, again.files_removed) == (0, 0, 0)

    os.utime(a, (HOUR_AGO + 60, HOUR_AGO + 60))  # touched, same content: hashed, not extracted
    touched = ledger.index([corpus], db)
    assert (touched.files_read, touched.files_hashed, touched.files_skipped) == (0, 1, 3)

    changed = c_text.replace("1.4万亿美元", "1.5万亿美元", 1)
    assert changed != c_text
    _write(c, changed)
    edit = ledger.index([corpus], db)
    assert (edit.files_read, edit.files_skipped) == (1, 2)
    assert (edit.documents, edit.figures) == _counts(changed)
    after = {p.as_posix(): _rows(db, p.as_posix()) for p in (a, b, c, other)}
    for p in (a, b, other):  # only the changed file's rows changed
        assert after[p.as_posix()] == before[p.as_posix()]
    new_c = after[c.as_posix()]
    assert new_c != before[c.as_posix()]
    text = _MENTION_COLUMNS.index("text")  # the figure as written
    texts, old = [r[text] for r in new_c["mentions"]], [r[text] for r in before[c.as_posix()]["mentions"]]
    assert sum("1.5万亿美元" in t for t in texts) == 1
    assert sum("1.4万亿美元" in t for t in texts) == sum("1.4万亿美元" in t for t in old) - 1

    b.unlink()
    gone = ledger.index([corpus], db)
    assert (gone.files_seen, gone.files_removed, gone.files_read) == (2, 1, 0)
    assert _rows(db, b.as_posix()) == {"documents": [], "mentions": [], "sentences": []}
    files = _sound(db)
    assert set(files) == {a.as_posix(), c.as_posix(), other.as_posix()}  # the other root is kept


def test_racy_timestamps_are_not_trusted(tmp_path):
    """A file changed within RACY_NS of its reading might change again within the same timestamp
    tick: its row keeps no mtime, so the next run hashes it instead of skipping on its stat."""
    corpus = tmp_path / "corpus"
    _write(corpus / "b.md", DRAFT.read_text(encoding="utf-8"), mtime=None)
    db = tmp_path / "ledger.sqlite"
    ledger.index([corpus], db)
    con = sqlite3.connect(db)
    assert con.execute("SELECT mtime_ns FROM files").fetchone()[0] == -1
    con.close()
    stats = ledger.index([corpus], db)
    assert (stats.files_read, stats.files_hashed, stats.files_skipped) == (0, 1, 1)


def test_another_extractor_reextracts(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    _write(corpus / "b.md", DRAFT.read_text(encoding="utf-8"))
    db = tmp_path / "ledger.sqlite"
    ledger.index([corpus], db)
    monkeypatch.setattr(ledger, "extractor_fingerprint", lambda: "another-extractor")
    assert ledger.info(db)["stale_files"] == 1
    assert ledger.index([corpus], db).files_read == 1
    assert ledger.info(db)["stale_files"] == 0


def test_jobs_write_the_same_rows(tmp_path):
    corpus = tmp_path / "corpus"
    seed = SEED.read_text(encoding="utf-8")
    _write(corpus / "a.txt", seed)
    _write(corpus / "b.md", DRAFT.read_text(encoding="utf-8"))
    _write(corpus / "c.txt", "\n".join(seed.split("\n")[:12]) + "\n")
    _write(corpus / "bad.txt", "")
    (corpus / "bad.txt").write_bytes(b"\x00\x01\x02binary")
    dumps = []
    for jobs in (1, 2):
        db = tmp_path / f"jobs{jobs}.sqlite"
        stats = ledger.index([corpus], db, jobs=jobs)
        assert (stats.files_read, stats.files_failed) == (3, 1)
        assert stats.errors[0][0].endswith("bad.txt")
        con = sqlite3.connect(db)
        dumps.append([con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                      for t in ("documents", "sentences", "mentions")]
                     + [con.execute("SELECT path, sha256, size, documents, figures FROM files ORDER BY 1").fetchall()])
        con.close()
    assert dumps[0] == dumps[1]


# ---------------------------------------------------------------------------------------------
# Schema version, missing and foreign files


def test_schema_version_is_checked(seeded, tmp_path):
    _, corpus, draft, db = seeded
    old = tmp_path / "old.sqlite"
    old.write_bytes(db.read_bytes())
    con = sqlite3.connect(old)
    con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(InputError) as e:
        ledger.reference_mentions(old, {("openai", "investment", "money")})
    assert str(e.value) == (f"{old}: ledger schema version 0, this reconcile reads {ledger.SCHEMA_VERSION}: "
                            "re-index with `reconcile index`")
    with pytest.raises(InputError, match="schema version 0"):
        ledger.check_against_ledger([draft], old)
    stats = ledger.index([corpus], old)  # re-indexing rebuilds it
    assert stats.rebuilt and stats.files_read == 1
    assert ledger.info(old)["figures"] == 235

    missing = tmp_path / "missing.sqlite"
    with pytest.raises(InputError, match="no such ledger"):
        ledger.reference_mentions(missing, set())
    assert not missing.exists()
    junk = _write(tmp_path / "junk.sqlite", "not a database at all " * 100)
    with pytest.raises(InputError, match="not a reconcile ledger"):
        ledger.reference_mentions(junk, set())
    with pytest.raises(InputError, match="not a reconcile ledger"):
        ledger.index([corpus], junk)


# ---------------------------------------------------------------------------------------------
# A killed indexer


def test_killed_indexer_leaves_a_sound_ledger(tmp_path):
    """Index v1 of 16 files, rewrite them all (v2: the seed three times, 30 articles each, a few
    seconds to extract), start `index` in a subprocess and SIGKILL it once it has committed a file.
    Every file is then wholly v1 or wholly v2, and re-indexing finishes the job."""
    v1, v2 = DRAFT.read_text(encoding="utf-8"), SEED.read_text(encoding="utf-8") * 3
    corpus, db = tmp_path / "corpus", tmp_path / "ledger.sqlite"
    paths = [_write(corpus / f"a{i:02d}.txt", v1) for i in range(16)]
    ledger.index([corpus], db)
    import hashlib
    sha = {hashlib.sha256(t.encode()).hexdigest(): _counts(t) for t in (v1, v2)}
    sha_v2 = hashlib.sha256(v2.encode()).hexdigest()
    for p in paths:
        _write(p, v2)

    script = (f"from reconcile.store.ledger import index; "
              f"index([{str(corpus)!r}], {str(db)!r}, commit_every=0.05)")
    proc = subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            con = sqlite3.connect(db, timeout=5)
            try:
                done = con.execute("SELECT count(*) FROM files WHERE sha256 = ?", (sha_v2,)).fetchone()[0]
            except sqlite3.OperationalError:
                done = 0
            finally:
                con.close()
            if done:
                break
            time.sleep(0.02)
        time.sleep(0.1)
        assert proc.poll() is None, proc.stderr.read().decode()
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    files = _sound(db)
    assert set(files) == {p.as_posix() for p in paths}
    for path, (digest, n_docs, n_figs) in files.items():
        assert digest in sha
        assert (n_docs, n_figs) == sha[digest]  # the file's rows are those of its content
    n_v2 = sum(1 for digest, *_ in files.values() if digest == sha_v2)
    assert 1 <= n_v2 < len(paths)  # killed mid-run, with whole files committed

    stats = ledger.index([corpus], db)
    assert (stats.files_read, stats.files_skipped) == (len(paths) - n_v2, n_v2)
    files = _sound(db)
    assert all(v == (sha_v2, *sha[sha_v2]) for v in files.values())


def _data_files() -> list[str]:
    return sorted(f"{folder}/{p.name}" for folder in ("rules", "units")
                  for p in data_dir(folder).iterdir() if p.suffix in (".toml", ".txt"))


@pytest.mark.parametrize("name", _data_files())
def test_the_ledger_notices_a_change_to_any_data_file(tmp_path, monkeypatch, name):
    """Edit one built-in data file (a comment added): the ledger's rows are stale, and re-extracted."""
    import shutil

    from reconcile.data import loader

    corpus = tmp_path / "corpus"
    _write(corpus / "b.md", DRAFT.read_text(encoding="utf-8"))
    copy = tmp_path / "data"
    for folder in ("rules", "units", "seeds"):
        shutil.copytree(data_dir(folder), copy / folder)
    monkeypatch.setattr(loader, "data_dir", lambda folder: copy / folder)
    monkeypatch.setattr(loader, "_current", None)  # a data set read from the copy
    db = tmp_path / "ledger.sqlite"
    ledger.index([corpus], db)
    assert ledger.info(db)["stale_files"] == 0
    with open(copy / name, "a", encoding="utf-8") as f:
        f.write("\n# an editor's note\n")
    monkeypatch.setattr(loader, "_current", None)
    assert ledger.info(db)["stale_files"] == 1
    assert ledger.index([corpus], db).files_read == 1


def test_the_ledger_notices_a_pack(tmp_path):
    from reconcile.data.loader import use_packs

    corpus = tmp_path / "corpus"
    _write(corpus / "b.md", DRAFT.read_text(encoding="utf-8"))
    db = tmp_path / "ledger.sqlite"
    ledger.index([corpus], db)
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "entities.toml").write_text('[acme]\nnames = ["Acme Corp"]\n', encoding="utf-8")
    use_packs([tmp_path / "pack"])
    try:
        assert ledger.info(db)["stale_files"] == 1
    finally:
        use_packs(())
    assert ledger.info(db)["stale_files"] == 0


def test_index_reads_a_symlinked_file_once(tmp_path):
    corpus = tmp_path / "corpus"
    _write(corpus / "a.txt", SEED.read_text(encoding="utf-8"))
    (corpus / "b.txt").symlink_to(corpus / "a.txt")
    stats = ledger.index([corpus], tmp_path / "ledger.sqlite")
    assert (stats.files_read, stats.documents) == (1, 10)

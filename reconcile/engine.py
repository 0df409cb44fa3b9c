"""The rules engine: documents -> figures -> mentions -> groups and findings -> the JSON report."""
from __future__ import annotations

import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from reconcile.baseline import apply_suppressions
from reconcile.checks import crossdoc
from reconcile.checks.registry import RuleSet, rule_set
from reconcile.checks.types import Corpus
from reconcile.data.loader import data, data_dir, use_packs
from reconcile.errors import InputError
from reconcile.extraction.attribution import attribute
from reconcile.extraction.documents import Document, SourceFile, iter_files, read_file, split_file
from reconcile.linking import Group, link
from reconcile.model import (
    CONTRACT_FIELDS,
    SEVERITIES,
    Finding,
    Mention,
    document_figures,
    document_record,
    figure_record,
)


@dataclass
class Report:
    documents: list[Document]
    mentions: list[Mention]
    groups: list[Group]
    findings: list[Finding]
    rules: RuleSet  # the rules that ran (and were off): what every output format declares
    targets: set[str] | None = None  # with --against: the paths being checked
    by_id: dict[str, Mention] = field(default_factory=dict)
    hidden: int = 0  # findings a baseline hid

    def to_json(self) -> dict:
        """The contract of DESIGN.md: version, documents, figures, groups, findings; and (an
        additive key) the figures that could not be attributed, each with why."""
        return {
            "version": 1,
            "documents": [document_record(d) for d in self.documents],
            "figures": [{k: m.record[k] for k in CONTRACT_FIELDS} for m in self.mentions],
            "groups": [g.record() for g in self.groups if g.linked],
            "findings": [f.record() for f in self.findings],
            "unattributed": [{"figure": m.id, "why": why} for m, why in self.unattributed()],
        }

    def unattributed(self) -> list[tuple[Mention, str]]:
        """The figures (calendar years apart) that cannot be linked to any other: no company, or no
        metric, was found for them; with why, so that nothing is dropped silently."""
        out = []
        for m in self.mentions:
            if m.fig.kind == "date" or (self.targets is not None and m.doc.path not in self.targets):
                continue
            missing = [what for what, value in (("no company named in its sentence, nearby or in the title",
                                                  m.entity or m.participants),
                                                 ("no metric word in its clause or sentence", m.metric)) if not value]
            if missing:
                out.append((m, "; ".join(missing)))
        return out

    def count(self, severity: str) -> int:
        return sum(1 for f in self.findings if f.severity == severity)

    def fails(self, fail_on: str) -> bool:
        if fail_on == "never":
            return False
        floor = SEVERITIES.index(fail_on)
        return any(SEVERITIES.index(f.severity) >= floor for f in self.findings)


def mentions_of(doc: Document, learned: frozenset[str] = frozenset(), terms: frozenset[str] = frozenset()) -> list[Mention]:
    figures = document_figures(doc)
    records = [figure_record(doc, f) for f in figures]
    return attribute(doc, figures, records, learned, terms)


def _with_learned_names(pairs: list[tuple[Document, list[Mention]]]) -> list[tuple[Document, list[Mention]]]:
    """The documents again whose text writes a Chinese name in no list that another article of the
    corpus is about (沪上阿姨, named by no suffix or code where a headline does not open on it), and
    that none of their figures has yet; or whose figures have for company an acronym another article
    defines as a measure (GTV, written bare where "Gross transaction value (GTV)" is not): attributed
    again, knowing the one for a name and the other for none. (Only a corpus read at once learns them
    so: `check --against` a ledger, `serve` and `extract` do not.)"""
    import re

    from reconcile.extraction.attribution import defined_terms
    from reconcile.extraction.names import name_id
    from reconcile.name_alignment import learned_names

    learned = learned_names(pairs)
    terms = frozenset().union(*(defined_terms(doc.text) for doc, _ in pairs))
    term_ids = {name_id(t): t for t in terms}
    if not learned and not terms:
        return pairs
    anyone = re.compile("|".join(map(re.escape, sorted(learned, key=len, reverse=True)))) if learned else None
    out = []
    for doc, ms in pairs:
        written = set(anyone.findall(doc.text)) if anyone else set()
        present = frozenset(written - {e for m in ms for e in (m.entity, *m.participants) if e}) if written \
            else frozenset()
        named_terms = frozenset(term_ids[e] for m in ms for e in (m.entity, *m.participants) if e in term_ids)
        out.append((doc, mentions_of(doc, present, named_terms)) if present or named_terms else (doc, ms))
    return out


def _file_mentions(path: Path) -> list[tuple[Document, list[Mention]]]:
    """The documents of one file with their mentions (a unit of work for --jobs)."""
    return source_mentions(read_file(path))


def source_mentions(source: SourceFile) -> list[tuple[Document, list[Mention]]]:
    """The documents of one file's text (read from disk, or a draft pasted into `reconcile serve`)
    with their mentions."""
    return [(doc, mentions_of(doc)) for doc in split_file(source)]


def _read_all(files: list[Path], jobs: int, progress=None) -> list[tuple[Document, list[Mention]]]:
    """Every file's documents and mentions, with `jobs` processes; `progress(done, total)` after
    each file. A file reached by two names (a symlink) is read once, under the first name. An
    InputError in a worker comes back as itself; a worker that dies is an InputError too."""
    import os
    from concurrent.futures.process import BrokenProcessPool

    seen: set[str] = set()
    unique = []
    for f in files:
        real = os.path.realpath(f)
        if real not in seen:
            seen.add(real)
            unique.append(f)
    files = unique
    if jobs <= 1 or len(files) < 2:
        results = map(_file_mentions, files)
        pool = None
    else:
        from concurrent.futures import ProcessPoolExecutor

        pool = ProcessPoolExecutor(max_workers=jobs, initializer=use_packs, initargs=(data().packs,))
        results = pool.map(_file_mentions, files, chunksize=max(1, len(files) // (jobs * 8)))
    try:
        out = []
        for done, pairs in enumerate(results, 1):
            out += pairs
            if progress:
                progress(done, len(files))
        return out
    except BrokenProcessPool:
        raise InputError(f"--jobs {jobs}", "a worker process died while reading the files (out of memory, "
                                           "or killed); try fewer jobs") from None
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)


def analyse(paths, against=None, rules: RuleSet | None = None, jobs: int = 1, progress=None,
            data_docs=None) -> Report:
    """Check `paths`; with `against`, the corpus is the reference and only findings that touch
    `paths` are reported. `jobs` > 1 extracts with that many processes; `progress(done, total)`
    is called as files are read."""
    rules = rules or rule_set()
    files = iter_files(paths)
    targets = None
    if against is not None:
        if not files:
            raise InputError(paths[0] if paths else "PATH", "no documents to check")
        targets = {f.as_posix() for f in files}
        files = files + [f for f in iter_files(against) if f.as_posix() not in targets]
    # One pause from reading to the findings (reading builds every mention, and no garbage in
    # cycles): the collector's first pass after a pause scans every object made during it, so
    # two pauses cost two such passes over the archive's mentions.
    with _collector_paused():
        pairs = _read_all(files, jobs, progress)
        pairs.sort(key=lambda p: (p[0].path, p[0].start))
        pairs = _with_learned_names(pairs)
        docs = [d for d, _ in pairs]
        mentions = [m for _, ms in pairs for m in ms]
        groups, findings = judge(pairs, mentions, rules, targets, data_docs)
    if targets is not None:
        docs = [d for d in docs if d.path in targets] + [d for d in docs if d.path not in targets]
    return Report(docs, mentions, groups, findings, rules, targets, {m.id: m for m in mentions})


def judge_against(pairs: list[tuple[Document, list[Mention]]], refs: list[tuple[tuple, Mention]], rules: RuleSet,
                  targets: set[str], data_docs=None) -> Report:
    """Drafts (`pairs`: documents with their mentions, being checked) judged against reference
    mentions looked up for them (`refs`: ((path, document start, figure start), mention), from a
    ledger or a corpus held in memory). The report holds the drafts and the reference documents
    that share a linking key with them; every mention in document order, as `analyse` has them."""
    keyed = [((m.doc.path, m.doc.start, m.fig.start), m) for _, ms in pairs for m in ms] + list(refs)
    keyed.sort(key=lambda pair: pair[0])
    mentions = [m for _, m in keyed]
    ref_docs: dict[str, tuple] = {}
    for (path, doc_start, _), m in refs:
        ref_docs.setdefault(m.doc.id, ((path, doc_start), m.doc))
    groups, findings = judge(pairs, mentions, rules, targets, data_docs)
    docs = [d for d, _ in pairs] + [d for _, d in sorted(ref_docs.values(), key=lambda kv: kv[0])]
    return Report(docs, mentions, groups, findings, rules, targets, {m.id: m for m in mentions})


def judge(pairs: list[tuple[Document, list[Mention]]], mentions: list[Mention], rules: RuleSet,
          targets: set[str] | None = None, data_docs=None) -> tuple[list[Group], list[Finding]]:
    """Link `mentions` (every document's, in document order) and run every enabled rule: the
    corpus ones over all of them, the document ones over `pairs` (documents with their mentions)
    that are being checked. The one place the rules run, for a folder or a ledger."""
    with _collector_paused():
        return _judge(pairs, mentions, rules, targets, data_docs)


@contextmanager
def _collector_paused():
    """The cyclic garbage collector off while the archive is read, and while linking and the rules
    run: they build millions of small objects (mentions, pairs, scores, clusters) and leave almost
    no garbage in cycles, and each of the collector's full passes scans the whole heap again (a
    tenth to a fifth of their time at 2,500 articles, growing faster than the archive)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _judge(pairs, mentions, rules, targets, data_docs) -> tuple[list[Group], list[Finding]]:
    # Linking teaches each document's aliases the names other documents tie together, for the rules
    # that assess pairs; the documents get their own back after (a reference corpus kept between two
    # drafts, as `serve` keeps one, must not remember the first draft's names).
    own = {id(m.aliases): (m.aliases, dict(m.aliases)) for m in mentions}
    try:
        return _linked_and_checked(pairs, mentions, rules, targets, data_docs)
    finally:
        for aliases, before in own.values():
            if aliases != before:
                aliases.clear()
                aliases.update(before)


def _linked_and_checked(pairs, mentions, rules, targets, data_docs) -> tuple[list[Group], list[Finding]]:
    groups = link(mentions)
    corpus = Corpus(mentions, groups, targets, data_docs)
    for g in groups:
        if crossdoc.group_disagreements(corpus, g, rules.tolerance("touching_meets")):
            g.status = "conflict"
    findings: list[Finding] = []
    for rule in rules.running("corpus"):
        findings += rule.check.run(rule, corpus)
    for doc, ms in pairs:
        if targets is None or doc.path in targets:
            for rule in rules.running("document"):
                findings += rule.check.run(rule, doc, ms)
    findings = apply_suppressions(_dedupe(findings))
    corpus.documents = [doc for doc, _ in pairs if targets is None or doc.path in targets]
    for rule in rules.running("findings"):
        findings += rule.check.run(rule, corpus, findings)
    findings.sort(key=_finding_order)
    return groups, findings


def _finding_order(f: Finding) -> tuple:
    """Errors first, then by rule, then where the suspect stands (line and column as numbers)."""
    where = [(m.doc.path, m.record["line"], m.record["column"]) for m in f.mentions]
    return (-SEVERITIES.index(f.severity), f.rule, where, f.figures)


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for f in findings:
        key = (f.rule, tuple(f.figures))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def default_paths() -> list[Path]:
    """`seeds/` in the working folder, else the seed corpus shipped with the package."""
    local = Path("seeds")
    return [local] if local.is_dir() else [data_dir("seeds")]

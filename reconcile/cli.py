"""The `reconcile` command line. Heavy libraries are imported inside the commands that use them.

Exit status: 0 nothing at or above --fail-on; 1 findings at or above it; 2 bad usage, bad
configuration, unreadable input or an internal error, with one line on stderr that names the file
(or flag) and the problem -- never a traceback (RECONCILE_TRACEBACK=1 shows one for a bug).
Input files are only read: reports are written atomically, never over a file the run reads.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reconcile import __version__

FORMATS = ("table", "json", "jsonl", "markdown", "html", "sarif", "junit", "github")


def _settings(args):
    """(config, rules) from the project configuration and the flags, flags winning. The packs the
    configuration names are put in force here, before anything reads the data."""
    from reconcile import settings
    from reconcile.checks.registry import rule_set
    from reconcile.data.loader import use_packs

    cfg = settings.load()
    use_packs(cfg.packs)
    rules = rule_set()
    if getattr(args, "plausibility", False) or getattr(args, "data_docs", None) or cfg.plausibility:
        rules = rules.enable("plausibility")
    return cfg, rules


def _note(text: str) -> None:
    print(f"reconcile: note: {text}", file=sys.stderr)


# -- Paths ----------------------------------------------------------------------------------------
# Every path a run reads is made relative to the project's folder (the configuration's, else the
# working folder), and the run works from that folder: figure ids, fingerprints, SARIF and GitHub
# annotations name `drafts/a.md` whichever way the run was started (from a subfolder, with absolute
# paths, with the configuration's paths), so a baseline recorded in one checkout hides the same
# findings in another. main() restores the working folder.


def _relocate(cfg, *groups):
    """Each of `groups` (a path, a list of paths, or None) relative to the project's folder, which
    becomes the working folder. Paths outside it stay absolute."""
    root = cfg.root or Path.cwd()
    bases = {os.path.abspath(root), os.path.realpath(root)}

    def rel(p):
        if p is None:
            return None
        a = os.path.abspath(p)
        for path in (a, os.path.realpath(a)):
            for base in bases:
                if path == base:
                    return Path(".")
                if path.startswith(base.rstrip(os.sep) + os.sep):
                    return Path(os.path.relpath(path, base))
        return Path(a)

    out = [[rel(p) for p in g] if isinstance(g, (list, tuple)) else rel(g) for g in groups]
    os.chdir(root)
    return out[0] if len(out) == 1 else out


def _listable(paths) -> None:
    """Every folder under `paths` can be listed: one that cannot is an error, not an empty folder
    (hidden folders, which are never read, aside)."""
    from reconcile.errors import InputError

    def unreadable(e: OSError):
        raise InputError(e.filename, f"folder not readable ({e.strerror or e}); nothing was read")

    for p in paths:
        if os.path.isdir(p):
            for _, folders, _ in os.walk(p, onerror=unreadable):
                folders[:] = [f for f in folders if not f.startswith(".")]


def _documents(paths) -> list[Path]:
    """The files under `paths`; an error when a folder cannot be listed or there is nothing to read."""
    from reconcile.errors import InputError
    from reconcile.extraction.documents import iter_files

    _listable(paths)
    files = iter_files(paths)
    if not files:
        raise InputError(", ".join(Path(p).as_posix() for p in paths) or "PATH",
                         "no documents to read (files ending .txt, .md or .markdown)")
    return files


def _target(path, flag: str = "--output", make_folder: bool = False) -> Path | None:
    """A file to write, as an absolute path (taken before the working folder changes), checked
    before any work: not a folder, and its folder exists (or is made)."""
    from reconcile.errors import InputError

    if path == "-" and make_folder:
        raise InputError(path, f"{flag} names the file to write (standard output is not one)")
    if path is None or path == "-":
        return None  # "-": standard output, as in most tools
    out = Path(os.path.abspath(path))
    if out.is_dir():
        raise InputError(path, f"is a folder; {flag} names the file to write")
    if make_folder:
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(path, f"cannot make its folder: {e.strerror}")
    elif not out.parent.is_dir():
        raise InputError(path, f"cannot write there: no such folder {out.parent}")
    return out


def _not_read(out: Path | None, reads: list, flag: str = "--output") -> None:
    """Refuse to write `out` over a file this run reads (a document, the ledger, the baseline, the
    configuration)."""
    from reconcile.errors import InputError

    if out is None:
        return
    real = os.path.realpath(out)
    for p in reads:
        if p is not None and os.path.realpath(p) == real and os.path.exists(p):
            raise InputError(Path(p).as_posix(), f"is a file this run reads; refusing to write {flag} over it")


def _is_ledger(against) -> bool:
    return isinstance(against, (str, Path)) and str(against).endswith((".sqlite", ".db"))


def _plan(args, cfg):
    """(drafts, against, the files a check reads): PATH (or the configured drafts) against CORPUS,
    a ledger, or nothing; every path relative to the project's folder."""
    from reconcile.errors import InputError

    drafts = list(args.paths) or cfg.paths
    against = args.against
    if drafts and against is None:
        if cfg.ledger and cfg.ledger.exists():
            against = cfg.ledger
        elif cfg.ledger and cfg.corpus:
            _note(f"the ledger {cfg.ledger} does not exist yet, so the corpus folders are read instead "
                  "(`reconcile index` builds it)")
            against = cfg.corpus
        elif cfg.ledger:
            raise InputError(cfg.source, f"key 'ledger': no such ledger {cfg.ledger}; build it with "
                                         "`reconcile index CORPUS`, or name a `corpus` to check against")
        else:
            against = cfg.corpus or None
    elif not drafts:
        from reconcile.engine import default_paths

        drafts = cfg.corpus or default_paths()
    drafts, against = _relocate(cfg, drafts, against)
    if isinstance(against, list) and len(against) == 1 and _is_ledger(against[0]):
        against = against[0]
    reads = _documents(drafts)
    if _is_ledger(against):
        reads.append(against)
    elif against is not None:
        reads += _documents(against if isinstance(against, list) else [against])
    return drafts, against, reads


def _report(args, cfg, rules, drafts, against):
    """Run the check, and quote figures as written."""
    from reconcile.report.formats.shared import quote_as_written

    jobs = args.jobs or cfg.jobs or 1
    if _is_ledger(against):
        from reconcile.store.ledger import check_against_ledger

        report = check_against_ledger(drafts, against, rules=rules, jobs=jobs)
    else:
        from reconcile.engine import analyse
        from reconcile.report.terminal import progress_bar

        with progress_bar() as advance:
            report = analyse(drafts, against=against, rules=rules, jobs=jobs, progress=advance,
                             data_docs=getattr(args, "data_docs", None))
    quote_as_written(report.findings)
    return report


# -- Commands -------------------------------------------------------------------------------------


def _extract(args) -> int:
    from reconcile.engine import _read_all
    from reconcile.report.numbers import use_locale

    cfg = _settings(args)[0]  # the configuration's packs: their entities, metrics and units
    use_locale(args.locale)
    paths = _relocate(cfg, args.paths)
    records = [m.record for _, ms in _read_all(_documents(paths), 1) for m in ms]
    out = sys.stdout
    if args.format == "jsonl":
        from reconcile.report.numbers import write_jsonl

        write_jsonl(records, out)
    elif args.format == "csv":
        from reconcile.report.numbers import write_csv

        write_csv(records, out)
    else:
        from reconcile.report.numbers import print_figures_table

        print_figures_table(records, no_color=args.no_color)
    return 0


def _accepted(args, cfg):
    """(the baseline file, the findings it accepts): --baseline, else the configured one (which
    may not exist yet: then nothing is accepted, said once)."""
    from reconcile.baseline import read

    baseline, configured = _relocate(cfg, getattr(args, "baseline", None) or cfg.baseline), \
        not getattr(args, "baseline", None)
    if baseline and configured and not baseline.exists():
        _note(f"no baseline yet at {baseline.as_posix()}, so no finding is accepted "
              "(`reconcile baseline` records one)")
        return baseline, None
    return baseline, read(baseline) if baseline else None


def _check(args) -> int:
    from reconcile.baseline import hide
    from reconcile.report.numbers import use_locale
    from reconcile.report.output import open_output

    cfg, rules = _settings(args)
    use_locale(args.locale or cfg.locale)
    output = _target(args.output)
    drafts, against, reads = _plan(args, cfg)
    baseline, accepted = _accepted(args, cfg)
    _not_read(output, reads + [baseline, cfg.source, *cfg.packs])
    report = _report(args, cfg, rules, drafts, against)
    if accepted is not None:
        report.findings, report.hidden = hide(report.findings, accepted)
    with open_output(output) as out:
        if args.format == "table":
            from reconcile.report.terminal import print_report

            print_report(report, no_color=args.no_color, file=out if output else None)
        else:
            from reconcile.report.formats import write

            write(report, args.format, out)
    return 1 if report.fails(args.fail_on or cfg.fail_on or "error") else 0


def _fix(args) -> int:
    """Apply the findings' fixes to the files being checked: safe ones, and unsafe ones with
    --unsafe; with --diff, print what would change and write nothing. The exit status counts the
    findings left in the files (not fixed; all of them with --diff), as `check` would."""
    from reconcile import fixes
    from reconcile.baseline import hide

    cfg, rules = _settings(args)
    drafts, against, reads = _plan(args, cfg)
    _, accepted = _accepted(args, cfg)
    report = _report(args, cfg, rules, drafts, against)
    if accepted is not None:
        report.findings, report.hidden = hide(report.findings, accepted)
    files = {d.path: d.file for d in report.documents
             if report.targets is None or d.path in report.targets}
    changes, applied, left = fixes.plan(report.findings, files, unsafe=args.unsafe)
    for change in changes:
        if args.diff:
            sys.stdout.write(fixes.unified_diff(change))
        else:
            fixes.write(change)
    verb = "would fix" if args.diff else "fixed"
    held = sum(1 for f in left if f.fix is not None and f.fix.applicability == fixes.UNSAFE and not args.unsafe)
    print(f"reconcile: {verb} {len(applied)} finding{'s' if len(applied) != 1 else ''} in {len(changes)} "
          f"file{'s' if len(changes) != 1 else ''}; {len(left)} left"
          + (f" ({held} with an unsafe fix: --unsafe applies {'them' if held != 1 else 'it'})" if held else ""),
          file=sys.stderr)
    if not args.diff:  # with --diff nothing was fixed: every finding is still in the files
        report.findings = left
    return 1 if report.fails(args.fail_on or cfg.fail_on or "error") else 0


def _serve(args) -> int:
    """A local web app: paste or upload a draft, see its figures and findings, accept fixes,
    download the corrected draft. The reference, the rules and the vocabulary stay loaded."""
    from reconcile.errors import InputError, install_command

    try:
        import jinja2  # noqa: F401
        import starlette  # noqa: F401
        import uvicorn
    except ImportError as e:
        raise InputError("serve", f"needs the web stack ({e.name} is missing): {install_command('serve')}") from None
    from reconcile.serve.app import LOCAL_HOSTS, create_app
    from reconcile.serve.checker import Desk, load_reference

    cfg, rules = _settings(args)
    against = args.against
    if against is None:
        if cfg.ledger and cfg.ledger.exists():
            against = cfg.ledger
        elif cfg.corpus:
            against = cfg.corpus
        else:
            from reconcile.engine import default_paths

            against = default_paths()
    against = _relocate(cfg, against)
    if isinstance(against, list) and len(against) == 1 and _is_ledger(against[0]):
        against = against[0]
    if not _is_ledger(against):
        _documents(against if isinstance(against, list) else [against])
    if not args.no_plausibility:
        from reconcile.checks import plausibility

        if plausibility.available():
            rules = rules.enable("plausibility")
        else:
            _note(f"plausibility (PL001) is off: it needs great-expectations, {install_command('plausibility')}")
    print(f"reconcile: loading {Path(str(against if not isinstance(against, list) else against[0])).as_posix()}"
          f"{' …' if isinstance(against, list) and len(against) > 1 else ''}", file=sys.stderr)
    desk = Desk(load_reference(against, jobs=args.jobs or cfg.jobs or 1), rules, args.locale or cfg.locale)
    ref = desk.reference
    warm = desk.warm()
    print(f"reconcile: {ref.kind} {ref.label}: {ref.documents} documents, {ref.figures} figures; "
          f"plausibility {'on' if desk.plausibility else 'off'}; ready in {warm:.1f} s after loading", file=sys.stderr)
    hosts = LOCAL_HOSTS + ([args.host] if args.host not in LOCAL_HOSTS else [])
    if args.host in ("0.0.0.0", "::"):
        _note(f"listening on every interface ({args.host}): anyone who can reach this machine can read the archive")
        hosts = ["*"]
    app = create_app(desk, max_bytes=int(args.max_upload_mb * 1_000_000), allowed_hosts=hosts)
    print(f"reconcile: open http://{args.host if ':' not in args.host else f'[{args.host}]'}:{args.port}/ "
          "(Ctrl+C stops)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", server_header=False)
    return 0


def _baseline(args) -> int:
    from reconcile import baseline

    cfg, rules = _settings(args)
    target = _target(args.output, make_folder=True)
    drafts, against, reads = _plan(args, cfg)
    target = _relocate(cfg, target or cfg.baseline or Path(".reconcile", "baseline.json"))
    _not_read(target, reads + [cfg.source, *cfg.packs])
    report = _report(args, cfg, rules, drafts, against)
    n = baseline.write(report.findings, target)
    print(f"recorded {n} findings in {target.as_posix()}", file=sys.stderr)
    return 0


def _index(args) -> int:
    from reconcile.errors import InputError
    from reconcile.report.terminal import progress_bar
    from reconcile.store.ledger import DEFAULT_DB, index

    cfg = _settings(args)[0]
    corpus = args.corpus or cfg.corpus
    if not corpus:
        raise InputError("index", "name a CORPUS (or `corpus` in reconcile.toml)")
    db = _target(args.db, "--db", make_folder=True) or cfg.ledger or (cfg.root or Path.cwd()) / DEFAULT_DB
    corpus, db = _relocate(cfg, corpus, db)
    _listable(corpus)
    _not_read(db, [f for p in corpus for f in ([p] if p.is_file() else [])] + [cfg.source], "--db")
    with progress_bar("indexing") as advance:
        stats = index(corpus, db, jobs=args.jobs or cfg.jobs or 1, progress=advance)
    print(f"{db.as_posix()}: read {stats.files_read} files, {stats.files_skipped} unchanged, "
          f"{stats.files_removed} removed{f', {stats.files_failed} unreadable' if stats.files_failed else ''}; "
          f"{stats.total_documents} documents, {stats.total_figures} figures in {stats.seconds:.1f} s", file=sys.stderr)
    for path, problem in stats.errors[:20]:
        print(f"reconcile: error: {path}: {problem} (the rest is indexed; its previous rows, if any, kept)",
              file=sys.stderr)
    return 2 if stats.errors else 0


def _rules(args) -> int:
    _, rules = _settings(args)
    for rule in rules:
        state = "" if rule.enabled else "  (off)"
        print(f"{rule.id}  {rule.severity:<7}  {rule.name}: {rule.check.summary}{state}")
        if args.verbose:
            print(f"    check type: {rule.check.name} ({rule.check.scope}); from {rule.source}")
            print(f"    why: {rule.check.why}\n    example: {rule.check.example}")
            for name in rule.check.tolerances:
                print(f"    {name} = {rule.tolerance(name)!r}")
    return 0


def _entities(args) -> int:
    from reconcile.data.loader import data

    _settings(args)
    d = data()
    entities, origins = d.toml("entities.toml"), d.origins("entities.toml")
    needle = (args.name or "").lower()
    shown = 0
    for eid, spec in sorted(entities.items()):
        names = spec.get("names", [])
        if needle and needle not in eid.lower() and not any(needle in n.lower() for n in names):
            continue
        shown += 1
        print(f"{eid}  ({spec.get('kind', 'company')})  {', '.join(names)}")
        if args.verbose:
            print(f"    from {', '.join(origins[eid])}")
    if needle and not shown:
        print(f"no entity matches {args.name!r}", file=sys.stderr)
        return 1
    return 0


def _processes(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, 1 or more, got {text!r}")
    return n


def _megabytes(text: str) -> float:
    try:
        n = float(text)
    except ValueError:
        n = 0.0
    if not 0 < n <= 1000:
        raise argparse.ArgumentTypeError(f"expected a size in MB above 0 (at most 1000), got {text!r}")
    return n


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reconcile",
        description="Find the figures in financial copy that contradict each other.",
    )
    parser.add_argument("--version", action="version", version=f"reconcile {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("extract", help="list every figure in the files, as an interval in a canonical unit")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md), read recursively")
    p.add_argument("--format", choices=("table", "csv", "jsonl"), default="table")
    p.add_argument("--locale", metavar="LOCALE", help="show numbers for this locale: zh_CN, zh_TW, en_US … (default: from the environment)")
    p.add_argument("--no-color", action="store_true", help="plain output, no colour")
    p.set_defaults(func=_extract)

    def corpus_args(p):
        p.add_argument("paths", nargs="*", metavar="PATH",
                       help="files or folders to check (default: the configuration's, else seeds/)")
        p.add_argument("--against", metavar="CORPUS",
                       help="check PATH against this corpus (a folder, or a ledger .sqlite); report only findings that touch PATH")
        p.add_argument("--jobs", type=_processes, metavar="N", help="extract with N processes")

    p = sub.add_parser("check", help="link the mentions of each fact and report what disagrees")
    corpus_args(p)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output (- for standard output)")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                   help="exit 1 when a finding at or above this severity is reported (default: error)")
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline")
    p.add_argument("--locale", metavar="LOCALE", help="show numbers for this locale: zh_CN, zh_TW, en_US … (default: from the environment)")
    p.add_argument("--plausibility", action="store_true",
                   help="also run PL001: bounds of rules/plausibility.toml, with Great Expectations (adds ~3 s)")
    p.add_argument("--data-docs", metavar="DIR", help="run PL001 and write Great Expectations' Data Docs into DIR")
    p.add_argument("--no-color", action="store_true", help="plain output, no colour")
    p.set_defaults(func=_check)

    p = sub.add_parser("fix", help="apply the findings' fixes to the files checked (safe ones; unsafe too with --unsafe)")
    corpus_args(p)
    p.add_argument("--unsafe", action="store_true",
                   help="also apply unsafe fixes (a value changed to agree with the other sources)")
    p.add_argument("--diff", action="store_true", help="print a unified diff of what would change; write nothing")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                   help="exit 1 when a finding at or above this severity is left unfixed (default: error)")
    p.add_argument("--baseline", metavar="FILE", help="leave the findings recorded in this baseline alone")
    p.set_defaults(func=_fix)

    p = sub.add_parser("serve", help="a local web page: paste a draft, see its figures and findings, accept fixes")
    p.add_argument("--against", metavar="CORPUS",
                   help="the reference: a folder, or a ledger .sqlite (default: the configuration's ledger or corpus, "
                        "else the seed corpus)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--max-upload-mb", type=_megabytes, default=2.0, metavar="MB",
                   help="largest draft accepted, in MB (default 2)")
    p.add_argument("--no-plausibility", action="store_true", help="turn PL001 off (it is on in the server)")
    p.add_argument("--locale", metavar="LOCALE", help="show values for this locale (default en_US)")
    p.add_argument("--jobs", type=_processes, metavar="N", help="read a corpus folder with N processes")
    p.set_defaults(func=_serve)

    p = sub.add_parser("baseline", help="record the current findings, so that later checks fail only on new ones")
    corpus_args(p)
    p.add_argument("--output", metavar="FILE", help="where to write it (default: .reconcile/baseline.json)")
    p.set_defaults(func=_baseline)

    p = sub.add_parser("index", help="store a corpus's documents and figures in a SQLite ledger, incrementally")
    p.add_argument("corpus", nargs="*", metavar="CORPUS", help="files or folders (default: the configuration's corpus)")
    p.add_argument("--db", metavar="PATH", help="the ledger (default: .reconcile/ledger.sqlite)")
    p.add_argument("--jobs", type=_processes, metavar="N", help="extract with N processes")
    p.set_defaults(func=_index)

    p = sub.add_parser("rules", help="list the rules in force (packs included): id, severity, what each checks")
    p.add_argument("-v", "--verbose", action="store_true", help="also why, an example, tolerances and the file each comes from")
    p.set_defaults(func=_rules)

    p = sub.add_parser("entities", help="list the entities in force (packs included): id, kind and names")
    p.add_argument("name", nargs="?", help="only those whose id or a name contains this")
    p.add_argument("-v", "--verbose", action="store_true", help="also the files each comes from")
    p.set_defaults(func=_entities)
    return parser


_PATH_ARGS = ("paths", "corpus", "against", "baseline", "output", "db", "data_docs")


def main(argv: list[str] | None = None) -> int:
    from reconcile.errors import exit_status

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    for name in _PATH_ARGS:  # relative to the folder the command was started in, whatever follows
        value = getattr(args, name, None)
        if isinstance(value, list):
            setattr(args, name, [os.path.abspath(v) for v in value])
        elif isinstance(value, str) and not (name == "output" and value == "-"):  # (--output -: standard output)
            setattr(args, name, os.path.abspath(value))
    from reconcile.data.loader import in_force, put_back

    cwd, dataset = os.getcwd(), in_force()
    try:
        return args.func(args)
    except Exception as e:  # noqa: BLE001 -- one line, never a traceback
        return exit_status(e)
    except KeyboardInterrupt:
        print("reconcile: interrupted", file=sys.stderr)
        return 130
    finally:
        os.chdir(cwd)
        put_back(dataset)  # the packs a project's configuration named end with its run


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""The `reconcile` command line. Heavy libraries are imported inside the commands that use them."""
from __future__ import annotations

import argparse
import sys

from reconcile import __version__


def _extract(args) -> int:
    from reconcile.api import extract_records
    from reconcile.report.numbers import use_locale

    _settings(args)  # the configuration's packs: their entities, metrics and units
    use_locale(args.locale)
    _, records = extract_records(args.paths)
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
    if getattr(args, "plausibility", False) or getattr(args, "data_docs", None):
        rules = rules.enable("plausibility")
    return cfg, rules


def _report(args, cfg, rules):
    """Run the check the flags and the configuration ask for: PATH (or the configured drafts)
    against CORPUS, a ledger, or nothing."""
    from pathlib import Path

    from reconcile.engine import analyse, default_paths

    jobs = args.jobs or cfg.jobs or 1
    drafts = args.paths or cfg.paths
    if drafts:
        reference = cfg.ledger if cfg.ledger and cfg.ledger.exists() else (cfg.corpus or None)
        against = args.against or reference
    else:
        drafts, against = cfg.corpus or default_paths(), args.against
    if isinstance(against, (str, Path)) and str(against).endswith((".sqlite", ".db")):
        from reconcile.store.ledger import check_against_ledger

        return check_against_ledger(drafts, against, rules=rules, jobs=jobs)
    from reconcile.report.terminal import progress_bar

    with progress_bar() as advance:
        return analyse(drafts, against=against, rules=rules, jobs=jobs, progress=advance,
                       data_docs=getattr(args, "data_docs", None))


def _check(args) -> int:
    from reconcile.baseline import hide, read
    from reconcile.report.numbers import use_locale

    cfg, rules = _settings(args)
    use_locale(args.locale or cfg.locale)
    report = _report(args, cfg, rules)
    baseline = args.baseline or cfg.baseline
    if baseline:
        report.findings, report.hidden = hide(report.findings, read(baseline))
    out = open(args.output, "w", encoding="utf-8", newline="\n") if args.output else sys.stdout
    try:
        if args.format == "table":
            from reconcile.report.terminal import print_report

            print_report(report, no_color=args.no_color, file=out if args.output else None)
        else:
            from reconcile.report.formats import write

            write(report, args.format, out)
    finally:
        if args.output:
            out.close()
    return 1 if report.fails(args.fail_on or cfg.fail_on or "error") else 0


def _index(args) -> int:
    from reconcile import settings
    from reconcile.data.loader import use_packs
    from reconcile.report.terminal import progress_bar
    from reconcile.store.ledger import DEFAULT_DB, index

    cfg = settings.load()
    use_packs(cfg.packs)
    corpus = args.corpus or cfg.corpus
    if not corpus:
        print("reconcile: error: index: name a CORPUS (or `corpus` in reconcile.toml)", file=sys.stderr)
        return 2
    db = args.db or cfg.ledger or DEFAULT_DB
    with progress_bar("indexing") as advance:
        stats = index(corpus, db, jobs=args.jobs or cfg.jobs or 1, progress=advance)
    print(f"{db}: read {stats.files_read} files, {stats.files_skipped} unchanged, {stats.files_removed} removed"
          f"{f', {stats.files_failed} unreadable' if stats.files_failed else ''}; "
          f"{stats.total_documents} documents, {stats.total_figures} figures in {stats.seconds:.1f} s", file=sys.stderr)
    for path, problem in stats.errors[:20]:
        print(f"reconcile: error: {path}: {problem} (the rest is indexed; its previous rows, if any, kept)",
              file=sys.stderr)
    return 2 if stats.errors else 0


def _baseline(args) -> int:
    from reconcile import baseline

    cfg, rules = _settings(args)
    report = _report(args, cfg, rules)
    target = args.output or cfg.baseline or ".reconcile/baseline.json"
    n = baseline.write(report.findings, target)
    print(f"recorded {n} findings in {target}", file=sys.stderr)
    return 0


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
        p.add_argument("--jobs", type=int, metavar="N", help="extract with N processes")

    p = sub.add_parser("check", help="link the mentions of each fact and report what disagrees")
    corpus_args(p)
    p.add_argument("--format", choices=FORMATS, default="table")
    p.add_argument("--output", metavar="FILE", help="write the report to FILE instead of standard output")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"),
                   help="exit 1 when a finding at or above this severity is reported (default: error)")
    p.add_argument("--baseline", metavar="FILE", help="hide the findings recorded in this baseline")
    p.add_argument("--locale", metavar="LOCALE", help="show numbers for this locale: zh_CN, zh_TW, en_US … (default: from the environment)")
    p.add_argument("--plausibility", action="store_true",
                   help="also run PL001: bounds of rules/plausibility.toml, with Great Expectations (adds ~3 s)")
    p.add_argument("--data-docs", metavar="DIR", help="run PL001 and write Great Expectations' Data Docs into DIR")
    p.add_argument("--no-color", action="store_true", help="plain output, no colour")
    p.set_defaults(func=_check)

    p = sub.add_parser("baseline", help="record the current findings, so that later checks fail only on new ones")
    corpus_args(p)
    p.add_argument("--output", metavar="FILE", help="where to write it (default: .reconcile/baseline.json)")
    p.set_defaults(func=_baseline)

    p = sub.add_parser("index", help="store a corpus's documents and figures in a SQLite ledger, incrementally")
    p.add_argument("corpus", nargs="*", metavar="CORPUS", help="files or folders (default: the configuration's corpus)")
    p.add_argument("--db", metavar="PATH", help="the ledger (default: .reconcile/ledger.sqlite)")
    p.add_argument("--jobs", type=int, metavar="N", help="extract with N processes")
    p.set_defaults(func=_index)

    p = sub.add_parser("rules", help="list the rules in force (packs included): id, severity, what each checks")
    p.add_argument("-v", "--verbose", action="store_true", help="also why, an example, tolerances and the file each comes from")
    p.set_defaults(func=_rules)

    p = sub.add_parser("entities", help="list the entities in force (packs included): id, kind and names")
    p.add_argument("name", nargs="?", help="only those whose id or a name contains this")
    p.add_argument("-v", "--verbose", action="store_true", help="also the files each comes from")
    p.set_defaults(func=_entities)
    return parser


def main(argv: list[str] | None = None) -> int:
    from reconcile.errors import InputError

    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except InputError as e:
        print(f"reconcile: error: {e}", file=sys.stderr)
        return 2
    except ImportError as e:
        if type(e).__name__ != "PlausibilityUnavailable":
            raise
        print(f"reconcile: error: {e}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `reconcile extract … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

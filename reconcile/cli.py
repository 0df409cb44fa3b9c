"""The `reconcile` command line. Heavy libraries are imported inside the commands that use them."""
from __future__ import annotations

import argparse
import sys

from reconcile import __version__


def _extract(args) -> int:
    from reconcile.api import extract_records

    _, records = extract_records(args.paths)
    out = sys.stdout
    if args.format == "jsonl":
        from reconcile.output import write_jsonl

        write_jsonl(records, out)
    elif args.format == "csv":
        from reconcile.output import write_csv

        write_csv(records, out)
    else:
        from reconcile.output import print_figures_table

        print_figures_table(records, no_color=args.no_color)
    return 0


def _check(args) -> int:
    import json

    from reconcile.engine import analyse, default_paths

    paths = args.paths or default_paths()
    report = analyse(paths, against=args.against)
    if args.format == "json":
        print(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        from reconcile.terminal import print_report

        print_report(report, no_color=args.no_color)
    return 1 if report.fails(args.fail_on) else 0


def _rules(args) -> int:
    from reconcile.engine import catalogue

    for rid, spec in catalogue():
        state = "" if spec.get("enabled", True) else "  (disabled)"
        print(f"{rid}  {spec['severity']:<7}  {spec['name']}: {spec['summary']}{state}")
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
    p.add_argument("--no-color", action="store_true", help="plain output, no colour")
    p.set_defaults(func=_extract)

    p = sub.add_parser("check", help="link the mentions of each fact and report what disagrees")
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or folders to check (default: seeds/)")
    p.add_argument("--against", metavar="CORPUS", help="check PATH against this corpus; report only findings that touch PATH")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--fail-on", choices=("error", "warning", "info", "never"), default="error",
                   help="exit 1 when a finding at or above this severity is reported (default: error)")
    p.add_argument("--no-color", action="store_true", help="plain output, no colour")
    p.set_defaults(func=_check)

    p = sub.add_parser("rules", help="list every rule with its id, default severity and what it checks")
    p.set_defaults(func=_rules)
    return parser


def main(argv: list[str] | None = None) -> int:
    from reconcile.documents import InputError

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
    except BrokenPipeError:  # `reconcile extract … | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

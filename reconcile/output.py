"""Writing the figures table: jsonl and csv for pipelines, a Rich table for a person."""
from __future__ import annotations

import csv
import json
from typing import TextIO

from reconcile.api import CONTRACT_FIELDS, EXTRA_FIELDS


def write_jsonl(records: list[dict], out: TextIO) -> None:
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_csv(records: list[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=list(CONTRACT_FIELDS + EXTRA_FIELDS), lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({**r, "flags": " ".join(r["flags"])})


def format_value(value: float | None, unit: str, locale: str = "en_US") -> str:
    """A normalised value for a reader, with CLDR's compact formats: 1.4T USD, 28.5G W."""
    if value is None:
        return "∞"
    if unit in ("date",):
        return f"{value:.0f}"
    from babel.numbers import format_compact_decimal, format_decimal

    if abs(value) >= 1e4:
        number = format_compact_decimal(value, locale=locale, fraction_digits=3)
    else:
        number = format_decimal(round(value, 4), locale=locale)
    return f"{number} {unit}"


def print_figures_table(records: list[dict], no_color: bool = False) -> None:
    """One Rich table per file: where each figure stands, as written, and its interval."""
    from itertools import groupby

    from rich.console import Console
    from rich.table import Table

    console = Console(no_color=no_color, highlight=False)
    for path, rows in groupby(records, key=lambda r: r["path"]):
        rows = list(rows)
        table = Table(title=f"{path}: {len(rows)} figures", title_justify="left")
        table.add_column("line:col", no_wrap=True, style="dim")
        table.add_column("as written", overflow="fold", ratio=2)
        table.add_column("value", justify="right", overflow="fold", ratio=2)
        table.add_column("interval", justify="right", overflow="fold", ratio=3)
        table.add_column("kind", overflow="fold", ratio=1)
        table.add_column("notes", overflow="fold", ratio=1)
        for r in rows:
            low, high = format_value(r["low"], r["unit"]), format_value(r["high"], r["unit"])
            notes = ", ".join(filter(None, [r["qualifier"], *r["flags"]]))
            table.add_row(f"{r['line']}:{r['column']}", r["text"], format_value(r["value"], r["unit"]),
                          f"{low} – {high}", r["kind"], notes)
        console.print(table)

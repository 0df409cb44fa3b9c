"""Writing the figures table: jsonl and csv for pipelines, a Rich table for a person."""
from __future__ import annotations

import csv
import json
from typing import TextIO

from reconcile.extraction.lexicon import kinds_by_unit
from reconcile.model import CONTRACT_FIELDS, EXTRA_FIELDS


def write_jsonl(records: list[dict], out: TextIO) -> None:
    for r in records:
        out.write(json.dumps(r, ensure_ascii=False) + "\n")


def write_csv(records: list[dict], out: TextIO) -> None:
    writer = csv.DictWriter(out, fieldnames=list(CONTRACT_FIELDS + EXTRA_FIELDS), lineterminator="\n")
    writer.writeheader()
    for r in records:
        writer.writerow({**r, "flags": " ".join(r["flags"])})


_LOCALE: list = []  # the reader's locale, set once by the command line (use_locale)


def use_locale(name: str | None) -> None:
    """Show values for this locale (zh_CN, zh_TW, en_US …); None: from the environment."""
    from babel import Locale, UnknownLocaleError, default_locale

    from reconcile.errors import InputError

    given = name
    name = name or default_locale() or "en_US"
    if name.split("_")[0] in ("C", "POSIX") or name.endswith("POSIX"):
        name = "en_US"
    try:
        _LOCALE[:] = [Locale.parse(name)]
    except (UnknownLocaleError, ValueError):
        if given:
            raise InputError("--locale", f"unknown locale {given!r} (try zh_CN, zh_TW or en_US)")
        _LOCALE[:] = [Locale.parse("en_US")]  # an environment babel cannot read


def _locale():
    if not _LOCALE:
        use_locale(None)
    return _LOCALE[0]


def format_value(value: float | None, unit: str) -> str:
    """A normalised value for a reader, in their locale, from CLDR: 1.4万亿美元 (zh_CN), 1.4兆美元
    (zh_TW), $1.4 trillion (en_US); 285亿瓦特; 8年 / 8 yr; 54%."""
    from babel.numbers import (
        format_compact_decimal,
        format_decimal,
        format_percent,
        get_currency_name,
        get_currency_symbol,
    )

    if value is None:
        return "∞"
    if unit == "date":
        return f"{value:.0f}"
    locale = _locale()
    kind = kinds_by_unit().get(unit, (None, {}))[1]
    scaled = value * kind.get("cldr_scale", 1.0)

    def number(v: float) -> str:
        if abs(v) < 1e4:
            return format_decimal(round(v, 4), locale=locale)
        try:
            return format_compact_decimal(v, locale=locale, fraction_digits=3, format_type="long")
        except KeyError:  # CLDR has no long compact forms for zh
            return format_compact_decimal(v, locale=locale, fraction_digits=3)

    if unit in ("percent", "percentage_point"):
        # 12 significant digits: 22.9 / 100 is 0.22899999999999998 in binary, shown as 22.9%
        text = format_percent(float(f"{value / 100:.12g}"), locale=locale, decimal_quantization=False)
        return text if unit == "percent" else f"{text} pt"
    if unit == "times":
        return f"{number(value)}×"
    if unit == "count":
        return number(value)
    if unit == "ratio":  # the larger over the smaller: 1:0.62 is 1.613:1
        return f"{number(float(f'{value:.4g}'))}:1"
    if unit == "rank":  # a place in a ranking: 第2 in Chinese, No. 2 elsewhere
        return f"第{number(value)}" if locale.language == "zh" else f"No. {number(value)}"
    if len(unit) == 3 and unit.isalpha() and unit.isupper():  # an ISO 4217 code
        if locale.language in ("zh", "ja", "ko"):
            return f"{number(value)}{get_currency_name(unit, locale=locale)}"
        return f"{get_currency_symbol(unit, locale=locale)}{number(value)}"
    if "cldr" in kind:
        from babel.units import format_unit

        return format_unit(number(scaled), kind["cldr"], length="short", locale=locale)
    return f"{number(value)} {unit}"


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

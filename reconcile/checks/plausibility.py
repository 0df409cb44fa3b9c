"""PL001: a figure outside the plausible range for what it measures.

The bounds live in `rules/plausibility.toml` (one `[[bound]]` each: which figures, min, max). They
are turned into a Great Expectations suite, one `ExpectColumnValuesToBeBetween` per bound, and the
figures table is validated against it. Each bound checks its own column of that table: the
figure's value where the figure falls under the bound, else null (which GE ignores), so one batch
and one validation cover every bound, and a failed expectation names its bound by its column.

great_expectations is an optional dependency (the `plausibility` extra). It takes seconds to
import, so it is imported inside `check` only, and the rule is off by default (`reconcile check
--plausibility` turns it on): importing this module stays cheap. Which figures are reported is
what GE's validation result says.
"""
from __future__ import annotations

import importlib.util
import math
import os
import re
from dataclasses import dataclass
from pathlib import Path

from reconcile.checks.intervals import scientific, times_ten_to
from reconcile.checks.types import Corpus, Rule, check_type
from reconcile.data.schema import figure_kinds
from reconcile.data.loader import data
from reconcile.errors import InputError
from reconcile.model import Finding, Mention

RULE_ID = "PL001"
CAUSE = "implausible"
BOUNDS_FILE = "plausibility.toml"
SUITE_NAME = "reconcile-plausibility"

# The figures table: the contract's figure fields a bound can select on or check.
TABLE_COLUMNS = ("id", "text", "entity", "metric", "kind", "unit", "value", "low", "high", "period",
                 "qualifier", "classifier")
WHERE_COLUMNS = ("entity", "metric", "kind", "unit", "period", "qualifier", "classifier")
VALUE_COLUMNS = ("value", "low", "high")
_KEYS = {"name", "what", "description", "where", "min", "max", "column", "unit", "hint"}
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_UNITS = {"percent": "%", "count": "", "date": "", "times": "×", "year": " years"}


class BoundsError(InputError):
    """The bounds file is not well formed. An InputError, so the command line reports it in one
    line (file, bound, problem) and exits 2."""


class PlausibilityUnavailable(ImportError):
    """great_expectations is not installed."""


_UNAVAILABLE = "the plausibility rule (PL001) needs great-expectations: pip install 'reconcile[plausibility]'"


@dataclass(frozen=True)
class Bound:
    name: str
    what: str
    description: str
    where: tuple[tuple[str, tuple], ...]  # (column, allowed values), all must hold
    min: float | None
    max: float | None
    column: str = "value"
    unit: str = ""  # the canonical unit to print the range in
    hint: str | None = None

    def contains(self, x: float) -> bool:
        return (self.min is None or x >= self.min) and (self.max is None or x <= self.max)

    def range_text(self) -> str:
        u = _UNITS.get(self.unit, f" {self.unit}" if self.unit else "")
        if self.min is not None and self.max is not None:
            return f"{scientific(self.min)} to {scientific(self.max)}{u}"
        if self.max is not None:
            return f"at most {scientific(self.max)}{u}"
        return f"at least {scientific(self.min)}{u}"


# ---------------------------------------------------------------------------------------------
# The bounds file


def parse_bounds(data: dict, source: str = BOUNDS_FILE, metrics: set[str] | None = None) -> list[Bound]:
    """The `[[bound]]` tables of a parsed plausibility.toml, checked: unknown keys, columns, kinds
    and metric ids (a typo would silently match nothing) and min > max are errors."""
    if metrics is None:
        metrics = _metric_ids()
    unknown_top = set(data) - {"bound"}
    if unknown_top:
        raise BoundsError(source, f"unknown table {min(unknown_top)!r} (only [[bound]] is read)")
    bounds, names = [], set()
    for i, spec in enumerate(data.get("bound", []), 1):
        label = f"bound {spec.get('name', f'#{i}')!r}" if isinstance(spec, dict) else f"bound #{i}"
        if not isinstance(spec, dict):
            raise BoundsError(source, f"{label}: not a table")
        if extra := set(spec) - _KEYS:
            raise BoundsError(source, f"{label}: unknown key {min(extra)!r} (known: {', '.join(sorted(_KEYS))})")
        name = spec.get("name")
        if not isinstance(name, str) or not _NAME.match(name) or name in TABLE_COLUMNS:
            raise BoundsError(source, f"{label}: name must be lower-case letters, digits, '-' and '_', "
                                      "and not a column name")
        if name in names:
            raise BoundsError(source, f"{label}: a second bound with this name")
        names.add(name)
        where = spec.get("where")
        if not isinstance(where, dict) or not where:
            raise BoundsError(source, f"{label}: needs where = {{ column = [values] }} (which figures it applies to)")
        clauses = []
        for column, values in where.items():
            if column not in WHERE_COLUMNS:
                raise BoundsError(source, f"{label}: where.{column}: not a column (use {', '.join(WHERE_COLUMNS)})")
            values = [values] if isinstance(values, str) else values
            if not isinstance(values, list) or not values or not all(isinstance(v, str) for v in values):
                raise BoundsError(source, f"{label}: where.{column} must be a list of strings")
            known = metrics if column == "metric" else set(figure_kinds()) if column == "kind" else None
            if known is not None and (bad := [v for v in values if v not in known]):
                raise BoundsError(source, f"{label}: where.{column}: unknown {column} {bad[0]!r}")
            clauses.append((column, tuple(values)))
        lo, hi = spec.get("min"), spec.get("max")
        for key, x in (("min", lo), ("max", hi)):
            if x is not None and (isinstance(x, bool) or not isinstance(x, (int, float)) or math.isnan(x)):
                raise BoundsError(source, f"{label}: {key} must be a number")
        if lo is None and hi is None:
            raise BoundsError(source, f"{label}: needs min, max or both")
        if lo is not None and hi is not None and lo > hi:
            raise BoundsError(source, f"{label}: min {lo} is above max {hi}")
        column = spec.get("column", "value")
        if column not in VALUE_COLUMNS:
            raise BoundsError(source, f"{label}: column must be one of {', '.join(VALUE_COLUMNS)}")
        units = dict(clauses).get("unit", ())
        unit = spec.get("unit", units[0] if len(units) == 1 else "")
        bounds.append(Bound(
            name=name, what=str(spec.get("what", name.replace("-", " "))),
            description=str(spec.get("description", "")), where=tuple(clauses),
            min=None if lo is None else float(lo), max=None if hi is None else float(hi),
            column=column, unit=str(unit), hint=spec.get("hint")))
    return bounds


def _metric_ids() -> set[str]:
    return set(data().toml("metrics.toml"))


def load_bounds() -> list[Bound]:
    """The bounds in force: rules/plausibility.toml with the packs' bounds after it, each file
    checked as it is read (an error names its file)."""
    return data().memo(_bounds)


def _bounds(d) -> list[Bound]:
    merged = d.toml(BOUNDS_FILE, check=lambda table, path, base: parse_bounds(table, path))
    return parse_bounds(merged, BOUNDS_FILE)


# ---------------------------------------------------------------------------------------------
# The figures table and the suite


def available() -> bool:
    """Whether great_expectations is installed (without importing it)."""
    return importlib.util.find_spec("great_expectations") is not None


def figures_table(mentions: list[Mention]):
    """A pandas DataFrame of the mentions, one row each: TABLE_COLUMNS, entity, metric and
    period as attribution set them."""
    import pandas as pd

    rows = []
    for m in mentions:
        r, f = m.record, _fields(m)
        rows.append((m.id, r.get("text"), f["entity"], f["metric"], f["kind"], f["unit"], r.get("value"),
                     r.get("low"), r.get("high"), f["period"], f["qualifier"], f["classifier"]))
    table = pd.DataFrame.from_records(rows, columns=list(TABLE_COLUMNS))
    for c in VALUE_COLUMNS:
        table[c] = pd.to_numeric(table[c], errors="coerce").astype("float64")
    return table


def _fields(m: Mention) -> dict:
    r = m.record
    return {"entity": m.entity or r.get("entity"), "metric": m.metric or r.get("metric"), "kind": r.get("kind"),
            "unit": r.get("unit"), "period": m.period or r.get("period"), "qualifier": r.get("qualifier"),
            "classifier": r.get("classifier")}


def bound_frame(table, bounds: list[Bound]):
    """What GE validates: the figure ids, and per bound a column (named after it) holding the
    checked value of each figure the bound applies to, null elsewhere."""
    import pandas as pd

    columns = {"id": table["id"]}
    for b in bounds:
        mask = pd.Series(True, index=table.index)
        for column, values in b.where:
            mask &= table[column].isin(values)
        columns[b.name] = table[b.column].where(mask)
    return pd.DataFrame(columns)


def expectations(bounds: list[Bound]) -> list:
    """One ExpectColumnValuesToBeBetween per bound (imports great_expectations)."""
    from great_expectations.expectations import ExpectColumnValuesToBeBetween

    out = []
    for b in bounds:
        where = "; ".join(f"{c} in {', '.join(v)}" for c, v in b.where)
        out.append(ExpectColumnValuesToBeBetween(
            column=b.name, min_value=b.min, max_value=b.max,
            notes=f"{b.description} Applies to figures with {where} (rules/{BOUNDS_FILE}).",
            meta={"bound": b.name, "what": b.what}))
    return out


def _import_gx():
    os.environ["GX_ANALYTICS_ENABLED"] = "False"  # read when great_expectations is imported
    try:
        import great_expectations as gx
    except ImportError as e:
        raise PlausibilityUnavailable(_UNAVAILABLE) from e
    return gx


def validate(frame, bounds: list[Bound], data_docs: str | os.PathLike | None = None) -> dict[str, list[str]]:
    """Validate `frame` (bound_frame) with GE; {bound name: ids of the figures outside it}.
    With `data_docs`, GE's HTML Data Docs are written into that folder (index.html)."""
    gx = _import_gx()
    from great_expectations.data_context.types.base import ProgressBarsConfig

    ctx = gx.get_context(mode="ephemeral")
    ctx.variables.progress_bars = ProgressBarsConfig(globally=False)
    batch_definition = (ctx.data_sources.add_pandas("reconcile").add_dataframe_asset("figures")
                        .add_batch_definition_whole_dataframe("all-figures"))
    suite = gx.ExpectationSuite(name=SUITE_NAME, expectations=expectations(bounds))
    result_format = {"result_format": "COMPLETE", "unexpected_index_column_names": ["id"]}
    if data_docs is None:
        result = batch_definition.get_batch(batch_parameters={"dataframe": frame}).validate(
            suite, result_format=result_format)
    else:
        folder = Path(data_docs).resolve()
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise InputError(data_docs, f"cannot write Data Docs here: {e.strerror or e}") from None
        ctx.add_data_docs_site(site_name="reconcile", site_config={
            "class_name": "SiteBuilder",
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(folder)},
        })
        definition = ctx.validation_definitions.add(
            gx.ValidationDefinition(name=SUITE_NAME, data=batch_definition, suite=ctx.suites.add(suite)))
        checkpoint = ctx.checkpoints.add(gx.Checkpoint(
            name=SUITE_NAME, validation_definitions=[definition], result_format=result_format,
            actions=[gx.checkpoint.UpdateDataDocsAction(name="data-docs", site_names=["reconcile"])]))
        run = checkpoint.run(batch_parameters={"dataframe": frame})
        (result,) = run.run_results.values()
    # Results do not come back in the order the expectations were added: match them by type
    # and column.
    names = {b.name for b in bounds}
    failed: dict[str, list[str]] = {}
    for r in result.results:
        cfg = r.expectation_config
        column = cfg.kwargs.get("column")
        if cfg.type != "expect_column_values_to_be_between" or column not in names:
            continue
        info = r.exception_info or {}
        if info.get("raised_exception"):
            raise RuntimeError(f"great_expectations failed on bound {column!r}: {info.get('exception_message')}")
        if not r.success:
            failed[column] = [row["id"] for row in r.result.get("unexpected_index_list") or []]
    return failed


# ---------------------------------------------------------------------------------------------
# The rule


@check_type(
    "plausibility", code=RULE_ID, title="implausible-figure", scope="corpus", severity="warning", enabled=False,
    summary="A figure lies outside the plausible range for what it measures (bounds in rules/plausibility.toml, "
            "checked with Great Expectations).",
    why="A magnitude slipped in one article has nothing to disagree with; only a sense of scale catches it.",
    example="亚马逊2025年预计总投入1250万亿美元: an investment above 10^13 USD; 1250亿美元 was meant (÷10^4).")
def check(rule: Rule, corpus: Corpus) -> list[Finding]:
    """One finding per figure being checked that lies outside a bound of rules/plausibility.toml
    (the first such bound in the file), in the mentions' order; with `corpus.data_docs`, GE's Data
    Docs are written into that folder. Raises PlausibilityUnavailable without great_expectations
    and BoundsError (an InputError) for a malformed bounds file."""
    if not available():
        raise PlausibilityUnavailable(_UNAVAILABLE)
    mentions = [m for m in corpus.mentions if corpus.is_target(m)]
    bounds = load_bounds()
    frame = bound_frame(figures_table(mentions), bounds)
    if corpus.data_docs is None:
        # A bound that applies to no figure here cannot fail: GE is asked only about the others
        # (a draft of a few figures meets one or two bounds; each expectation costs ~8 ms in GE).
        bounds = [b for b in bounds if frame[b.name].notna().any()]
        if not bounds:
            return []
        frame = frame[["id", *(b.name for b in bounds)]]
    failed = validate(frame, bounds, corpus.data_docs)
    first: dict[str, Bound] = {}  # figure id -> the first bound (in file order) it is outside
    for b in bounds:
        for fid in failed.get(b.name, ()):
            first.setdefault(fid, b)
    return [_finding(m, first[m.id], rule) for m in mentions if m.id in first]


def _finding(m: Mention, b: Bound, rule: Rule) -> Finding:
    text = m.record.get("text") or m.id
    x = m.record.get(b.column)
    message = f"{text} is outside the plausible range for {b.what} ({b.range_text()})."
    k = _magnitude(x, b, text) if x is not None else None
    if k:
        shifted = x / 10.0 ** k
        factor = x / b.max if k > 0 else b.min / x
        where = (f"{scientific(factor)} times the top of the range" if k > 0
                 else f"1/{scientific(factor)} of the bottom of the range")
        verb = "divided" if k > 0 else "multiplied"
        suggestion = (f"Likely a magnitude slip: {text} is {_amount(x, b.unit)}, {where}; "
                      f"{verb} by 10^{abs(k)} ({_amount(shifted, b.unit)}) it would be plausible. Check the "
                      "magnitude word (万, 亿, 万亿; thousand, million, billion) and the unit prefix "
                      "(kW, MW, GW).")
        cause_text = f"Likely a magnitude slip ({times_ten_to(-k)})."
    else:
        shown = _amount(x, b.unit) if x is not None else "unknown"
        suggestion = b.hint or (f"{text} is {shown}: check the figure and what it measures; if it is right, "
                                f"widen the bound '{b.name}' in rules/{BOUNDS_FILE}.")
        cause_text = f"Implausible for {b.what}."
    return Finding(rule.id, rule.severity, message, [m.id], suggestion, CAUSE, [m], cause_text)


# The usual magnitude slips, most likely first: in figures written with 万 or 亿, one Chinese
# magnitude (万, 亿, 万亿: 10^4) or two; otherwise one scale word (thousand, million, billion;
# kW, MW, GW: 10^3) or more.
_SLIPS_ZH = (4, 8, 3, 12, 6, 9)
_SLIPS = (3, 6, 9, 12, 4, 8)
_ZH_MAGNITUDE = re.compile(r"[万亿萬億]")


def _magnitude(x: float, b: Bound, text: str = "") -> int | None:
    """k (≠ 0) when x is more than about 3× outside the bound and x / 10^k is inside it: the most
    likely usual slip that fits, else the smallest power that does; None otherwise."""
    if x is None or math.isnan(x) or x <= 0:
        return None
    if b.max is not None and x > b.max and b.max > 0:
        ratio, sign = x / b.max, 1
    elif b.min is not None and x < b.min and b.min > 0:
        ratio, sign = b.min / x, -1
    else:
        return None
    if ratio < 10 ** 0.5:
        return None
    fits = [k for k in range(1, 25) if b.contains(x / 10.0 ** (sign * k))]
    if not fits:
        return None
    usual = [k for k in (_SLIPS_ZH if _ZH_MAGNITUDE.search(text) else _SLIPS) if k in fits]
    return sign * (usual or fits)[0]


def _amount(x: float, unit: str) -> str:
    return f"{scientific(x)}{_UNITS.get(unit, f' {unit}' if unit else '')}"

"""What the rules engine works on (mentions: attributed figures) and what it produces (findings)."""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reconcile.extraction.documents import Document
from reconcile.extraction.figures import Figure, extract_text

if TYPE_CHECKING:
    from reconcile.fixes import Fix

SEVERITIES = ("info", "warning", "error")  # in increasing order
RATES = ("percent", "percentage_point", "times")  # derived figures: growth, shares, margins, multiples
PERCENTS = ("percent", "percentage_point")  # ... those written in percent or points: a change's sign, a margin


@dataclass(slots=True)
class Mention:
    """One figure with what it is about. `fig` offsets are offsets into `doc.text`."""
    id: str  # the figure id of the JSON contract: "path:line:column"
    doc: Document
    fig: Figure
    record: dict  # the figure's JSON record (contract fields + kind, classifier, flags, in_title)
    entity: str | None = None  # an id from rules/entities.toml (openai, microsoft …)
    metric: str | None = None  # an id from rules/metrics.toml (capex, investment …)
    period: str | None = None  # "2025", "2025H1", "2025Q3", "FY2026", "next:8y" …
    sentence: tuple[int, int] = (0, 0)  # the sentence (or bullet) holding the figure, in doc.text
    clause: tuple[int, int] = (0, 0)  # the clause (between commas) holding the figure
    participants: tuple[str, ...] = ()  # every company of its sentence, and the article's topic
    scope: tuple[str, ...] = ()  # yoy, qoq, per_share … (rules/attribution.toml [scopes])
    segment: frozenset[str] = frozenset()  # the part of the company its metric is about (segments.py)
    entity_how: str = "none"  # clause | sentence | previous sentence | topic | figures (linking) | none
    period_how: str = "none"  # clause | sentence | paragraph | document | none; + BY_MONTHS or YEARLESS below
    aliases: dict = field(default_factory=dict, repr=False)  # the document's: id -> the id it stands for
    restates: str | None = None  # the id of the figure this one converts (1.2万亿元（约1760亿美元）)
    rivals: int = 0  # figures of its document with its company, dimension and metric (set by linking)
    # The other values of its sentence ("CNY 1.3e+10", "percent 41"), to rules/linking.toml's
    # neighbour_digits: the same values beside two figures are evidence that they state one fact.
    neighbours: frozenset[str] = frozenset()

    @property
    def in_title(self) -> bool:
        return self.fig.start < self.doc.title_end

    def context(self) -> str:
        s, e = self.sentence
        return self.doc.raw[s:e].strip()


@dataclass(slots=True)
class Finding:
    rule: str  # rule id from rules/rules.toml (XD001 …)
    severity: str  # info | warning | error
    message: str  # one sentence: what is wrong
    figures: list[str]  # figure ids, the mention under suspicion first
    suggestion: str | None = None  # the likely cause and what to check
    cause: str | None = None  # machine tag: magnitude, currency, unit_scale, transposition, period, range_bound …
    mentions: list[Mention] = field(default_factory=list, repr=False)
    cause_text: str | None = None  # the likely cause in a few words, for the terminal table
    fix: "Fix | None" = None  # the edits that would correct it (reconcile/fixes.py), when there are any

    @property
    def id(self) -> str:
        """A fingerprint that survives unrelated edits: rule, cause and the figures' texts and
        documents, not their line numbers."""
        h = hashlib.sha1()
        h.update(self.rule.encode())
        for m in sorted(self.mentions, key=lambda m: (m.doc.path, m.doc.title, m.fig.text)):
            h.update(f"|{m.doc.path}|{m.doc.title}|{m.fig.text}".encode())
        if not self.mentions:
            h.update("|".join(sorted(self.figures)).encode())
        return f"{self.rule}-{h.hexdigest()[:10]}"

    def record(self) -> dict:
        out = {"id": self.id, "rule": self.rule, "severity": self.severity, "message": self.message,
               "figures": list(self.figures), "suggestion": self.suggestion}
        if self.fix is not None:  # additive (DESIGN.md): only on findings that have one
            out["fix"] = self.fix.record()
        return out


# The figure fields of the JSON contract (DESIGN.md), in order.
CONTRACT_FIELDS = ("id", "doc", "path", "line", "column", "end_column", "text", "value", "low", "high",
                   "unit", "qualifier", "entity", "metric", "period")
# Columns the DataFrame and jsonl add after the contract's.
EXTRA_FIELDS = ("kind", "classifier", "flags", "in_title")


def _number(x: float) -> float | None:
    """JSON has no infinity: an open bound is null."""
    return None if x is None or math.isinf(x) else float(f"{x:.12g}")  # no float noise


def figure_record(doc: Document, fig: Figure, where: tuple[int, int, int] | None = None) -> dict:
    """The figure's JSON record: the contract's fields, then EXTRA_FIELDS. `where` is its (line,
    column, end column) when `doc` cannot locate it (a document rebuilt from the ledger)."""
    line, column, end_column = where or (*doc.locate(fig.start), doc.locate(fig.end, end=True)[1])
    return {
        "id": f"{doc.path}:{line}:{column}",
        "doc": doc.id,
        "path": doc.path,
        "line": line,
        "column": column,
        "end_column": end_column,
        "text": doc.as_in_file(fig.start, fig.end),
        "value": _number(fig.value),
        "low": _number(fig.low),
        "high": _number(fig.high),
        "unit": fig.unit,
        "qualifier": fig.qualifier,
        "entity": None,
        "metric": None,
        "period": None,
        "kind": fig.kind,
        "classifier": fig.classifier,
        "flags": list(fig.flags),
        "in_title": fig.start < doc.title_end,
    }


def set_attribution(m: Mention, entity: str | None, metric: str | None, period: str | None) -> None:
    """What a mention is about, on the mention and in its record alike."""
    m.entity, m.metric, m.period = entity, metric, period
    m.record["entity"], m.record["metric"], m.record["period"] = entity, metric, period


def document_figures(doc: Document) -> list[Figure]:
    return extract_text(doc.text, normalized=True)


def document_record(doc: Document) -> dict:
    return {"id": doc.id, "path": doc.path, "title": doc.title, "source": doc.source, "date": doc.date}


# Appended to a mention's period_how when its period was stated by calendar months ("the December
# quarter", "three months ended September 30"): a calendar quarter, never read as a fiscal one.
BY_MONTHS = " by months"
# ... and when it was a quarter's or half's name with no year ("the second quarter", 第二季度): the
# year is a guess from the article's date, and for a company whose fiscal year does not end in
# December the quarter is its fiscal one (linking's _compared_period).
YEARLESS = " no year"


def period_where(how: str) -> str:
    """Where a figure's period was found (clause, sentence, paragraph, document, none), without
    how it was read (" by months", " no year")."""
    return how.removesuffix(YEARLESS).removesuffix(BY_MONTHS)


def period_explicit(how: str) -> bool:
    """A period written beside the figure (in its clause or sentence), not inferred."""
    return period_where(how) in ("clause", "sentence")

"""The figures table: every figure of a corpus with where it stands, as records or a DataFrame."""
from __future__ import annotations

import math

from reconcile.extraction.documents import Document, load_documents
from reconcile.extraction.figures import Figure, extract_text

# The figure fields of the JSON contract (DESIGN.md), in order.
CONTRACT_FIELDS = ("id", "doc", "path", "line", "column", "end_column", "text", "value", "low", "high",
                   "unit", "qualifier", "entity", "metric", "period")
# Columns the DataFrame and jsonl add after the contract's.
EXTRA_FIELDS = ("kind", "classifier", "flags", "in_title")


def _number(x: float) -> float | None:
    """JSON has no infinity: an open bound is null."""
    return None if x is None or math.isinf(x) else float(f"{x:.12g}")  # no float noise


def figure_record(doc: Document, fig: Figure) -> dict:
    line, column = doc.locate(fig.start)
    return {
        "id": f"{doc.path}:{line}:{column}",
        "doc": doc.id,
        "path": doc.path,
        "line": line,
        "column": column,
        "end_column": column + (fig.end - fig.start),
        "text": doc.raw[fig.start:fig.end],
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


def document_figures(doc: Document) -> list[Figure]:
    return extract_text(doc.text, normalized=True)


def extract_records(paths) -> tuple[list[Document], list[dict]]:
    """(documents, figure records) for the files or folders `paths`, attributed: entity, metric
    and period filled where the rules find them."""
    from reconcile.engine import mentions_of

    docs = load_documents(paths)
    return docs, [m.record for doc in docs for m in mentions_of(doc)]


def document_record(doc: Document) -> dict:
    return {"id": doc.id, "path": doc.path, "title": doc.title, "source": doc.source, "date": doc.date}


def extract(paths):
    """A pandas DataFrame with one row per figure: the contract's fields, then kind, classifier,
    flags and in_title."""
    import pandas as pd

    _, records = extract_records(paths)
    return pd.DataFrame.from_records(records, columns=list(CONTRACT_FIELDS + EXTRA_FIELDS))

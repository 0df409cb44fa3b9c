"""The figures table: every figure of a corpus with where it stands, as records or a DataFrame."""
from __future__ import annotations

from reconcile.extraction.documents import Document, load_documents
from reconcile.model import CONTRACT_FIELDS, EXTRA_FIELDS


def extract_records(paths) -> tuple[list[Document], list[dict]]:
    """(documents, figure records) for the files or folders `paths`, attributed: entity, metric
    and period filled where the rules find them."""
    from reconcile.engine import mentions_of

    docs = load_documents(paths)
    return docs, [m.record for doc in docs for m in mentions_of(doc)]


def extract(paths):
    """A pandas DataFrame with one row per figure: the contract's fields, then kind, classifier,
    flags and in_title."""
    import pandas as pd

    _, records = extract_records(paths)
    return pd.DataFrame.from_records(records, columns=list(CONTRACT_FIELDS + EXTRA_FIELDS))

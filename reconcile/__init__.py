"""reconcile: find the figures in financial copy that contradict each other."""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["extract", "__version__"]


def extract(paths):
    """Extract every figure in the files or folders `paths`; returns a pandas DataFrame."""
    from reconcile.api import extract as _extract

    return _extract(paths)

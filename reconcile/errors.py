"""The one error a user sees: input (a document, a data file, a configuration) that cannot be used."""
from __future__ import annotations

from pathlib import Path


class InputError(Exception):
    """Input that cannot be read or used; str() is the one-line message for the user: the file, then
    the problem. The command line prints it and exits with status 2."""

    def __init__(self, path: str | Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

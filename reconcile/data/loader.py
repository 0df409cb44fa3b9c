"""Where the data folders (units/, rules/, seeds/) are: shipped in the wheel as reconcile.<name>."""
from __future__ import annotations

import importlib
from pathlib import Path


def data_dir(name: str) -> Path:
    """The folder of data `name` ("units", "rules" or "seeds")."""
    try:
        # Data folders are namespace packages (no __init__.py): take their one directory.
        return Path(next(iter(importlib.import_module(f"reconcile.{name}").__path__)))
    except ModuleNotFoundError:  # running from a source checkout that was never installed
        return Path(__file__).resolve().parents[2] / name

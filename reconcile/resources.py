"""Where the data folders (units/, rules/, seeds/) are, installed or in a source checkout."""
from __future__ import annotations

from importlib import resources
from pathlib import Path


def data_dir(name: str) -> Path:
    """The folder of data `name` ("units", "rules" or "seeds"), shipped as reconcile.<name>."""
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    return Path(str(resources.files(f"reconcile.{name}")))

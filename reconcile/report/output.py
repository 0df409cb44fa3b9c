"""Writing a report or a baseline to a file: atomically, so that a reader never sees half a file and
a failed run leaves the old file as it was (a temporary file in the same folder, then os.replace).
"""
from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from pathlib import Path

from reconcile.errors import InputError


@contextlib.contextmanager
def open_output(path: str | Path | None):
    """A text stream for `path` (standard output when None), put in place only when the block ends
    without an error. A new file gets the usual permissions (0666 less the umask), a replaced one
    keeps its own. OSError becomes an InputError naming the file."""
    if path is None:
        yield sys.stdout
        return
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as e:
        raise InputError(path, f"cannot write there: {e.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as out:
            yield out
        try:
            mode = path.stat().st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException as e:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(e, OSError) and not isinstance(e, BrokenPipeError):
            raise InputError(path, f"cannot write it: {e.strerror or e}") from None
        raise

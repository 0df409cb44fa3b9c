"""The one error a user sees: input (a document, a data file, a configuration) that cannot be used;
and how to install an optional extra from wherever this copy of reconcile came from."""
from __future__ import annotations

import json
import os
from pathlib import Path


class InputError(Exception):
    """Input that cannot be read or used; str() is the one-line message for the user: the file, then
    the problem. The command line prints it and exits with status 2.

    It survives pickling (a worker process of `--jobs N` raises it, the parent reports it): the
    default pickling of an exception would call __init__ with the message alone."""

    def __init__(self, path: str | Path, problem: str):
        super().__init__(f"{path}: {problem}")
        self.path = str(path)
        self.problem = problem

    def __reduce__(self):
        return type(self), (self.path, self.problem)


def install_command(extra: str) -> str:
    """The pip command that adds the optional dependencies `extra` to this installation:
    `pip install 'reconcile[extra]'` when it came from a package index, `pip install '.[extra]'`
    (or the checkout's path, `-e` kept) when it was installed from a source checkout, the same URL
    when it came from a VCS or an archive. Read from the distribution's direct_url.json (PEP 610)."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        dist = distribution("reconcile")
    except PackageNotFoundError:  # run from a source tree, not installed
        return f"pip install {_quote(_local(Path(__file__).resolve().parent.parent), extra)}"
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        direct = None
    if not isinstance(direct, dict) or not isinstance(direct.get("url"), str):
        return f"pip install 'reconcile[{extra}]'"
    url = direct["url"]
    if isinstance(direct.get("dir_info"), dict) and url.startswith("file://"):
        from urllib.parse import unquote, urlparse

        target = _quote(_local(Path(unquote(urlparse(url).path))), extra)
        return f"pip install {'-e ' if direct['dir_info'].get('editable') else ''}{target}"
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs"):
        ref = f"@{vcs['commit_id']}" if vcs.get("commit_id") else ""
        return f"pip install 'reconcile[{extra}] @ {vcs['vcs']}+{url}{ref}'"
    return f"pip install 'reconcile[{extra}] @ {url}'"


def _local(folder: Path) -> str:
    """A checkout's folder as the user would type it: `.` when it is the working folder, `./sub`
    below it, else its absolute path."""
    try:
        cwd = Path.cwd().resolve()
        rel = folder.resolve().relative_to(cwd)
    except (OSError, ValueError):
        return str(folder)
    if cwd == Path(cwd.anchor) and rel != Path("."):  # from /, the absolute path reads better
        return str(folder)
    return "." if rel == Path(".") else f"./{rel.as_posix()}"


def _quote(target: str, extra: str) -> str:
    return f"'{target}[{extra}]'"


def exit_status(e: Exception, prog: str = "reconcile") -> int:
    """Say what went wrong in one line on stderr, and return the exit status: 2 (bad input, a
    missing extra, or a bug: never a traceback, unless RECONCILE_TRACEBACK is set); 0 for a
    closed pipe (`reconcile extract … | head`)."""
    import sys

    if isinstance(e, BrokenPipeError):
        try:  # no second complaint when Python flushes stdout at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        except (OSError, ValueError, AttributeError):
            pass
        return 0
    if isinstance(e, InputError):
        message = f"{e.path}: {e.problem}"  # str() may carry a remote traceback (Dask's processes)
    elif type(e).__name__ == "PlausibilityUnavailable":
        message = ("PL001 (plausibility) needs Great Expectations, which is not installed here; install "
                   f"the extra with: {install_command('plausibility')}")
    elif isinstance(e, ImportError) and (e.name or "").split(".")[0] in _EXTRAS:
        extra = _EXTRAS[e.name.split(".")[0]]
        message = f"{e.name.split('.')[0]} is not installed here; install the extra with: {install_command(extra)}"
    else:
        if os.environ.get("RECONCILE_TRACEBACK"):
            raise e
        where = _where(e)
        message = (f"internal error: {type(e).__name__}: {e}{where} -- a bug in {prog}; "
                   "RECONCILE_TRACEBACK=1 shows the traceback")
    print(f"{prog}: error: {' '.join(message.split())}", file=sys.stderr)
    return 2


# Optional modules and the extra that installs them.
_EXTRAS = {"dask": "dask", "pyarrow": "dask", "great_expectations": "plausibility"}


def _where(e: BaseException) -> str:
    """ (at file.py:line), the innermost frame of the traceback."""
    tb = e.__traceback__
    if tb is None:
        return ""
    while tb.tb_next is not None:
        tb = tb.tb_next
    return f" (at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno})"

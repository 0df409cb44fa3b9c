"""Extraction beyond one machine, on an existing distributed engine: Dask.

`extract_to_parquet(paths, out)` splits the corpus's files into partitions, extracts and attributes
each partition's figures on a Dask worker, and writes the figures table (the same columns as
`reconcile.extract`) as Parquet, one part per partition. Run it with any Dask scheduler: the
local ones (threads, processes, synchronous) or a `dask.distributed` cluster
(`Client("scheduler:8786")` before the call). Only file paths travel to the workers; each worker
reads its own files, so the archive is never held in one place.

    python -m reconcile.store.distributed archive/ figures.parquet --partitions 64
"""
from __future__ import annotations

import argparse
import contextlib
import os
import sys
from pathlib import Path

from reconcile.errors import InputError, exit_status
from reconcile.model import CONTRACT_FIELDS, EXTRA_FIELDS


def _rows(path: str) -> list[dict]:
    """The figure records of one file, attributed (entity, metric, period filled), read as
    `reconcile check` reads it (a front-matter date that is no date is an InputError)."""
    from reconcile.engine import _file_mentions

    rows = []
    for _, mentions in _file_mentions(Path(path)):
        for m in mentions:
            row = dict(m.record)
            row["flags"] = " ".join(row["flags"])
            rows.append(row)
    return rows


def _frame(rows: list[dict]):
    import pandas as pd

    columns = list(CONTRACT_FIELDS + EXTRA_FIELDS)
    frame = pd.DataFrame.from_records(rows, columns=columns)
    return frame.astype({"line": "int64", "column": "int64", "end_column": "int64", "value": "float64",
                         "low": "float64", "high": "float64", "in_title": "bool"})


def _partition(files: list[str]):
    return _frame([row for f in files for row in _rows(f)])


def extract_to_parquet(paths, out: str | Path, partitions: int | None = None, scheduler: str | None = None) -> int:
    """Write the figures table of `paths` to the Parquet dataset `out`; returns the figure count."""
    import dask
    import dask.dataframe as dd

    from reconcile.extraction.documents import iter_files

    paths = [paths] if isinstance(paths, (str, Path)) else list(paths)
    unique: dict[str, str] = {}  # a file reached by two names (a symlink) is read once
    for f in iter_files(paths):
        unique.setdefault(os.path.realpath(f), f.as_posix())
    files = list(unique.values())
    if not files:
        raise InputError(", ".join(map(str, paths)), "no documents to extract (files ending .txt, .md or .markdown)")
    target = os.path.realpath(out)
    if any(os.path.realpath(p) == target for p in [*paths, *files]):
        raise InputError(out, "is part of the corpus; refusing to write the Parquet dataset there")
    n = max(1, min(partitions or 64, len(files)))
    chunks = [files[i::n] for i in range(n)]
    frame = dd.from_delayed([dask.delayed(_partition)(chunk) for chunk in chunks], meta=_frame([]),
                            verify_meta=False)
    with dask.config.set(scheduler=scheduler) if scheduler else contextlib.nullcontext():
        frame.to_parquet(str(out), write_index=False)
    return int(dd.read_parquet(str(out)).shape[0].compute(scheduler="synchronous"))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m reconcile.store.distributed", description=__doc__.split("\n\n")[0])
    p.add_argument("paths", nargs="+", help="files or folders of the corpus")
    p.add_argument("out", help="the Parquet dataset to write (a folder)")
    p.add_argument("--partitions", type=int, help="how many pieces of work (default: one per file, at most 64)")
    p.add_argument("--scheduler", default="processes", choices=("threads", "processes", "synchronous"),
                   help="Dask's local scheduler (default: processes); none with a dask.distributed Client")
    args = p.parse_args(argv)
    try:
        n = extract_to_parquet(args.paths, args.out, args.partitions, args.scheduler)
    except Exception as e:  # noqa: BLE001 -- one line naming the file and the problem, never a traceback
        return exit_status(e, prog=p.prog)
    print(f"{n} figures written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

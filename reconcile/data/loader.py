"""The one loader of the data under rules/ and units/, and of packs: every data file is opened here.

A pack is a folder holding any of the built-in data files, under the same names and schema
(entities.toml, metrics.toml, rules.toml, … and pint definition files `*.txt`), at its top or in
`rules/` and `units/` subfolders. Packs are named in the configuration (`packs = [...]`) and merged
over the built-in files in order: tables merge key by key, lists are extended, a scalar replaces
the value before it. Each file is validated before it is merged (data/schema.py), so an error
names the file and the key that is wrong.

Whatever is derived from the data (the vocabulary, the lexicon, the rule set) is memoised on the
DataSet that was in force, and `fingerprint` hashes every file in force: caches and the ledger
key on it.
"""
from __future__ import annotations

import hashlib
import importlib
import tomllib
from pathlib import Path

from reconcile.errors import InputError

# Every data file the code reads, and the built-in folder that holds it.
DATA_FILES = {
    "entities.toml": "rules", "metrics.toml": "rules", "periods.toml": "rules",
    "attribution.toml": "rules", "qualifiers.toml": "rules", "not_figures.toml": "rules",
    "internal.toml": "rules", "rules.toml": "rules", "plausibility.toml": "rules", "linking.toml": "rules", "fx.toml": "rules",
    "lexicon.toml": "units", "numerals.toml": "units",
}


def data_dir(name: str) -> Path:
    """The built-in folder of data `name` ("units", "rules" or "seeds")."""
    try:
        # Data folders are namespace packages (no __init__.py): take their one directory.
        return Path(next(iter(importlib.import_module(f"reconcile.{name}").__path__)))
    except ModuleNotFoundError:  # running from a source checkout that was never installed
        return Path(__file__).resolve().parents[2] / name


def _read_toml(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise InputError(path, f"cannot read the data file: {e.strerror or e}")
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text")
    except tomllib.TOMLDecodeError as e:
        raise InputError(path, f"bad TOML: {e}")


def _merge(base, extra):
    """`extra` over `base`: tables key by key, lists extended (without repeats), scalars replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        out = dict(base)
        for k, v in extra.items():
            out[k] = _merge(base[k], v) if k in base else v
        return out
    if isinstance(base, list) and isinstance(extra, list):
        return base + [x for x in extra if x not in base]
    return extra


class DataSet:
    """The built-in data with `packs` merged over it, in order."""

    def __init__(self, packs=()):
        self.packs = tuple(Path(p) for p in packs)
        for pack in self.packs:
            if not pack.is_dir():
                raise InputError(pack, "a pack is a folder of data files (entities.toml, rules.toml, *.txt …): "
                                       "no such folder")
        self._toml: dict[str, dict] = {}
        self._origins: dict[str, dict[str, list[str]]] = {}
        self._memo: dict = {}
        self._fingerprint: str | None = None

    # --- which files are in force

    def _pack_files(self, pack: Path) -> list[Path]:
        files = []
        for folder in (pack, pack / "rules", pack / "units"):
            if folder.is_dir():
                files += sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".toml", ".txt"))
        for p in files:
            if p.suffix == ".toml" and p.name not in DATA_FILES:
                raise InputError(p, f"not a data file reconcile knows (known: {', '.join(sorted(DATA_FILES))}, "
                                    "and pint definition files *.txt)")
        return files

    def files(self, name: str) -> list[Path]:
        """The files named `name` in force: the built-in one, then each pack's."""
        if name not in DATA_FILES:
            raise KeyError(name)
        out = [data_dir(DATA_FILES[name]) / name]
        for pack in self.packs:
            out += [p for p in self._pack_files(pack) if p.name == name]
        return out

    def definitions(self) -> list[Path]:
        """pint definition files: units/*.txt, then each pack's *.txt."""
        out = sorted(data_dir("units").glob("*.txt"))
        for pack in self.packs:
            out += [p for p in self._pack_files(pack) if p.suffix == ".txt"]
        return out

    def all_files(self) -> list[Path]:
        return [p for name in sorted(DATA_FILES) for p in self.files(name)] + self.definitions()

    # --- reading

    def toml(self, name: str, check=None) -> dict:
        """Data file `name`, every pack's merged over the built-in one, each validated first;
        `check(data, path, merged so far or None)` adds the caller's own rules (the rule registry's)."""
        if name not in self._toml:
            from reconcile.data import schema

            merged: dict = {}
            origins: dict[str, list[str]] = {}
            for i, path in enumerate(self.files(name)):
                data = _read_toml(path)
                if i:  # a pack's file is checked against the shape of the built-in one
                    schema.conform(name, data, merged, path)
                schema.check(name, data, path, merged if i else None)
                if check:
                    check(data, path, merged if i else None)
                for key in data:
                    origins.setdefault(key, []).append(str(path))
                merged = _merge(merged, data) if i else data
            self._toml[name] = merged
            self._origins[name] = origins
        return self._toml[name]

    def origins(self, name: str) -> dict[str, list[str]]:
        """For each top-level key of data file `name`: the files that define or extend it."""
        self.toml(name)
        return self._origins[name]

    def memo(self, fn):
        """fn(self), computed once for this data set: vocabularies, lexicons, rule sets. Keyed on
        the function itself: a lambda, new at each call, would be computed and kept at each call."""
        if getattr(fn, "__name__", "<lambda>") == "<lambda>":
            raise TypeError("memo() needs a named function, the same at every call")
        if fn not in self._memo:
            self._memo[fn] = fn(self)
        return self._memo[fn]

    @property
    def fingerprint(self) -> str:
        """A hash of every data file in force (names and bytes), packs included."""
        if self._fingerprint is None:
            h = hashlib.sha256()
            for p in self.all_files():
                h.update(f"{p.name}\0".encode())
                try:
                    h.update(p.read_bytes())
                except OSError:
                    h.update(b"(missing)")
            self._fingerprint = h.hexdigest()[:16]
        return self._fingerprint


_current: DataSet | None = None


def data() -> DataSet:
    """The data set in force (the built-in data until `use_packs` is called)."""
    global _current
    if _current is None:
        _current = DataSet()
    return _current


def in_force() -> DataSet | None:
    """The data set in force now (None before any is read), for `put_back` after a run."""
    return _current


def put_back(dataset: DataSet | None) -> None:
    """Put a data set `in_force` gave back in force: a run in this process (reconcile.cli.main)
    leaves the caller's data as it found it, whatever packs its configuration named."""
    global _current
    _current = dataset


def use_packs(packs=()) -> DataSet:
    """Put the built-in data with `packs` in force (for this process; workers call it too)."""
    global _current
    packs = tuple(Path(p) for p in packs)
    if _current is None or _current.packs != packs:
        _current = DataSet(packs)
    return _current

"""Project configuration: `reconcile.toml`, or `[tool.reconcile]` in pyproject.toml, found in the
working folder or the nearest folder above it, so that CI runs `reconcile check` with no flags.

    corpus = ["archive/"]            # what `check` reads by default (and `--against` when drafts are given)
    paths = ["drafts/"]              # what `check` checks by default
    ledger = ".reconcile/ledger.sqlite"
    baseline = ".reconcile/baseline.json"
    locale = "zh_CN"
    fail-on = "error"                # error | warning | info | never
    jobs = 2
    packs = ["house-data/"]          # folders of data files merged over rules/ and units/, in order
    plausibility = true              # run PL001 (Great Expectations) in `check`, as --plausibility does

Paths are relative to the configuration file. Flags on the command line win.
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reconcile.errors import InputError

FAIL_ON = ("error", "warning", "info", "never")


@dataclass
class Config:
    source: Path | None = None  # the file it came from
    corpus: list[Path] = field(default_factory=list)
    paths: list[Path] = field(default_factory=list)
    ledger: Path | None = None
    baseline: Path | None = None
    locale: str | None = None
    fail_on: str | None = None
    jobs: int | None = None
    packs: list[Path] = field(default_factory=list)
    plausibility: bool = False

    @property
    def root(self) -> Path | None:
        """The folder the configuration's paths, and the paths in reports, are relative to."""
        return self.source.parent if self.source else None


def find(start: Path | None = None) -> Path | None:
    """The nearest reconcile.toml, or pyproject.toml with a [tool.reconcile] table. A pyproject.toml
    that mentions tool.reconcile but cannot be read is an InputError, not a file to pass over."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        own = folder / "reconcile.toml"
        if own.is_file():
            return own
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                tool = _read(pyproject).get("tool", {})
            except InputError:
                if _MENTIONS_US.search(pyproject.read_bytes().decode("utf-8", "replace")):
                    raise
                continue  # someone else's broken file, with no configuration of ours in it
            if isinstance(tool, dict) and "reconcile" in tool:
                return pyproject
    return None


_MENTIONS_US = re.compile(r"^\s*\[\s*tool\s*\.\s*reconcile\b|\btool\s*\.\s*reconcile\s*=", re.M)


def _read(path: Path) -> dict:
    """A TOML file's table; InputError (one line: the file, the problem) if it cannot be read."""
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as e:
        raise InputError(path, f"cannot read the configuration: {e.strerror}")
    except UnicodeDecodeError as e:
        raise InputError(path, f"not UTF-8 text (byte {e.start}), so not a TOML configuration")
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise InputError(path, f"bad TOML: {e}")


def load(path: Path | None = None) -> Config:
    """The configuration at `path` (default: found from the working folder); empty when none."""
    path = path or find()
    if path is None:
        return Config()
    data = _read(path)
    if path.name == "pyproject.toml":
        tool = data.get("tool", {})
        data, prefix = tool.get("reconcile", {}) if isinstance(tool, dict) else None, "tool.reconcile."
        if not isinstance(data, dict):
            raise InputError(path, f"key 'tool.reconcile': expected a table, got {data!r}")
    else:
        prefix = ""
    base = path.parent

    def bad(key: str, expected: str) -> InputError:
        return InputError(path, f"key '{prefix}{key}': expected {expected}, got {data[key]!r}")

    def paths_of(key: str) -> list[Path]:
        value = data[key]
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise bad(key, "a path or a list of paths")
        return [base / v for v in value]

    def one_path(key: str) -> Path:
        if not isinstance(data[key], str):
            raise bad(key, "a path")
        return base / data[key]

    known = {"corpus", "paths", "ledger", "baseline", "locale", "fail-on", "jobs", "packs", "plausibility"}
    for key in data:
        if key not in known:
            raise InputError(path, f"unknown key '{prefix}{key}' (known: {', '.join(sorted(known))})")
    cfg = Config(source=path)
    if "corpus" in data:
        cfg.corpus = paths_of("corpus")
    if "paths" in data:
        cfg.paths = paths_of("paths")
    if "ledger" in data:
        cfg.ledger = one_path("ledger")
    if "baseline" in data:
        cfg.baseline = one_path("baseline")
    if "packs" in data:
        cfg.packs = paths_of("packs")
    if "locale" in data:
        if not isinstance(data["locale"], str):
            raise bad("locale", "a locale name such as zh_CN or en_US")
        from babel import Locale, UnknownLocaleError

        try:
            Locale.parse(data["locale"])
        except (UnknownLocaleError, ValueError):
            raise bad("locale", "a locale babel knows, such as zh_CN or en_US")
        cfg.locale = data["locale"]
    if "fail-on" in data:
        if data["fail-on"] not in FAIL_ON:
            raise bad("fail-on", " | ".join(FAIL_ON))
        cfg.fail_on = data["fail-on"]
    if "jobs" in data:
        if not isinstance(data["jobs"], int) or isinstance(data["jobs"], bool) or data["jobs"] < 1:
            raise bad("jobs", "a whole number of processes, 1 or more")
        cfg.jobs = data["jobs"]
    if "plausibility" in data:
        if not isinstance(data["plausibility"], bool):
            raise bad("plausibility", "true or false")
        cfg.plausibility = data["plausibility"]
    return cfg

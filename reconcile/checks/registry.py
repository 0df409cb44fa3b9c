"""The rule set: rules/rules.toml and every pack's rules.toml, checked against the registered check
types, merged, and built into the rules that run. `reconcile rules`, the engine, SARIF, JUnit, the
terminal and the exit code all read this one rule set (it travels with the Report).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

# Importing the check modules registers their check types.
from reconcile.checks import (  # noqa: F401
    changes,
    conversions,
    crossdoc,
    decimals,
    headline,
    plausibility,
    repeats,
    sums,
    suppressions,
    years,
)
from reconcile.checks.types import REGISTRY, SEVERITIES, TOLERANCES, Rule
from reconcile.data.loader import DataSet, data
from reconcile.errors import InputError

_RULE_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_RULE_KEYS = ("check", "severity", "enabled")


def _expect(value, kind: type) -> bool:
    if kind is bool:
        return isinstance(value, bool)
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPE_NAME = {bool: "true or false", int: "a whole number", float: "a number"}


def validate(table: dict, path, base: dict | None) -> None:
    """One rules.toml (the built-in one, or a pack's over `base`): every key known, every value of
    its type, every check type registered."""
    for rid, spec in table.items():
        if not isinstance(spec, dict):
            raise InputError(path, f"key '{rid}': expected a table")
        if rid == "tolerances":
            for k, v in spec.items():
                if k not in TOLERANCES:
                    raise InputError(path, f"unknown key 'tolerances.{k}' (known: {', '.join(sorted(TOLERANCES))})")
                if not _expect(v, TOLERANCES[k]):
                    raise InputError(path, f"key 'tolerances.{k}': expected {_TYPE_NAME[TOLERANCES[k]]}, got {v!r}")
            if base is None and set(TOLERANCES) - set(spec):
                raise InputError(path, f"[tolerances] lacks {', '.join(sorted(set(TOLERANCES) - set(spec)))}")
            continue
        if not _RULE_ID.match(rid):
            raise InputError(path, f"key '{rid}': a rule id is letters, digits, '_', '-' or '.'")
        name = spec.get("check", (base or {}).get(rid, {}).get("check"))
        if name is None:
            raise InputError(path, f"key '{rid}': no such rule, and no `check` to define a new one "
                                   f"(check types: {', '.join(sorted(REGISTRY))})")
        if not isinstance(name, str) or name not in REGISTRY:
            raise InputError(path, f"key '{rid}.check': unknown check type {name!r} "
                                   f"(known: {', '.join(sorted(REGISTRY))})")
        ct = REGISTRY[name]
        for k, v in spec.items():
            if k == "check":
                continue
            if k == "severity":
                if v not in SEVERITIES:
                    raise InputError(path, f"key '{rid}.severity': expected error | warning | info, got {v!r}")
            elif k == "enabled":
                if not isinstance(v, bool):
                    raise InputError(path, f"key '{rid}.enabled': expected true or false, got {v!r}")
            elif k in ct.tolerances:
                if not _expect(v, TOLERANCES[k]):
                    raise InputError(path, f"key '{rid}.{k}': expected {_TYPE_NAME[TOLERANCES[k]]}, got {v!r}")
            else:
                known = ", ".join(_RULE_KEYS + ct.tolerances)
                raise InputError(path, f"unknown key '{rid}.{k}' (a {name} rule knows: {known})")


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]  # in id order
    tolerances: dict

    def __iter__(self):
        return iter(self.rules)

    def get(self, rid: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rid), None)

    def running(self, scope: str) -> list[Rule]:
        return [r for r in self.rules if r.enabled and r.check.scope == scope]

    def tolerance(self, name: str):
        return self.tolerances[name]

    def enable(self, check: str) -> RuleSet:
        """The same rule set with every rule of check type `check` switched on (check --plausibility)."""
        return replace(self, rules=tuple(replace(r, enabled=True) if r.check.name == check else r
                                         for r in self.rules))


def _build(d: DataSet) -> RuleSet:
    merged = d.toml("rules.toml", check=validate)
    origins = d.origins("rules.toml")
    tolerances = dict(merged["tolerances"])
    rules = []
    for rid, spec in sorted(merged.items()):
        if rid == "tolerances":
            continue
        ct = REGISTRY[spec["check"]]
        rules.append(Rule(rid, ct, spec.get("severity", ct.severity), spec.get("enabled", ct.enabled),
                          {k: spec[k] for k in ct.tolerances if k in spec}, tolerances, origins[rid][-1]))
    return RuleSet(tuple(rules), tolerances)


def rule_set() -> RuleSet:
    """The rules in force: the built-in rules.toml with the packs' merged over it."""
    return data().memo(_build)

"""Check types and rules: what a check module registers, and what the rule set is made of.

A check type is code: what it looks for, its scope (one document, or the corpus), its default
severity and its docs. A rule is data: an instance of a check type in rules/rules.toml (or a pack)
with an id, a severity, a switch and, optionally, its own values of the tolerances the check
reads. Check modules register their types with `@check_type(...)`; checks/registry.py builds the
rule set from the data.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from reconcile.model import SEVERITIES

# Every tolerance a check may read, with its type: their values are in rules.toml [tolerances]
# (all required there), and a rule may set its own.
TOLERANCES: dict[str, type] = {
    "touching_meets": bool,
    "magnitude_ratio_slack": float,
    "weak_link_ratio": float,
    "link_ratio_cap": float,
    "transposition_digits": int,
    "rounded_copy_digits": int,
    "two_change_power": int,
    "tranche_power": int,
    "ledger_sample": int,
    "relative": float,
    "min_significant": int,
    "magnitude_min_significant": int,
    "rounded_min_significant": int,
    "rounded_from_significant": int,
}


@dataclass(frozen=True)
class CheckType:
    name: str  # "cross_document_conflict", "parts_total" …: what `check =` names in rules.toml
    code: str  # the id of the built-in rule of this type (XD001 …)
    title: str  # a rule's short name (kebab case): cross-document-conflict
    scope: str  # "document": run(rule, doc, mentions) | "corpus": run(rule, corpus)
    #             | "findings": run(rule, corpus, findings), after every other rule
    severity: str  # the default
    summary: str  # one line: what it finds
    why: str
    example: str
    run: Callable
    tolerances: tuple[str, ...] = ()  # the tolerances it reads (a rule may set its own)
    enabled: bool = True  # the default


REGISTRY: dict[str, CheckType] = {}


def check_type(name: str, *, code: str, title: str, scope: str, severity: str, summary: str, why: str,
               example: str, tolerances: tuple[str, ...] = (), enabled: bool = True):
    """Register the decorated function as check type `name`."""
    assert scope in ("document", "corpus", "findings") and severity in SEVERITIES
    assert all(t in TOLERANCES for t in tolerances), tolerances

    def register(fn: Callable) -> Callable:
        assert name not in REGISTRY, name
        REGISTRY[name] = CheckType(name, code, title, scope, severity, summary, why, example, fn,
                                   tuple(tolerances), enabled)
        return fn

    return register


@dataclass(frozen=True)
class Rule:
    id: str
    check: CheckType
    severity: str
    enabled: bool
    params: Mapping = field(default_factory=dict)  # this rule's own tolerances
    tolerances: Mapping = field(default_factory=dict)  # the rule set's [tolerances]
    source: str = ""  # the data file that defined it last

    @property
    def name(self) -> str:
        return self.check.title

    def tolerance(self, name: str):
        return self.params[name] if name in self.params else self.tolerances[name]


@dataclass
class Corpus:
    """What a corpus-scope check runs on."""
    mentions: list  # every document's mentions, in document order
    groups: list  # the linked facts (linking.Group)
    targets: set[str] | None = None  # with --against: the paths being checked; only they are suspects
    data_docs: str | None = None  # where PL001 writes Great Expectations' Data Docs
    documents: list = field(default_factory=list)  # the documents being checked
    _memo: dict = field(default_factory=dict, repr=False, compare=False)

    def memo(self, key, compute: Callable):
        """compute(), once per run for `key`: what several rules (and the groups' status) read
        alike, such as each group's suspects. The corpus holds the groups, so their ids are keys."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def is_target(self, m) -> bool:
        """Is `m` in a document being checked (with --against, only the drafts are)?"""
        return self.targets is None or m.doc.path in self.targets

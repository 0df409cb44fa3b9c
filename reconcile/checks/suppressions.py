"""RC001: an inline `<!-- reconcile-ignore RULE: reason -->` that suppresses nothing. It runs after
every other rule, on their findings (scope "findings"); the comments are read by baseline.py."""
from __future__ import annotations

from reconcile.baseline import unused_suppressions
from reconcile.checks.types import Corpus, Rule, check_type
from reconcile.model import Finding


@check_type(
    "unused_suppression", code="RC001", title="unused-suppression", scope="findings", severity="warning",
    summary="An inline reconcile-ignore comment suppresses nothing: the figure it stands by has no finding "
            "of the rules it names.",
    why="A stale or misplaced suppression hides nothing today and may hide the wrong finding tomorrow.",
    example="<!-- reconcile-ignore XD001: agreed --> on a line whose figure has no XD001 finding.")
def unused(rule: Rule, corpus: Corpus, findings: list[Finding]) -> list[Finding]:
    by_id = {m.id: m for m in corpus.mentions}
    return unused_suppressions(corpus.documents, findings, by_id, rule.id, rule.severity)

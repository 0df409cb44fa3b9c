"""IN007 stated_conversion: a figure restated in brackets in another unit or currency
(10 GW（100亿瓦）, 1.2万亿元（约1760亿美元）) that does not state the same amount."""
from __future__ import annotations

import re

from reconcile.checks.crossdoc import likely_cause, meets
from reconcile.checks.types import Rule, check_type
from reconcile.extraction.documents import Document
from reconcile.model import Finding, Mention

_BRACKET = re.compile(r"[(（]")
_CLOSE = re.compile(r"\s*[)）]")


@check_type(
    "stated_conversion", code="IN007", title="stated-conversion", scope="document", severity="error",
    summary="A conversion stated beside a figure (in brackets) does not state its amount.",
    why="Glosses are computed by hand: 10 GW written as 十亿瓦 (1 GW) or a yuan amount converted at the "
        "wrong magnitude reads as a second, wrong fact.",
    example="至少10GW（十亿瓦）: 10 GW is 100亿瓦.",
    tolerances=("touching_meets", "magnitude_ratio_slack"))
def stated_conversion(rule: Rule, doc: Document, mentions: list[Mention]) -> list[Finding]:
    """Amounts in two currencies are compared at rules/fx.toml's rates and tolerance; in two units
    of one dimension, exactly within their written precision."""
    by_id = {m.id: m for m in mentions}
    out = []
    for m in mentions:
        base = by_id.get(m.restates) if m.restates else None
        # Only a gloss, alone in its brackets: "$33 billion ($45B less $12B debt)" is arithmetic.
        if base is None or not _BRACKET.search(doc.text, base.fig.end, m.fig.start) or \
                not _CLOSE.match(doc.text, m.fig.end) or _guessed_alike(base, m) or \
                meets(m, base, rule.tolerance("touching_meets")):
            continue
        cause, phrase = likely_cause(m, base, rule.tolerance("magnitude_ratio_slack"))
        out.append(Finding(
            rule.id, rule.severity,
            f"{m.fig.text} does not restate {base.fig.text}.",
            [m.id, base.id], f"Likely {phrase}; the conversion beside {base.fig.text} should state the same amount.",
            cause, [m, base], f"Likely {phrase}."))
    return out


def _guessed_alike(base: Mention, gloss: Mention) -> bool:
    """A bare $ no gloss settled (units/lexicon.toml [shared_signs_settled]) glossed in the dollar it
    was read as, written out ("$20 billion (US$13 billion)": the $ is some other dollar): no rate to
    check the gloss by."""
    from reconcile.extraction.lexicon import lexicon

    lex = lexicon()
    return base.fig.classifier in lex.gloss_only_signs and base.fig.unit == gloss.fig.unit \
        and gloss.fig.classifier not in lex.shared_signs

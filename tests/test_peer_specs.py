"""Conformance against Microsoft Recognizers-Text specs (see tests/peer_specs.py).

Run with `pytest tests/test_peer_specs.py -s` to see the score table.
"""
import os

import peer_specs
import pytest

# Minimum overall strict score (right span and right value / expected results).
# Measured 0.972 (419 of 431) on 2026-12-01; the floor keeps it from slipping.
FLOOR = 0.97


def test_peer_specs_strict_score():
    spec_dir = peer_specs.find_spec_dir()
    if spec_dir is None:
        where = os.environ.get(peer_specs.ENV_VAR) or peer_specs.DEFAULT_SPEC_DIR
        pytest.skip(f"peer specs not found at {where} (set ${peer_specs.ENV_VAR})")
    try:
        extract = peer_specs.load_extractor()
    except (ImportError, AttributeError) as exc:
        extract, problem = None, repr(exc)
    if extract is None:
        pytest.fail(f"cannot load reconcile.extraction.figures.extract_text: {problem}", pytrace=False)

    scores = peer_specs.score_all(extract, spec_dir)
    print()
    print(peer_specs.format_table(scores))

    errors = [r for s in scores for r in s.errors]
    if errors:
        shown = "\n".join(f"  {r.case.file} #{r.case.index} {r.case.input!r}: {r.error}"
                          for r in errors[:10])
        pytest.fail(f"extract_text raised on {len(errors)} input(s):\n{shown}", pytrace=False)

    score = peer_specs.strict_rate(scores)
    assert score >= FLOOR, f"strict peer-spec score {score:.3f} fell below FLOOR {FLOOR}"

"""The real-copy corpus tools in bench/: cutting a re-collected page back to its labelled body."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench" / "real_copy"))
from trim_to_hash import trim  # noqa: E402

# A re-collected page: a date and a site's header before the article, a menu after it.
PAGE = " date 2025-10-01 Daily Wire Service\nOrvane posts a record quarter\n\nRevenue rose 12%.\nProfit doubled.\nShare this\n"


@pytest.mark.parametrize("labelled", [
    "Orvane posts a record quarter\n\nRevenue rose 12%.\nProfit doubled.\n",   # a final line break
    "\nRevenue rose 12%.\nProfit doubled.",                                    # a leading one, none after
    " date 2025-10-01 Daily Wire Service\nOrvane posts a record quarter",      # the date kept
    "Daily Wire Service\nOrvane posts a record quarter\n\nRevenue rose 12%.\n\n",  # two after
    "Revenue rose 12%.\nProfit",                                               # cut inside a line
])
def test_the_stretch_that_hashes_to_the_label_is_found_exactly(labelled):
    digest = hashlib.sha256(labelled.encode("utf-8")).hexdigest()
    assert trim(PAGE, digest) == labelled


def test_no_stretch_is_invented():
    assert trim(PAGE, hashlib.sha256(b"Revenue rose 13%.").hexdigest()) is None

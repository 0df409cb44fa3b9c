"""Cut a re-collected excerpt back to the labelled body: the stretch whose sha256 is the label's.

The `search` tool's stored pages change: an excerpt may now begin with " date YYYY-MM-DD ", a site
header or a headline, and run past where the labelled body ended. Save the whole excerpt as the
body (bench/real_copy/README.md), then run

    python bench/real_copy/trim_to_hash.py STORY [FILE ...]

For each article whose body does not hash to its `sha256`, this tries stretches of the body, with
and without a leading date, with 0 to 3 line breaks around them, and keeps the first that hashes
to it; it rewrites only bodies for which one is found, and says which it could not match. Line
stretches first (fast); then every stretch, quadratic in a body's length (slow: a last resort).
"""
from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from real_eval import CORPUS, LABELS, labelled_body  # noqa: E402


_DATE_PREFIX = re.compile(r"^ ?date \d{4}-\d\d-\d\d ?")
_NEWLINES = ("", "\n", "\n\n", "\n\n\n")


def _matches(text: str, digest: str) -> bool:
    return hashlib.sha256(text.encode("utf-8")).hexdigest() == digest


def _padded(stretch: str, digest: str) -> str | None:
    """`stretch` with 0 to 3 line breaks before and after it, whichever hashes to `digest`."""
    core = stretch.strip("\n")
    for before in _NEWLINES:
        for after in _NEWLINES:
            if _matches(before + core + after, digest):
                return before + core + after
    return None


def trim(body: str, digest: str) -> str | None:
    """The stretch of `body` that hashes to `digest` (line breaks around it counted as the label's
    hash counts them), or None. Stretches from a line's start (or after a leading " date
    YYYY-MM-DD ", which some labelled bodies hold and some do not) to a line's end are tried first;
    then every stretch, quadratic in the body's length."""
    starts = {0, *(m.end() for m in re.finditer("\n", body))}
    if m := _DATE_PREFIX.match(body.lstrip("\n")):
        starts.add(len(body) - len(body.lstrip("\n")) + m.end())
    ends = {len(body), *(m.start() for m in re.finditer("\n", body))}
    for i in sorted(starts):
        for j in sorted(ends, reverse=True):
            if j > i and (found := _padded(body[i:j], digest)) is not None:
                return found
    for i in range(len(body)):
        if body[i] == "\n":
            continue  # (a stretch that opens or closes on a line break is tried by its padding)
        for j in range(len(body), i, -1):
            if body[j - 1] != "\n" and (found := _padded(body[i:j], digest)) is not None:
                return found
    return None


def main(story: str, files: list[str]) -> int:
    labels = tomllib.loads((LABELS / f"{story}.toml").read_text(encoding="utf-8"))
    unmatched = 0
    for article in labels["article"]:
        if files and article["file"] not in files:
            continue
        path = CORPUS / story / article["file"]
        if not path.exists():
            print(f"{path}: missing")
            unmatched += 1
            continue
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        if labelled_body(body, article["sha256"]):
            continue
        # (bench/real_eval.py hashes the body after the front matter with one line break dropped:
        # the stretch is written after exactly one, as it is, line breaks included)
        found = trim(body, article["sha256"])
        if found is None:
            print(f"{path}: no stretch of the body matches its sha256 (the stored page changed)")
            unmatched += 1
            continue
        path.write_text(f"---\n{front}---\n\n{found}", encoding="utf-8")
        print(f"{path}: trimmed to the labelled body")
    return 1 if unmatched else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))

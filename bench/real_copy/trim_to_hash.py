"""Cut a re-collected excerpt back to the labelled body: the stretch whose sha256 is the label's.

The `search` tool's stored pages change: an excerpt may now begin with " date YYYY-MM-DD ", a site
header or a headline, and run past where the labelled body ended. Save the whole excerpt as the
body (bench/real_copy/README.md), then run

    python bench/real_copy/trim_to_hash.py STORY [FILE ...]

For each article whose body does not hash to its `sha256`, this tries every contiguous stretch of
the body (the date prefix dropped first) and keeps the first that does; it rewrites only bodies
for which one is found, and says which it could not match. Quadratic in a body's length: seconds
for an excerpt of 2,000 characters.
"""
from __future__ import annotations

import hashlib
import re
import sys
import tomllib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from real_eval import CORPUS, LABELS  # noqa: E402


def _matches(text: str, digest: str) -> bool:
    return any(hashlib.sha256(v.encode("utf-8")).hexdigest() == digest for v in (text, "\n" + text))


def trim(body: str, digest: str) -> str | None:
    """The stretch of `body` (a final newline allowed) that hashes to `digest`, or None."""
    body = re.sub(r"^ date \d{4}-\d\d-\d\d ", "", body.removeprefix("\n"))
    for i in range(len(body)):
        for j in range(len(body), i, -1):
            for candidate in (body[i:j], body[i:j] + "\n"):
                if _matches(candidate, digest):
                    return candidate
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
        if _matches(body.removeprefix("\n"), article["sha256"]) or _matches(body, article["sha256"]):
            continue
        found = trim(body, article["sha256"])
        if found is None:
            print(f"{path}: no stretch of the body matches its sha256 (the stored page changed)")
            unmatched += 1
            continue
        path.write_text(f"---\n{front}---\n\n{found.removeprefix(chr(10))}", encoding="utf-8")
        print(f"{path}: trimmed to the labelled body")
    return 1 if unmatched else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2:]))

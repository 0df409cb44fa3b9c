"""Collect the real-copy corpus again, story by story, from the searches its labels record.

    python bench/real_copy/collect.py plan STORY [STORY ...]   # the searches to run, the files to save
    python bench/real_copy/collect.py build STORY [STORY ...]  # write the articles, check their hashes
    python bench/real_copy/collect.py todo                     # the stories with an article not collected

The text comes from the `search` tool (corpus `pages`), which a person or a helper session calls:
`plan` prints each story's recorded queries and, under each, the files to save and their URLs. Save
each listed URL's `excerpt` as a JSON string literal, exactly as the tool shows it (quotes and
escapes included: no decoding by hand), to `$RAW/STORY/FILE.json` (`$RAW` is ~/real-copy-raw, or
$RECONCILE_REAL_COPY_RAW). `build` decodes those files, writes `~/real-copy/STORY/FILE` with its
front matter (source, date, url), cuts each body back to the labelled stretch (trim_to_hash) and
says what is missing, malformed or no longer the labelled text.

The search budget is 1,000 look-ups a session, shared by the session's helpers: the whole corpus
(about 1,000 distinct queries) takes more than one session to collect; `todo` says what is left.
"""
from __future__ import annotations

import json
import os
import sys
import tomllib
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from real_eval import CORPUS, LABELS, labelled_body  # noqa: E402
from trim_to_hash import main as trim_story  # noqa: E402

RAW = Path(os.environ.get("RECONCILE_REAL_COPY_RAW", Path.home() / "real-copy-raw"))


def _labels(story: str) -> dict:
    return tomllib.loads((LABELS / f"{story}.toml").read_text(encoding="utf-8"))


def _stories() -> list[str]:
    return sorted(p.stem for p in LABELS.glob("*.toml") if p.name != "same_facts.toml")


def plan(story: str) -> None:
    d = _labels(story)
    by_query: dict[str, list[dict]] = defaultdict(list)
    for a in d["article"]:
        by_query[a.get("query", "")].append(a)
    print(f"story {story}: {d.get('summary', '')}")
    for query, articles in by_query.items():
        print(f"\nQUERY: {query}")
        for a in articles:
            done = " (saved)" if (RAW / story / f"{a['file']}.json").exists() else ""
            print(f"  {a['file']:<16} {a['url']}{done}")


def article_text(front: dict, excerpt: str) -> str:
    """A corpus file: YAML front matter (source: the URL's host, date, url), a blank line, the excerpt."""
    meta = (f"source: {json.dumps(urlparse(front['url']).netloc)}\n"
            f"date: {front['date']}\nurl: {json.dumps(front['url'], ensure_ascii=False)}\n")
    return f"---\n{meta}---\n\n{excerpt}"


def build(story: str) -> int:
    """Write the story's articles from their raw excerpts; the count of articles not collected as labelled."""
    d = _labels(story)
    problems = 0
    written: list[dict] = []  # the articles written from their raw excerpts this run
    for a in d["article"]:
        raw = RAW / story / f"{a['file']}.json"
        if not raw.exists():
            print(f"{raw}: not saved yet")
            problems += 1
            continue
        try:
            excerpt = json.loads(raw.read_text(encoding="utf-8").strip())
        except json.JSONDecodeError as e:
            print(f"{raw}: not a JSON string ({e}): copy the excerpt again")
            problems += 1
            continue
        if not isinstance(excerpt, str):
            print(f"{raw}: not a JSON string: copy the excerpt again")
            problems += 1
            continue
        (CORPUS / story).mkdir(parents=True, exist_ok=True)
        try:
            body = article_text(a, excerpt).encode("utf-8")  # (an excerpt cut inside a surrogate pair cannot be)
        except UnicodeEncodeError as e:
            print(f"{raw}: not text ({e.reason}): copy the excerpt again")
            problems += 1
            continue
        (CORPUS / story / a["file"]).write_bytes(body)
        written.append(a)
    if written:
        trim_story(story, [a["file"] for a in written])  # prints what it could not cut to the label
    problems += sum(not labelled_body((CORPUS / story / a["file"]).read_text(encoding="utf-8").split("---\n", 2)[2],
                                      a["sha256"]) for a in written)
    print(f"{story}: {len(d['article'])} articles, {problems} not collected as labelled")
    return problems


def todo() -> None:
    for story in _stories():
        d = _labels(story)
        left = [a["file"] for a in d["article"] if not (CORPUS / story / a["file"]).exists()]
        if left:
            print(f"{story} ({d['split']}): {len(left)} of {len(d['article'])} not collected")


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in ("plan", "build", "todo") or (argv[0] != "todo" and len(argv) < 2):
        sys.exit(__doc__)
    if argv[0] == "todo":
        todo()
        return 0
    if argv[0] == "plan":
        for story in argv[1:]:
            plan(story)
        return 0
    return 1 if sum(build(story) for story in argv[1:]) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

#!/usr/bin/env python
"""Benchmark `reconcile serve`: the latency of checking one draft against a large ledger, with the
ledger, the vocabulary and the rules (PL001 included) loaded, as the server holds them.

    python bench/bench_serve.py [--sizes 1000,10000,100000] [--keep DIR] [--repeat 10]
    python bench/bench_serve.py --ledger PATH.sqlite [--ledger …]      (ledgers built before)

Ledgers: the synthetic archives of bench/bench_ledger.py (its build_corpus: the seed's articles
with varied figures and company names, 200 to a file; a size is a prefix of every larger one),
indexed with `reconcile.store.ledger.index(jobs=2)`. With `--keep DIR` corpora and ledgers are
written there and reused by later runs (generating and indexing 100,000 articles takes about an
hour on this machine's 2 cores, most of it generating).

For each ledger, in a fresh child process: start-up (load the reference and rules, warm-up check
of a small unrelated draft: the vocabulary and Great Expectations load there), then each draft
(examples/draft-en.md, and a Chinese draft written for this benchmark) checked once cold (its
look-ups' pages not yet read) and `--repeat` times warm, with PL001 on (the server's default) and
off, with the server's cache of looked-up blocks and with it emptied before each check (a draft
on companies no draft named since start-up); the stages of one check (the draft's extraction, the ledger look-up, linking and the rules,
the page's data); and the round trip of POST /api/check through a real uvicorn server on
127.0.0.1 (HTTP and JSON included). Target: under 0.3 s per draft at 100,000 articles.

Prints a Markdown table and writes bench/out/serve.json. It reports; it does not assert.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
OUT_JSON = HERE / "out" / "serve.json"
TARGET_S = 0.3

DRAFTS = {
    "draft-en.md": (ROOT / "examples" / "draft-en.md").read_text(encoding="utf-8"),
    # Written for this benchmark: four facts the synthetic archive states, one of them wrong.
    "draft-zh.md": "---\ntitle: 科技巨头继续加码算力\ndate: 2025-11-18\n---\n"
                   "OpenAI表示，未来8年将在数据中心上投入约1.4亿美元。\n"
                   "谷歌把2025年的资本支出指引提高到910亿至930亿美元。\n"
                   "摩根士丹利预计，到2028年美国的电力缺口为13至44吉瓦。\n",
}


def build(keep: Path, size: int) -> Path:
    """The ledger of the first `size` synthetic articles (built once under `keep`)."""
    import bench_ledger as bl

    from reconcile.store import ledger

    db = keep / f"ledger-{size}.sqlite"
    if db.exists():
        return db
    corpus = keep / f"corpus-{size}"
    t = time.perf_counter()
    files, _, _ = bl.build_corpus(corpus, size)
    print(f"generated {size} articles in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    t = time.perf_counter()
    stats = ledger.index([str(f) for f in files], db, jobs=2)
    print(f"indexed {stats.total_documents} documents in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    return db


def child(db: str, repeat: int) -> None:
    """(in the child) every measure of one ledger; prints one JSON line."""
    from reconcile.checks.registry import rule_set
    from reconcile.engine import judge_against, source_mentions
    from reconcile.extraction.documents import SourceFile
    from reconcile.report.formats.shared import quote_as_written
    from reconcile.serve.checker import Desk, load_reference, page_data
    from reconcile.store.ledger import linking_keys

    clock = time.perf_counter
    out: dict = {"ledger": db}
    t = clock()
    reference = load_reference(db)
    on = Desk(reference, rule_set().enable("plausibility"))
    out["load_s"] = clock() - t
    out["warm_up_s"] = on.warm()
    out["documents"], out["figures"] = reference.documents, reference.figures
    off = Desk(reference, rule_set())

    def timed(desk, text, name, cached: bool = True) -> float:
        gc.collect()
        if not cached:
            desk.reference.cache.clear()
        t = clock()
        desk.check(text, name)
        return clock() - t

    def stages(desk, text, name) -> dict:
        gc.collect()
        desk.reference.cache.clear()  # the look-up as a draft on new companies pays it
        t0 = clock()
        pairs = source_mentions(SourceFile(path=name, text=text, encoding="utf-8"))
        drafts = [m for _, ms in pairs for m in ms]
        t1 = clock()
        keys = linking_keys(drafts)
        refs = desk.reference.lookup(keys, {name}, desk.rules.tolerance("ledger_sample"))
        t2 = clock()
        report = judge_against(pairs, refs, desk.rules, {name})
        quote_as_written(report.findings)
        t3 = clock()
        page = page_data(report, text)
        t4 = clock()
        return {"extract_s": t1 - t0, "lookup_s": t2 - t1, "link_and_rules_s": t3 - t2, "page_s": t4 - t3,
                "keys": len(keys), "reference_mentions": len(refs),
                "findings": [f"{f['rule']} {f['figures'][0]['text']}" for f in page["findings"]]}

    drafts = {}
    for name, text in DRAFTS.items():
        row = {"cold_s": timed(on, text, name)}
        for label, desk, cached in (("on", on, True), ("off", off, True), ("on_uncached", on, False)):
            runs = sorted(timed(desk, text, name, cached) for _ in range(repeat))
            row[f"pl_{label}"] = {"best_s": runs[0], "median_s": statistics.median(runs),
                                  "p90_s": runs[int(0.9 * (len(runs) - 1))], "worst_s": runs[-1]}
        parts = [stages(on, text, name) for _ in range(repeat)]
        row["stages"] = {k: (statistics.median(p[k] for p in parts) if k.endswith("_s") else parts[-1][k])
                         for k in parts[0]}
        drafts[name] = row
    out["drafts"] = drafts
    out["http"] = http(on, repeat)
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out), flush=True)


def http(desk, repeat: int) -> dict:
    """POST /api/check round trips through a real uvicorn server on 127.0.0.1."""
    import uvicorn

    from reconcile.serve.app import create_app
    from reconcile.serve.browser import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(desk), host="127.0.0.1", port=port, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    body = json.dumps({"text": DRAFTS["draft-en.md"], "name": "draft-en.md"}).encode()
    runs = []
    try:
        for _ in range(repeat + 1):
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/check", data=body,
                                         headers={"Content-Type": "application/json"})
            t = time.perf_counter()
            with urllib.request.urlopen(req, timeout=60) as r:
                r.read()
            runs.append(time.perf_counter() - t)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    runs = sorted(runs[1:])
    return {"best_s": runs[0], "median_s": statistics.median(runs), "worst_s": runs[-1]}


def measure(db: Path, repeat: int) -> dict:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]))
    out = subprocess.run([sys.executable, __file__, "--_child", str(db), str(repeat)], capture_output=True, text=True,
                         env=env, cwd=ROOT)
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"child failed on {db}:\n{out.stderr}")
    return json.loads(lines[-1])


def table(results: list[dict]) -> str:
    ms = lambda s: f"{s * 1000:.0f}"  # noqa: E731
    rows = ["| ledger | draft | check, PL001 on, blocks cached: best / median / p90 (ms) | PL001 off: median | "
            "blocks not cached: median | first check | extract / look-up / link+rules / page, not cached (median ms) "
            "| reference mentions | HTTP round trip median |",
            "|---|---|---|---|---|---|---|---|---|"]
    for r in results:
        for name, d in r["drafts"].items():
            on, st = d["pl_on"], d["stages"]
            rows.append(f"| {r['documents']:,} articles | {name} | {ms(on['best_s'])} / {ms(on['median_s'])} / "
                        f"{ms(on['p90_s'])} | {ms(d['pl_off']['median_s'])} | {ms(d['pl_on_uncached']['median_s'])} | "
                        f"{ms(d['cold_s'])} | "
                        f"{ms(st['extract_s'])} / {ms(st['lookup_s'])} / {ms(st['link_and_rules_s'])} / "
                        f"{ms(st['page_s'])} | {st['reference_mentions']:,} | "
                        f"{ms(r['http']['median_s']) if name == 'draft-en.md' else ''} |")
    rows.append("")
    for r in results:
        rows.append(f"- {r['documents']:,} articles: start-up {r['load_s']:.1f} s to load + {r['warm_up_s']:.1f} s "
                    f"warm-up; peak RSS {r['peak_rss_mb']:.0f} MB")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_child"]:
        child(argv[1], int(argv[2]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--ledger", action="append", type=Path, help="measure this ledger (repeatable); no building")
    ap.add_argument("--keep", type=Path, default=HERE / "out" / "serve-ledgers",
                    help="where ledgers are built and kept (default bench/out/serve-ledgers)")
    ap.add_argument("--repeat", type=int, default=10)
    args = ap.parse_args(argv)
    if args.ledger:
        ledgers = args.ledger
    else:
        args.keep.mkdir(parents=True, exist_ok=True)
        ledgers = [build(args.keep, int(n)) for n in args.sizes.split(",")]
    results = [measure(db, args.repeat) for db in ledgers]
    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps({"target_s": TARGET_S, "results": results}, indent=2, ensure_ascii=False) + "\n",
                        encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())

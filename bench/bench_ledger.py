#!/usr/bin/env python
"""Benchmark the ledger (`reconcile index`, `reconcile check DRAFT --against LEDGER.sqlite`):
index throughput, ledger size, peak memory, and the latency of checking one draft.

    python bench/bench_ledger.py [--sizes 1000,10000,100000] [--jobs 1,2] [--jobs1-max 10000]
                                 [--replicate N] [--repeat 3] [--keep DIR]

(about 9 minutes on 2 cores, most of it generating and indexing the 100,000 articles;
`--sizes 1000,10000` takes about 3)

Corpus: synthetic articles from the seed (seeds/ai-infrastructure-2025-11.txt), made as
bench/bench_check.py makes them — each article one of the seed's, its quantities scaled by a
per-copy factor (bench_extract.vary_numbers, bench_extract.vary_date) and, with probability 0.7,
its company names mapped onto other companies of rules/entities.toml (bench_check.CompanyNames) —
written 200 articles to a file. One generator (seed 42), streamed to disk, so a size is a prefix
of every larger size: the 1,000-article corpus is the first 5 files of the 10,000-article one.

For each size and each `--jobs` value, in a fresh subprocess (so peak RSS is that run's):
`reconcile.store.ledger.index(files, fresh_db, jobs)`: wall time, MB/s and articles/s (MB = 1e6 bytes of
UTF-8 input), peak RSS of the indexer and of its worker processes (getrusage, SELF and CHILDREN),
ledger size on disk; then a re-index of the unchanged corpus (nothing read). jobs=1 runs only up
to 10,000 articles unless `--jobs1-max` says otherwise.

Latency, in a child process, best of `--repeat` after a warm-up: checking examples/draft-en.md
against each ledger — the draft's extraction, `reference_mentions` for its linking keys (SQL
look-up + rebuilding the Mentions; the SQL alone too), `linking.link` + the rules (`engine.judge`) on
draft + references, `check_against_ledger` end to end (target < 0.5 s at 100,000 articles), and
the child's peak RSS.

`--replicate N`: also a ledger of N articles made by copying the largest real ledger's rows
(documents, sentences, mentions, files) under N/size path prefixes — no extraction — to measure
the look-up and check latency at a size that would take too long to index here; marked
"replicated" in the output. Statistically it is the corpus the generator would give (articles are
drawn independently), so key-group sizes grow as they would.

Prints a Markdown table and writes bench/out/ledger.json. It reports; it does not assert.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_extract as bx  # noqa: E402  (split_articles, vary_numbers, vary_date, git_describe)

ROOT = bx.ROOT
OUT_DIR = ROOT / "bench" / "out"
OUT_JSON = OUT_DIR / "ledger.json"
DRAFT = ROOT / "examples" / "draft-en.md"
ARTICLES_PER_FILE = 200
RNG_SEED = 42
REPLACE_P = 0.7
TARGET_LATENCY_S = 0.5


# ---------------------------------------------------------------------------------------------
# Corpus


def build_corpus(dest: Path, n: int) -> tuple[list[Path], list[int], dict]:
    """Write n articles, ARTICLES_PER_FILE to a file; (files, cumulative bytes per file, stats).
    The same random sequence as bench_check.generate_articles, streamed."""
    import bench_check as bc

    names = bc.CompanyNames()
    rng = random.Random(RNG_SEED)
    preamble, articles = bx.split_articles(bx.SEED.read_text(encoding="utf-8"))
    head = "".join(line + "\n" for line in preamble)
    dest.mkdir(parents=True, exist_ok=True)
    files, cumulative, total, renamed = [], [], 0, 0
    blocks: list[str] = []

    def flush():
        nonlocal total, blocks
        path = dest / f"archive-{len(files) + 1:05d}.txt"
        data = (head + "".join(blocks)).encode("utf-8")
        path.write_bytes(data)
        files.append(path)
        total += len(data)
        cumulative.append(total)
        blocks = []

    for _ in range(n):
        title, date_line, body = rng.choice(articles)
        factor = rng.choice((0.5, 0.8, 1.0, 1.25, 2.0, 3.0)) * rng.uniform(0.9, 1.1)
        texts = [bx.vary_numbers(title, factor), *(bx.vary_numbers(b, factor) for b in body)]
        if rng.random() < REPLACE_P:
            texts, _ = names.replace(texts, rng)
            renamed += 1
        blocks.append("\n".join([texts[0], bx.vary_date(date_line, rng), *texts[1:]]) + "\n")
        if len(blocks) == ARTICLES_PER_FILE:
            flush()
    if blocks:
        flush()
    return files, cumulative, {"renamed_articles": renamed, "company_pool": len(names.ids)}


# ---------------------------------------------------------------------------------------------
# One indexing run, in a child process


def child_index(list_file: str, db: str, jobs: int) -> None:
    """(in the child) index the files listed in `list_file` into `db`; print JSON."""
    from reconcile.store import ledger

    files = Path(list_file).read_text(encoding="utf-8").split("\n")
    first = ledger.index(files, db, jobs=jobs)
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    again = ledger.index(files, db, jobs=jobs)
    print(json.dumps({"first": first.as_dict(), "again": again.as_dict(),
                      "rss_self_mb": self_kb / 1024, "rss_children_mb": children_kb / 1024}))


def run_index(files: list[Path], db: Path, jobs: int, tmp: Path) -> dict:
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    list_file = tmp / f"files-{len(files)}.txt"
    list_file.write_text("\n".join(str(f) for f in files), encoding="utf-8")
    t = time.perf_counter()
    out = subprocess.run([sys.executable, __file__, "--_child", str(list_file), str(db), str(jobs)],
                         capture_output=True, text=True)
    wall = time.perf_counter() - t
    if out.returncode:
        raise SystemExit(f"index run failed ({out.returncode}):\n{out.stderr}")
    res = json.loads(out.stdout.strip().splitlines()[-1])
    res["wall_s"] = wall
    res["db_bytes"] = sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())
    return res


# ---------------------------------------------------------------------------------------------
# Latency of checking one draft


def child_latency(db: str, repeat: int) -> None:
    """(in the child) time the check of the draft against `db`; print JSON."""
    from reconcile.checks.registry import rule_set
    from reconcile.engine import judge, mentions_of
    from reconcile.extraction.documents import load_documents
    from reconcile.linking import link
    from reconcile.store import ledger

    rules = rule_set()
    sample = rules.tolerance("ledger_sample")
    clock = time.perf_counter
    targets = {DRAFT.as_posix()}

    def pieces():
        gc.collect()
        t0 = clock()
        pairs = [(d, mentions_of(d)) for d in load_documents([DRAFT])]
        drafts = [m for _, ms in pairs for m in ms]
        t1 = clock()
        keys = ledger.linking_keys(drafts)
        refs = ledger.reference_mentions(db, keys)
        t2 = clock()
        mentions = drafts + refs
        groups = link(mentions)
        t3 = clock()
        groups, findings = judge(pairs, mentions, rules, targets)  # linking again, then every rule
        t4 = clock() - (t3 - t2)
        return {"extract_draft_s": t1 - t0, "reference_mentions_s": t2 - t1, "link_s": t3 - t2,
                "check_s": t4 - t3, "lookup_plus_check_s": t4 - t1,
                "keys": len(keys), "reference_mentions": len(refs),
                "reference_documents": len({m.doc.id for m in refs}),
                "largest_group": max((len(g.mentions) for g in groups), default=0),
                "findings": sorted(f"{f.rule} {f.figures[0].rsplit('/', 1)[-1]}" for f in findings)}

    def sql_only():
        keys = ledger.linking_keys([m for d in load_documents([DRAFT]) for m in mentions_of(d)])
        con = ledger.open_ledger(db)
        t = clock()
        n = sum(len(con.execute(ledger.LOOKUP_SQL, (*k, sample)).fetchall()) for k in keys)
        s = clock() - t
        con.close()
        return s, n

    pieces()  # warm-up: vocabularies, page cache
    runs = [pieces() for _ in range(repeat)]
    res = {k: (min(r[k] for r in runs) if k.endswith("_s") else runs[-1][k]) for k in runs[0]}
    res["sql_s"], res["sql_rows"] = min(sql_only() for _ in range(repeat))
    e2e = []
    for _ in range(repeat):
        gc.collect()
        t = clock()
        ledger.check_against_ledger([DRAFT], db, rules)
        e2e.append(clock() - t)
    res["check_against_ledger_s"] = min(e2e)
    res["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(res), flush=True)


def latency(db: Path, repeat: int, timeout: float) -> dict:
    """The draft's check against `db`, timed in a child process (given up after `timeout` s)."""
    cmd = [sys.executable, __file__, "--_child-latency", str(db), str(repeat)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {"timed_out_after_s": timeout}
    lines = [line for line in out.stdout.splitlines() if line.startswith("{")]
    if out.returncode or not lines:
        raise SystemExit(f"latency child failed on {db}:\n{out.stderr}")
    return json.loads(lines[-1])


# ---------------------------------------------------------------------------------------------
# A larger ledger by replication (look-up latency only)


def replicate(src: Path, dest: Path, copies: int) -> int:
    """`dest`: the rows of `src` and copies-1 more copies under rep<k>/ path prefixes; its bytes."""
    import sqlite3

    shutil.copyfile(src, dest)
    con = sqlite3.connect(dest, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    q = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    nd, ns, nm = q("SELECT max(n) FROM documents"), q("SELECT max(n) FROM sentences"), q("SELECT max(n) FROM mentions")
    mcols = [r[1] for r in con.execute("PRAGMA table_info(mentions)")]
    fcols = [r[1] for r in con.execute("PRAGMA table_info(files)")]
    dcols = [r[1] for r in con.execute("PRAGMA table_info(documents)")]
    quote = lambda cs: ", ".join(f'"{c}"' for c in cs)  # noqa: E731

    def expr(table, cols, k):
        out = []
        for c in cols:
            if c == "n":
                out.append(f"n + {k * {'documents': nd, 'sentences': ns, 'mentions': nm}[table]}")
            elif c == "doc":
                out.append(f"doc + {k * nd}")
            elif c == "sentence":
                out.append(f"sentence + {k * ns}")
            elif c == "mention":
                out.append(f"mention + {k * nm}")
            elif c in ("path", "id"):
                out.append(f"'rep{k}/' || \"{c}\"")
            else:
                out.append(f'"{c}"')
        return ", ".join(out)

    scols = [r[1] for r in con.execute("PRAGMA table_info(sentences)")]
    bcols = [r[1] for r in con.execute("PRAGMA table_info(blocks)")]
    for k in range(1, copies):
        con.execute("BEGIN")
        con.execute(f"INSERT INTO files ({quote(fcols)}) SELECT {expr('files', fcols, k)} FROM files "
                    "WHERE path NOT LIKE 'rep%'")
        con.execute(f"INSERT INTO documents ({quote(dcols)}) SELECT {expr('documents', dcols, k)} FROM documents "
                    f"WHERE n <= {nd}")
        con.execute(f"INSERT INTO sentences ({quote(scols)}) SELECT {expr('sentences', scols, k)} FROM sentences "
                    f"WHERE n <= {ns}")
        con.execute(f"INSERT INTO mentions ({quote(mcols)}) SELECT {expr('mentions', mcols, k)} FROM mentions "
                    f"WHERE n <= {nm}")
        con.execute(f"INSERT INTO blocks ({quote(bcols)}) SELECT {expr('blocks', bcols, k)} FROM blocks "
                    f"WHERE mention <= {nm}")
        con.execute("COMMIT")
    con.execute("PRAGMA optimize")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return dest.stat().st_size


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--_child"]:
        child_index(argv[1], argv[2], int(argv[3]))
        return 0
    if argv[:1] == ["--_child-latency"]:
        child_latency(argv[1], int(argv[2]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="corpus sizes in articles (default 1000,10000,100000)")
    ap.add_argument("--jobs", default="1,2", help="jobs values to index with (default 1,2)")
    ap.add_argument("--jobs1-max", type=int, default=10000, help="largest size indexed with jobs=1 (default 10000)")
    ap.add_argument("--replicate", type=int, default=0,
                    help="also measure latency on a ledger of this many articles made by replicating the "
                         "largest one (default 0: off)")
    ap.add_argument("--repeat", type=int, default=3, help="latency runs, best taken (default 3)")
    ap.add_argument("--latency-timeout", type=float, default=300.0,
                    help="give up timing a check after this many seconds (default 300)")
    ap.add_argument("--keep", type=Path, help="write (and keep) corpora and ledgers here")
    args = ap.parse_args(argv)
    sizes = sorted({int(s) for s in args.sizes.split(",")})
    jobs_list = sorted({int(j) for j in args.jobs.split(",")})

    t_start = time.perf_counter()
    tmp = None
    base = args.keep if args.keep else Path(tmp := tempfile.mkdtemp(prefix="reconcile-bench-ledger-"))
    base.mkdir(parents=True, exist_ok=True)
    results = []
    try:
        t = time.perf_counter()
        files, cumulative, gen = build_corpus(base / "corpus", sizes[-1])
        build_s = time.perf_counter() - t
        print(f"corpus: {sizes[-1]:,} articles, {len(files)} files, {cumulative[-1] / 1e6:.1f} MB, "
              f"built in {build_s:.1f} s", file=sys.stderr, flush=True)
        largest_db = None
        for n in sizes:
            k = -(-n // ARTICLES_PER_FILE)
            chosen, nbytes = files[:k], cumulative[k - 1]
            row = {"articles": n, "files": k, "mb": round(nbytes / 1e6, 3), "runs": {}}
            for jobs in jobs_list:
                if jobs == 1 and n > args.jobs1_max and len(jobs_list) > 1:
                    continue
                db = base / f"ledger-{n}-j{jobs}.sqlite"
                r = run_index(chosen, db, jobs, base)
                first, again = r["first"], r["again"]
                row["runs"][jobs] = {
                    "index_s": round(first["seconds"], 2), "wall_s": round(r["wall_s"], 2),
                    "mb_per_s": round(nbytes / 1e6 / first["seconds"], 3),
                    "articles_per_s": round(n / first["seconds"], 1),
                    "documents": first["documents"], "figures": first["figures"],
                    "reindex_unchanged_s": round(again["seconds"], 3), "reindex_files_read": again["files_read"],
                    "rss_indexer_mb": round(r["rss_self_mb"], 1), "rss_workers_mb": round(r["rss_children_mb"], 1),
                    "db_mb": round(r["db_bytes"] / 1e6, 2),
                }
                print(f"  {n:,} articles, jobs={jobs}: {first['seconds']:.1f} s", file=sys.stderr, flush=True)
                keep_db = db
            row["db_mb"] = next(iter(row["runs"].values()))["db_mb"]
            row["db_bytes_per_article"] = round(row["db_mb"] * 1e6 / n)
            row["latency"] = latency(keep_db, args.repeat, args.latency_timeout)
            print(f"  {n:,} articles: check {row['latency'].get('lookup_plus_check_s', 'timed out')} s",
                  file=sys.stderr, flush=True)
            results.append(row)
            largest_db, largest_n = keep_db, n
        if args.replicate and largest_db is not None and args.replicate > largest_n:
            copies = args.replicate // largest_n
            rep_db = base / f"ledger-{largest_n * copies}-replicated.sqlite"
            t = time.perf_counter()
            size = replicate(largest_db, rep_db, copies)
            rep_s = time.perf_counter() - t
            row = {"articles": largest_n * copies, "replicated": f"{copies}x the {largest_n:,}-article ledger",
                   "replicate_s": round(rep_s, 1), "db_mb": round(size / 1e6, 2),
                   "db_bytes_per_article": round(size / (largest_n * copies)), "runs": {}}
            row["latency"] = latency(rep_db, args.repeat, args.latency_timeout)
            print(f"  {row['articles']:,} articles (replicated): check "
                  f"{row['latency'].get('lookup_plus_check_s', 'timed out')} s", file=sys.stderr, flush=True)
            results.append(row)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    total_s = time.perf_counter() - t_start

    out = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": bx.git_describe(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "corpus": {"articles_per_file": ARTICLES_PER_FILE, "build_s": round(build_s, 1), **gen,
                   "kept_at": str(args.keep) if args.keep else None},
        "draft": DRAFT.relative_to(ROOT).as_posix(),
        "target_latency_s": TARGET_LATENCY_S,
        "load_average": os.getloadavg(),
        "sizes": results,
        "bench_runtime_s": round(total_s, 1),
    }
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(out, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    print(f"reconcile ledger benchmark — {out['commit']}, Python {out['python']}, {out['cpus']} CPUs\n")
    cols = results
    head = lambda r: f"{r['articles']:,}" + (" (replicated)" if r.get("replicated") else "")  # noqa: E731
    print("| | " + " | ".join(head(r) for r in cols) + " |")
    print("|---|" + "---:|" * len(cols))

    def line(label, fn):
        cells = []
        for r in cols:
            try:
                cells.append(fn(r))
            except (KeyError, TypeError, StopIteration):
                cells.append("—")
        print(f"| {label} | " + " | ".join(cells) + " |")

    line("input MB (files)", lambda r: f"{r['mb']:.1f} ({r['files']})")
    for jobs in jobs_list:
        line(f"index jobs={jobs}: s", lambda r, j=jobs: f"{r['runs'][j]['index_s']:.1f}")
        line(f"index jobs={jobs}: MB/s", lambda r, j=jobs: f"{r['runs'][j]['mb_per_s']:.3f}")
        line(f"index jobs={jobs}: articles/s", lambda r, j=jobs: f"{r['runs'][j]['articles_per_s']:.0f}")
        line(f"index jobs={jobs}: peak RSS indexer / workers MB",
             lambda r, j=jobs: f"{r['runs'][j]['rss_indexer_mb']:.0f} / {r['runs'][j]['rss_workers_mb']:.0f}")
        line(f"re-index unchanged (jobs={jobs}): s, files read",
             lambda r, j=jobs: f"{r['runs'][j]['reindex_unchanged_s']:.3f}, {r['runs'][j]['reindex_files_read']}")
    line("figures", lambda r: f"{next(iter(r['runs'].values()))['figures']:,}")
    line("ledger MB (bytes/article)", lambda r: f"{r['db_mb']:.1f} ({r['db_bytes_per_article']:,})")
    L = lambda r: r["latency"]  # noqa: E731
    line("draft keys → reference mentions (documents)",
         lambda r: f"{L(r)['keys']} → {L(r)['reference_mentions']:,} ({L(r)['reference_documents']:,})")
    line("largest group", lambda r: f"{L(r)['largest_group']:,}")
    line("SQL look-up s (rows)", lambda r: f"{L(r)['sql_s']:.3f} ({L(r)['sql_rows']:,})")
    line("reference_mentions s (SQL + rebuilding Mentions)", lambda r: f"{L(r)['reference_mentions_s']:.3f}")
    line("µs per reference mention", lambda r: f"{1e6 * L(r)['reference_mentions_s'] / max(1, L(r)['reference_mentions']):.0f}")
    line("link + rules s", lambda r: f"{L(r)['link_s']:.3f} + {L(r)['check_s']:.3f}")
    line(f"**look-up + check s** (target < {TARGET_LATENCY_S:g})", lambda r: f"**{L(r)['lookup_plus_check_s']:.3f}**")
    line("check_against_ledger end to end s", lambda r: f"{L(r)['check_against_ledger_s']:.3f}")
    line("peak RSS of the check MB", lambda r: f"{L(r)['peak_rss_mb']:.0f}")
    line("findings on the draft", lambda r: ", ".join(
        f"{rule} ×{sum(f.startswith(rule) for f in L(r)['findings'])}"
        for rule in sorted({f.split()[0] for f in L(r)["findings"]})))
    for r in cols:
        if "timed_out_after_s" in L(r):
            print(f"\nthe check against {r['articles']:,} articles timed out after {L(r)['timed_out_after_s']:.0f} s")
    print(f"\nbenchmark ran {total_s:.0f} s; written {OUT_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python
"""Benchmark `reconcile check`: end-to-end wall time, scaling with the archive size, where the
time goes, and peak memory.

    python bench/bench_check.py [--articles 250] [--scales 1,2,5,10] [--repeat 2] [--profile]
                                [--keep DIR]

(a) End to end, in a subprocess, best of 5: `reconcile check seeds/ --format json` (target under
    1 s) and `reconcile check <one article file>` (start-up on the smallest useful input), with
    `python -c pass` and `reconcile --version` as baselines.
(b) Scaling, in this process pinned to one core: synthetic archives derived from the seed corpus
    (seeds/ai-infrastructure-2025-11.txt) of 1x, 2x, 5x and 10x `--articles` articles (default
    250, so 10x = 2,500). Each article copy is one of the seed's articles (split as
    bench/bench_extract.py does) with
      - its quantities scaled by a per-copy factor (bench_extract.vary_numbers: same format,
        years, days and citation markers kept) and its date line shifted;
      - with probability 0.7, its company names replaced: every company of rules/entities.toml
        named in the copy maps (consistently within the copy, distinct companies to distinct
        companies) to another company of entities.toml, written with one of that company's own
        names in the same script (a Chinese name for a Chinese name where it has one), so the
        facts spread over many (entity, metric, dimension, period) groups instead of collapsing
        into the seed's few, and groups have realistic sizes.
    The sizes are nested: the first N articles are the same at every size (one generator, seed 42),
    so the growth ratio compares like with like. Files hold 50 articles each.
    For each size: reconcile.engine.analyse([archive]) best of `--repeat` (default 2; the repeat
    is skipped where it and one run of each larger size would overrun --budget-s, so the whole
    benchmark stays near 3 minutes even while the package is slow), wall and CPU time (CPU time
    of this process: other processes on the core do not count), after a warm-up on seeds/.
    Each run is also its own time split, in CPU time: the functions analyse() calls are wrapped with
    timers where it looks them up — load_documents, per document document_figures (extraction),
    figure_record and attribute (attribution), then link (linking.py), the rules (engine.judge
    less linking) and _dedupe; the rest (sorts, loops, the Report) is
    "other". Reported: articles/s, figures/s, MB/s (MB = 1e6 bytes of UTF-8 input), linked
    groups, group sizes, findings by rule, peak RSS so far, and the growth ratio time(kx)/time(1x)
    overall and per piece (k means linear; well above k means a superlinear piece).
(c) With --profile: cProfile (wall clock) of analyse() on the largest archive, top 15 by
    cumulative and by own time (pstats dump in bench/out/check.prof); outside the budget.
(d) One long document: the seed's lines repeated to 0.1 and 1 MB in one document (no article
    breaks), analyse() CPU time each: every per-document step (extraction, attribution, the rules
    inside one document) must grow linearly, ×10 for ×10 the text; outside the budget.

Prints a Markdown table and writes the results as JSON to bench/out/check.json.
It reports; it does not assert. Standard library only, plus the reconcile package.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import io
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_extract as bx  # split_articles, vary_numbers, vary_date, pin_one_core …

ROOT = bx.ROOT
SEED = bx.SEED
SEEDS_DIR = ROOT / "seeds"
ENTITIES = ROOT / "rules" / "entities.toml"
OUT_DIR = ROOT / "bench" / "out"
OUT_JSON = OUT_DIR / "check.json"
TARGET_SEEDS_S = 1.0
# (d): one document of the seed repeated, at these sizes in MB (the growth between them: linear is ×10)
LONG_DOCUMENT_MB = (0.1, 1.0)
RNG_SEED = 42
REPLACE_P = 0.7
ARTICLES_PER_FILE = 50
_CJK = re.compile(r"[\u3400-\u9fff]")


# ---------------------------------------------------------------------------------------------
# Synthetic archive: varied numbers and varied company names


class CompanyNames:
    """Company names of rules/entities.toml: a matcher for the names as written (longest first,
    not glued to Latin letters or digits on either side) and, per company, one name per script."""

    def __init__(self, path: Path = ENTITIES):
        if not path.exists():
            from reconcile.data.loader import data_dir
            path = data_dir("rules") / "entities.toml"
        table = tomllib.loads(path.read_text(encoding="utf-8"))
        self.entity_of: dict[str, str] = {}  # name as listed (lower-cased unless case-sensitive) -> id
        self.cjk_name: dict[str, str] = {}
        self.latin_name: dict[str, str] = {}
        exact: set[str] = set()
        for eid, spec in table.items():
            if not isinstance(spec, dict) or spec.get("kind") != "company":
                continue
            exact |= set(spec.get("case_sensitive", ()))
            for name in spec["names"]:
                self.entity_of.setdefault(name if name in exact else name.lower(), eid)
                if _CJK.search(name):
                    self.cjk_name.setdefault(eid, name)
                elif name.isascii() and len(name) >= 3:
                    # the first Latin name as listed (a case-sensitive entry matches when written so)
                    self.latin_name.setdefault(eid, name)
        self.ids = sorted({*self.cjk_name, *self.latin_name})
        # As the package matches: Latin names in any case (DATADOG), except the case-sensitive ones.
        names = sorted({n for spec in table.values() if isinstance(spec, dict) and spec.get("kind") == "company"
                        for n in spec["names"]}, key=lambda n: (-len(n), n))
        self.exact = exact
        self.pattern = re.compile(r"(?<![A-Za-z0-9])(?:" + "|".join(
            re.escape(n) if n in exact or not n.isascii() else f"(?i:{re.escape(n)})" for n in names)
            + r")(?![A-Za-z0-9])")

    def entity(self, written: str) -> str:
        return self.entity_of[written] if written in self.exact else self.entity_of[written.lower()]

    def written(self, eid: str, like: str) -> str:
        """A name of `eid` in the script of `like`, else its other one."""
        if _CJK.search(like):
            return self.cjk_name.get(eid) or self.latin_name[eid]
        return self.latin_name.get(eid) or self.cjk_name[eid]

    def replace(self, texts: list[str], rng: random.Random) -> tuple[list[str], int]:
        """`texts` with every company renamed by one random injective mapping; (texts, names replaced)."""
        present = sorted({self.entity(m.group()) for t in texts for m in self.pattern.finditer(t)})
        if not present:
            return texts, 0
        mapping = dict(zip(present, rng.sample(self.ids, len(present))))
        count = 0

        def repl(m: re.Match) -> str:
            nonlocal count
            count += 1
            return self.written(mapping[self.entity(m.group())], m.group())

        return [self.pattern.sub(repl, t) for t in texts], count


def generate_articles(n: int, names: CompanyNames) -> tuple[list[str], list[str], dict]:
    """(preamble lines, n article blocks, stats); deterministic, and a prefix of a longer run."""
    rng = random.Random(RNG_SEED)
    preamble, articles = bx.split_articles(SEED.read_text(encoding="utf-8"))
    blocks, renamed, names_replaced = [], 0, 0
    for _ in range(n):
        title, date_line, body = rng.choice(articles)
        factor = rng.choice((0.5, 0.8, 1.0, 1.25, 2.0, 3.0)) * rng.uniform(0.9, 1.1)
        texts = [bx.vary_numbers(title, factor), *(bx.vary_numbers(b, factor) for b in body)]
        if rng.random() < REPLACE_P:
            texts, k = names.replace(texts, rng)
            renamed += 1
            names_replaced += k
        blocks.append("\n".join([texts[0], bx.vary_date(date_line, rng), *texts[1:]]) + "\n")
    return preamble, blocks, {"renamed_articles": renamed, "names_replaced": names_replaced}


def write_archive(dest: Path, preamble: list[str], blocks: list[str]) -> tuple[list[Path], int]:
    """Files of ARTICLES_PER_FILE articles under `dest`; (files, total UTF-8 bytes)."""
    dest.mkdir(parents=True, exist_ok=True)
    head = "".join(line + "\n" for line in preamble)
    files, total = [], 0
    for k in range(0, len(blocks), ARTICLES_PER_FILE):
        path = dest / f"archive-{k // ARTICLES_PER_FILE + 1:04d}.txt"
        data = (head + "".join(blocks[k : k + ARTICLES_PER_FILE])).encode("utf-8")
        path.write_bytes(data)
        files.append(path)
        total += len(data)
    return files, total


def one_article_file(dest: Path) -> Path:
    """The seed's first article alone, in the seed's format."""
    _, articles = bx.split_articles(SEED.read_text(encoding="utf-8"))
    title, date_line, body = articles[0]
    path = dest / "one-article.txt"
    path.write_text("\n".join([title, date_line, *body]) + "\n", encoding="utf-8")
    return path


# ---------------------------------------------------------------------------------------------
# Measurements


def best_wall(cmd: list[str], repeat: int = 5, ok=(0, 1)) -> float:
    """Best wall time of `cmd`; `reconcile check` exits 1 when it reports an error finding."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        rc = subprocess.run(cmd, check=False, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
        times.append(time.perf_counter() - t)
        if rc not in ok:
            raise SystemExit(f"{' '.join(cmd)}: exit {rc}")
    return min(times)


PIECES = ("load_documents", "extract (document_figures)", "figure_record", "attribute", "link",
          "rules (judge less link)", "dedupe")


class Timers:
    """Wraps the functions analyse() calls, by the names it calls them through (engine globals),
    so a run of analyse() itself is also its time split, in CPU seconds of this process. The
    overhead is one process_time pair per call (~60k calls at 10x, mostly figure_record: well
    under 0.1 s). `judge` runs linking and every rule; the rules' share is judge less link."""

    def __init__(self):
        from reconcile import engine
        self.s: dict[str, float] = dict.fromkeys(PIECES, 0.0)
        self.targets = [
            (engine, "load_documents", "load_documents"),
            (engine, "document_figures", "extract (document_figures)"),
            (engine, "figure_record", "figure_record"),
            (engine, "attribute", "attribute"),
            (engine, "link", "link"),
            (engine, "judge", "rules (judge less link)"),
            (engine, "_dedupe", "dedupe"),
        ]
        self.saved = []

    def _wrap(self, fn, piece: str):
        s, clock = self.s, time.process_time  # CPU time: robust to other processes on the core

        def timed(*args, **kw):
            t = clock()
            try:
                return fn(*args, **kw)
            finally:
                s[piece] += clock() - t
        return timed

    def __enter__(self):
        for module, name, piece in self.targets:
            fn = getattr(module, name, None)
            if fn is None:  # the engine was refactored: that piece stays 0 and shows in "other"
                continue
            self.saved.append((module, name, fn))
            setattr(module, name, self._wrap(fn, piece))
        return self

    def __exit__(self, *exc):
        for module, name, fn in reversed(self.saved):
            setattr(module, name, fn)
        self.saved.clear()


def time_analyse(archive: Path, repeat: int, scale: int, may_repeat) -> tuple[list[float], list[float], dict, object]:
    """analyse([archive]) up to `repeat` times (a run after the first only if may_repeat(first
    wall time)), instrumented; (wall times, CPU times, CPU split of the least-CPU run, last report)."""
    from reconcile import engine

    def run(path: Path):
        gc.collect()
        with Timers() as timers:
            c, t = time.process_time(), time.perf_counter()
            report = engine.analyse([path])
            elapsed, cpu = time.perf_counter() - t, time.process_time() - c
        split = dict(timers.s)
        split["rules (judge less link)"] -= split["link"] + split["dedupe"]
        split["other (sorts, loops, Report)"] = max(0.0, cpu - sum(split.values()))
        split["total"] = cpu
        return elapsed, cpu, split, report

    walls, cpus, best_split, report = [], [], None, None
    for i in range(repeat):
        if i and not may_repeat(walls[0]):
            break
        report = None
        elapsed, cpu, split, report = run(archive)
        walls.append(elapsed)
        cpus.append(cpu)
        if best_split is None or cpu < best_split["total"]:
            best_split = split
    return walls, cpus, best_split, report


STAGES = {  # the time split the brief asks for
    "load+extract": ("load_documents", "extract (document_figures)", "figure_record"),
    "attribution": ("attribute",),
    "linking+rules": ("link", "rules (judge less link)", "dedupe"),
}


def peak_rss_mb() -> float:
    return bx.peak_rss_mb()


def describe(report) -> dict:
    linked = [g for g in report.groups if g.linked]
    sizes = sorted(len(g.mentions) for g in linked)
    attributed = sum(1 for m in report.mentions if m.entity and m.metric)
    return {
        "documents": len(report.documents),
        "figures": len(report.mentions),
        "figures_attributed": attributed,
        "groups": len(report.groups),
        "linked_groups": len(linked),
        "linked_group_size": {"max": sizes[-1] if sizes else 0,
                              "median": sizes[len(sizes) // 2] if sizes else 0,
                              "mean": round(sum(sizes) / len(sizes), 1) if sizes else 0,
                              "mentions_in_linked": sum(sizes)},
        "linked_entities": len({g.key[0] for g in linked}),
        "conflict_groups": sum(1 for g in linked if g.status == "conflict"),
        "findings": len(report.findings),
        "findings_by_rule": dict(sorted(Counter(f.rule for f in report.findings).items())),
    }


def profile(archive: Path, top: int = 15) -> dict:
    import cProfile
    import pstats

    from reconcile.engine import analyse

    gc.collect()
    prof = cProfile.Profile()
    prof.enable()
    analyse([archive])
    prof.disable()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    prof.dump_stats(OUT_DIR / "check.prof")
    out = {"pstats": str((OUT_DIR / "check.prof").relative_to(ROOT))}
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(top)
        text = buf.getvalue()
        out[key] = text[text.find("   ncalls"):] if "   ncalls" in text else text
    return out


# ---------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--articles", type=int, default=250, help="articles at 1x (default 250)")
    ap.add_argument("--scales", default="1,2,5,10", help="archive sizes as multiples of --articles")
    ap.add_argument("--repeat", type=int, default=2, help="analyse() runs per size, best taken (default 2)")
    ap.add_argument("--budget-s", type=float, default=170.0,
                    help="skip a size's repeat run when it and one run of each larger size would not fit in "
                         "this many seconds since the start (default 170; the --profile run is extra)")
    ap.add_argument("--profile", action="store_true", help="cProfile analyse() on the largest archive")
    ap.add_argument("--keep", type=Path, help="write (and keep) the archives here instead of a temp dir")
    args = ap.parse_args(argv)
    scales = sorted({int(s) for s in args.scales.split(",")})

    cpu = bx.pin_one_core()
    t_start = time.perf_counter()
    tmp = None
    base = args.keep if args.keep else Path(tmp := tempfile.mkdtemp(prefix="reconcile-bench-check-"))
    base.mkdir(parents=True, exist_ok=True)
    try:
        # -- (a) end to end ------------------------------------------------------------------
        cmd = bx.reconcile_cmd()
        single = one_article_file(base)
        single_bytes = single.stat().st_size
        e2e = {
            "python_-c_pass_s": best_wall([sys.executable, "-c", "pass"]),
            "version_s": best_wall(cmd + ["--version"]),
            "check_seeds_json_s": best_wall(cmd + ["check", "seeds/", "--format", "json"]),
            "check_one_article_s": best_wall(cmd + ["check", str(single)]),
        }

        # -- (b) archives --------------------------------------------------------------------
        names = CompanyNames()
        t = time.perf_counter()
        preamble, blocks, gen_stats = generate_articles(args.articles * scales[-1], names)
        archives = {}
        for k in scales:
            n = args.articles * k
            files, nbytes = write_archive(base / f"x{k}", preamble, blocks[:n])
            archives[k] = (base / f"x{k}", files, nbytes, n)
        build_s = time.perf_counter() - t

        from reconcile.engine import analyse
        analyse([SEEDS_DIR])  # warm-up: imports, vocabularies, compiled patterns, OpenCC


        sizes = []
        for k in scales:
            path, files, nbytes, n = archives[k]
            later = [kk for kk in scales if kk > k]

            def may_repeat(first_s: float, k=k, later=later) -> bool:
                # another run fits if it and one run at each larger size (assumed linear) fit the budget
                left = args.budget_s - (time.perf_counter() - t_start)
                return first_s + sum(first_s * kk / k for kk in later) <= left

            times, cpus, pieces, report = time_analyse(path, args.repeat, k, may_repeat)
            stats = describe(report)
            del report
            best = min(times)
            mb = nbytes / 1e6
            sizes.append({
                "scale": k, "articles": n, "files": len(files), "bytes_utf8": nbytes, "mb": round(mb, 3),
                "runs_s": [round(x, 3) for x in times], "best_s": round(best, 3),
                "cpu_runs_s": [round(x, 3) for x in cpus], "best_cpu_s": round(min(cpus), 3),
                "articles_per_s": round(n / best, 1), "figures_per_s": round(stats["figures"] / best, 1),
                "mb_per_s": round(mb / best, 3),
                **stats,
                "pieces_cpu_s": {p: round(v, 4) for p, v in pieces.items()},
                "stages_cpu_s": {s: round(sum(pieces[p] for p in ps), 4) for s, ps in STAGES.items()},
                "peak_rss_mb": round(peak_rss_mb(), 1),
            })
            print(f"  {k}x: {n} articles, {best:.2f} s", file=sys.stderr, flush=True)

        first = sizes[0]
        for s in sizes:
            s["growth"] = {
                "analyse_wall": round(s["best_s"] / first["best_s"], 2),
                "analyse_cpu": round(s["best_cpu_s"] / first["best_cpu_s"], 2),
                **{p: round(s["pieces_cpu_s"][p] / first["pieces_cpu_s"][p], 2)
                   if first["pieces_cpu_s"][p] > 0 else None for p in s["pieces_cpu_s"]},
            }

        # -- (d) one long document: every per-document check linear in its length ---------------
        long_doc = []
        for mb in LONG_DOCUMENT_MB:
            path = base / f"long-{mb:g}mb.txt"
            path.write_text(bx.one_document(mb, one_line=False), encoding="utf-8")
            c0 = time.process_time()
            n_figures = len(analyse([path]).mentions)
            long_doc.append({"mb": round(path.stat().st_size / 1e6, 3), "cpu_s": round(time.process_time() - c0, 3),
                             "figures": n_figures})
            print(f"  one document of {mb:g} MB: {long_doc[-1]['cpu_s']:.2f} s", file=sys.stderr, flush=True)

        prof = profile(archives[scales[-1]][0]) if args.profile else None
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    total_s = time.perf_counter() - t_start

    last = sizes[-1]
    ratio = last["best_s"] / first["best_s"]
    cpu_ratio = last["best_cpu_s"] / first["best_cpu_s"]
    size_ratio = last["articles"] / first["articles"]
    # pieces growing well faster than the input, that matter at the largest size (>= 2% of it)
    superlinear = {p: g for p, g in last["growth"].items()
                   if p in PIECES and g and g > 1.5 * size_ratio
                   and last["pieces_cpu_s"][p] >= 0.02 * last["pieces_cpu_s"]["total"]}
    results = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": bx.git_describe(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pinned_cpu": cpu,
        "end_to_end": {**{k: round(v, 4) for k, v in e2e.items()}, "repeat": 5, "stat": "best",
                       "target_check_seeds_s": TARGET_SEEDS_S,
                       "meets_target": e2e["check_seeds_json_s"] < TARGET_SEEDS_S,
                       "one_article_bytes": single_bytes},
        "archive": {"articles_at_1x": args.articles, "scales": scales, "articles_per_file": ARTICLES_PER_FILE,
                    "rename_probability": REPLACE_P, "company_pool": len(names.ids),
                    "build_s": round(build_s, 3), "kept_at": str(args.keep) if args.keep else None,
                    **{f"{k}_at_{scales[-1]}x": v for k, v in gen_stats.items()}},
        "scaling": sizes,
        "growth_ratio": {"from": f"{first['scale']}x", "to": f"{last['scale']}x",
                         "size_ratio": last["articles"] / first["articles"], "wall_time_ratio": round(ratio, 2),
                         "cpu_time_ratio": round(cpu_ratio, 2), "superlinear_pieces": superlinear},
        "long_document": {"sizes": long_doc,
                          "cpu_time_ratio": round(long_doc[-1]["cpu_s"] / long_doc[0]["cpu_s"], 2),
                          "size_ratio": round(long_doc[-1]["mb"] / long_doc[0]["mb"], 2)},
        "budget_s": args.budget_s,
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "bench_runtime_s": round(total_s, 1),
    }
    if prof:
        results["profile"] = {"archive": f"{last['scale']}x", **prof}
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    # -- report --------------------------------------------------------------------------------
    e = results["end_to_end"]
    print(f"reconcile check benchmark — {results['commit']}, Python {results['python']}, one core (cpu {cpu})\n")
    print("| end to end (subprocess, best of 5) | wall |\n|---|---|")
    print(f"| `python -c pass` (baseline) | {e['python_-c_pass_s'] * 1000:.0f} ms |")
    print(f"| `reconcile --version` | {e['version_s'] * 1000:.0f} ms |")
    print(f"| `reconcile check seeds/ --format json` | {e['check_seeds_json_s'] * 1000:.0f} ms "
          f"(target < {TARGET_SEEDS_S:g} s: {'met' if e['meets_target'] else 'NOT met'}) |")
    print(f"| `reconcile check one-article.txt` ({e['one_article_bytes'] / 1e3:.1f} KB) | "
          f"{e['check_one_article_s'] * 1000:.0f} ms |")
    ld = results["long_document"]
    print("\n| one document, analyse() CPU (in process) | seconds |\n|---|---|")
    for d in ld["sizes"]:
        print(f"| the seed repeated to {d['mb']:.2f} MB ({d['figures']:,} figures) | {d['cpu_s']:.2f} s |")
    print(f"| growth | ×{ld['cpu_time_ratio']:.1f} the time for ×{ld['size_ratio']:.1f} the text |")

    def stage_cell(stage: str):
        return lambda s: (f"{s['stages_cpu_s'][stage]:.2f} "
                          f"({100 * s['stages_cpu_s'][stage] / s['pieces_cpu_s']['total']:.0f}%)")

    def piece_cell(piece: str):
        return lambda s: f"{s['pieces_cpu_s'][piece]:.3f}"

    def growth_cell(piece: str):
        return lambda s: f"{s['growth'][piece]:.2f}" if s["growth"][piece] else "—"

    print(f"\n| analyse(), best of ≤{args.repeat} | " + " | ".join(f"{s['scale']}x" for s in sizes) + " |")
    print("|---|" + "---:|" * len(sizes))
    rows = [
        ("articles (files)", lambda s: f"{s['articles']:,} ({s['files']})"),
        ("input MB", lambda s: f"{s['mb']:.2f}"),
        ("figures (attributed)", lambda s: f"{s['figures']:,} ({s['figures_attributed']:,})"),
        ("wall s, best (runs)", lambda s: f"{s['best_s']:.2f} ({', '.join(f'{x:.1f}' for x in s['runs_s'])})"),
        ("CPU s, best", lambda s: f"{s['best_cpu_s']:.2f}"),
        ("articles/s", lambda s: f"{s['articles_per_s']:,.0f}"),
        ("figures/s", lambda s: f"{s['figures_per_s']:,.0f}"),
        ("MB/s", lambda s: f"{s['mb_per_s']:.2f}"),
        ("linked groups (entities)", lambda s: f"{s['linked_groups']:,} ({s['linked_entities']})"),
        ("linked group size max / median / mean",
         lambda s: f"{s['linked_group_size']['max']} / {s['linked_group_size']['median']} / "
                   f"{s['linked_group_size']['mean']}"),
        ("conflict groups", lambda s: f"{s['conflict_groups']:,}"),
        ("findings", lambda s: f"{s['findings']:,}"),
        ("findings by rule", lambda s: ", ".join(f"{r} {c}" for r, c in s["findings_by_rule"].items())),
        *((f"· {stage} CPU s (%)", stage_cell(stage)) for stage in STAGES),
        *((f"  · {p} CPU s", piece_cell(p)) for p in first["pieces_cpu_s"] if p != "total"),
        ("growth vs 1x: analyse wall (size ratio)",
         lambda s: f"{s['growth']['analyse_wall']:.2f} ({s['scale'] / first['scale']:g})"),
        ("growth vs 1x: analyse CPU", lambda s: f"{s['growth']['analyse_cpu']:.2f}"),
        *((f"growth vs 1x: {p} CPU", growth_cell(p))
          for p in ("load_documents", "extract (document_figures)", "attribute", "link",
                    "rules (judge less link)")),
        ("peak RSS MB (so far)", lambda s: f"{s['peak_rss_mb']:.0f}"),
    ]
    for label, fn in rows:
        print(f"| {label} | " + " | ".join(fn(s) for s in sizes) + " |")
    print(f"\ngrowth ratio time({last['scale']}x)/time({first['scale']}x) = {ratio:.2f} wall, {cpu_ratio:.2f} CPU, "
          f"for {size_ratio:g}x the articles ("
          + ("superlinear: " + ", ".join(f"{p} ×{g:g}" for p, g in superlinear.items()) if superlinear
             else "about linear" if cpu_ratio < 1.3 * size_ratio else "superlinear")
          + f"); "
          f"peak RSS {results['peak_rss_mb']:.0f} MB; benchmark ran {total_s:.0f} s")
    if prof:
        print(f"\n## cProfile of analyse() on the {last['scale']}x archive, top 15 by cumulative time\n")
        print("```\n" + prof["cumulative"].rstrip() + "\n```")
        print("\n## top 15 by own (total) time\n")
        print("```\n" + prof["tottime"].rstrip() + "\n```")
    print(f"\nwritten {OUT_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

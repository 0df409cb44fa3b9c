#!/usr/bin/env python
"""Benchmark `reconcile extract`: start-up time, single-core throughput and peak memory.

    python bench/bench_extract.py [--size-mb 12] [--out DIR] [--profile-mb 2]

Builds a deterministic synthetic archive (>= 10 MB of UTF-8 text by default 12 MB) from the seed
corpus seeds/ai-infrastructure-2025-11.txt: the seed is split into its articles (title line,
"source· YYYY-MM-DD HH:MM" or bare date line, body lines), and each archive file (~200 KB)
holds many article copies whose Arabic numbers are scaled by a per-copy factor (same format:
same count of decimals, thousands separators kept) and whose dates are shifted.
Calendar years, months/days, citation markers like [3] and numbers glued to Latin letters
(GPT-5, Q3) are left as they are so the copy stays plausible.

Measures, in one process pinned to one core:
  (a) start-up: wall time of `reconcile --version` and `reconcile extract <small file> --format
      jsonl` in a subprocess, best of 5;
  (b) throughput: in-process reconcile.api.extract_records(archive_dir) (documents load +
      extraction), best of 2 after a warm-up on one file; MB/s with MB = 1e6 bytes of UTF-8 input;
  (c) peak RSS of this process after the runs (resource.getrusage).

Prints a Markdown table and writes the same results as JSON to bench/out/extract.json.
It reports; it does not assert (the target is >= 2 MB/s on one core).
Standard library only, plus the reconcile package.
"""
from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "ai-infrastructure-2025-11.txt"
OUT_JSON = ROOT / "bench" / "out" / "extract.json"
TARGET_MBPS = 2.0
FILE_BYTES = 200_000
RNG_SEED = 42

# Same shape as the reader's date line: "21世纪经济报道· 2025-11-16 07:31" or "2025-11-12 18:02".
DATE_LINE = re.compile(
    r"^(?P<prefix>[ \t]*(?:[^\n]{1,60}?[ \t]*[·•・][ \t]*)?)"
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(?P<time>\d{1,2}:\d{2}))?[ \t]*$"
)
# An Arabic number: optional thousands groups, optional decimals; not glued to Latin letters,
# digits or a decimal point on its left (GPT-5, LBTY.A, 1.4 is one number).
NUMBER = re.compile(r"(?<![0-9A-Za-z_.,])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?")


# ---------------------------------------------------------------------------------------------
# Synthetic archive


def split_articles(text: str) -> tuple[list[str], list[tuple[str, str, list[str]]]]:
    """(preamble lines, [(title, date line, body lines)]) of a file in the seed's format."""
    lines = text.rstrip("\n").split("\n")
    date_idx = [i for i, line in enumerate(lines) if i > 0 and DATE_LINE.match(line) and lines[i - 1].strip()]
    if not date_idx:
        raise SystemExit(f"{SEED}: no articles found (no date lines)")
    articles = []
    for n, i in enumerate(date_idx):
        end = date_idx[n + 1] - 1 if n + 1 < len(date_idx) else len(lines)
        body = [line for line in lines[i + 1 : end] if line.strip()]
        articles.append((lines[i - 1], lines[i], body))
    return lines[: date_idx[0] - 1], articles


def _keep(text: str, m: re.Match) -> bool:
    """Numbers that are not quantities: calendar years, months and days, citation markers."""
    whole, after = m.group(0), text[m.end() : m.end() + 1]
    before = text[m.start() - 1 : m.start()] if m.start() else ""
    if m.group("dec") is None and "," not in whole:
        n = int(whole)
        if len(whole) == 4 and 1900 <= n <= 2100:
            return True
        if after in "月日号" and after and n <= 31:
            return True
        if before == "[" and after == "]":
            return True
    return False


def vary_numbers(text: str, factor: float) -> str:
    """Every quantity in `text` times `factor`, written in the same format."""

    def repl(m: re.Match) -> str:
        if _keep(text, m):
            return m.group(0)
        int_part, dec = m.group("int"), m.group("dec")
        grouped = "," in int_part
        value = float(int_part.replace(",", "") + ("." + dec if dec else "")) * factor
        places = len(dec) if dec else 0
        if places == 0:
            value = max(1.0, value) if int(int_part.replace(",", "")) else 0.0  # no 0 from a non-zero
        out = f"{value:,.{places}f}" if grouped else f"{value:.{places}f}"
        if places and value >= 1 and out.endswith("0" * places) and dec != "0" * places:
            # x.00 would read as a round number; nudge the last decimal
            out = out[:-1] + "1"
        return out

    return NUMBER.sub(repl, text)


def vary_date(line: str, rng: random.Random) -> str:
    m = DATE_LINE.match(line)
    day = dt.date(2023, 1, 1) + dt.timedelta(days=rng.randrange(3 * 365))
    stamp = day.isoformat()
    if m.group("time"):
        stamp += f" {rng.randrange(24):02d}:{rng.randrange(60):02d}"
    return m.group("prefix") + stamp


def build_archive(dest: Path, size_mb: float) -> tuple[list[Path], int, int]:
    """Write the archive under `dest`; (files, total UTF-8 bytes, article count)."""
    rng = random.Random(RNG_SEED)
    preamble, articles = split_articles(SEED.read_text(encoding="utf-8"))
    target = int(size_mb * 1e6)
    dest.mkdir(parents=True, exist_ok=True)
    for old in dest.glob("archive-*.txt"):
        old.unlink()
    files, total, n_articles, k = [], 0, 0, 0
    while total < target:
        parts = [line + "\n" for line in preamble]
        size = sum(len(p.encode("utf-8")) for p in parts)
        want = min(FILE_BYTES, target - total)
        while size < want:
            title, date_line, body = rng.choice(articles)
            factor = rng.choice((0.5, 0.8, 1.0, 1.25, 2.0, 3.0)) * rng.uniform(0.9, 1.1)
            block = "\n".join([vary_numbers(title, factor), vary_date(date_line, rng),
                               *(vary_numbers(b, factor) for b in body)]) + "\n"
            parts.append(block)
            size += len(block.encode("utf-8"))
            n_articles += 1
        k += 1
        path = dest / f"archive-{k:04d}.txt"
        path.write_text("".join(parts), encoding="utf-8")
        files.append(path)
        total += size
    return files, total, n_articles


# ---------------------------------------------------------------------------------------------
# Measurements


def pin_one_core() -> int | None:
    """Pin this process (and so its children) to one CPU; the CPU number, or None if unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def reconcile_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "reconcile"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("reconcile")
    return [found] if found else [sys.executable, "-m", "reconcile.cli"]


def best_wall(cmd: list[str], repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return min(times)


def throughput(archive: Path, warm_file: Path, repeat: int = 2) -> tuple[list[float], int, int]:
    from reconcile.api import extract_records

    extract_records(warm_file)  # warm-up: imports, lexicon, compiled patterns, OpenCC
    times, n_figs, n_docs = [], 0, 0
    for _ in range(repeat):
        gc.collect()
        t = time.perf_counter()
        docs, records = extract_records(archive)
        times.append(time.perf_counter() - t)
        n_figs, n_docs = len(records), len(docs)
        del docs, records
    return times, n_figs, n_docs


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux


def profile(files: list[Path], mb: float, out_dir: Path) -> dict:
    """cProfile of extract_records over the first archive files totalling ~`mb` MB."""
    import cProfile
    import io
    import pstats

    from reconcile.api import extract_records

    chosen, size = [], 0
    for f in files:
        if size >= mb * 1e6:
            break
        chosen.append(f)
        size += f.stat().st_size
    extract_records(files[0])  # warm-up outside the profile
    prof = cProfile.Profile()
    prof.enable()
    extract_records(chosen)
    prof.disable()
    prof.dump_stats(out_dir / "extract.prof")
    report = {"input_mb": size / 1e6}
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(10)
        report[key] = buf.getvalue()
    return report


def git_describe() -> str | None:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                              text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "reconcile", "units", "rules"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size-mb", type=float, default=12.0, help="archive size in MB of UTF-8 text (default 12)")
    ap.add_argument("--out", type=Path, help="write (and keep) the archive here instead of a temp dir")
    ap.add_argument("--profile-mb", type=float, default=0.0,
                    help="also cProfile the extraction over ~this many MB (top 10 printed; off by default)")
    args = ap.parse_args(argv)

    cpu = pin_one_core()
    tmp = None
    archive = args.out if args.out else Path(tmp := tempfile.mkdtemp(prefix="reconcile-bench-"))
    try:
        t = time.perf_counter()
        files, total_bytes, n_articles = build_archive(archive, args.size_mb)
        build_s = time.perf_counter() - t

        cmd = reconcile_cmd()
        small = SEED
        version_s = best_wall(cmd + ["--version"])
        small_s = best_wall(cmd + ["extract", str(small), "--format", "jsonl"])
        python_s = best_wall([sys.executable, "-c", "pass"])

        times, n_figs, n_docs = throughput(archive, files[0])
        best = min(times)
        mb = total_bytes / 1e6
        rss = peak_rss_mb()

        prof = None
        if args.profile_mb > 0:
            OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
            prof = profile(files, args.profile_mb, OUT_JSON.parent)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    results = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": git_describe(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pinned_cpu": cpu,
        "archive": {"bytes_utf8": total_bytes, "mb": round(mb, 3), "files": len(files), "articles": n_articles,
                    "documents": n_docs, "build_s": round(build_s, 3), "kept_at": str(args.out) if args.out else None},
        "startup": {"python_-c_pass_s": round(python_s, 4), "version_s": round(version_s, 4),
                    "extract_small_s": round(small_s, 4), "small_file": small.relative_to(ROOT).as_posix(),
                    "small_file_bytes": small.stat().st_size, "repeat": 5, "stat": "best"},
        "throughput": {"runs_s": [round(x, 3) for x in times], "best_s": round(best, 3),
                       "mb_per_s": round(mb / best, 3), "figures": n_figs,
                       "figures_per_s": round(n_figs / best, 1), "target_mb_per_s": TARGET_MBPS,
                       "meets_target": mb / best >= TARGET_MBPS},
        "peak_rss_mb": round(rss, 1),
    }
    if prof:
        results["profile"] = {"input_mb": round(prof["input_mb"], 3), "pstats": str(OUT_JSON.parent / "extract.prof")}

    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    tp = results["throughput"]
    rows = [
        ("archive", f"{mb:.2f} MB, {len(files)} files, {n_docs} documents"),
        ("start-up: `python -c pass` (baseline)", f"{python_s * 1000:.0f} ms"),
        ("start-up: `reconcile --version`", f"{version_s * 1000:.0f} ms"),
        (f"start-up: `reconcile extract {small.name} --format jsonl` ({small.stat().st_size / 1e3:.0f} KB)",
         f"{small_s * 1000:.0f} ms"),
        ("extract_records, best of 2", f"{best:.2f} s (runs: {', '.join(f'{x:.2f}' for x in times)})"),
        ("throughput", f"{tp['mb_per_s']:.2f} MB/s (target >= {TARGET_MBPS:g}: "
                       f"{'met' if tp['meets_target'] else 'NOT met'})"),
        ("figures", f"{n_figs:,} total, {tp['figures_per_s']:,.0f} /s"),
        ("peak RSS", f"{rss:.0f} MB"),
    ]
    print(f"reconcile extract benchmark — {results['commit']}, Python {results['python']}, "
          f"one core (cpu {cpu})\n")
    print("| measure | result |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")
    if prof:
        print(f"\n## cProfile over {prof['input_mb']:.2f} MB, top 10 by cumulative time\n")
        print(prof["cumulative"])
        print("## top 10 by total (own) time\n")
        print(prof["tottime"])
    print(f"\nwritten {OUT_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

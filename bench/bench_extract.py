#!/usr/bin/env python
"""Benchmark figure extraction: throughput, growth with a document's length, memory, start-up.

    python bench/bench_extract.py [--size-mb 20] [--linear-mb 0.1,1,10] [--attribution]
                                  [--profile-mb 2] [--out DIR]

Inputs, all built deterministically from the seed corpus seeds/ai-infrastructure-2025-11.txt:
  - the seed repeated: its lines (date lines left out, so the file is ONE document) repeated to
    --size-mb MB of UTF-8, in many lines as written and in one line (newlines made spaces);
  - a synthetic archive of --size-mb MB: files of ~200 KB holding many copies of the seed's
    articles whose Arabic numbers are scaled by a per-copy factor (same format: same count of
    decimals, thousands separators kept) and whose dates are shifted; calendar years, months and
    days, citation markers and numbers glued to Latin letters are left as they are.

Measures, in a process pinned to one core (CPU seconds, time.process_time, best of the runs):
  (a) throughput of the figure extractor, the stage `reconcile extract` runs before
      attribution: read and decode the files, split them into documents, extract every figure,
      build its JSON record. On the seed repeated (one document) and on the archive (many).
      --attribution also times reconcile.api.extract_records (attribution included) on the archive;
  (b) growth with a document's length: the seed repeated to each of --linear-mb sizes, in many
      lines and in one line, each read by a fresh process (best of three); the ratio of CPU time
      for ten times the text;
  (c) memory: a fresh process extracts the seed repeated to --size-mb MB as one document (many
      lines, then one line); its peak RSS (VmHWM: getrusage's would include this process's, as
      it was when the child was forked), and its RSS before reading;
  (d) start-up: wall time of `reconcile --help` and `reconcile --version`, best of 5.

MB = 1e6 bytes of UTF-8 input. Prints a Markdown table and writes the results as JSON to
bench/out/extract.json. It reports; it does not assert. Targets (issue 10): >= 5 MB/s on one core,
ten times the text at most eleven times the time, <= 500 MB for a 20 MB document, --help < 0.1 s.
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
TARGET_MBPS = 5.0
TARGET_GROWTH = 11.0  # time for ten times the text
TARGET_RSS_MB = 500.0  # for a 20 MB document
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
# Inputs


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


def one_document(size_mb: float, one_line: bool) -> str:
    """The seed's lines without its date lines (so the reader sees one document), repeated to
    `size_mb` MB; in one line when `one_line`."""
    lines = [line for line in SEED.read_text(encoding="utf-8").split("\n") if not DATE_LINE.match(line)]
    unit = ("\n".join(lines) + "\n")
    if one_line:
        unit = unit.replace("\n", " ")
    copies = max(1, round(size_mb * 1e6 / len(unit.encode("utf-8"))))
    return unit * copies


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


def extract_figures(paths) -> int:
    """The figure extractor's stage of `reconcile extract`: files read and decoded, split into
    documents, every figure extracted (not yet turned into JSON records or attributed). The
    number of figures."""
    from reconcile.extraction.documents import load_documents
    from reconcile.model import document_figures

    return sum(len(document_figures(doc)) for doc in load_documents(paths))


def extract_with_records(paths) -> int:
    """extract_figures, and each figure's JSON record (reconcile.model.figure_record) built."""
    from reconcile.extraction.documents import load_documents
    from reconcile.model import document_figures, figure_record

    return sum(len([figure_record(doc, f) for f in document_figures(doc)]) for doc in load_documents(paths))


def cpu_runs(fn, arg, repeat: int) -> tuple[list[float], object]:
    """CPU seconds of `repeat` calls of fn(arg), and the last result."""
    times, out = [], None
    for _ in range(repeat):
        gc.collect()
        t = time.process_time()
        out = fn(arg)
        times.append(time.process_time() - t)
    return times, out


def peak_rss_mb() -> float:
    kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return kb / 1024 / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux


def _proc_status_mb(key: str) -> float:
    """VmRSS (now) or VmHWM (the peak) of this process, from /proc (Linux). Unlike getrusage's
    ru_maxrss, VmHWM starts afresh at exec, so a child does not inherit its parent's peak."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:  # pragma: no cover - not Linux
        pass
    return float("nan")


def memory_child(path: str) -> int:
    """Run in a fresh process: extract one file and print its memory as JSON."""
    # imports, lexicon, patterns and the one-time sets of a long text, as a long run has them
    extract_figures(SEED)
    from reconcile.extraction.figures import extract_text

    extract_text(one_document(0.1, False))
    before = _proc_status_mb("VmRSS")
    t = time.process_time()
    n = extract_figures(Path(path))
    cpu = time.process_time() - t
    print(json.dumps({"rss_before_mb": round(before, 1), "peak_rss_mb": round(_proc_status_mb("VmHWM"), 1),
                      "figures": n, "cpu_s": round(cpu, 3)}))
    return 0


def memory(path: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--memory-child", str(path)], check=True,
                         capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def profile(paths, out_dir: Path) -> dict:
    """cProfile of the figure extractor over `paths`."""
    import cProfile
    import io
    import pstats

    extract_figures(SEED)  # warm-up outside the profile
    prof = cProfile.Profile()
    prof.enable()
    extract_figures(paths)
    prof.disable()
    prof.dump_stats(out_dir / "extract.prof")
    report = {}
    for key in ("cumulative", "tottime"):
        buf = io.StringIO()
        pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(12)
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
    ap.add_argument("--size-mb", type=float, default=20.0,
                    help="size of the seed repeated and of the archive, MB of UTF-8 (default 20)")
    ap.add_argument("--linear-mb", default="0.1,1,10",
                    help="document sizes for the growth table, MB, comma-separated (default 0.1,1,10)")
    ap.add_argument("--attribution", action="store_true",
                    help="also time extract_records (attribution included) on the archive")
    ap.add_argument("--out", type=Path, help="write (and keep) the inputs here instead of a temp dir")
    ap.add_argument("--profile-mb", type=float, default=0.0,
                    help="also cProfile the extractor on the seed repeated to this many MB (off by default)")
    ap.add_argument("--memory-child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.memory_child:
        return memory_child(args.memory_child)

    cpu = pin_one_core()
    tmp = None
    work = args.out if args.out else Path(tmp := tempfile.mkdtemp(prefix="reconcile-bench-"))
    results: dict = {
        "date": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": git_describe(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pinned_cpu": cpu,
        "targets": {"mb_per_s": TARGET_MBPS, "growth_for_10x": TARGET_GROWTH, "rss_mb_for_20mb": TARGET_RSS_MB},
    }
    rows: list[tuple[str, str]] = []
    try:
        work.mkdir(parents=True, exist_ok=True)
        cmd = reconcile_cmd()
        help_s, version_s = best_wall(cmd + ["--help"]), best_wall(cmd + ["--version"])
        results["startup"] = {"help_s": round(help_s, 4), "version_s": round(version_s, 4), "stat": "best of 5"}
        rows += [("start-up: `reconcile --help`", f"{help_s * 1000:.0f} ms (target < 100 ms)"),
                 ("start-up: `reconcile --version`", f"{version_s * 1000:.0f} ms")]

        extract_figures(SEED)  # warm-up: imports, lexicon, compiled patterns, OpenCC

        # (a) throughput: the seed repeated (one document), then the archive (many documents)
        big = {}
        for one_line in (False, True):
            path = work / f"seed-{'one-line' if one_line else 'lines'}-{args.size_mb:g}mb.txt"
            path.write_text(one_document(args.size_mb, one_line), encoding="utf-8")
            big[one_line] = path
        tp = {}
        for name, path in (("seed repeated, one document", big[False]),
                           ("seed repeated, one document in one line", big[True])):
            mb = path.stat().st_size / 1e6
            times, n = cpu_runs(extract_figures, path, 2)
            tp[name] = {"mb": round(mb, 2), "cpu_s": [round(x, 2) for x in times], "figures": n,
                        "mb_per_s": round(mb / min(times), 2)}
            rows.append((f"figures: {name} ({mb:.1f} MB)", f"**{mb / min(times):.2f} MB/s** "
                         f"({min(times):.2f} s CPU, {n:,} figures, {n / min(times):,.0f} /s)"))
        mb = big[False].stat().st_size / 1e6
        times, n = cpu_runs(extract_with_records, big[False], 1)
        tp["seed repeated, with JSON records"] = {"cpu_s": [round(x, 2) for x in times],
                                                  "mb_per_s": round(mb / min(times), 2)}
        rows.append(("figures and their JSON records: seed repeated",
                     f"{mb / min(times):.2f} MB/s ({min(times):.2f} s CPU)"))
        t = time.perf_counter()
        files, total, n_articles = build_archive(work / "archive", args.size_mb)
        mb = total / 1e6
        times, n = cpu_runs(extract_figures, work / "archive", 2)
        tp["archive"] = {"mb": round(mb, 2), "files": len(files), "articles": n_articles,
                         "build_s": round(time.perf_counter() - t, 2), "cpu_s": [round(x, 2) for x in times],
                         "figures": n, "mb_per_s": round(mb / min(times), 2)}
        rows.append((f"figures: archive ({mb:.1f} MB, {len(files)} files, {n_articles:,} articles)",
                     f"**{mb / min(times):.2f} MB/s** ({min(times):.2f} s CPU, {n:,} figures)"))
        if args.attribution:
            from reconcile.api import extract_records

            times, out = cpu_runs(extract_records, work / "archive", 1)
            tp["archive, attribution included"] = {"cpu_s": [round(x, 2) for x in times],
                                                   "mb_per_s": round(mb / min(times), 2)}
            rows.append(("extract_records (attribution included): archive",
                         f"{mb / min(times):.2f} MB/s ({min(times):.2f} s CPU)"))
        results["throughput"] = tp

        # (b) growth with the length of one document
        sizes = [float(x) for x in args.linear_mb.split(",")]
        growth = {}
        for one_line in (False, True):
            shape = "one line" if one_line else "many lines"
            prev = None
            for size in sizes:
                path = work / f"grow-{size:g}-{int(one_line)}.txt"
                path.write_text(one_document(size, one_line), encoding="utf-8")
                # each run in a fresh process, as a document of that size would be read
                runs = [memory(path) for _ in range(3)]
                path.unlink()
                best, n = min(r["cpu_s"] for r in runs), runs[0]["figures"]
                ratio = best / prev[1] * (prev[0] / size) * 10 if prev else None  # per ten times the text
                growth[f"{shape} {size:g} MB"] = {"cpu_s": round(best, 3), "figures": n,
                                                  "ratio_for_10x": round(ratio, 2) if ratio else None}
                rows.append((f"growth: one document, {shape}, {size:g} MB",
                             f"{best:.3f} s CPU" + (f", ×{ratio:.1f} for ×10 the text" if ratio else "")))
                if prev is None:
                    first = (size, best)
                prev = (size, best)
            if len(sizes) > 2:
                whole = prev[1] / first[1]
                growth[f"{shape} {sizes[0]:g} to {sizes[-1]:g} MB"] = {"ratio": round(whole, 1)}
                rows.append((f"growth: one document, {shape}, {sizes[0]:g} to {sizes[-1]:g} MB",
                             f"×{whole:.0f} the time for ×{sizes[-1] / sizes[0]:g} the text"))
        results["growth"] = growth

        # (c) memory of a fresh process reading the big document
        mem = {}
        for one_line, path in big.items():
            m = memory(path)
            mem["one line" if one_line else "many lines"] = m
            rows.append((f"peak RSS: one {path.stat().st_size / 1e6:.0f} MB document, "
                         f"{'one line' if one_line else 'many lines'}",
                         f"**{m['peak_rss_mb']:.0f} MB** ({m['rss_before_mb']:.0f} MB before reading it; "
                         f"target <= {TARGET_RSS_MB:g} MB)"))
        results["memory"] = mem

        if args.profile_mb > 0:
            path = work / "profile.txt"
            path.write_text(one_document(args.profile_mb, False), encoding="utf-8")
            OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
            prof = profile(path, OUT_JSON.parent)
            results["profile"] = {"input_mb": args.profile_mb, "pstats": str(OUT_JSON.parent / "extract.prof")}
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)

    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"reconcile figure extraction benchmark — {results['commit']}, Python {results['python']}, "
          f"one core (cpu {cpu})\n")
    print("| measure | result |\n|---|---|")
    for k, v in rows:
        print(f"| {k} | {v} |")
    if args.profile_mb > 0:
        print(f"\n## cProfile over {args.profile_mb:g} MB, top 12 by cumulative time\n")
        print(prof["cumulative"])
        print("## top 12 by total (own) time\n")
        print(prof["tottime"])
    print(f"\nwritten {OUT_JSON.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score `reconcile check` on the real-copy corpus: links, conflicts, internal inconsistencies.

The corpus's text lives outside the repository (~/real-copy/, or $RECONCILE_REAL_COPY); its URLs,
hashes and our labels are in bench/real_copy/*.toml (see bench/real_copy/README.md for the format
and how to collect the text again). Without the text this script says what is missing and exits 0.

    python bench/real_eval.py                 # scores by split (dev, held-out, unseen, all)
    python bench/real_eval.py --validate      # check the labels against the text
    python bench/real_eval.py --details dev   # list every miss and false finding of the dev split
    python bench/real_eval.py --mutations 200 # plant errors into real copy, count those caught

It reads only the JSON contract of `reconcile check` (run as a command), so it measures what a
user gets. Definitions:
- same-fact pair: two labelled figures with the same `fact`, in different articles. It is linked
  when the report puts both in one group.
- link precision: of the linked pairs whose figures are both labelled, the share that are the
  same fact (pairs with an unlabelled figure are counted apart, as unjudged).
- conflict: a same-fact pair with different `variant`s. It is reported when a finding at warning
  or error holds one of the two and a mention of the other's variant.
- internal: an [[internal]] label; found when a finding of an in-document rule (IN…) at warning or
  error holds one of its figures.
- error precision: of the error findings whose figures are all labelled, the share that match a
  conflict or an internal label.
"""
from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

LABELS = Path(__file__).resolve().parent / "real_copy"
CORPUS = Path(os.environ.get("RECONCILE_REAL_COPY", Path.home() / "real-copy"))
# dev: tune on it; held-out: measure only; unseen: labelled after the code it measures was written
SPLITS = ("dev", "held-out", "unseen", "unseen-2", "unseen-3", "unseen-4", "unseen-5", "unseen-6", "unseen-7", "unseen-8", "unseen-9", "unseen-10", "unseen-11", "unseen-12", "unseen-13", "unseen-14", "unseen-15", "unseen-16", "unseen-17", "unseen-18", "unseen-19", "unseen-20", "unseen-21", "unseen-22", "unseen-23", "unseen-24", "unseen-25", "unseen-26", "unseen-27", "unseen-28", "unseen-29", "unseen-30", "unseen-31", "unseen-32", "unseen-33", "unseen-34", "unseen-35", "unseen-36", "unseen-37", "unseen-38", "unseen-39", "unseen-40", "unseen-41", "unseen-42", "unseen-43", "unseen-44", "unseen-45", "unseen-46", "unseen-47", "unseen-48", "unseen-49", "unseen-50", "unseen-51", "unseen-52", "unseen-53", "unseen-54", "unseen-55", "unseen-56", "unseen-57", "unseen-58", "unseen-59", "unseen-60", "unseen-61", "unseen-62", "unseen-63", "unseen-64", "unseen-65", "unseen-66", "unseen-67", "unseen-68", "unseen-69", "unseen-70", "unseen-71", "unseen-72", "unseen-73", "unseen-74", "unseen-75", "unseen-76")
_FRONT = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*\r?\n", re.S)


@dataclass
class Article:
    story: str
    split: str
    file: str
    path: Path
    meta: dict
    text: str = ""  # the whole file
    body_start: int = 0  # offset of the body in the file's text

    @property
    def key(self) -> str:
        return f"{self.story}/{self.file}"


@dataclass
class Label:
    article: Article
    text: str
    occurrence: int
    fact: str
    variant: str
    start: int = -1  # offset in the file's text
    end: int = -1

    @property
    def split(self) -> str:
        return self.article.split


@dataclass
class Story:
    name: str
    split: str
    kind: str
    articles: dict[str, Article] = field(default_factory=dict)
    labels: list[Label] = field(default_factory=list)
    internal: list[list[Label]] = field(default_factory=list)


def _body(text: str) -> int:
    m = _FRONT.match(text)
    return m.end() if m else 0


def labelled_body(body: str, digest: str) -> bool:
    """Whether an article's body (the text after its front matter) is the labelled text: its sha256,
    one line break after the front matter counted or not."""
    return digest in {hashlib.sha256(x.encode("utf-8")).hexdigest() for x in (body, body.removeprefix("\n"))}


def _nth(haystack: str, needle: str, n: int) -> int:
    at = -1
    for _ in range(n):
        at = haystack.find(needle, at + 1)
        if at < 0:
            return -1
    return at


def same_facts(problems: list[str]) -> dict[str, str]:
    """Fact names that stories labelled apart give to one fact (bench/real_copy/same_facts.toml):
    "old/name" -> "canonical/name", and "old/name#b" -> "canonical/name#c" where a variant's letter
    means another value in the other story."""
    path = LABELS / "same_facts.toml"
    if not path.exists():
        return {}
    table = tomllib.loads(path.read_text(encoding="utf-8")).get("same", {})
    for old, new in table.items():
        if ("#" in old) != ("#" in new):
            problems.append(f"same_facts.toml: {old!r} = {new!r}: give a variant on both sides or neither")
    return table


def load(problems: list[str], any_split: bool = False) -> list[Story]:
    """The labelled stories of SPLITS (of any split with `any_split`: a batch being labelled is
    validated before it is measured, and left out of the scores until it joins SPLITS)."""
    stories = []
    same = same_facts(problems)
    for toml_path in sorted(LABELS.glob("*.toml")):
        if toml_path.name == "same_facts.toml":
            continue
        data = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        st = Story(data.get("story", toml_path.stem), data.get("split", "dev"), data.get("kind", ""))
        if st.split not in SPLITS:
            if not any_split:
                problems.append(f"unknown split {st.split!r} in {toml_path.name}: left out")
                continue
            print(f"note: split {st.split!r} of {toml_path.name} is not in SPLITS: validated, never scored",
                  file=sys.stderr)
        for a in data.get("article", []):
            path = CORPUS / st.name / a["file"]
            art = Article(st.name, st.split, a["file"], path, a)
            if not path.exists():
                problems.append(f"missing: {path} (collect it again from {a.get('url')} with query {a.get('query')!r})")
            else:
                art.text = path.read_text(encoding="utf-8")
                art.body_start = _body(art.text)
                if a.get("sha256") and not labelled_body(art.text[art.body_start:], a["sha256"]):
                    problems.append(f"changed: {path} (sha256 of the body differs from the label file)")
            st.articles[a["file"]] = art

        def label(article: str, text: str, occurrence: int = 1, fact: str = "", variant: str = "a"):
            art = st.articles.get(article)
            if art is None:
                problems.append(f"{toml_path.name}: figure {text!r} names an unknown article {article!r}")
                return None
            variant = variant or "a"
            if f"{fact}#{variant}" in same:
                fact, variant = same[f"{fact}#{variant}"].split("#")
            else:
                fact = same.get(fact, fact)
            lab = Label(art, text, int(occurrence), fact, variant)
            if art.text:
                at = _nth(art.text[art.body_start:], text, lab.occurrence)
                if at < 0:
                    problems.append(f"{toml_path.name}: {text!r} (occurrence {occurrence}) not found in {article}")
                    return None
                lab.start = art.body_start + at
                lab.end = lab.start + len(text)
            return lab

        for f in data.get("figure", []):
            lab = label(f["article"], f["text"], f.get("occurrence", 1), f["fact"], f.get("variant", "a"))
            if lab:
                st.labels.append(lab)
        by_span = {(lab.article.file, lab.text, lab.occurrence): lab for lab in st.labels}
        for entry in data.get("internal", []):
            members = []
            for text, occ in entry["figures"]:
                lab = by_span.get((entry["article"], text, occ)) or label(entry["article"], text, occ, "", "a")
                if lab:
                    members.append(lab)
            if members:
                st.internal.append(members)
        stories.append(st)
    return stories


# --- running the checker -------------------------------------------------------------------

def run_check(paths: list[Path]) -> dict:
    cmd = [sys.executable, "-m", "reconcile.cli", "check", *map(str, paths), "--format", "json",
           "--fail-on", "never"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"real_eval: reconcile check failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return json.loads(done.stdout)


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer("\n", text)]


def match_figures(report: dict, articles: dict[str, Article]) -> dict[str, list[tuple[int, int, str]]]:
    """For each article path: (start, end, figure id) of the report's figures, as file offsets."""
    by_path: dict[str, list] = defaultdict(list)
    starts = {str(a.path): _line_starts(a.text) for a in articles.values()}
    for f in report["figures"]:
        p = str(Path(f["path"]).resolve())
        if p not in starts:
            continue
        s = starts[p][f["line"] - 1] + f["column"] - 1
        by_path[p].append((s, s + f["end_column"] - f["column"], f["id"]))
    return by_path


def figure_of(label: Label, spans: dict[str, list]) -> str | None:
    """The report's figure that overlaps the label most (None: not extracted)."""
    best, best_overlap = None, 0
    for s, e, fid in spans.get(str(label.article.path), []):
        overlap = min(e, label.end) - max(s, label.start)
        if overlap > best_overlap:
            best, best_overlap = fid, overlap
    return best


@dataclass
class Score:
    figures: int = 0
    extracted: int = 0
    read_in_part: int = 0  # ... of those, read without some of the label's digits (7﹒65億 as 65億)
    attributed: int = 0
    pairs: int = 0
    pairs_linked: int = 0
    links_true: int = 0
    links_false: int = 0
    links_unjudged: int = 0
    conflicts: int = 0
    conflicts_reported: int = 0
    conflict_facts: int = 0  # facts whose mentions really disagree (two variants across articles)
    conflict_facts_reported: int = 0  # ... with at least one of those disagreements reported
    internal: int = 0
    internal_found: int = 0
    errors_true: int = 0
    errors_false: int = 0
    errors_unjudged: int = 0
    warnings_true: int = 0
    warnings_false: int = 0
    warnings_unjudged: int = 0
    details: list[str] = field(default_factory=list)
    misses: Counter = field(default_factory=Counter)  # why same-fact pairs were not linked
    conflict_misses: Counter = field(default_factory=Counter)  # why conflicting pairs were not reported

    @staticmethod
    def ratio(a: int, b: int) -> str:
        return f"{a}/{b} = {a / b:.1%}" if b else f"{a}/0"

    def lines(self) -> list[str]:
        r = self.ratio
        return [
            f"figures extracted        {r(self.extracted, self.figures)}",
            f"  read in part           {r(self.read_in_part, self.extracted)} (a digit of the label outside the figure)",
            f"figures attributed       {r(self.attributed, self.extracted)} (entity and metric found)",
            f"same-fact pairs linked   {r(self.pairs_linked, self.pairs)}",
            f"link precision           {r(self.links_true, self.links_true + self.links_false)}"
            f"  (+{self.links_unjudged} linked pairs with an unlabelled figure)",
            f"conflicts reported       {r(self.conflicts_reported, self.conflicts)}",
            f"conflicting facts found  {r(self.conflict_facts_reported, self.conflict_facts)}"
            f"  (at least one disagreement of the fact reported)",
            f"internal found           {r(self.internal_found, self.internal)}",
            f"error precision          {r(self.errors_true, self.errors_true + self.errors_false)}"
            f"  (+{self.errors_unjudged} unjudged)",
            f"warning precision        {r(self.warnings_true, self.warnings_true + self.warnings_false)}"
            f"  (+{self.warnings_unjudged} unjudged)",
        ]


def score(stories: list[Story], report: dict) -> dict[str, Score]:
    articles = {str(a.path): a for st in stories for a in st.articles.values() if a.text}
    spans = match_figures(report, articles)
    figures = {f["id"]: f for f in report["figures"]}
    group_of = {fid: g["id"] for g in report["groups"] for fid in g["figures"]}
    # the company as linking compared it: its group's (a name aligned across scripts, 中通 and ZTO
    # Express, is one there, two in the figures' own records); the report lists linked groups only,
    # so a figure in none keeps its own name (an unlinked ZTO Express still differs from 中通's group)
    compared = {fid: {**figures[fid], "entity": g["key"]["entity"]} for g in report["groups"] for fid in g["figures"]}
    compared = {fid: compared.get(fid, f) for fid, f in figures.items()}
    labels = [lab for st in stories for lab in st.labels if lab.start >= 0]
    fid_of = {id(lab): figure_of(lab, spans) for lab in labels}
    lab_of = {fid_of[id(lab)]: lab for lab in labels if fid_of[id(lab)]}
    scores: dict[str, Score] = defaultdict(Score)

    def both(split: str):
        return (scores[split], scores["all"])

    span_of = {fid: (s, e) for ss in spans.values() for s, e, fid in ss}
    for lab in labels:
        fid = fid_of[id(lab)]
        part = fid is not None and _read_in_part(lab, *span_of[fid])
        for s in both(lab.split):
            s.figures += 1
            if fid:
                s.extracted += 1
                s.read_in_part += part
                rec = figures[fid]
                if rec.get("entity") and rec.get("metric"):
                    s.attributed += 1
        if not fid:
            scores[lab.split].details.append(f"not extracted: {lab.article.key} {lab.text!r} ({lab.fact})")
        elif part:
            s, e = span_of[fid]
            scores[lab.split].details.append(f"read in part: {lab.article.key} {lab.text!r} as "
                                             f"{lab.article.text[s:e]!r} ({lab.fact})")

    # Same-fact pairs and conflicts.
    by_fact: dict[str, list[Label]] = defaultdict(list)
    for lab in labels:
        by_fact[lab.fact].append(lab)
    findings = [f for f in report["findings"] if f["severity"] in ("warning", "error")]
    flagged_with: dict[str, set[str]] = defaultdict(set)  # figure id -> figure ids it was flagged with
    for f in findings:
        for a, b in itertools.permutations(f["figures"], 2):
            flagged_with[a].add(b)
    conflict_pairs: set[frozenset] = set()
    for fact, labs in by_fact.items():
        fact_split, fact_conflicts, fact_reported, fact_linked = None, 0, False, 0
        for a, b in itertools.combinations(labs, 2):
            if a.article is b.article:
                continue
            split = a.split if a.split == b.split else None
            fa, fb = fid_of[id(a)], fid_of[id(b)]
            linked = bool(fa and fb and group_of.get(fa) and group_of.get(fa) == group_of.get(fb))
            for s in ([scores[split]] if split else []) + [scores["all"]]:
                s.pairs += 1
                s.pairs_linked += linked
            if not linked:
                for s in ([scores[split]] if split else []) + [scores["all"]]:
                    s.misses[_miss(compared, fa, fb)] += 1
            if not linked and split:
                scores[split].details.append(f"not linked: {a.article.key} {a.text!r} ~ {b.article.key} "
                                             f"{b.text!r} ({fact}); keys {_key(compared, fa)} vs {_key(compared, fb)}")
            if a.variant != b.variant:
                reported = False
                for x, y in ((a, b), (b, a)):
                    fx = fid_of[id(x)]
                    others = {fid_of[id(o)] for o in labs if o.variant == y.variant}
                    if fx and flagged_with[fx] & others:
                        reported = True
                if fa and fb:
                    conflict_pairs.add(frozenset((fa, fb)))
                for s in ([scores[split]] if split else []) + [scores["all"]]:
                    s.conflicts += 1
                    s.conflicts_reported += reported
                fact_split = fact_split or split
                fact_conflicts += 1
                fact_linked += linked
                fact_reported |= reported
                if not reported:
                    why = "linked, not reported" if linked else _miss(compared, fa, fb)
                    for s in ([scores[split]] if split else []) + [scores["all"]]:
                        s.conflict_misses[why] += 1
                if not reported and split:
                    scores[split].details.append(f"conflict missed{' (linked)' if linked else ''}: {a.article.key} {a.text!r} vs "
                                                 f"{b.article.key} {b.text!r} ({fact})")
        if fact_conflicts:
            for s in ([scores[fact_split]] if fact_split else []) + [scores["all"]]:
                s.conflict_facts += 1
                s.conflict_facts_reported += fact_reported
            if not fact_reported and fact_split:
                scores[fact_split].details.append(f"conflict fact missed: {fact} ({fact_conflicts} conflicting pairs, "
                                                  f"{fact_linked} of them linked)")

    # Link precision over the report's groups.
    for g in report["groups"]:
        for fa, fb in itertools.combinations(g["figures"], 2):
            la, lb = lab_of.get(fa), lab_of.get(fb)
            if la and lb and la.article is lb.article:
                continue
            if not (la and lb):
                split = (la or lb).split if (la or lb) else None
                if split:
                    for s in both(split):
                        s.links_unjudged += 1
                continue
            split = la.split if la.split == lb.split else "all"
            for s in ([scores[split]] if split != "all" else []) + [scores["all"]]:
                if la.fact == lb.fact:
                    s.links_true += 1
                else:
                    s.links_false += 1
            if la.fact != lb.fact and split != "all":
                scores[split].details.append(f"false link: {la.article.key} {la.text!r} ({la.fact}) ~ "
                                             f"{lb.article.key} {lb.text!r} ({lb.fact}) in group {g['id']}")

    # Internal inconsistencies.
    internal_sets = []
    for st in stories:
        for members in st.internal:
            fids = {fid_of.get(id(m)) for m in members} - {None}
            internal_sets.append(fids)
            found = any(f["rule"].startswith("IN") and fids & set(f["figures"]) for f in findings)
            for s in both(st.split):
                s.internal += 1
                s.internal_found += found
            if not found:
                scores[st.split].details.append(
                    f"internal missed: {members[0].article.key} " + ", ".join(repr(m.text) for m in members))

    # Precision of errors and warnings.
    for f in findings:
        labs = [lab_of.get(fid) for fid in f["figures"]]
        if not all(labs):
            split = next((lab.split for lab in labs if lab), None)
            if split:
                for s in both(split):
                    setattr(s, f"{f['severity']}s_unjudged", getattr(s, f"{f['severity']}s_unjudged") + 1)
            continue
        split = labs[0].split
        true = (len(f["figures"]) >= 2 and frozenset(f["figures"][:2]) in conflict_pairs) or \
            any(set(f["figures"]) & fids for fids in internal_sets) or \
            (len(labs) >= 2 and labs[0].fact == labs[1].fact and labs[0].variant != labs[1].variant)
        for s in both(split):
            name = f"{f['severity']}s_{'true' if true else 'false'}"
            setattr(s, name, getattr(s, name) + 1)
        if not true:
            scores[split].details.append(f"false {f['severity']}: {f['rule']} {f['message']}")
    return scores


_NUMERAL = re.compile(r"[0-9〇零一二两三四五六七八九十百千万亿萬億兩]")


def _read_in_part(lab: Label, start: int, end: int) -> bool:
    """Does a digit or Chinese numeral of the label's text lie outside the figure read there (a
    decimal point the extractor did not know: 7﹒65億 read as 65億)? (A label may span a range or
    a pair, "$41 a share and $43 a share", that the extractor reads as two figures: counted too.)"""
    text = lab.article.text
    return any(not start <= m.start() < end for m in _NUMERAL.finditer(text, lab.start, lab.end))


def _miss(figures: dict, fa: str | None, fb: str | None) -> str:
    """Why two figures of one fact are in different groups, field by field: what the report read
    (`figures` with each company as its group has it: names aligned across scripts are one)."""
    if not (fa and fb):
        return "not extracted"
    a, b = figures[fa], figures[fb]
    money = {x["unit"] for x in (a, b) if re.fullmatch(r"[A-Z]{3}", x["unit"] or "")}
    if a["unit"] != b["unit"] and len(money) < 2:
        return f"dimension differs ({' vs '.join(sorted((a['unit'] or '-', b['unit'] or '-')))})"

    def level(field: str) -> str:
        x, y = a.get(field), b.get(field)
        return "same" if x == y and x else ("missing" if not x or not y else "different")

    why = ", ".join(f"{f} {level(f)}" for f in ("entity", "metric", "period"))
    return f"{why} (two currencies)" if len(money) == 2 else why


def _key(figures: dict, fid: str | None) -> str:
    if not fid:
        return "(not extracted)"
    r = figures[fid]
    return f"{r.get('entity')}/{r.get('metric')}/{r.get('period')}"


# --- planted errors -------------------------------------------------------------------------

_DIGIT = re.compile(r"\d")
# (pattern, replacement, kind): slips a hand makes, never a word no copy writes (美美元, 港美元, HK€)
_SWAPS = [(r"(?<![万萬])亿", "万", "magnitude"), (r"万亿", "亿", "magnitude"), (r"(?<![万萬])億", "萬", "magnitude"),
          (r"\bbillion", "million", "magnitude"), (r"\bmillion", "billion", "magnitude"),
          (r"美元", "欧元", "unit"), (r"(?<![美港欧歐日韩韓英澳加台币幣])元", "美元", "unit"),
          (r"(?<![A-Za-z])\$", "€", "unit"), (r"港元", "美元", "unit"), (r"HK\$", "US$", "unit"), (r"%", "‰", "unit")]


def mutate(text: str, rng: random.Random) -> tuple[str, str] | None:
    """(mutated text, kind): a digit changed, or a magnitude or currency word swapped."""
    options = []
    for pattern, b, kind in _SWAPS:
        if re.search(pattern, text):
            options.append((re.sub(pattern, b, text, count=1), kind))
    digits = [m.start() for m in _DIGIT.finditer(text)]
    if digits:
        i = rng.choice(digits)
        d = str((int(text[i]) + rng.choice((1, 2, 3, 4, 5, 6, 7, 8))) % 10)
        if not (i == 0 and d == "0"):
            options.append((text[:i] + d + text[i + 1:], "digit"))
    return rng.choice(options) if options else None


def mutations(stories: list[Story], n: int, seed: int = 7) -> dict[str, Counter]:
    """Plant `n` errors, one at a time, into figures of facts stated in 2+ articles (a figure that
    the other articles restate with the same variant), and count those reported."""
    rng = random.Random(seed)
    candidates = []
    for st in stories:
        by_fact = defaultdict(list)
        for lab in st.labels:
            if lab.start >= 0:
                by_fact[lab.fact].append(lab)
        for labs in by_fact.values():
            for lab in labs:
                if any(o.article is not lab.article and o.variant == lab.variant for o in labs):
                    candidates.append((st, lab))
    rng.shuffle(candidates)
    out: dict[str, Counter] = defaultdict(Counter)
    for st, lab in candidates[:n]:
        planted = mutate(lab.text, rng)
        if not planted:
            continue
        new_text, kind = planted
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / st.name
            shutil.copytree(CORPUS / st.name, folder)
            target = folder / lab.article.file
            text = lab.article.text
            target.write_text(text[:lab.start] + new_text + text[lab.end:], encoding="utf-8")
            report = run_check([folder])
            line = text.count("\n", 0, lab.start) + 1
            col = lab.start - (text.rfind("\n", 0, lab.start) + 1) + 1
            hit = any(
                f["severity"] in ("warning", "error") and any(
                    fid.endswith(f"{lab.article.file}:{line}:{c}") for fid in f["figures"]
                    for c in range(col - 2, col + len(new_text) + 1))
                for f in report["findings"])
        for key in (st.split, "all"):
            out[key][kind, hit] += 1
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--validate", action="store_true", help="check the labels against the text and stop")
    ap.add_argument("--details", choices=SPLITS, help="list misses and false findings of a split")
    ap.add_argument("--mutations", type=int, default=0, metavar="N", help="plant N errors into real copy")
    ap.add_argument("--json", action="store_true", help="print the scores as JSON")
    args = ap.parse_args()

    problems: list[str] = []
    stories = load(problems, any_split=args.validate)
    n_articles = sum(len(st.articles) for st in stories)
    langs = Counter(a.meta.get("lang") for st in stories for a in st.articles.values())
    print(f"{len(stories)} stories, {n_articles} articles ({dict(langs)}), "
          f"{sum(len(st.labels) for st in stories)} labelled figures; corpus at {CORPUS}", file=sys.stderr)
    for p in problems:
        print(p, file=sys.stderr)
    if args.validate:
        return 1 if problems else 0
    present = [CORPUS / st.name for st in stories if (CORPUS / st.name).is_dir()]
    if not present:
        print(f"real_eval: no corpus at {CORPUS}: collect it as bench/real_copy/README.md says", file=sys.stderr)
        return 0
    report = run_check(present)
    scores = score(stories, report)
    if args.json:
        print(json.dumps({k: {f: v for f, v in vars(s).items() if f != "details"} for k, s in scores.items()}, indent=1))
    else:
        for split in [s for s in SPLITS if s in scores] + ["all"]:
            n = sum(len(st.articles) for st in stories if split in (st.split, "all"))
            print(f"\n{split} ({n} articles)")
            for line in scores[split].lines():
                print("  " + line)
    if args.details:
        misses = scores[args.details].misses
        print(f"\n{args.details}: why same-fact pairs were not linked (pairs)")
        for why, n in misses.most_common():
            print(f"  {n:6d}  {why}")
        print(f"\n{args.details}: why conflicting pairs were not reported (pairs)")
        for why, n in scores[args.details].conflict_misses.most_common():
            print(f"  {n:6d}  {why}")
        print(f"\n{args.details}: details")
        for line in sorted(scores[args.details].details):
            print("  " + line)
    if args.mutations:
        for split, counts in sorted(mutations(stories, args.mutations).items()):
            kinds = sorted({k for k, _ in counts})
            parts = [f"{k} {counts[k, True]}/{counts[k, True] + counts[k, False]}" for k in kinds]
            total = sum(v for (_, hit), v in counts.items() if hit)
            print(f"planted errors caught ({split}): {total}/{sum(counts.values())}: " + ", ".join(parts))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Score reconcile's figure extractor against Microsoft Recognizers-Text specs.

The spec files are read in place from ``<repo>/../shared/peer-specs/recognizers-text``
(or from ``$RECONCILE_PEER_SPECS``); they are never copied into the project.

Scoring, per expected result that has a value:
  strict  -- one of our figures has the same span (start == Start, end == End + 1)
             and the same value (1e-6 relative) in the same canonical unit;
  lenient -- as strict, but the spans only need to overlap.
Our figures of the model's kind (currency / dimension / percent) that match no
expected result are false positives.  A case is an exact match when every
expected result is a strict hit and there is no false positive.

Usage:  python tests/peer_specs.py [--failures FILE-SUBSTRING]
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pint

REPO = Path(__file__).resolve().parents[1]
ENV_VAR = "RECONCILE_PEER_SPECS"
DEFAULT_SPEC_DIR = REPO.parent / "shared" / "peer-specs" / "recognizers-text"

# In-scope spec files and the model kind each one exercises.
SPEC_FILES = {
    "NumberWithUnit/Chinese/CurrencyModel.json": "currency",
    "NumberWithUnit/English/CurrencyModel.json": "currency",
    "NumberWithUnit/Chinese/DimensionModel.json": "dimension",
    "NumberWithUnit/English/DimensionModel.json": "dimension",
    "Number/Chinese/PercentModel.json": "percent",
    "Number/English/PercentModel.json": "percent",
}

# --------------------------------------------------------------------------- units

_ureg = pint.UnitRegistry()


def _u(canonical: str, pint_expr: str) -> tuple[str, float]:
    """(canonical unit, factor) with the factor computed by pint."""
    return canonical, float(_ureg.Quantity(1, pint_expr).to(canonical).magnitude)


# Peer currency unit -> (our canonical unit, factor).  Every name that occurs in the
# in-scope files is listed.  Generic names are resolved to the currency the specs
# mean by them (Dollar -> USD, Pound -> GBP; sub-units scaled).  Names whose ISO code
# we cannot know stay the peer's name, so they count as misses unless we emit it too.
CURRENCY_UNITS: dict[str, tuple[str, float]] = {
    "Australian dollar": ("AUD", 1.0),
    "British pound": ("GBP", 1.0),
    "Canadian dollar": ("CAD", 1.0),
    "Chinese yuan": ("CNY", 1.0),
    "Costa Rican colón": ("CRC", 1.0),
    "Euro": ("EUR", 1.0),
    "Georgian lari": ("GEL", 1.0),
    "Hong Kong dollar": ("HKD", 1.0),
    "Japanese yen": ("JPY", 1.0),
    "Lao kip": ("LAK", 1.0),
    "Mexican peso": ("MXN", 1.0),
    "New Taiwan dollar": ("TWD", 1.0),
    "New Zealand dollar": ("NZD", 1.0),
    "Nigerian naira": ("NGN", 1.0),
    "Sri Lankan rupee": ("LKR", 1.0),
    "Swiss franc": ("CHF", 1.0),
    "Turkish lira": ("TRY", 1.0),
    "Finnish markka": ("FIM", 1.0),  # withdrawn ISO 4217 codes, still the codes of those currencies
    "Netherlands guilder": ("NLG", 1.0),
    "Bitcoin": ("BTC", 1.0),  # not ISO 4217: the code exchanges use
    "Satoshi": ("BTC", 1e-8),
    "United States dollar": ("USD", 1.0),
    "Dollar": ("USD", 1.0),
    "Cent": ("USD", 0.01),
    "Pound": ("GBP", 1.0),
    "Pence": ("GBP", 0.01),
    "Penny": ("GBP", 0.01),
    # Spain's: Andorra's peseta (ADP) was a unit of account, never issued.
    "Peseta": ("ESP", 1.0),
    # No ISO code we can know (French, Swiss, Belgian, CFA …); kept as the peer's name.
    "Franc": ("Franc", 1.0),
    "Rupee": ("Rupee", 1.0),
    "Sen": ("Sen", 1.0),
}

# Peer dimension unit -> (our canonical unit, factor).
DIMENSION_UNITS: dict[str, tuple[str, float]] = {
    # length
    "Picometer": _u("m", "picometer"),
    "Millimeter": _u("m", "millimeter"),
    "Centimeter": _u("m", "centimeter"),
    "Decimeter": _u("m", "decimeter"),
    "Meter": _u("m", "meter"),
    "Kilometer": _u("m", "kilometer"),
    "Inch": _u("m", "inch"),
    "Foot": _u("m", "foot"),
    "Mile": _u("m", "mile"),
    # area (1 mu = 10000/15 m²)
    "Square meter": _u("m**2", "meter**2"),
    "Square kilometer": _u("m**2", "kilometer**2"),
    "Acre": _u("m**2", "acre"),
    "Mu": ("m**2", 10000 / 15),
    # mass (1 jin = 0.5 kg, 1 liang = 0.05 kg; "Ton" is metric: "tonnes", 吨)
    "Microgram": _u("kg", "microgram"),
    "Gram": _u("kg", "gram"),
    "Kilogram": _u("kg", "kilogram"),
    "Ton": _u("kg", "metric_ton"),
    "Metric ton": _u("kg", "metric_ton"),
    "Pound": _u("kg", "pound"),
    "Ounce": _u("kg", "ounce"),
    "Dram": _u("kg", "dram"),
    "Jin": ("kg", 0.5),
    "Liang": ("kg", 0.05),
    # volume (US customary; the specs give Gallon the subtype "Weight")
    "Milliliter": _u("L", "milliliter"),
    "Teaspoon": _u("L", "teaspoon"),
    "Tablespoon": _u("L", "tablespoon"),
    "Cup": _u("L", "cup"),
    "Gallon": _u("L", "gallon"),
    "Barrel": _u("L", "oil_barrel"),
    "Cubic foot": _u("L", "foot**3"),
    # speed
    "Kilometer per hour": _u("km/h", "km/h"),
    "Mile per hour": _u("km/h", "mile/hour"),
    "Meter per millisecond": _u("km/h", "m/ms"),
    "Centimeter per millisecond": _u("km/h", "cm/ms"),
    "Kilometer per millisecond": _u("km/h", "km/ms"),
    # information (decimal prefixes, 1 byte = 8 bit)
    "Bit": _u("bit", "bit"),
    "Kilobit": _u("bit", "kilobit"),
    "Megabit": _u("bit", "megabit"),
    "Kilobyte": _u("bit", "kilobyte"),
    "Megabyte": _u("bit", "megabyte"),
    # power, energy
    "Kilowatt": _u("W", "kilowatt"),
    "Kilocalorie": _u("W*h", "kilocalorie"),
    # not in our canonical list; named as pint names them
    "Hertz": _u("Hz", "hertz"),
    "Megahertz": _u("Hz", "megahertz"),
    "Degree": _u("degree", "degree"),
    "Radian": _u("degree", "radian"),
    "Turn": _u("degree", "turn"),
}

PERCENT_UNITS = {"percent", "percentage_point"}  # both score as "percent"
DIMENSION_CANONICAL = {unit for unit, _ in DIMENSION_UNITS.values()}
CURRENCY_CANONICAL = {unit for unit, _ in CURRENCY_UNITS.values()}


def peer_target(kind: str, resolution: dict) -> tuple[str, float]:
    """Map a peer resolution to (our canonical unit, factor)."""
    unit = resolution.get("unit")
    if kind == "percent":
        return "percent", 1.0
    if kind == "currency":
        return CURRENCY_UNITS.get(unit) or (resolution.get("isoCurrency") or unit, 1.0)
    return DIMENSION_UNITS.get(unit, (unit, 1.0))


def our_unit(unit: str | None) -> str | None:
    return "percent" if unit in PERCENT_UNITS else unit


def is_relevant(kind: str, unit: str | None) -> bool:
    """Is a figure with this unit what the given peer model extracts?"""
    unit = our_unit(unit)
    if kind == "percent":
        return unit == "percent"
    if kind == "dimension":
        return unit in DIMENSION_CANONICAL
    return unit in CURRENCY_CANONICAL or bool(re.fullmatch(r"[A-Z]{3}", unit or ""))


# --------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Expected:
    start: int  # end-exclusive span into the case input
    end: int
    text: str  # the peer's (normalised: lower-cased, half-width) text
    value: float | None  # in `unit`; None for a bare unit mention (not scored)
    unit: str
    peer: str  # the peer's value and unit, for reports


@dataclass
class Case:
    file: str
    index: int
    input: str
    expected: list[Expected]

    @property
    def scored(self) -> list[Expected]:
        return [e for e in self.expected if e.value is not None]


def find_spec_dir() -> Path | None:
    """The recognizers-text folder, or None when it is absent."""
    base = Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else DEFAULT_SPEC_DIR
    for d in (base, base / "recognizers-text"):
        if all((d / f).is_file() for f in SPEC_FILES):
            return d
    return None


def _python_unsupported(case: dict) -> bool:
    for key in ("NotSupported", "NotSupportedByDesign"):
        value = case.get(key) or ""
        if isinstance(value, list):
            value = ",".join(value)
        if "python" in value.lower():
            return True
    return False


def _parse_value(kind: str, raw) -> float | None:
    if raw is None or raw == "":
        return None
    raw = str(raw)
    if kind == "percent":
        raw = raw.rstrip("%")
    return float(raw)


def load_file(spec_dir: Path, rel: str) -> tuple[list[Case], int]:
    """In-scope cases of one file, and how many cases were skipped for python."""
    kind = SPEC_FILES[rel]
    raw_cases = json.loads((spec_dir / rel).read_text(encoding="utf-8-sig"))
    cases, skipped = [], 0
    for index, raw in enumerate(raw_cases):
        if _python_unsupported(raw):
            skipped += 1
            continue
        expected = []
        for r in raw.get("Results") or []:
            res = r.get("Resolution") or {}
            unit, factor = peer_target(kind, res)
            value = _parse_value(kind, res.get("value"))
            expected.append(Expected(
                start=r["Start"], end=r["End"] + 1, text=r["Text"],
                value=None if value is None else value * factor, unit=unit,
                peer=f"{res.get('value')} {res.get('unit') or ''}".strip(),
            ))
        cases.append(Case(rel, index, raw["Input"], expected))
    return cases, skipped


# --------------------------------------------------------------------------- scoring


@dataclass(frozen=True)
class Fig:
    start: int
    end: int
    text: str
    value: float | None
    unit: str | None
    kind: str | None


@dataclass
class CaseResult:
    case: Case
    figures: list[Fig]  # ours, of the model's kind
    strict: dict[Expected, Fig] = field(default_factory=dict)
    lenient: dict[Expected, Fig] = field(default_factory=dict)
    false_positives: list[Fig] = field(default_factory=list)
    error: str | None = None

    @property
    def exact(self) -> bool:
        return (self.error is None and not self.false_positives
                and len(self.strict) == len(self.case.scored))


def _same(fig: Fig, exp: Expected) -> bool:
    return (our_unit(fig.unit) == exp.unit and fig.value is not None
            and math.isclose(fig.value, exp.value, rel_tol=1e-6, abs_tol=1e-12))


def _overlaps(fig: Fig, exp: Expected) -> bool:
    return fig.start < exp.end and exp.start < fig.end


def score_case(case: Case, kind: str, extract: Callable[[str], list]) -> CaseResult:
    try:
        # The peer's spans leave out qualifiers ("about $ 14 million" is "$ 14 million"), so
        # the amount's own span is compared; our figures keep the qualifier in `start`.
        figures = [Fig(getattr(f, "amount_start", f.start), f.end,
                       case.input[getattr(f, "amount_start", f.start):f.end], f.value, f.unit, f.kind)
                   for f in extract(case.input)]
    except Exception as exc:  # a crash on one input is reported, not fatal
        return CaseResult(case, [], error=f"{type(exc).__name__}: {exc}")
    result = CaseResult(case, [f for f in figures if is_relevant(kind, f.unit)])
    unused = list(result.figures)
    for exp in case.scored:  # exact span first
        fig = next((f for f in unused if (f.start, f.end) == (exp.start, exp.end)
                    and _same(f, exp)), None)
        if fig:
            result.strict[exp] = result.lenient[exp] = fig
            unused.remove(fig)
    for exp in case.scored:  # then any overlapping figure
        fig = None if exp in result.lenient else next(
            (f for f in unused if _overlaps(f, exp) and _same(f, exp)), None)
        if fig:
            result.lenient[exp] = fig
            unused.remove(fig)
    bare = [e for e in case.expected if e.value is None]
    result.false_positives = [f for f in unused if not any(_overlaps(f, e) for e in bare)]
    return result


@dataclass
class FileScore:
    file: str
    skipped: int
    results: list[CaseResult]

    def total(self, attr: str) -> int:
        return sum(len(getattr(r, attr)) for r in self.results)

    @property
    def expected(self) -> int:
        return sum(len(r.case.scored) for r in self.results)

    @property
    def bare(self) -> int:
        return sum(len(r.case.expected) - len(r.case.scored) for r in self.results)

    @property
    def exact(self) -> int:
        return sum(r.exact for r in self.results)

    @property
    def errors(self) -> list[CaseResult]:
        return [r for r in self.results if r.error]


def score_all(extract: Callable[[str], list], spec_dir: Path) -> list[FileScore]:
    scores = []
    for rel, kind in SPEC_FILES.items():
        cases, skipped = load_file(spec_dir, rel)
        scores.append(FileScore(rel, skipped, [score_case(c, kind, extract) for c in cases]))
    return scores


def strict_rate(scores: list[FileScore]) -> float:
    expected = sum(s.expected for s in scores)
    return sum(s.total("strict") for s in scores) / expected if expected else 0.0


# --------------------------------------------------------------------------- reports


def _pct(n: int, d: int) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def format_table(scores: list[FileScore]) -> str:
    head = (f"{'file':<38} {'cases':>5} {'exact':>6} {'expect':>6} {'strict':>13} "
            f"{'lenient':>13} {'FP':>4} {'bare':>4} {'skip':>4} {'err':>4}")
    lines = [head, "-" * len(head)]

    def row(name, cases, exact, expected, strict, lenient, fp, bare, skip, err):
        return (f"{name:<38} {cases:>5} {_pct(exact, cases):>6} {expected:>6} "
                f"{strict:>5} {_pct(strict, expected):>7} {lenient:>5} {_pct(lenient, expected):>7} "
                f"{fp:>4} {bare:>4} {skip:>4} {err:>4}")

    totals = [0] * 9
    for s in scores:
        values = [len(s.results), s.exact, s.expected, s.total("strict"), s.total("lenient"),
                  s.total("false_positives"), s.bare, s.skipped, len(s.errors)]
        totals = [a + b for a, b in zip(totals, values)]
        lines.append(row(s.file.removesuffix(".json"), *values))
    lines += ["-" * len(head), row("overall", *totals),
              "strict = right span and value; lenient = overlapping span and right value; "
              "FP = our figures matching nothing;",
              "bare = unit-only expectations (no value, not scored); "
              "skip = cases the peer marks NotSupported for python."]
    return "\n".join(lines)


def _num(value: float | None) -> str:
    return "None" if value is None else f"{value:.10g}"


def _fig_str(f: Fig) -> str:
    return f"[{f.start},{f.end}) {f.text!r} = {_num(f.value)} {f.unit} ({f.kind})"


def format_failures(scores: list[FileScore], substring: str) -> str:
    out = []
    for s in scores:
        if substring.lower() not in s.file.lower():
            continue
        for r in s.results:
            if r.exact:
                continue
            out.append(f"{s.file} #{r.case.index}: {r.case.input!r}")
            for e in r.case.expected:
                mark = ("ok " if e in r.strict else "~  " if e in r.lenient
                        else "-- " if e.value is None else "XX ")
                out.append(f"   {mark}want [{e.start},{e.end}) {e.text!r} = "
                           f"{_num(e.value)} {e.unit}   (peer: {e.peer})")
            for f in r.figures:
                mark = "FP " if f in r.false_positives else "   "
                out.append(f"   {mark}got  {_fig_str(f)}")
            if r.error:
                out.append(f"   !! {r.error}")
    return "\n".join(out) or "no failures"


def load_extractor() -> Callable[[str], list]:
    """reconcile.extraction.figures.extract_text (ImportError/AttributeError if unavailable)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    import importlib

    return importlib.import_module("reconcile.extraction.figures").extract_text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failures", metavar="FILE-SUBSTRING",
                        help="list failing cases of the spec files whose path contains this")
    args = parser.parse_args(argv)
    spec_dir = find_spec_dir()
    if spec_dir is None:
        print(f"peer specs not found at {os.environ.get(ENV_VAR) or DEFAULT_SPEC_DIR}")
        return 2
    try:
        extract = load_extractor()
    except (ImportError, AttributeError) as exc:
        print(f"cannot load reconcile.extraction.figures.extract_text: {exc}")
        return 2
    scores = score_all(extract, spec_dir)
    if args.failures:
        print(format_failures(scores, args.failures))
        print()
    print(format_table(scores))
    return 0


if __name__ == "__main__":
    sys.exit(main())

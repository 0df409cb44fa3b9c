"""The extractor's vocabulary, derived once from the pint registry in units/ and babel's CLDR.

pint knows what each unit is; units/lexicon.toml says which surface forms to look for. The
result is a plain factor table (surface form -> kind, canonical unit, factor), cached as JSON
keyed by a hash of the data files, so a warm start imports neither pint nor babel.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from reconcile.data.loader import DataSet, data
from reconcile.errors import InputError

CACHE_FORMAT = 48


@dataclass(frozen=True, slots=True)
class UnitEntry:
    kind: str  # currency, power, area, percent, count, duration, …
    unit: str  # canonical unit written in output (ISO code for currencies)
    factor: float  # multiply the written number by this to get the canonical value


@dataclass(frozen=True, slots=True)
class Lexicon:
    magnitudes: dict[str, float]
    units: dict[str, UnitEntry]
    units_ci: dict[str, UnitEntry]  # lower-cased forms matched case-insensitively
    currency_prefix: dict[str, str]  # $, US$, HK$ … -> ISO code
    currency_abbrev: dict[str, float]  # k, m, bn, T after a currency-prefixed number
    count_nouns: tuple[str, ...]  # English nouns that make a bare number a count
    not_count_nouns: frozenset[str]  # plural words after a number that make no count
    word_figures: dict[str, dict]  # 翻倍, doubled, 数以亿计: figures without digits
    ranks: dict  # 第二大, "third-largest": [ranks] chinese, english, english_ordinals
    ratio_words: tuple[str, ...]  # 比例, ratio: a colon after one makes a ratio, not a time ([ratios])
    hundredths: tuple[str, ...]  # 折: two digits count hundredths (75折 = 75%)
    digit_after: tuple[str, ...]  # 成: one more digit after it counts tenths of it (七成六 = 76%)
    unit_before: dict[str, UnitEntry]  # "percent of": a unit written before the number
    bare_yuan: tuple[str, ...]  # 元: whose currency the context may name
    yuan_home: tuple[str, ...]  # the currencies a bare 元 may be (CNY, HKD, TWD, MOP)
    same_below: tuple[str, ...]  # 下同: （人民币，下同） names the currency of every bare 元 after it
    points_in_chinese: tuple[str, ...]  # pct: per cent in English copy, percentage points in Chinese
    short_currency_names: frozenset[str]  # korean won: a currency only after a magnitude ("22.8 trillion Korean won")
    shared_signs: dict[str, tuple[str, ...]]  # ¥ -> (CNY, JPY): a sign several currencies write
    gloss_only_signs: frozenset[str]  # of those, the ones only a gloss settles ($: [shared_signs_settled])
    places: frozenset[str]  # CLDR's country and region names (Taiwan, 台湾, Hong Kong …), states and cities, normalised: no company
    place_countries: dict[str, str | None]  # a place's name -> its country's ISO code (None: a region of several)
    country_names: dict[str, str]  # a country's ISO code -> its CLDR English name, as `name_key` writes it (tw -> taiwan)
    territory_names: frozenset[str]  # CLDR's names of countries and territories (not cities, states, regions), as `name_key` writes them
    rates_after: dict[str, str]  # "per month", /月 -> the period (pint's name)
    rates_before: dict[str, str]  # 每月 -> month
    rates_not_then: tuple[str, ...]  # "a year ago" is no rate
    rates_not_after: str  # 去年产量: what, right before a period word, makes it a year's (no rate)
    table_headers: tuple[str, ...]  # regular expressions of a table header's unit (单位：人民币百万元)
    elided_apart: int  # [elided_nouns]: how far after a counted figure a bare grouped number counts its noun
    elided_qualifiers: tuple[str, ...]  # ... and the qualifiers it may take
    elided_connectors: tuple[str, ...]  # ... and the words that must stand before it
    statement_least: float  # $306,835: a whole amount at least this large may be in thousands ([statement_amounts])
    statement_digits: int  # ... written to at least this many significant digits
    statement_factors: tuple[float, ...]  # the factors it may be read at (1e3, 1e6)
    # 季 is no unit before 度, nor after 1, 3 or 4; Mt none before a capitalised word (Mt Arthur):
    # {then: [...], values: [...], before_a_name: bool, after: [...], not_after: [...], after_within: int}
    unit_limits: dict[str, dict]
    money_after_magnitude: dict[str, str]  # "million pounds" is GBP, "25 pounds" is mass
    money_context: tuple[str, ...]  # 投资, 估值 …: a unitless 2340亿 right after one is money
    money_gap: str  # what may stand between such a word and the amount (为, 达, 约 …)
    money_nouns: frozenset[str]  # deal, valuation …: "a 113 billion deal" is money
    money_before: tuple[str, ...]  # was, of …, longest first: after a money noun, "net profit was 32.4 billion" is money
    list_joiners: tuple[str, ...]  # 和, 、 …: 645.5亿和448亿美元 share the unit written last
    growth_verbs: tuple[str, ...]  # 增长, 暴增 …: 增长1.98倍 is a growth of 198%, not a multiple
    growth_between: tuple[str, ...]  # what may stand between such a verb and the number (了, 近 …)
    compound: dict[str, UnitEntry]  # sub-units after a main amount: 五元三毛, 3 dollars 50 cents
    spoken_currency: dict[str, str]  # 块 -> CNY: a measure word that is a currency's spoken name
    spoken_money: dict[str, list[str]]  # when it is: words, then, clause_ends
    quote_units: tuple[str, ...]  # ": an inch mark where it closes no quotation
    unscaled_kinds: tuple[str, ...]  # kinds whose unit never goes with a magnitude (16% to 4.6 million)


def _fingerprint(d: DataSet) -> str:
    """The data in force, this file's format, and the pint and babel that derived the lexicon."""
    import importlib.metadata as md

    h = hashlib.sha256(f"{CACHE_FORMAT} {d.fingerprint}".encode())
    for dist in ("pint", "babel"):
        try:
            h.update(md.version(dist).encode())
        except md.PackageNotFoundError:  # pragma: no cover - both are dependencies
            pass
    return h.hexdigest()[:16]


def cache_folder() -> Path:
    """Where derived tables are kept between runs ($RECONCILE_CACHE, else the user's cache folder)."""
    base = os.environ.get("RECONCILE_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "reconcile"


def _cache_path(fingerprint: str) -> Path:
    return cache_folder() / f"lexicon-{fingerprint}.json"


def cached_json(path: Path, build: Callable[[], object]) -> object:
    """The JSON value kept at `path`, else build() written there (atomically) and returned."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(value, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass  # a read-only home still works, only slower
    return value


def _registry_and_own_names(d: DataSet):
    import pint

    ureg = pint.UnitRegistry(cache_folder=None, on_redefinition="raise")
    own: set[str] = set()  # the units our files define, Chinese names included
    for path in d.definitions():
        before = set(ureg._units)
        try:
            ureg.load_definitions(str(path))
            new = set(ureg._units) - before
            for name in new:  # pint resolves a definition lazily: make it say now what is wrong
                ureg.Quantity(1, name).to_base_units()
        except Exception as e:  # pint raises several types for a bad definition
            raise InputError(path, f"bad unit definition: {e}") from None
        own |= new
    return ureg, frozenset(own)


def registry():
    """The one pint UnitRegistry: pint's defaults plus every units/*.txt file (and packs')."""
    return data().memo(_registry_and_own_names)[0]


def _build(d: DataSet) -> dict:
    from babel import Locale
    from babel.numbers import get_currency_name

    ureg = registry()
    spec = d.toml("lexicon.toml")
    kinds = spec["kinds"]
    targets = {kind: ureg.Unit(k["pint"]) for kind, k in kinds.items()}
    excluded = set(spec["exclude"]["forms"])

    def classify(expr: str) -> list:
        """[kind, canonical unit, factor] for a pint expression."""
        q = 1 * ureg.parse_expression(expr)
        for kind, target in targets.items():
            # Dimensionless kinds (percent) need the very unit: 倍 and 万 are dimensionless too.
            if q.dimensionality == target.dimensionality and (not q.dimensionless or q.units == target):
                return [kind, kinds[kind]["unit"], float(q.to(target).magnitude)]
        per_year = q * ureg.year  # a unit of a yearly rate (Mtpa): its kind's unit per year, as [rates] write it
        for kind, target in targets.items():
            if not target.dimensionless and per_year.dimensionality == target.dimensionality:
                return ["rate", kinds[kind]["unit"] + "/year", float(per_year.to(target).magnitude)]
        dims = dict(q.dimensionality)
        if len(dims) == 1:
            (dim, power), = dims.items()
            if dim.startswith("[currency_") and power == 1:
                return ["currency", dim[len("[currency_"):-1], float(q.to(dim[len("[currency_"):-1]).magnitude)]
        raise ValueError(f"units/lexicon.toml: {expr!r} is not of any kind in [kinds]")

    def names_of(unit_name: str) -> set[str]:
        """A unit's name, symbol and aliases; prefixed units (kilowatt) have name and symbol."""
        names = {unit_name, ureg.get_symbol(unit_name)}
        d = ureg._units.get(unit_name)
        if d is not None:
            names |= set(d.aliases)
        return names

    units: dict[str, list] = {}
    magnitudes: dict[str, float] = {}

    # Units defined in our own files: every name and alias, Chinese included.
    for name in sorted(d.memo(_registry_and_own_names)[1]):
        q = ureg.Quantity(1, name)
        if q.dimensionless:
            for form in names_of(name):
                magnitudes[form] = float(q.to("").magnitude)
            continue
        if q.dimensionality == ureg.calendar_year.dimensionality:
            continue
        entry = classify(name)
        for form in names_of(name):
            if form not in excluded:
                units[form] = entry

    # English names from pint's own registry, with plurals.
    for kind, names in spec["english"].items():
        for name in names:
            entry = classify(name)
            for written in names_of(name):
                if written in excluded:
                    continue
                if "_" in written:  # kilowatt_hour: kilowatt hour, kilowatt-hour
                    parts = written.split("_")
                    if not all(p.isalpha() and p.islower() for p in parts):
                        continue
                    forms = [sep.join(parts) for sep in (" ", "-")]
                else:
                    forms = [written]
                for form in forms:
                    units.setdefault(form, entry)
                    last = form.replace("-", " ").split()[-1]
                    if len(last) >= 3 and last.isalpha() and form.islower():  # days, metric tons
                        units.setdefault(form + ("es" if form.endswith("ch") else "s"), entry)
    units.setdefault("feet", classify("foot"))
    units.setdefault("inches", classify("inch"))

    for form, expr in spec["surface"].items():
        units[form] = classify(expr)

    # Currency names from CLDR (美元, 港元, 英鎊, US dollar, euros …), then our own symbols.
    # English names are read in any case (new Taiwan dollars, Hong Kong Dollars), and with the
    # other spellings of their abbreviations ([currency_name_spellings]: U.S. dollars).
    cldr = spec["cldr"]
    spellings = spec["currency_name_spellings"]

    dropped = tuple(w + " " for w in spec.get("currency_name_dropped", {}).get("first_words", ()))
    short_names: set[str] = set()  # the names so shortened: read after a magnitude only

    def spelled(form: str) -> set[str]:
        """`form` with each abbreviation of [currency_name_spellings] (a whole word) spelled each way,
        and without a first word copy drops ([currency_name_dropped]: Korean won)."""
        out = {form}
        if form.startswith(dropped) and " " in form[form.index(" ") + 1:]:
            out.add(form[form.index(" ") + 1:])
            short_names.add(form[form.index(" ") + 1:].lower())
        for abbr, others in spellings.items():
            for f in list(out):
                k = f.find(abbr)
                while k >= 0:
                    end = k + len(abbr)
                    if not (k and f[k - 1].isalpha()) and not (end < len(f) and f[end].isalpha()):
                        out |= {f[:k] + o + f[end:] for o in others}
                    k = f.find(abbr, end)
        return out

    ci_names: dict[str, str] = {}
    for locale_name in cldr["locales"]:
        locale = Locale.parse(locale_name)
        for code in cldr["codes"]:
            names = {get_currency_name(code, locale=locale)}
            if locale.language == "en":
                for count in (1, 2):
                    names.add(get_currency_name(code, count=count, locale=locale))
                names = {s for n in names for s in spelled(n)}
                for n in names:
                    if n and n != code:
                        ci_names.setdefault(n.lower(), code)
                names |= {n.lower() for n in names}
            for name in names:
                if name and name != code:
                    units.setdefault(name, ["currency", code, 1.0])
    prefix: dict[str, str] = {}
    for form, code in _cldr_currency_forms(cldr["codes"], cldr["locales"], excluded).items():
        units.setdefault(form, ["currency", code, 1.0])
        if not form.isalpha() or form.isupper():  # ₦ and HKD are written before the amount too
            prefix[form] = code
    for written, code in spec["currency_symbols"].items():
        for form in spelled(written):
            units[form] = ["currency", code, 1.0]
            prefix[form] = code
    endings = tuple(spec["currency_names_before"]["endings"])
    for form, entry in units.items():
        if entry[0] == "currency" and form.endswith(endings) and not form.isascii():
            prefix.setdefault(form, entry[1])
    for form, (code, factor) in spec["currency_subunits"].items():
        units[form] = ["currency", code, factor]

    units_ci = {}
    for form in spec["case_insensitive"]["forms"]:
        entry = units.get(form) or units.get(form.upper()) or next(
            (v for k, v in units.items() if k.lower() == form), None
        )
        if entry is None:
            raise ValueError(f"units/lexicon.toml: case-insensitive form {form!r} is not a known unit")
        units_ci[form.lower()] = entry
    for form, code in ci_names.items():
        units_ci.setdefault(form, ["currency", code, 1.0])

    magnitudes.update(spec["extra_magnitudes"])
    # English unit words in a headline's or a table's case too: 455 Times, 15 Percent, 60 MEGAWATTS
    # (words of four letters or more; symbols keep their case: mW is not MW).
    for form, entry in list(units.items()):
        if len(form) >= 4 and form.isascii() and form.islower() and re.fullmatch(r"[a-z][a-z -]*[a-z]", form):
            for cased in (form.capitalize(), form.title(), form.upper()):
                units.setdefault(cased, entry)
    # English magnitude words in a title's or a table's case too: $43.5 Billion, 2 BILLION, 5 Mn.
    for form, factor in list(magnitudes.items()):
        if len(form) > 1 and form.isascii() and form.isalpha() and form.islower():
            magnitudes.setdefault(form.capitalize(), factor)
            magnitudes.setdefault(form.upper(), factor)
    # Text is matched after normalisation (萬 -> 万), so the forms are normalised too.
    from reconcile.extraction.normalize import normalize

    def norm(table: dict) -> dict:
        out = {normalize(k): v for k, v in table.items()}
        out.update({k: v for k, v in table.items() if normalize(k) == k})
        return out

    countries = _place_countries(Locale, spec["places"])
    return {
        "magnitudes": norm(magnitudes),
        "units": norm(units),
        "units_ci": {normalize(k).lower(): v for k, v in units_ci.items()},
        "currency_prefix": norm(prefix),
        "currency_abbrev": spec["currency_abbreviations"],
        "count_nouns": spec["count_nouns"]["forms"],
        "not_count_nouns": spec["count_nouns"].get("not_nouns", []),
        "hundredths": spec["two_digit_hundredths"]["forms"],
        "digit_after": spec["digit_after_unit"]["forms"],
        "unit_before": {form: classify(expr) for form, expr in spec["unit_before_number"].items()},
        "bare_yuan": spec["bare_yuan"]["words"],
        "yuan_home": spec["bare_yuan"]["home"],
        "same_below": spec["bare_yuan"].get("same_below", []),
        "points_in_chinese": spec.get("points_in_chinese", {}).get("words", []),
        "short_currency_names": sorted(short_names),
        "shared_signs": spec.get("shared_signs", {}),
        "gloss_only_signs": spec.get("shared_signs_settled", {}).get("by_gloss_only", []),
        "rates_after": {normalize(k): v for k, v in spec["rates"]["after"].items()},
        "rates_before": {normalize(k): v for k, v in spec["rates"]["before"].items()},
        "rates_not_then": spec["rates"]["not_then"]["words"],
        "rates_not_after": normalize(spec["rates"]["not_after"]["characters"]),
        "table_headers": spec["table_unit"]["headers"],
        "elided_apart": spec["elided_nouns"]["most_apart"],
        "elided_qualifiers": spec["elided_nouns"]["qualifiers"],
        "elided_connectors": spec["elided_nouns"]["connectors"],
        "statement_least": spec["statement_amounts"]["least"],
        "statement_digits": spec["statement_amounts"]["digits"],
        "statement_factors": [10.0 ** k for k in spec["statement_amounts"]["powers"]],
        "unit_limits": {normalize(k): {"then": [normalize(x) for x in v.get("then", ())], "values": v.get("values", []),
                                       "before_a_name": bool(v.get("before_a_name", False)),
                                       "after": [normalize(x) for x in v.get("after", ())],
                                       "not_after": [normalize(x) for x in v.get("not_after", ())],
                                       "after_within": int(v.get("after_within", 0))}
                        for k, v in spec["unit_limits"].items()},
        "money_after_magnitude": spec["currency_after_magnitude"],
        "money_context": [normalize(w) for w in spec["money_context"]["words"]],
        "money_gap": normalize(spec["money_context"]["between"]),
        "money_nouns": sorted({w.lower() for w in spec["money_context"].get("english_nouns", [])}),  # any case
        "money_before": spec["money_context"].get("english_before", []),
        "list_joiners": spec["list_joiners"]["words"],
        "growth_verbs": [normalize(w) for w in spec["growth_multiple"]["verbs"]],
        "growth_between": [normalize(w) for w in spec["growth_multiple"]["between"]],
        "compound": norm({**{k: ["currency", c, f] for k, (c, f) in spec["currency_subunits"].items()},
                          **{k: ["currency", c, f] for k, (c, f) in spec["currency_compound"].items()}}),
        "unscaled_kinds": spec["range_limits"]["unscaled_kinds"],
        "quote_units": spec["quote_units"]["forms"],
        "spoken_currency": norm(spec["spoken_currency"]["names"]),
        "spoken_money": {k: [normalize(w) for w in spec["spoken_currency"][k]] for k in ("words", "then", "clause_ends")},
        "places": sorted({name_key(w) for w in countries}),
        "place_countries": countries,
        "country_names": {code: _place_key(name) for code, name in Locale.parse("en").territories.items()
                          if code.isalpha() and code not in spec["places"].get("not_countries", ())},
        "territory_names": sorted({_place_key(name) for loc in ("en", "zh", "zh_Hant")
                                   for code, name in Locale.parse(loc).territories.items()
                                   if code.isalpha() and code not in spec["places"].get("not_countries", ())}),
        "ratio_words": [normalize(w) for w in spec["ratios"]["words"]],
        "ranks": {"chinese": spec["ranks"]["chinese"], "english": spec["ranks"]["english"],
                  "english_ordinals": spec["ranks"]["english_ordinals"], "not_then": spec["ranks"]["not_then"],
                  "not_nouns": spec["ranks"]["not_nouns"]},
        "word_figures": {
            **{word + suffix: {"value": value, "kind": kind, "unit": kinds[kind]["unit"]}
               for suffix, kind in spec["number_word_suffixes"].items()
               for word, value in d.toml("numerals.toml")["english_words"].items()
               if len(word) > 2 and value >= 2 and value == int(value)},
            **{k: {**v, "unit": kinds[v["kind"]]["unit"]} for k, v in spec["word_figures"].items()},
        },
    }


def _cldr_currency_forms(codes: list[str], locales: list[str], excluded: set[str]) -> dict[str, str]:
    """More ways to write each currency, from CLDR, where one form names one currency only:
    - its ISO code (HKD 21B);
    - its symbol in the locales of the territories that use it (₦, ₡, ₾, ₭, R$; not $ or ¥, which
      several currencies share, nor symbols of Latin letters without $, like R, kr or Rs.), and a
      dollar sign after its country's two- or three-letter code (AU$, AUS$);
    - its short name: the Chinese name without its territory's (尼日利亚奈拉 -> 奈拉) and the last
      word of the English one (Nigerian naira -> naira, nairas), unless two currencies share it
      (克朗, 卢比, peso, dollar)."""
    from babel import Locale, localedata
    from babel.core import get_global
    from babel.numbers import get_currency_name

    home: dict[str, list[str]] = {}
    for territory, history in get_global("territory_currencies").items():
        for code, _start, end, tender in history:
            if end is None and tender and code in codes:
                home.setdefault(code, []).append(territory)
    alpha3: dict[str, list[str]] = {}  # AU -> [AUS] (CLDR's aliases of three-letter codes)
    for alias, targets in get_global("territory_aliases").items():
        if len(alias) == 3 and alias.isalpha() and len(targets) == 1:
            alpha3.setdefault(targets[0], []).append(alias)
    identifiers = localedata.locale_identifiers()
    candidates: dict[str, set[str]] = {}  # form -> the codes it could name
    for code in codes:
        candidates.setdefault(code, set()).add(code)
        for territory in home.get(code, []):
            for ident in identifiers:
                if ident.endswith("_" + territory) and ident.count("_") == 1:
                    symbol = localedata.load(ident)["currency_symbols"].get(code) or ""
                    if symbol and ("$" in symbol or not any(c.isascii() and c.isalpha() for c in symbol)) \
                            and "\u200f" not in symbol:
                        candidates.setdefault(symbol, set()).add(code)
                        if symbol.endswith("$") and code.startswith(territory):
                            # a dollar marked with its own country's code (ISO 4217's first two
                            # letters; not EC$ for the US dollar Ecuador uses): AU$, AUS$
                            for mark in (territory, *alpha3.get(territory, ())):
                                candidates.setdefault(mark + "$", set()).add(code)
        for locale_name in locales:
            locale = Locale.parse(locale_name)
            if locale.language == "zh":
                name = get_currency_name(code, locale=locale)
                for territory in home.get(code, []):
                    own = locale.territories.get(territory)
                    if own and name.startswith(own) and len(name) - len(own) >= 2:
                        candidates.setdefault(name[len(own):], set()).add(code)
            elif locale.language == "en":
                for count in (1, 2):
                    word = get_currency_name(code, count=count, locale=locale).split()[-1].lower()
                    if word != code.lower():
                        candidates.setdefault(word, set()).add(code)
    return {form: next(iter(c)) for form, c in sorted(candidates.items()) if len(c) == 1 and form not in excluded}


def name_key(name: str) -> str:
    """A place's name as an unlisted name's id is written: normalised, Latin lower-cased."""
    from reconcile.extraction.normalize import normalize

    name = normalize(name).strip()
    return name.lower() if name.isascii() else name


def _place_countries(Locale, places: dict) -> dict[str, str | None]:
    """Each place's name -> the ISO code of its country; None for a region of several (Europe,
    亚太, the EU), whose name must still be read whole (Latin America is no America). The names are
    CLDR's countries and world regions in English, simplified and traditional Chinese, without their
    qualifiers, and units/lexicon.toml [places]', as `name_key` writes them (an all-capital code of
    [places.in_country] as written: it matches only so)."""
    from reconcile.extraction.normalize import normalize

    out: dict[str, str | None] = {}
    for loc in ("en", "zh", "zh_Hant"):
        for code, name in Locale.parse(loc).territories.items():
            key = _place_key(name)
            if code != "001" and len(key) >= 2:  # (the world: a listed entity of its own, rules/entities.toml)
                out.setdefault(key, code if code.isalpha() and code not in places.get("not_countries", ()) else None)
    out.update({name_key(w): None for w in places["regions"]})
    # (an all-capital code kept as written: it matches only so, US and never "us"; any other name
    # overrides CLDR's of the same letters: Georgia is the US state here)
    out.update({normalize(w).strip() if w.isascii() and w.isupper() else name_key(w): code
                for code, ws in places["in_country"].items() for w in ws})
    return out


def _place_key(name: str) -> str:
    """A CLDR territory's name without its qualifiers ("Hong Kong SAR China" -> hong kong,
    中国香港特别行政区 -> 香港), as `name_key` writes it."""
    return name_key(re.sub(r"\s*SAR China$|^中[国國](?=.)|特别行政区$|特別行政區$|\s*\(.*\)$|（.*）$", "", name))


def _to_lexicon(raw: dict) -> Lexicon:
    def entries(table: dict) -> dict[str, UnitEntry]:
        return {k: UnitEntry(*v) for k, v in table.items()}

    return Lexicon(
        magnitudes=raw["magnitudes"],
        units=entries(raw["units"]),
        units_ci=entries(raw["units_ci"]),
        currency_prefix=raw["currency_prefix"],
        currency_abbrev=raw["currency_abbrev"],
        count_nouns=tuple(raw["count_nouns"]),
        not_count_nouns=frozenset(w.lower() for w in raw.get("not_count_nouns", ())),
        word_figures=raw["word_figures"],
        ranks=raw["ranks"],
        ratio_words=tuple(raw["ratio_words"]),
        hundredths=tuple(raw["hundredths"]),
        digit_after=tuple(raw["digit_after"]),
        unit_before=entries(raw["unit_before"]),
        bare_yuan=tuple(raw["bare_yuan"]),
        yuan_home=tuple(raw["yuan_home"]),
        same_below=tuple(raw["same_below"]),
        points_in_chinese=tuple(raw.get("points_in_chinese", ())),
        short_currency_names=frozenset(raw.get("short_currency_names", ())),
        shared_signs={k: tuple(v) for k, v in raw.get("shared_signs", {}).items()},
        gloss_only_signs=frozenset(raw.get("gloss_only_signs", ())),
        rates_after=raw["rates_after"],
        rates_before=raw["rates_before"],
        rates_not_then=tuple(raw["rates_not_then"]),
        rates_not_after=raw["rates_not_after"],
        table_headers=tuple(raw["table_headers"]),
        elided_apart=int(raw["elided_apart"]),
        elided_qualifiers=tuple(raw["elided_qualifiers"]),
        elided_connectors=tuple(raw["elided_connectors"]),
        statement_least=float(raw["statement_least"]),
        statement_digits=int(raw["statement_digits"]),
        statement_factors=tuple(raw["statement_factors"]),
        unit_limits=raw["unit_limits"],
        money_after_magnitude=raw["money_after_magnitude"],
        money_context=tuple(raw["money_context"]),
        money_gap=raw["money_gap"],
        money_nouns=frozenset(raw["money_nouns"]),
        money_before=tuple(sorted(raw.get("money_before", ()), key=len, reverse=True)),  # "rose to" before "to"
        list_joiners=tuple(raw["list_joiners"]),
        growth_verbs=tuple(raw["growth_verbs"]),
        growth_between=tuple(raw["growth_between"]),
        compound=entries(raw["compound"]),
        unscaled_kinds=tuple(raw["unscaled_kinds"]),
        quote_units=tuple(raw["quote_units"]),
        spoken_currency=raw["spoken_currency"],
        spoken_money=raw["spoken_money"],
        places=frozenset(raw["places"]),
        place_countries=raw["place_countries"],
        country_names=raw["country_names"],
        territory_names=frozenset(raw["territory_names"]),
    )


def kinds_by_unit() -> dict[str, tuple[str, dict]]:
    """Canonical unit string (W, L, USD/year's amount USD aside) -> (its kind, its [kinds] entry in
    units/lexicon.toml: the CLDR unit reports show it in)."""
    return data().memo(_kinds_by_unit)


def _kinds_by_unit(d: DataSet) -> dict[str, tuple[str, dict]]:
    return {k["unit"]: (kind, k) for kind, k in d.toml("lexicon.toml")["kinds"].items()}


def lexicon() -> Lexicon:
    """The lexicon, from the JSON cache when the data files have not changed."""
    return data().memo(_cached_lexicon)


def _cached_lexicon(d: DataSet) -> Lexicon:
    raw = cached_json(_cache_path(_fingerprint(d)), lambda: _build(d))
    try:
        return _to_lexicon(raw)
    except (KeyError, TypeError):  # a damaged cache file
        return _to_lexicon(_build(d))

"""What a data file may hold, checked when it is loaded so that an error names its file and key.

A pack's file must have the shape of the built-in file of the same name: the same tables, and
values of the same types. New keys are allowed only in the tables listed in OPEN (the word lists:
entity ids, metric ids, qualifier words, unit surfaces …), and a new entry there must look like
its siblings. A few files have rules of their own on top (CHECKS).
"""
from __future__ import annotations

import re

from reconcile.errors import InputError

# Tables whose keys are words or ids: a pack may add keys. "" is the file's top level.
OPEN = {
    "entities.toml": {""},
    "metrics.toml": {""},
    "rules.toml": {""},
    "periods.toml": {"years", "quarters", "fiscal_years", "halves", "quarter_names"},
    "qualifiers.toml": {"before", "after", "vague"},
    "not_figures.toml": {"mask"},
    "lexicon.toml": {"surface", "currency_symbols", "currency_after_magnitude", "currency_compound",
                     "currency_subunits", "currency_abbreviations", "extra_magnitudes", "word_figures",
                     "unit_limits"},
    "fx.toml": {"per_usd", "pegged", "ambiguous"},
    "numerals.toml": {"chinese_digits", "chinese_places", "chinese_sections", "chinese_compound_sections",
                      "english_words"},
}

# Kinds of figure beyond units/lexicon.toml's [kinds]: money, calendar dates, rates (per period).
OTHER_KINDS = ("currency", "date", "rate")


def figure_kinds() -> tuple[str, ...]:
    """Every kind of figure: units/lexicon.toml's [kinds] (with packs) and OTHER_KINDS."""
    from reconcile.data.loader import data

    return tuple(data().toml("lexicon.toml")["kinds"]) + OTHER_KINDS


ENTITY_KINDS = ("company", "organisation", "country", "region", "person", "product")


def _type(v) -> str:
    if isinstance(v, bool):
        return "true or false"
    if isinstance(v, (int, float)):
        return "a number"
    if isinstance(v, str):
        return "a string"
    if isinstance(v, list):
        return "a list"
    if isinstance(v, dict):
        return "a table"
    return type(v).__name__


def _like(value, examples: list, where: str, path) -> None:
    """`value` has the type of one of `examples`, recursively for lists and tables."""
    if not examples:
        return
    types = {_type(e) for e in examples}
    if _type(value) not in types:
        raise InputError(path, f"key '{where}': expected {' or '.join(sorted(types))}, got {value!r}")
    if isinstance(value, list):
        items = [x for e in examples if isinstance(e, list) for x in e]
        for i, x in enumerate(value):
            _like(x, items, f"{where}[{i}]", path)
    elif isinstance(value, dict):
        fields: dict = {}
        for e in examples:
            if isinstance(e, dict):
                for k, x in e.items():
                    fields.setdefault(k, []).append(x)
        for k, x in value.items():
            if k not in fields:
                raise InputError(path, f"unknown key '{where}.{k}' (known: {', '.join(sorted(fields))})")
            _like(x, fields[k], f"{where}.{k}", path)


def conform(name: str, data: dict, base: dict, path) -> None:
    """A pack's `data` has the shape of the built-in file `base` (see the module's docstring)."""
    open_tables = OPEN.get(name, set())

    def walk(table: dict, ref: dict, where: str) -> None:
        key = where or ""
        for k, v in table.items():
            here = f"{where}.{k}" if where else k
            if k in ref:
                if isinstance(v, dict) and isinstance(ref[k], dict) and here not in open_tables:
                    walk(v, ref[k], here)
                elif isinstance(v, dict) and isinstance(ref[k], dict):
                    walk_open(v, ref[k], here)
                else:
                    _like(v, [ref[k]], here, path)
            elif key in open_tables:  # a new entry looks like its siblings
                _like(v, list(ref.values()), here, path)
            else:
                raise InputError(path, f"unknown key '{here}' (known: {', '.join(sorted(ref))})")

    def walk_open(table: dict, ref: dict, where: str) -> None:
        # an entry, new or not, looks like its siblings (季 may take the `after` that 厘 has)
        for k, v in table.items():
            _like(v, list(ref.values()), f"{where}.{k}" if where else k, path)

    if name == "rules.toml":
        return  # the rule registry checks rule tables against the check types (checks/registry.py)
    if "" in open_tables:
        walk_open(data, base, "")
    else:
        walk(data, base, "")


def _strings(value, where: str, path) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise InputError(path, f"key '{where}': expected a list of non-empty strings, got {value!r}")
    return value


def _entities(data: dict, path, base: dict | None) -> None:
    for eid, spec in data.items():
        if not isinstance(spec, dict):
            raise InputError(path, f"key '{eid}': expected a table with names = [...] and kind")
        unknown = set(spec) - {"names", "kind", "case_sensitive", "fiscal_year_end", "fiscal_year_named_by", "currency",
                               "unless_inside"}
        if unknown:
            raise InputError(path, f"unknown key '{eid}.{sorted(unknown)[0]}' (known: case_sensitive, currency, "
                                   "fiscal_year_end, fiscal_year_named_by, kind, names, unless_inside)")
        if spec.get("fiscal_year_named_by", "end") not in ("end", "start"):
            raise InputError(path, f"key '{eid}.fiscal_year_named_by': expected \"end\" or \"start\" (the year its "
                                   f"fiscal year is named by), got {spec['fiscal_year_named_by']!r}")
        if spec.get("fiscal_year_named_by") == "start" and not 1 <= spec.get("fiscal_year_end", 12) <= 11:
            raise InputError(path, f"key '{eid}.fiscal_year_named_by': a year named by its start needs a "
                                   "fiscal_year_end from 1 to 11 (the month it ends)")
        if "currency" in spec and not (isinstance(spec["currency"], str) and re.fullmatch(r"[A-Z]{3}", spec["currency"])):
            raise InputError(path, f"key '{eid}.currency': expected a currency's ISO code (TWD), got {spec['currency']!r}")
        end = spec.get("fiscal_year_end", 12)
        if not isinstance(end, int) or isinstance(end, bool) or not 0 <= end <= 12:
            raise InputError(path, f"key '{eid}.fiscal_year_end': expected the month its fiscal year ends, 1-12 "
                                   "(0: its fiscal periods compare with no calendar ones)")
        if "names" not in spec and not (base and eid in base):
            raise InputError(path, f"key '{eid}': a new entity needs names = [...]")
        names = _strings(spec.get("names", []), f"{eid}.names", path)
        kind = spec.get("kind", "company")
        if kind not in ENTITY_KINDS:
            raise InputError(path, f"key '{eid}.kind': expected {' | '.join(ENTITY_KINDS)}, got {kind!r}")
        every = set(names) | set((base or {}).get(eid, {}).get("names", []))
        for n in _strings(spec.get("case_sensitive", []), f"{eid}.case_sensitive", path):
            if n not in every:
                raise InputError(path, f"key '{eid}.case_sensitive': {n!r} is not one of its names")
        for w in _strings(spec.get("unless_inside", []), f"{eid}.unless_inside", path):
            from reconcile.extraction.normalize import normalize  # (only for a file that uses the key)
            if not any(normalize(n) in normalize(w) and normalize(n) != normalize(w) for n in every):
                raise InputError(path, f"key '{eid}.unless_inside': {w!r} holds none of its names")


def _metrics(data: dict, path, base: dict | None) -> None:
    for mid, spec in data.items():
        if not isinstance(spec, dict):
            raise InputError(path, f"key '{mid}': expected a table with words = [...] and kinds = [...]")
        unknown = set(spec) - {"words", "kinds", "parent", "related", "daily", "per_unit", "per_share_of", "between",
                               "national", "of_country", "scope", "heads", "phrases", "verbs", "not_then", "yields", "bare_of"}
        if unknown:
            raise InputError(path, f"unknown key '{mid}.{sorted(unknown)[0]}' (known: bare_of, between, daily, heads, "
                                   "kinds, national, not_then, of_country, parent, per_share_of, per_unit, phrases, related, scope, verbs, words, yields)")
        if "not_then" in spec:
            not_then = spec["not_then"]
            if not isinstance(not_then, dict) or not {"words", "then"} <= set(not_then) <= {"words", "then", "unless"}:
                raise InputError(path, f"key '{mid}.not_then': expected {{words = [...], then = [...], unless = [...]}}")
            _strings(not_then.get("unless", []), f"{mid}.not_then.unless", path)
            for w in _strings(not_then["words"], f"{mid}.not_then.words", path):
                if w not in spec.get("words", ()):
                    raise InputError(path, f"key '{mid}.not_then.words': {w!r} is not one of its words")
            _strings(not_then["then"], f"{mid}.not_then.then", path)
        if "phrases" in spec:
            phrases = spec["phrases"]
            between = phrases.get("between") if isinstance(phrases, dict) else None
            if not isinstance(phrases, dict) or set(phrases) - {"subjects", "verbs", "between"} or \
                    not (phrases.get("subjects") and phrases.get("verbs")) or \
                    not isinstance(between, int) or isinstance(between, bool) or between < 0:
                raise InputError(path, f"key '{mid}.phrases': expected {{subjects = [...], verbs = [...], between = <a "
                                       "number of words, 0 or more>}")
            for key in ("subjects", "verbs"):
                _strings(phrases.get(key, []), f"{mid}.phrases.{key}", path)
        for key in ("verbs", "yields"):
            for word in _strings(spec.get(key, []), f"{mid}.{key}", path):
                if word not in spec.get("words", ()):
                    raise InputError(path, f"key '{mid}.{key}': {word!r} is not one of its words")
        heads = spec.get("heads", {})
        target = heads.get("metric") if isinstance(heads, dict) else None
        if not isinstance(heads, dict) or (heads and (not isinstance(target, str) or target not in data and
                                                      target not in (base or {}) or not heads.get("words"))):
            raise InputError(path, f"key '{mid}.heads': expected {{metric = <a metric>, words = [...], between = [...], "
                                   "forms = [...], sentence = [...], after = [...], clause_only = true|false, means = [...], "
                                   "price_before = [...]}")
        for key in ("words", "between", "forms", "sentence", "after", "means", "price_before"):
            _strings(heads.get(key, []), f"{mid}.heads.{key}", path)
        if not isinstance(heads.get("clause_only", False), bool):
            raise InputError(path, f"key '{mid}.heads.clause_only': expected true or false")
        if not isinstance(spec.get("scope", ""), str):
            raise InputError(path, f"key '{mid}.scope': expected a string (a scope of rules/attribution.toml)")
        for flag in ("daily", "per_unit", "between", "of_country"):
            if not isinstance(spec.get(flag, False), bool):
                raise InputError(path, f"key '{mid}.{flag}': expected true or false")
        national = spec.get("national")
        if national is not None and (not isinstance(national, str) or national == mid or not (
                data.get(national) or (base or {}).get(national) or {}).get("of_country")):
            raise InputError(path, f"key '{mid}.national': expected another metric's id, one with of_country = true")
        parent = spec.get("parent")
        if parent is not None and parent not in data and parent not in (base or {}):
            raise InputError(path, f"key '{mid}.parent': {parent!r} is not a metric")
        for key in ("per_share_of", "related", "bare_of"):
            for of in _strings(spec.get(key, []), f"{mid}.{key}", path):
                if of not in data and of not in (base or {}):
                    raise InputError(path, f"key '{mid}.{key}': {of!r} is not a metric")
        if "words" not in spec and not (base and mid in base):
            raise InputError(path, f"key '{mid}': a new metric needs words = [...]")
        _strings(spec.get("words", ["-"]), f"{mid}.words", path)
        kinds = figure_kinds()
        for k in _strings(spec.get("kinds", ["count"]), f"{mid}.kinds", path):
            if k not in kinds:
                raise InputError(path, f"key '{mid}.kinds': {k!r} is not a kind of figure ({', '.join(kinds)})")


def _attribution(data: dict, path, base: dict | None) -> None:
    """A default scope is a member of its family; a sentence's lead sets families that exist."""
    families = {**(base or {}).get("scope_families", {}), **data.get("scope_families", {})}
    place = {**(base or {}).get("place_scope", {}), **data.get("place_scope", {})}.get("family")
    if place:
        families.setdefault(place, [])  # (its members are the countries: place:AU)
    for family, scope in data.get("scope_defaults", {}).items():
        if scope not in families.get(family, ()):
            raise InputError(path, f"key 'scope_defaults.{family}': {scope!r} is not a scope of the family {family!r}")
    for key in ("sentence_lead", "scope_unsaid"):
        for family in data.get(key, {}).get("families", ()):
            if family not in families:
                raise InputError(path, f"key '{key}.families': {family!r} is not a scope family")
    below = data.get("per_unit", {}).get("bare_below", 0)
    if isinstance(below, bool) or not isinstance(below, (int, float)) or below < 0:
        raise InputError(path, f"key 'per_unit.bare_below': expected an amount, 0 or more, got {below!r}")
    _strings(data.get("subject_first", {}).get("verbs", []), "subject_first.verbs", path)
    repeated = data.get("names", {}).get("repeated", {})
    whole = repeated.get("whole", 1)
    if isinstance(whole, bool) or not isinstance(whole, (int, float)) or not 0 < whole <= 1:
        raise InputError(path, f"key 'names.repeated.whole': expected a share above 0, at most 1, got {whole!r}")
    for key in ("least", "window", "longest"):
        n = repeated.get(key, 2)
        if isinstance(n, bool) or not isinstance(n, int) or n < 2:
            raise InputError(path, f"key 'names.repeated.{key}': expected a whole number, 2 or more, got {n!r}")


def _linking(data: dict, path, base: dict | None) -> None:
    """Shares are between 0 and 1."""
    aligned = data.get("aligned_names", {})
    for key in ("anonymous_named_at_most", "topic_owns_at_most"):
        share = aligned.get(key, 0)
        if isinstance(share, bool) or not isinstance(share, (int, float)) or not 0 <= share <= 1:
            raise InputError(path, f"key 'aligned_names.{key}': expected a share between 0 and 1, got {share!r}")


CHECKS = {"entities.toml": _entities, "metrics.toml": _metrics, "attribution.toml": _attribution,
          "linking.toml": _linking}


def check(name: str, data: dict, path, base: dict | None) -> None:
    """Rules of their own for some files (`base`: what is merged so far, None for the built-in file)."""
    fn = CHECKS.get(name)
    if fn:
        fn(data, path, base)

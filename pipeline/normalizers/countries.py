"""Country names, official names, demonyms and organizations -> ISO 3166-1 alpha-3 / acronym.

The lookup tables are the gazetteers of a rule set (countries.csv, demonyms.csv,
organizations.csv); pycountry is the fallback for names the gazetteers lack. Which rule set:
the `models_dir` a caller passes, else the one a component is running with
(`tables_in_use`), else the packaged default.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc, Span

from pipeline.gazetteers import read_gazetteer, span_code
from pipeline.rules import default_rules_dir

COUNTRY_GAZETTEERS = ("countries", "demonyms", "organizations")
COUNTRY_FILES = tuple(f"{stem}.csv" for stem in COUNTRY_GAZETTEERS)
STATE_LABELS = tuple(stem.upper() for stem in COUNTRY_GAZETTEERS)  # their span labels
NATION_LABELS = ("COUNTRIES", "DEMONYMS")  # the same without organizations
_LEADING = re.compile(r"^(the)\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(['’]s|['’])$")


# The country tables of one rule set: (folder, its files' mtimes and sizes). The stamp keys
# the cache, so a rule set edited in place and built again is read again.
Tables = tuple[str, tuple]
# the tables of the component that is running; None: the packaged ones
_IN_USE: ContextVar[Tables | None] = ContextVar("communique_country_tables", default=None)


def _stamp(folder: str) -> tuple:
    stamp = []
    for name in COUNTRY_FILES:
        try:
            st = (Path(folder) / name).stat()
        except OSError:
            continue
        stamp.append((name, st.st_mtime_ns, st.st_size))
    return tuple(stamp)


def own_tables(folder: Path | str) -> Tables | None:
    """The tables in `folder` (a rule set's gazetteers/, or a saved component's folder), read
    as they are when a component is built, like its rulers; None when the folder holds none
    (countries.csv at least): a component saved before it wrote them reads the default ones."""
    if not (Path(folder) / COUNTRY_FILES[0]).is_file():
        return None
    return str(folder), _stamp(str(folder))


@contextmanager
def tables_in_use(tables: Tables | None) -> Iterator[None]:
    """Lookups inside the block without a `models_dir` read `tables` (from `own_tables`), so
    an extractor follows the rule set it was built with, edited or retrained, not the
    packaged one."""
    token = _IN_USE.set(tables)
    try:
        yield
    finally:
        _IN_USE.reset(token)


def copy_tables(tables: Tables | None, to: Path) -> None:
    """Write the country tables `tables` (None: the default ones) into `to` (to_disk)."""
    source = Path(tables[0]) if tables else Path(tables_folder())
    for name in COUNTRY_FILES:
        if (source / name).is_file():
            (to / name).write_bytes((source / name).read_bytes())


def tables_folder(models_dir: Path | str | None = None) -> str:
    """The folder of country tables a lookup reads (see the module's docstring)."""
    return _key(models_dir)[0]


def _key(models_dir: Path | str | None) -> Tables:
    if models_dir:
        folder = str(Path(models_dir) / "gazetteers")
        return folder, _stamp(folder)
    return _IN_USE.get() or (str(default_rules_dir() / "gazetteers"), ())


@lru_cache(maxsize=8)
def _table(folder: str, stamp: tuple = ()) -> dict[str, tuple[str, str, str]]:
    """surface form -> (code, kind, gazetteer) for every country-like gazetteer row."""
    table: dict[str, tuple[str, str, str]] = {}
    for stem in COUNTRY_GAZETTEERS:
        path = Path(folder) / f"{stem}.csv"
        if path.exists():
            for row in read_gazetteer(path):
                table.setdefault(row["text"], (row["code"], row["kind"], stem))
    return table


@lru_cache(maxsize=8)
def _lowered(folder: str, stamp: tuple = ()) -> dict[str, tuple[str, str, str]]:
    """`_table` keyed by lower-case surface form (for names written in capitals)."""
    return {k.lower(): v for k, v in _table(folder, stamp).items()}


@lru_cache(maxsize=8)
def _gazetteers_of(folder: str, stamp: tuple = ()) -> dict[str, frozenset[str]]:
    """code -> the gazetteers (countries, demonyms, organizations) that give it."""
    out: dict[str, set[str]] = {}
    for code, _, stem in _table(folder, stamp).values():
        out.setdefault(code, set()).add(stem)
    return {code: frozenset(stems) for code, stems in out.items()}


def _clean(text: str) -> str:
    text = " ".join(text.split())
    return _POSSESSIVE.sub("", _LEADING.sub("", text)).strip()


def lookup(text: str, models_dir: Path | None = None) -> tuple[str, str, str] | None:
    """(code, kind, gazetteer) for a country name, demonym or organization, or None."""
    key = _key(models_dir)
    table = _table(*key)
    for candidate in (text.strip(), _clean(text)):
        if candidate in table:
            return table[candidate]
    cleaned = _clean(text)
    if cleaned.isupper() and cleaned.lower() in _lowered(*key):
        return _lowered(*key)[cleaned.lower()]
    try:
        import pycountry

        found = pycountry.countries.lookup(cleaned)
        return found.alpha_3, "pycountry", "countries"
    except LookupError:
        return None


def country_code(text: str, models_dir: Path | None = None) -> str:
    """ISO3 (or organization acronym) for `text`; '' when unknown."""
    found = lookup(text, models_dir)
    return found[0] if found else ""


def is_state(code: str, models_dir: Path | None = None) -> bool:
    """A code of countries.csv or demonyms.csv (not an organization's, not unknown)."""
    return any(stem != "organizations"
               for stem in _gazetteers_of(*_key(models_dir)).get(code, ()))


def is_organization(code: str, models_dir: Path | None = None) -> bool:
    """A code of organizations.csv."""
    return "organizations" in _gazetteers_of(*_key(models_dir)).get(code, ())


def gazetteer_spans(doc: Doc | Span, labels: tuple[str, ...] = STATE_LABELS) -> list[Span]:
    """Spans the gazetteer ruler found inside `doc` (or a span of it), longest first on ties."""
    whole = doc.doc if isinstance(doc, Span) else doc
    start = doc.start if isinstance(doc, Span) else 0
    end = doc.end if isinstance(doc, Span) else len(doc)
    found = [s for s in whole.spans.get("gazetteer", []) if s.label_ in labels
             and s.start >= start and s.end <= end]
    return sorted(found, key=lambda s: (s.start, -(s.end - s.start)))


def countries_in(doc: Doc | Span) -> list[str]:
    """ISO3 codes of the states named in `doc`/span, in order of first mention (no orgs)."""
    out: list[str] = []
    for span in gazetteer_spans(doc, NATION_LABELS):
        code = span_code(span)
        if code and code not in out:
            out.append(code)
    return out


def principal_countries(doc: Doc | Span, n: int = 2,
                        labels: tuple[str, ...] = NATION_LABELS) -> list[str]:
    """The `n` states mentioned most often in `doc` (gazetteer COUNTRIES/DEMONYMS spans; pass
    `labels` with "ORGANIZATIONS" to let organizations compete), ties broken by first mention.
    Overlapping spans ("Republic of X" / "X") count once."""
    counts = state_counts(doc, labels)
    return sorted(counts, key=lambda c: -counts[c])[:n]  # stable: first mention wins ties


def state_counts(doc: Doc | Span, labels: tuple[str, ...] = NATION_LABELS) -> dict[str, int]:
    """Mentions per state code, in the order of first mention (nested spans count once)."""
    return code_counts(gazetteer_spans(doc, labels))


def code_counts(spans: Iterable[Span]) -> dict[str, int]:
    """Mentions per code of gazetteer spans sorted by start, longest first on ties, in the order
    of first mention; a span nested in the one counted before it does not count."""
    counts: dict[str, int] = {}
    covered_to = -1
    for span in spans:
        if span.start < covered_to:
            continue  # nested inside a longer mention already counted
        covered_to = span.end
        code = span_code(span)
        if not code:
            continue
        counts[code] = counts.get(code, 0) + 1
    return counts

"""Person names: folding, name parts, surnames, which of two spellings is fuller."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

PATRONYMIC = {"bin", "ibn", "bint", "ben"}
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower case, diacritics removed, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).lower().split())


def name_tokens(name: str) -> list[str]:
    """Folded name parts without joiners, suffixes and the periods of initials ("Kassym-Jomart
    Tokayev" -> 3 parts; "S. Jaishankar" and "S Jaishankar" -> ["s", "jaishankar"])."""
    return list(_name_parts(name))


@lru_cache(maxsize=16384)
def _name_parts(name: str) -> tuple[str, ...]:
    parts = fold(name).replace("-", " ").replace(",", " ").split()
    parts = [p.replace(".", "") or p for p in parts]
    return tuple(p for p in parts if p not in _NAME_SUFFIXES)


def surname_of(name: str) -> str:
    parts = name_tokens(name)
    return parts[-1] if parts else ""


def fullness(name: str) -> tuple[int, bool, int]:
    return (len(name_tokens(name)), not name.isupper(), len(name))


def display(name: str) -> str:
    name = " ".join(name.split())
    if name.isupper():  # "PRESIDENT BIDEN" transcripts
        return name.title()
    return name

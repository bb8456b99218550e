"""Spelled numbers -> values, shared by the money and date normalizers: "seventy-seven" -> 77,
"one hundred" -> 100 (tens and units add up, a hundred or a dozen multiplies), "two and a half"
-> 2.5, "1,234.5" -> 1234.5.

Number words are grammar, not vocabulary a user extends: they live here, not in a gazetteer.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal, InvalidOperation

UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())}
ARTICLES = {"a": 1, "an": 1}
NUMBER_WORD = r"(?:a|an|half|hundred|dozen|" + "|".join(list(UNITS) + list(TENS)) + r")"
FRACTION_WORDS = {"half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4}


def parse_number(text: str) -> float | None:
    """'1,234.5' -> 1234.5, '1-1/2' -> 1.5, 'one hundred' -> 100, 'two and a half' -> 2.5,
    'a quarter of a' -> 0.25, 'a' -> 1; None if not a number."""
    text = text.strip().lower()
    if not text:
        return None
    if text[0].isdigit() or text[0] == ".":
        mixed = re.fullmatch(r"(\d+)(?:-|\s)(\d+)/(\d+)", text)
        if mixed:
            whole, num, den = (int(g) for g in mixed.groups())
            return whole + num / den if den else None
        frac = re.fullmatch(r"(\d+)/(\d+)", text)
        if frac:
            num, den = (int(g) for g in frac.groups())
            return num / den if den else None
        try:
            number = float(Decimal(text.replace(",", "")))
        except InvalidOperation:
            return None
        return number if math.isfinite(number) else None  # "1e309": past any amount
    whole, sep, fraction = text.partition(" and ")
    if sep:  # "two and a half"
        low, part = parse_number(whole), parse_number(fraction)
        return low + part if low is not None and part is not None and part < 1 else None
    words = re.split(r"[\s-]+", text)
    if len(words) > 2 and words[-2:] in (["of", "a"], ["of", "an"]):
        words = words[:-2]  # "a quarter of a (billion)", "three quarters of a"
    if words[:2] in (["half", "a"], ["half", "an"]):
        words = ["half", *words[2:]]
    current = 0.0
    for word in words:
        if word in ARTICLES:
            current += ARTICLES[word]
        elif word in UNITS:
            current += UNITS[word]
        elif word in TENS:
            current += TENS[word]
        elif word in FRACTION_WORDS:
            current = (current or 1) / FRACTION_WORDS[word]
        elif word == "dozen":
            current = (current or 1) * 12
        elif word == "hundred":
            current = (current or 1) * 100
        else:
            return None
    return current

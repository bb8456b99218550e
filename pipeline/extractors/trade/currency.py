"""The ISO currency of an amount: as written, or the family's currency established earlier
in the article ("1.25 billion Canadian dlrs ... 623 mln dlrs" is CAD)."""

from __future__ import annotations

from pipeline.normalizers.money import Money, resolve_currency


def currency_code(money: Money, family_code: dict[str, str], countries: list[str]) -> str:
    """ISO code of `money`'s currency. A generic currency word after the number ("dlrs",
    "francs") takes the last specific one of its family written the same way before it in the
    article ("1.25 billion Canadian dlrs ... 623 mln dlrs"); a bare "$" stays USD."""
    if not money.currency:
        return ""
    if money.generic and money.suffix and money.family in family_code:
        return family_code[money.family]
    code = resolve_currency(money.candidates, countries)
    if not money.generic and money.suffix and money.family:
        family_code[money.family] = code
    return code

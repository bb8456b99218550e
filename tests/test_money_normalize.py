"""Money expressions -> (amount, currency, approximate): pipeline.normalizers.money."""

from __future__ import annotations

import pytest

from pipeline.normalizers.money import (
    MoneyTables,
    parse_money,
    parse_number,
    resolve_currency,
)

CASES = [
    # text, amount, currency, approximate
    ("about 1 billion U.S. dollars", 1e9, "USD", True),
    ("1 billion", 1e9, "", False),
    ("1.5 bln", 1.5e9, "", False),
    ("$2.3bn", 2.3e9, "USD", False),
    ("500 mln dlrs", 5e8, "USD", False),
    ("USD 200 million", 2e8, "USD", False),
    ("Rs. 5 billion", 5e9, "LKR", False),
    ("Rs 5bn", 5e9, "LKR", False),
    ("300 million yen", 3e8, "JPY", False),
    ("1.5 trillion rubles", 1.5e12, "RUB", False),
    ("1.5 trillion roubles", 1.5e12, "RUB", False),
    ("$7.5 million", 7.5e6, "USD", False),
    ("$1.2 million to $23.5 million", 1.2e6, "USD", False),
    ("8.14 billion dlrs", 8.14e9, "USD", False),
    ("8.14 BILLION DLRS", 8.14e9, "USD", False),
    ("15.6 mln dlrs", 15.6e6, "USD", False),
    ("a 50 mln dlr", 5e7, "USD", False),
    ("1,234.5 billion yen", 1234.5e9, "JPY", False),
    ("US$20 million", 2e7, "USD", False),
    ("US$ 20 million", 2e7, "USD", False),
    ("A$5 million", 5e6, "AUD", False),
    ("A$ 5m", 5e6, "AUD", False),
    ("5 mln Australian dlrs", 5e6, "AUD", False),
    ("200 million Australian dollars", 2e8, "AUD", False),
    ("HK$3.5 billion", 3.5e9, "HKD", False),
    ("S$40mn", 4e7, "SGD", False),
    ("C$1.2 billion", 1.2e9, "CAD", False),
    ("€5 billion", 5e9, "EUR", False),
    ("5 billion euros", 5e9, "EUR", False),
    ("EUR 750 million", 7.5e8, "EUR", False),
    ("£3m", 3e6, "GBP", False),
    ("10 mln stg", 1e7, "GBP", False),
    ("12.3 bln marks", 12.3e9, "DEM", False),
    ("4.5 bln Swiss francs", 4.5e9, "CHF", False),
    ("2 billion yuan", 2e9, "CNY", False),
    ("LKR 3.2 billion", 3.2e9, "LKR", False),
    ("SDR 1.5 billion", 1.5e9, "XDR", False),
    ("1.5 bln SDRs", 1.5e9, "XDR", False),
    ("50 billion tenge", 5e10, "KZT", False),
    ("nearly 2 bln dlrs", 2e9, "USD", True),
    ("some 300 mln dlrs", 3e8, "USD", True),
    ("over $1 billion", 1e9, "USD", True),
    ("more than 5 bln dlrs", 5e9, "USD", True),
    ("around 700 million dollars", 7e8, "USD", True),
    ("up to $500 million", 5e8, "USD", True),
    ("roughly 1.1 trillion yen", 1.1e12, "JPY", True),
    ("approximately US$ 2 billion", 2e9, "USD", True),
    ("an estimated 3 bln dlrs", 3e9, "USD", True),
    ("between 5 and 6 bln dlrs", 5e9, "USD", False),
    ("5-6 bln dlrs", 5e9, "USD", False),
    ("between 500,000 dlrs and 40 mln dlrs", 5e5, "USD", False),
    ("around JD 30 million", 3e7, "JOD", True),
    ("1.2 to 1.5 billion dollars", 1.2e9, "USD", False),
    ("a $50-million", 5e7, "USD", False),
    ("$7.5-million", 7.5e6, "USD", False),
    ("one billion dollars", 1e9, "USD", False),
    ("a billion dollars", 1e9, "USD", False),
    ("half a billion dollars", 5e8, "USD", False),
    ("two hundred million dollars", 2e8, "USD", False),
    ("1-1/2 billion dlrs", 1.5e9, "USD", False),
    ("500,000 dlrs", 5e5, "USD", False),
    ("$50k", 5e4, "USD", False),
    ("Rs. 500 crore", 5e9, "LKR", False),
    ("25 lakh rupees", 2.5e6, "LKR", False),
    ("1,000 mln dlrs", 1e9, "USD", False),
    ("3 billion won", 3e9, "KRW", False),
    ("400 million rupiah", 4e8, "IDR", False),
    ("$ 12 billion", 1.2e10, "USD", False),
    ("1 billion U.S. dollars.", 1e9, "USD", False),
    # spelled fractions and the hedges of the blind-set decisions
    ("two and a half billion dollars", 2.5e9, "USD", False),
    ("one and a half billion dlrs", 1.5e9, "USD", False),
    ("half a billion dollars", 5e8, "USD", False),
    ("three and three quarters billion dlrs", 3.75e9, "USD", False),
    ("one and a quarter million pounds sterling", 1.25e6, "GBP", False),
    ("an estimated $5 billion", 5e9, "USD", True),
    ("a little under $3bn", 3e9, "USD", True),
    ("in the region of 40 mln stg", 4e7, "GBP", True),
]


@pytest.mark.parametrize("text,amount,currency,approximate", CASES)
def test_parse_money(text: str, amount: float, currency: str, approximate: bool) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.amount == pytest.approx(amount)
    assert money.currency == currency
    assert money.approximate is approximate


def test_table_is_big_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("text,upper", [
    ("$1.2 million to $23.5 million", 23.5e6),
    ("between 5 and 6 bln dlrs", 6e9),
    ("5-6 bln dlrs", 6e9),
    ("$1 billion", None),
])
def test_range_upper_bound(text: str, upper: float | None) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.upper == (pytest.approx(upper) if upper else None)


@pytest.mark.parametrize("text,amount", [
    # the dot of an abbreviated currency glued to the number is no decimal point
    ("Rs.5 billion", 5e9),
    ("Rs.2,371 million", 2371e6),
    ("Rs.5bn", 5e9),
    ("$.5 billion", 0.5e9),
    # a scale written only after the second bound applies to a first bound with a prefix
    # currency and no scale of its own
    ("USD 800-900 million", 800e6),
    ("$5-7 billion", 5e9),
    ("between $5 and $7 billion", 5e9),
    # but not to a first bound already the larger number, nor past a currency after it
    ("$500,000 to 2 million", 500e3),
    ("500,000 dlrs and 40 mln dlrs", 500e3),
])
def test_amount_of_glued_currency_and_range(text: str, amount: float) -> None:
    money = parse_money(text)
    assert money is not None
    assert money.amount == pytest.approx(amount)


@pytest.mark.parametrize("text", [
    "", "dollars", "the talks", "5 tonnes", "won 5", "1990s", "G7", "about", "3rd"])
def test_not_money(text: str) -> None:
    money = parse_money(text)
    assert money is None


@pytest.mark.parametrize("text,value", [
    ("1,234.5", 1234.5), ("1-1/2", 1.5), ("3/4", 0.75), ("one", 1), ("twenty five", 25),
    ("one hundred", 100), ("a", 1), ("half", 0.5), ("x", None), ("", None),
    ("two and a half", 2.5), ("a quarter", 0.25), ("three quarters", 0.75),
    ("five and six", None),  # not a fraction: a range is parse_money's job
])
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("candidates,countries,expected", [
    (("LKR", "INR", "PKR", "NPR"), [], "LKR"),
    (("LKR", "INR", "PKR", "NPR"), ["IND", "NPL"], "INR"),
    (("LKR", "INR", "PKR", "NPR"), ["USA", "PAK"], "PKR"),
    (("FRF", "CHF", "BEF"), ["CHE"], "CHF"),
    (("USD",), ["AUS"], "USD"),
    ((), ["AUS"], ""),
])
def test_resolve_currency(candidates: tuple[str, ...], countries: list[str],
                          expected: str) -> None:
    assert resolve_currency(candidates, countries) == expected


def test_tables_come_from_the_data_files(tmp_path) -> None:
    (tmp_path / "gazetteers").mkdir()
    (tmp_path / "gazetteers" / "currencies.csv").write_text(
        "text,code,kind,case,position\nzorks,ZZZ,name,lower,suffix\n", encoding="utf-8")
    (tmp_path / "gazetteers" / "money_words.csv").write_text(
        "text,code,kind,case\ngrand,1000,scale,lower\ncirca,approximate,hedge,lower\n",
        encoding="utf-8")
    tables = MoneyTables.from_dir(tmp_path)
    money = parse_money("circa 5 grand Zorks", tables)
    assert money is not None
    assert (money.amount, money.currency, money.approximate) == (5000, "ZZZ", True)
    assert parse_money("5 million dollars", tables) is None  # neither word in these tables


@pytest.mark.parametrize("text,suffix", [
    ("5 bln dlrs", True), ("$5 billion", False), ("USD 5 billion", False),
    ("5 to 6 bln dlrs", True), ("A$ 5 million", False),
])
def test_currency_position(text: str, suffix: bool) -> None:
    assert parse_money(text).suffix is suffix

"""Review field validation: what a reviewer may type into each editable field, and the
message a bad value gets; prefill of an added row from the selected text."""

from __future__ import annotations

import pytest

from pipeline.review.fields import (FieldError, added_row, granularity, iso_bounds, prefill,
                                    sentence_at, validate, vocabulary)


@pytest.fixture(scope="module")
def vocab():
    return vocabulary()


@pytest.mark.parametrize("table,given,field,expected", [
    ("leaders", {"name": "  Emomali   Rahmon ", "title": "President", "country": "tjk"},
     "name", "Emomali Rahmon"),
    ("leaders", {"name": "Antonio Guterres", "title": "Secretary-General", "country": "UN"},
     "country", "UN"),
    ("leaders", {"name": "A", "title": "", "country": ""}, "country", ""),
    ("dates", {"value": "2021"}, "value", "2021"),
    ("dates", {"value": "2021-05"}, "value", "2021-05"),
    ("dates", {"value": "2021-05-20"}, "value", "2021-05-20"),
    ("dates", {"value": "2021-05/2021-06"}, "value", "2021-05/2021-06"),
    ("dates", {"value": "2024-02-29"}, "value", "2024-02-29"),
    ("documents", {"doc_type": "memorandum", "countries": "tjk, kaz KAZ"}, "countries",
     "KAZ;TJK"),
    ("documents", {"doc_type": "treaty", "status": "in force"}, "status", "in_force"),
    ("documents", {"doc_type": "treaty"}, "status", "signed"),
    ("trade", {"amount": "1,000,000", "currency": "usd"}, "amount", 1_000_000.0),
    ("trade", {"amount": "2.5e9", "currency": "EUR"}, "amount", 2.5e9),
    ("trade", {"amount": "", "currency": ""}, "amount", None),
    ("trade", {"amount": 7, "currency": "RUB", "measure": "exports"}, "measure", "exports"),
])
def test_review_fields_valid_values_are_normalized(vocab, table, given, field, expected):
    assert validate(table, given, vocab)[field] == expected


@pytest.mark.parametrize("table,given,field,message", [
    ("leaders", {"name": "", "country": "KAZ"}, "name", "name must not be empty"),
    ("leaders", {"name": "A", "country": "XX1"}, "country", "'XX1' is not a country code"),
    ("leaders", {"name": "A", "country": "KAZ;TJK"}, "country", "is not a country code"),
    ("leaders", {"name": "A" * 501}, "name", "too long (501 characters"),
    ("leaders", {"name": "A", "age": "3"}, "age", "not a known field of the leaders table"),
    ("dates", {"value": ""}, "value", "value must not be empty"),
    ("dates", {"value": "20 May 2021"}, "value", "'20 May 2021' is not an ISO date"),
    ("dates", {"value": "2021-02-30"}, "value", "'2021-02-30' is not an ISO date"),
    ("dates", {"value": "2021-13"}, "value", "is not an ISO date"),
    ("dates", {"value": "2022/2021"}, "value", "is not an ISO date"),
    ("dates", {"value": "2021/2022/2023"}, "value", "is not an ISO date"),
    ("documents", {"doc_type": "pact"}, "doc_type", "'pact' is not one of: agreement"),
    ("documents", {"doc_type": "exclude"}, "doc_type", "is not one of"),
    ("documents", {"doc_type": "treaty", "signed_date": "yesterday"}, "signed_date",
     "'yesterday' is not an ISO date"),
    ("documents", {"doc_type": "treaty", "status": "ratified"}, "status",
     "'ratified' is not one of: signed, in_force, planned"),
    ("trade", {"amount": "lots"}, "amount", "'lots' is not a number"),
    ("trade", {"amount": "-5"}, "amount", "is not a number"),
    ("trade", {"amount": "nan"}, "amount", "is not a number"),
    ("trade", {"amount": "1", "currency": "DOLLARS"}, "currency",
     "'DOLLARS' is not an ISO 4217 currency code"),
    ("trade", {"amount": "1", "period": "last year"}, "period", "is not an ISO date"),
    ("trade", {"amount": "1", "countries": "KAZ;Narnia"}, "countries",
     "'KAZ;Narnia' is not a country code"),
])
def test_review_fields_bad_values_get_a_message_naming_field_and_value(vocab, table, given,
                                                                       field, message):
    with pytest.raises(FieldError) as info:
        validate(table, given, vocab)
    assert info.value.field == field
    assert message in str(info.value)


@pytest.mark.parametrize("value,first,last", [
    ("2021", "2021-01-01", "2021-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2021-05-20", "2021-05-20", "2021-05-20"),
    ("2021-11/2022-01", "2021-11-01", "2022-01-31"),
])
def test_review_fields_iso_bounds(value, first, last):
    bounds = iso_bounds(value)
    assert bounds is not None and (bounds[0].isoformat(), bounds[1].isoformat()) == (first, last)


@pytest.mark.parametrize("value,expected", [("2021", "year"), ("2021-05", "month"),
                                            ("2021-05-20", "day"), ("2021/2022", "range")])
def test_review_fields_granularity_follows_the_value(value, expected):
    assert granularity(value) == expected


TEXT = ("On Thursday May 20, Tajik President Emomali Rahmon held talks with Kazakh President "
        "Kassym-Jomart Tokayev.\nLast year, trade between Tajikistan and Kazakhstan reached "
        "about 1 billion U.S. dollars.")


def span(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


@pytest.mark.parametrize("table,needle,expected", [
    ("leaders", "Kassym-Jomart Tokayev",
     {"name": "Kassym-Jomart Tokayev", "title": "President", "country": "KAZ"}),
    ("leaders", "Emomali Rahmon", {"name": "Emomali Rahmon", "title": "President",
                                   "country": "TJK"}),
    ("dates", "Thursday May 20", {"value": "2021-05-20"}),
    ("dates", "Last year", {"value": "2020"}),
    ("trade", "about 1 billion U.S. dollars",
     {"amount": 1e9, "currency": "USD", "measure": "trade", "countries": "KAZ;TJK"}),
])
def test_review_fields_prefill_from_the_selection_and_its_sentence(vocab, table, needle,
                                                                   expected):
    found = prefill(table, TEXT, *span(needle), "2021-05-20", vocab)
    assert {k: found[k] for k in expected} == expected


def test_review_fields_sentence_of_a_span():
    assert sentence_at(TEXT, *span("1 billion")).startswith("Last year, trade")
    assert sentence_at(TEXT, *span("Tokayev")).endswith("Kassym-Jomart Tokayev.")


def test_review_fields_added_row_has_every_column_and_a_stable_row_id(vocab):
    values = validate("trade", {"amount": "1e9", "currency": "USD", "countries": "TJK;KAZ"},
                      vocab)
    row = added_row("trade", "a1", TEXT, *span("about 1 billion U.S. dollars"), values)
    again = added_row("trade", "a1", TEXT, *span("about 1 billion U.S. dollars"), values)
    assert row["row_id"] == again["row_id"] and row["row_id"].startswith("t-")
    assert row["text"] == "about 1 billion U.S. dollars" and row["rule"] == "review:added"
    assert row["countries"] == "KAZ;TJK" and row["confidence"] == 1.0
    assert row["sentence"].startswith("Last year")

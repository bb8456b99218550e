"""Offices named after a state body ("Director of the Federal Security Service X")."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("text,name,title", [
    ("Director of the Federal Security Service Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Director of the Federal Security Service"),
    ("Director of the Foreign Intelligence Service Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Director of the Foreign Intelligence Service"),
    ("Chief of Staff of the Presidential Executive Office Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Chief of Staff of the Presidential Executive Office"),
    ("Deputy Chairman of the Security Council Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Deputy Chairman of the Security Council"),
    ("Secretary of the Security Council Ivan Sokol attended the meeting.",
     "Ivan Sokol", "Security Council Secretary"),
    ("The President met General Director of the Roscosmos State Corporation Ivan Sokol.",
     "Ivan Sokol", "General Director of the Roscosmos State Corporation"),
    ("Prosecutor-General Ivan Sokol opened the case.", "Ivan Sokol", "Prosecutor General"),
    ("Prosecutor General Ivan Sokol opened the case.", "Ivan Sokol", "Prosecutor General"),
    ("Attorney General Ivan Sokol opened the case.", "Ivan Sokol", "Attorney General"),
    ("Senior Additional Secretary to the President, Mr. Ivan Sokol, was present.",
     "Ivan Sokol", "Secretary to the President"),
    ("Adviser to the Head of the President's Office Ivan Sokol spoke at a briefing.",
     "Ivan Sokol", "Adviser to the Head of the President's Office"),
    ("Chief of the General Staff Ivan Sokol reported on the exercise.",
     "Ivan Sokol", "Chief of the General Staff"),
])
def test_body_office(make_doc, text: str, name: str, title: str) -> None:
    rows = {r.name: r.title for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == title


@pytest.mark.parametrize("text,name,country", [
    # a country director or manager is a company's unless a state or organization is named
    ("Country Director Ivan Sokol opened the new store.", "Ivan Sokol", None),
    ("World Bank Country Director Ivan Sokol met the minister.", "Ivan Sokol", "WB"),
    ("World Bank Country Manager Ivan Sokol met the minister.", "Ivan Sokol", "WB"),
])
def test_ambiguous_body_office(make_doc, text: str, name: str, country: str | None) -> None:
    rows = {r.name: r.country for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == country


@pytest.mark.parametrize("text,name,title", [
    # a portfolio after "Representative for", ended by the name (the model's PERSON entity)
    ("The meeting was attended by Special Presidential Representative for Environmental "
     "Protection, Ecology and Transport Ivan Sokol and Foreign Minister Anna Berg.",
     "Ivan Sokol",
     "Special Presidential Representative for Environmental Protection, Ecology and Transport"),
    ("The meeting was attended by Special Presidential Representative for Environmental "
     "Protection, Ecology and Transport Ivan Sokol and Foreign Minister Anna Berg.",
     "Anna Berg", "Foreign Minister"),
    # an apposition whose office goes on with "on"/"for" and a portfolio
    ("Mr Ivan Sokol, Senior Advisor to the President on Economic Affairs; Mr Karl Dorn, "
     "Foreign Minister.", "Ivan Sokol", "Senior Advisor to the President on Economic Affairs"),
    ("Ivan Sokol, Minister of Foreign Affairs and Trade of Hungary, who is on a visit.",
     "Ivan Sokol", "Minister of Foreign Affairs and Trade"),
    ("Ivan Sokol, Special Envoy for Climate Affairs, said talks went well.", "Ivan Sokol",
     "Special Envoy for Climate Affairs"),
    ("Ivan Sokol, Foreign Minister, said talks went well.", "Ivan Sokol", "Foreign Minister"),
    # the name after ", and" starts the list's next item, not the portfolio's name
    ("The U.S. side will be Ivan Sokol, Secretary of the Treasury, and Karl Dorn, United "
     "States Trade Representative.", "Karl Dorn", "Trade Representative"),
])
def test_portfolio_office(make_doc, text: str, name: str, title: str) -> None:
    rows = {r.name: r.title for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == title


@pytest.mark.parametrize("text,name,country", [
    ("Ivan Sokol, Minister of Foreign Affairs and Trade of Hungary, who is on a visit.",
     "Ivan Sokol", "HUN"),
    ("India's Commerce and Industry Minister Ivan Sokol said investment would grow.",
     "Ivan Sokol", "IND"),
])
def test_portfolio_office_country(make_doc, text: str, name: str, country: str) -> None:
    rows = {r.name: r.country for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == country


@pytest.mark.parametrize("text,absent", [
    ("India's Commerce and Industry Minister Ivan Sokol said investment would grow.",
     "Commerce"),
    # the portfolio word after "Ministers of" is no name
    ("The team was led by the President, State Ministers of Finance, the Governor of the "
     "Bank of England and other officials.", "Finance"),
    # the portfolio's last word before the PERSON entity stays in the office
    ("Special Presidential Representative for Environmental Protection, Ecology, and Transport "
     "Ivan Sokol attended.", "Transport Ivan Sokol"),
])
def test_portfolio_words_are_no_names(make_doc, text: str, absent: str) -> None:
    assert absent not in {r.name for r in make_doc(text)._.rows["leaders"]}


@pytest.mark.parametrize("text,name,country", [
    # central banks and other state institutions (models/gazetteers/leaders.csv) name the state
    ("Federal Reserve Board Chairman Ivan Sokol said growth would slow.", "Ivan Sokol", "USA"),
    ("Fed Chairman Ivan Sokol said growth would slow.", "Ivan Sokol", "USA"),
    ("Bank of Japan Governor Ivan Sokol said rates would stay low.", "Ivan Sokol", "JPN"),
    ("Governor of the Bank of England Ivan Sokol said rates would stay low.", "Ivan Sokol",
     "GBR"),
    ("Bundesbank President Ivan Sokol said rates would stay low.", "Ivan Sokol", "DEU"),
])
def test_state_institution_office(make_doc, text: str, name: str, country: str) -> None:
    rows = {r.name: r.country for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == country


@pytest.mark.parametrize("text,name,title,country", [
    # office, comma, a name of two or three words, comma
    ("The meeting was attended by Senior Additional Secretary to the President, Ivan Sokol, "
     "and others.", "Ivan Sokol", "Secretary to the President", ""),
    # an apposition with a portfolio and the organization after "at"
    ("Ivan Sokol, Vice President for Eastern Europe at the World Bank, said the loan was "
     "approved.", "Ivan Sokol", "Vice President for Eastern Europe", "WB"),
])
def test_comma_offices(make_doc, text: str, name: str, title: str, country: str) -> None:
    rows = {r.name: (r.title, r.country) for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == (title, country)


@pytest.mark.parametrize("text", [
    "As Prime Minister, Ivan said the deal was done.",  # one word: no name
    "As Prime Minister, Boris Johnson And Co said the deal was done.",
])
def test_comma_office_needs_a_closed_name(make_doc, text: str) -> None:
    assert not make_doc(text)._.rows["leaders"]


@pytest.mark.parametrize("text,name,title,country", [
    # the state's head's office: "US President's National Security Advisor X"
    ("Officials spoke with US President's National Security Advisor Ivan Sokol on Monday.",
     "Ivan Sokol", "National Security Adviser", "USA"),
    ("Russia's President's Press Secretary Ivan Sokol said talks went well.",
     "Ivan Sokol", "Press Secretary", "RUS"),
])
def test_office_of_a_states_head(make_doc, text: str, name: str, title: str,
                                 country: str) -> None:
    rows = {r.name: (r.title, r.country) for r in make_doc(text)._.rows["leaders"]}
    assert rows.get(name) == (title, country)


def test_portfolio_list_tail_dropped(make_doc) -> None:
    text = ("The meeting included World Bank Regional Country Director for Nepal, Maldives, and "
            "Sri Lanka, Ivan Sokol; and others.")
    rows = {r.name: (r.title, r.country) for r in make_doc(text)._.rows["leaders"]}
    assert rows.get("Ivan Sokol") == ("Country Director for Nepal, Maldives", "WB")

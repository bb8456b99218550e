"""Structures of the second accuracy round (issue 15) on sentences written for the test:
lists after plural offices, names that end where the next office starts, names of bodies
that are no person's, states written after a name, bracketed and lower-case portfolios,
ranks, the facts' spelling of a name."""

from __future__ import annotations

import pytest

Found = tuple[str, str]  # (name, country)

FOUND: list[tuple[str, str, list[Found]]] = [
    ("plural office, honorifics in the list",
     "Members of Parliament Mr. Kamal Perera, Mr. Sunil Silva and Mr. Ravi Fernando attended.",
     [("Kamal Perera", ""), ("Sunil Silva", ""), ("Ravi Fernando", "")]),
    ("plural office with 'to the'",
     "Senior Additional Secretaries to the President Kamal Perera and Nimal Silva were there.",
     [("Kamal Perera", ""), ("Nimal Silva", "")]),
    ("name ends where the next office starts",
     "It was attended by the Minister of Youth Affairs and Sports Kamal Perera Gamage "
     "Minister of Labour Nimal Silva and others.",
     [("Kamal Perera Gamage", ""), ("Nimal Silva", "")]),
    ("state after the name of a portfolio office",
     "Deputy National Security Advisor for Cyber and Emerging Technology Jane Doe of the "
     "United States of America met them in Tokyo.", [("Jane Doe", "USA")]),
    ("lower-case topic after the state",
     "Adviser to the President of Ukraine on economic issues Oleg Marchenko said so.",
     [("Oleg Marchenko", "UKR")]),
    ("bracketed portfolio, a city before the name",
     "First Secretary (Commerce) of the Embassy of Sri Lanka in Riyadh Kamala Perera also "
     "took part.", [("Kamala Perera", "LKA")]),
    ("abbreviated rank between office and name",
     "National Cyber Security Coordinator Lt General Ravi Nair of India took part.",
     [("Ravi Nair", "IND")]),
    ("lower-case office of an organization",
     "The restraint is not enough, EC external trade chief Willy de Clercq said.",
     [("Willy de Clercq", "EU")]),
    ("state institution before an aide",
     "On Monday, Kremlin Aide Ushakov said the summit was a success.",
     [("Ushakov", "RUS")]),
    ("the curated spelling of a known name",
     "He spoke with President of the Republic of Kazakhstan Kassym Jomart-Tokayev.",
     [("Kassym-Jomart Tokayev", "KAZ")]),
    ("a state body's own body",
     "Taiwan's Economic Ministry approved the plan. John Ni, director of the Ministry's "
     "Industrial Development and Investment Centre (IDIC), said firms would invest.",
     [("John Ni", "TWN")]),
]

NOT_FOUND: list[tuple[str, str]] = [
    ("plural possessive of a body",
     "Mr. Kamal Perera, President of the Sri Lanka Book Publishers’ Association, spoke."),
    ("honorific after a body's name",
     "Secretary General of the Sri Lanka Amarapura Maha Sangha Sabha Ven. Kamal Thero spoke."),
    ("department of a university",
     "Also present was the Head of the Department of Integrated Design at the University of "
     "Moratuwa, Kamala Perera."),
    ("body named with an acronym",
     "He met the President of the General Authority of Free Zones and Investment (GAFI) today."),
    ("office of a federation gives no known leader",
     "Vladimir Putin congratulated Ivan Petrov, President of the Russian Hockey Federation, on "
     "his birthday."),
    ("a word after ', the' is no name",
     "It was attended by the Assistant Director of the Presidential Secretariat's Tri-Forces "
     "Coordination Unit, the Principal and teaching staff of the college."),
]


def leaders(make_doc, text: str) -> list:
    return make_doc(text)._.rows["leaders"]


@pytest.mark.parametrize("case,text,expected", FOUND, ids=[f[0] for f in FOUND])
def test_found(make_doc, case: str, text: str, expected: list[Found]) -> None:
    assert [(r.name, r.country) for r in leaders(make_doc, text)] == expected


@pytest.mark.parametrize("case,text", NOT_FOUND, ids=[n[0] for n in NOT_FOUND])
def test_not_found(make_doc, case: str, text: str) -> None:
    assert [(r.name, r.title) for r in leaders(make_doc, text)] == []

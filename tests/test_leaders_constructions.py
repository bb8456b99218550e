"""Each construction of issue 3 on sentences written for the test: text -> leaders rows."""

from __future__ import annotations

import pytest

Leader = tuple[str, str, str]  # (name, title, country)

CONSTRUCTIONS: list[tuple[str, str, list[Leader]]] = [
    # demonym / adjective + office + name
    ("demonym_title", "Tajik President Emomali Rahmon opened the new bridge on Monday.",
     [("Emomali Rahmon", "President", "TJK")]),
    ("demonym_title", "The talks were hosted by Emirati Foreign Minister Abdullah bin Zayed.",
     [("Abdullah bin Zayed", "Foreign Minister", "ARE")]),
    ("demonym_title", "Sri Lankan President Anura Kumara Dissanayake left for Beijing.",
     [("Anura Kumara Dissanayake", "President", "LKA")]),
    ("demonym_title", "Russian Deputy Foreign Minister Andrei Rudenko met the delegation.",
     [("Andrei Rudenko", "Deputy Foreign Minister", "RUS")]),
    ("demonym_title", "Saudi Crown Prince Mohammed bin Salman received the envoy.",
     [("Mohammed bin Salman", "Crown Prince", "SAU")]),
    ("demonym_title", "the Kazakh president Kassym-Jomart Tokayev said on Friday.",
     [("Kassym-Jomart Tokayev", "President", "KAZ")]),
    # country + office + name
    ("country_title", "Kazakhstan President Kassym-Jomart Tokayev arrived in the capital.",
     [("Kassym-Jomart Tokayev", "President", "KAZ")]),
    ("country_title", "U.S. Secretary of State Antony Blinken will travel to Kyiv.",
     [("Antony Blinken", "Secretary of State", "USA")]),
    ("country_title", "Viet Nam's Prime Minister Pham Minh Chinh chaired the session.",
     [("Pham Minh Chinh", "Prime Minister", "VNM")]),
    ("country_title", "Türkiye's President Recep Tayyip Erdoğan phoned his counterpart.",
     [("Recep Tayyip Erdoğan", "President", "TUR")]),
    ("country_title", "the Russian Federation's Foreign Minister Sergey Lavrov told reporters.",
     [("Sergey Lavrov", "Foreign Minister", "RUS")]),
    # office of country + name
    ("title_of_country", "President of Kazakhstan Kassym-Jomart Tokayev arrived in Dushanbe.",
     [("Kassym-Jomart Tokayev", "President", "KAZ")]),
    ("title_of_country", "He met President of the Republic of Azerbaijan Ilham Aliyev in Baku.",
     [("Ilham Aliyev", "President", "AZE")]),
    ("title_of_country", "A call with President of the People's Republic of China Xi Jinping.",
     [("Xi Jinping", "President", "CHN")]),
    ("title_of_country", "Later, the Minister of Foreign Affairs of Tajikistan Sirojiddin "
     "Muhriddin spoke.", [("Sirojiddin Muhriddin", "Foreign Minister", "TJK")]),
    # office + name + of country
    ("title_name_of_country", "Prime Minister Justin Trudeau of Canada joined the call.",
     [("Justin Trudeau", "Prime Minister", "CAN")]),
    ("title_name_of_country", "His Majesty King Abdullah II of Jordan visited Washington.",
     [("Abdullah II", "King", "JOR")]),
    ("title_name_of_country", "They welcomed President Ursula von der Leyen of the European "
     "Commission.", [("Ursula von der Leyen", "President", "EU")]),
    # name, office of country (apposition)
    ("apposition", "Narendra Modi, Prime Minister of India, addressed the summit.",
     [("Narendra Modi", "Prime Minister", "IND")]),
    ("apposition", "The letter was signed by Ali Sabry, Sri Lanka's Foreign Minister.",
     [("Ali Sabry", "Foreign Minister", "LKA")]),
    # heads of international organizations
    ("organization", "UN Secretary-General António Guterres welcomed the deal.",
     [("António Guterres", "Secretary-General", "UN")]),
    ("organization", "Secretary-General of the United Nations António Guterres spoke first.",
     [("António Guterres", "Secretary-General", "UN")]),
    ("organization", "IMF Managing Director Kristalina Georgieva praised the reforms.",
     [("Kristalina Georgieva", "Managing Director", "IMF")]),
    ("organization", "NATO Secretary General Jens Stoltenberg arrived in Vilnius.",
     [("Jens Stoltenberg", "Secretary-General", "NATO")]),
    # ambassadors: the sending state, not the host
    ("ambassador", "Japanese Ambassador Akio Isomata handed over the equipment.",
     [("Akio Isomata", "Ambassador", "JPN")]),
    ("ambassador", "U.S. Ambassador to Sri Lanka Julie Chung attended.",
     [("Julie Chung", "Ambassador", "USA")]),
    ("ambassador", "The Ambassador of Japan to Sri Lanka Akio Isomata attended.",
     [("Akio Isomata", "Ambassador", "JPN")]),
    ("ambassador", "The High Commissioner of India Santosh Jha met the Speaker.",
     [("Santosh Jha", "High Commissioner", "IND")]),
    # senior officials, state bodies
    ("official", "White House Press Secretary Karine Jean-Pierre said the visit was useful.",
     [("Karine Jean-Pierre", "Press Secretary", "USA")]),
    ("official", "Kremlin spokesman Dmitry Peskov declined to comment.",
     [("Dmitry Peskov", "Spokesperson", "RUS")]),
    ("official", "U.S. National Security Advisor Jake Sullivan met his counterpart.",
     [("Jake Sullivan", "National Security Adviser", "USA")]),
    ("official", "Vice President Maria Oakes spoke with the press.",
     [("Maria Oakes", "Vice President", "")]),
    # portfolio written out
    ("portfolio", "Kazakh Minister of Trade and Integration Bakhyt Sultanov signed the "
     "protocol.", [("Bakhyt Sultanov", "Minister of Trade", "KAZ")]),
    # lists
    # surnames with the office the facts give them: the facts' states
    ("list", "Presidents Rahmon and Tokayev discussed trade.",
     [("Rahmon", "President", "TJK"), ("Tokayev", "President", "KAZ")]),
    ("list", "Presidents Petrov and Ivanko discussed trade.",
     [("Petrov", "President", ""), ("Ivanko", "President", "")]),
    ("list", "Tajik and Kazakh Presidents Emomali Rahmon and Kassym-Jomart Tokayev met.",
     [("Emomali Rahmon", "President", "TJK"), ("Kassym-Jomart Tokayev", "President", "KAZ")]),
    ("list", "Presidents of Tajikistan and Kazakhstan Emomali Rahmon and Kassym-Jomart "
     "Tokayev met.", [("Emomali Rahmon", "President", "TJK"),
                      ("Kassym-Jomart Tokayev", "President", "KAZ")]),
    ("list", "the leaders of Russia and China, Vladimir Putin and Xi Jinping, met in Moscow.",
     [("Vladimir Putin", "", "RUS"), ("Xi Jinping", "", "CHN")]),
    ("list", "Foreign Ministers Lavrov and Wang Yi of Russia and China held talks.",
     [("Lavrov", "Foreign Minister", "RUS"), ("Wang Yi", "Foreign Minister", "CHN")]),
    ("list", "The Presidents of Azerbaijan, Kazakhstan, Kyrgyzstan and Uzbekistan, Ilham Aliyev, "
     "Kassym-Jomart Tokayev, Sadyr Japarov and Shavkat Mirziyoyev, signed the declaration.",
     [("Ilham Aliyev", "President", "AZE"), ("Kassym-Jomart Tokayev", "President", "KAZ"),
      ("Sadyr Japarov", "President", "KGZ"), ("Shavkat Mirziyoyev", "President", "UZB")]),
    # two offices joined, modifiers, hyphenated names
    ("joined_offices", "Jordanian Deputy Prime Minister and Foreign Minister Ayman Safadi spoke.",
     [("Ayman Safadi", "Foreign Minister", "JOR")]),
    ("apposition", "The minister met Dr. Ali Bagheri Kani, the acting Iranian Foreign Minister.",
     [("Ali Bagheri Kani", "Foreign Minister", "IRN")]),
    ("hyphenated", "South Korean Trade Minister Rha Woong-bae told reporters.",
     [("Rha Woong-bae", "Minister of Trade", "KOR")]),
    # office without a country
    ("title_only", "President Varga and President El-Hadi met in Sharm el-Sheikh.",
     [("Varga", "President", ""), ("El-Hadi", "President", "")]),
    ("title_only", "PRESIDENT BIDEN: Thank you all for coming.", [("Biden", "President", "USA")]),
    # the Pope's office is the Holy See's (titles.csv `state`)
    ("title_only", "Pope Francis received the delegation.", [("Francis", "Pope", "VAT")]),
]

MERGING: list[tuple[str, str, list[tuple[str, str, str, int]]]] = [
    ("all forms of one person",
     "Kazakh President Kassym-Jomart Tokayev arrived on Monday. President Tokayev met "
     "students. Mr Tokayev then left. The Kazakh leader Tokayev said he was pleased.",
     [("Kassym-Jomart Tokayev", "President", "KAZ", 4)]),
    ("surname first in text",
     "President Xi said trade grew. Chinese President Xi Jinping then left Moscow.",
     [("Xi Jinping", "President", "CHN", 2)]),
    ("specific title wins over the bare one",
     "Minister Sabra met the envoy. Foreign Minister Ali Sabra later spoke. Minister Sabra left.",
     [("Ali Sabra", "Foreign Minister", "", 3)]),
    ("office named without a person",
     "President Putin spoke by phone with the Finnish leader. The President of Russia stressed "
     "the importance of cooperation.",
     [("Putin", "President", "RUS", 1)]),
]

NOT_LEADERS: list[tuple[str, str]] = [
    ("company president", "Microsoft President Brad Smith visited the data centre."),
    ("journalist", "Reporter John Smith of the Daily News asked about the visit."),
    ("chamber", "The talks were attended by Chairman Rohan Perera of the Chamber of Commerce."),
    ("body named after a state", "John Doe, President of Sri Lanka Cricket, resigned."),
    ("athlete", "Striker Lionel Messi scored twice in Doha."),
    ("honorific only", "Mr Smith and Dr Jones met on Monday."),
    ("office without a name", "The President of France will visit Moscow next week."),
    ("headline words", "President Engages with German Tourism Sector Representatives"),
    ("business", "Gazprom CEO Alexei Miller and chairman Viktor Zubkov attended."),
    ("lower-case president", "Profit will rise 15 pct, president Michael Brown told the meeting."),
    ("company's president", "The bank opened a branch; its President John Wu cut the ribbon."),
    ("office of an office",
     "Director of the Office of His Majesty the King Jafar Hassan attended."),
    ("acronym", "The report was signed by the Governor of the CBSL on Monday."),
]


def leaders(make_doc, text: str) -> list:
    return make_doc(text)._.rows["leaders"]


@pytest.mark.parametrize("construction,text,expected", CONSTRUCTIONS,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CONSTRUCTIONS)])
def test_construction(make_doc, construction: str, text: str, expected: list[Leader]) -> None:
    got = [(r.name, r.title, r.country) for r in leaders(make_doc, text)]
    assert got == expected


@pytest.mark.parametrize("case,text,expected", MERGING, ids=[m[0] for m in MERGING])
def test_merging(make_doc, case: str, text: str, expected: list) -> None:
    got = [(r.name, r.title, r.country, r.mentions) for r in leaders(make_doc, text)]
    assert got == expected


@pytest.mark.parametrize("case,text", NOT_LEADERS, ids=[n[0] for n in NOT_LEADERS])
def test_not_a_leader(make_doc, case: str, text: str) -> None:
    assert leaders(make_doc, text) == []


@pytest.mark.parametrize("construction,text,expected", CONSTRUCTIONS[:6],
                         ids=[c[0] for c in CONSTRUCTIONS[:6]])
def test_evidence(make_doc, construction: str, text: str, expected: list[Leader]) -> None:
    row = leaders(make_doc, text)[0]
    assert text[row.start:row.end] == row.name
    assert row.name in row.sentence
    assert row.rule and 0 < row.confidence <= 1

"""Constructions found in the errors of the fifth blind tuning draw (issue 15, round 5:
corpus/gold/blind/tune5.gold.jsonl). Texts written for these tests; each case is one
construction, with a near case that must not change."""

from __future__ import annotations

import pytest

from pipeline.extractors.base import rows_of
from helpers import leader_rows

DCT = "2022-04-04"
PMD = ("pmd.gov.lk", "https://pmd.gov.lk/news/x/")
ADA_DERANA = ("Ada Derana (English)", "https://www.adaderana.lk/news/1")


def _rows(nlp, text: str, table: str, dct: str = DCT, source: str = "") -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    doc._.dct_source = "metadata"
    doc._.source = source
    return rows_of(nlp(doc))[table]


# ---- dates: "today" meaning "nowadays", "May" the modal

@pytest.mark.parametrize("text,expected", [
    # a habit of others in the simple present is no day
    ("Today, half a million passengers use it on a daily basis.", []),
    ("He noted that today tens of thousands of people take to the streets of Berlin.", []),
    # a modal of ability or duty of others: a claim about the times
    ("He is convinced that today Ukraine could strengthen any alliance.", []),
    ("It is the position of the state that today Ukraine must return to its borders.", []),
    # ... but the speaker's modal, an occasion and the future are the day
    ("So that today we can say this: Ukraine is in the energy union.", ["2022-04-04"]),
    ("The ministers can meet today in Kyiv.", ["2022-04-04"]),
    ("Today we will sign the agreement.", ["2022-04-04"]),
    ("Today the President signed the decree.", ["2022-04-04"]),
    ("Today the two leaders meet in Kyiv.", ["2022-04-04"]),
    # "May" the modal at a sentence's start; the month after "in" and with a day
    ("May this blessed Vesak Poya Day illuminate the hearts of all with the light of Dhamma. "
     "The vote is in May, and May 5 is a holiday.", ["2022-05", "2022-05-05"]),
])
def test_today_and_may(nlp, text, expected):
    assert [r["value"] for r in _rows(nlp, text, "dates")] == expected


def test_a_markdown_link_around_a_date(nlp):
    """Ingest blanks the link's brackets and address (pipeline.ingest.readable)."""
    from pipeline.ingest import readable

    text = readable("The Vice President met the Prime Minister on [March 30]"
                    "(https://example.org/track/click?u=0a&id=ab8), where they talked.")
    assert [(r["text"], r["value"]) for r in _rows(nlp, text, "dates")] == [
        ("March 30", "2022-03-30")]


# ---- leaders: initials, the paragraph of a mention, a national outlet's officials

@pytest.mark.parametrize("text,where,expected", [
    ("Sri Lanka's President Gotabaya Rajapaksa met them. The meeting was attended by "
     "Secretary of the Ministry of Energy, A.B.C. Perera.", ("", ""),
     [("Gotabaya Rajapaksa", "LKA"), ("A.B.C. Perera", "LKA")]),
    # a state named in the headline above is not in the mention's sentence, nor is the
    # acronym in brackets after a guest's state
    ("Secretary to the President Meets UAE Ambassador\n\nA meeting took place today between "
     "Dr. Nandika Kumaranatunga, Secretary to the President, and Khaled Nasser AlQasimi, the "
     "Ambassador of the United Arab Emirates (UAE) to Sri Lanka.", PMD,
     [("Nandika Kumaranatunga", "LKA"), ("Khaled Nasser AlQasimi", "ARE")]),
    # a national outlet's official named before the first (foreign) head of state
    ("The Ministry of Finance has initiated talks on the tariffs.\n\nThe talks will be led by "
     "the Secretary to the Ministry of Finance, Dr. Harsha Wickramaratne.\n\n"
     "On April 3, U.S. President Donald Trump announced the tariffs.", ADA_DERANA,
     [("Harsha Wickramaratne", "LKA"), ("Donald Trump", "USA")]),
])
def test_leaders_state_evidence(nlp, text, where, expected):
    assert [(r.name, r.country) for r in leader_rows(nlp, text, where)] == expected


# ---- documents

@pytest.mark.parametrize("text,expected", [
    # the parser joins a second object to the signing verb
    ("Following the talks, Russia and Uzbekistan signed a protocol on amendments to the "
     "intergovernmental agreement on visa-free travel, and a programme of joint action on "
     "culture for 2023-2025.",
     [("protocol", "signed", "RUS;UZB"), ("program", "signed", "RUS;UZB")]),
    # a well-known document keeps all its parties when the text names one of them
    ("We reaffirm our support for the Abraham Accords and other peace and normalization "
     "arrangements with Israel. India and Israel welcomed it.",
     [("agreement", "in_force", "ARE;BHR;ISR;MAR;SDN;USA")]),
    # a planned signing takes no past date of its sentence as its time
    ("Shares rose yesterday after the minister said that an MoU is to be signed with the "
     "creditors of Sri Lanka in Japan soon.", []),
    ("India and Sri Lanka are to sign a memorandum in July.",
     [("memorandum", "planned", "IND;LKA")]),
])
def test_documents_constructions(nlp, text, expected):
    rows = _rows(nlp, text, "documents")
    assert [(r["doc_type"], r["status"], r["countries"]) for r in rows] == expected


# ---- leaders: a state body named before the office

def test_office_of_a_state_body_written_before_it(nlp):
    """"Electoral Commission chairman X" on the BBC: the commission is a state's, so the
    chairman (an office a company has too) is an official of the outlet's state; a company's
    chairman is no row."""
    bbc = ("BBC News", "http://news.bbc.co.uk/1/hi/uk_politics/1.stm")
    text = "Electoral Commission chairman Sam Youngman said parties need money."
    assert [(r.name, r.country) for r in leader_rows(nlp, text, bbc)] == [
        ("Sam Youngman", "GBR")]
    assert leader_rows(nlp, "Microsoft chairman Bill Gatesby spoke.", bbc) == []


# ---- trade: a national outlet's home currency, Northern Ireland

@pytest.mark.parametrize("text,expected", [
    # the outlet's currency, no state named: domestic spending, not aid between states
    ("There were almost £68m in reported donations to political parties, with nearly £12m "
     "of them from individual gifts. State funding would help all parties with two members "
     "in the European Parliament or the Northern Ireland Assembly.", []),
    # another state named in the sentence: a flow across a border
    ("Britain gave £5m in donations to flood victims in Pakistan.",
     [("GBP", "GBR;PAK", "aid")]),
])
def test_outlet_home_currency_flows(nlp, text, expected):
    doc = nlp.make_doc(text)
    doc._.source, doc._.url = "BBC News", "http://news.bbc.co.uk/1/hi/uk_politics/1.stm"
    assert [(r.currency, r.countries, r.measure) for r in nlp(doc)._.rows["trade"]] == expected

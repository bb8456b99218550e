"""Documents table: constructions found by probing unannotated articles (issue 15, round 4;
benchmarks/documents_probe.py). Texts written for these tests. Each case: text, the
publisher (`doc._.source`, "" for none), expected rows as (doc_type, status, countries,
signed_date) in text order; [] = no row."""

from __future__ import annotations

import pytest

from pipeline.extractors.base import rows_of

DCT = "2023-06-10"
UA = "president.gov.ua (English)"  # a government publisher: its state is UKR
LEAD = "President Volodymyr Zelenskyy of Ukraine addressed the parliament of Ukraine. "

CASES = [
    # ---- parties named by their officials or by "we"
    ("an official stands for his state",
     LEAD + "Following my meeting with President Joe Biden, a Joint Statement was adopted.",
     "", [("joint_statement", "signed", "UKR;USA")]),
    ("'we' on a government's site is its state",
     "Slovakia was mentioned. Last year, we, with the President of Slovakia, signed a "
     "Declaration on the European Perspective.",
     UA, [("declaration", "signed", "SVK;UKR")]),
    ("without a publisher 'we' is nobody",
     "Slovakia was mentioned. Last year, we, with the President of Slovakia, signed a "
     "Declaration on the European Perspective.",
     "", []),
    # ---- organizations
    ("a programme in an organization's name is no document, nor its nested name a party",
     "The United Nations Development Programme (UNDP) and the Ministry of Finance of Ghana "
     "signed a memorandum of understanding on debt data.",
     "", [("memorandum", "signed", "GHA;UNDP")]),
    # ---- hypotheses
    ("a condition holds for the conjoined signing verb",
     "It would be good if Ghana studied the issue again and signed a document with Togo.",
     "", []),
    ("the document of an intention",
     "Ghana and Togo signaled their intent to move forward with a Ghana-Togo Memorandum of "
     "Understanding on critical minerals.",
     "", []),
    ("a need to expand an agreement is no doubt that it exists",
     "The ministers discussed the need to expand the Free Trade Agreement between Ukraine and "
     "Canada.",
     "", [("agreement", "in_force", "CAN;UKR")]),
    ("a verb's infinitive is no intention",
     "Jamaica has been authorized to purchase U.S. wheat under an existing PL 480 agreement "
     "with the United States.",
     "", [("agreement", "in_force", "JAM;USA")]),
    ("a hoped-for conclusion is no signing",
     "It is hoped that Ghana and Togo continue to work toward the conclusion of a "
     "comprehensive free trade agreement.",
     "", []),
    ("an early conclusion is no signing",
     "Ghana and Togo agreed to work on the early conclusion of a free trade agreement.",
     "", []),
    ("an earlier signing is no early one",
     "Following the earlier signing of a memorandum of understanding between Ghana and Togo, "
     "the two countries opened a consulate.",
     "", [("memorandum", "signed", "GHA;TGO")]),
    ("the conjoined verb of a plan is planned (no time: no row)",
     "The leaders of Ghana and Togo plan to review trade and adopt a number of documents.",
     "", []),
    ("a conjoined signing after a discussion stays signed",
     "Ghana and Togo discussed trade and signed an agreement on customs.",
     "", [("agreement", "signed", "GHA;TGO")]),
    # ---- counted sets
    ("a misspelt plural counts, and a joint statement is none of the memoranda",
     "Sri Lanka and China have signed two Memorandae of Understanding to set up a working "
     "group on trade. A joint statement was issued by Sri Lanka and China.",
     "", [("memorandum", "signed", "CHN;LKA")] * 2
     + [("joint_statement", "signed", "CHN;LKA")]),
    ("agreements count a named memorandum among them",
     "Ghana and Togo signed three agreements. A memorandum on health was signed by Ghana and "
     "Togo.",
     "", [("agreement", "signed", "GHA;TGO")] * 2 + [("memorandum", "signed", "GHA;TGO")]),
    ("a state's IMF programme by its full name",
     "In alignment with Ukraine's International Monetary Fund program, Ukraine intends to "
     "reform state-owned enterprises.",
     "", [("program", "in_force", "IMF;UKR")]),
    ("a signing after the meeting's completion is on the event's programme",
     "President Zelenskyy of Ukraine and President Duda of Poland are holding a meeting. After "
     "its completion, a joint statement of the Presidents of Ukraine and Poland will be signed.",
     "", [("joint_statement", "planned", "POL;UKR")]),
    ("a well-known document named with a plural noun is no collection: one per date",
     "They reaffirmed the importance of consistently implementing all provisions of the "
     "trilateral statements of November 9, 2020, January 11, and November 26, 2021.",
     "", [("joint_statement", "in_force", "ARM;AZE;RUS")] * 3),
    # ---- one document named twice
    ("a day's possessive points back",
     "Ghana and Togo signed a Memorandum of Understanding (MOU) today. The signing of "
     "today's MOU underscores their commitment.",
     "", [("memorandum", "signed", "GHA;TGO")]),
    ("a definite repeat naming one of the parties",
     "A Memorandum of Understanding between the Ministry of Digital Transformation of Ukraine "
     "and Apple Inc. of the United States was signed in Kyiv. The signing of the Memorandum "
     "with Apple is an important step.",
     "", [("memorandum", "signed", "UKR;USA")]),
]


def _rows(nlp, text: str, source: str, dct: str = DCT) -> list[dict]:
    doc = nlp.make_doc(text)
    doc._.dct = dct
    doc._.dct_source = "metadata"
    doc._.source = source
    return rows_of(nlp(doc))["documents"]


@pytest.mark.parametrize("label,text,source,expected", CASES, ids=[c[0] for c in CASES])
def test_probe_structure(nlp, label, text, source, expected):
    rows = _rows(nlp, text, source)
    assert [(r["doc_type"], r["status"], r["countries"]) for r in rows] == expected


def test_list_item_under_discussion_is_no_document(nlp):
    text = ("Estonia and Latvia held talks in Tallinn on June 8.\n\nThe leaders agreed to:\n"
            "i. Continue discussions on the Economic Cooperation Agreement.\n"
            "ii. Explore the possibility of concluding a framework Agreement on Defence "
            "Cooperation.\n")
    assert _rows(nlp, text, "") == []


def test_announced_signing_is_planned_on_the_event_day(nlp):
    text = ("President Serdar Berdimuhamedov of Turkmenistan will visit Russia on June 12.\n\n"
            "During the talks, the two presidents intend to discuss trade. They will sign a "
            "Declaration on strengthening the strategic partnership between the Russian "
            "Federation and Turkmenistan.")
    rows = _rows(nlp, text, "")
    assert [(r["doc_type"], r["status"], r["countries"], r["signed_date"]) for r in rows] == [
        ("declaration", "planned", "RUS;TKM", "2023-06-12")]


def test_planned_signing_in_a_past_report_needs_a_time(nlp):
    text = ("President Serdar Berdimuhamedov of Turkmenistan visited Russia on June 8.\n\n"
            "The two presidents will sign a Declaration on strategic partnership between the "
            "Russian Federation and Turkmenistan.")
    assert _rows(nlp, text, "") == []

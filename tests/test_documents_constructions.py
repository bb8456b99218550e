"""Documents table: one case per construction (texts written for these tests), negatives
included. Each case: text, publication date, expected rows as
(doc_type, status, countries, signed_date) in text order; [] = no row."""

from __future__ import annotations

import pytest

from pipeline.extractors.base import rows_of

DCT = "2023-06-10"  # a Saturday

# A lead sentence naming the two principal states, for texts that only say "the two sides".
LEAD = ("President Alar Karis of Estonia held talks with President Edgars Rinkevics of Latvia "
        "in Tallinn on June 8. ")

CASES = [
    # ---- inline: active, passive, "between", "with", coordination
    ("active verb, title after 'on'",
     "Armenia and Georgia signed an agreement on visa-free travel.",
     [("agreement", "signed", "ARM;GEO", "")]),
    ("passive with 'between'",
     "A memorandum of understanding on tourism was signed between Peru and Chile.",
     [("memorandum", "signed", "CHL;PER", "")]),
    ("'with' partner, present tense headline style",
     "Ghana signs MoU with Togo on cross-border trade.",
     [("memorandum", "signed", "GHA;TGO", "")]),
    ("two documents coordinated",
     "Kenya and Uganda signed an agreement on trade and a protocol on customs cooperation.",
     [("agreement", "signed", "KEN;UGA", ""), ("protocol", "signed", "KEN;UGA", "")]),
    ("exchanged, with a count and a subject: one row per counted document",
     LEAD + "Following the talks, the sides exchanged seven MoUs on trade, education and health.",
     [("memorandum", "signed", "EST;LVA", "2023-06-08")] * 7),
    ("in the presence of the leaders",
     LEAD + "In the presence of the two presidents, the foreign ministers signed a protocol on "
            "consular affairs.",
     [("protocol", "signed", "EST;LVA", "2023-06-08")]),
    ("'signing of' a document",
     "The visit ended with the signing of a treaty on friendship between Mongolia and Kazakhstan.",
     [("treaty", "signed", "KAZ;MNG", "")]),
    ("ratified",
     "The parliament of Estonia ratified the border treaty with Russia.",
     [("treaty", "signed", "EST;RUS", "")]),
    ("adopted joint statement after talks",
     LEAD + "Following the talks, the presidents adopted a joint statement.",
     [("joint_statement", "signed", "EST;LVA", "2023-06-08")]),
    ("joint communique counts as a joint statement",
     "Japan and Vietnam issued a joint communiqué on the comprehensive strategic partnership.",
     [("joint_statement", "signed", "JPN;VNM", "")]),
    ("the documents signed included ...",
     "The documents signed by Egypt and Jordan included a roadmap for energy cooperation and a "
     "programme of cultural exchanges for 2023-2025.",
     [("roadmap", "signed", "EGY;JOR", ""), ("program", "signed", "EGY;JOR", "")]),
    ("'today' resolves against the publication date",
     "The MoU was signed today by ministers of India and Nepal.",
     [("memorandum", "signed", "IND;NPL", "2023-06-10")]),
    # ---- historic signings
    ("participle with an explicit date",
     "The strategic partnership agreement, signed on September 14, 2015, remains the basis of "
     "ties between Poland and Lithuania.",
     [("agreement", "signed", "LTU;POL", "2015-09-14")]),
    ("relative clause with a year",
     "Both leaders praised the treaty of friendship that Hungary signed with Serbia in 2009.",
     [("treaty", "signed", "HUN;SRB", "2009")]),
    ("passive with a month",
     "Bolivia and Paraguay have strong ties. The agreement on basic relations was signed in "
     "January 1993.",
     [("agreement", "signed", "BOL;PRY", "1993-01")]),
    # ---- in force
    ("being implemented, validity period",
     "Chile and Peru are implementing the Border Trade Roadmap 2020-2025.",
     [("roadmap", "in_force", "CHL;PER", "")]),
    ("entered into force",
     "The free trade agreement between Chile and Peru entered into force in 2009.",
     [("agreement", "in_force", "CHL;PER", "")]),
    # ---- planned, at a stated time
    ("will sign on a date",
     "Kenya and Uganda will sign a defence cooperation agreement on July 3.",
     [("agreement", "planned", "KEN;UGA", "2023-07-03")]),
    ("expected to be signed during the visit",
     "Several memoranda between Oman and Jordan are expected to be signed during the visit next "
     "week.",
     [("memorandum", "planned", "JOR;OMN", "")]),
    # ---- counts
    ("a counted set: one row per document",
     "Bolivia and Paraguay signed nine agreements.",
     [("agreement", "signed", "BOL;PRY", "")] * 9),
    ("a counted set with one named separately: nine rows in all",
     "Bolivia and Paraguay signed nine agreements. The agreement on energy cooperation was "
     "signed by the energy ministers of the two countries.",
     [("agreement", "signed", "BOL;PRY", "")] * 9),
    ("a running total over years is one row",
     "Since 2008, Bolivia has signed 44 agreements with Paraguay.",
     [("agreement", "signed", "BOL;PRY", "")]),
    ("a count above the limit is one row",
     "Bolivia and Paraguay signed 200 agreements.",
     [("agreement", "signed", "BOL;PRY", "")]),
    ("coordinated subjects of a plural: one row each",
     LEAD + "Memoranda on cooperation in education and in sport were signed after the talks.",
     [("memorandum", "signed", "EST;LVA", "2023-06-08")] * 2),
    ("an uncounted plural without coordination is one row",
     LEAD + "Memoranda on cooperation in education were signed after the talks.",
     [("memorandum", "signed", "EST;LVA", "2023-06-08")]),
    ("'entered into' an MoU",
     "The central bank of Bolivia entered into a memorandum of understanding with the central "
     "bank of Paraguay.",
     [("memorandum", "signed", "BOL;PRY", "")]),
    # ---- negatives: discussed, proposed, negotiated, wished, consensus, domestic, undated plans
    ("discussed a future agreement",
     "They discussed a future agreement on fisheries between Norway and Iceland.", []),
    ("negotiated",
     "Norway and Iceland negotiated a trade agreement.", []),
    ("proposed",
     "Norway proposed a memorandum on water management to Sweden.", []),
    ("wants to sign",
     "Ukraine wants to sign a treaty on security guarantees with Poland.", []),
    ("in case of signing",
     "In case of signing a treaty with Poland, Ukraine would gain allies.", []),
    ("negated",
     "Bolivia did not sign the agreement with Chile.", []),
    ("consensus, not a document",
     "The parties reportedly reached an agreement to launch joint ventures in Tajikistan and "
     "Kazakhstan.", []),
    ("gerund: signing as a topic",
     "Concluding an agreement on security guarantees with Poland is a matter for Ukraine.", []),
    ("gerund: by signing",
     "Ukraine wants peace by concluding an agreement with Poland.", []),
    ("gerund after 'after' dates a past signing",
     "After signing an agreement on trade, Kenya and Uganda held a press conference.",
     [("agreement", "signed", "KEN;UGA", "")]),
    ("decree is no document between parties",
     "The president of Peru signed a decree on tax reform.", []),
    ("domestic programme adopted",
     "The government adopted a national programme on housing.", []),
    ("planned without a stated time",
     "Kenya and Uganda will sign an agreement on trade.", []),
    ("headline 'to ink' without a time",
     "Sri Lanka and Saudi Arabia to ink MoU on investment.", []),
    ("draft documents exchanged",
     "Draft memoranda of understanding with Japan and China are being exchanged.", []),
    ("cabinet approval of a future signing",
     "The Cabinet approved signing a memorandum of understanding between Kenya and Rwanda.", []),
    # ---- relative clauses and participles the parse attaches elsewhere
    ("'which ... signed' after a titled agreement",
     "Norway and Iceland reviewed the Agreement on Fisheries Cooperation, which the two "
     "governments signed in Oslo in March.",
     [("agreement", "signed", "ISL;NOR", "2023-03")]),
    ("a relative clause on what the document does is no hypothesis",
     "Norway and Iceland signed a Status of Forces Agreement, which will allow their troops to "
     "train together.",
     [("agreement", "signed", "ISL;NOR", "")]),
    ("participle after a comma-separated title",
     "Norway and Iceland recalled the Treaty of Friendship, Trade and Navigation signed on "
     "May 3, 1998.",
     [("treaty", "signed", "ISL;NOR", "1998-05-03")]),
    ("'the two countries' are the article's pair, not a state named in passing",
     LEAD + "The presidents recalled the Agreement on Energy Transit, which the two countries "
            "signed in 2019, the foreign ministry of Finland said.",
     [("agreement", "signed", "EST;LVA", "2019")]),
    ("a count of today's documents survives a dated historic one",
     LEAD + "Following the talks, the presidents signed 12 agreements. They also "
            "recalled the Treaty on Border Crossings, which was signed on May 3, 1998.",
     [("agreement", "signed", "EST;LVA", "2023-06-08")] * 12
     + [("treaty", "signed", "EST;LVA", "1998-05-03")]),
    # ---- in force: upheld, violated, serving as a basis
    ("a treaty serving as the basis of relations",
     "We will mark 25 years of the basic treaty that serves as the basis of relations between "
     "Norway and Iceland.",
     [("treaty", "in_force", "ISL;NOR", "")]),
    ("a violated agreement is in force",
     "Iceland said Norway had violated the fisheries agreement between Norway and Iceland.",
     [("agreement", "in_force", "ISL;NOR", "")]),
    ("two states in a named programme's title",
     "The ministers reviewed the implementation of the Comprehensive Plan of Action of the "
     "Norway-Iceland Strategic Partnership for 2021-2025.",
     [("program", "in_force", "ISL;NOR", "")]),
    ("two states in an unnamed programme's purpose stay out",
     "Norway wants to discuss the implementation of a programme to modernise its forces on the "
     "Norway-Iceland sea border.", []),
    ("a named treaty, then 'the treaty of ..., signed' about it: one row",
     "Norway and Iceland marked the anniversary of the Bergen Treaty with a ceremony. The "
     "treaty of friendship, signed on May 3, 1998 by the two kings, laid the foundation of "
     "their ties.",
     [("treaty", "signed", "ISL;NOR", "1998-05-03")]),
    ("a named convention as an event venue stays out",
     "The Prime Minister of Norway met the President of Iceland on the margins of the Nordic "
     "Union International Convention in Oslo.", []),
    ("developing an agreement is drafting it",
     "Norway was engaged in developing the Minsk agreements together with Iceland.", []),
    ("violating the Minsk Package of Measures: a well-known document",
     "Norway said the attack was a violation of the Minsk Package of Measures.",
     [("agreement", "in_force", "RUS;UKR", "")]),
    ("the Minsk Package of Measures beside 'the Minsk agreements' is that document",
     "Norway called for fulfilling the Minsk Package of Measures. Iceland said the attack "
     "violated the Minsk agreements.",
     [("agreement", "in_force", "RUS;UKR", "")]),
    ("a domestic package of measures stays out",
     "Norway adopted a package of measures to support farmers.", []),
    ("a state's name inside a sea's name is no party",
     LEAD + "The presidents discussed incidents in the South China Sea and reaffirmed the 1994 "
            "Baltic Defence Treaty, which remains in force.",
     [("treaty", "in_force", "EST;LVA", "")]),
    ("'bilateral' says an implemented document is between states",
     "The presidents of Estonia and Latvia stressed the implementation of existing bilateral "
     "economic agreements.",
     [("agreement", "in_force", "EST;LVA", "")]),
    ("without 'bilateral' implemented agreements may be domestic",
     "The presidents of Estonia and Latvia stressed the implementation of existing economic "
     "agreements.", []),
    ("'the two presidents issued' a document: the article's pair",
     LEAD + "At the end of their meeting, the two presidents issued the Tallinn Vision, a joint "
            "statement on energy security.",
     [("joint_statement", "signed", "EST;LVA", "")]),
    ("a single issuer without a state in view stays out",
     LEAD + "At the end of the meeting, the ministry issued a joint statement on energy security.",
     []),
    ("a quoted title, then the participle",
     "The ministers of Norway and Iceland recalled the Joint Statement \"Norway-Iceland: Partners "
     "for Peace\" adopted following the talks in 2021.",
     [("joint_statement", "signed", "ISL;NOR", "2021")]),
    ("a dateline credit in parentheses is no document",
     "OSLO, June 8 (communique) - The presidents of Norway and Iceland signed a treaty on "
     "fisheries.",
     [("treaty", "signed", "ISL;NOR", "2023-06-08")]),
    ("'which would be signed' stays out",
     "Norway and Iceland discussed a fisheries agreement, which would be signed next year.", []),
    # ---- well-known documents take their actual parties (models/gazetteers/known_documents.csv)
    ("Minsk agreements: RUS, UKR though the text names France",
     "France called for the implementation of the Minsk agreements.",
     [("agreement", "in_force", "RUS;UKR", "")]),
    ("Collective Security Treaty: the organization alone",
     "Armenia marked the anniversary of the Collective Security Treaty, which remains in force.",
     [("treaty", "in_force", "CSTO", "")]),
    ("a well-known name does not override named parties",
     "Germany and Poland signed a Good Friday Agreement on youth exchanges.",
     [("agreement", "signed", "DEU;POL", "")]),
    ("a document named without a document noun",
     "Zelenskyy recalled the principles of the Helsinki Final Act.",
     [("other", "in_force", "OSCE", "")]),
    ("an acronym of a well-known document",
     "Iran said the sanctions had been lifted under the JCPOA.",
     [("program", "in_force", "CHN;DEU;EU;FRA;GBR;IRN;RUS;USA", "")]),
    ("a well-known document that never entered into force is signed",
     "He said the issue was part of the EU constitution, which voters had been promised a "
     "referendum over.",
     [("treaty", "signed", "AUT;BEL;CYP;CZE;DEU;DNK;ESP;EST;FIN;FRA;GBR;GRC;HUN;IRL;ITA;LTU;"
                           "LUX;LVA;MLT;NLD;POL;PRT;SVK;SVN;SWE", "")]),
    ("a joint statement adopted, no state in its sentence: the article's states",
     "President Okonjo of Ghana held talks with President Diallo of Senegal in Accra. The "
     "presidents made statements for the press. In addition, a Joint Statement was adopted.",
     [("joint_statement", "signed", "GHA;SEN", "")]),
    ("a joint noun adopted by several issuers: the article's states",
     "President Okonjo of Ghana held talks with President Diallo of Senegal. At the end of the "
     "conference, the co-chairs adopted a joint communiqué.",
     [("joint_statement", "signed", "GHA;SEN", "")]),
    ("a joint noun adopted by 'we': the article's states",
     "President Okonjo of Ghana held talks with President Diallo of Senegal. We adopted a joint "
     "statement.",
     [("joint_statement", "signed", "GHA;SEN", "")]),
    ("a joint noun issued by one body, no state in view, stays out",
     "President Okonjo of Ghana held talks with President Diallo of Senegal. A joint statement "
     "was issued by the foreign ministry.",
     []),
    ("a declaration adopted with no state in view is no document between parties",
     "President Okonjo of Ghana visited Accra. The parliament adopted a declaration on the "
     "anniversary of independence.",
     []),
    ("a state ratifies an organization's convention: that state and the organization",
     "Russia protested. Yesterday the Ukrainian Parliament ratified the Istanbul Convention.",
     [("convention", "signed", "COE;UKR", "2023-06-09")]),
    ("a closing tag of markup left in the text does not cut the name",
     "President Biden met Prime Minister Al-Sudani of Iraq. They reaffirmed their commitment to "
     "the <u>Strategic Framework Agreement</u>.",
     [("agreement", "in_force", "IRQ;USA", "")]),
    ("an organization's name inside a document's name",
     "Vice President Harris met Prime Minister Morawiecki of Poland and reaffirmed our ironclad "
     "commitment to NATO's Article 5.",
     [("treaty", "in_force", "NATO", "")]),
    ("a document's name inside an organization's name is no document",
     "Armenia hosted a summit of the Collective Security Treaty Organization.", []),
    ("an IMF facility: the IMF and the borrower the text names",
     "The IMF board will consider the second review of Sri Lanka's EFF programme.",
     [("program", "in_force", "IMF;LKA", "")]),
    ("two names of one well-known document: one row, signed on its date",
     "The JVP campaigned against the Indo-Lanka Accord in 1987. The Indo-Sri Lanka Peace "
     "Accord, signed in Colombo on July 29, 1987, between India and Sri Lanka, devolved power.",
     [("agreement", "signed", "IND;LKA", "1987-07-29")]),
    ("a named document in a clause without a plan: a cue higher up does not count",
     "The leaders of Ecuador and the United States discussed strengthening integration "
     "through the bilateral Trade and Investment Council Agreement.",
     [("agreement", "in_force", "ECU;USA", "")]),
    ("a named document a plan governs stays out",
     "Ecuador could join the Trade and Investment Council Agreement with the United States.",
     []),
    ("the article's states include the leaders' ones",
     "Vladimir Putin held talks with President Kassym-Jomart Tokayev of Kazakhstan. Following "
     "the talks, a protocol on amendments to the intergovernmental agreement on transport was "
     "signed.",
     [("protocol", "signed", "KAZ;RUS", "2023-06-10")]),
    ("the signing of a document as subject of a plan that is only being prepared",
     "The signing of a Free Trade Agreement between Ukraine and Turkey is also being prepared.",
     []),
    ("a participle in a clause of obligation",
     "We insist that this must be an international treaty between Ukraine and Poland signed by "
     "all guarantors.", []),
    ("a capitalized hypothesis word",
     "Draft memoranda of understanding between Sri Lanka and India are being exchanged.", []),
    ("a purpose clause is no list of subjects",
     "A series of agreements to deepen understanding and cooperation between Sri Lanka and China "
     "will be signed during the visit.",
     [("agreement", "planned", "CHN;LKA", "")]),
    ("institutions of one state: a document between parties",
     "The Financial Intelligence Unit of Sri Lanka signed a memorandum of understanding with "
     "the Bribery Commission.",
     [("memorandum", "signed", "LKA", "")]),
    ("a company and a university of one state: domestic",
     "The Chartered Institute of Sri Lanka signed a memorandum of understanding with the "
     "University of Peradeniya.", []),
    ("'committed to' a document: in force",
     "Armenia remains committed to the trilateral statement of November 9, 2020.",
     [("joint_statement", "in_force", "ARM;AZE;RUS", "2020-11-09")]),  # dated by its name
    ("in force, but the text says when it was signed",
     LEAD + "The parties confirmed their commitment to the Programme for Cultural Cooperation "
            "for 2021-2031, signed during that visit.",
     [("program", "signed", "EST;LVA", "2023-06-08")]),
    ("an alias without a name of its own takes the known one's parties",
     "Harris met Taoiseach Varadkar and stressed her support for the Good Friday accords, for "
     "the Good Friday Agreement.",
     [("agreement", "in_force", "GBR;IRL", "")]),
    ("a domestic MoU between two national agencies",
     "A memorandum of understanding was signed between the Prisons Department and the "
     "Industrial Development Board.", []),
    # ---- anaphors: what is said of "it" / "the accord" belongs to the document before it
    ("'It was signed by' gives the MoU named before it its signing",
     "Chile and Peru agreed to deepen ties. The MoU will see cooperation between the Diplomatic "
     "Academy of Chile and the Institute of Diplomatic Studies of Peru. It was signed by the "
     "two foreign ministers.",
     [("memorandum", "signed", "CHL;PER", "")]),
    ("'the accord signed in' dates the agreement described before it",
     "The council discussed a complaint against the U.S.-Japanese agreement on exports of "
     "semiconductors. The five-year accord signed in July 1986 aims to protect the market.",
     [("agreement", "signed", "JPN;USA", "1986-07")]),
    ("'the accord' does not point back at a well-known document called otherwise",
     "The spokesman of the General Agreement on Tariffs and Trade said nothing. The accord "
     "signed in July 1986 by Chile and Peru protects the market.",
     [("agreement", "in_force", "GATT", ""), ("agreement", "signed", "CHL;PER", "1986-07")]),
    ("a pronoun with no document before it gives nothing",
     "Chile and Peru held talks on a possible treaty. It was signed by nobody.", []),
    ("a document described by its states and subject exists",
     "A complaint was filed against the Chile-Peru agreement on fisheries.",
     [("agreement", "in_force", "CHL;PER", "")]),
    ("... but not an indefinite one",
     "Chile would welcome a Chile-Peru agreement on fisheries.", []),
    # ---- a signing on the programme of the reported event
    ("'The signing of documents is planned' at the event",
     LEAD + "The signing of bilateral documents is also planned.",
     [("other", "planned", "EST;LVA", "")]),
    ("... not a signing that was once planned",
     LEAD + "The signing of a treaty on fisheries was planned for years.", []),
    # ---- "deal": a document only when a named state signs it
    ("a deal signed by a state",
     "India signed a $40 billion deal with Iran to import gas.",
     [("agreement", "signed", "IND;IRN", "")]),
    ("a player's deal", "The striker from Chile signed a new deal with the club.", []),
    ("a deal reached is consensus", "Chile and Peru reached a deal on fishing quotas.", []),
    # ---- names of events and bodies
    ("a known document's name naming a meeting",
     "He told an informal General Agreement on Tariffs and Trade (GATT) meeting that Chile's "
     "debt was growing.", []),
    ("joint press release",
     "Australia, India, Japan and the United States issued a Joint Press Release on June 8.",
     [("joint_statement", "signed", "AUS;IND;JPN;USA", "2023-06-08")]),
    ("one institution's running totals with unnamed counterparts: one row each, its state",
     "The Financial Intelligence Unit of Sri Lanka signed an MoU with Chile on June 8. Since "
     "2008, the FIU has entered into 44 MoUs with foreign counterparts. It has also signed 13 "
     "MoUs with domestic government agencies.",
     [("memorandum", "signed", "CHL;LKA", "2023-06-08"), ("memorandum", "signed", "LKA", ""),
      ("memorandum", "signed", "LKA", "")]),
    # ---- open multilateral documents: the states the sentence holds to them
    ("an open document and the two states of the sentence",
     "Kenya is committed to the Paris Agreement and the United States has rejoined it.",
     [("agreement", "in_force", "KEN;USA", "")]),
    ("... but GATT keeps its code ('+own' in known_documents.csv)",
     "Peru raised Chile's admission to the General Agreement on Tariffs and Trade.",
     [("agreement", "in_force", "GATT", "")]),
    ("... and exists whatever the clause plans",
     "Peru proposed talks on rice under the General Agreement on Tariffs and Trade.",
     [("agreement", "in_force", "GATT", "")]),
    ("... its body when the sentence names an organization",
     "Peru told the U.N. that the Uruguay Round of the General Agreement on Tariffs and Trade "
     "matters.",
     [("agreement", "in_force", "GATT", "")]),
    ("... one known name is no coordination of subjects",
     "Peru raised its admission to the General Agreements on Tariffs and Trade.",
     [("agreement", "in_force", "GATT", "")]),
    # ---- a party keeps, honours or breaks it: in force, negated or not
    ("a state failed to keep an agreement",
     "Chile says Peru failed to keep an agreement on fishing quotas.",
     [("agreement", "in_force", "CHL;PER", "")]),
    ("a state has not lived up to a pact",
     "Chile said Peru has not lived up to the fisheries pact.",
     [("agreement", "in_force", "CHL;PER", "")]),
    ("... not an uncounted plural a state is said to violate",
     "Chile said Peru has violated hundreds of international treaties.", []),
    ("'four hundred treaties' is no counted set of four",
     "Chile and Peru signed about four hundred treaties.",
     [("treaty", "signed", "CHL;PER", "")]),
    # ---- states and venues
    ("two treaties of one name with different states",
     "Under the Treaty of Friendship between the Russian Federation and the Donetsk People's "
     "Republic, and the Treaty of Friendship between the Russian Federation and the Lugansk "
     "People's Republic, aid was sent.",
     [("treaty", "in_force", "DPR;RUS", ""), ("treaty", "in_force", "LPR;RUS", "")]),
    ("the country of a venue is no party",
     LEAD + "The two countries recalled the compact they signed in Kyoto, Japan, in May 2022.",
     [("agreement", "signed", "EST;LVA", "2022-05")]),
    ("the signing date is the clause's, not a relative clause's",
     "Peru's port authority, which will open a terminal in October, signed an agreement with "
     "Chile last September.",
     [("agreement", "signed", "CHL;PER", "2022-09")]),
]


def _rows(make_doc, text: str):
    return rows_of(make_doc(text, DCT))["documents"]


@pytest.mark.parametrize("label,text,expected", CASES, ids=[c[0] for c in CASES])
def test_construction(make_doc, label, text, expected):
    rows = _rows(make_doc, text)
    got = [(r["doc_type"], r["status"], r["countries"], r["signed_date"]) for r in rows]
    assert got == expected


LISTS = [
    ("bulleted list after a signing lead-in",
     LEAD + "\n\nThe following documents were signed:\n\n"
            "- An agreement on cooperation in combating malaria;\n"
            "- A memorandum of understanding between the Health Ministries of Estonia and "
            "Latvia on the exchange of medical data;\n"
            "- A joint communiqué.\n\nThe leaders then visited a museum.",
     [("agreement", "cooperation in combating malaria", ""),
      ("memorandum", "exchange of medical data",
       "Health Ministry of Estonia; Health Ministry of Latvia"),
      ("joint_statement", "", "")]),
    ("numbered list after 'exchanged'",
     LEAD + "\n\nFollowing the talks, the following agreements were exchanged:\n"
            "1. Agreement on air services between Estonia and Latvia\n"
            "2. Protocol on the amendment of the tax treaty\n",
     [("agreement", "air services", "Estonia; Latvia"),
      ("protocol", "amendment of the tax treaty", "")]),
]


@pytest.mark.parametrize("label,text,expected", LISTS, ids=[c[0] for c in LISTS])
def test_list_items(make_doc, label, text, expected):
    rows = _rows(make_doc, text)
    assert [(r["doc_type"], r["title"], r["parties"]) for r in rows] == expected
    assert {r["status"] for r in rows} == {"signed"}
    assert {r["countries"] for r in rows} == {"EST;LVA"}
    assert {r["signed_date"] for r in rows} == {"2023-06-08"}  # the talks the signing followed
    assert all(r["rule"].startswith("list:") for r in rows)


FIELDS = [
    ("title and parties distributed over two states",
     "An agreement between the Health Ministries of Ghana and Togo on cooperation in combating "
     "tuberculosis was signed.",
     {"title": "cooperation in combating tuberculosis",
      "parties": "Health Ministry of Ghana; Health Ministry of Togo"}),
    ("parties whose names contain 'and'",
     "A memorandum on cooperation between the Ministry of Industry and Trade of Ghana and the "
     "Ministry of Energy and Mines of Togo was signed.",
     {"title": "cooperation",
      "parties": "Ministry of Industry and Trade of Ghana; Ministry of Energy and Mines of Togo"}),
    ("validity period after the noun",
     "Ghana and Togo signed a cooperation programme designed for 2021-2023.",
     {"title": "cooperation", "valid_from": "2021", "valid_to": "2023"}),
    ("count in the title of a count-only row",
     "Bolivia and Paraguay have signed nine agreements so far.",
     {"title": "9 agreements"}),
    ("acronym in parentheses is not the title",
     "Ghana and Togo signed a Free Trade Agreement (FTA) on Monday.",
     {"title": "Free Trade", "signed_date": "2023-06-05"}),
    ("hyphenated modifiers: a duration is no subject, a compound is",
     "Ghana signed a new four-year technology-sharing agreement with Togo.",
     {"title": "technology-sharing", "parties": "Ghana; Togo"}),
    ("evidence: offsets point at the document phrase",
     "Yesterday Ghana and Togo signed a treaty on maritime borders.",
     {"title": "maritime borders", "signed_date": "2023-06-09",
      "_text": "treaty on maritime borders"}),
]


@pytest.mark.parametrize("label,text,expected", FIELDS, ids=[c[0] for c in FIELDS])
def test_fields(make_doc, label, text, expected):
    (row,) = _rows(make_doc, text)
    for key, value in expected.items():
        if key == "_text":
            assert text[row["start"]:row["end"]] == value
        else:
            assert row[key] == value, key
    assert row["sentence"] and 0 < row["confidence"] <= 1 and row["rule"]


def test_counted_set_titles_number_the_documents(make_doc):
    rows = _rows(make_doc, "Bolivia and Paraguay signed three agreements.")
    assert [r["title"] for r in rows] == [f"3 agreements ({k} of 3)" for k in (1, 2, 3)]
    assert len({r["row_id"] for r in rows}) == 3  # same evidence, distinct rows


def test_coordinated_subjects_are_the_titles(make_doc):
    rows = _rows(make_doc, LEAD + "Memoranda on cooperation in education and in sport were "
                                  "signed after the talks.")
    assert [r["title"] for r in rows] == ["cooperation in education", "cooperation in sport"]

"""Documents table: open-party well-known documents (an IMF programme: the IMF and the
borrower the text leaves to the reader) and the publisher's state that completes them."""

from __future__ import annotations

from pipeline.extractors.documents import DocumentsExtractor

# a Sri Lankan report on a foreign envoy: the envoy's state is named most often
ENVOY = ("Ambassador Erik Larsen of Norway met the Minister. Norway and its ambassador have "
         "long supported reforms. Ambassador Larsen reaffirmed Norway's commitment to "
         "supporting the ongoing IMF programme.")


def _documents(nlp, text: str, source: str = "", url: str = "") -> list[tuple[str, str]]:
    doc = nlp.make_doc(text)
    doc._.dct = "2024-10-09"
    doc._.source, doc._.url = source, url
    return [(r.doc_type, r.countries) for r in nlp(doc)._.rows["documents"]]


def test_borrower_is_the_publishers_state(nlp):
    """On the Sri Lankan presidency's site the programme is Sri Lanka's, not the envoy's."""
    assert _documents(nlp, ENVOY, source="pmd.gov.lk") == [("program", "IMF;LKA")]


def test_borrower_is_a_national_outlets_state(nlp):
    assert _documents(nlp, ENVOY, source="EconomyNext") == [("program", "IMF;LKA")]


def test_borrower_without_a_known_publisher_is_the_articles_state(nlp):
    assert _documents(nlp, ENVOY) == [("program", "IMF;NOR")]


def test_borrower_named_in_the_phrase_wins(nlp):
    text = "The envoy of Norway welcomed progress under Ghana's IMF programme."
    assert _documents(nlp, text, source="pmd.gov.lk") == [("program", "GHA;IMF")]


def test_an_indefinite_well_known_name_is_no_reference(nlp):
    """"an IMF program would ..." speaks of any such programme."""
    text = "Brazil's minister said an IMF program would lead to a recession in Brazil."
    assert _documents(nlp, text) == []


def test_component_round_trip(tmp_path, nlp):
    component: DocumentsExtractor = nlp.get_pipe("communique_documents")
    component.to_disk(tmp_path / "documents")
    assert {p.name for p in (tmp_path / "documents").iterdir()} == {
        "publishers.csv", "countries.csv", "demonyms.csv", "organizations.csv"}
    fresh = DocumentsExtractor(nlp, "communique_documents", models_dir="/nonexistent")
    assert fresh.publishers == {}
    fresh.from_disk(tmp_path / "documents")
    doc = nlp.make_doc(ENVOY)
    doc._.dct, doc._.source = "2024-10-09", "pmd.gov.lk"
    doc = nlp(doc)
    doc._.rows["documents"] = []
    assert [r.countries for r in fresh(doc)._.rows["documents"]] == ["IMF;LKA"]

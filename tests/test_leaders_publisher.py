"""Officials of a government readout serve the publisher's state (models/gazetteers/publishers.csv)."""

from __future__ import annotations

import pytest
import spacy

from pipeline.extractors.leaders import LeadersExtractor, publisher_state

PUBLISHERS = {"kremlin.ru": "RUS", "en.kremlin.ru": "RUS", "whitehouse.gov": "USA",
              "bidenwhitehouse.archives.gov": "USA", "president.gov.ua": "UKR",
              "gov.uk": "GBR", "pmd.gov.lk": "LKA"}


@pytest.mark.parametrize("source,url,expected", [
    ("en.kremlin.ru", "", "RUS"),
    ("", "http://en.kremlin.ru/item/1", "RUS"),
    ("", "https://www.kremlin.ru/events/1", "RUS"),
    ("", "https://news.kremlin.ru/events/1", "RUS"),  # a parent domain is listed
    ("whitehouse.gov briefing room", "", "USA"),  # the source's host-like first word
    ("", "https://bidenwhitehouse.archives.gov/briefing-room/x/", "USA"),
    ("president.gov.ua (English)", "https://www.president.gov.ua/item/x", "UKR"),
    ("PMD.GOV.LK", "", "LKA"),  # case-insensitive
    ("", "https://www.gov.uk/government/news/x", "GBR"),
    ("", "https://foreign.gov.uk/news", "GBR"),
    ("Reuters", "https://www.reuters.com/world/x", ""),
    ("", "https://archives.gov/x", ""),  # not listed: no government by its domain suffix
    ("", "https://example.ru/kremlin.ru", ""),  # only the host counts
    ("Daily Mirror (Sri Lanka)", "https://www.dailymirror.lk/x", ""),
    ("", "", ""),
])
def test_publisher_state(source: str, url: str, expected: str) -> None:
    assert publisher_state(source, url, PUBLISHERS) == expected


@pytest.fixture(scope="module")
def published(sentence_nlp):
    """Leaders rows of a text as published by `source` / at `url`."""

    def _run(text: str, source: str = "", url: str = "") -> dict[str, tuple[str, str, float]]:
        doc = sentence_nlp.make_doc(text)
        doc._.source, doc._.url = source, url
        doc = sentence_nlp(doc)
        return {r.name: (r.country, r.rule, r.confidence) for r in doc._.rows["leaders"]}

    return _run


KREMLIN = ("en.kremlin.ru", "http://en.kremlin.ru/item/1")
WHITE_HOUSE = ("whitehouse.gov briefing room", "https://www.whitehouse.gov/item/x/")
NEWSPAPER = ("The Daily Planet", "https://www.dailyplanet.example/x")  # no listed publisher
NONE = ("", "")

OFFICIALS = "The meeting was attended by Foreign Minister Anna Berg and Interior Minister Oleg Vance."


@pytest.mark.parametrize("text,where,name,country", [
    (OFFICIALS, KREMLIN, "Anna Berg", "RUS"),
    (OFFICIALS, KREMLIN, "Oleg Vance", "RUS"),
    # (the United States has no ministers, absent_offices.csv; its secretaries are its own)
    (OFFICIALS, WHITE_HOUSE, "Oleg Vance", ""),
    ("The meeting was attended by Homeland Security Secretary Oleg Vance.", WHITE_HOUSE,
     "Oleg Vance", "USA"),
    (OFFICIALS, NEWSPAPER, "Anna Berg", ""),
    (OFFICIALS, NONE, "Anna Berg", ""),
    # the sentence names another state and not the publisher's: left open
    ("Foreign Minister Anna Berg discussed the grain deal with Brazil.", KREMLIN,
     "Anna Berg", ""),
    ("Foreign Minister Anna Berg discussed the grain deal with Russia and Brazil.", KREMLIN,
     "Anna Berg", "RUS"),
    # the text's own state wins over the publisher's
    ("Brazilian Foreign Minister Anna Berg arrived in Moscow.", KREMLIN, "Anna Berg", "BRA"),
    ("Speaker Nora Quill welcomed the delegation.", WHITE_HOUSE, "Nora Quill", "USA"),
    ("Vice President Nora Quill welcomed the delegation.", WHITE_HOUSE, "Nora Quill", "USA"),
    # the publisher's own head: the first head with no country ...
    ("President Tomas Velk had a telephone conversation with Chancellor of Germany Olaf Brandt.",
     KREMLIN, "Tomas Velk", "RUS"),
    ("President Tomas Velk had a telephone conversation with Chancellor of Germany Olaf Brandt.",
     KREMLIN, "Olaf Brandt", "DEU"),
    ("President Tomas Velk had a telephone conversation with Chancellor of Germany Olaf Brandt.",
     NEWSPAPER, "Tomas Velk", ""),
    # ... a state named elsewhere in his sentence does not speak against him
    ("On the conflict in Brazil, President Tomas Velk said talks must go on.", KREMLIN,
     "Tomas Velk", "RUS"),
    # ... but not when a head already serves the publisher: the other is a guest
    # (the Pope's office is the Holy See's, titles.csv `state`, not the publisher's)
    ("President of Russia Ivan Petrov congratulated Pope Leo on his birthday.", KREMLIN,
     "Leo", "VAT"),
    ("President of Russia Ivan Petrov met Prime Minister Karl Dorn in the Kremlin.", KREMLIN,
     "Karl Dorn", ""),
])
def test_publisher_country(published, text: str, where: tuple[str, str], name: str,
                           country: str) -> None:
    rows = published(text, *where)
    assert rows[name][0] == country


def test_publisher_rule_and_confidence(published) -> None:
    rows = published("Foreign Minister Anna Berg met Russian Interior Minister Oleg Vance.",
                     *KREMLIN)
    country, rule, confidence = rows["Anna Berg"]
    assert (country, rule) == ("RUS", "title_name+publisher")
    assert confidence < rows["Oleg Vance"][2]  # a state written in the text counts more
    assert not rows["Oleg Vance"][1].endswith("+publisher")


def test_publishers_saved_with_the_component(tmp_path) -> None:
    sentence_nlp = spacy.blank("en")
    component = LeadersExtractor(sentence_nlp, "communique_leaders")
    assert component.publishers.get("en.kremlin.ru") == "RUS"
    component.to_disk(tmp_path)
    loaded = LeadersExtractor(sentence_nlp, "communique_leaders", models_dir=str(tmp_path / "nowhere"))
    assert loaded.publishers == {}
    assert loaded.from_disk(tmp_path).publishers == component.publishers


CALL = ("Vladimir Putin had a telephone conversation with Prime Minister of Armenia Karen "
        "Sarkis. Karen Sarkis also informed the President about his recent contacts.")


@pytest.mark.parametrize("text,where,rule", [
    # a known leader of the publisher's state + "the President" alone: its own head
    (CALL, KREMLIN, "known_leader_office+publisher"),
    (CALL, NEWSPAPER, None),
    (CALL, WHITE_HOUSE, None),  # known leader of another state than the publisher's
    (CALL.replace("informed the President", "informed the President of the company"), KREMLIN,
     None),
    # an office inside a body's name is no office of a person
    ("Vladimir Putin sent greetings to the Heraldic Council of the President of the Russian "
     "Federation.", KREMLIN, None),
    ("Vladimir Putin sent greetings to the Heraldic Council of the President of the Russian "
     "Federation.", NONE, None),
])
def test_publisher_head_by_bare_office(published, text: str, where: tuple[str, str],
                                       rule: str | None) -> None:
    found = published(text, *where).get("Vladimir Putin")
    assert (found[1] if found else None) == rule
    if found:
        assert found[0] == "RUS"


def test_head_first_named_late_is_a_guest(published) -> None:
    # a speech on the publisher's site thanks a foreign head far down the text
    text = ("Greetings to all our friends. We have come a long way together. The decision "
            "was difficult. It was also necessary. Thank you, Prime Minister Tara Kell!")
    assert published(text, *KREMLIN)["Tara Kell"][0] == ""
    opening = "Prime Minister Tara Kell thanked the governors for their work."
    assert published(opening, *KREMLIN)["Tara Kell"][0] == "RUS"


BBC = ("BBC News", "")


@pytest.mark.parametrize("text,where,found", [
    # a national outlet writes offices in lower case: its state's head, a known leader
    ("Tony Blair will tour the country. Critics accused the prime minister of hiding away.",
     BBC, ("GBR", "known_leader_office+outlet")),
    ("Tony Blair will tour the country. The prime minister of Australia said so.", BBC, None),
    ("Tony Blair will tour the country. Critics accused the prime ministers of hiding away.",
     BBC, None),
    ("Tony Blair will tour the country. Critics accused the prime minister of hiding away.",
     NEWSPAPER, None),
])
def test_an_outlets_bare_head_office_is_its_known_head(published, text, where, found) -> None:
    rows = published(text, *where)
    assert (rows["Tony Blair"][:2] if "Tony Blair" in rows else None) == found

"""The state of an official the mention does not name: lists, the outlet, the article, the
publisher's own head (issue 15: the state from the article's context)."""

from __future__ import annotations

import pytest
from helpers import leader_rows

REUTERS = ("Reuters (Reuters-21578, 1987)", "")
DAILY_FT = ("Daily FT", "https://www.ft.lk/news/1")
UNLISTED = ("The Daily Planet", "https://www.dailyplanet.example/x")
KREMLIN = ("en.kremlin.ru", "http://en.kremlin.ru/events/1")


@pytest.fixture(scope="module")
def rows(sentence_nlp):
    """name -> (country, rule) of the leaders rows of a text published at `where`."""

    def _run(text: str, where: tuple[str, str] = ("", "")) -> dict[str, tuple[str, str]]:
        return {r.name: (r.country, r.rule) for r in leader_rows(sentence_nlp, text, where)}

    return _run


def test_list_headed_by_a_state(rows) -> None:
    got = rows("These included Indian Finance Minister Nirmala Sitharam, External Affairs "
               "Minister Dr. S. Jaishan, and National Security Advisor Shri Ajit Doran.")
    assert got["Nirmala Sitharam"][0] == "IND"
    assert got["S. Jaishan"] == ("IND", "title_name+list")
    assert got["Ajit Doran"][0] == "IND"


def test_list_member_with_a_state_of_his_own_ends_the_list(rows) -> None:
    got = rows("Present were Indian Finance Minister Nirmala Sitharam, Pakistani Foreign "
               "Minister Bilal Zardan and Foreign Secretary Vikram Misran.")
    assert got["Bilal Zardan"][0] == "PAK"
    assert got["Vikram Misran"][0] != "IND"


def test_list_does_not_pass_a_state_to_heads(rows) -> None:
    got = rows("Japanese Prime Minister Haruki Tanabe and President Min-ho Seo met in Seoul.")
    assert got["Haruki Tanabe"][0] == "JPN"
    assert not got["Min-ho Seo"][1].endswith("+list")


@pytest.mark.parametrize("where,country", [(DAILY_FT, "LKA"), (UNLISTED, "")])
def test_news_outlet_home_state(rows, where: tuple[str, str], country: str) -> None:
    got = rows("Treasury Secretary Mahesh Siriwarna exchanged the agreement yesterday.", where)
    assert got["Mahesh Siriwarna"][0] == country


def test_outlet_state_not_against_the_sentence(rows) -> None:
    got = rows("Foreign Minister Anna Berg discussed the grain deal with Brazil.", DAILY_FT)
    assert got["Anna Berg"][0] != "LKA"


def test_state_the_article_opens_with(rows) -> None:
    text = ("JAPAN CONSIDERING BUYING U.S. SUPERCOMPUTERS\nThe Japanese government is "
            "considering buying supercomputers, Trade Minister Hajime Tamuro was quoted as "
            "saying. Tamuro told visiting U.S. Trade Representative Clay Yoder the matter was "
            "under study.")
    got = rows(text, REUTERS)
    assert got["Hajime Tamuro"] == ("JPN", "title_name+article")
    assert got["Clay Yoder"][0] == "USA"


def test_object_of_the_opening_sentence_is_not_the_article_state(rows) -> None:
    got = rows("Foreign Minister Anna Berg discussed the grain deal with Brazil.", REUTERS)
    assert got["Anna Berg"][0] == ""


def test_publisher_head_with_a_plural_office(rows) -> None:
    text = ("Vladimir Putin had a telephone conversation with President of Egypt Abdel Fattah "
            "el-Sisi. Topical issues of bilateral cooperation were discussed. A special focus "
            "was placed on trade. The presidents agreed to maintain personal contacts.")
    assert rows(text, KREMLIN)["Vladimir Putin"] == ("RUS", "known_leader_office+publisher")
    assert "Vladimir Putin" not in rows(text, UNLISTED)

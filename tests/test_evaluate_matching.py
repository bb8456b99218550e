"""Matching and scoring rules of `communique evaluate` (pipeline/evaluate.py), no model."""

from __future__ import annotations

import pytest

from pipeline.evaluate import (
    MATCH, NEAR, NO_RULE, Counts, GoldArticle, assign, clip, codes, group_rows, score,
    sentence_around, surname, unneutralize,
)

# ---------------------------------------------------------------- surname folding

SURNAMES = [
    ("Kassym-Jomart Tokayev", "tokayev"),
    ("President Tokayev", "tokayev"),
    ("TOKAYEV", "tokayev"),
    ("Recep Tayyip Erdoğan", "erdogan"),
    ("Erdogan", "erdogan"),
    ("Volodymyr Zelenskyy", "zelenskyy"),
    ("Joseph R. Biden, Jr.", "biden"),
    ("Joseph R. Biden Jr", "biden"),
    ("Martin Luther King Sr.", "king"),
    ("Ursula von der Leyen", "leyen"),
    ("Lars Løkke Rasmussen", "rasmussen"),
    ("Jonas Gahr Støre", "støre"),  # ø has no decomposition: it stays
    ("Anura Kumara Dissanayake ", "dissanayake"),
    ("José Ramos-Horta", "ramos-horta"),
    ("Mr. Wang Yi", "yi"),
    ("Jr.", "jr"),  # a lone suffix is kept rather than leaving nothing
    ("", ""),
]


@pytest.mark.parametrize("name,expected", SURNAMES)
def test_surname(name: str, expected: str) -> None:
    assert surname(name) == expected


# ---------------------------------------------------------------- one gold item vs one row

def L(name: str, country: str) -> dict:
    return {"name": name, "title": "President", "country": country}


def D(value: str, text: str = "") -> dict:
    return {"text": text, "value": value}


def Doc(kind: str, countries, title: str = "") -> dict:
    return {"type": kind, "title": title, "countries": countries}


def T(amount, currency: str, text: str = "") -> dict:
    return {"text": text, "amount": amount, "currency": currency}


def PDoc(kind: str, countries: str, title: str = "") -> dict:
    return {"doc_type": kind, "title": title, "countries": countries}


MATCH_CASES = [
    # leaders: surname (folded) and country
    ("leaders", L("Kassym-Jomart Tokayev", "KAZ"), L("Tokayev", "KAZ"), True),
    ("leaders", L("Recep Tayyip Erdoğan", "TUR"), L("Recep Tayyip Erdogan", "TUR"), True),
    ("leaders", L("Recep Tayyip Erdogan", "TUR"), L("ERDOĞAN", "tur"), True),
    ("leaders", L("Joseph R. Biden, Jr.", "USA"), L("Joseph R. Biden", "USA"), True),
    ("leaders", L("Kassym-Jomart Tokayev", "KAZ"), L("Kassym-Jomart Tokayev", "TJK"), False),
    ("leaders", L("Kassym-Jomart Tokayev", "KAZ"), L("Kassym-Jomart Tokayev", ""), False),
    ("leaders", L("Antonio Guterres", ""), L("António Guterres", ""), True),
    ("leaders", L("Emomali Rahmon", "TJK"), L("Emomali", "TJK"), False),
    ("leaders", L("Emomali Rahmon", "TJK"), {"name": "Rahmon", "country": None}, False),
    # the 1980s European Community: EC, EEC or EU as the annotator wrote it (an open point)
    ("leaders", L("Willy de Clercq", "EC"), L("Willy De Clercq", "EU"), True),
    ("leaders", L("Willy de Clercq", "EEC"), L("Willy De Clercq", "eu"), True),
    ("leaders", L("Willy de Clercq", "EU"), L("Willy De Clercq", "ECU"), False),
    # dates: value, exactly
    ("dates", D("2021-05-20"), D("2021-05-20"), True),
    ("dates", D("2021-05-20"), D(" 2021-05-20 "), True),
    ("dates", D("2021-05"), D("2021-05-20"), False),
    ("dates", D("2021/2023"), D("2021/2023"), True),
    ("dates", D("2021/2023"), D("2021-01-01/2023-12-31"), False),
    ("dates", D("2020", "last year"), D("2021", "last year"), False),
    # documents: type and the set of countries
    ("documents", Doc("agreement", ["KAZ", "TJK"]), PDoc("agreement", "KAZ;TJK"), True),
    ("documents", Doc("agreement", ["TJK", "KAZ"]), PDoc("agreement", "KAZ;TJK"), True),
    ("documents", Doc("agreement", ["KAZ", "TJK"]), PDoc("Agreement", "TJK;KAZ;KAZ"), True),
    ("documents", Doc("agreement", ["KAZ", "TJK"]), PDoc("agreement", "KAZ"), False),
    ("documents", Doc("agreement", ["KAZ"]), PDoc("agreement", "KAZ;TJK"), False),
    ("documents", Doc("agreement", ["KAZ", "TJK"]), PDoc("memorandum", "KAZ;TJK"), False),
    ("documents", Doc("joint_statement", []), PDoc("joint_statement", ""), True),
    ("documents", Doc("treaty", ["RUS", "UN"]), PDoc("treaty", "UN;RUS"), True),
    ("documents", Doc("agreement", ["CHN", "EC"]), PDoc("agreement", "CHN;EU"), True),
    ("documents", Doc("agreement", ["EC", "EU"]), PDoc("agreement", "EU"), True),
    ("documents", Doc("agreement", ["ECU"]), PDoc("agreement", "EU"), False),
    # trade: currency, and amount within 2% of gold
    ("trade", T(1_000_000_000, "USD"), T(1_000_000_000.0, "USD"), True),
    ("trade", T(1_000_000_000, "USD"), T(1_020_000_000.0, "USD"), True),
    ("trade", T(1_000_000_000, "USD"), T(980_000_000.0, "USD"), True),
    ("trade", T(1_000_000_000, "USD"), T(1_021_000_000.0, "USD"), False),
    ("trade", T(1_000_000_000, "USD"), T(979_000_000.0, "USD"), False),
    ("trade", T(1_000_000_000, "USD"), T(1_000_000_000.0, "usd"), True),
    ("trade", T(1_000_000_000, "USD"), T(1_000_000_000.0, "EUR"), False),
    ("trade", T(1_000_000_000, "USD"), T(None, "USD"), False),
    ("trade", T(1.5e6, "RUB"), T("1500000", "RUB"), True),
    ("trade", T(0, "USD"), T(0.0, "USD"), True),
    ("trade", T(0, "USD"), T(1.0, "USD"), False),
]


@pytest.mark.parametrize("table,gold,pred,expected", MATCH_CASES)
def test_match(table: str, gold: dict, pred: dict, expected: bool) -> None:
    assert MATCH[table](gold, pred) is expected


NEAR_CASES = [
    ("leaders", L("Kassym-Jomart Tokayev", "KAZ"), L("Tokayev", "TJK"), True),
    ("leaders", L("Kassym-Jomart Tokayev", "KAZ"), L("Emomali Rahmon", "KAZ"), False),
    ("dates", D("2021-05-20", "May 20"), D("2022-05-20", "Thursday May 20"), True),
    ("dates", D("2021-05-19", "May 19"), D("2021-05-20", "Thursday May 20"), False),
    ("dates", D("2021-05-19", ""), D("2021-05-20", ""), False),
    ("documents", Doc("agreement", ["KAZ"]), PDoc("agreement", "KAZ;TJK"), True),
    ("documents", Doc("program", ["KAZ"], "cooperation"), PDoc("plan", "KAZ", "cooperation"),
     True),
    ("documents", Doc("program", ["KAZ"]), PDoc("treaty", "KAZ"), False),
    ("trade", T(1e9, "USD"), T(2e9, "USD"), True),
    ("trade", T(1e9, "USD"), T(1e9, "EUR"), True),
    ("trade", T(1e9, "USD", "1 bln dlrs"), T(5e6, "EUR", "1 bln"), True),
    ("trade", T(1e9, "USD"), T(5e6, "EUR"), False),
]


@pytest.mark.parametrize("table,gold,pred,expected", NEAR_CASES)
def test_near(table: str, gold: dict, pred: dict, expected: bool) -> None:
    assert NEAR[table](gold, pred) is expected


# ---------------------------------------------------------------- one-to-one assignment

def _values(items: list) -> list[dict]:
    return [D(v) for v in items]


ASSIGN_CASES = [
    # dates are a multiset: two occurrences are two items
    (_values(["2021-05-20", "2021-05-20"]), _values(["2021-05-20"]), 1),
    (_values(["2021-05-20"]), _values(["2021-05-20", "2021-05-20"]), 1),
    (_values(["2021-05-20", "2021-05-20"]), _values(["2021-05-20", "2021-05-20"]), 2),
    (_values(["A", "A", "B"]), _values(["A", "B", "B"]), 2),
    (_values([]), _values(["A"]), 0),
    (_values(["A"]), _values([]), 0),
]


@pytest.mark.parametrize("gold,pred,pairs", ASSIGN_CASES)
def test_assign_multiset(gold: list, pred: list, pairs: int) -> None:
    found = assign(gold, pred, MATCH["dates"])
    assert len(found) == pairs
    assert len({g for g, _ in found}) == len({p for _, p in found}) == pairs


def test_assign_is_maximum_not_greedy() -> None:
    # 101 fits both gold amounts and is the closest for 102; a greedy pass would give
    # it to 102 and leave 100 unmatched. The maximum matching pairs all of them.
    gold = [T(102, "USD"), T(100, "USD")]
    pred = [T(101.0, "USD"), T(103.5, "USD")]
    assert assign(gold, pred, MATCH["trade"]) == [(0, 1), (1, 0)]


def test_assign_prefers_closest_amount() -> None:
    gold = [T(100, "USD")]
    pred = [T(101.5, "USD"), T(100.2, "USD")]
    from pipeline.evaluate import COST

    assert assign(gold, pred, MATCH["trade"], COST["trade"]) == [(0, 1)]


# ---------------------------------------------------------------- scoring articles

def gold_article(aid: str, **tables: list) -> GoldArticle:
    items = {t: tables.get(t, []) for t in ("leaders", "dates", "documents", "trade")}
    return GoldArticle(aid, "2021-05-20", items, f"gold.jsonl:{aid}")


def row(aid: str, rule: str, sentence: str = "", **fields) -> dict:
    return {"article_id": aid, "rule": rule, "sentence": sentence, **fields}


COUNTS_CASES = [
    # (tp, fp, fn) -> (precision, recall, f1)
    ((0, 0, 0), (1.0, 1.0, 1.0)),
    ((0, 0, 3), (0.0, 0.0, 0.0)),  # nothing predicted, something missed
    ((0, 2, 0), (0.0, 0.0, 0.0)),  # nothing to find, something predicted
    ((1, 1, 2), (0.5, 1 / 3, 0.4)),
    ((3, 0, 1), (1.0, 0.75, 6 / 7)),
]


@pytest.mark.parametrize("counts,expected", COUNTS_CASES)
def test_counts(counts: tuple, expected: tuple) -> None:
    c = Counts(*counts)
    assert (c.precision, c.recall, c.f1) == pytest.approx(expected)


def test_score_counts_and_macro() -> None:
    gold = {
        "a1": gold_article("a1",
                           leaders=[L("Emomali Rahmon", "TJK"), L("Kassym-Jomart Tokayev", "KAZ")],
                           dates=[D("2021-05-20", "May 20"), D("2021-05-19", "May 19")],
                           documents=[Doc("agreement", ["KAZ", "TJK"]),
                                      Doc("memorandum", ["KAZ", "TJK"])],
                           trade=[T(1e9, "USD")]),
        "a2": gold_article("a2", leaders=[L("Vladimir Putin", "RUS")]),
    }
    preds = group_rows({
        "leaders": [row("a1", "r1", name="Rahmon", country="TJK"),
                    row("a1", "r2", name="Tokayev", country="TJK"),
                    row("zz", "r1", name="Nobody", country="XXX")],  # not in gold: ignored
        "dates": [row("a1", "d1", text="May 20", value="2021-05-20"),
                  row("a1", "d2", text="Thursday", value="2021-05-20")],
        "documents": [row("a1", "x", doc_type="agreement", countries="KAZ;TJK")],
        "trade": [row("a1", "t", text="about 1 billion U.S. dollars", amount=1.01e9,
                      currency="USD")],
    })
    report = score(gold, preds)
    got = {t: (c.tp, c.fp, c.fn) for t, c in report.tables.items()}
    assert got == {"leaders": (1, 1, 2), "dates": (1, 1, 1), "documents": (1, 0, 1),
                   "trade": (1, 0, 0)}
    macro = report.macro()
    assert macro["f1"] == pytest.approx((0.4 + 0.5 + 2 / 3 + 1.0) / 4)
    assert macro["precision"] == pytest.approx((0.5 + 0.5 + 1 + 1) / 4)
    assert report.articles == 2


def test_score_errors_grouped_by_rule() -> None:
    text = "Putin spoke. Tajik President Emomali Rahmon met Tokayev on May 19. Nothing else."
    gold = {"a1": gold_article("a1",
                               leaders=[L("Emomali Rahmon", "TJK"),
                                        L("Kassym-Jomart Tokayev", "KAZ")],
                               dates=[D("2021-05-19", "May 19")])}
    preds = group_rows({
        "leaders": [row("a1", "leaders:demonym", "Tajik President ... met Tokayev.",
                        name="Tokayev", country="TJK"),
                    row("a1", "leaders:title", "Putin spoke.", name="Putin", country="RUS")],
        "dates": [],
    })
    report = score(gold, preds, texts={"a1": text})
    by_rule = report.errors_by_rule()
    leaders = by_rule["leaders"]
    assert [e.kind for e in leaders["leaders:demonym"]] == ["wrong"]
    wrong = leaders["leaders:demonym"][0]
    assert wrong.gold["name"] == "Kassym-Jomart Tokayev" and wrong.pred["country"] == "TJK"
    assert [e.kind for e in leaders["leaders:title"]] == ["false_hit"]
    miss = leaders[NO_RULE][0]
    assert miss.kind == "miss" and miss.gold["name"] == "Emomali Rahmon"
    assert miss.sentence == "Tajik President Emomali Rahmon met Tokayev on May 19."
    assert list(leaders)[-1] == NO_RULE
    date_miss = by_rule["dates"][NO_RULE][0]
    assert date_miss.sentence == "Tajik President Emomali Rahmon met Tokayev on May 19."
    # a wrong pair is one FN and one FP in the counts
    assert (report.tables["leaders"].fp, report.tables["leaders"].fn) == (2, 2)


def test_score_miss_sentence_from_predicted_rows_without_text() -> None:
    gold = {"a1": gold_article("a1", dates=[D("2021-05-19", "May 19")])}
    sentence = "Tokayev arrived in Dushanbe on May 19 on a two-day visit."
    preds = group_rows({"leaders": [row("a1", "l", sentence, name="Tokayev", country="KAZ")]})
    report = score(gold, preds)
    assert report.errors_by_rule()["dates"][NO_RULE][0].sentence == sentence


# ---------------------------------------------------------------- helpers

@pytest.mark.parametrize("cell,expected", [
    ("'=SUM(A1)", "=SUM(A1)"),
    ("'+7 700", "+7 700"),
    ("'-5", "-5"),
    ("'@x", "@x"),
    ("'\tx", "\tx"),
    ("'quoted", "'quoted"),
    ("=raw", "=raw"),
    ("", ""),
])
def test_unneutralize(cell: str, expected: str) -> None:
    assert unneutralize(cell) == expected


@pytest.mark.parametrize("value,expected", [
    ("KAZ;TJK", {"KAZ", "TJK"}),
    (" tjk ; KAZ;", {"KAZ", "TJK"}),
    (["KAZ", "tjk"], {"KAZ", "TJK"}),
    ("", set()),
    (None, set()),
])
def test_codes(value, expected: set) -> None:
    assert codes(value) == expected


TEXT = ("DUSHANBE, May 20 (Reuters) - Talks were held.\nThe leaders met on May 19. "
        "It was \"good.\" Then they left on Friday!")


@pytest.mark.parametrize("needle,expected", [
    ("May 20", "DUSHANBE, May 20 (Reuters) - Talks were held."),
    ("may 19", "The leaders met on May 19."),
    ("Friday", "Then they left on Friday!"),
    ("good", "It was \"good.\""),
    ("absent", ""),
    ("", ""),
])
def test_sentence_around(needle: str, expected: str) -> None:
    assert sentence_around(TEXT, needle) == expected


LONG = ("Taking part were Prime Minister Mikhail Mishustin, " + "Minister X Y, " * 30
        + "and Foreign Minister Sergei Lavrov.")


_MID = LONG.index("Minister X Y, Minister")


@pytest.mark.parametrize("sentence,needles,expected", [
    ("Short sentence.", ["absent"], "Short sentence."),
    (LONG, ["Mishustin"], LONG[:80] + "..."),
    (LONG, ["lavrov"], "..." + LONG[-80:]),
    (LONG, ["absent", "Minister X Y, Minister"], "..." + LONG[_MID - 40:_MID + 40] + "..."),
    (LONG, ["absent"], LONG[:80] + "..."),
])
def test_clip(sentence: str, needles: list, expected: str) -> None:
    assert clip(sentence, needles, width=80) == expected

"""The dates table on whole texts: the seed article, publication-date inference, context rules
(future tense, names, durations), and precision/recall on the dev gold when ../shared exists."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from pipeline.extractors.dates import DatesExtractor
from pipeline.records import Article, DateRow

SEED_VALUES = Counter(["2021-05-20", "2020", "2021/2023", "2021-05-19", "2021", "1993-01-07",
                       "1993-06", "2001-01", "1998-04", "1993-01", "2015-09-14", "2019/2022"])
GOLD_DIR = Path(__file__).resolve().parent.parent / "corpus" / "gold"


def dates(doc) -> list[DateRow]:
    return (doc._.rows or {}).get("dates", [])


def values(doc) -> list[str]:
    return [r.value for r in dates(doc)]


def test_dates_seed_with_publication_date(make_doc, seed_text):
    doc = make_doc(seed_text, "2021-05-20")
    assert Counter(values(doc)) == SEED_VALUES
    assert doc._.dct_source == "metadata"
    by_text = {r.text: r for r in dates(doc)}
    assert by_text["Thursday May 20"].anchor == "relative"
    assert by_text["Last year"].value == "2020"
    assert by_text["January 7, 1993"].anchor == "absolute"


def test_dates_seed_bare_text_infers_publication_date(seed_doc):
    assert (seed_doc._.dct, seed_doc._.dct_source) == ("2021-05-20", "inferred")
    assert Counter(values(seed_doc)) == SEED_VALUES
    anchors = {r.text: r.anchor for r in dates(seed_doc)}
    assert anchors["Thursday May 20"] == "inferred"
    assert anchors["May 19"] == "inferred"
    assert anchors["Last year"] == "inferred"
    assert anchors["September 14, 2015"] == "absolute"


def test_dates_rows_carry_evidence(seed_doc, seed_text):
    for row in dates(seed_doc):
        assert seed_text[row.start:row.end] == row.text
        assert row.text in row.sentence
        assert row.rule and 0 < row.confidence <= 1
        assert row.granularity in ("day", "month", "year", "range")
    rules = {r.text: r.rule for r in dates(seed_doc)}
    assert rules["2021-2023"] == "year"


def test_dates_run_writes_inferred_publication_date(nlp, seed_text):
    from pipeline.run import process_articles

    article = Article(article_id="seed", text=seed_text)
    [(done, rows)] = process_articles(nlp, [article])
    assert (done.published, done.published_source) == ("2021-05-20", "inferred")
    assert Counter(r["value"] for r in rows["dates"]) == SEED_VALUES


@pytest.mark.parametrize("text, dct, source", [
    ("Dushanbe, 20 May 2021 - The presidents met yesterday in the capital.",
     "2021-05-20", "text"),
    ("MOSCOW, March 3, 1987 - The ministry said on Monday that exports rose.",
     "1987-03-03", "text"),
    ("IGORA /Leningrad Region/, December 26. /TASS/. Putin met Xi in September 2024. "
     "Growth in 2025 will be about 4%.", "2024-12-26", "inferred"),
    ("MOSCOW, December 26. /TASS/. Gazprom has contracts until 2035 and 2049.", None, ""),
    ("On Friday, October 29, officials met. Trade reached a record in 2020 and in 2021.",
     "2021-10-29", "inferred"),
    ("The ministers met yesterday and agreed to meet again next month.", None, ""),
    ("The ministers met yesterday.\n\nPress Service of the Ministry\nBaku, 3 November 2022",
     "2022-11-03", "text"),
])
def test_dates_publication_date_inference(make_doc, text, dct, source):
    doc = make_doc(text)
    assert (doc._.dct, doc._.dct_source) == (dct, source)


def test_dates_dateline_date_anchors_relative_dates(make_doc):
    doc = make_doc("Dushanbe, 20 May 2021 - The presidents met yesterday in the capital.")
    rows = {r.text: r for r in dates(doc)}
    assert rows["20 May 2021"].value == "2021-05-20"
    assert (rows["yesterday"].value, rows["yesterday"].anchor) == ("2021-05-19", "relative")


def test_dates_no_publication_date_keeps_absolute_and_skips_relative(make_doc):
    doc = make_doc("The ministers met yesterday. The treaty was signed on January 7, 1993.")
    assert doc._.dct is None
    assert values(doc) == ["1993-01-07"]


def test_dates_weekday_contradiction_lowers_confidence_and_says_so(make_doc):
    doc = make_doc("On Thursday, May 21, 2021, the ministers met in Minsk.", "2021-05-24")
    [row] = dates(doc)
    assert row.value == "2021-05-21"
    assert "weekday_mismatch" in row.rule
    assert row.confidence < 0.6


@pytest.mark.parametrize("sentence, expected", [
    ("The president will visit Paris on May 25.", "2021-05-25"),
    ("The president is scheduled to visit Paris on May 25.", "2021-05-25"),
    ("The talks, which will be held on May 25, cover trade.", "2021-05-25"),
    ("The president visited Paris on May 25.", "2020-05-25"),
    ("He arrived on May 19 and will leave on Saturday.", "2021-05-19"),
    ("The ministers will meet on Tuesday.", "2021-05-25"),
    ("The ministers met on Tuesday.", "2021-05-18"),
])
def test_dates_future_tense_resolves_forward(make_doc, sentence, expected):
    doc = make_doc(sentence, "2021-05-20")
    assert values(doc)[0] == expected


@pytest.mark.parametrize("sentence, dct, expected", [
    # a clause with no tense (present, a premodifier, an infinitive): the nearer reading
    ("The payment date is March 25.", "1987-03-05", "1987-03-25"),
    ("The firm said it moved the venue of its March 31 annual meeting.", "1987-03-27",
     "1987-03-31"),
    ("Workers voted to strike on March 24 unless their demand is met.", "1987-03-16",
     "1987-03-24"),
    ("He said the loan is being arranged ahead of the sale in April.", "1987-03-09", "1987-04"),
    ("Traders said resistance continues near 19 dlrs for May crude futures.", "1987-04-07",
     "1987-05"),
    ("Yeutter said he plans a July trip to China.", "1987-03-04", "1987-07"),
    ("He was paving the way for the April 29-May 2 visit of the prime minister.",
     "1987-04-24", "1987-04-29/1987-05-02"),
    # but the far reading stays the past, and a past participle tells the past
    ("The company said sales rose sharply in January.", "1987-03-27", "1987-01"),
    ("Profit would have doubled but for November's warehouse fire, he said.", "1987-03-13",
     "1986-11"),
    ("The tariffs, announced on Friday by the President, will affect 300 mln dlrs of goods.",
     "1987-03-31", "1987-03-27"),
    ("A cut from the level set March 10 might follow, dealers said.", "1987-03-26",
     "1987-03-10"),
    ("The fund, whose charter the states signed in March, opened.", "2024-01-15", "2023-03"),
    ("On Tuesday evening, the President will greet the King.", "2026-04-25", "2026-04-28"),
])
def test_dates_tense_of_yearless_dates(make_doc, sentence, dct, expected):
    assert values(make_doc(sentence, dct))[0] == expected


@pytest.mark.parametrize("text, dct, expected", [
    ("The parties aim to double trade by 2030.", "2021-05-20", ["2030"]),
    ("Talks will run from March 1 to 5.", "2022-02-20", ["2022-03-01/2022-03-05"]),
    ("Exports fell in the first quarter of 1987.", "1987-04-07", ["1987-01/1987-03"]),
    ("Exports fell in the first quarter.", "1987-04-07", ["1987-01/1987-03"]),
    ("Trade grew steadily in the 1990s.", "2021-05-20", ["1990/1999"]),
    ("They are implementing the Trade Facilitation Roadmap 2019-2022.", "2021-05-20",
     ["2019/2022"]),
    ("Workshops will be held on August 15, 16 and 23.", "2025-08-13",
     ["2025-08-15", "2025-08-16", "2025-08-23"]),
    ("Talks were held on Friday (19 Jan.) in Kampala.", "2024-01-20", ["2024-01-19"]),
    ("The plan runs by December 10 this year.", "2021-12-01", ["2021-12-10"]),
    # "a year earlier" in a report: the reported period a year before (blind-set decision)
    ("The surplus was 1.2 billion dlrs in 1986 against 965 mln a year earlier.",
     "1987-03-02", ["1986", "1985"]),
    ("The agreement was signed 30 years ago today.", "2022-02-07", ["1992-02-07"]),
    ("They hope to settle the debt by June 2024.", "2024-05-12", ["2024-06"]),
    ("He looks forward to traveling to Canada in March of this year.", "2023-01-10",
     ["2023-03"]),
    ("Prices stopped rising in the second half of May.", "2022-06-07", ["2022-05"]),
    ("Biden looks forward to welcoming him on Tuesday, January 17th.", "2023-01-12",
     ["2023-01-17"]),
    ("Our goal is to finish the programme before May 1.", "2022-03-23", ["2022-05-01"]),
    ("A pay rise takes effect from April 1, 1988, the union said.", "1987-03-09",
     ["1988-04-01"]),
    ("The law raises the minimum wage from January 1.", "2022-11-17", ["2023-01-01"]),
    ("The heat may ease from Sunday.", "2023-08-25", ["2023-08-27"]),
    ("Lula invited Boric to attend the summit in Rio on November 18-19.", "2024-04-24",
     ["2024-11-18/2024-11-19"]),
    ("They expect a recovery in the first half of next year.", "2023-10-26",
     ["2024-01/2024-06"]),
    ("Trade was worth NZ$ 1.1 billion in the year to March 2024.", "2024-06-12",
     ["2023-04/2024-03"]),
    ("They reaffirmed the 1951 Mutual Defense Treaty.", "2024-02-14", ["1951"]),
    ("The report will be ready on February 29.", "2023-03-01", ["2024-02-29"]),
    # report-relative dates: the reported month or quarter a year before
    ("Taiwan's trade surplus widened to 4.18 billion dlrs in the first quarter of 1987 from "
     "3.05 billion a year ago. First quarter exports rose to 11.25 billion dlrs from 8.38 "
     "billion in the same period in 1986.", "1987-04-07",
     ["1987-01/1987-03", "1986-01/1986-03", "1987-01/1987-03", "1986-01/1986-03"]),
    ("The trade surplus soared to 8.14 billion dlrs in February from 5.7 billion in January "
     "and 4.77 billion a year ago.", "1987-03-10", ["1987-02", "1987-01", "1986-02"]),
    ("Exports rose in January. Imports were 905 mln dlrs against 929 mln in December and 816 "
     "mln a year earlier.", "1987-03-04", ["1987-01", "1986-12", "1986-01"]),
    ("Car demand surged during 2004.\n\nSales jumped 22% to 449,603 from a year earlier.", None,
     ["2004", "2003"]),
    ("Brazil's surplus in March was 136 mln dlrs against 1.13 billion in the same month last "
     "year.", "1987-04-10", ["1987-03", "1986-03"]),
    ("Exports rose in March. The deficit rose to 752 mln dlrs in the first two months of 1987 "
     "from 727 mln in the same 1986 period.", "1987-04-10",
     ["1987-03", "1987-01/1987-02", "1986-01/1986-02"]),
    ("Exports in the first four months were 256.1 mln dlrs, against 403.3 mln in the same "
     "period in 1986.", "1987-05-20", ["1987-01/1987-04", "1986-01/1986-04"]),
    ("It will take the first two months. In the first six months of his term, exports rose.",
     "1987-05-20", []),
    ("Fourth quarter exports fell to 622,000 tonnes from 909,000 tonnes a year earlier.",
     "1987-03-20", ["1986-10/1986-12", "1985-10/1985-12"]),
    # ... but "a year ago" in a speech is the year before the speech
    ("In October we met. I became a member of the Council a year ago.", "2021-10-27",
     ["2021-10", "2020"]),
    ("Sales jumped 22% to 449,603 from a year earlier.", None, []),  # no period, no date
    # the blind-set forms
    ("The delegation is to leave Colombo tomorrow (Monday) for India.", "2024-02-04",
     ["2024-02-05"]),
    ("It played a role during this year's September elections.", "2021-10-28", ["2021-09"]),
    ("The presidents exchanged New Year greetings.", "2021-12-25", ["2022-01-01"]),
    ("Families celebrated the Lunar New Year and the Sinhala and Tamil New Year.",
     "2024-04-20", []),
    ("I wish you success in the new year.", "2022-12-30", []),
    ("It was the worst tyranny of the twentieth century and of the XX century.", "2022-03-01",
     ["1901/2000", "1901/2000"]),
    ("The studio behind 20th Century Fox films was sold.", "2005-01-01", []),
    ("The most important thing in the coming year is well-being.", "2024-12-26", ["2025"]),
    ("I will be ready two months from now and the report will come in two months.",
     "2021-10-27", ["2021-12", "2021-12"]),
    ("He completed the course in two months.", "2021-10-27", []),
    ("Reagan would act in a day or so.", "1987-03-27", []),
    ("Exports are expected to rise for the first time in seven years.", "1987-03-27", []),
    # a month-day a few days ahead in a clause of undecided tense is the coming one
    ("Biden thanked him for hosting the summit in Geneva on June 16.", "2021-06-15",
     ["2021-06-16"]),
    ("Sweden gave firms an October deadline to cut trading links.", "1987-03-12",
     ["1987-10"]),
    # held-out forms: datelines inside the text, one unit back, decades in words
    ("The island has reached monetary stability. (Colombo/June26/2024)", "2024-06-26",
     ["2024-06-26"]),
    ("Putin said so at the meeting. (Colombo/Aug 14/2024)", "2024-08-14", ["2024-08-14"]),
    ("Over the past night, the invaders shelled the city.", "2022-03-11", ["2022-03-10"]),
    ("This year, we will make 80 percent more changes than in the previous year.",
     "2021-10-26", ["2021", "2020"]),
    ("Group net profit rose to 275 mln marks in 1986 from 222 mln the previous year.",
     "1987-04-02", ["1986", "1985"]),
    ("Debts rose to 83.8 billion rupees in November from 83.2 billion the previous month.",
     "1987-03-02", ["1986-11", "1986-10"]),
    ("Balances rose on October 16 to 12.8 billion dlrs from 9.9 billion the previous day.",
     "1987-10-20", ["1987-10-16", "1987-10-15"]),
    ("The delegation was in Paris the day before.", "2022-01-29", ["2022-01-28"]),
    ("It was the lowest unemployment since the seventies.", "2005-01-10", ["1970/1979"]),
    ("Debts totalled 16.8 billion dlrs at end-1986, up from 15.2 billion at end-1985.",
     "1987-03-02", ["1986", "1985"]),
    ("It reported a fourth-quarter 1986 loss of 560 mln dlrs.", "1987-03-02",
     ["1986-10/1986-12"]),
    ("He reminded the people of the country's 2022 economic crisis.", "2024-06-26", ["2022"]),
    # "from last year" in a report on a month is that month a year before
    ("The value of exports rose 55 pct in January. They were 180 mln dlrs, a drop of 42 pct "
     "from last year.", "1987-04-09", ["1987-01", "1986-01"]),
    ("Economists said the surplus would be three billion dlrs higher than last year's total.",
     "1987-03-10", ["1986"]),
    # a year after "calendar" or "year" is no name
    ("Cotton exports rose to 558,089 tonnes in calendar 1986 from 347,026 in 1985.",
     "1987-03-13", ["1986", "1985"]),
    ("In the full year 1986, imports rose 30.6 billion dlrs.", "1987-03-11", ["1986"]),
    ("They agreed to revise a separate 1983 agreement.", "1987-06-02", ["1983"]),
    # a day of the month the dct gives, the year being seen out
    ("Institutions have been given until the 31st of this month to submit estimates.",
     "2025-07-16", ["2025-07-31"]),
    ("The bids open on the 7th of next month.", "2025-07-16", ["2025-08-07"]),
    ("The outgoing year marked the anniversary of independence.", "2021-12-28", ["2021"]),
    # a speaker's present is the day; today's meeting is the day
    ("We are meeting today to discuss trade.", "2021-12-28", ["2021-12-28"]),
    ("Today's meeting was productive.", "2021-12-28", ["2021-12-28"]),
    # a present of state is the times, unless the speaker is there or an occasion is named
    ("We are here today to sign the agreement.", "2022-05-08", ["2022-05-08"]),
    ("I thank everyone who is here with us today.", "2022-05-08", ["2022-05-08"]),
    ("And we have a full agenda today.", "2022-09-21", ["2022-09-21"]),
    ("During the conversation that we have today, we will talk about climate.", "2022-11-21",
     ["2022-11-21"]),
    ("Today I am pleased to announce new assistance.", "2024-06-15", ["2024-06-15"]),
    ("The Secretary opens talks with Japanese officials today.", "1987-04-17", ["1987-04-17"]),
    ("Our election campaign ends today.", "2024-09-18", ["2024-09-18"]),
    ("Today, our defence ministers are meeting in Moscow.", "2022-02-16", ["2022-02-16"]),
    ("Today we are also in the process of signing the agreements.", "2024-06-26",
     ["2024-06-26"]),
    # a quarter relative to the publication date; months in a list
    ("Growth will slow this quarter after a strong start.", "1987-03-25", ["1987-01/1987-03"]),
    ("Sales were weak in January, February and March.", "1987-04-25",
     ["1987-01", "1987-02", "1987-03"]),
    ("The deficit will start down in February or March.", "1987-01-25",
     ["1987-02", "1987-03"]),
    ("Fierce fighting has been raging since dawn today, the communique said.", "1987-04-07",
     ["1987-04-07"]),
    # a listed month goes the way of the first; "to be introduced" is ahead
    ("The incentives, to be introduced in May or June, include loans.", "1987-03-25",
     ["1987-05", "1987-06"]),
    ("The signing of today's MOU underscores our commitment.", "2024-08-20", ["2024-08-20"]),
    # the previous quarter steps back from the report's quarter
    ("Investment rose 14.4 billion dlrs in the fourth quarter, against 5.6 billion dlrs in the "
     "previous quarter.", "1987-03-17", ["1986-10/1986-12", "1986-07/1986-09"]),
    ("Eighty years ago, Marines landed in New Zealand.", "2022-05-31", ["1942"]),
    ("The Prime Minister departed at 8.20 p.m. last evening.", "2024-03-25", ["2024-03-24"]),
    # a month alone before a noun after "the", at a sentence's start, or in "the same X period"
    ("April output of chips will fall by 25 pct compared to 5.4 mln in March.", "1987-03-31",
     ["1987-04", "1987-03"]),
    ("The March surplus compared with a 1.70 billion dlr surplus in the same February period.",
     "1987-03-19", ["1987-03", "1987-02"]),
    ("This night the enemy will use all the forces available.", "2022-02-26", ["2022-02-26"]),
    # an invitation puts the visit ahead
    ("Biden invited President Lula to visit Washington in early February.", "2023-01-09",
     ["2023-02"]),
    # a year the model takes for a count, the whole object of "in"
    ("In 2022 more than UAH 140 billion was budgeted for roads.", "2021-12-24", ["2022"]),
    # a year before a hyphenated document name
    ("They work under the 2004 Russian-German Intergovernmental Agreement.", "2021-11-23",
     ["2004"]),
    # "next" puts a month-day in the future even in a past-tense sentence
    ("This was in the hope of resolving the row before the next Council meeting on April 15.",
     "1987-03-05", ["1987-04-15"]),
])
def test_dates_expressions_in_context(make_doc, text, dct, expected):
    assert values(make_doc(text, dct)) == expected


@pytest.mark.parametrize("text", [
    "Tokayev arrived on a two-day official visit.",
    "The two countries have cooperated for 30 years.",
    "They celebrated the 60th anniversary of diplomatic relations.",
    "The sides support the 2030 Agenda for Sustainable Development.",
    "They discussed the COVID-19 pandemic and the G20 agenda.",
    "Prime Minister Theresa May met the President.",
    "The talks may continue and the protesters march through the city.",
    "The meeting began at 10 a.m. local time.",
    "The leader, aged 65, met 1,987 voters and quoted Section 301.",
    "The Security Council adopted Resolution 2118 unanimously.",
    "Exports were 2021 million dlrs, up 1998 pct.",
    "The sides met last week and will talk again in the next few months.",
    "Over the last year the two countries have grown closer.",
    "They share a view of the many problems facing the world today.",
    "Today, the council conducts extensive research.",
    "It is a necessary path in today's world.",
    "The plan benefits tea because today's global demand is for sustainable produce.",
    "He said that today the army is fighting for the freedom of the whole continent.",
    "Today, we have the unprecedented support of our partners.",
    "Half of Ukrainians today live apart from their families.",
    "Relations with Poland today are one of the highest priorities for Ukraine.",
    "The efforts will remain just as effective as they are today.",
    "The structures became the basis of the National Guard of today.",
    "Today, the mechanisms we developed have been working efficiently.",
    "Today, students are opening up new horizons of activity.",
    "He failed to prevent the Easter Sunday massacre.",
    "They reaffirmed their support for the Belfast/Good Friday Agreement.",
    "The visitors took the lead midway through the first half.",
    "We will decide today or tomorrow which route to take.",
    "He arrived the day before the summit and left a year before the election.",
    "I would like to use an example from the previous five years.",
])
def test_dates_not_dates(make_doc, text):
    assert values(make_doc(text, "2021-05-20")) == []


def test_dates_component_saves_and_loads_its_lexicon(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    component = DatesExtractor(nlp, "communique_dates")
    component.to_disk(tmp_path / "dates")
    loaded = DatesExtractor(nlp, "communique_dates").from_disk(tmp_path / "dates")
    assert sorted(map(str, loaded.lexicon.rows())) == sorted(map(str, component.lexicon.rows()))
    assert loaded.lexicon.get("month", "Sept.") == "9"


def score(nlp, gold_path: Path, texts: dict[str, str]) -> tuple[float, float, int]:
    """Precision, recall and article count of date values against a gold file, matched as
    multisets per article (as `communique evaluate` scores them)."""
    gold = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    gold = [g for g in gold if g["id"] in texts]
    tp = fp = fn = 0
    for item in gold:
        doc = nlp.make_doc(texts[item["id"]])
        doc._.dct, doc._.dct_source = item["dct"] or None, "metadata" if item["dct"] else ""
        predicted = Counter(values(nlp(doc)))
        wanted = Counter(d["value"] for d in item["dates"])
        hit = sum((predicted & wanted).values())
        tp, fp, fn = tp + hit, fp + sum(predicted.values()) - hit, fn + sum(wanted.values()) - hit
    return tp / max(1, tp + fp), tp / max(1, tp + fn), len(gold)


def read_texts(path: Path) -> dict[str, str]:
    with open(path, encoding="utf-8") as fh:
        return {r["id"]: r["text"] for r in map(json.loads, fh) if r.get("text")}


def test_dates_dev_articles_precision_recall(nlp):
    """The synthetic dev articles written for this project (texts in corpus/gold/)."""
    precision, recall, n = score(nlp, GOLD_DIR / "dev_articles.gold.jsonl",
                                 read_texts(GOLD_DIR / "dev_articles.jsonl"))
    assert n >= 20
    assert precision >= 0.95 and recall >= 0.95


def test_dates_dev_sample_precision_recall(nlp, shared_corpus):
    """Real articles of ../shared/corpus/dev_sample.jsonl, gold in corpus/gold/."""
    precision, recall, n = score(nlp, GOLD_DIR / "dev_sample.gold.jsonl",
                                 read_texts(shared_corpus / "dev_sample.jsonl"))
    assert n >= 10
    assert precision >= 0.9 and recall >= 0.9

"""Output folders without a model run, for the review app's tests and benchmark.

`write_folder` stores articles and their rows the way `communique extract` does (the state
database with the article texts, then every table exported in input order), so the review
app cannot tell the difference; `synthetic_articles` makes any number of plausible articles
whose rows point at real spans of their text.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pipeline.records import ROW_TYPES, STATUS_FAILED, STATUS_OK, TABLES, Article, row_id
from pipeline.review.fields import sentence_at
from pipeline.state import StateStore
from pipeline.writers import TableWriter

Rows = dict[str, list[dict[str, Any]]]


def make_article(article_id: str, text: str, **meta: Any) -> Article:
    """An `Article` as ingest makes it (sha256 and length of the text filled in)."""
    return Article(article_id=article_id, text=text, n_chars=len(text),
                   sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), **meta)


def make_row(table: str, article_id: str, article_text: str, start: int, end: int, /, *,
             rule: str, confidence: float, **fields: Any) -> dict[str, Any]:
    """A complete row of `table` for the span [start, end) of the article's text, with its
    row_id; `fields` are the table's own columns."""
    cls = ROW_TYPES[table]
    row = cls(start=start, end=end, sentence=sentence_at(article_text, start, end), rule=rule,
              confidence=confidence, **fields).to_row()
    row["article_id"] = article_id
    row["row_id"] = row_id(article_id, table, start, end, row[cls.KEY])
    return row


def write_folder(out: Path | str, items: Iterable[tuple[Article, Rows]], fmt: str = "csv",
                 version: str = "fixtures") -> Path:
    """Store `(article, rows per table)` items in the output folder `out` and export its
    tables, as `communique extract` does. Writing a folder again replaces the rows of the
    articles given and keeps the others (like a re-run of extract)."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    with StateStore(out) as store:
        store.begin()
        for pos, (article, rows) in enumerate(items):
            store.register(article, pos)
            store.save([(article, rows)], version)
            if pos % 1000 == 999:
                store.commit()
                store.begin()
        store.commit()
        store.set_meta("version", version)
        for table in TABLES:
            with TableWriter(out, table, fmt) as writer:
                writer.write(store.iter_rows(table))
    return out


# ---------------------------------------------------------------- synthetic articles

_STATES = [  # name, demonym, code, capital
    ("Kazakhstan", "Kazakh", "KAZ", "Astana"), ("Tajikistan", "Tajik", "TJK", "Dushanbe"),
    ("Uzbekistan", "Uzbek", "UZB", "Tashkent"), ("Azerbaijan", "Azerbaijani", "AZE", "Baku"),
    ("Turkey", "Turkish", "TUR", "Ankara"), ("India", "Indian", "IND", "New Delhi"),
    ("Germany", "German", "DEU", "Berlin"), ("Brazil", "Brazilian", "BRA", "Brasilia"),
    ("Japan", "Japanese", "JPN", "Tokyo"), ("Kenya", "Kenyan", "KEN", "Nairobi"),
]
_FIRST = ["Amir", "Dana", "Karim", "Lena", "Omar", "Sara", "Timur", "Yuki", "Pedro", "Asha"]
_LAST = ["Rahimov", "Berg", "Sato", "Costa", "Odhiambo", "Aliyev", "Mehta", "Kaya", "Nurlan"]
_TOPICS = ["energy", "transport corridors", "water management", "education", "customs",
           "tourism", "digital services", "healthcare", "agriculture", "culture"]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
_FILLER = [
    "The ministers discussed {topic} and regional security, and agreed to meet again.",
    "Both delegations praised the growing ties between the two countries.",
    "Officials said further talks on {topic} would follow at the expert level.",
    "The meeting took place in a warm and friendly atmosphere, the statement said.",
    "Analysts expect the talks to give new impetus to cooperation in {topic}.",
]
_CONFIDENCES = [0.55, 0.62, 0.7, 0.8, 0.855, 0.9, 0.95, 0.99]


def synthetic_articles(n: int, seed: int = 13, chars: int = 3000
                       ) -> Iterator[tuple[Article, Rows]]:
    """`n` articles of about `chars` characters, each with leaders, dates, documents and
    trade rows at the offsets of what they name (one in a hundred is a failed record)."""
    rng = random.Random(seed)
    for i in range(n):
        article_id = f"syn-{i:06d}"
        if i % 100 == 99:
            article = make_article(article_id, "", status=STATUS_FAILED,
                                   error=f"synthetic.jsonl:{i + 1}: missing 'text' field")
            yield article, {}
            continue
        (a_name, a_dem, a_code, city), (b_name, b_dem, b_code, _) = rng.sample(_STATES, 2)
        year, month, day = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 28)
        published = f"{year}-{month:02d}-{day:02d}"
        parts: list[str] = []
        rows: Rows = {t: [] for t in ROW_TYPES}

        def add(fragment: str) -> int:
            offset = sum(len(p) for p in parts)
            parts.append(fragment)
            return offset

        def conf() -> float:
            return rng.choice(_CONFIDENCES)

        date_text = f"{rng.choice(_WEEKDAYS)} {_MONTHS[month - 1]} {day}"
        leader_a = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        leader_b = f"{rng.choice(_FIRST)} {rng.choice(_LAST)}"
        at = add("On ")
        d0 = add(date_text)
        add(f", {a_dem} President ")
        l0 = add(leader_a)
        add(f" held talks with {b_dem} Prime Minister ")
        l1 = add(leader_b)
        add(f" in {city}.\n\n")
        topic_a, topic_b = rng.sample(_TOPICS, 2)
        add("The sides signed ")
        o0 = add(f"an agreement on {topic_a}")
        add(" and ")
        o1 = add(f"a memorandum of understanding on {topic_b}")
        add(".\n\n")
        amount = rng.randint(1, 90) / 10
        money = f"{amount} billion US dollars"
        add(f"Trade between {a_name} and {b_name} reached ")
        t0 = add(money)
        add(" in ")
        y0 = add(str(year - 1))
        add(".\n\n")
        while sum(len(p) for p in parts) < chars:
            add(rng.choice(_FILLER).format(topic=rng.choice(_TOPICS)) + " ")
        text = "".join(parts)
        assert at == 0
        both = ";".join(sorted((a_code, b_code)))
        rows["leaders"] += [
            make_row("leaders", article_id, text, l0, l0 + len(leader_a), rule="place_title_name",
                     confidence=conf(), name=leader_a, title="President", country=a_code),
            make_row("leaders", article_id, text, l1, l1 + len(leader_b), rule="place_title_name",
                     confidence=conf(), name=leader_b, title="Prime Minister", country=b_code)]
        rows["dates"] += [
            make_row("dates", article_id, text, d0, d0 + len(date_text), rule="month_weekday_date",
                     confidence=conf(), text=date_text, value=published, granularity="day",
                     anchor="absolute"),
            make_row("dates", article_id, text, y0, y0 + 4, rule="year", confidence=conf(),
                     text=str(year - 1), value=str(year - 1), granularity="year",
                     anchor="absolute")]
        rows["documents"] += [
            make_row("documents", article_id, text, o0, o0 + len(f"an agreement on {topic_a}"),
                     rule="parse:sign", confidence=conf(), doc_type="agreement",
                     title=topic_a, countries=both, signed_date=published),
            make_row("documents", article_id, text, o1,
                     o1 + len(f"a memorandum of understanding on {topic_b}"), rule="parse:sign",
                     confidence=conf(), doc_type="memorandum", title=topic_b, countries=both,
                     signed_date=published)]
        rows["trade"].append(
            make_row("trade", article_id, text, t0, t0 + len(money),
                     rule="trade_rules:number+cue:trade", confidence=conf(), text=money,
                     amount=amount * 1e9, currency="USD", period=str(year - 1),
                     countries=both, measure="trade"))
        yield make_article(article_id, text, source="synthetic wire",
                           url=f"https://example.org/news/{i}",
                           title=f"{a_name} and {b_name} leaders meet in {city}",
                           published=published, published_source="metadata",
                           status=STATUS_OK), rows

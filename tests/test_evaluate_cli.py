"""`communique evaluate` end to end on small gold files and tables written by the writers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.evaluate import NO_RULE, load_gold, read_table
from pipeline.errors import UsageError
from pipeline.writers import write_table

GOLD = [
    {"id": "a1", "dct": "2021-05-20",
     "leaders": [{"name": "Emomali Rahmon", "title": "President", "country": "TJK"},
                 {"name": "Kassym-Jomart Tokayev", "title": "President", "country": "KAZ"}],
     "dates": [{"text": "May 20", "value": "2021-05-20"},
               {"text": "May 19", "value": "2021-05-19"}],
     "documents": [{"type": "agreement", "title": "tuberculosis", "countries": ["KAZ", "TJK"],
                    "signed": "2021-05-20", "status": "signed"},
                   {"type": "memorandum", "title": "cultural cooperation",
                    "countries": ["KAZ", "TJK"], "signed": "2021-05-20", "status": "signed"}],
     "trade": [{"text": "about 1 billion U.S. dollars", "amount": 1000000000, "currency": "USD",
                "approximate": True, "period": "2020", "countries": ["KAZ", "TJK"],
                "measure": "trade"}]},
    {"id": "a2", "dct": "2022-01-01",
     "leaders": [{"name": "Vladimir Putin", "title": "President", "country": "RUS"}],
     "dates": [], "documents": [], "trade": []},
]
S1 = "Tajik President Emomali Rahmon held talks with Kassym-Jomart Tokayev on May 20."
S2 = "Tokayev arrived in Dushanbe on May 19 on a two-day visit."


def ev(rule: str, sentence: str) -> dict:
    return {"start": 0, "end": 5, "sentence": sentence, "rule": rule, "confidence": 0.9}


PRED = {
    "articles": [{"article_id": a, "status": "ok", "n_chars": 100} for a in ("a1", "a2", "zz")],
    "leaders": [
        {"article_id": "a1", "name": "Emomali Rahmon", "title": "President", "country": "TJK",
         **ev("leaders:demonym_title", S1)},
        {"article_id": "a1", "name": "Kassym-Jomart Tokayev", "title": "President",
         "country": "TJK", **ev("leaders:demonym_title", S1)},
        {"article_id": "zz", "name": "Not Scored", "title": "King", "country": "XXX",
         **ev("leaders:title_name", "Other article.")},
    ],
    "dates": [
        {"article_id": "a1", "text": "May 20", "value": "2021-05-20", "granularity": "day",
         "anchor": "relative", **ev("dates:month_day", S1)},
        {"article_id": "a1", "text": "-20", "value": "2021-05-20", "granularity": "day",
         "anchor": "relative", **ev("dates:dash_day", S1)},
        {"article_id": "a1", "text": "Tokayev", "value": "2021-05-19", "granularity": "day",
         "anchor": "relative", **ev("dates:month_day", S2)},
    ],
    "documents": [
        {"article_id": "a1", "doc_type": "agreement", "title": "=tuberculosis",
         "countries": "KAZ;TJK", **ev("documents:signed_list", S1)},
    ],
    "trade": [
        {"article_id": "a1", "text": "about 1 billion U.S. dollars", "amount": 1.01e9,
         "currency": "USD", "approximate": True, "countries": "KAZ;TJK", "measure": "trade",
         **ev("trade:amount_currency", S1)},
    ],
}
# (TP, FP, FN) per table; the wrong-country Tokayev is one FP and one FN.
EXPECTED = {"leaders": (1, 1, 2), "dates": (2, 1, 0), "documents": (1, 0, 1),
            "trade": (1, 0, 0)}


def write_gold(path: Path, records: list) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    return write_gold(tmp_path / "dev.gold.jsonl", GOLD)


@pytest.fixture(params=["csv", "parquet"])
def pred_dir(request, tmp_path: Path) -> Path:
    out = tmp_path / f"out_{request.param}"
    for table, rows in PRED.items():
        write_table(out, table, rows, fmt=request.param)
    return out


def run(*args: str) -> object:
    return CliRunner().invoke(cli, ["evaluate", *map(str, args)])


def metrics_of(output: str) -> dict[str, list[str]]:
    rows = {}
    for line in output.splitlines():
        parts = line.split()
        if parts and parts[0] in ("leaders", "dates", "documents", "trade", "macro"):
            rows[parts[0]] = parts[1:]
    return rows


def test_pred_prints_metrics(gold_file: Path, pred_dir: Path) -> None:
    result = run(gold_file, "--pred", pred_dir)
    assert result.exit_code == 0, result.output
    rows = metrics_of(result.output)
    for table, (tp, fp, fn) in EXPECTED.items():
        assert [int(x) for x in rows[table][3:]] == [tp, fp, fn], table
    assert rows["leaders"][:3] == ["0.500", "0.333", "0.400"]
    assert rows["dates"][:3] == ["0.667", "1.000", "0.800"]
    assert rows["documents"][:3] == ["1.000", "0.500", "0.667"]
    assert rows["trade"][:3] == ["1.000", "1.000", "1.000"]
    assert rows["macro"] == [f"{(0.5 + 2 / 3 + 1 + 1) / 4:.3f}", f"{(1 / 3 + 1 + 0.5 + 1) / 4:.3f}",
                             f"{(0.4 + 0.8 + 2 / 3 + 1) / 4:.3f}"]
    assert "2 gold article(s)" in result.output


def test_pred_json(gold_file: Path, pred_dir: Path) -> None:
    result = run(gold_file, "--pred", pred_dir, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    for table, (tp, fp, fn) in EXPECTED.items():
        got = data["tables"][table]
        assert (got["tp"], got["fp"], got["fn"]) == (tp, fp, fn)
        assert got["gold"] == tp + fn and got["predicted"] == tp + fp
    assert data["macro"]["f1"] == pytest.approx((0.4 + 0.8 + 2 / 3 + 1) / 4, abs=1e-4)
    assert data["articles"] == 2 and data["missing"] == []
    assert "errors" not in data


def test_pred_json_errors_grouped_by_rule(gold_file: Path, pred_dir: Path) -> None:
    result = run(gold_file, "--pred", pred_dir, "--json", "--errors")
    assert result.exit_code == 0, result.output
    errors = json.loads(result.output)["errors"]
    wrong = errors["leaders"]["leaders:demonym_title"]
    assert [e["kind"] for e in wrong] == ["wrong"]
    assert wrong[0]["gold"]["name"] == "Kassym-Jomart Tokayev"
    assert wrong[0]["pred"]["country"] == "TJK" and wrong[0]["sentence"] == S1
    assert [e["gold"]["name"] for e in errors["leaders"][NO_RULE]] == ["Vladimir Putin"]
    assert [e["kind"] for e in errors["dates"]["dates:dash_day"]] == ["false_hit"]
    assert errors["dates"]["dates:dash_day"][0]["pred"]["text"] == "-20"  # un-neutralized
    miss = errors["documents"][NO_RULE][0]
    assert miss["kind"] == "miss" and miss["gold"]["type"] == "memorandum"
    assert errors["trade"] == {}
    assert "zz" not in result.output


def test_pred_errors_text(gold_file: Path, pred_dir: Path) -> None:
    result = run(gold_file, "--pred", pred_dir, "--errors")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "== leaders: 1 false hit(s), 2 miss(es)" in out
    assert "-- rule leaders:demonym_title: 1 wrong" in out
    assert "WRONG [a1] gold Kassym-Jomart Tokayev | President | KAZ  <>  pred " \
           "Kassym-Jomart Tokayev | President | TJK" in out
    assert f"| {S1}" in out
    assert "MISS  [a2] gold Vladimir Putin | President | RUS" in out
    assert "-- rule dates:dash_day: 1 false hit" in out
    assert "== trade: 0 false hit(s), 0 miss(es)" in out
    # --table restricts the listing, not the scores
    only = run(gold_file, "--pred", pred_dir, "--errors", "--table", "dates").output
    assert "== dates" in only and "== leaders" not in only
    assert metrics_of(only)["leaders"] == metrics_of(out)["leaders"]


def test_read_table_undoes_formula_neutralization(tmp_path: Path) -> None:
    write_table(tmp_path, "documents", PRED["documents"])
    assert "'=tuberculosis" in (tmp_path / "documents.csv").read_text(encoding="utf-8")
    rows = read_table(tmp_path, "documents")
    assert rows[0]["title"] == "=tuberculosis"
    assert rows[0]["start"] == 0 and rows[0]["confidence"] == 0.9


def test_gold_article_missing_from_predictions_is_noted(tmp_path: Path, pred_dir: Path) -> None:
    gold = write_gold(tmp_path / "g.gold.jsonl", [*GOLD, {**GOLD[1], "id": "a9"}])
    result = run(gold, "--pred", pred_dir, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["tables"]["leaders"]["fn"] == EXPECTED["leaders"][2] + 1
    assert any("'a9'" in note for note in data["notes"])
    assert data["missing"] == ["a9"]


def test_dct_disagreement_is_noted(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "g.gold.jsonl", GOLD)
    articles = [{"article_id": "a1", "status": "ok", "published": "2021-05-20"},
                {"article_id": "a2", "status": "ok", "published": ""}]
    for table, rows in {**PRED, "articles": articles}.items():
        write_table(tmp_path / "out", table, rows)
    notes = json.loads(run(gold, "--pred", tmp_path / "out", "--json").output)["notes"]
    assert notes == ["gold article 'a2' has dct 2022-01-01; the extraction used none, so "
                     "relative dates may differ"]


def test_failed_article_is_missing(tmp_path: Path) -> None:
    gold = write_gold(tmp_path / "g.gold.jsonl", GOLD)
    articles = [{"article_id": "a1", "status": "ok", "published": "2021-05-20"},
                {"article_id": "a2", "status": "failed", "published": "2022-01-01",
                 "error": "x.jsonl:2: processing failed: boom"}]
    for table, rows in {**PRED, "articles": articles}.items():
        write_table(tmp_path / "out", table, rows)
    data = json.loads(run(gold, "--pred", tmp_path / "out", "--json").output)
    assert data["missing"] == ["a2"]
    assert data["notes"] == ["gold article 'a2' was failed in the extraction: "
                             "x.jsonl:2: processing failed: boom"]


def test_several_gold_files(tmp_path: Path, pred_dir: Path) -> None:
    g1 = write_gold(tmp_path / "one.gold.jsonl", GOLD[:1])
    g2 = write_gold(tmp_path / "two.gold.jsonl", GOLD[1:])
    both = json.loads(run(g1, g2, "--pred", pred_dir, "--json").output)
    assert both["articles"] == 2
    assert both["tables"]["leaders"]["fn"] == EXPECTED["leaders"][2]


BAD_LINES = [
    ("{not json", "line 2: malformed JSON"),
    ("[1, 2]", "line 2: a gold line must be a JSON object, got list"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [], "documents": []}',
     "line 2: missing field 'trade'"),
    ('{"id": "", "dct": "", "leaders": [], "dates": [], "documents": [], "trade": []}',
     "line 2: field 'id' must be a non-empty string"),
    ('{"id": "x", "dct": "", "leaders": {}, "dates": [], "documents": [], "trade": []}',
     "line 2: field 'leaders' must be a list"),
    ('{"id": "x", "dct": "", "leaders": [{"title": "King", "country": ""}], "dates": [], '
     '"documents": [], "trade": []}', "line 2: field 'leaders[0].name' must be"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [], "documents": [], '
     '"trade": [{"amount": "1 bln", "currency": "USD"}]}',
     "line 2: field 'trade[0].amount' must be a number, got '1 bln'"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [], "documents": [], '
     '"trade": [{"amount": true, "currency": "USD"}]}', "field 'trade[0].amount' must be"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [], '
     '"documents": [{"type": "treaty", "countries": "KAZ;TJK"}], "trade": []}',
     "field 'documents[0].countries' must be a list of country codes"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [{"text": "May"}], "documents": [], '
     '"trade": []}', "field 'dates[0].value' must be"),
    (json.dumps(GOLD[0]), "line 2: article id 'a1' is already annotated at"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [], "documents": [], "trade": [], '
     '"tables": ["documents", "treaties"]}', "field 'tables' must be a non-empty list of"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [], "documents": [], "trade": [], '
     '"tables": []}', "field 'tables' must be a non-empty list of"),
    ('{"id": "x", "dct": "", "leaders": [], "dates": [], "documents": [], "trade": [], '
     '"tables": "documents"}', "field 'tables' must be a non-empty list of"),
]


@pytest.mark.parametrize("line,message", BAD_LINES)
def test_bad_gold_line(tmp_path: Path, pred_dir: Path, line: str, message: str) -> None:
    gold = tmp_path / "bad.gold.jsonl"
    gold.write_text(json.dumps(GOLD[0]) + "\n" + line + "\n\n", encoding="utf-8")
    result = run(gold, "--pred", pred_dir)
    assert result.exit_code == 2
    assert f"gold file {gold}" in result.output
    assert message in result.output


def test_empty_gold_file(tmp_path: Path) -> None:
    gold = tmp_path / "empty.gold.jsonl"
    gold.write_text("\n", encoding="utf-8")
    with pytest.raises(UsageError, match="holds no annotated article"):
        load_gold([gold])


@pytest.mark.parametrize("extra", [[], ["--pred", "PRED", "--articles", "x.txt"],
                                   ["--pred", "PRED", "--pred-gold", "GOLD"]])
def test_needs_exactly_one_source(gold_file: Path, pred_dir: Path, extra: list) -> None:
    swap = {"PRED": str(pred_dir), "GOLD": str(gold_file)}
    result = run(gold_file, *[swap.get(a, a) for a in extra])
    assert result.exit_code == 2
    assert "exactly one of --pred OUTDIR, --articles INPUT or --pred-gold FILE" in result.output


def test_pred_gold_scores_a_second_annotation(tmp_path: Path) -> None:
    """Annotator agreement: the second file is scored as rows would be; articles only one
    file annotates are noted, not scored."""
    second = json.loads(json.dumps(GOLD))
    second[0]["leaders"][1]["country"] = "TJK"  # one wrong country: an FP and an FN
    second[0]["dates"] = second[0]["dates"][:1]  # one date fewer: an FN
    second[0]["documents"][1]["countries"] = ["EU"]
    second[0]["trade"][0]["amount"] = 1.015e9  # within 2%: still a match
    second.append({"id": "a3", "dct": "", "leaders": [], "dates": [], "documents": [],
                   "trade": []})
    a = write_gold(tmp_path / "a.gold.jsonl", GOLD)
    b = write_gold(tmp_path / "b.gold.jsonl", second)
    result = run(a, "--pred-gold", b, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    got = {t: (v["tp"], v["fp"], v["fn"]) for t, v in data["tables"].items()}
    assert got == {"leaders": (2, 1, 1), "dates": (1, 0, 1), "documents": (1, 1, 1),
                   "trade": (1, 0, 0)}
    assert data["articles"] == 2
    text = run(b, "--pred-gold", a)  # roles swapped: P and R swap, F1 stays
    rows = metrics_of(text.output)
    assert rows["dates"][:3] == ["0.500", "1.000", "0.667"]
    assert "annotated in one file set only" in text.output and "a3" in text.output


def test_pred_gold_scores_the_tables_both_annotate(tmp_path: Path) -> None:
    """A second reader of the documents alone ("tables": ["documents"]) is compared on the
    documents: the leaders, dates and amounts it did not read are no misses."""
    second = json.loads(json.dumps(GOLD))
    for line in second:
        line["tables"] = ["documents"]
        line["leaders"] = line["dates"] = line["trade"] = []
    second[0]["documents"] = second[0]["documents"][:1]  # one document fewer: an FN
    a = write_gold(tmp_path / "a.gold.jsonl", GOLD)
    b = write_gold(tmp_path / "b.gold.jsonl", second)
    out = run(a, "--pred-gold", b, "--json").output
    data = json.loads(out[out.index("{"):])
    assert data["annotated"] == ["documents"]
    docs = data["tables"]["documents"]
    assert (docs["tp"], docs["fp"], docs["fn"]) == (1, 0, 1)
    assert all(data["tables"][t]["fn"] == 0 for t in ("leaders", "dates", "trade"))
    assert data["macro"]["f1"] == docs["f1"]


def test_gold_line_scores_only_its_tables(tmp_path: Path, pred_dir: Path) -> None:
    """A line with "tables" (an annotation of some tables only) scores those tables; the
    rows of the others are neither hits nor false hits."""
    partial = json.loads(json.dumps(GOLD))
    partial[0]["tables"] = ["documents"]
    partial[0]["leaders"] = partial[0]["dates"] = partial[0]["trade"] = []
    result = run(write_gold(tmp_path / "p.gold.jsonl", partial), "--pred", pred_dir, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output[result.output.index("{"):])
    got = {t: (v["tp"], v["fp"], v["fn"]) for t, v in data["tables"].items()}
    # a2 annotates every table: its (missing) Putin is a leaders miss
    assert got == {"leaders": (0, 0, 1), "dates": (0, 0, 0), "documents": EXPECTED["documents"],
                   "trade": (0, 0, 0)}
    assert data["annotated"] == ["leaders", "dates", "documents", "trade"]
    # documents only: the other tables have no score and the macro is the documents F1
    only = write_gold(tmp_path / "d.gold.jsonl", partial[:1])
    text = run(only, "--pred", pred_dir).output
    rows = metrics_of(text)
    assert rows["leaders"] == ["not", "annotated", "in", "these", "gold", "files"]
    assert rows["macro"][2] == rows["documents"][2] == "0.667"
    out = run(only, "--pred", pred_dir, "--json").output
    data = json.loads(out[out.index("{"):])
    assert data["annotated"] == ["documents"] and data["macro"]["f1"] == 0.6667


def test_pred_folder_without_tables(gold_file: Path, tmp_path: Path) -> None:
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = run(gold_file, "--pred", empty)
    assert result.exit_code == 2
    assert "no leaders table" in result.output


def test_articles_runs_the_extraction(tmp_path: Path, seed_text: str) -> None:
    """--articles extracts first; the article id of a .txt is its stem, so the gold lines up.
    (Scores depend on the extractors; the bookkeeping does not.)"""
    article = tmp_path / "talks.txt"
    article.write_text(seed_text, encoding="utf-8")
    # a date value no extractor gives: it is a miss or a wrong value, never a hit
    dates = [{"text": "May 19", "value": "1999-12-31"}]
    gold = write_gold(tmp_path / "talks.gold.jsonl", [{**GOLD[0], "id": "talks", "dates": dates}])
    out = tmp_path / "tables"
    result = run(gold, "--articles", article, "--out", out, "--json", "--errors")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["articles"] == 1
    assert data["missing"] == [], data["notes"]
    for table, counts in data["tables"].items():
        assert counts["tp"] + counts["fn"] == len({**GOLD[0], "dates": dates}[table])
    assert (out / "leaders.csv").is_file()
    errors = [e for errs in data["errors"]["dates"].values() for e in errs
              if e["gold"] and e["gold"]["value"] == "1999-12-31"]
    assert len(errors) == 1
    assert errors[0]["sentence"].startswith("Recall, Kazakhstan President Kassym-Jomart Tokayev")


def test_articles_extracts_only_the_gold_articles(tmp_path: Path) -> None:
    """A big feed file with a few annotated articles: the others are not processed."""
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"id": f"a{i}", "date": "2024-05-02",
                                        "text": f"On April {i + 1} the ministers met in Paris."})
                            + "\n" for i in range(5)), encoding="utf-8")
    gold = write_gold(tmp_path / "one.gold.jsonl", [
        {"id": "a3", "dct": "2024-05-02", "leaders": [], "documents": [], "trade": [],
         "dates": [{"text": "April 4", "value": "2024-04-04"}]}])
    out = tmp_path / "tables"
    result = run(gold, "--articles", feed, "--out", out, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["missing"] == [] and data["tables"]["dates"]["tp"] == 1
    with open(out / "articles.csv", encoding="utf-8") as fh:
        assert [row["article_id"] for row in csv.DictReader(fh)] == ["a3"]

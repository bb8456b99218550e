"""`communique retrain`: learning from review decisions taken through the review app's code
path (ReviewFolder.decide / add -> DecisionStore.decide), on articles written for the tests
(tests/retrain_articles.py)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from pipeline.gazetteers import read_gazetteer
from pipeline.ingest import read_objects
from pipeline.retrain import STATUS_ACTIVE, STATUS_INACTIVE, retrain
from pipeline.retrain.split import split_articles
from pipeline.review.folder import ReviewFolder
from pipeline.rules import active_name, init_rules, resolve_rules, save_version, use_version
from pipeline.run import RunConfig, extract
from retrain_articles import CHANCELLORS, DEAL_RULE, DEALS, MISSED

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def run_extract(articles: list[dict], out: Path, rules: str | Path | None) -> Path:
    extract(RunConfig(inputs=[], records=list(read_objects(articles)), out=out,
                      models_dir=rules))
    return out


def rows(out: Path, table: str) -> list[dict[str, str]]:
    with open(out / f"{table}.csv", encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def review(out: Path, rules: str | Path, decide: dict[str, dict], reviewer: str = "ana"
           ) -> None:
    """Decide every row of the given articles as a reviewer would in the app: `decide`
    maps article id -> {"reject": rule ids to reject, "add": [(table, text, fields)]};
    every other extracted row is accepted."""
    folder = ReviewFolder(out, rules=str(rules))
    for article_id, what in decide.items():
        view = folder.article(article_id)
        for row in view.rows:
            action = "reject" if row.row.get("rule") in what.get("reject", ()) else "accept"
            folder.decide(row.row_id, action, reviewer, base=row.base)
        text = folder.index.text(article_id)
        for table, needle, fields in what.get("add", ()):
            start = text.index(needle)
            folder.add(article_id, table, start, start + len(needle), fields, reviewer)


@pytest.fixture(scope="module")
def gap_rules(tmp_path_factory) -> Path:
    """The packaged rules with a gap: no "Chancellor" office and no "tenge" currency."""
    path = tmp_path_factory.mktemp("gap") / "gap"
    init_rules(path, name="gap")
    for rel, drop in (("gazetteers/titles.csv", {"Chancellor", "Federal Chancellor"}),
                      ("gazetteers/currencies.csv", {"tenge"})):
        file = path / rel
        lines = file.read_text(encoding="utf-8").splitlines(keepends=True)
        kept = [line for line in lines if line.split(",")[0] not in drop]
        assert len(kept) == len(lines) - len(drop)
        file.write_text("".join(kept), encoding="utf-8")
    return path


def facts_of(table_rows: list[dict[str, str]], *fields: str) -> set[tuple[str, ...]]:
    return {tuple(r[f] for f in ("article_id", *fields)) for r in table_rows}


# ---------------------------------------------------------------- (1) a gap closes

def test_retrain_closes_a_gap_on_articles_nobody_reviewed(tmp_path, gap_rules):
    reviewed, unseen = CHANCELLORS[:4], CHANCELLORS[4:]
    out = run_extract(reviewed, tmp_path / "reviewed", gap_rules)
    assert not [r for r in rows(out, "leaders") if r["title"] == "Chancellor"]
    review(out, gap_rules, {a["id"]: {"add": MISSED[a["id"]]} for a in reviewed})

    result = retrain([out], rules=gap_rules, name="learned", holdout=0.25,
                     check_bundled=False)

    assert result.status == STATUS_ACTIVE and active_name() == "learned"
    learned = {(f.file, f.row["text"], f.row["code"]) for f in result.facts}
    assert ("gazetteers/titles.csv", "Chancellor", "Chancellor") in learned
    assert ("gazetteers/currencies.csv", "tenge", "KZT") in learned
    # data with the decisions it came from, readable by the existing loaders
    version = resolve_rules("learned").path
    titles = list(read_gazetteer(version / "gazetteers" / "titles.csv"))
    chancellor = next(r for r in titles if r["text"] == "Chancellor")
    assert chancellor["source"].startswith(f"review:{out}:l-")
    assert all(r["source"] == "" for r in titles if r is not chancellor)
    # the held-back part is measured before and after
    held = result.comparisons[0]
    assert held.after.tables["leaders"].f1 > held.before.tables["leaders"].f1

    # the other half, which nobody reviewed: the gap is closed, with precision unchanged
    before = run_extract(unseen, tmp_path / "before", gap_rules)
    after = run_extract(unseen, tmp_path / "after", "learned")
    full = run_extract(unseen, tmp_path / "full", None)
    for table, fields in (("leaders", ("name", "title", "country")),
                          ("trade", ("text", "amount", "currency"))):
        old, new = facts_of(rows(before, table), *fields), facts_of(rows(after, table), *fields)
        assert old < new, table  # everything found before is still found ...
        assert new == facts_of(rows(full, table), *fields), table  # ... and nothing wrong added
    assert len(facts_of(rows(after, "trade"), "text")) == 4
    assert {r["rules"] for r in rows(after, "articles")} == {
        f"learned@{resolve_rules('learned').version}"}


# ---------------------------------------------------------------- (2) a bad rule is switched off

def test_rejecting_a_rules_rows_disables_it(tmp_path):
    out = run_extract(DEALS[:6], tmp_path / "deals", None)
    assert {r["rule"] for r in rows(out, "trade")} == {DEAL_RULE}
    review(out, "default", {a["id"]: {"reject": {DEAL_RULE}} for a in DEALS[:6]})

    result = retrain([out], name="no-deals", holdout=0, check_bundled=False)

    assert [d["rule"] for d in result.disabled] == [DEAL_RULE]
    path = resolve_rules("no-deals").path / "patterns" / "disabled.csv"
    line = next(csv.DictReader(open(path, encoding="utf-8")))
    assert (line["rule"], line["table"], line["reviewed"], line["correct"],
            line["precision"]) == (DEAL_RULE, "trade", "6", "0", "0.0")
    assert line["sources"].startswith(f"review:{out}:t-")
    # the rule's rows are gone, on articles nobody reviewed too; the rule is not deleted
    unseen = run_extract(DEALS[6:], tmp_path / "unseen", "no-deals")
    assert rows(unseen, "trade") == []
    assert (resolve_rules("no-deals").path / "gazetteers/trade_measures.csv").read_bytes() == \
        (resolve_rules("default").path / "gazetteers/trade_measures.csv").read_bytes()
    diff = CliRunner().invoke(cli, ["rules", "diff", "default", "no-deals"])
    assert f"+ disabled rule {DEAL_RULE} (precision 0.0, on 6 reviewed trade rows)" \
        in diff.output


@pytest.mark.parametrize("accepted,rejected,disabled", [
    (0, 5, True),     # 5 reviewed rows, all wrong
    (2, 3, True),     # precision 0.4 < 0.5
    (0, 4, False),    # fewer than 5 reviewed rows: not enough evidence
    (3, 3, False),    # precision 0.5 is not below 0.5
])
def test_disabling_needs_five_reviewed_rows_and_precision_below_half(
        tmp_path, accepted, rejected, disabled):
    from pipeline.retrain.learn import Case, disabled_rules
    from pipeline.retrain.sources import Reviewed
    from pipeline.records import Article

    cases = []
    for n in range(accepted + rejected):
        row = {"row_id": f"t-{n}", "text": "5 million dollars", "amount": 5e6,
               "currency": "USD", "rule": "cue:x", "start": 0, "end": 17}
        truth = [{"text": "5 million dollars", "amount": 5e6, "currency": "USD",
                  "_ref": f"r{n}"}] if n < accepted else []
        reviewed = Reviewed(Article(article_id=f"a{n}", text="5 million dollars"),
                            ("trade",), {"trade": truth})
        cases.append(Case(reviewed, None, {"trade": [row]}))
    assert bool(disabled_rules(cases)) is disabled


# ---------------------------------------------------------------- (3) a loss is not activated

def test_a_retrain_that_lowers_a_table_is_not_activated(tmp_path):
    ids = [a["id"] for a in DEALS]
    learn_ids, held_ids = split_articles(ids, 0.25)
    assert len(held_ids) == 2
    out = run_extract(DEALS, tmp_path / "deals", None)
    # the reviewers disagree: those of the learned part reject the deals, the others keep them
    review(out, "default", {a: {"reject": {DEAL_RULE}} for a in learn_ids})
    review(out, "default", {a: {} for a in held_ids}, reviewer="ben")
    use_version(save_version(resolve_rules(None).path, "current").name)

    result = retrain([out], name="too-eager", holdout=0.25, check_bundled=False)

    assert result.status == STATUS_INACTIVE and active_name() == "current"
    assert "trade F1 1.000 -> 0.000" in result.reason
    manifest = resolve_rules("too-eager").manifest
    assert (manifest["status"], manifest["reason"]) == (STATUS_INACTIVE, result.reason)
    listed = CliRunner().invoke(cli, ["rules", "list"]).output
    assert "too-eager" in listed and \
        "retrain: NOT activated (a table loses more than 0.01 F1" in listed

    forced = retrain([out], name="forced", holdout=0.25, check_bundled=False, force=True)
    assert forced.status == STATUS_ACTIVE and active_name() == "forced"
    assert forced.reason.startswith("activated by --force despite: trade F1")


# ---------------------------------------------------------------- (4) rollback

def test_rollback_restores_the_previous_rows_exactly(tmp_path, gap_rules):
    use_version(save_version(gap_rules, "gap-v1").name)
    unseen = CHANCELLORS[4:]
    first = run_extract(unseen, tmp_path / "first", None)

    out = run_extract(CHANCELLORS[:4], tmp_path / "reviewed", None)
    review(out, "gap-v1", {a["id"]: {"add": MISSED[a["id"]]} for a in CHANCELLORS[:4]})
    runner = CliRunner()
    done = runner.invoke(cli, ["retrain", str(out), "--name", "gap-v2", "--holdout", "0.25",
                               "--no-bundled-gold", "--quiet"])
    assert done.exit_code == 0, done.output
    assert "version gap-v2" in done.output and "active" in done.output
    changed = run_extract(unseen, tmp_path / "changed", None)
    assert rows(changed, "leaders") != rows(first, "leaders")

    back = runner.invoke(cli, ["rules", "rollback"])
    assert back.exit_code == 0 and "active: gap-v1" in back.output
    again = run_extract(unseen, tmp_path / "again", None)
    for table in ("articles", "leaders", "dates", "documents", "trade"):
        assert (again / f"{table}.csv").read_bytes() == (first / f"{table}.csv").read_bytes()


# ---------------------------------------------------------------- the other sources

def test_learns_from_a_gold_file_and_from_exported_csvs(tmp_path, gap_rules):
    from pipeline.review.export import export

    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in CHANCELLORS[:4]), "utf-8")
    out = run_extract(CHANCELLORS[:4], tmp_path / "reviewed", gap_rules)
    review(out, gap_rules, {a["id"]: {"add": MISSED[a["id"]]} for a in CHANCELLORS[:4]})
    export(out, tmp_path / "export")
    # the same truth as a gold file
    gold = tmp_path / "mine.gold.jsonl"
    with open(gold, "w", encoding="utf-8") as fh:
        for a in CHANCELLORS[:4]:
            leaders = [{"name": f["name"], "title": f["title"], "country": f["country"]}
                       for t, _, f in MISSED[a["id"]] if t == "leaders"]
            trade = [{"text": text, "amount": f["amount"], "currency": f["currency"]}
                     for t, text, f in MISSED[a["id"]] if t == "trade"]
            fh.write(json.dumps({"id": a["id"], "dct": a["date"], "leaders": leaders,
                                 "dates": [], "documents": [], "trade": trade}) + "\n")
    for source, name in ((tmp_path / "export", "from-export"), (gold, "from-gold")):
        result = retrain([source], rules=gap_rules, name=name, holdout=0,
                         articles=[str(articles)], check_bundled=False)
        learned = {(f.row["text"], f.row["code"]) for f in result.facts}
        assert {("Chancellor", "Chancellor"), ("tenge", "KZT")} <= learned, name
        prefix = "export:" if name == "from-export" else "gold:"
        assert all(s.startswith(prefix) for f in result.facts for s in f.sources)


def test_a_gold_file_reviews_only_the_tables_its_lines_name(tmp_path):
    """A documents-only draw (`"tables": ["documents"]`) says nothing of the leaders, dates
    and amounts of its articles: their rows are neither right nor wrong to learn from."""
    from pipeline.retrain.sources import read_articles, read_gold_source

    articles = tmp_path / "articles.jsonl"
    articles.write_text("".join(json.dumps(a) + "\n" for a in CHANCELLORS), "utf-8")
    gold = tmp_path / "docs_only.gold.jsonl"
    gold.write_text("".join(json.dumps({"id": a["id"], "dct": a["date"], "leaders": [],
                                        "dates": [], "documents": [], "trade": [],
                                        "tables": ["documents"]}) + "\n"
                            for a in CHANCELLORS), encoding="utf-8")
    reviewed = read_gold_source(gold, read_articles([str(articles)]))
    assert {(r.tables, tuple(r.items)) for r in reviewed} == {(("documents",), ("documents",))}
    result = retrain([gold], name="docs-only", holdout=0, articles=[str(articles)],
                     check_bundled=False)
    assert result.disabled == [] and result.facts == []


@pytest.mark.parametrize("text,code,expected", [
    ("The Eurasian Fund for Stabilization and Development (EFSD) signed a loan agreement "
     "with Tajikistan.", "EFSD",
     {("Eurasian Fund for Stabilization and Development", "EFSD"), ("EFSD", "EFSD")}),
    # a well-known document's name is no organization's, even with the party's acronym
    ("China asked to join the General Agreement on Tariffs and Trade (GATT) as a full "
     "member.", "GATT", {("GATT", "GATT")}),
    # the rules know the bank (as ISDB): only the acronym this reviewer used is new
    ("The Islamic Development Bank (IDB) signed an agreement with Sri Lanka.", "IDB",
     {("IDB", "IDB")}),
])
def test_organization_forms_learned_from_a_documents_party(text, code, expected):
    from pipeline.retrain.learn import Case, Known, learn_organizations
    from pipeline.retrain.sources import Reviewed
    from pipeline.rules import default_rules_dir

    article = next(iter(read_objects([{"id": "a", "date": "1987-03-01", "text": text}])))
    item = {"type": "agreement", "countries": [code], "_ref": "t#documents[0]"}
    case = Case(Reviewed(article, ("documents",), {"documents": [item]}, source="t"), None,
                {"documents": []})
    facts = learn_organizations([case], Known(default_rules_dir()))
    assert {(f.row["text"], f.row["code"]) for f in facts} == expected


def test_sources_need_their_texts_and_reviews(tmp_path):
    gold = tmp_path / "x.gold.jsonl"
    gold.write_text(json.dumps({"id": "nowhere", "dct": "", "leaders": [], "dates": [],
                                "documents": [], "trade": []}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["retrain", str(gold), "--no-bundled-gold"])
    assert result.exit_code == 2
    assert "1 article(s) of this source have no text" in result.output and "'nowhere'" \
        in result.output
    out = run_extract(DEALS[:1], tmp_path / "unreviewed", None)
    result = CliRunner().invoke(cli, ["retrain", str(out)])
    assert result.exit_code == 2 and "not a retrain source" in result.output


@pytest.mark.parametrize("extracted,decided,covered", [
    ({"leaders": 2, "dates": 3}, {"leaders": 2, "dates": 3},
     ("leaders", "dates", "documents", "trade")),  # every row decided: the whole article
    ({"leaders": 2, "dates": 3}, {"leaders": 2, "dates": 1}, ("leaders",)),
    ({"leaders": 2}, {"leaders": 2, "trade": 1}, ("leaders", "dates", "documents", "trade")),
    ({"leaders": 2}, {}, ()),
    ({}, {"documents": 1}, ("leaders", "dates", "documents", "trade")),  # an added row
])
def test_tables_a_review_covers(extracted, decided, covered):
    from pipeline.retrain.sources import covered_tables

    assert covered_tables(extracted, decided) == covered


def test_a_marked_article_without_rows_is_reviewed_with_no_items(tmp_path):
    """"Reviewed: nothing to add" covers the marked tables without undecided rows, even with
    no row at all: their empty item lists are scored (a row there is a false positive)."""
    from helpers import review_items

    from pipeline.evaluate import group_rows, score
    from pipeline.retrain.sources import covered_tables, read_export, read_review_folder
    from pipeline.review.export import export
    from pipeline.review.fixtures import make_article, write_folder

    every = ("leaders", "dates", "documents", "trade")
    items = [*review_items(), (make_article("quiet", "The talks were postponed again.",
                                            published="2021-06-01"), {})]
    out = write_folder(tmp_path / "out", items)
    folder = ReviewFolder(out)
    folder.mark("quiet", "ana")
    folder.mark("hostile", "ana", tables=["dates", "trade"])  # its leaders row: undecided
    [trade] = [v for v in folder.article("summit").rows if v.table == "trade"]
    folder.decide(trade.row_id, "reject", "ana", base=0)
    texts = {article.article_id: article for article, _ in items}
    lines = export(out, tmp_path / "export").lines()
    assert lines[-1].endswith("decisions.csv: 1 decisions, 6 article tables marked complete")
    with open(tmp_path / "export" / "decisions.csv", encoding="utf-8", newline="") as fh:
        marks = [(r["article_id"], r["table"], r["row_id"]) for r in csv.DictReader(fh)
                 if r["action"] == "complete"]
    assert sorted(marks) == sorted([("quiet", t, "") for t in every]
                                   + [("hostile", "dates", ""), ("hostile", "trade", "")])

    for reviewed in (read_review_folder(out), read_export(tmp_path / "export", texts)):
        found = {r.article_id: r for r in reviewed}
        assert set(found) == {"quiet", "hostile", "summit"}
        assert found["quiet"].tables == every
        assert found["quiet"].items == {t: [] for t in every}
        assert found["hostile"].tables == ("dates", "trade")
        assert found["hostile"].items == {"dates": [], "trade": []}
        assert found["summit"].tables == ("trade",) and found["summit"].items == {"trade": []}
        assert [r["row_id"] for r in found["summit"].rejected["trade"]] == [trade.row_id]
    gold = {"quiet": found["quiet"].gold()}
    report = score(gold, group_rows({"leaders": [{"article_id": "quiet", "name": "X Y",
                                                  "country": "KAZ"}]}))
    assert (report.tables["leaders"].tp, report.tables["leaders"].fp) == (0, 1)

    folder.mark("quiet", "ana", complete=False)  # reopened: no longer reviewed
    assert "quiet" not in {r.article_id for r in read_review_folder(out)}
    assert covered_tables({"leaders": 1}, {}, marked=("leaders", "trade")) == ("trade",)


def test_unscored_tables_are_not_scored():
    from pipeline.evaluate import GoldArticle, group_rows, score

    gold = {"a": GoldArticle("a", "", {"leaders": [], "dates": [{"value": "2021"}],
                                       "documents": [], "trade": []}, "x", tables=("dates",))}
    preds = group_rows({"leaders": [{"article_id": "a", "name": "X Y", "country": "KAZ"}],
                        "dates": [{"article_id": "a", "value": "2021"}]})
    report = score(gold, preds)
    assert (report.tables["dates"].tp, report.tables["leaders"].fp) == (1, 0)


def test_split_is_by_article_and_fixed():
    ids = [f"a{i}" for i in range(10)]
    learn, held = split_articles(ids, 0.2)
    assert len(held) == 2 and set(learn) | set(held) == set(ids) and not set(learn) & set(held)
    assert split_articles(list(reversed(ids)), 0.2)[1] == sorted(held, key=ids[::-1].index)
    assert split_articles(ids, 0.2, seed=1)[1] != held or split_articles(ids, 0.2, seed=2)[1] \
        != held
    assert split_articles(["only"], 0.2) == (["only"], [])


# ---------------------------------------------------------------- --model-too

def test_model_too_trains_and_keeps_the_model_only_if_it_helps(tmp_path, gap_rules):
    out = run_extract(CHANCELLORS[:4], tmp_path / "reviewed", gap_rules)
    review(out, gap_rules, {a["id"]: {"add": MISSED[a["id"]]} for a in CHANCELLORS[:4]})

    result = retrain([out], rules=gap_rules, name="with-model", holdout=0.25,
                     check_bundled=False, model_too=True, epochs=1)

    model = result.model
    assert (model["train_docs"], model["dev_docs"]) == (3, 1) and model["entities"] > 0
    gain = model["held_back"]["macro_f1"]["after"] - model["held_back"]["macro_f1"]["before"]
    folder = resolve_rules("with-model").path / "model"
    if model["status"] == "kept":
        assert gain > 0 and (folder / "meta.json").is_file()
        assert result.version.manifest["model"]["status"] == "kept"
    else:
        assert gain <= 0 or "F1" in model["reason"]
        assert not folder.exists()


def test_a_rule_set_with_its_own_model_runs_with_it(tmp_path):
    import spacy

    from pipeline.nlp import build_pipeline, resolve_model
    from pipeline.run import run_version

    rules = init_rules(tmp_path / "own", name="own").path
    plain = run_version("auto", rules)
    nlp = spacy.load(resolve_model("auto"))
    nlp.meta["name"] = "own_model"
    nlp.to_disk(rules / "model")
    assert build_pipeline("auto", rules).meta["name"] == "own_model"
    model, fingerprint = run_version("auto", rules).split("|")
    assert model == "model:own_model-3.8.0"  # the run version names the rule set's model
    assert fingerprint != plain.split("|")[1]  # and the rules version covers its files
    saved = save_version(rules, "own-v1")
    assert (saved.path / "model" / "meta.json").is_file()
    assert "+ model model/" in CliRunner().invoke(cli, ["rules", "diff", "default",
                                                        "own-v1"]).output

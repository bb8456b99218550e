"""The spreadsheet round-trip: `review --export DIR` writes the reviewed tables, `--import
FILE.csv` reads an edited one back into decisions, reporting each line it cannot apply."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import SUMMIT, review_items
from pipeline.cli import cli
from pipeline.errors import UsageError
from pipeline.records import table_columns
from pipeline.review.decisions import load_decisions
from pipeline.review.export import REVIEW_COLUMNS, export, import_csv
from pipeline.review.fixtures import write_folder
from pipeline.review.folder import ReviewFolder


@pytest.fixture
def outdir(tmp_path) -> Path:
    return write_folder(tmp_path / "out", review_items())


def read(path: Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def reviewed(outdir: Path) -> dict[str, str]:
    """Review the summit: accept a leader, edit the other's country, reject a date, add one."""
    folder = ReviewFolder(outdir)
    view = folder.article("summit")
    leaders = [v for v in view.rows if v.table == "leaders"]
    dates = [v for v in view.rows if v.table == "dates"]
    folder.decide(leaders[0].row_id, "accept", "alice", base=0)
    folder.decide(leaders[1].row_id, "edit", "alice", base=0,
                  fields={"name": "Emomali Rahmon", "title": "President", "country": "UZB"})
    folder.decide(dates[1].row_id, "reject", "bob", base=0)
    start = SUMMIT.index("Dushanbe")
    added = folder.add("summit", "dates", start, start + 8, {"value": "2021"}, "bob")
    return {"accepted": leaders[0].row_id, "edited": leaders[1].row_id,
            "rejected": dates[1].row_id, "added": added.row_id}


def test_review_export_writes_corrected_tables(outdir, tmp_path):
    ids = reviewed(outdir)
    report = export(outdir, tmp_path / "reviewed")
    leaders = read(tmp_path / "reviewed" / "leaders.csv")
    assert list(leaders[0]) == [*table_columns("leaders"), *REVIEW_COLUMNS]
    by_id = {r["row_id"]: r for r in leaders}
    assert by_id[ids["accepted"]]["review"] == "accepted"
    assert by_id[ids["accepted"]]["reviewer"] == "alice" and by_id[ids["accepted"]]["reviewed_at"]
    assert (by_id[ids["edited"]]["country"], by_id[ids["edited"]]["review"]) == ("UZB", "edited")
    hostile = [r for r in leaders if r["article_id"] == "hostile"][0]
    assert hostile["review"] == "unreviewed" and hostile["reviewer"] == ""
    dates = read(tmp_path / "reviewed" / "dates.csv")
    assert ids["rejected"] not in {r["row_id"] for r in dates}
    added = [r for r in dates if r["row_id"] == ids["added"]][0]
    assert (added["review"], added["text"], added["value"], added["rule"]) == (
        "added", "Dushanbe", "2021", "review:added")
    assert [r["article_id"] for r in dates] == ["summit"] * 2  # 2 extracted - 1 + 1 added
    assert report.counts["dates"]["rejected"] == 1
    decisions = read(tmp_path / "reviewed" / "decisions.csv")
    assert {d["row_id"] for d in decisions} == set(ids.values())
    edited = [d for d in decisions if d["row_id"] == ids["edited"]][0]
    assert json.loads(edited["before"])["country"] == "TJK"
    assert json.loads(edited["after"])["country"] == "UZB"
    assert "dates.csv: 2 rows (added 1, unreviewed 1); 1 rejected left out" in \
        "\n".join(report.lines())


def test_review_import_applies_changed_cells_and_review_column(outdir, tmp_path):
    export(outdir, tmp_path / "x")
    rows = read(tmp_path / "x" / "trade.csv")
    rows[0]["currency"] = "EUR"  # an edit in the spreadsheet
    write(tmp_path / "trade.csv", rows)
    dates = read(tmp_path / "x" / "dates.csv")
    dates[0]["review"] = "accepted"
    dates[1]["review"] = "Rejected"
    write(tmp_path / "dates.csv", dates)
    report = import_csv(outdir, tmp_path / "trade.csv", reviewer="dana")
    assert (dict(report.applied), report.problems) == ({"edited": 1}, [])
    report = import_csv(outdir, tmp_path / "dates.csv", reviewer="dana")
    assert dict(report.applied) == {"accepted": 1, "rejected": 1}
    current = {d.row_id: d for d in load_decisions(outdir)}
    assert current[rows[0]["row_id"]].after["currency"] == "EUR"
    assert current[rows[0]["row_id"]].source == "import:trade.csv:2"
    assert current[dates[1]["row_id"]].action == "rejected"
    again = import_csv(outdir, tmp_path / "dates.csv", reviewer="dana")  # idempotent
    assert (sum(again.applied.values()), again.unchanged, again.problems) == (0, 2, [])


def test_review_import_adds_a_line_without_row_id(outdir, tmp_path):
    export(outdir, tmp_path / "x")
    rows = read(tmp_path / "x" / "leaders.csv")
    start = SUMMIT.index("Rahmon and")
    rows.append({**{k: "" for k in rows[0]}, "article_id": "summit", "name": "Emomali Rahmon",
                 "title": "President", "country": "TJK", "start": str(start),
                 "end": str(start + 6), "review": "added"})
    write(tmp_path / "leaders.csv", rows)
    report = import_csv(outdir, tmp_path / "leaders.csv", reviewer="eve")
    assert dict(report.applied) == {"added": 1} and report.problems == []
    [d] = load_decisions(outdir)
    assert (d.action, d.after["start"], d.after["name"]) == ("added", start, "Emomali Rahmon")
    assert import_csv(outdir, tmp_path / "leaders.csv").unchanged == len(rows)


def test_review_import_reports_each_bad_line_with_its_number(outdir, tmp_path):
    export(outdir, tmp_path / "x")
    rows = read(tmp_path / "x" / "documents.csv")
    base = rows[0]
    lines = [
        dict(base, signed_date="20/05/2021"),                      # line 2: a spreadsheet date
        dict(base, row_id="o-0000000000000000"),                   # line 3: unknown row
        dict(base, row_id="", review="maybe"),                     # line 4: bad review value
        dict(base, row_id="", start="12", end=""),                 # line 5: an add without end
        dict(base, review="accepted"),                             # line 6: row again
        dict(base, row_id="", start="3.5", end="9"),               # line 7: bad offset
        dict(base, row_id="", article_id="summit", start="0", end="5",
             doc_type="pact"),                                     # line 8: bad doc_type
        dict(base, row_id="", article_id="nope", start="0", end="5"),  # line 9: no article
        dict(base, row_id="", article_id="summit", start="3", end="15", title="the talks",
             review="added"),                                      # line 10: fine
    ]
    write(tmp_path / "documents.csv", lines)
    report = import_csv(outdir, tmp_path / "documents.csv", reviewer="fay")
    path = tmp_path / "documents.csv"
    assert report.problems == [
        f"{path}, line 2: signed_date: '20/05/2021' is not an ISO date; write YYYY, YYYY-MM "
        "or YYYY-MM-DD (e.g. 2021-05-20), or a range START/END",
        f"{path}, line 3: no row 'o-0000000000000000' in the documents table of this folder",
        f"{path}, line 4: review 'maybe' is not one of: accepted, edited, added, rejected, "
        "unreviewed",
        f"{path}, line 5: end must not be empty (a line without row_id adds a row: give "
        "article_id, start and end)",
        f"{path}, line 6: row {base['row_id']} is also on line 2",
        f"{path}, line 7: start '3.5' is not an integer character offset",
        f"{path}, line 8: doc_type: 'pact' is not one of: agreement, charter, contract, "
        "convention, declaration, joint_statement, memorandum, other, program, protocol, "
        "roadmap, treaty",
        f"{path}, line 9: no article 'nope' in this folder",
    ]
    assert dict(report.applied) == {"added": 1} and report.lines == 9


def test_review_import_refuses_a_row_of_another_article(outdir, tmp_path):
    export(outdir, tmp_path / "x")
    rows = read(tmp_path / "x" / "documents.csv")
    write(tmp_path / "documents.csv", [dict(rows[0], article_id="hostile", title="x")])
    [problem] = import_csv(outdir, tmp_path / "documents.csv").problems
    assert problem.endswith("line 2: article_id 'hostile' differs from the row's article "
                            "'summit'")


def test_review_import_line_numbers_count_multi_line_cells(outdir, tmp_path):
    export(outdir, tmp_path / "x")
    rows = read(tmp_path / "x" / "leaders.csv")
    rows[0]["sentence"] = "one\ntwo\nthree"  # the record spans lines 2-4
    rows[1]["country"] = "Atlantis"
    write(tmp_path / "leaders.csv", rows)
    report = import_csv(outdir, tmp_path / "leaders.csv")
    assert [p.split(": ", 1)[0] for p in report.problems] == [
        f"{tmp_path / 'leaders.csv'}, line 5"]


def test_review_import_does_not_overwrite_a_later_decision(outdir, tmp_path):
    export(outdir, tmp_path / "x")
    rows = read(tmp_path / "x" / "leaders.csv")
    folder = ReviewFolder(outdir)
    folder.decide(rows[0]["row_id"], "reject", "gus", base=0)  # after the export
    rows[0]["review"] = "accepted"
    write(tmp_path / "leaders.csv", rows)
    report = import_csv(outdir, tmp_path / "leaders.csv")
    assert len(report.problems) == 1
    assert "line 2: row" in report.problems[0] and "was rejected by gus" in report.problems[0]
    assert "after this file was exported; not applied" in report.problems[0]
    assert load_decisions(outdir)[0].action == "rejected"


@pytest.mark.parametrize("name,header,message", [
    ("people.csv", "row_id,review\n", "cannot tell which table this file holds"),
    ("leaders.csv", "row_id,article_id,name\n", "missing column(s) review, title, country"),
])
def test_review_import_refuses_a_file_it_cannot_read(outdir, tmp_path, name, header, message):
    path = tmp_path / name
    path.write_text(header, encoding="utf-8")
    with pytest.raises(UsageError) as info:
        import_csv(outdir, path)
    assert message in str(info.value)


def test_review_cli_export_and_import(outdir, tmp_path):
    runner = CliRunner()
    result = runner.invoke(cli, ["review", str(outdir), "--export", str(tmp_path / "e")])
    assert result.exit_code == 0, result.output
    assert "leaders.csv: 3 rows (unreviewed 3); 0 rejected left out" in result.output
    rows = read(tmp_path / "e" / "leaders.csv")
    rows[0]["review"], rows[1]["country"] = "rejected", "ZZZ"
    write(tmp_path / "edited.csv", rows)
    result = runner.invoke(cli, ["review", str(outdir), "--import", str(tmp_path / "edited.csv"),
                                 "--table", "leaders", "--reviewer", "hal"])
    assert result.exit_code == 1
    assert "1 decisions recorded (rejected 1), 1 unchanged, 1 not applied" in result.output
    assert "edited.csv, line 3: country: 'ZZZ' is not a country code" in result.output
    assert runner.invoke(cli, ["review", str(outdir), "--read-only", "--import",
                               str(tmp_path / "edited.csv")]).exit_code == 2

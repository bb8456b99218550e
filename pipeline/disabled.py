"""Rules a rule set switches off: `patterns/disabled.csv`, and the component that drops their rows.

`communique retrain` never deletes a rule that reviewers found mostly wrong: it lists it in the
new version's `patterns/disabled.csv`, one line per rule with the evidence

    rule,table,reviewed,correct,precision,sources
    year,dates,9,3,0.333,review:outputs:d-0f3c...;review:outputs:d-77a1...

and `communique_disabled`, the last component of the pipeline, drops every row whose `rule`
is listed (the rule's `id`, exactly as the tables show it). Deleting the line switches the rule
on again. The file is one of the rule files, so it is part of the rule set's version.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.errors import DataError, Errors
from pipeline.rules import component_dir

DISABLED_FILE = Path("patterns") / "disabled.csv"
DISABLED_COLUMNS = ("rule", "table", "reviewed", "correct", "precision", "sources")
COMPONENT = "communique_disabled"


def read_disabled(models_dir: Path | str) -> list[dict[str, str]]:
    """The lines of a rule set's disabled list ([] when it has none)."""
    path = Path(models_dir) / DISABLED_FILE
    if not path.is_file():
        return []
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        if "rule" not in (reader.fieldnames or []):
            raise DataError(Errors.D020.format(path=path, line=1,
                                               reason="missing column 'rule'"))
        out = []
        for row in reader:
            rule = (row.get("rule") or "").strip()
            if not rule:
                raise DataError(Errors.D020.format(path=path, line=reader.line_num,
                                                   reason="empty 'rule'"))
            out.append({k: (v or "").strip() for k, v in row.items() if k})
        return out


def disabled_rules(models_dir: Path | str) -> frozenset[str]:
    return frozenset(row["rule"] for row in read_disabled(models_dir))


class DisabledRules:
    """Drops the rows of disabled rules from `doc._.rows` (every table)."""

    def __init__(self, nlp: Language, name: str, models_dir: str = "") -> None:
        self.name = name
        self.rules = disabled_rules(component_dir(models_dir))

    def __call__(self, doc: Doc) -> Doc:
        if self.rules and doc._.rows:
            for table, rows in doc._.rows.items():
                doc._.rows[table] = [r for r in rows if r.rule not in self.rules]
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "disabled.json").write_text(json.dumps(sorted(self.rules)), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> DisabledRules:
        self.rules = frozenset(json.loads((Path(path) / "disabled.json").read_text("utf-8")))
        return self


@Language.factory(COMPONENT, assigns=["doc._.rows"], default_config={"models_dir": ""})
def make_disabled(nlp: Language, name: str, models_dir: str) -> DisabledRules:
    return DisabledRules(nlp, name, models_dir)
